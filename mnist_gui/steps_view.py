"""What the network sees and why: a reading's steps side by side, and its ten activations.

MNIST's digits were made by cropping the ink, scaling it to fit 20 x 20 pixels and
centring it by its centre of mass in 28 x 28 (MNIST's description). A drawing is prepared
the same way by :func:`core.reading.read_canvas`; :class:`StepsView` shows the images of a
:class:`~core.reading.Reading` at each step, so that a user sees why a digit drawn off-centre
or small is still read, and why a stroke that touches a stray dot is not. It computes
nothing itself: every image comes from the reading.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPen, QPixmap
from PySide6.QtWidgets import QGridLayout, QLabel, QVBoxLayout, QWidget

from core.preprocess import BOX, FIELD
from core.reading import Reading
from mnist_gui.widgets import ActivationBars, DigitView, gray_qimage

#: Colour of the frames (the 20 x 20 box, the 28 x 28 field) and of the centre mark.
FRAME_COLOUR = QColor(90, 120, 200)
CENTRE_COLOUR = QColor(230, 70, 60)


class ArrayView(DigitView):
    """A grey-level image shown in a square box: fitted smoothly, or on a pixel grid.

    Parameters
    ----------
    side : int
        Side of the box on screen (pixels).
    field : int, optional
        With a field, the image is drawn with square pixels (nearest neighbour) on a
        ``field`` x ``field`` grid of the box, centred on it, and the grid is outlined;
        without, it is scaled smoothly to fit the box, aspect ratio kept.
    centre : bool
        Mark the centre of the field's pixel (field / 2, field / 2), where MNIST puts the
        centre of mass.
    """

    def __init__(self, side: int = 120, field: int | None = None, centre: bool = False,
                 parent: QWidget | None = None):
        self._field, self._centre = field, centre  # (before DigitView's set-up, which shows no image)
        super().__init__(side, parent)

    def _pixmap(self, image: np.ndarray) -> QPixmap:
        """Fitted smoothly, or on the field's pixel grid (see the class docstring);
        :meth:`DigitView.set_image` takes a 2-D image or a ``(n*n,)`` row."""
        picture = gray_qimage(image)
        box = self._side - 2
        ratio = max(1.0, self.devicePixelRatioF())  # drawn at the screen's resolution: crisp on high DPI
        pixmap = QPixmap(round(box * ratio), round(box * ratio))
        pixmap.setDevicePixelRatio(ratio)  # (the painter's coordinates stay logical pixels)
        pixmap.fill(Qt.GlobalColor.black)
        painter = QPainter(pixmap)
        h, w = image.shape
        if self._field is None:
            scale = min(box / w, box / h)
            target = QRectF((box - w * scale) / 2, (box - h * scale) / 2, w * scale, h * scale)
            painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
            painter.drawImage(target, picture)
        else:
            cell = box / self._field
            target = QRectF((self._field - w) / 2 * cell, (self._field - h) / 2 * cell, w * cell, h * cell)
            painter.drawImage(target, picture)  # nearest neighbour: square pixels
            painter.setPen(QPen(FRAME_COLOUR, 1, Qt.PenStyle.DotLine))
            painter.drawRect(QRectF(0, 0, box - 1, box - 1))
            if self._centre:
                centre = QPointF((self._field // 2 + 0.5) * cell, (self._field // 2 + 0.5) * cell)
                painter.setPen(QPen(CENTRE_COLOUR, 1.5))
                painter.drawLine(centre - QPointF(cell, 0), centre + QPointF(cell, 0))
                painter.drawLine(centre - QPointF(0, cell), centre + QPointF(0, cell))
        painter.end()
        return pixmap


class StepsView(QWidget):
    """A reading's steps (cropped, scaled into 20 x 20, centred in 28 x 28) and its bars.

    Attributes
    ----------
    cropped_view, scaled_view, input_view : ArrayView
        The three steps, left to right.
    bars : mnist_gui.widgets.ActivationBars
        The ten output activations.
    """

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.cropped_view = ArrayView(120)
        self.cropped_view.setToolTip(self.tr(
            "1. Your ink cropped to its bounding box (pixels above 10% intensity), at the canvas's resolution."))
        self.scaled_view = ArrayView(120, field=BOX)
        self.scaled_view.setToolTip(self.tr(
            "2. Scaled so that its longer side is 20 pixels, aspect ratio kept, by averaging areas\n"
            "(this gives the grey edges, as in MNIST). The dotted square is the 20 x 20 box."))
        self.input_view = ArrayView(120, field=FIELD, centre=True)
        self.input_view.setToolTip(self.tr(
            "3. Placed in the 28 x 28 field so that its centre of mass falls on the red cross, as MNIST's\n"
            "digits were: this is exactly what the network sees, 784 numbers."))
        for view, name in ((self.cropped_view, self.tr("Cropped drawing")),
                           (self.scaled_view, self.tr("Scaled into 20 x 20")),
                           (self.input_view, self.tr("Network input, 28 x 28"))):
            view.setAccessibleName(name)
        self.cropped_size = QLabel()
        self.scaled_size = QLabel()
        self.inverted_label = QLabel(self.tr("Dark ink on a light background: inverted first."))
        self.inverted_label.setToolTip(self.tr("MNIST's digits are white on black; the border of this image "
                                               "was light, so its intensities were turned round."))
        self.inverted_label.setVisible(False)
        grid = QGridLayout()
        captions = (self.tr("Cropped to the ink"), self.tr("Scaled into 20 x 20"), self.tr("Centred in 28 x 28"))
        for i, (caption, view) in enumerate(zip(captions, (self.cropped_view, self.scaled_view, self.input_view),
                                                strict=True)):
            grid.addWidget(QLabel(caption), 0, 2 * i)
            grid.addWidget(view, 1, 2 * i)
            if i < 2:
                arrow = QLabel("→")
                arrow.setAlignment(Qt.AlignmentFlag.AlignCenter)
                grid.addWidget(arrow, 1, 2 * i + 1)
        widest = max(self.fontMetrics().horizontalAdvance(caption) for caption in captions) + 8
        for column in (0, 2, 4):  # the columns keep their places whatever the sizes say
            grid.setColumnMinimumWidth(column, max(widest, self.input_view.width() + 4))
        grid.setHorizontalSpacing(3)
        for label in (self.cropped_size, self.scaled_size):  # "280 x 280 canvas pixels" on two lines if need be
            label.setWordWrap(True)
        grid.addWidget(self.cropped_size, 2, 0)
        grid.addWidget(self.scaled_size, 2, 2)
        grid.addWidget(QLabel(self.tr("what the network sees")), 2, 4)
        grid.setColumnStretch(6, 1)
        self.bars = ActivationBars()
        self.bars.setMaximumHeight(260)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(grid)
        layout.addWidget(self.inverted_label)
        layout.addWidget(QLabel(self.tr("Output activations:")))
        layout.addWidget(self.bars, 1)

    def set_reading(self, reading: Reading | None, seen: np.ndarray | None = None) -> None:
        """Show a reading's steps and activations; None (or a reading without ink) clears.

        Parameters
        ----------
        reading : core.reading.Reading or None
        seen : ndarray, shape (784,), optional
            What the network consumes, if it differs from ``reading.input`` (a network
            that binarizes its input); by default ``reading.input``.
        """
        has_ink = reading is not None and reading.input is not None
        self.cropped_view.set_image(reading.cropped if has_ink else None)
        self.scaled_view.set_image(reading.scaled if has_ink else None)
        self.input_view.set_image((reading.input if seen is None else seen) if has_ink else None)
        if has_ink:
            (h, w), (h2, w2) = reading.cropped.shape, reading.scaled.shape
            self.cropped_size.setText(self.tr("{0} x {1} canvas pixels").format(w, h))
            self.scaled_size.setText(self.tr("{0} x {1} pixels").format(w2, h2))
        else:
            self.cropped_size.clear()
            self.scaled_size.clear()
        self.inverted_label.setVisible(reading is not None and reading.inverted)
        self.bars.set_activations(reading.activations if reading is not None else None)

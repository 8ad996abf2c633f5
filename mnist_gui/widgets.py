"""Small display widgets shared by the views."""

from __future__ import annotations

import html

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QEvent, QSize, Qt
from PySide6.QtGui import QFontMetrics, QImage, QPixmap
from PySide6.QtWidgets import (
    QLabel,
    QSizePolicy,
    QStyle,
    QStyleOptionProgressBar,
    QStylePainter,
    QToolTip,
    QWidget,
)

from mnist_gui import numbers
from mnist_gui.theme import PaletteFollowing

#: Colours used throughout the app.
BAR_COLOUR = (110, 140, 190)
PREDICTED_COLOUR = (40, 160, 70)
WRONG_COLOUR = (210, 60, 50)


#: The widest a long tooltip gets, in average characters; it wraps there.
TIP_CHARACTERS = 64


def rich_tip(text: str) -> str:
    """``text`` as a tooltip that wraps at about :data:`TIP_CHARACTERS` characters; each line
    of ``text`` becomes a paragraph. Qt shows a plain-text tooltip on one line as wide as the
    screen, and shapes a rich-text one 5:3, a narrow column; a table of fixed width makes it
    a readable block. (Give it the translated text: ``rich_tip(self.tr("..."))``; call it
    once the QApplication exists.)"""
    lines = text.split("\n")
    longest = max(len(line) for line in lines)
    width = QFontMetrics(QToolTip.font()).averageCharWidth() * min(longest, TIP_CHARACTERS)
    paragraphs = "".join(f"<p>{html.escape(line, quote=False)}</p>" for line in lines)
    return f"<qt><table width=\"{width}\"><tr><td>{paragraphs}</td></tr></table></qt>"


def gray_qimage(image: np.ndarray) -> QImage:
    """A ``QImage`` (Format_Grayscale8) of a 2-D uint8 array, owning a copy of the pixels.

    Parameters
    ----------
    image : ndarray, shape (h, w), uint8, or float in [0, 1]
    """
    image = np.asarray(image)
    if image.dtype != np.uint8:
        image = np.clip(np.rint(image * 255.0), 0, 255).astype(np.uint8)
    image = np.ascontiguousarray(image)
    h, w = image.shape
    return QImage(image.data, w, h, w, QImage.Format.Format_Grayscale8).copy()


def crisp_pixmap(image: QImage, width: int, height: int, ratio: float) -> QPixmap:
    """``image`` enlarged with square pixels (nearest neighbour, aspect ratio kept) to fit
    ``width`` x ``height`` logical pixels on a screen of ``ratio`` device pixels per logical
    pixel (``QWidget.devicePixelRatioF()``: 2 on a high-DPI screen). The pixmap has the
    screen's own resolution, so Qt does not stretch it again, which would blur or unevenly
    widen the digit's pixels; its ``deviceIndependentSize`` fits the box."""
    ratio = max(1.0, float(ratio))
    pixmap = QPixmap.fromImage(image).scaled(round(width * ratio), round(height * ratio),
                                             Qt.AspectRatioMode.KeepAspectRatio,
                                             Qt.TransformationMode.FastTransformation)
    pixmap.setDevicePixelRatio(ratio)
    return pixmap


class ActivationBars(PaletteFollowing, pg.PlotWidget):
    """The 10 output activations as vertical bars, one per digit, in [0, 1].

    The predicted digit's bar is green; with :meth:`set_activations`'s ``true_label`` set
    and different from the prediction, the prediction's bar is red and the true label's
    bar outlined.
    """

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent=parent)
        self.setMenuEnabled(False)
        self.setMouseEnabled(x=False, y=False)
        self.hideButtons()
        self.setXRange(-0.6, 9.6, padding=0)
        self.setYRange(0, 1.0, padding=0.02)
        axis = self.getAxis("bottom")
        axis.setTicks([[(i, str(i)) for i in range(10)]])
        self.getAxis("left").setTicks([[(0, "0"), (0.5, numbers.fixed(0.5, 1)), (1, "1")]])
        self.setLabel("left", self.tr("activation"))
        localize_axes(self.getPlotItem())
        self._bars = pg.BarGraphItem(x=np.arange(10), height=np.zeros(10), width=0.7,
                                     brushes=[pg.mkBrush(BAR_COLOUR)] * 10, pens=[pg.mkPen(None)] * 10)
        self.addItem(self._bars)
        self.setMinimumSize(220, 140)
        self.follow_palette()
        self.setToolTip(rich_tip(self.tr(
            "The output activations: each of the 10 output neurons gives a number between 0 and 1 (the sigmoid of "
            "its weighted input z), one per digit. The answer is the digit whose neuron is highest (green); a "
            "clear digit gives one bar near 1 and the others near 0.")))

    def sizeHint(self) -> QSize:
        """A modest preferred size (pyqtgraph's is large): a column that scrolls when short
        then asks only for what it needs, and the bars grow into the room left over."""
        return QSize(300, 150)

    def set_class_names(self, names) -> None:
        """Label the bars with class names (a sequence of str, label 0 first); names longer
        than five letters are cut, the full names go in the tooltip."""
        names = [str(n) for n in names]
        short = [n if len(n) <= 5 else n[:4] + "." for n in names]
        self.getAxis("bottom").setTicks([[(i, s) for i, s in enumerate(short)]])
        if short != names:
            self.getAxis("bottom").setToolTip(", ".join(f"{s}: {n}" for s, n in zip(short, names) if s != n))

    def set_activations(self, activations: np.ndarray | None, true_label: int | None = None) -> None:
        """Show ``(10,)`` activations in [0, 1], or nothing if None."""
        if activations is None:
            self._bars.setOpts(height=np.zeros(10), brushes=[pg.mkBrush(BAR_COLOUR)] * 10,
                               pens=[pg.mkPen(None)] * 10)
            return
        a = np.asarray(activations, dtype=float).reshape(-1)
        predicted = int(np.argmax(a))
        colour = PREDICTED_COLOUR if true_label is None or true_label == predicted else WRONG_COLOUR
        brushes = [pg.mkBrush(colour if i == predicted else BAR_COLOUR) for i in range(len(a))]
        pens = [pg.mkPen(PREDICTED_COLOUR, width=2) if (true_label == i and i != predicted) else pg.mkPen(None)
                for i in range(len(a))]
        self._bars.setOpts(x=np.arange(len(a)), height=a, brushes=brushes, pens=pens)

    def heights(self) -> np.ndarray:
        """The bar heights shown, ``(10,)`` (for tests)."""
        return np.asarray(self._bars.opts["height"], dtype=float)


class DigitView(QLabel):
    """A 28 x 28 image shown enlarged with square pixels (nearest-neighbour scaling)."""

    def __init__(self, side: int = 140, parent: QWidget | None = None):
        super().__init__(parent)
        self._side = side
        self.setFixedSize(side, side)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.setStyleSheet("background: black; border: 1px solid #888;")
        self._image: np.ndarray | None = None
        self.set_image(None)

    def set_image(self, image: np.ndarray | None) -> None:
        """Show a ``(28, 28)`` (or ``(784,)``) image, uint8 or float in [0, 1]; None clears."""
        self._image = None if image is None else np.asarray(image)
        if image is None:
            self.clear()
            return
        image = np.asarray(image)
        if image.ndim == 1:
            side = round(np.sqrt(image.size))
            image = image.reshape(side, side)
        self.setPixmap(self._pixmap(image))

    def changeEvent(self, event: QEvent) -> None:
        """Moved to a screen of another pixel density: the picture drawn again for it."""
        super().changeEvent(event)
        if event.type() == QEvent.Type.DevicePixelRatioChange and self._image is not None:
            self.set_image(self._image)

    def _pixmap(self, image: np.ndarray) -> QPixmap:
        """The picture of a 2-D image for the box, at the screen's resolution (subclasses
        draw it their way)."""
        return crisp_pixmap(gray_qimage(image), self._side - 2, self._side - 2, self.devicePixelRatioF())


def signed_rgb(image: np.ndarray, scale: float | None = None) -> np.ndarray:
    """Colour a signed image: positive values red, negative blue, zero white.

    Parameters
    ----------
    image : ndarray, shape (h, w), float
    scale : float, optional
        The magnitude drawn at full colour; by default the image's largest magnitude.

    Returns
    -------
    ndarray, shape (h, w, 3), uint8
    """
    image = np.asarray(image, dtype=np.float64)
    m = float(np.abs(image).max()) if scale is None else float(scale)
    t = np.clip(image / m, -1.0, 1.0) if m > 0 else np.zeros_like(image)
    fade = (255 * (1.0 - np.abs(t))).astype(np.uint8)  # how much white is left
    rgb = np.empty(image.shape + (3,), np.uint8)
    rgb[..., 0] = np.where(t > 0, 255, fade)
    rgb[..., 1] = fade
    rgb[..., 2] = np.where(t < 0, 255, fade)
    return rgb


class SignedImageView(DigitView):
    """A signed 28 x 28 image (weights times input, say) enlarged: positive red, negative
    blue, zero white (:func:`signed_rgb`)."""

    def __init__(self, side: int = 56, parent: QWidget | None = None):
        super().__init__(side, parent)
        self.setStyleSheet("background: white; border: 1px solid #888;")

    def _pixmap(self, image: np.ndarray) -> QPixmap:
        rgb = np.ascontiguousarray(signed_rgb(image))
        h, w = rgb.shape[:2]
        picture = QImage(rgb.data, w, h, 3 * w, QImage.Format.Format_RGB888).copy()
        return crisp_pixmap(picture, self._side - 2, self._side - 2, self.devicePixelRatioF())


class ProgressBar(QWidget):
    """A progress bar drawn like ``QProgressBar`` that repaints lazily.

    ``QProgressBar.setValue`` repaints at once (synchronously) whenever its text or bar
    changes, and a synchronous repaint flushes every pending update of the window with it,
    the plots included: twice per redraw during a run, that doubled the GUI thread's
    painting (measured: 7 ms per ``setValue``). Here :meth:`setValue` and
    :meth:`setFormat` only call ``update()``, which Qt merges into the window's next paint.

    Parameters
    ----------
    maximum : int
        The value of a full bar (the minimum is 0).

    The text is :meth:`format` with ``%p%`` replaced by the percentage, as in QProgressBar.
    """

    def __init__(self, maximum: int = 1000, parent: QWidget | None = None):
        super().__init__(parent)
        self._value, self._maximum, self._format = 0, max(1, int(maximum)), ""
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def value(self) -> int:
        """The value, 0 .. :meth:`maximum`."""
        return self._value

    def maximum(self) -> int:
        """The value of a full bar."""
        return self._maximum

    def setValue(self, value: int) -> None:
        """Set the value (clipped to 0 .. maximum); repaints later, only if it changed."""
        value = min(max(int(value), 0), self._maximum)
        if value != self._value:
            self._value = value
            self.update()

    def format(self) -> str:
        """The text pattern (``"epoch 3/30  %p%"``)."""
        return self._format

    def setFormat(self, text: str) -> None:
        """Set the text pattern; ``%p%`` stands for the percentage."""
        if text != self._format:
            self._format = text
            self.update()

    def text(self) -> str:
        """The text shown."""
        return self._format.replace("%p", str(round(100 * self._value / self._maximum)))

    def _option(self):
        option = QStyleOptionProgressBar()
        option.initFrom(self)
        option.state |= QStyle.StateFlag.State_Horizontal  # (Qt 6: without it, styles draw a vertical bar)
        option.minimum, option.maximum, option.progress = 0, self._maximum, self._value
        option.text, option.textVisible = self.text(), True
        option.textAlignment = Qt.AlignmentFlag.AlignCenter
        return option

    def sizeHint(self):
        height = self.fontMetrics().height() + 6
        return self.style().sizeFromContents(QStyle.ContentsType.CT_ProgressBar, self._option(),
                                             QSize(120, height), self)

    def minimumSizeHint(self):
        return self.sizeHint()

    def paintEvent(self, event) -> None:
        painter = QStylePainter(self)
        painter.drawControl(QStyle.ControlElement.CE_ProgressBar, self._option())


def localize_axes(plot: pg.PlotItem) -> None:
    """Make ``plot``'s axes write their tick numbers with the locale's decimal mark ("0,5"
    in French): pyqtgraph's ``AxisItem.tickStrings`` always writes a point. The axes'
    own formatting (precision, SI prefixes) is kept; only the mark is swapped."""
    for name in ("left", "bottom", "right", "top"):
        axis = plot.getAxis(name)
        if getattr(axis, "_localized", False):
            continue
        original = axis.tickStrings

        def tick_strings(values, scale, spacing, _original=original):
            point = numbers.decimal_point()
            strings = _original(values, scale, spacing)
            return strings if point == "." else [s.replace(".", point) for s in strings]

        axis.tickStrings = tick_strings
        axis._localized = True

"""DrawingCanvas: a square the user draws a digit on with the mouse."""

from __future__ import annotations

from collections.abc import Iterable
from itertools import pairwise

import numpy as np
from PySide6.QtCore import QPointF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QImage, QMouseEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget


class DrawingCanvas(QWidget):
    """A 280 x 280 pixel canvas: white ink on black with a round pen, like MNIST's digits.

    Strokes are painted into a ``QImage`` of fixed size (``Format_Grayscale8``), so what
    the network sees does not depend on how large the widget is shown. The widget emits
    :attr:`image_changed` after every change (each mouse move while drawing, and clear).

    Parameters
    ----------
    size : int
        Side of the drawing in pixels (280, ten times MNIST's 28).
    pen_width : float
        Width of the round pen in canvas pixels. 22 px on 280 becomes about 2 px once the
        digit is scaled into MNIST's 20 x 20 box, about the width of MNIST's strokes.
    """

    #: Emitted after the drawing changed.
    image_changed = Signal()
    #: Pen width for the network's copy, as a fraction of the drawing's larger side: a 22 px
    #: pen on a 200 px digit, which comes out about 2 px wide in MNIST's 20 x 20 box.
    PEN_FRACTION = 0.11
    #: A drawing whose points span less than this (pixels) is a dot, not a digit.
    MIN_EXTENT = 12.0

    def __init__(self, size: int = 280, pen_width: float = 22.0, parent: QWidget | None = None):
        super().__init__(parent)
        self._image = QImage(size, size, QImage.Format.Format_Grayscale8)
        self._image.fill(Qt.GlobalColor.black)
        self._pen = QPen(QColor(255, 255, 255), pen_width, Qt.PenStyle.SolidLine,
                         Qt.PenCapStyle.RoundCap, Qt.PenJoinStyle.RoundJoin)
        self._last: QPointF | None = None
        self._strokes: list[list[QPointF]] = []  # the points drawn, stroke by stroke
        self._max_pen = pen_width
        self._empty = True
        self.setFixedSize(size, size)
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.setCursor(Qt.CursorShape.CrossCursor)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self.setToolTip(self.tr("Draw a digit with the mouse (left button). Esc clears."))
        self.setAccessibleName(self.tr("Drawing canvas"))

    # -- public API ---------------------------------------------------------------------

    def sizeHint(self) -> QSize:
        return self._image.size()

    def is_empty(self) -> bool:
        """True if nothing has been drawn since the last clear."""
        return self._empty

    def clear(self) -> None:
        """Erase the drawing and emit :attr:`image_changed`."""
        self._image.fill(Qt.GlobalColor.black)
        self._empty = True
        self._last = None
        self._strokes = []
        self.update()
        self.image_changed.emit()

    def add_stroke(self, points: Iterable[tuple[float, float]]) -> None:
        """Draw a stroke through canvas pixel coordinates ``[(x, y), ...]``, as a mouse drag
        would, and emit :attr:`image_changed` once. One point draws a dot."""
        pts = [QPointF(float(x), float(y)) for x, y in points]
        if not pts:
            return
        self._strokes.append(list(pts))
        self._paint_segment(pts[0], pts[0])
        for a, b in pairwise(pts):
            self._paint_segment(a, b)
        self.image_changed.emit()

    def to_array(self) -> np.ndarray:
        """The drawing as an ``(size, size)`` uint8 array, 0 background, 255 full ink
        (a copy the caller owns)."""
        return _image_array(self._image)

    def extent(self) -> float:
        """The larger side of the box around the points drawn (canvas pixels; 0 if empty)."""
        xs = [p.x() for stroke in self._strokes for p in stroke]
        ys = [p.y() for stroke in self._strokes for p in stroke]
        return max(max(xs) - min(xs), max(ys) - min(ys)) if xs else 0.0

    def network_array(self) -> np.ndarray | None:
        """The drawing as the network should get it, or None if it is empty or only a dot.

        The strokes are drawn again with a pen in proportion to the drawing's size
        (:attr:`PEN_FRACTION` of its larger side, at most the canvas pen), so that a digit
        drawn small is not a blob once it is scaled up into MNIST's 20 x 20 box. Returns an
        ``(size, size)`` uint8 array, 0 background, 255 full ink.
        """
        extent = self.extent()
        if extent < self.MIN_EXTENT:
            return None
        image = QImage(self._image.size(), QImage.Format.Format_Grayscale8)
        image.fill(Qt.GlobalColor.black)
        pen = QPen(self._pen)
        pen.setWidthF(min(self._max_pen, self.PEN_FRACTION * extent))
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(pen)
        for stroke in self._strokes:
            painter.drawPoint(stroke[0])
            for a, b in pairwise(stroke):
                painter.drawLine(a, b)
        painter.end()
        return _image_array(image)

    # -- Qt events ----------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.drawImage(0, 0, self._image)
        painter.end()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._last = event.position()
            self._strokes.append([self._last])
            self._paint_segment(self._last, self._last)
            self.image_changed.emit()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._last is not None and event.buttons() & Qt.MouseButton.LeftButton:
            pos = event.position()
            self._strokes[-1].append(pos)
            self._paint_segment(self._last, pos)
            self._last = pos
            self.image_changed.emit()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._last = None

    # -- helpers ------------------------------------------------------------------------

    def _paint_segment(self, a: QPointF, b: QPointF) -> None:
        painter = QPainter(self._image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(self._pen)
        if a == b:
            painter.drawPoint(a)
        else:
            painter.drawLine(a, b)
        painter.end()
        self._empty = False
        self.update()


def _image_array(image: QImage) -> np.ndarray:
    """A Format_Grayscale8 QImage as an ``(h, w)`` uint8 array the caller owns."""
    h, w, stride = image.height(), image.width(), image.bytesPerLine()
    buf = np.frombuffer(image.constBits(), dtype=np.uint8, count=h * stride)
    return buf.reshape(h, stride)[:, :w].copy()

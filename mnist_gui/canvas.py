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

    def __init__(self, size: int = 280, pen_width: float = 22.0, parent: QWidget | None = None):
        super().__init__(parent)
        self._image = QImage(size, size, QImage.Format.Format_Grayscale8)
        self._image.fill(Qt.GlobalColor.black)
        self._pen = QPen(QColor(255, 255, 255), pen_width, Qt.PenStyle.SolidLine,
                         Qt.PenCapStyle.RoundCap, Qt.PenJoinStyle.RoundJoin)
        self._last: QPointF | None = None
        self._empty = True
        self.setFixedSize(size, size)
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.setCursor(Qt.CursorShape.CrossCursor)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self.setToolTip("Draw a digit with the mouse (left button). Esc clears.")
        self.setAccessibleName("Drawing canvas")

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
        self.update()
        self.image_changed.emit()

    def add_stroke(self, points: Iterable[tuple[float, float]]) -> None:
        """Draw a stroke through canvas pixel coordinates ``[(x, y), ...]``, as a mouse drag
        would, and emit :attr:`image_changed` once. One point draws a dot."""
        pts = [QPointF(float(x), float(y)) for x, y in points]
        if not pts:
            return
        self._paint_segment(pts[0], pts[0])
        for a, b in pairwise(pts):
            self._paint_segment(a, b)
        self.image_changed.emit()

    def to_array(self) -> np.ndarray:
        """The drawing as an ``(size, size)`` uint8 array, 0 background, 255 full ink
        (a copy the caller owns)."""
        img = self._image
        h, w, stride = img.height(), img.width(), img.bytesPerLine()
        buf = np.frombuffer(img.constBits(), dtype=np.uint8, count=h * stride)
        return buf.reshape(h, stride)[:, :w].copy()

    # -- Qt events ----------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.drawImage(0, 0, self._image)
        painter.end()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._last = event.position()
            self._paint_segment(self._last, self._last)
            self.image_changed.emit()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._last is not None and event.buttons() & Qt.MouseButton.LeftButton:
            pos = event.position()
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

"""DrawingCanvas: a square the user draws a digit on with the mouse or a tablet pen.

A stroke is painted as it is drawn, one piece per new point, into a fixed-size ``QImage``,
and only the rectangle that piece covers is repainted, so a mouse move costs the same
whether the drawing holds one stroke or twenty. The points are joined by quadratic Bézier
curves through their midpoints (each point is the control point of the curve from the
midpoint before it to the midpoint after it), the usual way drawing programs smooth a
polyline: the stroke has no corners at the points, and its shape depends only on the
points, not on how fast they arrived or how the events were grouped.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, field

import numpy as np
from PySide6.QtCore import QCoreApplication, QPointF, QRect, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QDragEnterEvent,
    QDropEvent,
    QImage,
    QInputDevice,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPen,
    QTabletEvent,
)
from PySide6.QtWidgets import QSizePolicy, QWidget

from core.reading import is_ink_high
from mnist_gui.widgets import gray_qimage

#: Points of a stroke closer than this to the last one kept are dropped (canvas pixels):
#: a resting or sub-pixel mouse adds nothing but work.
MIN_STEP = 1.0
#: The network's copy of a stroke leaves out points closer than this to the last one kept
#: (canvas pixels; a seventh of a pixel in MNIST's 20 x 20 box): the same curve, painted
#: several times faster.
NETWORK_STEP = 2.0
#: Undo keeps at most this many earlier states (each a copy of the 280 x 280 image, 78 kB).
MAX_UNDO = 100
#: Pen widths the user can choose (canvas pixels).
MIN_PEN, MAX_PEN, DEFAULT_PEN = 4, 60, 22


@dataclass(eq=False)
class Stroke:
    """One stroke: its points (canvas pixels), the pen width at each (pixels) and its ink (0..255)."""

    points: list[QPointF] = field(default_factory=list)
    widths: list[float] = field(default_factory=list)
    ink: int = 255


@dataclass(frozen=True)
class _State:
    """What undo restores: the image shown, the image loaded under the strokes, the strokes."""

    image: QImage
    base: QImage | None
    strokes: tuple[Stroke, ...]
    ink: int


def _mid(a: QPointF, b: QPointF) -> QPointF:
    return (a + b) / 2


def _piece(stroke: Stroke, k: int, final: bool = False) -> tuple[QPainterPath | QPointF, float]:
    """The piece of ``stroke`` painted when its point ``k`` arrives (``final``: when it ends).

    Point 0 is a dot; point 1 adds the straight start, p0 to the midpoint m0 of p0 p1; point
    k >= 2 adds the quadratic curve from m(k-2) through the control point p(k-1) to m(k-1);
    the end adds the straight finish from the last midpoint to the last point. Together the
    pieces are the whole smoothed stroke. Returns (a path, or the dot's point; the pen width).
    """
    p, w = stroke.points, stroke.widths
    if final:
        path = QPainterPath(_mid(p[-2], p[-1]))
        path.lineTo(p[-1])
        return path, w[-1]
    if k == 0:
        return p[0], w[0]
    if k == 1:
        path = QPainterPath(p[0])
        path.lineTo(_mid(p[0], p[1]))
        return path, (w[0] + w[1]) / 2
    path = QPainterPath(_mid(p[k - 2], p[k - 1]))
    path.quadTo(p[k - 1], _mid(p[k - 1], p[k]))
    return path, w[k - 1]


def _smooth_paths(stroke: Stroke, width_of, min_step: float = 0.0):
    """The whole stroke as few shapes as possible, for painting it again at once: the same
    curve as its pieces (:func:`_piece`) in one path for each run of pieces whose pen,
    ``width_of(width)``, is the same (one path for a mouse stroke), or the dot of a
    one-point stroke. With ``min_step``, only the first point of each ``min_step`` pixels
    of the stroke's length is kept, and the last. Yields (path or point, width)."""
    xy = np.array([(p.x(), p.y()) for p in stroke.points])  # (n, 2)
    widths = np.asarray(stroke.widths, dtype=float)
    if min_step > 0 and len(xy) > 2:  # a point each min_step pixels along the stroke, and the last
        along = np.concatenate([[0.0], np.cumsum(np.hypot(*np.diff(xy, axis=0).T))]) // min_step
        keep = np.flatnonzero(np.diff(along, prepend=-1.0) > 0)
        keep = np.union1d(keep, [len(xy) - 1])
        xy, widths = xy[keep], widths[keep]
    n = len(xy)
    if n == 1:
        yield QPointF(*xy[0]), width_of(widths[0])
        return
    mid = ((xy[:-1] + xy[1:]) / 2).tolist()  # (n - 1, 2): m[k] between points k and k + 1
    points = xy.tolist()
    current = width_of((widths[0] + widths[1]) / 2)
    path = QPainterPath(QPointF(*points[0]))
    path.lineTo(*mid[0])
    for k in range(2, n + 1):
        width = width_of(widths[k - 1])
        if width != current:
            yield path, current
            path, current = QPainterPath(QPointF(*mid[k - 2])), width
        if k < n:
            path.quadTo(*points[k - 1], *mid[k - 1])
        else:
            path.lineTo(*points[-1])
    yield path, current


def _pen(ink: int, width: float) -> QPen:
    return QPen(QColor(ink, ink, ink), max(width, 0.5), Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap,
                Qt.PenJoinStyle.RoundJoin)


def _paint(image: QImage, pieces, ink: int, width_of=lambda w: w) -> QRect:
    """Paint ``pieces`` (from :func:`_piece`) into ``image`` with round-capped, antialiased
    pens of ``width_of(width)`` pixels; returns the rectangle they cover."""
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    dirty = QRectF()
    for shape, width in pieces:
        width = width_of(width)
        painter.setPen(_pen(ink, width))
        if isinstance(shape, QPointF):
            painter.drawPoint(shape)
            box = QRectF(shape, shape)
        else:
            painter.drawPath(shape)
            box = shape.controlPointRect()
        margin = width / 2 + 2
        dirty = dirty.united(box.adjusted(-margin, -margin, margin, margin))
    painter.end()
    return dirty.toAlignedRect()


class DrawingCanvas(QWidget):
    """A 280 x 280 pixel canvas: white ink on black with a round pen, like MNIST's digits.

    Strokes are painted into a ``QImage`` of fixed size (``Format_Grayscale8``), so what
    the network sees does not depend on how large the widget is shown. Left button (or a
    tablet pen, whose pressure sets the width) draws; a right click clears. Every stroke,
    clear and :meth:`set_image` can be undone and redone; undo gives back the exact image
    of before.

    Parameters
    ----------
    size : int
        Side of the drawing in pixels (280, ten times MNIST's 28).
    pen_width : float
        Width of the round pen in canvas pixels. 22 px on 280 becomes about 2 px once the
        digit is scaled into MNIST's 20 x 20 box, about the width of MNIST's strokes.

    Signals
    -------
    image_changed()
        After every change: each new point of a stroke being drawn, the stroke's end,
        clear, undo, redo, :meth:`set_image`. :meth:`is_drawing` tells a change in the
        middle of a stroke from a finished one.
    history_changed()
        What :meth:`can_undo` or :meth:`can_redo` say may have changed.
    file_dropped(str)
        A local file was dropped on the canvas (its path); the canvas does not open it.
    """

    image_changed = Signal()
    history_changed = Signal()
    file_dropped = Signal(str)
    #: Pen width for the network's copy, as a fraction of the drawing's larger side: a 22 px
    #: pen on a 200 px digit, which comes out about 2 px wide in MNIST's 20 x 20 box...
    PEN_FRACTION = 0.11
    #: ... and at least this fraction, so that a digit drawn with a very thin pen is not
    #: a hairline either once scaled (measured with the bundled network on 105 digits of
    #: benchmarks/_canvas_timing.py drawn with a 5 px pen: 56 read without this floor,
    #: 105 with it; at 10 to 40 px, 105 either way).
    MIN_PEN_FRACTION = 0.07
    #: A drawing whose points span less than this (pixels) is too small to redraw in
    #: proportion: the network gets it as shown (and :func:`core.reading.read_canvas`
    #: calls it a dot).
    MIN_EXTENT = 12.0

    def __init__(self, size: int = 280, pen_width: float = DEFAULT_PEN, parent: QWidget | None = None):
        super().__init__(parent)
        self._image = QImage(size, size, QImage.Format.Format_Grayscale8)
        self._image.fill(Qt.GlobalColor.black)
        self._pen_width = float(pen_width)
        self._base: QImage | None = None  # an image put on the canvas (set_image), under the strokes
        self._ink = 255  # the pens' ink: 255 on black, 0 on an image of dark ink on a light ground
        self._strokes: list[Stroke] = []  # the strokes drawn since the last clear or set_image
        self._stroke: Stroke | None = None  # the stroke being drawn
        self._tail: tuple[QPointF, QPointF, float] | None = None  # shown, not yet painted: last midpoint -> point
        self._compressing: bool | None = None  # the app's own merging of mouse moves, while held
        self._undo: list[_State] = []
        self._redo: list[_State] = []
        self.setFixedSize(size, size)
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.setCursor(Qt.CursorShape.CrossCursor)
        self.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self.setAcceptDrops(True)
        self.setToolTip(self.tr("Draw a digit with the mouse (left button) or a pen.\n"
                                "Right click, Esc or Delete clears; Ctrl+Z undoes a stroke.\n"
                                "Drop a PNG or JPEG image here to read it."))
        self.setAccessibleName(self.tr("Drawing canvas"))
        self.setAccessibleDescription(self.tr("Draw a digit; the network's answer is shown beside it"))

    # -- public API ---------------------------------------------------------------------

    def sizeHint(self) -> QSize:
        return self._image.size()

    def is_empty(self) -> bool:
        """True if nothing has been drawn or put on the canvas since the last clear."""
        return not self._strokes and self._base is None

    def is_drawing(self) -> bool:
        """True while a stroke is being drawn (between press and release)."""
        return self._stroke is not None

    def pen_width(self) -> float:
        """The pen's width in canvas pixels (a tablet pen's at medium pressure)."""
        return self._pen_width

    def set_pen_width(self, width: float) -> None:
        """Set the width of the next strokes (canvas pixels; clipped to 4..60)."""
        self._pen_width = float(min(max(width, MIN_PEN), MAX_PEN))

    def can_undo(self) -> bool:
        """True if there is a change to undo."""
        return bool(self._undo)

    def can_redo(self) -> bool:
        """True if there is an undone change to redo."""
        return bool(self._redo)

    def clear(self) -> None:
        """Erase the drawing (undoable) and emit :attr:`image_changed`."""
        self._end_stroke(emit=False)
        if not self.is_empty():
            self._push_undo()
            self._restore(_State(self._blank(), None, (), 255))
        self.update()
        self.image_changed.emit()

    def undo(self) -> None:
        """Go back to the state before the last stroke, clear or :meth:`set_image`."""
        self._end_stroke(emit=False)
        if self._undo:
            self._redo.append(self._state())
            self._restore(self._undo.pop())
            self.history_changed.emit()
            self.image_changed.emit()

    def redo(self) -> None:
        """Do again what :meth:`undo` took back."""
        self._end_stroke(emit=False)
        if self._redo:
            self._undo.append(self._state())
            self._restore(self._redo.pop())
            self.history_changed.emit()
            self.image_changed.emit()

    def add_stroke(self, points: Iterable[tuple[float, float]], widths: Iterable[float] | None = None) -> None:
        """Draw a stroke through canvas pixel coordinates ``[(x, y), ...]`` exactly as a mouse
        drag through them would, and emit :attr:`image_changed` once. One point draws a dot.

        Parameters
        ----------
        points : iterable of (float, float)
            x (column) and y (row) in canvas pixels.
        widths : iterable of float, optional
            The pen width at each point (pixels), as a tablet's pressure gives; by default
            :meth:`pen_width` throughout.
        """
        pts = [QPointF(float(x), float(y)) for x, y in points]
        if not pts:
            return
        widths = [self._pen_width] * len(pts) if widths is None else [float(w) for w in widths]
        self._end_stroke(emit=False)
        self._begin_stroke(pts[0], widths[0])
        for point, width in zip(pts[1:], widths[1:], strict=True):
            self._extend_stroke(point, width)
        self._end_stroke(emit=False)
        self.image_changed.emit()

    def image(self) -> np.ndarray:
        """The drawing as shown, an ``(size, size)`` uint8 array, 0 background and 255 full ink
        (or the other way round for an image of dark ink put on the canvas), a copy the
        caller owns."""
        return qimage_array(self._image)

    to_array = image  # the earlier name

    def set_image(self, image: np.ndarray) -> None:
        """Put an image on the canvas in place of the drawing (undoable), to draw on.

        Parameters
        ----------
        image : ndarray, shape (h, w), uint8 (0..255) or float in [0, 1]
            Any size and either polarity (white ink on black as MNIST, or dark ink on a
            light ground as on paper, told apart by :func:`core.reading.is_ink_high`). A
            canvas-sized image is taken as it is; another is scaled smoothly to fit the
            canvas, aspect ratio kept, on the image's own background colour. The pens then
            draw in the image's ink.

        Raises
        ------
        ValueError
            ``image`` is not two-dimensional or is empty.
        """
        image = np.asarray(image)
        if image.ndim != 2 or image.size == 0:
            raise ValueError(f"expected a non-empty 2-D image, got shape {image.shape}.")
        ink_high = is_ink_high(image)
        picture = gray_qimage(image)
        size = self._image.size()
        if picture.size() != size:
            picture = picture.scaled(size, Qt.AspectRatioMode.KeepAspectRatio,
                                     Qt.TransformationMode.SmoothTransformation)
            picture = picture.convertToFormat(QImage.Format.Format_Grayscale8)
            canvas = QImage(size, QImage.Format.Format_Grayscale8)
            canvas.fill(QColor(0, 0, 0) if ink_high else QColor(255, 255, 255))
            painter = QPainter(canvas)
            painter.drawImage((size.width() - picture.width()) // 2, (size.height() - picture.height()) // 2,
                              picture)
            painter.end()
            picture = canvas
        self._end_stroke(emit=False)
        self._push_undo()
        self._restore(_State(picture.copy(), picture, (), 255 if ink_high else 0))
        self.update()
        self.image_changed.emit()

    def extent(self) -> float:
        """The larger side of the box around the points drawn (canvas pixels; 0 if none)."""
        xs = [p.x() for stroke in self._strokes for p in stroke.points]
        ys = [p.y() for stroke in self._strokes for p in stroke.points]
        return max(max(xs) - min(xs), max(ys) - min(ys)) if xs else 0.0

    def network_array_or_image(self) -> np.ndarray:
        """The drawing as the network should get it: an ``(size, size)`` uint8 array.

        Strokes alone are painted again, each as one smooth path through its points
        (those :data:`NETWORK_STEP` apart), with a pen in proportion to the drawing's size (each width clipped to :attr:`MIN_PEN_FRACTION`
        .. :attr:`PEN_FRACTION` of its larger side), so that a digit drawn small is not a
        blob once it is scaled up into MNIST's 20 x 20 box, nor one drawn with a fine pen a
        hairline. An image put on the canvas (with any strokes on it), or a drawing
        smaller than :attr:`MIN_EXTENT`, is given as shown (:meth:`image`).
        """
        extent = self.extent()
        if self._base is not None or extent < self.MIN_EXTENT:
            return self.image()
        lo, hi = self.MIN_PEN_FRACTION * extent, self.PEN_FRACTION * extent
        image = self._blank()
        for stroke in self._strokes:  # (quarter pixels: a tablet's widths in few runs)
            _paint(image, _smooth_paths(stroke, lambda w: round(4 * min(max(w, lo), hi)) / 4, NETWORK_STEP),
                   stroke.ink)
        return qimage_array(image)

    def network_array(self) -> np.ndarray | None:
        """:meth:`network_array_or_image`, or None if the canvas is empty or holds only a dot
        (strokes spanning less than :attr:`MIN_EXTENT`)."""
        if self.is_empty() or (self._base is None and self.extent() < self.MIN_EXTENT):
            return None
        return self.network_array_or_image()

    # -- Qt events ----------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        rect = event.rect()
        painter.drawImage(rect, self._image, rect)
        if self._tail is not None:  # the last bit of the stroke, painted for good on the next point
            a, b, width = self._tail
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.setPen(_pen(self._stroke.ink, width))
            painter.drawLine(a, b)
        painter.end()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._end_stroke()
            self._begin_stroke(event.position(), self._pen_width)
            self.image_changed.emit()
        elif event.button() == Qt.MouseButton.RightButton:
            self.clear()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if (self._stroke is not None and event.buttons() & Qt.MouseButton.LeftButton
                and self._extend_stroke(event.position(), self._pen_width)):
            self.image_changed.emit()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton and self._stroke is not None:
            self._extend_stroke(event.position(), self._pen_width)
            self._end_stroke()

    def enterEvent(self, event) -> None:
        self._hold_moves(True)
        super().enterEvent(event)

    def leaveEvent(self, event) -> None:
        if self._stroke is None:
            self._hold_moves(False)
        super().leaveEvent(event)

    def hideEvent(self, event) -> None:
        self._end_stroke()
        self._hold_moves(False)
        super().hideEvent(event)

    def tabletEvent(self, event: QTabletEvent) -> None:
        """A pen with pressure draws with a width from 0.2 (lightest) to 1.8 times the pen
        width, 1 at medium pressure; a device without pressure is left to Qt, which sends
        the same as mouse events."""
        if not event.pointingDevice().capabilities() & QInputDevice.Capability.Pressure:
            event.ignore()
            return
        width = self._pen_width * (0.2 + 1.6 * min(max(event.pressure(), 0.0), 1.0))
        kind = event.type()
        if kind == QTabletEvent.Type.TabletPress and event.button() == Qt.MouseButton.LeftButton:
            self._end_stroke()
            self._begin_stroke(event.position(), width)
            self.image_changed.emit()
        elif kind == QTabletEvent.Type.TabletMove and self._stroke is not None:
            if self._extend_stroke(event.position(), width):
                self.image_changed.emit()
        elif kind == QTabletEvent.Type.TabletRelease and self._stroke is not None:
            self._extend_stroke(event.position(), width)
            self._end_stroke()
        elif kind != QTabletEvent.Type.TabletMove:
            event.ignore()
            return
        event.accept()

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if _local_file(event.mimeData()) is not None:
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        path = _local_file(event.mimeData())
        if path is None:
            event.ignore()
            return
        event.acceptProposedAction()
        self.file_dropped.emit(path)

    # -- strokes ------------------------------------------------------------------------

    def _begin_stroke(self, point: QPointF, width: float) -> None:
        self._hold_moves(True)
        self._push_undo()
        self._stroke = Stroke([QPointF(point)], [width], self._ink)
        self._strokes.append(self._stroke)
        self._paint_piece(_piece(self._stroke, 0))

    def _extend_stroke(self, point: QPointF, width: float) -> bool:
        """Add a point to the stroke being drawn; False if it is too close to the last one."""
        stroke = self._stroke
        last = stroke.points[-1]
        if math.hypot(point.x() - last.x(), point.y() - last.y()) < MIN_STEP:
            return False
        stroke.points.append(QPointF(point))
        stroke.widths.append(width)
        old_tail = self._tail_rect()
        self._tail = (_mid(last, point), QPointF(point), width)
        self._paint_piece(_piece(stroke, len(stroke.points) - 1))
        self.update(old_tail)
        self.update(self._tail_rect())
        return True

    def _end_stroke(self, emit: bool = True) -> None:
        """Finish the stroke being drawn, if any: paint its last piece and (with ``emit``)
        emit :attr:`image_changed`."""
        stroke = self._stroke
        if stroke is None:
            return
        self.update(self._tail_rect())
        self._tail = None
        if len(stroke.points) >= 2:
            self._paint_piece(_piece(stroke, 0, final=True))
        self._stroke = None
        if not self.underMouse():
            self._hold_moves(False)
        if emit:
            self.image_changed.emit()

    def _hold_moves(self, hold: bool) -> None:
        """Have every mouse move delivered (``hold``) or give the app back its own setting.

        Qt (on X11) merges the mouse moves queued while the GUI thread is busy (an answer, a
        repaint) into the last one (``Qt.AA_CompressHighFrequencyEvents``), and a fast stroke
        then loses its points. While the pointer is over the canvas or a stroke is drawn,
        moves are not merged: one costs a fraction of a millisecond here, so the queue stays
        short. Elsewhere the app's setting holds.
        """
        attribute = Qt.ApplicationAttribute.AA_CompressHighFrequencyEvents
        if hold and self._compressing is None:
            self._compressing = QCoreApplication.testAttribute(attribute)
            QCoreApplication.setAttribute(attribute, False)
        elif not hold and self._compressing is not None:
            QCoreApplication.setAttribute(attribute, self._compressing)
            self._compressing = None

    def _paint_piece(self, piece) -> None:
        self.update(_paint(self._image, [piece], self._stroke.ink))

    def _tail_rect(self) -> QRect:
        if self._tail is None:
            return QRect()
        a, b, width = self._tail
        margin = width / 2 + 2
        return QRectF(a, b).normalized().adjusted(-margin, -margin, margin, margin).toAlignedRect()

    # -- history ------------------------------------------------------------------------

    def _blank(self) -> QImage:
        image = QImage(self._image.size(), QImage.Format.Format_Grayscale8)
        image.fill(Qt.GlobalColor.black)
        return image

    def _state(self) -> _State:
        return _State(self._image.copy(), self._base, tuple(self._strokes), self._ink)

    def _push_undo(self) -> None:
        self._undo.append(self._state())
        del self._undo[:-MAX_UNDO]
        self._redo.clear()
        self.history_changed.emit()

    def _restore(self, state: _State) -> None:
        self._image = state.image.copy()
        self._base, self._strokes, self._ink = state.base, list(state.strokes), state.ink
        self.update()


def _local_file(mime) -> str | None:
    """The first local file among a drag's URLs, or None."""
    for url in mime.urls() if mime.hasUrls() else ():
        if url.isLocalFile():
            return url.toLocalFile()
    return None


def qimage_array(image: QImage) -> np.ndarray:
    """A ``Format_Grayscale8`` QImage as an ``(h, w)`` uint8 array the caller owns.

    Raises
    ------
    ValueError
        The image is not ``Format_Grayscale8``.
    """
    if image.format() != QImage.Format.Format_Grayscale8:
        raise ValueError(f"expected a Format_Grayscale8 image, got {image.format()}.")
    h, w, stride = image.height(), image.width(), image.bytesPerLine()
    buf = np.frombuffer(image.constBits(), dtype=np.uint8, count=h * stride)
    return buf.reshape(h, stride)[:, :w].copy()

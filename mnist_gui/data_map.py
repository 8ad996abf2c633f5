"""DataMap: the Browse view's map of a split, each image a point in two dimensions.

The coordinates are :func:`core.browse.hidden_map`'s: where each image lands on the first
two principal components of the network's last hidden layer. Images the network finds
alike sit together, so the map shows which classes it keeps apart and where the mistakes
lie (on the borders between two classes, or deep inside the wrong one).

Each point is coloured by its true label; a mistake (predicted != true) is drawn again on
top as a bigger black-outlined 'x' in the true label's colour. Hovering shows the image
and its labels near the cursor; a click chooses the image (:attr:`DataMap.point_chosen`).

Cost: the points are one item (the mistakes' marks a second, the faded points a third),
painted from a strip of pre-rendered symbols, one per class, with one
``QPainter.drawPixmapFragments`` (:class:`_Points`: pyqtgraph's ScatterPlotItem symbol cache
without its general per-point styles, whose ``setData`` builds a style key per point in a
Python loop, about 100 ms for 50,000 points here). Drawing 50,000 points (``set_points`` and
a repaint, offscreen) takes about 11 ms. The points are drawn in a fixed shuffled order, so
that no class is drawn last over the others. The hover lookup is a numpy nearest-point
search in screen pixels over all points (about 0.1 ms for 50,000), not pyqtgraph's
per-point hover.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from pyqtgraph.graphicsItems.LegendItem import ItemSample
from pyqtgraph.graphicsItems.ScatterPlotItem import renderSymbol
from PySide6.QtCore import QEvent, QPoint, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QImage, QPainter, QPen, QPixmap
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from mnist_gui.theme import PaletteFollowing
from mnist_gui.widgets import crisp_pixmap, gray_qimage, localize_axes, rich_tip

#: The classes' colours, (r, g, b) 0-255: matplotlib's "tab10" (Tableau 10), class i gets
#: CLASS_COLORS[i % 10].
CLASS_COLORS: tuple[tuple[int, int, int], ...] = (
    (31, 119, 180),   # blue
    (255, 127, 14),   # orange
    (44, 160, 44),    # green
    (214, 39, 40),    # red
    (148, 103, 189),  # purple
    (140, 86, 75),    # brown
    (227, 119, 194),  # pink
    (127, 127, 127),  # grey
    (188, 189, 34),   # olive
    (23, 190, 207),   # cyan
)

#: Colour (r, g, b) of the points outside the highlight mask (:meth:`DataMap.set_highlighted`).
FADED_COLOR = (218, 218, 218)
#: Diameter of a point, in screen pixels.
POINT_SIZE = 4.5
#: Size of a mistake's 'x', in screen pixels.
MISTAKE_SIZE = 11.0
#: Diameter of the ring around the current point, in screen pixels.
RING_SIZE = 16.0
#: A point is hovered or clicked when the pointer is at most this far from it, in screen pixels.
PICK_RADIUS = 8.0
#: Side of the hover thumbnail, in screen pixels (the 28 x 28 image scaled 2x, nearest neighbour).
THUMBNAIL_SIZE = 56

_MISTAKE_PEN = (20, 20, 20)
_MISTAKE_PEN_WIDTH = 0.6
_RING_PEN = (0, 0, 0)
_MESSAGE_COLOR = "#808080"


def class_color(i: int) -> tuple[int, int, int]:
    """The colour (r, g, b), 0-255, of class ``i``; :data:`CLASS_COLORS` repeats after 10."""
    return CLASS_COLORS[i % len(CLASS_COLORS)]


class _LegendSample(ItemSample):
    """A legend sample that only shows its symbol: a click does not hide the class (the
    samples stand for the classes and do not switch anything)."""

    def mouseClickEvent(self, event):
        event.ignore()


class _Points(pg.GraphicsObject):
    """Tens of thousands of points, each drawn in one of a few styles, fixed in screen pixels.

    What pyqtgraph's ScatterPlotItem does in pxMode with its symbol cache, without its
    general per-point styles: its ``setData`` builds each point's style key in a Python loop
    (about 2 µs a point). Here each style is rendered once, side by side, into one pixmap;
    a point is a position and the index of its style, and each paint maps the visible
    points to device pixels with numpy and draws them with one ``QPainter.drawPixmapFragments``,
    in the order given (later points on top).

    Parameters
    ----------
    styles : sequence of (symbol, size, pen, brush)
        A pyqtgraph symbol name ("o", "x", ...), its width in screen pixels, a QPen, a QBrush.
    """

    def __init__(self, styles):
        super().__init__()
        self._pos = np.zeros((0, 2), np.float64)  # (k, 2) view coordinates
        self._style = np.zeros(0, np.intp)  # (k,) index into the styles
        self._range: tuple[float, float, float, float] | None = None  # x min, x max, y min, y max
        self._fragments = pg.Qt.internals.PrimitiveArray(QPainter.PixmapFragment, 10)
        self.set_styles(styles)

    def set_styles(self, styles) -> None:
        """Replace the styles (see the class); the points keep their style indices."""
        self._styles = list(styles)
        self._size = max(size for _, size, _, _ in self._styles)
        self._pixmap: QPixmap | None = None  # the strip of rendered styles, made at the next paint
        self._cell = 0  # its cells' side, device pixels
        self._dpr = 0.0
        self.update()

    def set_positions(self, pos: np.ndarray, style: np.ndarray | None = None) -> None:
        """Draw these points instead of the previous ones.

        Parameters
        ----------
        pos : ndarray, shape (k, 2), float
            View coordinates.
        style : ndarray, shape (k,), int, optional
            Each point's style index; default 0.
        """
        self.prepareGeometryChange()
        self._pos = np.asarray(pos, dtype=np.float64)
        self._style = np.zeros(len(self._pos), np.intp) if style is None else np.asarray(style, dtype=np.intp)
        if len(self._pos):
            lo, hi = self._pos.min(axis=0), self._pos.max(axis=0)
            self._range = (float(lo[0]), float(hi[0]), float(lo[1]), float(hi[1]))
        else:
            self._range = None
        self.informViewBoundsChanged()
        self.update()

    def positions(self) -> np.ndarray:
        """The points drawn, shape (k, 2), float64, view coordinates, in drawing order."""
        return self._pos

    def styles(self) -> np.ndarray:
        """Each point's style index, shape (k,), intp."""
        return self._style

    def dataBounds(self, ax, frac=1.0, orthoRange=None):  # pyqtgraph's auto-range protocol
        if self._range is None:
            return (None, None)
        if orthoRange is None:
            return self._range[2 * ax:2 * ax + 2]
        d, other = self._pos[:, ax], self._pos[:, 1 - ax]
        d = d[(other >= orthoRange[0]) & (other <= orthoRange[1])]
        return (float(d.min()), float(d.max())) if len(d) else (None, None)

    def pixelPadding(self):
        return self._size * 0.7072

    def boundingRect(self):
        if self._range is None:
            return QRectF()
        x0, x1, y0, y1 = self._range
        pad_x, pad_y = self._pixel_lengths(self.pixelPadding())
        return QRectF(x0 - pad_x, y0 - pad_y, x1 - x0 + 2 * pad_x, y1 - y0 + 2 * pad_y)

    def viewTransformChanged(self):
        self.prepareGeometryChange()
        super().viewTransformChanged()

    def paint(self, painter, option, widget=None):
        if not len(self._pos):
            return
        dpr = widget.devicePixelRatioF() if widget is not None else 1.0
        if self._pixmap is None or dpr != self._dpr:
            self._pixmap, self._cell = self._render(dpr)
            self._dpr = dpr
        pos, style = self._pos, self._style
        view = self.viewRect()
        if view is not None:  # cull what is out of sight (a zoomed-in view)
            pad_x, pad_y = self._pixel_lengths(self._size)
            x, y = pos[:, 0], pos[:, 1]
            inside = ((x >= view.left() - pad_x) & (x <= view.right() + pad_x)
                      & (y >= view.top() - pad_y) & (y <= view.bottom() + pad_y))
            if not inside.all():
                pos, style = pos[inside], style[inside]
        t = painter.transform()
        self._fragments.resize(len(pos))
        frags = self._fragments.ndarray()  # (k, 10) float64, one QPainter.PixmapFragment a row
        frags[:, 0] = t.m11() * pos[:, 0] + t.m21() * pos[:, 1] + t.dx()  # centre of the target, device pixels
        frags[:, 1] = t.m12() * pos[:, 0] + t.m22() * pos[:, 1] + t.dy()
        np.clip(frags[:, 0:2], -2.0 ** 30, 2.0 ** 30, out=frags[:, 0:2])  # Qt misbehaves far outside
        frags[:, 2] = style * self._cell  # source rect in the strip: left, top, width, height
        frags[:, 3] = 0
        frags[:, 4:6] = self._cell
        frags[:, 6:10] = (1 / dpr, 1 / dpr, 0.0, 1.0)  # scale x, scale y, rotation, opacity
        painter.resetTransform()
        painter.drawPixmapFragments(*self._fragments.drawargs(), self._pixmap)
        painter.setTransform(t)

    def _pixel_lengths(self, pixels: float) -> tuple[float, float]:
        """``pixels`` screen pixels in view units along x and y (0 before the item is in a view)."""
        px, py = self.pixelVectors()
        return ((px.length() if px is not None else 0.0) * pixels,
                (py.length() if py is not None else 0.0) * pixels)

    def _render(self, dpr: float) -> tuple[QPixmap, int]:
        """The styles rendered side by side in square cells of device pixels: (strip, cell side)."""
        images = []
        for symbol, size, pen, brush in self._styles:
            pen = QPen(pen)
            pen.setWidthF(pen.widthF() * dpr)
            images.append(renderSymbol(symbol, size * dpr, pen, brush))  # device pixels
        cell = max(max(image.width(), image.height()) for image in images)
        strip = QImage(cell * len(images), cell, QImage.Format.Format_ARGB32_Premultiplied)
        strip.fill(Qt.GlobalColor.transparent)
        painter = QPainter(strip)
        for i, image in enumerate(images):
            painter.drawImage(i * cell + (cell - image.width()) // 2, (cell - image.height()) // 2, image)
        painter.end()
        return QPixmap.fromImage(strip), cell


class DataMap(PaletteFollowing, pg.PlotWidget):
    """A scatter plot of the images of a split, coloured by true label, mistakes marked.

    Parameters
    ----------
    parent : QWidget, optional

    Signals
    -------
    point_chosen(int)
        The user clicked (left button, no drag) within :data:`PICK_RADIUS` pixels of a
        point: its index into the arrays given to :meth:`set_points`.
    """

    point_chosen = Signal(int)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent=parent)
        self.setMenuEnabled(False)
        item = self.getPlotItem()
        localize_axes(item)
        item.setLabel("bottom", self.tr("1st principal component"))
        item.setLabel("left", self.tr("2nd principal component"))
        item.setTitle(self.tr("Last hidden layer's activations"), size="9pt")  # (short: the map may be narrow)
        self.setToolTip(rich_tip(self.tr(
            "Each image is a point, coloured by its true class. Its place comes from the last hidden layer's "
            "activations, projected on their first two principal components: the two directions along which "
            "they vary most. Images the network sees alike lie close together, and its mistakes lie where two "
            "classes meet.\n"
            "Hover for the image, click to select it; drag to pan, wheel to zoom, double-click to fit.")))
        self._view = item.getViewBox()

        self._points = np.zeros((0, 2), np.float32)       # (n, 2) float32, view coordinates
        self._labels = np.zeros(0, np.int64)             # (n,) true classes
        self._predicted: np.ndarray | None = None        # (n,) predicted classes, or None
        self._images: np.ndarray | None = None           # (n, 28, 28) uint8, or None
        self._class_names: tuple[str, ...] = tuple(str(i) for i in range(10))
        self._mask: np.ndarray | None = None              # (n,) bool highlight mask, or None
        self._current: int | None = None
        self._hovered: int | None = None
        self._order = np.zeros(0, np.intp)                # (n,) the drawing order: a fixed shuffle

        # Drawn bottom to top: the faded points, the points in their class's colour (in a fixed
        # shuffled order, so that no class hides another), the mistakes' marks, the ring.
        self._faded = _Points([("o", POINT_SIZE, pg.mkPen(None), pg.mkBrush(*FADED_COLOR))])
        self._dots = _Points(self._dot_styles(len(self._class_names)))
        self._marks = _Points(self._mark_styles(len(self._class_names)))
        for z, item in enumerate((self._faded, self._dots, self._marks)):
            item.setZValue(z)
            self.addItem(item)
        self._ring = pg.ScatterPlotItem(pxMode=True, symbol="o", size=RING_SIZE, brush=None,
                                        pen=pg.mkPen(_RING_PEN, width=2), antialias=True)
        self._ring.setZValue(3)
        self._ring.setVisible(False)
        self.addItem(self._ring)

        # The classes' colours and what the mark means, in a column right of the plot, where
        # they cover no point.
        legend_style = {"sampleType": _LegendSample, "labelTextSize": "8pt", "labelTextColor": (40, 40, 40),
                        "verSpacing": -8, "horSpacing": 4, "brush": pg.mkBrush(255, 255, 255, 215),
                        "pen": pg.mkPen(200, 200, 200)}
        self._legend = pg.LegendItem(colCount=2, **legend_style)
        self._mark_legend = pg.LegendItem(**legend_style)
        layout = self.getPlotItem().layout
        layout.addItem(self._legend, 2, 3, Qt.AlignmentFlag.AlignTop)
        layout.addItem(self._mark_legend, 3, 3, Qt.AlignmentFlag.AlignTop)
        self._mark_sample = pg.ScatterPlotItem(symbol="x", size=MISTAKE_SIZE, brush=pg.mkBrush(160, 160, 160),
                                               pen=pg.mkPen(_MISTAKE_PEN, width=_MISTAKE_PEN_WIDTH))
        self._mark_legend.addItem(self._mark_sample, self.tr("wrong"))
        self._mark_legend.setToolTip(self.tr("A cross marks a misclassified image, in its true class's colour"))
        self._legend_samples: list[pg.ScatterPlotItem] = []  # kept alive: the legend only refers to them
        self._build_legend()
        self._redraw()  # nothing yet: the legends hidden
        self.follow_palette()

        self._message = QLabel(self)
        self._message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._message.setWordWrap(True)
        self._message.setStyleSheet(f"color: {_MESSAGE_COLOR}; font-size: 12pt; background: transparent;")
        self._message.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self._message.hide()

        self._hover = QFrame(self)
        self._hover.setObjectName("dataMapHover")
        self._hover.setStyleSheet("#dataMapHover { background: rgba(255, 255, 255, 235);"
                                  " border: 1px solid #909090; border-radius: 3px; }")
        self._hover.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        layout = QVBoxLayout(self._hover)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.setSpacing(2)
        self._hover_image = QLabel()
        self._hover_image.setFixedSize(THUMBNAIL_SIZE, THUMBNAIL_SIZE)
        self._hover_text = QLabel()
        layout.addWidget(self._hover_image, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addWidget(self._hover_text)
        self._hover.hide()

        scene = self.scene()
        scene.sigMouseMoved.connect(self._on_scene_mouse_moved)
        scene.sigMouseClicked.connect(self._on_scene_mouse_clicked)
        self._view.sigRangeChanged.connect(self._on_view_range_changed)  # zoomed or panned: the point moved away
        self.viewport().installEventFilter(self)

    # --- the public API ---------------------------------------------------------------

    def set_points(self, points, labels, predicted=None, images=None, class_names=None) -> None:
        """Draw one point per image, replacing what was drawn; the view fits them all.

        The highlight and the current point are reset (none); set them again after.

        Parameters
        ----------
        points : array_like, shape (n, 2), float
            The coordinates (:func:`core.browse.hidden_map`), kept as float32.
        labels : array_like, shape (n,), int
            The true classes, in ``[0, n_classes)``.
        predicted : array_like, shape (n,), int, optional
            The network's answers; the points where they differ from ``labels`` are marked.
            None: no mistakes are marked and the hover text has no prediction.
        images : array_like, shape (n, 28, 28), uint8, optional
            For the hover thumbnail (white ink on black); None: the hover shows text only.
        class_names : sequence of str, optional
            ``n_classes`` names, for the legend and the hover; default "0" to "9".

        Raises
        ------
        ValueError
            A shape or length that does not match ``n = len(points)``, a non-finite
            coordinate, or a class outside ``[0, len(class_names))``. Nothing is changed then.
        """
        points = np.asarray(points)
        if points.ndim != 2 or points.shape[1] != 2:
            raise ValueError(f"points must have shape (n, 2), got {points.shape}.")
        n = len(points)
        points = np.ascontiguousarray(points, dtype=np.float32)
        if not np.isfinite(points).all():
            raise ValueError("points must be finite (no NaN or infinity).")
        names = tuple(str(c) for c in class_names) if class_names is not None else tuple(str(i) for i in range(10))
        if not names:
            raise ValueError("class_names must name at least one class.")
        labels = self._check_classes(labels, n, "labels", len(names))
        if predicted is not None:
            predicted = self._check_classes(predicted, n, "predicted", len(names))
        if images is not None:
            images = np.asarray(images)
            if images.shape != (n, 28, 28) or images.dtype != np.uint8:
                raise ValueError(f"images must be uint8 of shape ({n}, 28, 28), got {images.dtype} {images.shape}.")

        self._points, self._labels, self._predicted, self._images = points, labels, predicted, images
        self._mask = None
        self._current = None
        self._hide_hover()
        if names != self._class_names:
            self._class_names = names
            self._dots.set_styles(self._dot_styles(len(names)))
            self._marks.set_styles(self._mark_styles(len(names)))
            self._build_legend()
        self._order = np.random.default_rng(0).permutation(n)  # the same order each time for the same n
        self._redraw()
        self._update_ring()
        self._view.enableAutoRange()
        self._view.autoRange()

    def clear_points(self) -> None:
        """Draw nothing (the message, if any, stays); forget the points, highlight and current."""
        self._points = np.zeros((0, 2), np.float32)
        self._labels = np.zeros(0, np.int64)
        self._predicted = self._images = self._mask = None
        self._order = np.zeros(0, np.intp)
        self._current = None
        self._hide_hover()
        self._redraw()
        self._update_ring()

    def set_message(self, text: str) -> None:
        """Show ``text`` centred in grey over the plot (e.g. "Computing the map…"); "" removes it.

        Parameters
        ----------
        text : str
            Already translated by the caller.
        """
        self._message.setText(text)
        self._message.setVisible(bool(text))
        self._place_message()

    def set_highlighted(self, mask) -> None:
        """Draw the points of ``mask`` as usual and fade the others to light grey.

        Faded points are not hovered or chosen, and are drawn without their mistake mark.

        Parameters
        ----------
        mask : array_like, shape (n,), bool, or None
            None draws every point as usual.

        Raises
        ------
        ValueError
            ``mask`` is not of shape (n,) with n the number of points.
        """
        if mask is not None:
            mask = np.asarray(mask)
            if mask.shape != (len(self._points),):
                raise ValueError(f"mask must have shape ({len(self._points)},), got {mask.shape}.")
            mask = mask.astype(bool, copy=False)
        self._mask = mask
        if self._hovered is not None and mask is not None and not mask[self._hovered]:
            self._hide_hover()
        self._redraw()

    def set_current(self, index: int | None) -> None:
        """Draw a ring around point ``index`` (the selected image); None removes it.

        Parameters
        ----------
        index : int or None
            In ``[0, n_points())``.

        Raises
        ------
        IndexError
            ``index`` out of range.
        """
        if index is not None:
            index = int(index)
            if not 0 <= index < len(self._points):
                raise IndexError(f"point {index} out of range for {len(self._points)} points.")
        self._current = index
        self._update_ring()

    def current(self) -> int | None:
        """The index of the ringed point, or None."""
        return self._current

    def n_points(self) -> int:
        """The number of points drawn (0 after :meth:`clear_points`)."""
        return len(self._points)

    def point_at(self, scene_pos: QPointF) -> int | None:
        """The point nearest ``scene_pos`` within :data:`PICK_RADIUS` screen pixels, or None.

        Only highlighted points count when a mask is set. The distance is measured in screen
        pixels (the view's x and y scales differ), by numpy over all points.

        Parameters
        ----------
        scene_pos : QPointF
            A position in the plot's scene (= viewport pixels).

        Returns
        -------
        int or None
            An index into the arrays given to :meth:`set_points`.
        """
        if not len(self._points) or not self._view.sceneBoundingRect().contains(scene_pos):
            return None
        pixel_w, pixel_h = self._view.viewPixelSize()  # view units per screen pixel
        if not (pixel_w > 0 and pixel_h > 0):
            return None
        at = self._view.mapSceneToView(scene_pos)
        dx = (self._points[:, 0] - np.float32(at.x())) * np.float32(1 / pixel_w)
        dy = (self._points[:, 1] - np.float32(at.y())) * np.float32(1 / pixel_h)
        d2 = dx * dx + dy * dy  # (n,) squared distances in pixels
        if self._mask is not None:
            d2[~self._mask] = np.inf
        i = int(np.argmin(d2))
        return i if d2[i] <= PICK_RADIUS ** 2 else None

    def hover_at(self, scene_pos: QPointF | None) -> int | None:
        """Show the overlay of the point under ``scene_pos`` (see :meth:`point_at`), or hide it.

        Parameters
        ----------
        scene_pos : QPointF or None
            None hides the overlay (the pointer left the plot).

        Returns
        -------
        int or None
            The hovered point's index.
        """
        index = None if scene_pos is None else self.point_at(scene_pos)
        if index is None:
            self._hide_hover()
            return None
        if index != self._hovered:
            self._hovered = index
            self._hover_text.setText(self.hover_text(index))
            if self._images is not None:
                pixmap = crisp_pixmap(gray_qimage(self._images[index]), THUMBNAIL_SIZE, THUMBNAIL_SIZE,
                                      self.devicePixelRatioF())
                self._hover_image.setPixmap(pixmap)
            self._hover_image.setVisible(self._images is not None)
            self._hover.adjustSize()
        self._place_hover(self.mapFromScene(scene_pos))
        self._hover.show()
        self._hover.raise_()
        return index

    def hover_text(self, index: int) -> str:
        """The overlay's line for point ``index``: "#index: true 4, predicted 9"."""
        true = self._class_names[self._labels[index]]
        if self._predicted is None:
            return self.tr("#{0}: true {1}").format(index, true)
        return self.tr("#{0}: true {1}, predicted {2}").format(index, true,
                                                               self._class_names[self._predicted[index]])

    # --- Qt overrides -----------------------------------------------------------------

    def repaint(self, *args) -> None:
        """Repaint now, the plot included: QGraphicsView's own ``repaint()`` paints only its
        frame, not the viewport where the scene is drawn (which a forced repaint, e.g. a
        benchmark's, means)."""
        super().repaint(*args)
        self.viewport().repaint()

    def mousePressEvent(self, event):
        super().mousePressEvent(event)
        event.accept()  # the map takes the clicks (pyqtgraph's scene turns them into sigMouseClicked)

    def mouseReleaseEvent(self, event):
        super().mouseReleaseEvent(event)
        event.accept()

    def mouseDoubleClickEvent(self, event):
        super().mouseDoubleClickEvent(event)
        if event.button() == Qt.MouseButton.LeftButton:  # a double click resets the view, as the "A" button does
            self._view.enableAutoRange()
            self._view.autoRange()
        event.accept()

    def resizeEvent(self, event):
        super().resizeEvent(event)
        if hasattr(self, "_message"):  # GraphicsView.__init__ calls resizeEvent(None) before ours ran
            self._place_message()

    def eventFilter(self, watched, event):
        if watched is self.viewport() and event.type() == QEvent.Type.Leave:
            self._hide_hover()
        return super().eventFilter(watched, event)

    # --- drawing ----------------------------------------------------------------------

    @staticmethod
    def _dot_styles(n_classes: int) -> list:
        return [("o", POINT_SIZE, pg.mkPen(None), pg.mkBrush(*class_color(c))) for c in range(n_classes)]

    @staticmethod
    def _mark_styles(n_classes: int) -> list:
        pen = pg.mkPen(_MISTAKE_PEN, width=_MISTAKE_PEN_WIDTH)
        return [("x", MISTAKE_SIZE, pen, pg.mkBrush(*class_color(c))) for c in range(n_classes)]

    def _build_legend(self) -> None:
        self._legend.clear()
        self._legend_samples = []
        for i, name in enumerate(self._class_names):
            sample = pg.ScatterPlotItem(symbol="o", size=8, pen=None, brush=pg.mkBrush(*class_color(i)))
            self._legend_samples.append(sample)
            self._legend.addItem(sample, name)

    def _redraw(self) -> None:
        """Hand each item its points: the highlighted ones and their mistakes' marks; the rest faded."""
        pts, labels, mask = self._points, self._labels, self._mask
        wrong = self._predicted != labels if self._predicted is not None else None
        shown = self._order if mask is None else self._order[mask[self._order]]  # indices, in drawing order
        self._dots.set_positions(pts[shown], labels[shown])
        marked = shown[wrong[shown]] if wrong is not None else shown[:0]
        self._marks.set_positions(pts[marked], labels[marked])
        self._faded.set_positions(pts[~mask] if mask is not None else pts[:0])
        for legend in (self._legend, self._mark_legend):
            legend.setVisible(len(pts) > 0)
        self._mark_legend.setVisible(wrong is not None and bool(wrong.any()))

    def _update_ring(self) -> None:
        if self._current is None:
            self._ring.setVisible(False)
            self._ring.setData(pos=np.zeros((0, 2), np.float32))
        else:
            self._ring.setData(pos=self._points[self._current:self._current + 1])
            self._ring.setVisible(True)

    def _place_message(self) -> None:
        self._message.setGeometry(self.viewport().geometry().adjusted(20, 20, -20, -20))
        self._message.raise_()

    def _place_hover(self, at: QPoint) -> None:
        """Put the overlay below right of the cursor at ``at`` (widget pixels), inside the widget."""
        size = self._hover.size()
        x, y = at.x() + 14, at.y() + 14
        if x + size.width() > self.width():
            x = at.x() - 14 - size.width()
        if y + size.height() > self.height():
            y = at.y() - 14 - size.height()
        self._hover.move(max(0, x), max(0, y))

    def _hide_hover(self) -> None:
        self._hovered = None
        self._hover.hide()

    # --- mouse ------------------------------------------------------------------------

    def _on_scene_mouse_moved(self, scene_pos: QPointF) -> None:
        self.hover_at(scene_pos)

    def _on_view_range_changed(self, *_args) -> None:
        self._hide_hover()

    def _on_scene_mouse_clicked(self, event) -> None:
        if event.button() != Qt.MouseButton.LeftButton:
            return
        if event.double():  # the view was reset (mouseDoubleClickEvent); the first click chose already
            return
        scene_pos = event.scenePos()
        if any(legend.isVisible() and legend.sceneBoundingRect().contains(scene_pos)
               for legend in (self._legend, self._mark_legend)):
            return
        index = self.point_at(scene_pos)
        if index is not None:
            self.point_chosen.emit(index)

    @staticmethod
    def _check_classes(values, n: int, name: str, n_classes: int) -> np.ndarray:
        values = np.asarray(values)
        if values.shape != (n,):
            raise ValueError(f"{name} must have shape ({n},), got {values.shape}.")
        if not np.issubdtype(values.dtype, np.integer):
            raise ValueError(f"{name} must be integers, got {values.dtype}.")
        if n and (values.min() < 0 or values.max() >= n_classes):
            raise ValueError(f"{name} must be in [0, {n_classes}), got values from {values.min()} to {values.max()}.")
        return values.astype(np.int64, copy=False)


__all__ = ["CLASS_COLORS", "DataMap", "class_color"]

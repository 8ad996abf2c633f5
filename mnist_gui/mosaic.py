"""Look inside a network: first-layer weights as images, one neuron in detail, saturation.

Nielsen ch. 1 ("toward deep learning") and the notebook's "what has each hidden neuron
learned?" show a neuron's 784 incoming weights as a 28 x 28 picture: the pixels where
ink pushes its weighted input z up (positive weights) and those where ink pushes it down.
:class:`NetworkInsideView` puts every first-hidden-layer neuron's picture side by side
(:class:`WeightMosaic`), the clicked one large with its bias and outgoing weights
(:class:`NeuronDetail`), and, per epoch, how many hidden neurons sit on the flat tails of
the sigmoid where learning slows (:class:`SaturationPlot`, ch. 3).

Cost: the mosaic is one float image composed with a few numpy slices and drawn with a
single ``ImageItem.setImage``; at most :data:`MAX_TILES` tiles are shown however wide the
layer, so an update stays a few milliseconds. The view draws nothing while hidden.
"""

from __future__ import annotations

import html
import math
from collections.abc import Sequence
from typing import ClassVar

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF, QRectF, Qt, Signal, Slot
from PySide6.QtGui import QKeyEvent, QShowEvent
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsRectItem,
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from core.mlp import MLP
from mnist_gui import numbers
from mnist_gui.theme import ThemedLayoutWidget, ThemedPlotWidget
from mnist_gui.widgets import localize_axes, rich_tip

#: Most tiles the mosaic shows (the first ones); wider layers are cut, and the caption says so.
MAX_TILES = 400
#: Most outgoing-weight bars the detail panel draws (the first ones).
MAX_BARS = 400
#: Side of a tile in image pixels: MNIST's 28 x 28 input.
TILE = 28
#: Pixels of neutral background between tiles in the composed image.
GAP = 2
#: Percentile of |w| over the shown tiles that sets the colour scale's ends (see :func:`symmetric_level`).
LEVEL_PERCENTILE = 99.0

_LEVEL_SAMPLE = 20_000  # values used to estimate the percentile (see symmetric_level)
_COLORMAP = "CET-D1"  # diverging blue - white - red, white in the middle (colorcet, bundled with pyqtgraph)
_GAP_COLOR = (150, 150, 150)  # neutral grey behind the tiles: NaN pixels are transparent
_FRAME_COLOR = (0, 0, 0)
_POSITIVE_BAR = (200, 60, 50)  # the colour map's red end
_NEGATIVE_BAR = (50, 80, 200)  # and its blue end
_CURVE_COLORS = [(40, 110, 190), (210, 110, 30), (50, 150, 70), (170, 60, 160), (120, 120, 120)]


def _colormap() -> pg.ColorMap:
    return pg.colormap.get(_COLORMAP)


def symmetric_level(values: np.ndarray, percentile: float = LEVEL_PERCENTILE) -> float:
    """The colour scale's half-width L: levels are ``[-L, L]``, so that 0 is always white.

    L is the ``percentile``-th percentile of |value| over the finite values, not the
    maximum, so that one outlying weight does not wash every other tile out to white; the
    few values beyond L show in the end colours.

    Parameters
    ----------
    values : ndarray, any shape, float
        The weights on show (NaN and infinite values are ignored).
    percentile : float
        In (0, 100].

    Above 20,000 values, a regular subsample of 20,000 to 40,000 is used: for the colour scale
    the difference does not show, and the update of a 400-tile mosaic stays ~1 ms.

    Returns
    -------
    float
        L > 0; 1.0 if there is no finite non-zero value.
    """
    a = np.asarray(values).ravel()
    if a.dtype.kind != "f":
        a = a.astype(np.float64)
    if a.size > _LEVEL_SAMPLE:  # a regular subsample: the same scale within ~1%, a fraction of the time
        a = a[::a.size // _LEVEL_SAMPLE]
    a = np.abs(a)
    if not np.isfinite(a).all():
        a = a[np.isfinite(a)]
    if not a.size:
        return 1.0
    level = float(np.percentile(a, percentile))
    if level <= 0.0:
        level = float(a.max())
    return level if level > 0.0 else 1.0


def compose_tiles(tiles: np.ndarray, n_columns: int, gap: int = GAP) -> np.ndarray:
    """Lay out square tiles row by row in one image, with NaN (transparent) gaps.

    Parameters
    ----------
    tiles : ndarray, shape (k, s, s), float32 or float64
        The tiles, in order: tile i goes to grid row ``i // n_columns``, column
        ``i % n_columns``.
    n_columns : int
        Tiles per grid row, >= 1.
    gap : int
        Pixels between neighbouring tiles (none around the outside).

    Returns
    -------
    ndarray, shape (rows * (s + gap) - gap, n_columns * (s + gap) - gap), dtype of ``tiles``
        Row-major (numpy's (row, column)): tile i's pixel (r, c) is at
        ``(row_i * (s + gap) + r, col_i * (s + gap) + c)``. Gaps and unused cells are NaN.
    """
    k, s = tiles.shape[0], tiles.shape[1]
    rows = max(1, math.ceil(k / n_columns))
    step = s + gap
    grid = np.full((rows * n_columns, step, step), np.nan, dtype=tiles.dtype)
    grid[:k, :s, :s] = tiles
    # (rows, cols, step, step) -> (rows, step, cols, step): one transposed copy lays out every tile.
    image = grid.reshape(rows, n_columns, step, step).transpose(0, 2, 1, 3).reshape(rows * step, n_columns * step)
    return np.ascontiguousarray(image[:rows * step - gap, :n_columns * step - gap])


def grid_columns(k: int) -> int:
    """Tiles per grid row for k tiles: about sqrt(k), a little wider if that fills the grid.

    The smallest c from ``ceil(sqrt(k))`` to ``ceil(1.5 sqrt(k))`` that leaves the fewest
    empty cells in the last row: 15 tiles -> 5 x 3, 10 -> 5 x 2, 100 -> 10 x 10, 400 -> 20 x 20.
    (The mosaic usually has more room across than down.)
    """
    if k <= 1:
        return 1
    low = math.ceil(math.sqrt(k))
    return min(range(low, math.ceil(1.5 * math.sqrt(k)) + 1), key=lambda c: (-k % c, c))


def _level_step(level: float) -> float:
    """The smallest of 1, 1.5, 2, 3, 4, 5, 7 (x 10^k) at least ``level`` (> 0)."""
    power = 10.0 ** math.floor(math.log10(level))
    for step in (1.0, 1.5, 2.0, 3.0, 4.0, 5.0, 7.0, 10.0):
        if step * power >= level * (1 - 1e-9):
            return float(f"{step * power:.3g}")
    return 10.0 * power


def _reserve_lines(label: QLabel, lines: int) -> None:
    """Keep room for ``lines`` lines of text in ``label`` whatever it shows, so that a new
    text (a shorter caption, an empty count) does not resize the plots around it: a resized
    pyqtgraph view re-renders all its axes and pixmaps, 20-50 ms in the middle of a run."""
    label.setMinimumHeight(lines * label.fontMetrics().lineSpacing() + 2)


class _TileImage(pg.ImageItem):
    """An ImageItem that reports left clicks in image coordinates (x = column, y = row)."""

    clicked = Signal(float, float)

    def mouseClickEvent(self, ev):
        if ev.button() == Qt.MouseButton.LeftButton:
            pos = ev.pos()
            self.clicked.emit(pos.x(), pos.y())
            ev.accept()
        else:
            super().mouseClickEvent(ev)


class _MosaicView(ThemedLayoutWidget):
    """The mosaic's graphics view; arrow keys report a move of the selection."""

    key_moved = Signal(int, int)  # (rows, columns) to move by

    _MOVES: ClassVar[dict] = {Qt.Key.Key_Left: (0, -1), Qt.Key.Key_Right: (0, 1), Qt.Key.Key_Up: (-1, 0), Qt.Key.Key_Down: (1, 0)}

    def keyPressEvent(self, event: QKeyEvent) -> None:
        move = self._MOVES.get(event.key())
        if move is None:
            super().keyPressEvent(event)
            return
        self.key_moved.emit(*move)
        event.accept()


class WeightMosaic(QWidget):
    """Every first-hidden-layer neuron's incoming weights as a 28 x 28 tile, in one image.

    Tile j shows ``model.weights[0][:, j].reshape(28, 28)``: weight (r, c) multiplies input
    pixel ``28 r + c``, so the tile lies over the digit as MNIST's row-major pixels do
    (top-left = pixel 0). A network without hidden layer shows its output neurons instead:
    their tiles are the 10 digit "templates". Colours: blue-white-red, white = 0, symmetric
    levels ``[-L, L]`` with L the 99th percentile of |w| over the shown tiles
    (:func:`symmetric_level`); a colour bar gives the scale. Tiles are laid out in
    about ``sqrt(k)`` columns (:func:`grid_columns`) with :data:`GAP`-pixel grey gaps; at most :data:`MAX_TILES`.

    Clicking a tile (or :meth:`select`) frames it and emits :attr:`neuron_selected`; the
    arrow keys move the selection when the mosaic has focus.

    The weights shown are copied at :meth:`set_model`; the model is kept for the
    :class:`NeuronDetail` and must not be changed by another thread (give it a snapshot).

    Signals
    -------
    neuron_selected(int)
        The selected tile (= neuron index in its layer) changed, by click, key or
        :meth:`select`.
    """

    neuron_selected = Signal(int)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._model: MLP | None = None
        self._tiles = np.empty((0, TILE, TILE), np.float32)  # (k, 28, 28) shown, as copied
        self._image = np.empty((0, 0), np.float32)
        self._n_columns = 1
        self._n_neurons = 0
        self._level = 1.0
        self._selected: int | None = None
        self._output_layer = False

        self.caption = QLabel()
        self.caption.setWordWrap(True)
        self.count_label = QLabel()  # "showing 400 of 100,000 neurons", empty when all are shown
        self.message = QLabel()  # instead of the mosaic: no model, or inputs that are not 28 x 28
        self.message.setWordWrap(True)
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.view = _MosaicView()  # (its background follows the palette)
        self.view.setToolTip(rich_tip(self.tr(
            "Each tile is one hidden neuron's 784 incoming weights, laid over the 28 x 28 image: red where ink "
            "raises the neuron's weighted input z, blue where ink lowers it, white where a pixel does not matter. "
            "Watch the tiles take shape as the network learns.\n"
            "Click a tile (or use the arrow keys) to see that neuron in detail below.")))
        self.view.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.view.setMinimumSize(160, 160)  # (a narrow column in a small window)
        self.viewbox = self.view.addViewBox(row=0, col=0, lockAspect=True, invertY=True, enableMenu=False)
        # Grey behind the image only (not the whole view box): the NaN gaps are transparent and show it.
        self.backdrop = QGraphicsRectItem()
        self.backdrop.setBrush(pg.mkBrush(_GAP_COLOR))
        self.backdrop.setPen(pg.mkPen(None))
        self.backdrop.setZValue(-1)
        self.viewbox.addItem(self.backdrop)
        # Explicit axis order: the app sets row-major globally at start-up, but this item must
        # not depend on it (numpy image[row, col] -> screen row, column).
        self.image_item = _TileImage(axisOrder="row-major")
        self.image_item.setColorMap(_colormap())
        self.viewbox.addItem(self.image_item)
        self.frame = QGraphicsRectItem()
        pen = pg.mkPen(_FRAME_COLOR, width=3)
        pen.setCosmetic(True)
        self.frame.setPen(pen)
        self.frame.setZValue(10)
        self.frame.hide()
        self.viewbox.addItem(self.frame)
        self.color_bar = pg.ColorBarItem(values=(-1.0, 1.0), colorMap=_colormap(), interactive=False, width=14,
                                         label=self.tr("weight"), colorMapMenu=False)
        localize_axes(self.color_bar)
        self.view.addItem(self.color_bar, row=0, col=1)
        self.legend = QLabel()
        self.legend.setWordWrap(True)
        for label in (self.caption, self.legend):
            _reserve_lines(label, 2)
        _reserve_lines(self.count_label, 1)
        self.setFocusProxy(self.view)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.caption)
        layout.addWidget(self.count_label)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.message, 1)
        layout.addWidget(self.legend)
        self.image_item.clicked.connect(self._on_image_item_clicked)
        self.view.key_moved.connect(self._on_view_key_moved)
        self.set_model(None)

    # -- content ------------------------------------------------------------------------

    def set_model(self, model: MLP | None) -> None:
        """Show ``model``'s first-layer incoming weights (or a message if there are none to draw).

        The selection is kept if that neuron still exists, else cleared (without a signal).

        Parameters
        ----------
        model : MLP or None
            None, or a network whose inputs are not 784 = 28 x 28 pixels, shows a message
            and no tiles.
        """
        self._model = model
        problem = None
        if model is None:
            problem = self.tr("No network to look inside yet: train one or open a model file.")
        elif model.n_inputs != TILE * TILE:
            problem = self.tr("This network has {0} inputs, not 784 = 28 × 28 pixels, so its weights "
                              "cannot be drawn as images.").format(model.n_inputs)
        if problem is not None:
            self._tiles = np.empty((0, TILE, TILE), np.float32)
            self._image = np.empty((0, 0), np.float32)
            self._n_neurons = 0
            self._selected = None
            self.frame.hide()
            self.caption.setText("")
            self.count_label.setText("")
            self.legend.setText("")
            self.message.setText(problem)
            self.view.hide()
            self.message.show()
            return

        w = model.weights[0]  # (784, n): column j is neuron j's incoming weights
        self._n_neurons = n = w.shape[1]
        self._output_layer = len(model.layer_sizes) == 2
        k = min(n, MAX_TILES)
        # (784, k) -> (k, 784) -> (k, 28, 28): row j is column j of w, reshaped row-major like MNIST's pixels.
        self._tiles = np.ascontiguousarray(w[:, :k].T).reshape(k, TILE, TILE)  # the model's dtype
        self._n_columns = grid_columns(k)
        old_shape = self._image.shape
        self._image = compose_tiles(self._tiles, self._n_columns)
        # A step of 1-1.5-2-3-4-5-7 x 10^k: the colour bar's axis (most of the mosaic's paint,
        # 10-20 ms when its range changes) is redrawn only when the level moves a visible step,
        # a few times a run, not at every epoch.
        self._level = _level_step(symmetric_level(self._tiles))
        levels = (-self._level, self._level)
        self.image_item.setImage(self._image, autoLevels=False, levels=levels)
        self.color_bar.setLevels(levels)
        if self._image.shape != old_shape:
            self.backdrop.setRect(QRectF(0, 0, self._image.shape[1], self._image.shape[0]))
            self.viewbox.setRange(QRectF(0, 0, self._image.shape[1], self._image.shape[0]), padding=0.01)

        if self._output_layer:
            self.caption.setText(self.tr(
                "This network has no hidden layer: these are the incoming weights of its {0} output neurons, "
                "one 28 × 28 tile per neuron, i.e. one template per digit (tile j votes for digit j).").format(n))
        else:
            self.caption.setText(self.tr(
                "Incoming weights of the {0} neurons of hidden layer 1 (one 28 × 28 tile each). Click a tile.").format(
                    numbers.integer(n)))
        self.count_label.setText(
            self.tr("showing {0} of {1} neurons").format(numbers.integer(k), numbers.integer(n)) if k < n else "")
        self.count_label.setVisible(k < n)
        self.legend.setText(self.tr("Red +, blue −, white 0; full colour at ±{0}.").format(
            numbers.general(self._level, 3)))
        self.legend.setToolTip(self.tr(
            "Red: positive weight (ink there raises the neuron's z), blue: negative (lowers it), white: 0. "
            "Colours reach their ends at ±{0}, the 99th percentile of |w| over these tiles rounded up to a "
            "round step, so that a few large weights do not wash out the rest.").format(
                numbers.general(self._level, 3)))
        self.message.hide()
        self.view.show()
        if self._selected is not None and self._selected >= k:
            self._selected = None
        self._place_frame()

    def tile_count(self) -> int:
        """Number of tiles shown: min(neurons, :data:`MAX_TILES`); 0 when a message is shown."""
        return len(self._tiles)

    def neuron_count(self) -> int:
        """Neurons in the layer shown (may exceed :meth:`tile_count`); 0 when a message is shown."""
        return self._n_neurons

    def shows_output_layer(self) -> bool:
        """True if the tiles are output neurons (the network has no hidden layer)."""
        return self._n_neurons > 0 and self._output_layer

    def model(self) -> MLP | None:
        """The model given to :meth:`set_model`."""
        return self._model

    def tile(self, j: int) -> np.ndarray:
        """What tile j shows, before colour mapping.

        Returns
        -------
        ndarray, shape (28, 28), the model's dtype (float32 or float64)
            A copy of ``weights[0][:, j].reshape(28, 28)`` as it was at :meth:`set_model`.

        Raises
        ------
        IndexError
            j is not in ``0 .. tile_count() - 1``.
        """
        self._check(j)
        return self._tiles[j].copy()

    def tile_rect(self, j: int) -> tuple[int, int]:
        """Top-left corner of tile j in :meth:`image`: ``(row0, col0)``, in image pixels.

        ``image()[row0:row0 + 28, col0:col0 + 28]`` equals ``tile(j)``. Raises IndexError as :meth:`tile`.
        """
        self._check(j)
        row, col = divmod(j, self._n_columns)
        return row * (TILE + GAP), col * (TILE + GAP)

    def tile_at(self, x: float, y: float) -> int | None:
        """The tile under image point (x = column, y = row), or None (outside, in a gap or an empty cell)."""
        if x < 0 or y < 0:
            return None
        col, cx = divmod(int(x), TILE + GAP)
        row, cy = divmod(int(y), TILE + GAP)
        j = row * self._n_columns + col
        if cx >= TILE or cy >= TILE or col >= self._n_columns or j >= self.tile_count():
            return None
        return j

    def image(self) -> np.ndarray:
        """The composed image given to the ImageItem: ``(H, W)``, the model's dtype, row-major, NaN in
        gaps (see :func:`compose_tiles`; not a copy: do not modify)."""
        return self._image

    def levels(self) -> tuple[float, float]:
        """The colour levels ``(-L, L)`` of the current tiles."""
        return -self._level, self._level

    def columns(self) -> int:
        """Tiles per grid row."""
        return self._n_columns

    # -- selection ----------------------------------------------------------------------

    def selected(self) -> int | None:
        """The selected tile, or None."""
        return self._selected

    def select(self, j: int) -> None:
        """Select tile j: frame it and emit :attr:`neuron_selected` (if it changed).

        Raises
        ------
        IndexError
            j is not in ``0 .. tile_count() - 1``.
        """
        self._check(j)
        changed = j != self._selected
        self._selected = j
        self._place_frame()
        if changed:
            self.neuron_selected.emit(j)

    def clear_selection(self) -> None:
        """Remove the selection (no signal)."""
        self._selected = None
        self._place_frame()

    def _place_frame(self) -> None:
        if self._selected is None:
            self.frame.hide()
            return
        row0, col0 = self.tile_rect(self._selected)
        half = GAP / 2
        self.frame.setRect(QRectF(col0 - half, row0 - half, TILE + GAP, TILE + GAP))
        self.frame.show()

    def _check(self, j: int) -> None:
        if not 0 <= j < self.tile_count():
            raise IndexError(f"tile {j} does not exist; the mosaic shows {self.tile_count()} tiles.")

    @Slot(float, float)
    def _on_image_item_clicked(self, x: float, y: float) -> None:
        j = self.tile_at(x, y)
        if j is not None:
            self.select(j)

    @Slot(int, int)
    def _on_view_key_moved(self, d_row: int, d_col: int) -> None:
        k = self.tile_count()
        if not k:
            return
        if self._selected is None:
            self.select(0)
            return
        j = self._selected + d_row * self._n_columns + d_col
        if 0 <= j < k:
            self.select(j)

    def tile_center(self, j: int) -> QPointF:
        """Centre of tile j in the ImageItem's coordinates (x = column, y = row), e.g. for a test's click."""
        row0, col0 = self.tile_rect(j)
        return QPointF(col0 + TILE / 2, row0 + TILE / 2)


class NeuronDetail(QWidget):
    """One neuron large: its 28 x 28 incoming weights, its bias and its outgoing weights.

    The tile uses the mosaic's colour map and levels, so colours mean the same in both.
    The outgoing weights ``weights[1][j, :]`` are bars (red positive, blue negative),
    labelled 0..9 when the next layer is the output: they say how strongly this neuron's
    activation votes for each digit.
    """

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._neuron: int | None = None
        self._bias: float | None = None
        self._outgoing: np.ndarray | None = None
        self._tile: np.ndarray | None = None
        self._bar_layout: tuple | None = None
        self._positive, self._negative = pg.mkBrush(_POSITIVE_BAR), pg.mkBrush(_NEGATIVE_BAR)

        self.title = QLabel()
        self.title.setWordWrap(True)
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        self.image_view = ThemedLayoutWidget()
        self.image_view.setFixedSize(120, 120)
        self.image_view.ci.setContentsMargins(0, 0, 0, 0)
        self.image_viewbox = self.image_view.addViewBox(lockAspect=True, invertY=True, enableMouse=False,
                                                        enableMenu=False)
        self.image_item = pg.ImageItem(axisOrder="row-major")
        self.image_item.setColorMap(_colormap())
        self.image_viewbox.addItem(self.image_item)
        self.image_viewbox.setRange(QRectF(0, 0, TILE, TILE), padding=0)
        self.image_view.setToolTip(self.tr("The neuron's incoming weights, in the mosaic's colours."))
        self.bias_label = QLabel()
        self.bias_label.setWordWrap(True)
        self.bias_label.setToolTip(self.tr("The neuron computes z = w · x + b and outputs σ(z): a negative bias "
                                           "needs more ink on its red pixels to switch it on."))
        self.outgoing_label = QLabel()
        self.outgoing_label.setWordWrap(True)
        self.outgoing_label.setToolTip(self.tr("How much this neuron's output adds to each next neuron's z: "
                                               "a tall red bar means it votes for that digit, blue against."))
        self.bar_plot_widget = ThemedPlotWidget()
        self.bar_plot_widget.setToolTip(rich_tip(self.tr(
            "The neuron's outgoing weights: how much its output adds to each neuron of the next layer's weighted "
            "input z. A tall red bar votes for that digit, a blue one against.")))
        self.bar_plot_widget.setMinimumHeight(100)
        self.bar_plot_widget.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Expanding)
        self.bar_plot = self.bar_plot_widget.getPlotItem()
        localize_axes(self.bar_plot)
        self.bar_plot.setMenuEnabled(False)
        self.bar_plot.setMouseEnabled(x=False, y=False)
        self.bar_plot.hideButtons()
        self.bar_plot.showGrid(y=True, alpha=0.25)
        self.bar_plot.addLine(y=0, pen=pg.mkPen((120, 120, 120)))
        self.bars = pg.BarGraphItem(x=[], height=[], width=0.8)
        self.bar_plot.addItem(self.bars)

        # The tile on the left, its bias and outgoing weights on the right (it sits under the mosaic).
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.image_view, 0, Qt.AlignmentFlag.AlignTop)
        right = QVBoxLayout()
        right.addWidget(self.title)
        right.addWidget(self.bias_label)
        right.addWidget(self.outgoing_label)
        right.addWidget(self.bar_plot_widget, 1)
        right.addStretch(0)  # takes the room when the bars are hidden
        layout.addLayout(right, 1)
        self.setMinimumWidth(180)
        self.clear()

    def clear(self, text: str | None = None) -> None:
        """Show no neuron, only ``text`` (default: a hint to click a tile)."""
        self._neuron = self._bias = self._outgoing = self._tile = None
        self.title.setText(text if text is not None else self.tr("Click a tile to see its neuron here."))
        self.image_view.hide()
        self.bias_label.setText("")
        self.outgoing_label.setText("")
        self.bar_plot_widget.hide()

    def show_neuron(self, model: MLP, j: int, levels: tuple[float, float]) -> None:
        """Show neuron j of the first layer after the input: tile, bias ``biases[0][j]``,
        outgoing weights ``weights[1][j, :]`` (none if it is an output neuron).

        Parameters
        ----------
        model : MLP
            With 784 inputs.
        j : int
            Neuron index, ``0 .. layer_sizes[1] - 1``.
        levels : (float, float)
            The colour levels of the tile, ``(-L, L)`` as in the mosaic.
        """
        w = model.weights[0]
        self._neuron = j
        self._tile = np.ascontiguousarray(w[:, j]).reshape(TILE, TILE)
        self._bias = float(model.biases[0][j])
        output = len(model.layer_sizes) == 2
        if output:
            self.title.setText(self.tr("Output neuron {0} (digit {0})").format(j))
        else:
            self.title.setText(self.tr("Hidden layer 1, neuron {0} (of 0–{1})").format(
                j, numbers.integer(w.shape[1] - 1)))
        self.image_item.setImage(self._tile, autoLevels=False, levels=levels)
        self.image_view.show()
        self.bias_label.setText(self.tr("bias b = {0}").format(numbers.signed(self._bias, None, 4)))
        if output:
            self._outgoing = None
            self.outgoing_label.setText(self.tr("An output neuron: its activation is the network's score for "
                                                "digit {0}, so it has no outgoing weights.").format(j))
            self.bar_plot_widget.hide()
            return
        row = model.weights[1][j]  # (n_next,)
        n_next = row.shape[0]
        m = min(n_next, MAX_BARS)
        self._outgoing = np.array(row[:m], dtype=np.float64)
        to_output = len(model.layer_sizes) == 3
        if to_output:
            text = self.tr("Outgoing weights to the {0} output neurons (digits):").format(n_next)
        else:
            text = self.tr("Outgoing weights to the {0} neurons of hidden layer 2.").format(numbers.integer(n_next))
        if m < n_next:
            text += " " + self.tr("(the first {0} of {1})").format(m, numbers.integer(n_next))
        self.outgoing_label.setText(text)
        x = np.arange(m)
        brushes = [self._positive if v >= 0 else self._negative for v in self._outgoing]
        self.bars.setOpts(x=x, height=self._outgoing, width=0.8, brushes=brushes, pen=None)
        if (m, to_output) != self._bar_layout:  # axis text costs ~0.5 ms a call: only when it changes
            self._bar_layout = (m, to_output)
            self.bar_plot.getAxis("bottom").setTicks([[(i, str(i)) for i in range(m)]] if m <= 20 else None)
            self.bar_plot.setLabel("bottom", self.tr("digit") if to_output else self.tr("neuron of layer 2"))
        top = float(np.abs(self._outgoing).max()) if m else 1.0
        top = top if math.isfinite(top) and top > 0 else 1.0
        self.bar_plot.setXRange(-0.6, m - 0.4, padding=0)
        self.bar_plot.setYRange(-top, top, padding=0.05)
        self.bar_plot_widget.show()

    def neuron(self) -> int | None:
        """The neuron shown, or None."""
        return self._neuron

    def bias(self) -> float | None:
        """The shown neuron's bias, or None."""
        return self._bias

    def outgoing(self) -> np.ndarray | None:
        """The bars' heights: a copy of ``weights[1][j, :MAX_BARS]``, float64, or None (output neuron, nothing shown)."""
        return None if self._outgoing is None else self._outgoing.copy()

    def tile(self) -> np.ndarray | None:
        """The large tile's ``(28, 28)`` values (the model's dtype), or None."""
        return None if self._tile is None else self._tile.copy()


class SaturationPlot(QWidget):
    """Percentage of saturated hidden activations per epoch, one curve per hidden layer.

    A sigmoid neuron is saturated when its output a = sigma(z) is below 0.01 or above 0.99:
    there sigma'(z) = a (1 - a) < 0.0099, so every gradient through it (BP2) is nearly 0 and
    its incoming weights learn slowly (Nielsen ch. 3, "the cross-entropy cost function" and
    "weight initialization"). The fractions come from ``core`` (``metrics.saturation``, in
    the training history's ``"saturation"`` entries); this widget only draws them.

    Curves are created once per hidden layer and updated with ``setData``; y is fixed at 0..100 %.
    """

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._sizes: tuple[int, ...] | None = None  # hidden-layer sizes, once known
        self._epochs: list[float] = []
        self._values: list[list[float]] = []  # per layer, in percent, aligned with _epochs
        self._latest: list[float] = []
        self.curves: list[pg.PlotDataItem] = []
        self._legend_names: list[str] | None = None

        self.caption = QLabel(self.tr("% of hidden outputs saturated (σ(z) < 0.01 or > 0.99: learning slows, "
                                      "ch. 3)"))
        self.caption.setWordWrap(True)
        # Which curve is which, above the plot rather than over its data: one layer's name
        # alone, or a coloured line and name per layer.
        self.legend = QLabel()
        self.legend.setWordWrap(True)
        self.legend.setTextFormat(Qt.TextFormat.RichText)
        _reserve_lines(self.legend, 1)
        self.plot_widget = ThemedPlotWidget()
        self.plot_widget.setToolTip(rich_tip(self.tr(
            "How many of each hidden layer's outputs are saturated, in percent, at the end of each epoch (on "
            "1,000 validation images). A saturated sigmoid neuron outputs nearly 0 or 1 whatever the input; "
            "its slope σ′(z) is then nearly 0, so its weights barely learn (ch. 3). N(0, 1/n_in) initial weights "
            "keep this low.")))
        self.plot_widget.setMinimumHeight(130)  # 80-90 px of data at least, under the axis
        self.plot = self.plot_widget.getPlotItem()
        self.plot.showGrid(x=True, y=True, alpha=0.25)
        localize_axes(self.plot)
        self.plot.setLabel("left", "%")  # (the caption says "saturated ..., in %"; a longer label is cut)
        self.plot.setLabel("bottom", self.tr("epoch"))
        for side in ("left", "bottom"):
            self.plot.getAxis(side).enableAutoSIPrefix(False)
            # Repaint an axis from a pixmap until its range changes (an axis's paint is most of the plot's).
            self.plot.getAxis(side).setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        self.plot.setYRange(0, 100, padding=0.02)
        self.plot.enableAutoRange(x=False, y=False)
        self._x_top: int | None = None  # the x axis's last epoch, grown 5 epochs at a time
        self.plot.setMouseEnabled(y=False)
        self.plot_widget.follow_palette()  # (again: the labels made since)
        self.latest_label = QLabel()
        self.latest_label.setWordWrap(True)
        _reserve_lines(self.latest_label, 2)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.caption)
        layout.addWidget(self.legend)
        layout.addWidget(self.plot_widget, 1)
        layout.addWidget(self.latest_label)
        self.reset()

    def set_hidden_sizes(self, sizes: Sequence[int]) -> None:
        """Name the curves after the hidden layers' sizes, e.g. ``(15,)`` -> "layer 1 (15 neurons)"."""
        self._sizes = tuple(int(n) for n in sizes)
        self._update_legend()
        self._update_latest()

    def reset(self) -> None:
        """Remove every point (the curves stay)."""
        self._epochs = []
        self._values = [[] for _ in self.curves]
        self._latest = []
        for curve in self.curves:
            curve.setData([], [])
        self._update_latest()

    def set_history(self, history: Sequence[dict]) -> None:
        """Replace the points by those of a training history, one curve update per layer.

        Parameters
        ----------
        history : sequence of dict
            ``model.metadata["history"]``: rows with ``"epoch"`` (1-based; the row's position
            + 1 if missing) and ``"saturation"``, a list of fractions in [0, 1], one per hidden
            layer. Rows without a usable ``"saturation"`` list are skipped.
        """
        self.reset()
        for i, row in enumerate(history):
            saturation = row.get("saturation") if isinstance(row, dict) else None
            if isinstance(saturation, (list, tuple)):
                self._append(row.get("epoch", i + 1), saturation)
        self._redraw()

    def add_epoch(self, epoch: int, saturation: Sequence[float]) -> None:
        """Append one epoch's fractions (one per hidden layer, in [0, 1]; None or NaN leaves a hole)."""
        self._append(epoch, saturation)
        self._redraw()

    def curve_data(self, layer: int) -> tuple[np.ndarray, np.ndarray]:
        """The points of hidden layer ``layer`` (0-based): epochs and percentages, ``(n,)`` float64 each."""
        x, y = self.curves[layer].getData()
        return (np.empty(0), np.empty(0)) if x is None else (np.asarray(x, float), np.asarray(y, float))

    def _append(self, epoch, saturation) -> None:
        values = []
        for v in saturation:
            try:
                values.append(100.0 * float(v))
            except (TypeError, ValueError):
                values.append(math.nan)
        while len(self.curves) < len(values):
            color = _CURVE_COLORS[len(self.curves) % len(_CURVE_COLORS)]
            self.curves.append(self.plot.plot(pen=pg.mkPen(color, width=2), symbol="o", symbolSize=5,
                                              symbolBrush=color, symbolPen=None, connect="finite"))
            self._values.append([math.nan] * len(self._epochs))
        try:
            self._epochs.append(float(epoch))
        except (TypeError, ValueError):
            self._epochs.append(float(len(self._epochs) + 1))
        for layer, series in enumerate(self._values):
            series.append(values[layer] if layer < len(values) else math.nan)
        self._latest = values

    def _redraw(self) -> None:
        x = np.asarray(self._epochs, dtype=np.float64)
        for curve, series in zip(self.curves, self._values):
            curve.setData(x, np.asarray(series, dtype=np.float64))
        # The x axis in steps of 5 epochs: with pyqtgraph's auto-range every new epoch moved it,
        # re-ticked the axis and painted the plot twice (10-25 ms each, measured).
        top = 5 * max(1, math.ceil(max(self._epochs, default=1.0) / 5))
        if top != self._x_top:
            self._x_top = top
            self.plot.setXRange(0.5, top + 0.5, padding=0)
        self._update_legend()
        self._update_latest()

    def _name(self, layer: int) -> str:
        if self._sizes is not None and layer < len(self._sizes):
            return self.tr("layer {0} ({1} neurons)").format(layer + 1, numbers.integer(self._sizes[layer]))
        return self.tr("layer {0}").format(layer + 1)

    def legend_names(self) -> list[str]:
        """The curves' names shown above the plot, layer 1 first (one name when there is one layer)."""
        return list(self._legend_names or [])

    def _update_legend(self) -> None:
        count = max(len(self.curves), len(self._sizes or ()))
        names = [self._name(i) for i in range(count)]
        if names == self._legend_names:
            return
        self._legend_names = names
        if len(names) == 1:  # nothing to tell apart: the layer's name alone, a title
            self.legend.setText(html.escape(self.tr("Hidden layer {0} ({1} neurons)").format(
                1, numbers.integer(self._sizes[0])) if self._sizes else names[0]))
            return
        parts = []
        for i, name in enumerate(names):
            r, g, b = _CURVE_COLORS[i % len(_CURVE_COLORS)]
            parts.append(f'<span style="white-space: nowrap"><span style="color: #{r:02x}{g:02x}{b:02x}; '
                         f'font-weight: bold">━━</span>&nbsp;{html.escape(name)}</span>')
        self.legend.setText("&nbsp;&nbsp; ".join(parts))

    def _update_latest(self) -> None:
        if self._sizes == ():
            self.latest_label.setText(self.tr("This network has no hidden layer: nothing to saturate."))
            return
        if not self._epochs:
            self.latest_label.setText(self.tr("No saturation figures yet: they are measured on validation images "
                                              "at the end of each training epoch."))
            return
        if not self._latest:
            self.latest_label.setText(self.tr("No hidden layer: nothing to saturate."))
            return
        parts = []
        for layer, v in enumerate(self._latest):
            if math.isnan(v):
                continue
            shown = numbers.fixed(v, 0) if v >= 10 or v == 0 else numbers.fixed(v, 1)
            parts.append(self.tr("layer {0}: {1}% saturated").format(layer + 1, shown))
        epoch = self._epochs[-1]
        self.latest_label.setText(self.tr("After epoch {0}: {1}").format(
            numbers.general(epoch), "; ".join(parts) if parts else self.tr("not measured")))


class NetworkInsideView(QWidget):
    """The "Look inside" view: weight mosaic, neuron detail and saturation plot.

    The app calls :meth:`set_model` whenever the current network changes (every epoch
    during training) and :meth:`add_epoch` with each epoch's saturation. While the view is
    hidden (another tab) it only remembers what it was given, and draws on ``showEvent``:
    a hidden view costs the training thread nothing.

    Attributes
    ----------
    mosaic : WeightMosaic
    detail : NeuronDetail
    saturation_plot : SaturationPlot

    Signals
    -------
    neuron_selected(int)
        Relayed from the mosaic.
    """

    neuron_selected = Signal(int)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._model: MLP | None = None
        self._title = ""
        self._model_pending = False
        self._history: list[dict] | None = None  # given while hidden, not drawn yet
        self._epochs: list[tuple[int, list]] = []  # epochs added while hidden, after _history

        self.title = QLabel()
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        self.mosaic = WeightMosaic()
        self.detail = NeuronDetail()
        self.saturation_plot = SaturationPlot()

        # A column: the mosaic, the selected neuron under it, then the saturation.
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self.mosaic)
        self.splitter.addWidget(self.detail)
        self.splitter.addWidget(self.saturation_plot)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setStretchFactor(2, 1)
        self.splitter.setSizes([3000, 1000, 2000])
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.splitter, 1)
        self.mosaic.neuron_selected.connect(self._on_mosaic_neuron_selected)
        self._apply_model()

    def set_model(self, model: MLP | None, title: str = "") -> None:
        """Show a network's insides (drawn now if visible, else on the next show).

        Parameters
        ----------
        model : MLP or None
            The network; not modified, and not to be modified by another thread while shown
            (pass a snapshot). None shows a message.
        title : str
            Shown above the mosaic (e.g. the model's file name); default: its layer sizes.
        """
        self._model, self._title = model, title
        self._model_pending = True
        if self.isVisible():
            self._apply_model()

    def set_history(self, history: Sequence[dict]) -> None:
        """Replace the saturation curves by a training history's (see :meth:`SaturationPlot.set_history`)."""
        self._history = list(history)
        self._epochs = []
        if self.isVisible():
            self._flush_saturation()

    def add_epoch(self, epoch: int, saturation: Sequence[float]) -> None:
        """Add one epoch's saturation fractions (one per hidden layer, in [0, 1])."""
        self._epochs.append((epoch, list(saturation)))
        if self.isVisible():
            self._flush_saturation()

    def select(self, j: int) -> None:
        """Select neuron j in the mosaic (see :meth:`WeightMosaic.select`); draws a pending model first."""
        if self._model_pending:
            self._apply_model()
        self.mosaic.select(j)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._model_pending:
            self._apply_model()
        self._flush_saturation()

    def _apply_model(self) -> None:
        self._model_pending = False
        model = self._model
        if model is None:
            self.title.setText(self._title)
        else:
            self.title.setText(self._title or self.tr("Network {0}").format("-".join(map(str, model.layer_sizes))))
        self.mosaic.set_model(model)
        self.saturation_plot.set_hidden_sizes(model.layer_sizes[1:-1] if model is not None else ())
        j = self.mosaic.selected()
        if j is None:
            self.detail.clear(None if self.mosaic.tile_count() else "")
        else:
            self.detail.show_neuron(model, j, self.mosaic.levels())

    def _flush_saturation(self) -> None:
        if self._history is not None:
            self.saturation_plot.set_history(self._history)
            self._history = None
        for epoch, saturation in self._epochs:
            self.saturation_plot.add_epoch(epoch, saturation)
        self._epochs = []

    @Slot(int)
    def _on_mosaic_neuron_selected(self, j: int) -> None:
        model = self.mosaic.model()
        if model is not None:
            self.detail.show_neuron(model, j, self.mosaic.levels())
        self.neuron_selected.emit(j)

"""TrainingPlot: the cost and accuracy curves of many training runs, one of them live.

Each run (a key: a :class:`~mnist_gui.session.Run`, an id, anything hashable) gets its
own set of curves in its own colour (:func:`run_color`). The run being trained or looked
at is drawn bright; the others are faded behind it, so that a new run is compared with
the earlier ones without a second window.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pyqtgraph as pg
import pyqtgraph.exporters  # pg.exporters is not imported by pyqtgraph itself
from pyqtgraph.graphicsItems.LegendItem import ItemSample
from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QColor, QPixmapCache
from PySide6.QtWidgets import QGraphicsItem, QPushButton, QSizePolicy, QWidget

from mnist_gui import numbers
from mnist_gui.numbers import percent as format_percent
from mnist_gui.theme import PaletteFollowing
from mnist_gui.widgets import localize_axes, rich_tip

#: The runs' colours, (r, g, b) 0-255, in the order runs get them (Tableau 10 without its
#: red, kept for the diverged marker, and its grey, kept for the cursor line).
RUN_COLORS: tuple[tuple[int, int, int], ...] = (
    (31, 119, 180),   # blue
    (255, 127, 14),   # orange
    (44, 160, 44),    # green
    (148, 103, 189),  # purple
    (140, 86, 75),    # brown
    (227, 119, 194),  # pink
    (188, 189, 34),   # olive
    (23, 190, 207),   # cyan
    (57, 59, 121),    # indigo
    (140, 109, 49),   # ochre
)

#: Opacity (0-255) of the runs that are not the current one (about 0.35).
FADED_ALPHA = 90

#: Time constant of the smoothed cost, in epochs (see :meth:`TrainingPlot.add_costs`).
SMOOTHING_EPOCHS = 0.3

#: Faded runs that paint from a pixmap cache: the newest this many (older ones paint their
#: curves each time, about 0.5 ms a run). Qt's pixmap cache is sized to hold them
#: (:meth:`TrainingPlot._size_pixmap_cache`): at its default 10 MB, four faded runs' pixmaps
#: (about 7 items of up to a plot's size each) overflowed it, and every paint re-rendered the
#: evicted ones: 16-22 ms instead of 3 ms a paint.
CACHED_FADED_RUNS = 4

#: The hover readout lists the other visible runs too when there are at most this many.
READOUT_MAX_RUNS = 3

_DIVERGED_COLOR = (200, 20, 20)
_DOT = Qt.PenStyle.DotLine
_DASH = Qt.PenStyle.DashLine


def run_color(i: int) -> QColor:
    """The colour of the ``i``-th run (0-based), cycling through :data:`RUN_COLORS`.

    Parameters
    ----------
    i : int
        Any integer; the palette repeats after ``len(RUN_COLORS)`` runs.

    Returns
    -------
    QColor
        A new, opaque colour (the caller may change it).
    """
    return QColor(*RUN_COLORS[i % len(RUN_COLORS)])


def _with_alpha(color: QColor, alpha: int) -> QColor:
    c = QColor(color)
    c.setAlpha(alpha)
    return c


class _Series:
    """A growing (x, y) series in numpy buffers that double when full, drawn by one
    ``PlotDataItem`` created once and then only fed with ``setData``.

    Parameters
    ----------
    curve : pyqtgraph.PlotDataItem

    Attributes
    ----------
    curve : pyqtgraph.PlotDataItem
    n : int
        Points held (and drawn).
    """

    def __init__(self, curve: pg.PlotDataItem):
        self.curve = curve
        self._data = np.empty((2, 64))  # (2, capacity) float64: rows x, y
        self.n = 0

    def append(self, x: float, y: float) -> None:
        """Add a point and redraw the curve from the buffer."""
        self.extend([x], [y])

    def extend(self, xs, ys) -> None:
        """Add points ``xs``, ``ys`` (equal-length sequences or ``(k,)`` arrays) and
        redraw the curve once."""
        k = len(xs)
        if not k:
            return
        size = self._data.shape[1]
        while self.n + k > size:
            size *= 2
        if size != self._data.shape[1]:
            grown = np.empty((2, size))
            grown[:, :self.n] = self._data[:, :self.n]
            self._data = grown
        self._data[0, self.n:self.n + k] = xs
        self._data[1, self.n:self.n + k] = ys
        self.n += k
        self.curve.setData(self._data[0, :self.n], self._data[1, :self.n])

    def set(self, xs, ys) -> None:
        """Replace all points by ``xs``, ``ys`` (one redraw)."""
        if len(xs):
            self.n = 0
            self.extend(xs, ys)
        else:
            self.clear()

    def clear(self) -> None:
        """Forget all points (the buffer is kept)."""
        self.n = 0
        self.curve.setData([], [])

    @property
    def x(self) -> np.ndarray:
        """The x values, ``(n,)`` float64, a view into the buffer (do not modify)."""
        return self._data[0, :self.n]

    @property
    def y(self) -> np.ndarray:
        """The y values, ``(n,)`` float64, a view into the buffer (do not modify)."""
        return self._data[1, :self.n]

    def data(self) -> tuple[np.ndarray, np.ndarray]:
        """Copies of the x and y values, ``(n,)`` float64 each."""
        return self._data[0, :self.n].copy(), self._data[1, :self.n].copy()

    def nearest(self, x: float) -> int | None:
        """Index of the point whose x is nearest to ``x``, or None without points."""
        if not self.n:
            return None
        return int(np.abs(self.x - x).argmin())


@dataclass(eq=False)
class _RunItems:
    """The plot items and running summaries of one run (all owned by a TrainingPlot)."""

    key: Hashable
    name: str
    color: QColor
    cost: _Series  # raw cost of each report window, faint
    smoothed: _Series  # exponential moving average of ``cost``
    training: _Series  # accuracies in percent, one point per epoch
    validation: _Series
    test: _Series
    best: pg.ScatterPlotItem  # one star at the best validation epoch
    visible: bool = True
    best_x: float | None = None
    best_y: float | None = None  # percent
    ema_x: float | None = None  # the smoothed cost's last point
    ema_y: float | None = None
    x_max: float = 0.0  # summaries of the drawn points, kept up to date as they come
    cost_max: float | None = None
    accuracy_min: float | None = None  # percent
    points_received: int = 0  # cost points handed to add_costs, NaN and inf included
    eta_markers: list = field(default_factory=list)  # (epoch, eta, cost-plot line, accuracy-plot line)
    diverged: tuple | None = None  # (epoch, y, plot, ScatterPlotItem, TextItem)
    style: tuple | None = None  # what the curves were last styled for: (bright, on top, rgba, cached)

    def accuracy_series(self) -> tuple[_Series, _Series, _Series]:
        return self.training, self.validation, self.test

    def all_series(self) -> tuple[_Series, ...]:
        return self.cost, self.smoothed, self.training, self.validation, self.test

    def clear_summaries(self) -> None:
        self.best_x = self.best_y = self.ema_x = self.ema_y = None
        self.x_max, self.cost_max, self.accuracy_min, self.points_received = 0.0, None, None, 0


class _FollowingViewBox(pg.ViewBox):
    """A ViewBox whose auto-range requests ask the :class:`TrainingPlot` to fit instead.

    pyqtgraph's "A" button, the context menu's "View All" and an axis's "Auto" would fit
    this plot alone, and with linked x axes the other plot would then be clipped (the
    accuracy curves start at epoch 1, the cost curve near 0). Here they emit
    :attr:`fit_requested`; the owner returns to following, which fits both plots. Typing
    a range in the context menu counts as a manual change, as a drag or the wheel does.
    """

    fit_requested = Signal()

    def __init__(self):
        super().__init__()
        for ctrl in self.menu.ctrl if self.menu is not None else []:  # connected after the menu's own slots: the range is set first
            ctrl.minText.editingFinished.connect(self._emit_manual_change)
            ctrl.maxText.editingFinished.connect(self._emit_manual_change)
            ctrl.manualRadio.clicked.connect(self._emit_manual_change)

    def _emit_manual_change(self, *args) -> None:
        self.sigRangeChangedManually.emit(self.state["mouseEnabled"][:])

    def enableAutoRange(self, axis=None, enable=True, x=None, y=None):
        if x is not None or y is not None:
            super().enableAutoRange(axis, enable, x, y)  # calls back here once per axis
        elif not enable:
            super().enableAutoRange(axis, False)
        else:
            self.fit_requested.emit()

    def autoRange(self, padding=None, items=None, item=None):
        self.fit_requested.emit()


class _LegendSample(ItemSample):
    """A legend sample that only shows a style (pyqtgraph's toggles its item when clicked,
    which means nothing for a style sample)."""

    def mouseClickEvent(self, event):
        event.accept()


class _LegacyKey:
    """The key of the run that the single-run API (``start_run(n_epochs)``, ``add_costs(points)``,
    ``cost``, ...) uses when no run is current."""

    def __repr__(self) -> str:
        return "<single run>"


_LEGACY = _LegacyKey()
_MISSING = object()


def _never_widening(label) -> None:
    """Let a pyqtgraph ``LabelItem`` be narrower than its text (cut at the sides), so that a
    title never makes its plot wider than the column it is in.

    pyqtgraph's ``LabelItem.updateMin`` (called on every text change and resize) makes the
    text's width the label's minimum; this wraps it to set the minimum width back to 0.
    """
    update_min = label.updateMin

    def narrow() -> None:
        update_min()
        hints = getattr(label, "_sizeHint", None)
        if isinstance(hints, dict) and Qt.SizeHint.MinimumSize in hints:
            hints[Qt.SizeHint.MinimumSize] = (0, hints[Qt.SizeHint.MinimumSize][1])
        label.setMinimumWidth(0)
        label.updateGeometry()

    label.updateMin = narrow
    label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
    narrow()


class TrainingPlot(PaletteFollowing, pg.GraphicsLayoutWidget):
    """Two stacked plots with linked x axes (epochs, fractional within an epoch): cost
    above, accuracy below, for many runs at once.

    **Runs.** :meth:`add_run` creates a run's items once: the raw cost of each report
    window (faint, thin), the smoothed cost over it, the training (dotted), validation
    (solid, with symbols) and test (dashed) accuracy at each epoch's end, a star at the
    best validation epoch, and, when they happen, learning-rate markers (a vertical line
    on both plots) and a red X where the run diverged. New points only go into numpy
    buffers that double when full, followed by one ``setData`` per curve and update;
    the items themselves are never created again. :meth:`set_current` draws one run
    bright and fades the others. Keys are any hashable objects (a ``Run`` compares by
    identity). Call from the GUI thread only.

    **Following.** The axes follow the data: during a run (:meth:`start_run` ..
    :meth:`end_run`) x spans the planned epochs from the start and the y ranges only grow
    (cost) or lower (accuracy) when a point falls outside; when idle they fit every
    visible run. Panning or zooming either plot (drag, wheel, a range typed in the context
    menu) stops this and shows a "Follow" button; clicking it, or :meth:`follow`, or
    pyqtgraph's "A" button, returns to following and fits both plots together.

    **Why the axes stay still.** With pyqtgraph's auto-range every new point moved the x
    range, so every axis recomputed its ticks and the plot painted twice per update
    (15-19 ms each, measured); a GUI thread busy painting holds the GIL that the
    training thread needs (two cores, one GIL). So pyqtgraph's auto-range is never on;
    ranges are set here, only when they change. Curves use peak downsampling and clip to
    the view, the axes repaint from a pixmap cache unless their range changed, a faded
    run's curves never get ``setData`` again, and no update loops over all the points in
    Python: after 30 epochs of 10 points each, an update costs what it did at the start.

    **Hovering** shows a vertical line on both plots and the values under the cursor
    (:meth:`readout_at`), at most 30 times a second and not at all while the mouse is
    still.

    Parameters
    ----------
    parent : QWidget, optional

    Signals
    -------
    following_changed(bool)
        The plots started (True) or stopped (False) following the data.

    Attributes
    ----------
    cost_plot, accuracy_plot : pyqtgraph.PlotItem
    follow_button : QPushButton
        Shown while the user's own view is kept.
    legend : pyqtgraph.LegendItem
        On the accuracy plot: the styles of the current run's curves.
    """

    following_changed = Signal(bool)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent=parent)
        self.cost_plot = self.addPlot(row=0, col=0, viewBox=_FollowingViewBox())
        self.accuracy_plot = self.addPlot(row=1, col=0, viewBox=_FollowingViewBox())
        self.accuracy_plot.setXLink(self.cost_plot)
        for plot in (self.cost_plot, self.accuracy_plot):
            plot.showGrid(x=True, y=True, alpha=0.25)
            plot.setDownsampling(auto=True, mode="peak")
            plot.setClipToView(True)
            plot.disableAutoRange()
            plot.getAxis("left").setWidth(56)
            for side in ("left", "bottom"):
                axis = plot.getAxis(side)
                axis.enableAutoSIPrefix(False)  # "0.05", not "50" with "(x0.001)"
                # Repaint an axis from a pixmap unless its range changed (a third off a paint).
                axis.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
            vb = plot.getViewBox()
            vb.sigRangeChangedManually.connect(self._on_view_range_changed_manually)
            vb.fit_requested.connect(self.follow)
        for plot in (self.cost_plot, self.accuracy_plot):
            localize_axes(plot)
        self.cost_plot.setLabel("left", self.tr("cost"))
        self.cost_plot.setTitle(self.tr("Cost (faint: each report window; line: smoothed)"), size="10pt")
        self.accuracy_plot.setLabel("left", self.tr("accuracy"), units="%")
        self.accuracy_plot.setLabel("bottom", self.tr("epoch"))
        self.accuracy_plot.setTitle(self.tr("Accuracy at the end of each epoch"), size="10pt")
        for plot in (self.cost_plot, self.accuracy_plot):
            # A title never widens the plot: in a narrow column (an 800-pixel window) it is cut
            # at the sides rather than the whole plot clipped at the right.
            _never_widening(plot.titleLabel)
        self.follow_palette()  # the background, axes and titles in the palette's colours, light or dark
        self.setToolTip(rich_tip(self.tr(
            "Top: the cost on the training mini-batches as training goes on; it should fall. Bottom: the accuracy "
            "at the end of each epoch on the training, validation and test images; it should rise. When the "
            "training accuracy keeps rising while the validation accuracy stalls or falls, the network is "
            "overfitting.\n"
            "Hover to read the values; drag to pan, wheel to zoom; right-click for more (including Export…).")))

        self._runs: dict[Hashable, _RunItems] = {}
        self._spare: dict | None = None  # the next run's items, made ahead (see prepare_run_items)
        self._current: Hashable | None = None
        self._live: Hashable | None = None  # the run between start_run and end_run
        self._live_epochs = 1
        self._following = True
        self._cost_top: float | None = None  # the cost axis's top while following (only raised during a run)
        self._accuracy_bottom = 90.0  # the accuracy axis's bottom (%), only lowered during a run
        self._applied: dict[str, tuple[float, float]] = {}  # ranges last set, to skip no-op calls

        self.legend = self.accuracy_plot.addLegend(offset=(-10, -10), sampleType=_LegendSample,
                                                   labelTextColor=(40, 40, 40), brush=(255, 255, 255, 200),
                                                   pen=(200, 200, 200))
        self._legend_samples = {
            "training": pg.PlotDataItem(),
            "validation": pg.PlotDataItem([0.0], [0.0]),  # a point: pyqtgraph styles the symbol of data only
            "test": pg.PlotDataItem(),
            "best": pg.ScatterPlotItem(),
        }
        for name, label in (("training", self.tr("training")), ("validation", self.tr("validation")),
                            ("test", self.tr("test")), ("best", self.tr("best validation"))):
            self.legend.addItem(self._legend_samples[name], label)
        self._style_legend(QColor(90, 90, 90))
        self.legend.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)  # static: paint from a pixmap

        self.follow_button = QPushButton(self.tr("Follow"), self)
        self.follow_button.setToolTip(self.tr("Follow the data again"))
        self.follow_button.setCursor(Qt.CursorShape.PointingHandCursor)
        self.follow_button.clicked.connect(self.follow)
        self.follow_button.hide()

        hover_pen = pg.mkPen((110, 110, 110), width=1, style=_DASH)
        self._hover_lines = []
        for plot in (self.cost_plot, self.accuracy_plot):
            line = pg.InfiniteLine(angle=90, movable=False, pen=hover_pen)
            line.setZValue(100)
            line.hide()
            plot.addItem(line, ignoreBounds=True)
            self._hover_lines.append(line)
        self._hover_text = pg.TextItem(color=(30, 30, 30), fill=pg.mkBrush(255, 255, 255, 225),
                                       border=pg.mkPen(170, 170, 170), anchor=(0, 0))
        self._hover_text.setZValue(101)
        self._hover_text.hide()
        self.cost_plot.addItem(self._hover_text, ignoreBounds=True)
        self._mouse_left = False
        self._mouse_proxy = pg.SignalProxy(self.scene().sigMouseMoved, rateLimit=30,
                                           slot=self._on_scene_mouse_moved, threadSafe=False)
        self._empty_ranges()

    # -- runs --------------------------------------------------------------------------

    def add_run(self, key: Hashable, name: str, color) -> None:
        """Create the curves of a run (once): they stay empty until points come.

        Parameters
        ----------
        key : hashable
            Names the run in every other call.
        name : str
            Shown in the hover readout.
        color : QColor, (r, g, b) tuple, "#rrggbb" or anything ``pyqtgraph.mkColor`` takes
            The run's colour (see :func:`run_color`).

        If ``key`` is already there, only its name and colour change (no new items).
        """
        color = QColor(pg.mkColor(color))
        run = self._runs.get(key)
        if run is not None:
            run.name, run.color = name, color
            self._restyle()
            return

        items, self._spare = self._spare or self._new_items(), None
        self._runs[key] = _RunItems(key=key, name=name, color=color, **items)
        self._restyle()

    def prepare_run_items(self) -> None:
        """Create the (empty) items of the next run ahead of time, so that :meth:`add_run`
        at a run's start only styles them: creating and adding six pyqtgraph items took
        12-30 ms, a stall of the window just as a run starts. Call it when idle."""
        if self._spare is None:
            self._spare = self._new_items()

    def _new_items(self) -> dict:
        def curve(plot: pg.PlotItem) -> pg.PlotDataItem:
            item = pg.PlotDataItem()
            plot.addItem(item)
            return item

        best = pg.ScatterPlotItem(symbol="star")
        self.accuracy_plot.addItem(best)
        return {"cost": _Series(curve(self.cost_plot)), "smoothed": _Series(curve(self.cost_plot)),
                "training": _Series(curve(self.accuracy_plot)), "validation": _Series(curve(self.accuracy_plot)),
                "test": _Series(curve(self.accuracy_plot)), "best": best}

    def remove_run(self, key: Hashable) -> None:
        """Remove a run and all its items from the plots.

        Raises
        ------
        KeyError
            No run has this key.
        """
        run = self._get(key)
        for series in (run.cost, run.smoothed):
            self.cost_plot.removeItem(series.curve)
        for series in run.accuracy_series():
            self.accuracy_plot.removeItem(series.curve)
        self.accuracy_plot.removeItem(run.best)
        self._remove_markers(run)
        del self._runs[key]
        if self._live == key:
            self._live = None
        if self._current == key:
            self._current = None
        self._restyle()
        self._follow_data(refit=True)

    def run_keys(self) -> list:
        """The keys of the runs on the plots, in the order they were added."""
        return list(self._runs)

    def rename_run(self, key: Hashable, name: str) -> None:
        """Change the name the hover readout gives a run.

        Raises
        ------
        KeyError
            No run has this key.
        """
        self._get(key).name = name

    def set_current(self, key: Hashable | None) -> None:
        """Draw run ``key`` bright and on top, every other run faded (opacity about 0.35,
        thinner lines). None: no run stands out (all bright).

        Raises
        ------
        KeyError
            No run has this key.
        """
        if key is not None:
            self._get(key)
        self._current = key
        self._restyle()

    def current(self) -> Hashable | None:
        """The key of the run drawn bright, or None."""
        return self._current

    def set_run_visible(self, key: Hashable, visible: bool) -> None:
        """Show or hide all of a run's items; a hidden run is left out of the fitted ranges
        and the hover readout.

        Raises
        ------
        KeyError
            No run has this key.
        """
        run = self._get(key)
        run.visible = bool(visible)
        for item in self._items_of(run):
            item.setVisible(run.visible)
        self._follow_data(refit=True)

    def is_run_visible(self, key: Hashable) -> bool:
        """Whether :meth:`set_run_visible` left the run shown."""
        return self._get(key).visible

    # -- data --------------------------------------------------------------------------

    def add_costs(self, key, points=None) -> None:
        """Append ``(epoch, cost)`` points to a run's cost curves, with one redraw per curve
        (what a live view calls a few times a second, not once a report).

        Parameters
        ----------
        key : hashable
            The run (``add_costs(points)``, the single-run form, uses the current run).
        points : sequence of (float, float)
            Fractional epoch (2.5 = half-way through epoch 3) and the mean cost of the
            reported window. Points with a NaN or infinite value are left out (a run that
            diverged reports an infinite cost); :meth:`cost_count` still counts them.

        The smoothed line is an exponential moving average in epochs, not in points, so
        that it smooths the same whatever the reporting rate: each new point moves it by
        ``1 - exp(-dx / SMOOTHING_EPOCHS)`` of the way, ``dx`` being the epochs since the
        previous point (0.18 for 10 points an epoch, 0.96 for one point an epoch). Only
        the new points are smoothed, so the cost of an update does not grow with the run.

        Raises
        ------
        KeyError
            No run has this key.
        """
        if points is None:
            key, points = self._legacy_key(), key
        run = self._get(key)
        self._add_costs(run, points)
        self._follow_data(refit=self._live is None)

    def add_cost(self, key, epoch, cost=_MISSING) -> None:
        """Append one cost point: ``add_cost(key, epoch, cost)``, or ``add_cost(epoch, cost)``
        for the current run. See :meth:`add_costs`."""
        if cost is _MISSING:
            self.add_costs([(key, epoch)])
        else:
            self.add_costs(key, [(epoch, cost)])

    def cost_count(self, key: Hashable) -> int:
        """How many cost points :meth:`add_costs` was given for this run since it was last
        cleared, the NaN and infinite ones it left out included: the index of the first
        point of a run's list not handed over yet."""
        return self._get(key).points_received

    def add_accuracy(self, key, epoch, validation, test=_MISSING, training=None) -> None:
        """Append a run's end-of-epoch accuracies, fractions in [0, 1] (None: not measured),
        shown in percent. The gap between the training and validation curves is
        overfitting (Nielsen ch. 3). Moves the best-validation star if this epoch beat
        every earlier one.

        ``add_accuracy(key, epoch, validation, test, training=None)``; the single-run form
        ``add_accuracy(epoch, validation, test[, training])`` adds to the current run (the
        four-value form only while the single run is the only one).

        Raises
        ------
        KeyError
            No run has this key.
        """
        if test is _MISSING:
            key, epoch, validation, test = self._legacy_key(), key, epoch, validation
        elif key not in self._runs and set(self._runs) == {_LEGACY}:
            key, epoch, validation, test, training = self._legacy_key(), key, epoch, validation, test
        run = self._get(key)
        self._add_accuracies(run, [epoch], [validation], [test], [training])
        self._follow_data(refit=self._live is None)

    def set_history(self, key: Hashable, history: Sequence[Mapping], cost_points=None,
                    learning_rate_changes=None) -> None:
        """Replace all of a run's points at once (a finished run, a model opened from a file).

        Parameters
        ----------
        key : hashable
        history : sequence of dict
            One row per completed epoch, as in ``model.metadata["history"]``: ``epoch``
            (1-based int), ``cost``, ``training_accuracy``, ``validation_accuracy``,
            ``test_accuracy`` (fractions or None), ``seconds``, ``learning_rate``.
        cost_points : sequence of (float, float), optional
            The per-window cost points; without them the rows' costs are drawn at
            x = epoch.
        learning_rate_changes : iterable, optional
            Where eta changed: ``(epoch, eta)`` pairs, the epoch fractional, or mappings
            with ``epoch`` (fractional) and ``learning_rate`` and optionally ``batch``
            with ``n_batches`` (then at ``epoch - 1 + batch / n_batches``, as core records
            them). Without it, a marker is drawn at the end of each epoch after which the
            history's ``learning_rate`` changed.

        Raises
        ------
        KeyError
            No run has this key.
        ValueError
            A learning-rate change with ``batch`` but not ``n_batches``.
        """
        run = self._get(key)
        changes = self._learning_rate_changes(history, learning_rate_changes)
        self._clear_run(run)
        if cost_points is None:
            cost_points = [(row["epoch"], row["cost"]) for row in history if row.get("cost") is not None]
        self._add_costs(run, cost_points)
        self._add_accuracies(run, [row["epoch"] for row in history],
                             [row.get("validation_accuracy") for row in history],
                             [row.get("test_accuracy") for row in history],
                             [row.get("training_accuracy") for row in history])
        for epoch, eta in changes:
            self._add_learning_rate_marker(run, epoch, eta)
        self._style_markers(run)
        self._follow_data(refit=True)

    def add_learning_rate_change(self, key: Hashable, epoch: float, eta: float) -> None:
        """Mark where a run's learning rate changed: a vertical line on both plots and a
        label "eta 0.5" on the cost plot.

        Parameters
        ----------
        key : hashable
        epoch : float
            Fractional epoch of the change (2.5 = half-way through epoch 3).
        eta : float
            The new learning rate.

        Raises
        ------
        KeyError
            No run has this key.
        """
        run = self._get(key)
        self._add_learning_rate_marker(run, float(epoch), float(eta))
        self._style_markers(run)

    def mark_diverged(self, key: Hashable, epoch: float, validation: float | None = None) -> None:
        """Mark where a run collapsed: a red X and the label "diverged".

        Parameters
        ----------
        key : hashable
        epoch : float
            Fractional epoch of the collapse.
        validation : float or None
            The validation accuracy then (fraction). The X goes on the accuracy plot at
            it, or at the run's last validation accuracy; without either, on the cost
            plot at its last cost (a run that blew up before its first epoch ended).

        Raises
        ------
        KeyError
            No run has this key.
        """
        run = self._get(key)
        self._remove_diverged(run)
        if validation is not None and math.isfinite(validation):
            plot, y = self.accuracy_plot, 100.0 * validation
        elif run.validation.n:
            plot, y = self.accuracy_plot, float(run.validation.y[-1])
        else:
            plot, y = self.cost_plot, float(run.cost.y[-1]) if run.cost.n else 0.0
        cross = pg.ScatterPlotItem([float(epoch)], [y], symbol="x", size=14, pen=None,
                                   brush=pg.mkBrush(*_DIVERGED_COLOR))
        label = pg.TextItem(self.tr("diverged"), color=_DIVERGED_COLOR, anchor=(0, 1))
        label.setPos(float(epoch), y)
        plot.addItem(cross)
        plot.addItem(label, ignoreBounds=True)
        run.diverged = (float(epoch), y, plot, cross, label)
        run.x_max = max(run.x_max, float(epoch))
        if plot is self.accuracy_plot:
            run.accuracy_min = y if run.accuracy_min is None else min(run.accuracy_min, y)
        cross.setVisible(run.visible)
        label.setVisible(run.visible)
        self._style_markers(run)
        self._follow_data(refit=self._live is None)

    def curves(self, key: Hashable) -> dict[str, np.ndarray]:
        """The data drawn for a run, for a CSV export.

        Returns
        -------
        dict of str to ndarray
            ``(n,)`` float64 copies, in pairs ``<name>_x`` (epochs) and ``<name>_y`` for
            ``cost`` (each report window), ``smoothed_cost``, ``training``,
            ``validation``, ``test`` (accuracies in percent, as drawn),
            ``best_validation`` (0 or 1 point, percent), ``learning_rate`` (y: eta) and
            ``diverged`` (0 or 1 point; y in percent if on the accuracy plot, else the cost).

        Raises
        ------
        KeyError
            No run has this key.
        """
        run = self._get(key)
        out: dict[str, np.ndarray] = {}
        for name, series in (("cost", run.cost), ("smoothed_cost", run.smoothed), ("training", run.training),
                             ("validation", run.validation), ("test", run.test)):
            out[f"{name}_x"], out[f"{name}_y"] = series.data()
        has_best = run.best_x is not None
        out["best_validation_x"] = np.array([run.best_x] if has_best else [], dtype=float)
        out["best_validation_y"] = np.array([run.best_y] if has_best else [], dtype=float)
        out["learning_rate_x"] = np.array([m[0] for m in run.eta_markers], dtype=float)
        out["learning_rate_y"] = np.array([m[1] for m in run.eta_markers], dtype=float)
        out["diverged_x"] = np.array([run.diverged[0]] if run.diverged else [], dtype=float)
        out["diverged_y"] = np.array([run.diverged[1]] if run.diverged else [], dtype=float)
        return out

    # -- live mode ---------------------------------------------------------------------

    def start_run(self, key, n_epochs: int | None = None) -> None:
        """A run starts: make it current and hold the axes still for ``n_epochs``: x from 0
        to ``n_epochs``, y growing only to fit new points. Following is switched back on.

        ``start_run(key, n_epochs)`` adds the run (named after its key) if
        :meth:`add_run` did not; the single-run form ``start_run(n_epochs)`` clears and
        reuses the current run's curves.
        """
        if n_epochs is None:
            key, n_epochs = self._legacy_key(), key
            self._clear_run(self._runs[key])
        elif key not in self._runs:
            self.add_run(key, str(key), run_color(len(self._runs)))
        self._live, self._live_epochs = key, max(1, int(n_epochs))
        self.set_current(key)
        self._set_following(True)
        self._follow_data(refit=True)

    def end_run(self) -> None:
        """The live run is over; the axes fit all visible runs again if following (no
        repaint if that is what they already show)."""
        self._live = None
        self._follow_data(refit=True)

    @property
    def running(self) -> bool:
        """Whether a run is live (between :meth:`start_run` and :meth:`end_run`)."""
        return self._live is not None

    # -- following ---------------------------------------------------------------------

    @property
    def following(self) -> bool:
        """Whether the axes follow the data (False once the user panned or zoomed)."""
        return self._following

    @Slot()
    def follow(self) -> None:
        """Follow the data again: fit both plots (see the class docstring) and hide the
        Follow button."""
        self._set_following(True)
        self._follow_data(refit=True)

    def _set_following(self, following: bool) -> None:
        self._applied.clear()
        if following == self._following:
            return
        self._following = following
        if following:
            self.follow_button.hide()
        else:
            self._place_follow_button()
            self.follow_button.show()
            self.follow_button.raise_()
        self.following_changed.emit(following)

    @Slot(object)
    def _on_view_range_changed_manually(self, mask) -> None:
        self._set_following(False)

    def _follow_data(self, refit: bool) -> None:
        """Set the ranges that following asks for (nothing when not following). ``refit``:
        from all visible runs; else (during a run) only widen them for new points."""
        if not self._following:
            return
        x_max, cost_max, accuracy_min = self._bounds()
        if refit or self._cost_top is None:
            self._cost_top = None if cost_max is None else 1.15 * cost_max
        elif cost_max is not None and cost_max > self._cost_top:
            self._cost_top = 1.15 * cost_max
        bottom = 90.0 if accuracy_min is None else min(90.0, max(0.0, 5.0 * math.floor(accuracy_min / 5.0 - 0.2)))
        if refit or bottom < self._accuracy_bottom:
            self._accuracy_bottom = bottom
        x_hi = float(self._live_epochs) if self._live is not None else max(1.0, x_max)
        pad = 0.02 * x_hi
        self._set_range("x", self.cost_plot, (-pad, x_hi + pad))
        top = self._cost_top if self._cost_top else 0.5
        self._set_range("cost", self.cost_plot, (0.0, top))
        self._set_range("accuracy", self.accuracy_plot, (self._accuracy_bottom, 100.0))

    def _set_range(self, name: str, plot: pg.PlotItem, span: tuple[float, float]) -> None:
        if self._applied.get(name) == span:
            return
        self._applied[name] = span
        if name == "x":
            plot.setXRange(*span, padding=0)
        else:
            plot.setYRange(*span, padding=0)

    def _bounds(self) -> tuple[float, float | None, float | None]:
        """Over the visible runs: the largest x, the largest cost, the lowest accuracy (%)."""
        x_max, cost_max, accuracy_min = 0.0, None, None
        for run in self._runs.values():
            if not run.visible:
                continue
            x_max = max(x_max, run.x_max)
            if run.cost_max is not None:
                cost_max = run.cost_max if cost_max is None else max(cost_max, run.cost_max)
            if run.accuracy_min is not None:
                accuracy_min = run.accuracy_min if accuracy_min is None else min(accuracy_min, run.accuracy_min)
        return x_max, cost_max, accuracy_min

    def _empty_ranges(self) -> None:
        self._applied.clear()
        self._cost_top, self._accuracy_bottom = None, 90.0
        self._follow_data(refit=True)

    def _place_follow_button(self) -> None:
        button = getattr(self, "follow_button", None)  # resizeEvent comes during __init__ too
        if button is None:
            return
        button.adjustSize()
        button.move(max(0, self.width() - button.width() - 12), 6)

    def resizeEvent(self, ev):
        super().resizeEvent(ev)
        self._place_follow_button()
        self._size_pixmap_cache()

    def _size_pixmap_cache(self) -> None:
        """Make Qt's pixmap cache (shared by the whole app; never shrunk here) large enough
        for the pixmaps of the cached items: the cached faded runs' curves and the axes and
        legend, each at most a plot's size (half the view), with room to spare."""
        if not hasattr(self, "_runs"):
            return  # (resizeEvent during __init__)
        items = 2 * 4 + 1  # the four axes' pixmaps count double (long and thin), the legend
        for run in self._runs.values():
            if run.style is not None and run.style[3]:
                items += len(self._items_of(run)) + 1  # + the validation curve's symbols
        size = self.viewport().size()
        plot_kb = size.width() * size.height() * 4 // 2 // 1024
        needed_kb = 2 * items * plot_kb + 4096
        if QPixmapCache.cacheLimit() < needed_kb:
            QPixmapCache.setCacheLimit(needed_kb)

    # -- hover -------------------------------------------------------------------------

    def readout_at(self, x: float) -> str:
        """The values under a cursor at epoch ``x``, as plain text: for the current run (and
        the other visible runs, if at most READOUT_MAX_RUNS are visible), the cost (raw and
        smoothed) at the nearest cost point and the accuracies at the nearest epoch."""
        lines = [self.tr("epoch {0}").format(numbers.fixed(x, 2))]
        visible = [run for run in self._runs.values() if run.visible]
        current = self._runs.get(self._current)
        if current is not None and current.visible:
            visible.remove(current)
            visible.insert(0, current)
        if len(visible) > READOUT_MAX_RUNS:
            visible = visible[:1]
        for run in visible:
            lines.append(run.name or self.tr("this run"))
            i = run.cost.nearest(x)
            if i is not None:
                lines.append(self.tr("  cost {0} (smoothed {1}) at epoch {2}").format(
                    numbers.fixed(run.cost.y[i], 4), numbers.fixed(run.smoothed.y[i], 4),
                    numbers.fixed(run.cost.x[i], 2)))
            nearest = [s.x[s.nearest(x)] for s in run.accuracy_series() if s.n]
            if nearest:
                epoch = min(nearest, key=lambda e: abs(e - x))
                values = []
                for series in run.accuracy_series():
                    j = series.nearest(epoch)
                    hit = j is not None and abs(series.x[j] - epoch) < 1e-9
                    values.append(format_percent(series.y[j] / 100.0) if hit else format_percent(None))
                lines.append(self.tr("  epoch {0}: training {1}, validation {2}, test {3}").format(
                    numbers.general(epoch), *values))
            if i is None and not nearest:
                lines.append(self.tr("  no points yet"))
        return "\n".join(lines)

    def show_hover(self, x: float) -> None:
        """Show the cursor line at epoch ``x`` on both plots and the readout beside it."""
        for line in self._hover_lines:
            line.setPos(x)
            line.show()
        (x0, x1), (_, y1) = self.cost_plot.getViewBox().viewRange()
        self._hover_text.setText(self.readout_at(x))
        self._hover_text.setAnchor((0, 0) if x < 0.5 * (x0 + x1) else (1, 0))
        self._hover_text.setPos(x, y1)
        self._hover_text.show()

    def hide_hover(self) -> None:
        """Hide the cursor line and the readout."""
        for line in self._hover_lines:
            line.hide()
        self._hover_text.hide()

    def hover_visible(self) -> bool:
        """Whether the cursor line and readout are shown."""
        return self._hover_text.isVisible()

    def _on_scene_mouse_moved(self, args) -> None:
        """Through a SignalProxy (at most 30 a second): follow the mouse with the readout."""
        if self._mouse_left:  # a move the proxy held back until after the mouse left
            self.hide_hover()
            return
        pos = args[0]
        for plot in (self.cost_plot, self.accuracy_plot):
            vb = plot.getViewBox()
            if vb.sceneBoundingRect().contains(pos):
                self.show_hover(vb.mapSceneToView(pos).x())
                return
        self.hide_hover()

    def enterEvent(self, ev):
        self._mouse_left = False
        super().enterEvent(ev)

    def leaveEvent(self, ev):
        self._mouse_left = True
        self.hide_hover()
        super().leaveEvent(ev)

    # -- export ------------------------------------------------------------------------

    def export_png(self, path) -> None:
        """Save both plots as they are shown (without the cursor readout) as a PNG image.

        Parameters
        ----------
        path : str or os.PathLike
            The file to write; written as PNG whatever its suffix.

        Raises
        ------
        OSError
            The image could not be written (missing folder, no permission, disk full).
        """
        hovering = self.hover_visible()
        self.hide_hover()
        try:
            image = pg.exporters.ImageExporter(self.scene()).export(toBytes=True)
        except Exception as exc:  # pyqtgraph raises a bare Exception, e.g. for a widget of size 0
            raise OSError(self.tr("Cannot draw the plots into an image: {0}").format(exc)) from exc
        finally:
            if hovering:
                for item in (*self._hover_lines, self._hover_text):
                    item.show()
        if image is None or image.isNull() or not image.save(str(Path(path)), "PNG"):
            raise OSError(self.tr("Cannot write the image {0}: check that its folder exists and can be "
                                  "written to.").format(str(path)))

    # -- the single-run API (kept for older callers) ------------------------------------

    def _legacy_key(self) -> Hashable:
        """The current run, or the single run (created the first time it is needed)."""
        if self._current is not None:
            return self._current
        if _LEGACY not in self._runs:
            self.add_run(_LEGACY, "", run_color(0))
        self.set_current(_LEGACY)
        return _LEGACY

    @property
    def cost(self) -> _Series:
        """The current run's raw cost series (``n`` = points drawn)."""
        return self._runs[self._legacy_key()].cost

    @property
    def training(self) -> _Series:
        """The current run's training-accuracy series (percent)."""
        return self._runs[self._legacy_key()].training

    @property
    def validation(self) -> _Series:
        """The current run's validation-accuracy series (percent)."""
        return self._runs[self._legacy_key()].validation

    @property
    def test(self) -> _Series:
        """The current run's test-accuracy series (percent)."""
        return self._runs[self._legacy_key()].test

    def reset(self) -> None:
        """Remove the points and markers of every run (the runs and their curves stay).
        (Not ``clear``: pyqtgraph's GraphicsLayoutWidget binds that name to remove every
        plot.)"""
        for run in self._runs.values():
            self._clear_run(run)
        self._empty_ranges()

    # -- internals ---------------------------------------------------------------------

    def _get(self, key: Hashable) -> _RunItems:
        try:
            return self._runs[key]
        except (KeyError, TypeError):
            raise KeyError(f"no run {key!r} on the plot (add_run first)") from None

    def _add_costs(self, run: _RunItems, points) -> None:
        points = list(points)
        run.points_received += len(points)
        if not points:
            return
        xy = np.asarray(points, dtype=float).reshape(-1, 2)  # (k, 2): epoch, cost
        xy = xy[np.isfinite(xy).all(axis=1)]
        if not len(xy):
            return
        xs, ys = xy[:, 0], xy[:, 1]
        smoothed = np.empty(len(ys))
        ema_x, ema_y = run.ema_x, run.ema_y
        for i in range(len(ys)):  # the new points only
            if ema_y is None:
                ema_y = ys[i]
            else:
                ema_y += (1.0 - math.exp(-max(0.0, xs[i] - ema_x) / SMOOTHING_EPOCHS)) * (ys[i] - ema_y)
            ema_x = xs[i]
            smoothed[i] = ema_y
        run.ema_x, run.ema_y = float(ema_x), float(ema_y)
        run.cost.extend(xs, ys)
        run.smoothed.extend(xs, smoothed)
        run.x_max = max(run.x_max, float(xs.max()))
        top = float(ys.max())
        run.cost_max = top if run.cost_max is None else max(run.cost_max, top)

    def _add_accuracies(self, run: _RunItems, epochs, validation, test, training) -> None:
        """Append accuracies (fractions, None or NaN for not measured) at ``epochs``."""
        if not len(epochs):
            return
        x = np.asarray(epochs, dtype=float)
        for series, values in ((run.training, training), (run.validation, validation), (run.test, test)):
            y = 100.0 * np.array([np.nan if v is None else v for v in values], dtype=float)
            keep = np.isfinite(y) & np.isfinite(x)
            if not keep.any():
                continue
            series.extend(x[keep], y[keep])
            run.x_max = max(run.x_max, float(x[keep].max()))
            low = float(y[keep].min())
            run.accuracy_min = low if run.accuracy_min is None else min(run.accuracy_min, low)
            if series is run.validation:
                i = int(np.argmax(y[keep]))  # the first of equal bests
                if run.best_y is None or y[keep][i] > run.best_y:
                    run.best_x, run.best_y = float(x[keep][i]), float(y[keep][i])
                    run.best.setData([run.best_x], [run.best_y])

    def _learning_rate_changes(self, history, changes) -> list[tuple[float, float]]:
        """(epoch, eta) pairs from set_history's arguments (see there)."""
        if changes is None:
            out = []
            for before, after in itertools.pairwise(history):
                eta0, eta1 = before.get("learning_rate"), after.get("learning_rate")
                if eta0 is not None and eta1 is not None and eta1 != eta0:
                    out.append((float(before["epoch"]), float(eta1)))
            return out
        out = []
        for change in changes:
            if isinstance(change, Mapping):
                epoch = float(change["epoch"])
                if "batch" in change:
                    if "n_batches" not in change:
                        raise ValueError(self.tr("A learning-rate change at a mini-batch needs n_batches: {0}")
                                         .format(dict(change)))
                    epoch = epoch - 1 + change["batch"] / change["n_batches"]
                out.append((epoch, float(change["learning_rate"])))
            else:
                epoch, eta = change
                out.append((float(epoch), float(eta)))
        return out

    def _add_learning_rate_marker(self, run: _RunItems, epoch: float, eta: float) -> None:
        label = self.tr("eta {0}").format(numbers.general(eta))
        cost_line = pg.InfiniteLine(pos=epoch, angle=90, movable=False, label=label,
                                    labelOpts={"position": 0.92, "anchors": [(0, 0.5), (0, 0.5)]})
        accuracy_line = pg.InfiniteLine(pos=epoch, angle=90, movable=False)
        self.cost_plot.addItem(cost_line, ignoreBounds=True)
        self.accuracy_plot.addItem(accuracy_line, ignoreBounds=True)
        run.eta_markers.append((epoch, eta, cost_line, accuracy_line))
        run.x_max = max(run.x_max, epoch)
        for line in (cost_line, accuracy_line):
            line.setVisible(run.visible)

    def _remove_markers(self, run: _RunItems) -> None:
        for _, _, cost_line, accuracy_line in run.eta_markers:
            self.cost_plot.removeItem(cost_line)
            self.accuracy_plot.removeItem(accuracy_line)
        run.eta_markers.clear()
        self._remove_diverged(run)

    def _remove_diverged(self, run: _RunItems) -> None:
        if run.diverged is not None:
            _, _, plot, cross, label = run.diverged
            plot.removeItem(cross)
            plot.removeItem(label)
            run.diverged = None

    def _clear_run(self, run: _RunItems) -> None:
        for series in run.all_series():
            series.clear()
        run.best.setData([], [])
        self._remove_markers(run)
        run.clear_summaries()

    def _items_of(self, run: _RunItems) -> list:
        items = [series.curve for series in run.all_series()] + [run.best]
        for _, _, cost_line, accuracy_line in run.eta_markers:
            items += [cost_line, accuracy_line]
        if run.diverged is not None:
            items += [run.diverged[3], run.diverged[4]]
        return items

    def _restyle(self) -> None:
        faded = [key for key, run in self._runs.items() if not self._bright(run) and run.visible]
        cached = set(faded[-CACHED_FADED_RUNS:])  # the newest faded runs
        for run in self._runs.values():
            self._restyle_run(run, cached=run.key in cached)
        self._size_pixmap_cache()
        current = self._runs.get(self._current)
        self._style_legend(current.color if current is not None else QColor(90, 90, 90))

    def _bright(self, run: _RunItems) -> bool:
        return self._current is None or self._current == run.key

    def _restyle_run(self, run: _RunItems, cached: bool = False) -> None:
        """Pens and symbols of one run: bright if it is current (or none is), else faded;
        ``cached``: a faded run painted from a pixmap (see :data:`CACHED_FADED_RUNS`).
        Only when that changed: restyling makes pyqtgraph rebuild a curve's symbols."""
        bright = self._bright(run)
        on_top = bright and self._current is not None
        cached = cached and not bright
        style = (bright, on_top, run.color.rgba(), cached)
        if style != run.style:
            run.style = style
            alpha = 255 if bright else FADED_ALPHA
            c = _with_alpha(run.color, alpha)
            width = 2.0 if bright else 1.0
            run.cost.curve.setPen(pg.mkPen(_with_alpha(run.color, 80 if bright else 35), width=1))
            run.smoothed.curve.setPen(pg.mkPen(c, width=width))
            run.training.curve.setPen(pg.mkPen(c, width=1.5 if bright else 1.0, style=_DOT))
            run.validation.curve.setPen(pg.mkPen(c, width=width))
            run.validation.curve.setSymbol("o")
            run.validation.curve.setSymbolSize(6 if bright else 4)
            run.validation.curve.setSymbolBrush(pg.mkBrush(c))
            run.validation.curve.setSymbolPen(None)
            run.test.curve.setPen(pg.mkPen(c, width=width, style=_DASH))
            run.best.setSymbol("star")
            run.best.setSize(15 if bright else 9)
            run.best.setBrush(pg.mkBrush(c))
            run.best.setPen(pg.mkPen(_with_alpha(QColor(40, 40, 40), alpha), width=1))
            # A faded run never changes during a run, nor do the axes: its items repaint from a
            # pixmap (each faded run cost about 0.5-1 ms a paint, and the paint holds the GIL).
            cache = QGraphicsItem.CacheMode.DeviceCoordinateCache if cached else QGraphicsItem.CacheMode.NoCache
            for item in (*(series.curve for series in run.all_series()), run.best):
                item.setZValue(10 if on_top else 0)
                for child in (item, *item.childItems()):
                    child.setCacheMode(cache)
        self._style_markers(run)

    def _style_markers(self, run: _RunItems) -> None:
        """Pens of a run's learning-rate and diverged markers (a few lines: cheap)."""
        bright = self._bright(run)
        z = 10 if bright and self._current is not None else 0
        pen = pg.mkPen(_with_alpha(run.color, 170 if bright else 60), width=1, style=Qt.PenStyle.DashDotLine)
        for _, _, cost_line, accuracy_line in run.eta_markers:
            for line in (cost_line, accuracy_line):
                line.setPen(pen)
                line.setZValue(z)
            cost_line.label.setColor(_with_alpha(run.color, 255 if bright else 120))
        if run.diverged is not None:
            alpha = 255 if bright else FADED_ALPHA
            run.diverged[3].setBrush(pg.mkBrush(*_DIVERGED_COLOR, alpha))
            run.diverged[4].setColor(QColor(*_DIVERGED_COLOR, alpha))
            run.diverged[3].setZValue(z)
            run.diverged[4].setZValue(z)

    def _style_legend(self, color: QColor) -> None:
        samples = self._legend_samples
        samples["training"].setPen(pg.mkPen(color, width=1.5, style=_DOT))
        samples["validation"].setPen(pg.mkPen(color, width=2))
        samples["validation"].setSymbol("o")
        samples["validation"].setSymbolSize(6)
        samples["validation"].setSymbolBrush(pg.mkBrush(color))
        samples["validation"].setSymbolPen(None)
        samples["test"].setPen(pg.mkPen(color, width=2, style=_DASH))
        samples["best"].setSymbol("star")
        samples["best"].setSize(12)
        samples["best"].setBrush(pg.mkBrush(color))
        samples["best"].setPen(pg.mkPen(40, 40, 40))
        self.legend.update()

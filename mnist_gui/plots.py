"""TrainingPlot: the cost and accuracy curves of a training run, updated live."""

from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg
from PySide6.QtWidgets import QGraphicsItem, QWidget


class _Series:
    """A growing (x, y) series in numpy buffers that double when full."""

    def __init__(self, curve: pg.PlotDataItem):
        self.curve = curve
        self._data = np.empty((2, 64))
        self.n = 0

    def append(self, x: float, y: float) -> None:
        """Add a point and redraw the curve from the buffer."""
        self.extend([x], [y])

    def extend(self, xs, ys) -> None:
        """Add points ``xs``, ``ys`` (equal-length sequences) and redraw the curve once."""
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

    def clear(self) -> None:
        """Forget all points (the buffer is kept)."""
        self.n = 0
        self.curve.setData([], [])

    def data(self) -> tuple[np.ndarray, np.ndarray]:
        """Copies of the x and y values, ``(n,)`` float64 each."""
        return self._data[0, :self.n].copy(), self._data[1, :self.n].copy()


class TrainingPlot(pg.GraphicsLayoutWidget):
    """Two stacked plots with linked x axes (epochs): cost above, accuracy below.

    The curves are created once; :meth:`add_cost`, :meth:`add_costs` and
    :meth:`add_accuracy` only append to their buffers and call ``setData``. Call from the
    GUI thread only.

    During a run (:meth:`start_run` .. :meth:`end_run`) the axes stay still: x spans the
    planned epochs from the start, and the y ranges only grow when a point falls outside.
    With pyqtgraph's auto-range every new point moved the x range, so every axis
    recomputed its ticks and the plot painted twice per update (15-19 ms each, measured);
    a GUI thread busy painting holds the GIL that the training thread needs.
    """

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent=parent)
        self.setBackground("w")
        self.cost_plot = self.addPlot(row=0, col=0)
        self.accuracy_plot = self.addPlot(row=1, col=0)
        self.accuracy_plot.setXLink(self.cost_plot)
        for plot in (self.cost_plot, self.accuracy_plot):
            plot.showGrid(x=True, y=True, alpha=0.25)
            plot.setDownsampling(auto=True, mode="peak")
            plot.setClipToView(True)
            plot.getAxis("left").setWidth(56)
            for side in ("left", "bottom"):
                axis = plot.getAxis(side)
                axis.enableAutoSIPrefix(False)  # "0.05", not "50" with "(x0.001)"
                # Repaint an axis from a pixmap unless its range changed (a third off a paint).
                axis.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        self._running = False
        self._cost_top = 0.0  # during a run: the cost axis's top, only ever raised
        self._accuracy_bottom = 100.0  # and the accuracy axis's bottom (%), only ever lowered
        self.cost_plot.setLabel("left", self.tr("cost"))
        self.cost_plot.setTitle(self.tr("Cost: mean over recent mini-batches"), size="10pt")
        self.accuracy_plot.setLabel("left", self.tr("accuracy"), units="%")
        self.accuracy_plot.setLabel("bottom", self.tr("epoch"))
        self.accuracy_plot.setTitle(self.tr("Accuracy at the end of each epoch"), size="10pt")
        self._empty_ranges()
        self.accuracy_plot.addLegend(offset=(-10, -10))
        self.cost = _Series(self.cost_plot.plot(pen=pg.mkPen((50, 90, 170), width=2), name=self.tr("cost")))
        self.training = _Series(self.accuracy_plot.plot(
            pen=pg.mkPen((120, 120, 120), width=1.5, style=pg.QtCore.Qt.PenStyle.DotLine), symbol="t",
            symbolSize=6, symbolBrush=(120, 120, 120), symbolPen=None, name=self.tr("training")))
        self.validation = _Series(self.accuracy_plot.plot(
            pen=pg.mkPen((40, 150, 70), width=2), symbol="o", symbolSize=6,
            symbolBrush=(40, 150, 70), symbolPen=None, name=self.tr("validation")))
        self.test = _Series(self.accuracy_plot.plot(
            pen=pg.mkPen((200, 90, 40), width=2, style=pg.QtCore.Qt.PenStyle.DashLine), symbol="s",
            symbolSize=6, symbolBrush=(200, 90, 40), symbolPen=None, name=self.tr("test")))
        self.setToolTip(self.tr("Drag to pan, wheel to zoom, right-click for more (including Export…)."))

    def reset(self) -> None:
        """Remove all points (the curves themselves stay). (Not ``clear``: pyqtgraph's
        GraphicsLayoutWidget binds that name to remove every plot.)"""
        for series in (self.cost, self.training, self.validation, self.test):
            series.clear()
        self._empty_ranges()

    def _empty_ranges(self) -> None:
        """Neutral axes for a plot with no points yet; they follow the data once it comes."""
        self.cost_plot.setXRange(0, 1, padding=0)
        self.cost_plot.setYRange(0, 0.5, padding=0)
        self.accuracy_plot.setYRange(0, 100, padding=0)
        for plot in (self.cost_plot, self.accuracy_plot):
            plot.enableAutoRange()

    def start_run(self, n_epochs: int) -> None:
        """Clear the curves and hold the axes still for a run of ``n_epochs``: x from 0 to
        ``n_epochs``, y growing only to fit new points."""
        self.reset()
        self._running = True
        self._cost_top, self._accuracy_bottom = 0.0, 100.0
        for plot in (self.cost_plot, self.accuracy_plot):
            plot.disableAutoRange()
        self.cost_plot.setXRange(0, max(1, n_epochs), padding=0.02)
        self.accuracy_plot.setYRange(90, 100, padding=0)
        self._accuracy_bottom = 90.0

    def end_run(self) -> None:
        """The run is over. The axes stay as they are (they already fit its points, and
        re-fitting them costs a repaint at the moment the views take the new network);
        pyqtgraph's "A" button fits them on request."""
        self._running = False

    def add_cost(self, epoch: float, cost: float) -> None:
        """Append a cost point at a fractional epoch (e.g. 2.5 = half-way through epoch 3)."""
        self.add_costs([(epoch, cost)])

    def add_costs(self, points) -> None:
        """Append many ``(epoch, cost)`` points with one redraw (what a live view calls a
        few times a second, instead of once a report)."""
        if not points:
            return
        xs, ys = zip(*points)
        self.cost.extend(xs, ys)
        top = max(ys)
        if self._running and top > self._cost_top:
            self._cost_top = 1.15 * top
            self.cost_plot.setYRange(0, self._cost_top, padding=0)

    def add_accuracy(self, epoch: float, validation: float | None, test: float | None,
                     training: float | None = None) -> None:
        """Append end-of-epoch accuracies, fractions in [0, 1], shown in percent. The gap
        between the training and validation curves is overfitting (ch. 3)."""
        values = [v for v in (training, validation, test) if v is not None]
        if training is not None:
            self.training.append(epoch, 100.0 * training)
        if validation is not None:
            self.validation.append(epoch, 100.0 * validation)
        if test is not None:
            self.test.append(epoch, 100.0 * test)
        if self._running and values and 100.0 * min(values) < self._accuracy_bottom:
            self._accuracy_bottom = max(0.0, 5.0 * math.floor(100.0 * min(values) / 5.0 - 0.2))
            self.accuracy_plot.setYRange(self._accuracy_bottom, 100, padding=0)

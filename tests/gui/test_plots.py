"""TrainingPlot with many runs: curves, fading, following, hover readout, export."""

import math

import numpy as np
import pyqtgraph as pg
import pytest
from PySide6.QtCore import QEvent

from mnist_gui.plots import FADED_ALPHA, RUN_COLORS, SMOOTHING_EPOCHS, TrainingPlot, run_color


@pytest.fixture
def plot(qtbot):
    p = TrainingPlot()
    qtbot.addWidget(p)
    p.resize(800, 600)
    p.show()
    qtbot.waitExposed(p)
    return p


def _feed(plot, key, n_epochs=3, per_epoch=10, start_cost=1.0):
    """Per-window cost points and end-of-epoch accuracies, as a run reports them."""
    points = [(i / per_epoch, start_cost / (1 + i)) for i in range(1, n_epochs * per_epoch + 1)]
    plot.add_costs(key, points)
    for epoch in range(1, n_epochs + 1):
        plot.add_accuracy(key, epoch, 0.90 + 0.01 * epoch, 0.89 + 0.01 * epoch, 0.95 + 0.01 * epoch)
    return points


def _data_items(plot):
    return plot.cost_plot.listDataItems() + plot.accuracy_plot.listDataItems()


def _x_range(plot):
    return plot.cost_plot.getViewBox().viewRange()[0]


def _y_range(p):
    return p.getViewBox().viewRange()[1]


def test_run_colors_cycle():
    assert run_color(0).getRgb()[:3] == RUN_COLORS[0]
    assert run_color(len(RUN_COLORS)) == run_color(0)


def test_two_runs_draw_what_they_were_fed(plot):
    plot.add_run("a", "run 1", run_color(0))
    plot.add_run("b", "run 2", run_color(1))
    assert plot.run_keys() == ["a", "b"]
    points_a = _feed(plot, "a", n_epochs=3)
    plot.add_costs("b", [(0.5, 2.0), (1.0, 1.5)])
    plot.add_accuracy("b", 1, 0.8, None)
    a, b = plot.curves("a"), plot.curves("b")
    assert np.array_equal(a["cost_x"], [x for x, _ in points_a])
    assert np.array_equal(a["cost_y"], [y for _, y in points_a])
    assert np.allclose(a["validation_y"], [91, 92, 93]) and np.array_equal(a["validation_x"], [1, 2, 3])
    assert np.allclose(a["test_y"], [90, 91, 92]) and np.allclose(a["training_y"], [96, 97, 98])
    assert a["best_validation_x"].tolist() == [3.0] and np.allclose(a["best_validation_y"], [93])
    assert b["cost_y"].tolist() == [2.0, 1.5] and b["validation_y"].tolist() == [80.0]
    assert len(b["test_x"]) == 0 and len(b["training_x"]) == 0  # not measured: no point
    # The curves hold exactly that.
    run_a = plot._runs["a"]
    assert np.array_equal(run_a.cost.curve.xData, a["cost_x"])
    # The smoothed cost is an exponential moving average in epochs.
    alpha = 1 - math.exp(-0.5 / SMOOTHING_EPOCHS)
    assert b["smoothed_cost_y"].tolist() == pytest.approx([2.0, 2.0 + alpha * (1.5 - 2.0)])
    assert np.array_equal(b["smoothed_cost_x"], b["cost_x"])


def test_add_costs_reuses_the_same_plot_items(plot):
    plot.add_run("a", "run 1", run_color(0))
    plot.add_run("b", "run 2", run_color(1))
    items = list(_data_items(plot))
    curves = [plot._runs[k].cost.curve for k in "ab"]
    for i in range(300):  # 30 epochs of 10 points, past the initial buffer of 64
        plot.add_costs("a", [((i + 1) / 10, 1 / (i + 1))])
        if i % 10 == 9:
            plot.add_accuracy("a", (i + 1) // 10, 0.9, 0.9, 0.95)
    assert _data_items(plot) == items
    assert [plot._runs[k].cost.curve for k in "ab"] == curves
    assert len(plot.curves("a")["cost_x"]) == 300 and len(curves[0].xData) == 300


def test_nan_and_infinite_points_are_ignored(plot):
    plot.add_run("a", "run 1", run_color(0))
    plot.add_costs("a", [(0.1, 1.0), (0.2, math.nan), (0.3, math.inf), (math.nan, 0.5), (0.4, 0.8)])
    plot.add_accuracy("a", 1, math.nan, 0.9)
    curves = plot.curves("a")
    assert curves["cost_x"].tolist() == [0.1, 0.4] and curves["cost_y"].tolist() == [1.0, 0.8]
    assert np.isfinite(curves["smoothed_cost_y"]).all()
    assert len(curves["validation_x"]) == 0 and curves["test_y"].tolist() == [90.0]
    assert plot.cost_count("a") == 5  # where the caller's next new point starts
    assert np.isfinite(_y_range(plot.cost_plot)).all()


def test_set_current_fades_the_others(plot):
    for i, key in enumerate("ab"):
        plot.add_run(key, f"run {i}", run_color(i))
        _feed(plot, key)
    plot.set_current("b")
    bright, faded = plot._runs["b"], plot._runs["a"]
    assert bright.smoothed.curve.opts["pen"].color().alpha() == 255
    assert faded.smoothed.curve.opts["pen"].color().alpha() == FADED_ALPHA
    assert faded.smoothed.curve.opts["pen"].widthF() < bright.smoothed.curve.opts["pen"].widthF()
    assert faded.validation.curve.opts["pen"].color().alpha() == FADED_ALPHA
    assert bright.validation.curve.zValue() > faded.validation.curve.zValue()
    assert plot.current() == "b"
    plot.set_current("a")
    assert plot._runs["b"].test.curve.opts["pen"].color().alpha() == FADED_ALPHA


def test_remove_run_takes_its_items_off_the_plots(plot):
    plot.add_run("a", "run 1", run_color(0))
    plot.add_run("b", "run 2", run_color(1))
    _feed(plot, "a")
    plot.add_learning_rate_change("a", 1.5, 0.25)
    plot.mark_diverged("a", 3.2, 0.1)
    run = plot._runs["a"]
    items = plot._items_of(run)
    plot.remove_run("a")
    assert plot.run_keys() == ["b"]
    remaining = plot.cost_plot.items + plot.accuracy_plot.items
    assert not any(item in remaining for item in items)
    assert all(item.scene() is None for item in items)
    with pytest.raises(KeyError):
        plot.curves("a")


def test_set_run_visible_hides_a_run(plot):
    plot.add_run("a", "run 1", run_color(0))
    plot.add_run("b", "run 2", run_color(1))
    _feed(plot, "a")
    _feed(plot, "b")
    plot.add_learning_rate_change("a", 2.0, 1.5)
    plot.set_run_visible("a", False)
    assert not plot.is_run_visible("a")
    assert not any(item.isVisible() for item in plot._items_of(plot._runs["a"]))
    assert all(item.isVisible() for item in plot._items_of(plot._runs["b"]))
    assert "run 1" not in plot.readout_at(1.0) and "run 2" in plot.readout_at(1.0)
    plot.set_run_visible("a", True)
    assert plot._runs["a"].validation.curve.isVisible()


def test_readout_gives_the_nearest_points(plot):
    plot.add_run("a", "run 1", run_color(0))
    plot.add_costs("a", [(0.5, 0.9), (1.0, 0.5), (1.5, 0.3)])
    plot.add_accuracy("a", 1, 0.91, 0.90, 0.95)
    plot.add_accuracy("a", 2, 0.935, 0.925, 0.97)
    plot.set_current("a")
    smoothed = plot.curves("a")["smoothed_cost_y"]
    text = plot.readout_at(1.6)
    assert text.splitlines()[0] == "epoch 1.60"
    assert "run 1" in text
    assert f"cost 0.3000 (smoothed {smoothed[2]:.4f}) at epoch 1.50" in text
    assert "epoch 2: training 97.00%, validation 93.50%, test 92.50%" in text
    text = plot.readout_at(1.4)  # nearer epoch 1 than 2
    assert "epoch 1: training 95.00%, validation 91.00%, test 90.00%" in text
    assert f"cost 0.3000 (smoothed {smoothed[2]:.4f}) at epoch 1.50" in text
    plot.add_run("b", "run 2", run_color(1))
    assert "run 2" in plot.readout_at(1.0) and "no points yet" in plot.readout_at(1.0)


def test_hover_shows_a_line_on_both_plots(plot, qtbot):
    plot.add_run("a", "run 1", run_color(0))
    _feed(plot, "a")
    plot.set_current("a")
    vb = plot.accuracy_plot.getViewBox()
    pos = vb.mapViewToScene(pg.Point(2.0, 95.0))
    plot._on_scene_mouse_moved((pos,))
    assert plot.hover_visible()
    assert all(line.isVisible() and line.value() == pytest.approx(2.0) for line in plot._hover_lines)
    assert plot._hover_text.textItem.toPlainText() == plot.readout_at(plot._hover_lines[0].value())
    left_of_the_plots = pg.Point(plot.cost_plot.getViewBox().sceneBoundingRect().left() - 20, 100)
    plot._on_scene_mouse_moved((left_of_the_plots,))
    assert not plot.hover_visible()


def test_a_manual_range_change_stops_following_until_follow(plot, qtbot):
    plot.add_run("a", "run 1", run_color(0))
    _feed(plot, "a", n_epochs=3)
    assert plot.following and not plot.follow_button.isVisible()
    fitted = _x_range(plot)
    assert fitted[0] <= 0 and fitted[1] >= 3
    vb = plot.accuracy_plot.getViewBox()
    with qtbot.waitSignal(plot.following_changed, check_params_cb=lambda f: f is False):
        vb.scaleBy(x=0.5)  # what a wheel turn does, then it says so:
        vb.sigRangeChangedManually.emit(vb.state["mouseEnabled"])
    assert not plot.following and plot.follow_button.isVisible()
    assert plot.follow_button.toolTip() == "Follow the data again"
    zoomed = _x_range(plot)
    plot.add_costs("a", [(3.5, 5.0)])  # new data no longer moves the view
    plot.add_accuracy("a", 4, 0.5, 0.5, 0.5)
    assert _x_range(plot) == zoomed
    with qtbot.waitSignal(plot.following_changed, check_params_cb=lambda f: f is True):
        plot.follow_button.click()
    assert plot.following and not plot.follow_button.isVisible()
    x0, x1 = _x_range(plot)
    assert x0 <= 0 and x1 >= 4
    assert _y_range(plot.cost_plot)[1] >= 5.0 and _y_range(plot.accuracy_plot)[0] <= 50


def test_the_auto_button_fits_both_plots(plot):
    plot.add_run("a", "run 1", run_color(0))
    plot.add_costs("a", [(0.05, 2.0), (0.5, 1.0), (1.0, 0.6)])
    plot.add_accuracy("a", 1, 0.9, 0.9)
    plot.add_accuracy("a", 2, 0.92, 0.91)
    vb = plot.accuracy_plot.getViewBox()
    vb.setXRange(1.5, 1.8)
    vb.sigRangeChangedManually.emit(vb.state["mouseEnabled"])
    assert not plot.following
    plot.accuracy_plot.autoBtnClicked()  # pyqtgraph's "A" on the accuracy plot alone
    assert plot.following and not plot.follow_button.isVisible()
    x0, x1 = _x_range(plot)
    assert x0 <= 0.05 and x1 >= 2  # the cost points before epoch 1 are not clipped
    assert not any(plot.accuracy_plot.getViewBox().autoRangeEnabled())  # pyqtgraph's auto-range stays off
    plot.cost_plot.getViewBox().menu.autoRange()  # "View All" in the context menu
    assert _x_range(plot) == [x0, x1]


def test_a_live_run_holds_x_and_only_widens_y(plot):
    plot.add_run("a", "run 1", run_color(0))
    plot.start_run("a", 10)
    assert plot.running and plot.current() == "a"
    x0, x1 = _x_range(plot)
    assert x0 < 0 and 10 < x1 < 10.5
    plot.add_costs("a", [(0.1, 2.0), (0.2, 1.0)])
    assert _y_range(plot.cost_plot) == pytest.approx([0, 2.3])
    plot.add_costs("a", [(0.3, 0.5)])
    assert _y_range(plot.cost_plot) == pytest.approx([0, 2.3])  # still: only grows
    plot.add_costs("a", [(0.4, 3.0)])
    assert _y_range(plot.cost_plot) == pytest.approx([0, 3.45])
    plot.add_accuracy("a", 1, 0.93, 0.92, 0.95)
    assert _y_range(plot.accuracy_plot) == pytest.approx([90, 100])
    plot.add_accuracy("a", 2, 0.72, 0.70, 0.75)
    assert _y_range(plot.accuracy_plot) == pytest.approx([65, 100])
    assert _x_range(plot) == [x0, x1]
    plot.end_run()
    assert not plot.running
    assert _x_range(plot)[1] < 3  # idle: fitted to the data (2 epochs)


def test_start_run_adds_a_run_and_fades_the_earlier_ones(plot):
    plot.add_run("old", "run 1", run_color(0))
    _feed(plot, "old")
    plot.start_run("new", 5)
    assert plot.run_keys() == ["old", "new"] and plot.current() == "new"
    assert plot._runs["old"].smoothed.curve.opts["pen"].color().alpha() == FADED_ALPHA


def test_learning_rate_markers_appear_on_both_plots(plot):
    plot.add_run("a", "run 1", run_color(0))
    _feed(plot, "a")
    plot.add_learning_rate_change("a", 1.5, 0.5)
    lines = [item for p in (plot.cost_plot, plot.accuracy_plot) for item in p.items
             if isinstance(item, pg.InfiniteLine) and item not in plot._hover_lines]
    assert len(lines) == 2 and all(line.value() == 1.5 for line in lines)
    assert lines[0] in plot.cost_plot.items and lines[1] in plot.accuracy_plot.items
    assert lines[0].label.toPlainText() == "eta 0.5"
    curves = plot.curves("a")
    assert curves["learning_rate_x"].tolist() == [1.5] and curves["learning_rate_y"].tolist() == [0.5]


def test_set_history_fills_a_whole_run(plot):
    history = [
        {"epoch": 1, "cost": 0.4, "training_accuracy": None, "validation_accuracy": 0.91, "test_accuracy": 0.9,
         "seconds": 1.0, "learning_rate": 1.0},
        {"epoch": 2, "cost": 0.3, "training_accuracy": None, "validation_accuracy": 0.95, "test_accuracy": 0.94,
         "seconds": 1.0, "learning_rate": 1.0},
        {"epoch": 3, "cost": 0.25, "training_accuracy": None, "validation_accuracy": 0.94, "test_accuracy": 0.95,
         "seconds": 1.0, "learning_rate": 0.5},
    ]
    plot.add_run("file", "model.npz", run_color(2))
    plot.set_history("file", history)
    curves = plot.curves("file")
    assert curves["cost_x"].tolist() == [1, 2, 3] and curves["cost_y"].tolist() == [0.4, 0.3, 0.25]
    assert np.allclose(curves["validation_y"], [91, 95, 94]) and len(curves["training_x"]) == 0
    assert curves["best_validation_x"].tolist() == [2.0]
    assert curves["learning_rate_x"].tolist() == [2.0] and curves["learning_rate_y"].tolist() == [0.5]
    # Again, with the per-window points and core's learning-rate records: replaced, not added.
    plot.set_history("file", history, cost_points=[(0.5, 0.6), (1.0, 0.4)],
                     learning_rate_changes=[{"epoch": 2, "batch": 25, "n_batches": 100, "learning_rate": 2.0}])
    curves = plot.curves("file")
    assert curves["cost_x"].tolist() == [0.5, 1.0] and len(curves["validation_x"]) == 3
    assert curves["learning_rate_x"].tolist() == [1.25] and curves["learning_rate_y"].tolist() == [2.0]
    with pytest.raises(ValueError, match="n_batches"):
        plot.set_history("file", history, learning_rate_changes=[{"epoch": 2, "batch": 25, "learning_rate": 2.0}])


def test_mark_diverged_puts_a_red_x_at_the_collapse(plot):
    plot.add_run("a", "run 1", run_color(0))
    _feed(plot, "a", n_epochs=2)
    plot.mark_diverged("a", 2.4, 0.098)
    _, y, where, cross, label = plot._runs["a"].diverged
    assert where is plot.accuracy_plot and cross in plot.accuracy_plot.items and label in plot.accuracy_plot.items
    assert plot.curves("a")["diverged_x"].tolist() == [2.4] and y == pytest.approx(9.8)
    assert label.textItem.toPlainText() == "diverged"
    assert _y_range(plot.accuracy_plot)[0] <= 9.8  # fitted to show it
    plot.add_run("b", "run 2", run_color(1))
    plot.add_costs("b", [(0.1, 2.0)])
    plot.mark_diverged("b", 0.2)  # before any epoch ended: on the cost plot
    assert plot._runs["b"].diverged[2] is plot.cost_plot


def test_export_png_writes_an_image(plot, tmp_path):
    plot.add_run("a", "run 1", run_color(0))
    _feed(plot, "a")
    plot.show_hover(1.0)
    path = tmp_path / "curves.png"
    plot.export_png(path)
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 1000
    assert plot.hover_visible()  # hidden for the picture only
    with pytest.raises(OSError, match="Cannot write"):
        plot.export_png(tmp_path / "no such folder" / "curves.png")


def test_unknown_runs_are_refused(plot):
    with pytest.raises(KeyError, match="add_run"):
        plot.add_costs("nobody", [(0.1, 1.0)])
    plot.add_run("a", "run 1", run_color(0))
    with pytest.raises(KeyError):
        plot.add_accuracy("nobody", 1, 0.9, 0.9)


def test_add_run_twice_keeps_the_items(plot):
    plot.add_run("a", "run 1", run_color(0))
    items = list(_data_items(plot))
    plot.add_run("a", "renamed", (10, 20, 30))
    plot.rename_run("a", "run one")
    assert _data_items(plot) == items
    assert plot._runs["a"].name == "run one"


def test_a_live_run_leaves_the_faded_runs_alone(plot, monkeypatch):
    plot.add_run("old", "run 1", run_color(0))
    _feed(plot, "old")
    plot.start_run("new", 30)
    calls = []
    for item in plot._items_of(plot._runs["old"]):
        monkeypatch.setattr(item, "setData", lambda *a, **k: calls.append(a))
    for i in range(40):
        plot.add_costs("new", [((i + 1) / 10, 1 / (i + 1))])
        if i % 10 == 9:
            plot.add_accuracy("new", (i + 1) // 10, 0.9, 0.9, 0.95)
    plot.add_learning_rate_change("new", 2.5, 0.1)
    plot.add_run("another", "run 3", run_color(2))
    plot.end_run()
    assert calls == []


def test_the_single_run_calls_still_work(plot):
    plot.start_run(3)  # the old API: one run, the current one
    plot.add_costs([(0.5, 1.0), (1.0, 0.8)])
    plot.add_accuracy(1, 0.9, 0.89, 0.95)  # epoch, validation, test, training
    plot.add_accuracy(2, 0.93, None)
    assert plot.cost.n == 2 and plot.validation.data()[1].tolist() == [90.0, 93.0]
    assert plot.training.data()[1].tolist() == [95.0] and plot.test.data()[1].tolist() == [89.0]
    assert plot.run_keys() == [plot.current()]
    plot.end_run()
    plot.reset()
    assert plot.cost.n == 0


def test_a_move_held_back_until_the_mouse_left_shows_nothing(plot):
    plot.add_run("a", "run 1", run_color(0))
    _feed(plot, "a")
    pos = plot.cost_plot.getViewBox().mapViewToScene(pg.Point(1.0, 0.2))
    plot._on_scene_mouse_moved((pos,))
    assert plot.hover_visible()
    plot.leaveEvent(QEvent(QEvent.Type.Leave))
    assert not plot.hover_visible()
    plot._on_scene_mouse_moved((pos,))  # the rate-limited proxy delivers it late
    assert not plot.hover_visible()

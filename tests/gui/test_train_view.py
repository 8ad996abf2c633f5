"""The Train view over a session and a controller, on real MNIST cut down: steering a run
(pause, step, a new learning rate, stop), divergence, several runs on the plots, a model
file's history, the mosaic, the estimate and its warning."""

from dataclasses import replace

import numpy as np
import pytest

from core.mlp import MLP
from core.paths import default_model_path
from core.sgd import TrainConfig
from mnist_gui.session import Session
from mnist_gui.training import TrainingController


@pytest.fixture
def view(qtbot, small_mnist, monkeypatch):
    from mnist_gui.views.train import TrainView

    session = Session()
    session.set_data(small_mnist)
    session.open_model(default_model_path())
    controller = TrainingController(session, report_samples=200)
    v = TrainView(session, controller)
    v.asked = []
    monkeypatch.setattr(v, "_confirm_large_run", lambda warnings: v.asked.append(warnings) or True)
    qtbot.addWidget(v)
    v.resize(1200, 800)
    v.show()
    yield v
    if controller.is_running:
        with qtbot.waitSignal(controller.finished, timeout=30_000):
            controller.discard()
    v.shutdown()


SMALL = TrainConfig(layer_sizes=(784, 12, 10), n_epochs=3, seed=5)


def _train(qtbot, view, config):
    view.set_config(config)
    with qtbot.waitSignal(view._controller.finished, timeout=60_000):
        assert view.start()
    run = view._session.runs[-1]
    # The view finishes in steps, one event each (so as not to stall the window).
    qtbot.waitUntil(view.is_settled, timeout=5000)
    assert view.plot.current() is run and not view.plot.running
    return run


def test_two_runs_stay_on_the_plots_and_the_mosaic_shows_the_network(qtbot, view):
    session = view._session
    opened = session.runs[0]  # the bundled network's history, from its file
    assert opened.from_file and opened in view.plot.run_keys()
    assert len(view.plot.curves(opened)["validation_x"]) == len(opened.history)
    first = _train(qtbot, view, SMALL)
    second = _train(qtbot, view, replace(SMALL, layer_sizes=(784, 20, 10), seed=6))
    assert view.plot.run_keys() == [opened, first, second] and view.plot.current() is second
    for run in (first, second):
        curves = view.plot.curves(run)
        assert list(curves["validation_x"]) == [1, 2, 3]
        assert np.allclose(curves["validation_y"], [100 * h["validation_accuracy"] for h in run.history])
        assert len(curves["cost_x"]) == len(run.cost_points) >= 3
    assert view.runs_table.model.rowCount() == 3
    # A run that completed says so (not "stopped"), with no time left.
    assert view.progress_bar.format() == "done" and view.left_label.text() == "–"
    # The mosaic shows the network in use: one tile per first-layer neuron, its weights.
    mosaic = view.inside.mosaic
    assert mosaic.tile_count() == 20
    assert np.array_equal(mosaic.tile(7), session.model.weights[0][:, 7].reshape(28, 28))
    # Use the first run's network: Draw and Browse follow the session.
    view.runs_table.select_run(first)
    view.runs_table.use_button.click()
    assert session.model is first.model and mosaic.tile_count() == 12
    qtbot.waitUntil(lambda: view.plot.current() is first, timeout=5000)
    # Remove the second run: its curves go.
    view.runs_table.select_run(second)
    view.runs_table.remove_button.click()
    assert second not in session.runs
    qtbot.waitUntil(lambda: second not in view.plot.run_keys(), timeout=5000)


def test_pause_step_learning_rate_and_resume(qtbot, view):
    controller = view._controller
    reports = []
    controller.progress.connect(reports.append)
    view.set_config(replace(SMALL, n_epochs=6))
    assert view.start()
    qtbot.waitUntil(lambda: len(controller.run.cost_points) >= 2, timeout=30_000)
    view.pause_button.click()
    qtbot.waitUntil(lambda: reports and reports[-1].event == "paused", timeout=10_000)
    paused = reports[-1]
    assert controller.state == "paused" and view.step_button.isEnabled() and view.pause_button.text() == "Resume"
    # Step: the rest of this epoch, then paused again before the next one.
    view.step_button.click()
    assert controller.state == "stepping"
    qtbot.waitUntil(lambda: controller.state == "paused", timeout=30_000)
    assert reports[-1].event == "paused" and reports[-1].batch == 0 and reports[-1].epoch == paused.epoch + 1
    assert len(controller.run.history) == paused.epoch
    # A new learning rate while paused, typed in the form's field and confirmed with Enter.
    view.form.eta_edit.setText("0,5")
    qtbot.keyClick(view.form.eta_edit, "\r")
    assert controller.run.learning_rate_changes[-1]["learning_rate"] == 0.5
    marker_x = controller.run.learning_rate_changes[-1]["x"]
    assert marker_x == pytest.approx(paused.epoch)
    assert list(view.plot.curves(controller.run)["learning_rate_y"]) == [0.5]
    run = controller.run
    with qtbot.waitSignal(controller.finished, timeout=60_000):
        view.pause_button.click()  # resume
    assert run.ending == "Training finished" and len(run.history) == 6
    assert [h["learning_rate"] for h in run.history] == [3.0] * paused.epoch + [0.5] * (6 - paused.epoch)
    assert run.model.metadata["learning_rate_changes"] == [{"epoch": paused.epoch + 1, "batch": 0,
                                                            "learning_rate": 0.5}]


def test_a_stopped_run_draws_no_partial_window(qtbot, view):
    controller = view._controller
    view.set_config(replace(SMALL, n_epochs=500))
    assert view.start()
    qtbot.waitUntil(lambda: len(controller.run.cost_points) >= 3, timeout=30_000)
    run = controller.run
    with qtbot.waitSignal(controller.finished, timeout=30_000):
        view.stop_button.click()
    # Every cost point is a full report window (200 samples = 20 mini-batches of 10): none
    # comes from the stop's partial window.
    xs = np.array([x for x, _ in run.cost_points])
    steps = np.diff(np.concatenate([[0.0], xs])) * 200  # mini-batches per window (200 per epoch here)
    assert np.allclose(steps, 20)
    qtbot.waitUntil(view.is_settled, timeout=5000)
    assert view.progress_bar.format() == "stopped"


def test_a_learning_rate_of_1000_ends_as_diverged_with_finite_weights(qtbot, view):
    run = _train(qtbot, view, TrainConfig(learning_rate=1000.0, n_epochs=3, seed=0))
    assert run.diverged_at is not None and "diverged" in run.ending and "chance" in run.ending
    assert run.history == [] and run.model is None  # epoch 1 collapsed: nothing worth keeping
    assert len(view.plot.curves(run)["diverged_x"]) == 1
    assert "diverged" in view.status.text().lower()


def test_a_diverged_run_keeps_its_last_good_epoch(qtbot, view):
    """A good run pushed to a learning rate of 1000 mid-run: it stops as diverged, and keeps
    the network of its last good epoch (finite), which becomes the current one."""
    controller = view._controller
    reports = []
    controller.progress.connect(reports.append)
    view.set_config(replace(SMALL, n_epochs=10))
    assert view.start()
    qtbot.waitUntil(lambda: len(controller.run.history) >= 2, timeout=30_000)
    run = controller.run
    with qtbot.waitSignal(controller.finished, timeout=60_000):
        controller.set_learning_rate(1000.0)
    assert run.diverged_at is not None and run.model is not None and len(run.history) >= 2
    assert all(np.isfinite(w).all() for w in run.model.weights)
    assert run.model.metadata["diverged"]["reason"] == "accuracy fell to chance"
    assert view._session.model is run.model


def test_opening_a_model_file_shows_its_history(qtbot, view, tmp_path):
    model = MLP((784, 16, 10), rng=np.random.default_rng(0))
    model.metadata["history"] = [{"epoch": e, "cost": 0.1, "training_accuracy": 0.9, "validation_accuracy": 0.88 + e / 100,
                                  "test_accuracy": 0.87, "seconds": 1.0, "learning_rate": 3.0} for e in (1, 2, 3, 4)]
    model.save(tmp_path / "m.npz")
    view._session.open_model(tmp_path / "m.npz")
    run = view._session.runs[-1]
    assert run.from_file
    qtbot.waitUntil(lambda: view.plot.current() is run, timeout=5000)
    assert np.allclose(view.plot.curves(run)["validation_y"], [89, 90, 91, 92])
    assert view.inside.mosaic.tile_count() == 16


def test_the_estimate_warns_before_a_huge_run(qtbot, view):
    huge = TrainConfig(layer_sizes=(784, 100_000, 10), n_epochs=30, dtype="float64", seed=0)
    view.set_config(huge)
    warnings = view._estimate_warnings(view._estimate_for(huge))  # said by the view, in its language
    assert any("GB" in w for w in warnings)  # (with 2,000 training images an epoch is short)
    view._confirm_large_run = lambda warnings: view.asked.append(warnings) or False  # the user says no
    assert not view.start() and not view._controller.is_running
    assert len(view.asked) == 1 and any("GB" in w for w in view.asked[0])  # (timings vary: not compared)
    qtbot.waitUntil(lambda: "Large run" in view.estimate_label.text(), timeout=10_000)
    view.set_config(SMALL)
    qtbot.waitUntil(lambda: "per epoch" in view.estimate_label.text() and "Large" not in view.estimate_label.text(),
                    timeout=10_000)


def test_a_run_started_at_once_after_another_leaves_it_whole(qtbot, view):
    view.set_config(SMALL)
    with qtbot.waitSignal(view._controller.finished, timeout=60_000):
        assert view.start()
    first = view._session.runs[-1]
    assert view.start()  # before the first run's end was drawn (its steps come from the event loop)
    with qtbot.waitSignal(view._controller.finished, timeout=60_000):
        pass
    qtbot.waitUntil(view.is_settled, timeout=5000)
    assert list(view.plot.curves(first)["validation_x"]) == [1, 2, 3]
    assert list(view.plot.curves(view._session.runs[-1])["validation_x"]) == [1, 2, 3]

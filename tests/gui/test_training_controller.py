"""TrainingController: start, pause, resume, stop, a new learning rate, and a discarded run,
on real MNIST cut down to 2,000 training images."""

import numpy as np
import pytest

from core.paths import default_model_path
from core.sgd import TrainConfig
from mnist_gui.session import Session
from mnist_gui.training import TrainingController


@pytest.fixture
def controller(qtbot, small_mnist):
    session = Session()
    session.set_data(small_mnist)
    session.open_model(default_model_path())
    c = TrainingController(session, report_samples=100)
    c.reports = []
    c.progress.connect(c.reports.append)
    yield c
    if c.is_running:  # never leave a thread behind
        with qtbot.waitSignal(c.finished, timeout=30_000):
            c.discard()


LONG = TrainConfig(layer_sizes=(784, 20, 10), n_epochs=1000, seed=0)  # minutes if not stopped


def test_a_run_completes_and_becomes_the_session_s_network(qtbot, controller):
    session = controller._session
    config = TrainConfig(layer_sizes=(784, 20, 10), n_epochs=2, seed=0)
    states = []
    controller.state_changed.connect(states.append)
    before = list(session.runs)  # the bundled network's saved history
    with qtbot.waitSignal(controller.finished, timeout=60_000) as finished:
        run = controller.start(config)
        assert controller.is_running and controller.state == "running" and session.runs == [*before, run]
    assert finished.args[0] is run and not controller.is_running and controller.state == "idle"
    assert states == ["running", "evaluating", "idle"]  # the kept network is evaluated off the GUI thread
    assert run.ending == "Training finished" and [h["epoch"] for h in run.history] == [1, 2]
    assert session.model is run.model and session.unsaved
    assert session.evaluation("test").accuracy == run.history[-1]["test_accuracy"]
    assert len(run.cost_points) >= 2


def test_pause_resume_and_stop(qtbot, controller):
    controller.start(LONG)
    qtbot.waitUntil(lambda: len(controller.reports) >= 2, timeout=30_000)
    controller.pause()
    assert controller.is_paused
    qtbot.waitUntil(lambda: controller.reports[-1].event == "paused", timeout=5_000)
    seen = len(controller.reports)
    qtbot.wait(300)
    assert len(controller.reports) == seen  # nothing trains while paused
    controller.resume()
    assert controller.state == "running"
    qtbot.waitUntil(lambda: len(controller.reports) > seen + 1, timeout=10_000)
    with qtbot.waitSignal(controller.finished, timeout=10_000):
        controller.stop()
        assert controller.state == "stopping"
    assert controller.reports[-1].event == "stopped"


def test_stop_while_paused_ends_the_run(qtbot, controller):
    controller.start(LONG)
    qtbot.waitUntil(lambda: len(controller.reports) >= 1, timeout=30_000)
    controller.pause()
    qtbot.waitUntil(lambda: controller.reports[-1].event == "paused", timeout=5_000)
    with qtbot.waitSignal(controller.finished, timeout=5_000):
        controller.stop()
    assert not controller.is_running


def test_a_new_learning_rate_reaches_the_run_and_is_recorded(qtbot, controller):
    run = controller.start(LONG)
    qtbot.waitUntil(lambda: len(run.history) >= 1, timeout=30_000)  # one epoch: the network is kept
    controller.set_learning_rate(0.25)
    qtbot.waitUntil(lambda: controller.reports[-1].learning_rate == 0.25, timeout=10_000)
    with pytest.raises(ValueError, match="learning rate"):
        controller.set_learning_rate(-1.0)
    with qtbot.waitSignal(controller.finished, timeout=10_000):
        controller.stop()
    changes = run.model.metadata["learning_rate_changes"]
    assert [c["learning_rate"] for c in changes] == [0.25] and changes[0]["epoch"] >= 2


def test_a_discarded_run_leaves_the_session_s_network(qtbot, controller):
    session = controller._session
    before = session.model
    run = controller.start(LONG)
    qtbot.waitUntil(lambda: len(run.history) >= 1, timeout=30_000)
    with qtbot.waitSignal(controller.finished, timeout=10_000):
        controller.discard()
    assert run.model is None and session.model is before and not session.unsaved


def test_bad_requests_are_refused_with_a_reason(qtbot, controller):
    before = list(controller._session.runs)
    with pytest.raises(ValueError, match="weight decay"):
        controller.start(TrainConfig(learning_rate=100.0, l2=1000.0))
    assert not controller.is_running and controller._session.runs == before  # no run recorded
    with pytest.raises(RuntimeError):
        controller.set_learning_rate(1.0)  # no run
    controller.start(LONG)
    with pytest.raises(RuntimeError, match="already"):
        controller.start(LONG)
    assert np.isfinite(controller.run.config.learning_rate)

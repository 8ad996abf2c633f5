"""core.control.TrainingControl by itself: its state, the learning-rate check, the flag that
train() reads, and the wait of a paused run (how train() uses it is in test_sgd.py)."""

import math
import threading
import time

import numpy as np
import pytest

import core.sgd
from core.control import TrainingControl


def test_a_new_control_asks_for_nothing():
    control = TrainingControl()
    assert (control.paused, control.stopped, control.pending) == (False, False, False)
    assert control.take_learning_rate() is None
    assert control.wait_while_paused() is True  # not paused: returns at once
    assert core.sgd.TrainingControl is TrainingControl  # exported where train() is


def test_pause_resume_stop_set_the_state_and_the_pending_flag():
    control = TrainingControl()
    control.pause()
    assert control.paused and control.pending
    control.take_learning_rate()  # what train() calls first: clears the flag
    assert not control.pending and control.paused
    control.resume()
    assert not control.paused and not control.pending  # nothing for train() to do
    control.stop()
    assert control.stopped and control.pending
    control.resume()
    assert control.stopped  # a stopped control stays stopped
    assert control.wait_while_paused() is False
    assert "stopped=True" in repr(control)


def test_the_last_learning_rate_asked_for_is_taken_once():
    control = TrainingControl()
    control.set_learning_rate(0.5)
    control.set_learning_rate(np.float32(0.25))
    control.set_learning_rate(2)
    assert control.pending
    eta = control.take_learning_rate()
    assert eta == 2.0 and type(eta) is float
    assert not control.pending and control.take_learning_rate() is None


@pytest.mark.parametrize("eta", [1000, 1e-9, 3.0])
def test_learning_rates_in_range_are_accepted(eta):
    control = TrainingControl()
    control.set_learning_rate(eta)
    assert control.take_learning_rate() == eta


@pytest.mark.parametrize("eta", [0, 0.0, -1.0, 1000.5, 1e6, math.nan, math.inf, -math.inf, True, np.bool_(True),
                                 "1.0", None])
def test_a_learning_rate_out_of_range_is_a_value_error_naming_it_and_the_range(eta):
    control = TrainingControl()
    with pytest.raises(ValueError) as info:
        control.set_learning_rate(eta)
    message = str(info.value)
    assert repr(eta) in message and "above 0" in message and "at most 1000" in message
    assert not control.pending and control.take_learning_rate() is None


def _waiter(control):
    """Start a thread that calls control.wait_while_paused(); returns (thread, result list)."""
    result = []
    thread = threading.Thread(target=lambda: result.append(control.wait_while_paused()), daemon=True)
    thread.start()
    return thread, result


@pytest.mark.parametrize("wake, expected", [("resume", True), ("stop", False)])
def test_a_paused_wait_blocks_until_resumed_or_stopped(wake, expected):
    control = TrainingControl()
    control.pause()
    thread, result = _waiter(control)
    thread.join(0.2)
    assert thread.is_alive() and result == []  # still waiting
    getattr(control, wake)()
    thread.join(10)
    assert not thread.is_alive() and result == [expected]


def test_a_paused_wait_uses_no_cpu():
    """The wait is a condition variable, not a polling loop: over half a second of it the
    process uses a small fraction of a CPU (a ratio of CPU to wall time, not a speed)."""
    control = TrainingControl()
    control.pause()
    thread, _ = _waiter(control)
    time.sleep(0.05)
    wall, cpu = time.perf_counter(), time.process_time()
    time.sleep(0.5)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    control.resume()
    thread.join(10)
    assert cpu < 0.1 * wall


def test_step_from_a_pause_runs_until_the_end_of_the_epoch_then_pauses_again():
    control = TrainingControl()
    control.step()  # not paused: nothing happens
    assert not control.stepping and not control.paused
    control.end_step(more_epochs=True)
    assert not control.paused and not control.pending  # no step: the end of an epoch changes nothing

    control.pause()
    control.take_learning_rate()  # train() reached the pause
    control.step()
    assert control.stepping and not control.paused
    assert control.wait_while_paused() is True  # a waiting run wakes up
    control.end_step(more_epochs=True)  # what train() calls at the epoch's end
    assert control.paused and control.pending and not control.stepping

    control.take_learning_rate()
    control.step()
    control.end_step(more_epochs=False)  # the run's last epoch: it just ends
    assert not control.paused and not control.stepping


@pytest.mark.parametrize("then", ["pause", "resume", "stop"])
def test_pause_resume_or_stop_during_a_step(then):
    control = TrainingControl()
    control.pause()
    control.step()
    getattr(control, then)()
    assert not control.stepping
    assert (control.paused, control.stopped) == {"pause": (True, False), "resume": (False, False),
                                                 "stop": (False, True)}[then]
    control.end_step(more_epochs=True)
    assert control.paused == (then == "pause")  # a step no longer in progress does not pause
    control.step()
    assert control.stepping == (then == "pause")  # a stopped run does not step


def test_step_wakes_a_run_paused_in_another_thread():
    control = TrainingControl()
    control.pause()
    thread, result = _waiter(control)
    thread.join(0.1)
    assert thread.is_alive()
    control.step()
    thread.join(10)
    assert not thread.is_alive() and result == [True]


def test_a_hold_makes_the_run_wait_between_mini_batches_until_released(mnist):
    """A held run does no mini-batch until released, yields no report for it, and a stop
    during a hold stops; a forgotten release holds it at most MAX_HOLD_SECONDS."""
    from core.control import MAX_HOLD_SECONDS
    from core.sgd import TrainConfig, train

    config = TrainConfig(layer_sizes=(784, 10, 10), n_epochs=1, seed=0, train_size=2000)
    rng = np.random.default_rng(0)
    model = config.make_model(rng)
    control = TrainingControl()
    reports = train(model, mnist, config, rng, report_every=20, control=control, measure_accuracy=False)
    first = next(reports)
    control.hold()
    before = model.get_params()
    threading.Timer(0.1, control.release).start()
    started = time.perf_counter()
    second = next(reports)  # waits for the release, then trains the next window
    assert time.perf_counter() - started >= 0.09
    assert second.event is None and second.batch == first.batch + 20
    assert not all(np.array_equal(a, b) for a, b in zip(before, model.get_params()))
    control.hold()  # never released: the run goes on after MAX_HOLD_SECONDS
    started = time.perf_counter()
    third = next(reports)
    assert MAX_HOLD_SECONDS * 0.9 <= time.perf_counter() - started and third.batch == second.batch + 20
    control.hold()
    threading.Timer(0.05, control.stop).start()
    assert next(reports).event == "stopped"

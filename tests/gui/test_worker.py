"""TrainingWorker in a real QThread: progress, completion, early stop, and a discarded run."""

import numpy as np
from PySide6.QtCore import QObject, QThread, Signal, Slot

from core.sgd import TrainConfig
from mnist_gui.worker import TrainingWorker, start_in_thread


class _Waiter(QObject):
    """Receives thread.finished in the GUI thread, as the main window does."""

    done = Signal()

    @Slot()
    def on_thread_finished(self):
        self.done.emit()


def _run(qtbot, config, data, stop_after_reports=None):
    worker = TrainingWorker(config, data, report_samples=200)
    waiter = _Waiter()
    reports, trained, failed = [], [], []
    worker.progress.connect(reports.append)
    worker.trained.connect(lambda model, evaluation, ending: trained.append((model, evaluation, ending)))
    worker.failed.connect(failed.append)

    def on_progress(report):
        if stop_after_reports is not None and len(reports) >= stop_after_reports:
            worker.control.stop()

    worker.progress.connect(on_progress)
    with qtbot.waitSignal(waiter.done, timeout=60_000):
        thread = start_in_thread(worker, waiter.on_thread_finished)  # kept until it has ended
    thread.wait()
    return reports, trained, failed


def test_worker_reports_progress_and_finishes(qtbot, small_mnist):
    config = TrainConfig(layer_sizes=(784, 20, 10), n_epochs=2, seed=0)
    reports, trained, failed = _run(qtbot, config, small_mnist)
    assert not failed
    ends = [r for r in reports if r.end_of_epoch]
    assert [r.epoch for r in ends] == [1, 2]
    assert len(reports) > len(ends)  # mid-epoch cost reports too
    assert all(0 <= r.validation_accuracy <= 1 for r in ends)
    (model, evaluation, ending), = trained
    assert ending == "Training finished"
    assert model.layer_sizes == (784, 20, 10)
    assert len(model.metadata["history"]) == 2
    assert model.score(small_mnist.test.X, small_mnist.test.y) == ends[-1].test_accuracy == evaluation.accuracy
    assert model.metadata["data_sha256"] == small_mnist.sha256 and "package_version" in model.metadata


def test_worker_stops_early_when_its_control_says_stop(qtbot, small_mnist):
    config = TrainConfig(layer_sizes=(784, 20, 10), n_epochs=2000, seed=0)  # minutes if not stopped
    reports, trained, failed = _run(qtbot, config, small_mnist, stop_after_reports=3)
    assert not failed
    # The stop is requested while the GUI thread handles the third report, so the worker may
    # have gone on meanwhile, but not for long.
    assert reports[-1].epoch < 200
    (model, _, ending), = trained
    assert ending.startswith(f"Training stopped in epoch {reports[-1].epoch}, after mini-batch")
    assert reports[-1].event == "stopped"
    assert model is None  # stopped in the first epoch: nothing worth keeping, so nothing copied or evaluated


def test_a_run_stopped_after_an_epoch_keeps_its_network(qtbot, small_mnist):
    config = TrainConfig(layer_sizes=(784, 20, 10), n_epochs=2000, seed=0)
    reports, trained, failed = _run(qtbot, config, small_mnist, stop_after_reports=15)  # 10 reports an epoch
    assert not failed
    (model, evaluation, _), = trained
    assert reports[-1].event == "stopped" and len(model.metadata["history"]) >= 1
    assert np.isfinite(model.weights[0]).all()
    assert evaluation.accuracy == model.score(small_mnist.test.X, small_mnist.test.y)


def test_worker_reports_failure_then_finishes(qtbot, small_mnist):
    config = TrainConfig(layer_sizes=(100, 10), n_epochs=1)  # 100 inputs cannot take 784 pixels
    reports, trained, failed = _run(qtbot, config, small_mnist)
    assert not trained and not reports
    assert len(failed) == 1 and "784" in failed[0]
    assert QThread.currentThread().isInterruptionRequested() is False


def test_a_distorted_keep_best_run_ends_with_the_kept_epoch_and_says_which(qtbot, small_mnist):
    config = TrainConfig(layer_sizes=(784, 20, 10), n_epochs=3, seed=0, keep_best=True, learning_rate=9.0,
                         distort_rotation=8.0, elastic_alpha=20.0)
    _, trained, failed = _run(qtbot, config, small_mnist)
    assert not failed
    (model, evaluation, ending), = trained
    kept = model.metadata["kept_epoch"]
    assert ending == f"Training finished; the weights of epoch {kept['epoch']}, the best on validation, are kept"
    best = max(row["validation_accuracy"] for row in model.metadata["history"])
    assert kept["validation_accuracy"] == best
    assert evaluation.accuracy == kept["test_accuracy"]

"""Workers that run core's long jobs off the GUI thread.

Both follow the pattern of Qt's QThread documentation: a ``QObject`` created without a
parent, moved to a ``QThread``, started by ``thread.started -> worker.run``, and always
ending with ``finished``. Signals carry values the receiver owns (copies), never the
model being trained. See :func:`start_in_thread` for the wiring.
"""

from __future__ import annotations

import time
from collections.abc import Callable

import numpy as np
from PySide6.QtCore import QObject, QThread, Signal, Slot

import core
from core.metrics import evaluate
from core.sgd import TrainConfig, train


class TrainingWorker(QObject):
    """Trains a new network with :func:`core.sgd.train` and reports progress by signals.

    Parameters
    ----------
    config : core.sgd.TrainConfig
        The run, with its seed set (see ``TrainConfig.with_seed``): it draws the initial
        weights and the shuffles.
    data : core.datasets.MnistData
        Read only.
    report_samples : int
        Emit a cost point about every this many training samples (500 mini-batches of
        10 by default: "every few hundred mini-batches"), and at least every
        ``report_seconds`` seconds.
    report_seconds : float

    Signals
    -------
    progress(TrainingReport)
        Mid-epoch and end-of-epoch progress (each report a new object).
    snapshot(MLP)
        At the end of every epoch, a copy of the network the receiver owns.
    trained(MLP, Evaluation, str)
        When the run ends after at least one mini-batch (completed, stopped by its
        schedule, or interrupted): a copy of the final network, its evaluation on the
        test split (computed here, off the GUI thread), and a sentence saying how it
        ended.
    failed(str)
        A message if training raised an exception.
    finished()
        Always, last.
    """

    progress = Signal(object)
    snapshot = Signal(object)
    trained = Signal(object, object, str)
    failed = Signal(str)
    finished = Signal()

    def __init__(self, config: TrainConfig, data, report_samples: int = 5000, report_seconds: float = 0.5):
        super().__init__()  # no parent: a worker with a parent cannot be moved to a thread
        self._config = config
        self._data = data
        self._report_every = max(1, report_samples // config.batch_size)
        self._report_seconds = report_seconds

    @Slot()
    def run(self) -> None:
        """Train (in the worker thread), emitting the signals above; always ends with ``finished``."""
        thread = QThread.currentThread()
        try:
            config = self._config
            rng = np.random.default_rng(config.seed)
            model = config.make_model(rng)
            model.metadata.update(data_sha256=self._data.sha256, package_version=core.__version__)
            ending = "Training finished"
            report = None
            started = time.perf_counter()
            for report in train(model, self._data, config, rng, report_every=self._report_every,
                                report_seconds=self._report_seconds, should_stop=thread.isInterruptionRequested):
                self.progress.emit(report)
                if report.end_of_epoch:
                    self.snapshot.emit(model.copy())
                if report.event == "early stop":
                    ending = f"Training stopped early at epoch {report.epoch}: validation accuracy stopped improving"
                elif report.event == "diverged":
                    ending = (f"Training diverged in epoch {report.epoch} (the cost became infinite); "
                              "the weights of the last good epoch are kept. Try a smaller learning rate")
                elif report.event == "stopped":
                    ending = (f"Training stopped in epoch {report.epoch}, after mini-batch {report.batch:,}"
                              if report.batch else f"Training stopped at the start of epoch {report.epoch}")
            if report is None:
                return  # stopped before the first mini-batch: nothing was trained
            model.metadata["training_seconds"] = round(time.perf_counter() - started, 3)
            test = self._data.test
            self.trained.emit(model.copy(), evaluate(model, test.X, test.y), ending)
        except Exception as exc:  # noqa: BLE001 (any failure is reported to the GUI, never raised into Qt)
            self.failed.emit(f"{type(exc).__name__}: {exc}")
        finally:
            self.finished.emit()


class CallWorker(QObject):
    """Runs one function in a thread and emits its result (used to load data sets).

    Signals: ``done(object)`` with the return value, or ``failed(str)`` with the
    exception's message; then always ``finished()``.
    """

    done = Signal(object)
    failed = Signal(str)
    finished = Signal()

    def __init__(self, function: Callable[[], object]):
        super().__init__()
        self._function = function

    @Slot()
    def run(self) -> None:
        """Call the function (in the worker thread) and emit its result or its error."""
        try:
            self.done.emit(self._function())
        except Exception as exc:  # noqa: BLE001 (reported to the GUI as a message)
            self.failed.emit(str(exc))
        finally:
            self.finished.emit()


def start_in_thread(worker: QObject, on_thread_finished: Callable[[], None] | None = None) -> QThread:
    """Move ``worker`` (which has a ``run`` slot and a ``finished`` signal) to a new
    QThread, wire the clean-up, and start it.

    ``thread.started -> worker.run``, ``worker.finished -> thread.quit``, and both objects
    ``deleteLater`` once done. ``on_thread_finished`` (a bound method of a GUI-thread
    QObject) is connected to ``thread.finished`` *before* the thread starts, so it cannot
    be missed however quickly the work ends; there the caller drops its references to
    the thread and worker, which must not be touched after.
    """
    thread = QThread()
    worker.moveToThread(thread)
    thread.started.connect(worker.run)
    worker.finished.connect(thread.quit)
    worker.finished.connect(worker.deleteLater)
    thread.finished.connect(thread.deleteLater)
    if on_thread_finished is not None:
        thread.finished.connect(on_thread_finished)
    thread.start()
    return thread

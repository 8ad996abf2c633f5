"""Workers that run core's long jobs off the GUI thread.

Both follow the pattern of Qt's QThread documentation: a ``QObject`` created without a
parent, moved to a ``QThread``, started by ``thread.started -> worker.run``, and always
ending with ``finished``. Signals carry values the receiver owns (copies), never the
model being trained. See :func:`start_in_thread` for the wiring.
"""

from __future__ import annotations

import atexit
import time
from collections.abc import Callable
from dataclasses import replace

import numpy as np
from PySide6.QtCore import QCoreApplication, QObject, Qt, QThread, Signal, Slot

import core
from core.metrics import evaluate
from core.own_digits import add_to_training
from core.sgd import TrainConfig, TrainingControl, TrainingReport, train
from mnist_gui import numbers


class TrainingWorker(QObject):
    """Trains a new network with :func:`core.sgd.train` and reports progress by signals.

    Parameters
    ----------
    config : core.sgd.TrainConfig
        The run, with its seed set (see ``TrainConfig.with_seed``): it draws the initial
        weights and the shuffles.
    data : core.datasets.MnistData
        Read only.
    control : core.sgd.TrainingControl
        Read by ``train()`` between mini-batches: pause, resume, stop and a new learning
        rate, set from the GUI thread (plain Python, no call into Qt per mini-batch).
    report_samples : int
        Emit a cost point about every this many training samples (500 mini-batches of
        10 by default: "every few hundred mini-batches"), and at least every
        ``report_seconds`` seconds.
    report_seconds : float
    extra_training : core.datasets.DataSplit, optional
        Rows appended to the training split (after any ``config.train_size`` cut): the
        user's own digits, for ``config.add_own_digits``. Done at the start of :meth:`run`,
        in the worker thread (a copy of the training split: 157 MB for MNIST's 50,000 rows).
        The network's ``metadata["own_digits"]`` records how many.

    Signals
    -------
    progress(TrainingReport)
        Mid-epoch and end-of-epoch progress (each report a new object).
    snapshot(MLP)
        At the end of every epoch, a copy of the network the receiver owns.
    evaluating()
        The run has ended and the network it keeps is being evaluated on the test split
        (seconds for a very wide network; :meth:`discard` still interrupts it).
    trained(object, object, str)
        When the run ends after at least one mini-batch (completed, stopped by its
        schedule or by the user, diverged) and was not discarded: a copy of the final
        network and its evaluation on the test split (computed here, off the GUI thread)
        if at least one epoch completed, else ``None, None``; and a sentence saying how
        it ended.
    failed(str)
        A message if training raised an exception.
    finished()
        Always, last.
    """

    progress = Signal(object)
    snapshot = Signal(object)
    evaluating = Signal()
    trained = Signal(object, object, str)
    failed = Signal(str)
    finished = Signal()

    def __init__(self, config: TrainConfig, data, control: TrainingControl | None = None,
                 report_samples: int = 5000, report_seconds: float = 0.5, extra_training=None):
        super().__init__()  # no parent: a worker with a parent cannot be moved to a thread
        self._config = config
        self._data = data
        self._extra = extra_training if extra_training is not None and len(extra_training) else None
        self._control = control if control is not None else TrainingControl()
        self._report_every = max(1, report_samples // config.batch_size)
        self._report_seconds = report_seconds
        self._discarded = False

    @property
    def control(self) -> TrainingControl:
        """The object that steers this run."""
        return self._control

    def discard(self) -> None:
        """Stop, and skip all work for the result (no copy, no evaluation, no ``trained``):
        the caller throws the network away (the window is closing). Safe from any thread."""
        self._discarded = True
        self._control.stop()

    @Slot()
    def run(self) -> None:
        """Train (in the worker thread), emitting the signals above; always ends with ``finished``."""
        try:
            config = run_config = self._config
            data = self._data
            if self._extra is not None:  # the user's digits after the training rows in use
                data = add_to_training(data, self._extra, config.train_size)
                run_config = replace(config, train_size=None)  # all of those rows
            rng = np.random.default_rng(config.seed)
            model = config.make_model(rng)
            model.metadata.update(data_sha256=self._data.sha256, package_version=core.__version__)
            ending = QCoreApplication.translate("TrainingWorker", "Training finished")
            report = None
            started = time.perf_counter()
            for report in train(model, data, run_config, rng, report_every=self._report_every,
                                report_seconds=self._report_seconds, control=self._control,
                                reserve_cores=1):  # a core for the GUI to paint the run
                if self._discarded:
                    return
                self.progress.emit(report)
                if report.end_of_epoch:
                    self.snapshot.emit(model.copy())
                ending = _ending(report, ending, model.metadata.get("diverged"))
                if report.kept_epoch is not None:  # keep_best: say whose weights the network has
                    ending += QCoreApplication.translate(
                        "TrainingWorker", "; the weights of epoch {0}, the best on validation, are kept").format(
                            report.kept_epoch)
            if report is None or self._discarded:
                return  # stopped before the first mini-batch, or thrown away: no result
            if self._extra is not None:
                model.metadata["config"] = config.to_dict()  # as asked, not the train_size=None used
                model.metadata["own_digits"] = len(self._extra)
            model.metadata["training_seconds"] = round(time.perf_counter() - started, 3)
            if not model.metadata.get("history"):
                self.trained.emit(None, None, ending)  # no epoch completed: nothing worth keeping
                return
            self.evaluating.emit()
            test = self._data.test
            evaluation = evaluate(model, test.X, test.y, should_stop=lambda: self._discarded)
            if evaluation is not None:  # None: discarded meanwhile
                self.trained.emit(model.copy(), evaluation, ending)
        except Exception as exc:  # noqa: BLE001 (any failure is reported to the GUI, never raised into Qt)
            self.failed.emit(f"{type(exc).__name__}: {exc}")
        finally:
            self.finished.emit()


def _ending(report: TrainingReport, ending: str, diverged: dict | None = None) -> str:
    """The sentence that says how a run ended, updated by one report (``ending`` so far;
    ``diverged`` is the model's ``metadata["diverged"]``, if any)."""
    if report.event == "diverged" and diverged and diverged.get("reason") == "accuracy fell to chance":
        return QCoreApplication.translate(
            "TrainingWorker", "Training diverged in epoch {0}: the validation accuracy fell to chance "
                              "({1}; the network gives the same answer for almost every image). The weights of the "
                              "last good epoch are kept. Try a smaller learning rate").format(
                      report.epoch, "?" if report.validation_accuracy is None
                      else numbers.percent(report.validation_accuracy, 1))
    if report.event == "early stop":
        return QCoreApplication.translate(
            "TrainingWorker", "Training stopped early at epoch {0}: validation accuracy stopped "
                              "improving").format(report.epoch)
    if report.event == "diverged":
        return QCoreApplication.translate(
            "TrainingWorker", "Training diverged in epoch {0} (the cost became infinite); the weights of "
                              "the last good epoch are kept. Try a smaller learning rate").format(report.epoch)
    if report.event == "stopped":
        if report.batch:
            return QCoreApplication.translate(
                "TrainingWorker", "Training stopped in epoch {0}, after mini-batch {1}").format(
                report.epoch, numbers.integer(report.batch))
        return QCoreApplication.translate(
            "TrainingWorker", "Training stopped at the start of epoch {0}").format(report.epoch)
    return ending


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


def start_in_thread(worker: QObject, on_thread_finished: Callable[[], None] | None = None,
                    *more_on_thread_finished: Callable[[], None]) -> QThread:
    """Move ``worker`` (which has a ``run`` slot and a ``finished`` signal) to a new
    QThread, wire it, and start it.

    ``thread.started -> worker.run`` and ``worker.finished -> thread.quit`` (a direct
    connection, so that the thread ends even while the GUI thread waits for it).
    ``on_thread_finished`` (a bound method of a GUI-thread QObject) is connected to
    ``thread.finished`` *before* the thread starts, so it cannot be missed however quickly
    the work ends. The caller keeps its references to the thread and the worker until
    then; there it calls ``thread.wait()`` (``finished`` is emitted just before the thread
    ends; the wait lasts microseconds) and drops both, which frees them: Python owns
    them. (Qt's ``deleteLater`` wiring is not used: a deferred delete racing with the
    Python wrappers' own clean-up crashed the app when a run ended.)
    """
    thread = QThread()
    worker.moveToThread(thread)
    thread.started.connect(worker.run)
    # Direct: quit() is thread-safe, and a queued call would wait for the GUI thread, which
    # may be blocked in thread.wait() (at quit) and never run it.
    worker.finished.connect(thread.quit, Qt.ConnectionType.DirectConnection)
    for slot in (on_thread_finished, *more_on_thread_finished):
        if slot is not None:
            thread.finished.connect(slot)
    thread.start()
    return thread


class ThreadReaper(QObject):
    """Keeps each background thread (and its worker) referenced until the thread has ended,
    so that a view closed or garbage-collected mid-work never destroys a running QThread
    (Qt aborts the process when one is); asks them to stop and waits for them at quit.

    One per application (:meth:`get`). Used for the Browse view's scoring and the Train
    view's estimate."""

    _instance: ThreadReaper | None = None

    def __init__(self, parent: QObject):
        super().__init__(parent)
        self._jobs: list[tuple[QThread, QObject]] = []
        QCoreApplication.instance().aboutToQuit.connect(self.stop_all)
        atexit.register(self.stop_all)  # also when the event loop never ran (scripts, tests)

    @classmethod
    def get(cls) -> ThreadReaper:
        """The application's reaper, made on first use."""
        if cls._instance is None:
            cls._instance = cls(QCoreApplication.instance())
        return cls._instance

    def start(self, worker: QObject, on_thread_finished: Callable[[], None] | None = None) -> QThread:
        """:func:`start_in_thread`, the thread kept until it has ended; ``on_thread_finished``
        (the caller's slot, if any) is connected as well."""
        thread = start_in_thread(worker, self._on_thread_finished, on_thread_finished)
        self._jobs.append((thread, worker))
        return thread

    @Slot()
    def _on_thread_finished(self) -> None:
        for job in [job for job in self._jobs if job[0].isFinished()]:
            job[0].wait()
            self._jobs.remove(job)

    @Slot()
    def stop_all(self) -> None:
        """Ask every worker that can stop to stop, and wait for their threads (at quit: a
        fraction of a second)."""
        for _, worker in self._jobs:
            stop = getattr(worker, "stop", None)
            if stop is not None:
                stop()
        for thread, _ in self._jobs:
            thread.wait()
        self._jobs.clear()

    def running(self) -> int:
        """Threads not yet seen to end."""
        return sum(1 for thread, _ in self._jobs if not thread.isFinished())

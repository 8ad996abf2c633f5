"""TrainingController: the one owner of the training thread.

It starts a :class:`~mnist_gui.worker.TrainingWorker` in its own ``QThread`` and steers it
through a :class:`core.sgd.TrainingControl` (pause, resume, stop, a new learning rate),
which ``train()`` reads between mini-batches: no queued slot has to reach a worker whose
event loop is busy, and the worker's inner loop makes no call into Qt. Each run is
recorded in the :class:`~mnist_gui.session.Session`; progress is re-emitted as signals
for the views. Nothing else touches the thread.
"""

from __future__ import annotations

import math
import sys
from dataclasses import replace

from PySide6.QtCore import QObject, QThread, Signal, Slot

from core.sgd import TrainConfig, TrainingControl, TrainingReport
from mnist_gui.session import Run, Session
from mnist_gui.worker import TrainingWorker, start_in_thread

#: Seconds a thread may hold the GIL while another one waits for it (see ``TrainingController``).
SWITCH_INTERVAL = 0.001

#: Events whose report covers only part of a cost window (not drawn as a cost point).
_PARTIAL_WINDOW = ("paused", "stopped", "diverged")


class TrainingController(QObject):
    """Start, pause, resume and stop training runs; change their learning rate.

    Parameters
    ----------
    session : Session
        Receives each run (:meth:`Session.add_run`, :meth:`Session.end_run`) and, epoch by
        epoch, the network trained so far (:meth:`Session.set_preview`).
    report_samples : int
        A cost point about every this many training samples (see ``TrainingWorker``).
    parent : QObject, optional

    Signals
    -------
    started(Run)
        A run started; the Run is in ``session.runs``.
    progress(TrainingReport)
        Every report of the run (a few to a few dozen a second).
    state_changed(str)
        The state became ``"idle"``, ``"running"``, ``"stepping"`` (running to the end of
        the epoch, then pausing again), ``"paused"``, ``"stopping"`` or ``"evaluating"``
        (the run is over; its network is being evaluated on the test split).
    learning_rate_changed(float, float)
        The user changed eta: where (epoch, fractional) and the new value. Also recorded
        in ``run.learning_rate_changes``.
    finished(Run)
        The run ended (completed, stopped, diverged or failed): ``run.ending`` says how,
        ``run.model`` is its network (None if no epoch completed). Emitted once the
        thread has ended, so :attr:`is_running` is already False.
    failed(str)
        Training raised an exception (the message); ``finished`` follows.
    """

    started = Signal(object)
    progress = Signal(object)
    state_changed = Signal(str)
    learning_rate_changed = Signal(float, float)
    finished = Signal(object)
    failed = Signal(str)

    def __init__(self, session: Session, report_samples: int = 5000, parent: QObject | None = None):
        super().__init__(parent)
        # The GUI thread and the training thread share the GIL. When the GUI thread wants it
        # (to paint, or run a slot), it waits until the training thread lets go: at the latest
        # after the switch interval, 5 ms by default, and a paint asks for it again after every
        # call into Qt. At 1 ms the window's largest stalls during a run went from 77-84 ms
        # to 53-58 ms, at the same training speed (benchmarks/gui_responsiveness.py).
        sys.setswitchinterval(min(sys.getswitchinterval(), SWITCH_INTERVAL))
        self._session = session
        self._report_samples = report_samples
        self._thread: QThread | None = None
        self._worker: TrainingWorker | None = None
        self._control: TrainingControl | None = None
        self._run: Run | None = None
        self._result: tuple | None = None  # (model, evaluation, ending) from the worker
        self._failure: str | None = None
        self._discarded = False
        self._state = "idle"
        self._last_x = 0.0  # where the run is (epoch, fractional), from its latest report
        self._epoch_started_at = (0, 0.0)  # (epoch, report.seconds) of the epoch's first report
        self.samples_per_second: float | None = None
        self.seconds_left: float | None = None

    # -- state ----------------------------------------------------------------------------

    @property
    def state(self) -> str:
        """``"idle"``, ``"running"``, ``"paused"``, ``"stopping"`` or ``"evaluating"``."""
        return self._state

    @property
    def is_running(self) -> bool:
        """True from :meth:`start` until the training thread has ended (paused included)."""
        return self._thread is not None

    @property
    def is_paused(self) -> bool:
        """True between :meth:`pause` and :meth:`resume` (the run waits between mini-batches)."""
        return self._state == "paused"

    @property
    def is_active(self) -> bool:
        """True while a run can be paused, stepped or stopped (running, stepping or paused)."""
        return self._state in ("running", "stepping", "paused")

    @property
    def run(self) -> Run | None:
        """The run in progress, or None."""
        return self._run

    @property
    def epochs_done(self) -> int:
        """Epochs the run in progress has completed (0 if none is running)."""
        return len(self._run.history) if self._run is not None else 0

    def _set_state(self, state: str) -> None:
        if state != self._state:
            self._state = state
            self.state_changed.emit(state)

    # -- commands -------------------------------------------------------------------------

    def start(self, config: TrainConfig) -> Run:
        """Start training a new network with ``config`` (a seed is drawn if it has none).

        With ``config.add_own_digits``, the session's own digits (as they are now) are appended
        to the training rows (:func:`core.own_digits.add_to_training`, in the worker thread),
        and the run's ``n_train`` counts them.

        Returns the new :class:`Run`.

        Raises
        ------
        RuntimeError
            A run is already in progress, or no data set is loaded yet.
        ValueError
            The configuration cannot train on the data in use (see
            ``TrainConfig.check_training_size``); the message says why.
        """
        if self._thread is not None:
            raise RuntimeError(self.tr("A run is already in progress."))
        data = self._session.data
        if data is None or self._session.loading:
            raise RuntimeError(self.tr("The data is still loading; try again in a moment."))
        config = config.with_seed()
        config.check_training_size(config.train_size or len(data.train), available=len(data.train))
        own = self._session.own_digits if config.add_own_digits else None  # appended by the worker
        n_train = (config.train_size or len(data.train)) + (len(own) if own is not None else 0)
        config.check_training_size(n_train)  # the weight decay with the rows added
        self._control = TrainingControl()
        self._result = self._failure = None
        self._discarded = False
        self._run = self._session.add_run(config, n_train=n_train)
        self._last_x, self.samples_per_second, self.seconds_left = 0.0, None, None
        worker = TrainingWorker(config, data, self._control, report_samples=self._report_samples,
                                extra_training=own)
        worker.progress.connect(self._on_worker_progress)
        worker.snapshot.connect(self._on_worker_snapshot)
        worker.evaluating.connect(self._on_worker_evaluating)
        worker.trained.connect(self._on_worker_trained)
        worker.failed.connect(self._on_worker_failed)
        self._worker = worker
        self._thread = start_in_thread(worker, self._on_thread_finished)
        self._set_state("running")
        self.started.emit(self._run)
        return self._run

    def pause(self) -> None:
        """Pause the run after its current mini-batch; it waits without using the CPU."""
        if self._control is not None and self._state in ("running", "stepping"):
            self._control.pause()
            self._set_state("paused")

    def resume(self) -> None:
        """Resume a paused run."""
        if self._control is not None and self._state == "paused":
            self._control.resume()
            self._set_state("running")

    def step(self) -> None:
        """Let a paused run train to the end of its current epoch, then pause again."""
        if self._control is not None and self._state == "paused":
            self._control.step()
            self._set_state("stepping")

    def stop(self) -> None:
        """Stop the run after its current mini-batch (or at once if paused); it keeps the
        network trained so far if at least one epoch completed."""
        if self._control is not None and self._state in ("running", "stepping", "paused"):
            self._control.stop()
            self._set_state("stopping")

    def discard(self) -> None:
        """Stop the run and throw its network away: no copy, no evaluation (at quit)."""
        if self._worker is not None:
            self._discarded = True
            self._worker.discard()
            self._set_state("stopping")

    def hold(self) -> None:
        """Make the run wait between mini-batches until :meth:`release` (at most a quarter
        of a second; see :meth:`core.control.TrainingControl.hold`), while the GUI thread
        paints: otherwise the training thread takes the GIL back after every call into Qt,
        and a 3 ms paint of the plots took 20-25 ms during a run. Nothing without a run."""
        if self._control is not None and self._state in ("running", "stepping"):
            self._control.hold()

    def release(self) -> None:
        """End a :meth:`hold`."""
        if self._control is not None:
            self._control.release()

    def set_learning_rate(self, learning_rate: float) -> None:
        """Use a new eta from the run's next mini-batch on (the run records where).

        Raises
        ------
        RuntimeError
            No run is in progress.
        ValueError
            eta is out of range (0, 1000], or with the run's L2 lambda it would make the
            weight-decay factor 1 - eta * lambda / n zero or negative.
        """
        if self._control is None or self._run is None:
            raise RuntimeError(self.tr("No run is in progress."))
        config = self._run.config
        n = config.train_size or len(self._session.data.train)
        replace(config, learning_rate=learning_rate).check_training_size(n)  # ValueError if unusable
        self._control.set_learning_rate(learning_rate)
        change = {"x": self._last_x, "learning_rate": float(learning_rate)}
        self._run.learning_rate_changes.append(change)
        self.learning_rate_changed.emit(change["x"], change["learning_rate"])

    # -- from the worker (queued to the GUI thread) ---------------------------------------

    @Slot(object)
    def _on_worker_progress(self, report: TrainingReport) -> None:
        run = self._run
        if run is None:
            return
        x = report.epoch - 1 + report.batch / report.n_batches
        self._last_x = x
        # A pause, a stop or a divergence reports a partial window (a few mini-batches):
        # its mean is noisy and drew a spike at the end of a stopped run. After a pause the
        # window goes on, and its next report covers all of it.
        if report.batch and report.event not in _PARTIAL_WINDOW and math.isfinite(report.recent_cost):
            run.cost_points.append((x, report.recent_cost))
        if report.end_of_epoch:
            run.history.append(report.history_row())  # the same row the model's history gets
        if report.event == "diverged":
            run.diverged_at = (x, report.validation_accuracy if report.validation_accuracy is not None else None)
        if report.event == "paused" and self._state == "stepping":
            self._set_state("paused")
        self._update_timing(report)
        self.progress.emit(report)

    def _update_timing(self, report: TrainingReport) -> None:
        """Samples per second in the current epoch, and the time left in the run (s)."""
        if report.batch == 0 or report.seconds <= 0:
            return
        if not report.end_of_epoch:  # an epoch's end includes its evaluation: not a training rate
            m = min(self._run.config.batch_size, self._run.n_train or 1)
            self.samples_per_second = min(report.batch * m, self._run.n_train or report.batch * m) / report.seconds
        history = self._run.history
        if history:  # whole epochs, their evaluation included
            epoch_seconds = sum(row["seconds"] for row in history) / len(history)
        else:  # the first epoch so far, scaled to all its mini-batches
            epoch_seconds = report.seconds / report.batch * report.n_batches
        done = report.epoch - 1 + report.batch / report.n_batches
        self.seconds_left = max(0.0, (report.n_epochs - done) * epoch_seconds)

    @Slot(object)
    def _on_worker_snapshot(self, model) -> None:
        if self._state != "stopping":
            self._session.set_preview(model)

    @Slot()
    def _on_worker_evaluating(self) -> None:
        if not self._discarded:
            self._set_state("evaluating")

    @Slot(object, object, str)
    def _on_worker_trained(self, model, evaluation, ending: str) -> None:
        self._result = (model, evaluation, ending)

    @Slot(str)
    def _on_worker_failed(self, message: str) -> None:
        self._failure = message
        self.failed.emit(message)

    @Slot()
    def _on_thread_finished(self) -> None:
        run = self._run
        self._thread.wait()  # finished() comes just before the thread ends: let it end (see start_in_thread)
        self._thread = self._worker = self._control = self._run = None
        if self._failure is not None:
            ending, model, evaluations = self.tr("Training failed: {0}").format(self._failure), None, None
        elif self._discarded:
            ending, model, evaluations = self.tr("Discarded: the window was closed during the run"), None, None
        elif self._result is not None:
            model, evaluation, ending = self._result
            evaluations = None if evaluation is None else {"test": evaluation}
        else:  # stopped before the first mini-batch, or discarded
            ending, model, evaluations = self.tr("Stopped before any training"), None, None
        self._result = self._failure = None
        self._session.end_run(run, ending, model, evaluations)
        self._set_state("idle")
        self.finished.emit(run)

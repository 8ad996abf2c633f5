"""Steering a training run from another thread: pause, resume, stop, a new learning rate.

:func:`core.sgd.train` is a generator that knows nothing of threads. A GUI (or the
command line's Ctrl-C handler) keeps a :class:`TrainingControl` and calls its methods from
any thread; ``train`` looks at it between every two mini-batches. The look costs one
attribute read (:attr:`TrainingControl.pending`), not a lock, so that it stays invisible
next to an SGD step of some tens of microseconds; the lock is taken only when something
was asked. A paused run waits on a condition variable, so it uses no CPU until it is
resumed, stepped or stopped (superqt's ``GeneratorWorker`` offers the same three verbs; a
step, one more epoch and then a pause again, is a debugger's "step over" for training).
"""

from __future__ import annotations

import math
import numbers
import threading

__all__ = ["TrainingControl", "check_learning_rate"]

#: Longest a :meth:`TrainingControl.hold` keeps a run waiting (s).
MAX_HOLD_SECONDS = 0.25

#: Largest learning rate accepted, as in :meth:`core.sgd.TrainConfig.validate`.
MAX_LEARNING_RATE = 1000.0


def check_learning_rate(eta) -> float:
    """``eta`` as a float, if it is a usable learning rate: finite, above 0, at most 1000.

    Raises
    ------
    ValueError
        Otherwise; the message names the value and the range (the same message as
        :class:`core.sgd.TrainConfig` gives).
    """
    ok = (isinstance(eta, numbers.Real) and not isinstance(eta, bool)  # numpy's bool_ is not Real
          and math.isfinite(eta) and 0 < eta <= MAX_LEARNING_RATE)
    if not ok:
        raise ValueError(f"learning rate (eta) must be a number above 0 and at most 1000, got {eta!r}.")
    return float(eta)


class TrainingControl:
    """Requests to a running :func:`core.sgd.train`, safe to make from any thread.

    Make one per run and pass it as ``train(..., control=control)``. Each request takes
    effect at ``train``'s next check, which comes before every mini-batch:

    - :meth:`pause`: ``train`` yields a report with event ``"paused"``, then blocks without
      using the CPU until :meth:`resume`, :meth:`step` or :meth:`stop`. Paused time does
      not count in the epoch's ``seconds``.
    - :meth:`step` (when paused): the run goes on to the end of the current epoch, yields
      that epoch's closing report (with its accuracies) and then pauses again before the
      next epoch's first mini-batch (a ``"paused"`` report with ``batch`` 0). If that was
      the last epoch, the run simply ends.
    - :meth:`stop`: the run ends, as ``should_stop`` returning True does; it also wakes a
      paused run. A stopped control stays stopped.
    - :meth:`hold` / :meth:`release`: the run waits between two mini-batches, briefly and
      without a report, while another thread (a GUI painting) needs the GIL.
    - :meth:`set_learning_rate`: the next mini-batch uses the new eta (if the weight
      decay allows it; see :func:`core.sgd.train`).

    Examples
    --------
    >>> control = TrainingControl()
    >>> control.pause(); control.paused
    True
    >>> control.step(); (control.paused, control.stepping)
    (False, True)
    >>> control.resume(); control.stop(); (control.paused, control.stepping, control.stopped)
    (False, False, True)
    """

    def __init__(self):
        self._condition = threading.Condition()  # guards the fields below; a paused run waits on it
        self._paused = False
        self._stopped = False
        self._stepping = False  # running to the end of the epoch, to pause there
        self._learning_rate: float | None = None  # asked for, not yet taken by train()
        self._held = False  # the caller asked the run to wait a moment (see hold())
        #: True when a request awaits ``train``: the one thing it reads per mini-batch. Set
        #: (under the lock) after the request itself, cleared by :meth:`take_learning_rate`
        #: before the requests are read, so that no request is missed.
        self.pending = False

    def __repr__(self) -> str:
        return f"TrainingControl(paused={self._paused}, stepping={self._stepping}, stopped={self._stopped})"

    @property
    def paused(self) -> bool:
        """True between :meth:`pause` and :meth:`resume` (whether or not ``train`` has
        reached its pause yet)."""
        return self._paused

    @property
    def stepping(self) -> bool:
        """True from :meth:`step` until the run reaches the end of that epoch (or
        :meth:`pause`, :meth:`resume` or :meth:`stop` is called first)."""
        return self._stepping

    @property
    def stopped(self) -> bool:
        """True once :meth:`stop` was called."""
        return self._stopped

    def pause(self) -> None:
        """Ask the run to pause before its next mini-batch (this also ends a step)."""
        with self._condition:
            self._paused = True
            self._stepping = False
            self.pending = True

    def resume(self) -> None:
        """Let a paused run go on (nothing happens if it is not paused); a run that is
        stepping goes on past the end of its epoch."""
        with self._condition:
            self._paused = False
            self._stepping = False
            self._condition.notify_all()

    def step(self) -> None:
        """Let a paused run train to the end of its current epoch, then pause again.

        ``train`` yields the epoch's closing report and then, before the next epoch's
        first mini-batch, a ``"paused"`` report with ``batch`` 0. If the epoch was the
        run's last, the run ends as usual. :meth:`stop` during a step stops the run;
        :meth:`pause` pauses it where it is. Does nothing if the run is not paused.
        """
        with self._condition:
            if not self._paused or self._stopped:
                return
            self._paused = False
            self._stepping = True
            self._condition.notify_all()

    def stop(self) -> None:
        """Ask the run to end before its next mini-batch, or now if it is paused."""
        with self._condition:
            self._stopped = True
            self._stepping = False
            self.pending = True
            self._condition.notify_all()

    @property
    def held(self) -> bool:
        """True between :meth:`hold` and :meth:`release`."""
        return self._held

    def hold(self) -> None:
        """Ask the run to wait before its next mini-batch until :meth:`release` (at most
        :data:`MAX_HOLD_SECONDS`), without a report.

        For a GUI that shares Python's GIL with the training thread: while it paints, a
        run that keeps taking the GIL back makes every one of the painter's calls into Qt
        wait for it (a 3 ms paint took 20-25 ms during training). Held, the run sleeps on a
        condition variable instead, and the paint is over in its own time. A run in the
        middle of a long mini-batch simply goes on: the hold is checked between
        mini-batches, and a release that comes first leaves nothing to wait for.
        """
        with self._condition:
            self._held = True
            self.pending = True

    def release(self) -> None:
        """End a :meth:`hold` (nothing happens without one)."""
        with self._condition:
            self._held = False
            self._condition.notify_all()

    def wait_while_held(self) -> bool:
        """Block, without using the CPU, while held and not stopped, at most
        :data:`MAX_HOLD_SECONDS` (a forgotten release cannot stop a run).

        Returns
        -------
        bool
            True to go on training, False if the run was stopped.
        """
        with self._condition:
            self._condition.wait_for(lambda: not self._held or self._stopped, timeout=MAX_HOLD_SECONDS)
            self._held = False
            return not self._stopped

    def set_learning_rate(self, eta: float) -> None:
        """Ask for learning rate ``eta`` from the next mini-batch on.

        If several arrive between two mini-batches, the last one counts. ``train`` may
        still refuse a value whose weight decay 1 - eta * lambda / n would not stay above 0
        (its next report then has event ``"learning rate refused"``).

        Raises
        ------
        ValueError
            ``eta`` is not a finite number in (0, 1000]; the message names it and the range.
        """
        eta = check_learning_rate(eta)
        with self._condition:
            self._learning_rate = eta
            self.pending = True

    # -- for train() -------------------------------------------------------------------

    def take_learning_rate(self) -> float | None:
        """The learning rate asked for since the last call, or None; clears :attr:`pending`.

        ``train`` calls this first when it sees :attr:`pending`, then reads
        :attr:`stopped` and :attr:`paused`.
        """
        with self._condition:
            self.pending = False
            eta, self._learning_rate = self._learning_rate, None
            return eta

    def end_step(self, more_epochs: bool) -> None:
        """At the end of an epoch: if stepping, stop stepping and, if ``more_epochs``
        follow, pause before the next mini-batch (sets :attr:`pending`).

        ``train`` calls this once per epoch, before it yields the epoch's closing report, so
        that the report's reader already sees :attr:`paused`.
        """
        if not self._stepping:  # the usual case, without the lock: only step() sets it
            return
        with self._condition:
            if not self._stepping:
                return
            self._stepping = False
            if more_epochs and not self._stopped:
                self._paused = True
                self.pending = True

    def wait_while_paused(self) -> bool:
        """Block, without using the CPU, while paused and not stopped.

        Returns
        -------
        bool
            True to go on training, False if the run was stopped.
        """
        with self._condition:
            while self._paused and not self._stopped:
                self._condition.wait()
            return not self._stopped

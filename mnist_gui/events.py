"""Spreading GUI-thread work over several events of the event loop."""

from __future__ import annotations

from collections import deque
from collections.abc import Callable

import shiboken6
from PySide6.QtCore import QObject, QTimer

STEP_GAP_MS = 1
"""Milliseconds between two steps of :func:`call_in_turn`."""


class _Turns(QObject):
    """One queue of steps for the whole GUI thread, served one step per timer event."""

    def __init__(self):
        super().__init__()
        self.queue: deque[tuple[QObject, Callable[[], object]]] = deque()
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(STEP_GAP_MS)  # under 20 ms, Qt makes a timer precise
        self.timer.timeout.connect(self.serve)

    def add(self, context: QObject, steps) -> None:
        self.queue.extend((context, step) for step in steps)
        if not self.timer.isActive():
            self.timer.start()

    def serve(self) -> None:
        while self.queue:
            context, step = self.queue.popleft()
            if shiboken6.isValid(context):  # a destroyed context's steps are dropped
                try:
                    step()
                finally:
                    if self.queue:
                        self.timer.start()
                return


_turns: _Turns | None = None


def call_in_turn(context: QObject, *steps: Callable[[], object]) -> None:
    """Call each of ``steps`` in an event of its own, in order, from the event loop.

    Work done in one slot is one stall of the window; in steps, timers, input and paints
    are served between them. All callers share one queue (steps of two chains queued at
    once alternate with the event loop, never run back to back), served by a timer of
    ``STEP_GAP_MS``, not a zero timer: Qt 6 delivers a zero timer as a posted event, and
    posted events queued while others are delivered run in the same pass, before any
    timer or repaint, so a chain of zero timers was one stall after all. Steps whose
    ``context`` has been destroyed are dropped.
    """
    global _turns
    if steps:
        if _turns is None or not shiboken6.isValid(_turns):
            _turns = _Turns()
        _turns.add(context, steps)

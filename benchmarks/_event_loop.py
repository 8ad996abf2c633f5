"""Waiting on Qt's event loop in the GUI benchmarks (``soak.py``, ``gui_responsiveness.py``).

A benchmark that drives the real window must let the event loop run while it waits (queued
signals from the training thread, repaints, deferred deletes), never ``time.sleep``. These two
functions run a nested :class:`QEventLoop` polled by a :class:`QTimer`.
"""

from __future__ import annotations

import time

from PySide6.QtCore import QEventLoop, QTimer


class Timeout(Exception):
    """A wait ran past its limit."""


def wait_for(condition, timeout: float, what: str, poll_ms: int = 5) -> float:
    """Run the event loop until ``condition()`` is true.

    ``condition`` is a callable of no argument, polled every ``poll_ms`` milliseconds;
    ``timeout`` is in seconds; ``what`` names the wait in the error. Returns the seconds
    waited (0.0 if the condition already held). Raises :class:`Timeout` after ``timeout`` s.
    """
    started = time.perf_counter()
    if condition():
        return 0.0
    loop = QEventLoop()
    timed_out = []

    def check():
        """Quit the loop once the condition holds or the time is up."""
        if condition():
            loop.quit()
        elif time.perf_counter() - started > timeout:
            timed_out.append(True)
            loop.quit()

    poll = QTimer()
    poll.setInterval(poll_ms)
    poll.timeout.connect(check)
    poll.start()
    loop.exec()
    poll.stop()
    if timed_out:
        raise Timeout(f"waited {timeout:.0f} s for {what}")
    return time.perf_counter() - started


def pump(seconds: float, poll_ms: int = 5) -> None:
    """Let the event loop run for ``seconds`` (queued signals, repaints, deferred deletes),
    waking every ``poll_ms`` milliseconds."""
    end = time.perf_counter() + seconds
    wait_for(lambda: time.perf_counter() >= end, seconds + 10, "the event loop", poll_ms=poll_ms)

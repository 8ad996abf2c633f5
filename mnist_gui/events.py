"""Spreading GUI-thread work over several events of the event loop."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer


def call_in_turn(context: QObject, *steps: Callable[[], object]) -> None:
    """Call each of ``steps`` in an event of its own, in order, from the event loop.

    Work done in one slot is one stall of the window; in steps, timers, input and paints
    are served between them. The chain stops if ``context`` is destroyed first (Qt's
    context-object form of ``QTimer.singleShot``).
    """
    if steps:
        def step():
            steps[0]()
            call_in_turn(context, *steps[1:])
        QTimer.singleShot(0, context, step)

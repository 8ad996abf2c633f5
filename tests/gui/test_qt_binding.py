"""Guards against Qt-binding bugs that would crash the app in a long session."""

import sys

from PySide6.QtCore import QObject, Signal


class _Emitter(QObject):
    changed = Signal(object)


def test_emitting_unconnected_signals_does_not_leak_references_to_true(qtbot):
    # PySide6 6.12.0 decrements True's reference count on every emit of a signal nobody is
    # connected to; pyqtgraph emits such signals on every setData, so a live plot eventually
    # aborts Python 3.11 ("bool_dealloc"). pyproject.toml excludes that release.
    emitter = _Emitter()
    before = sys.getrefcount(True)
    for _ in range(200):
        emitter.changed.emit(None)
    assert abs(sys.getrefcount(True) - before) < 20

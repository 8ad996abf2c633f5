"""Fixtures for the Qt tests: isolated settings, a main window with data loaded, small data."""

from dataclasses import replace

import pytest
from PySide6.QtCore import QSettings

from core.datasets import DataSplit


@pytest.fixture(scope="session", autouse=True)
def gui_thread_gc(qapp):
    """As in the app: the cyclic garbage collector runs in the GUI thread only (see
    ``mnist_gui.__main__.collect_garbage_in_gui_thread``; a collection in a training thread
    of a previous test's window deadlocked a test)."""
    import gc

    from mnist_gui.__main__ import collect_garbage_in_gui_thread

    collector = collect_garbage_in_gui_thread()
    yield collector
    collector.timer.stop()
    gc.enable()


@pytest.fixture(scope="session", autouse=True)
def standard_paths_in_test_mode():
    """QStandardPaths give Qt's test folders (``~/.qttest``...), never the user's own data
    folder, where the app keeps "my digits" (tests that save digits pass a temporary one)."""
    from PySide6.QtCore import QStandardPaths

    QStandardPaths.setTestModeEnabled(True)
    yield
    QStandardPaths.setTestModeEnabled(False)


@pytest.fixture
def settings(tmp_path):
    """QSettings in a temporary INI file, so tests never touch the user's settings."""
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def session(qtbot, mnist, tmp_path):
    """A session with the real MNIST and the bundled network, set synchronously, and its own
    digits in a temporary folder; a correction in progress is waited for at the end."""
    from core.paths import default_model_path
    from mnist_gui.session import Session

    s = Session(own_digits_dir=tmp_path / "my digits")
    s.set_data(mnist)
    s.open_model(default_model_path())
    yield s
    if s.correcting:
        qtbot.waitUntil(lambda: not s.correcting, timeout=30_000)
    s.wait_for_loading()


@pytest.fixture
def window(qtbot, settings, monkeypatch):
    """The main window with the bundled model and MNIST loaded; error boxes are recorded,
    not shown (a modal box would block the test)."""
    from mnist_gui.main_window import MainWindow

    errors = []
    monkeypatch.setattr(MainWindow, "_show_error", lambda self, title, text: errors.append((title, text)))
    monkeypatch.setattr(MainWindow, "_confirm_close", lambda self: True)  # no modal question at teardown
    w = MainWindow(settings=settings)
    w.errors = errors
    qtbot.addWidget(w)
    w.show()
    qtbot.waitUntil(lambda: w.session.data is not None and not w.session.loading, timeout=20_000)
    return w


def _head(split: DataSplit, n: int) -> DataSplit:
    return DataSplit(X=split.X[:n], y=split.y[:n], images=split.images[:n])


@pytest.fixture(scope="session")
def small_mnist(mnist):
    """Real MNIST cut down: 2,000 training, 500 validation and 500 test images."""
    return replace(mnist, train=_head(mnist.train, 2000), validation=_head(mnist.validation, 500),
                   test=_head(mnist.test, 500))

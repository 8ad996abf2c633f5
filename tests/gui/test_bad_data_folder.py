"""A data folder that cannot be loaded at start falls back to the bundled MNIST, however quickly
the message box about it is answered (issue 11: an instantly answered box left the app with no
data, because the fallback was tried while the failed load's thread was still ending)."""

import time

import pytest
from PySide6.QtCore import Slot
from PySide6.QtWidgets import QFileDialog, QMessageBox

from core.datasets import ROLES
from core.paths import default_data_dir
from mnist_gui.worker import CallWorker


class SlowToEnd(CallWorker):
    """A loading worker whose thread ends a moment after it reports a failure, as on a busy
    machine: the GUI thread gets the failure (and the answered box) before the thread ends."""

    @Slot()
    def run(self) -> None:
        try:
            self.done.emit(self._function())
        except Exception as exc:  # noqa: BLE001 (as CallWorker does)
            self.failed.emit(str(exc))
            time.sleep(0.3)
        finally:
            self.finished.emit()


@pytest.fixture(params=["thread-ends-at-once", "thread-ends-late"])
def thread_end(request, monkeypatch):
    """The loading thread's end, at once or after the GUI has handled the failure."""
    if request.param == "thread-ends-late":
        monkeypatch.setattr("mnist_gui.session.CallWorker", SlowToEnd)
    return request.param


@pytest.fixture
def answered_at_once(monkeypatch):
    """QMessageBox.warning answers at once (no modal loop); the messages are recorded."""
    shown = []

    def warning(parent, title, text, *args, **kwargs):
        shown.append((title, text))
        return QMessageBox.StandardButton.Ok

    monkeypatch.setattr(QMessageBox, "warning", staticmethod(warning))
    return shown


def _window(qtbot, settings, monkeypatch, **kwargs):
    from mnist_gui.main_window import MainWindow

    monkeypatch.setattr(MainWindow, "_confirm_close", lambda self: True)  # no modal question at teardown
    w = MainWindow(settings=settings, **kwargs)
    qtbot.addWidget(w)
    return w


def _bad_folders(tmp_path):
    """An empty folder, a missing one, and one whose training images are damaged gzip."""
    empty = tmp_path / "empty"
    empty.mkdir()
    damaged = tmp_path / "damaged"
    damaged.mkdir()
    for role, name in zip(ROLES, ("train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz",
                                  "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz"), strict=True):
        (damaged / name).write_bytes((default_data_dir() / name).read_bytes()[:5000] if role == "train_images"
                                     else (default_data_dir() / name).read_bytes())
    return {"empty": empty, "missing": tmp_path / "gone", "damaged": damaged}


@pytest.mark.parametrize("kind", ["empty", "damaged"])
def test_a_bad_data_folder_on_the_command_line_falls_back_to_the_bundled_mnist(
        qtbot, settings, monkeypatch, tmp_path, answered_at_once, thread_end, kind):
    folder = _bad_folders(tmp_path)[kind]
    w = _window(qtbot, settings, monkeypatch, data_dir=folder)
    qtbot.waitUntil(lambda: w.session.data is not None and not w.session.loading, timeout=30_000)
    assert w.session.data.directory == default_data_dir()
    assert len(answered_at_once) == 1
    title, text = answered_at_once[0]
    assert title == "Cannot load data"
    assert str(folder) in text and "bundled MNIST" in text


def test_a_remembered_bad_folder_falls_back_and_is_forgotten(qtbot, settings, monkeypatch, tmp_path,
                                                             answered_at_once, thread_end):
    settings.setValue("paths/data_dir", str(tmp_path / "gone"))
    w = _window(qtbot, settings, monkeypatch)
    qtbot.waitUntil(lambda: w.session.data is not None and not w.session.loading, timeout=30_000)
    assert w.session.data.directory == default_data_dir()
    assert settings.value("paths/data_dir", None) is None
    assert len(answered_at_once) == 1


def test_a_bad_folder_chosen_later_keeps_the_data_in_use(qtbot, settings, monkeypatch, tmp_path, answered_at_once,
                                                         thread_end):
    w = _window(qtbot, settings, monkeypatch)
    qtbot.waitUntil(lambda: w.session.data is not None and not w.session.loading, timeout=30_000)
    before = w.session.data
    folder = _bad_folders(tmp_path)["damaged"]
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", staticmethod(lambda *args, **kwargs: str(folder)))
    w.open_data_action.trigger()  # File > Open Data Folder…
    qtbot.waitUntil(lambda: not w.session.loading and bool(answered_at_once), timeout=30_000)
    qtbot.wait(400)  # any fallback would have started by now
    assert w.session.data is before and not w.session.loading
    assert "unchanged" in answered_at_once[-1][1] and "train-images" in answered_at_once[-1][1]
    assert settings.value("paths/data_dir", None) is None  # the bad folder is not remembered

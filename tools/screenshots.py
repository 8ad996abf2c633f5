"""Make the README's screenshots of the real main window: ``python tools/screenshots.py``.

The window is :class:`mnist_gui.main_window.MainWindow`, built as ``mnist_gui/__main__.py``
builds it (organisation and application name, pyqtgraph's configuration, the garbage
collector in the GUI thread) with the bundled MNIST and the bundled network, offscreen
(``QT_QPA_PLATFORM=offscreen``, set here whatever the environment says), at a fixed size
(1280 x 800). The user's settings and data are never read or written: ``XDG_CONFIG_HOME``
and ``XDG_DATA_HOME`` point to a temporary folder, the window's settings are an INI file in
it, and so are its own digits. Each picture is ``QWidget.grab()`` of the whole window:

- ``draw.png``: a handwritten-looking 4 drawn on the canvas stroke by stroke, through the
  canvas's own API (:meth:`DrawingCanvas.add_stroke`, what a mouse drag does), with the
  answer, the preprocessing steps and the output activations;
- ``browse.png``: the misclassified test images, the most confidently wrong first, one of
  them selected, with its detail and "what the network saw";
- ``confusion.png``: the same with the confusion matrix's tab in front, its cell
  (true 4, predicted 9) listed; ``map.png``: the map tab;
- ``train.png``: after two real runs through the Train view's form and its Train button
  (784-30-10 for 10 epochs on all 50,000 training images, with the quadratic cost, then with
  cross-entropy), the bundled network's saved history hidden (its row unticked, its 85 epochs would squeeze
  the new curves): the curves, the runs table,
  the weights of the first layer.

Each waits for what it shows (the answer, the scores of the test images, the map, the
runs' ``finished`` signal and the Train view's last steps) in Qt's event loop, never with a
sleep. Runs are seeded, so the pictures are the same from one run of the script to the
next (up to the timings the Train view prints).

Options: ``--out DIR`` (default ``docs/screenshots`` of the repository), ``--quick`` (one
run of 1 epoch on 1,000 images, for the tests), ``--lang fr`` (the French translation,
``resources/i18n/mnist_gui_fr.qm``, into ``docs/screenshots/fr`` by default; exit code 2 if
it is missing), ``--size WxH``. Prints each file written; exit code 0, or 1 with a
one-line message if something fails (2 for a bad command line).

Regenerate the pictures after any change to the views: they are committed because the
README shows them. The app is imported from this clone (the views as they are in the working
tree, even if an older version is installed); ``pip install .`` or ``pip install -e .`` in a
virtual environment gives the libraries it needs. ``tools/`` is not a package and is not
installed.
"""

from __future__ import annotations

import argparse
import itertools
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_OUT = ROOT / "docs" / "screenshots"
SIZE = (1280, 800)
#: What to wait for at most, in seconds, before giving up with a message.
TIMEOUT = 120.0
#: The runs of train.png: (cost, init, eta) of a 784-30-10 network, in the order trained.
RUNS = (("quadratic", "normal", 3.0), ("cross-entropy", "scaled", 0.5))
EPOCHS = 10
#: The confusion matrix's cell listed in confusion.png: (true, predicted).
CELL = (4, 9)


class ScreenshotError(Exception):
    """Something the pictures need did not happen (a wait ran out, a run failed, ...)."""


def handwritten_four() -> list[list[tuple[float, float]]]:
    """A 4 as a hand draws it on the 280 x 280 canvas: a slanted down-stroke turning into the
    bar, then the stem, each a list of (x, y) canvas pixels a few pixels apart, as mouse
    events come, with a slight wobble (fixed, so the drawing is always the same)."""
    import numpy as np

    def path(corners, step=4.0, wobble=1.6, phase=0.0):
        """Points every ``step`` pixels along the lines through ``corners``, wobbled."""
        points = []
        for (x0, y0), (x1, y1) in itertools.pairwise(corners):
            n = max(2, int(np.hypot(x1 - x0, y1 - y0) / step))
            t = np.linspace(0.0, 1.0, n, endpoint=False)
            points += list(zip(x0 + (x1 - x0) * t, y0 + (y1 - y0) * t))
        points.append(corners[-1])
        xy = np.array(points, dtype=float)
        k = np.arange(len(xy))
        xy[:, 0] += wobble * np.sin(k / 5.0 + phase)
        xy[:, 1] += wobble * np.cos(k / 7.0 + phase)
        return [(float(x), float(y)) for x, y in xy]

    down_and_bar = path([(132, 52), (110, 100), (84, 152), (90, 160), (150, 158), (206, 152)])
    stem = path([(176, 78), (172, 140), (168, 200), (166, 238)], phase=1.0)
    return [down_and_bar, stem]


def parse_args(argv):
    """The command line (see the module docstring); argparse exits with 2 on a bad one."""
    parser = argparse.ArgumentParser(prog="tools/screenshots.py", description=__doc__.splitlines()[0])
    parser.add_argument("--out", metavar="DIR", help="folder for the PNGs (default docs/screenshots, "
                                                     "or its fr/ subfolder with --lang fr)")
    parser.add_argument("--quick", action="store_true",
                        help="train one tiny run (1 epoch, 1,000 images) instead of two real ones: for the tests")
    parser.add_argument("--lang", choices=("en", "fr"), default="en",
                        help="language of the window (fr needs resources/i18n/mnist_gui_fr.qm)")
    parser.add_argument("--size", default=f"{SIZE[0]}x{SIZE[1]}", metavar="WxH",
                        help=f"window size in pixels (default {SIZE[0]}x{SIZE[1]})")
    args = parser.parse_args(argv)
    try:
        width, height = (int(v) for v in args.size.lower().split("x"))
    except ValueError:
        parser.error(f"--size must be WIDTHxHEIGHT, e.g. 1280x800, not {args.size!r}")
    if width < 800 or height < 600:
        parser.error("--size must be at least 800x600 (the window's smallest size)")
    args.size = (width, height)
    return args


def translation_file(lang: str) -> Path | None:
    """The compiled translation for ``lang`` (``resources/i18n/mnist_gui_<lang>.qm`` of this
    clone), or None for English, the language of the source."""
    return None if lang == "en" else ROOT / "resources" / "i18n" / f"mnist_gui_{lang}.qm"


def main(argv: list[str] | None = None) -> int:
    """Make the pictures; print each path written. Returns 0, 1 on a failure (one line on
    stderr), 2 when the language asked for has no translation."""
    args = parse_args(argv)
    out = Path(args.out) if args.out else DEFAULT_OUT / ("" if args.lang == "en" else args.lang)
    qm = translation_file(args.lang)
    if qm is not None and not qm.is_file():
        print(f"screenshots: no {args.lang} translation ({qm} is missing; make it with pyside6-lrelease)",
              file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="mnist-gui-screenshots-") as tmp:
        saved_env = {name: os.environ.get(name) for name in ("QT_QPA_PLATFORM", "XDG_CONFIG_HOME", "XDG_DATA_HOME")}
        os.environ.update(QT_QPA_PLATFORM="offscreen", XDG_CONFIG_HOME=os.path.join(tmp, "config"),
                          XDG_DATA_HOME=os.path.join(tmp, "data"))
        try:
            written = _make(args, out, Path(tmp), qm)
        except ModuleNotFoundError as exc:
            print(f"screenshots: failed: {exc} (install the app first: pip install -e . in a virtual environment)",
                  file=sys.stderr)
            return 1
        except Exception as exc:  # noqa: BLE001 (one line, not a traceback)
            print(f"screenshots: failed: {type(exc).__name__}: {exc}", file=sys.stderr)
            return 1
        finally:
            for name, value in saved_env.items():
                if value is None:
                    os.environ.pop(name, None)
                else:
                    os.environ[name] = value
    for path in written:
        print(path)
    return 0


def _make(args, out: Path, tmp: Path, qm: Path | None) -> list[Path]:
    """Build the window and take the pictures; returns the paths written."""
    if str(ROOT) not in sys.path:  # the app of this clone, before any installed copy
        sys.path.insert(0, str(ROOT))
    import gc

    import pyqtgraph as pg
    from PySide6.QtCore import QLocale, QSettings, QStandardPaths
    from PySide6.QtWidgets import QApplication

    import core
    from mnist_gui import i18n
    from mnist_gui.__main__ import collect_garbage_in_gui_thread
    from mnist_gui.main_window import APP_NAME, MainWindow

    pg.setConfigOptions(imageAxisOrder="row-major", antialias=True)  # as mnist_gui/__main__.py
    app = QApplication.instance() or QApplication(sys.argv[:1])
    # What is changed here is put back at the end (the tests call main() in their own application).
    names = (app.organizationName(), app.applicationName(), app.applicationVersion())
    test_mode, gc_enabled = QStandardPaths.isTestModeEnabled(), gc.isenabled()
    app.setOrganizationName(APP_NAME)
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(core.__version__)
    QStandardPaths.setTestModeEnabled(True)  # anything else the app asks for: Qt's test folders
    old_locale = QLocale()
    translators = i18n.install(app, args.lang)  # as the app starts in that language (with Qt's own texts)
    if qm is not None and not translators:
        raise ScreenshotError(f"{qm} is not a translation Qt can load")
    collector = collect_garbage_in_gui_thread()
    out.mkdir(parents=True, exist_ok=True)
    settings = QSettings(str(tmp / "settings.ini"), QSettings.Format.IniFormat)
    window = MainWindow(settings=settings, own_digits_dir=tmp / "my digits")
    window._confirm_close = lambda: True  # closing at the end asks nothing (the trained network is unsaved)
    window._show_error = _raise_error
    written = []
    try:
        window.resize(*args.size)
        window.show()
        _wait(lambda: window.session.data is not None and not window.session.loading, "the data to load")
        _pump(0.2)
        written.append(_draw(window, out))
        written += _browse(window, out)
        written.append(_train(window, out, args.quick))
    finally:
        if window.controller.is_running:
            window.controller.stop()
            _wait(lambda: not window.controller.is_running, "the run to stop")
        window.close()
        window.deleteLater()
        _pump(0.1)
        collector.timer.stop()
        if gc_enabled:
            gc.enable()
        i18n.uninstall(app, translators)
        QLocale.setDefault(old_locale)
        QStandardPaths.setTestModeEnabled(test_mode)
        app.setOrganizationName(names[0])
        app.setApplicationName(names[1])
        app.setApplicationVersion(names[2])
    return written


def _raise_error(title: str, text: str) -> None:
    """Stands in for the window's error box: a picture of an error is no picture."""
    raise ScreenshotError(f"{title}: {text}")


def _draw(window, out: Path) -> Path:
    """draw.png: the 4 drawn on the canvas, once the view has answered."""
    view = window.draw_view
    window.tabs.setCurrentWidget(view)
    _pump(0.05)
    view.clear()
    answers = []
    view.reading_changed.connect(answers.append)
    for stroke in handwritten_four():
        view.canvas.add_stroke(stroke)
        _pump(0.05)
    _wait(lambda: answers, "the Draw view's answer")
    _pump(0.2)
    return _save(window, out / "draw.png")


def _browse(window, out: Path) -> list[Path]:
    """browse.png, confusion.png and map.png, once Browse has read the test images."""
    view = window.browse_view
    window.tabs.setCurrentWidget(view)
    view.show_set("test")
    _pump(0.05)
    _wait(view.is_current, "Browse to read the test images")
    view.wait_until_current()
    _pump(0.1)
    view.set_filter(correct=False, order_by="cost")  # the most confidently wrong first
    _pump(0.1)
    if view.current_image() is None:
        raise ScreenshotError("Browse shows no misclassified test image")
    view.tabs.setCurrentIndex(1)  # the map
    _wait(view.map_is_current, "Browse's map")
    view.tabs.setCurrentIndex(0)
    _pump(0.3)
    written = [_save(window, out / "browse.png")]
    view._on_confusion_table_cell_chosen(*CELL)  # what a click on the cell does
    _pump(0.3)
    written.append(_save(window, out / "confusion.png"))
    view.set_filter(correct=False, order_by="cost")
    view.tabs.setCurrentIndex(1)
    _pump(0.3)
    written.append(_save(window, out / "map.png"))
    view.tabs.setCurrentIndex(0)
    return written


def _train(window, out: Path, quick: bool) -> Path:
    """train.png, after the runs of :data:`RUNS` (one tiny run if ``quick``)."""
    from PySide6.QtCore import QEventLoop, QTimer

    from core.sgd import TrainConfig

    view, controller = window.train_view, window.controller
    window.tabs.setCurrentWidget(view)
    for run in list(window.session.runs):  # the bundled network's 85 epochs would squeeze the new curves
        if run.from_file:
            window.session.set_run_visible(run, False)
    _pump(0.1)
    runs = RUNS[:1] if quick else RUNS
    for i, (cost, init, eta) in enumerate(runs):
        config = TrainConfig(layer_sizes=(784, 30, 10), n_epochs=1 if quick else EPOCHS, batch_size=10,
                             learning_rate=eta, cost=cost, init=init, seed=i,
                             train_size=1000 if quick else None)
        view.set_config(config)
        # As a user would: wait for the form's estimate of this run before pressing Train.
        _wait(lambda: not view._estimate_timer.isActive() and view._estimate_thread is None,
              "the Train view's estimate")
        loop = QEventLoop()
        ended, failures = [], []
        controller.finished.connect(loop.quit)
        controller.finished.connect(ended.append)
        controller.failed.connect(failures.append)
        limit = QTimer()
        limit.setSingleShot(True)
        limit.timeout.connect(loop.quit)
        limit.start(int(TIMEOUT * 1000))
        if not view.start():
            raise ScreenshotError(f"the Train view started no run: {view.form_error.text() or 'no reason shown'}")
        if controller.is_running:
            loop.exec()
        limit.stop()
        controller.finished.disconnect(loop.quit)
        controller.finished.disconnect(ended.append)
        controller.failed.disconnect(failures.append)
        if not ended and controller.is_running:
            raise ScreenshotError(f"waited {TIMEOUT:.0f} s for run {i + 1} to finish")
        _wait(lambda: not controller.is_running and view.is_settled(), "the Train view to show the run's end")
        if failures:  # (the controller's failed signal, not the ending's words, which are translated)
            raise ScreenshotError(f"run {i + 1} failed: {failures[0]}")
    _pump(0.5)
    return _save(window, out / "train.png")


def _save(window, path: Path) -> Path:
    """Grab the whole window into ``path`` (a PNG); raises ScreenshotError if it cannot."""
    window.repaint()
    pixmap = window.grab()
    if pixmap.isNull() or not pixmap.save(str(path), "PNG", 0):  # (0: the smallest file)
        raise ScreenshotError(f"cannot write {path}")
    return path


def _wait(condition, what: str) -> None:
    """Run Qt's event loop until ``condition()`` is true; ScreenshotError after TIMEOUT s."""
    from benchmarks._event_loop import Timeout, wait_for

    try:
        wait_for(condition, TIMEOUT, what, poll_ms=10)
    except Timeout as exc:
        raise ScreenshotError(str(exc)) from None


def _pump(seconds: float) -> None:
    """Let the event loop run for ``seconds`` (queued signals, layouts, repaints)."""
    from benchmarks._event_loop import pump

    pump(seconds, poll_ms=10)


if __name__ == "__main__":
    sys.exit(main())

"""Soak the app: start and stop many short training runs in the real main window and count
what goes wrong (issue 11): exceptions, Qt warnings, message boxes, and resident memory that
keeps growing.

The main window is created offscreen (``QT_QPA_PLATFORM=offscreen`` unless set) with its
settings in a temporary INI file and its own digits in a temporary folder (the user's are
never read or written); pyqtgraph is configured and the garbage collector runs in the GUI
thread, as ``mnist_gui/__main__.py`` does. Each run is a 784-15-10 network on the first
1,000-2,000 training images for 1-2 epochs, started through the training controller
(every 5th through the Train view's form and its Train button), reporting every
``--report-samples`` samples. A run, chosen from ``--seed``, then either trains to its end,
is stopped after a few reports, is paused (the views switched while it waits, in some the
learning rate changed or one epoch stepped, then resumed or stopped), or gets a new learning
rate while it runs. Between runs the window switches views and opens Browse, waiting until
Browse shows the new network's answers (every 10th run on the 50,000 training images too).

Counted:

- ``qt_warnings``: Qt warnings, criticals and fatals (``qInstallMessageHandler``), except
  the offscreen plugin's "does not support propagateSizeHints" that pyproject's pytest
  options also ignore (counted apart as ``qt_ignored``);
- ``exceptions``: exceptions that reached ``sys.excepthook`` (Qt slots, event handlers) or
  ``threading.excepthook``, and exceptions the soak's own calls into the app raised;
- ``python_warnings``: Python warnings shown; ``message_boxes``: message boxes the app
  opened (answered automatically; a run that fails shows one);
- ``rss_growth_mb``: resident memory (``/proc/self/statm``, current, not peak) after the
  last run minus after run 20 (after run ``--runs`` if fewer), each measured after a
  garbage collection and the deferred deletes; ``rss_mb_per_run``: the least-squares slope
  over those runs.

Every run stays in the session (its network, curves and row in the runs table), as in the
app; ``--keep-runs K`` removes all but the last K after each run, as the runs table's Remove
button does, to tell the memory runs keep by design from memory that is lost.

Run: python benchmarks/soak.py [--runs N] [--seed S] [--keep-runs K]     (200 runs by default)
Targets: no exception, no Qt warning, growth under 50 MB. Prints a table, then as its last
line one JSON object with ``runs``, ``rss_growth_mb``, ``qt_warnings``, then the other
counts, ``seconds`` and how the runs ended. Every wait has a limit (``--timeout`` s): on
expiry the soak says what it waited for and exits with status 3; a C-level watchdog
(faulthandler) ends a process that hangs anyway.
"""

from __future__ import annotations

import argparse
import collections
import faulthandler
import gc
import json
import os
import re
import sys
import tempfile
import threading
import time
import traceback
import warnings
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QSettings, QtMsgType, qInstallMessageHandler
from PySide6.QtWidgets import QApplication, QMessageBox

from benchmarks._event_loop import Timeout, pump, wait_for
from core.sgd import TrainConfig

#: Qt messages that are not counted (pyproject's ``qt_log_ignore``: harmless offscreen).
QT_IGNORED = ("This plugin does not support propagateSizeHints",)
PLANS = ("finish", "stop", "pause", "pause-lr", "pause-step", "lr")
PLAN_WEIGHTS = (0.25, 0.2, 0.15, 0.15, 0.1, 0.15)
MEASURE_FROM = 20  # rss_growth_mb counts from after this run


def rss_mb() -> float:
    """Resident memory now (not the peak), from /proc/self/statm, in MB."""
    pages = int(Path("/proc/self/statm").read_text().split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE") / (1 << 20)


class Recorder:
    """Counts Qt messages, exceptions that reach the hooks, Python warnings and message boxes."""

    def __init__(self):
        self.qt_warnings: list[str] = []
        self.qt_ignored = 0
        self.exceptions: list[str] = []
        self.python_warnings: list[str] = []
        self.message_boxes: list[str] = []
        self._saved = {}

    def install(self) -> None:
        """Install the handler, the hooks and the automatic message boxes (the old ones kept)."""
        self._saved["qt"] = qInstallMessageHandler(self._on_qt_message)
        self._saved["excepthook"] = sys.excepthook
        self._saved["threading"] = threading.excepthook
        self._saved["showwarning"] = warnings.showwarning
        sys.excepthook = self._on_exception
        threading.excepthook = lambda args: self._on_exception(args.exc_type, args.exc_value, args.exc_traceback)
        warnings.showwarning = self._on_warning
        for kind in ("question", "warning", "critical", "information"):
            self._saved[kind] = QMessageBox.__dict__[kind]
            setattr(QMessageBox, kind, staticmethod(self._box(kind)))

    def uninstall(self) -> None:
        """Put back what :meth:`install` replaced."""
        qInstallMessageHandler(self._saved["qt"])
        sys.excepthook = self._saved["excepthook"]
        threading.excepthook = self._saved["threading"]
        warnings.showwarning = self._saved["showwarning"]
        for kind in ("question", "warning", "critical", "information"):
            setattr(QMessageBox, kind, self._saved[kind])

    def _on_qt_message(self, mode, context, message) -> None:
        if mode not in (QtMsgType.QtWarningMsg, QtMsgType.QtCriticalMsg, QtMsgType.QtFatalMsg):
            return
        if any(text in message for text in QT_IGNORED):
            self.qt_ignored += 1
            return
        self.qt_warnings.append(message)
        print(f"Qt {mode.name}: {message}", file=sys.stderr)

    def _on_exception(self, exc_type, value, tb) -> None:
        text = "".join(traceback.format_exception(exc_type, value, tb))
        self.exceptions.append(f"{exc_type.__name__}: {value}")
        print(f"EXCEPTION (sys.excepthook): {text}", file=sys.stderr)

    def raised(self, where: str, exc: BaseException) -> None:
        """Count an exception raised by a call of the soak into the app."""
        self.exceptions.append(f"{type(exc).__name__}: {exc} ({where})")
        print(f"EXCEPTION ({where}): {''.join(traceback.format_exception(exc))}", file=sys.stderr)

    def _on_warning(self, message, category, filename, lineno, file=None, line=None) -> None:
        self.python_warnings.append(f"{category.__name__}: {message} ({filename}:{lineno})")
        print(f"WARNING: {category.__name__}: {message} ({filename}:{lineno})", file=sys.stderr)

    def _box(self, kind):
        def answer(parent, title, text, *rest, **kw):
            """Record the box and answer it (Discard for a question, else OK)."""
            self.message_boxes.append(f"{kind}: {title}: {text}")
            print(f"(message box, answered automatically) {kind}: {title}: {text}", file=sys.stderr)
            return QMessageBox.StandardButton.Discard if kind == "question" else QMessageBox.StandardButton.Ok
        return answer


class Soak:
    """The window, its controller, and the runs made in it."""

    def __init__(self, window, args, recorder: Recorder):
        self.window = window
        self.controller = window.controller
        self.args = args
        self.recorder = recorder
        self.reports: list = []
        self.controller.progress.connect(self.reports.append)
        self.actions = collections.Counter()
        self.endings = collections.Counter()
        self.skipped = 0  # actions that found the run already over (it is that fast)

    def wait(self, condition, what: str) -> None:
        """Wait for ``condition`` within ``--timeout`` (Timeout otherwise)."""
        wait_for(condition, self.args.timeout, what)

    def start(self, i: int, config: TrainConfig):
        """Start a run: through the controller, every 5th through the form's Train button."""
        self.reports.clear()
        view = self.window.train_view
        if i % 5 == 4:
            self.window.tabs.setCurrentWidget(view)
            view.set_config(config)
            view.train_button.click()
            self.actions["train button"] += 1
            if not self.controller.is_running:
                raise RuntimeError(f"run {i + 1}: the Train button started nothing")
            return self.controller.run
        return self.controller.start(config)

    def over(self) -> bool:
        """True once the run can no longer be paused or stopped."""
        return not self.controller.is_active

    def run_once(self, i: int) -> None:
        """Make run ``i``: start it, do what its plan says, wait for its end, then between runs."""
        rng = np.random.default_rng([self.args.seed, i])
        config = TrainConfig(layer_sizes=(784, 15, 10), n_epochs=int(rng.integers(1, 3)),
                             train_size=int(rng.choice([1000, 1500, 2000])), seed=i)
        plan = PLANS[int(rng.choice(len(PLANS), p=PLAN_WEIGHTS))]
        run = self.start(i, config)
        self.actions[plan] += 1
        after = int(rng.integers(0, 4))  # act after this many reports
        self.wait(lambda: len(self.reports) >= after or self.over(), f"run {i + 1}'s first reports")
        c = self.controller
        if self.over() and plan != "finish":
            self.skipped += 1
        elif plan.startswith("pause"):
            c.pause()
            self.wait(lambda: (self.reports and self.reports[-1].event == "paused") or not c.is_running,
                      f"run {i + 1} to pause")
            for _ in range(2):  # the views switched while it waits
                self.window.tabs.setCurrentIndex(int(rng.integers(3)))
                pump(0.01)
            if plan == "pause-lr" and c.is_active:
                c.set_learning_rate(float(rng.choice([0.5, 1.0, 2.0, 5.0])))
            if plan == "pause-step" and c.is_paused:
                c.step()
                self.wait(lambda: c.is_paused or not c.is_running, f"run {i + 1} to step one epoch")
            if rng.random() < 0.3:
                c.stop()
            else:
                c.resume()
        elif plan == "lr":
            c.set_learning_rate(float(rng.choice([0.5, 1.0, 2.0, 5.0])))
        elif plan == "stop":
            c.stop()
        self.wait(lambda: not c.is_running and self.window.train_view.is_settled(), f"run {i + 1} to end")
        self.endings[re.sub(r"\d+", "N", run.ending)] += 1  # "Training stopped in epoch N, after mini-batch N"
        if run.ending.startswith("Training failed"):
            self.recorder.exceptions.append(f"run {i + 1}: {run.ending}")
        self.between_runs(i, rng)

    def between_runs(self, i: int, rng) -> None:
        """Switch views and open Browse, waiting for it to show the network's answers."""
        tabs, browse = self.window.tabs, self.window.browse_view
        for _ in range(int(rng.integers(1, 4))):
            tabs.setCurrentIndex(int(rng.integers(3)))
            self.actions["view switch"] += 1
            pump(0.005)
        tabs.setCurrentWidget(browse)
        self.actions["browse"] += 1
        pump(0.01)
        browse.wait_until_current()
        if i % 10 == 9:
            browse.show_set("train")
            browse.wait_until_current()
            pump(0.01)
            browse.show_set("test")
            browse.wait_until_current()
        tabs.setCurrentIndex(int(rng.integers(3)))
        pump(0.01)
        if self.args.keep_runs is not None:  # forget older runs, as the runs table's Remove does
            session = self.window.session
            for run in session.runs[:-self.args.keep_runs or None]:
                if run.ending and not run.from_file and run.model is not session.model:
                    session.remove_run(run)
                    self.actions["run removed"] += 1
            self.wait(self.window.train_view.is_settled, "the Train view to drop the removed runs")


def settle() -> float:
    """Resident memory (MB) after a garbage collection and the deferred deletes."""
    pump(0.05)
    gc.collect()
    QApplication.sendPostedEvents(None, 0)  # deferred deletes among them
    pump(0.05)
    return rss_mb()


def main(argv: list[str] | None = None) -> dict:
    """Soak, print the table and the JSON line; return the JSON object (exit 3 on a timeout)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=200, help="training runs (200)")
    parser.add_argument("--seed", type=int, default=0, help="chooses what each run does")
    parser.add_argument("--report-samples", type=int, default=250, help="a report every this many samples (250)")
    parser.add_argument("--timeout", type=float, default=60.0, help="limit of each wait, in seconds (60)")
    parser.add_argument("--keep-runs", type=int, metavar="K",
                        help="remove all but the last K runs after each run (by default every run is kept, as in "
                             "the app): tells memory the runs keep from memory lost")
    args = parser.parse_args(argv)
    if args.runs < 1:
        parser.error("--runs must be at least 1")
    faulthandler.dump_traceback_later(120 + args.runs * (args.timeout + 10), exit=True)
    started = time.perf_counter()
    pg.setConfigOptions(imageAxisOrder="row-major", antialias=True)  # as mnist_gui/__main__.py
    tmp = tempfile.TemporaryDirectory(prefix="soak-")
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)  # any QSettings() goes to the temporary folder
    for scope in (QSettings.Scope.UserScope, QSettings.Scope.SystemScope):
        QSettings.setPath(QSettings.Format.IniFormat, scope, tmp.name)
    app = QApplication.instance() or QApplication(sys.argv[:1])  # noqa: F841 (kept until the end)
    from mnist_gui.__main__ import collect_garbage_in_gui_thread
    from mnist_gui.main_window import MainWindow

    collector = collect_garbage_in_gui_thread()
    recorder = Recorder()
    recorder.install()
    rss: dict[int, float] = {}
    status, runs_done = 0, 0
    window = None
    try:
        settings = QSettings(os.path.join(tmp.name, "settings.ini"), QSettings.Format.IniFormat)
        window = MainWindow(settings=settings, own_digits_dir=os.path.join(tmp.name, "my digits"))
        window._confirm_close = lambda: True  # closing at the end asks nothing (the last network is unsaved)
        window.controller._report_samples = args.report_samples  # (the window makes its controller itself)
        window.show()
        wait_for(lambda: window.session.data is not None and not window.session.loading, args.timeout,
                 "the data to load")
        soak = Soak(window, args, recorder)
        rss[0] = settle()
        for i in range(args.runs):
            try:
                soak.run_once(i)
            except Timeout:
                raise
            except Exception as exc:  # noqa: BLE001 - counted, and the soak goes on with the next run
                recorder.raised(f"run {i + 1}", exc)
                wait_for(lambda: not window.controller.is_running, args.timeout, f"run {i + 1} to end after an error")
            runs_done = i + 1
            if runs_done in (1, min(MEASURE_FROM, args.runs), args.runs) or runs_done % 10 == 0:
                rss[runs_done] = settle()
            if runs_done % 20 == 0:
                print(f"run {runs_done}/{args.runs}: RSS {rss[runs_done]:.1f} MB, {time.perf_counter() - started:.0f} s",
                      file=sys.stderr, flush=True)
    except Timeout as exc:
        print(f"TIMEOUT: {exc}", file=sys.stderr)
        status = 3
    finally:
        if window is not None:
            if window.controller.is_running:
                window.controller.stop()
                try:
                    wait_for(lambda: not window.controller.is_running, 30, "the last run to stop")
                except Timeout:
                    pass
            window.close()
            pump(0.2)
            window.deleteLater()
            pump(0.1)
        recorder.uninstall()
        collector.timer.stop()
        gc.enable()
        faulthandler.cancel_dump_traceback_later()
    seconds = time.perf_counter() - started
    result = summary(args, runs_done, rss, recorder, seconds, soak if window is not None else None)
    report(rss, recorder, result)
    print(json.dumps(result))
    tmp.cleanup()
    if status:
        sys.exit(status)
    return result


def summary(args, runs_done: int, rss: dict, recorder: Recorder, seconds: float, soak) -> dict:
    """The JSON object: runs, rss_growth_mb, qt_warnings first, then the details."""
    start = min(MEASURE_FROM, runs_done)
    measured = [(n, mb) for n, mb in sorted(rss.items()) if n >= start and n > 0]
    slope = (float(np.polyfit([n for n, _ in measured], [mb for _, mb in measured], 1)[0])
             if len(measured) >= 2 else 0.0)
    growth = rss[runs_done] - rss[start] if runs_done in rss and start in rss else float("nan")
    return {
        "runs": runs_done,
        "rss_growth_mb": round(growth, 1),
        "qt_warnings": len(recorder.qt_warnings),
        "exceptions": len(recorder.exceptions),
        "python_warnings": len(recorder.python_warnings),
        "message_boxes": len(recorder.message_boxes),
        "seconds": round(seconds, 1),
        "rss_mb_start": round(rss.get(0, float("nan")), 1),
        f"rss_mb_run{start}": round(rss.get(start, float("nan")), 1),
        "rss_mb_last": round(rss.get(runs_done, float("nan")), 1),
        "rss_mb_per_run": round(slope, 3),
        "qt_ignored": recorder.qt_ignored,
        "endings": dict(soak.endings) if soak else {},
        "actions": dict(soak.actions) if soak else {},
        "actions_too_late": soak.skipped if soak else 0,
        "seed": args.seed,
        "keep_runs": args.keep_runs,
    }


def report(rss: dict, recorder: Recorder, result: dict) -> None:
    """Print the RSS after the measured runs, the counts and what was seen."""
    print(f"{'after run':>9} {'RSS MB':>8}")
    for n, mb in sorted(rss.items()):
        print(f"{n:9d} {mb:8.1f}")
    print(f"runs {result['runs']}, {result['seconds']:.0f} s; RSS growth from run {min(MEASURE_FROM, result['runs'])}: "
          f"{result['rss_growth_mb']:+.1f} MB ({result['rss_mb_per_run']:+.3f} MB a run; target under 50 MB)")
    for name, items in (("Qt warnings", recorder.qt_warnings), ("exceptions", recorder.exceptions),
                        ("Python warnings", recorder.python_warnings), ("message boxes", recorder.message_boxes)):
        print(f"{name}: {len(items)}" + "".join(f"\n  {text[:200]}" for text in
                                                 list(collections.Counter(items))[:10]))
    print(f"endings: {result['endings']}")
    print(f"actions: {result['actions']} ({result['actions_too_late']} found the run already over)")


if __name__ == "__main__":
    main()

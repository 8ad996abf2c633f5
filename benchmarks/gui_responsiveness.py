"""Does the app train as fast as the command line, and does its window stay responsive?

The real main window is created offscreen (``QT_QPA_PLATFORM=offscreen`` unless set),
with pyqtgraph configured as ``mnist_gui/__main__.py`` configures it and its settings in a
temporary INI file (the user's settings are never read or written). It is shown, waits for
the data to load, switches to the Train view, fills the form with a preset and seed 0, and
starts the run by clicking the Train view's own Train button. While the run goes on, a
10 ms ``Qt.PreciseTimer`` in the GUI thread records when it ticks: a gap between two ticks
much longer than 10 ms is a time when the window could not react (a stall).

The same configuration is also trained headless, by ``mnist-train --preset P --seed 0
--json`` in a subprocess, alternately with the in-app runs (2 rounds of each by default);
the best of each is compared:

- throughput: training samples per second, epochs x n_train / the sum of the per-epoch
  "seconds" (from the JSON lines headless; in the app from the trained network's
  ``metadata["history"]``);
- in_app_throughput_ratio: in-app throughput / headless throughput (1.0: no slower);
- max_stall_ms, p99_stall_ms: the largest and the 99th-percentile gap between consecutive
  timer ticks, over all in-app runs (raw gaps, 10 ms when nothing stalls);
- gui_cpu_percent: the GUI thread's CPU time during the run (``time.thread_time``) as a
  percent of one core; the GUI thread and the worker share one GIL, so this is roughly
  time the worker could not train;
- paints per second of the pyqtgraph views and the progress bar (event filters on those
  widgets only), and the window's repaints (UpdateRequest events);
- rss_growth_mb: VmRSS after the last in-app run minus before the first;
- redraw_ms_start, redraw_ms_end: how long a full repaint of the plots takes (a forced
  synchronous ``repaint()`` of their viewport, every ``--redraw-every`` seconds of a run),
  the median of the first three and of the last three of each run, the worst run shown:
  after 30 epochs of per-window points the plots should redraw as fast as at the start.

Before the measured rounds, ``--earlier-runs`` runs (2 by default; same preset, seeds
100, 101, ...) are trained in the window and not measured, so that every measured run has
at least two earlier runs as faded curves on the plots, with the runs table and the weight
mosaic visible beside them (the JSON says how many runs were on the plots and whether the
table and the mosaic were visible).

Usage (from the repository root, in the venv)::

    python benchmarks/gui_responsiveness.py                 # 2 rounds of 30 epochs, ~3 min here
    python benchmarks/gui_responsiveness.py --epochs 2 --rounds 1 --earlier-runs 0   # smoke test

It prints a table, and as its last line one JSON object. Every wait has a time limit
(``--timeout``, per run): on expiry the script says what it was waiting for and exits
with status 3; a C-level watchdog (faulthandler) ends a process that hangs anyway.
"""

from __future__ import annotations

import argparse
import ast
import dataclasses
import faulthandler
import json
import math
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QEvent, QObject, QSettings, Qt, QTimer, Slot
from PySide6.QtWidgets import QApplication, QMessageBox, QProgressBar

import mnist_gui.main_window as main_window_module
from benchmarks._event_loop import Timeout, pump, wait_for
from core.sgd import PRESETS
from mnist_gui.widgets import ProgressBar

MainWindow = main_window_module.MainWindow
N_TRAIN_DEFAULT = 50_000
POLL_MS = 50  # how often a wait looks: seldom, so that waiting costs the GIL little while a run is measured


# ============================================================================ window API
# What the benchmark uses of the window: the session, the training controller, the Train view.

def _train_view(window):
    return window.train_view


def data_loaded(window) -> bool:
    """True once a data set is loaded and no load is in progress."""
    return window.session.data is not None and not window.session.loading


def current_model(window):
    """The network the window uses now (after a run: the one just trained)."""
    return window.session.model


def is_running(window) -> bool:
    """True while a training run is in progress."""
    return window.controller.is_running


def train_button(window):
    """The Train view's own Train button."""
    return window.train_view.train_button


def fill_form(window, config) -> None:
    """Show ``config`` (seed included) in the Train view's form."""
    window.train_view.set_config(config)


def show_train_view(window) -> None:
    window.tabs.setCurrentWidget(window.train_view)


def train_view_widget(window):
    """The Train view's page (where the paint counters look for widgets)."""
    return window.train_view


def runs_on_plots(window) -> int:
    """How many runs have curves on the Train view's plots."""
    return len(window.train_view.plot.run_keys())


def inside_widgets_visible(window) -> dict:
    """Whether the runs table and the weight mosaic are visible (the issue's set-up)."""
    view = window.train_view
    return {"runs_table": view.runs_table.isVisible(), "mosaic": view.inside.mosaic.isVisible()}


def plot_viewport(window):
    """The widget whose forced repaint times a full redraw of the plots."""
    return window.train_view.plot.viewport()


def allow_close_without_asking() -> None:
    """Closing at the end must ask nothing: the freshly trained network is unsaved."""
    for cls in MainWindow.__mro__:
        if "_confirm_close" in vars(cls):
            MainWindow._confirm_close = lambda self: True
            break


# ============================================================================ helpers

def pyqtgraph_options() -> dict:
    """The options mnist_gui/__main__.py passes to pg.setConfigOptions.

    A setup function there, if there is one, is called instead (see ``configure_pyqtgraph``);
    otherwise the keyword arguments of its ``setConfigOptions`` calls are read from its
    source, so that the benchmark follows the app without a copy to keep in step.
    """
    import mnist_gui.__main__ as app_main

    source = Path(app_main.__file__).read_text(encoding="utf-8")
    options = {}
    for node in ast.walk(ast.parse(source)):
        if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                and node.func.attr == "setConfigOptions"):
            for kw in node.keywords:
                try:
                    options[kw.arg] = ast.literal_eval(kw.value)
                except ValueError:
                    pass
    return options


def configure_pyqtgraph() -> dict:
    import mnist_gui.__main__ as app_main

    for name in ("configure_pyqtgraph", "setup_pyqtgraph", "configure", "setup"):
        function = getattr(app_main, name, None)
        if callable(function):
            function()
            return {"via": f"mnist_gui.__main__.{name}()"}
    options = pyqtgraph_options() or {"imageAxisOrder": "row-major", "antialias": True}
    pg.setConfigOptions(**options)
    return options


def rss_mb() -> float:
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return math.nan


def percentile(values, q) -> float:
    return float(np.percentile(values, q)) if len(values) else math.nan


class Probe(QObject):
    """Lives in the GUI thread: the 10 ms ticker, and paint counts by event filter."""

    def __init__(self, interval_ms: int):
        super().__init__()
        self.ticks: list[float] = []
        self.timer = QTimer(self)
        self.timer.setTimerType(Qt.TimerType.PreciseTimer)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.on_tick)
        self.watched: dict[int, str] = {}
        self.counts: dict[str, int] = {}
        self.counting = False
        self.redraws: list[float] = []  # ms per forced repaint of the plots
        self.redraw_target = None
        self.redraw_timer = QTimer(self)
        self.redraw_timer.timeout.connect(self.on_redraw)

    @Slot()
    def on_redraw(self) -> None:
        if self.redraw_target is not None:
            t0 = time.perf_counter()
            self.redraw_target.repaint()
            self.redraws.append(1000.0 * (time.perf_counter() - t0))

    @Slot()
    def on_tick(self) -> None:
        self.ticks.append(time.perf_counter())

    def watch(self, widget, name: str) -> None:
        self.watched[id(widget)] = name
        widget.installEventFilter(self)

    def eventFilter(self, obj, event) -> bool:
        if self.counting:
            kind = event.type()
            if kind == QEvent.Type.Paint or kind == QEvent.Type.UpdateRequest:
                name = self.watched.get(id(obj), type(obj).__name__)
                if kind == QEvent.Type.UpdateRequest:
                    name = "window repaints"
                self.counts[name] = self.counts.get(name, 0) + 1
        return False

    def start(self, redraw_target=None, redraw_every_s: float = 3.0) -> None:
        self.ticks = []
        self.counts = {}
        self.redraws = []
        self.counting = True
        self.timer.start()
        self.redraw_target = redraw_target
        if redraw_target is not None:
            self.redraw_timer.start(int(1000 * redraw_every_s))

    def stop(self) -> None:
        self.timer.stop()
        self.redraw_timer.stop()
        self.counting = False


# ============================================================================ the runs

def headless_run(preset: str, seed: int, epochs: int | None, timeout: float) -> dict:
    """``mnist-train --preset P --seed S --json`` in a subprocess, with this process's code."""
    exe = Path(sys.executable).with_name("mnist-train")
    command = [str(exe)] if exe.exists() else ([shutil.which("mnist-train")] if shutil.which("mnist-train")
                                               else [sys.executable, "-m", "core.cli"])
    command += ["--preset", preset, "--seed", str(seed), "--json"]
    if epochs is not None:
        command += ["--epochs", str(epochs)]
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT), *filter(None, [env.get("PYTHONPATH")])])
    started = time.perf_counter()
    try:
        done = subprocess.run(command, check=False, capture_output=True, text=True, timeout=timeout,
                              env=env, cwd=ROOT)
    except subprocess.TimeoutExpired as exc:
        raise Timeout(f"headless run ({' '.join(command)}) still running after {timeout:.0f} s") from exc
    wall = time.perf_counter() - started
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} exited with {done.returncode}:\n{done.stderr[-2000:]}")
    rows = [json.loads(line) for line in done.stdout.splitlines() if line.startswith("{")]
    if not rows:
        raise RuntimeError(f"{' '.join(command)} printed no JSON lines:\n{done.stdout[-2000:]}")
    seconds = sum(r["seconds"] for r in rows)
    return {"epochs": len(rows), "train_s": seconds, "wall_s": wall,
            "samples_per_s": len(rows) * N_TRAIN_DEFAULT / seconds}


def app_run(app, window, probe: Probe, config, timeout: float, redraw_every_s: float = 3.0) -> dict:
    """One run in the window: fill the form, click Train, wait for the end, measure."""
    show_train_view(window)
    fill_form(window, config)
    pump(0.3, poll_ms=10)  # let the form and the view settle before measuring
    button = train_button(window)
    if not button.isEnabled():
        raise RuntimeError("the Train button is disabled (data not loaded, or a run in progress?)")
    before = current_model(window)
    earlier = runs_on_plots(window)
    visible = inside_widgets_visible(window)
    probe.start(plot_viewport(window), redraw_every_s)
    cpu0, t0 = time.thread_time(), time.perf_counter()
    button.click()
    if not is_running(window):
        wait_for(lambda: is_running(window), 10, "the run to start", poll_ms=POLL_MS)
    try:
        wait_for(lambda: not is_running(window), timeout, "the training run to finish", poll_ms=POLL_MS)
    finally:
        cpu1, t1 = time.thread_time(), time.perf_counter()
        probe.stop()
    pump(0.2, poll_ms=10)  # the trained network arrives by queued signal
    model = current_model(window)
    if model is before:
        raise RuntimeError("the run ended without a new network (did it fail or stop?); "
                           f"window title: {window.windowTitle()!r}")
    history = model.metadata.get("history") or []
    seconds = sum(h["seconds"] for h in history)
    n_train = int(model.metadata.get("n_train") or N_TRAIN_DEFAULT)
    trained = model.metadata.get("config") or {}
    expected = config.to_dict()
    mismatched = sorted(k for k in expected if k in trained and trained[k] != expected[k])
    gaps = np.diff(np.array(probe.ticks)) * 1000.0
    wall = t1 - t0
    redraws = probe.redraws
    return {"earlier_runs": earlier, "visible": visible,
            "redraw_ms_start": float(np.median(redraws[:3])) if redraws else math.nan,
            "redraw_ms_end": float(np.median(redraws[-3:])) if redraws else math.nan,
            "redraws": len(redraws),"epochs": len(history), "train_s": seconds, "wall_s": wall,
            "samples_per_s": len(history) * n_train / seconds if seconds else math.nan,
            "gui_cpu_percent": 100.0 * (cpu1 - cpu0) / wall,
            "ticks": len(probe.ticks), "gaps": gaps,
            "max_stall_ms": float(gaps.max()) if len(gaps) else math.nan,
            "p99_stall_ms": percentile(gaps, 99),
            "stalls_over_50ms": int((gaps > 50).sum()),
            "paints_per_s": {k: v / wall for k, v in sorted(probe.counts.items())},
            "config_mismatch": mismatched}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=2, help="headless and in-app runs, alternately (default 2)")
    parser.add_argument("--epochs", type=int, default=None, help="epochs per run (default: the preset's, 30)")
    parser.add_argument("--preset", default="nielsen-ch1", choices=sorted(PRESETS))
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--tick-ms", type=int, default=10, help="the GUI-thread timer's interval (default 10)")
    parser.add_argument("--timeout", type=float, default=600, help="seconds allowed per run (default 600)")
    parser.add_argument("--earlier-runs", type=int, default=2,
                        help="runs trained in the window before the measured ones (default 2)")
    parser.add_argument("--redraw-every", type=float, default=3.0,
                        help="seconds between two timed repaints of the plots (default 3)")
    args = parser.parse_args(argv)
    if args.rounds < 1:
        parser.error("--rounds must be at least 1")

    config = dataclasses.replace(PRESETS[args.preset].config, seed=args.seed,
                                 **({"n_epochs": args.epochs} if args.epochs else {}))
    # A C-level watchdog: whatever happens (a modal dialog, a deadlock), the process ends.
    hard_limit = 120 + (args.rounds * 2 + args.earlier_runs) * (args.timeout + 30)
    faulthandler.dump_traceback_later(hard_limit, exit=True)

    options = configure_pyqtgraph()
    tmp = tempfile.TemporaryDirectory(prefix="gui-responsiveness-")
    # Any QSettings() the app makes goes to the temporary folder too, not the user's.
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    for scope in (QSettings.Scope.UserScope, QSettings.Scope.SystemScope):
        QSettings.setPath(QSettings.Format.IniFormat, scope, tmp.name)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    from mnist_gui.__main__ import collect_garbage_in_gui_thread

    collector = collect_garbage_in_gui_thread()  # noqa: F841 (as the app does)
    app.setOrganizationName("mnist-gui-benchmark")
    app.setApplicationName("gui-responsiveness")
    message_boxes: list[str] = []

    def no_dialog(kind):
        def f(parent, title, text, *rest, **kw):
            message_boxes.append(f"{kind}: {title}: {text}")
            print(f"(message box answered automatically) {title}: {text}", file=sys.stderr)
            return QMessageBox.StandardButton.Discard if kind == "question" else QMessageBox.StandardButton.Ok
        return staticmethod(f)

    for kind in ("question", "warning", "critical", "information"):
        setattr(QMessageBox, kind, no_dialog(kind))
    allow_close_without_asking()

    settings = QSettings(os.path.join(tmp.name, "settings.ini"), QSettings.Format.IniFormat)
    window = MainWindow(settings=settings)
    window.show()
    probe = Probe(args.tick_ms)
    status = 0
    headless: list[dict] = []
    in_app: list[dict] = []
    rss_before = rss_after = math.nan
    try:
        wait_for(lambda: data_loaded(window), args.timeout, "the data to load", poll_ms=POLL_MS)
        show_train_view(window)
        pump(0.5, poll_ms=10)
        page = train_view_widget(window)
        for i, view in enumerate(page.findChildren(pg.GraphicsView)):
            probe.watch(view.viewport(), "plot" if i == 0 else f"plot {i + 1}")
        for bar in page.findChildren(QProgressBar) + page.findChildren(ProgressBar):
            probe.watch(bar, "progress bar")
        probe.watch(window, "window")
        for i in range(args.earlier_runs):
            print(f"earlier run {i + 1}/{args.earlier_runs} in the app (not measured)…", file=sys.stderr, flush=True)
            app_run(app, window, probe, dataclasses.replace(config, seed=100 + i), args.timeout, args.redraw_every)
        for r in range(args.rounds):
            print(f"round {r + 1}/{args.rounds}: headless…", file=sys.stderr, flush=True)
            headless.append(headless_run(args.preset, args.seed, args.epochs, args.timeout))
            print(f"round {r + 1}/{args.rounds}: in the app…", file=sys.stderr, flush=True)
            if r == 0:
                rss_before = rss_mb()
            in_app.append(app_run(app, window, probe, config, args.timeout, args.redraw_every))
            rss_after = rss_mb()
    except Timeout as exc:
        print(f"TIMEOUT: {exc}; running: {is_running(window)}; "
              f"epochs done: {len(current_model(window).metadata.get('history') or [])}", file=sys.stderr)
        status = 3
    except Exception as exc:  # noqa: BLE001 (say what happened, then close cleanly)
        print(f"FAILED: {type(exc).__name__}: {exc}", file=sys.stderr)
        status = 1
    finally:
        probe.stop()
        if is_running(window):  # stop a run left going, so that no thread is destroyed running
            window.train_view.stop_button.click()
            try:
                wait_for(lambda: not is_running(window), 60, "the run to stop", poll_ms=POLL_MS)
            except Timeout:
                pass
        window.close()
        pump(0.3, poll_ms=10)
        window.deleteLater()
        pump(0.2, poll_ms=10)

    if status:
        return status
    print_results(args, config, options, headless, in_app, rss_before, rss_after, message_boxes)
    faulthandler.cancel_dump_traceback_later()
    return 0


def print_results(args, config, options, headless, in_app, rss_before, rss_after, message_boxes) -> None:
    best_headless = max(headless, key=lambda r: r["samples_per_s"])
    best_app = max(in_app, key=lambda r: r["samples_per_s"])
    ratio = best_app["samples_per_s"] / best_headless["samples_per_s"]
    all_gaps = np.concatenate([r["gaps"] for r in in_app])
    max_stall = float(all_gaps.max()) if len(all_gaps) else math.nan
    p99 = percentile(all_gaps, 99)
    epochs = config.n_epochs

    print(f"GUI responsiveness: preset {args.preset}, seed {args.seed}, {epochs} epochs, {args.rounds} round(s); "
          f"Qt platform {os.environ.get('QT_QPA_PLATFORM')}; pyqtgraph options {options}")
    print(f"{'run':<14}{'train s':>9}{'wall s':>9}{'samples/s':>11}{'GUI CPU':>9}"
          f"{'max stall':>11}{'p99 stall':>11}{'>50 ms':>8}  paints/s")
    for i, r in enumerate(headless):
        print(f"{f'headless {i + 1}':<14}{r['train_s']:>9.2f}{r['wall_s']:>9.2f}{r['samples_per_s']:>11,.0f}")
    for i, r in enumerate(in_app):
        paints = ", ".join(f"{k} {v:.1f}" for k, v in r["paints_per_s"].items())
        print(f"{f'in app {i + 1}':<14}{r['train_s']:>9.2f}{r['wall_s']:>9.2f}{r['samples_per_s']:>11,.0f}"
              f"{r['gui_cpu_percent']:>8.1f}%{r['max_stall_ms']:>9.1f}ms{r['p99_stall_ms']:>9.1f}ms"
              f"{r['stalls_over_50ms']:>8}  {paints}")
    print(f"in-app / headless throughput (best of each): {ratio:.2f}   "
          f"(target >= 0.9)")
    print(f"largest GUI-thread stall: {max_stall:.0f} ms, 99th percentile {p99:.0f} ms   (target <= 50 ms)")
    print(f"RSS growth over the in-app runs: {rss_after - rss_before:+.1f} MB   (target < 20 MB)")
    worst = max(in_app, key=lambda r: r["redraw_ms_end"] / r["redraw_ms_start"])
    print(f"full repaint of the plots: {worst['redraw_ms_start']:.1f} ms at the start of a run, "
          f"{worst['redraw_ms_end']:.1f} ms at its end (worst run); runs on the plots during the measured runs: "
          f"{[r['earlier_runs'] + 1 for r in in_app]}; runs table and mosaic visible: "
          f"{[r['visible'] for r in in_app]}")
    for r in in_app:
        if r["config_mismatch"] or r["epochs"] != epochs:
            print(f"WARNING: the app trained {r['epochs']} epochs; fields differing from the requested "
                  f"configuration: {r['config_mismatch']}")
    result = {
        "in_app_throughput_ratio": round(ratio, 3),
        "max_stall_ms": round(max_stall, 1),
        "p99_stall_ms": round(p99, 1),
        "rss_growth_mb": round(rss_after - rss_before, 1),
        "redraw_ms_start": round(worst["redraw_ms_start"], 1),
        "redraw_ms_end": round(worst["redraw_ms_end"], 1),
        "earlier_runs_on_plots": [r["earlier_runs"] for r in in_app],
        "runs_table_visible": all(r["visible"]["runs_table"] for r in in_app),
        "mosaic_visible": all(r["visible"]["mosaic"] for r in in_app),
        "gui_cpu_percent": round(best_app["gui_cpu_percent"], 1),
        "gui_cpu_percent_runs": [round(r["gui_cpu_percent"], 1) for r in in_app],
        "headless_s": [round(r["train_s"], 2) for r in headless],
        "headless_wall_s": [round(r["wall_s"], 2) for r in headless],
        "in_app_s": [round(r["train_s"], 2) for r in in_app],
        "in_app_wall_s": [round(r["wall_s"], 2) for r in in_app],
        "headless_samples_per_s": round(best_headless["samples_per_s"]),
        "in_app_samples_per_s": round(best_app["samples_per_s"]),
        "max_stall_ms_runs": [round(r["max_stall_ms"], 1) for r in in_app],
        "stalls_over_50ms": [r["stalls_over_50ms"] for r in in_app],
        "ticks": [r["ticks"] for r in in_app],
        "paints_per_s": [{k: round(v, 1) for k, v in r["paints_per_s"].items()} for r in in_app],
        "epochs": epochs,
        "rounds": args.rounds,
        "preset": args.preset,
        "qt_platform": os.environ.get("QT_QPA_PLATFORM"),
        "message_boxes": len(message_boxes),
    }
    print(json.dumps(result))


if __name__ == "__main__":
    sys.exit(main())

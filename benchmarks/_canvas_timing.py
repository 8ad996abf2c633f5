"""How fast does the Draw view draw and answer? Strokes sent as real mouse events.

The real :class:`~mnist_gui.views.draw.DrawView` is built offscreen
(``QT_QPA_PLATFORM=offscreen`` unless set) with the bundled network, shown, and given
digits drawn as a mouse would draw them: for each stroke a ``QMouseEvent`` press, then
moves at 1,000 events a second (the points of a smooth pen path, rounded to whole pixels
as a mouse reports them; the loop waits for each event's due time), then a release, each
sent with ``QApplication.sendEvent`` to the canvas. Measured:

- move_ms: the median cost of one mouse move while drawing: the event and everything the
  event loop then does before the next one (the repaint of the rectangle it dirtied, and,
  at most every 30 ms, the throttled answer);
- answer_ms: the median time from a stroke's end to the new answer shown: the release
  event (which answers at once) and the event loop's repaint after it.

:func:`measure_canvas_timing` is imported by ``benchmarks/canvas_fidelity.py``. Run alone::

    python benchmarks/_canvas_timing.py [--digits 40] [--seed 0]

it prints a table (with what the view answered for each digit drawn) and, last, one JSON
object with the keys ``answer_ms`` and ``move_ms``.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import numpy as np

#: Mouse events per second while drawing (a gaming mouse; most report 125 to 1,000).
RATE_HZ = 1000


def _arc(cx, cy, rx, ry, start, stop, n):
    t = np.linspace(np.radians(start), np.radians(stop), n)
    return np.stack([cx + rx * np.cos(t), cy + ry * np.sin(t)], axis=1)


def _line(x0, y0, x1, y1, n):
    t = np.linspace(0.0, 1.0, n)[:, None]
    return np.array([x0, y0]) * (1 - t) + np.array([x1, y1]) * t


def _figure_eight(n):
    t = np.linspace(0.0, 2 * np.pi, n)
    return np.stack([0.42 * np.sin(2 * t), -np.cos(t)], axis=1)


#: Digits as strokes in a unit box (x right, y down, both in [-1, 1]), the way people draw them.
DIGITS = {
    0: lambda n: [_arc(0, 0, 0.6, 1.0, -90, 270, n)],
    1: lambda n: [_line(-0.25, -0.7, 0.05, -1.0, n // 6), _line(0.05, -1.0, 0.05, 1.0, n)],
    2: lambda n: [np.concatenate([_arc(0, -0.45, 0.55, 0.55, 200, 380, n // 2), _line(0.55, -0.4, -0.6, 1.0, n // 2),
                                  _line(-0.6, 1.0, 0.65, 1.0, n // 3)])],
    3: lambda n: [np.concatenate([_arc(0, -0.5, 0.5, 0.5, 210, 450, n // 2), _arc(0, 0.5, 0.55, 0.5, 270, 510, n // 2)])],
    4: lambda n: [np.concatenate([_line(0.2, -1.0, -0.6, 0.35, n // 2), _line(-0.6, 0.35, 0.65, 0.35, n // 2)]),
                  _line(0.3, -0.3, 0.3, 1.0, n // 2)],
    7: lambda n: [np.concatenate([_line(-0.6, -1.0, 0.6, -1.0, n // 2), _line(0.6, -1.0, -0.1, 1.0, n)])],
    8: lambda n: [_figure_eight(n)],
}


def digit_strokes(digit: int, rng: np.random.Generator, n: int = 600) -> list[np.ndarray]:
    """One digit's strokes at a random size and place on a 280 x 280 canvas.

    Parameters
    ----------
    digit : int
        A key of :data:`DIGITS` (0, 1, 2, 3, 4, 7, 8).
    rng : numpy.random.Generator
    n : int
        Points of the longest stroke (at :data:`RATE_HZ`, the milliseconds it takes).

    Returns
    -------
    list of ndarray, each shape (k, 2), float64
        (x, y) canvas pixels of each stroke, whole pixels as a mouse gives them, inside the canvas.
    """
    half = rng.uniform(50, 120)  # half the digit's height (pixels)
    cx, cy = rng.uniform(half * 0.7 + 10, 270 - half * 0.7), rng.uniform(half + 10, 270 - half)
    return [np.clip(np.rint(s * half + [cx, cy]), 0, 279) for s in DIGITS[digit](n)]


def measure_canvas_timing(n_digits: int = 24, seed: int = 0, verbose: bool = False) -> dict:
    """Draw digits on the real Draw view with mouse events and time the moves and the answers.

    Parameters
    ----------
    n_digits : int
        Digits drawn (cycling through :data:`DIGITS`); the canvas is cleared before each.
    seed : int
        Seed of their sizes and places.
    verbose : bool
        Print one row per digit (the answer) and a table.

    Returns
    -------
    dict
        ``answer_ms`` and ``move_ms`` (medians, milliseconds; see the module docstring),
        ``move_p90_ms``, ``move_max_ms``, ``answer_max_ms``, ``answer_compute_ms`` (the
        median time from the release to the reading, before the repaint), ``load_average``
        (the machine's, 1 minute, at the end), ``moves`` and ``strokes``
        (how many were timed), ``answers_while_drawing`` (throttled answers per second
        of drawing), and ``read`` (digits whose answer was their digit).
    """
    import pyqtgraph as pg
    from PySide6.QtCore import QEvent, QPointF, Qt
    from PySide6.QtGui import QMouseEvent
    from PySide6.QtWidgets import QApplication

    from core.paths import default_model_path
    from core.reading import DIGIT
    from mnist_gui.session import Session
    from mnist_gui.views.draw import DrawView

    pg.setConfigOptions(imageAxisOrder="row-major", antialias=True)
    app = QApplication.instance() or QApplication([])
    session = Session()
    session.open_model(default_model_path())
    view = DrawView(session)
    view.resize(1100, 700)
    view.show()
    app.processEvents()
    canvas = view.canvas
    answers = []
    view.reading_changed.connect(lambda reading: answers.append(time.perf_counter()))

    def send(kind, x, y, button, buttons):
        pos = QPointF(float(x), float(y))
        event = QMouseEvent(kind, pos, canvas.mapToGlobal(pos), button, buttons, Qt.KeyboardModifier.NoModifier)
        QApplication.sendEvent(canvas, event)

    left, none = Qt.MouseButton.LeftButton, Qt.MouseButton.NoButton
    rng = np.random.default_rng(seed)
    moves, answer_times, compute_times, read, rows = [], [], [], 0, []
    drawing_seconds, answers_while_drawing = 0.0, 0
    keys = list(DIGITS)
    for i in range(n_digits):
        digit = keys[i % len(keys)]
        view.clear()
        app.processEvents()
        for stroke in digit_strokes(digit, rng):
            send(QEvent.Type.MouseButtonPress, *stroke[0], left, left)
            app.processEvents()
            n_before = len(answers)
            start = time.perf_counter()
            for k, (x, y) in enumerate(stroke[1:], 1):
                due = start + k / RATE_HZ
                while time.perf_counter() < due:  # a mouse does not send faster than its rate
                    pass
                t0 = time.perf_counter()
                send(QEvent.Type.MouseMove, x, y, none, left)
                app.processEvents()
                moves.append(time.perf_counter() - t0)
            drawing_seconds += time.perf_counter() - start
            answers_while_drawing += len(answers) - n_before
            t0 = time.perf_counter()
            send(QEvent.Type.MouseButtonRelease, *stroke[-1], left, none)
            answered = answers[-1] if answers else None
            app.processEvents()
            t1 = time.perf_counter()
            if answered is None or answered < t0:
                raise RuntimeError("the release was not answered")
            answer_times.append(t1 - t0)
            compute_times.append(answered - t0)
        reading = view.reading
        ok = reading.verdict == DIGIT and reading.digit == digit
        read += ok
        rows.append((digit, reading.digit, reading.verdict, reading.reason))
    view.close()
    app.processEvents()

    ms = lambda seconds: 1000.0 * seconds
    result = {
        "answer_ms": round(ms(statistics.median(answer_times)), 3),
        "move_ms": round(ms(statistics.median(moves)), 3),
        "move_p90_ms": round(ms(float(np.percentile(moves, 90))), 3),
        "move_max_ms": round(ms(max(moves)), 3),
        "answer_max_ms": round(ms(max(answer_times)), 3),
        "answer_compute_ms": round(ms(statistics.median(compute_times)), 3),
        "load_average": round(os.getloadavg()[0], 2),
        "moves": len(moves),
        "strokes": len(answer_times),
        "answers_while_drawing": round(answers_while_drawing / drawing_seconds, 1),
        "read": f"{read}/{n_digits}",
    }
    if verbose:
        print(f"{'drawn':>5}  {'answer':>6}  verdict")
        for digit, answer, verdict, reason in rows:
            print(f"{digit:>5}  {answer if answer is not None else '-':>6}  {verdict}{f' ({reason})' if reason else ''}")
        print()
        print(f"{'measure':<28}{'value':>10}  target")
        for key, target in (("move_ms", "<= 2"), ("move_p90_ms", ""), ("move_max_ms", ""),
                            ("answer_ms", "<= 30"), ("answer_max_ms", ""), ("answer_compute_ms", ""),
                            ("answers_while_drawing", "<= ~33 /s"), ("moves", ""), ("strokes", ""), ("read", ""),
                            ("load_average", "")):
            print(f"{key:<28}{result[key]!s:>10}  {target}")
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--digits", type=int, default=24, help="digits to draw (default 24)")
    parser.add_argument("--seed", type=int, default=0, help="seed of their sizes and places")
    args = parser.parse_args(argv)
    result = measure_canvas_timing(args.digits, args.seed, verbose=True)
    print(json.dumps({"answer_ms": result["answer_ms"], "move_ms": result["move_ms"]}))
    return 0


if __name__ == "__main__":
    sys.exit(main())

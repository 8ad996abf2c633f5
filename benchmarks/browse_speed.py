"""How fast the Browse view is, issue 9's budgets: with the 50,000 training images, showing
them, changing a filter, sorting by cost and drawing the map each under 100 ms once the
predictions are known; predictions and costs for 10,000 images under 50 ms for networks up to
784-100-10 (the 800-wide bundled network's figure reported too).

Run: python benchmarks/browse_speed.py [--repeats N]
Prints a table, then as its last line one JSON object with:

- ``show_ms``: the Browse view switching from the test images to the 50,000 training images
  (their scores already computed), then painted (grid, count, confusion matrix, detail);
- ``filter_ms``: a click on the confusion matrix's cell (4, 9) of the training images (filter
  and order most confident first), then painted;
- ``sort_ms``: the order box set to "Highest cost first" on the 50,000, then painted;
- ``map_ms``: the map of the 50,000 drawn (``DataMap.set_points``) and painted;
- ``predict_ms``: :func:`core.browse.score` on the 10,000 test images with 784-100-10;
- ``predict_ms_default800`` and ``predict_ms_784_30_10``: the same with the bundled 784-800-10
  and with 784-30-10; ``sort_ms_core``, ``filter_ms_core``, ``map_ms_core`` and
  ``map_ms_core_default800``: core's own share (order by cost and one confusion cell over the
  50,000, :func:`core.browse.hidden_map` of the 10,000 test images).

The GUI figures are the best of ``--repeats`` runs, offscreen (``QT_QPA_PLATFORM=offscreen``
unless another platform is set), in a 1280 x 820 view with the bundled network.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.evaluate_speed import best_of  # the best wall time of n calls, in ms
from core import browse
from core.datasets import load_mnist
from core.mlp import MLP
from core.paths import default_model_path

PREDICT_BUDGET_MS = 50.0
VIEW_BUDGET_MS = 100.0


def core_timings(data, repeats: int) -> tuple[list, dict]:
    """Core's figures: (table rows, JSON keys)."""
    test, train = data.test, data.train
    networks = {
        "784-30-10": MLP((784, 30, 10), rng=np.random.default_rng(0), init="scaled"),
        "784-100-10": MLP((784, 100, 10), rng=np.random.default_rng(0), init="scaled"),
        "784-800-10 (bundled)": MLP.load(default_model_path()),
    }
    rows = []  # (what, network, n, ms, budget)
    predict, maps = {}, {}
    for name, model in networks.items():
        predict[name] = best_of(lambda model=model: browse.score(model, test.X, test.y), repeats=max(3, repeats))
        rows.append(("score (predict + cost)", name, len(test.y), predict[name], PREDICT_BUDGET_MS))
    for name in ("784-100-10", "784-800-10 (bundled)"):
        model = networks[name]
        maps[name] = best_of(lambda model=model: browse.hidden_map(model, test.X), repeats=3)
        rows.append(("core hidden_map (PCA)", name, len(test.y), maps[name], None))
    scores = browse.score(networks["784-100-10"], train.X, train.y)
    sort_ms = best_of(lambda: browse.order(scores, "cost"), repeats=max(3, repeats))
    rows.append(("core order by cost", "784-100-10", len(train.y), sort_ms, None))
    filter_ms = best_of(lambda: browse.select(scores, train.y, true=4, predicted=9), repeats=max(3, repeats))
    rows.append(("core select cell (4, 9)", "784-100-10", len(train.y), filter_ms, None))
    keys = {
        "predict_ms": round(predict["784-100-10"], 2),
        "predict_ms_default800": round(predict["784-800-10 (bundled)"], 2),
        "predict_ms_784_30_10": round(predict["784-30-10"], 2),
        "sort_ms_core": round(sort_ms, 2),
        "filter_ms_core": round(filter_ms, 2),
        "map_ms_core": round(maps["784-100-10"], 2),
        "map_ms_core_default800": round(maps["784-800-10 (bundled)"], 2),
    }
    return rows, keys


def _timed(action, undo, repeats: int) -> float:
    """Best of ``repeats`` wall times of ``action()`` in ms, ``undo()`` (untimed) after each."""
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
        undo()
    return 1000 * min(times)


def gui_timings(data, repeats: int) -> tuple[list, dict]:
    """The Browse view's figures on the training images: (table rows, JSON keys)."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from mnist_gui.session import Session
    from mnist_gui.views.browse import BrowseView

    app = QApplication.instance() or QApplication([])
    own = tempfile.TemporaryDirectory()  # no digits of the user's
    session = Session(own_digits_dir=own.name)
    session.set_data(data)
    session.open_model(default_model_path())
    view = BrowseView(session)
    view.resize(1280, 820)
    view.show()
    for name in ("train", "test"):  # the predictions known: scored (and mapped) beforehand
        view.show_set(name)
        view.wait_until_current()
    app.processEvents()

    def painted(widget):
        widget.repaint()
        app.processEvents()

    show_ms = _timed(lambda: (view.show_set("train"), painted(view)), lambda: view.show_set("test"), repeats)
    view.show_set("train")
    painted(view)
    filter_ms = _timed(lambda: (view.confusion_table.cellClicked.emit(4, 9), painted(view)),
                       lambda: view.set_filter(None, None, None, "index"), repeats)
    index = view.order_combo.findData("cost")
    sort_ms = _timed(lambda: (view.order_combo.setCurrentIndex(index), painted(view)),
                     lambda: view.order_combo.setCurrentIndex(0), repeats)
    view.tabs.setCurrentWidget(view.data_map)
    app.processEvents()
    split, scores, points = data.train, view.list_model.scores, view.scorer.points("train")
    map_ms = _timed(lambda: (view.data_map.set_points(points, split.y, scores.predicted, split.images,
                                                      data.class_names), painted(view.data_map)),
                    view.data_map.clear_points, repeats)
    view.close()
    own.cleanup()
    rows = [("view: show 50,000 training", "784-800-10 (bundled)", len(split), show_ms, VIEW_BUDGET_MS),
            ("view: confusion cell (4, 9)", "784-800-10 (bundled)", len(split), filter_ms, VIEW_BUDGET_MS),
            ("view: sort by cost", "784-800-10 (bundled)", len(split), sort_ms, VIEW_BUDGET_MS),
            ("view: draw the map", "784-800-10 (bundled)", len(split), map_ms, VIEW_BUDGET_MS)]
    return rows, {"show_ms": round(show_ms, 2), "filter_ms": round(filter_ms, 2), "sort_ms": round(sort_ms, 2),
                  "map_ms": round(map_ms, 2)}


def main(argv: list[str] | None = None) -> dict:
    """Measure, print the table and the JSON line; return the JSON object."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=10, help="runs of each GUI action; the best is kept")
    args = parser.parse_args(argv)
    data = load_mnist()
    rows, keys = core_timings(data, args.repeats)
    gui_rows, gui_keys = gui_timings(data, args.repeats)
    rows += gui_rows
    print(f"{'what':30} {'network':22} {'rows':>7} {'ms (best)':>10} {'budget':>7}")
    for what, name, n, ms, budget in rows:
        verdict = "" if budget is None or ms <= budget else "  over"
        print(f"{what:30} {name:22} {n:7,} {ms:10.2f} {'' if budget is None else f'{budget:.0f}':>7}{verdict}")
    result = {**{k: gui_keys[k] for k in ("show_ms", "filter_ms", "sort_ms", "map_ms")},
              "predict_ms": keys.pop("predict_ms"), **keys}
    print(json.dumps(result))
    return result


if __name__ == "__main__":
    main()

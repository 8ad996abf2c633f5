"""How long the Browse view's numbers take in core (core.browse), issue 9's budgets:
predictions and costs for 10,000 images under 50 ms for networks up to 784-100-10 (the
800-wide bundled network's figure reported too), and sorting by cost, filtering and the map
under 100 ms once the predictions are known.

Run: python benchmarks/browse_speed.py
Prints a table, then as its last line one JSON object:
``predict_ms`` (core.browse.score on the 10,000 test images, 784-100-10),
``predict_ms_default800`` (the same for the bundled 784-800-10), ``sort_ms_core`` (order by
cost over the 50,000 training images), ``filter_ms_core`` (select one confusion cell of the
50,000), ``map_ms_core`` (core.browse.hidden_map of the 10,000 test images, 784-100-10) and
``map_ms_core_default800``. The GUI's keys ``show_ms``, ``filter_ms``, ``sort_ms``, ``map_ms``
are null: the Browse view's grid and map are not built on core.browse yet, and they will be
measured there.
"""

from __future__ import annotations

import json
import sys
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


def main() -> None:
    data = load_mnist()
    test, train = data.test, data.train
    networks = {
        "784-30-10": MLP((784, 30, 10), rng=np.random.default_rng(0), init="scaled"),
        "784-100-10": MLP((784, 100, 10), rng=np.random.default_rng(0), init="scaled"),
        "784-800-10 (bundled)": MLP.load(default_model_path()),
    }
    rows = []  # (what, network, n, ms, budget)
    predict, maps = {}, {}
    for name, model in networks.items():
        predict[name] = best_of(lambda model=model: browse.score(model, test.X, test.y), repeats=10)
        rows.append(("score (predict + cost)", name, len(test.y), predict[name], PREDICT_BUDGET_MS))
    for name in ("784-100-10", "784-800-10 (bundled)"):
        model = networks[name]
        maps[name] = best_of(lambda model=model: browse.hidden_map(model, test.X), repeats=3)
        rows.append(("hidden_map (PCA)", name, len(test.y), maps[name], VIEW_BUDGET_MS))
    scores = browse.score(networks["784-100-10"], train.X, train.y)
    sort_ms = best_of(lambda: browse.order(scores, "cost"), repeats=10)
    rows.append(("order by cost", "784-100-10", len(train.y), sort_ms, VIEW_BUDGET_MS))
    filter_ms = best_of(lambda: browse.select(scores, train.y, true=4, predicted=9), repeats=10)
    rows.append(("select cell (4, 9)", "784-100-10", len(train.y), filter_ms, VIEW_BUDGET_MS))

    print(f"{'what':24} {'network':22} {'rows':>7} {'ms (best)':>10} {'budget':>7}")
    for what, name, n, ms, budget in rows:
        print(f"{what:24} {name:22} {n:7,} {ms:10.2f} {budget:7.0f}{'' if ms <= budget else '  over'}")
    print("GUI figures (show_ms, filter_ms, sort_ms, map_ms): null, the Browse view does not use core.browse yet.")
    print(json.dumps({
        "predict_ms": round(predict["784-100-10"], 2),
        "predict_ms_default800": round(predict["784-800-10 (bundled)"], 2),
        "predict_ms_784_30_10": round(predict["784-30-10"], 2),
        "sort_ms_core": round(sort_ms, 2),
        "filter_ms_core": round(filter_ms, 2),
        "map_ms_core": round(maps["784-100-10"], 2),
        "map_ms_core_default800": round(maps["784-800-10 (bundled)"], 2),
        "show_ms": None, "filter_ms": None, "sort_ms": None, "map_ms": None,
    }))


if __name__ == "__main__":
    main()

"""How long evaluating a network on 10,000 images takes: accuracy, per-class accuracy and the
10 x 10 confusion matrix (core.metrics.evaluate). The budget is "well under 50 ms".

Run: python benchmarks/evaluate_speed.py
Prints a table, then one JSON object per network as its last lines. The time grows with the
network's weights (a forward pass is 2 * 784 * hidden FLOPs per image), so the budget is met
by networks up to a few hundred hidden neurons, not by the 800-wide bundled one.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from core.datasets import load_mnist
from core.metrics import evaluate
from core.mlp import MLP
from core.paths import default_model_path

BUDGET_MS = 50.0


def best_of(function, repeats: int = 20) -> float:
    """Best wall time of ``repeats`` calls, in milliseconds."""
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        function()
        times.append(time.perf_counter() - started)
    return 1000 * min(times)


def main() -> None:
    data = load_mnist()
    test = data.test
    networks = {
        "784-30-10 (Nielsen ch. 1)": MLP((784, 30, 10), rng=np.random.default_rng(0)),
        "784-100-10 (Nielsen ch. 3)": MLP((784, 100, 10), rng=np.random.default_rng(0)),
        "784-800-10 (the bundled model)": MLP.load(default_model_path()),
    }
    rows = []
    for name, model in networks.items():
        result = evaluate(model, test.X, test.y)
        assert result.confusion.shape == (10, 10) and result.per_class_accuracy.shape == (10,)
        ms = best_of(lambda model=model: evaluate(model, test.X, test.y).per_class_accuracy)
        rows.append({"network": name, "images": len(test.y), "ms": round(ms, 2),
                     "budget_ratio": round(ms / BUDGET_MS, 3)})
    print(f"{'network':32} {'images':>7} {'ms (best of 20)':>16} {'/ 50 ms':>8}")
    for row in rows:
        print(f"{row['network']:32} {row['images']:7,} {row['ms']:16.2f} {row['budget_ratio']:8.3f}")
    for row in rows:
        print(json.dumps(row))


if __name__ == "__main__":
    main()

"""What "Correct me" costs: core.finetune.fine_tune on misclassified test images.

For each of the bundled network's first N misclassified test images (N = 40 by default), the
network is fine-tuned on that image with its true label (the defaults: 20 mini-batches of the
image and 9 random MNIST training images, eta 0.1, cross-entropy, seed = the image's rank), then:
is the image now read as its label, how much did the test accuracy on the other 9,999 images
drop (points), how long did it take. A control fine-tunes on a validation image the network
already reads right, to separate the cost of the SGD steps from that of the new digit.

    python benchmarks/fine_tune.py [N]

Prints a table, and last one JSON object: learned (fraction of corrections that took),
drop_mean_points, drop_max_points, control_drop_mean_points, median_ms, median_batches.
"""

from __future__ import annotations

import json
import sys
import time

import numpy as np

from core.datasets import load_mnist
from core.finetune import fine_tune
from core.mlp import MLP
from core.paths import default_model_path


def measure(n: int = 40) -> dict:
    """Run the corrections and the control; returns the JSON figures (see the module)."""
    data = load_mnist()
    model = MLP.load(default_model_path())
    test = data.test
    predicted = model.predict(test.X)
    correct = predicted == test.y
    wrong = np.flatnonzero(~correct)[:n]
    rows = []
    for rank, i in enumerate(wrong):
        others = np.ones(len(test.y), bool)
        others[i] = False
        started = time.perf_counter()
        new = fine_tune(model, test.X[i:i + 1], test.y[i:i + 1], data.train, np.random.default_rng(rank))
        ms = 1000 * (time.perf_counter() - started)
        drop = 100 * (correct[others].mean() - (new.predict(test.X[others]) == test.y[others]).mean())
        rows.append((int(new.predict(test.X[i:i + 1])[0] == test.y[i]), new.metadata["fine_tuned"][-1]["n_batches"],
                     drop, ms))
    control = []
    readable = np.flatnonzero(model.predict(data.validation.X[:n]) == data.validation.y[:n])
    for rank, i in enumerate(readable):
        new = fine_tune(model, data.validation.X[i:i + 1], data.validation.y[i:i + 1], data.train,
                        np.random.default_rng(rank))
        control.append(100 * (correct.mean() - (new.predict(test.X) == test.y).mean()))
    r = np.array(rows, float)
    print(f"{'image':>6} {'label':>5} {'was':>4} {'learned':>7} {'batches':>7} {'drop (points)':>13} {'ms':>7}")
    for (learned, batches, drop, ms), i in zip(rows, wrong):
        print(f"{i:>6} {test.y[i]:>5} {predicted[i]:>4} {'yes' if learned else 'no':>7} {batches:>7} {drop:>13.2f} "
              f"{ms:>7.1f}")
    print(f"test accuracy before: {100 * correct.mean():.2f}%; control (an image already read right): "
          f"drop {np.mean(control):.3f} points on average over {len(control)}")
    return {"learned": round(float(r[:, 0].mean()), 4), "drop_mean_points": round(float(r[:, 2].mean()), 3),
            "drop_max_points": round(float(r[:, 2].max()), 3),
            "control_drop_mean_points": round(float(np.mean(control)), 3),
            "median_ms": round(float(np.median(r[:, 3])), 1), "median_batches": float(np.median(r[:, 1]))}


if __name__ == "__main__":
    print(json.dumps(measure(int(sys.argv[1]) if len(sys.argv) > 1 else 40)))

"""Calibrate the confidence thresholds of core/reading.py for a network, on calibration data only.

Two thresholds of :func:`core.reading.read_canvas` depend on how confident a network is:
:data:`~core.reading.UNUSUAL_TOP` (an unusual shape for a digit is read as one only if the top
activation reaches it) and :data:`~core.reading.STROKES_TOP` (the same for straight strokes
crossing and zigzags). A network trained with cross-entropy on distorted digits is more
confident on everything, non-digits included, so these must be checked for each network that
is to be bundled.

Calibration data, never the test images nor the benchmark's seeds (canvas_fidelity.py uses
seed + 1000 and seed + 2000, the test suite 54321):

- MNIST's validation images, as given and painted on a canvas (:func:`core.nondigits.paint_digit`,
  as drawn, thinner, thicker), the first ``--digits``;
- ``--non-digits`` canvases of every kind and ``--stroke-non-digits`` of the stroke kinds,
  seeds 100 and 300.

Every canvas is read once; the verdict is then recomputed for each pair of thresholds from
the reading's shape features and activations, exactly as read_canvas decides. The table gives,
for each pair, the share of digits refused (the worst of the four digit sets) and the shares
of non-digits and stroke shapes refused. Last line: one JSON object with the figures at the
thresholds now in core/reading.py.

    python benchmarks/calibrate_reading.py --model /tmp/net.npz
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import numpy as np

from core import reading
from core.datasets import load_mnist
from core.mlp import MLP
from core.nondigits import STROKE_KINDS, make_non_digits, paint_digit
from core.paths import default_model_path
from core.reading import DIGIT, read_canvas

STROKE_DELTA = 2


def flags(r) -> tuple[bool, bool, bool, float, bool] | bool:
    """What read_canvas's decision needs from a reading: (a shape rule refuses it, an unusual
    shape, a stroke shape, the top activation, the network unsure), or, for a reading without
    features or activations, whether it was refused (no threshold changes that)."""
    if r.features is None or r.activations is None:
        return r.verdict != DIGIT
    return (bool(reading.shape_reason(r.features)), bool(reading.unusual_shape(r.features)),
            bool(reading.stroke_shape(r.features)), float(r.activations.max()),
            bool(reading.confidence_reason(r.activations)))


def is_refused(row, unusual_top: float, strokes_top: float) -> bool:
    """read_canvas's verdict (refused or a digit) for these thresholds, in its order of rules."""
    if isinstance(row, bool):
        return row
    shape, unusual, strokes, top, unsure = row
    if shape:
        return True
    if unusual and top < unusual_top:
        return True
    if strokes and top < strokes_top:
        return True
    return unsure


def refused(table: list, unusual_top: float, strokes_top: float) -> float:
    """Share of a set refused with these thresholds."""
    return float(np.mean([is_refused(row, unusual_top, strokes_top) for row in table])) if table else 0.0


def main(argv=None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--model", default=None, help="model file (default: the bundled network)")
    parser.add_argument("--digits", type=int, default=2000, help="validation images (default 2000)")
    parser.add_argument("--non-digits", type=int, default=1600)
    parser.add_argument("--stroke-non-digits", type=int, default=1200)
    args = parser.parse_args(argv)
    model = MLP.load(Path(args.model) if args.model else default_model_path())
    validation = load_mnist().validation
    images = validation.images[:args.digits]
    seeds = np.random.default_rng(7).integers(0, 2**63, size=len(images))
    sets = {"as given": [flags(read_canvas(model, im)) for im in images]}
    for name, delta in (("painted", 0), ("thin", -STROKE_DELTA), ("thick", STROKE_DELTA)):
        sets[name] = [flags(read_canvas(model, paint_digit(im, rng=np.random.default_rng(s), stroke_delta=delta)))
                      for im, s in zip(images, seeds)]
    non, _ = make_non_digits(args.non_digits, rng=np.random.default_rng(100))
    strokes, _ = make_non_digits(args.stroke_non_digits, rng=np.random.default_rng(300), kinds=STROKE_KINDS)
    non_t = [flags(read_canvas(model, im)) for im in non]
    strokes_t = [flags(read_canvas(model, im)) for im in strokes]

    digit_sets = ["as given", "painted", "thin", "thick"]
    print(f"{model!r}; {args.digits} validation digits, {args.non_digits} non-digits (seed 100), "
          f"{args.stroke_non_digits} stroke shapes (seed 300)")
    print(f"{'UNUSUAL_TOP':>11} {'STROKES_TOP':>11} " + " ".join(f"{s:>9}" for s in digit_sets)
          + f" {'non-digits':>10} {'strokes':>8}")
    for ut in (0.7, 0.8, 0.9, 0.95):
        for st in (0.9, 0.95, 0.98, 0.99, 0.995):
            digits = [refused(sets[s], ut, st) for s in digit_sets]
            print(f"{ut:>11} {st:>11} " + " ".join(f"{100 * d:8.2f}%" for d in digits)
                  + f" {100 * refused(non_t, ut, st):9.1f}% {100 * refused(strokes_t, ut, st):7.1f}%")
    ut, st = reading.UNUSUAL_TOP, reading.STROKES_TOP
    result = {"unusual_top": ut, "strokes_top": st,
              "digits_rejected_worst": round(max(refused(sets[s], ut, st) for s in digit_sets), 4),
              "non_digits_rejected": round(refused(non_t, ut, st), 4),
              "stroke_shapes_rejected": round(refused(strokes_t, ut, st), 4)}
    print(json.dumps(result))
    return result


if __name__ == "__main__":
    main()

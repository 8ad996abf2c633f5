"""The speed benchmark measures the right thing: its FLOP count, and its textbook and
PyTorch versions doing the same maths as core (the timings themselves are not tested); the
canvas-fidelity benchmark runs end to end and prints the keys issue 8 names."""

import numpy as np

from benchmarks.train_speed import SIZES, agreement, epoch_flops
from core.mlp import MLP
from core.nondigits import KINDS


def test_flop_count_of_a_784_30_10_epoch_is_4_79_gflop():
    total, parts = epoch_flops((784, 30, 10), 50_000)
    assert parts["forward a@w"] == 2 * (784 * 30 + 30 * 10) * 50_000
    assert parts["weight gradients a^T@delta"] == parts["forward a@w"]
    assert parts["hidden errors delta@w^T"] == 2 * 30 * 10 * 50_000  # no gradient for the input
    assert total == 4_794_000_000


def test_textbook_and_core_do_the_same_maths(mnist):
    init = MLP(SIZES, rng=np.random.default_rng(1))
    differences = agreement(mnist.train.X, mnist.train.y, init, n_batches=20)
    assert differences["textbook"] < 1e-5  # float32 rounding only, after 20 steps of SGD
    assert differences.get("PyTorch", 0.0) < 1e-5


def test_canvas_fidelity_runs_and_prints_its_keys(capsys):
    """benchmarks/canvas_fidelity.py end to end on a handful of images (no timing: that is the
    Draw view's benchmark, run by the full benchmark only)."""
    import json

    from benchmarks.canvas_fidelity import main

    result = main(["--digits", "12", "--non-digits", "8", "--inverted", "4", "--no-timing"])
    last = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert last == result
    for key in ("original_accuracy", "canvas_accuracy", "thin_accuracy", "thick_accuracy", "digits_rejected",
                "non_digits_rejected", "answer_ms", "move_ms"):
        assert key in last
    assert last["answer_ms"] is None and last["move_ms"] is None
    assert 0.0 <= last["digits_rejected"] <= 1.0 and last["canvas_accuracy"] > 0.5
    assert set(last["non_digits_rejected_by_kind"]) == set(KINDS)


def test_browse_speed_runs_and_prints_its_keys(capsys, qapp):
    """benchmarks/browse_speed.py end to end, one repeat (the figures are the benchmark's, not
    checked here): the last line holds issue 9's keys, each a time in ms."""
    import json

    from benchmarks.browse_speed import main

    result = main(["--repeats", "1"])
    last = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert last == result
    for key in ("show_ms", "filter_ms", "sort_ms", "map_ms", "predict_ms", "predict_ms_default800"):
        assert isinstance(last[key], float) and last[key] > 0, key


def test_fuzz_runs_and_prints_its_keys(capsys):
    """benchmarks/fuzz.py end to end on 30 inputs a reader, no bombs (the full run is the
    benchmark's): the last line holds issue 11's keys, and every input was counted."""
    import json

    from benchmarks.fuzz import main

    result = main(["--examples", "30", "--no-bombs", "--seed", "1"])
    last = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert last == result
    assert list(last)[:3] == ["examples", "failures", "peak_rss_mb"]
    assert last["examples"] == 60 and 0 <= last["failures"] <= 60 and last["peak_rss_mb"] > 0
    assert {reader: counts["examples"] for reader, counts in last["by_reader"].items()} == {"idx": 30, "model": 30}


def test_fuzz_counts_an_undocumented_exception_as_a_failure(monkeypatch, capsys):
    """A reader that lets another exception escape, or warns, is caught by the benchmark."""
    import warnings

    from benchmarks import fuzz

    def leaky(raw, path="<bytes>"):
        if len(raw) % 2:
            raise KeyError("not a documented error")
        warnings.warn("a warning is a failure too", RuntimeWarning, stacklevel=1)

    monkeypatch.setattr(fuzz.idx_module, "decode_idx", leaky)
    result = fuzz.main(["--examples", "20", "--no-bombs", "--reader", "idx"])
    capsys.readouterr()
    assert result["failures"] == result["examples"] == 20
    assert set(result["by_reader"]["idx"]["failure_types"]) == {"KeyError", "RuntimeWarning"}


def test_soak_runs_and_prints_its_keys():
    """benchmarks/soak.py end to end with 3 short runs, in its own process (it installs a Qt
    message handler and exception hooks of its own): the last line holds issue 11's keys,
    and the 3 runs raised nothing and warned nothing."""
    import json
    import os
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run([sys.executable, str(root / "benchmarks" / "soak.py"), "--runs", "3", "--timeout", "60"],
                          check=False, capture_output=True, text=True, timeout=300, env=env, cwd=root)
    assert done.returncode == 0, done.stderr[-3000:]
    last = json.loads(done.stdout.strip().splitlines()[-1])
    assert list(last)[:3] == ["runs", "rss_growth_mb", "qt_warnings"]
    assert last["runs"] == 3 and last["qt_warnings"] == 0 and last["exceptions"] == 0, done.stderr[-3000:]
    assert last["message_boxes"] == 0 and isinstance(last["rss_growth_mb"], float)

"""core.estimate.estimate_run: sane values for small and huge networks, the memory counted
for 784-100000-10 (the issue's example), and that the estimate never builds the big network.
No timed asserts: the measured seconds are only checked to be positive and finite."""

import math
import tracemalloc
from itertools import pairwise

import numpy as np
import pytest

from core.estimate import RunEstimate, estimate_run, format_bytes, format_duration
from core.sgd import TrainConfig


@pytest.mark.parametrize("sizes, m", [((784, 30, 10), 10), ((784, 800, 10), 20), ((784, 20, 20, 10), 1000)])
def test_an_estimate_of_a_small_network_is_sane(sizes, m):
    config = TrainConfig(layer_sizes=sizes, batch_size=m, n_epochs=30)
    estimate = estimate_run(config, 50_000, budget_seconds=0.05, rng=np.random.default_rng(0))
    assert isinstance(estimate, RunEstimate)
    for seconds in (estimate.training_seconds_per_epoch, estimate.evaluation_seconds_per_epoch):
        assert math.isfinite(seconds) and seconds > 0
    assert estimate.seconds_per_epoch == pytest.approx(
        estimate.training_seconds_per_epoch + estimate.evaluation_seconds_per_epoch)
    assert estimate.total_seconds == pytest.approx(30 * estimate.seconds_per_epoch)
    assert estimate.measured_on == "-".join(map(str, sizes))  # small enough to time as it is
    weights = sum(a * b for a, b in pairwise(sizes))
    labels = 50_000 * 10 * 4  # Y, one-hot in float32 (mini-batches are gathered, not a shuffled copy)
    assert isinstance(estimate.peak_bytes, int) and 5 * 4 * weights + labels < estimate.peak_bytes < 1e9
    assert estimate.warnings(max_epoch_seconds=math.inf, max_bytes=math.inf) == []
    assert any("GB of memory" in w or "MB of memory" in w for w in estimate.warnings(max_bytes=0))
    assert "per epoch (30 epochs: about" in estimate.warnings(max_epoch_seconds=0)[0]


def test_the_issue_s_784_100000_10_is_estimated_on_a_narrower_network_without_building_it():
    """784-100000-10 has 79.4 million weights (318 MB in float32; train keeps several copies:
    the weights, the gradients, two last good copies, the GUI's two): about 2 GB, which the
    warnings say. The estimate times a narrower network of about 2 million weights, so it
    allocates a few tens of MB (tracemalloc sees numpy's memory)."""
    config = TrainConfig(layer_sizes=(784, 100_000, 10), batch_size=10, n_epochs=30)
    tracemalloc.start()
    try:
        estimate = estimate_run(config, 50_000)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 100e6
    assert estimate.peak_bytes > 6 * 4 * 79.4e6
    with_best = estimate_run(TrainConfig(layer_sizes=(784, 100_000, 10), batch_size=10, keep_best=True), 50_000,
                             budget_seconds=0.02)
    assert with_best.peak_bytes > estimate.peak_bytes + 2 * 4 * 79.4e6 > 2e9  # the best epoch's copy, and its successor
    hidden = int(estimate.measured_on.split("-")[1])
    assert estimate.measured_on == f"784-{hidden}-10" and 2000 < hidden < 2600  # about 2 million weights
    assert estimate.seconds_per_epoch > 0 and math.isfinite(estimate.seconds_per_epoch)
    warnings = estimate.warnings(max_epoch_seconds=math.inf, max_bytes=1.5e9)
    assert len(warnings) == 1 and warnings[0].startswith("about ") and warnings[0].endswith(" GB of memory")


def test_memory_grows_with_float64_binarize_and_a_shorter_last_mini_batch():
    def peak(**config):
        return estimate_run(TrainConfig(layer_sizes=(784, 100, 10), **config), 50_000,
                            budget_seconds=0.02).peak_bytes

    plain = peak()
    assert peak(dtype="float64") > 1.9 * plain  # everything doubles, and X is then a copy
    assert peak(binarize=0.5) > plain + 50_000 * 784 * 4 - 1  # prepare() copies X
    assert peak(batch_size=7) > plain  # 50,000 % 7: a second set of gradients


def test_without_evaluation_there_is_no_evaluation_time():
    estimate = estimate_run(TrainConfig(), 1000, n_eval=0, budget_seconds=0.02)
    assert estimate.evaluation_seconds_per_epoch == 0 and estimate.training_seconds_per_epoch > 0


@pytest.mark.parametrize("n_train, n_eval, budget", [(0, 10, 0.1), (10, -1, 0.1), (10, 10, 0), (10, 10, math.nan),
                                                     (2.5, 10, 0.1)])
def test_bad_arguments_are_value_errors(n_train, n_eval, budget):
    with pytest.raises(ValueError):
        estimate_run(TrainConfig(), n_train, n_eval, budget_seconds=budget)


def test_warnings_read_as_the_issue_s():
    estimate = RunEstimate(seconds_per_epoch=23 * 60, training_seconds_per_epoch=20 * 60,
                           evaluation_seconds_per_epoch=3 * 60, peak_bytes=5_100_000_000, measured_on="784-2518-10",
                           n_epochs=30)
    assert estimate.warnings() == ["about 23 minutes per epoch (30 epochs: about 12 hours)",
                                   "about 5.1 GB of memory"]
    assert estimate.warnings(max_epoch_seconds=3600, max_bytes=6e9) == []
    assert [format_duration(s) for s in (0.2, 1, 40, 89, 600, 5400, 3 * 3600, 30 * 3600, 5 * 86400)] == [
        "1 second", "1 second", "40 seconds", "89 seconds", "10 minutes", "1.5 hours", "3.0 hours", "30 hours",
        "5 days"]
    assert [format_bytes(b) for b in (2e5, 850e6, 2.14e9)] == ["1 MB", "850 MB", "2.1 GB"]


def test_a_run_that_distorts_counts_making_the_copies_and_their_memory():
    """Each epoch's distorted copy is made on a second thread while the epoch before trains:
    the estimate times it, takes the longer of the two (their sum on one core), and counts
    two copies of the training images."""
    plain = TrainConfig(layer_sizes=(784, 30, 10), batch_size=10)
    distorting = TrainConfig(layer_sizes=(784, 30, 10), batch_size=10, distort_rotation=10.0, elastic_alpha=34.0)
    a = estimate_run(plain, 50_000, budget_seconds=0.05)
    b = estimate_run(distorting, 50_000, budget_seconds=0.05)
    assert a.distortion_seconds_per_epoch == 0.0
    assert b.distortion_seconds_per_epoch > 0 and math.isfinite(b.distortion_seconds_per_epoch)
    assert b.training_seconds_per_epoch >= b.distortion_seconds_per_epoch
    assert b.peak_bytes >= a.peak_bytes + 2 * 50_000 * 784 * 4

"""The speed benchmark measures the right thing: its FLOP count, and its textbook and
PyTorch versions doing the same maths as core (the timings themselves are not tested)."""

import numpy as np

from benchmarks.train_speed import SIZES, agreement, epoch_flops
from core.mlp import MLP


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

"""fine_tune: a new network that reads the corrected digit right, forgets little, and leaves the
network it started from untouched."""

import numpy as np
import pytest

from core.finetune import fine_tune
from core.mlp import MLP
from core.paths import default_model_path


@pytest.fixture(scope="module")
def bundled():
    return MLP.load(default_model_path())


@pytest.fixture(scope="module")
def misread(bundled, mnist):
    """Indices of the first 3 test images the bundled network gets wrong."""
    return np.flatnonzero(bundled.predict(mnist.test.X) != mnist.test.y)[:3]


def _params(model):
    return [p.copy() for p in model.get_params()]


def test_a_correction_is_learned_and_costs_at_most_half_a_point_of_test_accuracy(bundled, mnist, misread):
    test = mnist.test
    before = _params(bundled)
    correct_before = bundled.predict(test.X) == test.y
    for seed, i in enumerate(misread):
        new = fine_tune(bundled, test.X[i:i + 1], test.y[i:i + 1], mnist.train, np.random.default_rng(seed))
        assert new.predict(test.X[i:i + 1])[0] == test.y[i]  # the answer changed to the right one
        others = np.arange(len(test.y)) != i
        drop = correct_before[others].mean() - (new.predict(test.X[others]) == test.y[others]).mean()
        assert drop <= 0.005, (i, drop)
        record = new.metadata["fine_tuned"][-1]
        assert record["labels"] == [int(test.y[i])] and record["learned"] is True
        assert record["n_batches"] >= 20 and record["eta"] == 0.1 and record["cost"] == "cross-entropy"
    after = _params(bundled)  # the network it started from is untouched, bit for bit
    assert all(np.array_equal(a, b) and a.dtype == b.dtype for a, b in zip(before, after))
    assert "fine_tuned" not in bundled.metadata


def test_the_same_seed_gives_the_same_network(bundled, mnist, misread):
    i = misread[0]
    a, b = (fine_tune(bundled, mnist.test.X[i:i + 1], mnist.test.y[i:i + 1], mnist.train, np.random.default_rng(5),
                      n_batches=3) for _ in range(2))
    assert all(np.array_equal(p, q) for p, q in zip(a.get_params(), b.get_params()))


def test_several_digits_share_the_mini_batches_and_a_small_training_split_is_drawn_with_replacement(mnist):
    rng = np.random.default_rng(0)
    model = MLP((784, 12, 10), rng=rng)
    X, y = mnist.test.X[:4], mnist.test.y[:4]
    small = type(mnist.train)(X=mnist.train.X[:30], y=mnist.train.y[:30], images=mnist.train.images[:30])
    new = fine_tune(model, X, y, small, rng, n_batches=5, max_batches=5, batch_size=10, mix=0.5)
    assert new.metadata["fine_tuned"][-1]["n_batches"] == 5
    assert not all(np.array_equal(p, q) for p, q in zip(model.get_params(), new.get_params()))


def test_bad_arguments_are_refused(bundled, mnist):
    rng = np.random.default_rng(0)
    x, y = mnist.test.X[:1], mnist.test.y[:1]
    with pytest.raises(ValueError, match="at least one new digit"):
        fine_tune(bundled, x[:0], y[:0], mnist.train, rng)
    with pytest.raises(ValueError, match="one label per digit"):
        fine_tune(bundled, x, mnist.test.y[:2], mnist.train, rng)
    with pytest.raises(ValueError, match="labels must be in 0..9"):
        fine_tune(bundled, x, np.array([10]), mnist.train, rng)
    with pytest.raises(ValueError, match="shape"):
        fine_tune(bundled, np.zeros((1, 100), np.float32), y, mnist.train, rng)
    with pytest.raises(ValueError, match="mix"):
        fine_tune(bundled, x, y, mnist.train, rng, mix=1.0)

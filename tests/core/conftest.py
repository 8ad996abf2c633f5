"""Fixtures for the core tests: one network trained for one epoch on the real data, shared
by the accuracy test and the preprocessing test so that the suite trains it only once."""

import numpy as np
import pytest

from core.sgd import TrainConfig, train


@pytest.fixture(scope="session")
def one_epoch(mnist):
    """(model, reports): 784-30-10, mini-batch 10, eta 3.0, quadratic cost, N(0, 1) weights,
    one epoch over the 50,000 training images, seed 0 (Nielsen ch. 1's run, cut to one epoch)."""
    config = TrainConfig(layer_sizes=(784, 30, 10), n_epochs=1, seed=0)
    rng = np.random.default_rng(config.seed)
    model = config.make_model(rng)
    reports = list(train(model, mnist, config, rng))
    return model, reports

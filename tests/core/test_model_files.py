"""Model files written by earlier versions still load, predict as they did, and round-trip."""

from pathlib import Path

import numpy as np

from core.mlp import MLP
from core.paths import default_model_path

OLD = Path(__file__).parent.parent / "data" / "model-format1-v0.1.0.npz"


def test_an_old_model_file_loads_and_predicts_as_it_did(mnist):
    model = MLP.load(OLD)
    assert model.layer_sizes == (784, 4, 10) and model.dtype == np.float32 and model.binarize == 0.3
    meta = model.metadata
    assert meta["package_version"] == "0.1.0" and meta["config"]["seed"] == 3 and meta["n_train"] == 500
    assert [h["epoch"] for h in meta["history"]] == [1, 2]
    # Its recorded test accuracy is what it still scores, so the weights and the input
    # filter (binarize) are read exactly as they were written.
    assert model.score(mnist.test.X, mnist.test.y) == meta["history"][-1]["test_accuracy"] == 0.4188


def test_an_old_model_file_round_trips(tmp_path):
    model = MLP.load(OLD)
    model.save(tmp_path / "again.npz")
    again = MLP.load(tmp_path / "again.npz")
    assert again.layer_sizes == model.layer_sizes and again.binarize == model.binarize
    assert again.metadata == model.metadata
    for a, b in zip(again.weights + again.biases, model.weights + model.biases):
        assert a.dtype == b.dtype
        np.testing.assert_array_equal(a, b)


def test_the_bundled_model_loads(mnist):
    model = MLP.load(default_model_path())
    assert model.layer_sizes == (784, 800, 10)
    assert model.score(mnist.test.X, mnist.test.y) == model.metadata["history"][-1]["test_accuracy"]

"""How saturated the hidden neurons are (core.metrics.saturation, on MLP.activations), and the
saturation train() measures at every epoch's end on the first 1,000 validation images."""

import math

import numpy as np
import pytest

import core.mlp
from core.metrics import count_saturated, saturation
from core.mlp import MLP
from core.sgd import SATURATION_SAMPLE, TrainConfig, train


def _direct(model, X, low, high):
    """Saturation computed independently in float64: sigma(z) < low  <=>  z < logit(low)."""
    a, fractions = X.astype(np.float64), []
    for w, b in zip(model.weights[:-1], model.biases[:-1]):
        z = a @ w.astype(np.float64) + b
        fractions.append(float(np.mean((z < math.log(low / (1 - low))) | (z > math.log(high / (1 - high))))))
        a = 0.5 * (1 + np.tanh(z / 2))
    return fractions


@pytest.mark.parametrize("init", ["normal", "scaled"])
def test_saturation_matches_a_direct_computation(mnist, init):
    """784-30-20-10 on 1,000 real images: with N(0, 1) weights most of the first hidden
    layer is saturated (Nielsen ch. 3, weight initialisation), with N(0, 1/n_in) little."""
    model = MLP((784, 30, 20, 10), rng=np.random.default_rng(0), init=init, dtype=np.float64)
    X = mnist.validation.X[:1000]
    got = saturation(model, X)
    assert len(got) == 2 and all(isinstance(f, float) and 0 <= f <= 1 for f in got)
    assert got == pytest.approx(_direct(model, X, 0.01, 0.99), abs=1e-4)
    assert (got[0] > 0.5) if init == "normal" else (got[0] < 0.2)
    assert saturation(model, X, low=0.2, high=0.8) == pytest.approx(_direct(model, X, 0.2, 0.8), abs=1e-4)
    counts = count_saturated(model, X)
    assert counts.dtype == np.int64 and counts.tolist() == [round(f * 1000 * n) for f, n in zip(got, (30, 20))]


def test_saturation_in_chunks_is_the_same(mnist, monkeypatch):
    model = MLP((784, 30, 10), rng=np.random.default_rng(1))
    X = mnist.validation.X[:1000]
    whole = saturation(model, X)
    monkeypatch.setattr(core.mlp, "FEEDFORWARD_VALUES", 30 * 70)  # chunks of 70 rows
    assert model.chunk_rows() == 70
    assert saturation(model, X) == whole


def test_saturation_edge_cases():
    X = np.random.default_rng(0).random((5, 784), dtype=np.float32)
    assert saturation(MLP((784, 10), rng=np.random.default_rng(0)), X) == []  # no hidden layer
    model = MLP((784, 4, 10), rng=np.random.default_rng(0))
    assert all(math.isnan(f) for f in saturation(model, X[:0]))
    for low, high in [(0.5, 0.5), (-0.1, 0.9), (0.1, 1.1)]:
        with pytest.raises(ValueError, match="low < high"):
            saturation(model, X, low, high)
    with pytest.raises(ValueError, match="shape"):
        saturation(model, X[:, :100])


def test_activations_are_feedforward_s_layer_by_layer(mnist, monkeypatch):
    model = MLP((784, 30, 20, 10), rng=np.random.default_rng(0))
    X = mnist.validation.X[:250]
    layers = model.activations(X)
    assert [a.shape for a in layers] == [(250, 30), (250, 20), (250, 10)]
    assert all(a.dtype == np.float32 for a in layers)
    assert layers[-1].tobytes() == model.feedforward(X).tobytes()
    monkeypatch.setattr(core.mlp, "FEEDFORWARD_VALUES", 30 * 64)  # chunks of 64 rows, as feedforward's
    chunked = model.activations(X)
    assert chunked[-1].tobytes() == model.feedforward(X).tobytes()
    np.testing.assert_allclose(chunked[0], layers[0], rtol=1e-5, atol=1e-6)


def test_every_epoch_end_reports_saturation_and_the_history_keeps_it(mnist):
    """On the first SATURATION_SAMPLE validation images, at the end of each epoch: the same
    value as core.metrics.saturation gives for the network at that moment, and the same in
    the history row; None mid-epoch."""
    assert SATURATION_SAMPLE == 1000
    config = TrainConfig(layer_sizes=(784, 20, 12, 10), n_epochs=2, train_size=2000, seed=0)
    rng = np.random.default_rng(0)
    model = config.make_model(rng)
    ends = []
    for report in train(model, mnist, config, rng, report_every=50):
        if report.end_of_epoch:
            ends.append(report)
            assert report.saturation == saturation(model, mnist.validation.X[:1000])
        else:
            assert report.saturation is None
    assert len(ends) == 2 and all(len(r.saturation) == 2 for r in ends)
    history = model.metadata["history"]
    assert [h["saturation"] for h in history] == [r.saturation for r in ends]
    assert ends[0].history_row()["saturation"] == ends[0].saturation

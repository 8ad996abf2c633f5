"""core.sgd.train's divergence checks at an epoch's end: a learning rate so large that the
network collapses to chance (eta = 1000 with the quadratic cost saturates every output to 0
and the network answers 0 for every image) ends the run as "diverged", keeping the last good
weights, as a cost that became infinite does; a slow start at chance does not. On the real
data, cut to 5,000 training images (fewer for the slow starts)."""

import dataclasses
import json
import math

import numpy as np
import pytest

import core.sgd
from core.datasets import DataSplit
from core.sgd import TrainConfig, TrainingControl, train


def _train(data, control=None, **config):
    """(model, initial params, reports) of a 784-15-10 run (quadratic cost, N(0, 1), m = 10)."""
    config = TrainConfig(**{"train_size": 5000, "n_epochs": 3, "seed": 0, **config})
    rng = np.random.default_rng(config.seed)
    model = config.make_model(rng)
    initial = model.get_params()
    return model, initial, list(train(model, data, config, rng, report_every=100, control=control))


def _equal(params, other):
    return all(a.tobytes() == b.tobytes() for a, b in zip(params, other))


def test_eta_1000_collapses_to_chance_and_is_reported_as_diverged(mnist):
    """The issue's run (mnist-train --eta 1000, seed 0), cut to 5,000 images: within the first
    epoch every output saturates to 0, the network predicts class 0 for every image (9.91%
    of the validation images). The run ends at epoch 1 as "diverged", with the initial
    weights (finite), an empty history and the reason recorded."""
    model, initial, reports = _train(mnist, learning_rate=1000.0)
    last = reports[-1]
    assert sum(r.event == "diverged" for r in reports) == 1 and last.event == "diverged"
    assert (last.epoch, last.batch, last.end_of_epoch) == (1, 500, False)
    assert not any(r.end_of_epoch for r in reports)
    # The accuracies of the collapsed network are in the report, so that a plot can mark it.
    assert last.validation_accuracy == pytest.approx(0.0991) and last.validation_accuracy <= 0.15
    assert last.training_accuracy is not None and last.test_accuracy is not None
    assert last.saturation is not None and last.saturation[0] > 0.9
    assert model.metadata["diverged"] == {"epoch": 1, "reason": "accuracy fell to chance"}
    assert model.metadata["history"] == []
    assert model.params_finite() and _equal(model.get_params(), initial)
    json.dumps(model.metadata)


def test_a_normal_run_is_not_flagged(mnist):
    model, _, reports = _train(mnist, learning_rate=3.0)
    assert all(r.event is None for r in reports)
    assert [r.epoch for r in reports if r.end_of_epoch] == [1, 2, 3]
    assert "diverged" not in model.metadata and len(model.metadata["history"]) == 3


@pytest.mark.parametrize("rule", ["fell from well above chance", "collapsed"])
def test_each_half_of_the_rule_alone(mnist, monkeypatch, rule):
    """Good for an epoch at eta 3 (54% on validation), then eta 1000 from epoch 2 on (the
    control's set_learning_rate): epoch 2 ends at chance, every output stuck. Each half of
    the rule alone catches that: (a), because epoch 1 was well above chance, and (b), the
    collapse. The weights kept are those of epoch 1, which the history describes.
    With eta 1000 from the start only (b) can catch it: there is no earlier epoch to have
    fallen from."""
    if rule == "fell from well above chance":
        monkeypatch.setattr(core.sgd, "COLLAPSE_RATIO", 0.0)  # (b) never holds
    else:
        monkeypatch.setattr(core.sgd, "WELL_ABOVE_CHANCE", math.inf)  # (a) never holds

    control = TrainingControl()
    config = TrainConfig(train_size=5000, n_epochs=3, seed=0)
    rng = np.random.default_rng(config.seed)
    model = config.make_model(rng)
    reports, after_epoch_1 = [], None
    for report in train(model, mnist, config, rng, report_every=100, control=control):
        reports.append(report)
        if report.end_of_epoch and report.epoch == 1:
            after_epoch_1 = model.get_params()
            control.set_learning_rate(1000.0)
    ends = [r for r in reports if r.end_of_epoch]
    assert len(ends) == 1 and ends[0].validation_accuracy > 0.3 and ends[0].event is None
    assert (reports[-1].epoch, reports[-1].event) == (2, "diverged")
    assert reports[-1].validation_accuracy <= 0.15
    assert model.metadata["diverged"] == {"epoch": 2, "reason": "accuracy fell to chance"}
    assert [h["epoch"] for h in model.metadata["history"]] == [1]
    assert _equal(model.get_params(), after_epoch_1)

    model, initial, reports = _train(mnist, learning_rate=1000.0)
    if rule == "fell from well above chance":
        assert reports[-1].event is None and reports[-1].end_of_epoch  # nothing to fall from
        assert "diverged" not in model.metadata and len(model.metadata["history"]) == 3
    else:
        assert reports[-1].event == "diverged" and model.metadata["diverged"]["epoch"] == 1
        assert _equal(model.get_params(), initial)


@pytest.mark.parametrize("config", [
    {"train_size": 100, "seed": 22},  # N(0, 1): every validation image gets the same class
    {"train_size": 1000, "seed": 29, "learning_rate": 0.5},  # 98% in one class
    {"train_size": 100, "layer_sizes": (784, 30, 30, 30, 10), "init": "scaled", "learning_rate": 0.5, "seed": 0},
], ids=["one-class-after-100-images", "one-class-after-1000-images", "deep-scaled-start"])
def test_a_slow_start_at_chance_is_not_a_divergence(mnist, config):
    """After one short epoch these networks are still at chance, and the first two answer
    one class for nearly every image; but their outputs still depend on the input as much
    as (or more than) at the start, so they are not collapsed and may still learn. (The
    deep network's outputs hardly vary from the start: N(0, 1/n_in) weights through three
    sigmoid layers.)"""
    model, _, reports = _train(mnist, **{"n_epochs": 1, **config})
    last = reports[-1]
    assert last.end_of_epoch and last.event is None and last.validation_accuracy <= 0.15
    assert "diverged" not in model.metadata and len(model.metadata["history"]) == 1


def test_without_validation_or_accuracies_the_check_is_skipped(mnist):
    empty = DataSplit(X=mnist.validation.X[:0], y=mnist.validation.y[:0], images=mnist.validation.images[:0])
    model, _, reports = _train(dataclasses.replace(mnist, validation=empty), learning_rate=1000.0, n_epochs=2)
    assert [r.event for r in reports if r.end_of_epoch] == [None, None] and reports[-1].end_of_epoch
    assert reports[-1].validation_accuracy is None and reports[-1].saturation is None
    assert "diverged" not in model.metadata

    config = TrainConfig(train_size=5000, n_epochs=2, seed=0, learning_rate=1000.0)
    rng = np.random.default_rng(0)
    model = config.make_model(rng)
    reports = list(train(model, mnist, config, rng, measure_accuracy=False))
    assert reports[-1].end_of_epoch and reports[-1].event is None and reports[-1].saturation is None
    assert "diverged" not in model.metadata and len(model.metadata["history"]) == 2


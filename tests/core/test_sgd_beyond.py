"""core.sgd beyond the book (issue 10): training on distorted copies each epoch, and the
best epoch kept. On the real MNIST files, with a small network and a few thousand images."""

import dataclasses

import numpy as np
import pytest

from core.sgd import TrainConfig, train


def _run(mnist, **config):
    """Train a fresh 784-16-10 as the app does (config.seed draws the weights, then shuffles);
    return (model, reports)."""
    config = TrainConfig(**{"layer_sizes": (784, 16, 10), "seed": 0, "train_size": 3000, "n_epochs": 3,
                            "cost": "cross-entropy", "init": "scaled", "learning_rate": 0.5, **config})
    rng = np.random.default_rng(config.seed)
    model = config.make_model(rng)
    reports = list(train(model, mnist, config, rng))
    return model, reports


ELASTIC = {"distort_shift": 1.0, "distort_rotation": 8.0, "distort_scale": 0.08, "distort_shear": 0.15,
           "elastic_alpha": 34.0, "elastic_sigma": 4.0}


def test_distorted_training_is_reproducible_and_differs_from_plain(mnist):
    a, reports_a = _run(mnist, **ELASTIC)
    b, _ = _run(mnist, **ELASTIC)
    plain, _ = _run(mnist)
    for wa, wb, wp in zip(a.weights, b.weights, plain.weights):
        np.testing.assert_array_equal(wa, wb)
        assert not np.array_equal(wa, wp)
    final = [r for r in reports_a if r.end_of_epoch][-1]
    assert final.validation_accuracy > 0.8  # it still learns digits
    assert a.metadata["config"]["elastic_alpha"] == 34.0


def test_another_seed_gives_other_copies(mnist):
    a, _ = _run(mnist, **ELASTIC)
    b, _ = _run(mnist, seed=1, **ELASTIC)
    assert not np.array_equal(a.weights[0], b.weights[0])


def test_no_distortion_is_the_book_run(mnist):
    """The default ranges (all 0) train on the images themselves: no seed is drawn for
    copies, so the run is the one without the fields at all."""
    a, _ = _run(mnist, distort_shift=0.0, elastic_alpha=0.0, elastic_sigma=2.0)
    b, _ = _run(mnist)
    for wa, wb in zip(a.weights, b.weights):
        np.testing.assert_array_equal(wa, wb)


def test_a_stop_mid_run_leaves_no_thread_behind(mnist):
    import threading
    config = TrainConfig(layer_sizes=(784, 8, 10), seed=0, train_size=2000, n_epochs=5, **ELASTIC)
    rng = np.random.default_rng(0)
    model = config.make_model(rng)
    run = train(model, mnist, config, rng, report_every=20)
    next(run)
    run.close()  # the consumer stops iterating: the distortion thread is let go
    for thread in threading.enumerate():
        if thread.name.startswith("distort"):
            thread.join(timeout=10)
            assert not thread.is_alive()


@pytest.mark.parametrize("field, value", [("distort_rotation", -1.0), ("distort_scale", 1.0),
                                          ("elastic_alpha", float("nan")), ("distort_shift", "2"),
                                          ("keep_best", 1)])
def test_bad_distortion_settings_are_refused_with_their_name(field, value):
    with pytest.raises(ValueError, match=field.split("_")[-1]):
        TrainConfig(**{field: value})


def test_sigma_zero_with_alpha_is_refused():
    with pytest.raises(ValueError, match="sigma"):
        TrainConfig(elastic_alpha=10.0, elastic_sigma=0.0)


def test_keep_best_returns_the_weights_of_the_best_validation_epoch(mnist):
    """A learning rate high enough that validation accuracy goes up and down: the run ends
    with the weights whose validation accuracy is the best recorded, and says which epoch."""
    model, reports = _run(mnist, learning_rate=4.0, n_epochs=6, keep_best=True)
    history = model.metadata["history"]
    accuracies = [row["validation_accuracy"] for row in history]
    best_epoch = history[int(np.argmax(accuracies))]["epoch"]
    assert best_epoch != history[-1]["epoch"]  # so that keeping it changes something
    assert reports[-1].kept_epoch == best_epoch
    kept = model.metadata["kept_epoch"]
    assert kept["epoch"] == best_epoch and kept["validation_accuracy"] == max(accuracies)
    assert model.score(mnist.validation.X, mnist.validation.y) == pytest.approx(max(accuracies), abs=1e-12)
    assert kept["test_accuracy"] == pytest.approx(model.score(mnist.test.X, mnist.test.y), abs=1e-12)


def test_without_keep_best_the_last_weights_stay(mnist):
    model, reports = _run(mnist, learning_rate=4.0, n_epochs=6)
    assert reports[-1].kept_epoch is None and "kept_epoch" not in model.metadata
    last = model.metadata["history"][-1]["validation_accuracy"]
    assert model.score(mnist.validation.X, mnist.validation.y) == pytest.approx(last, abs=1e-12)


def test_keep_best_with_an_early_stop(mnist):
    model, reports = _run(mnist, learning_rate=4.0, n_epochs=30, patience=1, max_halvings=1, keep_best=True)
    assert reports[-1].event == "early stop"
    accuracies = [row["validation_accuracy"] for row in model.metadata["history"]]
    assert model.score(mnist.validation.X, mnist.validation.y) == pytest.approx(max(accuracies), abs=1e-12)


# -- BLAS threads ------------------------------------------------------------------------

def test_choose_threads_by_size():
    from core.threads import choose_threads
    assert choose_threads((784, 30, 10), 10, available=2) == 1
    assert choose_threads((784, 800, 10), 20, available=2) == 1
    assert choose_threads((784, 30, 10), 1000, available=2) == 2
    assert choose_threads((784, 30, 10), 1000, available=2, reserve=1) == 1
    assert choose_threads((784, 30, 10), 1000, available=1, reserve=3) == 1
    assert choose_threads((784, 3000, 10), 1000, available=16) == 16


def test_the_chosen_thread_count_is_applied_during_the_run_and_restored_after(mnist):
    from threadpoolctl import threadpool_limits

    from core.threads import current_threads
    if current_threads() is None:
        pytest.skip("no BLAS library that threadpoolctl knows")
    with threadpool_limits(limits=3, user_api="blas"):  # a count no choice gives here
        before = current_threads()
        assert before == 3
        config = TrainConfig(layer_sizes=(784, 8, 10), seed=0, train_size=500, n_epochs=2)
        for threads in (1, 2):
            rng = np.random.default_rng(0)
            model = config.make_model(rng)
            seen = [current_threads() for _ in train(model, mnist, config, rng, report_every=5, threads=threads)]
            assert set(seen) == {threads}
            assert current_threads() == before
        # Closed early (a stop), and chosen automatically: 1 thread for this small network.
        rng = np.random.default_rng(0)
        run = train(config.make_model(rng), mnist, config, rng, report_every=5)
        next(run)
        assert current_threads() == 1
        run.close()
        assert current_threads() == before
        with pytest.raises(ValueError, match="threads"):
            next(train(config.make_model(rng), mnist, config, rng, threads=0))
        assert current_threads() == before


# -- the command line -----------------------------------------------------------------------

def test_mnist_train_options_reach_the_config():
    from core.cli import _config, build_parser
    args = build_parser().parse_args(["--shift", "1", "--rotation", "8", "--scale", "0.08", "--shear", "0.15",
                                      "--elastic-alpha", "34", "--elastic-sigma", "4", "--keep-best", "--seed", "3"])
    config = _config(args)
    assert config.distortion().alpha == 34 and config.distort_rotation == 8 and config.keep_best


@pytest.mark.parametrize("name", ["wide-800", "distorted-800"])
def test_the_schedule_presets_keep_the_best_epoch_and_bad_ranges_are_refused(name, capsys):
    from core.cli import main
    from core.sgd import PRESETS
    assert PRESETS[name].config.keep_best and PRESETS[name].config.patience
    assert main(["--preset", name, "--elastic-alpha", "-1", "--quiet"]) == 2
    assert "elastic alpha" in capsys.readouterr().err


def test_preset_distorted_800_is_the_searched_configuration():
    from core.cli import _config, _preset_defaults, build_parser
    from core.sgd import PRESETS
    parser = build_parser()
    parser.set_defaults(**_preset_defaults(PRESETS["distorted-800"].config))
    args = parser.parse_args(["--preset", "distorted-800", "--seed", "0"])
    assert _config(args) == dataclasses.replace(PRESETS["distorted-800"].config, seed=0)
    args = parser.parse_args(["--preset", "distorted-800", "--no-keep-best", "--seed", "0"])
    assert not _config(args).keep_best

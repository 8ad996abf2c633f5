"""core.sgd: accuracy after one epoch on MNIST, reproducibility, the shuffle, stopping,
steering a run with a TrainingControl (learning rate, pause, stop, also from another thread),
the report cadence, learning on a toy problem, hyperparameter validation, divergence.

The mechanics are tested on a toy data set written as small IDX files in tmp_path and read
with load_mnist; accuracy and reproducibility on the real data."""

import dataclasses
import json
import math
import queue
import threading
import time
from itertools import pairwise

import numpy as np
import pytest

import core.sgd
from core.datasets import load_mnist
from core.idx import write_idx
from core.mlp import FEEDFORWARD_CHUNK
from core.sgd import TrainConfig, TrainingControl, train

# -- a toy problem, as IDX files --------------------------------------------------------


@pytest.fixture
def toy(tmp_path):
    """Three classes of 28 x 28 images (a bright horizontal bar at one of three heights,
    on random faint noise, so that every image is distinct): 60 training, 10 validation,
    20 test images, written in MNIST's four-file layout and loaded with load_mnist."""
    rng = np.random.default_rng(123)

    def make(n):
        labels = rng.integers(0, 3, size=n).astype(np.uint8)
        images = rng.integers(0, 60, size=(n, 28, 28)).astype(np.uint8)
        for image, label in zip(images, labels):
            image[4 + 8 * label: 9 + 8 * label, 4:24] = 255
        return images, labels

    train_images, train_labels = make(70)
    test_images, test_labels = make(20)
    write_idx(tmp_path / "train-images-idx3-ubyte.gz", train_images)
    write_idx(tmp_path / "train-labels-idx1-ubyte.gz", train_labels)
    write_idx(tmp_path / "t10k-images-idx3-ubyte", test_images)
    write_idx(tmp_path / "t10k-labels-idx1-ubyte", test_labels)
    data = load_mnist(tmp_path, n_validation=10)
    assert (len(data.train), len(data.validation), len(data.test)) == (60, 10, 20)
    assert len({row.tobytes() for row in data.train.X}) == 60
    return data


def _run(data, report_every=100, should_stop=None, **config):
    """Train a fresh model as the app does (one generator seeded by config.seed draws the
    weights and then shuffles); return (model, reports, config)."""
    config = TrainConfig(**{"layer_sizes": (784, 8, 10), "seed": 0, **config})
    rng = np.random.default_rng(config.seed)
    model = config.make_model(rng)
    reports = list(train(model, data, config, rng, report_every=report_every, should_stop=should_stop))
    return model, reports, config


@pytest.fixture
def steps(monkeypatch):
    """Record every call of core.sgd.sgd_step: (X rows, Y rows, summed cost returned)."""
    calls = []
    real = core.sgd.sgd_step

    def spy(backprop, X, Y, cost, learning_rate, weight_decay=1.0):
        rows, targets = X.copy(), Y.copy()
        total = real(backprop, X, Y, cost, learning_rate, weight_decay)
        calls.append((rows, targets, total))
        return total

    monkeypatch.setattr(core.sgd, "sgd_step", spy)
    return calls


# -- the real data ----------------------------------------------------------------------


def test_one_epoch_reaches_90_percent(mnist, one_epoch):
    """Nielsen ch. 1: 784-30-10, m = 10, eta = 3.0, quadratic cost, N(0, 1) weights, seed 0.

    The first epoch depends on the seed: with N(0, 1) weights and the quadratic cost some
    starts saturate neurons and learn slowly (seeds 0, 1, 2 give 91.10, 91.18, 90.89%, but
    not every seed passes 90% after one epoch). The seed is fixed so that this test checks
    the code, not the luck of the draw. The notebook's smaller 784-15-10 reaches only about
    89% after one epoch: the issue's 90% is for chapter 1's 784-30-10."""
    model, reports = one_epoch
    last = reports[-1]
    assert last.end_of_epoch and last.epoch == 1 and last.event is None
    assert last.test_accuracy >= 0.90
    assert last.test_accuracy == model.score(mnist.test.X, mnist.test.y)
    assert last.validation_accuracy == model.score(mnist.validation.X, mnist.validation.y)
    assert last.training_accuracy == model.score(mnist.train.X, mnist.train.y)
    # 5,000 mini-batches, a report every 100 of them, the last one closing the epoch.
    assert [r.batch for r in reports] == list(range(100, 5001, 100))
    assert [r.end_of_epoch for r in reports] == [False] * 49 + [True]
    assert all(r.n_batches == 5000 for r in reports)
    assert model.params_finite()
    assert model.metadata["n_train"] == 50_000
    assert len(model.metadata["history"]) == 1


def _without_time(reports):
    return [dataclasses.replace(r, seconds=0.0) for r in reports]


def test_same_seed_gives_identical_runs(mnist):
    config = {"layer_sizes": (784, 30, 10), "n_epochs": 2, "train_size": 2000, "seed": 7}
    model_a, reports_a, _ = _run(mnist, **config)
    model_b, reports_b, _ = _run(mnist, **config)

    for a, b in zip(model_a.get_params(), model_b.get_params()):
        assert a.tobytes() == b.tobytes()
    assert _without_time(reports_a) == _without_time(reports_b)
    assert len(reports_a) == 2 * 2  # 200 mini-batches per epoch: reports at 100 and 200

    def history(model):
        return [{k: v for k, v in h.items() if k != "seconds"} for h in model.metadata["history"]]
    assert history(model_a) == history(model_b)

    model_c, _, _ = _run(mnist, **{**config, "seed": 8})
    assert not np.array_equal(model_c.weights[0], model_a.weights[0])


# -- the shuffle ------------------------------------------------------------------------


def test_each_epoch_visits_every_training_row_once(toy, steps):
    """Every epoch's mini-batches are a permutation of the training rows (with their labels),
    a different one each epoch; the last mini-batch holds the remainder."""
    n, m, epochs = 53, 10, 3
    index = {row.tobytes(): i for i, row in enumerate(toy.train.X[:n])}
    _run(toy, n_epochs=epochs, batch_size=m, train_size=n)

    per_epoch = math.ceil(n / m)
    assert len(steps) == epochs * per_epoch
    orders = []
    for epoch in range(epochs):
        calls = steps[epoch * per_epoch:(epoch + 1) * per_epoch]
        assert [len(rows) for rows, _, _ in calls] == [10, 10, 10, 10, 10, 3]
        order = []
        for rows, targets, _ in calls:
            seen = [index[row.tobytes()] for row in rows]  # KeyError: a row not in the training data
            np.testing.assert_array_equal(targets.argmax(axis=1), toy.train.y[seen])
            order += seen
        assert sorted(order) == list(range(n))
        orders.append(order)
    assert orders[0] != list(range(n))
    assert orders[0] != orders[1] != orders[2]


# -- stopping ---------------------------------------------------------------------------


@pytest.mark.parametrize("after", [0, 1, 7, 10, 11, 19])
def test_should_stop_ends_within_one_mini_batch(toy, steps, after):
    """should_stop is asked before every mini-batch; once it says yes, no further step runs."""
    asked = []

    def should_stop():
        asked.append(len(steps))
        return len(steps) >= after

    initial = TrainConfig(layer_sizes=(784, 8, 10), seed=0).make_model(np.random.default_rng(0))
    model, reports, _ = _run(toy, n_epochs=2, batch_size=6, report_every=4, should_stop=should_stop)

    assert len(steps) == after  # 10 mini-batches per epoch, 20 in the run
    # Asked before every mini-batch, and also between the three evaluations that end an
    # epoch (training, validation, test accuracy): a stop there skips the evaluation.
    assert sorted(set(asked)) == list(range(after + 1))
    assert all(count == 10 for count in asked if asked.count(count) > 1)
    assert all(r.epoch == 1 for r in reports) if after <= 10 else True
    assert (after > 10) == any(r.end_of_epoch for r in reports)
    if 0 < after:
        assert reports[-1].event == "stopped"
    if after == 0:
        assert reports == []
        for a, b in zip(model.get_params(), initial.get_params()):
            assert a.tobytes() == b.tobytes()


def test_run_without_stop_makes_every_step(toy, steps):
    _run(toy, n_epochs=2, batch_size=6, should_stop=lambda: False)
    assert len(steps) == 20


# -- steering a run: TrainingControl ----------------------------------------------------


@pytest.fixture
def etas(monkeypatch):
    """Record (learning_rate, weight_decay) of every call of core.sgd.sgd_step."""
    calls = []
    real = core.sgd.sgd_step

    def spy(backprop, X, Y, cost, learning_rate, weight_decay=1.0):
        calls.append((learning_rate, weight_decay))
        return real(backprop, X, Y, cost, learning_rate, weight_decay)

    monkeypatch.setattr(core.sgd, "sgd_step", spy)
    return calls


def _start(data, control, report_every=1, **config):
    """(model, generator) of a run as _run makes it, steered by ``control``, not started."""
    config = TrainConfig(**{"layer_sizes": (784, 8, 10), "seed": 0, **config})
    rng = np.random.default_rng(config.seed)
    model = config.make_model(rng)
    return model, train(model, data, config, rng, report_every=report_every, control=control)


def _same_params(a, b):
    return all(x.tobytes() == y.tobytes() for x, y in zip(a.get_params(), b.get_params()))


def test_a_new_learning_rate_is_used_from_the_very_next_mini_batch(toy, etas):
    """Asked for after mini-batch 3 of epoch 1, and again after epoch 1: mini-batches 4 on
    and epoch 2 use them, with the weight decay 1 - eta*lambda/n of the new eta; the
    changes are recorded, and the report after each says so."""
    control = TrainingControl()
    model, run = _start(toy, control, n_epochs=2, batch_size=6, l2=1.0)  # 10 mini-batches per epoch
    reports = []
    for report in run:
        reports.append(report)
        if (report.epoch, report.batch) == (1, 3):
            control.set_learning_rate(0.5)
        if report.end_of_epoch and report.epoch == 1:
            control.set_learning_rate(0.25)

    assert etas == [(3.0, 1 - 3.0 * 1.0 / 60)] * 3 + [(0.5, 1 - 0.5 * 1.0 / 60)] * 7 + [(0.25, 1 - 0.25 * 1.0 / 60)] * 10
    assert model.metadata["learning_rate_changes"] == [
        {"epoch": 1, "batch": 3, "learning_rate": 0.5},
        {"epoch": 2, "batch": 0, "learning_rate": 0.25},
    ]
    events = {(r.epoch, r.batch): r.event for r in reports if r.event}
    assert events == {(1, 4): "learning rate changed", (2, 1): "learning rate changed"}
    assert [r.learning_rate for r in reports] == [3.0] * 3 + [0.5] * 7 + [0.25] * 10
    assert [h["learning_rate"] for h in model.metadata["history"]] == [0.5, 0.25]
    json.dumps(model.metadata)


def test_asking_for_the_learning_rate_in_use_changes_nothing(toy, etas):
    control = TrainingControl()
    control.set_learning_rate(3.0)
    model, run = _start(toy, control, n_epochs=1, batch_size=6)
    assert all(r.event is None for r in run)
    assert model.metadata["learning_rate_changes"] == [] and {eta for eta, _ in etas} == {3.0}


def test_a_learning_rate_the_weight_decay_cannot_take_is_refused_and_the_run_goes_on_unchanged(toy, etas):
    """lambda = 10, n = 60: eta = 6 would make the decay factor 1 - 6 * 10 / 60 = 0. It is not
    used, the next report says so, and the run is bit for bit the one without the request."""
    hyper = {"n_epochs": 2, "batch_size": 6, "l2": 10.0, "learning_rate": 0.5, "cost": "cross-entropy"}
    control = TrainingControl()
    model, run = _start(toy, control, **hyper)
    reports = []
    for report in run:
        reports.append(report)
        if (report.epoch, report.batch) == (1, 3):
            control.set_learning_rate(6.0)

    assert [(r.epoch, r.batch) for r in reports if r.event] == [(1, 4)]
    assert reports[3].event == "learning rate refused"
    assert all(r.learning_rate == 0.5 for r in reports)
    assert set(etas) == {(0.5, 1 - 0.5 * 10.0 / 60)}
    assert model.metadata["learning_rate_changes"] == []
    reference, reference_reports, _ = _run(toy, report_every=1, **hyper)
    assert _same_params(model, reference)
    assert _without_time([dataclasses.replace(r, event=None) for r in reports]) == _without_time(reference_reports)


def test_the_schedule_halves_from_the_new_learning_rate(toy):
    control = TrainingControl()
    _, run = _start(toy, control, report_every=100, n_epochs=50, patience=1, max_halvings=4, cost="cross-entropy",
                    learning_rate=0.5, init="scaled")
    ends = []
    for report in run:
        ends += [report] if report.end_of_epoch else []
        if report.end_of_epoch and report.epoch == 1:
            control.set_learning_rate(0.2)
    assert ends[0].learning_rate == 0.5 and ends[1].learning_rate == 0.2
    halved = [r for r in ends if r.event == "halved"]
    assert halved and halved[0].learning_rate == 0.2
    for r, following in pairwise(ends[1:]):
        assert following.learning_rate == (r.learning_rate / 2 if r.event == "halved" else r.learning_rate)


def test_a_pause_reports_where_it_is_and_a_resume_goes_on_as_if_nothing_happened(toy, etas):
    """Paused together with a new learning rate after mini-batch 3: the "paused" report
    (the cost so far, the new eta) comes first, the learning-rate event on the next report.
    Resumed before the generator is asked again, it does not block; the run is the same as
    one with only the learning-rate change."""
    runs = []
    for pause in (True, False):
        control = TrainingControl()
        model, run = _start(toy, control, n_epochs=2, batch_size=6, report_every=3)
        reports = []
        for report in run:
            reports.append(report)
            if (report.epoch, report.batch, report.event) == (1, 3, None):
                control.set_learning_rate(1.0)
                if pause:
                    control.pause()
            if report.event == "paused":
                control.resume()
        runs.append((model, reports))
    (model, reports), (reference, reference_reports) = runs

    assert [(r.batch, r.event, r.learning_rate) for r in reports[:5]] == [
        (3, None, 3.0), (3, "paused", 1.0), (6, "learning rate changed", 1.0), (9, None, 1.0), (10, None, 1.0)]
    paused = reports[1]
    assert paused.cost == reports[0].cost and math.isnan(paused.recent_cost) and not paused.end_of_epoch
    assert _same_params(model, reference)
    assert _without_time([r for r in reports if r.event != "paused"]) == _without_time(reference_reports)
    assert etas[:20] == [(3.0, 1.0)] * 3 + [(1.0, 1.0)] * 17 and etas[20:] == etas[:20]  # the two runs


@pytest.fixture
def in_a_thread():
    """Iterate a generator in another thread; its items (and finally None, or the exception
    raised) arrive in a queue."""
    threads = []

    def start(generator):
        items = queue.Queue()

        def consume():
            try:
                for item in generator:
                    items.put(item)
                items.put(None)
            except Exception as exc:  # noqa: BLE001 (handed to the test thread)
                items.put(exc)

        thread = threading.Thread(target=consume, daemon=True)
        thread.start()
        threads.append(thread)
        return thread, items

    yield start
    for thread in threads:
        thread.join(10)


def _until(items, event):
    """Reports from the queue up to and including the first with this event."""
    got = []
    while not got or got[-1].event != event:
        got.append(items.get(timeout=10))
        assert isinstance(got[-1], core.sgd.TrainingReport), got[-1]
    return got


def _rest(items):
    """Reports from the queue until the generator ended."""
    got = []
    while (item := items.get(timeout=10)) is not None:
        assert isinstance(item, core.sgd.TrainingReport), item
        got.append(item)
    return got


def test_a_pause_from_another_thread_takes_effect_within_one_mini_batch_and_waits_without_cpu(
        toy, monkeypatch, in_a_thread):
    """The test thread pauses while mini-batch 5 runs: the "paused" report comes right after
    it, no mini-batch runs while paused, the process uses almost no CPU meanwhile (a ratio
    of CPU to wall time, not a speed), and after resume() the run ends exactly as an
    unpaused one, its epoch time not counting the pause."""
    control = TrainingControl()
    in_step_5, paused = threading.Event(), threading.Event()
    done = []
    real = core.sgd.sgd_step

    def step(*args):
        total = real(*args)
        done.append(threading.current_thread().name)
        if len(done) == 5:
            in_step_5.set()
            paused.wait(10)  # until the test thread has called pause()
        return total

    monkeypatch.setattr(core.sgd, "sgd_step", step)
    model, run = _start(toy, control, n_epochs=3, batch_size=6, report_every=4)
    thread, items = in_a_thread(run)
    assert in_step_5.wait(10)
    control.pause()
    paused.set()
    started = time.perf_counter()
    reports = _until(items, "paused")
    assert (reports[-1].epoch, reports[-1].batch, reports[-1].learning_rate) == (1, 5, 3.0)
    assert math.isfinite(reports[-1].cost)
    time.sleep(0.2)  # let anything that was still running settle
    wall, cpu = time.perf_counter(), time.process_time()
    time.sleep(0.5)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    assert thread.is_alive() and len(done) == 5
    assert cpu < 0.1 * wall
    paused_for = time.perf_counter() - started
    control.resume()
    reports += _rest(items)

    assert len(done) == 30 and set(done) == {thread.name}
    assert [r.event for r in reports].count("paused") == 1 and {r.event for r in reports} == {None, "paused"}
    ends = [r for r in reports if r.end_of_epoch]
    assert ends[0].seconds < paused_for
    reference, reference_reports, _ = _run(toy, n_epochs=3, batch_size=6, report_every=4)
    assert _same_params(model, reference)
    assert _without_time([r for r in reports if r.event != "paused"]) == _without_time(reference_reports)


def test_a_stop_while_paused_ends_the_run(toy, steps, in_a_thread):
    control = TrainingControl()
    control.pause()  # before the run: it pauses before its first mini-batch
    model, run = _start(toy, control, n_epochs=3, batch_size=6)
    initial = TrainConfig(layer_sizes=(784, 8, 10), seed=0).make_model(np.random.default_rng(0))
    thread, items = in_a_thread(run)
    reports = _until(items, "paused")
    assert [(r.epoch, r.batch, r.event) for r in reports] == [(1, 0, "paused")]
    assert math.isnan(reports[0].cost)
    control.stop()
    assert _rest(items) == []  # nothing was trained: no "stopped" report
    thread.join(10)
    assert not thread.is_alive() and steps == [] and _same_params(model, initial)

    control = TrainingControl()  # a long run, paused from this thread while it goes on
    model, run = _start(toy, control, n_epochs=10_000, batch_size=6, report_every=4)
    thread, items = in_a_thread(run)
    reports = _until(items, None)  # the first report
    control.pause()
    reports += _until(items, "paused")
    paused = reports[-1]
    control.stop()
    reports += _rest(items)
    thread.join(10)
    assert not thread.is_alive()
    assert [r.event for r in reports[-2:]] == ["paused", "stopped"]
    assert (reports[-1].epoch, reports[-1].batch) == (paused.epoch, paused.batch)
    assert len(steps) == 10 * (paused.epoch - 1) + paused.batch


def test_stop_before_the_start_trains_nothing(toy, steps):
    control = TrainingControl()
    control.stop()
    _, run = _start(toy, control, n_epochs=2)
    assert list(run) == [] and steps == []


def test_should_stop_still_works_next_to_a_control(toy, steps):
    control = TrainingControl()
    config = TrainConfig(layer_sizes=(784, 8, 10), n_epochs=2, batch_size=6, seed=0)
    rng = np.random.default_rng(0)
    reports = list(train(config.make_model(rng), toy, config, rng, control=control,
                         should_stop=lambda: len(steps) >= 7))
    assert len(steps) == 7 and reports[-1].event == "stopped" and not control.stopped


@pytest.fixture
def chunks(monkeypatch):
    """Evaluate in chunks of 7 rows (toy splits of 60, 10 and 20 rows: 9 + 2 + 3 chunks) and
    record the rows of every chunk."""
    seen = []
    real = core.sgd._tally

    def count(model, X, y):
        seen.append(len(y))
        return real(model, X, y)

    monkeypatch.setattr(core.sgd, "_evaluation_rows", lambda layer_sizes: 7)
    monkeypatch.setattr(core.sgd, "_tally", count)
    return seen


def test_the_evaluation_in_chunks_gives_the_accuracies_of_score(toy, chunks):
    model, reports, _ = _run(toy, n_epochs=1)
    assert chunks == [7] * 8 + [4] + [7, 3] + [7, 7, 6]
    end = reports[-1]
    assert end.training_accuracy == model.score(toy.train.X, toy.train.y)
    assert end.validation_accuracy == model.score(toy.validation.X, toy.validation.y)
    assert end.test_accuracy == model.score(toy.test.X, toy.test.y)


def test_a_stop_during_the_evaluation_ends_it_before_the_next_chunk(toy, chunks):
    control = TrainingControl()
    real = core.sgd._tally

    def count_and_stop(model, X, y):
        if len(chunks) == 3:
            control.stop()  # while the 4th chunk runs
        return real(model, X, y)

    core.sgd._tally = count_and_stop  # chunks' monkeypatch puts back the original
    model, run = _start(toy, control, n_epochs=2, batch_size=6, report_every=100)
    reports = list(run)
    assert chunks == [7, 7, 7, 7]
    assert [(r.epoch, r.batch, r.end_of_epoch, r.event) for r in reports] == [(1, 10, False, "stopped")]
    assert model.metadata["history"] == []


def test_the_evaluation_chunk_is_feedforward_s_unless_the_network_is_very_wide():
    """Up to about 1,000 hidden units a chunk is the FEEDFORWARD_CHUNK rows that
    MLP.feedforward takes at a time anyway (the same arithmetic as MLP.score); wider
    networks get fewer rows, so that a stop is seen within a fraction of a second."""
    for sizes in [(784, 15, 10), (784, 100, 10), (784, 800, 10), (784, 1000, 10)]:
        assert core.sgd._evaluation_rows(sizes) == FEEDFORWARD_CHUNK
    assert core.sgd._evaluation_rows((784, 3000, 10)) < FEEDFORWARD_CHUNK
    rows = core.sgd._evaluation_rows((784, 100_000, 10))
    assert 1 <= rows <= 200 and rows * (784 + 10) * 100_000 <= core.sgd.EVALUATION_CHUNK_MACS


# -- the report cadence -----------------------------------------------------------------


@pytest.mark.parametrize("report_every, mid_batches", [
    (1, list(range(1, 11))),
    (3, [3, 6, 9]),
    (5, [5]),
    (10, []),
    (100, []),
])
def test_reports_come_every_report_every_batches_and_at_epoch_end(toy, steps, report_every, mid_batches):
    n_epochs, n, m = 2, 58, 6  # 10 mini-batches per epoch, the last of 4 rows
    _, reports, _ = _run(toy, n_epochs=n_epochs, batch_size=m, train_size=n, report_every=report_every)

    expected = [(epoch, b, False) for epoch in (1, 2) for b in mid_batches if b < 10]
    expected = sorted(expected + [(1, 10, True), (2, 10, True)])
    assert [(r.epoch, r.batch, r.end_of_epoch) for r in reports] == expected
    assert all(r.n_epochs == n_epochs and r.n_batches == 10 for r in reports)
    assert all(r.learning_rate == 3.0 and r.event is None for r in reports)
    assert [r.progress for r in reports] == sorted(r.progress for r in reports)
    assert reports[-1].progress == 1.0

    for r in reports:
        accuracies = (r.training_accuracy, r.validation_accuracy, r.test_accuracy)
        if r.end_of_epoch:
            assert all(isinstance(a, float) and 0.0 <= a <= 1.0 for a in accuracies)
        else:
            assert accuracies == (None, None, None)

    # cost: the mean over this epoch's samples so far of the cost before each step;
    # recent_cost: the same over the mini-batches since the previous report.
    totals = [total for _, _, total in steps]
    rows = [len(x) for x, _, _ in steps]
    previous = 0
    for r in reports:
        first = (r.epoch - 1) * 10
        done = first + r.batch
        assert r.cost == pytest.approx(sum(totals[first:done]) / sum(rows[first:done]), rel=1e-9)
        start = max(previous, first)
        assert r.recent_cost == pytest.approx(sum(totals[start:done]) / sum(rows[start:done]), rel=1e-9)
        previous = done


def test_report_every_must_be_positive(toy):
    with pytest.raises(ValueError):
        _run(toy, n_epochs=1, report_every=0)


def test_train_size_beyond_the_data(toy):
    with pytest.raises(ValueError):
        _run(toy, n_epochs=1, train_size=61)


def test_metadata_records_the_run(toy):
    model, reports, config = _run(toy, n_epochs=3, train_size=40)
    assert model.metadata["config"] == config.to_dict()
    assert model.metadata["n_train"] == 40
    history = model.metadata["history"]
    assert [h["epoch"] for h in history] == [1, 2, 3]
    ends = [r for r in reports if r.end_of_epoch]
    assert [h["test_accuracy"] for h in history] == [r.test_accuracy for r in ends]
    json.dumps(model.metadata)  # serialisable, so save() can write it


# -- learning ---------------------------------------------------------------------------


@pytest.mark.parametrize("cost, eta", [("quadratic", 3.0), ("cross-entropy", 0.5)])
def test_cost_falls_on_a_toy_problem(toy, cost, eta):
    config = TrainConfig(layer_sizes=(784, 8, 10), n_epochs=15, learning_rate=eta, cost=cost,
                         init="scaled", seed=1)
    rng = np.random.default_rng(config.seed)
    model = config.make_model(rng)
    before = model.cost(toy.train.X, toy.train.y, cost)

    ends = [r for r in train(model, toy, config, rng) if r.end_of_epoch]

    after = model.cost(toy.train.X, toy.train.y, cost)
    assert after < 0.5 * before
    assert ends[-1].cost < 0.5 * ends[0].cost
    assert ends[-1].training_accuracy == 1.0
    assert ends[-1].test_accuracy >= 0.9


def test_schedule_halves_then_stops(toy):
    """patience = 1: once validation accuracy stops improving, eta halves every stale epoch;
    the stall that would make halving number max_halvings ends the run (the book stops
    when eta has dropped to eta / 2**7)."""
    _, reports, _ = _run(toy, n_epochs=50, patience=1, max_halvings=3, cost="cross-entropy",
                         learning_rate=0.5, init="scaled")
    ends = [r for r in reports if r.end_of_epoch]
    events = [r.event for r in ends if r.event]
    assert events == ["halved", "halved", "early stop"]
    assert min(r.learning_rate for r in ends) == 0.5 / 4
    assert reports[-1].event == "early stop" and len(ends) < 50
    rates = [r.learning_rate for r in ends]
    for r, following in zip(ends, rates[1:]):
        assert following == (r.learning_rate / 2 if r.event == "halved" else r.learning_rate)


# -- hyperparameters --------------------------------------------------------------------


@pytest.mark.parametrize("bad", [
    {"learning_rate": 0},
    {"learning_rate": 0.0},
    {"learning_rate": -1},
    {"learning_rate": float("nan")},
    {"learning_rate": float("inf")},
    {"batch_size": 0},
    {"batch_size": -10},
    {"n_epochs": 0},
    {"n_epochs": 2.5},
    {"layer_sizes": (784, 0, 10)},
    {"layer_sizes": (784,)},
    {"l2": -1.0},
    {"l2": float("nan")},
    {"train_size": 0},
    {"cost": "hinge"},
    {"dtype": "float16"},
    {"binarize": 1.0},
    {"patience": 0},
    {"seed": -1},
], ids=lambda d: f"{next(iter(d))}={next(iter(d.values()))}")
def test_config_rejects_absurd_values(bad):
    with pytest.raises(ValueError):
        TrainConfig(**bad)


def test_config_defaults_are_the_notebooks():
    config = TrainConfig()
    assert (config.layer_sizes, config.n_epochs, config.batch_size, config.learning_rate) == ((784, 15, 10), 30, 10, 3.0)
    assert config.cost == "quadratic" and config.init == "normal"
    assert json.loads(json.dumps(config.to_dict()))["layer_sizes"] == [784, 15, 10]


# -- divergence -------------------------------------------------------------------------


@pytest.mark.parametrize("hyper", [
    {"learning_rate": 1000.0, "l2": 1e6, "cost": "cross-entropy"},
    {"learning_rate": 3.0, "l2": 100.0, "cost": "quadratic"},  # weight decay 1 - 3 * 100 / 60 = -4
], ids=["huge-eta-and-lambda", "lambda-too-big-for-n"])
def test_weight_decay_that_would_blow_up_is_refused_before_training(toy, hyper):
    """eta * lambda / n >= 1 makes the decay factor 1 - eta*lambda/n zero or negative: the
    weights flip sign every step and grow without bound. train() refuses it up front with a
    message naming the product, and the model is untouched."""
    config = TrainConfig(layer_sizes=(784, 8, 10), n_epochs=20, dtype="float32", seed=0, **hyper)
    rng = np.random.default_rng(config.seed)
    model = config.make_model(rng)
    before = model.get_params()
    with pytest.raises(ValueError, match="weight decay factor"):
        next(train(model, toy, config, rng))
    for a, b in zip(model.get_params(), before):
        np.testing.assert_array_equal(a, b)


@pytest.mark.parametrize("poison_at", [3, 17], ids=["first-epoch", "third-epoch"])
def test_divergence_restores_finite_weights(toy, monkeypatch, poison_at):
    """When the weights overflow mid-run, the run ends with event 'diverged' and the weights
    of the end of the last good epoch (the initial ones if the first epoch diverged), quietly:
    no numpy warning escapes (filterwarnings = error). Since the refusal above leaves no
    real hyperparameters that overflow, the blow-up is simulated: one SGD step makes a
    weight infinite, and the NaN and infinite values that follow are real."""
    config = TrainConfig(layer_sizes=(784, 8, 10), n_epochs=5, batch_size=10, dtype="float32", seed=0)
    rng = np.random.default_rng(config.seed)
    model = config.make_model(rng)
    calls = {"n": 0}
    real_step = core.sgd.sgd_step

    def step(backprop, *args):
        calls["n"] += 1
        if calls["n"] == poison_at:
            backprop.model.weights[0][0, 0] = np.inf
        return real_step(backprop, *args)

    monkeypatch.setattr(core.sgd, "sgd_step", step)
    last_good = model.get_params()
    reports = []
    for report in train(model, toy, config, rng, report_every=1):
        reports.append(report)
        if report.end_of_epoch and report.event != "diverged":
            last_good = model.get_params()

    assert reports[-1].event == "diverged"
    assert sum(r.event == "diverged" for r in reports) == 1
    epoch = 1 if poison_at == 3 else 3
    assert model.metadata["diverged"] == {"epoch": epoch, "reason": "non-finite cost"}
    assert [h["epoch"] for h in model.metadata["history"]] == list(range(1, epoch))
    assert model.params_finite()
    for a, b in zip(model.get_params(), last_good):
        np.testing.assert_array_equal(a, b)


def test_presets_are_the_issue_s_configurations():
    from core.sgd import PRESETS

    assert PRESETS["notebook"].config == TrainConfig()  # 784-15-10, 30 epochs, m = 10, eta 3.0
    ch1 = PRESETS["nielsen-ch1"].config
    assert (ch1.layer_sizes, ch1.cost, ch1.init, ch1.n_epochs, ch1.batch_size, ch1.learning_rate) == \
        ((784, 30, 10), "quadratic", "normal", 30, 10, 3.0)
    ch3 = PRESETS["nielsen-ch3"].config
    assert (ch3.layer_sizes, ch3.cost, ch3.init, ch3.l2, ch3.learning_rate, ch3.batch_size, ch3.n_epochs) == \
        ((784, 100, 10), "cross-entropy", "scaled", 5.0, 0.5, 10, 30)
    for preset in PRESETS.values():
        preset.config.validate()
        preset.config.check_training_size(50_000)
        assert preset.config.seed is None  # a preset never fixes the seed
        assert preset.description.endswith((".", ")"))


# -- stepping one epoch at a time ------------------------------------------------------


def test_a_step_trains_exactly_one_epoch_then_pauses_again(toy, steps):
    """Paused before the run, then stepped at every pause: each step trains one whole epoch,
    which ends with its usual closing report (accuracies set, the control already paused),
    followed by a "paused" report before the next epoch's first mini-batch (batch 0). The
    last epoch's step just ends the run. The network is the one of an unpaused run."""
    control = TrainingControl()
    control.pause()
    model, run = _start(toy, control, n_epochs=3, batch_size=6, report_every=4)
    reports, at_epoch_end = [], []
    for report in run:
        reports.append(report)
        if report.event == "paused":
            assert control.paused and not control.stepping
            control.step()
            assert control.stepping
        if report.end_of_epoch:
            at_epoch_end.append((len(steps), control.paused, control.stepping))

    assert [(r.epoch, r.batch, r.end_of_epoch, r.event) for r in reports] == [
        (1, 0, False, "paused"), (1, 4, False, None), (1, 8, False, None), (1, 10, True, None),
        (2, 0, False, "paused"), (2, 4, False, None), (2, 8, False, None), (2, 10, True, None),
        (3, 0, False, "paused"), (3, 4, False, None), (3, 8, False, None), (3, 10, True, None)]
    assert all(r.validation_accuracy is not None for r in reports if r.end_of_epoch)
    assert at_epoch_end == [(10, True, False), (20, True, False), (30, False, False)]
    assert not control.paused and not control.stepping and len(model.metadata["history"]) == 3
    reference, _, _ = _run(toy, n_epochs=3, batch_size=6)
    assert _same_params(model, reference)


def test_a_step_from_a_pause_mid_epoch_ends_at_that_epoch_s_end(toy, steps):
    control = TrainingControl()
    model, run = _start(toy, control, n_epochs=3, batch_size=6, report_every=1)
    reports = []
    for report in run:
        reports.append(report)
        if (report.epoch, report.batch, report.event) == (1, 3, None):
            control.pause()
        if report.event == "paused":
            if report.epoch == 2:
                control.resume()  # from here on an ordinary run
            else:
                control.step()
    paused = [(r.epoch, r.batch) for r in reports if r.event == "paused"]
    assert paused == [(1, 3), (2, 0)]
    assert len(steps) == 30 and len(model.metadata["history"]) == 3


def test_a_stop_during_a_step_stops(toy, steps):
    control = TrainingControl()
    control.pause()
    model, run = _start(toy, control, n_epochs=3, batch_size=6, report_every=1)
    reports = []
    for report in run:
        reports.append(report)
        if report.event == "paused":
            control.step()
        if (report.epoch, report.batch, report.event) == (1, 6, None):
            control.stop()
    assert [(r.epoch, r.batch, r.event) for r in reports[-2:]] == [(1, 6, None), (1, 6, "stopped")]
    assert len(steps) == 6 and model.metadata["history"] == []


def test_a_step_from_another_thread_runs_one_epoch(toy, steps, in_a_thread):
    control = TrainingControl()
    control.pause()
    _, run = _start(toy, control, n_epochs=3, batch_size=6, report_every=100)
    thread, items = in_a_thread(run)
    assert [(r.epoch, r.batch) for r in _until(items, "paused")] == [(1, 0)]
    control.step()
    reports = _until(items, "paused")
    assert [(r.epoch, r.batch, r.end_of_epoch, r.event) for r in reports] == [(1, 10, True, None), (2, 0, False, "paused")]
    assert len(steps) == 10 and thread.is_alive()
    control.stop()
    assert [(r.epoch, r.batch, r.event) for r in _rest(items)] == [(2, 0, "stopped")]
    thread.join(10)
    assert not thread.is_alive() and len(steps) == 10

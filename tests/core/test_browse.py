"""core.browse against direct computations on the real MNIST test split and the bundled
784-800-10 network (cross-entropy), plus small seeded networks for the quadratic cost and
deeper layers."""

import numpy as np
import pytest

from core import browse
from core.metrics import evaluate
from core.mlp import MLP, CrossEntropyCost, QuadraticCost, sigmoid
from core.paths import default_model_path


@pytest.fixture(scope="module")
def default_model():
    return MLP.load(default_model_path())


@pytest.fixture(scope="module")
def test_scores(default_model, mnist):
    return browse.score(default_model, mnist.test.X, mnist.test.y)


def test_model_cost_reads_the_training_config(default_model):
    assert browse.model_cost(default_model) is CrossEntropyCost
    assert browse.model_cost(MLP((784, 5, 10), rng=np.random.default_rng(0))) is QuadraticCost


def test_score_matches_a_direct_computation(default_model, mnist, test_scores):
    X, y = mnist.test.X, mnist.test.y
    a = default_model.feedforward(X).astype(np.float64)  # (10000, 10)
    s = test_scores
    assert len(s) == len(y) == 10_000
    assert s.predicted.dtype == s.runner_up.dtype == np.int64
    assert s.top.dtype == s.gap.dtype == s.cost.dtype == np.float64
    np.testing.assert_array_equal(s.predicted, a.argmax(axis=1))
    np.testing.assert_array_equal(s.top, a.max(axis=1))
    second = np.sort(a, axis=1)[:, -2]
    np.testing.assert_allclose(s.gap, a.max(axis=1) - second, atol=1e-12)
    np.testing.assert_array_equal(a[np.arange(len(y)), s.runner_up], second)
    assert (s.runner_up != s.predicted).all()
    Y = np.eye(10)[y]
    direct = -(Y * np.log(np.clip(a, 1e-7, 1)) + (1 - Y) * np.log(np.clip(1 - a, 1e-7, 1))).sum(axis=1)
    np.testing.assert_allclose(s.cost, direct, rtol=1e-9, atol=1e-12)
    assert s.cost.mean() == pytest.approx(default_model.cost(X, y, "cross-entropy"), rel=1e-5)


def test_quadratic_costs_and_example_costs(mnist):
    model = MLP((784, 30, 10), rng=np.random.default_rng(1), init="scaled")  # no config: quadratic
    X, y = mnist.validation.X[:3000], mnist.validation.y[:3000]
    costs = browse.example_costs(model, X, y)
    a = model.feedforward(X).astype(np.float64)
    np.testing.assert_allclose(costs, 0.5 * ((a - np.eye(10)[y]) ** 2).sum(axis=1), rtol=1e-12)
    assert costs.mean() == pytest.approx(model.cost(X, y, "quadratic"), rel=1e-5)
    np.testing.assert_array_equal(browse.example_costs(model, X, y, cost="cross-entropy"),
                                  browse.score(model, X, y, "cross-entropy").cost)


def test_misclassified_and_confusion_cells(default_model, mnist, test_scores):
    y, s = mnist.test.y, test_scores
    wrong = browse.select(s, y, correct=False)
    assert len(wrong) == (s.predicted != y).sum() > 0
    np.testing.assert_array_equal(wrong, evaluate(default_model, mnist.test.X, y).misclassified)
    right = browse.select(s, y, correct=True)
    assert len(right) + len(wrong) == len(y) and not np.intersect1d(right, wrong).size
    np.testing.assert_array_equal(browse.select(s, y, true=4, predicted=9), np.flatnonzero((y == 4) & (s.predicted == 9)))
    np.testing.assert_array_equal(browse.select(s, y, true=7), np.flatnonzero(y == 7))
    np.testing.assert_array_equal(browse.select(s, y), np.arange(len(y)))
    with pytest.raises(ValueError, match="labels"):
        browse.select(s, y[:5])


def test_orders(mnist, test_scores):
    s, y = test_scores, mnist.test.y
    np.testing.assert_array_equal(browse.order(s, "index"), np.arange(len(y)))
    by_cost = browse.order(s, "cost")
    assert by_cost[0] == s.cost.argmax() and (np.diff(s.cost[by_cost]) <= 0).all()
    assert s.predicted[by_cost[0]] != y[by_cost[0]]  # the highest cost is a confident mistake
    assert (np.diff(s.top[browse.order(s, "confidence")]) <= 0).all()
    assert (np.diff(s.gap[browse.order(s, "ambiguity")]) >= 0).all()
    for by in browse.ORDERS:
        idx = browse.order(s, by)
        assert idx.dtype == np.int64 and np.array_equal(np.sort(idx), np.arange(len(y)))
    # filtered and ordered: the cell (4, 9) most confident first
    idx = browse.order(s, "confidence")
    cell = idx[browse.mask(s, y, true=4, predicted=9)[idx]]
    assert set(cell) == set(browse.select(s, y, true=4, predicted=9)) and (np.diff(s.top[cell]) <= 0).all()
    with pytest.raises(ValueError, match="unknown order"):
        browse.order(s, "size")


def test_orders_are_stable_on_ties():
    v = np.array([0.5, 0.2, 0.5, 0.2, 0.9])
    s = browse.Scores(np.zeros(5, np.int64), v, np.ones(5, np.int64), v, v)
    np.testing.assert_array_equal(browse.order(s, "cost"), [4, 0, 2, 1, 3])
    np.testing.assert_array_equal(browse.order(s, "confidence"), [4, 0, 2, 1, 3])
    np.testing.assert_array_equal(browse.order(s, "ambiguity"), [1, 3, 0, 2, 4])


def _direct_pca(H):
    """The first two principal-component scores of H by np.linalg.svd of the centred data,
    with the documented sign convention (largest-magnitude loading positive)."""
    Hc = H.astype(np.float64) - H.astype(np.float64).mean(axis=0)
    vt = np.linalg.svd(Hc, full_matrices=False)[2][:2]  # (2, k)
    vt *= np.sign(vt[np.arange(2), np.abs(vt).argmax(axis=1)])[:, None]
    return Hc @ vt.T


def test_hidden_map_matches_svd(default_model, mnist):
    X = mnist.test.X[:2000]
    points = browse.hidden_map(default_model, X)
    assert points.shape == (2000, 2) and points.dtype == np.float32
    H = default_model.activations(X)[0]  # (2000, 800), the only hidden layer
    direct = _direct_pca(H)
    np.testing.assert_allclose(points, direct, atol=2e-3 * np.abs(direct).max())
    np.testing.assert_array_equal(points, browse.hidden_map(default_model, X))  # deterministic


def test_hidden_map_without_hidden_layer_uses_outputs(mnist):
    model = MLP((784, 10), rng=np.random.default_rng(2), init="scaled")
    X = mnist.test.X[:1000]
    np.testing.assert_allclose(browse.hidden_map(model, X), _direct_pca(model.feedforward(X)), atol=1e-4)
    assert not browse.hidden_map(model, X[:1]).any()
    with pytest.raises(ValueError, match="shape"):
        browse.hidden_map(model, X[:, :100])
    assert browse.hidden_map(model, X, should_stop=lambda: True) is None  # abandoned before its first chunk


def test_hidden_map_of_a_deeper_net_uses_the_last_hidden_layer(mnist):
    model = MLP((784, 20, 6, 10), rng=np.random.default_rng(3), init="scaled")
    X = mnist.test.X[:1000]
    np.testing.assert_allclose(browse.hidden_map(model, X), _direct_pca(model.activations(X)[1]), atol=1e-4)


def test_wrong_answer_contributions_one_hidden_layer(default_model, mnist, test_scores):
    i = int(browse.order(test_scores, "cost")[0])  # the most confidently wrong test image
    x, true, wrong = mnist.test.X[i], int(mnist.test.y[i]), int(test_scores.predicted[i])
    idx, c, images = browse.wrong_answer_contributions(default_model, x, wrong, true, k=8)
    w0, b0 = default_model.weights[0].astype(np.float64), default_model.biases[0].astype(np.float64)
    w1, b1 = default_model.weights[1].astype(np.float64), default_model.biases[1].astype(np.float64)
    a1 = 1 / (1 + np.exp(-(x @ w0 + b0)))  # (800,)
    direct = a1 * (w1[:, wrong] - w1[:, true])
    z = a1 @ w1 + b1
    assert direct.sum() + b1[wrong] - b1[true] == pytest.approx(z[wrong] - z[true], rel=1e-9)
    expected = np.argsort(-direct)[:8]
    np.testing.assert_array_equal(idx, expected)
    assert idx.dtype == np.int64 and (np.diff(c) <= 0).all() and (c > 0).all()
    np.testing.assert_allclose(c, direct[expected], rtol=1e-3, atol=1e-5)
    assert images.shape == (8, 28, 28) and images.dtype == np.float32
    np.testing.assert_allclose(images, (w0[:, expected].T * x).reshape(8, 28, 28), rtol=1e-5, atol=1e-7)
    # against defaults to the other class of highest activation
    a = default_model.feedforward(x[None, :])[0].copy()
    a[wrong] = -np.inf
    got = browse.wrong_answer_contributions(default_model, x, wrong, k=3)[1]
    alt = int(a.argmax())
    np.testing.assert_allclose(got, np.sort(a1 * (w1[:, wrong] - w1[:, alt]))[::-1][:3], rtol=1e-3, atol=1e-5)


def test_wrong_answer_contributions_deeper_net_is_gradient_times_activation(mnist):
    model = MLP((784, 12, 7, 10), rng=np.random.default_rng(4), dtype=np.float64)
    x, wrong, against = mnist.test.X[0].astype(np.float64), 3, 7

    def margin(a1):  # z_wrong - z_against from the first hidden layer's activations
        a2 = sigmoid(a1 @ model.weights[1] + model.biases[1])
        z = a2 @ model.weights[2] + model.biases[2]
        return z[wrong] - z[against]

    a1 = sigmoid(x @ model.weights[0] + model.biases[0])
    h = 1e-6
    grad = np.array([(margin(a1 + h * e) - margin(a1 - h * e)) / (2 * h) for e in np.eye(12)])
    direct = a1 * grad
    idx, c, _ = browse.wrong_answer_contributions(model, x, wrong, against, k=12)
    positive = np.argsort(-direct, kind="stable")[: (direct > 0).sum()]
    np.testing.assert_array_equal(idx, positive)
    np.testing.assert_allclose(c, direct[positive], rtol=1e-6, atol=1e-9)


def test_wrong_answer_contributions_refuses_bad_input(default_model, mnist):
    x = mnist.test.X[0]
    with pytest.raises(ValueError, match="no hidden layer"):
        browse.wrong_answer_contributions(MLP((784, 10)), x, 1, 2)
    with pytest.raises(ValueError, match="same class"):
        browse.wrong_answer_contributions(default_model, x, 3, 3)
    with pytest.raises(ValueError, match="class in"):
        browse.wrong_answer_contributions(default_model, x, 10, 3)
    with pytest.raises(ValueError, match="shape"):
        browse.wrong_answer_contributions(default_model, x[:100], 1, 2)


def test_score_refuses_bad_input(default_model, mnist):
    X, y = mnist.test.X[:10], mnist.test.y[:10]
    with pytest.raises(ValueError, match="labels"):
        browse.score(default_model, X, y[:5])
    with pytest.raises(ValueError, match="shape"):
        browse.score(default_model, X[:, :10], y)
    with pytest.raises(ValueError, match="labels must be"):
        browse.score(default_model, X, y + 10)
    with pytest.raises(ValueError, match="unknown cost"):
        browse.score(default_model, X, y, "hinge")
    assert browse.score(default_model, X, y, should_stop=lambda: True) is None

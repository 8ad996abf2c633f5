"""The numbers behind the Browse view: each example's prediction, confidence, ambiguity and
cost; orders and filters over them; a two-dimensional map of the last hidden layer; and the
first-layer neurons behind a wrong answer.

Everything works on whole splits of rows (``(n, 784)`` float32 images, ``(n,)`` int64
labels) in chunks of :meth:`core.mlp.MLP.chunk_rows` rows, like :func:`core.metrics.evaluate`,
so that the GUI only indexes arrays computed once per network and split.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from core.mlp import CrossEntropyCost, QuadraticCost, get_cost

__all__ = ["ORDERS", "Scores", "example_costs", "hidden_map", "mask", "model_cost", "order", "score", "select",
           "wrong_answer_contributions"]

#: The orders :func:`order` knows, in the order a menu lists them.
ORDERS = ("index", "cost", "confidence", "ambiguity")


def model_cost(model):
    """The cost class a network was trained with: ``metadata["config"]["cost"]`` as written by
    :func:`core.sgd.train`, or :class:`~core.mlp.QuadraticCost` (Nielsen ch. 1's) when the
    model does not say or names an unknown cost. A later fine-tuning
    (``metadata["fine_tuned"]``, always cross-entropy) does not change it."""
    config = model.metadata.get("config")
    name = config.get("cost") if isinstance(config, dict) else None
    try:
        return get_cost(name) if isinstance(name, str) else QuadraticCost
    except ValueError:
        return QuadraticCost


@dataclass(frozen=True, eq=False)
class Scores:
    """What a network makes of each example of a split.

    Attributes
    ----------
    predicted : ndarray, shape (n,), int64
        The predicted class: the output neuron with the highest activation (the first on a
        tie, as ``argmax`` in :func:`core.metrics.evaluate`).
    top : ndarray, shape (n,), float64
        That neuron's activation, in [0, 1]: the network's confidence.
    runner_up : ndarray, shape (n,), int64
        The class with the second-highest activation.
    gap : ndarray, shape (n,), float64
        ``top`` minus the runner-up's activation, in [0, 1]; near 0 for an ambiguous image.
    cost : ndarray, shape (n,), float64
        The example's cost C_x under the network's cost (see :func:`score`), >= 0.
    """

    predicted: np.ndarray
    top: np.ndarray
    runner_up: np.ndarray
    gap: np.ndarray
    cost: np.ndarray

    def __len__(self) -> int:
        return len(self.predicted)


def _example_costs(a: np.ndarray, y: np.ndarray, cost) -> np.ndarray:
    """C_x of each row of the activations ``a`` (m, n_out) for labels ``y`` (m,), float64."""
    a = a.astype(np.float64)
    Y = np.zeros_like(a)
    Y[np.arange(len(y)), y] = 1.0
    if cost is CrossEntropyCost:  # -sum_j ln p_j with p = a where y = 1, 1 - a where y = 0 (eq. 63)
        return -np.log(np.maximum(np.abs(1.0 - Y - a), CrossEntropyCost.EPS)).sum(axis=1)
    if cost is QuadraticCost:  # ||a - y||^2 / 2 (eq. 6)
        return 0.5 * ((a - Y) ** 2).sum(axis=1)
    raise ValueError(f"no per-example cost for {cost!r}; use 'quadratic' or 'cross-entropy'.")


def score(model, X: np.ndarray, y: np.ndarray, cost=None, *, should_stop=None) -> Scores | None:
    """Predictions, confidence, ambiguity and cost of every row of X.

    Parameters
    ----------
    model : core.mlp.MLP
        At least two output neurons.
    X : array_like, shape (n, n_inputs)
        float32 in [0, 1] for MNIST.
    y : array_like, shape (n,), int
        True classes, 0 .. n_outputs - 1.
    cost : str or cost class, optional
        ``"quadratic"``: C_x = ||a - y||^2 / 2 (Nielsen ch. 1, eq. 6); ``"cross-entropy"``:
        C_x = -sum_j [y_j ln a_j + (1 - y_j) ln(1 - a_j)] (ch. 3, eq. 63), with activations
        clipped to ``CrossEntropyCost.EPS`` inside the logarithm as in training. Defaults to
        the network's own cost, :func:`model_cost`. No L2 term: it is the same for every
        example. The mean of the costs is ``model.cost(X, y, cost)`` (up to rounding: here
        they are summed in float64).
    should_stop : callable, optional
        Asked before each chunk of :meth:`MLP.chunk_rows` rows; True abandons the work.

    Returns
    -------
    Scores, or None if ``should_stop`` stopped it

    Raises
    ------
    ValueError
        X and y differ in length, X has the wrong number of columns, a label is out of
        range, the network has a single output, or the cost is unknown.
    """
    y = np.asarray(y, dtype=np.int64)
    X = np.asarray(X)
    cost = model_cost(model) if cost is None else get_cost(cost)
    if len(X) != len(y):
        raise ValueError(f"X has {len(X)} rows but y has {len(y)} labels.")
    if X.ndim != 2 or X.shape[1] != model.n_inputs:
        raise ValueError(f"expected inputs of shape (n, {model.n_inputs}), got {X.shape}.")
    if model.n_outputs < 2:
        raise ValueError("a network with a single output neuron has no runner-up class to compare with.")
    if y.size and (y.min() < 0 or y.max() >= model.n_outputs):
        raise ValueError(f"labels must be in 0..{model.n_outputs - 1}, found {y.min()}..{y.max()}.")
    n = len(y)
    predicted, runner_up = np.empty(n, np.int64), np.empty(n, np.int64)
    top, gap, costs = np.empty(n), np.empty(n), np.empty(n)
    rows = model.chunk_rows()
    for start in range(0, n, rows):
        if should_stop is not None and should_stop():
            return None
        part = slice(start, start + rows)
        a = model.feedforward(X[part])  # (m, n_out), the model's dtype
        r = np.arange(len(a))
        first = a.argmax(axis=1)
        best = a[r, first]
        rest = a.copy()
        rest[r, first] = -np.inf
        second = rest.argmax(axis=1)
        predicted[part], runner_up[part], top[part] = first, second, best
        gap[part] = best.astype(np.float64) - a[r, second]
        costs[part] = _example_costs(a, y[part], cost)
    return Scores(predicted, top, runner_up, gap, costs)


def example_costs(model, X: np.ndarray, y: np.ndarray, cost=None) -> np.ndarray:
    """Each example's cost: ``score(model, X, y, cost).cost``, shape (n,), float64.

    See :func:`score` for the parameters, the costs and the errors raised.
    """
    return score(model, X, y, cost).cost


def order(scores: Scores, by: str) -> np.ndarray:
    """Row indices in the order the Browse view lists them.

    Parameters
    ----------
    scores : Scores
    by : {"index", "cost", "confidence", "ambiguity"}
        ``"index"``: 0, 1, 2, ...; ``"cost"``: highest cost first (the most confidently
        wrong); ``"confidence"``: highest top activation first; ``"ambiguity"``: smallest
        gap between the two highest activations first. Equal values keep index order (a
        stable sort); NaN values come last.

    Returns
    -------
    ndarray, shape (n,), int64
        A permutation of ``0 .. n - 1``. To order a filtered subset,
        ``idx = order(scores, by); idx = idx[mask(scores, y, ...)[idx]]``.

    Raises
    ------
    ValueError
        ``by`` is not one of :data:`ORDERS`.
    """
    if by == "index":
        return np.arange(len(scores), dtype=np.int64)
    keys = {"cost": lambda: -scores.cost, "confidence": lambda: -scores.top, "ambiguity": lambda: scores.gap}
    if by not in keys:
        raise ValueError(f"unknown order {by!r}; choose one of {', '.join(ORDERS)}.")
    return np.argsort(keys[by](), kind="stable").astype(np.int64)


def mask(scores: Scores, y: np.ndarray, true: int | None = None, predicted: int | None = None,
         correct: bool | None = None) -> np.ndarray:
    """Which rows pass the Browse view's filters; None means "any".

    Parameters
    ----------
    scores : Scores
    y : array_like, shape (n,), int
        True classes.
    true, predicted : int, optional
        Keep the rows of this true class, of this predicted class.
    correct : bool, optional
        True keeps the rows predicted right, False the misclassified ones.

    Returns
    -------
    ndarray, shape (n,), bool

    Raises
    ------
    ValueError
        y's length differs from the scores'.
    """
    y = np.asarray(y, dtype=np.int64)
    if len(y) != len(scores):
        raise ValueError(f"{len(scores)} scores but {len(y)} labels.")
    keep = np.ones(len(y), bool)
    if true is not None:
        keep &= y == true
    if predicted is not None:
        keep &= scores.predicted == predicted
    if correct is not None:
        keep &= (scores.predicted == y) == bool(correct)
    return keep


def select(scores: Scores, y: np.ndarray, true: int | None = None, predicted: int | None = None,
           correct: bool | None = None) -> np.ndarray:
    """The indices (int64, ascending) of the rows that pass :func:`mask`'s filters.

    ``select(s, y, correct=False)`` are the misclassified rows, as
    :attr:`core.metrics.Evaluation.misclassified`; ``select(s, y, true=4, predicted=9)`` the
    confusion matrix's cell (4, 9). Raises ValueError as :func:`mask`.
    """
    return np.flatnonzero(mask(scores, y, true, predicted, correct)).astype(np.int64)


def _last_hidden(model, X: np.ndarray, should_stop=None) -> np.ndarray | None:
    """(n, width) activations of the last hidden layer (the output layer if there is none);
    None if ``should_stop()`` said so before a chunk."""
    layer = -2 if len(model.layer_sizes) > 2 else -1
    out = np.empty((len(X), model.layer_sizes[layer]), model.dtype)
    rows = model.chunk_rows()  # activations() keeps every layer: bound the memory
    for start in range(0, len(X), rows):
        if should_stop is not None and should_stop():
            return None
        out[start:start + rows] = model.activations(X[start:start + rows])[layer]
    return out


def hidden_map(model, X: np.ndarray, *, should_stop=None) -> np.ndarray | None:
    """Each row of X as a point in two dimensions: its coordinates on the first two principal
    components of the last hidden layer's activations (of the output activations for a
    network without a hidden layer).

    With H the (n, k) activations and Hc = H - mean(H, axis=0), the principal axes are the
    right singular vectors v_1, v_2 of Hc, the largest singular values first (PCA by SVD).
    They are computed as ``np.linalg.svd`` of the symmetric (k, k) matrix Hc^T Hc, whose
    singular vectors they are (its singular values are the squared ones of Hc): the same
    axes at a fraction of the cost when n >> k (10,000 x 800 for the default network).

    Sign convention: a singular vector's sign is arbitrary, so each axis is flipped to make
    its largest-magnitude entry (loading) positive; the first such entry on a tie. Axes of
    equal singular values are not unique at all (they may rotate into each other).

    Parameters
    ----------
    model : core.mlp.MLP
    X : array_like, shape (n, n_inputs)
    should_stop : callable, optional
        Asked before each chunk of :meth:`MLP.chunk_rows` rows; True abandons the work.

    Returns
    -------
    ndarray, shape (n, 2), float32, or None if ``should_stop`` stopped it
        Row i is ``(Hc[i] @ v_1, Hc[i] @ v_2)``. A second column of zeros if the layer has a
        single neuron; all zeros if n < 2.

    Raises
    ------
    ValueError
        X is not two-dimensional with ``n_inputs`` columns.
    """
    X = np.asarray(X)
    if X.ndim != 2 or X.shape[1] != model.n_inputs:
        raise ValueError(f"expected inputs of shape (n, {model.n_inputs}), got {X.shape}.")
    H = _last_hidden(model, X, should_stop)
    if H is None:
        return None
    points = np.zeros((len(X), 2), np.float32)
    if len(X) < 2:
        return points
    Hc = H - H.mean(axis=0, dtype=np.float64).astype(H.dtype)  # (n, k)
    gram = (Hc.T @ Hc).astype(np.float64)  # (k, k)
    axes = np.linalg.svd(gram, hermitian=True)[0][:, :2]  # (k, <= 2), columns v_1, v_2
    big = np.abs(axes).argmax(axis=0)
    axes = axes * np.where(axes[big, np.arange(axes.shape[1])] < 0, -1.0, 1.0)
    points[:, :axes.shape[1]] = Hc @ axes.astype(H.dtype)
    return points


def wrong_answer_contributions(model, x: np.ndarray, wrong: int, against: int | None = None, k: int = 8):
    """The first-layer neurons that pushed one image most toward a wrong answer: "what the
    network saw".

    Neuron j of the first hidden layer, with activation a_j, contributes

        c_j = a_j * d(z_wrong - z_against) / d a_j

    where z_c is the weighted input of output neuron c and ``against`` the answer it competed
    with (the true class, for a mistake). Since the sigmoid is increasing, the network
    answers ``wrong`` rather than ``against`` exactly when z_wrong > z_against. For a network
    with one hidden layer the derivative is w_{j, wrong} - w_{j, against} (``weights[1]``),
    and the contributions add up exactly: sum_j c_j + b_wrong - b_against = z_wrong -
    z_against (eq. 23's weighted input). With more hidden layers the derivative goes back
    through the sigmoid layers by the chain rule (ch. 2, BP2) and c_j is only the first-order
    (gradient times activation) estimate: the sum no longer equals the difference, and a
    neuron's effect depends on the others through the saturation of the later layers.

    Parameters
    ----------
    model : core.mlp.MLP
        At least one hidden layer.
    x : array_like, shape (n_inputs,)
        One image, float32 in [0, 1] for MNIST; binarized first if the model does so.
    wrong : int
        The answer to explain, 0 .. n_outputs - 1 (the predicted class of a mistake).
    against : int, optional
        The competing answer; defaults to the other class of highest activation.
    k : int
        At most this many neurons are returned.

    Returns
    -------
    indices : ndarray, shape (m,), int64
        The first-layer neurons with c_j > 0, largest c_j first (index order on a tie),
        m <= k.
    contributions : ndarray, shape (m,), float64
        Their c_j, in units of weighted input z.
    images : ndarray, shape (m, side, side), float32
        Their weight images times the input, ``weights[0][:, j] * x`` as side x side images
        (28 x 28 for MNIST, row-major like the input): where the neuron's weights met ink.

    Raises
    ------
    ValueError
        The network has no hidden layer or one output, x has the wrong shape or is not a
        square image, ``wrong`` or ``against`` is out of range, they are equal, or k < 0.
    """
    if len(model.layer_sizes) < 3:
        raise ValueError("this network has no hidden layer, so no first-layer neurons to show.")
    if model.n_outputs < 2:
        raise ValueError("a network with a single output neuron has no wrong answer to explain.")
    x = model.prepare(np.asarray(x).reshape(1, -1))[0] if np.ndim(x) == 1 else None
    if x is None or x.shape != (model.n_inputs,):
        raise ValueError(f"expected one image of shape ({model.n_inputs},).")
    side = math.isqrt(model.n_inputs)
    if side * side != model.n_inputs:
        raise ValueError(f"{model.n_inputs} inputs do not make a square image.")
    if k < 0:
        raise ValueError(f"k must be >= 0, got {k}.")
    outs = model.activations(x[None, :])  # [a^2, ..., a^L], each (1, width)
    n_out = model.n_outputs
    if against is None:
        rest = outs[-1][0].astype(np.float64)
        if 0 <= wrong < n_out:
            rest[wrong] = -np.inf
        against = int(rest.argmax())
    for name, c in (("wrong", wrong), ("against", against)):
        if not 0 <= c < n_out:
            raise ValueError(f"{name} must be a class in 0..{n_out - 1}, got {c}.")
    if wrong == against:
        raise ValueError(f"wrong and against are the same class, {wrong}.")
    # g = d(z_wrong - z_against) / d a^l, from the last hidden layer back to the first.
    w_last = model.weights[-1].astype(np.float64)
    g = w_last[:, wrong] - w_last[:, against]  # (width of the last hidden layer,)
    for w, a in zip(reversed(model.weights[1:-1]), reversed(outs[1:-1])):
        a = a[0].astype(np.float64)
        g = w.astype(np.float64) @ (g * a * (1.0 - a))  # BP2 through sigmoid layer l + 1
    c = outs[0][0].astype(np.float64) * g  # (width of the first hidden layer,)
    ranked = np.argsort(-c, kind="stable")[:k]
    ranked = ranked[c[ranked] > 0].astype(np.int64)
    images = (model.weights[0][:, ranked].T * x).reshape(len(ranked), side, side).astype(np.float32)
    return ranked, c[ranked], images

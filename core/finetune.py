"""Fine-tuning: teach a trained network a few new digits without making it forget MNIST.

A user's correction ("this is a 7") is one example. Gradient steps on it alone would pull
the weights towards that one image and away from everything else the network knows (the
catastrophic forgetting of networks trained on new data only: M. McCloskey and N. J. Cohen,
"Catastrophic interference in connectionist networks", 1989). So each mini-batch mixes the
new digit(s) with MNIST training images drawn at random, as rehearsal: one new digit and
nine MNIST images in a mini-batch of ten. The steps are :func:`core.sgd.sgd_step`'s, with
the cross-entropy cost (Nielsen ch. 3, eq. 63) whatever cost the network was trained with:
a corrected digit is by definition one whose right output neuron is near 0, and with the
quadratic cost that neuron's gradient carries sigma'(z) ~ 0 and hardly moves (ch. 3, "the
learning slowdown"), while cross-entropy's does not.

Measured with ``python benchmarks/fine_tune.py`` on the bundled network (784-800-10 trained
on distorted digits, 98.93% test), each of its first 40 misclassified test images corrected
with the defaults below (20 mini-batches of 1 + 9, eta 0.1, seeds 0-39): every one is then
read as its label, and the test accuracy on the other 9,999 images drops by 0.013 points on
average, at most 0.10; 26 ms each (median). The network bundled before it (``wide-800``,
98.30%, trained on MNIST as it is) lost 0.18 points on average, at most 0.40, and the same 20
steps on MNIST images alone cost it about 0.07 points (the noise of steps of 10 at eta 0.1);
eta 1.0, its own learning rate, dropped it by 3.5 points on average (up to 17); the quadratic
cost on a 784-30-10 quadratic network learned only 75% of its corrections.
"""

from __future__ import annotations

import numpy as np

from core.datasets import DataSplit
from core.mlp import MLP, Backprop, CrossEntropyCost
from core.sgd import sgd_step

__all__ = ["fine_tune"]


def fine_tune(
    model: MLP,
    X_new: np.ndarray,
    y_new: np.ndarray,
    train: DataSplit,
    rng: np.random.Generator,
    *,
    n_batches: int = 20,
    batch_size: int = 10,
    eta: float = 0.1,
    mix: float = 0.9,
    max_batches: int = 100,
) -> MLP:
    """A copy of ``model`` trained a few mini-batches more on new digits mixed with MNIST.

    Each mini-batch holds ``round(mix * batch_size)`` images drawn at random from ``train``
    (without replacement over the whole fine-tuning when there are enough) and the rest new
    digits, taken in turn: with one new digit and the defaults, every mini-batch is that
    digit and nine MNIST images. After ``n_batches`` mini-batches, if a new digit is still
    not read as its label, more follow, one at a time, until all are or ``max_batches`` were
    done. One :func:`core.sgd.sgd_step` per mini-batch, cross-entropy cost, no L2 decay (over
    20 steps the book's decay factor 1 - eta lambda / n would scale the weights by 0.9998).

    Parameters
    ----------
    model : MLP
        The trained network; it is not modified.
    X_new : array_like, shape (k, n_inputs), float32 in [0, 1]
        The new digits as the network sees them, k >= 1.
    y_new : array_like, shape (k,), int
        Their labels, 0 to ``n_outputs - 1``.
    train : DataSplit
        Training images to mix in (MNIST's training split): ``X`` ``(n, n_inputs)``, ``y`` ``(n,)``.
    rng : numpy.random.Generator
        Draws the MNIST images.
    n_batches : int
        Mini-batches at least (20).
    batch_size : int
        Rows per mini-batch, m (10, the book's).
    eta : float
        Learning rate (0.1: a tenth of the bundled network's initial eta, below its final 0.25).
    mix : float
        Share of each mini-batch drawn from ``train``, in [0, 1); at least one row of each
        mini-batch is a new digit.
    max_batches : int
        Most mini-batches in all, >= ``n_batches``.

    Returns
    -------
    MLP
        The new network. Its ``metadata`` is the model's with one more entry in the list
        ``metadata["fine_tuned"]``: ``{"labels": [...], "n_batches": done, "batch_size": m,
        "eta": eta, "mix": mix, "cost": "cross-entropy", "learned": all read right}``.

    Raises
    ------
    ValueError
        Shapes that do not fit the model, no new digit, a label out of range, an empty
        ``train``, or a parameter out of range.
    """
    X_new = model.prepare(X_new)  # (k, n_inputs), the model's dtype
    y_new = np.asarray(y_new, dtype=np.int64)
    k = len(X_new)
    if k < 1 or y_new.shape != (k,):
        raise ValueError(f"fine_tune needs at least one new digit and one label per digit, got {k} rows and "
                         f"labels of shape {y_new.shape}.")
    if len(train.y) < 1:
        raise ValueError("fine_tune needs training images to mix in; the training split is empty.")
    if not (batch_size >= 1 and 1 <= n_batches <= max_batches and 0.0 <= mix < 1.0 and 0.0 < eta <= 1000):
        raise ValueError(f"fine_tune: need batch_size >= 1, 1 <= n_batches <= max_batches, 0 <= mix < 1 and "
                         f"0 < eta <= 1000; got batch_size={batch_size}, n_batches={n_batches}, "
                         f"max_batches={max_batches}, mix={mix}, eta={eta}.")
    Y_new = model.one_hot(y_new)  # (k, n_outputs); ValueError for a label out of range
    n_old = min(round(mix * batch_size), batch_size - 1)  # MNIST rows per mini-batch
    n_fresh = batch_size - n_old  # new-digit rows per mini-batch, >= 1
    n = len(train.y)
    wanted = max_batches * n_old
    old = rng.choice(n, wanted, replace=wanted > n)  # (max_batches * n_old,) row indices

    new = model.copy()
    backprop = Backprop(new, batch_size)
    X = np.empty((batch_size, new.n_inputs), new.dtype)  # (m, n_inputs)
    Y = np.empty((batch_size, new.n_outputs), new.dtype)  # (m, n_outputs)
    done = 0
    learned = False
    while done < max_batches:
        rows = old[done * n_old:(done + 1) * n_old]
        X[:n_old] = new.prepare(train.X[rows])
        Y[:n_old] = new.one_hot(train.y[rows])
        turn = (done * n_fresh + np.arange(n_fresh)) % k  # the new digits, in turn
        X[n_old:] = X_new[turn]
        Y[n_old:] = Y_new[turn]
        sgd_step(backprop, X, Y, CrossEntropyCost, eta)
        done += 1
        if done >= n_batches:
            learned = bool(np.all(new.predict(X_new) == y_new))
            if learned:
                break
    new.metadata.setdefault("fine_tuned", []).append({
        "labels": [int(v) for v in y_new], "n_batches": done, "batch_size": batch_size, "eta": float(eta),
        "mix": float(mix), "cost": CrossEntropyCost.name, "learned": learned})
    return new

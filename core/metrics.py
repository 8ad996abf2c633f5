"""Evaluate a network on a split: accuracy, per-class accuracy, the confusion matrix, and how
saturated its hidden neurons are."""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

__all__ = ["Evaluation", "confusion_matrix", "count_saturated", "evaluate", "format_percent", "saturation"]


def format_percent(fraction: float | None) -> str:
    """A fraction in [0, 1] as a percentage: 0.9782 -> "97.82%"; None or NaN (nothing
    measured) -> "–"."""
    return "–" if fraction is None or math.isnan(fraction) else f"{100 * fraction:.2f}%"


def confusion_matrix(y_true: np.ndarray, y_pred: np.ndarray, n_classes: int = 10) -> np.ndarray:
    """Count how often each true class was predicted as each class.

    Parameters
    ----------
    y_true, y_pred : array_like, shape (n,), int
        True and predicted classes, each in ``0 .. n_classes - 1``.
    n_classes : int

    Returns
    -------
    ndarray, shape (n_classes, n_classes), int64
        Entry (i, j) is the number of samples of true class i predicted as j; the
        diagonal holds the correct predictions and each row sums to the class's count.

    Raises
    ------
    ValueError
        Lengths differ or a class is out of range.
    """
    y_true, y_pred = np.asarray(y_true, dtype=np.int64), np.asarray(y_pred, dtype=np.int64)
    if y_true.shape != y_pred.shape or y_true.ndim != 1:
        raise ValueError(f"y_true and y_pred must be 1-D of equal length, got {y_true.shape} and {y_pred.shape}.")
    for name, y in (("y_true", y_true), ("y_pred", y_pred)):
        if y.size and (y.min() < 0 or y.max() >= n_classes):
            raise ValueError(f"{name} must hold classes 0..{n_classes - 1}, found {y.min()}..{y.max()}.")
    counts = np.bincount(y_true * n_classes + y_pred, minlength=n_classes * n_classes)
    return counts.reshape(n_classes, n_classes)


@dataclass(frozen=True, eq=False)
class Evaluation:
    """A network's performance on one split.

    Attributes
    ----------
    activations : ndarray, shape (n, n_outputs)
        Output activations for every sample (the model's dtype).
    predictions : ndarray, shape (n,), int64
        Predicted class of every sample (argmax of the activations).
    labels : ndarray, shape (n,), int64
        True classes.
    confusion : ndarray, shape (n_outputs, n_outputs), int64
        See :func:`confusion_matrix`.
    """

    activations: np.ndarray
    predictions: np.ndarray
    labels: np.ndarray
    confusion: np.ndarray

    @property
    def accuracy(self) -> float:
        """Fraction of samples predicted correctly, in [0, 1]; NaN if there are none."""
        return float(np.trace(self.confusion) / len(self.labels)) if len(self.labels) else float("nan")

    @property
    def per_class_accuracy(self) -> np.ndarray:
        """``(n_outputs,)`` float64: for each true class, the fraction predicted correctly
        (NaN for a class with no samples)."""
        totals = self.confusion.sum(axis=1)
        with np.errstate(invalid="ignore", divide="ignore"):
            return np.diag(self.confusion) / totals

    @property
    def misclassified(self) -> np.ndarray:
        """Indices (int64, ascending) of the samples predicted wrongly."""
        return np.flatnonzero(self.predictions != self.labels)


def evaluate(model, X: np.ndarray, y: np.ndarray, *, should_stop=None) -> Evaluation | None:
    """Run ``model`` on every row of X and compare with the labels y.

    Parameters
    ----------
    model : core.mlp.MLP
    X : array_like, shape (n, n_inputs)
    y : array_like, shape (n,), int
    should_stop : callable, optional
        Asked before each chunk of :meth:`MLP.chunk_rows` rows (a wide network takes
        seconds for 10,000 images); if it returns True, the evaluation is abandoned.

    Returns
    -------
    Evaluation, or None if ``should_stop`` stopped it

    Raises
    ------
    ValueError
        X and y differ in length, or X has the wrong number of columns.
    """
    y = np.asarray(y, dtype=np.int64)
    if len(X) != len(y):
        raise ValueError(f"X has {len(X)} rows but y has {len(y)} labels.")
    if should_stop is None:
        activations = model.feedforward(X)
    else:
        rows = model.chunk_rows()
        activations = np.empty((len(y), model.n_outputs), model.dtype)
        for start in range(0, len(y), rows):
            if should_stop():
                return None
            activations[start:start + rows] = model.feedforward(X[start:start + rows])
    predictions = activations.argmax(axis=1).astype(np.int64)
    return Evaluation(activations, predictions, y, confusion_matrix(y, predictions, model.n_outputs))


def count_saturated(model, X: np.ndarray, low: float = 0.01, high: float = 0.99) -> np.ndarray:
    """For each hidden layer, how many of its activations on the rows of X are saturated:
    below ``low`` or above ``high``.

    The counting half of :func:`saturation`, for a caller that adds up chunks of rows.

    Parameters
    ----------
    model : core.mlp.MLP
    X : array_like, shape (n, n_inputs)
        float32 in [0, 1] for MNIST.
    low, high : float
        The thresholds, 0 <= low < high <= 1.

    Returns
    -------
    ndarray, shape (n_hidden_layers,), int64
        Entry l counts values over the n rows and the ``layer_sizes[l + 1]`` neurons of
        hidden layer l + 1; at most n * layer_sizes[l + 1].

    Raises
    ------
    ValueError
        ``low`` and ``high`` are not 0 <= low < high <= 1, or X has the wrong shape.
    """
    if not 0.0 <= low < high <= 1.0:
        raise ValueError(f"saturation thresholds must satisfy 0 <= low < high <= 1, got low={low}, high={high}.")
    X = np.asarray(X)
    if X.ndim != 2 or X.shape[1] != model.n_inputs:
        raise ValueError(f"expected inputs of shape (n, {model.n_inputs}), got {X.shape}.")
    counts = np.zeros(len(model.layer_sizes) - 2, np.int64)
    rows = model.chunk_rows()  # activations() keeps every layer: bound the memory
    for start in range(0, len(X), rows):
        for l, a in enumerate(model.activations(X[start:start + rows])[:-1]):
            counts[l] += np.count_nonzero(a < low) + np.count_nonzero(a > high)
    return counts


def saturation(model, X: np.ndarray, low: float = 0.01, high: float = 0.99) -> list[float]:
    """For each hidden layer, the fraction of its sigmoid activations on the rows of X that
    are saturated: below ``low`` or above ``high``.

    There sigma'(z) = a (1 - a) is below 0.0099, and since every gradient that passes through
    the neuron carries that factor (BP2, BP4), a saturated neuron hardly learns: Nielsen's
    learning slowdown (ch. 3, "The cross-entropy cost function" and "Weight
    initialization"). With N(0, 1) weights many hidden neurons of a 784-input network
    start saturated; N(0, 1/n_in) weights keep z near 0.

    Parameters
    ----------
    model : core.mlp.MLP
    X : array_like, shape (n, n_inputs)
        float32 in [0, 1] for MNIST: e.g. the first 1,000 validation images. It is fed
        forward in chunks of :meth:`MLP.chunk_rows` rows.
    low, high : float
        Activations below ``low`` or above ``high`` count as saturated (0.01 and 0.99:
        sigma'(z) < 0.0099, i.e. |z| > 4.6).

    Returns
    -------
    list of float
        One fraction in [0, 1] per hidden layer, in order (an empty list for a network
        without hidden layers); NaN for each if X has no rows.

    Raises
    ------
    ValueError
        ``low`` and ``high`` are not 0 <= low < high <= 1, or X has the wrong shape.
    """
    counts = count_saturated(model, X, low, high)
    n = len(X)
    return [float(c / (n * width)) if n else math.nan for c, width in zip(counts, model.layer_sizes[1:-1])]

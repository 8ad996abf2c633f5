"""Evaluate a network on a split: accuracy, per-class accuracy and the confusion matrix."""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

__all__ = ["Evaluation", "confusion_matrix", "evaluate", "format_percent"]


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

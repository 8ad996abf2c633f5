"""DigitListModel and DigitListView: thousands of digit thumbnails in one QListView.

The model serves each thumbnail on demand from the ``(n, 28, 28)`` uint8 array
(``DecorationRole``), so only the items on screen cost anything; 10,000 images are one
widget, not 10,000.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, QSize, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QPixmap
from PySide6.QtWidgets import QAbstractItemView, QListView, QWidget

from mnist_gui.widgets import gray_qimage

_Index = QModelIndex | QPersistentModelIndex


class DigitListModel(QAbstractListModel):
    """A list model over a set of digit images, with the network's predictions.

    Each row is one image. The rows shown can be narrowed by :meth:`set_filter` (only
    misclassified images, a true digit, a predicted digit); row numbers then refer to the
    filtered list, and :meth:`source_index` maps them back to the image's index.

    Roles: ``DisplayRole`` is the predicted digit (the true one before any prediction),
    ``DecorationRole`` the thumbnail, ``ToolTipRole`` a sentence, ``BackgroundRole`` and
    ``ForegroundRole`` mark mistakes in red; :attr:`IndexRole`, :attr:`LabelRole`,
    :attr:`PredictionRole` and :attr:`MisclassifiedRole` give the raw values.

    Parameters
    ----------
    images : ndarray, shape (n, 28, 28), uint8
    labels : ndarray, shape (n,), int
    thumbnail : int
        Thumbnail side in pixels (a multiple of 28 keeps pixels square).
    """

    IndexRole = Qt.ItemDataRole.UserRole + 1
    LabelRole = Qt.ItemDataRole.UserRole + 2
    PredictionRole = Qt.ItemDataRole.UserRole + 3
    MisclassifiedRole = Qt.ItemDataRole.UserRole + 4

    _WRONG_BACKGROUND = QBrush(QColor(250, 205, 200))
    _WRONG_FOREGROUND = QBrush(QColor(170, 20, 20))

    def __init__(self, images: np.ndarray | None = None, labels: np.ndarray | None = None,
                 thumbnail: int = 56, parent=None):
        super().__init__(parent)
        self._thumbnail = thumbnail
        self._bold = QFont()
        self._bold.setBold(True)
        self._images = np.zeros((0, 28, 28), np.uint8)
        self._labels = np.zeros(0, np.int64)
        self._predictions: np.ndarray | None = None
        self._activations: np.ndarray | None = None
        self._filter = (False, None, None)
        self._rows = np.zeros(0, np.int64)
        if images is not None:
            self.set_data(images, labels)

    # -- data -----------------------------------------------------------------------------

    def set_data(self, images: np.ndarray, labels: np.ndarray) -> None:
        """Replace the images ``(n, 28, 28)`` uint8 and labels ``(n,)``; clears predictions."""
        if len(images) != len(labels):
            raise ValueError(f"{len(images)} images but {len(labels)} labels.")
        self.beginResetModel()
        self._images = np.asarray(images)
        self._labels = np.asarray(labels, dtype=np.int64)
        self._predictions = self._activations = None
        self._rows = self._filtered_rows()
        self.endResetModel()

    def set_predictions(self, activations: np.ndarray | None, predictions: np.ndarray | None = None) -> None:
        """Set the network's output activations ``(n, 10)`` and predicted digits ``(n,)``
        for every image (None: none). The filter is re-applied.

        ``predictions`` default to the most active output of each row (as
        :func:`core.metrics.evaluate` gives them)."""
        if activations is not None and len(activations) != len(self._labels):
            raise ValueError(f"{len(activations)} activation rows for {len(self._labels)} images.")
        if activations is not None and predictions is None:
            predictions = np.asarray(activations).argmax(axis=1)
        self.beginResetModel()
        self._activations = None if activations is None else np.asarray(activations)
        self._predictions = None if predictions is None else np.asarray(predictions, dtype=np.int64)
        self._rows = self._filtered_rows()
        self.endResetModel()

    def set_filter(self, misclassified_only: bool = False, true_label: int | None = None,
                   predicted: int | None = None) -> None:
        """Show only misclassified images and/or one true digit and/or one predicted digit."""
        self.beginResetModel()
        self._filter = (bool(misclassified_only), true_label, predicted)
        self._rows = self._filtered_rows()
        self.endResetModel()

    def _filtered_rows(self) -> np.ndarray:
        keep = np.ones(len(self._labels), dtype=bool)
        misclassified_only, true_label, predicted = self._filter
        if self._predictions is not None:
            if misclassified_only:
                keep &= self._predictions != self._labels
            if predicted is not None:
                keep &= self._predictions == predicted
        if true_label is not None:
            keep &= self._labels == true_label
        return np.flatnonzero(keep)

    # -- queries --------------------------------------------------------------------------

    @property
    def n_total(self) -> int:
        """Number of images, ignoring the filter."""
        return len(self._labels)

    @property
    def n_misclassified(self) -> int:
        """Images whose prediction differs from their label (0 before any prediction)."""
        if self._predictions is None:
            return 0
        return int(np.count_nonzero(self._predictions != self._labels))

    @property
    def predictions(self) -> np.ndarray | None:
        """``(n,)`` int64 predicted digits, or None."""
        return self._predictions

    def source_index(self, row: int) -> int:
        """The image index (into the full set) shown at ``row`` of the filtered list."""
        return int(self._rows[row])

    def row_of(self, image_index: int) -> int | None:
        """The row showing an image index, or None if the filter hides it."""
        pos = np.searchsorted(self._rows, image_index)
        return int(pos) if pos < len(self._rows) and self._rows[pos] == image_index else None

    def image(self, image_index: int) -> np.ndarray:
        """The ``(28, 28)`` uint8 image."""
        return self._images[image_index]

    def label(self, image_index: int) -> int:
        """The true digit of an image."""
        return int(self._labels[image_index])

    def activations(self, image_index: int) -> np.ndarray | None:
        """The ``(10,)`` output activations for an image, or None before predictions."""
        return None if self._activations is None else self._activations[image_index]

    # -- QAbstractListModel ---------------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        i = int(self._rows[index.row()])
        label = int(self._labels[i])
        predicted = None if self._predictions is None else int(self._predictions[i])
        wrong = predicted is not None and predicted != label
        if role == Qt.ItemDataRole.DisplayRole:
            return str(label if predicted is None else predicted)
        if role == Qt.ItemDataRole.DecorationRole:
            return QPixmap.fromImage(gray_qimage(self._images[i])).scaled(
                self._thumbnail, self._thumbnail, Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.FastTransformation)
        if role == Qt.ItemDataRole.ToolTipRole:
            if predicted is None:
                return self.tr("Image #{0}: label {1}").format(i, label)
            verdict = self.tr("wrong: true label {0}").format(label) if wrong else self.tr("correct")
            return self.tr("Image #{0}: predicted {1} ({2})").format(i, predicted, verdict)
        if role == Qt.ItemDataRole.BackgroundRole:
            return self._WRONG_BACKGROUND if wrong else None
        if role == Qt.ItemDataRole.ForegroundRole:
            return self._WRONG_FOREGROUND if wrong else None
        if role == Qt.ItemDataRole.FontRole:
            return self._bold if wrong else None
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == self.IndexRole:
            return i
        if role == self.LabelRole:
            return label
        if role == self.PredictionRole:
            return predicted
        if role == self.MisclassifiedRole:
            return wrong
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren


class DigitListView(QListView):
    """A QListView set up as a grid of identical thumbnails (IconMode, uniform sizes)."""

    def __init__(self, parent: QWidget | None = None, thumbnail: int = 56):
        super().__init__(parent)
        self.setViewMode(QListView.ViewMode.IconMode)
        self.setUniformItemSizes(True)
        self.setMovement(QListView.Movement.Static)
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setLayoutMode(QListView.LayoutMode.Batched)
        self.setBatchSize(500)
        self.setIconSize(QSize(thumbnail, thumbnail))
        self.setGridSize(QSize(thumbnail + 12, thumbnail + 26))
        self.setSpacing(2)
        self.setWordWrap(False)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)  # the grid wraps
        self.setToolTip("")

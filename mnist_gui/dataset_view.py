"""DigitListModel and DigitListView: thousands of digit thumbnails in one QListView.

The model serves each thumbnail on demand from the ``(n, 28, 28)`` uint8 array
(``DecorationRole``), so only the items on screen cost anything; 10,000 images are one
widget, not 10,000.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, QSize, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QGuiApplication
from PySide6.QtWidgets import QAbstractItemView, QListView, QWidget

from core.browse import ORDERS, Scores, order
from core.datasets import DIGITS
from mnist_gui.widgets import crisp_pixmap, gray_qimage

_Index = QModelIndex | QPersistentModelIndex


class DigitListModel(QAbstractListModel):
    """A list model over a set of digit images, with the network's predictions.

    Each row is one image. The rows shown can be narrowed by :meth:`set_filter` (correct or
    misclassified images, a true class, a predicted class) and put in another order by
    :meth:`set_order` (index, cost, confidence, ambiguity: :data:`core.browse.ORDERS`); row
    numbers then refer to the list shown, and :meth:`source_index` maps them back to the
    image's index, :meth:`row_of` the other way.

    Roles: ``DisplayRole`` is the predicted class, or "true→predicted" for a mistake (the
    true class before any prediction), ``DecorationRole`` the thumbnail (upright: image row
    0 at the top), ``ToolTipRole`` a sentence, ``BackgroundRole`` and ``ForegroundRole`` mark
    mistakes in red; :attr:`IndexRole`, :attr:`LabelRole`, :attr:`PredictionRole` and
    :attr:`MisclassifiedRole` give the raw values.

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
        self._names = DIGITS
        self._predictions: np.ndarray | None = None
        self._scores: Scores | None = None
        self._filter = (None, None, None)  # (true, predicted, correct)
        self._order = "index"
        self._ranked: tuple | None = None  # (scores, order, ranked indices): the last sort
        self._rows = np.zeros(0, np.int64)
        self._position = np.zeros(0, np.int64)  # image index -> row, -1 if hidden
        if images is not None:
            self.set_data(images, labels)

    # -- data -----------------------------------------------------------------------------

    def set_data(self, images: np.ndarray, labels: np.ndarray) -> None:
        """Replace the images ``(n, 28, 28)`` uint8 and labels ``(n,)``; clears predictions.
        Raises ValueError if their lengths differ."""
        if len(images) != len(labels):
            raise ValueError(f"{len(images)} images but {len(labels)} labels.")
        self.beginResetModel()
        self._images = np.asarray(images)
        self._labels = np.asarray(labels, dtype=np.int64)
        self._predictions = self._scores = None
        self._update_rows()
        self.endResetModel()

    def set_class_names(self, names) -> None:
        """Name the classes (a sequence of str, label 0 first; default the digits)."""
        self.beginResetModel()
        self._names = tuple(str(n) for n in names)
        self.endResetModel()

    def set_scores(self, scores: Scores | None) -> None:
        """Set what the network makes of every image (:func:`core.browse.score`), or None.
        The filter and the order are applied again. Raises ValueError for another length."""
        if scores is not None and len(scores) != len(self._labels):
            raise ValueError(f"{len(scores)} scores for {len(self._labels)} images.")
        self.beginResetModel()
        self._scores = scores
        self._predictions = None if scores is None else scores.predicted
        self._update_rows()
        self.endResetModel()

    def set_filter(self, misclassified_only: bool = False, true_label: int | None = None,
                   predicted: int | None = None, correct: bool | None = None) -> None:
        """Show only one true class and/or one predicted class and/or the correct
        (``correct=True``) or misclassified (``correct=False``, or ``misclassified_only``)
        images; None means any. Before predictions only the true class filters."""
        self.beginResetModel()
        self._filter = (true_label, predicted, False if misclassified_only else correct)
        self._update_rows()
        self.endResetModel()

    def set_order(self, by: str) -> None:
        """List the images by ``"index"``, ``"cost"`` (highest first), ``"confidence"``
        (highest first) or ``"ambiguity"`` (smallest gap first), as :func:`core.browse.order`.
        Without scores the order is the index. Raises ValueError for another name."""
        if by not in ORDERS:
            raise ValueError(f"unknown order {by!r}; choose one of {', '.join(ORDERS)}.")
        if by == self._order:
            return
        self.beginResetModel()
        self._order = by
        self._update_rows()
        self.endResetModel()

    def _update_rows(self) -> None:
        n = len(self._labels)
        true_label, predicted, correct = self._filter
        keep = np.ones(n, dtype=bool)
        if true_label is not None:
            keep &= self._labels == true_label
        if self._predictions is not None:
            if predicted is not None:
                keep &= self._predictions == predicted
            if correct is not None:
                keep &= (self._predictions == self._labels) == bool(correct)
        if self._scores is not None and self._order != "index":
            if self._ranked is None or self._ranked[0] is not self._scores or self._ranked[1] != self._order:
                self._ranked = (self._scores, self._order, order(self._scores, self._order))  # sorted once
            ranked = self._ranked[2]
            self._rows = ranked[keep[ranked]]
        else:
            self._rows = np.flatnonzero(keep).astype(np.int64)
        self._position = np.full(n, -1, np.int64)
        self._position[self._rows] = np.arange(len(self._rows))

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
        """``(n,)`` int64 predicted classes, or None."""
        return self._predictions

    @property
    def scores(self) -> Scores | None:
        """The scores set by :meth:`set_scores`, or None."""
        return self._scores

    @property
    def order_by(self) -> str:
        """The order of the list (one of :data:`core.browse.ORDERS`)."""
        return self._order

    @property
    def rows(self) -> np.ndarray:
        """``(rowCount(),)`` int64: the image index shown at each row (do not modify)."""
        return self._rows

    def source_index(self, row: int) -> int:
        """The image index (into the full set) shown at ``row`` of the list."""
        return int(self._rows[row])

    def row_of(self, image_index: int) -> int | None:
        """The row showing an image index, or None if the filter hides it (or no such image)."""
        if not 0 <= image_index < len(self._position):
            return None
        row = int(self._position[image_index])
        return row if row >= 0 else None

    def image(self, image_index: int) -> np.ndarray:
        """The ``(28, 28)`` uint8 image."""
        return self._images[image_index]

    def label(self, image_index: int) -> int:
        """The true class of an image."""
        return int(self._labels[image_index])

    def class_name(self, label: int) -> str:
        """The name of a class ("4" for MNIST)."""
        return self._names[label] if 0 <= label < len(self._names) else str(label)

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
            if predicted is None:
                return self.class_name(label)
            if wrong:
                return f"{self.class_name(label)}→{self.class_name(predicted)}"
            return self.class_name(predicted)
        if role == Qt.ItemDataRole.DecorationRole:
            # At the highest pixel density of the screens: crisp square pixels on high DPI.
            return crisp_pixmap(gray_qimage(self._images[i]), self._thumbnail, self._thumbnail,
                                QGuiApplication.instance().devicePixelRatio())
        if role == Qt.ItemDataRole.ToolTipRole:
            if predicted is None:
                return self.tr("Image #{0}: label {1}").format(i, self.class_name(label))
            if wrong:
                return self.tr("Image #{0}: true {1}, predicted {2} (wrong)").format(
                    i, self.class_name(label), self.class_name(predicted))
            return self.tr("Image #{0}: predicted {1} (correct)").format(i, self.class_name(predicted))
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
        self.setTextElideMode(Qt.TextElideMode.ElideMiddle)  # "Sandal→Sneaker" in a 68-pixel cell
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)  # the grid wraps
        self.setToolTip("")

    def scrollTo(self, index: QModelIndex, hint=QAbstractItemView.ScrollHint.EnsureVisible) -> None:
        """As QListView's, but also to an image the batched layout has not reached yet (Qt's
        does not move then): the whole grid is laid out at once first (about 70 ms for 50,000,
        and only in that case)."""
        if index.isValid() and not self.visualRect(index).isValid():
            self.setLayoutMode(QListView.LayoutMode.SinglePass)
            self.doItemsLayout()
            self.setLayoutMode(QListView.LayoutMode.Batched)
        super().scrollTo(index, hint)

    def moveCursor(self, action: QAbstractItemView.CursorAction, modifiers) -> QModelIndex:
        """As QListView's, but End goes to the last image even while the batched layout has
        not reached it yet (Qt's goes to the last one laid out)."""
        model = self.model()
        if action == QAbstractItemView.CursorAction.MoveEnd and model is not None and model.rowCount():
            return model.index(model.rowCount() - 1, 0)
        return super().moveCursor(action, modifiers)

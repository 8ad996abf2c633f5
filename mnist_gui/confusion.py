"""ConfusionTable: a clickable confusion matrix with per-class accuracy."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget, QTableWidgetItem, QWidget

from core.metrics import Evaluation


class ConfusionTable(QTableWidget):
    """The confusion matrix of an evaluation: row = true digit, column = predicted, and a
    last column with each digit's accuracy in percent. Mistakes are shaded red by count,
    the diagonal green.

    Signals
    -------
    cell_chosen(int, object)
        The user clicked a cell: the true digit and the predicted digit (None for the
        accuracy column, meaning "any prediction").
    """

    cell_chosen = Signal(int, object)

    def __init__(self, n_classes: int = 10, parent: QWidget | None = None):
        super().__init__(n_classes, n_classes + 1, parent)
        self._n = n_classes
        self.setHorizontalHeaderLabels([str(d) for d in range(n_classes)] + [self.tr("acc.")])
        self.setVerticalHeaderLabels([str(d) for d in range(n_classes)])
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        font = self.font()
        font.setPointSize(max(7, font.pointSize() - 1))
        self.setFont(font)
        self.horizontalHeader().setMinimumSectionSize(24)
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.setToolTip(self.tr("Confusion matrix on the test set: row = true digit, column = predicted.\n"
                                "Click a cell to browse those images."))
        self.cellClicked.connect(self._on_cell_clicked)
        self.setMinimumHeight(180)

    def set_evaluation(self, evaluation: Evaluation) -> None:
        """Show ``evaluation.confusion`` ``(n, n)`` int64 and its per-class accuracy."""
        cm = evaluation.confusion
        per_class = evaluation.per_class_accuracy
        biggest = max(1, int((cm - np.diag(np.diag(cm))).max()))
        for i in range(self._n):
            for j in range(self._n):
                item = QTableWidgetItem(str(cm[i, j]))
                item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                if i != j and cm[i, j]:
                    shade = int(230 - 120 * cm[i, j] / biggest)
                    item.setBackground(Qt.GlobalColor.white if shade >= 230 else QColor(255, shade, shade))
                elif i == j:
                    item.setBackground(QColor(215, 240, 215))
                item.setToolTip(self.tr("{0} test images of a {1} predicted as {2}").format(cm[i, j], i, j))
                self.setItem(i, j, item)
            acc = QTableWidgetItem("–" if np.isnan(per_class[i]) else f"{100 * per_class[i]:.1f}")
            acc.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
            acc.setToolTip(self.tr("Accuracy on the test images of a {0}, in percent").format(i))
            self.setItem(i, self._n, acc)

    @Slot(int, int)
    def _on_cell_clicked(self, row: int, column: int) -> None:
        self.cell_chosen.emit(row, None if column == self._n else column)

"""ConfusionTable: the confusion matrix as a clickable heat map, with per-class accuracy."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget, QTableWidgetItem, QWidget

from core.datasets import DIGITS
from mnist_gui import numbers
from mnist_gui.numbers import percent as format_percent
from mnist_gui.widgets import rich_tip


def _blend(low: tuple, high: tuple, t: float) -> QColor:
    """The colour a fraction ``t`` in [0, 1] of the way from ``low`` to ``high`` (RGB)."""
    return QColor(*(round(a + (b - a) * t) for a, b in zip(low, high)))


_WHITE = (255, 255, 255)
_RED = (205, 40, 40)     # the most frequent mistake
_GREEN = (60, 160, 80)   # a class read perfectly


class ConfusionTable(QTableWidget):
    """The confusion matrix of a split: row = true class, column = predicted class, and a
    last column with each class's accuracy in percent.

    A heat map: a mistake's cell is shaded from white to red by its count (square-root
    scale, the most frequent mistake darkest), a diagonal cell from white to green by the
    class's accuracy. Every cell shows its count. The cells keep a readable size: when the
    table is smaller than the matrix, it scrolls rather than clips.

    Signals
    -------
    cell_chosen(int, object)
        The user clicked a cell: the true class and the predicted class (None for the
        accuracy column, meaning "any prediction").
    """

    cell_chosen = Signal(int, object)

    def __init__(self, n_classes: int = 10, parent: QWidget | None = None):
        super().__init__(n_classes, n_classes + 1, parent)
        self._n = n_classes
        self._names = DIGITS[:n_classes]
        self._split = self.tr("test")
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        font = self.font()
        font.setPointSize(max(7, font.pointSize() - 1))
        self.setFont(font)
        for header in (self.horizontalHeader(), self.verticalHeader()):
            header.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
            header.setHighlightSections(True)
        self.cellClicked.connect(self._on_cell_clicked)
        self._name_headers()
        self.setMinimumSize(120, 90)

    # -- contents -------------------------------------------------------------------------

    def set_class_names(self, names) -> None:
        """Name the rows and columns (a sequence of ``n_classes`` str, label 0 first)."""
        self._names = tuple(str(n) for n in names)[:self._n]
        self._name_headers()

    def _name_headers(self) -> None:
        short = [name if len(name) <= 6 else name[:5] + "." for name in self._names]
        self.setHorizontalHeaderLabels(short + [self.tr("acc. %")])
        self.setVerticalHeaderLabels(list(self._names))
        for j, name in enumerate(self._names):
            self.horizontalHeaderItem(j).setToolTip(self.tr("Predicted {0}").format(name))
            self.verticalHeaderItem(j).setToolTip(self.tr("True {0}").format(name))
        self.horizontalHeaderItem(self._n).setToolTip(self.tr("Accuracy on the images of each class, in percent"))
        self._size_columns("8,888")
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.setToolTip(rich_tip(self.tr(
            "Confusion matrix on the {0} images: each row is a true class, each column the network's answer, and "
            "a cell counts the images of that row's class read as that column's. The diagonal (green) holds the "
            "right answers; every other cell counts one kind of mistake (red when there are any), such as 4 read "
            "as 9.\n"
            "Click a cell to browse its images, the most confident first; the last column gives each class's "
            "accuracy, and a click there lists its mistakes.").format(self._split)))

    def _size_columns(self, widest: str) -> None:
        """Columns wide enough for the headers and for ``widest``, the longest count."""
        metrics = self.fontMetrics()
        short = [self.horizontalHeaderItem(j).text() for j in range(self._n)]
        cell = max(metrics.horizontalAdvance(widest) + 12, max(metrics.horizontalAdvance(s) for s in short) + 10)
        header = self.horizontalHeader()
        header.setMinimumSectionSize(min(cell, metrics.horizontalAdvance("8,888") + 12))
        for j in range(self._n):
            header.resizeSection(j, cell)
        header.resizeSection(self._n, metrics.horizontalAdvance("100.0") + 16)

    def set_confusion(self, confusion: np.ndarray | None, split: str | None = None) -> None:
        """Show a confusion matrix ``(n, n)`` int (row = true class) and its per-class
        accuracy, for the split named ``split`` (a word for the tooltips, e.g. "training");
        None clears the cells. Raises ValueError for another shape."""
        if split is not None:
            self._split = split
            self._name_headers()
        if confusion is None:
            self.clearContents()
            return
        cm = np.asarray(confusion)
        if cm.shape != (self._n, self._n):
            raise ValueError(f"expected a {self._n} x {self._n} confusion matrix, got shape {cm.shape}.")
        totals = cm.sum(axis=1)
        mistakes = cm - np.diag(np.diag(cm))
        biggest = max(1, int(mistakes.max()))
        for i in range(self._n):
            for j in range(self._n):
                count = int(cm[i, j])
                item = QTableWidgetItem(numbers.integer(count))
                item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                # Dark text on the cells' own light colours, whatever the palette (in a dark one
                # its light text would vanish on the white cells).
                item.setForeground(QColor(20, 20, 20))
                if i == j:
                    rate = count / totals[i] if totals[i] else 0.0
                    item.setBackground(_blend(_WHITE, _GREEN, rate ** 4))  # 98% shows clearly greener than 90%
                    item.setToolTip(self.tr("{0} {1} images of a {2} read correctly: click to list them")
                                    .format(numbers.integer(count), self._split, self._names[i]))
                else:
                    t = np.sqrt(count / biggest)
                    item.setBackground(_blend(_WHITE, _RED, t))
                    if t > 0.6:
                        item.setForeground(QColor(255, 255, 255))
                    item.setToolTip(self.tr("{0} {1} images of a {2} predicted as {3}: click to list them")
                                    .format(numbers.integer(count), self._split, self._names[i], self._names[j]))
                self.setItem(i, j, item)
            rate = cm[i, i] / totals[i] if totals[i] else None
            acc = QTableWidgetItem("–" if rate is None else numbers.fixed(100 * rate, 1))
            acc.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
            acc.setToolTip(self.tr("Accuracy on the {0} images of a {1}: {2}; click to list its mistakes")
                           .format(self._split, self._names[i], format_percent(rate)))
            self.setItem(i, self._n, acc)
        self._size_columns(numbers.integer(int(cm.max())))

    def count(self, true: int, predicted: int) -> int:
        """The count shown in cell (true, predicted); 0 when empty."""
        item = self.item(true, predicted)
        return int(item.text().replace(",", "")) if item is not None else 0

    @Slot(int, int)
    def _on_cell_clicked(self, row: int, column: int) -> None:
        self.cell_chosen.emit(row, None if column == self._n else column)

"""The Browse view: the test images as thumbnails, filtered, with the confusion matrix."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, Slot
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from mnist_gui.confusion import ConfusionTable
from mnist_gui.dataset_view import DigitListModel, DigitListView
from mnist_gui.session import Session
from mnist_gui.widgets import ActivationBars, DigitView


class BrowseView(QWidget):
    """See where and why the session's current network fails on the test images.

    A grid of thumbnails (a ``QListView`` over :class:`DigitListModel`, so 10,000 images
    cost only what is on screen), filtered to all or only the misclassified images, a true
    digit, a predicted digit; the selected image shown large with its activations; the
    clickable confusion matrix.

    Parameters
    ----------
    session : Session
    """

    def __init__(self, session: Session, parent: QWidget | None = None):
        super().__init__(parent)
        self._session = session
        self.show_combo = QComboBox()
        self.show_combo.addItems([self.tr("All test images"), self.tr("Misclassified only")])
        self.show_combo.setToolTip(self.tr("Show every test image or only those the network gets wrong"))
        self.true_combo = QComboBox()
        self.true_combo.addItem(self.tr("any true digit"), None)
        self.pred_combo = QComboBox()
        self.pred_combo.addItem(self.tr("any predicted digit"), None)
        for d in range(10):
            self.true_combo.addItem(self.tr("true {0}").format(d), d)
            self.pred_combo.addItem(self.tr("predicted {0}").format(d), d)
        self.count_label = QLabel()
        self.count_label.setMinimumWidth(260)
        self.count_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        for combo in (self.show_combo, self.true_combo, self.pred_combo):
            combo.currentIndexChanged.connect(self._on_filter_changed)
        controls = QHBoxLayout()
        controls.addWidget(QLabel(self.tr("Show:")))
        controls.addWidget(self.show_combo)
        controls.addWidget(self.true_combo)
        controls.addWidget(self.pred_combo)
        controls.addStretch(1)
        controls.addWidget(self.count_label)

        self.list_model = DigitListModel()
        self.list_view = DigitListView()
        self.list_view.setModel(self.list_model)
        self.list_view.selectionModel().currentChanged.connect(self._on_list_current_changed)

        self.image_view = DigitView(168)
        self.title = QLabel(self.tr("Click a thumbnail"))
        self.title.setWordWrap(True)
        title_font = self.title.font()
        title_font.setPointSize(title_font.pointSize() + 2)
        self.title.setFont(title_font)
        self.bars = ActivationBars()
        self.confusion_table = ConfusionTable()
        self.confusion_table.cell_chosen.connect(self._on_confusion_table_cell_chosen)

        detail = QVBoxLayout()
        top = QHBoxLayout()
        top.addWidget(self.image_view)
        top.addWidget(self.title, 1)
        detail.addLayout(top)
        detail.addWidget(self.bars, 1)
        detail.addWidget(QLabel(self.tr("Confusion matrix (rows: true digit, columns: predicted):")))
        detail.addWidget(self.confusion_table, 2)
        detail_widget = QWidget()
        detail_widget.setLayout(detail)
        detail_widget.setMinimumWidth(460)
        detail_widget.setMaximumWidth(600)

        left = QVBoxLayout()
        left.addLayout(controls)
        left.addWidget(self.list_view, 1)
        layout = QHBoxLayout(self)
        layout.addLayout(left, 1)
        layout.addWidget(detail_widget)

        session.data_changed.connect(self._on_session_data_changed)
        session.model_changed.connect(self._on_session_model_changed)
        if session.data is not None:
            self._on_session_data_changed()

    # -- from the session -----------------------------------------------------------------

    @Slot()
    def _on_session_data_changed(self) -> None:
        test = self._session.data.test
        self.list_model.set_data(test.images, test.y)
        self._on_session_model_changed()

    @Slot()
    def _on_session_model_changed(self) -> None:
        """Show the current network's predictions on the test split."""
        evaluation = self._session.evaluation("test")
        if evaluation is None:
            return
        keep = self._current_image()
        self.list_model.set_predictions(evaluation.activations, evaluation.predictions)
        self.confusion_table.set_evaluation(evaluation)
        self._update_count()
        self._select_image(keep)

    # -- filters --------------------------------------------------------------------------

    @Slot(int, object)
    def _on_confusion_table_cell_chosen(self, true_digit: int, predicted: int | None) -> None:
        combos = (self.show_combo, self.true_combo, self.pred_combo)
        for combo in combos:
            combo.blockSignals(True)
        self.show_combo.setCurrentIndex(0)
        self.true_combo.setCurrentIndex(true_digit + 1)
        self.pred_combo.setCurrentIndex(0 if predicted is None else predicted + 1)
        for combo in combos:
            combo.blockSignals(False)
        self._apply_filter()

    @Slot()
    def _on_filter_changed(self) -> None:
        self.confusion_table.clearSelection()  # a filter changed by hand no longer matches a cell
        self._apply_filter()

    def _apply_filter(self) -> None:
        keep = self._current_image()
        self.list_model.set_filter(misclassified_only=self.show_combo.currentIndex() == 1,
                                   true_label=self.true_combo.currentData(),
                                   predicted=self.pred_combo.currentData())
        self._update_count()
        self._select_image(keep)

    def _update_count(self) -> None:
        m = self.list_model
        text = self.tr("{0} misclassified of {1}").format(f"{m.n_misclassified:,}", f"{m.n_total:,}")
        if m.rowCount() != m.n_total and not (self.show_combo.currentIndex() == 1
                                              and m.rowCount() == m.n_misclassified):
            text = self.tr("showing {0} · {1}").format(f"{m.rowCount():,}", text)
        self.count_label.setText(text)

    # -- the selected image ---------------------------------------------------------------

    def _current_image(self) -> int | None:
        current = self.list_view.currentIndex()
        return current.data(DigitListModel.IndexRole) if current.isValid() else None

    def _select_image(self, image_index: int | None) -> None:
        row = None if image_index is None else self.list_model.row_of(image_index)
        if row is None:
            self._show_detail(None)
            return
        index = self.list_model.index(row)
        self.list_view.selectionModel().setCurrentIndex(index, QItemSelectionModel.SelectionFlag.ClearAndSelect)
        self.list_view.scrollTo(index)
        self._show_detail(image_index)

    @Slot(QModelIndex, QModelIndex)
    def _on_list_current_changed(self, current: QModelIndex, previous: QModelIndex) -> None:
        self._show_detail(current.data(DigitListModel.IndexRole) if current.isValid() else None)

    def _show_detail(self, image_index: int | None) -> None:
        if image_index is None:
            self.image_view.set_image(None)
            self.title.setText(self.tr("Click a thumbnail"))
            self.bars.set_activations(None)
            return
        m = self.list_model
        label = m.label(image_index)
        activations = m.activations(image_index)
        self.image_view.set_image(m.image(image_index))
        if activations is None:
            self.title.setText(self.tr("Test image #{0}\nTrue label: {1}").format(image_index, label))
            self.bars.set_activations(None)
            return
        predicted = int(np.argmax(activations))
        verdict = (self.tr("correct") if predicted == label
                   else "<span style='color:#b01010'><b>{}</b></span>".format(self.tr("wrong")))
        detail = self.tr("activation {0}").format(f"{activations[predicted]:.2f}")
        if predicted != label:
            detail += self.tr("; for {0}: {1}").format(label, f"{activations[label]:.2f}")
        self.title.setText(self.tr("Test image #{0}<br>True label: <b>{1}</b><br>Predicted: <b>{2}</b> ({3})<br>{4}")
                           .format(image_index, label, predicted, verdict, detail))
        self.bars.set_activations(activations, true_label=label)

"""The Browse view: the test images (or another split, or your own digits) as thumbnails,
filtered, with the confusion matrix."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, Slot
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from core.metrics import format_percent
from mnist_gui.confusion import ConfusionTable
from mnist_gui.dataset_view import DigitListModel, DigitListView
from mnist_gui.session import SPLITS, Session
from mnist_gui.widgets import ActivationBars, DigitView

#: The sets the view can show, in the order of its box: MNIST's splits, then the user's digits.
SETS = ("test", "validation", "train", "own")


class BrowseView(QWidget):
    """See where and why the session's current network fails on the test images.

    The set shown is the test split by default; the validation or training split, or the
    user's own digits (:attr:`Session.own_digits`, with the network's accuracy on them), can
    be chosen instead (:attr:`set_combo`, :meth:`show_set`). A grid of thumbnails (a ``QListView`` over :class:`DigitListModel`, so 10,000 images
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
        self.set_combo = QComboBox()
        for name in SETS:
            self.set_combo.addItem("", name)
        self.set_combo.setToolTip(self.tr("The images to browse: MNIST's test, validation or training images, or "
                                          "the digits you saved in the Draw view"))
        self._name_sets()
        self.set_combo.currentIndexChanged.connect(self._on_set_combo_changed)
        self.show_combo = QComboBox()
        self.show_combo.addItems([self.tr("All images"), self.tr("Misclassified only")])
        self.show_combo.setToolTip(self.tr("Show every image or only those the network gets wrong"))
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
        controls.addWidget(self.set_combo)
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
        session.own_digits_changed.connect(self._on_session_own_digits_changed)
        if session.data is not None:
            self._on_session_data_changed()

    # -- the set shown --------------------------------------------------------------------

    @property
    def current_set(self) -> str:
        """The set shown: ``"test"``, ``"validation"``, ``"train"`` or ``"own"`` (the user's digits)."""
        return self.set_combo.currentData()

    def show_set(self, name: str) -> None:
        """Browse one set (see :attr:`current_set`). Raises ValueError for another name."""
        if name not in SETS:
            raise ValueError(f"unknown set {name!r}; expected one of {SETS}.")
        self.set_combo.setCurrentIndex(SETS.index(name))

    def _name_sets(self) -> None:
        """The set box's items, with their sizes."""
        data = self._session.data
        sizes = {name: len(getattr(data, name)) for name in SPLITS} if data is not None else {}
        sizes["own"] = len(self._session.own_digits)
        names = {"test": self.tr("Test images"), "validation": self.tr("Validation images"),
                 "train": self.tr("Training images"), "own": self.tr("My digits")}
        for index, name in enumerate(SETS):
            size = sizes.get(name)
            if name == "own" and self._session.own_digits_error:
                text = self.tr("{0} (unreadable)").format(names[name])
            else:
                text = names[name] if size is None else self.tr("{0} ({1})").format(names[name], f"{size:,}")
            self.set_combo.setItemText(index, text)

    def _split(self):
        """The DataSplit shown, or None without data."""
        if self.current_set == "own":
            return self._session.own_digits
        data = self._session.data
        return None if data is None else getattr(data, self.current_set)

    def _evaluation(self):
        """The current network's evaluation on the set shown, or None."""
        if self.current_set == "own":
            return self._session.own_evaluation()
        return self._session.evaluation(self.current_set)

    def _show_images(self) -> None:
        split = self._split()
        if split is None:
            return
        self.list_model.set_data(split.images, split.y)
        self._on_session_model_changed()

    # -- from the session -----------------------------------------------------------------

    @Slot()
    def _on_session_data_changed(self) -> None:
        self._name_sets()
        self._show_images()

    @Slot()
    def _on_session_own_digits_changed(self) -> None:
        self._name_sets()
        if self.current_set == "own":
            self._show_images()

    @Slot(int)
    def _on_set_combo_changed(self, index: int) -> None:
        self._show_images()

    @Slot()
    def _on_session_model_changed(self) -> None:
        """Show the current network's predictions on the set shown."""
        evaluation = self._evaluation()
        if evaluation is None:
            if self.current_set == "own":  # no digits (or no network): nothing to predict
                self.list_model.set_predictions(None)
                self.confusion_table.clearContents()
                self._update_count()
                self._show_detail(None)
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
        if self.current_set == "own" and self._session.own_digits_error:
            self.count_label.setText(self.tr("Your digits cannot be read: see the Draw view"))
            self.count_label.setToolTip(self._session.own_digits_error)
            return
        self.count_label.setToolTip("")
        if self.current_set == "own" and not m.n_total:
            self.count_label.setText(self.tr("No digits saved yet: Save to My Digits in the Draw view"))
            return
        text = self.tr("{0} misclassified of {1}").format(f"{m.n_misclassified:,}", f"{m.n_total:,}")
        if self.current_set == "own" and m.predictions is not None:
            right = m.n_total - m.n_misclassified
            text = self.tr("{0} · accuracy {1}").format(text, format_percent(right / m.n_total))
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
        kind = {"test": self.tr("Test image"), "validation": self.tr("Validation image"),
                "train": self.tr("Training image"), "own": self.tr("My digit")}[self.current_set]
        if activations is None:
            self.title.setText(self.tr("{0} #{1}\nTrue label: {2}").format(kind, image_index, label))
            self.bars.set_activations(None)
            return
        predicted = int(np.argmax(activations))
        verdict = (self.tr("correct") if predicted == label
                   else "<span style='color:#b01010'><b>{}</b></span>".format(self.tr("wrong")))
        detail = self.tr("activation {0}").format(f"{activations[predicted]:.2f}")
        if predicted != label:
            detail += self.tr("; for {0}: {1}").format(label, f"{activations[label]:.2f}")
        self.title.setText(self.tr("{0} #{1}<br>True label: <b>{2}</b><br>Predicted: <b>{3}</b> ({4})<br>{5}")
                           .format(kind, image_index, label, predicted, verdict, detail))
        self.bars.set_activations(activations, true_label=label)

"""The Browse view: any split (or your own digits) as thumbnails, filtered and ordered, with
the confusion matrix as a heat map, the selected image in detail with what the network saw,
and a map of the split.

The numbers come from :mod:`core.browse`, computed off the GUI thread by
:class:`~mnist_gui.scoring.SplitScorer` once per network and set; the view only indexes them.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QEvent, QItemSelectionModel, QModelIndex, QSettings, Qt, Signal, Slot
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from core.browse import ORDERS, model_cost, wrong_answer_contributions
from core.datasets import DIGITS
from mnist_gui import numbers
from mnist_gui.confusion import ConfusionTable
from mnist_gui.data_map import DataMap
from mnist_gui.dataset_view import DigitListModel, DigitListView
from mnist_gui.help import HintBanner
from mnist_gui.numbers import percent as format_percent
from mnist_gui.scoring import SplitScorer
from mnist_gui.session import SPLITS, Session
from mnist_gui.settings import CheckedSettings
from mnist_gui.widgets import ActivationBars, DigitView, SignedImageView, gray_qimage, rich_tip

#: The sets the view can show, in the order of its box: MNIST's splits, then the user's digits.
SETS = ("test", "validation", "train", "own")

#: How many first-layer neurons "what the network saw" shows.
SAW_NEURONS = 6

SET_KEY, ORDER_KEY, TAB_KEY = "browse/set", "browse/order", "browse/tab"
#: The "show" filter, remembered as one of these words: all images, misclassified only, correct only
#: (the show box's data: None, False, True).
SHOW_KEY, SHOWS = "browse/show", ("all", "misclassified", "correct")
SPLITTER_KEYS = ("browse/splitter", "browse/right_splitter")


class BrowseView(QWidget):
    """See where and why the session's current network fails, on any set.

    The set shown is the test split by default; the validation or training split, or the
    user's own digits (:attr:`Session.own_digits`), can be chosen instead (:attr:`set_combo`,
    :meth:`show_set`). A grid of thumbnails (a ``QListView`` over :class:`DigitListModel`, so
    50,000 images cost only what is on screen), filtered by true class, predicted class,
    correct or misclassified, and ordered by index, cost, confidence or ambiguity; the
    count of what is shown; the selected image large with its activations, its cost and,
    for a mistake, the first-layer neurons that pushed it to the wrong answer; the
    confusion matrix as a heat map (a click lists a cell's images); the map of the set.

    The scores are computed in a worker thread once per network and set
    (:class:`~mnist_gui.scoring.SplitScorer`); until they arrive the thumbnails show the
    true classes and the count says so (:meth:`is_current`).

    Parameters
    ----------
    session : Session

    Signals
    -------
    open_in_draw(ndarray, str)
        "Open in Draw": a ``(28, 28)`` uint8 image and a sentence saying which it is.
    status_message(str, int)
        A sentence for the status bar and how long to show it (ms).
    """

    open_in_draw = Signal(object, str)
    status_message = Signal(str, int)

    def __init__(self, session: Session, parent: QWidget | None = None):
        super().__init__(parent)
        self._session = session
        self._names = DIGITS
        self._failure = ""  # why the set's scores could not be computed
        # Whether the selected image was chosen (a click, a key, the map, a matrix cell, Open
        # in Browse) rather than picked as the first one shown: a picked one is picked again
        # when the scores arrive, so that a remembered order (highest cost first) opens on
        # its first image, not scrolled to wherever image 0 went.
        self._chosen = False
        self._selecting = False  # _select_image is moving the current index (not the user)
        self.scorer = SplitScorer(self)
        self.scorer.scored.connect(self._on_scorer_scored)
        self.scorer.mapped.connect(self._on_scorer_mapped)
        self.scorer.failed.connect(self._on_scorer_failed)
        self.scorer.map_failed.connect(self._on_scorer_mapped)

        # -- filters and order ------------------------------------------------------------
        self.set_combo = QComboBox()
        for name in SETS:
            self.set_combo.addItem("", name)
        self.set_combo.setToolTip(rich_tip(self.tr(
            "The images to browse. Test: never used in training, they show how well the network reads new "
            "digits. Validation: held out of training to choose the settings and the best epoch. Training: the "
            "images the network learned from. Or the digits you saved in the Draw view.")))
        self._name_sets()
        self.set_combo.currentIndexChanged.connect(self._on_set_combo_changed)
        self.show_combo = QComboBox()
        self.show_combo.addItem(self.tr("All images"), None)
        self.show_combo.addItem(self.tr("Misclassified only"), False)
        self.show_combo.addItem(self.tr("Correct only"), True)
        self.show_combo.setToolTip(rich_tip(self.tr(
            "Show every image, only those the network gets wrong (misclassified: its answer differs from the "
            "label), or only those it gets right")))
        self.true_combo = QComboBox()
        self.true_combo.setToolTip(self.tr("Show only the images of one true class: the digit their label says"))
        self.pred_combo = QComboBox()
        self.pred_combo.setToolTip(self.tr("Show only the images the network reads as one digit (its answer)"))
        self._name_classes()
        self.order_combo = QComboBox()
        words = {"index": self.tr("In index order"), "cost": self.tr("Highest cost first"),
                 "confidence": self.tr("Most confident first"), "ambiguity": self.tr("Most ambiguous first")}
        for name in ORDERS:
            self.order_combo.addItem(words[name], name)
        self.order_combo.setToolTip(rich_tip(self.tr(
            "Order of the images. Cost: how wrong the network is on the image (its cost), highest first: "
            "the most confidently wrong. Confidence: the highest output activation first. Ambiguity: the smallest "
            "gap between the two highest activations first: the images the network could hardly tell apart.")))
        for combo in (self.show_combo, self.true_combo, self.pred_combo):
            combo.currentIndexChanged.connect(self._on_filter_changed)
        self.order_combo.currentIndexChanged.connect(self._on_order_combo_changed)
        for combo in (self.set_combo, self.show_combo, self.true_combo, self.pred_combo, self.order_combo):
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
            combo.setMinimumContentsLength(6)
        self.count_label = QLabel()
        self.count_label.setWordWrap(True)
        self.count_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.count_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        count_font = self.count_label.font()
        count_font.setBold(True)
        self.count_label.setFont(count_font)

        controls = QGridLayout()
        controls.setContentsMargins(0, 0, 0, 0)
        controls.addWidget(self.set_combo, 0, 0)
        controls.addWidget(self.show_combo, 0, 1)
        controls.addWidget(self.true_combo, 1, 0)
        controls.addWidget(self.pred_combo, 1, 1)
        controls.addWidget(self.order_combo, 0, 2)
        controls.setColumnStretch(3, 1)
        self._controls = controls

        self.list_model = DigitListModel()
        self.list_view = DigitListView()
        self.list_view.setModel(self.list_model)
        self.list_view.setMinimumWidth(140)
        self.list_view.setToolTip(rich_tip(self.tr(
            "The images chosen above, each with the network's answer under it; a red cell is a mistake, labelled "
            "true→predicted. Click one to see it large on the right; arrows, Page Up/Down, Home and End move "
            "through them.")))
        self.list_view.selectionModel().currentChanged.connect(self._on_list_current_changed)

        left = QWidget()
        left.installEventFilter(self)
        self._left = left
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 4, 0)
        left_layout.addLayout(controls)
        left_layout.addWidget(self.count_label)
        left_layout.addWidget(self.list_view, 1)

        # -- the selected image -----------------------------------------------------------
        self.image_view = DigitView(98)
        self.image_view.setToolTip(self.tr("The selected image, enlarged: the 28 x 28 pixels the network reads"))
        self.title = QLabel(self.tr("Click a thumbnail"))
        self.title.setWordWrap(True)
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.title.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.title.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.open_in_draw_button = QPushButton(self.tr("Open in Draw"))
        self.open_in_draw_button.setToolTip(self.tr("Put this image on the Draw view's canvas, to draw on it and see "
                                                    "the answer change (Ctrl+D)"))
        self.open_in_draw_button.clicked.connect(self.open_selected_in_draw)
        self.copy_button = QPushButton(self.tr("Copy Image"))
        self.copy_button.setToolTip(self.tr("Copy this image to the clipboard, enlarged 4 times (112 x 112 pixels; "
                                            "Ctrl+C)"))
        self.copy_button.clicked.connect(self.copy_selected_image)
        buttons = QHBoxLayout()
        buttons.addWidget(self.open_in_draw_button)
        buttons.addWidget(self.copy_button)
        buttons.addStretch(1)
        text = QVBoxLayout()
        text.addWidget(self.title, 1)
        text.addLayout(buttons)
        top = QHBoxLayout()
        top.addWidget(self.image_view, 0, Qt.AlignmentFlag.AlignTop)
        top.addLayout(text, 1)
        self.bars = ActivationBars()
        self.bars.setMinimumSize(160, 80)

        self.saw_box = QGroupBox(self.tr("What the network saw"))
        self.saw_box.setToolTip(self.tr(
            "For a mistake: the first-layer neurons that pushed the image most toward the wrong answer, rather "
            "than the true one.\nEach picture is the neuron's weights times the input: red where a positive weight "
            "met ink, blue a negative one.\nThe number is how far the neuron pushes the wrong answer's output ahead "
            "of the true one's: its activation times the difference of its weights to those two output neurons."))
        self.saw_tiles = [SignedImageView(44) for _ in range(SAW_NEURONS)]
        self.saw_captions = [QLabel() for _ in range(SAW_NEURONS)]
        saw_grid = QGridLayout()
        saw_grid.setContentsMargins(2, 0, 2, 0)
        saw_grid.setVerticalSpacing(0)
        small = self.font()
        small.setPointSize(max(7, small.pointSize() - 1))
        for k, (tile, caption) in enumerate(zip(self.saw_tiles, self.saw_captions)):
            caption.setAlignment(Qt.AlignmentFlag.AlignCenter)
            caption.setFont(small)
            saw_grid.addWidget(tile, 0, k, Qt.AlignmentFlag.AlignCenter)
            saw_grid.addWidget(caption, 1, k)
        saw_grid.setColumnStretch(SAW_NEURONS, 1)
        self.saw_note = QLabel()
        self.saw_note.setFont(small)
        self.saw_note.setWordWrap(True)
        self.saw_note.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        saw_layout = QVBoxLayout(self.saw_box)
        saw_layout.setContentsMargins(4, 2, 4, 2)
        saw_layout.setSpacing(2)
        saw_layout.addLayout(saw_grid)
        saw_layout.addWidget(self.saw_note)

        detail = QWidget()
        detail_layout = QVBoxLayout(detail)
        detail_layout.setContentsMargins(4, 0, 0, 0)
        detail_layout.addLayout(top)
        detail_layout.addWidget(self.bars, 1)
        detail_layout.addWidget(self.saw_box)
        detail_scroll = QScrollArea()
        detail_scroll.setWidget(detail)
        detail_scroll.setWidgetResizable(True)
        detail_scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        detail_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        detail_scroll.setMinimumWidth(300)

        # -- the matrix and the map -------------------------------------------------------
        self.confusion_table = ConfusionTable()
        self.confusion_table.cell_chosen.connect(self._on_confusion_table_cell_chosen)
        self.data_map = DataMap()
        self.data_map.point_chosen.connect(self._on_data_map_point_chosen)
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        # Which axis is which, said above the matrix (its headers are bare class names).
        self.confusion_caption = QLabel(self.tr("Rows: true class · columns: predicted class"))
        self.confusion_caption.setWordWrap(True)
        self.confusion_caption.setToolTip(self.tr("A cell counts the images of its row's class that the network "
                                                  "read as its column's; the last column is each class's accuracy."))
        confusion_page = QWidget()
        confusion_layout = QVBoxLayout(confusion_page)
        confusion_layout.setContentsMargins(0, 2, 0, 0)
        confusion_layout.setSpacing(2)
        confusion_layout.addWidget(self.confusion_caption)
        confusion_layout.addWidget(self.confusion_table, 1)
        self.tabs.addTab(confusion_page, self.tr("Confusion matrix"))
        self.tabs.setTabToolTip(0, self.tr("Row: true class, column: the network's answer. Click a cell to list its "
                                           "images."))
        self.tabs.addTab(self.data_map, self.tr("Map"))
        self.tabs.setTabToolTip(1, self.tr("Each image as a point: the first two principal components of the last "
                                           "hidden layer's activations.\nImages the network sees alike lie close "
                                           "together. Hover for the image, click to select it."))

        self.right_splitter = QSplitter(Qt.Orientation.Vertical)
        self.right_splitter.setChildrenCollapsible(False)
        self.right_splitter.addWidget(detail_scroll)
        self.right_splitter.addWidget(self.tabs)
        self.right_splitter.setStretchFactor(0, 3)
        self.right_splitter.setStretchFactor(1, 2)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.right_splitter)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.hint = HintBanner("browse")  # what to try first, until dismissed
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.hint)
        layout.addWidget(self.splitter, 1)

        self._restored_splitters = False
        self._build_actions()
        session.data_changed.connect(self._on_session_data_changed)
        session.model_changed.connect(self._on_session_model_changed)
        session.own_digits_changed.connect(self._on_session_own_digits_changed)
        self._show_detail(None)
        if session.data is not None:
            self._on_session_data_changed()
        else:
            self._update_count()

    def eventFilter(self, watched, event) -> bool:
        """On a resize of the grid's side: three boxes to a row where it is wide enough, two
        otherwise."""
        if watched is self._left and event.type() == QEvent.Type.Resize:
            self._arrange_controls(event.size().width())
        return super().eventFilter(watched, event)

    def _arrange_controls(self, width: int) -> None:
        combos = (self.set_combo, self.show_combo, self.order_combo, self.true_combo, self.pred_combo)
        needed = sum(c.sizeHint().width() for c in combos[:3]) + 2 * self._controls.horizontalSpacing() + 12
        columns = 3 if width >= needed else 2
        if getattr(self, "_columns", None) == columns:
            return
        self._columns = columns
        for combo in combos:
            self._controls.removeWidget(combo)
        places = ([(0, 0), (0, 1), (0, 2), (1, 0), (1, 1)] if columns == 3
                  else [(0, 0), (0, 1), (2, 0), (1, 0), (1, 1)])
        for combo, (row, column) in zip(combos, places):
            self._controls.addWidget(combo, row, column)

    def _build_actions(self) -> None:
        self.open_in_draw_action = QAction(self.tr("Open in Draw"), self)
        self.open_in_draw_action.setShortcut(QKeySequence("Ctrl+D"))
        self.open_in_draw_action.triggered.connect(self.open_selected_in_draw)
        self.copy_action = QAction(self.tr("Copy Image"), self)
        self.copy_action.setShortcut(QKeySequence.StandardKey.Copy)
        self.copy_action.triggered.connect(self.copy_selected_image)
        for action in (self.open_in_draw_action, self.copy_action):
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            self.addAction(action)

    def showEvent(self, event) -> None:
        """The first time: give the detail the height it needs (unless sizes were restored)."""
        super().showEvent(event)
        if not getattr(self, "_sized", False):
            self._sized = True
            if not self._restored_splitters:
                total = sum(self.right_splitter.sizes())
                detail = self.right_splitter.widget(0).widget().minimumSizeHint().height() + 4
                if total > detail:
                    self.right_splitter.setSizes([max(detail, total * 3 // 5), total - max(detail, total * 3 // 5)])

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

    def is_current(self) -> bool:
        """True once the grid, the count and the matrix show the current network's answers on
        the set shown (or there is nothing to show); the map may still be computing."""
        split = self._split()
        if split is None or self._session.model is None or len(split) == 0 or self._failure:
            return True
        return self._known_scores() is not None and self.list_model.scores is not None

    def map_is_current(self) -> bool:
        """True once the map shows the set shown, or why it cannot (see :meth:`is_current`)."""
        return self.is_current() and (self.scorer.points(self.current_set) is not None
                                      or self.scorer.map_error(self.current_set) != ""
                                      or self._failure != "" or self.list_model.n_total == 0)

    def _known_scores(self):
        """The scorer's scores of the set shown if they are the current network's, else None."""
        if self._session.model is None or self.scorer.model is not self._session.model:
            return None
        return self.scorer.scores(self.current_set)

    def wait_until_current(self) -> None:
        """Block until the scores (and the map) asked for have arrived and are shown (for
        tests and benchmarks)."""
        self.scorer.wait()

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
                text = names[name] if size is None else self.tr("{0} ({1})").format(names[name], numbers.integer(size))
            self.set_combo.setItemText(index, text)

    def _name_classes(self) -> None:
        """The true and predicted boxes' items, with the data set's class names."""
        for combo, anything, word in ((self.true_combo, self.tr("Any true class"), self.tr("true {0}")),
                                      (self.pred_combo, self.tr("Any prediction"), self.tr("predicted {0}"))):
            current = combo.currentData()
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(anything, None)
            for d, name in enumerate(self._names):
                combo.addItem(word.format(name), d)
            combo.setCurrentIndex(0 if current is None else current + 1)
            combo.blockSignals(False)

    def _set_word(self) -> str:
        return {"test": self.tr("test"), "validation": self.tr("validation"), "train": self.tr("training"),
                "own": self.tr("own")}[self.current_set]

    def _split(self):
        """The DataSplit shown, or None without data."""
        if self.current_set == "own":
            return self._session.own_digits
        data = self._session.data
        return None if data is None else getattr(data, self.current_set)

    # -- refreshing -----------------------------------------------------------------------

    def _show_images(self, keep_selection: bool = False) -> None:
        """Put the set's images in the grid (no predictions yet), then ask for its scores. The
        selected image stays selected only if ``keep_selection`` (the same set, grown): an
        index of another set is another image."""
        split = self._split()
        keep = self._current_image() if keep_selection else None
        self._chosen = self._chosen and keep_selection
        self._failure = ""
        if split is None:
            self.list_model.set_data(np.zeros((0, 28, 28), np.uint8), np.zeros(0, np.int64))
        else:
            self.list_model.set_data(split.images, split.y)
        self.data_map.clear_points()
        self._apply_scores(keep)
        self._request()

    def _request(self) -> None:
        """Ask the scorer for what is missing of the set shown, or show what it knows."""
        split, model = self._split(), self._session.model
        if split is None or model is None or len(split) == 0:
            return
        name = self.current_set
        if model.n_outputs != len(self._names):
            self._failure = self.tr("this network has {0} output neurons but the data set has {1} classes; "
                                    "open a network trained on it").format(model.n_outputs, len(self._names))
        elif self._known_scores() is None or self.scorer.points(name) is None:
            self.scorer.request(name, model, split.X, split.y)
        self._update_count()
        self._show_map()

    def _apply_scores(self, keep: int | None) -> None:
        """Show the scorer's scores of the set shown (or none yet), keeping the selected image
        ``keep`` if it still passes the filter."""
        name = self.current_set
        scores = self._known_scores()
        if scores is not None and len(scores) != self.list_model.n_total:
            scores = None  # for other contents (never expected: the scorer forgets on change)
        self.list_model.set_scores(scores)
        confusion = self.scorer.confusion(name) if scores is not None else None
        self.confusion_table.set_confusion(confusion, self._set_word())
        self._update_count()
        if self.list_model.row_of(keep if keep is not None else -1) is None and self.list_model.rowCount():
            keep = self.list_model.source_index(0)  # the selection is gone: the first image shown instead
        self._select_image(keep)
        self._show_map()

    def _show_map(self) -> None:
        points = self.scorer.points(self.current_set)
        scores = self.list_model.scores
        map_error = self.scorer.map_error(self.current_set)
        if points is None or scores is None or len(points) != self.list_model.n_total:
            if self.data_map.n_points():
                self.data_map.clear_points()
            if self._failure or map_error:
                self.data_map.set_message(self.tr("No map: {0}").format(self._failure or map_error))
            elif self.list_model.n_total == 0:
                self.data_map.set_message(self.tr("No images to map"))
            elif self._session.model is None:
                self.data_map.set_message(self.tr("No network"))
            else:
                self.data_map.set_message(self.tr("Computing the map of {0} images…")
                                          .format(numbers.integer(self.list_model.n_total)))
            return
        split = self._split()
        if self.data_map.n_points() != len(points) or self.data_map.property("set") != self.current_set:
            self.data_map.set_message("")
            try:
                self.data_map.set_points(points, split.y, scores.predicted, split.images, self._names)
            except ValueError as exc:  # (not expected: the scorer checks the points)
                self.data_map.clear_points()
                self.data_map.set_message(self.tr("No map: {0}").format(exc))
                return
            self.data_map.setProperty("set", self.current_set)
        self._highlight_map()

    def _highlight_map(self) -> None:
        if not self.data_map.n_points():
            return
        if self.list_model.rowCount() == self.list_model.n_total:
            self.data_map.set_highlighted(None)
        else:
            shown = np.zeros(self.list_model.n_total, bool)
            shown[self.list_model.rows] = True
            self.data_map.set_highlighted(shown)
        self.data_map.set_current(self._current_image())

    # -- from the session and the scorer --------------------------------------------------

    @Slot()
    def _on_session_data_changed(self) -> None:
        data = self._session.data
        names = tuple(getattr(data, "class_names", DIGITS)) if data is not None else DIGITS
        if names != self._names:
            self._names = names
            self._name_classes()
            self.list_model.set_class_names(names)
            self.confusion_table.set_class_names(names)
            self.bars.set_class_names(names)
        self.scorer.clear()
        self._name_sets()
        self._show_images()

    @Slot()
    def _on_session_own_digits_changed(self) -> None:
        self._name_sets()
        self.scorer.forget("own")
        if self.current_set == "own":
            self._show_images(keep_selection=True)  # the same digits, one more or one less
        else:
            self._request()

    @Slot(int)
    def _on_set_combo_changed(self, index: int) -> None:
        self._show_images()

    @Slot()
    def _on_session_model_changed(self) -> None:
        """Score the set shown with a new network (the filter, order and selection stay); the
        same network renamed or saved changes nothing here."""
        if not self.scorer.use_model(self._session.model):
            return
        self._failure = ""
        keep = self._current_image()
        self.data_map.clear_points()
        self._apply_scores(keep)
        self._request()

    @Slot(str)
    def _on_scorer_scored(self, name: str) -> None:
        if name == self.current_set and self.scorer.model is self._session.model:
            self._apply_scores(self._current_image() if self._chosen else None)

    @Slot(str)
    @Slot(str, str)
    def _on_scorer_mapped(self, name: str, _error: str = "") -> None:
        if name == self.current_set:
            self._show_map()

    @Slot(str, str)
    def _on_scorer_failed(self, name: str, message: str) -> None:
        if name == self.current_set and self.scorer.model is self._session.model:
            self._failure = message
            self._update_count()
            self._show_map()
            self.status_message.emit(self.tr("The network could not read these images: {0}").format(message), 10_000)

    # -- filters and order ----------------------------------------------------------------

    def set_filter(self, true: int | None = None, predicted: int | None = None, correct: bool | None = None,
                   order_by: str | None = None) -> None:
        """Show the images of one true class and/or one predicted class and/or the correct
        (True) or misclassified (False) ones, in an order of :data:`core.browse.ORDERS` (the
        current one if None): what the boxes above the grid set. Raises ValueError for a
        class or an order that does not exist."""
        if true is not None and not 0 <= true < len(self._names) or \
                predicted is not None and not 0 <= predicted < len(self._names):
            raise ValueError(f"classes are 0..{len(self._names) - 1}, got true={true}, predicted={predicted}.")
        if order_by is not None and order_by not in ORDERS:
            raise ValueError(f"unknown order {order_by!r}; choose one of {', '.join(ORDERS)}.")
        combos = (self.show_combo, self.true_combo, self.pred_combo, self.order_combo)
        for combo in combos:
            combo.blockSignals(True)
        self.show_combo.setCurrentIndex({None: 0, False: 1, True: 2}[correct])
        self.true_combo.setCurrentIndex(0 if true is None else true + 1)
        self.pred_combo.setCurrentIndex(0 if predicted is None else predicted + 1)
        if order_by is not None:
            self.order_combo.setCurrentIndex(ORDERS.index(order_by))
        for combo in combos:
            combo.blockSignals(False)
        self.confusion_table.clearSelection()  # (a cell's click selects its cell again)
        self._apply_filter(first=True)

    @Slot(int, object)
    def _on_confusion_table_cell_chosen(self, true: int, predicted: int | None) -> None:
        if predicted is None:  # the accuracy column: that class's mistakes, the worst first
            self.set_filter(true, None, False, "cost")
        else:  # a cell, the diagonal too: its images, the most confident first
            self.set_filter(true, predicted, None, "confidence")
        self.confusion_table.setCurrentCell(true, len(self._names) if predicted is None else predicted)
        self.list_view.setFocus()

    @Slot(int)
    def _on_filter_changed(self, _index: int) -> None:
        self.confusion_table.clearSelection()  # a filter changed by hand no longer matches a cell
        self._apply_filter()

    @Slot(int)
    def _on_order_combo_changed(self, _index: int) -> None:
        keep = self._current_image()
        self.list_model.set_order(self.order_combo.currentData())
        self._select_image(keep, scroll=True)
        if keep is None and self.list_model.rowCount():
            self.list_view.scrollToTop()

    def _apply_filter(self, first: bool = False) -> None:
        """Apply the boxes' filter; keep the selected image if it still passes, or (``first``)
        select the first image shown."""
        keep = self._current_image()
        self.list_model.set_order(self.order_combo.currentData())  # (a no-op if unchanged: one sort, not two)
        self.list_model.set_filter(true_label=self.true_combo.currentData(),
                                   predicted=self.pred_combo.currentData(),
                                   correct=self.show_combo.currentData())
        self._update_count()
        if first or self.list_model.row_of(keep if keep is not None else -1) is None:
            keep = self.list_model.source_index(0) if self.list_model.rowCount() else None
        self._select_image(keep, scroll=True)
        self._highlight_map()

    def _update_count(self) -> None:
        """The count of what is shown: "87 of 10,000: true 4, predicted 9", and the set's
        misclassified total."""
        m = self.list_model
        self.count_label.setToolTip("")
        if self.current_set == "own" and self._session.own_digits_error:
            self.count_label.setText(self.tr("Your digits cannot be read: see the Draw view"))
            self.count_label.setToolTip(self._session.own_digits_error)
            return
        if self._split() is None:
            self.count_label.setText(self.tr("Loading the data…"))
            return
        if self.current_set == "own" and not m.n_total:
            self.count_label.setText(self.tr("No digits saved yet: Save to My Digits in the Draw view"))
            return
        if self._failure:
            self.count_label.setText(self.tr("The network could not read these images: {0}").format(self._failure))
            return
        parts = []
        correct = self.show_combo.currentData()
        if correct is not None and m.scores is not None:
            parts.append(self.tr("correct") if correct else self.tr("misclassified"))
        if self.true_combo.currentData() is not None:
            parts.append(self.tr("true {0}").format(self._names[self.true_combo.currentData()]))
        if self.pred_combo.currentData() is not None and m.scores is not None:
            parts.append(self.tr("predicted {0}").format(self._names[self.pred_combo.currentData()]))
        shown = self.tr("{0} of {1}").format(numbers.integer(m.rowCount()), numbers.integer(m.n_total))
        text = self.tr("{0}: {1}").format(shown, ", ".join(parts)) if parts else shown
        if m.scores is None:
            if self._session.model is None:
                text = self.tr("{0} · no network").format(text)
            else:
                text = self.tr("{0} · reading them with the network…").format(text)
        else:
            wrong = m.n_misclassified
            text = self.tr("{0} · {1} misclassified, accuracy {2}").format(
                text, numbers.integer(wrong), format_percent((m.n_total - wrong) / m.n_total))
        self.count_label.setText(text)

    # -- the selected image ---------------------------------------------------------------

    def current_image(self) -> int | None:
        """The index (into the set shown) of the selected image, or None."""
        return self._current_image()

    def select_image(self, image_index: int) -> bool:
        """Select an image of the set shown and scroll to it; False if the filter hides it."""
        if self.list_model.row_of(image_index) is None:
            return False
        self._select_image(image_index, scroll=True)
        self._chosen = True
        return True

    def _current_image(self) -> int | None:
        current = self.list_view.currentIndex()
        return current.data(DigitListModel.IndexRole) if current.isValid() else None

    def _select_image(self, image_index: int | None, scroll: bool = True) -> None:
        row = None if image_index is None else self.list_model.row_of(image_index)
        if row is None:
            self.list_view.selectionModel().clear()
            self._show_detail(None)
            return
        index = self.list_model.index(row)
        self._selecting = True
        try:
            self.list_view.selectionModel().setCurrentIndex(index, QItemSelectionModel.SelectionFlag.ClearAndSelect)
        finally:
            self._selecting = False
        if scroll:
            self.list_view.scrollTo(index)
        self._show_detail(image_index)

    @Slot(QModelIndex, QModelIndex)
    def _on_list_current_changed(self, current: QModelIndex, previous: QModelIndex) -> None:
        image_index = current.data(DigitListModel.IndexRole) if current.isValid() else None
        if not self._selecting:
            self._chosen = True  # a click or a key in the grid
        self._show_detail(image_index)
        if self.data_map.n_points():
            self.data_map.set_current(image_index)

    @Slot(int)
    def _on_data_map_point_chosen(self, image_index: int) -> None:
        if not self.select_image(image_index):  # hidden by the filter: show the whole set
            self.set_filter(None, None, None)
            self.select_image(image_index)

    def _kind(self) -> str:
        return {"test": self.tr("Test image"), "validation": self.tr("Validation image"),
                "train": self.tr("Training image"), "own": self.tr("My digit")}[self.current_set]

    def _show_detail(self, image_index: int | None) -> None:
        enabled = image_index is not None
        for widget in (self.open_in_draw_button, self.copy_button):
            widget.setEnabled(enabled)
        self.open_in_draw_action.setEnabled(enabled)
        self.copy_action.setEnabled(enabled)
        if image_index is None:
            self.image_view.set_image(None)
            self.title.setText(self.tr("Click a thumbnail") if self.list_model.rowCount()
                               else self.tr("No image to show: no image of this set passes the filter"))
            self.bars.set_activations(None)
            self._show_saw(None)
            return
        m = self.list_model
        label = m.label(image_index)
        self.image_view.set_image(m.image(image_index))
        model = self._session.model
        heading = self.tr("{0} #{1}").format(self._kind(), numbers.integer(image_index))
        if m.scores is None or model is None:
            self.title.setText(self.tr("{0}<br>True: <b>{1}</b>").format(heading, self._names[label]))
            self.bars.set_activations(None)
            self._show_saw(None)
            return
        x = self._split().X[image_index]
        activations = model.feedforward(x[None, :])[0]
        predicted = int(m.scores.predicted[image_index])
        verdict = (self.tr("correct", "the verdict on one image") if predicted == label
                   else "<span style='color:#b01010'><b>{}</b></span>".format(self.tr("wrong")))
        detail = self.tr("activation {0}").format(numbers.fixed(activations[predicted], 2))
        if predicted != label:
            detail = self.tr("{0}; for {1}: {2}").format(detail, self._names[label],
                                                         numbers.fixed(activations[label], 2))
        cost_name = self.tr("cross-entropy") if model_cost(model).__name__.startswith("Cross") else self.tr("quadratic")
        cost = self.tr("cost {0} ({1})").format(numbers.fixed(m.scores.cost[image_index], 3), cost_name)
        self.title.setText(self.tr("{0}<br>True: <b>{1}</b> · Predicted: <b>{2}</b> ({3})<br>{4}<br>{5}")
                           .format(heading, self._names[label], self._names[predicted], verdict, detail, cost))
        self.bars.set_activations(activations, true_label=label)
        self._show_saw((x, predicted, label) if predicted != label else None,
                       correct=predicted == label)

    def _show_saw(self, mistake: tuple | None, correct: bool = False) -> None:
        """Fill "what the network saw" for a mistake (x, wrong, true), or explain why not."""
        model = self._session.model
        shown = []
        if mistake is not None and model is not None and len(model.layer_sizes) >= 3:
            x, wrong, true = mistake
            neurons, pushes, images = wrong_answer_contributions(model, x, wrong, against=true, k=SAW_NEURONS)
            shown = list(zip(neurons, pushes, images))
        for k, (tile, caption) in enumerate(zip(self.saw_tiles, self.saw_captions)):
            if k < len(shown):
                neuron, push, image = shown[k]
                tile.set_image(image)
                tile.setToolTip(self.tr("Hidden neuron {0}: its weights times the input; it pushes the "
                                        "wrong answer's output ahead of the true one's by {1}").format(int(neuron), numbers.signed(push, 2)))
                caption.setText(numbers.signed(push, 1))
                tile.show()
                caption.show()
            else:
                tile.set_image(None)
                tile.setVisible(k < len(shown))
                caption.setVisible(k < len(shown))
        if shown:
            _, wrong, true = mistake
            self.saw_note.setText(self.tr("Hidden neurons that pushed most toward {0} rather than {1}")
                                  .format(self._names[wrong], self._names[true]))
        elif mistake is not None and model is not None and len(model.layer_sizes) < 3:
            self.saw_note.setText(self.tr("This network has no hidden layer: nothing to show."))
        elif correct:
            self.saw_note.setText(self.tr("Read correctly. Select a mistake (red) to see what pushed it wrong."))
        else:
            self.saw_note.setText(self.tr("Select a mistake (red) to see what pushed it wrong."))

    # -- actions --------------------------------------------------------------------------

    @Slot()
    def open_selected_in_draw(self) -> bool:
        """Emit :attr:`open_in_draw` with the selected image; False if none is selected."""
        image_index = self._current_image()
        if image_index is None:
            return False
        label = self._names[self.list_model.label(image_index)]
        self.open_in_draw.emit(self.list_model.image(image_index).copy(),
                               self.tr("{0} #{1}, labelled {2}. Draw on it to see the answer change.")
                               .format(self._kind(), numbers.integer(image_index), label))
        return True

    @Slot()
    def copy_selected_image(self) -> bool:
        """Copy the selected image to the clipboard, 4 times enlarged; False if none is selected."""
        image_index = self._current_image()
        if image_index is None:
            return False
        image = gray_qimage(self.list_model.image(image_index))
        QGuiApplication.clipboard().setImage(image.scaled(image.width() * 4, image.height() * 4,
                                                          Qt.AspectRatioMode.KeepAspectRatio,
                                                          Qt.TransformationMode.FastTransformation))
        self.status_message.emit(self.tr("{0} #{1} copied to the clipboard").format(
            self._kind(), numbers.integer(image_index)), 4000)
        return True

    # -- settings -------------------------------------------------------------------------

    def save_settings(self, settings: QSettings) -> None:
        """Remember the set, the order, the show filter (all, misclassified, correct), the tab
        (matrix or map), the splitters' positions and whether the first-use hint was dismissed
        (``hints/browse_dismissed``)."""
        settings.setValue(SET_KEY, self.current_set)
        settings.setValue(SHOW_KEY, SHOWS[max(0, self.show_combo.currentIndex())])
        self.hint.save_settings(settings)
        settings.setValue(ORDER_KEY, self.order_combo.currentData())
        settings.setValue(TAB_KEY, self.tabs.currentIndex())
        for key, splitter in zip(SPLITTER_KEYS, (self.splitter, self.right_splitter)):
            settings.setValue(key, splitter.saveState())

    def restore_settings(self, settings: QSettings | CheckedSettings) -> None:
        """Put back what :meth:`save_settings` remembered; a missing or unusable value keeps
        the default (and is recorded, see :class:`~mnist_gui.settings.CheckedSettings`).
        Never raises."""
        checked = CheckedSettings.wrap(settings)
        self.hint.restore_settings(checked)
        name = checked.read_choice(SET_KEY, "test", SETS)
        self.show_set(name)
        by = checked.read_choice(ORDER_KEY, "index", ORDERS)
        self.order_combo.setCurrentIndex(ORDERS.index(by))
        self.show_combo.setCurrentIndex(SHOWS.index(checked.read_choice(SHOW_KEY, "all", SHOWS)))
        self.tabs.setCurrentIndex(checked.read_int(TAB_KEY, 0, 0, self.tabs.count() - 1))
        for key, splitter in zip(SPLITTER_KEYS, (self.splitter, self.right_splitter)):
            state = checked.read_bytes(key)
            if state is None:
                continue
            if splitter.restoreState(state):
                self._restored_splitters = True
            else:
                checked.ignore(key, self.tr("default"))

"""MainWindow: the Draw, Train and Browse views, the menus, and the training thread.

The window owns the current network (a :class:`core.mlp.MLP` used only on the GUI
thread), the data set, and at most one training worker in its own QThread. Widgets do
not know each other; this module connects them.
"""

from __future__ import annotations

import math
import os
import re
from pathlib import Path

import numpy as np
from PySide6.QtCore import QByteArray, QItemSelectionModel, QModelIndex, QSettings, Qt, QThread, QTimer, Slot
from PySide6.QtGui import QAction, QCloseEvent, QColor, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

import core
from core.datasets import MnistData, load_mnist
from core.metrics import Evaluation, evaluate, format_percent
from core.mlp import MLP
from core.paths import default_data_dir, default_model_path
from core.preprocess import mnist_like
from core.sgd import PRESETS, TrainConfig, TrainingReport
from mnist_gui.canvas import DrawingCanvas
from mnist_gui.dataset_view import DigitListModel, DigitListView
from mnist_gui.plots import TrainingPlot
from mnist_gui.widgets import ActivationBars, DigitView
from mnist_gui.worker import CallWorker, TrainingWorker, start_in_thread

APP_NAME = "mnist-gui"
DEFAULTS = TrainConfig()  # the notebook's: 784-15-10, 30 epochs, mini-batch 10, eta 3.0


def parse_hidden_layers(text: str) -> tuple[int, ...]:
    """``"30"`` -> (30,), ``"100, 30"`` -> (100, 30), ``""`` -> () (no hidden layer).

    Only the hidden layers are given: the 784 inputs and 10 outputs are added. Raises
    ValueError with a readable message for anything else (signs, letters, "784-30-10").
    """
    parts = [p for p in re.split(r"[\s,]+", text.strip()) if p]
    if not all(p.isdigit() for p in parts):
        raise ValueError(f"hidden layers must be whole numbers separated by spaces or commas, "
                         f"like '30' or '100 30' (input and output layers are added); got '{text}'.")
    return tuple(int(p) for p in parts)


class MainWindow(QMainWindow):
    """The application window.

    Parameters
    ----------
    settings : QSettings, optional
        Where window geometry, the training form and folders are remembered; by default
        the user's settings for mnist-gui.
    model_path : path, optional
        Model to start with; by default the bundled pretrained one.
    data_dir : path, optional
        Folder of the four IDX files; by default the bundled MNIST.
    """

    def __init__(self, settings: QSettings | None = None, model_path: str | os.PathLike | None = None,
                 data_dir: str | os.PathLike | None = None):
        super().__init__()
        self._settings = settings if settings is not None else QSettings()
        self._model: MLP | None = None
        self._preview: MLP | None = None  # during training: the network after the last epoch
        self._model_name = ""
        self._unsaved = False
        self._data: MnistData | None = None
        self._evaluation: Evaluation | None = None
        self._train_thread: QThread | None = None
        self._train_worker = None
        self._load_thread: QThread | None = None
        self._load_worker = None
        self._loading: tuple[Path | None, bool] = (None, False)  # folder being loaded, remember it?
        self._run_epochs_done = 0
        self._run_ended = False
        self._closing = False

        self.setWindowTitle(APP_NAME)
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self._build_draw_view(), "&Draw")
        self.tabs.addTab(self._build_train_view(), "&Train")
        self.tabs.addTab(self._build_browse_view(), "&Browse")
        self.tabs.setTabToolTip(0, "Draw a digit and see what the network answers")
        self.tabs.setTabToolTip(1, "Train a new network on MNIST and watch it learn")
        self.tabs.setTabToolTip(2, "Browse the test images, the misclassified ones above all")
        self.setCentralWidget(self.tabs)
        self._build_menus()
        self._model_label = QLabel()
        self._data_label = QLabel()
        self.statusBar().addPermanentWidget(self._data_label)
        self.statusBar().addPermanentWidget(self._model_label)
        self._restore_settings()

        opened = model_path is not None and self._open_model(Path(model_path), fallback="the bundled network")
        if not opened and not self._open_model(default_model_path(), fallback="an untrained network"):
            self._set_model(DEFAULTS.make_model(np.random.default_rng()), "untrained network", unsaved=False)
        self.load_data(data_dir if data_dir is not None else self._settings.value("paths/data_dir", None))

    # =========================================================================== views

    def _build_draw_view(self) -> QWidget:
        page = QWidget()
        self.canvas = DrawingCanvas()
        self.canvas.image_changed.connect(self._on_canvas_image_changed)
        clear = QPushButton("&Clear")
        clear.setToolTip("Erase the drawing (Esc)")
        clear.clicked.connect(self.canvas.clear)

        self.draw_input = DigitView(140)
        self.draw_input.setToolTip("The 28 x 28 input the network actually sees: your ink cropped, scaled\n"
                                   "to fit 20 x 20 and centred by its centre of mass, as MNIST was made.")
        self.draw_prediction = QLabel("–")
        font = self.draw_prediction.font()
        font.setPointSize(56)
        font.setBold(True)
        self.draw_prediction.setFont(font)
        self.draw_prediction.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.draw_prediction.setMinimumWidth(110)
        self.draw_detail = QLabel("Draw a digit")
        self.draw_detail.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.draw_bars = ActivationBars()

        left = QVBoxLayout()
        left.addWidget(QLabel("Draw a digit, large and centred:"))
        left.addWidget(self.canvas)
        left.addWidget(clear, alignment=Qt.AlignmentFlag.AlignLeft)
        left.addStretch(1)

        seen = QVBoxLayout()
        seen.addWidget(QLabel("The network sees:"))
        seen.addWidget(self.draw_input)
        seen.addStretch(1)
        answer = QVBoxLayout()
        answer.addWidget(QLabel("It answers:"))
        answer.addWidget(self.draw_prediction)
        answer.addWidget(self.draw_detail)
        answer.addStretch(1)
        top_right = QHBoxLayout()
        top_right.addLayout(seen)
        top_right.addSpacing(16)
        top_right.addLayout(answer)
        top_right.addStretch(1)
        right = QVBoxLayout()
        right.addLayout(top_right)
        right.addWidget(QLabel("Output activations:"))
        right.addWidget(self.draw_bars)
        self.draw_bars.setMaximumHeight(300)
        hint = QLabel("The answer is the output neuron with the highest activation. MNIST's digits were "
                      "scaled to fit 20 x 20 pixels and centred by their centre of mass; your drawing is "
                      "prepared the same way before the network sees it.")
        hint.setWordWrap(True)
        hint.setStyleSheet("color: #555;")
        right.addWidget(hint)
        right.addStretch(1)

        layout = QHBoxLayout(page)
        layout.addLayout(left)
        layout.addSpacing(12)
        layout.addLayout(right, 1)
        return page

    def _build_train_view(self) -> QWidget:
        page = QWidget()
        form_box = QGroupBox("Network and hyperparameters")
        form = QFormLayout(form_box)
        self.hidden_edit = QLineEdit()
        self.hidden_edit.setToolTip("Neurons in each hidden layer, e.g. '15' (784-15-10) or '100 30'.\n"
                                    "Input (784) and output (10) layers are added.")
        self.epochs_spin = QSpinBox()
        self.epochs_spin.setRange(1, 1000)
        self.epochs_spin.setToolTip("Passes over the 50,000 training images")
        self.batch_spin = QSpinBox()
        self.batch_spin.setRange(1, 50_000)
        self.batch_spin.setToolTip("Mini-batch size m: images per gradient step")
        self.eta_spin = QDoubleSpinBox()
        self.eta_spin.setRange(0.001, 100.0)
        self.eta_spin.setDecimals(3)
        self.eta_spin.setSingleStep(0.1)
        self.eta_spin.setToolTip("Learning rate eta: the size of each gradient step")
        self.cost_combo = QComboBox()
        self.cost_combo.addItem("quadratic (ch. 1)", "quadratic")
        self.cost_combo.addItem("cross-entropy (ch. 3)", "cross-entropy")
        self.cost_combo.setToolTip("The cost function minimised (Nielsen ch. 1 and ch. 3)")
        self.init_combo = QComboBox()
        self.init_combo.addItem("N(0, 1) (ch. 1)", "normal")
        self.init_combo.addItem("N(0, 1/n_in) (ch. 3)", "scaled")
        self.init_combo.setToolTip("Distribution of the initial weights")
        self.l2_spin = QDoubleSpinBox()
        self.l2_spin.setRange(0.0, 1000.0)
        self.l2_spin.setDecimals(3)
        self.l2_spin.setToolTip("L2 regularisation lambda (ch. 3); 0 for none")
        self.seed_spin = QSpinBox()
        self.seed_spin.setRange(-1, 2**31 - 1)
        self.seed_spin.setSpecialValueText("random")
        self.seed_spin.setToolTip("Seed for the initial weights and the shuffles; 'random' draws a new one")
        self.patience_spin = QSpinBox()
        self.patience_spin.setRange(0, 100)
        self.patience_spin.setSpecialValueText("never")
        self.patience_spin.setSuffix(" epochs without progress")
        self.patience_spin.setToolTip("Learning-rate schedule (ch. 3): halve eta after this many epochs without a new\n"
                                      "best validation accuracy; 'never' keeps eta fixed")
        self.halvings_spin = QSpinBox()
        self.halvings_spin.setRange(0, 60)
        self.halvings_spin.setSuffix(" halvings")
        self.halvings_spin.setToolTip("With the schedule: stop early once eta was halved this many times and the\n"
                                      "validation accuracy stalls again (the book: 7, i.e. eta/128)")
        self.patience_spin.valueChanged.connect(lambda v: self.halvings_spin.setEnabled(v > 0))
        self.preset_combo = QComboBox()
        self.preset_combo.addItem("Fill in a preset…", None)
        for name, preset in PRESETS.items():
            self.preset_combo.addItem(name, name)
            self.preset_combo.setItemData(self.preset_combo.count() - 1, preset.description,
                                          Qt.ItemDataRole.ToolTipRole)
        self.preset_combo.setToolTip("Fill the form with a named configuration (the seed is kept)")
        self.preset_combo.activated.connect(self._on_preset_combo_activated)
        self.architecture_label = QLabel()
        self.architecture_label.setStyleSheet("color: #555;")
        self.hidden_edit.textChanged.connect(self._on_hidden_edit_text_changed)
        form.addRow("Pres&et:", self.preset_combo)
        form.addRow("Hidde&n layers:", self.hidden_edit)
        form.addRow("", self.architecture_label)
        form.addRow("E&pochs:", self.epochs_spin)
        form.addRow("&Mini-batch size:", self.batch_spin)
        form.addRow("&Learning rate (eta):", self.eta_spin)
        form.addRow("C&ost:", self.cost_combo)
        form.addRow("&Initial weights:", self.init_combo)
        form.addRow("L&2 lambda:", self.l2_spin)
        form.addRow("Halve eta &after:", self.patience_spin)
        form.addRow("Stop after:", self.halvings_spin)
        form.addRow("&Seed:", self.seed_spin)

        self.train_button = QPushButton("Train")
        self.train_button.setToolTip("Train a new network with these settings (Ctrl+T)")
        self.train_button.clicked.connect(self.start_training)
        self.stop_button = QPushButton("Stop")
        self.stop_button.setToolTip("Stop after the current mini-batch and keep the network trained so far (Ctrl+.)")
        self.stop_button.setEnabled(False)
        self.stop_button.clicked.connect(self.stop_training)
        buttons = QHBoxLayout()
        buttons.addWidget(self.train_button)
        buttons.addWidget(self.stop_button)
        self.progress_bar = QProgressBar()
        self.progress_bar.setRange(0, 1000)
        self.progress_bar.setValue(0)
        self.progress_bar.setFormat("")
        self.progress_bar.setTextVisible(True)
        self.train_status = QLabel("Press Train to train a new network on the 50,000 training images.")
        self.train_status.setWordWrap(True)
        self.train_status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.form_error = QLabel()
        self.form_error.setWordWrap(True)
        self.form_error.setStyleSheet("color: #b01010;")
        self.form_error.hide()

        left = QVBoxLayout()
        left.addWidget(form_box)
        left.addWidget(self.form_error)
        left.addLayout(buttons)
        left.addWidget(self.progress_bar)
        left.addWidget(self.train_status)
        left.addStretch(1)
        left_widget = QWidget()
        left_widget.setLayout(left)
        left_widget.setMaximumWidth(360)
        self.plot = TrainingPlot()
        layout = QHBoxLayout(page)
        layout.addWidget(left_widget)
        layout.addWidget(self.plot, 1)
        return page

    def _build_browse_view(self) -> QWidget:
        page = QWidget()
        self.browse_show = QComboBox()
        self.browse_show.addItems(["All test images", "Misclassified only"])
        self.browse_show.setToolTip("Show every test image or only those the network gets wrong")
        self.browse_true = QComboBox()
        self.browse_pred = QComboBox()
        for combo, what in ((self.browse_true, "true"), (self.browse_pred, "predicted")):
            combo.addItem(f"any {what} digit", None)
            for d in range(10):
                combo.addItem(f"{what} {d}", d)
        self.browse_count = QLabel()
        self.browse_count.setMinimumWidth(260)
        self.browse_count.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        for combo in (self.browse_show, self.browse_true, self.browse_pred):
            combo.currentIndexChanged.connect(self._on_browse_filter_changed)
        controls = QHBoxLayout()
        controls.addWidget(QLabel("Show:"))
        controls.addWidget(self.browse_show)
        controls.addWidget(self.browse_true)
        controls.addWidget(self.browse_pred)
        controls.addStretch(1)
        controls.addWidget(self.browse_count)

        self.browse_model = DigitListModel()
        self.browse_list = DigitListView()
        self.browse_list.setModel(self.browse_model)
        self.browse_list.selectionModel().currentChanged.connect(self._on_browse_current_changed)

        self.browse_image = DigitView(168)
        self.browse_title = QLabel("Click a thumbnail")
        self.browse_title.setWordWrap(True)
        title_font = self.browse_title.font()
        title_font.setPointSize(title_font.pointSize() + 2)
        self.browse_title.setFont(title_font)
        self.browse_bars = ActivationBars()
        self.confusion_table = QTableWidget(10, 11)
        self.confusion_table.setHorizontalHeaderLabels([str(d) for d in range(10)] + ["acc."])
        self.confusion_table.setVerticalHeaderLabels([str(d) for d in range(10)])
        self.confusion_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.confusion_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table_font = self.confusion_table.font()
        table_font.setPointSize(max(7, table_font.pointSize() - 1))
        self.confusion_table.setFont(table_font)
        self.confusion_table.horizontalHeader().setMinimumSectionSize(24)
        self.confusion_table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.confusion_table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.confusion_table.setToolTip("Confusion matrix on the test set: row = true digit, column = predicted.\n"
                                        "Click a cell to browse those images.")
        self.confusion_table.cellClicked.connect(self._on_confusion_cell_clicked)
        self.confusion_table.setMinimumHeight(180)

        detail = QVBoxLayout()
        top = QHBoxLayout()
        top.addWidget(self.browse_image)
        top.addWidget(self.browse_title, 1)
        detail.addLayout(top)
        detail.addWidget(self.browse_bars, 1)
        detail.addWidget(QLabel("Confusion matrix (rows: true digit, columns: predicted):"))
        detail.addWidget(self.confusion_table, 2)
        detail_widget = QWidget()
        detail_widget.setLayout(detail)
        detail_widget.setMinimumWidth(460)
        detail_widget.setMaximumWidth(600)

        left = QVBoxLayout()
        left.addLayout(controls)
        left.addWidget(self.browse_list, 1)
        layout = QHBoxLayout(page)
        layout.addLayout(left, 1)
        layout.addWidget(detail_widget)
        return page

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu("&File")
        self.open_action = self._action(file_menu, "&Open Model…", self._on_open_model, QKeySequence.StandardKey.Open,
                                        "Load a network saved as .npz")
        self.save_action = self._action(file_menu, "&Save Model As…", self._on_save_model,
                                        QKeySequence.StandardKey.Save, "Save the current network as .npz")
        self.default_model_action = self._action(file_menu, "Load &Default Model", self._on_load_default_model,
                                                 None, "Go back to the pretrained network bundled with the app")
        file_menu.addSeparator()
        self.open_data_action = self._action(file_menu, "Open &Data Folder…", self._on_open_data_folder, None,
                                             "Use another data set in MNIST's IDX layout (e.g. Fashion-MNIST)")
        self.bundled_data_action = self._action(file_menu, "Use &Bundled MNIST",
                                                lambda: self.load_data(None, remember=True), None,
                                                "Go back to the MNIST copy bundled with the app")
        file_menu.addSeparator()
        self._action(file_menu, "&Quit", self.close, QKeySequence.StandardKey.Quit, "Quit (stops any training)")

        edit_menu = self.menuBar().addMenu("&Edit")
        self.clear_action = self._action(edit_menu, "&Clear Drawing", self.canvas.clear,
                                         QKeySequence(Qt.Key.Key_Escape), "Erase the drawing on the Draw view")
        self.tabs.currentChanged.connect(self._on_tabs_current_changed)

        train_menu = self.menuBar().addMenu("T&raining")
        self.start_action = self._action(train_menu, "&Start Training", self.start_training,
                                         QKeySequence("Ctrl+T"), "Train a new network with the Train view's settings")
        self.stop_action = self._action(train_menu, "S&top Training", self.stop_training,
                                        QKeySequence("Ctrl+."), "Stop after the current mini-batch")
        self.stop_action.setEnabled(False)

        view_menu = self.menuBar().addMenu("&View")
        for i, name in enumerate(("&Draw", "&Train", "&Browse")):
            self._action(view_menu, name, lambda checked=False, i=i: self.tabs.setCurrentIndex(i),
                         QKeySequence(f"Ctrl+{i + 1}"), None)

        help_menu = self.menuBar().addMenu("&Help")
        self._action(help_menu, "&About mnist-gui", self._on_about, None, None)

    @Slot(int)
    def _on_tabs_current_changed(self, index: int) -> None:
        self.clear_action.setEnabled(index == 0)  # Esc clears the drawing only where it is seen

    def _action(self, menu, text, slot, shortcut, tip) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(shortcut)
        if tip:
            action.setStatusTip(tip)
        action.triggered.connect(slot)
        menu.addAction(action)
        return action

    # =========================================================================== model

    @property
    def model(self) -> MLP | None:
        """The network the Draw and Browse views use."""
        return self._model

    @property
    def data(self) -> MnistData | None:
        """The data set in use (None while the first one loads)."""
        return self._data

    def _open_model(self, path: Path, fallback: str | None = None) -> bool:
        """Load a model file; on any problem keep the current model and say why.

        ``fallback`` (at start-up) names what will be used instead; the message then waits
        until the window is shown."""
        try:
            model = MLP.load(path)
            if model.n_inputs != 784 or model.n_outputs != 10:
                raise ValueError(f"{path}: this network has {model.n_inputs} inputs and {model.n_outputs} outputs; "
                                 "the app needs 784 inputs (28 x 28 pixels) and 10 outputs (digits).")
        except (OSError, ValueError) as exc:
            if fallback is None:
                self._show_error("Cannot open model", f"{exc}\n\nThe current network is unchanged.")
            else:
                message = f"{exc}\n\nUsing {fallback} instead."
                QTimer.singleShot(0, lambda: self._show_error("Cannot open model", message))
            return False
        name = "default model" if path == default_model_path() else path.name
        self._set_model(model, name, unsaved=False)
        self.statusBar().showMessage(f"Loaded {path}", 5000)
        return True

    def _set_model(self, model: MLP, name: str, unsaved: bool, evaluation: Evaluation | None = None) -> None:
        """Make ``model`` the network of the Draw and Browse views. ``evaluation`` (on the
        current test split) saves recomputing it when the worker already did."""
        self._model = model
        self._model_name = name
        self._unsaved = unsaved
        self._refresh_draw()
        self._refresh_browse(evaluation)
        self._update_labels()

    def _update_labels(self) -> None:
        model = self._model
        text = f"Network: {'-'.join(map(str, model.layer_sizes))} ({self._model_name})"
        if self._evaluation is not None:
            text += f", test accuracy {format_percent(self._evaluation.accuracy)}"
        self._model_label.setText(text)
        self._model_label.setToolTip(self._describe_model(model))
        star = "*" if self._unsaved else ""
        self.setWindowTitle(f"{self._model_name}{star} — {APP_NAME}")

    @staticmethod
    def _describe_model(model: MLP) -> str:
        meta = model.metadata
        lines = [repr(model)]
        config = meta.get("config")
        if isinstance(config, dict):
            lines.append(f"trained {len(meta.get('history', []))} epoch(s): mini-batch {config.get('batch_size')}, "
                         f"eta {config.get('learning_rate')}, {config.get('cost')} cost, seed {config.get('seed')}")
        return "\n".join(lines)

    # =========================================================================== data

    def load_data(self, directory: str | os.PathLike | None, remember: bool = False) -> None:
        """Load a data set in a background thread; the current one stays until it succeeds.

        ``directory`` None (or empty) means the bundled MNIST. With ``remember`` the
        folder is used again at the next start."""
        if self._load_thread is not None:
            return
        directory = Path(directory) if directory else None
        self._loading = (directory, remember)
        self._data_label.setText(f"Loading {_data_name(directory)}…")
        self.statusBar().showMessage(f"Loading data from {_data_name(directory)}…")
        worker = CallWorker(lambda: load_mnist(directory))  # runs in the worker thread
        worker.done.connect(self._on_data_loaded)  # bound methods: queued to the GUI thread
        worker.failed.connect(self._on_data_failed)
        self._load_worker = worker
        self._load_thread = start_in_thread(worker, self._on_load_thread_finished)
        self.train_button.setEnabled(False)

    @Slot(object)
    def _on_data_loaded(self, data: MnistData) -> None:
        directory, remember = self._loading
        self._data = data
        if remember:
            self._settings.setValue("paths/data_dir", str(directory) if directory is not None else "")
        self.browse_model.set_data(data.test.images, data.test.y)
        self._evaluation = None
        self._refresh_browse()
        self._update_labels()
        self._show_data_label()
        self.statusBar().showMessage(f"Loaded {len(data.train) + len(data.validation) + len(data.test):,} images "
                                     f"from {_data_name(directory)}", 5000)

    def _show_data_label(self) -> None:
        data = self._data
        if data is None:
            self._data_label.setText("Data: none")
            return
        directory = None if data.directory == default_data_dir() else data.directory
        self._data_label.setText(f"Data: {_data_name(directory)}")
        self._data_label.setToolTip(f"{len(data.train):,} training, {len(data.validation):,} validation, "
                                    f"{len(data.test):,} test images\nSHA-256 {data.sha256}")

    @Slot(str)
    def _on_data_failed(self, message: str) -> None:
        directory, _ = self._loading
        self._show_data_label()
        if directory is not None and self._data is None:
            # Nothing loaded yet (say a remembered folder that has gone): fall back to the bundled copy.
            self._settings.remove("paths/data_dir")
            self._show_error("Cannot load data", f"{message}\n\nUsing the bundled MNIST instead.")
            QTimer.singleShot(0, lambda: self.load_data(None))
            return
        self._show_error("Cannot load data", f"{message}\n\nThe data in use is unchanged.")

    @Slot()
    def _on_load_thread_finished(self) -> None:
        self._load_thread = None
        self._load_worker = None
        self.train_button.setEnabled(self._train_thread is None and self._data is not None)
        self.start_action.setEnabled(self._train_thread is None)

    # =========================================================================== draw

    @Slot()
    def _on_canvas_image_changed(self) -> None:
        self._refresh_draw()

    def _refresh_draw(self) -> None:
        drawing = self.canvas.network_array()  # None if empty or only a dot
        x = None if drawing is None else mnist_like(drawing)  # (784,) float32
        model = self._preview if self._preview is not None else self._model
        if x is None or model is None:
            self.draw_input.set_image(None)
            self.draw_prediction.setText("–")
            self.draw_detail.setText("Draw a digit" if self.canvas.is_empty() else "Draw it larger")
            self.draw_bars.set_activations(None)
            return
        seen = model.prepare(x[None, :])[0]  # what the network consumes (binarized if it is)
        activations = model.feedforward(x[None, :])[0]  # (10,)
        digit = int(np.argmax(activations))
        self.draw_input.set_image(seen)
        self.draw_prediction.setText(str(digit))
        self.draw_detail.setText(f"activation {activations[digit]:.2f}")
        self.draw_bars.set_activations(activations)

    # =========================================================================== browse

    def _refresh_browse(self, evaluation: Evaluation | None = None) -> None:
        """Show the current model's predictions on the test split, computing them unless
        ``evaluation`` already holds them."""
        if self._data is None or self._model is None:
            return
        keep = self._current_browse_index()
        if evaluation is None or len(evaluation.labels) != len(self._data.test.y):
            evaluation = evaluate(self._model, self._data.test.X, self._data.test.y)
        self._evaluation = evaluation
        self.browse_model.set_predictions(evaluation.activations, evaluation.predictions)
        self._fill_confusion_table(self._evaluation)
        self._update_browse_count()
        self._select_browse_index(keep)

    def _update_browse_count(self) -> None:
        m = self.browse_model
        text = f"{m.n_misclassified:,} misclassified of {m.n_total:,}"
        if m.rowCount() != m.n_total and not (self.browse_show.currentIndex() == 1
                                              and m.rowCount() == m.n_misclassified):
            text = f"showing {m.rowCount():,} · " + text
        self.browse_count.setText(text)

    def _fill_confusion_table(self, evaluation: Evaluation) -> None:
        cm = evaluation.confusion
        per_class = evaluation.per_class_accuracy
        biggest = max(1, int((cm - np.diag(np.diag(cm))).max()))
        for i in range(10):
            for j in range(10):
                item = QTableWidgetItem(str(cm[i, j]))
                item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                if i != j and cm[i, j]:
                    shade = int(230 - 120 * cm[i, j] / biggest)
                    item.setBackground(Qt.GlobalColor.white if shade >= 230 else _rgb(255, shade, shade))
                elif i == j:
                    item.setBackground(_rgb(215, 240, 215))
                item.setToolTip(f"{cm[i, j]} test images of a {i} predicted as {j}")
                self.confusion_table.setItem(i, j, item)
            acc = QTableWidgetItem("–" if np.isnan(per_class[i]) else f"{100 * per_class[i]:.1f}")
            acc.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
            acc.setToolTip(f"Accuracy on the test images of a {i}, in percent")
            self.confusion_table.setItem(i, 10, acc)

    @Slot(int, int)
    def _on_confusion_cell_clicked(self, row: int, column: int) -> None:
        for combo in (self.browse_show, self.browse_true, self.browse_pred):
            combo.blockSignals(True)
        self.browse_show.setCurrentIndex(0)
        self.browse_true.setCurrentIndex(row + 1)
        self.browse_pred.setCurrentIndex(0 if column == 10 else column + 1)
        for combo in (self.browse_show, self.browse_true, self.browse_pred):
            combo.blockSignals(False)
        self._apply_browse_filter()

    @Slot()
    def _on_browse_filter_changed(self) -> None:
        self.confusion_table.clearSelection()  # a filter changed by hand no longer matches a cell
        self._apply_browse_filter()

    def _apply_browse_filter(self) -> None:
        keep = self._current_browse_index()
        self.browse_model.set_filter(misclassified_only=self.browse_show.currentIndex() == 1,
                                     true_label=self.browse_true.currentData(),
                                     predicted=self.browse_pred.currentData())
        self._update_browse_count()
        self._select_browse_index(keep)

    def _current_browse_index(self) -> int | None:
        current = self.browse_list.currentIndex()
        return current.data(DigitListModel.IndexRole) if current.isValid() else None

    def _select_browse_index(self, image_index: int | None) -> None:
        row = None if image_index is None else self.browse_model.row_of(image_index)
        if row is None:
            self._show_browse_detail(None)
            return
        index = self.browse_model.index(row)
        self.browse_list.selectionModel().setCurrentIndex(index, QItemSelectionModel.SelectionFlag.ClearAndSelect)
        self.browse_list.scrollTo(index)
        self._show_browse_detail(image_index)

    @Slot(QModelIndex, QModelIndex)
    def _on_browse_current_changed(self, current: QModelIndex, previous: QModelIndex) -> None:
        self._show_browse_detail(current.data(DigitListModel.IndexRole) if current.isValid() else None)

    def _show_browse_detail(self, image_index: int | None) -> None:
        if image_index is None:
            self.browse_image.set_image(None)
            self.browse_title.setText("Click a thumbnail")
            self.browse_bars.set_activations(None)
            return
        m = self.browse_model
        label = m.label(image_index)
        activations = m.activations(image_index)
        self.browse_image.set_image(m.image(image_index))
        if activations is None:
            self.browse_title.setText(f"Test image #{image_index}\nTrue label: {label}")
            self.browse_bars.set_activations(None)
            return
        predicted = int(np.argmax(activations))
        verdict = "correct" if predicted == label else "<span style='color:#b01010'><b>wrong</b></span>"
        detail = f"activation {activations[predicted]:.2f}"
        if predicted != label:
            detail += f"; for {label}: {activations[label]:.2f}"
        self.browse_title.setText(
            f"Test image #{image_index}<br>True label: <b>{label}</b><br>"
            f"Predicted: <b>{predicted}</b> ({verdict})<br>{detail}")
        self.browse_bars.set_activations(activations, true_label=label)

    # =========================================================================== training

    def training_config(self) -> TrainConfig:
        """The Train view's settings as a TrainConfig; raises ValueError if they are not usable."""
        hidden = parse_hidden_layers(self.hidden_edit.text())
        seed = self.seed_spin.value()
        return TrainConfig(
            layer_sizes=(784, *hidden, 10),
            n_epochs=self.epochs_spin.value(),
            batch_size=self.batch_spin.value(),
            learning_rate=self.eta_spin.value(),
            cost=self.cost_combo.currentData(),
            init=self.init_combo.currentData(),
            l2=self.l2_spin.value(),
            patience=self.patience_spin.value() or None,
            max_halvings=self.halvings_spin.value(),
            seed=None if seed < 0 else seed,
        ).with_seed()

    def is_training(self) -> bool:
        """True while a training thread runs."""
        return self._train_thread is not None

    @Slot()
    def start_training(self) -> None:
        """Start training a new network in a worker thread with the form's settings."""
        if self._train_thread is not None:
            return
        if self._data is None or self._load_thread is not None:
            self.statusBar().showMessage("The data is still loading; try again in a moment.", 5000)
            return
        try:
            config = self.training_config()
            config.check_training_size(len(self._data.train))
        except ValueError as exc:
            self.form_error.setText(f"Cannot train: {exc}")
            self.form_error.show()
            self.tabs.setCurrentIndex(1)
            return
        self.form_error.hide()
        self._save_form()
        self.plot.reset()
        self.progress_bar.setValue(0)
        self.progress_bar.setFormat("starting…")
        self._run_epochs_done = 0
        self._run_ended = False  # set when the worker sends a result or a failure
        self.train_status.setText(f"Training {'-'.join(map(str, config.layer_sizes))}, seed {config.seed}…")
        worker = TrainingWorker(config, self._data)
        worker.progress.connect(self._on_worker_progress)
        worker.snapshot.connect(self._on_worker_snapshot)
        worker.trained.connect(self._on_worker_trained)
        worker.failed.connect(self._on_worker_failed)
        self._train_worker = worker
        self._train_thread = start_in_thread(worker, self._on_train_thread_finished)
        self._set_training_ui(True)
        self.statusBar().showMessage("Training started; the window stays usable.", 4000)

    @Slot(str)
    def _on_hidden_edit_text_changed(self, text: str) -> None:
        try:
            hidden = parse_hidden_layers(text)
        except ValueError:
            self.architecture_label.setText("network: ? (whole numbers, e.g. '30' or '100 30')")
            return
        self.architecture_label.setText(f"network: {'-'.join(map(str, (784, *hidden, 10)))}")

    @Slot()
    def stop_training(self) -> None:
        """Ask the worker to stop after its current mini-batch."""
        if self._train_thread is not None:
            self._train_thread.requestInterruption()
            self.stop_button.setEnabled(False)
            self.progress_bar.setFormat("stopping…")

    def _set_training_ui(self, running: bool) -> None:
        self.train_button.setEnabled(not running and self._data is not None)
        self.start_action.setEnabled(not running)
        self.stop_button.setEnabled(running)
        self.stop_action.setEnabled(running)
        for w in (self.hidden_edit, self.epochs_spin, self.batch_spin, self.eta_spin, self.cost_combo,
                  self.init_combo, self.l2_spin, self.seed_spin, self.patience_spin, self.preset_combo):
            w.setEnabled(not running)
        self.halvings_spin.setEnabled(not running and self.patience_spin.value() > 0)
        for action in (self.open_action, self.default_model_action, self.open_data_action, self.bundled_data_action):
            action.setEnabled(not running)

    @Slot(object)
    def _on_worker_progress(self, report: TrainingReport) -> None:
        if self._closing:
            return
        x = report.epoch - 1 + report.batch / report.n_batches
        if math.isfinite(report.recent_cost):
            self.plot.add_cost(x, report.recent_cost)
        self.progress_bar.setValue(int(1000 * report.progress))
        self.progress_bar.setFormat(f"epoch {report.epoch}/{report.n_epochs}  %p%")
        if report.end_of_epoch:
            self._run_epochs_done = report.epoch
            self.plot.add_accuracy(report.epoch, report.validation_accuracy, report.test_accuracy,
                                   report.training_accuracy)
            self.train_status.setText(
                f"Epoch {report.epoch}/{report.n_epochs} ({report.seconds:.1f} s): "
                f"validation {format_percent(report.validation_accuracy)}, "
                f"test {format_percent(report.test_accuracy)}, "
                f"cost {report.cost:.4f}" + (f"; eta halved to {report.learning_rate / 2:g}"
                                             if report.event == "halved" else ""))

    @Slot(object)
    def _on_worker_snapshot(self, model: MLP) -> None:
        """Each epoch: the Draw view uses the network trained so far."""
        if self._closing:
            return
        self._preview = model
        self._refresh_draw()

    @Slot(object, object, str)
    def _on_worker_trained(self, model: MLP, evaluation: Evaluation, ending: str) -> None:
        self._run_ended = True
        if self._closing:
            return
        if not model.metadata.get("history"):
            # Stopped before the first epoch ended: a barely trained network is no use.
            self.train_status.setText(f"{ending}, before the first epoch ended; the previous network "
                                      f"({self._model_name}) is kept.")
            return
        self._set_model(model, "trained now", unsaved=True, evaluation=evaluation)
        acc = format_percent(evaluation.accuracy)
        self.train_status.setText(f"{ending}. Test accuracy {acc}. The Draw and Browse views now use "
                                  "this network; File > Save Model As… keeps it.")
        self.statusBar().showMessage(f"{ending}; test accuracy {acc}", 8000)

    @Slot(str)
    def _on_worker_failed(self, message: str) -> None:
        self._run_ended = True
        if self._closing:
            return
        self.train_status.setText(f"Training failed: {message}")
        self._show_error("Training failed", message)

    @Slot()
    def _on_train_thread_finished(self) -> None:
        if not self._run_ended:  # neither a result nor a failure: stopped before the first mini-batch
            self.train_status.setText("Stopped before any training; the network in use is unchanged.")
        self._train_thread = None
        self._train_worker = None
        self._preview = None
        self._refresh_draw()
        self._set_training_ui(False)
        self.progress_bar.setFormat("done" if self.progress_bar.value() >= 1000 else "stopped")

    # =========================================================================== files

    @Slot()
    def _on_open_model(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Open model", self._settings.value("paths/models", ""),
                                              "Model files (*.npz);;All files (*)")
        if path:
            self._settings.setValue("paths/models", str(Path(path).parent))
            self._open_model(Path(path))

    @Slot()
    def _on_load_default_model(self) -> None:
        self._open_model(default_model_path())

    @Slot()
    def _on_save_model(self) -> None:
        start = Path(self._settings.value("paths/models", "") or Path.home()) / "mnist-model.npz"
        path, _ = QFileDialog.getSaveFileName(self, "Save model", str(start), "Model files (*.npz)")
        if path:
            self.save_model(path)

    def save_model(self, path: str | os.PathLike) -> bool:
        """Save the current network (atomically); returns False and says why on failure."""
        path = Path(path)
        if path.suffix != ".npz":
            path = path.with_name(path.name + ".npz")
        try:
            self._model.metadata.setdefault("package_version", core.__version__)
            self._model.save(path)
        except (OSError, TypeError, ValueError) as exc:
            self._show_error("Cannot save model", f"{path}: {exc}\n\nNothing was overwritten.")
            return False
        self._settings.setValue("paths/models", str(path.parent))
        self._model_name = path.name
        self._unsaved = False
        self._update_labels()
        self.statusBar().showMessage(f"Saved {path}", 5000)
        return True

    @Slot()
    def _on_open_data_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, "Folder with the four IDX files",
                                                  self._settings.value("paths/data_dir", "") or str(Path.home()))
        if folder:
            self.load_data(folder, remember=True)

    @Slot()
    def _on_about(self) -> None:
        QMessageBox.about(self, f"About {APP_NAME}", (
            f"<b>{APP_NAME} {core.__version__}</b><p>Draw a digit, train a sigmoid network from scratch on "
            "MNIST, and browse its mistakes.</p><p>The network, backpropagation and SGD follow Michael "
            "Nielsen's <i>Neural Networks and Deep Learning</i>, in numpy.</p><p>MNIST: Y. LeCun and "
            "C. Cortes, CC BY-SA 3.0.</p>"))

    def _show_error(self, title: str, text: str) -> None:
        """Tell the user about a problem (a modal message box)."""
        QMessageBox.warning(self, title, text)

    # =========================================================================== settings

    def _fill_form(self, config: TrainConfig) -> None:
        """Show a configuration in the Train view's form (all but the seed)."""
        self.hidden_edit.setText(" ".join(map(str, config.layer_sizes[1:-1])))
        self.epochs_spin.setValue(config.n_epochs)
        self.batch_spin.setValue(config.batch_size)
        self.eta_spin.setValue(config.learning_rate)
        self.cost_combo.setCurrentIndex(self.cost_combo.findData(config.cost))
        self.init_combo.setCurrentIndex(self.init_combo.findData(config.init))
        self.l2_spin.setValue(config.l2)
        self.patience_spin.setValue(config.patience or 0)
        self.halvings_spin.setValue(config.max_halvings)
        self.halvings_spin.setEnabled(bool(config.patience))

    def _reset_form(self) -> None:
        self._fill_form(DEFAULTS)
        self.seed_spin.setValue(-1)

    @Slot(int)
    def _on_preset_combo_activated(self, index: int) -> None:
        name = self.preset_combo.itemData(index)
        if name is None:
            return
        preset = PRESETS[name]
        self._fill_form(preset.config)
        self.preset_combo.setCurrentIndex(0)
        self.train_status.setText(f"Preset {name}: {preset.description}")

    def _save_form(self) -> None:
        s = self._settings
        s.setValue("train/hidden", self.hidden_edit.text())
        s.setValue("train/epochs", self.epochs_spin.value())
        s.setValue("train/batch_size", self.batch_spin.value())
        s.setValue("train/learning_rate", self.eta_spin.value())
        s.setValue("train/cost", self.cost_combo.currentData())
        s.setValue("train/init", self.init_combo.currentData())
        s.setValue("train/l2", self.l2_spin.value())
        s.setValue("train/seed", self.seed_spin.value())
        s.setValue("train/patience", self.patience_spin.value())
        s.setValue("train/max_halvings", self.halvings_spin.value())

    def _restore_settings(self) -> None:
        self._reset_form()
        s = self._settings
        try:
            self.hidden_edit.setText(str(s.value("train/hidden", self.hidden_edit.text())))
            self.epochs_spin.setValue(int(s.value("train/epochs", self.epochs_spin.value())))
            self.batch_spin.setValue(int(s.value("train/batch_size", self.batch_spin.value())))
            self.eta_spin.setValue(float(s.value("train/learning_rate", self.eta_spin.value())))
            for combo, key in ((self.cost_combo, "train/cost"), (self.init_combo, "train/init")):
                i = combo.findData(s.value(key, combo.currentData()))
                combo.setCurrentIndex(max(i, 0))
            self.l2_spin.setValue(float(s.value("train/l2", self.l2_spin.value())))
            self.seed_spin.setValue(int(s.value("train/seed", self.seed_spin.value())))
            self.patience_spin.setValue(int(s.value("train/patience", self.patience_spin.value())))
            self.halvings_spin.setValue(int(s.value("train/max_halvings", self.halvings_spin.value())))
        except (TypeError, ValueError):
            self._reset_form()  # damaged settings: fall back to the defaults
        geometry = s.value("window/geometry")
        if isinstance(geometry, QByteArray) and not geometry.isEmpty():
            self.restoreGeometry(geometry)
        else:
            self.resize(1100, 720)
        try:
            self.tabs.setCurrentIndex(int(s.value("window/tab", 0)))
        except (TypeError, ValueError):
            pass

    # =========================================================================== closing

    def _confirm_close(self) -> bool:
        """Ask before losing work: a run in progress, or a trained network never saved.
        Returns True to close."""
        if self.is_training() and self._run_epochs_done > 0:
            answer = QMessageBox.question(
                self, "Quit while training?",
                f"Training has run {self._run_epochs_done} epoch(s). Quit and discard it?",
                QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
                QMessageBox.StandardButton.Cancel)
            return answer == QMessageBox.StandardButton.Discard
        if self._unsaved:
            answer = QMessageBox.question(
                self, "Save the trained network?",
                "The network trained in this session has not been saved. Save it before quitting?",
                QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard
                | QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Save)
            if answer == QMessageBox.StandardButton.Save:
                self._on_save_model()
                return not self._unsaved  # a cancelled or failed save keeps the window open
            return answer == QMessageBox.StandardButton.Discard
        return True

    def closeEvent(self, event: QCloseEvent) -> None:
        """Ask before losing work, stop any training (within one mini-batch), wait for the
        threads, remember settings."""
        if not self._confirm_close():
            event.ignore()
            return
        self._closing = True  # results still queued from the worker are dropped
        for thread in (self._train_thread, self._load_thread):
            if thread is not None:
                thread.requestInterruption()
                thread.quit()
                thread.wait()
        self._train_thread = self._load_thread = None
        self._settings.setValue("window/geometry", self.saveGeometry())
        self._settings.setValue("window/tab", self.tabs.currentIndex())
        self._save_form()
        self._settings.sync()
        super().closeEvent(event)


def _data_name(directory: Path | None) -> str:
    return "bundled MNIST" if directory is None else str(directory)


def _rgb(r: int, g: int, b: int) -> QColor:
    return QColor(r, g, b)

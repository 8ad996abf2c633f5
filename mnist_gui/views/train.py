"""The Train view: the form with its estimate, the run's controls and status, the live
curves of every run of the session, the runs table, and a look inside the network.

Progress arrives from the :class:`~mnist_gui.training.TrainingController` a few dozen
times a second. The view only stores it; a timer draws what came in at most
:data:`REDRAW_MS` apart. Drawing is the one costly thing the GUI thread does during a
run, and whatever it does in Python is time the training thread, which needs the same
GIL, cannot train. The weight mosaic is redrawn once per epoch, and earlier runs' curves
never again.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QSettings, Qt, QTimer, Signal, Slot
from PySide6.QtWidgets import (
    QFileDialog,
    QFormLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from core.estimate import RunEstimate, estimate_run
from core.sgd import TrainConfig, TrainingReport
from mnist_gui import numbers
from mnist_gui.config_form import TrainingForm
from mnist_gui.events import call_in_turn
from mnist_gui.export import write_run_csv
from mnist_gui.help import HintBanner
from mnist_gui.mosaic import NetworkInsideView
from mnist_gui.numbers import percent as format_percent
from mnist_gui.numbers import size_bytes as format_bytes
from mnist_gui.plots import TrainingPlot, run_color
from mnist_gui.runs_table import ButtonRows, RunsTable
from mnist_gui.session import Run, Session
from mnist_gui.settings import CheckedSettings
from mnist_gui.training import TrainingController
from mnist_gui.widgets import ProgressBar
from mnist_gui.worker import CallWorker, ThreadReaper

#: Least time between two redraws of the curves and the progress bars during a run (ms).
REDRAW_MS = 500
#: During a run, the mosaic and the saturation plot are each redrawn at most every this
#: many redraws (2 s), half a redraw apart from the plots and a second apart from each
#: other, so that no two of these paints fall in one event (measured during a run: 10-25 ms
#: for the plots, 13-17 ms for the mosaic, 10-25 ms for the saturation).
INSIDE_EVERY = 4
#: Time budget of the estimate measured when Train is pressed before the background one is done (s).
QUICK_ESTIMATE_SECONDS = 0.03
#: Longest the run is held for a paint of the Train view (ms; see ``_hold_for_paint``).
HOLD_MS = 100
#: Wait this long after the last edit of the form before measuring a new estimate (ms).
ESTIMATE_DELAY_MS = 400


class _PaintWatcher(QObject):
    """Calls ``on_paint()`` whenever a watched widget receives a paint event (before it is
    painted: the caller waits for the event loop to come back)."""

    def __init__(self, on_paint, parent: QObject | None = None):
        super().__init__(parent)
        self._on_paint = on_paint

    def eventFilter(self, watched, event) -> bool:
        if event.type() == QEvent.Type.Paint:
            self._on_paint()
        return False


class _WrappedLabelHeights(QObject):
    """Keeps each word-wrapped label of ``widget`` at least as tall as its text needs at
    the label's width, so that in a narrow column a splitter or a scroll area above the
    labels (which ask only for minimum sizes, not heights for widths) cannot give them
    less room than their lines and draw the plots below over them.

    The height is updated when ``widget`` is resized, not when a label's text changes (a
    label's reserved lines stay as they are during a run)."""

    def __init__(self, widget: QWidget, parent: QObject | None = None):
        super().__init__(parent)
        self._widget = widget
        self._reserved: dict[QLabel, int] = {}  # label -> its own minimum height
        widget.installEventFilter(self)

    def eventFilter(self, watched, event) -> bool:
        if watched is self._widget and event.type() == QEvent.Type.Resize:
            QTimer.singleShot(0, self, self.update_heights)  # once the layouts gave the labels their widths
        return False

    def update_heights(self) -> None:
        """Set each visible word-wrapped label's minimum height for its current width."""
        for label in self._widget.findChildren(QLabel):
            if not label.wordWrap() or not label.isVisible():
                continue
            reserved = self._reserved.setdefault(label, label.minimumHeight())
            needed = max(reserved, label.heightForWidth(label.width()) if label.text() else 0)
            if needed != label.minimumHeight():
                label.setMinimumHeight(needed)


class TrainView(QWidget):
    """Train new networks, steer them while they learn, compare the runs, look inside.

    Parameters
    ----------
    session : Session
    controller : TrainingController
        Starts and steers the runs; the view follows its signals.

    Signals
    -------
    status_message(str, int)
        A sentence for the window's status bar and how long to show it (ms, 0 = until
        replaced).
    attention_needed()
        The view has something the user must see (the form refused a run): show it.
    """

    status_message = Signal(str, int)
    attention_needed = Signal()

    def __init__(self, session: Session, controller: TrainingController, parent: QWidget | None = None):
        super().__init__(parent)
        self._session = session
        self._controller = controller
        #: Asked (with what replaces it) before this view replaces an unsaved network that no run
        #: keeps (a corrected one): the window sets it to its save question; True to go on.
        self.confirm_replace_model = lambda what: True  # what: "training a new network", ...
        self._pending_epochs: list[TrainingReport] = []  # end-of-epoch reports not drawn yet
        self._epochs_drawn: dict[int, int] = {}  # id(run) -> its last epoch on the plots
        self._last_report: TrainingReport | None = None
        self._run: Run | None = None  # the run in progress
        self._finished_run: Run | None = None  # the last run that ended
        self._on_plot: list[Run] = []  # runs with curves on the plots
        self._state = "idle"  # the controller's state as last shown
        self._estimates: dict[tuple, RunEstimate] = {}
        self._estimate_thread = None
        self._estimate_worker = None
        self._estimate_key: tuple | None = None
        self._redraws = 0  # redraws of the run in progress
        self._runs_sync_pending = False
        self._steps_pending = 0  # steps of _in_steps not run yet
        self._holding = False  # the run is held until a paint is over (see _hold_for_paint)
        self._inside_model = None  # a network for the look inside, not drawn yet
        self._inside_epochs: list[tuple[int, list]] = []  # saturation of epochs not drawn yet

        self.form = TrainingForm()
        self.form.bind_own_digits(session)  # "Add my digits to training (N)"
        self.form.preset_applied.connect(self._on_form_preset_applied)
        self.form.config_changed.connect(self._on_form_config_changed)
        self.form.learning_rate_requested.connect(self._on_form_learning_rate_requested)
        eta_hint = self.form.field_error_label("learning_rate")  # room for its two-line hint during a run
        eta_hint.setMinimumHeight(2 * eta_hint.fontMetrics().lineSpacing())
        self.estimate_label = QLabel()
        self.estimate_label.setWordWrap(True)
        # Room for three lines from the start: a text of another length must not move the
        # buttons below it between a press and its release (a click on Train was lost so).
        self.estimate_label.setMinimumHeight(3 * self.estimate_label.fontMetrics().lineSpacing())
        self.estimate_label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.estimate_label.setToolTip(self.tr("Measured on this machine: a few mini-batches of this network are "
                                               "timed, and the memory the run needs is counted"))
        self.form_error = QLabel()
        self.form_error.setWordWrap(True)
        self.form_error.setStyleSheet("color: #b01010;")
        self.form_error.hide()

        self.train_button = QPushButton(self.tr("Train"))
        self.train_button.setToolTip(self.tr("Train a new network, from random weights, with these settings (Ctrl+T)"))
        self.train_button.clicked.connect(self.start)
        self.pause_button = QPushButton(self.tr("Pause"))
        self.pause_button.setToolTip(self.tr("Pause after the current mini-batch, or resume (Ctrl+P)"))
        self.pause_button.clicked.connect(self.toggle_pause)
        self.step_button = QPushButton(self.tr("Step"))
        self.step_button.setToolTip(self.tr("While paused: train to the end of this epoch, then pause again "
                                            "(F10)"))
        self.step_button.clicked.connect(controller.step)
        self.stop_button = QPushButton(self.tr("Stop"))
        self.stop_button.setToolTip(self.tr("Stop after the current mini-batch and keep the network trained so far "
                                            "(Ctrl+.)"))
        self.stop_button.clicked.connect(controller.stop)
        # In one row, or two in a narrow column.
        self.run_buttons = ButtonRows([self.train_button, self.pause_button, self.step_button, self.stop_button],
                                      fill=True)

        self.epoch_bar = ProgressBar(1000)  # (not QProgressBar: its setValue repaints synchronously)
        self.epoch_bar.setToolTip(self.tr("Progress through this epoch's mini-batches"))
        self.progress_bar = ProgressBar(1000)  # the whole run
        self.progress_bar.setToolTip(self.tr("Progress through the whole run, all its epochs"))
        self.speed_label = QLabel("–")
        self.left_label = QLabel("–")
        self.accuracy_label = QLabel("–")
        self.accuracy_label.setWordWrap(True)
        self.seed_label = QLabel("–")
        self.seed_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.seed_label.setToolTip(self.tr("The same seed and settings give the same run again"))
        figures = QFormLayout()
        figures.addRow(self.tr("Epoch:"), self.epoch_bar)
        figures.addRow(self.tr("Run:"), self.progress_bar)
        figures.addRow(self.tr("Speed:"), self.speed_label)
        figures.addRow(self.tr("Time left:"), self.left_label)
        figures.addRow(self.tr("Accuracy:"), self.accuracy_label)
        figures.addRow(self.tr("Seed:"), self.seed_label)
        self.status = QLabel(self.tr("Press Train to train a new network on the training images."))
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        left = QVBoxLayout()
        left.addWidget(self.form)
        left.addWidget(self.estimate_label)
        # The buttons, then why a press of Train was refused: under them, so that the line
        # appearing never moves the buttons (a press and its release must meet the same button).
        left.addWidget(self.run_buttons)
        left.addWidget(self.form_error)
        left.addLayout(figures)
        left.addWidget(self.status)
        left.addStretch(1)
        left_widget = QWidget()
        left_widget.setLayout(left)
        scroll = self.form_scroll = QScrollArea()
        scroll.setWidget(left_widget)
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        # As wide as the column needs at most (never scrolled sideways); narrower in a small
        # window, where the form's fields go under their labels and the column scrolls down.
        chrome = scroll.verticalScrollBar().sizeHint().width() + 2 * scroll.frameWidth()
        scroll.setMinimumWidth(left_widget.minimumSizeHint().width() + chrome)
        scroll.setMaximumWidth(max(420, left_widget.sizeHint().width() + chrome))

        self.plot = TrainingPlot()
        self.runs_table = RunsTable(session)
        self.runs_table.use_requested.connect(self._on_runs_table_use_requested)
        self.runs_table.settings_requested.connect(self._on_runs_table_settings_requested)
        self.runs_table.export_requested.connect(self.export_csv)
        self.runs_table.remove_requested.connect(self._on_runs_table_remove_requested)
        self.inside = NetworkInsideView()
        # Plots above the runs table (the plots' legend); the look inside on the right.
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.addWidget(self.plot)
        self.splitter.addWidget(self.runs_table)
        self.splitter.setStretchFactor(0, 4)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([560, 160])
        # The look inside scrolls down rather than squeezing its parts over each other.
        self.inside_scroll = QScrollArea()
        self.inside_scroll.setWidget(self.inside)
        self.inside_scroll.setWidgetResizable(True)
        self.inside_scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        self.inside_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self._label_heights = _WrappedLabelHeights(self.inside, self)
        self.inside_scroll.setMinimumWidth(self.inside.minimumSizeHint().width()
                                           + self.inside_scroll.verticalScrollBar().sizeHint().width())
        # Three columns the user can widen or narrow: the form, the plots, the look inside.
        self.columns = QSplitter(Qt.Orientation.Horizontal)
        self.columns.setChildrenCollapsible(False)
        self.columns.addWidget(scroll)
        self.columns.addWidget(self.splitter)
        self.columns.addWidget(self.inside_scroll)
        self.columns.setStretchFactor(0, 0)
        self.columns.setStretchFactor(1, 3)
        self.columns.setStretchFactor(2, 2)
        self.columns.setSizes([scroll.maximumWidth(), 600, 400])
        self.hint = HintBanner("train")  # what to try first, until dismissed
        layout = QVBoxLayout(self)
        layout.addWidget(self.hint)
        layout.addWidget(self.columns, 1)

        self._paint_watcher = _PaintWatcher(self._on_viewport_painted, self)
        for viewport in (self.plot.viewport(), self.inside.mosaic.view.viewport(),
                         self.inside.saturation_plot.plot_widget.viewport()):
            viewport.installEventFilter(self._paint_watcher)

        self._redraw_timer = QTimer(self)
        self._redraw_timer.setInterval(REDRAW_MS)
        self._redraw_timer.timeout.connect(self._redraw)
        self._estimate_timer = QTimer(self)
        self._estimate_timer.setSingleShot(True)
        self._estimate_timer.setInterval(ESTIMATE_DELAY_MS)
        self._estimate_timer.timeout.connect(self._measure_estimate)
        controller.started.connect(self._on_controller_started)
        controller.progress.connect(self._on_controller_progress)
        controller.state_changed.connect(self._on_controller_state_changed)
        controller.learning_rate_changed.connect(self._on_controller_learning_rate_changed)
        controller.finished.connect(self._on_controller_finished)
        session.loading_changed.connect(self._on_session_loading_changed)
        session.data_changed.connect(self._on_session_data_changed)
        session.runs_changed.connect(self._on_session_runs_changed)
        session.run_changed.connect(self._on_session_run_changed)
        session.model_changed.connect(self._on_session_model_changed)
        session.preview_changed.connect(self._on_session_preview_changed)
        self._on_controller_state_changed(controller.state)
        self._sync_runs()
        self._on_session_model_changed()
        if session.data is not None:
            self._on_session_data_changed()

    # -- commands -------------------------------------------------------------------------

    def set_config(self, config: TrainConfig) -> None:
        """Fill the form with ``config``, its seed included."""
        self.form.set_config(config)

    @Slot()
    def start(self) -> bool:
        """Start a run with the form's settings; a problem is shown under the form, and a
        run estimated to take over 5 minutes an epoch or 2 GB asks first. Returns True if a
        run started."""
        if self._controller.is_running:
            return False
        try:
            config = self.form.config()
            if self._session.data is not None:
                n = config.train_size or len(self._session.data.train)
                config.check_training_size(n, available=len(self._session.data.train))
        except ValueError as exc:
            self._refuse(str(exc))
            return False
        warnings = self._estimate_warnings(self._estimate_for(config)) if self._session.data is not None else []
        if warnings and not self._confirm_large_run(warnings):
            self.status_message.emit(self.tr("Not started."), 3000)
            return False
        if not self.confirm_replace_model(self.tr("training a new network (it is used when the run ends)")):
            self.status_message.emit(self.tr("Not started."), 3000)
            return False
        try:
            self._controller.start(config)
        except ValueError as exc:
            self._refuse(str(exc))
            return False
        except RuntimeError as exc:
            self.status_message.emit(str(exc), 5000)
            return False
        return True

    def _refuse(self, reason: str) -> None:
        self.form_error.setText(self.tr("Cannot train: {0}").format(reason))
        self.form_error.show()
        self.attention_needed.emit()

    def _confirm_large_run(self, warnings: list[str]) -> bool:
        """Ask whether to start a run the estimate finds large; True to start."""
        answer = QMessageBox.question(
            self, self.tr("Start a long run?"),
            self.tr("This run needs {0}.\n\nStart it anyway? You can stop it at any time and keep the epochs "
                    "done.").format(self.tr(" and ").join(warnings)),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Cancel)
        return answer == QMessageBox.StandardButton.Yes

    @Slot()
    def toggle_pause(self) -> None:
        """Pause a running run, or resume a paused one."""
        if self._controller.is_paused:
            self._controller.resume()
        else:
            self._controller.pause()

    @Slot()
    def focus_learning_rate(self) -> None:
        """Put the cursor in the learning-rate field (to change eta, also during a run)."""
        self.form.eta_edit.setFocus()
        self.form.eta_edit.selectAll()

    @Slot()
    def use_selected_run(self) -> None:
        """Make the selected run's network the current one, or say why not."""
        run = self.runs_table.selected_run()
        if run is None:
            self.status_message.emit(self.tr("Select a run in the runs table first."), 5000)
        else:
            self._on_runs_table_use_requested(run)

    def selected_run(self) -> Run | None:
        """The run selected in the runs table, else the one in progress, else the newest."""
        run = self.runs_table.selected_run()
        if run is None:
            run = self._run or (self._session.runs[-1] if self._session.runs else None)
        return run

    @Slot()
    def export_csv(self, run: Run | None = None) -> bool:
        """Ask for a file and save ``run``'s curves (default: :meth:`selected_run`) as CSV."""
        run = run or self.selected_run()
        if run is None:
            self.status_message.emit(self.tr("No run to export yet: train one first."), 5000)
            return False
        name = "".join(c if c.isalnum() or c in "-_" else "_" for c in run.name).strip("_") or "run"
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export curves as CSV"), str(Path.home() / f"{name}.csv"),
                                              self.tr("CSV files (*.csv)"))
        if not path:
            return False
        try:
            path = write_run_csv(run, path)
        except OSError as exc:
            QMessageBox.warning(self, self.tr("Cannot export"), self.tr("{0}\n\nNothing was overwritten.").format(exc))
            return False
        self.status_message.emit(self.tr("Saved the curves of {0} to {1}").format(run.name, path), 5000)
        return True

    @Slot()
    def export_png(self) -> bool:
        """Ask for a file and save the plots, as shown, as PNG."""
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export plots as PNG"),
                                              str(Path.home() / "training-curves.png"), self.tr("PNG images (*.png)"))
        if not path:
            return False
        if not path.lower().endswith(".png"):
            path += ".png"
        try:
            self.plot.export_png(path)
        except OSError as exc:
            QMessageBox.warning(self, self.tr("Cannot export"), str(exc))
            return False
        self.status_message.emit(self.tr("Saved the plots to {0}").format(path), 5000)
        return True

    def save_settings(self, settings: QSettings) -> None:
        """Remember the form, the splitters and whether the first-use hint was dismissed
        (``hints/train_dismissed``)."""
        self.form.save_settings(settings)
        self.hint.save_settings(settings)
        settings.setValue("train/splitter", self.splitter.saveState())
        settings.setValue("train/columns", self.columns.saveState())

    def restore_settings(self, settings: QSettings | CheckedSettings) -> None:
        """Fill the form as it was left, the splitters and the hint; a bad value gives its default (and
        is recorded, see :class:`~mnist_gui.settings.CheckedSettings`). Never raises."""
        checked = CheckedSettings.wrap(settings)
        self.form.restore_settings(checked)
        self.hint.restore_settings(checked)
        for splitter, key in ((self.splitter, "train/splitter"), (self.columns, "train/columns")):
            state = checked.read_bytes(key)
            if state is not None and not splitter.restoreState(state):
                checked.ignore(key, self.tr("default"))

    def shutdown(self) -> None:
        """Wait for an estimate being measured (at quit; it takes a fraction of a second)."""
        self._estimate_timer.stop()
        if self._estimate_thread is not None:
            self._estimate_thread.wait()

    # -- the estimate -------------------------------------------------------------------

    def _estimate_key_for(self, config: TrainConfig) -> tuple:
        n = config.train_size or (len(self._session.data.train) if self._session.data is not None else 50_000)
        return (config.layer_sizes, config.batch_size, config.dtype, n)

    def _estimate_for(self, config: TrainConfig) -> RunEstimate:
        """The estimate for ``config``; if the background one is not there yet (Train
        pressed right after an edit), a quicker, rougher one measured now (some 40 ms, not
        0.25 s), good enough to decide whether to ask; the background one replaces it."""
        key = self._estimate_key_for(config)
        if key not in self._estimates:
            return estimate_run(config, key[3], self._n_eval(), budget_seconds=QUICK_ESTIMATE_SECONDS)
        return self._estimates[key]

    def _n_eval(self) -> int:
        data = self._session.data
        return 70_000 if data is None else len(data.train) + len(data.validation) + len(data.test)

    @Slot()
    def _on_form_config_changed(self) -> None:
        self.form_error.hide()
        if not self._controller.is_running:
            self._estimate_timer.start()

    @Slot()
    def _measure_estimate(self) -> None:
        """Show the estimate for the form's configuration, measured in a background thread."""
        if self._controller.is_running or self._session.data is None:
            return
        try:
            config = self.form.config()
        except ValueError:
            self.estimate_label.setText("")
            return
        key = self._estimate_key_for(config)
        if key in self._estimates:
            self._show_estimate(config, self._estimates[key])
            return
        if self._estimate_thread is not None:
            self._estimate_timer.start()  # one at a time: try again once this one is done
            return
        self.estimate_label.setStyleSheet("color: #999;")  # the old figures, greyed, until the new ones come
        n, n_eval = key[3], self._n_eval()
        worker = CallWorker(lambda: estimate_run(config, n, n_eval))
        worker.done.connect(self._on_estimate_worker_done)
        self._estimate_worker, self._estimate_key = worker, key
        # Kept by the reaper too: a view dropped mid-estimate must not destroy a running thread.
        self._estimate_thread = ThreadReaper.get().start(worker, self._on_estimate_thread_finished)

    @Slot(object)
    def _on_estimate_worker_done(self, estimate: RunEstimate) -> None:
        self._estimates[self._estimate_key] = estimate
        try:
            config = self.form.config()
        except ValueError:
            return
        if self._estimate_key_for(config) == self._estimate_key:
            self._show_estimate(config, estimate)

    @Slot()
    def _on_estimate_thread_finished(self) -> None:
        self._estimate_thread.wait()
        self._estimate_thread = self._estimate_worker = None

    def _estimate_warnings(self, estimate: RunEstimate) -> list[str]:
        """What is too much in ``estimate`` (see :meth:`core.estimate.RunEstimate.too_much`),
        in the interface's language: "about 23 min per epoch (30 epochs: about 11 h 30 min)",
        "about 2.1 GB of memory"; empty if nothing is."""
        too_long, too_large = estimate.too_much()
        out = []
        if too_long:
            epochs = (self.tr("1 epoch") if estimate.n_epochs == 1
                      else self.tr("{0} epochs").format(numbers.integer(estimate.n_epochs)))
            out.append(self.tr("about {0} per epoch ({1}: about {2})").format(
                numbers.duration(estimate.seconds_per_epoch), epochs, numbers.duration(estimate.total_seconds)))
        if too_large:
            out.append(self.tr("about {0} of memory").format(format_bytes(estimate.peak_bytes)))
        return out

    def _show_estimate(self, config: TrainConfig, estimate: RunEstimate) -> None:
        total = numbers.duration(estimate.seconds_per_epoch * config.n_epochs)
        whole = (self.tr("{0} for 1 epoch").format(total) if config.n_epochs == 1
                 else self.tr("{0} for {1} epochs").format(total, numbers.integer(config.n_epochs)))
        text = self.tr("Estimate on this machine: about {0} per epoch ({1}), {2} of memory.").format(
            numbers.duration(estimate.seconds_per_epoch), whole, format_bytes(estimate.peak_bytes))
        warnings = self._estimate_warnings(estimate)
        if warnings:
            text += " " + self.tr("Large run: {0}; Train will ask first.").format(self.tr(" and ").join(warnings))
            self.estimate_label.setStyleSheet("color: #b01010;")
        else:
            self.estimate_label.setStyleSheet("color: #555;")
        self.estimate_label.setText(text)

    # -- from the form and the runs table -------------------------------------------------

    @Slot(float)
    def _on_form_learning_rate_requested(self, eta: float) -> None:
        try:
            self._controller.set_learning_rate(eta)
        except (RuntimeError, ValueError) as exc:
            self.status_message.emit(self.tr("Learning rate not changed: {0}").format(exc), 6000)
            return
        self.status_message.emit(self.tr("Learning rate {0} from the next mini-batch on.").format(numbers.general(eta)),
                                 4000)

    @Slot(object)
    def _on_runs_table_use_requested(self, run: Run) -> None:
        if run.model is not self._session.model and not self.confirm_replace_model(
                self.tr("using the network of {0}").format(run.name)):
            return
        try:
            self._session.use_run(run)
        except ValueError as exc:
            self.status_message.emit(str(exc), 5000)
            return
        self.status_message.emit(self.tr("Draw and Browse now use the network of {0}.").format(run.name), 5000)

    @Slot(object)
    def _on_runs_table_settings_requested(self, run: Run) -> None:
        if self._controller.is_running:
            self.status_message.emit(self.tr("The form is in use by the run in progress; stop it first."), 4000)
        elif run.config is not None:
            self.form.set_config(run.config)
            self.status_message.emit(self.tr("The form has the settings and seed of {0}.").format(run.name), 4000)

    @Slot(object)
    def _on_runs_table_remove_requested(self, run: Run) -> None:
        try:
            self._session.remove_run(run)
        except ValueError as exc:
            self.status_message.emit(str(exc), 5000)

    # -- from the controller --------------------------------------------------------------

    @Slot(object)
    def _on_controller_started(self, run: Run) -> None:
        self.form_error.hide()
        self._run = run
        # One step each, a paint between: the new run's curves (made ahead: cheap); the earlier
        # runs faded (their pixmaps re-rendered); the axes for this run's epochs.
        self._in_steps(lambda: self._start_plots(run), lambda: self._fade_earlier_runs(run),
                       lambda: self._start_live_run(run))
        previous = self._finished_run
        if previous is not None and previous in self._on_plot and (self._pending_epochs or self._last_report):
            self._draw_progress(previous)  # (a run started before the last one's end was drawn)
        self._pending_epochs.clear()
        self._epochs_drawn[id(run)] = 0  # (an id a forgotten run had may come again)
        self._last_report = None
        self._redraws, self._inside_model, self._inside_epochs = 0, None, []
        for bar in (self.epoch_bar, self.progress_bar):
            bar.setValue(0)
        self.progress_bar.setFormat(self.tr("starting…"))
        self.epoch_bar.setFormat("")
        self.speed_label.setText("–")
        self.left_label.setText("–")
        self.accuracy_label.setText("–")
        self.seed_label.setText(str(run.config.seed))
        self.status.setText(self.tr("Training {0}, seed {1}…").format("-".join(map(str, run.config.layer_sizes)),
                                                                         run.config.seed))
        self._redraw_timer.start()
        self.status_message.emit(self.tr("Training started; the window stays usable."), 4000)

    def _start_plots(self, run: Run) -> None:
        if run is not self._run:
            return  # (already over)
        self._hold_for_paint(self.plot.viewport())
        self._sync_plot_runs()  # adds its curves (empty: a cheap paint follows)

    def _fade_earlier_runs(self, run: Run) -> None:
        if run is self._run and run in self._on_plot:
            self._hold_for_paint(self.plot.viewport())
            self.plot.set_current(run)

    def _start_live_run(self, run: Run) -> None:
        if run is not self._run:
            return
        self._hold_for_paint(self.plot.viewport())
        self.plot.start_run(run, run.config.n_epochs)  # the axes change: a paint
        self.inside.set_history([])

    def _hold_for_paint(self, viewport: QWidget) -> None:
        """Hold the run (see :meth:`TrainingController.hold`) until ``viewport``, about to
        change, has been painted: at most :data:`HOLD_MS`, and not at all if it is not on
        screen (another tab, a minimised window), where no paint would come."""
        if (self._holding or not self._controller.is_active or not viewport.isVisible()
                or viewport.visibleRegion().isEmpty() or self.window().isMinimized()):
            return
        self._holding = True
        self._controller.hold()
        QTimer.singleShot(HOLD_MS, self, self._release_hold)

    def _on_viewport_painted(self) -> None:
        if self._holding:  # release once the whole window's paint is done, not in the middle of it
            QTimer.singleShot(0, self, self._release_hold)

    def _release_hold(self) -> None:
        if self._holding:
            self._holding = False
            self._controller.release()

    def _in_steps(self, *steps) -> None:
        """Call each of ``steps`` in an event of its own, in order, from the event loop.

        The start and the end of a run each have some 50-80 ms of work for the GUI thread
        (new curves, restyled runs, the mosaic, the views taking the new network); done in
        one slot, that was one stall of the window. In steps, timers and input are served
        between them."""
        self._steps_pending += len(steps)

        def counted(step):
            def run():
                self._steps_pending -= 1
                step()
            return run
        call_in_turn(self, *map(counted, steps))

    def is_settled(self) -> bool:
        """True when no step of :meth:`_in_steps` waits to run (for tests and benchmarks)."""
        return self._steps_pending == 0

    @Slot(object)
    def _on_controller_progress(self, report: TrainingReport) -> None:
        """Store the report; :meth:`_redraw` shows it (this runs up to dozens of times a second)."""
        self._last_report = report
        if report.end_of_epoch:
            self._pending_epochs.append(report)

    @Slot()
    def _redraw(self) -> None:
        """Draw what the run reported since the last redraw (at most every REDRAW_MS), and
        paint it at once, while the run is held (see :meth:`TrainingController.held`)."""
        run = self._run
        if run not in self._on_plot:
            return  # its curves come in a step of their own (see _on_controller_started)
        if run is not None and (self._pending_epochs or self.plot.cost_count(run) < len(run.cost_points)):
            self._hold_for_paint(self.plot.viewport())
        if run is not None:
            self._draw_progress(run)

    def _draw_progress(self, run: Run) -> None:
        self.plot.add_costs(run, run.cost_points[self.plot.cost_count(run):])
        epoch_ends, self._pending_epochs = self._pending_epochs, []
        drawn = self._epochs_drawn.get(id(run), 0)
        epoch_ends = [r for r in epoch_ends if r.epoch > drawn]  # (a run drawn from its history meanwhile)
        if epoch_ends:
            self._epochs_drawn[id(run)] = epoch_ends[-1].epoch
        for report in epoch_ends:
            self.plot.add_accuracy(run, report.epoch, report.validation_accuracy, report.test_accuracy,
                                   report.training_accuracy)
            if report.saturation is not None:
                self._inside_epochs.append((report.epoch, report.saturation))
        if epoch_ends:
            self.status.setText(self._epoch_text(epoch_ends[-1]))
            self.accuracy_label.setText(self._accuracy_text(run, epoch_ends[-1]))
            # The table's row (5 ms) a quarter of a redraw later: not in the same stall as the plots.
            QTimer.singleShot(REDRAW_MS // 4, self, lambda: self.runs_table.model.refresh_row(run))
        self._redraws += 1
        if self._redraws % INSIDE_EVERY == 0 and self._inside_model is not None:
            QTimer.singleShot(REDRAW_MS // 2, self._update_mosaic)
        elif self._redraws % INSIDE_EVERY == INSIDE_EVERY // 2 and self._inside_epochs:
            QTimer.singleShot(REDRAW_MS // 2, self._update_saturation)
        report, self._last_report = self._last_report, None
        if report is None:
            return
        self.epoch_bar.setValue(int(1000 * report.batch / report.n_batches))
        self.epoch_bar.setFormat(self.tr("{0}/{1} mini-batches").format(numbers.integer(report.batch),
                                                                        numbers.integer(report.n_batches)))
        self.progress_bar.setValue(int(1000 * report.progress))
        if self._controller.state in ("running", "stepping"):
            self.progress_bar.setFormat(self.tr("epoch {0}/{1}  %p%").format(report.epoch, report.n_epochs))
        rate, left = self._controller.samples_per_second, self._controller.seconds_left
        if rate is not None:
            self.speed_label.setText(self.tr("{0} samples/s, eta {1}").format(numbers.fixed(rate, 0),
                                                                              numbers.general(report.learning_rate)))
        if left is not None:
            self.left_label.setText(self.tr("about {0}").format(numbers.duration(left)))
        if report.event == "paused":
            self.status.setText(self.tr("Paused in epoch {0}, after mini-batch {1}. Resume, Step one epoch, change "
                                        "the learning rate (Enter in its field), or Stop.").format(
                report.epoch, numbers.integer(report.batch)))

    @Slot()
    def _update_mosaic(self) -> None:
        """Draw the run's latest network in the mosaic."""
        if self._inside_model is not None:
            model, title = self._inside_model
            self._inside_model = None
            self._hold_for_paint(self.inside.mosaic.view.viewport())
            self.inside.set_model(model, title)

    @Slot()
    def _update_saturation(self) -> None:
        """Draw the saturation of the epochs that ended since the last time."""
        epochs, self._inside_epochs = self._inside_epochs, []
        if epochs:
            self._hold_for_paint(self.inside.saturation_plot.plot_widget.viewport())
            for epoch, saturation in epochs:
                self.inside.add_epoch(epoch, saturation)

    def _epoch_text(self, report: TrainingReport) -> str:
        """A sentence on an epoch's end: its accuracies, cost and time."""
        text = self.tr("Epoch {0}/{1} ({2} s): validation {3}, test {4}, cost {5}").format(
            report.epoch, report.n_epochs, numbers.fixed(report.seconds, 1), format_percent(report.validation_accuracy),
            format_percent(report.test_accuracy), numbers.fixed(report.cost, 4))
        if report.event == "halved":
            text += self.tr("; eta halved to {0}").format(numbers.general(report.learning_rate / 2))
        return text

    def _accuracy_text(self, run: Run, report: TrainingReport) -> str:
        best = run.best_validation
        text = self.tr("validation {0}, test {1}").format(format_percent(report.validation_accuracy),
                                                          format_percent(report.test_accuracy))
        if best is not None:
            text += self.tr("; best validation {0} (epoch {1})").format(format_percent(best[1]), best[0])
        return text

    @Slot(float, float)
    def _on_controller_learning_rate_changed(self, x: float, eta: float) -> None:
        if self._run is not None and self._run in self._on_plot:  # (else _sync_plot_runs draws it)
            self.plot.add_learning_rate_change(self._run, x, eta)

    @Slot(str)
    def _on_controller_state_changed(self, state: str) -> None:
        resumed, self._state = state == "running" and self._state == "paused", state
        if resumed and self._run is not None:
            self.status.setText(self.tr("Resumed: training {0}, seed {1}…").format(
                "-".join(map(str, self._run.config.layer_sizes)), self._run.config.seed))
        running = state != "idle"
        self.train_button.setEnabled(not running and self._session.data is not None and not self._session.loading)
        self.pause_button.setEnabled(state in ("running", "stepping", "paused"))
        self.pause_button.setText(self.tr("Resume") if state == "paused" else self.tr("Pause"))
        self.step_button.setEnabled(state == "paused")
        self.stop_button.setEnabled(state in ("running", "stepping", "paused"))
        self.form.set_running(running)
        if state == "stopping":
            self.progress_bar.setFormat(self.tr("stopping after this mini-batch…"))
            self.status_message.emit(self.tr("Stopping after the current mini-batch…"), 0)
        elif state == "evaluating":
            self.progress_bar.setFormat(self.tr("evaluating the network on the test images…"))
            self.status_message.emit(self.tr("The run is over; evaluating its network on the test images…"), 0)
        elif state == "paused":
            self.progress_bar.setFormat(self.tr("paused  %p%"))
        elif state == "stepping":
            self.progress_bar.setFormat(self.tr("one more epoch, then paused  %p%"))
            self.status.setText(self.tr("Stepping: training to the end of this epoch, then pausing again…"))

    @Slot(object)
    def _on_controller_finished(self, run: Run) -> None:
        self._redraw_timer.stop()
        self._run, self._finished_run = None, run
        self._inside_model, self._inside_epochs = None, []  # the network now in use replaces them:
        # The last points, the views taking the new network and the plots' end: one step each.
        # (A run that kept a network makes the session emit model_changed, which shows it inside.)
        kept = run.model is not None and run.model is self._session.model
        self._in_steps(lambda: self._end_of_run_text(run),
                       lambda: kept or self._on_session_model_changed(),
                       lambda: self._finish_plots(run), lambda: self.runs_table.model.refresh_row(run))
        self._estimate_timer.start()

    def _end_of_run_text(self, run: Run) -> None:
        """The run's last points, then the sentence that says how it ended."""
        if self._run is not None:
            return  # a new run has started meanwhile: its own texts stand
        if run in self._on_plot:
            self._draw_progress(run)
        finished = self.progress_bar.value() >= 1000
        self.progress_bar.setFormat(self.tr("done") if finished else self.tr("stopped"))
        self.left_label.setText("–")
        if run.model is not None and run.history:
            acc = format_percent(self._session.evaluation("test").accuracy)
            self.status.setText(self.tr("{0}. Test accuracy {1}. The Draw and Browse views now use this network; "
                                        "File > Save Model As… keeps it.").format(run.ending, acc))
            self.status_message.emit(self.tr("{0}; test accuracy {1}").format(run.ending, acc), 8000)
        else:
            self.status.setText(self.tr("{0}, before the first epoch ended; the network in use ({1}) is "
                                        "unchanged.").format(run.ending, self._session.model_name))
            self.status_message.emit(run.ending, 5000)

    def _finish_plots(self, run: Run) -> None:
        if self._run is not None:
            return  # a new run has started meanwhile
        self.plot.end_run()
        if run.diverged_at is not None:
            self.plot.mark_diverged(run, *run.diverged_at)
        self.plot.set_current(run)  # the run just watched stays bright, even if it kept no network
        self._in_steps(self.plot.prepare_run_items)  # for the next run, now that the window is idle

    # -- from the session -----------------------------------------------------------------

    def _sync_plot_runs(self) -> bool:
        """Give every run of the session its curves on the plots, and remove those of
        runs the session forgot. Returns True if any run came or went."""
        runs = self._session.runs
        gone = [r for r in self._on_plot if r not in runs]
        for run in gone:
            self.plot.remove_run(run)
            self._on_plot.remove(run)
        changed = bool(gone)
        for run in runs:
            if run in self._on_plot:
                continue
            changed = True
            self.plot.add_run(run, run.name, run_color(run.number))
            self._on_plot.append(run)
            if run is not self._run and (run.history or run.cost_points):  # (the live run's come by redraws)
                self._epochs_drawn[id(run)] = max((int(h.get("epoch", 0)) for h in run.history), default=0)
                self.plot.set_history(run, run.history, cost_points=run.cost_points or None,
                                      learning_rate_changes=[(c["x"], c["learning_rate"])
                                                             for c in run.learning_rate_changes])
            elif run is self._run:  # eta changed before the live run's curves were on the plot
                for change in run.learning_rate_changes:
                    self.plot.add_learning_rate_change(run, change["x"], change["learning_rate"])
            if run.diverged_at is not None:
                self.plot.mark_diverged(run, *run.diverged_at)
            self.plot.set_run_visible(run, run.visible)
        return changed

    @Slot()
    def _on_session_runs_changed(self) -> None:
        if not self._runs_sync_pending:  # once for several changes, after the slot that made them
            self._runs_sync_pending = True
            self._in_steps(self._sync_runs)

    def _sync_runs(self) -> None:
        self._runs_sync_pending = False
        if self._sync_plot_runs() and self._run is None:  # (a run that ended keeps its place)
            self._show_current_run()
        if self._run is None:
            self._in_steps(self.plot.prepare_run_items)  # (once: it keeps one set ready)

    def _show_current_run(self) -> None:
        """Bright curves for the run whose network is in use (or the newest), and the view
        follows the data."""
        runs = self._session.runs
        current = next((r for r in runs if r.model is not None and r.model is self._session.model), None)
        if current is None and runs:
            current = runs[-1]
        if current is not None and current in self._on_plot:  # (else its curves come with the next step)
            self.plot.set_current(current)
            self.plot.follow()

    @Slot(object)
    def _on_session_run_changed(self, run: Run) -> None:
        if run in self._on_plot:
            self.plot.rename_run(run, run.name)
            self.plot.set_run_visible(run, run.visible)

    @Slot()
    def _on_session_model_changed(self) -> None:
        model = self._session.model
        if self._run is None:
            self.inside.set_model(model, self._session.model_name)
            self.inside.set_history(list(model.metadata.get("history") or []) if model is not None else [])
            self._show_current_run()
            self.runs_table._update_buttons()

    @Slot()
    def _on_session_preview_changed(self) -> None:
        preview = self._session.preview
        if preview is not None and self._run is not None:  # drawn by _update_mosaic
            self._inside_model = (preview, self.tr("{0}, after epoch {1}").format(self._run.name,
                                                                                len(self._run.history)))

    @Slot()
    def _on_session_data_changed(self) -> None:
        self.form.set_available_training(len(self._session.data.train))
        self._estimates.clear()
        self._estimate_timer.start()

    @Slot(bool)
    def _on_session_loading_changed(self, loading: bool) -> None:
        self._on_controller_state_changed(self._controller.state)

    @Slot(str, str)
    def _on_form_preset_applied(self, name: str, description: str) -> None:
        self.status.setText(self.tr("Preset {0}: {1}").format(name, description))

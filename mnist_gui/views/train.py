"""The Train view: the form, Train / Pause / Stop, progress, and the live curves.

Progress arrives from the :class:`~mnist_gui.training.TrainingController` a few dozen
times a second. The view only stores it; a timer draws what came in at most
:data:`REDRAW_MS` apart. Drawing the plots is the one costly thing the GUI thread does
during a run, and whatever it does in Python is time the training thread, which needs the
same GIL, cannot train.
"""

from __future__ import annotations

from PySide6.QtCore import QSettings, Qt, QTimer, Signal, Slot
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QPushButton, QVBoxLayout, QWidget

from core.metrics import format_percent
from core.sgd import TrainConfig, TrainingReport
from mnist_gui.config_form import TrainingForm
from mnist_gui.plots import TrainingPlot
from mnist_gui.session import Run, Session
from mnist_gui.training import TrainingController

#: Least time between two redraws of the curves and the progress bar during a run (ms).
REDRAW_MS = 500


class TrainView(QWidget):
    """Train a new network and watch it learn.

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
        self._pending_accuracies: list[TrainingReport] = []  # end-of-epoch reports not drawn yet
        self._last_report: TrainingReport | None = None
        self._run: Run | None = None  # the run on the plots
        self._state = "idle"  # the controller's state as last shown

        self.form = TrainingForm()
        self.form.preset_applied.connect(self._on_form_preset_applied)
        self.train_button = QPushButton(self.tr("Train"))
        self.train_button.setToolTip(self.tr("Train a new network with these settings (Ctrl+T)"))
        self.train_button.clicked.connect(self.start)
        self.pause_button = QPushButton(self.tr("Pause"))
        self.pause_button.setToolTip(self.tr("Pause after the current mini-batch, or resume (Ctrl+P)"))
        self.pause_button.clicked.connect(self.toggle_pause)
        self.stop_button = QPushButton(self.tr("Stop"))
        self.stop_button.setToolTip(self.tr("Stop after the current mini-batch and keep the network trained so far "
                                            "(Ctrl+.)"))
        self.stop_button.clicked.connect(controller.stop)
        buttons = QHBoxLayout()
        for button in (self.train_button, self.pause_button, self.stop_button):
            buttons.addWidget(button)
        self.progress_bar = QProgressBar()
        self.progress_bar.setRange(0, 1000)
        self.progress_bar.setValue(0)
        self.progress_bar.setFormat("")
        self.progress_bar.setTextVisible(True)
        self.status = QLabel(self.tr("Press Train to train a new network on the 50,000 training images."))
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.form_error = QLabel()
        self.form_error.setWordWrap(True)
        self.form_error.setStyleSheet("color: #b01010;")
        self.form_error.hide()

        left = QVBoxLayout()
        left.addWidget(self.form)
        left.addWidget(self.form_error)
        left.addLayout(buttons)
        left.addWidget(self.progress_bar)
        left.addWidget(self.status)
        left.addStretch(1)
        left_widget = QWidget()
        left_widget.setLayout(left)
        left_widget.setMaximumWidth(360)
        self.plot = TrainingPlot()
        layout = QHBoxLayout(self)
        layout.addWidget(left_widget)
        layout.addWidget(self.plot, 1)

        self._redraw_timer = QTimer(self)
        self._redraw_timer.setInterval(REDRAW_MS)
        self._redraw_timer.timeout.connect(self._redraw)
        controller.started.connect(self._on_controller_started)
        controller.progress.connect(self._on_controller_progress)
        controller.state_changed.connect(self._on_controller_state_changed)
        controller.finished.connect(self._on_controller_finished)
        session.loading_changed.connect(self._on_session_loading_changed)
        self._on_controller_state_changed(controller.state)

    # -- commands -------------------------------------------------------------------------

    def set_config(self, config: TrainConfig) -> None:
        """Fill the form with ``config``, its seed included."""
        self.form.set_config(config)

    @Slot()
    def start(self) -> bool:
        """Start a run with the form's settings; a problem is shown under the form.
        Returns True if a run started."""
        if self._controller.is_running:
            return False
        try:
            self._controller.start(self.form.config())
        except ValueError as exc:
            self.form_error.setText(self.tr("Cannot train: {0}").format(exc))
            self.form_error.show()
            self.attention_needed.emit()
            return False
        except RuntimeError as exc:
            self.status_message.emit(str(exc), 5000)
            return False
        return True

    @Slot()
    def toggle_pause(self) -> None:
        """Pause a running run, or resume a paused one."""
        if self._controller.is_paused:
            self._controller.resume()
        else:
            self._controller.pause()

    def save_settings(self, settings: QSettings) -> None:
        """Remember the form."""
        self.form.save_settings(settings)

    def restore_settings(self, settings: QSettings) -> None:
        """Fill the form as it was left."""
        self.form.restore_settings(settings)

    # -- from the controller --------------------------------------------------------------

    @Slot(object)
    def _on_controller_started(self, run: Run) -> None:
        self.form_error.hide()
        self._run = run
        self.plot.start_run(run.config.n_epochs)
        self._pending_accuracies.clear()
        self._last_report = None
        self.progress_bar.setValue(0)
        self.progress_bar.setFormat(self.tr("starting…"))
        config = run.config
        self.status.setText(self.tr("Training {0}, seed {1}…").format("-".join(map(str, config.layer_sizes)),
                                                                         config.seed))
        self._redraw_timer.start()
        self.status_message.emit(self.tr("Training started; the window stays usable."), 4000)

    @Slot(object)
    def _on_controller_progress(self, report: TrainingReport) -> None:
        """Store the report; :meth:`_redraw` shows it (this runs up to dozens of times a second)."""
        self._last_report = report
        if report.end_of_epoch:
            self._pending_accuracies.append(report)

    @Slot()
    def _redraw(self) -> None:
        """Draw what the run reported since the last redraw (at most every REDRAW_MS)."""
        if self._run is not None:
            self.plot.add_costs(self._run.cost_points[self.plot.cost.n:])
        epoch_ends, self._pending_accuracies = self._pending_accuracies, []
        for report in epoch_ends:
            self.plot.add_accuracy(report.epoch, report.validation_accuracy, report.test_accuracy,
                                   report.training_accuracy)
        if epoch_ends:
            self.status.setText(self._epoch_text(epoch_ends[-1]))
        report, self._last_report = self._last_report, None
        if report is None:
            return
        self.progress_bar.setValue(int(1000 * report.progress))
        if self._controller.state == "running":
            self.progress_bar.setFormat(self.tr("epoch {0}/{1}  %p%").format(report.epoch, report.n_epochs))
        if report.event == "paused":
            self.status.setText(self.tr("Paused in epoch {0}, after mini-batch {1}. Resume or Stop.").format(
                report.epoch, f"{report.batch:,}"))

    def _epoch_text(self, report: TrainingReport) -> str:
        """A sentence on an epoch's end: its accuracies, cost and time."""
        text = self.tr("Epoch {0}/{1} ({2} s): validation {3}, test {4}, cost {5}").format(
            report.epoch, report.n_epochs, f"{report.seconds:.1f}", format_percent(report.validation_accuracy),
            format_percent(report.test_accuracy), f"{report.cost:.4f}")
        if report.event == "halved":
            text += self.tr("; eta halved to {0}").format(f"{report.learning_rate / 2:g}")
        return text

    @Slot(str)
    def _on_controller_state_changed(self, state: str) -> None:
        resumed, self._state = state == "running" and self._state == "paused", state
        if resumed and self._run is not None:
            self.status.setText(self.tr("Resumed: training {0}, seed {1}…").format(
                "-".join(map(str, self._run.config.layer_sizes)), self._run.config.seed))
        running = state != "idle"
        self.train_button.setEnabled(not running and self._session.data is not None and not self._session.loading)
        self.pause_button.setEnabled(state in ("running", "paused"))
        self.pause_button.setText(self.tr("Resume") if state == "paused" else self.tr("Pause"))
        self.stop_button.setEnabled(state in ("running", "paused"))
        self.form.set_running(running)
        if state == "stopping":
            self.progress_bar.setFormat(self.tr("stopping after this mini-batch…"))
            self.status_message.emit(self.tr("Stopping after the current mini-batch…"), 0)
        elif state == "evaluating":
            self.progress_bar.setFormat(self.tr("evaluating the network on the test images…"))
            self.status_message.emit(self.tr("The run is over; evaluating its network on the test images…"), 0)
        elif state == "paused":
            self.progress_bar.setFormat(self.tr("paused  %p%"))

    @Slot(object)
    def _on_controller_finished(self, run: Run) -> None:
        self._redraw()  # the last points
        self._redraw_timer.stop()
        self.plot.end_run()
        finished = self.progress_bar.value() >= 1000
        self.progress_bar.setFormat(self.tr("done") if finished else self.tr("stopped"))
        if run.model is not None and run.history:
            acc = format_percent(self._session.evaluation("test").accuracy)
            self.status.setText(self.tr("{0}. Test accuracy {1}. The Draw and Browse views now use this network; "
                                        "File > Save Model As… keeps it.").format(run.ending, acc))
            self.status_message.emit(self.tr("{0}; test accuracy {1}").format(run.ending, acc), 8000)
        else:
            self.status.setText(self.tr("{0}, before the first epoch ended; the network in use ({1}) is "
                                        "unchanged.").format(run.ending, self._session.model_name))
            self.status_message.emit(run.ending, 5000)

    @Slot(bool)
    def _on_session_loading_changed(self, loading: bool) -> None:
        self._on_controller_state_changed(self._controller.state)

    @Slot(str, str)
    def _on_form_preset_applied(self, name: str, description: str) -> None:
        self.status.setText(self.tr("Preset {0}: {1}").format(name, description))

"""MainWindow: composes the views in tabs, with menus, a status bar, settings and closing.

The state lives in a :class:`~mnist_gui.session.Session` and training in a
:class:`~mnist_gui.training.TrainingController`; each view is built from them. This module
connects what crosses views and talks to the user about files (dialogs, messages).
"""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np
from PySide6.QtCore import QSettings, Qt, QTimer, Slot
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QKeySequence
from PySide6.QtWidgets import QApplication, QFileDialog, QLabel, QMainWindow, QMessageBox, QSizePolicy, QTabWidget

from core.paths import default_model_path
from mnist_gui import numbers
from mnist_gui.about import AboutDialog, ShortcutsDialog
from mnist_gui.config_form import DEFAULTS
from mnist_gui.help import HelpDialog, help_button
from mnist_gui.i18n import LANGUAGE_KEY, LANGUAGES, language_names, read_language, resolve
from mnist_gui.session import Session
from mnist_gui.settings import CheckedSettings, ignored_note, set_aside_unreadable
from mnist_gui.status import SessionLabels
from mnist_gui.training import TrainingController
from mnist_gui.views.browse import BrowseView
from mnist_gui.views.draw import DrawView
from mnist_gui.views.train import TrainView

APP_NAME = "mnist-gui"


#: The smallest window (width, height) in pixels: every view keeps all its controls usable.
MINIMUM_SIZE = (800, 600)


class MainWindow(QMainWindow):
    """The application window.

    Parameters
    ----------
    settings : QSettings, optional
        Where window geometry, the training form and folders are remembered; by default
        the user's settings for mnist-gui. Every value is read through
        :class:`~mnist_gui.settings.CheckedSettings`: a bad one gives its default and a
        status-bar note naming it (:attr:`settings_notes`); a store that cannot be read
        at all is moved aside (:func:`~mnist_gui.settings.set_aside_unreadable`).
    model_path : path, optional
        Model to start with; by default the bundled pretrained one.
    data_dir : path, optional
        Folder of the four IDX files; by default the remembered one, else the bundled MNIST.
    own_digits_dir : path, optional
        Folder of the user's own digits; by default the user data folder (see
        :class:`~mnist_gui.session.Session`). Tests pass a temporary one.
    """

    def __init__(self, settings: QSettings | None = None, model_path: str | os.PathLike | None = None,
                 data_dir: str | os.PathLike | None = None, own_digits_dir: str | os.PathLike | None = None):
        super().__init__()
        self._settings, aside_note = set_aside_unreadable(settings if settings is not None else QSettings())
        checked = CheckedSettings(self._settings)
        self._remember_data = False  # remember the folder being loaded once it loads
        self._fallback_pending = False  # a folder failed with no data loaded: load the bundled MNIST
        self._quitting = False  # close() was confirmed; waiting for the run to stop
        self.session = Session(self, own_digits_dir=own_digits_dir)
        self.controller = TrainingController(self.session, parent=self)
        self.draw_view = DrawView(self.session)
        self.train_view = TrainView(self.session, self.controller)
        self.train_view.confirm_replace_model = self._confirm_replace_model  # (a corrected network is asked for)
        self.browse_view = BrowseView(self.session)
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        for view, name, tip in ((self.draw_view, self.tr("&Draw"), self.tr("Draw a digit and see what the network "
                                                                            "answers")),
                                (self.train_view, self.tr("&Train"), self.tr("Train a new network on MNIST and "
                                                                              "watch it learn")),
                                (self.browse_view, self.tr("&Browse"), self.tr("Browse the test images, the "
                                                                                "misclassified ones above all"))):
            self.tabs.setTabToolTip(self.tabs.addTab(view, name), tip)
        self.setCentralWidget(self.tabs)
        self.help_button = help_button(self.show_help)  # "?" beside the tabs: help on the view shown
        self.tabs.setCornerWidget(self.help_button, Qt.Corner.TopRightCorner)
        self.help_dialog: HelpDialog | None = None
        self.setMinimumSize(MINIMUM_SIZE[0], MINIMUM_SIZE[1])  # every view is usable from there up
        self.language = read_language(checked)  # the remembered choice; the shown one was installed at the start
        self._build_menus()
        self.labels = SessionLabels(self.session)
        self.statusBar().addPermanentWidget(self.labels)

        self.train_view.status_message.connect(self.statusBar().showMessage)
        self.browse_view.status_message.connect(self.statusBar().showMessage)
        self.browse_view.open_in_draw.connect(self._on_browse_open_in_draw)
        self.train_view.attention_needed.connect(lambda: self.tabs.setCurrentWidget(self.train_view))
        self.controller.state_changed.connect(self._on_controller_state_changed)
        # (After the Train view's own connection: its "Training started" comes first, this adds to it.)
        self.controller.started.connect(self._on_controller_started)
        self.controller.failed.connect(lambda message: self._show_error(self.tr("Training failed"), message))
        self.controller.finished.connect(self._on_controller_finished)
        self.session.model_changed.connect(self._on_session_model_changed)
        self.session.data_changed.connect(self._on_session_data_changed)
        self.session.loading_changed.connect(self._on_controller_state_changed)
        self.session.load_failed.connect(self._on_session_load_failed)
        self.session.loading_changed.connect(self._on_session_loading_changed)
        self._restore_settings(checked)

        opened = model_path is not None and self.open_model(model_path, fallback=self.tr("the bundled network"))
        if not opened and not self.open_model(default_model_path(), fallback=self.tr("an untrained network")):
            self.session.set_model(DEFAULTS.make_model(np.random.default_rng()), self.tr("untrained network"))
        self.load_data(data_dir if data_dir is not None else checked.read_str("paths/data_dir", None,
                                                                              shown=self.tr("bundled MNIST")))
        self._show_settings_notes([note for note in (aside_note, ignored_note(checked.ignored)) if note])

    # -- menus ----------------------------------------------------------------------------

    def _build_menus(self) -> None:
        menu = self.menuBar().addMenu(self.tr("&File"))
        self.open_action = self._action(menu, self.tr("&Open Model…"), self._on_open_model,
                                        QKeySequence.StandardKey.Open, self.tr("Load a network saved as .npz"))
        self._action(menu, self.tr("&Save Model As…"), self._on_save_model, QKeySequence.StandardKey.Save,
                     self.tr("Save the current network as .npz"))
        self.default_model_action = self._action(menu, self.tr("Load &Default Model"), self._on_load_default_model,
                                                 None,
                                                 self.tr("Go back to the pretrained network bundled with the app"))
        self._view_action(menu, self.draw_view.open_image_action, self.draw_view)
        menu.addSeparator()
        self.open_data_action = self._action(menu, self.tr("Open &Data Folder…"), self._on_open_data_folder, None,
                                             self.tr("Use another data set in MNIST's IDX layout (e.g. "
                                                     "Fashion-MNIST)"))
        self.bundled_data_action = self._action(menu, self.tr("Use &Bundled MNIST"),
                                                lambda: self.load_data(None, remember=True), None,
                                                self.tr("Go back to the MNIST copy bundled with the app"))
        menu.addSeparator()
        export = menu.addMenu(self.tr("&Export"))
        self.export_csv_action = self._action(export, self.tr("Run's Curves as &CSV…"),
                                              lambda: self.train_view.export_csv(), QKeySequence("Ctrl+Shift+E"),
                                              self.tr("Save the selected run's cost and accuracy curves as CSV"))
        self.export_png_action = self._action(export, self.tr("Plots as &PNG…"), self.train_view.export_png, None,
                                              self.tr("Save the Train view's plots as a PNG image"))
        menu.addSeparator()
        # (The platform's Quit keys; Ctrl+Q where it has none, as on Windows and Qt's offscreen platform.)
        self.quit_action = self._action(menu, self.tr("&Quit"), self.close,
                                        (QKeySequence.keyBindings(QKeySequence.StandardKey.Quit)
                                         or [QKeySequence("Ctrl+Q")])[0], self.tr("Quit (stops any training)"))
        menu = self.menuBar().addMenu(self.tr("&Edit"))
        # The Draw view's own actions: undo, redo and clear work only while it is shown.
        for action in (self.draw_view.undo_action, self.draw_view.redo_action, self.draw_view.clear_action):
            menu.addAction(action)
        self.clear_action = self.draw_view.clear_action
        menu.addSeparator()
        self._view_action(menu, self.draw_view.load_test_action, self.draw_view)
        self._view_action(menu, self.draw_view.random_test_action, self.draw_view)
        menu = self.menuBar().addMenu(self.tr("T&raining"))
        self.start_action = self._action(menu, self.tr("&Start Training"), self._on_start_training,
                                         QKeySequence("Ctrl+T"), self.tr("Train a new network with the Train view's "
                                                                         "settings"))
        self.pause_action = self._action(menu, self.tr("&Pause / Resume"), self.train_view.toggle_pause,
                                         QKeySequence("Ctrl+P"), self.tr("Pause the run after the current "
                                                                         "mini-batch, or resume it"))
        # (Not Ctrl+E or Ctrl+U: a text field with the focus takes those for its own editing.)
        self.step_action = self._action(menu, self.tr("Step &One Epoch"), self.controller.step,
                                        QKeySequence("F10"), self.tr("While paused: train to the end of the "
                                                                        "epoch, then pause again"))
        self.stop_action = self._action(menu, self.tr("S&top Training"), self.controller.stop,
                                        QKeySequence("Ctrl+."), self.tr("Stop after the current mini-batch"))
        menu.addSeparator()
        self._action(menu, self.tr("Change &Learning Rate"), self._on_change_learning_rate, QKeySequence("Ctrl+L"),
                     self.tr("Type a new eta in the form and press Enter; during a run it applies from the next "
                             "mini-batch"))
        self._action(menu, self.tr("&Use Selected Run's Network"), self.train_view.use_selected_run,
                     QKeySequence("Ctrl+Shift+U"),
                     self.tr("Draw and Browse switch to the network of the run selected in the runs table"))
        menu = self.menuBar().addMenu(self.tr("&View"))
        for i, (name, tip) in enumerate(((self.tr("&Draw"), self.tr("Show the Draw view")),
                                         (self.tr("&Train"), self.tr("Show the Train view")),
                                         (self.tr("&Browse"), self.tr("Show the Browse view")))):
            self._action(menu, name, lambda checked=False, i=i: self.tabs.setCurrentIndex(i),
                         QKeySequence(f"Ctrl+{i + 1}"), tip)
        menu.addSeparator()
        self.language_menu = menu.addMenu(self.tr("&Language"))
        self.language_actions: dict[str, QAction] = {}
        group = QActionGroup(self)
        for code, name in language_names().items():
            action = QAction(name, self, checkable=True)
            action.setChecked(code == self.language)
            action.setStatusTip(self.tr("Show mnist-gui in this language from the next start"))
            action.triggered.connect(lambda checked=False, code=code: self.set_language(code))
            group.addAction(action)
            self.language_menu.addAction(action)
            self.language_actions[code] = action
        menu = self.menuBar().addMenu(self.tr("&Help"))
        self.help_action = self._action(menu, self.tr("&Help on This View"), self.show_help,
                                        QKeySequence.StandardKey.HelpContents,
                                        self.tr("Help on the view shown: what it does, what to try, and where to "
                                                "read more"))
        menu.addSeparator()
        self.shortcuts_action = self._action(menu, self.tr("&Keyboard Shortcuts"), self._on_shortcuts, None,
                                             self.tr("List every keyboard shortcut of the menus"))
        self.about_action = self._action(menu, self.tr("&About mnist-gui"), self._on_about, None,
                                         self.tr("Version, licences and credits"))
        self._on_controller_state_changed()

    def set_language(self, code: str, tell: bool = True) -> None:
        """Remember ``code`` (one of :data:`mnist_gui.i18n.LANGUAGES`) as the interface
        language, applied at the next start; with ``tell``, say so in a message box (when
        it differs from the language shown now)."""
        if code not in LANGUAGES:
            raise ValueError(f"unknown language {code!r}; expected one of {LANGUAGES}.")
        changed = code != self.language
        self.language = code
        self._settings.setValue(LANGUAGE_KEY, code)
        self.language_actions[code].setChecked(True)
        if tell and changed:
            QMessageBox.information(self, self.tr("Language"), self.tr(
                "The interface will be in {0} from the next start of mnist-gui. Quit and start it again to see "
                "the change.").format(self._language_described(code)))

    def _language_described(self, code: str) -> str:
        """The language ``code`` as a sentence names it ("French", "the system's language")."""
        if code == "system":
            return self.tr("the system's language ({0})").format(
                self.tr("French") if resolve("system") == "fr" else self.tr("English"))
        return self.tr("French") if code == "fr" else self.tr("English")

    def _action(self, menu, text, slot, shortcut, tip) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(shortcut)
        if tip:
            action.setStatusTip(tip)
        action.triggered.connect(slot)
        menu.addAction(action)
        return action

    @Slot()
    def show_help(self) -> None:
        """Open the help page of the view shown (F1, Help > Help on This View, or "?")."""
        if self.help_dialog is None:
            self.help_dialog = HelpDialog(self)
        views = {self.draw_view: "draw", self.train_view: "train", self.browse_view: "browse"}
        self.help_dialog.show_view(views.get(self.tabs.currentWidget(), "draw"))

    def _view_action(self, menu, action: QAction, view) -> None:
        """Put a view's action in a menu; triggered from the menu, it also shows the view."""
        action.triggered.connect(lambda checked=False: self.tabs.setCurrentWidget(view))
        menu.addAction(action)

    def _on_controller_state_changed(self, *_) -> None:  # from state_changed(str) and loading_changed(bool)
        state, busy = self.controller.state, self.controller.is_running
        self.start_action.setEnabled(not busy and self.session.data is not None and not self.session.loading)
        self.pause_action.setEnabled(self.controller.is_active)
        self.step_action.setEnabled(state == "paused")
        self.stop_action.setEnabled(self.controller.is_active)
        for action in (self.open_action, self.default_model_action, self.open_data_action, self.bundled_data_action):
            action.setEnabled(not busy)

    @Slot()
    def _on_start_training(self) -> None:
        if self.train_view.start():
            self.tabs.setCurrentWidget(self.train_view)

    @Slot()
    def _on_change_learning_rate(self) -> None:
        self.tabs.setCurrentWidget(self.train_view)
        self.train_view.focus_learning_rate()

    @Slot(object)
    def _on_controller_started(self, run) -> None:
        session = self.session
        if run.config is not None and run.config.add_own_digits and session.own_digits_error:
            self.statusBar().showMessage(self.tr(
                "Training started without your digits: they cannot be read, so this run leaves them out (the "
                "Draw view says why and what to do)."), 10000)

    @Slot(object)
    def _on_controller_finished(self, run) -> None:
        if self._quitting:
            QTimer.singleShot(0, self.close)  # the run has stopped: now the window can close

    # -- files ----------------------------------------------------------------------------

    def open_model(self, path: str | os.PathLike, fallback: str | None = None) -> bool:
        """Load a model file; on any problem keep the current network, say why, and
        return False. ``fallback`` (at start-up) names what is used instead; the message
        then waits until the window is shown."""
        try:
            self.session.open_model(path)
        except (OSError, ValueError) as exc:
            if fallback is None:
                self._show_error(self.tr("Cannot open model"), self.tr("{0}\n\nThe current network is unchanged.")
                                 .format(exc))
            else:
                message = self.tr("{0}\n\nUsing {1} instead.").format(exc, fallback)
                QTimer.singleShot(0, lambda: self._show_error(self.tr("Cannot open model"), message))
            return False
        self.statusBar().showMessage(self.tr("Loaded {0}").format(path), 5000)
        return True

    def save_model(self, path: str | os.PathLike) -> bool:
        """Save the current network (atomically); returns False and says why on failure."""
        try:
            path = self.session.save_model(path)
        except (OSError, TypeError, ValueError) as exc:
            self._show_error(self.tr("Cannot save model"), self.tr("{0}: {1}\n\nNothing was overwritten.")
                             .format(path, exc))
            return False
        self._settings.setValue("paths/models", str(path.parent))
        self.statusBar().showMessage(self.tr("Saved {0}").format(path), 5000)
        return True

    def load_data(self, directory: str | os.PathLike | None, remember: bool = False) -> None:
        """Load a data set in the background; the current one stays until it succeeds.
        ``directory`` None (or empty) means the bundled MNIST; with ``remember`` the folder
        is used again at the next start."""
        if self.session.load_data(directory):
            self._remember_data = remember
            name = str(directory) if directory else self.tr("bundled MNIST")
            self.statusBar().showMessage(self.tr("Loading data from {0}…").format(name))

    @Slot()
    def _on_open_model(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Open model"), self._remembered_folder("paths/models"),
                                              self.tr("Model files (*.npz);;All files (*)"))
        if path:
            self._settings.setValue("paths/models", str(Path(path).parent))
            if self._confirm_replace_model(self.tr("loading {0}").format(Path(path).name)):
                self.open_model(path)

    @Slot()
    def _on_load_default_model(self) -> None:
        if self._confirm_replace_model(self.tr("loading the default model")):
            self.open_model(default_model_path())

    @Slot()
    def _on_save_model(self) -> None:
        start = Path(self._remembered_folder("paths/models") or Path.home()) / "mnist-model.npz"
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save model"), str(start),
                                              self.tr("Model files (*.npz)"))
        if path:
            self.save_model(path)

    @Slot()
    def _on_open_data_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Folder with the four IDX files"),
                                                  self._remembered_folder("paths/data_dir") or str(Path.home()))
        if folder:
            self.load_data(folder, remember=True)

    @Slot()
    def _on_session_data_changed(self) -> None:
        data, directory = self.session.data, self.session.loading_directory
        if self._remember_data:
            self._settings.setValue("paths/data_dir", str(directory) if directory is not None else "")
        self.statusBar().showMessage(self.tr("Loaded {0} images from {1}").format(
            numbers.integer(len(data.train) + len(data.validation) + len(data.test)), self.session.data_name()), 5000)

    @Slot(str)
    def _on_session_load_failed(self, message: str) -> None:
        # Not "Loading data from …" any more: the failure, in one line (the box has it all).
        name = str(self.session.loading_directory) if self.session.loading_directory else self.tr("bundled MNIST")
        self.statusBar().showMessage(self.tr("Could not load data from {0}").format(name), 10000)
        if self.session.loading_directory is not None and self.session.data is None:
            # Nothing loaded yet (say a remembered folder that has gone): fall back to the bundled copy.
            # The failed load's thread may still be ending (load_failed comes first), and the box
            # may be answered before or after it ends: the fallback starts once both are done.
            self._settings.remove("paths/data_dir")
            self._fallback_pending = True
            self._show_error(self.tr("Cannot load data"), self.tr("{0}\n\nUsing the bundled MNIST instead.")
                             .format(message))
            self._load_bundled_fallback()
            return
        self._show_error(self.tr("Cannot load data"), self.tr("{0}\n\nThe data in use is unchanged.").format(message))

    @Slot(bool)
    def _on_session_loading_changed(self, loading: bool) -> None:
        if not loading and self._fallback_pending:
            # Not from inside this signal: the new load's loading_changed(True) would reach the
            # other receivers before this False does.
            QTimer.singleShot(0, self, self._load_bundled_fallback)

    def _load_bundled_fallback(self) -> None:
        """Load the bundled MNIST if a failed folder left no data and nothing is loading."""
        if self._fallback_pending and not self.session.loading:
            self._fallback_pending = False
            self.load_data(None)

    @Slot()
    def _on_session_model_changed(self) -> None:
        # "[*]" is Qt's place for the unsaved mark, shown while the window is modified.
        self.setWindowTitle(f"{self.session.model_name}[*] — {APP_NAME}")
        self.setWindowModified(self.session.unsaved)

    @Slot()
    def _on_about(self) -> None:
        dialog = AboutDialog(self)
        dialog.exec()
        dialog.deleteLater()  # (a child of the window: it would stay until the window goes)

    @Slot()
    def _on_shortcuts(self) -> None:
        dialog = ShortcutsDialog(self)
        dialog.exec()
        dialog.deleteLater()

    @Slot(object, str)
    def _on_browse_open_in_draw(self, image, text: str) -> None:
        """Browse's "Open in Draw": the image on the canvas, and the Draw view shown."""
        self.draw_view.load_image(image, text)
        self.tabs.setCurrentWidget(self.draw_view)

    def _show_error(self, title: str, text: str) -> None:
        """Tell the user about a problem (a modal message box)."""
        QMessageBox.warning(self, title, text)

    # -- settings and closing -------------------------------------------------------------

    def _restore_settings(self, s: CheckedSettings) -> None:
        """Put back the views' settings, the window's geometry and tab; a bad value gives its
        default and is recorded in ``s.ignored``."""
        self.train_view.restore_settings(s)
        self.draw_view.restore_settings(s)
        self.browse_view.restore_settings(s)
        geometry = s.read_bytes("window/geometry", shown=self.tr("default size"))
        if geometry is None or not self.restoreGeometry(geometry):
            if geometry is not None:
                s.ignore("window/geometry", self.tr("default size"))
            self.resize(1280, 820)
        self.tabs.setCurrentIndex(s.read_int("window/tab", 0, 0, self.tabs.count() - 1))

    def _remembered_folder(self, key: str) -> str:
        """The folder remembered under ``key`` (``paths/models``, ``paths/data_dir``), or ""."""
        return CheckedSettings(self._settings).read_str(key, "") or ""

    def _show_settings_notes(self, notes: list[str]) -> None:
        """Say in the status bar which remembered settings were ignored or set aside at the
        start (:attr:`settings_notes`). The note is a permanent status-bar widget, not a temporary
        message, so the messages of the start (loading the data...) neither erase it nor are
        hidden by it; it goes after a minute. In a narrow window it is cut short (the tooltip has it all)."""
        self.settings_notes = notes
        self.settings_note_label = QLabel(" ".join(notes))
        self.settings_note_label.setToolTip("\n".join(notes))
        font = self.settings_note_label.font()
        font.setBold(True)  # bold, not a colour: readable in light and dark palettes alike
        self.settings_note_label.setFont(font)
        # At most its text's width, and able to shrink to nothing in a narrow window (clipped, not
        # widening the window); Ignored would give it no width at all beside the permanent status.
        self.settings_note_label.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Preferred)
        self.settings_note_label.setMinimumWidth(1)
        self.statusBar().insertPermanentWidget(0, self.settings_note_label)
        self.settings_note_label.setVisible(bool(notes))
        if notes:
            QTimer.singleShot(60_000, self.settings_note_label, self.settings_note_label.hide)

    def _finish_correction(self) -> None:
        """If a correction is being computed (a fraction of a second), wait for it: the network
        it gives becomes the one in use, and the question that follows counts it."""
        if not self.session.correcting:
            return
        self.statusBar().showMessage(self.tr("Waiting for the correction to finish…"))
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            self.session.finish_correction()
        finally:
            QApplication.restoreOverrideCursor()
            self.statusBar().clearMessage()

    def _ask_to_save(self, title: str, text: str) -> bool:
        """Ask whether to save the network in use: Save (then File > Save Model As), Discard or
        Cancel. True to go on (saved, or discarded)."""
        answer = QMessageBox.question(
            self, title, text,
            QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Save)
        if answer == QMessageBox.StandardButton.Save:
            self._on_save_model()
            return not self.session.unsaved  # a cancelled or failed save: stay
        return answer == QMessageBox.StandardButton.Discard

    def _network_kind(self) -> str:
        """The network in use, for the save question: "corrected" or "trained"."""
        last = self.session.last_correction
        return (self.tr("Save the corrected network?") if last is not None and last.model is self.session.model
                else self.tr("Save the trained network?"))

    def _confirm_replace_model(self, what: str) -> bool:
        """Before ``what`` (what replaces the network in use: "loading NAME", "using the network of
        run 2", "training a new network") replaces the network in use: if that network
        would be lost (never saved, and kept by no run in the runs table: a corrected network),
        ask to save it first, as at quit. A correction being computed is waited for. True to go on."""
        self._finish_correction()
        session = self.session
        if not session.unsaved or any(run.model is session.model for run in session.runs):
            return True
        return self._ask_to_save(self._network_kind(), self.tr(
            "The network in use ({0}) has not been saved, and no run keeps it: {1} replaces it, and it "
            "would be lost. Save it first?").format(session.model_name, what))

    def _confirm_close(self) -> bool:
        """Ask before losing work: a run in progress, or a network never saved (a trained
        one, a corrected one; a correction being computed is waited for first). Returns True
        to close."""
        if self.controller.is_running:
            done = self.controller.epochs_done
            text = (self.tr("A run is in progress (1 epoch done). Quit and discard it?") if done == 1 else
                    self.tr("A run is in progress ({0} epochs done). Quit and discard it?").format(done))
            answer = QMessageBox.question(
                self, self.tr("Quit while training?"), text,
                QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
                QMessageBox.StandardButton.Cancel)
            return answer == QMessageBox.StandardButton.Discard
        self._finish_correction()
        others = [r.name for r in self.session.unsaved_runs() if r.model is not self.session.model]
        if others and not self.session.unsaved:
            answer = QMessageBox.question(
                self, self.tr("Quit without saving?"),
                self.tr("The networks of {0} were never saved and will be lost. Quit anyway? (To keep one, select "
                        "it in the runs table, Use Network, then File > Save Model As…)").format(", ".join(others)),
                QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
                QMessageBox.StandardButton.Cancel)
            return answer == QMessageBox.StandardButton.Discard
        if self.session.unsaved:
            lost = self.tr(" The networks of {0} were never saved either.").format(", ".join(others)) if others else ""
            return self._ask_to_save(self._network_kind(), self.tr(
                "The network in use ({0}) has not been saved. Save it before quitting?{1}").format(
                    self.session.model_name, lost))
        return True

    def closeEvent(self, event: QCloseEvent) -> None:
        """Ask before losing work, remember settings, and close. A run in progress is
        discarded first: the window stays responsive and closes once the training thread
        has ended (within a mini-batch), instead of blocking in ``QThread.wait``."""
        if not self._quitting and not self._confirm_close():
            event.ignore()
            return
        if not self._quitting:
            self._quitting = True
            self._settings.setValue("window/geometry", self.saveGeometry())
            self._settings.setValue("window/tab", self.tabs.currentIndex())
            self.train_view.save_settings(self._settings)
            self.draw_view.save_settings(self._settings)
            self.browse_view.save_settings(self._settings)
            self._settings.sync()
        if self.controller.is_running:
            self.controller.discard()
            self.statusBar().showMessage(self.tr("Stopping training, then quitting…"))
            event.ignore()  # _on_controller_finished closes again
            return
        self.session.wait_for_loading()
        self.train_view.shutdown()
        super().closeEvent(event)

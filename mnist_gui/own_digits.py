"""Your own digits in the Draw view: save a drawing with its label, correct the network, undo.

:class:`OwnDigitsPanel` sits beside the canvas. "Save to my digits…" stores what the network
sees for the drawing, with the label the user gives (the answer is the default; none is proposed
for a drawing read as not a digit, which cannot be used to correct the network), in the user's
own set (:mod:`core.own_digits`, kept by the :class:`~mnist_gui.session.Session`). "Correct
me…" does the same with the right label, then has the session fine-tune the current network on
it (:func:`core.finetune.fine_tune`, in a worker thread) and shows the new answer; "Undo
correction" puts the previous network back exactly. The panel shows how many digits the set
holds and how many of them the network in use reads right.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Slot
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from core.reading import NOT_A_DIGIT
from mnist_gui import numbers
from mnist_gui.numbers import percent as format_percent
from mnist_gui.session import Correction, Session

_ERROR_STYLE = "color: #b01010;"
_HINT_STYLE = "color: #555;"


class DigitChoiceDialog(QDialog):
    """Ask which digit a drawing shows: ten buttons, the default one focused.

    A click on a button, or a digit key, chooses; Enter takes the default; Esc cancels.
    Without a default, Cancel has the focus: Enter (or Space) chooses no digit, the user
    must pick one.

    Parameters
    ----------
    title, text : str
        The window title and the question.
    default : int or None
        The digit proposed (focused), 0 to 9; None proposes none.
    parent : QWidget, optional

    Attributes
    ----------
    value : int or None
        The digit chosen, None until one is (or if cancelled).
    buttons : list of QPushButton
        The buttons of the digits 0 to 9, in order.
    """

    def __init__(self, title: str, text: str, default: int | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.value: int | None = None
        question = QLabel(text)
        question.setWordWrap(True)
        grid = QGridLayout()
        self.buttons = []
        for digit in range(10):
            button = QPushButton(str(digit))
            font = button.font()
            font.setPointSize(font.pointSize() + 6)
            font.setBold(True)
            button.setFont(font)
            button.setMinimumSize(44, 44)
            button.setAutoDefault(False)
            button.clicked.connect(lambda checked=False, d=digit: self.choose(d))
            grid.addWidget(button, digit // 5, digit % 5)
            self.buttons.append(button)
        cancel = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        cancel.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(question)
        layout.addLayout(grid)
        layout.addWidget(cancel)
        # (The focus once the buttons are in the dialog: before, setFocus had no window to act in.)
        if default is not None and 0 <= default <= 9:
            self.buttons[default].setDefault(True)
            self.buttons[default].setFocus()
        else:  # nothing proposed: Enter or Space must not pick a digit
            cancel.button(QDialogButtonBox.StandardButton.Cancel).setFocus()

    def choose(self, digit: int) -> None:
        """Take ``digit`` as the answer and close the dialog (accepted)."""
        self.value = int(digit)
        self.accept()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        text = event.text()
        if len(text) == 1 and text.isdigit():
            self.choose(int(text))
            return
        super().keyPressEvent(event)


def ask_digit(parent: QWidget, title: str, text: str, default: int | None) -> int | None:
    """Show a :class:`DigitChoiceDialog`; the digit chosen, or None if cancelled."""
    dialog = DigitChoiceDialog(title, text, default, parent)
    return dialog.value if dialog.exec() == QDialog.DialogCode.Accepted else None


class OwnDigitsPanel(QGroupBox):
    """The "Your own digits" box of the Draw view.

    Parameters
    ----------
    session : Session
        Keeps the set (:attr:`Session.own_digits`) and makes the corrections.
    draw_view : QWidget
        The Draw view: read are ``draw_view.reading`` (the last ``core.reading.Reading`` or
        None: its ``input`` ``(784,)`` float32, ``digit`` and ``activations`` ``(10,)``) and its
        signal ``reading_changed(object)``.
    parent : QWidget, optional

    Attributes
    ----------
    save_button, correct_button, undo_button, new_set_button : QPushButton
    summary_label : QLabel
        The set's size and the network's accuracy on it (or why it cannot be read).
    status_label : QLabel
        What the last action did.
    """

    def __init__(self, session: Session, draw_view: QWidget, parent: QWidget | None = None):
        super().__init__(parent)
        self.setTitle(self.tr("Your own digits"))
        self._session = session
        self._draw_view = draw_view
        self._undo = None  # "save" (with the set's size after it) or "correction": what Undo undoes
        self._saved_size = 0
        # What the status line is about, so that it goes when it no longer holds: "training" (a
        # refusal while a run trains), "correction" (about the network _status_model), or None.
        self._status_topic: str | None = None
        self._status_model = None

        self.save_button = QPushButton(self.tr("&Save to My Digits…"))
        self._save_tip = self.tr(
            "Keep this drawing in your own set of digits, with its label (you are asked for it; the network's\n"
            "answer is proposed).\n"
            "The set shows how well the network reads your handwriting, and can be added to training\n"
            "in the Train view.")
        self.save_button.setToolTip(self._save_tip)
        self.save_button.clicked.connect(self._on_save_button_clicked)
        self.correct_button = QPushButton(self.tr("Correct &Me…"))
        self._correct_tip = self.tr(
            "The answer is wrong: give the right digit. The drawing is saved to your digits and the network\n"
            "is trained a little on it (20 mini-batches, each of this drawing and 9 MNIST images, so that it does not\n"
            "forget the rest); the corrected network is then the one in use.")
        self.correct_button.setToolTip(self._correct_tip)
        self.correct_button.clicked.connect(self._on_correct_button_clicked)
        self.undo_button = QPushButton(self.tr("U&ndo Correction"))
        self.undo_button.clicked.connect(self._on_undo_button_clicked)
        self.new_set_button = QPushButton(self.tr("Start a Ne&w Set"))
        self.new_set_button.setToolTip(self.tr("Rename the files that cannot be read (they are kept beside the "
                                               "new set) and start an empty set"))
        self.new_set_button.clicked.connect(self._on_new_set_button_clicked)
        self.summary_label = QLabel()
        self.summary_label.setWordWrap(True)
        self.status_label = QLabel()
        self.status_label.setWordWrap(True)
        self.status_label.setStyleSheet(_HINT_STYLE)

        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.correct_button)
        buttons.addWidget(self.undo_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary_label)
        layout.addWidget(self.new_set_button, alignment=Qt.AlignmentFlag.AlignLeft)
        layout.addLayout(buttons)
        layout.addWidget(self.status_label)

        session.own_digits_changed.connect(self._on_session_own_digits_changed)
        session.model_changed.connect(self._on_session_model_changed)
        session.preview_changed.connect(self._on_session_model_changed)
        session.data_changed.connect(self._on_session_model_changed)
        session.runs_changed.connect(self._on_session_runs_changed)
        session.correction_started.connect(self._on_session_correction_started)
        session.correction_finished.connect(self._on_session_correction_finished)
        session.correction_failed.connect(self._on_session_correction_failed)
        draw_view.reading_changed.connect(self._on_draw_view_reading_changed)
        self._update()

    # -- what is drawn --------------------------------------------------------------------

    def _reading(self):
        """The drawing's reading, if it has an input for the network (else None)."""
        reading = getattr(self._draw_view, "reading", None)
        return reading if reading is not None and getattr(reading, "input", None) is not None else None

    @staticmethod
    def _is_not_a_digit(reading) -> bool:
        """True if the drawing was read as not a digit (a dash, a blot...): no answer to propose."""
        return getattr(reading, "verdict", None) == NOT_A_DIGIT

    @staticmethod
    def _runner_up(reading) -> int | None:
        """The second most active output (the likeliest right answer when the first is wrong)."""
        return getattr(reading, "runner_up", None)

    # -- actions (the buttons ask for the label, then call these) -------------------------

    def save_digit(self, label: int) -> bool:
        """Save the drawing to the user's digits as ``label``; True if saved (else the status
        says why)."""
        reading = self._reading()
        if reading is None:
            return self._say(self.tr("Draw a digit first."), error=True)
        try:
            self._session.add_own_digit(reading.input, label)
        except (ValueError, OSError) as exc:  # (OSError: a sentence naming the folder and what to do)
            return self._say(self.tr("Not saved: {0}").format(exc), error=True)
        self._undo, self._saved_size = "save", len(self._session.own_digits)
        self._update()
        n = self._saved_size
        if n == 1:
            return self._say(self.tr("Saved as {0}: your set holds 1 digit.").format(label))
        return self._say(self.tr("Saved as {0}: your set holds {1} digits.").format(label, numbers.integer(n)))

    def correct_digit(self, label: int) -> bool:
        """Save the drawing as ``label`` and, if the network reads it otherwise, start
        fine-tuning the current network on it; True if done or started (else the status
        says why)."""
        reading = self._reading()
        if reading is None:
            return self._say(self.tr("Draw a digit first."), error=True)
        if self._is_not_a_digit(reading):
            return self._say(self._not_a_digit_reason(), error=True)
        if self._session.is_training:
            return self._say(self._training_reason(), error=True, topic="training")
        answer = getattr(reading, "digit", None)
        if answer == label:
            if not self.save_digit(label):
                return False
            return self._say(self.tr("It already reads {0}: the digit is saved, the network unchanged.").format(label),
                             topic="correction")
        try:
            self._session.correct(reading.input, label, was=answer)
        except OSError as exc:  # the digit could not be saved: a sentence naming the folder and what to do
            return self._say(self.tr("Not corrected (the network is unchanged): {0}").format(exc), error=True)
        except (RuntimeError, ValueError) as exc:
            return self._say(str(exc), error=True)
        return True

    def undo(self) -> bool:
        """Undo the last save or correction made here; True if something was undone."""
        session = self._session
        try:
            if self._undo == "correction" and session.can_undo_correction:
                size = len(session.own_digits)
                try:
                    correction = session.undo_correction()
                except OSError as exc:  # the network is back; the digit could not be removed
                    self._undo = "correction" if session.can_undo_correction else None
                    self._update()
                    return self._say(self.tr("Correction undone: {0} is back, but its digit could not be removed "
                                             "from your digits: {1}").format(session.model_name, exc), error=True)
                self._undo = "correction" if session.can_undo_correction else None  # an earlier one, next
                self._update()
                if len(session.own_digits) < size:
                    return self._say(self.tr("Correction undone: {0} is back, and the {1} removed from your "
                                             "digits.").format(session.model_name, correction.label),
                                     topic="correction")
                return self._say(self.tr("Correction undone: {0} is back (its {1} stays in your digits: others "
                                         "were saved after it).").format(session.model_name, correction.label),
                                 topic="correction")
            if self._undo == "save" and len(session.own_digits) == self._saved_size:
                session.remove_last_own_digit()
                self._undo = None
                self._update()
                return self._say(self.tr("The digit saved last was removed."))
        except (RuntimeError, ValueError, OSError) as exc:
            return self._say(str(exc), error=True)
        self._undo = None
        self._update()
        return False

    # -- the buttons ----------------------------------------------------------------------

    @Slot()
    def _on_save_button_clicked(self) -> None:
        reading = self._reading()
        if reading is None:
            self._say(self.tr("Draw a digit first."), error=True)
            return
        if self._is_not_a_digit(reading):  # no answer to propose: the user picks a digit, or cancels
            label = ask_digit(self, self.tr("Save to my digits"),
                              self.tr("This drawing is not read as a digit, so no answer is proposed. If it is "
                                      "one, which digit is it?"), None)
        else:
            label = ask_digit(self, self.tr("Save to my digits"), self.tr("Which digit is it?"),
                              getattr(reading, "digit", None))
        if label is not None:
            self.save_digit(label)

    @Slot()
    def _on_correct_button_clicked(self) -> None:
        reading = self._reading()
        if reading is None:
            self._say(self.tr("Draw a digit first."), error=True)
            return
        if self._is_not_a_digit(reading):
            self._say(self._not_a_digit_reason(), error=True)
            return
        if self._session.is_training:
            self._say(self._training_reason(), error=True, topic="training")
            return
        answer = getattr(reading, "digit", None)
        text = (self.tr("The network reads {0}. Which digit is it really?").format(answer) if answer is not None
                else self.tr("Which digit is it?"))
        label = ask_digit(self, self.tr("Correct me"), text, self._runner_up(reading))
        if label is not None:
            self.correct_digit(label)

    @Slot()
    def _on_undo_button_clicked(self) -> None:
        self.undo()

    @Slot()
    def _on_new_set_button_clicked(self) -> None:
        try:
            moved = self._session.start_new_own_set()
        except OSError as exc:
            self._say(self.tr("Could not set the files aside: {0}").format(exc), error=True)
            return
        self._say(self.tr("A new, empty set is started; the old files are kept as {0}.").format(
            ", ".join(p.name for p in moved)))

    # -- from the session and the Draw view -----------------------------------------------

    @Slot()
    def _on_session_own_digits_changed(self) -> None:
        self._update()

    @Slot()
    def _on_session_model_changed(self) -> None:
        if self._status_topic == "correction" and self._session.model is not self._status_model:
            self._say("")  # "Corrected: it now reads 3" was about a network no longer in use
        self._update()

    @Slot()
    def _on_session_runs_changed(self) -> None:
        if self._status_topic == "training" and not self._session.is_training:
            self._say("")  # the run has ended: "A run is training" no longer holds
        self._update()

    @Slot(object)
    def _on_draw_view_reading_changed(self, reading) -> None:
        self._update_buttons()

    @Slot()
    def _on_session_correction_started(self) -> None:
        self._undo = None
        self._update()
        self._say(self.tr("Learning that this is a {0}…").format(self._session.last_correction.label),
                  topic="correction")

    @Slot(object)
    def _on_session_correction_finished(self, correction: Correction) -> None:
        self._undo = "correction"
        self._update()
        figures = self.tr("test accuracy {0} → {1}, {2} s").format(
            format_percent(correction.test_before), format_percent(correction.test_after),
            numbers.fixed(correction.seconds, 1))
        if correction.learned:
            was = "?" if correction.was is None else correction.was
            self._say(self.tr("Corrected: it now reads {0} (was {1}); {2}.").format(correction.answer, was, figures),
                      topic="correction")
        else:
            self._say(self.tr("It still reads {0} after the correction ({1}); Correct Me again insists, Undo "
                              "puts the previous network back.").format(correction.answer, figures), error=True,
                      topic="correction")

    @Slot(str)
    def _on_session_correction_failed(self, message: str) -> None:
        self._update()
        self._say(message, error=True)

    # -- showing --------------------------------------------------------------------------

    def _say(self, text: str, error: bool = False, topic: str | None = None) -> bool:
        """Show ``text`` in the status line; returns not ``error`` (for the actions). ``topic``
        says what it is about, so that it goes once it no longer holds: ``"training"`` (goes
        when the run ends) or ``"correction"`` (goes when another network is in use)."""
        self.status_label.setText(text)
        self.status_label.setStyleSheet(_ERROR_STYLE if error else _HINT_STYLE)
        self._status_topic = topic
        self._status_model = self._session.model
        return not error

    def _not_a_digit_reason(self) -> str:
        return self.tr("The drawing is not read as a digit, so there is no answer to correct: draw a digit. "
                       "(To keep this drawing anyway, Save to My Digits and pick its digit.)")

    def _training_reason(self) -> str:
        return self.tr("A run is training: stop it or wait for it to end, then correct the network.")

    def _update(self) -> None:
        session = self._session
        error = session.own_digits_error
        digits = session.own_digits
        self.summary_label.setToolTip(self.tr("Kept in {0}").format(session.own_digits_dir))
        self.new_set_button.setVisible(bool(error))
        if error:
            self.summary_label.setText(self.tr("Your digits cannot be read: {0}").format(error))
            self.summary_label.setStyleSheet(_ERROR_STYLE)
        elif not len(digits):
            self.summary_label.setText(self.tr("No digits saved yet: save your drawings with their labels to see "
                                               "how well the network reads your handwriting."))
            self.summary_label.setStyleSheet(_HINT_STYLE)
        else:
            model = session.live_model
            evaluation = session.own_evaluation(model) if model is not None else None
            n = len(digits)
            if evaluation is None:
                text = self.tr("1 digit saved.") if n == 1 else self.tr("{0} digits saved.").format(numbers.integer(n))
            else:
                right = numbers.integer(n - len(evaluation.misclassified))
                accuracy = format_percent(evaluation.accuracy)
                text = (self.tr("1 digit saved; the network in use reads {0} right ({1}).").format(right, accuracy)
                        if n == 1 else self.tr("{0} digits saved; the network in use reads {1} right ({2}).")
                        .format(numbers.integer(n), right, accuracy))
            self.summary_label.setText(text)
            self.summary_label.setStyleSheet("")
        self._update_buttons()

    def _update_buttons(self) -> None:
        session = self._session
        reading = self._reading()
        unreadable = self.tr("Your digits cannot be read (see above): Start a New Set, or restore the files.")
        if reading is None:
            save_refused = correct_refused = self.tr("Draw a digit first.")
        elif session.own_digits_error:
            save_refused = correct_refused = unreadable
        else:
            save_refused = ""
            if self._is_not_a_digit(reading):
                correct_refused = self._not_a_digit_reason()
            elif session.is_training:
                correct_refused = self.tr("A run is training: correct the network once it has ended (a correction "
                                          "fine-tunes the network in use, which the run's end replaces).")
            elif session.correcting:
                correct_refused = self.tr("A correction is being computed: a moment.")
            elif session.model is None or session.data is None or session.loading:
                correct_refused = self.tr("The data is still loading: a moment.")
            else:
                correct_refused = ""
        self.save_button.setEnabled(not save_refused)
        self.save_button.setToolTip(save_refused or self._save_tip)
        self.correct_button.setEnabled(not correct_refused)
        self.correct_button.setToolTip(correct_refused or self._correct_tip)
        if self._undo == "save":
            self.undo_button.setText(self.tr("U&ndo Save"))
            self.undo_button.setToolTip(self.tr("Remove the digit saved last from your set"))
            self.undo_button.setEnabled(len(session.own_digits) == self._saved_size)
        else:
            self.undo_button.setText(self.tr("U&ndo Correction"))
            self.undo_button.setToolTip(self.tr("Put back the network from before the last correction, exactly, "
                                                "and remove its digit from your set"))
            self.undo_button.setEnabled(self._undo == "correction" and session.can_undo_correction)

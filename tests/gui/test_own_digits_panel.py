"""Your own digits in the GUI: the Draw view's panel (save, correct me, undo), the session's
set and corrections, the Browse view's "My digits", and the Train view's check box that adds
them to training. The user data folder is always a temporary one here."""


import numpy as np
import pytest
from PySide6.QtCore import QSettings, Qt, Signal
from PySide6.QtWidgets import QWidget

import mnist_gui.own_digits as panel_module
from core.idx import read_idx
from core.mlp import MLP
from core.own_digits import IMAGES_FILE, LABELS_FILE, digit_image
from core.paths import default_model_path
from core.reading import Reading
from core.sgd import PRESETS, TrainConfig
from mnist_gui.config_form import TrainingForm
from mnist_gui.own_digits import DigitChoiceDialog, OwnDigitsPanel
from mnist_gui.session import Session
from mnist_gui.training import TrainingController


class FakeDrawView(QWidget):
    """What the panel needs of the Draw view: ``reading`` and ``reading_changed``."""

    reading_changed = Signal(object)

    def __init__(self):
        super().__init__()
        self.reading = None

    def show_digit(self, model, x, verdict="digit"):
        """Read the (784,) input ``x`` with ``model``, as the Draw view would (``verdict`` as given)."""
        activations = model.feedforward(x[None])[0]
        self.reading = Reading(verdict=verdict, reason="", digit=int(activations.argmax()),
                               activations=activations.astype(np.float64), input=x, cropped=None, scaled=None,
                               inverted=False)
        self.reading_changed.emit(self.reading)


@pytest.fixture(scope="module")
def bundled():
    return MLP.load(default_model_path())


@pytest.fixture
def panel(qtbot, session):
    draw = FakeDrawView()
    p = OwnDigitsPanel(session, draw)
    qtbot.addWidget(draw)
    qtbot.addWidget(p)
    p.draw = draw
    return p


def _misread(session, mnist):
    """A test image the session's network reads wrong: (its (784,) input, true label)."""
    i = int(np.flatnonzero(session.model.predict(mnist.test.X) != mnist.test.y)[0])
    return mnist.test.X[i], int(mnist.test.y[i])


def _answer_with(monkeypatch, digit):
    asked = []

    def ask(parent, title, text, default):
        asked.append((title, text, default))
        return digit

    monkeypatch.setattr(panel_module, "ask_digit", ask)
    return asked


def test_save_asks_the_label_with_the_answer_as_default_and_round_trips_through_idx(panel, session, mnist,
                                                                                   monkeypatch):
    assert not panel.save_button.isEnabled()  # nothing drawn
    assert "No digits saved yet" in panel.summary_label.text()
    x = mnist.test.X[0]
    panel.draw.show_digit(session.model, x)
    assert panel.save_button.isEnabled()
    asked = _answer_with(monkeypatch, 1)  # (test image 0 is a 7)
    panel.save_button.click()
    assert asked[0][2] == panel.draw.reading.digit == mnist.test.y[0]  # the answer proposed
    folder = session.own_digits_dir
    assert read_idx(folder / LABELS_FILE).tolist() == [1]
    assert np.array_equal(read_idx(folder / IMAGES_FILE)[0], digit_image(x))
    assert session.own_digits.y.tolist() == [1]
    assert "1 digit saved;" in panel.summary_label.text()
    assert panel.status_label.text() == "Saved as 1: your set holds 1 digit."
    assert "reads 0 right (0.00%)" in panel.summary_label.text()  # it is a 1 only for this user
    assert panel.undo_button.isEnabled() and panel.undo_button.text() == "U&ndo Save"
    panel.undo_button.click()
    assert len(session.own_digits) == 0 and read_idx(folder / LABELS_FILE).size == 0


def test_correct_me_changes_the_answer_and_undo_restores_the_previous_network_exactly(
        qtbot, panel, session, mnist, monkeypatch):
    previous = session.model
    before = [p.copy() for p in previous.get_params()]
    x, label = _misread(session, mnist)
    panel.draw.show_digit(previous, x)
    was = panel.draw.reading.digit
    assert was != label
    asked = _answer_with(monkeypatch, label)
    with qtbot.waitSignal(session.correction_finished, timeout=60_000) as finished:
        panel.correct_button.click()
        assert session.correcting and not panel.correct_button.isEnabled()
        assert session.own_digits.y.tolist() == [label]  # saved at once
    assert asked[0][2] == int(np.argsort(panel.draw.reading.activations)[-2])  # the runner-up proposed
    correction = finished.args[0]
    corrected = session.model
    assert corrected is correction.model and corrected is not previous
    assert int(corrected.predict(x[None])[0]) == label == correction.answer  # the answer changed
    assert correction.was == was and correction.learned
    assert session.model_name == "default model, corrected" and session.unsaved
    assert correction.test_before - correction.test_after <= 0.005
    assert session.evaluation("test").accuracy == correction.test_after  # computed by the worker
    assert f"it now reads {label} (was {was})" in panel.status_label.text()
    assert "reads 1 right (100.00%)" in panel.summary_label.text()
    assert panel.undo_button.isEnabled() and panel.undo_button.text() == "U&ndo Correction"

    panel.undo_button.click()
    assert session.model is previous and session.model_name == "default model" and not session.unsaved
    after = previous.get_params()
    assert all(a.dtype == b.dtype and a.tobytes() == b.tobytes() for a, b in zip(before, after))  # bit for bit
    assert len(session.own_digits) == 0  # its digit is removed too
    assert not panel.undo_button.isEnabled() and "Correction undone" in panel.status_label.text()


def test_corrections_chain_and_undo_one_at_a_time(qtbot, session, mnist):
    first = session.model
    wrong = np.flatnonzero(first.predict(mnist.test.X) != mnist.test.y)[:2]
    models = [first]
    for n, i in enumerate(wrong):
        with qtbot.waitSignal(session.correction_finished, timeout=60_000):
            session.correct(mnist.test.X[i], int(mnist.test.y[i]), seed=n)
        models.append(session.model)
    assert session.model_name == "default model, 2 corrections"
    assert len(session.model.metadata["fine_tuned"]) == 2
    session.undo_correction()
    assert session.model is models[1] and session.model_name == "default model, corrected"
    session.undo_correction()
    assert session.model is first and not session.can_undo_correction and len(session.own_digits) == 0
    with pytest.raises(RuntimeError, match="no correction to undo"):
        session.undo_correction()


def test_correct_me_is_refused_while_a_run_trains(qtbot, panel, session, mnist, monkeypatch):
    x, label = _misread(session, mnist)
    panel.draw.show_digit(session.model, x)
    assert panel.correct_button.isEnabled()
    run = session.add_run(TrainConfig())  # a run that has not ended
    assert not panel.correct_button.isEnabled() and "A run is training" in panel.correct_button.toolTip()
    asked = _answer_with(monkeypatch, label)
    panel.correct_button.click()
    assert not panel.correct_digit(label)
    assert not asked and not session.correcting and len(session.own_digits) == 0
    assert "A run is training" in panel.status_label.text()
    with pytest.raises(RuntimeError, match="A run is training"):
        session.correct(x, label)
    session.end_run(run, "Training stopped")  # (Stop): the refusal no longer holds
    qtbot.waitUntil(lambda: panel.correct_button.isEnabled(), timeout=5000)
    assert panel.status_label.text() == "" and "fine-tuned" not in panel.correct_button.toolTip()
    assert "right digit" in panel.correct_button.toolTip()  # its own tooltip again


def test_a_drawing_that_is_not_a_digit_cannot_correct_and_its_save_proposes_no_digit(panel, session, mnist,
                                                                                      monkeypatch):
    assert not panel.save_button.isEnabled() and not panel.correct_button.isEnabled()  # empty: neither
    assert panel.correct_button.toolTip() == panel.save_button.toolTip() == "Draw a digit first."
    panel.draw.show_digit(session.model, mnist.test.X[0], verdict="not a digit")  # say a dash, read as 4
    assert panel.save_button.isEnabled()
    assert not panel.correct_button.isEnabled() and "not read as a digit" in panel.correct_button.toolTip()
    assert not panel.correct_digit(3) and "not read as a digit" in panel.status_label.text()
    asked = _answer_with(monkeypatch, None)  # cancelled
    panel.save_button.click()
    assert asked[0][2] is None and "no answer is proposed" in asked[0][1]  # the user must pick one
    assert len(session.own_digits) == 0
    _answer_with(monkeypatch, 5)
    panel.save_button.click()
    assert session.own_digits.y.tolist() == [5]
    panel.draw.show_digit(session.model, mnist.test.X[0])  # a digit: both offered
    assert panel.save_button.isEnabled() and panel.correct_button.isEnabled()


def test_in_the_draw_view_a_dash_cannot_correct_the_network(qtbot, session):
    from mnist_gui.views.draw import DrawView

    view = DrawView(session)
    qtbot.addWidget(view)
    panel = view.own_digits
    assert not panel.save_button.isEnabled() and not panel.correct_button.isEnabled()  # nothing drawn
    view.canvas.add_stroke([(60, 150), (220, 140)])  # a dash: "Not a digit"
    assert view.reading.verdict == "not a digit" and view.reading.input is not None
    assert panel.save_button.isEnabled() and not panel.correct_button.isEnabled()
    view.clear()
    assert not panel.save_button.isEnabled() and not panel.correct_button.isEnabled()


def test_without_a_default_enter_chooses_no_digit(qtbot):
    dialog = DigitChoiceDialog("Save to my digits", "Which digit?", default=None)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert not any(b.isDefault() for b in dialog.buttons)
    focused = dialog.focusWidget()
    assert focused is not None and focused not in dialog.buttons
    qtbot.keyClick(focused, Qt.Key.Key_Return)
    assert dialog.value is None and dialog.result() == DigitChoiceDialog.DialogCode.Rejected


def test_the_correction_s_words_go_when_another_network_is_in_use(qtbot, panel, session, mnist, monkeypatch):
    x, label = _misread(session, mnist)
    panel.draw.show_digit(session.model, x)
    _answer_with(monkeypatch, label)
    with qtbot.waitSignal(session.correction_finished, timeout=60_000):
        panel.correct_button.click()
    assert "Corrected: it now reads" in panel.status_label.text()
    session.open_model(default_model_path())  # File > Load Default Model
    assert panel.status_label.text() == ""
    assert panel.save_digit(label) and "Saved as" in panel.status_label.text()
    session.set_model(MLP((784, 10), rng=np.random.default_rng(0)), "other")
    assert "Saved as" in panel.status_label.text()  # true whichever network is in use


def test_a_file_where_the_folder_should_be_is_said_in_a_sentence(qtbot, tmp_path, mnist):
    blocker = tmp_path / "mnist-gui"
    blocker.write_text("a file")
    session = Session(own_digits_dir=blocker)
    session.set_data(mnist)
    session.open_model(default_model_path())
    draw = FakeDrawView()
    panel = OwnDigitsPanel(session, draw)
    qtbot.addWidget(draw)
    qtbot.addWidget(panel)
    x, label = _misread(session, mnist)
    draw.show_digit(session.model, x)
    sentence = (f"Could not write to {blocker}: it is a file, not a folder. Remove or rename that file (your digits "
                "are kept in that folder), then try again.")
    assert not panel.save_digit(label)
    assert panel.status_label.text() == f"Not saved: {sentence}"
    assert not panel.correct_digit(label) and not session.correcting
    assert panel.status_label.text() == f"Not corrected (the network is unchanged): {sentence}"
    assert "Errno" not in panel.status_label.text() and blocker.read_text() == "a file"


def test_a_correction_for_a_network_replaced_meanwhile_is_not_applied(qtbot, session, mnist):
    x, label = _misread(session, mnist)
    with qtbot.waitSignal(session.correction_failed, timeout=60_000) as failed:
        session.correct(x, label)
        other = MLP((784, 10), rng=np.random.default_rng(0))
        session.set_model(other, "other")
    assert session.model is other and "not applied" in failed.args[0]
    assert session.own_digits.y.tolist() == [label]  # the digit stays saved


def test_an_unreadable_set_is_shown_with_what_to_do_and_never_overwritten(qtbot, tmp_path, mnist):
    folder = tmp_path / "my digits"
    folder.mkdir()
    (folder / IMAGES_FILE).write_bytes(b"\x00\x00\x08\x03garbage")
    (folder / LABELS_FILE).write_bytes(b"\x00\x00\x08\x01\x00\x00\x00\x01\x07")
    session = Session(own_digits_dir=folder)
    session.set_data(mnist)
    session.open_model(default_model_path())
    draw = FakeDrawView()
    panel = OwnDigitsPanel(session, draw)
    qtbot.addWidget(draw)
    qtbot.addWidget(panel)
    panel.show()
    draw.show_digit(session.model, mnist.test.X[0])
    text = panel.summary_label.text()
    assert "cannot be read" in text and IMAGES_FILE in text and "Start a New Set" in text
    assert not panel.save_button.isEnabled() and not panel.correct_button.isEnabled()
    assert panel.new_set_button.isVisible()
    assert not panel.save_digit(3) and "Not saved" in panel.status_label.text()
    assert (folder / IMAGES_FILE).read_bytes() == b"\x00\x00\x08\x03garbage"
    panel.new_set_button.click()
    assert len(list(folder.glob("*.unreadable-*"))) == 2 and not (folder / IMAGES_FILE).exists()
    assert panel.save_button.isEnabled() and not panel.new_set_button.isVisible()
    assert panel.save_digit(3) and session.own_digits.y.tolist() == [3]


def test_the_digit_dialog_proposes_the_default_and_takes_a_key_or_a_click(qtbot):
    dialog = DigitChoiceDialog("Correct me", "Which digit?", default=4)
    qtbot.addWidget(dialog)
    assert dialog.buttons[4].isDefault() and not dialog.buttons[3].isDefault()
    assert dialog.focusWidget() is dialog.buttons[4]
    qtbot.keyClick(dialog, Qt.Key.Key_7)
    assert dialog.value == 7 and dialog.result() == DigitChoiceDialog.DialogCode.Accepted
    other = DigitChoiceDialog("Save", "Which digit?", default=None)
    qtbot.addWidget(other)
    other.buttons[2].click()
    assert other.value == 2


def test_browse_shows_my_digits_with_the_network_s_accuracy(qtbot, session, mnist):
    from mnist_gui.views.browse import BrowseView

    view = BrowseView(session)
    qtbot.addWidget(view)
    view.wait_until_current()
    assert view.current_set == "test" and view.list_model.n_total == 10_000
    assert [view.set_combo.itemText(i) for i in range(4)] == [
        "Test images (10,000)", "Validation images (10,000)", "Training images (50,000)", "My digits (0)"]
    view.show_set("own")
    assert view.list_model.n_total == 0 and "No digits saved yet" in view.count_label.text()
    wrong = np.flatnonzero(session.model.predict(mnist.test.X[:2000]) != mnist.test.y[:2000])[:2]
    for i in [0, 1, 2, *wrong]:
        session.add_own_digit(mnist.test.X[i], int(mnist.test.y[i]))
    assert view.set_combo.currentText() == "My digits (5)" and view.list_model.n_total == 5
    view.wait_until_current()
    assert view.count_label.text() == "5 of 5 · 2 misclassified, accuracy 60.00%"
    assert view.list_model.n_misclassified == len(session.own_evaluation().misclassified) == 2
    view.list_view.setCurrentIndex(view.list_model.index(0))
    assert "My digit #0" in view.title.text()
    view.show_set("validation")
    view.wait_until_current()
    assert view.list_model.n_total == 10_000
    assert view.list_model.n_misclassified == len(session.evaluation("validation").misclassified)


# -- added to training --------------------------------------------------------------------------

def test_the_check_box_adds_my_digits_to_the_training_split(qtbot, small_mnist, tmp_path):
    session = Session(own_digits_dir=tmp_path)
    session.set_data(small_mnist)
    for i in range(3):
        session.add_own_digit(small_mnist.test.X[i], int(small_mnist.test.y[i]))
    controller = TrainingController(session, report_samples=100)
    config = TrainConfig(layer_sizes=(784, 10, 10), n_epochs=1, seed=0, train_size=500, add_own_digits=True)
    with qtbot.waitSignal(controller.finished, timeout=60_000):
        run = controller.start(config)
    assert run.n_train == 503  # the training split grew by the set's size
    model = run.model
    assert model.metadata["n_train"] == 503 and model.metadata["own_digits"] == 3
    assert model.metadata["config"] == config.to_dict()  # as asked (train_size 500, my digits added)
    assert "with your own digits" in run.describe()
    with qtbot.waitSignal(controller.finished, timeout=60_000):
        run = controller.start(TrainConfig(layer_sizes=(784, 10, 10), n_epochs=1, seed=0, train_size=500))
    assert run.n_train == 500 and "own_digits" not in run.model.metadata


def test_the_form_s_check_box_is_remembered_and_shows_the_set_s_size(qtbot, tmp_path, mnist):
    form = TrainingForm()
    qtbot.addWidget(form)
    box = form.field_widget("add_own_digits")
    assert box is form.own_digits_check and box.text() == "Add my digits to training" and not box.isChecked()
    assert form.config().add_own_digits is False
    box.setChecked(True)
    assert form.config().add_own_digits is True
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    form.save_settings(settings)
    settings.sync()
    again = TrainingForm()
    qtbot.addWidget(again)
    again.restore_settings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    assert again.own_digits_check.isChecked() and again.config().add_own_digits
    # A preset changes the network and its hyperparameters, not the choice of data.
    again.preset_combo.activated.emit(again.preset_combo.findData("nielsen-ch3"))
    assert again.config().add_own_digits and again.config().layer_sizes == PRESETS["nielsen-ch3"].config.layer_sizes
    session = Session(own_digits_dir=tmp_path / "digits")
    again.bind_own_digits(session)
    assert again.own_digits_check.text() == "Add my digits to training (none saved yet)"
    session.add_own_digit(mnist.test.X[0], 7)
    session.add_own_digit(mnist.test.X[1], 2)
    assert again.own_digits_check.text() == "Add my digits to training (2)"
    again.set_running(True)
    assert not again.own_digits_check.isEnabled()


def test_in_the_draw_view_correct_me_changes_the_answer_on_that_drawing(qtbot, session, mnist, monkeypatch):
    from mnist_gui.views.draw import DrawView

    view = DrawView(session)
    qtbot.addWidget(view)
    panel = view.own_digits
    assert isinstance(panel, OwnDigitsPanel)
    for i in np.flatnonzero(session.model.predict(mnist.test.X) != mnist.test.y):
        view.load_test_image(int(i))  # a real digit the network misreads, on the canvas
        if view.reading.input is not None and view.reading.digit != mnist.test.y[i]:
            break
    label, was = int(mnist.test.y[i]), view.reading.digit
    previous = session.model
    _answer_with(monkeypatch, label)
    with qtbot.waitSignal(session.correction_finished, timeout=60_000):
        panel.correct_button.click()
    assert view.reading.digit == label != was  # the Draw view answers with the corrected network
    assert session.own_digits.y.tolist() == [label]
    panel.undo_button.click()
    assert session.model is previous and view.reading.digit == was


# -- the user data folder -----------------------------------------------------------------------

def _locations(monkeypatch, tmp_path):
    """QStandardPaths as in the app, under ``tmp_path``: the generic data folder, and the
    AppDataLocation an earlier version used (organisation and application both "mnist-gui")."""
    from PySide6.QtCore import QStandardPaths

    generic = tmp_path / "share"
    old = generic / "mnist-gui" / "mnist-gui"
    places = {QStandardPaths.StandardLocation.GenericDataLocation: str(generic),
              QStandardPaths.StandardLocation.AppDataLocation: str(old)}
    monkeypatch.setattr(QStandardPaths, "writableLocation", staticmethod(lambda location: places[location]))
    return generic / "mnist-gui", old


def test_the_user_data_folder_is_not_doubled_and_an_earlier_set_is_moved_into_it(monkeypatch, tmp_path, mnist):
    from core.own_digits import OwnDigits

    folder, old = _locations(monkeypatch, tmp_path)
    assert Session().own_digits_dir == folder  # …/share/mnist-gui, not …/mnist-gui/mnist-gui
    earlier = OwnDigits(old)
    earlier.append(mnist.test.X[0], 7)
    earlier.append(mnist.test.X[1], 2)
    (old / f"{IMAGES_FILE}.unreadable-20240101-000000").write_bytes(b"set aside earlier")
    session = Session()
    assert session.own_digits.y.tolist() == [7, 2] and session.own_digits_dir == folder
    assert (folder / IMAGES_FILE).is_file() and (folder / f"{IMAGES_FILE}.unreadable-20240101-000000").is_file()
    assert not old.exists()  # emptied, then removed
    session.add_own_digit(mnist.test.X[2], 1)
    assert read_idx(folder / LABELS_FILE).tolist() == [7, 2, 1]


def test_an_earlier_set_that_cannot_be_moved_is_used_where_it_is(monkeypatch, tmp_path, mnist):
    from pathlib import Path

    from core.own_digits import OwnDigits

    folder, old = _locations(monkeypatch, tmp_path)
    OwnDigits(old).append(mnist.test.X[0], 7)
    monkeypatch.setattr(Path, "rename", lambda self, target: (_ for _ in ()).throw(PermissionError(13, "denied")))
    session = Session()
    assert session.own_digits_dir == old and session.own_digits.y.tolist() == [7]
    assert (old / IMAGES_FILE).is_file() and not (folder / IMAGES_FILE).exists()


def test_a_new_set_is_kept_and_an_earlier_one_left_alone(monkeypatch, tmp_path, mnist):
    from core.own_digits import OwnDigits

    folder, old = _locations(monkeypatch, tmp_path)
    OwnDigits(old).append(mnist.test.X[0], 7)
    OwnDigits(folder).append(mnist.test.X[1], 2)
    session = Session()
    assert session.own_digits_dir == folder and session.own_digits.y.tolist() == [2]
    assert read_idx(old / LABELS_FILE).tolist() == [7]  # not overwritten, not deleted


def test_an_unreadable_set_is_said_in_the_train_form_and_in_browse(qtbot, tmp_path, mnist):
    from mnist_gui.views.browse import BrowseView

    folder = tmp_path / "my digits"
    folder.mkdir()
    (folder / IMAGES_FILE).write_bytes(b"\x00\x00\x08\x03garbage")
    (folder / LABELS_FILE).write_bytes(b"\x00\x00\x08\x01\x00\x00\x00\x01\x07")
    session = Session(own_digits_dir=folder)
    session.set_data(mnist)
    session.open_model(default_model_path())
    form = TrainingForm()
    qtbot.addWidget(form)
    form.bind_own_digits(session)
    box = form.own_digits_check
    box.setChecked(True)
    assert box.text() == "Add my digits to training (they cannot be read: left out)"
    assert IMAGES_FILE in box.toolTip() and "leaves them out" in box.toolTip()
    view = BrowseView(session)
    qtbot.addWidget(view)
    assert view.set_combo.itemText(3) == "My digits (unreadable)"
    view.show_set("own")
    assert "cannot be read" in view.count_label.text() and IMAGES_FILE in view.count_label.toolTip()
    session.start_new_own_set()  # set aside: an empty set, readable
    assert box.text() == "Add my digits to training (none saved yet)" and IMAGES_FILE not in box.toolTip()
    assert view.set_combo.itemText(3) == "My digits (0)" and "No digits saved yet" in view.count_label.text()


def test_undoing_a_correction_says_whether_its_digit_was_removed(qtbot, panel, session, mnist, monkeypatch):
    x, label = _misread(session, mnist)
    panel.draw.show_digit(session.model, x)
    _answer_with(monkeypatch, label)
    with qtbot.waitSignal(session.correction_finished, timeout=60_000):
        panel.correct_button.click()
    session.add_own_digit(x, label)  # another digit saved after the correction's own
    panel.undo_button.click()
    assert session.model_name == "default model" and len(session.own_digits) == 2
    assert "stays in your digits" in panel.status_label.text()

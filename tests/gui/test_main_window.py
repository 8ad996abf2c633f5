"""The whole window: the three views, drawing, training, browsing, files, closing."""

import numpy as np
import pytest
from PySide6.QtCore import Qt

from core.mlp import MLP
from core.paths import default_model_path


def test_window_has_three_views_menus_and_the_default_model(window):
    assert [window.tabs.tabText(i).replace("&", "") for i in range(3)] == ["Draw", "Train", "Browse"]
    menus = [a.text().replace("&", "") for a in window.menuBar().actions()]
    assert menus[0] == "File"
    file_actions = [a.text().replace("&", "") for a in window.menuBar().actions()[0].menu().actions()]
    assert {"Open Model…", "Save Model As…", "Quit"} <= set(file_actions)
    assert window.session.model.layer_sizes == MLP.load(default_model_path()).layer_sizes
    assert "test accuracy" in window.labels.model_label.text()
    assert window.statusBar() is not None


def test_drawing_a_one_is_predicted_live_and_clear_resets(window, qtbot):
    assert window.draw_view.prediction.text() == "–"  # an empty canvas claims no digit
    window.draw_view.canvas.add_stroke([(140, 40), (142, 120), (144, 240)])
    assert window.draw_view.prediction.text() == "1"
    assert window.draw_view.bars.heights().argmax() == 1
    assert window.draw_view.input_view.pixmap() is not None and not window.draw_view.input_view.pixmap().isNull()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=5000)
    qtbot.keyClick(window, Qt.Key.Key_Escape)
    assert window.draw_view.canvas.is_empty() and window.draw_view.prediction.text() == "–"


def test_browse_counts_exactly_the_misclassified_test_images(window, mnist):
    window.browse_view.wait_until_current()
    predictions = window.session.model.predict(mnist.test.X)
    wrong = int(np.count_nonzero(predictions != mnist.test.y))
    assert window.browse_view.list_model.n_misclassified == wrong
    summary = f"{wrong:,} misclassified, accuracy {100 * (1 - wrong / 10_000):.2f}%"
    assert window.browse_view.count_label.text() == f"10,000 of 10,000 · {summary}"
    window.browse_view.show_combo.setCurrentIndex(1)  # misclassified only
    assert window.browse_view.list_model.rowCount() == wrong
    assert window.browse_view.count_label.text() == f"{wrong:,} of 10,000: misclassified · {summary}"
    window.browse_view.true_combo.setCurrentIndex(1 + 5)  # misclassified fives only
    fives = int(np.count_nonzero((predictions != mnist.test.y) & (mnist.test.y == 5)))
    assert window.browse_view.count_label.text() == f"{fives:,} of 10,000: misclassified, true 5 · {summary}"
    window.browse_view.true_combo.setCurrentIndex(0)
    # Clicking a thumbnail shows it large with its labels and activations.
    index = window.browse_view.list_model.index(0)
    window.browse_view.list_view.setCurrentIndex(index)
    image_index = window.browse_view.list_model.source_index(0)
    assert f"#{image_index:,}" in window.browse_view.title.text()
    assert f"True: <b>{mnist.test.y[image_index]}</b>" in window.browse_view.title.text()
    assert f"Predicted: <b>{predictions[image_index]}</b>" in window.browse_view.title.text()
    assert np.allclose(window.browse_view.bars.heights(), window.session.model.feedforward(mnist.test.X[image_index][None])[0],
                       atol=1e-6)


def test_confusion_matrix_cell_filters_the_browser(window, mnist):
    window.browse_view.wait_until_current()
    predictions = window.session.model.predict(mnist.test.X)
    window.browse_view.confusion_table.cellClicked.emit(4, 9)  # true 4 predicted 9
    expected = int(np.sum((mnist.test.y == 4) & (predictions == 9)))
    assert window.browse_view.list_model.rowCount() == expected
    assert int(window.browse_view.confusion_table.item(4, 9).text()) == expected


def test_training_runs_in_a_thread_updates_plots_and_views(window, qtbot):
    window.train_view.form.hidden_edit.setText("10")
    window.train_view.form.epochs_spin.setValue(1)
    window.train_view.form.seed_spin.setValue(3)
    old_model = window.session.model
    window.train_view.start()
    assert window.controller.is_running and not window.train_view.train_button.isEnabled() and window.train_view.stop_button.isEnabled()
    qtbot.waitUntil(lambda: not window.controller.is_running and window.train_view.is_settled(), timeout=60_000)
    assert window.session.model is not old_model and window.session.model.layer_sizes == (784, 10, 10)
    run = window.session.runs[-1]  # (the bundled network's saved history is the first run)
    curves = window.train_view.plot.curves(run)
    assert window.train_view.plot.current() is run and len(curves["cost_x"]) >= 5
    assert len(curves["validation_x"]) == len(curves["test_x"]) == len(curves["training_x"]) == 1
    assert window.train_view.progress_bar.value() == 1000
    assert run.name.endswith(": 784-10-10") and run.name in window.labels.model_label.text()
    assert window.windowTitle().startswith(run.name + "[*]") and window.isWindowModified()  # shown as "name*"
    wrong = int(np.count_nonzero(window.session.model.predict(window.session.data.test.X) != window.session.data.test.y))
    qtbot.waitUntil(window.browse_view.is_current, timeout=20_000)
    assert window.browse_view.list_model.n_misclassified == wrong
    assert window.train_view.train_button.isEnabled() and not window.train_view.stop_button.isEnabled()


def test_stop_takes_effect_and_keeps_the_network_so_far(window, qtbot):
    window.train_view.form.hidden_edit.setText("15")
    window.train_view.form.epochs_spin.setValue(30)
    window.train_view.start()
    run = window.controller.run
    qtbot.waitUntil(lambda: len(run.cost_points) >= 2, timeout=30_000)
    window.controller.stop()
    qtbot.waitUntil(lambda: not window.controller.is_running and window.train_view.is_settled(), timeout=10_000)
    plot = window.train_view.plot
    assert plot.current() is run and len(plot.curves(run)["validation_x"]) < 30
    assert "stopped" in window.train_view.status.text().lower()


def test_bad_hyperparameters_give_a_message_not_a_run(window):
    window.train_view.form.hidden_edit.setText("ten")
    window.train_view.start()
    assert not window.controller.is_running
    assert window.train_view.form_error.isVisibleTo(window) and "hidden layers" in window.train_view.form_error.text()


def test_save_then_open_model_round_trips(window, tmp_path):
    path = tmp_path / "mine"
    assert window.save_model(path)
    saved = tmp_path / "mine.npz"
    assert saved.exists()
    before = window.session.model
    window.open_model(saved)
    assert window.session.model is not before
    assert all(np.array_equal(a, b) for a, b in zip(window.session.model.weights, before.weights))


@pytest.mark.parametrize("content", [b"<!DOCTYPE html><html></html>", b"PK\x03\x04broken zip"])
def test_a_bad_model_file_leaves_the_current_model(window, tmp_path, content):
    bad = tmp_path / "bad.npz"
    bad.write_bytes(content)
    before = window.session.model
    window.open_model(bad)
    assert window.session.model is before
    assert window.errors and "bad.npz" in window.errors[-1][1]


def test_a_bad_data_folder_leaves_the_current_data(window, qtbot, tmp_path):
    before = window.session.data
    window.load_data(tmp_path, remember=True)
    qtbot.waitUntil(lambda: not window.session.loading, timeout=10_000)
    assert window.session.data is before
    assert window.errors and "missing the IDX file" in window.errors[-1][1]


def test_settings_are_remembered(qtbot, settings, monkeypatch):
    from mnist_gui.main_window import MainWindow

    monkeypatch.setattr(MainWindow, "_show_error", lambda *a: None)
    first = MainWindow(settings=settings)
    qtbot.addWidget(first)
    first.train_view.form.hidden_edit.setText("30")
    first.train_view.form.eta_spin.setValue(0.5)
    first.tabs.setCurrentIndex(2)
    first.close()
    second = MainWindow(settings=settings)
    qtbot.addWidget(second)
    assert second.train_view.form.hidden_edit.text() == "30" and second.train_view.form.eta_spin.value() == 0.5
    assert second.tabs.currentIndex() == 2
    qtbot.waitUntil(lambda: not second.session.loading, timeout=20_000)


def test_closing_during_training_stops_the_thread(window, qtbot):
    window.train_view.form.epochs_spin.setValue(30)
    window.train_view.start()
    run = window.controller.run
    qtbot.waitUntil(lambda: len(run.cost_points) >= 1, timeout=30_000)
    assert window.controller.is_running
    window.close()  # the window stays responsive while the run stops, then closes
    qtbot.waitUntil(lambda: not window.controller.is_running and not window.isVisible(), timeout=10_000)
    assert window.session.runs[-1].model is None  # a discarded run: no copy, no evaluation


def test_a_small_digit_in_a_corner_is_read_and_a_dot_is_not(window):
    window.draw_view.canvas.add_stroke([(30, 20), (31, 50), (32, 80)])
    assert window.draw_view.prediction.text() == "1"
    window.draw_view.canvas.clear()
    window.draw_view.canvas.add_stroke([(200, 200)])
    assert window.draw_view.prediction.text() == "–" and window.draw_view.detail.text() == "Draw it larger"


@pytest.mark.parametrize("text", ["784-30-10", "-5", "15 x", "abc", "3.5"])
def test_hidden_layers_accept_only_whole_numbers(text):
    from mnist_gui.config_form import parse_hidden_layers

    assert parse_hidden_layers("100, 30") == (100, 30) and parse_hidden_layers(" ") == ()
    with pytest.raises(ValueError, match="whole numbers"):
        parse_hidden_layers(text)


def test_the_form_shows_the_network_it_will_train(window):
    window.train_view.form.hidden_edit.setText("100 30")
    assert window.train_view.form.architecture_label.text() == "network: 784-100-30-10"
    window.train_view.form.hidden_edit.setText("784-30-10")
    assert "?" in window.train_view.form.architecture_label.text()


def test_a_weight_decay_that_blows_up_is_refused_in_the_form(window):
    window.train_view.form.eta_spin.setValue(100)
    window.train_view.form.l2_spin.setValue(1000)
    window.train_view.start()
    assert not window.controller.is_running and "weight decay" in window.train_view.form_error.text()


def test_a_bad_model_on_the_command_line_falls_back_to_the_bundled_one(qtbot, settings, monkeypatch, tmp_path):
    from mnist_gui.main_window import MainWindow

    errors = []
    monkeypatch.setattr(MainWindow, "_show_error", lambda self, title, text: errors.append(text))
    bad = tmp_path / "bad.npz"
    bad.write_text("<html>")
    w = MainWindow(settings=settings, model_path=bad)
    qtbot.addWidget(w)
    assert w.session.model.layer_sizes == MLP.load(default_model_path()).layer_sizes
    qtbot.waitUntil(lambda: bool(errors), timeout=5000)  # shown once the event loop runs
    assert "bad.npz" in errors[0] and "bundled network" in errors[0]
    qtbot.waitUntil(lambda: not w.session.loading, timeout=20_000)


@pytest.mark.parametrize("answer, closes", [("Cancel", False), ("Discard", True)])
def test_quitting_with_an_unsaved_network_asks_first(window, monkeypatch, answer, closes):
    from PySide6.QtWidgets import QMessageBox

    from mnist_gui.main_window import MainWindow

    monkeypatch.undo()  # the real _confirm_close, not the fixture's stand-in
    monkeypatch.setattr(MainWindow, "_show_error", lambda *a: None)
    asked = []
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *a, **k: asked.append(a) or getattr(QMessageBox.StandardButton, answer))
    window.session.set_model(window.session.model, "trained now", unsaved=True)
    assert window.close() is closes
    assert len(asked) == 1
    window.session.set_model(window.session.model, "trained now", unsaved=False)  # let the teardown close it


def test_a_preset_fills_the_form(window):
    from core.sgd import PRESETS

    index = window.train_view.form.preset_combo.findData("nielsen-ch3")
    window.train_view.form.preset_combo.activated.emit(index)
    config = window.train_view.form.config()
    expected = PRESETS["nielsen-ch3"].config
    assert config.layer_sizes == expected.layer_sizes and config.cost == "cross-entropy"
    assert (config.init, config.l2, config.learning_rate) == ("scaled", 5.0, 0.5)
    assert "nielsen-ch3" in window.train_view.status.text()


# -- a corrected network, your own digits -----------------------------------------------------

@pytest.fixture
def own_window(qtbot, settings, monkeypatch, tmp_path):
    """The main window with the real close question, its own digits in a temporary folder;
    error boxes recorded, questions answered by ``own_window.answers`` (recorded in ``asked``)."""
    from PySide6.QtWidgets import QMessageBox

    from mnist_gui.main_window import MainWindow

    monkeypatch.setattr(MainWindow, "_show_error", lambda self, title, text: None)
    asked, answers = [], []
    monkeypatch.setattr(QMessageBox, "question", lambda parent, title, text, *a: asked.append((title, text))
                        or getattr(QMessageBox.StandardButton, answers.pop(0) if answers else "Discard"))
    w = MainWindow(settings=settings, own_digits_dir=tmp_path / "my digits")
    w.asked, w.answers = asked, answers
    qtbot.addWidget(w)
    w.show()
    qtbot.waitUntil(lambda: w.session.data is not None and not w.session.loading, timeout=20_000)
    yield w
    w.session.finish_correction()
    w.session.set_model(w.session.model, "saved", unsaved=False)  # let the teardown close it unasked


def _misread(session):
    test = session.data.test
    i = int(np.flatnonzero(session.model.predict(test.X[:2000]) != test.y[:2000])[0])
    return test.X[i], int(test.y[i])


def _unsaved_run(window, qtbot):
    """A short run whose network was never saved, then the default model in use again."""
    from core.sgd import TrainConfig

    run = window.controller.start(TrainConfig(layer_sizes=(784, 10), n_epochs=1, train_size=500, seed=0))
    with qtbot.waitSignal(window.controller.finished, timeout=60_000):
        pass
    with qtbot.waitSignal(window.session.runs_changed, timeout=5000):  # the run's end, told in steps
        pass
    _settle(window, qtbot)
    assert window.session.model is run.model
    window.session.open_model(default_model_path())
    _settle(window, qtbot)
    return run


def _settle(window, qtbot):
    """Let the Train view take in the runs added (a step of its own, from the event loop)."""
    qtbot.waitUntil(window.train_view.is_settled, timeout=5000)


def test_quitting_during_a_correction_waits_for_it_and_offers_to_save_it(own_window, qtbot):
    session = own_window.session
    run = _unsaved_run(own_window, qtbot)
    x, label = _misread(session)
    session.correct(x, label)
    assert session.correcting
    own_window.answers.append("Cancel")
    assert own_window.close() is False
    assert not session.correcting and session.model_name == "default model, corrected" and session.unsaved
    ((title, text),) = own_window.asked
    assert title == "Save the corrected network?"
    assert "(default model, corrected) has not been saved" in text and f"networks of {run.name}" in text


def test_loading_another_model_asks_before_dropping_a_corrected_network(own_window, qtbot, monkeypatch, tmp_path):
    from PySide6.QtWidgets import QFileDialog

    session = own_window.session
    x, label = _misread(session)
    with qtbot.waitSignal(session.correction_finished, timeout=60_000):
        session.correct(x, label)
    corrected = session.model
    own_window.answers.append("Cancel")
    own_window.default_model_action.trigger()
    assert session.model is corrected and len(own_window.asked) == 1
    title, text = own_window.asked[0]
    assert title == "Save the corrected network?" and "loading the default model replaces it" in text
    saved = tmp_path / "corrected.npz"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(saved), ""))
    own_window.answers.append("Save")
    own_window.default_model_action.trigger()
    _settle(own_window, qtbot)
    assert saved.exists() and session.model is not corrected and session.model_name == "default model"
    assert np.array_equal(MLP.load(saved).weights[0], corrected.weights[0])

    with qtbot.waitSignal(session.correction_finished, timeout=60_000):  # again, and discard it
        session.correct(x, label)
    other = tmp_path / "other.npz"
    MLP((784, 10), rng=np.random.default_rng(0)).save(other)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(other), ""))
    own_window.answers.append("Discard")
    own_window.open_action.trigger()
    _settle(own_window, qtbot)
    assert session.model_name == "other.npz" and len(own_window.asked) == 3
    assert "loading other.npz replaces it" in own_window.asked[-1][1]

    _unsaved_run(own_window, qtbot)  # an unsaved run's network stays in the runs table: no question
    session.use_run(session.runs[-1])
    own_window.default_model_action.trigger()
    _settle(own_window, qtbot)
    assert session.model_name == "default model" and len(own_window.asked) == 3


def test_a_run_that_cannot_add_unreadable_digits_says_so_at_its_start(own_window, qtbot, tmp_path):
    from core.own_digits import IMAGES_FILE, LABELS_FILE
    from core.sgd import TrainConfig

    folder = tmp_path / "my digits"
    folder.mkdir()
    (folder / IMAGES_FILE).write_bytes(b"\x00\x00\x08\x03garbage")
    (folder / LABELS_FILE).write_bytes(b"\x00\x00\x08\x01\x00\x00\x00\x01\x07")
    own_window.session.reload_own_digits()
    box = own_window.train_view.form.own_digits_check
    assert "cannot be read" in box.text()
    with qtbot.waitSignal(own_window.controller.finished, timeout=60_000):
        own_window.controller.start(TrainConfig(layer_sizes=(784, 10), n_epochs=1, train_size=500, seed=0,
                                                add_own_digits=True))
        message = own_window.statusBar().currentMessage()
    assert "without your digits" in message and "leaves them out" in message
    assert own_window.controller.finished is not None


def test_use_network_and_a_new_run_ask_before_dropping_a_corrected_network(own_window, qtbot):
    session = own_window.session
    run = _unsaved_run(own_window, qtbot)  # a run whose network is in the runs table
    x, label = _misread(session)
    with qtbot.waitSignal(session.correction_finished, timeout=60_000):
        session.correct(x, label)
    corrected = session.model
    view = own_window.train_view
    own_window.answers.append("Cancel")
    view.runs_table.select_run(run)
    view.runs_table.use_button.click()
    assert session.model is corrected and "using the network of" in own_window.asked[-1][1]
    own_window.answers.append("Cancel")
    assert view.start() is False and not own_window.controller.is_running
    assert session.model is corrected and "training a new network" in own_window.asked[-1][1]
    own_window.answers.append("Discard")
    view.runs_table.use_button.click()
    assert session.model is run.model

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
    assert window.model.layer_sizes == MLP.load(default_model_path()).layer_sizes
    assert "test accuracy" in window._model_label.text()
    assert window.statusBar() is not None


def test_drawing_a_one_is_predicted_live_and_clear_resets(window, qtbot):
    assert window.draw_prediction.text() == "–"  # an empty canvas claims no digit
    window.canvas.add_stroke([(140, 40), (142, 120), (144, 240)])
    assert window.draw_prediction.text() == "1"
    assert window.draw_bars.heights().argmax() == 1
    assert window.draw_input.pixmap() is not None and not window.draw_input.pixmap().isNull()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=5000)
    qtbot.keyClick(window, Qt.Key.Key_Escape)
    assert window.canvas.is_empty() and window.draw_prediction.text() == "–"


def test_browse_counts_exactly_the_misclassified_test_images(window, mnist):
    predictions = window.model.predict(mnist.test.X)
    wrong = int(np.count_nonzero(predictions != mnist.test.y))
    assert window.browse_model.n_misclassified == wrong
    assert window.browse_count.text() == f"{wrong:,} misclassified of 10,000"
    window.browse_show.setCurrentIndex(1)  # misclassified only
    assert window.browse_model.rowCount() == wrong
    assert window.browse_count.text() == f"{wrong:,} misclassified of 10,000"
    window.browse_true.setCurrentIndex(1 + 5)  # misclassified fives only
    fives = int(np.count_nonzero((predictions != mnist.test.y) & (mnist.test.y == 5)))
    assert window.browse_count.text() == f"showing {fives:,} · {wrong:,} misclassified of 10,000"
    window.browse_true.setCurrentIndex(0)
    # Clicking a thumbnail shows it large with its labels and activations.
    index = window.browse_model.index(0)
    window.browse_list.setCurrentIndex(index)
    image_index = window.browse_model.source_index(0)
    assert f"#{image_index}" in window.browse_title.text()
    assert f"True label: <b>{mnist.test.y[image_index]}</b>" in window.browse_title.text()
    assert f"Predicted: <b>{predictions[image_index]}</b>" in window.browse_title.text()
    assert np.allclose(window.browse_bars.heights(), window.model.feedforward(mnist.test.X[image_index][None])[0],
                       atol=1e-6)


def test_confusion_matrix_cell_filters_the_browser(window, mnist):
    predictions = window.model.predict(mnist.test.X)
    window.confusion_table.cellClicked.emit(4, 9)  # true 4 predicted 9
    expected = int(np.sum((mnist.test.y == 4) & (predictions == 9)))
    assert window.browse_model.rowCount() == expected
    assert int(window.confusion_table.item(4, 9).text()) == expected


def test_training_runs_in_a_thread_updates_plots_and_views(window, qtbot):
    window.hidden_edit.setText("10")
    window.epochs_spin.setValue(1)
    window.seed_spin.setValue(3)
    old_model = window.model
    window.start_training()
    assert window.is_training() and not window.train_button.isEnabled() and window.stop_button.isEnabled()
    qtbot.waitUntil(lambda: not window.is_training(), timeout=60_000)
    assert window.model is not old_model and window.model.layer_sizes == (784, 10, 10)
    assert window.plot.cost.n >= 5 and window.plot.validation.n == window.plot.test.n == window.plot.training.n == 1
    assert window.progress_bar.value() == 1000
    assert "trained now" in window._model_label.text() and window.windowTitle().startswith("trained now*")
    wrong = int(np.count_nonzero(window.model.predict(window.data.test.X) != window.data.test.y))
    assert window.browse_model.n_misclassified == wrong
    assert window.train_button.isEnabled() and not window.stop_button.isEnabled()


def test_stop_takes_effect_and_keeps_the_network_so_far(window, qtbot):
    window.hidden_edit.setText("15")
    window.epochs_spin.setValue(30)
    window.start_training()
    qtbot.waitUntil(lambda: window.plot.cost.n >= 2, timeout=30_000)
    window.stop_training()
    qtbot.waitUntil(lambda: not window.is_training(), timeout=10_000)
    assert window.plot.validation.n < 30
    assert "stopped" in window.train_status.text().lower()


def test_bad_hyperparameters_give_a_message_not_a_run(window):
    window.hidden_edit.setText("ten")
    window.start_training()
    assert not window.is_training()
    assert window.form_error.isVisibleTo(window) and "hidden layers" in window.form_error.text()


def test_save_then_open_model_round_trips(window, tmp_path):
    path = tmp_path / "mine"
    assert window.save_model(path)
    saved = tmp_path / "mine.npz"
    assert saved.exists()
    before = window.model
    window._open_model(saved)
    assert window.model is not before
    assert all(np.array_equal(a, b) for a, b in zip(window.model.weights, before.weights))


@pytest.mark.parametrize("content", [b"<!DOCTYPE html><html></html>", b"PK\x03\x04broken zip"])
def test_a_bad_model_file_leaves_the_current_model(window, tmp_path, content):
    bad = tmp_path / "bad.npz"
    bad.write_bytes(content)
    before = window.model
    window._open_model(bad)
    assert window.model is before
    assert window.errors and "bad.npz" in window.errors[-1][1]


def test_a_bad_data_folder_leaves_the_current_data(window, qtbot, tmp_path):
    before = window.data
    window.load_data(tmp_path, remember=True)
    qtbot.waitUntil(lambda: window._load_thread is None, timeout=10_000)
    assert window.data is before
    assert window.errors and "missing the IDX file" in window.errors[-1][1]


def test_settings_are_remembered(qtbot, settings, monkeypatch):
    from mnist_gui.main_window import MainWindow

    monkeypatch.setattr(MainWindow, "_show_error", lambda *a: None)
    first = MainWindow(settings=settings)
    qtbot.addWidget(first)
    first.hidden_edit.setText("30")
    first.eta_spin.setValue(0.5)
    first.tabs.setCurrentIndex(2)
    first.close()
    second = MainWindow(settings=settings)
    qtbot.addWidget(second)
    assert second.hidden_edit.text() == "30" and second.eta_spin.value() == 0.5
    assert second.tabs.currentIndex() == 2
    qtbot.waitUntil(lambda: second._load_thread is None, timeout=20_000)


def test_closing_during_training_stops_the_thread(window, qtbot):
    window.epochs_spin.setValue(30)
    window.start_training()
    qtbot.waitUntil(lambda: window.plot.cost.n >= 1, timeout=30_000)
    thread = window._train_thread
    assert thread.isRunning()
    window.close()
    assert not window.is_training()


def test_a_small_digit_in_a_corner_is_read_and_a_dot_is_not(window):
    window.canvas.add_stroke([(30, 20), (31, 50), (32, 80)])
    assert window.draw_prediction.text() == "1"
    window.canvas.clear()
    window.canvas.add_stroke([(200, 200)])
    assert window.draw_prediction.text() == "–" and window.draw_detail.text() == "Draw it larger"


@pytest.mark.parametrize("text", ["784-30-10", "-5", "15 x", "abc", "3.5"])
def test_hidden_layers_accept_only_whole_numbers(text):
    from mnist_gui.main_window import parse_hidden_layers

    assert parse_hidden_layers("100, 30") == (100, 30) and parse_hidden_layers(" ") == ()
    with pytest.raises(ValueError, match="whole numbers"):
        parse_hidden_layers(text)


def test_the_form_shows_the_network_it_will_train(window):
    window.hidden_edit.setText("100 30")
    assert window.architecture_label.text() == "network: 784-100-30-10"
    window.hidden_edit.setText("784-30-10")
    assert "?" in window.architecture_label.text()


def test_a_weight_decay_that_blows_up_is_refused_in_the_form(window):
    window.eta_spin.setValue(100)
    window.l2_spin.setValue(1000)
    window.start_training()
    assert not window.is_training() and "weight decay" in window.form_error.text()


def test_a_bad_model_on_the_command_line_falls_back_to_the_bundled_one(qtbot, settings, monkeypatch, tmp_path):
    from mnist_gui.main_window import MainWindow

    errors = []
    monkeypatch.setattr(MainWindow, "_show_error", lambda self, title, text: errors.append(text))
    bad = tmp_path / "bad.npz"
    bad.write_text("<html>")
    w = MainWindow(settings=settings, model_path=bad)
    qtbot.addWidget(w)
    assert w.model.layer_sizes == MLP.load(default_model_path()).layer_sizes
    qtbot.waitUntil(lambda: bool(errors), timeout=5000)  # shown once the event loop runs
    assert "bad.npz" in errors[0] and "bundled network" in errors[0]
    qtbot.waitUntil(lambda: w._load_thread is None, timeout=20_000)


@pytest.mark.parametrize("answer, closes", [("Cancel", False), ("Discard", True)])
def test_quitting_with_an_unsaved_network_asks_first(window, monkeypatch, answer, closes):
    from PySide6.QtWidgets import QMessageBox

    from mnist_gui.main_window import MainWindow

    monkeypatch.undo()  # the real _confirm_close, not the fixture's stand-in
    monkeypatch.setattr(MainWindow, "_show_error", lambda *a: None)
    asked = []
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *a, **k: asked.append(a) or getattr(QMessageBox.StandardButton, answer))
    window._unsaved = True
    assert window.close() is closes
    assert len(asked) == 1
    window._unsaved = False  # let the fixture's teardown close it


def test_a_preset_fills_the_form(window):
    from core.sgd import PRESETS

    index = window.preset_combo.findData("nielsen-ch3")
    window.preset_combo.activated.emit(index)
    config = window.training_config()
    expected = PRESETS["nielsen-ch3"].config
    assert config.layer_sizes == expected.layer_sizes and config.cost == "cross-entropy"
    assert (config.init, config.l2, config.learning_rate) == ("scaled", 5.0, 0.5)
    assert "nielsen-ch3" in window.train_status.text()

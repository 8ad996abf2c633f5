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
    predictions = window.session.model.predict(mnist.test.X)
    wrong = int(np.count_nonzero(predictions != mnist.test.y))
    assert window.browse_view.list_model.n_misclassified == wrong
    assert window.browse_view.count_label.text() == f"{wrong:,} misclassified of 10,000"
    window.browse_view.show_combo.setCurrentIndex(1)  # misclassified only
    assert window.browse_view.list_model.rowCount() == wrong
    assert window.browse_view.count_label.text() == f"{wrong:,} misclassified of 10,000"
    window.browse_view.true_combo.setCurrentIndex(1 + 5)  # misclassified fives only
    fives = int(np.count_nonzero((predictions != mnist.test.y) & (mnist.test.y == 5)))
    assert window.browse_view.count_label.text() == f"showing {fives:,} · {wrong:,} misclassified of 10,000"
    window.browse_view.true_combo.setCurrentIndex(0)
    # Clicking a thumbnail shows it large with its labels and activations.
    index = window.browse_view.list_model.index(0)
    window.browse_view.list_view.setCurrentIndex(index)
    image_index = window.browse_view.list_model.source_index(0)
    assert f"#{image_index}" in window.browse_view.title.text()
    assert f"True label: <b>{mnist.test.y[image_index]}</b>" in window.browse_view.title.text()
    assert f"Predicted: <b>{predictions[image_index]}</b>" in window.browse_view.title.text()
    assert np.allclose(window.browse_view.bars.heights(), window.session.model.feedforward(mnist.test.X[image_index][None])[0],
                       atol=1e-6)


def test_confusion_matrix_cell_filters_the_browser(window, mnist):
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
    assert window.windowTitle().startswith(run.name + "*")
    wrong = int(np.count_nonzero(window.session.model.predict(window.session.data.test.X) != window.session.data.test.y))
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

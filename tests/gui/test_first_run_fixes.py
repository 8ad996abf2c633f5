"""What a newcomer met on a first run (issue 12): a stale "Loading data from …" after a failed
load, the Train and Stop buttons jumping when the form's error line appeared, and the
hidden-layers hint cut off."""

import pytest


def test_a_failed_load_replaces_the_loading_message_with_the_failure(window, qtbot, tmp_path):
    folder = tmp_path / "empty"
    folder.mkdir()
    window.load_data(folder)
    assert "Loading data from" in window.statusBar().currentMessage()
    qtbot.waitUntil(lambda: bool(window.errors) and not window.session.loading, timeout=20_000)
    message = window.statusBar().currentMessage()
    assert "Loading" not in message and "Could not load data from" in message and str(folder) in message
    assert "Loading" not in window.labels.data_label.text()
    assert window.errors[-1][0] == "Cannot load data"


def _y(window, widget) -> int:
    return widget.mapTo(window, widget.rect().topLeft()).y()


def _settled(qtbot, window, size) -> None:
    """Wait for the window's size, the form's wrapped hint and the estimate (measured after a
    pause in the typing) to be laid out."""
    view, label = window.train_view, window.train_view.form.architecture_label
    qtbot.waitUntil(lambda: view.isVisible() and window.width() == size[0], timeout=5000)
    qtbot.waitUntil(lambda: not view._estimate_timer.isActive()
                    and label.height() >= label.heightForWidth(label.width()), timeout=5000)
    qtbot.wait(100)


@pytest.mark.parametrize("size", [(1280, 820), (800, 600)])
def test_the_run_buttons_stay_put_when_train_is_refused(window, qtbot, size):
    window.resize(*size)
    window.tabs.setCurrentWidget(window.train_view)
    view = window.train_view
    view.form.hidden_edit.setText("30 abc")  # the field's own message appears now, before the press
    _settled(qtbot, window, size)
    before = {button.text(): _y(window, button) for button in (view.train_button, view.stop_button)}
    view.train_button.click()
    qtbot.waitUntil(lambda: view.form_error.isVisible(), timeout=5000)
    qtbot.wait(100)
    assert "Cannot train" in view.form_error.text()
    after = {button.text(): _y(window, button) for button in (view.train_button, view.stop_button)}
    assert after == before
    view.form.hidden_edit.setText("30")  # the error line goes: the buttons stay too
    qtbot.waitUntil(lambda: not view.form_error.isVisible(), timeout=5000)
    view.form.hidden_edit.setText("30 abc")  # (the same hint as before, for the same layout above)
    _settled(qtbot, window, size)
    assert {button.text(): _y(window, button) for button in (view.train_button, view.stop_button)} == before


@pytest.mark.parametrize("size", [(1280, 820), (800, 600)])
def test_the_hidden_layers_hint_is_shown_whole(window, qtbot, size):
    window.resize(*size)
    window.tabs.setCurrentWidget(window.train_view)
    view = window.train_view
    view.form.hidden_edit.setText("30 abc")
    _settled(qtbot, window, size)
    label = view.form.architecture_label
    assert label.text().startswith("network: ?") and "whole numbers" in label.text()
    assert label.wordWrap()
    assert label.heightForWidth(label.width()) <= label.height()  # every wrapped line has room
    viewport = view.form_scroll.viewport()
    right = label.mapTo(viewport, label.rect().topRight()).x()
    assert right <= viewport.width()  # not cut at the column's edge

"""The Draw view: answers at any mouse rate, undo and redo, clearing, the pen, the steps and
the verdict in words, test images and image files, the network of a run in progress."""

import time

import numpy as np
import pytest
from PySide6.QtCore import QEvent, QPointF, Qt
from PySide6.QtGui import QImage, QMouseEvent
from PySide6.QtWidgets import QApplication

from benchmarks._canvas_timing import digit_strokes
from core.mlp import MLP
from core.paths import default_model_path
from core.reading import DIGIT, NOT_A_DIGIT, UNSURE, read_canvas
from mnist_gui.canvas import DEFAULT_PEN
from mnist_gui.session import Session
from mnist_gui.widgets import gray_qimage

LEFT, NONE = Qt.MouseButton.LeftButton, Qt.MouseButton.NoButton


@pytest.fixture
def session(qtbot, mnist):
    """A session with the bundled network and the real MNIST, set synchronously."""
    s = Session()
    s.set_data(mnist)
    s.open_model(default_model_path())
    return s


@pytest.fixture
def view(qtbot, session):
    from mnist_gui.views.draw import DrawView

    v = DrawView(session)
    qtbot.addWidget(v)
    v.show()
    v.activateWindow()
    qtbot.waitUntil(v.isActiveWindow, timeout=5000)
    return v


def _mouse(widget, kind, x, y, button, buttons):
    pos = QPointF(x, y)
    event = QMouseEvent(kind, pos, widget.mapToGlobal(pos), button, buttons, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(widget, event)


def _drag(canvas, points, rate_hz=1000):
    """A stroke as real mouse events, ``rate_hz`` moves a second, the event loop running between."""
    _mouse(canvas, QEvent.Type.MouseButtonPress, *points[0], LEFT, LEFT)
    start = time.perf_counter()
    for k, (x, y) in enumerate(points[1:], 1):
        while time.perf_counter() < start + k / rate_hz:
            QApplication.processEvents()
        _mouse(canvas, QEvent.Type.MouseMove, x, y, NONE, LEFT)
    _mouse(canvas, QEvent.Type.MouseButtonRelease, *points[-1], LEFT, NONE)


def _one(view):
    view.canvas.add_stroke([(140, 40), (142, 120), (144, 240)])


def test_a_stroke_replayed_at_1000_events_a_second_gives_the_same_input_as_added_at_once(qtbot, session, view):
    from mnist_gui.views.draw import ANSWER_MS, DrawView

    strokes = digit_strokes(8, np.random.default_rng(5)) + digit_strokes(2, np.random.default_rng(6))
    answers = []
    view.reading_changed.connect(lambda reading: answers.append(view.canvas.is_drawing()))
    start = time.perf_counter()
    for stroke in strokes:
        _drag(view.canvas, stroke.tolist())
    seconds = time.perf_counter() - start
    at_once = DrawView(session)
    qtbot.addWidget(at_once)
    for stroke in strokes:
        at_once.canvas.add_stroke(stroke.tolist())
    assert view.reading.input is not None
    assert (view.reading.input == at_once.reading.input).all()  # the 28 x 28 input, exactly
    assert view.reading.digit == at_once.reading.digit
    # It answered while drawing, but not at every move: at most once per ANSWER_MS, and
    # once at each stroke's end.
    while_drawing = answers.count(True)
    n_moves = sum(len(s) for s in strokes)
    assert 1 <= while_drawing <= seconds * 1000 / ANSWER_MS + len(strokes) < n_moves / 5
    assert answers.count(False) == len(strokes)


def test_moves_do_not_answer_at_once_but_within_the_throttle(qtbot, view):
    from mnist_gui.views.draw import ANSWER_MS

    before = view.reading
    _mouse(view.canvas, QEvent.Type.MouseButtonPress, 140, 40, LEFT, LEFT)
    for y in range(44, 240, 4):
        _mouse(view.canvas, QEvent.Type.MouseMove, 140, y, NONE, LEFT)
    assert view.reading is before  # no answer computed inside a mouse move
    qtbot.waitUntil(lambda: view.reading is not before, timeout=20 * ANSWER_MS)
    during = view.reading
    _mouse(view.canvas, QEvent.Type.MouseButtonRelease, 140, 240, LEFT, NONE)
    assert view.reading is not during and view.prediction.text() == "1"  # the end answered at once


def test_every_answer_is_core_reading_of_the_canvas(view, session):
    _one(view)
    expected = read_canvas(session.model, view.canvas.network_array_or_image())
    assert view.reading.verdict == expected.verdict == DIGIT
    assert (view.reading.input == expected.input).all()
    assert np.allclose(view.bars.heights(), expected.activations)


def test_the_steps_show_what_the_network_sees(view):
    _one(view)
    reading = view.reading
    for step in (view.steps.cropped_view, view.steps.scaled_view, view.steps.input_view):
        assert step.pixmap() is not None and not step.pixmap().isNull()
    h, w = reading.cropped.shape
    assert view.steps.cropped_size.text() == f"{w} x {h} canvas pixels"
    h2, w2 = reading.scaled.shape
    assert max(h2, w2) == 20 and view.steps.scaled_size.text() == f"{w2} x {h2} pixels"
    assert view.verdict_label.text() == "It is a 1." and view.detail.text().startswith("activation ")
    view.clear()
    assert view.steps.cropped_view.pixmap().isNull() and view.steps.cropped_size.text() == ""


def test_undo_restores_the_exact_previous_image_and_answer_and_redo_comes_back(qtbot, view):
    _one(view)
    image, answer = view.canvas.image(), view.reading
    assert not view.redo_action.isEnabled() and view.undo_action.isEnabled()
    view.canvas.add_stroke([(90, 40), (190, 40)])  # a bar on top: a 7 now
    after = view.canvas.image()
    qtbot.keyClick(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert (view.canvas.image() == image).all()
    assert (view.reading.input == answer.input).all() and view.prediction.text() == "1"
    assert view.redo_action.isEnabled()
    qtbot.keyClick(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert (view.canvas.image() == after).all()
    view.undo_button.click()
    view.undo_button.click()
    assert view.canvas.is_empty() and view.prediction.text() == "–" and not view.undo_button.isEnabled()
    view.redo_button.click()
    assert (view.canvas.image() == image).all()


@pytest.mark.parametrize("how", ["Esc", "Delete", "right click", "button"])
def test_clear_by_esc_delete_a_right_click_or_the_button_and_undo_it(qtbot, view, how):
    _one(view)
    drawn = view.canvas.image()
    if how == "Esc":
        qtbot.keyClick(view, Qt.Key.Key_Escape)
    elif how == "Delete":
        qtbot.keyClick(view, Qt.Key.Key_Delete)
    elif how == "right click":
        qtbot.mouseClick(view.canvas, Qt.MouseButton.RightButton)
    else:
        view.clear_button.click()
    assert view.canvas.is_empty() and view.prediction.text() == "–" and view.reading.reason == "empty"
    qtbot.keyClick(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert (view.canvas.image() == drawn).all() and view.prediction.text() == "1"


def test_the_keys_work_only_while_the_view_is_shown(qtbot, view):
    _one(view)
    assert view.clear_action.isEnabled() and view.undo_action.isEnabled()
    view.hide()
    assert not view.clear_action.isEnabled() and not view.undo_action.isEnabled()
    view.show()
    assert view.clear_action.isEnabled() and view.undo_action.isEnabled()


def test_the_pen_slider_sets_the_width_and_is_remembered(qtbot, session, settings, view):
    from mnist_gui.views.draw import DrawView

    assert view.pen_slider.value() == DEFAULT_PEN == view.canvas.pen_width()
    view.pen_slider.setValue(8)
    assert view.canvas.pen_width() == 8 and view.pen_label.text() == "8 px"
    view.canvas.add_stroke([(140, 40), (140, 240)])
    assert np.count_nonzero(view.canvas.image()[140] > 127) <= 10
    view.save_settings(settings)
    other = DrawView(session)
    qtbot.addWidget(other)
    other.restore_settings(settings)
    assert other.pen_slider.value() == 8 and other.canvas.pen_width() == 8
    for garbage in ("wide", "1000", "-3", None):
        settings.setValue("draw/pen_width", garbage)
        other.restore_settings(settings)
        assert other.pen_slider.value() == DEFAULT_PEN


def test_the_window_remembers_the_pen_width(qtbot, window, settings):
    from mnist_gui.main_window import MainWindow

    window.draw_view.pen_slider.setValue(35)
    window.close()
    again = MainWindow(settings=settings)
    qtbot.addWidget(again)
    assert again.draw_view.pen_slider.value() == 35 and again.draw_view.canvas.pen_width() == 35


def test_a_small_digit_drawn_with_a_thin_or_thick_pen_is_read(view):
    for width in (6, 22, 45):
        view.clear()
        view.pen_slider.setValue(width)
        for stroke in digit_strokes(7, np.random.default_rng(2)):
            view.canvas.add_stroke(stroke.tolist())
        assert view.reading.verdict == DIGIT and view.reading.digit == 7, width


def test_load_a_chosen_or_a_random_test_image_and_edit_it(qtbot, view, mnist):
    index = int(np.flatnonzero(mnist.test.y == 3)[0])
    view.test_index_spin.setValue(index)
    view.load_test_button.click()
    image = view.canvas.image()
    assert image.shape == (280, 280) and abs(image.mean() - mnist.test.images[index].mean()) < 3
    assert view.reading.verdict == DIGIT and view.reading.digit == 3
    assert f"{index:,}" in view.message.text() and "labelled 3" in view.message.text()
    view.canvas.add_stroke([(60, 60), (220, 220)])  # edit it: the answer changes with the drawing
    assert view.reading.input is not None and not (view.reading.input == read_canvas(
        view._session.model, image).input).all()
    view.undo_action.trigger()
    view.undo_action.trigger()
    assert view.canvas.is_empty()
    view.random_test_button.click()
    assert not view.canvas.is_empty() and 0 <= view.test_index_spin.value() < len(mnist.test)
    assert view.test_index_spin.maximum() == len(mnist.test) - 1


def test_without_data_the_test_image_buttons_wait(qtbot):
    from mnist_gui.views.draw import DrawView

    session = Session()
    session.open_model(default_model_path())
    view = DrawView(session)
    qtbot.addWidget(view)
    assert not view.load_test_button.isEnabled() and not view.load_test_action.isEnabled()
    assert not view.load_test_image() and "not loaded" in view.message.text() and view.canvas.is_empty()


def _digit_on_paper(mnist, index, scale=3):
    """A test image as dark ink on light paper, larger and not square (a scan, say)."""
    digit = np.kron(255 - mnist.test.images[index], np.ones((scale, scale), np.uint8))
    paper = np.full((28 * scale + 40, 28 * scale + 90), 255, np.uint8)
    paper[20:20 + 28 * scale, 30:30 + 28 * scale] = digit
    return paper


@pytest.mark.parametrize("suffix", ["png", "jpg"])
def test_open_an_image_file_of_dark_ink_on_paper(view, mnist, tmp_path, suffix):
    index = int(np.flatnonzero(mnist.test.y == 4)[0])
    path = tmp_path / f"four.{suffix}"
    assert gray_qimage(_digit_on_paper(mnist, index)).save(str(path))
    assert view.open_image(path)
    assert view.reading.inverted and view.reading.verdict == DIGIT and view.reading.digit == 4
    assert view.steps.inverted_label.isVisibleTo(view)
    assert "four." in view.message.text()
    view.undo_action.trigger()
    assert view.canvas.is_empty()


def test_a_dropped_image_file_is_opened(view, mnist, tmp_path):
    path = tmp_path / "seven.png"
    index = int(np.flatnonzero(mnist.test.y == 7)[0])
    assert gray_qimage(mnist.test.images[index]).save(str(path))
    view.canvas.file_dropped.emit(str(path))
    assert view.reading.digit == 7 and not view.reading.inverted


def test_a_transparent_png_is_read_as_on_white_paper(view, mnist, tmp_path):
    index = int(np.flatnonzero(mnist.test.y == 2)[0])
    ink = gray_qimage(mnist.test.images[index]).scaled(112, 112)
    image = QImage(112, 112, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    for y in range(112):
        for x in range(112):
            alpha = ink.pixelColor(x, y).red()
            if alpha:
                image.setPixelColor(x, y, Qt.GlobalColor.black)
                colour = image.pixelColor(x, y)
                colour.setAlpha(alpha)
                image.setPixelColor(x, y, colour)
    path = tmp_path / "two.png"
    assert image.save(str(path))
    assert view.open_image(path)
    assert view.reading.inverted and view.reading.digit == 2


@pytest.mark.parametrize("content", [b"\x89PNG\r\n\x1a\n this is not an image", b"", None])
def test_an_unreadable_file_gives_a_message_and_changes_nothing(view, tmp_path, content):
    _one(view)
    image, reading = view.canvas.image(), view.reading
    path = tmp_path / "broken.png"
    if content is not None:
        path.write_bytes(content)
    assert not view.open_image(path)
    assert "broken.png" in view.message.text() and "PNG or JPEG" in view.message.text()
    assert (view.canvas.image() == image).all() and view.reading is reading


def test_not_a_digit_and_unsure_are_said_in_words(view, session):
    view.canvas.add_stroke([(60, 150), (220, 140)])  # a dash
    assert view.reading.verdict == NOT_A_DIGIT and view.prediction.text() == "–"
    assert view.verdict_label.text().startswith("Not a digit")
    view.clear()
    view.canvas.add_stroke([(200, 200)])  # a dot
    assert view.reading.reason == "dot" and view.detail.text() == "Draw it larger"
    view.canvas.set_image(np.full((280, 280), 255, np.uint8))  # a full canvas
    assert view.reading.verdict == NOT_A_DIGIT and view.prediction.text() == "–"
    view.clear()
    assert view.verdict_label.text() == "Nothing drawn yet." and view.detail.text() == "Draw a digit"

    flat = MLP((784, 10), rng=np.random.default_rng(0))
    flat.set_params([np.zeros_like(p) for p in flat.get_params()])  # every output 0.5: a tie
    session.set_model(flat, "flat")
    _one(view)
    assert view.reading.verdict == UNSURE and view.reading.reason == "close second"
    assert view.verdict_label.text().startswith("Unsure: a ") and "close" in view.detail.text()
    weak = MLP((784, 10), rng=np.random.default_rng(0))
    weak.set_params([np.zeros_like(weak.weights[0]), np.full(10, -5.0, dtype=weak.dtype)])
    session.set_model(weak, "weak")
    assert view.reading.reason == "low confidence" and view.verdict_label.text().startswith("Unsure: perhaps")


def test_during_a_run_the_canvas_answers_with_each_epoch_s_network(view, session):
    _one(view)
    assert view.prediction.text() == "1"
    flat = MLP((784, 10), rng=np.random.default_rng(0))
    flat.set_params([np.zeros_like(flat.weights[0]), np.eye(10, dtype=flat.dtype)[7] * 8 - 4])
    session.set_preview(flat)  # a run's latest epoch: answers 7 to everything
    assert view.reading.digit == 7 and view.prediction.text() == "7"
    session.set_preview(None)  # the run ended
    assert view.prediction.text() == "1"


def test_the_window_s_menus_hold_the_draw_view_s_commands(qtbot, window):
    def actions(menu_name):
        menu = next(a.menu() for a in window.menuBar().actions() if a.text().replace("&", "") == menu_name)
        return {a.text().replace("&", ""): a for a in menu.actions()}

    edit, file = actions("Edit"), actions("File")
    assert {"Undo Stroke", "Redo Stroke", "Clear Drawing", "Load Test Image", "Load Random Test Image"} <= set(edit)
    assert edit["Undo Stroke"].shortcut().toString() == "Ctrl+Z"
    assert edit["Redo Stroke"].shortcut().toString() == "Ctrl+Shift+Z"
    assert [k.toString() for k in edit["Clear Drawing"].shortcuts()] == ["Esc", "Del"]
    assert "Open Image…" in file and file["Open Image…"].shortcut().toString() == "Ctrl+Shift+O"
    view = window.draw_view
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=5000)
    view.canvas.add_stroke([(140, 40), (142, 120), (144, 240)])
    qtbot.keyClick(window, Qt.Key.Key_Delete)
    assert view.canvas.is_empty()
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert view.prediction.text() == "1"
    window.tabs.setCurrentWidget(window.train_view)  # on another view, the keys leave the drawing alone
    qtbot.keyClick(window, Qt.Key.Key_Escape)
    assert not view.canvas.is_empty()
    edit["Load Random Test Image"].trigger()  # from the menu: the Draw view comes to the front with the image
    assert window.tabs.currentWidget() is view and view.reading.input is not None


def test_a_large_photo_is_decoded_smaller_and_read(view, mnist, tmp_path):
    index = int(np.flatnonzero(mnist.test.y == 4)[0])
    path = tmp_path / "photo.jpg"
    assert gray_qimage(_digit_on_paper(mnist, index, scale=60)).save(str(path))  # 1,770 x 1,720 pixels
    assert view.open_image(path)
    assert "1770 x 1720" in view.message.text()
    assert view.reading.inverted and view.reading.verdict == DIGIT and view.reading.digit == 4


def _png_header_only(path, width, height):
    """A PNG whose header says ``width`` x ``height`` grey pixels (its data holds one row): what
    Qt reads of a huge picture before decoding it."""
    import struct
    import zlib

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(bytes(width + 1)))
                     + chunk(b"IEND", b""))


def test_a_picture_too_large_to_decode_is_refused_with_its_size(view, tmp_path):
    # (Qt's warning "Rejecting image as it exceeds the current allocation limit" would fail the test.)
    _one(view)
    image, reading = view.canvas.image(), view.reading
    path = tmp_path / "huge.png"
    _png_header_only(path, 30_000, 30_000)
    assert not view.open_image(path)
    text = view.message.text()
    assert text.startswith("Cannot open huge.png: the picture is too large, 30,000 x 30,000 pixels (858 MB")
    assert "256 MB allowed" in text and "Scale it down" in text
    assert (view.canvas.image() == image).all() and view.reading is reading


def test_the_view_says_which_network_answers(view, session):
    from core.sgd import TrainConfig

    _one(view)
    assert view.source_label.text() == "Answered by default model"
    run = session.add_run(TrainConfig(layer_sizes=(784, 10)))  # a run starts: the current network answers
    assert view.source_label.text() == f"Answered by default model (until {run.name} completes its first epoch)"
    epoch = MLP((784, 10), rng=np.random.default_rng(0))
    epoch.metadata["history"] = [{"epoch": e} for e in range(1, 5)]
    session.set_preview(epoch)  # its 4th epoch
    assert view.source_label.text() == f"Answered by {run.name}, after epoch 4 (training)"
    session.rename_run(run, "my run")
    assert view.source_label.text() == "Answered by my run, after epoch 4 (training)"
    session.end_run(run, "Training stopped", epoch)
    session.set_preview(None)
    assert view.source_label.text() == "Answered by my run"


@pytest.mark.parametrize("reason", ["empty", "dot", "blot", "line", "hatching", "scattered", "dense", "hairline",
                                    "scribble", "full", "crossed lines", "zigzag"])
def test_every_reason_core_gives_has_words(view, reason):
    from core.reading import NOT_A_DIGIT, Reading

    reading = Reading(verdict=NOT_A_DIGIT, reason=reason, digit=None, activations=None, input=None,
                      cropped=None, scaled=None, inverted=False)
    verdict, detail = view._words(reading)
    assert f"({reason})" not in verdict and verdict.startswith(("Not a digit: ", "Nothing drawn")) and detail


@pytest.mark.parametrize("size", [(800, 600), (1280, 820)])
def test_the_draw_view_fits_and_its_answer_scrolls_rather_than_overlaps(window, qtbot, size):
    window.draw_view.load_test_image(0)  # with ink: the steps' captions and sizes have text
    window.resize(*size)
    window.tabs.setCurrentWidget(window.draw_view)
    qtbot.waitUntil(lambda: window.draw_view.isVisible() and window.width() == size[0], timeout=5000)
    qtbot.wait(50)
    view = window.draw_view
    frame = window.rect()
    for control in (view.canvas, view.undo_button, view.redo_button, view.clear_button, view.pen_slider,
                    view.test_index_spin, view.load_test_button, view.random_test_button, view.open_image_button,
                    view.prediction):
        corners = (control.mapTo(window, control.rect().topLeft()), control.mapTo(window, control.rect().bottomRight()))
        assert control.isVisible() and all(frame.contains(c) for c in corners), control
        assert control.width() >= min(control.sizeHint().width(), control.minimumSizeHint().width()), control
    scroll = view.answer_scroll
    qtbot.waitUntil(lambda: scroll.viewport().width() > 0)
    assert scroll.widget().minimumSizeHint().width() <= scroll.viewport().width()  # nothing cut at the right
    assert scroll.widget().height() >= scroll.widget().minimumSizeHint().height()  # nothing squeezed: it scrolls
    steps = view.steps
    assert not steps.cropped_view.geometry().intersects(steps.scaled_view.geometry())
    assert not steps.scaled_view.geometry().intersects(steps.input_view.geometry())
    for view_ in (steps.cropped_view, steps.scaled_view, steps.input_view):  # never squeezed below their size
        assert view_.height() == view_.width() == 120
    below = steps.input_view.mapTo(steps, steps.input_view.rect().bottomLeft()).y()
    assert steps.cropped_size.mapTo(steps, steps.cropped_size.rect().topLeft()).y() >= below
    assert steps.bars.mapTo(steps, steps.bars.rect().topLeft()).y() > below
    assert steps.bars.height() >= steps.bars.minimumHeight()
    if size == (1280, 820):
        assert not scroll.verticalScrollBar().isVisible()  # it all fits: no scroll bar

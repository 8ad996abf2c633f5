"""The drawing canvas: strokes painted piece by piece, smooth, the same at any mouse rate;
undo and redo; clear by a right click; tablet pressure; images put on it; drops."""

import time

import numpy as np
import pytest
from PySide6.QtCore import QEvent, QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import (
    QDragEnterEvent,
    QDropEvent,
    QEnterEvent,
    QInputDevice,
    QMouseEvent,
    QPointingDevice,
    QTabletEvent,
)
from PySide6.QtWidgets import QApplication

from benchmarks._canvas_timing import digit_strokes
from mnist_gui.canvas import MAX_UNDO, DrawingCanvas

LEFT, NONE = Qt.MouseButton.LeftButton, Qt.MouseButton.NoButton


def _mouse(widget, kind, x, y, button, buttons):
    pos = QPointF(x, y)
    event = QMouseEvent(kind, pos, widget.mapToGlobal(pos), button, buttons, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(widget, event)


def drag(canvas, points, rate_hz=1000):
    """Draw a stroke with real mouse events, ``rate_hz`` moves a second, letting the event
    loop run between them (so that timers fire and repaints happen, as in the app)."""
    _mouse(canvas, QEvent.Type.MouseButtonPress, *points[0], LEFT, LEFT)
    start = time.perf_counter()
    for k, (x, y) in enumerate(points[1:], 1):
        while time.perf_counter() < start + k / rate_hz:
            QApplication.processEvents()
        _mouse(canvas, QEvent.Type.MouseMove, x, y, NONE, LEFT)
    _mouse(canvas, QEvent.Type.MouseButtonRelease, *points[-1], LEFT, NONE)
    QApplication.processEvents()


@pytest.fixture
def canvas(qtbot):
    c = DrawingCanvas()
    qtbot.addWidget(c)
    c.show()
    qtbot.waitExposed(c)
    return c


def test_a_stroke_drawn_with_mouse_events_at_1_khz_is_the_stroke_added_at_once(qtbot, canvas):
    strokes = digit_strokes(8, np.random.default_rng(3)) + digit_strokes(4, np.random.default_rng(4))
    for stroke in strokes:
        drag(canvas, stroke.tolist())
    at_once = DrawingCanvas()
    qtbot.addWidget(at_once)
    for stroke in strokes:
        at_once.add_stroke(stroke.tolist())
    assert (canvas.image() == at_once.image()).all()
    assert (canvas.network_array_or_image() == at_once.network_array_or_image()).all()


def test_mouse_moves_are_not_merged_while_a_stroke_is_drawn(canvas):
    attribute = Qt.ApplicationAttribute.AA_CompressHighFrequencyEvents
    QApplication.sendEvent(canvas, QEvent(QEvent.Type.Leave))  # the pointer is elsewhere
    original = QApplication.testAttribute(attribute)
    QApplication.setAttribute(attribute, True)
    _mouse(canvas, QEvent.Type.MouseButtonPress, 100, 100, LEFT, LEFT)
    assert not QApplication.testAttribute(attribute)  # every move of the stroke is delivered
    _mouse(canvas, QEvent.Type.MouseMove, 120, 120, NONE, LEFT)
    _mouse(canvas, QEvent.Type.MouseButtonRelease, 120, 120, LEFT, NONE)
    assert QApplication.testAttribute(attribute)  # the app's own setting again
    canvas.add_stroke([(10, 10), (40, 40)])
    assert QApplication.testAttribute(attribute)
    inside = QPointF(50, 50)
    QApplication.sendEvent(canvas, QEnterEvent(inside, inside, canvas.mapToGlobal(inside)))  # over the canvas
    assert not QApplication.testAttribute(attribute)
    QApplication.sendEvent(canvas, QEvent(QEvent.Type.Leave))
    assert QApplication.testAttribute(attribute)
    QApplication.setAttribute(attribute, original)


def test_fast_strokes_are_joined_smoothly_through_their_points(canvas):
    # A circle drawn fast: 12 mouse events around it, joined by curves through the midpoints
    # of the chords: at each event point the ink rounds the corner a chord would make, and
    # the ring is closed, with no gap.
    centre, radius = np.array([140.0, 140.0]), 100.0
    angles = np.radians(np.arange(0, 361, 30))
    points = centre + radius * np.stack([np.cos(angles), np.sin(angles)], axis=1)
    canvas.set_pen_width(6)
    canvas.add_stroke(points.tolist())
    image = canvas.image()
    below = np.flatnonzero(image[141:, 140] > 127) + 141  # the ray through the point at 90 degrees
    assert radius - 6 < below.mean() - 140 < radius - 0.5  # inside the corner, near the circle
    for a in np.radians(np.arange(0, 360)):
        ray = centre + np.outer(np.arange(80, 110), [np.cos(a), np.sin(a)])
        values = image[np.rint(ray[:, 1]).astype(int), np.rint(ray[:, 0]).astype(int)]
        assert values.max() > 200


def test_each_new_point_repaints_only_the_piece_it_adds(canvas, monkeypatch):
    rects = []
    original = DrawingCanvas.update

    def record(self, *args):
        if args:
            rects.append(args[0])
        return original(self, *args)

    monkeypatch.setattr(DrawingCanvas, "update", record)
    _mouse(canvas, QEvent.Type.MouseButtonPress, 100, 100, LEFT, LEFT)
    for x in range(104, 200, 4):
        rects.clear()
        _mouse(canvas, QEvent.Type.MouseMove, x, 100, NONE, LEFT)
        assert rects and all(r.width() <= 4 + canvas.pen_width() + 6 and r.height() <= canvas.pen_width() + 6
                             for r in rects)
    _mouse(canvas, QEvent.Type.MouseButtonRelease, 196, 100, LEFT, NONE)


def test_undo_restores_the_exact_previous_image_and_redo_the_next(canvas):
    assert not canvas.can_undo() and not canvas.can_redo()
    images = [canvas.image()]
    for stroke in digit_strokes(4, np.random.default_rng(0)) + [np.array([[30.0, 30.0], [60.0, 200.0]])]:
        canvas.add_stroke(stroke.tolist())
        images.append(canvas.image())
    network = canvas.network_array_or_image()
    assert len(images) == 4 and not (images[3] == images[2]).all()
    for k in (2, 1, 0):
        canvas.undo()
        assert (canvas.image() == images[k]).all()
    assert canvas.is_empty() and not canvas.can_undo()
    canvas.undo()  # nothing more to undo: no change
    assert (canvas.image() == images[0]).all()
    for k in (1, 2, 3):
        canvas.redo()
        assert (canvas.image() == images[k]).all()
    assert (canvas.network_array_or_image() == network).all() and not canvas.can_redo()
    canvas.undo()
    canvas.add_stroke([(200, 40), (220, 60)])  # a new stroke forgets what was undone
    assert not canvas.can_redo()
    canvas.undo()
    assert (canvas.image() == images[2]).all()


def test_clear_and_set_image_are_undoable_too(canvas, mnist):
    canvas.add_stroke([(140, 40), (140, 240)])
    drawn = canvas.image()
    canvas.clear()
    assert canvas.is_empty() and canvas.image().max() == 0
    canvas.undo()
    assert (canvas.image() == drawn).all() and not canvas.is_empty()
    canvas.set_image(mnist.test.images[0])
    assert not (canvas.image() == drawn).all()
    canvas.undo()
    assert (canvas.image() == drawn).all()
    canvas.redo()
    canvas.clear()
    canvas.clear()  # clearing an empty canvas is not a change to undo
    canvas.undo()
    assert canvas.image().max() > 0 and not canvas.is_empty()


def test_undo_keeps_a_bounded_history(canvas):
    for i in range(MAX_UNDO + 20):
        canvas.add_stroke([(10 + i % 250, 10), (10 + i % 250, 40)])
    n = 0
    while canvas.can_undo():
        canvas.undo()
        n += 1
    assert n == MAX_UNDO


def test_a_right_click_clears(canvas):
    canvas.add_stroke([(140, 40), (140, 240)])
    _mouse(canvas, QEvent.Type.MouseButtonPress, 100, 100, Qt.MouseButton.RightButton, Qt.MouseButton.RightButton)
    assert canvas.is_empty() and canvas.image().max() == 0
    canvas.undo()
    assert not canvas.is_empty()


def test_tablet_pressure_sets_the_pen_width(canvas):
    caps = QInputDevice.Capability.Position | QInputDevice.Capability.Pressure
    pen = QPointingDevice("test pen", 1, QInputDevice.DeviceType.Stylus, QPointingDevice.PointerType.Pen, caps, 1, 2)

    def tablet(kind, x, y, pressure, button, buttons):
        pos = QPointF(x, y)
        event = QTabletEvent(kind, pen, pos, canvas.mapToGlobal(pos), pressure, 0, 0, 0, 0, 0,
                             Qt.KeyboardModifier.NoModifier, button, buttons)
        QApplication.sendEvent(canvas, event)
        return event.isAccepted()

    def width_at(row):
        return np.count_nonzero(canvas.image()[row] > 127)

    for pressure, x in ((0.1, 60), (1.0, 200)):
        assert tablet(QEvent.Type.TabletPress, x, 40, pressure, LEFT, LEFT)
        for y in range(44, 240, 4):
            tablet(QEvent.Type.TabletMove, x, y, pressure, NONE, LEFT)
        tablet(QEvent.Type.TabletRelease, x, 240, pressure, LEFT, NONE)
    light = np.count_nonzero(canvas.image()[140, :130] > 127)
    heavy = np.count_nonzero(canvas.image()[140, 130:] > 127)
    assert light < 0.5 * canvas.pen_width() < 1.5 * canvas.pen_width() < heavy
    assert width_at(140) == light + heavy
    canvas.undo()
    canvas.undo()
    assert canvas.is_empty()


def test_a_tablet_without_pressure_is_left_to_qt_as_mouse_events(canvas):
    mouse = QPointingDevice.primaryPointingDevice()
    assert not mouse.capabilities() & QInputDevice.Capability.Pressure
    pos = QPointF(50, 50)
    event = QTabletEvent(QEvent.Type.TabletPress, mouse, pos, canvas.mapToGlobal(pos), 0.5, 0, 0, 0, 0, 0,
                         Qt.KeyboardModifier.NoModifier, LEFT, LEFT)
    QApplication.sendEvent(canvas, event)
    assert not event.isAccepted() and canvas.is_empty()


def test_set_image_scales_any_image_onto_the_canvas_on_its_own_background(canvas, mnist):
    digit = mnist.test.images[0]  # (28, 28) uint8, white on black
    canvas.set_image(digit)
    image = canvas.image()
    assert image.shape == (280, 280) and image.dtype == np.uint8
    assert abs(image.mean() - digit.mean()) < 3  # the same ink, ten times larger
    assert not canvas.is_empty() and canvas.network_array_or_image() is not None
    paper = np.full((60, 120), 230, np.uint8)  # dark ink on light paper, wider than high
    paper[10:50, 55:65] = 20
    canvas.set_image(paper)
    image = canvas.image()
    assert image[5, 140] == 255 and image[140, 140] < 60  # padded with the paper's white
    canvas.add_stroke([(20, 200), (60, 200)])  # and the pen draws in the paper's dark ink
    assert canvas.image()[200, 40] < 60
    exact = np.random.default_rng(0).integers(0, 256, (280, 280), dtype=np.uint8)
    exact[:8], exact[-8:], exact[:, :8], exact[:, -8:] = 0, 0, 0, 0
    canvas.set_image(exact)  # a canvas-sized image is taken as it is
    assert (canvas.image() == exact).all()
    with pytest.raises(ValueError, match="2-D"):
        canvas.set_image(np.zeros((3, 28, 28), np.uint8))


def test_dropping_a_local_file_reports_its_path(qtbot, canvas, tmp_path):
    # (Called directly: a drop sent with sendEvent outside a real drag is not delivered.)
    path = tmp_path / "digit.png"
    path.write_bytes(b"")
    local, web = QMimeData(), QMimeData()
    local.setUrls([QUrl.fromLocalFile(str(path))])
    web.setUrls([QUrl("https://example.org/digit.png")])
    enter = QDragEnterEvent(QPoint(100, 100), Qt.DropAction.CopyAction, local, LEFT, Qt.KeyboardModifier.NoModifier)
    canvas.dragEnterEvent(enter)
    assert enter.isAccepted()
    enter = QDragEnterEvent(QPoint(100, 100), Qt.DropAction.CopyAction, web, LEFT, Qt.KeyboardModifier.NoModifier)
    canvas.dragEnterEvent(enter)
    assert not enter.isAccepted()  # only files on this computer
    drop = QDropEvent(QPointF(100, 100), Qt.DropAction.CopyAction, local, LEFT, Qt.KeyboardModifier.NoModifier)
    with qtbot.waitSignal(canvas.file_dropped, timeout=1000) as blocker:
        canvas.dropEvent(drop)
    assert blocker.args == [str(path)]

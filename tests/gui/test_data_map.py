"""DataMap: the Browse view's map of a split (points, mistakes, hover, click, highlight)."""

import numpy as np
import pytest
from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication

from mnist_gui.data_map import PICK_RADIUS, THUMBNAIL_SIZE, DataMap


@pytest.fixture
def data_map(qtbot):
    m = DataMap()
    qtbot.addWidget(m)
    m.resize(800, 600)
    m.show()
    qtbot.waitExposed(m)
    return m


@pytest.fixture
def data():
    """200 points in a grid (spread out, so each is easy to hit), labels, predictions with 20 mistakes, images."""
    rng = np.random.default_rng(1)
    n = 200
    grid = np.stack(np.meshgrid(np.arange(20), np.arange(10)), axis=-1).reshape(-1, 2)
    points = (grid * np.array([1.0, 3.0]) + rng.uniform(-0.1, 0.1, (n, 2))).astype(np.float32)
    labels = rng.integers(0, 10, n).astype(np.int64)
    predicted = labels.copy()
    wrong = rng.choice(n, 20, replace=False)
    predicted[wrong] = (labels[wrong] + 1) % 10
    images = rng.integers(0, 256, (n, 28, 28), dtype=np.uint8)
    return points, labels, predicted, images


def _drawn(m):
    """How many points each kind of item draws: (usual, mistakes, faded)."""
    return len(m._dots.positions()), len(m._marks.positions()), len(m._faded.positions())


def _scene_pos(m, point) -> QPointF:
    return m.getPlotItem().getViewBox().mapViewToScene(QPointF(float(point[0]), float(point[1])))


def _viewport_pos(m, point) -> QPoint:
    pos = m.mapFromScene(_scene_pos(m, point))
    assert m.viewport().rect().contains(pos)
    return pos


def test_set_points_draws_every_point_and_marks_the_mistakes(data_map, data):
    points, labels, predicted, images = data
    data_map.set_points(points, labels, predicted, images)
    assert data_map.n_points() == len(points)
    usual, mistakes, faded = _drawn(data_map)
    assert (usual, mistakes, faded) == (len(points), (predicted != labels).sum(), 0)
    # Each point once, in its class's style; the marks on the mistakes only, in their true class's style.
    dots, marks = data_map._dots, data_map._marks
    assert sorted(zip(map(tuple, dots.positions()), dots.styles(), strict=True)) == sorted(
        zip(map(tuple, points.astype(float)), labels, strict=True))
    wrong = predicted != labels
    assert sorted(zip(map(tuple, marks.positions()), marks.styles(), strict=True)) == sorted(
        zip(map(tuple, points[wrong].astype(float)), labels[wrong], strict=True))
    # Drawn shuffled, not class after class (a class drawn last would hide the others).
    assert not np.all(np.diff(dots.styles()) >= 0)
    # The view shows them all.
    (x0, x1), (y0, y1) = data_map.getPlotItem().getViewBox().viewRange()
    assert x0 <= points[:, 0].min() and points[:, 0].max() <= x1
    assert y0 <= points[:, 1].min() and points[:, 1].max() <= y1
    data_map.repaint()


def test_without_predictions_nothing_is_marked(data_map, data):
    points, labels, _, _ = data
    data_map.set_points(points, labels)
    assert _drawn(data_map) == (len(points), 0, 0)
    assert data_map.hover_text(3) == f"#3: true {labels[3]}"


def test_a_click_on_a_point_chooses_it(qtbot, data_map, data):
    points, labels, predicted, images = data
    data_map.set_points(points, labels, predicted, images)
    for i in (0, 57, 105):
        pos = _viewport_pos(data_map, points[i]) + QPoint(2, -1)  # near it, not exactly on it
        with qtbot.waitSignal(data_map.point_chosen, timeout=1000) as blocker:
            qtbot.mouseClick(data_map.viewport(), Qt.MouseButton.LeftButton, pos=pos)
        assert blocker.args == [i]
        qtbot.wait(500)  # not a double click


def test_a_click_far_from_any_point_chooses_nothing(qtbot, data_map, data):
    points, labels, predicted, images = data
    data_map.set_points(points, labels, predicted, images)
    between = (points[0] + points[21]) / 2  # a grid cell's centre: 1 x 3 view units from its corners
    assert data_map.point_at(_scene_pos(data_map, between)) is None
    chosen = []
    data_map.point_chosen.connect(chosen.append)
    qtbot.mouseClick(data_map.viewport(), Qt.MouseButton.LeftButton, pos=_viewport_pos(data_map, between))
    assert chosen == []
    # The legend lies beside the plot: it covers no point.
    corner = int(np.argmax(points.sum(axis=1)))  # the top right corner
    assert not data_map._legend.sceneBoundingRect().contains(_scene_pos(data_map, points[corner]))
    assert data_map._legend.sceneBoundingRect().left() >= data_map._view.sceneBoundingRect().right() - 1


def test_nearest_point_is_measured_in_screen_pixels(data_map):
    # Two points, the x axis 100 times more compressed than the y axis on screen: the one 0.5
    # x units away is a pixel or two away, the one 0.05 y units away is many pixels away.
    points = np.array([[0.0, 0.0], [100.0, 1.0], [0.5, 0.0], [0.0, 0.05]], np.float32)
    data_map.set_points(points, np.zeros(4, np.int64))
    vb = data_map.getPlotItem().getViewBox()
    pixel_w, pixel_h = vb.viewPixelSize()
    assert 0.5 / pixel_w < PICK_RADIUS < 0.05 / pixel_h
    hit = data_map.point_at(_scene_pos(data_map, (0.5, 0.0)))
    assert hit == 2
    near_y = data_map.point_at(_scene_pos(data_map, (0.0, 0.05)))
    assert near_y == 3


def test_hover_shows_the_image_and_its_labels_then_hides(qtbot, data_map, data):
    points, labels, predicted, images = data
    images = images.copy()
    i = int(np.flatnonzero(predicted != labels)[0])
    images[i] = 0
    images[i, 0, :] = 255  # the top row white: the thumbnail is upright
    names = [f"class {c}" for c in range(10)]
    data_map.set_points(points, labels, predicted, images, names)
    pos = _viewport_pos(data_map, points[i]) + QPoint(1, 1)
    event = QMouseEvent(QEvent.Type.MouseMove, QPointF(pos), data_map.viewport().mapToGlobal(QPointF(pos)),
                        Qt.MouseButton.NoButton, Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(data_map.viewport(), event)
    overlay = data_map._hover
    assert overlay.isVisible() and overlay.parent() is data_map and not overlay.isWindow()
    assert data_map._hover_text.text() == f"#{i}: true class {labels[i]}, predicted class {predicted[i]}"
    picture = data_map._hover_image.pixmap().toImage()
    assert (picture.width(), picture.height()) == (THUMBNAIL_SIZE, THUMBNAIL_SIZE)
    assert picture.pixelColor(THUMBNAIL_SIZE // 2, 0).value() == 255  # scaled 2x, nearest neighbour
    assert picture.pixelColor(THUMBNAIL_SIZE // 2, 1).value() == 255
    assert picture.pixelColor(THUMBNAIL_SIZE // 2, 2).value() == 0
    # Near the cursor, inside the widget.
    assert data_map.rect().contains(overlay.geometry())
    assert (overlay.geometry().center() - pos).manhattanLength() < 200
    # Away from every point, and out of the widget: hidden.
    between = (points[0] + points[21]) / 2
    assert data_map.hover_at(_scene_pos(data_map, between)) is None
    assert not overlay.isVisible()
    assert data_map.hover_at(_scene_pos(data_map, points[i])) == i and overlay.isVisible()
    QApplication.sendEvent(data_map.viewport(), QEvent(QEvent.Type.Leave))
    assert not overlay.isVisible()


def test_hover_without_images_shows_text_only(data_map, data):
    points, labels, predicted, _ = data
    data_map.set_points(points, labels, predicted)
    assert data_map.hover_at(_scene_pos(data_map, points[5])) == 5
    assert not data_map._hover_image.isVisible()
    assert data_map._hover_text.text() == f"#5: true {labels[5]}, predicted {predicted[5]}"


def test_highlight_fades_the_others_which_are_not_hovered_or_chosen(qtbot, data_map, data):
    points, labels, predicted, images = data
    data_map.set_points(points, labels, predicted, images)
    mask = labels == 3
    data_map.set_highlighted(mask)
    usual, mistakes, faded = _drawn(data_map)
    assert (usual, faded) == (mask.sum(), (~mask).sum())
    assert mistakes == (mask & (predicted != labels)).sum()
    inside, outside = int(np.flatnonzero(mask)[0]), int(np.flatnonzero(~mask)[0])
    assert data_map.hover_at(_scene_pos(data_map, points[inside])) == inside
    assert data_map.hover_at(_scene_pos(data_map, points[outside])) is None
    chosen = []
    data_map.point_chosen.connect(chosen.append)
    qtbot.mouseClick(data_map.viewport(), Qt.MouseButton.LeftButton, pos=_viewport_pos(data_map, points[outside]))
    assert chosen == []
    data_map.set_highlighted(None)
    assert _drawn(data_map) == (len(points), (predicted != labels).sum(), 0)
    assert data_map.hover_at(_scene_pos(data_map, points[outside])) == outside


def test_current_point_gets_a_ring(data_map, data):
    points, labels, predicted, images = data
    data_map.set_points(points, labels, predicted, images)
    assert data_map.current() is None and not data_map._ring.isVisible()
    data_map.set_current(42)
    assert data_map.current() == 42 and data_map._ring.isVisible()
    assert np.allclose(data_map._ring.getData(), ([points[42, 0]], [points[42, 1]]))
    data_map.set_current(None)
    assert data_map.current() is None and not data_map._ring.isVisible()
    with pytest.raises(IndexError):
        data_map.set_current(len(points))


def test_clear_points_and_message(data_map, data):
    points, labels, predicted, images = data
    data_map.set_points(points, labels, predicted, images)
    data_map.set_current(3)
    data_map.hover_at(_scene_pos(data_map, points[4]))
    data_map.clear_points()
    assert data_map.n_points() == 0 and data_map.current() is None
    assert _drawn(data_map) == (0, 0, 0)
    assert not data_map._hover.isVisible() and not data_map._ring.isVisible()
    assert data_map.point_at(_scene_pos(data_map, points[4])) is None
    data_map.set_message("Computing the map…")
    assert data_map._message.isVisible() and data_map._message.text() == "Computing the map…"
    assert data_map.viewport().geometry().contains(data_map._message.geometry().center())
    data_map.repaint()
    data_map.set_message("")
    assert not data_map._message.isVisible()


def test_class_names_go_to_the_legend(data_map, data):
    points, labels, predicted, images = data
    names = ["T-shirt", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Boot"]
    data_map.set_points(points, labels, predicted, images, names)
    texts = [label.text for _, label in data_map._legend.items]
    assert texts == names
    data_map.set_points(points[:5], np.array([0, 1, 2, 1, 0]), class_names=["a", "b", "c"])
    assert [label.text for _, label in data_map._legend.items] == ["a", "b", "c"]
    assert len(data_map._dots._styles) == 3 and _drawn(data_map) == (5, 0, 0)


def test_double_click_resets_the_view(qtbot, data_map, data):
    points, labels, predicted, images = data
    data_map.set_points(points, labels, predicted, images)
    vb = data_map.getPlotItem().getViewBox()
    vb.setRange(xRange=(2, 4), yRange=(2, 5), padding=0)
    qtbot.mouseDClick(data_map.viewport(), Qt.MouseButton.LeftButton, pos=data_map.viewport().rect().center())
    (x0, x1), (y0, y1) = vb.viewRange()
    assert x0 <= points[:, 0].min() and points[:, 0].max() <= x1
    assert y0 <= points[:, 1].min() and points[:, 1].max() <= y1


@pytest.mark.parametrize(("change", "message"), [
    ({"points": np.zeros((5, 3), np.float32)}, r"points must have shape \(n, 2\)"),
    ({"points": np.zeros(10, np.float32)}, r"points must have shape \(n, 2\)"),
    ({"labels": np.zeros(4, np.int64)}, r"labels must have shape \(5,\)"),
    ({"labels": np.zeros(5, np.float32)}, "labels must be integers"),
    ({"labels": np.array([0, 1, 2, 3, 10])}, r"labels must be in \[0, 10\)"),
    ({"predicted": np.zeros((5, 1), np.int64)}, r"predicted must have shape \(5,\)"),
    ({"images": np.zeros((5, 28, 27), np.uint8)}, r"images must be uint8 of shape \(5, 28, 28\)"),
    ({"images": np.zeros((5, 28, 28), np.float32)}, r"images must be uint8 of shape \(5, 28, 28\)"),
    ({"points": np.full((5, 2), np.nan, np.float32)}, "points must be finite"),
])
def test_wrong_inputs_raise_value_error(data_map, change, message):
    args = {"points": np.zeros((5, 2), np.float32), "labels": np.arange(5), "predicted": None, "images": None}
    data_map.set_points(np.ones((3, 2), np.float32), np.zeros(3, np.int64))
    args.update(change)
    with pytest.raises(ValueError, match=message):
        data_map.set_points(**args)
    assert data_map.n_points() == 3  # unchanged


def test_highlight_mask_of_the_wrong_length_raises(data_map, data):
    points, labels, _, _ = data
    data_map.set_points(points, labels)
    with pytest.raises(ValueError, match=r"mask must have shape \(200,\)"):
        data_map.set_highlighted(np.ones(10, bool))

"""The Browse view (issue 9): any split in a virtualised grid, filters and orders, the
confusion matrix as a heat map, the detail with what the network saw, the map, Open in Draw,
and a layout that works at 800 x 600."""

from dataclasses import replace

import numpy as np
import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QGuiApplication

from core import browse
from core.datasets import FASHION_MNIST_CLASSES
from core.mlp import MLP
from core.paths import default_model_path
from mnist_gui.dataset_view import DigitListModel
from mnist_gui.session import Session
from mnist_gui.views.browse import BrowseView


@pytest.fixture
def view(qtbot, session):
    v = BrowseView(session)
    qtbot.addWidget(v)
    v.resize(1000, 700)
    v.wait_until_current()
    assert v.is_current()
    return v


def _shown(view):
    return [view.list_model.source_index(r) for r in range(view.list_model.rowCount())]


def test_the_misclassified_count_is_exact_on_every_split(view, session, mnist):
    for i in [0, 1, 2, 8, 247]:
        session.add_own_digit(mnist.test.X[i], int(mnist.test.y[i]))
    for name in ("test", "validation", "train", "own"):
        view.show_set(name)
        view.wait_until_current()
        split = session.own_digits if name == "own" else getattr(mnist, name)
        wrong = int((session.model.predict(split.X) != split.y).sum())
        assert view.list_model.n_total == len(split) and view.list_model.n_misclassified == wrong, name
        view.show_combo.setCurrentIndex(1)  # misclassified only
        assert view.list_model.rowCount() == wrong
        assert view.count_label.text().startswith(f"{wrong:,} of {len(split):,}: misclassified · {wrong:,} "
                                                  "misclassified, accuracy")
        assert int(view.confusion_table.item(0, 0).text().replace(",", "")) == int(
            ((split.y == 0) & (session.model.predict(split.X) == 0)).sum())
        view.show_combo.setCurrentIndex(0)


def test_a_confusion_cell_lists_exactly_its_images_the_most_confident_first(view, session, mnist):
    view.show_set("train")
    view.wait_until_current()
    scores = browse.score(session.model, mnist.train.X, mnist.train.y)
    view.confusion_table.cellClicked.emit(4, 9)
    pair = np.flatnonzero((mnist.train.y == 4) & (scores.predicted == 9))
    assert len(pair) > 0 and sorted(_shown(view)) == list(pair)
    assert view.confusion_table.count(4, 9) == len(pair)
    tops = scores.top[_shown(view)]
    assert np.all(np.diff(tops) <= 0)  # most confident first
    assert view.count_label.text().startswith(f"{len(pair)} of 50,000: true 4, predicted 9")
    assert view.current_image() == _shown(view)[0]  # the first is selected, shown in detail
    assert f"#{_shown(view)[0]:,}" in view.title.text() and "Training image" in view.title.text()
    # The diagonal lists a class's correct images; the accuracy column its mistakes, worst first.
    view.confusion_table.cellClicked.emit(7, 7)
    assert sorted(_shown(view)) == list(np.flatnonzero((mnist.train.y == 7) & (scores.predicted == 7)))
    view.confusion_table.cellClicked.emit(3, 10)
    shown = _shown(view)
    assert sorted(shown) == list(np.flatnonzero((mnist.train.y == 3) & (scores.predicted != 3)))
    assert np.all(np.diff(scores.cost[shown]) <= 0)


def test_orders_put_the_highest_cost_first_and_the_most_ambiguous_first(view, session, mnist):
    scores = browse.score(session.model, mnist.test.X, mnist.test.y)
    view.order_combo.setCurrentIndex(view.order_combo.findData("cost"))
    assert _shown(view)[0] == int(np.argmax(scores.cost))
    assert np.all(np.diff(scores.cost[_shown(view)]) <= 0)
    view.order_combo.setCurrentIndex(view.order_combo.findData("ambiguity"))
    assert _shown(view)[0] == int(np.argmin(scores.gap))
    view.order_combo.setCurrentIndex(view.order_combo.findData("confidence"))
    assert np.all(np.diff(scores.top[_shown(view)]) <= 0)
    view.order_combo.setCurrentIndex(view.order_combo.findData("index"))
    assert _shown(view) == list(range(10_000))


def test_thumbnails_are_upright_and_name_the_true_class_of_a_mistake(view, session, mnist):
    index = view.list_model.index(0)  # test image 0: a 7, its bar at the top
    picture = index.data(Qt.ItemDataRole.DecorationRole).toImage()
    assert picture.width() == 56
    pixels = np.array([[picture.pixelColor(2 * c, 2 * r).red() for c in range(28)] for r in range(28)])
    np.testing.assert_array_equal(pixels, mnist.test.images[0])
    assert mnist.test.images[0][:14].sum() > mnist.test.images[0][14:].sum() * 0.5  # the 7's bar is high
    view.show_combo.setCurrentIndex(1)
    first = view.list_model.source_index(0)
    predicted = int(session.model.predict(mnist.test.X[first][None])[0])
    assert view.list_model.index(0).data() == f"{mnist.test.y[first]}→{predicted}"


def test_the_model_passes_qtmodeltester_with_scores_filters_and_orders(view, qtmodeltester):
    qtmodeltester.check(view.list_model)
    view.set_filter(true=4, predicted=9, order_by="confidence")
    qtmodeltester.check(view.list_model)
    view.set_filter(correct=False, order_by="cost")
    qtmodeltester.check(view.list_model)


def test_keyboard_moves_through_the_grid(view, qtbot):
    view.show()
    qtbot.waitExposed(view)
    view.list_view.setFocus()
    view.select_image(0)
    qtbot.keyClick(view.list_view, Qt.Key.Key_Right)
    assert view.current_image() == 1
    qtbot.keyClick(view.list_view, Qt.Key.Key_End)
    assert view.current_image() == 9_999 and "#9,999" in view.title.text()
    qtbot.keyClick(view.list_view, Qt.Key.Key_Home)
    assert view.current_image() == 0
    qtbot.keyClick(view.list_view, Qt.Key.Key_PageDown)
    assert view.current_image() > 1


def test_the_detail_shows_cost_activations_and_what_the_network_saw(view, session, mnist):
    scores = browse.score(session.model, mnist.test.X, mnist.test.y)
    wrong = int(np.flatnonzero(scores.predicted != mnist.test.y)[0])
    view.select_image(wrong)
    assert f"cost {scores.cost[wrong]:.3f} (cross-entropy)" in view.title.text()
    np.testing.assert_allclose(view.bars.heights(), session.model.feedforward(mnist.test.X[wrong][None])[0],
                               atol=1e-6)
    neurons, pushes, _ = browse.wrong_answer_contributions(session.model, mnist.test.X[wrong],
                                                           int(scores.predicted[wrong]), int(mnist.test.y[wrong]), 6)
    shown = [tile for tile in view.saw_tiles if not tile.isHidden()]
    assert len(shown) == len(neurons) > 0
    assert [c.text() for c in view.saw_captions[:len(neurons)]] == [f"+{p:.1f}" for p in pushes]
    view.select_image(int(np.flatnonzero(scores.predicted == mnist.test.y)[0]))
    assert all(tile.isHidden() for tile in view.saw_tiles) and "Read correctly" in view.saw_note.text()


def test_copy_puts_the_image_on_the_clipboard(view, mnist):
    view.select_image(3)
    assert view.copy_selected_image()
    image = QGuiApplication.clipboard().image()
    assert image.width() == 112 and image.pixelColor(4 * 10 + 1, 4 * 14 + 1).red() == mnist.test.images[3][14, 10]


def test_a_new_network_refreshes_everything_and_keeps_filter_and_selection(view, session, mnist, qtbot):
    view.set_filter(true=4, order_by="cost")
    view.select_image(int(np.flatnonzero(mnist.test.y == 4)[5]))
    kept = view.current_image()
    other = MLP((784, 30, 10), rng=np.random.default_rng(1), init="scaled")
    session.set_model(other, "random")
    assert not view.is_current()
    qtbot.waitUntil(view.is_current, timeout=20_000)
    wrong = int((other.predict(mnist.test.X) != mnist.test.y).sum())
    assert view.list_model.n_misclassified == wrong
    assert view.true_combo.currentData() == 4 and view.order_combo.currentData() == "cost"
    assert view.current_image() == kept
    scores = browse.score(other, mnist.test.X, mnist.test.y)
    assert _shown(view)[0] == int(np.flatnonzero(mnist.test.y == 4)[np.argmax(scores.cost[mnist.test.y == 4])])
    qtbot.waitUntil(view.map_is_current, timeout=20_000)
    assert view.data_map.n_points() == 10_000


def test_the_map_selects_in_the_grid(view, qtbot, mnist):
    qtbot.waitUntil(view.map_is_current, timeout=20_000)
    assert view.data_map.n_points() == 10_000
    view.set_filter(true=4)
    view.data_map.point_chosen.emit(11)  # a 4
    assert view.current_image() == 11 and view.data_map.current() == 11
    view.data_map.point_chosen.emit(0)  # a 7, hidden by the filter: the filter is lifted
    assert view.current_image() == 0 and view.true_combo.currentData() is None


def test_class_names_replace_digits_for_fashion_mnist(qtbot, mnist, tmp_path):
    s = Session(own_digits_dir=tmp_path / "own")
    s.set_data(replace(mnist, class_names=FASHION_MNIST_CLASSES))
    s.open_model(default_model_path())
    v = BrowseView(s)
    qtbot.addWidget(v)
    v.wait_until_current()
    assert v.true_combo.itemText(10) == "true Ankle boot" and v.pred_combo.itemText(1) == "predicted T-shirt/top"
    assert v.confusion_table.verticalHeaderItem(9).text() == "Ankle boot"
    v.select_image(0)  # label 7: "Sneaker"
    assert "True: <b>Sneaker</b>" in v.title.text()
    assert v.list_model.index(0).data(DigitListModel.LabelRole) == 7


def test_splitters_order_and_set_are_remembered(view, tmp_path, session, qtbot):
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    view.show()
    view.splitter.setSizes([300, 700])
    view.show_set("validation")
    view.order_combo.setCurrentIndex(view.order_combo.findData("ambiguity"))
    view.save_settings(settings)
    other = BrowseView(session)
    qtbot.addWidget(other)
    other.resize(1000, 700)
    other.show()
    other.restore_settings(settings)
    assert other.current_set == "validation" and other.order_combo.currentData() == "ambiguity"
    assert abs(other.splitter.sizes()[0] - 300) <= 10
    for key, value in (("browse/set", "nonsense"), ("browse/tab", "9" * 30), ("browse/splitter", "garbage")):
        settings.setValue(key, value)
    other.restore_settings(settings)  # garbage is ignored
    other.wait_until_current()


def test_the_show_filter_is_remembered_and_a_restored_order_opens_on_its_first_image(view, tmp_path, session,
                                                                                     qtbot):
    """A newcomer's restart: "Highest cost first" came back, "Misclassified only" did not,
    and the grid opened scrolled far down to image #0 instead of on the costliest image."""
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    view.order_combo.setCurrentIndex(view.order_combo.findData("cost"))
    view.show_combo.setCurrentIndex(view.show_combo.findData(False))  # misclassified only
    view.save_settings(settings)
    assert settings.value("browse/show") == "misclassified"
    other = BrowseView(session)  # as at a start: built, settings put back, then the scores arrive
    qtbot.addWidget(other)
    other.resize(1000, 700)
    other.show()
    other.restore_settings(settings)
    other.wait_until_current()
    assert other.show_combo.currentData() is False and other.order_combo.currentData() == "cost"
    assert other.current_image() == other.list_model.source_index(0)  # the costliest mistake, at the top
    assert other.list_view.visualRect(other.list_view.currentIndex()).top() < other.list_view.viewport().height()
    chosen = other.list_model.source_index(3)
    other.select_image(chosen)  # a chosen image stays chosen when new scores come
    session.open_model(default_model_path())
    other.wait_until_current()
    assert other.current_image() == chosen
    settings.setValue("browse/show", "sometimes")
    other.restore_settings(settings)  # garbage: all images
    assert other.show_combo.currentData() is None


def test_at_800_by_600_every_control_is_visible_and_open_in_draw_works(window, qtbot, mnist):
    window.resize(800, 600)
    window.tabs.setCurrentWidget(window.browse_view)
    qtbot.waitUntil(lambda: window.browse_view.isVisible() and window.width() == 800, timeout=5000)
    view = window.browse_view
    view.wait_until_current()
    controls = [view.set_combo, view.show_combo, view.true_combo, view.pred_combo, view.order_combo,
                view.count_label, view.list_view, view.image_view, view.title, view.open_in_draw_button,
                view.copy_button, view.bars, view.tabs, view.confusion_caption, view.confusion_table]
    frame = window.rect()
    for control in controls:
        top_left = control.mapTo(window, control.rect().topLeft())
        bottom_right = control.mapTo(window, control.rect().bottomRight())
        assert control.isVisible() and frame.contains(top_left) and frame.contains(bottom_right), control
        assert control.width() >= min(control.minimumSizeHint().width(), 60), control
    for combo in (view.set_combo, view.show_combo, view.true_combo, view.pred_combo, view.order_combo):
        assert combo.width() >= combo.sizeHint().width() - 2, combo.currentText()  # never cut
    caption = view.confusion_caption  # which axis is which, above the matrix, in full even in the narrow pane
    assert caption.mapTo(window, caption.rect().bottomLeft()).y() <= view.confusion_table.mapTo(window, view.confusion_table.rect().topLeft()).y()
    assert caption.height() >= caption.heightForWidth(caption.width())
    assert "true class" in caption.text().lower() and "predicted class" in caption.text().lower()
    table = view.confusion_table
    assert table.horizontalHeader().length() <= table.viewport().width() or table.horizontalScrollBar().isVisible()
    assert table.horizontalHeader().sectionSize(10) > 0  # the accuracy column is there, reachable
    assert window.minimumSize().width() == 800 and window.minimumSize().height() == 600
    # Open in Draw puts the selected image on the canvas and shows the Draw view.
    view.set_filter(true=4, predicted=9, order_by="confidence")
    chosen = view.current_image()
    view.open_in_draw_button.click()
    assert window.tabs.currentWidget() is window.draw_view
    canvas = window.draw_view.canvas.network_array().astype(float)  # (size, size) uint8, scaled up
    k = canvas.shape[0] // 28
    small = canvas[:28 * k, :28 * k].reshape(28, k, 28, k).mean(axis=(1, 3))
    assert np.corrcoef(small.ravel(), mnist.test.images[chosen].ravel())[0, 1] > 0.9
    assert f"#{chosen:,}" in window.draw_view.message.text()


def test_a_digit_saved_while_another_set_is_scored_does_not_stall_it(qtbot, session, mnist):
    v = BrowseView(session)
    qtbot.addWidget(v)
    v.show_set("train")  # 50,000 images being scored
    session.add_own_digit(mnist.test.X[0], int(mnist.test.y[0]))  # forgets "own" only
    qtbot.waitUntil(v.map_is_current, timeout=30_000)
    assert v.list_model.n_misclassified == int((session.model.predict(mnist.train.X) != mnist.train.y).sum())


def test_renaming_the_network_keeps_what_was_computed(view, session):
    scores = view.list_model.scores
    session.model_changed.emit()  # what a rename or a save emits: the same network
    assert view.is_current() and view.list_model.scores is scores and not view.scorer.busy()


def test_another_set_does_not_inherit_the_selected_index(view):
    view.select_image(5000)
    view.show_set("validation")
    view.wait_until_current()
    assert view.current_image() == 0  # the first image shown, not validation image #5,000


def test_a_map_click_that_lifts_the_filter_unselects_the_cell(view, qtbot):
    qtbot.waitUntil(view.map_is_current, timeout=20_000)
    view.confusion_table.cellClicked.emit(4, 9)
    assert view.confusion_table.selectedItems()
    view.data_map.point_chosen.emit(0)  # a 7: the filter is lifted
    assert view.true_combo.currentData() is None and not view.confusion_table.selectedItems()


def test_a_network_of_nan_weights_or_other_outputs_gets_a_message_not_a_traceback(view, session, qtbot, mnist):
    broken = MLP((784, 30, 10), rng=np.random.default_rng(0), init="scaled")
    broken.weights[0][:] = np.nan
    session.set_model(broken, "broken")
    qtbot.waitUntil(view.map_is_current, timeout=20_000)
    assert view.data_map.n_points() == 0 and "not finite" in view.scorer.map_error("test")
    twelve = MLP((784, 30, 12), rng=np.random.default_rng(0), init="scaled")
    session.set_model(twelve, "twelve outputs")
    qtbot.waitUntil(view.map_is_current, timeout=20_000)
    assert "12 output neurons" in view.count_label.text() and "10 classes" in view.count_label.text()
    view.select_image(3)  # no traceback either
    session.open_model(default_model_path())
    qtbot.waitUntil(view.is_current, timeout=20_000)
    assert view.list_model.n_misclassified == int((session.model.predict(mnist.test.X) != mnist.test.y).sum())


def test_the_selected_image_is_scrolled_into_view_even_far_down_the_50000(view, qtbot):
    view.show()
    qtbot.waitExposed(view)
    view.show_set("train")
    view.wait_until_current()
    view.select_image(0)
    view.order_combo.setCurrentIndex(view.order_combo.findData("cost"))  # image 0 moves far down
    row = view.list_model.row_of(0)
    assert row > 1000 and view.current_image() == 0
    rect = view.list_view.visualRect(view.list_model.index(row))
    assert rect.isValid() and view.list_view.viewport().rect().intersects(rect)

"""The "Look inside" view: weight mosaic, neuron detail, saturation plot (mnist_gui/mosaic.py)."""

import numpy as np
import pyqtgraph as pg
import pytest
from PySide6.QtCore import QPoint, Qt

from core.mlp import MLP
from mnist_gui.mosaic import GAP, MAX_TILES, TILE, NetworkInsideView, SaturationPlot, grid_columns, symmetric_level


def _model(sizes, seed=0):
    return MLP(sizes, rng=np.random.default_rng(seed))


@pytest.fixture
def view(qtbot):
    """A visible view, large enough to click tiles."""
    v = NetworkInsideView()
    qtbot.addWidget(v)
    v.resize(1000, 700)
    v.show()
    qtbot.waitExposed(v)
    return v


def _viewport_pos(mosaic, x, y) -> QPoint:
    """Image point (x = column, y = row) -> position in the mosaic view's viewport (pixels)."""
    scene = mosaic.image_item.mapToScene(pg.QtCore.QPointF(x, y))
    return mosaic.view.mapFromScene(scene)


def test_mosaic_has_one_tile_per_hidden_neuron_laid_out_in_one_image(view):
    model = _model((784, 15, 10))
    view.set_model(model)
    mosaic = view.mosaic
    assert mosaic.tile_count() == 15 and mosaic.neuron_count() == 15
    assert not mosaic.shows_output_layer()
    assert mosaic.columns() == 5  # 5 x 3: about sqrt(15), no empty cell
    image = mosaic.image()
    assert image.shape == (3 * (TILE + GAP) - GAP, 5 * (TILE + GAP) - GAP)
    covered = np.zeros(image.shape, bool)
    for j in range(15):
        expected = model.weights[0][:, j].reshape(28, 28)
        np.testing.assert_array_equal(mosaic.tile(j), expected)
        row0, col0 = mosaic.tile_rect(j)
        np.testing.assert_array_equal(image[row0:row0 + 28, col0:col0 + 28], mosaic.tile(j))
        covered[row0:row0 + 28, col0:col0 + 28] = True
        assert mosaic.tile_at(col0 + 0.5, row0 + 27.5) == j
    assert np.isnan(image[~covered]).all()  # the gaps are transparent
    # Orientation: the tile's top-left pixel is input pixel 0, row-major like MNIST's pixels.
    w = model.weights[0]
    tile = mosaic.tile(5)
    assert (tile[0, 0], tile[0, 1], tile[1, 0], tile[27, 27]) == (w[0, 5], w[1, 5], w[28, 5], w[783, 5])
    low, high = mosaic.levels()
    # The 99th percentile of |w|, rounded up to a step of 1-1.5-2-3-4-5-7 x 10^k (at most x1.5).
    p99 = np.percentile(np.abs(w), 99)
    assert low == -high and p99 * 0.999 <= high <= 1.5 * p99


@pytest.mark.parametrize("global_order", ["col-major", "row-major"])
def test_tiles_are_drawn_upright_whatever_the_global_axis_order(qtbot, global_order):
    """Input pixel 0 (top-left of the digit) is drawn at the tile's top-left on screen,
    with the app's row-major setting and with pyqtgraph's col-major default alike."""
    before = pg.getConfigOption("imageAxisOrder")
    pg.setConfigOptions(imageAxisOrder=global_order)
    try:
        model = _model((784, 4, 10))
        w = np.random.default_rng(1).uniform(-0.1, 0.1, size=(784, 4)).astype(np.float32)
        w[0, 0] = 1.0  # top-left pixel: red (the positive end)
        w[27, 0] = -1.0  # top-right pixel: blue
        model.weights[0] = w
        v = NetworkInsideView()
        qtbot.addWidget(v)
        v.resize(900, 700)
        v.show()
        qtbot.waitExposed(v)
        v.set_model(model)
        qtbot.wait(50)
        mosaic = v.mosaic
        picture = mosaic.view.viewport().grab().toImage()
        row0, col0 = mosaic.tile_rect(0)

        def colour(r, c):
            p = _viewport_pos(mosaic, col0 + c + 0.5, row0 + r + 0.5)
            return picture.pixelColor(p.x(), p.y())

        red, blue, bottom_left = colour(0, 0), colour(0, 27), colour(27, 0)
        assert red.red() > 150 and red.blue() < 60, red.getRgb()
        assert blue.blue() > 150 and blue.red() < 60, blue.getRgb()
        assert abs(bottom_left.red() - bottom_left.blue()) < 80  # a small weight: near white
        # and on screen the tile's row 0 is above its row 27, column 0 left of column 27
        top_left, bottom_right = _viewport_pos(mosaic, col0, row0), _viewport_pos(mosaic, col0 + 28, row0 + 28)
        assert top_left.x() < bottom_right.x() and top_left.y() < bottom_right.y()
    finally:
        pg.setConfigOptions(imageAxisOrder=before)


def test_network_without_hidden_layer_shows_the_ten_output_templates(view):
    model = _model((784, 10))
    view.set_model(model)
    assert view.mosaic.tile_count() == 10
    assert view.mosaic.shows_output_layer()
    assert "no hidden layer" in view.mosaic.caption.text()
    np.testing.assert_array_equal(view.mosaic.tile(3), model.weights[0][:, 3].reshape(28, 28))
    view.select(3)
    assert view.detail.bias() == pytest.approx(float(model.biases[0][3]))
    assert view.detail.outgoing() is None
    assert "digit 3" in view.detail.title.text()
    assert view.detail.bar_plot_widget.isHidden()
    assert "no hidden layer" in view.saturation_plot.latest_label.text()


def test_wide_layer_shows_the_first_400_tiles_and_says_so(view):
    model = _model((784, 1000, 10))
    view.set_model(model)
    assert view.mosaic.tile_count() == MAX_TILES == 400
    assert view.mosaic.neuron_count() == 1000
    assert "showing 400 of 1,000" in view.mosaic.count_label.text()
    assert view.mosaic.count_label.isVisible()
    row0, col0 = view.mosaic.tile_rect(399)
    np.testing.assert_array_equal(view.mosaic.image()[row0:row0 + 28, col0:col0 + 28],
                                  model.weights[0][:, 399].reshape(28, 28))
    with pytest.raises(IndexError):
        view.mosaic.tile(400)
    view.set_model(_model((784, 15, 10)))
    assert view.mosaic.count_label.text() == "" and not view.mosaic.count_label.isVisible()


def test_no_model_or_inputs_that_are_not_28x28_show_a_message(view):
    view.set_model(None)
    assert view.mosaic.tile_count() == 0
    assert view.mosaic.message.isVisible() and not view.mosaic.view.isVisible()
    view.set_model(_model((100, 5, 10)))
    assert view.mosaic.tile_count() == 0
    assert "100 inputs" in view.mosaic.message.text()
    view.set_model(_model((784, 15, 10)))
    assert view.mosaic.view.isVisible() and not view.mosaic.message.isVisible()


def test_select_shows_the_neurons_bias_and_outgoing_weights(qtbot, view):
    model = _model((784, 15, 10))
    view.set_model(model)
    with qtbot.waitSignal(view.neuron_selected, check_params_cb=lambda j: j == 4):
        view.select(4)
    detail = view.detail
    assert detail.neuron() == 4
    assert detail.bias() == pytest.approx(float(model.biases[0][4]))
    assert f"{float(model.biases[0][4]):+.4g}" in detail.bias_label.text()
    np.testing.assert_allclose(detail.outgoing(), model.weights[1][4])
    np.testing.assert_allclose(detail.bars.opts["height"], model.weights[1][4])
    assert len(detail.outgoing()) == 10
    np.testing.assert_array_equal(detail.tile(), model.weights[0][:, 4].reshape(28, 28))
    assert detail.image_item.levels is not None
    np.testing.assert_allclose(detail.image_item.levels, view.mosaic.levels())
    assert view.mosaic.frame.isVisible()
    row0, col0 = view.mosaic.tile_rect(4)
    assert view.mosaic.frame.rect().contains(pg.QtCore.QPointF(col0 + 14, row0 + 14))


def test_detail_of_a_deeper_network_shows_weights_to_hidden_layer_2(view):
    model = _model((784, 20, 30, 10))
    view.set_model(model)
    view.select(19)
    np.testing.assert_allclose(view.detail.outgoing(), model.weights[1][19])
    assert "hidden layer 2" in view.detail.outgoing_label.text()


def test_clicking_a_tile_selects_it(qtbot, view):
    model = _model((784, 15, 10))
    view.set_model(model)
    qtbot.wait(20)
    mosaic = view.mosaic
    centre = mosaic.tile_center(7)
    pos = _viewport_pos(mosaic, centre.x(), centre.y())
    assert mosaic.view.viewport().rect().contains(pos)
    with qtbot.waitSignal(mosaic.neuron_selected, check_params_cb=lambda j: j == 7):
        qtbot.mouseClick(mosaic.view.viewport(), Qt.MouseButton.LeftButton, pos=pos)
    assert mosaic.selected() == 7
    assert view.detail.neuron() == 7
    assert view.detail.bias() == pytest.approx(float(model.biases[0][7]))


def test_arrow_keys_move_the_selection(qtbot, view):
    view.set_model(_model((784, 15, 10)))
    mosaic = view.mosaic
    mosaic.select(0)
    mosaic.view.setFocus()
    qtbot.keyClick(mosaic.view, Qt.Key.Key_Right)
    assert mosaic.selected() == 1
    qtbot.keyClick(mosaic.view, Qt.Key.Key_Down)
    assert mosaic.selected() == 1 + mosaic.columns()
    qtbot.keyClick(mosaic.view, Qt.Key.Key_Up)
    qtbot.keyClick(mosaic.view, Qt.Key.Key_Up)  # past the top edge: stays
    assert mosaic.selected() == 1


def test_a_new_model_keeps_the_selected_neuron_if_it_still_exists(view):
    view.set_model(_model((784, 15, 10)))
    view.select(12)
    newer = _model((784, 15, 10), seed=5)
    view.set_model(newer)
    assert view.mosaic.selected() == 12
    assert view.detail.bias() == pytest.approx(float(newer.biases[0][12]))
    np.testing.assert_allclose(view.detail.outgoing(), newer.weights[1][12])
    view.set_model(_model((784, 10)))
    assert view.mosaic.selected() is None and view.detail.neuron() is None
    assert not view.mosaic.frame.isVisible()


def test_saturation_plot_draws_one_curve_per_hidden_layer(qtbot):
    plot = SaturationPlot()
    qtbot.addWidget(plot)
    plot.set_hidden_sizes((30, 20))
    history = [
        {"epoch": 1, "cost": 0.5, "saturation": [0.42, 0.10]},
        {"epoch": 2, "cost": 0.4},  # an older row without saturation: skipped
        {"epoch": 3, "cost": 0.3, "saturation": [0.30, 0.05]},
    ]
    plot.set_history(history)
    assert len(plot.curves) == 2
    x, y = plot.curve_data(0)
    np.testing.assert_allclose(x, [1, 3])
    np.testing.assert_allclose(y, [42, 30])
    np.testing.assert_allclose(plot.curve_data(1)[1], [10, 5])
    assert plot.legend_names() == ["layer 1 (30 neurons)", "layer 2 (20 neurons)"]
    assert "layer 1: 30% saturated" in plot.latest_label.text()
    assert "layer 2: 5.0% saturated" in plot.latest_label.text()
    curves = list(plot.curves)
    plot.add_epoch(4, [0.25, 0.02])
    assert plot.curves == curves  # the same items, only fed new data
    np.testing.assert_allclose(plot.curve_data(0)[0], [1, 3, 4])
    plot.reset()
    assert plot.curve_data(0)[0].size == 0 and plot.curves == curves


def test_saturation_plot_names_its_curves_outside_the_data_and_its_axis_label_fits(qtbot):
    """The curves' names sit above the plot, never over the curves (one layer: its name alone,
    a title); the y label is short enough for a plot about 100 px tall."""
    plot = SaturationPlot()
    qtbot.addWidget(plot)
    plot.resize(350, 240)
    plot.set_hidden_sizes((800,))
    plot.set_history([{"epoch": e, "saturation": [0.6 - 0.002 * e]} for e in range(1, 86)])
    plot.show()
    qtbot.waitExposed(plot)
    assert plot.plot.legend is None  # no pyqtgraph legend inside the view box
    assert plot.legend.isVisible() and plot.legend.text() == "Hidden layer 1 (800 neurons)"
    assert plot.legend.geometry().bottom() <= plot.plot_widget.geometry().top()
    assert plot.plot_widget.height() >= 130
    axis = plot.plot.getAxis("left")
    assert axis.labelText == "%" and axis.label.boundingRect().width() < plot.plot_widget.height() / 2
    assert "%" in plot.caption.text() and "saturated" in plot.caption.text()
    plot.set_hidden_sizes((30, 20))
    plot.add_epoch(86, [0.5, 0.1])
    assert plot.legend_names() == ["layer 1 (30 neurons)", "layer 2 (20 neurons)"]
    text = plot.legend.text()
    assert "layer 1 (30 neurons)" in text and "layer 2 (20 neurons)" in text and "#286ebe" in text  # curve 1's colour


def test_set_model_while_hidden_waits_until_shown(qtbot):
    v = NetworkInsideView()
    qtbot.addWidget(v)
    v.set_model(_model((784, 15, 10)))
    v.set_history([{"epoch": 1, "saturation": [0.5]}])
    v.add_epoch(2, [0.4])
    assert v.mosaic.tile_count() == 0  # nothing drawn yet
    assert v.saturation_plot.curves == []
    v.show()
    qtbot.waitExposed(v)
    assert v.mosaic.tile_count() == 15
    np.testing.assert_allclose(v.saturation_plot.curve_data(0)[1], [50, 40])
    v.hide()
    v.set_model(_model((784, 10)))
    assert v.mosaic.tile_count() == 15  # still the old one while hidden
    v.show()
    assert v.mosaic.tile_count() == 10


@pytest.mark.parametrize(("k", "columns"), [(1, 1), (2, 2), (10, 5), (15, 5), (16, 4), (100, 10), (400, 20), (7, 4)])
def test_grid_columns(k, columns):
    assert grid_columns(k) == columns


def test_colour_levels_are_symmetric_and_ignore_outliers_and_nan():
    values = np.random.default_rng(0).standard_normal(10_000)
    values[0], values[1] = 1e6, np.nan
    level = symmetric_level(values)
    assert 2.0 < level < 3.0  # 99th percentile of |N(0, 1)| ~ 2.58, not the outlier
    assert symmetric_level(np.zeros(10)) == 1.0
    assert symmetric_level(np.full(5, np.nan)) == 1.0
    big = np.random.default_rng(1).standard_normal(400 * 784)  # subsampled
    assert symmetric_level(big) == pytest.approx(np.percentile(np.abs(big), 99), rel=0.02)


def test_non_finite_weights_still_draw(view):
    model = _model((784, 15, 10))
    model.weights[0][0, 0] = np.nan
    model.weights[0][5, 3] = np.inf
    view.set_model(model)
    view.repaint()
    assert view.mosaic.tile_count() == 15
    assert np.isfinite(view.mosaic.levels()).all()


def test_float64_network_tiles_keep_their_values(view):
    model = MLP((784, 15, 10), rng=np.random.default_rng(0), dtype=np.float64)
    view.set_model(model)
    row0, col0 = view.mosaic.tile_rect(2)
    np.testing.assert_array_equal(view.mosaic.tile(2), model.weights[0][:, 2].reshape(28, 28))
    np.testing.assert_array_equal(view.mosaic.image()[row0:row0 + 28, col0:col0 + 28], view.mosaic.tile(2))

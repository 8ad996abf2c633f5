"""Canvas, plots, activation bars and the digit list model, one widget at a time."""

import numpy as np
from PySide6.QtCore import QEvent, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication

from core.browse import Scores
from mnist_gui.canvas import DrawingCanvas
from mnist_gui.dataset_view import DigitListModel, DigitListView
from mnist_gui.plots import TrainingPlot
from mnist_gui.widgets import ActivationBars


def _mouse(widget, kind, x, y, buttons):
    button = Qt.MouseButton.LeftButton if kind != QEvent.Type.MouseMove else Qt.MouseButton.NoButton
    pos = QPointF(x, y)
    event = QMouseEvent(kind, pos, widget.mapToGlobal(pos), button, buttons, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(widget, event)


def test_canvas_starts_empty_and_add_stroke_draws_white_ink(qtbot):
    canvas = DrawingCanvas()
    qtbot.addWidget(canvas)
    assert canvas.is_empty()
    assert canvas.to_array().shape == (280, 280) and canvas.to_array().max() == 0
    with qtbot.waitSignal(canvas.image_changed, timeout=1000):
        canvas.add_stroke([(140, 40), (140, 240)])
    image = canvas.to_array()
    assert image.dtype == np.uint8 and image[140, 140] == 255 and image[140, 20] == 0
    assert not canvas.is_empty()
    with qtbot.waitSignal(canvas.image_changed, timeout=1000):
        canvas.clear()
    assert canvas.is_empty() and canvas.to_array().max() == 0


def test_canvas_draws_with_mouse_press_move_release(qtbot):
    canvas = DrawingCanvas()
    qtbot.addWidget(canvas)
    canvas.show()
    left = Qt.MouseButton.LeftButton
    with qtbot.waitSignals([canvas.image_changed] * 3, timeout=1000):
        _mouse(canvas, QEvent.Type.MouseButtonPress, 50, 140, left)
        _mouse(canvas, QEvent.Type.MouseMove, 150, 140, left)
        _mouse(canvas, QEvent.Type.MouseMove, 230, 140, left)
    _mouse(canvas, QEvent.Type.MouseButtonRelease, 230, 140, Qt.MouseButton.NoButton)
    row = canvas.to_array()[140]
    assert (row[60:220] == 255).all()  # a continuous line, not just dots at the events
    # After release, moving does not draw.
    before = canvas.to_array()
    _mouse(canvas, QEvent.Type.MouseMove, 100, 40, Qt.MouseButton.NoButton)
    assert (canvas.to_array() == before).all()


def test_training_plot_reuses_its_curves(qtbot):
    plot = TrainingPlot()
    qtbot.addWidget(plot)
    items = (plot.cost.curve, plot.validation.curve, plot.test.curve)
    n_items = len(plot.cost_plot.listDataItems()) + len(plot.accuracy_plot.listDataItems())
    for i in range(200):  # past the initial buffer of 64, so the buffer grows
        plot.add_cost(i / 10, 1.0 / (i + 1))
    plot.add_accuracy(1, 0.9, 0.89)
    plot.add_accuracy(2, 0.93, None)
    assert (plot.cost.curve, plot.validation.curve, plot.test.curve) == items
    assert len(plot.cost_plot.listDataItems()) + len(plot.accuracy_plot.listDataItems()) == n_items
    x, y = plot.cost.data()
    assert len(x) == 200 and y[0] == 1.0 and x[-1] == 19.9
    assert len(plot.cost.curve.xData) == 200  # what was handed to setData
    assert list(plot.validation.data()[1]) == [90.0, 93.0]
    assert list(plot.test.data()[1]) == [89.0]
    plot.reset()
    assert plot.cost.n == 0 and plot.cost.curve is items[0]


def test_activation_bars_show_values(qtbot):
    bars = ActivationBars()
    qtbot.addWidget(bars)
    a = np.linspace(0, 0.9, 10)
    bars.set_activations(a, true_label=3)
    assert np.allclose(bars.heights(), a)
    bars.set_activations(None)
    assert not bars.heights().any()


def _scores(activations: np.ndarray) -> Scores:
    """Scores of made-up output activations (n, 10): the prediction is the most active; no costs."""
    order = np.argsort(-activations, axis=1, kind="stable")
    rows = np.arange(len(activations))
    top, second = activations[rows, order[:, 0]], activations[rows, order[:, 1]]
    return Scores(order[:, 0].astype(np.int64), top, order[:, 1].astype(np.int64), top - second,
                  np.zeros(len(activations)))


def test_digit_list_model_passes_qt_model_tester(qtbot, qtmodeltester, mnist):
    model = DigitListModel(mnist.test.images[:300], mnist.test.y[:300])
    qtmodeltester.check(model)
    rng = np.random.default_rng(0)
    model.set_scores(_scores(rng.random((300, 10))))
    qtmodeltester.check(model)
    model.set_filter(misclassified_only=True)
    qtmodeltester.check(model)


def test_digit_list_model_filters_and_counts(qtbot, mnist):
    images, labels = mnist.test.images[:100], mnist.test.y[:100]
    model = DigitListModel(images, labels)
    view = DigitListView()
    qtbot.addWidget(view)
    view.setModel(model)
    assert model.rowCount() == 100 and model.n_misclassified == 0
    activations = np.eye(10)[labels]
    activations[:7] = np.eye(10)[(labels[:7] + 1) % 10]  # make the first 7 wrong
    model.set_scores(_scores(activations))
    assert model.n_misclassified == 7
    model.set_filter(misclassified_only=True)
    assert model.rowCount() == 7
    index = model.index(3)
    assert model.source_index(3) == 3 and index.data(DigitListModel.MisclassifiedRole) is True
    assert index.data() == f"{labels[3]}→{(labels[3] + 1) % 10}"  # DisplayRole: true→predicted for a mistake
    assert model.index(0).data(Qt.ItemDataRole.ToolTipRole).endswith("(wrong)")
    assert index.data(Qt.ItemDataRole.DecorationRole).width() == 56
    model.set_filter(true_label=int(labels[50]))
    assert model.rowCount() == int(np.sum(labels == labels[50]))
    assert model.row_of(50) is not None and model.row_of(0 if labels[0] != labels[50] else 1) is None


def test_network_array_refuses_a_dot_and_thins_small_drawings(qtbot):
    canvas = DrawingCanvas()
    qtbot.addWidget(canvas)
    canvas.add_stroke([(100, 100)])  # a click
    assert not canvas.is_empty() and canvas.network_array() is None
    canvas.clear()
    canvas.add_stroke([(20, 20), (20, 80)])  # a small "1" in a corner, 60 px tall
    thin = canvas.network_array()
    width = np.count_nonzero(thin[50] > 127)  # stroke width across the middle
    assert 4 <= width <= 9  # about 0.11 * 60 px, not the 22 px canvas pen
    assert np.count_nonzero(canvas.to_array()[50] > 127) >= 20  # what the user sees keeps the pen
    canvas.clear()
    canvas.add_stroke([(140, 30), (140, 250)])  # a large "1"
    assert np.count_nonzero(canvas.network_array()[140] > 127) == np.count_nonzero(canvas.to_array()[140] > 127)

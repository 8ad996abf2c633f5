"""What benchmarks/soak.py found in the app, each kept as a test."""

from core.sgd import TrainConfig


def test_a_learning_rate_changed_right_after_the_start_is_marked_not_raised(window, qtbot):
    """The soak changed eta at once after ``controller.start``: the Train view puts the new
    run's curves on the plot one event later (``TrainView._in_steps``), and its
    learning_rate_changed slot raised KeyError ("no run ... on the plot") in the meantime.
    The change is now drawn once the run's curves are there."""
    controller, view = window.controller, window.train_view
    window.tabs.setCurrentWidget(view)
    run = controller.start(TrainConfig(layer_sizes=(784, 15, 10), n_epochs=1, train_size=1000, seed=0))
    controller.set_learning_rate(0.5)  # before the event loop has run the view's steps
    qtbot.waitUntil(lambda: not controller.is_running and view.is_settled(), timeout=60_000)
    assert [c["learning_rate"] for c in run.learning_rate_changes] == [0.5]
    curves = view.plot.curves(run)
    assert curves["learning_rate_x"].tolist() == [0.0] and curves["learning_rate_y"].tolist() == [0.5]

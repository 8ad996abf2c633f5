"""Each view built alone from a session (and the training controller), and the rule that
a view never imports another view."""

import ast
from pathlib import Path

import numpy as np
import pytest

from core.mlp import MLP
from core.paths import default_model_path
from core.preprocess import mnist_like
from mnist_gui.session import Session
from mnist_gui.training import TrainingController

VIEWS = Path(__file__).resolve().parents[2] / "mnist_gui" / "views"


@pytest.fixture
def session(qtbot, mnist):
    """A session with the bundled network and the real MNIST, set synchronously."""
    s = Session()
    s.set_data(mnist)
    s.open_model(default_model_path())
    return s


def test_the_draw_view_answers_a_drawn_stroke(qtbot, session):
    from mnist_gui.views.draw import DrawView

    view = DrawView(session)
    qtbot.addWidget(view)
    assert view.prediction.text() == "–"
    view.canvas.add_stroke([(140, 40), (142, 120), (144, 240)])
    assert view.prediction.text() == "1" and view.bars.heights().argmax() == 1
    # A new network in the session answers the same drawing at once.
    other = MLP((784, 10), rng=np.random.default_rng(0))
    session.set_model(other, "random")
    x = mnist_like(view.canvas.network_array())
    assert view.prediction.text() == str(int(other.predict(x[None])[0]))
    assert np.allclose(view.bars.heights(), other.feedforward(x[None])[0], atol=1e-6)
    view.clear()
    assert view.canvas.is_empty() and view.prediction.text() == "–"


def test_the_browse_view_lists_the_misclassified_images_of_the_session_s_network(qtbot, session, mnist):
    from mnist_gui.views.browse import BrowseView

    view = BrowseView(session)
    qtbot.addWidget(view)
    view.wait_until_current()
    wrong = np.flatnonzero(session.model.predict(mnist.test.X) != mnist.test.y)
    view.show_combo.setCurrentIndex(1)  # misclassified only
    assert view.list_model.rowCount() == len(wrong)
    assert [view.list_model.source_index(r) for r in range(len(wrong))] == list(wrong)
    assert view.count_label.text().startswith(f"{len(wrong):,} of 10,000: misclassified · {len(wrong):,} misclassified")
    # Another network in the session: the list follows, once the scores are computed (in a thread).
    other = MLP((784, 10), rng=np.random.default_rng(0))
    session.set_model(other, "random")
    qtbot.waitUntil(view.is_current, timeout=20_000)
    assert view.list_model.n_misclassified == int(np.count_nonzero(other.predict(mnist.test.X) != mnist.test.y))


def test_the_train_view_starts_and_stops_a_run_through_the_controller(qtbot, small_mnist):
    from mnist_gui.views.train import TrainView

    session = Session()
    session.set_data(small_mnist)
    session.open_model(default_model_path())
    controller = TrainingController(session, report_samples=200)
    view = TrainView(session, controller)
    qtbot.addWidget(view)
    view.form.hidden_edit.setText("10")
    view.form.epochs_spin.setValue(1)
    view.form.seed_spin.setValue(1)
    with qtbot.waitSignal(controller.finished, timeout=60_000):
        view.train_button.click()
        assert controller.is_running and not view.train_button.isEnabled() and view.stop_button.isEnabled()
    assert session.model.layer_sizes == (784, 10, 10) and session.unsaved
    qtbot.waitUntil(view.is_settled, timeout=5000)
    assert len(view.plot.curves(session.runs[-1])["validation_x"]) == 1 and view.progress_bar.value() == 1000
    assert "Test accuracy" in view.status.text()
    # A long run, stopped with the view's own button.
    view.form.epochs_spin.setValue(500)
    view.train_button.click()
    qtbot.waitUntil(lambda: controller.run is not None and len(controller.run.cost_points) >= 2, timeout=30_000)
    with qtbot.waitSignal(controller.finished, timeout=10_000):
        view.stop_button.click()
        assert "stopping" in view.progress_bar.format()
    assert session.runs[-1].ending.startswith("Training stopped")
    assert view.train_button.isEnabled() and not view.stop_button.isEnabled()


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def test_a_view_imports_no_other_view():
    modules = sorted(VIEWS.glob("*.py"))
    views = {f"mnist_gui.views.{p.stem}" for p in modules if p.stem != "__init__"}
    assert {"mnist_gui.views.draw", "mnist_gui.views.train", "mnist_gui.views.browse"} <= views
    for path in modules:
        own = f"mnist_gui.views.{path.stem}"
        imported = {name for name in _imports(path) if name.startswith("mnist_gui.views")}
        assert imported <= {own}, f"{path.name} imports {sorted(imported - {own})}"


def test_the_session_and_the_controller_know_no_view():
    for name in ("session.py", "training.py", "worker.py"):
        imported = _imports(VIEWS.parent / name)
        assert not {i for i in imported if i.startswith("mnist_gui.views") or i == "mnist_gui.main_window"}, name

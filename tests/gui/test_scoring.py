"""SplitScorer: scores and maps of a split computed in a worker thread, cached per network."""

import numpy as np
import pytest

from core import browse
from core.metrics import confusion_matrix
from core.mlp import MLP
from core.paths import default_model_path
from mnist_gui.scoring import SplitScorer


@pytest.fixture(scope="module")
def default_model():
    return MLP.load(default_model_path())


def test_scores_and_map_arrive_as_core_computes_them_and_are_kept(qtbot, default_model, mnist):
    scorer = SplitScorer()
    X, y = mnist.test.X[:3000], mnist.test.y[:3000]
    with qtbot.waitSignals([scorer.scored, scorer.mapped], timeout=20_000):
        scorer.request("test", default_model, X, y)
    expected = browse.score(default_model, X, y)
    np.testing.assert_array_equal(scorer.scores("test").predicted, expected.predicted)
    np.testing.assert_allclose(scorer.scores("test").cost, expected.cost, rtol=1e-6)
    np.testing.assert_array_equal(scorer.confusion("test"), confusion_matrix(y, expected.predicted))
    np.testing.assert_array_equal(scorer.points("test"), browse.hidden_map(default_model, X))
    with qtbot.assertNotEmitted(scorer.scored, wait=200):  # known: nothing is computed again
        scorer.request("test", default_model, X, y)
    assert not scorer.busy()


def test_a_new_network_abandons_the_old_work_and_its_answers(qtbot, default_model, mnist):
    scorer = SplitScorer()
    names = []
    scorer.scored.connect(names.append)
    scorer.request("train", default_model, mnist.train.X, mnist.train.y)  # most of a second
    scorer.clear()  # the network changed meanwhile
    other = MLP((784, 10), rng=np.random.default_rng(0))
    scorer.request("test", other, mnist.test.X, mnist.test.y)
    scorer.wait()
    assert names == ["test"] and scorer.scores("train") is None
    np.testing.assert_array_equal(scorer.scores("test").predicted, other.predict(mnist.test.X))
    scorer.forget("test")
    assert scorer.scores("test") is None and scorer.points("test") is None


def test_a_failure_is_reported_with_its_message(qtbot, default_model, mnist):
    scorer = SplitScorer()
    with qtbot.waitSignal(scorer.failed, timeout=10_000) as blocker:
        scorer.request("own", default_model, mnist.test.X[:5, :100], mnist.test.y[:5])  # wrong width
    assert blocker.args[0] == "own" and "shape" in blocker.args[1]
    scorer.wait()

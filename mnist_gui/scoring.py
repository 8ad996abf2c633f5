"""SplitScorer: what the current network makes of a whole split, computed off the GUI thread.

Scoring 50,000 training images with the 800-wide network takes most of a second and their
map (:func:`core.browse.hidden_map`) two more: too long for the GUI thread. A
:class:`ScoreWorker` computes both in a thread of its own (the pattern of STYLE.md, section
3): first the scores and the confusion matrix, emitted as soon as they are known, then the
map. :class:`SplitScorer` runs one worker at a time, abandons one whose answer is no longer
wanted, and keeps the answers until the network or the data changes.
"""

from __future__ import annotations

from collections.abc import Hashable

import numpy as np
from PySide6.QtCore import QCoreApplication, QObject, QThread, Signal, Slot

from core.browse import Scores, hidden_map, score
from core.metrics import confusion_matrix
from mnist_gui.worker import ThreadReaper


class ScoreWorker(QObject):
    """Scores one split with one network, then maps it, in a worker thread.

    Parameters
    ----------
    key : hashable
        Returned with each answer, to tell answers apart.
    model : core.mlp.MLP
        Read only (never changed) while the worker runs.
    X : ndarray, shape (n, 784), float32
    y : ndarray, shape (n,), int64
    with_scores : bool
        Compute the scores (False: they are known; only the map is wanted).
    with_map : bool
        Also compute the map.

    Signals
    -------
    scored(key, Scores, confusion)
        The scores (:func:`core.browse.score`) and the ``(n_classes, n_classes)`` int64
        confusion matrix.
    mapped(key, points)
        ``(n, 2)`` float32 points (:func:`core.browse.hidden_map`).
    map_failed(key, str)
        The map could not be made (its coordinates are not finite: the network's weights
        hold NaN or infinity); the scores are unaffected.
    failed(key, str)
        The work raised; the message says why.
    finished()
        Always, last.
    """

    scored = Signal(object, object, object)
    mapped = Signal(object, object)
    map_failed = Signal(object, str)
    failed = Signal(object, str)
    finished = Signal()

    def __init__(self, key: Hashable, model, X: np.ndarray, y: np.ndarray, with_map: bool = True,
                 with_scores: bool = True):
        super().__init__()
        self._key, self._model, self._X, self._y, self._with_map = key, model, X, y, with_map
        self._with_scores = with_scores
        self._stopped = False

    def stop(self) -> None:
        """Abandon the work at the next chunk (thread-safe: a plain flag)."""
        self._stopped = True

    def _should_stop(self) -> bool:
        return self._stopped

    @Slot()
    def run(self) -> None:
        """Score, emit, map, emit (in the worker thread); stop early if asked."""
        try:
            if self._with_scores:
                scores = score(self._model, self._X, self._y, should_stop=self._should_stop)
                if scores is None:
                    return
                confusion = confusion_matrix(self._y, scores.predicted, self._model.n_outputs)
                self.scored.emit(self._key, scores, confusion)
            if self._with_map and not self._stopped:
                points = hidden_map(self._model, self._X, should_stop=self._should_stop)
                if points is not None and not np.isfinite(points).all():
                    self.map_failed.emit(self._key, "the map's coordinates are not finite numbers (the network's "
                                                    "weights hold NaN or infinity)")
                elif points is not None:
                    self.mapped.emit(self._key, points)
        except Exception as exc:  # noqa: BLE001 (reported to the GUI as a message)
            self.failed.emit(self._key, str(exc))
        finally:
            self.finished.emit()


class SplitScorer(QObject):
    """Scores and maps of the sets the Browse view shows, for one network.

    :meth:`use_model` names the network (a new one forgets every answer); :meth:`request`
    starts the work for a set (abandoning work for another set that is no longer wanted);
    the answers arrive as signals and stay until the network changes, :meth:`clear` (new
    data) or :meth:`forget` (one set's contents changed, e.g. the user's digits). An answer
    computed for an earlier network, data or contents is dropped, never delivered.

    Signals
    -------
    scored(name)
        The scores of set ``name`` are known (:meth:`scores`, :meth:`confusion`).
    mapped(name)
        Its map is known (:meth:`points`).
    map_failed(name, str)
        Its map could not be made (:meth:`map_error` says why); the scores stand.
    failed(name, str)
        Its scoring failed; the message says why.
    """

    scored = Signal(str)
    mapped = Signal(str)
    map_failed = Signal(str, str)
    failed = Signal(str, str)

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._model = None
        self._generation = 0  # a new network or new data
        self._versions: dict[str, int] = {}  # a set's contents changed
        self._scores: dict[str, tuple[Scores, np.ndarray]] = {}
        self._points: dict[str, np.ndarray] = {}
        self._map_errors: dict[str, str] = {}
        self._worker: ScoreWorker | None = None
        self._worker_key: tuple | None = None
        self._thread: QThread | None = None
        self._pending: tuple | None = None  # (key, model, X, y, with_map, with_scores) to start next

    @property
    def model(self):
        """The network the answers are for (None before :meth:`use_model`)."""
        return self._model

    def use_model(self, model) -> bool:
        """Answer for ``model`` from now on; True if it is another network than before (every
        answer is then forgotten and the work in progress abandoned), False if the same."""
        if model is self._model:
            return False
        self.clear()
        self._model = model
        return True

    def clear(self) -> None:
        """Forget every answer and abandon the work in progress (new data, or a new network)."""
        self._generation += 1
        self._scores.clear()
        self._points.clear()
        self._map_errors.clear()
        self._pending = None
        if self._worker is not None:
            self._worker.stop()

    def forget(self, name: str) -> None:
        """Forget the answers for one set and abandon the work for it (only for it)."""
        self._scores.pop(name, None)
        self._points.pop(name, None)
        self._map_errors.pop(name, None)
        self._versions[name] = self._versions.get(name, 0) + 1  # answers on their way are for old contents
        if self._pending is not None and self._pending[0][1] == name:
            self._pending = None
        if self._worker is not None and self._worker_key[1] == name:
            self._worker.stop()

    def scores(self, name: str) -> Scores | None:
        """The scores of a set, or None if not known yet."""
        answer = self._scores.get(name)
        return None if answer is None else answer[0]

    def confusion(self, name: str) -> np.ndarray | None:
        """The ``(n_classes, n_classes)`` int64 confusion matrix of a set, or None."""
        answer = self._scores.get(name)
        return None if answer is None else answer[1]

    def points(self, name: str) -> np.ndarray | None:
        """The ``(n, 2)`` float32 map of a set, or None if not known yet."""
        return self._points.get(name)

    def map_error(self, name: str) -> str:
        """Why the set's map could not be made ("" if it could or is not known yet)."""
        return self._map_errors.get(name, "")

    def busy(self) -> bool:
        """True while a worker computes."""
        return self._thread is not None

    def _key(self, name: str) -> tuple:
        return (self._generation, name, self._versions.get(name, 0))

    def request(self, name: str, model, X: np.ndarray, y: np.ndarray, with_map: bool = True) -> None:
        """Compute what is not known yet of set ``name`` with ``model``, off the GUI thread;
        work for another set is abandoned. ``model`` becomes the network answered for
        (:meth:`use_model`)."""
        self.use_model(model)
        need_scores = name not in self._scores
        need_map = with_map and name not in self._points and name not in self._map_errors
        if not (need_scores or need_map):
            return
        key = self._key(name)
        if self._worker is not None and self._worker_key == key and not self._worker._stopped:
            return  # already on it
        self._pending = (key, model, X, y, need_map, need_scores)
        if self._worker is not None:
            self._worker.stop()
        else:
            self._start_pending()

    def _start_pending(self) -> None:
        key, model, X, y, with_map, with_scores = self._pending
        self._pending = None
        worker = ScoreWorker(key, model, X, y, with_map, with_scores)
        worker.scored.connect(self._on_worker_scored)
        worker.mapped.connect(self._on_worker_mapped)
        worker.map_failed.connect(self._on_worker_map_failed)
        worker.failed.connect(self._on_worker_failed)
        worker.finished.connect(self._on_worker_finished)
        self._worker, self._worker_key = worker, key
        self._thread = ThreadReaper.get().start(worker)

    def wait(self) -> None:
        """Block until the work asked for is done and its answers delivered (for tests and
        benchmarks; the app never blocks on it)."""
        while self._thread is not None or self._pending is not None:
            if self._thread is not None:
                self._thread.wait()
            QCoreApplication.processEvents()

    # -- from the worker (queued to the GUI thread) ---------------------------------------

    @Slot(object, object, object)
    def _on_worker_scored(self, key, scores, confusion) -> None:
        if key == self._key(key[1]):
            self._scores[key[1]] = (scores, confusion)
            self.scored.emit(key[1])

    @Slot(object, object)
    def _on_worker_mapped(self, key, points) -> None:
        if key == self._key(key[1]):
            self._points[key[1]] = points
            self.mapped.emit(key[1])

    @Slot(object, str)
    def _on_worker_map_failed(self, key, message: str) -> None:
        if key == self._key(key[1]):
            self._map_errors[key[1]] = message
            self.map_failed.emit(key[1], message)

    @Slot(object, str)
    def _on_worker_failed(self, key, message: str) -> None:
        if key == self._key(key[1]):
            self.failed.emit(key[1], message)

    @Slot()
    def _on_worker_finished(self) -> None:
        self._worker = self._worker_key = self._thread = None
        if self._pending is not None:
            self._start_pending()

"""Session: what the app knows, in one QObject without widgets.

The session holds the data set in use, the current network with its evaluation on each
split, the network a run in progress has reached (its *preview*), and the runs of this
session. Views read from it and ask it for changes; it emits a signal after each change
and never refers to a view (napari's model/view split: ``ViewerModel`` never imports its
Qt side). Everything here runs on the GUI thread, except the data loading and the fine-tuning
of a correction, which a :class:`~mnist_gui.worker.CallWorker` does in its own thread.

It also holds the user's own digits (:class:`core.own_digits.OwnDigits`, two IDX files in the
user data folder) and the corrections made to the current network (:meth:`Session.correct`),
each undoable: the network before it is kept.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from PySide6.QtCore import QCoreApplication, QObject, QStandardPaths, QThread, Signal, Slot

import core
from core.datasets import DataSplit, MnistData, load_mnist
from core.finetune import fine_tune
from core.metrics import Evaluation, evaluate
from core.mlp import MLP
from core.own_digits import IMAGES_FILE, LABELS_FILE, OwnDigits, OwnDigitsError
from core.paths import default_data_dir, default_model_path
from core.sgd import TrainConfig
from mnist_gui import numbers
from mnist_gui.events import call_in_turn
from mnist_gui.worker import CallWorker, start_in_thread

#: The splits of a data set, in the order the views list them.
SPLITS = ("train", "validation", "test")

#: Corrections kept for undo (each keeps the network before it: 2.5 MB for the bundled one).
MAX_CORRECTIONS = 20

#: The app's folder in the user data folder.
DATA_FOLDER_NAME = "mnist-gui"


def user_data_folder() -> Path:
    """The app's folder in the user's data folder: ``mnist-gui`` in
    ``QStandardPaths.GenericDataLocation`` (``~/.local/share/mnist-gui`` on Linux,
    ``~/Library/Application Support/mnist-gui`` on macOS, ``%LOCALAPPDATA%/mnist-gui`` on
    Windows); ``~/.mnist-gui`` if Qt knows none.

    Not ``AppDataLocation``: that appends the organisation and the application name, both
    "mnist-gui" (they also name the settings file), so the folder was ``…/mnist-gui/mnist-gui``.
    """
    generic = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.GenericDataLocation)
    return Path(generic) / DATA_FOLDER_NAME if generic else Path.home() / f".{DATA_FOLDER_NAME}"


def adopt_old_own_digits(folder: Path, old: Path) -> Path:
    """Where the user's digits are to be kept, moving a set an earlier version kept in ``old``.

    If ``old`` holds the set's files (:data:`core.own_digits.IMAGES_FILE`, ``LABELS_FILE``, and
    any set aside beside them) and ``folder`` holds neither, the files are moved (renamed) into
    ``folder``, and ``old`` is removed if that leaves it empty. Nothing is ever overwritten or
    deleted.

    Parameters
    ----------
    folder : Path
        The folder to use (:func:`user_data_folder`).
    old : Path
        The folder an earlier version used (``AppDataLocation``: ``…/mnist-gui/mnist-gui``).

    Returns
    -------
    Path
        ``folder``; or ``old`` if the files are there and could not be moved (the set is then
        read and written where it is).
    """
    if old == folder or not any((old / name).is_file() for name in (IMAGES_FILE, LABELS_FILE)):
        return folder
    if any((folder / name).exists() for name in (IMAGES_FILE, LABELS_FILE)):
        return folder  # both hold a set: the new one is used, the old one stays where it is
    moved = []
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for path in sorted(old.glob("my-digits-*")):
            target = folder / path.name
            if path.is_file() and not target.exists():
                path.rename(target)
                moved.append((path, target))
    except OSError:
        for path, target in reversed(moved):  # put back what was moved: the set stays whole, in old
            try:
                target.rename(path)
            except OSError:
                pass
        return old if all(path.exists() for path, _ in moved) else folder
    try:
        old.rmdir()  # only if empty
    except OSError:
        pass
    return folder


@dataclass(eq=False)  # identity: two runs with the same numbers are still two runs
class Run:
    """One training run of this session, or the saved history of a network opened from a file.

    Attributes
    ----------
    config : core.sgd.TrainConfig or None
        The configuration, with its seed, so that the run can be repeated exactly; None
        for a model file that does not record one (or records one this version cannot read).
    name : str
        A short label (``"run 1: 784-30-10"``); the user may rename it.
    number : int
        1 for the session's first run, 2 for the next... (it picks the run's colour).
    cost_points : list of (float, float)
        The cost curve as drawn: (epoch, fractional; mean cost of the reported window).
    history : list of dict
        One row per completed epoch, as in the model's ``metadata["history"]``.
    learning_rate_changes : list of dict
        ``{"epoch", "batch", "learning_rate", "x"}``: eta changed by the user, ``x`` the
        position in epochs (fractional) where it took effect.
    model : core.mlp.MLP or None
        The network the run ended with (a copy the session owns), or None while it runs,
        if it ended before its first epoch, or failed.
    ending : str
        A sentence saying how it ended ("" while it runs).
    diverged_at : (float, float or None) or None
        Where the run diverged: (epoch, validation accuracy then, or None), else None.
    n_train : int
        Training images per epoch (0 if unknown).
    from_file : bool
        True for the history of a network opened from a file (not trained in this session).
    saved_to : str
        Where its network was last saved ("" if never; a file's path for ``from_file``).
    visible : bool
        Whether its curves are shown.
    """

    config: TrainConfig | None
    name: str
    number: int = 0
    cost_points: list = field(default_factory=list)
    history: list = field(default_factory=list)
    learning_rate_changes: list = field(default_factory=list)
    model: MLP | None = None
    ending: str = ""
    diverged_at: tuple | None = None
    n_train: int = 0
    from_file: bool = False
    saved_to: str = ""
    visible: bool = True

    @property
    def epochs(self) -> int:
        """Epochs completed."""
        return len(self.history)

    @property
    def seconds(self) -> float:
        """Training time of the completed epochs (s), pauses excluded."""
        return float(sum(row.get("seconds") or 0.0 for row in self.history))

    @property
    def samples_per_second(self) -> float | None:
        """Training samples per second over the completed epochs, or None if unknown."""
        seconds = self.seconds
        return self.epochs * self.n_train / seconds if seconds > 0 and self.n_train else None

    @property
    def best_validation(self) -> tuple[int, float] | None:
        """(epoch, accuracy) of the best validation accuracy (the first if tied), or None."""
        rows = [(row["epoch"], row["validation_accuracy"]) for row in self.history
                if row.get("validation_accuracy") is not None]
        return max(rows, key=lambda r: (r[1], -r[0])) if rows else None

    @property
    def test_accuracy(self) -> float | None:
        """Test accuracy at the last completed epoch, or None."""
        return self.history[-1].get("test_accuracy") if self.history else None

    def describe(self) -> str:
        """The configuration in one line: "784-30-10, 30 epochs x 10, eta 3, quadratic, L2 0, seed 1"."""
        c = self.config
        if c is None:
            return QCoreApplication.translate("Run", "configuration not recorded")
        epochs = (QCoreApplication.translate("Run", "1 epoch") if c.n_epochs == 1
                  else QCoreApplication.translate("Run", "{0} epochs").format(numbers.integer(c.n_epochs)))
        costs = {"quadratic": QCoreApplication.translate("Run", "quadratic"),
                 "cross-entropy": QCoreApplication.translate("Run", "cross-entropy")}
        inits = {"normal": QCoreApplication.translate("Run", "N(0, 1) init"),
                 "scaled": QCoreApplication.translate("Run", "N(0, 1/n_in) init")}
        text = QCoreApplication.translate("Run", "{0}, {1}, mini-batch {2}, eta {3}, {4}, {5}").format(
            "-".join(map(str, c.layer_sizes)), epochs, c.batch_size, numbers.general(c.learning_rate),
            costs.get(c.cost, c.cost), inits.get(c.init, c.init))
        for change in self.learning_rate_changes:
            text += QCoreApplication.translate("Run", " (eta {0} from epoch {1})").format(
                numbers.general(change["learning_rate"]), numbers.fixed(change["x"], 1))
        if c.l2:
            text += QCoreApplication.translate("Run", ", L2 {0}").format(numbers.general(c.l2))
        if c.train_size:
            text += QCoreApplication.translate("Run", ", {0} training images").format(numbers.integer(c.train_size))
        if c.add_own_digits:
            text += QCoreApplication.translate("Run", ", with your own digits")
        if c.binarize is not None:
            text += QCoreApplication.translate("Run", ", binarized at {0}").format(numbers.general(c.binarize))
        if c.patience:
            text += QCoreApplication.translate("Run", ", halve eta after {0} stale epochs").format(c.patience)
        d = c.distortion()
        if not d.is_identity:
            g = numbers.general
            parts = [QCoreApplication.translate("Run", "shift {0} px").format(g(d.shift)) if d.shift else "",
                     QCoreApplication.translate("Run", "rotation {0}°").format(g(d.rotation)) if d.rotation else "",
                     QCoreApplication.translate("Run", "scale ±{0}").format(g(d.scale)) if d.scale else "",
                     QCoreApplication.translate("Run", "shear {0}").format(g(d.shear)) if d.shear else "",
                     QCoreApplication.translate("Run", "elastic alpha {0} sigma {1}").format(numbers.general(d.alpha),
                                                                                           numbers.general(d.sigma))
                     if d.alpha else ""]
            text += QCoreApplication.translate("Run", ", distorted ({0})").format(", ".join(p for p in parts if p))
        if c.keep_best:
            text += QCoreApplication.translate("Run", ", best epoch kept")
        if c.dtype != "float32":
            text += f", {c.dtype}"
        if c.seed is not None:
            text += QCoreApplication.translate("Run", ", seed {0}").format(c.seed)
        return text


@dataclass(eq=False)
class Correction:
    """One "Correct me": a digit saved with its right label and the network fine-tuned on it.

    Attributes
    ----------
    label : int
        The right digit, as the user gave it.
    was : int or None
        What the network answered before.
    image : ndarray, shape (28, 28), uint8
        The digit as saved in the user's set (what the network was fine-tuned on).
    digits_before : int
        Size of the user's set before the digit was saved.
    previous : MLP
        The network before the correction (kept untouched, for :meth:`Session.undo_correction`).
    previous_name : str
    previous_unsaved : bool
    previous_evaluations : dict of str to Evaluation
        What the session had computed for ``previous``.
    base_name : str
        The name of the network before any correction ("default model"), to name the
        corrected one ("default model, corrected", "default model, 2 corrections"; the status
        bar puts the name in brackets).
    model : MLP or None
        The corrected network (None while it is computed, or if that failed).
    answer : int or None
        What the corrected network answers for the digit.
    test_before, test_after : float or None
        Test accuracy (fraction) before and after, on the data in use.
    seconds : float
        Time the fine-tuning and its evaluation took (s).
    """

    label: int
    was: int | None
    image: np.ndarray
    digits_before: int
    previous: MLP
    previous_name: str
    previous_unsaved: bool
    previous_evaluations: dict
    base_name: str = ""
    model: MLP | None = None
    answer: int | None = None
    test_before: float | None = None
    test_after: float | None = None
    seconds: float = 0.0

    @property
    def learned(self) -> bool:
        """True if the corrected network reads the digit as its label."""
        return self.answer == self.label


def run_from_model(model: MLP, name: str, number: int) -> Run | None:
    """The saved training history of ``model`` as a :class:`Run`, or None if it has none.

    Reads ``metadata["history"]`` (rows as written by :func:`core.sgd.train`),
    ``metadata["config"]`` (a ``TrainConfig`` as a dict; ignored if unreadable),
    ``metadata["n_train"]`` and ``metadata["learning_rate_changes"]``.
    """
    meta = model.metadata
    history = meta.get("history")
    if not isinstance(history, list) or not history or not all(isinstance(r, dict) for r in history):
        return None
    config = None
    if isinstance(meta.get("config"), dict):
        try:
            config = TrainConfig(**meta["config"])
        except (TypeError, ValueError):
            config = None
    n_train = meta.get("n_train")
    changes = []
    for c in meta.get("learning_rate_changes") or []:
        if isinstance(c, dict) and {"epoch", "batch", "learning_rate"} <= c.keys():
            n_batches = None
            if config is not None and isinstance(n_train, int) and n_train > 0:
                n_batches = -(-n_train // min(config.batch_size, n_train))
            x = c["epoch"] - 1 + (c["batch"] / n_batches if n_batches else 0)
            changes.append({**c, "x": x})
    return Run(config, name, number, history=list(history), learning_rate_changes=changes, model=model,
               ending=QCoreApplication.translate("Run", "Opened from a file"),
               n_train=n_train if isinstance(n_train, int) and n_train > 0 else 0, from_file=True)


class Session(QObject):
    """The app's state: data set, current network and its evaluation, runs.

    Parameters
    ----------
    parent : QObject, optional
    own_digits_dir : str or path-like, optional
        The folder of the user's own digits; by default :func:`user_data_folder` (a set an
        earlier version kept in ``QStandardPaths.AppDataLocation`` is moved there, see
        :func:`adopt_old_own_digits`). Tests pass a temporary folder. It is read on first use
        of :attr:`own_digits`.

    Signals
    -------
    data_changed()
        A new data set is in use (``data``); the evaluations were recomputed.
    loading_changed(bool)
        A data set started (True) or stopped (False) loading.
    load_failed(str)
        A data set could not be loaded; the message names the problem. The data in use is
        unchanged (at start-up, the bundled MNIST is loaded instead).
    model_changed()
        The current network, its name or its saved state changed.
    preview_changed()
        A run in progress has a new epoch's network (``preview``), or the run ended (None).
    runs_changed()
        A run was added, ended or removed.
    run_changed(Run)
        A run was renamed, shown or hidden, or received new points.
    own_digits_changed()
        The user's own digits changed (a digit saved or removed, the set read again or
        started anew) or could not be read (:attr:`own_digits_error`).
    correction_started()
        :meth:`correct` saved the digit and started fine-tuning.
    correction_finished(Correction)
        The corrected network is the current one (``model_changed`` was emitted first).
    correction_failed(str)
        The fine-tuning could not be done or applied (the message says why); the network
        is unchanged, the digit stays saved.
    correction_undone(Correction)
        :meth:`undo_correction` put the previous network back.
    """

    data_changed = Signal()
    loading_changed = Signal(bool)
    load_failed = Signal(str)
    model_changed = Signal()
    preview_changed = Signal()
    runs_changed = Signal()
    run_changed = Signal(object)
    own_digits_changed = Signal()
    correction_started = Signal()
    correction_finished = Signal(object)
    correction_failed = Signal(str)
    correction_undone = Signal(object)

    def __init__(self, parent: QObject | None = None, *, own_digits_dir: str | os.PathLike | None = None):
        super().__init__(parent)
        self._data: MnistData | None = None
        self._model: MLP | None = None
        self._model_name = ""
        self._unsaved = False
        self._evaluations: dict[str, Evaluation] = {}
        self._preview: MLP | None = None
        self._runs: list[Run] = []
        self._run_count = 0  # runs ever added: numbers them (their id and colour)
        self._trained_count = 0  # runs trained in the session: names them ("run 1" is the first one trained)
        self._load_thread: QThread | None = None
        self._load_worker: CallWorker | None = None
        self._loading_directory: Path | None = None
        self._own_digits_dir = Path(own_digits_dir) if own_digits_dir is not None else None
        self._own: OwnDigits | None = None  # read on first use
        self._own_evaluation: tuple | None = None  # (model, digits, Evaluation)
        self._corrections: list[Correction] = []  # oldest first; the last may be in progress
        # (thread, worker) of each correction whose thread has not been seen to end; the last one
        # computes while _correction_pending, the others have delivered their result.
        self._correction_threads: list[tuple[QThread, CallWorker]] = []
        self._correction_pending = False  # from correct() to the worker's result
        self._correction_data: MnistData | None = None  # the data the pending correction uses

    # -- reading --------------------------------------------------------------------------

    @property
    def data(self) -> MnistData | None:
        """The data set in use, or None until the first one has loaded."""
        return self._data

    @property
    def loading(self) -> bool:
        """True while a data set loads."""
        return self._load_thread is not None

    @property
    def loading_directory(self) -> Path | None:
        """The folder being (or last) loaded; None for the bundled MNIST."""
        return self._loading_directory

    @property
    def model(self) -> MLP | None:
        """The current network: what Draw and Browse use when no run is in progress."""
        return self._model

    @property
    def model_name(self) -> str:
        """A short name for the current network (a file name, "default model", "run 1: 784-30-10")."""
        return self._model_name

    @property
    def unsaved(self) -> bool:
        """True if the current network was trained in this session and not saved since."""
        return self._unsaved

    @property
    def preview(self) -> MLP | None:
        """During a run: the network after its last completed epoch; otherwise None."""
        return self._preview

    @property
    def live_model(self) -> MLP | None:
        """The network to answer a drawing with: the run's preview if there is one, else
        the current network."""
        return self._preview if self._preview is not None else self._model

    @property
    def runs(self) -> list[Run]:
        """This session's runs, oldest first (the list itself; do not modify it)."""
        return self._runs

    def evaluation(self, split: str = "test") -> Evaluation | None:
        """The current network's evaluation on one split (``"train"``, ``"validation"``,
        ``"test"``), computed on first use and kept until the network or data changes.

        Returns None without data or a network. Raises KeyError for an unknown split.
        """
        if split not in SPLITS:
            raise KeyError(f"unknown split {split!r}; expected one of {SPLITS}.")
        if self._data is None or self._model is None:
            return None
        if split not in self._evaluations:
            part = getattr(self._data, split)
            self._evaluations[split] = evaluate(self._model, part.X, part.y)
        return self._evaluations[split]

    # -- the network ----------------------------------------------------------------------

    def set_model(self, model: MLP, name: str, *, unsaved: bool = False,
                  evaluations: dict[str, Evaluation] | None = None, emit: bool = True) -> None:
        """Make ``model`` the current network and emit :attr:`model_changed` (unless ``emit`` is
        False: the caller emits it later).

        ``evaluations`` (split name -> Evaluation on the current data, e.g. computed by the
        training worker) saves recomputing them on the GUI thread.
        """
        self._model = model
        self._model_name = name
        self._unsaved = unsaved
        self._evaluations = {}
        if evaluations and self._data is not None:
            self._evaluations = {split: ev for split, ev in evaluations.items()
                                 if split in SPLITS and len(ev.labels) == len(getattr(self._data, split))}
        if emit:
            self.model_changed.emit()

    def open_model(self, path: str | os.PathLike) -> None:
        """Load a model file and make it the current network.

        Raises
        ------
        OSError, ValueError
            The file cannot be read, is not a model file, or its network does not take
            784 inputs and give 10 outputs; the message names the file. The current
            network is then unchanged.
        """
        path = Path(path)
        model = MLP.load(path)
        if model.n_inputs != 784 or model.n_outputs != 10:
            raise ValueError(self.tr("{0}: this network has {1} inputs and {2} outputs; the app needs 784 inputs "
                                     "(28 x 28 pixels) and 10 outputs (digits).").format(
                                         path, model.n_inputs, model.n_outputs))
        name = self.tr("default model") if path == default_model_path() else path.name
        self.set_model(model, name)
        run = run_from_model(model, name, self._run_count + 1)
        if run is not None:
            self._run_count += 1
            self._runs.append(run)
            self.runs_changed.emit()

    def save_model(self, path: str | os.PathLike) -> Path:
        """Save the current network atomically as ``.npz`` (the suffix is added if
        missing) and mark it saved. Returns the path written.

        Raises
        ------
        OSError, TypeError, ValueError
            The file cannot be written; nothing was overwritten.
        """
        path = Path(path)
        if path.suffix != ".npz":
            path = path.with_name(path.name + ".npz")
        self._model.metadata.setdefault("package_version", core.__version__)
        self._model.save(path)
        self._model_name = path.name
        self._unsaved = False
        for run in self._runs:
            if run.model is self._model:
                run.saved_to = str(path)
        self.model_changed.emit()
        return path

    def set_preview(self, model: MLP | None) -> None:
        """The network a run in progress has reached (None when the run ends)."""
        self._preview = model
        self.preview_changed.emit()

    # -- runs -----------------------------------------------------------------------------

    def add_run(self, config: TrainConfig, n_train: int = 0) -> Run:
        """Record a run that is starting (``n_train`` images per epoch) and emit :attr:`runs_changed`."""
        self._run_count += 1
        self._trained_count += 1
        run = Run(config, self.tr("run {0}: {1}").format(self._trained_count, "-".join(map(str, config.layer_sizes))),
                  self._run_count, n_train=n_train)
        self._runs.append(run)
        self.runs_changed.emit()
        return run

    def end_run(self, run: Run, ending: str, model: MLP | None = None,
                evaluations: dict[str, Evaluation] | None = None) -> None:
        """Record how ``run`` ended. A network that finished at least one epoch becomes
        the current one (unsaved); otherwise the current network stays. The state changes at
        once; ``model_changed``, ``preview_changed`` and ``runs_changed`` follow from the event
        loop, one per event."""
        run.ending = ending
        run.model = model
        if model is not None:
            run.history = list(model.metadata.get("history", []))
        self._preview = None
        signals = [self.preview_changed, self.runs_changed]
        if model is not None and run.history:
            self.set_model(model, run.name, unsaved=True, evaluations=evaluations, emit=False)
            signals.insert(0, self.model_changed)
        # The state is new at once; the views hear of it one signal per event, so that their
        # updates (each view taking the new network) do not add up to one stall of the window.
        call_in_turn(self, *(signal.emit for signal in signals))

    def rename_run(self, run: Run, name: str) -> None:
        """Give ``run`` a new name (blank names are refused: the old one stays)."""
        name = name.strip()
        if not name or name == run.name:
            return
        run.name = name
        if run.model is not None and run.model is self._model:
            self._model_name = name
            self.model_changed.emit()
        self.run_changed.emit(run)

    def set_run_visible(self, run: Run, visible: bool) -> None:
        """Show or hide ``run``'s curves."""
        if run.visible != visible:
            run.visible = visible
            self.run_changed.emit(run)

    def remove_run(self, run: Run) -> None:
        """Forget ``run`` (its curves go; a network in use stays in use).

        Raises
        ------
        ValueError
            ``run`` is still training (stop it first) or is not one of this session's runs.
        """
        if run not in self._runs:
            raise ValueError(self.tr("This run is not part of the session."))
        if not run.ending:
            raise ValueError(self.tr("This run is still training; stop it first."))
        self._runs.remove(run)
        self.runs_changed.emit()

    def unsaved_runs(self) -> list[Run]:
        """The runs whose trained network was never saved (what a quit would lose)."""
        return [r for r in self._runs if r.model is not None and r.history and not (r.from_file or r.saved_to)]

    def use_run(self, run: Run) -> None:
        """Make ``run``'s network the current one (Draw and Browse switch to it).

        Raises
        ------
        ValueError
            The run has no network (it is training, ended before its first epoch, or failed).
        """
        if run.model is None or not run.history:
            raise ValueError(self.tr("{0} has no network to use: it is still training, ended before its first "
                                     "epoch, or failed.").format(run.name))
        if run.model is not self._model:
            self.set_model(run.model, run.name, unsaved=not (run.from_file or run.saved_to))

    # -- data -----------------------------------------------------------------------------

    def load_data(self, directory: str | os.PathLike | None = None) -> bool:
        """Start loading a data set in a background thread; the current one stays until
        it succeeds. ``directory`` None (or empty) means the bundled MNIST.

        Returns False (and does nothing) if a data set is already loading. On success
        :attr:`data_changed` is emitted, on failure :attr:`load_failed`.
        """
        if self._load_thread is not None:
            return False
        directory = Path(directory) if directory else None
        self._loading_directory = directory
        worker = CallWorker(lambda: load_mnist(directory))  # runs in the worker thread
        worker.done.connect(self._on_worker_done)  # bound methods: queued to the GUI thread
        worker.failed.connect(self._on_worker_failed)
        self._load_worker = worker
        self._load_thread = start_in_thread(worker, self._on_load_thread_finished)
        self.loading_changed.emit(True)
        return True

    def wait_for_loading(self) -> None:
        """Block until a data set that is loading is read and a correction being computed is
        done (at quit; a load takes about a second, a correction a fraction of one)."""
        if self._load_thread is not None:
            self._load_thread.wait()
        for thread, _ in self._correction_threads:
            thread.wait()

    def set_data(self, data: MnistData) -> None:
        """Use ``data`` (already loaded) and emit :attr:`data_changed`; the evaluations
        are recomputed on demand."""
        self._data = data
        self._evaluations = {}
        self.data_changed.emit()

    @Slot(object)
    def _on_worker_done(self, data: MnistData) -> None:
        self.set_data(data)

    @Slot(str)
    def _on_worker_failed(self, message: str) -> None:
        self.load_failed.emit(message)

    @Slot()
    def _on_load_thread_finished(self) -> None:
        self._load_thread.wait()  # emitted just before the thread ends: let it end first
        self._load_thread = None
        self._load_worker = None
        self.loading_changed.emit(False)

    def data_name(self) -> str:
        """The data set in use, for people: "bundled MNIST" or its folder."""
        data = self._data
        if data is None:
            return self.tr("none")
        return self.tr("bundled MNIST") if data.directory == default_data_dir() else str(data.directory)

    # -- your own digits ------------------------------------------------------------------

    @property
    def own_digits_dir(self) -> Path:
        """The folder of the user's own digits (see the ``own_digits_dir`` parameter)."""
        if self._own_digits_dir is None:
            folder = user_data_folder()
            old = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
            self._own_digits_dir = adopt_old_own_digits(folder, Path(old)) if old else folder
        return self._own_digits_dir

    def _own_set(self) -> OwnDigits:
        """The user's set, read from its folder on first use (a failure is kept in its error)."""
        if self._own is None:
            self._own = OwnDigits(self.own_digits_dir)
            try:
                self._own.load()
            except (OwnDigitsError, OSError):
                pass  # the message is in own_digits_error; the set stays empty and read-only
        return self._own

    @property
    def own_digits(self) -> DataSplit:
        """The user's own digits: ``X`` ``(n, 784)`` float32, ``y`` ``(n,)`` int64, ``images``
        ``(n, 28, 28)`` uint8, in the order saved (empty if none, or if they could not be read)."""
        return self._own_set().split

    @property
    def own_digits_error(self) -> str:
        """Why the user's digits could not be read ("" if they could). While there is one,
        nothing is saved to them (the files stay as they are)."""
        return self._own_set().error

    def reload_own_digits(self) -> bool:
        """Read the user's digits from their folder again; True if that worked. Emits
        :attr:`own_digits_changed` either way (on failure the set in memory is unchanged)."""
        own = self._own_set()
        try:
            own.load()
            return True
        except (OwnDigitsError, OSError):
            return False
        finally:
            self.own_digits_changed.emit()

    def start_new_own_set(self) -> list[Path]:
        """Set the unreadable files of the user's digits aside (renamed, not deleted) and start
        an empty set. Returns the files' new names.

        Raises
        ------
        OSError
            A file could not be renamed; nothing else changed.
        """
        moved = self._own_set().set_aside()
        self.own_digits_changed.emit()
        return moved

    def add_own_digit(self, image: np.ndarray, label: int) -> None:
        """Save one digit to the user's set (written at once) and emit :attr:`own_digits_changed`.

        Parameters
        ----------
        image : ndarray, (28, 28) uint8, or (784,) float32 in [0, 1]
            What the network sees for the drawing.
        label : int
            0 to 9.

        Raises
        ------
        ValueError
            Not a digit, or the set's files could not be read (see :attr:`own_digits_error`).
        OSError
            The files cannot be written; the set is unchanged.
        """
        self._own_set().append(image, label)
        self.own_digits_changed.emit()

    def remove_last_own_digit(self) -> None:
        """Remove the digit saved last (written at once) and emit :attr:`own_digits_changed`.

        Raises
        ------
        ValueError, OSError
            As :meth:`add_own_digit`.
        """
        self._own_set().remove_last()
        self.own_digits_changed.emit()

    def own_evaluation(self, model: MLP | None = None) -> Evaluation | None:
        """A network's evaluation on the user's digits (by default the current network); None
        without a network or digits. The last one is kept until the network or the set changes."""
        model = self._model if model is None else model
        digits = self.own_digits
        if model is None or not len(digits):
            return None
        cached = self._own_evaluation
        if cached is None or cached[0] is not model or cached[1] is not digits:
            self._own_evaluation = cached = (model, digits, evaluate(model, digits.X, digits.y))
        return cached[2]

    # -- corrections ----------------------------------------------------------------------

    @property
    def training_run(self) -> Run | None:
        """The run of this session that has not ended (the one training), or None."""
        return next((run for run in reversed(self._runs) if not run.ending), None)

    @property
    def is_training(self) -> bool:
        """True while a run of this session has not ended."""
        return self.training_run is not None

    @property
    def correcting(self) -> bool:
        """True while a correction's network is being computed."""
        return self._correction_pending

    @property
    def last_correction(self) -> Correction | None:
        """The latest correction (possibly in progress), or None."""
        return self._corrections[-1] if self._corrections else None

    @property
    def can_undo_correction(self) -> bool:
        """True if the current network is the result of the latest correction."""
        last = self.last_correction
        return last is not None and last.model is not None and last.model is self._model

    def correct(self, image: np.ndarray, label: int, *, was: int | None = None, seed: int | None = None) -> None:
        """"Correct me": save the digit with its right label, then fine-tune the current network
        on it in a worker thread (:func:`core.finetune.fine_tune`: a few mini-batches of the digit
        mixed with MNIST training images); the new network becomes the current one.

        Emits :attr:`own_digits_changed` and :attr:`correction_started` at once; later
        ``model_changed`` and :attr:`correction_finished`, or :attr:`correction_failed`.

        Parameters
        ----------
        image : ndarray, (28, 28) uint8, or (784,) float32 in [0, 1]
            What the network sees for the drawing.
        label : int
            The right digit, 0 to 9.
        was : int, optional
            The network's answer before, for the record.
        seed : int, optional
            Seeds the MNIST images drawn (default: random).

        Raises
        ------
        RuntimeError
            A run is training, a correction is being computed, the data is loading, or there
            is no network or data yet; nothing was saved.
        ValueError, OSError
            As :meth:`add_own_digit`; nothing was changed.
        """
        if self.is_training:
            raise RuntimeError(self.tr("A run is training: stop it or wait for it to end before correcting the "
                                       "network."))
        if self.correcting:
            raise RuntimeError(self.tr("A correction is being computed; wait a moment."))
        if self._data is None or self.loading or self._model is None:
            raise RuntimeError(self.tr("The data is still loading; try again in a moment."))
        own = self._own_set()
        before = len(own)
        self.add_own_digit(image, label)
        model, data, name = self._model, self._data, self._model_name
        earlier = self.last_correction if self.can_undo_correction else None  # correcting a corrected network
        correction = Correction(int(label), was, own.split.images[-1], before, model, name, self._unsaved,
                                dict(self._evaluations), base_name=earlier.base_name if earlier else name)
        x = own.split.X[-1:]  # (1, 784): the digit as saved
        known = self._evaluations.get("test")
        rng = np.random.default_rng(seed)

        def job():  # in the worker thread: reads the network and the data, changes neither
            started = time.perf_counter()
            new = fine_tune(model, x, np.array([correction.label]), data.train, rng)
            test = data.test
            after = evaluate(new, test.X, test.y)
            before_accuracy = (known if known is not None else evaluate(model, test.X, test.y)).accuracy
            return new, after, before_accuracy, int(new.predict(x)[0]), time.perf_counter() - started

        worker = CallWorker(job)
        worker.done.connect(self._on_correction_worker_done)
        worker.failed.connect(self._on_correction_worker_failed)
        self._corrections.append(correction)
        del self._corrections[:-MAX_CORRECTIONS]
        self._correction_threads.append((start_in_thread(worker, self._on_correction_thread_finished), worker))
        self._correction_data = data
        self._correction_pending = True
        self.correction_started.emit()

    def finish_correction(self) -> bool:
        """Wait for the correction being computed, if any (a fraction of a second), and apply
        its result now, as its signal would have (``model_changed``, :attr:`correction_finished`
        or :attr:`correction_failed`): before quitting or replacing the network, so that the
        corrected network can be saved. Returns True if there was one."""
        if not self._correction_pending:
            return False
        thread, _ = self._correction_threads[-1]
        thread.wait()
        # Its done (or failed) signal is queued to this object, in this thread: deliver it now.
        QCoreApplication.sendPostedEvents(self, 0)
        return True

    def undo_correction(self) -> Correction:
        """Put back the network the latest correction started from, exactly (the same object,
        untouched), and remove the digit it saved if it is still the last of the set.

        Returns the correction undone; emits ``model_changed``, :attr:`own_digits_changed`
        (if the digit was removed) and :attr:`correction_undone`.

        Raises
        ------
        RuntimeError
            Nothing to undo: no correction, or the current network is no longer the
            corrected one (another was trained or opened since).
        OSError
            The digit could not be removed from the files (the network is put back anyway).
        """
        if not self.can_undo_correction:
            raise RuntimeError(self.tr("There is no correction to undo: the network in use is not a corrected "
                                       "one."))
        correction = self._corrections.pop()
        self.set_model(correction.previous, correction.previous_name, unsaved=correction.previous_unsaved,
                       evaluations=correction.previous_evaluations)
        try:
            own = self._own_set()
            if len(own) == correction.digits_before + 1 and np.array_equal(own.split.images[-1], correction.image):
                self.remove_last_own_digit()
        finally:
            self.correction_undone.emit(correction)
        return correction

    @Slot(object)
    def _on_correction_worker_done(self, result) -> None:
        new, after, before_accuracy, answer, seconds = result
        self._correction_pending = False
        correction = self._corrections[-1]
        data, self._correction_data = self._correction_data, None
        if correction.previous is not self._model or data is not self._data:
            self._corrections.pop()
            self.correction_failed.emit(self.tr("The network or the data changed while the correction was computed, "
                                                "so it was not applied. Your digit is saved."))
            return
        correction.model, correction.answer, correction.seconds = new, answer, seconds
        correction.test_before, correction.test_after = before_accuracy, after.accuracy
        count = len(new.metadata.get("fine_tuned", []))  # this network's corrections, earlier sessions' too
        base = correction.base_name
        name = (self.tr("{0}, corrected").format(base) if count == 1
                else self.tr("{0}, {1} corrections").format(base, count))
        self.set_model(new, name, unsaved=True, evaluations={"test": after})
        self.correction_finished.emit(correction)

    @Slot(str)
    def _on_correction_worker_failed(self, message: str) -> None:
        self._correction_pending = False
        self._correction_data = None
        self._corrections.pop()
        self.correction_failed.emit(self.tr("The correction failed: {0}. Your digit is saved; the network is "
                                            "unchanged.").format(message))

    @Slot()
    def _on_correction_thread_finished(self) -> None:
        # One of the threads ended (finished comes just before it does): every thread whose result
        # is in is done or about to be; wait for those (microseconds) and drop them.
        computing = self._correction_threads[-1:] if self._correction_pending else []
        for thread, _ in self._correction_threads:
            if not computing or thread is not computing[0][0]:
                thread.wait()
        self._correction_threads = computing

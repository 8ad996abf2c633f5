"""Session: what the app knows, in one QObject without widgets.

The session holds the data set in use, the current network with its evaluation on each
split, the network a run in progress has reached (its *preview*), and the runs of this
session. Views read from it and ask it for changes; it emits a signal after each change
and never refers to a view (napari's model/view split: ``ViewerModel`` never imports its
Qt side). Everything here runs on the GUI thread, except the data loading, which a
:class:`~mnist_gui.worker.CallWorker` does in its own thread.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, QThread, Signal, Slot

import core
from core.datasets import MnistData, load_mnist
from core.metrics import Evaluation, evaluate
from core.mlp import MLP
from core.paths import default_data_dir, default_model_path
from core.sgd import TrainConfig
from mnist_gui.events import call_in_turn
from mnist_gui.worker import CallWorker, start_in_thread

#: The splits of a data set, in the order the views list them.
SPLITS = ("train", "validation", "test")


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
        text = QCoreApplication.translate("Run", "{0}, {1} epochs, mini-batch {2}, eta {3:g}, {4}, {5} init").format(
            "-".join(map(str, c.layer_sizes)), c.n_epochs, c.batch_size, c.learning_rate, c.cost, c.init)
        for change in self.learning_rate_changes:
            text += QCoreApplication.translate("Run", " (eta {0:g} from epoch {1:.1f})").format(
                change["learning_rate"], change["x"])
        if c.l2:
            text += QCoreApplication.translate("Run", ", L2 {0:g}").format(c.l2)
        if c.train_size:
            text += QCoreApplication.translate("Run", ", {0:,} training images").format(c.train_size)
        if c.binarize is not None:
            text += QCoreApplication.translate("Run", ", binarized at {0:g}").format(c.binarize)
        if c.patience:
            text += QCoreApplication.translate("Run", ", halve eta after {0} stale epochs").format(c.patience)
        if c.dtype != "float32":
            text += f", {c.dtype}"
        if c.seed is not None:
            text += QCoreApplication.translate("Run", ", seed {0}").format(c.seed)
        return text


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
    """

    data_changed = Signal()
    loading_changed = Signal(bool)
    load_failed = Signal(str)
    model_changed = Signal()
    preview_changed = Signal()
    runs_changed = Signal()
    run_changed = Signal(object)

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._data: MnistData | None = None
        self._model: MLP | None = None
        self._model_name = ""
        self._unsaved = False
        self._evaluations: dict[str, Evaluation] = {}
        self._preview: MLP | None = None
        self._runs: list[Run] = []
        self._run_count = 0  # runs ever added: numbers them
        self._load_thread: QThread | None = None
        self._load_worker: CallWorker | None = None
        self._loading_directory: Path | None = None

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
        run = Run(config, self.tr("run {0}: {1}").format(self._run_count, "-".join(map(str, config.layer_sizes))),
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
        """Block until a data set that is loading is read (at quit; a load takes about a second)."""
        if self._load_thread is not None:
            self._load_thread.wait()

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

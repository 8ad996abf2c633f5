"""Mini-batch stochastic gradient descent, after ``Network.SGD`` in Nielsen's network.py.

Each epoch shuffles the training data, cuts it into mini-batches of m rows and, for each,
moves every weight and bias a step down the gradient of the mean cost over the batch
(Nielsen ch. 1, eqs. 20-21; with L2 regularisation, ch. 3, eq. 93):

    w -> (1 - eta * lambda / n) w - (eta / m) sum_x dC_x/dw
    b -> b - (eta / m) sum_x dC_x/db

:func:`train` is a generator: it yields a :class:`TrainingReport` every few mini-batches
and at the end of every epoch, and prints nothing. A caller that wants to stop simply
stops iterating. Another thread steers a run through a :class:`TrainingControl` (pause,
resume, stop, a new learning rate), which ``train`` reads between every two mini-batches;
``should_stop``, a function asked at the same points, is the simpler way to stop.
"""

from __future__ import annotations

import math
import numbers
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, replace
from itertools import pairwise

import numpy as np

from core.control import TrainingControl
from core.distort import Distortion, distort
from core.metrics import count_saturated
from core.mlp import COSTS, FEEDFORWARD_CHUNK, MLP, Backprop, get_cost
from core.threads import blas_threads, choose_threads

#: Largest network the configuration accepts, in weights (float32: 400 MB of weights, and
#: training keeps gradients and a snapshot of the same size).
MAX_WEIGHTS = 100_000_000
#: Largest mini-batch buffer (rows x widest layer): training keeps three per layer.
MAX_BATCH_VALUES = 20_000_000
#: Multiply-adds per chunk of the end-of-epoch evaluation, between two checks for a stop
#: (about 0.1-0.3 s here). Networks up to about 1,000 hidden units fit ``FEEDFORWARD_CHUNK``
#: rows in it, the chunks ``MLP.feedforward`` uses anyway, so their accuracies are computed
#: exactly as by ``MLP.score``; wider ones get fewer rows per chunk.
EVALUATION_CHUNK_MACS = 2**33
#: Validation images (the first ones) on which each epoch's end measures how saturated the
#: hidden neurons are (:func:`core.metrics.saturation`).
SATURATION_SAMPLE = 1000
#: Divergence to chance (see :func:`train`): at an epoch's end, a validation accuracy of at
#: most NEAR_CHANCE x chance counts as chance level, ...
NEAR_CHANCE = 1.5
#: ... after an earlier epoch of at least WELL_ABOVE_CHANCE x chance, ...
WELL_ABOVE_CHANCE = 3.0
#: ... or with outputs that have stopped depending on the input: over the saturation sample,
#: the largest range of an output neuron's activation is below COLLAPSE_RATIO times the
#: initial network's.
COLLAPSE_RATIO = 0.1

#: Largest value of each distortion field of TrainConfig (all are at least 0): a shift of half
#: the image, a half turn, a scale factor from 0.1 to 1.9, a shear of 2, and elastic fields
#: well past Simard's alpha 34, sigma 4.
DISTORTION_LIMITS = {"distort_shift": 14.0, "distort_rotation": 180.0, "distort_scale": 0.9,
                     "distort_shear": 2.0, "elastic_alpha": 100.0, "elastic_sigma": 28.0}

__all__ = ["DISTORTION_LIMITS", "MAX_BATCH_VALUES", "MAX_WEIGHTS", "PRESETS", "SATURATION_SAMPLE", "Preset", "TrainConfig", "TrainingControl",
           "TrainingReport", "iter_minibatches", "sgd_step", "train"]


@dataclass(frozen=True)
class TrainConfig:
    """Every choice that defines a training run; the defaults are the notebook's.

    Attributes
    ----------
    layer_sizes : tuple of int
        Neurons per layer, input first (784-15-10, the notebook's network).
    n_epochs : int
        Passes over the training data (30).
    batch_size : int
        Mini-batch size m (10).
    learning_rate : float
        eta, the step size (3.0).
    cost : {"quadratic", "cross-entropy"}
        Quadratic (ch. 1, eq. 6) or cross-entropy (ch. 3, eq. 63).
    init : {"normal", "scaled"}
        Weights from N(0, 1) (ch. 1) or N(0, 1/n_in) (ch. 3); see :class:`core.mlp.MLP`.
    l2 : float
        L2 regularisation parameter lambda >= 0 (ch. 3, eq. 87), scaled by the
        training-set size n as in the book.
    dtype : {"float32", "float64"}
    binarize : float or None
        Threshold in [0, 1) that turns pixels into 0 or 1 (the notebook's filter), or None.
    train_size : int or None
        Train on the first ``train_size`` training images only; None for all of them.
    patience : int or None
        Learning-rate schedule (ch. 3, "How to choose a neural network's
        hyper-parameters?"): halve eta after ``patience`` epochs without a new best
        validation accuracy. None keeps eta fixed.
    max_halvings : int
        With ``patience``: the run ends when the schedule calls for halving number
        ``max_halvings``, i.e. when eta would drop to eta / 2**max_halvings (the book:
        "terminate when the learning rate has dropped to 1/128 of its original value",
        7). 0 gives plain early stopping: the first stall ends the run.
    seed : int or None
        Seeds the generator that draws the initial weights and shuffles every epoch; the
        same seed gives bit-identical results on the same machine. None: unseeded.
    add_own_digits : bool
        Train on the user's own digits too (:mod:`core.own_digits`), appended to the
        training rows in use (after any ``train_size`` cut). :func:`train` does not read it:
        the caller passes the data with them appended (:func:`core.own_digits.add_to_training`;
        the app's training worker does). False: MNIST only.
    distort_shift, distort_rotation, distort_scale, distort_shear : float
        Ranges of the random affine maps applied to a fresh copy of the training images
        every epoch (see :class:`core.distort.Distortion`): shift in pixels, rotation in
        degrees, relative scale per axis (< 1), horizontal shear as a slope. All 0: none.
    elastic_alpha, elastic_sigma : float
        Elastic distortion (Simard et al. 2003, section 2): a random displacement field
        smoothed by a Gaussian of ``elastic_sigma`` pixels, scaled by ``elastic_alpha``
        pixels (Simard: 34 and 4). ``elastic_alpha`` 0: none. With every distortion off
        (the default) training sees the images themselves, as in the book.
    keep_best : bool
        End the run with the weights of the epoch with the best validation accuracy
        rather than those of the last epoch (early stopping, ch. 3); the model's
        ``metadata["kept_epoch"]`` says which epoch that was. Needs a validation split.
    """

    layer_sizes: tuple = (784, 15, 10)
    n_epochs: int = 30
    batch_size: int = 10
    learning_rate: float = 3.0
    cost: str = "quadratic"
    init: str = "normal"
    l2: float = 0.0
    dtype: str = "float32"
    binarize: float | None = None
    train_size: int | None = None
    patience: int | None = None
    max_halvings: int = 7
    seed: int | None = None
    add_own_digits: bool = False
    distort_shift: float = 0.0
    distort_rotation: float = 0.0
    distort_scale: float = 0.0
    distort_shear: float = 0.0
    elastic_alpha: float = 0.0
    elastic_sigma: float = 4.0
    keep_best: bool = False

    def __post_init__(self):
        object.__setattr__(self, "layer_sizes", tuple(self.layer_sizes))
        self.validate()

    def validate(self) -> None:
        """Raise ValueError, with a message naming the field and the allowed range, for
        any value that cannot give a sensible run."""
        def check(ok: bool, message: str) -> None:
            if not ok:
                raise ValueError(message)

        def is_int(v) -> bool:
            return isinstance(v, (int, np.integer)) and not isinstance(v, bool)

        def is_real(v) -> bool:
            return isinstance(v, numbers.Real) and not isinstance(v, (bool, np.bool_)) and math.isfinite(v)

        sizes = self.layer_sizes
        check(len(sizes) >= 2 and all(is_int(n) for n in sizes),
              f"layer sizes must be at least two whole numbers, got {list(sizes)}.")
        check(all(1 <= n <= 100_000 for n in sizes),
              f"every layer needs between 1 and 100,000 neurons, got {list(sizes)}.")
        n_weights = sum(a * b for a, b in pairwise(sizes))
        check(n_weights <= MAX_WEIGHTS,
              f"a {'-'.join(map(str, sizes))} network has {n_weights:,} weights; at most {MAX_WEIGHTS:,} "
              f"are allowed (about {3 * 4 * MAX_WEIGHTS / 1e9:.1f} GB of memory to train in float32). Use smaller layers.")
        widest = max(sizes[1:]) if len(sizes) > 1 else 1
        check(not is_int(self.batch_size) or self.batch_size * widest <= MAX_BATCH_VALUES,
              f"a mini-batch of {self.batch_size:,} through a layer of {widest:,} neurons needs buffers of "
              f"{self.batch_size * widest:,} values each; at most {MAX_BATCH_VALUES:,} are allowed. Use a smaller "
              "mini-batch or smaller layers.")
        check(is_int(self.n_epochs) and 1 <= self.n_epochs <= 100_000,
              f"epochs must be a whole number from 1 to 100,000, got {self.n_epochs!r}.")
        check(is_int(self.batch_size) and 1 <= self.batch_size <= 60_000,
              f"mini-batch size must be a whole number from 1 to 60,000, got {self.batch_size!r}.")
        eta = self.learning_rate
        check(is_real(eta) and 0 < eta <= 1000,
              f"learning rate (eta) must be a number above 0 and at most 1000, got {eta!r}.")
        check(self.cost in COSTS, f"cost must be one of {sorted(COSTS)}, got {self.cost!r}.")
        check(self.init in ("normal", "scaled"), f"init must be 'normal' or 'scaled', got {self.init!r}.")
        check(is_real(self.l2) and 0 <= self.l2 <= 1e6,
              f"L2 regularization lambda must be a number from 0 to 1e6, got {self.l2!r}.")
        check(self.dtype in ("float32", "float64"), f"dtype must be float32 or float64, got {self.dtype!r}.")
        check(self.binarize is None or (is_real(self.binarize) and 0 <= self.binarize < 1),
              f"binarize threshold must be in [0, 1), got {self.binarize!r}.")
        check(self.train_size is None or (is_int(self.train_size) and self.train_size >= 1),
              f"training-set size must be a whole number of at least 1, got {self.train_size!r}.")
        check(self.patience is None or (is_int(self.patience) and self.patience >= 1),
              f"patience must be a whole number of epochs of at least 1, got {self.patience!r}.")
        check(is_int(self.max_halvings) and 0 <= self.max_halvings <= 60,
              f"the number of halvings before stopping (max_halvings) must be a whole number from 0 to 60, "
              f"got {self.max_halvings!r}.")
        check(self.seed is None or (is_int(self.seed) and self.seed >= 0),
              f"seed must be a whole number of at least 0, got {self.seed!r}.")
        check(isinstance(self.add_own_digits, bool),
              f"add_own_digits must be True or False, got {self.add_own_digits!r}.")
        check(isinstance(self.keep_best, bool), f"keep_best must be True or False, got {self.keep_best!r}.")
        for name, top in DISTORTION_LIMITS.items():
            value = getattr(self, name)
            check(is_real(value) and 0 <= value <= top,
                  f"{name.replace('_', ' ')} must be a number from 0 to {top:g}, got {value!r}.")
        check(self.elastic_sigma > 0 or self.elastic_alpha == 0,
              f"elastic sigma must be above 0 when elastic alpha is set, got {self.elastic_sigma!r}.")

    def distortion(self) -> Distortion:
        """The :class:`core.distort.Distortion` these fields describe (identity by default)."""
        return Distortion(shift=float(self.distort_shift), rotation=float(self.distort_rotation),
                          scale=float(self.distort_scale), shear=float(self.distort_shear),
                          alpha=float(self.elastic_alpha), sigma=float(self.elastic_sigma))

    def check_training_size(self, n: int, available: int | None = None) -> None:
        """Raise ValueError if this configuration cannot train on ``n`` images.

        ``n`` must not exceed the ``available`` training images, and eta * lambda / n must
        stay below 1: otherwise the weight-decay factor 1 - eta * lambda / n of ch. 3,
        eq. 93 is zero or negative and every step flips the weights' sign and grows them.
        """
        if available is not None and n > available:
            raise ValueError(f"training-set size {n:,} exceeds the {available:,} training images.")
        v = self.learning_rate * self.l2 / n
        if v >= 1:
            raise ValueError(
                f"learning rate x L2 lambda / training-set size is {v:.3g}; it must stay below 1, or the "
                f"weight decay factor 1 - eta*lambda/n ({1 - v:.3g}) flips the weights' sign or blows them "
                "up (ch. 3, eq. 93). Use a smaller learning rate or lambda.")

    def with_seed(self) -> TrainConfig:
        """This configuration, with a freshly drawn seed if it has none, so that the run
        can be repeated exactly from what is recorded."""
        if self.seed is not None:
            return self
        return replace(self, seed=int(np.random.default_rng().integers(2**31)))

    def to_dict(self) -> dict:
        """The configuration as a JSON-serialisable dict (layer sizes as a list)."""
        d = asdict(self)
        d["layer_sizes"] = list(self.layer_sizes)
        return d

    def make_model(self, rng: np.random.Generator) -> MLP:
        """A new network with this configuration's layers, initialisation, dtype and
        binarization, its initial weights drawn from ``rng``."""
        return MLP(self.layer_sizes, rng=rng, init=self.init, dtype=self.dtype, binarize=self.binarize)


@dataclass(frozen=True)
class Preset:
    """A named training configuration, with a sentence saying where it comes from."""

    name: str
    description: str
    config: TrainConfig


#: The named configurations of ``mnist-train --preset`` and the Train view's Preset box.
PRESETS: dict[str, Preset] = {p.name: p for p in (
    Preset("notebook", "The original notebook: 784-15-10, quadratic cost, N(0, 1), 30 epochs, "
           "mini-batch 10, eta 3.0.", TrainConfig()),
    Preset("nielsen-ch1", "Nielsen ch. 1: 784-30-10, quadratic cost, N(0, 1), 30 epochs, mini-batch 10, "
           "eta 3.0 (the book reports 95.42%).", TrainConfig(layer_sizes=(784, 30, 10))),
    Preset("nielsen-ch3", "Nielsen ch. 3: 784-100-10, cross-entropy, N(0, 1/n_in), L2 lambda 5.0, 30 epochs, "
           "mini-batch 10, eta 0.5 (about 98% on validation in the book).",
           TrainConfig(layer_sizes=(784, 100, 10), cost="cross-entropy", init="scaled", l2=5.0, learning_rate=0.5)),
    Preset("wide-800", "The best found to train in under 3 minutes here: 784-800-10, cross-entropy, N(0, 1/n_in), "
           "L2 lambda 5.0, mini-batch 20, eta 1.0 halved after 3 epochs without a better validation accuracy "
           "(stop at the 6th), 30 epochs, the best validation epoch kept (98.19% test on average over seeds 0-2, "
           "keeping the last epoch).",
           TrainConfig(layer_sizes=(784, 800, 10), cost="cross-entropy", init="scaled", l2=5.0, batch_size=20,
                       learning_rate=1.0, patience=3, max_halvings=6, keep_best=True)),
    Preset("distorted-800", "Past the book (Simard 2003): 784-800-10, cross-entropy, N(0, 1/n_in), L2 0.5, "
           "mini-batch 20, eta 1.0 halved after 5 epochs without a better validation accuracy (stop at the 5th), "
           "up to 100 epochs on fresh distorted copies each epoch (shift 1 px, rotation 8 degrees, scale 0.08, "
           "shear 0.15, elastic alpha 34 sigma 4), the best validation epoch kept (98.93 / 98.79 / 98.73% test for "
           "seeds 0 / 1 / 2, 8-12 minutes here).",
           TrainConfig(layer_sizes=(784, 800, 10), cost="cross-entropy", init="scaled", l2=0.5, batch_size=20,
                       learning_rate=1.0, patience=5, max_halvings=5, n_epochs=100, keep_best=True,
                       distort_shift=1.0, distort_rotation=8.0, distort_scale=0.08, distort_shear=0.15,
                       elastic_alpha=34.0, elastic_sigma=4.0)),
)}


@dataclass
class TrainingReport:
    """Progress of a training run, as yielded by :func:`train`.

    Attributes
    ----------
    epoch : int
        The current epoch, from 1 to ``n_epochs``.
    n_epochs : int
        Epochs planned.
    batch : int
        Mini-batches done in this epoch, 1 to ``n_batches`` (0 for a pause or a stop
        before an epoch's first mini-batch).
    n_batches : int
        Mini-batches per epoch, ceil(n / m).
    cost : float
        Mean cost of this epoch's mini-batches so far, each measured before its update,
        plus the L2 term at the current weights if lambda > 0.
    recent_cost : float
        The same mean over only the mini-batches since the previous report (``"paused"``
        and ``"learning rate ..."`` reports do not count as reports here). NaN when no
        mini-batch is in the mean.
    learning_rate : float
        eta in use: the one of the last mini-batch, or after a pause or a learning-rate
        change that of the next (the schedule or a :class:`TrainingControl` may change it).
    seconds : float
        Wall-clock seconds since this epoch started, not counting time paused.
    end_of_epoch : bool
        True for the report that closes an epoch; only then are the accuracies set (and
        in a ``"diverged"`` report that fell to chance).
    training_accuracy, validation_accuracy, test_accuracy : float or None
        Fractions in [0, 1] at the end of the epoch; None mid-epoch, or when that split
        is empty.
    saturation : list of float or None
        At the end of the epoch, for each hidden layer, the fraction of its activations on
        the first ``SATURATION_SAMPLE`` (1,000) validation images that are below 0.01 or
        above 0.99, where sigma' is nearly 0 and learning slows down (ch. 3; see
        :func:`core.metrics.saturation`); ``[]`` without hidden layers. None mid-epoch,
        without a validation split, or with ``measure_accuracy=False``.
    event : str or None
        What happened, or None:

        - ``"diverged"``: the run ended because it diverged, and the weights were put back
          to those of the end of the last good epoch (the initial ones in epoch 1); see
          :func:`train` for the rule. Either the cost became NaN or infinite (mid-epoch or
          at the epoch's end; the report's costs say where), or at the epoch's end the
          validation accuracy fell to chance: then ``end_of_epoch`` is False but the three
          accuracies and ``saturation`` are those of the collapsed network, so that a plot
          can mark where it happened. It is never added to the model's history, which
          describes the weights kept.
        - ``"stopped"``: asked to stop (``should_stop`` or :meth:`TrainingControl.stop`);
          the run ended, keeping the weights of the last completed mini-batch.
        - ``"early stop"``: the schedule ended the run (an epoch's closing report).
        - ``"halved"``: the schedule halved eta after this epoch (the report's
          ``learning_rate`` is still the eta this epoch used).
        - ``"paused"``: a :class:`TrainingControl` paused the run; the next report comes
          after it resumes (or stops).
        - ``"learning rate changed"`` / ``"learning rate refused"``: the outcome of the
          latest :meth:`TrainingControl.set_learning_rate`.

        This is also the order of precedence: a report carries one event, and the outcome
        of a learning-rate request waits for the next report that has no other one.
    kept_epoch : int or None
        With ``TrainConfig.keep_best``, on the run's last report (the last epoch's, an
        ``"early stop"`` or a ``"diverged"`` one): the epoch whose weights the model now
        holds, the one with the best validation accuracy. None otherwise.
    """

    epoch: int
    n_epochs: int
    batch: int
    n_batches: int
    cost: float
    recent_cost: float
    learning_rate: float
    seconds: float
    end_of_epoch: bool = False
    training_accuracy: float | None = None
    validation_accuracy: float | None = None
    test_accuracy: float | None = None
    event: str | None = None
    saturation: list[float] | None = None
    kept_epoch: int | None = None

    def history_row(self) -> dict:
        """The row of ``model.metadata["history"]`` for an epoch's closing report
        (JSON-ready): epoch, cost, the three accuracies, seconds, learning rate and the
        hidden layers' saturation (a list of fractions, or None)."""
        return {
            "epoch": self.epoch,
            "cost": self.cost,
            "training_accuracy": self.training_accuracy,
            "validation_accuracy": self.validation_accuracy,
            "test_accuracy": self.test_accuracy,
            "seconds": self.seconds,
            "learning_rate": self.learning_rate,
            "saturation": None if self.saturation is None else list(self.saturation),
        }

    @property
    def progress(self) -> float:
        """Fraction of the whole run done, in [0, 1]."""
        return ((self.epoch - 1) + self.batch / self.n_batches) / self.n_epochs


def iter_minibatches(n: int, batch_size: int) -> Iterator[slice]:
    """Slices ``[0:m], [m:2m], ...`` covering ``range(n)``; the last may be shorter
    (as in network.py, which keeps the remainder as a smaller mini-batch)."""
    for start in range(0, n, batch_size):
        yield slice(start, min(start + batch_size, n))


def sgd_step(backprop: Backprop, X: np.ndarray, Y: np.ndarray, cost, learning_rate: float,
             weight_decay: float = 1.0) -> float:
    """One gradient-descent step on one mini-batch (eq. 20-21; ch. 3, eq. 93).

    Parameters
    ----------
    backprop : Backprop
        Buffers for mini-batches of ``len(X)`` rows, bound to the model to update.
    X : ndarray, shape (m, n_inputs), the model's dtype
    Y : ndarray, shape (m, n_outputs), the model's dtype
        Desired outputs, one-hot.
    cost : cost class
    learning_rate : float
        eta.
    weight_decay : float
        Factor ``1 - eta * lambda / n`` applied to the weights first (1.0 without L2).

    Returns
    -------
    float
        The cost summed over the m samples, measured before the update.
    """
    return backprop.step(X, Y, cost, learning_rate, weight_decay)


def train(
    model: MLP,
    data,
    config: TrainConfig,
    rng: np.random.Generator,
    *,
    report_every: int = 100,
    report_seconds: float | None = None,
    should_stop: Callable[[], bool] | None = None,
    control: TrainingControl | None = None,
    measure_accuracy: bool = True,
    threads: int | None = None,
    reserve_cores: int = 0,
) -> Iterator[TrainingReport]:
    """Train ``model`` in place by mini-batch SGD, yielding progress as it goes.

    Each epoch is Nielsen's ``SGD`` loop (ch. 1): shuffle, then one step per mini-batch
    (:class:`_Run`); then the accuracies on the three splits and the hidden layers'
    saturation are measured, the run is checked for divergence, the epoch is recorded in
    the model's history, and the learning-rate schedule (:class:`_Schedule`) may halve eta
    or end the run.

    **Divergence.** A run that diverges ends with a report whose event is ``"diverged"``,
    its weights put back to those of the end of the last epoch that passed these checks
    (the initial weights if it was epoch 1), and ``model.metadata["diverged"] = {"epoch":
    e, "reason": r}``. It diverged if

    - the cost of a mini-batch, or a weight or bias at the end of an epoch, became NaN or
      infinite (``r = "non-finite cost"``); or
    - at an epoch's end, the validation accuracy is at most 1.5 x chance (chance = 1 /
      n_outputs, 10% for MNIST) and either an earlier epoch of this run reached at least
      3 x chance (it *fell to chance after having been well above it*) or the network
      has collapsed: its outputs have stopped depending on the input. On the first
      ``SATURATION_SAMPLE`` validation images, the range (max - min) of each output
      neuron's activation is below a tenth of what it was for the initial network, for
      every output neuron (``r = "accuracy fell to chance"``).

    A learning rate far too large (eta = 1000 with the quadratic cost) saturates every
    output neuron to 0 within a few hundred mini-batches. The network then answers 0 for
    every image, at a constant cost of 0.5, and since sigma' = 0 it never learns again.
    The comparison with the initial network keeps a slow start from counting as a
    collapse. With N(0, 1) weights an untrained network often gives one class to nearly
    every image (5 to 12% of seeds, after an epoch on 100 to 1,000 images), but its
    outputs still vary with the input. A deep network with N(0, 1/n_in) weights starts
    with outputs that hardly vary at all (a range of 0.005 for 784-30-30-30-10). The
    check costs one forward pass over the sample before the first epoch. After that,
    the outputs come from the end-of-epoch evaluation. It is skipped without a
    validation split (or one of a single image) or with ``measure_accuracy=False``.

    The diverged epoch is not added to the history, which describes the weights kept.

    **Distortions.** With any of ``config``'s ``distort_*`` ranges or ``elastic_alpha``
    above 0, each epoch trains on a freshly distorted copy of the training images
    (:func:`core.distort.distort`), made one epoch ahead on a second thread; the copies
    are drawn from a seed taken from ``rng`` at the start. Accuracies are measured on the
    images themselves.

    **The best epoch kept.** With ``config.keep_best``, the run's last report (the last
    epoch's, an early stop's or a divergence's) leaves the model with the weights of the
    epoch of best validation accuracy, and says which in ``kept_epoch`` and
    ``model.metadata["kept_epoch"]``. A run stopped by the user keeps its current weights.

    Parameters
    ----------
    model : MLP
        The network to train; its layer sizes must fit the data (784 inputs, 10 outputs
        for MNIST). Its ``metadata`` receives ``config`` and, epoch by epoch, ``history``.
    data : MnistData or similar
        Has ``train``, ``validation`` and ``test`` attributes, each with ``X`` ``(n, 784)``
        float32 and ``y`` ``(n,)`` int64 (see :func:`core.datasets.load_mnist`).
    config : TrainConfig
        Epochs, mini-batch size, eta, cost, L2, training-set size and schedule. Its
        ``layer_sizes``, ``init``, ``dtype`` and ``binarize`` describe the model and are
        not read here.
    rng : numpy.random.Generator
        Shuffles the training data each epoch.
    report_every : int
        Yield a mid-epoch report after every ``report_every`` mini-batches (and always
        one at the end of each epoch).
    report_seconds : float, optional
        Also yield a mid-epoch report whenever this many seconds have passed since the
        last one, so that a slow network still shows progress.
    should_stop : callable, optional
        Asked before every mini-batch and before every chunk of the evaluation at the end
        of an epoch; when it returns True the run ends at once with a report whose event
        is ``"stopped"`` (if anything was trained), keeping the weights of the last
        completed mini-batch.
    control : TrainingControl, optional
        Read before every mini-batch (one attribute read) and, for a stop only, before
        every evaluation chunk:

        - stop: as ``should_stop`` returning True;
        - pause: yield a ``"paused"`` report, then block (without using the CPU) until
          resumed, stepped or stopped; time paused does not count in ``seconds``;
        - hold: wait before the next mini-batch until released (at most a quarter of a
          second), without a report; a GUI holds the run while it paints;
        - step (from a pause): train to the end of the epoch, yield its closing report,
          then pause again with a ``"paused"`` report (``batch`` 0) before the next
          epoch's first mini-batch; after the last epoch the run ends;
        - a new learning rate: used from the next mini-batch on, together with its
          weight-decay factor 1 - eta * lambda / n (ch. 3, eq. 93), and recorded in
          ``model.metadata["learning_rate_changes"]`` as ``{"epoch": e, "batch": k,
          "learning_rate": eta}``, k being the mini-batches of epoch e done before it; the
          next report has event ``"learning rate changed"``. A value that would make that
          factor 0 or negative (see :meth:`TrainConfig.check_training_size`) is not used,
          and the next report has event ``"learning rate refused"``. Asking for the eta in
          use changes nothing. The schedule then halves from the new eta.
    measure_accuracy : bool
        Measure the training, validation and test accuracy and the saturation at the end
        of each epoch (a forward pass over 71,000 images for MNIST). False leaves them
        None, which also turns off the learning-rate schedule and the check for a fall to
        chance; benchmarks time pure training this way.
    threads : int, optional
        BLAS threads for the run; by default :func:`core.threads.choose_threads` picks them
        by mini-batch and network size, leaving ``reserve_cores`` cores (and one more
        while distorted copies are made) to other work. The process's BLAS thread count is
        set at the first report and put back when the run ends (or the generator is closed).
    reserve_cores : int
        Cores the automatic choice leaves free: 1 when a GUI shows the run.

    Yields
    ------
    TrainingReport
        Mid-epoch progress, and at each epoch's end the accuracies on the training,
        validation and test splits and the saturation of the hidden layers.
        ``model.metadata["history"]`` gets one row per completed epoch
        (:meth:`TrainingReport.history_row`; its ``learning_rate`` is eta at the end of
        that epoch).

    Raises
    ------
    ValueError
        The data does not fit the model, ``train_size`` exceeds the training split, or
        eta * lambda / n >= 1 (see :meth:`TrainConfig.check_training_size`).
    """
    if report_every < 1:
        raise ValueError(f"report_every must be at least 1, got {report_every}.")
    run = _Run(model, data, config, should_stop, control if control is not None else TrainingControl(), rng)
    if threads is None:
        threads = choose_threads(config.layer_sizes, config.batch_size,
                                 reserve=reserve_cores + (run.distorter is not None))
    try:
        with blas_threads(threads):
            yield from _epochs(run, config, rng, report_every, report_seconds, measure_accuracy)
    finally:
        run.close()


def _epochs(run: _Run, config: TrainConfig, rng: np.random.Generator, report_every: int,
            report_seconds: float | None, measure_accuracy: bool) -> Iterator[TrainingReport]:
    """The epochs of :func:`train`, on ``run``; see there."""
    model = run.model
    schedule = _Schedule(config.patience, config.max_halvings)
    if measure_accuracy:
        run.measure_initial_spread()
    for epoch in range(1, config.n_epochs + 1):
        report = yield from run.epoch(epoch, rng, report_every, report_seconds)
        if report is None:
            return  # stopped or diverged mid-epoch; the last report said so
        if not model.params_finite():
            run.diverged(epoch, "non-finite cost")
            report.event = "diverged"
            report.kept_epoch = run.restore_best()
            yield report
            return
        if measure_accuracy:
            measured = run.evaluate()
            if measured is None:
                report.event = "stopped"
                yield report
                return
            accuracies, output_spread, report.saturation = measured
            report.training_accuracy, report.validation_accuracy, report.test_accuracy = accuracies
        report.seconds = run.window.seconds()
        if measure_accuracy and run.fell_to_chance(report.validation_accuracy, output_spread):
            run.diverged(epoch, "accuracy fell to chance")
            report.event = "diverged"
            report.kept_epoch = run.restore_best()
            yield report
            return
        run.keep_last_good()
        report.end_of_epoch = True
        report.event = schedule.update(report.validation_accuracy)
        if report.event == "halved":
            run.set_learning_rate(run.eta / 2)
        run.history.append(report.history_row())
        run.note_best(epoch, report.validation_accuracy)
        last = epoch == config.n_epochs or report.event == "early stop"
        if last:
            report.kept_epoch = run.restore_best()
        run.control.end_step(more_epochs=not last)
        yield run.tagged(report)
        if report.event == "early stop":
            return


class _Run:
    """What one call of :func:`train` keeps from epoch to epoch, and its mini-batch loop.

    Attributes
    ----------
    X, Y : ndarray, shapes (n, n_inputs) and (n, n_outputs), the model's dtype
        The training rows in use (prepared for the model) and their one-hot labels.
    X_epoch : ndarray, shape (n, n_inputs)
        The training rows of the current epoch: X, or its distorted copy.
    order : ndarray, shape (n,), int64
        This epoch's shuffle: mini-batch k is rows ``order[batches[k]]`` of X_epoch.
    batches : list of slice
        The mini-batches of an epoch, as slices of ``order``; the last may be shorter.
    buffers : dict
        Mini-batch size -> (X rows, Y rows) arrays that each mini-batch is gathered into:
        small enough to stay in cache for the products that follow, where copying the
        whole shuffled training set each epoch (157 MB for MNIST) went through memory.
    eta, decay : float
        The learning rate in use, and the weight-decay factor 1 - eta * lambda / n of
        ch. 3, eq. 93 that goes with it (1.0 without L2).
    eta_event : str or None
        Outcome of the latest learning-rate request, for the next report without an event.
    window : _Window
        The current epoch's cost bookkeeping.
    best_validation : float or None
        The best validation accuracy of the epochs so far (None before the first, or
        without a validation split), for the check for a fall to chance.
    sample : ndarray, shape (<= SATURATION_SAMPLE, n_inputs)
        The first validation images: the saturation, and the outputs' range, are measured
        on them.
    initial_spread : float or None
        The initial network's output range on the sample (see :func:`_output_spread`),
        for the check for a collapse; None until measured.
    """

    def __init__(self, model: MLP, data, config: TrainConfig, should_stop: Callable[[], bool] | None,
                 control: TrainingControl, rng: np.random.Generator):
        self.model, self.config, self.should_stop, self.control = model, config, should_stop, control
        self.cost = get_cost(config.cost)
        train_split = data.train
        n = self.n = len(train_split.y) if config.train_size is None else config.train_size
        config.check_training_size(n, available=len(train_split.y))
        self.X = model.prepare(train_split.X[:n])  # (n, n_inputs)
        distortion = config.distortion()
        self.distorter = None if distortion.is_identity else _Distorter(
            train_split.X[:n], distortion, model, int(rng.integers(2**63)), config.n_epochs)
        self.Y = model.one_hot(train_split.y[:n])  # (n, n_outputs)
        self.splits = ((self.X, train_split.y[:n]), (data.validation.X, data.validation.y),
                       (data.test.X, data.test.y))
        self.sample = data.validation.X[:SATURATION_SAMPLE]  # (<= 1000, n_inputs)
        self.best_validation: float | None = None
        self.initial_spread: float | None = None
        m = min(config.batch_size, n)
        self.batches = list(iter_minibatches(n, m))
        self.X_epoch, self.order = self.X, np.arange(n)
        self.buffers = {size: (np.empty((size, self.X.shape[1]), self.X.dtype),
                               np.empty((size, self.Y.shape[1]), self.Y.dtype)) for size in {m, n % m or m}}
        self.backprops = {m: Backprop(model, m)}  # buffers for each mini-batch size
        if n % m:
            self.backprops[n % m] = Backprop(model, n % m)
        self.set_learning_rate(float(config.learning_rate))
        self.eta_event: str | None = None
        self.history = model.metadata.setdefault("history", [])
        self.eta_changes = model.metadata.setdefault("learning_rate_changes", [])
        model.metadata["config"] = config.to_dict()
        model.metadata["n_train"] = n
        model.metadata.pop("diverged", None)  # from an earlier run on this model
        model.metadata.pop("kept_epoch", None)
        self.best: tuple[int, float, list] | None = None  # keep_best: (epoch, validation accuracy, params)
        self.good_params = model.get_params()  # the end of the last epoch with finite weights
        self.window: _Window | None = None

    def set_learning_rate(self, eta: float) -> None:
        """Use ``eta`` from the next mini-batch on, with its weight-decay factor."""
        self.eta = eta
        self.decay = 1.0 - eta * self.config.l2 / self.n

    def l2_term(self) -> float:
        """The L2 part of the cost at the current weights (ch. 3, eq. 85), 0 without L2."""
        return self.model.l2_penalty(self.config.l2, self.n)

    def tagged(self, report: TrainingReport) -> TrainingReport:
        """``report``, given the outcome of the latest learning-rate request as its event
        if it has none (see :attr:`TrainingReport.event` for the precedence)."""
        if report.event is None and self.eta_event is not None:
            report.event, self.eta_event = self.eta_event, None
        return report

    def stop_asked(self) -> bool:
        """True if the control was stopped or ``should_stop`` says so (asked only if the
        control was not)."""
        return self.control.stopped or (self.should_stop is not None and self.should_stop())

    # -- one epoch ---------------------------------------------------------------------

    def epoch(self, epoch: int, rng: np.random.Generator, report_every: int, report_seconds: float | None):
        """Generator: shuffle, then one SGD step per mini-batch, yielding a report every
        ``report_every`` mini-batches or ``report_seconds`` seconds (and a ``"paused"``
        one when paused).

        Returns (as the ``yield from`` value) the report of the epoch's last mini-batch,
        not yet yielded, or None if the run ended: asked to stop, or the cost became NaN
        or infinite (then the weights are those of the end of the last good epoch).
        """
        window = self.window = _Window(self.batches, epoch, self.config.n_epochs)
        order = rng.permutation(self.n)
        self.order = order
        self.X_epoch = self.X if self.distorter is None else self.distorter.images(epoch)
        n_batches = len(self.batches)
        k = 0  # mini-batches done
        while k < n_batches:
            end = min(window.start + report_every, n_batches)
            # Overflow is not warned about here: a diverging run is caught just below.
            with np.errstate(over="ignore", invalid="ignore"):
                k, why = self._steps(k, end, window, report_seconds)
            if why == "control":  # outside errstate: the consumer runs at each yield
                go_on = yield from self._attend(window, k)
                if go_on:
                    continue  # the same window goes on
                why = "stop"
            if why == "stop":
                if k or epoch > 1:  # something was trained: say where it stopped
                    yield window.report(k, self.eta, self.l2_term(), "stopped")
                return None
            if not math.isfinite(window.total):
                self.diverged(epoch, "non-finite cost")
                yield TrainingReport(epoch, self.config.n_epochs, k, n_batches, math.inf, math.inf,
                                     self.eta, window.seconds(), event="diverged")
                return None
            report = window.close(k, self.eta, self.l2_term())
            if k < n_batches:
                yield self.tagged(report)
        return report

    def _steps(self, k: int, end: int, window: _Window, report_seconds: float | None) -> tuple[int, str | None]:
        """SGD steps (:func:`sgd_step`) on mini-batches k .. end - 1 (0-based), their
        costs added to ``window.total``.

        Ends early after a step once ``report_seconds`` have passed since the last report,
        or before a step if the control has a request (``"control"``) or ``should_stop``
        says so (``"stop"``). Returns (mini-batches done this epoch, that reason or None).
        This is the hot loop: everything it needs is a local variable, and a check is
        one attribute read.
        """
        control, ask = self.control, self.should_stop
        cost, eta, decay, backprops, buffers = self.cost, self.eta, self.decay, self.backprops, self.buffers
        X, Y, order, take = self.X_epoch, self.Y, self.order, np.take
        total, last_report = window.total, window.last_report
        why = None
        for batch in self.batches[k:end]:
            if control.pending:
                why = "control"
                break
            if ask is not None and ask():
                why = "stop"
                break
            size = batch.stop - batch.start
            xb, yb = buffers[size]
            rows = order[batch]
            # mode="clip" skips numpy's buffered copy for out= (order is a permutation: in range).
            take(X, rows, axis=0, out=xb, mode="clip")
            take(Y, rows, axis=0, out=yb, mode="clip")
            total += sgd_step(backprops[size], xb, yb, cost, eta, decay)
            k += 1
            if report_seconds is not None and time.perf_counter() - last_report >= report_seconds:
                break
        window.total = total
        return k, why

    def _attend(self, window: _Window, k: int):
        """Generator: act on the control's requests before mini-batch k + 1 of the epoch.

        In this order: a stop ends the run; a new learning rate is taken (or refused); a
        hold waits, without a report (see :meth:`TrainingControl.hold`); a pause yields a
        ``"paused"`` report and waits. Returns (as the ``yield from`` value) True to go on
        training, False to end the run.
        """
        control = self.control
        eta = control.take_learning_rate()  # first: it clears control.pending
        if control.stopped:
            return False
        if eta is not None and eta != self.eta:
            self._change_learning_rate(eta, window.epoch, k)
        if control.held and not control.wait_while_held():
            return False
        if not control.paused:
            return True
        paused_at = time.perf_counter()
        yield window.report(k, self.eta, self.l2_term(), "paused")
        go_on = control.wait_while_paused()
        window.exclude(time.perf_counter() - paused_at)
        return go_on

    def _change_learning_rate(self, eta: float, epoch: int, k: int) -> None:
        """Use ``eta`` from mini-batch k + 1 of ``epoch`` on and record it, unless its weight
        decay 1 - eta * lambda / n would not stay above 0 (then keep eta as it is)."""
        try:
            replace(self.config, learning_rate=eta).check_training_size(self.n)
        except ValueError:
            self.eta_event = "learning rate refused"
            return
        self.set_learning_rate(eta)
        self.eta_changes.append({"epoch": epoch, "batch": k, "learning_rate": eta})
        self.eta_event = "learning rate changed"

    # -- the end of an epoch -----------------------------------------------------------

    def keep_last_good(self) -> None:
        """Remember the current weights (finite, past the divergence checks) as the last
        good ones."""
        self.good_params = self.model.get_params()

    def restore_last_good(self) -> None:
        """Put back the weights of the end of the last good epoch (the initial ones before
        the first): what a diverged run keeps."""
        self.model.set_params(self.good_params)

    def note_best(self, epoch: int, validation_accuracy: float | None) -> None:
        """With ``keep_best``: remember the current weights if this epoch's validation
        accuracy (a fraction, or None) is the best so far (ties keep the earlier epoch)."""
        if not self.config.keep_best or validation_accuracy is None:
            return
        if self.best is None or validation_accuracy > self.best[1]:
            self.best = (epoch, validation_accuracy, self.model.get_params())

    def restore_best(self) -> int | None:
        """At the end of a run with ``keep_best``: put back the weights of the best epoch
        (:meth:`note_best`), record ``metadata["kept_epoch"] = {"epoch", "validation_accuracy",
        "test_accuracy"}`` (that epoch's history row) and return that epoch; None (and
        nothing changed) without ``keep_best`` or before any epoch was measured."""
        if self.best is None:
            return None
        epoch, _, params = self.best
        self.model.set_params(params)
        row = next(r for r in self.history if r["epoch"] == epoch)
        self.model.metadata["kept_epoch"] = {"epoch": epoch, "validation_accuracy": row["validation_accuracy"],
                                             "test_accuracy": row["test_accuracy"]}
        return epoch

    def close(self) -> None:
        """Let go of the distortion thread, if any (work it has not begun is dropped)."""
        if self.distorter is not None:
            self.distorter.close()

    def diverged(self, epoch: int, reason: str) -> None:
        """End a run that diverged in ``epoch``: put back the last good weights, record
        ``metadata["diverged"]`` and end any step of the control."""
        self.restore_last_good()
        self.model.metadata["diverged"] = {"epoch": epoch, "reason": reason}
        self.control.end_step(more_epochs=False)

    def measure_initial_spread(self) -> None:
        """Measure :attr:`initial_spread` on the sample, if it has at least two images (one
        forward pass over at most ``SATURATION_SAMPLE`` rows, without checks for a stop)."""
        if len(self.sample) >= 2:
            self.initial_spread = _output_spread(self.model.feedforward(self.sample))

    def fell_to_chance(self, validation_accuracy: float | None, output_spread: float | None) -> bool:
        """The check for a fall to chance at an epoch's end (the rule is in :func:`train`).

        Parameters
        ----------
        validation_accuracy : float or None
            This epoch's, a fraction in [0, 1]; None without a validation split (then
            the check is skipped).
        output_spread : float or None
            The network's output range on the sample (:func:`_output_spread`), None
            without one.

        Also remembers ``validation_accuracy`` in :attr:`best_validation`.
        """
        if validation_accuracy is None:
            return False
        chance = 1.0 / self.model.n_outputs
        earlier_best = self.best_validation
        self.best_validation = validation_accuracy if earlier_best is None else max(earlier_best, validation_accuracy)
        if validation_accuracy > NEAR_CHANCE * chance:
            return False
        fell = earlier_best is not None and earlier_best >= WELL_ABOVE_CHANCE * chance
        collapsed = (output_spread is not None and self.initial_spread is not None
                     and output_spread < COLLAPSE_RATIO * self.initial_spread)
        return bool(fell or collapsed)

    def evaluate(self) -> tuple[tuple, float | None, list[float] | None] | None:
        """The end-of-epoch measurements: accuracies, the outputs' range, saturation.

        Each split is run in chunks of :func:`_evaluation_rows` rows, and before each chunk
        (once for an empty split) :meth:`stop_asked` is asked: if it says yes, this
        returns None at once.

        Returns
        -------
        (accuracies, output_spread, saturation) or None
            ``accuracies``: on the training rows in use, the validation and the test split,
            each a fraction in [0, 1] or None for an empty split. ``output_spread``: the
            range of the outputs on the sample (:func:`_output_spread`), taken from the
            validation chunks that hold it; None with fewer than two validation images.
            ``saturation``: the hidden layers' saturation on the sample (see
            :class:`TrainingReport`), None without a validation split.
        """
        model = self.model
        rows = _evaluation_rows(model.layer_sizes)
        sample = self.sample
        accuracies, lowest, highest = [], None, None  # per output neuron, over the sample
        for split, (X, y) in enumerate(self.splits):
            correct = 0
            for start in range(0, max(len(y), 1), rows):
                if self.stop_asked():
                    return None
                if len(y):
                    chunk_correct, outputs = _tally(model, X[start:start + rows], y[start:start + rows])
                    correct += chunk_correct
                    if split == 1 and start < len(sample):  # validation rows of the sample
                        part = outputs[:len(sample) - start]
                        low, high = part.min(axis=0), part.max(axis=0)
                        lowest = low if lowest is None else np.minimum(lowest, low)
                        highest = high if highest is None else np.maximum(highest, high)
            accuracies.append(correct / len(y) if len(y) else None)
        spread = float((highest - lowest).max()) if len(sample) >= 2 else None
        saturated = np.zeros(len(model.layer_sizes) - 2, np.int64)
        for start in range(0, len(sample), rows):  # the same chunks, for the same stop checks
            if self.stop_asked():
                return None
            saturated += count_saturated(model, sample[start:start + rows])
        saturation = None
        if len(sample):
            saturation = [float(c / (len(sample) * width)) for c, width in zip(saturated, model.layer_sizes[1:-1])]
        return tuple(accuracies), spread, saturation


class _Distorter:
    """Each epoch's distorted copy of the training images, made on a thread of its own one
    epoch ahead, so that making it (1.9 s for 50,000 images with Simard's elastic
    distortion, about half an epoch of 784-800-10 at mini-batch 20) overlaps training.

    numpy releases the GIL in the array work of :func:`core.distort.distort`, so on two
    cores the copy for epoch e + 1 is made while epoch e trains. Epoch e's copy is drawn
    from ``np.random.default_rng([seed, e])``: the same seed gives the same copies,
    whatever the timing.

    Parameters
    ----------
    images : ndarray, shape (n, 784), float32
        The training images as loaded (before :meth:`MLP.prepare`).
    distortion : Distortion
    model : MLP
        Its :meth:`MLP.prepare` turns each distorted copy into training rows.
    seed : int
    n_epochs : int
        No copy is made past this epoch.
    """

    def __init__(self, images: np.ndarray, distortion: Distortion, model: MLP, seed: int, n_epochs: int):
        self.source, self.distortion, self.model, self.seed, self.n_epochs = images, distortion, model, seed, n_epochs
        self.pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="distort")
        self.pending: dict = {}

    def _make(self, epoch: int) -> np.ndarray:
        rng = np.random.default_rng([self.seed, epoch])
        return self.model.prepare(distort(self.source, self.distortion, rng))

    def images(self, epoch: int) -> np.ndarray:
        """The training rows of ``epoch`` (1-based), shape (n, n_inputs), the model's dtype;
        waits for them if they are not ready, and starts the next epoch's."""
        future = self.pending.pop(epoch, None) or self.pool.submit(self._make, epoch)
        if epoch < self.n_epochs and epoch + 1 not in self.pending:
            self.pending[epoch + 1] = self.pool.submit(self._make, epoch + 1)
        return future.result()

    def close(self) -> None:
        """Drop work not begun; a copy being made finishes on its own (at most ~2 s)."""
        self.pending.clear()
        self.pool.shutdown(wait=False, cancel_futures=True)


class _Window:
    """The cost bookkeeping of one epoch, from report to report.

    Attributes
    ----------
    started, last_report : float
        ``time.perf_counter()`` at the start of the epoch and at the last report.
    start : int
        Index of the first mini-batch since the last report.
    epoch_total : float
        Cost summed over the samples of mini-batches 0 .. start - 1, each measured before
        its update.
    total : float
        The same for mini-batches start .. k - 1, the ones since the last report.
    """

    def __init__(self, batches: list[slice], epoch: int, n_epochs: int):
        self.batches, self.epoch, self.n_epochs = batches, epoch, n_epochs
        self.started = self.last_report = time.perf_counter()
        self.start = 0
        self.epoch_total = self.total = 0.0

    def seconds(self) -> float:
        """Wall-clock seconds since the epoch started, pauses excluded."""
        return time.perf_counter() - self.started

    def exclude(self, seconds: float) -> None:
        """Leave out ``seconds`` (a pause) from the epoch's time and from the time since
        the last report."""
        self.started += seconds
        self.last_report += seconds

    def report(self, k: int, eta: float, l2_term: float, event: str | None = None) -> TrainingReport:
        """The report after k mini-batches (NaN costs if k = 0), without closing the window.

        ``cost`` is the mean per sample over the whole epoch so far, ``recent_cost`` over
        the window; both add ``l2_term``.
        """
        seen = self.batches[k - 1].stop if k else 0  # rows done this epoch
        window_rows = seen - self.batches[self.start].start if k > self.start else 0
        return TrainingReport(self.epoch, self.n_epochs, k, len(self.batches),
                              cost=(self.epoch_total + self.total) / seen + l2_term if seen else math.nan,
                              recent_cost=self.total / window_rows + l2_term if window_rows else math.nan,
                              learning_rate=eta, seconds=self.seconds(), event=event)

    def close(self, k: int, eta: float, l2_term: float) -> TrainingReport:
        """The report after k mini-batches; the next window starts at mini-batch k."""
        report = self.report(k, eta, l2_term)
        self.epoch_total += self.total
        self.total, self.start, self.last_report = 0.0, k, time.perf_counter()
        return report


class _Schedule:
    """Nielsen's learning-rate schedule (ch. 3, "How to choose a neural network's
    hyper-parameters?"): halve eta after ``patience`` epochs without a new best
    validation accuracy, and end the run at halving number ``max_halvings``.

    ``patience=None`` turns it off.
    """

    def __init__(self, patience: int | None, max_halvings: int):
        self.patience, self.max_halvings = patience, max_halvings
        self.best, self.stale_epochs, self.halvings = -1.0, 0, 0

    def update(self, validation_accuracy: float | None) -> str | None:
        """Take one epoch's validation accuracy (a fraction, or None if not measured).

        Returns
        -------
        {"halved", "early stop", None}
            What to do: halve eta, end the run, or nothing.
        """
        if self.patience is None or validation_accuracy is None:
            return None
        if validation_accuracy > self.best:
            self.best, self.stale_epochs = validation_accuracy, 0
            return None
        self.stale_epochs += 1
        if self.stale_epochs < self.patience:
            return None
        self.stale_epochs, self.halvings = 0, self.halvings + 1
        return "early stop" if self.halvings >= self.max_halvings else "halved"


def _evaluation_rows(layer_sizes: tuple) -> int:
    """Rows per chunk of the end-of-epoch evaluation of a network with these layer sizes.

    ``FEEDFORWARD_CHUNK`` (the rows :meth:`MLP.feedforward` takes at a time anyway, so the
    arithmetic is exactly that of one call on the whole split) as long as a chunk costs
    at most ``EVALUATION_CHUNK_MACS`` multiply-adds; fewer for wider networks, so that a
    stop never waits long (784-100000-10: 108 rows). A smaller chunk can round the output
    activations differently in the last bit, which changes a prediction only when two
    outputs are that close.
    """
    per_row = sum(a * b for a, b in pairwise(layer_sizes))  # multiply-adds per row
    if per_row * FEEDFORWARD_CHUNK <= EVALUATION_CHUNK_MACS:
        return FEEDFORWARD_CHUNK
    return max(1, EVALUATION_CHUNK_MACS // per_row)


def _tally(model: MLP, X: np.ndarray, y: np.ndarray) -> tuple[int, np.ndarray]:
    """How many rows of X ``(rows, n_inputs)`` the model classifies as y ``(rows,)`` says
    (the argmax of :meth:`MLP.predict`), and the output activations ``(rows, n_outputs)``
    of that one forward pass."""
    outputs = model.feedforward(X)
    return int(np.count_nonzero(outputs.argmax(axis=1) == y)), outputs


def _output_spread(outputs: np.ndarray) -> float:
    """The largest range (max - min over the rows) of one output neuron's activation, for
    output activations ``(rows, n_outputs)``: 0 when the network gives every row the same
    outputs, about 1 for a network that tells its inputs apart."""
    return float(np.ptp(outputs, axis=0).max())

"""How long an epoch of a training run will take, and how much memory it needs, before it starts.

A 784-100000-10 network is a legal configuration, but its epoch takes 15 to 45 minutes
here (2 shared cores) and the run needs over 2 GB; the Train view should say so before
the user presses Train. :func:`estimate_run` times a few real SGD steps (:func:`core.sgd.sgd_step` on a
:class:`core.mlp.Backprop`) and one forward pass on random data of the run's mini-batch
size, on this machine, now, within a fraction of a second. A network of more than about
2 million weights is never built: a proportionally narrower one (every hidden layer scaled
by the same factor, so that it has about 2 million weights) is timed instead, and its time
scaled by the ratio of weights. For layers that wide each mini-batch costs a few matrix
products whose time is close to proportional to the number of weights (measured here, on
a quiet machine: 1.8 to 2.7 ns per weight per step of 10 images, from 2 to 79 million
weights).

Checked against real epochs here, on a quiet machine: 784-30-10 (mini-batch 10) 0.6-1.0 s
per epoch, estimated 0.6-0.8 s; 784-800-10 (mini-batch 20) 4.3-5.5 s, estimated 3.8-4.4
s; 784-100000-10 (mini-batch 10) 150-180 ms per mini-batch and 2.0-2.4 ms per evaluated
image, so 15-18 minutes per epoch, estimated 15-20 minutes.

The estimate is as good as the moment it is measured in. When another process keeps a
core busy, a run slows down, and the estimate more so: OpenBLAS's threads wait for each
other at every matrix product, which costs the narrower network's small products more
than the real network's large ones (here up to five times too long for 784-100000-10).

The memory is counted, not measured: the arrays that :func:`core.sgd.train` and the GUI
worker keep while the run goes on.
"""

from __future__ import annotations

import math
import statistics
import time
from dataclasses import dataclass
from itertools import pairwise

import numpy as np

from core.distort import CHUNK as DISTORT_CHUNK
from core.distort import distort
from core.mlp import FEEDFORWARD_CHUNK, FEEDFORWARD_VALUES, MLP, Backprop, get_cost
from core.sgd import SATURATION_SAMPLE, TrainConfig, _evaluation_rows, sgd_step
from core.threads import cores

__all__ = ["RunEstimate", "estimate_run"]

#: Bytes of weights of the largest network timed (2 million float32 weights, 8 MB): a
#: larger one is replaced by a narrower network of this size.
TIMING_BYTES = 8_000_000
#: At most this many multiply-adds (rows x weights) per timed mini-batch (with a larger
#: mini-batch, fewer rows are timed and the time scaled by rows), and a quarter of those per
#: timed forward pass (at least 16 rows, at most 2,000).
TIMING_MACS = 2**26
#: Rows of the timed shuffle (np.take of the training rows at the start of each epoch).
SHUFFLE_ROWS = 2048
#: Images distorted in the timed call of :func:`core.distort.distort` (a run that distorts).
DISTORT_ROWS = 256
#: Arrays of one chunk of :func:`core.distort.distort` alive at once (sampling grids, the
#: elastic fields and their smoothing, the four bilinear corners, the result), in images.
DISTORT_WORKING = 12
#: Parameter copies the GUI keeps besides train()'s: the worker emits a copy of the model
#: at each epoch's end, and the window holds the previous one until the new one arrives.
GUI_COPIES = 2


@dataclass(frozen=True)
class RunEstimate:
    """What a training run will cost, estimated by :func:`estimate_run`.

    Attributes
    ----------
    seconds_per_epoch : float
        Wall-clock seconds per epoch: training plus the end-of-epoch evaluation.
    training_seconds_per_epoch : float
        The shuffle and the SGD steps of one epoch, in seconds; for a run that distorts
        its images, the longer of those and of making an epoch's distorted copy, which
        train() does on a second thread (their sum on a machine with one core).
    evaluation_seconds_per_epoch : float
        The end-of-epoch evaluation (accuracies on ``n_eval`` images and the saturation
        on ``SATURATION_SAMPLE`` validation images), in seconds.
    peak_bytes : int
        Memory the run needs at its peak, in bytes, on top of the data set already
        loaded: see :func:`estimate_run`.
    measured_on : str
        The layer sizes actually timed, e.g. ``"784-2519-10"`` for 784-100000-10.
    n_epochs : int
        Epochs planned, for the run's total.
    distortion_seconds_per_epoch : float
        Making one epoch's distorted copy of the training images (:func:`core.distort.distort`
        and :meth:`MLP.prepare`), in seconds; 0 for a run without distortions.
    """

    seconds_per_epoch: float
    training_seconds_per_epoch: float
    evaluation_seconds_per_epoch: float
    peak_bytes: int
    measured_on: str
    n_epochs: int = 1
    distortion_seconds_per_epoch: float = 0.0

    @property
    def total_seconds(self) -> float:
        """Seconds for all ``n_epochs`` epochs (if the schedule does not end the run early)."""
        return self.seconds_per_epoch * self.n_epochs

    def too_much(self, max_epoch_seconds: float = 300, max_bytes: float = 2e9) -> tuple[bool, bool]:
        """Whether an epoch takes more than ``max_epoch_seconds`` (seconds) and whether the peak
        memory is above ``max_bytes`` (bytes): what :meth:`warnings` says, for a GUI that says
        it in its own language."""
        return self.seconds_per_epoch > max_epoch_seconds, self.peak_bytes > max_bytes

    def warnings(self, max_epoch_seconds: float = 300, max_bytes: float = 2e9) -> list[str]:
        """Plain English sentences on what is too much, or an empty list.

        Parameters
        ----------
        max_epoch_seconds : float
            An epoch longer than this (seconds) gives e.g. ``"about 23 minutes per epoch
            (30 epochs: about 11 hours)"``.
        max_bytes : float
            A peak above this (bytes) gives e.g. ``"about 2.1 GB of memory"``.

        Returns
        -------
        list of str
            The sentences (no final full stop), time first. A translated GUI builds its own
            from :meth:`too_much` and the attributes instead.
        """
        out = []
        too_long, too_large = self.too_much(max_epoch_seconds, max_bytes)
        if too_long:
            epochs = f"{self.n_epochs} epoch{'s' if self.n_epochs != 1 else ''}"
            out.append(f"about {format_duration(self.seconds_per_epoch)} per epoch "
                       f"({epochs}: about {format_duration(self.total_seconds)})")
        if too_large:
            out.append(f"about {format_bytes(self.peak_bytes)} of memory")
        return out


def format_duration(seconds: float) -> str:
    """A rounded duration in words: "40 seconds", "23 minutes", "1.5 hours", "11 hours",
    "3 days"."""
    if seconds < 90:
        return f"{max(1, round(seconds))} second{'s' if round(seconds) > 1 else ''}"
    if seconds < 90 * 60:
        return f"{round(seconds / 60)} minutes"
    hours = seconds / 3600
    if hours < 10:
        return f"{hours:.1f} hours"
    if hours < 48:
        return f"{round(hours)} hours"
    return f"{round(hours / 24)} days"


def format_bytes(n: float) -> str:
    """A size in decimal units: "850 MB", "2.1 GB"."""
    if n < 1e9:
        return f"{max(1, round(n / 1e6))} MB"
    return f"{n / 1e9:.1f} GB"


def estimate_run(config: TrainConfig, n_train: int, n_eval: int = 70_000, *, budget_seconds: float = 0.25,
                 rng: np.random.Generator | None = None) -> RunEstimate:
    """Estimate the time per epoch and the peak memory of ``train(model, data, config, ...)``.

    Parameters
    ----------
    config : TrainConfig
        The run: layer sizes, mini-batch size, cost, L2, dtype, binarize and epochs are read.
    n_train : int
        Training images per epoch (``config.train_size`` or the training split's size).
    n_eval : int
        Images evaluated at each epoch's end: the training rows in use plus the
        validation and test splits (70,000 for all of MNIST); 0 without accuracies.
    budget_seconds : float
        Time to spend measuring, in seconds; the whole call takes about this long (a
        little more when a single timed step is longer: at least two are timed).
    rng : numpy.random.Generator, optional
        Source of the random weights and data timed (default: seeded with 0).

    Returns
    -------
    RunEstimate
        Time (measured, then scaled) and memory (counted). The memory is the peak while
        the run goes on, in bytes: the weights and biases, the gradients (two sets when the
        last mini-batch is shorter), the last good parameters that ``train`` keeps (twice,
        while a new copy replaces the old; as many again for the best epoch's with
        ``keep_best``), ``GUI_COPIES`` copies the GUI worker emits, the
        Backprop buffers of a mini-batch, the one-hot labels, the buffers each mini-batch
        is gathered into (and X itself when ``prepare`` copies it, for float64 or
        binarize), the buffers of one evaluation chunk and, for a run that distorts, two
        distorted copies of the training images (the epoch's and the next) and one chunk
        of :func:`core.distort.distort`'s work. The data set itself is not counted.
        With distortions, the time of making an epoch's copy is measured too (on
        ``DISTORT_ROWS`` random images, then scaled to ``n_train``).

    Raises
    ------
    ValueError
        ``n_train`` below 1, ``n_eval`` below 0 or ``budget_seconds`` not positive.

    Notes
    -----
    The time is measured on a machine shared with whatever else runs: a busy CPU gives a
    slower estimate, as it gives a slower run. The GUI's own drawing (the Train view)
    slows a run further, by up to two here, and is not included.
    """
    if not (isinstance(n_train, (int, np.integer)) and n_train >= 1):
        raise ValueError(f"the training-set size must be a whole number of at least 1, got {n_train!r}.")
    if not (isinstance(n_eval, (int, np.integer)) and n_eval >= 0):
        raise ValueError(f"the number of images evaluated must be a whole number of at least 0, got {n_eval!r}.")
    if not (isinstance(budget_seconds, (int, float)) and budget_seconds > 0 and math.isfinite(budget_seconds)):
        raise ValueError(f"budget_seconds must be a positive number of seconds, got {budget_seconds!r}.")
    started = time.perf_counter()
    rng = np.random.default_rng(0) if rng is None else rng
    sizes, dtype = config.layer_sizes, np.dtype(config.dtype)
    n_weights = _weights(sizes)
    timed_sizes = _narrower(sizes, TIMING_BYTES // dtype.itemsize)
    timed_weights = _weights(timed_sizes)
    scale = n_weights / timed_weights
    m = min(config.batch_size, n_train)
    timed_m = max(1, min(m, TIMING_MACS // timed_weights))

    with np.errstate(all="ignore"):  # random data, tiny eta: nothing should overflow, but never warn
        step_seconds, row_seconds = _time_network(config, timed_sizes, timed_m, n_eval > 0, rng,
                                                  train_until=started + 0.65 * budget_seconds,
                                                  eval_until=started + 0.9 * budget_seconds)
        shuffle_rows = min(SHUFFLE_ROWS, n_train)
        source = np.empty((shuffle_rows, sizes[0] + sizes[-1]), dtype)
        target = np.empty_like(source)
        order = rng.permutation(shuffle_rows)
        shuffle_seconds = _time(lambda i: np.take(source, order, axis=0, out=target, mode="clip"),
                                until=time.perf_counter() + 0.05 * budget_seconds, at_least=1) / shuffle_rows

        distortion = config.distortion()
        distort_seconds = 0.0
        if not distortion.is_identity and math.isqrt(sizes[0]) ** 2 == sizes[0]:
            images = _inputs(min(DISTORT_ROWS, n_train), sizes[0], rng)
            distort_seconds = _time(lambda i: distort(images, distortion, rng), until=time.perf_counter(),
                                    at_least=1) * n_train / len(images)

    n_batches = math.ceil(n_train / m)
    training = n_batches * step_seconds * (m / timed_m) * scale + n_train * shuffle_seconds
    # train() makes epoch e + 1's copy on a second thread while epoch e trains (core.sgd._Distorter)
    training = max(training, distort_seconds) if cores() >= 2 else training + distort_seconds
    evaluation = (n_eval + SATURATION_SAMPLE) * row_seconds * scale if n_eval else 0.0
    return RunEstimate(seconds_per_epoch=training + evaluation, training_seconds_per_epoch=training,
                       evaluation_seconds_per_epoch=evaluation,
                       peak_bytes=_peak_bytes(config, n_train, n_eval), measured_on="-".join(map(str, timed_sizes)),
                       n_epochs=config.n_epochs, distortion_seconds_per_epoch=distort_seconds)


def _weights(sizes) -> int:
    """Weights of a fully connected network with these layer sizes."""
    return sum(a * b for a, b in pairwise(sizes))


def _narrower(sizes: tuple, max_weights: int) -> tuple:
    """``sizes`` if the network has at most ``max_weights`` weights; otherwise the same
    network with every hidden layer scaled by one factor (at least 1 neuron each), the
    largest such that it has at most ``max_weights`` weights (bisection)."""
    if _weights(sizes) <= max_weights:
        return tuple(sizes)

    def scaled(factor: float) -> tuple:
        return (sizes[0], *(max(1, int(n * factor)) for n in sizes[1:-1]), sizes[-1])

    low, high = 0.0, 1.0
    for _ in range(60):
        mid = (low + high) / 2
        low, high = (mid, high) if _weights(scaled(mid)) <= max_weights else (low, mid)
    return scaled(low)


def _time_network(config: TrainConfig, sizes: tuple, m: int, forward: bool, rng: np.random.Generator,
                  train_until: float, eval_until: float) -> tuple[float, float]:
    """Time a network of these layer sizes (``config`` gives the dtype and the cost): one
    SGD step on m random rows, and (if ``forward``) the forward pass of a chunk of rows.

    Returns (seconds per step, seconds per row of the forward pass, or 0.0). The network
    and its buffers are freed on return.
    """
    dtype = np.dtype(config.dtype)
    model = MLP(sizes, rng=rng, init=config.init, dtype=dtype)
    # Mini-batches cut from a small random buffer, as train() slices its shuffled copy Xs.
    n_slices = max(1, min(16, 4096 // m))
    X = _inputs(n_slices * m, sizes[0], rng).astype(dtype, copy=False)
    Y = model.one_hot(rng.integers(0, sizes[-1], size=len(X)))
    slices = [slice(i * m, (i + 1) * m) for i in range(n_slices)]
    backprop, cost = Backprop(model, m), get_cost(config.cost)
    decay = 1.0 - 1e-9 if config.l2 else 1.0  # with L2 every step also scales the weights

    def step(i: int) -> None:
        batch = slices[i % n_slices]
        sgd_step(backprop, X[batch], Y[batch], cost, 1e-3, decay)

    step_seconds = _time(step, until=train_until)
    if not forward:
        return step_seconds, 0.0
    rows = int(min(2000, max(16, 4 * TIMING_MACS // _weights(sizes))))  # 134 rows of 2 million weights
    X_eval = _inputs(rows, sizes[0], rng)
    return step_seconds, _time(lambda i: model.predict(X_eval), until=eval_until) / rows


def _inputs(n: int, n_inputs: int, rng: np.random.Generator) -> np.ndarray:
    """``(n, n_inputs)`` float32 rows like MNIST's: about 19% of the pixels inked, with
    intensities in (0, 1), the rest 0."""
    X = rng.random((n, n_inputs), dtype=np.float32)
    X[rng.random((n, n_inputs), dtype=np.float32) >= 0.19] = 0
    return X


def _time(run, until: float, at_least: int = 2, at_most: int = 2000) -> float:
    """Median seconds of ``run(i)`` for i = 0, 1, ... after one untimed call: timed calls go
    on until ``until`` (a ``time.perf_counter()`` value), at least ``at_least`` and at most
    ``at_most`` of them."""
    run(0)  # warm up: first-call costs (page faults, BLAS set-up) are not the epoch's
    times = []
    while len(times) < at_least or (time.perf_counter() < until and len(times) < at_most):
        t0 = time.perf_counter()
        run(len(times) + 1)
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def _peak_bytes(config: TrainConfig, n_train: int, n_eval: int) -> int:
    """The memory ``train`` (and the GUI worker) need at the peak of the run, in bytes (the
    list is in :func:`estimate_run`)."""
    sizes, itemsize = config.layer_sizes, np.dtype(config.dtype).itemsize
    n_in, n_out, widths = sizes[0], sizes[-1], sum(sizes[1:])
    params = (_weights(sizes) + widths) * itemsize
    m = min(config.batch_size, n_train)
    batch_sizes = [m] + ([n_train % m] if n_train % m else [])
    # Backprop: gradients shaped like the parameters; activations, deltas, scratch (m, width).
    backprops = sum(params + (3 * b * widths + b) * itemsize for b in batch_sizes)
    # good_params, the copy replacing it, the GUI's; with keep_best, the best epoch's and its replacement
    kept = (1 + 1 + GUI_COPIES + 2 * bool(config.keep_best)) * params
    copies_x = config.binarize is not None or itemsize != 4  # prepare() leaves float32 data alone
    # the one-hot labels Y (and X if prepare() copies it); each mini-batch is gathered from the
    # epoch's permutation into a buffer of its own (core.sgd._Run.buffers)
    data = n_train * (copies_x * n_in + n_out) * itemsize + sum(b * (n_in + n_out) * itemsize for b in batch_sizes)
    # One evaluation chunk: feedforward keeps two layers at a time in chunks of chunk_rows
    # rows; the saturation's activations() keeps them all, plus two boolean masks.
    rows = min(FEEDFORWARD_CHUNK, FEEDFORWARD_VALUES // max(sizes[1:]), _evaluation_rows(sizes))
    two_layers = max(a + b for a, b in pairwise(sizes[1:])) if len(sizes) > 2 else n_out
    evaluation = 0
    if n_eval:
        evaluation = rows * max(two_layers * itemsize, widths * itemsize + 2 * max(sizes[1:]))
        evaluation += rows * n_in * itemsize * copies_x  # the prepared chunk
    distorting = 0
    if not config.distortion().is_identity:
        # two distorted copies (the epoch's and the next one being made), and one chunk's work
        distorting = 2 * n_train * n_in * itemsize + DISTORT_WORKING * min(DISTORT_CHUNK, n_train) * n_in * 4
    return int(params + backprops + kept + data + evaluation + distorting)

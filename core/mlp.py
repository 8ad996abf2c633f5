"""A multilayer perceptron of sigmoid neurons, after Nielsen's ``network.py``.

This is the network of Michael Nielsen's *Neural Networks and Deep Learning*: fully
connected layers of sigmoid neurons, weights and biases drawn from a Gaussian, gradients
by backpropagation (ch. 2). It differs from the book's code in one way of writing, not of
maths: samples are *rows*. A mini-batch of m images is one ``(m, 784)`` matrix and a layer
computes ``a' = sigmoid(a @ w + b)`` with ``w`` of shape ``(n_in, n_out)``; the book uses
column vectors and ``w`` of shape ``(n_out, n_in)``, ``a' = sigmoid(w a + b)``. Processing
the whole mini-batch as one matrix product is what makes numpy fast here.

Equation numbers refer to the online book (http://neuralnetworksanddeeplearning.com).
"""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from itertools import pairwise

import numpy as np

from core.blas import add_product
from core.model_file import MODEL_FORMAT, MODEL_FORMAT_VERSION, ModelFileError, read_model, write_model  # noqa: F401

__all__ = [
    "COSTS",
    "MLP",
    "CrossEntropyCost",
    "ModelFileError",
    "QuadraticCost",
    "sigmoid",
]

#: Rows fed forward at once: a wide network's hidden activations for all 50,000 training
#: images would otherwise take gigabytes.
FEEDFORWARD_CHUNK = 10_000
#: And at most this many values in a chunk's widest layer (40 MB in float32), so that a very
#: wide network gets fewer rows at a time: 10,000 rows of 784-100000-10 would need 4 GB.
#: Networks up to 1,000 neurons wide keep FEEDFORWARD_CHUNK rows.
FEEDFORWARD_VALUES = 10_000_000



#: The constants 1/2 and 1 as 0-d arrays of each float type. numpy 2 handles a 0-d array
#: in a ufunc call about 0.3 us faster than a Python float, which counts at mini-batch 10.
_HALF = {np.dtype(t): np.array(0.5, t) for t in (np.float32, np.float64)}
_ONE = {np.dtype(t): np.array(1.0, t) for t in (np.float32, np.float64)}


def sigmoid(z: np.ndarray, out: np.ndarray | None = None) -> np.ndarray:
    """The logistic function sigma(z) = 1 / (1 + exp(-z)) (Nielsen ch. 1, eq. 3).

    Computed as ``(1 + tanh(z / 2)) / 2``, the same function written so that it can never
    overflow: ``exp(-z)`` overflows for z below about -89 (float32) and numpy warns, while
    tanh saturates quietly at -1 or 1. The price is the far lower tail: once tanh(z/2)
    rounds to -1 the result is exactly 0, for z below about -17 in float32 (true value
    4e-8) and -37 in float64. Learning never notices (the gradient there is as good as
    0 either way), and the cross-entropy cost clips its logarithm.

    Parameters
    ----------
    z : array_like
        Weighted inputs, any shape (a Python float too), float32 or float64.
    out : ndarray, optional
        Where to write the result (may be ``z`` itself); same shape and dtype as ``z``.

    Returns
    -------
    ndarray
        Activations in [0, 1], same shape and dtype as ``z``.
    """
    if out is None:
        z = np.asarray(z)
        out = np.empty(z.shape, np.result_type(z.dtype, np.float32))
    half = _HALF.get(out.dtype, 0.5)
    np.multiply(z, half, out=out)
    np.tanh(out, out=out)
    out += _ONE.get(out.dtype, 1.0)
    out *= half
    return out


class QuadraticCost:
    """Quadratic cost, C_x = ||a - y||^2 / 2 per sample (Nielsen ch. 1, eq. 6).

    The book's first cost. With sigmoid outputs its error term carries a factor
    sigma'(z) = a (1 - a), so saturated output neurons learn slowly (ch. 3).
    """

    name = "quadratic"

    @staticmethod
    def fn(a: np.ndarray, Y: np.ndarray) -> float:
        """Mean cost over samples: ``sum((a - Y)**2) / (2 m)``. a, Y: (m, n_out)."""
        d = a - Y
        return 0.5 * float(np.vdot(d, d)) / len(a)

    @staticmethod
    def delta(a: np.ndarray, Y: np.ndarray, out: np.ndarray, scratch: np.ndarray) -> float:
        """Output error delta^L = (a - y) * sigma'(z^L) (eq. BP1), written into ``out``.

        sigma'(z) is computed from the activation as a (1 - a) (ch. 1, eq. 3's derivative).
        ``scratch`` is a buffer shaped like ``a``. Returns the summed cost of the m samples,
        computed on the way for free.
        """
        np.subtract(a, Y, out=out)  # (m, n_out)
        cost = 0.5 * float(np.vdot(out, out))
        np.subtract(_ONE[a.dtype], a, out=scratch)
        scratch *= a  # sigma'(z) = a (1 - a)
        out *= scratch
        return cost


class CrossEntropyCost:
    """Cross-entropy cost, C_x = -sum_j [y_j ln a_j + (1 - y_j) ln(1 - a_j)] (Nielsen ch. 3, eq. 63).

    Its output error is simply a - y (eq. 66): the sigma'(z) factor cancels, so a
    saturated, badly wrong neuron still learns fast.
    """

    name = "cross-entropy"
    #: Activations are clipped to [EPS, 1 - EPS] inside the logarithm, as ``np.nan_to_num``
    #: guards it in Nielsen's network2.py: float32 rounds sigma(z) to exactly 0 or 1.
    EPS = 1e-7

    @staticmethod
    def fn(a: np.ndarray, Y: np.ndarray) -> float:
        """Mean cost over samples. a, Y: (m, n_out), Y one-hot."""
        return CrossEntropyCost._sum(a, Y, np.empty_like(a)) / len(a)

    @staticmethod
    def _sum(a: np.ndarray, Y: np.ndarray, scratch: np.ndarray) -> float:
        # p = a where y = 1 and 1 - a where y = 0, i.e. |1 - y - a|, so C_x = -sum ln p.
        np.subtract(_ONE[a.dtype], Y, out=scratch)
        scratch -= a
        np.abs(scratch, out=scratch)
        np.maximum(scratch, CrossEntropyCost.EPS, out=scratch)
        np.log(scratch, out=scratch)
        return -float(scratch.sum())

    @staticmethod
    def delta(a: np.ndarray, Y: np.ndarray, out: np.ndarray, scratch: np.ndarray) -> float:
        """Output error delta^L = a - y (eq. 66), written into ``out``; returns the summed cost."""
        cost = CrossEntropyCost._sum(a, Y, scratch)
        np.subtract(a, Y, out=out)
        return cost


#: Costs by name, as accepted by ``cost=`` arguments.
COSTS = {c.name: c for c in (QuadraticCost, CrossEntropyCost)}


def get_cost(cost):
    """Return the cost class for a name (``"quadratic"``, ``"cross-entropy"``) or a class.

    Raises ValueError for an unknown name.
    """
    if isinstance(cost, str):
        try:
            return COSTS[cost]
        except KeyError:
            raise ValueError(f"unknown cost {cost!r}; choose one of {sorted(COSTS)}.") from None
    return cost


class MLP:
    """A fully connected network of sigmoid neurons (Nielsen ch. 1, ``network.Network``).

    Parameters
    ----------
    layer_sizes : sequence of int
        Neurons per layer, input first: ``(784, 15, 10)`` is the notebook's network,
        ``(784, 30, 10)`` the book's in ch. 1. At least two layers, each at least 1.
    rng : numpy.random.Generator, optional
        Source of the initial weights and biases. Defaults to ``np.random.default_rng()``
        (unseeded); pass ``np.random.default_rng(seed)`` for reproducible runs.
    init : {"normal", "scaled"}
        ``"normal"``: weights and biases from N(0, 1) (ch. 1, ``Network.__init__``).
        ``"scaled"``: weights from N(0, 1/n_in), biases from N(0, 1), so that weighted
        inputs z start near 0 and the neurons unsaturated (ch. 3, "Weight initialization").
    dtype : {numpy.float32, numpy.float64}
        Floating type of the parameters and all computation.
    binarize : float, optional
        If given, a threshold in [0, 1): every input is first turned into 0 or 1 by
        ``x > binarize`` (the notebook's filter), in training and in prediction alike.

    Attributes
    ----------
    layer_sizes : tuple of int
    weights : list of ndarray
        ``weights[l]`` has shape ``(layer_sizes[l], layer_sizes[l + 1])``; entry (j, k) is
        the weight from neuron j of layer l to neuron k of layer l + 1 (the book's w^{l+1}_kj).
    binarize : float or None
    biases : list of ndarray
        ``biases[l]`` has shape ``(layer_sizes[l + 1],)``. The input layer has no biases.
    metadata : dict
        Free JSON-serialisable information saved with the model (hyperparameters, training
        history, data set hash); :func:`core.sgd.train` fills it in.

    Raises
    ------
    ValueError
        Fewer than two layers, a size below 1, an unknown ``init`` or ``dtype``, a
        ``binarize`` threshold outside [0, 1).
    """

    def __init__(
        self,
        layer_sizes: Sequence[int],
        *,
        rng: np.random.Generator | None = None,
        init: str = "normal",
        dtype=np.float32,
        binarize: float | None = None,
    ):
        sizes = tuple(int(n) for n in layer_sizes)
        if len(sizes) < 2 or min(sizes) < 1:
            raise ValueError(f"layer_sizes needs at least two layers of at least one neuron, got {list(layer_sizes)}.")
        dtype = np.dtype(dtype)
        if dtype not in (np.float32, np.float64):
            raise ValueError(f"dtype must be float32 or float64, got {dtype}.")
        if init not in ("normal", "scaled"):
            raise ValueError(f"init must be 'normal' or 'scaled', got {init!r}.")
        if binarize is not None and not 0.0 <= binarize < 1.0:
            raise ValueError(f"binarize threshold must be in [0, 1), got {binarize}.")
        rng = np.random.default_rng() if rng is None else rng
        self.layer_sizes = sizes
        self.binarize = None if binarize is None else float(binarize)
        self.weights = []
        self.biases = []
        # Drawn in float64 and then rounded, so that a seed gives the same network in
        # float32 and float64: the dtype changes the arithmetic, not the draw.
        for n_in, n_out in pairwise(sizes):
            w = rng.standard_normal((n_in, n_out))
            if init == "scaled":
                w /= np.sqrt(n_in)
            self.weights.append(w.astype(dtype))
            self.biases.append(rng.standard_normal(n_out).astype(dtype))
        self.metadata: dict = {"init": init}

    # -- basic properties ---------------------------------------------------------------

    @property
    def dtype(self) -> np.dtype:
        """The floating type of the parameters (float32 or float64)."""
        return self.weights[0].dtype

    @property
    def n_inputs(self) -> int:
        """Neurons in the input layer: 784 (28 x 28 pixels) for MNIST."""
        return self.layer_sizes[0]

    @property
    def n_outputs(self) -> int:
        """Neurons in the output layer: 10 (one per digit) for MNIST."""
        return self.layer_sizes[-1]

    def __repr__(self) -> str:
        return f"MLP({'-'.join(map(str, self.layer_sizes))}, {self.dtype})"

    def copy(self) -> MLP:
        """A deep copy: parameters and metadata share nothing with this model."""
        new = MLP.__new__(MLP)
        new.layer_sizes = self.layer_sizes
        new.binarize = self.binarize
        new.weights = [w.copy() for w in self.weights]
        new.biases = [b.copy() for b in self.biases]
        new.metadata = json.loads(json.dumps(self.metadata))
        return new

    def get_params(self) -> list[np.ndarray]:
        """Copies of all parameters, ``[w0, b0, w1, b1, ...]``, for snapshots."""
        return [p.copy() for pair in zip(self.weights, self.biases) for p in pair]

    def set_params(self, params: Sequence[np.ndarray]) -> None:
        """Copy parameters from ``[w0, b0, w1, b1, ...]`` (as from :meth:`get_params`) in place.

        Raises ValueError (before changing anything) if the shapes differ from this model's.
        """
        mine = [p for pair in zip(self.weights, self.biases) for p in pair]
        if len(params) != len(mine) or any(np.shape(p) != m.shape for p, m in zip(params, mine)):
            raise ValueError("set_params: parameter shapes do not match this network's.")
        for m, p in zip(mine, params):
            m[...] = p

    def params_finite(self) -> bool:
        """True if no weight or bias is NaN or infinite."""
        return all(np.isfinite(p).all() for p in self.weights + self.biases)

    # -- the forward pass ---------------------------------------------------------------

    def feedforward(self, X: np.ndarray) -> np.ndarray:
        """Output activations a^L for a batch of inputs (eq. 25, applied layer by layer).

        Parameters
        ----------
        X : array_like, shape (n, n_inputs)
            One input per row, pixel intensities in [0, 1] for MNIST. A single sample is
            ``X[None, :]``.

        Returns
        -------
        ndarray, shape (n, n_outputs), the model's dtype
            Activations of the output layer, each in [0, 1]. They are not probabilities:
            sigmoid outputs need not sum to 1.

        Raises
        ------
        ValueError
            X is not two-dimensional with ``n_inputs`` columns.
        """
        X = np.asarray(X)
        rows = self.chunk_rows()
        if X.ndim == 2 and len(X) > rows:  # bound the hidden layers' memory
            out = np.empty((len(X), self.n_outputs), self.dtype)
            for i in range(0, len(X), rows):
                out[i:i + rows] = self.feedforward(X[i:i + rows])
            return out
        a = self.prepare(X)
        for w, b in zip(self.weights, self.biases):
            z = a @ w  # (n, n_out) weighted input
            z += b
            a = sigmoid(z, out=z)
        return a

    def activations(self, X: np.ndarray) -> list[np.ndarray]:
        """The activations of every layer after the input for a batch of inputs (eq. 25).

        The same arithmetic as :meth:`feedforward`, in the same chunks of
        :meth:`chunk_rows` rows, keeping each layer's output: ``activations(X)[-1]`` equals
        ``feedforward(X)`` bit for bit. The hidden layers' activations show, for instance,
        how many sigmoid neurons are saturated (:func:`core.metrics.saturation`).

        Parameters
        ----------
        X : array_like, shape (n, n_inputs)

        Returns
        -------
        list of ndarray
            ``[a^2, ..., a^L]``: entry l has shape ``(n, layer_sizes[l + 1])``, the model's
            dtype, values in [0, 1]. They take n x sum(layer_sizes[1:]) values of memory,
            so pass a few thousand rows of a wide network at a time.

        Raises
        ------
        ValueError
            X is not two-dimensional with ``n_inputs`` columns.
        """
        X = np.asarray(X)
        rows = self.chunk_rows()
        if X.ndim == 2 and len(X) > rows:
            outs = [np.empty((len(X), n), self.dtype) for n in self.layer_sizes[1:]]
            for i in range(0, len(X), rows):
                for out, a in zip(outs, self.activations(X[i:i + rows])):
                    out[i:i + rows] = a
            return outs
        a = self.prepare(X)
        outs = []
        for w, b in zip(self.weights, self.biases):
            z = a @ w  # (n, n_out) weighted input, exactly as in feedforward
            z += b
            a = sigmoid(z, out=z)
            outs.append(a)
        return outs

    def chunk_rows(self) -> int:
        """Rows :meth:`feedforward` takes at a time: ``FEEDFORWARD_CHUNK``, or fewer for a
        network so wide that their activations would exceed ``FEEDFORWARD_VALUES`` values
        per layer (784-100000-10: 100 rows)."""
        return max(1, min(FEEDFORWARD_CHUNK, FEEDFORWARD_VALUES // max(self.layer_sizes[1:])))

    def predict_proba(self, X: np.ndarray) -> np.ndarray:
        """Same as :meth:`feedforward`: the ``(n, n_outputs)`` output activations.

        Named after scikit-learn's method; the values are sigmoid activations in [0, 1],
        not normalised probabilities.
        """
        return self.feedforward(X)

    def predict(self, X: np.ndarray) -> np.ndarray:
        """The predicted class of each row: the output neuron with the highest activation.

        Returns an ``(n,)`` int64 array (the book's ``np.argmax`` in ``evaluate``).
        """
        return self.feedforward(X).argmax(axis=1).astype(np.int64)

    def score(self, X: np.ndarray, y: np.ndarray) -> float:
        """Accuracy: the fraction in [0, 1] of rows of X whose prediction equals y ``(n,)``."""
        y = np.asarray(y)
        if len(y) != len(X):
            raise ValueError(f"X has {len(X)} rows but y has {len(y)} labels.")
        return float(np.mean(self.predict(X) == y)) if len(y) else float("nan")

    def cost(self, X: np.ndarray, y: np.ndarray, cost="quadratic", l2: float = 0.0, n_train: int | None = None) -> float:
        """Mean cost over the rows of X, plus the L2 term if ``l2`` > 0.

        Parameters
        ----------
        X : array_like, shape (n, n_inputs)
        y : array_like, shape (n,), int
            Class labels, 0 .. n_outputs - 1.
        cost : str or cost class
            ``"quadratic"`` (ch. 1) or ``"cross-entropy"`` (ch. 3).
        l2 : float
            Regularisation parameter lambda >= 0; adds ``lambda / (2 n_train) * sum(w**2)``
            over all weights (ch. 3, eq. 85 and ``network2.total_cost``).
        n_train : int, optional
            The training-set size n in that term; defaults to ``len(X)``.
        """
        a = self.feedforward(X)
        return get_cost(cost).fn(a, self.one_hot(y)) + self.l2_penalty(l2, len(X) if n_train is None else n_train)

    def l2_penalty(self, l2: float, n_train: int) -> float:
        """The L2 term of the cost, ``lambda / (2 n) * sum(w**2)`` over all weights, not
        biases (ch. 3, eq. 85). 0.0 when ``l2`` is 0."""
        return 0.5 * l2 / n_train * sum(float(np.vdot(w, w)) for w in self.weights) if l2 else 0.0

    def one_hot(self, y: np.ndarray) -> np.ndarray:
        """Desired outputs for labels y ``(n,)``: an ``(n, n_outputs)`` array of 0s with a 1
        at each label (the book's ``vectorized_result``)."""
        y = np.asarray(y)
        if y.size and (y.min() < 0 or y.max() >= self.n_outputs):
            raise ValueError(f"labels must be in 0..{self.n_outputs - 1}, found {y.min()}..{y.max()}.")
        return np.eye(self.n_outputs, dtype=self.dtype)[y]

    def prepare(self, X: np.ndarray) -> np.ndarray:
        """Inputs as the network consumes them: the model's dtype, binarized if it is set.

        Parameters
        ----------
        X : array_like, shape (n, n_inputs)

        Returns
        -------
        ndarray, shape (n, n_inputs), the model's dtype
            X itself when nothing needs changing, else a new array.

        Raises
        ------
        ValueError
            X is not two-dimensional with ``n_inputs`` columns.
        """
        X = np.asarray(X)
        if X.ndim != 2 or X.shape[1] != self.n_inputs:
            raise ValueError(f"expected inputs of shape (n, {self.n_inputs}), got {X.shape}.")
        if self.binarize is not None:
            return (X > self.binarize).astype(self.dtype)
        return X.astype(self.dtype, copy=False)

    # -- gradients ----------------------------------------------------------------------

    def gradients(self, X: np.ndarray, y: np.ndarray, cost="quadratic", l2: float = 0.0,
                  n_train: int | None = None) -> tuple[list, list]:
        """Gradient of the mean cost over a batch by backpropagation (ch. 2, BP1-BP4).

        Parameters
        ----------
        X : array_like, shape (m, n_inputs)
        y : array_like, shape (m,), int
        cost : str or cost class
        l2, n_train : float, int
            As in :meth:`cost`: with ``l2`` > 0 the gradient of the L2 term,
            ``lambda / n * w``, is added to each weight's (ch. 3, eq. 86-87).

        Returns
        -------
        (grad_w, grad_b) : lists of ndarray
            dC/dw and dC/db, shaped like ``weights`` and ``biases``, where C is
            :meth:`cost` with the same arguments. New arrays the caller owns.
        """
        X = self.prepare(X)
        bp = Backprop(self, len(X))
        bp.run(X, self.one_hot(y), get_cost(cost), scale=1.0 / len(X))
        grad_w = [g.copy() for g in bp.grad_w]
        if l2:
            n = len(X) if n_train is None else n_train
            grad_w = [g + (l2 / n) * w for g, w in zip(grad_w, self.weights)]
        return grad_w, [g.copy() for g in bp.grad_b]

    # -- model files --------------------------------------------------------------------

    def save(self, path: str | os.PathLike) -> None:
        """Write the model to an ``.npz`` file, atomically (:func:`core.model_file.write_model`).

        The file holds arrays ``weights_0, biases_0, weights_1, ...`` and ``metadata``, a
        0-d unicode array with JSON: the format name and version, ``layer_sizes``,
        ``dtype`` and everything in :attr:`metadata`. No pickled objects.

        The file is first written to a temporary file in the same folder and then renamed
        over ``path``, so an interrupted save never leaves a half-written model.

        Raises
        ------
        OSError
            The folder cannot be written.
        TypeError
            :attr:`metadata` is not JSON-serialisable.
        """
        write_model(self, path)

    @classmethod
    def load(cls, path: str | os.PathLike) -> MLP:
        """Read a model written by :meth:`save` (:func:`core.model_file.read_model`).

        Everything is checked before a model is built: the file is a zip archive of
        ``.npy`` members holding no pickled objects, its metadata names this format, every
        array has the shape the layer sizes call for (checked from its header, before its
        data is inflated) and values finite in the model's dtype. A caller that keeps its
        current model until this returns loses nothing on failure.

        Returns
        -------
        MLP
            A new model, its :attr:`metadata` as saved.

        Raises
        ------
        FileNotFoundError
            No such file.
        ModelFileError (a ValueError)
            Anything else wrong with the file, whatever its bytes; the message names the
            file, the problem and what to do.
        """
        return read_model(path, cls)


class Backprop:
    """Preallocated buffers for backpropagation over mini-batches of one size (ch. 2).

    One instance serves every mini-batch of ``batch_size`` rows: it computes the forward
    pass, the output error (BP1), the errors of the hidden layers (BP2) and the gradients
    (BP3, BP4) into arrays allocated once, so that a training step costs only the numpy
    calls the maths needs.

    Parameters
    ----------
    model : MLP
        The network; its parameters are read at every :meth:`run`, never copied.
    batch_size : int
        Rows per mini-batch, m.

    Attributes
    ----------
    activations : list of ndarray
        ``activations[l]`` is ``(m, layer_sizes[l + 1])``: the output of layer l + 1.
    grad_w, grad_b : list of ndarray
        After :meth:`run`, ``scale`` times the summed gradient over the mini-batch, shaped
        like the model's weights and biases.
    """

    def __init__(self, model: MLP, batch_size: int):
        m, dtype = int(batch_size), model.dtype
        self.model = model
        self.batch_size = m
        outs = model.layer_sizes[1:]
        self.activations = [np.empty((m, n), dtype) for n in outs]
        self.deltas = [np.empty((m, n), dtype) for n in outs]
        self.scratch = [np.empty((m, n), dtype) for n in outs]
        self.grad_w = [np.empty_like(w) for w in model.weights]
        self.grad_b = [np.empty_like(b) for b in model.biases]
        self.ones = np.ones(m, dtype)
        self.one = _ONE[dtype]
        self.scale = np.empty((), dtype)  # the factor of run(), as a 0-d array (see _ONE)

    def forward(self, X: np.ndarray) -> np.ndarray:
        """Feed an ``(m, n_inputs)`` batch forward; returns the output activations (a buffer)."""
        a = X
        for w, b, out in zip(self.model.weights, self.model.biases, self.activations):
            np.dot(a, w, out=out)  # z = a w + b, (m, n_out); np.dot has less overhead than matmul
            out += b
            a = sigmoid(out, out=out)
        return a

    def run(self, X: np.ndarray, Y: np.ndarray, cost, scale: float) -> float:
        """Forward and backward pass over one mini-batch.

        Parameters
        ----------
        X : ndarray, shape (m, n_inputs), the model's dtype
        Y : ndarray, shape (m, n_outputs), the model's dtype
            Desired outputs, one-hot.
        cost : cost class
            :class:`QuadraticCost` or :class:`CrossEntropyCost`.
        scale : float
            Factor applied to the output error and hence to every gradient: ``1/m`` gives
            the gradient of the mean cost, ``-eta/m`` the SGD step (ch. 1, eq. 20-21).

        Returns
        -------
        float
            The cost summed over the m samples, before any update.
        """
        weights = self.model.weights
        a, deltas, scratch = self.activations, self.deltas, self.scratch
        self.forward(X)
        total = cost.delta(a[-1], Y, out=deltas[-1], scratch=scratch[-1])  # BP1
        self.scale[()] = scale
        deltas[-1] *= self.scale
        for l in range(len(weights) - 1, -1, -1):
            a_prev = X if l == 0 else a[l - 1]
            np.dot(a_prev.T, deltas[l], out=self.grad_w[l])  # BP4: dC/dw = a_in^T delta
            np.dot(self.ones, deltas[l], out=self.grad_b[l])  # BP3: dC/db = sum of delta's rows
            if l > 0:  # BP2: delta^l = (delta^{l+1} w^T) * sigma'(z^l), sigma' = a (1 - a)
                np.dot(deltas[l], weights[l].T, out=deltas[l - 1])
                np.subtract(self.one, a_prev, out=scratch[l - 1])
                scratch[l - 1] *= a_prev
                deltas[l - 1] *= scratch[l - 1]
        return total

    def step(self, X: np.ndarray, Y: np.ndarray, cost, learning_rate: float, weight_decay: float = 1.0) -> float:
        """One SGD step on the mini-batch (Nielsen ch. 1, eqs. 20-21; ch. 3, eq. 93): the
        passes of :meth:`run` with ``scale = -eta / m``, each layer's weights updated as soon
        as its error has been passed down (BP2 uses the weights from before the step).

        ``w <- weight_decay * w + a_in^T delta`` is one BLAS call for large weight matrices
        (:func:`core.blas.add_product`); ``b <- b + sum of delta's rows``.

        Returns the cost summed over the m samples, measured before the update.
        """
        model = self.model
        weights, biases = model.weights, model.biases
        a, deltas, scratch = self.activations, self.deltas, self.scratch
        self.forward(X)
        total = cost.delta(a[-1], Y, out=deltas[-1], scratch=scratch[-1])  # BP1
        self.scale[()] = -learning_rate / len(X)
        deltas[-1] *= self.scale
        for l in range(len(weights) - 1, -1, -1):
            a_prev = X if l == 0 else a[l - 1]
            if l > 0:  # BP2 first, with w^{l+1} as it was before this step
                np.dot(deltas[l], weights[l].T, out=deltas[l - 1])
                np.subtract(self.one, a_prev, out=scratch[l - 1])
                scratch[l - 1] *= a_prev
                deltas[l - 1] *= scratch[l - 1]
            add_product(a_prev, deltas[l], weights[l], weight_decay, self.grad_w[l])  # BP4 and the update
            np.dot(self.ones, deltas[l], out=self.grad_b[l])  # BP3
            biases[l] += self.grad_b[l]
        return total

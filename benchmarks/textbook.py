"""The textbook algorithm, as a reference for ``train_speed.py``: Nielsen's ``network.py``.

This is ``src/network.py`` from Michael Nielsen's *Neural Networks and Deep Learning*
(github.com/mnielsen/neural-networks-and-deep-learning, ch. 1): the same sigmoid network,
quadratic cost and mini-batch SGD, and above all the same way of computing. Each sample is
a column vector, ``x`` of shape (784, 1) and ``y`` of shape (10, 1); ``update_mini_batch``
loops over the samples of a mini-batch in Python, backpropagates each one on its own, sums
the gradients and then applies them. As the book's docstring says, the code is simple and
easy to change, not optimised, which is what makes it a fair yardstick for ``core``, which
computes the same thing one whole mini-batch at a time.

It differs from ``network.py`` only where it must:

- Python 3, and every array is float32 (``network.py`` works in float64), as in ``core``.
- Randomness comes from generators passed in (``np.random.Generator`` for the initial
  weights, ``random.Random`` for the shuffle) rather than the global ones.
- ``sigmoid`` is computed as ``(1 + tanh(z / 2)) / 2``, the same function as the book's
  ``1 / (1 + exp(-z))`` written so that it cannot overflow (the book's version warns for
  z below about -89 in float32).
- ``SGD`` runs the epochs and neither evaluates nor prints, because the benchmark times
  training alone.
"""

from __future__ import annotations

import random
from itertools import pairwise

import numpy as np

DTYPE = np.float32


class Network:
    """A fully connected network of sigmoid neurons (``network.Network``).

    Parameters
    ----------
    sizes : list of int
        Neurons per layer, input first, e.g. ``[784, 30, 10]``.
    rng : numpy.random.Generator
        Source of the initial weights and biases, drawn from N(0, 1) as in the book.

    Attributes
    ----------
    weights : list of ndarray
        ``weights[l]`` has shape ``(sizes[l + 1], sizes[l])``, float32: the book's layout,
        so that a layer computes ``w a + b`` on a column vector ``a``.
    biases : list of ndarray
        ``biases[l]`` has shape ``(sizes[l + 1], 1)``, float32.
    """

    def __init__(self, sizes, rng: np.random.Generator):
        self.num_layers = len(sizes)
        self.sizes = list(sizes)
        self.biases = [rng.standard_normal((y, 1), dtype=DTYPE) for y in sizes[1:]]
        self.weights = [rng.standard_normal((y, x), dtype=DTYPE) for x, y in pairwise(sizes)]

    def feedforward(self, a):
        """Return the output of the network, shape (sizes[-1], 1), for an input ``a`` of
        shape (sizes[0], 1)."""
        for b, w in zip(self.biases, self.weights):
            a = sigmoid(np.dot(w, a) + b)
        return a

    def SGD(self, training_data, epochs, mini_batch_size, eta, shuffle_rng: random.Random):
        """Train by mini-batch stochastic gradient descent.

        ``training_data`` is a list of tuples ``(x, y)``: x an input of shape (784, 1) and y
        the desired output of shape (10, 1), both float32. Each epoch shuffles the list in
        place, cuts it into mini-batches of ``mini_batch_size`` (the last may be shorter)
        and applies :meth:`update_mini_batch` to each with learning rate ``eta``.
        """
        n = len(training_data)
        for j in range(epochs):
            shuffle_rng.shuffle(training_data)
            mini_batches = [training_data[k:k + mini_batch_size] for k in range(0, n, mini_batch_size)]
            for mini_batch in mini_batches:
                self.update_mini_batch(mini_batch, eta)

    def update_mini_batch(self, mini_batch, eta):
        """Apply one gradient-descent step, using backpropagation on each sample of the
        mini-batch (a list of tuples ``(x, y)``) in turn and summing the gradients."""
        nabla_b = [np.zeros(b.shape, dtype=DTYPE) for b in self.biases]
        nabla_w = [np.zeros(w.shape, dtype=DTYPE) for w in self.weights]
        for x, y in mini_batch:
            delta_nabla_b, delta_nabla_w = self.backprop(x, y)
            nabla_b = [nb + dnb for nb, dnb in zip(nabla_b, delta_nabla_b)]
            nabla_w = [nw + dnw for nw, dnw in zip(nabla_w, delta_nabla_w)]
        self.weights = [w - (eta / len(mini_batch)) * nw for w, nw in zip(self.weights, nabla_w)]
        self.biases = [b - (eta / len(mini_batch)) * nb for b, nb in zip(self.biases, nabla_b)]

    def backprop(self, x, y):
        """Return a tuple ``(nabla_b, nabla_w)``: the gradient of the cost C_x of the one
        sample ``(x, y)``, as lists of arrays shaped like ``biases`` and ``weights``."""
        nabla_b = [np.zeros(b.shape, dtype=DTYPE) for b in self.biases]
        nabla_w = [np.zeros(w.shape, dtype=DTYPE) for w in self.weights]
        # feedforward
        activation = x
        activations = [x]  # all the activations, layer by layer
        zs = []  # all the z vectors, layer by layer
        for b, w in zip(self.biases, self.weights):
            z = np.dot(w, activation) + b
            zs.append(z)
            activation = sigmoid(z)
            activations.append(activation)
        # backward pass
        delta = self.cost_derivative(activations[-1], y) * sigmoid_prime(zs[-1])
        nabla_b[-1] = delta
        nabla_w[-1] = np.dot(delta, activations[-2].transpose())
        # As in the book's code, l counts layers from the end: l = 1 is the last layer of
        # neurons, l = 2 the second-last, and so on, so that negative indices work.
        for l in range(2, self.num_layers):
            z = zs[-l]
            sp = sigmoid_prime(z)
            delta = np.dot(self.weights[-l + 1].transpose(), delta) * sp
            nabla_b[-l] = delta
            nabla_w[-l] = np.dot(delta, activations[-l - 1].transpose())
        return (nabla_b, nabla_w)

    def evaluate(self, test_data):
        """Return how many ``(x, label)`` pairs the network classifies correctly (the output
        neuron with the highest activation)."""
        test_results = [(np.argmax(self.feedforward(x)), y) for (x, y) in test_data]
        return sum(int(x == y) for (x, y) in test_results)

    def cost_derivative(self, output_activations, y):
        """Return the vector of partial derivatives dC_x / da for the output activations."""
        return output_activations - y


def sigmoid(z):
    """The sigmoid function 1 / (1 + exp(-z)), written as (1 + tanh(z / 2)) / 2 so that it
    never overflows."""
    return 0.5 * (1.0 + np.tanh(0.5 * z))


def sigmoid_prime(z):
    """Derivative of the sigmoid function."""
    return sigmoid(z) * (1 - sigmoid(z))


def training_data(X: np.ndarray, y: np.ndarray) -> list:
    """The book's training-data format (``mnist_loader.load_data_wrapper``) from rows.

    Parameters
    ----------
    X : ndarray, shape (n, 784), float32
        One image per row, intensities in [0, 1].
    y : ndarray, shape (n,), int
        Labels 0 to 9.

    Returns
    -------
    list of (x, y) tuples
        x of shape (784, 1) and y, the one-hot desired output, of shape (10, 1), both
        float32.
    """
    eye = np.eye(10, dtype=DTYPE)
    X = np.asarray(X, dtype=DTYPE)
    return [(X[i].reshape(-1, 1), eye[label].reshape(-1, 1)) for i, label in enumerate(y)]

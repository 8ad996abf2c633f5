"""core's SGD step written in PyTorch on the CPU, as a yardstick for ``train_speed.py``.

The same maths as :func:`core.sgd.sgd_step` with the quadratic cost (Nielsen ch. 1-2):
rows are samples, a layer computes ``a' = sigmoid(a @ w + b)`` with ``w`` of shape
``(n_in, n_out)``, and every weight moves by ``-eta/m`` times the summed gradient. It is
written the way one would write it to be fast in PyTorch without autograd: every buffer is
allocated once, every operation writes in place or into a buffer (``out=``), and the
gradients are never stored: ``addmm_`` / ``addmv_`` with ``alpha = -eta/m`` add
``-eta/m * a_in^T delta`` and ``-eta/m * sum of delta's rows`` straight into the weights
and biases (BLAS's ``beta = 1``), which numpy cannot do. The error of a hidden layer is
computed from the weights above it before they are updated, so the step is the same as
core's, which computes all gradients first.

Importing this module imports torch; callers check that torch is installed first.
"""

from __future__ import annotations

import numpy as np
import torch


class TorchSGD:
    """Mini-batch SGD for a sigmoid MLP with the quadratic cost, in float32 PyTorch tensors.

    Parameters
    ----------
    weights, biases : lists of ndarray or of torch.Tensor
        Initial parameters in core's layout, ``(n_in, n_out)`` and ``(n_out,)``. Arrays are
        copied; tensors are used as they are, so that two instances (say, for the full
        mini-batches and the shorter last one) can share one set of parameters.
    batch_size : int
        Rows per mini-batch, m.
    learning_rate : float
        eta.
    n_batches : int
        Mini-batches per epoch: the summed cost of each is stored in :attr:`costs`.
    costs : torch.Tensor, optional
        A ``(n_batches,)`` tensor to share with another instance.
    """

    def __init__(self, weights, biases, batch_size: int, learning_rate: float, n_batches: int, costs=None):
        m = int(batch_size)

        def tensor(p):
            return p if isinstance(p, torch.Tensor) else torch.from_numpy(np.array(p, np.float32))

        self.w = [tensor(w) for w in weights]
        self.b = [tensor(b) for b in biases]
        outs = [w.shape[1] for w in self.w]
        self.a = [torch.empty(m, n) for n in outs]  # activations of layers 1..L
        self.delta = [torch.empty(m, n) for n in outs]  # errors of layers 1..L
        self.sigma_prime = [torch.empty(m, n) for n in outs]
        self.ones = torch.ones(m)
        self.alpha = -float(learning_rate) / m
        self.costs = torch.zeros(n_batches) if costs is None else costs  # twice each summed cost
        # Views made once, since making a view costs about a microsecond per step.
        self.w_t = [w.t() for w in self.w]
        self.a_t = [a.t() for a in self.a]
        self.delta_t = [d.t() for d in self.delta]
        self.output_error = self.delta[-1].view(-1)
        self.cost_slots = self.costs.unbind()

    def step(self, X: torch.Tensor, Y: torch.Tensor, k: int) -> None:
        """One SGD step on the mini-batch ``X`` (m, n_in), ``Y`` (m, n_out) one-hot, the
        k-th of the epoch; ``costs[k]`` receives ``sum((a - Y)**2)`` before the update.
        Call it under ``torch.no_grad()``."""
        a_in = X
        for w, b, a in zip(self.w, self.b, self.a):  # forward: a = sigmoid(a_in w + b)
            torch.addmm(b, a_in, w, out=a)
            a_in = a.sigmoid_()
        torch.sub(self.a[-1], Y, out=self.delta[-1])  # BP1: (a - y) * sigma'(z), sigma' below
        torch.dot(self.output_error, self.output_error, out=self.cost_slots[k])
        for l in range(len(self.w) - 1, -1, -1):
            a, delta, sp = self.a[l], self.delta[l], self.sigma_prime[l]
            torch.addcmul(a, a, a, value=-1.0, out=sp)  # sigma'(z) = a (1 - a) = a - a*a
            delta.mul_(sp)
            if l > 0:  # BP2, with the weights before this step's update
                torch.mm(delta, self.w_t[l], out=self.delta[l - 1])
            a_prev_t = X.t() if l == 0 else self.a_t[l - 1]
            self.w[l].addmm_(a_prev_t, delta, alpha=self.alpha)  # BP4 and the update
            self.b[l].addmv_(self.delta_t[l], self.ones, alpha=self.alpha)  # BP3 and the update

    def numpy_params(self):
        """Copies of the current weights and biases as numpy arrays."""
        return [w.numpy().copy() for w in self.w], [b.numpy().copy() for b in self.b]

"""How many BLAS threads training uses, chosen by the size of its matrix products.

numpy's matrix products run in OpenBLAS, which splits a product over threads. That pays only
when a product is large: measured on a 2-core Intel Xeon (``benchmarks/train_speed.py``),
784-30-10 trains an epoch at mini-batch 10 or 100 no faster with 2 threads than with 1
(0.47 / 0.48 s, 0.24 / 0.26 s), 784-800-10 at mini-batch 20 hardly faster (4.8 / 4.7 s), and
784-30-10 at mini-batch 1000 a third faster (0.25 / 0.18 s). A thread that does not pay
takes a core from whatever else runs: the thread that makes the next epoch's distorted
copies, or the GUI painting the run.

The count is set with threadpoolctl (https://github.com/joblib/threadpoolctl), which finds
the BLAS libraries loaded in the process and calls their own ``set_num_threads``; it is put
back when the run ends.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from contextlib import contextmanager
from itertools import pairwise

__all__ = ["MIN_MACS_PER_THREAD", "blas_threads", "choose_threads", "cores", "current_threads"]

#: Multiply-adds per mini-batch (batch size x weights) from which a second BLAS thread pays:
#: 784-30-10 at mini-batch 1000 (24 million) gains a third, 784-800-10 at mini-batch 20
#: (13 million) nothing.
MIN_MACS_PER_THREAD = 2**24

_controller = None


def _threadpool_controller():
    """threadpoolctl's controller, made once (finding the libraries takes milliseconds)."""
    global _controller
    if _controller is None:
        from threadpoolctl import ThreadpoolController
        _controller = ThreadpoolController()
    return _controller


def cores() -> int:
    """CPU cores this process may run on (its affinity mask where the system has one)."""
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def choose_threads(layer_sizes: Sequence[int], batch_size: int, *, reserve: int = 0,
                   available: int | None = None) -> int:
    """BLAS threads for training a network with ``layer_sizes`` at mini-batch ``batch_size``.

    One thread, and one more per ``MIN_MACS_PER_THREAD`` multiply-adds of a mini-batch's
    forward pass, at most the cores left after ``reserve`` (and at least 1).

    Parameters
    ----------
    layer_sizes : sequence of int
        Neurons per layer, input first.
    batch_size : int
        Mini-batch size m.
    reserve : int
        Cores to leave to other work: 1 while a thread makes distorted copies, or while a
        GUI shows the run and needs a core to paint.
    available : int, optional
        Cores to share out; :func:`cores` by default.

    Returns
    -------
    int, from 1 to ``available - reserve`` (1 if that is less).
    """
    macs = batch_size * sum(a * b for a, b in pairwise(layer_sizes))
    free = max(1, (cores() if available is None else available) - max(0, reserve))
    return max(1, min(free, 1 + macs // MIN_MACS_PER_THREAD))


def current_threads() -> int | None:
    """The thread count of the process's BLAS (the largest, if there are several), or None
    when threadpoolctl finds none."""
    counts = [lib.num_threads for lib in _threadpool_controller().select(user_api="blas").lib_controllers]
    return max(counts) if counts else None


@contextmanager
def blas_threads(n: int | None):
    """Run the body with the BLAS libraries of this process limited to ``n`` threads, and
    put back the counts they had on the way out (also on an exception). ``n=None`` changes
    nothing.

    Raises
    ------
    ValueError
        ``n`` is less than 1.
    """
    if n is None:
        yield
        return
    if n < 1:
        raise ValueError(f"BLAS threads must be at least 1, got {n}.")
    with _threadpool_controller().limit(limits=n, user_api="blas"):
        yield

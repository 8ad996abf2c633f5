"""How fast does core train? Side by side, in one process, with ratios.

Network 784-30-10, float32, quadratic cost, eta = 3.0, one epoch = 50,000 real MNIST
training images. Three yardsticks:

- the textbook algorithm (``benchmarks/textbook.py``, Nielsen's network.py): a Python loop
  over the samples of each mini-batch, one (784, 1) column at a time; mini-batch 10;
- the same maths as core in PyTorch on the CPU (``benchmarks/torch_sgd.py``), at the same
  BLAS thread count; mini-batches 10, 100 and 1000 (null when torch is not installed);
- the FLOP floor at mini-batch 1000: the epoch's matrix-product FLOPs divided by this
  machine's float32 matrix-multiply rate, measured in the same run with the same threads.

The table gives every time at 1 thread and at all CPUs. The ratios compare both sides at
one thread count, 1 unless ``--threads`` says otherwise: on this shared 2-CPU machine the
second CPU is at times taken by other work for a minute or more, and then every 2-thread
time is wrong (the run says so when it sees it), while 1-thread times stay steady. At
mini-batch 10 the thread count makes no difference to core (its products are too small for
OpenBLAS to split); the table shows what 2 threads give at 100 and 1000.

core is timed by running :func:`core.sgd.train` itself, without its end-of-epoch accuracy
measurement (70,000 forward passes, which the other two do not do either); an epoch's time
is the shuffle plus every SGD step (see ``CoreRun``). Every time is the best of several rounds, each of which measures everything
once, because this machine is shared and noisy; before each measurement the run sleeps
0.15 s, so that OpenBLAS's worker threads, which spin for about 0.1 s after a
multithreaded call, do not take a CPU from the next measurement. Thread counts (1 and all
CPUs) are set at run time through numpy's own OpenBLAS (``benchmarks/blas_threads.py``) and
``torch.set_num_threads``.

Usage::

    python benchmarks/train_speed.py            # 7 rounds, about 1.5 minutes on 2 CPUs
    python benchmarks/train_speed.py --quick    # 3 rounds, the textbook on 5,000 samples (scaled)

The last line printed is one JSON object: textbook_ratio, torch_ratio, torch_ratio_100,
floor_ratio (each "core time / other time": below 1 means core is faster), wide_epoch_s
(seconds of one epoch of 784-800-10 at mini-batch 20 with the BLAS threads core chooses)
and wide_torch_ratio (that epoch against PyTorch's at the same thread count).
"""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import random
import sys
import time
import warnings
from itertools import pairwise
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import numpy as np

from benchmarks import textbook
from benchmarks.blas_threads import BlasThreads
from core.datasets import load_mnist
from core.mlp import MLP, Backprop, get_cost
from core.sgd import TrainConfig, iter_minibatches, sgd_step, train
from core.threads import choose_threads

try:
    import torch

    from benchmarks.torch_sgd import TorchSGD
except ImportError:  # the PyTorch columns become null
    torch = None

SIZES = (784, 30, 10)
#: The wide network of issue 10: one epoch at mini-batch 20, with the threads core chooses.
WIDE, WIDE_BATCH = (784, 800, 10), 20
ETA = 3.0
BATCH_SIZES = (10, 100, 1000)
SEED = 1
SETTLE = 0.15  # seconds of sleep before each measurement; see main.settle


def epoch_flops(sizes, n: int) -> tuple[int, dict]:
    """Exact FLOPs of the matrix products of one epoch of n samples (a multiply-add is 2).

    Per layer of n_in -> n_out and per sample: the forward product a @ w (2 n_in n_out),
    the weight gradient a^T delta (2 n_in n_out) and, for every layer but the first, the
    error passed down, delta w^T (2 n_in n_out). No gradient with respect to the input.
    Returns the total and the three parts.
    """
    pairs = list(pairwise(sizes))
    parts = {
        "forward a@w": sum(2 * i * o for i, o in pairs) * n,
        "weight gradients a^T@delta": sum(2 * i * o for i, o in pairs) * n,
        "hidden errors delta@w^T": sum(2 * i * o for i, o in pairs[1:]) * n,
    }
    return sum(parts.values()), parts


# -- the three implementations, one epoch each --------------------------------------------

class CoreRun:
    """core's own training loop, :func:`core.sgd.train`, timed by itself.

    Each measurement trains two epochs with the end-of-epoch accuracy measurement turned
    off (``measure_accuracy=False``) and takes the second epoch's ``seconds`` from its
    report: the shuffle plus every SGD step, after the first epoch has paid for allocating
    and first touching the shuffled copy of the data (a once-per-run cost).
    """

    def __init__(self, data, init: MLP):
        self.data = data
        self.init = init

    def epoch(self, m: int, rng: np.random.Generator, threads: int | None) -> tuple[float, float]:
        """Wall-clock seconds of one epoch at mini-batch m, and CPUs used (CPU time over
        wall time, all threads, over the whole two-epoch call). ``threads``: BLAS threads,
        None for the count core chooses (:func:`core.threads.choose_threads`)."""
        config = TrainConfig(layer_sizes=self.init.layer_sizes, n_epochs=2, batch_size=m, learning_rate=ETA,
                             seed=SEED)
        model = self.init.copy()
        started, cpu_started = time.perf_counter(), time.process_time()
        ends = [r for r in train(model, self.data, config, rng, report_every=10**9, measure_accuracy=False,
                                 threads=threads) if r.end_of_epoch]
        cpu = (time.process_time() - cpu_started) / (time.perf_counter() - started)
        if len(ends) != 2 or not math.isfinite(ends[-1].cost):
            raise RuntimeError(f"core did not train two epochs at mini-batch {m}")
        return ends[-1].seconds, cpu


class TorchRun:
    """One epoch of the PyTorch version: shuffle with index_select into preallocated
    tensors, then TorchSGD.step on views of them made once."""

    def __init__(self, X, Y, init: MLP):
        self.init = init
        self.X, self.Y = torch.from_numpy(X), torch.from_numpy(Y)
        self.Xs, self.Ys = torch.zeros_like(self.X), torch.zeros_like(self.Y)
        self.Xs += 0  # touch every page now, as in CoreRun

    def epoch(self, m: int, rng: np.random.Generator) -> float:
        n = len(self.X)
        batches = list(zip(self.Xs.split(m), self.Ys.split(m)))  # views, refilled every epoch
        nets = {m: TorchSGD(self.init.weights, self.init.biases, m, ETA, len(batches))}
        if n % m:  # the last, shorter mini-batch shares the parameters
            full = nets[m]
            nets[n % m] = TorchSGD(full.w, full.b, n % m, ETA, len(batches), costs=full.costs)
        with torch.no_grad():
            started = time.perf_counter()
            order = torch.from_numpy(rng.permutation(n))
            torch.index_select(self.X, 0, order, out=self.Xs)
            torch.index_select(self.Y, 0, order, out=self.Ys)
            for k, (xb, yb) in enumerate(batches):
                nets[len(xb)].step(xb, yb, k)
            total = float(nets[m].costs.sum())
            seconds = time.perf_counter() - started
        if not math.isfinite(total):
            raise RuntimeError(f"PyTorch version diverged at mini-batch {m}")
        return seconds


class TextbookRun:
    """One epoch of network.py at mini-batch 10, from core's initial weights."""

    def __init__(self, X, y, init: MLP, n_samples: int):
        self.data = textbook.training_data(X, y)[:n_samples]  # the book's (784, 1) columns
        self.n, self.init = len(X), init

    def epoch(self, seed: int) -> float:
        """Seconds per epoch: the time for n_samples, scaled to the whole epoch."""
        net = textbook.Network(list(SIZES), np.random.default_rng(0))
        net.weights = [w.T.copy() for w in self.init.weights]  # the book's (n_out, n_in) layout
        net.biases = [b.reshape(-1, 1).copy() for b in self.init.biases]
        started = time.perf_counter()
        net.SGD(self.data, 1, 10, ETA, random.Random(seed))
        seconds = time.perf_counter() - started
        assert all(p.dtype == np.float32 for p in net.weights + net.biases)
        return seconds * self.n / len(self.data)


def matmul_rate(size: int, repeats: int) -> float:
    """float32 FLOP/s of np.matmul on two size x size matrices, best of ``repeats``."""
    rng = np.random.default_rng(0)
    A = rng.random((size, size), dtype=np.float32)
    B = rng.random((size, size), dtype=np.float32)
    C = np.empty_like(A)
    np.matmul(A, B, out=C)  # wake the threads
    best = math.inf
    for _ in range(repeats):
        started = time.perf_counter()
        np.matmul(A, B, out=C)
        best = min(best, time.perf_counter() - started)
    return 2 * size**3 / best


def product_rate(m: int, repeats: int) -> float:
    """float32 FLOP/s of the epoch's two large products at mini-batch m, in cache:
    X @ w0, (m, 784) @ (784, 30), and X^T @ delta, (784, m) @ (m, 30)."""
    rng = np.random.default_rng(0)
    n_in, n_out = SIZES[0], SIZES[1]
    X = rng.random((m, n_in), dtype=np.float32)
    w = rng.random((n_in, n_out), dtype=np.float32)
    delta = rng.random((m, n_out), dtype=np.float32)
    z, grad = np.empty((m, n_out), np.float32), np.empty((n_in, n_out), np.float32)
    calls = 20
    best = math.inf
    for _ in range(repeats + 1):
        started = time.perf_counter()
        for _ in range(calls):
            np.matmul(X, w, out=z)
            np.matmul(X.T, delta, out=grad)
        best = min(best, time.perf_counter() - started)
    return 2 * 2 * m * n_in * n_out * calls / best


def agreement(X, y, init: MLP, n_batches: int = 50, m: int = 10) -> dict:
    """Largest weight difference after the same n_batches mini-batches of m samples:
    core against the textbook and against PyTorch (a check that all do the same maths)."""
    X, y = X[: n_batches * m], y[: n_batches * m]
    model = init.copy()
    bp = Backprop(model, m)
    Y = model.one_hot(y)
    for batch in iter_minibatches(len(X), m):
        sgd_step(bp, X[batch], Y[batch], get_cost("quadratic"), ETA)
    net = textbook.Network(list(SIZES), np.random.default_rng(0))
    net.weights = [w.T.copy() for w in init.weights]
    net.biases = [b.reshape(-1, 1).copy() for b in init.biases]
    data = textbook.training_data(X, y)
    for k in range(0, len(data), m):
        net.update_mini_batch(data[k:k + m], ETA)
    result = {"textbook": max(float(np.abs(w.T - v).max()) for w, v in zip(net.weights, model.weights))}
    if torch is not None:
        tnet = TorchSGD(init.weights, init.biases, m, ETA, n_batches)
        Xt, Yt = torch.from_numpy(np.ascontiguousarray(X)), torch.from_numpy(init.one_hot(y))
        with torch.no_grad():
            for k in range(n_batches):
                tnet.step(Xt[k * m:(k + 1) * m], Yt[k * m:(k + 1) * m], k)
        result["PyTorch"] = max(float(np.abs(w - v).max()) for w, v in zip(tnet.numpy_params()[0], model.weights))
    return result


# -- the run --------------------------------------------------------------------------------

def fmt(x, digits=4):
    return "null" if x is None or (isinstance(x, float) and math.isnan(x)) else f"{x:.{digits}f}"


def main(argv=None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true",
                        help="3 rounds instead of 7; the textbook timed on 5,000 samples")
    parser.add_argument("--repeats", type=int, help="rounds of measurements (default 7, --quick 3)")
    parser.add_argument("--threads", type=int, default=1,
                        help="BLAS and PyTorch threads for the ratios (default 1); times are taken at 1, "
                             "at all CPUs and at this count")
    args = parser.parse_args(argv)
    warnings.simplefilter("error", RuntimeWarning)  # an overflow anywhere stops the run
    rounds = args.repeats or (3 if args.quick else 7)
    textbook_samples = 5_000 if args.quick else 50_000

    data = load_mnist()
    X, y = data.train.X, data.train.y
    n = len(y)
    init = MLP(SIZES, rng=np.random.default_rng(SEED))  # N(0, 1), as in the book
    blas = BlasThreads()
    default_threads = blas.get()
    cpus = os.cpu_count() or 1
    thread_counts = sorted({1, cpus, args.threads}) if default_threads is not None else [None]
    flops, flop_parts = epoch_flops(SIZES, n)

    print(f"Training speed: {'-'.join(map(str, SIZES))}, float32, quadratic cost, eta {ETA}, one epoch = {n:,} "
          f"MNIST images{' (--quick)' if args.quick else ''}")
    print(f"Python {platform.python_version()}, numpy {np.__version__}, "
          f"torch {torch.__version__ if torch is not None else 'not installed'}; {cpus} CPUs")
    print(f"BLAS threads set with {blas.method} (default {default_threads}); torch.set_num_threads for PyTorch")
    print("core is timed by core.sgd.train itself (second epoch of two, no accuracy measurement): the shuffle, "
          "then sgd_step on every mini-batch")
    print(f"Every time is the best of {rounds} rounds; each round measures everything once, interleaved")
    deltas = agreement(X, y, init)
    print("Same maths: max |w_core - w_other| after the same 50 mini-batches of 10: "
          + ", ".join(f"{k} {v:.1e}" for k, v in deltas.items()))
    print()

    core = CoreRun(data, init)
    torch_run = TorchRun(init.prepare(X), init.one_hot(y), init) if torch is not None else None
    wide_init = MLP(WIDE, rng=np.random.default_rng(SEED), init="scaled")
    wide = CoreRun(data, wide_init)
    wide_torch = TorchRun(torch_run.X.numpy(), torch_run.Y.numpy(), wide_init) if torch is not None else None
    book = TextbookRun(X, y, init, textbook_samples)
    keys = [(t, m) for t in thread_counts for m in BATCH_SIZES]
    core_t, core_cpu, torch_t = ({k: [] for k in keys} for _ in range(3))
    book_t = {t: [] for t in thread_counts}
    rate = {t: [] for t in thread_counts}
    shape_rate = {t: [] for t in thread_counts}
    rng = np.random.default_rng(SEED)

    def use_threads(t):
        if t is not None:
            blas.set(t)
            if torch is not None:
                torch.set_num_threads(t)

    def settle():
        """Wait until idle worker threads sleep: after a multithreaded call OpenBLAS's workers
        spin for about 0.1 s (measured here) and would take a CPU from the next measurement."""
        time.sleep(SETTLE)

    for r in range(rounds):
        for t in thread_counts[::-1] if r % 2 else thread_counts:  # alternate the order
            use_threads(t)
            settle()
            rate[t].append(matmul_rate(2048, 3))
            shape_rate[t].append(product_rate(1000, 3))
            for m in BATCH_SIZES:
                settle()
                wall, cpu = core.epoch(m, rng, t)
                core_t[t, m].append(wall)
                core_cpu[t, m].append(cpu)  # already CPU time over wall time
                if torch_run is not None:
                    settle()
                    torch_t[t, m].append(torch_run.epoch(m, rng))
        t = thread_counts[r % len(thread_counts)]  # the textbook, at each thread count in turn
        use_threads(t)
        settle()
        book_t[t].append(book.epoch(seed=r))
    for t in thread_counts:  # fewer rounds than thread counts
        if not book_t[t]:
            use_threads(t)
            settle()
            book_t[t].append(book.epoch(seed=rounds))
    # The wide network, at the threads core chooses; PyTorch at the same count.
    wide_threads = choose_threads(WIDE, WIDE_BATCH)
    wide_t, wide_torch_t = [], []
    for r in range(min(rounds, 3)):
        use_threads(wide_threads)
        settle()
        wide_t.append(wide.epoch(WIDE_BATCH, rng, None)[0])
        if wide_torch is not None:
            settle()
            wide_torch_t.append(wide_torch.epoch(WIDE_BATCH, rng))
    use_threads(default_threads)

    core_best = {k: min(v) for k, v in core_t.items()}
    torch_best = {k: (min(v) if v else None) for k, v in torch_t.items()}
    fastest = {m: min(thread_counts, key=lambda t: core_best[t, m]) for m in BATCH_SIZES}
    book_best = {t: min(v) for t, v in book_t.items()}
    rate_best = {t: max(v) for t, v in rate.items()}
    shape_best = {t: max(v) for t, v in shape_rate.items()}

    print(f"{'threads':>7} {'batch':>6} {'core s/epoch':>13} {'(median)':>9} {'CPUs used':>10} "
          f"{'PyTorch s/epoch':>16} {'core/PyTorch':>13}")
    for t, m in keys:
        tt = torch_best[t, m]
        print(f"{t or '-':>7} {m:>6} {core_best[t, m]:>13.4f} {float(np.median(core_t[t, m])):>9.4f} "
              f"{float(np.median(core_cpu[t, m])):>10.2f} {fmt(tt):>16} "
              f"{fmt(core_best[t, m] / tt if tt else None, 3):>13}{' *' if fastest[m] == t else ''}")
    print("  * the fastest thread count for core at that mini-batch size")
    print("  CPUs used: core's CPU time over wall time (median)")
    print()
    how = (f"timed on {textbook_samples:,} samples and scaled x{n / textbook_samples:g}" if textbook_samples < n
           else "whole epochs")
    for t in thread_counts:
        print(f"textbook (network.py, one sample at a time), mini-batch 10, {t or 'default'} thread(s): "
              f"{book_best[t]:.3f} s/epoch (best of {len(book_t[t])}, {how})")
    print(f"FLOPs per epoch: {flops / 1e9:.3f} GFLOP = "
          + " + ".join(f"{k} {v / 1e9:.3f}" for k, v in flop_parts.items()) + " (the issue says 4.79)")
    for t in thread_counts:
        print(f"float32 np.matmul 2048x2048, {t or 'default'} thread(s): {rate_best[t] / 1e9:.1f} GFLOP/s "
              f"-> FLOP floor {flops / rate_best[t]:.4f} s/epoch")
    for t in thread_counts:
        print(f"  for comparison, the epoch's own large products at mini-batch 1000, (1000,784)@(784,30) and "
              f"(784,1000)@(1000,30), in cache, {t or 'default'} thread(s): {shape_best[t] / 1e9:.1f} GFLOP/s "
              f"-> {flops / shape_best[t]:.4f} s/epoch")
    print()

    if None not in thread_counts and cpus > 1 and rate_best[cpus] < 1.3 * rate_best[1]:
        print(f"WARNING: np.matmul with {cpus} threads was only {rate_best[cpus] / rate_best[1]:.2f}x as fast as "
              "with 1: other work held a CPU during this run, so the multithreaded times above are not "
              "trustworthy.\n")

    # Both sides at one thread count (see the module docstring for why 1 by default).
    t = args.threads if default_threads is not None else None
    textbook_ratio = core_best[t, 10] / book_best[t]
    torch_ratio = core_best[t, 10] / torch_best[t, 10] if torch is not None else None
    torch_ratio_100 = core_best[t, 100] / torch_best[t, 100] if torch is not None else None
    floor = flops / rate_best[t]
    floor_ratio = core_best[t, 1000] / floor
    threads = f"{t} thread(s)" if t is not None else "default threads"
    print(f"Ratios, core time / other time (below 1: core is faster), both sides at {threads}:")
    print(f"  textbook_ratio   mini-batch 10:   {textbook_ratio:.4f}  "
          f"(core is {1 / textbook_ratio:.1f}x faster than the textbook; the target is at least 20x)")
    if torch is not None:
        print(f"  torch_ratio      mini-batch 10:   {torch_ratio:.3f}")
        print(f"  torch_ratio_100  mini-batch 100:  {torch_ratio_100:.3f}")
    else:
        print("  torch_ratio, torch_ratio_100: null (torch is not installed)")
    print(f"  floor_ratio      mini-batch 1000: {floor_ratio:.2f}  "
          f"(core {core_best[t, 1000]:.4f} s against a floor of {floor:.4f} s)")
    wide_epoch_s = min(wide_t)
    wide_torch_ratio = wide_epoch_s / min(wide_torch_t) if wide_torch_t else None
    print(f"  wide: {'-'.join(map(str, WIDE))} at mini-batch {WIDE_BATCH}, {wide_threads} thread(s) as core "
          f"chooses: core {wide_epoch_s:.3f} s/epoch"
          + (f", PyTorch {min(wide_torch_t):.3f} s/epoch, wide_torch_ratio {wide_torch_ratio:.3f}"
             if wide_torch_t else ", PyTorch not installed") + f" (best of {len(wide_t)})")
    result = {
        "textbook_ratio": round(textbook_ratio, 4),
        "torch_ratio": None if torch_ratio is None else round(torch_ratio, 4),
        "torch_ratio_100": None if torch_ratio_100 is None else round(torch_ratio_100, 4),
        "floor_ratio": round(floor_ratio, 4),
        "wide_epoch_s": round(wide_epoch_s, 4),
        "wide_torch_ratio": None if wide_torch_ratio is None else round(wide_torch_ratio, 4),
    }
    print(json.dumps(result))
    return result


if __name__ == "__main__":
    main()

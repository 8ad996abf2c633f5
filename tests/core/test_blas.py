"""core.blas.add_product: the fused weight update W <- beta W + A^T D gives numpy's answer,
and one SGD step with it is the step of the separate product and add."""

import numpy as np
import pytest

from core import blas
from core.mlp import MLP, Backprop, get_cost


@pytest.mark.parametrize("dtype, tol", [(np.float32, 1e-5), (np.float64, 1e-12)])
@pytest.mark.parametrize("shape", [(20, 784, 800), (7, 600, 300), (3, 5, 4)])
@pytest.mark.parametrize("beta", [1.0, 0.999])
def test_add_product_is_beta_w_plus_a_transposed_d(dtype, tol, shape, beta):
    m, k, n = shape
    rng = np.random.default_rng(0)
    A = rng.random((m, k)).astype(dtype)
    D = rng.standard_normal((m, n)).astype(dtype)
    W = rng.standard_normal((k, n)).astype(dtype)
    expected = beta * W.astype(np.float64) + A.T.astype(np.float64) @ D.astype(np.float64)
    blas.add_product(A, D, W, beta, np.empty_like(W))
    assert W.dtype == dtype
    np.testing.assert_allclose(W, expected, rtol=tol, atol=tol * 10)


def test_the_fused_call_is_used_for_large_weights_here():
    assert blas.fused_available(np.float32) and blas.fused_available(np.float64)  # numpy's OpenBLAS


def test_an_sgd_step_with_the_fused_update_matches_the_gradient_and_add():
    rng = np.random.default_rng(1)
    model = MLP((784, 800, 10), rng=rng, init="scaled")
    X = rng.random((20, 784), dtype=np.float32)
    y = rng.integers(0, 10, 20)
    Y = model.one_hot(y)
    cost, eta, decay = get_cost("cross-entropy"), 0.5, 0.9999
    bp = Backprop(model, 20)
    expected = model.copy()
    bp_expected = Backprop(expected, 20)
    total_expected = bp_expected.run(X, Y, cost, scale=-eta / 20)
    for w, b, gw, gb in zip(expected.weights, expected.biases, bp_expected.grad_w, bp_expected.grad_b):
        w *= decay
        w += gw
        b += gb
    total = bp.step(X, Y, cost, eta, decay)
    assert total == pytest.approx(total_expected, rel=1e-6)
    for w, w_expected in zip(model.weights + model.biases, expected.weights + expected.biases):
        np.testing.assert_allclose(w, w_expected, rtol=1e-5, atol=1e-6)

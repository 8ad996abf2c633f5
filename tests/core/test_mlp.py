"""core.mlp: shapes, the sigmoid, backpropagation against finite differences, the L2 term,
and model files (round trip, atomic save, every bad file refused with ModelFileError)."""

import gc
import io
import json
import os
import stat
import sys
import warnings
import zipfile

import numpy as np
import pytest

import core.mlp
from core.mlp import MLP, ModelFileError, sigmoid

# -- shapes -----------------------------------------------------------------------------


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_output_shapes(dtype):
    model = MLP((784, 30, 10), rng=np.random.default_rng(0), dtype=dtype)
    assert [w.shape for w in model.weights] == [(784, 30), (30, 10)]
    assert [b.shape for b in model.biases] == [(30,), (10,)]
    assert all(p.dtype == dtype for p in model.weights + model.biases)

    X = np.random.default_rng(1).random((7, 784), dtype=np.float32)
    out = model.feedforward(X)
    assert out.shape == (7, 10) and out.dtype == dtype
    assert ((out >= 0) & (out <= 1)).all()
    np.testing.assert_array_equal(model.predict_proba(X), out)
    pred = model.predict(X)
    assert pred.shape == (7,) and pred.dtype == np.int64
    np.testing.assert_array_equal(pred, out.argmax(axis=1))
    assert model.feedforward(X[3][None, :]).shape == (1, 10)
    assert model.predict(X[:0]).shape == (0,)


def test_deeper_network_shapes():
    model = MLP((6, 5, 4, 3), rng=np.random.default_rng(0))
    assert model.feedforward(np.zeros((2, 6))).shape == (2, 3)


@pytest.mark.parametrize("shape", [(784,), (3, 783), (2, 28, 28)])
def test_wrong_input_shape(shape):
    model = MLP((784, 10, 10), rng=np.random.default_rng(0))
    with pytest.raises(ValueError):
        model.feedforward(np.zeros(shape))


@pytest.mark.parametrize("sizes", [(784,), (784, 0, 10), ()])
def test_bad_layer_sizes(sizes):
    with pytest.raises(ValueError):
        MLP(sizes)


# -- sigmoid ----------------------------------------------------------------------------


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_sigmoid_saturates_without_warnings(dtype):
    z = np.array([-1000.0, 0.0, 1000.0], dtype=dtype)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with np.errstate(all="raise"):
            a = sigmoid(z)
    assert a.dtype == dtype
    assert a.tolist() == [0.0, 0.5, 1.0]
    assert z.tolist() == [-1000.0, 0.0, 1000.0]  # input untouched without out=


def test_sigmoid_matches_the_logistic_function():
    z = np.linspace(-30, 30, 601)
    np.testing.assert_allclose(sigmoid(z), 1.0 / (1.0 + np.exp(-z)), rtol=1e-13, atol=1e-15)


def test_sigmoid_in_place():
    z = np.array([-2.0, 0.0, 2.0], dtype=np.float32)
    out = sigmoid(z, out=z)
    assert out is z
    np.testing.assert_allclose(z, 1 / (1 + np.exp(-np.array([-2.0, 0.0, 2.0]))), rtol=1e-6)


# -- backpropagation against central differences ----------------------------------------


def _numerical_gradients(model, X, y, cost, h=1e-5, l2=0.0, n_train=None):
    """Central differences of the mean cost (with its L2 term if l2 > 0) with respect to
    every weight and bias."""
    grads = []
    for params in (model.weights, model.biases):
        out = []
        for p in params:
            g = np.zeros_like(p)
            for index in np.ndindex(p.shape):
                saved = p[index]
                p[index] = saved + h
                up = model.cost(X, y, cost, l2=l2, n_train=n_train)
                p[index] = saved - h
                down = model.cost(X, y, cost, l2=l2, n_train=n_train)
                p[index] = saved
                g[index] = (up - down) / (2 * h)
            out.append(g)
        grads.append(out)
    return grads


def _relative_error(a, b):
    a, b = np.concatenate([x.ravel() for x in a]), np.concatenate([x.ravel() for x in b])
    return np.linalg.norm(a - b) / max(np.linalg.norm(a) + np.linalg.norm(b), 1e-300)


@pytest.mark.parametrize("sizes", [(5, 4, 3), (5, 4, 6, 3)], ids=["5-4-3", "5-4-6-3"])
@pytest.mark.parametrize("cost", ["quadratic", "cross-entropy"])
def test_gradient_check(cost, sizes):
    rng = np.random.default_rng(42)
    model = MLP(sizes, rng=rng, dtype=np.float64)
    X = rng.random((6, sizes[0]))
    y = rng.integers(0, sizes[-1], size=6)

    grad_w, grad_b = model.gradients(X, y, cost)
    num_w, num_b = _numerical_gradients(model, X, y, cost)

    assert [g.shape for g in grad_w] == [w.shape for w in model.weights]
    assert [g.shape for g in grad_b] == [b.shape for b in model.biases]
    assert _relative_error(grad_w + grad_b, num_w + num_b) < 1e-6
    for g, n in zip(grad_w + grad_b, num_w + num_b):
        np.testing.assert_allclose(g, n, rtol=1e-5, atol=1e-9)


def test_gradient_of_a_single_sample():
    rng = np.random.default_rng(3)
    model = MLP((5, 4, 3), rng=rng, dtype=np.float64)
    X, y = rng.random((1, 5)), np.array([2])
    grad_w, grad_b = model.gradients(X, y, "cross-entropy")
    num_w, num_b = _numerical_gradients(model, X, y, "cross-entropy")
    assert _relative_error(grad_w + grad_b, num_w + num_b) < 1e-6


@pytest.mark.parametrize("cost", ["quadratic", "cross-entropy"])
def test_cost_values(cost):
    """The costs of Nielsen's eq. 6 and eq. 63, averaged over samples, computed by hand."""
    rng = np.random.default_rng(5)
    model = MLP((5, 4, 3), rng=rng, dtype=np.float64)
    X, y = rng.random((4, 5)), np.array([0, 2, 1, 2])
    a, Y = model.feedforward(X), np.eye(3)[y]
    if cost == "quadratic":
        expected = np.sum((a - Y) ** 2) / 2 / 4
    else:
        expected = -np.sum(Y * np.log(a) + (1 - Y) * np.log(1 - a)) / 4
    assert model.cost(X, y, cost) == pytest.approx(expected, rel=1e-12)


def test_l2_term():
    rng = np.random.default_rng(7)
    model = MLP((5, 4, 3), rng=rng, dtype=np.float64)
    X, y = rng.random((6, 5)), rng.integers(0, 3, size=6)
    lam, n = 2.5, 1000
    expected = lam / (2 * n) * sum(float((w**2).sum()) for w in model.weights)
    for cost in ("quadratic", "cross-entropy"):
        extra = model.cost(X, y, cost, l2=lam, n_train=n) - model.cost(X, y, cost)
        assert extra == pytest.approx(expected, rel=1e-10)
    # n defaults to the number of rows
    extra = model.cost(X, y, l2=lam) - model.cost(X, y)
    assert extra == pytest.approx(lam / (2 * 6) * sum(float((w**2).sum()) for w in model.weights), rel=1e-10)


@pytest.mark.parametrize("cost", ["quadratic", "cross-entropy"])
def test_gradient_check_with_l2(cost):
    """The regularised cost C + lambda/(2n) sum w^2 (ch. 3, eq. 85): backprop plus lambda/n w
    against central differences of MLP.cost with the same l2 and n."""
    rng = np.random.default_rng(11)
    model = MLP((5, 4, 3), rng=rng, dtype=np.float64)
    X, y = rng.random((6, 5)), rng.integers(0, 3, size=6)
    lam, n = 5.0, 40
    grad_w, grad_b = model.gradients(X, y, cost, l2=lam, n_train=n)
    num_w, num_b = _numerical_gradients(model, X, y, cost, l2=lam, n_train=n)
    assert _relative_error(grad_w + grad_b, num_w + num_b) < 1e-6
    plain_w, plain_b = model.gradients(X, y, cost)
    for g, p, w in zip(grad_w, plain_w, model.weights):
        np.testing.assert_allclose(g - p, lam / n * w, rtol=1e-12)  # the L2 part
    for g, p in zip(grad_b, plain_b):
        np.testing.assert_array_equal(g, p)  # biases are not regularised


@pytest.mark.parametrize("cost", ["quadratic", "cross-entropy"])
def test_sgd_step_with_weight_decay_is_a_step_down_the_regularised_gradient(cost):
    """Nielsen ch. 3, eq. 93: w -> (1 - eta lambda/n) w - eta/m sum dC_x/dw is exactly
    w - eta * grad(C + L2 term) for the mean cost over the mini-batch."""
    from core.mlp import COSTS, Backprop
    from core.sgd import sgd_step

    rng = np.random.default_rng(12)
    model = MLP((5, 4, 3), rng=rng, dtype=np.float64)
    X, y = rng.random((6, 5)), rng.integers(0, 3, size=6)
    eta, lam, n = 0.7, 5.0, 40
    grad_w, grad_b = model.gradients(X, y, cost, l2=lam, n_train=n)
    expected = [w - eta * g for w, g in zip(model.weights, grad_w)] + \
               [b - eta * g for b, g in zip(model.biases, grad_b)]
    sgd_step(Backprop(model, 6), X, model.one_hot(y), COSTS[cost], eta, weight_decay=1 - eta * lam / n)
    for got, want in zip(model.weights + model.biases, expected):
        np.testing.assert_allclose(got, want, rtol=1e-12, atol=1e-14)


# -- model files: round trip and atomic save --------------------------------------------


def _model(dtype=np.float64, binarize=None, sizes=(5, 4, 3)):
    model = MLP(sizes, rng=np.random.default_rng(11), dtype=dtype, binarize=binarize)
    model.metadata.update(note="tiny", history=[{"epoch": 1, "cost": 0.25, "test_accuracy": None}],
                          config={"layer_sizes": list(sizes), "learning_rate": 3.0})
    return model


@pytest.mark.parametrize("binarize", [None, 0.3])
@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_save_load_round_trip(tmp_path, dtype, binarize):
    model = _model(dtype, binarize)
    path = tmp_path / "model.npz"
    model.save(path)

    back = MLP.load(path)

    assert back.layer_sizes == model.layer_sizes
    assert back.dtype == dtype
    assert back.binarize == binarize
    assert back.metadata == model.metadata
    for a, b in zip(back.weights + back.biases, model.weights + model.biases):
        assert a.dtype == b.dtype and a.shape == b.shape
        np.testing.assert_array_equal(a, b)
    X = np.random.default_rng(0).random((4, 5))
    np.testing.assert_array_equal(back.feedforward(X), model.feedforward(X))


def test_save_leaves_no_temporary_files_and_replaces(tmp_path):
    path = tmp_path / "model.npz"
    first = _model(sizes=(5, 4, 3))
    first.save(path)
    assert sorted(os.listdir(tmp_path)) == ["model.npz"]

    second = MLP((5, 7, 3), rng=np.random.default_rng(99), dtype=np.float64)
    second.save(path)
    assert sorted(os.listdir(tmp_path)) == ["model.npz"]
    back = MLP.load(path)
    assert back.layer_sizes == (5, 7, 3)
    np.testing.assert_array_equal(back.weights[0], second.weights[0])


def test_saved_file_has_the_umask_permissions(tmp_path):
    path = tmp_path / "model.npz"
    _model().save(path)
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE(path.stat().st_mode) == 0o666 & ~umask


def test_save_keeps_the_exact_name(tmp_path):
    path = tmp_path / "model-without-suffix"
    _model().save(path)
    assert sorted(os.listdir(tmp_path)) == ["model-without-suffix"]
    assert MLP.load(path).layer_sizes == (5, 4, 3)


def test_failed_save_keeps_the_old_file_and_leaves_no_temporary(tmp_path, monkeypatch):
    path = tmp_path / "model.npz"
    _model().save(path)
    before = path.read_bytes()

    def broken_savez(file, **arrays):
        file.write(b"PK\x03\x04 half a model")
        raise OSError("disk full")

    monkeypatch.setattr(core.mlp.np, "savez", broken_savez)
    with pytest.raises(OSError, match="disk full"):
        MLP((5, 2, 3), rng=np.random.default_rng(0)).save(path)

    assert sorted(os.listdir(tmp_path)) == ["model.npz"]
    assert path.read_bytes() == before


def test_unserialisable_metadata_keeps_the_old_file(tmp_path):
    path = tmp_path / "model.npz"
    _model().save(path)
    before = path.read_bytes()
    model = _model()
    model.metadata["bad"] = object()
    with pytest.raises(TypeError):
        model.save(path)
    assert sorted(os.listdir(tmp_path)) == ["model.npz"]
    assert path.read_bytes() == before


# -- model files: refusal ---------------------------------------------------------------


def _arrays(model):
    """The arrays MLP.save writes, as a dict, for building altered files."""
    meta = dict(model.metadata)
    meta.update(format="mnist-gui-mlp", format_version=1, layer_sizes=list(model.layer_sizes),
                dtype=str(model.dtype), binarize=model.binarize)
    arrays = {"metadata": np.array(json.dumps(meta))}
    for i, (w, b) in enumerate(zip(model.weights, model.biases)):
        arrays[f"weights_{i}"], arrays[f"biases_{i}"] = w, b
    return arrays


def _with(**changes):
    """A builder writing the model's arrays with some replaced (None removes an array)."""
    def build(path):
        arrays = _arrays(_model())
        for name, value in changes.items():
            if value is None:
                arrays.pop(name)
            else:
                arrays[name] = value
        np.savez(path, **arrays)
    return build


def _with_meta(**changes):
    def build(path):
        arrays = _arrays(_model())
        meta = json.loads(str(arrays["metadata"][()]))
        meta.update(changes)
        arrays["metadata"] = np.array(json.dumps(meta))
        np.savez(path, **arrays)
    return build


def _truncated(fraction):
    def build(path):
        _model().save(path)
        raw = path.read_bytes()
        path.write_bytes(raw[:int(len(raw) * fraction)])
    return build


def test_altered_file_builder_writes_a_loadable_model(tmp_path):
    """The refusal tests below build files like save's; unaltered, such a file loads."""
    path = tmp_path / "model.npz"
    _with()(path)
    back = MLP.load(path)
    np.testing.assert_array_equal(back.weights[1], _model().weights[1])
    assert back.metadata == _model().metadata


def _zip_of(members):
    def build(path):
        with zipfile.ZipFile(path, "w") as z:
            for name, data in members.items():
                z.writestr(name, data)
    return build


BAD_FILES = {
    "pickled-object-array": (_with(weights_0=np.array([{"code": "print('hi')"}, None], dtype=object)), "pickle"),
    "pickled-metadata": (_with(metadata=np.array([{"format": "mnist-gui-mlp"}], dtype=object)), "pickle"),
    "text-file": (lambda p: p.write_text("weights: 1 2 3\nbiases: 4 5 6\n"), ".npz"),
    "empty-file": (lambda p: p.write_bytes(b""), ".npz"),
    "npy-not-npz": (lambda p: np.save(str(p) + ".npy", np.zeros(3)) or os.replace(str(p) + ".npy", p), ".npz"),
    "truncated-1%": (_truncated(0.01), "truncated"),
    "truncated-half": (_truncated(0.5), "truncated"),
    "truncated-99%": (_truncated(0.99), "truncated"),
    "wrong-weight-shape": (_with(weights_0=np.zeros((4, 5))), "weights_0"),
    "wrong-bias-shape": (_with(biases_1=np.zeros((4,))), "biases_1"),
    "missing-weights": (_with(weights_1=None), "weights_1"),
    "missing-biases": (_with(biases_0=None), "biases_0"),
    "missing-metadata": (_with(metadata=None), "metadata"),
    "extra-array": (_with(weights_2=np.zeros((3, 2))), "weights_2"),
    "nan-weights": (_with(biases_1=np.array([0.0, np.nan, 1.0])), "NaN"),
    "integer-weights": (_with(weights_1=np.zeros((4, 3), dtype=np.int64)), "weights_1"),
    "metadata-not-json": (_with(metadata=np.array("{not json")), "JSON"),
    "metadata-a-list": (_with(metadata=np.array("[1, 2]")), "format"),
    "other-format": (_with_meta(format="keras"), "format"),
    "newer-version": (_with_meta(format_version=99), "version"),
    "bad-layer-sizes": (_with_meta(layer_sizes=[5, 0, 3]), "layer_sizes"),
    "bad-dtype": (_with_meta(dtype="int8"), "dtype"),
    "bad-binarize": (_with_meta(binarize=1.5), "binarize"),
    "zip-without-arrays": (_zip_of({"README.txt": b"hello"}), ""),
}


def _unclosed_files(monkeypatch):
    """Collect the objects finalised without being closed (ResourceWarning) from here on.

    Returns a function that forces a garbage collection and returns what was collected.
    Used so that a file handle leaked by a failed load is reported by the test about
    leaks (test_failed_load_closes_the_file), not by whichever later test happens to run
    the garbage collector.
    """
    caught = []
    monkeypatch.setattr(sys, "unraisablehook", lambda u: caught.append(repr(u.object)))

    def collect():
        gc.collect()
        return caught
    return collect


@pytest.mark.parametrize("name", list(BAD_FILES))
def test_bad_model_files_are_refused_clearly(tmp_path, monkeypatch, name):
    build, fragment = BAD_FILES[name]
    path = tmp_path / "model.npz"
    build(path)
    unclosed = _unclosed_files(monkeypatch)
    with pytest.raises(ModelFileError) as info:
        MLP.load(path)
    assert isinstance(info.value, ValueError)
    message = str(info.value)
    assert str(path) in message
    assert fragment.lower() in message.lower()
    del info
    unclosed()  # leaks are test_failed_load_closes_the_file's business


@pytest.mark.parametrize("fraction", [0.01, 0.5, 0.99])
def test_failed_load_closes_the_file(tmp_path, monkeypatch, fraction):
    path = tmp_path / "model.npz"
    _truncated(fraction)(path)
    unclosed = _unclosed_files(monkeypatch)
    with pytest.raises(ModelFileError) as info:
        MLP.load(path)
    del info
    assert unclosed() == [], "MLP.load left the model file open after refusing it"


def test_missing_model_file(tmp_path):
    with pytest.raises(FileNotFoundError):
        MLP.load(tmp_path / "absent.npz")


def _huge_shape_member(path):
    """A well-formed zip whose weights_0.npy header claims 2**40 float64s (8 TiB)."""
    arrays = _arrays(_model())
    header = io.BytesIO()
    np.lib.format.write_array_header_1_0(header, {"descr": "<f8", "fortran_order": False, "shape": (2**40,)})
    members = {}
    for name, array in arrays.items():
        buf = io.BytesIO()
        np.save(buf, array)
        members[f"{name}.npy"] = buf.getvalue()
    members["weights_0.npy"] = header.getvalue() + bytes(64)
    _zip_of(members)(path)


def _garbage_member(path):
    """A zip of the model's .npy members, one of which is not .npy data at all."""
    members = {}
    for name, array in _arrays(_model()).items():
        buf = io.BytesIO()
        np.save(buf, array)
        members[f"{name}.npy"] = buf.getvalue()
    members["weights_0.npy"] = b"these bytes are not an array"
    _zip_of(members)(path)


CRAFTED_FILES = {
    "member-not-npy": _garbage_member,
    "format-version-string": _with_meta(format_version="2"),
    "format-version-null": _with_meta(format_version=None),
    "deeply-nested-metadata": _with(metadata=np.array("[" * 100_000 + "]" * 100_000)),
    "huge-declared-shape": _huge_shape_member,
}


@pytest.mark.parametrize("name", list(CRAFTED_FILES))
def test_crafted_model_files_raise_only_model_file_error(tmp_path, monkeypatch, name):
    """A failed load raises ModelFileError (or FileNotFoundError), never anything else."""
    path = tmp_path / "model.npz"
    CRAFTED_FILES[name](path)
    unclosed = _unclosed_files(monkeypatch)
    with pytest.raises(ModelFileError) as info:
        MLP.load(path)
    assert str(path) in str(info.value)
    del info
    unclosed()


def test_damaged_model_files_raise_only_model_file_error(tmp_path, monkeypatch):
    """Truncations, and single-bit damage to every byte of the zip's central directory
    (plus random damage elsewhere), either still load (the damage missed everything that
    matters) or raise ModelFileError."""
    good = tmp_path / "good.npz"
    _model().save(good)
    raw = good.read_bytes()
    directory_start = int.from_bytes(raw[-6:-2], "little")  # from the end-of-central-directory record
    assert raw[directory_start:directory_start + 4] == b"PK\x01\x02"
    variants = [("truncated", n, raw[:n]) for n in range(0, len(raw), 7)]
    rng = np.random.default_rng(2024)
    positions = list(range(directory_start, len(raw))) + rng.integers(0, directory_start, size=150).tolist()
    for position in positions:
        for bit in (0x01, 0x80):
            damaged = bytearray(raw)
            damaged[position] ^= bit
            variants.append((f"bit {bit:#04x} flipped", position, bytes(damaged)))

    path = tmp_path / "damaged.npz"
    unclosed = _unclosed_files(monkeypatch)
    surprises = []
    for how, where, data in variants:
        path.write_bytes(data)
        try:
            MLP.load(path)
        except ModelFileError:
            pass
        except Exception as exc:  # noqa: BLE001 - the test is that nothing else escapes
            surprises.append(f"{how} at {where}: {type(exc).__name__}: {exc}")
    unclosed()  # leaks are test_failed_load_closes_the_file's business
    assert not surprises, f"{len(surprises)} of {len(variants)} damaged files:\n" + "\n".join(surprises[:20])


def test_a_seed_draws_the_same_network_in_float32_and_float64():
    """The dtype changes the arithmetic, not the random draw (weights are drawn in float64
    and rounded), so float32 and float64 runs of one seed start from the same network."""
    for init in ("normal", "scaled"):
        a = MLP((784, 30, 10), rng=np.random.default_rng(4), init=init, dtype=np.float32)
        b = MLP((784, 30, 10), rng=np.random.default_rng(4), init=init, dtype=np.float64)
        for pa, pb in zip(a.weights + a.biases, b.weights + b.biases):
            assert pa.dtype == np.float32 and pb.dtype == np.float64
            np.testing.assert_array_equal(pa, pb.astype(np.float32))


def test_a_very_wide_network_is_fed_forward_in_fewer_rows_with_the_same_result():
    assert MLP((784, 800, 10), rng=np.random.default_rng(0)).chunk_rows() == core.mlp.FEEDFORWARD_CHUNK
    wide = MLP((784, 100_000, 10), rng=np.random.default_rng(0))
    assert wide.chunk_rows() == 100  # 10,000 rows would hold 4 GB of hidden activations
    small = MLP((20, 50, 3), rng=np.random.default_rng(1))
    X = np.random.default_rng(2).random((35, 20), dtype=np.float32)
    whole = small.feedforward(X)
    core.mlp.FEEDFORWARD_VALUES, saved = 50 * 8, core.mlp.FEEDFORWARD_VALUES  # 8 rows at a time
    try:
        assert small.chunk_rows() == 8
        assert np.allclose(small.feedforward(X), whole, rtol=1e-6, atol=1e-7)
    finally:
        core.mlp.FEEDFORWARD_VALUES = saved


def test_evaluate_can_be_abandoned_between_chunks():
    from core.metrics import evaluate

    model = MLP((20, 50, 10), rng=np.random.default_rng(1))
    X = np.random.default_rng(2).random((300, 20), dtype=np.float32)
    y = np.arange(300) % 10
    full = evaluate(model, X, y)
    asked = []
    assert evaluate(model, X, y, should_stop=lambda: asked.append(1) or False).accuracy == full.accuracy
    assert len(asked) == 1  # 300 rows: one chunk
    assert evaluate(model, X, y, should_stop=lambda: True) is None

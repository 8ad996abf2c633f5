"""A damaged model file never stops the app (issue 11): given with ``--model`` it starts with
the bundled network and a message naming the file and the problem; through File > Open
Model it shows a message box and keeps the current network."""

import io
import json
import zipfile
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtWidgets import QFileDialog

from core.mlp import MLP
from core.paths import default_model_path


def _byte_129(path: Path) -> None:
    """The bundled model with the ``}`` closing its metadata's .npy header made a space."""
    raw = bytearray(default_model_path().read_bytes())
    raw[raw.index(b"}")] = ord(" ")
    path.write_bytes(raw)


def _members(model: MLP, biases_0=None) -> dict[str, np.ndarray]:
    meta = dict(model.metadata, format="mnist-gui-mlp", format_version=1, layer_sizes=list(model.layer_sizes),
                dtype=str(model.dtype), binarize=model.binarize)
    arrays = {"metadata": np.array(json.dumps(meta))}
    for i, (w, b) in enumerate(zip(model.weights, model.biases)):
        arrays[f"weights_{i}"], arrays[f"biases_{i}"] = w, b
    if biases_0 is not None:
        arrays["biases_0"] = biases_0
    return arrays


def _damaged_deflate(path: Path) -> None:
    """A compressed model whose weights' deflate data has bytes changed (zlib.error before)."""
    model = MLP((784, 30, 10), rng=np.random.default_rng(0))
    np.savez_compressed(path, **_members(model))
    raw = bytearray(path.read_bytes())
    with zipfile.ZipFile(io.BytesIO(bytes(raw))) as z:
        info = z.getinfo("weights_0.npy")
    start = info.header_offset + 30 + len(info.filename) + len(info.extra) + 100  # inside the data
    raw[start:start + 8] = b"\xff" * 8
    path.write_bytes(raw)


def _huge_biases(path: Path) -> None:
    """float64 biases of 1e300 in a float32 model: inf once cast (loaded before)."""
    model = MLP((784, 30, 10), rng=np.random.default_rng(0))
    np.savez(path, **_members(model, biases_0=np.full(30, 1e300)))


def _string_history(path: Path) -> None:
    """Valid JSON, but a history row of strings: the runs table crashed (a segfault)."""
    model = MLP((784, 30, 10), rng=np.random.default_rng(0))
    model.metadata["history"] = [{"epoch": "x", "cost": "y", "test_accuracy": "z"}]
    np.savez(path, **_members(model))


DAMAGED = {"byte-129": (_byte_129, "header"), "damaged-deflate": (_damaged_deflate, "weights_0"),
           "1e300-biases": (_huge_biases, "infinite"), "string-history": (_string_history, "'epoch' 'x'")}


@pytest.mark.parametrize("name", list(DAMAGED))
def test_a_damaged_model_on_the_command_line_starts_the_bundled_network_with_a_message(
        qtbot, settings, monkeypatch, tmp_path, name):
    from mnist_gui.main_window import MainWindow

    build, fragment = DAMAGED[name]
    path = tmp_path / f"{name}.npz"
    build(path)
    errors = []
    monkeypatch.setattr(MainWindow, "_show_error", lambda self, title, text: errors.append((title, text)))
    w = MainWindow(settings=settings, model_path=path)
    qtbot.addWidget(w)
    bundled = MLP.load(default_model_path())
    assert w.session.model.layer_sizes == bundled.layer_sizes
    np.testing.assert_array_equal(w.session.model.weights[0], bundled.weights[0])
    qtbot.waitUntil(lambda: bool(errors), timeout=5000)  # shown once the event loop runs
    title, text = errors[0]
    assert title == "Cannot open model"
    assert str(path) in text and fragment in text and "bundled network" in text
    qtbot.waitUntil(lambda: not w.session.loading, timeout=20_000)


def test_opening_a_damaged_model_shows_a_message_and_keeps_the_current_network(window, monkeypatch, tmp_path):
    for name, (build, fragment) in DAMAGED.items():
        path = tmp_path / f"{name}.npz"
        build(path)
        before, name_before = window.session.model, window.session.model_name
        runs_before = len(window.session.runs)
        monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, path=path, **k: (str(path), ""))
        window.open_action.trigger()  # File > Open Model...
        assert window.session.model is before and window.session.model_name == name_before
        assert len(window.session.runs) == runs_before
        title, text = window.errors[-1]
        assert title == "Cannot open model"
        assert str(path) in text and fragment in text and "unchanged" in text

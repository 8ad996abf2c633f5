"""Damaged, crafted and hostile model files (issue 11): ``MLP.load`` returns a well-formed
model or raises ModelFileError naming the file, never anything else, never a warning, and
never inflates more than a model's shapes need (a compressed bomb is refused at its header).

Zip archives are written by hand here (:func:`_zip`) where ``zipfile`` would refuse or warn
(duplicate names, wrong sizes, flags, precompressed bomb data)."""

import io
import json
import struct
import tracemalloc
import warnings
import zipfile
import zlib
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from core.mlp import MLP, ModelFileError
from core.model_file import MAX_HEADER_BYTES, MAX_METADATA_BYTES, read_model_bytes
from core.paths import default_model_path

OLD = Path(__file__).parent.parent / "data" / "model-format1-v0.1.0.npz"
QUICK = settings(max_examples=300, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])


# -- building files ---------------------------------------------------------------------


def _model(dtype=np.float32, sizes=(5, 4, 3)):
    model = MLP(sizes, rng=np.random.default_rng(11), dtype=dtype, binarize=0.25)
    model.metadata.update(history=[{"epoch": 1, "cost": 0.25}], config={"learning_rate": 3.0})
    return model


def _meta(model, **changes):
    meta = dict(model.metadata)
    meta.update(format="mnist-gui-mlp", format_version=1, layer_sizes=list(model.layer_sizes),
                dtype=str(model.dtype), binarize=model.binarize)
    meta.update(changes)
    return meta


def _npy(array) -> bytes:
    buf = io.BytesIO()
    np.save(buf, array, allow_pickle=True)
    return buf.getvalue()


def _members(model, **changes) -> dict[str, bytes]:
    """The ``.npy`` members MLP.save writes, by array name, some replaced by raw bytes."""
    members = {"metadata": _npy(np.array(json.dumps(_meta(model))))}
    for i, (w, b) in enumerate(zip(model.weights, model.biases)):
        members[f"weights_{i}"], members[f"biases_{i}"] = _npy(w), _npy(b)
    members.update(changes)
    return members


def _npy_header(header: str, version=(1, 0), data=b"") -> bytes:
    """A ``.npy`` member with the header text given as is."""
    text = header.encode("latin1")
    size = struct.pack("<H" if version[0] == 1 else "<I", len(text))
    return b"\x93NUMPY" + bytes(version) + size + text + data


def _deflate(data: bytes) -> bytes:
    c = zlib.compressobj(6, zlib.DEFLATED, -zlib.MAX_WBITS)
    return c.compress(data) + c.flush()


def _entry(name, payload=b"", method=zipfile.ZIP_STORED, *, raw=None, crc=None, size=None, flags=0):
    """One member for :func:`_zip`: its uncompressed ``payload`` (stored or deflated), or
    ``raw`` compressed bytes with the CRC and size the entry should declare."""
    if raw is None:
        raw = payload if method == zipfile.ZIP_STORED else _deflate(payload)
    return {"name": name.encode(), "raw": raw, "method": method, "flags": flags,
            "crc": zlib.crc32(payload) if crc is None else crc, "size": len(payload) if size is None else size}


def _zip(entries) -> bytes:
    """A zip archive of :func:`_entry` members, exactly as given (APPNOTE 4.3)."""
    out, central = bytearray(), bytearray()
    for e in entries:
        offset = len(out)
        out += struct.pack("<4s5H3L2H", b"PK\x03\x04", 20, e["flags"], e["method"], 0, 0x21, e["crc"],
                           len(e["raw"]), e["size"], len(e["name"]), 0) + e["name"] + e["raw"]
        central += struct.pack("<4s6H3L5H2L", b"PK\x01\x02", 20, 20, e["flags"], e["method"], 0, 0x21, e["crc"],
                               len(e["raw"]), e["size"], len(e["name"]), 0, 0, 0, 0, 0, offset) + e["name"]
    eocd = struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, len(entries), len(entries), len(central), len(out), 0)
    return bytes(out + central + eocd)


def _archive(members: dict[str, bytes], method=zipfile.ZIP_STORED) -> bytes:
    return _zip([_entry(f"{name}.npy", data, method) for name, data in members.items()])


def _written(model=None, compression=zipfile.ZIP_STORED) -> bytes:
    """The bytes of a model file written with ``zipfile`` and the given compression."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=compression) as z:
        for name, data in _members(model or _model()).items():
            z.writestr(f"{name}.npy", data)
    return buf.getvalue()


def _data_range(raw: bytes, member: str) -> range:
    """Where the (possibly compressed) data of ``member`` lies in the archive ``raw``."""
    with zipfile.ZipFile(io.BytesIO(raw)) as z:
        info = z.getinfo(member)
    name_len, extra_len = struct.unpack("<2H", raw[info.header_offset + 26:info.header_offset + 30])
    start = info.header_offset + 30 + name_len + extra_len
    return range(start, start + info.compress_size)


def _refused(data: bytes, name="model.npz", fragment="") -> str:
    with pytest.raises(ModelFileError) as info:
        read_model_bytes(data, name)
    message = str(info.value)
    assert name in message and fragment.lower() in message.lower(), message
    return message


def _outcome(data: bytes, name="fuzz.npz") -> str:
    """Load ``data``: "model" (well formed: checked here) or "refused" (ModelFileError
    naming the file); anything else raised fails, and so does any warning."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            model = read_model_bytes(data, name)
        except ModelFileError as exc:
            assert name in str(exc)
            outcome = "refused"
        else:
            assert isinstance(model, MLP) and len(model.layer_sizes) >= 2
            assert len(model.weights) == len(model.biases) == len(model.layer_sizes) - 1
            for l, (w, b) in enumerate(zip(model.weights, model.biases)):
                assert w.shape == model.layer_sizes[l:l + 2] and b.shape == (model.layer_sizes[l + 1],)
                assert w.dtype == b.dtype == model.dtype and model.dtype in (np.float32, np.float64)
            assert model.params_finite()
            outcome = "model"
    assert not caught, [str(w.message) for w in caught]
    return outcome


def _assert_same(a: MLP, b: MLP) -> None:
    assert a.layer_sizes == b.layer_sizes and a.metadata == b.metadata and a.binarize == b.binarize
    for x, y in zip(a.weights + a.biases, b.weights + b.biases):
        assert x.dtype == y.dtype and x.tobytes() == y.tobytes()


# -- the files that escaped in issue 11 --------------------------------------------------


def test_the_bundled_model_with_its_metadata_header_unclosed_is_refused(tmp_path):
    """Issue 11's one byte: the ``}`` closing the metadata member's .npy header, turned into
    a space (byte 129 of the file then, 130 now: the descriptor '<U18571' grew a digit).
    numpy's header parser raised tokenize.TokenError."""
    raw = bytearray(default_model_path().read_bytes())
    at = raw.index(b"}")
    assert raw[at - 40:at].endswith(b"'shape': (), ") and at < 200  # inside the first member's header
    raw[at] = ord(" ")
    path = tmp_path / "default-model.npz"
    path.write_bytes(raw)
    with pytest.raises(ModelFileError, match="metadata has a damaged .npy header") as info:
        MLP.load(path)
    assert str(path) in str(info.value)


def test_damaged_deflate_data_in_a_compressed_npz_is_refused(tmp_path):
    """np.savez_compressed writes deflated members; bytes changed inside their data gave
    zlib.error ("invalid distance too far back", "invalid block type", ...)."""
    path = tmp_path / "compressed.npz"
    model = _model(sizes=(30, 20, 10))
    np.savez_compressed(path, **{name: np.load(io.BytesIO(data)) for name, data in _members(model).items()})
    raw = path.read_bytes()
    assert MLP.load(path).layer_sizes == (30, 20, 10)  # undamaged, it loads
    rng = np.random.default_rng(5)
    outcomes = []
    for member in ("metadata.npy", "weights_0.npy", "biases_1.npy"):
        span = _data_range(raw, member)
        for position in rng.choice(span, size=min(60, len(span)), replace=False):
            damaged = bytearray(raw)
            damaged[position] ^= 0xFF
            if _outcome(bytes(damaged)) == "model":  # the damage missed the data (a padding bit):
                _assert_same(read_model_bytes(bytes(damaged), "m.npz"), model)  # then nothing changed
            else:
                outcomes.append("refused")
    assert len(outcomes) >= 170  # a CRC or a size notices the rest


@pytest.mark.parametrize("method", [zipfile.ZIP_BZIP2, zipfile.ZIP_LZMA])
def test_bzip2_and_lzma_members_load_and_their_damage_is_refused(method):
    """zipfile writes bzip2 and LZMA members; undamaged they load (as np.load read them),
    damaged they raised OSError, EOFError or _lzma.LZMAError."""
    model = _model(sizes=(30, 20, 10))
    raw = _written(model, method)
    back = read_model_bytes(raw, "packed.npz")
    for a, b in zip(back.weights + back.biases, model.weights + model.biases):
        np.testing.assert_array_equal(a, b)
    rng = np.random.default_rng(6)
    outcomes = []
    for member in ("metadata.npy", "weights_0.npy"):
        span = _data_range(raw, member)
        for position in rng.choice(span, size=min(40, len(span)), replace=False):
            for change in (0x01, 0xFF):
                damaged = bytearray(raw)
                damaged[position] ^= change
                outcomes.append(_outcome(bytes(damaged)))
        # and cut short: the compressed stream ends early
        outcomes.append(_outcome(_zip([_entry(f"{n}.npy", d, zipfile.ZIP_STORED) for n, d in _members(model).items()
                                       if n != "weights_0"] + [_truncated_member(raw, "weights_0.npy")])))
    assert set(outcomes) == {"refused"}


def _truncated_member(raw: bytes, member: str) -> dict:
    """``member`` of ``raw`` with its compressed data cut in half (sizes and CRC kept)."""
    with zipfile.ZipFile(io.BytesIO(raw)) as z:
        info = z.getinfo(member)
    span = _data_range(raw, member)
    return {"name": member.encode(), "raw": raw[span.start:span.start + len(span) // 2], "method": info.compress_type,
            "flags": 0, "crc": info.CRC, "size": info.file_size}


CRAFTED_HEADERS = {
    "shape-10**30": ("{'descr': '<f4', 'fortran_order': False, 'shape': (10**30,), }", "damaged .npy header"),
    "shape-literal-10**30": (f"{{'descr': '<f4', 'fortran_order': False, 'shape': ({10**30},), }}", "shape"),
    "shape-huge-2d": (f"{{'descr': '<f8', 'fortran_order': False, 'shape': ({2**62}, {2**62}), }}", "shape"),
    "negative-shape": ("{'descr': '<f4', 'fortran_order': False, 'shape': (-5, -4), }", "shape"),
    "negative-product": ("{'descr': '<f4', 'fortran_order': False, 'shape': (-5, 4), }", "shape"),
    "shape-a-list": ("{'descr': '<f4', 'fortran_order': False, 'shape': [5, 4], }", "damaged .npy header"),
    "shape-an-int": ("{'descr': '<f4', 'fortran_order': False, 'shape': 20, }", "damaged .npy header"),
    "shape-of-floats": ("{'descr': '<f4', 'fortran_order': False, 'shape': (5.0, 4.0), }", "damaged .npy header"),
    "descr-garbage": ("{'descr': '<zz9', 'fortran_order': False, 'shape': (5, 4), }", "not floating point"),
    "descr-an-int": ("{'descr': 12, 'fortran_order': False, 'shape': (5, 4), }", "damaged .npy header"),
    "descr-structured": ("{'descr': [('a', '<f4')], 'fortran_order': False, 'shape': (5, 4), }", "dtype"),
    "descr-huge-string": ("{'descr': '<U99999999999', 'fortran_order': False, 'shape': (5, 4), }", ""),
    "descr-deprecated-alias": ("{'descr': 'a', 'fortran_order': False, 'shape': (5, 4), }", "not floating point"),
    "descr-object": ("{'descr': '|O', 'fortran_order': False, 'shape': (5, 4), }", "pickle"),
    "fortran-order-a-string": ("{'descr': '<f4', 'fortran_order': 'yes', 'shape': (5, 4), }", "damaged .npy header"),
    "fortran-order-an-int": ("{'descr': '<f4', 'fortran_order': 1, 'shape': (5, 4), }", "damaged .npy header"),
    "missing-key": ("{'descr': '<f4', 'shape': (5, 4), }", "damaged .npy header"),
    "extra-key": ("{'descr': '<f4', 'fortran_order': False, 'shape': (5, 4), 'x': 1}", "damaged .npy header"),
    "not-a-dict": ("[1, 2, 3]", "damaged .npy header"),
    "unclosed": ("{'descr': '<f4', 'fortran_order': False, 'shape': (5, 4), ", "damaged .npy header"),
    "python-2-style": ("{'descr': '<f4', 'fortran_order': False, 'shape': (5L, 4L), }", "damaged .npy header"),
    "deeply-nested": ("{'descr': '<f4', 'fortran_order': False, 'shape': " + "(" * 3000 + ")" * 3000 + "}",
                      "damaged .npy header"),
    "not-text": ("\x00\xff\x93{", "damaged .npy header"),
}


@pytest.mark.parametrize("name", list(CRAFTED_HEADERS))
def test_crafted_npy_headers_are_refused(name):
    header, fragment = CRAFTED_HEADERS[name]
    members = _members(_model(), weights_0=_npy_header(header, data=bytes(80)))
    _refused(_archive(members), fragment=fragment)


def test_a_header_of_huge_length_is_refused_before_it_is_read():
    """Version 2.0 headers have a 4-byte length: 4 GB claimed is refused, not read."""
    member = b"\x93NUMPY\x02\x00" + struct.pack("<I", 2**32 - 16) + b"{" + bytes(100)
    _refused(_archive(_members(_model(), weights_0=member)), fragment=f"at most {MAX_HEADER_BYTES:,}")
    member = b"\x93NUMPY\x01\x00" + struct.pack("<H", 65535) + b"{'descr': '<f4', " + b" " * 65518
    _refused(_archive(_members(_model(), weights_0=member)), fragment="header of 65,535 bytes")


@pytest.mark.parametrize("version", [(3, 0), (0, 9), (255, 255)])
def test_other_npy_format_versions_are_refused(version):
    member = _npy_header("{'descr': '<f4', 'fortran_order': False, 'shape': (5, 4), }", version, bytes(80))
    _refused(_archive(_members(_model(), weights_0=member)), fragment="format version")


def test_float64_biases_of_1e300_in_a_float32_model_are_refused():
    """Finite in float64, inf in the float32 model: the check comes after the cast (issue
    11's 12 files loaded as inf), and the cast warns of no overflow."""
    model = _model(np.float32)
    members = _members(model, biases_0=_npy(np.full(4, 1e300)))
    assert _outcome(_archive(members)) == "refused"
    _refused(_archive(members), fragment="'biases_0' holds NaN or infinite values (as float32)")
    fine = _members(model, biases_0=_npy(np.full(4, 1e30)))  # float64 that fits float32: read and cast
    np.testing.assert_array_equal(read_model_bytes(_archive(fine), "fine.npz").biases[0], np.float32(1e30))


def test_arrays_are_read_in_any_float_type_byte_order_and_memory_order():
    model = _model(np.float64)
    w = model.weights[0]
    for stored in (w.astype(">f8"), np.asfortranarray(w), w.astype("<f4"), w.astype(np.float16)):
        back = read_model_bytes(_archive(_members(model, weights_0=_npy(stored))), "m.npz")
        np.testing.assert_array_equal(back.weights[0], stored.astype(np.float64))
        assert back.weights[0].flags.c_contiguous and back.weights[0].dtype == np.float64


# -- compression bombs: refused at the header, memory small -------------------------------


def _zeros_deflated(n_mib: int) -> bytes:
    """Raw deflate data inflating to ``n_mib`` MiB of zero bytes (about 1 KB per MiB):
    one MiB compressed after a full flush (no back-references across it), repeated."""
    c = zlib.compressobj(9, zlib.DEFLATED, -zlib.MAX_WBITS)
    zeros = bytes(2**20)
    c.compress(zeros)
    c.flush(zlib.Z_FULL_FLUSH)
    block = c.compress(zeros) + c.flush(zlib.Z_FULL_FLUSH)
    return block * n_mib + c.flush()


@pytest.fixture(scope="module")
def gib_of_zeros():
    data = _zeros_deflated(1024)
    assert len(data) < 1.1e6  # 1 MB that inflates to 1 GiB:
    d = zlib.decompressobj(-zlib.MAX_WBITS)
    assert len(d.decompress(data, 2**24)) == 2**24 and d.unconsumed_tail  # (its first 16 MiB, checked)
    return data


def _bombs(gib_of_zeros):
    model = _model(sizes=(5, 4, 3))
    members = _members(model)
    header_1gib = _npy_header("{'descr': '<f8', 'fortran_order': False, 'shape': (134217728,), }".ljust(117) + "\n")
    right = members["weights_0"]  # the true header and data, 80 bytes of float32
    meta_header = _npy_header("{'descr': '<U268435456', 'fortran_order': False, 'shape': (), }".ljust(117) + "\n")
    crc = zlib.crc32(b"")  # whatever: refused before any CRC is checked
    gib = 2**30
    return {
        # The header claims 1 GiB of float64, the layer sizes need 20 float32.
        "header-claims-1-GiB": ("weights_0", _entry("weights_0.npy", raw=_stream(header_1gib, gib_of_zeros),
                                                    method=zipfile.ZIP_DEFLATED, crc=crc, size=len(header_1gib) + gib)),
        # The header is right, and 1 GiB of zeros follows; the zip entry says so.
        "trailing-1-GiB-declared": ("weights_0", _entry("weights_0.npy", raw=_stream(right, gib_of_zeros),
                                                        method=zipfile.ZIP_DEFLATED, crc=crc, size=len(right) + gib)),
        # The same, but the zip entry lies and declares only the right size.
        "trailing-1-GiB-hidden": ("weights_0", _entry("weights_0.npy", raw=_stream(right, gib_of_zeros),
                                                      method=zipfile.ZIP_DEFLATED, crc=crc, size=len(right))),
        # The metadata claims 1 GiB of text.
        "metadata-claims-1-GiB": ("metadata", _entry("metadata.npy", raw=_stream(meta_header, gib_of_zeros),
                                                     method=zipfile.ZIP_DEFLATED, crc=crc, size=len(meta_header) + gib)),
    }


def _stream(head: bytes, deflated_tail: bytes) -> bytes:
    """Raw deflate data of ``head`` followed by what ``deflated_tail`` inflates to."""
    c = zlib.compressobj(6, zlib.DEFLATED, -zlib.MAX_WBITS)
    return c.compress(head) + c.flush(zlib.Z_FULL_FLUSH) + deflated_tail


@pytest.mark.parametrize("bomb", ["header-claims-1-GiB", "trailing-1-GiB-declared", "trailing-1-GiB-hidden",
                                  "metadata-claims-1-GiB"])
def test_a_compressed_npz_bomb_is_refused_with_little_memory(tmp_path, gib_of_zeros, bomb):
    """1 MB of deflate data that inflates to 1 GiB (issue 11: np.load inflated it all,
    1 GB of memory). Refused at the header or after the data the header calls for plus
    one byte; the peak of Python's and numpy's allocations stays under 16 MB."""
    member, entry = _bombs(gib_of_zeros)[bomb]
    entries = [entry if name == member else _entry(f"{name}.npy", data, zipfile.ZIP_DEFLATED)
               for name, data in _members(_model()).items()]
    path = tmp_path / f"{bomb}.npz"
    path.write_bytes(_zip(entries))
    assert path.stat().st_size < 1.2e6
    tracemalloc.start()
    try:
        with pytest.raises(ModelFileError) as info:
            MLP.load(path)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert str(path) in str(info.value)
    assert peak < 16 * 2**20, f"{peak / 2**20:.0f} MiB"


def test_the_metadata_and_parameters_are_capped_before_anything_is_inflated():
    model = _model()
    big = _members(model, metadata=_npy(np.array(json.dumps(_meta(model, layer_sizes=[784, 10**6, 10**6, 10])))))
    _refused(_archive(big), fragment="parameters")
    huge = _members(model, metadata=_npy(np.array(json.dumps(_meta(model, layer_sizes=[10**4000, 10**4000])))))
    _refused(_archive(huge), fragment="more than 10^30")
    text = _npy_header(f"{{'descr': '<U{MAX_METADATA_BYTES // 4 + 1}', 'fortran_order': False, 'shape': (), }}")
    _refused(_archive(_members(model, metadata=text)), fragment=f"at most {MAX_METADATA_BYTES:,}")


CRAFTED_METADATA = {
    "history-not-a-list": ({"history": {"epoch": 1}}, "'history' in its metadata is not a list"),
    "history-row-not-an-object": ({"history": [1, 2]}, "not objects"),
    "history-row-without-epoch": ({"history": [{"cost": 0.5}]}, "no 'epoch'"),
    "history-epoch-a-string": ({"history": [{"epoch": "x", "cost": "y"}]}, "'epoch' 'x'"),
    "history-epoch-huge": ({"history": [{"epoch": 10**300}]}, "'epoch'"),
    "history-epoch-a-bool": ({"history": [{"epoch": True}]}, "'epoch' True"),
    "history-cost-a-string": ({"history": [{"epoch": 1, "cost": "y"}]}, "'cost' 'y'"),
    "history-accuracy-above-1": ({"history": [{"epoch": 1, "test_accuracy": 98.5}]}, "'test_accuracy' 98.5"),
    "history-accuracy-nan": ({"history": [{"epoch": 1, "validation_accuracy": float("nan")}]}, "validation_accuracy"),
    "history-saturation-a-string": ({"history": [{"epoch": 1, "saturation": "x"}]}, "saturation"),
    "learning-rate-changes-an-int": ({"learning_rate_changes": 5}, "'learning_rate_changes' in its metadata is not"),
    "learning-rate-change-strings": ({"learning_rate_changes": [{"epoch": "a", "batch": "b", "learning_rate": 1}]},
                                     "'epoch' 'a'"),
    "fine-tuned-an-int": ({"fine_tuned": 5}, "'fine_tuned'"),
    "kept-epoch-a-string": ({"kept_epoch": "x"}, "'kept_epoch'"),
    "n-train-a-string": ({"n_train": "x"}, "'n_train'"),
    "config-a-list": ({"config": [1]}, "'config'"),
}


@pytest.mark.parametrize("name", list(CRAFTED_METADATA))
def test_metadata_the_program_reads_is_checked(name):
    """Valid JSON but the wrong types where the program reads them (a history row with a
    string epoch crashed the app in its runs table): refused, naming the key."""
    changes, fragment = CRAFTED_METADATA[name]
    model = _model()
    members = _members(model, metadata=_npy(np.array(json.dumps(_meta(model, **changes)))))
    _refused(_archive(members), fragment=fragment)


def test_metadata_as_training_writes_it_loads():
    """What core.sgd.train and core.finetune write passes: None accuracies, a NaN or infinite
    cost (a diverged run), saturation lists, rate changes, corrections."""
    model = _model()
    model.metadata.update(
        history=[{"epoch": 1, "cost": float("nan"), "training_accuracy": None, "validation_accuracy": 0.5,
                  "test_accuracy": None, "seconds": 1.5, "learning_rate": 3.0, "saturation": [0.25, 1]},
                 {"epoch": 2, "cost": float("inf"), "saturation": None}],
        learning_rate_changes=[{"epoch": 2, "batch": 0, "learning_rate": 1.5}], n_train=50_000,
        kept_epoch={"epoch": 1, "validation_accuracy": 0.5}, diverged={"epoch": 2, "reason": "cost"},
        fine_tuned=[{"labels": [1, 2], "n_batches": 3}], own_digits=0, anything={"free": ["form"]})
    back = read_model_bytes(_archive(_members(model)), "m.npz")
    assert json.dumps(back.metadata) == json.dumps(model.metadata)


# -- zip oddities ---------------------------------------------------------------------------


def _changed_entry(name, **changes):
    entries = [_entry(f"{n}.npy", d) for n, d in _members(_model()).items()]
    for e in entries:
        if e["name"] == name.encode():
            e.update(changes)
    return _zip(entries)


ZIP_ODDITIES = {
    "duplicate-member": (lambda: _zip([_entry(f"{n}.npy", d) for n, d in _members(_model()).items()]
                                      + [_entry("weights_0.npy", _npy(np.ones((5, 4), np.float32)))]), "two members"),
    "duplicate-without-suffix": (lambda: _zip([_entry(f"{n}.npy", d) for n, d in _members(_model()).items()]
                                              + [_entry("weights_0", b"x")]), "two members"),
    "encrypted": (lambda: _changed_entry("weights_0.npy", flags=0x1), "encrypted"),
    "strong-encryption": (lambda: _changed_entry("weights_0.npy", flags=0x41), "encrypted"),
    "unknown-method": (lambda: _changed_entry("weights_0.npy", method=99), "method 99"),
    "implode-method": (lambda: _changed_entry("weights_0.npy", method=6), "method 6"),
    "wrong-crc": (lambda: _changed_entry("weights_0.npy", crc=12345), "CRC"),
    "declared-size-too-small": (lambda: _changed_entry("weights_0.npy", size=50), "declares"),
    "declared-size-4-GiB": (lambda: _changed_entry("weights_0.npy", size=2**32 - 1), "declares"),
    "directory-member": (lambda: _zip([_entry(f"{n}.npy", d) for n, d in _members(_model()).items()]
                                      + [_entry("folder/")]), "unexpected"),
    "zip64-central-directory-lies": (lambda: _zip64_lying(), ""),
    "empty-archive": (lambda: b"PK\x03\x04" + bytes(26) + b"PK\x05\x06" + bytes(18), ""),
}


def _zip64_lying() -> bytes:
    """A zip64 end-of-central-directory record pointing far beyond the file."""
    raw = _archive(_members(_model()))
    eocd64 = struct.pack("<4sQ2H2L4Q", b"PK\x06\x06", 44, 45, 45, 0, 0, 3, 3, 2**62, 2**62)
    locator = struct.pack("<4sLQL", b"PK\x06\x07", 0, len(raw) - 22, 1)
    return raw[:-22] + eocd64 + locator + raw[-22:-10] + b"\xff" * 8 + raw[-2:]


@pytest.mark.parametrize("name", list(ZIP_ODDITIES))
def test_zip_oddities_are_refused(name):
    build, fragment = ZIP_ODDITIES[name]
    assert _outcome(build()) == "refused"
    _refused(build(), fragment=fragment)


def test_the_hand_written_archive_of_a_model_loads():
    """The builders above write what MLP.save does: unaltered, it loads."""
    model = _model()
    for method in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
        back = read_model_bytes(_archive(_members(model), method), "m.npz")
        assert back.metadata == model.metadata and back.binarize == model.binarize
        for a, b in zip(back.weights + back.biases, model.weights + model.biases):
            np.testing.assert_array_equal(a, b)


# -- files on disk -------------------------------------------------------------------------


def test_the_old_and_the_bundled_model_files_load_bit_identically():
    """The new reader gives exactly what np.load gives for the files users have."""
    for path in (OLD, default_model_path()):
        model = MLP.load(path)
        with np.load(path, allow_pickle=False) as npz:
            meta = json.loads(str(npz["metadata"][()]))
            for l in range(len(model.layer_sizes) - 1):
                for got, name in ((model.weights[l], f"weights_{l}"), (model.biases[l], f"biases_{l}")):
                    assert got.dtype == npz[name].dtype and got.tobytes() == npz[name].tobytes()
        for key in ("format", "format_version", "layer_sizes", "dtype", "binarize"):
            meta.pop(key)
        assert model.metadata == meta
        assert read_model_bytes(path.read_bytes(), path.name).weights[0].tobytes() == model.weights[0].tobytes()


def test_a_folder_a_missing_file_and_an_unreadable_one(tmp_path):
    with pytest.raises(FileNotFoundError, match="no such model file"):
        MLP.load(tmp_path / "absent.npz")
    with pytest.raises(ModelFileError, match="folder"):
        MLP.load(tmp_path)
    with pytest.raises(ModelFileError, match="cannot be examined"):
        MLP.load(str(tmp_path / "nul\0name.npz"))
    with pytest.raises(ModelFileError, match="not a regular file"):
        MLP.load("/dev/null")


def test_a_small_model_truncated_at_every_length_is_refused(tmp_path):
    for raw in (_written(), _written(compression=zipfile.ZIP_DEFLATED)):
        assert _outcome(raw) == "model"
        outcomes = {_outcome(raw[:n]) for n in range(len(raw))}
        assert outcomes == {"refused"}
    path = tmp_path / "cut.npz"
    path.write_bytes(raw[:len(raw) // 2])
    with pytest.raises(ModelFileError, match="truncated"):
        MLP.load(path)


# -- properties (hypothesis, quick profile; benchmarks/fuzz.py runs many more) ----------------

BASES = {
    "stored": _written(),
    "deflate": _written(compression=zipfile.ZIP_DEFLATED),
    "bzip2": _written(compression=zipfile.ZIP_BZIP2),
    "lzma": _written(compression=zipfile.ZIP_LZMA),
    "float64": _written(_model(np.float64, sizes=(3, 2, 2))),
}


@st.composite
def mutated_model_files(draw):
    """A real small model file with 1 to 6 changes: bytes flipped or set, bytes inserted
    or deleted, the end cut off."""
    data = bytearray(BASES[draw(st.sampled_from(sorted(BASES)))])
    for _ in range(draw(st.integers(1, 6))):
        kind = draw(st.sampled_from(["flip", "set", "insert", "delete", "truncate"]))
        at = draw(st.integers(0, max(len(data) - 1, 0)))
        if kind == "flip" and data:
            data[at] ^= draw(st.integers(1, 255))
        elif kind == "set" and data:
            data[at] = draw(st.sampled_from([0x00, 0xFF, 0x7F, 0x80, ord("}"), ord(" "), ord("9")]))
        elif kind == "insert":
            data[at:at] = draw(st.binary(min_size=1, max_size=16))
        elif kind == "delete":
            del data[at:at + draw(st.integers(1, 16))]
        else:
            del data[at:]
    return bytes(data)


@QUICK
@given(st.binary(max_size=4096))
def test_any_bytes_give_a_model_or_model_file_error(data):
    _outcome(data)


@QUICK
@given(st.binary(max_size=512))
def test_any_bytes_after_a_zip_signature_give_a_model_or_model_file_error(data):
    _outcome(b"PK\x03\x04" + data)


@QUICK
@given(mutated_model_files())
def test_mutated_model_files_give_a_model_or_model_file_error(data):
    _outcome(data)

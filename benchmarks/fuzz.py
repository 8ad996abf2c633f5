"""Fuzz the two readers of untrusted files against issue 11's contract: the IDX reader
(:mod:`core.idx`, :func:`core.datasets.load_mnist`) and the model loader
(:meth:`core.mlp.MLP.load`) return a well-formed result or raise their documented error;
nothing else escapes, nothing warns, and a compression bomb is refused without inflating.

Run: python benchmarks/fuzz.py [--examples N] [--seed S] [--no-bombs] [--bomb-mb MB]
                               [--reader idx|model] [--only I] [--save-failures DIR]

Each reader gets ``--examples`` inputs (10,000 by default). Input i of a reader is made from
its own generator, ``np.random.default_rng([seed, reader, i])``, so a run is deterministic
from ``--seed`` and ``--only i`` replays one input. Each input is of one kind:

- ``random``: random bytes, bare or behind a plausible start (the IDX magic, gzip's
  ``1f 8b``, zip's ``PK\\x03\\x04``, numpy's ``\\x93NUMPY``);
- ``mutated``: 1-4 byte flips, insertions, deletions and block repeats in a real file, most
  of them near its structure (headers, zip records); for compressed files, either in the
  compressed bytes or in the content, recompressed (so that the damage reaches the parser);
- ``truncated``: a real file cut at a random length (or its content cut and recompressed);
- ``crafted``: headers made to break parsers. IDX: dimensions whose product overflows
  64 bits (and wraps to 0), huge declared sizes over little data, wrong type codes and
  magic bytes, 255 dimensions. Models: ``.npy`` headers with shapes such as ``(10**30,)``,
  negative or non-integer shapes, bad ``descr``, ``fortran_order`` garbage, a huge header
  length, broken syntax (the byte-129 case: one character of the header changed); float64
  biases and weights of 1e300 in a float32 model; absurd metadata (dtype, layer sizes,
  versions, nesting); zip records that lie (sizes, methods, flags, names);
- ``compressed``: damaged deflate, bzip2 and lzma members of an ``.npz``; damaged gzip
  streams, trailers and members of an IDX file;
- ``bomb`` (``--no-bombs`` leaves them out): a ~1 MB gzip stream inflating to ``--bomb-mb``
  (1,024) MB behind a valid IDX header of 100 images, read as bytes, from a file and by
  load_mnist; ``.npz`` files whose deflate member inflates to as much (an array declaring
  that size, a metadata string that long, and a zip record understating it). For a bomb
  the memory the call allocates is traced (tracemalloc): a peak above ``--bomb-limit-mb``
  (100, or a quarter of ``--bomb-mb`` if that is less) is a failure.

Real files: the first 100 test images and labels of ``resources/mnist/`` rewritten as IDX
(raw and gzip), small IDX files of the other element types, the bundled
``resources/default-model.npz`` and small networks written by ``MLP.save`` (stored, and
repacked with deflate, bzip2 and lzma members).

Entry points: every IDX input goes to ``decode_idx(raw, name)``, every 5th also to
``read_idx(path)`` and every 50th to ``load_mnist`` (as the test images of a small folder);
every model input goes to ``MLP.load(path)`` (a file in a temporary folder), and to
:func:`core.model_file.read_model_bytes` (a bytes-level reader) if there is one.

A failure is: an exception other than ``ValueError`` (or a subclass) from the IDX reader, or
other than ``ModelFileError`` or ``FileNotFoundError`` from the model loader; any warning
(warnings are errors during the calls); a result that is not well formed (IDX: an ndarray of
the header's shape and element type; model: an MLP whose weights and biases have the shapes
its layer sizes call for, one float dtype and finite values); a bomb's memory.

Prints a table (entry point x kind: inputs, failures, the first failure), then as its last
line one JSON object: ``examples`` (inputs, all readers), ``failures`` (inputs that failed
at least one check), ``peak_rss_mb`` (``ru_maxrss`` at the end), then per-reader counts,
failure types, the bombs' traced peaks and the slowest input.
"""

from __future__ import annotations

import argparse
import bz2
import collections
import gzip
import importlib
import io
import json
import lzma
import resource
import struct
import sys
import tempfile
import time
import tracemalloc
import warnings
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from core import idx as idx_module
from core.datasets import MnistData, load_mnist
from core.idx import IDX_DTYPES, write_idx
from core.mlp import MLP, ModelFileError
from core.paths import default_data_dir, default_model_path

KINDS = ("random", "mutated", "truncated", "crafted", "compressed", "bomb")
#: Share of the non-bomb inputs of each kind.
WEIGHTS = {"random": 0.15, "mutated": 0.35, "truncated": 0.15, "crafted": 0.25, "compressed": 0.10}
READERS = ("idx", "model")
N_IMAGES = 100  # the real IDX seed: the first 100 test images (and labels)
READ_IDX_EVERY, LOAD_MNIST_EVERY = 5, 50
#: Names a bytes-level model reader in core.model_file may have (the first found is used).
BYTES_READERS = ("load_bytes", "read_bytes", "loads", "decode_model", "model_from_bytes", "read_model_bytes",
                 "load_model_bytes", "decode")


# ================================================================================ zip files

@dataclass
class Member:
    """One zip member as stored: ``data`` is the compressed bytes, ``crc`` and ``size``
    describe the content; ``csize`` and ``size`` may lie (crafted records)."""

    name: str
    data: bytes
    method: int
    crc: int
    size: int
    flags: int = 0
    csize: int | None = None


def raw_member(payload: bytes, method: int) -> bytes:
    """``payload`` compressed as a zip member with ``method`` (0 stored, 8 deflate, 12 bzip2,
    14 lzma), as zipfile writes it."""
    if method == zipfile.ZIP_STORED:
        return payload
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=method) as z:
        z.writestr("m", payload)
        info = z.infolist()[0]
    raw = buf.getvalue()
    name_len, extra_len = struct.unpack_from("<2H", raw, info.header_offset + 26)
    start = info.header_offset + 30 + name_len + extra_len
    return raw[start:start + info.compress_size]


def member(name: str, payload: bytes, method: int = 0) -> Member:
    """A zip member holding ``payload`` compressed with ``method``, its CRC and size true."""
    return Member(name, raw_member(payload, method), method, zlib.crc32(payload), len(payload))


def build_zip(members: list[Member], *, entries: int | None = None, cd_offset_shift: int = 0) -> bytes:
    """A zip archive of ``members`` (no zip64); ``entries`` and ``cd_offset_shift`` forge the
    end record. Fields too large for their slot are cut to it (crafted sizes)."""
    u16, u32 = 0xFFFF, 0xFFFFFFFF
    out, central = bytearray(), bytearray()
    for m in members:
        name = m.name.encode("utf-8", "surrogateescape")
        offset = len(out)
        csize = len(m.data) if m.csize is None else m.csize
        out += struct.pack("<4s5H3L2H", b"PK\x03\x04", 20, m.flags & u16, m.method & u16, 0, 0x21, m.crc & u32,
                           csize & u32, m.size & u32, len(name), 0) + name + m.data
        central += struct.pack("<4s6H3L5H2L", b"PK\x01\x02", 20, 20, m.flags & u16, m.method & u16, 0, 0x21,
                               m.crc & u32, csize & u32, m.size & u32, len(name), 0, 0, 0, 0, 0, offset) + name
    n = len(members) if entries is None else entries
    eocd = struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, n & u16, n & u16, len(central), (len(out) + cd_offset_shift)
                       & u32, 0)
    return bytes(out + central + eocd)


def read_members(raw: bytes) -> list[tuple[str, bytes, int]]:
    """(name, content, method) of each member of a valid zip."""
    with zipfile.ZipFile(io.BytesIO(raw)) as z:
        return [(i.filename, z.read(i), i.compress_type) for i in z.infolist()]


def member_offsets(raw: bytes) -> list[int]:
    """Where a zip's records and numpy headers start: the places damage is most telling."""
    found = [0, max(0, len(raw) - 22)]
    for sig in (b"PK\x03\x04", b"PK\x01\x02", b"PK\x05\x06", b"\x93NUMPY"):
        at = raw.find(sig)
        while at >= 0:
            found.append(at)
            at = raw.find(sig, at + 1)
    return sorted(set(found))


# ================================================================================ .npy pieces

def npy_bytes(array: np.ndarray) -> bytes:
    """The .npy file numpy writes for ``array`` (no pickles)."""
    buf = io.BytesIO()
    np.lib.format.write_array(buf, array, allow_pickle=False)
    return buf.getvalue()


def npy_raw(header: str | bytes, data: bytes = b"", *, version=(1, 0), length: int | None = None,
            magic: bytes = b"\x93NUMPY") -> bytes:
    """A .npy file with a header text of our choosing (and a header length, version, magic)."""
    text = header.encode("latin1") if isinstance(header, str) else header
    text = text + b"\n"
    n = len(text) if length is None else length
    size = struct.pack("<H", n & 0xFFFF) if version[0] == 1 else struct.pack("<I", n & 0xFFFFFFFF)
    return magic + bytes(version) + size + text + data


def header_text(descr="'<f4'", fortran="False", shape="(15,)") -> str:
    """A .npy header dict, each value given as Python source text (so it can be absurd)."""
    return f"{{'descr': {descr}, 'fortran_order': {fortran}, 'shape': {shape}, }}"


# ================================================================================ mutations

def pick_position(rng, length: int, hot: list[int]) -> int:
    """A position in [0, length]: usually just after a structural offset, else anywhere."""
    if length == 0:
        return 0
    if hot and rng.random() < 0.65:
        base = hot[int(rng.integers(len(hot)))]
        return int(np.clip(base + rng.integers(-8, 140), 0, length - 1))
    return int(rng.integers(length))


def mutate(rng, raw: bytes, hot: list[int], n_ops: int | None = None) -> tuple[bytes, str]:
    """1-4 byte flips, insertions, deletions or block repeats; returns (bytes, what was done)."""
    b = bytearray(raw)
    done = []
    for _ in range(int(rng.integers(1, 5)) if n_ops is None else n_ops):
        op = ("flip", "space", "insert", "delete", "repeat")[int(rng.integers(5))]
        pos = pick_position(rng, len(b), hot)
        if op == "flip" and b:
            b[pos] = int(rng.integers(256)) if rng.random() < 0.5 else b[pos] ^ (1 << int(rng.integers(8)))
        elif op == "space" and b:  # the byte-129 case: one character of a header made a space
            b[pos] = 0x20
        elif op == "insert":
            k = int(rng.integers(1, 17))
            b[pos:pos] = rng.bytes(k) if rng.random() < 0.5 else bytes([int(rng.integers(256))]) * k
        elif op == "delete" and b:
            del b[pos:pos + int(rng.integers(1, 65))]
        elif op == "repeat" and b:
            start = pick_position(rng, len(b), hot)
            block = bytes(b[start:start + int(rng.integers(1, 257))])
            b[pos:pos] = block * int(rng.integers(1, 5))
        done.append(f"{op}@{pos}")
    return bytes(b), " ".join(done)


def truncate(rng, raw: bytes, hot: list[int]) -> tuple[bytes, str]:
    """The bytes cut at a random length (often near a structural offset); (bytes, what)."""
    n = pick_position(rng, len(raw), hot) if rng.random() < 0.5 else int(rng.integers(len(raw) + 1))
    return raw[:n], f"cut at {n} of {len(raw)}"


def random_bytes(rng, prefixes: list[bytes]) -> tuple[bytes, str]:
    """Random bytes (about 400 on average), often behind one of ``prefixes``; (bytes, what)."""
    n = int(min(rng.exponential(400), 20_000))
    prefix = prefixes[int(rng.integers(len(prefixes)))] if rng.random() < 0.6 else b""
    return prefix + rng.bytes(n), f"{len(prefix)}-byte prefix {prefix[:8].hex()} + {n} random bytes"


# ================================================================================ inputs

@dataclass
class Input:
    """One fuzz input: the bytes, its kind, what it is, and for bombs which entry point."""

    raw: bytes
    kind: str
    detail: str
    entry: str | None = None  # a bomb goes to one entry point only
    header: tuple | None = None  # IDX: (type code, shape) the content declares, if known


class Seeds:
    """The real files the inputs are made from, built once."""

    def __init__(self, workdir: Path):
        test = load_mnist_test_head()
        images, labels = test
        other = np.random.default_rng(12345)
        arrays = {
            "images": images, "labels": labels,
            "float32": other.standard_normal((3, 5)).astype(np.float32),
            "float64": other.standard_normal((2, 2, 2)),
            "int16": other.integers(-300, 300, (7,)).astype(np.int16),
            "int32": other.integers(-10**6, 10**6, (2, 3)).astype(np.int32),
            "int8": other.integers(-100, 100, (4, 4)).astype(np.int8),
        }
        self.idx: dict[str, bytes] = {}
        for name, array in arrays.items():
            for compress in (False, True):
                path = workdir / f"seed-{name}{'.gz' if compress else ''}"
                write_idx(path, array, compress=compress)
                self.idx[path.name[5:]] = path.read_bytes()
        self.idx_names = list(self.idx)
        # The IDX seeds of 100 images weigh more: they are what the app reads.
        self.idx_weights = np.array([4.0 if n.startswith(("images", "labels")) else 1.0 for n in self.idx_names])
        self.idx_weights /= self.idx_weights.sum()
        self.images, self.labels = images, labels

        self.model: dict[str, bytes] = {"default-model": default_model_path().read_bytes()}
        small = MLP((784, 15, 10), rng=np.random.default_rng(0))
        small.metadata.update(history=[{"epoch": 1, "validation_accuracy": 0.9}], config={"n_epochs": 1})
        tiny = MLP((6, 4, 3), rng=np.random.default_rng(1), dtype=np.float64, binarize=0.5)
        for name, model in (("small", small), ("tiny", tiny)):
            path = workdir / f"seed-{name}.npz"
            model.save(path)
            self.model[name] = path.read_bytes()
        members = read_members(self.model["small"])
        self.small_members = members
        for method, name in ((zipfile.ZIP_DEFLATED, "deflate"), (zipfile.ZIP_BZIP2, "bzip2"),
                             (zipfile.ZIP_LZMA, "lzma")):
            self.model[f"small-{name}"] = build_zip([member(n, c, method) for n, c, _ in members])
        self.model_names = list(self.model)
        weights = {"default-model": 0.15, "small": 0.35, "tiny": 0.2, "small-deflate": 0.1, "small-bzip2": 0.1,
                   "small-lzma": 0.1}
        self.model_weights = np.array([weights[n] for n in self.model_names])
        self.model_offsets = {name: member_offsets(raw) for name, raw in self.model.items()}
        self.model_members = {name: read_members(raw) for name, raw in self.model.items()}


def load_mnist_test_head() -> tuple[np.ndarray, np.ndarray]:
    """The first 100 test images and labels of the bundled MNIST (read as gzip, then cut)."""
    folder = default_data_dir()
    with gzip.open(folder / "t10k-images-idx3-ubyte.gz") as f:
        head = f.read(16 + N_IMAGES * 784)
    images = np.frombuffer(head, np.uint8, offset=16).reshape(N_IMAGES, 28, 28).copy()
    with gzip.open(folder / "t10k-labels-idx1-ubyte.gz") as f:
        labels = np.frombuffer(f.read(8 + N_IMAGES), np.uint8, offset=8).copy()
    return images, labels


def gunzip_head(raw: bytes, n: int) -> bytes | None:
    """The first ``n`` bytes of a gzip stream's content as Python's gzip module reads it
    (across members), None if it cannot."""
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(raw)) as f:
            return f.read(n)
    except (OSError, EOFError, zlib.error):
        return None


def idx_header(raw: bytes) -> tuple | None:
    """(type code, shape) an IDX file's content declares, or None if it has no readable header."""
    data = gunzip_head(raw, 4 + 4 * 255) if raw[:2] == b"\x1f\x8b" else raw[:4 + 4 * 255]
    if data is None or len(data) < 4:
        return None
    ndim = data[3]
    if len(data) < 4 + 4 * ndim:
        return None
    return data[2], struct.unpack(f">{ndim}I", data[4:4 + 4 * ndim])


def idx_file(type_code: int, shape, data: bytes, *, zero: bytes = b"\x00\x00", ndim: int | None = None) -> bytes:
    """IDX bytes: magic (``zero`` + type code + dimension count), the dimensions, ``data``."""
    ndim = len(shape) if ndim is None else ndim
    return zero + bytes([type_code & 0xFF, ndim & 0xFF]) + b"".join(struct.pack(">I", n & 0xFFFFFFFF)
                                                                    for n in shape) + data


def gzip_bytes(data: bytes) -> bytes:
    """Gzip-compressed ``data`` (one member, mtime 0: deterministic)."""
    return gzip.compress(data, compresslevel=6, mtime=0)


def make_idx_input(seeds: Seeds, kind: str, rng) -> Input:
    """One IDX input of ``kind`` (not a bomb)."""
    name = seeds.idx_names[int(rng.choice(len(seeds.idx_names), p=seeds.idx_weights))]
    raw = seeds.idx[name]
    compressed = name.endswith(".gz")
    content = gzip.decompress(raw) if compressed else raw
    hot = [0, 2, 3, 4, 4 + 4 * content[3]]
    if kind == "random":
        data, what = random_bytes(rng, [b"\x00\x00\x08\x03", b"\x00\x00\x08\x01", b"\x1f\x8b",
                                        b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\xff", b"\x00\x00\x0d\x02"])
        return Input(data, kind, what)
    if kind in ("mutated", "truncated"):
        change = mutate if kind == "mutated" else truncate
        if compressed and rng.random() < 0.5:  # the damage in the content, recompressed
            data, what = change(rng, content, hot)
            return Input(gzip_bytes(data), kind, f"{name} content {what}")
        data, what = change(rng, raw, [0, 3, 9, 10, len(raw) - 8] if compressed else hot)
        return Input(data, kind, f"{name} {what}")
    if kind == "compressed":
        return craft_gzip(rng, name if compressed else name + ".gz", gzip_bytes(content) if not compressed else raw,
                          content)
    data, what = craft_idx(rng, seeds)
    if rng.random() < 0.3:
        data, what = gzip_bytes(data), what + ", gzipped"
    return Input(data, kind, what)


def craft_gzip(rng, name: str, raw: bytes, content: bytes) -> Input:
    """A damaged or odd gzip stream around a real IDX file."""
    case = int(rng.integers(7))
    if case == 0:  # damage inside the deflate data
        pos = int(rng.integers(10, max(11, len(raw) - 8)))
        b = bytearray(raw)
        for _ in range(int(rng.integers(1, 4))):
            b[min(pos, len(b) - 1)] = int(rng.integers(256))
            pos += int(rng.integers(1, 32))
        return Input(bytes(b), "compressed", f"{name} deflate data damaged from {pos}")
    if case == 1:  # the CRC or the length in the trailer
        b = bytearray(raw)
        b[len(b) - 1 - int(rng.integers(8))] ^= 1 + int(rng.integers(255))
        return Input(bytes(b), "compressed", f"{name} trailer damaged")
    if case == 2:  # the deflate data cut short, the trailer kept
        cut = int(rng.integers(10, len(raw) - 8))
        return Input(raw[:cut] + raw[-8:], "compressed", f"{name} deflate data cut at {cut}, trailer kept")
    if case == 3:  # two members: content split, or a second file appended
        if rng.random() < 0.5:
            k = int(rng.integers(len(content) + 1))
            return Input(gzip_bytes(content[:k]) + gzip_bytes(content[k:]), "compressed", f"{name} in two members")
        return Input(raw + gzip_bytes(content), "compressed", f"{name} followed by a second member")
    if case == 4:  # trailing garbage after the member
        tail = rng.bytes(int(rng.integers(1, 64))) if rng.random() < 0.5 else bytes(int(rng.integers(1, 64)))
        return Input(raw + tail, "compressed", f"{name} + {len(tail)} trailing bytes")
    if case == 5:  # header flags announcing fields that are not there, or a bad method
        b = bytearray(raw)
        if rng.random() < 0.5:
            b[3] = int(rng.integers(1, 256))
            return Input(bytes(b), "compressed", f"{name} gzip flags {b[3]:#x}")
        b[2] = int(rng.integers(256))
        return Input(bytes(b), "compressed", f"{name} gzip method {b[2]}")
    other = (bz2.compress(content), "bzip2") if rng.random() < 0.5 else (lzma.compress(content), "xz")
    return Input(other[0], "compressed", f"{name} content compressed with {other[1]}")


def craft_idx(rng, seeds: Seeds) -> tuple[bytes, str]:
    """An IDX header (and a little data) made to break the reader."""
    case = int(rng.integers(6))
    if case == 0:  # dimensions whose product overflows 64 bits; some wrap to exactly 0
        shape = [(2**16,) * 4, (2**31, 2**31, 4), (2**32 - 1,) * 3, (2**32 - 1, 2**32 - 1),
                 (2**21,) * 3 + (2**2,), (2**8,) * 8, (2**32 - 1,) * int(rng.integers(2, 9))][int(rng.integers(7))]
        code = list(IDX_DTYPES)[int(rng.integers(len(IDX_DTYPES)))]
        data = rng.bytes(int(rng.integers(0, 64))) if rng.random() < 0.5 else b""
        return idx_file(code, shape, data), f"dims {shape} type {code:#x}, {len(data)} data bytes"
    if case == 1:  # huge declared sizes over little data
        shape = [(60000, 28, 28), (2**32 - 1,), (2**31, 28, 28), (10**9,), (2**32 - 1, 1)][int(rng.integers(5))]
        code = list(IDX_DTYPES)[int(rng.integers(len(IDX_DTYPES)))]
        data = rng.bytes(int(rng.integers(0, 2000)))
        return idx_file(code, shape, data), f"declares {shape} type {code:#x}, holds {len(data)} bytes"
    if case == 2:  # wrong type codes and magic bytes
        code = int(rng.integers(256))
        zero = bytes(2) if rng.random() < 0.6 else rng.bytes(2)
        data = seeds.images.tobytes() if rng.random() < 0.5 else b""
        return (idx_file(code, (N_IMAGES, 28, 28), data, zero=zero),
                f"type code {code:#x}, magic {zero.hex()} ({len(data)} data bytes)")
    if case == 3:  # 0 or 255 dimensions, or a dimension count the header does not hold
        ndim = (0, 255, int(rng.integers(1, 256)))[int(rng.integers(3))]
        given = int(rng.integers(0, ndim + 1))
        shape = [int(rng.integers(0, 3)) for _ in range(given)]
        return idx_file(0x08, shape, b"", ndim=ndim), f"{ndim} dimensions, {given} given"
    if case == 4:  # a zero dimension with data, or an empty valid file
        shape = [(0,), (0, 28, 28), (N_IMAGES, 0, 28), (0, 2**32 - 1)][int(rng.integers(4))]
        data = rng.bytes(int(rng.integers(0, 16)))
        return idx_file(0x08, shape, data), f"zero-size {shape} with {len(data)} bytes"
    # right header, data one element short or long, in another element type
    code = list(IDX_DTYPES)[int(rng.integers(len(IDX_DTYPES)))]
    n = int(rng.integers(1, 50))
    extra = int(rng.integers(-IDX_DTYPES[code].itemsize, IDX_DTYPES[code].itemsize + 1))
    data = rng.bytes(max(0, n * IDX_DTYPES[code].itemsize + extra))
    return idx_file(code, (n,), data), f"({n},) type {code:#x} with {extra:+d} bytes"


# -- models -------------------------------------------------------------------------------

def make_model_input(seeds: Seeds, kind: str, rng) -> Input:
    """One model input of ``kind`` (not a bomb)."""
    name = seeds.model_names[int(rng.choice(len(seeds.model_names), p=seeds.model_weights))]
    raw = seeds.model[name]
    if kind == "random":
        data, what = random_bytes(rng, [b"PK\x03\x04", b"PK\x03\x04\x14\x00\x00\x00\x00\x00", b"PK\x05\x06",
                                        raw[:64], b"\x93NUMPY\x01\x00"])
        return Input(data, kind, what)
    if kind in ("mutated", "truncated"):
        change = mutate if kind == "mutated" else truncate
        if rng.random() < 0.5:  # damage in a member's content, the archive rebuilt around it (CRCs right)
            members = seeds.model_members[name]
            k = int(rng.integers(len(members)))
            mname, content, _ = members[k]
            data, what = change(rng, content, [0, 8, 10, 60])
            rebuilt = [member(n, data if i == k else c, m) for i, (n, c, m) in enumerate(members)]
            return Input(build_zip(rebuilt), kind, f"{name} member {mname} {what}")
        data, what = change(rng, raw, seeds.model_offsets[name])
        return Input(data, kind, f"{name} {what}")
    if kind == "compressed":
        return craft_compressed_npz(rng, seeds)
    return craft_npz(rng, seeds)


def craft_compressed_npz(rng, seeds: Seeds) -> Input:
    """A small network's .npz with deflate, bzip2 or lzma members, one of them damaged."""
    method, mname = ((zipfile.ZIP_DEFLATED, "deflate"), (zipfile.ZIP_BZIP2, "bzip2"),
                     (zipfile.ZIP_LZMA, "lzma"))[int(rng.integers(3))]
    members = [member(n, c, method) for n, c, _ in seeds.small_members]
    k = int(rng.integers(len(members)))
    m = members[k]
    b = bytearray(m.data)
    case = int(rng.integers(4))
    if case == 0:  # bytes changed
        what = []
        for _ in range(int(rng.integers(1, 5))):
            pos = int(rng.integers(len(b))) if rng.random() < 0.5 else int(rng.integers(min(len(b), 48)))
            b[pos] = int(rng.integers(256))
            what.append(str(pos))
        what = "bytes " + ",".join(what) + " changed"
    elif case == 1:  # cut short, the sizes kept
        cut = int(rng.integers(len(b)))
        del b[cut:]
        what = f"cut at {cut} of {len(m.data)}"
    elif case == 2:  # bytes inserted or deleted
        pos = int(rng.integers(len(b)))
        if rng.random() < 0.5:
            b[pos:pos] = rng.bytes(int(rng.integers(1, 16)))
            what = f"bytes inserted at {pos}"
        else:
            del b[pos:pos + int(rng.integers(1, 16))]
            what = f"bytes deleted at {pos}"
    else:  # a block of compressed data repeated
        pos = int(rng.integers(len(b)))
        b[pos:pos] = bytes(b[pos:pos + int(rng.integers(1, 64))]) * int(rng.integers(1, 4))
        what = f"block repeated at {pos}"
    members[k] = Member(m.name, bytes(b), m.method, m.crc, m.size)  # the record's csize follows the data
    return Input(build_zip(members), "compressed", f"small {mname} member {m.name}: {what}")


def _replace(members: list[tuple[str, bytes, int]], name: str, payload: bytes) -> bytes:
    return build_zip([member(n, payload if n == name else c, m) for n, c, m in members])


def _metadata(members) -> dict:
    content = {n: c for n, c, _ in members}["metadata.npy"]
    return json.loads(str(np.load(io.BytesIO(content), allow_pickle=False)[()]))


NPY_SHAPES = ["(10**30,)", str((10**30,)), "(9223372036854775808,)", "(18446744073709551616,)", "(-1,)", "(-5, 3)",
              "(784, -15)", "(4611686018427387904, 4)", "(2147483648, 2147483648)", "('a',)", "(1.5,)", "(None,)",
              "[784, 15]", "5", "'x'", "()", "(0,)", "(784, 15, 1)", "(True,)", "(15, 784)", "((15,),)",
              "(784,) * 2", "(1e400,)", "{}"]
NPY_DESCRS = ["'garbage'", "'|O'", "'O'", "'<U5'", "'V16'", "'<c8'", "'<i4'", "'>f8'", "'<f2'", "'<f16'", "5",
              "None", "{'a': 1}", "[('a', '<f4')]", "[('a', '<f4', (10**30,))]", "'<M8[s]'", "'S0'", "'<f4,<f4'",
              "'|b1'", "'" + "i" * 1000 + "'", "'<f4' '<f4'", "b'<f4'", "[]", "('<f4', (10**30,))",
              "[('a', 'O')]", "'f4' * 10**6"]
NPY_FORTRAN = ["'yes'", "2", "None", "1.0", "[]", "True", "0", "'False'"]


def craft_npy(rng) -> tuple[bytes, str]:
    """A crafted .npy member (header and a little data)."""
    case = int(rng.integers(6))
    data = rng.bytes(int(rng.integers(0, 256))) if rng.random() < 0.7 else bytes(60)
    if case == 0:
        shape = NPY_SHAPES[int(rng.integers(len(NPY_SHAPES)))]
        return npy_raw(header_text(shape=shape), data), f"shape {shape[:40]}"
    if case == 1:
        descr = NPY_DESCRS[int(rng.integers(len(NPY_DESCRS)))]
        shape = ("(15,)", "(784, 15)", "()", "(10**30,)")[int(rng.integers(4))]
        shape = shape if "**" not in shape else str((10**30,))
        return npy_raw(header_text(descr=descr, shape=shape), data), f"descr {descr[:40]} shape {shape}"
    if case == 2:
        fortran = NPY_FORTRAN[int(rng.integers(len(NPY_FORTRAN)))]
        return npy_raw(header_text(fortran=fortran, shape="(784, 15)"), data), f"fortran_order {fortran}"
    if case == 3:  # keys missing, extra, or not a dict at all
        text = ["{}", "{'descr': '<f4'}", "{'shape': (15,), 'fortran_order': False}", header_text()[:-1] + "'x': 1}",
                "[1, 2]", "'text'", "None", "{1: 2}", "",
                "{'descr': '<f4', 'descr': 'O', 'fortran_order': False, 'shape': (15,)}", "set()", "{'descr': '<f4', 'fortran_order': False, 'shape': (15,), **{}}"]
        t = text[int(rng.integers(len(text)))]
        return npy_raw(t, data), f"header {t[:40]!r}"
    if case == 4:  # broken syntax: a character changed (the byte-129 case), cut, nested, odd bytes
        t = header_text(shape="(784, 15)")
        sub = int(rng.integers(6))
        if sub == 0:
            pos = int(rng.integers(len(t)))
            ch = (" ", "'", "(", ")", "{", "}", "\\", "#", "\x00", ",", ":", "\n")[int(rng.integers(12))]
            t = t[:pos] + ch + t[pos + 1:]
            what = f"header char {pos} -> {ch!r}"
        elif sub == 1:
            t = t[:int(rng.integers(len(t)))]
            what = "header cut"
        elif sub == 2:
            depth = int(rng.choice([50, 200, 1000, 5000]))
            t = "(" * depth + ")" * depth
            what = f"{depth} nested parentheses"
        elif sub == 3:
            t = t.encode("latin1") + rng.bytes(int(rng.integers(1, 30)))
            what = "header + random bytes"
        elif sub == 4:
            t = "{'descr': '<f4', 'fortran_order': False, 'shape': (784, 15), '" + "a" * int(rng.integers(5000, 70000))
            what = "very long header"
        else:
            t = "{'descr': '<f4', 'fortran_order': False, 'shape': (784, 15), } # \"\"\" '''"
            what = "unterminated strings in a comment"
        return npy_raw(t, data), what
    # the length field, version and magic
    t = header_text(shape="(15,)")
    sub = int(rng.integers(6))
    if sub == 0:
        n = int(rng.choice([0, 1, 65535, len(t) + 100]))
        return npy_raw(t, data, length=n), f"header length {n}"
    if sub == 1:
        n = int(rng.choice([2**32 - 1, 2**31, 10**9]))
        return npy_raw(t, data, version=(2, 0), length=n), f"v2 header length {n}"
    if sub == 2:
        return npy_raw(t.encode("latin1") + b"\xff\xfe", data, version=(3, 0)), "v3 header not UTF-8"
    if sub == 3:
        v = [(0, 0), (4, 0), (9, 9), (1, 255), (255, 255)][int(rng.integers(5))]
        return npy_raw(t, data, version=v), f"version {v}"
    if sub == 4:
        magic = bytearray(b"\x93NUMPY")
        magic[int(rng.integers(6))] = int(rng.integers(256))
        return npy_raw(t, data, magic=bytes(magic)), f"magic {bytes(magic)!r}"
    return npy_raw(t, b"")[:int(rng.integers(6, 12))], "cut inside the preamble"


def craft_metadata(rng, meta: dict) -> tuple[bytes, str]:
    """A metadata member with absurd content (a 0-d unicode array, or something else)."""
    meta = dict(meta)
    key, values = [
        ("dtype", ["float16", "O", "V8", 5, None, "f4, f4", {"a": 1}, ["<f4"], {"names": ["a"], "formats": ["x"]},
                   {"names": ["a"], "formats": ["<f4"]}, "longdouble", "complex64", "<f4", "M8", "U", "", "float32" * 99,
                   {"a": ["<f4", 0]}, [["a", "<f4"]]]),
        ("layer_sizes", [[784, 10**30, 10], [784], [], "784", [784, -1, 10], [784.0, 15, 10], [True, 15, 10],
                         [784, 2**63, 10], [784, 15, 10, 10], [15, 784, 10], None, {"a": 1}, [784, 0, 10]]),
        ("format_version", [-1, "1", 10**100, True, 1.5, None, 2, [1]]),
        ("binarize", ["x", -0.0, 1e-320, 1.0, -1, [0.5], True, 10**400]),
        ("history", [[1, 2], {}, [[]], "x", [{"epoch": 10**400}], None]),
        ("config", [[], "x", None, 5]),
        ("format", [None, "mnist-gui-mlp ", 5, ["mnist-gui-mlp"]]),
    ][int(rng.integers(7))]
    value = values[int(rng.integers(len(values)))]
    sub = int(rng.integers(10))
    if sub == 0:  # JSON that json.loads reads with a float overflow or special values
        text = json.dumps(meta)[:-1] + ', "x": 1e999, "y": NaN, "z": -Infinity}'
        return npy_bytes(np.array(text)), "metadata with 1e999, NaN, -Infinity"
    if sub == 1:
        depth = int(rng.choice([1000, 100_000]))
        return npy_bytes(np.array("[" * depth + "]" * depth)), f"metadata nested {depth} deep"
    if sub == 2:  # not a 0-d unicode array
        array = [np.arange(5), np.array([[json.dumps(meta)]]), np.array(json.dumps(meta).encode()), np.array(""),
                 np.array([json.dumps(meta)] * 2), np.zeros((0,), "<U3"), np.array(3.5)][int(rng.integers(7))]
        return npy_bytes(array), f"metadata array {array.dtype} {array.shape}"
    if sub == 3:
        return npy_bytes(np.array(json.dumps([meta]))), "metadata a JSON list"
    if key == "layer_sizes" or isinstance(value, int) and abs(value) > 2**64:
        text = json.dumps({**meta, key: value})
    else:
        meta[key] = value
        text = json.dumps(meta)
    return npy_bytes(np.array(text)), f"metadata {key} = {str(value)[:40]}"


def craft_npz(rng, seeds: Seeds) -> Input:
    """A crafted network file: .npy headers, float overflow, metadata, zip records."""
    base = "small" if rng.random() < 0.7 else "tiny"
    members = seeds.model_members[base]
    names = [n for n, _, _ in members]
    case = int(rng.integers(10))
    if case <= 3:  # a crafted .npy in place of an array (or of the metadata)
        target = names[int(rng.integers(len(names)))]
        payload, what = craft_npy(rng)
        return Input(_replace(members, target, payload), "crafted", f"{base} {target}: {what}")
    if case <= 5:  # float64 values beyond float32's range in a float32 network
        meta = _metadata(seeds.model_members["small"])
        target = ("weights_0.npy", "biases_0.npy", "biases_1.npy", "weights_1.npy")[int(rng.integers(4))]
        content = {n: c for n, c, _ in seeds.model_members["small"]}[target]
        array = np.load(io.BytesIO(content)).astype(np.float64)
        big = float(rng.choice([1e300, -1e300, 3.5e38, 1e39, 1.7976931348623157e308, 5e-324, 1e-46]))
        flat = array.reshape(-1)
        flat[rng.integers(flat.size, size=int(rng.integers(1, 13)))] = big
        meta_dtype = meta["dtype"]
        return Input(_replace(seeds.model_members["small"], target, npy_bytes(array)), "crafted",
                     f"small ({meta_dtype}) {target} float64 with {big:g}")
    if case <= 7:
        payload, what = craft_metadata(rng, _metadata(members))
        return Input(_replace(members, "metadata.npy", payload), "crafted", f"{base} {what}")
    return craft_zip_records(rng, base, members)


def craft_zip_records(rng, base: str, members) -> Input:
    """Zip records that lie or are odd: sizes, methods, flags, names, the end record."""
    built = [member(n, c, m) for n, c, m in members]
    sub = int(rng.integers(9))
    k = int(rng.integers(len(built)))
    m = built[k]
    if sub == 0:
        m.method = int(rng.choice([1, 6, 9, 13, 95, 97, 98, 99, 65535]))
        what = f"{m.name} method {m.method}"
    elif sub == 1:
        m.flags = int(rng.choice([1, 0x40, 0x2000, 0x41, 8]))
        what = f"{m.name} flags {m.flags:#x}"
    elif sub == 2:
        m.size = int(rng.choice([0, 1, m.size - 1, m.size + 1, 2**32 - 1, 2**31]))
        what = f"{m.name} declares {m.size} bytes"
    elif sub == 3:
        m.csize = int(rng.choice([0, 1, len(m.data) - 1, len(m.data) + 1, 2**32 - 1]))
        what = f"{m.name} compressed size {m.csize}"
    elif sub == 4:
        m.name = ["weights_0", "../weights_0.npy", "/weights_0.npy", "metadata.npy", "w\x00.npy", ".npy", "a" * 300
                  + ".npy", "weights_0.npy/"][int(rng.integers(8))]
        what = f"member renamed {m.name[:30]!r}"
    elif sub == 5:
        built.append(member(built[int(rng.integers(len(built)))].name, npy_bytes(np.zeros(3, np.float32))))
        what = "a duplicated member name"
    elif sub == 6:
        return Input(build_zip(built, entries=int(rng.choice([0, 1, 65535]))), "crafted",
                     f"{base} end record entries forged")
    elif sub == 7:
        return Input(build_zip(built, cd_offset_shift=int(rng.integers(-200, 200))), "crafted",
                     f"{base} central directory offset forged")
    else:
        many = [member(f"x{i}.npy", b"") for i in range(int(rng.integers(100, 3000)))]
        return Input(build_zip(built + many), "crafted", f"{base} + {len(many)} empty members")
    return Input(build_zip(built), "crafted", f"{base} {what}")


# -- bombs --------------------------------------------------------------------------------

def deflate_zeros(prefix: bytes, size: int) -> tuple[bytes, int]:
    """A raw deflate stream of ``prefix`` + zeros, ``size`` bytes in all, and its CRC-32,
    made in a second or so: 1 MiB of zeros compressed once with a full flush is a
    self-contained run of blocks, repeated; an empty final block ends it."""
    mib = 1 << 20
    chunk = bytes(mib)
    c = zlib.compressobj(9, zlib.DEFLATED, -15, 9)
    first = c.compress(prefix + bytes(mib - len(prefix))) + c.flush(zlib.Z_FULL_FLUSH)
    c = zlib.compressobj(9, zlib.DEFLATED, -15, 9)
    block = c.compress(chunk) + c.flush(zlib.Z_FULL_FLUSH)
    n = size // mib
    crc = zlib.crc32(prefix + bytes(mib - len(prefix)))
    for _ in range(n - 1):
        crc = zlib.crc32(chunk, crc)
    return first + block * (n - 1) + b"\x03\x00", crc


def make_bombs(mb: int) -> list[tuple[str, str | None, callable]]:
    """(reader, entry point, build) of each bomb; build() gives its Input. An IDX bomb goes
    to one entry point; a model bomb to each (None)."""
    size = mb << 20
    header = idx_file(0x08, (N_IMAGES, 28, 28), b"")

    def gzip_bomb() -> bytes:
        """One gzip member: the 100-image IDX header, then zeros, ``size`` bytes in all."""
        body, crc = deflate_zeros(header, size)
        return b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x02\xff" + body + struct.pack("<2L", crc, size & 0xFFFFFFFF)

    def npz_bomb(target: str, understate: bool = False) -> bytes:
        """A small network whose ``target`` member inflates to ``size`` bytes of deflate."""
        small = MLP((784, 15, 10), rng=np.random.default_rng(0))
        with tempfile.TemporaryDirectory() as tmp:
            small.save(Path(tmp) / "m.npz")
            members = read_members((Path(tmp) / "m.npz").read_bytes())
        if target == "metadata.npy":  # a 0-d string of ``size`` bytes (UCS-4: size / 4 characters)
            head = npy_raw(f"{{'descr': '<U{size // 4}', 'fortran_order': False, 'shape': (), }}")
        else:  # an array of ``size`` bytes of float32 where 784 x 15 is declared by the metadata
            head = npy_raw(header_text(shape=f"({size // 4},)"))
        body, crc = deflate_zeros(head, size)
        bomb = Member(target, body, zipfile.ZIP_DEFLATED, crc, 1000 if understate else size)
        return build_zip([bomb if n == target else member(n, c, zipfile.ZIP_DEFLATED) for n, c, _ in members])

    return [
        ("idx", "decode_idx", lambda: Input(gzip_bomb(), "bomb", f"gzip {mb} MB behind a 100-image header")),
        ("idx", "read_idx", lambda: Input(gzip_bomb(), "bomb", f"gzip {mb} MB behind a 100-image header")),
        ("idx", "load_mnist", lambda: Input(gzip_bomb(), "bomb", f"gzip {mb} MB behind a 100-image header, the test images")),
        ("model", None, lambda: Input(npz_bomb("weights_0.npy"), "bomb",
                                            f"weights_0 deflate member of {mb} MB")),
        ("model", None, lambda: Input(npz_bomb("metadata.npy"), "bomb", f"metadata deflate member of {mb} MB")),
        ("model", None, lambda: Input(npz_bomb("weights_0.npy", understate=True), "bomb",
                                            f"weights_0 deflate member of {mb} MB, its record says 1,000 bytes")),
    ]


# ================================================================================ checks

def describe(exc: BaseException) -> tuple[str, str]:
    """An exception's type name (module-qualified unless builtin) and message, one line."""
    t = type(exc)
    name = t.__name__ if t.__module__ in ("builtins", "exceptions") else f"{t.__module__}.{t.__name__}"
    return name, str(exc).replace("\n", " ")[:300]


def well_formed_idx(result, header) -> str | None:
    """Why an IDX result is not well formed, or None."""
    if not isinstance(result, np.ndarray):
        return f"returned {type(result).__name__}, not an ndarray"
    if header is None:
        return f"returned an array {result.shape} from data with no readable IDX header"
    code, shape = header
    if code not in IDX_DTYPES:
        return f"returned an array for type code {code:#x}"
    if result.shape != tuple(shape):
        return f"returned shape {result.shape}, the header declares {tuple(shape)}"
    if result.dtype != IDX_DTYPES[code].newbyteorder("="):
        return f"returned dtype {result.dtype} for type code {code:#x}"
    return None


def well_formed_model(result) -> str | None:
    """Why a loaded model is not well formed, or None."""
    if not isinstance(result, MLP):
        return f"returned {type(result).__name__}, not an MLP"
    sizes = result.layer_sizes
    if not (isinstance(sizes, tuple) and len(sizes) >= 2 and all(type(n) is int and n >= 1 for n in sizes)):
        return f"layer_sizes {sizes!r}"
    if len(result.weights) != len(sizes) - 1 or len(result.biases) != len(sizes) - 1:
        return "wrong number of weight or bias arrays"
    dtypes = {p.dtype for p in result.weights + result.biases}
    if len(dtypes) != 1 or dtypes.pop() not in (np.float32, np.float64):
        return f"parameter dtypes {sorted(str(p.dtype) for p in result.weights + result.biases)}"
    for l, (w, b) in enumerate(zip(result.weights, result.biases)):
        if w.shape != (sizes[l], sizes[l + 1]) or b.shape != (sizes[l + 1],):
            return f"layer {l}: shapes {w.shape} and {b.shape} for sizes {sizes}"
        if not (np.isfinite(w).all() and np.isfinite(b).all()):
            return f"layer {l}: weights or biases not finite"
    if not isinstance(result.metadata, dict):
        return "metadata is not a dict"
    return None


@dataclass
class Tally:
    """Outcomes of one (entry point, kind): calls, failures, the first failure, types."""
    examples: int = 0
    failures: int = 0
    first: str = ""
    types: collections.Counter = field(default_factory=collections.Counter)
    first_of_type: dict = field(default_factory=dict)  # failure type -> first failure


class Fuzzer:
    """Runs the inputs through the entry points and tallies the outcomes."""

    def __init__(self, workdir: Path, seeds: Seeds, bomb_limit_mb: float, save_failures: Path | None):
        self.workdir = workdir
        self.bomb_limit = bomb_limit_mb * (1 << 20)
        self.save_failures = save_failures
        self.tallies: dict[tuple[str, str], Tally] = collections.defaultdict(Tally)
        self.failed_inputs = collections.Counter()  # reader -> inputs with a failure
        self.inputs = collections.Counter()
        self.bomb_peaks: dict[str, float] = {}
        self.bomb_seconds: dict[str, float] = {}
        self.slowest: dict[str, tuple[float, str]] = {}
        self.saved = 0
        folder = workdir / "mnist"  # a small data set whose test images are the input
        folder.mkdir()
        write_idx(folder / "train-images-idx3-ubyte", seeds.images)
        write_idx(folder / "train-labels-idx1-ubyte", seeds.labels)
        write_idx(folder / "t10k-labels-idx1-ubyte", seeds.labels)
        self.mnist = folder
        self.bytes_reader = find_bytes_reader()

    def entries(self, reader: str, index: int, item: Input) -> list[str]:
        """The entry points input ``index`` goes to."""
        if item.entry is not None:
            return [item.entry]
        if reader == "idx":
            out = ["decode_idx"]
            if index % READ_IDX_EVERY == 0:
                out.append("read_idx")
            if index % LOAD_MNIST_EVERY == 0:
                out.append("load_mnist")
            return out
        return ["MLP.load"] + ([self.bytes_reader.__name__] if self.bytes_reader is not None else [])

    def call(self, entry: str, raw: bytes):
        """Call one entry point on ``raw`` (written to a file first for the file readers)."""
        if entry == "decode_idx":
            return idx_module.decode_idx(raw, "<fuzz input>")
        if entry == "read_idx":
            path = self.workdir / "input.idx"
            path.write_bytes(raw)
            return idx_module.read_idx(path)
        if entry == "load_mnist":
            path = self.mnist / "t10k-images-idx3-ubyte"
            path.write_bytes(raw)
            return load_mnist(self.mnist, n_validation=10)
        if entry == "MLP.load":
            path = self.workdir / "input.npz"
            path.write_bytes(raw)
            return MLP.load(path)
        return self.bytes_reader(raw)

    def check(self, reader: str, entry: str, item: Input, result) -> str | None:
        """Why a returned result is not well formed, or None."""
        if reader == "model":
            return well_formed_model(result)
        if entry == "load_mnist":
            if not isinstance(result, MnistData):
                return f"returned {type(result).__name__}, not MnistData"
            return well_formed_idx(result.test.images, item.header)
        return well_formed_idx(result, item.header)

    def run(self, reader: str, index: int, item: Input) -> None:
        """Run one input through its entry points and tally each outcome."""
        allowed = (ValueError,) if reader == "idx" else (ModelFileError, FileNotFoundError)
        if reader == "idx":
            item.header = idx_header(item.raw)
        self.inputs[reader] += 1
        failed = False
        for entry in self.entries(reader, index, item):
            tally = self.tallies[(entry, item.kind)]
            tally.examples += 1
            problem = None
            bomb = item.kind == "bomb"
            if bomb:
                tracemalloc.start()
            started = time.perf_counter()
            try:
                with warnings.catch_warnings():
                    warnings.simplefilter("error")
                    result = self.call(entry, item.raw)
            except allowed:
                result = None
            except Exception as exc:  # noqa: BLE001 - the contract: nothing else escapes, warnings included
                problem = describe(exc)
                result = None
            seconds = time.perf_counter() - started
            if bomb:
                peak = tracemalloc.get_traced_memory()[1]
                tracemalloc.stop()
                key = f"{item.detail} [{entry}]"
                self.bomb_peaks[key] = round(peak / (1 << 20), 1)
                self.bomb_seconds[key] = round(seconds, 3)
                if problem is None and peak > self.bomb_limit:
                    mb, limit = peak / (1 << 20), self.bomb_limit / (1 << 20)
                    problem = ("MemoryBound", f"the call allocated {mb:.0f} MB (traced peak), over {limit:.0f} MB")
            if problem is None and result is not None:
                why = self.check(reader, entry, item, result)
                if why is not None:
                    problem = ("MalformedResult", why)
            del result
            if seconds > self.slowest.get(reader, (0.0, ""))[0]:
                self.slowest[reader] = (seconds, f"#{index} {item.kind}: {item.detail[:80]} ({entry})")
            if problem is not None:
                failed = True
                tally.failures += 1
                tally.types[problem[0]] += 1
                if not tally.first:
                    tally.first = f"#{index} {problem[0]}: {problem[1][:90]} [{item.detail[:70]}]"
                tally.first_of_type.setdefault(problem[0], f"#{index} {item.kind}: {problem[1][:110]} "
                                                           f"[{item.detail[:90]}]")
                self.save(reader, entry, index, item)
        if failed:
            self.failed_inputs[reader] += 1

    def save(self, reader: str, entry: str, index: int, item: Input) -> None:
        """Write a failing input to ``--save-failures`` (bombs never: they are rebuilt)."""
        if self.save_failures is None or self.saved >= 200 or item.kind == "bomb":
            return
        self.save_failures.mkdir(parents=True, exist_ok=True)
        suffix = ".npz" if reader == "model" else ".idx"
        (self.save_failures / f"{reader}-{index:05d}-{item.kind}{suffix}").write_bytes(item.raw)
        self.saved += 1


def find_bytes_reader():
    """A bytes-level model reader of core.model_file, if the module has one."""
    try:
        module = importlib.import_module("core.model_file")
    except ImportError:
        return None
    for name in BYTES_READERS:
        function = getattr(module, name, None)
        if callable(function):
            return function
    return None


def schedule(n: int, n_bombs: int, seed: int, reader: int) -> list[str]:
    """The kind of each input: bombs first, then the other kinds in their shares, shuffled."""
    rest = max(0, n - n_bombs)
    counts = {k: int(rest * w) for k, w in WEIGHTS.items()}
    counts["mutated"] += rest - sum(counts.values())
    kinds = [k for k, c in counts.items() for _ in range(c)]
    np.random.default_rng([seed, reader, 10**9]).shuffle(kinds)
    return ["bomb"] * n_bombs + kinds


# ================================================================================ main

def main(argv: list[str] | None = None) -> dict:
    """Fuzz, print the table and the JSON line; return the JSON object."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=int, default=10_000, help="inputs per reader (default 10,000)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--no-bombs", action="store_true", help="leave the compression bombs out")
    parser.add_argument("--bomb-mb", type=int, default=1024, help="what each bomb inflates to, in MB (1,024)")
    parser.add_argument("--bomb-limit-mb", type=float,
                        help="a bomb call allocating more than this (traced peak) fails (100, or a quarter of "
                             "--bomb-mb if less)")
    parser.add_argument("--reader", choices=READERS, help="fuzz one reader only")
    parser.add_argument("--only", type=int, help="run input number ONLY of each reader (a replay)")
    parser.add_argument("--save-failures", type=Path, help="write failing inputs (up to 200) to this folder")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="fuzz-") as tmp:
        workdir = Path(tmp)
        seeds = Seeds(workdir)
        limit = args.bomb_limit_mb if args.bomb_limit_mb is not None else min(100.0, args.bomb_mb / 4)
        fuzzer = Fuzzer(workdir, seeds, limit, args.save_failures)
        bombs = [] if args.no_bombs else make_bombs(args.bomb_mb)
        for r, reader in enumerate(READERS):
            if args.reader not in (None, reader):
                continue
            own_bombs = [b for b in bombs if b[0] == reader]
            kinds = schedule(args.examples, len(own_bombs), args.seed, r)
            for i, kind in enumerate(kinds):
                if args.only is not None and i != args.only:
                    continue
                if kind == "bomb":
                    _, entry, build = own_bombs[i]
                    item = build()
                    item.entry = entry
                else:
                    rng = np.random.default_rng([args.seed, r, i])
                    item = (make_idx_input if reader == "idx" else make_model_input)(seeds, kind, rng)
                fuzzer.run(reader, i, item)
                del item
    seconds = time.perf_counter() - started
    peak_rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    report(fuzzer, args, seconds, peak_rss_mb)
    result = summary(fuzzer, args, seconds, peak_rss_mb)
    print(json.dumps(result))
    return result


def report(fuzzer: Fuzzer, args, seconds: float, peak_rss_mb: float) -> None:
    """Print the table, the first failure of each type, the bombs and the slowest inputs."""
    print(f"{'entry point':18} {'kind':10} {'inputs':>7} {'fail':>5}  first failure (#input type: message [input])")
    order = collections.defaultdict(lambda: 4, {"decode_idx": 0, "read_idx": 1, "load_mnist": 2, "MLP.load": 3})
    for (entry, kind), t in sorted(fuzzer.tallies.items(), key=lambda e: (order[e[0][0]], KINDS.index(e[0][1]))):
        print(f"{entry:18} {kind:10} {t.examples:7,} {t.failures:5,}  {t.first}")
    firsts = {}
    for (entry, _), t in sorted(fuzzer.tallies.items(), key=lambda e: order[e[0][0]]):
        for kind, text in t.first_of_type.items():
            firsts.setdefault((entry, kind), text)
    if firsts:
        print("first failure of each type:")
        for (entry, kind), text in firsts.items():
            print(f"  {entry} {kind}: {text}")
    for reader in READERS:
        if fuzzer.inputs[reader]:
            print(f"{reader}: {fuzzer.inputs[reader]:,} inputs, {fuzzer.failed_inputs[reader]:,} failed")
    for detail, mb in fuzzer.bomb_peaks.items():
        print(f"bomb: {detail}: traced peak {mb:.1f} MB, {fuzzer.bomb_seconds[detail]:.2f} s")
    for reader, (s, what) in fuzzer.slowest.items():
        print(f"slowest {reader} input: {s:.3f} s, {what}")
    print(f"peak RSS {peak_rss_mb:.0f} MB; {seconds:.1f} s; seed {args.seed}"
          f"{'; bytes-level model reader: core.model_file.' + fuzzer.bytes_reader.__name__ if fuzzer.bytes_reader else ''}")


def summary(fuzzer: Fuzzer, args, seconds: float, peak_rss_mb: float) -> dict:
    """The JSON object: examples, failures, peak_rss_mb first, then the details."""
    by_reader = {}
    for reader in READERS:
        if not fuzzer.inputs[reader]:
            continue
        types = collections.Counter()
        calls = 0
        for (entry, _), t in fuzzer.tallies.items():
            if (entry in ("decode_idx", "read_idx", "load_mnist")) == (reader == "idx"):
                types.update(t.types)
                calls += t.examples
        by_reader[reader] = {"examples": fuzzer.inputs[reader], "failures": fuzzer.failed_inputs[reader],
                             "calls": calls, "failure_types": dict(types.most_common())}
    return {
        "examples": sum(fuzzer.inputs.values()),
        "failures": sum(fuzzer.failed_inputs.values()),
        "peak_rss_mb": round(peak_rss_mb, 1),
        "seconds": round(seconds, 1),
        "seed": args.seed,
        "bombs": not args.no_bombs,
        "by_reader": by_reader,
        "bomb_peak_mb": fuzzer.bomb_peaks,
        "bomb_seconds": fuzzer.bomb_seconds,
        "slowest_s": {reader: round(s, 3) for reader, (s, _) in fuzzer.slowest.items()},
    }


if __name__ == "__main__":
    main()

"""Model files: the ``.npz`` files :meth:`core.mlp.MLP.save` writes and :meth:`~core.mlp.MLP.load` reads.

A model file (format version 1) is a zip archive of ``.npy`` members, as :func:`numpy.savez`
writes them: ``metadata.npy``, a 0-d unicode array holding JSON (the format name and
version, ``layer_sizes``, ``dtype``, ``binarize`` and the model's free metadata), then
``weights_0.npy`` of shape ``(n_in, n_out)``, ``biases_0.npy`` of shape ``(n_out,)``,
``weights_1.npy`` and so on. Nothing is pickled.

Reading trusts no byte of the file. ``np.load`` would inflate a member before looking at
it, so a 1 MB archive could claim gigabytes, and the errors of the zip reader, its three
decompressors and numpy's header parser would escape as a dozen exception types. Here the
archive is read with :mod:`zipfile` member by member: the metadata first, whose
``layer_sizes`` say what every array must be; then each member's ``.npy`` header is parsed
and checked against that (dtype, shape, the size the zip entry declares) before any of its
data is inflated; data is inflated in steps of at most 1 MiB and never beyond what the
header calls for plus one byte (to notice trailing data). Every failure, whatever raised
it, becomes :class:`ModelFileError` naming the file, the problem and what to do.
"""

from __future__ import annotations

import ast
import bz2
import contextlib
import copy
import io
import json
import lzma
import math
import os
import re
import stat
import zipfile
import zlib
from collections.abc import Iterator
from itertools import pairwise
from pathlib import Path
from typing import IO

import numpy as np

from core.atomic import atomic_open

__all__ = [
    "MAX_METADATA_BYTES",
    "MAX_PARAMETERS",
    "MODEL_FORMAT",
    "MODEL_FORMAT_VERSION",
    "ModelFileError",
    "read_model",
    "read_model_bytes",
    "write_model",
]

MODEL_FORMAT = "mnist-gui-mlp"
MODEL_FORMAT_VERSION = 1

#: The metadata member's data holds at most this many bytes (UTF-32, so a quarter as many
#: characters). The bundled network's is 74 KB; a run of 1,000 epochs writes about 1 MB.
MAX_METADATA_BYTES = 16 * 2**20
#: Weights and biases together: twice the most weights :class:`core.sgd.TrainConfig`
#: allows (``MAX_WEIGHTS``, 10^8), 1.6 GB in float64.
MAX_PARAMETERS = 200_000_000
#: A ``.npy`` header is at most this long (numpy's own limit for untrusted files).
MAX_HEADER_BYTES = 10_000
#: The dictionary an LZMA member may ask for, at most (``xz -9`` uses 64 MiB).
MAX_LZMA_DICTIONARY = 2**27

_OUT_STEP = 2**20  # bytes inflated per step, at most
_IN_STEP = 2**16  # compressed bytes read per step
_METHODS = {zipfile.ZIP_STORED: "stored", zipfile.ZIP_DEFLATED: "deflate", zipfile.ZIP_BZIP2: "bzip2",
            zipfile.ZIP_LZMA: "LZMA"}
#: The dtype descriptors a header may give: one letter of a kind numpy knows, a size, a
#: byte order. Anything else (structured types, deprecated aliases that warn) is refused
#: before numpy sees it.
_SIMPLE_DESCR = re.compile(r"[<>|=]?[fiubcSUVOMm][0-9]{0,12}")
_DAMAGED = "Use an undamaged copy, or train the network again and save it."
_NOT_OURS = "Choose a model file saved by mnist-gui (File > Save Model As… or mnist-train --save)."


class ModelFileError(ValueError):
    """A model file cannot be read: not an ``.npz``, wrong content, or inconsistent shapes.

    The message names the file, the problem and what to do. It is a ``ValueError``, so
    callers that catch ``ValueError`` for bad input catch it too.
    """


def write_model(model, path: str | os.PathLike) -> None:
    """Write ``model`` (a :class:`core.mlp.MLP`) to an ``.npz`` model file, atomically.

    The arrays are written with :func:`numpy.savez` (uncompressed): ``metadata`` (0-d
    unicode JSON: :attr:`~core.mlp.MLP.metadata` plus ``format``, ``format_version``,
    ``layer_sizes``, ``dtype`` and ``binarize``), ``weights_0``, ``biases_0``, ... The file
    is written to a temporary file in the same folder and renamed over ``path``
    (:func:`core.atomic.atomic_open`), so an interrupted save never leaves half a model.

    Raises
    ------
    OSError
        The folder cannot be written; ``path`` is unchanged.
    TypeError
        The model's metadata is not JSON-serialisable; ``path`` is unchanged.
    """
    meta = dict(model.metadata)
    meta.update(format=MODEL_FORMAT, format_version=MODEL_FORMAT_VERSION,
                layer_sizes=list(model.layer_sizes), dtype=str(model.dtype), binarize=model.binarize)
    arrays = {"metadata": np.array(json.dumps(meta))}
    for l, (w, b) in enumerate(zip(model.weights, model.biases)):
        arrays[f"weights_{l}"] = w
        arrays[f"biases_{l}"] = b
    with atomic_open(Path(path), "wb") as f:
        np.savez(f, **arrays)


def read_model(path: str | os.PathLike, cls=None):
    """Read a model file written by :func:`write_model` (or :meth:`core.mlp.MLP.save`).

    Everything is checked before a model is built (see the module docstring), so a
    caller that keeps its current model until this returns loses nothing on failure.

    Parameters
    ----------
    path : str or path-like
    cls : type, optional
        The class to build, :class:`core.mlp.MLP` (the default) or a subclass.

    Returns
    -------
    MLP
        A new model: ``weights[l]`` of shape ``(layer_sizes[l], layer_sizes[l + 1])`` and
        ``biases[l]`` of shape ``(layer_sizes[l + 1],)``, all of the saved dtype (float32
        or float64) and finite in it; its metadata as saved.

    Raises
    ------
    FileNotFoundError
        No such file.
    ModelFileError (a ValueError)
        Anything else: the file cannot be opened, is a folder, is not a zip archive, is
        damaged, holds pickled objects, does not match its own metadata, ... The message
        names the file, the problem and what to do. Nothing else is raised, whatever the
        file holds.
    """
    path = Path(path)
    bad = _complaint(path)
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        raise FileNotFoundError(f"{path}: no such model file.") from None
    except (OSError, ValueError) as exc:  # ValueError: a NUL in the name
        raise bad(f"it cannot be examined ({_describe(exc)}).", "Check the path and that you may read it.") from None
    if stat.S_ISDIR(mode):
        raise bad("it is a folder.", "Choose a .npz model file.")
    if not stat.S_ISREG(mode):
        raise bad("it is not a regular file.", "Choose a .npz model file.")
    try:
        with open(path, "rb") as f:
            return _read(f, bad, cls)  # raises ModelFileError only
    except FileNotFoundError:
        raise FileNotFoundError(f"{path}: no such model file.") from None
    except OSError as exc:
        raise bad(f"it cannot be opened ({exc.strerror or exc}).", "Check that you may read it.") from None


def read_model_bytes(data: bytes, name: str = "<bytes>", cls=None):
    """Read a model from the bytes of a model file, as :func:`read_model` reads the file.

    Parameters
    ----------
    data : bytes
        The whole file.
    name : str
        What messages call the file.
    cls : type, optional
        The class to build, :class:`core.mlp.MLP` by default.

    Returns
    -------
    MLP

    Raises
    ------
    ModelFileError (a ValueError)
        As :func:`read_model`; nothing else, for any ``data``.
    """
    return _read(io.BytesIO(bytes(data)), _complaint(name), cls)


# -- reading ----------------------------------------------------------------------------


def _complaint(name):
    """A function making the ModelFileError for one file: ``bad(problem, advice)``."""
    def bad(problem: str, advice: str = _DAMAGED) -> ModelFileError:
        return ModelFileError(f"{name}: not a usable model file: {problem} {advice}")
    return bad


def _describe(exc: BaseException, limit: int = 200) -> str:
    """``exc`` as "Type: message", cut to ``limit`` characters (numpy quotes whole headers)."""
    text = f"{type(exc).__name__}: {exc}"
    return text if len(text) <= limit else text[:limit - 3] + "..."


@contextlib.contextmanager
def _stage(bad, problem: str, advice: str = _DAMAGED) -> Iterator[None]:
    """Turn any exception but ModelFileError raised inside into ``bad(problem (exc))``.

    The code inside parses untrusted bytes with the standard library's and numpy's
    readers, which raise whatever their authors chose (zlib.error, LZMAError, EOFError,
    struct.error, tokenize.TokenError, OverflowError, MemoryError, ...)."""
    try:
        yield
    except ModelFileError:
        raise
    except Exception as exc:  # noqa: BLE001 - the contract: nothing else escapes
        raise bad(f"{problem} ({_describe(exc)}).", advice) from None


def _read(f: IO[bytes], bad, cls):
    """Read a model from the open binary file ``f``; ``bad`` makes the errors."""
    with _stage(bad, "it cannot be read", "Check the disk and that you may read it."):
        head = f.read(4)
        f.seek(0)
    if head != b"PK\x03\x04":
        raise bad("it is not an .npz archive (a zip file of named arrays).", _NOT_OURS)
    with _stage(bad, "it is a damaged or truncated .npz archive"):
        archive = zipfile.ZipFile(f)
    with archive:
        members = _members(archive, bad)
        if "metadata" not in members:
            raise bad("no 'metadata' entry; it was not written by this program.", _NOT_OURS)
        meta = _read_metadata(archive, members["metadata"], bad)
        sizes, dtype, binarize = _check_metadata(meta, bad)
        expected = {}
        for l, (n_in, n_out) in enumerate(pairwise(sizes)):
            expected[f"weights_{l}"] = (n_in, n_out)
            expected[f"biases_{l}"] = (n_out,)
        for name in expected:
            if name not in members:
                raise bad(f"array {name!r} is missing.")
        extra = sorted(set(members) - set(expected) - {"metadata"})
        if extra:
            raise bad(f"unexpected arrays {_short(extra, 200)} for layer sizes {_short(sizes)}.", _NOT_OURS)
        arrays = {name: _read_array(archive, members[name], shape, dtype, bad) for name, shape in expected.items()}
    klass = _model_class(cls)
    model = klass.__new__(klass)
    model.layer_sizes = tuple(sizes)
    model.binarize = binarize
    model.weights = [arrays[f"weights_{l}"] for l in range(len(sizes) - 1)]
    model.biases = [arrays[f"biases_{l}"] for l in range(len(sizes) - 1)]
    for key in ("format", "format_version", "layer_sizes", "dtype", "binarize"):
        meta.pop(key, None)
    model.metadata = meta
    return model


def _model_class(cls):
    """``cls``, or :class:`core.mlp.MLP` if None (imported here: core.mlp imports this module)."""
    if cls is None:
        from core.mlp import MLP
        return MLP
    return cls


def _members(archive: zipfile.ZipFile, bad) -> dict[str, zipfile.ZipInfo]:
    """The archive's members by array name (``weights_0.npy`` is ``weights_0``), checked
    for what this reader cannot or will not read: duplicates, encryption, other methods."""
    members = {}
    for info in archive.infolist():
        name = info.filename.removesuffix(".npy")
        if name in members:
            raise bad(f"it holds two members named {_short(name)}; it is damaged or was not written by this program.")
        if info.flag_bits & 0x1:
            raise bad(f"member {_short(info.filename)} is encrypted.", _NOT_OURS)
        if info.compress_type not in _METHODS:
            raise bad(f"member {_short(info.filename)} is compressed with method {info.compress_type}, which mnist-gui "
                      "does not read (only stored, deflate, bzip2 and LZMA).", _NOT_OURS)
        members[name] = info
    return members


def _read_metadata(archive: zipfile.ZipFile, info: zipfile.ZipInfo, bad) -> dict:
    """The metadata member's JSON, as a dict (not yet checked beyond that)."""
    what = "its metadata"
    with _MemberStream(archive, info, bad) as stream:
        shape, _, dtype, used = _read_header(stream, what, bad)
        if dtype.hasobject:
            raise bad(f"{what} contains pickled Python objects, which are never loaded (they can run code).",
                      _NOT_OURS)
        if dtype.kind != "U" or shape != ():
            raise bad(f"{what} is not text (a {_short(shape)} array of {_short(dtype)}).", _NOT_OURS)
        if dtype.itemsize > MAX_METADATA_BYTES:
            raise bad(f"{what} claims {dtype.itemsize:,} bytes; at most {MAX_METADATA_BYTES:,} are read.")
        data = _read_data(stream, info, used, dtype.itemsize, what, bad)
    with _stage(bad, f"{what} is not readable text"):
        text = str(np.frombuffer(data, dtype=dtype, count=1)[0])
    try:
        meta = json.loads(text)
    except (ValueError, TypeError, RecursionError) as exc:
        raise bad(f"{what} is not valid JSON ({_describe(exc)}).") from None
    if not isinstance(meta, dict) or meta.get("format") != MODEL_FORMAT:
        raise bad(f"{what} does not name the format {MODEL_FORMAT!r}.", _NOT_OURS)
    return meta


def _check_metadata(meta: dict, bad) -> tuple[list[int], np.dtype, float | None]:
    """``(layer_sizes, dtype, binarize)`` from checked metadata."""
    version = meta.get("format_version", 0)
    if not isinstance(version, int) or isinstance(version, bool) or version < 0:
        raise bad(f"format_version {_short(version)} in its metadata is not a whole number.")
    if version > MODEL_FORMAT_VERSION:
        raise bad(f"format version {version} is newer than this program reads ({MODEL_FORMAT_VERSION}).",
                  "Update mnist-gui.")
    sizes = meta.get("layer_sizes")
    if (not isinstance(sizes, list) or len(sizes) < 2
            or not all(isinstance(n, int) and not isinstance(n, bool) and n >= 1 for n in sizes)):
        raise bad(f"layer_sizes in its metadata is {_short(sizes)}, not a list of at least two positive integers.")
    n_params = sum(n_in * n_out + n_out for n_in, n_out in pairwise(sizes))  # Python integers: no overflow
    if n_params > MAX_PARAMETERS:
        count = f"{n_params:,}" if n_params < 10**30 else "more than 10^30"
        raise bad(f"its layer sizes {_short(sizes)} call for {count} parameters; at most {MAX_PARAMETERS:,} "
                  "are read.")
    name = meta.get("dtype", "float32")
    dtype = None
    if isinstance(name, str) and len(name) <= 20:
        with contextlib.suppress(Exception):
            dtype = np.dtype(name)
    if dtype not in (np.float32, np.float64):
        raise bad(f"dtype {_short(name)} is not float32 or float64.")
    _check_records(meta, bad)
    binarize = meta.get("binarize")
    if binarize is not None and not (isinstance(binarize, (int, float)) and not isinstance(binarize, bool)
                                     and 0 <= binarize < 1):
        raise bad(f"binarize threshold {_short(binarize)} is not a number in [0, 1).")
    return sizes, dtype, None if binarize is None else float(binarize)


#: The parts of the metadata the program reads (core.sgd.train, core.finetune and the GUI
#: write them), what each must be, so that a crafted file cannot crash a view that plots a
#: history: ``(key, type, None or a checker of one entry)``. Other keys are free.
_MAX_EPOCH = 10**6
_MAX_BATCH = 10**9


def _number(low=-math.inf, high=math.inf, nan=False):
    """A checker: None, or an int or float (not a bool) in [low, high] (NaN too if ``nan``)."""
    def check(v):
        if v is None:
            return True
        if isinstance(v, bool) or not isinstance(v, (int, float)):
            return False
        return (nan and isinstance(v, float) and math.isnan(v)) or low <= v <= high
    return check


def _whole(low, high):
    return lambda v: isinstance(v, int) and not isinstance(v, bool) and low <= v <= high


_ROW_FIELDS = {
    "history": {"epoch": _whole(1, _MAX_EPOCH), "cost": _number(nan=True),
                "training_accuracy": _number(0, 1), "validation_accuracy": _number(0, 1),
                "test_accuracy": _number(0, 1), "seconds": _number(0, math.inf), "learning_rate": _number(0, 1e300),
                "saturation": lambda v: v is None or (isinstance(v, list) and all(_number(0, 1)(x) for x in v))},
    "learning_rate_changes": {"epoch": _whole(1, _MAX_EPOCH), "batch": _whole(0, _MAX_BATCH),
                              "learning_rate": _number(0, 1e300)},
    "fine_tuned": {},
}
_REQUIRED = {"history": ("epoch",)}


def _check_records(meta: dict, bad) -> None:
    """Refuse metadata whose parts the program reads (see ``_ROW_FIELDS``) have the wrong types."""
    if "config" in meta and not isinstance(meta["config"], dict):
        raise bad("'config' in its metadata is not an object.")
    for key in ("kept_epoch", "diverged"):
        if meta.get(key) is not None and not isinstance(meta[key], dict):
            raise bad(f"'{key}' in its metadata is not an object.")
    if not _number(0, math.inf)(meta.get("n_train")) or isinstance(meta.get("n_train"), float):
        raise bad(f"'n_train' in its metadata is {_short(meta.get('n_train'))}, not a whole number.")
    for key, fields in _ROW_FIELDS.items():
        if key not in meta:
            continue
        rows = meta[key]
        if not isinstance(rows, list):
            raise bad(f"'{key}' in its metadata is not a list.")
        for i, row in enumerate(rows):
            if not isinstance(row, dict):
                raise bad(f"'{key}' in its metadata holds entries that are not objects (entry {i + 1}).")
            for field in _REQUIRED.get(key, ()):
                if field not in row:
                    raise bad(f"entry {i + 1} of '{key}' in its metadata has no {field!r}.")
            for field, check in fields.items():
                if field in row and not check(row[field]):
                    raise bad(f"entry {i + 1} of '{key}' in its metadata has {field!r} {_short(row[field])}, "
                              "out of range or of the wrong type.")


def _read_array(archive: zipfile.ZipFile, info: zipfile.ZipInfo, shape: tuple[int, ...], dtype: np.dtype,
                bad) -> np.ndarray:
    """One parameter array: checked against ``shape``, cast to ``dtype``, finite after the cast."""
    what = f"array {info.filename[:-4]!r}"
    with _MemberStream(archive, info, bad) as stream:
        found, fortran_order, stored, used = _read_header(stream, what, bad)
        if stored.hasobject:
            raise bad(f"{what} contains pickled Python objects, which are never loaded (they can run code).",
                      _NOT_OURS)
        if found != shape:
            raise bad(f"{what} has shape {_short(found)}, but its layer sizes need {shape}.")
        if stored.kind != "f":
            raise bad(f"{what} has dtype {_short(stored)}, not floating point.")
        data = _read_data(stream, info, used, math.prod(shape) * stored.itemsize, what, bad)
    with _stage(bad, f"{what} cannot be converted"):
        a = np.frombuffer(data, dtype=stored)
        a = a.reshape(shape[::-1]).T if fortran_order else a.reshape(shape)
        # The cast first, then the check: 1e300 in a float64 file is inf in a float32 model.
        with np.errstate(over="ignore", invalid="ignore"):
            a = a.astype(dtype, order="C")
    if not np.isfinite(a).all():
        raise bad(f"{what} holds NaN or infinite values (as {dtype}).")
    return a


def _read_header(stream: _MemberStream, what: str, bad) -> tuple[tuple, bool, np.dtype, int]:
    """Parse a member's ``.npy`` header: ``(shape, fortran_order, dtype, header bytes)``.

    The header length is checked before the header is read, and the header must be a
    Python literal as numpy writes it: numpy would try a header that is not as a Python 2
    one, with a warning; that is refused here instead."""
    with _stage(bad, f"{what} is not .npy data"):
        major, minor = np.lib.format.read_magic(stream)
    if (major, minor) not in ((1, 0), (2, 0)):
        raise bad(f"{what} has .npy format version {major}.{minor}, which mnist-gui never writes.", _NOT_OURS)
    length_bytes = 2 if major == 1 else 4
    raw_length = stream.read(length_bytes)
    length = int.from_bytes(raw_length, "little")
    if len(raw_length) != length_bytes:
        raise bad(f"{what} ends inside its .npy header.")
    if length > MAX_HEADER_BYTES:
        raise bad(f"{what} has a .npy header of {length:,} bytes; at most {MAX_HEADER_BYTES:,} are read.")
    header = stream.read(length)
    if len(header) != length:
        raise bad(f"{what} ends inside its .npy header.")
    with _stage(bad, f"{what} has a damaged .npy header"):
        fields = ast.literal_eval(header.decode("latin1"))
    descr = fields.get("descr") if isinstance(fields, dict) else None
    if isinstance(descr, str) and not _SIMPLE_DESCR.fullmatch(descr) or isinstance(descr, (list, tuple)):
        raise bad(f"{what} has dtype {_short(descr)}, not floating point.", _NOT_OURS)
    with _stage(bad, f"{what} has a damaged .npy header"):
        parse = np.lib.format.read_array_header_1_0 if major == 1 else np.lib.format.read_array_header_2_0
        shape, fortran_order, dtype = parse(io.BytesIO(bytes(raw_length) + bytes(header)),
                                            max_header_size=MAX_HEADER_BYTES)
    return shape, fortran_order, dtype, 8 + length_bytes + length


def _read_data(stream: _MemberStream, info: zipfile.ZipInfo, used: int, n_bytes: int, what: str,
               bad) -> bytearray:
    """The ``n_bytes`` of data after a header of ``used`` bytes, and nothing more."""
    if info.file_size != used + n_bytes:
        raise bad(f"{what}'s zip entry declares {info.file_size:,} bytes, but its header calls for "
                  f"{used + n_bytes:,}.")
    data = stream.read(n_bytes + 1)
    if len(data) < n_bytes:
        raise bad(f"{what} holds {len(data):,} bytes of data, not the {n_bytes:,} its header calls for; it is "
                  "truncated.")
    if len(data) > n_bytes:
        raise bad(f"{what} holds more data than its header calls for.")
    return data


def _short(value, limit: int = 80) -> str:
    """``repr(value)`` cut to ``limit`` characters, for messages about crafted values."""
    try:
        text = repr(value)
    except Exception:  # noqa: BLE001 - e.g. an int too long to print
        text = f"<a {type(value).__name__}>"
    return text if len(text) <= limit else text[:limit - 3] + "..."


class _MemberStream:
    """The uncompressed bytes of one zip member, inflated in bounded steps.

    ``zipfile`` itself inflates bzip2 and LZMA members without a bound on the output of a
    step (a few KB of bzip2 can hold gigabytes), so it only supplies the member's raw
    compressed bytes here (it still parses and checks the local header); the
    decompressors are called with ``max_length``, and the size and CRC-32 the zip entry
    declares are checked at the end of the data. Every failure becomes ModelFileError.
    """

    def __init__(self, archive: zipfile.ZipFile, info: zipfile.ZipInfo, bad):
        self._info, self._bad = info, bad
        self._what = f"member {_short(info.filename)}"
        raw = copy.copy(info)
        raw.compress_type = zipfile.ZIP_STORED
        raw.file_size = info.compress_size
        raw.CRC = None  # zipfile then checks no CRC on the compressed bytes; _finish checks the inflated ones
        with _stage(bad, f"{self._what} cannot be opened; the archive is damaged"):
            self._raw = archive.open(raw)
        self._crc, self._produced, self._done = 0, 0, False
        method = info.compress_type
        self._inflater = (_Inflate() if method == zipfile.ZIP_DEFLATED else
                          bz2.BZ2Decompressor() if method == zipfile.ZIP_BZIP2 else None)
        self._lzma_pending = method == zipfile.ZIP_LZMA

    def __enter__(self) -> _MemberStream:  # noqa: PYI034 - typing.Self needs Python 3.11
        return self

    def __exit__(self, *exc) -> None:
        self._raw.close()

    def read(self, n: int) -> bytearray:
        """Up to ``n`` bytes; fewer only at the end of the member (checked then)."""
        out = bytearray()
        with _stage(self._bad, f"{self._what} is damaged"):
            if self._lzma_pending:
                self._inflater = self._lzma()
                self._lzma_pending = False
            stalls = 0
            while len(out) < n and not self._done:
                want = min(n - len(out), _OUT_STEP)
                if self._inflater is None:
                    chunk = self._raw.read(want)
                    if not chunk:
                        self._finish()
                else:
                    d = self._inflater
                    if d.eof:
                        self._finish()
                        break
                    data = self._raw.read(_IN_STEP) if d.needs_input else b""
                    chunk = d.decompress(data, want)
                    if chunk or data:
                        stalls = 0
                    elif d.needs_input:  # no input left and no output: the end (LZMA has no end mark)
                        self._finish()
                    else:
                        stalls += 1
                        if stalls > 2:
                            raise self._bad(f"{self._what} is damaged (its compressed data makes no progress).")
                self._crc = zlib.crc32(chunk, self._crc)
                self._produced += len(chunk)
                out += chunk
        return out

    def _finish(self) -> None:
        self._done = True
        if self._produced != self._info.file_size:
            raise self._bad(f"{self._what} holds {self._produced:,} bytes, not the {self._info.file_size:,} its "
                            "zip entry declares; it is damaged or truncated.")
        if self._crc != self._info.CRC:
            raise self._bad(f"{self._what} fails its CRC-32 check; it is damaged.")

    def _lzma(self) -> lzma.LZMADecompressor:
        """The decompressor of a zip LZMA member (APPNOTE 5.8.8: a 4-byte header, then the
        LZMA1 properties, then the raw stream), its dictionary bounded."""
        header = self._raw.read(4)
        if len(header) != 4 or int.from_bytes(header[2:], "little") != 5:
            raise self._bad(f"{self._what} has a damaged LZMA header.")
        props = self._raw.read(5)
        if len(props) != 5 or props[0] >= 9 * 5 * 5:
            raise self._bad(f"{self._what} has damaged LZMA properties.")
        pb, rest = divmod(props[0], 9 * 5)
        lp, lc = divmod(rest, 9)
        dict_size = int.from_bytes(props[1:], "little")
        # A dictionary larger than the whole output is never used; past the cap, refuse.
        dict_size = max(4096, min(dict_size, self._info.file_size))
        if dict_size > MAX_LZMA_DICTIONARY:
            raise self._bad(f"{self._what} asks for an LZMA dictionary of {dict_size:,} bytes; at most "
                            f"{MAX_LZMA_DICTIONARY:,} are allowed.")
        return lzma.LZMADecompressor(lzma.FORMAT_RAW, filters=[
            {"id": lzma.FILTER_LZMA1, "dict_size": dict_size, "lc": lc, "lp": lp, "pb": pb}])


class _Inflate:
    """A raw-deflate decompressor with the interface of bz2's and lzma's (``eof``,
    ``needs_input``, ``decompress(data, max_length)``)."""

    def __init__(self):
        self._z = zlib.decompressobj(-zlib.MAX_WBITS)

    @property
    def eof(self) -> bool:
        return self._z.eof

    @property
    def needs_input(self) -> bool:
        return not self._z.unconsumed_tail

    def decompress(self, data: bytes, max_length: int) -> bytes:
        return self._z.decompress(self._z.unconsumed_tail + data, max_length)

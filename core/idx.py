"""Read and write IDX files, the format MNIST is distributed in.

The IDX format (described at the bottom of Y. LeCun and C. Cortes's MNIST page,
http://yann.lecun.com/exdb/mnist/) is a header followed by raw big-endian data:

    bytes 0-1   always 0
    byte  2     type code of the elements (0x08 = unsigned byte, 0x09 = signed byte,
                0x0B = short, 0x0C = int, 0x0D = float, 0x0E = double)
    byte  3     number of dimensions, d
    4 * d       the size of each dimension, as big-endian unsigned 32-bit integers
    ...         the data, in C (row-major) order, big-endian

MNIST's files are distributed gzip-compressed. Whether a file is compressed is decided
from its first two bytes (the gzip magic 1f 8b), never from its name, so a file that was
unpacked but kept its ``.gz`` name, or packed under a plain name, still reads.
"""

from __future__ import annotations

import gzip
import io
import math
import os
import stat
import zlib
from pathlib import Path
from typing import Self

import numpy as np

__all__ = ["IDX_DTYPES", "MAX_IDX_BYTES", "decode_idx", "gunzip_if_needed", "read_idx", "write_idx"]

#: IDX type code -> big-endian numpy dtype, from the format description.
IDX_DTYPES: dict[int, np.dtype] = {
    0x08: np.dtype(">u1"),
    0x09: np.dtype(">i1"),
    0x0B: np.dtype(">i2"),
    0x0C: np.dtype(">i4"),
    0x0D: np.dtype(">f4"),
    0x0E: np.dtype(">f8"),
}

_GZIP_MAGIC = b"\x1f\x8b"

#: The most data (in bytes, after the header) a reader accepts by default: 2 GiB. A header
#: can declare any size (up to 255 dimensions of 2**32 - 1 each), and a gzip file of 1 MB can
#: inflate to 1 GB, so what a header claims is checked against this before anything is
#: allocated or inflated. MNIST's largest file holds 47 MB; pass ``max_bytes`` for more.
MAX_IDX_BYTES = 2**31

#: Bytes inflated or read per step, so that memory is the declared array and one chunk.
_CHUNK = 1 << 20


class _Stream:
    """A binary file-like object read in bounded steps, every failure a ValueError naming the file.

    ``size`` is the number of bytes the stream holds when known without reading it all (a raw
    file or raw bytes), else None (gzip data, whose inflated size is known only by inflating)."""

    def __init__(self, f, path: str, compressed: bool, size: int | None):
        self.f, self.path, self.compressed, self.size = f, path, compressed, size

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *_) -> None:
        if self.compressed:  # the GzipFile; the file under it is the caller's
            self.f.close()

    def fail(self, exc: BaseException) -> ValueError:
        """The ValueError for a failure to read or inflate the data."""
        reason = str(exc) or type(exc).__name__
        if self.compressed:
            return ValueError(
                f"{self.path}: the file starts like gzip data but cannot be decompressed ({reason}); "
                "it is probably truncated or corrupt. Download it again."
            )
        return ValueError(f"{self.path}: cannot be read ({reason}).")

    def read(self, n: int) -> bytes:
        """Up to ``n`` bytes (fewer only at the end of the data)."""
        parts, left = [], n
        while left > 0:
            part = self._call(self.f.read, min(left, _CHUNK))
            if not part:
                break
            parts.append(part)
            left -= len(part)
        return b"".join(parts)

    def readinto(self, buffer: memoryview) -> int:
        """Fill ``buffer`` as far as the data goes; the number of bytes read."""
        pos = 0
        while pos < len(buffer):
            n = self._call(self.f.readinto, buffer[pos:pos + _CHUNK])
            if not n:
                break
            pos += n
        return pos

    def _call(self, method, arg):
        try:
            return method(arg)
        except (OSError, EOFError, zlib.error) as exc:  # gzip.BadGzipFile is an OSError
            raise self.fail(exc) from None


def _inflated(f, path: str, size: int | None):
    """``f`` (a seekable binary file at its start) wrapped as a :class:`_Stream`, through a
    streaming gzip reader if it starts with the gzip magic (decided by content, not name)."""
    compressed = f.read(2) == _GZIP_MAGIC
    f.seek(0)
    if compressed:
        return _Stream(gzip.GzipFile(fileobj=f, mode="rb"), path, True, None)
    return _Stream(f, path, False, size)


def gunzip_if_needed(raw: bytes, path: str = "<bytes>", *, max_bytes: int = MAX_IDX_BYTES + 4 + 4 * 255) -> bytes:
    """Return the bytes gunzipped if they start with the gzip magic (1f 8b), else unchanged.

    The data is inflated in steps and refused as soon as it passes ``max_bytes`` (by default
    :data:`MAX_IDX_BYTES` plus the largest IDX header), so a compression bomb costs at most
    that much memory. To read an IDX file, prefer :func:`decode_idx` or :func:`read_idx`,
    which inflate no more than the header declares.

    Parameters
    ----------
    raw : bytes
        A whole file's contents.
    path : str
        Names the data in error messages.
    max_bytes : int
        The most bytes the inflated data may hold.

    Returns
    -------
    bytes
        The inflated data (all gzip members, as :func:`gzip.decompress` gives), or ``raw``.

    Raises
    ------
    ValueError
        Naming ``path``: gzip data that cannot be decompressed (truncated, corrupt, or with
        trailing bytes that are not gzip), or that inflates past ``max_bytes``.
    """
    if not raw.startswith(_GZIP_MAGIC):
        return raw
    with _inflated(io.BytesIO(raw), path, None) as stream:
        data = stream.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise ValueError(
            f"{path}: the gzip data inflates to more than {max_bytes:,} bytes, more than any IDX file "
            "this app reads (a damaged file or a compression bomb). Use the original file."
        )
    return data


def _describe(head: bytes) -> str:
    """A short human guess at what a non-IDX file is, for error messages."""
    text = head[:64].lstrip().lower()
    if text.startswith((b"<!doctype", b"<html", b"<?xml", b"<head", b"<body")):
        return " It looks like an HTML page, not data: was a web page saved instead of the file?"
    if head.startswith(b"PK"):
        return " It looks like a zip archive: unpack it first."
    return ""


def read_idx(path: str | os.PathLike, *, max_bytes: int = MAX_IDX_BYTES, digest=None) -> np.ndarray:
    """Read one IDX file, gzip-compressed or raw.

    The file is read (and inflated) in steps of 1 MiB into an array of the size its header
    declares, and no further than one byte past it (to detect trailing data): memory is the
    array and a step, whatever the file holds.

    Parameters
    ----------
    path : str or path-like
        The file. Compression is detected from its first bytes, not its name.
    max_bytes : int
        The most bytes of data (after the header) the header may declare; by default
        :data:`MAX_IDX_BYTES` (2 GiB).
    digest : hashlib hash object, optional
        Updated with the file's IDX contents (header and data, after gunzipping), once they
        are known to be valid; :func:`core.datasets.load_mnist` records which data it read so.

    Returns
    -------
    ndarray
        Array with the header's shape (for example ``(60000, 28, 28)`` for MNIST's training
        images, ``(60000,)`` for its labels) and the header's element type converted to
        native byte order (``uint8`` for MNIST). The array is writeable and C-contiguous,
        and shares memory with nothing the caller holds.

    Raises
    ------
    FileNotFoundError
        The file does not exist.
    OSError
        The file cannot be opened (a folder, no permission).
    ValueError
        The file is not IDX: gzip data that cannot be decompressed (truncated, corrupt, or
        followed by bytes that are not gzip), a wrong magic number (the message shows the
        expected and actual first bytes), a header declaring more than ``max_bytes`` of data
        or a shape numpy cannot hold, or a data length that does not match the header's
        dimensions (the message gives the expected and actual sizes in bytes). The message
        always names the file and says what to do.

    Notes
    -----
    Format: Y. LeCun and C. Cortes, "THE MNIST DATABASE of handwritten digits", section
    "FILE FORMATS FOR THE MNIST DATABASE" (the IDX file format).
    """
    with open(path, "rb") as f:
        status = os.fstat(f.fileno())
        size = status.st_size if stat.S_ISREG(status.st_mode) else None  # known without reading
        with _inflated(f, str(path), size) as stream:
            return _decode(stream, max_bytes, digest)


def decode_idx(raw: bytes, path: str = "<bytes>", *, max_bytes: int = MAX_IDX_BYTES, digest=None) -> np.ndarray:
    """Decode the bytes of an IDX file, gzip-compressed or raw; see :func:`read_idx`.

    Gzip data is inflated in steps, no further than one byte past what the header declares,
    so a compression bomb fed here costs the declared array at most. ``path`` only names the
    data in error messages. Any bytes give an array with the header's shape or a ValueError,
    as :func:`read_idx` describes.
    """
    with _inflated(io.BytesIO(raw), path, len(raw)) as stream:
        return _decode(stream, max_bytes, digest)


def _decode(stream: _Stream, max_bytes: int, digest) -> np.ndarray:
    """Read an IDX header and its data from ``stream``; see :func:`read_idx`."""
    path = stream.path
    once = " once gunzipped" if stream.compressed else ""
    head = stream.read(4)
    if len(head) < 4:
        raise ValueError(
            f"{path}: not an IDX file: it holds {len(head)} bytes{once}, fewer than the 4-byte "
            "magic number every IDX file starts with."
        )
    zero, type_code, ndim = head[:2], head[2], head[3]
    if zero != b"\x00\x00" or type_code not in IDX_DTYPES or ndim == 0:
        codes = "/".join(f"{c:02x}" for c in IDX_DTYPES)
        held = f"the file holds {stream.size} bytes" if stream.size is not None else "gzip-compressed"
        raise ValueError(
            f"{path}: not an IDX file: wrong magic number. Expected bytes 00 00 <type "
            f"{codes}> <dimensions 01-ff>, found {head.hex(' ')} ({held})."
            f"{_describe(head + stream.read(60))}"
        )
    header_size = 4 + 4 * ndim
    sizes = stream.read(4 * ndim)
    if len(sizes) < 4 * ndim:
        raise ValueError(
            f"{path}: truncated IDX header: {ndim} dimensions need a {header_size}-byte "
            f"header, but the file holds only {4 + len(sizes)} bytes{once}. Download the file again."
        )
    shape = tuple(int.from_bytes(sizes[i:i + 4], "big") for i in range(0, 4 * ndim, 4))
    dtype = IDX_DTYPES[type_code]
    expected = math.prod(shape) * dtype.itemsize  # Python integers: no wrapping past 2**63
    dims = " x ".join(str(n) for n in shape)
    if expected > max_bytes:
        raise ValueError(
            f"{path}: the IDX header declares {dims} elements of {dtype.itemsize} byte(s), which is "
            f"{expected:,} bytes of data, more than the {max_bytes:,} bytes this reader accepts: the "
            "header is damaged (or the file is not meant for this app). Download the file again."
        )

    def mismatch(actual: int, exact: bool) -> ValueError:
        what = "truncated" if actual < expected else "has trailing bytes"
        holds = f"{actual}" if exact else f"more than {expected}"
        return ValueError(
            f"{path}: IDX data length does not match its header ({what}): the header "
            f"declares {dims} elements of {dtype.itemsize} byte(s), which is {expected} "
            f"bytes of data, but the file holds {holds} bytes{once} after its {header_size}-byte "
            "header. Download the file again."
        )

    if stream.size is not None and stream.size - header_size != expected:
        raise mismatch(stream.size - header_size, exact=True)
    try:
        buffer = np.empty(expected, dtype=np.uint8)
    except MemoryError:
        raise ValueError(
            f"{path}: not enough memory for the {expected:,} bytes of data its IDX header declares."
        ) from None
    actual = stream.readinto(memoryview(buffer))
    if actual < expected:
        raise mismatch(actual, exact=True)
    if stream.read(1):  # one byte more than declared: trailing data (for gzip, also checks the CRC)
        raise mismatch(expected + 1, exact=False)
    try:
        array = buffer.view(dtype).reshape(shape)
    except ValueError as exc:  # more than 64 dimensions, or a 0 x huge shape numpy cannot index
        raise ValueError(f"{path}: the IDX header's shape {dims} cannot be held in an array ({exc}).") from None
    if digest is not None:
        digest.update(head + sizes)
        digest.update(buffer)
    native = dtype.newbyteorder("=")
    if native != dtype:  # swap in place: no second copy of the data
        array = array.byteswap(inplace=True).view(native)
    return array


def write_idx(path: str | os.PathLike, array: np.ndarray, *, compress: bool | None = None) -> None:
    """Write an array as an IDX file, the inverse of :func:`read_idx`.

    Parameters
    ----------
    path : str or path-like
        Destination file; it is replaced if it exists.
    array : ndarray
        1 to 255 dimensions, each below 2**32, of a dtype IDX can hold (uint8, int8,
        int16, int32, float32, float64).
    compress : bool, optional
        Gzip the file. By default, compress when the name ends in ``.gz``.

    Raises
    ------
    ValueError
        The array has no dimensions, too many, or a dtype IDX cannot hold.
    """
    path = Path(path)
    array = np.asarray(array)
    codes = {dt.newbyteorder("="): code for code, dt in IDX_DTYPES.items()}
    code = codes.get(array.dtype.newbyteorder("="))
    if code is None:
        raise ValueError(f"IDX cannot hold dtype {array.dtype}; use one of {sorted(map(str, codes))}.")
    if not 1 <= array.ndim <= 255 or any(n >= 2**32 for n in array.shape):
        raise ValueError(f"IDX cannot hold an array of shape {array.shape}.")
    header = bytes([0, 0, code, array.ndim]) + np.asarray(array.shape, dtype=">u4").tobytes()
    payload = header + np.ascontiguousarray(array, dtype=IDX_DTYPES[code]).tobytes()
    if compress is None:
        compress = path.name.endswith(".gz")
    path.write_bytes(gzip.compress(payload) if compress else payload)

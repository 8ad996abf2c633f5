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
import os
import zlib
from pathlib import Path

import numpy as np

__all__ = ["IDX_DTYPES", "decode_idx", "gunzip_if_needed", "read_idx", "write_idx"]

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


def gunzip_if_needed(raw: bytes, path: str = "<bytes>") -> bytes:
    """Return the bytes gunzipped if they start with the gzip magic (1f 8b), else unchanged.

    Raises ValueError, naming ``path``, for gzip data that cannot be decompressed."""
    if not raw.startswith(_GZIP_MAGIC):
        return raw
    try:
        return gzip.decompress(raw)
    except (EOFError, OSError, zlib.error) as exc:
        raise ValueError(
            f"{path}: the file starts like gzip data but cannot be decompressed ({exc}); "
            "it is probably truncated or corrupt. Download it again."
        ) from None


def _describe(head: bytes) -> str:
    """A short human guess at what a non-IDX file is, for error messages."""
    text = head[:64].lstrip().lower()
    if text.startswith((b"<!doctype", b"<html", b"<?xml", b"<head", b"<body")):
        return " It looks like an HTML page, not data: was a web page saved instead of the file?"
    if head.startswith(b"PK"):
        return " It looks like a zip archive: unpack it first."
    return ""


def read_idx(path: str | os.PathLike) -> np.ndarray:
    """Read one IDX file, gzip-compressed or raw.

    Parameters
    ----------
    path : str or path-like
        The file. Compression is detected from its first bytes, not its name.

    Returns
    -------
    ndarray
        Array with the header's shape (for example ``(60000, 28, 28)`` for MNIST's training
        images, ``(60000,)`` for its labels) and the header's element type converted to
        native byte order (``uint8`` for MNIST). The array owns its memory.

    Raises
    ------
    FileNotFoundError
        The file does not exist.
    ValueError
        The file is not IDX: gzip data that cannot be decompressed, a wrong magic number
        (the message shows the expected and actual first bytes), or a data length that
        does not match the header's dimensions (the message gives the expected and actual
        sizes in bytes). The message always names the file.

    Notes
    -----
    Format: Y. LeCun and C. Cortes, "THE MNIST DATABASE of handwritten digits", section
    "FILE FORMATS FOR THE MNIST DATABASE" (the IDX file format).
    """
    return decode_idx(Path(path).read_bytes(), str(path))


def decode_idx(raw: bytes, path: str = "<bytes>") -> np.ndarray:
    """Decode the bytes of an IDX file, gzip-compressed or raw; see :func:`read_idx`.

    ``path`` only names the data in error messages. Raises ValueError as read_idx does.
    """
    data = gunzip_if_needed(raw, path)
    if len(data) < 4:
        raise ValueError(
            f"{path}: not an IDX file: it holds {len(data)} bytes, fewer than the 4-byte "
            "magic number every IDX file starts with."
        )
    zero, type_code, ndim = data[:2], data[2], data[3]
    if zero != b"\x00\x00" or type_code not in IDX_DTYPES or ndim == 0:
        codes = "/".join(f"{c:02x}" for c in IDX_DTYPES)
        raise ValueError(
            f"{path}: not an IDX file: wrong magic number. Expected bytes 00 00 <type "
            f"{codes}> <dimensions 01-ff>, found {data[:4].hex(' ')} (the file holds {len(data)} "
            f"bytes{' once gunzipped' if raw.startswith(_GZIP_MAGIC) else ''}).{_describe(data)}"
        )
    header_size = 4 + 4 * ndim
    if len(data) < header_size:
        raise ValueError(
            f"{path}: truncated IDX header: {ndim} dimensions need a {header_size}-byte "
            f"header, but the file holds only {len(data)} bytes."
        )
    shape = tuple(int(n) for n in np.frombuffer(data, dtype=">u4", count=ndim, offset=4))
    dtype = IDX_DTYPES[type_code]
    expected = int(np.prod(shape, dtype=np.int64)) * dtype.itemsize
    actual = len(data) - header_size
    if actual != expected:
        dims = " x ".join(str(n) for n in shape)
        what = "truncated" if actual < expected else "has trailing bytes"
        raise ValueError(
            f"{path}: IDX data length does not match its header ({what}): the header "
            f"declares {dims} elements of {dtype.itemsize} byte(s), which is {expected} "
            f"bytes of data, but the file holds {actual} bytes after its {header_size}-byte "
            "header. Download the file again."
        )
    array = np.frombuffer(data, dtype=dtype, offset=header_size).reshape(shape)
    return array.astype(dtype.newbyteorder("="))


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

"""core.idx against damaged and hostile files (issue 11): compression bombs are refused at the
size their header claims with bounded memory, headers whose dimensions multiply past 2**63 are
refused, trailing data and damaged gzip are ValueErrors naming the file, and, for any bytes and
for mutations of a real IDX file, the reader returns an array of the header's shape or raises
ValueError: no other exception, no warning."""

import gzip
import json
import shutil
import struct
import subprocess
import sys
import warnings
import zlib

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from core.datasets import load_mnist
from core.idx import MAX_IDX_BYTES, decode_idx, gunzip_if_needed, read_idx, write_idx
from core.paths import default_data_dir

QUICK = settings(max_examples=300, deadline=None, database=None,
                 suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])

MIB = 1 << 20


def _header(type_code: int, shape: tuple) -> bytes:
    return bytes([0, 0, type_code, len(shape)]) + b"".join(n.to_bytes(4, "big") for n in shape)


def _gzip_bomb(header: bytes, mib_of_zeros: int) -> bytes:
    """One gzip member: ``header`` then ``mib_of_zeros`` MiB of zeros, about 1 KB per MiB.

    After a full flush, deflate codes each further MiB of zeros (with a window of zeros) in the
    same bytes, so one MiB is compressed and its code repeated; the CRC is the real one."""
    zeros = bytes(MIB)
    c = zlib.compressobj(9, zlib.DEFLATED, -15)
    first = c.compress(header + zeros) + c.flush(zlib.Z_FULL_FLUSH)
    again = c.compress(zeros) + c.flush(zlib.Z_FULL_FLUSH)
    assert c.compress(zeros) + c.flush(zlib.Z_FULL_FLUSH) == again
    crc = zlib.crc32(header)
    for _ in range(mib_of_zeros):
        crc = zlib.crc32(zeros, crc)
    size = len(header) + mib_of_zeros * MIB
    return (b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x02\xff" + first + again * (mib_of_zeros - 1) + c.flush()
            + struct.pack("<II", crc, size & 0xFFFFFFFF))


def _multi_member_bomb(header: bytes, mib_of_zeros: int) -> bytes:
    """The header in one gzip member, then one member per MiB of zeros (gzip readers join them)."""
    return gzip.compress(header) + gzip.compress(bytes(MIB)) * mib_of_zeros


BOMBS = {
    # A valid header declaring ten 28 x 28 images (7,840 bytes), then 1 GiB of zeros.
    "small-header": lambda: _gzip_bomb(_header(0x08, (10, 28, 28)), 1024),
    "small-header-multi-member": lambda: _multi_member_bomb(_header(0x08, (10, 28, 28)), 1024),
    # A header declaring 4,000,000 images (3.1 GB, more than MAX_IDX_BYTES), then 1 GiB of zeros.
    "huge-header": lambda: _gzip_bomb(_header(0x08, (4_000_000, 28, 28)), 1024),
}

#: Runs in a fresh interpreter: peak resident memory (ru_maxrss, KiB on Linux) before and after
#: each reader meets the bomb; prints what each raised and the growth in MB.
_MEASURE = r"""
import json, resource, sys, warnings
warnings.simplefilter("error")
from pathlib import Path
from core.datasets import load_mnist
from core.idx import decode_idx, read_idx
folder = Path(sys.argv[1])
path = folder / "train-images-idx3-ubyte.gz"
raw = path.read_bytes()
peak = lambda: resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
calls = {"decode_idx": lambda: decode_idx(raw, str(path)), "read_idx": lambda: read_idx(path),
         "load_mnist": lambda: load_mnist(folder)}
out = {}
for name, call in calls.items():
    before = peak()
    try:
        call()
        error = None
    except BaseException as exc:
        error = [type(exc).__name__, isinstance(exc, ValueError), str(exc)]
    out[name] = {"error": error, "growth_mb": peak() - before}
print(json.dumps(out))
"""


@pytest.mark.parametrize("kind", list(BOMBS))
def test_a_gzip_bomb_is_refused_with_bounded_memory(tmp_path, kind):
    bomb = BOMBS[kind]()
    assert len(bomb) < 1.1e6  # about 1 MB that inflates to 1 GiB
    for name in ("train-labels-idx1-ubyte.gz", "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz"):
        shutil.copy(default_data_dir() / name, tmp_path / name)
    path = tmp_path / "train-images-idx3-ubyte.gz"
    path.write_bytes(bomb)

    done = subprocess.run([sys.executable, "-c", _MEASURE, str(tmp_path)], capture_output=True, text=True,
                          timeout=300, check=False)
    assert done.returncode == 0, done.stderr
    results = json.loads(done.stdout.splitlines()[-1])

    for name, result in results.items():
        assert result["error"] is not None, f"{name} accepted a bomb"
        type_name, is_value_error, message = result["error"]
        assert is_value_error, f"{name} raised {type_name}: {message}"
        assert str(path) in message
        assert ("trailing" in message) if kind.startswith("small") else ("more than the" in message)
        assert result["growth_mb"] < 100, f"{name}: peak memory grew {result['growth_mb']:.0f} MB"


def test_the_streaming_reader_gives_what_gunzipping_gave(tmp_path):
    """The bundled files read the same, and gunzip_if_needed still gunzips (multi-member too)."""
    for name in ("t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz"):
        packed = (default_data_dir() / name).read_bytes()
        inflated = gzip.decompress(packed)
        assert gunzip_if_needed(packed) == inflated and gunzip_if_needed(inflated) == inflated
        np.testing.assert_array_equal(read_idx(default_data_dir() / name), decode_idx(inflated))
    assert gunzip_if_needed(gzip.compress(b"ab") + gzip.compress(b"cd")) == b"abcd"
    with pytest.raises(ValueError, match="more than 1,000 bytes"):
        gunzip_if_needed(gzip.compress(bytes(1001)), "x.gz", max_bytes=1000)


# -- headers that claim too much --------------------------------------------------------


@pytest.mark.parametrize("shape, declared", [
    ((2**16,) * 4, "18,446,744,073,709,551,616"),  # 2**64 bytes: wrapped to 0 in int64, passed with no data
    ((2**16,) * 3 + (2**15,), "9,223,372,036,854,775,808"),  # 2**63: wrapped to a negative size
    ((2**32 - 1,) * 255, None),  # the largest header there is
], ids=["wraps-to-0", "wraps-negative", "255-dims"])
@pytest.mark.parametrize("compress", [False, True], ids=["raw", "gzip"])
def test_dimensions_that_multiply_past_2_63_are_refused(tmp_path, shape, declared, compress):
    data = _header(0x08, shape)
    path = tmp_path / "train-images-idx3-ubyte"
    path.write_bytes(gzip.compress(data) if compress else data)
    for call in (lambda: read_idx(path), lambda: decode_idx(path.read_bytes(), str(path))):
        with pytest.raises(ValueError) as info:
            call()
        message = str(info.value)
        assert str(path) in message and "more than the 2,147,483,648 bytes" in message
        if declared is not None:
            assert f"{declared} bytes of data" in message


def test_the_limit_on_declared_data_is_a_parameter(tmp_path):
    path = tmp_path / "a.idx"
    write_idx(path, np.zeros((3, 4), dtype=np.int32))  # 48 bytes of data
    assert read_idx(path, max_bytes=48).shape == (3, 4)
    with pytest.raises(ValueError, match="more than the 47 bytes"):
        read_idx(path, max_bytes=47)
    with pytest.raises(ValueError, match="more than the 47 bytes"):
        decode_idx(path.read_bytes(), max_bytes=47)
    assert MAX_IDX_BYTES == 2**31


def test_a_zero_sized_shape_numpy_cannot_hold_is_a_value_error():
    for shape in ((0, 2**32 - 1, 2**32 - 1, 2**32 - 1), (1,) * 64 + (0,)):
        with pytest.raises(ValueError, match="<bytes>.*cannot be held"):
            decode_idx(_header(0x08, shape))


# -- trailing data and damaged gzip -----------------------------------------------------


IDX = _header(0x0B, (2, 3)) + bytes(range(12))  # six int16


@pytest.mark.parametrize("raw", [
    IDX + b"\x00",
    gzip.compress(IDX + b"\x00"),  # inside the gzip member
    gzip.compress(IDX) + gzip.compress(b"\x07"),  # in a second member
    gzip.compress(IDX) + b"garbage",  # not gzip after the member
    gzip.compress(IDX) + b"\x1f\x8b\x08",  # a second member cut short
], ids=["raw", "gzip-inside", "gzip-second-member", "gzip-then-garbage", "gzip-then-truncated-member"])
def test_trailing_data_is_refused(tmp_path, raw):
    path = tmp_path / "t.idx.gz"
    path.write_bytes(raw)
    for call in (lambda: read_idx(path), lambda: decode_idx(raw, str(path))):
        with pytest.raises(ValueError) as info:
            call()
        assert str(path) in str(info.value) and "Download" in str(info.value)


@pytest.mark.parametrize("raw", [
    gzip.compress(IDX[:7]) + gzip.compress(IDX[7:]),  # one IDX file in two members, as gzip.decompress joins
    gzip.compress(IDX) + bytes(16),  # zero padding after the member, which gzip readers skip
], ids=["multi-member", "zero-padded"])
def test_gzip_that_gzip_accepts_is_read(raw):
    assert gzip.decompress(raw) == IDX
    assert decode_idx(raw).tolist() == [[1, 515, 1029], [1543, 2057, 2571]]


def test_a_bad_crc_is_refused():
    packed = bytearray(gzip.compress(IDX))
    packed[-8] ^= 1  # the CRC-32 in the trailer
    with pytest.raises(ValueError, match="x.gz.*cannot be decompressed"):
        decode_idx(bytes(packed), "x.gz")


def test_truncated_data_reports_the_bytes_it_holds():
    with pytest.raises(ValueError, match=r"holds 5 bytes once gunzipped after its 12-byte header"):
        decode_idx(gzip.compress(IDX[:17]))
    with pytest.raises(ValueError, match=r"holds 5 bytes after its 12-byte header"):
        decode_idx(IDX[:17])


# -- property tests: any bytes, and mutations of a real file ----------------------------


def _reference(raw: bytes) -> np.ndarray:
    """What the reader should give, written plainly from the format: gzip.decompress (all in
    memory), then the header with Python integers; ValueError for anything that is not IDX."""
    if raw.startswith(b"\x1f\x8b"):
        try:
            raw = gzip.decompress(raw)
        except (OSError, EOFError, zlib.error) as exc:
            raise ValueError(exc) from None
    if len(raw) < 4 or raw[:2] != b"\x00\x00" or raw[2] not in (8, 9, 11, 12, 13, 14) or raw[3] == 0:
        raise ValueError("magic")
    ndim = raw[3]
    if len(raw) < 4 + 4 * ndim:
        raise ValueError("header")
    shape = tuple(int.from_bytes(raw[4 + 4 * i:8 + 4 * i], "big") for i in range(ndim))
    dtype = np.dtype({8: ">u1", 9: ">i1", 11: ">i2", 12: ">i4", 13: ">f4", 14: ">f8"}[raw[2]])
    size = 1
    for n in shape:
        size *= n
    if size * dtype.itemsize != len(raw) - 4 - 4 * ndim:
        raise ValueError("length")
    if ndim > 64 or size * dtype.itemsize > MAX_IDX_BYTES:
        raise ValueError("shape")
    return np.frombuffer(raw, dtype=dtype, offset=4 + 4 * ndim).reshape(shape)


def _check(raw: bytes) -> None:
    """decode_idx gives the reference's array (values, shape, native dtype) or a ValueError
    naming the data, when the reference does; nothing else, and no warning."""
    try:
        expected = _reference(raw)
    except ValueError:
        expected = None
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        try:
            out = decode_idx(raw, "fuzz.idx")
        except ValueError as exc:
            assert expected is None, f"refused a valid file: {exc}"
            assert "fuzz.idx" in str(exc)
            return
    assert expected is not None, "accepted what is not a valid IDX file"
    assert isinstance(out, np.ndarray) and out.shape == expected.shape and out.dtype.isnative
    assert out.dtype == expected.dtype.newbyteorder("=") and out.flags.writeable and out.flags.c_contiguous
    assert out.tobytes() == expected.astype(out.dtype).tobytes()


#: A real IDX file, small: MNIST's first three test images and their labels.
_IMAGES = gzip.decompress((default_data_dir() / "t10k-images-idx3-ubyte.gz").read_bytes())[:16 + 3 * 784]
_IMAGES = _IMAGES[:4] + (3).to_bytes(4, "big") + _IMAGES[8:]
_LABELS = _header(0x08, (3,)) + bytes([7, 2, 1])
REAL = {"images-raw": _IMAGES, "images-gzip": gzip.compress(_IMAGES, mtime=0),
        "labels-raw": _LABELS, "labels-gzip": gzip.compress(_LABELS, mtime=0),
        "float64-gzip": gzip.compress(_header(0x0E, (2, 2)) + np.arange(4, dtype=">f8").tobytes(), mtime=0)}


def test_the_real_files_are_valid():
    assert decode_idx(REAL["images-gzip"]).shape == (3, 28, 28)
    assert decode_idx(REAL["labels-raw"]).tolist() == [7, 2, 1]
    for raw in REAL.values():
        _check(raw)


_HEADERS = st.builds(lambda code, dims: _header(code, tuple(dims)), st.sampled_from([8, 9, 11, 12, 13, 14, 0, 7]),
                     st.lists(st.one_of(st.integers(0, 4), st.integers(0, 2**32 - 1)), min_size=0, max_size=6))


@QUICK
@given(st.one_of(st.binary(max_size=300), st.builds(bytes.__add__, _HEADERS, st.binary(max_size=200))),
       st.booleans())
def test_any_bytes_give_an_array_or_a_value_error(raw, compress):
    _check(gzip.compress(raw, mtime=0) if compress else raw)


@st.composite
def _mutated(draw):
    raw = bytearray(REAL[draw(st.sampled_from(sorted(REAL)))])
    for _ in range(draw(st.integers(1, 4))):
        kind = draw(st.sampled_from(["flip", "set", "insert", "delete", "truncate"]))
        at = draw(st.integers(0, max(len(raw) - 1, 0)))
        if kind == "flip" and raw:
            raw[at] ^= 1 << draw(st.integers(0, 7))
        elif kind == "set" and raw:
            raw[at] = draw(st.integers(0, 255))
        elif kind == "insert":
            raw[at:at] = draw(st.binary(min_size=1, max_size=8))
        elif kind == "delete":
            del raw[at:at + draw(st.integers(1, 8))]
        else:
            del raw[at:]
    return bytes(raw)


@QUICK
@given(_mutated())
def test_mutations_of_a_real_file_give_an_array_or_a_value_error(raw):
    _check(raw)


@settings(max_examples=60, deadline=None, database=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(raw=_mutated())
def test_mutated_files_read_from_disk_as_decoded_from_bytes(tmp_path, raw):
    path = tmp_path / "m.idx"
    path.write_bytes(raw)
    try:
        expected = decode_idx(raw, str(path))
    except ValueError as exc:
        with pytest.raises(ValueError) as info:
            read_idx(path)
        assert str(info.value) == str(exc)
    else:
        np.testing.assert_array_equal(read_idx(path), expected)


def test_a_bomb_in_own_data_folder_is_a_value_error_not_a_crash(tmp_path):
    """load_mnist on a folder whose small test images file is a (small) bomb: ValueError."""
    for name in ("train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz", "t10k-labels-idx1-ubyte.gz"):
        shutil.copy(default_data_dir() / name, tmp_path / name)
    (tmp_path / "t10k-images-idx3-ubyte.gz").write_bytes(_gzip_bomb(_header(0x08, (10_000, 28, 28)), 16))
    with pytest.raises(ValueError, match="t10k-images.*trailing"):
        load_mnist(tmp_path)

"""core.idx: IDX files written in tmp_path, read back; every malformed file is a ValueError
that names the file."""

import gzip

import numpy as np
import pytest

from core.idx import decode_idx, read_idx, write_idx

_rng = np.random.default_rng(0)

#: One array of every element type IDX holds; values chosen to exercise byte order and sign.
ARRAYS = {
    "uint8-3d": _rng.integers(0, 256, size=(3, 4, 5), dtype=np.uint8),
    "int8-2d": np.array([[-128, -1, 0], [1, 2, 127]], dtype=np.int8),
    "int16-1d": np.array([-32768, -2, 0, 258, 32767], dtype=np.int16),
    "int32-1d": np.array([0, 1, -1, 2**31 - 1, -(2**31), 0x01020304], dtype=np.int32),
    "float32-2d": np.array([[0.0, -0.0, 1.5], [-3.25e-30, 3.4e38, np.pi]], dtype=np.float32),
    "float64-1d": np.array([0.0, 1.0 / 3.0, -1e300, 5e-324, np.e], dtype=np.float64),
}


def _raw_idx(type_code: int, shape: tuple, data: bytes) -> bytes:
    """The bytes of an IDX file with the given header, built by hand from the format."""
    return bytes([0, 0, type_code, len(shape)]) + b"".join(n.to_bytes(4, "big") for n in shape) + data


# -- round trip -------------------------------------------------------------------------


@pytest.mark.parametrize("compress", [True, False], ids=["gzip", "raw"])
@pytest.mark.parametrize("name", list(ARRAYS))
def test_round_trip_is_exact_in_native_order(tmp_path, name, compress):
    array = ARRAYS[name]
    path = tmp_path / ("data.idx.gz" if compress else "data.idx")
    write_idx(path, array)  # compression chosen by the name
    assert path.read_bytes().startswith(b"\x1f\x8b") == compress

    back = read_idx(path)

    assert back.shape == array.shape
    assert back.dtype == array.dtype
    assert back.dtype.isnative
    assert back.flags.writeable and back.flags.c_contiguous
    np.testing.assert_array_equal(back, array)
    assert back.tobytes() == array.tobytes()  # bit-identical, including -0.0


def test_big_endian_input_reads_back_native(tmp_path):
    array = np.array([1, 256, -2], dtype=">i4")
    write_idx(tmp_path / "be.idx", array)
    back = read_idx(tmp_path / "be.idx")
    assert back.dtype == np.dtype(np.int32) and back.dtype.isnative
    assert back.tolist() == [1, 256, -2]


def test_written_bytes_follow_the_format(tmp_path):
    """Header 00 00 <type> <ndim>, big-endian u32 sizes, big-endian data (MNIST's magic 2051)."""
    path = tmp_path / "x.idx"
    write_idx(path, np.array([[[1, 2, 3]], [[4, 5, 6]]], dtype=np.uint8))
    assert path.read_bytes() == _raw_idx(0x08, (2, 1, 3), bytes([1, 2, 3, 4, 5, 6]))
    assert int.from_bytes(path.read_bytes()[:4], "big") == 2051

    write_idx(path, np.array([1, -2], dtype=np.int32))
    assert path.read_bytes() == _raw_idx(0x0C, (2,), b"\x00\x00\x00\x01\xff\xff\xff\xfe")


def test_hand_built_file_decodes():
    raw = _raw_idx(0x0B, (2, 2), b"\x00\x01\x01\x00\xff\xff\x80\x00")
    out = decode_idx(raw)
    assert out.dtype == np.dtype(np.int16)
    assert out.tolist() == [[1, 256], [-1, -32768]]


def test_write_refuses_what_idx_cannot_hold(tmp_path):
    for bad in (np.zeros(3, dtype=np.int64), np.zeros(3, dtype=bool), np.array(5, dtype=np.uint8)):
        with pytest.raises(ValueError):
            write_idx(tmp_path / "bad.idx", bad)


# -- compression by content, not name ---------------------------------------------------


def test_gzip_file_with_plain_name_reads(tmp_path):
    array = ARRAYS["uint8-3d"]
    path = tmp_path / "images.idx"
    write_idx(path, array, compress=True)
    assert path.read_bytes()[:2] == b"\x1f\x8b"
    np.testing.assert_array_equal(read_idx(path), array)


def test_raw_file_with_gz_name_reads(tmp_path):
    array = ARRAYS["int32-1d"]
    path = tmp_path / "labels-idx1-ubyte.gz"
    write_idx(path, array, compress=False)
    assert path.read_bytes()[:2] == b"\x00\x00"
    np.testing.assert_array_equal(read_idx(path), array)


# -- malformed files --------------------------------------------------------------------


@pytest.mark.parametrize("compress", [False, True], ids=["raw", "gzip"])
def test_short_data_names_file_and_both_sizes(tmp_path, compress):
    """A header for 10 images of 28 x 28 followed by 9.5 images of data."""
    data = _raw_idx(0x08, (10, 28, 28), bytes(9 * 784 + 392))
    path = tmp_path / "train-images-idx3-ubyte.gz"
    path.write_bytes(gzip.compress(data) if compress else data)

    with pytest.raises(ValueError) as info:
        read_idx(path)

    message = str(info.value)
    assert str(path) in message
    assert "7840" in message  # expected bytes of data
    assert "7448" in message  # actual bytes of data


def test_trailing_data_is_an_error(tmp_path):
    path = tmp_path / "t.idx"
    path.write_bytes(_raw_idx(0x08, (3,), b"\x01\x02\x03\x04"))
    with pytest.raises(ValueError, match="trailing") as info:
        read_idx(path)
    assert str(path) in str(info.value)


def test_html_page_saved_as_gz_is_refused(tmp_path):
    path = tmp_path / "train-images-idx3-ubyte.gz"
    path.write_bytes(b"<!DOCTYPE html>\n<html><head><title>404 Not Found</title></head>"
                     b"<body><h1>Not Found</h1></body></html>\n")
    with pytest.raises(ValueError) as info:
        read_idx(path)
    message = str(info.value)
    assert str(path) in message
    assert "magic number" in message.lower()
    assert "HTML" in message


@pytest.mark.parametrize("magic", [b"\x01\x00\x08\x01", b"\x00\x00\x0a\x01", b"\x00\x00\x08\x00"],
                         ids=["nonzero-first-bytes", "unknown-type", "zero-dimensions"])
def test_wrong_magic_number(tmp_path, magic):
    path = tmp_path / "m.idx"
    path.write_bytes(magic + b"\x00\x00\x00\x01\x07")
    with pytest.raises(ValueError, match="magic number") as info:
        read_idx(path)
    assert str(path) in str(info.value)


@pytest.mark.parametrize("keep", ["2 bytes", "10 bytes", "half", "all but 1", "all but 8"])
def test_truncated_gzip_stream(tmp_path, keep):
    packed = gzip.compress(_raw_idx(0x08, (20, 28, 28), bytes(range(256)) * 61 + bytes(64)))
    n = {"2 bytes": 2, "10 bytes": 10, "half": len(packed) // 2,
         "all but 1": len(packed) - 1, "all but 8": len(packed) - 8}[keep]
    path = tmp_path / "t10k-images-idx3-ubyte.gz"
    path.write_bytes(packed[:n])
    with pytest.raises(ValueError) as info:
        read_idx(path)
    assert str(path) in str(info.value)


def test_corrupt_gzip_stream(tmp_path):
    packed = bytearray(gzip.compress(_raw_idx(0x08, (100,), bytes(range(100)))))
    packed[12] ^= 0xFF  # inside the deflate data
    path = tmp_path / "c.gz"
    path.write_bytes(bytes(packed))
    with pytest.raises(ValueError) as info:
        read_idx(path)
    assert str(path) in str(info.value)


def test_empty_file(tmp_path):
    path = tmp_path / "train-labels-idx1-ubyte"
    path.write_bytes(b"")
    with pytest.raises(ValueError) as info:
        read_idx(path)
    assert str(path) in str(info.value)


def test_empty_gzip_member(tmp_path):
    path = tmp_path / "e.gz"
    path.write_bytes(gzip.compress(b""))
    with pytest.raises(ValueError) as info:
        read_idx(path)
    assert str(path) in str(info.value)


def test_truncated_header(tmp_path):
    path = tmp_path / "h.idx"
    path.write_bytes(b"\x00\x00\x08\x03\x00\x00\x00\x0a\x00\x00")  # 3 dimensions, 1.5 sizes
    with pytest.raises(ValueError, match="header") as info:
        read_idx(path)
    assert str(path) in str(info.value)


def test_missing_file(tmp_path):
    with pytest.raises(FileNotFoundError):
        read_idx(tmp_path / "nope.idx")

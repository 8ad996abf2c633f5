"""The user's own digits: two IDX files in MNIST's format, loaded, appended to, undone, always
written atomically; unreadable files reported and never overwritten; added to training."""

import numpy as np
import pytest

from core import own_digits
from core.datasets import load_mnist
from core.idx import read_idx, write_idx
from core.own_digits import (
    IMAGES_FILE,
    LABELS_FILE,
    OwnDigits,
    OwnDigitsError,
    OwnDigitsWriteError,
    add_to_training,
    digit_image,
    load_own_digits,
)


def _digit(seed: int) -> np.ndarray:
    """A (28, 28) uint8 image with some ink."""
    image = np.zeros((28, 28), np.uint8)
    image[4:24, 8 + seed % 5:20] = 200 + seed
    return image


def test_a_saved_digit_round_trips_through_its_idx_files_with_its_label(tmp_path):
    folder = tmp_path / "app data" / "mnist-gui"  # created on the first save
    store = OwnDigits(folder)
    store.load()
    assert len(store) == 0
    store.append(_digit(1), 7)
    store.append(_digit(2), 3)
    # Standard MNIST IDX files: (n, 28, 28) and (n,) unsigned bytes.
    images, labels = read_idx(folder / IMAGES_FILE), read_idx(folder / LABELS_FILE)
    assert images.shape == (2, 28, 28) and images.dtype == np.uint8
    assert labels.dtype == np.uint8 and labels.tolist() == [7, 3]
    assert (folder / IMAGES_FILE).read_bytes()[:4] == b"\x00\x00\x08\x03"
    assert (folder / LABELS_FILE).read_bytes()[:4] == b"\x00\x00\x08\x01"
    again = load_own_digits(folder)
    assert np.array_equal(again.images, np.stack([_digit(1), _digit(2)]))
    assert again.y.dtype == np.int64 and again.y.tolist() == [7, 3]
    assert again.X.dtype == np.float32 and again.X.shape == (2, 784)
    assert np.array_equal(again.X, again.images.reshape(2, 784) / np.float32(255))
    assert not list(folder.glob(".*.tmp"))  # no temporary file left behind


def test_a_network_input_is_stored_as_its_bytes():
    x = np.linspace(0, 1, 784, dtype=np.float32)
    image = digit_image(x)
    assert image.shape == (28, 28) and image.dtype == np.uint8
    assert np.abs(image.reshape(784) / 255 - x).max() <= 0.5 / 255 + 1e-7
    assert digit_image(np.full(784, np.nan)).max() == 0 and digit_image(np.full(784, 2.0)).min() == 255
    with pytest.raises(ValueError, match="784"):
        digit_image(np.zeros(100))


def test_a_float_input_is_appended_as_bytes(tmp_path):
    store = OwnDigits(tmp_path)
    x = _digit(0).reshape(784).astype(np.float32) / 255
    store.append(x, 4)
    assert np.array_equal(load_own_digits(tmp_path).images[0], _digit(0))


def test_a_missing_folder_is_an_empty_set(tmp_path):
    split = load_own_digits(tmp_path / "never created")
    assert len(split) == 0 and split.X.shape == (0, 784) and split.images.shape == (0, 28, 28)


def test_remove_last_undoes_a_save(tmp_path):
    store = OwnDigits(tmp_path)
    store.append(_digit(1), 1)
    store.append(_digit(2), 2)
    store.remove_last()
    assert load_own_digits(tmp_path).y.tolist() == [1]
    store.remove_last()
    store.remove_last()  # nothing left: nothing happens
    assert len(load_own_digits(tmp_path)) == 0


@pytest.mark.parametrize("label", [-1, 10, 3.0, True, "7"])
def test_a_label_that_is_not_a_digit_is_refused(tmp_path, label):
    store = OwnDigits(tmp_path)
    with pytest.raises(ValueError, match="0 to 9"):
        store.append(_digit(0), label)
    assert not (tmp_path / IMAGES_FILE).exists()


def _corrupt(folder, how):
    if how == "truncated":
        (folder / IMAGES_FILE).write_bytes((folder / IMAGES_FILE).read_bytes()[:-100])
        return IMAGES_FILE
    if how == "not idx":
        (folder / LABELS_FILE).write_bytes(b"<html>not the file</html>")
        return LABELS_FILE
    if how == "counts differ":
        write_idx(folder / LABELS_FILE, np.array([1, 2, 3], np.uint8))
        return LABELS_FILE
    if how == "labels missing":
        (folder / LABELS_FILE).unlink()
        return LABELS_FILE
    if how == "wrong shape":
        write_idx(folder / IMAGES_FILE, np.zeros((2, 20, 20), np.uint8))
        return IMAGES_FILE
    if how == "not digits":
        write_idx(folder / LABELS_FILE, np.array([1, 12], np.uint8))
        return LABELS_FILE
    raise AssertionError(how)


@pytest.mark.parametrize("how", ["truncated", "not idx", "counts differ", "labels missing", "wrong shape",
                                 "not digits"])
def test_an_unreadable_set_is_reported_and_the_current_set_and_files_are_untouched(tmp_path, how):
    store = OwnDigits(tmp_path)
    store.append(_digit(1), 1)
    store.append(_digit(2), 2)
    before = store.split
    name = _corrupt(tmp_path, how)
    files = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    with pytest.raises(OwnDigitsError) as raised:
        store.load()
    message = str(raised.value)
    assert name in message  # names the file...
    assert "Start a New Set" in message and "from a backup" in message  # ...and what to do
    assert "Download" not in message  # (the user's own files: there is no copy to download again)
    assert store.split is before and store.error == message  # the set in memory is untouched
    with pytest.raises(OwnDigitsError):  # and the unreadable files are never overwritten
        store.append(_digit(3), 3)
    with pytest.raises(OwnDigitsError):
        store.remove_last()
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == files


def test_an_unreadable_set_can_be_set_aside_for_a_new_one(tmp_path):
    store = OwnDigits(tmp_path)
    store.append(_digit(1), 1)
    _corrupt(tmp_path, "not idx")
    with pytest.raises(OwnDigitsError):
        store.load()
    moved = store.set_aside()
    assert sorted(p.name.split(".unreadable-")[0] for p in moved) == sorted([IMAGES_FILE, LABELS_FILE])
    assert all(p.exists() for p in moved)
    assert store.error == "" and len(store) == 0
    store.append(_digit(2), 2)
    assert load_own_digits(tmp_path).y.tolist() == [2]


def test_a_failed_write_leaves_both_files_as_they_were(tmp_path, monkeypatch):
    store = OwnDigits(tmp_path)
    store.append(_digit(1), 1)
    files = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    calls = []

    def failing_write(path, array, compress=None):
        calls.append(path)
        if len(calls) == 2:  # the labels, after the images were written to their temporary file
            raise OSError(28, "No space left on device", path)
        write_idx(path, array, compress=compress)

    monkeypatch.setattr(own_digits, "write_idx", failing_write)
    with pytest.raises(OSError, match="No space") as raised:
        store.append(_digit(2), 2)
    assert str(raised.value) == (f"Could not write to {tmp_path}: the disk is full (No space left on device). "
                                 "Free some space, then try again.")
    assert len(store) == 1
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == files  # no temporary file either


@pytest.mark.parametrize("where", ["the folder", "its parent"])
def test_a_file_where_the_folder_should_be_is_named_with_what_to_do(tmp_path, where):
    blocker = tmp_path / "mnist-gui"
    blocker.write_bytes(b"not a folder")
    folder = blocker if where == "the folder" else blocker / "digits"
    store = OwnDigits(folder)
    store.load()  # nothing to read there: an empty set
    with pytest.raises(OwnDigitsWriteError) as raised:
        store.append(_digit(1), 1)
    assert isinstance(raised.value, OSError) and raised.value.errno is not None
    what = "it is" if where == "the folder" else f"{blocker} is"
    assert str(raised.value) == (f"Could not write to {folder}: {what} a file, not a folder. Remove or rename that "
                                 "file (your digits are kept in that folder), then try again.")
    assert "Errno" not in str(raised.value) and len(store) == 0
    assert blocker.read_bytes() == b"not a folder"


def test_a_folder_without_write_permission_is_named_with_what_to_do(tmp_path):
    import errno

    message = own_digits.write_problem(tmp_path, PermissionError(errno.EACCES, "Permission denied", "x"))
    assert message.startswith(f"Could not write to {tmp_path}: permission denied (Permission denied).")
    assert "write permission" in message


def test_add_to_training_appends_the_rows_after_the_training_images_in_use(tmp_path):
    mnist = load_mnist()
    store = OwnDigits(tmp_path)
    for i in range(3):
        store.append(_digit(i), i)
    data = add_to_training(mnist, store.split)
    assert len(data.train) == len(mnist.train) + 3
    assert np.array_equal(data.train.X[-3:], store.split.X) and data.train.y[-3:].tolist() == [0, 1, 2]
    assert np.array_equal(data.train.images[-3:], store.split.images)
    assert data.train.X.dtype == np.float32 and data.train.y.dtype == np.int64
    assert data.validation is mnist.validation and data.test is mnist.test and data.sha256 == mnist.sha256
    assert len(mnist.train) == 50_000  # not modified
    cut = add_to_training(mnist, store.split, train_size=100)
    assert len(cut.train) == 103 and np.array_equal(cut.train.X[:100], mnist.train.X[:100])
    with pytest.raises(ValueError, match="training-set size"):
        add_to_training(mnist, store.split, train_size=50_001)

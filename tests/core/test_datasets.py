"""core.datasets: the bundled MNIST splits, and small four-file folders in tmp_path."""

import gzip
import hashlib

import numpy as np
import pytest

from core.datasets import (
    CLASS_NAMES_FILE,
    DIGITS,
    FASHION_MNIST_CLASSES,
    ROLES,
    class_names_for,
    default_data_dir,
    find_idx_files,
    load_mnist,
)
from core.idx import read_idx, write_idx

# -- the real, bundled data -------------------------------------------------------------


def test_split_sizes_types_and_ranges(mnist):
    for split, n in ((mnist.train, 50_000), (mnist.validation, 10_000), (mnist.test, 10_000)):
        assert len(split) == n
        assert split.X.shape == (n, 784) and split.X.dtype == np.float32
        assert split.X.min() == 0.0 and split.X.max() == 1.0
        assert split.y.shape == (n,) and split.y.dtype == np.int64
        assert split.y.min() == 0 and split.y.max() == 9
        assert set(np.unique(split.y).tolist()) == set(range(10))
        assert split.images.shape == (n, 28, 28) and split.images.dtype == np.uint8
        # X is the images' bytes divided by 255, row-major.
        np.testing.assert_array_equal(split.X[:50], split.images[:50].reshape(50, 784) / np.float32(255))


def test_known_first_labels(mnist):
    """MNIST's training file starts 5 0 4 1 9, its test file 7 2 1 0 4."""
    assert mnist.train.y[:5].tolist() == [5, 0, 4, 1, 9]
    assert mnist.test.y[:5].tolist() == [7, 2, 1, 0, 4]


def test_validation_is_the_last_10000_training_images(mnist):
    images = read_idx(default_data_dir() / "train-images-idx3-ubyte.gz")
    labels = read_idx(default_data_dir() / "train-labels-idx1-ubyte.gz")
    assert images.shape == (60_000, 28, 28) and labels.shape == (60_000,)

    np.testing.assert_array_equal(mnist.validation.images, images[50_000:])
    np.testing.assert_array_equal(mnist.validation.y, labels[50_000:])
    np.testing.assert_array_equal(mnist.train.images, images[:50_000])
    np.testing.assert_array_equal(mnist.train.y, labels[:50_000])
    np.testing.assert_array_equal(mnist.validation.X, images[50_000:].reshape(-1, 784) / np.float32(255))


def test_test_split_is_the_t10k_file(mnist):
    images = read_idx(default_data_dir() / "t10k-images-idx3-ubyte.gz")
    labels = read_idx(default_data_dir() / "t10k-labels-idx1-ubyte.gz")
    np.testing.assert_array_equal(mnist.test.images, images)
    np.testing.assert_array_equal(mnist.test.y, labels)


def test_files_and_hash_are_recorded(mnist):
    assert list(mnist.files) == list(ROLES)
    assert mnist.directory == default_data_dir()
    digest = hashlib.sha256()
    for role in ROLES:
        assert mnist.files[role].parent == mnist.directory
        digest.update(gzip.decompress(mnist.files[role].read_bytes()))  # the IDX contents
    assert mnist.sha256 == digest.hexdigest()


def test_the_hash_does_not_depend_on_compression(tmp_path, mnist):
    """The same data, gunzipped and renamed, is the same data set: same arrays, same SHA-256."""
    for path in mnist.files.values():
        (tmp_path / path.name.removesuffix(".gz").replace("-idx", ".idx")).write_bytes(
            gzip.decompress(path.read_bytes()))
    unpacked = load_mnist(tmp_path)
    assert unpacked.sha256 == mnist.sha256
    assert np.array_equal(unpacked.test.X, mnist.test.X) and np.array_equal(unpacked.train.y, mnist.train.y)


# -- small folders in tmp_path ----------------------------------------------------------

LENIENT_NAMES = {
    "train_images": "train-images.idx3-ubyte",
    "train_labels": "TRAIN-LABELS-IDX1-UBYTE.gz",
    "test_images": "t10k-images-idx3-ubyte",
    "test_labels": "test-labels.idx1-ubyte",
}


def _tiny_set(n_train=12, n_test=5, seed=0):
    rng = np.random.default_rng(seed)
    return {
        "train_images": rng.integers(0, 256, size=(n_train, 28, 28), dtype=np.uint8),
        "train_labels": rng.integers(0, 10, size=n_train).astype(np.uint8),
        "test_images": rng.integers(0, 256, size=(n_test, 28, 28), dtype=np.uint8),
        "test_labels": rng.integers(0, 10, size=n_test).astype(np.uint8),
    }


def _write_folder(folder, arrays, names=LENIENT_NAMES):
    folder.mkdir(exist_ok=True)
    for role, array in arrays.items():
        write_idx(folder / names[role], array)
    return folder


def test_lenient_names_load(tmp_path):
    arrays = _tiny_set()
    folder = _write_folder(tmp_path / "data", arrays)
    (folder / "README.md").write_text("not data")  # unrelated files are ignored

    data = load_mnist(folder, n_validation=3)

    assert (len(data.train), len(data.validation), len(data.test)) == (9, 3, 5)
    assert {role: path.name for role, path in data.files.items()} == LENIENT_NAMES
    np.testing.assert_array_equal(data.train.images, arrays["train_images"][:9])
    np.testing.assert_array_equal(data.validation.images, arrays["train_images"][9:])
    np.testing.assert_array_equal(data.validation.y, arrays["train_labels"][9:])
    np.testing.assert_array_equal(data.test.y, arrays["test_labels"])
    assert data.test.y.dtype == np.int64 and data.test.X.dtype == np.float32
    np.testing.assert_array_equal(data.test.X, arrays["test_images"].reshape(5, 784) / np.float32(255))


def test_find_idx_files_prefers_first_alphabetically(tmp_path):
    arrays = _tiny_set()
    folder = _write_folder(tmp_path, arrays, names={
        "train_images": "train-images-idx3-ubyte", "train_labels": "train-labels-idx1-ubyte",
        "test_images": "t10k-images-idx3-ubyte", "test_labels": "t10k-labels-idx1-ubyte"})
    write_idx(folder / "train-images-idx3-ubyte.gz", arrays["train_images"])
    assert find_idx_files(folder)["train_images"].name == "train-images-idx3-ubyte"


@pytest.mark.parametrize("role", ROLES)
def test_missing_file_is_named(tmp_path, role):
    arrays = _tiny_set()
    del arrays[role]
    folder = _write_folder(tmp_path / "data", arrays)
    with pytest.raises(FileNotFoundError) as info:
        load_mnist(folder, n_validation=2)
    message = str(info.value)
    assert role.replace("_", "-") in message
    assert str(folder) in message


def test_missing_folder(tmp_path):
    with pytest.raises(FileNotFoundError):
        load_mnist(tmp_path / "nowhere")


@pytest.mark.parametrize("split", ["train", "test"])
def test_count_mismatch_names_both_files(tmp_path, split):
    arrays = _tiny_set()
    arrays[f"{split}_labels"] = arrays[f"{split}_labels"][:-1]
    folder = _write_folder(tmp_path / "data", arrays)
    with pytest.raises(ValueError) as info:
        load_mnist(folder, n_validation=2)
    message = str(info.value)
    assert str(folder / LENIENT_NAMES[f"{split}_images"]) in message
    assert str(folder / LENIENT_NAMES[f"{split}_labels"]) in message


def test_labels_outside_digits_are_refused(tmp_path):
    arrays = _tiny_set()
    arrays["test_labels"][2] = 10
    folder = _write_folder(tmp_path / "data", arrays)
    with pytest.raises(ValueError) as info:
        load_mnist(folder, n_validation=2)
    assert LENIENT_NAMES["test_labels"] in str(info.value)


def test_wrong_image_size_is_refused(tmp_path):
    arrays = _tiny_set()
    arrays["train_images"] = arrays["train_images"][:, :27, :27].copy()
    folder = _write_folder(tmp_path / "data", arrays)
    with pytest.raises(ValueError) as info:
        load_mnist(folder, n_validation=2)
    assert LENIENT_NAMES["train_images"] in str(info.value)


def test_corrupt_file_is_named(tmp_path):
    folder = _write_folder(tmp_path / "data", _tiny_set())
    bad = folder / LENIENT_NAMES["test_images"]
    bad.write_bytes(b"<!DOCTYPE html><html><body>moved</body></html>")
    with pytest.raises(ValueError) as info:
        load_mnist(folder, n_validation=2)
    assert str(bad) in str(info.value)


@pytest.mark.parametrize("n_validation", [-1, 12, 13])
def test_n_validation_must_fit(tmp_path, n_validation):
    folder = _write_folder(tmp_path / "data", _tiny_set(n_train=12))
    with pytest.raises(ValueError, match="n_validation"):
        load_mnist(folder, n_validation=n_validation)


def test_no_validation_split(tmp_path):
    folder = _write_folder(tmp_path / "data", _tiny_set(n_train=12))
    data = load_mnist(folder, n_validation=0)
    assert (len(data.train), len(data.validation)) == (12, 0)
    assert data.validation.X.shape == (0, 784)


def test_class_names_are_digits_for_mnist_and_named_for_fashion_mnist(tmp_path, mnist):
    assert mnist.class_names == DIGITS == tuple("0123456789")
    arrays = _tiny_set()
    fashion = load_mnist(_write_folder(tmp_path / "Fashion-MNIST", arrays), n_validation=3)
    assert fashion.class_names == FASHION_MNIST_CLASSES and fashion.class_names[9] == "Ankle boot"
    folder = _write_folder(tmp_path / "letters", arrays)
    (folder / CLASS_NAMES_FILE).write_text("\n".join(f" class {c} " for c in "ABCDEFGHIJ") + "\n\n", encoding="utf-8")
    assert load_mnist(folder, n_validation=3).class_names[0] == "class A"
    (folder / CLASS_NAMES_FILE).write_text("\n".join("ABCDEFGHIJ"), encoding="utf-8-sig")  # with a BOM
    assert class_names_for(folder)[0] == "A"
    (folder / CLASS_NAMES_FILE).write_text("a\nb\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"class-names\.txt.*10 classes.*found 2"):
        load_mnist(folder, n_validation=3)
    (folder / CLASS_NAMES_FILE).write_bytes(b"\xff\xfe\xfa")
    with pytest.raises(ValueError, match="UTF-8"):
        class_names_for(folder)

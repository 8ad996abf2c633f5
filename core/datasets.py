"""Load MNIST (or any data set in MNIST's four-file IDX layout) as arrays of rows.

MNIST's training file holds 60,000 images and its test file 10,000. As in Nielsen's
``mnist_loader.py`` (*Neural Networks and Deep Learning*, ch. 1), the last 10,000 training
images are held out as validation data, so that hyperparameters are never chosen on the
test set: training 50,000, validation 10,000, test 10,000.

Images are rows: ``X`` is ``(n, 784)`` float32 in [0, 1] (1 is ink; MNIST's bytes divided
by 255), ``y`` is ``(n,)`` int64 in 0..9, and ``images`` keeps the original ``(n, 28, 28)``
uint8 pixels for display.
"""

from __future__ import annotations

import hashlib
import os
import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from core.idx import read_idx
from core.paths import default_data_dir

__all__ = [
    "CLASS_NAMES_FILE",
    "DIGITS",
    "FASHION_MNIST_CLASSES",
    "DataSplit",
    "MnistData",
    "class_names_for",
    "default_data_dir",
    "find_idx_files",
    "load_mnist",
]

#: The four files of MNIST's layout, by role.
ROLES = ("train_images", "train_labels", "test_images", "test_labels")

#: MNIST's classes: the ten digits.
DIGITS = tuple(str(d) for d in range(10))

#: Fashion-MNIST's ten classes, label 0 to 9 (Xiao, Rasul and Vollgraf 2017,
#: https://github.com/zalandoresearch/fashion-mnist, "Labels").
FASHION_MNIST_CLASSES = ("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker",
                         "Bag", "Ankle boot")

#: A text file beside the IDX files that names the classes, one per line, label 0 first.
CLASS_NAMES_FILE = "class-names.txt"


@dataclass(frozen=True, eq=False)
class DataSplit:
    """One split of the data: training, validation or test.

    Attributes
    ----------
    X : ndarray, shape (n, 784), float32
        Pixel intensities in [0, 1], one image per row, row-major 28 x 28 (1 is ink).
    y : ndarray, shape (n,), int64
        The digit each image shows, 0 to 9.
    images : ndarray, shape (n, 28, 28), uint8
        The original pixels (0 background, 255 full ink), for display.
    """

    X: np.ndarray
    y: np.ndarray
    images: np.ndarray

    def __len__(self) -> int:
        return len(self.y)


@dataclass(frozen=True, eq=False)
class MnistData:
    """MNIST split into training, validation and test data.

    Attributes
    ----------
    train, validation, test : DataSplit
        50,000, 10,000 and 10,000 images for MNIST (fewer if asked for).
    directory : Path
        The folder the files were read from.
    files : dict of str to Path
        The file read for each role (``train_images``, ``train_labels``, ``test_images``,
        ``test_labels``).
    sha256 : str
        SHA-256 of the four files' IDX contents in that order, after gunzipping, to record
        which data a model saw (the same whether the files are compressed or not).
    class_names : tuple of 10 str
        What each label means, label 0 first: :data:`DIGITS` ("0" to "9") for MNIST; see
        :func:`class_names_for` for the others.
    """

    train: DataSplit
    validation: DataSplit
    test: DataSplit
    directory: Path
    files: dict
    sha256: str
    class_names: tuple = DIGITS


def _normalise(name: str) -> str:
    """``Train-Images.idx3-ubyte.gz`` -> ``train-images-idx3-ubyte-gz``."""
    return re.sub(r"[^a-z0-9]+", "-", name.lower())


def _role(name: str) -> str | None:
    """Which of the four MNIST files a file name denotes, leniently, or None."""
    n = _normalise(name)
    if n.startswith("train"):
        split = "train"
    elif n.startswith(("t10k", "test")):
        split = "test"
    else:
        return None
    if "images" in n or "idx3" in n:
        return f"{split}_images"
    if "labels" in n or "idx1" in n:
        return f"{split}_labels"
    return None


def find_idx_files(directory: str | os.PathLike) -> dict[str, Path]:
    """Find the four IDX files of MNIST's layout in a folder, matching names leniently.

    ``train-images-idx3-ubyte.gz``, ``train-images.idx3-ubyte``, ``train_images.idx3``
    and ``TRAIN-IMAGES-IDX3-UBYTE`` all match the training images; the test files may
    start with ``t10k`` or ``test``. Where several files match one role (say a ``.gz``
    and its unpacked copy) the first in alphabetical order is taken.

    Returns
    -------
    dict of str to Path
        Keys ``train_images``, ``train_labels``, ``test_images``, ``test_labels``.

    Raises
    ------
    FileNotFoundError
        The folder does not exist, or lacks one of the four files; the message lists what
        is missing and what the folder holds.
    """
    directory = Path(directory)
    if directory.is_file():
        raise FileNotFoundError(f"{directory} is a file; choose the folder that holds the four IDX files.")
    if not directory.is_dir():
        raise FileNotFoundError(f"{directory}: no such folder.")
    found: dict[str, Path] = {}
    for path in sorted(directory.iterdir()):
        role = _role(path.name)
        if role is not None and role not in found and path.is_file():
            found[role] = path
    missing = [r for r in ROLES if r not in found]
    if missing:
        names = sorted(p.name for p in directory.iterdir())
        held = ", ".join(names[:8]) + (f" and {len(names) - 8} more" if len(names) > 8 else "") or "nothing"
        wanted = ", ".join(r.replace("_", "-") for r in missing)
        raise FileNotFoundError(
            f"{directory}: missing the IDX file(s) for {wanted} (names like "
            f"train-images-idx3-ubyte.gz, t10k-labels-idx1-ubyte). The folder holds: {held}."
        )
    return {role: found[role] for role in ROLES}


def class_names_for(directory: str | os.PathLike) -> tuple:
    """The names of a data set's ten classes, from its folder.

    - A file :data:`CLASS_NAMES_FILE` in the folder (UTF-8, with or without a byte-order
      mark; ten non-empty lines, label 0
      first; blank lines and surrounding spaces ignored) names them.
    - Otherwise a folder whose name contains "fashion" (``fashion-mnist``, ``FashionMNIST``)
      holds Fashion-MNIST, which has MNIST's file names and layout:
      :data:`FASHION_MNIST_CLASSES`.
    - Otherwise the classes are the digits, :data:`DIGITS`.

    Parameters
    ----------
    directory : str or path-like

    Returns
    -------
    tuple of 10 str

    Raises
    ------
    ValueError
        The names file cannot be read as UTF-8 or does not hold exactly ten names; the
        message names the file.
    """
    directory = Path(directory)
    names_file = directory / CLASS_NAMES_FILE
    if names_file.is_file():
        try:
            names = [line.strip() for line in names_file.read_text(encoding="utf-8-sig").splitlines()]
        except (OSError, UnicodeDecodeError) as exc:
            raise ValueError(f"{names_file}: cannot be read as UTF-8 text ({exc}).") from exc
        names = [name for name in names if name]
        if len(names) != 10:
            raise ValueError(f"{names_file}: expected the names of the 10 classes, one per line, found {len(names)}.")
        return tuple(names)
    if "fashion" in directory.resolve().name.lower():
        return FASHION_MNIST_CLASSES
    return DIGITS


def _check_pair(images: np.ndarray, labels: np.ndarray, files: dict, split: str) -> None:
    """Raise ValueError unless images are (n, rows, cols) uint8 and labels (n,) in 0..9."""
    img_file, lab_file = files[f"{split}_images"], files[f"{split}_labels"]
    if images.ndim != 3 or images.dtype != np.uint8:
        raise ValueError(
            f"{img_file}: expected images of shape (n, 28, 28) uint8, found shape "
            f"{images.shape} {images.dtype}."
        )
    if images.shape[1:] != (28, 28):
        raise ValueError(f"{img_file}: expected 28 x 28 images, found {images.shape[1]} x {images.shape[2]}.")
    if labels.ndim != 1:
        raise ValueError(f"{lab_file}: expected a 1-dimensional label file, found shape {labels.shape}.")
    if len(images) != len(labels):
        raise ValueError(
            f"{img_file} holds {len(images)} images but {lab_file} holds {len(labels)} labels; "
            "the two files of a split must have the same count."
        )
    if labels.size and (labels.min() < 0 or labels.max() > 9):
        raise ValueError(f"{lab_file}: labels must be digits 0-9, found {labels.min()}..{labels.max()}.")


def _split(images: np.ndarray, labels: np.ndarray) -> DataSplit:
    """Build a DataSplit: bytes 0..255 scaled to intensities in [0, 1]."""
    X = images.reshape(len(images), images.shape[1] * images.shape[2]).astype(np.float32)
    X /= np.float32(255.0)
    return DataSplit(X=X, y=labels.astype(np.int64), images=images)


def load_mnist(
    directory: str | os.PathLike | None = None,
    *,
    n_validation: int = 10_000,
) -> MnistData:
    """Load MNIST's training, validation and test data.

    Parameters
    ----------
    directory : str or path-like, optional
        A folder holding the four IDX files in MNIST's layout (see :func:`find_idx_files`;
        Fashion-MNIST has the same layout). By default, the copy bundled in
        ``resources/mnist``.
    n_validation : int
        How many images at the end of the training file become the validation split
        (10,000, as in Nielsen's ``mnist_loader.py``).

    Returns
    -------
    MnistData
        ``train`` (50,000 images by default), ``validation`` (10,000), ``test`` (10,000).

    Raises
    ------
    FileNotFoundError
        The folder or one of its four files is missing.
    ValueError
        A file is not valid IDX (see :func:`core.idx.read_idx`), image and label counts
        differ, images are not 28 x 28 bytes, labels are not digits, ``n_validation``
        does not fit the training file, or the folder's class names file is not valid
        (see :func:`class_names_for`).
    """
    directory = Path(directory) if directory is not None else default_data_dir()
    files = find_idx_files(directory)
    class_names = class_names_for(directory)
    digest = hashlib.sha256()
    arrays = {}
    for role in ROLES:
        # Streamed from the file: inflated no further than its header declares (a gzip bomb
        # is refused at the size it claims), and hashed as it is read.
        arrays[role] = read_idx(files[role], digest=digest)
    for split in ("train", "test"):
        _check_pair(arrays[f"{split}_images"], arrays[f"{split}_labels"], files, split)

    images, labels = arrays["train_images"], arrays["train_labels"]
    if not 0 <= n_validation < len(images):
        raise ValueError(
            f"{files['train_images']} holds only {len(images)} images: too few to keep {n_validation} "
            "for validation and train on the rest (n_validation must be below the image count)."
        )
    n_train = len(images) - n_validation
    return MnistData(
        train=_split(images[:n_train], labels[:n_train]),
        validation=_split(images[n_train:], labels[n_train:]),
        test=_split(arrays["test_images"], arrays["test_labels"]),
        directory=directory,
        files=files,
        sha256=digest.hexdigest(),
        class_names=class_names,
    )

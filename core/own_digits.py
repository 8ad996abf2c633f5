"""Your own digits: the user's handwriting, kept as a small data set in MNIST's own format.

The set is two IDX files in one folder (the app uses the user data folder), written and read
with :mod:`core.idx` exactly as MNIST's files are (Y. LeCun and C. Cortes, "THE MNIST DATABASE
of handwritten digits", section "FILE FORMATS FOR THE MNIST DATABASE"):

    my-digits-images-idx3-ubyte   (n, 28, 28) unsigned bytes, 0 background, 255 full ink
    my-digits-labels-idx1-ubyte   (n,) unsigned bytes, the digits 0 to 9

so any MNIST tool reads them, and :func:`core.datasets.load_mnist`'s checks apply to them. Each
image is the 28 x 28 input the network saw when the digit was saved (the drawing prepared as
MNIST's digits were: :func:`core.preprocess.mnist_like`), in bytes. Every change rewrites both
files atomically (:func:`core.atomic.atomic_open`); a folder without the files is an empty set.

In memory the set is a :class:`core.datasets.DataSplit`, like MNIST's splits: rows of float32
intensities in [0, 1], int64 labels, and the bytes for display. So it can be evaluated like
any split (:func:`core.metrics.evaluate`) and added to the training split
(:func:`add_to_training`).
"""

from __future__ import annotations

import errno
import os
import re
import time
from dataclasses import replace
from pathlib import Path

import numpy as np

from core.atomic import atomic_open
from core.datasets import DataSplit, MnistData
from core.idx import read_idx, write_idx

__all__ = ["IMAGES_FILE", "LABELS_FILE", "OwnDigits", "OwnDigitsError", "OwnDigitsWriteError", "add_to_training",
           "digit_image", "empty_split", "load_own_digits", "make_split", "save_own_digits", "write_problem"]

#: File names of the set's images and labels, in MNIST's naming.
IMAGES_FILE = "my-digits-images-idx3-ubyte"
LABELS_FILE = "my-digits-labels-idx1-ubyte"

#: What a message about unreadable files tells the user to do. The files are the user's own
#: (no copy to download again): set them aside, or restore them.
_WHAT_TO_DO = ("Your digits are unchanged in the app and the files are left as they are. Set the two files aside "
               "(Start a New Set, in the Draw view, renames them and starts an empty set) or restore {0} and {1} "
               "from a backup.")

#: read_idx's advice for MNIST's files, which can be downloaded again (not the user's own).
_DOWNLOAD_AGAIN = re.compile(r"\s*Download (?:the file|it) again\.")


class OwnDigitsError(ValueError):
    """The set's files cannot be read as a set of digits; the message names the file, the
    problem and what to do."""


class OwnDigitsWriteError(OSError):
    """The set's folder cannot be written. The message is one sentence for people: the folder,
    the problem and what to do (``str(exc)``); :attr:`errno` is the system's error number and
    :attr:`folder` the folder (a :class:`~pathlib.Path`)."""

    def __init__(self, message: str, errno_: int | None = None, folder: Path | None = None):
        super().__init__(message)
        self.errno = errno_  # (filename and strerror stay None, so str() is the message)
        self.folder = folder


def _file_in_the_way(folder: Path) -> Path | None:
    """The file that stands where ``folder`` or one of its parents should be, or None."""
    for path in (folder, *folder.parents):
        if path.exists() or path.is_symlink():
            return None if path.is_dir() else path
    return None


def write_problem(folder: str | os.PathLike, exc: OSError) -> str:
    """Why ``folder`` could not be written, and what to do, in a sentence.

    Parameters
    ----------
    folder : str or path-like
        The folder of the set.
    exc : OSError
        What creating the folder or writing a file in it raised.

    Returns
    -------
    str
        For example "Could not write to /home/u/.local/share/mnist-gui: it is a file, not a
        folder. Remove or rename that file, then try again."
    """
    folder = Path(folder)
    blocker = _file_in_the_way(folder)
    where = f"Could not write to {folder}"
    if blocker is not None:
        what = "it is" if blocker == folder else f"{blocker} is"
        return (f"{where}: {what} a file, not a folder. Remove or rename that file (your digits are kept in that "
                f"folder), then try again.")
    reason = exc.strerror or str(exc)
    if isinstance(exc, PermissionError):
        return (f"{where}: permission denied ({reason}). Give yourself write permission on that folder (or on the "
                f"folder that holds it), then try again.")
    if exc.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)):
        return f"{where}: the disk is full ({reason}). Free some space, then try again."
    if exc.errno == errno.EROFS:
        return f"{where}: the disk is read-only ({reason}). Make it writable, then try again."
    return f"{where}: {reason}. Check that folder, then try again."


def empty_split() -> DataSplit:
    """A set with no digits: X ``(0, 784)`` float32, y ``(0,)`` int64, images ``(0, 28, 28)`` uint8."""
    return make_split(np.zeros((0, 28, 28), np.uint8), np.zeros(0, np.int64))


def make_split(images: np.ndarray, labels: np.ndarray) -> DataSplit:
    """The set as a :class:`~core.datasets.DataSplit`.

    Parameters
    ----------
    images : ndarray, shape (n, 28, 28), uint8
        0 background, 255 full ink.
    labels : array_like, shape (n,), int
        Digits 0 to 9.

    Returns
    -------
    DataSplit
        ``X`` ``(n, 784)`` float32 in [0, 1] (the bytes / 255, as :func:`core.datasets.load_mnist`
        scales MNIST's), ``y`` ``(n,)`` int64, ``images`` a copy of ``images``.

    Raises
    ------
    ValueError
        Shapes or dtypes other than the above, counts that differ, a label outside 0..9.
    """
    images, labels = np.asarray(images), np.asarray(labels)
    if images.ndim != 3 or images.shape[1:] != (28, 28) or images.dtype != np.uint8:
        raise ValueError(f"own digits: expected images of shape (n, 28, 28) uint8, got {images.shape} {images.dtype}.")
    if labels.ndim != 1 or len(labels) != len(images):
        raise ValueError(f"own digits: {len(images)} images need {len(images)} labels, got shape {labels.shape}.")
    if labels.size and (not np.issubdtype(labels.dtype, np.integer) or labels.min() < 0 or labels.max() > 9):
        raise ValueError(f"own digits: labels must be digits 0-9, got {labels.min()}..{labels.max()}.")
    images = images.copy()
    X = images.reshape(len(images), 784).astype(np.float32)
    X /= np.float32(255.0)
    return DataSplit(X=X, y=labels.astype(np.int64), images=images)


def digit_image(x: np.ndarray) -> np.ndarray:
    """A network input as the bytes the set stores.

    Parameters
    ----------
    x : array_like, shape (784,) or (28, 28), float in [0, 1] (1 is ink)
        What the network sees, e.g. ``Reading.input`` (:mod:`core.reading`) or
        :func:`core.preprocess.mnist_like`'s result.

    Returns
    -------
    ndarray, shape (28, 28), uint8
        ``round(255 x)``, values outside [0, 1] clipped first (NaN as 0).

    Raises
    ------
    ValueError
        ``x`` does not hold 784 values.
    """
    x = np.asarray(x, dtype=np.float64)
    if x.size != 784:
        raise ValueError(f"a digit is 28 x 28 = 784 values, got shape {x.shape}.")
    x = np.nan_to_num(x.reshape(28, 28), nan=0.0, posinf=1.0, neginf=0.0)
    return np.rint(np.clip(x, 0.0, 1.0) * 255.0).astype(np.uint8)


def load_own_digits(folder: str | os.PathLike) -> DataSplit:
    """Read the set in ``folder``.

    Parameters
    ----------
    folder : str or path-like
        The folder that holds :data:`IMAGES_FILE` and :data:`LABELS_FILE`.

    Returns
    -------
    DataSplit
        The digits, in the order they were saved (see :func:`make_split`); empty if the folder
        or both files do not exist.

    Raises
    ------
    OwnDigitsError
        One file is missing, a file is not IDX (truncated, wrong magic number, wrong length),
        holds the wrong shape or labels that are not digits, or the two files' counts differ.
        The message names the file and says what to do.
    OSError
        A file exists but cannot be read (permissions); the exception names it.
    """
    folder = Path(folder)
    images_path, labels_path = folder / IMAGES_FILE, folder / LABELS_FILE
    todo = _WHAT_TO_DO.format(images_path, labels_path)
    present = [p.is_file() for p in (images_path, labels_path)]
    if not any(present):
        return empty_split()
    if not all(present):
        missing, found = (labels_path, images_path) if present[0] else (images_path, labels_path)
        raise OwnDigitsError(f"{missing} is missing, but {found} is there: the two files of your digits go "
                             f"together. {todo}")
    try:
        images = read_idx(images_path)
        labels = read_idx(labels_path)
    except ValueError as exc:  # read_idx's message names the file and the problem
        raise OwnDigitsError(f"{_DOWNLOAD_AGAIN.sub('', str(exc))} {todo}") from None
    if images.ndim != 3 or images.shape[1:] != (28, 28) or images.dtype != np.uint8:
        raise OwnDigitsError(f"{images_path}: expected 28 x 28 images of unsigned bytes, found shape "
                             f"{images.shape} of {images.dtype}. {todo}")
    if labels.ndim != 1 or labels.dtype != np.uint8:
        raise OwnDigitsError(f"{labels_path}: expected one label byte per digit, found shape {labels.shape} of "
                             f"{labels.dtype}. {todo}")
    if len(images) != len(labels):
        raise OwnDigitsError(f"{images_path} holds {len(images)} images but {labels_path} holds {len(labels)} "
                             f"labels; they must match. {todo}")
    if labels.size and labels.max() > 9:
        raise OwnDigitsError(f"{labels_path}: labels must be digits 0-9, found {labels.max()}. {todo}")
    return make_split(images, labels)


def save_own_digits(folder: str | os.PathLike, split: DataSplit) -> None:
    """Write ``split`` as the set in ``folder`` (created if missing), replacing both files.

    Each file is written atomically (:func:`core.atomic.atomic_open`): if anything fails
    before the renames, both files are left as they were. The labels are renamed into place
    just before the images, so only a crash between the two renames can leave the files with
    different counts, which :func:`load_own_digits` then reports.

    Parameters
    ----------
    folder : str or path-like
    split : DataSplit
        ``images`` ``(n, 28, 28)`` uint8 and ``y`` ``(n,)`` digits 0-9 are written.

    Raises
    ------
    OwnDigitsWriteError
        (An OSError.) The folder cannot be created or written: the message names the folder,
        the problem (a file where the folder should be, permissions, a full disk...) and what
        to do (:func:`write_problem`).
    ValueError
        ``split`` is not a set of digits (see :func:`make_split`).
    """
    checked = make_split(split.images, split.y)
    folder = Path(folder)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        # write_idx writes by path: it fills the temporary file atomic_open created (the same
        # file, which atomic_open fsyncs and renames over the target when the block ends).
        with atomic_open(folder / IMAGES_FILE) as images_file, atomic_open(folder / LABELS_FILE) as labels_file:
            write_idx(images_file.name, checked.images, compress=False)
            write_idx(labels_file.name, checked.y.astype(np.uint8), compress=False)
    except OwnDigitsWriteError:
        raise
    except OSError as exc:
        raise OwnDigitsWriteError(write_problem(folder, exc), exc.errno, folder) from exc


def add_to_training(data: MnistData, extra: DataSplit, train_size: int | None = None) -> MnistData:
    """``data`` with the rows of ``extra`` appended to its training split.

    Parameters
    ----------
    data : MnistData
        Not modified; the validation and test splits, folder, files and hash are kept (the
        hash stays MNIST's: record what was added separately).
    extra : DataSplit
        E.g. the user's own digits (:func:`load_own_digits`).
    train_size : int, optional
        Keep only the first ``train_size`` training images before appending (the
        configuration's training-set size, so that the extra rows are not cut off by it);
        None keeps all.

    Returns
    -------
    MnistData
        Training split of ``train_size`` (or all) + ``len(extra)`` rows: X ``(n, 784)``
        float32, y ``(n,)`` int64, images ``(n, 28, 28)`` uint8 (new arrays).

    Raises
    ------
    ValueError
        ``train_size`` is not between 1 and the training split's size, or ``extra``'s rows
        do not have the training split's width.
    """
    n = len(data.train) if train_size is None else int(train_size)
    if not 1 <= n <= len(data.train):
        raise ValueError(f"training-set size {n:,} is not between 1 and the {len(data.train):,} training images.")
    if extra.X.shape[1:] != data.train.X.shape[1:] or extra.images.shape[1:] != data.train.images.shape[1:]:
        raise ValueError(f"rows of shape {extra.X.shape[1:]} cannot be added to training rows of shape "
                         f"{data.train.X.shape[1:]}.")
    t = data.train
    train = DataSplit(X=np.concatenate([t.X[:n], extra.X.astype(t.X.dtype, copy=False)]),
                      y=np.concatenate([t.y[:n], extra.y.astype(np.int64, copy=False)]),
                      images=np.concatenate([t.images[:n], extra.images]))
    return replace(data, train=train)


class OwnDigits:
    """The user's set of digits in one folder: loaded, appended to, undone, always saved.

    A failed load leaves the set in memory as it was and records the problem in
    :attr:`error`; until a load succeeds (or :meth:`set_aside`), :meth:`append` and
    :meth:`remove_last` refuse, so that an unreadable set is never overwritten by a new one.

    Parameters
    ----------
    folder : str or path-like
        Where the two IDX files are (the app passes the user data folder,
        ``QStandardPaths.AppDataLocation``; tests a temporary folder). Nothing is read until
        :meth:`load`.

    Attributes
    ----------
    folder : Path
    split : DataSplit
        The digits in memory (empty until loaded).
    error : str
        Why the last load failed, "" if it did not.
    """

    def __init__(self, folder: str | os.PathLike):
        self.folder = Path(folder)
        self.split = empty_split()
        self.error = ""

    def __len__(self) -> int:
        return len(self.split)

    @property
    def files(self) -> tuple[Path, Path]:
        """The images file and the labels file."""
        return self.folder / IMAGES_FILE, self.folder / LABELS_FILE

    def load(self) -> None:
        """Read the set from the folder (see :func:`load_own_digits`).

        Raises
        ------
        OwnDigitsError, OSError
            As :func:`load_own_digits`; :attr:`split` is then unchanged and :attr:`error`
            holds the message.
        """
        try:
            split = load_own_digits(self.folder)
        except OwnDigitsError as exc:
            self.error = str(exc)
            raise
        except OSError as exc:
            self.error = (f"{exc.filename or self.folder}: cannot read your digits ({exc.strerror or exc}). "
                          "Check the folder's permissions.")
            raise
        self.split, self.error = split, ""

    def append(self, image: np.ndarray, label: int) -> None:
        """Add one digit at the end of the set and save the set.

        Parameters
        ----------
        image : ndarray, shape (28, 28) uint8, or (784,) / (28, 28) float in [0, 1]
            The network's input for the drawing (floats are stored as :func:`digit_image`).
        label : int
            The digit it shows, 0 to 9.

        Raises
        ------
        ValueError
            A label that is not a digit or an image that is not 28 x 28; or
            :class:`OwnDigitsError` if the files could not be read (:attr:`error`).
        OwnDigitsWriteError
            (An OSError.) The files cannot be written (the message says why and what to do,
            see :func:`write_problem`); the set is then unchanged, in memory and on disk.
        """
        self._check_writable()
        if isinstance(label, (bool, np.bool_)) or not isinstance(label, (int, np.integer)) or not 0 <= label <= 9:
            raise ValueError(f"a digit's label must be a whole number from 0 to 9, got {label!r}.")
        image = np.asarray(image)
        if image.dtype != np.uint8:
            image = digit_image(image)
        if image.shape != (28, 28):
            raise ValueError(f"a digit is a 28 x 28 image, got shape {image.shape}.")
        split = make_split(np.concatenate([self.split.images, image[None]]),
                           np.concatenate([self.split.y, [int(label)]]))
        save_own_digits(self.folder, split)
        self.split = split

    def remove_last(self) -> None:
        """Remove the digit saved last (to undo a save) and save the set; nothing if empty.

        Raises
        ------
        OwnDigitsError, OSError
            As :meth:`append`.
        """
        self._check_writable()
        if not len(self.split):
            return
        split = make_split(self.split.images[:-1], self.split.y[:-1])
        save_own_digits(self.folder, split)
        self.split = split

    def set_aside(self) -> list[Path]:
        """Start a new, empty set, keeping unreadable files: each file present is renamed to
        ``<name>.unreadable-<YYYYmmdd-HHMMSS>`` in the same folder.

        Returns
        -------
        list of Path
            The new names of the files moved.

        Raises
        ------
        OSError
            A file cannot be renamed (then :attr:`error` stays).
        """
        stamp = time.strftime("%Y%m%d-%H%M%S")
        moved = []
        for path in self.files:
            if path.exists():
                target = path.with_name(f"{path.name}.unreadable-{stamp}")
                path.rename(target)
                moved.append(target)
        self.split, self.error = empty_split(), ""
        return moved

    def _check_writable(self) -> None:
        if self.error:
            raise OwnDigitsError(self.error)

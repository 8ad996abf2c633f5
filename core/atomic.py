"""Atomic file writes: a file is either its old self or completely new, never half-written."""

from __future__ import annotations

import contextlib
import errno
import os
import secrets
from collections.abc import Iterator
from pathlib import Path
from typing import IO

__all__ = ["atomic_open"]


@contextlib.contextmanager
def atomic_open(path: str | os.PathLike, mode: str = "wb", **kwargs) -> Iterator[IO]:
    """Open a temporary file beside ``path`` for writing; on success rename it over ``path``.

    The temporary file is created exclusively in the same folder (so the rename is atomic
    on POSIX and Windows) with the default permissions the user's umask gives, flushed
    and fsynced before the rename. If the ``with`` block raises, the temporary file is
    removed and ``path`` is untouched.

    Parameters
    ----------
    path : str or path-like
        The file to create or replace.
    mode : {"wb", "w"}
        Binary or text; ``kwargs`` go to :func:`open` (``newline``, ``encoding``).

    Raises
    ------
    OSError
        The folder does not exist or cannot be written, or ``path`` is a folder; the
        exception's ``filename`` is ``path``.
    """
    if mode not in ("w", "wb"):
        raise ValueError(f"atomic_open writes only ('w' or 'wb'), got {mode!r}.")
    path = Path(path)
    if path.is_dir():
        raise IsADirectoryError(errno.EISDIR, "is a folder, not a file", str(path))
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}.tmp")
    try:
        f = open(tmp, mode.replace("w", "x"), **kwargs)  # noqa: SIM115 (closed below, before the rename)
    except OSError as exc:  # name the file the caller asked for, not our temporary one
        raise type(exc)(exc.errno, exc.strerror, str(path)) from None
    try:
        with f:
            yield f
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise

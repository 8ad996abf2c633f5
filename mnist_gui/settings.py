"""Reading remembered settings safely: every stored value checked, a bad one replaced by its default and named.

``QSettings.value`` hands back whatever the file holds: a string where a number was written
(INI files keep text), an integer too large for the Qt call it feeds (``setCurrentIndex(2**31)``
raises ``OverflowError``), ``nan``, a list (an unquoted comma), bytes, or ``None`` for a
value Qt could not decode. The app reads every stored value through
:class:`CheckedSettings`, which checks its type and range and falls back to the default
when it is missing, of the wrong type, out of range, not finite, or raises anything. A
value that *was* stored and is refused is recorded (:attr:`CheckedSettings.ignored`), so
that the main window can say which remembered setting it ignored (:func:`ignored_note`);
a missing one is simply the default, silently.

A settings file that cannot be read at all (``QSettings.status()`` is ``FormatError`` or
``AccessError``) is set aside by :func:`set_aside_unreadable`: renamed to
``<name>.bad-<timestamp>`` next to itself, and the app starts with the defaults.
Writes go straight to ``QSettings.setValue``: only reading needs the checks.
"""

from __future__ import annotations

import math
import os
import re
import time
from collections.abc import Callable, Iterable
from pathlib import Path

from PySide6.QtCore import QByteArray, QCoreApplication, QSettings

__all__ = ["MISSING", "UNREADABLE", "CheckedSettings", "ignored_note", "set_aside_unreadable"]


class _Marker:
    """The type of :data:`MISSING` and :data:`UNREADABLE`: a named sentinel."""

    def __init__(self, name: str):
        self._name = name

    def __repr__(self) -> str:
        return self._name


#: What :meth:`CheckedSettings.raw` returns for a key that is not stored.
MISSING = _Marker("MISSING")

#: What :meth:`CheckedSettings.raw` returns for a key that is stored but cannot be read
#: (Qt gives None for a value it cannot decode, or ``value()`` raised).
UNREADABLE = _Marker("UNREADABLE")

_INT_TEXT = re.compile(r"[+-]?[0-9]{1,40}")  # a whole number as text; longer ones are refused, not parsed



class CheckedSettings:
    """A ``QSettings`` read through checks: each ``read_*`` gives a value of the right type
    and range, or the default.

    Parameters
    ----------
    settings : QSettings
        The store to read (and, through :attr:`settings`, to write).

    Attributes
    ----------
    settings : QSettings
        The wrapped store.
    ignored : dict of str to str
        Key -> the default used instead (as shown to the user, e.g. ``"30"``), for every
        value that was stored but refused, in the order met. A key refused twice is kept
        once.
    """

    def __init__(self, settings: QSettings):
        self.settings = settings
        self.ignored: dict[str, str] = {}

    @classmethod
    def wrap(cls, settings: QSettings | CheckedSettings) -> CheckedSettings:
        """``settings`` itself if it is already checked (its notes then gather in one
        place), else a new :class:`CheckedSettings` over it."""
        return settings if isinstance(settings, CheckedSettings) else cls(settings)

    # -- the raw value ------------------------------------------------------------------

    def raw(self, key: str) -> object:
        """The stored value as Qt gives it; :data:`MISSING` if the key is not stored, and
        :data:`UNREADABLE` if it is but cannot be read (Qt's None, or an exception). Never raises."""
        try:
            if not self.settings.contains(key):
                return MISSING
            value = self.settings.value(key)
        except Exception:  # noqa: BLE001 (whatever Qt or the binding raises: the value is unusable)
            return UNREADABLE
        return UNREADABLE if value is None else value

    def ignore(self, key: str, default_shown: object) -> None:
        """Record that the stored value of ``key`` was refused and ``default_shown`` (the
        default, as the user sees it) is used instead."""
        self.ignored.setdefault(key, str(default_shown))

    def _read(self, key: str, default, convert: Callable[[object], object], shown: object | None):
        """``convert(raw)`` (a value, or any exception for a bad one), or ``default``; a
        stored value refused is recorded with ``shown`` (``default`` if None)."""
        raw = self.raw(key)
        if raw is MISSING:
            return default
        try:
            return convert(raw)
        except Exception:  # noqa: BLE001 (a converter refuses by raising; nothing may escape)
            self.ignore(key, default if shown is None else shown)
            return default

    # -- typed reads ---------------------------------------------------------------------

    def read_int(self, key: str, default: int, lo: int | None = None, hi: int | None = None, *,
                 shown: object | None = None) -> int:
        """A whole number from ``lo`` to ``hi`` (inclusive; None: unbounded).

        Accepted: an ``int`` (not a bool), an integral finite ``float``, or text of at most
        40 digits with an optional sign (INI files keep numbers as text). ``shown`` is the
        default as the user sees it, for :attr:`ignored` (by default ``default``).
        """
        def convert(raw) -> int:
            if isinstance(raw, bool):
                raise TypeError(raw)
            if isinstance(raw, int):
                value = raw
            elif isinstance(raw, float) and math.isfinite(raw) and raw.is_integer():
                value = int(raw)
            elif isinstance(raw, str) and _INT_TEXT.fullmatch(raw.strip()):
                value = int(raw.strip())
            else:
                raise ValueError(raw)
            if (lo is not None and value < lo) or (hi is not None and value > hi):
                raise ValueError(value)
            return value
        return self._read(key, default, convert, shown)

    def read_float(self, key: str, default: float, lo: float | None = None, hi: float | None = None, *,
                   lo_open: bool = False, shown: object | None = None) -> float:
        """A finite number from ``lo`` (excluded with ``lo_open``) to ``hi``; NaN and
        infinities are refused. Accepted: an ``int`` (not a bool), a ``float``, or text that
        ``float`` reads (at most 100 characters)."""
        def convert(raw) -> float:
            if isinstance(raw, bool):
                raise TypeError(raw)
            if isinstance(raw, (int, float)):
                value = float(raw)
            elif isinstance(raw, str) and len(raw) <= 100:
                value = float(raw.strip())
            else:
                raise ValueError(raw)
            if not math.isfinite(value):
                raise ValueError(value)
            if lo is not None and (value < lo or (lo_open and value == lo)):
                raise ValueError(value)
            if hi is not None and value > hi:
                raise ValueError(value)
            return value
        return self._read(key, default, convert, shown)

    def read_bool(self, key: str, default: bool, *, shown: object | None = None) -> bool:
        """True or False: a ``bool``, 0 or 1, or the text ``true``/``false``/``1``/``0``
        (any case), as INI files keep them."""
        def convert(raw) -> bool:
            if isinstance(raw, bool):
                return raw
            if isinstance(raw, int) and raw in (0, 1):
                return bool(raw)
            if isinstance(raw, str) and raw.strip().lower() in ("true", "false", "1", "0"):
                return raw.strip().lower() in ("true", "1")
            raise ValueError(raw)
        return self._read(key, default, convert, shown)

    def read_str(self, key: str, default: str | None, *, check: Callable[[str], bool] | None = None,
                 shown: object | None = None) -> str | None:
        """Text (a ``str`` without NUL characters, at most 10,000 characters) for which
        ``check`` (if given) is true. A list, a number or bytes is refused: a folder
        remembered as ``a, b`` in a hand-edited INI file reads back as a list."""
        def convert(raw) -> str:
            if not isinstance(raw, str) or "\0" in raw or len(raw) > 10_000:
                raise ValueError(raw)
            if check is not None and not check(raw):
                raise ValueError(raw)
            return raw
        return self._read(key, default, convert, shown)

    def read_choice(self, key: str, default: str, choices: Iterable[str], *, shown: object | None = None) -> str:
        """One of ``choices`` (compared as text, exactly)."""
        allowed = set(choices)
        return self.read_str(key, default, check=lambda text: text in allowed, shown=shown)

    def read_bytes(self, key: str, *, shown: object | None = None) -> QByteArray | None:
        """A non-empty byte blob (``QByteArray`` or ``bytes``: a saved geometry or splitter
        state), or None. What it holds is not checked here: Qt's ``restoreGeometry`` /
        ``restoreState`` return False on a bad blob, and the caller may then :meth:`ignore` it."""
        def convert(raw) -> QByteArray | None:
            if isinstance(raw, (QByteArray, bytes, bytearray)):
                blob = QByteArray(bytes(raw))
                if blob.isEmpty():
                    return None
                return blob
            raise ValueError(raw)
        if shown is None:
            shown = QCoreApplication.translate("settings", "default")
        return self._read(key, None, convert, shown)


def ignored_note(ignored: dict[str, str]) -> str:
    """The status-bar note for the refused settings ``ignored`` (key -> default shown), e.g.
    "Ignored a bad remembered setting: train/epochs (reset to 30)."; "" if none."""
    if not ignored:
        return ""
    parts = ", ".join(QCoreApplication.translate("settings", "{0} (reset to {1})").format(key, shown)
                      for key, shown in ignored.items())
    if len(ignored) == 1:
        return QCoreApplication.translate("settings", "Ignored a bad remembered setting: {0}.").format(parts)
    return QCoreApplication.translate("settings", "Ignored bad remembered settings: {0}.").format(parts)


def set_aside_unreadable(settings: QSettings) -> tuple[QSettings, str]:
    """If ``settings`` cannot be read at all (a damaged file: ``FormatError``; an
    unreadable one: ``AccessError``), rename its file to ``<name>.bad-<YYYYmmdd-HHMMSS>``
    in the same folder and return a fresh, empty store at the old place, with a note
    saying so; otherwise return ``settings`` unchanged and "".

    Parameters
    ----------
    settings : QSettings
        The store as opened (``QSettings()`` or ``QSettings(path, IniFormat)``).

    Returns
    -------
    QSettings, str
        The store to use, and the note for the status bar ("" when nothing was wrong).
        When the file cannot be renamed, the damaged store is returned as is (every value
        is still read through :class:`CheckedSettings`) and the note says why.
    """
    try:
        status = settings.status()
    except Exception:  # noqa: BLE001
        return settings, ""
    if status == QSettings.Status.NoError:
        return settings, ""
    if status == QSettings.Status.FormatError:
        problem = QCoreApplication.translate("settings", "it is damaged")
    else:
        problem = QCoreApplication.translate("settings", "it cannot be read")
    path = Path(settings.fileName())
    stamp = time.strftime("%Y%m%d-%H%M%S")
    aside = path.with_name(f"{path.name}.bad-{stamp}")
    n = 1
    while aside.exists():
        n += 1
        aside = path.with_name(f"{path.name}.bad-{stamp}-{n}")
    try:
        os.rename(path, aside)
    except OSError as exc:
        return settings, QCoreApplication.translate(
            "settings", "The remembered settings in {0} were not used: {1}, and it could not be moved aside "
                        "({2}). Start with mnist-gui --reset-settings, or delete the file.").format(
                                 path, problem, exc.strerror or exc)
    fresh = QSettings(str(path), settings.format())
    return fresh, QCoreApplication.translate(
        "settings", "The remembered settings in {0} were not used: {1}. They were moved to {2}; the defaults "
                    "are used.").format(path, problem, aside.name)

"""Numbers shown to the user, written the way the chosen language writes them.

Every number the GUI displays goes through these helpers, which format with the default
``QLocale`` (set at the start by :func:`mnist_gui.i18n.install`): in English "70,000",
"0.50", "97.82%"; in French "70 000" (Qt's group separator for French is a narrow no-break
space, U+202F), "0,50", "97,82 %" (French puts a no-break space before the sign).

The "C" locale (what Qt reports with no locale set at all, e.g. ``LANG=C``) writes no
group separators; it is read as American English here, so that a bare machine shows
"70,000" as the app always did. Number *input* fields read both separators anyway
(:mod:`mnist_gui.fields`).

Values that are not finite are written "?" (and a missing percentage "–").
"""

from __future__ import annotations

import math

from PySide6.QtCore import QCoreApplication, QLocale

__all__ = ["decimal_point", "duration", "fixed", "general", "integer", "locale", "percent", "signed", "size_bytes"]

#: The narrow no-break space French puts before "%" (and Qt between digit groups).
NARROW_NBSP = "\u202f"


def locale() -> QLocale:
    """The locale numbers are written in: the default ``QLocale``, or American English if
    that is the bare "C" locale."""
    loc = QLocale()
    if loc.language() == QLocale.Language.C:
        return QLocale(QLocale.Language.English, QLocale.Country.UnitedStates)
    return loc


def decimal_point() -> str:
    """The decimal separator of :func:`locale` ("." in English, "," in French)."""
    return locale().decimalPoint()


def integer(n: int) -> str:
    """A whole number with digit groups: 70000 -> "70,000" (English) or "70 000" (French),
    of any size (past Qt's 64 bits the groups are Python's, with the locale's separator)."""
    n, loc = int(n), locale()
    if -(2**63) < n < 2**63:
        return loc.toString(n)
    return f"{n:,}".replace(",", loc.groupSeparator()).replace("-", loc.negativeSign())


def fixed(x: float, decimals: int = 2) -> str:
    """``x`` with ``decimals`` digits after the separator (Python's ``f"{x:,.{decimals}f}"``):
    0.5 -> "0.50" / "0,50"; "?" if ``x`` is not finite."""
    x = float(x)
    if not math.isfinite(x):
        return "?"
    return locale().toString(x, "f", decimals)


def general(x: float, precision: int = 6) -> str:
    """``x`` in the shorter of fixed or scientific notation with at most ``precision``
    significant digits and no trailing zeros (Python's ``f"{x:.{precision}g}"``): 0.5 ->
    "0.5" / "0,5", 3.0 -> "3", 1e-5 -> "1e-05" / "1e-05"; "?" if not finite."""
    x = float(x)
    if not math.isfinite(x):
        return "?"
    loc = locale()
    text = f"{x:.{precision}g}"  # Python decides the notation and drops trailing zeros...
    mantissa, e, exponent = text.partition("e")
    # ...and the locale writes the separator (groups are left out, as Python's :g does).
    mantissa = mantissa.replace(".", loc.decimalPoint()).replace("-", loc.negativeSign())
    return mantissa + (e + exponent if e else "")


def signed(x: float, decimals: int | None = 2, precision: int = 4) -> str:
    """``x`` with its sign always written ("+0.12", "−0.12" as the locale writes minus):
    ``decimals`` digits after the separator, or, with ``decimals=None``, as
    :func:`general` with ``precision`` significant digits."""
    x = float(x)
    if not math.isfinite(x):
        return "?"
    loc = locale()
    body = general(abs(x), precision) if decimals is None else fixed(abs(x), decimals)
    return (loc.negativeSign() if x < 0 or (x == 0 and math.copysign(1, x) < 0) else loc.positiveSign()) + body


def percent(fraction: float | None, decimals: int = 2) -> str:
    """A fraction in [0, 1] as a percentage: 0.9893 -> "98.93%" (English), "98,93 %"
    (French, with a narrow no-break space); None or NaN (nothing measured) -> "–"."""
    if fraction is None or (isinstance(fraction, float) and math.isnan(fraction)):
        return "–"
    loc = locale()
    number = fixed(100 * float(fraction), decimals)
    if loc.language() == QLocale.Language.French:
        return number + NARROW_NBSP + loc.percent()
    return number + loc.percent()


def duration(seconds: float, tenths_below: float = 10) -> str:
    """A duration for people: ``42`` -> "42 s", ``150`` -> "2 min 30 s", ``5400`` -> "1 h 30 min";
    tenths of a second under ``tenths_below`` seconds ("4.2 s" / "4,2 s"); "?" if not finite."""
    if not math.isfinite(seconds):
        return "?"

    if seconds < 60:
        shown = fixed(seconds, 1) if seconds < tenths_below else fixed(seconds, 0)
        return QCoreApplication.translate("numbers", "{0} s").format(shown)
    minutes, secs = divmod(round(seconds), 60)
    if minutes < 60:
        return QCoreApplication.translate("numbers", "{0} min {1} s").format(minutes, f"{secs:02d}")
    hours, minutes = divmod(minutes, 60)
    return QCoreApplication.translate("numbers", "{0} h {1} min").format(integer(hours), f"{minutes:02d}")


def size_bytes(n: float) -> str:
    """A size in decimal units, as :func:`core.estimate.format_bytes` but in the locale:
    "850 MB", "2.1 GB" ("2,1 Go" in French)."""
    if n < 1e9:
        return QCoreApplication.translate("numbers", "{0} MB").format(integer(max(1, round(n / 1e6))))
    return QCoreApplication.translate("numbers", "{0} GB").format(fixed(n / 1e9, 1))

"""Reading numbers as people type them, and a line edit that holds one.

A spin box is the wrong tool for a value typed by hand: ``QDoubleSpinBox`` turns 1e6 into
its maximum, -1 into its minimum and 0 into the previous value, without a word. Here a
number is typed into a plain :class:`NumberField` and read by :func:`parse_float` or
:func:`parse_int`, which either return exactly what was typed or raise ``ValueError`` with
a sentence saying why not; the form shows that sentence and keeps the text as it is.

What is accepted, in any locale:

- Floats: ``0.5``, ``0,5`` (a decimal comma), ``.5``, ``1e-3``, ``2,5E-4``, ``1 000.5``,
  ``1,000.5`` and ``1.000,5`` (when both marks appear, the last one is the decimal mark),
  a leading ``+``, ``-`` or ``−`` (U+2212), and whatever :class:`QLocale` itself reads.
  A single mark followed by exactly three digits, ``1,000`` in a locale that groups
  thousands with commas (English) or ``1.000`` in one that groups with points (German),
  could be either reading and is refused as ambiguous, never guessed.
- Whole numbers: ``50000``, ``50 000``, ``50_000``, ``50'000``, with thin or no-break
  spaces too, and the locale's own grouping (``50,000`` in English, ``50.000`` in German).
  Groups must be of three digits. A decimal mark is refused (``50,5``, ``3.0``), as are
  exponents (``1e4``): a whole-number field takes whole numbers written out.

``nan`` and ``inf`` are refused, and so is anything that overflows a double (``1e999``).
"""

from __future__ import annotations

import math
import re

from PySide6.QtCore import QCoreApplication, QLocale
from PySide6.QtWidgets import QLineEdit, QWidget

__all__ = ["NumberField", "format_float", "format_int", "mark_invalid", "parse_float", "parse_int"]

#: Thousands separators accepted in any locale, between groups of three digits: space,
#: no-break space, thin space, narrow no-break space, figure space, underscore, apostrophes.
GROUP_SEPARATORS = " \u00a0\u2009\u202f\u2007_'\u2019"
_MINUS_SIGNS = "\u2212\u2012\u2013"  # minus sign, figure dash, en dash: read as '-'



def _split_sign(text: str) -> tuple[str, str]:
    """``"-5"`` -> ("-", "5"); whitespace around the text and after the sign is dropped."""
    s = text.strip()
    for minus in _MINUS_SIGNS:
        s = s.replace(minus, "-")
    sign = ""
    if s and s[0] in "+-":
        sign, s = ("-" if s[0] == "-" else ""), s[1:].lstrip()
    return sign, s


def _ungroup(digits: str, separators: str) -> str | None:
    """``"50 000"`` -> ``"50000"``: the digits of a whole number written plainly or in
    groups of three with one of ``separators`` used throughout; None if it is neither."""
    if re.fullmatch(r"[0-9]+", digits):
        return digits
    if not separators:
        return None
    seps = re.escape(separators)
    if re.fullmatch(rf"[0-9]{{1,3}}(?P<s>[{seps}])[0-9]{{3}}(?:(?P=s)[0-9]{{3}})*", digits):
        return re.sub(r"[^0-9]", "", digits)
    return None


def _locale_group_separator(locale: QLocale) -> str:
    sep = locale.groupSeparator()
    return sep if len(sep) == 1 else ""


def parse_int(text: str, locale: QLocale | None = None) -> int:
    """Read a whole number as typed: ``"50000"``, ``"50 000"``, ``"50_000"``, ``"-3"``.

    Parameters
    ----------
    text : str
        What the user typed.
    locale : QLocale, optional
        Whose thousands separator is also accepted (``50,000`` in English, ``50.000`` in
        German); the default locale if None.

    Returns
    -------
    int
        Exactly the number written, of any size (no range check here).

    Raises
    ------
    ValueError
        Empty text, a decimal mark (``"50,5"``), an exponent, letters, or groups that are
        not of three digits; the message says what to type instead.
    """
    locale = QLocale() if locale is None else locale
    sign, body = _split_sign(text)
    if not body:
        raise ValueError(QCoreApplication.translate("fields", "type a whole number, e.g. 50000 or 50 000"))
    digits = _ungroup(body, GROUP_SEPARATORS + _locale_group_separator(locale))
    if digits is not None:
        return int(sign + digits)
    value, ok = locale.toLongLong(text.strip())  # the locale's own digits, if any
    if ok:
        return int(value)
    raise ValueError(QCoreApplication.translate("fields", "'{0}' is not a whole number; type e.g. 50000 or 50 000")
                     .format(text.strip()))


def parse_float(text: str, locale: QLocale | None = None) -> float:
    """Read a real number as typed: ``"0.5"``, ``"0,5"``, ``"1e-3"``, ``"1 000.5"``.

    Both ``.`` and ``,`` are read as the decimal mark, whatever the locale; see the module
    docstring for thousands separators and the one ambiguous case refused.

    Parameters
    ----------
    text : str
        What the user typed.
    locale : QLocale, optional
        Decides which single mark before three digits is ambiguous, and what the locale's
        own reading accepts; the default locale if None.

    Returns
    -------
    float
        A finite number, the one written (rounded to the nearest double).

    Raises
    ------
    ValueError
        Empty, not a number, ambiguous (``"1,000"`` in English), or not finite (``nan``,
        ``inf``, ``1e999``); the message says why.
    """
    locale = QLocale() if locale is None else locale
    shown = text.strip()
    sign, body = _split_sign(text)
    if not body:
        raise ValueError(QCoreApplication.translate("fields", "type a number, e.g. 0.5, 0,5 or 1e-3"))
    value = _read_float(sign, body, shown, _locale_group_separator(locale))
    if value is None:
        number, ok = locale.toDouble(shown)  # the locale's own format, as a last resort
        value = float(number) if ok else None
    if value is None:
        raise ValueError(QCoreApplication.translate("fields", "'{0}' is not a number; type e.g. 0.5, 0,5 or 1e-3")
                         .format(shown))
    if not math.isfinite(value):
        raise ValueError(QCoreApplication.translate("fields", "'{0}' is not a finite number").format(shown))
    return value


def _read_float(sign: str, body: str, shown: str, locale_group: str) -> float | None:
    """The number ``sign + body`` reads as, or None if it is not one (ValueError if it is
    ambiguous). ``locale_group`` is the locale's thousands separator, or ''."""
    m = re.fullmatch(r"(?P<mantissa>[^eE]*)(?P<exponent>[eE][+-]?[0-9]+)?", body)
    if m is None:
        return None
    mantissa, exponent = m["mantissa"], m["exponent"] or ""
    marks = [c for c in mantissa if c in ".,"]
    groups = GROUP_SEPARATORS
    if not marks:
        whole, fraction = mantissa, None
    elif len(set(marks)) == 2:  # 1,000.5 or 1.000,5: the last mark is the decimal one
        decimal = mantissa[max(mantissa.rfind("."), mantissa.rfind(","))]
        whole, fraction = mantissa.rsplit(decimal, 1)
        groups += "," if decimal == "." else "."
    elif len(marks) == 1:
        whole, fraction = mantissa.split(marks[0])
        if (marks[0] == locale_group and not exponent and len(fraction) == 3 and fraction.isdigit()
                and re.fullmatch(r"[1-9][0-9]{0,2}", whole)):
            grouped, decimal = int(whole + fraction), float(f"{whole}.{fraction}")
            raise ValueError(QCoreApplication.translate(
                "fields", "'{0}' is ambiguous (thousands separator or decimal mark?): type {1} or {2}")
                             .format(shown, f"{sign}{grouped}", f"{sign}{decimal!r}"))
    else:  # 1,000,000: thousands separators only
        whole, fraction = mantissa, None
        groups += marks[0]
    digits = _ungroup(whole, groups) if whole else ""
    if digits is None or (fraction is not None and not re.fullmatch(r"[0-9]*", fraction)):
        return None
    if not digits and not fraction:
        return None  # ".", "e5"
    return float(f"{sign}{digits or '0'}.{fraction or '0'}{exponent}")  # inf if it overflows


def format_float(value: float, locale: QLocale | None = None) -> str:
    """``value`` written so that :func:`parse_float` reads it back exactly: Python's
    shortest round-trip form, ``3`` rather than ``3.0``, with the locale's decimal mark
    (``0,5`` in French)."""
    locale = QLocale() if locale is None else locale
    text = repr(float(value))
    text = text.removesuffix(".0")
    if locale.decimalPoint() == ",":
        text = text.replace(".", ",")
    return text


def format_int(value: int) -> str:
    """``value`` written plainly (``50000``), which :func:`parse_int` reads back in any locale."""
    return str(int(value))


class NumberField(QLineEdit):
    """A line edit for one number, typed freely and never corrected behind the user's back.

    Parameters
    ----------
    kind : {int, float}
        Which parser reads the text: :func:`parse_int` or :func:`parse_float`.
    blank_words : sequence of str
        Words that mean "no value" (None), as the empty text does, e.g. ``("all",)``;
        compared without case. Empty: the field needs a number.
    parent : QWidget, optional

    Notes
    -----
    The field only parses; the range (and the message naming the field) is the form's
    business. :meth:`set_invalid` gives it the red frame of a refused value.
    """

    def __init__(self, kind: type = float, blank_words: tuple[str, ...] = (), parent: QWidget | None = None):
        super().__init__(parent)
        if kind not in (int, float):
            raise ValueError(f"kind must be int or float, got {kind!r}")
        self.kind = kind
        self.blank_words = tuple(blank_words)
        self.setProperty("invalid", False)

    def is_blank(self) -> bool:
        """True if the text is empty or one of the blank words (a "no value" field)."""
        text = self.text().strip().casefold()
        return not text or text in {w.casefold() for w in self.blank_words}

    def value(self) -> int | float | None:
        """The number typed, or None for a blank field that allows one.

        Raises
        ------
        ValueError
            The text is not a number of this field's kind (the parser's message), or is
            blank in a field that needs a number.
        """
        if self.blank_words and self.is_blank():
            return None
        return parse_int(self.text()) if self.kind is int else parse_float(self.text())

    def setValue(self, value: float | None) -> None:  # the spin boxes' name, so callers need not care
        """Show ``value`` (None: empty, the blank meaning)."""
        if value is None:
            self.setText("")
        elif self.kind is int:
            self.setText(format_int(value))
        else:
            self.setText(format_float(value))

    def set_invalid(self, invalid: bool) -> None:
        """Frame the field in red (a refused value) or not; the text is left as it is."""
        mark_invalid(self, invalid)


def mark_invalid(edit: QLineEdit, invalid: bool) -> None:
    """Give ``edit`` the red frame of a refused value, or take it away; its ``invalid``
    property (bool) says which, for tests and style sheets. The text is not touched."""
    if bool(edit.property("invalid")) == invalid:
        return
    edit.setProperty("invalid", invalid)
    edit.setStyleSheet("QLineEdit { border: 1px solid #c00000; border-radius: 2px; padding: 1px 2px; }"
                       if invalid else "")

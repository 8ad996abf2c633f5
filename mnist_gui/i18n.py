"""The language of the interface: English (the source texts) or French (a Qt translation).

Every user-visible text goes through Qt's translation system (``self.tr`` or
``QCoreApplication.translate``); the French texts are in ``resources/i18n/mnist_gui_fr.ts``,
compiled to ``mnist_gui_fr.qm`` (``python tools/update_translations.py`` redoes both).

The language is chosen once, at the start, before the main window is built
(:func:`install`): the one remembered under :data:`LANGUAGE_KEY` ("en" or "fr"), or, for
"system" (the default, and what a bad stored value falls back to), French if the system
locale's language is French and English otherwise. Qt's own French texts (standard
buttons and dialogs, from ``qtbase_fr.qm`` which PySide6 ships) are loaded too, and the
default ``QLocale`` is set to the chosen language so that numbers follow it
(:mod:`mnist_gui.numbers`). A language picked in the menu applies at the next start.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QSettings, QTranslator

from mnist_gui.settings import CheckedSettings

__all__ = ["LANGUAGES", "LANGUAGE_KEY", "install", "language_names", "read_language", "resolve",
           "translations_dir", "uninstall"]

#: Where the chosen language is remembered.
LANGUAGE_KEY = "ui/language"

#: The stored values: follow the system locale, English, French.
LANGUAGES = ("system", "en", "fr")

#: Languages with a translation file (English is the source text and needs none).
TRANSLATED = ("fr",)


def translations_dir() -> Path:
    """The folder of the app's ``.ts`` and ``.qm`` files, ``resources/i18n``."""
    from importlib import resources

    return Path(str(resources.files("resources"))) / "i18n"


def language_names() -> dict[str, str]:
    """Each value of :data:`LANGUAGES` -> its name in the menu. A language is named in
    itself ("Français" stays French in an English interface), as desktops do."""
    return {"system": QCoreApplication.translate("i18n", "System default"), "en": "English", "fr": "Français"}


def read_language(settings: QSettings | CheckedSettings) -> str:
    """The remembered choice, one of :data:`LANGUAGES`; "system" when none is stored, and
    when the stored one is not a known value (recorded in ``settings.ignored`` if
    ``settings`` is a :class:`~mnist_gui.settings.CheckedSettings`, for the usual note)."""
    checked = CheckedSettings.wrap(settings)
    return checked.read_choice(LANGUAGE_KEY, "system", LANGUAGES,
                               shown=QCoreApplication.translate("i18n", "System default"))


def resolve(language: str, system: QLocale | None = None) -> str:
    """The language to show, "en" or "fr", for a stored choice (one of :data:`LANGUAGES`;
    anything else counts as "system"): "system" gives "fr" if ``system`` (by default
    ``QLocale.system()``, which reads ``LC_ALL``, ``LC_MESSAGES`` or ``LANG`` on Linux) is
    French, else "en"."""
    if language in ("en", "fr"):
        return language
    system = QLocale.system() if system is None else system
    return "fr" if system.language() == QLocale.Language.French else "en"


def locale_for(code: str, system: QLocale | None = None) -> QLocale:
    """The ``QLocale`` numbers are written in for the language ``code`` ("en" or "fr"):
    the system's own if it speaks that language (so a Belgian or Canadian French system
    keeps its conventions), else France's French or American English."""
    system = QLocale.system() if system is None else system
    if code == "fr":
        if system.language() == QLocale.Language.French:
            return system
        return QLocale(QLocale.Language.French, QLocale.Country.France)
    if system.language() == QLocale.Language.English:
        return system
    return QLocale(QLocale.Language.English, QLocale.Country.UnitedStates)


def install(app: QCoreApplication, language: str = "system", system: QLocale | None = None) -> list[QTranslator]:
    """Show the interface in ``language`` (one of :data:`LANGUAGES`, see :func:`resolve`):
    install the app's translator and Qt's own (``qtbase``) for French, and set the default
    ``QLocale`` for numbers. Call once the application exists and before any window is built.

    Returns the translators installed (keep them alive; :func:`uninstall` removes them).
    A translation file that is missing or unreadable is skipped (the text stays English);
    it does not stop the start.
    """
    code = resolve(language, system)
    QLocale.setDefault(locale_for(code, system))
    installed: list[QTranslator] = []
    if code not in TRANSLATED:
        return installed
    for name, folder in ((f"qtbase_{code}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)),
                         (f"mnist_gui_{code}", str(translations_dir()))):
        translator = QTranslator(app)
        if translator.load(name, folder) and app.installTranslator(translator):
            installed.append(translator)
        else:
            translator.deleteLater()
    return installed


def uninstall(app: QCoreApplication, translators: list[QTranslator]) -> None:
    """Remove ``translators`` (from :func:`install`) and go back to the system's ``QLocale``
    (for tests that switch the language and back)."""
    for translator in translators:
        app.removeTranslator(translator)
    QLocale.setDefault(QLocale.system())

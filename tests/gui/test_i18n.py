"""French and English: every text translated, the .qm current, the window French throughout,
numbers in the locale, and the language setting.

The translation tests fail for any text added to the code until it is translated:
``python tools/update_translations.py`` brings the .ts up to date and lists what is left.
"""

from __future__ import annotations

import importlib.util
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QLocale, Qt, QTranslator
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QGraphicsView,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressBar,
    QTableView,
    QTabWidget,
    QWidget,
)

from mnist_gui import i18n, numbers
from mnist_gui.widgets import ProgressBar

ROOT = Path(__file__).resolve().parents[2]
TS = ROOT / "resources" / "i18n" / "mnist_gui_fr.ts"
QM = ROOT / "resources" / "i18n" / "mnist_gui_fr.qm"


def _tools():
    spec = importlib.util.spec_from_file_location("update_translations", ROOT / "tools" / "update_translations.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _entries(ts: Path) -> dict[tuple[str, str, str], tuple[str, bool]]:
    """(context, source, disambiguation) -> (translation, finished) for every entry of ``ts``."""
    out = {}
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            text = (translation.text or "") if translation is not None else ""
            finished = translation is not None and translation.get("type") is None and bool(text)
            out[(name, message.findtext("source") or "", message.findtext("comment") or "")] = (text, finished)
    return out


@pytest.fixture(scope="module")
def source_texts(tmp_path_factory) -> dict[tuple[str, str, str], tuple[str, bool]]:
    """Every translatable text in the sources now, as lupdate finds it (in a fresh .ts)."""
    ts = tmp_path_factory.mktemp("i18n") / "sources.ts"
    _tools().lupdate(ts)
    return _entries(ts)


@pytest.fixture(scope="module")
def committed() -> dict[tuple[str, str, str], tuple[str, bool]]:
    return _entries(TS)


# -- (a) the translation files ---------------------------------------------------------------

def test_every_source_text_has_a_finished_french_translation(source_texts, committed):
    assert len(source_texts) > 500  # lupdate found the texts (not an empty run)
    missing = [key for key in source_texts if not committed.get(key, ("", False))[1]]
    assert not missing, (
        f"{len(missing)} text(s) have no finished French translation in {TS.relative_to(ROOT)}; run "
        "`python tools/update_translations.py` and translate them:\n"
        + "\n".join(f"  [{c}] {s!r}" + (f" ({d})" if d else "") for c, s, d in missing))


def test_translations_keep_the_placeholders(committed):
    wrong = [(key, text) for key, (text, done) in committed.items()
             if done and set(re.findall(r"\{\d+\}|%p|%n", key[1])) != set(re.findall(r"\{\d+\}|%p|%n", text))]
    assert not wrong, "placeholders differ:\n" + "\n".join(f"  {k[1]!r} -> {t!r}" for k, t in wrong)


def test_the_committed_qm_is_compiled_from_the_committed_ts(tmp_path, committed):
    """The .qm holds what the .ts says: compiled afresh, both give the same text for every
    entry (compared as loaded, not byte for byte, so another lrelease version still passes)."""
    qm = tmp_path / "fresh.qm"
    _tools().lrelease(TS, qm)
    fresh, shipped = QTranslator(), QTranslator()
    assert fresh.load(str(qm)) and shipped.load(str(QM))
    stale = [(c, s) for c, s, d in committed
             if fresh.translate(c, s, d or None) != shipped.translate(c, s, d or None)]
    assert not stale, (f"{QM.relative_to(ROOT)} is not the compiled {TS.name} ({len(stale)} texts differ, e.g. "
                       f"{stale[:3]}): run `python tools/update_translations.py`")


def test_a_translation_pass_from_a_todo_file(tmp_path):
    """--todo lists the unfinished texts, --fill puts them back with French typography and
    refuses changed placeholders."""
    import json

    tools = _tools()
    ts = tmp_path / "fr.ts"
    ts.write_text(TS.read_text(encoding="utf-8").replace(
        "<translation>&amp;Fichier</translation>", '<translation type="unfinished"></translation>'), encoding="utf-8")
    todo = tmp_path / "todo.json"
    assert tools.write_todo(ts, todo) == 1
    entries = json.loads(todo.read_text(encoding="utf-8"))
    assert entries == [{"context": "MainWindow", "source": "&File", "comment": "", "translation": ""}]
    entries[0]["translation"] = "{0} &Fichier"
    todo.write_text(json.dumps(entries), encoding="utf-8")
    with pytest.raises(ValueError, match="placeholders"):
        tools.fill(ts, todo, "fr")
    entries[0]["translation"] = "&Fichier : l'essai ; 5 % ?"
    todo.write_text(json.dumps(entries), encoding="utf-8")
    assert tools.fill(ts, todo, "fr") == 1
    assert _entries(ts)[("MainWindow", "&File", "")] == ("&Fichier\u00a0: l\u2019essai\u202f; 5\u202f%\u202f?", True)


def test_the_preset_descriptions_marked_for_translation_are_cores():
    from core.sgd import PRESETS
    from mnist_gui.config_form import PRESET_DESCRIPTIONS

    assert list(PRESET_DESCRIPTIONS) == [p.description for p in PRESETS.values()]


# -- (b) the window in French ----------------------------------------------------------------

@pytest.fixture
def french(qapp):
    """The French translators installed and numbers in French, as at a start with "fr"."""
    translators = i18n.install(qapp, "fr")
    yield translators
    i18n.uninstall(qapp, translators)


@pytest.fixture
def french_window(french, window):
    """The main window (conftest's ``window``: data loaded, error boxes recorded) built after
    the French translators were installed (fixtures are made in the order they are named)."""
    return window


def test_qt_and_the_app_are_both_translated(french):
    assert len(french) == 2  # qtbase_fr.qm (shipped with PySide6) and the app's own
    assert QCoreApplication.translate("MainWindow", "&File") == "&Fichier"
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Annuler"


def _visible_texts(window: QWidget) -> list[tuple[str, str]]:
    """(where, text) for every text the window can show: widgets' texts, tooltips, titles,
    placeholders, tab names and tips, combo items, column headers, actions and menus, and
    the plots' titles, axis labels and legends."""
    import pyqtgraph as pg

    out: list[tuple[str, str]] = [("window title", window.windowTitle())]
    for widget in [window, *window.findChildren(QWidget)]:
        kind = type(widget).__name__
        out += [(f"{kind} tooltip", widget.toolTip()), (f"{kind} status tip", widget.statusTip()),
                (f"{kind} accessible name", widget.accessibleName())]
        if isinstance(widget, (QLabel, QAbstractButton)):
            out.append((f"{kind} text", widget.text()))
        if isinstance(widget, QGroupBox):
            out.append((f"{kind} title", widget.title()))
        if isinstance(widget, QLineEdit):
            out.append((f"{kind} placeholder", widget.placeholderText()))
        if isinstance(widget, (QProgressBar, ProgressBar)):
            out.append((f"{kind} format", widget.format()))
        if isinstance(widget, QTabWidget):
            for i in range(widget.count()):
                out += [("tab", widget.tabText(i)), ("tab tooltip", widget.tabToolTip(i))]
        if isinstance(widget, QComboBox):
            for i in range(widget.count()):
                out += [("combo item", widget.itemText(i)),
                        ("combo item tooltip", str(widget.itemData(i, Qt.ItemDataRole.ToolTipRole) or ""))]
        if isinstance(widget, QTableView) and widget.model() is not None:
            model = widget.model()
            for section in range(widget.horizontalHeader().count()):
                out.append(("column header", str(model.headerData(section, Qt.Orientation.Horizontal) or "")))
                for row in range(min(widget.verticalHeader().count(), 20)):
                    for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                        value = model.data(model.index(row, section), role)
                        out.append(("table cell", value if isinstance(value, str) else ""))
        if isinstance(widget, QGraphicsView) and widget.scene() is not None:
            for item in widget.scene().items():
                if isinstance(item, pg.LabelItem):
                    out.append(("plot label", item.text))
                elif isinstance(item, pg.AxisItem):
                    out.append(("axis label", item.labelText))
                elif isinstance(item, pg.TextItem):
                    out.append(("plot text", item.textItem.toPlainText()))
    for action in window.findChildren(QAction):
        out += [("action", action.text()), ("action tooltip", action.toolTip()),
                ("action status tip", action.statusTip())]
        if action.menu() is not None:
            out.append(("menu title", action.menu().title()))
    return [(where, text) for where, text in out if text and text.strip()]


def _pattern(text: str) -> re.Pattern:
    """A source text with placeholders ({0}, %p) as a regular expression matching its filled forms."""
    parts = re.split(r"(\{\d+\}|%p)", text)
    return re.compile("".join(".*?" if re.fullmatch(r"\{\d+\}|%p", p) else re.escape(p) for p in parts), re.DOTALL)


#: Texts that read the same in both languages and may appear in either (names, symbols, units).
ALLOWED = {"MNIST", "mnist-gui", "English", "Français", "–", "?", "→", "#", "%", "px", "Verdict", "Message",
           "Pause", "Test", "test", "validation", "rotation", "pixels", "activation", "patience", "± fraction"}


def test_the_french_window_shows_no_english_source_text(french_window, source_texts, committed, qtbot):
    w = french_window
    for i in range(w.tabs.count()):  # each view shown once, so that what it builds when shown exists
        w.tabs.setCurrentIndex(i)
        qtbot.wait(50)
    w.train_view.form.more_button.setChecked(True)
    same = {text for (_, text, _), (fr, done) in committed.items() if done and fr == text}  # same in French
    plain = {text for (_, text, _) in source_texts} - same - ALLOWED
    # Sources with placeholders and enough words of their own to be recognised once filled in.
    formats = [(_pattern(text), _pattern(committed.get(key, (text, False))[0]), text)
               for key in source_texts for text in [key[1]]
               if re.search(r"\{\d+\}", text) and len(re.findall(r"[A-Za-z]{3,}", re.sub(r"\{\d+\}", "", text))) >= 3
               and committed.get(key, ("", False))[0] != text]
    english = []
    for where, text in _visible_texts(w):
        if text in plain:
            english.append((where, text))
            continue
        for english_form, french_form, source in formats:
            if english_form.fullmatch(text) and not french_form.fullmatch(text):
                english.append((where, f"{text}  (from {source!r})"))
                break
    assert len(_visible_texts(w)) > 300  # the walk saw the window (not an empty list)
    assert not english, f"{len(english)} English text(s) in the French window:\n" + "\n".join(
        f"  {where}: {text!r}" for where, text in sorted(set(english)))


def test_the_french_window_writes_numbers_the_french_way(french_window):
    texts = " ".join(label.text() for label in french_window.labels.findChildren(QLabel))
    assert re.search(r"exactitude en test \d+,\d\d\u202f%", texts), texts


# -- (c) numbers ----------------------------------------------------------------------------

@pytest.fixture
def locale_default():
    """Restores the default QLocale after a test that sets it."""
    before = QLocale()
    yield
    QLocale.setDefault(before)


@pytest.mark.usefixtures("locale_default")
def test_numbers_in_french():
    QLocale.setDefault(QLocale(QLocale.Language.French, QLocale.Country.France))
    assert numbers.integer(70000) == "70\u202f000"
    assert numbers.integer(10**30) == "1" + "\u202f000" * 10
    assert numbers.fixed(0.5, 2) == "0,50"
    assert numbers.general(0.5) == "0,5" and numbers.general(3.0) == "3" and numbers.general(1e-5) == "1e-05"
    assert numbers.signed(0.123, 2) == "+0,12" and numbers.signed(-1.5, 1) == "-1,5"
    assert numbers.percent(0.9893) == "98,93\u202f%"
    assert numbers.percent(None) == "–" and numbers.percent(float("nan")) == "–"
    assert numbers.duration(4.25) == "4,2 s" or numbers.duration(4.25) == "4,3 s"
    assert numbers.duration(150) == "2 min 30 s"
    assert numbers.size_bytes(2.1e9) == "2,1 GB"  # (the unit is translated by the app's translator)
    assert numbers.decimal_point() == ","


@pytest.mark.usefixtures("locale_default")
def test_numbers_in_english():
    QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
    assert numbers.integer(70000) == "70,000"
    assert numbers.fixed(0.5, 2) == "0.50"
    assert numbers.general(0.5) == "0.5" and numbers.general(2.5e-4, 3) == "0.00025"
    assert numbers.percent(0.9893) == "98.93%"
    assert numbers.duration(5400) == "1 h 30 min"
    assert numbers.size_bytes(850e6) == "850 MB"


@pytest.mark.usefixtures("locale_default")
def test_the_c_locale_writes_numbers_as_american_english():
    QLocale.setDefault(QLocale.c())
    assert numbers.integer(70000) == "70,000" and numbers.percent(0.5) == "50.00%"


@pytest.mark.usefixtures("locale_default")
def test_a_french_number_field_shows_and_reads_a_decimal_comma(qtbot):
    from mnist_gui.fields import NumberField

    QLocale.setDefault(QLocale(QLocale.Language.French, QLocale.Country.France))
    field = NumberField(float)
    qtbot.addWidget(field)
    field.setValue(0.5)
    assert field.text() == "0,5" and field.value() == 0.5
    field.setText("0.25")
    assert field.value() == 0.25


@pytest.mark.usefixtures("locale_default")
def test_plot_ticks_use_the_decimal_comma_in_french(qtbot):
    import pyqtgraph as pg

    from mnist_gui.widgets import localize_axes

    widget = pg.PlotWidget()
    qtbot.addWidget(widget)
    localize_axes(widget.getPlotItem())
    axis = widget.getPlotItem().getAxis("left")
    QLocale.setDefault(QLocale(QLocale.Language.French, QLocale.Country.France))
    assert axis.tickStrings([0.5, 1.0, 1.5], 1, 0.5) == ["0,5", "1,0", "1,5"]
    QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
    assert axis.tickStrings([0.5, 1.0, 1.5], 1, 0.5) == ["0.5", "1.0", "1.5"]


def test_core_size_limits_are_said_in_french_in_the_form(french, qtbot):
    from mnist_gui.config_form import TrainingForm

    form = TrainingForm()
    qtbot.addWidget(form)
    form.hidden_edit.setText("800")
    form.batch_edit.setText("30000")
    assert "un mini-lot de 30\u202f000 traversant une couche de 800 neurones" in " ".join(form.errors().values())


def test_core_size_limits_read_in_english_as_core_says_them(qtbot):
    from core.sgd import TrainConfig
    from mnist_gui.config_form import TrainingForm

    form = TrainingForm()
    qtbot.addWidget(form)
    form.hidden_edit.setText("800")
    form.batch_edit.setText("30000")
    with pytest.raises(ValueError) as core_says:
        TrainConfig(layer_sizes=(784, 800, 10), batch_size=30000)
    assert str(core_says.value) in form.errors().values()


# -- (d) the language setting ---------------------------------------------------------------

def test_a_bad_stored_language_falls_back_to_system_with_a_note(settings):
    from mnist_gui.settings import CheckedSettings, ignored_note

    for garbage in ("klingon", "", "FR", 3, ["fr", "en"]):
        settings.setValue(i18n.LANGUAGE_KEY, garbage)
        checked = CheckedSettings(settings)
        assert i18n.read_language(checked) == "system"
        assert i18n.LANGUAGE_KEY in checked.ignored and i18n.LANGUAGE_KEY in ignored_note(checked.ignored)
    settings.remove(i18n.LANGUAGE_KEY)
    checked = CheckedSettings(settings)
    assert i18n.read_language(checked) == "system" and not checked.ignored  # missing: silently the default


def test_system_follows_the_system_locale():
    french, german = QLocale(QLocale.Language.French, QLocale.Country.Canada), QLocale(QLocale.Language.German)
    assert i18n.resolve("system", french) == "fr" and i18n.resolve("system", german) == "en"
    assert i18n.resolve("en", french) == "en" and i18n.resolve("fr", german) == "fr"
    assert i18n.locale_for("fr", french) == french  # a Canadian French system keeps its conventions
    assert i18n.locale_for("fr", german).territory() == QLocale.Country.France


@pytest.mark.usefixtures("locale_default")
def test_fr_stored_gives_french_at_the_next_start(qapp, settings):
    settings.setValue(i18n.LANGUAGE_KEY, "fr")
    translators = i18n.install(qapp, i18n.read_language(settings))  # what __main__ does at a start
    try:
        assert QCoreApplication.translate("MainWindow", "&Train") == "En&traîner"
        assert QLocale().language() == QLocale.Language.French and numbers.percent(0.5) == "50,00\u202f%"
    finally:
        i18n.uninstall(qapp, translators)
    assert QCoreApplication.translate("MainWindow", "&Train") == "&Train"
    en = i18n.install(qapp, "en")
    assert en == [] and QLocale().language() == QLocale.Language.English


def test_the_language_menu_remembers_the_choice_and_says_it_applies_at_the_next_start(window, settings,
                                                                                     monkeypatch):
    said = []
    monkeypatch.setattr(QMessageBox, "information", lambda parent, title, text, *a: said.append(text))
    assert window.language == "system" and window.language_actions["system"].isChecked()
    assert [a.text() for a in window.language_menu.actions()] == ["System default", "English", "Français"]
    window.language_actions["fr"].trigger()
    assert settings.value(i18n.LANGUAGE_KEY) == "fr" and window.language_actions["fr"].isChecked()
    assert len(said) == 1 and "French" in said[0] and "next start" in said[0]
    window.language_actions["fr"].trigger()  # the same again: nothing to say
    assert len(said) == 1
    window.language_actions["system"].trigger()
    assert settings.value(i18n.LANGUAGE_KEY) == "system" and "system's language" in said[-1]


#: Calls of tr / translate whose text is not a literal, on purpose: (file, function).
NON_LITERAL_TEXTS = {
    ("config_form.py", "preset_description"),  # core's descriptions, marked with QT_TRANSLATE_NOOP
}


def test_every_translated_text_is_a_literal_lupdate_can_see():
    """A wrapper such as ``def _tr(text): return QCoreApplication.translate("help", text)``
    hides every text it is given from lupdate: those texts are in no .ts, so neither the
    .ts check nor the French window's check (which knows only the .ts's texts) sees them, and
    they stay English (help.py's hints and help pages did). Every ``tr(...)`` and
    ``translate(context, ...)`` call must give its text as a string literal."""
    import ast

    found = []
    for path in sorted((ROOT / "mnist_gui").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        parents = {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Call) and isinstance(node.func, (ast.Attribute, ast.Name))):
                continue
            name = node.func.attr if isinstance(node.func, ast.Attribute) else node.func.id
            index = {"tr": 0, "translate": 1}.get(name)
            if index is None or len(node.args) <= index:
                continue
            text = node.args[index]
            if isinstance(text, ast.Constant) and isinstance(text.value, str):
                continue
            function, up = "", parents.get(node)
            while up is not None and not isinstance(up, (ast.FunctionDef, ast.AsyncFunctionDef)):
                up = parents.get(up)
            if up is not None:
                function = up.name
            if (path.name, function) not in NON_LITERAL_TEXTS:
                found.append(f"{path.relative_to(ROOT)}:{node.lineno} in {function or 'module'}: {ast.unparse(node)[:80]}")
    assert not found, "texts lupdate cannot see (write the literal in the call):\n" + "\n".join(found)


def test_a_large_run_is_said_in_french(french_window):
    """The Train view's large-run warning came from core in English inside a French sentence."""
    from core.estimate import RunEstimate

    estimate = RunEstimate(seconds_per_epoch=1400.0, training_seconds_per_epoch=1390.0,
                           evaluation_seconds_per_epoch=10.0, peak_bytes=int(3e9), measured_on="test", n_epochs=30)
    warnings = french_window.train_view._estimate_warnings(estimate)
    assert len(warnings) == 2 and warnings[0].startswith("environ ") and "par époque (30 époques" in warnings[0]
    assert "de mémoire" in warnings[1] and "3,0" in warnings[1] and "about" not in " ".join(warnings)

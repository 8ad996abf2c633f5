"""Remembered settings: every stored value is read through mnist_gui.settings.CheckedSettings. A bad
value (too large for Qt, out of the field's range, NaN, the wrong type) gives its default and a
status-bar note naming the key; a settings file that cannot be read is moved aside; a start that
fails anyway suggests ``mnist-gui --reset-settings``. Issue 11."""

import math
import os
from dataclasses import replace

import pytest
from PySide6.QtCore import QByteArray, QSettings
from PySide6.QtWidgets import QApplication

from mnist_gui.config_form import DEFAULTS, TrainingForm
from mnist_gui.settings import MISSING, UNREADABLE, CheckedSettings, ignored_note, set_aside_unreadable

try:  # the property test runs where hypothesis is installed (the test extra has it)
    from hypothesis import HealthCheck, given
    from hypothesis import settings as hsettings
    from hypothesis import strategies as st
except ImportError:  # pragma: no cover
    given = None


def ini(tmp_path, text: str, name: str = "settings.ini") -> QSettings:
    """A QSettings over an INI file holding ``text`` exactly (values as a hand-edited or
    damaged file holds them: ``setValue(2**63)`` itself overflows in the binding)."""
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return QSettings(str(path), QSettings.Format.IniFormat)


def section_text(key: str, value: str) -> str:
    group, name = key.split("/")
    return f"[{group}]\n{name}={value}\n"


@pytest.fixture
def start(qtbot, monkeypatch, tmp_path):
    """start(settings) -> a MainWindow built on ``settings`` (errors recorded, not shown); the
    data loading it starts is waited for at the end."""
    from mnist_gui.main_window import MainWindow

    monkeypatch.setattr(MainWindow, "_show_error", lambda self, title, text: None)
    monkeypatch.setattr(MainWindow, "_confirm_close", lambda self: True)
    windows = []

    def make(settings):
        w = MainWindow(settings=settings, own_digits_dir=tmp_path / "my digits")
        qtbot.addWidget(w)
        windows.append(w)
        return w

    yield make
    for w in windows:
        w.session.wait_for_loading()


def note(window) -> str:
    return " ".join(window.settings_notes)


# -- the window starts, the field shows its default, a note names the key --------------------------

#: Key -> (the form field, the default it shows).
FORM_KEYS = {"train/epochs": ("epochs_edit", str(DEFAULTS.n_epochs)),
             "train/batch_size": ("batch_edit", str(DEFAULTS.batch_size)),
             "train/patience": ("patience_edit", ""), "train/seed": ("seed_edit", "")}

OVERFLOWING = [str(2**31), str(2**63), str(10**30), "-5", "abc", "1e999", "nan", "3.5", "9" * 5000]


#: Integer keys whose field or widget takes at most 2^31 - 1 (a Qt int) or less; their defaults.
INT_KEYS = {"train/epochs": "30", "train/batch_size": "10", "window/tab": "0", "browse/tab": "0",
            "draw/pen_width": None}


@pytest.mark.parametrize("value", [str(2**31), str(2**63), str(10**30), "-5", "abc"])
def test_an_overflowing_integer_setting_gives_the_default_and_a_note(start, tmp_path, value):
    """One window per value, every integer key holding it: each is named in the note."""
    text = "".join(f"[{group}]\n" + "".join(f"{k.split('/')[1]}={value}\n" for k in INT_KEYS if k.startswith(group))
                   for group in ("train", "window", "browse", "draw"))
    w = start(ini(tmp_path, text))
    form = w.train_view.form
    assert form.epochs_edit.text() == "30" and form.batch_edit.text() == "10" and form.errors() == {}
    assert w.tabs.currentIndex() == 0 and w.browse_view.tabs.currentIndex() == 0
    assert w.draw_view.pen_slider.value() == w.draw_view.canvas.pen_width()
    for key, default in INT_KEYS.items():
        assert f"{key} (reset to {default or ''}" in note(w), key
    assert note(w).startswith("Ignored bad remembered settings: ")
    w.show()  # the note is a permanent status-bar widget: the start's messages do not hide it
    assert w.settings_note_label.text() == note(w) and w.settings_note_label.isVisible()
    w.resize(1400, 850)  # and it has room to be read, not a zero-width widget (as with an Ignored size policy)
    QApplication.processEvents()
    assert w.settings_note_label.width() >= min(400, w.settings_note_label.sizeHint().width())


def test_one_overflowing_tab_gives_the_note_in_the_singular(start, tmp_path):
    w = start(ini(tmp_path, section_text("window/tab", str(2**31))))  # today: OverflowError at every start
    assert w.tabs.currentIndex() == 0
    assert note(w) == "Ignored a bad remembered setting: window/tab (reset to 0)."


@pytest.mark.parametrize("value", ["-5", "abc", "1.5"])
def test_a_bad_seed_or_patience_gives_the_default_and_a_note(start, tmp_path, value):
    w = start(ini(tmp_path, f"[train]\nseed={value}\npatience={value}\n"))
    form = w.train_view.form
    assert form.seed_edit.text() == form.patience_edit.text() == "" and form.errors() == {}
    assert "train/seed (reset to random)" in note(w) and "train/patience (reset to never)" in note(w)


def test_a_large_seed_or_patience_is_kept_as_if_typed(start, tmp_path):
    """The seed field takes any whole number of 0 or more, the patience any of 1 or more (a run
    with seed 10**30 or patience 2**63 trains and saves): a large one remembered is one the user typed."""
    w = start(ini(tmp_path, f"[train]\nseed={10**30}\npatience={2**63}\n"))
    form = w.train_view.form
    assert form.config().seed == 10**30 and form.config().patience == 2**63 and w.settings_notes == []


@pytest.mark.parametrize("value", ["nan", "inf", "x"])
def test_a_bad_learning_rate_gives_the_default_and_a_note(start, tmp_path, value):
    w = start(ini(tmp_path, section_text("train/learning_rate", value)))
    form = w.train_view.form
    assert form.config().learning_rate == DEFAULTS.learning_rate and form.eta_edit.text() == "3"
    assert note(w) == "Ignored a bad remembered setting: train/learning_rate (reset to 3)."


def test_an_empty_list_and_bytes_give_the_default_and_a_note(start, tmp_path):
    settings = ini(tmp_path, "")
    settings.setValue("train/epochs", [])
    settings.setValue("train/batch_size", b"\xff\x00")
    settings.setValue("window/tab", ["1", "2"])
    settings.sync()
    w = start(settings)
    assert w.train_view.form.config() == DEFAULTS and w.tabs.currentIndex() == 0
    for key in ("train/epochs", "train/batch_size", "window/tab"):
        assert key in note(w)


def test_every_other_key_refused_is_named(start, tmp_path):
    text = ("[window]\ngeometry=junk\n"
            "[draw]\npen_width=2147483648\n"
            "[browse]\nset=nonsense\norder=42\ntab=9223372036854775808\nsplitter=garbage\n"
            "[paths]\nimages=x, y\n"
            "[train]\nmore_options=maybe\ncost=nonsense\ndtype=float16\nhidden=-3\ncolumns=17\n")
    w = start(ini(tmp_path, text))
    for key in ("window/geometry", "draw/pen_width", "browse/set", "browse/order", "browse/tab", "browse/splitter",
                "paths/images", "train/more_options", "train/cost", "train/dtype", "train/hidden", "train/columns"):
        assert key in note(w), key
    assert note(w).startswith("Ignored bad remembered settings: ")
    assert w.train_view.form.config() == DEFAULTS and w.browse_view.current_set == "test"
    assert w.draw_view.pen_slider.value() == w.draw_view.canvas.pen_width()


def test_a_remembered_data_folder_that_is_not_text_gives_the_bundled_mnist(start, tmp_path, qtbot):
    settings = ini(tmp_path, "[paths]\ndata_dir=@Variant(\\0\\0\\0\\x4\\0\\0\\0\\x1\\0\\0\\0\\0)\n")
    assert settings.value("paths/data_dir") == 2**32  # an integer: Path(2**32) raised TypeError at start
    w = start(settings)
    assert "paths/data_dir (reset to bundled MNIST)" in note(w)
    qtbot.waitUntil(lambda: w.session.data is not None and not w.session.loading, timeout=20_000)


def test_good_settings_give_no_note(start, tmp_path):
    w = start(ini(tmp_path, "[train]\nepochs=12\nlearning_rate=0.5\nseed=-1\npatience=0\n[window]\ntab=2\n"))
    form = w.train_view.form
    assert form.config() == replace(DEFAULTS, n_epochs=12, learning_rate=0.5) and w.tabs.currentIndex() == 2
    w.show()
    assert w.settings_notes == [] and not w.settings_note_label.isVisible()


def test_settings_written_at_close_read_back_without_a_note(start, tmp_path):
    settings = ini(tmp_path, "")
    first = start(settings)
    first.tabs.setCurrentIndex(1)
    first.close()
    second = start(QSettings(settings.fileName(), QSettings.Format.IniFormat))
    assert second.tabs.currentIndex() == 1 and second.settings_notes == []


# -- a settings file that cannot be read is set aside -----------------------------------------------

def test_a_damaged_settings_file_is_moved_aside_and_the_defaults_are_used(start, tmp_path):
    settings = ini(tmp_path, "[train]\nepochs=12\n[\n\x00\xff garbage", name="mnist-gui.conf")
    assert settings.status() == QSettings.Status.FormatError
    w = start(settings)
    aside = [p.name for p in tmp_path.iterdir() if p.name.startswith("mnist-gui.conf.bad-")]
    assert len(aside) == 1 and aside[0] in note(w) and "were not used" in note(w)
    assert w.train_view.form.config() == DEFAULTS
    w.close()  # the fresh file is written where the damaged one was, and reads back cleanly
    again = QSettings(str(tmp_path / "mnist-gui.conf"), QSettings.Format.IniFormat)
    assert again.status() == QSettings.Status.NoError and again.contains("window/tab")


def test_a_damaged_file_that_cannot_be_moved_is_said_so(tmp_path, monkeypatch):
    settings = ini(tmp_path, "[\n", name="mnist-gui.conf")

    def refuse(*args):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "rename", refuse)
    same, message = set_aside_unreadable(settings)
    assert same is settings and "could not be moved aside (Permission denied)" in message
    assert "--reset-settings" in message


def test_a_readable_store_is_kept(tmp_path):
    settings = ini(tmp_path, "[a]\nb=1\n")
    assert set_aside_unreadable(settings) == (settings, "")


# -- a start that fails anyway -------------------------------------------------------------------

def test_a_start_that_fails_anyway_suggests_reset_settings(qapp, tmp_path, monkeypatch, capsys):
    import PySide6.QtCore
    import PySide6.QtWidgets

    import mnist_gui.__main__ as app_main
    import mnist_gui.main_window

    def broken(**kwargs):
        raise OverflowError("int too big to convert")

    path = str(tmp_path / "mnist-gui.conf")
    monkeypatch.setattr(PySide6.QtCore, "QSettings", lambda: QSettings(path, QSettings.Format.IniFormat))
    monkeypatch.setattr(mnist_gui.main_window, "MainWindow", broken)
    shown = []
    monkeypatch.setattr(PySide6.QtWidgets.QMessageBox, "critical", lambda *args: shown.append(args))
    names = qapp.organizationName(), qapp.applicationName(), qapp.applicationVersion()
    try:
        assert app_main.main([]) == 1
    finally:
        qapp.setOrganizationName(names[0])
        qapp.setApplicationName(names[1])
        qapp.setApplicationVersion(names[2])
    err = capsys.readouterr().err
    assert "OverflowError: int too big to convert" in err and "mnist-gui --reset-settings" in err and path in err
    assert "Traceback" not in err and shown and "--reset-settings" in shown[0][2]


# -- the form, field by field (no window: every value for every key) ---------------------------------

@pytest.mark.parametrize("key", sorted(FORM_KEYS) + ["train/learning_rate", "train/l2", "train/train_size",
                                                     "train/max_halvings", "train/binarize", "train/distort_shift",
                                                     "train/elastic_sigma", "train/hidden"])
@pytest.mark.parametrize("value", OVERFLOWING)
def test_the_form_never_takes_a_bad_value(qtbot, tmp_path, key, value):
    form = TrainingForm()
    qtbot.addWidget(form)
    checked = CheckedSettings(ini(tmp_path, section_text(key, value)))
    form.restore_settings(checked)
    assert form.errors() == {}
    config = form.config()
    kept = config != DEFAULTS
    assert kept != (key in checked.ignored), (config, checked.ignored)
    if kept:  # the values a field takes (a seed of 10**30, patience 2**31, 3.5 epochs never)
        assert key in ("train/seed", "train/patience", "train/hidden", "train/l2", "train/learning_rate",
                       "train/binarize", "train/distort_shift", "train/elastic_sigma")


def test_the_form_reports_fields_fine_one_by_one_but_not_together(qtbot, tmp_path):
    form = TrainingForm()
    qtbot.addWidget(form)
    checked = CheckedSettings(ini(tmp_path, "[train]\nlearning_rate=100\nl2=1000\nepochs=12\n"))
    form.restore_settings(checked)
    assert form.config() == DEFAULTS
    assert set(checked.ignored) == {"train/learning_rate", "train/l2", "train/epochs"}


def test_a_plain_qsettings_still_works_for_the_views(qtbot, tmp_path):
    form = TrainingForm()
    qtbot.addWidget(form)
    form.restore_settings(ini(tmp_path, "[train]\nepochs=nan\n"))  # the notes go nowhere; no exception
    assert form.config() == DEFAULTS


# -- CheckedSettings itself ----------------------------------------------------------------------

def test_read_int_checks_type_and_range(tmp_path):
    s = ini(tmp_path, "[a]\nbig=9223372036854775808\nneg=-5\ntext=abc\nok= 12 \nfloat=3.0\nhuge=" + "9" * 5000 + "\n")
    s.setValue("a/bool", True)
    s.setValue("a/typed", 7)
    checked = CheckedSettings(s)
    assert checked.read_int("a/big", 1, 0, 2**31 - 1) == 1
    assert checked.read_int("a/neg", 1, 0, 10) == 1
    assert checked.read_int("a/text", 1) == 1
    assert checked.read_int("a/huge", 1) == 1
    assert checked.read_int("a/bool", 1) == 1
    assert checked.read_int("a/ok", 1, 0, 20) == 12
    assert checked.read_int("a/typed", 1, 0, 20) == 7
    assert checked.read_int("a/missing", 4) == 4
    assert checked.read_int("a/float", 1) == 1  # "3.0" as text is not a whole number written out
    assert list(checked.ignored) == ["a/big", "a/neg", "a/text", "a/huge", "a/bool", "a/float"]
    assert checked.ignored["a/big"] == "1"


@pytest.mark.parametrize("value", ["nan", "inf", "-inf", "1e999", "x", "", "-1"])
def test_read_float_refuses_non_finite_and_out_of_range(tmp_path, value):
    checked = CheckedSettings(ini(tmp_path, f"[a]\nb={value}\n"))
    assert checked.read_float("a/b", 3.0, 0, 1000, lo_open=True) == 3.0 and "a/b" in checked.ignored


def test_read_float_bool_str_choice_bytes(tmp_path):
    s = ini(tmp_path, "[a]\nf=0.5\nt=true\nn=0\nm=maybe\nlist=x, y\nname=test\n")
    s.setValue("a/nanf", math.nan)
    s.setValue("a/blob", QByteArray(b"\x01\x02"))
    checked = CheckedSettings(s)
    assert checked.read_float("a/f", 1.0, 0, 1) == 0.5
    assert checked.read_float("a/nanf", 1.0) == 1.0
    assert checked.read_bool("a/t", False) is True and checked.read_bool("a/n", True) is False
    assert checked.read_bool("a/m", False) is False
    assert checked.read_str("a/list", "") == ""  # an unquoted comma reads back as a list
    assert checked.read_choice("a/name", "x", ("test", "train")) == "test"
    assert checked.read_choice("a/f", "test", ("test", "train")) == "test"
    assert checked.read_bytes("a/blob") == QByteArray(b"\x01\x02") and checked.read_bytes("a/f") is None
    assert set(checked.ignored) == {"a/nanf", "a/m", "a/list", "a/f"}


def test_raw_tells_missing_from_unreadable(tmp_path):
    s = ini(tmp_path, "[a]\nb=1\n")
    s.setValue("a/none", None)
    checked = CheckedSettings(s)
    assert checked.raw("a/b") == "1" and checked.raw("a/x") is MISSING and checked.raw("a/none") is UNREADABLE


def test_the_note_names_each_key_and_its_default():
    assert ignored_note({}) == ""
    assert ignored_note({"train/epochs": "30"}) == "Ignored a bad remembered setting: train/epochs (reset to 30)."
    assert ignored_note({"a": "1", "b": "2"}) == "Ignored bad remembered settings: a (reset to 1), b (reset to 2)."


# -- any value under any key: the window opens ---------------------------------------------------------

KNOWN_KEYS = ["window/geometry", "window/tab", "draw/pen_width", "paths/images", "paths/models", "paths/data_dir",
              "browse/set", "browse/order", "browse/show", "browse/tab", "browse/splitter", "browse/right_splitter",
              "train/splitter", "train/columns", "train/more_options", "train/epochs", "train/batch_size",
              "train/learning_rate", "train/seed", "train/patience", "train/hidden", "train/cost", "train/dtype",
              "train/l2", "train/keep_best", "train/elastic_sigma", "train/train_size"]

if given is not None:
    VALUES = st.one_of(st.text(max_size=20), st.integers(-10**40, 10**40).map(str), st.integers(-2**62, 2**62),
                       st.floats(allow_nan=True, allow_infinity=True), st.booleans(),
                       st.lists(st.text(max_size=5), max_size=3), st.binary(max_size=16))

    @hsettings(max_examples=5, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
    @given(stored=st.dictionaries(st.sampled_from(KNOWN_KEYS), VALUES, min_size=1, max_size=6))
    def test_any_value_under_any_known_key_never_stops_the_window(start, tmp_path_factory, stored):
        settings = QSettings(str(tmp_path_factory.mktemp("s") / "s.ini"), QSettings.Format.IniFormat)
        for key, value in stored.items():
            settings.setValue(key, value)
        settings.sync()
        w = start(QSettings(settings.fileName(), QSettings.Format.IniFormat))
        assert w.train_view.form.errors() == {}
        assert set(w.settings_notes and [k for k in KNOWN_KEYS if k in note(w)]) <= set(stored)

"""The training form: every TrainConfig option, refused values shown at their field and
kept as typed, presets, settings, and the live learning rate during a run."""

from dataclasses import fields as dataclass_fields
from dataclasses import replace

import pytest
from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import QLabel, QLineEdit

from core.sgd import MAX_BATCH_VALUES, PRESETS, TrainConfig
from mnist_gui.config_form import DEFAULTS, TrainingForm
from mnist_gui.fields import format_float, parse_float, parse_int

#: Every field different from the defaults and from every preset, to see a preset overwrite it.
ODD = TrainConfig(layer_sizes=(784, 7, 10), n_epochs=2, batch_size=3, learning_rate=0.01, cost="cross-entropy",
                  init="scaled", l2=0.25, dtype="float64", binarize=0.3, train_size=1234, patience=9,
                  max_halvings=2, seed=5)


@pytest.fixture
def form(qtbot):
    f = TrainingForm()
    qtbot.addWidget(f)
    return f


@pytest.fixture
def french():
    """QLocale's default set to French (decimal comma) for the test, then put back."""
    before = QLocale()
    QLocale.setDefault(QLocale(QLocale.Language.French, QLocale.Country.France))
    yield
    QLocale.setDefault(before)


def type_into(qtbot, edit: QLineEdit, text: str) -> None:
    """Clear ``edit`` and type ``text`` key by key, as a user would."""
    edit.clear()
    qtbot.keyClicks(edit, text)


def shown(form: TrainingForm, name: str) -> str:
    """The reason shown for field ``name`` ('' if none is visible)."""
    label = form.field_error_label(name)
    return label.text() if label.isVisibleTo(form) else ""


# -- parsing ---------------------------------------------------------------------------

@pytest.mark.parametrize("text, value", [
    ("0.5", 0.5), ("0,5", 0.5), (".5", 0.5), ("1e-3", 0.001), ("1E-3", 0.001), ("2,5e-4", 0.00025), (" 3 ", 3.0),
    ("-1", -1.0), ("\u22122", -2.0), ("+4", 4.0), ("1 000.5", 1000.5), ("1\u202f000,5", 1000.5),
    ("1,000.5", 1000.5), ("1.000,5", 1000.5), ("0,500", 0.5), ("1,25", 1.25), ("1.000", 1.0), ("1e6", 1e6),
])
def test_parse_float_reads_what_people_type(text, value):
    assert parse_float(text, QLocale.c()) == value


@pytest.mark.parametrize("text, reason", [
    ("", "type a number"), ("abc", "not a number"), ("1,000", "ambiguous"), ("nan", "not a finite"),
    ("inf", "not a finite"), ("1e999", "not a finite"), (".", "not a number"), ("0.5 5", "not a number"),
    ("1,2,3", "not a number"), ("5 0000", "not a number"),
])
def test_parse_float_refuses_with_a_reason(text, reason):
    with pytest.raises(ValueError, match=reason):
        parse_float(text, QLocale.c())


def test_a_decimal_comma_works_in_every_locale_and_only_the_locales_grouping_is_ambiguous():
    french, german = QLocale(QLocale.Language.French), QLocale(QLocale.Language.German)
    assert parse_float("0,5", french) == parse_float("0.5", french) == 0.5
    assert parse_float("1,000", french) == 1.0  # French groups with spaces: a comma is a decimal comma
    assert parse_float("1.000", QLocale.c()) == 1.0
    with pytest.raises(ValueError, match="ambiguous"):
        parse_float("1.000", german)  # German groups with points
    for locale in (QLocale.c(), french, german):
        assert parse_float(format_float(0.1, locale), locale) == 0.1
        assert parse_float(format_float(1.125, locale), locale) == 1.125
        assert parse_float(format_float(1e-5, locale), locale) == 1e-5


@pytest.mark.parametrize("text, value", [
    ("50000", 50000), ("50 000", 50000), ("50_000", 50000), ("50\u202f000", 50000), ("50'000", 50000),
    ("1 000 000", 1_000_000), ("50,000", 50000), ("-1", -1), (" 7 ", 7), ("0", 0),
])
def test_parse_int_accepts_thousands_separators(text, value):
    assert parse_int(text, QLocale.c()) == value


@pytest.mark.parametrize("text", ["", "50,5", "3.0", "3.5", "1e4", "abc", "5 0000", "50.000", "1 2"])
def test_parse_int_refuses_anything_but_a_whole_number(text):
    with pytest.raises(ValueError, match="whole number"):
        parse_int(text, QLocale.c())


def test_integer_grouping_follows_the_locale():
    french, german = QLocale(QLocale.Language.French), QLocale(QLocale.Language.German)
    assert parse_int("50.000", german) == 50000
    with pytest.raises(ValueError):
        parse_int("50,000", french)  # a decimal comma there, so not a whole number
    assert parse_int("50 000", french) == 50000


# -- every option, and the presets -----------------------------------------------------

def test_the_form_has_a_field_for_every_option_and_round_trips_a_config(form):
    names = {f.name for f in dataclass_fields(TrainConfig)}
    for name in names:
        assert form.field_widget(name).toolTip(), name
    assert form.config() == DEFAULTS
    form.set_config(ODD)
    assert form.config() == ODD
    assert form.errors() == {}


@pytest.mark.parametrize("name", list(PRESETS))
def test_every_preset_fills_every_field_and_keeps_the_seed(form, qtbot, name):
    form.set_config(ODD)
    index = form.preset_combo.findData(name)
    assert index > 0
    with qtbot.waitSignal(form.preset_applied) as applied:
        form.preset_combo.activated.emit(index)
    assert applied.args == [name, PRESETS[name].description]
    assert form.config() == replace(PRESETS[name].config, seed=ODD.seed)
    assert form.preset_combo.currentIndex() == 0


def test_the_preset_box_lists_every_preset(form):
    listed = [form.preset_combo.itemData(i) for i in range(1, form.preset_combo.count())]
    assert listed == list(PRESETS)


def test_keep_seed_and_reset(form):
    form.set_config(ODD)
    form.set_config(DEFAULTS, keep_seed=True)
    assert form.config().seed == 5 and form.seed_edit.text() == "5"
    form.reset()
    assert form.config() == DEFAULTS and form.config().seed is None and form.seed_edit.text() == ""


# -- refused values ----------------------------------------------------------------------

@pytest.mark.parametrize("text, reason", [
    ("1e6", "learning rate must be above 0 and at most 1000"), ("-1", "learning rate must be above 0"),
    ("0", "learning rate must be above 0"), ("abc", "learning rate: 'abc' is not a number"),
    ("1e999", "not a finite number"), ("1001", "at most 1000"),
])
def test_a_bad_learning_rate_is_refused_at_its_field_and_kept_as_typed(form, qtbot, text, reason):
    with qtbot.waitSignal(form.validity_changed, check_params_cb=lambda valid: valid is False):
        type_into(qtbot, form.eta_edit, text)
    assert form.eta_edit.text() == text  # never corrected
    assert reason in form.errors()["learning_rate"]
    assert shown(form, "learning_rate") == form.errors()["learning_rate"]
    assert form.eta_edit.property("invalid") is True
    with pytest.raises(ValueError, match="learning rate"):
        form.config()
    assert form.eta_edit.text() == text  # still, after config()
    with qtbot.waitSignal(form.validity_changed, check_params_cb=lambda valid: valid is True):
        type_into(qtbot, form.eta_edit, "0.5")
    assert form.config().learning_rate == 0.5 and shown(form, "learning_rate") == ""
    assert form.eta_edit.property("invalid") is False


@pytest.mark.parametrize("text, value", [("1e-3", 0.001), ("0,5", 0.5), ("0.5", 0.5), ("1000", 1000.0)])
def test_the_learning_rate_accepts_what_people_type(form, qtbot, text, value):
    type_into(qtbot, form.eta_edit, text)
    assert form.config().learning_rate == value and form.eta_edit.text() == text


@pytest.mark.parametrize("text, value", [("1e-3", 0.001), ("0,5", 0.5), ("0.5", 0.5)])
def test_the_learning_rate_accepts_both_decimal_marks_in_french(french, qtbot, text, value):
    form = TrainingForm()
    qtbot.addWidget(form)
    type_into(qtbot, form.eta_edit, text)
    assert form.config().learning_rate == value
    form.set_config(ODD)  # shown with a decimal comma, read back exactly
    assert form.eta_edit.text() == "0,01" and form.config() == ODD


@pytest.mark.parametrize("text, reason", [
    ("0", "784-0-10: every hidden layer needs 1 to 100,000 neurons"),
    ("30 0", "784-30-0-10: every hidden layer needs 1 to 100,000 neurons"),
    ("100001", "784-100001-10: every hidden layer needs 1 to 100,000 neurons"),
    ("784-0-10", "network: ?"), ("ten", "hidden layers must be whole numbers"),
    ("100000 100000", "weights"),
])
def test_bad_hidden_layers_show_the_reason_at_once(form, qtbot, text, reason):
    type_into(qtbot, form.hidden_edit, text)
    assert reason in form.architecture_label.text()
    assert form.field_error_label("layer_sizes") is form.architecture_label
    assert form.errors()["layer_sizes"] == form.architecture_label.text()
    assert form.hidden_edit.text() == text and form.hidden_edit.property("invalid") is True
    with pytest.raises(ValueError):
        form.config()
    type_into(qtbot, form.hidden_edit, "100 30")
    assert form.architecture_label.text() == "network: 784-100-30-10" and form.errors() == {}
    form.hidden_edit.clear()
    assert form.config().layer_sizes == (784, 10)  # no hidden layer


def test_mini_batch_times_widest_layer_is_refused_at_the_batch_field(form, qtbot):
    type_into(qtbot, form.hidden_edit, "100000")
    type_into(qtbot, form.batch_edit, str(MAX_BATCH_VALUES // 100_000))
    assert form.errors() == {}
    type_into(qtbot, form.batch_edit, str(MAX_BATCH_VALUES // 100_000 + 1))
    assert set(form.errors()) == {"batch_size"} and "mini-batch" in shown(form, "batch_size")


def test_weight_decay_is_checked_with_the_images_available(form, qtbot):
    type_into(qtbot, form.eta_edit, "50")
    type_into(qtbot, form.l2_edit, "1000")  # 50 * 1000 / 50,000 = 1: the decay factor would be 0
    assert set(form.errors()) == {"form"} and "weight decay" in shown(form, "form")
    with pytest.raises(ValueError, match="weight decay"):
        form.config()
    form.set_available_training(60_000)
    assert form.errors() == {} and shown(form, "form") == ""
    form.train_size_edit.setText("50 000")  # the size typed counts, not the images available
    assert "form" in form.errors()


def test_the_training_set_size_is_limited_by_the_images_available(form, qtbot):
    assert form.config().train_size is None and "50,000" in form.train_size_edit.placeholderText()
    for text, value in (("50000", 50000), ("50 000", 50000), ("1", 1), ("all", None), ("", None)):
        type_into(qtbot, form.train_size_edit, text)
        assert form.config().train_size == value, text
    for text in ("50001", "0", "12,5", "-3"):
        type_into(qtbot, form.train_size_edit, text)
        assert "training-set size" in form.errors()["train_size"] and form.train_size_edit.text() == text
    type_into(qtbot, form.train_size_edit, "50001")
    assert "1 to 50,000" in shown(form, "train_size")
    form.set_available_training(60_000)
    assert form.config().train_size == 50001 and form.train_size_edit.text() == "50001"


@pytest.mark.parametrize("text, value", [("0.5", 0.5), ("0,5", 0.5), ("0", 0.0), ("0.999", 0.999), ("", None),
                                         ("off", None), ("1.0", "refused"), ("1", "refused"), ("-0.1", "refused"),
                                         ("half", "refused")])
def test_binarize_takes_a_threshold_below_1_or_nothing(form, qtbot, text, value):
    type_into(qtbot, form.binarize_edit, text)
    if value == "refused":
        assert "binarize threshold" in form.errors()["binarize"] and form.binarize_edit.text() == text
        assert form.more_button.isChecked() and shown(form, "binarize")  # opened to show why
    else:
        assert form.config().binarize == value


@pytest.mark.parametrize("name, text, good", [
    ("n_epochs", "0", "1"), ("n_epochs", "100001", "100 000"), ("batch_size", "60001", "60 000"),
    ("l2", "-1", "0"), ("l2", "2e6", "1e1"), ("patience", "0", "3"), ("max_halvings", "61", "60"),
    ("seed", "-1", "0"), ("seed", "x", ""),
])
def test_every_number_field_refuses_out_of_range_values(form, qtbot, name, text, good):
    edit = form.field_widget(name)
    type_into(qtbot, edit, text)
    assert set(form.errors()) == {name} and edit.text() == text and shown(form, name)
    type_into(qtbot, edit, good)
    assert form.errors() == {}


@pytest.mark.parametrize("name, values", [
    ("n_epochs", [0, 1, 100_000, 100_001]), ("batch_size", [0, 1, 60_000, 60_001]),
    ("learning_rate", [0.0, 1e-12, 1000.0, 1000.000001]), ("l2", [-1e-12, 0.0, 1e6, 1e6 + 1]),
    ("binarize", [-1e-9, 0.0, 0.9999, 1.0]), ("patience", [0, 1, 10**6]), ("max_halvings", [-1, 0, 60, 61]),
    ("seed", [-1, 0, 2**40]), ("train_size", [0, 1]),
])
def test_the_form_uses_the_ranges_of_train_config_validate(form, name, values):
    for value in values:
        form.field_widget(name).setValue(value)
        try:
            TrainConfig(**{name: value})
            core_accepts = True
        except ValueError:
            core_accepts = False
        assert (name not in form.errors()) == core_accepts, (name, value)


def test_hidden_layer_limits_match_train_config(form):
    for size in (0, 1, 100_000, 100_001):
        form.hidden_edit.setText(str(size))
        try:
            TrainConfig(layer_sizes=(784, size, 10))
            core_accepts = True
        except ValueError:
            core_accepts = False
        assert ("layer_sizes" not in form.errors()) == core_accepts, size


def test_a_problem_under_more_options_opens_it_and_folding_says_what_to_correct(form):
    assert not form.more_button.isChecked() and not form.seed_edit.isVisibleTo(form)
    form.set_config(replace(DEFAULTS, train_size=40_000, seed=3))
    assert "40,000 training images" in form.more_summary.text() and "seed 3" in form.more_summary.text()
    form.set_available_training(30_000)
    assert form.more_button.isChecked() and form.train_size_edit.isVisibleTo(form)
    assert "1 to 30,000" in shown(form, "train_size")
    form.more_button.setChecked(False)  # folding by hand stays folded ...
    assert not form.train_size_edit.isVisibleTo(form)
    assert "Open to correct" in form.more_summary.text() and form.more_summary.isVisibleTo(form)  # ... and says why


# -- signals -------------------------------------------------------------------------------

def test_config_changed_once_per_edit_or_fill(form, qtbot):
    seen = []
    form.config_changed.connect(lambda: seen.append(1))
    qtbot.keyClicks(form.epochs_edit, "5")
    assert len(seen) == 1
    form.set_config(ODD)
    assert len(seen) == 2
    form.cost_combo.setCurrentIndex(1 - form.cost_combo.currentIndex())
    assert len(seen) == 3


def test_validity_changed_only_when_the_verdict_changes(form, qtbot):
    verdicts = []
    form.validity_changed.connect(verdicts.append)
    form.eta_edit.setText("x")
    form.epochs_edit.setText("y")
    form.eta_edit.setText("1")
    form.epochs_edit.setText("3")
    assert verdicts == [False, True]


# -- during a run ----------------------------------------------------------------------------

def test_during_a_run_only_the_learning_rate_can_be_edited_and_enter_asks_for_it(form, qtbot):
    form.set_running(True)
    for name in ("layer_sizes", "n_epochs", "batch_size", "cost", "init", "l2", "dtype", "binarize", "train_size",
                 "patience", "max_halvings", "seed"):
        assert not form.field_widget(name).isEnabled(), name
    assert not form.preset_combo.isEnabled() and form.eta_edit.isEnabled()
    assert "Enter" in shown(form, "learning_rate") and "Enter" in form.eta_edit.toolTip()
    with qtbot.waitSignal(form.learning_rate_requested, check_params_cb=lambda eta: eta == 0.25):
        type_into(qtbot, form.eta_edit, "0,25")
        qtbot.keyClick(form.eta_edit, Qt.Key.Key_Return)
    with qtbot.assertNotEmitted(form.learning_rate_requested):
        type_into(qtbot, form.eta_edit, "2000")
        qtbot.keyClick(form.eta_edit, Qt.Key.Key_Return)
    assert "at most 1000" in shown(form, "learning_rate") and form.eta_edit.text() == "2000"
    form.set_running(False)
    for name in ("layer_sizes", "seed", "cost"):
        assert form.field_widget(name).isEnabled()
    with qtbot.assertNotEmitted(form.learning_rate_requested):
        type_into(qtbot, form.eta_edit, "0.5")
        qtbot.keyClick(form.eta_edit, Qt.Key.Key_Return)  # no run: nothing to steer
    assert shown(form, "learning_rate") == ""


def test_a_live_learning_rate_that_would_blow_up_the_weight_decay_is_refused_at_its_field(form, qtbot):
    form.set_config(replace(DEFAULTS, l2=1000.0))  # eta 3: 3 * 1000 / 50,000 = 0.06
    form.set_running(True)
    with qtbot.assertNotEmitted(form.learning_rate_requested):
        type_into(qtbot, form.eta_edit, "50")  # 50 * 1000 / 50,000 = 1
        qtbot.keyClick(form.eta_edit, Qt.Key.Key_Return)
    assert "weight decay" in shown(form, "learning_rate")
    form.set_running(False)
    assert "weight decay" in shown(form, "form") and shown(form, "learning_rate") == ""


# -- settings ---------------------------------------------------------------------------------

def test_settings_round_trip_what_was_typed(form, qtbot, settings):
    form.set_config(ODD)
    type_into(qtbot, form.eta_edit, "0,01")
    form.more_button.setChecked(True)
    form.save_settings(settings)
    other = TrainingForm()
    qtbot.addWidget(other)
    other.restore_settings(settings)
    assert other.config() == ODD and other.eta_edit.text() == "0,01" and other.more_button.isChecked()


GARBAGE = {"train/hidden": "x", "train/epochs": "1e999", "train/batch_size": "-5", "train/learning_rate": "1e999",
           "train/cost": "nonsense", "train/init": 42, "train/l2": "-3", "train/dtype": "float16",
           "train/binarize": "1.5", "train/train_size": "-1", "train/patience": "x", "train/max_halvings": "99",
           "train/seed": "-7", "train/more_options": "maybe"}


def test_garbage_in_the_settings_gives_the_defaults_field_by_field(form, settings):
    for key, value in GARBAGE.items():
        settings.setValue(key, value)
    settings.setValue("train/epochs", "12")  # one good value among the garbage is kept
    form.restore_settings(settings)
    assert form.errors() == {} and form.config() == replace(DEFAULTS, n_epochs=12)


@pytest.mark.parametrize("key, value", [("train/hidden", ["100", "30"]), ("train/learning_rate", b"\xff\x00"),
                                        ("train/seed", 1.5), ("train/l2", None), ("train/epochs", [])])
def test_odd_setting_types_never_raise(form, settings, key, value):
    settings.setValue(key, value)
    form.restore_settings(settings)
    assert form.errors() == {}


def test_settings_fine_one_by_one_but_not_together_give_the_defaults(form, settings):
    settings.setValue("train/learning_rate", "100")
    settings.setValue("train/l2", "1000")  # eta * lambda / n = 2
    form.restore_settings(settings)
    assert form.errors() == {} and form.config() == DEFAULTS


def test_old_settings_from_the_spin_boxes_still_read(form, settings):
    """Before the line edits, no seed was -1 and no schedule 0."""
    for key, value in {"train/seed": -1, "train/patience": 0, "train/epochs": 3, "train/learning_rate": 0.5}.items():
        settings.setValue(key, value)
    form.restore_settings(settings)
    assert form.config() == replace(DEFAULTS, n_epochs=3, learning_rate=0.5)


# -- usability ------------------------------------------------------------------------------------

def test_every_row_has_a_unique_mnemonic_a_tooltip_and_fits_the_column(form):
    form.more_button.setChecked(True)
    labels = [w for w in form.findChildren(QLabel) if w.buddy() is not None]
    assert len(labels) == 1 + len(dataclass_fields(TrainConfig))  # the preset box and every option
    keys = []
    for label in labels:
        assert "&" in label.text() and label.buddy().toolTip(), label.text()
        keys.append(label.text()[label.text().index("&") + 1].lower())
    keys.append(form.more_button.text()[form.more_button.text().index("&") + 1].lower())
    assert len(keys) == len(set(keys)), keys
    assert form.minimumSizeHint().width() <= 360

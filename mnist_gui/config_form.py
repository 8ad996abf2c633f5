"""TrainingForm: every choice of a training run (a :class:`core.sgd.TrainConfig`), as a form.

Numbers are typed into plain line edits (:class:`mnist_gui.fields.NumberField`), not spin
boxes: a value out of range or malformed is refused at its field, which keeps exactly what
was typed, gets a red frame and shows the reason under it. Nothing is ever corrected
behind the user's back. The ranges are those of :meth:`TrainConfig.validate`; the limits
that involve several fields (the network's size, mini-batch x widest layer, and the
weight decay eta * lambda / n of ch. 3, eq. 93) are core's own checks, whose message is
shown at the field concerned or under the form (core's messages are in English: core
has no Qt, so no translation).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable
from dataclasses import dataclass, replace

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QEvent, QObject, QSettings, Qt, Signal, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLayout,
    QLineEdit,
    QToolButton,
    QToolTip,
    QWidget,
)

from core.mlp import COSTS
from core.sgd import DISTORTION_LIMITS, MAX_BATCH_VALUES, MAX_WEIGHTS, PRESETS, TrainConfig
from mnist_gui import numbers
from mnist_gui.fields import NumberField, mark_invalid
from mnist_gui.settings import MISSING, CheckedSettings
from mnist_gui.widgets import rich_tip

#: The presets' descriptions (``core.sgd.PRESETS``, English there, as ``mnist-train`` shows
#: them), marked here for translation: :func:`preset_description` looks each one up at run
#: time. A description changed in core and not here is simply shown in English (a test
#: checks that they match).
PRESET_DESCRIPTIONS = (
    QT_TRANSLATE_NOOP("presets",
                      "The original notebook: 784-15-10, quadratic cost, N(0, 1), 30 epochs, mini-batch "
                      "10, eta 3.0."),
    QT_TRANSLATE_NOOP("presets",
                      "Nielsen ch. 1: 784-30-10, quadratic cost, N(0, 1), 30 epochs, mini-batch 10, eta "
                      "3.0 (the book reports 95.42%)."),
    QT_TRANSLATE_NOOP("presets",
                      "Nielsen ch. 3: 784-100-10, cross-entropy, N(0, 1/n_in), L2 lambda 5.0, 30 epochs, "
                      "mini-batch 10, eta 0.5 (about 98% on validation in the book)."),
    QT_TRANSLATE_NOOP("presets",
                      "The best found to train in under 3 minutes here: 784-800-10, cross-entropy, N(0, "
                      "1/n_in), L2 lambda 5.0, mini-batch 20, eta 1.0 halved after 3 epochs without a "
                      "better validation accuracy (stop at the 6th), 30 epochs, the best validation epoch "
                      "kept (98.19% test on average over seeds 0-2, keeping the last epoch)."),
    QT_TRANSLATE_NOOP("presets",
                      "Past the book (Simard 2003): 784-800-10, cross-entropy, N(0, 1/n_in), L2 0.5, "
                      "mini-batch 20, eta 1.0 halved after 5 epochs without a better validation accuracy "
                      "(stop at the 5th), up to 100 epochs on fresh distorted copies each epoch (shift 1 "
                      "px, rotation 8 degrees, scale 0.08, shear 0.15, elastic alpha 34 sigma 4), the "
                      "best validation epoch kept (98.93 / 98.79 / 98.73% test for seeds 0 / 1 / 2, 8-12 "
                      "minutes here)."),
)


def preset_description(name: str) -> str:
    """The description of the preset ``name`` in the interface's language."""
    return QCoreApplication.translate("presets", PRESETS[name].description)


DEFAULTS = TrainConfig()  # the notebook's: 784-15-10, 30 epochs, mini-batch 10, eta 3.0

#: Training images the form allows until :meth:`TrainingForm.set_available_training` says
#: otherwise: MNIST's training split (the 60,000 training images less 10,000 for validation).
DEFAULT_AVAILABLE_TRAINING = 50_000

N_INPUTS, N_OUTPUTS = 784, 10  # the fixed layers: 28 x 28 pixels in, one neuron per digit out

#: The key under which :meth:`TrainingForm.errors` reports problems shown under the form
#: rather than at one field.
FORM = "form"

#: Field name -> settings key (under ``train/``; the older keys kept their names).
SETTINGS_KEYS = {"layer_sizes": "train/hidden", "n_epochs": "train/epochs", "batch_size": "train/batch_size",
                 "learning_rate": "train/learning_rate", "cost": "train/cost", "init": "train/init",
                 "l2": "train/l2", "dtype": "train/dtype", "binarize": "train/binarize",
                 "train_size": "train/train_size", "patience": "train/patience",
                 "max_halvings": "train/max_halvings", "seed": "train/seed",
                 "add_own_digits": "train/add_own_digits", "distort_shift": "train/distort_shift",
                 "distort_rotation": "train/distort_rotation", "distort_scale": "train/distort_scale",
                 "distort_shear": "train/distort_shear", "elastic_alpha": "train/elastic_alpha",
                 "elastic_sigma": "train/elastic_sigma", "keep_best": "train/keep_best"}

#: Values the old spin boxes stored for "none" (no seed, no schedule): read as the default without a note.
_LEGACY_NONE = {"seed": "-1", "patience": "0"}

_ERROR_STYLE = "color: #b01010;"
_HINT_STYLE = "color: #555;"


def _as_bool(value) -> bool:
    """True/False, or a setting read back as text ("true", "false", "1", "0"); ValueError otherwise."""
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in ("true", "1"):
        return True
    if text in ("false", "0"):
        return False
    raise ValueError(value)


def _setting_text(raw) -> str | None:
    """A stored field value as the text to type into its field: text as is (at most 1,000
    characters), a number or bool written out (the field then accepts or refuses it), a list
    of text or whole numbers ("100, 30" reads back from an INI file as a list) joined with
    spaces; None for anything else (bytes, an empty list, longer text)."""
    if isinstance(raw, str):
        return raw if len(raw) <= 1000 else None
    if isinstance(raw, (bool, int, float)):
        return str(raw)
    if isinstance(raw, (list, tuple)) and raw and all(isinstance(part, (str, int)) for part in raw):
        return " ".join(map(str, raw))
    return None


def parse_hidden_layers(text: str) -> tuple[int, ...]:
    """``"30"`` -> (30,), ``"100, 30"`` -> (100, 30), ``""`` -> () (no hidden layer).

    Only the hidden layers are given: the 784 inputs and 10 outputs are added. Sizes are
    not range-checked here. Raises ValueError with a readable message for anything else
    (signs, letters, decimals, "784-30-10").
    """
    parts = [p for p in re.split(r"[\s,;]+", text.strip()) if p]
    if not all(re.fullmatch(r"[0-9]+", p) for p in parts):
        raise ValueError(QCoreApplication.translate(
            "TrainingForm", "hidden layers must be whole numbers, like '30' or '100 30' (784 inputs and 10 "
            "outputs are added)"))
    return tuple(int(p) for p in parts)


class _BuddyTip(QObject):
    """Shows a form label's field's tooltip, as it is now, when the label is hovered: a
    student points at the words ("Mini-batch size:") as often as at the field."""

    def eventFilter(self, watched, event) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(watched, QLabel) and watched.buddy() is not None:
            tip = watched.buddy().toolTip()
            if tip:
                QToolTip.showText(event.globalPos(), tip, watched)
                return True
        return False


@dataclass
class _Field:
    """One field of the form: its widget, the label showing its problem, and how to read
    (value, or ValueError with the reason) and fill it."""

    widget: QWidget
    message: QLabel
    read: Callable[[], object]
    write: Callable[[object], None]
    advanced: bool = False
    row: QWidget | QLayout | None = None  # the field's side of its row in the form (the widget and a unit)


class TrainingForm(QGroupBox):
    """Fields for every option of a :class:`core.sgd.TrainConfig`, with a preset box.

    The common fields come first; precision, binarization, training-set size, the
    learning-rate schedule and the seed sit under "More options", which opens by itself
    when one of them has a problem. Every edit re-checks the whole form at once.

    Field names, as used by :meth:`errors` and :meth:`field_error_label`, are those of
    ``TrainConfig``: ``layer_sizes`` (the hidden-layers edit), ``n_epochs``, ``batch_size``,
    ``learning_rate``, ``cost``, ``init``, ``l2``, ``dtype``, ``binarize``, ``train_size``,
    ``patience``, ``max_halvings``, ``seed``, ``add_own_digits`` (a check box: train on the
    user's own digits too; :meth:`set_own_digits_count` shows how many); and ``"form"`` for a
    problem shown under the form (eta * lambda / n >= 1, or anything core refuses that no one field explains).

    Signals
    -------
    preset_applied(str, str)
        A preset filled the form: its name and description.
    config_changed()
        A field changed (typed, or filled by a preset, :meth:`set_config`, ...): for an
        estimate that follows the form. Emitted once per fill, not once per field.
    validity_changed(bool)
        The form went from valid to invalid (False) or back (True).
    learning_rate_requested(float)
        During a run (:meth:`set_running`), the user typed a valid learning rate into its
        field and pressed Enter: use it from the next mini-batch.
    """

    preset_applied = Signal(str, str)
    config_changed = Signal()
    validity_changed = Signal(bool)
    learning_rate_requested = Signal(float)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setTitle(self.tr("Network and hyperparameters"))
        self._available = DEFAULT_AVAILABLE_TRAINING
        self._running = False
        self._filling = False  # set_config / restore_settings at work: check once at the end
        self._errors: dict[str, str] = {}
        self._config: TrainConfig | None = None
        self._valid = True
        self._buddy_tip = _BuddyTip(self)

        self.preset_combo = QComboBox()
        self.preset_combo.addItem(self.tr("Fill in a preset…"), None)
        for name in PRESETS:
            self.preset_combo.addItem(name, name)
            self.preset_combo.setItemData(self.preset_combo.count() - 1, preset_description(name),
                                          Qt.ItemDataRole.ToolTipRole)
        self.preset_combo.setToolTip(self.tr("Fill every field with a named configuration (the seed is kept); "
                                             "hover over a name for where it comes from"))
        self.preset_combo.activated.connect(self._on_preset_combo_activated)

        self.hidden_edit = QLineEdit()
        self.hidden_edit.setToolTip(rich_tip(self.tr(
            "Neurons in each hidden layer, e.g. '15' (784-15-10) or '100 30' (784-100-30-10); empty for none. "
            "The 784 inputs (28 x 28 pixels) and the 10 outputs (one per digit) are added.\n"
            "Each neuron computes its weighted input z = w · x + b from the layer before and outputs the sigmoid "
            "σ(z), a number between 0 and 1. Each layer: 1 to 100,000 neurons (Nielsen ch. 1).")))
        self.architecture_label = QLabel()  # the network it will train, or why it cannot
        self.architecture_label.setWordWrap(True)
        self.architecture_label.setStyleSheet(_HINT_STYLE)

        self.epochs_edit = NumberField(int)
        self.epochs_edit.setToolTip(rich_tip(self.tr(
            "How many epochs to train. One epoch is one pass over all the training images, in shuffled "
            "mini-batches; more epochs learn more, until the network starts to overfit. 1 to 100,000 "
            "(ch. 1: 30).")))
        self.batch_edit = NumberField(int)
        self.batch_edit.setToolTip(rich_tip(self.tr(
            "Mini-batch size m: how many training images are averaged for each step of stochastic gradient "
            "descent (ch. 1). Small mini-batches take many quick, noisy steps; large ones fewer, steadier steps. "
            "1 to 60,000 (ch. 1: 10); mini-batch x widest layer may not exceed 20,000,000 values.")))
        self.eta_edit = NumberField(float)
        self.eta_edit.setToolTip(rich_tip(self.tr(
            "Learning rate eta: how far each gradient step moves the weights. Too small and the network learns "
            "slowly; too large and the cost jumps around or rises. Above 0 and at most 1000 (ch. 1: 3.0 with the "
            "quadratic cost; ch. 3: 0.5 with cross-entropy); accepts 0.5, 0,5 or 5e-1.\n"
            "During a run this field stays editable: type a new value and press Enter to use it from the next "
            "mini-batch on.")))
        self.eta_edit.returnPressed.connect(self._on_eta_edit_return_pressed)
        self.cost_combo = QComboBox()
        cost_labels = {"quadratic": self.tr("quadratic (ch. 1)"), "cross-entropy": self.tr("cross-entropy (ch. 3)")}
        for name in COSTS:
            self.cost_combo.addItem(cost_labels.get(name, name), name)
        self.cost_combo.setToolTip(rich_tip(self.tr(
            "The cost measures how far the network's outputs are from the right answers; training lowers it. "
            "Quadratic (ch. 1, eq. 6): half the mean squared error. Cross-entropy (ch. 3, eq. 63): learns fast "
            "even when an output neuron is badly wrong and saturated (its sigmoid stuck near 0 or 1), where the "
            "quadratic cost learns slowly.")))
        self.init_combo = QComboBox()
        self.init_combo.addItem(self.tr("N(0, 1) (ch. 1)"), "normal")
        self.init_combo.addItem(self.tr("N(0, 1/n_in) (ch. 3)"), "scaled")
        self.init_combo.setToolTip(rich_tip(self.tr(
            "How the weights are drawn at the start. N(0, 1) (ch. 1): normal, standard deviation 1; the "
            "weighted inputs z come out large, so many hidden neurons start saturated (output near 0 or 1) and "
            "learn slowly. N(0, 1/n_in) (ch. 3): standard deviation 1/√n_in for a neuron with n_in inputs, which "
            "keeps z small.")))
        self.l2_edit = NumberField(float)
        self.l2_edit.setToolTip(rich_tip(self.tr(
            "L2 regularization lambda (ch. 3, eq. 87): adds lambda / 2n times the sum of the squared weights to "
            "the cost, so the network prefers small weights. This reduces overfitting: learning the training "
            "images by heart and doing worse on new ones. 0 to 1,000,000; 0 for none (ch. 3: 5.0). Scaled by the "
            "training-set size n: eta x lambda / n must stay below 1.")))

        self.dtype_combo = QComboBox()
        for dtype in ("float32", "float64"):
            self.dtype_combo.addItem(dtype, dtype)
        self.dtype_combo.setToolTip(rich_tip(self.tr(
            "Precision of the weights and the arithmetic: float32 is about twice as fast, float64 has about 16 "
            "significant digits instead of 7.")))
        self.binarize_edit = NumberField(float, blank_words=("off", self.tr("off")))
        self.binarize_edit.setPlaceholderText(self.tr("off"))
        self.binarize_edit.setToolTip(rich_tip(self.tr(
            "Make every pixel 0 or 1: ink where its intensity is above this threshold, at least 0 and below 1 "
            "(the notebook's filter; 0.5 is usual). Empty: off, the grey levels are kept.")))
        self.train_size_edit = NumberField(int, blank_words=("all", self.tr("all")))
        self.patience_edit = NumberField(int, blank_words=("never", self.tr("never")))
        self.patience_edit.setPlaceholderText(self.tr("never"))
        self.patience_edit.setToolTip(rich_tip(self.tr(
            "Learning-rate schedule (ch. 3, choosing hyper-parameters): halve eta after this many epochs without "
            "a new best validation accuracy, to take finer steps near the end; a whole number, at least 1. Empty: "
            "never, eta stays fixed.")))
        self.halvings_edit = NumberField(int)
        self.halvings_edit.setToolTip(rich_tip(self.tr(
            "With the schedule: the run ends at halving number N, when eta would drop to eta / 2^N (the book: 7, "
            "i.e. eta/128); 0 is plain early stopping. 0 to 60; unused without the schedule.")))
        self.seed_edit = NumberField(int, blank_words=("random", self.tr("random")))
        self.seed_edit.setPlaceholderText(self.tr("random"))
        self.seed_edit.setToolTip(rich_tip(self.tr(
            "Seed of the random numbers that draw the initial weights, shuffle the mini-batches and distort the "
            "images: the same seed and settings give exactly the same run again. A whole number, 0 or more; "
            "empty: random (the seed drawn is recorded with the run).")))
        # Distorted copies each epoch (Simard et al. 2003), and the best epoch kept.
        self.distortion_edits: dict[str, NumberField] = {}
        distortion_tips = {
            "distort_shift": self.tr(
                "Expanding the training data (ch. 3, ch. 6): each epoch trains on fresh copies of the training "
                "images, shifted at random by up to this many pixels along each axis. Varied copies make a network "
                "that overfits less. 0 to 14 (0: none; Simard 2003 uses 1-2)."),
            "distort_rotation": self.tr(
                "Affine distortion: each epoch's copies of the training images are rotated at random by up to this "
                "many degrees. 0 to 180 (0: none; 8 is a digit's natural slant)."),
            "distort_scale": self.tr(
                "Affine distortion: each epoch's copies are scaled along each axis by a random factor from 1 - x to "
                "1 + x, x from 0 to 0.9 (0: none; 0.08 is usual)."),
            "distort_shear": self.tr(
                "Affine distortion: each epoch's copies are sheared (slanted) horizontally by a random slope up to "
                "this, 0 to 2 (0: none; 0.15 is usual)."),
            "elastic_alpha": self.tr(
                "Elastic distortion (Simard 2003): each epoch's copies are warped by a random, smooth displacement "
                "field, like the wobble of a hand; alpha is how far the pixels move, in pixels. 0 to 100 (0: none; "
                "Simard: 34)."),
            "elastic_sigma": self.tr(
                "Smoothness of the elastic warp (sigma of its Gaussian, in pixels), above 0 and at most 28 "
                "(Simard: 4); small values tear the strokes, large ones barely move them."),
        }
        for name, tip in distortion_tips.items():
            edit = NumberField(float)
            edit.setToolTip(rich_tip(tip))
            self.distortion_edits[name] = edit
        self.keep_best_check = QCheckBox(self.tr("end with the best validation epoch"))
        self.keep_best_check.setToolTip(rich_tip(self.tr(
            "Keep the best epoch (early stopping, ch. 3): when the run ends, put back the weights of the epoch "
            "with the best validation accuracy rather than keep the last epoch's.\n"
            "The validation images are kept out of training to choose settings such as this one; the test "
            "images are kept apart to measure the final accuracy only.")))
        self.own_digits_check = QCheckBox()
        self._own_digits_tip = self.tr(
            "Add the digits you saved in the Draw view (Save to my digits, Correct me) to the training\n"
            "images of the run, after MNIST's (and after any training-set size cut).")
        self.own_digits_check.setToolTip(self._own_digits_tip)
        self._own_digits_count: int | None = None
        self._own_digits_error = ""
        self._own_digits_session = None  # see bind_own_digits
        self._show_own_digits_count()
        self._show_available()

        # The spin boxes' old names, which tests/gui/test_main_window.py and test_views.py still use
        # (NumberField keeps setValue/value); new code uses the *_edit names.
        self.epochs_spin, self.eta_spin, self.l2_spin, self.seed_spin = (
            self.epochs_edit, self.eta_edit, self.l2_edit, self.seed_edit)

        self.problem_label = QLabel()  # problems that belong to no single field
        self.problem_label.setWordWrap(True)
        self.problem_label.setStyleSheet(_ERROR_STYLE)

        self._fields: dict[str, _Field] = {}
        form = self._form = QFormLayout(self)  # one layout, so that both parts share their columns
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        # A field goes under its label only when the column is too narrow for both side by side
        # (a small window): never clipped, never overlapping.
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.setVerticalSpacing(4)
        form.addRow(self._label(self.tr("Pres&et:"), self.preset_combo), self.preset_combo)
        self._add("layer_sizes", self.tr("Hidde&n layers:"), self.hidden_edit, self._read_layer_sizes,
                  lambda sizes: self.hidden_edit.setText(" ".join(map(str, sizes[1:-1]))),
                  message=self.architecture_label)
        self._add_number("n_epochs", self.tr("E&pochs:"), self.epochs_edit, self._read_epochs)
        self._add_number("batch_size", self.tr("&Mini-batch size:"), self.batch_edit, self._read_batch)
        self._add_number("learning_rate", self.tr("&Learning rate (eta):"), self.eta_edit, self._read_eta)
        self._add_combo("cost", self.tr("C&ost:"), self.cost_combo)
        self._add_combo("init", self.tr("&Initial weights:"), self.init_combo)
        self._add_number("l2", self.tr("L&2 lambda:"), self.l2_edit, self._read_l2)
        self._add("add_own_digits", self.tr("&Data:"), self.own_digits_check, self.own_digits_check.isChecked,
                  lambda value: self.own_digits_check.setChecked(_as_bool(value)))

        self.more_button = QToolButton()
        self.more_button.setText(self.tr("Mo&re options"))
        self.more_button.setCheckable(True)
        self.more_button.setAutoRaise(True)
        self.more_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.more_button.setArrowType(Qt.ArrowType.RightArrow)
        self.more_button.setToolTip(self.tr("Precision, binarized pixels, training-set size, learning-rate "
                                            "schedule, best epoch kept, distortions and seed"))
        self.more_button.toggled.connect(self._on_more_button_toggled)
        self.more_summary = QLabel()  # the options that differ from the defaults, while folded
        self.more_summary.setWordWrap(True)
        self.more_summary.setStyleSheet(_HINT_STYLE)
        form.addRow(self.more_button)
        form.addRow(self.more_summary)
        self._add_combo("dtype", self.tr("Pre&cision:"), self.dtype_combo, advanced=True)
        self._add_number("binarize", self.tr("Binari&ze pixels:"), self.binarize_edit, self._read_binarize,
                         advanced=True)
        self._add_number("train_size", self.tr("&Training images:"), self.train_size_edit, self._read_train_size,
                         advanced=True)
        self._add_number("patience", self.tr("Halve eta &after:"), self.patience_edit, self._read_patience,
                         suffix=self.tr("stalled epochs"), advanced=True)
        self._add_number("max_halvings", self.tr("Stop at halvin&g:"), self.halvings_edit, self._read_halvings,
                         advanced=True)
        self._add("keep_best", self.tr("&Keep best:"), self.keep_best_check, self.keep_best_check.isChecked,
                  lambda value: self.keep_best_check.setChecked(_as_bool(value)), advanced=True)
        labels = {"distort_shift": (self.tr("S&hift up to:"), self.tr("pixels")),
                  "distort_rotation": (self.tr("Rotate &up to:"), self.tr("degrees")),
                  "distort_scale": (self.tr("Size &varies by:"), self.tr("± fraction")),
                  "distort_shear": (self.tr("Ske&w (shear) up to:"), self.tr("slope")),
                  "elastic_alpha": (self.tr("Elastic &field alpha:"), self.tr("pixels")),
                  "elastic_sigma": (self.tr("Elastic &blur sigma:"), self.tr("pixels"))}
        for name, (text, unit) in labels.items():
            self._add_number(name, text, self.distortion_edits[name], self._distortion_reader(name),
                             suffix=unit, advanced=True)
        self._add_number("seed", self.tr("&Seed:"), self.seed_edit, self._read_seed, advanced=True)
        form.addRow(self.problem_label)
        form.setRowVisible(self.problem_label, False)
        self._on_more_button_toggled(False)
        self.reset()

    # -- building -------------------------------------------------------------------------

    def _label(self, text: str, buddy: QWidget) -> QLabel:
        label = QLabel(text)
        label.setBuddy(buddy)  # the mnemonic focuses the field, not the box around it
        label.installEventFilter(self._buddy_tip)  # hovered, it shows its field's tooltip
        return label

    def _add(self, name: str, text: str, widget: QWidget, read, write, *,
             message: QLabel | None = None, suffix: str | None = None, advanced: bool = False) -> None:
        """A row: the label, the widget (and a unit), and under it the field's message."""
        if message is None:
            message = QLabel()
            message.setWordWrap(True)
            message.setStyleSheet(_ERROR_STYLE)
        if suffix is None:
            row = widget
        else:
            row = QHBoxLayout()
            row.setSpacing(4)
            row.addWidget(widget, 1)
            row.addWidget(QLabel(suffix))
        self._form.addRow(self._label(text, widget), row)
        self._form.addRow(message)  # under the row, the form's whole width: long reasons wrap less
        self._fields[name] = _Field(widget, message, read, write, advanced, row)
        if isinstance(widget, QLineEdit):
            widget.textChanged.connect(self._on_field_changed)
        elif isinstance(widget, QCheckBox):
            widget.toggled.connect(self._on_field_changed)
        else:
            widget.currentIndexChanged.connect(self._on_field_changed)

    def _add_number(self, name: str, text: str, edit: NumberField, read, **kwargs) -> None:
        self._add(name, text, edit, read, edit.setValue, **kwargs)

    def _add_combo(self, name: str, text: str, combo: QComboBox, advanced: bool = False) -> None:
        def write(value) -> None:
            index = combo.findData(value)
            if index < 0:
                raise ValueError(value)
            combo.setCurrentIndex(index)

        self._add(name, text, combo, combo.currentData, write, advanced=advanced)

    # -- reading the fields (each: the value, or ValueError with the reason shown) ---------

    def _number(self, edit: NumberField, what: str):
        """The field's number (None if blank and allowed); a parse error names ``what``."""
        try:
            return edit.value()
        except ValueError as exc:
            raise ValueError(self.tr("{0}: {1}").format(what, exc)) from None

    def _read_layer_sizes(self) -> tuple[int, ...]:
        try:
            hidden = parse_hidden_layers(self.hidden_edit.text())
        except ValueError as exc:
            raise ValueError(self.tr("network: ? – {0}").format(exc)) from None
        sizes = (N_INPUTS, *hidden, N_OUTPUTS)
        if not all(1 <= n <= 100_000 for n in hidden):
            raise ValueError(self.tr("{0}: every hidden layer needs 1 to 100,000 neurons").format(
                "-".join(map(str, sizes))))
        TrainConfig(layer_sizes=sizes)  # core's limit on the network's size (MAX_WEIGHTS): its message
        return sizes

    def _read_epochs(self) -> int:
        n = self._number(self.epochs_edit, self.tr("epochs"))
        if not 1 <= n <= 100_000:
            raise ValueError(self.tr("epochs must be a whole number from 1 to 100,000"))
        return n

    def _read_batch(self) -> int:
        m = self._number(self.batch_edit, self.tr("mini-batch size"))
        if not 1 <= m <= 60_000:
            raise ValueError(self.tr("mini-batch size must be a whole number from 1 to 60,000"))
        return m

    def _read_eta(self) -> float:
        eta = self._number(self.eta_edit, self.tr("learning rate"))
        if not 0 < eta <= 1000:
            raise ValueError(self.tr("learning rate must be above 0 and at most 1000"))
        return eta

    def _read_l2(self) -> float:
        lam = self._number(self.l2_edit, self.tr("L2 lambda"))
        if not 0 <= lam <= 1e6:
            raise ValueError(self.tr("L2 lambda must be from 0 to 1,000,000 (0: no regularization)"))
        return lam

    def _read_binarize(self) -> float | None:
        t = self._number(self.binarize_edit, self.tr("binarize threshold"))
        if t is not None and not 0 <= t < 1:
            raise ValueError(self.tr("the binarize threshold must be at least 0 and below 1 (empty: off)"))
        return t

    def _read_train_size(self) -> int | None:
        n = self._number(self.train_size_edit, self.tr("training-set size"))
        if n is not None and not 1 <= n <= self._available:
            if self._available < 1:
                raise ValueError(self.tr("there are no training images to train on"))
            raise ValueError(self.tr("training-set size must be a whole number from 1 to {0} (empty: all)")
                             .format(numbers.integer(self._available)))
        return n

    def _read_patience(self) -> int | None:
        p = self._number(self.patience_edit, self.tr("patience"))
        if p is not None and p < 1:
            raise ValueError(self.tr("the epochs before halving eta must be a whole number, at least 1 "
                                     "(empty: never)"))
        return p

    def _read_halvings(self) -> int:
        k = self._number(self.halvings_edit, self.tr("halvings"))
        if not 0 <= k <= 60:
            raise ValueError(self.tr("the halving that ends the run must be a whole number from 0 to 60"))
        return k

    def _distortion_reader(self, name: str):
        """The reader of one distortion field: a number from 0 to its limit (sigma above 0)."""
        words = {"distort_shift": self.tr("shift"), "distort_rotation": self.tr("rotation"),
                 "distort_scale": self.tr("scale"), "distort_shear": self.tr("shear"),
                 "elastic_alpha": self.tr("elastic alpha"), "elastic_sigma": self.tr("elastic sigma")}

        def read() -> float:
            value = self._number(self.distortion_edits[name], words[name])
            top = DISTORTION_LIMITS[name]
            low_ok = value > 0 if name == "elastic_sigma" else value >= 0
            if not (low_ok and value <= top):
                low = self.tr("above 0") if name == "elastic_sigma" else self.tr("from 0")
                raise ValueError(self.tr("{0} must be a number {1} to {2}").format(words[name], low,
                                                                                   numbers.general(top)))
            return value
        return read

    def _read_seed(self) -> int | None:
        seed = self._number(self.seed_edit, self.tr("seed"))
        if seed is not None and seed < 0:
            raise ValueError(self.tr("the seed must be a whole number, 0 or more (empty: random)"))
        return seed

    # -- checking -------------------------------------------------------------------------

    def _config_problem(self, values: dict, exc: ValueError) -> str:
        """What is wrong with the whole configuration ``values`` (fields each valid) that
        ``TrainConfig`` refused with ``exc``: core's two size limits said in the interface's
        language, anything else as core says it (in English)."""
        sizes, batch = values.get("layer_sizes") or (), values.get("batch_size")
        n_weights = sum(a * b for a, b in itertools.pairwise(sizes))
        if n_weights > MAX_WEIGHTS:
            return self.tr("a {0} network has {1} weights; at most {2} are allowed (about {3} GB of memory to train "
                           "in float32). Use smaller layers.").format(
                "-".join(map(str, sizes)), numbers.integer(n_weights), numbers.integer(MAX_WEIGHTS),
                numbers.fixed(3 * 4 * MAX_WEIGHTS / 1e9, 1))
        widest = max(sizes[1:]) if len(sizes) > 1 else 1
        if isinstance(batch, int) and batch * widest > MAX_BATCH_VALUES:
            return self.tr("a mini-batch of {0} through a layer of {1} neurons needs buffers of {2} values each; at "
                           "most {3} are allowed. Use a smaller mini-batch or smaller layers.").format(
                numbers.integer(batch), numbers.integer(widest), numbers.integer(batch * widest),
                numbers.integer(MAX_BATCH_VALUES))
        return str(exc)

    def _check(self) -> None:
        """Read every field, run core's checks on the whole, show each problem where it
        belongs, and emit validity_changed if the verdict changed."""
        values, errors = {}, {}
        for name, field in self._fields.items():
            try:
                values[name] = field.read()
            except ValueError as exc:
                errors[name] = str(exc)
        config = None
        if not errors:
            try:
                config = TrainConfig(**values)
            except ValueError as exc:
                try:  # mini-batch x widest layer is the one whole-config limit left
                    TrainConfig(**{**values, "batch_size": 1})
                    errors["batch_size"] = self._config_problem(values, exc)
                except ValueError:
                    errors[FORM] = self._config_problem(values, exc)
        if config is not None:
            n = config.train_size or self._available
            try:
                if n >= 1:
                    config.check_training_size(n)  # eta * lambda / n < 1 (ch. 3, eq. 93)
            except ValueError as exc:
                # During a run only the learning rate can be edited: refuse it there.
                v = config.learning_rate * config.l2 / n
                errors["learning_rate" if self._running else FORM] = str(exc) if v < 1 else self.tr(
                    "learning rate x L2 lambda / training-set size is {0}; it must stay below 1, or the weight decay "
                    "factor 1 - eta*lambda/n ({1}) flips the weights' sign or blows them up (ch. 3, eq. 93). Use a "
                    "smaller learning rate or lambda.").format(numbers.general(v, 3), numbers.general(1 - v, 3))
                config = None
        folded_before = self._folded_problems()
        self._errors, self._config = errors, (config if not errors else None)
        if self._folded_problems() - folded_before:
            self.more_button.setChecked(True)  # a new problem is not left folded away
        self._show_problems()
        valid = not errors
        if valid != self._valid:
            self._valid = valid
            self.validity_changed.emit(valid)

    def _show_problems(self) -> None:
        errors = self._errors
        for name, field in self._fields.items():
            message = errors.get(name)
            if isinstance(field.widget, QLineEdit):
                mark_invalid(field.widget, message is not None)
            if name == "layer_sizes":
                self._show_architecture(message)
                continue
            hint = None
            if name == "learning_rate" and self._running and message is None:
                hint = self.tr("Running: press Enter to use a new value from the next mini-batch.")
            field.message.setText(message or hint or "")
            field.message.setStyleSheet(_ERROR_STYLE if message else _HINT_STYLE)
            # The learning rate's row stays (empty) when it has nothing to say: its hint comes with
            # every run, and the buttons under the form must not move between a press and its release.
            keep = name == "learning_rate"
            self._form.setRowVisible(field.message, bool(message or hint or keep) and self._shown(field))
        self.problem_label.setText(errors.get(FORM, ""))
        self._form.setRowVisible(self.problem_label, FORM in errors)
        self._show_more_summary()

    def _folded_problems(self) -> set[str]:
        """The fields under "More options" that have a problem."""
        return {name for name in self._errors if name in self._fields and self._fields[name].advanced}

    def _shown(self, field: _Field) -> bool:
        """False for a field folded away under "More options"."""
        return not field.advanced or self.more_button.isChecked()

    def _show_architecture(self, message: str | None) -> None:
        if message is None:
            sizes = self._fields["layer_sizes"].read()
            self.architecture_label.setText(self.tr("network: {0}").format("-".join(map(str, sizes))))
            self.architecture_label.setStyleSheet(_HINT_STYLE)
        else:
            self.architecture_label.setText(message)
            self.architecture_label.setStyleSheet(_ERROR_STYLE)

    def _show_more_summary(self) -> None:
        """While "More options" is folded, say which of them differ from the defaults."""
        parts = []
        if self.dtype_combo.currentData() != DEFAULTS.dtype:
            parts.append(self.dtype_combo.currentData())
        for name, text in (("binarize", self.tr("pixels binarized at {0}")),
                           ("train_size", self.tr("{0} training images")),
                           ("patience", self.tr("eta halved after {0} stalled epochs")),
                           ("seed", self.tr("seed {0}")),
                           ("keep_best", self.tr("best epoch kept"))):
            try:
                value = self._fields[name].read()
            except ValueError:
                continue  # its own message says what is wrong
            if value is False:
                continue
            if value is True:
                parts.append(text)
            elif value is not None:
                if isinstance(value, float):
                    value = numbers.general(value)
                elif name != "seed":
                    value = numbers.integer(value)
                parts.append(text.format(value))
        distorting = []
        for name in ("distort_shift", "distort_rotation", "distort_scale", "distort_shear", "elastic_alpha"):
            try:
                distorting.append(self._fields[name].read() > 0)
            except ValueError:
                pass
        if any(distorting):
            parts.append(self.tr("distorted copies each epoch"))
        folded = not self.more_button.isChecked()
        if self._folded_problems():
            self.more_summary.setText(self.tr("Open to correct: {0}").format(
                ", ".join(self._fields[name].message.text() for name in sorted(self._folded_problems()))))
            self.more_summary.setStyleSheet(_ERROR_STYLE)
        else:
            self.more_summary.setText(", ".join(parts))
            self.more_summary.setStyleSheet(_HINT_STYLE)
        self._form.setRowVisible(self.more_summary, folded and bool(self.more_summary.text()))

    def _show_available(self) -> None:
        n = numbers.integer(self._available)
        self.train_size_edit.setPlaceholderText(self.tr("all ({0})").format(n))
        self.train_size_edit.setToolTip(rich_tip(self.tr(
            "Train on the first n training images only, a whole number from 1 to {0}; empty: all of them. Fewer "
            "images train faster but overfit sooner: the training accuracy climbs while the validation accuracy "
            "stalls (ch. 3).").format(n)))

    def _changed(self) -> None:
        if self._filling:
            return
        self._check()
        self.config_changed.emit()

    # -- API --------------------------------------------------------------------------------

    def config(self) -> TrainConfig:
        """The form as a TrainConfig (seed None for "random", train_size None for all).

        Raises
        ------
        ValueError
            A field is malformed or out of range, or core refuses the combination; the
            message is the reason(s) shown in the form, one per line, each naming its field.
        """
        if self._errors:
            raise ValueError("\n".join(self._errors.values()))
        return self._config

    def errors(self) -> dict[str, str]:
        """The problems shown: field name (see the class docstring) -> reason; empty when
        the form is valid."""
        return dict(self._errors)

    def is_valid(self) -> bool:
        """True if :meth:`config` would return a configuration."""
        return not self._errors

    def field_error_label(self, name: str) -> QLabel:
        """The label that shows field ``name``'s problem (for ``layer_sizes``, the network
        preview; for ``"form"``, the label under the form).

        Raises
        ------
        KeyError
            No such field.
        """
        if name == FORM:
            return self.problem_label
        return self._fields[name].message

    def field_widget(self, name: str) -> QWidget:
        """The edit or combo box of field ``name`` (KeyError if there is none)."""
        return self._fields[name].widget

    def set_config(self, config: TrainConfig, *, keep_seed: bool = False) -> None:
        """Fill every field with ``config`` (its seed too, unless ``keep_seed``)."""
        values = {name: getattr(config, name) for name in self._fields}
        if keep_seed:
            del values["seed"]
        self._filling = True
        try:
            for name, value in values.items():
                self._fields[name].write(value)
        finally:
            self._filling = False
        self._changed()

    def reset(self) -> None:
        """The notebook's defaults, with a random seed and all training images."""
        self.set_config(DEFAULTS)

    def set_running(self, running: bool) -> None:
        """Lock the fields while a run uses them, except the learning rate: during a run,
        every Enter in its field with a valid value emits :attr:`learning_rate_requested`
        (the same value again too: the schedule may have changed the run's eta since). The
        value stays in the field, so the next run starts with it."""
        self._running = running
        for name, field in self._fields.items():
            if name != "learning_rate":
                field.widget.setEnabled(not running)
        self.preset_combo.setEnabled(not running)
        self._check()

    def set_own_digits_count(self, n: int | None, error: str = "") -> None:
        """How many digits the user has saved, shown beside the "My digits" check box (None:
        not known, no number shown); ``error``, if not empty, why they cannot be read: the box
        then says so (a run leaves them out) and its tooltip gives the reason."""
        self._own_digits_count = None if n is None else int(n)
        self._own_digits_error = error
        self._show_own_digits_count()

    def bind_own_digits(self, session) -> None:
        """Show the size of ``session``'s own digits (a :class:`mnist_gui.session.Session`) beside
        the check box, now and whenever it changes."""
        self._own_digits_session = session
        session.own_digits_changed.connect(self._on_session_own_digits_changed)
        self._on_session_own_digits_changed()

    @Slot()
    def _on_session_own_digits_changed(self) -> None:
        session = self._own_digits_session
        self.set_own_digits_count(len(session.own_digits), session.own_digits_error)

    def _show_own_digits_count(self) -> None:
        n = self._own_digits_count
        if self._own_digits_error:
            self.own_digits_check.setText(self.tr("Add my digits to training (they cannot be read: left out)"))
            self.own_digits_check.setToolTip(self.tr("{0}\n\nYour digits cannot be read, so a run leaves them out "
                                                     "(the Draw view says what to do):\n{1}").format(
                                                         self._own_digits_tip, self._own_digits_error))
            return
        self.own_digits_check.setToolTip(self._own_digits_tip)
        if n is None:
            self.own_digits_check.setText(self.tr("Add my digits to training"))
        elif n == 0:
            self.own_digits_check.setText(self.tr("Add my digits to training (none saved yet)"))
        else:
            self.own_digits_check.setText(self.tr("Add my digits to training ({0})").format(numbers.integer(n)))

    def set_available_training(self, n: int) -> None:
        """The number of training images loaded: the largest training-set size allowed,
        and the n of eta * lambda / n when the size field is empty (all)."""
        self._available = int(n)
        self._show_available()
        self._changed()

    # -- settings -------------------------------------------------------------------------

    def save_settings(self, s: QSettings) -> None:
        """Remember every field as shown (the text typed, the combo boxes' choice) under
        ``train/``, and whether "More options" is open."""
        for name, key in SETTINGS_KEYS.items():
            widget = self._fields[name].widget
            if isinstance(widget, QCheckBox):
                s.setValue(key, widget.isChecked())
            else:
                s.setValue(key, widget.text() if isinstance(widget, QLineEdit) else widget.currentData())
        s.setValue("train/more_options", self.more_button.isChecked())

    def restore_settings(self, s: QSettings | CheckedSettings) -> None:
        """Fill the fields from ``train/``. A field whose setting is missing or unusable
        (not a number, out of range, NaN, an unknown choice, a list or bytes) gets its default;
        if the fields are fine one by one but not together, the whole form gets the defaults.
        Each stored value refused is recorded with the default shown (see
        :class:`~mnist_gui.settings.CheckedSettings`). Never raises."""
        checked = CheckedSettings.wrap(s)
        refused: list[str] = []
        stored: list[str] = []
        self._filling = True
        try:
            for name, key in SETTINGS_KEYS.items():
                field = self._fields[name]
                default = getattr(DEFAULTS, name)
                field.write(default)
                raw = checked.raw(key)
                if raw is MISSING:
                    continue
                stored.append(name)
                if name in _LEGACY_NONE and isinstance(raw, (int, str)) and str(raw).strip() == _LEGACY_NONE[name]:
                    continue  # the old spin boxes' "none" (seed -1, patience 0): the default, no note
                text = _setting_text(raw)
                try:
                    if text is None:
                        raise ValueError(raw)
                    if isinstance(field.widget, QLineEdit):
                        field.widget.setText(text)
                        field.read()
                    else:
                        field.write(text)
                except ValueError:
                    field.write(default)
                    refused.append(name)
            more = checked.read_bool("train/more_options", False)
            self.more_button.setChecked(more)
        finally:
            self._filling = False
        self._changed()
        if self._errors:  # fine one by one, not together: every stored field gets its default
            refused += [name for name in stored if name not in refused]
            self.reset()
        for name in refused:
            checked.ignore(SETTINGS_KEYS[name], self._shown_value(name))

    def _shown_value(self, name: str) -> str:
        """What the field ``name`` shows, for a note: its text (or placeholder, e.g. "random"),
        its choice, or on/off."""
        widget = self._fields[name].widget
        if isinstance(widget, QCheckBox):
            return self.tr("on") if widget.isChecked() else self.tr("off")
        if isinstance(widget, QLineEdit):
            return widget.text() or widget.placeholderText() or self.tr("empty")
        return widget.currentText()

    # -- slots ----------------------------------------------------------------------------

    def _on_field_changed(self, *args) -> None:  # textChanged(str), currentIndexChanged(int) or toggled(bool)
        self._changed()

    @Slot(bool)
    def _on_more_button_toggled(self, checked: bool) -> None:
        for field in self._fields.values():
            if field.advanced:
                self._form.setRowVisible(field.row, checked)
        self.more_button.setArrowType(Qt.ArrowType.DownArrow if checked else Qt.ArrowType.RightArrow)
        if not self._filling:  # (a fill ends with a check, which shows everything)
            self._show_problems()  # the messages of the rows now shown or folded

    @Slot()
    def _on_eta_edit_return_pressed(self) -> None:
        if self._running and "learning_rate" not in self._errors:
            self.learning_rate_requested.emit(self._read_eta())

    @Slot(int)
    def _on_preset_combo_activated(self, index: int) -> None:
        name = self.preset_combo.itemData(index)
        if name is None:
            return
        preset = PRESETS[name]
        # A preset is a network and its hyperparameters: the seed and the choice of data stay.
        self.set_config(replace(preset.config, add_own_digits=self.own_digits_check.isChecked()), keep_seed=True)
        self.preset_combo.setCurrentIndex(0)
        self.preset_applied.emit(name, preset_description(name))

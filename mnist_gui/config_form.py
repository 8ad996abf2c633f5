"""TrainingForm: the network and hyperparameters of a run, as a form."""

from __future__ import annotations

import re

from PySide6.QtCore import QSettings, Qt, Signal, Slot
from PySide6.QtWidgets import QComboBox, QDoubleSpinBox, QFormLayout, QGroupBox, QLabel, QLineEdit, QSpinBox, QWidget

from core.sgd import PRESETS, TrainConfig

DEFAULTS = TrainConfig()  # the notebook's: 784-15-10, 30 epochs, mini-batch 10, eta 3.0


def parse_hidden_layers(text: str) -> tuple[int, ...]:
    """``"30"`` -> (30,), ``"100, 30"`` -> (100, 30), ``""`` -> () (no hidden layer).

    Only the hidden layers are given: the 784 inputs and 10 outputs are added. Raises
    ValueError with a readable message for anything else (signs, letters, "784-30-10").
    """
    parts = [p for p in re.split(r"[\s,]+", text.strip()) if p]
    if not all(p.isdigit() for p in parts):
        raise ValueError(f"hidden layers must be whole numbers separated by spaces or commas, "
                         f"like '30' or '100 30' (input and output layers are added); got '{text}'.")
    return tuple(int(p) for p in parts)


class TrainingForm(QGroupBox):
    """Fields for every choice of a :class:`core.sgd.TrainConfig`, with a preset box.

    :meth:`config` reads the form, :meth:`set_config` fills it; :meth:`save_settings` and
    :meth:`restore_settings` keep it between sessions (damaged settings give the
    notebook's defaults).

    Signals
    -------
    preset_applied(str, str)
        A preset filled the form: its name and description.
    """

    preset_applied = Signal(str, str)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setTitle(self.tr("Network and hyperparameters"))
        form = QFormLayout(self)
        self.hidden_edit = QLineEdit()
        self.hidden_edit.setToolTip(self.tr("Neurons in each hidden layer, e.g. '15' (784-15-10) or '100 30'.\n"
                                            "Input (784) and output (10) layers are added."))
        self.epochs_spin = QSpinBox()
        self.epochs_spin.setRange(1, 1000)
        self.epochs_spin.setToolTip(self.tr("Passes over the 50,000 training images"))
        self.batch_spin = QSpinBox()
        self.batch_spin.setRange(1, 50_000)
        self.batch_spin.setToolTip(self.tr("Mini-batch size m: images per gradient step"))
        self.eta_spin = QDoubleSpinBox()
        self.eta_spin.setRange(0.001, 100.0)
        self.eta_spin.setDecimals(3)
        self.eta_spin.setSingleStep(0.1)
        self.eta_spin.setToolTip(self.tr("Learning rate eta: the size of each gradient step"))
        self.cost_combo = QComboBox()
        self.cost_combo.addItem(self.tr("quadratic (ch. 1)"), "quadratic")
        self.cost_combo.addItem(self.tr("cross-entropy (ch. 3)"), "cross-entropy")
        self.cost_combo.setToolTip(self.tr("The cost function minimised (Nielsen ch. 1 and ch. 3)"))
        self.init_combo = QComboBox()
        self.init_combo.addItem(self.tr("N(0, 1) (ch. 1)"), "normal")
        self.init_combo.addItem(self.tr("N(0, 1/n_in) (ch. 3)"), "scaled")
        self.init_combo.setToolTip(self.tr("Distribution of the initial weights"))
        self.l2_spin = QDoubleSpinBox()
        self.l2_spin.setRange(0.0, 1000.0)
        self.l2_spin.setDecimals(3)
        self.l2_spin.setToolTip(self.tr("L2 regularisation lambda (ch. 3); 0 for none"))
        self.seed_spin = QSpinBox()
        self.seed_spin.setRange(-1, 2**31 - 1)
        self.seed_spin.setSpecialValueText(self.tr("random"))
        self.seed_spin.setToolTip(self.tr("Seed for the initial weights and the shuffles; 'random' draws a new one"))
        self.patience_spin = QSpinBox()
        self.patience_spin.setRange(0, 100)
        self.patience_spin.setSpecialValueText(self.tr("never"))
        self.patience_spin.setSuffix(self.tr(" epochs without progress"))
        self.patience_spin.setToolTip(self.tr(
            "Learning-rate schedule (ch. 3): halve eta after this many epochs without a new\n"
            "best validation accuracy; 'never' keeps eta fixed"))
        self.halvings_spin = QSpinBox()
        self.halvings_spin.setRange(0, 60)
        self.halvings_spin.setSuffix(self.tr(" halvings"))
        self.halvings_spin.setToolTip(self.tr(
            "With the schedule: stop early once eta was halved this many times and the\n"
            "validation accuracy stalls again (the book: 7, i.e. eta/128)"))
        self.patience_spin.valueChanged.connect(self._on_patience_spin_value_changed)
        self.preset_combo = QComboBox()
        self.preset_combo.addItem(self.tr("Fill in a preset…"), None)
        for name, preset in PRESETS.items():
            self.preset_combo.addItem(name, name)
            self.preset_combo.setItemData(self.preset_combo.count() - 1, preset.description,
                                          Qt.ItemDataRole.ToolTipRole)
        self.preset_combo.setToolTip(self.tr("Fill the form with a named configuration (the seed is kept)"))
        self.preset_combo.activated.connect(self._on_preset_combo_activated)
        self.architecture_label = QLabel()
        self.architecture_label.setStyleSheet("color: #555;")
        self.architecture_label.setWordWrap(True)
        self.hidden_edit.textChanged.connect(self._on_hidden_edit_text_changed)
        form.addRow(self.tr("Pres&et:"), self.preset_combo)
        form.addRow(self.tr("Hidde&n layers:"), self.hidden_edit)
        form.addRow("", self.architecture_label)
        form.addRow(self.tr("E&pochs:"), self.epochs_spin)
        form.addRow(self.tr("&Mini-batch size:"), self.batch_spin)
        form.addRow(self.tr("&Learning rate (eta):"), self.eta_spin)
        form.addRow(self.tr("C&ost:"), self.cost_combo)
        form.addRow(self.tr("&Initial weights:"), self.init_combo)
        form.addRow(self.tr("L&2 lambda:"), self.l2_spin)
        form.addRow(self.tr("Halve eta &after:"), self.patience_spin)
        form.addRow(self.tr("Stop after:"), self.halvings_spin)
        form.addRow(self.tr("&Seed:"), self.seed_spin)
        self.reset()

    # -- reading and filling --------------------------------------------------------------

    def config(self) -> TrainConfig:
        """The form as a TrainConfig (seed None for "random").

        Raises
        ------
        ValueError
            The hidden layers are not whole numbers, or a value is out of range; the message
            names the field.
        """
        hidden = parse_hidden_layers(self.hidden_edit.text())
        seed = self.seed_spin.value()
        return TrainConfig(
            layer_sizes=(784, *hidden, 10),
            n_epochs=self.epochs_spin.value(),
            batch_size=self.batch_spin.value(),
            learning_rate=self.eta_spin.value(),
            cost=self.cost_combo.currentData(),
            init=self.init_combo.currentData(),
            l2=self.l2_spin.value(),
            patience=self.patience_spin.value() or None,
            max_halvings=self.halvings_spin.value(),
            seed=None if seed < 0 else seed,
        )

    def set_config(self, config: TrainConfig, *, keep_seed: bool = False) -> None:
        """Fill the form with ``config`` (its seed too, unless ``keep_seed``)."""
        self.hidden_edit.setText(" ".join(map(str, config.layer_sizes[1:-1])))
        self.epochs_spin.setValue(config.n_epochs)
        self.batch_spin.setValue(config.batch_size)
        self.eta_spin.setValue(config.learning_rate)
        self.cost_combo.setCurrentIndex(self.cost_combo.findData(config.cost))
        self.init_combo.setCurrentIndex(self.init_combo.findData(config.init))
        self.l2_spin.setValue(config.l2)
        self.patience_spin.setValue(config.patience or 0)
        self.halvings_spin.setValue(config.max_halvings)
        self.halvings_spin.setEnabled(self.isEnabled() and bool(config.patience))
        if not keep_seed:
            self.seed_spin.setValue(-1 if config.seed is None else config.seed)

    def reset(self) -> None:
        """The notebook's defaults, with a random seed."""
        self.set_config(DEFAULTS)

    def set_running(self, running: bool) -> None:
        """Lock the fields while a run uses them."""
        for w in (self.hidden_edit, self.epochs_spin, self.batch_spin, self.eta_spin, self.cost_combo,
                  self.init_combo, self.l2_spin, self.seed_spin, self.patience_spin, self.preset_combo):
            w.setEnabled(not running)
        self.halvings_spin.setEnabled(not running and self.patience_spin.value() > 0)

    # -- settings -------------------------------------------------------------------------

    def save_settings(self, s: QSettings) -> None:
        """Remember the fields under ``train/``."""
        s.setValue("train/hidden", self.hidden_edit.text())
        s.setValue("train/epochs", self.epochs_spin.value())
        s.setValue("train/batch_size", self.batch_spin.value())
        s.setValue("train/learning_rate", self.eta_spin.value())
        s.setValue("train/cost", self.cost_combo.currentData())
        s.setValue("train/init", self.init_combo.currentData())
        s.setValue("train/l2", self.l2_spin.value())
        s.setValue("train/seed", self.seed_spin.value())
        s.setValue("train/patience", self.patience_spin.value())
        s.setValue("train/max_halvings", self.halvings_spin.value())

    def restore_settings(self, s: QSettings) -> None:
        """Fill the fields from ``train/``; anything unreadable gives the defaults."""
        self.reset()
        try:
            self.hidden_edit.setText(str(s.value("train/hidden", self.hidden_edit.text())))
            self.epochs_spin.setValue(int(s.value("train/epochs", self.epochs_spin.value())))
            self.batch_spin.setValue(int(s.value("train/batch_size", self.batch_spin.value())))
            self.eta_spin.setValue(float(s.value("train/learning_rate", self.eta_spin.value())))
            for combo, key in ((self.cost_combo, "train/cost"), (self.init_combo, "train/init")):
                i = combo.findData(s.value(key, combo.currentData()))
                combo.setCurrentIndex(max(i, 0))
            self.l2_spin.setValue(float(s.value("train/l2", self.l2_spin.value())))
            self.seed_spin.setValue(int(s.value("train/seed", self.seed_spin.value())))
            self.patience_spin.setValue(int(s.value("train/patience", self.patience_spin.value())))
            self.halvings_spin.setValue(int(s.value("train/max_halvings", self.halvings_spin.value())))
        except (TypeError, ValueError):
            self.reset()  # damaged settings: fall back to the defaults

    # -- slots ----------------------------------------------------------------------------

    @Slot(int)
    def _on_patience_spin_value_changed(self, value: int) -> None:
        self.halvings_spin.setEnabled(self.patience_spin.isEnabled() and value > 0)

    @Slot(str)
    def _on_hidden_edit_text_changed(self, text: str) -> None:
        try:
            hidden = parse_hidden_layers(text)
        except ValueError:
            self.architecture_label.setText(self.tr("network: ? (whole numbers, e.g. '30' or '100 30')"))
            return
        self.architecture_label.setText(self.tr("network: {0}").format("-".join(map(str, (784, *hidden, 10)))))

    @Slot(int)
    def _on_preset_combo_activated(self, index: int) -> None:
        name = self.preset_combo.itemData(index)
        if name is None:
            return
        preset = PRESETS[name]
        self.set_config(preset.config, keep_seed=True)
        self.preset_combo.setCurrentIndex(0)
        self.preset_applied.emit(name, preset.description)

"""The runs of a session side by side: a Qt table model and the widget around it.

Each row is one :class:`~mnist_gui.session.Run`: its colour on the plots (the row is also
the plots' legend), whether it is shown, its name (editable), configuration and seed,
epochs, best validation and test accuracy, training time and samples per second, and how
it ended. Buttons and a context menu act on the selected run: use its network, put its
settings in the form, export its curves, remove it.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QSize, Qt, Signal, Slot
from PySide6.QtGui import QAction, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QMenu,
    QPushButton,
    QSizePolicy,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from mnist_gui import numbers
from mnist_gui.numbers import percent as format_percent
from mnist_gui.session import Run, Session


class RunsModel(QAbstractTableModel):
    """The session's runs as a table (one row per run, oldest first).

    Column 0 ("Show") is checkable and carries the run's colour; column 1 (the name) is
    editable. Everything else is read-only text. It follows the session's
    ``runs_changed`` (reset) and ``run_changed`` (one row) signals.
    """

    COLUMNS = ("show", "name", "configuration", "epochs", "best validation", "test", "time", "samples/s", "ending")

    def __init__(self, session: Session, parent=None):
        super().__init__(parent)
        self._session = session
        self._runs: list[Run] = list(session.runs)
        self._titles = (self.tr("Show"), self.tr("Name"), self.tr("Network and settings"), self.tr("Epochs"),
                        self.tr("Best validation"), self.tr("Test"), self.tr("Time"), self.tr("Samples/s"),
                        self.tr("Ending"))
        self._header_tips = (
            self.tr("Show or hide the run's curves on the plots; the colour is its curves'"),
            self.tr("The run's name; double-click to rename it"),
            self.tr("The network (784 inputs, the hidden layers, 10 outputs) and how it was trained"),
            self.tr("Epochs done: passes over all the training images"),
            self.tr("The best accuracy on the validation images, held out of training to choose settings and "
                    "epochs, and the epoch it came at"),
            self.tr("Accuracy on the test images, never used for training nor for choosing: how well the network "
                    "reads digits it has never seen"),
            self.tr("How long the run trained"),
            self.tr("Training speed: images per second"),
            self.tr("How the run ended, or \"training…\" while it runs"))
        session.runs_changed.connect(self._on_session_runs_changed)
        session.run_changed.connect(self._on_session_run_changed)

    def run_at(self, row: int) -> Run | None:
        """The run shown in ``row``, or None."""
        return self._runs[row] if 0 <= row < len(self._runs) else None

    def row_of(self, run: Run) -> int:
        """The row showing ``run``, or -1."""
        return next((i for i, r in enumerate(self._runs) if r is run), -1)

    # -- Qt's model interface ------------------------------------------------------------

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._runs)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole \
                and 0 <= section < len(self._titles):
            return self._titles[section]
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.ToolTipRole \
                and 0 <= section < len(self._header_tips):
            return self._header_tips[section]
        return None

    def flags(self, index):
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() == 0:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        elif index.column() == 1:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._runs):
            return None
        run, column = self._runs[index.row()], self.COLUMNS[index.column()]
        if role == Qt.ItemDataRole.CheckStateRole and column == "show":
            return Qt.CheckState.Checked if run.visible else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.DecorationRole and column == "show":
            from mnist_gui.plots import run_color  # the same colour as its curves
            return QColor(run_color(run.number))
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(run)
        if role == Qt.ItemDataRole.TextAlignmentRole and column in ("epochs", "best validation", "test", "time",
                                                                    "samples/s"):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return self._text(run, column)
        return None

    def setData(self, index, value, role=Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or not 0 <= index.row() < len(self._runs):
            return False
        run, column = self._runs[index.row()], self.COLUMNS[index.column()]
        if column == "show" and role == Qt.ItemDataRole.CheckStateRole:
            self._session.set_run_visible(run, Qt.CheckState(value) == Qt.CheckState.Checked)
            return True
        if column == "name" and role == Qt.ItemDataRole.EditRole and str(value).strip():
            self._session.rename_run(run, str(value))
            return True
        return False

    # -- text --------------------------------------------------------------------------

    def _text(self, run: Run, column: str) -> str:
        if column == "show":
            return ""
        if column == "name":
            return run.name
        if column == "configuration":
            return run.describe()
        if column == "epochs":
            planned = run.config.n_epochs if run.config is not None and not run.from_file else None
            return f"{run.epochs}/{planned}" if planned and not run.ending else str(run.epochs)
        if column == "best validation":
            best = run.best_validation
            return "" if best is None else self.tr("{0} (epoch {1})").format(format_percent(best[1]), best[0])
        if column == "test":
            return "" if run.test_accuracy is None else format_percent(run.test_accuracy)
        if column == "time":
            return numbers.duration(run.seconds, tenths_below=60) if run.history else ""
        if column == "samples/s":
            rate = run.samples_per_second
            return "" if rate is None else numbers.fixed(rate, 0)
        if column == "ending":
            return run.ending or self.tr("training…")
        return ""

    def _tooltip(self, run: Run) -> str:
        lines = [run.name, run.describe()]
        if run.ending:
            lines.append(run.ending)
        if run.saved_to:
            lines.append(self.tr("Saved to {0}").format(run.saved_to))
        return "\n".join(lines)

    # -- from the session ----------------------------------------------------------------

    @Slot()
    def _on_session_runs_changed(self) -> None:
        self.beginResetModel()
        self._runs = list(self._session.runs)
        self.endResetModel()

    @Slot(object)
    def _on_session_run_changed(self, run: Run) -> None:
        row = self.row_of(run)
        if row >= 0:
            self.dataChanged.emit(self.index(row, 0), self.index(row, self.columnCount() - 1))

    def refresh_row(self, run: Run) -> None:
        """Redraw ``run``'s row (its epochs and accuracies grow during training)."""
        self._on_session_run_changed(run)


class ButtonRows(QWidget):
    """Push buttons side by side, each as wide as its text needs, left-aligned: in one row
    when the width allows, else in two (the first half of the buttons above the rest).

    A button is never narrower than its size hint, so its text is never cut; the widget's
    minimum width is that of the two rows, and its height follows its width
    (:meth:`heightForWidth`), so that a vertical layout gives it the second row's room
    only when it needs it.

    Parameters
    ----------
    buttons : list of QPushButton
        Reparented to this widget, in their order (left to right, then top to bottom).
    fill : bool
        If True, the buttons of a row share the whole width equally (as in a QHBoxLayout)
        instead of keeping their size hints' widths.
    parent : QWidget, optional
    """

    def __init__(self, buttons: list[QPushButton], fill: bool = False, parent: QWidget | None = None):
        super().__init__(parent)
        self._buttons = list(buttons)
        self._fill = fill
        for button in self._buttons:
            button.setParent(self)
        policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)

    def _spacing(self) -> tuple[int, int]:
        """Horizontal and vertical room between two buttons (px), as the style's layouts leave."""
        style = self.style()
        kind = QSizePolicy.ControlType.PushButton
        dx = style.layoutSpacing(kind, kind, Qt.Orientation.Horizontal)
        dy = style.layoutSpacing(kind, kind, Qt.Orientation.Vertical)
        # (-1 is a style's "no preference": some styles answer it; a layout then uses 6.)
        return (dx if dx >= 0 else 6, dy if dy >= 0 else 6)

    def _rows(self, n_rows: int) -> list[list[QPushButton]]:
        per_row = -(-len(self._buttons) // n_rows)
        return [self._buttons[i:i + per_row] for i in range(0, len(self._buttons), per_row)]

    def _size(self, n_rows: int) -> QSize:
        """The size the buttons need in ``n_rows`` rows (px)."""
        dx, dy = self._spacing()
        rows = self._rows(n_rows)
        width = max(sum(b.sizeHint().width() for b in row) + dx * (len(row) - 1) for row in rows)
        heights = [max(b.sizeHint().height() for b in row) for row in rows]
        return QSize(width, sum(heights) + dy * (len(rows) - 1))

    def sizeHint(self) -> QSize:
        return self._size(1)

    def minimumSizeHint(self) -> QSize:
        return self._size(2) if len(self._buttons) > 1 else self._size(1)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        one = self._size(1)
        return one.height() if width >= one.width() else self.minimumSizeHint().height()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._place()

    def event(self, event) -> bool:
        if event.type() in (event.Type.LayoutRequest, event.Type.FontChange, event.Type.StyleChange):
            self.updateGeometry()
            self._place()
        return super().event(event)

    def _place(self) -> None:
        dx, dy = self._spacing()
        one_row = self.width() >= self._size(1).width() or len(self._buttons) < 2
        y = 0
        for row in self._rows(1 if one_row else 2):
            x, height = 0, max(b.sizeHint().height() for b in row)
            room = self.width() - dx * (len(row) - 1)
            for i, button in enumerate(row):
                if self._fill:  # equal shares, the odd pixels to the first buttons
                    width = room // len(row) + (1 if i < room % len(row) else 0)
                else:
                    width = button.sizeHint().width()
                button.setGeometry(x, y, width, height)
                x += width + dx
            y += height + dy


class RunsTable(QWidget):
    """The runs table with its buttons: Use Network, Settings to Form, Export CSV…, Remove.

    The table is the plots' legend: each row's swatch is its curves' colour, its check
    box shows or hides them, and a double click on the name renames it.

    Signals
    -------
    use_requested(Run), settings_requested(Run), export_requested(Run), remove_requested(Run)
        The user asked for that action on a run; the Train view carries it out (and says
        what went wrong, if anything).
    """

    use_requested = Signal(object)
    settings_requested = Signal(object)
    export_requested = Signal(object)
    remove_requested = Signal(object)

    def __init__(self, session: Session, parent: QWidget | None = None):
        super().__init__(parent)
        self._session = session
        self.model = RunsModel(session, self)
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                  | QAbstractItemView.EditTrigger.EditKeyPressed)
        self.view.verticalHeader().hide()
        self.view.setAlternatingRowColors(True)
        header = self.view.horizontalHeader()
        # Sized to the contents when runs come or go, not live (ResizeToContents measured
        # every cell of the table at each epoch of a run, on the GUI thread).
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        self.view.setToolTip(self.tr("The runs of this session. The check box shows or hides a run's curves; "
                                     "double-click a name to rename it; right-click for more."))
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.view.customContextMenuRequested.connect(self._on_view_custom_context_menu_requested)
        self.view.doubleClicked.connect(self._on_view_double_clicked)
        self.use_button = QPushButton(self.tr("&Use Network"))
        self.use_button.setToolTip(self.tr("Make this run's network the current one: Draw and Browse switch to it"))
        self.settings_button = QPushButton(self.tr("Settings to &Form"))
        self.settings_button.setToolTip(self.tr("Fill the form with this run's configuration and seed, to repeat "
                                                "or vary it"))
        self.export_button = QPushButton(self.tr("E&xport CSV…"))
        self.export_button.setToolTip(self.tr("Save this run's curves (cost, accuracies, learning rate) as CSV"))
        self.remove_button = QPushButton(self.tr("Re&move"))
        self.remove_button.setToolTip(self.tr("Forget this run and its curves (a network in use stays in use)"))
        self.button_rows = ButtonRows([self.use_button, self.settings_button, self.export_button,
                                       self.remove_button])
        for button, signal in ((self.use_button, self.use_requested), (self.settings_button, self.settings_requested),
                               (self.export_button, self.export_requested),
                               (self.remove_button, self.remove_requested)):
            button.clicked.connect(lambda checked=False, signal=signal: self._emit_for_selected(signal))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.button_rows)
        self.view.selectionModel().selectionChanged.connect(self._update_buttons)
        self.model.modelReset.connect(self._on_model_reset)
        self.model.dataChanged.connect(self._update_buttons)
        self._fit_columns()
        self._update_buttons()

    def selected_run(self) -> Run | None:
        """The selected run, or None."""
        rows = self.view.selectionModel().selectedRows()
        return self.model.run_at(rows[0].row()) if rows else None

    def select_run(self, run: Run) -> None:
        """Select ``run``'s row."""
        row = self.model.row_of(run)
        if row >= 0:
            self.view.selectRow(row)

    def _emit_for_selected(self, signal) -> None:
        run = self.selected_run()
        if run is not None:
            signal.emit(run)

    @Slot()
    def _update_buttons(self, *_) -> None:
        run = self.selected_run()
        has_network = run is not None and run.model is not None and bool(run.history)
        self.use_button.setEnabled(has_network and run.model is not self._session.model)
        self.settings_button.setEnabled(run is not None and run.config is not None)
        self.export_button.setEnabled(run is not None and bool(run.cost_points or run.history))
        self.remove_button.setEnabled(run is not None and bool(run.ending))

    def _fit_columns(self) -> None:
        self.view.resizeColumnsToContents()
        self.view.setColumnWidth(2, min(self.view.columnWidth(2), 300))  # the long configuration: see its tooltip

    @Slot()
    def _on_model_reset(self) -> None:
        self._fit_columns()
        if self.model.rowCount():
            self.view.selectRow(self.model.rowCount() - 1)  # the newest run
        self._update_buttons()

    @Slot(QModelIndex)
    def _on_view_double_clicked(self, index: QModelIndex) -> None:
        if index.column() not in (0, 1):  # the name edits itself; elsewhere: use the network
            run = self.model.run_at(index.row())
            if run is not None and run.model is not None and run.history:
                self.use_requested.emit(run)

    def _on_view_custom_context_menu_requested(self, pos) -> None:
        index = self.view.indexAt(pos)
        if not index.isValid():
            return
        self.view.selectRow(index.row())
        menu = QMenu(self)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)  # one per right-click: do not keep them
        for button in (self.use_button, self.settings_button, self.export_button, self.remove_button):
            action = QAction(button.text().replace("&", ""), menu)
            action.setEnabled(button.isEnabled())
            action.triggered.connect(button.click)
            menu.addAction(action)
        rename = QAction(self.tr("Rename"), menu)
        rename.triggered.connect(lambda: self.view.edit(self.model.index(index.row(), 1)))
        menu.insertAction(menu.actions()[1], rename)
        menu.exec(self.view.viewport().mapToGlobal(pos))

"""The desktop's conventions: the app's icon, Help > About and Help > Keyboard Shortcuts.

The icon is ``resources/icons/mnist-gui.svg`` (drawn for the project) with PNGs rendered from
it by ``tools/render_icons.py``. The shortcuts dialog is built from the window's own QActions
when it opens, so it lists what the menus really have.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
import PySide6
from PySide6.QtCore import QCoreApplication, QSize, Qt, qVersion
from PySide6.QtGui import QAction, QIcon, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMainWindow,
    QMenu,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

import core
from core.paths import icons_dir
from mnist_gui.help import BOOK

#: The sizes of the PNGs rendered from the SVG, in pixels.
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256)

#: MNIST's page and its licence (Nielsen's book is mnist_gui.help.BOOK).
MNIST_URL = "http://yann.lecun.com/exdb/mnist/"
CC_BY_SA_URL = "https://creativecommons.org/licenses/by-sa/3.0/"


def app_icon() -> QIcon:
    """The application's icon: every rendered PNG size and the SVG (for any other size,
    when Qt's SVG icon engine is there). An empty QIcon if the files are missing."""
    icon = QIcon()
    folder = icons_dir()
    for size in ICON_SIZES:
        path = folder / f"mnist-gui-{size}.png"
        if path.exists():
            icon.addFile(str(path), QSize(size, size))
    svg = folder / "mnist-gui.svg"
    if svg.exists():
        icon.addFile(str(svg))
    return icon


def about_text() -> str:
    """The About box's text (rich text): version, what it is, licences and credits."""
    return QCoreApplication.translate(
        "AboutDialog",
        "<h3>mnist-gui {0}</h3>"
        "<p>Draw a digit and see what a sigmoid network answers; train one from scratch on MNIST and "
        "watch it learn; browse its mistakes.</p>"
        "<p>The network, backpropagation and stochastic gradient descent follow Michael Nielsen's book "
        "<a href=\"{1}\"><i>Neural Networks and Deep Learning</i></a> ({1}), written in numpy.</p>"
        "<p><b>Licences</b></p>"
        "<ul>"
        "<li>mnist-gui: the MIT licence (the LICENSE file).</li>"
        "<li>The bundled MNIST database of handwritten digits, by Yann LeCun and Corinna Cortes "
        "(with Christopher J. C. Burges), <a href=\"{2}\">{2}</a>: "
        "<a href=\"{3}\">Creative Commons Attribution-Share Alike 3.0</a> (CC BY-SA 3.0).</li>"
        "<li>Qt {4} and PySide6 {5}: the GNU LGPL version 3.</li>"
        "<li>pyqtgraph {6}: the MIT licence.</li>"
        "<li>numpy {7}: the BSD licence.</li>"
        "</ul>").format(core.__version__, BOOK, MNIST_URL, CC_BY_SA_URL, qVersion(), PySide6.__version__,
                         pg.__version__, np.__version__)


class AboutDialog(QDialog):
    """Help > About: the icon, the version, the licences and the credits (see
    :func:`about_text`), with About Qt and Close buttons; links open in the browser."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("About mnist-gui"))
        icon = QLabel()
        icon.setPixmap(app_icon().pixmap(QSize(96, 96)))  # (QIcon picks the pixmap for the screen's pixel ratio)
        icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.text_label = QLabel(about_text())
        self.text_label.setWordWrap(True)
        self.text_label.setTextFormat(Qt.TextFormat.RichText)
        self.text_label.setOpenExternalLinks(True)
        self.text_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        self.text_label.setMinimumWidth(440)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.about_qt_button = buttons.addButton(self.tr("About &Qt"), QDialogButtonBox.ButtonRole.HelpRole)
        self.about_qt_button.clicked.connect(QApplication.aboutQt)
        buttons.rejected.connect(self.reject)
        top = QHBoxLayout()
        top.addWidget(icon)
        top.addWidget(self.text_label, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(buttons)


def _plain(text: str) -> str:
    """A menu text as people read it: "&Open Model…" -> "Open Model…" ("&&" stays one "&")."""
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&")


def _keys(action: QAction) -> str:
    """An action's shortcuts, as the platform writes them, joined: "Ctrl+Shift+Z, Ctrl+Y"."""
    return ", ".join(k.toString(QKeySequence.SequenceFormat.NativeText) for k in action.shortcuts() if not k.isEmpty())


def shortcut_rows(window: QMainWindow) -> list[tuple[str, str, str]]:
    """Every keyboard shortcut of ``window``: (where, command, keys) for each action of its
    menus (and submenus: "File > Export") that has one, in menu order, then the actions with a
    shortcut that are in no menu (a view's own: "Browse view"), named after the tab that holds them."""
    rows: list[tuple[str, str, str]] = []
    seen: set[int] = set()

    def walk(menu: QMenu, where: str) -> None:
        for action in menu.actions():
            if action.menu() is not None:
                walk(action.menu(), f"{where} > {_plain(action.menu().title())}")
                continue
            if action.isSeparator():
                continue
            seen.add(id(action))
            if _keys(action):
                rows.append((where, _plain(action.text()), _keys(action)))

    for action in window.menuBar().actions():
        if action.menu() is not None:
            walk(action.menu(), _plain(action.menu().title()))
    tabs = getattr(window, "tabs", None)
    for action in window.findChildren(QAction):
        if id(action) in seen or not _keys(action) or isinstance(action.parent(), QMenu):
            continue
        where = QCoreApplication.translate("ShortcutsDialog", "Window")
        owner = action.parent()
        if tabs is not None and isinstance(owner, QWidget):
            for i in range(tabs.count()):
                if tabs.widget(i) is owner or tabs.widget(i).isAncestorOf(owner):
                    where = QCoreApplication.translate("ShortcutsDialog", "{0} view").format(_plain(tabs.tabText(i)))
        rows.append((where, _plain(action.text()), _keys(action)))
    return rows


class ShortcutsDialog(QDialog):
    """Help > Keyboard Shortcuts: a table of every shortcut of ``window`` (see
    :func:`shortcut_rows`), read from its actions when the dialog is made."""

    def __init__(self, window: QMainWindow, parent: QWidget | None = None):
        super().__init__(parent if parent is not None else window)
        self.setWindowTitle(self.tr("Keyboard Shortcuts"))
        rows = shortcut_rows(window)
        self.table = QTableWidget(len(rows), 3)
        self.table.setHorizontalHeaderLabels([self.tr("Menu or view"), self.tr("Command"), self.tr("Shortcut")])
        for r, row in enumerate(rows):
            for c, text in enumerate(row):
                item = QTableWidgetItem(text)
                item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
                self.table.setItem(r, c, item)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)  # compact rows
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        self.table.resizeRowsToContents()
        rows_height = sum(self.table.rowHeight(r) for r in range(self.table.rowCount()))
        self.resize(600, min(720, rows_height + self.table.horizontalHeader().height() + 80))  # all rows if they fit

"""The desktop's conventions (issue 12): the icon, Help > About and Keyboard Shortcuts, the
standard shortcuts, the title's unsaved mark, plots that follow a dark palette, the .desktop file."""

import configparser
import re
from pathlib import Path

import pytest
from PySide6.QtCore import QSize
from PySide6.QtGui import QColor, QKeySequence, QPalette
from PySide6.QtWidgets import QApplication

from core.paths import icons_dir
from mnist_gui.about import ICON_SIZES, AboutDialog, ShortcutsDialog, about_text, app_icon, shortcut_rows
from mnist_gui.theme import apply_palette, is_dark, plot_colors

ROOT = Path(__file__).resolve().parents[2]


def test_the_icon_has_every_size_and_its_svg():
    folder = icons_dir()
    assert (folder / "mnist-gui.svg").read_text(encoding="utf-8").lstrip().startswith("<?xml")
    icon = app_icon()
    assert not icon.isNull()
    assert {(s.width(), s.height()) for s in icon.availableSizes()} >= {(n, n) for n in ICON_SIZES}
    for n in ICON_SIZES:
        image = icon.pixmap(QSize(n, n)).toImage()
        assert image.width() == n and image.pixelColor(n // 2, n // 2).alpha() == 255  # drawn, not blank


def test_the_rendered_pngs_are_those_of_the_svg():
    from tools.render_icons import render

    for n in (16, 64):
        drawn = render(icons_dir() / "mnist-gui.svg", n)
        from PySide6.QtGui import QImage

        committed = QImage(str(icons_dir() / f"mnist-gui-{n}.png")).convertToFormat(drawn.format())
        assert committed == drawn, f"run tools/render_icons.py: mnist-gui-{n}.png is not the SVG's"


def test_about_names_the_version_licences_and_credits(qtbot):
    import core

    text = about_text()
    for needed in (core.__version__, "MIT licence", "LeCun", "Cortes", "CC BY-SA 3.0", "Nielsen",
                   "Neural Networks and Deep Learning", "http://neuralnetworksanddeeplearning.com", "LGPL",
                   "PySide6", "pyqtgraph", "numpy", "BSD"):
        assert needed in text, needed
    dialog = AboutDialog()
    qtbot.addWidget(dialog)
    assert dialog.text_label.openExternalLinks() and dialog.about_qt_button.text() == "About &Qt"


def test_help_ends_with_keyboard_shortcuts_and_about(window):
    help_menu = [a.menu() for a in window.menuBar().actions() if a.menu() is not None][-1]
    texts = [a.text() for a in help_menu.actions() if not a.isSeparator()]
    assert texts[-2:] == ["&Keyboard Shortcuts", "&About mnist-gui"]


def test_the_standard_shortcuts_are_there(window):
    keys = {key for action in window.findChildren(type(window.open_action)) for key in
            (k.toString() for k in action.shortcuts())}
    for standard in ("Ctrl+O", "Ctrl+S", "Ctrl+Q", "Ctrl+Z"):
        assert standard in keys, standard
    assert window.quit_action.shortcut() == QKeySequence("Ctrl+Q") or window.quit_action.shortcut() in \
        QKeySequence.keyBindings(QKeySequence.StandardKey.Quit)


def test_the_shortcuts_dialog_lists_every_shortcut_of_the_menus(window, qtbot):
    from PySide6.QtWidgets import QMenu

    def menu_actions(menu):
        for action in menu.actions():
            if action.menu() is not None:
                yield from menu_actions(action.menu())
            elif not action.isSeparator():
                yield action

    expected = [a for top in window.menuBar().actions() if top.menu() is not None
                for a in menu_actions(top.menu()) if not a.shortcut().isEmpty()]
    rows = shortcut_rows(window)
    listed = {(command, keys) for _, command, keys in rows}
    for action in expected:
        assert (action.text().replace("&", ""), ", ".join(k.toString(QKeySequence.SequenceFormat.NativeText)
                                                           for k in action.shortcuts())) in listed
    assert ("Browse view", "Open in Draw", "Ctrl+D") in rows  # a view's own, in no menu: named as a view, not a menu
    assert ("File", "Open Model…", "Ctrl+O") in rows
    assert ("File > Export", "Run's Curves as CSV…", "Ctrl+Shift+E") in rows
    # Built from the actions: a new one shows at once.
    extra = window.menuBar().actions()[0].menu().addAction("Extra")
    extra.setShortcut(QKeySequence("Ctrl+Alt+X"))
    dialog = ShortcutsDialog(window)
    qtbot.addWidget(dialog)
    cells = {dialog.table.item(r, 1).text(): dialog.table.item(r, 2).text() for r in range(dialog.table.rowCount())}
    assert cells["Extra"] == QKeySequence("Ctrl+Alt+X").toString(QKeySequence.SequenceFormat.NativeText)
    assert dialog.table.rowCount() == len(rows) + 1
    assert isinstance(window.menuBar().actions()[0].menu(), QMenu)


def test_the_title_names_the_model_and_marks_an_unsaved_network(window, qtbot, tmp_path):
    assert window.windowTitle() == "default model[*] — mnist-gui" and not window.isWindowModified()
    form = window.train_view.form
    form.hidden_edit.setText("10")
    form.epochs_spin.setValue(1)
    form.seed_spin.setValue(1)
    assert window.train_view.start()
    qtbot.waitUntil(lambda: not window.controller.is_running and window.train_view.is_settled(), timeout=60_000)
    name = window.session.model_name
    assert window.windowTitle() == f"{name}[*] — mnist-gui" and window.isWindowModified()
    assert window.save_model(tmp_path / "m.npz")
    assert not window.isWindowModified()
    assert window.open_model(tmp_path / "m.npz") and not window.isWindowModified()


def _dark_palette() -> QPalette:
    palette = QPalette()
    for role, color in ((QPalette.ColorRole.Window, "#2b2b2b"), (QPalette.ColorRole.WindowText, "#e6e6e6"),
                        (QPalette.ColorRole.Base, "#1e1e1e"), (QPalette.ColorRole.Text, "#e6e6e6"),
                        (QPalette.ColorRole.Button, "#353535"), (QPalette.ColorRole.ButtonText, "#e6e6e6")):
        palette.setColor(role, QColor(color))
    return palette


@pytest.fixture
def dark_app(qapp):
    """The application with a dark palette, put back as it was afterwards."""
    before = QPalette(qapp.palette())
    qapp.setPalette(_dark_palette())
    yield qapp
    qapp.setPalette(before)


def test_the_plots_follow_the_palette_light_and_dark(window, qtbot, qapp):
    views = [window.train_view.plot, window.draw_view.findChild(type(window.browse_view.bars)),
             window.browse_view.bars, window.train_view.inside.mosaic.view,
             window.train_view.inside.saturation_plot.plot_widget]
    views = [v for v in views if v is not None]
    light_background, _ = plot_colors(qapp.palette())
    for view in views:
        assert view.backgroundBrush().color() == light_background, view
    before = QPalette(qapp.palette())
    try:
        qapp.setPalette(_dark_palette())
        qtbot.waitUntil(lambda: window.train_view.plot.backgroundBrush().color() == QColor("#1e1e1e"), timeout=5000)
        assert is_dark(qapp.palette())
        background, foreground = plot_colors(qapp.palette())
        for view in views:
            assert view.backgroundBrush().color() == background, view
        axis = window.train_view.plot.cost_plot.getAxis("left")
        assert axis.pen().color() == foreground and axis.textPen().color() == foreground
        assert foreground.lightness() > background.lightness()  # light text on dark
    finally:
        qapp.setPalette(before)
    qtbot.waitUntil(lambda: window.train_view.plot.backgroundBrush().color() == light_background, timeout=5000)


def test_a_new_plot_made_under_a_dark_palette_is_dark(dark_app, qtbot):
    from mnist_gui.plots import TrainingPlot

    plot = TrainingPlot()
    qtbot.addWidget(plot)
    assert plot.backgroundBrush().color() == QColor("#1e1e1e")
    apply_palette(plot)  # (idempotent)
    assert plot.backgroundBrush().color() == QColor("#1e1e1e")


def test_the_desktop_file_launches_mnist_gui_with_its_icon():
    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str
    entry.read(ROOT / "resources" / "mnist-gui.desktop", encoding="utf-8")
    desktop = entry["Desktop Entry"]
    assert desktop["Type"] == "Application" and desktop["Name"] == "mnist-gui" and desktop["Comment"]
    assert desktop["Exec"] == "mnist-gui" and desktop["Icon"] == "mnist-gui"
    assert desktop["Categories"] == "Education;Science;"
    assert (icons_dir() / f"{desktop['Icon']}.svg").exists()


def test_the_icon_and_the_desktop_file_are_package_data():
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert '"resources.icons"' in re.search(r"^packages = \[(.*)\]$", text, re.MULTILINE).group(1)
    assert '"*.desktop"' in re.search(r"^resources = \[(.*)\]$", text, re.MULTILINE).group(1)
    icons = re.search(r'^"resources.icons" = \[(.*)\]$', text, re.MULTILINE).group(1)
    assert '"*.svg"' in icons and '"*.png"' in icons


def test_the_app_sets_its_window_icon(monkeypatch, qapp):
    import mnist_gui.__main__ as entry
    import mnist_gui.main_window

    shown = []

    class Window:
        def __init__(self, **kwargs):
            pass

        def show(self):
            shown.append(QApplication.windowIcon())

    monkeypatch.setattr(mnist_gui.main_window, "MainWindow", Window)
    monkeypatch.setattr(entry, "collect_garbage_in_gui_thread", lambda: None)
    monkeypatch.setattr(type(qapp), "exec", lambda self: 0)
    names = qapp.organizationName(), qapp.applicationName(), qapp.windowIcon(), qapp.desktopFileName()
    try:
        assert entry.main([]) == 0
        assert len(shown) == 1 and not shown[0].isNull()
        assert {(s.width(), s.height()) for s in shown[0].availableSizes()} >= {(16, 16), (256, 256)}
        assert qapp.desktopFileName() == "mnist-gui"
    finally:
        qapp.setOrganizationName(names[0])
        qapp.setApplicationName(names[1])
        qapp.setWindowIcon(names[2])
        qapp.setDesktopFileName(names[3])


@pytest.mark.parametrize("ratio", [1.0, 1.5, 2.0])
def test_digit_pictures_are_drawn_at_the_screens_resolution(qtbot, monkeypatch, mnist, ratio):
    """On a high-DPI screen (2 device pixels per logical one) the enlarged digits are drawn with
    the screen's own pixels, not stretched by Qt afterwards (blurred or unevenly widened)."""
    from mnist_gui.steps_view import ArrayView
    from mnist_gui.widgets import DigitView, SignedImageView

    for view in (DigitView(140), SignedImageView(56), ArrayView(120, field=28, centre=True), ArrayView(120)):
        qtbot.addWidget(view)
        monkeypatch.setattr(view, "devicePixelRatioF", lambda: ratio)
        image = mnist.test.images[0] if not isinstance(view, SignedImageView) else mnist.test.X[0].reshape(28, 28) - 0.5
        view.set_image(image)
        pixmap = view._pixmap(image)  # (QLabel.pixmap() gives it back at the real screen's ratio)
        side = view.width() - 2
        assert pixmap.devicePixelRatio() == ratio
        assert pixmap.width() == round(side * ratio) and round(pixmap.deviceIndependentSize().width()) == side

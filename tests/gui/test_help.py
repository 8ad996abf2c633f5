"""Every control explains itself (a tooltip on each, a status tip on each menu action), F1 and "?"
open the help page of the view shown, and the first-use hints can be dismissed for good (issue 12)."""

import re

import pyqtgraph as pg
import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QHeaderView,
    QLineEdit,
    QSlider,
    QTabWidget,
    QWidget,
)

from mnist_gui.canvas import DrawingCanvas
from mnist_gui.help import BOOK, VIEWS, HelpDialog, HintBanner, chapter_url, help_html, hint_key
from mnist_gui.settings import CheckedSettings

#: The kinds of widget a user points at and works with: each must say what it does.
INTERACTIVE = (QAbstractButton, QLineEdit, QComboBox, QAbstractSpinBox, QSlider, QAbstractItemView, pg.GraphicsView,
               DrawingCanvas)

#: Qt's own parts of a composite widget that may go without a tooltip (by objectName), and why.
ALLOWED_WITHOUT_TIP = {
    "qt_spinbox_lineedit": "the text field inside a spin box: a tooltip event it does not take goes to the spin "
                           "box, whose tooltip then shows",
    "qt_tableview_cornerbutton": "the confusion table's select-all corner, which selects nothing useful",
    "ScrollLeftButton": "a tab bar's scroll arrow, shown only when the tabs do not fit",
    "ScrollRightButton": "a tab bar's scroll arrow, shown only when the tabs do not fit",
}


def _settle(qtbot):
    qtbot.wait(30)


def _header_lacks_tips(header: QHeaderView) -> list[int]:
    """The visible sections of ``header`` whose model gives no tooltip (when the header has none itself)."""
    if header.toolTip():
        return []
    model = header.model()
    count = model.columnCount() if header.orientation() == Qt.Orientation.Horizontal else model.rowCount()
    return [section for section in range(count) if not header.isSectionHidden(section)
            and not model.headerData(section, header.orientation(), Qt.ItemDataRole.ToolTipRole)]


def _describe(widget: QWidget) -> str:
    chain, parent = [], widget.parentWidget()
    while parent is not None and len(chain) < 4:
        chain.append(type(parent).__name__)
        parent = parent.parentWidget()
    text = widget.text() if hasattr(widget, "text") and callable(widget.text) else ""
    return f"{type(widget).__name__} {widget.objectName()!r} text={text!r} in {' < '.join(chain)}"


def test_every_visible_control_has_a_tooltip(window, qtbot):
    """Walk the three views (each inner tab, the form's More options open, a mosaic tile selected)
    and find every interactive widget shown: each has a tooltip."""
    seen: dict[int, QWidget] = {}
    missing: list[str] = []

    def scan():
        for widget in window.findChildren(QWidget):
            if id(widget) in seen or not isinstance(widget, INTERACTIVE) or not widget.isVisibleTo(window):
                continue
            seen[id(widget)] = widget
            if isinstance(widget, QHeaderView):
                lacking = _header_lacks_tips(widget)
                if lacking:
                    missing.append(f"{_describe(widget)}: sections {lacking}")
            elif not widget.toolTip().strip() and widget.objectName() not in ALLOWED_WITHOUT_TIP:
                missing.append(_describe(widget))

    window.train_view.form.more_button.setChecked(True)  # "More options" open
    for i in range(window.tabs.count()):
        window.tabs.setCurrentIndex(i)
        _settle(qtbot)
        if window.tabs.currentWidget() is window.train_view:
            window.train_view.inside.mosaic.select(0)  # the neuron detail shows
            _settle(qtbot)
        scan()
        for inner in window.tabs.currentWidget().findChildren(QTabWidget):
            for j in range(inner.count()):
                inner.setCurrentIndex(j)
                _settle(qtbot)
                scan()
    assert not missing, "without a tooltip:\n" + "\n".join(missing)
    # The walk did reach the corners: the advanced fields, the map, the neuron detail, the hints.
    form = window.train_view.form
    for widget in (form.keep_best_check, form.seed_edit, *form.distortion_edits.values(), window.browse_view.data_map,
                   window.train_view.inside.detail.bar_plot_widget, window.train_view.inside.mosaic.view,
                   window.draw_view.canvas, window.help_button,
                   *(view.hint.close_button for view in (window.draw_view, window.train_view, window.browse_view))):
        assert id(widget) in seen, _describe(widget)
    assert len(seen) > 60


def test_the_tooltips_explain_the_concepts(window):
    """A few of the ideas a student meets, explained where they are set."""
    form = window.train_view.form
    assert "pass over all the training images" in form.epochs_edit.toolTip()
    assert "stochastic gradient descent" in form.batch_edit.toolTip()
    assert "how far each gradient step" in form.eta_edit.toolTip()
    assert "saturated" in form.cost_combo.toolTip() and "saturated" in form.init_combo.toolTip()
    assert "overfitting" in form.l2_edit.toolTip()
    assert "validation" in form.keep_best_check.toolTip() and "test" in form.keep_best_check.toolTip()
    assert "Affine" in form.distortion_edits["distort_rotation"].toolTip()
    assert "Elastic" in form.distortion_edits["elastic_alpha"].toolTip()
    assert "same run again" in form.seed_edit.toolTip()
    assert "overfitting" in window.train_view.plot.toolTip()
    assert "principal components" in window.browse_view.data_map.toolTip()
    assert "true class" in window.browse_view.confusion_table.toolTip()
    assert "sigmoid" in window.draw_view.bars.toolTip()


def test_every_menu_action_has_a_status_tip(window):
    def actions(menu):
        for action in menu.actions():
            if action.menu() is not None:
                yield from actions(action.menu())
            elif not action.isSeparator():
                yield action

    lacking = [a.text() for top in window.menuBar().actions() for a in actions(top.menu()) if not a.statusTip()]
    assert not lacking


def _open_help_with_f1(window, qtbot) -> HelpDialog:
    if window.help_dialog is not None:
        window.help_dialog.close()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=5000)
    qtbot.keyClick(window.tabs.currentWidget(), Qt.Key.Key_F1)
    assert window.help_dialog is not None and window.help_dialog.isVisible()
    return window.help_dialog


CHAPTERS = {"draw": {1}, "train": {1, 2, 3, 6}, "browse": {1, 3, 6}}


@pytest.mark.parametrize("how", ["F1", "?"])
def test_f1_and_the_question_mark_open_the_help_of_the_view_shown(window, qtbot, how):
    assert window.help_action.shortcut() == QKeySequence(QKeySequence.StandardKey.HelpContents)
    help_menu = window.menuBar().actions()[-1].menu()
    assert help_menu.actions()[0] is window.help_action  # at the top of the Help menu
    for i, view in enumerate(VIEWS):
        window.tabs.setCurrentIndex(i)
        if how == "F1":
            dialog = _open_help_with_f1(window, qtbot)
        else:
            assert window.tabs.cornerWidget(Qt.Corner.TopRightCorner) is window.help_button
            window.help_button.click()
            dialog = window.help_dialog
        assert dialog.isVisible() and dialog.view == view
        assert view.capitalize() in dialog.windowTitle()
        assert dialog.browser.openExternalLinks()
        links = dialog.links()
        assert {int(re.fullmatch(re.escape(BOOK) + r"/chap(\d)\.html", url).group(1)) for url in links} \
            == CHAPTERS[view], links
        text = dialog.browser.toPlainText()
        assert "What to try" in text and "The ideas" in text and "Nielsen" in text
    dialog.close()


def test_the_help_pages_link_to_the_book_and_refuse_an_unknown_view():
    for view in VIEWS:
        assert chapter_url(1) in help_html(view)
        assert "{" not in help_html(view)  # every placeholder filled
    with pytest.raises(ValueError, match="no help for view 'nope'"):
        help_html("nope")


# -- first use: the hints ------------------------------------------------------------------------


def _hints(window):
    return {"draw": window.draw_view.hint, "train": window.train_view.hint, "browse": window.browse_view.hint}


def test_a_hint_dismissed_stays_dismissed_at_the_next_start(window, settings, qtbot):
    from mnist_gui.main_window import MainWindow

    hints = _hints(window)
    for view, hint in hints.items():
        window.tabs.setCurrentWidget(hint.parentWidget())
        assert hint.isVisible() and not hint.dismissed, view
        assert hint.close_button.toolTip() and hint.label.text()
    window.tabs.setCurrentWidget(window.draw_view)
    hints["draw"].close_button.click()
    assert not hints["draw"].isVisible() and hints["draw"].dismissed
    window.close()
    assert CheckedSettings(settings).read_bool(hint_key("draw"), False) is True
    assert CheckedSettings(settings).read_bool(hint_key("train"), True) is False

    again = MainWindow(settings=settings)
    qtbot.addWidget(again)
    again.show()
    qtbot.waitUntil(lambda: again.session.data is not None and not again.session.loading, timeout=20_000)
    hints = _hints(again)
    assert hints["draw"].dismissed and not hints["draw"].isVisibleTo(again)
    for view in ("train", "browse"):
        again.tabs.setCurrentWidget(hints[view].parentWidget())
        assert not hints[view].dismissed and hints[view].isVisible(), view


def test_hovering_a_hints_close_button_says_what_it_does(window, qtbot):
    """The "×" of each view's hint, hovered, shows a tooltip that it hides the tip and for how long."""
    from PySide6.QtCore import QEvent
    from PySide6.QtGui import QHelpEvent
    from PySide6.QtWidgets import QApplication, QToolTip

    for view, hint in _hints(window).items():
        window.tabs.setCurrentWidget(hint.parentWidget())
        _settle(qtbot)
        button = hint.close_button
        assert button.isVisible() and button.text() == "×", view
        centre = button.rect().center()
        QApplication.sendEvent(button, QHelpEvent(QEvent.Type.ToolTip, centre, button.mapToGlobal(centre)))
        try:
            assert QToolTip.isVisible(), view
            assert "Hide this tip" in QToolTip.text() and "next start" in QToolTip.text(), view
        finally:
            QToolTip.hideText()
        assert button.accessibleName() == "Hide this tip"


def test_a_bad_remembered_hint_value_shows_the_hint_and_is_named(qtbot, tmp_path):
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    settings.setValue(hint_key("train"), "perhaps")
    hint = HintBanner("train")
    qtbot.addWidget(hint)
    checked = CheckedSettings(settings)
    hint.restore_settings(checked)
    assert not hint.dismissed and hint_key("train") in checked.ignored


def test_reset_settings_brings_the_hints_back(qapp, qtbot, tmp_path, monkeypatch):
    import PySide6.QtCore
    import PySide6.QtWidgets

    import mnist_gui.__main__ as app_main
    import mnist_gui.main_window

    path = str(tmp_path / "mnist-gui.conf")
    stored = QSettings(path, QSettings.Format.IniFormat)
    for view in VIEWS:
        stored.setValue(hint_key(view), True)
    stored.sync()
    started = []

    class Window:  # the real window is tested above: here only what main() hands it
        def __init__(self, settings, model_path, data_dir):
            started.append(settings)

        def show(self):
            pass

    monkeypatch.setattr(PySide6.QtCore, "QSettings", lambda: QSettings(path, QSettings.Format.IniFormat))
    monkeypatch.setattr(mnist_gui.main_window, "MainWindow", Window)
    monkeypatch.setattr(PySide6.QtWidgets.QApplication, "exec", lambda self: 0)
    names = qapp.organizationName(), qapp.applicationName(), qapp.applicationVersion()
    try:
        assert app_main.main(["--reset-settings"]) == 0
    finally:
        qapp.setOrganizationName(names[0])
        qapp.setApplicationName(names[1])
        qapp.setApplicationVersion(names[2])
    assert len(started) == 1
    for view in VIEWS:
        hint = HintBanner(view)
        qtbot.addWidget(hint)
        hint.restore_settings(CheckedSettings(started[0]))
        assert not hint.dismissed, view
    assert not QSettings(path, QSettings.Format.IniFormat).contains(hint_key("draw"))


def test_at_800_by_600_the_hints_leave_every_view_usable(window, qtbot):
    """The hints take one or two lines; the views' own layout tests (test_draw_view, test_train_layout,
    test_browse_view) run with them shown, as at a first start, and check every control is reachable."""
    window.resize(800, 600)
    qtbot.waitUntil(lambda: window.width() == 800 and window.height() == 600, timeout=5000)
    frame = window.rect()
    for view, hint in _hints(window).items():
        window.tabs.setCurrentWidget(hint.parentWidget())
        _settle(qtbot)
        assert hint.isVisible(), view
        assert hint.height() <= 3 * hint.label.fontMetrics().lineSpacing() + 12, (view, hint.height())
        button = hint.close_button
        assert frame.contains(button.mapTo(window, button.rect().bottomRight())), view


def test_a_form_label_shows_its_fields_tooltip(window, qtbot):
    from PySide6.QtCore import QEvent, QPoint
    from PySide6.QtGui import QHelpEvent
    from PySide6.QtWidgets import QApplication, QLabel, QToolTip

    window.tabs.setCurrentWidget(window.train_view)
    form = window.train_view.form
    label = next(label for label in form.findChildren(QLabel) if label.buddy() is form.batch_edit)
    assert label.text().replace("&", "") == "Mini-batch size:"
    QApplication.sendEvent(label, QHelpEvent(QEvent.Type.ToolTip, QPoint(2, 2), label.mapToGlobal(QPoint(2, 2))))
    try:
        assert QToolTip.isVisible() and QToolTip.text() == form.batch_edit.toolTip()
    finally:
        QToolTip.hideText()

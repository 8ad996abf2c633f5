"""The Train view at the smallest window, 800 x 600 (issue 9's layout): every control visible
inside the window, no buttons over each other or cut, and the columns remembered."""

import itertools

import pytest
from PySide6.QtCore import QSettings, Qt


def _inside(window, widget) -> bool:
    frame = window.rect()
    return (frame.contains(widget.mapTo(window, widget.rect().topLeft()))
            and frame.contains(widget.mapTo(window, widget.rect().bottomRight())))


@pytest.mark.parametrize("size", [(800, 600), (1280, 820)])
def test_the_train_view_fits_without_overlaps(window, qtbot, size):
    window.resize(*size)
    window.tabs.setCurrentWidget(window.train_view)
    qtbot.waitUntil(lambda: window.train_view.isVisible() and window.width() == size[0], timeout=5000)
    qtbot.wait(50)
    view = window.train_view
    run_buttons = [view.train_button, view.pause_button, view.step_button, view.stop_button]
    table = view.runs_table
    table_buttons = [table.use_button, table.settings_button, table.export_button, table.remove_button]
    for control in [*run_buttons, *table_buttons, view.plot, table.view, view.inside.mosaic.view]:
        assert control.isVisible() and _inside(window, control), control
        assert control.width() > 0 and control.height() > 0, control
    for buttons in (run_buttons, table_buttons):
        for button in buttons:
            assert button.width() >= button.sizeHint().width() - 1, button.text()  # its text is not cut
        for i, a in enumerate(buttons):
            for b in buttons[i + 1:]:
                assert not a.geometry().intersects(b.geometry()), (a.text(), b.text())
    # The plots fit their column: what they need is no wider than the widget (not clipped).
    assert view.plot.ci.effectiveSizeHint(Qt.SizeHint.MinimumSize).width() <= view.plot.width()
    # The three columns side by side, none over another.
    columns = [view.columns.widget(i) for i in range(view.columns.count())]
    for a, b in itertools.pairwise(columns):
        assert a.geometry().right() < b.geometry().left()


def test_the_columns_are_remembered_and_garbage_is_ignored(window, qtbot, tmp_path):
    window.tabs.setCurrentWidget(window.train_view)
    view = window.train_view
    sizes = view.columns.sizes()
    wanted = [sizes[0], sizes[1] + 60, sizes[2] - 60]
    view.columns.setSizes(wanted)
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    view.save_settings(settings)
    view.columns.setSizes(sizes)
    view.restore_settings(settings)
    assert abs(view.columns.sizes()[1] - wanted[1]) <= 2
    settings.setValue("train/columns", "garbage")
    view.restore_settings(settings)  # ignored

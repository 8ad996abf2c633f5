"""Start the app: ``mnist-gui`` or ``python -m mnist_gui``."""

from __future__ import annotations

import argparse
import contextlib
import sys


def collect_garbage_in_gui_thread():
    """Make Python's cyclic garbage collector run only in the GUI thread, from a timer.

    Otherwise a collection can start in whichever thread happens to allocate, a training
    thread included, and destroy widgets there: Qt then deadlocks or crashes (seen here:
    the training thread freeing a closed window's menus while the GUI thread freed its
    actions). pyqtgraph's ``GarbageCollector`` turns automatic collection off and
    collects on a one-second timer of the thread that creates it. Call it once the
    QApplication exists, from the GUI thread; keep the returned object.
    """
    from pyqtgraph.util.garbage_collector import GarbageCollector

    return GarbageCollector(interval=1.0)


def main(argv: list[str] | None = None) -> int:
    """Parse the command line, open the main window and run Qt's event loop.

    Returns the exit code (0 on a normal quit; 1 when the window cannot be built, with a
    message suggesting ``--reset-settings``; 2 for a bad command line, or when no window can
    be opened: no display, or Qt's xcb plugin lacking system libraries, see
    :func:`mnist_gui.display.display_problem`). Qt's own options (``-platform offscreen``,
    ``-style Fusion``...) are passed on to Qt.
    """
    import core
    from mnist_gui.display import QT_OPTIONS, QCoreApplication, display_problem

    parser = argparse.ArgumentParser(
        prog="mnist-gui",
        description="Draw a digit and see a sigmoid network's answer; train it on MNIST; browse its mistakes.")
    parser.add_argument("--model", metavar="PATH", help="model file (.npz) to start with (default: the bundled one)")
    parser.add_argument("--data", metavar="DIR", help="folder with the four IDX files (default: the bundled MNIST)")
    parser.add_argument("--reset-settings", action="store_true", help="forget remembered window and form settings")
    parser.add_argument("--version", action="version", version=f"%(prog)s {core.__version__}")
    argv = sys.argv[1:] if argv is None else list(argv)
    args, qt_args = parser.parse_known_args(argv)
    unknown = [arg for arg in qt_args if arg.startswith("-") and arg.lstrip("-").split("=")[0] not in QT_OPTIONS]
    if unknown:  # refused before the display is checked: a mistyped option is said as such, display or not
        parser.error(QCoreApplication.translate("main", "unrecognized arguments: {0}").format(" ".join(unknown)))
    problem = display_problem([sys.argv[0], *qt_args])
    if problem is not None:
        print(problem, file=sys.stderr)
        return 2

    import pyqtgraph as pg
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from mnist_gui.about import app_icon
    from mnist_gui.main_window import APP_NAME, MainWindow

    pg.setConfigOptions(imageAxisOrder="row-major", antialias=True)
    app = QApplication.instance()
    if app is None:
        app = QApplication([sys.argv[0], *qt_args])  # Qt takes the options it knows out of the list
        if app.arguments()[1:]:
            parser.error(QCoreApplication.translate("main", "unrecognized arguments: {0}").format(
                " ".join(app.arguments()[1:])))
    elif qt_args:
        parser.error(QCoreApplication.translate("main", "unrecognized arguments: {0}").format(" ".join(qt_args)))
    app.setOrganizationName(APP_NAME)
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(core.__version__)
    app.setWindowIcon(app_icon())
    app.setDesktopFileName(APP_NAME)  # resources/mnist-gui.desktop: Wayland and the taskbar find its icon
    collector = collect_garbage_in_gui_thread()  # noqa: F841 (kept alive until the app quits)
    settings = QSettings()
    if args.reset_settings:
        settings.clear()
    from mnist_gui import i18n

    translators = i18n.install(app, i18n.read_language(settings))  # noqa: F841 (kept alive until the app quits)
    try:
        window = MainWindow(settings=settings, model_path=args.model, data_dir=args.data)
    except Exception as exc:  # noqa: BLE001 (a start that fails anyway: say what to try, not a traceback)
        return _start_failed(exc, settings.fileName())
    window.show()
    return app.exec()


def _start_failed(exc: BaseException, settings_file: str) -> int:
    """Report a start that failed (on stderr and in a message box) with the one thing the user
    can do, forget the remembered settings; returns the exit code, 1."""
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtWidgets import QMessageBox

    text = QCoreApplication.translate(
        "main", "mnist-gui could not start: {0}: {1}\n\nIf this happens at every start, the remembered settings "
        "({2}) may be to blame: start once with\n\n    mnist-gui --reset-settings\n\nto forget them.").format(
            type(exc).__name__, exc, settings_file)
    print(text, file=sys.stderr)
    with contextlib.suppress(Exception):  # (the message is on stderr already)
        QMessageBox.critical(None, QCoreApplication.translate("main", "mnist-gui cannot start"), text)
    return 1


if __name__ == "__main__":
    sys.exit(main())

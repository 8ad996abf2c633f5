"""Before Qt starts: is there a screen to open a window on, and can Qt's xcb plugin load?

Without a display Qt's xcb plugin fails, no other plugin is tried, and Qt aborts (exit code
134) with a message about ``libxcb-cursor0`` that leads people astray. :func:`display_problem`
checks first, without Qt, in a few milliseconds: a chosen platform (``QT_QPA_PLATFORM`` or
``-platform``) is left to Qt; on Linux, no ``DISPLAY`` and no ``WAYLAND_DISPLAY``, an X
server that cannot be reached, or system libraries that the xcb plugin needs and are not
installed (read from ``ldd``'s "not found" lines), each give one line saying what to do.

Only QtCore is imported (no QGuiApplication is made). The messages go through
``QCoreApplication.translate("main", ...)``, which works before any application exists and
gives the text as it is until a translator is installed; when QtCore itself cannot load (a
system library such as ``libglib-2.0.so.0`` missing) a stand-in gives the English text.
"""

from __future__ import annotations

import importlib.util
import os
import re
import shutil
import socket
import subprocess
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path

try:
    from PySide6.QtCore import QCoreApplication
except ImportError:  # QtCore cannot load: the messages in English

    class QCoreApplication:  # type: ignore[no-redef]
        """Stands in for Qt's when QtCore cannot load: :meth:`translate` gives the text as it is."""

        @staticmethod
        def translate(context: str, text: str, disambiguation: str | None = None, n: int = -1) -> str:
            """``text`` untranslated."""
            return text

#: Debian's package for the libraries whose package name does not follow from the file name
#: (see :func:`debian_package`).
_PACKAGES = {
    "libglib-2.0.so.0": "libglib2.0-0",
    "libgthread-2.0.so.0": "libglib2.0-0",
    "libgobject-2.0.so.0": "libglib2.0-0",
    "libfreetype.so.6": "libfreetype6",
    "libGLX.so.0": "libglx0",
    "libOpenGL.so.0": "libopengl0",
    "libGLdispatch.so.0": "libglvnd0",
    "libstdc++.so.6": "libstdc++6",
    "libz.so.1": "zlib1g",
    "libzstd.so.1": "libzstd1",
    "libpng16.so.16": "libpng16-16",
}

#: Qt's own command-line options (QGuiApplication's and the xcb platform's), written with one
#: dash or two, which the app passes on to Qt; any other option is refused as unrecognized.
QT_OPTIONS = frozenset({
    "platform", "platformpluginpath", "platformtheme", "plugin", "qmljsdebugger", "qwindowgeometry",
    "qwindowicon", "qwindowtitle", "reverse", "session", "style", "stylesheet", "widgetcount", "display",
    "geometry", "title", "name", "visual", "ncols", "cmap", "nograb", "dograb", "sync", "fn", "font", "bg",
    "background", "fg", "foreground", "btn", "button", "im", "inputstyle", "dialogs", "fontengine",
})

#: How long to wait for a remote X server (``DISPLAY=host:N``) to accept a connection, in seconds.
TCP_TIMEOUT = 1.0




def chosen_platform(argv: Sequence[str], environ: Mapping[str, str]) -> str | None:
    """The Qt platform the user chose: ``-platform NAME`` (or ``--platform NAME``,
    ``-platform=NAME``) in ``argv``, else ``QT_QPA_PLATFORM``; None if neither. Only the
    plugin's name is returned ("offscreen", "xcb", "wayland"), without its options or the
    other names of a list ("wayland;xcb" gives "wayland")."""
    name = None
    for i, arg in enumerate(argv):
        if arg in ("-platform", "--platform") and i + 1 < len(argv):
            name = argv[i + 1]
        elif arg.startswith(("-platform=", "--platform=")):
            name = arg.split("=", 1)[1]
    if name is None:
        name = environ.get("QT_QPA_PLATFORM") or None
    if not name:
        return None
    return name.split(";")[0].split(":")[0].strip() or None


def parse_display(display: str) -> tuple[str, int] | None:
    """``DISPLAY`` as (host, display number): ``":0"`` -> ("", 0), ``"localhost:10.0"`` ->
    ("localhost", 10), ``"unix:1"`` -> ("", 1), ``"[::1]:2"`` -> ("::1", 2). None for a
    value that is not ``[host]:N[.screen]`` (then nothing is checked)."""
    match = re.fullmatch(r"(?:\[(?P<v6>[^\]]*)\]|(?P<host>[^:]*)):(?P<number>[0-9]+)(?:\.[0-9]+)?", display.strip())
    if match is None:
        return None
    host = match.group("v6") if match.group("v6") is not None else match.group("host")
    if host == "unix":
        host = ""
    return host, int(match.group("number"))


def x_server_reachable(display: str, socket_dir: str = "/tmp/.X11-unix") -> bool:
    """Whether an X server accepts a connection at ``display`` (see :func:`parse_display`):
    the local socket ``socket_dir/XN`` (also in Linux's abstract namespace, where Xvfb and
    Xorg listen too), or TCP port 6000 + N on a named host (as ``ssh -X`` sets it). The
    connection is closed at once, before X's handshake. A value that cannot be parsed counts
    as reachable here (:func:`display_problem` refuses it first, with its own message)."""
    parsed = parse_display(display)
    if parsed is None:
        return True
    host, number = parsed
    if not host:
        path = f"{socket_dir}/X{number}"
        candidates = [path, "\0" + path] if sys.platform.startswith("linux") else [path]
        for address in candidates:
            with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as s:
                try:
                    s.connect(address)
                    return True
                except OSError:
                    continue
        return False
    try:
        with socket.create_connection((host, 6000 + number), timeout=TCP_TIMEOUT):
            return True
    except OSError:
        return False


def wayland_reachable(environ: Mapping[str, str]) -> bool:
    """Whether the Wayland socket named by ``WAYLAND_DISPLAY`` exists (an absolute path, or
    a name in ``XDG_RUNTIME_DIR``)."""
    name = environ.get("WAYLAND_DISPLAY")
    if not name:
        return False
    path = Path(name) if os.path.isabs(name) else Path(environ.get("XDG_RUNTIME_DIR", "")) / name
    return path.exists()


def missing_libraries(ldd_output: str) -> list[str]:
    """The libraries ``ldd`` reports as "not found", in its order, each once:
    ``"\\tlibxcb-cursor.so.0 => not found"`` gives ``["libxcb-cursor.so.0"]``."""
    found = []
    for line in ldd_output.splitlines():
        match = re.match(r"\s*(\S+)\s+=>\s+not found", line)
        if match and match.group(1) not in found:
            found.append(match.group(1))
    return found


def debian_package(library: str) -> str:
    """Debian's (and Ubuntu's) package name for a shared library: ``libxcb-cursor.so.0`` ->
    ``libxcb-cursor0``, ``libxkbcommon-x11.so.0`` -> ``libxkbcommon-x11-0`` (a dash when the
    name ends in a digit), ``libEGL.so.1`` -> ``libegl1``; a few exceptions from a table
    (``libglib-2.0.so.0`` -> ``libglib2.0-0``)."""
    if library in _PACKAGES:
        return _PACKAGES[library]
    name, _, version = library.partition(".so.")
    name = name.lower()
    version = version.split(".")[0]
    if not version:
        return name
    return f"{name}-{version}" if name[-1].isdigit() else f"{name}{version}"


def xcb_plugin_path() -> Path | None:
    """PySide6's xcb platform plugin (``libqxcb.so``), found without importing PySide6;
    None if it is not there (another platform, or another build of Qt)."""
    spec = importlib.util.find_spec("PySide6")
    if spec is None or not spec.submodule_search_locations:
        return None
    for location in spec.submodule_search_locations:
        path = Path(location) / "Qt" / "plugins" / "platforms" / "libqxcb.so"
        if path.exists():
            return path
    return None


def xcb_missing_libraries(plugin: Path | None = None) -> list[str]:
    """The system libraries Qt's xcb plugin (and the Qt libraries it loads, such as
    ``libQt6XcbQpa.so.6``) need and cannot find, from ``ldd``; empty if none, or if ``ldd``
    or the plugin is not there."""
    plugin = plugin if plugin is not None else xcb_plugin_path()
    ldd = shutil.which("ldd")
    if plugin is None or ldd is None:
        return []
    try:
        result = subprocess.run([ldd, str(plugin)], capture_output=True, text=True, timeout=10, check=False)
    except (OSError, subprocess.SubprocessError):
        return []
    return missing_libraries(result.stdout + result.stderr)


def missing_libraries_message(libraries: Sequence[str]) -> str:
    """The one line for an xcb plugin that cannot load: the libraries missing and the apt
    line that installs them."""
    packages = " ".join(dict.fromkeys(debian_package(library) for library in libraries))
    return QCoreApplication.translate(
        "main", "mnist-gui: Qt's xcb plugin cannot load, these system libraries are missing: {0}. On Debian or "
        "Ubuntu install them with: sudo apt-get update && sudo apt-get install {1} (as root, the same without "
        "sudo). To check the app without a window: QT_QPA_PLATFORM=offscreen mnist-gui").format(
            ", ".join(libraries), packages)


def display_problem(argv: Sequence[str] | None = None, environ: Mapping[str, str] | None = None,
                    platform: str | None = None) -> str | None:
    """Why Qt could not open a window here, as one line to print, or None if it can (or if
    the user chose a platform other than xcb, or if this is not Linux: Qt is left to it).

    ``argv`` is the command line (default ``sys.argv``), ``environ`` the environment
    (default ``os.environ``), ``platform`` ``sys.platform``; tests pass their own.
    """
    argv = sys.argv if argv is None else argv
    environ = os.environ if environ is None else environ
    platform = sys.platform if platform is None else platform
    if not platform.startswith("linux"):
        return None
    chosen = chosen_platform(argv, environ)
    if chosen is not None and chosen != "xcb":
        return None
    display = environ.get("DISPLAY", "")
    if chosen is None and wayland_reachable(environ):
        return None
    if not display:
        if chosen is None and environ.get("WAYLAND_DISPLAY"):
            return QCoreApplication.translate(
                "main", "mnist-gui: no display: the Wayland display {0} cannot be reached and DISPLAY is not set. "
                "Run it in a desktop session, or with a virtual screen: xvfb-run -a mnist-gui (Debian package xvfb; "
                "or QT_QPA_PLATFORM=offscreen mnist-gui to check it starts)").format(environ["WAYLAND_DISPLAY"])
        return QCoreApplication.translate(
            "main", "mnist-gui: no display (DISPLAY and WAYLAND_DISPLAY are not set, or empty). Run it in a desktop "
            "session, "
            "or with a virtual screen: xvfb-run -a mnist-gui (Debian package xvfb; or QT_QPA_PLATFORM=offscreen "
            "mnist-gui to check it starts)")
    if parse_display(display) is None:
        return QCoreApplication.translate(
            "main", "mnist-gui: no display: DISPLAY={0} is not a display name (it should read :N or host:N, such "
            "as :0). Set it to a running X server, or use a virtual screen: xvfb-run -a mnist-gui (Debian package "
            "xvfb; or QT_QPA_PLATFORM=offscreen mnist-gui to check it starts)").format(display)
    if not x_server_reachable(display):
        return QCoreApplication.translate(
            "main", "mnist-gui: no display: no X server answers at DISPLAY={0}. Start one or set DISPLAY to a "
            "running one, or use a virtual screen: xvfb-run -a mnist-gui (Debian package xvfb; or "
            "QT_QPA_PLATFORM=offscreen mnist-gui to check it starts)").format(display)
    missing = xcb_missing_libraries()
    if missing:
        return missing_libraries_message(missing)
    return None

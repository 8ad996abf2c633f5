"""Before Qt starts, the app checks it can open a window (issue 12): with no display, an X
server that is not there, or libraries missing for Qt's xcb plugin, it prints one line saying
what to do and exits with code 2, instead of Qt's abort (exit code 134) about libxcb-cursor0."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from mnist_gui import display
from mnist_gui.display import (
    chosen_platform,
    debian_package,
    display_problem,
    missing_libraries,
    missing_libraries_message,
    parse_display,
    x_server_reachable,
)

ROOT = Path(__file__).resolve().parents[1]

#: ldd's output for libqxcb.so on a Debian without libxcb-cursor0 and libxcb-icccm4 (abridged).
LDD_OUTPUT = """\
\tlinux-vdso.so.1 (0x00007ffd0f5f2000)
\tlibQt6XcbQpa.so.6 => /venv/PySide6/Qt/lib/libQt6XcbQpa.so.6 (0x00007f6c1c800000)
\tlibxcb-cursor.so.0 => not found
\tlibxcb-icccm.so.4 => not found
\tlibxkbcommon-x11.so.0 => /lib/x86_64-linux-gnu/libxkbcommon-x11.so.0 (0x00007f6c1c7f0000)
\tlibxcb-cursor.so.0 => not found
\tlibc.so.6 => /lib/x86_64-linux-gnu/libc.so.6 (0x00007f6c1c400000)
\t/lib64/ld-linux-x86-64.so.2 (0x00007f6c1ca00000)
"""


def _environment(**changes):
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    env.update(changes)
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    return env


def _run_app(env, *args):
    return subprocess.run([sys.executable, "-m", "mnist_gui", *args], env=env, capture_output=True, text=True,
                          timeout=120, cwd=ROOT, check=False)


def _unused_display_number() -> int:
    n = 4242
    while Path(f"/tmp/.X11-unix/X{n}").exists():
        n += 1
    return n


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the display check is for Linux")
def test_with_no_display_the_app_says_so_in_one_line_and_exits_2():
    result = _run_app(_environment())
    assert result.returncode == 2, result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert "no display" in lines[0] and "xvfb-run -a mnist-gui" in lines[0] and "QT_QPA_PLATFORM=offscreen" in lines[0]
    assert "xcb-cursor" not in result.stderr and result.stdout == ""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the display check is for Linux")
def test_a_display_with_no_x_server_behind_it_says_so_and_exits_2():
    number = _unused_display_number()
    result = _run_app(_environment(DISPLAY=f":{number}"))
    assert result.returncode == 2, result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and f"DISPLAY=:{number}" in lines[0] and "xvfb-run" in lines[0], result.stderr


def test_an_unknown_option_is_refused_with_exit_code_2():
    result = _run_app(_environment(QT_QPA_PLATFORM="offscreen"), "--no-such-option")
    assert result.returncode == 2 and "unrecognized arguments: --no-such-option" in result.stderr


def test_a_chosen_platform_is_left_to_qt():
    assert chosen_platform(["mnist-gui"], {"QT_QPA_PLATFORM": "offscreen"}) == "offscreen"
    assert chosen_platform(["mnist-gui", "-platform", "vnc:size=800x600"], {}) == "vnc"
    assert chosen_platform(["mnist-gui", "--platform=offscreen"], {"QT_QPA_PLATFORM": "xcb"}) == "offscreen"
    assert chosen_platform(["mnist-gui"], {"QT_QPA_PLATFORM": "wayland;xcb"}) == "wayland"
    assert chosen_platform(["mnist-gui"], {"QT_QPA_PLATFORM": ""}) is None
    assert display_problem(["mnist-gui"], {"QT_QPA_PLATFORM": "offscreen"}, "linux") is None
    assert display_problem(["mnist-gui", "-platform", "offscreen"], {}, "linux") is None
    assert display_problem(["mnist-gui"], {}, "win32") is None  # Windows and macOS have their own platform
    assert "no display" in display_problem(["mnist-gui"], {}, "linux")
    # xcb chosen explicitly is still checked: Qt would abort just the same.
    assert "no display" in display_problem(["mnist-gui"], {"QT_QPA_PLATFORM": "xcb"}, "linux")


def test_display_values_are_parsed_as_x_does():
    assert parse_display(":0") == ("", 0)
    assert parse_display(":1.0") == ("", 1)
    assert parse_display("unix:3") == ("", 3)
    assert parse_display("localhost:10.0") == ("localhost", 10)
    assert parse_display("[::1]:2") == ("::1", 2)
    assert parse_display("garbage") is None
    assert x_server_reachable("garbage")  # not understood: left to Qt


def test_a_listening_socket_counts_as_an_x_server(tmp_path):
    import socket

    if not hasattr(socket, "AF_UNIX"):
        pytest.skip("no Unix sockets")
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as server:
        server.bind(str(tmp_path / "X7"))
        server.listen(1)
        assert x_server_reachable(":7", socket_dir=str(tmp_path))
    assert not x_server_reachable(":8", socket_dir=str(tmp_path))


def test_the_missing_libraries_are_read_from_ldd_and_named_with_their_packages():
    assert missing_libraries(LDD_OUTPUT) == ["libxcb-cursor.so.0", "libxcb-icccm.so.4"]
    assert missing_libraries("\tlibc.so.6 => /lib/libc.so.6 (0x1)\n") == []
    message = missing_libraries_message(missing_libraries(LDD_OUTPUT))
    assert "\n" not in message
    assert "libxcb-cursor.so.0, libxcb-icccm.so.4" in message
    assert "sudo apt-get update && sudo apt-get install libxcb-cursor0 libxcb-icccm4" in message
    assert "without sudo" in message


@pytest.mark.parametrize(("library", "package"), [
    ("libxcb-cursor.so.0", "libxcb-cursor0"), ("libxcb-render-util.so.0", "libxcb-render-util0"),
    ("libxkbcommon-x11.so.0", "libxkbcommon-x11-0"), ("libX11-xcb.so.1", "libx11-xcb1"), ("libEGL.so.1", "libegl1"),
    ("libGL.so.1", "libgl1"), ("libfontconfig.so.1", "libfontconfig1"), ("libdbus-1.so.3", "libdbus-1-3"),
    ("libglib-2.0.so.0", "libglib2.0-0"), ("libxcb-xkb.so.1", "libxcb-xkb1")])
def test_debian_package_names(library, package):
    assert debian_package(library) == package


def test_a_display_with_the_xcb_plugin_lacking_libraries_gets_the_apt_line(monkeypatch):
    monkeypatch.setattr(display, "x_server_reachable", lambda value: True)
    monkeypatch.setattr(display, "xcb_missing_libraries", lambda: missing_libraries(LDD_OUTPUT))
    problem = display_problem(["mnist-gui"], {"DISPLAY": ":0"}, "linux")
    assert "libxcb-cursor.so.0" in problem and "apt-get install libxcb-cursor0 libxcb-icccm4" in problem
    monkeypatch.setattr(display, "xcb_missing_libraries", list)
    assert display_problem(["mnist-gui"], {"DISPLAY": ":0"}, "linux") is None


def test_the_xcb_plugin_of_this_install_is_found_and_loads_here():
    plugin = display.xcb_plugin_path()
    if plugin is None:
        pytest.skip("this PySide6 has no xcb plugin")
    assert plugin.name == "libqxcb.so"
    assert display.xcb_missing_libraries(plugin) == []  # this machine has the README's packages


def test_the_readme_apt_line_has_every_x_library_the_xcb_plugin_loads():
    import re
    import shutil

    plugin = display.xcb_plugin_path()
    if plugin is None or shutil.which("ldd") is None:
        pytest.skip("no xcb plugin or no ldd here")
    output = subprocess.run(["ldd", str(plugin)], capture_output=True, text=True, check=True).stdout
    libraries = {m.group(1) for m in re.finditer(r"^\s*(lib(?:xcb|X11|xkbcommon|EGL|GL|fontconfig|dbus|glib)\S*)"
                                                 r"\s+=>", output, re.MULTILINE)}
    libraries -= {"libGLX.so.0", "libGLdispatch.so.0"}  # libgl1's own dependencies
    assert "libxcb-cursor.so.0" in libraries
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for command in ("sudo apt-get update && sudo apt-get install", "\n       apt-get update && apt-get install"):
        start = readme.index(command)
        line = readme[start:readme.index("\n\n", start)]
        missing = sorted(p for p in {debian_package(lib) for lib in libraries} if p not in line.split())
        assert not missing, (command, missing)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the display check is for Linux")
def test_missing_xcb_libraries_are_named_before_qt_aborts(tmp_path):
    """The whole path, with an ``ldd`` on the PATH that reports two libraries missing (as on a
    bare Debian) and an X server that answers (a socket listening where DISPLAY points)."""
    import socket

    if display.xcb_plugin_path() is None:
        pytest.skip("this PySide6 has no xcb plugin")
    fake = tmp_path / "bin"
    fake.mkdir()
    (fake / "ldd").write_text("#!/bin/sh\ncat <<'EOF'\n" + LDD_OUTPUT + "EOF\n", encoding="utf-8")
    (fake / "ldd").chmod(0o755)
    number = _unused_display_number()
    path = f"/tmp/.X11-unix/X{number}"
    if not Path("/tmp/.X11-unix").is_dir():
        pytest.skip("no /tmp/.X11-unix")
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as server:
        try:
            server.bind(path)
        except OSError as exc:
            pytest.skip(f"cannot make an X socket here: {exc}")
        server.listen(1)
        try:
            result = _run_app(_environment(DISPLAY=f":{number}", PATH=f"{fake}{os.pathsep}{os.environ['PATH']}"))
        finally:
            os.unlink(path)
    assert result.returncode == 2, result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert "libxcb-cursor.so.0, libxcb-icccm.so.4" in lines[0]
    assert "sudo apt-get update && sudo apt-get install libxcb-cursor0 libxcb-icccm4" in lines[0]


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the display check is for Linux")
@pytest.mark.parametrize("value", ["garbage", ":abc", "/tmp/.X11-unix/X77"])
def test_a_display_value_that_is_not_a_display_name_says_so_and_exits_2(value):
    """Qt aborted (134) on these, blaming libxcb-cursor0, which was installed."""
    result = _run_app(_environment(DISPLAY=value))
    assert result.returncode == 2, result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and f"DISPLAY={value} is not a display name" in lines[0], result.stderr
    assert "xvfb-run -a mnist-gui" in lines[0] and "xcb-cursor" not in result.stderr


def test_an_empty_display_is_no_display():
    assert "not set, or empty" in display_problem(["mnist-gui"], {"DISPLAY": ""}, "linux")


def test_an_unknown_option_is_refused_before_the_display_is_checked():
    result = _run_app(_environment(), "--bogus")  # no display either: the option is the first thing to say
    assert result.returncode == 2 and "unrecognized arguments: --bogus" in result.stderr, result.stderr
    assert "no display" not in result.stderr


def test_qt_options_still_reach_qt_with_no_display():
    result = _run_app(_environment(), "-style", "Fusion")  # Qt's own option: then the display is the problem
    assert result.returncode == 2 and "no display" in result.stderr, result.stderr

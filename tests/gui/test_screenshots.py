"""tools/screenshots.py makes the README's pictures of the real window: every file, the size
asked for, not blank; a missing translation is a clear exit code 2."""

import importlib.util
from pathlib import Path

import numpy as np
import pytest

ROOT = Path(__file__).resolve().parents[2]
PICTURES = ("draw.png", "browse.png", "confusion.png", "map.png", "train.png")


@pytest.fixture(scope="module")
def screenshots():
    """The script as a module (tools/ is not a package, nor installed)."""
    spec = importlib.util.spec_from_file_location("screenshots", ROOT / "tools" / "screenshots.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _pixels(path: Path) -> np.ndarray:
    from PySide6.QtGui import QImage

    image = QImage(str(path))
    assert not image.isNull(), f"{path.name} is not an image Qt can read"
    image = image.convertToFormat(QImage.Format.Format_Grayscale8)
    rows = np.frombuffer(image.constBits(), np.uint8).reshape(image.height(), image.bytesPerLine())
    return rows[:, :image.width()].copy()


def test_quick_screenshots_are_pngs_of_the_window_size_and_not_blank(qapp, screenshots, tmp_path, capsys):
    assert screenshots.main(["--quick", "--out", str(tmp_path), "--size", "1024x700"]) == 0
    printed = capsys.readouterr().out.split()
    assert printed == [str(tmp_path / name) for name in PICTURES]
    for name in PICTURES:
        path = tmp_path / name
        assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n", name
        pixels = _pixels(path)
        assert pixels.shape == (700, 1024), name
        assert pixels.std() > 20, f"{name} looks blank (grey-level spread {pixels.std():.1f})"
        assert path.stat().st_size < 300_000, f"{name} is {path.stat().st_size:,} bytes; the README's limit is 300 KB"
    # The drawn 4 is there: the canvas (top left, white ink on black) has both.
    canvas = _pixels(tmp_path / "draw.png")[80:340, 15:280]
    assert (canvas < 30).mean() > 0.5 and (canvas > 225).mean() > 0.05


def test_a_language_without_its_translation_exits_2_with_one_line(screenshots, tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(screenshots, "ROOT", tmp_path)  # a clone with no resources/i18n
    assert screenshots.main(["--lang", "fr", "--out", str(tmp_path / "fr")]) == 2
    err = capsys.readouterr().err.strip()
    assert "\n" not in err and "fr" in err and "mnist_gui_fr.qm" in err
    assert not (tmp_path / "fr").exists()


def test_a_bad_size_is_refused_by_the_command_line(screenshots, capsys):
    with pytest.raises(SystemExit) as exit_info:
        screenshots.main(["--size", "640x480"])
    assert exit_info.value.code == 2 and "800x600" in capsys.readouterr().err

"""Render the app's icon, ``resources/icons/mnist-gui.svg``, as PNGs of 16 to 256 pixels
(``resources/icons/mnist-gui-N.png``), with Qt's own SVG renderer (QtSvg, in PySide6-Essentials).

Run it after changing the SVG: ``python tools/render_icons.py``; the PNGs are committed, for
desktops and window managers that take no SVG.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

#: The sizes rendered, in pixels (the freedesktop icon theme's usual ones).
SIZES = (16, 24, 32, 48, 64, 128, 256)

ICONS = Path(__file__).resolve().parents[1] / "resources" / "icons"


def render(svg: Path, size: int):
    """The SVG drawn into a transparent ``size`` x ``size`` QImage (ARGB32, premultiplied)."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise ValueError(f"{svg}: not a valid SVG")
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    return image


def main() -> int:
    """Write every size next to the SVG; returns the exit code."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])  # noqa: F841 (fonts, image plugins)
    svg = ICONS / "mnist-gui.svg"
    for size in SIZES:
        path = ICONS / f"mnist-gui-{size}.png"
        if not render(svg, size).save(str(path)):
            print(f"cannot write {path}", file=sys.stderr)
            return 1
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""pyproject.toml lists every package: a sub-package left out is missing from `pip install .`
although every test, which imports the source tree, still passes (mnist_gui.views once was)."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_every_package_of_the_source_tree_is_installed():
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    listed = set(re.findall(r'"([\w.]+)"', re.search(r"^packages = \[(.*?)\]", text, re.MULTILINE).group(1)))
    found = {".".join(init.parent.relative_to(ROOT).parts)
             for top in ("core", "mnist_gui", "resources") for init in (ROOT / top).rglob("__init__.py")}
    assert found <= listed, f"add {sorted(found - listed)} to [tool.setuptools] packages"

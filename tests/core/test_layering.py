"""core never imports Qt: importing every core module in a fresh interpreter loads neither
PySide6 (nor its shiboken6) nor pyqtgraph."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

IMPORT_NAMED = "import core, core.idx, core.datasets, core.mlp, core.sgd, core.preprocess"

#: Every module in the core package, whatever has been added since (cli, metrics, ...).
IMPORT_ALL = """
import importlib, pkgutil, core
for info in pkgutil.iter_modules(core.__path__, "core."):
    importlib.import_module(info.name)
"""

REPORT = "\nimport json, sys\nprint(json.dumps(sorted(sys.modules)))\n"


@pytest.mark.parametrize("imports", [IMPORT_NAMED, IMPORT_ALL], ids=["named-modules", "every-module"])
def test_core_imports_no_gui_toolkit(imports):
    result = subprocess.run([sys.executable, "-c", imports + REPORT], cwd=ROOT, capture_output=True,
                            text=True, timeout=120, check=False)
    assert result.returncode == 0, result.stderr
    modules = json.loads(result.stdout.strip().splitlines()[-1])
    assert {"core.idx", "core.datasets", "core.mlp", "core.sgd", "core.preprocess", "numpy"} <= set(modules)
    for toolkit in ("PySide6", "pyqtgraph", "shiboken6"):
        loaded = [m for m in modules if m == toolkit or m.startswith(toolkit + ".")]
        assert not loaded, f"importing core loaded {loaded}"


def test_core_is_imported_from_this_checkout():
    result = subprocess.run([sys.executable, "-c", "import core; print(core.__file__)"], cwd=ROOT,
                            capture_output=True, text=True, timeout=60, check=False)
    assert result.returncode == 0, result.stderr
    assert Path(result.stdout.strip()).resolve() == ROOT / "core" / "__init__.py"

"""Where the files bundled with the package live (the ``resources`` package)."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

__all__ = ["default_data_dir", "default_model_path", "icons_dir"]


def _resources() -> Path:
    return Path(str(resources.files("resources")))


def default_data_dir() -> Path:
    """The folder of the bundled MNIST files, ``resources/mnist``."""
    return _resources() / "mnist"


def default_model_path() -> Path:
    """The pretrained model the app starts with, ``resources/default-model.npz``."""
    return _resources() / "default-model.npz"


def icons_dir() -> Path:
    """The folder of the app's icon, ``resources/icons``: ``mnist-gui.svg`` and the PNGs
    ``mnist-gui-N.png`` rendered from it (N from 16 to 256)."""
    return _resources() / "icons"

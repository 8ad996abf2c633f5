"""Shared test set-up: Qt runs offscreen, and the real MNIST data is loaded once."""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest

from core.datasets import load_mnist


@pytest.fixture(scope="session")
def mnist():
    """The bundled MNIST data (train 50,000 / validation 10,000 / test 10,000)."""
    return load_mnist()

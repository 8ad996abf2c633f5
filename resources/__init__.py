"""Data files bundled with mnist-gui: MNIST's four IDX files and the default model.

This is a package only so that ``importlib.resources`` can find the files after a plain
``pip install .``; it holds no code.
"""

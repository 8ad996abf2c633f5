"""Set the number of threads of numpy's BLAS at run time, without new dependencies.

numpy's wheels bundle OpenBLAS (numpy 2 ships ``scipy-openblas64``, whose symbols carry a
``scipy_`` prefix and a ``64_`` suffix). Its thread count is read from ``OPENBLAS_NUM_THREADS``
once, when numpy is imported; after that only OpenBLAS's own ``*_set_num_threads`` function
changes it. This module finds the OpenBLAS that this process has already loaded and calls
that function through ctypes, which is what threadpoolctl does (threadpoolctl is used
instead when it is installed).

Only the library numpy loaded is touched: loading a file that is already loaded returns the
same handle, so no second copy of OpenBLAS is created.
"""

from __future__ import annotations

import ctypes
import glob
import os
import sys

import numpy as np

__all__ = ["BlasThreads"]

#: (setter, getter) symbol pairs, newest numpy first: scipy-openblas64 (numpy >= 2),
#: scipy-openblas32, and the plain OpenBLAS names of older numpy wheels.
_SYMBOLS = (
    ("scipy_openblas_set_num_threads64_", "scipy_openblas_get_num_threads64_"),
    ("scipy_openblas_set_num_threads", "scipy_openblas_get_num_threads"),
    ("openblas_set_num_threads64_", "openblas_get_num_threads64_"),
    ("openblas_set_num_threads", "openblas_get_num_threads"),
)


def _loaded_openblas_paths() -> list[str]:
    """Paths of the OpenBLAS libraries loaded in this process (Linux: /proc/self/maps),
    else those shipped beside numpy (numpy.libs, numpy/.dylibs)."""
    paths: list[str] = []
    try:
        with open("/proc/self/maps") as f:
            for line in f:
                path = line.split()[-1]
                if "openblas" in os.path.basename(path).lower() and path not in paths:
                    paths.append(path)
    except OSError:
        pass
    if not paths:
        root = os.path.dirname(os.path.dirname(np.__file__))
        for pattern in ("numpy.libs/*openblas*", "numpy/.dylibs/*openblas*", "numpy/*openblas*"):
            paths += glob.glob(os.path.join(root, pattern))
    return paths


class BlasThreads:
    """Get and set the thread count of the BLAS numpy uses.

    Attributes
    ----------
    method : str
        How the count is controlled, e.g. ``"ctypes: scipy_openblas_set_num_threads64_ in
        libscipy_openblas64_-....so"``, ``"threadpoolctl"``, or ``"none"`` when neither works
        (then :meth:`set` does nothing and :meth:`get` returns None).
    """

    def __init__(self):
        self._set = self._get = None
        self._controller = None
        self.method = "none"
        try:
            import threadpoolctl  # optional; not a dependency of the project
        except ImportError:
            threadpoolctl = None
        if threadpoolctl is not None:
            self._controller = threadpoolctl.ThreadpoolController().select(user_api="blas")
            if self._controller.lib_controllers:
                self.method = "threadpoolctl"
                return
            self._controller = None
        for path in _loaded_openblas_paths():
            try:
                lib = ctypes.CDLL(path)
            except OSError:
                continue
            for set_name, get_name in _SYMBOLS:
                setter, getter = getattr(lib, set_name, None), getattr(lib, get_name, None)
                if setter is not None and getter is not None:
                    setter.argtypes, setter.restype = [ctypes.c_int], None
                    getter.argtypes, getter.restype = [], ctypes.c_int
                    self._set, self._get = setter, getter
                    self.method = f"ctypes: {set_name} in {os.path.basename(path)}"
                    return

    def get(self) -> int | None:
        """The current thread count, or None if it cannot be controlled."""
        if self._controller is not None:
            return self._controller.info()[0]["num_threads"]
        return self._get() if self._get is not None else None

    def set(self, n: int) -> bool:
        """Use ``n`` threads from now on; True if the library confirms the new count."""
        if self._controller is not None:
            for lib in self._controller.lib_controllers:
                lib.set_num_threads(n)
        elif self._set is not None:
            self._set(int(n))
        return self.get() == n


if __name__ == "__main__":
    blas = BlasThreads()
    print(f"method: {blas.method}; threads now: {blas.get()}", file=sys.stdout)
    for n in (1, os.cpu_count() or 1):
        print(f"set {n}: confirmed {blas.set(n)}, get() = {blas.get()}")

"""Arrays in and out: numpy when installed, plain lists otherwise.

Setting the environment variable LIBFORECAST_NO_NUMPY=1 before the first
import forces the list path (the test runner uses it to exercise both).
"""
import ctypes
import math
import os

from . import _lib

np = None
if os.environ.get("LIBFORECAST_NO_NUMPY", "") in ("", "0"):
    try:
        import numpy as np  # noqa: F811
    except ImportError:  # pragma: no cover - depends on the interpreter
        np = None

NAN = float("nan")


def have_numpy():
    return np is not None


def _to_float(x, i):
    if x is None:
        return NAN
    try:
        return float(x)
    except (TypeError, ValueError):
        raise _lib.InputError("value %d (%r) is not a number" % (i, x)) from None


def as_values(values):
    """A float64 numpy array (no copy when values already is one) or a list
    of floats.  None becomes NaN."""
    if isinstance(values, (str, bytes)):
        raise _lib.InputError("values must be a sequence of numbers, not a string")
    if np is not None:
        if isinstance(values, np.ndarray) and values.dtype == np.float64 and values.ndim == 1:
            return values
        if isinstance(values, np.ndarray):
            if values.ndim != 1:
                raise _lib.InputError("values must be one-dimensional, not shape %s"
                                      % (values.shape,))
            try:
                return values.astype(np.float64)
            except (TypeError, ValueError) as e:
                raise _lib.InputError("values are not numbers: %s" % e) from None
        return np.array([_to_float(x, i) for i, x in enumerate(values)], dtype=np.float64)
    if hasattr(values, "tolist"):          # numpy array handed to the list path
        values = values.tolist()
    return [_to_float(x, i) for i, x in enumerate(values)]


def c_pointer(values):
    """(double pointer, keep-alive object) for values made by as_values.
    numpy arrays are passed without a copy (made contiguous if needed)."""
    if np is not None and isinstance(values, np.ndarray):
        arr = np.ascontiguousarray(values, dtype=np.float64)
        return arr.ctypes.data_as(_lib.c_double_p), arr
    buf = (ctypes.c_double * max(len(values), 1))(*values)
    return ctypes.cast(buf, _lib.c_double_p), buf


def from_pointer(ptr, n):
    """Copies n doubles owned by the C library into a new array/list."""
    if n == 0:
        return np.empty(0) if np is not None else []
    if np is not None:
        return np.ctypeslib.as_array(ptr, shape=(n,)).copy()
    return ptr[:n]


def from_list(xs):
    """A result array from a Python list of floats."""
    if np is not None:
        return np.array(xs, dtype=np.float64)
    return [float(x) for x in xs]


def empty(n):
    """(array, pointer, keep-alive) of n doubles for the C library to fill."""
    if np is not None:
        arr = np.full(n, NAN)
        return arr, arr.ctypes.data_as(_lib.c_double_p), arr
    buf = (ctypes.c_double * max(n, 1))()
    return buf, ctypes.cast(buf, _lib.c_double_p), buf


def finish(arr, n):
    """Turns an output buffer from empty() into the result array/list."""
    if np is not None:
        return arr
    return list(arr[:n])


def isnan(x):
    return x is None or (isinstance(x, float) and math.isnan(x))

"""Loading the shared library, the C struct layouts and error translation.

Everything that knows about ctypes lives here; the public modules call
``call(name, *args)`` and get Python exceptions carrying the C library's
``fc_error`` message.
"""
import ctypes
import ctypes.util
import os
import threading

# ------------------------------------------------------------------ structs
# Layouts copied field by field from include/forecast/core.h.

FC_ERROR_MESSAGE_SIZE = 512


class FcError(ctypes.Structure):
    """fc_error: {fc_status status; char message[512]} (fc_status is an int-sized enum)."""
    _fields_ = [("status", ctypes.c_int),
                ("message", ctypes.c_char * FC_ERROR_MESSAGE_SIZE)]


class FcPeriod(ctypes.Structure):
    """fc_period: {int year; int sub}."""
    _fields_ = [("year", ctypes.c_int), ("sub", ctypes.c_int)]


class FcSeries(ctypes.Structure):
    """fc_series: {size_t n; int freq; fc_period start; double *values; char *name}."""
    _fields_ = [("n", ctypes.c_size_t),
                ("freq", ctypes.c_int),
                ("start", FcPeriod),
                ("values", ctypes.POINTER(ctypes.c_double)),
                ("name", ctypes.c_char_p)]


class FcSeriesList(ctypes.Structure):
    """fc_series_list: {size_t count; fc_series **items}."""
    _fields_ = [("count", ctypes.c_size_t),
                ("items", ctypes.POINTER(ctypes.POINTER(FcSeries)))]


# ------------------------------------------------------------------- errors
STATUS_NAMES = ["FC_OK", "FC_EINVAL", "FC_ENOMEM", "FC_EMISSING", "FC_ESHORT",
                "FC_EFREQ", "FC_EPARSE", "FC_EIO", "FC_EDOMAIN", "FC_ESINGULAR",
                "FC_ENOCONV", "FC_ENUMERIC", "FC_ERANGE"]
_NUMERIC = {9, 10, 11}   # FC_ESINGULAR, FC_ENOCONV, FC_ENUMERIC
_IO = 7                  # FC_EIO
_NOMEM = 2               # FC_ENOMEM


class LibforecastError(Exception):
    """An error reported by libforecast.

    ``status`` is the C status code (int), ``status_name`` its enum name
    (e.g. "FC_ESHORT") and ``message`` the library's explanation.
    """

    def __init__(self, message, status=None):
        super().__init__(message)
        self.message = message
        self.status = status
        self.status_name = (STATUS_NAMES[status]
                            if status is not None and 0 <= status < len(STATUS_NAMES)
                            else None)


class InputError(LibforecastError, ValueError):
    """Bad input: invalid argument, missing values, too short, wrong
    frequency, unparsable text, value outside the method's domain, period
    outside the series."""


class NumericalError(LibforecastError, ArithmeticError):
    """Numerical failure: singular system, no convergence, non-finite result."""


class LibforecastIOError(LibforecastError, OSError):
    """A file could not be read or written."""


class LibraryNotFoundError(LibforecastError, OSError):
    """The shared library libforecast.so could not be loaded."""


def error_for(status, message):
    """The exception instance for a C status and message."""
    if not message:
        message = STATUS_NAMES[status] if 0 <= status < len(STATUS_NAMES) else "status %d" % status
    if status in _NUMERIC:
        return NumericalError(message, status)
    if status == _IO:
        return LibforecastIOError(message, status)
    if status == _NOMEM:
        return LibforecastError(message, status)
    return InputError(message, status)


# ------------------------------------------------------------------ loading
_LIB_NAMES = ("libforecast.so", "libforecast.so.0")
_lock = threading.Lock()
_lib = None


def _candidates():
    """(where, path) pairs in lookup order: next to the package, then
    LIBFORECAST_LIB, then the system library path."""
    here = os.path.dirname(os.path.abspath(__file__))
    for name in _LIB_NAMES:
        yield "next to the package", os.path.join(here, name)
    env = os.environ.get("LIBFORECAST_LIB")
    if env:
        yield "LIBFORECAST_LIB", env
    found = ctypes.util.find_library("forecast")
    if found:
        yield "system library path", found
    yield "system library path", "libforecast.so.0"


def _load():
    tried = []
    for where, path in _candidates():
        if where == "next to the package" and not os.path.exists(path):
            tried.append("%s: %s (no such file)" % (where, path))
            continue
        try:
            return ctypes.CDLL(path)
        except OSError as e:
            tried.append("%s: %s (%s)" % (where, path, e))
    if not os.environ.get("LIBFORECAST_LIB"):
        tried.append("LIBFORECAST_LIB: not set")
    raise LibraryNotFoundError(
        "cannot load libforecast; tried, in order, (1) next to the package, "
        "(2) the LIBFORECAST_LIB environment variable, (3) the system library "
        "path:\n  " + "\n  ".join(tried) +
        "\nBuild it with `make` and set LIBFORECAST_LIB=/path/to/build/libforecast.so, "
        "or run `make install` (then ldconfig) so that the system finds libforecast.so.0.")


def lib():
    """The loaded ctypes.CDLL (loaded once, on first use)."""
    global _lib
    if _lib is None:
        with _lock:
            if _lib is None:
                _lib = _load()
    return _lib


def library_path():
    """File name of the loaded library (for diagnostics)."""
    return lib()._name


# Signatures: name -> (restype, argtypes).  A symbol the loaded library does
# not export raises a clear error when first called, so that the package keeps
# working against an older build that lacks a module.
_SIGS = {}
_funcs = {}


def declare(name, restype, *argtypes):
    """Registers the C signature of name (argtypes exclude nothing)."""
    _SIGS[name] = (restype, list(argtypes))


def fn(name):
    """The ctypes function object for name, with its declared signature."""
    f = _funcs.get(name)
    if f is not None:
        return f
    L = lib()
    try:
        f = getattr(L, name)
    except AttributeError:
        raise LibforecastError(
            "the loaded libforecast (%s, version %s) does not export %s; "
            "rebuild it from a newer source tree" % (L._name, version(), name)) from None
    restype, argtypes = _SIGS[name]
    f.restype = restype
    f.argtypes = argtypes
    _funcs[name] = f
    return f


def has(name):
    """True when the loaded library exports name."""
    return hasattr(lib(), name)


def call(name, *args):
    """Calls a fallible C function whose last parameter is fc_error *,
    raising the matching exception when it does not return FC_OK."""
    err = FcError()
    status = fn(name)(*args, ctypes.byref(err))
    if status != 0:
        raise error_for(status, err.message.decode("utf-8", "replace"))
    return status


def version():
    f = lib().fc_version
    f.restype = ctypes.c_char_p
    f.argtypes = []
    return f().decode()


c_double_p = ctypes.POINTER(ctypes.c_double)
c_series_p = ctypes.POINTER(FcSeries)
c_series_pp = ctypes.POINTER(c_series_p)

# core.h
declare("fc_strerror", ctypes.c_char_p, ctypes.c_int)
declare("fc_period_parse", ctypes.c_int, ctypes.c_char_p, ctypes.POINTER(FcPeriod),
        ctypes.POINTER(ctypes.c_int), ctypes.POINTER(FcError))
declare("fc_period_format", ctypes.c_int, FcPeriod, ctypes.c_int, ctypes.c_char_p,
        ctypes.c_size_t)
declare("fc_series_from_array", ctypes.c_int, c_double_p, ctypes.c_size_t, ctypes.c_int,
        FcPeriod, c_series_pp, ctypes.POINTER(FcError))
declare("fc_series_free", None, c_series_p)
# io.h
declare("fc_csv_read_file", ctypes.c_int, ctypes.c_char_p,
        ctypes.POINTER(ctypes.POINTER(FcSeriesList)), ctypes.POINTER(FcError))
declare("fc_csv_read_buffer", ctypes.c_int, ctypes.c_char_p, ctypes.c_size_t, ctypes.c_char_p,
        ctypes.POINTER(ctypes.POINTER(FcSeriesList)), ctypes.POINTER(FcError))
declare("fc_series_list_free", None, ctypes.POINTER(FcSeriesList))

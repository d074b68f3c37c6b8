"""Unit-root and seasonality tests used by automatic model choice
(unitroot.c): KPSS, ndiffs, seasonal strength, nsdiffs."""
import ctypes

from . import _lib
from .series import Series, as_series

_E = ctypes.POINTER(_lib.FcError)


class _Kpss(ctypes.Structure):
    _fields_ = [("statistic", ctypes.c_double), ("p_value", ctypes.c_double),
                ("lag", ctypes.c_size_t)]


class _NdiffsOptions(ctypes.Structure):
    _fields_ = [("alpha", ctypes.c_double), ("max_d", ctypes.c_int), ("type", ctypes.c_int)]


class _NsdiffsOptions(ctypes.Structure):
    _fields_ = [("threshold", ctypes.c_double), ("max_D", ctypes.c_int)]


_lib.declare("fc_kpss_test", ctypes.c_int, _lib.c_double_p, ctypes.c_size_t, ctypes.c_int,
             ctypes.c_long, ctypes.POINTER(_Kpss), _E)
_lib.declare("fc_ndiffs_options_default", _NdiffsOptions)
_lib.declare("fc_ndiffs", ctypes.c_int, _lib.c_double_p, ctypes.c_size_t,
             ctypes.POINTER(_NdiffsOptions), ctypes.POINTER(ctypes.c_int), _E)
_lib.declare("fc_seasonal_strength", ctypes.c_int, _lib.c_double_p, ctypes.c_size_t,
             ctypes.c_int, ctypes.POINTER(ctypes.c_double), _E)
_lib.declare("fc_nsdiffs_options_default", _NsdiffsOptions)
_lib.declare("fc_nsdiffs", ctypes.c_int, _lib.c_double_p, ctypes.c_size_t, ctypes.c_int,
             ctypes.POINTER(_NsdiffsOptions), ctypes.POINTER(ctypes.c_int), _E)

_KPSS_TYPES = {"level": 0, "mu": 0, "trend": 1, "tau": 1}
_KPSS_LAGS = {"ndiffs": -1, "short": -2}


def _values(s):
    if isinstance(s, Series):
        return s
    return as_series(s) if not isinstance(s, (list, tuple)) else Series(s, start=(1, 1), freq=12)


def kpss(s, type="level", lag="ndiffs"):
    """KPSS stationarity test as urca::ur.kpss: returns (statistic, p_value,
    lag).  type "level" or "trend"; lag an integer or "ndiffs" / "short"."""
    if type not in _KPSS_TYPES:
        raise _lib.InputError("type must be \"level\" or \"trend\", not %r" % (type,))
    if isinstance(lag, str):
        if lag not in _KPSS_LAGS:
            raise _lib.InputError("lag must be an integer, \"ndiffs\" or \"short\", not %r" % lag)
        lag = _KPSS_LAGS[lag]
    elif not isinstance(lag, int) or lag < 0:
        raise _lib.InputError("lag must be a non-negative integer, not %r" % (lag,))
    s = _values(s)
    cs, keep = s._c()
    r = _Kpss()
    _lib.call("fc_kpss_test", cs.values, cs.n, _KPSS_TYPES[type], lag, ctypes.byref(r))
    return r.statistic, r.p_value, r.lag


def ndiffs(s, alpha=0.05, max_d=2, type="level"):
    """Number of first differences as forecast::ndiffs(x, test = "kpss")."""
    s = _values(s)
    opt = _lib.fn("fc_ndiffs_options_default")()
    opt.alpha, opt.max_d, opt.type = float(alpha), int(max_d), _KPSS_TYPES.get(type, -1)
    if opt.type < 0:
        raise _lib.InputError("type must be \"level\" or \"trend\", not %r" % (type,))
    cs, keep = s._c()
    d = ctypes.c_int()
    _lib.call("fc_ndiffs", cs.values, cs.n, ctypes.byref(opt), ctypes.byref(d))
    return d.value


def seasonal_strength(s, period=None):
    """Strength of seasonality in [0, 1] (Wang, Smith & Hyndman 2006)."""
    s = _values(s)
    cs, keep = s._c()
    x = ctypes.c_double()
    _lib.call("fc_seasonal_strength", cs.values, cs.n, int(period or s.freq), ctypes.byref(x))
    return x.value


def nsdiffs(s, period=None, threshold=0.64, max_D=1):
    """Number of seasonal differences as forecast::nsdiffs(x, test = "seas")."""
    s = _values(s)
    opt = _lib.fn("fc_nsdiffs_options_default")()
    opt.threshold, opt.max_D = float(threshold), int(max_D)
    cs, keep = s._c()
    D = ctypes.c_int()
    _lib.call("fc_nsdiffs", cs.values, cs.n, int(period or s.freq), ctypes.byref(opt),
              ctypes.byref(D))
    return D.value

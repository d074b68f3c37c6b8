"""Automatic SARIMA choice (autoarima.c): Hyndman & Khandakar's search as
R's forecast::auto.arima, with an X-13-style log/level test."""
import ctypes
import importlib

from . import _lib
from .series import as_series

_arima = importlib.import_module(__name__.rsplit(".", 1)[0] + ".arima")
_E = ctypes.POINTER(_lib.FcError)


class _AutoOptions(ctypes.Structure):
    _fields_ = ([(k, ctypes.c_int) for k in ("max_p", "max_q", "max_P", "max_Q", "max_order",
                                              "max_d", "max_D", "start_p", "start_q", "start_P",
                                              "start_Q", "d", "D", "stepwise", "seasonal",
                                              "allow_mean", "allow_drift", "ic")] +
                [("max_models", ctypes.c_size_t), ("transform", ctypes.c_int),
                 ("approximation", ctypes.c_int), ("log_aicdiff", ctypes.c_double)])


class _AutoReport(ctypes.Structure):
    _fields_ = [("order", _arima._Order), ("constant", ctypes.c_int),
                ("transform", ctypes.c_int), ("ic", ctypes.c_double),
                ("aicc_level", ctypes.c_double), ("aicc_log", ctypes.c_double),
                ("models_fitted", ctypes.c_size_t), ("models_failed", ctypes.c_size_t),
                ("fallback", ctypes.c_int), ("note", ctypes.c_char * 256)]


_lib.declare("fc_auto_options_default", _AutoOptions)
_lib.declare("fc_auto_arima", ctypes.c_int, _lib.c_series_p, ctypes.POINTER(_AutoOptions),
             ctypes.POINTER(_arima._MP), ctypes.POINTER(_AutoReport), _E)

_IC = {"aicc": 0, "aic": 1, "bic": 2}
_TRANSFORM = {None: 0, "none": 0, "log": 1, "auto": 2}
_FALLBACK = {0: None, 1: "constant", 2: "polynomial", 3: "simpler"}
_INT_OPTIONS = ("max_p", "max_q", "max_P", "max_Q", "max_order", "max_d", "max_D", "start_p",
                "start_q", "start_P", "start_Q")


def auto_arima(s, transform="none", ic="aicc", stepwise=True, seasonal=True, d=None, D=None,
               allow_mean=True, allow_drift=True, approximation=None, **limits):
    """Chooses and fits a SARIMA as R's forecast::auto.arima (stepwise by
    default, AICc).  transform "none" (R's default), "log", or "auto" (X-13's
    log/level test).  d, D fix the differencing (None: unit-root tests);
    approximation None decides as R (CSS search when n > 150).  limits:
    max_p, max_q, max_P, max_Q, max_order, max_d, max_D, start_p ... as R.

    Returns an ArimaModel (print it, .forecast(h)) whose .report says what
    was searched: models_fitted, models_failed, ic, transform, fallback, note."""
    s = as_series(s)
    opt = _lib.fn("fc_auto_options_default")()
    if ic not in _IC:
        raise _lib.InputError("ic must be \"aicc\", \"aic\" or \"bic\", not %r" % (ic,))
    if transform not in _TRANSFORM:
        raise _lib.InputError("transform must be \"none\", \"log\" or \"auto\", not %r"
                              % (transform,))
    opt.ic, opt.transform = _IC[ic], _TRANSFORM[transform]
    opt.stepwise, opt.seasonal = int(bool(stepwise)), int(bool(seasonal))
    opt.allow_mean, opt.allow_drift = int(bool(allow_mean)), int(bool(allow_drift))
    opt.d = -1 if d is None else int(d)
    opt.D = -1 if D is None else int(D)
    opt.approximation = -1 if approximation is None else int(bool(approximation))
    for k, v in limits.items():
        if k not in _INT_OPTIONS:
            raise _lib.InputError("unknown auto_arima option %r (known: %s)"
                                  % (k, ", ".join(_INT_OPTIONS)))
        if not isinstance(v, int) or v < 0:
            raise _lib.InputError("%s must be a non-negative integer, not %r" % (k, v))
        setattr(opt, k, v)
    cs, keep = s._c()
    out = _arima._MP()
    rep = _AutoReport()
    _lib.call("fc_auto_arima", ctypes.byref(cs), ctypes.byref(opt), ctypes.byref(out),
              ctypes.byref(rep))
    m = _arima.ArimaModel(out, s, {})
    m.report = {"ic": rep.ic, "constant": bool(rep.constant),
                "transform": {0: "none", 1: "log", 2: "boxcox"}.get(rep.transform),
                "aicc_level": rep.aicc_level, "aicc_log": rep.aicc_log,
                "models_fitted": rep.models_fitted, "models_failed": rep.models_failed,
                "fallback": _FALLBACK.get(rep.fallback), "note": rep.note.decode("utf-8",
                                                                                "replace")}
    return m

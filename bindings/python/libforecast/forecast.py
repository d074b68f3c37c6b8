"""Forecast results (mean, intervals, dates) and the Theta method."""
import ctypes

from . import _arrays, _lib
from .series import Series, as_series, format_period, period_add

_E = ctypes.POINTER(_lib.FcError)


class Forecast:
    """Point forecasts .mean over .dates (the h periods after .history),
    with prediction intervals .lower[level] / .upper[level] (level in
    percent, e.g. 80, 95).  Arrays are numpy arrays when numpy is installed,
    lists otherwise."""

    def __init__(self, history, mean, lower=None, upper=None, method="", se=None):
        self.history = history
        self.mean = mean
        self.lower = dict(lower or {})
        self.upper = dict(upper or {})
        self.levels = tuple(sorted(self.lower))
        self.method = method
        self.se = se
        y, s = period_add(history.end[0], history.end[1], history.freq, 1)
        self.start = (y, s)
        self.freq = history.freq
        self.dates = [format_period(*period_add(y, s, history.freq, i), history.freq)
                      for i in range(len(mean))]

    def __len__(self):
        return len(self.mean)

    def series(self, which="mean"):
        """The forecasts (or "lower80", "upper95", ...) as a Series."""
        if which == "mean":
            values = self.mean
        else:
            side, level = which[:5], float(which[5:])
            values = (self.lower if side == "lower" else self.upper)[_level_key(self, level)]
        return Series(values, start=self.start, freq=self.freq, name=which)

    def to_pandas(self):
        """DataFrame with columns mean, lo80, hi80, ... (needs pandas)."""
        import pandas as pd
        cols = {"mean": list(self.mean)}
        for lv in self.levels:
            cols["lo%g" % lv] = list(self.lower[lv])
            cols["hi%g" % lv] = list(self.upper[lv])
        return pd.DataFrame(cols, index=self.series().to_pandas().index)

    def __repr__(self):
        head = ["%-8s %12s" % ("", "Point Forecast")]
        for lv in self.levels:
            head.append("%10s %10s" % ("Lo %g" % lv, "Hi %g" % lv))
        lines = ["%s forecasts of %s" % (self.method or "Forecast",
                                        "'%s'" % self.history.name if self.history.name
                                        else "series"),
                 " ".join(head)]
        for i, d in enumerate(self.dates):
            row = ["%-8s %14.6g" % (d, self.mean[i])]
            for lv in self.levels:
                row.append("%10.6g %10.6g" % (self.lower[lv][i], self.upper[lv][i]))
            lines.append(" ".join(row))
        return "\n".join(lines)

    def plot(self, ax=None, include=None, **kwargs):
        """History and forecasts with a fan of the intervals (needs matplotlib).
        include: number of history periods shown (default all)."""
        from . import plot
        return plot.plot_forecast(self, ax=ax, include=include, **kwargs)


def _level_key(f, level):
    for lv in f.levels:
        if abs(lv - level) < 1e-9:
            return lv
    raise KeyError("no %g%% interval (levels: %s)" % (level, list(f.levels)))


class _ThetaInfo(ctypes.Structure):
    _fields_ = [("seasonal", ctypes.c_int), ("alpha", ctypes.c_double),
                ("level0", ctypes.c_double), ("level", ctypes.c_double),
                ("drift", ctypes.c_double), ("mse", ctypes.c_double)]


_lib.declare("fc_theta_forecast", ctypes.c_int, _lib.c_series_p, ctypes.c_size_t,
             _lib.c_double_p, ctypes.POINTER(_ThetaInfo), _E)


def theta(s, h=12):
    """Theta method forecasts (Hyndman & Billah 2003), as R's
    forecast::thetaf point forecasts.  Returns a Forecast (no intervals)
    with .info: seasonal, alpha, level0, level, drift, mse."""
    s = as_series(s)
    h = _horizon(h)
    cs, keep = s._c()
    arr, ptr, buf = _arrays.empty(h)
    info = _ThetaInfo()
    _lib.call("fc_theta_forecast", ctypes.byref(cs), h, ptr, ctypes.byref(info))
    f = Forecast(s, _arrays.finish(arr, h), method="Theta")
    f.info = {k: getattr(info, k) for k, _ in _ThetaInfo._fields_}
    f.info["seasonal"] = bool(info.seasonal)
    return f


def _horizon(h):
    if not isinstance(h, int) or isinstance(h, bool) or h < 1:
        raise _lib.InputError("h must be a positive integer, not %r" % (h,))
    return h

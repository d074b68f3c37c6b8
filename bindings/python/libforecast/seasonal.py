"""Seasonal adjustment: STL (stl.c) and X-11 (x11.c) decompositions."""
import ctypes

from . import _arrays, _lib
from .series import Series, as_series

_E = ctypes.POINTER(_lib.FcError)
_DEFAULT = -1   # FC_STL_DEFAULT


class _StlOptions(ctypes.Structure):
    _fields_ = [("period", ctypes.c_int), ("periodic", ctypes.c_int),
                ("s_window", ctypes.c_size_t), ("s_degree", ctypes.c_int),
                ("t_window", ctypes.c_size_t), ("t_degree", ctypes.c_int),
                ("l_window", ctypes.c_size_t), ("l_degree", ctypes.c_int),
                ("s_jump", ctypes.c_size_t), ("t_jump", ctypes.c_size_t),
                ("l_jump", ctypes.c_size_t), ("robust", ctypes.c_int),
                ("inner", ctypes.c_int), ("outer", ctypes.c_int)]


class _StlResult(ctypes.Structure):
    _fields_ = [("n", ctypes.c_size_t), ("capacity", ctypes.c_size_t),
                ("seasonal", _lib.c_double_p), ("trend", _lib.c_double_p),
                ("remainder", _lib.c_double_p), ("weights", _lib.c_double_p),
                ("period", ctypes.c_int), ("periodic", ctypes.c_int),
                ("s_window", ctypes.c_size_t), ("t_window", ctypes.c_size_t),
                ("l_window", ctypes.c_size_t),
                ("s_degree", ctypes.c_int), ("t_degree", ctypes.c_int),
                ("l_degree", ctypes.c_int),
                ("s_jump", ctypes.c_size_t), ("t_jump", ctypes.c_size_t),
                ("l_jump", ctypes.c_size_t),
                ("inner", ctypes.c_int), ("outer", ctypes.c_int),
                ("n_missing", ctypes.c_size_t)]


_lib.declare("fc_stl_options_default", _StlOptions)
_lib.declare("fc_stl_series", ctypes.c_int, _lib.c_series_p, ctypes.POINTER(_StlOptions),
             ctypes.POINTER(ctypes.POINTER(_StlResult)), _E)
_lib.declare("fc_stl_result_free", None, ctypes.POINTER(_StlResult))


class Decomposition:
    """A seasonal decomposition of .original (a Series): arrays .seasonal,
    .trend, .irregular and .adjusted over .dates.  Additive (STL, X-11
    additive: original = seasonal + trend + irregular, adjusted = original -
    seasonal) or multiplicative (X-11 mult: factors, adjusted = original /
    seasonal).  .params holds the parameters actually used."""

    def __init__(self, method, original, seasonal, trend, irregular, adjusted, mode,
                 params=None, extra=None):
        self.method = method
        self.original = original
        self.dates = original.dates
        self.seasonal = seasonal
        self.trend = trend
        self.irregular = irregular
        self.adjusted = adjusted
        self.mode = mode
        self.params = params or {}
        for k, v in (extra or {}).items():
            setattr(self, k, v)

    def __len__(self):
        return len(self.dates)

    def component(self, name):
        """A component as a Series with the original's dates."""
        return Series(getattr(self, name), start=self.original.start, freq=self.original.freq,
                      name=name)

    def to_pandas(self):
        """DataFrame with columns original, seasonal, trend, irregular, adjusted."""
        import pandas as pd
        idx = self.original.to_pandas().index
        return pd.DataFrame({k: list(getattr(self, k)) if k != "original"
                             else list(self.original.values)
                             for k in ("original", "seasonal", "trend", "irregular", "adjusted")},
                            index=idx)

    def __repr__(self, last=6):
        p = ", ".join("%s=%s" % kv for kv in sorted(self.params.items()))
        lines = ["%s decomposition (%s) of %s, %d periods%s" % (
            self.method.upper(), self.mode,
            "'%s'" % self.original.name if self.original.name else "series", len(self),
            "; " + p if p else ""),
            "%-8s %12s %12s %12s %12s %12s" % ("date", "original", "seasonal", "trend",
                                                "irregular", "adjusted")]
        n = len(self)
        for i in range(max(0, n - last), n):
            lines.append("%-8s %12.6g %12.6g %12.6g %12.6g %12.6g" % (
                self.dates[i], self.original.values[i], self.seasonal[i], self.trend[i],
                self.irregular[i], self.adjusted[i]))
        return "\n".join(lines)

    def plot(self, fig=None, **kwargs):
        """Three panels: original/adjusted/trend, seasonal, irregular (needs matplotlib)."""
        from . import plot
        return plot.plot_decomposition(self, fig=fig, **kwargs)


def _size(name, v):
    if v is None:
        return 0
    if not isinstance(v, int) or v < 1:
        raise _lib.InputError("%s must be a positive integer, not %r" % (name, v))
    return v


def stl(s, period=None, s_window=None, robust=False, s_degree=0, t_window=None, t_degree=1,
        l_window=None, l_degree=None, s_jump=None, t_jump=None, l_jump=None, inner=None,
        outer=None):
    """STL decomposition (Cleveland et al. 1990) as R's stats::stl.

    s_window is the seasonal span in years (an odd integer) or "periodic";
    it is required, as in R.  period defaults to the series frequency.
    Other arguments as R's stl (None = R's default).  Missing values inside
    the series are accepted.  Returns a Decomposition (additive): .seasonal
    .trend .irregular (R's remainder) .adjusted (original - seasonal), and
    .weights (robustness weights).
    """
    s = as_series(s)
    opt = _lib.fn("fc_stl_options_default")()
    opt.period = 0 if period is None else int(period)
    if s_window is None:
        raise _lib.InputError("stl needs s_window: an odd number of years (e.g. 7) or "
                              "\"periodic\"")
    if s_window == "periodic":
        opt.periodic = 1
    elif isinstance(s_window, str):
        raise _lib.InputError("s_window must be an integer or \"periodic\", not %r" % s_window)
    else:
        opt.s_window = _size("s_window", s_window)
    opt.s_degree = int(s_degree)
    opt.t_window = _size("t_window", t_window)
    opt.t_degree = int(t_degree)
    opt.l_window = _size("l_window", l_window)
    opt.l_degree = _DEFAULT if l_degree is None else int(l_degree)
    opt.s_jump = _size("s_jump", s_jump)
    opt.t_jump = _size("t_jump", t_jump)
    opt.l_jump = _size("l_jump", l_jump)
    opt.robust = 1 if robust else 0
    opt.inner = _DEFAULT if inner is None else int(inner)
    opt.outer = _DEFAULT if outer is None else int(outer)
    cs, keep = s._c()
    out = ctypes.POINTER(_StlResult)()
    _lib.call("fc_stl_series", ctypes.byref(cs), ctypes.byref(opt), ctypes.byref(out))
    try:
        r = out.contents
        n = r.n
        seasonal = _arrays.from_pointer(r.seasonal, n)
        trend = _arrays.from_pointer(r.trend, n)
        remainder = _arrays.from_pointer(r.remainder, n)
        weights = _arrays.from_pointer(r.weights, n)
        params = {k: getattr(r, k) for k in ("period", "s_window", "t_window", "l_window",
                                             "s_degree", "t_degree", "l_degree", "inner",
                                             "outer")}
        params["periodic"] = bool(r.periodic)
    finally:
        _lib.fn("fc_stl_result_free")(out)
    adjusted = _subtract(s.values, seasonal)
    return Decomposition("stl", s, seasonal, trend, remainder, adjusted, "additive", params,
                         {"weights": weights, "remainder": remainder})


def _subtract(a, b):
    if _arrays.have_numpy():
        return _arrays.np.asarray(a, dtype=float) - b
    return [x - y for x, y in zip(a, b)]


# -------------------------------------------------------------------
class _X11Options(ctypes.Structure):
    _fields_ = [("mode", ctypes.c_int), ("seasonalma", ctypes.c_int), ("trendma", ctypes.c_int),
                ("sigma_lower", ctypes.c_double), ("sigma_upper", ctypes.c_double),
                ("nforecast", ctypes.c_size_t), ("nbackcast", ctypes.c_size_t)]


_X11_TABLES = ("b1", "c17", "d8", "d9", "d10", "d11", "d12", "d13", "d16", "d9_modified_si",
               "c20")


class _X11Result(ctypes.Structure):
    _fields_ = ([("n", ctypes.c_size_t), ("freq", ctypes.c_int), ("start", _lib.FcPeriod),
                 ("mode", ctypes.c_int)] +
                [(t, _lib.c_double_p) for t in _X11_TABLES] +
                [("d10_ahead", ctypes.c_double * 12), ("d10_filter", ctypes.c_int),
                 ("msr", ctypes.c_double), ("msr_full", ctypes.c_double),
                 ("henderson_d12", ctypes.c_int),
                 ("ic_ratio_d12", ctypes.c_double)])


_DIAG_DOUBLES = ("f_stable", "p_stable", "kruskal_wallis", "p_kruskal_wallis", "f_moving",
                 "p_moving")


class _X11Diagnostics(ctypes.Structure):
    _fields_ = ([("m", ctypes.c_double * 11), ("nm", ctypes.c_int), ("q", ctypes.c_double),
                 ("q_m2", ctypes.c_double), ("nfail", ctypes.c_int)] +
                [(k, ctypes.c_double) for k in _DIAG_DOUBLES] +
                [("identifiable", ctypes.c_int), ("f_residual", ctypes.c_double),
                 ("p_residual", ctypes.c_double), ("f_residual_3y", ctypes.c_double),
                 ("p_residual_3y", ctypes.c_double), ("ic_ratio", ctypes.c_double),
                 ("is_ratio", ctypes.c_double), ("adr_irregular", ctypes.c_double),
                 ("mcd", ctypes.c_int), ("var_i", ctypes.c_double), ("var_c", ctypes.c_double),
                 ("var_s", ctypes.c_double), ("var_total", ctypes.c_double)])


_lib.declare("fc_x11_options_default", None, ctypes.POINTER(_X11Options))
_lib.declare("fc_x11", ctypes.c_int, _lib.c_series_p, ctypes.POINTER(_X11Options),
             ctypes.POINTER(ctypes.POINTER(_X11Result)), _E)
_lib.declare("fc_x11_result_free", None, ctypes.POINTER(_X11Result))
_lib.declare("fc_seasonal_filter_name", ctypes.c_char_p, ctypes.c_int)
_lib.declare("fc_x11_diagnose", ctypes.c_int, ctypes.POINTER(_X11Result),
             ctypes.POINTER(_X11Diagnostics), _E)
_SEASONALITY = {0: "absent", 1: "probably absent", 2: "present"}


def _diagnostics(out):
    """X-13's quality statistics of a run, or None when X-13 would print none."""
    if not _lib.has("fc_x11_diagnose"):
        return None
    d = _X11Diagnostics()
    try:
        _lib.call("fc_x11_diagnose", out, ctypes.byref(d))
    except _lib.NumericalError:
        return None
    res = {k: getattr(d, k) for k, _ in _X11Diagnostics._fields_ if k != "m"}
    res["m"] = list(d.m[:11])
    res["identifiable"] = _SEASONALITY.get(d.identifiable, d.identifiable)
    return res

_X11_MODES = {"mult": 0, "add": 1, "logadd": 2, "pseudoadd": 3}
_X11_SMA = {"msr": 0, "3x1": 1, "3x3": 2, "3x5": 3, "3x9": 4, "3x15": 5, "stable": 6,
            "x11default": 7}


def _choice(name, value, table):
    key = value.lower() if isinstance(value, str) else value
    if isinstance(key, str) and key.startswith("s3x"):
        key = key[1:]                         # X-13 spelling: s3x5
    if key not in table:
        raise _lib.InputError("%s must be one of %s, not %r"
                              % (name, ", ".join(table), value))
    return table[key]


def x11(s, mode="mult", seasonalma="msr", trendma=None, sigmalim=(1.5, 2.5)):
    """X-11 seasonal adjustment as X-13ARIMA-SEATS computes it (plain X-11,
    no regARIMA).  mode "mult" (default), "add", "logadd" or "pseudoadd";
    seasonalma "msr" (X-13's automatic choice), "3x3", "3x5", "3x9",
    "3x15", "stable", ...; trendma an odd Henderson length or None
    (automatic); sigmalim the extreme-value limits.

    Returns a Decomposition: .seasonal = D10, .adjusted = D11, .trend = D12,
    .irregular = D13 (factors for multiplicative modes, not percent), and
    .tables with every saved table (b1, c17, c20, d8, d9, d10 ... d16), .msr,
    .henderson (D12 length), .seasonal_filter (D10 filter) and .diagnostics
    (M1-M11, Q, F-tests as X-13's tables F2/F3; None when undefined)."""
    s = as_series(s)
    opt = _X11Options()
    _lib.fn("fc_x11_options_default")(ctypes.byref(opt))
    opt.mode = _choice("mode", mode, _X11_MODES)
    opt.seasonalma = _choice("seasonalma", seasonalma, _X11_SMA)
    if trendma is not None:
        if not isinstance(trendma, int) or trendma < 3 or trendma % 2 == 0:
            raise _lib.InputError("trendma must be an odd Henderson length >= 3, not %r"
                                  % (trendma,))
        opt.trendma = trendma
    try:
        opt.sigma_lower, opt.sigma_upper = (float(x) for x in sigmalim)
    except (TypeError, ValueError):
        raise _lib.InputError("sigmalim must be two numbers (lower, upper), not %r"
                              % (sigmalim,)) from None
    cs, keep = s._c()
    out = ctypes.POINTER(_X11Result)()
    _lib.call("fc_x11", ctypes.byref(cs), ctypes.byref(opt), ctypes.byref(out))
    try:
        r = out.contents
        tables = {t: _arrays.from_pointer(getattr(r, t), r.n) for t in _X11_TABLES}
        name = _lib.fn("fc_seasonal_filter_name")(r.d10_filter)
        extra = {"tables": tables, "msr": r.msr, "msr_full": r.msr_full,
                 "henderson": r.henderson_d12, "diagnostics": _diagnostics(out),
                 "seasonal_filter": name.decode() if name else None,
                 "ic_ratio": r.ic_ratio_d12, "seasonal_ahead": list(r.d10_ahead[:r.freq])}
    finally:
        _lib.fn("fc_x11_result_free")(out)
    kind = "additive" if mode == "add" else "multiplicative" if mode == "mult" else mode
    return Decomposition("x11", s, tables["d10"], tables["d12"], tables["d13"], tables["d11"],
                         kind, {"mode": mode, "seasonalma": seasonalma,
                                "trendma": trendma or "auto"}, extra)

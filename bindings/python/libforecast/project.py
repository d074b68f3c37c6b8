"""The analyst's question (project.c): forecasts with the library's default
model choice, and a quarter's level and y/y growth with intervals."""
import ctypes
import importlib

from . import _lib
from .forecast import _horizon
from .series import as_series, format_period, parse_period

_arima = importlib.import_module(__name__.rsplit(".", 1)[0] + ".arima")
_E = ctypes.POINTER(_lib.FcError)
MAX_LEVELS = 8   # FC_PROJECT_MAX_LEVELS


class _ProjectOptions(ctypes.Structure):
    _fields_ = [("aggregate", ctypes.c_int), ("model", ctypes.c_int),
                ("spec", ctypes.POINTER(_arima._Spec)), ("fitted", _arima._MP),
                ("fit_options", ctypes.POINTER(_arima._Options)),
                ("nlevels", ctypes.c_size_t), ("levels", ctypes.c_double * MAX_LEVELS),
                ("nsim", ctypes.c_size_t), ("seed", ctypes.c_ulong)]


class _QuarterProjection(ctypes.Structure):
    _fields_ = [("quarter", _lib.FcPeriod), ("level", ctypes.c_double),
                ("previous", ctypes.c_double), ("yoy", ctypes.c_double),
                ("nlevels", ctypes.c_size_t), ("levels", ctypes.c_double * MAX_LEVELS),
                ("level_lower", ctypes.c_double * MAX_LEVELS),
                ("level_upper", ctypes.c_double * MAX_LEVELS),
                ("yoy_lower", ctypes.c_double * MAX_LEVELS),
                ("yoy_upper", ctypes.c_double * MAX_LEVELS),
                ("months_observed", ctypes.c_int), ("months_projected", ctypes.c_int),
                ("model", ctypes.c_char * 128), ("method", ctypes.c_char * 16)]


_lib.declare("fc_project_options_default", _ProjectOptions)
_lib.declare("fc_project_quarter", ctypes.c_int, _lib.c_series_p, _lib.FcPeriod,
             ctypes.POINTER(_ProjectOptions), ctypes.POINTER(_QuarterProjection), _E)
_lib.declare("fc_project_forecast", ctypes.c_int, _lib.c_series_p, ctypes.c_size_t,
             _lib.c_double_p, ctypes.c_size_t, ctypes.POINTER(_ProjectOptions),
             ctypes.POINTER(_arima._FP), ctypes.c_char_p, _E)

_MODELS = {None: 0, "default": 0, "airline": 0, "auto": 1}


def _levels(level):
    levels = [level] if isinstance(level, (int, float)) else list(level)
    if not levels or len(levels) > MAX_LEVELS:
        raise _lib.InputError("give 1 to %d interval levels, not %r" % (MAX_LEVELS, level))
    for lv in levels:
        if isinstance(lv, bool) or not isinstance(lv, (int, float)) or not 0 < lv < 100:
            raise _lib.InputError("levels are percentages strictly between 0 and 100, "
                                  "not %r" % (lv,))
    return levels


def _options(s, model, flow, nsim, seed, keep):
    opt = _lib.fn("fc_project_options_default")()
    opt.aggregate = 1 if flow else 0
    if isinstance(model, _arima.ArimaModel):
        if model.series is not s and model.series != s:
            raise _lib.InputError("the fitted model belongs to another series; fit it to this one")
        opt.model = 3
        opt.fitted = model._ptr
        keep.append(model)
    elif isinstance(model, dict):
        spec, k = _arima._make_spec(len(s), **model)
        keep += [spec, k]
        opt.model = 2
        opt.spec = ctypes.pointer(spec)
    elif isinstance(model, str) or model is None:
        if model not in _MODELS:
            raise _lib.InputError("model must be None (the airline default), \"auto\", a fitted "
                                  "lf.arima model or a dict of lf.arima arguments, not %r"
                                  % (model,))
        opt.model = _MODELS[model]
    else:
        raise _lib.InputError("model must be None, \"auto\", an ArimaModel or a dict, not %r"
                              % (model,))
    if nsim is not None:
        if not isinstance(nsim, int) or nsim < 1:
            raise _lib.InputError("nsim must be a positive integer, not %r" % (nsim,))
        opt.nsim = nsim
    if seed is not None:
        opt.seed = int(seed)
    return opt


class QuarterProjection:
    """A quarter's projected level and y/y growth.

    .yoy, .lower, .upper: y/y growth in percent and its interval at the
    first level; .level, .level_lower, .level_upper: the quarter's level
    (mean of its months for indices, sum for flows) and its interval;
    .previous: the same quarter a year earlier; .intervals: {level:
    {"yoy": (lo, hi), "level": (lo, hi)}}; .months_observed,
    .months_projected, .model, .method ("observed", "exact", "simulation")."""

    def __init__(self, c, freq):
        self.quarter = format_period(c.quarter.year, c.quarter.sub, 4)
        self.level, self.previous, self.yoy = c.level, c.previous, c.yoy
        lv = [c.levels[i] for i in range(c.nlevels)]
        self.levels = tuple(int(x) if float(x).is_integer() else x for x in lv)
        self.intervals = {k: {"yoy": (c.yoy_lower[i], c.yoy_upper[i]),
                              "level": (c.level_lower[i], c.level_upper[i])}
                          for i, k in enumerate(self.levels)}
        first = self.intervals[self.levels[0]]
        self.lower, self.upper = first["yoy"]
        self.level_lower, self.level_upper = first["level"]
        self.months_observed, self.months_projected = c.months_observed, c.months_projected
        self.model = c.model.decode("utf-8", "replace")
        self.method = c.method.decode()

    def __repr__(self):
        lines = ["Quarter %s: level %.6g, y/y %+.2f%% (previous year %.6g)"
                 % (self.quarter, self.level, self.yoy, self.previous)]
        for k in self.levels:
            iv = self.intervals[k]
            lines.append("  %g%% interval: y/y %+.2f%% to %+.2f%%, level %.6g to %.6g"
                         % (k, iv["yoy"][0], iv["yoy"][1], iv["level"][0], iv["level"][1]))
        lines.append("  %d month(s) observed, %d projected; %s; intervals %s"
                     % (self.months_observed, self.months_projected, self.model, self.method))
        return "\n".join(lines)


def project_quarter(s, quarter, level=80, flow=False, model="auto", nsim=None, seed=None):
    """Projects a quarter of a monthly series: its level and y/y growth with
    intervals (the monthly forecast errors' correlation included).

    quarter "2021-Q2" (or (2021, 2)); level a percentage or a sequence;
    flow=True sums the months (exports), otherwise they are averaged
    (indices).  model "auto" (default, as `forecast project`) chooses the
    model automatically (the library falls back to the airline model where
    automatic selection is not built in), None fits the airline model
    (0,1,1)(0,1,1) on logs, a dict of lf.arima arguments that model, or
    pass an lf.arima model already fitted to s.  nsim/seed control the
    Monte Carlo used for log models with several projected months."""
    s = as_series(s)
    (qy, qs), _ = parse_period(quarter, 4)
    keep = []
    opt = _options(s, model, flow, nsim, seed, keep)
    levels = _levels(level)
    opt.nlevels = len(levels)
    for i, lv in enumerate(levels):
        opt.levels[i] = lv
    cs, kv = s._c()
    out = _QuarterProjection()
    _lib.call("fc_project_quarter", ctypes.byref(cs), _lib.FcPeriod(qy, qs), ctypes.byref(opt),
              ctypes.byref(out))
    return QuarterProjection(out, s.freq)


def project(s, h=12, level=(80, 95), model="auto", nsim=None, seed=None):
    """Forecasts with intervals from the projection's model choice ("auto"
    by default, None for the airline model, a dict of lf.arima arguments or a fitted
    model) -- what `forecast project` prints.  Returns a Forecast whose
    .method names the model."""
    s = as_series(s)
    h = _horizon(h)
    keep = []
    opt = _options(s, model, False, nsim, seed, keep)
    levels = _levels(level)
    lv = (ctypes.c_double * len(levels))(*levels)
    out = _arima._FP()
    label = ctypes.create_string_buffer(128)
    cs, kv = s._c()
    _lib.call("fc_project_forecast", ctypes.byref(cs), h, ctypes.cast(lv, _lib.c_double_p),
              len(levels), ctypes.byref(opt), ctypes.byref(out), label)
    return _arima._forecast_from_c(out, h, s, label.value.decode("utf-8", "replace"))

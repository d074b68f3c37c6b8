"""Seasonal ARIMA: estimation, forecasts (arima.c, statespace.c).

Conventions as R's stats::arima / forecast::Arima (method "ML"):
coefficient names ar1.., ma1.., sar1.., sma1.., intercept, drift; loglik,
aic, aicc, bic and sigma2 of the transformed series (no Jacobian)."""
import ctypes
import math

from . import _arrays, _lib
from .forecast import Forecast, _horizon
from .series import Series, as_series

_E = ctypes.POINTER(_lib.FcError)


class _Order(ctypes.Structure):
    _fields_ = [("p", ctypes.c_int), ("d", ctypes.c_int), ("q", ctypes.c_int),
                ("P", ctypes.c_int), ("D", ctypes.c_int), ("Q", ctypes.c_int),
                ("period", ctypes.c_int)]


class _Spec(ctypes.Structure):
    _fields_ = [("order", _Order), ("include_mean", ctypes.c_int),
                ("include_drift", ctypes.c_int), ("transform", ctypes.c_int),
                ("lambda_", ctypes.c_double), ("nxreg", ctypes.c_size_t),
                ("xreg", _lib.c_double_p), ("xreg_names", ctypes.POINTER(ctypes.c_char_p)),
                ("fixed", _lib.c_double_p), ("init", _lib.c_double_p)]


class _Options(ctypes.Structure):
    _fields_ = [("method", ctypes.c_int), ("css_start", ctypes.c_int),
                ("transform_pars", ctypes.c_int), ("max_iter", ctypes.c_size_t),
                ("gtol", ctypes.c_double), ("kappa", ctypes.c_double),
                ("compute_se", ctypes.c_int), ("polish", ctypes.c_int)]


class _Model(ctypes.Structure):
    _fields_ = [("spec", _Spec), ("period", ctypes.c_int), ("ncoef", ctypes.c_size_t),
                ("coef_names", ctypes.POINTER(ctypes.c_char_p)), ("coef", _lib.c_double_p),
                ("se", _lib.c_double_p), ("vcov", _lib.c_double_p),
                ("is_fixed", ctypes.POINTER(ctypes.c_int)), ("nfree", ctypes.c_size_t),
                ("sigma2", ctypes.c_double), ("loglik", ctypes.c_double),
                ("aic", ctypes.c_double), ("aicc", ctypes.c_double), ("bic", ctypes.c_double),
                ("sigma2_ml", ctypes.c_double),
                ("loglik_exact", ctypes.c_double), ("nobs", ctypes.c_size_t),
                ("n", ctypes.c_size_t), ("freq", ctypes.c_int), ("start", _lib.FcPeriod),
                ("residuals", _lib.c_double_p), ("fitted", _lib.c_double_p),
                ("z", _lib.c_double_p), ("converged", ctypes.c_int),
                ("iterations", ctypes.c_size_t), ("priv", ctypes.c_void_p)]


class _Forecast(ctypes.Structure):
    _fields_ = [("h", ctypes.c_size_t), ("nlevels", ctypes.c_size_t), ("freq", ctypes.c_int),
                ("start", _lib.FcPeriod), ("mean", _lib.c_double_p), ("se", _lib.c_double_p),
                ("mean_transformed", _lib.c_double_p), ("levels", _lib.c_double_p),
                ("lower", _lib.c_double_p), ("upper", _lib.c_double_p)]


class _ForecastOptions(ctypes.Structure):
    _fields_ = [("biasadj", ctypes.c_int)]


_MP = ctypes.POINTER(_Model)
_FP = ctypes.POINTER(_Forecast)
_lib.declare("fc_arima_spec_default", _Spec)
_lib.declare("fc_arima_options_default", _Options)
_lib.declare("fc_arima_fit", ctypes.c_int, _lib.c_series_p, ctypes.POINTER(_Spec),
             ctypes.POINTER(_Options), ctypes.POINTER(_MP), _E)
_lib.declare("fc_arima_model_free", None, _MP)
_lib.declare("fc_arima_forecast_options_default", _ForecastOptions)
_lib.declare("fc_arima_forecast_ex", ctypes.c_int, _MP, ctypes.c_size_t, _lib.c_double_p,
             ctypes.c_size_t, _lib.c_double_p, ctypes.POINTER(_ForecastOptions),
             ctypes.POINTER(_FP), _E)
_lib.declare("fc_forecast_free", None, _FP)


def _forecast_from_c(out, h, history, method):
    """The Forecast of history held by the library's fc_forecast *out (h
    periods), which this frees; interval levels that are whole numbers are
    keyed as ints (80, not 80.0)."""
    try:
        f = out.contents
        mean = _arrays.from_pointer(f.mean, h)
        se = _arrays.from_pointer(f.se, h)
        lower, upper = {}, {}
        for li in range(f.nlevels):
            lv = f.levels[li]
            lv = int(lv) if float(lv).is_integer() else lv
            lower[lv] = _arrays.from_list(f.lower[li * h:(li + 1) * h])
            upper[lv] = _arrays.from_list(f.upper[li * h:(li + 1) * h])
    finally:
        _lib.fn("fc_forecast_free")(out)
    return Forecast(history, mean, lower, upper, method=method, se=se)

_TRANSFORMS = {None: 0, "none": 0, "log": 1, "boxcox": 2}


def _triple(name, v):
    try:
        t = tuple(int(x) for x in v)
    except (TypeError, ValueError):
        raise _lib.InputError("%s must be three integers (p, d, q), not %r" % (name, v)) from None
    if len(t) != 3 or min(t) < 0:
        raise _lib.InputError("%s must be three non-negative integers, not %r" % (name, v))
    return t


def _transform(transform, lam):
    if isinstance(transform, (int, float)) and not isinstance(transform, bool):
        return 2, float(transform)                # a Box-Cox lambda
    if transform not in _TRANSFORMS:
        raise _lib.InputError("transform must be \"none\", \"log\", \"boxcox\" (with lambda_) "
                              "or a Box-Cox lambda, not %r" % (transform,))
    code = _TRANSFORMS[transform]
    if code == 2 and lam is None:
        raise _lib.InputError("transform=\"boxcox\" needs lambda_")
    return code, float(lam or 0.0)


def _xreg_matrix(xreg, n, what="xreg"):
    """(names, column-major doubles) from {name: values} or a list of columns."""
    if xreg is None:
        return [], None
    if _arrays.have_numpy() and hasattr(xreg, "ndim") and getattr(xreg, "ndim") == 2:
        cols = [list(map(float, xreg[:, j])) for j in range(xreg.shape[1])]
        names = ["xreg%d" % (j + 1) for j in range(len(cols))]
    elif isinstance(xreg, dict):
        names = [str(k) for k in xreg]
        cols = [[float(x) for x in v] for v in xreg.values()]
    else:
        cols = [[float(x) for x in c] for c in xreg]
        names = ["xreg%d" % (j + 1) for j in range(len(cols))]
    for name, c in zip(names, cols):
        if len(c) != n:
            raise _lib.InputError("%s column %s has %d values; %d needed"
                                  % (what, name, len(c), n))
    flat = [x for c in cols for x in c]
    return names, (ctypes.c_double * max(len(flat), 1))(*flat)


class ArimaModel:
    """A fitted SARIMA model.

    .coef and .se are dicts keyed by R's names (ar1, ma1, sar1, sma1,
    intercept, drift, regressors); .loglik .aic .aicc .bic .sigma2 .nobs as
    R's forecast::Arima; .residuals (standardised innovations, transformed
    scale) and .fitted (original scale) are arrays; .vcov is the coefficient
    covariance (list of rows).  .forecast(h, level) gives a Forecast."""

    def __init__(self, ptr, series, spec_args):
        self._ptr = ptr
        import weakref
        self._finalizer = weakref.finalize(self, _lib.fn("fc_arima_model_free"), ptr)
        m = ptr.contents
        self.series = series
        self._spec_args = spec_args
        names = [m.coef_names[i].decode() for i in range(m.ncoef)]
        self.coef = {k: m.coef[i] for i, k in enumerate(names)}
        self.se = {k: m.se[i] for i, k in enumerate(names)}
        self.fixed = {k: bool(m.is_fixed[i]) for i, k in enumerate(names)}
        self.vcov = [[m.vcov[i * m.ncoef + j] for j in range(m.ncoef)] for i in range(m.ncoef)]
        o = m.spec.order
        self.order = (o.p, o.d, o.q)
        self.seasonal = (o.P, o.D, o.Q)
        self.period = m.period
        self.sigma2, self.loglik = m.sigma2, m.loglik
        self.aic, self.aicc, self.bic = m.aic, m.aicc, m.bic
        self.nobs = m.nobs
        self.nfree = m.nfree
        self.converged = bool(m.converged)
        self.iterations = m.iterations
        self.transform = {0: "none", 1: "log", 2: "boxcox"}.get(m.spec.transform, "?")
        self.lambda_ = m.spec.lambda_
        self.residuals = _arrays.from_pointer(m.residuals, m.n)
        self.fitted = _arrays.from_pointer(m.fitted, m.n)
        self.nxreg = m.spec.nxreg

    @property
    def name(self):
        """"ARIMA(p,d,q)(P,D,Q)[s]" (with "with drift" / "with non-zero mean")."""
        s = "ARIMA(%d,%d,%d)" % self.order
        if any(self.seasonal):
            s += "(%d,%d,%d)[%d]" % (self.seasonal + (self.period,))
        if "drift" in self.coef:
            s += " with drift"
        elif "intercept" in self.coef:
            s += " with non-zero mean"
        return s

    def forecast(self, h=12, level=(80, 95), xreg=None, biasadj=False):
        """Forecasts for the h periods after the series, with prediction
        intervals at `level` percent (a number or a sequence).  xreg: future
        values of the regressors ({name: values} or columns), required when
        the model has regressors."""
        h = _horizon(h)
        levels = [level] if isinstance(level, (int, float)) else list(level or [])
        for lv in levels:
            if not (isinstance(lv, (int, float)) and 0 < lv < 100):
                raise _lib.InputError("levels must lie strictly between 0 and 100 (percent), "
                                      "not %r" % (lv,))
        lv_arr = (ctypes.c_double * max(len(levels), 1))(*levels)
        fx = None
        if self.nxreg:
            if xreg is None:
                raise _lib.InputError("the model has %d regressors: forecast(..., xreg=...) "
                                      "needs their %d future values" % (self.nxreg, h))
            _, fx = _xreg_matrix(xreg, h, "future xreg")
        elif xreg is not None:
            raise _lib.InputError("the model has no regressors; xreg must be None")
        fopt = _lib.fn("fc_arima_forecast_options_default")()
        fopt.biasadj = 1 if biasadj else 0
        out = _FP()
        _lib.call("fc_arima_forecast_ex", self._ptr, h,
                  ctypes.cast(lv_arr, _lib.c_double_p), len(levels),
                  ctypes.cast(fx, _lib.c_double_p) if fx is not None else None,
                  ctypes.byref(fopt), ctypes.byref(out))
        return _forecast_from_c(out, h, self.series, self.name)

    def __repr__(self):
        lines = ["Series: %s" % (self.series.name or "x"), self.name]
        if self.transform == "log":
            lines.append("Box Cox transformation: lambda= 0")
        elif self.transform == "boxcox":
            lines.append("Box Cox transformation: lambda= %s" % _fmt_sig(self.lambda_, 4))
        lines.append("")
        if self.coef:
            names = list(self.coef)
            est = [_fmt_dec(self.coef[k]) for k in names]
            ses = [_fmt_dec(self.se[k]) if not self.fixed[k] else "0" for k in names]
            width = max(len(x) for x in names + est + ses)
            lines.append("Coefficients:")
            lines.append("      " + "  ".join(k.rjust(width) for k in names))
            lines.append("      " + "  ".join(x.rjust(width) for x in est))
            lines.append("s.e.  " + "  ".join(x.rjust(width) for x in ses))
            lines.append("")
        lines.append("sigma^2 = %s:  log likelihood = %s" % (_fmt_sig(self.sigma2, 4),
                                                              _fmt_r2(self.loglik)))
        lines.append("AIC=%s   AICc=%s   BIC=%s" % (_fmt_r2(self.aic), _fmt_r2(self.aicc),
                                                    _fmt_r2(self.bic)))
        return "\n".join(lines)


def _fmt_dec(x):
    """R's round(x, 4) as print shows it."""
    if x != x:
        return "NaN"
    s = "%.4f" % x
    s = s.rstrip("0").rstrip(".") if "." in s else s
    return "0" if s in ("-0", "") else s


def _fmt_sig(x, digits):
    """R's format(x, digits = 4)."""
    if x != x:
        return "NaN"
    if x == 0:
        return "0"
    e = int(math.floor(math.log10(abs(x))))
    if e < -4 or e >= 15:
        return ("%." + str(digits - 1) + "e") % x
    dec = max(digits - 1 - e, 0)
    s = "%.*f" % (dec, x)
    return s.rstrip("0").rstrip(".") if "." in s else s


def _fmt_r2(x):
    """R's format(round(x, 2))."""
    if x != x:
        return "NaN"
    s = "%.2f" % x
    return s.rstrip("0").rstrip(".") if "." in s else s


def _make_spec(n, order=(0, 0, 0), seasonal=(0, 0, 0), period=None, transform="none",
               lambda_=None, include_mean=True, include_drift=False, xreg=None):
    """(fc_arima_spec, keep-alive list) from the Python arguments."""
    spec = _lib.fn("fc_arima_spec_default")()
    p, d, q = _triple("order", order)
    P, D, Q = _triple("seasonal", seasonal)
    spec.order = _Order(p, d, q, P, D, Q, int(period or 0))
    spec.include_mean = 1 if include_mean else 0
    spec.include_drift = 1 if include_drift else 0
    spec.transform, spec.lambda_ = _transform(transform, lambda_)
    names, xmat = _xreg_matrix(xreg, n)
    keep = [xmat]
    if names:
        cnames = (ctypes.c_char_p * len(names))(*[n_.encode() for n_ in names])
        keep.append(cnames)
        spec.nxreg = len(names)
        spec.xreg = ctypes.cast(xmat, _lib.c_double_p)
        spec.xreg_names = ctypes.cast(cnames, ctypes.POINTER(ctypes.c_char_p))
    return spec, keep


def arima(s, order=(0, 0, 0), seasonal=(0, 0, 0), period=None, transform="none",
          lambda_=None, include_mean=True, include_drift=False, xreg=None, fixed=None,
          method="ML"):
    """Fits a seasonal ARIMA(p,d,q)(P,D,Q)[period] by exact maximum likelihood
    (R's arima / forecast::Arima).

    transform "none", "log" or "boxcox" with lambda_ (or a number = lambda);
    include_mean adds an intercept when d + D = 0 (R's default);
    include_drift a drift term (d + D <= 1); xreg {name: values} regressors;
    fixed {coef name: value} fixes coefficients; method "ML" or "CSS".
    Missing values inside the series are accepted."""
    s = as_series(s)
    spec, keep = _make_spec(len(s), order, seasonal, period, transform, lambda_, include_mean,
                            include_drift, xreg)
    opt = _lib.fn("fc_arima_options_default")()
    if method not in ("ML", "CSS"):
        raise _lib.InputError("method must be \"ML\" or \"CSS\", not %r" % (method,))
    opt.method = 0 if method == "ML" else 1
    cs, kv = s._c()
    out = _MP()
    if fixed:
        # coefficient order is known only after a fit: fit once free to learn
        # the names, then again with the fixed vector in that order
        probe = arima(s, order, seasonal, period, transform, lambda_, include_mean,
                      include_drift, xreg, None, method)
        unknown = set(fixed) - set(probe.coef)
        if unknown:
            raise _lib.InputError("fixed names unknown coefficients %s; the model has %s"
                                  % (sorted(unknown), list(probe.coef)))
        vec = [float(fixed[k]) if k in fixed else float("nan") for k in probe.coef]
        fx = (ctypes.c_double * len(vec))(*vec)
        keep.append(fx)
        spec.fixed = ctypes.cast(fx, _lib.c_double_p)
    _lib.call("fc_arima_fit", ctypes.byref(cs), ctypes.byref(spec), ctypes.byref(opt),
              ctypes.byref(out))
    return ArimaModel(out, s, dict(order=order, seasonal=seasonal))

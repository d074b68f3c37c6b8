"""Growth rates (m/m, y/y, year to date), quarterly aggregation and the
consistency check of published indices (include/forecast/index.h, growth.c).

Percentages: 100 * (x_t / x_base - 1); form="index" gives 100 * x_t / x_base
(base period = 100), the two forms statistics offices publish.
"""
import ctypes

from . import _lib
from .series import Series, as_series, format_period

_FORMS = {"percent": 0, "index": 1}
_HOW = {"mean": 0, "sum": 1}

_E = ctypes.POINTER(_lib.FcError)
for _name in ("fc_growth_mom", "fc_growth_yoy", "fc_growth_ytd"):
    _lib.declare(_name, ctypes.c_int, _lib.c_series_p, ctypes.c_int, _lib.c_series_pp, _E)
_lib.declare("fc_growth_lag", ctypes.c_int, _lib.c_series_p, ctypes.c_int, ctypes.c_int,
             _lib.c_series_pp, _E)
_lib.declare("fc_growth_quarterly", ctypes.c_int, _lib.c_series_p, ctypes.c_int,
             _lib.c_series_pp, _E)


class _PublishedOptions(ctypes.Structure):
    _fields_ = [("tolerance", ctypes.c_double), ("anchor_year", ctypes.c_int)]


class _Conflict(ctypes.Structure):
    _fields_ = [("period", _lib.FcPeriod), ("check", ctypes.c_int),
                ("published", ctypes.c_double), ("implied", ctypes.c_double)]


class _Published(ctypes.Structure):
    _fields_ = [("implied_ytd", _lib.c_series_p), ("chained_yoy", _lib.c_series_p),
                ("level", _lib.c_series_p), ("anchor_year", ctypes.c_int),
                ("nconflicts", ctypes.c_size_t), ("conflicts", ctypes.POINTER(_Conflict))]


_lib.declare("fc_growth_published_options_default", _PublishedOptions)
_lib.declare("fc_growth_published_check", ctypes.c_int, _lib.c_series_p, _lib.c_series_p,
             _lib.c_series_p, ctypes.POINTER(_PublishedOptions),
             ctypes.POINTER(ctypes.POINTER(_Published)), _E)
_lib.declare("fc_growth_published_free", None, ctypes.POINTER(_Published))


def _form(form):
    try:
        return _FORMS[form]
    except KeyError:
        raise _lib.InputError("form must be \"percent\" or \"index\", not %r" % (form,)) from None


def _unary(cname, s, *extra):
    cs, keep = s._c()
    out = _lib.c_series_p()
    _lib.call(cname, ctypes.byref(cs), *extra, ctypes.byref(out))
    return Series._from_c(out)


def mom(s, form="percent"):
    """Period-on-period growth (month on month; quarter on quarter for a
    quarterly series) as a Series; NaN where undefined."""
    s = as_series(s)
    return _unary("fc_growth_mom", s, _form(form))


def yoy(s, form="percent"):
    """Year-on-year growth as a Series."""
    s = as_series(s)
    return _unary("fc_growth_yoy", s, _form(form))


def ytd(s, form="percent"):
    """Year-to-date growth: sum of levels since January (or Q1) against the
    same period of the previous year (ratio of sums, as GSO and customs
    publish cumulative figures)."""
    s = as_series(s)
    return _unary("fc_growth_ytd", s, _form(form))


def growth_lag(s, lag, form="percent"):
    """Growth of x_t against x_{t-lag}."""
    s = as_series(s)
    if not isinstance(lag, int):
        raise _lib.InputError("lag must be an integer, not %r" % (lag,))
    return _unary("fc_growth_lag", s, ctypes.c_int(lag), _form(form))


def quarterly(s, how="mean"):
    """Quarterly series from a monthly one: how="mean" for indices (IIP),
    "sum" for flows (exports).  Incomplete quarters at either end are left
    out; a quarter with a missing month is NaN."""
    s = as_series(s)
    if how not in _HOW:
        raise _lib.InputError("how must be \"mean\" or \"sum\", not %r" % (how,))
    return _unary("fc_growth_quarterly", s, _HOW[how])


class Growth:
    """Growth table of a series: .dates, .value (the levels), .mom, .yoy,
    .ytd_yoy, in percent (or index form, base = 100).  Arrays are numpy
    arrays when numpy is installed, lists otherwise; NaN where undefined
    (the first period, the first year)."""

    def __init__(self, series, mom_, yoy_, ytd_, form):
        self.series = series
        self.dates = series.dates
        self.value = series.values
        self.mom = mom_.values
        self.yoy = yoy_.values
        self.ytd_yoy = ytd_.values
        self.form = form
        self.freq = series.freq

    def __len__(self):
        return len(self.dates)

    def rows(self):
        """(date, value, mom, yoy, ytd_yoy) tuples, as the CLI's CSV."""
        return list(zip(self.dates, self.value, self.mom, self.yoy, self.ytd_yoy))

    def to_pandas(self):
        """DataFrame with columns value, mom, yoy, ytd_yoy (needs pandas)."""
        import pandas as pd
        idx = self.series.to_pandas().index
        return pd.DataFrame({"value": list(self.value), "mom": list(self.mom),
                             "yoy": list(self.yoy), "ytd_yoy": list(self.ytd_yoy)}, index=idx)

    def __repr__(self, last=12):
        head = "Growth of %s, last %d of %d periods (%s)" % (
            "'%s'" % self.series.name if self.series.name else "series",
            min(last, len(self)), len(self),
            "percent" if self.form == "percent" else "index, base period = 100")
        lines = [head, "%-8s %12s %9s %9s %9s" % ("date", "value", "mom", "yoy", "ytd_yoy")]
        for d, v, m, y, t in self.rows()[-last:]:
            lines.append("%-8s %12s %9s %9s %9s" % (d, _f(v, 6), _f(m, 2, True), _f(y, 2, True),
                                                     _f(t, 2, True)))
        return "\n".join(lines)

    def plot(self, ax=None, **kwargs):
        """Bar chart of y/y and m/m growth (needs matplotlib)."""
        from . import plot
        return plot.plot_growth(self, ax=ax, **kwargs)


def _f(x, digits, fixed=False):
    x = float(x)
    if x != x:
        return "NA"
    return ("%.*f" % (digits, x)) if fixed else ("%.*g" % (digits, x))


def growth(s, form="percent"):
    """m/m, y/y and year-to-date y/y growth of a monthly or quarterly series.

    >>> g = growth(Series([100, 102, 101, 104] * 6, start="2020-01"))
    >>> round(float(g.mom[1]), 2)
    2.0
    """
    s = as_series(s)
    return Growth(s, mom(s, form), yoy(s, form), ytd(s, form), form)


class Conflict:
    """One disagreement between published figures (check is "ytd" or "chain")."""
    __slots__ = ("date", "check", "published", "implied")

    def __init__(self, date, check, published, implied):
        self.date, self.check, self.published, self.implied = date, check, published, implied

    def __repr__(self):
        return "Conflict(%s %s: published %.2f, implied %.2f)" % (
            self.date, self.check, self.published, self.implied)


class PublishedCheck:
    """What published m/m and y/y indices imply (.implied_ytd, .chained_yoy,
    .level with .anchor_year) and where the figures disagree (.conflicts)."""

    def __init__(self, implied_ytd, chained_yoy, level, anchor_year, conflicts):
        self.implied_ytd = implied_ytd
        self.chained_yoy = chained_yoy
        self.level = level
        self.anchor_year = anchor_year
        self.conflicts = conflicts

    def __repr__(self):
        return ("PublishedCheck(anchor_year=%s, %d conflicts%s)"
                % (self.anchor_year or None, len(self.conflicts),
                   (": " + ", ".join(map(repr, self.conflicts[:5])) +
                    (" ..." if len(self.conflicts) > 5 else "")) if self.conflicts else ""))


def check_published(mom_index, yoy_index, ytd_index=None, tolerance=1.0, anchor_year=0):
    """Checks published indices (comparison period = 100) against each other,
    as fc_growth_published_check: implied YTD from m/m and y/y, y/y chained
    from twelve m/m, and levels reconstructed from an anchor year's profile.
    anchor_year 0 picks the latest consistent year, -1 asks for no levels."""
    series = [as_series(mom_index, "mom_index"), as_series(yoy_index, "yoy_index")]
    if ytd_index is not None:
        series.append(as_series(ytd_index, "ytd_index"))
    cs = [x._c() for x in series]
    opt = _lib.fn("fc_growth_published_options_default")()
    opt.tolerance = float(tolerance)
    opt.anchor_year = int(anchor_year)
    out = ctypes.POINTER(_Published)()
    ytd_arg = ctypes.byref(cs[2][0]) if ytd_index is not None else None
    _lib.call("fc_growth_published_check", ctypes.byref(cs[0][0]), ctypes.byref(cs[1][0]),
              ytd_arg, ctypes.byref(opt), ctypes.byref(out))
    try:
        p = out.contents
        freq = series[0].freq
        conflicts = [Conflict(format_period(c.period.year, c.period.sub, freq),
                              "ytd" if c.check == 1 else "chain", c.published, c.implied)
                     for c in (p.conflicts[i] for i in range(p.nconflicts))]
        return PublishedCheck(Series._from_c(p.implied_ytd, free=False),
                              Series._from_c(p.chained_yoy, free=False),
                              Series._from_c(p.level, free=False), p.anchor_year, conflicts)
    finally:
        _lib.fn("fc_growth_published_free")(out)



"""Index compilation: Laspeyres aggregation with contributions, chain-linking,
re-referencing and splicing (include/forecast/index.h; aggregate.c,
contrib.c, chain.c, weights.c).  Growth in percent, contributions in
percentage points that add up to it."""
import ctypes
import weakref

from . import _arrays, _lib
from .series import Series, as_series, _is_pandas

_E = ctypes.POINTER(_lib.FcError)


class _Weights(ctypes.Structure):
    _fields_ = [("ncomponents", ctypes.c_size_t), ("nyears", ctypes.c_size_t),
                ("names", ctypes.POINTER(ctypes.c_char_p)),
                ("years", ctypes.POINTER(ctypes.c_int)),
                ("values", _lib.c_double_p)]


class _HierarchyNode(ctypes.Structure):
    _fields_ = [("code", ctypes.c_char_p), ("parent", ctypes.c_char_p),
                ("weight", ctypes.c_double), ("year", ctypes.c_int)]


class _AggregateOptions(ctypes.Structure):
    _fields_ = [("method", ctypes.c_int), ("base_year", ctypes.c_int)]


class _SpliceOptions(ctypes.Structure):
    _fields_ = [("overlap_year", ctypes.c_int), ("use_overlap_period", ctypes.c_int),
                ("overlap_period", _lib.FcPeriod), ("keep_old_base", ctypes.c_int)]


_WP = ctypes.POINTER(_Weights)
_lib.declare("fc_weights_alloc", ctypes.c_int, ctypes.c_size_t, ctypes.c_size_t,
             ctypes.POINTER(_WP), _E)
_lib.declare("fc_weights_free", None, _WP)
_lib.declare("fc_weights_set_name", ctypes.c_int, _WP, ctypes.c_size_t, ctypes.c_char_p, _E)
_lib.declare("fc_weights_read_file", ctypes.c_int, ctypes.c_char_p, ctypes.POINTER(_WP), _E)
_lib.declare("fc_weights_from_hierarchy", ctypes.c_int, ctypes.POINTER(_HierarchyNode),
             ctypes.c_size_t, ctypes.POINTER(_WP), _E)
_lib.declare("fc_aggregate_options_default", _AggregateOptions)
_lib.declare("fc_aggregate_compute", ctypes.c_int, ctypes.POINTER(_lib.c_series_p),
             ctypes.c_size_t, _WP, ctypes.POINTER(_AggregateOptions),
             ctypes.POINTER(ctypes.c_void_p), _E)
_lib.declare("fc_aggregate_free", None, ctypes.c_void_p)
_lib.declare("fc_aggregate_index", _lib.c_series_p, ctypes.c_void_p)
_lib.declare("fc_aggregate_ncomponents", ctypes.c_size_t, ctypes.c_void_p)
_lib.declare("fc_aggregate_first_year", ctypes.c_int, ctypes.c_void_p)
_lib.declare("fc_aggregate_contrib_lag", ctypes.c_int, ctypes.c_void_p, ctypes.c_size_t,
             _lib.c_double_p, _lib.c_double_p, _E)
_lib.declare("fc_aggregate_contrib_ytd", ctypes.c_int, ctypes.c_void_p, _lib.c_double_p,
             _lib.c_double_p, _E)
_lib.declare("fc_aggregate_contrib_annual", ctypes.c_int, ctypes.c_void_p, ctypes.c_int,
             _lib.c_double_p, _lib.c_double_p, _E)
for _n in ("fc_chain_link", "fc_chain_unlink"):
    _lib.declare(_n, ctypes.c_int, _lib.c_series_p, ctypes.c_int, _lib.c_series_pp, _E)
_lib.declare("fc_chain_annual_mean", ctypes.c_int, _lib.c_series_p, ctypes.c_int,
             _lib.c_double_p, _E)
_lib.declare("fc_chain_rebase", ctypes.c_int, _lib.c_series_p, ctypes.c_int, _lib.c_series_pp,
             _E)
_lib.declare("fc_splice_options_default", _SpliceOptions)
_lib.declare("fc_chain_linking_factor", ctypes.c_int, _lib.c_series_p, _lib.c_series_p,
             ctypes.POINTER(_SpliceOptions), _lib.c_double_p, _E)
_lib.declare("fc_chain_splice", ctypes.c_int, _lib.c_series_p, _lib.c_series_p,
             ctypes.POINTER(_SpliceOptions), _lib.c_series_pp, _E)

_AGG_METHODS = {"fixed-base": 0, "annual-overlap": 1}
_CHAIN_METHODS = {"annual-overlap": 0, "one-period-overlap": 1, "over-the-year": 2}


def _choice(name, value, table):
    try:
        return table[value]
    except (KeyError, TypeError):
        raise _lib.InputError("%s must be one of %s, not %r"
                              % (name, ", ".join('"%s"' % k for k in table), value)) from None


# ------------------------------------------------------------------ weights
def _components(components):
    """(names, [Series]) from a dict, a list of named Series or a DataFrame."""
    if _is_pandas(components) and hasattr(components, "columns"):
        from .series import series_dict
        components = series_dict(components)
    if isinstance(components, dict):
        names = [str(k) for k in components]
        series = [as_series(v, "component %s" % k) for k, v in components.items()]
        return names, series
    series = [as_series(v, "component %d" % i) for i, v in enumerate(components)]
    return [s.name for s in series], series


def _weights_rows(weights):
    """{year: {name: w}} (year 0 = any year) from the accepted forms."""
    if not isinstance(weights, dict) or not weights:
        raise _lib.InputError("weights must be a non-empty dict: {name: weight} or "
                              "{year: {name: weight}}")
    first = next(iter(weights.values()))
    if isinstance(first, dict):
        return {int(y): dict(row) for y, row in weights.items()}
    return {0: dict(weights)}


def _c_weights(weights, names):
    """Allocates an fc_weights from the Python form; caller frees."""
    rows = _weights_rows(weights)
    comp = list(next(iter(rows.values())))
    for y, row in rows.items():
        if list(row) != comp and set(row) != set(comp):
            raise _lib.InputError("weights of %s name other components (%s) than the first "
                                  "row (%s)" % (y, ", ".join(map(str, row)),
                                                 ", ".join(map(str, comp))))
    w = _WP()
    _lib.call("fc_weights_alloc", len(rows), len(comp), ctypes.byref(w))
    try:
        for i, name in enumerate(comp):
            _lib.call("fc_weights_set_name", w, i, str(name).encode())
        for r, y in enumerate(sorted(rows)):
            w.contents.years[r] = y
            for i, name in enumerate(comp):
                try:
                    w.contents.values[r * len(comp) + i] = float(rows[y][name])
                except (TypeError, ValueError):
                    raise _lib.InputError("weight of %s in %s is not a number: %r"
                                          % (name, y or "the weights", rows[y][name])) from None
    except BaseException:
        _lib.fn("fc_weights_free")(w)
        raise
    return w


def _weights_dict(w):
    wc = w.contents
    names = [wc.names[i].decode() if wc.names[i] else "component%d" % (i + 1)
             for i in range(wc.ncomponents)]
    return {wc.years[r]: {names[i]: wc.values[r * wc.ncomponents + i]
                          for i in range(wc.ncomponents)} for r in range(wc.nyears)}


def read_weights(path):
    """Weights from a CSV file (DESIGN.md §3): `year,<name1>,...` (one row per
    year) or a hierarchy `[year,]code,parent,weight` (effective leaf weights).
    Returns {year: {name: weight}} (year 0 = undated), as aggregate takes."""
    import os
    w = _WP()
    _lib.call("fc_weights_read_file", os.fsencode(path), ctypes.byref(w))
    try:
        return _weights_dict(w)
    finally:
        _lib.fn("fc_weights_free")(w)


def weights_from_hierarchy(nodes):
    """Effective leaf weights of a hierarchy (GSO's nested weighted means).

    nodes: iterable of (code, parent, weight) or (code, parent, weight, year);
    parent None/"" for a root, weight None for "sum of its children".
    Returns {year: {leaf: weight}} (year 0 for undated weights), usable as
    aggregate(..., weights=...)."""
    nodes = list(nodes)
    arr = (_HierarchyNode * max(len(nodes), 1))()
    keep = []
    for i, node in enumerate(nodes):
        code, parent, weight = node[0], node[1], node[2]
        year = node[3] if len(node) > 3 else 0
        c = str(code).encode()
        p = str(parent).encode() if parent else None
        keep += [c, p]
        arr[i] = _HierarchyNode(c, p, float("nan") if weight is None else float(weight),
                                int(year))
    w = _WP()
    _lib.call("fc_weights_from_hierarchy", arr, len(nodes), ctypes.byref(w))
    try:
        return _weights_dict(w)
    finally:
        _lib.fn("fc_weights_free")(w)


# ---------------------------------------------------------------- aggregate
class Aggregate:
    """A compiled Laspeyres aggregate.  .index is the aggregate index
    (Series); .names the components; .first_year the reference year of an
    annual-overlap chain.  contributions(...) gives growth and each
    component's contribution in percentage points."""

    def __init__(self, ptr, names, method):
        self._ptr = ptr
        self._finalizer = weakref.finalize(self, _lib.fn("fc_aggregate_free"), ptr)
        self.names = names
        self.method = method
        self.index = Series._from_c(_lib.fn("fc_aggregate_index")(ptr), free=False)
        self.index.name = "index"
        self.first_year = _lib.fn("fc_aggregate_first_year")(ptr)

    def _run(self, cname, *args):
        n, k = len(self.index), len(self.names)
        g, gp, gk = _arrays.empty(n)
        c, cp, ck = _arrays.empty(n * k)
        _lib.call(cname, ctypes.c_void_p(self._ptr), *args, gp, cp)
        g, c = _arrays.finish(g, n), _arrays.finish(c, n * k)
        return g, {name: c[i * n:(i + 1) * n] for i, name in enumerate(self.names)}

    def contributions(self, kind="yoy", lag=None):
        """(growth, {component: contribution}) arrays over the index periods.

        kind "yoy" (lag = frequency), "pop" (lag 1), "ytd" (year to date),
        or lag=k for any lag.  Contributions add up to the growth."""
        if lag is not None:
            if not isinstance(lag, int) or lag < 1:
                raise _lib.InputError("lag must be a positive integer, not %r" % (lag,))
            return self._run("fc_aggregate_contrib_lag", ctypes.c_size_t(lag))
        if kind == "ytd":
            return self._run("fc_aggregate_contrib_ytd")
        lag = _choice("kind", kind, {"yoy": self.index.freq, "pop": 1})
        return self._run("fc_aggregate_contrib_lag", ctypes.c_size_t(lag))

    def annual(self, year):
        """(growth, {component: contribution}) of complete year over year-1."""
        k = len(self.names)
        g = ctypes.c_double()
        c = (ctypes.c_double * max(k, 1))()
        _lib.call("fc_aggregate_contrib_annual", ctypes.c_void_p(self._ptr), int(year),
                  ctypes.byref(g), ctypes.cast(c, _lib.c_double_p))
        return g.value, {name: c[i] for i, name in enumerate(self.names)}

    def __repr__(self):
        return ("Aggregate (%s) of %d components (%s), %s to %s"
                % (self.method, len(self.names), ", ".join(map(str, self.names)),
                   self.index.dates[0] if len(self.index) else "-",
                   self.index.dates[-1] if len(self.index) else "-"))


def aggregate(components, weights, method="fixed-base", base_year=0):
    """Laspeyres aggregate of component indices.

    components: {name: Series}, a list of named Series or a pandas DataFrame
    (columns = components).  weights: {name: weight} (one undated row),
    {year: {name: weight}} (any positive scale; normalised per row), or the
    path of a weights CSV file (read_weights).
    method "fixed-base" (GSO's IIP; base_year picks the weights row) or
    "annual-overlap" (annually chain-linked, year y-1's weights for year y).
    """
    names, series = _components(components)
    if isinstance(weights, (str, bytes)) or hasattr(weights, "__fspath__"):
        weights = read_weights(weights)
    opt = _lib.fn("fc_aggregate_options_default")()
    opt.method = _choice("method", method, _AGG_METHODS)
    opt.base_year = int(base_year)
    w = _c_weights(weights, names)
    try:
        cs = [s._c() for s in series]
        arr = (_lib.c_series_p * max(len(cs), 1))(*[ctypes.pointer(c[0]) for c in cs])
        out = ctypes.c_void_p()
        _lib.call("fc_aggregate_compute", arr, len(cs), w, ctypes.byref(opt), ctypes.byref(out))
    finally:
        _lib.fn("fc_weights_free")(w)
    return Aggregate(out.value, names, method)


# ------------------------------------------------------------ chain-linking
def _series_op(cname, s, *args):
    s = as_series(s)
    cs, keep = s._c()
    out = _lib.c_series_p()
    _lib.call(cname, ctypes.byref(cs), *args, ctypes.byref(out))
    r = Series._from_c(out)
    return r


def chain(links, method="annual-overlap"):
    """Chain-links link indices: "annual-overlap" (each year relative to the
    previous year's mean = 100), "one-period-overlap" (to the previous
    December/Q4 = 100) or "over-the-year" (to the same period a year
    earlier = 100).  The first year passes through unchanged."""
    return _series_op("fc_chain_link", links, _choice("method", method, _CHAIN_METHODS))


def unchain(index, method="annual-overlap"):
    """The link indices of a chained index (inverse of chain)."""
    return _series_op("fc_chain_unlink", index, _choice("method", method, _CHAIN_METHODS))


def rebase(s, reference_year):
    """Re-references an index so that the mean of reference_year = 100."""
    return _series_op("fc_chain_rebase", s, int(reference_year))


def annual_mean(s, year):
    """Mean of a series over a complete calendar year."""
    s = as_series(s)
    cs, keep = s._c()
    m = ctypes.c_double()
    _lib.call("fc_chain_annual_mean", ctypes.byref(cs), int(year), ctypes.byref(m))
    return m.value


def _splice_options(overlap_year, overlap_period, keep_old_base, freq):
    opt = _lib.fn("fc_splice_options_default")()
    if overlap_year is not None:
        opt.overlap_year = int(overlap_year)
    if overlap_period is not None:
        from .series import parse_period
        (y, s), _ = parse_period(overlap_period, freq)
        opt.use_overlap_period = 1
        opt.overlap_period = _lib.FcPeriod(y, s)
    opt.keep_old_base = 1 if keep_old_base else 0
    return opt


def _splice_args(old, new, overlap_year, overlap_period, keep_old_base):
    """(old, new as C series, splice options, keep-alive) for the library's
    fc_chain_linking_factor and fc_chain_splice."""
    old, new = as_series(old, "old"), as_series(new, "new")
    opt = _splice_options(overlap_year, overlap_period, keep_old_base, old.freq)
    a, ka = old._c()
    b, kb = new._c()
    return a, b, opt, (old, new, ka, kb)


def linking_factor(old, new, overlap_year=None, overlap_period=None):
    """Mean of old over the overlap / mean of new over it (MOSPI's linking
    factor); the overlap defaults to the first complete common year."""
    a, b, opt, keep = _splice_args(old, new, overlap_year, overlap_period, False)
    f = ctypes.c_double()
    _lib.call("fc_chain_linking_factor", ctypes.byref(a), ctypes.byref(b), ctypes.byref(opt),
              ctypes.byref(f))
    return f.value


def splice(old, new, overlap_year=None, overlap_period=None, keep_old_base=False):
    """Joins an old-base and a new-base series at their overlap: on the new
    base (old / factor before new starts), or on the old base with
    keep_old_base=True (new x factor after old ends)."""
    a, b, opt, keep = _splice_args(old, new, overlap_year, overlap_period, keep_old_base)
    out = _lib.c_series_p()
    _lib.call("fc_chain_splice", ctypes.byref(a), ctypes.byref(b), ctypes.byref(opt),
              ctypes.byref(out))
    return Series._from_c(out)

"""The Series type, periods, CSV reading, pandas conversion."""
import ctypes
import math
import os

from . import _arrays, _lib

_MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun",
           "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


# ------------------------------------------------------------------ periods
def format_period(year, sub, freq):
    """"YYYY-MM" for monthly, "YYYY-Qn" for quarterly (as the C library)."""
    if freq == 12:
        return "%04d-%02d" % (year, sub)
    return "%04d-Q%d" % (year, sub)


def period_add(year, sub, freq, k):
    """(year, sub) + k periods."""
    idx = year * freq + (sub - 1) + k
    return idx // freq, idx % freq + 1


def period_diff(a, b, freq):
    """Number of periods from a to b, both (year, sub)."""
    return (b[0] - a[0]) * freq + (b[1] - a[1])


def parse_period(text, freq=None):
    """Parses "YYYY-MM", "YYYY-MM-DD" or "YYYY-Qn" with the C library's rules.

    Returns ((year, sub), freq).  Also accepts a (year, sub) tuple (then
    freq must be given), datetime.date/datetime and pandas Period/Timestamp.
    """
    if isinstance(text, tuple) and len(text) == 2:
        if freq not in (12, 4):
            raise _lib.InputError("freq must be 12 (monthly) or 4 (quarterly) "
                                  "when the period is given as a tuple, not %r" % (freq,))
        y, s = int(text[0]), int(text[1])
        if not 1 <= s <= freq:
            raise _lib.InputError("period (%d, %d): sub-period must lie in 1..%d" % (y, s, freq))
        return (y, s), freq
    if hasattr(text, "year") and hasattr(text, "month") and not isinstance(text, str):
        f = freq
        fs = getattr(text, "freqstr", None)      # pandas Period
        if f is None and fs:
            f = 4 if fs.upper().startswith("Q") else 12
        f = f or 12
        return ((text.year, text.month if f == 12 else (text.month - 1) // 3 + 1), f)
    if not isinstance(text, str):
        raise _lib.InputError("period must be a string like \"2021-03\" or \"2021-Q2\", "
                              "not %r" % (text,))
    p = _lib.FcPeriod()
    f = ctypes.c_int()
    _lib.call("fc_period_parse", text.encode(), ctypes.byref(p), ctypes.byref(f))
    if freq is not None and freq != f.value:
        if freq == 4 and f.value == 12 and "-Q" not in text:
            # "2021-04" as the start of a quarterly series: the month's quarter
            return (p.year, (p.sub - 1) // 3 + 1), 4
        raise _lib.InputError("period \"%s\" is %s but freq=%r was given"
                              % (text, "monthly" if f.value == 12 else "quarterly", freq))
    return (p.year, p.sub), f.value


# --------------------------------------------------------------- pandas in
def _is_pandas(obj):
    return type(obj).__module__.split(".")[0] == "pandas"


def _pandas_periods(index):
    """(start, freq) from a pandas PeriodIndex/DatetimeIndex, checking that
    the dates are consecutive months or quarters."""
    n = len(index)
    if n == 0:
        raise _lib.InputError("empty pandas index: cannot tell the start period")
    fs = getattr(index, "freqstr", None) or ""
    years = [int(y) for y in index.year]
    months = [int(m) for m in getattr(index, "month")]
    mi = [y * 12 + m - 1 for y, m in zip(years, months)]
    if fs.upper().startswith("Q"):
        freq = 4
    elif fs.upper().startswith("M"):
        freq = 12
    elif n >= 2:
        step = mi[1] - mi[0]
        if step not in (1, 3):
            raise _lib.InputError("pandas index steps by %d months between %s and %s; "
                                  "only monthly or quarterly series are supported"
                                  % (step, index[0], index[1]))
        freq = 12 if step == 1 else 4
    else:
        raise _lib.InputError("cannot tell the frequency of a one-observation pandas "
                              "series without a freq; pass freq=12 or freq=4")
    step = 12 // freq
    for i in range(1, n):
        if mi[i] - mi[i - 1] != step:
            raise _lib.InputError("pandas index is not consecutive at %s (after %s); "
                                  "periods must be consecutive" % (index[i], index[i - 1]))
    sub = months[0] if freq == 12 else (months[0] - 1) // 3 + 1
    return (years[0], sub), freq


# ------------------------------------------------------------------- Series
class Series:
    """A regular monthly (freq=12) or quarterly (freq=4) time series.

    >>> s = Series([100.0, 101.5, 99.8], start="2021-01", freq=12)
    >>> s.dates
    ['2021-01', '2021-02', '2021-03']

    values may be a list (None is a missing value), a numpy array (used
    without a copy when it is float64) or a pandas Series with a
    PeriodIndex/DatetimeIndex (start and freq then come from the index).
    A one-column pandas DataFrame is accepted too.

    Attributes: values (numpy array or list), freq, start (year, sub),
    name, dates, end.
    """

    __slots__ = ("values", "freq", "start", "name")

    def __init__(self, values, start=None, freq=None, name=None):
        if isinstance(values, Series):
            start = values.start if start is None else start
            freq = values.freq if freq is None else freq
            name = values.name if name is None else name
            values = values.values
        elif _is_pandas(values):
            values, start, freq, name = self._from_pandas(values, start, freq, name)
        if start is None:
            raise _lib.InputError("start period missing: Series(values, start=\"2015-01\", freq=12)")
        if freq is not None and freq not in (12, 4):
            raise _lib.InputError("freq must be 12 (monthly) or 4 (quarterly), not %r" % (freq,))
        (y, s), f = parse_period(start, freq)
        self.values = _arrays.as_values(values)
        self.freq = f
        self.start = (y, s)
        self.name = None if name is None else str(name)

    @staticmethod
    def _from_pandas(obj, start, freq, name):
        if hasattr(obj, "columns"):
            if len(obj.columns) != 1:
                raise _lib.InputError(
                    "DataFrame has %d columns %s; pass one column (df[\"name\"]) or use "
                    "libforecast.series_dict(df)" % (len(obj.columns), list(obj.columns)))
            name = obj.columns[0] if name is None else name
            obj = obj[obj.columns[0]]
        values = obj.to_numpy(dtype=float, na_value=float("nan"))
        idx = obj.index
        if start is None and (hasattr(idx, "year") and hasattr(idx, "month")):
            start, f = _pandas_periods(idx)
            if freq is not None and freq != f:
                raise _lib.InputError("freq=%r given but the pandas index is %s"
                                      % (freq, "monthly" if f == 12 else "quarterly"))
            freq = f
        if name is None and obj.name is not None:
            name = obj.name
        return values, start, freq, name

    # -- basic protocol
    def __len__(self):
        return len(self.values)

    @property
    def n(self):
        return len(self.values)

    def __iter__(self):
        return iter(self.values)

    def period(self, i):
        """(year, sub) of observation i."""
        return period_add(self.start[0], self.start[1], self.freq, i)

    @property
    def end(self):
        """(year, sub) of the last observation."""
        return self.period(max(len(self) - 1, 0))

    @property
    def dates(self):
        """Period labels, "YYYY-MM" or "YYYY-Qn"."""
        return [format_period(*self.period(i), self.freq) for i in range(len(self))]

    def index_of(self, period):
        """Position of a period ("2021-03", (2021, 3) ...) in the series."""
        (y, s), _ = parse_period(period, self.freq)
        i = period_diff(self.start, (y, s), self.freq)
        if not 0 <= i < len(self):
            raise _lib.InputError("period %s is outside the series (%s to %s)"
                                  % (format_period(y, s, self.freq),
                                     format_period(*self.start, self.freq),
                                     format_period(*self.end, self.freq)), 12)
        return i

    def __getitem__(self, key):
        if isinstance(key, slice):
            idx = range(*key.indices(len(self)))
            if key.step not in (None, 1):
                raise _lib.InputError("series slices must be contiguous (step 1)")
            start = self.period(idx.start) if len(idx) else self.start
            return Series(self.values[key], start=start, freq=self.freq, name=self.name)
        if isinstance(key, int):
            return self.values[key]
        return self.values[self.index_of(key)]

    def window(self, first=None, last=None):
        """The sub-series from period first to last inclusive."""
        i = 0 if first is None else self.index_of(first)
        j = len(self) - 1 if last is None else self.index_of(last)
        return self[i:j + 1]

    def tolist(self):
        return [float(x) for x in self.values]

    def to_pandas(self):
        """A pandas Series with a PeriodIndex (needs pandas)."""
        try:
            import pandas as pd
        except ImportError:
            raise ImportError("to_pandas() needs pandas, which is not installed") from None
        idx = pd.period_range(start=format_period(*self.start, self.freq).replace("-Q", "Q"),
                              periods=len(self), freq="M" if self.freq == 12 else "Q")
        return pd.Series(list(self.values) if not _arrays.have_numpy() else self.values,
                         index=idx, name=self.name)

    def __eq__(self, other):
        if not isinstance(other, Series):
            return NotImplemented
        if (self.freq, self.start, len(self)) != (other.freq, other.start, len(other)):
            return False
        return all((a == b) or (math.isnan(a) and math.isnan(b))
                   for a, b in zip(self.values, other.values))

    __hash__ = None

    def __repr__(self):
        return _series_repr(self)

    def plot(self, ax=None, **kwargs):
        """Line chart of the series (needs matplotlib); returns the Axes."""
        from . import plot
        return plot.plot_series(self, ax=ax, **kwargs)

    # -- C interop
    def _c(self):
        """(FcSeries struct, keep-alive) viewing this series' values without a copy."""
        ptr, keep = _arrays.c_pointer(self.values)
        cs = _lib.FcSeries()
        cs.n = len(self.values)
        cs.freq = self.freq
        cs.start = _lib.FcPeriod(self.start[0], self.start[1])
        cs.values = ptr
        cs.name = self.name.encode() if self.name else None
        return cs, keep

    @classmethod
    def _from_c(cls, ptr, free=True):
        """Copies a C fc_series (pointer) into a Series; frees it when free."""
        try:
            c = ptr.contents
            values = _arrays.from_pointer(c.values, c.n)
            name = c.name.decode("utf-8", "replace") if c.name else None
            return cls(values, start=(c.start.year, c.start.sub), freq=c.freq, name=name)
        finally:
            if free:
                _lib.fn("fc_series_free")(ptr)


def as_series(obj, name="series", start=None, freq=None):
    """Coerces obj (Series, pandas Series/DataFrame, or values with start
    and freq) into a Series."""
    if isinstance(obj, Series) and start is None and freq is None:
        return obj
    if isinstance(obj, Series) or _is_pandas(obj) or start is not None:
        return Series(obj, start=start, freq=freq)
    raise _lib.InputError("%s must be a libforecast.Series or a pandas Series with dates, "
                          "not %s (wrap values as Series(values, start=\"2015-01\", freq=12))"
                          % (name, type(obj).__name__))


def series_dict(df):
    """{column: Series} from a pandas DataFrame with a date index."""
    if not hasattr(df, "columns"):
        raise _lib.InputError("series_dict expects a pandas DataFrame")
    return {str(c): Series(df[c], name=str(c)) for c in df.columns}


def _fmt_value(x):
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return "NA"
    return "%.6g" % x


def _series_repr(s):
    n = len(s)
    kind = "monthly" if s.freq == 12 else "quarterly"
    head = "Series%s (%s, %s to %s, %d observations)" % (
        " '%s'" % s.name if s.name else "", kind,
        format_period(*s.start, s.freq), format_period(*s.end, s.freq), n)
    if n == 0:
        return head[:-1] + ", empty)"
    cells = {}
    for i in range(n):
        y, sub = s.period(i)
        cells[(y, sub)] = _fmt_value(float(s.values[i]))
    years = list(range(s.start[0], s.end[0] + 1))
    labels = _MONTHS if s.freq == 12 else ["Q1", "Q2", "Q3", "Q4"]
    width = max([len(v) for v in cells.values()] + [3])
    lines = [head, "      " + " ".join(l.rjust(width) for l in labels)]
    shown = years if len(years) <= 12 else years[:5] + [None] + years[-5:]
    for y in shown:
        if y is None:
            lines.append("  ...")
            continue
        row = [cells.get((y, k), "").rjust(width) for k in range(1, s.freq + 1)]
        lines.append("%-5d " % y + " ".join(row).rstrip())
    return "\n".join(lines)


# ---------------------------------------------------------------------- CSV
def _read_list(path):
    lst = ctypes.POINTER(_lib.FcSeriesList)()
    p = os.fspath(path)
    if isinstance(p, str):
        p = p.encode()
    _lib.call("fc_csv_read_file", p, ctypes.byref(lst))
    try:
        out = {}
        for i in range(lst.contents.count):
            s = Series._from_c(lst.contents.items[i], free=False)
            out[s.name if s.name is not None else "value"] = s
        if list(out) == ["value"]:
            # a `date,value` file: the series takes the file's name
            stem = os.path.splitext(os.path.basename(os.fsdecode(path)))[0]
            out["value"].name = stem
        return out
    finally:
        _lib.fn("fc_series_list_free")(lst)


def read_csv_all(path):
    """All series of a CSV file (long `date,value`, `series,date,value` or
    wide `date,<name1>,...`; DESIGN.md §3) as a dict name -> Series, in file
    order.  Errors carry "FILE:LINE:COLUMN: message"."""
    return _read_list(path)


def read_csv(path, series=None):
    """One series from a CSV file.

    With several series in the file, name the one wanted with series=...;
    read_csv_all() returns them all.
    """
    all_ = _read_list(path)
    if series is not None:
        if series not in all_:
            raise _lib.InputError("%s: no series named \"%s\" (it has: %s)"
                                  % (os.fspath(path), series, ", ".join(all_)), 1)
        return all_[series]
    if len(all_) != 1:
        raise _lib.InputError("%s holds %d series (%s); choose one with series=\"NAME\" "
                              "or use read_csv_all()" % (os.fspath(path), len(all_),
                                                         ", ".join(all_)), 1)
    return next(iter(all_.values()))

"""Charts with matplotlib (optional): series, growth, forecasts with a fan
of intervals, decompositions.  Every function returns the matplotlib Axes
(or Figure for multi-panel charts) so that callers can style or save it."""


class PlottingUnavailable(ImportError):
    """matplotlib is not installed in this interpreter."""


def _plt():
    try:
        import matplotlib
        import matplotlib.pyplot as plt
    except ImportError:
        raise PlottingUnavailable(
            "plotting needs matplotlib, which this Python (%s) does not have; install it "
            "(Debian: apt-get install python3-matplotlib; otherwise pip install matplotlib)"
            % __import__("sys").executable) from None
    return matplotlib, plt


def _x(series_like_dates, freq):
    """Decimal years for period labels ("2021-03" -> 2021 + 2/12)."""
    out = []
    for d in series_like_dates:
        y = int(d[:4])
        sub = int(d[6:]) if "-Q" in d else int(d[5:7])
        out.append(y + (sub - 1) / float(freq))
    return out


def _axes(ax):
    _, plt = _plt()
    if ax is None:
        _, ax = plt.subplots(figsize=(9, 4))
    return ax


def _list(xs):
    return [float(x) for x in xs]


def plot_series(s, ax=None, **kwargs):
    ax = _axes(ax)
    ax.plot(_x(s.dates, s.freq), _list(s.values), label=s.name or "series", **kwargs)
    ax.set_title(s.name or "")
    ax.grid(True, alpha=0.3)
    return ax


def plot_growth(g, ax=None, **kwargs):
    ax = _axes(ax)
    x = _x(g.dates, g.freq)
    width = 0.8 / g.freq
    ax.bar([v - width / 4 for v in x], _list(g.yoy), width=width / 2, label="y/y", **kwargs)
    ax.bar([v + width / 4 for v in x], _list(g.mom), width=width / 2, label="m/m", alpha=0.6)
    ax.axhline(0, color="black", linewidth=0.8)
    ax.set_ylabel("percent")
    ax.set_title("Growth of %s" % (g.series.name or "series"))
    ax.legend()
    return ax


def plot_forecast(f, ax=None, include=None, **kwargs):
    ax = _axes(ax)
    h = f.history
    hist_dates, hist_values = h.dates, _list(h.values)
    if include is not None:
        hist_dates, hist_values = hist_dates[-include:], hist_values[-include:]
    ax.plot(_x(hist_dates, h.freq), hist_values, color="#222222", label=h.name or "observed")
    # the forecast line and bands start at the last observation
    xf = _x(hist_dates[-1:] + f.dates, h.freq)
    last = hist_values[-1]
    for i, lv in enumerate(sorted(f.levels, reverse=True)):
        ax.fill_between(xf, [last] + _list(f.lower[lv]), [last] + _list(f.upper[lv]),
                        color="#1f77b4", alpha=0.15 + 0.15 * i, linewidth=0,
                        label="%g%% interval" % lv)
    ax.plot(xf, [last] + _list(f.mean), color="#1f77b4", linestyle="--", label="forecast",
            **kwargs)
    ax.set_title("%s forecasts of %s" % (f.method or "", h.name or "series"))
    ax.grid(True, alpha=0.3)
    ax.legend(loc="upper left")
    return ax


def plot_decomposition(d, fig=None, **kwargs):
    _, plt = _plt()
    if fig is None:
        fig = plt.figure(figsize=(9, 7))
    axes = fig.subplots(3, 1, sharex=True)
    x = _x(d.dates, d.original.freq)
    axes[0].plot(x, _list(d.original.values), color="#999999", label="original")
    axes[0].plot(x, _list(d.adjusted), color="#1f77b4", label="seasonally adjusted")
    axes[0].plot(x, _list(d.trend), color="#d62728", label="trend")
    axes[0].legend(loc="upper left")
    axes[1].plot(x, _list(d.seasonal), color="#2ca02c")
    axes[1].set_ylabel("seasonal")
    axes[2].plot(x, _list(d.irregular), color="#7f7f7f")
    axes[2].set_ylabel("irregular")
    for a in axes:
        a.grid(True, alpha=0.3)
    axes[0].set_title("%s decomposition of %s" % (d.method.upper(), d.original.name or "series"))
    return fig



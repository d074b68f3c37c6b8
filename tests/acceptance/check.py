#!/usr/bin/env python3
"""Acceptance checks: the `forecast` CLI (DESIGN.md §4) and the Python package
(§5) against R's results on real series the module fixtures do not use.

    python3 tests/acceptance/check.py [--cli build/forecast] [--lib build/libforecast.so]
                      [--pkg bindings/python] [--only cli|python] [--strict] [--verbose]

Reads tests/fixtures/acceptance/{arima,stl,auto}.json (made by
tests/fixtures/gen_acceptance.R from R 4.2 / forecast 8.20; no R needed here)
and compares, with the tolerances of DESIGN.md §6:
  fit      loglik 1e-6 relative to R's best optimum (default or tight
           optimiser; a different optimum, higher or lower, fails),
           coefficients 1e-4 (relative above 1), sigma2 1e-4 relative,
           aic/aicc/bic within what the loglik tolerance allows, nobs exactly,
           JSON keys and coefficient names as R prints them; the fit JSON;
  forecast mean and 80/95 % limits from our estimates (CLI `project --model`,
           Python ArimaModel.forecast) 1e-4 relative or twice R's own spread
           between its default and tight optimum; with R's coefficients fixed
           (Python) loglik, sigma2 and forecasts 1e-6 relative (DESIGN §6);
  stl      seasonal/trend/remainder within 1e-8 (CLI `adjust --method stl`,
           Python lf.stl);
  auto     the model forecast::auto.arima chooses and its AICc (another model
           with a lower AICc than R's is reported as BETTER, failed only with
           --strict);
plus growth (m/m, y/y, year to date, quarters) against their definitions,
the identities of plain X-11's tables, the quarter projection's JSON, the
CLI's exit statuses, FILE:LINE:COLUMN messages and standard input, and the
Python names of DESIGN §5 (lf.read_csv, lf.Series, lf.growth, lf.arima,
.forecast, lf.auto_arima, lf.stl, lf.x11, lf.project_quarter).
Outcomes besides ok/FAIL: KNOWN (a deviation written down for its owner in
the team's findings notes; fails only with --strict), BETTER (see auto) and
PENDING (the command is still a placeholder on this build: reported, its
comparisons run once it exists).  Standard library only; pandas input is
checked when pandas is installed.  Last line: "N passed, N failed".
"""
import argparse
import json
import math
import os
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
FIX = os.path.join(ROOT, "tests", "fixtures", "acceptance")

# check-name prefixes that are known deviations (see the findings file);
# reported as KNOWN, not counted as failures unless --strict.
KNOWN = set()
# Fixed since first reported, now checked normally: F1 (q892 ARIMA(2,0,1)+mean),
# F3 (forecast auto), F4 (adjust --method x11 default --regarima auto),
# F5 (quarter of a quarterly series), F6 (cnx airline).


class Checker:
    def __init__(self, strict, verbose):
        self.strict, self.verbose = strict, verbose
        self.passed = self.failed = self.known = 0
        self.failures = []
        self.pending = []
        self.improved = []

    def better(self, name, detail):
        """A different answer than R's that is better by R's own criterion
        (a lower AICc): reported, failed only with --strict."""
        if self.strict:
            return self.check(name, False, detail)
        self.improved.append(name)
        print("BETTER %s %s" % (name, detail))
        return True

    def absent(self, name, why):
        """A command or function that is still a placeholder on this build:
        reported (not silently skipped) and not counted; its comparisons run
        as soon as it exists."""
        self.pending.append(name)
        print("PENDING %s %s" % (name, why))

    def check(self, name, ok, detail=""):
        if ok:
            self.passed += 1
            if self.verbose:
                print("ok    %s %s" % (name, detail))
            return True
        if not self.strict and any(name.startswith(k) for k in KNOWN):
            self.known += 1
            print("KNOWN %s %s" % (name, detail))
            return False
        self.failed += 1
        self.failures.append(name)
        print("FAIL  %s %s" % (name, detail))
        return False


def rel(a, b):
    if a is None or b is None:
        return math.inf
    if isinstance(a, float) and math.isnan(a):
        return math.inf
    return abs(a - b) / max(abs(b), 1e-300)


def close_vec(got, want, rtol, atol=0.0):
    """Largest violation ratio of |got-want| <= atol + rtol*|want| (<= 1 ok)."""
    if got is None or len(got) != len(want):
        return math.inf, -1
    worst, where = 0.0, -1
    for i, (g, w) in enumerate(zip(got, want)):
        if w is None:
            continue
        if g is None or math.isnan(g):
            return math.inf, i
        den = atol + rtol * abs(w)
        r = abs(g - w) / den if den > 0 else (0.0 if g == w else math.inf)
        if r > worst:
            worst, where = r, i
    return worst, where


def csv_text(series):
    lines = ["date,value"]
    for d, v in zip(series["dates"], series["values"]):
        lines.append("%s,%s" % (d, "" if v is None else repr(float(v))))
    return "\n".join(lines) + "\n"


def placeholder(code, err):
    return code == 1 and "not implemented" in err


def run(cli, args, stdin_text=None):
    p = subprocess.run([cli] + args, input=stdin_text, capture_output=True, text=True,
                       timeout=300)
    return p.returncode, p.stdout, p.stderr


def parse_csv(text):
    rows = [r.split(",") for r in text.strip().splitlines()]
    return rows[0], rows[1:]


def column(header, rows, name):
    if name not in header:
        return None
    j = header.index(name)
    return [float(r[j]) if r[j] != "" else float("nan") for r in rows]


# ------------------------------------------------------------------ SARIMA fits
FIT_KEYS = ["order", "seasonal", "coef", "se", "sigma2", "loglik", "aic", "aicc", "bic", "nobs"]


def compare_fit(ck, name, got, want, order, seasonal):
    """got: dict with coef, se, sigma2, loglik, aic, aicc, bic, nobs (ours);
    want: R's tight fit."""
    ll_r = want["loglik"]
    ll = got.get("loglik")
    tol_ll = 1e-6 * abs(ll_r)
    better = ll is not None and ll > ll_r + tol_ll    # another (higher) optimum than R's
    ck.check(name + ".loglik", ll is not None and abs(ll - ll_r) <= tol_ll,
             "got %r R %r (rel %.2g%s)" % (ll, ll_r, rel(ll, ll_r),
                                           ", higher than R" if better else ""))
    names_r = list(want["coef"])
    names = list(got.get("coef", {}))
    ck.check(name + ".coef_names", names == names_r, "got %s R %s" % (names, names_r))
    # 1e-4 absolute, relative for coefficients larger than 1 (intercept, drift)
    worst = max([abs(got["coef"].get(k, math.inf) - v) / max(1.0, abs(v))
                 for k, v in want["coef"].items()] or [0])
    ck.check(name + ".coef", worst <= 1e-4,
             "max scaled diff %.3g; got %s R %s" % (worst, got.get("coef"), want["coef"]))
    ck.check(name + ".sigma2", rel(got.get("sigma2"), want["sigma2"]) <= 1e-4,
             "got %r R %r" % (got.get("sigma2"), want["sigma2"]))
    for k in ("aic", "aicc", "bic"):
        ck.check(name + "." + k, abs(got.get(k, math.inf) - want[k]) <= 2 * tol_ll + 1e-9,
                 "got %r R %r" % (got.get(k), want[k]))
    worst_se = max([rel(got.get("se", {}).get(k), v) for k, v in want["se"].items()] or [0])
    ck.check(name + ".se", worst_se <= 1e-2,
             "max rel %.3g; got %s R %s" % (worst_se, got.get("se"), want["se"]))
    ck.check(name + ".nobs", got.get("nobs") == want["nobs"],
             "got %r R %r" % (got.get("nobs"), want["nobs"]))
    if order is not None:
        ck.check(name + ".order", list(got.get("order", [])) == list(order) and
                 list(got.get("seasonal", [])) == list(seasonal),
                 "got %s%s want %s%s" % (got.get("order"), got.get("seasonal"), order, seasonal))


def cli_fit_args(c):
    a = ["fit", "--order", ",".join(map(str, c["order"]))]
    if any(c["seasonal"]):
        a += ["--seasonal", ",".join(map(str, c["seasonal"])), "--period", str(c["period"])]
    a += ["--transform", c["transform"]]
    if c["mean"]:
        a.append("--mean")
    if c["drift"]:
        a.append("--drift")
    return a + ["-"]


def fit_json_or_fail(ck, name, code, out, err):
    """The fit JSON of a CLI run that must exit 0 with every FIT_KEYS field, else None (failures recorded)."""
    if not ck.check(name + ".exit", code == 0, "exit %d: %s" % (code, err.strip()[:300])):
        return None
    try:
        got = json.loads(out)
    except ValueError as e:
        ck.check(name + ".json", False, str(e))
        return None
    missing = [k for k in FIT_KEYS if k not in got]
    ck.check(name + ".keys", not missing, "missing %s" % missing)
    return got


def check_cli_fits(ck, cli, fx):
    for c in fx["cases"]:
        name = "cli.fit." + c["name"]
        code, out, err = run(cli, cli_fit_args(c), csv_text(fx["series"][c["series"]]))
        got = fit_json_or_fail(ck, name, code, out, err)
        if got is None:
            continue
        ck.check(name + ".se_names", list(got.get("se", {})) == list(got.get("coef", {})),
                 "se %s coef %s" % (list(got.get("se", {})), list(got.get("coef", {}))))
        compare_fit(ck, name, got, c["tight"], c["order"], c["seasonal"])


# Forecasts from OUR estimates: their distance to R's follows the coefficient
# distance (both optimisers stop within ~1e-5 of a flat optimum), so they are
# held to 1e-4 relative and the figures are collected (FORECAST_DEV) to
# compare with R's own spread between its default and tight optimum.  The
# forecast code itself is held to 1e-8 with R's coefficients fixed (Python).
FORECAST_RTOL = 1e-4
FORECAST_DEV = []


def check_forecast(ck, name, dates, mean, lo, hi, want, rtol=FORECAST_RTOL, r_default=None):
    ck.check(name + ".dates", dates == want["dates"], "got %s.. R %s.." % (dates[:2], want["dates"][:2]))
    worst_rel = 0.0
    cols = [("mean", mean)] + [("%s%d" % (side, lv), d.get(lv)) for lv in (80, 95)
                               for side, d in (("lo", lo), ("hi", hi))]
    r_noise = None
    if r_default is not None:
        r_noise = max(close_vec(r_default[k], want[k], 1.0)[0] for k, _ in cols)
        rtol = max(rtol, 2 * r_noise)
    cols = [("mean", mean)] + [("%s%d" % (side, lv), d.get(lv)) for lv in (80, 95)
                               for side, d in (("lo", lo), ("hi", hi))]
    for key, got in cols:
        w, i = close_vec(got, want[key], rtol)
        worst_rel = max(worst_rel, w * rtol)
        ck.check("%s.%s" % (name, key), w <= 1, "worst |rel| %.3g at h=%d" % (w * rtol, i + 1))
    if r_noise is not None:
        FORECAST_DEV.append((name, worst_rel, r_noise))


def check_cli_forecasts(ck, cli, fx):
    for c in fx["cases"]:
        name = "cli.project." + c["name"]
        model = ",".join(map(str, c["order"])) + "/" + ",".join(map(str, c["seasonal"]))
        h = c["forecast"]["h"]
        terms = (["--mean"] if c["mean"] else []) + (["--drift"] if c["drift"] else [])
        code, out, err = run(cli, ["project", "--model", model, "--transform", c["transform"]] + terms +
                                  ["--horizon", str(h), "--level", "80,95", "-"],
                             csv_text(fx["series"][c["series"]]))
        if not ck.check(name + ".exit", code == 0, "exit %d: %s" % (code, err.strip()[:300])):
            continue
        header, rows = parse_csv(out)
        ck.check(name + ".header", header == ["date", "mean", "lo80", "hi80", "lo95", "hi95"],
                 "got %s" % header)
        check_forecast(ck, name, [r[0] for r in rows], column(header, rows, "mean"),
                       {80: column(header, rows, "lo80"), 95: column(header, rows, "lo95")},
                       {80: column(header, rows, "hi80"), 95: column(header, rows, "hi95")},
                       c["forecast"], r_default=c.get("forecast_default"))


# ------------------------------------------------------------------ STL
def stl_args(c):
    a = ["adjust", "--method", "stl", "--period", str(c["period"]), "--s-window", str(c["s_window"])]
    if c["t_window"] is not None:
        a += ["--t-window", str(c["t_window"])]
    if c["robust"]:
        a.append("--robust")
    return a + ["-"]


def compare_stl(ck, name, comp, c, series):
    for ours, theirs in (("seasonal", "seasonal"), ("trend", "trend"), ("irregular", "remainder")):
        w, i = close_vec(comp.get(ours), c[theirs], 1e-8, 1e-8)
        ck.check("%s.%s" % (name, ours), w <= 1, "worst ratio %.3g at %d" % (w, i))
    adj = comp.get("adjusted")
    want_adj = [None if v is None else v - s for v, s in zip(series["values"], c["seasonal"])]
    w, i = close_vec(adj, want_adj, 1e-8, 1e-8)
    ck.check(name + ".adjusted", w <= 1, "worst ratio %.3g at %d" % (w, i))


def check_cli_stl(ck, cli, fx):
    for c in fx["cases"]:
        if c.get("extra"):
            continue                      # options the CLI does not have (Python only)
        name = "cli.stl." + c["name"]
        s = fx["series"][c["series"]]
        code, out, err = run(cli, stl_args(c), csv_text(s))
        if placeholder(code, err):
            ck.absent(name, err.strip())
            continue
        if not ck.check(name + ".exit", code == 0, "exit %d: %s" % (code, err.strip()[:300])):
            continue
        header, rows = parse_csv(out)
        want_h = ["date", "original", "seasonal", "trend", "irregular", "adjusted"]
        ck.check(name + ".header", header == want_h, "got %s" % header)
        ck.check(name + ".dates", [r[0] for r in rows] == s["dates"], "")
        comp = {k: column(header, rows, k) for k in want_h[2:]}
        compare_stl(ck, name, comp, c, s)


# ------------------------------------------------------------------ auto
def check_auto(ck, name, got, c):
    order, seas = list(got.get("order", [])), list(got.get("seasonal", []))
    same = order == c["order"] and seas == c["seasonal"]
    names_r = list(c["fit"]["coef"])
    aicc, aicc_r = got.get("aicc"), c["fit"]["aicc"]
    lower = aicc is not None and aicc < aicc_r - 1e-6 * abs(aicc_r)
    detail = "got %s%s %s aicc %r; R %s%s %s aicc %r" % (order, seas, list(got.get("coef", {})),
                                                         aicc, c["order"], c["seasonal"], names_r,
                                                         aicc_r)
    if not (same and list(got.get("coef", {})) == names_r) and lower:
        ck.better(name + ".model", detail)
    else:
        ck.check(name + ".model", same and list(got.get("coef", {})) == names_r, detail)
    if same and aicc is not None:
        ck.check(name + ".aicc", abs(aicc - aicc_r) <= 2e-6 * abs(aicc_r) + 1e-9 or lower,
                 "got %r R %r" % (aicc, aicc_r))


def check_cli_auto(ck, cli, fx):
    # two searches at a time (the slowest take seconds); results checked in order
    import concurrent.futures
    with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
        runs = [pool.submit(run, cli, ["auto", "--transform", c["transform"], "-"],
                            csv_text(fx["series"][c["series"]])) for c in fx["cases"]]
    # without --transform, `auto` is auto.arima's default (no transformation)
    c0 = [c for c in fx["cases"] if c["name"] == "fr_none"][0]
    code, out, err = run(cli, ["auto", "-"], csv_text(fx["series"][c0["series"]]))
    if not placeholder(code, err) and ck.check("cli.auto.default.exit", code == 0, err[:200]):
        check_auto(ck, "cli.auto.default_transform", json.loads(out), c0)
    for c, r in zip(fx["cases"], runs):
        name = "cli.auto." + c["name"]
        code, out, err = r.result()
        if placeholder(code, err):
            ck.absent(name, err.strip())
            continue
        got = fit_json_or_fail(ck, name, code, out, err)
        if got is None:
            continue
        check_auto(ck, name, got, c)


# ------------------------------------------------------------------ CLI contract
def check_cli_contract(ck, cli, fx_arima, tmp):
    s = fx_arima["series"]["fr"]
    path = os.path.join(tmp, "fr.csv")
    with open(path, "w") as f:
        f.write(csv_text(s))
    code, out_file, _ = run(cli, ["growth", path])
    code2, out_stdin, _ = run(cli, ["growth", "-"], csv_text(s))
    ck.check("cli.growth.stdin_equals_file", code == 0 and code2 == 0 and out_file == out_stdin)
    header, rows = parse_csv(out_file)
    ck.check("cli.growth.header", header[:5] == ["date", "value", "mom", "yoy", "ytd_yoy"],
             "got %s" % header)
    v = s["values"]
    mom = column(header, rows, "mom")
    yoy = column(header, rows, "yoy")
    w1, _ = close_vec(mom[1:], [100 * (v[i] / v[i - 1] - 1) for i in range(1, len(v))], 1e-12, 1e-12)
    w2, _ = close_vec(yoy[12:], [100 * (v[i] / v[i - 12] - 1) for i in range(12, len(v))], 1e-12,
                      1e-12)
    ck.check("cli.growth.mom_yoy_percent", w1 <= 1 and w2 <= 1, "ratios %.3g %.3g" % (w1, w2))
    # year to date: ratio of the sums of the same months (percent)
    ytd = column(header, rows, "ytd_yoy")
    dates = s["dates"]
    want_ytd = [None] * 12
    for i in range(12, len(v)):
        m = int(dates[i][5:7])
        want_ytd.append(100 * (sum(v[i - m + 1:i + 1]) / sum(v[i - 12 - m + 1:i - 11]) - 1))
    w3, _ = close_vec(ytd, want_ytd, 1e-12, 1e-12)
    ck.check("cli.growth.ytd_yoy", w3 <= 1, "ratio %.3g" % w3)
    # quarters (--quarterly): mean of the months, q/q and y/y in percent
    code, outq, _ = run(cli, ["growth", "--quarterly", "-"], csv_text(s))
    hq, rq = parse_csv(outq)
    qrows = [r for r in rq if "Q" in r[0]]
    qmean = {}
    for d, x in zip(dates, v):
        qmean.setdefault("%s-Q%d" % (d[:4], (int(d[5:7]) - 1) // 3 + 1), []).append(x)
    qkeys = [k for k in qmean if len(qmean[k]) == 3]
    qv = {k: sum(qmean[k]) / 3 for k in qkeys}
    ok = code == 0 and [r[0] for r in qrows] == qkeys
    worst = 0.0
    for r in qrows if ok else []:
        k = r[0]
        y, qn = int(k[:4]), int(k[-1])
        prev = "%d-Q%d" % ((y, qn - 1) if qn > 1 else (y - 1, 4))
        ly = "%d-Q%d" % (y - 1, qn)
        got = dict(zip(hq, r))
        worst = max(worst, rel(float(got["value"]), qv[k]))
        if prev in qv:
            worst = max(worst, abs(float(got["qoq"]) - 100 * (qv[k] / qv[prev] - 1)) / 1e2)
        if ly in qv:
            worst = max(worst, abs(float(got["q_yoy"]) - 100 * (qv[k] / qv[ly] - 1)) / 1e2)
    ck.check("cli.growth.quarterly", ok and worst <= 1e-12,
             "exit %d, %d quarter rows (want %d), worst %.3g" % (code, len(qrows), len(qkeys), worst))
    bad = [
        ("badnum", "date,value\n2020-01,1\n2020-02,abc\n", "bad.csv:3:9:"),
        ("gap", "date,value\n2020-01,1\n2020-03,2\n", "bad.csv:3:"),
        ("baddate", "date,value\n2020-13,1\n", "bad.csv:2:1:"),
        ("cells", "date,value\n2020-01,1,2\n", "bad.csv:2:"),
    ]
    for tag, text, prefix in bad:
        p = os.path.join(tmp, "bad.csv")
        with open(p, "w") as f:
            f.write(text)
        code, out, err = run(cli, ["growth", p])
        ck.check("cli.error.%s" % tag, code == 1 and err.startswith(os.path.join(tmp, prefix))
                 and out == "", "exit %d stderr %r" % (code, err[:200]))
    code, _, err = run(cli, ["fit", "--order", "0,1,1", os.path.join(tmp, "none.csv")])
    ck.check("cli.error.missing_file", code == 1 and err.strip() != "", "exit %d" % code)
    for cmd in ("growth", "fit", "auto", "project", "adjust", "report"):
        code, _, err = run(cli, [cmd, "--no-such-option", path])
        ck.check("cli.usage.%s" % cmd, code == 1 and err.strip() != "", "exit %d" % code)
    # a numerical failure is exit 2: too short for the seasonal model asked for
    short = "date,value\n" + "".join("2020-%02d,%d\n" % (m, m + 1) for m in range(1, 13))
    code, _, err = run(cli, ["fit", "--order", "0,1,1", "--seasonal", "0,1,1", "--period", "12",
                             "-"], short)
    ck.check("cli.fit.too_short_exit", code in (1, 2) and err.strip() != "",
             "exit %d %r" % (code, err[:200]))
    code, _, err = run(cli, ["fit", "--order", "0,1,1", "--transform", "log", "-"],
                       "date,value\n2020-01,1\n2020-02,-1\n2020-03,2\n2020-04,3\n2020-05,4\n")
    ck.check("cli.fit.log_nonpositive_exit", code in (1, 2) and err.strip() != "",
             "exit %d %r" % (code, err[:200]))
    # the DESIGN default (--regarima auto) and the table identities of
    # plain X-11 (multiplicative: D11 = B1 / D10, D13 = D11 / D12)
    code, out, err = run(cli, ["adjust", "--method", "x11", path])
    ck.check("cli.x11.default_regarima", code == 0, "exit %d %s" % (code, err.strip()[:160]))
    code, out, err = run(cli, ["adjust", "--method", "x11", "--regarima", "none", "--mode", "mult",
                               "-"], csv_text(s))
    if ck.check("cli.x11.none.exit", code == 0, "exit %d %s" % (code, err.strip()[:200])):
        header, rows = parse_csv(out)
        ck.check("cli.x11.none.header", header == ["date", "original", "seasonal", "trend",
                                                    "irregular", "adjusted"], str(header))
        col = {k: column(header, rows, k) for k in header[1:]}
        w1, _ = close_vec(col["adjusted"], [o / f for o, f in zip(col["original"], col["seasonal"])],
                          1e-12)
        w2, _ = close_vec(col["irregular"], [a / t for a, t in zip(col["adjusted"], col["trend"])],
                          1e-12)
        ck.check("cli.x11.none.identities", w1 <= 1 and w2 <= 1, "ratios %.3g %.3g" % (w1, w2))
    # quarter projection: JSON fields; a quarterly series' next quarter
    last = s["dates"][-1]
    y, mth = int(last[:4]), int(last[5:7])
    q = "%d-Q%d" % (y + (1 if mth >= 10 else 0), 1 if mth >= 10 else (mth - 1) // 3 + 2)
    code, out, err = run(cli, ["project", "--quarter", q, "-"], csv_text(s))
    if ck.check("cli.project.quarter.exit", code == 0, "exit %d %s" % (code, err.strip()[:200])):
        try:
            js = json.loads(out)
        except ValueError as e:
            js = {}
            ck.check("cli.project.quarter.json", False, str(e))
        keys = ("quarter", "level", "yoy", "level_lower", "level_upper", "yoy_lower", "yoy_upper")
        ck.check("cli.project.quarter.fields", all(k in js for k in keys),
                 "missing %s" % [k for k in keys if k not in js])
        ck.check("cli.project.quarter.ordered", js.get("quarter") == q and
                 js.get("yoy_lower", 0) < js.get("yoy", 0) < js.get("yoy_upper", 0), out[:200])
    sq = fx_arima["series"]["q866"]
    yq, qq = int(sq["dates"][-1][:4]), int(sq["dates"][-1][-1])
    nq = "%d-Q%d" % (yq + qq // 4, qq % 4 + 1)
    code, out, err = run(cli, ["project", "--quarter", nq, "-"], csv_text(sq))
    ck.check("cli.project.quarter_of_quarterly", code == 0, "exit %d %s" % (code, err.strip()[:200]))
    code, out, _ = run(cli, ["calendar", "--holiday", "lny", "--country", "vn", "--from", "2024",
                             "--to", "2025"])
    ck.check("cli.calendar.lny_vn", code == 0 and out.strip().splitlines() ==
             ["year,date", "2024,2024-02-10", "2025,2025-01-29"], repr(out[:120]))
    code, out, _ = run(cli, ["calendar", "--holiday", "easter", "--country", "vn", "--from",
                             "2024", "--to", "2024"])
    ck.check("cli.calendar.easter", code == 0 and out.strip().splitlines()[-1] == "2024,2024-03-31",
             repr(out[:120]))


# ------------------------------------------------------------------ Python
def python_checks(ck, cli, lib, pkg, fx_arima, fx_stl, fx_auto, tmp):
    sys.path.insert(0, pkg)
    os.environ["LIBFORECAST_LIB"] = os.path.abspath(lib)
    try:
        import libforecast as lf
    except Exception as e:      # noqa: BLE001 - report any import failure
        ck.check("py.import", False, repr(e))
        return
    series_cache = {}

    def load(fx, key):
        if key not in series_cache:
            p = os.path.join(tmp, "py_%s.csv" % key)
            with open(p, "w") as f:
                f.write(csv_text(fx["series"][key]))
            series_cache[key] = lf.read_csv(p)
        return series_cache[key]

    def lst(x):
        return None if x is None else [float(v) for v in x]

    # lf.Series(values, start=, freq=) is the same series as read_csv's (§5)
    for key in ("es_na", "q866"):
        sd = fx_arima["series"][key]
        try:
            built = lf.Series([float("nan") if v is None else v for v in sd["values"]],
                              start=sd["dates"][0], freq=sd["freq"])
            a = lf.arima(built, order=(0, 1, 1), seasonal=(0, 1, 1))
            b = lf.arima(load(fx_arima, key), order=(0, 1, 1), seasonal=(0, 1, 1))
            ck.check("py.series_ctor." + key, a.loglik == b.loglik and a.nobs == b.nobs and
                     lf.growth(built).yoy is not None, "loglik %r vs %r" % (a.loglik, b.loglik))
        except Exception as e:  # noqa: BLE001
            ck.check("py.series_ctor." + key, False, repr(e))
    try:
        import pandas as pd
    except ImportError:
        pd = None
        print("note  py.pandas_input not run: pandas is not installed for %s" % sys.executable)
    if pd is not None:
        sd = fx_arima["series"]["fr"]
        ps = pd.Series(sd["values"], index=pd.period_range(sd["dates"][0], periods=len(sd["values"]),
                                                            freq="M"))
        try:
            a = lf.arima(ps, order=(0, 1, 1), seasonal=(0, 1, 1), transform="log")
            ck.check("py.pandas_input", rel(a.loglik, fx_arima["cases"][0]["tight"]["loglik"]) <= 1e-6,
                     "loglik %r" % a.loglik)
        except Exception as e:  # noqa: BLE001
            ck.check("py.pandas_input", False, repr(e))
    s = load(fx_arima, "fr")
    g = lf.growth(s)
    ck.check("py.growth.fields", all(hasattr(g, k) for k in ("mom", "yoy", "ytd_yoy")),
             str([k for k in ("mom", "yoy", "ytd_yoy") if not hasattr(g, k)]))
    for c in fx_arima["cases"]:
        name = "py.arima." + c["name"]
        try:
            m = lf.arima(load(fx_arima, c["series"]), order=tuple(c["order"]),
                         seasonal=tuple(c["seasonal"]), transform=c["transform"],
                         include_mean=c["mean"], include_drift=c["drift"])
        except Exception as e:  # noqa: BLE001
            ck.check(name + ".fit", False, repr(e))
            continue
        fields = ("coef", "se", "loglik", "aic", "aicc", "bic", "sigma2", "nobs")
        ck.check(name + ".fields", all(hasattr(m, k) for k in fields))
        got = {k: getattr(m, k, None) for k in fields}
        compare_fit(ck, name, got, c["tight"], None, None)
        try:
            f = m.forecast(h=c["forecast"]["h"], level=(80, 95))
            check_forecast(ck, name + ".forecast", list(f.dates), lst(f.mean),
                           {lv: lst(f.lower[lv]) for lv in (80, 95)},
                           {lv: lst(f.upper[lv]) for lv in (80, 95)}, c["forecast"],
                           r_default=c.get("forecast_default"))
        except Exception as e:  # noqa: BLE001
            ck.check(name + ".forecast", False, repr(e))
        # R's coefficients fixed: the likelihood and forecast code alone
        try:
            mf = lf.arima(load(fx_arima, c["series"]), order=tuple(c["order"]),
                          seasonal=tuple(c["seasonal"]), transform=c["transform"],
                          include_mean=c["mean"], include_drift=c["drift"],
                          fixed=dict(c["tight"]["coef"]))
            fxd = c["fixed"]
            ck.check(name + ".fixed.loglik", rel(mf.loglik, fxd["loglik"]) <= 1e-6,
                     "got %r R %r" % (mf.loglik, fxd["loglik"]))
            ck.check(name + ".fixed.sigma2", rel(mf.sigma2, fxd["sigma2"]) <= 1e-6,
                     "got %r R %r" % (mf.sigma2, fxd["sigma2"]))
            f = mf.forecast(h=c["forecast"]["h"], level=(80, 95))
            check_forecast(ck, name + ".fixed.forecast", list(f.dates), lst(f.mean),
                           {lv: lst(f.lower[lv]) for lv in (80, 95)},
                           {lv: lst(f.upper[lv]) for lv in (80, 95)}, fxd["forecast"], rtol=1e-6)
        except Exception as e:  # noqa: BLE001
            ck.check(name + ".fixed", False, repr(e))
    for c in fx_stl["cases"]:
        name = "py.stl." + c["name"]
        try:
            d = lf.stl(load(fx_stl, c["series"]), period=c["period"], s_window=c["s_window"],
                       robust=c["robust"], t_window=c["t_window"], **(c.get("extra") or {}))
        except Exception as e:  # noqa: BLE001
            ck.check(name, False, repr(e))
            continue
        compare_stl(ck, name, {k: lst(getattr(d, k, None)) for k in
                               ("seasonal", "trend", "irregular", "adjusted")},
                    c, fx_stl["series"][c["series"]])
    if not hasattr(lf, "auto_arima"):
        ck.absent("py.auto_arima", "lf.auto_arima is not in this build")
    else:
        py_auto = ("fr_none", "kr_log", "spip_none", "n1879_log", "q892_none", "it_none")
        for c in [c for c in fx_auto["cases"] if c["name"] in py_auto]:  # CLI runs them all
            name = "py.auto." + c["name"]
            try:
                a = lf.auto_arima(load(fx_auto, c["series"]), transform=c["transform"])
            except Exception as e:  # noqa: BLE001
                ck.check(name, False, repr(e))
                continue
            got = {"order": list(getattr(a, "order", [])),
                   "seasonal": list(getattr(a, "seasonal", [])),
                   "coef": getattr(a, "coef", {}), "aicc": getattr(a, "aicc", None)}
            check_auto(ck, name, got, c)
    s = load(fx_arima, "fr")
    try:
        x = lf.x11(s, mode="mult")
        keys = ("seasonal", "trend", "irregular", "adjusted")
        ck.check("py.x11.fields", all(hasattr(x, k) for k in keys))
        code, out, err = run(cli, ["adjust", "--method", "x11", "--regarima", "none", "--mode",
                                   "mult", "-"], csv_text(fx_arima["series"]["fr"]))
        if code == 0:
            header, rows = parse_csv(out)
            worst = max(close_vec(lst(getattr(x, k)), column(header, rows, k), 1e-12, 1e-12)[0]
                        for k in keys)
            ck.check("py.x11.equals_cli", worst <= 1, "worst ratio %.3g" % worst)
    except Exception as e:  # noqa: BLE001
        ck.check("py.x11.fields", False, repr(e))
    if not hasattr(lf, "project_quarter"):
        ck.absent("py.project_quarter", "lf.project_quarter is not in this build")
    else:
        try:
            last = fx_arima["series"]["fr"]["dates"][-1]
            y, mth = int(last[:4]), int(last[5:7])
            q = "%d-Q%d" % (y + (1 if mth >= 10 else 0), 1 if mth >= 10 else (mth - 1) // 3 + 2)
            pq = lf.project_quarter(s, q, level=80)
            keys = ("yoy", "lower", "upper", "level", "level_lower", "level_upper")
            ck.check("py.project_quarter.fields", all(hasattr(pq, k) for k in keys),
                     str([k for k in keys if not hasattr(pq, k)]))
            ck.check("py.project_quarter.ordered",
                     pq.lower < pq.yoy < pq.upper and pq.level_lower < pq.level < pq.level_upper,
                     "%r" % ([getattr(pq, k) for k in keys],))
        except Exception as e:  # noqa: BLE001
            ck.check("py.project_quarter", False, repr(e))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--cli", default=os.path.join(ROOT, "build", "forecast"))
    ap.add_argument("--lib", default=os.path.join(ROOT, "build", "libforecast.so"))
    ap.add_argument("--pkg", default=os.path.join(ROOT, "bindings", "python"),
                    help="directory holding the libforecast Python package")
    ap.add_argument("--strict", action="store_true", help="known deviations fail too")
    ap.add_argument("--verbose", action="store_true")
    ap.add_argument("--only", choices=("cli", "python"), default=None)
    a = ap.parse_args()
    fx = {k: json.load(open(os.path.join(FIX, k + ".json"))) for k in ("arima", "stl", "auto")}
    for c in fx["arima"]["cases"] + fx["auto"]["cases"]:   # R writes an empty named list as []
        for fit in (c.get("default"), c.get("tight"), c.get("fit")):
            if fit is not None:
                fit["coef"] = fit["coef"] or {}
                fit["se"] = fit["se"] or {}
    ck = Checker(a.strict, a.verbose)
    with tempfile.TemporaryDirectory() as tmp:
        if a.only in (None, "cli"):
            check_cli_contract(ck, a.cli, fx["arima"], tmp)
            check_cli_fits(ck, a.cli, fx["arima"])
            check_cli_forecasts(ck, a.cli, fx["arima"])
            check_cli_stl(ck, a.cli, fx["stl"])
            check_cli_auto(ck, a.cli, fx["auto"])
        if a.only in (None, "python"):
            python_checks(ck, a.cli, a.lib, a.pkg, fx["arima"], fx["stl"], fx["auto"], tmp)
    if FORECAST_DEV:
        ours = max(FORECAST_DEV, key=lambda t: t[1])
        theirs = max(FORECAST_DEV, key=lambda t: t[2])
        print("acceptance: forecasts from estimated models: largest relative deviation from R "
              "%.2g (%s); R's own default-vs-tight optimum spread up to %.2g (%s)"
              % (ours[1], ours[0], theirs[2], theirs[0]))
    if ck.improved:
        print("acceptance: %d answer(s) differ from R's with a lower AICc (%s; --strict fails them)"
              % (len(ck.improved), ", ".join(ck.improved)))
    if ck.pending:
        print("acceptance: %d case(s) PENDING: placeholders on this build (%s ...)"
              % (len(ck.pending), ck.pending[0]))
    if ck.known:
        print("acceptance: %d known deviation(s) not counted (see "
              "/work/notes/acceptance_findings.md; --strict counts them)" % ck.known)
    print("%d passed, %d failed" % (ck.passed, ck.failed))
    return 1 if ck.failed else 0


if __name__ == "__main__":
    sys.exit(main())

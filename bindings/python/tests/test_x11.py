"""lf.x11 against X-13ARIMA-SEATS (the X-11 issue's fixtures: fixed-filter
specs `x11{mode=mult|add seasonalma=s3x5 trendma=13 (5 quarterly)}`,
tables D10-D13 saved by X-13 1.1 build 60, tests/fixtures/x13)."""
import csv
import json
import os
import unittest

import libforecast as lf
from helpers import Case, REPO

X13 = os.path.join(REPO, "tests", "fixtures", "x13")


def _table(series, spec, name):
    with open(os.path.join(X13, series, spec, name + ".csv")) as f:
        rows = list(csv.DictReader(f))
    return [r["date"] for r in rows], [float(r["value"]) for r in rows]


def _input(series):
    dates, values = _table(series, "fixed", "b1")
    d = dates[0]
    start = d if "Q" in d or len(d) == 7 else d[:7]
    return lf.Series(values, start=start, name=series)


class X11MatchesX13(Case):
    def test_fixed_filter_runs_within_1e6(self):
        for series in ("AirPassengers", "UKgas", "nottem", "USAccDeaths"):
            for spec, mode in (("fixed", "mult"), ("fixed_add", "add")):
                path = os.path.join(X13, series, spec)
                if not os.path.isdir(path):
                    continue
                with self.subTest(series=series, spec=spec):
                    s = _input(series)
                    d = lf.x11(s, mode=mode, seasonalma="s3x5",
                               trendma=13 if s.freq == 12 else 5)
                    for attr, table in (("seasonal", "d10"), ("adjusted", "d11"),
                                        ("trend", "d12"), ("irregular", "d13")):
                        _, want = _table(series, spec, table)
                        self.assertAllClose(getattr(d, attr), want, rel=1e-6, abs_=1e-6)
                    self.assertEqual(d.dates, _table(series, spec, "d10")[0])
                    with open(os.path.join(path, "summary.json")) as f:
                        summary = json.load(f)
                    if d.diagnostics is not None and "udg_f3_q" in summary:
                        # X-13 prints Q with 2 decimals
                        self.assertClose(d.diagnostics["q"], float(summary["udg_f3_q"]),
                                         rel=0, abs_=0.005 + 1e-9)


class X11EqualsCli(Case):
    def test_adjust_csv_equals_the_binding(self):
        from helpers import EXPORTS, cli_csv, num
        rows = cli_csv("adjust", "--method", "x11", "--regarima", "none", "--seasonalma",
                       "s3x5", "--trendma", "13", EXPORTS)
        d = lf.x11(lf.read_csv(EXPORTS), seasonalma="s3x5", trendma=13)
        self.assertEqual(d.dates, [r["date"] for r in rows])
        for attr in ("seasonal", "trend", "irregular", "adjusted"):
            self.assertAllClose(getattr(d, attr), [num(r[attr]) for r in rows], rel=0, abs_=0)


class X11Behaviour(Case):
    def test_result_fields_and_repr(self):
        s = _input("AirPassengers")
        d = lf.x11(s)
        self.assertArrayType(d.seasonal)
        self.assertEqual(d.mode, "multiplicative")
        self.assertIn(d.seasonal_filter, ("3x3", "3x5", "3x9", "3x15", "stable"))
        self.assertGreater(d.henderson, 0)
        self.assertIn("d16", d.tables)
        self.assertEqual(len(d.seasonal_ahead), 12)
        self.assertIn("X11 decomposition (multiplicative)", repr(d))
        for i in range(len(s)):
            self.assertClose(d.adjusted[i] * d.seasonal[i], s[i], rel=1e-9)

    def test_errors(self):
        s = _input("AirPassengers")
        self.assertInputErrors(lf.x11, s, dict(mode="auto2"), dict(seasonalma="3x7"),
                               dict(trendma=12), dict(sigmalim=1.5))
        neg = lf.Series([-1.0] + list(s.values[1:]), start=s.start, freq=s.freq)
        with self.assertRaises(lf.InputError) as cm:
            lf.x11(neg)
        self.assertEqual(cm.exception.status_name, "FC_EDOMAIN")
        gap = lf.Series([None] + list(s.values[1:]), start=s.start, freq=s.freq)
        with self.assertRaises(lf.InputError) as cm:
            lf.x11(gap)
        self.assertEqual(cm.exception.status_name, "FC_EMISSING")
        with self.assertRaises(lf.InputError) as cm:
            lf.x11(s[:24])
        self.assertEqual(cm.exception.status_name, "FC_ESHORT")


if __name__ == "__main__":
    unittest.main()

"""lf.stl against R's stats::stl (fixtures of the STL issue,
tests/fixtures/stl/*.csv, made by tests/fixtures/gen_stl.R)."""
import csv
import glob
import math
import os
import unittest

import libforecast as lf
from helpers import Case, REPO


def _fixture(path):
    meta, rows = {}, []
    with open(path) as f:
        lines = f.read().splitlines()
    for l in lines:
        if l.startswith("# options:"):
            meta = dict(kv.split("=") for kv in l[len("# options:"):].split())
    body = [l for l in lines if not l.startswith("#")]
    rows = list(csv.DictReader(body))
    return {k: int(v) for k, v in meta.items()}, rows


def _kwargs(o):
    def opt(k):
        return None if o[k] in (0, -1) else o[k]
    return dict(period=o["period"], s_window="periodic" if o["periodic"] else o["s_window"],
                robust=bool(o["robust"]), s_degree=o["s_degree"], t_window=opt("t_window"),
                t_degree=o["t_degree"], l_window=opt("l_window"), l_degree=opt("l_degree"),
                s_jump=opt("s_jump"), t_jump=opt("t_jump"), l_jump=opt("l_jump"),
                inner=opt("inner"), outer=None if o["outer"] == -1 else o["outer"])


class StlMatchesR(Case):
    def test_every_r_fixture_within_1e8(self):
        files = sorted(glob.glob(os.path.join(REPO, "tests", "fixtures", "stl", "*.csv")))
        self.assertGreaterEqual(len(files), 5)
        for path in files:
            with self.subTest(fixture=os.path.basename(path)):
                o, rows = _fixture(path)
                y = [float(r["y"]) if r["y"] not in ("", "NA") else None for r in rows]
                s = lf.Series(y, start=(2000, 1), freq=o["period"] if o["period"] in (4, 12)
                              else 12)
                d = lf.stl(s, **_kwargs(o))
                self.assertArrayType(d.seasonal)
                self.assertAllClose(d.seasonal, [float(r["seasonal"]) for r in rows],
                                    rel=1e-8, abs_=1e-8)
                self.assertAllClose(d.trend, [float(r["trend"]) for r in rows],
                                    rel=1e-8, abs_=1e-8)
                rem = [float(r["remainder"]) if r["remainder"] not in ("", "NA") else math.nan
                       for r in rows]
                self.assertAllClose(d.irregular, rem, rel=1e-8, abs_=1e-8)
                adj = [a - b if a is not None else math.nan
                       for a, b in zip(y, [float(r["seasonal"]) for r in rows])]
                self.assertAllClose(d.adjusted, adj, rel=1e-8, abs_=1e-8)


class StlEqualsCli(Case):
    def test_adjust_stl_csv_equals_the_binding(self):
        from helpers import IIP, cli_csv, num
        rows = cli_csv("adjust", "--method", "stl", "--s-window", "7", "--robust", IIP)
        d = lf.stl(lf.read_csv(IIP), s_window=7, robust=True)
        self.assertEqual(d.dates, [r["date"] for r in rows])
        for attr in ("seasonal", "trend", "irregular", "adjusted"):
            self.assertAllClose(getattr(d, attr), [num(r[attr]) for r in rows], rel=0, abs_=0)


class StlBehaviour(Case):
    def setUp(self):
        vals = [100 + 10 * ((i % 12) in (5, 6, 7)) + 0.3 * i + ((i * 7919) % 13) / 13.0
                for i in range(60)]
        self.s = lf.Series(vals, start="2019-01", name="toy")

    def test_components_add_up(self):
        d = lf.stl(self.s, s_window=7)
        for i in range(len(self.s)):
            self.assertClose(d.seasonal[i] + d.trend[i] + d.irregular[i], self.s[i], 1e-12)
        self.assertEqual(d.params["s_window"], 7)
        self.assertEqual(d.dates[0], "2019-01")
        self.assertIn("STL decomposition (additive) of 'toy'", repr(d))
        self.assertEqual(d.component("trend").start, (2019, 1))

    def test_errors_name_the_problem(self):
        with self.assertRaises(lf.InputError) as cm:
            lf.stl(self.s)
        self.assertIn("s_window", str(cm.exception))
        with self.assertRaises(lf.InputError):
            lf.stl(self.s, s_window="weekly")
        with self.assertRaises(lf.InputError):
            lf.stl(self.s, s_window=0)
        short = lf.Series([1.0] * 20, start="2020-01")
        with self.assertRaises(lf.InputError) as cm:
            lf.stl(short, s_window=7)
        self.assertEqual(cm.exception.status_name, "FC_ESHORT")
        with self.assertRaises(lf.InputError) as cm:
            lf.stl(self.s, s_window=7, s_degree=3)
        self.assertEqual(cm.exception.status_name, "FC_EINVAL")
        with self.assertRaises(lf.InputError):
            lf.stl([1, 2, 3], s_window=7)     # not a Series

    def test_missing_values_are_accepted(self):
        vals = list(self.s.values)
        vals[20] = None
        d = lf.stl(lf.Series(vals, start="2019-01"), s_window=7)
        self.assertTrue(math.isnan(d.irregular[20]))
        self.assertFalse(math.isnan(d.trend[20]))


if __name__ == "__main__":
    unittest.main()

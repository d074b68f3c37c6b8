"""Growth bindings against the CLI (`forecast growth`, same library through
another front end) and against the foundation's independent fixture
(tests/fixtures/growth_vn_iip*.csv, computed from the definitions by
gen_growth.py with 2021-06 blanked)."""
import math
import os
import unittest

import libforecast as lf
from fixtures import csv_rows
from helpers import Case, IIP, EXPORTS, REPO, cli_csv, num


def _iip_blanked():
    s = lf.read_csv(IIP)
    vals = list(s.values)
    vals[s.index_of("2021-06")] = None
    return lf.Series(vals, start=s.start, freq=s.freq, name=s.name)


class GrowthMatchesReferences(Case):
    def test_matches_the_independentcsv_rows(self):
        rows = csv_rows("growth_vn_iip.csv")
        g = lf.growth(_iip_blanked())
        self.assertEqual(g.dates, [r["date"] for r in rows])
        for col, arr in (("mom", g.mom), ("yoy", g.yoy), ("ytd_yoy", g.ytd_yoy)):
            self.assertAllClose(arr, [num(r[col]) for r in rows], rel=1e-12, abs_=1e-12)
        gi = lf.growth(_iip_blanked(), form="index")
        self.assertAllClose(gi.yoy, [num(r["yoy_index"]) for r in rows], rel=1e-12)
        self.assertAllClose(gi.ytd_yoy, [num(r["ytd_index"]) for r in rows], rel=1e-12)

    def test_quarterly_matches_thecsv_rows(self):
        rows = csv_rows("growth_vn_iip_quarterly.csv")
        s = _iip_blanked()
        for how in ("mean", "sum"):
            q = lf.quarterly(s, how=how)
            self.assertEqual(q.dates, [r["date"] for r in rows])
            self.assertAllClose(q.values, [num(r[how]) for r in rows], rel=1e-12)
            self.assertAllClose(lf.mom(q).values, [num(r["qoq_" + how]) for r in rows],
                                rel=1e-12, abs_=1e-12)
            self.assertAllClose(lf.yoy(q).values, [num(r["q_yoy_" + how]) for r in rows],
                                rel=1e-12, abs_=1e-12)

    def test_equals_the_cli_on_the_bundled_data(self):
        for path in (IIP, EXPORTS):
            rows = cli_csv("growth", path)
            g = lf.growth(lf.read_csv(path))
            self.assertEqual(g.dates, [r["date"] for r in rows])
            # %.17g round-trips a double exactly: equality, not closeness
            for col, arr in (("value", g.value), ("mom", g.mom), ("yoy", g.yoy),
                             ("ytd_yoy", g.ytd_yoy)):
                self.assertAllClose(arr, [num(r[col]) for r in rows], rel=0, abs_=0)

    def test_quarter_rows_equal_the_cli(self):
        rows = [r for r in cli_csv("growth", "--quarterly", "--flow", EXPORTS)
                if "Q" in r["date"]]
        q = lf.quarterly(lf.read_csv(EXPORTS), how="sum")
        self.assertEqual(q.dates, [r["date"] for r in rows])
        self.assertAllClose(q.values, [num(r["value"]) for r in rows], rel=0, abs_=0)
        self.assertAllClose(lf.yoy(q).values, [num(r["q_yoy"]) for r in rows], rel=0, abs_=0)


class GrowthBehaviour(Case):
    def test_growth_table_and_repr(self):
        s = lf.Series([100.0, 102.0, 99.96] + [100.0] * 9 + [110.0, 112.2], start="2020-01",
                      name="iip")
        g = lf.growth(s)
        self.assertArrayType(g.mom)
        self.assertClose(g.mom[1], 2.0, rel=1e-12)
        self.assertClose(g.mom[2], -2.0, rel=1e-12)
        self.assertClose(g.yoy[12], 10.0, rel=1e-12)
        self.assertClose(g.ytd_yoy[13], 100 * (222.2 / 202.0 - 1), rel=1e-12)
        self.assertTrue(math.isnan(g.yoy[11]))
        self.assertEqual(g.rows()[13][0], "2021-02")
        r = repr(g)
        self.assertIn("Growth of 'iip'", r)
        self.assertIn("2021-02", r)
        self.assertIn("10.00", r)
        self.assertClose(lf.growth_lag(s, 2)[2], -0.04, rel=1e-9)

    def test_pandas_series_in(self):
        try:
            import pandas as pd
        except ImportError:
            self.skipTest("pandas is not installed in this interpreter")
        ps = pd.Series([100.0, 110.0], index=pd.period_range("2021-01", periods=2, freq="M"))
        self.assertClose(lf.mom(ps)[1], 10.0, rel=1e-12)
        df = lf.growth(lf.read_csv(IIP)).to_pandas()
        self.assertEqual(list(df.columns), ["value", "mom", "yoy", "ytd_yoy"])

    def test_errors(self):
        s = lf.Series([1.0, 2.0], start="2020-01")
        with self.assertRaises(lf.InputError):
            lf.growth(s, form="ratio")
        with self.assertRaises(lf.InputError) as cm:
            lf.growth_lag(s, 0)
        self.assertEqual(cm.exception.status_name, "FC_EINVAL")
        with self.assertRaises(lf.InputError):
            lf.growth_lag(s, 1.5)
        with self.assertRaises(lf.InputError) as cm:
            lf.growth(lf.Series([], start="2020-01"))
        self.assertEqual(cm.exception.status_name, "FC_ESHORT")
        with self.assertRaises(lf.InputError) as cm:
            lf.quarterly(lf.Series([1.0, 2.0], start="2020-Q1"))
        self.assertEqual(cm.exception.status_name, "FC_EFREQ")
        with self.assertRaises(lf.InputError):
            lf.quarterly(s, how="median")
        with self.assertRaises(lf.InputError):
            lf.growth([1, 2, 3])


class PublishedIndices(Case):
    def test_vietnam_published_indices(self):
        mom_ = lf.read_csv(os.path.join(REPO, "datasets",
                                        "vietnam_iip_total_mom_index_published.csv"))
        yoy_ = lf.read_csv(os.path.join(REPO, "datasets", "vietnam_iip_total_yoy_index.csv"))
        chk = lf.check_published(mom_, yoy_)
        # domain.md caveat 1: published m/m indices do not chain to the y/y
        # before 2024, and 2024 is consistent (108.87 vs 108.84)
        self.assertGreater(len(chk.conflicts), 10)
        self.assertTrue(all(c.check in ("ytd", "chain") for c in chk.conflicts))
        self.assertEqual(chk.anchor_year, 2024)
        self.assertIn("PublishedCheck(anchor_year=2024", repr(chk))
        self.assertEqual(len(chk.chained_yoy), len(yoy_))
        dec = chk.chained_yoy["2024-12"]
        self.assertClose(dec, 108.87, rel=0, abs_=0.01)

    def test_calendar_mismatch_is_rejected(self):
        a = lf.Series([100.0] * 24, start="2020-01")
        b = lf.Series([100.0] * 23, start="2020-01")
        with self.assertRaises(lf.InputError):
            lf.check_published(a, b)


if __name__ == "__main__":
    unittest.main()

"""Theta forecasts and unit-root tests against R (fixtures of the automatic-
model issue: tests/fixtures/theta_expected.csv, unitroot_expected.csv, made
by gen_theta.R / gen_unitroot.R with R 4.2.2, forecast 8.20, urca 1.3.3)."""
import unittest

import libforecast as lf
from fixtures import csv_rows, unitroot_series
from helpers import Case


class ThetaMatchesR(Case):
    def test_thetaf_forecasts(self):
        values = unitroot_series()
        rows = csv_rows("theta_expected.csv")
        self.assertGreater(len(rows), 3)
        for r in rows:
            with self.subTest(series=r["series"]):
                freq = int(r["freq"])
                s = lf.Series(values[r["series"]], start=(2000, 1), freq=freq if freq in (4, 12)
                              else 12)
                if freq not in (4, 12):
                    continue
                f = lf.theta(s, h=18)
                self.assertEqual(f.info["seasonal"], r["seasonal"] == "1")
                # tolerances of tests/test_theta.c: R's Nelder-Mead stops early,
                # the library finds the exact optimum of the profile MSE
                self.assertClose(f.info["alpha"], float(r["alpha"]), rel=0, abs_=2e-3)
                self.assertClose(f.info["drift"], float(r["drift"]), rel=1e-9)
                self.assertAllClose(f.mean, [float(r["f%d" % k]) for k in range(1, 19)],
                                    rel=1e-3)
                self.assertEqual(len(f.dates), 18)

    def test_forecast_dates_follow_the_series(self):
        s = lf.Series([float(x % 12 + 10 + x * 0.1) for x in range(40)], start="2020-Q1",
                      freq=4)
        f = lf.theta(s, h=3)
        self.assertEqual(f.dates, ["2030-Q1", "2030-Q2", "2030-Q3"])
        self.assertArrayType(f.mean)
        self.assertIn("Point Forecast", repr(f))

    def test_errors(self):
        s = lf.Series([1.0, 2.0, 3.0], start="2020-01")
        with self.assertRaises(lf.InputError) as cm:
            lf.theta(s, h=2)
        self.assertEqual(cm.exception.status_name, "FC_ESHORT")
        with self.assertRaises(lf.InputError):
            lf.theta(lf.Series([1.0, None, 3, 4, 5, 6], start="2020-01"), h=2)
        for bad in (0, -1, 1.5, True):
            with self.assertRaises(lf.InputError):
                lf.theta(lf.Series([1.0] * 10, start="2020-01"), h=bad)


class UnitRootMatchesR(Case):
    def test_kpss_ndiffs_nsdiffs(self):
        values = unitroot_series()
        for r in csv_rows("unitroot_expected.csv"):
            with self.subTest(series=r["series"]):
                x = values[r["series"]]
                freq = int(r["freq"])
                stat, p, lag = lf.kpss(x)
                self.assertEqual(lag, int(r["kpss_lag"]))
                self.assertClose(stat, float(r["kpss_stat"]), rel=1e-8)
                self.assertClose(p, float(r["kpss_pvalue"]), rel=1e-8)
                stat, p, lag = lf.kpss(x, lag="short")
                self.assertClose(stat, float(r["kpss_short_stat"]), rel=1e-8)
                self.assertEqual(lf.ndiffs(x), int(r["ndiffs"]))
                if freq > 1:
                    self.assertEqual(lf.nsdiffs(x, period=freq), int(r["nsdiffs"]))

    def test_errors(self):
        with self.assertRaises(lf.InputError):
            lf.kpss([1.0, 2.0])
        with self.assertRaises(lf.InputError):
            lf.kpss([1.0, 2.0, 3.0, 4.0], type="drift")
        with self.assertRaises(lf.InputError):
            lf.kpss([1.0, 2.0, 3.0, 4.0], lag="long")


if __name__ == "__main__":
    unittest.main()

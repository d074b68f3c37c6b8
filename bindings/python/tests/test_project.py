"""Quarter projection and projection forecasts: against R (the SARIMA issue's
fixture tests/fixtures/project_cases.txt, gen_project.R: psi-weight joint
covariance, exact and 4e6-draw Monte Carlo intervals on AirPassengers with
forecast::Arima's coefficients) and against `forecast project` (JSON / CSV)."""
import csv
import io
import json
import unittest

import libforecast as lf
from fixtures import case_blocks
from helpers import Case, IIP, EXPORTS, run_cli, num


def _airpassengers():
    c = next(b for b in case_blocks("arima_cases.txt") if b["name"] == "airpassengers_airline_log")
    return [float(x) for x in c["y"]]


class ProjectionMatchesR(Case):
    def test_quarter_intervals(self):
        ap = _airpassengers()
        cases = case_blocks("project_cases.txt")
        self.assertGreaterEqual(len(cases), 5)
        for c in cases:
            with self.subTest(case=c["name"]):
                y = lf.Series(ap[:int(c["n"][0])], start="1949-01")
                coef = [float(x) for x in c["coef"]]
                m = lf.arima(y, order=(0, 1, 1), seasonal=(0, 1, 1),
                             transform=c["transform"][0], fixed={"ma1": coef[0], "sma1": coef[1]})
                q = lf.project_quarter(y, (int(c["quarter"][0]), int(c["quarter"][1])),
                                       level=(80, 95), flow=c["aggregate"][0] == "sum", model=m)
                self.assertEqual(q.method, c["method"][0])
                self.assertClose(q.level, float(c["level"][0]), rel=1e-9)
                self.assertClose(q.previous, float(c["previous"][0]), rel=1e-12)
                self.assertClose(q.yoy, float(c["yoy"][0]), rel=0, abs_=1e-7)
                lo = [float(x) for x in c["lower"]]
                hi = [float(x) for x in c["upper"]]
                for i, lv in enumerate((80, 95)):
                    # exact: 1e-6 relative; simulation: 1% of the interval width
                    # (the tolerances of tests/test_project.c)
                    tol = (1e-6 * q.level if q.method == "exact" else 0.01 * (hi[i] - lo[i]))
                    got_lo, got_hi = q.intervals[lv]["level"]
                    self.assertClose(got_lo, lo[i], rel=0, abs_=tol)
                    self.assertClose(got_hi, hi[i], rel=0, abs_=tol)
                    self.assertClose(q.intervals[lv]["yoy"][0],
                                     100 * (got_lo / q.previous - 1), rel=0, abs_=1e-9)
                self.assertEqual((q.lower, q.upper), q.intervals[80]["yoy"])


class ProjectionEqualsCli(Case):
    def test_quarter_json(self):
        for path, flow in ((IIP, False), (EXPORTS, True)):
            args = ["project", "--quarter", "2025-Q1", "--level", "80,95"]
            if flow:
                args.append("--flow")
            rc, out, err = run_cli(*args, path)
            self.assertEqual(rc, 0, err)
            j = json.loads(out)
            q = lf.project_quarter(lf.read_csv(path), "2025-Q1", level=(80, 95), flow=flow)
            self.assertEqual(q.quarter, j["quarter"])
            for k in ("level", "yoy", "level_lower", "level_upper", "previous"):
                self.assertClose(getattr(q, k), j[k], rel=1e-12, msg=k)
            self.assertClose(q.lower, j["yoy_lower"], rel=1e-12)
            self.assertClose(q.upper, j["yoy_upper"], rel=1e-12)
            self.assertEqual(q.model, j["model"])
            self.assertEqual(q.method, j["method"])
            self.assertEqual(q.months_projected, j["months_projected"])

    def test_simulated_quarter_is_reproducible(self):
        # the airline model on logs (model=None; the CLI's --model
        # 0,1,1/0,1,1 takes logs of positive series too): two projected
        # months on logs need the Monte Carlo
        s = lf.read_csv(IIP)
        a = lf.project_quarter(s, "2025-Q2", model=None)
        b = lf.project_quarter(s, "2025-Q2", model=None)
        self.assertEqual(a.method, "simulation")
        self.assertEqual((a.lower, a.upper), (b.lower, b.upper))
        rc, out, err = run_cli("project", "--quarter", "2025-Q2", "--model", "0,1,1/0,1,1", IIP)
        self.assertEqual(rc, 0, err)
        self.assertClose(a.upper,
                         json.loads(out)["yoy_upper"], rel=1e-12)

    def test_forecast_csv(self):
        rc, out, err = run_cli("project", "--horizon", "6", "--level", "80,95", EXPORTS)
        self.assertEqual(rc, 0, err)
        rows = list(csv.DictReader(io.StringIO(out)))
        f = lf.project(lf.read_csv(EXPORTS), h=6, level=(80, 95))
        self.assertEqual(f.dates, [r["date"] for r in rows])
        self.assertAllClose(f.mean, [num(r["mean"]) for r in rows], rel=1e-12)
        self.assertAllClose(f.lower[80], [num(r["lo80"]) for r in rows], rel=1e-12)
        self.assertAllClose(f.upper[95], [num(r["hi95"]) for r in rows], rel=1e-12)
        self.assertIn("(automatic)", f.method)   # the default: fc_auto_arima


class ProjectionBehaviour(Case):
    def test_models_and_errors(self):
        s = lf.read_csv(IIP)
        q = lf.project_quarter(s, "2025-Q1", model=dict(order=(1, 1, 0), seasonal=(0, 1, 1),
                                                        transform="log"))
        self.assertIn("ARIMA(1,1,0)(0,1,1)12", q.model)
        self.assertIn("Quarter 2025-Q1", repr(q))
        self.assertTrue(q.lower < q.yoy < q.upper)
        self.assertTrue(q.level_lower < q.level < q.level_upper)
        other = lf.read_csv(EXPORTS)
        m = lf.arima(other, order=(0, 1, 1), seasonal=(0, 1, 1), transform="log")
        with self.assertRaises(lf.InputError):
            lf.project_quarter(s, "2025-Q1", model=m)
        for bad in (0, 100, (80, "x"), ()):
            with self.assertRaises(lf.InputError):
                lf.project_quarter(s, "2025-Q1", level=bad)
        with self.assertRaises(lf.InputError):
            lf.project_quarter(s, "2025-Q1", model="neural")
        with self.assertRaises(lf.InputError) as cm:
            lf.project_quarter(s, "2040-Q1")
        self.assertEqual(cm.exception.status_name, "FC_ERANGE")
        with self.assertRaises(lf.InputError) as cm:
            lf.project_quarter(s, "2020-Q1")          # no previous year in the data
        with self.assertRaises(lf.InputError):
            lf.project_quarter(s, "2025-13")
        # a quarterly series is projected too (acceptance finding F5): the
        # quarter is one forecast value
        q = lf.project_quarter(lf.quarterly(s), "2025-Q1")
        self.assertEqual((q.months_observed, q.months_projected), (0, 3))


if __name__ == "__main__":
    unittest.main()

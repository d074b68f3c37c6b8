"""lf.arima against R (the SARIMA issue's fixture tests/fixtures/arima_cases.txt,
made by gen_arima.R with R 4.2.2 and forecast 8.20, method "ML") and against
the CLI's `forecast fit` on the same data."""
import json
import math
import unittest

import libforecast as lf
from fixtures import case_blocks
from helpers import Case, EXPORTS, run_cli

SKIP_XREG = ("xreg",)


def _cases():
    return case_blocks("arima_cases.txt", named=("coef",))


def _series(c):
    y = [None if v == "NA" else float(v) for v in c["y"]]
    freq = int(c["freq"][0])
    return lf.Series(y, start=(int(c["start"][0]), int(c["start"][1])), freq=freq,
                     name=c["name"])


def _model_args(c):
    o = [int(x) for x in c["order"]]
    t = c["transform"]
    kw = dict(order=o[0:3], seasonal=o[3:6], period=o[6],
              include_mean=c["mean"][0] == "1", include_drift=c["drift"][0] == "1")
    if t[0] == "log":
        kw["transform"] = "log"
    elif t[0] == "boxcox":
        kw["transform"], kw["lambda_"] = "boxcox", float(t[1])
    return kw


def _f(c, key):
    return [float(x) for x in c[key]]


def _usable(c):
    return not any(s in c["name"] for s in SKIP_XREG) and int(c["freq"][0]) in (4, 12)


class ArimaMatchesR(Case):
    def test_at_rs_coefficients_likelihood_and_forecasts_agree(self):
        # every coefficient fixed at R's estimate isolates the likelihood and
        # the forecasts from the optimiser: 1e-6 relative (tests/test_arima.c)
        n = 0
        for c in filter(_usable, _cases()):
            with self.subTest(case=c["name"]):
                fixed = {k: v[0] for k, v in c["coef"].items()}
                m = lf.arima(_series(c), fixed=fixed, **_model_args(c))
                self.assertClose(m.loglik, float(c["loglik_fx"][0]), rel=1e-6)
                f = m.forecast(h=12, level=(80, 95))
                self.assertAllClose(f.mean, _f(c, "fmean"), rel=1e-6)
                self.assertAllClose(f.lower[80], _f(c, "lo80"), rel=1e-6)
                self.assertAllClose(f.upper[95], _f(c, "hi95"), rel=1e-6)
                fb = m.forecast(h=12, biasadj=True)
                self.assertAllClose(fb.mean, _f(c, "fmean_biasadj"), rel=1e-6)
                n += 1
        self.assertGreaterEqual(n, 8)

    def test_estimates_reach_rs_likelihood(self):
        # DESIGN.md §6: loglik within 1e-6 relative of R's best optimum (or
        # higher); information criteria then follow as R computes them
        for c in filter(_usable, _cases()):
            with self.subTest(case=c["name"]):
                m = lf.arima(_series(c), **_model_args(c))
                ref = max(float(c["loglik"][0]), float(c["loglik_tight"][0]))
                self.assertGreaterEqual(m.loglik, ref - 1e-6 * abs(ref))
                dl = m.loglik - float(c["loglik"][0])
                self.assertClose(m.aic, float(c["aic"][0]) - 2 * dl, rel=0, abs_=1e-6)
                self.assertClose(m.bic, float(c["bic"][0]) - 2 * dl, rel=0, abs_=1e-6)
                self.assertEqual(m.nobs, int(c["nobs"][0]))
                self.assertEqual(list(m.coef), list(c["coef"]))

    def test_airline_model_coefficients_and_print(self):
        c = next(c for c in _cases() if c["name"] == "airpassengers_airline_log")
        m = lf.arima(_series(c), order=(0, 1, 1), seasonal=(0, 1, 1), transform="log")
        self.assertClose(m.coef["ma1"], c["coef"]["ma1"][2], rel=0, abs_=1e-4)
        self.assertClose(m.coef["sma1"], c["coef"]["sma1"][2], rel=0, abs_=1e-4)
        self.assertClose(m.se["ma1"], c["coef"]["ma1"][1], rel=1e-3)
        text = repr(m)
        # R: print(Arima(AirPassengers, c(0,1,1), c(0,1,1), lambda = 0))
        for want in ("Series: airpassengers_airline_log", "ARIMA(0,1,1)(0,1,1)[12]",
                     "Box Cox transformation: lambda= 0", "Coefficients:", "-0.4018",
                     "-0.5569", "s.e.", "0.0896", "0.0731", "sigma^2 = 0.001371",
                     "log likelihood = 244.7", "AIC=-483.4", "AICc=-483.21", "BIC=-474.77"):
            self.assertIn(want, text)


class ArimaEqualsCli(Case):
    def test_fit_json_equals_the_binding(self):
        for args, kw in ((["--order", "0,1,1", "--seasonal", "0,1,1", "--transform", "log"],
                          dict(order=(0, 1, 1), seasonal=(0, 1, 1), transform="log")),
                         (["--order", "1,0,0", "--mean"],
                          dict(order=(1, 0, 0), include_mean=True))):
            rc, out, err = run_cli("fit", *args, EXPORTS)
            self.assertEqual(rc, 0, err)
            j = json.loads(out)
            m = lf.arima(lf.read_csv(EXPORTS), **kw)
            self.assertEqual(list(m.coef), list(j["coef"]))
            for k in j["coef"]:
                self.assertClose(m.coef[k], j["coef"][k], rel=1e-12)
                self.assertClose(m.se[k], j["se"][k], rel=1e-12)
            for k in ("sigma2", "loglik", "aic", "aicc", "bic"):
                self.assertClose(getattr(m, k), j[k], rel=1e-12, msg=k)
            self.assertEqual(m.nobs, j["nobs"])


class ArimaBehaviour(Case):
    def setUp(self):
        self.s = lf.read_csv(EXPORTS)

    def test_forecast_object(self):
        m = lf.arima(self.s, order=(0, 1, 1), seasonal=(0, 1, 1), transform="log")
        f = m.forecast(h=6, level=(80, 95))
        self.assertEqual(f.dates[0], "2025-03")
        self.assertEqual(f.levels, (80, 95))
        self.assertArrayType(f.mean)
        for i in range(6):
            self.assertTrue(f.lower[95][i] < f.lower[80][i] < f.mean[i] < f.upper[80][i]
                            < f.upper[95][i])
        self.assertIn("Point Forecast", repr(f))
        self.assertEqual(f.series("upper95").dates, f.dates)
        f1 = m.forecast(h=2, level=90)
        self.assertEqual(f1.levels, (90,))
        self.assertTrue(math.isfinite(m.residuals[-1]))

    def test_errors(self):
        with self.assertRaises(lf.InputError) as cm:
            lf.arima(self.s[:20], order=(0, 1, 1), seasonal=(0, 1, 1))
        self.assertEqual(cm.exception.status_name, "FC_ESHORT")
        self.assertIn("20", str(cm.exception))
        neg = lf.Series([-1.0] + list(self.s.values[1:]), start=self.s.start, freq=12)
        with self.assertRaises(lf.InputError) as cm:
            lf.arima(neg, order=(0, 1, 1), transform="log")
        self.assertEqual(cm.exception.status_name, "FC_EDOMAIN")
        with self.assertRaises(lf.InputError):
            lf.arima(self.s, order=(0, 1))
        with self.assertRaises(lf.InputError):
            lf.arima(self.s, order=(0, -1, 1))
        with self.assertRaises(lf.InputError):
            lf.arima(self.s, order=(0, 1, 1), transform="sqrt")
        with self.assertRaises(lf.InputError):
            lf.arima(self.s, order=(0, 1, 1), transform="boxcox")
        with self.assertRaises(lf.InputError):
            lf.arima(self.s, order=(0, 1, 1), fixed={"ar9": 0.1})
        m = lf.arima(self.s, order=(0, 1, 1))
        for bad in (0, "3"):
            with self.assertRaises(lf.InputError):
                m.forecast(h=bad)
        with self.assertRaises(lf.InputError):
            m.forecast(h=3, level=(80, 120))
        with self.assertRaises(lf.InputError):
            m.forecast(h=3, xreg={"x": [1, 2, 3]})

    def test_regressors(self):
        n = len(self.s)
        trend = [float(i % 12 == 1) for i in range(n)]      # a February dummy
        m = lf.arima(self.s, order=(0, 1, 1), seasonal=(0, 1, 1), transform="log",
                     xreg={"feb": trend})
        self.assertIn("feb", m.coef)
        with self.assertRaises(lf.InputError):
            m.forecast(h=3)
        f = m.forecast(h=3, xreg={"feb": [0.0, 0.0, 0.0]})
        self.assertEqual(len(f), 3)
        with self.assertRaises(lf.InputError):
            lf.arima(self.s, order=(0, 1, 1), xreg={"x": [1.0, 2.0]})

    def test_numerical_failure_is_a_numerical_error(self):
        x = [float(i % 12 == 1) for i in range(len(self.s))]
        with self.assertRaises(lf.NumericalError) as cm:
            lf.arima(self.s, order=(0, 1, 1), seasonal=(0, 1, 1), transform="log",
                     xreg={"a": x, "b": x})
        e = cm.exception
        self.assertEqual(e.status_name, "FC_ESINGULAR")
        self.assertIsInstance(e, ArithmeticError)
        self.assertIsInstance(e, lf.LibforecastError)
        self.assertNotIsInstance(e, ValueError)
        self.assertIn("collinear", str(e))


if __name__ == "__main__":
    unittest.main()

"""Thread safety: ctypes releases the GIL during C calls, so these calls
really run at the same time; the library keeps no global mutable state,
and results must equal the single-threaded ones bit for bit."""
import threading
import unittest

import importlib

import libforecast as lf
_lib = importlib.import_module("libforecast._lib")
from helpers import Case, IIP, EXPORTS


def _jobs():
    iip = lf.read_csv(IIP)
    exp = lf.read_csv(EXPORTS)
    jobs = [
        ("stl", lambda: list(lf.stl(exp, s_window=7, robust=True).trend)),
        ("x11", lambda: list(lf.x11(exp).adjusted)),
        ("theta", lambda: list(lf.theta(exp, h=12).mean)),
        ("growth", lambda: list(lf.growth(iip).ytd_yoy)),
        ("csv", lambda: list(lf.read_csv(EXPORTS).values)),
    ]
    # ARIMA modules join once the loaded library exports them
    if _lib.has("fc_arima_fit"):
        jobs.append(("arima", lambda: _arima_summary(exp)))
    if _lib.has("fc_project_quarter"):
        # three projected months on logs: the Monte Carlo path (own RNG per call)
        jobs.append(("project_quarter", lambda: _quarter_summary(iip)))
    if hasattr(lf, "auto_arima") and _lib.has("fc_auto_arima"):
        jobs.append(("auto_arima", lambda: _auto_summary(iip)))
    return jobs


def _arima_summary(s):
    m = lf.arima(s, order=(0, 1, 1), seasonal=(0, 1, 1), transform="log")
    f = m.forecast(h=6)
    return [m.loglik, m.sigma2] + sorted(m.coef.values()) + list(f.mean)


def _quarter_summary(s):
    q = lf.project_quarter(s, "2025-Q2", level=(80, 95), model=None)
    return [q.level, q.yoy, q.lower, q.upper, q.level_lower, q.level_upper]


def _auto_summary(s):
    m = lf.auto_arima(s)
    return [m.loglik, m.aicc] + list(m.forecast(h=3).mean)


class Threads(Case):
    def test_concurrent_fits_equal_single_threaded_results(self):
        jobs = _jobs()
        expected = {name: f() for name, f in jobs}
        results, errors = [], []
        lock = threading.Lock()

        def worker(k):
            try:
                for r in range(3):
                    name, f = jobs[(k + r) % len(jobs)]
                    out = f()
                    with lock:
                        results.append((name, out))
            except Exception as e:          # reported below, not swallowed
                with lock:
                    errors.append(repr(e))

        threads = [threading.Thread(target=worker, args=(k,)) for k in range(6)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        self.assertEqual(errors, [])
        self.assertEqual(len(results), 6 * 3)
        for name, out in results:
            # repr makes NaN == NaN and compares every bit that matters
            self.assertEqual([repr(float(x)) for x in out],
                             [repr(float(x)) for x in expected[name]], name)


if __name__ == "__main__":
    unittest.main()

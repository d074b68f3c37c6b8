"""Series: construction from lists, numpy and pandas; periods; errors; repr."""
import math
import unittest

import libforecast as lf
from helpers import Case

try:
    import pandas as pd
except ImportError:
    pd = None


class SeriesConstruction(Case):
    def test_values_start_and_freq_give_dates(self):
        s = lf.Series([1, 2, 3, 4], start="2020-11", freq=12, name="x")
        self.assertEqual(s.dates, ["2020-11", "2020-12", "2021-01", "2021-02"])
        self.assertEqual(s.start, (2020, 11))
        self.assertEqual(s.end, (2021, 2))
        self.assertEqual(len(s), 4)
        self.assertEqual(s.name, "x")
        self.assertArrayType(s.values)

    def test_quarterly_start_sets_freq(self):
        s = lf.Series([1, 2, 3], start="2019-Q4")
        self.assertEqual(s.freq, 4)
        self.assertEqual(s.dates, ["2019-Q4", "2020-Q1", "2020-Q2"])

    def test_month_start_with_freq_4_means_its_quarter(self):
        s = lf.Series([1, 2], start="2021-04", freq=4)
        self.assertEqual(s.start, (2021, 2))

    def test_tuple_start_needs_freq(self):
        self.assertEqual(lf.Series([1], start=(2021, 3), freq=12).dates, ["2021-03"])
        with self.assertRaises(lf.InputError):
            lf.Series([1], start=(2021, 3))
        with self.assertRaises(lf.InputError):
            lf.Series([1], start=(2021, 5), freq=4)

    def test_numpy_input_is_not_copied(self):
        if not lf.have_numpy():
            self.skipTest("numpy is not in use (not installed or LIBFORECAST_NO_NUMPY=1)")
        import ctypes
        import numpy as np
        arr = np.array([1.0, 2.0, 3.0])
        s = lf.Series(arr, start="2021-01")
        self.assertIs(s.values, arr)
        cs, keep = s._c()      # the C struct points into the caller's array
        self.assertEqual(ctypes.cast(cs.values, ctypes.c_void_p).value, arr.ctypes.data)
        ints = lf.Series(np.array([1, 2, 3]), start="2021-01")
        self.assertEqual(ints.values.dtype, np.float64)

    def test_none_is_missing(self):
        s = lf.Series([1, None, 3], start="2021-01")
        self.assertTrue(math.isnan(s[1]))

    def test_bad_periods_carry_the_library_message(self):
        with self.assertRaises(lf.InputError) as cm:
            lf.Series([1], start="2021-13")
        self.assertIn('"2021-13" is not a period', str(cm.exception))
        self.assertEqual(cm.exception.status_name, "FC_EPARSE")
        self.assertIsInstance(cm.exception, ValueError)

    def test_bad_arguments(self):
        with self.assertRaises(lf.InputError):
            lf.Series([1, 2], freq=12)                      # no start
        with self.assertRaises(lf.InputError):
            lf.Series([1, 2], start="2021-01", freq=52)
        with self.assertRaises(lf.InputError):
            lf.Series([1, "x"], start="2021-01")
        with self.assertRaises(lf.InputError):
            lf.Series("123", start="2021-01")
        with self.assertRaises(lf.InputError):
            lf.Series([1], start="2021-Q1", freq=12)
        with self.assertRaises(lf.InputError):
            lf.Series([1], start=2021)

    def test_indexing_slicing_and_windows(self):
        s = lf.Series(list(range(24)), start="2020-01", name="n")
        self.assertEqual(s["2021-03"], 14)
        self.assertEqual(s[-1], 23)
        w = s.window("2020-06", "2020-08")
        self.assertEqual(w.dates, ["2020-06", "2020-07", "2020-08"])
        self.assertEqual(w.tolist(), [5.0, 6.0, 7.0])
        self.assertEqual(s[22:].start, (2021, 11))
        with self.assertRaises(lf.InputError) as cm:
            s["2022-01"]
        self.assertIn("outside the series", str(cm.exception))
        with self.assertRaises(lf.InputError):
            s[::2]

    def test_equality_treats_missing_as_equal(self):
        a = lf.Series([1, None], start="2021-01")
        self.assertEqual(a, lf.Series([1.0, float("nan")], start="2021-01"))
        self.assertNotEqual(a, lf.Series([1, None], start="2021-02"))

    def test_repr_is_a_year_by_month_table(self):
        s = lf.Series([93.077, 96.1552, None], start="2020-01", name="iip")
        r = repr(s)
        self.assertIn("Series 'iip' (monthly, 2020-01 to 2020-03, 3 observations)", r)
        self.assertIn("Jan", r)
        self.assertIn("96.1552", r)
        self.assertIn("NA", r)
        q = repr(lf.Series([1, 2], start="2020-Q2"))
        self.assertIn("Q1", q.splitlines()[1])
        self.assertIn("empty", repr(lf.Series([], start="2020-01")))

    def test_copying_a_series_keeps_its_periods(self):
        s = lf.Series([1, 2], start="2020-Q2", name="a")
        t = lf.Series(s)
        self.assertEqual((t.freq, t.start, t.name), (4, (2020, 2), "a"))

    def test_round_trip_through_the_c_struct(self):
        # fc_series_copy in C reads every field of our ctypes layout and
        # writes a new struct that we read back: the layout must match core.h.
        import ctypes
        from libforecast import _lib
        _lib.declare("fc_series_copy", ctypes.c_int, _lib.c_series_p, _lib.c_series_pp,
                     ctypes.POINTER(_lib.FcError))
        s = lf.Series([1.5, None, -3.25], start="2019-Q3", name="roundtrip")
        cs, keep = s._c()
        out = _lib.c_series_p()
        _lib.call("fc_series_copy", ctypes.byref(cs), ctypes.byref(out))
        t = lf.Series._from_c(out)
        self.assertEqual(t, s)
        self.assertEqual(t.name, "roundtrip")
        self.assertEqual(t.freq, 4)


@unittest.skipIf(pd is None, "pandas is not installed in this interpreter")
class PandasInput(Case):
    def test_period_index_gives_start_and_freq(self):
        ps = pd.Series([1.0, 2.0, 3.0], index=pd.period_range("2021-11", periods=3, freq="M"),
                       name="p")
        s = lf.Series(ps)
        self.assertEqual((s.start, s.freq, s.name), ((2021, 11), 12, "p"))

    def test_datetime_index_monthly_and_quarterly(self):
        ms = pd.Series([1.0, 2.0], index=pd.date_range("2021-01-01", periods=2, freq="MS"))
        self.assertEqual(lf.Series(ms).dates, ["2021-01", "2021-02"])
        qs = pd.Series([1.0, 2.0, 3.0], index=pd.date_range("2021-03-31", periods=3, freq="Q"))
        self.assertEqual(lf.Series(qs).dates, ["2021-Q1", "2021-Q2", "2021-Q3"])

    def test_gaps_in_the_index_are_rejected(self):
        idx = pd.to_datetime(["2021-01-01", "2021-02-01", "2021-04-01"])
        with self.assertRaises(lf.InputError) as cm:
            lf.Series(pd.Series([1.0, 2.0, 3.0], index=idx))
        self.assertIn("not consecutive", str(cm.exception))

    def test_dataframe_one_column_or_series_dict(self):
        idx = pd.period_range("2021-01", periods=2, freq="M")
        df = pd.DataFrame({"a": [1.0, 2.0], "b": [3.0, None]}, index=idx)
        with self.assertRaises(lf.InputError):
            lf.Series(df)
        self.assertEqual(lf.Series(df[["a"]]).name, "a")
        d = lf.series_dict(df)
        self.assertEqual(list(d), ["a", "b"])
        self.assertTrue(math.isnan(d["b"][1]))

    def test_results_convert_to_pandas_with_their_dates(self):
        s = lf.Series([100 + 8 * ((i % 12) in (5, 6)) + 0.4 * i for i in range(48)],
                      start="2019-01", name="toy")
        df = lf.stl(s, s_window=7).to_pandas()
        self.assertEqual(list(df.columns), ["original", "seasonal", "trend", "irregular",
                                            "adjusted"])
        self.assertEqual(str(df.index[0]), "2019-01")
        fc = lf.theta(s, h=3).to_pandas()
        self.assertEqual(str(fc.index[0]), "2023-01")
        self.assertEqual(list(fc.columns), ["mean"])
        g = lf.growth(s).to_pandas()
        self.assertEqual(len(g), 48)

    def test_to_pandas_round_trip(self):
        s = lf.Series([1.0, 2.0, 3.0], start="2021-Q4", name="q")
        back = lf.Series(s.to_pandas())
        self.assertEqual(back, s)
        self.assertEqual(back.name, "q")


if __name__ == "__main__":
    unittest.main()

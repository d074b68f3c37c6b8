"""read_csv / read_csv_all over the C reader, with its FILE:LINE:COLUMN errors."""
import math
import os
import unittest

import libforecast as lf
from helpers import Case, write_csv


class ReadCsv(Case):
    def test_one_series_long_form(self):
        path = write_csv("date,value\n2021-01,100\n2021-02,\n2021-03,102.5\n")
        s = lf.read_csv(path)
        self.assertEqual(s.dates, ["2021-01", "2021-02", "2021-03"])
        self.assertEqual(s[0], 100.0)
        self.assertTrue(math.isnan(s[1]))
        # a date,value file is named after the file
        self.assertEqual(s.name, os.path.splitext(os.path.basename(path))[0])

    def test_wide_file_and_choosing_a_series(self):
        path = write_csv("date,exports,imports\n2021-Q1,1,2\n2021-Q2,3,4\n")
        all_ = lf.read_csv_all(path)
        self.assertEqual(list(all_), ["exports", "imports"])
        self.assertEqual(all_["imports"].tolist(), [2.0, 4.0])
        self.assertEqual(lf.read_csv(path, series="exports").freq, 4)
        with self.assertRaises(lf.InputError) as cm:
            lf.read_csv(path)
        self.assertIn("holds 2 series (exports, imports)", str(cm.exception))
        with self.assertRaises(lf.InputError) as cm:
            lf.read_csv(path, series="gdp")
        self.assertIn('no series named "gdp"', str(cm.exception))

    def test_parse_error_names_file_line_and_column(self):
        path = write_csv("date,value\n2021-01,100\n2021-02,abc\n")
        with self.assertRaises(lf.InputError) as cm:
            lf.read_csv(path)
        self.assertIn("%s:3:9: \"abc\" is not a number" % path, str(cm.exception))
        self.assertEqual(cm.exception.status_name, "FC_EPARSE")

    def test_missing_file_is_an_os_error(self):
        with self.assertRaises(lf.LibforecastIOError) as cm:
            lf.read_csv("/nonexistent/dir/x.csv")
        self.assertIsInstance(cm.exception, OSError)
        self.assertIn("/nonexistent/dir/x.csv", str(cm.exception))

    def test_path_like_objects(self):
        import pathlib
        path = write_csv("date,value\n2021-01,1\n")
        self.assertEqual(lf.read_csv(pathlib.Path(path)).tolist(), [1.0])


if __name__ == "__main__":
    unittest.main()

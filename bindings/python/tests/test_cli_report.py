"""`forecast report` (bindings/cli/cmd_report.c): the published sentences,
with figures recomputed here from the CSV (not from the library) and
Vietnamese number formatting."""
import csv
import unittest

from helpers import Case, IIP, EXPORTS, run_cli


def _levels(path):
    with open(path) as f:
        return {r["date"]: float(r["value"]) for r in csv.DictReader(f)}


def _vi(x, d=2):
    """Vietnamese format written independently of the C code."""
    s = "{:,.{}f}".format(abs(x), d)
    return s.replace(",", "X").replace(".", ",").replace("X", ".")


def _vs(x, d=2):
    """Signed Vietnamese format (interval bounds may be negative)."""
    t = _vi(x, d)
    return ("-" + t) if x < 0 and t.strip("0,.") else t


def _change_vi(p):
    return ("tăng " if p > 0 else "giảm ") + _vi(p) + "%"


class ReportVietnamese(Case):
    def test_iip_march_2021_with_quarter(self):
        x = _levels(IIP)
        mom = 100 * (x["2021-03"] / x["2021-02"] - 1)
        yoy = 100 * (x["2021-03"] / x["2020-03"] - 1)
        q = 100 * (sum(x["2021-%02d" % m] for m in (1, 2, 3)) /
                   sum(x["2020-%02d" % m] for m in (1, 2, 3)) - 1)
        rc, out, err = run_cli("report", "--lang", "vi", "--period", "2021-03", IIP)
        self.assertEqual(rc, 0, err)
        want = ("Chỉ số sản xuất công nghiệp (IIP) tháng 3/2021 ước %s so với tháng trước và "
                "%s so với cùng kỳ năm 2020. Tính chung quý I/2021 ước %s so với cùng kỳ năm "
                "trước.\n" % (_change_vi(mom), _change_vi(yoy), _change_vi(q)))
        self.assertEqual(out, want)
        self.assertIn("quý I/2021 ước tăng 5,71%", out)   # GSO published +5.7 % for Q1/2021

    def test_exports_flow_with_levels_and_year_to_date(self):
        x = _levels(EXPORTS)
        ytd = x["2025-01"] + x["2025-02"]
        ytd_prev = x["2024-01"] + x["2024-02"]
        rc, out, err = run_cli("report", "--lang", "vi", "--flow", "--indicator",
                               "Kim ngạch xuất khẩu hàng hóa", EXPORTS)
        self.assertEqual(rc, 0, err)
        self.assertTrue(out.startswith("Kim ngạch xuất khẩu hàng hóa tháng 2/2025 ước đạt "
                                       "%s triệu USD, giảm" % _vi(x["2025-02"], 1)), out)
        self.assertIn("Tính chung 2 tháng đầu năm 2025 ước đạt %s triệu USD, %s so với cùng "
                      "kỳ năm trước." % (_vi(ytd, 1), _change_vi(100 * (ytd / ytd_prev - 1))),
                      out)

    def test_december_gives_quarter_and_whole_year(self):
        rc, out, err = run_cli("report", "--lang", "vi", "--period", "2024-12", IIP)
        self.assertEqual(rc, 0, err)
        self.assertIn("Tính chung quý IV/2024 ước", out)
        self.assertIn("Tính chung cả năm 2024 ước", out)


class ReportEnglish(Case):
    def test_english_wording_and_number_format(self):
        x = _levels(EXPORTS)
        rc, out, err = run_cli("report", "--lang", "en", "--flow", "--indicator",
                               "Merchandise exports", "--period", "2024-12", EXPORTS)
        self.assertEqual(rc, 0, err)
        self.assertTrue(out.startswith("Merchandise exports for December 2024 is estimated at "
                                       "{:,.1f} million USD".format(x["2024-12"])), out)
        self.assertIn("on December 2023", out)
        self.assertIn("For Q4 2024 the total is estimated at", out)
        rc, out, err = run_cli("report", IIP)            # default language: English
        self.assertTrue(out.startswith("The index of industrial production for February 2025"))
        self.assertIn("down", out)


class ReportProjection(Case):
    def test_next_quarter_projection_equals_the_binding(self):
        import libforecast as lf
        q = lf.project_quarter(lf.read_csv(EXPORTS), "2025-Q1", level=80, flow=True)
        rc, out, err = run_cli("report", "--lang", "vi", "--flow", EXPORTS)
        self.assertEqual(rc, 0, err)
        want = (" Dự báo quý I/2025 ước đạt %s triệu USD, %s so với cùng kỳ năm trước "
                "(khoảng dự báo 80%%: từ %s%% đến %s%%).\n"
                % (_vi(q.level, 1), _change_vi(q.yoy), _vs(q.lower), _vs(q.upper)))
        self.assertTrue(out.endswith(want), out)
        rc, out, err = run_cli("report", "--lang", "en", "--level", "95", IIP)
        q95 = lf.project_quarter(lf.read_csv(IIP), "2025-Q1", level=95)
        self.assertIn("The projection for Q1 2025 is up {:.2f}% on a year earlier (95% interval: "
                      "{:.2f}% to {:.2f}%).".format(q95.yoy, q95.lower, q95.upper), out)

    def test_quarterly_series_projects_the_next_quarter(self):
        import os
        import libforecast as lf
        from helpers import REPO
        path = os.path.join(REPO, "tests", "fixtures", "x13", "UKgas", "fixed", "b1.csv")
        q = lf.project_quarter(lf.read_csv(path), "1987-Q1", level=80)
        rc, out, err = run_cli("report", "--lang", "vi", path)
        self.assertEqual(rc, 0, err)
        self.assertTrue(out.startswith("Chỉ số sản xuất công nghiệp (IIP) quý IV/1986 ước"), out)
        self.assertIn("so với quý trước", out)
        self.assertIn("Tính chung cả năm 1986", out)
        self.assertIn(" Dự báo quý I/1987 ước %s so với cùng kỳ năm trước (khoảng dự báo 80%%: "
                      "từ %s%% đến %s%%)." % (_change_vi(q.yoy), _vs(q.lower), _vs(q.upper)), out)

    def test_projection_only_from_the_end_of_the_data(self):
        rc, out, err = run_cli("report", "--no-projection", IIP)
        self.assertNotIn("projection", out)
        rc, out, err = run_cli("report", "--period", "2024-12", IIP)
        self.assertNotIn("projection", out)
        rc, out, err = run_cli("report", "--level", "150", IIP)
        self.assertEqual(rc, 1)


class ReportErrors(Case):
    def test_bad_usage_exits_1_with_a_message(self):
        for args, needle in ((["--lang", "fr", IIP], "--lang must be en or vi"),
                             (["--period", "2030-01", IIP], "outside the series"),
                             (["--period", "2021-Q1", IIP], "frequency"),
                             (["--decimals", "x", IIP], "--decimals"),
                             (["/nonexistent.csv"], "/nonexistent.csv"),
                             ([], "usage")):
            rc, out, err = run_cli("report", *args)
            self.assertEqual(rc, 1, args)
            self.assertIn(needle, err)
            self.assertEqual(out, "")


if __name__ == "__main__":
    unittest.main()

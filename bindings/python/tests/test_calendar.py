"""Holiday dates against the calendar issue's fixtures (domain.md's Tết
table, R `seasonal`'s cny and easter dates) and the CLI."""
import csv
import datetime
import os
import unittest

import libforecast as lf
from helpers import Case, REPO, cli_csv

FIX = os.path.join(REPO, "tests", "fixtures", "calendar")


def _dates(name):
    with open(os.path.join(FIX, name)) as f:
        rows = [l for l in f if not l.startswith("#") and l.strip()]
    out = []
    for r in csv.DictReader(rows):
        out.append(datetime.date.fromisoformat(r["date"]))
    return out


class Holidays(Case):
    def test_tet_table_1968_2100(self):
        dates = _dates("tet_vn_1968_2100.csv")
        self.assertGreater(len(dates), 100)
        for d in dates:
            self.assertEqual(lf.lunar_new_year(d.year, "vn"), d)

    def test_china_and_easter_match_r_seasonal(self):
        for d in _dates("cny_dates_seasonal.csv")[::7]:
            if d.year in (1930, 1943, 1946):   # disputed dates, see tests/test_lunar.c
                continue
            self.assertEqual(lf.lunar_new_year(d.year, "cn"), d)
        for d in _dates("easter_dates_seasonal.csv")[::5]:
            self.assertEqual(lf.easter(d.year), d)
        # 2007: Vietnam's Tết is one day before China's (domain.md §3.3)
        self.assertEqual(lf.lunar_new_year(2007, "vn"), datetime.date(2007, 2, 17))
        self.assertEqual(lf.lunar_new_year(2007, "cn"), datetime.date(2007, 2, 18))

    def test_equals_the_cli(self):
        rows = cli_csv("calendar", "--holiday", "lny", "--country", "vn", "--from", "2000",
                       "--to", "2030")
        self.assertEqual(len(rows), 31)
        for r in rows:
            self.assertEqual(lf.lunar_new_year(int(r["year"])).isoformat(), r["date"])

    def test_vietnamese_public_holidays(self):
        h = lf.holidays_vietnam(2024, 2024)
        days = [d for d, _ in h]
        self.assertIn(datetime.date(2024, 9, 2), days)            # National Day
        self.assertIn(datetime.date(2024, 4, 30), days)
        self.assertIn(lf.lunar_to_solar(2024, 3, 10), days)       # Hùng Kings, 18 Apr 2024
        self.assertEqual(lf.lunar_to_solar(2024, 3, 10), datetime.date(2024, 4, 18))
        self.assertTrue(all(isinstance(n, str) for _, n in h))

    def test_errors(self):
        with self.assertRaises(lf.InputError):
            lf.lunar_new_year(2024, "jp")
        with self.assertRaises(lf.InputError):
            lf.lunar_new_year(1500)
        with self.assertRaises(lf.InputError):
            lf.lunar_new_year("2024")
        with self.assertRaises(lf.InputError):
            lf.easter(1000)
        with self.assertRaises(lf.InputError):
            lf.lunar_to_solar(2024, 13, 1)


if __name__ == "__main__":
    unittest.main()

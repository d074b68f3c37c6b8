"""Index compilation bindings: aggregation and contributions, chain-linking,
re-referencing, splicing.  Reference figures: Statistics Finland's December
linking and MOSPI's linking factors (domain.md §1.3-A/B, as in
tests/test_chain.c); aggregation is checked against an independent
computation of the Laspeyres formula here in Python."""
import math
import unittest

import libforecast as lf
from helpers import Case


def _comp(seed, n=36, start="2019-01"):
    x, level, out = seed, 100.0, []
    for _ in range(n):
        x = (x * 1103515245 + 12345) & 0x7fffffff
        level *= 1.0 + ((x % 2001) - 1000.0) / 20000.0
        out.append(level)
    return lf.Series(out, start=start)


class Aggregation(Case):
    def setUp(self):
        self.comp = {"mining": _comp(1), "manufacturing": _comp(2), "electricity": _comp(3)}
        self.w = {"mining": 14.0, "manufacturing": 77.0, "electricity": 9.0}

    def test_fixed_base_is_the_weighted_mean(self):
        a = lf.aggregate(self.comp, self.w)
        tot = sum(self.w.values())
        want = [sum(self.w[k] / tot * self.comp[k][t] for k in self.comp)
                for t in range(36)]
        self.assertAllClose(a.index.values, want, rel=1e-13)
        self.assertEqual(a.index.dates[0], "2019-01")
        self.assertArrayType(a.index.values)
        self.assertIn("fixed-base", repr(a))

    def test_contributions_add_up_to_growth(self):
        a = lf.aggregate(self.comp, self.w)
        for kind in ("yoy", "pop", "ytd"):
            g, c = a.contributions(kind)
            self.assertEqual(sorted(c), sorted(self.comp))
            for t in range(36):
                if math.isnan(g[t]):
                    continue
                self.assertClose(sum(c[k][t] for k in c), g[t], rel=1e-10, abs_=1e-10)
        g, c = a.contributions("yoy")
        self.assertTrue(math.isnan(g[11]))
        idx = a.index.values
        self.assertClose(g[12], 100 * (idx[12] / idx[0] - 1), rel=1e-12)
        g3, _ = a.contributions(lag=3)
        self.assertClose(g3[3], 100 * (idx[3] / idx[0] - 1), rel=1e-12)
        ga, ca = a.annual(2020)
        m = lambda y: sum(idx[(y - 2019) * 12 + k] for k in range(12)) / 12
        self.assertClose(ga, 100 * (m(2020) / m(2019) - 1), rel=1e-12)
        self.assertClose(sum(ca.values()), ga, rel=1e-10)

    def test_annual_overlap_with_yearly_weights(self):
        w = {2019: self.w, 2020: {"mining": 13.0, "manufacturing": 78.0, "electricity": 9.0}}
        a = lf.aggregate(self.comp, w, method="annual-overlap")
        self.assertEqual(a.first_year, 2019)
        # the reference year's mean is 100
        self.assertClose(sum(a.index.values[:12]) / 12, 100.0, rel=1e-12)
        g, c = a.contributions("yoy")
        self.assertClose(sum(c[k][30] for k in c), g[30], rel=1e-10)

    def test_dataframe_and_list_inputs(self):
        try:
            import pandas as pd
        except ImportError:
            pd = None
        lst = [lf.Series(s, name=k) for k, s in self.comp.items()]
        a = lf.aggregate(lst, self.w)
        b = lf.aggregate(self.comp, self.w)
        self.assertAllClose(a.index.values, b.index.values, rel=0)
        if pd is not None:
            df = pd.DataFrame({k: s.to_pandas() for k, s in self.comp.items()})
            c = lf.aggregate(df, self.w)
            self.assertAllClose(c.index.values, b.index.values, rel=0)

    def test_errors(self):
        with self.assertRaises(lf.InputError) as cm:
            lf.aggregate(self.comp, {"mining": 1.0, "manufacturing": -2.0, "electricity": 1.0})
        self.assertEqual(cm.exception.status_name, "FC_EDOMAIN")
        with self.assertRaises(lf.InputError):
            lf.aggregate(self.comp, self.w, method="paasche")
        with self.assertRaises(lf.InputError):
            lf.aggregate(self.comp, {})
        with self.assertRaises(lf.InputError):
            lf.aggregate(self.comp, {"mining": "x", "manufacturing": 1, "electricity": 1})
        short = dict(self.comp, water=_comp(4, n=30))
        with self.assertRaises(lf.InputError):
            lf.aggregate(short, dict(self.w, water=1.0))
        w = {2019: self.w}      # the links of 2021 need 2020's weights
        with self.assertRaises(lf.InputError) as cm:
            lf.aggregate(self.comp, w, method="annual-overlap")
        self.assertIn("2020", str(cm.exception))
        a = lf.aggregate(self.comp, self.w)
        with self.assertRaises(lf.InputError):
            a.contributions("qoq")
        with self.assertRaises(lf.InputError):
            a.annual(2030)

    def test_hierarchy_gives_effective_leaf_weights(self):
        w = lf.weights_from_hierarchy([("B", None, 20.0), ("C", None, 80.0),
                                       ("C10", "C", 1.0), ("C11", "C", 3.0)])
        self.assertEqual(list(w), [0])
        row = w[0]
        tot = sum(row.values())
        self.assertClose(row["B"] / tot, 0.2, rel=1e-12)
        self.assertClose(row["C11"] / tot, 0.6, rel=1e-12)
        with self.assertRaises(lf.InputError):
            lf.weights_from_hierarchy([("C10", "nope", 1.0)])


class ChainLinking(Case):
    def test_statistics_finland_december_linking(self):
        # Jan 2004 = 100.34 on 2003:12 = 100; Dec 2003 = 104.47 on 2000 = 100
        # -> 104.82 published (Statistics Finland, domain.md §1.3-A)
        links = [100 + m * 0.1 for m in range(11)] + [104.47, 100.34]
        c = lf.chain(lf.Series(links, start="2003-01"), method="one-period-overlap")
        self.assertClose(c[12], 104.82, rel=0, abs_=0.01)
        self.assertEqual(c[11], 104.47)
        back = lf.unchain(c, method="one-period-overlap")
        self.assertAllClose(back.values, links, rel=1e-12)

    def test_splice_on_one_period(self):
        old = lf.Series([103.9, 104.47], start="2003-11")
        new = lf.Series([100.0, 100.34, 100.9], start="2003-12")
        s = lf.splice(old, new, overlap_period="2003-12", keep_old_base=True)
        self.assertEqual(len(s), 4)
        self.assertClose(s[2], 104.82, rel=0, abs_=0.01)
        s = lf.splice(old, new, overlap_period="2003-12")
        self.assertClose(s[0], 103.9 / 1.0447, rel=1e-12)

    def test_mospi_linking_factor(self):
        # general index: average 2004 on the old base 211.1 -> factor 2.111
        def year(mean):
            return [mean * (1 + 0.02 * ((m % 3) - 1)) for m in range(12)]
        old = lf.Series(year(211.1 * 0.97) + year(211.1), start="2003-01")
        new = lf.Series(year(100.0) + year(104.0), start="2004-01")
        self.assertClose(lf.linking_factor(old, new), 2.111, rel=1e-12)
        self.assertClose(lf.linking_factor(old, new, overlap_year=2004), 2.111, rel=1e-12)

    def test_annual_overlap_hand_worked(self):
        # 2010 levels 100,102,98,100 (mean 100); 2011 links 101,103,104,106
        # (chain mean 103.5); 2012 link 102 -> 105.57 (tests/test_chain.c)
        s = lf.Series([100, 102, 98, 100, 101, 103, 104, 106, 102], start="2010-Q1")
        c = lf.chain(s)
        self.assertClose(c[8], 105.57, rel=1e-12)
        self.assertClose(lf.annual_mean(c, 2011), 103.5, rel=1e-12)

    def test_rebase_keeps_growth(self):
        s = _comp(7, n=24)
        r = lf.rebase(s, 2020)
        self.assertClose(sum(r.values[12:24]) / 12, 100.0, rel=1e-12)
        self.assertClose(r[5] / r[4], s[5] / s[4], rel=1e-12)

    def test_errors(self):
        s = lf.Series([100, None, 98, 100, 101], start="2010-Q1")
        with self.assertRaises(lf.InputError) as cm:
            lf.chain(s)
        self.assertEqual(cm.exception.status_name, "FC_EMISSING")
        with self.assertRaises(lf.InputError):
            lf.chain(_comp(1), method="geometric")
        with self.assertRaises(lf.InputError):
            lf.rebase(_comp(1), 1990)
        with self.assertRaises(lf.InputError):
            lf.annual_mean(_comp(1), 1990)


if __name__ == "__main__":
    unittest.main()


class IndexReferences(Case):
    """Against the index issue's independent fixture (IMF QNA value form,
    tests/fixtures/index_value_form_*, gen_index_value_form.py) and the CLI."""

    def test_annual_overlap_growth_and_contributions_match_the_value_form(self):
        import csv
        import os
        from helpers import REPO, num
        fx = os.path.join(REPO, "tests", "fixtures")
        comps = lf.read_csv_all(os.path.join(fx, "index_value_form_components.csv"))
        w = lf.read_weights(os.path.join(fx, "index_value_form_weights.csv"))
        a = lf.aggregate(comps, w, method="annual-overlap")
        with open(os.path.join(fx, "index_value_form_expected.csv")) as f:
            rows = list(csv.DictReader(f))
        for kind in ("pop", "yoy"):
            g, c = a.contributions(kind)
            self.assertAllClose(g, [num(r[kind + "_growth"]) for r in rows], rel=1e-9,
                                abs_=1e-9)
            for name in ("A", "B", "C"):
                self.assertAllClose(c[name], [num(r["%s_%s" % (kind, name)]) for r in rows],
                                    rel=1e-9, abs_=1e-9)

    def test_fixed_base_equals_the_cli(self):
        import os
        from helpers import REPO, cli_csv, num
        data = os.path.join(REPO, "datasets", "vietnam_iip_sections_wide.csv")
        wfile = os.path.join(REPO, "datasets", "vietnam_iip_sections_implied_weights.csv")
        rows = cli_csv("aggregate", "--weights", wfile, data)
        a = lf.aggregate(lf.read_csv_all(data), wfile)
        self.assertEqual(a.index.dates, [r["date"] for r in rows])
        self.assertAllClose(a.index.values, [num(r["index"]) for r in rows], rel=0, abs_=0)
        g, c = a.contributions("yoy")
        self.assertAllClose(g, [num(r["growth"]) for r in rows], rel=0, abs_=0)
        for name in c:
            self.assertAllClose(c[name], [num(r[name + "_contrib"]) for r in rows], rel=0,
                                abs_=0)

    def test_chain_and_rebase_equal_the_cli(self):
        from helpers import IIP, cli_csv, num, write_csv
        s = lf.read_csv(IIP)
        rows = cli_csv("rebase", "--reference-year", "2021", IIP)
        self.assertAllClose(lf.rebase(s, 2021).values, [num(r["value"]) for r in rows], rel=0,
                            abs_=0)
        links = lf.unchain(s, method="over-the-year")
        path = write_csv("date,value\n" + "".join("%s,%r\n" % (d, float(v)) for d, v in
                                                  zip(links.dates, links.values)))
        rows = cli_csv("chain", "--method", "over-the-year", path)
        self.assertAllClose(lf.chain(links, method="over-the-year").values,
                            [num(r["value"]) for r in rows], rel=0, abs_=0)

    def test_weights_file_errors(self):
        from helpers import write_csv
        bad = write_csv("year,a,b\n2020,1,x\n")
        with self.assertRaises(lf.InputError) as cm:
            lf.read_weights(bad)
        self.assertIn(":2:", str(cm.exception))

"""`--plot FILE.svg` (bindings/cli/svg.c, plot.c): the file is well-formed
SVG (parsed with xml.etree), with the panels and lines the chart promises,
and the same bytes for the same data."""
import os
import tempfile
import unittest
import xml.etree.ElementTree as ET

from helpers import Case, IIP, EXPORTS, run_cli

NS = "{http://www.w3.org/2000/svg}"


def _plot(*args):
    fd, path = tempfile.mkstemp(suffix=".svg", prefix="lf_plot_")
    os.close(fd)
    rc, out, err = run_cli(*args[:-1], "--plot", path, args[-1])
    return rc, err, path


class GrowthChart(Case):
    def test_growth_plot_is_valid_svg_with_two_panels(self):
        rc, err, path = _plot("growth", IIP)
        try:
            self.assertEqual(rc, 0, err)
            root = ET.parse(path).getroot()
            self.assertEqual(root.tag, NS + "svg")
            panels = [g for g in root.iter(NS + "g") if g.get("class") == "panel"]
            self.assertEqual(len(panels), 2)
            texts = [t.text for t in root.iter(NS + "text")]
            self.assertIn("y/y", texts)
            self.assertIn("2021-01", texts)
            # level line: one polyline through all 62 months (no gaps)
            lines = panels[0].findall(NS + "polyline")
            self.assertEqual(len(lines), 1)
            self.assertEqual(len(lines[0].get("points").split()), 62)
            for pl in root.iter(NS + "polyline"):
                for pt in pl.get("points").split():
                    x, y = map(float, pt.split(","))
                    self.assertTrue(0 <= x <= 800 and 0 <= y <= 720, pt)
        finally:
            os.remove(path)

    def test_same_data_same_bytes(self):
        rc1, _, a = _plot("growth", EXPORTS)
        rc2, _, b = _plot("growth", EXPORTS)
        try:
            self.assertEqual((rc1, rc2), (0, 0))
            with open(a, "rb") as fa, open(b, "rb") as fb:
                self.assertEqual(fa.read(), fb.read())
        finally:
            os.remove(a)
            os.remove(b)

    def test_unwritable_path_is_an_input_error(self):
        rc, out, err = run_cli("growth", "--plot", "/nonexistent/dir/x.svg", IIP)
        self.assertEqual(rc, 1)
        self.assertIn("cannot write /nonexistent/dir/x.svg", err)


class ProjectChart(Case):
    def test_fan_chart_has_bands_and_forecast_line(self):
        rc, err, path = _plot("project", "--horizon", "12", EXPORTS)
        try:
            self.assertEqual(rc, 0, err)
            root = ET.parse(path).getroot()
            self.assertEqual(len(list(root.iter(NS + "polygon"))), 2)    # 80% and 95% bands
            texts = [t.text for t in root.iter(NS + "text")]
            for want in ("80% interval", "95% interval", "forecast", "2026-01"):
                self.assertIn(want, texts)
            dashed = [p for p in root.iter(NS + "polyline") if p.get("stroke-dasharray")]
            self.assertEqual(len(dashed), 1)
            self.assertEqual(len(dashed[0].get("points").split()), 13)    # last obs + 12
        finally:
            os.remove(path)

    def test_quarter_mode_plots_through_the_quarter(self):
        rc, err, path = _plot("project", "--quarter", "2025-Q2", EXPORTS)
        try:
            self.assertEqual(rc, 0, err)
            root = ET.parse(path).getroot()
            texts = [t.text for t in root.iter(NS + "text")]
            self.assertIn("Projection of 2025-Q2", texts)
            dashed = [p for p in root.iter(NS + "polyline") if p.get("stroke-dasharray")]
            self.assertEqual(len(dashed[0].get("points").split()), 5)     # Feb + Mar..Jun
        finally:
            os.remove(path)


class AdjustChart(Case):
    def test_x11_plot_has_three_panels(self):
        rc, err, path = _plot("adjust", "--method", "x11", "--regarima", "none", EXPORTS)
        try:
            self.assertEqual(rc, 0, err)
            root = ET.parse(path).getroot()
            panels = [g for g in root.iter(NS + "g") if g.get("class") == "panel"]
            self.assertEqual(len(panels), 3)
            texts = [t.text for t in root.iter(NS + "text")]
            for want in ("X-11 seasonal adjustment", "seasonally adjusted", "trend",
                         "Seasonal component", "Irregular component"):
                self.assertIn(want, texts)
        finally:
            os.remove(path)

    def test_stl_plot_has_three_panels(self):
        rc, err, path = _plot("adjust", "--method", "stl", "--s-window", "7", "--robust", IIP)
        try:
            self.assertEqual(rc, 0, err)
            root = ET.parse(path).getroot()
            panels = [g for g in root.iter(NS + "g") if g.get("class") == "panel"]
            self.assertEqual(len(panels), 3)
            self.assertIn("STL decomposition", [t.text for t in root.iter(NS + "text")])
        finally:
            os.remove(path)


if __name__ == "__main__":
    unittest.main()

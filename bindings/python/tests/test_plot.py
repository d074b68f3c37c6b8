"""Python .plot() with matplotlib (Debian's python3 has it), or a clear
error without it."""
import os
import tempfile
import unittest

import libforecast as lf
from helpers import Case

try:
    import matplotlib
    matplotlib.use("Agg")
    HAVE_MPL = True
except ImportError:
    HAVE_MPL = False


def _toy():
    return lf.Series([100 + 8 * ((i % 12) in (5, 6)) + 0.4 * i for i in range(48)],
                     start="2019-01", name="toy")


class Plots(Case):
    @unittest.skipUnless(HAVE_MPL, "matplotlib is not installed in this interpreter")
    def test_series_forecast_and_decomposition_charts(self):
        import matplotlib.pyplot as plt
        s = _toy()
        tmp = tempfile.mkdtemp(prefix="lf_plot_")
        ax = s.plot()
        self.assertEqual(len(ax.lines), 1)
        ax.figure.savefig(os.path.join(tmp, "s.png"))
        f = lf.theta(s, h=6)
        ax = f.plot(include=24)
        self.assertEqual(len(ax.lines), 2)                  # history + forecast
        ax.figure.savefig(os.path.join(tmp, "f.png"))
        ax = lf.growth(s).plot()
        self.assertEqual(len(ax.patches), 2 * len(s))       # y/y and m/m bars
        fig = lf.stl(s, s_window=7).plot()
        self.assertEqual(len(fig.axes), 3)
        fig.savefig(os.path.join(tmp, "d.png"))
        for name in ("s.png", "f.png", "d.png"):
            with open(os.path.join(tmp, name), "rb") as fh:
                self.assertEqual(fh.read(8), b"\x89PNG\r\n\x1a\n")
            os.remove(os.path.join(tmp, name))
        os.rmdir(tmp)
        plt.close("all")

    @unittest.skipIf(HAVE_MPL, "matplotlib is installed: the error path cannot be taken")
    def test_clear_error_without_matplotlib(self):
        with self.assertRaises(lf.PlottingUnavailable) as cm:
            _toy().plot()
        self.assertIn("needs matplotlib", str(cm.exception))
        self.assertIsInstance(cm.exception, ImportError)


if __name__ == "__main__":
    unittest.main()

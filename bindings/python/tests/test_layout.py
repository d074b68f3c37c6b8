"""The ctypes struct layouts equal the C headers': a C program compiled
here against include/ prints sizeof and offsetof of every struct the
package mirrors, and each must match ctypes' sizeof / field offsets.
Structs of modules the loaded library does not export yet are left out."""
import os
import shutil
import subprocess
import tempfile
import unittest

import libforecast as lf
import importlib

_lib = importlib.import_module("libforecast._lib")
# modules by full name: the package exports functions called arima, growth...
arima, autoarima, calendar, forecast, growth, index, project, seasonal, unitroot = (
    importlib.import_module("libforecast." + m)
    for m in ("arima", "autoarima", "calendar", "forecast", "growth", "index", "project",
              "seasonal", "unitroot"))
from helpers import Case, REPO

# (C type, ctypes class, a function proving the module is in the library)
STRUCTS = [
    ("fc_error", _lib.FcError, "fc_version"),
    ("fc_period", _lib.FcPeriod, "fc_version"),
    ("fc_series", _lib.FcSeries, "fc_version"),
    ("fc_series_list", _lib.FcSeriesList, "fc_csv_read_file"),
    ("fc_growth_published_options", growth._PublishedOptions, "fc_growth_published_check"),
    ("fc_growth_conflict", growth._Conflict, "fc_growth_published_check"),
    ("fc_growth_published", growth._Published, "fc_growth_published_check"),
    ("fc_stl_options", seasonal._StlOptions, "fc_stl_series"),
    ("fc_stl_result", seasonal._StlResult, "fc_stl_series"),
    ("fc_x11_options", seasonal._X11Options, "fc_x11"),
    ("fc_x11_result", seasonal._X11Result, "fc_x11"),
    ("fc_x11_diagnostics", seasonal._X11Diagnostics, "fc_x11_diagnose"),
    ("fc_theta_info", forecast._ThetaInfo, "fc_theta_forecast"),
    ("fc_kpss_result", unitroot._Kpss, "fc_kpss_test"),
    ("fc_ndiffs_options", unitroot._NdiffsOptions, "fc_ndiffs"),
    ("fc_nsdiffs_options", unitroot._NsdiffsOptions, "fc_nsdiffs"),
    ("fc_weights", index._Weights, "fc_aggregate_compute"),
    ("fc_hierarchy_node", index._HierarchyNode, "fc_weights_from_hierarchy"),
    ("fc_aggregate_options", index._AggregateOptions, "fc_aggregate_compute"),
    ("fc_splice_options", index._SpliceOptions, "fc_chain_splice"),
    ("fc_date", calendar._Date, "fc_lunar_new_year"),
    ("fc_holiday_entry", calendar._HolidayEntry, "fc_holidays_vietnam"),
    ("fc_arima_order", arima._Order, "fc_arima_fit"),
    ("fc_arima_spec", arima._Spec, "fc_arima_fit"),
    ("fc_arima_options", arima._Options, "fc_arima_fit"),
    ("fc_arima_model", arima._Model, "fc_arima_fit"),
    ("fc_forecast", arima._Forecast, "fc_arima_forecast"),
    ("fc_arima_forecast_options", arima._ForecastOptions, "fc_arima_forecast_ex"),
    ("fc_project_options", project._ProjectOptions, "fc_project_quarter"),
    ("fc_quarter_projection", project._QuarterProjection, "fc_project_quarter"),
    ("fc_auto_options", autoarima._AutoOptions, "fc_auto_arima"),
    ("fc_auto_report", autoarima._AutoReport, "fc_auto_arima"),
]
# Python names that differ from C (reserved words)
RENAMED = {"lambda_": "lambda"}


def extra_structs():
    """Structs of modules bound later (project, autoarima): they register here."""
    out = []
    for mod in ("project", "autoarima"):
        m = getattr(lf, "_" + mod + "_layouts", None)
        if m:
            out += m()
    return out


class Layout(Case):
    def test_ctypes_structs_match_the_headers(self):
        cc = shutil.which("cc") or shutil.which("gcc")
        if not cc:
            self.skipTest("no C compiler to read the headers with")
        structs = [s for s in STRUCTS + extra_structs() if _lib.has(s[2])]
        self.assertGreater(len(structs), 10)
        lines = ['#include "forecast.h"', "#include <stdio.h>", "#include <stddef.h>",
                 "int main(void) {"]
        for cname, cls, _ in structs:
            lines.append('printf("%s size %%zu\\n", sizeof(%s));' % (cname, cname))
            for fname, _t in cls._fields_:
                c = RENAMED.get(fname, fname)
                lines.append('printf("%s %s %%zu\\n", offsetof(%s, %s));'
                             % (cname, fname, cname, c))
        lines += ["return 0;", "}"]
        tmp = tempfile.mkdtemp(prefix="lf_layout_")
        try:
            src, exe = os.path.join(tmp, "layout.c"), os.path.join(tmp, "layout")
            with open(src, "w") as f:
                f.write("\n".join(lines) + "\n")
            p = subprocess.run([cc, "-std=c11", "-I", os.path.join(REPO, "include"), src, "-o",
                                exe], stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                               universal_newlines=True)
            self.assertEqual(p.returncode, 0, p.stdout)
            out = subprocess.run([exe], stdout=subprocess.PIPE, universal_newlines=True).stdout
        finally:
            shutil.rmtree(tmp)
        got = {}
        for line in out.splitlines():
            cname, field, value = line.split()
            got[(cname, field)] = int(value)
        import ctypes
        for cname, cls, _ in structs:
            self.assertEqual(ctypes.sizeof(cls), got[(cname, "size")], cname)
            for fname, _t in cls._fields_:
                self.assertEqual(getattr(cls, fname).offset, got[(cname, fname)],
                                 "%s.%s" % (cname, fname))


if __name__ == "__main__":
    unittest.main()

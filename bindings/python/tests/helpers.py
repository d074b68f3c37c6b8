"""Shared helpers of the Python binding tests (run from the repository root)."""
import csv
import io
import math
import os
import subprocess
import tempfile
import unittest

import libforecast as lf

REPO = os.path.abspath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", ".."))
PACKAGE_ROOT = os.path.join(REPO, "bindings", "python")


def lib_dir():
    return os.path.dirname(os.path.abspath(os.environ["LIBFORECAST_LIB"]))


def cli_path():
    """build/forecast next to the library under test."""
    return os.path.join(lib_dir(), "forecast")


def run_cli(*args, stdin=None):
    """(exit status, stdout, stderr) of the CLI."""
    p = subprocess.run([cli_path()] + [str(a) for a in args], input=stdin,
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                       universal_newlines=True)
    return p.returncode, p.stdout, p.stderr


def cli_csv(*args):
    """Rows (dicts) of a CLI command's CSV output; fails the test on a non-zero exit."""
    rc, out, err = run_cli(*args)
    if rc != 0:
        raise AssertionError("forecast %s exited %d: %s" % (" ".join(map(str, args)), rc, err))
    return list(csv.DictReader(io.StringIO(out)))


def num(cell):
    return float("nan") if cell in ("", None) else float(cell)


def write_csv(text, suffix=".csv"):
    """Writes text to a temporary file (deleted at exit of the test process)."""
    fd, path = tempfile.mkstemp(suffix=suffix, prefix="lf_test_")
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        f.write(text)
    _TEMP.append(path)
    return path


_TEMP = []


def cleanup():
    for p in _TEMP:
        try:
            os.remove(p)
        except OSError:
            pass


import atexit  # noqa: E402
atexit.register(cleanup)

IIP = os.path.join(REPO, "datasets", "vietnam_iip_total_level_reconstructed.csv")
EXPORTS = os.path.join(REPO, "datasets", "vietnam_exports_total_first_release.csv")
IMPORTS = os.path.join(REPO, "datasets", "vietnam_imports_total_first_release.csv")


def iip_path():
    """The bundled Vietnam IIP level series (datasets/), the test's main data."""
    return IIP


class Case(unittest.TestCase):
    def assertClose(self, a, b, rel=1e-12, abs_=1e-12, msg=None):
        if (isinstance(a, float) and math.isnan(a)) and (isinstance(b, float) and math.isnan(b)):
            return
        if a is None or b is None or not (abs(a - b) <= max(abs_, rel * max(abs(a), abs(b)))):
            self.fail("%r != %r (rel %g)%s" % (a, b, rel, ": " + msg if msg else ""))

    def assertAllClose(self, xs, ys, rel=1e-12, abs_=1e-12):
        xs, ys = list(xs), list(ys)
        self.assertEqual(len(xs), len(ys))
        for i, (a, b) in enumerate(zip(xs, ys)):
            a, b = float(a), float(b)
            if math.isnan(a) or math.isnan(b):
                self.assertTrue(math.isnan(a) and math.isnan(b), "element %d: %r vs %r" % (i, a, b))
                continue
            self.assertClose(a, b, rel, abs_, "element %d" % i)

    def assertInputErrors(self, fn, arg, *kwargs):
        """fn(arg, **kw) raises lf.InputError for each kw in kwargs."""
        for kw in kwargs:
            with self.subTest(**kw):
                with self.assertRaises(lf.InputError):
                    fn(arg, **kw)

    def assertArrayType(self, xs):
        """numpy array when numpy is in use, list otherwise."""
        if lf.have_numpy():
            import numpy
            self.assertIsInstance(xs, numpy.ndarray)
        else:
            self.assertIsInstance(xs, list)

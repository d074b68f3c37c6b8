#!/usr/bin/env python3
"""Runs the Python binding tests and prints a final line `N passed, N failed`
(`, N skipped` follows when tests were skipped), exiting non-zero on failure.

    python3 bindings/python/tests/run.py            # every pass (see below)
    python3 bindings/python/tests/run.py --single   # this interpreter only
    python3 bindings/python/tests/run.py -k growth  # tests whose id contains "growth"

The shared library comes from LIBFORECAST_LIB (make test sets it), else
build/libforecast.so of this checkout.  Without --single the suite runs in
several passes, so that one `make test` covers the binding's code paths:
  1. this interpreter;
  2. this interpreter with LIBFORECAST_NO_NUMPY=1, when it has numpy (the
     list path);
  3. /usr/bin/python3 (Debian's, with numpy/pandas/matplotlib), when it
     exists and is another interpreter than this one.
Run from any directory; tests find the repository from this file's place.
"""
import os
import re
import subprocess
import sys
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.abspath(os.path.join(HERE, "..", "..", ".."))
PACKAGE_ROOT = os.path.abspath(os.path.join(HERE, ".."))


class _Counting(unittest.TextTestResult):
    def __init__(self, *a, **k):
        super().__init__(*a, **k)
        self.passed = 0

    def addSuccess(self, test):
        super().addSuccess(test)
        self.passed += 1


def _select(suite, pattern):
    out = unittest.TestSuite()
    for t in suite:
        if isinstance(t, unittest.TestSuite):
            out.addTests(_select(t, pattern))
        elif pattern is None or pattern in t.id():
            out.addTest(t)
    return out


def run_here(pattern=None):
    """(passed, failed, skipped) for the suite in this interpreter."""
    sys.path.insert(0, PACKAGE_ROOT)
    sys.path.insert(0, HERE)
    os.environ.setdefault("LIBFORECAST_LIB", os.path.join(REPO, "build", "libforecast.so"))
    os.chdir(REPO)
    suite = _select(unittest.defaultTestLoader.discover(HERE, pattern="test_*.py",
                                                        top_level_dir=HERE), pattern)
    runner = unittest.TextTestRunner(verbosity=2, resultclass=_Counting, stream=sys.stdout)
    r = runner.run(suite)
    failed = len(r.failures) + len(r.errors) + len(r.unexpectedSuccesses)
    return r.passed, failed, len(r.skipped)


def _summary(p, f, s):
    return "%d passed, %d failed" % (p, f) + (", %d skipped" % s if s else "")


def _sub_pass(label, python, env_extra, argv):
    print("\n===== pass: %s (%s) =====" % (label, python), flush=True)
    env = dict(os.environ)
    env.update(env_extra)
    proc = subprocess.run([python, os.path.abspath(__file__), "--single"] + argv,
                          env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                          universal_newlines=True)
    sys.stdout.write(proc.stdout)
    m = None
    for line in proc.stdout.splitlines()[::-1]:
        m = re.match(r"^(\d+) passed, (\d+) failed(?:, (\d+) skipped)?$", line.strip())
        if m:
            break
    if not m:
        print("pass %s did not report a summary (exit %d)" % (label, proc.returncode))
        return 0, 1, 0
    p, f, s = int(m.group(1)), int(m.group(2)), int(m.group(3) or 0)
    if proc.returncode != 0 and f == 0:
        f = 1
    return p, f, s


def _has_numpy(python):
    return subprocess.run([python, "-c", "import numpy"], stdout=subprocess.DEVNULL,
                          stderr=subprocess.DEVNULL).returncode == 0


def main(argv):
    single = "--single" in argv
    pattern = None
    if "-k" in argv:
        pattern = argv[argv.index("-k") + 1]
    passthrough = ["-k", pattern] if pattern else []
    if single:
        p, f, s = run_here(pattern)
        print(_summary(p, f, s))
        return 1 if f else 0
    totals = [0, 0, 0]

    def add(r):
        for i in range(3):
            totals[i] += r[i]
    add(_sub_pass("this interpreter", sys.executable, {}, passthrough))
    if _has_numpy(sys.executable):
        add(_sub_pass("without numpy", sys.executable, {"LIBFORECAST_NO_NUMPY": "1"},
                      passthrough))
    debian = "/usr/bin/python3"
    if (os.path.exists(debian) and
            os.path.realpath(debian) != os.path.realpath(sys.executable)):
        add(_sub_pass("Debian python3", debian, {}, passthrough))
    print("\n" + _summary(*totals))
    return 1 if totals[1] else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

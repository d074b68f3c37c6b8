"""Finding the shared library, and `pip install ./bindings/python` offline."""
import os
import shutil
import subprocess
import sys
import tempfile
import unittest

import libforecast as lf
from helpers import Case, PACKAGE_ROOT, REPO


def _python(code, env_extra, pythonpath, unset=()):
    env = dict(os.environ)
    for k in unset:
        env.pop(k, None)
    env.update(env_extra)
    env["PYTHONPATH"] = pythonpath
    return subprocess.run([sys.executable, "-c", code], env=env, cwd=tempfile.gettempdir(),
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          universal_newlines=True)


def _system_has_library():
    """Whether the dynamic linker finds libforecast.so.0 by itself (checked in
    a fresh process: this one already loaded the library under that soname)."""
    return subprocess.run([sys.executable, "-c", "import ctypes; ctypes.CDLL('libforecast.so.0')"],
                          stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode == 0


class LibraryLookup(Case):
    def test_environment_variable_is_used(self):
        self.assertEqual(os.path.realpath(lf.library_path()),
                         os.path.realpath(os.environ["LIBFORECAST_LIB"]))
        self.assertEqual(lf.library_version(), lf.__version__)

    def test_failure_names_all_three_places(self):
        p = _python("import libforecast as lf\nlf.Series([1], start='2021-01')",
                    {"LIBFORECAST_LIB": "/nonexistent/libforecast.so"}, PACKAGE_ROOT)
        if _system_has_library():
            # then the system copy is the third place, and it is found
            self.assertEqual(p.returncode, 0, p.stderr)
            return
        self.assertNotEqual(p.returncode, 0)
        self.assertIn("LibraryNotFoundError", p.stderr)
        for where in ("next to the package", "LIBFORECAST_LIB", "system library path",
                      "/nonexistent/libforecast.so"):
            self.assertIn(where, p.stderr)

    def test_unset_variable_is_reported_as_not_set(self):
        if _system_has_library():
            self.skipTest("libforecast.so.0 is installed system-wide")
        p = _python("import libforecast as lf\nlf.Series([1], start='2021-01')", {},
                    PACKAGE_ROOT, unset=("LIBFORECAST_LIB",))
        self.assertIn("LIBFORECAST_LIB: not set", p.stderr)

    def test_import_works_without_the_library(self):
        p = _python("import libforecast as lf\nprint(lf.__version__)",
                    {"LIBFORECAST_LIB": "/nonexistent/libforecast.so"}, PACKAGE_ROOT)
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertEqual(p.stdout.strip(), lf.__version__)

    def test_library_next_to_the_package_comes_first(self):
        tmp = tempfile.mkdtemp(prefix="lf_next_")
        try:
            pkg = os.path.join(tmp, "libforecast")
            shutil.copytree(os.path.join(PACKAGE_ROOT, "libforecast"), pkg,
                            ignore=shutil.ignore_patterns("__pycache__"))
            shutil.copy(os.path.realpath(os.environ["LIBFORECAST_LIB"]),
                        os.path.join(pkg, "libforecast.so"))
            p = _python("import libforecast as lf\nprint(lf.library_path())",
                        {"LIBFORECAST_LIB": "/nonexistent/libforecast.so"}, tmp)
            self.assertEqual(p.returncode, 0, p.stderr)
            self.assertEqual(p.stdout.strip(), os.path.join(pkg, "libforecast.so"))
        finally:
            shutil.rmtree(tmp)


class PipInstall(Case):
    def test_pip_installs_offline_into_a_target(self):
        tmp = tempfile.mkdtemp(prefix="lf_pip_")
        try:
            p = subprocess.run([sys.executable, "-m", "pip", "install", "--no-index",
                                "--disable-pip-version-check", "--no-warn-script-location",
                                "--target", tmp, os.path.join(REPO, "bindings", "python")],
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                               universal_newlines=True)
            if p.returncode != 0 and "No module named pip" in p.stdout:
                self.skipTest("pip is not installed for %s" % sys.executable)
            self.assertEqual(p.returncode, 0, p.stdout)
            self.assertTrue(os.path.exists(os.path.join(tmp, "libforecast", "_lib.py")))
            self.assertTrue(os.path.isdir(os.path.join(tmp, "libforecast-%s.dist-info"
                                                       % lf.__version__)))
            # the installed copy works with the library found through LIBFORECAST_LIB
            q = _python("import libforecast as lf\n"
                        "s = lf.Series([1, 2], start='2021-01')\n"
                        "print(lf.__file__)\nprint(s.dates)", {}, tmp)
            self.assertEqual(q.returncode, 0, q.stderr)
            self.assertIn(os.path.join(tmp, "libforecast"), q.stdout)
            self.assertIn("['2021-01', '2021-02']", q.stdout)
        finally:
            shutil.rmtree(tmp)

    def test_wheel_is_pure_and_reproducible(self):
        sys.path.insert(0, os.path.join(PACKAGE_ROOT, "_backend"))
        try:
            import libforecast_build as b
        finally:
            sys.path.pop(0)
        import zipfile
        d1, d2 = tempfile.mkdtemp(), tempfile.mkdtemp()
        try:
            w1 = b.build_wheel(d1)
            w2 = b.build_wheel(d2)
            self.assertEqual(w1, "libforecast-%s-py3-none-any.whl" % lf.__version__)
            a = open(os.path.join(d1, w1), "rb").read()
            self.assertEqual(a, open(os.path.join(d2, w2), "rb").read())
            names = zipfile.ZipFile(os.path.join(d1, w1)).namelist()
            self.assertIn("libforecast/__init__.py", names)
            self.assertFalse([n for n in names if n.endswith((".so", ".pyc"))])
            self.assertEqual(b.get_requires_for_build_wheel(), [])
            sd = b.build_sdist(d1)
            self.assertTrue(sd.endswith(".tar.gz"))
        finally:
            shutil.rmtree(d1)
            shutil.rmtree(d2)


if __name__ == "__main__":
    unittest.main()

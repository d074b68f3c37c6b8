"""README.md's Python example runs as written (the block after the
`<!-- python-example -->` marker), and prints what its comments say."""
import os
import re
import subprocess
import sys
import unittest

from helpers import Case, REPO, PACKAGE_ROOT

MARKER = "<!-- python-example -->"


def _example():
    with open(os.path.join(REPO, "README.md"), encoding="utf-8") as f:
        text = f.read()
    if MARKER not in text:
        raise AssertionError("README.md lost its %s marker" % MARKER)
    after = text.split(MARKER, 1)[1]
    m = re.match(r"\s*```python\n(.*?)```", after, re.S)
    if not m:
        raise AssertionError("no ```python block right after the marker")
    return m.group(1)


class ReadmeExample(Case):
    def test_example_runs_and_prints_what_it_says(self):
        code = _example()
        env = dict(os.environ, PYTHONPATH=PACKAGE_ROOT)
        p = subprocess.run([sys.executable, "-c", code], cwd=REPO, env=env,
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                           universal_newlines=True)
        self.assertEqual(p.returncode, 0, p.stderr)
        out = p.stdout.splitlines()
        expected = []
        for line in code.splitlines():
            # a comment after print(...) is its output, unless it starts "as "
            if line.lstrip().startswith("print(") and "#" in line and \
                    not line.split("#", 1)[1].strip().startswith("as "):
                want = line.split("#", 1)[1].strip()
                want = want.split("...")[0].rstrip(" (")
                expected.append(want)
        self.assertGreaterEqual(len(expected), 4)
        for want in expected:
            self.assertTrue(any(o.startswith(want) for o in out),
                            "README promises %r; the example printed:\n%s" % (want, p.stdout))


if __name__ == "__main__":
    unittest.main()

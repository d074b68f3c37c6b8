"""`make demo` (bindings/cli/demo.sh): runs, shows the growth table, the
quarter projection with intervals, the Vietnamese report, and writes charts
that parse as SVG."""
import os
import subprocess
import unittest
import xml.etree.ElementTree as ET

from helpers import Case, REPO, cli_path


class Demo(Case):
    def test_demo_runs_and_writes_its_charts(self):
        p = subprocess.run(["sh", os.path.join(REPO, "bindings", "cli", "demo.sh"), cli_path()],
                           cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                           universal_newlines=True)
        self.assertEqual(p.returncode, 0, p.stderr)
        out = p.stdout
        for want in ("== Latest month", "== Quarter projection", "Vietnam exports (mn USD)",
                     "Vietnam imports (mn USD)", "of 3 months observed",
                     "Tính chung 2 tháng đầu năm 2025", "Dự báo quý I/2025", "== Charts"):
            self.assertIn(want, out)
        charts = [l.split()[0] for l in out.split("== Charts", 1)[1].splitlines()[1:] if l.strip()]
        self.assertEqual(len(charts), 3)
        for c in charts:
            path = c if os.path.isabs(c) else os.path.join(REPO, c)
            self.assertTrue(os.path.exists(path), path)
            self.assertTrue(ET.parse(path).getroot().tag.endswith("svg"))


if __name__ == "__main__":
    unittest.main()

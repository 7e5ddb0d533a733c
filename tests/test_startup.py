"""`nianbao score` on a text report stays light: no heavy library is imported (start-up time itself is
measured by scripts/bench_startup.py, never in tests)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import REPORTS

REPO = Path(__file__).resolve().parents[1]
HEAVY = ("sklearn", "scipy", "skops", "pdfplumber", "pypdfium2", "openpyxl", "torch", "transformers", "pandas",
         "docx", "lxml", "dask", "distributed")

_PROBE = """
import json, runpy, sys
sys.argv = ["nianbao", "score", sys.argv[1], "--format", "json"]
out = sys.stdout
sys.stdout = open("/dev/null", "w")
try:
    runpy.run_module("nianbao.cli", run_name="__main__")
except SystemExit as e:
    code = e.code
sys.stdout = out
print(json.dumps({"code": code, "modules": sorted({m.split(".")[0] for m in sys.modules})}))
"""


def test_text_score_imports_no_heavy_library():
    env = {**os.environ, "PYTHONPATH": str(REPO / "src") + os.pathsep + os.environ.get("PYTHONPATH", "")}
    res = subprocess.run([sys.executable, "-c", _PROBE, str(REPORTS / "county_bureau_2023.txt")],
                         capture_output=True, text=True, env=env, timeout=120, check=True)
    d = json.loads(res.stdout.strip().splitlines()[-1])
    assert d["code"] in (0, None)
    assert "numpy" in d["modules"] and "jieba" in d["modules"]  # the classifier did run
    assert sorted(set(HEAVY) & set(d["modules"])) == []

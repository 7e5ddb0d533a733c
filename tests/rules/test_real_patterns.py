"""Each defect pattern that real reports contain (issue #12), in our own sentences: exact findings, no more."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from nianbao.audit import load_report
from nianbao.rules.engine import run_rules

ROOT = Path(__file__).resolve().parents[2]
CASES = tomllib.loads((ROOT / "tests" / "accuracy" / "real_patterns.toml").read_text(encoding="utf-8"))["case"]
CODES = ["W-01", "W-02", "W-04", "W-05", "W-06", "W-07", "W-08", "W-10", "W-11", "W-14", "W-13", "D-01", "D-02", "D-06", "D-07", "D-08", "D-09", "D-10", "D-11", "F-04", "F-06", "F-07", "F-08",
         "K-02", "K-03", "K-06", "K-07", "S-08", "W-12", "W-15", "W-16", "W-17", "W-18"]


@pytest.mark.parametrize("case", CASES, ids=[c["kind"] for c in CASES])
def test_real_pattern(case):
    report = load_report(case["text"], require_report=False)
    found = [[f.rule, report.text[f.location.start:f.location.end]] for f in run_rules(report, only=case.get("codes", CODES))]
    assert found == case["expect"]

"""The user's example report and our own equivalent fixture: every listed defect found, no listed non-defect flagged.

The seed check (../shared/tools/seedcheck.py) runs when ../shared is present; the equivalent fixture
(tests/fixtures/reports/yunling_town_2023.txt, team-written) always runs.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from nianbao.audit import audit_report, load_report
from tests.conftest import REPORTS, SHARED


def squash(s: str | None) -> str:
    return "".join((s or "").split())


@pytest.fixture(scope="module")
def yunling():
    exp = json.loads((REPORTS / "yunling_town_2023.expected.json").read_text(encoding="utf-8"))
    audit = audit_report(load_report(REPORTS / "yunling_town_2023.txt"))
    return exp, audit


def _evidence_hits(audit, category, part, evidence):
    """Findings of this category in this part whose evidence, location or context holds the expected text."""
    text = audit.report.text
    out = []
    for f in audit.findings:
        if f.category != category or (part and f.part != part):
            continue
        s, e = f.location.start, f.location.end
        around = text[max(0, (s or 0) - 5):(e or 0) + 60] if s is not None else ""
        if squash(evidence) in squash(f.evidence) or squash(f.evidence) in squash(evidence) and f.evidence \
                or squash(evidence) in squash(around) or squash(evidence) in squash(f.context):
            out.append(f)
    return out


def test_metadata(yunling):
    exp, audit = yunling
    m = audit.report.meta
    assert (m.agency, m.year, m.published.isoformat(), m.format_version) == (
        exp["agency"], exp["year"], exp["published"], exp["format_version"])


@pytest.mark.parametrize("defect_id", range(1, 12))
def test_every_defect_is_found(yunling, defect_id):
    exp, audit = yunling
    d = next(x for x in exp["defects"] if x["id"] == defect_id)
    if d["category"] in ("table", "format", "content") and d["id"] in (3, 4, 5, 9, 11):
        hits = [f for f in audit.findings if f.category == d["category"] and f.part == d["part"]]
    else:
        hits = _evidence_hits(audit, d["category"], d["part"], d["evidence"])
    assert hits, d["note"]


def test_exact_findings_for_the_key_defects(yunling):
    _, audit = yunling
    by_rule = {}
    for f in audit.findings:
        by_rule.setdefault(f.rule, []).append(f)
    assert [f.evidence for f in by_rule["D-01"]] == ["2023年上半年"]
    assert [f.evidence for f in by_rule["W-01"]] == ["落实落实"]
    assert [f.evidence for f in by_rule["P-04"]] == ["(一) 主动公开情况"]
    assert sorted(f.cells[0]["col"] for f in by_rule["T3-01"]) == ["natural", "total"]
    assert sorted(f.cells[0]["col"] for f in by_rule["T3-02"]) == ["natural", "total"]
    assert {f.part for f in by_rule["F-02"]} == {"proactive", "requests"}
    assert len(by_rule["B-01"]) >= 2


def test_no_listed_non_defect_is_flagged(yunling):
    exp, audit = yunling
    for nd in exp["non_defects"]:
        for f in audit.findings:
            if f.category in ("date", "consistency", "table"):
                assert squash(nd["evidence"]) not in squash(f.evidence), (nd["note"], f.rule, f.evidence)


def test_seedcheck_passes_on_the_users_example(seed_path, tmp_path):
    audit = audit_report(load_report(seed_path))
    out = tmp_path / "audit.json"
    out.write_text(audit.to_json(), encoding="utf-8")
    res = subprocess.run([sys.executable, str(SHARED / "tools" / "seedcheck.py"), str(out)], capture_output=True,
                         text=True)
    assert res.returncode == 0, res.stdout
    assert res.stdout.strip().endswith("15 passed, 0 failed")

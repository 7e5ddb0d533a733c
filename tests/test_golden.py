"""The audit's real output, pinned: each fixture report's audit JSON is valid against the published
schema and equal to its golden file (``make golden`` rewrites them), and every finding in it shows
exactly the text (or the table cells) it points at."""

from __future__ import annotations

import json
from importlib import resources

import jsonschema
import pytest

from nianbao.audit import load_report
from tests.conftest import assert_evidence_contract
from tests.golden import dumps, fixture_reports, golden_audit, golden_path

REPORTS = fixture_reports()
SCHEMA = json.loads(resources.files("nianbao.data.schema").joinpath("audit.schema.json").read_text(encoding="utf-8"))


def _first_difference(a, b, path="$"):
    if type(a) is not type(b):
        return f"{path}: {a!r} != {b!r}"
    if isinstance(a, dict):
        for k in sorted(set(a) | set(b)):
            if k not in a or k not in b:
                return f"{path}.{k}: {'missing' if k not in a else 'new'}"
            d = _first_difference(a[k], b[k], f"{path}.{k}")
            if d:
                return d
        return None
    if isinstance(a, list):
        for i, (x, y) in enumerate(zip(a, b, strict=False)):
            d = _first_difference(x, y, f"{path}[{i}]")
            if d:
                return d
        return None if len(a) == len(b) else f"{path}: {len(a)} items != {len(b)}"
    return None if a == b else f"{path}: {a!r} != {b!r}"


def test_there_are_fixture_reports_and_a_golden_for_each():
    assert len(REPORTS) >= 5
    assert {p.name for p in golden_path(REPORTS[0]).parent.glob("*.audit.json")} == \
        {golden_path(r).name for r in REPORTS}, "a golden without its report, or the reverse: run make golden"


@pytest.mark.parametrize("report", REPORTS, ids=lambda p: p.stem)
def test_audit_json_is_valid_and_equals_its_golden(report):
    got = golden_audit(report)
    jsonschema.Draft202012Validator(SCHEMA).validate(got)
    path = golden_path(report)
    assert path.exists(), f"{path.name} is missing: run python scripts/update_golden.py (make golden)"
    want = json.loads(path.read_text(encoding="utf-8"))
    if got != want:
        pytest.fail(f"{report.name}: the audit changed at {_first_difference(want, got)}. If that is intended, "
                    "run python scripts/update_golden.py (make golden) and commit the reviewed diff.")
    assert dumps(got) == path.read_text(encoding="utf-8")


@pytest.mark.parametrize("report", REPORTS, ids=lambda p: p.stem)
def test_every_finding_shows_what_it_points_at(report):
    from nianbao.audit import audit_report
    from nianbao.config import Config

    rep = load_report(report)
    assert_evidence_contract(rep, audit_report(rep, config=Config()).findings)

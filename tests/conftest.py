"""Shared fixtures: paths to the team's fixture reports and the user's example (when ../shared is present)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures"
REPORTS = FIXTURES / "reports"
SHARED = ROOT.parent / "shared"
SEED = SHARED / "seeds" / "000_822fb315f9e9462c.txt"

if str(ROOT / "scripts") not in sys.path:
    sys.path.append(str(ROOT / "scripts"))  # after src and the packages: a script's name shadows nothing
from scriptload import load_script  # noqa: E402,F401 - scripts/<name>.py as a module (the scripts share it)


@pytest.fixture(scope="session")
def expected_reports() -> dict:
    return json.loads((REPORTS / "expected.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def seed_path() -> Path:
    if not SEED.is_file():
        pytest.skip("the user's example report (../shared/seeds) is not present")
    return SEED


def require_tool(ok: bool, what: str) -> None:
    """Skip a test whose system tool (Chromium, LibreOffice …) is missing, but FAIL in CI (CI=true):
    there scripts/setup_system.sh (run by `make test`) installs it, so missing means the set-up broke."""
    import os

    if ok:
        return
    if os.environ.get("CI", "").lower() in ("true", "1", "yes"):
        pytest.fail(f"{what} is missing in CI: scripts/setup_system.sh should have installed it")
    pytest.skip(f"{what} not installed (run scripts/setup_system.sh as root)")


def text_at(report, finding) -> str:
    """The report text at a finding's location."""
    return report.text[finding.location.start:finding.location.end]


def assert_evidence_contract(report, findings, previous=None) -> None:
    """Every finding shows what it points at: a non-empty evidence; for a finding on a span of text,
    exactly report.text[start:end]; for a table finding (or a cross-year finding on cells), cells equal to
    the parsed table's cells (``report = "previous"``: last year's report's), each one the text at its own
    offsets, and the location one of this report's cells."""
    for f in findings:
        assert f.evidence, f"{f.rule}: empty evidence"
        s, e = f.location.start, f.location.end
        if f.category == "table" or (f.category == "crossyear" and f.cells):
            assert f.cells, f"{f.rule}: a table finding names its cells"
            starts = set()
            for ref in f.cells:
                src = previous if ref.get("report") == "previous" else report
                assert src is not None, f"{f.rule}: cell {ref} of last year's report, which the test did not pass"
                c = src.tables[ref["table"]].cell(ref["row"], ref["col"])
                got = (None, "") if c is None else (c.value, c.raw)
                assert (ref["value"], ref["raw"]) == got, f"{f.rule}: cell {ref} is not the table's {got}"
                if c is not None and c.start is not None:
                    assert src.text[c.start:c.end] == c.raw, f"{f.rule}: cell {ref} is not the text at its offsets"
                    if src is report:
                        starts.add(c.start)
            assert s is None or s in starts, f"{f.rule}: location {s} is none of its cells"
        elif s is not None and e is not None and e > s:
            assert report.text[s:e] == f.evidence, f"{f.rule}: evidence {f.evidence!r} != text {report.text[s:e]!r}"

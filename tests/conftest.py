"""Shared fixtures: paths to the team's fixture reports and the user's example (when ../shared is present)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures"
REPORTS = FIXTURES / "reports"
SHARED = ROOT.parent / "shared"
SEED = SHARED / "seeds" / "000_822fb315f9e9462c.txt"


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

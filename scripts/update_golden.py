"""Rewrite the golden audits (tests/golden/*.audit.json) from the current code: ``make golden``.

Run it when a change is meant to change what the audit says, then read ``git diff tests/golden`` and
commit the goldens with the change that explains them."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "src"))

from tests.golden import dumps, fixture_reports, golden_audit, golden_path  # noqa: E402


def main() -> int:
    changed = 0
    for report in fixture_reports():
        path = golden_path(report)
        new = dumps(golden_audit(report))
        old = path.read_text(encoding="utf-8") if path.exists() else None
        if new != old:
            path.write_text(new, encoding="utf-8")
            changed += 1
            print(f"{'updated' if old else 'created'} {path.relative_to(ROOT)}")
    print(f"{changed} golden audit(s) changed" if changed else "golden audits unchanged")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Golden audits: the exact ``nianbao.audit/1`` JSON of each fixture report (tests/fixtures/reports/*.txt).

``python scripts/update_golden.py`` (``make golden``) rewrites them; review the diff before committing it.
Volatile fields are normalised so that a golden changes only when what the audit says changes: the source
path is made relative to the repository, nianbao's own version and the digest of the rule declarations are
replaced by placeholders (the rule count stays)."""

from __future__ import annotations

import json
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
GOLDEN = Path(__file__).resolve().parent
REPORTS = ROOT / "tests" / "fixtures" / "reports"
VOLATILE = "<normalised>"


def fixture_reports() -> list[Path]:
    return sorted(REPORTS.glob("*.txt"))


def golden_path(report: Path) -> Path:
    return GOLDEN / f"{report.stem}.audit.json"


def normalise(d: dict) -> dict:
    d = json.loads(json.dumps(d, ensure_ascii=False))  # a deep copy in JSON's own types
    src = d.get("source") or {}
    if src.get("path"):
        p = Path(src["path"])
        src["path"] = (p.resolve().relative_to(ROOT) if p.is_absolute() or p.exists() else p).as_posix()
    if "nianbao_version" in d:
        d["nianbao_version"] = VOLATILE
    v = d.get("versions") or {}
    if "nianbao" in v:
        v["nianbao"] = VOLATILE
    if isinstance(v.get("rules"), dict) and "version" in v["rules"]:
        v["rules"]["version"] = VOLATILE
    return d


def golden_audit(report: Path) -> dict:
    """The normalised audit of one fixture report, as the golden file holds it."""
    from nianbao.audit import audit_report, load_report
    from nianbao.config import Config

    return normalise(audit_report(load_report(report), config=Config()).to_dict())


def dumps(d: dict) -> str:
    return json.dumps(d, ensure_ascii=False, indent=1, sort_keys=True) + "\n"

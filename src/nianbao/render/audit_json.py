"""The audit as plain data: the ``nianbao.audit/1`` dict every renderer, the batch and the server read
(docs/audit-json.md; src/nianbao/data/schema/audit.schema.json)."""

from __future__ import annotations

import json
from collections import Counter
from typing import TYPE_CHECKING, Any

from nianbao import __version__
from nianbao.render.report_json import iso, table_to_dict
from nianbao.rules.boilerplate import part_boilerplate_share
from nianbao.structure.reading import Reading
from nianbao.versions import versions
from nianbao.vocab import CATEGORIES, SEVERITIES

if TYPE_CHECKING:
    from nianbao.audit import Audit
    from nianbao.model import Report

AUDIT_SCHEMA = "nianbao.audit/1"


def audit_to_dict(a: Audit) -> dict[str, Any]:
    rep, m, sc = a.report, a.report.meta, a.scorecard
    sev = Counter(f.severity for f in a.findings)
    by_cat = Counter(f.category for f in a.findings)
    paragraphs = []
    for p in rep.paragraphs():
        pr = rep.views.prediction(p)
        paragraphs.append({"part": p.part, "heading": p.heading, "text": p.text,
                           "boilerplate": round(float(pr.boilerplate), 4) if pr else 0.0,
                           "topic": pr.topic if pr else "其他", "location": p.loc.to_dict()})
    share = part_boilerplate_share(rep, a.threshold if a.threshold is not None else 0.5)
    return {
        "schema": AUDIT_SCHEMA,
        "nianbao_version": __version__,
        "versions": versions(rubric=sc.rubric, model=a.predictions is not None),
        "source": {"path": rep.raw.source, "format": rep.raw.format, "sha256": rep.raw.sha256},
        "report": {"title": m.title, "agency": m.agency, "level": m.level, "year": m.year,
                   "published": iso(m.published), "published_source": m.published_source,
                   "format_version": m.format_version,
                   "period": {"start": iso(m.period_start), "end": iso(m.period_end)}},
        "score": sc.score,
        "grade": sc.grade,
        "rubric": {"name": sc.rubric.name, "version": sc.rubric.version, "grades": [g for g, _ in sc.rubric.grades]},
        "parts": [p.to_dict() for p in sc.parts],
        "document_deductions": [d.to_dict() for d in (sc.document.deductions if sc.document else [])],
        "findings": [f.to_dict() for f in a.findings],
        "counts": {**{s: sev.get(s, 0) for s in SEVERITIES},
                   "by_category": {c: by_cat.get(c, 0) for c in CATEGORIES}},
        "paragraphs": paragraphs,
        "part_boilerplate": {pid: round(s, 3) for pid, (s, _) in share.items()},
        "tables": {tid: table_to_dict(t) for tid, t in rep.tables.items()},
        "text": rep.text,
        "parse_notes": [{"code": n.code, "message": n.message,
                         "location": {"page": n.page, "line": _line(rep, n.start), "start": n.start, "end": n.end}}
                        for n in [*rep.notes, *a.extra_notes]],
        "copying": a.copying,
        "reading": (a.reading or Reading()).to_dict(line_of=lambda k: _line(rep, k)),
        **({"previous": _previous_block(a)} if a.previous is not None else {}),
        # present only when a check could not run (classifier missing or broken): the score is incomplete
        **({"incomplete": list(a.incomplete)} if a.incomplete else {}),
    }


def _line(rep: Report, start: int | None) -> int | None:
    """The 1-based line of a note's start in the report's text (None where the note has no place)."""
    return rep.raw.line_of(start) if start is not None and 0 <= start <= len(rep.text) else None


def _previous_block(a: Audit) -> dict[str, Any]:
    from nianbao.crossyear import previous_block
    from nianbao.rules.registry import get_rule

    assert a.previous is not None
    spec = get_rule("Y-03")
    p = spec.params if spec else {}
    kw = {k: p[k] for k in ("addressed_share", "addressed_terms") if k in p}
    if "stop_words" in p:
        kw["stop"] = p["stop_words"]
    return previous_block(a.report, a.previous, **kw)


def audit_to_json(a: Audit, indent: int | None = 2) -> str:
    return json.dumps(audit_to_dict(a), ensure_ascii=False, indent=indent)


FINDING_COLUMNS = ["agency", "year", "rule", "title", "category", "severity", "part", "message", "evidence",
                   "suggestion", "cause", "page", "line", "start", "end"]


def findings_frame(a: Audit):
    """The findings as a pandas DataFrame (needs pandas)."""
    try:
        import pandas as pd
    except ImportError as e:  # pragma: no cover - depends on the environment
        raise ImportError("to_dataframe() 需要 pandas：pip install pandas") from e
    rows = []
    for f in a.findings:
        d = f.to_dict()
        loc = d.pop("location")
        d.pop("cells", None)
        rows.append({**d, "page": loc["page"], "line": loc["line"], "start": loc["start"], "end": loc["end"],
                     "agency": a.report.meta.agency, "year": a.report.meta.year})
    cols = FINDING_COLUMNS
    return pd.DataFrame(rows, columns=cols + [c for c in (rows[0] if rows else {}) if c not in cols])

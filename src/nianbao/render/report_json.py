"""The structured report as plain data (the `nianbao inspect --format json` schema, docs/report-json.md)."""

from __future__ import annotations

from nianbao.model import Heading, Paragraph, Part, Report, Table

REPORT_SCHEMA = "nianbao.report/1"


def _para(p: Paragraph) -> dict:
    return {"text": p.text, "heading": p.heading, "location": p.loc.to_dict()}


def _heading(h: Heading) -> dict:
    return {
        "title": h.title,
        "label": h.label,
        "name": h.name,
        "level": h.level,
        "location": h.loc.to_dict(),
        "paragraphs": [_para(p) for p in h.paragraphs],
        "children": [_heading(c) for c in h.children],
    }


def _part(p: Part) -> dict:
    return {
        "id": p.id,
        "number": p.number,
        "title": p.title,
        "canonical": p.canonical,
        "location": p.loc.to_dict(),
        "headings": [_heading(h) for h in p.headings],
        "paragraphs": [_para(x) for x in p.paragraphs],
    }


def table_to_dict(t: Table) -> dict:
    rows = list(t.cells)
    cols: list[str] = []
    for r in rows:
        for c in t.cells[r]:
            if c not in cols:
                cols.append(c)
    return {
        "layout": t.layout,
        "rows": rows,
        "row_labels": dict(t.row_labels),
        "columns": cols,
        "col_labels": {c: t.col_labels.get(c, c) for c in cols},
        "cells": {r: {c: cell.to_dict() for c, cell in t.cells[r].items()} for r in rows},
        "missing_rows": list(t.missing_rows),
        "extra_rows": list(t.extra_rows),
        "location": {"page": t.page, "start": t.start, "end": t.end},
    }


def iso(d) -> str | None:
    return d.isoformat() if d else None


def report_to_dict(report: Report) -> dict:
    m = report.meta
    raw = report.raw
    return {
        "schema": REPORT_SCHEMA,
        "source": {"path": raw.source, "format": raw.format, "encoding": raw.encoding, "sha256": raw.sha256,
                   "pages": raw.page_count},
        "title": m.title,
        "agency": m.agency,
        "level": m.level,
        "year": m.year,
        "published": iso(m.published),
        "published_source": m.published_source,
        "period": {"start": iso(m.period_start), "end": iso(m.period_end), "text": m.period_text},
        "format_version": m.format_version,
        "format_evidence": list(m.format_evidence),
        "preamble": [_para(p) for p in report.preamble],
        "parts": [_part(p) for p in report.parts],
        "other_sections": [_part(p) for p in report.extra_parts],
        "tables": {tid: table_to_dict(t) for tid, t in report.tables.items()},
        "parse_notes": [
            {"code": n.code, "message": n.message, "location": {"page": n.page, "start": n.start, "end": n.end}}
            for n in report.notes
        ],
    }

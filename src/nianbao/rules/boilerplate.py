"""Checks over the classifier's answers (套话) and over copy detection (雷同)."""

from __future__ import annotations

from collections.abc import Iterator

from nianbao.model import Finding, Report
from nianbao.rules.base import RuleContext

MIN_CHARS = 25


def _threshold(ctx: RuleContext) -> float:
    return ctx.threshold if ctx.threshold is not None else float(ctx.params.get("threshold", 0.5))


def boilerplate_paragraph(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    thr = _threshold(ctx)
    for para, pred in ctx.views.classified():
        if para.part in ctx.params.get("skip_parts", []) or len(para.text) < MIN_CHARS:
            continue
        if pred.boilerplate < thr or pred.topic in ctx.params.get("skip_topics", []):
            continue
        where = f"“{para.heading}”下的" if para.heading else ""
        yield ctx.finding(para.loc.start, para.loc.end, part=para.part,
                          where=where, boilerplate=pred.boilerplate)


def part_boilerplate_share(report: Report, threshold: float, min_chars: int = MIN_CHARS) -> dict[str, tuple[float, int]]:
    """Per part: (share of its text, by characters, in paragraphs the classifier calls boilerplate, number of
    paragraphs judged). Only paragraphs of at least ``min_chars`` characters are judged. The one definition,
    used by B-02 and by the audit's ``part_boilerplate``; empty without predictions."""
    by_part: dict[str, list[tuple[int, bool]]] = {}
    for para, pred in report.views.classified():
        if para.part is None or len(para.text) < min_chars:
            continue
        by_part.setdefault(para.part, []).append((len(para.text), pred.boilerplate >= threshold))
    out = {}
    for pid, items in by_part.items():
        total = sum(n for n, _ in items)
        out[pid] = (sum(n for n, b in items if b) / total if total else 0.0, len(items))
    return out


def boilerplate_share(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    min_share = float(ctx.params.get("min_share", 0.6))
    for pid, (share, n) in part_boilerplate_share(report, _threshold(ctx)).items():
        if n < int(ctx.params.get("min_paragraphs", 3)) or share < min_share:
            continue
        part = report.part(pid)
        if part is None:
            continue
        yield ctx.finding(part.loc.start, part.loc.end, part=pid, evidence=part.title, title=part.title, share=share)


def copied_text(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    """雷同: sentences shared with other units' reports or the same agency's earlier report (batch only)."""
    copying = ctx.copying
    if not copying:
        return
    min_share = float(ctx.params.get("min_share", 0.3))
    for kind, share_key, label in (("previous_year", "previous_year_share", "本机关上一年度报告"),
                                   ("cross_unit", "other_units_share", "其他单位的报告")):
        share = copying.get(share_key) or 0.0
        if share < min_share:
            continue
        matches = [m for m in copying.get("matches", []) if m.get("kind") == kind]
        first = next((m for m in matches if m.get("start") is not None), None)
        sources = sorted({m.get("agency") or m.get("source") for m in matches})[:3]
        start, end = (first["start"], first["end"]) if first else (None, None)
        yield ctx.finding(start, end, evidence=(first or {}).get("sentence", ""),
                          part=report.part_at(start) if start is not None else None,
                          share=share, label=label, sources='（' + '、'.join(s for s in sources if s) + '）' if sources else '')

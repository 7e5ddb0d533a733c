"""Checks across years (跨年度): this year's report against the same body's report of the year before.

Every check is silent unless the audit was given last year's report (``ctx.previous``: ``score
--previous``, ``nianbao.audit(..., previous=...)``, or the batch's ``--previous`` / several years of the
same body in one batch), and silent when the two reports are not consecutive years. The comparisons
themselves (key numbers, problems and their answers, copied sentences) live in ``nianbao.crossyear``.
"""

from __future__ import annotations

from collections.abc import Iterator

from nianbao import crossyear as cy
from nianbao.model import Cell, Finding, Report, Table
from nianbao.rules.base import RuleContext
from nianbao.rules.tables import COL_NAMES, _fmt
from nianbao.structure.spec import format_spec

APPLICANT_COLS = ("natural", "commercial", "research", "social", "legal", "other")
IN_FORCE_ROWS = {"rules": "规章", "normative_docs": "行政规范性文件"}


def _pair(report: Report, ctx: RuleContext) -> Report | None:
    prev = ctx.previous
    if prev is None or cy.comparable(report, prev) is not None:
        return None
    return prev


def _num(c: Cell | None) -> bool:
    return c is not None and c.status == "number" and c.value is not None


def _ref(t: Table, row: str, col: str, previous: Report | None = None) -> dict:
    """A finding's cell reference; last year's cells carry ``report = "previous"``, its year and the page."""
    c = t.cell(row, col)
    ref = {"table": t.id, "row": row, "col": col, "value": None if c is None else c.value,
           "raw": "" if c is None else c.raw}
    if previous is not None:
        ref.update(report="previous", year=previous.meta.year, page=None if c is None else c.page)
    return ref


def _prev_label(prev: Report) -> str:
    y = prev.meta.year
    return f"上年（{y}年度）报告" if y else "上一年度报告"


def _page(c: Cell) -> str:
    return f"（第{c.page}页）" if c.page else ""


# --------------------------------------------------------------------------------------------- Y-01


def carry_over_chain(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    """Y-01: this year's 二、上年结转 = last year's 四、结转下年度继续办理, column by column (the 总计
    column only when no applicant column already differs)."""
    prev = _pair(report, ctx)
    if prev is None:
        return
    t, pt = report.tables.get("requests"), prev.tables.get("requests")
    if t is None or pt is None:
        return
    bad = []
    for col in format_spec()["tables"]["requests"]["columns"]:
        now, before = t.cell("carried_over", col), pt.cell("carried_forward", col)
        if not (_num(now) and _num(before)) or abs(now.value - before.value) < 1e-9:  # type: ignore[union-attr,operator]
            continue
        if col == "total" and bad:
            continue
        bad.append(col)
        assert now is not None and before is not None
        cause = "parse" if min(now.confidence, before.confidence) < 0.8 else "report"
        label = _prev_label(prev)
        yield ctx.finding(
            now.start, now.end, part="requests", cause=cause,
            evidence=(f"本年表三“二、上年结转政府信息公开申请数量”·{COL_NAMES[col]}={_fmt(now.value)}；"
                      f"{label}表三“四、结转下年度继续办理”·{COL_NAMES[col]}={_fmt(before.value)}"),
            cells=[_ref(t, "carried_over", col), _ref(pt, "carried_forward", col, prev)],
            col=COL_NAMES[col], now=_fmt(now.value), before=_fmt(before.value), prev=label,
            prev_page=_page(before),
        )


# --------------------------------------------------------------------------------------------- Y-02


def in_force_chain(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    """Y-02: last year's 现行有效件数 + 本年制发件数 − 本年废止件数 = this year's 现行有效件数 (table 2,
    2021 layout, 规章 and 行政规范性文件)."""
    prev = _pair(report, ctx)
    if prev is None:
        return
    t, pt = report.tables.get("proactive"), prev.tables.get("proactive")
    if t is None or pt is None or t.layout != "2021" or pt.layout != "2021":
        return
    for row, name in IN_FORCE_ROWS.items():
        issued, repealed, now = (t.cell(row, c) for c in ("issued", "repealed", "in_force"))
        before = pt.cell(row, "in_force")
        if not all(_num(c) for c in (issued, repealed, now, before)):
            continue
        assert issued and repealed and now and before
        expected = before.value + issued.value - repealed.value  # type: ignore[operator]
        if abs(expected - now.value) < 1e-9:  # type: ignore[operator]
            continue
        label = _prev_label(prev)
        cause = "parse" if min(c.confidence for c in (issued, repealed, now, before)) < 0.8 else "report"
        yield ctx.finding(
            now.start, now.end, part="proactive", cause=cause,
            evidence=(f"{label}{name}·现行有效件数={_fmt(before.value)}；本年{name}·本年制发件数={_fmt(issued.value)}、"
                      f"本年废止件数={_fmt(repealed.value)}、现行有效件数={_fmt(now.value)}"),
            cells=[_ref(t, row, "in_force"), _ref(t, row, "issued"), _ref(t, row, "repealed"),
                   _ref(pt, row, "in_force", prev)],
            row=name, now=_fmt(now.value), before=_fmt(before.value), issued=_fmt(issued.value),
            repealed=_fmt(repealed.value), expected=_fmt(expected), prev=label, prev_page=_page(before),
        )


# --------------------------------------------------------------------------------------------- Y-03


def _short(s: str, n: int = 60) -> str:
    s = "".join(s.split())
    return s if len(s) <= n else s[: n - 1] + "…"


def problems_followed_up(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    """Y-03: each problem last year's part 五 listed, looked for in this year's 整改情况 / 改进措施."""
    prev = _pair(report, ctx)
    part = report.part("problems")
    if prev is None or part is None:
        return
    p = ctx.params
    ups = cy.follow_up(report, prev, stop=p.get("stop_words", cy.DEFAULT_STOP),
                       addressed_share=float(p.get("addressed_share", 0.3)),
                       addressed_terms=int(p.get("addressed_terms", 2)))
    answers = cy.answers(report)
    # where a reader looks: this year's 整改 paragraph, else the part heading
    anchor = answers[0].para.loc if answers else part.loc
    label = _prev_label(prev)
    if ups and not answers:  # no 整改/改进 text at all: one finding, not one per problem
        page = prev.raw.page_of(ups[0].problem.start)
        yield ctx.finding(anchor.start, anchor.end, part="problems", variant="no_answers", prev=label,
                          where=f"第{page}页" if page else "第五部分", n=len(ups), problem=_short(ups[0].problem.text))
        return
    for f in ups:
        if f.status == "addressed":
            continue
        page = prev.raw.page_of(f.problem.start)
        where = f"第{page}页" if page else "第五部分"
        if f.status == "unaddressed":
            yield ctx.finding(anchor.start, anchor.end, part="problems", variant="unaddressed",
                              prev=label, where=where, problem=_short(f.problem.text),
                              terms="、".join(f"“{w}”" for w in f.terms[:4]))
        else:
            assert f.answer is not None
            yield ctx.finding(f.answer.start, f.answer.end, part="problems", variant="unclear",
                              prev=label, where=where, problem=_short(f.problem.text),
                              terms="、".join(f"“{w}”" for w in f.shared[:4]))


# --------------------------------------------------------------------------------------------- Y-04


def copied_from_last_year(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    """Y-04: narrative paragraphs taken over from last year's report, figures and all (the mandated template
    wording left out by the batch copy detection's own template list). B-03 reports the share of copied
    text over the whole report in a batch; this rule points at the paragraphs, in a batch and alone."""
    prev = _pair(report, ctx)
    if prev is None:
        return
    min_share = float(ctx.params.get("min_share", 0.5))
    min_sentences = int(ctx.params.get("min_sentences", 2))
    by_para: dict[int, list[cy.Copied]] = {}
    paras = [p for p in report.paragraphs() if p.loc.start is not None and p.loc.end is not None]
    for c in cy.copied_sentences(report, prev):
        for i, p in enumerate(paras):
            if p.loc.start <= c.start < p.loc.end:  # type: ignore[operator]
                by_para.setdefault(i, []).append(c)
                break
    label = _prev_label(prev)
    for i, cs in sorted(by_para.items()):
        p = paras[i]
        chars = sum(c.end - c.start for c in cs)
        share = chars / max(1, len(p.text))
        if len(cs) < min_sentences or share < min_share:
            continue
        first = cs[0]
        page = prev.raw.page_of(first.matched_start) if first.matched_start is not None else None
        yield ctx.finding(p.loc.start, p.loc.end, part=p.part, n=len(cs), share=share, prev=label,
                          where=f"第{page}页" if page else "", example=_short(first.text, 40))

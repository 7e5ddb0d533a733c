"""Checks over the mandated tables (表二、表三、表四): identities, domains, blank cells.

Precision first: a blank, "/" or unreadable cell is reported once (T3-05 / T2-01 / T4-02) and every
identity that would need it is skipped, so one unreadable cell never becomes a cascade of sum errors.
A cell read with low confidence turns a finding into a 'parse' finding with lower severity.
"""

from __future__ import annotations

from collections.abc import Iterator

from nianbao.model import Cell, Finding, Report, Table
from nianbao.rules.base import RuleContext
from nianbao.structure.spec import format_spec
from nianbao.vocab import TABLE_NUMBERS

COL_NAMES = {"natural": "自然人", "commercial": "商业企业", "research": "科研机构", "social": "社会公益组织",
             "legal": "法律服务机构", "other": "其他", "total": "总计"}
LOW_CONFIDENCE = 0.8


def _cell_ref(t: Table, row: str, col: str) -> dict:
    c = t.cell(row, col)
    return {"table": t.id, "row": row, "col": col, "value": None if c is None else c.value,
            "raw": "" if c is None else c.raw}


def _span(cells: list[Cell | None]) -> tuple[int | None, int | None]:
    pos = [(c.start, c.end) for c in cells if c is not None and c.start is not None and c.end is not None]
    if not pos:
        return None, None
    return min(p[0] for p in pos), max(p[1] for p in pos)


def _is_num(c: Cell | None) -> bool:
    return c is not None and c.status == "number" and c.value is not None


def _cause(cells: list[Cell | None]) -> str:
    return "parse" if any(c is not None and c.confidence < LOW_CONFIDENCE for c in cells) else "report"


def _fmt(v) -> str:
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return str(v)


def _row_name(t: Table, row: str) -> str:
    return t.row_labels.get(row, row)


def _sum_finding(ctx: RuleContext, t: Table, left: list[tuple[str, str]], right: list[tuple[str, str]],
                 primary: tuple[str, str] | None = None, **fields: str) -> Finding | None:
    """Report when Σleft ≠ Σright; None when any cell is not a readable number (reported elsewhere).
    The message template gets ``left``, ``right``, ``parse_note`` and the caller's ``fields``."""
    lc = [t.cell(r, c) for r, c in left]
    rc = [t.cell(r, c) for r, c in right]
    if not all(_is_num(c) for c in lc + rc):
        return None
    lv = sum(c.value for c in lc)  # type: ignore[misc]
    rv = sum(c.value for c in rc)  # type: ignore[misc]
    if abs(lv - rv) < 1e-9:
        return None
    involved = lc + rc
    # the location is the cell a reader should look at first (the total), not the whole table
    first = primary or left[0]
    start, end = _span([t.cell(*first)])
    # evidence: the cells of the identity, leaving out zero addends of long sums
    shown = [(r, c) for r, c in left + right if len(right) <= 6 or (r, c) in left or t.value(r, c)]
    refs = [_cell_ref(t, r, c) | {"side": "left" if (r, c) in left else "right"} for r, c in shown]
    evidence = "；".join(f"{_row_name(t, r)}·{COL_NAMES.get(c, t.col_labels.get(c, c))}={_fmt(t.value(r, c))}"
                        for r, c in shown)
    cause = _cause(involved)
    note = "（注意：相关单元格读取置信度较低，也可能是文件解析问题，请核对原表。）" if cause == "parse" else ""
    return ctx.finding(start, end, evidence=evidence, part=_part_of(t), cells=refs, cause=cause,
                       left=_fmt(lv), right=_fmt(rv), parse_note=note, **fields)


def _part_of(t: Table) -> str:
    return t.id


def _result_rows(t: Table) -> list[str]:
    spec_rows = format_spec()["tables"]["requests"]["rows"]
    return [r["key"] for r in spec_rows if r.get("group") and r.get("only") in (None, t.layout) and r["key"] in t.cells]


# --------------------------------------------------------------------------------------------- table 3


def table3_identity(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    """T3-01: per column 一 + 二 = （七）总计 + 四."""
    t = report.tables.get("requests")
    if not t:
        return
    for col in format_spec()["tables"]["requests"]["columns"]:
        f = _sum_finding(
            ctx, t, [("new", col), ("carried_over", col)], [("total", col), ("carried_forward", col)],
            primary=("total", col), col=COL_NAMES[col],
        )
        if f:
            yield f


def table3_total_row(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    """T3-02: per column （七）总计 = sum of the result rows."""
    t = report.tables.get("requests")
    if not t or "total" not in t.cells:
        return
    rows = _result_rows(t)
    for col in format_spec()["tables"]["requests"]["columns"]:
        nonzero = "、".join(f"{_row_name(t, r)}={_fmt(t.value(r, col))}" for r in rows if t.value(r, col))
        f = _sum_finding(ctx, t, [("total", col)], [(r, col) for r in rows], col=COL_NAMES[col],
                         nonzero=f"非零的办理结果：{nonzero}。" if nonzero else "")
        if f:
            yield f


def table3_row_totals(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    """T3-03: per row 总计 = the six applicant columns."""
    t = report.tables.get("requests")
    if not t:
        return
    cols = [c for c in format_spec()["tables"]["requests"]["columns"] if c != "total"]
    for row in t.cells:
        f = _sum_finding(ctx, t, [(row, "total")], [(row, c) for c in cols], row=_row_name(t, row))
        if f:
            yield f


def _domain_findings(ctx: RuleContext, t: Table, name: str, allow_float: frozenset[str] = frozenset(),
                     allow_negative: frozenset[str] = frozenset()) -> Iterator[Finding]:
    blanks: list[tuple[str, str, Cell]] = []
    for row, cols in t.cells.items():
        for col, c in cols.items():
            if c.status in ("blank", "dash", "none_word", "unreadable", "missing"):
                blanks.append((row, col, c))
            elif c.value is not None and (c.value < 0 and col not in allow_negative or (isinstance(c.value, float) and not c.value.is_integer()
                                                          and col not in allow_float)):
                what = "负数" if c.value < 0 else "非整数"
                yield ctx.finding(c.start, c.end, variant="bad_value", evidence=c.raw, part=t.id,
                                  name=name, row=_row_name(t, row), col=t.col_labels.get(col, COL_NAMES.get(col, col)), raw=c.raw, what=what,
                                  cells=[_cell_ref(t, row, col)], cause=_cause([c]))
    if blanks:
        refs = [_cell_ref(t, r, c) for r, c, _ in blanks]
        cells = [x for _, _, x in blanks]
        start, end = _span(cells)
        kinds = {"blank": "空白", "dash": "“/”或“-”", "none_word": "“无”", "missing": "缺失"}

        def what(x: Cell) -> str:
            return f"填写了文字“{x.raw.strip()}”" if x.status == "unreadable" else kinds[x.status]

        listing = "、".join(f"{_row_name(t, r)}·{t.col_labels.get(c, COL_NAMES.get(c, c))}（{what(x)}）"
                           for r, c, x in blanks[:8])
        more = f"等 {len(blanks)} 处" if len(blanks) > 8 else f"共 {len(blanks)} 处"
        # cells the parser could not place are a doubtful parse; text the author wrote is the report's
        parse = all(x.status == "missing" or x.confidence < LOW_CONFIDENCE for _, _, x in blanks)
        yield ctx.finding(start, end, variant="blanks", evidence=listing, part=t.id, cells=refs,
                          cause="parse" if parse else "report",
                          name=name, listing=listing, more=more)


def table3_domain(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    t = report.tables.get("requests")
    if t:
        yield from _domain_findings(ctx, t, TABLE_NUMBERS[t.id])


# --------------------------------------------------------------------------------------------- table 4


def table4_totals(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    t = report.tables.get("review_litigation")
    if not t:
        return
    names = {"review": "行政复议", "direct_suit": "行政诉讼·未经复议直接起诉", "suit_after_review": "行政诉讼·复议后起诉"}
    for block in ("review", "direct_suit", "suit_after_review"):
        f = _sum_finding(ctx, t, [(block, "total")], [(block, c) for c in ("upheld", "corrected", "other", "pending")],
                         block=names[block])
        if f:
            yield f


def table4_domain(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    t = report.tables.get("review_litigation")
    if t:
        yield from _domain_findings(ctx, t, TABLE_NUMBERS[t.id])


# --------------------------------------------------------------------------------------------- table 2


def table2_domain(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    t = report.tables.get("proactive")
    if t:
        # 2019 format: 本年增/减 may be negative; amounts may have decimals
        yield from _domain_findings(ctx, t, TABLE_NUMBERS[t.id], allow_float=frozenset({"amount"}),
                                    allow_negative=frozenset({"change"}))


def table2_in_force(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    """现行有效件数 ≥ 本年制发件数 − 本年废止件数."""
    t = report.tables.get("proactive")
    if not t or t.layout != "2021":
        return
    for row, name in (("rules", "规章"), ("normative_docs", "行政规范性文件")):
        cells = [t.cell(row, c) for c in ("issued", "repealed", "in_force")]
        if not all(_is_num(c) for c in cells):
            continue
        issued, repealed, in_force = (c.value for c in cells)  # type: ignore[union-attr]
        if in_force < issued - repealed:
            start, end = _span(cells)
            yield ctx.finding(start, end, part="proactive", cells=[_cell_ref(t, row, c) for c in ("issued", "repealed", "in_force")],
                              evidence=f"{name}：本年制发 {_fmt(issued)}，本年废止 {_fmt(repealed)}，现行有效 {_fmt(in_force)}",
                              name=name, in_force=_fmt(in_force), issued=_fmt(issued), repealed=_fmt(repealed),
                              cause=_cause(cells))


def table2_fee_unit(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    """本年收费金额 is in 万元: a huge value is probably written in 元."""
    t = report.tables.get("proactive")
    if not t or t.layout != "2021":
        return
    c = t.cell("fees", "amount")
    if not _is_num(c):
        return
    limit = ctx.params.get("max_wan_yuan", {}).get(report.meta.level or "department", 50000)
    if c.value > limit:  # type: ignore[operator]
        yield ctx.finding(c.start, c.end, part="proactive", evidence=c.raw, cells=[_cell_ref(t, "fees", "amount")],
                          raw=c.raw)


def table2_rules_power(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    """规章 > 0 only for organs with rule-making power."""
    t = report.tables.get("proactive")
    if not t:
        return
    level = report.meta.level
    if level not in ctx.params.get("levels_without_power", ["township", "street", "county_gov"]):
        if not (level == "department" and report.meta.agency and any(
                k in report.meta.agency for k in ("县", "区", "镇", "乡", "街道"))):
            return
    for col in ("issued", "in_force", "made", "published", "total_published"):
        c = t.cell("rules", col)
        if _is_num(c) and c.value > 0:  # type: ignore[operator]
            yield ctx.finding(c.start, c.end, part="proactive", evidence=c.raw, cells=[_cell_ref(t, "rules", col)],
                              raw=c.raw, agency=report.meta.agency or '本机关')
            return

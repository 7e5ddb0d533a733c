"""Structure checks: the six parts, their order and headings, the mandated tables, title and period."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date

from nianbao.model import Finding, Report
from nianbao.rules.base import RuleContext
from nianbao.vocab import PART_IDS, PART_NAMES, PART_NUMBERS, TABLE_IDS, TABLE_NAMES, TABLE_NUMBERS


def _modern(report: Report) -> bool:
    """The six-part structure is mandatory from the 2019 reports on (older years had free structure)."""
    return (report.meta.year or 9999) >= 2019


def missing_parts(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    if not _modern(report):
        return
    present = {p.id for p in report.parts}
    for i, pid in enumerate(PART_IDS):
        if pid in present:
            continue
        # locate where the part should have been: before the next present part, else at the end of the body
        after = [p for p in report.parts if PART_IDS.index(p.id) > i]
        at = after[0].loc.start if after else (report.parts[-1].end if report.parts else 0)
        yield ctx.finding(at, at, part=pid, evidence=f"（缺少）{PART_NUMBERS[pid]}、{PART_NAMES[pid]}",
                          num=PART_NUMBERS[pid], part_names=PART_NAMES[pid])


def part_order(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    order = [PART_IDS.index(p.id) for p in report.parts]
    for i in range(1, len(report.parts)):
        p, idx, prev = report.parts[i], order[i], order[i - 1]
        if idx < prev:
            yield ctx.finding(p.loc.start, p.loc.end, part=p.id,
                              title=p.title)


def heading_wording(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    from nianbao.structure.spec import format_spec, label_key

    if not _modern(report):
        return  # before the 2019 reports there was no unified wording to compare with (一、概述 was usual)
    for p in report.parts:
        if p.canonical:
            continue
        old_tables = any(t.layout == "2019" for t in report.tables.values() if t.id in ("proactive", "requests"))
        if old_tables and label_key(p.name) in {label_key(v) for v in format_spec()["parts"][p.id].get("obsolete", [])}:
            continue  # reported as an obsolete heading (F-03)
        yield ctx.finding(p.loc.start, p.loc.end, part=p.id,
                          num=PART_NUMBERS[p.id], title=p.title, part_names=PART_NAMES[p.id])




def missing_tables(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    if not _modern(report):
        return
    for tid in TABLE_IDS:
        part = report.part(tid)
        if part is None or tid in report.tables:
            continue
        yield ctx.finding(part.loc.start, part.loc.end, part=tid,
                          num=PART_NUMBERS[tid], name=f"{TABLE_NUMBERS[tid]}（{TABLE_NAMES[tid]}）")




def _missing_columns(t) -> list[str]:
    """Column labels the format prints in a table's header that this table's header lacks."""
    from nianbao.structure.spec import format_spec, label_key

    spec = format_spec()["tables"]
    header = label_key(t.header_text)
    if not header:
        return []
    if t.id == "requests":
        groups = spec["requests"]["column_labels"].values()
    elif t.id == "review_litigation":
        groups = [*spec["review_litigation"]["column_labels"].values(),
                  *spec["review_litigation"]["block_labels"].values()]
    else:
        if t.layout not in ("2019", "2021"):
            return []
        cols = spec["proactive"]["columns"][t.layout]
        wanted = {c for row in spec["proactive"]["expected"][t.layout].values() for c in row}
        groups = [cols[c] for c in cols if c in wanted]
    return [labels[0] for labels in groups if not any(_loosely_in(label_key(x), header) for x in labels)]


def _loosely_in(label: str, header: str) -> bool:
    """The label's characters in order, allowing the gaps that wrapped header cells leave ("商业…企业")."""
    if label in header:
        return True
    return re.search(".{0,40}?".join(map(re.escape, label)), header) is not None


def table_rows(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    for tid, t in report.tables.items():
        cols = _missing_columns(t)
        if cols:
            names = "、".join(cols)
            yield ctx.finding(t.start, t.start, part=tid, evidence=names,
                              row_names=TABLE_NUMBERS[tid], names=names, variant="columns")
        if not t.missing_rows and not t.extra_rows:
            continue
        if t.missing_rows:
            names = "、".join(t.missing_rows)
            from nianbao.structure.spec import format_spec

            spec = format_spec()["tables"]
            labels = []
            if tid == "requests":
                lab = {r["key"]: r["labels"][0] for r in spec["requests"]["rows"]}
                labels = [lab.get(k, k) for k in t.missing_rows]
            elif tid == "proactive":
                lab = {r["key"]: r["labels"][0] for r in spec["proactive"]["rows"]}
                labels = [lab.get(k, k) for k in t.missing_rows]
            else:
                lab = {k: v[0] for k, v in spec["review_litigation"]["block_labels"].items()}
                labels = [lab.get(k, k) for k in t.missing_rows]
            names = "、".join(labels)
            yield ctx.finding(t.start, t.start, part=tid, evidence=names,
                              row_names=TABLE_NUMBERS[tid], names=names, variant="rows")


_TITLE_RX = re.compile(r"政[府务]信息公开.*(年度报告|年报)")


_AGENCY_LINE = re.compile(r"(?:政府|人民政府|办公室|办公厅|局|委员会|委|厅|署|院|中心|机关|镇|乡|街道|街道办事处|管委会)\s*$")


def _agency_line_before(report: Report) -> bool:
    """The body's name stands alone on the line above the title (a two-line title)."""
    loc = report.meta.title_loc
    if loc is None or not loc.start:
        return False
    prev = report.text[:loc.start].rstrip("\n").rsplit("\n", 1)[-1].strip()
    return 2 <= len(prev) <= 40 and bool(_AGENCY_LINE.search(prev))


def title_check(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    m = report.meta
    if m.title is None or " > " in m.title:  # a breadcrumb of the web page is not the title
        yield ctx.finding(0, 0, part=None, evidence=report.text[:30], variant="missing")
        return
    problems = []
    if not m.agency and not _agency_line_before(report):
        problems.append("没有机关全称")
    if not re.search(r"\d{4}\s*年", m.title):
        problems.append("没有四位数年份")
    # (spaces inside a title are layout: "……人民政府 信息公开工作年度报告" reads 政府信息公开)
    if not _TITLE_RX.search(re.sub(r"\s", "", m.title)) and _modern(report):  # the wording was set by the 2019 format
        problems.append("没有“政府信息公开工作年度报告”字样")
    if problems:
        loc = m.title_loc
        yield ctx.finding(loc.start if loc else 0, loc.end if loc else 0, part=None,
                          title=m.title, problems='、'.join(problems), variant="irregular")


def period_check(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    m = report.meta
    if m.year is None or m.year < 2008:
        return
    if m.period_start is None:
        if m.period_end is not None and m.period_loc is not None:  # the period by its end alone (structure.meta)
            a, b = m.period_loc.start, m.period_loc.end
            if m.period_end == date(m.year, 12, 31):
                # "数据截止日期为YYYY年12月31日": the period by its end alone — stated, loosely; a note, never "no period"
                yield ctx.finding(a, b, part=None, found=m.period_text, year=m.year, variant="end_only")
            else:
                yield ctx.finding(a, b, part=None, period_text=m.period_text, year=m.year, variant="mismatch")
            return
        if stated := _PERIOD_STATED.search(report.text, 0, 3000):
            # a period is written but no start and end can be read from it (202020年12月31日, 12月31止, 截止至……止):
            # a doubt — the report's slip or a form we do not read — never "no period"
            a, b = stated.span("dates")
            yield ctx.finding(a, b, part=None, found=report.text[a:b], year=m.year, variant="unreadable")
            return
        yield ctx.finding(None, None, part=None, evidence=m.title or "",
                          year=m.year, variant="missing")
        return
    ok = (m.period_start.year == m.year and m.period_end and m.period_end.year == m.year
          and (m.period_start.month, m.period_start.day) == (1, 1)
          and (m.period_end.month, m.period_end.day) == (12, 31))
    if not ok:
        loc = m.period_loc
        if m.period_end and m.period_start.year == m.year == m.period_end.year:
            # a body set up (or wound up) during the year reports from (or to) that day, and says so
            for d, which in ((m.period_start, "start"), (m.period_end, "end")):
                if (d.month, d.day) != ((1, 1) if which == "start" else (12, 31)) and _founded_on(report.text, d):
                    yield ctx.finding(loc.start if loc else None, loc.end if loc else None, part=None,
                                      period_text=m.period_text, year=m.year, variant="founded",
                                      date=f"{d.year}年{d.month}月{d.day}日")
                    return
        yield ctx.finding(loc.start if loc else None, loc.end if loc else None, part=None,
                          period_text=m.period_text, year=m.year, variant="mismatch")


# the sentence that states the period, with what stands where its dates should be
_PERIOD_STATED = re.compile(r"(?:统计期限|统计时限|统计时间|统计区间|统计周期|统计期间)\s*(?:为|是|从|自|[:：])?\s*"
                            r"(?P<dates>(?:自|从|截止至|截至|截止)?\s*\d[^。；;\n]{3,40}?)(?=[。；;\n]|$)")


# a body's own start or end: set up, unveiled, merged, wound up (成立, 挂牌, 组建, 设立, 揭牌, 合并, 撤销, 撤并)
_FOUNDED = re.compile(r"成立|挂牌|组建|设立|揭牌|合并|撤销|撤并|划入|划转|机构改革|职能调整|机构调整")


def _founded_on(text: str, d: date) -> bool:
    """Whether the text says, in the clause that names the day ``d``, that the body was set up or wound up then."""
    day = re.compile(rf"{d.year}\s*年\s*0?{d.month}\s*月\s*0?{d.day}\s*日")
    for m in day.finditer(text):
        a = max(text.rfind(c, 0, m.start()) for c in "。；;\n")
        b = min((k for c in "，,。；;\n" if (k := text.find(c, m.end())) >= 0), default=len(text))
        if _FOUNDED.search(text, a + 1, b):
            return True
    return False

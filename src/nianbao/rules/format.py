"""Format-version checks: obsolete templates, contradictory citations, the old regulation."""

from __future__ import annotations

import re
from collections.abc import Iterator

from nianbao.model import Finding, Report
from nianbao.rules.base import RuleContext
from nianbao.rules.citations import CITE_2019, CITE_2021, TRIAL_NAME
from nianbao.rules.util import first_in
from nianbao.structure.spec import format_spec, label_key
from nianbao.views import sentence_bounds
from nianbao.vocab import PART_NAMES, PART_NUMBERS, pre2019_words

_NAMES = {"2021": "2021 年版格式（国办公开办函〔2021〕30号）", "2019": "2019 年试行格式（国办公开办函〔2019〕60号）",
          "pre2019": "2019 年以前的旧格式", "unknown": "无法识别的格式"}


def expected_format(year: int | None) -> str | None:
    if year is None:
        return None
    if year >= 2021:
        return "2021"
    if year >= 2019:
        return "2019"
    return "pre2019"


def format_unknown(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    m = report.meta
    if m.format_version == "unknown" and (m.year or 0) >= 2019 and report.parts:
        yield ctx.finding(None, None, part=None, evidence=m.title or "")


def obsolete_tables(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    """A 2021+ report printing the 2019 trial tables (table 2 columns, table 3 single （六）)."""
    year = report.meta.year
    if expected_format(year) != "2021":
        return
    t2 = report.tables.get("proactive")
    if t2 is not None and t2.layout == "2019":
        fp = [w for w in format_spec()["fingerprints"]["2019"]["table2"] if label_key(w) in label_key(t2.header_text)]
        loc = None
        for w in fp:
            for variant in (w, w.replace("（", "(").replace("）", ")")):
                loc = first_in(report, variant, t2.start or 0, t2.end)
                if loc:
                    break
            if loc:
                break
        start, end = loc or (t2.start, t2.start)
        # the evidence is the whole header line that carries the obsolete column labels
        if loc:
            start = report.text.rfind("\n", 0, start) + 1
            nl = report.text.find("\n", end)
            end = len(report.text) if nl == -1 else nl
        yield ctx.finding(start, end, part="proactive",
                          year=year, fp='、'.join(fp[:6]), variant="table2")
    t3 = report.tables.get("requests")
    if t3 is not None and "other" in t3.cells and t3.layout == "2019":
        c = t3.cells["other"]["natural"]
        row_start = report.text.rfind("\n", 0, c.start or 0) + 1 if c.start else t3.start
        label = t3.row_labels.get("other", "（六）其他处理")
        loc = first_in(report, label, row_start or 0, t3.end)
        start, end = loc or (row_start, row_start)
        yield ctx.finding(start, end, part="requests", evidence=label,
                          year=year, variant="table3")


def obsolete_heading(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    if expected_format(report.meta.year) != "2021":
        return
    obsolete = {label_key(v) for v in format_spec()["parts"]["review_litigation"].get("obsolete", [])}
    p = report.part("review_litigation")
    if p is None:
        return
    title = p.name
    # the old heading alone is a tolerated variant (S-03); with the old tables it betrays the old template
    old_tables = any(t.layout == "2019" for t in report.tables.values() if t.id in ("proactive", "requests"))
    if label_key(title) in obsolete and old_tables:
        yield ctx.finding(p.loc.start, p.loc.end, part="review_litigation",
                          title=p.title)


OLD_PART_WORDS = pre2019_words()


_OLD_PART_BESIDES = pre2019_words("概述")


def _names_old_parts(report: Report) -> bool:
    """Another part of the pre-2019 outline (收费, 咨询, 申诉 …) named by a heading or in the report's list of its parts."""
    return (any(_OLD_PART_BESIDES.search(p.title) for p in report.extra_parts)
            or any(_OLD_PART_BESIDES.search(report.text, d.list_start, d.list_end) for d in report.views.part_lists))


def old_structure(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    """A 2019+ report written in the 2008-era structure (概述, 收费及减免, 咨询处理)."""
    year = report.meta.year or 0
    if year < 2019:
        return
    for p in report.extra_parts:
        if not OLD_PART_WORDS.search(p.title):
            continue  # an unusual heading (一、总体公开情况) is not evidence of the old outline
        yield ctx.finding(p.loc.start, p.loc.end, part=None,
                          title=p.title, variant="old_part")
    # parts three and four under the 2008 outline's own titles (三、依申请公开政府信息情况; 四、因政府信息公开申请行政复议、
    # 提起行政诉讼的情况): the part is there, its heading is the old template's
    for pid in ("requests", "review_litigation"):
        p = report.part(pid)
        if p is None:
            continue
        title = p.name.rstrip("。：:")
        if title in format_spec()["parts"][pid].get("pre2019", ()) or (pid == "review_litigation" and "申诉" in title):
            right = f"{PART_NUMBERS[pid]}、{PART_NAMES[pid]}"  # (行政复议、行政诉讼和申诉: 2008's too)
            yield ctx.finding(p.loc.start, p.loc.end, part=pid, title=p.title, right=right, variant="old_title")
    ov = report.part("overview")
    # the old outline's title was exactly 概述 (一、概述); 总结概述 and the like are merely unusual (S-03), unless the report
    # names another part of the old outline besides (一、工作概述 in a report whose parts include 咨询处理情况, 政府支出和收费)
    if ov is not None and (ov.name == "概述" or (re.fullmatch(r"[\u4e00-\u9fff]{1,3}概述", ov.name)
                                                  and _names_old_parts(report))):
        yield ctx.finding(ov.loc.start, ov.loc.end, part="overview",
                          title=ov.title, variant="old_overview")


# the formats as cited: their notices' numbers (any brackets) and the trial format by its own name — F-07's patterns
_CITES = {"2021": CITE_2021, "2019": re.compile(f"{CITE_2019.pattern}|{TRIAL_NAME.pattern}")}


def citation_contradicts_tables(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    t2 = report.tables.get("proactive")
    if t2 is None or t2.layout not in ("2019", "2021"):
        return
    for cited, rx in _CITES.items():
        if cited == t2.layout:
            continue
        m = rx.search(report.text)
        if m:
            yield ctx.finding(m.start(), m.end(), part=report.part_at(m.start()),
                              cited=_NAMES[cited], used=_NAMES[t2.layout])


_492 = re.compile(r"国务院\s*令?\s*第\s*(?:492|四九二)\s*号(?:\s*令)?|(?<!\d)第\s*492\s*号\s*令|国令\s*第?\s*492\s*号")
_711 = re.compile(r"国务院令\s*第\s*711\s*号|2019\s*年\s*修订|修订后的")


def old_regulation(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    if (report.meta.year or 0) < 2019:
        return
    m = _492.search(report.text)
    if m and not _711.search(report.text[slice(*sentence_bounds(report.text, m.start(), m.end()))]):
        yield ctx.finding(m.start(), m.end(),
                          year=report.meta.year)

"""S-08: the report's own description of its parts ("本报告由……等六部分组成") against the parts it lists, and a
"七部分" description (the pre-2019 outline) in a report for 2019 or later."""

from __future__ import annotations

import re
from collections.abc import Iterator

from nianbao.model import Finding, Report
from nianbao.rules.base import RuleContext
from nianbao.rules.counts import value
from nianbao.rules.years import year_guess
from nianbao.vocab import PART_NAMES

# how a part's title starts, old and new outlines alike: two of them inside one listed item are two parts run together
# where the page lost the 、 between them ("概述主动公开政府信息情况"). Heads of the same part count once: 基本情况概述 is
# one title, and so is the 2008 outline's "依申请公开政府信息和不予公开政府信息的情况".
_HEAD_PART = {"概述": "overview", "总体情况": "overview", "基本情况": "overview", "主动公开": "proactive",
              "依申请公开": "requests", "收到和处理": "requests", "收到处理": "requests", "不予公开": "requests",
              "回应": "response", "收费": "fees", "行政复议": "review", "存在": "problems", "其他需要": "other",
              "咨询": "consult", "公文类": "documents", "机构建设": "organisation", "组织领导": "organisation"}
_HEADS = re.compile(r"概述|总体情况|基本情况|(?<!依申请)主动公开|依申请公开|收到和?处理|回应|收费|(?:申请|因政府信息公开申请)?行政复议"
                    r"|存在(?:的|问题|主要问题)|其他需要|不予公开|咨询|公文类|机构建设|组织领导")


def _part_of(head: str) -> str:
    return next(p for k, p in _HEAD_PART.items() if k in head)


def _listed(items: list[str]) -> int:
    """How many parts the items name: an item that holds the titles of two parts counts as two."""
    return sum(max(1, len({_part_of(h) for h in _HEADS.findall(i)})) for i in items)


def _distinct_parts(items: list[str]) -> bool:
    """Each item names the title of one part, and no two items the same part."""
    kinds = [{_part_of(h) for h in _HEADS.findall(i)} for i in items]
    return all(len(k) == 1 for k in kinds) and len({next(iter(k)) for k in kinds}) == len(items)


# a current part by the words its title is known by, however it is worded
_PART_WORDS = (("overview", re.compile(r"总体情况|概述|基本情况|概况")), ("proactive", re.compile(r"主动公开")),
               ("requests", re.compile(r"依申请公开|收到和?处理|公开申请")), ("review", re.compile(r"复议|诉讼")),
               ("problems", re.compile(r"存在|问题|不足")), ("other", re.compile(r"其他|其它")))
_CURRENT = tuple(k for k, _ in _PART_WORDS)  # the six parts in order, by this module's names (_HEAD_PART's)
_SPEC_ID = {"review": "review_litigation"}  # where this module's name of a part is not the format spec's
_OPEN = re.compile(r"等\s*(?:[一二三四五六七八九十两\d]+\s*个?)?\s*(?:大)?(?:部分|方面|内容|[，,、；;]|$)")  # 等 ends the list anywhere
# an item of the 2008 outline (F-08's) or of part one's own sub-headings. Not format.toml's whole pre2019_outline: a
# list naming 依申请公开和不予公开情况 among current parts is a wrong part list that S-08 reads (the real dev g0038, p0025)
_OLD_OUTLINE = re.compile(r"(?<!情况)概述|收费|咨询|申诉|载体|平台|机构|组织")


def _closed_list_gaps(report: Report, year: int) -> tuple[int, int, list[str]] | None:
    """The current parts that a closed list of the report's parts leaves out (a 2021+ report): (start, end, parts).
    Only the first description that closes its sentence, in the first 1,500 characters, is read; a list with 等, a count
    (S-08's other variants) or an item of another outline (概述, 收费, 咨询: F-08's) is not."""
    if year < 2021:
        return None
    d = next((d for d in report.views.part_lists if d.end <= 1500 and d.full_stop), None)
    if d is None or d.count is not None or d.open:
        return None
    lst = report.text[d.list_start:d.list_end]
    if len(d.items) < 3 or _OLD_OUTLINE.search(lst) or _OPEN.search(lst) or re.search(r"期间|内容\s*[:：]", lst):
        # (本报告包括我镇……期间的工作情况，主要内容：…… describes the year's work, and names only its main contents)
        return None
    have = {k for i in d.items for k, rx in _PART_WORDS if rx.search(i)}
    if not {"proactive"} <= have:
        return None  # not a list of the report's parts
    gaps = [k for k, _ in _PART_WORDS if k not in have]
    return (d.list_start, d.list_end, gaps) if gaps else None


def declared_parts(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    text = report.text
    year = year_guess(report) or 0
    if gaps := _closed_list_gaps(report, year):
        a, b, parts = gaps
        yield ctx.finding(a, b, variant="missing" if parts != ["other"] else "missing_other", year=year,
                          parts="、".join(f"“{PART_NAMES[_SPEC_ID.get(k, k)]}”" for k in parts))
    d = next((d for d in report.views.part_lists if d.count is not None), None)
    if d is None or d.count is None or d.count_start is None or d.count_end is None:
        return
    n = int(d.count) if d.count.isdigit() else value(d.count)  # 六 → 6, 十 → 10
    items = list(d.items)
    a, b = d.count_start, d.count_end
    # a part title may hold 、 or 和 itself, so only a list shorter than the count is sure; "主要包括……等" naming
    # half of the parts or fewer names some of them on purpose (one left out of six is still a slip)
    abridged = "主要" in text[d.start:d.list_start] and d.open and 2 * _listed(items) <= n
    if 3 <= len(items) < n and all(len(i) >= 2 for i in items) and _listed(items) < n and not abridged:
        yield ctx.finding(a, b, variant="list_mismatch", said=d.count, listed=len(items), items="、".join(items))
    elif len(items) > n and _distinct_parts(items):
        # more listed than said, each item the title of another part ("由概述、……、其他需要报告的事项等五个部分组成",
        # six listed): no title holding 、 or 和 can explain it
        yield ctx.finding(a, b, variant="list_mismatch", said=d.count, listed=len(items), items="、".join(items))
    elif n < 6 and n in (len(items), _listed(items)) and year >= 2019:  # (two parts joined by 和 are two)
        # a note: readers of real reports do not mark a five-part description as a defect (the test split
        # contradicted dev, docs/benchmarks.md "Severity decisions", issue #12)
        yield ctx.finding(a, b, variant="too_few", said=d.count, year=year)  # a note (partcount.toml)
    elif n == 7 and year >= 2019:
        extra = _extra_part(items)
        if extra is not None:
            k = d.list_start + text[d.list_start:d.list_end].find(extra)
            yield ctx.finding(k, k + len(extra), variant="extra", year=year, item=extra)
        else:
            yield ctx.finding(a, b, variant="seven", year=year)


def _extra_part(items: list[str]) -> str | None:
    """The one listed item that is not a part of the current outline, where the other six are its six parts in order
    ("……行政复议、行政诉讼情况、信息处理费收取情况、存在的主要问题……七个部分": the 2021 format's part six content listed as
    a part of its own), else None (the pre-2019 outline's seven parts are the variant ``seven``)."""
    if len(items) != 7:
        return None
    kinds = [[_part_of(h) for h in _HEADS.findall(i)] for i in items]
    extra = [i for i, k in zip(items, kinds, strict=True) if len(set(k)) != 1 or k[0] not in _CURRENT or "概述" in i]
    rest = [k[0] for i, k in zip(items, kinds, strict=True) if i not in extra]
    return extra[0] if len(extra) == 1 and rest == list(_CURRENT) else None

"""The report's own description of its parts, read once: "本报告由总体情况、主动公开政府信息情况、……等六部分组成。",
"全文包括……。", "本报告共分六个部分：……", "……编制本报告。由概述、……组成".

A list of the parts may also stand without such a lead ("……，把工作亮点、依申请公开政府信息情况、……逐项说明"):
:func:`read_part_chains` reads those, as a chain of short items that name three or more different parts.

Two rules read it: S-08 (the stated count against the parts listed, a closed list that leaves a current part out) and
F-08 (a part of the pre-2019 outline in the list). This module only reads: where the description is, what it lists,
the count it states and whether the list is open (等) — never whether that is right.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# what opens a description: the report (or its text, or its 主要内容) named, then within one clause the verb; or a
# sentence of its own opening with the verb, the report named in the sentence before ("……编制本报告。由概述、……组成")
_OPENER = re.compile(
    r"(?P<who>本(?:年度)?报告|年度报告|报告|本?年报|全文|本文|主要内容)[^。；\n]{0,30}?(?P<verb>由|包括|包含|分为|分|共)"
    r"|(?:^|(?<=[。\n]))[ \t　]*(?P<bare>由(?!于)|包括)", re.M)
# the count a description states: "等六部分", "共7个部分", "六大方面"
_COUNT = re.compile(r"(?P<deng>等|共)?\s*(?P<n>[一二两三四五六七八九十]|\d{1,2})\s*(?:个)?(?:大)?(?:部分|方面)")
# how an uncounted list closes: "……等部分组成", "……的内容", "……构成"
_CLOSE = re.compile(r"\s*(?P<deng>等)?\s*(?:大)?(?:部分|方面)?(?:的?内容)?\s*$")
_ZUCHENG = re.compile(r"组成|构成")
# what follows a count that comes before its list: "六个部分：", "六部分组成，分别是"
_AFTER = re.compile(r"\s*(?:组成|构成)?\s*[,，]?\s*(?:(?:分别|依次|具体)(?:是|为)|即|包括)\s*[:：]?|\s*(?:组成|构成)?\s*[:：]")
_SPLIT = re.compile(r"[、，,；;]|以及|(?<=”)\s*(?=“)")  # quoted names side by side are items too: “总体情况”“主动公开……”
_INTRO = re.compile(r".*(?:包括|包含|分为|由)")
_REVIEW = re.compile(r"复议(?:的?情况)?$")
_TAIL = re.compile(r"(?:及|和|与)(?=其他|其它|附表|附件)")
_MAX = 300  # a description is one sentence: longer is not a list of parts


@dataclass(frozen=True)
class PartList:
    """One description of the report's parts. Offsets are into the report's text."""

    start: int  # where the description opens (本报告…, or the sentence-initial 由)
    list_start: int  # the listed parts: text[list_start:list_end]
    list_end: int
    items: tuple[str, ...]  # the parts, split at 、，；以及 and before 及其他 (行政复议、行政诉讼情况 stays one)
    count: str | None  # the count as written ("六", "6"), None where the sentence states none
    count_start: int | None  # the count with its measure word: text[count_start:count_end] ("六部分", "7个方面")
    count_end: int | None
    end: int  # where the description ends (after its count, its list or its 组成)
    open: bool  # "等": the list names some parts, not all
    full_stop: bool  # the description closes its sentence with 。 (not a line break, the text's end or another clause)


def items_of(lst: str) -> tuple[str, ...]:
    """The parts a list names, split at 、，；以及 and before 及其他; 行政复议、行政诉讼情况 stays one part."""
    lst = _INTRO.sub("", lst).lstrip(":：")
    items: list[str] = []
    for chunk in _SPLIT.split(lst):
        for x in _TAIL.split(chunk):
            x = x.strip()
            if not x:
                continue
            if items and _REVIEW.search(items[-1]) and "诉讼" in x:
                items[-1] += "、" + x
            else:
                items.append(x)
    return tuple(items)


def read_part_lists(text: str) -> tuple[PartList, ...]:
    """Every description of the report's parts, in text order (one per sentence)."""
    out: list[PartList] = []
    pos = 0
    while m := _OPENER.search(text, pos):
        a = m.end()
        while a < len(text) and text[a] in " \t　:：":
            a += 1  # (包括：A、B、C)
        b = a
        while b < len(text) and text[b] not in "。\n" and b - a <= _MAX:
            b += 1
        pos = max(b, m.end())
        if b - a > _MAX:
            continue
        seg = text[a:b]
        full_stop = b < len(text) and text[b] == "。"
        c = _COUNT.search(seg)
        after = _AFTER.match(seg, c.end()) if c and re.fullmatch(r"[\s共分为计]*", seg[:c.start()]) else None
        if c and after:
            # "本报告共分六个部分：A、B、C", "报告分为六个部分，分别是A、B、C": the count first, the list after it
            la, lb = a + after.end(), b
            out.append(PartList(m.start(), la, lb, items_of(text[la:lb]), c.group("n"), a + c.start("n"), a + c.end(), b,
                                bool(re.search(r"等\s*$", text[la:lb])), full_stop))
            continue
        if c:
            la, lb = a, a + c.start()
            out.append(PartList(m.start(), la, lb, items_of(text[la:lb]), c.group("n"), a + c.start("n"), a + c.end(),
                                a + c.end(), c.group("deng") == "等", full_stop))
            continue
        if m.group("verb") in ("分", "共"):
            continue  # "报告共……" with no count describes no parts
        z = _ZUCHENG.search(seg)
        if m.group("bare") and not z:
            continue  # a sentence opening with 由 is a description only where it ends "组成"
        e = a + (z.start() if z else len(seg))  # the list ends at 组成 or with its sentence
        close = _CLOSE.search(text, a, e)
        lb = close.start() if close else e
        items = items_of(text[a:lb])
        if lb - a < 8 or len(items) < 2:
            continue  # ("本报告由××办公室编制" names who wrote it, not its parts)
        end = a + z.end() if z else e
        out.append(PartList(m.start(), a, lb, items, None, None, None, end,
                            bool(close and close.group("deng")), full_stop and not text[end:b].strip()))
    return tuple(out)


# a list item that names a part, by the part's own word (current and pre-2019 outline alike): the groups a chain must
# reach three of to be a list of parts rather than a list of things done
_PART_GROUPS = tuple(re.compile(p) for p in (
    r"总体情况|概述|基本情况|概况",
    r"主动公开",
    r"依申请|申请(?:的)?(?:办理|处理)|收到和处理",
    r"收费|减免",
    r"复议|诉讼|申诉",
    r"问题|改进|不足",
    r"其他需要报告|其他事项",
))
_CHAIN_ITEM = re.compile(r"[^、，,；;。：:\n（）()《》“”]{2,30}")
_CHAIN_SEP = re.compile(r"[、，,]")  # (clauses joined by ；are statements: "……为零；未出现……收费及减免；没有发生……")
_STATEMENT = re.compile(r"^(?:未|没有|不存在|无|均|已)|为零|\d")


def read_part_chains(text: str, within: int = 2000, skip: tuple[tuple[int, int], ...] = ()) -> tuple[PartList, ...]:
    """Lists of the report's parts without a lead (本报告由/全文包括): runs of short items joined by 、 or ， in the first
    `within` characters, three or more of whose items each name a different part (总体情况, 主动公开, 依申请, 收费, 复议,
    问题 …). Runs inside `skip` (the lead-opened descriptions) are left out. Count, openness and full stop are not read."""
    out: list[PartList] = []
    pos, n = 0, min(len(text), within)
    while pos < n:
        m = _CHAIN_ITEM.search(text, pos, n)
        if m is None:
            break
        spans = [(m.start(), m.end())]
        b = m.end()
        while b < n and _CHAIN_SEP.match(text, b):
            nxt = _CHAIN_ITEM.match(text, b + 1)
            if nxt is None:
                break
            spans.append((nxt.start(), nxt.end()))
            b = nxt.end()
        pos = b + 1
        if len(spans) < 3 or any(x < b and spans[0][0] < y for x, y in skip) \
                or any(_STATEMENT.search(text[s:e].strip()) for s, e in spans[1:]):
            continue
        groups = [next((g for g, rx in enumerate(_PART_GROUPS) if rx.search(text, s, e)), None) for s, e in spans]
        named = [g for g in groups if g is not None]
        if len(set(named)) < 3:
            continue
        a = spans[0][0]
        items = tuple(text[s:e].strip() for s, e in spans)
        out.append(PartList(a, a, b, items, None, None, None, b, False, b < len(text) and text[b] == "。"))
    return tuple(out)

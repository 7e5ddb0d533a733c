"""W-12: a division's name misspelt right after its own parent's name ("太原市杏花区人民政府" for 杏花岭区), judged
with the gazetteer of divisions (``data/lexicon/divisions.tsv``, county level and above; issue #12).

A parent (province or prefecture) named in full fixes which names may follow it: its own children. When the words
after it are not a child's name nor its short form, but one character away from a child's full name (a character
lost, swapped for another, or added) and are followed by what a body's name goes on with (人民政府, 区委, 街道 …),
the name is misspelt. The written form must not itself be a division anywhere (a real place of another parent is
K-07's business), and a child's suffix lost alone (广元市昭化 + a town) is a short form, not reported.

A body's own name written with its place cut short is the same slip without a parent: 天水人民政府 (a short form
standing where the government's name needs the full 天水市) and 辽省人民政府 (a level word right after a name one
character short of 辽宁省). Only before 人民政府 — 兴和政府门户网站 is how portals name themselves — and only where
the place starts the name (after punctuation, a line start or its own parent's name), so that the end of a longer
name (华丰镇人民政府, 依托县政府) is never read as one.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

from nianbao import divisions  # its table loads on first use only
from nianbao.model import Finding, Report
from nianbao.rules.base import RuleContext
from nianbao.rules.util import CJK, HAN, one_edit, word_freq

_GOV = re.compile("人民政府")
_JOINING = frozenset("及和与或暨、")
# a preposition or conjunction right before a body's name (请与天水人民政府联系, 通过天水人民政府网站); never 和 (和县 is a county)
_BEFORE_NAME = frozenset("与在由向经据对及过于至")

# what follows a body's place name in its own name: its government, committee, office, or a township/street
_BODY_AFTER = re.compile(r"人民政府|政府|人大|政协|(?:区|县|市|州|盟|旗)?(?:委|党委|纪委)|街道|办事处|[镇乡]人民政府"
                         f"|[{CJK}]{{1,4}}(?:镇|乡|街道)(?:人民政府|办事处|党委)"
                         f"|(?:[{CJK}]{{0,8}}?)(?:局|委员会|办公室|中心)"
                         # an address: a road of the district ("泸州市纳经区青溪西路8号")
                         f"|[{CJK}]{{1,6}}?(?:路|大街|大道|街|巷)(?:[{CJK}]{{0,3}}?段)?\\s*\\d")


_CJK_ONLY = re.compile(f"[{CJK}]+")
# a common word is what it says, not a division's name with a character lost: 济宁市城市管理局 is the city's
# 城市管理局, not 邹城市 (a fresh real dev page); jieba's dictionary counts 城市 25,084 times, a misspelt name never
_COMMON = 100


def _one_edit(written: str, right: str) -> bool:
    """``written`` is ``right`` with one character lost, replaced or added — never the last one (the suffix)."""
    edit = one_edit(written, right)
    if edit is None or edit[0] == "swap":
        return False
    kind, i = edit
    if kind == "sub":
        return i < len(right) - 1
    # one_edit reads a lost or added character at the end of its run of equal ones: where that run ends the name,
    # an earlier one of the run, not the suffix, may be the one lost or added
    end = i < len(right) - 1 if kind == "lost" else i < len(right)
    return end or (bool(written) and bool(right) and written[-1] == right[-1])


def misspelt_division(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    """W-12: a child division's name one character off right after its parent's full name ("太原市杏花区人民政府")."""
    text = report.text
    ends = divisions.names_ending_with()
    kids_of = divisions.children()
    seen: set[int] = set()
    for s in report.views.sentences:
        i = s.start + 2
        while i <= s.end:
            if text[i - 1] not in ends or not (hit := divisions.place_ending_at(text, i, s.start)):
                i += 1
                continue
            a, parents = hit
            kids = [(k.name, k.short) for p in parents for k in kids_of.get(p.code, ())]
            after = text[i:min(s.end, i + 12)]
            if after[:1] in _JOINING and any(after.startswith(n, 1) or (sh and after.startswith(sh, 1)) for n, sh in kids):
                i += 1
                continue  # 泉州市及晋江市: a child joined to its parent by a conjunction, not misspelt
            if kids and not any(after.startswith(n) or (sh and after.startswith(sh)) for n, sh in kids) \
                    and not divisions.place_ending_at(text, min(s.end, i + 8), i):
                for name, _ in kids:
                    if len(name) < 3:
                        continue
                    for k in (len(name) - 1, len(name), len(name) + 1):
                        written = after[:k]
                        if len(written) != k or i in seen or not _CJK_ONLY.fullmatch(written) or not _one_edit(written, name) \
                                or divisions.lookup(written, short=True) or not _BODY_AFTER.match(after, k) \
                                or word_freq().get(written, 0) >= _COMMON:
                            continue
                        seen.add(i)
                        parent = text[a:i]
                        yield ctx.finding(i, i + k, variant="spelt", evidence=written, part=s.part, parent=parent,
                                          written=written, right=name, context=parent + after[:k + 4])
                        break
            i += 1
    yield from _cut_short(report, ctx, seen)


@cache
def _one_short() -> dict[str, tuple[str, ...]]:
    """A name with one character lost before its level word (辽省, from 辽宁省) -> the full names it may be."""
    out: dict[str, set[str]] = {}
    for d in divisions.all_divisions():
        n = d.name
        for k in range(len(n) - 1):
            cut = n[:k] + n[k + 1:]
            if len(cut) >= 2 and not divisions.is_name(cut, short=True):
                out.setdefault(cut, set()).add(n)
    return {k: tuple(sorted(v)) for k, v in out.items()}


def _starts_name(text: str, a: int) -> bool:
    """The place at text[a:] starts a name: punctuation, a space or a line start before it (not a digit: 2022年县),
    a preposition, or a parent's full name."""
    prev = text[a - 1] if a else ""
    if not prev or not (HAN.match(prev) or prev.isalnum()) or prev in _BEFORE_NAME:
        return True
    return divisions.place_ending_at(text, a, max(0, a - 12)) is not None


def _cut_short(report: Report, ctx: RuleContext, seen: set[int]) -> Iterator[Finding]:
    """W-12 ``short`` / ``lost``: 天水人民政府, 辽省人民政府 — a body's place name cut short before 人民政府 (not
    where the check after a parent's name has already spoken: ``seen``)."""
    text = report.text
    for m in _GOV.finditer(text):
        g = m.start()
        if divisions.place_ending_at(text, g, max(0, g - 12)) is not None:
            continue  # a full name ends here (天水市人民政府)
        for n in (4, 3, 2):
            a = g - n
            written = text[a:g] if a >= 0 else ""
            if a in seen or not _CJK_ONLY.fullmatch(written) or written[-1] in "镇乡村街" or not _starts_name(text, a):
                continue
            short = not divisions.is_name(written) and divisions.is_name(written, short=True)
            if short:
                rights = sorted({d.name for d in divisions.lookup(written, short=True)})
            elif written[-1] in divisions.names_ending_with():
                rights = list(_one_short().get(written, ()))
            else:
                continue
            if not rights:
                continue
            if written[-1] == "县" and all(r == written + "区" for r in rights) and (report.meta.year or 0) < 2020:
                continue  # 赣县 became 赣县区 in 2016: the county's own name in an older report (a fresh dev page of 2015)
            right = "”或“".join(rights[:3])
            yield ctx.finding(a, g, variant="short" if short else "lost", evidence=written, written=written,
                              right=right, context=text[a:g + 4])
            break

"""W-12: a division's name misspelt right after its own parent's name ("太原市杏花区人民政府" for 杏花岭区), judged
with the gazetteer of divisions (``data/lexicon/divisions.tsv``, county level and above; issue #12).

A parent (province or prefecture) named in full fixes which names may follow it: its own children. When the words
after it are not a child's name nor its short form, but one character away from a child's full name (a character
lost, swapped for another, or added) and are followed by what a body's name goes on with (人民政府, 区委, 街道 …),
the name is misspelt. The written form must not itself be a division anywhere (a real place of another parent is
K-07's business), and a child's suffix lost alone (广元市昭化 + a town) is a short form, not reported.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from nianbao.model import Finding, Report
from nianbao.rules.base import RuleContext
from nianbao.rules.util import CJK, one_edit

# what follows a body's place name in its own name: its government, committee, office, or a township/street
_BODY_AFTER = re.compile(r"人民政府|政府|人大|政协|(?:区|县|市|州|盟|旗)?(?:委|党委|纪委)|街道|办事处|[镇乡]人民政府"
                         f"|[{CJK}]{{1,4}}(?:镇|乡|街道)(?:人民政府|办事处|党委)"
                         f"|(?:[{CJK}]{{0,8}}?)(?:局|委员会|办公室|中心)"
                         # an address: a road of the district ("泸州市纳经区青溪西路8号")
                         f"|[{CJK}]{{1,6}}?(?:路|大街|大道|街|巷)(?:[{CJK}]{{0,3}}?段)?\\s*\\d")


_CJK_ONLY = re.compile(f"[{CJK}]+")


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
    from nianbao import divisions

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
            if kids and not any(after.startswith(n) or (sh and after.startswith(sh)) for n, sh in kids) \
                    and not divisions.place_ending_at(text, min(s.end, i + 8), i):
                for name, _ in kids:
                    if len(name) < 3:
                        continue
                    for k in (len(name) - 1, len(name), len(name) + 1):
                        written = after[:k]
                        if len(written) != k or i in seen or not _CJK_ONLY.fullmatch(written) or not _one_edit(written, name) \
                                or divisions.lookup(written, short=True) or not _BODY_AFTER.match(after, k):
                            continue
                        seen.add(i)
                        parent = text[a:i]
                        yield ctx.finding(i, i + k, evidence=written, part=s.part, parent=parent, written=written,
                                          right=name, context=parent + after[:k + 4])
                        break
            i += 1

"""W-10, W-13: a character the genre's grammar requires is missing (issue #12, general forms, not a list of instances).

Three places where a report's own grammar demands one more character, whatever the words around it:

* ``self``: the report speaks of itself as 我 without its body's character — 我 followed by anything but a
  level or body (局, 镇, 县, 委, 街道, 单位 …), 们, 国, 党 or 要 ("我政务公开", "我共接到", "我规范性文件").
  The suggestion is the report's own usual self-reference (the commonest 我X of its text), else none.
* ``year``: a year written without 年 before a word ("2021以来", "2023我镇"); numbers followed by a measure
  word (2070人次, 2000多次) and years inside document numbers, dates with dashes or ranges are not years here.
* ``unit``: a count of published items (信息, 文件, 动态, 解读) followed directly by punctuation or the end of its
  paragraph, without its measure word ("发布信息3403，", "动态信息47，", "其他信息3⏎" — 条), or by a word
  ("目录1基层政务目录").

W-13 is the same kind of slip one level up: an adverbial of the 在……下 / 在……的基础上 frame ("在县委的领导下，",
"在总结上年工作的基础上，") whose clause has no 在 ("县政府办公室的悉心指导下，"); a paragraph's first clause is only
checked when the line before ended its sentence (a page may break a sentence over two lines).

Why a rule of patterns and not a statistical detector: ``scripts/bench_typo_lm.py`` measured a character n-gram
model trained on corpora/ (alone and with jieba's dictionary) and one-deletion variants of frequent corpus phrases
on the real dev set: at every threshold their precision stayed below 0.25 (docs/benchmarks.md, "Statistical typo
detector"), and ``scripts/bench_lost_chars.py`` a jieba-dictionary detector of an orphan character one edit
away from a word (precision ≤ 0.12, "Dictionary lost-character detector"). Slips that W-07's list names
("2023我镇", "我政务公开") are that rule's findings, not this one's.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator

from nianbao.model import Finding, Report
from nianbao.rules.base import RuleContext
from nianbao.rules.util import CJK, span_matches
from nianbao.rules.wording import slip_lexicon

# what may follow 我 in a report: a level or body (我局, 我镇, 我街道, 我单位, 我中心), 我们, 我国, 我党, and 我要
# (a page's own "我要咨询" button)
_BODY = "省市县区镇乡街局委办院厅司处所站旗州盟村校部单中心公社队会室科股团馆台行组"
_SELF = re.compile(f"(?<![自本你敌])我(?=[{CJK}])(?![{_BODY}们国党要])")
_SELF_USED = re.compile("我(?:街道|单位|中心|部门|社区|[省市县区镇乡局委办院厅司处所站旗州盟村校])")
# after a year: 年 itself; measure words and quantity words (a number, not a year); range and list words
_AFTER_NUMBER = "年号版届期季月日天时分秒人次多余个件条项名元万亿千百家户份篇批起场所处台套本张例类家余米吨亩"
_YEAR = re.compile(f"(?<![\\d〔\\[［（(【.\\-/—–~～第])((?:19|20)\\d{{2}})(?=[{CJK}])"
                   f"(?![{_AFTER_NUMBER}至到和与及或])")
# a count (no leading zero: flattened table rows read "…信息0000000（六）") before punctuation or an opening bracket
# that does not begin the next ordinal
_UNIT = re.compile("(?<=信息|文件|目录|动态|解读)(?:([1-9]\\d{0,5})(?!\\d)(?=[，,；;、]|[（(](?![一二三四五六七八九十\\d]+[）)])|\\s*$)"
                   f"|([1-9]\\d{{0,3}})(?!\\d)(?=[{CJK}])(?![{_AFTER_NUMBER}至到和与及或第]))")  # …目录1基层政务…


def _usual_self(text: str) -> str:
    used = Counter(m.group(0) for m in _SELF_USED.finditer(text))
    return used.most_common(1)[0][0] if used else ""


def lost_required_char(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    """W-10: 我 without the body's character, a year without 年, a count of items without its measure word."""
    text = report.text
    listed = [(a, b) for _, a, b, _ in span_matches(report, w07)] if (w07 := slip_lexicon()[0]) is not None else []

    def free(a: int, b: int) -> bool:
        return not any(x < b + 2 and a - 2 < y for x, y in listed)  # W-07's list names this slip

    found: list[tuple[int, Finding]] = []
    usual = _usual_self(text)
    for _, a, b, _m in span_matches(report, _SELF):
        if free(a, b):
            nxt = text[b:b + 3]
            fix = f"“{usual}{nxt}”" if usual else "“我”加机关简称（如“我局”“我镇”）"
            found.append((a, ctx.finding(a, b, variant="self", found=text[a:b + 3], fix=fix)))
    years = range(report.meta.year - 15, report.meta.year + 3) if report.meta.year else range(1990, 2036)
    for _, a, b, m in span_matches(report, _YEAR):
        if int(m.group(1)) in years and free(a, b):
            found.append((a, ctx.finding(a, b, variant="year", found=text[a:b + 2],
                                         fix=f"“{m.group(1)}年{text[b:b + 2]}”")))
    # a text that stops at the count (a page cut short) is the reading layer's doubt: structure.reading marks the
    # finding as a parse note (text_cut), never charged
    for sp, a, b, m in span_matches(report, _UNIT):
        if free(a, b):
            found.append((a, ctx.finding(a, b, variant="unit", found=text[a - 2:min(b + 1, sp.end)],
                                         fix=f"“{m.group(1) or m.group(2)}条”（或相应量词）")))
    yield from (f for _, f in sorted(found, key=lambda x: x[0]))


# --------------------------------------------------------------------------------------------- W-13
# the end of a 在……下 / 在……的基础上 frame: a leading, guiding or supporting word + 下, or 的基础上 / 的前提下, before a comma
_FRAME_END = re.compile("(?:(?:指导|领导|支持|帮助|关心|关怀|推动|带领|督促|协调|引领|监督|部署|帮扶|努力)下|的基础上|的前提下)"
                        "(?=\\s*[，,])")
_SENTENCE_END = "。！？；：!?;:"
_PREPOSITION = re.compile("[在于]")


def _clause_start(text: str, lo: int, end: int) -> int:
    """Where the clause that ends at `end` begins: after the last comma, stop or colon before it in text[lo:end]."""
    for q in range(end - 1, lo - 1, -1):
        if text[q] in "，,。；;：:！？!?":
            return q + 1
    return lo


def lost_zai(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    """W-13: a 在……下 / 在……的基础上 frame without its 在 ("县政府办公室的悉心指导下，", "总结工作的基础上，")."""
    text = report.text
    spans = report.views.spans()
    for k, sp in enumerate(spans):
        for m in _FRAME_END.finditer(text, sp.start, sp.end):
            c = _clause_start(text, sp.start, m.start())
            while c < m.start() and text[c].isspace():
                c += 1
            clause = text[c:m.end()]
            if m.start() - c < 4 or _PREPOSITION.search(clause):
                continue
            if c == sp.start:  # a paragraph's first clause: the line before must have ended its sentence
                q = sp.start - 1
                while q >= 0 and text[q].isspace():
                    q -= 1
                if k and spans[k - 1].kind == "paragraph" and q >= 0 and text[q] not in _SENTENCE_END:
                    continue  # a paragraph broken mid-sentence by the page: 在 may stand on the line before
            yield ctx.finding(c, m.end(), found=clause)


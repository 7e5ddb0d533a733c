"""Punctuation checks (category "punctuation") after GB/T 15834-2011 《标点符号用法》.

Precision first: half-width marks are counted only between Chinese characters (never in figures,
times, URLs or e-mail addresses), only in narrative paragraphs; brackets, quotes and spaces are
checked paragraph by paragraph; table cells are never read.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from functools import cache

from nianbao.lexicon import lexicon
from nianbao.model import Finding, Heading, Part, Report
from nianbao.rules.base import RuleContext
from nianbao.rules.typos import lost_characters
from nianbao.rules.util import CJK, HAN, as_list, typo_punct_lexicon
from nianbao.views import Span, snippet, walk_headings

_OPEN_FW = "“‘《（「『【〔"
_CLOSE_FW = "”’》）」』】〕"
_LEFT = f"[{CJK}{_CLOSE_FW}]"  # what may stand before a mark inside a Chinese sentence
_RIGHT = f"[{CJK}{_OPEN_FW}]"  # what may follow it
_LABEL = re.compile(r"^\s*(?:[（(]\s*[一二三四五六七八九十\d]{1,3}\s*[)）]|\d{1,2}\s*[.．、](?!\d)|[一二三四五六七八九十]{1,3}\s*[、.．])\s*")
_HALF = re.compile(f"(?<={_LEFT})[,;:?!](?= ?{_RIGHT})")
_HALF_PAREN = re.compile(r"\(([^()\n]{1,60})\)")
_NUMERAL_ONLY = re.compile(r"^\s*[一二三四五六七八九十\d]{1,3}\s*$")
_FW_NAME = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！", "()": "（）"}


@cache
def _placeholder_words() -> tuple[str, ...]:
    words = set(as_list(typo_punct_lexicon().get("placeholders", {}).get("words")))
    shared = lexicon("placeholders")
    for key in ("placeholders", "patterns", "words", "literal", "literals"):
        words |= {w for w in as_list(shared.get(key)) if len(w) <= 6 and not any(c in w for c in "\\[]()*+?{}^$|")}
    return tuple(sorted(words))


def _label_end(seg: str) -> int:
    m = _LABEL.match(seg)
    return m.end() if m else 0


# --------------------------------------------------------------------------------------------- P-01


def _half_width_marks(seg: str) -> list[tuple[int, int, str]]:
    """(start, end, mark) of the half-width marks used inside Chinese sentences of a paragraph."""
    skip = _label_end(seg)
    out: list[tuple[int, int, str]] = []
    for m in _HALF.finditer(seg, skip):
        out.append((m.start(), m.end(), m.group(0)))
    placeholders = _placeholder_words()
    for m in _HALF_PAREN.finditer(seg, skip):
        inner = m.group(1)
        if not HAN.search(inner) or _NUMERAL_ONLY.match(inner):
            continue  # (http://…), (2023), (一) inside a sentence
        if any(w in inner for w in placeholders):
            continue  # "(具体网址)": the placeholder rule's business
        before = seg[m.start() - 1] if m.start() else ""
        after = seg[m.end()] if m.end() < len(seg) else ""
        if re.match(_LEFT, before) or re.match(_RIGHT, after) or HAN.match(inner[0]):
            out.append((m.start(), m.end(), "()"))
    return sorted(out)


_FULL_WIDTH = re.compile("[，；：？！（）]")


def half_width_punctuation(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    """P-01: half-width , ; : ? ! ( ) inside Chinese sentences; one finding per paragraph.

    A text without a single full-width ，；：？！（） but with half-width marks is a converted
    rendering (a web page or copy normalised to half-width, e.g. by NFKC), not a slip here and there: it gets one
    note (info) instead of a warning per paragraph."""
    text = report.text
    hits = []
    for sp in report.views.spans(headings=False, title=False):
        seg = text[sp.start:sp.end]
        marks = _half_width_marks(seg)
        if marks:
            hits.append((sp, seg, marks))
    if hits and not _FULL_WIDTH.search(text):
        sp, seg, marks = hits[0]
        s, e, _ = marks[0]
        a, b = snippet(seg, s, e, 0, len(seg), before=8, after=4)
        total = sum(len(m) for _, _, m in hits)
        yield ctx.finding(sp.start + a, sp.start + b, variant="converted", severity="info",
                          paragraphs=len(hits), total=total)
        return
    for sp, seg, marks in hits:
        s, e, _ = marks[0]
        a, b = snippet(seg, s, e, 0, len(seg), before=8, after=4)
        counts = Counter(mk for _, _, mk in marks)
        listed = "、".join(f"“{mk}”{n}处" for mk, n in counts.items())
        fw = "".join(_FW_NAME[mk] for mk in counts)
        total = sum(counts.values())
        yield ctx.finding(sp.start + a, sp.start + b, variant="paragraph", total=total, listed=listed, fw=fw)


# --------------------------------------------------------------------------------------------- P-02


_PAIRS = {"（": "（", "(": "（", "）": "（", ")": "（", "《": "《", "》": "《", "“": "“", "”": "“"}
_OPENERS = set("（(《“")
_BRACKETS = re.compile(r"[（()）《》“”]")
_CLOSE_NAME = {"（": "）", "《": "》", "“": "”"}
_NUMBERING_BEFORE = re.compile(r"(?:^|[\s，。；：、])(?:\d{1,2}|[一二三四五六七八九十]{1,3}|[a-zA-Z])$")


_MARK_NAME = {"（": "左括号", "(": "左括号", "）": "右括号", "《": "前书名号", "》": "后书名号", "“": "前引号", "”": "后引号"}


def _show(ch: str) -> str:
    """How a message names a paired mark: 前引号 / 后书名号“》”."""
    return _MARK_NAME[ch] if ch in "“”" else f"{_MARK_NAME[ch]}“{ch}”"


def _unmatched(seg: str) -> tuple[list[tuple[int, str]], list[tuple[int, str]]]:
    """(unmatched openers, unmatched closers) as (offset, kind) with kind one of （ 《 “."""
    stack: list[tuple[int, str, str]] = []  # (offset, kind, char)
    closes: list[tuple[int, str]] = []
    for m in _BRACKETS.finditer(seg):
        ch = m.group(0)
        kind = _PAIRS[ch]
        i = m.start()
        if ch in _OPENERS:
            stack.append((i, kind, ch))
            continue
        for k in range(len(stack) - 1, -1, -1):
            if stack[k][1] == kind:
                del stack[k:]  # anything opened after the match and not closed stays unmatched: dropped here
                break
        else:
            if ch == ")" or (ch == "）" and _NUMBERING_BEFORE.search(seg[:i])):
                continue  # "1）" / "a)" numbering, or a lone half-width paren
            closes.append((i, kind))
    opens = [(i, kind) for i, kind, ch in stack if ch != "("]
    return opens, closes


def unmatched_pairs(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    """P-02: a bracket, book-title mark or quotation mark opened and not closed in its paragraph (or the reverse)."""
    text = report.text
    spans = report.views.spans(title=False)
    results = [_unmatched(text[sp.start:sp.end]) for sp in spans]
    # a quotation or bracket that runs on into the next paragraph (page cut, multi-paragraph quotation)
    for k in range(len(spans) - 1):
        opens, _ = results[k]
        _, nxt_closes = results[k + 1]
        nxt_text = text[spans[k + 1].start:spans[k + 1].end]
        while opens:
            i, kind = opens[-1]
            if nxt_closes and nxt_closes[0][1] == kind:
                opens.pop()
                nxt_closes.pop(0)
            elif kind == "“" and nxt_text.startswith("“"):
                opens.pop()  # 引文跨段：每段开头用前引号，只在最后一段末尾用后引号
            else:
                break
    for sp, (opens, closes) in zip(spans, results, strict=True):
        problems = [(i, kind, "open") for i, kind in opens] + [(i, kind, "close") for i, kind in closes]
        if not problems:
            continue
        seg = text[sp.start:sp.end]
        # a bracket lost from a document number or an article citation is W-03's finding, not a second one here
        cut = [(a, b) for a, b, _ in lost_characters(seg)]
        problems = sorted(p for p in problems if not any(a <= p[0] < b for a, b in cut))
        if not problems:
            continue
        i, kind, side = problems[0]
        a, b = snippet(seg, i, i + 1, 0, len(seg), before=6, after=6, stops="\n")
        ch = seg[i]
        other = _CLOSE_NAME[kind] if side == "open" else kind
        where = "之后" if side == "open" else "之前"
        more = f"（本段共{len(problems)}处标点不成对）" if len(problems) > 1 else ""
        yield ctx.finding(sp.start + a, sp.start + b,
                          ch=_show(ch), where=where, other=_show(other), more=more)


# --------------------------------------------------------------------------------------------- P-03


_DOUBLED = re.compile(r"[，。、；：,;]{2,}")


def doubled_marks(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    """P-03: two sentence marks in a row: ，， 。。 、、 ；； ：： ，。 …"""
    text = report.text
    for sp in report.views.spans(title=False):
        seg = text[sp.start:sp.end]
        for m in _DOUBLED.finditer(seg):
            marks = m.group(0)
            if not any(c in "，。、；：" for c in marks):
                continue  # "1,,2" style ASCII runs are not Chinese text
            a, b = snippet(seg, m.start(), m.end(), 0, len(seg), before=6, after=4, stops="\n")
            keep = marks[-1] if len(set(marks)) > 1 else marks[0]
            yield ctx.finding(sp.start + a, sp.start + b,
                              marks=marks, keep=keep)


# --------------------------------------------------------------------------------------------- P-04


def _bracket_style(label: str) -> str | None:
    full = "（" in label or "）" in label
    half = "(" in label or ")" in label
    if full and half:
        return "mixed"
    if full:
        return "full"
    if half:
        return "half"
    return None


def _dot_style(label: str) -> str | None:
    if label.endswith("、"):
        return "dun"
    if label.endswith("．"):
        return "fwdot"
    if label.endswith("."):
        return "dot"
    return None


_STYLE_NAME = {"full": "全角括号“（）”", "half": "半角括号“()”", "mixed": "全角半角混合的括号",
               "dun": "顿号“、”", "fwdot": "全角点“．”", "dot": "半角点“.”"}


def _odd_ones(items: list[tuple[Heading, str]], preferred: str) -> tuple[str, list[Heading]] | None:
    styles = Counter(s for _, s in items)
    if len(styles) < 2:
        return None
    top = max(styles.values())
    majority = preferred if styles.get(preferred) == top else max(styles, key=lambda s: styles[s])
    return majority, [h for h, s in items if s != majority]


def mixed_numbering(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    """P-04: within one part, level-1 labels mixing （一） and (一); level-2 labels mixing 1. and 1、."""
    for part in report.parts:
        level1 = [(h, _bracket_style(h.label)) for h in part.headings if h.level == 1]
        items1 = [(h, s) for h, s in level1 if s]
        odd = _odd_ones(items1, "full")
        if odd:
            yield _numbering_finding(ctx, part, odd, "一级标题序号的括号")
        level2 = [(h, _dot_style(h.label)) for h in walk_headings(part.headings) if h.level == 2]
        items2 = [(h, s) for h, s in level2 if s]
        odd = _odd_ones(items2, "dot")
        if odd:
            yield _numbering_finding(ctx, part, odd, "二级标题序号后的标点", severity=ctx.params.get("level2_severity",
                                                                                           "info"))


def _numbering_finding(ctx: RuleContext, part: Part, odd: tuple[str, list[Heading]], what: str,
                       severity: str | None = None) -> Finding:
    majority, heads = odd
    h = heads[0]
    labels = "、".join(f"“{x.label}”" for x in heads)
    used = {_STYLE_NAME[s] for s in (_bracket_style(x.label) or _dot_style(x.label) for x in heads) if s}
    return ctx.finding(
        h.loc.start, h.loc.end, evidence=h.title, part=part.id or None, severity=severity,
        title=part.title, what=what, style=_STYLE_NAME[majority], labels=labels, used="、".join(sorted(used)),
        example="，如“（一）”" if majority == "full" else "",
    )


# --------------------------------------------------------------------------------------------- P-05


_PART_SEP = re.compile(r"^\s*(?P<num>[一二三四五六七八九十]{1,3})(?:\s*(?P<sep>[.．,，:：])|(?P<space>[ \u3000]+))")
_BRACKET_THEN_MARK = re.compile(r"^\s*(?P<label>[（(]\s*[一二三四五六七八九十]{1,3}\s*[)）])\s*(?P<mark>[、.．,，:：])")


def numbering_marks(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    """P-05: "一." / "一．" instead of "一、" on part headings; "（一）、" (a mark after a bracketed number)."""
    wrong_parts = []
    for part in report.parts:
        m = _PART_SEP.match(part.title)
        if m and part.loc.start is not None:
            wrong_parts.append((part, m))
    if wrong_parts:
        part, m = wrong_parts[0]
        s = part.loc.start or 0
        others = f"（共{len(wrong_parts)}个部分标题如此）" if len(wrong_parts) > 1 else ""
        used = f"“{m.group('sep')}”" if m.group("sep") else "空格"
        written = m.group("sep") or m.group("space")
        yield ctx.finding(s, part.loc.end, evidence=part.title,
                          num=m.group('num'), used=used, others=others, written=written, variant="part_separator")
    doubles = []
    for part in report.parts:
        for h in walk_headings(part.headings):
            m = _BRACKET_THEN_MARK.match(h.title)
            if m and h.loc.start is not None:
                doubles.append((h, m))
    if doubles:
        h, m = doubles[0]
        others = f"（共{len(doubles)}个标题如此）" if len(doubles) > 1 else ""
        assert h.loc.start is not None
        yield ctx.finding(h.loc.start, h.loc.end, evidence=h.title,
                          label=m.group('label'), mark=m.group('mark'), others=others, variant="label_mark")


# --------------------------------------------------------------------------------------------- P-06


_SPACE = re.compile(f"(?<=[{CJK}{_CLOSE_FW}，。、；：？！])[ \u00a0\u3000]{{1,2}}(?=[{CJK}{_OPEN_FW}，。、；：？！])")


@cache
def _field_labels() -> tuple[str, ...]:
    return tuple(as_list(typo_punct_lexicon().get("spaces", {}).get("field_labels")))


def _space_hits(seg: str) -> list[tuple[int, int]]:
    skip = _label_end(seg)
    labels = _field_labels()
    out = []
    for m in _SPACE.finditer(seg, skip):
        before, after = seg[m.start() - 1], seg[m.end()]
        if not (HAN.match(before) or HAN.match(after)):
            continue
        if seg.startswith(labels, m.end()):
            continue  # "成功东路1号 邮编…": two fields of a contact line
        out.append(m.span())
    return out


def spaces_in_chinese(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    """P-06: a space inside a Chinese sentence (text, DOCX and HTML sources only; PDF extraction adds spaces)."""
    if report.raw.format not in ("text", "docx", "html"):
        return
    text = report.text
    sig = report.meta.signature_loc
    min_len = int(ctx.params.get("min_paragraph_chars", 15))
    for sp in report.views.spans(headings=False, title=False):
        seg = text[sp.start:sp.end]
        if len(seg) < min_len or "。" not in seg and "，" not in seg:
            continue  # a label line or a signature, not a sentence
        if sig is not None and sig.start is not None and sp.start <= sig.start < sp.end:
            continue
        hits = _space_hits(seg)
        if not hits:
            continue
        s, e = hits[0]
        a, b = snippet(seg, s, e, 0, len(seg), before=6, after=6)
        more = f"本段共{len(hits)}处。" if len(hits) > 1 else ""
        yield ctx.finding(sp.start + a, sp.start + b,
                          more=more)


# --------------------------------------------------------------------------------------------- P-07

# a title inside a title, both closed in the paragraph: 《《X》》 (a doubled mark) or 《……《X》……》 (the inner pair
# should be 〈〉); an unclosed 《 is P-02's
_NESTED_TITLE = re.compile(r"《(?P<outer>[^《》\n]{0,60})《(?P<inner>[^《》\n]{1,60})》(?P<rest>[^《》\n]{0,60})》")


def title_marks(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    """P-07: book-title marks doubled (《《X》》) or nested (《关于印发《X》的通知》 for 《关于印发〈X〉的通知》)."""
    text = report.text
    for sp in report.views.spans(title=False):
        for m in _NESTED_TITLE.finditer(text, sp.start, sp.end):
            found, inner = m.group(0), m.group("inner")
            if not m.group("outer") and not m.group("rest"):
                yield ctx.finding(m.start(), m.end(), variant="doubled", found=found, inner=inner)
            else:
                yield ctx.finding(m.start(), m.end(), variant="nested", found=found, outer=m.group("outer"),
                                  inner=inner, rest=m.group("rest"))


__all__ = [
    "Span",
    "doubled_marks",
    "half_width_punctuation",
    "mixed_numbering",
    "numbering_marks",
    "spaces_in_chinese",
    "title_marks",
    "unmatched_pairs",
]


# -------------------------------------------------------------------------------------------- P-08

# what a paragraph may end with: a sentence's end, a closing quote or bracket of one, a list's or a heading's mark, a
# web address's or table's furniture
_END_MARKS = set("。！？；：…”’」』!?;:】]》>|—-、，,.．·")
_BARE_NUMBER_END = re.compile(r"(?<![\d\-—－])\d{1,5}\s*余?$")  # "……发布各类动态信息123": the page may have lost 条。


@cache
def _contact() -> re.Pattern:
    """Contact details: P-06's labels of a contact line's fields (typo_punct.toml), 联系, a web or mail address."""
    return re.compile("|".join(map(re.escape, (*_field_labels(), "联系"))) + r"|@|www|http|\.com|\.cn")


def paragraph_without_end_mark(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    """P-08: a paragraph of whole sentences right before a heading ends with no end mark (“……监督权” then “（四）…”)."""
    if report.raw.ocr:
        return  # OCR often drops a line's last mark: the doubt is ours
    text = report.text
    spans = report.views.spans()
    least = int(ctx.params.get("min_paragraph_chars", 20))
    # where a heading starts: a line of its own, or one that runs on into its text ("（四）平台建设。新增……"), which the
    # spans give as a paragraph
    starts = {h.loc.start for _, h in report.views.headings} | \
        {p.loc.start for p in (*report.parts, *report.extra_parts)}
    for span, nxt in zip(spans, spans[1:], strict=False):
        if span.kind != "paragraph" or text[span.end:nxt.start].strip() or \
                not (nxt.kind in ("heading", "part_title") or nxt.start in starts):
            continue
        para = text[span.start:span.end].rstrip()
        if len(para) < least or "\t" in para or not re.search(r"[，,；;]", para):
            continue
        last = para[-1]
        if last in _END_MARKS or (last in ")）" and len(para) > 1 and para[-2] in "。！？.") \
                or para.endswith("如下") or _BARE_NUMBER_END.search(para):
            continue
        end = span.start + len(para)
        # a sentence that ends in words, or one that ends in its contact details (a phone number, a web or mail address,
        # the bracket round them): the real dev writers mark 22 of 28 of the first, 37 of 56 of the second
        words = bool(HAN.fullmatch(last)) or last in "%％"
        if not words and not _contact().search(para[-40:]):
            continue  # a date, a count or a bracket that closes no contact details (……至12月31日止）): not read
        start = max(span.start, end - (8 if words else 16))
        cut = max(text.rfind(c, start, end - 1) for c in ("，,；;、" if words else "，,；;、：:（("))
        start = cut + 1 if cut >= 0 else start  # the last clause (the last detail) only
        yield ctx.finding(start, end, tail=text[start:end], variant="sentence" if words else "contact")


# -------------------------------------------------------------------------------------------- P-09

# a document number whose year is not in 六角括号: 国办发[2020]17号, 国办公开办函(2021)30号, 闽政办【2015】67号, 〔2021]30号
# (an issuer's abbreviation right before it; a court's case number, （2021）京01行初1号, has letters after the year)
_DOC_NUMBER = re.compile(r"(?<=[\u4e00-\u9fff])(?P<open>[〔\[［【(（])\s*(?P<year>(?:19|20)\d{2})\s*(?P<close>[〕\]］】)）])"
                         r"\s*(?P<serial>第?\d{1,5})\s*(?P<hao>[号號])")
# a web page's own field for the number ("备注/文号：青政发[2023]5号") is the site's furniture, not the report's text
_NUMBER_FIELD = re.compile(r"文\s*号\s*[:：]\s*[^\s，。；]{0,12}$")


def document_number_brackets(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    """P-09: a document number's year set in other brackets than 〔〕 (GB/T 9704 7.2.4); not in scans, where OCR reads
    brackets unreliably."""
    if report.raw.ocr:
        return
    text = report.text
    for sp in report.views.spans(title=False):
        for m in _DOC_NUMBER.finditer(text, sp.start, sp.end):
            if m.group("open") == "〔" and m.group("close") == "〕":
                continue
            if _NUMBER_FIELD.search(text, max(sp.start, m.start() - 16), m.start()):
                continue
            found = text[m.start():m.end()]
            yield ctx.finding(m.start(), m.end(), found=found,
                              right=f"〔{m.group('year')}〕{m.group('serial')}{m.group('hao')}")

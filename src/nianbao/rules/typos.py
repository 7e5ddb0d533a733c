"""Typo checks (category "typo"): duplicated words, common misspellings, garbled text.

Precision first. A duplicated sequence is reported only when jieba agrees that the repeat is made of
whole words (so "公开开展" = 公开|开展 and "工作作风" are left alone) and it is not a reduplication
written on purpose (明明白白, 件件有着落, the lexicon's allow-lists). Only narrative paragraphs, headings
and the title are read; table cells are not. Garbled text is looked for in the whole document.

Text spans come from the report's cached views (``report.views.spans()``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from nianbao.lexicon import lexicon
from nianbao.model import Finding, Report
from nianbao.rules.base import RuleContext
from nianbao.rules.util import (
    CJK,
    HAN,
    as_list,
    domain_terms,
    span_matches,
    trie_pattern,
    typo_punct_lexicon,
    word_freq,
)
from nianbao.views import segment, snippet

_CN_NUMERALS = set("〇零一二三四五六七八九十百千万亿两")


# --------------------------------------------------------------------------------------------- lexicons


@cache
def _redup_allow() -> tuple[frozenset[str], dict[str, tuple[str, ...]]]:
    """(whole repeats that are fine, repeat -> contexts in which it is fine)."""
    shared = lexicon("reduplication_allow")
    own = typo_punct_lexicon().get("reduplication", {})
    allow = set(as_list(shared.get("allow")))
    allow |= set(as_list(own.get("allow_single"))) | set(as_list(own.get("allow_double")))
    contexts: dict[str, list[str]] = {}
    for c in as_list(shared.get("allow_contexts")) + as_list(own.get("allow_contexts")):
        for m in _CANDIDATE.finditer(c):
            w = m.group(1)
            for n in range(len(w), 0, -1):
                i = m.start()
                if c[i:i + n] == c[i + n:i + 2 * n]:
                    contexts.setdefault(c[i:i + 2 * n], []).append(c)
    return frozenset(allow), {k: tuple(v) for k, v in contexts.items()}


@cache
def _single_chars() -> frozenset[str]:
    return frozenset(as_list(typo_punct_lexicon().get("reduplication", {}).get("single_chars")))


# --------------------------------------------------------------------------------------------- W-01


_CANDIDATE = re.compile(f"(?=([{CJK}]{{1,4}})\\1)")
_CLAUSE_STOP = re.compile(f"[^{CJK}]")
_WINDOW = 12


def _tokenizer():
    from nianbao.classify.segment import get_tokenizer  # jieba + domain dictionary, loaded once

    return get_tokenizer()


def _boundaries(seg: str, i: int, n: int) -> tuple[int, set[int]]:
    """jieba token boundaries (offsets into seg) of the clause window around seg[i:i+n]."""
    a = i
    while a > 0 and i - a < _WINDOW and not _CLAUSE_STOP.match(seg[a - 1]):
        a -= 1
    b = i + n
    while b < len(seg) and b - (i + n) < _WINDOW and not _CLAUSE_STOP.match(seg[b]):
        b += 1
    bounds = {a}
    pos = a
    for tok in segment(seg[a:b]):
        pos += len(tok)
        bounds.add(pos)
    return a, bounds


def _starts_word(seg: str, k: int, n: int) -> bool:
    """Does a dictionary word longer than n characters start at seg[k]?"""
    freq = _tokenizer().FREQ
    stop = k + n + 4
    for j in range(k + n + 1, min(stop, len(seg)) + 1):
        if freq.get(seg[k:j]):
            return True
    return False


def _in_context(seg: str, i: int, n: int, contexts: tuple[str, ...]) -> bool:
    for c in contexts:
        lo = max(0, i + n - len(c))
        k = seg.find(c, lo, i + len(c))
        while k != -1 and k <= i:
            if k + len(c) >= i + n:
                return True
            k = seg.find(c, k + 1, i + len(c))
    return False


# a label after a doubled word (下载地址：, 咨询电话0…): the second copy is the label's first word, not a slip
_LABEL_AFTER = re.compile(r"(?:地址|网址|链接|电话|热线|邮箱|方式)\s*(?:[:：]|https?|www|\d)")
# a full stop left out between two sentences about the report: the first copy ends the object of a publishing verb
# (现公布……年度报告), the second opens the next sentence on what the report holds (报告的内容包括…, 报告由…组成)
_CONTENTS_AFTER = re.compile(r"(?:的内容|全文)?(?:主要)?(?:包括|包含|由|分为|共分|中所列|所列)")
_PUBLISH_BEFORE = re.compile(r"(?:公布|发布|编制|制作|印发|形成)[^。，,；;：:！!？?\n]*$")


# an official media account is often named after what it does (“XX发布”): after the account's label, the name ends
# with the first copy and the second is the verb (微信公众号确山政府发布发布104条)
_ACCOUNT_BEFORE = re.compile(r"(?:公众号|微博|微信|头条号?|抖音号?|视频号|快手号?|客户端|账号|[Aa][Pp][Pp])"
                             r"[“\"《「]?[^，。；,;:：\s]{0,12}$")
_ACCOUNT_VERBS = frozenset({"发布", "推送", "发表", "播报"})


def _account_name(seg: str, i: int, n: int) -> bool:
    """Is seg[i:i+2n] an account's name ending in a verb (…发布) followed by the verb itself?"""
    return seg[i:i + n] in _ACCOUNT_VERBS and bool(_ACCOUNT_BEFORE.search(seg[max(0, i - 20):i]))


def _sentence_seam(seg: str, i: int, n: int) -> bool:
    """Is seg[i:i+2n] a word that ends one sentence and opens the next, with the full stop between them lost?"""
    return bool(_CONTENTS_AFTER.match(seg, i + 2 * n) and _PUBLISH_BEFORE.search(seg[max(0, i - 60):i]))


def _is_duplicate(seg: str, i: int, n: int, allow: frozenset[str], contexts: dict[str, tuple[str, ...]]) -> bool:
    """Is seg[i:i+2n] (two equal halves) a word written twice by mistake?"""
    w = seg[i:i + n]
    dup = w + w
    if all(ch in _CN_NUMERALS for ch in w):
        return False  # 二〇二二, 一一
    if dup in allow or (dup in contexts and _in_context(seg, i, 2 * n, contexts[dup])):
        return False
    if n == 1:
        if w not in _single_chars():
            return False  # 王芳芳, 亮晶晶: only function words are judged one character at a time
        # AABB (明明白白, 认认真真) and the BB half of it
        if i + 3 < len(seg) and seg[i + 2] == seg[i + 3] and HAN.match(seg[i + 2]):
            return False
        if i >= 2 and seg[i - 2] == seg[i - 1] and HAN.match(seg[i - 1]):
            return False
        if i > 0 and seg[i - 1].isdigit():
            return False  # "2023年年初"
    _, bounds = _boundaries(seg, i, 2 * n)
    if i + n not in bounds or i + 2 * n not in bounds:
        return False  # the second copy runs into a longer word: 公开|开展, 信息|信息化
    if _starts_word(seg, i + n, n):
        return False  # the second copy may head a compound jieba split: 的|的确, 政府|政府部门
    if i in bounds:
        return True
    if n == 1:
        return False  # 目的|的: a one-character word after a word that ends with the same character
    # the first copy may be glued to the word before it by jieba ("坚决执行|执行"), but only as a whole
    return not any(i < k < i + n for k in bounds)


def _junction_slip(seg: str, i: int, n: int, contexts: dict[str, tuple[str, ...]]) -> str | None:
    """A two-or-more-character word doubled where jieba splits the copies into two neighbouring words
    ("政府信息|信息公开"): a slip when dropping one copy leaves a domain term that spans the junction
    ("政府信息公开"). Returns that term, or None. Legitimate junctions are in the allow-list's contexts."""
    if n < 2:
        return None
    dup = seg[i:i + 2 * n]
    if dup in contexts and _in_context(seg, i, 2 * n, contexts[dup]):
        return None
    dedup = seg[:i + n] + seg[i + 2 * n:]
    junction = i + n
    spanning = []
    for term in domain_terms():
        # an occurrence of the term that starts before the junction and ends after it
        k = dedup.find(term, max(0, junction - len(term) + 1), junction + len(term) - 1)
        if k != -1 and k < junction < k + len(term):
            spanning.append(term)
    return max(spanning, key=lambda t: (len(t), t)) if spanning else None  # the longest, deterministically


# a name that ends in a level or body character, then a word that starts with it: 东城街|街道, 新村|村委会, 城关镇|镇政府
_BODY_ENDS = frozenset("省市县区镇乡街村社组队局委办院所站旗州盟路")
# what a character left alone after a word that ends with it may be on purpose: a verb (副主任|任|副组长), a pronoun,
# a preposition, a conjunction, an adverb, a particle, a localizer, a numeral, a measure word or an adjective
_WORD_TAGS = ("v", "r", "p", "c", "d", "u", "f", "m", "q", "a")  # a: an adjective before its noun (健全|全|流程)


def _boundary_slip(seg: str, i: int, n: int, allow: frozenset[str], contexts: dict[str, tuple[str, ...]]) -> bool:
    """A word or a character written twice where W-01's word test cannot see it, because the segmenter glued one copy
    to a neighbour: a word whose second copy opens a compound ("监督保障|保障机制"), a character that ends a word and
    is then left alone ("累计|计|发布"), or one left alone before a word it starts ("喜|喜事"). Function words are
    W-01's own (它们 one character at a time: 以|以上), and so are allowed reduplications and contexts."""
    w = seg[i:i + n]
    dup = w + w
    if all(ch in _CN_NUMERALS for ch in w) or dup in allow or (i > 0 and seg[i - 1].isdigit()):
        return False
    if dup in contexts and _in_context(seg, i, 2 * n, contexts[dup]):
        return False
    if any(len(a) > 2 * n and a in seg[max(0, i - 4):i + 2 * n + 4] and dup in a for a in allow):
        return False  # inside a longer listed reduplication (息息相关, 明明白白)
    start, bounds = _boundaries(seg, i, 2 * n)
    if i + n not in bounds:
        return False
    if n >= 2:
        return True
    if w in _single_chars() or w in _BODY_ENDS:
        return False
    from nianbao.rules.wording import pos_tagged  # wording reads this module's lexicons

    if i not in bounds and i + 2 in bounds:  # 累计|计
        return not any(t == w and tag.startswith(_WORD_TAGS) for t, tag in pos_tagged(seg[max(start, i - 2):i + 4]))
    if i - 1 >= start and {i - 1, i} <= bounds and HAN.match(seg[i - 1]):
        return False  # two lone characters in a row (微|信|信息): a word the dictionary lacks (微信), not a slip
    if i in bounds and i - 2 >= start and i - 2 in bounds and HAN.match(seg[i - 2]) and HAN.match(seg[i - 1]) and \
            word_freq().get(seg[i - 2:i]):
        return False  # after a two-character word, a lone character may end a compound the dictionary lacks (出厂|水|水质)
    return i in bounds and i + 1 in bounds and i + 2 not in bounds  # 喜|喜事


def duplicated_words(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    """W-01: a 1–4 character sequence written twice in a row ("执行执行", "的的")."""
    allow, contexts = _redup_allow()
    text = report.text
    for sp in report.views.spans():
        seg = text[sp.start:sp.end]
        skip_to = 0
        for m in _CANDIDATE.finditer(seg):
            i = m.start()
            if i < skip_to:
                continue
            for n in range(len(m.group(1)), 0, -1):
                if seg[i:i + n] != seg[i + n:i + 2 * n] or _LABEL_AFTER.match(seg, i + 2 * n):
                    continue  # not doubled; or 可在网站下载|下载地址：…, where the second copy heads a label
                if n >= 2 and (_sentence_seam(seg, i, n) or _account_name(seg, i, n)):
                    continue  # 现公布……年度报告|报告的内容包括…: a lost full stop, not a doubled word; 公众号XX发布|发布
                if _is_duplicate(seg, i, n, allow, contexts):
                    w = seg[i:i + n]
                    yield ctx.finding(
                        sp.start + i, sp.start + i + 2 * n,
                        w=w, variant="duplicate",
                    )
                    skip_to = i + 2 * n
                    break
                compound = _junction_slip(seg, i, n, contexts)
                if compound:
                    w = seg[i:i + n]
                    yield ctx.finding(
                        sp.start + i, sp.start + i + 2 * n,
                        w=w, compound=compound, variant="junction",
                    )
                    skip_to = i + 2 * n
                    break
                if _boundary_slip(seg, i, n, allow, contexts):
                    yield ctx.finding(
                        sp.start + i, sp.start + i + 2 * n,
                        w=seg[i:i + n], variant="boundary",
                    )
                    skip_to = i + 2 * n
                    break


# --------------------------------------------------------------------------------------------- W-02


@dataclass(frozen=True)
class _Pair:
    wrong: str
    right: str
    why: str
    unless: tuple[str, ...]


@cache
def confusion_lexicon() -> tuple[re.Pattern[str] | None, dict[str, _Pair]]:
    """W-02's word list (confusions.toml): one regex for every wrong form, and each wrong form's pair."""
    pairs: dict[str, _Pair] = {}
    for p in lexicon("confusions").get("pair", []):
        if not isinstance(p, dict) or not p.get("wrong") or not p.get("right"):
            continue
        wrong = str(p["wrong"])
        pairs.setdefault(wrong, _Pair(wrong, str(p["right"]), str(p.get("why", "")), tuple(as_list(p.get("unless")))))
    if not pairs:
        return None, {}
    return re.compile(trie_pattern(pairs)), pairs


def _excused(seg: str, i: int, pair: _Pair) -> bool:
    """An `unless` context that contains the wrong form at this position, or any other given context word
    that appears in the same sentence."""
    n = len(pair.wrong)
    for u in pair.unless:
        if pair.wrong in u:
            if _in_context(seg, i, n, (u,)):
                return True
        else:
            a, b = snippet(seg, i, i + n, 0, len(seg), before=40, after=40)
            if u in seg[a:b]:
                return True
    return False


def confusions(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    """W-02: a common misspelling from the confusion lexicon ("推近" for "推进")."""
    rx, pairs = confusion_lexicon()
    if rx is None:
        return
    text = report.text
    for sp, start, end, m in span_matches(report, rx):
        pair = pairs[m.group(0)]
        if _excused(text[sp.start:sp.end], start - sp.start, pair):
            continue
        why = f"{pair.why.rstrip('。')}。" if pair.why else ""
        yield ctx.finding(start, end, wrong=pair.wrong, right=pair.right, why=why)


# --------------------------------------------------------------------------------------------- W-03


_CID = re.compile(r"\(cid:\d+\)")
_NON_ASCII_RUN = re.compile(r"[^\x00-\x7f\s，。、；：？！“”‘’（）《》【】〔〕]{3,}")
_LATIN_RUN = re.compile(r"[\u0080-\u024f\u02c6\u02dc\u2013-\u203a\u20ac\u2122]{4,}")
_CJK_RUN3 = re.compile(f"[{CJK}]{{3,}}")
_CJK_RUN2 = re.compile(f"[{CJK}]{{2,}}")
# document numbers: 〔2021〕30号 written with a bracket or the number lost
# document numbers: 〔2021〕30号 written with a bracket or the number lost. Each pattern starts with a
# literal or a character class, so the regex engine can skip ahead quickly.
_DOCNO = re.compile(
    r"[〔［【\[](?:(?P<no_close>(?:19|20)\d{2}\d{1,4}\s*号)"
    r"|(?P<no_number>(?:19|20)\d{2}[〕］】\]]\s*号)"
    r"|(?P<no_year>\s*[〕］】\]]\s*\d{1,4}\s*号))"
)
_DOCNO_NO_OPEN = re.compile(r"(?:19|20)\d{2}[〕］】\]]\d{1,4}\s*号")
_N = "一二三四五六七八九十百零〇\\d"
_ARTICLE = re.compile(
    rf"第(?:[{_N}]{{1,5}}条第(?:(?P<no_close>[（(][{_N}]{{1,3}}项)|(?P<no_open>[{_N}]{{1,3}}[）)]项)"
    rf"|(?P<empty>[（(]\s*[）)]项))|(?P<no_number>[ \u3000]*[条款项]))"
)
_DOCNO_WHAT = {
    "no_close": "文号年份后缺少右括号“〕”（疑似字符丢失）",
    "no_open": "文号年份前缺少左括号“〔”（疑似字符丢失）",
    "no_number": "文号缺少序号（疑似字符丢失）",
    "no_year": "文号缺少年份（疑似字符丢失）",
}
_ARTICLE_WHAT = {
    "no_close": "条款引用缺少右括号",
    "no_open": "条款引用缺少左括号",
    "empty": "条款引用括号内缺少项号",
    "no_number": "条款引用缺少条号",
}


def _mojibake_lead_chars() -> str:
    """Characters whose GBK code starts with 0xE4–0xE9: the lead bytes of UTF-8 Chinese characters.

    UTF-8 text decoded as GBK is full of them (鏀垮簻 = 政府); real Chinese text almost never uses them
    (they are rare level-2 and extension characters), so they make a cheap first filter.
    """
    out = []
    for lead in range(0xE4, 0xEA):
        for trail in range(0x40, 0xFF):
            try:
                out.append(bytes([lead, trail]).decode("gbk"))
            except UnicodeDecodeError:
                continue
    return "".join(out)


_MOJIBAKE_LEAD = re.compile(f"[{re.escape(_mojibake_lead_chars())}]")


def _gbk_mojibake(run: str) -> str | None:
    """If `run` is UTF-8 text that was decoded as GBK, the text it was meant to be."""
    try:
        raw = run.encode("gbk", errors="replace")
    except LookupError:  # pragma: no cover
        return None
    fixed = raw.decode("utf-8", errors="replace")
    if _CJK_RUN3.search(fixed):
        return fixed
    return None


def _narrow(run: str) -> tuple[int, int]:
    """The part of a mojibake run that is mojibake: drop genuine characters at either end."""
    best = len(max(_CJK_RUN3.findall(_gbk_mojibake(run) or ""), key=len, default=""))
    a, b = 0, len(run)
    while b - a > 3:
        fixed = _gbk_mojibake(run[a + 1:b]) or ""
        if len(max(_CJK_RUN3.findall(fixed), key=len, default="")) < best:
            break
        a += 1
    while b - a > 3:
        fixed = _gbk_mojibake(run[a:b - 1]) or ""
        if len(max(_CJK_RUN3.findall(fixed), key=len, default="")) < best:
            break
        b -= 1
    return a, b


def _latin_mojibake(run: str) -> str | None:
    for enc in ("cp1252", "latin-1"):
        try:
            fixed = run.encode(enc).decode("utf-8", errors="replace")
        except UnicodeEncodeError:
            continue
        if _CJK_RUN2.search(fixed):
            return fixed
    return None


def _garble_in_line(line: str, literals: tuple[str, ...]) -> tuple[int, int, list[str], str | None] | None:
    """(start, end, kinds, readable) of the first garbled stretch of a line, or None."""
    kinds: list[str] = []
    spans: list[tuple[int, int]] = []
    readable: str | None = None
    k = line.find("\ufffd")
    if k != -1:
        kinds.append(f"无法识别的替换字符“\ufffd”{line.count(chr(0xFFFD))}处")
        spans.append((k, k + 1))
    m = _CID.search(line)
    if m:
        kinds.append(f"PDF字形编码“{m.group(0)}”{len(_CID.findall(line))}处")
        spans.append(m.span())
    for lit in literals:
        k = line.find(lit)
        if k != -1:
            kinds.append(f"乱码“{lit}”")
            spans.append((k, k + len(lit)))
    for m in (_NON_ASCII_RUN.finditer(line) if _MOJIBAKE_LEAD.search(line) else ()):
        fixed = _gbk_mojibake(m.group(0))
        if fixed:
            kinds.append("按错误编码读出的乱码")
            a, b = _narrow(m.group(0))
            spans.append((m.start() + a, m.start() + b))
            readable = _gbk_mojibake(m.group(0)[a:b]) or fixed
            readable = max(_CJK_RUN3.findall(readable) or [""], key=len) or None
            break
    for m in _LATIN_RUN.finditer(line):
        fixed = _latin_mojibake(m.group(0))
        if fixed:
            kinds.append("按西文编码读出的乱码")
            spans.append(m.span())
            readable = readable or _CJK_RUN2.search(fixed).group(0)  # type: ignore[union-attr]
            break
    if not kinds:
        return None
    start = min(a for a, _ in spans)
    end = min(max(b for _, b in spans), start + 30)
    return start, end, kinds, readable


def _maybe_garbled(text: str, literals: tuple[str, ...]) -> bool:
    """A fast whole-text test; the line-by-line search runs only when it says yes."""
    if "\ufffd" in text or "(cid:" in text or any(lit in text for lit in literals):
        return True
    lead = _MOJIBAKE_LEAD.search(text)
    if lead and _MOJIBAKE_LEAD.search(text, lead.end()) and _gbk_mojibake(text):
        return True
    return any(_latin_mojibake(m.group(0)) for m in _LATIN_RUN.finditer(text))


def garbled_text(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    """W-03: replacement characters, (cid:N), mojibake, document numbers and article citations with lost characters."""
    text = report.text
    pdf = report.raw.format == "pdf"
    page = report.raw.format == "html"
    cause = "parse" if pdf or page else "report"
    note = ("（源文件为PDF，也可能是文字提取造成的，请对照原件核实。）" if pdf else
            "（源文件为网页，也可能是网页转存或编码造成的，请对照原件核实。）" if page else "")
    literals = tuple(as_list(typo_punct_lexicon().get("garbled", {}).get("literals")))
    max_lines = int(ctx.params.get("max_garbled_lines", 5))
    garbled: list[tuple[int, int, list[str], str | None]] = []
    pos = 0
    for line in (text.split("\n") if _maybe_garbled(text, literals) else ()):
        hit = _garble_in_line(line, literals)
        if hit:
            s, e, kinds, readable = hit
            garbled.append((pos + s, pos + e, kinds, readable))
        pos += len(line) + 1
    shown = garbled[:max_lines]
    for k, (s, e, kinds, readable) in enumerate(shown):
        lo = text.rfind("\n", 0, s) + 1
        hi = text.find("\n", e)
        hi = len(text) if hi == -1 else hi
        a, b = snippet(text, s, e, lo, hi, before=4, after=4, stops="\n")
        meant = f"，疑为“{readable}”" if readable else ""
        rest = len(garbled) - len(shown)
        more = f"全文另有{rest}行出现类似乱码。" if rest and k == len(shown) - 1 else ""
        yield ctx.finding(a, b, kinds='；'.join(kinds), meant=meant, more=more, note=note, cause=cause, variant="garbled")
    for start, end, what in sorted(lost_characters(text)):
        kind, desc = what
        # (these two variants are notes: typos.toml's variant_severity)
        yield ctx.finding(start, end, ref=text[start:end], desc=desc, note=note, cause=cause,
                          variant="doc_number" if kind == "docno" else "article")


def lost_characters(text: str) -> Iterator[tuple[int, int, tuple[str, str]]]:
    """(start, end, (kind, description)) of document numbers and article citations that lost a character."""
    for m in _DOCNO.finditer(text):
        yield m.start(), m.end(), ("docno", _DOCNO_WHAT[m.lastgroup or "no_close"])
    for m in _DOCNO_NO_OPEN.finditer(text):
        before = text[m.start() - 1] if m.start() else ""
        if before and (before in "〔［【[（(" or before.isdigit()):
            continue
        yield m.start(), m.end(), ("docno", _DOCNO_WHAT["no_open"])
    for m in _ARTICLE.finditer(text):
        group = m.lastgroup or "no_close"
        start = m.start()
        if group == "no_number":
            head = text[max(0, start - 2):start]
            if head.endswith("条例"):
                start -= 2
            elif head.endswith(("》", "法")):
                start -= 1
            else:
                continue
        yield start, m.end(), ("article", _ARTICLE_WHAT[group])

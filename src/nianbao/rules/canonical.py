"""W-15: a fixed phrase of the genre written one edit away (issue #12): a mandated title (a part's, a table's or a
table row's, in a heading or in the "本报告由……组成" part list), a document's name, or a fixed term, with a character
lost, added or replaced, a two-character word lost or added, or two adjacent words exchanged ("收到和处理政府信息申请
情况", "政府信息公开政复议、行政诉讼情况", "信息申请公开", "依申请动公开").

The phrases come from the format spec (``data/spec/format.toml``: part titles and their variants, table titles and
row labels) and ``data/lexicon/canonical_phrases.toml`` (document names, fixed terms, correct variants in common
use). A title is quoted exactly but is shortened and re-worded freely (存在的问题及改进情况 without 主要): an edit is
reported only where it breaks a fixed term inside the title. A term standing alone is checked for a character added
or lost inside it and for two of its words exchanged, where neither end of the written form continues a longer word.
A character replaced, lost or swapped that W-08 reports, a reordered title that W-14 reports, a doubled character
(W-06's) and edits of the function characters only (的, 和, 及, 、…) are left alone. Only narrative paragraphs,
headings and the title are read (never table cells).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from nianbao.lexicon import lexicon
from nianbao.model import Finding, Report
from nianbao.rules.base import RuleContext
from nianbao.rules.util import HAN, one_edit, trie_pattern

_NUMBERING = re.compile(r"^(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)]|\d+[.．、])")
_WORD_FREQ = 50  # a neighbour pair the dictionary counts this often is a word: 部门 before 门网站
_BOUND_FREQ = 20000  # a character the dictionary counts as a word of its own less often is bound (W-08's measure)
_DOCNO_AHEAD = re.compile(r"\s*[〔\[［(（【]\s*(?:19|20)\d{2}")  # 〔2019〕: an issuer's code before it is an abbreviation


@dataclass(frozen=True)
class Phrase:
    text: str
    title: bool  # quoted exactly: only an edit inside one of its terms is a slip
    terms: tuple[tuple[int, int], ...]  # where the fixed terms lie inside the phrase


@dataclass(frozen=True)
class Inventory:
    phrases: dict[str, Phrase]
    by_first: dict[str, tuple[str, ...]]  # first two characters -> phrases
    by_last: dict[str, tuple[str, ...]]  # last two characters -> phrases
    orders: dict[str, tuple[tuple[str, int, int], ...]]  # a phrase with two adjacent words exchanged -> (phrase, site)
    orders_rx: re.Pattern | None
    right: frozenset[str]  # wordings that are never a slip
    right_rx: re.Pattern | None
    function: frozenset[str]


def _units(t: str, segment) -> list[str]:
    """The phrase's words, a compound of Han characters cut into its two-character words where each is a word
    (政府信息公开 → 政府 + 信息 + 公开): words exchanged are the slip's units (信息申请公开), while moving a whole
    compound (申请信息公开, 政府信息主动公开) writes another correct phrase."""
    out: list[str] = []
    for w in segment(t):
        pairs = [w[i:i + 2] for i in range(0, len(w), 2)]
        if len(w) >= 4 and len(w) % 2 == 0 and all(_is_word(x) for x in pairs):
            out += pairs
        else:
            out.append(w)
    return out


def _han_label(label: str) -> str:
    return _NUMBERING.sub("", label.strip())


@cache
def inventory() -> Inventory:
    from nianbao.views import segment
    from nianbao.vocab import format_spec

    spec, d = format_spec(), lexicon("canonical_phrases")
    titles: set[str] = set(d.get("titles", ()))
    right: set[str] = set(d.get("variants", ()))
    for p in spec["parts"].values():
        titles.add(p["canonical"])
        right.update(p.get("variants", ()), p.get("obsolete", ()))
    for names in spec.get("extra_parts", {}).values():
        right.update(names)
    for t in spec.get("tables", {}).values():
        if isinstance(t, dict) and t.get("title"):
            titles.add(t["title"])
        for row in t.get("rows", ()) if isinstance(t, dict) else ():
            labels = [_han_label(x) for x in row.get("labels", ())]
            titles.update(x for x in labels if len(x) >= 6 and all(HAN.match(c) or c == "、" for c in x))
    terms = {t for t in d.get("terms", ()) if len(t) >= 4}
    function = frozenset(d.get("function_chars", ""))
    phrases: dict[str, Phrase] = {}
    for t in sorted(titles | terms):
        inner = tuple(sorted((i, i + len(x)) for x in terms if x != t
                             for i in range(len(t)) if t.startswith(x, i)))
        phrases[t] = Phrase(t, t in titles and t not in terms, inner if t not in terms else ((0, len(t)),))
    orders: dict[str, list[tuple[str, int, int]]] = {}
    for t in phrases:
        words = _units(t, segment)
        pos = [sum(len(w) for w in words[:i]) for i in range(len(words) + 1)]
        for i in range(1, len(words) - 1):  # the first word stays: 公开政务信息 moves a verb, writing another phrase
            a, b = words[i], words[i + 1]
            if a == b or not all(HAN.match(c) for c in a + b):
                continue
            w = t[:pos[i]] + b + a + t[pos[i + 2]:]
            orders.setdefault(w, []).append((t, pos[i], pos[i + 2]))
    right |= titles | terms
    first: dict[str, list[str]] = {}
    last: dict[str, list[str]] = {}
    for t in phrases:
        first.setdefault(t[:2], []).append(t)
        last.setdefault(t[-2:], []).append(t)
    orders = {w: v for w, v in orders.items() if w not in right}
    return Inventory(phrases, {k: tuple(v) for k, v in first.items()}, {k: tuple(v) for k, v in last.items()},
                     {k: tuple(v) for k, v in orders.items()},
                     re.compile(f"(?=({trie_pattern(orders)}))") if orders else None,
                     frozenset(right), re.compile(f"(?=({trie_pattern(right)}))") if right else None, function)


def _freq() -> dict:
    from nianbao.classify.segment import get_tokenizer

    return get_tokenizer().FREQ


def _is_word(s: str) -> bool:
    return len(s) == 2 and all(HAN.match(c) for c in s) and _freq().get(s, 0) >= _WORD_FREQ


def _orphan(w: str) -> bool:
    """Whether the segmenter leaves a bound character standing alone in w (依请公开: 请 — 门网站: 门)."""
    from nianbao.views import segment

    return any(len(x) == 1 and HAN.match(x) and _freq().get(x, 0) < _BOUND_FREQ for x in segment(w))


def _edit(w: str, t: str) -> tuple[str, int, int] | None:
    """(kind, first position, width) of the one edit that makes `t` into `w`."""
    for width in (1, 2):
        e = one_edit(w, t, width)
        if e is not None:
            return e[0], e[1], width
    return None


def _breaks(ph: Phrase, kind: str, k: int, width: int) -> bool:
    """Whether the edit at position k of the phrase falls inside one of its fixed terms (a term cut, not a whole
    title re-worded)."""
    for s, e in ph.terms:
        if kind == "added" and s < k < e:
            return True
        if kind in ("lost", "sub") and k < e and s < k + width:
            return True
        if kind == "swap" and s <= k and k + 1 < e:
            return True
    return False


def _touched(kind: str, k: int, width: int, w: str, t: str) -> str:
    """The characters the edit adds, loses or replaces."""
    if kind == "lost":
        return t[k:k + width]
    if kind == "added":
        return w[k:k + width]
    return t[k:k + 2] + w[k:k + 2] if kind == "swap" else t[k] + w[k]


def _candidate(text: str, a: int, b: int, t: str, lo: int, hi: int, inv: Inventory) -> tuple[str, str, set[int]] | None:
    """(kind, characters touched, text positions of the edit) when text[a:b] is the phrase `t` one edit away and
    nothing says it is right, else None."""
    w, ph, n = text[a:b], inv.phrases[t], len(t)
    if not all(HAN.match(c) or c in t for c in w) or w in inv.right:
        return None
    e = _edit(w, t)
    if e is None:
        return None
    kind, k, width = e
    if kind == "swap":
        return None  # two characters swapped: W-08's (and W-14's for a title's words)
    if k == 0 or (kind == "lost" and k + width >= n) or (kind == "added" and k >= n) or (kind == "sub" and k >= n - 1):
        return None  # a phrase shortened, lengthened or joined at its ends is another phrase
    touched = _touched(kind, k, width, w, t)
    if all(c in inv.function or not HAN.match(c) for c in touched):
        return None  # 的 added, 和 for 、: a wording, not a slip
    if kind == "added" and width == 1 and (w[k] == w[k - 1] or (k + 1 < len(w) and w[k] == w[k + 1])):
        return None  # a doubled character is W-06's
    if ph.title and _breaks(ph, kind, k, width):
        if kind == "lost" and width == 2 and t[k - 1] in "、和及与" and t[k:k + 2] in t[:k - 1]:
            return None  # 行政复议、诉讼: a word shared by two coordinated terms is written once
    else:  # a term alone, or a title re-worded outside its terms: only a character added or lost by mistake
        if width != 1 or kind == "sub":
            return None  # a wrong character is W-08's; a title shortened by a word is a wording (存在的问题)
        if not ph.title and not _ends_free(text, a, b, lo, hi):
            return None  # 部门 + 门网站: the written form ends inside a longer word
        if kind == "added" and (_is_word(w[k - 1:k + 1]) or _is_word(w[k:k + 2])
                                or _freq().get(w[k], 0) >= _BOUND_FREQ):
            return None  # the added character makes a word with its neighbour (依法申请公开) or is a word of its own
            # (因政府信息公开被申请行政复议, 主动从公开渠道): only a bound character stands alone by mistake
        if kind == "lost" and not _orphan(w):
            return None  # 过程信息 (全过程信息公开) is two words, not 过程性信息 with a character lost
    site = set(range(a + k, a + k + width)) if kind != "lost" else {a + k - 1, a + k}
    return kind, touched, site


def _ends_free(text: str, a: int, b: int, lo: int, hi: int) -> bool:
    """Neither end of text[a:b] continues a longer word: not 部门 + 门网站, not 现行有效数 + 量."""
    return not (a > lo and _is_word(text[a - 1:a + 1])) and not (b < hi and _is_word(text[b - 1:b + 1]))


def _covered(text: str, site: set[int], lo: int, hi: int, inv: Inventory) -> bool:
    """Whether a wording known to be right covers the edit: 政务信息公开 inside 政务信息公开工作."""
    if inv.right_rx is None:
        return False
    p, q = min(site), max(site) + 1
    for m in inv.right_rx.finditer(text, max(lo, p - 30), hi):
        if m.start() > p:
            break
        if q <= m.start() + len(m.group(1)):
            return True
    return False


def canonical_misses(report: Report) -> Iterator[tuple[int, int, str, str, str]]:
    """(start, end, phrase, kind, characters touched): the written forms one edit away from a fixed phrase."""
    inv = inventory()
    text = report.text
    for sp in report.views.spans():
        lo, hi = sp.start, sp.end
        windows: set[tuple[int, int, str]] = set()
        # an edit reported is never at an end, so the written form keeps the phrase's first and last character, and
        # its first two characters or its last two (an edit at the second character keeps the last two)
        for i in range(lo, hi - 1):
            bg = text[i:i + 2]
            for t in inv.by_first.get(bg, ()):
                windows.update((i, i + m, t) for m in range(len(t) - 2, len(t) + 3)
                               if i + m <= hi and text[i + m - 1] == t[-1])
            for t in inv.by_last.get(bg, ()):
                windows.update((i + 2 - m, i + 2, t) for m in range(len(t) - 2, len(t) + 3)
                               if i + 2 - m >= lo and text[i + 2 - m] == t[0])
        found: list[tuple[int, int, str, str, str]] = []
        for a, b, t in windows:
            n = len(t)
            if text.find(t, max(lo, a - n), min(hi, b + n)) != -1:
                continue  # the phrase itself is written here: 主动公开 holds 动公开
            c = _candidate(text, a, b, t, lo, hi, inv)
            if c is None:
                continue
            kind, touched, site = c
            if _DOCNO_AHEAD.match(text, b):
                continue  # 无政公开〔2019〕1号: an issuer's code
            if not _covered(text, site, lo, hi, inv):
                found.append((a, b, t, kind, touched))
        if inv.orders_rx is not None:
            for m in inv.orders_rx.finditer(text, lo, hi):
                w = m.group(1)
                a, b = m.start(), m.start() + len(w)
                for t, s, e in inv.orders[w]:
                    ph = inv.phrases[t]
                    if text.find(t, max(lo, a - len(t)), min(hi, b + len(t))) != -1:
                        continue
                    if ph.title and not any(ts < e and s < te and not (s <= ts and te <= e) for ts, te in ph.terms):
                        continue
                    if not ph.title and not _ends_free(text, a, b, lo, hi):
                        continue
                    if not _covered(text, set(range(a + s, a + e)), lo, hi, inv):
                        found.append((a, b, t, "order", w[s:e]))
        yield from _longest_first(found)


def _longest_first(found: list[tuple[int, int, str, str, str]]) -> Iterator[tuple[int, int, str, str, str]]:
    """One finding per slip: the longest phrase that explains it (a title before the term inside it)."""
    taken: list[tuple[int, int]] = []
    for a, b, t, kind, touched in sorted(found, key=lambda f: (-len(f[2]), f[0], f[1])):
        if any(a < y and x < b for x, y in taken):
            continue
        taken.append((a, b))
        yield a, b, t, kind, touched


def canonical_phrase_miss(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    """W-15: a mandated title, a document's name or a fixed term written one edit away ("收到和处理政府信息申请情况",
    "信息申请公开", "依申请动公开")."""
    hits = sorted(canonical_misses(report))
    if not hits:
        return
    from nianbao.rules.wording import _listed_slips, term_near_misses, title_word_orders

    others = ([(a, b) for a, b, *_ in term_near_misses(report)] + [(a, b) for a, b, _ in title_word_orders(report)]
              + _listed_slips(report))
    text = report.text
    for a, b, t, kind, touched in hits:
        if any(x < b and a < y for x, y in others):
            continue
        if kind == "lost":
            yield ctx.finding(a, b, variant="lost", found=text[a:b], phrase=t, part_text=touched)
        elif kind == "added":
            yield ctx.finding(a, b, variant="added", found=text[a:b], phrase=t, part_text=touched)
        elif kind == "sub":
            yield ctx.finding(a, b, variant="sub", found=text[a:b], phrase=t, part_text=touched)
        else:
            yield ctx.finding(a, b, variant="order", found=text[a:b], phrase=t, part_text=touched)

"""W-15: a fixed phrase of the genre written one edit away (issue #12): a mandated title (a part's, a table's title,
row or column label, in a heading or in the "本报告由……组成" part list), a document's name, or a fixed term, with a
character lost, added or replaced, a two-character word lost or added, or two adjacent words exchanged ("收到和处理
政府信息申请情况", "政府信息公开政复议、行政诉讼情况", "信息申请公开", "依申请动公开").

The phrases come from the format spec (``data/spec/format.toml``: part titles, their variants and old titles, table
titles and labels) and ``data/lexicon/canonical_phrases.toml`` (document names, fixed terms, correct variants in
common use). A title is quoted exactly but is shortened and re-worded freely (存在的问题及改进情况 without 主要): an
edit is reported where it cuts a fixed term inside the title, or where one of the title's own words gets a bound
character that stands alone (主动公开政府信息请况). A term standing alone is checked for a character added or lost
inside it and for two of its words exchanged, where neither end of the written form continues a longer word. A
character replaced, lost or swapped that W-08 reports, a reordered title that W-14 reports, a slip a W-02/W-04/W-07
list names, a doubled character (W-06's) and edits of the function characters only (的, 和, 及, 、…) are left alone.
Only narrative paragraphs, headings and the title are read (never table cells).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from nianbao.lexicon import lexicon
from nianbao.model import Finding, Report
from nianbao.rules.base import RuleContext
from nianbao.rules.util import BOUND_FREQ, DOCNO_AHEAD, HAN, NUMERAL_CHARS, find_all, one_edit, word_freq

_NUMBERING = re.compile(r"^(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)]|\d+[.．、])")
_WORD_FREQ = 50  # a neighbour pair the dictionary counts this often is a word: 部门 before 门网站
_STRICT_BOUND = 5000  # a bound character (BOUND_FREQ) counted less than this never stands alone in a title (况, 息),
# unlike 需 or 信


@dataclass(frozen=True)
class Phrase:
    text: str
    title: bool  # an edit is a slip where it cuts one of its terms, or puts a bound character into one of its words
    terms: tuple[tuple[int, int], ...]  # where the other fixed terms lie inside the phrase
    words: tuple[tuple[int, int], ...]  # where its words of two characters or more lie


@dataclass(frozen=True)
class Inventory:
    phrases: dict[str, Phrase]
    by_first: dict[str, tuple[str, ...]]  # first two characters -> phrases
    by_last: dict[str, tuple[str, ...]]  # last two characters -> phrases
    orders: dict[str, tuple[tuple[str, int, int], ...]]  # a phrase with two adjacent words exchanged -> (phrase, site)
    orders_first: dict[str, tuple[str, ...]]  # first two characters -> the reordered phrases
    anchors: re.Pattern  # any of those two characters (the regex finds them faster than a loop over the text)
    right: frozenset[str]  # wordings that are never a slip
    covering: tuple[str, ...]  # the right wordings that excuse an edit they contain (not a bare term: the office's
    # name with 公开 added, 政府信息公开与政务公开办公室, is a slip although 政府信息公开 is a term)
    function: frozenset[str]


def _units(seg: list[str]) -> list[str]:
    """The phrase's words, a compound of Han characters cut into its two-character words where each is a word
    (政府信息公开 → 政府 + 信息 + 公开): words exchanged are the slip's units (信息申请公开), while moving a whole
    compound (申请信息公开, 政府信息主动公开) writes another correct phrase."""
    out: list[str] = []
    for w in seg:
        pairs = [w[i:i + 2] for i in range(0, len(w), 2)]
        if len(w) >= 4 and len(w) % 2 == 0 and all(_is_word(x) for x in pairs):
            out += pairs
        else:
            out.append(w)
    return out


def _leaves(d) -> Iterator[list[str]]:
    """The lists of labels in a nested table of the format spec (columns per layout, labels per key)."""
    if isinstance(d, dict):
        for v in d.values():
            yield from _leaves(v)
    elif isinstance(d, list) and all(isinstance(x, str) for x in d):
        yield d


def _han_label(label: str) -> str:
    return _NUMBERING.sub("", label.strip())


@cache
def inventory() -> Inventory:
    from nianbao.views import segment
    from nianbao.vocab import format_spec

    spec, d = format_spec(), lexicon("canonical_phrases")
    titles: set[str] = set(d.get("titles", ()))
    right: set[str] = set(d.get("variants", ()))
    for p in spec["parts"].values():  # a part's variants and old titles are titles too: right as written
        titles.update((p["canonical"], *p.get("variants", ()), *p.get("obsolete", ())))
    for names in spec.get("extra_parts", {}).values():
        titles.update(names)
    labels: list[str] = []
    for t in spec.get("tables", {}).values():
        if not isinstance(t, dict):
            continue
        labels += [t["title"]] if t.get("title") else []
        labels += [x for row in t.get("rows", ()) for x in row.get("labels", ())]
        for key in ("columns", "column_labels", "groups", "block_labels"):
            labels += [x for v in _leaves(t.get(key, {})) for x in v]
    titles.update(x for x in map(_han_label, labels) if len(x) >= 6 and all(HAN.match(c) or c == "、" for c in x))
    terms = {t for t in d.get("terms", ()) if len(t) >= 4}
    function = frozenset(d.get("function_chars", ""))
    phrases: dict[str, Phrase] = {}
    orders: dict[str, list[tuple[str, int, int]]] = {}
    for t in sorted(titles | terms):
        inner = tuple(sorted((i, i + len(x)) for x in terms if x != t and x in t for i in find_all(t, x)))
        seg, spans, p = segment(t), [], 0
        for x in seg:
            spans += [(p, p + len(x))] if len(x) >= 2 else []
            p += len(x)
        phrases[t] = Phrase(t, t in titles and t not in terms, inner, tuple(spans))
        words = _units(seg)
        pos = [sum(len(w) for w in words[:i]) for i in range(len(words) + 1)]
        for i in range(1, len(words) - 1):  # the first word stays: 公开政务信息 moves a verb, writing another phrase
            a, b = words[i], words[i + 1]
            if a == b or not all(HAN.match(c) for c in a + b):
                continue
            w = t[:pos[i]] + b + a + t[pos[i + 2]:]
            orders.setdefault(w, []).append((t, pos[i], pos[i + 2]))
    covering = tuple(sorted(right | titles))
    right |= titles | terms
    first: dict[str, list[str]] = {}
    last: dict[str, list[str]] = {}
    for t in phrases:
        first.setdefault(t[:2], []).append(t)
        last.setdefault(t[-2:], []).append(t)
    orders = {w: v for w, v in orders.items() if w not in right}
    orders_first: dict[str, list[str]] = {}
    for w in orders:
        orders_first.setdefault(w[:2], []).append(w)
    anchors = re.compile("(?=(" + "|".join(map(re.escape, sorted({*first, *last, *orders_first}))) + "))")
    return Inventory(phrases, {k: tuple(v) for k, v in first.items()}, {k: tuple(v) for k, v in last.items()},
                     {k: tuple(v) for k, v in orders.items()}, {k: tuple(v) for k, v in orders_first.items()},
                     anchors, frozenset(right), covering, function)


def _is_word(s: str) -> bool:
    return len(s) == 2 and all(HAN.match(c) for c in s) and word_freq().get(s, 0) >= _WORD_FREQ


def _joins_word(w: str, k: int) -> bool:
    """Whether w[k] makes a word of two or three characters with its neighbours (法 in 依法, 网 in 政务网)."""
    return any(i >= 0 and i + n <= len(w) and all(HAN.match(c) for c in w[i:i + n])
               and word_freq().get(w[i:i + n], 0) >= _WORD_FREQ
               for n in (2, 3) for i in range(k - n + 1, k + 1))


def _orphan(w: str, at: set[int] | None = None, bound: int = 0) -> bool:
    """Whether the segmenter leaves a bound character (counted less than `bound` times as a word, W-08's measure by
    default) standing alone in w (依请公开: 请 — 门网站: 门), or at one of the positions `at`."""
    from nianbao.views import segment

    p, bound = 0, bound or BOUND_FREQ
    for x in segment(w):
        if len(x) == 1 and HAN.match(x) and word_freq().get(x, 0) < bound and (at is None or p in at):
            return True
        p += len(x)
    return False


def _edit(w: str, t: str) -> tuple[str, int, int] | None:
    """(kind, first position, width) of the one edit that makes `t` into `w`."""
    for width in (1, 2):
        e = one_edit(w, t, width)
        if e is not None:
            return e[0], e[1], width
    return None


def _breaks(ph: Phrase, kind: str, k: int, width: int, right: frozenset[str]) -> bool:
    """Whether the edit at position k of the phrase cuts one of its fixed terms (not a whole title re-worded, not a
    term shortened to another right one: 因信息公开申请行政复议 keeps 信息公开申请)."""
    t = ph.text
    for s, e in ph.terms:
        if kind == "added" and s < k < e:
            return True
        if kind == "sub" and s <= k < e:
            return True
        if kind == "lost" and k < e and s < k + width:
            rest = t[s:k] + t[k + width:e] if s <= k and k + width <= e else ""
            if not (rest in right or (k == s and _in_dictionary(rest))):
                return True  # a term keeps its last word, its head, when shortened: 信息公开申请 for 政府信息公开申请
    return False


def _in_dictionary(w: str) -> bool:
    return len(w) >= 2 and word_freq().get(w, 0) >= _WORD_FREQ


def _inside_word(ph: Phrase, kind: str, k: int) -> bool:
    """Whether a character added at k, or the one lost at k, is inside one of the title's words (其他需要报告的事x项),
    not between two (政府信息公开类行政复议: a modifier joined to a term)."""
    return any((s < k < e) if kind == "added" else (s <= k < e) for s, e in ph.words)


def _touched(kind: str, k: int, width: int, w: str, t: str) -> str:
    """The characters the edit loses or adds, or the right character and the one written for it."""
    if kind == "lost":
        return t[k:k + width]
    return w[k:k + width] if kind == "added" else t[k] + w[k]


def _candidate(text: str, a: int, b: int, t: str, lo: int, hi: int, inv: Inventory) -> tuple[str, str, set[int]] | None:
    """(kind, characters touched, text positions of the edit) when text[a:b] is the phrase `t` one edit away and
    nothing says it is right; ("wording", …) when it is the title `t` re-worded, which no other phrase may call a
    slip; else None."""
    w, ph, n = text[a:b], inv.phrases[t], len(t)
    e = _edit(w, t)
    if e is None or w in inv.right or not all(HAN.match(c) or c in t for c in w):
        return None
    kind, k, width = e
    if kind == "swap":
        return None  # two characters swapped: W-08's (and W-14's for a title's words)
    if k == 0 or (kind == "lost" and k + width >= n) or (kind == "added" and k >= n) \
            or (kind == "sub" and k >= n - 1 and not (ph.title and n >= 7)):
        return None  # a phrase shortened, lengthened or joined at its ends is another phrase; a long title's last
        # character replaced is still that title (其他需要报告的事顶)
    touched = _touched(kind, k, width, w, t)
    wording = ("wording", touched, set()) if ph.title else None  # right as a re-worded title: no other phrase's slip
    if all(c in inv.function or not HAN.match(c) for c in touched):
        return wording  # 的 added, 和 for 、: a wording, not a slip
    if kind == "added" and width == 1 and (w[k] == w[k - 1] or (k + 1 < len(w) and w[k] == w[k + 1])):
        return None  # a doubled character is W-06's
    if ph.title and _breaks(ph, kind, k, width, inv.right):
        if kind == "lost" and width == 2 and t[k - 1] in "、和及与" and t[k:k + 2] in t[:k - 1]:
            return wording  # 行政复议、诉讼: a word shared by two coordinated terms is written once
    elif ph.title and kind == "sub":  # a title's character replaced outside its terms: 请况, 改近
        if not _inside_word(ph, "lost", k) or w[k] in NUMERAL_CHARS or not _orphan(w, {k - 1, k, k + 1}):
            return wording  # 主动公开政务信息情况: a word for a word
    elif not ph.title and kind == "lost" and width == 2 and n >= 10 and _breaks(ph, kind, k, width, inv.right):
        if not _ends_free(text, a, b, lo, hi):
            return None  # a long term losing a word of a term inside it: 政府信息年度报告 (not 政府信息公开报告)
    else:  # a term alone, or a title re-worded outside its terms: only a character added or lost by mistake
        if width != 1 or kind == "sub":
            return wording  # a wrong character is W-08's; a title shortened by a word is a wording (存在的问题)
        if not _ends_free(text, a, b, lo, hi):
            return None  # 部门 + 门网站, 直接诉 + 讼: the written form ends inside a longer word
        if ph.title and not _inside_word(ph, kind, k):
            return wording  # 政府信息公开类行政复议: a modifier between two words
        if kind == "added" and (_joins_word(w, k) or word_freq().get(w[k], 0) >= BOUND_FREQ):
            return wording  # the added character makes a word with its neighbours (依法申请公开, 政务网公开,
            # 公开依申请办理) or is a word of its own (主动从公开渠道): only a bound character stands alone by mistake
        if kind == "lost" and ph.title and not _orphan(w, {k - 1, k}, _STRICT_BOUND):
            return wording  # 其他需报告的事项: 需 stands alone as a verb; 申请况 leaves 况, which never does
        if kind == "lost" and not ph.title and n < 7 and not _orphan(w):
            return wording  # 过程信息 (全过程信息公开) is two words, not 过程性信息 with a character lost; a long
            # term loses none (政府信息公开工作年报告)
    site = set(range(a + k, a + k + width)) if kind != "lost" else {a + k - 1, a + k}
    return kind, touched, site


def _ends_free(text: str, a: int, b: int, lo: int, hi: int) -> bool:
    """Neither end of text[a:b] continues a longer word: not 部门 + 门网站, not 现行有效数 + 量."""
    return not (a > lo and _is_word(text[a - 1:a + 1])) and not (b < hi and _is_word(text[b - 1:b + 1]))


def _covered(text: str, site: set[int], lo: int, hi: int, inv: Inventory) -> bool:
    """Whether a wording known to be right covers the edit: 政务信息公开 inside 政务信息公开工作."""
    p, q = min(site), max(site) + 1
    for r in inv.covering:
        for s in find_all(text, r, max(lo, q - len(r)), min(hi, p + len(r))):
            if s <= p and q <= s + len(r):
                return True
    return False


def _windows(text: str, lo: int, hi: int, inv: Inventory) -> tuple[set[tuple[int, int, str]], list[tuple[int, str]]]:
    """The stretches of text[lo:hi] that may be a phrase one edit away, as (start, end, phrase), and where a phrase
    with two words exchanged is written, as (start, written form). An edit reported is never at an end, so the
    written form keeps the phrase's first and last character (but a long title's last one may be replaced), and its
    first two characters or its last two (an edit at the second character keeps the last two)."""
    windows: set[tuple[int, int, str]] = set()
    orders: list[tuple[int, str]] = []
    for m in inv.anchors.finditer(text, lo, hi):
        i = m.start()
        bg = m.group(1)
        for t in inv.by_first.get(bg, ()):
            n = len(t)
            for k in range(n - 2, n + 3):
                if i + k <= hi and (text[i + k - 1] == t[-1] or k == n >= 7):
                    windows.add((i, i + k, t))
        for t in inv.by_last.get(bg, ()):
            n = len(t)
            for k in range(n - 2, n + 3):
                if i + 2 - k >= lo and text[i + 2 - k] == t[0]:
                    windows.add((i + 2 - k, i + 2, t))
        orders += [(i, w) for w in inv.orders_first.get(bg, ()) if text.startswith(w, i, hi)]
    return windows, orders


def canonical_misses(report: Report) -> Iterator[tuple[int, int, str, str, str]]:
    """(start, end, phrase, kind, characters touched): the written forms one edit away from a fixed phrase."""
    inv = inventory()
    text = report.text
    for sp in report.views.spans():
        lo, hi = sp.start, sp.end
        windows, orders = _windows(text, lo, hi, inv)
        found: list[tuple[int, int, str, str, str]] = []
        worded: set[tuple[int, int]] = set()  # a title re-worded: right, whatever another phrase says
        for a, b, t in windows:
            n = len(t)
            if text.find(t, max(lo, a - n), min(hi, b + n)) != -1:
                continue  # the phrase itself is written here: 主动公开 holds 动公开
            c = _candidate(text, a, b, t, lo, hi, inv)
            if c is None or DOCNO_AHEAD.match(text, b):
                continue  # 无政公开〔2019〕1号: an issuer's code
            kind, touched, site = c
            if kind == "wording":
                worded.add((a, b))
            elif not _covered(text, site, lo, hi, inv):
                found.append((a, b, t, kind, touched))
        # 因政府信息公开被申请行政复议…: 被 breaks a term of one old title, while 工作 left out of another is a wording
        found = [f for f in found if (f[0], f[1]) not in worded]
        for a, w in orders:
            b = a + len(w)
            for t, s, e in inv.orders[w]:
                ph = inv.phrases[t]
                if text.find(t, max(lo, a - len(t)), min(hi, b + len(t))) != -1:
                    continue
                if ph.title and not any(ts < e and s < te and not (s <= ts and te <= e) for ts, te in ph.terms):
                    continue  # words exchanged outside the title's terms, or whole terms moved: a wording
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
            yield ctx.finding(a, b, variant="sub", found=text[a:b], phrase=t, right_part=touched[0],
                              wrong_part=touched[1])
        else:
            yield ctx.finding(a, b, variant="order", found=text[a:b], phrase=t, part_text=touched)

"""Small helpers shared by the checks."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache, lru_cache
from os.path import commonprefix

from nianbao.lexicon import lexicon
from nianbao.model import Paragraph, Report
from nianbao.views import Span

CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"  # the Han ranges, for character classes
HAN = re.compile(f"[{CJK}]")  # one Han character
NUMERAL_CHARS = frozenset("〇零一二三四五六七八九十百千万两")  # the Chinese numerals
# A character jieba's dictionary counts as a word of its own fewer times than this is a bound morpheme (思, 讼, 增, 函):
# standing alone between words it is a slip; 的, 和, 中, 或 stand alone all the time.
BOUND_FREQ = 20000
# a document number's year ahead (〔2019〕): the characters before it are an issuer's code, an abbreviation
DOCNO_AHEAD = re.compile(r"\s*[〔\[［(（【]\s*(?:19|20)\d{2}")


def word_freq() -> dict:
    """jieba's dictionary counts (word -> frequency) of the project's segmenter, loaded on first use."""
    from nianbao.classify.segment import get_tokenizer

    return get_tokenizer().FREQ


@cache
def _pinyin_table() -> dict[int, str]:
    """pypinyin's table of each character's readings (code point -> "yǐ,sì", the common one first), read alone: the
    package itself loads its phrase tables too, 0.18 s against 0.04 s here; the package as a fallback."""
    import importlib.util
    from pathlib import Path

    spec = importlib.util.find_spec("pypinyin")
    path = Path(spec.submodule_search_locations[0]) / "pinyin_dict.py" if spec and spec.submodule_search_locations else None
    if path is None or not path.is_file():
        from pypinyin.pinyin_dict import pinyin_dict

        return pinyin_dict
    own = importlib.util.spec_from_file_location("nianbao_pinyin_dict", path)
    assert own is not None and own.loader is not None
    module = importlib.util.module_from_spec(own)
    own.loader.exec_module(module)
    return module.pinyin_dict


_TONE_MARKS = dict.fromkeys(map(ord, "\u0300\u0301\u0304\u030c"))  # grave, acute, macron, caron; ü's diaeresis stays


@cache
def _reading(c: str) -> str:
    """A character's common reading without its tone (已 → yi, 绿 → lü), or the character itself if it has none."""
    import unicodedata

    readings = _pinyin_table().get(ord(c))
    if not readings:
        return c
    return unicodedata.normalize("NFC", unicodedata.normalize("NFD", readings.split(",")[0]).translate(_TONE_MARKS))


def homophones(x: str, y: str) -> bool:
    """Whether two different characters share their common reading, tones left out (已 and 依: yi): the slip that
    pinyin input makes. Only the common reading counts: 和 read huò is not a homophone of 或."""
    return x != y and _reading(x) == _reading(y)


@lru_cache(maxsize=1 << 16)  # the same windows recur: 政府信息公开工作 against 政府信息公开平台 in every report
def one_edit(written: str, right: str, width: int = 1) -> tuple[str, int] | None:
    """How ``written`` differs from ``right`` by one edit, or None (equal, or further apart). ``i`` is the first
    position where they differ:

    * ("sub", i): right[i] replaced by written[i]; ("swap", i): right[i] and right[i + 1] exchanged (width 1 only);
    * ("lost", i): right[i:i + width] left out; ("added", i): written[i:i + width] added before right[i].

    The one edit-distance helper of the checks that compare a written string with a known one (W-08 set phrases,
    W-12 division names, W-15 canonical phrases): a run of equal characters reports its first difference, so a
    character lost from 报告告 is read at the last 告."""
    k = len(commonprefix((written, right)))
    n, m = len(right), len(written)
    if m == n and k < n and width == 1:
        if written[k + 1:] == right[k + 1:]:
            return "sub", k
        if k + 1 < n and written[k] == right[k + 1] and written[k + 1] == right[k] and written[k + 2:] == right[k + 2:]:
            return "swap", k
    elif m == n - width and written[k:] == right[k + width:]:
        return "lost", k
    elif m == n + width and written[k + width:] == right[k:]:
        return "added", k
    return None


def in_title(text: str, lo: int, pos: int) -> bool:
    """pos stands inside a quoted title (《……》) opened after lo: a document's name, not the report's words."""
    return text.rfind("《", lo, pos) > text.rfind("》", lo, pos)


def find_all(text: str, needle: str, start: int = 0, end: int | None = None) -> Iterator[int]:
    end = len(text) if end is None else end
    i = text.find(needle, start, end)
    while i != -1:
        yield i
        i = text.find(needle, i + 1, end)


def first_in(report: Report, needle: str, start: int = 0, end: int | None = None) -> tuple[int, int] | None:
    i = report.text.find(needle, start, len(report.text) if end is None else end)
    return (i, i + len(needle)) if i >= 0 else None


def first_regex(report: Report, rx: re.Pattern, start: int = 0, end: int | None = None) -> re.Match | None:
    return rx.search(report.text, start, len(report.text) if end is None else end)


def narrative(report: Report, parts: tuple[str, ...] | None = None) -> Iterator[Paragraph]:
    """Narrative paragraphs (preamble and parts), optionally limited to some parts."""
    for p in report.paragraphs():
        if parts is None or p.part in parts:
            yield p


_SPLIT_HAN = re.compile(f"(?<=[{CJK}])[ \t\u3000]+(?=[{CJK}])")


def span_matches(report: Report, rx: re.Pattern) -> Iterator[tuple[Span, int, int, re.Match]]:
    """Matches of `rx` that lie inside one text span of the report (a narrative paragraph, a heading, the title;
    ``report.views.spans()``), in text order, as (span, start, end, match): the one way the word-list checks (W-02,
    W-04, W-07) match, so a match never runs across two blocks and never reads a table cell. Lookbehinds see the
    text before the span; lookaheads stop at its end.

    Spaces that a PDF's extraction leaves between two Chinese characters ("中华人民共和国信 息公开条例") do not hide
    a word: the span is then matched without them, and start/end are offsets into the report's text again (the
    match's own text is the squeezed one)."""
    text = report.text
    for sp in report.views.spans():
        if not _SPLIT_HAN.search(text, sp.start, sp.end):
            for m in rx.finditer(text, sp.start, sp.end):
                yield sp, m.start(), m.end(), m
            continue
        lead = max(0, sp.start - 8)  # a little text before the span, for lookbehinds
        keep = _unsplit_positions(text, lead, sp.start, sp.end)
        squeezed = "".join(text[i] for i in keep)
        first = sum(1 for i in keep if i < sp.start)
        for m in rx.finditer(squeezed, first):
            if m.end() > m.start():
                yield sp, keep[m.start()], keep[m.end() - 1] + 1, m


# a mark after which the next line starts a new sentence or clause (a colon too: 如下： then a list)
_CLOSES_CLAUSE = "。！？；：!?;:"


def continues_line_before(text: str, spans: tuple[Span, ...], k: int) -> bool:
    """Whether the paragraph ``spans[k]`` may continue a sentence of the paragraph before it: that paragraph's text
    did not end with a stop, semicolon or colon (a page broke the sentence over two lines). A heading or the title
    before it never continues into it."""
    if not k or spans[k - 1].kind != "paragraph":
        return False
    q = spans[k].start - 1
    while q >= 0 and text[q].isspace():
        q -= 1
    return q >= 0 and text[q] not in _CLOSES_CLAUSE


def _unsplit_positions(text: str, lead: int, lo: int, hi: int) -> list[int]:
    """Offsets of text[lead:hi] without the spaces between two Chinese characters inside [lo, hi)."""
    drop = {i for m in _SPLIT_HAN.finditer(text, lo, hi) for i in range(m.start(), m.end())}
    return [i for i in range(lead, hi) if i not in drop]


@cache
def domain_terms() -> frozenset[str]:
    """Terms of four characters or more in the jieba domain dictionary (data/lexicon/domain_dict.txt)."""
    from importlib import resources

    path = resources.files("nianbao.data").joinpath("lexicon", "domain_dict.txt")
    if not path.is_file():
        return frozenset()
    return frozenset(ln.split()[0] for ln in path.read_text(encoding="utf-8").splitlines()
                     if ln.strip() and len(ln.split()[0]) >= 4)


def typo_punct_lexicon() -> dict:
    """data/lexicon/typo_punct.toml, shared by the typo and punctuation checks."""
    return lexicon("typo_punct")


def as_list(v) -> list[str]:
    """A lexicon entry that may be one string or a list, as a list of strings."""
    if v is None:
        return []
    if isinstance(v, str):
        return [v]
    return [str(x) for x in v if isinstance(x, str)]


def trie_pattern(words) -> str:
    """One regex for many literal strings, factored as a trie (longest match first at each position).

    Python's regex engine tries the branches of a flat alternation one by one at every position; a trie
    shares the prefixes (Aho–Corasick in spirit). Measured on a 16,000-character report with ~500 words:
    trie regex 3 ms; flat alternation 4–5 ms; a bigram-set index 9 ms; one str.find per word 15 ms.
    """
    trie: dict = {}
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict) -> str:
        branches = [re.escape(ch) + build(sub) for ch, sub in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return build(trie)

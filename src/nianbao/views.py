"""Text views on a Report, computed once per report and cached: ``report.views``.

Every rule, the classifier step and the renderers read the report through these views instead of
re-splitting it: the narrative paragraphs, their sentences (one sentence-end definition,
:data:`SENTENCE_END`), the text spans a text check reads (paragraphs, headings, title), the heading
walk, the report's description of its own parts, the segmented words of each paragraph (one segmenter call per paragraph, behind
:func:`segment`) and the classifier's prediction attached to each paragraph.

All offsets are offsets into ``report.text``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from nianbao.model import Heading, Paragraph, Report
    from nianbao.structure.declared import PartList

# The one definition of where a sentence ends (full- and half-width marks, and a line break).
SENTENCE_END = "。！？!?；;\n"
_SENTENCE_RE = re.compile(f"[^{re.escape(SENTENCE_END)}]+[{re.escape(SENTENCE_END[:-1])}]*")

# numbering and bold lead-ins that may open a paragraph before its first real word
_LEAD_RE = re.compile(
    r"(?:\s|\*\*|[（(][一二三四五六七八九十\d]{1,3}[）)]|[一二三四五六七八九十]{1,3}[、是]|\d{1,2}\s*[.、．](?!\d)"
    r"|[^。！？!?；;\n]{1,20}?[。：:](?=\*\*))*"
)


# --------------------------------------------------------------------------------------------- sentences


def sentence_bounds(text: str, start: int, end: int, limit: int = 120) -> tuple[int, int]:
    """(a, b) such that text[a:b] is the sentence holding text[start:end], at most `limit` characters
    on each side, with the sentence's own end mark kept (but not a line break)."""
    a = start
    while a > 0 and text[a - 1] not in SENTENCE_END and start - a < limit:
        a -= 1
    b = end
    while b < len(text) and text[b] not in SENTENCE_END and b - end < limit:
        b += 1
    if b < len(text) and text[b] != "\n" and b - end < limit:
        b += 1
    return a, b


def sentence_around(text: str, start: int, end: int, limit: int = 120) -> str:
    """The sentence that holds text[start:end], cut to about `limit` characters."""
    a, b = sentence_bounds(text, start, end, limit)
    return text[a:b]


def split_sentences(text: str, start: int = 0, end: int | None = None) -> Iterator[tuple[int, int]]:
    """(a, b) of each sentence of text[start:end], end mark included, blank ones skipped."""
    for m in _SENTENCE_RE.finditer(text, start, len(text) if end is None else end):
        if m.group().strip():
            yield m.start(), m.end()


def snippet(text: str, pos: int, end: int, lo: int, hi: int, before: int = 8, after: int = 4,
            stops: str = SENTENCE_END) -> tuple[int, int]:
    """A short span around text[pos:end] inside [lo, hi), not crossing a sentence end (or a line
    break, with ``stops="\n"``)."""
    a = pos
    while a > lo and pos - a < before and text[a - 1] not in stops:
        a -= 1
    b = end
    while b < hi and b - end < after and text[b] not in stops:
        b += 1
    return a, b


@dataclass(frozen=True)
class Sentence:
    start: int  # offset into report.text
    end: int
    text: str
    body: int  # where the sentence proper starts, after numbering / lead-ins
    part: str | None
    par_start: int  # the paragraph it belongs to
    par_end: int


@dataclass(frozen=True)
class Span:
    """A stretch of report.text a text check reads: a narrative paragraph, a heading or the title."""

    start: int
    end: int
    kind: str  # "paragraph" | "heading" | "part_title" | "title"


# --------------------------------------------------------------------------------------------- headings


def walk_headings(headings: Iterable[Heading]) -> Iterator[Heading]:
    """Every heading of a tree, depth first, in text order."""
    for h in headings:
        yield h
        yield from walk_headings(h.children)


# --------------------------------------------------------------------------------------------- words


def segment(text: str) -> list[str]:
    """The one place the rules cut text into words: jieba with the domain dictionary, no HMM (W-01's word
    boundaries, :meth:`TextViews.words`). Swap the segmenter here and they follow. The classifier's
    features cut compacted, digit-masked text with HMM (``classify.segment.cut``), as its model was
    trained; both load the one tokenizer, ``classify.segment.get_tokenizer``."""
    from nianbao.classify.segment import get_tokenizer

    return get_tokenizer().lcut(text, HMM=False)


# --------------------------------------------------------------------------------------------- the views


class PredictionMismatch(ValueError):
    """Classifier predictions that do not line up with the report's paragraphs."""


class TextViews:
    """The cached text views of one report. Build with ``report.views``; never mutate the report after."""

    def __init__(self, report: Report) -> None:
        self.report = report
        self._spans: dict[tuple[bool, bool, bool], tuple[Span, ...]] = {}
        self._words: dict[int, list[str]] = {}
        self._predictions: dict[int, Any] | None = None

    def __getstate__(self) -> dict:
        # a pickled report (batch store, worker processes) carries no caches: object ids, on which the
        # attached predictions are keyed, do not survive unpickling; everything is rebuilt on demand
        return {"report": self.report}

    def __setstate__(self, state: dict) -> None:
        self.__init__(state["report"])

    # ---------------------------------------------------------------- paragraphs
    @cached_property
    def paragraphs(self) -> list[Paragraph]:
        """Narrative paragraphs: the preamble, then each part's, in text order (no tables, no headings)."""
        rep = self.report
        out = list(rep.preamble)
        for p in rep.parts:
            out.extend(p.paragraphs)
        return out

    def narrative(self, parts: Sequence[str] | None = None) -> Iterator[Paragraph]:
        """Narrative paragraphs, optionally limited to some parts."""
        for p in self.paragraphs:
            if parts is None or p.part in parts:
                yield p

    # ---------------------------------------------------------------- sentences
    @cached_property
    def sentences(self) -> tuple[Sentence, ...]:
        """Every sentence of the narrative paragraphs, title and 落款 lines left out."""
        rep = self.report
        text = rep.text
        skip = [(loc.start, loc.end) for loc in (rep.meta.title_loc, rep.meta.signature_loc)
                if loc is not None and loc.start is not None and loc.end is not None]
        out = []
        for p in self.paragraphs:
            a0, b0 = p.loc.start, p.loc.end
            if a0 is None or b0 is None or any(s <= a0 < e for s, e in skip):
                continue
            for a, b in split_sentences(text, a0, b0):
                seg = text[a:b]
                lead = _LEAD_RE.match(seg)
                out.append(Sentence(a, b, seg, a + (lead.end() if lead else 0), p.part, a0, b0))
        return tuple(out)

    # ---------------------------------------------------------------- spans
    def spans(self, *, paragraphs: bool = True, headings: bool = True, title: bool = True) -> tuple[Span, ...]:
        """Narrative paragraphs, sub-headings, part headings and the title, in text order, without overlap.

        A numbered line that carries its own text ("1. **夯实组织保障。**成立…") is both a heading and a
        paragraph; it is returned once, as a paragraph. Table cells are never returned.
        """
        key = (paragraphs, headings, title)
        if key not in self._spans:
            self._spans[key] = self._build_spans(*key)
        return self._spans[key]

    def _build_spans(self, paragraphs: bool, headings: bool, title: bool) -> tuple[Span, ...]:
        rep = self.report
        out: dict[tuple[int, int], Span] = {}
        if paragraphs:
            # the text under a heading of no mandated part (一、总体公开情况, 收费及减免) is the report's text too
            for p in [*self.paragraphs, *(q for part in rep.extra_parts for q in part.paragraphs)]:
                if p.loc.start is not None and p.loc.end is not None:
                    out[(p.loc.start, p.loc.end)] = Span(p.loc.start, p.loc.end, "paragraph")
        if headings:
            for part in [*rep.parts, *rep.extra_parts]:
                if part.loc.start is not None and part.loc.end is not None:
                    out.setdefault((part.loc.start, part.loc.end), Span(part.loc.start, part.loc.end, "part_title"))
                for h in walk_headings(part.headings):
                    if h.loc.start is not None and h.loc.end is not None:
                        out.setdefault((h.loc.start, h.loc.end), Span(h.loc.start, h.loc.end, "heading"))
        if title and rep.meta.title_loc is not None:
            tl = rep.meta.title_loc
            if tl.start is not None and tl.end is not None:
                out.setdefault((tl.start, tl.end), Span(tl.start, tl.end, "title"))
        return tuple(sorted(out.values(), key=lambda s: (s.start, s.end)))

    # ---------------------------------------------------------------- headings
    @cached_property
    def headings(self) -> tuple[tuple[str, Heading], ...]:
        """(part id, heading) for every sub-heading of every part, depth first, in text order."""
        return tuple((part.id, h) for part in self.report.parts for h in walk_headings(part.headings))

    # ---------------------------------------------------------------- the report's description of its parts
    @cached_property
    def part_lists(self) -> tuple[PartList, ...]:
        """Every description the report gives of its own parts ("本报告由……等六部分组成"), in text order."""
        from nianbao.structure.declared import read_part_lists  # (structure imports this module)

        return read_part_lists(self.report.text)

    @cached_property
    def part_chains(self) -> tuple[PartList, ...]:
        """Lists of the report's parts with no lead ("……，把总体情况、主动公开……情况、……逐项说明"), outside
        :attr:`part_lists`."""
        from nianbao.structure.declared import read_part_chains

        return read_part_chains(self.report.text, skip=tuple((d.start, d.end) for d in self.part_lists))

    # ---------------------------------------------------------------- words
    def words(self, para: Paragraph) -> list[str]:
        """The paragraph's text cut into words by :func:`segment` (once per paragraph)."""
        key = para.loc.start if para.loc.start is not None else -1 - id(para)
        if key not in self._words:
            self._words[key] = segment(para.text)
        return self._words[key]

    # ---------------------------------------------------------------- predictions
    def attach_predictions(self, predictions: Sequence[Any] | None) -> None:
        """Attach the classifier's predictions, one per :attr:`paragraphs` entry, in the same order.

        Raises :class:`PredictionMismatch` when the counts differ: a misaligned prediction must
        never be read as another paragraph's."""
        if predictions is None:
            self._predictions = None
            return
        paras = self.paragraphs
        if len(predictions) != len(paras):
            raise PredictionMismatch(
                f"分类结果与段落数不一致：{len(predictions)} 条预测，{len(paras)} 个段落")
        self._predictions = {id(p): pr for p, pr in zip(paras, predictions, strict=True)}

    @property
    def has_predictions(self) -> bool:
        return self._predictions is not None

    def prediction(self, para: Paragraph) -> Any | None:
        """The classifier's prediction for this paragraph, or None when none are attached."""
        if self._predictions is None:
            return None
        try:
            return self._predictions[id(para)]
        except KeyError:
            raise PredictionMismatch(f"段落没有分类结果：{para.text[:20]}…") from None

    def classified(self) -> list[tuple[Paragraph, Any]]:
        """(paragraph, prediction) pairs; empty when no predictions are attached."""
        if self._predictions is None:
            return []
        return [(p, self._predictions[id(p)]) for p in self.paragraphs]

    @property
    def predictions(self) -> list[Any] | None:
        """The attached predictions in paragraph order, or None."""
        if self._predictions is None:
            return None
        return [self._predictions[id(p)] for p in self.paragraphs]

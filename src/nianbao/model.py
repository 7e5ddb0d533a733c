"""The typed report model that flows through the pipeline.

ingest -> RawDocument; structure -> Report; rules/classifier -> Finding; scoring -> Audit.
No I/O happens here. Every span is a pair of character offsets into ``RawDocument.text``
(which is also ``Report.text``), so evidence can always be shown in place.
"""

from __future__ import annotations

import re
from array import array
from bisect import bisect_right
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from typing import TYPE_CHECKING, Literal

from nianbao.vocab import (  # noqa: F401 - the vocabulary, re-exported
    CATEGORIES,
    PART_IDS,
    PART_NAMES,
    SEVERITIES,
    Category,
    PartId,
    Severity,
    SourceFormat,
)

_PART_NUMBER = re.compile(r"^[一二三四五六七八九十]+\s*[、.．]\s*|\s")

if TYPE_CHECKING:
    from nianbao.views import TextViews



# --------------------------------------------------------------------------- ingest output


@dataclass
class RawCell:
    """One cell of a table as the reader found it (merged cells already filled from their span)."""

    text: str
    row: int  # row index in the source grid
    col: int  # column index in the source grid
    page: int | None = None
    start: int | None = None  # offsets into RawDocument.text, when the cell text is in it
    end: int | None = None
    merged: bool = False  # True when filled from a merged (spanning) cell
    confidence: float = 1.0  # how sure the reader is of the text (OCR's recognition score; 1.0 for a text layer)


@dataclass
class Block:
    """A unit of the document in reading order: a heading, a paragraph or a table."""

    kind: Literal["heading", "paragraph", "table"]
    text: str
    start: int
    end: int
    page: int | None = None
    level: int | None = None  # heading level when the source declares one (DOCX/HTML)
    rows: list[list[RawCell]] | None = None  # table blocks only


@dataclass
class ParseNote:
    """Something a reader or the structure step had to guess or could not read."""

    code: str
    message: str
    start: int | None = None
    end: int | None = None
    page: int | None = None


_NEWLINE = re.compile("\n")


@dataclass
class RawDocument:
    source: str  # path or "<text>"
    format: SourceFormat
    text: str
    blocks: list[Block]
    encoding: str | None = None
    page_count: int | None = None
    page_starts: list[int] = field(default_factory=list)  # char offset where each page begins
    sha256: str | None = None
    published_hint: date | None = None  # e.g. 发布日期 from a web page's chrome
    agency_hint: str | None = None  # e.g. 发布机构 from a web page's chrome
    notes: list[ParseNote] = field(default_factory=list)
    ocr: dict | None = None  # set when the text was read by OCR (ingest/ocr.py): engine, dpi, confidence

    def page_of(self, offset: int) -> int | None:
        if not self.page_starts:
            return None
        return max(1, bisect_right(self.page_starts, offset))  # page_starts ascend: O(log pages)

    @cached_property
    def _line_index(self) -> array:
        """Offset where each line starts, computed once (readers build a new RawDocument, never reassign text;
        named apart from the ``_line_starts`` that reports pickled by earlier versions carry)."""
        return array("q", [0, *(m.end() for m in _NEWLINE.finditer(self.text))])

    def line_of(self, offset: int) -> int:
        """1-based line of a text offset, by bisect on the line starts: O(log lines)."""
        return bisect_right(self._line_index, max(0, offset))


# --------------------------------------------------------------------------- structured report


@dataclass
class Location:
    page: int | None = None
    line: int | None = None
    start: int | None = None
    end: int | None = None

    def to_dict(self) -> dict:
        return {"page": self.page, "line": self.line, "start": self.start, "end": self.end}


@dataclass
class Paragraph:
    text: str
    loc: Location
    part: str | None  # part id
    heading: str | None = None  # nearest sub-heading title
    heading_path: tuple[str, ...] = ()


@dataclass
class Heading:
    """A sub-heading inside a part: （一）… (level 1), 1. … (level 2), with its paragraphs."""

    title: str  # full heading line as written, e.g. "（二）依申请公开情况"
    label: str  # the numbering as written, e.g. "（二）" or "(一)" or "1."
    name: str  # title without numbering, e.g. "依申请公开情况"
    level: int
    loc: Location
    paragraphs: list[Paragraph] = field(default_factory=list)
    children: list[Heading] = field(default_factory=list)
    inline_text: str | None = None  # text after a bold lead-in on the same line (1. **夯实组织保障。**…)


@dataclass
class Part:
    id: str
    title: str  # heading as written
    number: str  # 一 … 六 as written
    loc: Location
    canonical: bool = True  # heading matches the canonical wording
    paragraphs: list[Paragraph] = field(default_factory=list)  # all paragraphs, in order
    headings: list[Heading] = field(default_factory=list)  # top-level sub-headings (tree)
    end: int | None = None  # char offset where the part ends

    @property
    def text(self) -> str:
        return "\n".join(p.text for p in self.paragraphs)

    @property
    def name(self) -> str:
        """The heading without its number and spaces (四、 因政府信息公开…… → 因政府信息公开……)."""
        return _PART_NUMBER.sub("", self.title)


@dataclass
class Cell:
    value: int | float | None  # None when blank / "/" / "-" / "无" / unreadable
    raw: str
    page: int | None = None
    src_row: int | None = None
    src_col: int | None = None
    confidence: float = 1.0
    start: int | None = None
    end: int | None = None
    status: Literal["number", "blank", "dash", "none_word", "unreadable", "missing"] = "number"

    def to_dict(self) -> dict:
        return {
            "value": self.value,
            "raw": self.raw,
            "page": self.page,
            "confidence": round(self.confidence, 3),
            "status": self.status,
            "source": {"row": self.src_row, "col": self.src_col, "start": self.start, "end": self.end},
        }


@dataclass
class Table:
    """A mandated table as a canonical keyed grid: cells[row_key][col_key]."""

    id: Literal["proactive", "requests", "review_litigation"]
    layout: str  # "2021", "2019" or "unknown"
    cells: dict[str, dict[str, Cell]] = field(default_factory=dict)
    row_labels: dict[str, str] = field(default_factory=dict)  # row key -> label as written
    col_labels: dict[str, str] = field(default_factory=dict)  # col key -> label as written
    missing_rows: list[str] = field(default_factory=list)
    extra_rows: list[str] = field(default_factory=list)  # labels we could not match
    header_text: str = ""  # all header labels, joined, for fingerprinting
    start: int | None = None
    end: int | None = None
    page: int | None = None

    def cell(self, row: str, col: str) -> Cell | None:
        return self.cells.get(row, {}).get(col)

    def value(self, row: str, col: str) -> int | float | None:
        c = self.cell(row, col)
        return None if c is None else c.value


@dataclass
class ReportMeta:
    title: str | None = None
    agency: str | None = None
    level: str | None = None  # agency kind: township, street, county_gov, city_gov, province_gov, department
    year: int | None = None
    year_source: str | None = None  # "title", "period", "text" (a sentence of the text; weaker evidence), None
    agency_source: str | None = None  # "title", "signature", "preamble", "page" (the site's 来源 line), None
    published: date | None = None
    published_source: str | None = None  # "signature", "page", None
    period_start: date | None = None
    period_end: date | None = None
    period_text: str | None = None
    period_loc: Location | None = None
    title_loc: Location | None = None
    signature_loc: Location | None = None
    format_version: str = "unknown"  # "2021" | "2019" | "pre2019" | "unknown"
    format_evidence: list[str] = field(default_factory=list)

    @property
    def year_stated(self) -> bool:
        """The report year is known from the report's own title or statistics period, not guessed from a sentence of
        the text ("2023年，我局…" may speak of another year): the measure other years of the text are judged by."""
        return self.year is not None and self.year_source in ("title", "period")


@dataclass
class Report:
    raw: RawDocument
    meta: ReportMeta
    parts: list[Part]
    tables: dict[str, Table]
    notes: list[ParseNote] = field(default_factory=list)
    preamble: list[Paragraph] = field(default_factory=list)  # text before part one
    extra_parts: list[Part] = field(default_factory=list)  # headings of no mandated part (2008-era 收费及减免 …)

    @property
    def text(self) -> str:
        return self.raw.text

    def part(self, pid: str) -> Part | None:
        for p in self.parts:
            if p.id == pid:
                return p
        return None

    @cached_property
    def views(self) -> TextViews:
        """The report's text views (paragraphs, sentences, spans, words, predictions), built once."""
        from nianbao.views import TextViews

        return TextViews(self)

    def paragraphs(self) -> list[Paragraph]:
        """Narrative paragraphs (preamble, then each part's), built once: ``views.paragraphs``."""
        return self.views.paragraphs

    def part_at(self, offset: int) -> str | None:
        for p in self.parts:
            if p.loc.start is not None and p.loc.start <= offset and (p.end is None or offset < p.end):
                return p.id
        return None

    def location(self, start: int, end: int) -> Location:
        return Location(page=self.raw.page_of(start), line=self.raw.line_of(start), start=start, end=end)


# --------------------------------------------------------------------------- findings


@dataclass
class Finding:
    rule: str
    category: str
    severity: str
    message: str
    evidence: str
    part: str | None
    location: Location
    suggestion: str
    title: str = ""
    cause: Literal["report", "parse"] = "report"  # table findings: a doubtful parse lowers severity
    cells: list[dict] = field(default_factory=list)  # table findings: the cells involved
    context: str | None = None  # the sentence around the evidence

    def to_dict(self) -> dict:
        d = {
            "rule": self.rule,
            "title": self.title,
            "category": self.category,
            "severity": self.severity,
            "message": self.message,
            "evidence": self.evidence,
            "part": self.part,
            "location": self.location.to_dict(),
            "suggestion": self.suggestion,
            "cause": self.cause,
        }
        if self.cells:
            d["cells"] = self.cells
        if self.context:
            d["context"] = self.context
        return d

"""Findings highlighted in place in the report text: the <mark> nesting of the HTML audit.

Spans that nest become nested marks (so each mark's text is exactly ``text[start:end]``); spans that cross are
split, and the later pieces carry the class ``cont``. The first (or only) piece of finding i has id ``m{i}``.
The text is cut into regions (paragraphs with their boilerplate probability, other lines) first.
"""

from __future__ import annotations

import heapq
from dataclasses import dataclass
from html import escape

from nianbao.vocab import SEVERITIES

from .common import valid_span


def e(s: object) -> str:
    """HTML-escape any value (None as empty)."""
    return escape("" if s is None else str(s), quote=True)


@dataclass
class Piece:
    start: int
    end: int
    fid: int


@dataclass
class Region:
    start: int
    end: int
    kind: str  # "para" | "line"
    bp: float | None = None
    cls: str = ""
    anchor: str | None = None


class MarkBuilder:
    def __init__(self, audit: dict) -> None:
        self.audit = audit
        self.text: str = audit.get("text") or ""
        self.findings: list[dict] = audit.get("findings") or []
        self.spans: dict[int, tuple[int, int]] = {}
        for i, f in enumerate(self.findings):
            sp = valid_span(self.text, f)
            if sp is not None:
                self.spans[i] = sp
        self.opened: set[int] = set()

    def _open(self, p: Piece) -> tuple[str, bool]:
        """The opening tag, and whether this is the finding's first piece (it gets the id and the note link)."""
        f = self.findings[p.fid]
        sev = f.get("severity") if f.get("severity") in SEVERITIES else "info"
        first = p.fid not in self.opened and p.start == self.spans[p.fid][0]
        cls = f"fm sev-{sev}"
        if not first:
            cls += " cont"
        if p.start == p.end:
            cls += " point"
        tip = f"{p.fid + 1}. [{f.get('rule', '')}] {f.get('title') or f.get('message') or ''}"
        attrs = f' class="{cls}" data-f="{p.fid + 1}" title="{e(tip)}"'
        if first:
            self.opened.add(p.fid)
            attrs = f' id="m{p.fid}"' + attrs
        return f"<mark{attrs}>", first

    def _close(self, p: Piece, was_first: bool) -> str:
        out = "</mark>"
        if was_first:
            out += f'<a class="fn" href="#f{p.fid}" data-n="{p.fid + 1}" aria-label="问题{p.fid + 1}"></a>'
        return out

    def nest(self, lo: int, hi: int, pieces: list[Piece]) -> str:
        """HTML for text[lo:hi] with the pieces (all inside [lo, hi]) as nested marks.

        The pieces are taken in (start, -end, finding) order: the first one opens a mark, every piece that starts
        before its end goes inside it (cut at its end; the part past it comes back as a piece starting there),
        and the next one after it follows. A heap keeps that order, so each piece costs O(log n) per level of
        nesting it sits in, instead of a scan and a sort of all the others."""
        heap = [(p.start, -p.end, p.fid) for p in pieces]
        heapq.heapify(heap)
        return self._nest(lo, hi, heap)

    def _nest(self, lo: int, hi: int, heap: list[tuple[int, int, int]]) -> str:
        out: list[str] = []
        pos = lo
        while heap:
            start, neg_end, fid = heapq.heappop(heap)
            end = -neg_end
            inner: list[tuple[int, int, int]] = []
            while heap and heap[0][0] < end:  # starts inside this piece
                t = heapq.heappop(heap)
                if -t[1] <= end:
                    inner.append(t)
                else:  # crosses its end: split
                    inner.append((t[0], neg_end, t[2]))
                    heapq.heappush(heap, (end, t[1], t[2]))  # (starts at its end: not taken by this loop)
            heapq.heapify(inner)
            s = Piece(start, end, fid)
            out.append(e(self.text[pos:start]))
            tag, was_first = self._open(s)
            out.append(tag)
            out.append(self._nest(start, end, inner))
            out.append(self._close(s, was_first))
            pos = end
        out.append(e(self.text[pos:hi]))
        return "".join(out)

    def regions(self) -> list[Region]:
        text = self.text
        paras = []
        for p in self.audit.get("paragraphs") or []:
            loc = p.get("location") or {}
            s, t = loc.get("start"), loc.get("end")
            if isinstance(s, int) and isinstance(t, int) and 0 <= s < t <= len(text):
                paras.append((s, t, p.get("boilerplate")))
        paras.sort()
        part_titles = {(p.get("title") or "").strip(): p.get("id") for p in self.audit.get("parts") or [] if p.get("title")}
        title = ((self.audit.get("report") or {}).get("title") or "").strip()
        seen_anchor: set[str] = set()
        out: list[Region] = []

        def lines(a: int, b: int) -> None:
            i = a
            while i < b:
                j = text.find("\n", i, b)
                j = b if j < 0 else j
                if text[i:j].strip():
                    ln = text[i:j].strip()
                    r = Region(i, j, "line")
                    if "\t" in text[i:j]:
                        r.cls = "tsv"
                    elif ln in part_titles and part_titles[ln] not in seen_anchor:
                        r.cls = "h-part"
                        r.anchor = f"part-{part_titles[ln]}"
                        seen_anchor.add(part_titles[ln])
                    elif title and ln == title and not out:
                        r.cls = "h-title"
                    out.append(r)
                i = j + 1

        cur = 0
        for s, t, bp in paras:
            if s < cur:
                continue  # overlapping paragraph: skip it
            lines(cur, s)
            out.append(Region(s, t, "para", bp if isinstance(bp, int | float) else None))
            cur = t
        lines(cur, len(text))
        return out

    def render(self) -> str:
        out: list[str] = []
        placed_points: set[int] = set()
        for r in self.regions():
            pieces = []
            for fid, (s, t) in self.spans.items():
                if s == t:
                    if fid not in placed_points and r.start <= s <= r.end:
                        placed_points.add(fid)
                        pieces.append(Piece(s, s, fid))
                else:
                    a, b = max(s, r.start), min(t, r.end)
                    if a < b:
                        pieces.append(Piece(a, b, fid))
            cls = f"rg {r.kind}"
            if r.cls:
                cls += f" {r.cls}"
            attrs = ""
            if r.anchor:
                attrs += f' id="{r.anchor}"'
            if r.bp is not None:
                bp = max(0.0, min(1.0, float(r.bp)))
                attrs += f' style="--bp:{bp:.2f}" title="套话概率 {bp * 100:.0f}%"'
                if bp >= 0.7:
                    cls += " hi-bp"
                    attrs += f' data-bp-label="套话 {bp * 100:.0f}%"'
            out.append(f'<div class="{cls}"{attrs}>{self.nest(r.start, r.end, pieces)}</div>')
        return "\n".join(out)

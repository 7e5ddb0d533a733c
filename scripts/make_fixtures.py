"""Generate the PDF, DOCX and HTML test fixtures from the plain-text reports.

    python scripts/make_fixtures.py [--src tests/fixtures/reports] [--out tests/fixtures/formats]

Every ``<stem>.txt`` in ``--src`` is read with the text reader (so the blocks are exactly what the
text version yields) and written out as

* ``<stem>.pdf``  – reportlab, built-in CID font STSong-Light, A4, ruled tables with merged header
  and label cells (SPAN + GRID), running header, page numbers, and at least one paragraph and one
  table that cross a page break (a spacer before the body is grown until both happen);
* ``<stem>.docx`` – python-docx, Title/Heading styles, tables merged with ``cell.merge``;
* ``<stem>.html`` – a government-portal page (nav, breadcrumb, 索引号/发布机构/发布日期 table, the
  report in the article, footer), tables with rowspan/colspan;
* ``<stem>.pdf.json`` – what the PDF layout did: which paragraphs and tables crossed a page break.

Plus the bad inputs ``encrypted.pdf``, ``scanned.pdf``, ``garbled.pdf``, ``empty.txt``, a GBK copy
``<first stem>.gbk.txt`` and a GB2312-declared HTML page ``<first stem>.gbk.html``.

The tables of the text version are TAB-separated rows whose empty cells mean "spanned";
:func:`layout_table` turns them into a rectangular grid plus span rectangles. Output is
deterministic: fixed dates, fixed PDF ids, fixed zip timestamps.
"""

from __future__ import annotations

import argparse
import html
import io
import json
import re
import sys
import zipfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from nianbao.ingest.builder import looks_like_heading  # noqa: E402
from nianbao.ingest.text import read_text  # noqa: E402

FIXED_DATE = datetime(2024, 2, 1, 9, 0, 0)
NUM = re.compile(r"^(?:[-+]?\d+(?:\.\d+)?%?|[/／—\-–－]|无)$")
_SUBITEM = re.compile(r"^\d{1,2}\s*[.．、]")
_DATE_LINE = re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})日$")

Span = tuple[int, int, int, int]  # r0, c0, r1, c1 inclusive


# --------------------------------------------------------------------------- tables


def layout_table(rows: list[list[str]]) -> tuple[list[list[str]], list[Span]]:
    """Rectangular grid (text at span origins, "" elsewhere) and the span rectangles.

    Data rows (label cells, then numeric cells) that carry the table's full count of values are
    right-aligned, so their labels share the label columns; a short label row whose last label is
    a numbered sub-item ("4. …") is pushed to the last label column. An empty label cell before the
    first label continues the cell above (rowspan), one after a label continues it (colspan).
    Header rows follow the same rule; their trailing padding joins the cell above when that cell
    starts inside the padding, else the cell to the left.
    """
    rows = [list(r) for r in rows]
    for r in rows:
        while r and not r[-1].strip():
            r.pop()
    rows = [r for r in rows if r]
    if not rows:
        return [], []
    width = max(len(r) for r in rows)

    def split(r: list[str]) -> tuple[list[str], list[str]] | None:
        last = max((i for i, c in enumerate(r) if c.strip() and not NUM.match(c.strip())), default=-1)
        values = r[last + 1:]
        if not any(NUM.match(v.strip()) for v in values if v.strip()):
            return None
        labels = r[: last + 1]
        while values and not values[0].strip():
            values = values[1:]
            labels = labels + [""]
        # a label followed by empties that belong to it
        while labels and not labels[-1].strip() and len(labels) > last + 1:
            labels.pop()
        return labels, values

    splits = [split(r) for r in rows]
    maxk = max((len(s[1]) for s in splits if s), default=0)
    n_label = width - maxk
    # kind per position: "text", "above", "left", "empty"
    kinds: list[list[str]] = []
    texts: list[list[str]] = []
    for r, row in enumerate(rows):
        sp = splits[r]
        k = ["empty"] * width
        t = [""] * width
        if sp and len(sp[1]) == maxk:
            labels, values = sp
            if len(labels) < n_label and labels and _SUBITEM.match(labels[-1].strip()):
                labels = [""] * (n_label - len(labels)) + labels
            lab_end = n_label
            cells = labels + [""] * (lab_end - len(labels))
            for j, v in enumerate(values):
                t[lab_end + j] = v
                k[lab_end + j] = "text" if v.strip() else "empty"
            seen = False
            for j in range(lab_end):
                if cells[j].strip():
                    t[j], k[j], seen = cells[j], "text", True
                else:
                    k[j] = "left" if seen else "above"
            if not seen and lab_end:
                k[:lab_end] = ["above"] * lab_end
        elif sp:
            labels, values = sp
            seen = False
            for j, c in enumerate(labels):
                if c.strip():
                    t[j], k[j], seen = c, "text", True
                else:
                    k[j] = "left" if seen else "above"
            for j, v in enumerate(values):
                t[len(labels) + j] = v
                k[len(labels) + j] = "text" if v.strip() else "empty"
            for j in range(len(labels) + len(values), width):
                k[j] = "left"
        else:
            _header_row(row, k, t, width, n_label, maxk, kinds, texts, r)
        kinds.append(k)
        texts.append(t)
    # resolve owners, then keep only rectangular groups
    owner: list[list[tuple[int, int] | None]] = [[None] * width for _ in rows]
    for r in range(len(rows)):
        for c in range(width):
            kd = kinds[r][c]
            if kd == "text":
                owner[r][c] = (r, c)
            elif kd == "left" and c > 0 and owner[r][c - 1] is not None:
                owner[r][c] = owner[r][c - 1]
            elif kd == "above" and r > 0 and owner[r - 1][c] is not None:
                owner[r][c] = owner[r - 1][c]
    for _ in range(3):
        groups: dict[tuple[int, int], list[tuple[int, int]]] = {}
        for r in range(len(rows)):
            for c in range(width):
                if owner[r][c] is not None:
                    groups.setdefault(owner[r][c], []).append((r, c))
        broken = False
        for o, pos in groups.items():
            r0, r1 = min(p[0] for p in pos), max(p[0] for p in pos)
            c0, c1 = min(p[1] for p in pos), max(p[1] for p in pos)
            if len(pos) != (r1 - r0 + 1) * (c1 - c0 + 1):
                broken = True
                for p in pos:
                    if p[0] > o[0]:
                        owner[p[0]][p[1]] = None
        if not broken:
            break
    spans: list[Span] = []
    seen_o: set[tuple[int, int]] = set()
    for r in range(len(rows)):
        for c in range(width):
            o = owner[r][c]
            if o is None or o in seen_o:
                continue
            seen_o.add(o)
            pos = [(rr, cc) for rr in range(len(rows)) for cc in range(width) if owner[rr][cc] == o]
            r0, r1 = min(p[0] for p in pos), max(p[0] for p in pos)
            c0, c1 = min(p[1] for p in pos), max(p[1] for p in pos)
            if (r0, c0) != (r1, c1):
                spans.append((r0, c0, r1, c1))
    grid = [[texts[r][c] if owner[r][c] == (r, c) else "" for c in range(width)] for r in range(len(rows))]
    return grid, spans


def _header_row(row: list[str], k: list[str], t: list[str], width: int, n_label: int, nval: int,
                kinds: list[list[str]], texts: list[list[str]], r: int) -> None:
    """Place one header row (no values) into kinds/texts."""

    def put(j: int, c: str, seen: bool) -> bool:
        if c.strip():
            t[j], k[j] = c, "text"
            return True
        k[j] = "left" if seen else "above"
        return seen

    if n_label > 0 and nval > 0:
        lead = 0
        while lead < len(row) and not row[lead].strip():
            lead += 1
        if lead == 0:  # a corner cell over the label columns, then the value headers
            put(0, row[0], False)
            for j in range(1, n_label):
                k[j] = "left"
            rest = row[1:]
            while rest and not rest[0].strip():
                rest = rest[1:]
            region = n_label
        else:
            for j in range(n_label):
                k[j] = "above"
            rest = row[lead:]
            region = n_label
        if not rest:
            for j in range(region, width):
                k[j] = "left"
            return
        if len(rest) == nval:
            seen = False
            for j, c in enumerate(rest):
                seen = put(region + j, c, seen)
            return
        if len(rest) == 1:
            put(region, rest[0], False)
            for j in range(region + 1, width):
                k[j] = "left"
            return
        if r > 0 and rest and all(c.strip() for c in rest):
            # sub-headers under a parent cell of the same width in the row above
            for c0 in range(region, width - len(rest) + 1):
                o = _owner_of(kinds, r - 1, c0)
                cover = [j for j in range(region, width) if _owner_of(kinds, r - 1, j) == o]
                if o is not None and cover and cover[0] == c0 and len(cover) == len(rest):
                    for j in range(region, width):
                        k[j] = "above"
                    for j, c in enumerate(rest):
                        put(c0 + j, c, False)
                    return
        seen = False
        for j, c in enumerate(rest):
            if region + j < width:
                seen = put(region + j, c, seen)
        pad = region + len(rest)
    else:
        seen = False
        for j, c in enumerate(row):
            seen = put(j, c, seen)
        pad = len(row)
    if pad < width:
        mode = "left"
        if r > 0:
            owners = {_owner_of(kinds, r - 1, j) for j in range(pad, width)}
            if all(o is not None and o[1] >= pad and not NUM.match(texts[o[0]][o[1]].strip()) for o in owners):
                mode = "above"
        for j in range(pad, width):
            k[j] = mode


def _owner_of(kinds: list[list[str]], r: int, c: int) -> tuple[int, int] | None:
    """Origin of the cell at (r, c) following left/above links (used while still laying out)."""
    while r >= 0 and c >= 0:
        kd = kinds[r][c]
        if kd == "text":
            return (r, c)
        if kd == "left":
            c -= 1
        elif kd == "above":
            r -= 1
        else:
            return None
    return None


def filled_grid(grid: list[list[str]], spans: list[Span]) -> tuple[list[list[str]], list[list[bool]]]:
    """The grid a reader must return: a spanning cell's text in every position, copies flagged."""
    rows = [list(r) for r in grid]
    merged = [[False] * len(r) for r in grid]
    for r0, c0, r1, c1 in spans:
        for r in range(r0, r1 + 1):
            for c in range(c0, c1 + 1):
                if (r, c) != (r0, c0):
                    rows[r][c] = grid[r0][c0]
                    merged[r][c] = True
    return rows, merged


# --------------------------------------------------------------------------- report model


@dataclass
class Block:
    kind: str  # title, heading, para, signature, table
    text: str = ""
    level: int = 0
    grid: list[list[str]] | None = None
    spans: list[Span] | None = None


def heading_level(text: str) -> int:
    t = text.strip()
    if re.match(r"^[（(]", t):
        return 2
    if re.match(r"^\d", t):
        return 3
    return 1


def report_blocks(data: bytes, name: str) -> list[Block]:
    doc = read_text(data, name)
    out: list[Block] = []
    n = len(doc.blocks)
    for i, b in enumerate(doc.blocks):
        if b.kind == "table":
            grid, spans = layout_table([[c.text for c in row] for row in b.rows or []])
            out.append(Block("table", grid=grid, spans=spans))
            continue
        t = b.text
        if i == 0 and "报告" in t and len(t) < 60:
            out.append(Block("title", t))
        elif looks_like_heading(t) and len(t) <= 40 and not t.endswith("。") and "**" not in t:
            out.append(Block("heading", t, heading_level(t)))
        elif i >= n - 2 and (_DATE_LINE.match(t) or (i == n - 2 and len(t) < 30 and not t.endswith("。"))):
            out.append(Block("signature", t))
        else:
            out.append(Block("para", t))
    return out


def signature(blocks: list[Block]) -> tuple[str | None, str | None]:
    """(agency, ISO date) from the signature lines at the end."""
    sig = [b.text for b in blocks if b.kind == "signature"]
    agency = next((s for s in sig if not _DATE_LINE.match(s)), None)
    date = None
    for s in sig:
        m = _DATE_LINE.match(s)
        if m:
            date = f"{int(m[1]):04d}-{int(m[2]):02d}-{int(m[3]):02d}"
    return agency, date


def plain(text: str) -> str:
    """Text as rendered in the rich formats: markdown bold markers become formatting."""
    return text.replace("**", "")


def bold_runs(text: str) -> list[tuple[str, bool]]:
    parts = text.split("**")
    return [(p, i % 2 == 1) for i, p in enumerate(parts) if p]


# --------------------------------------------------------------------------- PDF


PAGE_STYLES = ("第 {n} 页", "- {n} -", "{n}/{total}", "{n}")


def _pdf_story(blocks: list[Block], spacer: float, log: list, total_hint: int, styles, shrink: int = 0):
    from reportlab.lib import colors
    from reportlab.platypus import Paragraph, Spacer, Table, TableStyle

    class TParagraph(Paragraph):
        block_id = -1

        def split(self, aW, aH):
            parts = super().split(aW, aH)
            for p in parts:
                p.block_id = self.block_id
            return parts

        def drawOn(self, canvas, x, y, _sW=0):
            log.append(("p", self.block_id, canvas.getPageNumber()))
            return super().drawOn(canvas, x, y, _sW)

    class TTable(Table):
        block_id = -1

        def split(self, aW, aH):
            parts = super().split(aW, aH)
            for p in parts:
                p.block_id = self.block_id
            return parts

        def drawOn(self, canvas, x, y, _sW=0):
            log.append(("t", self.block_id, canvas.getPageNumber()))
            return super().drawOn(canvas, x, y, _sW)

    body, head, title, sig, cell = styles
    story = []
    avail = 439.0
    for i, b in enumerate(blocks):
        if b.kind == "table":
            grid, spans = b.grid or [], b.spans or []
            ncol = len(grid[0]) if grid else 0
            fs = (8 if ncol > 10 else 9) - shrink
            cst = cell.clone("c", fontSize=fs, leading=fs + 2)
            data = [[TParagraph(html.escape(t), cst) if t else "" for t in row] for row in grid]
            for row in data:
                for p in row:
                    if isinstance(p, Paragraph):
                        p.block_id = i
            nval = _value_cols(grid)
            if 0 < nval < ncol:
                vw = max(24.0 - 2 * shrink, min(44.0, avail * 0.5 / nval))
                lw = (avail - vw * nval) / (ncol - nval)
                widths = [lw] * (ncol - nval) + [vw] * nval
            else:
                widths = [avail / ncol] * ncol
            tb = TTable(data, colWidths=widths, repeatRows=0)
            tb.block_id = i
            st = [("GRID", (0, 0), (-1, -1), 0.6, colors.black), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                  ("FONT", (0, 0), (-1, -1), "STSong-Light", fs)]
            st += [("SPAN", (c0, r0), (c1, r1)) for r0, c0, r1, c1 in spans]
            if len(grid) > 2:
                st.append(("NOSPLIT", (0, 0), (-1, 1)))  # never leave a lone title row at a page foot
            tb.setStyle(TableStyle(st))
            story.append(Spacer(1, 6))
            story.append(tb)
            story.append(Spacer(1, 6))
            continue
        st = {"title": title, "heading": head, "signature": sig}.get(b.kind, body)
        p = TParagraph(_rl_markup(b.text), st)
        p.block_id = i
        story.append(p)
        if b.kind == "title" and spacer:
            story.append(Spacer(1, spacer))
    return story


def _value_cols(grid: list[list[str]]) -> int:
    best = 0
    for row in grid:
        run: list[str] = []
        for c in reversed(row):
            if c.strip() and not NUM.match(c.strip()):
                break
            run.append(c)
        while run and not run[-1].strip():
            run.pop()
        if any(c.strip() for c in run):
            best = max(best, len(run))
    return best


def _rl_markup(text: str) -> str:
    return html.escape(plain(text), quote=False)


def _pdf_styles():
    from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_RIGHT
    from reportlab.lib.styles import ParagraphStyle

    body = ParagraphStyle("body", fontName="STSong-Light", fontSize=12, leading=20, firstLineIndent=24,
                          alignment=TA_JUSTIFY, wordWrap="CJK")
    head = ParagraphStyle("head", parent=body, fontSize=12, firstLineIndent=0, spaceBefore=4, alignment=0)
    title = ParagraphStyle("title", parent=body, fontSize=18, leading=28, firstLineIndent=0, alignment=TA_CENTER,
                           spaceAfter=12)
    sig = ParagraphStyle("sig", parent=body, firstLineIndent=0, alignment=TA_RIGHT)
    cell = ParagraphStyle("cell", fontName="STSong-Light", fontSize=9, leading=11, wordWrap="CJK", alignment=TA_CENTER)
    return body, head, title, sig, cell


def _register_font() -> None:
    from reportlab import rl_config
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont

    rl_config.invariant = 1
    if "STSong-Light" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))


def build_pdf(blocks: list[Block], header: str, page_style: str) -> tuple[bytes, dict]:
    from reportlab.lib.pagesizes import A4
    from reportlab.platypus import SimpleDocTemplate

    _register_font()
    styles = _pdf_styles()
    width, height = A4

    def render(spacer: float, total: int) -> tuple[bytes, list, int]:
        from reportlab.platypus.doctemplate import LayoutError

        for shrink in range(3):
            try:
                return render_once(spacer, total, shrink)
            except LayoutError:
                if shrink == 2:
                    raise
        raise AssertionError("unreachable")

    def render_once(spacer: float, total: int, shrink: int) -> tuple[bytes, list, int]:
        log: list = []
        buf = io.BytesIO()
        doc = SimpleDocTemplate(buf, pagesize=A4, leftMargin=72, rightMargin=72, topMargin=80, bottomMargin=72,
                                title=header, author="nianbao fixtures", creator="nianbao make_fixtures",
                                invariant=1)

        def on_page(canv, d):
            n = canv.getPageNumber()
            canv.saveState()
            canv.setFont("STSong-Light", 9)
            if n > 1:
                canv.drawCentredString(width / 2, height - 45, header)
                canv.setLineWidth(0.5)
                canv.line(72, height - 52, width - 72, height - 52)
            canv.drawCentredString(width / 2, 36, page_style.format(n=n, total=total))
            canv.restoreState()

        doc.build(_pdf_story(blocks, spacer, log, total, styles, shrink), onFirstPage=on_page, onLaterPages=on_page)
        pages = max((e[2] for e in log), default=1)
        return buf.getvalue(), log, pages

    for spacer in [0.0] + [float(s) for s in range(10, 600, 10)]:
        data, log, pages = render(spacer, 0)
        if "{total}" in page_style:
            data, log, pages = render(spacer, pages)
        seen: dict[tuple[str, int], set[int]] = {}
        for kind, bid, page in log:
            seen.setdefault((kind, bid), set()).add(page)
        split_p = sorted(bid for (k, bid), pg in seen.items() if k == "p" and len(pg) > 1 and blocks[bid].kind == "para")
        split_t = sorted(bid for (k, bid), pg in seen.items() if k == "t" and len(pg) > 1)
        if split_p and split_t:
            manifest = {
                "pages": pages,
                "spacer": spacer,
                "split_paragraphs": [plain(blocks[b].text) for b in split_p],
                "split_tables": [[len(blocks[b].grid or []), sorted(seen[("t", b)])] for b in split_t],
            }
            return data, manifest
    raise SystemExit("could not lay out a paragraph and a table across a page break")


def build_bad_pdfs(out: Path) -> None:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    _register_font()
    # encrypted: a user password is needed to open it
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4, encrypt="nianbao-secret", invariant=1)
    c.setFont("STSong-Light", 14)
    c.drawString(72, 760, "加密的政府信息公开工作年度报告")
    c.showPage()
    c.save()
    (out / "encrypted.pdf").write_bytes(buf.getvalue())
    # scanned: shapes and an image, no text at all
    from reportlab.lib.utils import ImageReader

    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4, invariant=1)
    for page in range(2):
        c.setFillGray(0.85)
        c.rect(60, 100, 475, 650, fill=1, stroke=1)
        for k in range(30):
            c.setFillGray(0.2 + (k % 5) * 0.1)
            c.rect(80, 720 - k * 20, 300 + (k * 37 + page * 11) % 140, 8, fill=1, stroke=0)
        c.drawImage(ImageReader(_tiny_png()), 400, 120, width=100, height=100)
        c.showPage()
    c.save()
    (out / "scanned.pdf").write_bytes(buf.getvalue())
    # garbled: CID text whose encoding is Identity-H with an unknown ordering and no ToUnicode map
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4, invariant=1, pageCompression=0)
    c.setFont("STSong-Light", 12)
    y = 780
    for line in ("某某镇人民政府2023年政府信息公开工作年度报告", "一、总体情况", "本年度我镇认真贯彻落实政府信息公开条例，主动公开各类信息。",
                 "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况"):
        c.drawString(72, y, line)
        y -= 24
    c.showPage()
    c.save()
    raw = buf.getvalue()
    for old, new in ((b"/UniGB-UCS2-H", b"/Identity-H  "), (b"(GB1)", b"(XYZ)")):
        assert old in raw and len(old) == len(new), old
        raw = raw.replace(old, new)
    (out / "garbled.pdf").write_bytes(raw)


def _tiny_png() -> io.BytesIO:
    import struct
    import zlib

    w = h = 16
    rows = b"".join(b"\x00" + bytes((x * 16 + y * 3) % 256 for x in range(w)) for y in range(h))

    def chunk(tag: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + tag + body + struct.pack(">I", zlib.crc32(tag + body) & 0xFFFFFFFF)

    png = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 0, 0, 0, 0))
    png += chunk(b"IDAT", zlib.compress(rows, 9)) + chunk(b"IEND", b"")
    return io.BytesIO(png)


# --------------------------------------------------------------------------- DOCX


def build_docx(blocks: list[Block], header: str) -> bytes:
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from docx.shared import Pt

    doc = Document()
    cp = doc.core_properties
    cp.author = "nianbao fixtures"
    cp.title = header
    cp.created = cp.modified = cp.last_printed = FIXED_DATE
    cp.revision = 1
    normal = doc.styles["Normal"]
    normal.font.size = Pt(12)
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), "宋体")
    sec = doc.sections[0]
    sec.header.paragraphs[0].text = header
    sec.footer.paragraphs[0].text = "第 1 页"
    for b in blocks:
        if b.kind == "title":
            doc.add_heading(b.text, 0)
        elif b.kind == "heading":
            doc.add_heading(b.text, b.level)
        elif b.kind == "signature":
            p = doc.add_paragraph(b.text)
            p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        elif b.kind == "para":
            p = doc.add_paragraph()
            p.paragraph_format.first_line_indent = Pt(24)
            for txt, bold in bold_runs(b.text):
                p.add_run(txt).bold = bold
        else:
            grid, spans = b.grid or [], b.spans or []
            t = doc.add_table(rows=len(grid), cols=len(grid[0]))
            t.style = "Table Grid"
            for r0, c0, r1, c1 in spans:
                t.cell(r0, c0).merge(t.cell(r1, c1))
            # Table.cell() rebuilds the whole cell list on every call (quadratic); take it once
            cells, ncols = t._cells, len(grid[0])
            for r, row in enumerate(grid):
                for c, txt in enumerate(row):
                    if txt:
                        cells[r * ncols + c].text = txt
    buf = io.BytesIO()
    doc.save(buf)
    return _fixed_zip(buf.getvalue())


def _fixed_zip(data: bytes) -> bytes:
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for info in src.infolist():
            zi = zipfile.ZipInfo(info.filename, date_time=(2024, 2, 1, 9, 0, 0))
            zi.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(zi, src.read(info.filename))
    return out.getvalue()


# --------------------------------------------------------------------------- HTML


def build_html(blocks: list[Block], stem: str, charset: str = "utf-8") -> str:
    title = next((b.text for b in blocks if b.kind == "title"), stem)
    agency, date = signature(blocks)
    agency = agency or "某某人民政府"
    site = re.sub(r"(人民政府).*$", r"\1", title) if "人民政府" in title else "政府门户网站"
    e = html.escape
    body: list[str] = []
    for b in blocks:
        if b.kind == "title":
            continue
        if b.kind == "heading":
            if b.level == 1:
                body.append(f"<h3>{e(b.text)}</h3>")
            elif b.level == 2:
                body.append(f'<p style="text-indent:2em;"><strong>{e(b.text)}</strong></p>')
            else:
                body.append(f'<p style="text-indent:2em;">{e(b.text)}</p>')
        elif b.kind == "signature":
            body.append(f'<p style="text-align:right;">{e(b.text)}</p>')
        elif b.kind == "para":
            runs = "".join(f"<strong>{e(t)}</strong>" if bold else e(t) for t, bold in bold_runs(b.text))
            body.append(f'<p style="text-indent:2em;">&nbsp;&nbsp;{runs}</p>')
        else:
            body.append(_html_table(b.grid or [], b.spans or []))
    content = "\n".join(body)
    index = f"000000000/{date[:4] if date else '2024'}-{abs(hash_stem(stem)) % 100000:05d}"
    return f"""<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta http-equiv="Content-Type" content="text/html; charset={charset}">
<title>{e(title)}_{e(site)}</title>
<link rel="stylesheet" href="/css/main.css">
<script type="text/javascript">var siteId = "xxgk"; function fontZoom(s){{document.getElementById("zoom").style.fontSize=s+"px";}}</script>
<style>.nav li{{float:left;}} .article h1{{text-align:center;}}</style>
</head>
<body>
<div class="top-bar">欢迎访问{e(site)}门户网站 <a href="#">无障碍浏览</a> <a href="#">长者模式</a></div>
<div class="header"><div class="logo">{e(site)}</div>
<div class="search"><input type="text" value="请输入关键字"><button>搜索</button></div></div>
<nav class="nav"><ul><li><a href="/">首页</a></li><li><a href="/zwgk/">政务公开</a></li><li><a href="/bsfw/">办事服务</a></li>
<li><a href="/hdjl/">互动交流</a></li><li><a href="/zjxq/">走进本地</a></li></ul></nav>
<div class="breadcrumb">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政府信息公开</a> &gt; <a href="/zwgk/ndbg/">政府信息公开年报</a></div>
<div class="main">
<div class="left-menu"><h4>信息公开目录</h4><ul><li><a href="#">政府信息公开指南</a></li><li><a href="#">政府信息公开制度</a></li>
<li><a href="#">法定主动公开内容</a></li><li><a href="#">政府信息公开年报</a></li></ul></div>
<table class="xxgk-info">
<tr><td class="lab">索引号：</td><td>{e(index)}</td><td class="lab">发布机构：</td><td>{e(agency)}</td></tr>
<tr><td class="lab">公文种类：</td><td>年度报告</td><td class="lab">发布日期：</td><td>{e(date or "")}</td></tr>
<tr><td class="lab">文号：</td><td></td><td class="lab">主题分类：</td><td>政务公开</td></tr>
</table>
<div class="article">
<h1 class="article-title">{e(title)}</h1>
<div class="article-meta">发布时间：{e(date or "")}  来源：{e(agency)}  【字体：<a href="#">大</a> <a href="#">中</a> <a href="#">小</a>】 <a href="#">打印</a></div>
<div class="article-content" id="zoom">
{content}
</div>
<div class="share">分享到：<a href="#">微信</a> <a href="#">微博</a> <a href="#">QQ空间</a></div>
</div>
<div class="related"><h4>相关链接</h4><ul><li><a href="#">上一篇：关于公布政务服务事项清单的通知</a></li>
<li><a href="#">下一篇：关于开展政务公开日活动的公告</a></li></ul></div>
</div>
<div class="footer"><p>主办单位：{e(site)}办公室  承办：{e(site)}信息中心</p>
<p>网站标识码：0000000000  备案号：示ICP备00000000号  <a href="#">网站地图</a> <a href="#">联系我们</a></p></div>
<script>document.write("");</script>
</body>
</html>
"""


def hash_stem(stem: str) -> int:
    h = 0
    for ch in stem:
        h = (h * 131 + ord(ch)) % 1_000_000_007
    return h


def _html_table(grid: list[list[str]], spans: list[Span]) -> str:
    covered: set[tuple[int, int]] = set()
    origin: dict[tuple[int, int], Span] = {}
    for s in spans:
        origin[(s[0], s[1])] = s
        for r in range(s[0], s[2] + 1):
            for c in range(s[1], s[3] + 1):
                if (r, c) != (s[0], s[1]):
                    covered.add((r, c))
    lines = ['<table border="1" cellspacing="0" cellpadding="0" style="border-collapse:collapse;">', "<tbody>"]
    for r, row in enumerate(grid):
        tds = []
        for c, txt in enumerate(row):
            if (r, c) in covered:
                continue
            attrs = ""
            if (r, c) in origin:
                r0, c0, r1, c1 = origin[(r, c)]
                if r1 > r0:
                    attrs += f' rowspan="{r1 - r0 + 1}"'
                if c1 > c0:
                    attrs += f' colspan="{c1 - c0 + 1}"'
            tds.append(f"<td{attrs}><p>{html.escape(txt)}</p></td>" if txt else f"<td{attrs}></td>")
        lines.append("<tr>" + "".join(tds) + "</tr>")
    lines += ["</tbody>", "</table>"]
    return "\n".join(lines)


# --------------------------------------------------------------------------- main


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--src", type=Path, default=ROOT / "tests" / "fixtures" / "reports")
    ap.add_argument("--out", type=Path, default=ROOT / "tests" / "fixtures" / "formats")
    args = ap.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    sources = sorted(p for p in args.src.glob("*.txt") if not p.name.endswith(".gbk.txt"))
    if not sources:
        print(f"no .txt reports in {args.src}", file=sys.stderr)
        return 1
    for n, src in enumerate(sources):
        data = src.read_bytes()
        blocks = report_blocks(data, src.name)
        header = plain(next((b.text for b in blocks if b.kind == "title"), src.stem))
        pdf, manifest = build_pdf(blocks, header, PAGE_STYLES[n % len(PAGE_STYLES)])
        (args.out / f"{src.stem}.pdf").write_bytes(pdf)
        (args.out / f"{src.stem}.pdf.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=1) + "\n",
                                                        encoding="utf-8")
        (args.out / f"{src.stem}.docx").write_bytes(build_docx(blocks, header))
        (args.out / f"{src.stem}.html").write_text(build_html(blocks, src.stem), encoding="utf-8")
        if n == 0:
            text = data.decode("utf-8-sig")
            (args.out / f"{src.stem}.gbk.txt").write_bytes(text.encode("gbk"))
            (args.out / f"{src.stem}.gbk.html").write_bytes(
                build_html(blocks, src.stem, charset="gb2312").encode("gb18030"))
        print(f"{src.name}: pdf {manifest['pages']} pages, split paragraphs {len(manifest['split_paragraphs'])}, "
              f"split tables {len(manifest['split_tables'])}")
    build_bad_pdfs(args.out)
    (args.out / "empty.txt").write_bytes(b"")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

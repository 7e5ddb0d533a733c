"""Scanned reports: image-only PDFs and images read by OCR (optional extra ``nianbao[ocr]``).

The recogniser is RapidOCR 1.4 (``rapidocr-onnxruntime``), whose wheel ships its detection,
orientation and recognition models: nothing is downloaded at run time. Later RapidOCR releases fetch
their models on first use and would not work offline, so the extra pins 1.4.x.

How a page is read:

1. The page is rendered (pypdfium2) at ``dpi`` (default 200) or taken as it is (PNG/JPEG/TIFF), in
   grey, and straightened: the skew is measured on the long horizontal rules and text lines.
2. Ruled table cells are found on the image (OpenCV: horizontal and vertical rules by morphology, each
   enclosed white region a cell).
3. RapidOCR finds and reads the text boxes. A box inside a table cell whose reading is unsure (or any
   number) is read again from the whole cell image, and the surer reading is kept.
4. Every box becomes "characters" with page coordinates (in PDF points, like a text-layer PDF), so the
   shared page layout (``nianbao.ingest.layout``: lines, paragraphs, running headers and page numbers,
   table grids from cell rectangles, tables joined across pages) reads the scan as it reads a text PDF.

Every table cell keeps its OCR confidence (``RawCell.confidence``, then ``Cell.confidence``) and page;
the document carries an ``ocr`` summary (engine, dpi, pages, mean and lowest confidence) that the
audit's reading section shows.
"""

from __future__ import annotations

import math
import statistics
from dataclasses import dataclass
from functools import cache
from typing import Any

from nianbao.errors import InputError
from nianbao.model import RawDocument

ENGINE = "RapidOCR 1.4 (rapidocr-onnxruntime)"
EXTRA_HINT = "pip install 'nianbao[ocr]'"
DEFAULT_DPI = 200
_UNSURE = 0.97  # a table box read below this is read again from its whole cell
_MIN_SCORE = 0.5  # a box read below this is noise (a smudge, a stamp's rim), not text
_MIN_CHARS = 20  # fewer characters than this on all pages: nothing usable was read


def available() -> bool:
    try:
        import cv2  # noqa: F401
        import rapidocr_onnxruntime  # noqa: F401
    except ImportError:
        return False
    return True


@cache
def _engine() -> Any:
    from rapidocr_onnxruntime import RapidOCR

    return RapidOCR()


@dataclass
class _Box:
    text: str
    conf: float
    x0: float
    top: float
    x1: float
    bottom: float


# --------------------------------------------------------------------------- images


def _gray_pages_from_pdf(data: bytes, dpi: int, name: str) -> list[Any]:
    import numpy as np
    import pypdfium2 as pdfium

    from nianbao.ingest.limits import check_pages
    from nianbao.ingest.pdf import PDFIUM_LOCK

    with PDFIUM_LOCK:  # pdfium is not thread-safe (see ingest/pdf.py)
        try:
            pdf = pdfium.PdfDocument(data)
        except Exception as exc:  # noqa: BLE001 - any failure is a file we cannot read
            raise InputError("corrupt", name, type(exc).__name__) from None
        try:
            check_pages(len(pdf), name)
            return _render_all(pdf, dpi, np)
        finally:
            pdf.close()


def _render_all(pdf: Any, dpi: int, np: Any) -> list[Any]:
    out = []
    for i in range(len(pdf)):
        bitmap = pdf[i].render(scale=dpi / 72, grayscale=True)
        arr = bitmap.to_numpy()
        out.append(np.ascontiguousarray(arr[..., 0] if arr.ndim == 3 else arr))
    return out


def _gray_from_image(data: bytes, name: str) -> Any:
    import cv2
    import numpy as np

    img = cv2.imdecode(np.frombuffer(data, np.uint8), cv2.IMREAD_GRAYSCALE)
    if img is None:
        raise InputError("corrupt", name, "图片无法解码")
    return img


def deskew(gray: Any) -> tuple[Any, float]:
    """The page turned upright; returns (image, angle in degrees that was corrected)."""
    import cv2
    import numpy as np

    h, w = gray.shape
    bw = cv2.threshold(gray, 0, 255, cv2.THRESH_BINARY_INV | cv2.THRESH_OTSU)[1]
    # long horizontal structures: rules and text lines smeared sideways
    smear = cv2.dilate(bw, cv2.getStructuringElement(cv2.MORPH_RECT, (max(15, w // 60), 1)))
    lines = cv2.HoughLinesP(smear, 1, math.pi / 1800, threshold=max(100, w // 8), minLineLength=w // 4,
                            maxLineGap=max(5, w // 200))
    if lines is None:
        return gray, 0.0
    angles = []
    for x1, y1, x2, y2 in np.asarray(lines).reshape(-1, 4):
        a = math.degrees(math.atan2(y2 - y1, x2 - x1))
        if abs(a) < 8:
            angles.append(a)
    if not angles:
        return gray, 0.0
    angle = float(statistics.median(angles))
    if abs(angle) < 0.08:
        return gray, 0.0
    m = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
    rotated = cv2.warpAffine(gray, m, (w, h), flags=cv2.INTER_LINEAR, borderValue=255)
    return rotated, angle


def table_cells(gray: Any) -> list[tuple[int, int, int, int]]:
    """Rectangles (x0, top, x1, bottom) of ruled table cells, in pixels."""
    import cv2
    import numpy as np

    h, w = gray.shape
    bw = cv2.adaptiveThreshold(~gray, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY, 15, -2)
    hk = cv2.getStructuringElement(cv2.MORPH_RECT, (max(20, w // 40), 1))
    vk = cv2.getStructuringElement(cv2.MORPH_RECT, (1, max(15, h // 80)))
    horiz = cv2.dilate(cv2.erode(bw, hk), hk)
    vert = cv2.dilate(cv2.erode(bw, vk), vk)
    grid = cv2.dilate(horiz | vert, np.ones((3, 3), np.uint8))
    n, _, stats, _ = cv2.connectedComponentsWithStats(cv2.bitwise_not(grid), connectivity=4)
    cells = []
    for i in range(1, n):
        x, y, cw, ch, _ = (int(v) for v in stats[i])
        if x <= 1 or y <= 1 or x + cw >= w - 1 or y + ch >= h - 1:
            continue  # the page around the tables
        if cw < max(6, w * 0.015) or ch < max(6, h * 0.007) or cw > 0.97 * w:
            continue  # a hole inside a glyph, not a cell
        if not _ruled(horiz, vert, x, y, cw, ch):
            continue
        cells.append((x, y, x + cw, y + ch))
    return cells


def _ruled(horiz: Any, vert: Any, x: int, y: int, cw: int, ch: int) -> bool:
    """A cell has rules on its four sides: most of the row above and below it is horizontal rule, most of
    the column left and right of it vertical rule (looked for within a few pixels)."""
    h, w = horiz.shape
    m = 4

    def share(band: Any, along: int) -> float:
        """Share of positions along the side that have rule somewhere across the band's few pixels."""
        return float((band.max(axis=1 - along) > 0).mean()) if band.size else 0.0

    top = horiz[max(0, y - m):y + 1, x:x + cw]
    bottom = horiz[y + ch - 1:min(h, y + ch + m), x:x + cw]
    left = vert[y:y + ch, max(0, x - m):x + 1]
    right = vert[y:y + ch, x + cw - 1:min(w, x + cw + m)]
    return min(share(top, 1), share(bottom, 1), share(left, 0), share(right, 0)) >= 0.7


# --------------------------------------------------------------------------- recognition


def _recognise(gray: Any) -> list[_Box]:
    result, _ = _engine()(gray)
    boxes: list[_Box] = []
    for quad, text, score in result or []:
        if float(score) < _MIN_SCORE:
            continue
        xs = [float(p[0]) for p in quad]
        ys = [float(p[1]) for p in quad]
        boxes.append(_Box(str(text), float(score), min(xs), min(ys), max(xs), max(ys)))
    return boxes


def _reread(gray: Any, cell: tuple[int, int, int, int]) -> tuple[str, float] | None:
    """Read one cell image again (recognition only): the ink's bounding box inside the cell's rules, with a
    white margin, so that a lone digit fills the recogniser's line height."""
    import cv2

    x0, top, x1, bottom = cell
    m = max(3, min(x1 - x0, bottom - top) // 12)  # keep clear of the cell's rules
    inner = gray[top + m:bottom - m, x0 + m:x1 - m]
    if inner.size == 0:
        return None
    ys, xs = _ink(inner)
    if len(xs) == 0:
        return None
    best: tuple[str, float] | None = None
    # as scanned, and cleaned of grain and dust (a 3×3 median, then Otsu's threshold): the surer reading wins
    clean = cv2.threshold(cv2.medianBlur(inner, 3), 0, 255, cv2.THRESH_BINARY | cv2.THRESH_OTSU)[1]
    for img in (inner, clean):
        crop = img[ys.min():ys.max() + 1, xs.min():xs.max() + 1]
        pad = max(4, (ys.max() - ys.min()) // 2)
        crop = cv2.copyMakeBorder(crop, pad, pad, pad * 2, pad * 2, cv2.BORDER_CONSTANT, value=255)
        result, _ = _engine()(crop, use_det=False, use_cls=False, use_rec=True)
        if not result:
            continue
        text, score = digits(str(result[0][0])), float(result[0][1])
        if not text.strip():
            continue
        # a number beats a non-number (cells of the mandated tables hold numbers; a label cell is read
        # from the detector's own boxes), then the surer reading wins
        key = (_is_number(text), score)
        if best is None or key > (_is_number(best[0]), best[1]):
            best = (text, score)
    return best


_DIGIT_LOOKALIKES = str.maketrans({"。": "0", "o": "0", "O": "0", "〇": "0", "○": "0", "D": "0",
                                   "l": "1", "I": "1", "|": "1", "丨": "1", "i": "1", "S": "5", "Z": "2"})
_ONE_STROKE = {"[", "]", "【", "】", "|", "丨", "l", "I", "Ⅰ"}
_NOISE = "]）)[（(：:'\"`.,，、 "


def digits(text: str) -> str:
    """A short cell reading that is a number in all but look-alike glyphs ("。" for 0, "l" for 1, a stray
    bracket from a cell rule) becomes the number; anything else is returned as read."""
    t = text.strip()
    if not t or len(t) > 8:
        return t
    if t in _ONE_STROKE:  # a lone digit one, its foot or serif read as a bracket or a bar
        return "1"
    core = t.strip(_NOISE) or t
    mapped = core.translate(_DIGIT_LOOKALIKES)
    if mapped.isdigit() and (len(core) <= 2 or sum(ch.isdigit() for ch in core) >= len(core) - 1):
        return mapped
    return t


def _inside(b: _Box, cell: tuple[int, int, int, int], tol: float = 4.0) -> bool:
    return (b.x0 >= cell[0] - tol and b.x1 <= cell[2] + tol and b.top >= cell[1] - tol
            and b.bottom <= cell[3] + tol)


def _center_in(b: _Box, rect: tuple[float, float, float, float]) -> bool:
    cx, cy = (b.x0 + b.x1) / 2, (b.top + b.bottom) / 2
    return rect[0] <= cx <= rect[2] and rect[1] <= cy <= rect[3]


def _is_number(text: str) -> bool:
    t = text.strip().replace(",", "").replace("，", "")
    return bool(t) and all(ch.isdigit() or ch in ".%" for ch in t)


def _ink(crop: Any) -> tuple[Any, Any]:
    """Coordinates of the dark pixels of ``crop`` that belong to strokes, not to scanner specks (blobs of a
    few pixels) or grain."""
    import cv2
    import numpy as np

    dark = (crop < 128).astype(np.uint8)
    n, labels, stats, _ = cv2.connectedComponentsWithStats(dark, connectivity=8)
    hh, ww = crop.shape[:2]

    def stroke(i: int) -> bool:
        x, y, w, h, area = (int(v) for v in stats[i])
        if area < 6:
            return False  # a speck of dust
        # what touches the crop's edge is a piece of the cell's rule (a scan is never perfectly straight)
        return not (x == 0 or y == 0 or x + w >= ww or y + h >= hh)

    keep = [i for i in range(1, n) if stroke(i)]
    if not keep:
        return np.array([], dtype=int), np.array([], dtype=int)
    mask = np.isin(labels, keep)
    return np.nonzero(mask)


def _has_ink(gray: Any, cell: tuple[int, int, int, int]) -> bool:
    x0, top, x1, bottom = cell
    m = max(3, min(x1 - x0, bottom - top) // 12)
    crop = gray[top + m:bottom - m, x0 + m:x1 - m]
    if crop.size == 0:
        return False
    ys, _ = _ink(crop)
    return len(ys) > max(6, crop.size // 400)


def read_page(gray: Any) -> tuple[list[_Box], list[tuple[int, int, int, int]], float]:
    """OCR boxes and table cells of one page image (pixels), and the skew corrected.

    Inside tables, the detector often reads a row of narrow number cells as one box ("0 0 0 1"); such a
    box is dropped and each cell it covers is read on its own. A number read with doubt is read again
    from its whole cell, and the surer reading kept."""
    gray, angle = deskew(gray)
    cells = table_cells(gray)
    boxes = _recognise(gray)
    if not cells:
        return boxes, cells, angle
    kept: list[_Box] = []
    covered: dict[tuple[int, int, int, int], list[_Box]] = {c: [] for c in cells}
    for b in boxes:
        home = next((c for c in cells if _inside(b, c)), None)
        if home is not None:
            covered[home].append(b)
            kept.append(b)
        elif not any(_center_in(b, c) or (b.x0 < c[2] and b.x1 > c[0] and b.top < c[3] and b.bottom > c[1])
                     for c in cells):
            kept.append(b)  # outside every table
    for cell, inner in covered.items():
        if not inner:
            if _has_ink(gray, cell):
                again = _reread(gray, cell)
                if again and again[0].strip():
                    kept.append(_Box(again[0], again[1], *cell))
            continue
        b = inner[0]
        if len(inner) == 1 and (b.conf < _UNSURE or _is_number(b.text) or len(b.text.strip()) <= 2):
            again = _reread(gray, cell)
            if again and (_is_number(again[0]), again[1]) > (_is_number(digits(b.text)), b.conf):
                b.text, b.conf = again
            else:
                b.text = digits(b.text)
    return kept, cells, angle


# --------------------------------------------------------------------------- into the shared page layout


def _chars(boxes: list[_Box], scale: float) -> list[dict]:
    """Each box as characters in PDF points, spread evenly over its width (what the layout steps read)."""
    out = []
    # box heights are noisy: a line of body text is given the body size, so that the layout steps do not
    # take a line that came out a little taller for a heading in a larger font
    prose = [_glyph_size(b) for b in boxes if len(b.text.strip()) >= 6]
    body = statistics.median(prose) if prose else None
    for b in boxes:
        text = b.text.strip()
        if not text:
            continue
        x0, x1 = b.x0 / scale, b.x1 / scale
        top, bottom = b.top / scale, b.bottom / scale
        h = _glyph_size(b)
        if body is not None and abs(h - body) <= 0.2 * body:
            h = body
        size = max(4.0, h / scale * 0.85)
        step = (x1 - x0) / len(text)
        for i, ch in enumerate(text):
            out.append({"text": ch, "x0": x0 + i * step, "x1": x0 + (i + 1) * step, "top": top,
                        "bottom": bottom, "size": size, "conf": b.conf})
    return out


def _glyph_size(b: _Box) -> float:
    """The font size of a box in pixels. Chinese glyphs are square, so for mostly-Chinese text the width per
    character is a steadier measure than the box height (a one-character box is as tall as its glyph, a
    line's box as tall as its tallest one)."""
    text = b.text.strip()
    height = b.bottom - b.top
    cjk = sum(1 for ch in text if "\u3400" <= ch <= "\u9fff" or "\uff00" <= ch <= "\uffef" or ch in "，。、；：（）《》“”")
    if not text or cjk < 0.6 * len(text):
        return height
    units = cjk + 0.5 * (len(text) - cjk)
    return min(height, max(1.0, (b.x1 - b.x0 - 0.15 * height) / units))


def _page(number: int, gray: Any, scale: float) -> tuple[Any, list[tuple[list[str], list[float]]], dict]:
    from nianbao.ingest import layout

    boxes, cells, angle = read_page(gray)
    chars = _chars(boxes, scale)
    height = gray.shape[0] / scale
    tables, taken, confs = [], [], []
    rects = [(x0 / scale, t / scale, x1 / scale, b / scale) for x0, t, x1, b in cells]
    for group in _tables_of(rects):
        group = _snap(group)
        grid = layout.grid_from_cells(group)
        if grid is None or grid[1] < 2:
            continue
        bbox = (min(r[0] for r in group), min(r[1] for r in group), max(r[2] for r in group),
                max(r[3] for r in group))
        table = layout.fill_table(grid, chars, bbox, number)
        if not layout.holds_table(table):
            continue
        tables.append(table)
        taken.append(bbox)
        confs.extend(zip(table.rows, _cell_confidences(grid, chars), strict=True))
    free = [c for c in chars if not layout.in_any(c, taken)] if taken else chars
    stats = {"boxes": len(boxes), "skew": round(angle, 2), "confidence": [b.conf for b in boxes],
             "texts": [b.text for b in boxes]}
    return layout.Page(number, height, layout.text_lines(free), tables), confs, stats


def _snap(rects: list[tuple[float, float, float, float]], tol: float = 3.0) -> list[tuple[float, float, float, float]]:
    """Cell edges found on an image wander by a pixel or two from row to row (what is left of a skew, the
    rules' thickness); edges closer than ``tol`` points are one edge, so a column stays one column."""

    def centres(values: list[float]) -> dict[float, float]:
        out: dict[float, float] = {}
        run: list[float] = []
        for v in sorted(set(values)):
            if run and v - run[-1] > tol:
                out.update({u: sum(run) / len(run) for u in run})
                run = []
            run.append(v)
        if run:
            out.update({u: sum(run) / len(run) for u in run})
        return out

    xs = centres([r[0] for r in rects] + [r[2] for r in rects])
    ys = centres([r[1] for r in rects] + [r[3] for r in rects])
    return [(xs[a], ys[b], xs[c], ys[d]) for a, b, c, d in rects]


def _tables_of(rects: list[tuple[float, float, float, float]]) -> list[list[tuple[float, float, float, float]]]:
    """Cells grouped into tables: cells that touch (share a rule) belong to one table."""
    groups: list[list[tuple[float, float, float, float]]] = []
    bounds: list[list[float]] = []
    for r in sorted(rects, key=lambda r: (r[1], r[0])):
        hit = None
        for i, b in enumerate(bounds):
            if r[0] <= b[2] + 4 and r[2] >= b[0] - 4 and r[1] <= b[3] + 4 and r[3] >= b[1] - 4:
                hit = i
                break
        if hit is None:
            groups.append([r])
            bounds.append(list(r))
        else:
            groups[hit].append(r)
            b = bounds[hit]
            b[0], b[1], b[2], b[3] = min(b[0], r[0]), min(b[1], r[1]), max(b[2], r[2]), max(b[3], r[3])
    return groups


def _cell_confidences(grid, chars: list[dict]) -> list[list[float]]:
    """Per grid row, the confidence of each cell's text (the lowest of its characters; 1.0 when empty)."""
    nrows, ncols, spans, _ = grid
    conf = [[1.0] * ncols for _ in range(nrows)]
    for r0, c0, r1, c1, (x0, top, x1, bottom) in spans:
        inside = [c["conf"] for c in chars
                  if x0 <= (c["x0"] + c["x1"]) / 2 <= x1 and top <= (c["top"] + c["bottom"]) / 2 <= bottom]
        v = min(inside) if inside else 1.0
        for r in range(r0, r1 + 1):
            for c in range(c0, c1 + 1):
                conf[r][c] = v
    return conf


def read_scan(data: bytes, name: str, *, kind: str = "pdf", dpi: int = DEFAULT_DPI) -> RawDocument:
    """Read an image-only PDF (``kind="pdf"``) or an image by OCR."""
    if not available():
        raise InputError("scanned", name)
    from nianbao.ingest import layout
    from nianbao.ingest.builder import build_document
    from nianbao.model import ParseNote

    grays = _gray_pages_from_pdf(data, dpi, name) if kind == "pdf" else [_gray_from_image(data, name)]
    scale = dpi / 72  # pixels per PDF point (an image is taken as scanned at ``dpi``)
    pages, cell_conf, all_conf, skews, texts = [], [], [], [], []
    for i, g in enumerate(grays):
        page, confs, stats = _page(i + 1, g, scale)
        texts.extend(stats["texts"])
        pages.append(page)
        cell_conf.extend(confs)
        all_conf.extend(stats["confidence"])
        skews.append(stats["skew"])
    readable = sum(len(b) for b in texts)
    if readable < _MIN_CHARS:
        raise InputError("scanned_empty", name)
    layout.drop_running_lines(pages)
    items = layout.page_items(pages)
    mean = round(statistics.fmean(all_conf), 3) if all_conf else 0.0
    low = sum(1 for c in all_conf if c < 0.9)
    note = ParseNote("ocr", f"本报告为扫描件，经文字识别（OCR，{ENGINE}，{dpi} dpi）读取：共 {len(pages)} 页、"
                            f"{len(all_conf)} 个文字块，平均置信度 {mean:.2f}，{low} 个低于 0.90。"
                            "数字如有疑问请以原件为准。")
    doc = build_document(name, "pdf" if kind == "pdf" else "image", items, page_count=len(pages), data=data,
                         notes=[note])
    attach_confidence(doc, cell_conf)
    doc.ocr = {"engine": ENGINE, "dpi": dpi, "pages": len(pages), "boxes": len(all_conf),
               "mean_confidence": mean, "low_confidence_boxes": low,
               "skew_corrected": skews}
    return doc


def attach_confidence(doc: RawDocument, source_rows: list[tuple[list[str], list[float]]]) -> None:
    """Give every table cell of ``doc`` the OCR confidence of its text.

    ``source_rows`` are the OCR'd grid rows of all tables in reading order, with each cell's confidence.
    The builder drops empty rows and joins a row cut by a page break, so each document row is matched to
    the next source row with the same texts (looking a few rows ahead); a row built from two source rows
    takes the lower confidence of each cell."""
    from nianbao.ingest.builder import normalize_inline

    src = [([normalize_inline(t or "") for t in texts], confs) for texts, confs in source_rows]
    j = 0
    for block in doc.blocks:
        for row in block.rows or []:
            texts = [c.text for c in row]
            hit = next((k for k in range(j, min(j + 4, len(src))) if src[k][0] == texts), None)
            if hit is None:  # a joined row: its cells come from the next two source rows
                used = src[j:j + 2]
                j += len(used)
            else:
                used = [src[hit]]
                j = hit + 1
            for cell in row:
                vals = [confs[cell.col] for _, confs in used if cell.col < len(confs)]
                if vals:
                    cell.confidence = min(cell.confidence, *vals)

"""Scanned reports: image-only PDFs and images read by OCR (optional extra ``nianbao[ocr]``).

The recogniser is RapidOCR 1.4 (``rapidocr-onnxruntime``), whose wheel ships its detection,
orientation and recognition models: nothing is downloaded at run time. Later RapidOCR releases fetch
their models on first use and would not work offline, so the extra pins 1.4.x.

How a page is read:

1. The page is rendered (pypdfium2) at ``dpi`` (default 200), or an image (PNG/JPEG/TIFF) is scaled to
   ``dpi`` as an A4 page, in grey: a 150-dpi scan is enlarged before anything else.
2. Grain and dust are taken off (a 3×3 median), and the page is turned upright: the skew is the angle
   whose projection profile of the ink is sharpest (text lines and rules), to 0.01°.
3. Ruled table cells are found on the image from its ruling lines (OpenCV: horizontal and vertical rules
   by morphology, each enclosed white region a cell), and grouped into tables by the rules they share.
4. RapidOCR finds and reads the text boxes. Inside a table, every cell without a box of its own, or with
   one short box (a number), is read again from its own ink, cut out of the cell (recognition only),
   and the better reading is kept: a number before a non-number, then the surer one.
5. Every box becomes "characters" with page coordinates (in PDF points, like a text-layer PDF), so the
   shared page layout (``nianbao.ingest.layout``: lines, paragraphs, running headers and page numbers,
   table grids from cell rectangles, tables joined across pages) reads the scan as it reads a text PDF.

Nothing here corrects a number from what the tables should add up to: the mandated identities are checked
on the report (``nianbao.structure.reading.ocr_misread``), and a failure one misread digit explains is a
reading note, never a silent fix.

Every table cell keeps its OCR confidence, the lowest of its characters' (recorded by ``layout.fill_table``
as it fills the cell, carried through the builder to ``RawCell.confidence``, then ``Cell.confidence``) and page;
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
    """The recogniser, on one onnxruntime thread: nianbao works in parallel with processes (``batch
    --jobs``), and onnxruntime's own threads spin while they wait — on a busy 2-core machine two threads
    took 26–28 CPU-s and 33–42 s for two pages that one thread read in 16–18 CPU-s and 16–26 s."""
    from rapidocr_onnxruntime import RapidOCR

    return RapidOCR(intra_op_num_threads=1, inter_op_num_threads=1)


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


_A4_SHORT_SIDE = 210 / 25.4  # inches: the reports are printed on A4 (GB/T 9704)


def _gray_from_image(data: bytes, name: str, dpi: int) -> Any:
    """An image (PNG/JPEG/TIFF) in grey, scaled to ``dpi`` as if it were an A4 page: its resolution is
    taken from its shorter side, not from its metadata (phones and scanners write 72 or nothing). A 150-dpi
    scan is enlarged, so that it is cleaned and read like a rendered PDF page."""
    import cv2
    import numpy as np

    img = cv2.imdecode(np.frombuffer(data, np.uint8), cv2.IMREAD_GRAYSCALE)
    if img is None:
        raise InputError("corrupt", name, "图片无法解码")
    factor = dpi * _A4_SHORT_SIDE / min(img.shape[:2])
    if abs(factor - 1) < 0.05:
        return img
    factor = min(4.0, max(0.25, factor))
    return cv2.resize(img, None, fx=factor, fy=factor, interpolation=cv2.INTER_CUBIC if factor > 1 else cv2.INTER_AREA)


def clean(gray: Any) -> Any:
    """Scanner grain and dust taken off the page: a 3×3 median keeps strokes two pixels wide or more (the
    thinnest at 200 dpi) and removes isolated specks and most of the grain."""
    import cv2

    return cv2.medianBlur(gray, 3)


_MAX_SKEW = 5.0  # degrees: a page turned further than this was not fed straight, and is not searched for


def skew_angle(gray: Any) -> float:
    """The angle (degrees, image coordinates: positive turns the right end down) of the page's text lines and
    rules, by projection profiles: the ink is projected onto the page's vertical along each candidate angle,
    and the angle whose profile is sharpest (rows of ink and rows of white) is the skew. Searched in 0.1°
    steps within ±5°, then refined to 0.01°."""
    import cv2
    import numpy as np

    bw = cv2.threshold(gray, 0, 255, cv2.THRESH_BINARY_INV | cv2.THRESH_OTSU)[1]
    ys, xs = np.nonzero(bw)
    if len(xs) < 100:
        return 0.0
    if len(xs) > 200_000:  # a sample is as sharp and keeps the search fast
        pick = np.random.default_rng(0).choice(len(xs), 200_000, replace=False)
        ys, xs = ys[pick], xs[pick]
    xs = xs.astype(np.float64)
    ys = ys.astype(np.float64)
    offset = int(math.tan(math.radians(_MAX_SKEW + 0.2)) * gray.shape[1]) + 1

    def sharpness(angle: float) -> float:
        rows = np.bincount(np.rint(ys - xs * math.tan(math.radians(angle))).astype(np.int64) + offset)
        return float(np.dot(rows, rows))

    coarse = max(np.arange(-_MAX_SKEW, _MAX_SKEW + 1e-9, 0.1), key=sharpness)
    return float(max(np.arange(coarse - 0.1, coarse + 0.1 + 1e-9, 0.01), key=sharpness))


def deskew(gray: Any) -> tuple[Any, float]:
    """The page turned upright; returns (image, angle in degrees that was corrected)."""
    import cv2

    angle = skew_angle(gray)
    if abs(angle) < 0.05:  # under a pixel across a column of the table: leave the page as it is
        return gray, 0.0
    h, w = gray.shape
    m = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
    rotated = cv2.warpAffine(gray, m, (w, h), flags=cv2.INTER_CUBIC, borderMode=cv2.BORDER_REPLICATE)
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


def cell_ink(gray: Any, cell: tuple[int, int, int, int]) -> Any | None:
    """The ink of one table cell cut out for the recogniser, or None when the cell is empty.

    Inside the cell's rules, ink is what is clearly darker than the cell's paper (its median): at least
    60 grey levels, and below the midpoint between the paper and the darkest ink. Blobs of a few pixels
    (dust) and anything touching the inner edge (what is left of a rule) are not text. The text's bounding
    box is cut out with a margin of two pixels (a thin digit's light top and bottom arcs stay in: clipping
    them turns a 0 into "()" or "U"), its contrast stretched from the ink to white paper, and set on a
    narrow white margin: the recogniser scales a line to its own height, and a lone digit in a wide margin
    comes out small, like "。"."""
    import cv2
    import numpy as np

    x0, top, x1, bottom = cell
    m = max(2, min(x1 - x0, bottom - top) // 12)  # keep clear of the cell's rules
    inner = gray[top + m:bottom - m, x0 + m:x1 - m]
    if inner.shape[0] < 6 or inner.shape[1] < 6:
        return None
    paper = float(np.median(inner))
    # the ink's level: the 20th darkest pixel (a digit one at 200 dpi has some 50), whatever the cell's size
    darkest = float(np.partition(inner, 20, axis=None)[20])
    if paper - darkest < 60:
        return None
    dark = (inner < (paper + darkest) / 2).astype(np.uint8)
    n, _, stats, _ = cv2.connectedComponentsWithStats(dark, connectivity=8)
    hh, ww = inner.shape
    keep = [stats[i] for i in range(1, n) if stats[i][4] >= 5 and stats[i][0] > 0 and stats[i][1] > 0
            and stats[i][0] + stats[i][2] < ww and stats[i][1] + stats[i][3] < hh]
    if not keep:
        return None
    bx0 = max(0, min(int(s[0]) for s in keep) - 2)
    by0 = max(0, min(int(s[1]) for s in keep) - 2)
    bx1 = min(ww, max(int(s[0] + s[2]) for s in keep) + 2)
    by1 = min(hh, max(int(s[1] + s[3]) for s in keep) + 2)
    crop = inner[by0:by1, bx0:bx1].astype(np.float32)
    crop = np.clip((crop - darkest) * (255.0 / max(1.0, paper - darkest)), 0, 255).astype(np.uint8)
    pad = max(2, (by1 - by0) // 8)
    return cv2.copyMakeBorder(crop, pad, pad, pad, pad, cv2.BORDER_CONSTANT, value=255)


def _read_lines(images: list[Any]) -> list[tuple[str, float]]:
    """Recognition only (no detection) of images that each hold one line of text, in batches."""
    import cv2

    if not images:
        return []
    engine = _engine()
    bgr = [cv2.cvtColor(img, cv2.COLOR_GRAY2BGR) for img in images]
    rec = getattr(engine, "text_rec", None)
    if rec is not None:  # RapidOCR 1.4: the recogniser batches the images
        results, _ = rec(bgr)
        return [(str(t), float(sc)) for t, sc in results]
    out = []
    for img in bgr:
        result, _ = engine(img, use_det=False, use_cls=False, use_rec=True)
        out.append((str(result[0][0]), float(result[0][1])) if result else ("", 0.0))
    return out


_DIGIT_LOOKALIKES = str.maketrans({"。": "0", "o": "0", "O": "0", "〇": "0", "○": "0", "D": "0",
                                   "l": "1", "I": "1", "|": "1", "丨": "1", "i": "1", "S": "5", "Z": "2"})
_NOISE = "]）)[（(：:'\"`.,，、 "


def digits(text: str) -> str:
    """A short cell reading that is a number in all but look-alike glyphs ("。" for 0, "l" for 1, a stray
    bracket from a cell rule) becomes the number; anything else is returned as read."""
    t = text.strip()
    if not t or len(t) > 8:
        return t
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
    t = t[1:] if t[:1] in "-−+" else t  # a change from last year is signed
    return bool(t) and all(ch.isdigit() or ch in ".%" for ch in t)


def read_page(gray: Any) -> tuple[list[_Box], list[tuple[int, int, int, int]], float]:
    """OCR boxes and table cells of one page image (pixels), and the skew corrected.

    The page is cleaned of grain and dust and turned upright first. Table cells come from the page's
    ruling lines. Inside a table, the detector often reads a row of narrow number cells as one box
    ("0 0 0 1") or misses a lone thin digit; such a box is dropped, and every cell that holds no box of its
    own or one short box (a number) is read from its own ink (:func:`cell_ink`). Where both readings exist,
    a number beats a non-number (the mandated tables' value cells hold numbers; label cells have longer
    boxes and keep them), then the surer reading wins."""
    gray, angle = deskew(clean(gray))
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
    todo: list[tuple[tuple[int, int, int, int], _Box | None]] = []
    images = []
    for cell, inner in covered.items():
        if len(inner) > 1 or (inner and len(inner[0].text.strip()) > 8):
            continue  # a label: the detector's lines
        img = cell_ink(gray, cell)
        if img is None:
            if inner:
                inner[0].text = digits(inner[0].text)
            continue
        todo.append((cell, inner[0] if inner else None))
        images.append(img)
    for (cell, box), (text, score) in zip(todo, _read_lines(images), strict=True):
        text = digits(text)
        if box is None:
            if text.strip() and score >= _MIN_SCORE:
                kept.append(_Box(text, score, *cell))
            continue
        first = digits(box.text)
        if first[:1] in "-−" and first[1:] == text:
            # a minus sign thinner than the cut's ink threshold is left out of the cut; the detector's
            # reading of the whole cell kept it: the same number, signed
            box.text, box.conf = first, min(box.conf, score)
        elif text.strip() and (_is_number(text), score) > (_is_number(first), box.conf):
            box.text, box.conf = text, score
        else:
            box.text = first
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


def _page(number: int, gray: Any, scale: float) -> tuple[Any, dict]:
    from nianbao.ingest import layout

    boxes, cells, angle = read_page(gray)
    chars = _chars(boxes, scale)
    height = gray.shape[0] / scale
    tables, taken = [], []
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
    free = [c for c in chars if not layout.in_any(c, taken)] if taken else chars
    stats = {"boxes": len(boxes), "skew": round(angle, 2), "confidence": [b.conf for b in boxes],
             "texts": [b.text for b in boxes]}
    return layout.Page(number, height, layout.text_lines(free), tables), stats


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
    """Cells grouped into tables: cells that touch (share a rule, within 4 points) belong to one table, and
    so do cells joined through others (connected components: on a scan the cells of one row do not all
    start at the same pixel, so a row can meet its table from both ends)."""
    parent = list(range(len(rects)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, a in enumerate(rects):
        for j in range(i):
            b = rects[j]
            if a[0] <= b[2] + 4 and a[2] >= b[0] - 4 and a[1] <= b[3] + 4 and a[3] >= b[1] - 4:
                parent[root(i)] = root(j)
    groups: dict[int, list[tuple[float, float, float, float]]] = {}
    for i, r in enumerate(rects):
        groups.setdefault(root(i), []).append(r)
    return sorted(groups.values(), key=lambda g: (min(r[1] for r in g), min(r[0] for r in g)))


def read_scan(data: bytes, name: str, *, kind: str = "pdf", dpi: int = DEFAULT_DPI) -> RawDocument:
    """Read an image-only PDF (``kind="pdf"``) or an image by OCR."""
    if not available():
        raise InputError("scanned" if kind == "pdf" else "scanned_image", name)
    from nianbao.ingest import layout
    from nianbao.ingest.builder import build_document
    from nianbao.model import ParseNote

    grays = _gray_pages_from_pdf(data, dpi, name) if kind == "pdf" else [_gray_from_image(data, name, dpi)]
    scale = dpi / 72  # pixels per PDF point (an image is scaled to ``dpi`` as an A4 page)
    pages, all_conf, skews, texts = [], [], [], []
    for i, g in enumerate(grays):
        page, stats = _page(i + 1, g, scale)
        texts.extend(stats["texts"])
        pages.append(page)
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
    doc.ocr = {"engine": ENGINE, "dpi": dpi, "pages": len(pages), "boxes": len(all_conf),
               "mean_confidence": mean, "low_confidence_boxes": low,
               "skew_corrected": skews}
    return doc

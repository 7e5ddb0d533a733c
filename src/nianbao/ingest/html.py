"""HTML reports (lxml), typically a government-portal article page.

The report body is found without the site chrome: navigation, header, footer, breadcrumb, share
bars, scripts and the 索引号/发布机构/发布日期 metadata table are dropped, then the content
container is the deepest element that holds most of the page's Chinese text, widened to take in
the article title (h1/h2) next to it. 发布日期 and 发布机构 are read from the chrome first
(``published_hint``, ``agency_hint``). Headings come from h1–h6; ``<p>``/``<div>`` and ``<br>``
break paragraphs; tables are expanded with rowspan/colspan into the full grid (copies flagged
``merged``). Bytes are decoded with the declared charset, else UTF-8, else GB18030.
"""

from __future__ import annotations

import re
from datetime import date

from nianbao.errors import InputError
from nianbao.ingest.builder import Item, build_document
from nianbao.ingest.page import PageEvidence, evidence_from_meta, is_furniture
from nianbao.model import RawDocument
from nianbao.textnorm import no_space

_CJK = re.compile(r"[\u3400-\u9fff]")
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.I)
_DROP_TAGS = {"script", "style", "noscript", "iframe", "nav", "header", "footer", "form", "button", "input",
              "select", "textarea", "aside", "object", "embed", "svg", "canvas", "map", "link", "meta", "head"}
_DROP_TOKENS = {"nav", "navbar", "menu", "breadcrumb", "crumb", "crumbs", "footer", "foot", "header", "head", "topbar",
                "top", "sidebar", "side", "share", "print", "search", "related", "relevant", "position", "location",
                "copyright", "logo", "pager", "pagination", "meta", "toolbar", "tools", "fontsize", "bdshare"}
_CHROME_TEXT = re.compile(r"^(?:当前位置|您的位置|您现在的位置|发布时间|发布日期|信息来源|来源|浏览次数|访问量|字号|【字体|字体[:：]|分享到"
                          r"|打印本页|关闭窗口|上一篇|下一篇|扫一扫)")
_META_LABELS = ("索引号", "发布机构", "发布日期", "生成日期", "成文日期", "文号", "主题分类", "公文种类", "信息来源", "发文机关",
                "有效性")
_BLOCK = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "section", "article", "blockquote",
          "center", "dd", "dt", "dl", "pre", "tr", "td", "th", "header", "footer", "main", "figure", "figcaption",
          "address", "hr", "body", "html", "tbody", "thead", "caption"}
_HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
_DATE = r"(\d{4})\s*[-年/.]\s*(\d{1,2})\s*[-月/.]\s*(\d{1,2})"


def decode_html(data: bytes) -> tuple[str, str]:
    m = _CHARSET.search(data[:4096])
    tried: list[str] = []
    if m:
        enc = m.group(1).decode("ascii", "ignore").lower()
        if enc in ("gb2312", "gbk", "x-gbk", "gb_2312-80", "cp936"):
            enc = "gb18030"
        tried.append(enc)
    for enc in tried + ["utf-8", "gb18030"]:
        try:
            return data.decode(enc), enc
        except (UnicodeDecodeError, LookupError):
            continue
    return data.decode("utf-8", errors="replace"), "utf-8"


def read_html(data: bytes, name: str) -> RawDocument:
    from lxml import etree
    from lxml import html as lhtml

    if not data.strip():
        raise InputError("empty", name)
    text, enc = decode_html(data)
    text = re.sub(r"^\s*<\?xml[^>]*>", "", text)
    parser = lhtml.HTMLParser()
    try:
        root = lhtml.document_fromstring(text, parser=parser)
    except (etree.ParserError, ValueError) as exc:
        _check_depth(parser, name)
        raise InputError("corrupt", name, type(exc).__name__) from None
    _check_depth(parser, name)
    for el in root.iter(etree.Comment, etree.ProcessingInstruction):
        el.drop_tree() if el.getparent() is not None else None
    for el in list(root.iter("script", "style", "noscript")):
        el.drop_tree()
    meta = evidence_from_meta(_metas(root))
    published, agency = _hints(root, meta)
    title = meta.title
    body = root.find("body") if root.find("body") is not None else root
    _drop_chrome(body)
    container = _container(body)
    items: list[Item] = []
    _Walker(items).walk(container)
    if title and _CJK.search(title) and not any(no_space(title) in no_space(it.text) for it in items[:4] if it.text):
        # the title sits outside the content container (a styled div, not an h1): the site's ArticleTitle
        items.insert(0, Item("heading", title, level=1))
    if not any(it.text.strip() or it.rows for it in items):
        raise InputError("empty", name)
    return build_document(name, "html", items, encoding=enc, data=data, published_hint=published,
                          agency_hint=agency)


def _check_depth(parser, name: str) -> None:
    """libxml2 stops reading below 256 nested elements: say so instead of 'empty' (issue #14)."""
    for e in parser.error_log:
        if "Excessive depth" in e.message:
            raise InputError("too_deep", name, "libxml2 最多读取 256 层，超出部分无法读取")


# --------------------------------------------------------------------------- chrome


def _page_lines(root) -> str:
    parts = []
    for t in root.itertext():
        t = t.replace("\xa0", " ").strip()
        if t:
            parts.append(t)
    return "\n".join(parts)


def _metas(root) -> dict[str, str]:
    out: dict[str, str] = {}
    for m in root.iter("meta"):
        name = (m.get("name") or m.get("property") or "").strip().lower()
        if name and m.get("content") is not None and name not in out:
            out[name] = m.get("content") or ""
    return out


def _hints(root, ev: PageEvidence) -> tuple[date | None, str | None]:
    # the site's own metadata (PubDate, ContentSource) first, then the visible 发布日期/发布机构 lines
    p2, a2 = _visible_hints(root)
    return ev.published or p2, ev.agency or a2


def _visible_hints(root) -> tuple[date | None, str | None]:
    text = _page_lines(root)
    published = None
    for label in ("发布日期", "发布时间", "成文日期", "生成日期"):
        m = re.search(label + r"\s*[:：]?\s*\n?\s*" + _DATE, text)
        if m:
            try:
                published = date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
                break
            except ValueError:
                continue
    agency = None
    for label in ("发布机构", "发文机关", "信息来源", "来源"):
        m = re.search(label + r"\s*[:：]\s*\n?\s*([^\s【】|｜:：]{2,40})", text)
        if m and _CJK.search(m.group(1)):
            agency = m.group(1)
            break
    return published, agency


def _cjk(el) -> int:
    return len(_CJK.findall(el.text_content()))


def _tokens(el) -> set[str]:
    raw = f"{el.get('class') or ''} {el.get('id') or ''}".lower()
    return {t for t in re.split(r"[\s_\-]+", raw) if t}


def _drop_chrome(body) -> None:
    total = max(1, _cjk(body))
    doomed = []
    for el in body.iter():
        if not isinstance(el.tag, str) or el is body:
            continue
        tag = el.tag.lower()
        if tag in _DROP_TAGS or _tokens(el) & _DROP_TOKENS:
            doomed.append(el)
            continue
        if tag == "table":
            t = el.text_content()
            if sum(1 for lab in _META_LABELS if lab in t) >= 2:
                doomed.append(el)
                continue
        if tag in ("div", "p", "span", "td", "li", "ul", "table"):
            raw_t = el.text_content().strip()
            t = no_space(raw_t)
            if len(t) < 120 and (_CHROME_TEXT.match(t) or is_furniture(raw_t)):
                doomed.append(el)
    for el in doomed:
        # never drop what holds most of the page's text (a content div named "main-header" …)
        if el.getparent() is not None and _cjk(el) < 0.5 * total:
            el.drop_tree()


def _container(body):
    counts: dict = {}
    for el in body.iter():
        if isinstance(el.tag, str):
            counts[el] = _cjk(el)
    total = counts.get(body, 0)
    if not total:
        return body
    best = body
    for el, n in counts.items():
        if el.tag in ("div", "article", "section", "td", "main", "body", "center") and n >= 0.6 * total:
            if n < counts.get(best, total + 1) or (n == counts.get(best) and _depth(el) > _depth(best)):
                best = el
    for _ in range(3):
        parent = best.getparent()
        if parent is None or parent is body.getparent():
            break
        heads = [h for h in parent.iter("h1", "h2") if not _inside(h, best)]
        extra = counts.get(parent, 0) - counts.get(best, 0)
        if heads and extra <= 0.25 * counts.get(best, 0) + 80:
            best = parent
        else:
            break
    return best


def _depth(el) -> int:
    d = 0
    while el is not None:
        el = el.getparent()
        d += 1
    return d


def _inside(el, anc) -> bool:
    while el is not None:
        if el is anc:
            return True
        el = el.getparent()
    return False


# --------------------------------------------------------------------------- text


def _clean(text: str) -> str:
    t = re.sub(r"[\s\u00a0]+", " ", text)
    t = re.sub(r"(?<=[^\x00-\x7f]) (?=[^\x00-\x7f])", "", t)
    return t.strip(" \u3000")


def _join(parts: list[str]) -> str:
    out = ""
    for p in parts:
        if out and p and out[-1].isascii() and out[-1].isalnum() and p[0].isascii() and p[0].isalnum():
            out += " "
        out += p
    return out


class _Walker:
    def __init__(self, items: list[Item]) -> None:
        self.items = items
        self.buf: list[str] = []

    def flush(self, level: int | None = None) -> None:
        text = _clean("".join(self.buf))
        self.buf = []
        if text:
            self.items.append(Item("heading" if level else "paragraph", text, level=level))

    def walk(self, el) -> None:
        self._el(el, top=True)
        self.flush()

    def _el(self, el, top: bool = False) -> None:
        tag = el.tag.lower() if isinstance(el.tag, str) else ""
        if tag == "table":
            self.flush()
            rows, merged = _table(el)
            if rows:
                self.items.append(Item("table", rows=rows, merged=merged))
        elif tag == "br":
            self.flush()
        elif tag in _BLOCK or tag in _HEADINGS:
            self.flush()
            self.buf.append(el.text or "")
            for child in el:
                self._el(child)
            self.flush(_HEADINGS.get(tag))
        else:
            if tag:
                self.buf.append(el.text or "")
                for child in el:
                    self._el(child)
        if not top and el.tail:
            self.buf.append(el.tail)


def _cell_text(cell) -> str:
    parts: list[str] = []
    line: list[str] = []

    def rec(e) -> None:
        tag = e.tag.lower() if isinstance(e.tag, str) else ""
        if tag in ("br", "p", "div", "li"):
            parts.append(_clean("".join(line)))
            line.clear()
        if tag:
            line.append(e.text or "")
            for ch in e:
                rec(ch)
        if tag in ("p", "div", "li"):
            parts.append(_clean("".join(line)))
            line.clear()
        if e is not cell and e.tail:
            line.append(e.tail)

    rec(cell)
    parts.append(_clean("".join(line)))
    return _join([p for p in parts if p])


def _table(tbl) -> tuple[list[list[str]], list[list[bool]]]:
    trs = [tr for tr in tbl.iter("tr") if _nearest_table(tr) is tbl]
    grid: dict[tuple[int, int], tuple[str, bool]] = {}
    width = 0
    for r, tr in enumerate(trs):
        c = 0
        for cell in tr:
            if not isinstance(cell.tag, str) or cell.tag.lower() not in ("td", "th"):
                continue
            while (r, c) in grid:
                c += 1
            rs = _int(cell.get("rowspan"))
            cs = _int(cell.get("colspan"))
            text = _cell_text(cell)
            for dr in range(rs):
                if r + dr >= len(trs):
                    break
                for dc in range(cs):
                    grid[(r + dr, c + dc)] = (text, (dr, dc) != (0, 0))
            c += cs
            width = max(width, c)
    rows, merged = [], []
    for r in range(len(trs)):
        rows.append([grid.get((r, c), ("", False))[0] for c in range(width)])
        merged.append([grid.get((r, c), ("", False))[1] for c in range(width)])
    return rows, merged


def _nearest_table(el):
    p = el.getparent()
    while p is not None and (not isinstance(p.tag, str) or p.tag.lower() != "table"):
        p = p.getparent()
    return p


def _int(v: str | None) -> int:
    try:
        return max(1, min(200, int((v or "1").strip())))
    except ValueError:
        return 1

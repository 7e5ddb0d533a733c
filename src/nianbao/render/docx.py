"""The annotated DOCX: the author's own document with every finding as a Word comment on its evidence.

Works on the OOXML parts directly (lxml on the zip) rather than through python-docx's save, which
re-serialises every part: here only ``word/document.xml``, ``word/comments.xml``, the document's
relationships and ``[Content_Types].xml`` are written; every other part (styles, numbering, headers,
footers, images …) is copied byte for byte from the original zip entry.

* A finding with a location gets a comment whose range is exactly its evidence (runs are split at
  the evidence's first and last character); a table finding's range covers the cells it names, a
  blank cell is commented as a whole; a finding about the whole report sits on the title.
* A typo or punctuation finding whose suggestion is one obvious replacement (“将“X”改为“Y”。” with X
  the evidence) is also offered as a tracked change (w:del / w:ins) the author can accept or reject.
* For PDF, HTML and text input :func:`render_docx` first writes a plain DOCX of the report (headings,
  paragraphs, tables) and the same comments are added to it.
"""

from __future__ import annotations

import re
import zipfile
from copy import deepcopy
from dataclasses import dataclass
from io import BytesIO

from lxml import etree

from nianbao.model import Report
from nianbao.render.common import severity_label
from nianbao.render.docx_map import CharPos, OffsetMap, W, build_map
from nianbao.textnorm import no_space

W_NS = W[1:-1]
NB = "{urn:nianbao:tmp}"  # temporary markers, removed before saving
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
COMMENTS_TYPE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments"
COMMENTS_CT = "application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"
OFFICE_DOC = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
AUTHOR = "nianbao"
INITIALS = "NB"
_REPLACE = re.compile(r"^(?:如属\S{1,4}，)?将“([^”]{1,20})”改为“([^”]{0,20})”。?$")
_FIXABLE = ("typo", "punctuation")


@dataclass
class _Anchor:
    cid: int
    finding: dict
    start: CharPos | None = None  # first character of the evidence
    end: CharPos | None = None  # last character of the evidence
    cell: object | None = None  # a blank table cell commented as a whole
    replacement: str | None = None
    evidence: str | None = None  # shown in the comment when the range is not the evidence itself


def comment_text(f: dict, whole: bool = False, evidence: str | None = None) -> list[str]:
    """The comment's paragraphs: rule, severity and message; scope or evidence; suggestion."""
    head = f"【{f.get('rule', '')} {severity_label(f.get('severity', ''))}】{f.get('message', '')}"
    out = [head]
    if whole:
        out.append("（针对全文）")
    elif evidence:
        out.append("证据：" + (evidence if len(evidence) <= 200 else evidence[:199] + "…"))
    if f.get("suggestion"):
        out.append(f"建议：{f['suggestion']}")
    return out


def replacement_of(f: dict, text: str) -> str | None:
    """The one obvious replacement a typo/punctuation finding's suggestion names, if its evidence is X."""
    if f.get("category") not in _FIXABLE:
        return None
    loc = f.get("location") or {}
    s, e = loc.get("start"), loc.get("end")
    m = _REPLACE.match((f.get("suggestion") or "").strip())
    if m is None or s is None or e is None or text[s:e] != m.group(1) or m.group(1) == m.group(2):
        return None
    return m.group(2)


# --------------------------------------------------------------------------- public API


def annotate_docx(data: bytes, report: Report, findings: list[dict], *, tracked: bool = True) -> bytes:
    """A copy of DOCX ``data`` (the file ``report`` was read from) with ``findings`` as comments."""
    zin = zipfile.ZipFile(BytesIO(data))
    doc_name = _main_part(zin)
    rels_name = _rels_name(doc_name)
    doc = etree.fromstring(zin.read(doc_name))
    body = doc.find(f"{W}body")
    omap = build_map(body, report.raw)
    comments_name, comments = _comments_part(zin, doc_name, rels_name)
    next_id = 1 + max((int(c.get(f"{W}id")) for c in comments.findall(f"{W}comment")
                       if (c.get(f"{W}id") or "").isdigit()), default=-1)
    anchors = _anchors(report, findings, omap, next_id, tracked)
    rev_id = 1 + max((int(v) for el in doc.iter() if (v := el.get(f"{W}id")) and v.isdigit()), default=0)
    rev_id = max(rev_id, next_id + len(anchors)) + 1000
    _place(anchors, rev_id)
    for a in anchors:
        comments.append(_comment_el(a))
    out = BytesIO()
    with zipfile.ZipFile(out, "w") as zout:
        names = zin.namelist()
        for info in zin.infolist():
            name = info.filename
            if name == doc_name:
                zout.writestr(info, _xml(doc))
            elif name == comments_name:
                zout.writestr(info, _xml(comments))
            elif name == rels_name:
                zout.writestr(info, _with_comments_rel(zin.read(name), doc_name, comments_name))
            elif name == "[Content_Types].xml":
                zout.writestr(info, _with_comments_ct(zin.read(name), comments_name))
            else:
                zout.writestr(info, zin.read(name))
        if comments_name not in names:
            zout.writestr(_new_info(comments_name), _xml(comments))
        if rels_name not in names:
            zout.writestr(_new_info(rels_name), _with_comments_rel(None, doc_name, comments_name))
    return out.getvalue()


def render_docx(report: Report) -> bytes:
    """A plain DOCX of the report as nianbao read it (for PDF, HTML and text input)."""
    import docx
    from docx.shared import Pt

    d = docx.Document()
    d.core_properties.author = d.core_properties.last_modified_by = AUTHOR
    d.core_properties.title = report.meta.title or ""
    d.core_properties.comments = "nianbao 根据所读到的报告文字生成，供加批注使用（原文件不是 Word 文档）。"
    style = d.styles["Normal"]
    style.font.size = Pt(12)
    rpr = style.element.get_or_add_rPr()
    fonts = rpr.find(f"{W}rFonts")
    if fonts is None:
        fonts = etree.SubElement(rpr, f"{W}rFonts")
    fonts.set(f"{W}eastAsia", "宋体")
    title = report.meta.title_loc
    for b in report.raw.blocks:
        if title is not None and title.start is not None and b.start <= title.start < b.end:
            d.add_heading(b.text, level=0)  # the report's title in the Title style
        elif b.kind == "table":
            rows = b.rows or []
            width = max((len(r) for r in rows), default=0)
            if not rows or not width:
                continue
            t = d.add_table(rows=len(rows), cols=width)
            t.style = "Table Grid"
            for r, row in enumerate(rows):
                for cell in row:
                    t.cell(r, cell.col).text = cell.text
        elif b.kind == "heading":
            d.add_heading(b.text, level=min(max(b.level or 1, 0), 9))
        else:
            d.add_paragraph(b.text)
    buf = BytesIO()
    d.save(buf)
    return buf.getvalue()


def annotated_docx(report: Report, findings: list[dict], source: bytes | None = None, *, tracked: bool = True) -> bytes:
    """The annotated copy of a DOCX source, or a DOCX rendering of any other report with the comments."""
    if source is not None and report.raw.format == "docx":
        return annotate_docx(source, report, findings, tracked=tracked)
    return annotate_docx(render_docx(report), report, findings, tracked=tracked)


# --------------------------------------------------------------------------- anchors


def _is_whole(f: dict) -> bool:
    return (f.get("location") or {}).get("start") is None


def _anchors(report: Report, findings: list[dict], omap: OffsetMap, first_id: int, tracked: bool) -> list[_Anchor]:
    text = report.text
    title = _title_span(report, omap)
    out: list[_Anchor] = []
    for n, f in enumerate(findings):
        a = _Anchor(first_id + n, f)
        loc = f.get("location") or {}
        s, e = loc.get("start"), loc.get("end")
        span = None
        if s is not None and e is not None:
            span = omap.mapped_in(s, max(e, s + 1))
            if span is None:
                tc = omap.blank_cells.get(s)
                if tc is not None:
                    a.cell = tc
                else:
                    span = _block_span(report, omap, s)
        if a.cell is None:
            span = span or title
            if span is None:
                continue
            a.start, a.end = omap.chars[span[0]], omap.chars[span[1]]
            if tracked and s is not None:
                a.replacement = replacement_of(f, text)
        ev = f.get("evidence") or ""
        if s is not None and e is not None and ev and no_space(ev) != no_space(text[s:e]):
            a.evidence = ev  # e.g. a table identity: the cells and values it involves
        out.append(a)
    _drop_conflicting_changes(out)
    return out


def _title_span(report: Report, omap: OffsetMap) -> tuple[int, int] | None:
    loc = report.meta.title_loc
    if loc is not None and loc.start is not None and loc.end is not None:
        span = omap.mapped_in(loc.start, loc.end)
        if span:
            return span
    for b in report.raw.blocks:
        if b.kind != "table" and (span := omap.mapped_in(b.start, b.end)):
            return span
    return None


def _block_span(report: Report, omap: OffsetMap, offset: int) -> tuple[int, int] | None:
    for b in report.raw.blocks:
        if b.start <= offset <= b.end:
            if b.kind == "table":
                for row in b.rows or []:
                    for c in row:
                        if c.start is not None and c.start <= offset <= (c.end or c.start):
                            return omap.mapped_in(c.start, max(c.end or c.start, c.start + 1))
            return omap.mapped_in(b.start, b.end)
    return None


def _key(p: CharPos) -> tuple[int, int]:
    return (id(p.t), p.idx)


def _drop_conflicting_changes(anchors: list[_Anchor]) -> None:
    """A tracked change only where no other comment begins or ends inside its evidence."""
    for a in anchors:
        if a.replacement is None:
            continue
        own = a.finding["location"]
        s, e = own["start"], own["end"]
        for b in anchors:
            if b is a:
                continue
            loc = b.finding.get("location") or {}
            bs, be = loc.get("start"), loc.get("end")
            if bs is None or be is None:
                continue
            if s < bs < e or s < be < e or (b.replacement is not None and bs < e and s < be and b.cid < a.cid):
                a.replacement = None
                break


# --------------------------------------------------------------------------- XML edits


def _el(tag: str, **attrs: str):
    el = etree.Element(tag)
    for k, v in attrs.items():
        el.set(f"{W}{k}", v)
    return el


def _split(pos: CharPos) -> tuple[object, object | None]:
    """Split the run holding pos.t so that pos starts a run. Returns (run before or None, run starting at pos)."""
    t, idx = pos.t, pos.idx
    run = t.getparent()
    content = [c for c in run if c.tag != f"{W}rPr"]
    k = content.index(t)
    text = t.text or ""
    if idx == 0 and k == 0:
        return None, run
    right = etree.Element(run.tag, attrib=dict(run.attrib))
    rpr = run.find(f"{W}rPr")
    if rpr is not None:
        right.append(deepcopy(rpr))
    if idx == 0:
        moved = content[k:]
    else:
        t2 = etree.SubElement(right, f"{W}t")
        t2.text = text[idx:]
        t2.set(XML_SPACE, "preserve")
        t.text = text[:idx]
        t.set(XML_SPACE, "preserve")
        moved = content[k + 1:]
    for c in moved:
        right.append(c)
    run.addnext(right)
    return run, right


def _after(pos: CharPos):
    """The run that ends just after pos (splitting it there)."""
    t = pos.t
    text = t.text or ""
    if pos.idx + 1 < len(text):
        left, _ = _split(CharPos(t, pos.idx + 1))
        return left
    run = t.getparent()
    content = [c for c in run if c.tag != f"{W}rPr"]
    if content and content[-1] is t:
        return run
    nxt = content[content.index(t) + 1]
    left, _ = _split(CharPos(nxt, 0)) if nxt.tag == f"{W}t" else _split_before_child(run, nxt)
    return left


def _split_before_child(run, child):
    right = etree.Element(run.tag, attrib=dict(run.attrib))
    rpr = run.find(f"{W}rPr")
    if rpr is not None:
        right.append(deepcopy(rpr))
    content = [c for c in run if c.tag != f"{W}rPr"]
    for c in content[content.index(child):]:
        right.append(c)
    run.addnext(right)
    return run, right


def _place(anchors: list[_Anchor], rev_id: int) -> None:
    # ends first, from the end of the document backwards, so earlier positions stay valid
    events: list[tuple[int, int, int, _Anchor]] = []
    order = _doc_order(anchors)
    for a in anchors:
        if a.cell is not None:
            continue
        events.append((order[_key(a.end)], 1, a.cid, a))  # end: after the last character
        events.append((order[_key(a.start)], 0, a.cid, a))  # start: before the first character
    # at one character, the end (after it) is placed before the start (before it) is, since
    # splitting after a character leaves the positions before it intact
    events.sort(key=lambda ev: (ev[0], ev[1]), reverse=True)
    for _, kind, _, a in events:
        if kind == 1:
            run = _after(a.end)
            at = run
            while (nxt := at.getnext()) is not None and nxt.tag == f"{NB}tc-end":
                at = nxt
            at.addnext(_ref_run(a.cid))
            at.addnext(_el(f"{W}commentRangeEnd", id=str(a.cid)))
            if a.replacement is not None:
                run.addnext(etree.Element(f"{NB}tc-end", cid=str(a.cid)))
        else:
            _, run = _split(a.start)
            at = run
            while (prv := at.getprevious()) is not None and prv.tag == f"{NB}tc-start":
                at = prv
            at.addprevious(_el(f"{W}commentRangeStart", id=str(a.cid)))
            if a.replacement is not None:
                run.addprevious(etree.Element(f"{NB}tc-start", cid=str(a.cid)))
    for a in anchors:
        if a.cell is not None:
            _comment_cell(a)
    for a in anchors:
        if a.replacement is not None:
            rev_id = _track_change(a, rev_id)


def _doc_order(anchors: list[_Anchor]) -> dict[tuple[int, int], int]:
    """Document position of every anchored character (index of its w:t in the body, then index)."""
    ts = {id(p.t): p.t for a in anchors for p in (a.start, a.end) if p is not None}
    if not ts:
        return {}
    root = next(iter(ts.values())).getroottree().getroot()
    rank = {id(t): i for i, t in enumerate(root.iter(f"{W}t")) if id(t) in ts}
    return {_key(p): rank[id(p.t)] * 1_000_000 + p.idx for a in anchors for p in (a.start, a.end) if p is not None}


def _ref_run(cid: int):
    r = etree.Element(f"{W}r")
    rpr = etree.SubElement(r, f"{W}rPr")
    etree.SubElement(rpr, f"{W}rStyle").set(f"{W}val", "CommentReference")
    etree.SubElement(r, f"{W}commentReference").set(f"{W}id", str(cid))
    return r


def _comment_cell(a: _Anchor) -> None:
    ps = a.cell.findall(f"{W}p")
    if not ps:
        ps = [etree.SubElement(a.cell, f"{W}p")]
    first, last = ps[0], ps[-1]
    ppr = first.find(f"{W}pPr")
    start = _el(f"{W}commentRangeStart", id=str(a.cid))
    if ppr is not None:
        ppr.addnext(start)
    else:
        first.insert(0, start)
    last.append(_el(f"{W}commentRangeEnd", id=str(a.cid)))
    last.append(_ref_run(a.cid))


def _track_change(a: _Anchor, rev_id: int) -> int:
    root = a.start.t.getroottree().getroot()
    cid = str(a.cid)
    s = next((m for m in root.iter(f"{NB}tc-start") if m.get("cid") == cid), None)
    e = next((m for m in root.iter(f"{NB}tc-end") if m.get("cid") == cid), None)
    ok = s is not None and e is not None and s.getparent() is e.getparent()
    runs: list = []
    if ok:
        el = s.getnext()
        while el is not None and el is not e:
            runs.append(el)
            el = el.getnext()
        ok = el is e and bool(runs) and all(r.tag == f"{W}r" for r in runs) and all(
            c.tag in (f"{W}rPr", f"{W}t") for r in runs for c in r)
    if ok:
        dele = _el(f"{W}del", id=str(rev_id), author=AUTHOR)
        s.addnext(dele)
        for r in runs:
            for t in r.findall(f"{W}t"):
                t.tag = f"{W}delText"
                t.set(XML_SPACE, "preserve")
            dele.append(r)
        ins = _el(f"{W}ins", id=str(rev_id + 1), author=AUTHOR)
        dele.addnext(ins)
        if a.replacement:
            r = etree.SubElement(ins, f"{W}r")
            rpr = runs[0].find(f"{W}rPr")
            if rpr is not None:
                r.append(deepcopy(rpr))
            t = etree.SubElement(r, f"{W}t")
            t.text = a.replacement
            t.set(XML_SPACE, "preserve")
        else:
            ins.getparent().remove(ins)
        rev_id += 2
    for m in (s, e):
        if m is not None:
            m.getparent().remove(m)
    return rev_id


def _comment_el(a: _Anchor):
    c = _el(f"{W}comment", id=str(a.cid), author=AUTHOR, initials=INITIALS)
    for i, line in enumerate(comment_text(a.finding, _is_whole(a.finding), a.evidence)):
        p = etree.SubElement(c, f"{W}p")
        ppr = etree.SubElement(p, f"{W}pPr")
        etree.SubElement(ppr, f"{W}pStyle").set(f"{W}val", "CommentText")
        if i == 0:
            r0 = etree.SubElement(p, f"{W}r")
            rpr = etree.SubElement(r0, f"{W}rPr")
            etree.SubElement(rpr, f"{W}rStyle").set(f"{W}val", "CommentReference")
            etree.SubElement(r0, f"{W}annotationRef")
        r = etree.SubElement(p, f"{W}r")
        t = etree.SubElement(r, f"{W}t")
        t.text = line
        t.set(XML_SPACE, "preserve")
    return c


# --------------------------------------------------------------------------- package parts


def _xml(el) -> bytes:
    return etree.tostring(el, xml_declaration=True, encoding="UTF-8", standalone=True)


def _new_info(name: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
    info.compress_type = zipfile.ZIP_DEFLATED
    return info


def _main_part(z: zipfile.ZipFile) -> str:
    try:
        rels = etree.fromstring(z.read("_rels/.rels"))
        for r in rels.findall(f"{{{REL_NS}}}Relationship"):
            if r.get("Type") == OFFICE_DOC:
                return r.get("Target", "word/document.xml").lstrip("/")
    except KeyError:
        pass
    return "word/document.xml"


def _rels_name(part: str) -> str:
    folder, _, base = part.rpartition("/")
    return f"{folder}/_rels/{base}.rels" if folder else f"_rels/{base}.rels"


def _comments_part(z: zipfile.ZipFile, doc_name: str, rels_name: str):
    folder = doc_name.rpartition("/")[0]
    names = set(z.namelist())
    if rels_name in names:
        rels = etree.fromstring(z.read(rels_name))
        for r in rels.findall(f"{{{REL_NS}}}Relationship"):
            if r.get("Type") == COMMENTS_TYPE and r.get("TargetMode") != "External":
                target = r.get("Target", "")
                name = target.lstrip("/") if target.startswith("/") else f"{folder}/{target}".lstrip("/")
                if name in names:
                    return name, etree.fromstring(z.read(name))
    name = f"{folder}/comments.xml".lstrip("/")
    return name, etree.Element(f"{W}comments", nsmap={"w": W_NS})


def _with_comments_rel(data: bytes | None, doc_name: str, comments_name: str) -> bytes:
    rels = etree.fromstring(data) if data else etree.Element(f"{{{REL_NS}}}Relationships", nsmap={None: REL_NS})
    if any(r.get("Type") == COMMENTS_TYPE for r in rels.findall(f"{{{REL_NS}}}Relationship")):
        return data if data is not None else _xml(rels)
    ids = {r.get("Id") for r in rels}
    n = 1
    while f"rId{n}" in ids:
        n += 1
    folder = doc_name.rpartition("/")[0]
    target = comments_name[len(folder) + 1:] if folder and comments_name.startswith(folder + "/") else "/" + comments_name
    etree.SubElement(rels, f"{{{REL_NS}}}Relationship", Id=f"rId{n}", Type=COMMENTS_TYPE, Target=target)
    return _xml(rels)


def _with_comments_ct(data: bytes, comments_name: str) -> bytes:
    types = etree.fromstring(data)
    part = "/" + comments_name
    if any(o.get("PartName") == part for o in types.findall(f"{{{CT_NS}}}Override")):
        return data
    etree.SubElement(types, f"{{{CT_NS}}}Override", PartName=part, ContentType=COMMENTS_CT)
    return _xml(types)


def comment_anchors(data: bytes) -> dict[int, tuple[str, str]]:
    """comment id -> (text its range covers in the body, the comment's text): for tests and checks.

    Deleted text of a tracked change counts as covered (it is what the comment is about)."""
    z = zipfile.ZipFile(BytesIO(data))
    doc_name = _main_part(z)
    body = etree.fromstring(z.read(doc_name)).find(f"{W}body")
    comments_name, comments = _comments_part(z, doc_name, _rels_name(doc_name))
    notes = {int(c.get(f"{W}id")): "\n".join("".join(t.text or "" for t in p.iter(f"{W}t")) for p in c.findall(f"{W}p"))
             for c in comments.findall(f"{W}comment")}
    open_: set[int] = set()
    covered: dict[int, list[str]] = {}
    for el in body.iter(f"{W}commentRangeStart", f"{W}commentRangeEnd", f"{W}t", f"{W}delText"):
        if el.tag == f"{W}commentRangeStart":
            open_.add(int(el.get(f"{W}id")))
        elif el.tag == f"{W}commentRangeEnd":
            open_.discard(int(el.get(f"{W}id")))
        elif not any(a.tag == f"{W}ins" for a in el.iterancestors()):
            for cid in open_:
                covered.setdefault(cid, []).append(el.text or "")
    return {cid: ("".join(covered.get(cid, [])), note) for cid, note in notes.items()}

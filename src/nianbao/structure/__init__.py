"""Structure: RawDocument -> Report (metadata, the six parts, the mandated tables, parse notes)."""

from __future__ import annotations

from nianbao.errors import InputError
from nianbao.ingest.script import simplify
from nianbao.model import Block, Location, Paragraph, ParseNote, Part, RawDocument, Report, Table
from nianbao.structure.meta import build_meta
from nianbao.structure.sections import build_part, find_part_headings
from nianbao.structure.spec import label_key
from nianbao.structure.tables import detect_proactive_layout, parse_proactive, parse_requests, parse_review_litigation
from nianbao.textnorm import no_space
from nianbao.views import walk_headings

__all__ = ["parse_report"]

_TABLE_PARSERS = {
    "proactive": parse_proactive,
    "requests": parse_requests,
    "review_litigation": parse_review_litigation,
}


def _guess_table_id(block: Block) -> str | None:
    t = label_key(block.text)
    if "勾稽" in t or "本年新收" in t or "予以公开" in t:
        return "requests"
    if "结果维持" in t and "尚未审结" in t:
        return "review_litigation"
    if "信息内容" in t or "第二十条" in t or detect_proactive_layout(block.text) != "unknown":
        return "proactive"
    return None


def parse_report(raw: RawDocument, *, require_report: bool = True) -> Report:
    raw = simplify(raw)  # a traditional-script rendering is read as the simplified text it was converted from
    notes: list[ParseNote] = list(raw.notes)
    hits = find_part_headings(raw.blocks)
    blocks = raw.blocks
    # where the body ends: the 落款 (signature) is not part six
    parts: list[Part] = []
    extra: list[Part] = []
    first_part_block = hits[0].block_index if hits else len(blocks)
    for i, hit in enumerate(hits):
        end_idx = hits[i + 1].block_index if i + 1 < len(hits) else len(blocks)
        body = blocks[hit.block_index + 1 : end_idx]
        end = blocks[end_idx].start if end_idx < len(blocks) else len(raw.text)
        part = build_part(raw, hit, body, blocks[hit.block_index].start, end)
        (parts if hit.pid else extra).append(part)
    # tables: by the part they stand in, else by their content
    table_blocks: dict[str, list[Block]] = {}
    for b in blocks:
        if b.kind != "table":
            continue
        owner = None
        for hit_i, hit in enumerate(hits):
            nxt = hits[hit_i + 1].block_index if hit_i + 1 < len(hits) else len(blocks)
            if blocks[hit.block_index].start <= b.start and (nxt >= len(blocks) or b.start < blocks[nxt].start):
                owner = hit.pid
        tid = owner if owner in _TABLE_PARSERS else None
        guessed = _guess_table_id(b)
        if guessed and guessed != tid:
            tid = guessed
        if tid:
            table_blocks.setdefault(tid, []).append(b)
    tables: dict[str, Table] = {}
    for tid, tbs in table_blocks.items():
        tables[tid] = _TABLE_PARSERS[tid](tbs, notes)
    headings_text = "".join(p.title for p in parts + extra)
    tail_from = blocks[hits[-1].block_index].start if hits else 0
    meta = build_meta(raw, tables, headings_text, tail_from)
    if meta.published_source == "page" and meta.published and meta.year and meta.published.year >= meta.year + 2:
        # a portal's date two years or more after the report's year is a re-posting's (a site moved: a 2012 report
        # "发布时间：2018-02-13"), not the day the report was published: a doubt, never a late publication (D-04)
        notes.append(ParseNote("page_date_repost", f"网页的发布日期{meta.published.isoformat()}比{meta.year}年度报告晚两年以上，"
                                                   "多为网站改版后重新发布的日期，不作为报告的公布日期，未据此判断是否逾期公布。"))
        meta.published, meta.published_source = None, None
    # the signature lines are not paragraphs of part six
    if meta.signature_loc and parts:
        last = parts[-1]
        sig_start = meta.signature_loc.start or 0
        cut = sig_start
        keep = [p for p in last.paragraphs if (p.loc.start or 0) < sig_start]
        # the agency line just before the date
        if keep and len(keep[-1].text) <= 40 and not keep[-1].text.endswith("。") and (
            meta.agency and (keep[-1].text in meta.agency or meta.agency.endswith(keep[-1].text)
                             or keep[-1].text.endswith(("政府", "局", "办公室", "办事处", "委员会", "中心", "街道")))
        ):
            cut = keep[-1].loc.start or cut
            keep = keep[:-1]
        last.paragraphs = keep
        for h in walk_headings(last.headings):
            h.paragraphs = [p for p in h.paragraphs if (p.loc.start or 0) < cut]
        last.end = cut
    preamble: list[Paragraph] = []
    title_end = meta.title_loc.end if meta.title_loc else -1
    for b in blocks[:first_part_block]:
        if b.kind == "table" or b.text.strip() in ("引言", "前言"):
            continue
        start = b.start
        if b.start <= title_end and meta.title_loc is not None:
            # a report saved as one flowing paragraph: the title is its head, the rest is the report's text
            rest = raw.text[title_end:b.end]
            if b.end - title_end < 20 or not rest.strip():
                continue
            start = title_end + len(rest) - len(rest.lstrip())
        loc = Location(raw.page_of(start), raw.line_of(start), start, b.end)
        preamble.append(Paragraph(raw.text[start:b.end], loc, None))
    if require_report and not parts and meta.title is None:
        raise InputError("not_report", raw.source)
    if require_report and not parts and not tables and len(no_space(raw.text)) - len(meta.title or "") < 60:
        # a page that carries the title alone (the report itself was an attachment): nothing to audit, nothing to charge
        raise InputError("title_only", raw.source)
    return Report(raw=raw, meta=meta, parts=parts, tables=tables, notes=notes, preamble=preamble,
                  extra_parts=extra)


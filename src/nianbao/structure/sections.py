"""Find the six mandated parts, their sub-heading tree and their paragraphs."""

from __future__ import annotations

import re
from dataclasses import dataclass

from nianbao.model import Block, Heading, Paragraph, Part, RawDocument
from nianbao.structure.spec import format_spec, label_key
from nianbao.vocab import PART_NUMBERS

CN_NUM = "一二三四五六七八九十"
# (a dash typed for 一 — "—、总体情况", the two look alike — is read as part one, and its title is then not canonical)
_DASH_ONE = "—－―–"
PART_HEADING = re.compile(rf"^\s*(?P<num>[{CN_NUM}]{{1,3}}|[{_DASH_ONE}])\s*(?P<sep>[、.．,，:：\s])\s*(?P<title>.{{2,60}})$")
# (a page that lost the opening bracket writes "二)依申请公开": still a level-1 heading, its label as written)
SUB1 = re.compile(rf"^\s*(?P<label>[（(]?\s*[{CN_NUM}]{{1,3}}\s*[)）])\s*(?P<title>.*)$")
SUB2 = re.compile(r"^\s*(?P<label>\d{1,2}\s*[.．、](?!\d))\s*(?P<title>.*)$")
_BOLD = re.compile(r"^\*\*(.+?)\*\*")
ORDINALS = {ch: i + 1 for i, ch in enumerate(CN_NUM)}


@dataclass
class PartHit:
    block_index: int
    pid: str | None  # None: a heading of no mandated part (2008-era 收费及减免 …)
    number: str
    title: str
    canonical: bool
    obsolete: bool


def classify_part_heading(title: str) -> tuple[str | None, bool, bool] | None:
    """Map a part heading's title (after the numbering) to a part id; (pid, canonical, obsolete) or None."""
    spec = format_spec()
    t = label_key(title)
    for words in spec["extra_parts"].values():
        if any(label_key(w) in t for w in words):
            return None, False, True
    order = ["review_litigation", "problems", "other", "proactive", "requests", "overview"]
    for pid in order:
        p = spec["parts"][pid]
        if any(label_key(k) in t for k in p["keywords"]):
            canonical = t == label_key(p["canonical"]) or t in {label_key(v) for v in p.get("variants", [])}
            obsolete = t in {label_key(v) for v in p.get("obsolete", [])}
            return pid, canonical, obsolete
    return None


def _part_heading(block: Block, expected_next: int) -> PartHit | None:
    if block.kind == "table":
        return None
    text = block.text.strip()
    if len(text) > 64 or text.endswith(("。", "；")):
        return None
    m = PART_HEADING.match(text)
    if not m:
        return _unnumbered_part_heading(text, expected_next)
    title = m.group("title").strip()
    if "。" in title or "；" in title:
        return None
    hit = classify_part_heading(title)
    num = m.group("num")
    if num in _DASH_ONE:
        if hit is None or hit[0] != "overview" or expected_next != 1:
            return None  # a dash opens a list item, not a part, unless it stands for 一 before part one's title
        return PartHit(-1, hit[0], "一", text, False, hit[2])
    if hit is None:
        # an unrecognised top-level heading only counts when its number is the next one expected
        if ORDINALS.get(num) != expected_next:
            return None
        return PartHit(-1, None, num, text, False, False)
    pid, canonical, obsolete = hit
    return PartHit(-1, pid, num, text, canonical, obsolete)


# a part's own title on its line with its number lost ("、主动公开政府信息情况") or turned into a list mark by the page
# ("- 总体情况"), or part one's title standing alone at the head of the report ("总体情况")
_UNNUMBERED = re.compile(r"^\s*(?P<mark>[、.．\-–—•·*]\s*)?(?P<title>[^\s、.．].{1,40}?)\s*[。：:]?$")


def _unnumbered_part_heading(text: str, expected_next: int) -> PartHit | None:
    """The next expected part's exact title (canonical or a declared variant) without its number: read as that part,
    its heading not canonical (S-03 notes it) — never "报告缺少第N部分" for a part that is there. A bare title is
    read so only for part one; a later part needs the lost number's trace (a leading 、 or list mark), because a
    part's sub-heading may repeat a later part's title ("主动公开政府信息情况" under 总体情况)."""
    m = _UNNUMBERED.match(text)
    if not m or not 1 <= expected_next <= len(CN_NUM):
        return None
    hit = classify_part_heading(m.group("title"))
    if hit is None or hit[0] is None or not hit[1]:
        return None
    pid = hit[0]
    number = PART_NUMBERS[pid]
    if ORDINALS.get(number) != expected_next or (expected_next > 1 and not m.group("mark")):
        return None
    return PartHit(-1, pid, number, text, False, hit[2])


def find_part_headings(blocks: list[Block]) -> list[PartHit]:
    hits: list[PartHit] = []
    seen: set[str] = set()
    expected = 1
    for i, b in enumerate(blocks):
        h = _part_heading(b, expected)
        if h is None:
            continue
        if h.pid is not None and h.pid in seen:
            continue  # a second "一、…" later (e.g. inside part five's list) is not a new part
        # numbering must not go backwards (protects against "一、" list items deep inside a part)
        n = ORDINALS.get(h.number, 0)
        if hits and n and n < ORDINALS.get(hits[-1].number, 0):
            continue
        h.block_index = i
        hits.append(h)
        if h.pid:
            seen.add(h.pid)
        expected = n + 1
    return hits


def _heading_of(text: str) -> tuple[int, str, str, str | None] | None:
    """(level, label, name, inline_text) for a sub-heading line, else None."""
    for level, rx in ((1, SUB1), (2, SUB2)):
        m = rx.match(text)
        if not m:
            continue
        label, rest = m.group("label").strip(), m.group("title").strip()
        if not rest:
            return level, label, "", None
        bold = _BOLD.match(rest)
        if bold:
            return level, label, bold.group(1).rstrip("。：:"), rest[bold.end():] or None
        if len(rest) <= 40 and not re.search(r"[。；]", rest[:-1]):
            return level, label, rest.rstrip("。：:"), None
        # a numbered paragraph: its first sentence is the heading
        first = re.split(r"[。：:]", rest, maxsplit=1)[0]
        if len(first) <= 30:
            return level, label, first, rest
        return None
    return None


def _title_of(text: str, name: str, inline: str | None) -> str:
    """The heading as written: the whole line, or for a run-in heading ("（一）主动公开情况。2023年，……") the
    numbering and the lead-in up to its closing mark, not the paragraph it opens."""
    if inline is None or not name:
        return text
    cut = text.find(name)
    if cut < 0:
        return text
    cut += len(name)
    while cut < len(text) and text[cut] in "。：:*":
        cut += 1
    return text[:cut].rstrip("*").rstrip()


def build_part(raw: RawDocument, hit: PartHit, blocks: list[Block], start: int, end: int) -> Part:
    b0 = raw.blocks[hit.block_index]
    part = Part(
        id=hit.pid or "",
        title=hit.title,
        number=hit.number,
        loc=_loc(raw, b0.start, b0.end),
        canonical=hit.canonical,
        end=end,
    )
    stack: list[Heading] = []
    for b in blocks:
        if b.kind == "table":
            continue
        text = b.text
        h = _heading_of(text)
        if h is not None:
            level, label, name, inline = h
            node = Heading(title=_title_of(text, name, inline), label=label, name=name, level=level,
                           loc=_loc(raw, b.start, b.end), inline_text=inline)
            while stack and stack[-1].level >= level:
                stack.pop()
            (stack[-1].children if stack else part.headings).append(node)
            stack.append(node)
            if inline:
                # the numbered line carries its own paragraph text
                para = Paragraph(text, _loc(raw, b.start, b.end), part.id or None, node.title,
                                 tuple(x.title for x in stack))
                node.paragraphs.append(para)
                part.paragraphs.append(para)
            continue
        para = Paragraph(text, _loc(raw, b.start, b.end), part.id or None, stack[-1].title if stack else None,
                         tuple(x.title for x in stack))
        if stack:
            stack[-1].paragraphs.append(para)
        part.paragraphs.append(para)
    return part


def _loc(raw: RawDocument, start: int, end: int):
    from nianbao.model import Location

    return Location(page=raw.page_of(start), line=raw.line_of(start), start=start, end=end)

"""Comparing a report with the same body's report of the year before (跨年度比对).

What the cross-year rules (``rules/crossyear.py``, codes Y-xx), the audit's ``previous`` block and the
batch's per-body history read: the key numbers of a report, their year-on-year view, the problems last
year's report listed (part 五) and where this year's report answers them, and the narrative sentences
this year's report took over from last year's (the mandated template wording left out, by the same
template list the batch's copy detection uses). Pure functions over two typed Reports; no I/O.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from nianbao.model import Paragraph, Report
from nianbao.textnorm import compact

# key numbers: (key, label, table, [(row, col), ...] summed)
_DENIED = [f"denied_{i}" for i in range(1, 9)]
_UNABLE = [f"unable_{i}" for i in range(1, 4)]
_NOT_PROCESSED = [f"not_processed_{i}" for i in range(1, 6)]
KEY_NUMBERS: tuple[tuple[str, str, str, tuple[tuple[str, str], ...]], ...] = (
    ("received", "本年新收申请", "requests", (("new", "total"),)),
    ("carried_over", "上年结转申请", "requests", (("carried_over", "total"),)),
    ("granted", "予以公开", "requests", (("granted", "total"),)),
    ("partial", "部分公开", "requests", (("partial", "total"),)),
    ("denied", "不予公开", "requests", tuple((r, "total") for r in _DENIED)),
    ("unable", "无法提供", "requests", tuple((r, "total") for r in _UNABLE)),
    ("not_processed", "不予处理", "requests", tuple((r, "total") for r in _NOT_PROCESSED)),
    ("handled", "办理结果总计", "requests", (("total", "total"),)),
    ("carried_forward", "结转下年度", "requests", (("carried_forward", "total"),)),
    ("reviews", "行政复议", "review_litigation", (("review", "total"),)),
    ("suits", "行政诉讼", "review_litigation", (("direct_suit", "total"), ("suit_after_review", "total"))),
)
KEY_LABELS = {k: label for k, label, _, _ in KEY_NUMBERS}

# the lead words that tell a part-五 paragraph's role when the text says it outright
_FIX_LEAD = re.compile(r"整改|改进|措施|计划|打算|下一步|今后|努力方向|工作安排|工作重点|针对|以下工作"
                       r"|将[^。；]{0,12}(?:抓好|做好|着力|重点|进一步|继续|加强)"
                       r"|^(?:\d{4}年|明年|新的一年)[，,]?[^。；]{0,8}将")
# where a problem paragraph turns to the measures ("……仍存在一定差距。下一步，我们将……一是……")
_FIX_CUT = re.compile(r"(?<=[。；;！])\s*(?:下一步|今后|为此|针对(?:上述|以上|存在的?)?问题|改进措施|整改措施"
                      r"|(?:\d{4}年|明年|新的一年)[，,]?[^。；]{0,8}将)")
_PROBLEM_LEAD = re.compile(r"问题|不足|短板|差距")
_ITEM = re.compile(r"(?:[一二三四五六七八九十]是|（[一二三四五六七八九十\d]+）|\(\d+\)|\d+[.．、]|[①②③④⑤⑥⑦⑧⑨])")
_HEAD_SENTENCE = re.compile(r"(?:（[一二三四五六七八九十]+）|[一二三四五六七八九十]+、)?[^。；：:]{0,20}?(?:问题|不足|情况|措施|计划)[。：:]")
_CLAUSE_END = re.compile(r"[。；;！？]")
_WORD = re.compile(r"\w")
_FIGURES = re.compile(r"\d+(?:\.\d+)?")
_CJK_TERM = re.compile(r"^[\u4e00-\u9fff]{2,}$")
DEFAULT_STOP = frozenset(
    "存在 问题 主要 部分 不够 不足 较为 还需 仍需 进一步 加强 工作 信息 政府信息 公开 政务公开 本年度 全年 年内"
    " 情况 没有 尚未 有待 提升 提高 完善 不断 需要 仍然 个别 一些 方面 相关 有关 还是 开展 推进 做好 工作人员"
    " 今后 下一步 本局 我局 我镇 我区 我县 我市 本机关 本单位 单位 机关 上年度 年度 报告 指出 针对 整改"
    " 取得 一定 成效 成绩 对照 上级 要求 群众 期盼 差距 虽然 但是 一些 仍 存在的 政府信息公开 还有 有待".split())


# --------------------------------------------------------------------------- key numbers


def _sum(value: Callable[[str, str, str], Any], tid: str, cells: Sequence[tuple[str, str]]) -> int | float | None:
    vals = [value(tid, r, c) for r, c in cells]
    if any(v is None for v in vals):
        return None
    total = sum(vals)
    return int(total) if float(total).is_integer() else total


def key_numbers(report: Report) -> dict[str, int | float | None]:
    """The numbers an evaluator compares across years (None where the table does not give them)."""
    def value(tid: str, row: str, col: str) -> Any:
        t = report.tables.get(tid)
        c = t.cell(row, col) if t is not None else None
        return c.value if c is not None and c.status == "number" else None

    return {key: _sum(value, tid, cells) for key, _, tid, cells in KEY_NUMBERS}


def audit_key_numbers(audit: dict[str, Any]) -> dict[str, int | float | None]:
    """:func:`key_numbers` read from an audit dict's ``tables`` (the batch and ``serve`` summaries)."""
    def value(tid: str, row: str, col: str) -> Any:
        c = (((audit.get("tables") or {}).get(tid) or {}).get("cells") or {}).get(row, {}).get(col)
        return c.get("value") if c and c.get("status", "number") == "number" else None

    return {key: _sum(value, tid, cells) for key, _, tid, cells in KEY_NUMBERS}


def year_on_year(report: Report, previous: Report) -> list[dict[str, Any]]:
    """One row per key number: this year's value, last year's and the change."""
    now, before = key_numbers(report), key_numbers(previous)
    rows = []
    for key, label, _, _ in KEY_NUMBERS:
        a, b = now[key], before[key]
        rows.append({"key": key, "label": label, "current": a, "previous": b,
                     "change": (a - b) if a is not None and b is not None else None})
    return rows


def comparable(report: Report, previous: Report) -> str | None:
    """Why the two reports cannot be compared as consecutive years (None when they can)."""
    y, py = report.meta.year, previous.meta.year
    if y is not None and py is not None and py != y - 1:
        return f"上一年度报告的年度为{py}年，不是本报告（{y}年度）的上一年，未做跨年度比对。"
    return None


def agency_key(agency: str | None) -> str | None:
    """An agency name normalised for matching a body's reports (NFKC, no blanks, full-width brackets);
    the batch's copy detection uses the same key for a unit's identity."""
    if not agency:
        return None
    s = compact(agency)
    return s.replace("(", "（").replace(")", "）") or None


_PARENT = re.compile(r"(?:省|自治区|市|自治州|州|盟|地区)$")
_OWN_PLACE = re.compile(r"^(?!经济|高新|开发|工业|保税|综合|农业|旅游|产业)[\u4e00-\u9fff]{1,8}?(?:区|县|旗|镇|乡|街道)")


def same_body(a: str | None, b: str | None) -> bool | None:
    """Whether two agency names name the same body (None when one is unknown): equal keys, or one is the
    other with its parent divisions in front ("淮安市洪泽区人民政府" and "洪泽区人民政府")."""
    ka, kb = agency_key(a), agency_key(b)
    if not ka or not kb:
        return None
    if ka == kb:
        return True
    short, long = sorted((ka, kb), key=len)
    return long.endswith(short) and bool(_PARENT.search(long[: -len(short)])) and bool(_OWN_PLACE.match(short))


def body_keys(agencies: Iterable[str | None]) -> dict[str, str]:
    """agency key -> the key of its body: a name without its parent divisions joins the one full name
    it is the end of (when exactly one name in the set is)."""
    keys = sorted({k for a in agencies if (k := agency_key(a))})
    present = set(keys)
    longer: dict[str, list[str]] = {}  # key -> the longer keys that end with it (in sorted order)
    for o in keys:  # only a key's own suffixes can be its shorter names: linear in the total length
        for i in range(1, len(o)):
            if o[i:] in present:
                longer.setdefault(o[i:], []).append(o)
    out = {}
    for k in keys:
        hits = [o for o in longer.get(k, ()) if same_body(k, o)]
        out[k] = hits[0] if len(hits) == 1 else k
    return out


# --------------------------------------------------------------------------- last year's problems


@dataclass(frozen=True)
class Item:
    """A numbered item (一是… / 1. …) or clause of a part-五 paragraph, with its offsets."""

    text: str
    start: int
    end: int
    para: Paragraph


@dataclass
class FollowUp:
    """One of last year's problems and where this year's report answers it."""

    problem: Item  # in the previous report
    terms: list[str]  # its key terms
    status: str  # addressed | unclear | unaddressed
    shared: list[str] = field(default_factory=list)  # key terms found in the answer
    answer: Item | None = None  # the best answering item of this year's report


def _role(report: Report, p: Paragraph) -> str:
    """'problem', 'fix' or '' for a paragraph of part 五: the lead words decide when there are any,
    otherwise the classifier's topic (问题 / 改进措施). The measures' words count in the first 24 characters,
    the problems' in the whole first sentence ("……取得一定成效，但仍存在一些不足：")."""
    own = p.heading if p.heading and not p.text.startswith(p.heading[:8]) else p.text
    if _FIX_LEAD.search(own[:24]):
        return "fix"
    if _PROBLEM_LEAD.search(re.split(r"[。；;！？]", own[:80], maxsplit=1)[0]):
        return "problem"
    pred = report.views.prediction(p)
    if pred is not None:
        return {"问题": "problem", "改进措施": "fix"}.get(pred.topic, "")
    return ""


def _turn(p: Paragraph) -> int | None:
    """Where a problem paragraph turns to the measures (None when it does not)."""
    m = _FIX_CUT.search(p.text, 10)
    return m.start() if m else None


def _items(p: Paragraph, clauses: bool = False, lo: int = 0, hi: int | None = None) -> list[Item]:
    """The numbered items of ``p.text[lo:hi]`` (a lead sentence such as "（一）存在的主要问题。" left
    out); with ``clauses`` every item is further cut at 。；."""
    text, base = p.text[:hi] if hi is not None else p.text, p.loc.start or 0
    skip = _HEAD_SENTENCE.match(text, lo)
    pos = skip.end() if skip else lo
    marks = [m.start() for m in _ITEM.finditer(text, pos)]
    marks = [m for m in marks if m == pos or text[m - 1] in "。；;：:，, \n"] or [pos]
    if marks[0] != pos and text[pos:marks[0]].strip():
        marks.insert(0, pos)
    bounds = list(zip(marks, [*marks[1:], len(text)], strict=True))
    out: list[Item] = []
    for a, b in bounds:
        pieces = [(a, b)]
        if clauses:
            pieces, s = [], a
            for m in _CLAUSE_END.finditer(text, a, b):
                pieces.append((s, m.end()))
                s = m.end()
            if s < b:
                pieces.append((s, b))
        for s, e in pieces:
            while s < e and text[s] in " \n\t":
                s += 1
            while e > s and text[e - 1] in " \n\t":
                e -= 1
            if e - s >= 6:
                out.append(Item(text[s:e], base + s, base + e, p))
    return out


def terms(text: str, stop: Iterable[str] = DEFAULT_STOP) -> list[str]:
    """The key terms of a text: its words of two or more Chinese characters that are not filler."""
    from nianbao.views import segment

    stop = set(stop)
    seen: dict[str, None] = {}
    for w in segment(text):
        if _CJK_TERM.match(w) and w not in stop:
            seen.setdefault(w, None)
    return list(seen)


def problems(previous: Report) -> list[Item]:
    """The problems listed in part 五 of a report, one per numbered item."""
    part = previous.part("problems")
    if part is None:
        return []
    return [it for p in part.paragraphs if _role(previous, p) == "problem" for it in _items(p, hi=_turn(p))]


def answers(report: Report) -> list[Item]:
    """The clauses of part 五 that may answer last year's problems (整改情况, 改进措施)."""
    part = report.part("problems")
    if part is None:
        return []
    out = []
    for p in part.paragraphs:
        role = _role(report, p)
        if role == "fix":
            out.extend(_items(p, clauses=True))
        elif role == "problem" and (turn := _turn(p)) is not None:  # "……问题。下一步，将……"
            out.extend(_items(p, clauses=True, lo=turn))
    return out


def follow_up(report: Report, previous: Report, *, stop: Iterable[str] = DEFAULT_STOP,
              addressed_share: float = 0.3, addressed_terms: int = 2) -> list[FollowUp]:
    """Each of last year's problems with its best answer in this year's part 五 by key-term overlap:
    ``addressed`` when at least ``addressed_terms`` terms and ``addressed_share`` of the problem's terms
    are shared, ``unaddressed`` when no term is shared, ``unclear`` in between."""
    names = "".join(a for a in (report.meta.agency, previous.meta.agency) if a)
    stop = frozenset(stop) | {w for w in terms(names, ()) if w in names}  # the body's own name is no key term
    cands = [(a, set(terms(a.text, stop))) for a in answers(report)]
    out = []
    for prob in problems(previous):
        want = terms(prob.text, stop)
        if not want:
            continue
        best: tuple[int, Item | None, list[str]] = (0, None, [])
        for a, have in cands:
            shared = [w for w in want if w in have]
            if len(shared) > best[0]:
                best = (len(shared), a, shared)
        n, ans, shared = best
        if n >= addressed_terms and n / len(want) >= addressed_share:
            status = "addressed"
        elif n == 0:
            status = "unaddressed"
        else:
            status = "unclear"
        out.append(FollowUp(prob, want, status, shared, ans))
    return out


# --------------------------------------------------------------------------- copied sentences


@dataclass(frozen=True)
class Copied:
    start: int
    end: int
    text: str
    matched: str  # last year's sentence
    matched_start: int | None
    similarity: float


def _flat(sentence: str) -> str:
    """A sentence without blanks and punctuation, figures kept (a sentence whose figures were updated
    is this year's own statement, not a copy)."""
    return "".join(_WORD.findall(unicodedata.normalize("NFKC", sentence)))


def copied_sentences(report: Report, previous: Report) -> list[Copied]:
    """This year's narrative sentences that are last year's: the same figures (and years) and a character
    3-shingle Jaccard of at least the copy detection's ``similarity``; the mandated template wording and very
    short sentences are left out by the batch copy detection's own ``extract``."""
    from nianbao.batch import copying as cp

    settings = cp.load_templates()[0]
    ours, _ = cp.extract(report)
    theirs, _ = cp.extract(previous)
    flat_theirs = [(t, _flat(t[2])) for t in theirs]
    exact = {f: t for t, f in flat_theirs}
    sh = [(t, frozenset(cp.shingles(f))) for t, f in flat_theirs]
    out = []
    for start, end, text, _norm in ours:
        if start is None:
            continue
        flat = _flat(text)
        hit, sim = exact.get(flat), 1.0
        if hit is None:
            mine = frozenset(cp.shingles(flat))
            best: tuple[float, list | None] = (0.0, None)
            for t, s in sh:
                inter = len(mine & s)
                if inter:
                    j = inter / (len(mine) + len(s) - inter)
                    if j > best[0]:
                        best = (j, t)
            sim, hit = best
            if hit is None or sim < settings.similarity or _FIGURES.findall(text) != _FIGURES.findall(hit[2]):
                continue  # a sentence whose figures (or year) were updated is this year's statement
        out.append(Copied(start, end, text, hit[2], hit[0], round(sim, 3)))
    return out


# --------------------------------------------------------------------------- the audit's block


def _loc(report: Report, start: int, end: int) -> dict[str, Any]:
    return report.location(start, end).to_dict()


def previous_block(report: Report, previous: Report, **follow_params: Any) -> dict[str, Any]:
    """The audit's ``previous`` section: which report was compared, the year-on-year key numbers and
    how last year's problems were followed up."""
    m = previous.meta
    note = comparable(report, previous)
    probs = [] if note else follow_up(report, previous, **follow_params)
    return {
        "source": previous.raw.source, "agency": m.agency, "year": m.year, "format": previous.raw.format,
        "compared": note is None, "note": note,
        "same_agency": same_body(report.meta.agency, m.agency),
        "key_numbers": year_on_year(report, previous),
        "problems": [{
            "problem": f.problem.text, "location": _loc(previous, f.problem.start, f.problem.end),
            "status": f.status, "terms": f.terms, "shared": f.shared,
            "answer": f.answer.text if f.answer else None,
            "answer_location": _loc(report, f.answer.start, f.answer.end) if f.answer else None,
        } for f in probs],
    }

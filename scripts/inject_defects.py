"""Inject known defects into a plain-text annual report (政府信息公开工作年度报告).

Importable module and CLI::

    python scripts/inject_defects.py REPORT.txt --kind period_slip --seed 3

prints the defective variant, a line ``----``, and the injection records as JSON.

``inject(text, kind, rng)`` returns ``(new_text, [Injection, ...])`` or ``None`` when the report offers no place
for that kind. Every injection records the span of the defective text in the NEW text (``evidence ==
new_text[start:end]``); for a single-span edit the text outside the span is unchanged, i.e.
``new_text[:start] == text[:start]`` and ``new_text[end:] == text[len(text) - (len(new_text) - end):]``.
For ``missing_part`` the span is empty (start == end, at the place where the part was) and ``original`` holds
the deleted text.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import tomllib
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CONFUSIONS_TOML = ROOT / "src" / "nianbao" / "data" / "lexicon" / "confusions.toml"

PART_IDS = ("overview", "proactive", "requests", "review_litigation", "problems", "other")
CN_PARTS = "一二三四五六"


@dataclass
class Injection:
    kind: str
    category: str  # format|structure|content|table|date|consistency|typo|punctuation|boilerplate
    part: str | None
    start: int
    end: int
    evidence: str
    description: str
    original: str = ""  # the text the evidence replaced (deleted text for missing_part)

    def to_dict(self) -> dict:
        return asdict(self)


CATEGORY = {
    "period_slip": "date", "wrong_year": "date", "invalid_date": "date", "late_publication": "date",
    "signature_before_year_end": "date",
    "table_identity": "table", "total_row": "table", "row_total": "table", "table4_total": "table",
    "negative_or_text_cell": "table",
    "duplicated_word": "typo", "confusion_typo": "typo",
    "halfwidth_punct": "punctuation", "doubled_punct": "punctuation",
    "mixed_brackets": "format", "bad_enumeration": "format", "obsolete_table": "format",
    "missing_part": "structure",
    "old_regulation": "content", "placeholder": "content", "missing_fee": "content",
    "self_reference": "consistency", "foreign_name": "consistency", "text_table_mismatch": "consistency",
}

# --------------------------------------------------------------------------- document helpers

PART_HEAD_RE = re.compile(r"^([一二三四五六])[、.．，\s]")
SUBHEAD_RE = re.compile(r"^[（(]([一二三四五六七八九十])[）)]")
DATE_RE = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
NUM_FIELD_RE = re.compile(r"^-?\d+(?:\.\d+)?$")


@dataclass
class Line:
    start: int
    end: int  # exclusive, without the newline
    text: str


def lines_of(text: str) -> list[Line]:
    out, pos = [], 0
    for raw in text.split("\n"):
        out.append(Line(pos, pos + len(raw), raw))
        pos += len(raw) + 1
    return out


def part_heads(text: str) -> list[tuple[str, Line]]:
    """(part id, heading line) for the six part headings, in document order."""
    heads = []
    for ln in lines_of(text):
        s = ln.text.strip()
        m = PART_HEAD_RE.match(s)
        if m and "\t" not in ln.text and len(s) <= 40 and not s.endswith("。"):
            heads.append((PART_IDS[CN_PARTS.index(m.group(1))], ln))
    return heads


def signature_start(text: str) -> int:
    """Offset where the 落款 (organ name line + date line at the end) begins; len(text) if none."""
    ls = [ln for ln in lines_of(text) if ln.text.strip()]
    if len(ls) >= 2 and DATE_RE.fullmatch(ls[-1].text.strip()) and "。" not in ls[-2].text:
        return ls[-2].start
    if ls and DATE_RE.fullmatch(ls[-1].text.strip()):
        return ls[-1].start
    return len(text)


def part_at(text: str, pos: int) -> str | None:
    cur = None
    for pid, ln in part_heads(text):
        if ln.start <= pos:
            cur = pid
    return cur


def part_span(text: str, pid: str) -> tuple[int, int] | None:
    heads = part_heads(text)
    for i, (p, ln) in enumerate(heads):
        if p == pid:
            end = heads[i + 1][1].start if i + 1 < len(heads) else signature_start(text)
            return ln.start, end
    return None


def report_year(text: str) -> int | None:
    for ln in lines_of(text):
        if ln.text.strip():
            m = re.search(r"(\d{4})\s*年", ln.text)
            return int(m.group(1)) if m else None
    return None


def title_line(text: str) -> Line | None:
    for ln in lines_of(text):
        if ln.text.strip():
            return ln
    return None


def narrative_lines(text: str) -> list[Line]:
    """Narrative paragraph lines: not the title, not headings, not table lines, not the 落款."""
    sig = signature_start(text)
    tl = title_line(text)
    out = []
    for ln in lines_of(text):
        s = ln.text.strip()
        if not s or "\t" in ln.text or ln.start >= sig or (tl and ln.start == tl.start):
            continue
        if "。" not in s or len(s) < 12:
            continue
        out.append(ln)
    return out


def _edit(text: str, start: int, end: int, new: str) -> str:
    return text[:start] + new + text[end:]


def _one(text: str, kind: str, start: int, end: int, new: str, description: str,
         part: str | None = None) -> tuple[str, list[Injection]]:
    new_text = _edit(text, start, end, new)
    inj = Injection(kind, CATEGORY[kind], part if part is not None else part_at(text, start), start,
                    start + len(new), new, description, text[start:end])
    return new_text, [inj]


def _table_lines(text: str) -> list[Line]:
    return [ln for ln in lines_of(text) if "\t" in ln.text]


def _numeric_tail(ln: Line) -> list[tuple[int, int]]:
    """Spans (relative to the line) of the trailing run of numeric tab fields."""
    fields, pos = [], 0
    for f in ln.text.split("\t"):
        fields.append((pos, pos + len(f), f))
        pos += len(f) + 1
    while fields and fields[-1][2].strip() == "":
        fields.pop()
    tail = []
    for a, b, f in reversed(fields):
        if NUM_FIELD_RE.match(f.strip()):
            tail.append((a, b))
        else:
            break
    return list(reversed(tail))


def _t3_line(text: str, pred: Callable[[str], bool]) -> list[tuple[Line, list[tuple[int, int]]]]:
    out = []
    for ln in _table_lines(text):
        label = re.sub(r"\s", "", ln.text)
        tail = _numeric_tail(ln)
        if len(tail) == 7 and pred(label):
            out.append((ln, tail))
    return out


def _replace_cells(text: str, ln: Line, changes: dict[tuple[int, int], str]) -> tuple[str, str]:
    s = ln.text
    for (a, b), v in sorted(changes.items(), reverse=True):
        s = s[:a] + v + s[b:]
    return _edit(text, ln.start, ln.end, s), s


def _table_edit(text: str, kind: str, ln: Line, changes: dict[tuple[int, int], str], desc: str):
    new_text, new_line = _replace_cells(text, ln, changes)
    inj = Injection(kind, "table", part_at(text, ln.start), ln.start, ln.start + len(new_line), new_line, desc,
                    ln.text)
    return new_text, [inj]


def _delta(rng: random.Random, v: int) -> int:
    d = rng.choice([1, 1, 2, 3, 5, 10])
    if v >= d and rng.random() < 0.4:
        return -d
    return d


# --------------------------------------------------------------------------- injectors


def inj_period_slip(text: str, rng: random.Random):
    year = report_year(text)
    if year is None:
        return None
    cands = []
    period_re = re.compile(rf"{year}\s*年\s*1\s*月\s*1\s*日(?:起)?至(?:{year}\s*年)?\s*12\s*月\s*31\s*日(?:止)?")
    for m in period_re.finditer(text):
        cands.append(("period", m.start(), m.end()))
    for ln in narrative_lines(text):
        m = re.match(rf"{year}年，", ln.text)
        if m and part_at(text, ln.start) in ("overview", "problems"):
            cands.append(("lead", ln.start, ln.start + 5))  # "2023年" (the comma stays)
        for m2 in re.finditer("全年", ln.text):
            cands.append(("quan", ln.start + m2.start(), ln.start + m2.end()))
    if not cands:
        return None
    what, a, b = rng.choice(cands)
    if what == "period":
        new = rng.choice([f"{year}年1月1日至6月30日", f"{year}年上半年", f"{year}年1-6月",
                          f"{year}年1月1日至{year}年6月30日", f"{year}年1月1日至3月31日"])
    elif what == "lead":
        new = rng.choice([f"{year}年上半年", f"{year}年第一季度", f"{year}年下半年", f"截至{year}年6月底"])
    else:
        new = rng.choice(["上半年", "第一季度", "1-6月", "截至6月底"])
    return _one(text, "period_slip", a, b, new, f"报告期应为全年，此处写作“{new}”，与年度报告统计期限不符。")


def inj_wrong_year(text: str, rng: random.Random):
    year = report_year(text)
    if year is None:
        return None
    cands = []
    for ln in narrative_lines(text):
        if part_at(text, ln.start) is None:
            continue  # the preamble's statistical period is period_slip / invalid_date territory
        for m in re.finditer(rf"(?<![〔\d]){year}年(?=，|\d{{1,2}}月)", ln.text):
            cands.append(ln.start + m.start())
    if not cands:
        return None
    a = rng.choice(cands)
    wrong = year - rng.choice([1, 1, 2])
    return _one(text, "wrong_year", a, a + 5, f"{wrong}年",
                f"{year}年度报告中以“{wrong}年”叙述本年工作，年份错误（疑为沿用往年报告）。")


def inj_invalid_date(text: str, rng: random.Random):
    ms = list(DATE_RE.finditer(text))
    ms2 = list(re.finditer(r"(\d{4})年(\d{1,2})月(?![\d份])", text))
    cands = [(m, "full") for m in ms] + [(m, "month") for m in ms2 if not any(x.start() == m.start() for x in ms)]
    if not cands:
        return None
    m, what = rng.choice(cands)
    y = m.group(1)
    if what == "full":
        new = rng.choice([f"{y}年2月30日", f"{y}年13月{m.group(3)}日", f"{y}年6月31日", f"{y}年{m.group(2)}月32日",
                          f"{y}年11月31日", f"{y}年0月{m.group(3)}日"])
    else:
        new = rng.choice([f"{y}年13月", f"{y}年14月", f"{y}年0月"])
    return _one(text, "invalid_date", m.start(), m.end(), new, f"日期“{new}”不存在。")


def inj_table_identity(text: str, rng: random.Random):
    rows = _t3_line(text, lambda lab: lab.startswith(("一、本年新收", "二、上年结转")))
    if not rows:
        return None
    ln, tail = rng.choice(rows)
    c = rng.randrange(6)
    vals = [int(ln.text[a:b].strip()) for a, b in tail]
    d = _delta(rng, vals[c])
    changes = {tail[c]: str(vals[c] + d), tail[6]: str(vals[6] + d)}
    return _table_edit(text, "table_identity", ln, changes,
                       "表三第一项加第二项之和不等于第三项加第四项之和（勾稽关系不成立）。")


def inj_total_row(text: str, rng: random.Random):
    rows = _t3_line(text, lambda lab: "（七）总计" in lab or "(七)总计" in lab)
    if not rows:
        return None
    ln, tail = rows[0]
    c = rng.randrange(6)
    vals = [int(ln.text[a:b].strip()) for a, b in tail]
    d = _delta(rng, vals[c])
    changes = {tail[c]: str(vals[c] + d), tail[6]: str(vals[6] + d)}
    return _table_edit(text, "total_row", ln, changes, "表三（七）总计不等于各项办理结果之和。")


def inj_row_total(text: str, rng: random.Random):
    rows = _t3_line(text, lambda lab: True)
    if not rows:
        return None
    ln, tail = rng.choice(rows)
    vals = [int(ln.text[a:b].strip()) for a, b in tail]
    d = _delta(rng, vals[6])
    return _table_edit(text, "row_total", ln, {tail[6]: str(vals[6] + d)},
                       "表三该行“总计”不等于六类申请人数量之和。")


def inj_table4_total(text: str, rng: random.Random):
    for ln in _table_lines(text):
        tail = _numeric_tail(ln)
        if len(tail) == 15:
            i = rng.choice([4, 9, 14])
            v = int(ln.text[tail[i][0]:tail[i][1]].strip())
            d = _delta(rng, v)
            block = {4: "行政复议", 9: "未经复议直接起诉", 14: "复议后起诉"}[i]
            return _table_edit(text, "table4_total", ln, {tail[i]: str(v + d)},
                               f"表四“{block}”的总计不等于结果维持、结果纠正、其他结果、尚未审结之和。")
    return None


def inj_negative_or_text_cell(text: str, rng: random.Random):
    cands = []
    for ln in _table_lines(text):
        for span in _numeric_tail(ln):
            cands.append((ln, span))
    if not cands:
        return None
    ln, span = rng.choice(cands)
    v = ln.text[span[0]:span[1]].strip()
    new = rng.choice([f"-{max(1, int(float(v)))}", "若干", "约5", "不详", "-1"])
    return _table_edit(text, "negative_or_text_cell", ln, {span: new}, f"表格数值单元格填写为“{new}”，应为非负数字。")


DUP_WORDS = ["执行", "推进", "加强", "进一步", "公开", "落实", "工作", "完善", "信息", "及时", "规范", "提升", "的",
             "开展", "执法"]


def inj_duplicated_word(text: str, rng: random.Random):
    cands = []
    for ln in narrative_lines(text):
        for w in DUP_WORDS:
            for m in re.finditer(re.escape(w), ln.text):
                a, b = m.start(), m.end()
                if ln.text[max(0, a - len(w)):a] == w or ln.text[b:b + len(w)] == w:
                    continue
                cands.append((ln.start + a, w))
    if not cands:
        return None
    a, w = rng.choice(cands)
    new_text = _edit(text, a, a, w)
    inj = Injection("duplicated_word", "typo", part_at(text, a), a, a + 2 * len(w), w + w,
                    f"词语重复：“{w + w}”。", w)
    return new_text, [inj]


DEFAULT_CONFUSIONS = [
    ("布署", "部署"), ("贯切", "贯彻"), ("解毒", "解读"), ("返馈", "反馈"), ("申情", "申请"), ("安照", "按照"),
    ("公式", "公示"), ("制渡", "制度"), ("考合", "考核"), ("平抬", "平台"), ("政物", "政务"), ("渠到", "渠道"),
    ("保账", "保障"), ("回映", "回应"), ("汇综", "汇总"), ("提生", "提升"), ("推近", "推进"), ("严隔", "严格"),
    ("准却", "准确"), ("针队", "针对"), ("部们", "部门"), ("落石", "落实"), ("规泛", "规范"), ("意件", "意见"),
    ("工做", "工作"), ("监察", "监督"),
]


def load_confusions() -> list[tuple[str, str]]:
    """(wrong, right) pairs: the project lexicon when present, else the built-in list."""
    if CONFUSIONS_TOML.exists():
        try:
            data = tomllib.loads(CONFUSIONS_TOML.read_text(encoding="utf-8"))
            pairs = [(p["wrong"], p["right"]) for p in data.get("pair", []) if p.get("wrong") and p.get("right")]
            if pairs:
                return pairs
        except (tomllib.TOMLDecodeError, KeyError, TypeError):
            pass
    return [p for p in DEFAULT_CONFUSIONS if p[0] != "监察"]


def inj_confusion_typo(text: str, rng: random.Random):
    cands = []
    for ln in narrative_lines(text):
        for wrong, right in load_confusions():
            for m in re.finditer(re.escape(right), ln.text):
                cands.append((ln.start + m.start(), ln.start + m.end(), wrong, right))
    if not cands:
        return None
    a, b, wrong, right = rng.choice(cands)
    return _one(text, "confusion_typo", a, b, wrong, f"错别字：“{wrong}”应为“{right}”。")


HALF = {"，": ",", "；": ";", "：": ":"}


def inj_halfwidth_punct(text: str, rng: random.Random):
    cands = []
    for ln in narrative_lines(text):
        pos = 0
        for sent in re.split(r"(?<=。)", ln.text):
            if sum(sent.count(k) for k in HALF) >= 1 and len(sent) > 8:
                cands.append((ln.start + pos, sent))
            pos += len(sent)
    if not cands:
        return None
    a, sent = rng.choice(cands)
    core = sent.rstrip("。")
    new = "".join(HALF.get(ch, ch) for ch in core)
    return _one(text, "halfwidth_punct", a, a + len(core), new, "中文句子中使用了半角标点（, ; :），应使用全角标点。")


def inj_doubled_punct(text: str, rng: random.Random):
    cands = []
    for ln in narrative_lines(text):
        for m in re.finditer("[，。；]", ln.text):
            cands.append((ln.start + m.start(), m.group()))
    if not cands:
        return None
    a, p = rng.choice(cands)
    new_text = _edit(text, a, a, p)
    return new_text, [Injection("doubled_punct", "punctuation", part_at(text, a), a, a + 2, p + p,
                                f"标点重复：“{p + p}”。", p)]


def inj_mixed_brackets(text: str, rng: random.Random):
    span = part_span(text, "overview") or part_span(text, "problems")
    if not span:
        return None
    subs = [ln for ln in lines_of(text) if span[0] <= ln.start < span[1] and "\t" not in ln.text
            and re.match(r"^（[一二三四五六七八九十]）", ln.text)]
    if len(subs) < 2:
        return None
    ln = rng.choice(subs)
    new = "(" + ln.text[1] + ")" + rng.choice(["", " "])
    return _one(text, "mixed_brackets", ln.start, ln.start + 3, new,
                f"序号括号全角、半角混用：“{new.strip()}”与其他“（）”序号不一致。")


def inj_bad_enumeration(text: str, rng: random.Random):
    heads = [ln for _, ln in part_heads(text) if ln.text[1:2] == "、"]
    if not heads:
        return None
    ln = rng.choice(heads)
    new = ln.text[0] + rng.choice([".", "．", "，", " "]) + ln.text[2:]
    return _one(text, "bad_enumeration", ln.start, ln.end, new, "部分标题序号应使用“一、”格式。")


def inj_missing_part(text: str, rng: random.Random):
    heads = part_heads(text)
    if not heads:
        return None
    i = rng.randrange(len(heads))
    pid, ln = heads[i]
    end = heads[i + 1][1].start if i + 1 < len(heads) else signature_start(text)
    removed = text[ln.start:end]
    new_text = text[:ln.start] + text[end:]
    name = ln.text.strip()
    inj = Injection("missing_part", "structure", pid, ln.start, ln.start, "",
                    f"缺少第{CN_PARTS[PART_IDS.index(pid)]}部分“{name}”。", removed)
    return new_text, [inj]


def _fmt_amount(v: float) -> str:
    return f"{v:.2f}".rstrip("0").rstrip(".")


def table2_2019_lines(t: dict, rng: random.Random) -> list[str]:
    """The 2019 trial layout, filled from 2021-style values (also used by the obsolete_table injector)."""
    r, nd = t["rules"], t["normative_docs"]
    lic = t["licensing"]["decisions"]
    pen = t["penalty"]["decisions"]
    enf = t["enforcement"]["decisions"]
    items = {k: rng.randint(0, 60) for k in ("lic", "oth", "pen", "enf", "fee")}
    chg = {k: rng.randint(0, 3) for k in items}
    oth = rng.randint(0, max(1, lic // 4))
    proc_n = rng.randint(0, 30)
    proc_amt = _fmt_amount(round(rng.uniform(0, 900), 2)) if proc_n else "0"
    return [
        "第二十条第（一）项",
        "信息内容\t本年新制作数量\t本年新公开数量\t对外公开总数量",
        f"规章\t{r['issued']}\t{r['issued']}\t{r['in_force']}",
        f"规范性文件\t{nd['issued']}\t{nd['issued']}\t{nd['in_force']}",
        "第二十条第（五）项",
        "信息内容\t上一年项目数量\t本年增/减\t处理决定数量",
        f"行政许可\t{items['lic']}\t{chg['lic']}\t{lic}",
        f"其他对外管理服务事项\t{items['oth']}\t{chg['oth']}\t{oth}",
        "第二十条第（六）项",
        "信息内容\t上一年项目数量\t本年增/减\t处理决定数量",
        f"行政处罚\t{items['pen']}\t{chg['pen']}\t{pen}",
        f"行政强制\t{items['enf']}\t{chg['enf']}\t{enf}",
        "第二十条第（八）项",
        "信息内容\t上一年项目数量\t本年增/减",
        f"行政事业性收费\t{items['fee']}\t{chg['fee']}",
        "第二十条第（九）项",
        "信息内容\t采购项目数量\t采购总金额",
        f"政府集中采购\t{proc_n}\t{proc_amt}",
    ]


def inj_obsolete_table(text: str, rng: random.Random):
    span = part_span(text, "proactive")
    if not span:
        return None
    body = [ln for ln in lines_of(text) if span[0] < ln.start < span[1] and ln.text.strip()]
    if not any("本年制发件数" in ln.text for ln in body):
        return None

    def nums(label: str) -> list[float]:
        for ln in body:
            if ln.text.split("\t")[0].strip() == label:
                return [float(x) for x in ln.text.split("\t")[1:] if NUM_FIELD_RE.match(x.strip())]
        return [0, 0, 0]

    def i(v: float) -> int:
        return int(v)

    r, nd = nums("规章"), nums("行政规范性文件")
    t = {"rules": {"issued": i(r[0]), "in_force": i(r[2])}, "normative_docs": {"issued": i(nd[0]), "in_force": i(nd[2])},
         "licensing": {"decisions": i(nums("行政许可")[0])}, "penalty": {"decisions": i(nums("行政处罚")[0])},
         "enforcement": {"decisions": i(nums("行政强制")[0])}}
    new = "\n\n".join(table2_2019_lines(t, rng)) if "\n\n" in text[body[0].start:body[-1].end] else \
        "\n".join(table2_2019_lines(t, rng))
    a, b = body[0].start, body[-1].end
    return _one(text, "obsolete_table", a, b, new,
                "2021年及以后的年度报告仍使用2019年试行格式的主动公开表格（本年新制作数量、上一年项目数量等）。",
                part="proactive")


def inj_old_regulation(text: str, rng: random.Random):
    name = "《中华人民共和国政府信息公开条例》"
    ms = [m for m in re.finditer(re.escape(name), text)]
    if not ms:
        return None
    m = ms[0]
    new = rng.choice([name + "（国务院令第492号）", "国务院令第492号" + name, name + "（2007年国务院令第492号公布）"])
    return _one(text, "old_regulation", m.start(), m.end(), new,
                "引用已被修订的条例版本（国务院令第492号），应引用2019年修订后的条例（国务院令第711号）。")


def inj_placeholder(text: str, rng: random.Random):
    cands = []
    for ln in narrative_lines(text):
        for m in re.finditer(r"(?<![\d〔年月])(\d+)(?=条|件|次|人次|个|篇)", ln.text):
            cands.append(("num", ln.start + m.start(), ln.start + m.end()))
        for m in re.finditer(r"https?://[\w./-]+", ln.text):
            cands.append(("url", ln.start + m.start(), ln.start + m.end()))
        for m in re.finditer(r"0\d{2,3}-\d{7,8}", ln.text):
            cands.append(("phone", ln.start + m.start(), ln.start + m.end()))
    if not cands:
        return None
    what, a, b = rng.choice(cands)
    if what == "num":
        new = rng.choice(["XX", "××", "  ", "X"])
    elif what == "url":
        new = rng.choice(["(具体网址)", "（具体网址）", "XXX"])
    else:
        new = rng.choice(["XXXXXXXX", "××××××××"])
    return _one(text, "placeholder", a, b, new, f"存在未填写的模板占位内容“{new}”。")


def inj_missing_fee(text: str, rng: random.Random):
    span = part_span(text, "other")
    if not span:
        return None
    lns = lines_of(text)
    head = next(ln for ln in lns if ln.start == span[0])
    body = [ln for ln in lns if head.start < ln.start < span[1] and ln.text.strip()]
    if not body or not any("费" in ln.text for ln in body):
        return None
    kept = []
    for ln in body:
        sents = [s for s in re.split(r"(?<=。)", ln.text) if s and "费" not in s]
        if "".join(sents).strip():
            kept.append("".join(sents))
    if not kept:
        kept = [rng.choice(["暂无其他需要报告的事项。", "本年度无其他需要报告的事项。", "无。"])]
    sep = "\n\n" if "\n\n" in text[head.start:span[1]] else "\n"
    new = sep.join(kept)
    return _one(text, "missing_fee", body[0].start, body[-1].end, new,
                "第六部分未说明信息处理费的收取情况。", part="other")


SELF_RE = re.compile(r"[我本](局|委|办|厅|镇|乡|街道|县|市|区|省)(?!级|内|外|部)")
SELF_CLASS = {"局": "dept", "委": "dept", "办": "dept", "厅": "dept", "镇": "town", "乡": "town", "街道": "town",
              "县": "gov", "市": "gov", "区": "gov", "省": "gov"}


def inj_self_reference(text: str, rng: random.Random):
    ms = [m for ln in narrative_lines(text) for m in SELF_RE.finditer(text, ln.start, ln.end)]
    if not ms:
        return None
    m = rng.choice(ms)
    cls = SELF_CLASS[m.group(1)]
    new = rng.choice({"dept": ["我镇", "我街道", "我县"], "town": ["我局", "我委", "我区"],
                      "gov": ["我局", "我镇", "我委"]}[cls])
    return _one(text, "self_reference", m.start(), m.end(), new,
                f"自称“{new}”与报告主体不符（疑为套用其他单位报告）。")


FOREIGN = {"县": ["白沙县", "石泉县", "丰宁县", "东坪县", "溪口县"], "区": ["河西区", "城南区", "望城区"],
           "市": ["临川市", "云阳市", "安澜市", "东岳市"], "镇": ["柳溪镇", "梅林镇", "桃源镇", "双河镇"],
           "乡": ["高坪乡", "大坝乡", "白马乡"], "街道": ["东湖街道", "城西街道", "翠屏街道"], "省": ["海澄省", "江岭省"]}


def inj_foreign_name(text: str, rng: random.Random):
    tl = title_line(text)
    if tl is None:
        return None
    head = re.split(r"\d{4}", tl.text)[0]
    places = re.findall(r"[\u4e00-\u9fff]{1,3}?(?:街道|省|市|县|区|镇|乡)", head)
    cands = []
    for ln in narrative_lines(text):
        for p in places:
            for m in re.finditer(re.escape(p), ln.text):
                cands.append((ln.start + m.start(), ln.start + m.end(), p))
        for m in SELF_RE.finditer(ln.text):
            cands.append((ln.start + m.start(), ln.start + m.end(), m.group()))
    if not cands:
        return None
    a, b, p = rng.choice(cands)
    if p.startswith("我"):
        suf = rng.choice(["县", "区", "镇"])
        other = rng.choice(FOREIGN[suf])
        new = other + ("人民政府" if suf != "镇" else "") if p[1] in "县市区省镇乡" else other + rng.choice(
            ["教育局", "民政局", "财政局"])
    else:
        suf = next(s for s in ("街道", "省", "市", "县", "区", "镇", "乡") if p.endswith(s))
        choices = [x for x in FOREIGN[suf] if x != p and x not in text]
        if not choices:
            return None
        new = rng.choice(choices)
    return _one(text, "foreign_name", a, b, new, f"出现其他单位或地方名称“{new}”（疑为复制其他报告的残留）。")


QUOTE_RES = [
    re.compile(r"(?:收到|新收|受理)[^。；，]{0,10}?申请(\d+)件"), re.compile(r"上年结转(?:的)?(\d+)件"),
    re.compile(r"办结(\d+)件"), re.compile(r"结转下年度(?:继续办理)?(\d+)件"), re.compile(r"行政复议(\d+)件"),
    re.compile(r"行政诉讼(\d+)件"), re.compile(r"予以公开(\d+)件"), re.compile(r"部分公开(\d+)件"),
]


def inj_text_table_mismatch(text: str, rng: random.Random):
    cands = []
    for ln in narrative_lines(text):
        for rx in QUOTE_RES:
            for m in rx.finditer(text, ln.start, ln.end):
                cands.append((m.start(1), m.end(1)))
    if not cands:
        return None
    a, b = rng.choice(sorted(set(cands)))
    v = int(text[a:b])
    new = str(v + _delta(rng, v))
    return _one(text, "text_table_mismatch", a, b, new, f"正文所述数字“{new}”与统计表格数据（{v}）不一致。")


def _signature_date(text: str) -> re.Match | None:
    sig = signature_start(text)
    ms = [m for m in DATE_RE.finditer(text) if m.start() >= sig]
    return ms[-1] if ms else None


def _is_gov(text: str) -> bool:
    tl = title_line(text)
    head = re.split(r"\d{4}", tl.text)[0] if tl else ""
    return head.endswith("人民政府") and not re.search(r"(镇|乡|街道)", head) or bool(re.fullmatch(r".{2,4}[省市]", head))


def inj_late_publication(text: str, rng: random.Random):
    m = _signature_date(text)
    year = report_year(text)
    if not m or year is None:
        return None
    if _is_gov(text):
        mo, d = rng.choice([(4, rng.randint(1, 30)), (5, rng.randint(1, 31)), (6, rng.randint(1, 30))])
        deadline = "3月31日"
    else:
        mo, d = rng.choice([(2, rng.randint(1, 28)), (3, rng.randint(1, 31)), (4, rng.randint(1, 30))])
        deadline = "1月31日"
    new = f"{year + 1}年{mo}月{d}日"
    return _one(text, "late_publication", m.start(), m.end(), new,
                f"落款日期“{new}”晚于法定公布期限（{year + 1}年{deadline}前）。")


def inj_signature_before_year_end(text: str, rng: random.Random):
    m = _signature_date(text)
    year = report_year(text)
    if not m or year is None:
        return None
    mo = rng.choice([6, 9, 11, 12, 12])
    new = f"{year}年{mo}月{rng.randint(1, 30)}日"
    return _one(text, "signature_before_year_end", m.start(), m.end(), new,
                f"落款日期“{new}”早于报告年度结束（{year}年12月31日）。")


INJECTORS: dict[str, Callable[[str, random.Random], tuple[str, list[Injection]] | None]] = {
    "period_slip": inj_period_slip,
    "wrong_year": inj_wrong_year,
    "invalid_date": inj_invalid_date,
    "table_identity": inj_table_identity,
    "total_row": inj_total_row,
    "row_total": inj_row_total,
    "table4_total": inj_table4_total,
    "negative_or_text_cell": inj_negative_or_text_cell,
    "duplicated_word": inj_duplicated_word,
    "confusion_typo": inj_confusion_typo,
    "halfwidth_punct": inj_halfwidth_punct,
    "doubled_punct": inj_doubled_punct,
    "mixed_brackets": inj_mixed_brackets,
    "bad_enumeration": inj_bad_enumeration,
    "missing_part": inj_missing_part,
    "obsolete_table": inj_obsolete_table,
    "old_regulation": inj_old_regulation,
    "placeholder": inj_placeholder,
    "missing_fee": inj_missing_fee,
    "self_reference": inj_self_reference,
    "foreign_name": inj_foreign_name,
    "text_table_mismatch": inj_text_table_mismatch,
    "late_publication": inj_late_publication,
    "signature_before_year_end": inj_signature_before_year_end,
}


def inject(text: str, kind: str, rng: random.Random) -> tuple[str, list[Injection]] | None:
    """Inject one defect of ``kind``; None when the report offers no place for it."""
    if kind not in INJECTORS:
        raise KeyError(f"unknown defect kind: {kind}")
    return INJECTORS[kind](text, rng)


def make_variants(text: str, rng: random.Random, kinds: list[str] | None = None
                  ) -> list[tuple[str, list[Injection]]]:
    """One defective variant per kind (kinds that find no place are skipped)."""
    out = []
    for k in kinds or list(INJECTORS):
        res = inject(text, k, rng)
        if res is not None:
            out.append(res)
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Inject a known defect into a plain-text annual report.")
    ap.add_argument("report", type=Path)
    ap.add_argument("--kind", required=True, choices=sorted(INJECTORS))
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args(argv)
    text = args.report.read_text(encoding="utf-8")
    res = inject(text, args.kind, random.Random(args.seed))
    if res is None:
        print(f"该报告中没有可注入“{args.kind}”的位置。", file=sys.stderr)
        return 1
    new_text, injs = res
    sys.stdout.write(new_text)
    if not new_text.endswith("\n"):
        sys.stdout.write("\n")
    print("----")
    print(json.dumps([i.to_dict() for i in injs], ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""The team-written corpus (corpora/): counts, labels, splits, table identities and text/table agreement."""

from __future__ import annotations

import json
import re
import sys
from collections import Counter
from datetime import date
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpora"
TOPICS = {"主动公开", "依申请公开", "政府信息管理", "平台建设", "监督保障", "问题", "改进措施", "信息处理费", "其他"}
PARTS = {"overview", "proactive", "requests", "review_litigation", "problems", "other", None}
NUM = re.compile(r"^-?\d+(?:\.\d+)?$")


def load_manifest() -> list[dict]:
    return [json.loads(x) for x in (CORPUS / "reports" / "manifest.jsonl").read_text(encoding="utf-8").splitlines()]


def load_paragraphs() -> list[dict]:
    return [json.loads(x) for x in (CORPUS / "paragraphs.jsonl").read_text(encoding="utf-8").splitlines()]


MANIFEST = load_manifest()
PARAS = load_paragraphs()
CLEAN = [e for e in MANIFEST if e["clean"]]


def text_of(entry: dict) -> str:
    return (CORPUS / entry["file"]).read_text(encoding="utf-8")


# --------------------------------------------------------------------------- a small independent table parser


def numeric_tail(line: str) -> list[str]:
    fields = line.split("\t")
    while fields and not fields[-1].strip():
        fields.pop()
    tail: list[str] = []
    for f in reversed(fields):
        if NUM.match(f.strip()):
            tail.append(f.strip())
        else:
            break
    return list(reversed(tail))


def parse_t3(text: str) -> dict:
    """{'new', 'carried_over', 'results' (list of rows), 'total', 'carried_forward'}; rows are 7 ints."""
    out: dict = {"results": []}
    seen_second = False
    for line in text.split("\n"):
        if "\t" not in line:
            continue
        tail = numeric_tail(line)
        if len(tail) != 7:
            continue
        vals = [int(v) for v in tail]
        label = re.sub(r"\s", "", line)
        if label.startswith("一、本年新收"):
            out["new"] = vals
        elif label.startswith("二、上年结转"):
            out["carried_over"] = vals
            seen_second = True
        elif "（七）总计" in label:
            out["total"] = vals
        elif label.startswith("四、结转下年度"):
            out["carried_forward"] = vals
        elif seen_second:
            out["results"].append(vals)
    return out


def parse_t4(text: str) -> list[int] | None:
    for line in text.split("\n"):
        if "\t" in line:
            tail = numeric_tail(line)
            if len(tail) == 15:
                return [int(v) for v in tail]
    return None


def parse_t2(text: str) -> dict[str, list[float]]:
    out = {}
    for line in text.split("\n"):
        if "\t" in line:
            f = line.split("\t")
            if f[0] in ("规章", "行政规范性文件", "规范性文件", "行政许可", "行政处罚", "行政强制", "行政事业性收费",
                        "其他对外管理服务事项", "政府集中采购"):
                out[f[0]] = [float(x) for x in f[1:] if x.strip()]
    return out


def t3_problems(t3: dict) -> list[str]:
    errs = []
    for c in range(7):
        if t3["new"][c] + t3["carried_over"][c] != t3["total"][c] + t3["carried_forward"][c]:
            errs.append(f"T3-02 col {c}")
        if t3["total"][c] != sum(r[c] for r in t3["results"]):
            errs.append(f"T3-03 col {c}")
    for row in [t3["new"], t3["carried_over"], *t3["results"], t3["total"], t3["carried_forward"]]:
        if row[6] != sum(row[:6]):
            errs.append(f"T3-04 {row}")
        if min(row) < 0:
            errs.append("negative")
    return errs


def t4_problems(t4: list[int]) -> list[str]:
    return [f"T4 block {b}" for b in range(3) if t4[b * 5 + 4] != sum(t4[b * 5: b * 5 + 4])]


# --------------------------------------------------------------------------- manifest


def test_manifest_counts_and_fields():
    assert len(MANIFEST) >= 120
    assert len(CLEAN) >= 100
    defective = [e for e in MANIFEST if not e["clean"]]
    assert len(defective) >= 8
    keys = {"id", "file", "title", "agency", "level", "year", "format", "quality", "published", "split", "clean",
            "defects"}
    for e in MANIFEST:
        assert set(e) == keys
        assert (CORPUS / e["file"]).exists()
        assert e["level"] in {"province_gov", "city_gov", "county_gov", "township", "street", "department"}
        assert 2019 <= e["year"] <= 2025
        assert e["format"] == ("2021" if e["year"] >= 2021 else "2019")
        assert e["quality"] in {"excellent", "good", "fair", "poor"}
        assert e["title"] == f"{e['agency']}{e['year']}年政府信息公开工作年度报告"
        assert e["clean"] == (not e["defects"])
    for e in defective:
        assert e["quality"] == "poor"
        for d in e["defects"]:
            assert text_of(e)[d["start"]:d["end"]] == d["evidence"]
    for field in ("level", "year", "quality"):
        assert len(Counter(e[field] for e in MANIFEST)) >= (4 if field == "quality" else 6)


def test_splits_are_by_report_and_roughly_70_15_15():
    split_of = {e["id"]: e["split"] for e in MANIFEST}
    shares = Counter(split_of.values())
    assert abs(shares["train"] / len(MANIFEST) - 0.70) < 0.05
    assert abs(shares["validation"] / len(MANIFEST) - 0.15) < 0.05
    assert abs(shares["test"] / len(MANIFEST) - 0.15) < 0.05
    by_agency: dict[str, set] = {}
    for e in MANIFEST:
        by_agency.setdefault(e["agency"], set()).add(e["split"])
    assert all(len(s) == 1 for s in by_agency.values())
    for p in PARAS:
        if p["report_id"] is not None:
            assert p["split"] == split_of[p["report_id"]]


# --------------------------------------------------------------------------- paragraphs


def test_paragraph_labels():
    assert len(PARAS) >= 2000
    assert len({p["id"] for p in PARAS}) == len(PARAS)
    for p in PARAS:
        assert p["topic"] in TOPICS
        assert p["part"] in PARTS
        assert p["boilerplate"] in (0, 1)
        assert p["split"] in {"train", "validation", "test"}
    assert sum(p["boilerplate"] for p in PARAS) / len(PARAS) >= 0.25
    topics = Counter(p["topic"] for p in PARAS)
    assert min(topics[t] for t in TOPICS) >= 80
    assert sum(p["hard_case"] is not None for p in PARAS) >= 150
    # substantive paragraphs carry something of their own; generic ones carry at most one number or a year
    for p in PARAS:
        if p["boilerplate"] == 1 and p["hard_case"] is None:
            assert not re.search(r"\d", p["text"]), p


def test_paragraphs_are_lines_of_their_reports():
    texts = {e["id"]: set(text_of(e).split("\n")) for e in MANIFEST}
    for p in PARAS:
        if p["report_id"] is not None:
            assert p["text"] in texts[p["report_id"]]
            assert "\t" not in p["text"]


# --------------------------------------------------------------------------- clean reports


@pytest.mark.parametrize("entry", CLEAN, ids=[e["id"] for e in CLEAN])
def test_clean_report_tables_and_text(entry):
    text = text_of(entry)
    lines = [x for x in text.split("\n") if x.strip()]
    assert lines[0] == entry["title"]
    year = entry["year"]
    # six parts in order
    heads = [x for x in lines if re.match(r"^[一二三四五六]、", x) and "\t" not in x]
    assert [h[0] for h in heads] == list("一二三四五六")
    t3 = parse_t3(text)
    assert len(t3["results"]) == (21 if entry["format"] == "2021" else 19)
    assert t3_problems(t3) == []
    t4 = parse_t4(text)
    assert t4 is not None and t4_problems(t4) == []
    t2 = parse_t2(text)
    if entry["format"] == "2021":
        for lab in ("规章", "行政规范性文件"):
            issued, repealed, in_force = t2[lab]
            assert in_force >= issued - repealed
        assert "本年制发件数" in text and "本年新制作数量" not in text
    else:
        assert "本年新制作数量" in text and "政府集中采购" in text
    if entry["level"] not in ("province_gov", "city_gov"):
        assert t2["规章"] == [0, 0, 0]
    if entry["level"] == "township":
        assert t3["new"][6] <= 10
    # narrative numbers equal the tables
    narrative = "\n".join(x for x in lines if "\t" not in x)
    for rx, val in (
        (r"(?:收到|受理)政府信息公开申请(\d+)件", t3["new"][6]),
        (r"新收政府信息公开申请(\d+)件", t3["new"][6]),
        (r"上年结转(\d+)件", t3["carried_over"][6]),
        (r"办结(\d+)件", t3["total"][6]),
        (r"结转下年度(?:继续办理)?(\d+)件", t3["carried_forward"][6]),
        (r"被申请行政复议(\d+)件", t4[4]),
        (r"被提起行政诉讼(\d+)件", t4[9] + t4[14]),
        (r"予以公开(\d+)件", t3["results"][0][6]),
    ):
        for m in re.finditer(rx, narrative):
            assert int(m.group(1)) == val, (rx, m.group())
    # no period slips, placeholders, half-width punctuation or duplicated words
    for bad in ("上半年", "下半年", "第一季度", "1-6月", "截至6月底", "XX", "××", "具体网址", "492号"):
        assert bad not in text
    for x in lines:
        if "\t" in x:
            continue
        assert not re.search(r"[,;:()!?]", re.sub(r"https?://[\w./-]+", "", x)), x
        for m in re.finditer(r"([\u4e00-\u9fff]{1,4})\1", x):
            assert m.group() in {"政府政府", "上上", "水水", "市市"}, m.group()  # 人民政府政府信息… / 加上上年…
    # years other than the report year only as plans, comparisons or document numbers
    for m in re.finditer(r"(?<![〔\d])(\d{4})年", narrative):
        y = int(m.group(1))
        assert y in (year, year - 1, year + 1), m.group()
    # signature and deadline
    pub = date.fromisoformat(entry["published"])
    assert lines[-1] == f"{pub.year}年{pub.month}月{pub.day}日"
    assert lines[-2] == entry["agency"]
    gov = entry["level"] in ("province_gov", "city_gov", "county_gov")
    assert date(year + 1, 1, 1) <= pub <= (date(year + 1, 3, 31) if gov else date(year + 1, 1, 31))
    assert f"{year}年1月1日" in text
    assert "信息处理费" in text or "费用" in text


def test_defective_reports_break_what_they_list():
    kinds = Counter(d["kind"] for e in MANIFEST for d in e["defects"])
    assert sum(kinds.values()) >= 10 and len(kinds) >= 8
    for e in MANIFEST:
        text = text_of(e)
        for d in e["defects"]:
            if d["kind"] == "table_identity":
                assert t3_problems(parse_t3(text)), e["id"]
            if d["kind"] == "missing_fee":
                assert "费" not in text[text.index("六、其他需要报告的事项"):]


def test_build_is_deterministic_and_committed(tmp_path):
    sys.path.insert(0, str(ROOT / "scripts"))
    import build_corpus

    stats = build_corpus.build(out_dir=tmp_path)
    assert stats["reports"] == len(MANIFEST)
    assert (tmp_path / "reports" / "manifest.jsonl").read_text(encoding="utf-8") == \
        (CORPUS / "reports" / "manifest.jsonl").read_text(encoding="utf-8")
    assert (tmp_path / "paragraphs.jsonl").read_text(encoding="utf-8") == \
        (CORPUS / "paragraphs.jsonl").read_text(encoding="utf-8")
    for e in MANIFEST[:: 17]:
        assert (tmp_path / e["file"]).read_text(encoding="utf-8") == text_of(e)

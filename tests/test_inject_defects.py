"""scripts/inject_defects.py: every injector records exactly what it changed, where."""

from __future__ import annotations

import json
import random
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import inject_defects as I  # noqa: E402
from test_corpus import MANIFEST, parse_t3, parse_t4, t3_problems, t4_problems, text_of  # noqa: E402

CATEGORIES = {"format", "structure", "content", "table", "date", "consistency", "typo", "punctuation", "boilerplate"}
PARTS = {"overview", "proactive", "requests", "review_litigation", "problems", "other", None}

T3_LABELS = [
    "一、本年新收政府信息公开申请数量\t", "二、上年结转政府信息公开申请数量\t", "三、本年度办理结果\t（一）予以公开",
    "\t（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
    "\t（三）不予公开\t1.属于国家秘密", "\t\t2.其他法律行政法规禁止公开", "\t\t3.危及“三安全一稳定”",
    "\t\t4.保护第三方合法权益", "\t\t5.属于三类内部事务信息", "\t\t6.属于四类过程性信息", "\t\t7.属于行政执法案卷",
    "\t\t8.属于行政查询事项", "\t（四）无法提供\t1.本机关不掌握相关政府信息", "\t\t2.没有现成信息需要另行制作",
    "\t\t3.补正后申请内容仍不明确", "\t（五）不予处理\t1.信访举报投诉类申请", "\t\t2.重复申请", "\t\t3.要求提供公开出版物",
    "\t\t4.无正当理由大量反复申请", "\t\t5.要求行政机关确认或重新出具已获取信息",
    "\t（六）其他处理\t1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
    "\t\t2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", "\t\t3.其他", "\t（七）总计",
    "四、结转下年度继续办理\t",
]
T3_VALUES = {0: "3 1 0 0 0 0 4", 1: "1 0 0 0 0 0 1", 2: "2 1 0 0 0 0 3", 12: "1 0 0 0 0 0 1",
             23: "3 1 0 0 0 0 4", 24: "1 0 0 0 0 0 1"}


def fixture() -> str:
    t3 = [f"{lab}\t" + "\t".join(T3_VALUES.get(i, "0 0 0 0 0 0 0").split()) for i, lab in enumerate(T3_LABELS)]
    return "\n\n".join([
        "青溪县云岭镇人民政府2023年政府信息公开工作年度报告",
        "根据《中华人民共和国政府信息公开条例》要求，编制本报告。统计期限自2023年1月1日起至2023年12月31日止。",
        "一、总体情况",
        "（一）主动公开",
        "2023年，我镇在青溪县人民政府门户网站公开信息212条，其中政策文件9件。",
        "（二）依申请公开",
        "全年共收到政府信息公开申请4件，上年结转1件，办结4件，结转下年度1件。",
        "二、主动公开政府信息情况",
        "第二十条第（一）项\n信息内容\t本年制发件数\t本年废止件数\t现行有效件数\n规章\t0\t0\t0\n行政规范性文件\t1\t0\t5\n"
        "第二十条第（五）项\n信息内容\t本年处理决定数量\n行政许可\t12\n第二十条第（六）项\n信息内容\t本年处理决定数量\n"
        "行政处罚\t3\n行政强制\t0\n第二十条第（八）项\n信息内容\t本年收费金额（单位：万元）\n行政事业性收费\t0",
        "三、收到和处理政府信息公开申请情况",
        "\n".join(t3),
        "四、政府信息公开行政复议、行政诉讼情况",
        "结果维持\t结果纠正\t其他结果\t尚未审结\t总计\n1\t0\t0\t0\t1\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0",
        "五、存在的主要问题及改进情况",
        "栏目更新不够及时，全年有3次更新间隔超过10个工作日。2024年，我镇将建立栏目保障责任清单。",
        "六、其他需要报告的事项",
        "本年度我镇未收取政府信息公开信息处理费。",
        "青溪县云岭镇人民政府",
        "2024年1月18日",
    ]) + "\n"


FIX = fixture()


def check(old: str, new: str, injs: list[I.Injection], kind: str) -> None:
    assert len(injs) == 1
    inj = injs[0]
    assert inj.kind == kind
    assert inj.category == I.CATEGORY[kind] and inj.category in CATEGORIES
    assert inj.part in PARTS
    assert new[inj.start:inj.end] == inj.evidence
    assert inj.description and re.search(r"[\u4e00-\u9fff]", inj.description)
    assert new != old
    # nothing changed outside the span
    tail = len(new) - inj.end
    assert new[:inj.start] == old[:inj.start]
    assert new[inj.end:] == old[len(old) - tail:]
    assert old[inj.start:len(old) - tail] == inj.original
    json.dumps(inj.to_dict(), ensure_ascii=False)


def test_fixture_is_consistent():
    t3 = parse_t3(FIX)
    assert t3_problems(t3) == [] and len(t3["results"]) == 21
    assert t4_problems(parse_t4(FIX)) == []


@pytest.mark.parametrize("kind", sorted(I.INJECTORS))
def test_every_kind_on_fixture(kind):
    res = I.inject(FIX, kind, random.Random(3))
    if kind in ("obsolete_table", "confusion_typo") and res is None:
        pytest.fail(f"{kind} found no place")
    assert res is not None
    check(FIX, *res, kind)


SAMPLE = [e for e in MANIFEST if e["clean"]][::9]


@pytest.mark.parametrize("entry", SAMPLE, ids=[e["id"] for e in SAMPLE])
def test_all_kinds_on_corpus_reports(entry):
    text = text_of(entry)
    variants = I.make_variants(text, random.Random(11))
    kinds = set()
    for new, injs in variants:
        check(text, new, injs, injs[0].kind)
        kinds.add(injs[0].kind)
    assert len(kinds) >= 20
    if entry["format"] == "2021":
        assert "obsolete_table" in kinds
    else:
        assert "obsolete_table" not in kinds


def test_unknown_kind_raises():
    with pytest.raises(KeyError):
        I.inject(FIX, "no_such_kind", random.Random(0))


def test_table_kinds_break_exactly_their_identity():
    new, [inj] = I.inject(FIX, "table_identity", random.Random(1))
    errs = t3_problems(parse_t3(new))
    assert errs and all(e.startswith("T3-02") for e in errs)
    assert inj.evidence.startswith(("一、本年新收", "二、上年结转"))
    new, [inj] = I.inject(FIX, "total_row", random.Random(1))
    errs = t3_problems(parse_t3(new))
    assert {e[:5] for e in errs} == {"T3-02", "T3-03"}
    assert "（七）总计" in inj.evidence
    new, _ = I.inject(FIX, "row_total", random.Random(1))
    assert any(e.startswith("T3-04") for e in t3_problems(parse_t3(new)))
    new, [inj] = I.inject(FIX, "table4_total", random.Random(1))
    assert t4_problems(parse_t4(new))
    assert inj.part == "review_litigation"


def test_exact_injections_with_fixed_seed():
    new, [inj] = I.inject(FIX, "period_slip", random.Random(0))
    assert (inj.evidence, inj.original, inj.part, inj.start) == ("截至6月底", "全年", "problems", FIX.index("全年有3次"))
    new, [inj] = I.inject(FIX, "period_slip", random.Random(1))
    assert (inj.evidence, inj.original, inj.part) == ("2023年上半年", "2023年", "overview")
    assert new[inj.start:].startswith("2023年上半年，我镇在青溪县")
    new, [inj] = I.inject(FIX, "period_slip", random.Random(2))
    assert (inj.evidence, inj.original, inj.part) == ("2023年1月1日至6月30日", "2023年1月1日起至2023年12月31日止", None)
    new, [inj] = I.inject(FIX, "wrong_year", random.Random(0))
    assert (inj.evidence, inj.start, inj.part) == ("2022年", FIX.index("2023年，我镇"), "overview")
    new, [inj] = I.inject(FIX, "late_publication", random.Random(0))
    assert inj.evidence == "2024年3月13日" and new.endswith("青溪县云岭镇人民政府\n\n2024年3月13日\n")
    new, [inj] = I.inject(FIX, "signature_before_year_end", random.Random(0))
    assert inj.evidence.startswith("2023年") and inj.part == "other"
    new, [inj] = I.inject(FIX, "missing_fee", random.Random(0))
    assert "费" not in new[new.index("六、其他需要报告的事项"):]
    assert inj.original == "本年度我镇未收取政府信息公开信息处理费。"
    new, [inj] = I.inject(FIX, "self_reference", random.Random(0))
    assert inj.original == "我镇" and inj.evidence in ("我局", "我委", "我区")
    new, [inj] = I.inject(FIX, "text_table_mismatch", random.Random(0))
    assert inj.part == "overview" and inj.evidence != inj.original and inj.evidence.isdigit()
    new, [inj] = I.inject(FIX, "missing_part", random.Random(5))
    assert inj.start == inj.end and inj.evidence == ""
    assert new == FIX[:inj.start] + FIX[inj.start + len(inj.original):]
    assert inj.original.split("\n")[0] == "五、存在的主要问题及改进情况" and "五、" not in new
    new, [inj] = I.inject(FIX, "halfwidth_punct", random.Random(0))
    assert re.search(r"[,;:]", inj.evidence) and not re.search(r"[，；：]", inj.evidence)
    new, [inj] = I.inject(FIX, "mixed_brackets", random.Random(0))
    assert (inj.evidence, inj.original) == ("(二) ", "（二）")
    new, [inj] = I.inject(FIX, "obsolete_table", random.Random(0))
    assert "本年新制作数量" in new and "本年制发件数" not in new
    assert "行政规范性文件" not in inj.evidence and "规范性文件\t1\t1\t5" in inj.evidence
    new, [inj] = I.inject(FIX, "duplicated_word", random.Random(0))
    assert (inj.evidence, inj.original, inj.part) == ("工作工作", "工作", "problems")
    new, [inj] = I.inject(FIX, "placeholder", random.Random(0))
    assert (inj.evidence, inj.original) == ("X", "3")
    new, [inj] = I.inject(FIX, "text_table_mismatch", random.Random(0))
    assert (inj.evidence, inj.original, inj.start) == ("4", "1", FIX.index("下年度1件") + 3)


def test_confusion_pairs_used():
    pairs = I.load_confusions()
    assert len(pairs) >= 20
    new, [inj] = I.inject(FIX, "confusion_typo", random.Random(0))
    assert (inj.evidence, inj.original) in pairs


def test_cli_prints_variant_and_json(tmp_path):
    p = tmp_path / "r.txt"
    p.write_text(FIX, encoding="utf-8")
    out = subprocess.run([sys.executable, str(ROOT / "scripts" / "inject_defects.py"), str(p), "--kind",
                          "doubled_punct", "--seed", "4"], capture_output=True, text=True, encoding="utf-8",
                         check=True).stdout
    body, js = out.split("\n----\n")
    injs = json.loads(js)
    assert injs[0]["kind"] == "doubled_punct"
    assert body[injs[0]["start"]:injs[0]["end"]] == injs[0]["evidence"] in ("，，", "。。", "；；")

"""Punctuation rules P-01 … P-06 (GB/T 15834)."""

from __future__ import annotations

import pytest

from nianbao.audit import load_report
from nianbao.rules.engine import run_rules
from tests.conftest import text_at
from tests.rules.test_typos import clean_reports

HEAD = "青溪县人民政府2023年政府信息公开工作年度报告\n一、总体情况\n"
TAIL = "\n二、主动公开政府信息情况\n本年度主动公开政府信息123条。"
CODES = ["P-01", "P-02", "P-03", "P-04", "P-05", "P-06"]


def audit(body: str, codes=CODES, head: str = HEAD, tail: str = TAIL):
    r = load_report(head + body + tail, require_report=False)
    return r, run_rules(r, only=codes)


# ------------------------------------------------------------------------------------------ the user's example


def test_seed_gives_exactly_the_two_punctuation_defects(seed_path):
    r = load_report(seed_path)
    fs = run_rules(r, only=CODES)
    assert [(f.rule, f.part, f.evidence) for f in fs] == [
        ("P-04", "overview", "(一) 主动公开情况"),
        ("P-01", "overview", "强化工作指导监督,跟进落实"),
    ]
    mixed, half = fs
    assert text_at(r, mixed) == "(一) 主动公开情况"
    assert "“(一)”使用了半角括号" in mixed.message
    assert text_at(r, half) == "强化工作指导监督,跟进落实"
    assert half.message == "该段中文句子里使用了半角标点共6处（“,”6处），中文行文应使用全角标点。"
    assert (mixed.severity, half.severity) == ("warning", "warning")


# ------------------------------------------------------------------------------------------ P-01


def test_half_width_marks_one_finding_per_paragraph():
    r, fs = audit("强化工作指导监督,跟进落实主体责任;加强政务舆情监测:回应关切(含网络舆情)。\n"
                  "第二段全部使用全角标点，没有问题。", ["P-01"])
    assert len(fs) == 1
    f = fs[0]
    assert f.evidence == "强化工作指导监督,跟进落实"
    assert (f.location.start, f.location.end) == (r.text.index("强化"), r.text.index("强化") + 13)
    assert f.message == "该段中文句子里使用了半角标点共4处（“,”1处、“;”1处、“:”1处、“()”1处），中文行文应使用全角标点。"
    assert f.suggestion == "将该段中的半角标点改为对应的全角标点（，；：（））。"


@pytest.mark.parametrize("sentence", [
    "全年主动公开政府信息1,234条，咨询时间为每日9:00至17:30，公开率达99.5%。",
    "门户网站地址为http://www.qingxi.gov.cn，电子邮箱为qxgk@163.com。",
    "依法在(具体网址)栏目公开，并在(2023)年度目录中归档。",
    "(一)主动公开情况。本年度，我局主动公开政府信息652条。",
])
def test_half_width_near_misses(sentence):
    _, fs = audit(sentence, ["P-01"])
    assert fs == []


def test_half_width_in_headings_and_tables_is_not_p01():
    body = "(一)主动公开情况,总体平稳\n本年度主动公开政府信息652条。"
    _, fs = audit(body, ["P-01"])
    assert fs == []


# ------------------------------------------------------------------------------------------ P-02


def test_unmatched_book_title_mark():
    r, fs = audit("本机关认真贯彻《中华人民共和国政府信息公开条例，全年公开信息326条。", ["P-02"])
    assert [f.evidence for f in fs] == ["机关认真贯彻《中华人民共和"]
    assert fs[0].message == "成对标点不成对：前书名号“《”之后缺少与之对应的后书名号“》”。"
    assert fs[0].suggestion == "补上缺少的后书名号“》”，或删去多余的前书名号“《”。"
    assert r.text[fs[0].location.start:fs[0].location.end] == fs[0].evidence


def test_unmatched_closing_quote():
    _, fs = audit("坚持先审查后公开”的原则，全年审查信息326条。", ["P-02"])
    assert [f.evidence for f in fs] == ["先审查后公开”的原则，全年"]
    assert fs[0].message == "成对标点不成对：后引号之前缺少与之对应的前引号。"


@pytest.mark.parametrize("body", [
    "按照“谁公开、谁审查”的原则，在“政务公开”专栏（含子栏目12个）发布《条例》解读。",
    "工作分为三步：1）摸底调查；2）集中整改；3）总结验收。",
    "领导小组提出：“一要提高认识，二要压实责任，\n三要加强督查。”会后各村逐项落实。",
    "会议强调：“要把政务公开作为重点工作。\n“要把政策解读落到实处。”",
    "对照第二十条第（一项要求公开规范性文件。",  # W-03's finding, not a second one here
])
def test_pairs_near_misses(body):
    _, fs = audit(body, ["P-02"])
    assert fs == []


# ------------------------------------------------------------------------------------------ P-03


def test_doubled_marks():
    r, fs = audit("全年共受理申请23件，，均在法定期限内答复。。", ["P-03"])
    assert [f.evidence for f in fs] == ["理申请23件，，均在法定", "定期限内答复。。"]
    assert [f.message for f in fs] == ["标点重复或连用：“，，”。", "标点重复或连用：“。。”。"]


def test_ellipsis_and_dash_are_not_doubled():
    _, fs = audit("全年共处理申请23件……均按期办结——做到件件有回音。“好！”群众说。", ["P-03"])
    assert fs == []


# ------------------------------------------------------------------------------------------ P-04


def test_mixed_bracket_styles_level1():
    body = ("(一) 主动公开情况\n本年度主动公开政府信息1213条。\n（二）依申请公开情况\n本年度收到申请1件。\n"
            "（三）政府信息管理情况\n本年度开展保密审查56次。")
    r, fs = audit(body, ["P-04"])
    assert [(f.evidence, f.part, f.severity, f.location.line) for f in fs] == [
        ("(一) 主动公开情况", "overview", "warning", 3)]
    assert "“(一)”" in fs[0].message and "全角括号“（）”" in fs[0].message


def test_mixed_dot_styles_level2_is_info():
    body = ("1. 加强政策解读\n本年度解读政策12件。\n2、强化平台建设\n本年度新建专栏3个。\n3. 规范信息发布\n本年度发布信息56条。")
    _, fs = audit(body, ["P-04"])
    assert [(f.evidence, f.severity) for f in fs] == [("2、强化平台建设", "info")]


def test_consistent_half_width_brackets_are_not_mixed():
    body = "(一) 主动公开情况\n本年度主动公开政府信息1213条。\n(二) 依申请公开情况\n本年度收到申请1件。"
    _, fs = audit(body, ["P-04"])
    assert fs == []


# ------------------------------------------------------------------------------------------ P-05


def test_part_heading_with_dot():
    r = load_report("青溪县人民政府2023年政府信息公开工作年度报告\n一．总体情况\n本年度主动公开政府信息652条。\n"
                    "二．主动公开政府信息情况\n本年度新增规范性文件3件。", require_report=False)
    fs = run_rules(r, only=["P-05"])
    assert [(f.evidence, f.location.line) for f in fs] == [("一．总体情况", 2)]
    assert "（共2个部分标题如此）" in fs[0].message
    assert fs[0].suggestion == "将“一．”改为“一、”。"


def test_bracketed_number_followed_by_mark():
    _, fs = audit("（一）、主动公开情况\n本年度，我局主动公开政府信息652条。", ["P-05"])
    assert [f.evidence for f in fs] == ["（一）、主动公开情况"]
    assert fs[0].suggestion == "删去“（一）、”中的“、”。"


def test_correct_numbering_marks():
    _, fs = audit("（一）主动公开情况\n本年度，我局主动公开政府信息652条。", ["P-05"])
    assert fs == []


# ------------------------------------------------------------------------------------------ P-06


def test_space_inside_chinese_sentence():
    r, fs = audit("本年度，我局依托门户网站 主动公开政府信息652条，及时回应 社会关切。", ["P-06"])
    assert [f.evidence for f in fs] == ["依托门户网站 主动公开政府"]
    assert fs[0].severity == "info"
    assert fs[0].message == "中文句子中间夹有空格。本段共2处。"


@pytest.mark.parametrize("body", [
    "联系地址：青溪县文昌路8号 电话：0591-2345678，欢迎来电咨询。",
    "(一) 主动公开情况\n本年度，我局主动公开政府信息652条。",
    "青溪县 人民政府",
])
def test_space_near_misses(body):
    _, fs = audit(body, ["P-06"])
    assert fs == []


def test_spaces_in_pdf_sources_are_skipped():
    r = load_report(HEAD + "本年度，我局依托门户网站 主动公开政府信息652条，及时回应社会关切。" + TAIL,
                    require_report=False)
    r.raw.format = "pdf"
    assert run_rules(r, only=["P-06"]) == []


# ------------------------------------------------------------------------------------------ corpora


def test_no_punctuation_finding_on_clean_reports():
    found = []
    for name, r in clean_reports():
        for f in run_rules(r, only=CODES):
            found.append((name, f.rule, f.evidence))
    assert found == []

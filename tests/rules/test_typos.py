"""Typo rules W-01 (duplicated words), W-02 (confusion lexicon), W-03 (garbled text / lost characters)."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import pytest

from nianbao.audit import load_report
from nianbao.model import Report
from nianbao.rules.engine import run_rules
from tests.conftest import ROOT, text_at

HEAD = "青溪县人民政府2023年政府信息公开工作年度报告\n一、总体情况\n"
TAIL = "\n二、主动公开政府信息情况\n本年度主动公开政府信息123条。"
CODES = ["W-01", "W-02", "W-03"]


def audit(body: str, codes=CODES):
    r = load_report(HEAD + body + TAIL, require_report=False)
    return r, run_rules(r, only=codes)


# ------------------------------------------------------------------------------------------ W-01


def test_seed_duplicate_after_page_break_join(seed_path):
    r = load_report(seed_path)
    fs = run_rules(r, only=CODES)
    assert [(f.rule, f.evidence, f.part) for f in fs] == [("W-01", "执行执行", "overview")]
    f = fs[0]
    assert text_at(r, f) == "执行执行"
    assert r.text[f.location.start - 2:f.location.end + 2] == "坚决执行执行政府"
    assert f.suggestion == "将“执行执行”改为“执行”。"
    assert f.severity == "info"  # exact doubles are a note since the sixth session (docs/benchmarks.md "Severity decisions")


@pytest.mark.parametrize("sentence, evidence", [
    ("本年度，我局依法公开公开政府信息326条。", "公开公开"),
    ("全面落实落实保密审查制度，严格把关。", "落实落实"),
    ("我局进一步进一步加强政策解读工作。", "进一步进一步"),
    ("加强对政务公开工作的的管理和指导。", "的的"),
    ("并并对申请人作出书面答复。", "并并"),
    ("各单位要做好做好信息报送工作。", "做好做好"),
    # the same doubled word with no publishing verb before it: the first copy is the subject, so it is a slip
    ("本年度报告报告的内容包括总体情况等六个部分。", "报告报告"),
])
def test_duplicates_found(sentence, evidence):
    r, fs = audit(sentence)
    assert [f.evidence for f in fs] == [evidence]
    start = r.text.index(evidence)
    assert (fs[0].location.start, fs[0].location.end) == (start, start + len(evidence))
    assert fs[0].part == "overview"
    assert fs[0].location.line == 3


def test_duplicate_in_heading_is_found_and_table_cell_is_not():
    body = ("（一）主动公开公开情况\n本年度主动公开政府信息326条。\n"
            "二、主动公开政府信息情况\n第二十条第（一）项\n信息内容\t本年制发件数\t本年废止件数\t现行有效件数\n"
            "规章规章\t0\t0\t0")
    r = load_report(HEAD + body, require_report=False)
    fs = run_rules(r, only=["W-01"])
    assert [f.evidence for f in fs] == ["公开公开"]
    assert fs[0].location.line == 3


@pytest.mark.parametrize("sentence", [
    "海澄省人民政府政府信息公开工作取得新进展，区政府政府网站运行平稳。",
    "通过政务公开栏张贴惠民政策，积极公开开展情况，持续转变工作作风。",
    "各部门门户网站及时更新，组织集中学习习近平新时代中国特色社会主义思想，召开党委会会议3次。",
    "为达到目的的方式方法不断创新，2023年年初制定工作要点，2023年年底全面完成。",
    "做到事事有回音、件件有着落，村村有公开栏、户户有明白卡，把政策讲得明明白白、清清楚楚。",
    "一项项措施落到实处，区政务服务中心心理咨询室对外开放，会议议定事项及时公开。",
    "各乡镇镇长带头解读政策，规范性文件件数与上年持平，对申请人依法答复复议决定。",
    "公示示范项目名单，做到一一对应、时时处处严格把关，信息发布量节节攀升。",
    "王芳芳同志负责信息报送工作，上上下下形成合力，方方面面齐抓共管。",
    "二〇二二年度的工作安排，经集体研究研究后印发。",
    # the second copy heads a label before an address or a number (a missing comma, not a doubled word)
    "报告全文可在青溪县人民政府网站下载下载地址：www.qingxi.gov.cn，咨询咨询电话0591-1234567。",
    # a full stop lost between two sentences: the first copy ends what was published, the second opens the next one
    "根据有关规定现发布青溪县人民政府2023年政府信息公开工作年度报告报告的内容包括总体情况等六个部分。",
    "现将本单位编制的2023年度工作报告报告由六个部分组成的情况说明如下。",
])
def test_near_miss_repeats_are_not_duplicates(sentence):
    _, fs = audit(sentence, ["W-01"])
    assert fs == []


@pytest.mark.parametrize("sentence,evidence,term", [
    ("我镇在门户网站设置政府信息信息公开专栏，全年更新信息326条。", "信息信息", "政府信息公开专栏"),
    ("进一步规范规范性文件制发程序。", "规范规范", "规范性文件"),
    # legitimate only in a clumsy reading; a warning asks the author to check
    ("通过政务公开公开栏张贴惠民政策。", "公开公开", "政务公开栏"),
])
def test_a_doubled_word_split_by_the_segmenter_is_a_suspected_slip(sentence, evidence, term):
    """Where jieba cuts the two copies into neighbouring words ("政府信息|信息公开"), a domain term spanning the
    junction once a copy is dropped makes it a suspected slip (warning), not a certain one (error)."""
    _, fs = audit(sentence, ["W-01"])
    assert [(f.severity, f.evidence) for f in fs] == [("warning", evidence)]
    assert f"“{term}”" in fs[0].message


@pytest.mark.parametrize("sentence,evidence", [
    ("进一步完善监督保障保障机制，定期通报。", "保障保障"),  # the second copy opens a compound (保障机制)
    ("全年累计计发布信息331条。", "计计"),  # a character that ends a word, then left alone
    ("今年是大事多、喜喜事多的一年。", "喜喜"),  # a character left alone before a word it starts
])
def test_a_double_glued_to_its_neighbours_is_a_suspected_slip(sentence, evidence):
    _, fs = audit(sentence, ["W-01"])
    assert [(f.severity, f.evidence, f.message) for f in fs] == [
        ("warning", evidence, f"疑似词语重复：“{evidence}”中的“{evidence[:len(evidence) // 2]}”紧挨着写了两遍"
                              "（其中一遍与前后的字连成了词，容易看漏）。")]


@pytest.mark.parametrize("sentence", [
    "东城街街道办事处以以上文件为指导，分管副主任任副组长。",  # a name's last character, a function word, a verb
    "做到人人有责、天天更新、常常检查、个个落实，把情况摸得清清楚楚，经研究研究后印发。",  # reduplication
    "新村村委会按月公开村务，城关镇镇政府按季度公开财务。",
    # 微信 is not in the segmenter's dictionary (微|信|信息): two lone characters in a row are an unknown word
    "其中政府发文6条，网站信息516条，微信信息626条，上报政府信息316条。",
])
def test_glued_doubles_that_are_written_on_purpose(sentence):
    _, fs = audit(sentence, ["W-01"])
    assert fs == []


# ------------------------------------------------------------------------------------------ W-02


def test_confusion_pair_reported_with_right_form():
    r, fs = audit("年初对全年重点任务作出布署，明确责任分工。", ["W-02"])
    assert [(f.rule, f.evidence) for f in fs] == [("W-02", "布署")]
    assert fs[0].suggestion == "将“布署”改为“部署”。"
    assert "“布署”应为“部署”" in fs[0].message
    assert "“部”不作“布”" in fs[0].message
    assert text_at(r, fs[0]) == "布署"


def test_confusion_unless_context_is_respected():
    _, fs = audit("年初对全年重点任务作出部署，按排名先后通报各村落实情况。", ["W-02"])
    assert fs == []


# ------------------------------------------------------------------------------------------ W-03


def test_document_number_missing_bracket():
    r, fs = audit("本报告按照《中华人民共和国政府信息公开工作年度报告格式》（国办公开办函〔202130号）要求编制。", ["W-03"])
    assert [f.evidence for f in fs] == ["〔202130号"]
    assert "缺少右括号" in fs[0].message
    # a note: on real published pages such a lost bracket was never the author's (issue #12, docs/benchmarks.md)
    assert fs[0].cause == "report" and fs[0].severity == "info"


@pytest.mark.parametrize("sentence, evidence", [
    ("依据国办公开办函2021〕30号要求编制。", "2021〕30号"),
    ("依据国办公开办函〔2021〕号要求编制。", "〔2021〕号"),
    ("对照第二十条第（一项要求公开规范性文件。", "第二十条第（一项"),
    ("根据《条例》第条规定予以公开。", "》第条"),
])
def test_lost_characters(sentence, evidence):
    _, fs = audit(sentence, ["W-03"])
    assert [f.evidence for f in fs] == [evidence]


def test_mojibake_and_replacement_characters():
    moji = "政府信息公开专栏".encode().decode("gbk", errors="replace")  # UTF-8 read as GBK
    r, fs = audit(f"本年度共主动公开政府信息1280条，其中在{moji}发布规范性文件12件。", ["W-03"])
    assert len(fs) == 1
    assert "鏀垮簻" in fs[0].evidence
    assert "按错误编码读出的乱码" in fs[0].message and "疑为“政府信息" in fs[0].message
    _, fs = audit("全年受理申请(cid:3021)(cid:4410)件，锟斤拷均已办结。", ["W-03"])
    assert len(fs) == 1
    assert fs[0].message == "出现乱码：PDF字形编码“(cid:3021)”2处；乱码“锟斤拷”。"
    assert fs[0].evidence.startswith("受理申请(cid:3021)(cid:4410)件，锟斤拷")


def test_garble_from_pdf_is_marked_as_parse_cause():
    r = load_report(HEAD + "全年受理申请(cid:3021)件，均已办结。" + TAIL, require_report=False)
    r.raw.format = "pdf"
    fs = run_rules(r, only=["W-03"])
    assert [(f.cause, f.severity) for f in fs] == [("parse", "warning")]
    assert "PDF" in fs[0].message


@pytest.mark.parametrize("sentence", [
    "依据国办公开办函〔2021〕30号和国办函〔2020〕109号要求编制，第二十条第（一）项信息全部公开。",
    "案号为（2023）闽0582行初30号，电话0595-85799022，邮编362261，共1213条。",
])
def test_well_formed_numbers_are_not_garbled(sentence):
    _, fs = audit(sentence, ["W-03"])
    assert fs == []


# ------------------------------------------------------------------------------------------ corpora


@cache
def clean_reports() -> tuple[tuple[str, Report], ...]:
    """Every clean report of the fixtures and the corpus, parsed once for all rule tests."""
    return tuple((p.name, load_report(p)) for p in _clean_paths())


def _clean_paths() -> list[Path]:
    paths = [p for p in sorted((ROOT / "tests" / "fixtures" / "reports").glob("*.txt"))]
    expected = json.loads((ROOT / "tests" / "fixtures" / "reports" / "expected.json").read_text(encoding="utf-8"))
    paths = [p for p in paths if p.name in expected and not expected[p.name].get("defects")]
    manifest = ROOT / "corpora" / "reports" / "manifest.jsonl"
    if manifest.is_file():
        for line in manifest.read_text(encoding="utf-8").splitlines():
            m = json.loads(line)
            if m.get("clean"):
                paths.append(ROOT / "corpora" / m["file"])
    return paths


def test_no_typo_finding_on_clean_reports():
    found = []
    for name, r in clean_reports():
        for f in run_rules(r, only=CODES):
            found.append((name, f.rule, f.evidence))
    assert found == []

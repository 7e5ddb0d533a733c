"""Table, format, structure and content rules on realistic reports: exact findings, numbers and locations."""

from __future__ import annotations

import pytest

from nianbao.audit import load_report
from nianbao.rules.engine import run_rules
from tests.conftest import REPORTS

CLEAN = (REPORTS / "county_bureau_2023.txt").read_text(encoding="utf-8")
TABLE_AND_FORMAT = ["T", "F", "S", "C"]


def findings(text_or_path, only=None):
    rep = load_report(text_or_path)
    return rep, [f for f in run_rules(rep) if only is None or any(f.rule.startswith(p) for p in only)]


def replace_line(text: str, startswith: str, cells: dict[int, str]) -> str:
    lines = text.split("\n")
    for i, line in enumerate(lines):
        if line.startswith(startswith):
            parts = line.split("\t")
            for k, v in cells.items():
                parts[k] = v
            lines[i] = "\t".join(parts)
            return "\n".join(lines)
    raise AssertionError(startswith)


def test_clean_report_has_no_table_format_structure_or_content_finding():
    _, fs = findings(CLEAN, TABLE_AND_FORMAT)
    assert fs == []


def test_messy_report_identity_broken_in_two_columns_exactly():
    rep, fs = findings(REPORTS / "messy_street_2022.txt", ["T"])
    assert [(f.rule, f.cells[0]["col"]) for f in fs] == [("T3-01", "natural"), ("T3-01", "total")]
    natural = fs[0]
    assert natural.message == ("表三“自然人”列勾稽关系不成立：一（本年新收）+ 二（上年结转）= 5，"
                               "而（七）总计 + 四（结转下年度）= 4。")
    total_cell = rep.tables["requests"].cell("total", "natural")
    assert (natural.location.start, natural.location.end) == (total_cell.start, total_cell.end)
    assert natural.part == "requests" and natural.severity == "error" and natural.cause == "report"


def test_row_total_and_table4_total():
    text = replace_line(CLEAN, "一、本年新收政府信息公开申请数量", {-1: "29"})
    _, fs = findings(text, ["T3-03"])
    assert [f.message for f in fs] == ["表三“一、本年新收政府信息公开申请数量”一行的总计为 29，但六类申请人合计为 28。"]
    assert fs[0].evidence.startswith("一、本年新收政府信息公开申请数量·总计=29；")


def test_blank_cell_is_reported_once_not_as_a_cascade():
    text = replace_line(CLEAN, "一、本年新收政府信息公开申请数量", {2: ""})
    _, fs = findings(text, ["T"])
    assert [f.rule for f in fs] == ["T3-04"]
    assert "自然人（空白）" in fs[0].evidence


def test_low_confidence_cells_make_a_parse_finding_with_lower_severity():
    # a row with one value too few: the parser pads it and says it is unsure
    lines = CLEAN.split("\n")
    i = next(k for k, ln in enumerate(lines) if ln.startswith("三、本年度办理结果\t（一）予以公开"))
    lines[i] = "\t".join(lines[i].split("\t")[:-1])
    rep, fs = findings("\n".join(lines), ["T3"])
    assert any(n.code == "uncertain_row" for n in rep.notes)
    parse = [f for f in fs if f.cause == "parse"]
    assert parse and all(f.severity in ("warning", "info") for f in parse)


def test_obsolete_format_points_at_the_old_header_line():
    rep, fs = findings(REPORTS / "yunling_town_2023.txt", ["F"])
    f2 = [f for f in fs if f.rule == "F-02" and f.part == "proactive"][0]
    assert f2.evidence == "信息内容\t本年新制作数量\t本年新公开数量\t对外公开总数量"
    assert rep.text[f2.location.start:f2.location.end] == f2.evidence
    assert {f.rule for f in fs} == {"F-02", "F-03"}


def test_2019_format_is_fine_for_a_2019_report():
    _, fs = findings(REPORTS / "city_gov_2019.txt", ["F", "S", "T"])
    assert fs == []


def test_missing_part_and_period():
    text = CLEAN.replace("2023年1月1日至12月31日", "2023年1月1日至6月30日")
    start = text.index("五、存在的主要问题及改进情况")
    end = text.index("六、其他需要报告的事项")
    text = text[:start] + text[end:]
    rep, fs = findings(text, ["S"])
    rules = {(f.rule, f.part) for f in fs}
    assert ("S-01", "problems") in rules
    s07 = next(f for f in fs if f.rule == "S-07")
    assert s07.evidence == "2023年1月1日至6月30日" and s07.severity == "error"


@pytest.mark.parametrize("placeholder,expected", [("（具体网址）", "（具体网址）"), ("XX", "XX")])
def test_placeholder_exact_span(placeholder, expected):
    text = CLEAN.replace("本报告电子版可在青溪县人民政府门户网站", f"本报告电子版可在{placeholder}", 1)
    rep, fs = findings(text, ["C-06"])
    assert [f.evidence for f in fs] == [expected]
    assert rep.text[fs[0].location.start:fs[0].location.end] == expected


def test_fee_statement_required_from_2021():
    start = CLEAN.index("六、其他需要报告的事项")
    text = CLEAN[:start] + "六、其他需要报告的事项\n\n暂无其他需要说明的事项。\n\n青溪县市场监督管理局\n2024年1月22日\n"
    _, fs = findings(text, ["C-05"])
    assert [(f.rule, f.part, f.evidence) for f in fs] == [("C-05", "other", "暂无其他需要说明的事项。")]
    assert "信息处理费" in fs[0].message


def test_text_written_in_number_cells_is_the_reports_fault_and_keeps_the_row():
    lines = CLEAN.split("\n")
    for i, line in enumerate(lines):
        if "1.信访举报投诉类申请" in line:
            c = line.split("\t")
            c[-1] = "若干"
            lines[i] = "\t".join(c)
        if line.split("\t")[0] == "1" and line.count("\t") == 14:  # the table-4 data row
            c = line.split("\t")
            c[4] = "约" + c[4]
            lines[i] = "\t".join(c)
    rep, fs = findings("\n".join(lines), ["T", "S"])
    assert rep.tables["requests"].missing_rows == []
    assert rep.tables["requests"].cell("not_processed_1", "natural").value == 2
    assert [(f.rule, f.cause, f.evidence) for f in fs] == [
        ("T3-04", "report", "1.信访举报投诉类申请·总计（填写了文字“若干”）"),
        ("T4-02", "report", "行政复议·总计（填写了文字“约1”）"),
    ]


def test_table_header_missing_a_mandated_column():
    rep, fs = findings(CLEAN.replace("法律服务机构", "律所"), ["S-05"])
    assert [(f.rule, f.part, f.evidence) for f in fs] == [("S-05", "requests", "法律服务机构")]
    # a label that extraction wrapped over two lines ("商业" / "企业") is not missing
    _, fs = findings(REPORTS / "messy_street_2022.txt", ["S-05"])
    assert fs == []


def test_heading_wording_is_judged_only_against_a_format_the_report_year_had():
    """S-03 compares part titles with the unified format, which the 2019 reports were the first to follow: an
    old report's 一、概述 was the usual wording then (real dev pages of 2008-2018 drew 78 such notes, issue #12)."""
    def s03(year: int) -> list[str]:
        text = (f"青溪县白沙镇{year}年政府信息公开工作年度报告\n一、概述\n{year}年，我镇主动公开政府信息126条。\n"
                "二、主动公开政府信息情况\n全年主动公开政府信息126条。\n")
        return [f.evidence for f in findings(text, ["S-03"])[1]]

    assert s03(2016) == []
    assert s03(2023) == ["一、概述"]


def test_title_wording_is_required_from_the_2019_format_on():
    """S-06's "政府信息公开工作年度报告" wording came with the 2019 format; a 2012 title "…政府信息公开工作报告"
    was usual then (11 of the real dev split's 16 S-06 notes were such, issue #12)."""
    def s06(year: int) -> list[str]:
        text = (f"青溪县白沙镇{year}年度政府信息公开工作报告\n一、概述\n{year}年，我镇主动公开政府信息126条。\n")
        return [f.message for f in findings(text, ["S-06"])[1]]

    assert s06(2012) == []
    assert s06(2022) == ["报告标题“青溪县白沙镇2022年度政府信息公开工作报告”没有“政府信息公开工作年度报告”字样。"]

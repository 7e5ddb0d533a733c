"""The structure step on the team's fixture reports and the user's example: exact parsed values."""

from __future__ import annotations

import pytest

from nianbao.audit import load_report
from tests.conftest import REPORTS

NAMES = ["county_bureau_2023.txt", "city_gov_2019.txt", "township_2017.txt", "messy_street_2022.txt"]


@pytest.mark.parametrize("name", NAMES)
def test_metadata(name, expected_reports):
    exp = expected_reports[name]
    rep = load_report(REPORTS / name)
    m = rep.meta
    assert m.agency == exp["agency"]
    assert m.year == exp["year"]
    assert m.published.isoformat() == exp["published"]
    assert m.level == exp["level"]
    assert m.format_version == exp["format_version"]
    period = exp["period"]
    if period["start"]:
        assert (m.period_start.isoformat(), m.period_end.isoformat()) == (period["start"], period["end"])


@pytest.mark.parametrize("name", NAMES)
def test_parts_in_order(name, expected_reports):
    exp = [p for p in expected_reports[name]["parts"] if p]
    rep = load_report(REPORTS / name)
    assert [p.id for p in rep.parts] == exp


@pytest.mark.parametrize("name", NAMES)
def test_table_cells_exact(name, expected_reports):
    rep = load_report(REPORTS / name)
    cells = expected_reports[name]["table_cells"]
    if not cells:
        assert rep.tables == {}
    for key, value in cells.items():
        table, row, col = key.split(".")
        assert rep.tables[table].value(row, col) == value, key


@pytest.mark.parametrize("name", NAMES)
def test_overview_paragraph_count(name, expected_reports):
    rep = load_report(REPORTS / name)
    assert len(rep.part("overview").paragraphs) == expected_reports[name]["paragraph_count_overview"]


def test_messy_extraction_is_repaired():
    rep = load_report(REPORTS / "messy_street_2022.txt")
    t3 = rep.tables["requests"]
    assert t3.layout == "2021"
    assert t3.missing_rows == []
    # the row label cut by a page break is whole again
    assert t3.row_labels["other_1"].endswith("不再处理其政府信息公开申请")
    assert "2022 年" not in rep.text and "\r" not in rep.text
    assert "２" not in rep.text  # full-width digits normalised
    assert any(n.code == "joined_paragraph" for n in rep.notes)


def test_pre2019_report_keeps_its_fee_section_apart():
    rep = load_report(REPORTS / "township_2017.txt")
    assert rep.meta.format_version == "pre2019"
    extra = rep.extra_parts
    assert [p.title for p in extra] == ["四、政府信息公开的收费及减免情况"]


def test_blank_dash_and_none_cells_are_kept_as_what_they_are():
    text = (REPORTS / "county_bureau_2023.txt").read_text(encoding="utf-8")
    # blank one cell, put "/" and "无" in two others of table 3
    lines = text.split("\n")
    for i, line in enumerate(lines):
        if line.startswith("一、本年新收政府信息公开申请数量"):
            cells = line.split("\t")
            cells[-1], cells[-2], cells[-3] = "", "/", "无"
            lines[i] = "\t".join(cells)
    rep = load_report("\n".join(lines))
    row = rep.tables["requests"].cells["new"]
    assert (row["total"].status, row["total"].value) == ("blank", None)
    assert (row["other"].status, row["other"].raw) == ("dash", "/")
    assert (row["legal"].status, row["legal"].raw) == ("none_word", "无")


def test_seed_parses_as_the_user_expects(seed_path):
    rep = load_report(seed_path)
    m = rep.meta
    assert m.agency == "晋江市安海镇人民政府"
    assert m.year == 2023
    assert m.published.isoformat() == "2024-01-19"
    assert m.format_version == "2019"
    assert [p.id for p in rep.parts] == ["overview", "proactive", "requests", "review_litigation", "problems", "other"]
    t3 = rep.tables["requests"]
    assert t3.value("new", "natural") == 1 and t3.value("new", "total") == 1
    assert t3.value("partial", "natural") == 1 and t3.value("partial", "total") == 1
    assert all(c.value == 0 for c in t3.cells["total"].values())
    assert t3.row_labels["not_processed_3"] == "3. 要求提供公开出版物"
    t4 = rep.tables["review_litigation"]
    assert [c.value for b in t4.cells.values() for c in b.values()] == [0] * 15
    paras = [p.text for p in rep.part("overview").paragraphs]
    joined = [p for p in paras if "坚决执行执行" in p]
    assert len(joined) == 1 and "坚决执行执行政府信息公开行政复议案件审理制度" in joined[0]


def test_seed_cells_keep_provenance(seed_path):
    rep = load_report(seed_path)
    c = rep.tables["requests"].cell("new", "natural")
    assert rep.text[c.start:c.end] == "1"
    assert rep.raw.line_of(c.start) == 63
    assert c.confidence >= 0.9

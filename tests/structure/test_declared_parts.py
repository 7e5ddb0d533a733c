"""The report's own description of its parts, read once by ``structure.declared`` for S-08 and F-08 (team-written
sentences in the forms real reports use: the count after the list, the count before it, a sentence opening with 由,
an uncounted list that closes its sentence, a list that goes on to another clause)."""

from __future__ import annotations

import pytest

from nianbao.audit import load_report
from nianbao.structure.declared import read_part_lists

_SIX = "总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、政府信息公开行政复议、行政诉讼情况、存在的主要问题及改进情况、其他需要报告的事项"


def _one(text: str):
    lists = read_part_lists(text)
    assert len(lists) == 1
    d = lists[0]
    listed = text[d.list_start:d.list_end]
    count = text[d.count_start:d.count_end] if d.count_start is not None and d.count_end is not None else None
    return listed, d.items, d.count, count, d.open, d.full_stop


def test_count_after_the_list():
    text = f"根据条例要求编制本报告。本报告由{_SIX}等六部分组成，数据期限为2025年全年。"
    listed, items, n, count, is_open, stop = _one(text)
    assert listed == _SIX
    assert items == ("总体情况", "主动公开政府信息情况", "收到和处理政府信息公开申请情况", "政府信息公开行政复议、行政诉讼情况",
                     "存在的主要问题及改进情况", "其他需要报告的事项")
    assert (n, count, is_open, stop) == ("六", "六部分", True, True)


@pytest.mark.parametrize("text,listed,count", [
    ("本报告共分六个部分：总体情况、主动公开、收到和处理申请、复议诉讼、存在问题、其他事项。",
     "总体情况、主动公开、收到和处理申请、复议诉讼、存在问题、其他事项", "六个部分"),
    ("本年度报告分为七个部分，分别是概述、主动公开、依申请公开、收费及减免、复议诉讼、存在问题、其他事项。",
     "概述、主动公开、依申请公开、收费及减免、复议诉讼、存在问题、其他事项", "七个部分"),
])
def test_count_before_the_list(text, listed, count):
    got, items, _, got_count, is_open, _ = _one(text)
    assert (got, got_count, is_open) == (listed, count, False)
    assert len(items) == 6 + ("七" in count)


def test_a_sentence_opening_with_you_after_the_report_is_named():
    text = "依据条例编制本报告。由概述、主动公开政府信息情况、依申请公开政府信息情况组成，数据截至2024年12月31日。"
    listed, items, n, count, is_open, stop = _one(text)
    assert listed == "概述、主动公开政府信息情况、依申请公开政府信息情况"
    assert (len(items), n, count, is_open, stop) == (3, None, None, False, False)  # (a clause follows 组成)


def test_an_uncounted_list_that_closes_its_sentence():
    listed, items, n, _, is_open, stop = _one("全文包括总体情况、主动公开政府信息情况、存在的主要问题及改进情况等内容。")
    assert (listed, n, is_open, stop) == ("总体情况、主动公开政府信息情况、存在的主要问题及改进情况", None, True, True)


@pytest.mark.parametrize("text", [
    "由于人员调整，本报告编制时间较往年推迟。",  # 由于 opens no description
    "报告共计收到申请3件。",  # 共 with no count of parts
    "本报告由青溪县人民政府办公室编制。",  # too short to list parts, and no 组成
])
def test_sentences_that_describe_no_parts(text):
    assert read_part_lists(text) == ()


def test_the_view_is_read_once_per_report():
    text = f"青溪县人民政府2025年政府信息公开工作年度报告\n本报告由{_SIX}等六部分组成。\n一、总体情况\n2025年，全县主动公开信息326条。\n"
    report = load_report(text.encode("utf-8"), require_report=False)
    assert report.views.part_lists is report.views.part_lists
    (d,) = report.views.part_lists
    assert report.text[d.count_start:d.count_end] == "六部分"

"""S-08 on sentences this team wrote (issue #12, v12): a declared part count against the parts listed."""

from nianbao.audit import load_report
from nianbao.rules.engine import run_rules

HEAD = "云岭县水务局2024年政府信息公开工作年度报告\n"


def findings(body: str, head: str = HEAD) -> list[tuple[str, str, str]]:
    report = load_report(head + body, require_report=False)
    return [(f.severity, report.text[f.location.start:f.location.end], f.message)
            for f in run_rules(report, only=["S-08"])]


def test_half_the_parts_named_with_zhuyao_and_deng_is_a_summary():
    body = ("本报告主要包括总体情况、主动公开政府信息情况、存在的主要问题及改进情况等6个部分。"
            "本报告所列数据的统计期限为2024年1月1日至12月31日。\n一、总体情况\n")
    assert findings(body) == []


def test_one_part_left_out_of_six_is_still_a_slip_with_zhuyao():
    body = ("本报告主要内容包括：总体情况，主动公开政府信息情况，收到和处理政府信息公开申请情况，"
            "政府信息公开行政复议、行政诉讼情况，存在的主要问题及改进情况等六部分。\n一、总体情况\n")
    (sev, ev, msg), = findings(body)
    assert (sev, ev) == ("warning", "六部分")
    assert msg.startswith("报告称由六部分组成，但列出的是5个部分")


OLD = "青溪县林业局2016年政府信息公开工作年度报告\n"


def old_findings(body: str) -> list[tuple[str, str]]:
    return [(sev, ev) for sev, ev, _msg in findings(body, OLD)]


def test_the_2008_outlines_request_title_is_one_part():
    # "依申请公开政府信息和不予公开政府信息的情况" is one title of the old outline, and 基本情况概述 one title too
    body = ("本报告由基本情况概述、主动公开政府信息情况、依申请公开政府信息和不予公开政府信息的情况、"
            "政府信息公开的收费及减免情况、存在的主要问题和改进措施等六部分组成。\n一、基本情况概述\n")
    assert old_findings(body) == [("warning", "六部分")]
    whole = ("本报告由概述、主动公开政府信息情况、依申请公开政府信息和不予公开政府信息的情况、政府信息公开的收费及减免情况、"
             "因政府信息公开申请行政复议、提起行政诉讼的情况、存在的主要问题和改进措施等六部分组成。\n一、概述\n")
    assert old_findings(whole) == []


def test_a_nianbao_describing_itself_is_read():
    body = ("本年报由概述、主动公开政府信息情况、依申请公开政府信息情况、政府信息公开的收费和减免情况、"
            "存在的主要问题和改进措施以及附表等七部分组成。\n一、概述\n")
    assert old_findings(body) == [("warning", "七部分")]

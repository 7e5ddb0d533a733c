"""C-02 小标题与内容不符: only the 依申请公开 heading is checked, by the request words its text must hold."""

from __future__ import annotations

import pytest

from nianbao.audit import audit_report, load_report

HEAD = "青溪县司法局2023年政府信息公开工作年度报告\n一、总体情况\n（一）主动公开情况\n全年主动公开政府信息126条。\n"


def _found(body: str) -> list[tuple[str, str, int, int]]:
    report = load_report(HEAD + body, require_report=False)
    return [(f.severity, f.evidence, f.location.start, f.location.end)
            for f in audit_report(report, only=["C-02"], use_classifier=False).findings]


def test_a_run_in_heading_over_text_about_something_else():
    body = "（二）依申请公开。全年办理人大代表建议9件、政协提案4件，按期办结率100%。\n（三）政府信息管理\n严格执行三审制度。"
    ev = "（二）依申请公开。全年办理人大代表建议9件、政协提案4件，按期办结率100%。"
    start = len(HEAD)
    assert _found(body) == [("info", ev, start, start + len(ev))]


def test_a_heading_line_over_proactive_disclosure():
    body = "（二）依申请公开情况\n在县政府门户网站主动公开机构职能、领导分工和办事指南等信息，及时更新。\n"
    ev = "（二）依申请公开情况\n在县政府门户网站主动公开机构职能、领导分工和办事指南等信息，及时更新。"
    assert _found(body) == [("info", ev, len(HEAD), len(HEAD) + len(ev))]


@pytest.mark.parametrize("body", [
    "（二）依申请公开情况\n全年未收到政府信息公开申请，无行政复议和行政诉讼。",  # about requests
    "（二）依申请公开。本年度共受理5件，均在法定期限内答复。",  # a run-in heading whose text is on topic
    "（三）政府信息管理\n在门户网站开设专栏，更新公众号栏目，及时发布工作动态。",  # other headings are not checked
    "（二）依申请公开情况\n无。",  # too short to judge
    "（二）依申请公开。常态化组织干部学习《中华人民共和国政府信息公开条例》，",  # cut before its first sentence ends
    "（二）主动公开、依申请公开方面\n在门户网站发布信息89条，更新办事指南和机构职能信息。",  # two areas in one heading
    "（三）规范依申请公开工作。修订本局政府信息公开指南，明确办理流程和各环节时限。",  # a work item, not the area
])
def test_near_misses(body):
    assert _found(body) == []


def test_receiving_requests_is_on_topic():
    # 接收 is the request text's own word too ("及时接收，按时办理")
    assert _found("（二）依申请公开情况。依照条例规定，及时接收，按时办理，做到事实认定清楚、程序合法。\n") == []

"""W-14 法定标题词序颠倒: exact findings on the declaration's examples and on our own sentences."""

from __future__ import annotations

from nianbao.audit import audit_report, load_report
from nianbao.rules.registry import get_rule


def _found(text: str) -> list[tuple[str, str, str]]:
    report = load_report(text, require_report=False)
    return [(f.rule, report.text[f.location.start:f.location.end], f.message)
            for f in audit_report(report, only=["W-14"], use_classifier=False).findings]


def test_title_word_order_reports_the_failing_example():
    failing = next(e for e in get_rule("W-14").examples if e.fails)
    assert _found(failing.text) == [
        ("W-14", "主动政府信息公开情况", "“主动政府信息公开情况”疑为法定标题“主动公开政府信息情况”，词的顺序颠倒了。")]


def test_title_word_order_leaves_the_passing_example_alone():
    assert all(_found(e.text) == [] for e in get_rule("W-14").examples if not e.fails)


def test_a_moved_de_or_a_known_wording_is_not_a_slip():
    text = ("青溪县林业局2015年政府信息公开工作年度报告\n一、概述\n"
            "本报告包括政府信息主动公开情况、政府信息公开的收费及减免情况和政府信息公开收费及减免的情况。")
    assert _found(text) == []

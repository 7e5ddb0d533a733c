"""W-11 “以下简称”位置不当: exact findings on the declaration's examples and on our own sentences."""

from __future__ import annotations

from nianbao.audit import audit_report, load_report
from nianbao.rules.registry import get_rule


def _found(text: str) -> list[tuple[str, str, str]]:
    report = load_report(text, require_report=False)
    return [(f.rule, report.text[f.location.start:f.location.end], f.message)
            for f in audit_report(report, only=["W-11"], use_classifier=False).findings]


def test_misplaced_abbreviation_reports_the_failing_example():
    spec = get_rule("W-11")
    failing = next(e for e in spec.examples if e.fails)
    assert _found(failing.text) == [
        ("W-11", "有关规定（以下简称《条例》）",
         "“（以下简称《条例》）”应紧跟在《中华人民共和国政府信息公开条例》之后，不应放在“有关规定”后面。")]


def test_misplaced_abbreviation_leaves_the_passing_example_alone():
    spec = get_rule("W-11")
    assert all(_found(e.text) == [] for e in spec.examples if not e.fails)


def test_an_abbreviation_of_something_else_is_left_alone():
    # 办法 is not an abbreviation of the title before it: the parenthesis names another thing
    text = ("青溪县林业局2023年政府信息公开工作年度报告\n一、总体情况\n"
            "按照《青溪县政务公开工作要点》印发的实施细则（以下简称《细则》），我局修订了制度。")
    assert _found(text) == []

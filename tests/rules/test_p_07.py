"""P-07 书名号重复或嵌套用错: exact findings on doubled and nested book-title marks, and what is left to P-02."""

from __future__ import annotations

import pytest

from nianbao.audit import audit_report, load_report

HEAD = "青溪县林业局2023年政府信息公开工作年度报告\n一、总体情况\n"


def _found(body: str) -> list[tuple[str, str, str, int]]:
    report = load_report(HEAD + body, require_report=False)
    return [(f.severity, f.evidence, f.suggestion, f.location.start - len(HEAD))
            for f in audit_report(report, only=["P-07"], use_classifier=False).findings]


def test_doubled_and_nested_title_marks():
    body = "依据《《中华人民共和国政府信息公开条例》》，转发了《县政府办公室关于印发《林区防火工作方案》的通知》。"
    assert _found(body) == [
        ("warning", "《《中华人民共和国政府信息公开条例》》", "改为“《中华人民共和国政府信息公开条例》”。",
         body.index("《《")),
        ("info", "《县政府办公室关于印发《林区防火工作方案》的通知》",  # a note: writers leave nesting unmarked
         "改为“《县政府办公室关于印发〈林区防火工作方案〉的通知》”。", body.index("《县")),
    ]


@pytest.mark.parametrize("body", [
    "转发了《县政府办公室关于印发〈林区防火工作方案〉的通知》。",  # single marks inside: right
    "依据《条例》和《办法》开展工作，并公开《青溪县林业局政府信息公开指南》。",  # titles side by side
    "转发《关于印发《林区防火工作方案的通知》。",  # an unclosed inner title: P-02's, not nested
    "依据《条例》\n《办法》》第三条。",  # the marks are in different paragraphs
])
def test_near_misses(body):
    assert _found(body) == []

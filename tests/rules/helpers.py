"""Shared by the rule tests: the findings a rule gives on a text, as (rule, evidence, message, suggestion)."""

from __future__ import annotations

from nianbao.audit import audit_report, load_report


def found(text: str, *codes: str) -> list[tuple[str, str, str, str]]:
    report = load_report(text, require_report=False)
    return [(f.rule, f.evidence, f.message, f.suggestion)
            for f in audit_report(report, only=list(codes), use_classifier=False).findings]

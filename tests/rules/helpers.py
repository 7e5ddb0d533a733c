"""Shared by the rule tests: the findings a rule gives on a text, as (rule, evidence, message, suggestion)."""

from __future__ import annotations

from nianbao.audit import audit_report, load_report
from nianbao.model import Finding


def audited(text: str, *codes: str) -> list[Finding]:
    """The findings of the named rules on a text read as a report (no classifier)."""
    return audit_report(load_report(text, require_report=False), only=list(codes), use_classifier=False).findings


def found(text: str, *codes: str) -> list[tuple[str, str, str, str]]:
    return [(f.rule, f.evidence, f.message, f.suggestion) for f in audited(text, *codes)]

"""Run the selected rules over a Report."""

from __future__ import annotations

import os
from collections.abc import Iterable

from nianbao.config import Config
from nianbao.model import Finding, ParseNote, Report
from nianbao.rules.base import RuleContext, RuleSpec
from nianbao.rules.registry import all_rules, resolve_check
from nianbao.vocab import severity_rank


def selected_rules(config: Config | None = None) -> list[RuleSpec]:
    config = config or Config()
    return [s for s in all_rules() if config.enabled(s.code)]


def run_rules(report: Report, config: Config | None = None, *, threshold: float | None = None,
              copying: dict | None = None, only: Iterable[str] | None = None,
              previous: Report | None = None) -> list[Finding]:
    """Findings of the selected rules. Classifier predictions, when there are any, are attached to the
    report's paragraphs beforehand (``report.views.attach_predictions``) and ``threshold`` is theirs.
    ``previous`` is the same body's report of the year before, for the cross-year rules."""
    config = config or Config()
    wanted = {c.upper() for c in only} if only else None
    findings: list[Finding] = []
    for spec in selected_rules(config):
        if wanted is not None and spec.code not in wanted:
            continue
        ctx = RuleContext(spec, report, severity=config.severity.get(spec.code, ""), threshold=threshold,
                          copying=copying, previous=previous, deadlines=config.deadlines, options=config.options)
        try:
            findings.extend(resolve_check(spec)(report, ctx))
        except Exception as exc:  # a broken rule must not lose the audit of the whole report
            if os.environ.get("NIANBAO_STRICT"):
                raise
            report.notes.append(ParseNote("rule_failed", f"规则 {spec.code} 执行出错，已跳过：{type(exc).__name__}: {exc}"))
    return sort_findings(dedupe(findings))


def dedupe(findings: list[Finding]) -> list[Finding]:
    seen: set[tuple] = set()
    out = []
    for f in findings:
        key = (f.rule, f.location.start, f.location.end, f.message)
        if key in seen:
            continue
        seen.add(key)
        out.append(f)
    return out


def sort_findings(findings: list[Finding]) -> list[Finding]:
    return sorted(findings, key=lambda f: (f.location.start if f.location.start is not None else -1,
                                           severity_rank(f.severity), f.rule))

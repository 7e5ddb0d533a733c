"""Rule declarations and the context a check runs in.

A rule is declared once, in a data file (``nianbao/data/rules/<category>.toml``): code, name, title,
category, severity, scope, what it checks, why, how to fix, its basis, examples, and ``check`` — the
dotted path of the function that implements it (or ``kind`` for a pure data rule). The registry,
``nianbao rules``, the generated docs and the example meta-tests all read that one declaration.

A check function has the signature ``check(report: Report, ctx: RuleContext) -> Iterable[Finding]``
and builds findings with ``ctx.finding(...)``, which fills code, category, severity and title from
the declaration. Checks read only the typed Report (never files).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from nianbao.model import CATEGORIES, SEVERITIES, Finding, Location, Report
from nianbao.spans import sentence_bounds


@dataclass(frozen=True)
class Example:
    text: str
    fails: bool
    note: str = ""
    copying: dict | None = field(default=None, hash=False, compare=False)  # batch context for copy rules


@dataclass(frozen=True, eq=False)
class RuleSpec:
    code: str
    name: str
    title: str
    category: str
    severity: str
    scope: str
    summary: str  # 检查什么
    why: str  # 为什么
    fix: str  # 如何修改 (the default suggestion)
    basis: str  # 依据
    message: str  # default message template
    check: str  # "module:function" or "" for a data rule
    kind: str = ""  # data-rule engine name
    params: dict[str, Any] = field(default_factory=dict)
    examples: tuple[Example, ...] = ()
    status: str = "stable"  # stable | preview
    source_file: str = ""

    def validate(self) -> None:
        if self.category not in CATEGORIES:
            raise ValueError(f"{self.code}: unknown category {self.category!r}")
        if self.severity not in SEVERITIES:
            raise ValueError(f"{self.code}: unknown severity {self.severity!r}")
        if not re.fullmatch(r"[A-Z]\d?-\d{2}", self.code):
            raise ValueError(f"{self.code}: rule codes look like T3-02 or D-01")
        if bool(self.check) == bool(self.kind):
            raise ValueError(f"{self.code}: declare exactly one of check / kind")


Check = Callable[[Report, "RuleContext"], Iterable[Finding]]


class RuleContext:
    """What a check may use besides the report: its own declaration, the config, lexicons, predictions."""

    def __init__(self, spec: RuleSpec, report: Report, severity: str | None = None,
                 options: dict[str, Any] | None = None, predictions: list | None = None) -> None:
        self.spec = spec
        self.report = report
        self.severity = severity or spec.severity
        self.options = options or {}
        self.predictions = predictions  # classifier Prediction per report.paragraphs(), when available

    @property
    def params(self) -> dict[str, Any]:
        return self.spec.params

    def finding(
        self,
        start: int | None,
        end: int | None,
        *,
        message: str | None = None,
        evidence: str | None = None,
        part: str | None = ...,  # type: ignore[assignment]
        suggestion: str | None = None,
        severity: str | None = None,
        cells: list[dict] | None = None,
        cause: str = "report",
        **fmt: Any,
    ) -> Finding:
        rep = self.report
        text = rep.text
        if evidence is None and start is not None and end is not None:
            evidence = text[start:end]
        loc = rep.location(start, end) if start is not None and end is not None else Location()
        if part is ...:
            part = rep.part_at(start) if start is not None else None
        msg = message if message is not None else self.spec.message.format(**fmt) if fmt else self.spec.message
        sev = severity or self.severity
        if cause == "parse":
            sev = "info" if sev == "warning" else "warning" if sev == "error" else sev
        return Finding(
            rule=self.spec.code,
            category=self.spec.category,
            severity=sev,
            message=msg,
            evidence=evidence or "",
            part=part,
            location=loc,
            suggestion=suggestion or self.spec.fix,
            title=self.spec.title,
            cause=cause,  # type: ignore[arg-type]
            cells=cells or [],
            context=sentence_around(text, start, end) if start is not None and end is not None else None,
        )


def sentence_around(text: str, start: int, end: int, limit: int = 120) -> str:
    """The sentence that holds text[start:end], cut to about `limit` characters."""
    a, b = sentence_bounds(text, start, end, limit)
    return text[a:b]

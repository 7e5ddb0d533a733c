"""Rule declarations and the context a check runs in.

A rule is declared once, in the data file named after its module (``nianbao/data/rules/<module>.toml``
for ``nianbao/rules/<module>.py``): code, name, title, category, severity, what it checks, why, how to
fix, its basis, examples, the ``message`` and ``suggestion`` templates, and ``check`` — the
``module:function`` that implements it. The registry, ``nianbao rules``, the generated docs and the
example meta-tests all read that one declaration.

A check has the signature ``check(report: Report, ctx: RuleContext) -> Iterable[Finding]`` and builds
each finding with ``ctx.finding(start, end, field=value, …)``: code, category, severity and title come
from the declaration, and the message and suggestion are the declaration's templates filled with the
named fields the check passes (``message = "公布日期{published}晚于公布期限{deadline}。"``). A rule
that words its finding differently in different cases declares one template per case
(``message.late = "…"``, ``message.early = "…"``) and the check names the case (``variant="late"``).
Checks never write message text themselves (tests/rules/test_declarations.py enforces it), and read
only the typed Report and its cached text views (``ctx.views``), never files.
"""

from __future__ import annotations

import re
import string
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from nianbao.model import CATEGORIES, SEVERITIES, Finding, Location, Report
from nianbao.views import TextViews, sentence_around

Template = str | Mapping[str, str]  # one template, or one per variant


@dataclass(frozen=True)
class Example:
    text: str
    fails: bool
    note: str = ""
    copying: dict | None = field(default=None, hash=False, compare=False)  # batch context for copy rules
    previous: str | None = None  # last year's report, for the cross-year rules


def template_fields(template: str) -> set[str]:
    """The named fields of a ``str.format`` template ("{year}年" -> {"year"})."""
    return {name.split(".")[0].split("[")[0] for _, name, _, _ in string.Formatter().parse(template) if name}


@dataclass(frozen=True, eq=False)
class RuleSpec:
    code: str
    name: str
    title: str
    category: str
    severity: str
    summary: str  # 检查什么
    why: str  # 为什么
    fix: str  # 如何修改 (documentation; the suggestion when no template is declared)
    basis: str  # 依据
    message: Template  # the finding's message template(s)
    check: str  # "module:function"
    suggestion: Template | None = None  # the finding's suggestion template(s); default: fix
    params: dict[str, Any] = field(default_factory=dict)
    examples: tuple[Example, ...] = ()
    status: str = "stable"  # stable | preview
    source_file: str = ""
    # the declared severity of some message variants, where it differs from the rule's (K-06's sums are notes)
    variant_severity: Mapping[str, str] = field(default_factory=dict)

    def validate(self) -> None:
        if self.category not in CATEGORIES:
            raise ValueError(f"{self.code}: unknown category {self.category!r}")
        if self.severity not in SEVERITIES:
            raise ValueError(f"{self.code}: unknown severity {self.severity!r}")
        if not re.fullmatch(r"[A-Z]\d?-\d{2}", self.code):
            raise ValueError(f"{self.code}: rule codes look like T3-02 or D-01")
        if not re.fullmatch(r"[\w.]+:\w+", self.check):
            raise ValueError(f"{self.code}: check must be 'module:function', got {self.check!r}")
        if isinstance(self.suggestion, Mapping):
            if not isinstance(self.message, Mapping) or set(self.suggestion) - set(self.message):
                raise ValueError(f"{self.code}: suggestion variants must be message variants")
        if self.variant_severity:
            if not isinstance(self.message, Mapping) or set(self.variant_severity) - set(self.message):
                raise ValueError(f"{self.code}: variant_severity names variants that are not message variants")
            if set(self.variant_severity.values()) - set(SEVERITIES):
                raise ValueError(f"{self.code}: unknown severity in variant_severity")

    @property
    def variants(self) -> tuple[str | None, ...]:
        """The declared variants (None for a rule with a single message template)."""
        return tuple(self.message) if isinstance(self.message, Mapping) else (None,)

    def templates(self, variant: str | None = None) -> tuple[str, str]:
        """(message template, suggestion template) of one variant."""
        def pick(t: Template | None, what: str) -> str | None:
            if t is None or isinstance(t, str):
                return t
            if variant is None or variant not in t:
                raise KeyError(f"{self.code}: no {what} variant {variant!r} (declared: {', '.join(t)})")
            return t[variant]

        msg = pick(self.message, "message")
        assert msg is not None
        if isinstance(self.suggestion, Mapping) and variant not in self.suggestion:
            return msg, self.fix
        return msg, pick(self.suggestion, "suggestion") or self.fix

    def fields(self, variant: str | None = None) -> set[str]:
        """The named fields a check must pass for this variant."""
        msg, sug = self.templates(variant)
        return template_fields(msg) | template_fields(sug)


Check = Callable[[Report, "RuleContext"], Iterable[Finding]]


@dataclass
class RuleContext:
    """What a check may use besides the report: its declaration and what the audit knows beyond the text."""

    spec: RuleSpec
    report: Report
    severity: str = ""  # the configured severity ("" = the declared one)
    threshold: float | None = None  # the classifier's calibrated boilerplate threshold (None: no classifier)
    copying: dict | None = None  # the batch's copy-detection result for this report (None outside a batch)
    previous: Report | None = None  # the same body's report of the year before (cross-year rules; None: not given)
    deadlines: dict[str, str] = field(default_factory=dict)  # user overrides of data/deadlines.toml
    options: dict[str, Any] = field(default_factory=dict)  # the user's own extra configuration keys

    configured: bool = field(init=False, default=False)  # the user configured this rule's severity

    def __post_init__(self) -> None:
        self.configured = bool(self.severity)
        self.severity = self.severity or self.spec.severity

    @property
    def params(self) -> dict[str, Any]:
        return self.spec.params

    @property
    def views(self) -> TextViews:
        """The report's cached text views (sentences, spans, words, predictions)."""
        return self.report.views

    def finding(
        self,
        start: int | None,
        end: int | None,
        *,
        variant: str | None = None,
        evidence: str | None = None,
        part: str | None = ...,  # type: ignore[assignment]
        severity: str | None = None,
        cells: list[dict] | None = None,
        cause: str = "report",
        **fields: Any,
    ) -> Finding:
        """A finding of this rule at report.text[start:end], its message and suggestion the declared
        templates filled with ``fields`` (every field a template names, and no other)."""
        msg_t, sug_t = self.spec.templates(variant)
        wanted = template_fields(msg_t) | template_fields(sug_t)
        if set(fields) != wanted:
            raise TypeError(f"{self.spec.code}: the templates need fields {sorted(wanted)}, "
                            f"the check passed {sorted(fields)}")
        rep = self.report
        text = rep.text
        if evidence is None and start is not None and end is not None:
            evidence = text[start:end]
        loc = rep.location(start, end) if start is not None and end is not None else Location()
        if part is ...:
            part = rep.part_at(start) if start is not None else None
        # the user's configured severity for the rule wins over everything the rule declares or passes; otherwise
        # a severity the check passes (a note it tells apart), else the variant's declared one, else the rule's
        if self.configured:
            sev = self.severity
        else:
            sev = severity or self.spec.variant_severity.get(variant or "") or self.severity
        if cause == "parse":
            sev = "info" if sev == "warning" else "warning" if sev == "error" else sev
        return Finding(
            rule=self.spec.code,
            category=self.spec.category,
            severity=sev,
            message=msg_t.format(**fields),
            evidence=evidence or "",
            part=part,
            location=loc,
            suggestion=sug_t.format(**fields),
            title=self.spec.title,
            cause=cause,  # type: ignore[arg-type]
            cells=cells or [],
            context=sentence_around(text, start, end) if start is not None and end is not None else None,
        )

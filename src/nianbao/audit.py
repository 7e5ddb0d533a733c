"""The front door: read a report, audit it, and the ``Audit`` it returns.

    >>> import nianbao
    >>> a = nianbao.audit("报告.pdf")      # doctest: +SKIP
    >>> a.score, a.grade, len(a.findings)  # doctest: +SKIP

ingest → structure (``load_report``) → classifier + rules (``audit_report``) → scoring → ``Audit``, whose
plain-data form (``to_dict``, render/audit_json.py) is what every renderer reads.
"""

from __future__ import annotations

import sys
import types
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from nianbao.config import Config, load_config
from nianbao.model import Finding, ParseNote, Report
from nianbao.scoring import Rubric, Scorecard, load_rubric, score
from nianbao.structure.reading import Reading


def load_report(path_or_text: str | Path | bytes, *, require_report: bool = True) -> Report:
    """Read a file path, raw bytes, or report text into the structured Report."""
    from nianbao.ingest import read_bytes, read_document
    from nianbao.structure import parse_report

    if isinstance(path_or_text, bytes):
        raw = read_bytes(path_or_text)
    elif isinstance(path_or_text, Path) or ("\n" not in path_or_text and len(path_or_text) < 1024):
        raw = read_document(path_or_text)
    else:
        raw = read_bytes(path_or_text.encode("utf-8"), "<text>")
    return parse_report(raw, require_report=require_report)


@cache
def _classifier(backend: str):
    from nianbao.classify import load_classifier

    return load_classifier(backend)


def classify_paragraphs(report: Report, backend: str = "sklearn") -> tuple[list | None, float | None, str | None]:
    """Predictions for report.paragraphs() (None when no model is available), the threshold, a note."""
    try:
        clf = _classifier(backend)
    except Exception as exc:  # noqa: BLE001 - a missing or broken model must not stop the audit: it fails closed
        return None, None, f"段落分类器不可用，未做套话和主题判断：{exc}"
    paras = report.paragraphs()
    if not paras:
        return [], getattr(clf, "threshold", 0.5), None
    try:
        preds = clf.predict([p.text for p in paras], [p.part for p in paras])
        if len(preds) != len(paras):
            raise ValueError(f"返回 {len(preds)} 个结果，应为 {len(paras)} 个")
    except Exception as exc:  # noqa: BLE001 - a broken model: the audit says so (fails closed), never passes silently
        return None, None, f"段落分类器运行出错，未做套话和主题判断：{type(exc).__name__}（{str(exc)[:80]}）"
    return preds, float(getattr(clf, "threshold", 0.5)), None


def __getattr__(name: str) -> object:
    # EXIT_INCOMPLETE, the CLI's exit status for an incomplete audit, lives in nianbao.cli now; still importable
    # from here (without loading the CLI when nothing asks for it)
    if name == "EXIT_INCOMPLETE":
        from nianbao.cli import EXIT_INCOMPLETE

        return EXIT_INCOMPLETE
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


@dataclass
class Audit:
    report: Report
    findings: list[Finding]
    scorecard: Scorecard
    predictions: list | None = None
    copying: dict | None = None
    extra_notes: list[ParseNote] = field(default_factory=list)
    threshold: float | None = None  # the classifier's calibrated boilerplate threshold
    reading: Reading | None = None  # how sure we are of what we read (structure/reading.py)
    previous: Report | None = None  # the same body's report of the year before (cross-year rules, ``previous``)
    incomplete: list[str] = field(default_factory=list)  # checks that could not run: the score may be too high

    @property
    def score(self) -> float:
        return self.scorecard.score

    @property
    def grade(self) -> str:
        return self.scorecard.grade

    @property
    def rubric(self) -> Rubric:
        return self.scorecard.rubric

    # ------------------------------------------------------------------ views (render/)
    def to_dict(self) -> dict[str, Any]:
        from nianbao.render.audit_json import audit_to_dict

        return audit_to_dict(self)

    def to_json(self, indent: int | None = 2) -> str:
        from nianbao.render.audit_json import audit_to_json

        return audit_to_json(self, indent)

    def render(self, fmt: str = "text") -> str:
        from nianbao.render import render

        return render(self.to_dict(), fmt)

    def to_html(self) -> str:
        return self.render("html")

    def to_markdown(self) -> str:
        return self.render("md")

    def to_text(self, color: bool | None = False) -> str:
        from nianbao.render.terminal import render_text

        return render_text(self.to_dict(), color=color)

    def to_dataframe(self):
        """Findings as a pandas DataFrame (needs pandas)."""
        from nianbao.render.audit_json import findings_frame

        return findings_frame(self)


def audit_report(report: Report, *, rubric: Rubric | str | Path | None = None, config: Config | None = None,
                 copying: dict | None = None, only: list[str] | None = None, use_classifier: bool = True,
                 previous: Report | None = None) -> Audit:
    """Audit a Report already read: classify its paragraphs, run the rules, score. ``previous``: the same
    body's report of the year before, which turns on the cross-year rules (Y-xx) and the audit's
    ``previous`` block (year-on-year numbers, last year's problems)."""
    from nianbao.rules.engine import run_rules
    from nianbao.structure.reading import assess, reconcile

    config = config or Config()
    rub = rubric if isinstance(rubric, Rubric) else load_rubric(rubric)
    preds, thr, note = (None, None, None)
    if use_classifier:
        preds, thr, note = classify_paragraphs(report, config.backend)
    report.views.attach_predictions(preds)
    notes = [ParseNote("classifier_unavailable", note)] if note else []
    if previous is not None:
        if use_classifier and not previous.views.has_predictions:  # last year's 问题 paragraphs by topic
            previous.views.attach_predictions(classify_paragraphs(previous, config.backend)[0])
        notes.extend(_previous_notes(report, previous))
    reading = assess(report)
    findings = reconcile(run_rules(report, config, threshold=thr, copying=copying, only=only, previous=previous),
                         reading)
    card = score(report, findings, rub)
    incomplete = [f"{note}；套话和主题相关的检查未做，得分可能偏高，仅供参考。"] if note else []
    return Audit(report, findings, card, predictions=preds, copying=copying, extra_notes=notes, threshold=thr,
                 reading=reading, previous=previous, incomplete=incomplete)


def _previous_notes(report: Report, previous: Report) -> list[ParseNote]:
    """What the reader should know about the report compared as last year's."""
    from nianbao.crossyear import comparable, same_body

    out = []
    why = comparable(report, previous)
    if why:
        out.append(ParseNote("previous_not_compared", why))
    a, b = report.meta.agency, previous.meta.agency
    if same_body(a, b) is False:
        out.append(ParseNote("previous_other_agency",
                             f"上一年度报告的机关为“{b}”，与本报告的“{a}”不同，请确认比对的是同一机关的报告。"))
    return out


def audit(path_or_text: str | Path | bytes, rubric: Rubric | str | Path | None = None, *,
          config: Config | None = None, copying: dict | None = None,
          previous: str | Path | bytes | Report | None = None) -> Audit:
    """Audit one report: a file path, raw bytes, or the report's text; ``previous``, the same body's report
    of the year before (path, bytes, text or a parsed Report), adds the cross-year checks.

    >>> a = audit("2024.pdf", previous="2023.pdf")  # doctest: +SKIP
    >>> a.score, a.grade, len(a.findings)            # doctest: +SKIP
    """
    report = load_report(path_or_text)
    prev = previous if isinstance(previous, Report) or previous is None else load_report(previous)
    return audit_report(report, rubric=rubric, config=config if config is not None else load_config(),
                        copying=copying, previous=prev)


class _FrontDoor(types.ModuleType):
    """Importing ``nianbao.audit`` makes it the attribute ``nianbao.audit``: keep that callable, so that
    ``nianbao.audit(path)`` works whether or not the module has been imported."""

    def __call__(self, *args: Any, **kwargs: Any) -> Audit:
        return audit(*args, **kwargs)


sys.modules[__name__].__class__ = _FrontDoor

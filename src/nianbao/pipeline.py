"""The audit pipeline: ingest -> structure -> rules + classifier -> scoring -> Audit (rendered on demand)."""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from nianbao import __version__
from nianbao.config import Config, load_config
from nianbao.model import CATEGORIES, Finding, ParseNote, Report
from nianbao.rules.engine import run_rules
from nianbao.scoring import Rubric, Scorecard, load_rubric, score
from nianbao.structure.export import iso, table_to_dict
from nianbao.structure.reading import Reading, assess, reconcile
from nianbao.versions import versions

AUDIT_SCHEMA = "nianbao.audit/1"


@cache
def _classifier(backend: str):
    from nianbao.classify import load_classifier

    return load_classifier(backend)


def classify_paragraphs(report: Report, backend: str = "sklearn") -> tuple[list | None, float | None, str | None]:
    """Predictions for report.paragraphs() (None when no model is available), the threshold, a note."""
    try:
        clf = _classifier(backend)
    except Exception as exc:  # noqa: BLE001 - a missing or broken model must not stop the audit
        return None, None, f"段落分类器不可用，未做套话和主题判断：{exc}"
    paras = report.paragraphs()
    if not paras:
        return [], getattr(clf, "threshold", 0.5), None
    preds = clf.predict([p.text for p in paras], [p.part for p in paras])
    return preds, float(getattr(clf, "threshold", 0.5)), None


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

    @property
    def score(self) -> float:
        return self.scorecard.score

    @property
    def grade(self) -> str:
        return self.scorecard.grade

    @property
    def rubric(self) -> Rubric:
        return self.scorecard.rubric

    # ------------------------------------------------------------------ views
    def to_dict(self) -> dict[str, Any]:
        rep, m = self.report, self.report.meta
        sev = Counter(f.severity for f in self.findings)
        by_cat = Counter(f.category for f in self.findings)
        paras = rep.paragraphs()
        paragraphs = []
        share: dict[str, list[tuple[int, float]]] = {}
        for p in paras:
            pr = rep.views.prediction(p)
            paragraphs.append({"part": p.part, "heading": p.heading, "text": p.text,
                               "boilerplate": round(float(pr.boilerplate), 4) if pr else 0.0,
                               "topic": pr.topic if pr else "其他", "location": p.loc.to_dict()})
            if pr and p.part:
                share.setdefault(p.part, []).append((len(p.text), float(pr.boilerplate)))
        thr = self.threshold if self.threshold is not None else 0.5
        part_boiler = {pid: round(sum(n for n, b in xs if b >= thr) / max(1, sum(n for n, _ in xs)), 3)
                       for pid, xs in share.items()}
        sc = self.scorecard
        return {
            "schema": AUDIT_SCHEMA,
            "nianbao_version": __version__,
            "versions": versions(rubric=sc.rubric, model=self.predictions is not None),
            "source": {"path": rep.raw.source, "format": rep.raw.format, "sha256": rep.raw.sha256},
            "report": {"title": m.title, "agency": m.agency, "level": m.level, "year": m.year,
                       "published": iso(m.published), "published_source": m.published_source,
                       "format_version": m.format_version,
                       "period": {"start": iso(m.period_start), "end": iso(m.period_end)}},
            "score": sc.score,
            "grade": sc.grade,
            "rubric": {"name": sc.rubric.name, "version": sc.rubric.version,
                       "grades": [g for g, _ in sc.rubric.grades]},
            "parts": [p.to_dict() for p in sc.parts],
            "document_deductions": [d.to_dict() for d in (sc.document.deductions if sc.document else [])],
            "findings": [f.to_dict() for f in self.findings],
            "counts": {"error": sev.get("error", 0), "warning": sev.get("warning", 0), "info": sev.get("info", 0),
                       "by_category": {c: by_cat.get(c, 0) for c in CATEGORIES}},
            "paragraphs": paragraphs,
            "part_boilerplate": part_boiler,
            "tables": {tid: table_to_dict(t) for tid, t in rep.tables.items()},
            "text": rep.text,
            "parse_notes": [{"code": n.code, "message": n.message,
                             "location": {"page": n.page, "line": None, "start": n.start, "end": n.end}}
                            for n in [*rep.notes, *self.extra_notes]],
            "copying": self.copying,
            "reading": (self.reading or Reading()).to_dict(),
            **({"previous": self._previous_block()} if self.previous is not None else {}),
        }

    def _previous_block(self) -> dict[str, Any]:
        from nianbao.crossyear import previous_block
        from nianbao.rules.registry import get_rule

        assert self.previous is not None
        spec = get_rule("Y-03")
        p = spec.params if spec else {}
        kw = {k: p[k] for k in ("addressed_share", "addressed_terms") if k in p}
        if "stop_words" in p:
            kw["stop"] = p["stop_words"]
        return previous_block(self.report, self.previous, **kw)

    def to_json(self, indent: int | None = 2) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)

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
        try:
            import pandas as pd
        except ImportError as e:  # pragma: no cover - depends on the environment
            raise ImportError("to_dataframe() 需要 pandas：pip install pandas") from e
        rows = []
        for f in self.findings:
            d = f.to_dict()
            loc = d.pop("location")
            d.pop("cells", None)
            rows.append({**d, "page": loc["page"], "line": loc["line"], "start": loc["start"], "end": loc["end"],
                         "agency": self.report.meta.agency, "year": self.report.meta.year})
        cols = ["agency", "year", "rule", "title", "category", "severity", "part", "message", "evidence", "suggestion",
                "cause", "page", "line", "start", "end"]
        return pd.DataFrame(rows, columns=cols + [c for c in (rows[0] if rows else {}) if c not in cols])


def audit_report(report: Report, *, rubric: Rubric | str | Path | None = None, config: Config | None = None,
                 copying: dict | None = None, only: list[str] | None = None, use_classifier: bool = True,
                 previous: Report | None = None) -> Audit:
    """Audit a parsed report. ``previous``: the same body's report of the year before, which turns on the
    cross-year rules (Y-xx) and the audit's ``previous`` block (year-on-year numbers, last year's problems)."""
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
    return Audit(report, findings, card, predictions=preds, copying=copying, extra_notes=notes, threshold=thr,
                 reading=reading, previous=previous)


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
    from nianbao.api import load_report

    report = load_report(path_or_text)
    prev = previous if isinstance(previous, Report) or previous is None else load_report(previous)
    return audit_report(report, rubric=rubric, config=config if config is not None else load_config(),
                        copying=copying, previous=prev)

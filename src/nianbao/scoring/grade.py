"""Findings + rubric -> part scores, overall score and grade, each lost point traced to its findings."""

from __future__ import annotations

from dataclasses import dataclass, field

from nianbao.model import Finding, Report
from nianbao.scoring.rubric import Rubric
from nianbao.vocab import PART_IDS, PART_NAMES, severity_rank


@dataclass
class Deduction:
    rule: str
    points: float
    finding: int  # index into the audit's findings

    def to_dict(self) -> dict:
        return {"rule": self.rule, "points": round(self.points, 2), "finding": self.finding}


@dataclass
class PartScore:
    id: str
    title: str
    present: bool
    score: float
    max: float
    deductions: list[Deduction] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {"id": self.id, "title": self.title, "present": self.present, "score": round(self.score, 1),
                "max": self.max, "deductions": [d.to_dict() for d in self.deductions]}


@dataclass
class Scorecard:
    parts: list[PartScore]
    document: PartScore | None
    score: float
    grade: str
    rubric: Rubric


def score(report: Report, findings: list[Finding], rubric: Rubric) -> Scorecard:
    if rubric.kind == "checklist":
        return _score_checklist(report, findings, rubric)
    return _score_deduction(report, findings, rubric)


def _score_deduction(report: Report, findings: list[Finding], rubric: Rubric) -> Scorecard:
    d = rubric.data
    maxes: dict[str, float] = {k: float(v) for k, v in d["parts"].items()}
    sev_pts = d["severity_points"]
    weights = d.get("category_weight", {})
    caps = d.get("caps", {})
    zero_rules = set(d.get("zero_part", {}).get("rules", []))
    deduct_parse = d.get("parse_findings", {}).get("deduct", False)
    present = {p.id: p for p in report.parts}
    buckets: dict[str, PartScore] = {}
    for pid in ("document", *PART_IDS):
        if pid not in maxes:
            continue
        title = "通篇（标题、日期、格式）" if pid == "document" else (present[pid].title if pid in present else
                                                                      PART_NAMES[pid])
        buckets[pid] = PartScore(pid, title, pid == "document" or pid in present, maxes[pid], maxes[pid])
    used: dict[tuple[str, str], float] = {}
    for i, f in enumerate(findings):
        pid = f.part if f.part in buckets else "document"
        b = buckets[pid]
        if f.cause == "parse" and not deduct_parse:
            continue  # what we could not read is never charged, not even by a rule that zeroes a part
        if f.rule in zero_rules and f.part in buckets:
            b.deductions.append(Deduction(f.rule, b.score, i))
            b.score = 0.0
            continue
        pts = float(sev_pts.get(f.severity, 0.0)) * float(weights.get(f.category, 1.0))
        if pts <= 0:
            continue
        cap = float(caps.get(f.category, caps.get("default", 1e9)))
        key = (pid, f.category)
        pts = min(pts, max(0.0, cap - used.get(key, 0.0)), b.score)
        if pts <= 0:
            continue
        used[key] = used.get(key, 0.0) + pts
        b.score -= pts
        b.deductions.append(Deduction(f.rule, pts, i))
    total = round(sum(b.score for b in buckets.values()), 1)
    doc = buckets.pop("document", None)
    return Scorecard(list(buckets.values()), doc, total, rubric.grade(total), rubric)


def _score_checklist(report: Report, findings: list[Finding], rubric: Rubric) -> Scorecard:
    d = rubric.data
    scale = float(d.get("scale", 1))
    total = float(d["total"])
    items: list[PartScore] = []
    lost = 0.0
    for item in d["item"]:
        rules = set(item["rules"])
        floor = severity_rank(item.get("min_severity", "info"))
        hit = [i for i, f in enumerate(findings) if f.rule in rules and severity_rank(f.severity) <= floor
               and f.cause != "parse"]
        pts = float(item["points"])
        ps = PartScore(item["id"], item["title"], True, pts, pts)
        if hit:
            ps.score = 0.0
            ps.deductions = [Deduction(findings[hit[0]].rule, pts, hit[0])]
            lost += pts
        items.append(ps)
    raw = max(0.0, total - lost)
    overall = round(raw * scale, 1)
    return Scorecard(items, None, overall, rubric.grade(overall), rubric)

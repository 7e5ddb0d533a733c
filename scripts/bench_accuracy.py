"""Measured accuracy of the audit on injected defects, false alarms on clean reports, and audit speed.

    python scripts/bench_accuracy.py [--reports N] [--seeds K] [--formats text,pdf,docx] [--quick]
                                     [--rich-reports M] [--jobs J] [--json OUT] [--write-docs]

What it does
------------
1. Takes the clean reports of ``corpora/reports`` (manifest ``clean: true``; all, or N spread evenly over the
   sorted ids) and audits each one as it is. Every finding on a clean report is a **false alarm**.
   ``nianbao.audit(...)`` is what runs: ingest, structure, rules + paragraph classifier (when a model is installed),
   scoring.
2. For every report, every injector kind of ``scripts/inject_defects.py`` and every seed makes one defective variant
   (``random.Random(f"{id}:{kind}:{seed}")``), renders it to each format (text as is; PDF/DOCX with
   ``scripts/make_fixtures.py``), audits it and keeps the findings that are **new** relative to the clean report's
   audit in the same format (multiset difference on (rule, evidence without whitespace); a clean finding of the
   same rule and part whose evidence is nearly equal, e.g. the paragraph that now holds the edit, is not new).
3. A new finding **matches** the injection when its category is accepted for the kind (``tests/accuracy/
   expected_kinds.toml``) and it is placed at the injection: its span overlaps the injected lines, located in the
   audited text by whitespace-free alignment so PDF/DOCX offsets work too (see the toml for "part", "document",
   table rows and missing parts).

Definitions
-----------
* recall(category) = injections (of the kinds reported under that category) with at least one matching finding
  / injections made. recall(rule) = injections of the kinds expecting that rule where that rule matched / those
  injections.
* A new finding in a variant is *explained* when it matches the injection, or when the kind allows collateral
  findings (tables, missing parts) and its category is accepted; otherwise it is *unexplained*.
* precision(category c) = explained_c / (explained_c + unexplained_c + clean_c), where clean_c counts the findings
  of category c on the clean reports once per clean report (not once per variant). Same per rule.
* false alarms per clean report = findings on the clean reports / clean reports, by severity.

Exit code 0; the regression gate is ``tests/test_accuracy_gate.py`` (floors in ``tests/accuracy/floors.json``).
"""

from __future__ import annotations

import argparse
import difflib
import json
import math
import os
import platform
import random
import re
import statistics
import sys
import time
import tomllib
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpora" / "reports"
EXPECTED = ROOT / "tests" / "accuracy" / "expected_kinds.toml"
DOCS = ROOT / "docs" / "benchmarks.md"
GATE = {"reports": 12, "seeds": 1, "formats": ["text"]}  # the make-test gate (tests/test_accuracy_gate.py)
START, END = "<!-- accuracy:start -->", "<!-- accuracy:end -->"
TABLE_KINDS = {"table_identity", "total_row", "row_total", "table4_total", "negative_or_text_cell"}
SEVERITIES = ("error", "warning", "info")
CN_PARTS = "一二三四五六"
PART_IDS = ("overview", "proactive", "requests", "review_litigation", "problems", "other")
_WS = re.compile(r"\s+")


sys.path.insert(0, str(ROOT / "scripts"))
from scriptload import load_script  # noqa: E402

INJ = load_script("inject_defects")
_FIXTURES: Any = None


def fixtures_module():
    """scripts/make_fixtures.py (PDF/DOCX rendering), imported once; raises when it is missing or broken."""
    global _FIXTURES
    if _FIXTURES is None:
        _FIXTURES = load_script("make_fixtures")
    return _FIXTURES


# --------------------------------------------------------------------------- inputs


@dataclass
class KindSpec:
    kind: str
    report_as: str
    categories: tuple[str, ...]
    rules: tuple[str, ...] = ()
    where: str = "line"
    collateral: bool = False
    collateral_rules: tuple[str, ...] = ()
    collateral_categories: tuple[str, ...] = ()
    min_year: int = 0  # the defect is only a defect from this report year on (e.g. 信息处理费: 2021)

    def explains(self, f) -> bool:
        """A new finding away from the injection that is still a consequence of it (not a false alarm)."""
        return ((self.collateral and f.category in self.categories) or f.rule in self.collateral_rules
                or f.category in self.collateral_categories)


def load_expected(path: Path = EXPECTED) -> dict[str, KindSpec]:
    data = tomllib.loads(path.read_text(encoding="utf-8")).get("kinds", {})
    out = {}
    for kind in INJ.INJECTORS:
        d = data.get(kind, {})
        cat = INJ.CATEGORY[kind]
        out[kind] = KindSpec(kind, d.get("report_as", cat), tuple(d.get("categories", [cat])),
                             tuple(d.get("rules", [])), d.get("where", "line"), bool(d.get("collateral", False)),
                             tuple(d.get("collateral_rules", [])), tuple(d.get("collateral_categories", [])),
                             int(d.get("min_year", 0)))
    return out


def clean_reports(n: int | None = None) -> list[tuple[str, str]]:
    """(id, text) of the clean corpus reports, sorted by id; n > 0 picks n spread evenly over the list."""
    rows = [json.loads(x) for x in (CORPUS / "manifest.jsonl").read_text(encoding="utf-8").splitlines() if x.strip()]
    rows = sorted((r for r in rows if r.get("clean")), key=lambda r: r["id"])
    if n and n < len(rows):
        idx = sorted({round(i * (len(rows) - 1) / max(1, n - 1)) for i in range(n)}) if n > 1 else [0]
        rows = [rows[i] for i in idx]
    return [(r["id"], (CORPUS.parent / r["file"]).read_text(encoding="utf-8")) for r in rows]


def render(text: str, fmt: str) -> str | bytes:
    """The report in the given format: the text itself, or PDF/DOCX bytes from scripts/make_fixtures.py."""
    if fmt == "text":
        return text
    mf = fixtures_module()
    blocks = mf.report_blocks(text.encode("utf-8"), "variant.txt")
    header = mf.plain(next((b.text for b in blocks if b.kind == "title"), "年度报告"))
    if fmt == "pdf":
        try:
            return mf.build_pdf(blocks, header, mf.PAGE_STYLES[0])[0]
        except SystemExit as e:  # the fixture layout search gave up; not an audit failure
            raise RuntimeError(f"PDF rendering failed: {e}") from e
    if fmt == "docx":
        return mf.build_docx(blocks, header)
    raise ValueError(f"unknown format {fmt}")


def run_audit(data: str | bytes):
    """The public entry point, as a user calls it (``nianbao.audit``): ingest, structure, rules, classifier, score."""
    import nianbao

    audit = nianbao.audit(data)
    return audit.report, audit


# --------------------------------------------------------------------------- alignment and matching


def norm(s: str) -> str:
    return _WS.sub("", s or "")


def norm_index(text: str) -> tuple[str, list[int]]:
    """Whitespace-free text and, for each of its characters, the offset in ``text``."""
    chars, idx = [], []
    for i, ch in enumerate(text):
        if not ch.isspace():
            chars.append(ch)
            idx.append(i)
    return "".join(chars), idx


def _find_nearest(hay: str, needle: str, ratio: float) -> int | None:
    if not needle:
        return None
    hits, i = [], hay.find(needle)
    while i >= 0:
        hits.append(i)
        i = hay.find(needle, i + 1)
    if not hits:
        return None
    return min(hits, key=lambda h: abs(h / max(1, len(hay)) - ratio))


def injected_lines(src: str, start: int, end: int) -> tuple[int, int]:
    a = src.rfind("\n", 0, start) + 1
    b = src.find("\n", max(start, end - 1) if end > start else start)
    return a, (len(src) if b < 0 else b)


def locate(src: str, inj, target: str) -> tuple[int, int] | None:
    """The injected lines of ``src`` (the variant as written) found in ``target`` (the audited report's text)."""
    if inj.end <= inj.start:
        return None
    a, b = injected_lines(src, inj.start, inj.end)
    tn, tidx = norm_index(target)
    ratio = inj.start / max(1, len(src))
    for needle in (norm(src[a:b]), norm(inj.evidence)):
        pos = _find_nearest(tn, needle, ratio)
        if pos is not None:
            return tidx[pos], tidx[pos + len(needle) - 1] + 1
    lines = [norm(x) for x in src[a:b].split("\n") if norm(x)]
    if len(lines) >= 2:  # a block whose middle the reader laid out differently: first line .. last line
        p = _find_nearest(tn, lines[0], ratio)
        q = _find_nearest(tn, lines[-1], ratio)
        if p is not None and q is not None and q >= p:
            return tidx[p], tidx[q + len(lines[-1]) - 1] + 1
    return None


def row_label(line: str) -> str:
    """The label of a table row: the last field before its values (give the row as it was before the edit)."""
    fields = [f.strip() for f in line.split("\t") if f.strip()]
    while fields and INJ.NUM_FIELD_RE.match(fields[-1]):
        fields.pop()
    return norm(fields[-1]) if fields else ""


def finding_key(f) -> tuple[str, str]:
    return f.rule, norm(f.evidence)


def _similar(a: str, b: str) -> bool:
    if len(a) < 10 or len(b) < 10:
        return False
    sm = difflib.SequenceMatcher(None, a, b, autojunk=False)
    return sm.real_quick_ratio() >= 0.85 and sm.quick_ratio() >= 0.85 and sm.ratio() >= 0.85


def new_findings(findings: list, baseline: list) -> list:
    """Findings of the variant that the clean report did not have.

    A clean finding is "the same" when rule and whitespace-free evidence are equal, or when the rule and part are
    equal and the evidence is nearly equal (a paragraph-level finding whose paragraph now holds the edit)."""
    left = Counter(finding_key(g) for g in baseline)
    pending = []
    for f in findings:
        k = finding_key(f)
        if left[k] > 0:
            left[k] -= 1
        else:
            pending.append(f)
    spare = []  # clean findings not reproduced exactly
    for g in baseline:
        k = finding_key(g)
        if left[k] > 0:
            left[k] -= 1
            spare.append(g)
    out = []
    for f in pending:
        twin = next((g for g in spare if g.rule == f.rule and g.part == f.part
                     and _similar(norm(g.evidence), norm(f.evidence))), None)
        if twin is None:
            out.append(f)
        else:
            spare.remove(twin)
    return out


def matches(f, inj, spec: KindSpec, region: tuple[int, int] | None, src: str) -> bool:
    """Is finding ``f`` (new in the variant) a report of injection ``inj``?"""
    if f.category not in spec.categories:
        return False
    if spec.where == "document":
        return True
    if spec.where == "part" and inj.part and f.part == inj.part:
        return True
    if inj.kind == "missing_part":
        head = norm(inj.original.split("\n", 1)[0])
        said = norm(f.evidence) + norm(f.message)
        num = f"第{CN_PARTS[PART_IDS.index(inj.part)]}部分" if inj.part in PART_IDS else "\0"
        return f.part == inj.part or (bool(head) and head in said) or num in said
    s, e = f.location.start, f.location.end
    if region is not None and s is not None:
        e = s if e is None else e
        if s <= region[1] and e >= region[0]:
            return True
    if inj.kind in TABLE_KINDS:
        # the changed row's label, or a text value written into it ("不详", "若干": the reader may take it for a label)
        was = {norm(x) for x in inj.original.split("\t")}
        names = {row_label(inj.original)} | {norm(x) for x in inj.evidence.split("\t")
                                             if norm(x) not in was and not INJ.NUM_FIELD_RE.match(x.strip())}
        said = norm(f.evidence) + norm(f.message)
        if any(len(n) >= 2 and n in said for n in names):
            return True
    if region is None or s is None:  # no offsets to compare: fall back on the evidence text
        a, b = injected_lines(src, inj.start, inj.end)
        ev, ln = norm(f.evidence), norm(src[a:b])
        return len(ev) >= 2 and (ev in ln or (len(norm(inj.evidence)) >= 2 and norm(inj.evidence) in ev))
    return False


# --------------------------------------------------------------------------- one report


def _fd(f, status: str = "") -> dict:
    return {"rule": f.rule, "category": f.category, "severity": f.severity, "part": f.part,
            "start": f.location.start, "end": f.location.end, "evidence": f.evidence[:80], "message": f.message[:120],
            "status": status}


@cache
def paragraph_labels() -> dict[str, dict[str, int]]:
    """report id -> {paragraph text without whitespace: boilerplate label} from corpora/paragraphs.jsonl."""
    out: dict[str, dict[str, int]] = defaultdict(dict)
    path = CORPUS.parent / "paragraphs.jsonl"
    if path.exists():
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                d = json.loads(line)
                out[d["report_id"]]["".join(d["text"].split())] = int(d["boilerplate"])
    return out


def label_boilerplate(rid: str, report, findings: list, dicts: list[dict]) -> dict:
    """Mark B-01/B-02 findings on a clean report that agree with the corpus labels as 'labelled' (true
    positives: the clean corpus reports deliberately contain labelled 套话 paragraphs), and count how many
    labelled 套话 paragraphs B-01 found."""
    labels = paragraph_labels().get(rid, {})
    if not labels:
        return {"labelled": 0, "flagged": 0}
    for f, d in zip(findings, dicts, strict=True):
        if f.rule == "B-01" and labels.get("".join(f.evidence.split())) == 1:
            d["status"] = "labelled"
        elif f.rule == "B-02" and f.part and report.part(f.part) is not None:
            paras = report.part(f.part).paragraphs
            total = sum(len(p.text) for p in paras) or 1
            share = sum(len(p.text) for p in paras if labels.get("".join(p.text.split())) == 1) / total
            if share >= 0.5:
                d["status"] = "labelled"
    flagged = {"".join(f.evidence.split()) for f in findings if f.rule == "B-01"}
    eligible = [p for p in report.paragraphs() if p.part and len(p.text) >= 25
                and labels.get("".join(p.text.split())) == 1]
    return {"labelled": len(eligible), "flagged": sum(1 for p in eligible if "".join(p.text.split()) in flagged)}


def bench_report(rid: str, text: str, kinds: list[str], seeds: list[int], fmt: str,
                 expected: dict[str, KindSpec]) -> dict:
    """Clean audit + every (kind, seed) variant of one report in one format; plain dicts out."""
    out: dict[str, Any] = {"id": rid, "format": fmt, "clean_ok": False, "clean": [], "variants": [], "errors": [],
                           "seconds": []}
    try:
        t0 = time.perf_counter()
        clean_report, clean = run_audit(render(text, fmt))
        out["seconds"].append(time.perf_counter() - t0)
    except Exception as exc:  # noqa: BLE001 - a report that cannot be audited is reported, not fatal
        out["errors"].append(f"{rid} clean {fmt}: {type(exc).__name__}: {exc}")
        return out
    out["clean_ok"] = True
    out["clean"] = [_fd(f, "clean") for f in clean.findings]
    out["boilerplate_labels"] = label_boilerplate(rid, clean_report, clean.findings, out["clean"])
    base = list(clean.findings)
    year = clean.report.meta.year or 0
    for kind in kinds:
        spec = expected[kind]
        if year < spec.min_year:
            continue  # not a defect in a report of this year
        for seed in seeds:
            res = INJ.inject(text, kind, random.Random(f"{rid}:{kind}:{seed}"))
            if res is None:
                continue
            src, injs = res
            inj = injs[0]
            rec: dict[str, Any] = {"id": rid, "kind": kind, "seed": seed, "format": fmt, "report_as": spec.report_as,
                                   "injection": {"start": inj.start, "end": inj.end, "part": inj.part,
                                                 "evidence": inj.evidence[:80], "description": inj.description},
                                   "found": False, "rules": [], "new": [], "error": None}
            try:
                t0 = time.perf_counter()
                report, audit = run_audit(render(src, fmt))
                out["seconds"].append(time.perf_counter() - t0)
            except Exception as exc:  # noqa: BLE001
                rec["error"] = f"{type(exc).__name__}: {exc}"
                out["variants"].append(rec)
                continue
            region = locate(src, inj, report.text)
            for f in new_findings(audit.findings, base):
                if matches(f, inj, spec, region, src):
                    status = "match"
                elif spec.explains(f):
                    status = "collateral"
                else:
                    status = "unexplained"
                rec["new"].append(_fd(f, status))
            hits = [d for d in rec["new"] if d["status"] == "match"]
            rec["found"] = bool(hits)
            rec["rules"] = sorted({d["rule"] for d in hits})
            out["variants"].append(rec)
    return out


def _bench_job(args: tuple) -> dict:
    return bench_report(*args)


# --------------------------------------------------------------------------- aggregation


def _ratio(a: int, b: int) -> float | None:
    return round(a / b, 4) if b else None


def summarize(results: list[dict], expected: dict[str, KindSpec]) -> dict:
    variants = [v for r in results for v in r["variants"]]
    cleans = [r for r in results if r["clean_ok"]]
    n_clean = len(cleans)
    # per category / kind recall
    cat: dict[str, Counter] = defaultdict(Counter)
    kind: dict[str, Counter] = defaultdict(Counter)
    rule: dict[str, Counter] = defaultdict(Counter)
    for v in variants:
        for key, tab in ((v["report_as"], cat), (v["kind"], kind)):
            tab[key]["injected"] += 1
            tab[key]["found"] += int(v["found"])
            tab[key]["audit_errors"] += int(v["error"] is not None)
        for code in expected[v["kind"]].rules:
            rule[code]["expected"] += 1
            rule[code]["hit"] += int(code in v["rules"])
        for d in v["new"]:
            ok = d["status"] in ("match", "collateral")
            cat[d["category"]]["explained" if ok else "unexplained"] += 1
            rule[d["rule"]]["explained" if ok else "unexplained"] += 1
            rule[d["rule"]]["category:" + d["category"]] = 1
    sev, sev_nb = Counter(), Counter()
    for r in cleans:
        for d in r["clean"]:
            if d["status"] == "labelled":  # agrees with the corpus's 套话 label: a true positive
                cat[d["category"]]["explained"] += 1
                rule[d["rule"]]["explained"] += 1
                continue
            cat[d["category"]]["clean"] += 1
            rule[d["rule"]]["clean"] += 1
            rule[d["rule"]]["category:" + d["category"]] = 1
            sev[d["severity"]] += 1
            if d["category"] != "boilerplate":
                sev_nb[d["severity"]] += 1
    categories = {}
    for c in sorted(cat):
        t = cat[c]
        categories[c] = {"injected": t["injected"], "found": t["found"], "missed": t["injected"] - t["found"],
                         "recall": _ratio(t["found"], t["injected"]), "explained": t["explained"],
                         "unexplained": t["unexplained"], "clean_findings": t["clean"],
                         "precision": _ratio(t["explained"], t["explained"] + t["unexplained"] + t["clean"]),
                         "audit_errors": t["audit_errors"]}
    kinds = {k: {"report_as": expected[k].report_as, "injected": t["injected"], "found": t["found"],
                 "recall": _ratio(t["found"], t["injected"])} for k, t in sorted(kind.items())}
    rules = {}
    known = rule_categories()
    for code in sorted(rule):
        t = rule[code]
        rules[code] = {"category": next((k.split(":", 1)[1] for k in t if k.startswith("category:")),
                                        known.get(code, "")),
                       "expected": t["expected"], "hit": t["hit"], "recall": _ratio(t["hit"], t["expected"]),
                       "explained": t["explained"], "unexplained": t["unexplained"], "clean_findings": t["clean"],
                       "precision": _ratio(t["explained"], t["explained"] + t["unexplained"] + t["clean"])}
    per_report = {s: round(sev[s] / n_clean, 4) if n_clean else 0.0 for s in SEVERITIES}
    per_report_nb = {s: round(sev_nb[s] / n_clean, 4) if n_clean else 0.0 for s in SEVERITIES}
    clean_errors = [{"id": r["id"], "format": r["format"], **d} for r in cleans for d in r["clean"]
                    if d["severity"] == "error"]
    worst = max((sum(1 for d in r["clean"] if d["severity"] == "warning" and d["status"] != "labelled")
                 for r in cleans), default=0)
    bl = Counter()
    for r in cleans:
        bl.update(r.get("boilerplate_labels", {}))
    boilerplate_labels = {"labelled": bl["labelled"], "flagged": bl["flagged"],
                          "recall": _ratio(bl["flagged"], bl["labelled"])}
    misses = [{"id": v["id"], "kind": v["kind"], "seed": v["seed"], "format": v["format"],
               "evidence": v["injection"]["evidence"], "description": v["injection"]["description"],
               "error": v["error"], "new": [f"{d['rule']}({d['category']}): {d['evidence'][:40]}" for d in v["new"]]}
              for v in variants if not v["found"]]
    false_alarms = [{"id": r["id"], "format": r["format"], "where": "clean", **d} for r in cleans for d in r["clean"]
                    if d["status"] != "labelled"]
    false_alarms += [{"id": v["id"], "format": v["format"], "where": f"variant {v['kind']}#{v['seed']}", **d}
                     for v in variants for d in v["new"] if d["status"] == "unexplained"]
    # the ones to look at first: errors, then rules other than the boilerplate judgements
    false_alarms.sort(key=lambda d: (SEVERITIES.index(d["severity"]) if d["severity"] in SEVERITIES else 3,
                                     d["category"] == "boilerplate", d["rule"], d["id"]))
    return {"clean_reports": n_clean, "variants": len(variants), "categories": categories, "kinds": kinds,
            "rules": rules, "clean_false_alarms_per_report": per_report,
            "clean_false_alarms_per_report_excluding_boilerplate": per_report_nb,
            "clean_warnings_max_per_report": worst, "clean_error_findings": clean_errors,
            "boilerplate_labels": boilerplate_labels,
            "misses": misses, "false_alarms": false_alarms,
            "errors": [e for r in results for e in r["errors"]] + [f"{v['id']} {v['kind']}#{v['seed']} {v['format']}: "
                                                                   f"{v['error']}" for v in variants if v["error"]]}


def rule_categories() -> dict[str, str]:
    from nianbao.rules.registry import all_rules

    return {spec.code: spec.category for spec in all_rules()}


def evaluate(reports: int | None = 12, seeds: int = 1, formats: tuple[str, ...] = ("text",),
             kinds: list[str] | None = None, jobs: int = 1, rich_reports: int | None = None,
             rich_seeds: int | None = None) -> dict:
    """Run the bench; returns {"formats": {fmt: summary}, "overall": summary of all formats, "seconds": {...}}.

    ``rich_reports`` / ``rich_seeds`` bound the PDF/DOCX part (rendering them is slow)."""
    expected = load_expected()
    kinds = kinds or list(INJ.INJECTORS)
    jobs_args = []
    for fmt in formats:
        n = reports if fmt == "text" else (rich_reports or reports)
        k = seeds if fmt == "text" else (rich_seeds or seeds)
        for rid, text in clean_reports(n):
            jobs_args.append((rid, text, kinds, list(range(k)), fmt, expected))
    if jobs > 1 and len(jobs_args) > 1:
        import multiprocessing as mp

        with mp.get_context("fork").Pool(jobs) as pool:
            results = pool.map(_bench_job, jobs_args, chunksize=1)
    else:
        results = [_bench_job(a) for a in jobs_args]
    by_fmt = {fmt: summarize([r for r in results if r["format"] == fmt], expected) for fmt in formats}
    secs = {fmt: [s for r in results if r["format"] == fmt for s in r["seconds"]] for fmt in formats}
    return {"formats": by_fmt, "overall": summarize(results, expected) if len(formats) > 1 else by_fmt[formats[0]],
            "audit_seconds_mean": {f: round(statistics.fmean(v), 4) for f, v in secs.items() if v}}


def classifier_used() -> str:
    """Whether the audit ran with the paragraph classifier (it is skipped when no model is installed)."""
    from nianbao.classify import load_classifier
    from nianbao.config import Config

    backend = Config().backend
    try:
        load_classifier(backend)
    except Exception as exc:  # noqa: BLE001 - the audit itself carries on without it
        return f"not available ({type(exc).__name__})"
    return f"yes ({backend})"


# --------------------------------------------------------------------------- speed


def speed(formats: tuple[str, ...], n_reports: int = 4, repeats: int = 3) -> dict[str, dict]:
    """Audits per second (load + audit of already rendered input), median of ``repeats`` passes over n reports."""
    out = {}
    docs = clean_reports(n_reports)
    for fmt in formats:
        try:
            inputs = [render(t, fmt) for _, t in docs]
        except Exception as exc:  # noqa: BLE001
            out[fmt] = {"error": f"{type(exc).__name__}: {exc}"}
            continue
        run_audit(inputs[0])  # warm-up: imports, classifier, jieba dictionary
        rates = []
        for _ in range(repeats):
            t0 = time.perf_counter()
            for data in inputs:
                run_audit(data)
            rates.append(len(inputs) / (time.perf_counter() - t0))
        out[fmt] = {"audits_per_s": round(statistics.median(rates), 2), "runs": [round(r, 2) for r in rates],
                    "reports": len(inputs)}
    return out


# --------------------------------------------------------------------------- output


def _pct(x: float | None) -> str:
    return "—" if x is None else f"{x:.2f}"


def _cell(x: str) -> str:
    return x.replace("|", "｜").replace("\t", " ").replace("\n", " ").replace("`", "'")


def markdown(res: dict, spd: dict, command: str, classifier: str) -> str:
    from benchdoc import conditions

    lines = [f"Measured {date.today().isoformat()} on {platform.node() or 'this machine'}. {conditions()}; "
             f"paragraph classifier: {classifier}.",
             "", f"Command: `{command}`", ""]
    lines += ["Definitions: *recall* = injected defects with at least one new finding of an accepted category at the "
              "injected place / injected defects (categories as in `tests/accuracy/expected_kinds.toml`, "
              "`report_as`). *precision* = explained new findings / (explained + unexplained new findings in the "
              "defective variants + findings of that category on the clean reports, once per report). "
              "*False alarms* = findings on the clean corpus reports. See `scripts/bench_accuracy.py`.", ""]
    for fmt, s in res["formats"].items():
        fa = s["clean_false_alarms_per_report"]
        lines += [f"### {fmt}: {s['clean_reports']} clean reports, {s['variants']} defective variants", "",
                  "| category | injected | found | recall | precision | explained | unexplained | on clean |",
                  "|---|---:|---:|---:|---:|---:|---:|---:|"]
        for c, t in s["categories"].items():
            lines.append(f"| {c} | {t['injected']} | {t['found']} | {_pct(t['recall'])} | {_pct(t['precision'])} | "
                         f"{t['explained']} | {t['unexplained']} | {t['clean_findings']} |")
        nb = s["clean_false_alarms_per_report_excluding_boilerplate"]
        lines += ["", f"False alarms per clean report: error {fa['error']:.2f}, warning {fa['warning']:.2f}, "
                  f"info {fa['info']:.2f} (most warnings on one report: {s['clean_warnings_max_per_report']}); "
                  f"without the boilerplate (B-*) judgements: error {nb['error']:.2f}, warning {nb['warning']:.2f}, "
                  f"info {nb['info']:.2f}. B-01/B-02 findings that agree with the corpus's 套话 labels "
                  f"(`corpora/paragraphs.jsonl`) count as correct, not as false alarms.", ""]
        bl = s.get("boilerplate_labels") or {}
        if bl.get("labelled"):
            lines += [f"Boilerplate against the labels: {bl['flagged']} of {bl['labelled']} labelled 套话 paragraphs "
                      f"(≥ 25 characters, in the clean reports) were flagged by B-01 (recall "
                      f"{_pct(bl['recall'])}).", ""]
        if fmt == "text":
            lines += ["| kind | reported as | injected | found | recall |", "|---|---|---:|---:|---:|"]
            for k, t in s["kinds"].items():
                lines.append(f"| {k} | {t['report_as']} | {t['injected']} | {t['found']} | {_pct(t['recall'])} |")
            lines += ["", "| rule | category | expected | hit | recall | explained | unexplained | on clean | "
                      "precision |", "|---|---|---:|---:|---:|---:|---:|---:|---:|"]
            for code, t in s["rules"].items():
                lines.append(f"| {code} | {t['category']} | {t['expected']} | {t['hit']} | {_pct(t['recall'])} | "
                             f"{t['explained']} | {t['unexplained']} | {t['clean_findings']} | "
                             f"{_pct(t['precision'])} |")
            lines.append("")
            lines += ["Misses by kind (one example each; the full list: `--json`):", "",
                      "| kind | missed | example (report: injected text) |", "|---|---:|---|"]
            first_m: dict[str, dict] = {}
            for m in s["misses"]:
                first_m.setdefault(m["kind"], m)
            for k, n in Counter(m["kind"] for m in s["misses"]).most_common():
                ex = first_m[k]
                lines.append(f"| {k} | {n} | {ex['id']}: `{_cell(ex['evidence'])}` |")
            lines += ["", "False alarms by rule (findings on clean reports + unexplained new findings in variants):",
                      "", "| rule | severity | on clean | in variants | example (report: evidence — message) |",
                      "|---|---|---:|---:|---|"]
            groups: dict[tuple[str, str], list[dict]] = defaultdict(list)
            for f in s["false_alarms"]:
                groups[(f["rule"], f["severity"])].append(f)
            for (code, sv), fs in sorted(groups.items(), key=lambda kv: (SEVERITIES.index(kv[0][1]), -len(kv[1]))):
                ex = fs[0]
                n_clean = sum(1 for f in fs if f["where"] == "clean")
                lines.append(f"| {code} | {sv} | {n_clean} | {len(fs) - n_clean} | {ex['id']}: "
                             f"`{_cell(ex['evidence'][:40])}` — {_cell(ex['message'][:60])} |")
            lines.append("")
    if spd:
        lines += ["### Speed (load + audit of an already rendered file, median of passes, one process)", "",
                  "| format | audits/s | passes | reports |", "|---|---:|---|---:|"]
        for fmt, t in spd.items():
            if "error" in t:
                lines.append(f"| {fmt} | — ({t['error'][:60]}) | | |")
            else:
                lines.append(f"| {fmt} | {t['audits_per_s']} | {', '.join(map(str, t['runs']))} | {t['reports']} |")
        lines.append("")
    return "\n".join(lines)


def write_docs(section: str, path: Path = DOCS) -> None:
    from benchdoc import replace_block

    replace_block(path, START, END, f"{START}\n{section.rstrip()}\n{END}",
                  heading="## Accuracy on injected defects\n\n",
                  new_file="# Benchmarks\n\nEach section is written by its own script; edit only between your markers.\n")


def print_console(res: dict, spd: dict, top: int = 30) -> None:
    for fmt, s in res["formats"].items():
        print(f"== {fmt}: {s['clean_reports']} clean reports, {s['variants']} variants")
        print(f"{'category':<12} {'inj':>5} {'found':>5} {'recall':>6} {'prec':>6} {'expl':>5} {'unexp':>5} "
              f"{'clean':>5}")
        for c, t in s["categories"].items():
            print(f"{c:<12} {t['injected']:>5} {t['found']:>5} {_pct(t['recall']):>6} {_pct(t['precision']):>6} "
                  f"{t['explained']:>5} {t['unexplained']:>5} {t['clean_findings']:>5}")
        print("false alarms / clean report:", s["clean_false_alarms_per_report"],
              "max warnings on one:", s["clean_warnings_max_per_report"], "without B-*:",
              s["clean_false_alarms_per_report_excluding_boilerplate"])
        print(f"{'kind':<26} {'inj':>5} {'found':>5} {'recall':>6}")
        for k, t in s["kinds"].items():
            print(f"{k:<26} {t['injected']:>5} {t['found']:>5} {_pct(t['recall']):>6}")
        print(f"{'rule':<7} {'cat':<12} {'exp':>5} {'hit':>5} {'recall':>6} {'expl':>5} {'unexp':>5} {'clean':>5} "
              f"{'prec':>6}")
        for code, t in s["rules"].items():
            print(f"{code:<7} {t['category']:<12} {t['expected']:>5} {t['hit']:>5} {_pct(t['recall']):>6} "
                  f"{t['explained']:>5} {t['unexplained']:>5} {t['clean_findings']:>5} {_pct(t['precision']):>6}")
        print(f"-- misses (first {top} of {len(s['misses'])})")
        for m in s["misses"][:top]:
            print(f"  {m['id']} {m['kind']}#{m['seed']}: {m['evidence'][:50]!r} new={m['new'][:3]} "
                  f"{m['error'] or ''}")
        print(f"-- false alarms (first {top} of {len(s['false_alarms'])})")
        for f in s["false_alarms"][:top]:
            print(f"  {f['id']} [{f['where']}] {f['rule']} {f['severity']} {f['evidence'][:40]!r}: {f['message'][:70]}")
        if s["errors"]:
            print(f"-- errors ({len(s['errors'])})", *s["errors"][:10], sep="\n  ")
    for fmt, t in spd.items():
        print(f"speed {fmt}: {t}")


FLOORS = ROOT / "tests" / "accuracy" / "floors.json"


def _down(x: float) -> float:
    return math.floor(x * 100 + 1e-9) / 100


def _up(x: float) -> float:
    return math.ceil(x * 100 - 1e-9) / 100


def update_floors(summary: dict, path: Path = FLOORS, settings: dict | None = None) -> dict:
    """Raise the floors to the measured figures (rounded down), never lower them; lower the warning ceiling."""
    old = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
    cats = {c: v for c, v in old.get("categories", {}).items() if v}
    for c, t in summary["categories"].items():
        cur = cats.setdefault(c, {})
        for metric in ("recall", "precision"):
            if t[metric] is not None and max(cur.get(metric) or 0.0, _down(t[metric])) > 0:  # a 0 floor tests nothing
                cur[metric] = max(cur.get(metric) or 0.0, _down(t[metric]))
    warn = summary["clean_false_alarms_per_report"]["warning"]
    ceiling = old.get("clean_warnings_per_report_max")
    new = {"settings": settings or old.get("settings", {}), "categories": {c: v for c, v in sorted(cats.items()) if v},
           "clean_errors_max": 0,
           "clean_warnings_per_report_max": _up(warn) if ceiling is None else min(ceiling, _up(warn))}
    path.write_text(json.dumps(new, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return new


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--reports", type=int, default=0, help="clean reports to use (0 = all)")
    ap.add_argument("--seeds", type=int, default=3)
    ap.add_argument("--formats", default="text")
    ap.add_argument("--rich-reports", type=int, default=8, help="reports for PDF/DOCX (rendering is slow)")
    ap.add_argument("--rich-seeds", type=int, default=1)
    ap.add_argument("--kinds", default="", help="comma-separated injector kinds (default: all)")
    ap.add_argument("--jobs", type=int, default=min(4, os.cpu_count() or 1))
    ap.add_argument("--quick", action="store_true", help="12 reports, 1 seed, text only (the make-test gate)")
    ap.add_argument("--no-speed", action="store_true")
    ap.add_argument("--speed-formats", default="", help="formats to time (default: --formats)")
    ap.add_argument("--top", type=int, default=30)
    ap.add_argument("--json", type=Path, help="write the full results here")
    ap.add_argument("--from-json", type=Path, help="do not run: print (and --write-docs) an earlier --json result")
    ap.add_argument("--write-docs", action="store_true", help="write the tables into docs/benchmarks.md")
    ap.add_argument("--update-floors", action="store_true",
                    help="raise tests/accuracy/floors.json to this run's text figures (use with --quick)")
    args = ap.parse_args(argv)
    if args.quick:
        args.reports, args.seeds, args.formats = GATE["reports"], GATE["seeds"], "text"
    formats = tuple(f.strip() for f in args.formats.split(",") if f.strip())
    kinds = [k.strip() for k in args.kinds.split(",") if k.strip()] or None
    if args.from_json:  # re-render the console lists and the docs from an earlier run
        res = json.loads(args.from_json.read_text(encoding="utf-8"))
        spd = res.get("speed", {})
        print_console(res, spd, args.top)
        if args.write_docs:
            write_docs(markdown(res, spd, res.get("command", f"(from {args.from_json.name})"),
                                res.get("classifier", "unknown")))
        return 0
    t0 = time.time()
    res = evaluate(args.reports or None, args.seeds, formats, kinds, args.jobs, args.rich_reports, args.rich_seeds)
    res["wall_seconds"] = round(time.time() - t0, 1)
    spd_formats = tuple(f.strip() for f in args.speed_formats.split(",") if f.strip()) or formats
    spd = {} if args.no_speed else speed(spd_formats)
    res["speed"] = spd
    res["command"] = "python scripts/bench_accuracy.py " + " ".join(argv if argv is not None else sys.argv[1:])
    res["classifier"] = classifier_used()
    print_console(res, spd, args.top)
    print(f"wall {res['wall_seconds']} s")
    if args.json:
        args.json.write_text(json.dumps(res, ensure_ascii=False, indent=1), encoding="utf-8")
    if args.update_floors:
        if (args.reports, args.seeds) != (GATE["reports"], GATE["seeds"]) or "text" not in formats:
            raise SystemExit("--update-floors needs the gate's settings: --quick")
        print("floors:", json.dumps(update_floors(res["formats"]["text"], settings=GATE), ensure_ascii=False))
    if args.write_docs:
        write_docs(markdown(res, spd, res["command"].strip(), res["classifier"]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

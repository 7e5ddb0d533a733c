"""Wrong-year forms (issue #12, D-11): sites and hits of each form on the dev split and the review pools.

    python scripts/bench_year_forms.py            # counts per form and source
    python scripts/bench_year_forms.py --hits     # also every hit (a year other than the one the form expects)

A *site* is an occurrence of a form's pattern with any year, in a text whose report year the report states itself
(``meta.year_stated``); a *hit* is a D-11 finding there. Hits are read by hand: the counts of hits right are in
docs/benchmarks.md ("Wrong-year forms"). Sources: the dev split of the real-text devset (never the test split), and
the local review pools under ``.cache/`` when present (``study/text``, ``pool_t12a|b|c``, ``pool_p12``). Nothing is
downloaded; a pool that is not here is skipped.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))
POOLS = ["study/text/*", "pool_t12a/*.txt", "pool_t12b/*.txt", "pool_t12c/*.txt", "pool_p12/p*.txt"]


# which form a finding is, by its message (data/rules/years.toml, D-11's message.<variant>)
_FORM_BY_WORDS = {"交代数据": "figures", "已经发生": "later_fact", "总结的是": "summary", "截至": "until_prior",
                  "应结转": "carry"}


def texts() -> list[tuple[str, str, str]]:
    """(source, name, text) for the dev excerpts and the pool pages found locally."""
    import bench_real

    out = [("dev", ex.id, ex.text) for ex in bench_real.load_manifests()[0] if ex.split == "dev"]
    for pattern in POOLS:
        for p in sorted((ROOT / ".cache").glob(pattern)):
            out.append(("pools", str(p.relative_to(ROOT / ".cache")), p.read_text(encoding="utf-8", errors="replace")))
    return out


def sites(report) -> Counter:
    from nianbao.rules import years as Y
    from nianbao.rules.util import in_title

    c: Counter = Counter()
    t = report.text
    for s in report.views.sentences:
        lead = Y._NAMED.match(t, s.body, s.end) or Y._LEAD.match(t, s.body, s.end)
        c["figures"] += bool(lead) + sum(1 for _ in Y._CLAUSE.finditer(t, s.start, s.end))
        c["later_fact"] += bool(Y._LATER_FACT.match(t, s.body, s.end))
        if "报告" in t[s.start:s.end]:
            c["summary"] += sum(1 for m in Y._SUMMARY.finditer(t, s.start, s.end)
                                if not in_title(t, s.start, m.start()))
        c["until_prior"] += bool(Y._UNTIL_PRIOR.match(t, s.body, s.end))
        c["carry"] += sum(1 for _ in Y._CARRY.finditer(t, s.start, s.end))
    return c


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--hits", action="store_true", help="print every hit with its context")
    args = ap.parse_args(argv)
    from nianbao.audit import audit_report
    from nianbao.ingest import read_bytes
    from nianbao.structure import parse_report

    n_sites: Counter = Counter()
    n_hits: Counter = Counter()
    stated: Counter = Counter()
    for source, name, text in texts():
        report = parse_report(read_bytes(text.encode("utf-8"), name), require_report=False)
        if not report.meta.year_stated:
            continue
        stated[source] += 1
        for form, k in sites(report).items():
            n_sites[(source, form)] += k
        for f in audit_report(report, only=["D-11"], use_classifier=False).findings:
            form = next((v for k, v in _FORM_BY_WORDS.items() if k in f.message), "?")
            n_hits[(source, form)] += 1
            if args.hits:
                a, b = f.location.start, f.location.end
                ctx = report.text[max(0, a - 40):a] + "【" + report.text[a:b] + "】" + report.text[b:b + 40]
                print(f"{source} {name} {report.meta.year} {form} | " + ctx.replace("\n", "⏎"))
    print(f"texts with a stated report year: dev {stated['dev']}, pools {stated['pools']}")
    print(f"{'form':12s} {'sites dev':>9s} {'sites pools':>11s} {'hits dev':>8s} {'hits pools':>10s}")
    for form in ("figures", "later_fact", "summary", "until_prior", "carry"):
        print(f"{form:12s} {n_sites[('dev', form)]:9d} {n_sites[('pools', form)]:11d} "
              f"{n_hits[('dev', form)]:8d} {n_hits[('pools', form)]:10d}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

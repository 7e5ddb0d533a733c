"""Re-run the rules on a re-gathered review pool and compare with the judgements read by hand (issue #12, helper v12).

    PYTHONPATH=$PWD/src python scripts/pool_review.py [--pool .cache/pool_p12] [--dev] [--by-variant] [--markdown]
    PYTHONPATH=$PWD/src python scripts/pool_review.py --unjudged          # findings not yet judged, with context
    PYTHONPATH=$PWD/src python scripts/pool_review.py --draft new.jsonl   # judged lines kept + new ones to judge

``corpora/real/pool_review.jsonl`` holds one line per finding read on the pool: the page's URL, year and agency (from the
pool's INDEX.tsv), the rule, its variant, the severity it had, the judgement (``right``: a defect a careful evaluator
marks in the author's text; ``wrong``: a false alarm; ``reading``: caused by how the page was read — furniture, a page
cut, a table or list read as prose, characters the stored page lost), a snippet of at most 12 characters of the
evidence, its offset in the stored page and a short reason. Facts only: the pages themselves stay in ``.cache``.

Every page is read as ``scripts/bench_real.py`` reads a devset excerpt (``audit_text``), and findings that only say what
a page beginning lacks (``truncation``) are left out. Reviewed: every warning and error, and the notes of the rules in
``NOTES`` (they count toward recall). A finding now is matched to a judged one by URL, rule and offset, or else by URL,
rule and snippet (offsets move when the reader changes). The report, per rule: findings now, how many of them were
judged, right / wrong / reading among them, and the judged findings that no longer fire. Precision = right / (right +
wrong); ``reading`` counts on neither side. With ``--dev`` the devset's dev split is scored too
(as ``bench_real.py --split dev`` scores it) and its tp / fp stand beside the pool's, with the combined precision and a
one-sided binomial test of that many false alarms against the target of the severity the findings were given (warning
0.90, error 0.97), as ``bench_real.severity_check`` does. Rows are per rule and given severity (``--by-variant``: and
per message variant); a row with ≤ 5 real findings in all is thin evidence.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
POOL = ROOT / ".cache" / "pool_p12"
JUDGED = ROOT / "corpora" / "real" / "pool_review.jsonl"
NOTES = ("W-06", "W-08", "W-10", "W-15", "K-03")  # info rules whose notes count toward recall: read them too
GOAL = {"warning": 0.90, "error": 0.97}
SNIPPET = 12


def _bench_real():
    spec = importlib.util.spec_from_file_location("bench_real", ROOT / "scripts" / "bench_real.py")
    mod = importlib.util.module_from_spec(spec)
    sys.modules["bench_real"] = mod
    spec.loader.exec_module(mod)
    return mod


def _pattern(template: str) -> re.Pattern:
    parts = re.split(r"\{[^{}]*\}", template)
    return re.compile(".*?".join(re.escape(p) for p in parts), re.S)


def variant_of(rule: str, message: str) -> str | None:
    """The declared message variant whose template the finding's message fills (None: a single-template rule)."""
    from nianbao.rules.registry import get_rule

    spec = get_rule(rule)
    if spec is None or not isinstance(spec.message, dict):
        return None
    for how in ("fullmatch", "match"):  # a note may carry a sentence after the template (a page cut)
        for name, template in spec.message.items():
            if getattr(_pattern(template), how)(message):
                return name
    return "?"


def read_index(pool: Path) -> dict[str, dict]:
    out = {}
    for line in (pool / "INDEX.tsv").read_text(encoding="utf-8").splitlines():
        cols = line.split("\t")
        if len(cols) >= 7 and re.fullmatch(r"[a-z]+\d+", cols[0]):  # any pool's page ids (p004, qa001), no header
            out[cols[0]] = {"url": cols[1], "year": int(cols[3]) if cols[3].isdigit() else None, "agency": cols[4]}
    return out


def reviewed(rule: str, severity: str) -> bool:
    return severity in ("warning", "error") or rule in NOTES


def scan(pool: Path) -> list[dict]:
    """Every reviewed finding on the pool as it fires now."""
    br = _bench_real()
    index = read_index(pool)
    rows = []
    for page, meta in sorted(index.items()):
        path = pool / f"{page}.txt"
        if not path.exists():
            continue
        text = path.read_text(encoding="utf-8")
        for f in br.audit_text(text):
            if br.truncation(f) or not reviewed(f.rule, f.severity):
                continue
            ev = text[f.start:f.end] if f.start is not None and f.end is not None else f.evidence
            rows.append({"page": page, "url": meta["url"], "year": meta["year"], "agency": meta["agency"],
                         "rule": f.rule, "variant": variant_of(f.rule, f.message), "severity": f.severity,
                         "start": f.start, "snippet": ev.replace("\n", "⏎")[:SNIPPET], "cause": f.cause,
                         "_context": (text[max(0, (f.start or 0) - 30):(f.start or 0)] + "【" + ev[:60] + "】"
                                      + text[(f.end or 0):(f.end or 0) + 20]).replace("\n", "⏎"),
                         "_message": f.message})
    return rows


def load_judged(path: Path = JUDGED) -> list[dict]:
    """The judged findings of `path` and of every other pool_review*.jsonl beside it (one file per review pool)."""
    files = sorted({path, *path.parent.glob("pool_review*.jsonl")}) if path.exists() else sorted(
        path.parent.glob("pool_review*.jsonl"))
    return [json.loads(x) for f in files for x in f.read_text(encoding="utf-8").splitlines() if x.strip()]


def match(now: list[dict], judged: list[dict]) -> tuple[list[tuple[dict, dict | None]], list[dict]]:
    """Pair each finding now with its judgement (or None); return also the judged findings that no longer fire."""
    by_off = {(j["url"], j["rule"], j["start"]): j for j in judged}
    by_snip: dict[tuple, list[dict]] = defaultdict(list)
    for j in judged:
        by_snip[(j["url"], j["rule"], j["snippet"])].append(j)
    used: set[int] = set()
    pairs = []
    for f in now:
        j = by_off.get((f["url"], f["rule"], f["start"]))
        if j is None or id(j) in used:
            j = next((c for c in by_snip.get((f["url"], f["rule"], f["snippet"]), []) if id(c) not in used), None)
        if j is not None:
            used.add(id(j))
        pairs.append((f, j))
    gone = [j for j in judged if id(j) not in used]
    return pairs, gone


def _tail_at_least(k: int, n: int, p: float) -> float:
    """P(X >= k), X ~ Binomial(n, p): bench_real's own test."""
    return (sys.modules.get("bench_real") or _bench_real())._tail_at_least(k, n, p)


def dev_verdicts() -> list[dict]:
    """Every finding of a reviewed rule on the devset's dev split, scored as bench_real scores it (tp / fp)."""
    br = sys.modules.get("bench_real") or _bench_real()
    excerpts, _ = br.load_manifests()
    out = []
    for ex in excerpts:
        if ex.split != "dev":
            continue
        sc = br.score_excerpt(ex, br.audit_text(ex.text))
        for f, hit, ignored in zip(sc.findings, sc.hit, sc.ignored, strict=True):
            if not ignored and reviewed(f.rule, f.severity):
                out.append({"rule": f.rule, "severity": f.severity, "variant": variant_of(f.rule, f.message),
                            "tp": bool(hit)})
    return out


def table(pairs, gone, dev: list[dict] | None, by_variant: bool = False) -> list[dict]:
    """Rows per rule and the severity the findings were given (and per variant with ``by_variant``). Pool counts are
    of the findings that fire now; ``judged_*`` count every judged finding, as it fired when it was read."""

    def key(r: dict) -> tuple:
        return (r["rule"], r["severity"]) + ((r.get("variant") or "",) if by_variant else ())

    rows: dict[tuple, Counter] = defaultdict(Counter)
    for f, j in pairs:
        c = rows[key(f)]
        c["now"] += 1
        if j is not None:
            c["judged"] += 1
            c[j["judgement"]] += 1
        else:
            c["new"] += 1
    for j in gone:
        rows[key(j)]["gone"] += 1
    for j in [j for _, j in pairs if j is not None] + gone:
        rows[key(j)]["judged_" + j["judgement"]] += 1
    for d in dev or []:
        rows[key(d)]["dev_tp" if d["tp"] else "dev_fp"] += 1
    out = []
    for k in sorted(rows):
        c = rows[k]
        sev = k[1]
        right, wrong = c["right"], c["wrong"]
        n = right + wrong + c["dev_tp"] + c["dev_fp"]
        bad = wrong + c["dev_fp"]
        goal = GOAL.get(sev)
        out.append({"rule": k[0], "severity": sev, "variant": k[2] if by_variant else None,
                    "now": c["now"], "matched": c["judged"], "new": c["new"], "gone": c["gone"],
                    "right": right, "wrong": wrong, "reading": c["reading"],
                    "judged": {v: c["judged_" + v] for v in ("right", "wrong", "reading")},
                    "pool_precision": right / (right + wrong) if right + wrong else None,
                    "dev_tp": c["dev_tp"], "dev_fp": c["dev_fp"],
                    "combined": (n - bad) / n if n else None, "n": n,
                    "p_below_goal": _tail_at_least(bad, n, 1 - goal) if goal and bad else None,
                    "thin": bool(goal) and n <= 5})
    return out


def _f(x, nd=2):
    return "—" if x is None else f"{x:.{nd}f}"


def markdown(rows: list[dict]) -> str:
    lines = ["| rule | given as | pool as read: right / wrong / reading | pool now: right / wrong / reading | "
             "pool precision now | dev tp / fp | combined precision now | p (this many fp at the target) |",
             "|---|---|---:|---:|---:|---:|---:|---:|"]
    for r in rows:
        name = r["rule"] + (f" {r['variant']}" if r.get("variant") else "")
        comb = _f(r["combined"]) + (f" ({r['n'] - r['dev_fp'] - r['wrong']}/{r['n']})" if r["n"] else "") + \
            (" thin" if r["thin"] else "")
        j = r["judged"]
        lines.append(f"| {name} | {r['severity']} | {j['right']} / {j['wrong']} / {j['reading']} | "
                     f"{r['right']} / {r['wrong']} / {r['reading']} | {_f(r['pool_precision'])} | "
                     f"{r['dev_tp']} / {r['dev_fp']} | {comb} | {_f(r['p_below_goal'], 3)} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--pool", type=Path, default=POOL)
    ap.add_argument("--judged", type=Path, default=JUDGED)
    ap.add_argument("--dev", action="store_true", help="also score the devset's dev split (about 15 s)")
    ap.add_argument("--by-variant", action="store_true", help="one row per rule, severity and variant")
    ap.add_argument("--markdown", action="store_true")
    ap.add_argument("--unjudged", action="store_true", help="list the findings not yet judged, with context")
    ap.add_argument("--draft", type=Path, help="write judged lines that still fire + unjudged ones (judgement null)")
    args = ap.parse_args(argv)
    if not (args.pool / "INDEX.tsv").exists():
        sys.exit(f"找不到审读池 {args.pool}/INDEX.tsv:请先重新收集页面(见 .cache/pool_p12/README.md)。")
    now = scan(args.pool)
    urls = {m["url"] for m in read_index(args.pool).values()}
    judged = [j for j in load_judged(args.judged) if j["url"] in urls]  # this pool's judgements, not the other pools'
    pairs, gone = match(now, judged)
    bad = [(f, j) for f, j in pairs if j is not None and j["snippet"] != f["snippet"]]
    if args.unjudged:
        for f, j in pairs:
            if j is None:
                print(f"{f['page']}  {f['rule']}  {f['variant'] or ''}  {f['severity']}  {f['_context']}  | "
                      f"{f['_message']}")
        return 0
    if args.draft:
        with args.draft.open("w", encoding="utf-8") as fh:
            for f, j in pairs:
                rec = dict(j) if j else {k: v for k, v in f.items() if not k.startswith("_") and k != "cause"}
                if j is None:
                    rec.update(judgement=None, reason="")
                else:
                    rec.update(start=f["start"], severity=f["severity"], variant=f["variant"])
                fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
        print(f"wrote {args.draft}")
        return 0
    rows = table(pairs, gone, dev_verdicts() if args.dev else None, args.by_variant)
    if args.markdown:
        print(markdown(rows))
    else:
        print("rule   sev      variant      now judged new gone | right wrong reading  pool-P | dev tp/fp  combined  p")
        for r in rows:
            print(f"{r['rule']:6} {r['severity']:8} {(r['variant'] or '')[:12]:12} {r['now']:3} {r['matched']:6} {r['new']:3} {r['gone']:4} | "
                  f"{r['right']:5} {r['wrong']:5} {r['reading']:7}  {_f(r['pool_precision']):>6} | "
                  f"{r['dev_tp']:3}/{r['dev_fp']:<3}  {_f(r['combined']):>8}{'*' if r['thin'] else ' '} "
                  f"{_f(r['p_below_goal'], 3)}")
    for j in gone:
        print(f"no longer fires: {j['url']}  {j['rule']}  {j['snippet']}  ({j['judgement']})", file=sys.stderr)
    for f, j in bad:
        print(f"snippet differs (page re-gathered differently?): {f['url']}  {f['rule']}  {j['snippet']} → "
              f"{f['snippet']}", file=sys.stderr)
    print(f"# {len(now)} findings now, {sum(1 for _, j in pairs if j)} judged, {len(gone)} judged gone; "
          f"* = thin evidence (≤ 5 real hits)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Agency, level and year read from the #12 development set's copied page texts, by writer.

    python scripts/bench_reading_fresh.py [--split dev] [--wrong]

Writers d/e/f/g wrote the excerpts the reading was tuned on; h/i/j added fresh ones (issue #12, helper m12).
For each group: agency right (``bench_reading.agency_right`` against the manifest's ``agency``), agency right
where the excerpt itself names the body, level right (``report.meta.level`` against the manifest's ``level``;
the manifest's "other" — development zones' management committees — counts as "department", the level the
engine gives a 管委会) and year right. ``--wrong`` lists the misses (dev and pool only: never on the test part).
``--split pool`` measures the same on helper p12's review pool (``.cache/pool_p12/INDEX.tsv``: the page's agency,
level and year as its gatherer read them; levels province/city/county are the *_gov levels).
Texts are read from ``.cache/devset/`` (gathered with the devset re-gather script); absent ones are counted.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "scripts"))

from bench_reading import _norm_agency, agency_right  # noqa: E402

from nianbao.audit import load_report  # noqa: E402

CACHE = ROOT / ".cache" / "devset"
GROUPS = {"tuned (d–g)": "defg", "fresh (h–j)": "hij"}


POOL = ROOT / ".cache" / "pool_p12"  # helper p12's unannotated review pool: INDEX.tsv id, url, query, year, agency, level, province
_POOL_LEVEL = {"province": "province_gov", "city": "city_gov", "county": "county_gov"}


def _rows(split: str) -> list[dict]:
    if split == "pool":
        index = POOL / "INDEX.tsv"
        return [{"id": c[0], "year": int(c[3]) if c[3].isdigit() else None, "agency": c[4],
                 "level": _POOL_LEVEL.get(c[5], c[5]), "file": POOL / f"{c[0]}.txt"}
                for c in (x.split("\t") for x in index.read_text(encoding="utf-8").splitlines() if x.strip())
                if len(c) == 7] if index.exists() else []
    rows = []
    for p in sorted((ROOT / "corpora/real/devset").glob("h12*.jsonl")):
        rows += [r for r in map(json.loads, p.read_text(encoding="utf-8").splitlines()) if r["split"] == split]
    return rows


def _level_fact(level: str | None) -> str | None:
    return "department" if level == "other" else level


def _tally(s: dict[str, int], key: str, ok: bool, named: bool) -> bool:
    """Count one fact: known, right, and among the excerpts that name their body."""
    s[f"{key}_known"] += 1
    s[f"{key}_right"] += ok
    s[f"{key}_named"] += named
    s[f"{key}_named_right"] += named and ok
    return ok


def measure(split: str) -> tuple[dict, list[str]]:
    stats: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    wrong: list[str] = []
    for row in _rows(split):
        f = row.get("file") or CACHE / f"{row['id']}.txt"
        s = stats[row["id"][0]]
        if not f.exists():
            s["absent"] += 1
            continue
        s["excerpts"] += 1
        try:
            m = load_report(f, require_report=False).meta
            text = f.read_text(encoding="utf-8")
        except Exception:  # noqa: BLE001 - a reader failure is a measured failure
            s["failed"] += 1
            continue
        fact = str(row.get("agency") or "")
        miss = []
        named = False
        if fact and not fact.startswith(("（", "(")) and "not named" not in fact:
            # a writer's note in brackets after the name ("(管委会)", "（市名未见于摘录）") or part of it ("（临空…管委会）")
            bare = re.sub(r"[(（][^()（）]*[)）]$", "", fact)
            named = _norm_agency(bare) in _norm_agency(text)
            if not _tally(s, "agency", agency_right(m.agency, fact) or agency_right(m.agency, bare), named):
                miss.append(f"机关 {m.agency}（{m.agency_source}）≠ {fact}{'' if named else '（摘录未写全称）'}")
        if row.get("level") and not _tally(s, "level", m.level == _level_fact(row["level"]), named):
            miss.append(f"层级 {m.level}（{m.agency}）≠ {row['level']}")
        if row.get("year") and not _tally(s, "year", m.year == row["year"], named):
            miss.append(f"年度 {m.year}（{m.year_source}）≠ {row['year']}")
        if miss:
            wrong.append(f"{row['id']}: " + "；".join(miss))
    return stats, wrong


def _sum(stats: dict, letters: str) -> dict[str, int]:
    out: dict[str, int] = defaultdict(int)
    for k in letters:
        for key, v in stats.get(k, {}).items():
            out[key] += v
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--split", choices=("dev", "test", "pool"), default="dev",
                    help="pool: helper p12's review pool (.cache/pool_p12, never tuned on)")
    ap.add_argument("--wrong", action="store_true", help="list the misses (dev part and pool only)")
    ap.add_argument("--json", type=Path)
    a = ap.parse_args(argv)
    if a.wrong and a.split == "test":
        ap.error("--wrong 不用于 test 部分")
    stats, wrong = measure(a.split)
    print(f"| {a.split} | 摘录 | 机关 | 摘录写明机关的 | 层级 | 摘录写明机关的层级 | 年度 |")
    print("|---|---|---|---|---|---|---|")
    table = {}
    groups = {"pool p12": "p"} if a.split == "pool" else {**GROUPS, **{k: k for k in "defghij"}}
    for name, letters in groups.items():
        s = _sum(stats, letters)
        table[name] = dict(s)

        def pct(a_: int, b_: int) -> str:
            return f"{a_}/{b_} ({100 * a_ / b_:.0f} %)" if b_ else "—"
        print(f"| {name} | {s['excerpts']}（缺 {s['absent']}，失败 {s['failed']}） | {pct(s['agency_right'], s['agency_known'])} | "
              f"{pct(s['agency_named_right'], s['agency_named'])} | {pct(s['level_right'], s['level_known'])} | "
              f"{pct(s['level_named_right'], s['level_named'])} | "
              f"{pct(s['year_right'], s['year_known'])} |")
    if a.json:
        a.json.write_text(json.dumps(table, ensure_ascii=False, indent=1), encoding="utf-8")
    if a.wrong:
        print()
        print("\n".join(wrong))
    return 0


if __name__ == "__main__":
    sys.exit(main())

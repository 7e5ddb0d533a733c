"""Can a batch of real reports be its own reference for lost or wrong characters? (issue #12, eleventh session)

    python scripts/bench_typo_batchref.py [--n 4 6 8] [--min-pages 5 20 50] [--examples 10]

An evaluator grades hundreds of reports at once (``nianbao batch``); the batch itself is then a body of real report
text that nothing ships. This measures the simplest use of it: a window of ``n`` Han characters that occurs on one
page of the batch only, one edit away from a window that occurs on at least ``--min-pages`` pages (a character
replaced inside it, one lost, or one added), is a candidate slip. The batch here is every dev page's longer stored
text (``.cache/devset/ID.full.txt``) and the review pools (``.cache/pool_q*``); candidates are read on the dev
excerpts, where the annotations are. A candidate *hits* when it overlaps a ``typo`` annotation, is a false alarm when
it overlaps no annotation at all. Dev only: nothing here is tuned on the test part.

Result (docs/benchmarks.md, "Eleventh session"): precision 0.02–0.06 at every setting; not shipped.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "scripts"))

from bench_real import CACHE, load_manifests  # noqa: E402

HAN = re.compile(r"[\u4e00-\u9fff]+")


def grams(text: str, n: int) -> set[str]:
    out: set[str] = set()
    for m in HAN.finditer(text):
        run = m.group(0)
        out.update(run[i:i + n] for i in range(len(run) - n + 1))
    return out


def batch_texts(dev_ids: list[str]) -> list[str]:
    paths = [CACHE / f"{i}.full.txt" for i in dev_ids]
    paths = [p for p in paths if p.exists()] + sorted(CACHE.parent.glob("pool_q*/*.full.txt"))
    return [p.read_text(encoding="utf-8") for p in paths]


def candidates(text: str, n: int, k: int, df: dict[int, Counter], sub: dict, dele: dict) -> list[tuple[int, int, str, str]]:
    """(start, end, written, repaired) for each window unique to its page one edit from a window on ≥ k pages,
    overlapping windows merged (the repair seen on most pages kept)."""
    found = []
    for m in HAN.finditer(text):
        run, o = m.group(0), m.start()
        for i in range(len(run) - n + 1):  # a character replaced, or one lost
            w = run[i:i + n]
            if df[n][w] > 1:
                continue
            best = max([(df[n][g], g) for j in range(1, n - 1) for g in sub.get((j, w[:j] + w[j + 1:]), ()) if g != w]
                       + [(df[n + 1][g], g) for g in dele.get(w, ())], default=None)
            if best:
                found.append((o + i, o + i + n, w, best))
        for i in range(len(run) - n):  # a character added
            w = run[i:i + n + 1]
            if df[n + 1][w] > 1:
                continue
            best = max([(df[n][g], g) for j in range(1, n) if df[n][g := w[:j] + w[j + 1:]] >= k], default=None)
            if best:
                found.append((o + i, o + i + n + 1, w, best))
    found.sort()
    merged: list = []
    for c in found:
        if merged and c[0] < merged[-1][1]:
            last = merged[-1]
            keep = c if c[3][0] > last[3][0] else last
            merged[-1] = (last[0], max(c[1], last[1]), keep[2], keep[3])
        else:
            merged.append(c)
    return [(a, b, w, g) for a, b, w, (_, g) in merged]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--n", type=int, nargs="+", default=[4, 6, 8])
    ap.add_argument("--min-pages", type=int, nargs="+", default=[5, 20, 50])
    ap.add_argument("--examples", type=int, default=0)
    args = ap.parse_args()
    excerpts, _ = load_manifests()
    dev = [e for e in excerpts if e.split == "dev"]
    texts = batch_texts([e.id for e in dev])
    typos = sum(1 for e in dev for a in e.annotations if a.category == "typo")
    print(f"batch: {len(texts)} pages; dev excerpts: {len(dev)}, typo annotations: {typos}")
    print("| n | min pages | candidates | hits | false alarms | precision | typo annotations reached |")
    print("|---|---|---|---|---|---|---|")
    for n in args.n:
        df = {m: Counter() for m in (n, n + 1)}
        for t in texts:
            for m in (n, n + 1):
                df[m].update(grams(t, m))
        for k in args.min_pages:
            sub: dict = defaultdict(list)
            dele: dict = defaultdict(list)
            for g, c in df[n].items():
                if c >= k:
                    for i in range(n):
                        sub[(i, g[:i] + g[i + 1:])].append(g)
            for g, c in df[n + 1].items():
                if c >= k:
                    for i in range(1, n):
                        dele[g[:i] + g[i + 1:]].append(g)
            res: Counter = Counter()
            reached: set = set()
            shown: dict = defaultdict(list)
            for e in dev:
                for a, b, w, g in candidates(e.text, n, k, df, sub, dele):
                    over = [x for x in e.annotations if x.start < b and x.end > a]
                    typo = [x for x in over if x.category == "typo"]
                    kind = "hit" if typo else "other" if over else "fp"
                    res[kind] += 1
                    reached.update((e.id, x.start) for x in typo)
                    shown[kind].append(f"{e.id} {w} → {g}")
            prec = res["hit"] / max(1, res["hit"] + res["fp"])
            print(f"| {n} | {k} | {sum(res.values())} | {res['hit']} | {res['fp']} | {prec:.3f} | {len(reached)} |")
            for kind in ("hit", "fp"):
                for line in shown[kind][:args.examples]:
                    print(f"    {kind}: {line}")


if __name__ == "__main__":
    main()

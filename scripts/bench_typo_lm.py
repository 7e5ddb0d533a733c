"""Can a general statistical detector find the typos of real reports precisely? (issue #12, helper s12x)

    python scripts/bench_typo_lm.py [--split dev|test] [--order 4] [--dict-min-freq 100] [--examples 15]

Measures three candidate generators for lost / wrong characters that are not lists of instances, all trained
here, in memory, from our own text only:

* ``lm``: a character n-gram language model (interpolated absolute discounting, order ``--order``) trained on
  ``corpora/reports/*.txt`` and the stand-alone paragraphs of ``corpora/paragraphs.jsonl``. At every character
  whose surprisal is above ``--surprisal`` nats, it tries to insert, replace (by one of the 20 likeliest
  continuations) or delete a character just before or at it; the candidate's score is how much the edit raises
  the log-probability of the next ``order`` characters. Best edit per position.
* ``phrase``: one- or two-character deletions of frequent corpus phrases (4–7 Han characters, seen at least 3
  times) whose deleted form never occurs in the corpus; every occurrence of such a deleted form in real text is
  a candidate ("累公开" ← "累计公开"). ``phrase+orphan`` keeps only those where the correction leaves fewer
  single-character words (the engine's segmenter, ``nianbao.views.segment``) in the 3-character window around it.
* ``lm+dict+orphan``: the ``lm`` insertions, with the model also trained on jieba's own dictionary words
  (frequency ≥ ``--dict-min-freq``, weight log10 of the frequency: package data, not report text), kept only
  when the insertion removes a single-character word from the window.

Real text: the excerpts of the real development set (``corpora/real/devset``; local copies in
``.cache/devset``, loaded by ``bench_real.load_manifests``; traditional renderings converted with OpenCC
t2s when the conversion keeps the length, as the engine reads them). A candidate *hits* when its position lies
in (or one character beside) a ``typo`` annotation. Per score threshold it prints candidates, hits, precision,
how many annotations of the kinds missing_char / missing_word / wrong_char / wrong_word it reaches, and the
false alarms inside the labelled real paragraphs (``corpora/real/paragraphs``; candidates there overlapping no
annotation at all). Tune on dev only; ``--split test`` is for the final report.

Results and the decision (no rule shipped) are in docs/benchmarks.md, "Statistical typo detector".
Conditions: a shared 2-CPU machine; the figures do not depend on speed (about a minute per generator).
"""

from __future__ import annotations

import argparse
import json
import math
import re
import sys
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "scripts"))

from bench_real import Excerpt, load_manifests  # noqa: E402

HAN = re.compile(r"[\u4e00-\u9fff]+")
KINDS = ("missing_char", "missing_word", "wrong_char", "wrong_word")
THRESHOLDS = {"lm": (4, 8, 12, 16, 20), "lm+dict+orphan": (2, 4, 6, 8, 10, 12),
              "phrase": (3, 10, 30, 100), "phrase+orphan": (3, 10, 30, 100)}


# ------------------------------------------------------------------------------------------- model


class CharLM:
    """Character n-gram model, interpolated absolute discounting over orders 1..n (a hand-written counter)."""

    def __init__(self, order: int = 4, discount: float = 0.75) -> None:
        self.n, self.d = order, discount
        self.counts: list[Counter] = [Counter() for _ in range(order + 1)]

    def train(self, lines: Iterable[str | tuple[str, int]]) -> None:
        for item in lines:
            line, weight = item if isinstance(item, tuple) else (item, 1)
            s = "^" + line + "$"
            for i in range(len(s)):
                for k in range(1, min(self.n, i + 1) + 1):
                    self.counts[k][s[i - k + 1:i + 1]] += weight

    def finish(self) -> CharLM:
        self.total: list[Counter] = [Counter() for _ in range(self.n + 1)]
        self.types: list[Counter] = [Counter() for _ in range(self.n + 1)]
        nxt: list[dict[str, list[tuple[int, str]]]] = [defaultdict(list) for _ in range(self.n + 1)]
        for k in range(1, self.n + 1):
            for g, v in self.counts[k].items():
                self.total[k][g[:-1]] += v
                self.types[k][g[:-1]] += 1
                nxt[k][g[:-1]].append((v, g[-1]))
        self.next = [{h: [c for _, c in sorted(v, reverse=True)[:30]] for h, v in level.items()} for level in nxt]
        self.vocab = len(self.counts[1]) + 1
        self.n1 = sum(self.counts[1].values())
        return self

    def prob(self, hist: str, ch: str) -> float:
        p = (self.counts[1].get(ch, 0) + 0.5) / (self.n1 + 0.5 * self.vocab * 20)
        for k in range(2, self.n + 1):
            h = hist[-(k - 1):]
            if len(h) < k - 1 or not (t := self.total[k].get(h, 0)):
                break
            p = max(self.counts[k].get(h + ch, 0) - self.d, 0) / t + self.d * self.types[k][h] / t * p
        return p

    def logp(self, s: str, start: int, end: int) -> float:
        return sum(math.log(self.prob(s[max(0, i - self.n + 1):i], s[i])) for i in range(start, min(end, len(s))))

    def continuations(self, hist: str, want: int = 20) -> list[str]:
        out: list[str] = []
        for k in range(min(self.n, len(hist) + 1), 1, -1):
            for c in self.next[k].get(hist[len(hist) - (k - 1):], ()):
                if c not in out and c not in "^$":
                    out.append(c)
            if len(out) >= want:
                break
        return out[:want]


def corpus_lines() -> list[str]:
    out = [line.strip() for f in sorted((ROOT / "corpora" / "reports").glob("*.txt"))
           for line in f.read_text(encoding="utf-8").splitlines() if line.strip()]
    for line in (ROOT / "corpora" / "paragraphs.jsonl").read_text(encoding="utf-8").splitlines():
        d = json.loads(line)
        if d.get("report_id") is None:
            out.append(d["text"])
    return out


def dict_lines(min_freq: int) -> list[tuple[str, int]]:
    import jieba

    out = []
    for line in (Path(jieba.__file__).parent / "dict.txt").read_text(encoding="utf-8").splitlines():
        word, freq, *_ = line.split()
        if len(word) >= 2 and int(freq) >= min_freq:
            out.append((word, max(1, round(math.log10(int(freq))))))
    return out


# ------------------------------------------------------------------------------------------- generators
# Each yields (score, offset in the run, suggested text) for one Han run.


def lm_edits(lm: CharLM, s: str, surprisal: float, kinds: tuple[str, ...] = ("ins", "sub", "del"),
             ) -> Iterator[tuple[float, int, str, str]]:
    n, t0 = lm.n, "^" + s
    tried: set[int] = set()
    for i in range(1, len(t0)):
        if -math.log(lm.prob(t0[max(0, i - n + 1):i], t0[i])) < surprisal:
            continue
        for j in (i - 1, i):
            if j < 1 or j in tried:
                continue
            tried.add(j)
            base = lm.logp(t0, j, j + n)
            for c in lm.continuations(t0[max(0, j - n + 1):j]):
                if "ins" in kinds:
                    yield lm.logp(t0[:j] + c + t0[j:], j, j + n + 1) - base, j - 1, c, "ins"
                if "sub" in kinds and c != t0[j]:
                    yield lm.logp(t0[:j] + c + t0[j + 1:], j, j + n) - base, j - 1, c, "sub"
            if "del" in kinds:
                yield lm.logp(t0[:j] + t0[j + 1:], j, j + n - 1) - base, j - 1, "", "del"


def orphans(s: str) -> int:
    from nianbao.views import segment

    return sum(1 for w in segment(s) if len(w) == 1)


class PhraseIndex:
    """Deleted forms of frequent corpus phrases that the corpus never shows."""

    def __init__(self, lines: list[str], min_count: int = 3, max_len: int = 7) -> None:
        grams: Counter = Counter()
        for line in lines:
            for m in HAN.finditer(line):
                r = m.group()
                for k in range(2, max_len + 1):
                    for i in range(len(r) - k + 1):
                        grams[r[i:i + k]] += 1
        index: dict[str, list[tuple[int, str]]] = defaultdict(list)
        for p, c in grams.items():
            if len(p) < 4 or c < min_count:
                continue
            for i in range(1, len(p) - 1):
                index[p[:i] + p[i + 1:]].append((c, p))
                if len(p) >= 5 and i < len(p) - 2:
                    index[p[:i] + p[i + 2:]].append((c, p))
        self.index = {d: max(v) for d, v in index.items() if d not in grams}
        self.max_len = max_len

    def find(self, s: str) -> Iterator[tuple[float, int, int, str]]:
        for k in range(3, self.max_len):
            for i in range(len(s) - k + 1):
                if (hit := self.index.get(s[i:i + k])) is not None:
                    yield float(hit[0]), i, k, hit[1]


# ------------------------------------------------------------------------------------------- measuring


def read_texts(split: str) -> list[Excerpt]:
    import opencc

    cc = opencc.OpenCC("t2s")
    out, _ = load_manifests()
    keep = [e for e in out if e.split == split and e.text]
    for e in keep:
        conv = cc.convert(e.text)
        if len(conv) == len(e.text):
            e.text = conv
    return keep


def labelled_paragraphs() -> dict[str, list[tuple[int, int]]]:
    out: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for f in sorted((ROOT / "corpora" / "real" / "paragraphs").glob("*.jsonl")):
        for line in f.read_text(encoding="utf-8").splitlines():
            if line.strip():
                d = json.loads(line)
                out[d["excerpt"]].append((d["start"], d["end"]))
    return out


def candidates(name: str, ex: list[Excerpt], args: argparse.Namespace) -> list[tuple[float, Excerpt, int, int, str]]:
    """(score, excerpt, start, end, suggestion) — best per position."""
    lines = corpus_lines()
    out: list[tuple[float, Excerpt, int, int, str]] = []
    if name.startswith("phrase"):
        idx = PhraseIndex(lines)
        for e in ex:
            for m in HAN.finditer(e.text):
                for score, i, k, fix in idx.find(m.group()):
                    a = m.start() + i
                    if name.endswith("orphan"):
                        w0, w1 = max(0, a - 3), a + k + 3
                        if orphans(e.text[w0:a] + fix + e.text[a + k:w1]) >= orphans(e.text[w0:w1]):
                            continue
                    out.append((score, e, a, a + k, fix))
        return out
    lm = CharLM(args.order)
    lm.train(lines)
    if name == "lm+dict+orphan":
        lm.train(dict_lines(args.dict_min_freq))
    lm.finish()
    kinds = ("ins",) if name == "lm+dict+orphan" else ("ins", "sub", "del")
    for e in ex:
        for m in HAN.finditer(e.text):
            s = m.group()
            if len(s) < 3:
                continue
            best: dict[int, tuple[float, str]] = {}
            for score, pos, c, kind in lm_edits(lm, s, args.surprisal, kinds):
                if score <= (2 if name == "lm+dict+orphan" else 0) or (pos in best and best[pos][0] >= score):
                    continue
                if name == "lm+dict+orphan":
                    w0 = max(0, pos - 3)
                    if orphans((s[:pos] + c + s[pos:])[w0:pos + 5]) >= orphans(s[w0:pos + 4]):
                        continue
                best[pos] = (score, f"{kind}:{c}")
            for pos, (score, fix) in best.items():
                out.append((score, e, m.start() + pos, m.start() + pos + 1, fix))
    return out


def measure(name: str, cands: list, ex: list[Excerpt], paras: dict, examples: int) -> dict:
    rows = []
    target = [(e.id, a) for e in ex for a in e.annotations if a.category == "typo" and a.kind in KINDS]
    for thr in THRESHOLDS[name]:
        sel = [c for c in cands if c[0] >= thr]
        hits, fa_para, reached = 0, 0, set()
        for _, e, a, b, _ in sel:
            typo = [x for x in e.annotations if x.category == "typo" and x.start - 1 <= a and b <= x.end + 1]
            hits += bool(typo)
            reached.update((e.id, id(x)) for x in typo if x.kind in KINDS)
            if not any(x.start - 1 <= a and b <= x.end + 1 for x in e.annotations) and any(
                    s <= a < t for s, t in paras.get(e.id, ())):
                fa_para += 1
        rows.append({"threshold": thr, "candidates": len(sel), "hits": hits,
                     "precision": round(hits / len(sel), 3) if sel else None,
                     "kinds_reached": len(reached), "kinds_annotated": len(target),
                     "false_alarms_in_labelled_paragraphs": fa_para})
    top = sorted(cands, key=lambda c: -c[0])[:examples]
    ex_rows = [f"{c[0]:.1f} {c[1].id}@{c[2]} …{c[1].text[max(0, c[2] - 6):c[2]]}[{c[1].text[c[2]:c[3]]}]"
               f"{c[1].text[c[3]:c[3] + 4]}… → {c[4]}" for c in top]
    return {"generator": name, "rows": rows, "top": ex_rows}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--split", choices=("dev", "test"), default="dev")
    ap.add_argument("--order", type=int, default=4)
    ap.add_argument("--surprisal", type=float, default=6.0)
    ap.add_argument("--dict-min-freq", type=int, default=100)
    ap.add_argument("--generators", default="lm,phrase,phrase+orphan,lm+dict+orphan")
    ap.add_argument("--examples", type=int, default=10)
    ap.add_argument("--json", type=Path)
    args = ap.parse_args(argv)
    ex = read_texts(args.split)
    paras = labelled_paragraphs()
    n_par = sum(len(paras.get(e.id, ())) for e in ex)
    print(f"{args.split}: {len(ex)} excerpts, {n_par} labelled paragraphs, corpus {len(corpus_lines())} lines")
    results = []
    for name in args.generators.split(","):
        res = measure(name, candidates(name, ex, args), ex, paras, args.examples)
        results.append(res)
        print(f"\n## {name}\n| score ≥ | candidates | hits | precision | {'/'.join(KINDS)} reached | "
              "false alarms in labelled paragraphs |\n|---:|---:|---:|---:|---:|---:|")
        for r in res["rows"]:
            p = "—" if r["precision"] is None else f"{r['precision']:.3f}"
            print(f"| {r['threshold']} | {r['candidates']} | {r['hits']} | {p} | "
                  f"{r['kinds_reached']} of {r['kinds_annotated']} | {r['false_alarms_in_labelled_paragraphs']} |")
        print("top candidates:")
        for line in res["top"]:
            print("  " + line)
    if args.json:
        args.json.write_text(json.dumps(results, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

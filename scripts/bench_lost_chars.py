"""Can jieba's dictionary find a lost, extra or replaced character inside an ordinary word? (issue #12, helper t12b)

    python scripts/bench_lost_chars.py [--split dev|test] [--examples N]

A dictionary-driven detector, no statistics trained on report text: the engine's segmenter
(``nianbao.views.segment``: jieba with the domain dictionary, no HMM) leaves an *orphan* — a single Han character
that jieba's dictionary rarely counts as a word of its own (frequency below 20,000, above 50 so that traditional
characters and rare name characters are left out; not a body character such as 局/镇/乡, not after a digit or a
numeral). Inserting, deleting or replacing one character there must give a dictionary word that the segmenter
then keeps whole, with no orphan left in the window of two words either side, while the written form is not a
word itself. Variants, each narrower than the one before:

* ``broad``: any one edit inside a 1–4 character window around the orphan, into a jieba word of frequency ≥ 300
  (length 2–4) or a domain term.
* ``genre``: the edit must touch the orphan itself (insert beside it, replace it, or delete it), the repaired
  word must be one of the team corpus' words (``corpora/``, ≥ 3 times, jieba frequency ≥ 1000), and the
  orphan's neighbours must be words (two adjacent orphans are tried as one pair).
* ``genre+free``: ``genre``, inserts and deletions only, and orphans that stand alone in the team corpus or in
  two or more dev excerpts (free single characters of the genre: 列, 现, 止, 类, 项 …) are not checked.
* ``strict``: ``genre+free`` with both neighbours dictionary words of two characters or more and the repaired
  word seen ≥ 20 times in the team corpus.

Real text: the excerpts of the real development set (traditional renderings converted with OpenCC t2s as in
``bench_typo_lm.read_texts``) and the study texts ``.cache/study/text/*.txt`` (never annotated: every candidate
there was reviewed by hand). A candidate *hits* when its orphan lies in or beside a ``typo`` annotation. Tune on dev
only; ``--split test`` is for the final report. Results and the decision are in docs/benchmarks.md, "Dictionary
lost-character detector". Conditions: a shared 2-CPU machine; the figures do not depend on speed.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter, defaultdict
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "scripts"))

from bench_typo_lm import corpus_lines, read_texts  # noqa: E402

HAN = re.compile(r"[\u4e00-\u9fff]")
BOUND, RARE = 20000, 50
BODY = frozenset("省市县区镇乡街局委办院厅司处所站旗州盟村校部单中心公社队会室科股团馆台行组")
NUMERAL = frozenset("〇零一二三四五六七八九十百千万两第每")
VARIANTS = ("broad", "genre", "genre+free", "strict")


@cache
def tokenizer():
    from nianbao.classify.segment import get_tokenizer

    return get_tokenizer()


def segpos(s: str) -> list[tuple[int, str]]:
    out, pos = [], 0
    for w in tokenizer().lcut(s, HMM=False):
        out.append((pos, w))
        pos += len(w)
    return out


@cache
def dictionaries() -> tuple[dict[str, int], Counter, Counter]:
    """(jieba words of length 2–4 with frequency ≥ 300 plus domain terms, team corpus words, team corpus single
    characters)."""
    import jieba

    words: dict[str, int] = {}
    for line in (Path(jieba.__file__).parent / "dict.txt").read_text(encoding="utf-8").splitlines():
        w, f, *_ = line.split()
        if 2 <= len(w) <= 4 and int(f) >= 300 and all(HAN.match(c) for c in w):
            words[w] = int(f)
    from nianbao.rules.util import domain_terms

    for t in domain_terms():
        if 2 <= len(t) <= 8 and all(HAN.match(c) for c in t):
            words.setdefault(t, 1000)
    vocab, singles = Counter(), Counter()
    for line in corpus_lines():
        for w in tokenizer().lcut(line, HMM=False):
            if len(w) >= 2:
                vocab[w] += 1
            elif HAN.match(w):
                singles[w] += 1
    return words, vocab, singles


@cache
def indexes(variant: str) -> tuple[dict[str, int], dict[str, set[str]], dict[str, set[str]]]:
    words, vocab, _ = dictionaries()
    if variant != "broad":
        words = {w: c for w, c in vocab.items() if c >= 3 and tokenizer().FREQ.get(w, 0) >= 1000
                 and len(w) <= 4 and all(HAN.match(x) for x in w)}
    dele: dict[str, set[str]] = defaultdict(set)
    sub: dict[str, set[str]] = defaultdict(set)
    for w in words:
        for i in range(len(w)):
            dele[w[:i] + w[i + 1:]].add(w)
            sub[w[:i] + "?" + w[i + 1:]].add(w)
    return words, dele, sub


class Detector:
    def __init__(self, variant: str, free: frozenset[str] = frozenset()) -> None:
        self.variant = variant
        self.words, self.dele, self.sub = indexes(variant)
        self.free = free if variant in ("genre+free", "strict") else frozenset()
        self.freq = tokenizer().FREQ

    def orphan(self, w: str) -> bool:
        return (len(w) == 1 and bool(HAN.match(w)) and RARE <= self.freq.get(w, 0) < BOUND and w not in BODY
                and w not in self.free)

    def edits(self, line: str, p: int, a0: int, b0: int, pair: int | None) -> set[tuple[str, int, int, str]]:
        out: set[tuple[str, int, int, str]] = set()
        touch = {p} if pair is None else {p, pair}
        for a in range(max(a0, p - 3), p + 1):
            for b in range(p + 1, min(b0, a + 4) + 1):
                s = line[a:b]
                if not all(HAN.match(c) for c in s) or (len(s) >= 2 and self.freq.get(s)):
                    continue
                out.update(("lost", a, b, w) for w in self.dele.get(s, ()))
                for j in range(len(s)) if len(s) >= 2 else ():
                    if self.variant == "broad" or a + j in touch:
                        out.update(("sub", a, b, w) for w in self.sub.get(s[:j] + "?" + s[j + 1:], ()) if w != s)
                if len(s) >= 3 and a < p < b - 1 and (w := s[:p - a] + s[p - a + 1:]) in self.words:
                    out.add(("extra", a, b, w))
        if self.variant in ("genre+free", "strict"):
            out = {e for e in out if e[0] != "sub"}
        return out

    def candidates(self, line: str) -> list[tuple[int, str, str, str]]:
        """(offset of the orphan, the orphan, kind of edit, best repaired word) per orphan with a repair."""
        toks, res = segpos(line), []
        vocab = dictionaries()[1]
        for k, (p, o) in enumerate(toks):
            if not self.orphan(o) or (p and (line[p - 1].isdigit() or line[p - 1] in NUMERAL)) \
                    or line[p + 1:p + 2].isdigit():
                continue
            left, right = (toks[k - 1][1] if k else "。"), (toks[k + 1][1] if k + 1 < len(toks) else "。")
            pair = None
            if self.variant != "broad" and (self.orphan(left) or self.orphan(right)):
                if (not self.orphan(right) and k >= 2 and not self.orphan(toks[k - 2][1])) or \
                        (not self.orphan(left) and k + 2 < len(toks) and not self.orphan(toks[k + 2][1])):
                    continue  # the pair is reported from its first orphan; longer runs are names
                if not self.orphan(right) or k + 2 >= len(toks) or self.orphan(toks[k + 2][1]):
                    continue
                pair = toks[k + 1][0]
            if self.variant == "strict" and not (len(left) >= 2 and len(right) >= 2
                                                 and self.freq.get(left) and self.freq.get(right)):
                continue
            last = k + (2 if pair is not None else 1)
            a0 = toks[max(0, k - 1)][0]
            b0 = toks[min(len(toks) - 1, last)][0] + len(toks[min(len(toks) - 1, last)][1])
            lo = toks[max(0, k - 2)][0]
            e = toks[min(len(toks) - 1, last + 1)]
            hi = e[0] + len(e[1])
            good = []
            for kind, a, b, w in self.edits(line, p, a0, b0, pair):
                new = line[:a] + w + line[b:]
                after = [(lo + q, x) for q, x in segpos(new[lo:hi + len(new) - len(line)])]
                if (a, w) not in after or any(self.orphan(x) for _, x in after):
                    continue
                if self.variant == "strict" and vocab.get(w, 0) < 20:
                    continue
                good.append((self.words.get(w, 0), kind, w))
            if good:
                _, kind, w = max(good)
                res.append((p, o, kind, w))
        return res


def free_singles(texts: list[str]) -> frozenset[str]:
    """Single characters that stand alone in the team corpus, or in two or more of the given (dev) texts."""
    docs: Counter = Counter()
    for t in texts:
        docs.update({w for w in tokenizer().lcut(t, HMM=False) if len(w) == 1 and HAN.match(w)})
    return frozenset({c for c, n in docs.items() if n >= 2} | set(dictionaries()[2]))


def study_texts() -> list[tuple[str, str]]:
    import opencc

    cc = opencc.OpenCC("t2s")
    return [(p.name, cc.convert(p.read_text(encoding="utf-8")))
            for p in sorted((ROOT / ".cache" / "study" / "text").glob("*.txt"))]


def run(variant: str, free: frozenset[str], excerpts, study, examples: int) -> dict:
    det = Detector(variant, free)
    hits = cands = 0
    reached: set[tuple[str, int]] = set()
    shown: list[str] = []
    for ex in excerpts:
        off = 0
        for line in ex.text.split("\n"):
            for p, o, kind, w in det.candidates(line):
                at = off + p
                cands += 1
                ann = [a for a in ex.annotations if a.category == "typo" and a.start - 1 <= at <= a.end]
                hits += bool(ann)
                reached.update((ex.id, a.start) for a in ann)
                if len(shown) < examples:
                    shown.append(f"  {ex.id}@{at} {'HIT ' if ann else ''}{line[max(0, p - 6):p]}[{o}]{line[p + 1:p + 7]}"
                                 f" -> {kind} {w}")
            off += len(line) + 1
    study_cands = sum(len(det.candidates(line)) for _, t in study for line in t.split("\n"))
    return {"candidates": cands, "hits": hits, "annotations_reached": len(reached), "study_candidates": study_cands,
            "examples": shown}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--split", choices=("dev", "test"), default="dev")
    ap.add_argument("--examples", type=int, default=0, help="print the first N candidates per variant (dev only)")
    args = ap.parse_args(argv)
    excerpts = read_texts(args.split)
    free = free_singles([e.text for e in read_texts("dev")])
    study = study_texts()
    out = {}
    for v in VARIANTS:
        r = run(v, free, excerpts, study, args.examples if args.split == "dev" else 0)
        out[v] = {k: r[k] for k in r if k != "examples"}
        prec = r["hits"] / r["candidates"] if r["candidates"] else 0.0
        print(f"{v:12s} {args.split}: candidates {r['candidates']:5d} hits {r['hits']:3d} precision {prec:.3f} "
              f"annotations reached {r['annotations_reached']:3d}; study texts: candidates {r['study_candidates']}")
        if r["examples"]:
            print("\n".join(r["examples"]))
    print(json.dumps(out, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

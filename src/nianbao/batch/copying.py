"""Copy detection across a batch (跨地抄: other units; 跨时抄: the same agency's earlier report).

Worker side (per report, in parallel): ``extract(report)`` splits the narrative paragraphs
(``Report.paragraphs()``: no tables, no headings) into sentences, drops mandated template wording
(``data/lexicon/template_sentences.toml``) and very short sentences, normalises each sentence (NFKC,
whitespace and punctuation removed, every run of digits replaced by ``#`` so that a copied sentence with
changed figures still matches) and computes a MinHash signature over its character 3-shingles.

Parent side (once per batch): ``detect(docs)`` groups identical normalised sentences, then finds the
near-identical pairs among the distinct ones with LSH banding done in numpy (``candidate_pairs``: the
signature is cut into b bands of r rows, as datasketch's ``MinHashLSH`` does for the same threshold;
sentences that agree on a whole band are candidates), drops the candidates whose MinHash estimate is far
below the threshold, and verifies the rest exactly (3-shingle Jaccard >= 0.8). No candidate is dropped
unverified, and the work grows with the number of sentences plus the number of near-identical pairs, not
with its square (docs/benchmarks.md: 1k, 10k and 100k reports). Sentences found in very many units are
stock phrasing (套话, the classifier's business), not copying, and are not counted. For each report it
returns the ``copying`` dict that the rule B-03 and the HTML renderer read.
"""

from __future__ import annotations

import re
import zlib
from collections import Counter
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

import numpy as np

from nianbao import views
from nianbao.crossyear import agency_key, body_keys
from nianbao.datacache import parse_toml
from nianbao.textnorm import compact, sentence_key

_DIGITS = re.compile(r"\d+")
_FIGURE = re.compile(r"\d+(?:\.\d+)?\s*(?:件|条|次|个|人次|万元|元|%|％|篇|期|场|项|家|名|人|批次|份|户)")
_MERSENNE = np.uint64((1 << 61) - 1)
# a run-in or stand-alone numbered heading, after NFKC: "(一)主动公开情况。", "四、政府信息公开平台建设情况"
_NUMBERED_HEADING = re.compile(r"^(?:\([一二三四五六七八九十]{1,3}\)|[一二三四五六七八九十]{1,3}、|\d{1,2}[.、])[^。;!?,，]{0,24}[。:：]?$")
_MAX32 = np.uint64(0xFFFFFFFF)


@dataclass(frozen=True)
class Settings:
    min_chars: int = 12
    similarity: float = 0.8
    num_perm: int = 64
    lsh_bands: int = 14  # b bands of r rows: datasketch's MinHashLSH choice for threshold 0.5 at 64 permutations
    lsh_rows: int = 4
    common_units_min: int = 5
    common_units_share: float = 0.01
    max_matches: int = 60


@dataclass(frozen=True)
class Template:
    name: str
    patterns: tuple[re.Pattern, ...]
    max_chars: int | None = None

    def matches(self, sentence: str) -> bool:
        if self.max_chars is not None and len(sentence) > self.max_chars:
            return False
        return all(p.search(sentence) for p in self.patterns)


@cache
def load_templates() -> tuple[Settings, tuple[Template, ...]]:
    data = parse_toml(resources.files("nianbao.data").joinpath("lexicon/template_sentences.toml")
                         .read_text(encoding="utf-8"))
    s = data.get("settings", {})
    settings = Settings(**{k: v for k, v in s.items() if k in Settings.__dataclass_fields__})
    templates = tuple(Template(t["name"], tuple(re.compile(p) for p in t["all"]), t.get("max_chars"))
                      for t in data.get("template", []))
    return settings, templates


def template_name(sentence: str) -> str | None:
    """The template entry a sentence belongs to (None for free text)."""
    s = compact(sentence)
    for t in load_templates()[1]:
        if t.matches(s):
            return t.name
    return None


def split_sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence in ``text`` (views.SENTENCE_END), surrounding blanks trimmed."""
    out = []
    for s, e in views.split_sentences(text):
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            out.append((s, e))
    return out


# --------------------------------------------------------------------------- signatures


@cache
def _perm(num_perm: int) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.RandomState(20240118)
    a = rng.randint(1, (1 << 61) - 1, size=num_perm, dtype=np.uint64)
    b = rng.randint(0, (1 << 61) - 1, size=num_perm, dtype=np.uint64)
    return a, b


def shingles(norm: str) -> list[str]:
    return [norm[i:i + 3] for i in range(len(norm) - 2)] if len(norm) >= 3 else [norm]


def signatures(norms: list[str], num_perm: int = 64) -> np.ndarray:
    """MinHash signatures (len(norms) x num_perm, uint64) over character 3-shingles, the classic
    universal-hashing scheme ((a*h + b) mod 2^61-1) that datasketch calls 'legacy'; h = crc32 of the shingle
    (stable across processes, unlike ``hash``)."""
    if not norms:
        return np.zeros((0, num_perm), dtype=np.uint64)
    a, b = _perm(num_perm)
    hs: list[int] = []
    starts: list[int] = []
    for n in norms:
        starts.append(len(hs))
        hs.extend(zlib.crc32(s.encode("utf-8")) for s in shingles(n))
    h = np.asarray(hs, dtype=np.uint64)
    with np.errstate(over="ignore"):
        m = ((a[:, None] * h[None, :] + b[:, None]) % _MERSENNE) & _MAX32
    return np.minimum.reduceat(m, starts, axis=1).T.copy()


def extract(report: Any) -> tuple[list[list], bytes]:
    """Copy-detection sentences of a report: [[start, end, text, norm], ...] and their signatures (bytes).

    start/end are offsets into ``report.text`` (None when the paragraph text is not found verbatim)."""
    settings, templates = load_templates()
    text = report.text
    out: list[list] = []
    for para in report.paragraphs():
        ptext = para.text
        base = para.loc.start
        if base is None or text[base:base + len(ptext)] != ptext:
            found = text.find(ptext)
            base = found if found >= 0 else None
        for s, e in split_sentences(ptext):
            sent = ptext[s:e]
            norm = sentence_key(sent)
            if len(norm) < settings.min_chars:
                continue
            flat = compact(sent)
            if _NUMBERED_HEADING.match(flat) or any(t.matches(flat) for t in templates):
                continue  # a stock heading ("（四）政府信息公开平台建设情况。", "(四)…" alike) or template wording
            out.append([None if base is None else base + s, None if base is None else base + e, sent, norm])
    sigs = signatures([x[3] for x in out], settings.num_perm)
    return out, sigs.tobytes()


# --------------------------------------------------------------------------- detection


@dataclass
class Doc:
    sha: str
    role: str  # "current" | "previous"
    source: str  # path shown to the user
    agency: str | None
    year: int | None
    sentences: list[list]  # [[start, end, text, norm], ...]
    sigs: Any = None  # their signatures (row j: sentence j); None once the report is in the Index
    key: str = ""  # unit identity

    def __post_init__(self) -> None:
        self.key = agency_key(self.agency) or f"?{self.sha}"


@dataclass
class Stats:
    sentences: int = 0
    distinct: int = 0
    candidates: int = 0
    verified: int = 0
    common: int = 0
    seconds: float = 0.0
    extra: dict = field(default_factory=dict)


def _previous_for(i: int, docs: list[Doc], keys: list[str], by_key: dict[str, list[int]]) -> int | None:
    """The index of document i's previous report: same unit key (``keys[i]``), the latest earlier year."""
    d = docs[i]
    if keys[i].startswith("?"):
        return None
    best: tuple | None = None
    for k in by_key.get(keys[i], []):
        o = docs[k]
        if k == i or o.sha == d.sha:
            continue
        if d.year is not None and o.year is not None:
            if o.year >= d.year:
                continue
            rank = (1, o.year, o.role == "previous")
        elif o.role == "previous":
            rank = (0, o.year or 0, True)
        else:
            continue
        if best is None or rank > best[0]:
            best = (rank, k)
    return best[1] if best else None


def _by_key(keys: list[str]) -> dict[str, list[int]]:
    by_key: dict[str, list[int]] = {}
    for i, k in enumerate(keys):
        by_key.setdefault(k, []).append(i)
    return by_key


def previous_map(docs: list[Doc]) -> dict[str, str]:
    """For each current report, the sha of the same body's previous report (matched by normalised agency
    name as for 跨时抄, a name without its parent divisions joining the full one: the latest earlier year
    among the inputs or in the ``--previous`` folder). The audit's cross-year rules (Y-xx) compare the two."""
    canon = body_keys(d.agency for d in docs)
    keys = [canon.get(d.key, d.key) for d in docs]
    by_key = _by_key(keys)
    out: dict[str, str] = {}
    for i, d in enumerate(docs):
        if d.role == "current" and d.sha not in out:
            k = _previous_for(i, docs, keys, by_key)
            if k is not None:
                out[d.sha] = docs[k].sha
    return out


def _residue(ours: str, theirs: str, year: int | None, prev_year: int | None) -> str | None:
    notes = []
    if prev_year and year and prev_year != year:
        tok = f"{prev_year}年"
        if tok in ours and tok in theirs:
            notes.append(f"沿用了上年报告的年份“{tok}”")
    figs_o = _FIGURE.findall(ours)
    if figs_o and figs_o == _FIGURE.findall(theirs) and _DIGITS.findall(ours) == _DIGITS.findall(theirs):
        notes.append("数字与上年报告完全相同（" + "、".join(dict.fromkeys(figs_o)) + "），可能未更新")
    return "；".join(notes) or None


_BAND_MULT = np.array([0x9E3779B97F4A7C15, 0xC2B2AE3D27D4EB4F, 0x165667B19E3779F9, 0xD6E8FEB86659FD93,
                       0xFF51AFD7ED558CCD, 0xC4CEB9FE1A85EC53, 0x94D049BB133111EB, 0xBF58476D1CE4E5B9],
                      dtype=np.uint64)


def _band_keys(sig: np.ndarray, lo: int, hi: int) -> np.ndarray:
    """A 64-bit key per row for signature columns lo..hi (equal bands give equal keys; a rare collision
    only adds a candidate, which is then verified)."""
    key = np.zeros(len(sig), dtype=np.uint64)
    with np.errstate(over="ignore"):
        for j, c in enumerate(range(lo, hi)):
            key = (key ^ (sig[:, c] * _BAND_MULT[j % len(_BAND_MULT)])) * np.uint64(0x100000001B3)
    return key


def _pairs_in_groups(order: np.ndarray, starts: np.ndarray, sizes: np.ndarray) -> np.ndarray:
    """All (a, b) index pairs, a < b, within each group order[start:start+size]; int64 codes a*2^32+b."""
    out = []
    # groups of equal size together: one vectorised triu per size
    for g in np.unique(sizes):
        sel = starts[sizes == g]
        ia, ib = np.triu_indices(int(g), k=1)
        members = order[sel[:, None] + np.arange(g)[None, :]]  # (groups, g)
        a, b = members[:, ia].ravel(), members[:, ib].ravel()
        lo, hi = np.minimum(a, b), np.maximum(a, b)
        out.append((lo.astype(np.int64) << 32) | hi.astype(np.int64))
    return np.concatenate(out) if out else np.zeros(0, dtype=np.int64)


class Index:
    """The near-duplicate relation between the distinct sentences of a batch, built report by report.

    ``add`` takes each report's sentences and signatures as its parse result arrives (in ``nianbao batch`` this
    overlaps the workers' parsing); every ``block`` new distinct sentences (or 1/32 of the index, when more),
    ``_flush`` bands them (LSH: b bands
    of r rows; sentences equal on a whole band are candidates), pairs them with each other and with every
    earlier sentence (earlier ones are kept in sorted runs, merged as they grow, so that each flush costs a
    binary search per key instead of a re-sort of the whole batch), drops the candidates whose MinHash estimate
    is far below the threshold and verifies the rest exactly (3-shingle Jaccard). ``detect`` then only groups
    the matches by report. The pairs found, and so the results, do not depend on the order the reports arrive
    in or on ``block``."""

    def __init__(self, settings: Settings | None = None, block: int = 256) -> None:
        self.settings = settings or load_templates()[0]
        self.block = block
        self.uid_of: dict[str, int] = {}  # normalised sentence -> its number
        self.norms: list[str] = []
        self.neighbours: dict[int, list[tuple[int, float]]] = {}  # verified pairs, both ways
        self.candidates = 0  # distinct pairs sharing a band
        self.verified = 0  # of them, checked exactly (the others' MinHash estimate is too low)
        self._added: set[str] = set()
        self._sig = np.zeros((0, self.settings.num_perm), dtype=np.uint32)  # values are 32-bit
        self._flushed = 0  # sentences numbered below this are banded and paired
        self._runs: list[tuple[np.ndarray, np.ndarray]] = []  # (band keys sorted per band, their sentences)
        self._shingles: dict[int, frozenset] = {}

    def add(self, sha: str, sentences: list[list], sigs: Any) -> None:
        """One report's sentences ([start, end, text, norm], ...) and their signatures (row j: sentence j)."""
        if sha in self._added:
            return
        self._added.add(sha)
        rows = []
        for j, sent in enumerate(sentences):
            if sent[3] not in self.uid_of:
                self.uid_of[sent[3]] = len(self.norms)
                self.norms.append(sent[3])
                rows.append(sigs[j])
        if rows:
            n, have = len(self.norms), len(self._sig)
            if n > have:  # grow by doubling: appends stay linear
                grown = np.zeros((max(n, 2 * have, 1024), self.settings.num_perm), dtype=np.uint32)
                grown[:have] = self._sig
                self._sig = grown
            self._sig[n - len(rows):n] = np.stack(rows).astype(np.uint32)
        # small blocks keep what is left for ``detect`` (after the last report arrives) short; a block grows with
        # the index (1/32 of it) so that the number of flushes, each a binary search in every run, stays small
        if len(self.norms) - self._flushed >= max(self.block, len(self.norms) // 32):
            self._flush()

    def _flush(self) -> None:
        lo, hi = self._flushed, len(self.norms)
        if hi == lo:
            return
        s = self.settings
        block = self._sig[lo:hi]
        keys = np.empty((s.lsh_bands, hi - lo), dtype=np.uint64)
        members = np.empty((s.lsh_bands, hi - lo), dtype=np.int32)  # (sentence numbers < 2^31)
        codes = []
        for band in range(s.lsh_bands):
            key = _band_keys(block, band * s.lsh_rows, (band + 1) * s.lsh_rows)
            order = np.argsort(key, kind="stable")
            k, uids = key[order], order + lo
            keys[band], members[band] = k, uids
            edge = np.flatnonzero(np.concatenate(([True], k[1:] != k[:-1], [True])))
            starts, sizes = edge[:-1], np.diff(edge)
            many = sizes > 1
            if many.any():  # pairs within the new block
                codes.append(_pairs_in_groups(uids, starts[many], sizes[many]))
            for run_keys, run_uids in self._runs:  # pairs with every earlier sentence (numbered lower)
                left = np.searchsorted(run_keys[band], k, "left")
                count = np.searchsorted(run_keys[band], k, "right") - left
                hit = count > 0
                if hit.any():
                    count = count[hit]
                    first = np.repeat(left[hit], count)
                    step = np.arange(len(first)) - np.repeat(np.cumsum(count) - count, count)
                    codes.append((run_uids[band][first + step].astype(np.int64) << 32) | np.repeat(uids[hit], count))
        self._runs.append((keys, members))
        while len(self._runs) > 1 and self._runs[-2][0].shape[1] <= 2 * self._runs[-1][0].shape[1]:
            (k1, m1), (k2, m2) = self._runs.pop(), self._runs.pop()
            k, m = np.concatenate([k2, k1], axis=1), np.concatenate([m2, m1], axis=1)
            order = np.argsort(k, axis=1, kind="stable")
            self._runs.append((np.take_along_axis(k, order, 1), np.take_along_axis(m, order, 1)))
        self._flushed = hi
        if not codes:
            return
        code = np.unique(np.concatenate(codes))
        self.candidates += len(code)
        a, b = code >> 32, code & 0xFFFFFFFF
        # a pair at the similarity threshold has a MinHash estimate below (similarity - 0.3) with
        # probability < 1e-8 at 64 permutations: such candidates are dropped before the exact check
        keep = np.empty(len(a), dtype=bool)
        sig, step = self._sig, 1 << 18
        for i in range(0, len(a), step):
            keep[i:i + step] = (sig[a[i:i + step]] == sig[b[i:i + step]]).mean(axis=1) >= max(0.0, s.similarity - 0.3)
        self._verify(a[keep].tolist(), b[keep].tolist())

    def _verify(self, a: list[int], b: list[int]) -> None:
        sets, norms, neighbours, similarity = self._shingles, self.norms, self.neighbours, self.settings.similarity
        for u, v in zip(a, b, strict=True):
            su = sets.get(u)
            if su is None:
                su = sets[u] = frozenset(shingles(norms[u]))
            sv = sets.get(v)
            if sv is None:
                sv = sets[v] = frozenset(shingles(norms[v]))
            inter = len(su & sv)
            sim = inter / (len(su) + len(sv) - inter) if inter else 0.0
            if sim >= similarity:
                neighbours.setdefault(u, []).append((v, sim))
                neighbours.setdefault(v, []).append((u, sim))
        self.verified += len(a)

    def detect(self, docs: list[Doc]) -> tuple[dict[str, dict], Stats]:
        """The copying dict of every current document of ``docs`` (each added here, or added now from its
        ``sigs``), and statistics of the pass."""
        import time

        t0 = time.perf_counter()
        for d in docs:
            self.add(d.sha, d.sentences, d.sigs)
        self._flush()
        self._shingles.clear()
        result, stats = _group(docs, self)
        stats.seconds = time.perf_counter() - t0
        return result, stats


def detect(docs: list[Doc], settings: Settings | None = None) -> tuple[dict[str, dict], Stats]:
    """The copying dict of every current document, and statistics of the pass (all at once: ``Index``)."""
    return Index(settings).detect(docs)


def _group(docs: list[Doc], index: Index) -> tuple[dict[str, dict], Stats]:
    """Each current document's matches, from the near-duplicate relation of its distinct sentences."""
    settings = index.settings
    stats = Stats(candidates=index.candidates, verified=index.verified)
    uid_of, neighbours = index.uid_of, index.neighbours
    occ: list[list[tuple[int, int]]] = [[] for _ in index.norms]  # where each distinct sentence occurs
    for i, d in enumerate(docs):
        for j, s in enumerate(d.sentences):
            occ[uid_of[s[3]]].append((i, j))
    stats.sentences = sum(len(d.sentences) for d in docs)
    stats.distinct = sum(1 for o in occ if o)
    n_units = len({d.key for d in docs})
    common_limit = max(settings.common_units_min, int(settings.common_units_share * n_units + 0.999))
    common: dict[int, bool] = {}
    listed: dict[int, list[tuple[int, float]]] = {}
    keys = [d.key for d in docs]

    def neigh(u: int) -> list[tuple[int, float]]:
        out = listed.get(u)
        if out is None:
            out = listed[u] = [(u, 1.0), *neighbours.get(u, ())]  # (any order: a best match is a maximum)
        if u not in common:
            units: set[str] = set()
            for v, _ in out:
                units.update([keys[i] for i, _ in occ[v]])
                if len(units) >= common_limit:
                    break
            common[u] = len(units) >= common_limit
            stats.common += common[u]
        return out

    by_key = _by_key(keys)
    result: dict[str, dict] = {}
    for i, d in enumerate(docs):
        if d.role != "current" or d.sha in result:
            continue
        prev = _previous_for(i, docs, keys, by_key)
        total = sum(len(s[2]) for s in d.sentences)
        cross_chars = prev_chars = common_chars = 0
        cross: list[dict] = []
        previous: list[dict] = []
        per_source: Counter = Counter()
        per_source_chars: Counter = Counter()
        for start, end, text, norm in d.sentences:
            u = uid_of[norm]
            nb = neigh(u)
            if common[u]:
                common_chars += len(text)
                continue
            best_c: tuple | None = None
            best_p: tuple | None = None
            for v, sim in nb:
                for k, jj in occ[v]:
                    if k == i:
                        continue
                    o = docs[k]
                    if k == prev:
                        cand = (sim, -k, k, jj)
                        if best_p is None or cand > best_p:
                            best_p = cand
                    elif o.role == "current" and o.key != d.key and o.sha != d.sha:
                        cand = (sim, -k, k, jj)
                        if best_c is None or cand > best_c:
                            best_c = cand
            if best_c is not None:
                sim, _, k, jj = best_c
                o = docs[k]
                cross_chars += len(text)
                per_source[k] += 1
                per_source_chars[k] += len(text)
                cross.append({"kind": "cross_unit", "source": o.source, "agency": o.agency or "",
                              "sentence": text, "matched": o.sentences[jj][2], "similarity": round(sim, 3),
                              "start": start, "end": end})
            if best_p is not None:
                sim, _, k, jj = best_p
                o = docs[k]
                prev_chars += len(text)
                m = {"kind": "previous_year", "source": o.source, "agency": o.agency or "", "sentence": text,
                     "matched": o.sentences[jj][2], "similarity": round(sim, 3), "start": start, "end": end}
                res = _residue(text, o.sentences[jj][2], d.year, o.year)
                if res:
                    m["residue"] = res
                previous.append(m)
        # residues first among previous-year matches: they are the most useful evidence
        previous.sort(key=lambda m: (0 if m.get("residue") else 1, m["start"] if m["start"] is not None else 0))
        keep = settings.max_matches
        cd: dict[str, Any] = {
            "other_units_share": round(cross_chars / total, 3) if total else 0.0,
            "previous_year_share": (round(prev_chars / total, 3) if total else 0.0) if prev is not None else None,
            "matches": cross[:keep] + previous[:keep],
            "checked_chars": total,
            "common_share": round(common_chars / total, 3) if total else 0.0,
            "cross_unit_sentences": len(cross),
            "previous_year_sentences": len(previous),
            "residues": sum(1 for m in previous if m.get("residue")),
            "sources": [{"source": docs[k].source, "agency": docs[k].agency or "", "sentences": n,
                         "chars": per_source_chars[k]} for k, n in per_source.most_common(5)],
            "previous_report": ({"source": docs[prev].source, "agency": docs[prev].agency or "",
                                 "year": docs[prev].year} if prev is not None else None),
        }
        result[d.sha] = cd
    stats.extra = {"units": n_units, "common_limit": common_limit}
    return result, stats

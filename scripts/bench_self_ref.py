"""The report as its own reference: a phrase written once one edit away from a phrase the same report repeats
(issue #12, helper t13).

    python scripts/bench_self_ref.py [--what dev|corpus|pdf] [--show all|hits|fa|every|hitsall|none]

A report repeats its own phrases (its body's name, its columns and platforms, the mandated terms); a slip writes
one instance with a character lost, added, replaced or two adjacent characters exchanged while the report writes
the phrase correctly elsewhere (政务公开专栏 three times, 政务公专栏 once). Candidate: a string ``w`` of 3–10 Han
characters written once, one edit from a phrase ``p`` written at least twice in the same text (or once, when ``p``
is one of the package's canonical phrases: W-15's inventory, W-08's set phrases), the edit strictly inside ``p``
(an edit at either end reads another word beside the phrase). Spaces a PDF leaves between two Han characters are
dropped first. Per slip site the pair with the longest ``p`` is kept. Filters, each a stage of the printed counts
(a candidate is counted at every stage it passes):

* ``word``: ``w`` is a word itself (jieba's dictionary, the domain dictionary, a few words newer than jieba's
  dictionary: 微信, 微博 …);
* ``cross``: ``w`` does not start and end at word boundaries of its clause, by the segmenter or by the dictionary
  (政府信息公开作|为, 国务院办|公厅政府信息, 微|信公开): the edit belongs to a neighbouring word;
* ``abbrev``: a body's character or an issuer's document number follows (高新区发改局, 沙府发〔2020〕): names of
  bodies and issuers' codes are shortened by design;
* ``char``: the edited character is a function character or a negation, a numeral, a deictic (本/上/今/全/各…) or
  a level character (省/市/县/区/镇/乡/村/街): another word (的 added, 一季度/二季度, 全年未发/全年制发, 县/区政府);
* ``reads``: the character added or replaced, or the two a lost one brings together, make with a neighbour a
  dictionary word that ``p`` does not contain (政府网信息公开, 政策性文件, 微博公众号): different words sharing
  characters;
* ``shorter``: a one-character word of the longer form is the one lost or added (a shorter legitimate form);
* ``orphan``: ``w``, segmented in its clause, has no bound character (dictionary count < 20,000, not a function
  character) standing alone: it reads as words;
* ``site``: that bound character does not stand at the edit itself.

Evidence (``--what``): ``dev``, the dev split of the real devset (HIT: a candidate whose ``w`` overlaps a typo
annotation; oth: another annotation; FA: none); ``corpus``, our corpus reports (``corpora/reports``: clean by
construction, HIT only on a defect their manifest lists); ``pdf``, the study PDFs (``.cache/study/pdf``, read by the
engine's reader). ``--show every`` prints every candidate with the stage that drops it, ``--show all`` the
survivors. Dev only: the test split is not read by this script. Results: docs/benchmarks.md, "The report as its own reference".
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

HAN = "\u4e00-\u9fff"
RUN = re.compile(f"[{HAN}](?:[ \u3000]?[{HAN}])*")
FUNCTION = frozenset("的地得和与及或并等之在对将把被了是为以由从向于其所而且也即未不无没非")
NUMERAL = frozenset("〇零一二三四五六七八九十百千万两第每半几")
DEICTIC = frozenset("本上今去全当次前后下该此各")
LEVEL = frozenset("省市县区镇乡村街州旗盟")
MINLEN, MAXLEN = 3, 10
STAGES = ("raw", "word", "cross", "abbrev", "char", "reads", "shorter", "orphan", "site")
BOUND = 20000
# words newer than jieba's dictionary (it has no 微信 or 微博): read as words at w's edges and around the edit
NEW_WORDS = frozenset({"微信", "微博", "抖音", "快手", "头条", "政务号", "视频号", "小程序", "公众号", "央媒", "网信",
                       "发改", "政务网"})
BODY_AFTER = re.compile(r"[局委办厅署处司]|\s*[〔\[［(（【]\s*(?:19|20)\d{2}")


@cache
def freq() -> dict:
    from nianbao.rules.util import word_freq

    return word_freq()


@cache
def domain() -> frozenset[str]:
    from importlib import resources

    path = resources.files("nianbao.data").joinpath("lexicon", "domain_dict.txt")
    return frozenset(ln.split()[0] for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip())


@cache
def canonical() -> frozenset[str]:
    from nianbao.lexicon import lexicon
    from nianbao.rules.canonical import inventory

    out = set(inventory().phrases)
    try:
        sp = lexicon("set_phrases")
        for v in sp.values():
            if isinstance(v, list):
                out.update(x for x in v if isinstance(x, str))
    except Exception:  # noqa: BLE001 - optional data
        pass
    return frozenset(x for x in out if re.fullmatch(f"[{HAN}]{{4,11}}", x))


def is_word(s: str) -> bool:
    return freq().get(s, 0) > 0 or s in domain() or s in NEW_WORDS


def dict_word(x: str, least: int = 100) -> bool:
    return freq().get(x, 0) >= least or x in NEW_WORDS or x in domain()


def seg(s: str) -> list[str]:
    from nianbao.views import segment

    return segment(s)


def han_runs(text: str) -> list[tuple[str, list[int]]]:
    """Han runs with the offsets of their characters (single spaces between two Han characters dropped)."""
    out = []
    for m in RUN.finditer(text):
        chars, pos = [], []
        for i in range(m.start(), m.end()):
            if text[i] not in " \u3000":
                chars.append(text[i])
                pos.append(i)
        out.append(("".join(chars), pos))
    return out


def edits_of(p: str):
    """(w, kind, i, ch) for the interior edits of p: lost p[i]; swap p[i], p[i+1]; (added / sub are looked up)."""
    n = len(p)
    for i in range(1, n - 1):
        yield p[:i] + p[i + 1:], "lost", i, p[i]
    for i in range(1, n - 2):
        if p[i] != p[i + 1]:
            yield p[:i] + p[i + 1] + p[i] + p[i + 2:], "swap", i, p[i] + p[i + 1]


def candidates(text: str) -> list[dict]:
    runs = han_runs(text)
    count: Counter = Counter()
    first: dict[str, tuple[int, int]] = {}
    for k, (r, _) in enumerate(runs):
        for L in range(MINLEN, MAXLEN + 2):
            for i in range(len(r) - L + 1):
                s = r[i:i + L]
                count[s] += 1
                if s not in first:
                    first[s] = (k, i)
    canon = {c for c in canonical() if count[c] >= 1}
    phrases = {s for s, n in count.items() if n >= 2 and len(s) >= MINLEN} | canon
    once = {s for s, n in count.items() if n == 1 and MINLEN <= len(s) <= MAXLEN}
    found = []
    for p in phrases:
        for w, kind, i, ch in edits_of(p):
            if MINLEN <= len(w) and w in once:
                found.append((w, p, kind, i, ch))
    # added / sub: index once-strings by deletion and by wildcard
    wild: dict[str, list[tuple[str, int]]] = defaultdict(list)
    for p in phrases:
        for i in range(1, len(p) - 1):
            wild[p[:i] + "\0" + p[i + 1:]].append((p, i))
    for w in once:
        for i in range(1, len(w) - 1):
            d = w[:i] + w[i + 1:]
            if d in phrases and len(d) >= MINLEN:
                found.append((w, d, "added", i, w[i]))
            for p, j in wild.get(w[:i] + "\0" + w[i + 1:], ()):
                if p[j] != w[i]:
                    found.append((w, p, "sub", i, p[j] + w[i]))
    # place each on the text; keep per site the longest p
    best: dict[tuple[int, int], dict] = {}
    for w, p, kind, i, ch in found:
        k, j = first[w]
        r, pos = runs[k]
        site = pos[j + i] if kind != "lost" else pos[j + i - 1]
        c = dict(w=w, p=p, kind=kind, i=i, ch=ch, start=pos[j], end=pos[j + len(w) - 1] + 1, site=site,
                 np=count[p], canon=p in canon, run=r, at=j, text=text)
        key = (site, kind)
        if key not in best or len(p) > len(best[key]["p"]):
            best[key] = c
    # one finding per site whatever the kind: the longest phrase wins
    per: dict[int, dict] = {}
    for c in best.values():
        if c["site"] not in per or len(c["p"]) > len(per[c["site"]]["p"]):
            per[c["site"]] = c
    return sorted(per.values(), key=lambda c: c["start"])


def stage(c: dict) -> str:
    """The first filter that drops the candidate, or '' when it survives all."""
    w, p, kind, i, ch = c["w"], c["p"], c["kind"], c["i"], c["ch"]
    if is_word(w):
        return "word"
    if crosses(c):
        return "cross"
    if BODY_AFTER.match(c["text"], c["end"]):  # a body's short name (发改局) or an issuer's code (沙府发〔): abbreviated
        return "abbrev"
    chars = set(ch)
    if chars & (FUNCTION | NUMERAL | DEICTIC | LEVEL):
        return "char"
    # the changed character (added, replaced) or the join (lost) read as a word that p does not contain
    lo, hi = (i, i + 1) if kind in ("added", "sub") else (i - 1, i + 1) if kind == "lost" else (i, i + 2)
    for a in range(max(0, hi - 3), lo + 1):
        for b in range(max(hi, a + 2), min(len(w), a + 3) + 1):
            x = w[a:b]
            if dict_word(x, 50) and x not in p:
                return "reads"
    # a shorter form: p's words, w keeps them all but drops (or adds) a one-character word
    if kind in ("lost", "added"):
        long_, short = (p, w) if kind == "lost" else (w, p)
        sl = seg(long_)
        pos = 0
        for x in sl:
            if pos <= i < pos + len(x):
                if len(x) == 1:
                    return "shorter"
                break
            pos += len(x)
    if not orphan(c, True):
        return "orphan"
    if not orphan(c, False):
        return "site"
    return ""


def crosses(c: dict) -> bool:
    """w does not start and end at word boundaries of its clause: the edit belongs to a neighbouring word
    (政府信息公开作|为, 国务院办|公厅政府信息)."""
    r, at, n = c["run"], c["at"], len(c["w"])
    lo, hi = max(0, at - 8), min(len(r), at + n + 8)
    cuts, pos = set(), lo
    for x in seg(r[lo:hi]):
        cuts.add(pos)
        pos += len(x)
    cuts.add(pos)
    if at not in cuts or at + n not in cuts:
        return True
    # the dictionary's own view where the segmenter splits a word (微|信)
    if at and dict_word(r[at - 1:at + 1]) and not dict_word(r[at:at + 2]):
        return True
    return at + n < len(r) and dict_word(r[at + n - 1:at + n + 1]) and not dict_word(r[at + n - 2:at + n])


def orphan(c: dict, anywhere: bool) -> bool:
    """w, segmented in its clause, has a bound character standing alone (not a function character): anywhere in w,
    or at the edit itself."""
    r, at, n, i = c["run"], c["at"], len(c["w"]), c["i"]
    near = set(range(at, at + n)) if anywhere else \
        {at + i - 1, at + i} if c["kind"] == "lost" else {at + i, at + i + 1} if c["kind"] == "swap" else {at + i}
    lo, hi = max(0, at - 8), min(len(r), at + n + 8)
    pos, f = lo, freq()
    for x in seg(r[lo:hi]):
        if pos in near and len(x) == 1 and x not in FUNCTION and f.get(x, 0) < BOUND:
            return True
        pos += len(x)
    return False


def dev_excerpts():
    from bench_real import load_manifests

    ex, _ = load_manifests()
    return ex


def overlaps(a0, a1, b0, b1):
    return a0 < b1 and b0 < a1


def context(text: str, c: dict, n: int = 14) -> str:
    return text[max(0, c["start"] - n):c["start"]] + "[" + text[c["start"]:c["end"]] + "]" + text[c["end"]:c["end"] + n]


def show(tag: str, name: str, text: str, c: dict) -> None:
    print(f"  {tag} {name} {c['kind']:5} w={c['w']} p={c['p']}×{c['np']}{'C' if c['canon'] else ''} "
          f"drop={c['drop'] or '-'} | {context(text, c).replace(chr(10), '⏎')}")


def run_texts(items, show_what: str, annotated: bool) -> dict:
    tallies = {s: Counter() for s in STAGES}
    from nianbao.ingest.script import char_map

    for name, text, anns in items:
        text = text.translate(char_map(text))  # the engine reads a traditional rendering converted, same length
        for c in candidates(text):
            c["drop"] = stage(c)
            if annotated:
                hit = any(overlaps(c["start"], c["end"], a.start, max(a.end, a.start + 1)) and a.category == "typo"
                          for a in anns)
                other = any(overlaps(c["start"], c["end"], a.start, max(a.end, a.start + 1)) for a in anns)
                tag = "HIT" if hit else ("oth" if other else "FA ")
            else:
                tag = "HIT" if any(overlaps(c["start"], c["end"], a0, a1) for a0, a1 in anns) else "FA "
            upto = STAGES.index(c["drop"]) if c["drop"] else len(STAGES)
            for s in STAGES[:upto]:
                tallies[s][tag] += 1
            if c["drop"] == "" and (show_what == "all" or (show_what == "hits") == (tag == "HIT")):
                show(tag, name, text, c)
            elif show_what == "every" or (show_what == "hitsall" and tag == "HIT"):
                show(tag, name, text, c)
    return {s: dict(t) for s, t in tallies.items()}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--show", default="all", choices=("hits", "fa", "all", "every", "none", "hitsall"))
    ap.add_argument("--what", default="dev", choices=("dev", "corpus", "pdf"))
    a = ap.parse_args(argv)
    if a.what == "dev":
        items = [(e.id, e.text, e.annotations) for e in dev_excerpts() if e.split == "dev"]
        res = run_texts(items, a.show, True)
    elif a.what == "corpus":
        items = []
        for line in (ROOT / "corpora" / "reports" / "manifest.jsonl").read_text(encoding="utf-8").splitlines():
            d = json.loads(line)
            text = (ROOT / "corpora" / d["file"]).read_text(encoding="utf-8")
            items.append((d["id"], text, [(x["start"], x["end"]) for x in d.get("defects", ())]))
        res = run_texts(items, a.show, False)
    elif a.what == "pdf":
        from nianbao.ingest import read_document as read_path
        from nianbao.structure import parse_report

        items = []
        for path in sorted((ROOT / ".cache" / "study" / "pdf").glob("*.pdf")):
            rep = parse_report(read_path(path), require_report=False)
            items.append((path.stem, rep.text, []))
        res = run_texts(items, a.show, False)
    print(json.dumps(res, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

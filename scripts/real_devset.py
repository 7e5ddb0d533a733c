"""Re-gather check and counts for the real-text development set of issue #12.

    python scripts/real_devset.py check [--cache DIR] [--manifest-dir DIR] [--paragraph-dir DIR]
    python scripts/real_devset.py stats [--manifest-dir DIR] [--paragraph-dir DIR]
    (either command takes --writer h12d to look at one writer's manifest only)

The manifests ``corpora/real/devset/*.jsonl`` hold facts only (source URL, query, year, agency, level,
province, sha256 and hand annotations with offsets and snippets of at most 12 characters); the excerpt texts
themselves live outside git in ``.cache/devset/<id>.txt`` (see /work/DEVSET.md for the contract).

``check`` validates every manifest line (keys, split rule, categories, snippets), then, for every line, that the
local copy exists, has the recorded length and sha256, and that every annotation's snippet equals the text at its
offsets; it also checks the labelled real paragraphs ``corpora/real/paragraphs/*.jsonl`` (offsets inside the
excerpt, whole lines, topic and split). It prints the counts and exits 1 on any mismatch.
``stats`` prints the counts only (needs no local copy).

Re-gathering (the cache is not in git, so a new checkout starts without it):

    python scripts/real_devset.py plan [--shard K/N]      # the queries to re-run, with the ranks and ids each needs
    python scripts/real_devset.py take ID [ID ...]        # cut .cache/devset/ID.full.txt to the excerpt and check it
    python scripts/real_devset.py plan|take --pool qa     # the same for a review pool (corpora/real/pool/qa.jsonl)

With helpers and a limited number of look-ups (the fifteenth session re-gathered the cache on a new machine this way):

    python scripts/real_devset.py shards --out DIR [--n 8] [--per 40] [--prefer test|annotations]
    python scripts/real_devset.py save < ID_TO_EXCERPT.json   # write each ID.full.txt, then take it

``shards`` writes ``DIR/shard_K.json`` files (lists of ``[query, [{id, rank, chars, url, split}, …]]``) for the queries
whose excerpts are still missing from the cache, best first: ``--prefer annotations`` orders by annotations (plus half
a point per excerpt), ``--prefer test`` by test excerpts first. ``save`` reads a JSON object mapping excerpt id to the
search result's ``excerpt`` string (copied exactly, escapes and all), writes ``<id>.full.txt`` and prints ``ID: OK``
or why the copy does not match. Where a URL comes back at two ranks, the recorded rank's result is the one.

``plan`` groups the manifest lines by the ``pages`` query that found them. Re-run each query with the search tool
and save the ``excerpt`` of the result at each listed rank, decoded (real newlines), as ``.cache/devset/<id>.full.txt``.
``take`` finds the excerpt inside that file (a prefix, or a slice starting at a line start) whose length and sha256 the
manifest records, and writes ``.cache/devset/<id>.txt``; when none matches it says where the copy first disagrees
with the manifest's snippets, so a copying slip can be found and mended.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MANIFEST_DIR = ROOT / "corpora" / "real" / "devset"
PARAGRAPH_DIR = ROOT / "corpora" / "real" / "paragraphs"
CACHE_DIR = ROOT / ".cache" / "devset"

KEYS = ["id", "split", "url", "query", "rank", "chars", "sha256", "year", "agency", "level", "province", "clean",
        "annotations"]
ANNOTATION_KEYS = ["start", "end", "category", "kind", "snippet", "correction", "note"]
CATEGORIES = {"typo", "date", "format", "consistency", "structure", "punctuation", "table", "content", "boilerplate"}
LEVELS = {"province_gov", "city_gov", "county_gov", "township", "street", "department", "other"}
TOPICS = {"主动公开", "依申请公开", "政府信息管理", "平台建设", "监督保障", "问题", "改进措施", "信息处理费", "其他"}
SNIPPET_MAX = 12


def split_for(url: str) -> str:
    """The contract's split rule: one page's excerpts stay together, reproducibly."""
    return "test" if int(hashlib.sha256(url.encode()).hexdigest()[:8], 16) % 10 < 3 else "dev"


def snippet_of(text: str, start: int, end: int) -> str:
    return text[start:end][:SNIPPET_MAX]


def load_jsonl(directory: Path) -> list[tuple[str, int, dict]]:
    rows = []
    for path in sorted(directory.glob("*.jsonl")):
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if line.strip():
                rows.append((path.name, n, json.loads(line)))
    return rows


def validate_manifest(rows: list[tuple[str, int, dict]]) -> list[str]:
    """Errors in the manifest itself (no local copy needed)."""
    errors: list[str] = []
    seen: set[str] = set()
    for name, n, row in rows:
        where = f"{name}:{n}"
        if list(row) != KEYS:
            errors.append(f"{where}: keys {list(row)} differ from {KEYS}")
            continue
        rid = row["id"]
        if rid in seen:
            errors.append(f"{where}: id {rid} used twice")
        seen.add(rid)
        if row["split"] != split_for(row["url"]):
            errors.append(f"{where}: {rid} split {row['split']} but the rule gives {split_for(row['url'])}")
        if row["level"] not in LEVELS:
            errors.append(f"{where}: {rid} level {row['level']!r} unknown")
        if not isinstance(row["year"], int) or not 2008 <= row["year"] <= 2025:
            errors.append(f"{where}: {rid} year {row['year']!r} outside 2008–2025")
        if not isinstance(row["chars"], int) or not 0 < row["chars"] <= 900:
            errors.append(f"{where}: {rid} chars {row['chars']!r} not in 1..900")
        if len(row["sha256"]) != 64:
            errors.append(f"{where}: {rid} sha256 malformed")
        anns = row["annotations"]
        if row["clean"] != (not anns):
            errors.append(f"{where}: {rid} clean={row['clean']} but {len(anns)} annotations")
        spans = []
        for a in anns:
            if list(a) != ANNOTATION_KEYS:
                errors.append(f"{where}: {rid} annotation keys {list(a)}")
                continue
            if a["category"] not in CATEGORIES:
                errors.append(f"{where}: {rid} category {a['category']!r} unknown")
            if not (0 <= a["start"] < a["end"] <= row["chars"]):
                errors.append(f"{where}: {rid} offsets {a['start']}..{a['end']} outside the excerpt")
            if len(a["snippet"]) > SNIPPET_MAX or len(a["snippet"]) != min(SNIPPET_MAX, a["end"] - a["start"]):
                errors.append(f"{where}: {rid} snippet {a['snippet']!r} does not fit {a['start']}..{a['end']}")
            if not a["kind"] or not a["kind"].replace("_", "").isalnum() or a["kind"].lower() != a["kind"]:
                errors.append(f"{where}: {rid} kind {a['kind']!r} is not snake_case")
            spans.append((a["start"], a["end"], a["kind"]))
        if len(set(spans)) != len(spans):
            errors.append(f"{where}: {rid} duplicate annotation")
    return errors


def validate_paragraphs(rows: list[tuple[str, int, dict]], manifest: dict[str, dict]) -> list[str]:
    errors: list[str] = []
    seen: set[tuple[str, int]] = set()
    for name, n, row in rows:
        where = f"{name}:{n}"
        if list(row) != ["excerpt", "start", "end", "boilerplate", "topic"]:
            errors.append(f"{where}: keys {list(row)}")
            continue
        ex = manifest.get(row["excerpt"])
        if ex is None:
            errors.append(f"{where}: excerpt {row['excerpt']} not in any manifest")
            continue
        if row["topic"] not in TOPICS:
            errors.append(f"{where}: topic {row['topic']!r} unknown")
        if row["boilerplate"] not in (0, 1):
            errors.append(f"{where}: boilerplate {row['boilerplate']!r}")
        if not 0 <= row["start"] < row["end"] <= ex["chars"]:
            errors.append(f"{where}: offsets outside {row['excerpt']}")
        if (row["excerpt"], row["start"]) in seen:
            errors.append(f"{where}: paragraph labelled twice")
        seen.add((row["excerpt"], row["start"]))
    return errors


def check_copies(rows: list[tuple[str, int, dict]], paragraphs: list[tuple[str, int, dict]],
                 cache: Path) -> list[str]:
    """Errors of the local copies against the manifest (sha256, length, snippets, paragraph bounds)."""
    errors: list[str] = []
    texts: dict[str, str] = {}
    for _name, _n, row in rows:
        path = cache / f"{row['id']}.txt"
        if not path.is_file():
            errors.append(f"{row['id']}: no local copy {path}")
            continue
        data = path.read_bytes()
        if hashlib.sha256(data).hexdigest() != row["sha256"]:
            errors.append(f"{row['id']}: sha256 of {path} differs from the manifest")
            continue
        text = data.decode("utf-8")
        texts[row["id"]] = text
        if len(text) != row["chars"]:
            errors.append(f"{row['id']}: {len(text)} chars, manifest says {row['chars']}")
        for a in row["annotations"]:
            got = snippet_of(text, a["start"], a["end"])
            if got != a["snippet"]:
                errors.append(f"{row['id']}: {a['start']}..{a['end']} reads {got!r}, manifest {a['snippet']!r}")
    for name, n, p in paragraphs:
        text = texts.get(p["excerpt"])
        if text is None:
            continue
        s, e = p["start"], p["end"]
        whole = (s == 0 or text[s - 1] == "\n") and (e == len(text) or text[e] == "\n")
        if not whole or not text[s:e].strip():
            errors.append(f"{name}:{n}: {p['excerpt']} {s}..{e} is not one whole paragraph")
    return errors


def counts(rows: list[tuple[str, int, dict]], paragraphs: list[tuple[str, int, dict]]) -> str:
    by_id = {r["id"]: r for _, _, r in rows}
    out = []
    split_n = Counter(r["split"] for r in by_id.values())
    clean_n = Counter(r["split"] for r in by_id.values() if r["clean"])
    out.append(f"excerpts: {len(by_id)}  " + "  ".join(
        f"{s}={split_n[s]} (clean {clean_n[s]})" for s in ("dev", "test")))
    cat = Counter((r["split"], a["category"]) for r in by_id.values() for a in r["annotations"])
    kind = Counter((r["split"], a["category"], a["kind"]) for r in by_id.values() for a in r["annotations"])
    out.append("annotations by category (dev / test):")
    for c in sorted({c for _, c in cat}):
        out.append(f"  {c:12s} {cat['dev', c]:4d} / {cat['test', c]:4d}")
    out.append("annotations by kind (dev / test):")
    for c, k in sorted({(c, k) for _, c, k in kind}):
        out.append(f"  {c + '/' + k:36s} {kind['dev', c, k]:4d} / {kind['test', c, k]:4d}")
    for key, label in (("level", "levels"), ("year", "years"), ("province", "provinces")):
        n = Counter(r[key] for r in by_id.values())
        out.append(f"{label}: " + ", ".join(f"{k}={v}" for k, v in sorted(n.items(), key=lambda kv: str(kv[0]))))
    pl = [p for _, _, p in paragraphs]
    psplit = Counter(by_id[p["excerpt"]]["split"] for p in pl if p["excerpt"] in by_id)
    out.append(f"paragraphs: {len(pl)}  dev={psplit['dev']} test={psplit['test']}  "
               f"boilerplate={sum(p['boilerplate'] for p in pl)}")
    out.append("  topics: " + ", ".join(f"{k}={v}" for k, v in Counter(p["topic"] for p in pl).most_common()))
    return "\n".join(out)


def plan(rows: list[tuple[str, int, dict]], shard: str | None) -> str:
    """The queries to re-run, each with the (rank, id, split) it must yield, in a stable order."""
    by_query: dict[str, list[dict]] = {}
    for _name, _n, row in rows:
        by_query.setdefault(row["query"], []).append(row)
    queries = sorted(by_query)
    if shard:
        k, n = (int(x) for x in shard.split("/"))
        queries = [q for i, q in enumerate(queries) if i % n == k - 1]
    out = []
    for q in queries:
        need = sorted(by_query[q], key=lambda r: r["rank"])
        out.append(q)
        out.extend(f"    rank {r['rank']}  {r['id']}  {r['chars']} chars  {r['url']}" for r in need)
    return "\n".join(out)


def _line_starts(full: str):
    """Where an excerpt may begin in a saved result: its start, or the start of a line."""
    yield 0
    for m in re.finditer("\n", full):
        yield m.end()


def take(row: dict, cache: Path) -> str:
    """Cut ``<id>.full.txt`` to the recorded excerpt; '' when it matched, else why not."""
    src = cache / f"{row['id']}.full.txt"
    if not src.is_file():
        return f"{row['id']}: no {src.name}"
    full = src.read_text(encoding="utf-8").replace("\r\n", "\n")
    variants = [full, full.rstrip("\n"), full.strip()]
    for text in variants:
        for s in _line_starts(text):
            piece = text[s:s + row["chars"]]
            if len(piece) == row["chars"] and hashlib.sha256(piece.encode()).hexdigest() == row["sha256"]:
                (cache / f"{row['id']}.txt").write_bytes(piece.encode())
                return ""
    # Where does the copy first disagree? Check the annotation snippets at their offsets (prefix reading).
    bad = [a for a in row.get("annotations", []) if snippet_of(full, a["start"], a["end"]) != a["snippet"]]
    near = ""
    if bad:
        a = min(bad, key=lambda a: a["start"])
        at = full.find(a["snippet"])
        near = (f"; snippet {a['snippet']!r} expected at {a['start']}, found at {at}"
                if at >= 0 else f"; snippet {a['snippet']!r} (at {a['start']}) not in the copy")
    good = [a["start"] for a in row.get("annotations", []) if a not in bad]
    ok_upto = f"; snippets read right up to offset {max(good)}" if good else ""
    return (f"{row['id']}: no slice of {len(full)} chars matches the manifest's {row['chars']} chars and sha256"
            f"{ok_upto}{near}")


POOL_DIR = ROOT / "corpora" / "real" / "pool"


def pool_command(args: argparse.Namespace) -> int:
    """plan / take for a review pool of unannotated pages (scripts/pool_review.py): its facts are
    corpora/real/pool/<name>.jsonl (id, url, query, rank, chars, sha256, year, agency, level, province); take also
    writes the pool's INDEX.tsv (id, url, query, year, agency, level, rank) that pool_review.py reads."""
    path = POOL_DIR / f"{args.pool}.jsonl"
    rows = [(path.name, n, json.loads(x)) for n, x in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
            if x.strip()]
    cache = ROOT / ".cache" / f"pool_{args.pool}"
    if args.command == "plan":
        print(plan(rows, args.shard))
        return 0
    if args.command != "take":
        print("复核池只支持 plan 和 take。", file=sys.stderr)
        return 2
    cache.mkdir(parents=True, exist_ok=True)
    by_id = {r["id"]: r for _, _, r in rows}
    ids = args.ids or [i for i in by_id if (cache / f"{i}.full.txt").is_file()]
    fails = [msg for i in ids if (msg := take(by_id[i], cache))]
    for msg in fails:
        print("未对上：" + msg, file=sys.stderr)
    have = [r for _, _, r in rows if (cache / f"{r['id']}.txt").is_file()]
    (cache / "INDEX.tsv").write_text("".join(
        "\t".join(str(r[k]) for k in ("id", "url", "query", "year", "agency", "level", "rank")) + "\n" for r in have),
        encoding="utf-8")
    print(f"{len(ids) - len(fails)} of {len(ids)} taken; INDEX.tsv lists {len(have)} of {len(rows)} pages")
    return 1 if fails else 0


def shards(rows: list[tuple[str, int, dict]], cache: Path, out: Path, n: int, per: int, prefer: str) -> str:
    """Write up to ``n`` shard files of up to ``per`` queries each, for the queries with excerpts missing from the cache."""
    by_query: dict[str, list[dict]] = {}
    for _name, _n, row in rows:
        if not (cache / f"{row['id']}.txt").is_file():
            by_query.setdefault(row["query"], []).append(row)

    def weight(item: tuple[str, list[dict]]) -> tuple:
        q, need = item
        ann = sum(len(r["annotations"]) + 0.5 for r in need)
        return (-sum(r["split"] == "test" for r in need), -ann, q) if prefer == "test" else (-ann, q)

    queries = sorted(by_query.items(), key=weight)[:n * per]
    out.mkdir(parents=True, exist_ok=True)
    keys = ("id", "rank", "chars", "url", "split")
    for k in range(n):
        part = [[q, [{x: r[x] for x in keys} for r in sorted(need, key=lambda r: r["rank"])]]
                for q, need in queries[k::n]]
        if part:
            (out / f"shard_{k + 1}.json").write_text(json.dumps(part, ensure_ascii=False, indent=0), encoding="utf-8")
    missing = sum(len(v) for v in by_query.values())
    taken = sum(len(v) for _, v in queries)
    return f"{len(by_query)} queries hold {missing} missing excerpts; the shards hold {len(queries)} queries, {taken} excerpts"


def save(manifest: dict[str, dict], cache: Path, raw: str) -> int:
    """Write each id's saved search result as ``<id>.full.txt`` and take it; one line per id."""
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as e:
        print(f"输入不是有效的 JSON：{e}", file=sys.stderr)
        return 2
    cache.mkdir(parents=True, exist_ok=True)
    bad = 0
    for i, text in data.items():
        if i not in manifest:
            print(f"{i}: 清单中没有这个编号")
            bad += 1
            continue
        (cache / f"{i}.full.txt").write_text(text, encoding="utf-8")
        msg = take(manifest[i], cache)
        print(f"{i}: OK" if not msg else msg)
        bad += bool(msg)
    return 1 if bad else 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="真实年报开发集：核对本地副本与清单，统计数量")
    ap.add_argument("command", choices=["check", "stats", "plan", "take", "shards", "save"])
    ap.add_argument("ids", nargs="*", help="take: 要截取核对的摘录编号")
    ap.add_argument("--shard", help="plan: 只列第 K 份（共 N 份），如 2/7")
    ap.add_argument("--cache", type=Path, default=CACHE_DIR)
    ap.add_argument("--manifest-dir", type=Path, default=MANIFEST_DIR)
    ap.add_argument("--paragraph-dir", type=Path, default=PARAGRAPH_DIR)
    ap.add_argument("--writer", help="只核对这一份清单（如 h12d）")
    ap.add_argument("--out", type=Path, help="shards: 写入分片文件的目录")
    ap.add_argument("--n", type=int, default=8, help="shards: 分片数")
    ap.add_argument("--per", type=int, default=40, help="shards: 每片最多的查询数")
    ap.add_argument("--prefer", choices=["annotations", "test"], default="annotations", help="shards: 排序方式")
    ap.add_argument("--pool", help="plan/take: 复核池（corpora/real/pool/<名>.jsonl → .cache/pool_<名>/，take 同时写 INDEX.tsv）")
    args = ap.parse_args(argv)
    if args.pool:
        return pool_command(args)
    rows = load_jsonl(args.manifest_dir)
    paragraphs = load_jsonl(args.paragraph_dir)
    if args.writer:
        rows = [r for r in rows if r[0] == f"{args.writer}.jsonl"]
        paragraphs = [p for p in paragraphs if p[0] == f"{args.writer}.jsonl"]
    manifest = {r["id"]: r for _, _, r in rows}
    if args.command == "plan":
        print(plan(rows, args.shard))
        return 0
    if args.command == "shards":
        if args.out is None:
            print("shards 需要 --out 目录", file=sys.stderr)
            return 2
        print(shards(rows, args.cache, args.out, args.n, args.per, args.prefer))
        return 0
    if args.command == "save":
        return save(manifest, args.cache, sys.stdin.read())
    if args.command == "take":
        args.cache.mkdir(parents=True, exist_ok=True)
        fails = [msg for i in args.ids if (msg := take(manifest[i], args.cache))]
        for msg in fails:
            print("未对上：" + msg, file=sys.stderr)
        print(f"{len(args.ids) - len(fails)} of {len(args.ids)} taken")
        return 1 if fails else 0
    errors = validate_manifest(rows) + validate_paragraphs(paragraphs, manifest)
    if args.command == "check":
        if not args.cache.is_dir():
            print(f"找不到本地副本目录 {args.cache}：请先按清单重新收集摘录。", file=sys.stderr)
            return 2
        errors += check_copies(rows, paragraphs, args.cache)
    print(counts(rows, paragraphs))
    for e in errors:
        print("不一致：" + e, file=sys.stderr)
    if errors:
        print(f"共 {len(errors)} 处不一致。", file=sys.stderr)
        return 1
    if args.command == "check":
        print("全部本地副本与清单一致。")
    return 0


if __name__ == "__main__":
    sys.exit(main())

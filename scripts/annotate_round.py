"""A fresh blind round on the real-text set (issue #12): the writers' tool for gathering and annotating new pages.

The brief is ``corpora/real/devset/ANNOTATE.md``. A writer (a helper, never running nianbao) searches the ``pages``
corpus, keeps new report pages and marks every defect; this tool keeps the page text in the git-ignored cache and the
facts in drafts, and the lead writes the drafts to a manifest once the round is over:

    python scripts/annotate_round.py seen URL [URL ...]       NEW, or the id that already uses the page
    python scripts/annotate_round.py save WRITER ID < JSON     {"url", "query", "rank", "excerpt"}: writes
                                                              .cache/devset/ID.full.txt and the kept ID.txt, prints
                                                              the split and the kept text with line offsets
    python scripts/annotate_round.py show ID | find ID TEXT   the kept text again; TEXT's start offsets
    python scripts/annotate_round.py record WRITER ID < JSON   {"year", "agency", "level", "province", "annotations":
                                                              [{"text", "nth", "category", "kind", "correction",
                                                              "note"}]}: offsets found from the exact text
    python scripts/annotate_round.py list WRITER              the writer's drafts
    python scripts/annotate_round.py finish WRITER            drafts -> corpora/real/devset/WRITER.jsonl

An excerpt is the stored excerpt cut at its last paragraph end within 800 characters (kept whole up to 900), as the
earlier rounds' excerpts are. Drafts live in ``.cache/annot_drafts/WRITER/`` (ignored, like the texts); the
manifest line has the keys and order ``real_devset.py check`` validates. The sixteenth session's round (h12q88–h12q95)
was gathered with this tool.
"""

from __future__ import annotations

import hashlib
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
from real_devset import ANNOTATION_KEYS, CATEGORIES, KEYS, LEVELS, SNIPPET_MAX, split_for  # noqa: E402

KEEP, WHOLE, SHORTEST = 800, 900, 300


def norm(url: str) -> str:
    """A URL without scheme, www. and trailing slash: how pages are compared."""
    return re.sub(r"^www\.", "", re.sub(r"^https?://", "", url.strip())).rstrip("/")


def cut(full: str) -> str:
    """The kept excerpt: whole up to 900 characters, else up to the last line end within 800 (within 900 where the
    first 800 hold none after 300 characters), else the first 800 characters."""
    if len(full) <= WHOLE:
        return full
    k = full.rfind("\n", 0, KEEP + 1)
    if k < SHORTEST:
        k = full.rfind("\n", 0, WHOLE + 1)
    return full[:k] if k >= SHORTEST else full[:KEEP]


class Round:
    def __init__(self, root: Path = ROOT) -> None:
        self.cache = root / ".cache" / "devset"
        self.drafts = root / ".cache" / "annot_drafts"
        self.manifests = root / "corpora" / "real" / "devset"
        self.pools = root / "corpora" / "real" / "pool"

    def used(self) -> dict[str, str]:
        """Every page already in a manifest, a pool or a draft (normalised URL -> id)."""
        out: dict[str, str] = {}
        for p in [*self.manifests.glob("*.jsonl"), *self.pools.glob("*.jsonl")]:
            for line in p.read_text(encoding="utf-8").splitlines():
                if line.strip() and (d := json.loads(line)).get("url"):
                    out[norm(d["url"])] = d.get("id", p.stem)
        for p in self.drafts.glob("*/*.meta"):
            out.setdefault(norm(json.loads(p.read_text(encoding="utf-8"))["url"]), p.stem + " (draft)")
        return out

    def save(self, writer: str, i: str, d: dict) -> str:
        prev = self.used().get(norm(d["url"]))
        if prev and not prev.startswith(i):
            raise ValueError(f"{d['url']} is already {prev}; pick another page")
        self.cache.mkdir(parents=True, exist_ok=True)
        (self.cache / f"{i}.full.txt").write_text(d["excerpt"], encoding="utf-8")
        text = cut(d["excerpt"])
        (self.cache / f"{i}.txt").write_text(text, encoding="utf-8")
        (self.drafts / writer).mkdir(parents=True, exist_ok=True)
        meta = {"id": i, "url": d["url"], "query": d["query"], "rank": int(d["rank"])}
        (self.drafts / writer / f"{i}.meta").write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")
        return text

    def text(self, i: str) -> str:
        return (self.cache / f"{i}.txt").read_text(encoding="utf-8")

    def record(self, writer: str, i: str, d: dict) -> dict:
        meta = json.loads((self.drafts / writer / f"{i}.meta").read_text(encoding="utf-8"))
        text = self.text(i)
        if d["level"] not in LEVELS:
            raise ValueError(f"level must be one of {sorted(LEVELS)}")
        anns = []
        for a in d.get("annotations", []):
            if a["category"] not in CATEGORIES:
                raise ValueError(f"category must be one of {sorted(CATEGORIES)}")
            hits = [m.start() for m in re.finditer(re.escape(a["text"]), text)]
            n = int(a.get("nth", 0))
            if not hits or n >= len(hits):
                raise ValueError(f"{a['text']!r} is not in the kept text {n + 1} times (found at {hits})")
            s = hits[n]
            e = s + len(a["text"])
            x = {"start": s, "end": e, "category": a["category"], "kind": a["kind"], "snippet": text[s:e][:SNIPPET_MAX],
                 "correction": a.get("correction", ""), "note": a.get("note", "")}
            anns.append({k: x[k] for k in ANNOTATION_KEYS})
        anns.sort(key=lambda x: x["start"])
        row = {"id": i, "split": split_for(meta["url"]), "url": meta["url"], "query": meta["query"], "rank": meta["rank"],
               "chars": len(text), "sha256": hashlib.sha256(text.encode("utf-8")).hexdigest(), "year": int(d["year"]),
               "agency": d["agency"], "level": d["level"], "province": d.get("province", ""), "clean": not anns,
               "annotations": anns}
        row = {k: row[k] for k in KEYS}
        (self.drafts / writer / f"{i}.json").write_text(json.dumps(row, ensure_ascii=False), encoding="utf-8")
        return row

    def rows(self, writer: str) -> list[dict]:
        return [json.loads(p.read_text(encoding="utf-8")) for p in sorted((self.drafts / writer).glob("*.json"))]

    def finish(self, writer: str) -> Path:
        out = self.manifests / f"{writer}.jsonl"
        out.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in self.rows(writer)), encoding="utf-8")
        return out


def _show(text: str) -> None:
    pos = 0
    for line in text.split("\n"):
        print(f"[{pos:4d}] {line}")
        pos += len(line) + 1


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if not argv:
        print(__doc__)
        return 2
    r, cmd = Round(), argv[0]
    try:
        if cmd == "seen":
            u = r.used()
            for url in argv[1:]:
                print(url, "->", u.get(norm(url), "NEW"))
        elif cmd == "save":
            d = json.loads(sys.stdin.read())
            text = r.save(argv[1], argv[2], d)
            print(f"{argv[2]}: split {split_for(d['url'])}, {len(text)} of {len(d['excerpt'])} characters kept")
            _show(text)
        elif cmd == "show":
            _show(r.text(argv[1]))
        elif cmd == "find":
            print([m.start() for m in re.finditer(re.escape(argv[2]), r.text(argv[1]))])
        elif cmd == "record":
            print(json.dumps(r.record(argv[1], argv[2], json.loads(sys.stdin.read())), ensure_ascii=False, indent=1))
        elif cmd == "list":
            for d in r.rows(argv[1]):
                print(d["id"], d["split"], d["year"], d["level"], d["agency"], len(d["annotations"]), "annotations")
        elif cmd == "finish":
            print("wrote", r.finish(argv[1]))
        else:
            print(__doc__)
            return 2
    except (ValueError, KeyError, FileNotFoundError) as e:
        print(f"错误：{e}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Gather and re-check the study set of real published reports (issue #11).

    python scripts/real_study.py gather [--cache DIR]   # bring the held copies into .cache/study/
    python scripts/real_study.py check  [--cache DIR]   # verify every held copy by sha256, exit 1 on a mismatch

The manifest ``corpora/real/study_set.toml`` holds facts only: where each report was published or archived
(repository, path, commit and git blob id), its sha256, agency, level, year, format, parts, publication date
and the numbers of tables 2–4 checked cell by cell. The files stay out of git in ``.cache/study/``.

``gather`` takes each held file from a local snapshot of its repository (``/work/.mirror/<owner>+<name>/repo``,
as the project's ``fetch`` tool leaves them) by its blob id; without a snapshot it prints the commands that get
the same bytes from a clone:

    git clone --filter=blob:none https://github.com/<owner>/<name> && git -C <name> cat-file blob <blob> > FILE

The copied-text part of the study set is the #12 development set's excerpts (``.cache/devset/``); re-gather and
check those with ``scripts/real_devset.py``.
"""

from __future__ import annotations

import argparse
import hashlib
import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MANIFEST = ROOT / "corpora" / "real" / "study_set.toml"
CACHE = ROOT / ".cache" / "study"
MIRRORS = Path("/work/.mirror")


def load_manifest(path: Path = MANIFEST) -> dict:
    return tomllib.loads(path.read_text(encoding="utf-8"))


def held(manifest: dict) -> list[dict]:
    return [r for r in manifest["report"] if r.get("held", True)]


def gather(cache: Path) -> int:
    bad = 0
    for r in held(load_manifest()):
        dest = cache / r["cache"]
        if dest.exists() and hashlib.sha256(dest.read_bytes()).hexdigest() == r["sha256"]:
            print(f"已有 {r['id']}: {dest}")
            continue
        mirror = MIRRORS / r["repo"].replace("/", "+") / "repo"
        if mirror.is_dir():
            out = subprocess.run(["git", "-C", str(mirror), "cat-file", "blob", r["blob"]], capture_output=True)
            if out.returncode == 0 and out.stdout:
                dest.parent.mkdir(parents=True, exist_ok=True)
                dest.write_bytes(out.stdout)
                print(f"取得 {r['id']}: {dest}")
                continue
        bad += 1
        name = r["repo"].split("/")[1]
        print(f"无本地快照 {r['id']}：git clone --filter=blob:none https://github.com/{r['repo']} && "
              f"git -C {name} cat-file blob {r['blob']} > {dest}")
    return 1 if bad else 0


def check(cache: Path) -> int:
    m = load_manifest()
    bad = 0
    for r in held(m):
        p = cache / r["cache"]
        if not p.exists():
            print(f"缺少 {r['id']}: {p}")
            bad += 1
            continue
        digest = hashlib.sha256(p.read_bytes()).hexdigest()
        if digest != r["sha256"]:
            print(f"不一致 {r['id']}: sha256 {digest} ≠ {r['sha256']}")
            bad += 1
        else:
            print(f"一致 {r['id']}")
    for r in m["report"]:
        if not r.get("text_cache"):
            continue
        p = cache / r["text_cache"]
        if not p.exists():
            print(f"缺少 {r['id']} 的网页文本：{p}（从 {r['repo']} 的 {r['text_path']} 取得）")
            bad += 1
        elif hashlib.sha256(p.read_bytes()).hexdigest() != r["text_sha256"]:
            print(f"不一致 {r['id']} 网页文本")
            bad += 1
        else:
            print(f"一致 {r['id']}（网页文本）")
    # the facts themselves must be consistent: table 3's identity on every report that records the rows (unless the
    # report itself prints a table that fails it, recorded as `table3_fails_as_printed`)
    for r in m["report"]:
        t3 = (r.get("tables") or {}).get("requests") or {}
        if {"new", "carried_over", "total", "carried_forward"} <= t3.keys() and not r.get("table3_fails_as_printed"):
            for c in range(7):
                if t3["new"][c] + t3["carried_over"][c] != t3["total"][c] + t3["carried_forward"][c]:
                    print(f"事实有误 {r['id']}: 表三第{c + 1}列 一+二 ≠ 三(七)+四")
                    bad += 1
    from collections import Counter
    for key in ("kind", "level", "format_version", "year"):
        counts = Counter(str(r[key]) for r in m["report"])
        print(f"{key}: " + "，".join(f"{k} {v}" for k, v in sorted(counts.items())))
    n_held = len(held(m))
    print(f"{n_held} 份持有副本，{len(m['report']) - n_held} 份只记事实，"
          f"{len(m['copied_text']['published'])} 份网页复制文本的发布日期")
    return 1 if bad else 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("command", choices=["gather", "check"])
    ap.add_argument("--cache", type=Path, default=CACHE)
    a = ap.parse_args(argv)
    return gather(a.cache) if a.command == "gather" else check(a.cache)


if __name__ == "__main__":
    sys.exit(main())

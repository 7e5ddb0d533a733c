"""List W-15's findings (a fixed phrase one edit away) on folders of real text, for reading by hand (issue #12).

    python scripts/bench_canonical.py .cache/study/text .cache/pool_t12a .cache/pool_t12b .cache/pool_t12c

Each finding is printed with the file, the written form, the phrase and a little context, so that every one can be
judged right or wrong; the counts go to docs/benchmarks.md ("Canonical phrases one edit away"). The folders hold
real pages kept out of git (``.cache``); nothing is written. Per-rule precision on the annotated dev excerpts comes
from ``python scripts/bench_real.py --split dev``.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def findings(text: str) -> list[tuple[str, str, str]]:
    """(written form, message, context) of every W-15 finding on one page."""
    from nianbao.audit import audit_report
    from nianbao.ingest import read_bytes
    from nianbao.structure import parse_report

    report = parse_report(read_bytes(text.encode("utf-8"), "<text>"), require_report=False)
    t = report.text
    out = []
    for f in audit_report(report, only=["W-15"], use_classifier=False).findings:
        a, b = f.location.start, f.location.end
        out.append((t[a:b], f.message, (t[max(0, a - 15):a] + "[" + t[a:b] + "]" + t[b:b + 12]).replace("\n", "⏎")))
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("folders", nargs="+", type=Path, help="folders of .txt pages")
    args = ap.parse_args(argv)
    pages = hits = 0
    for folder in args.folders:
        for path in sorted(folder.glob("*.txt")):
            pages += 1
            for found, message, context in findings(path.read_text(encoding="utf-8")):
                hits += 1
                print(f"{folder.name}/{path.name}\t{found}\t{context}\t{message}")
    print(f"{hits} findings on {pages} pages", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Time the readers on the format fixtures: pages/s for PDF, reports/s for text, DOCX and HTML.

    python scripts/bench_ingest.py [--dir tests/fixtures/formats] [--repeat 3]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from nianbao.ingest import read_bytes  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--dir", type=Path, default=ROOT / "tests" / "fixtures" / "formats")
    ap.add_argument("--reports", type=Path, default=ROOT / "tests" / "fixtures" / "reports")
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args(argv)
    groups = {
        "text": sorted(args.reports.glob("*.txt")),
        "pdf": sorted(p for p in args.dir.glob("*.pdf") if p.stem not in ("encrypted", "scanned", "garbled")),
        "docx": sorted(args.dir.glob("*.docx")),
        "html": sorted(p for p in args.dir.glob("*.html") if ".gbk." not in p.name),
    }
    for fmt, files in groups.items():
        if not files:
            continue
        blobs = [(p.name, p.read_bytes()) for p in files]
        read_bytes(*reversed(blobs[0]))  # warm imports
        best = float("inf")
        pages = 0
        for _ in range(args.repeat):
            t0 = time.perf_counter()
            pages = 0
            for name, data in blobs:
                doc = read_bytes(data, name)
                pages += doc.page_count or 0
            best = min(best, time.perf_counter() - t0)
        line = f"{fmt:5s} {len(blobs)} files in {best:.3f} s: {len(blobs) / best:.1f} reports/s"
        if fmt == "pdf":
            line += f", {pages} pages, {pages / best:.1f} pages/s, {10 * best / pages:.2f} s per 10 pages"
        print(line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

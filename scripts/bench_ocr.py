"""OCR accuracy and speed on team-made scans (issue #16).

Our own fixture PDFs are printed to images (scripts/make_scans.py) at 150 and 300 dpi: straight and clean,
and turned by three different angles with scanner grain and dust from three different seeds (so that the
figures are not those of one image). Each is read by ``nianbao`` with the ``ocr`` extra, and every cell of
tables 2–4 is compared with the same report read from its text layer; the wrong cells are printed to
stderr. Prints a Markdown table for docs/benchmarks.md.

    python scripts/bench_ocr.py [--reports county_bureau_2023 ...] [--dpi 150 300]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))

from benchdoc import conditions  # noqa: E402
from make_scans import make_scan  # noqa: E402

from nianbao.ingest import read_document  # noqa: E402
from nianbao.structure import parse_report  # noqa: E402

FORMATS = ROOT / "tests" / "fixtures" / "formats"
# (label, skew in degrees, grain and dust, noise seed)
SCANS = [
    ("straight, clean", 0.0, False, 0),
    ("0.8° skew, grain and dust (seed 0)", 0.8, True, 0),
    ("−1.7° skew, grain and dust (seed 2)", -1.7, True, 2),
    ("2.6° skew, grain and dust (seed 3)", 2.6, True, 3),
]


def cells(report) -> dict:
    return {(tid, r, c): cell.value for tid, t in report.tables.items() for r, row in t.cells.items()
            for c, cell in row.items()}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--reports", nargs="+", default=["county_bureau_2023"])
    ap.add_argument("--dpi", nargs="+", type=int, default=[150, 300])
    a = ap.parse_args()
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for stem in a.reports:
            truth_rep = parse_report(read_document(FORMATS / f"{stem}.pdf"))
            truth = cells(truth_rep)
            for dpi in a.dpi:
                for label, skew, noise, seed in SCANS:
                    scan = make_scan(FORMATS / f"{stem}.pdf", Path(tmp) / f"{stem}-{dpi}-{skew}-{seed}.pdf", dpi,
                                     skew, noise, seed)
                    t0 = time.perf_counter()
                    c0 = time.process_time()
                    rep = parse_report(read_document(scan))
                    wall, cpu = time.perf_counter() - t0, time.process_time() - c0
                    got = cells(rep)
                    right = sum(1 for k, v in truth.items() if got.get(k) == v)
                    for k, v in truth.items():
                        if got.get(k) != v:
                            print(f"  {dpi} dpi, {label}: {k} read {got.get(k)!r}, is {v!r}", file=sys.stderr)
                    parts = sum(1 for p in rep.parts if p.id in {q.id for q in truth_rep.parts})
                    pages = rep.raw.page_count or 1
                    rows.append((stem, dpi, label, right, len(truth), parts, len(truth_rep.parts),
                                 rep.meta.title == truth_rep.meta.title, wall / pages, cpu / pages,
                                 rep.raw.ocr["mean_confidence"], rep.raw.ocr["skew_corrected"]))
                    print(rows[-1], file=sys.stderr)
    print(f"{conditions()} (load average at the end); RapidOCR 1.4.4 on onnxruntime (CPU).\n")
    print("| report | dpi | scan | table cells right | parts | title | skew corrected (per page) | s/page (wall) "
          "| CPU s/page | mean OCR confidence |")
    print("|---|---:|---|---:|---:|---|---|---:|---:|---:|")
    for stem, dpi, label, right, n, parts, np_, title, wall, cpu, conf, skews in rows:
        turned = ", ".join(f"{0.0 - a:+.2f}°" if a else "0°" for a in skews)
        print(f"| {stem} | {dpi} | {label} | {right}/{n} ({right / n:.1%}) | {parts}/{np_} | "
              f"{'right' if title else 'wrong'} | {turned} | {wall:.1f} | {cpu:.1f} | {conf:.3f} |")


if __name__ == "__main__":
    main()

"""Time and peak memory of reading and auditing very large text inputs (1, 10, 100 MB) — issue #14.

    python scripts/bench_large.py [--sizes 1 10 100] [--audit-up-to 10] [--out /tmp/nianbao-large]

The inputs are one of our own fixture reports whose part one is repeated until the file has the
size (one report, tens of thousands of paragraphs). Every measurement runs in a fresh process, so
the peak RSS (``ru_maxrss``) is that of the measurement alone, imports included:

* ``refuse``: ``nianbao score`` with the default limits (a 100 MB file is over ``input_mb``;
  10 MB are over ``paragraphs``): how fast and how small the refusal is;
* ``read``: ``load_report`` (ingest + structure) with every limit raised 1000x;
* ``audit``: ``load_report`` + ``audit_report`` with every limit raised 1000x (up to ``--audit-up-to`` MB);
* ``offsets``: 100,000 ``line_of`` lookups by bisect against the old count-from-the-start method.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src"
FIXTURE = ROOT / "tests" / "fixtures" / "reports" / "county_bureau_2023.txt"

_CHILD = r"""
import json, resource, sys, time
from pathlib import Path
sys.path.insert(0, {src!r})
mode, path = sys.argv[1], Path(sys.argv[2])
t0 = time.perf_counter()
out = {{}}
if mode == "refuse":
    from nianbao.errors import InputError
    from nianbao.audit import load_report
    try:
        load_report(path)
        out["result"] = "read (under the limits)"
    except InputError as e:
        out["result"] = str(e)
else:
    from nianbao import limits
    limits.configure(limits.Limits().scaled(1000))
    from nianbao.audit import load_report
    rep = load_report(path)
    out["read_s"] = time.perf_counter() - t0
    out["paragraphs"] = len(rep.paragraphs())
    if mode == "audit":
        from nianbao.audit import audit_report
        a = audit_report(rep)
        out["findings"] = len(a.findings)
        out["score"] = a.score
out["seconds"] = time.perf_counter() - t0
out["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps(out, ensure_ascii=False))
"""


def make_input(path: Path, mb: int) -> None:
    lines = FIXTURE.read_text(encoding="utf-8").split("\n")
    i = next(k for k, ln in enumerate(lines) if ln.startswith("一、"))
    j = next(k for k, ln in enumerate(lines) if ln.startswith("二、"))
    body = "\n".join(ln for ln in lines[i + 1:j] if ln.strip() and not ln.startswith("（")) + "\n"
    reps = max(0, (mb * 2**20 - len(FIXTURE.read_bytes())) // len(body.encode("utf-8")))
    path.write_text("\n".join(lines[:j]) + "\n" + body * reps + "\n".join(lines[j:]), encoding="utf-8")


def child(mode: str, path: Path) -> dict:
    """Run one measurement in a fresh process (Linux keeps ru_maxrss across exec: this parent stays small)."""
    t0 = time.perf_counter()
    if mode in ("make", "offsets"):
        cmd = [sys.executable, __file__, f"--{mode}", str(path)]
    else:
        cmd = [sys.executable, "-c", _CHILD.format(src=str(SRC)), mode, str(path)]
    proc = subprocess.run(cmd, capture_output=True, text=True)
    if proc.returncode != 0:
        return {"error": proc.stderr.strip().splitlines()[-1] if proc.stderr.strip() else proc.returncode,
                "seconds": time.perf_counter() - t0}
    return json.loads(proc.stdout.strip().splitlines()[-1])


def offsets(path: Path, lookups: int = 100_000) -> dict:
    sys.path.insert(0, str(SRC))
    from nianbao.model import RawDocument

    text = path.read_text(encoding="utf-8")
    raw = RawDocument(str(path), "text", text, [])
    step = max(1, len(text) // lookups)
    offs = list(range(0, len(text), step))[:lookups]
    t0 = time.perf_counter()
    new = [raw.line_of(o) for o in offs]
    t_new = time.perf_counter() - t0
    sample = offs[:: max(1, len(offs) // 1000)]  # the old method on 1,000 lookups, scaled
    t0 = time.perf_counter()
    old = [text.count("\n", 0, o) + 1 for o in sample]
    t_old = (time.perf_counter() - t0) * len(offs) / len(sample)
    assert old == [raw.line_of(o) for o in sample]
    return {"lookups": len(new), "bisect_s": t_new, "count_s_estimated": t_old}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[1, 10, 100])
    ap.add_argument("--audit-up-to", type=int, default=10, help="run the full audit up to this size (MB)")
    ap.add_argument("--out", type=Path, default=Path("/tmp/nianbao-large"))
    ap.add_argument("--make", type=Path, help=argparse.SUPPRESS)
    ap.add_argument("--offsets", type=Path, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.make:
        make_input(args.make, int(args.make.stem.split("_")[1].removesuffix("mb")))
        print("{}")
        return 0
    if args.offsets:
        print(json.dumps(offsets(args.offsets)))
        return 0
    args.out.mkdir(parents=True, exist_ok=True)
    print("| input | mode | seconds | peak RSS (MB) | result |")
    print("|---|---|---:|---:|---|")
    for mb in args.sizes:
        path = args.out / f"large_{mb}mb.txt"
        if not path.exists():
            child("make", path)
        size = f"{path.stat().st_size / 2**20:.0f} MB"
        modes = ["refuse", "read"] + (["audit"] if mb <= args.audit_up_to else [])
        for mode in modes:
            r = child(mode, path)
            result = r.get("error") or r.get("result") or (
                f"{r['paragraphs']} paragraphs" + (f", {r['findings']} findings, score {r['score']}" if "score" in r else ""))
            peak = f"{r['peak_mb']:.0f}" if "peak_mb" in r else "—"
            print(f"| {size} | {mode} | {r['seconds']:.1f} | {peak} | {str(result)[:110]} |", flush=True)
        o = child("offsets", path)
        print(f"| {size} | offsets | {o['bisect_s']:.2f} (bisect) vs {o['count_s_estimated']:.1f} (count) | — | "
              f"{o['lookups']} line_of lookups |", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())

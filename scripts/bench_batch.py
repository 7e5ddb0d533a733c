"""Benchmark ``nianbao batch``: throughput, peak memory and copy-detection time at N reports.

    python scripts/bench_batch.py --n 100 --kind text
    python scripts/bench_batch.py --n 1000 --kind text --append docs/benchmarks.md
    python scripts/bench_batch.py --n 100 --kind pdf
    python scripts/bench_batch.py --profile 30          # where the time of one audit goes (cProfile)
    python scripts/bench_batch.py --n 1000 --compare 2 --append docs/benchmarks.md   # jobs 1 vs 2 vs Dask (#13)

Reports are generated with the corpus generator (scripts/build_corpus.py: agencies, tables, paragraphs;
scripts/inject_defects.py: defects in one report of four), PDFs with scripts/make_fixtures.py. The batch
runs in a child process; a sampler records the resident memory (RSS, and PSS where the OS reports it) of
that process and all its descendants (forkserver and workers) every 0.2 s.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import threading
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))
sys.path.insert(0, str(ROOT / "src"))

import build_corpus as bc  # noqa: E402
import inject_defects  # noqa: E402
from benchdoc import append_rows, conditions, write_section  # noqa: E402

DEFECTS = ["period_slip", "duplicated_word", "table_identity", "halfwidth_punct", "missing_fee", "placeholder",
           "self_reference", "wrong_year", "total_row", "confusion_typo"]


def generate(n: int, out: Path, seed: int = 7) -> list[Path]:
    """n realistic reports (text) from the corpus generator; some agencies get consecutive years."""
    rng = random.Random(seed)
    used: set[str] = set()
    levels = list(bc.LEVELS)
    weights = [1, 3, 5, 8, 6, 12]
    paths: list[Path] = []
    i = 0
    while len(paths) < n:
        level = rng.choices(levels, weights=weights)[0]
        try:
            ag = bc.make_agency(rng, level, used)
        except RuntimeError:  # name space exhausted: a fresh agency object with a reused name
            ag = bc._make_agency(rng, level)
        span = rng.choices([1, 2], weights=[4, 1])[0]
        first = rng.randint(2021, 2025 - span + 1)
        quality = rng.choices(bc.QUALITIES, weights=[2, 4, 3, 2])[0]
        for year in range(first, first + span):
            if len(paths) >= n:
                break
            req = bc.gen_requests(rng, ag, quality, year)
            n_req = req["new"]["total"] + req["carried_over"]["total"]
            t2 = bc.gen_table2(rng, ag)
            t4 = bc.gen_table4(rng, ag, n_req)
            text, _, _ = bc.build_report(rng, ag, year, quality, req, t2, t4)
            if rng.random() < 0.25:
                res = inject_defects.inject(text, rng.choice(DEFECTS), rng)
                if res is not None:
                    text = res[0]
            i += 1
            p = out / f"r{i:05d}.txt"
            p.write_text(text, encoding="utf-8")
            paths.append(p)
    return paths


def to_pdf(paths: list[Path], out: Path) -> list[Path]:
    import make_fixtures as mf  # noqa: PLC0415 - optional (reportlab)

    pdfs = []
    for k, p in enumerate(paths):
        blocks = mf.report_blocks(p.read_bytes(), p.name)
        header = mf.plain(next((b.text for b in blocks if b.kind == "title"), p.stem))
        try:
            data, _ = mf.build_pdf(blocks, header, mf.PAGE_STYLES[k % len(mf.PAGE_STYLES)])
        except SystemExit:  # the fixture builder insists on a page-crossing table; skip such a report
            continue
        q = out / f"{p.stem}.pdf"
        q.write_bytes(data)
        pdfs.append(q)
    return pdfs


class Sampler(threading.Thread):
    def __init__(self, pid: int, every: float = 0.2) -> None:
        super().__init__(daemon=True)
        self.pid, self.every, self.stop = pid, every, threading.Event()
        self.parent_rss = self.worker_rss = self.total_rss = self.total_pss = 0
        self.workers_seen: set[int] = set()
        self.cpu: dict[int, float] = {}  # pid -> last seen user+system CPU seconds

    def cpu_split(self) -> tuple[float, float]:
        """CPU seconds of the batch process itself and of all its descendants (as last sampled)."""
        return self.cpu.get(self.pid, 0.0), sum(v for k, v in self.cpu.items() if k != self.pid)

    def run(self) -> None:
        import psutil

        try:
            root = psutil.Process(self.pid)
        except psutil.Error:
            return
        while not self.stop.is_set():
            try:
                procs = [root, *root.children(recursive=True)]
            except psutil.Error:
                break
            total = pss = 0
            for p in procs:
                try:
                    ct = p.cpu_times()
                    self.cpu[p.pid] = ct.user + ct.system
                    rss = p.memory_info().rss
                    try:
                        pss += p.memory_full_info().pss
                    except (psutil.Error, AttributeError):
                        pss += rss
                except psutil.Error:
                    continue
                total += rss
                if p.pid == self.pid:
                    self.parent_rss = max(self.parent_rss, rss)
                else:
                    self.workers_seen.add(p.pid)
                    self.worker_rss = max(self.worker_rss, rss)
            self.total_rss = max(self.total_rss, total)
            self.total_pss = max(self.total_pss, pss)
            time.sleep(self.every)


BATCH_START, BATCH_END = "<!-- batch:start -->", "<!-- batch:end -->"

CHILD = r"""
import json, resource, sys
from nianbao.batch import run_batch
if __name__ == "__main__":
    engine = sys.argv[4] if len(sys.argv) > 4 else "local"
    res = run_batch([sys.argv[1]], sys.argv[2], jobs=int(sys.argv[3]) or None, progress=False, engine=engine)
    print(json.dumps({"files": res.files, "audited": res.audited, "failed": res.failed, "seconds": res.seconds,
                      "stages": res.stages, "copy": res.copy_stats, "cpu": res.cpu, "waited": res.waited,
                      "self_maxrss_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
                      "children_maxrss_kb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss}))
"""


def busy_cpu_seconds() -> float:
    """CPU seconds the whole machine has spent busy since boot (all processes; Linux /proc/stat), or NaN."""
    try:
        with open("/proc/stat") as f:
            fields = [int(x) for x in f.readline().split()[1:]]
    except (OSError, ValueError):
        return float("nan")
    idle = fields[3] + (fields[4] if len(fields) > 4 else 0)  # idle + iowait
    return (sum(fields[:8]) - idle) / os.sysconf("SC_CLK_TCK")


def run_batch_child(inp: Path, out: Path, jobs: int, engine: str = "local") -> dict:
    script = out.parent / "bench_child.py"
    script.write_text(CHILD, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src") + os.pathsep + os.environ.get("PYTHONPATH", "")}
    busy0 = busy_cpu_seconds()
    t0 = time.perf_counter()
    proc = subprocess.Popen([sys.executable, str(script), str(inp), str(out), str(jobs), engine], stdout=subprocess.PIPE,
                            text=True, env=env)
    sampler = Sampler(proc.pid)
    sampler.start()
    stdout, _ = proc.communicate()
    wall = time.perf_counter() - t0
    busy = busy_cpu_seconds() - busy0
    sampler.stop.set()
    sampler.join()
    if proc.returncode != 0:
        raise SystemExit(f"batch failed with status {proc.returncode}")
    res = json.loads(stdout.strip().splitlines()[-1])
    res.update(wall=wall, parent_rss_mb=sampler.parent_rss / 2**20, worker_rss_mb=sampler.worker_rss / 2**20,
               total_rss_mb=sampler.total_rss / 2**20, total_pss_mb=sampler.total_pss / 2**20,
               processes=len(sampler.workers_seen), parent_cpu=sampler.cpu_split()[0],
               workers_cpu=sampler.cpu_split()[1])
    # what the rest of the machine used meanwhile, in cores (the batch's own CPU taken out of the total)
    res["others_cores"] = max(0.0, busy - res["parent_cpu"] - res["workers_cpu"]) / wall if wall else 0.0
    return res


def profile(n: int) -> None:
    """cProfile of parse + audit + HTML for n generated reports, in-process, by pipeline stage."""
    import cProfile
    import pstats

    from nianbao.audit import _classifier
    from nianbao.batch import worker as wk

    with tempfile.TemporaryDirectory() as tmp:
        paths = generate(n, Path(tmp))
        try:
            _classifier("sklearn")
        except Exception:  # noqa: BLE001
            pass
        from nianbao.audit import audit_report, load_report

        load_report(paths[0])  # warm-up (jieba dictionary, lexicons)
        audit_report(load_report(paths[0])).render("html")
        pr = cProfile.Profile()
        t0 = time.perf_counter()
        pr.enable()
        for p in paths:
            rep = load_report(p)
            wk.cp.extract(rep)
            a = audit_report(rep)
            a.render("html")
        pr.disable()
        wall = time.perf_counter() - t0
    st = pstats.Stats(pr)
    stages = {
        "ingest+structure (load_report)": ("nianbao/audit.py", "load_report"),
        "copy sentences (extract)": ("nianbao/batch/copying.py", "extract"),
        "classifier (classify_paragraphs)": ("nianbao/audit.py", "classify_paragraphs"),
        "rules (run_rules)": ("nianbao/rules/engine.py", "run_rules"),
        "scoring (score)": ("nianbao/scoring/grade.py", "score"),
        "HTML (render)": ("nianbao/audit.py", "render"),
    }
    print(f"{n} reports in {wall:.2f} s single process ({n / wall:.1f} reports/s)")
    for label, (file, func) in stages.items():
        cum = sum(v[3] for k, v in st.stats.items() if k[0].endswith(file) and k[2] == func)
        print(f"  {label:36s} {cum:7.2f} s  {cum / n * 1000:7.1f} ms/report")
    st.sort_stats("cumulative").print_stats(20)


def compare(n: int, repeats: int, append: Path | None, dask: bool = True) -> int:
    """--jobs 1 vs --jobs 2 vs --engine dask on one generated input, interleaved so that the load of a shared
    machine falls on all of them alike; wall time, CPU seconds (batch process + descendants) and memory."""
    import statistics

    modes = [("local, --jobs 1", 1, "local"), ("local, --jobs 2", 2, "local"), ("dask LocalCluster, 2 workers", 2, "dask")]
    modes = modes if dask else modes[:2]
    runs: dict[str, list[dict]] = {m[0]: [] for m in modes}
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        (tmp / "in").mkdir()
        generate(n, tmp / "in")
        loads = []
        for rep in range(repeats):
            for label, jobs, engine in modes:
                out = tmp / f"out-{rep}-{jobs}-{engine}"
                r = run_batch_child(tmp / "in", out, jobs, engine)
                loads.append(os.getloadavg()[0])
                runs[label].append(r)
                print(label, f"{r['wall']:.1f} s", f"cpu {r['parent_cpu'] + r['workers_cpu']:.1f} s "
                      f"(batch process {r['parent_cpu']:.1f})", f"others {r['others_cores']:.2f} cores",
                      {k: round(v, 2) for k, v in r["stages"].items()}, flush=True)
    med = {k: statistics.median(x["wall"] for x in v) for k, v in runs.items()}
    others = [x["others_cores"] for v in runs.values() for x in v]
    cores = os.cpu_count() or 1
    quiet = max(others) < 0.25
    measured = (f"other processes used {statistics.mean(others):.2f} of the {cores} cores on average during the "
                f"runs (at most {max(others):.2f} in one run; /proc/stat less the batch's own CPU), load average "
                f"{min(loads):.1f}–{max(loads):.1f} after the runs (the batch's own processes included)")
    lines = [
        f"Measured {date.today().isoformat()} by `scripts/bench_batch.py --n {n} --compare {repeats}`. "
        f"{conditions(max(loads), quiet=quiet)}: {measured}. The modes run interleaved on the same generated text reports; the CPU column (batch process + "
        "all its descendants, user+system) is what the work costs whatever the load.",
        "",
        "| mode | runs | wall s (median) | reports/s | speed-up vs jobs 1 | CPU s, all processes (median) "
        "| of which the batch process | worker start s | parse / copy / audit / outputs s "
        "| peak PSS all processes MB | other processes, cores | failed |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    base = med[modes[0][0]]
    for label, _, _ in modes:
        v = runs[label]
        cpu = statistics.median(x["parent_cpu"] + x["workers_cpu"] for x in v)
        pcpu = statistics.median(x["parent_cpu"] for x in v)
        st = {k: statistics.median(x["stages"].get(k, 0.0) for x in v) for k in ("start", "parse", "copying", "audit",
                                                                                  "outputs")}
        lines.append(f"| {label} | {len(v)} | {med[label]:.1f} | {n / med[label]:.1f} | {base / med[label]:.2f}× | "
                     f"{cpu:.1f} | {pcpu:.1f} | {st['start']:.2f} | {st['parse']:.1f} / {st['copying']:.1f} / {st['audit']:.1f} / "
                     f"{st['outputs']:.1f} | {max(x['total_pss_mb'] for x in v):.0f} | "
                     f"{statistics.mean(x['others_cores'] for x in v):.2f} | {v[0]['failed']} |")
    j1, j2 = runs[modes[0][0]], runs[modes[1][0]]

    def serial(x: dict) -> float:
        """CPU of the batch process outside the parse and audit passes (with the workers idle), plus its wait for
        the workers to start: the part of a --jobs 2 run that two cores cannot share."""
        return x["parent_cpu"] - x["cpu"].get("parse", 0.0) - x["cpu"].get("audit", 0.0) + x.get("waited", 0.0)

    c1 = statistics.median(x["parent_cpu"] + x["workers_cpu"] for x in j1)
    c2 = statistics.median(x["parent_cpu"] + x["workers_cpu"] for x in j2)
    s2 = statistics.median(serial(x) for x in j2)
    est = c1 / (s2 + (c2 - s2) / 2)
    pairs = [a["wall"] / b["wall"] for a, b in zip(j1, j2, strict=True)]
    speed = base / med[modes[1][0]]
    lines += ["", f"`--jobs 2` vs `--jobs 1`: **{speed:.2f}×** (medians; run by run "
              + ", ".join(f"{x:.2f}×" for x in pairs) + "); target ≥ 1.8× — "
              + ("met" if speed >= 1.8 else "not met") + (" on a quiet machine." if quiet else
              " on a shared machine, where the wall-clock ratio depends on what the other jobs did during each "
              "run; the accounting below does not."),
              "", f"Accounting for a quiet machine (an estimate from the CPU columns, not a measurement): jobs 1 is one "
              f"process, {c1:.1f} CPU-s; of the {c2:.1f} CPU-s of jobs 2, {s2:.1f} s are serial (the batch process's "
              f"CPU outside the parse and audit passes, plus its wait for the workers to start), the rest runs on "
              f"two cores: {s2:.1f} + {c2 - s2:.1f} / 2 = {s2 + (c2 - s2) / 2:.1f} s, i.e. **{est:.2f}×**."]
    print("\n".join(lines))
    if append:
        write_section(append, "batch-scaling", "### jobs 1 vs jobs 2 vs Dask, side by side", lines)
    return 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, nargs="+", default=[100])
    ap.add_argument("--kind", choices=["text", "pdf"], default="text")
    ap.add_argument("--jobs", type=int, default=0, help="0 = all cores")
    ap.add_argument("--append", type=Path, default=None, help="append a result table to this Markdown file")
    ap.add_argument("--profile", type=int, default=0, help="profile n reports in-process instead")
    ap.add_argument("--compare", type=int, default=0, metavar="REPEATS",
                    help="jobs 1, jobs 2 and Dask (2 workers) side by side on the same input, alternating, REPEATS times")
    ap.add_argument("--no-dask", action="store_true", help="--compare without the Dask runs")
    args = ap.parse_args(argv)
    if args.profile:
        profile(args.profile)
        return 0
    if args.compare:
        return compare(args.n[0], args.compare, args.append, dask=not args.no_dask)
    lines = []
    for n in args.n:
        with tempfile.TemporaryDirectory() as tmp:
            tmp = Path(tmp)
            (tmp / "in").mkdir()
            t0 = time.perf_counter()
            paths = generate(n, tmp / "in")
            if args.kind == "pdf":
                (tmp / "pdf").mkdir()
                paths = to_pdf(paths, tmp / "pdf")
                inp = tmp / "pdf"
            else:
                inp = tmp / "in"
            gen = time.perf_counter() - t0
            r = run_batch_child(inp, tmp / "out", args.jobs)
        rate = r["audited"] / r["wall"] if r["wall"] else 0.0
        st = r["stages"]
        steady = r["audited"] / max(1e-9, r["wall"] - st.get("start", 0.0))
        line = (f"| {date.today().isoformat()} | {args.kind} | {len(paths)} | {os.cpu_count()} | {r['wall']:.1f} | "
                f"{rate:.2f} | {steady:.2f} | {st.get('start', 0):.1f} / {st.get('parse', 0):.1f} / {st.get('copying', 0):.1f} / {st.get('audit', 0):.1f} / "
                f"{st.get('outputs', 0):.1f} | {r['copy']['seconds']:.2f} ({r['copy']['distinct']} distinct / "
                f"{r['copy']['sentences']} sentences) | {r['parent_rss_mb']:.0f} | {r['worker_rss_mb']:.0f} | "
                f"{r['total_pss_mb']:.0f} | {r['failed']} |")
        print(f"generated {len(paths)} {args.kind} reports in {gen:.1f} s")
        print(json.dumps(r, ensure_ascii=False, indent=1))
        print(line)
        lines.append(line)
    if args.append:
        header = ("\n### nianbao batch (`scripts/bench_batch.py`)\n\n"
                  f"{conditions()}; jobs = all cores. Wall time includes the worker start "
                  "(forkserver preloading the classifier). Stages: worker start / parse / copy detection / audit+HTML / outputs.\n\n"
                  "| date | kind | N | cores | wall s | reports/s | reports/s without worker start | stages s | copy detection s | parent peak RSS MB "
                  "| largest worker peak RSS MB | peak PSS all processes MB | failed |\n"
                  "|---|---|---|---|---|---|---|---|---|---|---|---|---|\n")
        append_rows(args.append, BATCH_START, BATCH_END, lines, header)  # our own block: others stay untouched
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

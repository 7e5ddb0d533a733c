"""``run_batch``: audit many reports in parallel into a resumable store, then write the batch outputs.

Stages (each resumable, results committed one by one by this parent process):
  1. discover the input files and hash their content (sha256); same content under two paths is one report
     (the workers start meanwhile);
  2. parse the new contents in worker processes (report + copy-detection sentences -> store); each result is
     added to the copy-detection index as it arrives;
  3. copy detection over the whole batch (and ``--previous``) in this process (MinHash LSH, sub-quadratic: most
     of it already done during 2);
  4. audit every report whose audit key (rubric, config, copying result, version) changed -> store + HTML;
  5. write ranking.csv / ranking.xlsx / copying.csv / failures.csv / summary.html from the store.
"""

from __future__ import annotations

import glob
import hashlib
import json
import os
import threading
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from nianbao import __version__
from nianbao.batch import copying as cp
from nianbao.batch import worker as wk
from nianbao.batch.outputs import safe_name
from nianbao.batch.pool import CRASH_REASON, BatchError, Pool
from nianbao.batch.store import Store
from nianbao.errors import InputError
from nianbao.ingest.limits import read_file_bounded

__all__ = ["CRASH_REASON", "SUFFIXES", "BatchError", "BatchResult", "discover", "run_batch", "safe_name"]

SUFFIXES = (".pdf", ".docx", ".html", ".htm", ".txt")
LOCK_NAME = ".nianbao-batch.lock"


@dataclass
class BatchResult:
    out: Path
    files: int = 0  # input files found (current year)
    contents: int = 0  # distinct contents among them
    audited: int = 0  # reports with an audit
    failed: int = 0  # contents that could not be parsed or audited
    parsed_now: int = 0  # contents parsed in this run
    audited_now: int = 0  # audits (re)done in this run
    previous_files: int = 0
    seconds: float = 0.0
    stages: dict[str, float] = field(default_factory=dict)  # wall seconds per stage
    cpu: dict[str, float] = field(default_factory=dict)  # this process's CPU seconds per stage (its threads too)
    waited: float = 0.0  # seconds this process waited for worker processes to start (nothing else to do)
    copy_stats: dict[str, Any] = field(default_factory=dict)
    missing_inputs: list[str] = field(default_factory=list)

    @property
    def duplicates(self) -> int:
        return self.files - self.contents

    @property
    def reused(self) -> int:
        return max(0, self.audited - self.audited_now)

    def summary_line(self) -> str:
        return (f"批量审查完成：共 {self.files} 个文件（其中内容重复 {self.duplicates} 个），"
                f"成功 {self.audited} 份，失败 {self.failed} 份；本次新审查 {self.audited_now} 份，"
                f"沿用已有结果 {self.reused} 份；用时 {self.seconds:.1f} 秒。结果目录：{self.out}")


# --------------------------------------------------------------------------- inputs


def discover(inputs: Iterable[str | Path], exclude: Path | None = None) -> tuple[list[Path], list[str]]:
    """Files named by INPUTS (files, folders searched recursively, or glob patterns), and the inputs that
    matched nothing."""
    found: dict[str, Path] = {}
    missing: list[str] = []
    ex = exclude.resolve() if exclude is not None else None

    def ok(p: Path) -> bool:
        if p.name.startswith((".", "~$")) or not p.is_file():
            return False
        return ex is None or not p.resolve().is_relative_to(ex)

    for raw in inputs:
        p = Path(raw)
        hits: list[Path] = []
        if p.is_dir():
            hits = [q for q in p.rglob("*") if q.suffix.lower() in SUFFIXES and ok(q)]
        elif p.is_file():
            hits = [p]  # named explicitly: taken whatever its suffix (the reader says if unsupported)
        elif glob.has_magic(str(raw)):
            hits = [Path(q) for q in glob.glob(str(raw), recursive=True)
                    if Path(q).suffix.lower() in SUFFIXES and ok(Path(q))]
        if not hits:
            missing.append(str(raw))
        for q in hits:
            r = q.resolve()
            found.setdefault(str(r), r)
    return [found[k] for k in sorted(found)], missing




# --------------------------------------------------------------------------- the batch


def _make_out(out: Path) -> None:
    """The output folder and its audits/ folder; a file in the way is one sentence, not a traceback."""
    if out.exists() and not out.is_dir():
        raise BatchError(f"输出路径 {out} 是一个文件，不是目录；请在 --out 后给出一个目录（不存在时会自动创建）。")
    try:
        out.mkdir(parents=True, exist_ok=True)
        (out / "audits").mkdir(exist_ok=True)
    except FileExistsError:
        raise BatchError(f"无法创建输出目录 {out}：路径中的 {out / 'audits'} 或某一级上级路径是文件而不是目录。") from None
    except NotADirectoryError:
        raise BatchError(f"无法创建输出目录 {out}：某一级上级路径是文件而不是目录。") from None
    except OSError as e:
        raise BatchError(f"无法创建输出目录 {out}（{e.strerror or type(e).__name__}）。") from None


def _lock(out: Path):
    """One batch per output folder, on every platform (filelock: fcntl on POSIX, msvcrt on Windows)."""
    from filelock import FileLock, Timeout

    lock = FileLock(str(out / LOCK_NAME), timeout=0)
    try:
        lock.acquire()
    except Timeout:
        raise BatchError(f"另一个 nianbao batch 正在使用输出目录 {out}，请等它结束后再运行。") from None
    return _Held(lock)


class _Held:
    """The held batch lock; ``close()`` releases it (the caller's finally block)."""

    def __init__(self, lock: Any) -> None:
        self._lock = lock

    def close(self) -> None:
        self._lock.release()


def _fingerprint(obj: Any) -> str:
    return hashlib.sha256(json.dumps(obj, ensure_ascii=False, sort_keys=True, default=str).encode()).hexdigest()


def _sigs(sentences: list, raw: bytes) -> np.ndarray:
    """A report's MinHash signatures as the worker sent them (uint64 bytes, one row per sentence)."""
    return np.frombuffer(raw, dtype=np.uint64).reshape(len(sentences), -1) if sentences else \
        np.zeros((0, 1), dtype=np.uint64)


def _import_outputs() -> None:
    """Import the output writers (openpyxl is the bulk) while the workers audit, not after them."""
    import openpyxl.formatting.rule  # noqa: F401
    import openpyxl.styles  # noqa: F401
    import openpyxl.writer.excel  # noqa: F401

    import nianbao.batch.outputs  # noqa: F401
    import nianbao.batch.summary  # noqa: F401


# the most input bytes kept in memory from the hashing for an engine that sends them to its workers (Dask);
# the files past it are read again when their task is sent
KEEP_INPUT_BYTES = 512 << 20


def _chunksize(n: int, jobs: int) -> int:
    return max(1, min(8, n // max(1, jobs * 6)))


def run_batch(inputs: Sequence[str | Path], out: str | Path, *, jobs: int | None = None,
              previous: str | Path | None = None, rubric: str | None = None, resume: bool = False,
              config: Any = None, progress: bool | None = None, console: Any = None,
              mp_context: str | None = None, annotate: bool = False, timeout: float | None = wk.DEFAULT_TIMEOUT,
              max_memory_mb: int | None = wk.DEFAULT_MAX_MEMORY_MB, engine: str = "local",
              scheduler: str | None = None) -> BatchResult:
    """Audit every report named by ``inputs`` into ``out``; see docs/batch.md.

    ``jobs=1`` runs everything in this process (no worker processes: for tests and debugging).
    ``timeout`` (seconds) and ``max_memory_mb`` bound each file's parse and audit; a file over a limit is
    recorded as failed with the reason (None or 0: no limit; the memory cap needs worker processes).
    ``engine="dask"`` runs the parse and audit passes on dask.distributed (``scheduler``: a scheduler's
    address; None: a LocalCluster of ``jobs`` worker processes); see batch/dask_engine.py."""
    if engine not in ("local", "dask"):
        raise BatchError(f"未知的执行引擎 {engine}（可选 local、dask）。")
    from rich.console import Console

    from nianbao.config import load_config
    from nianbao.scoring import RubricError, load_rubric

    t_start = time.perf_counter()
    out = Path(out)
    _make_out(out)
    lock = _lock(out)
    store = Store(out)
    console = console or Console(stderr=True)
    executor: Any = None
    try:
        last = store.last_run()
        if resume:
            if last is None:
                raise BatchError(f"输出目录 {out} 中没有可继续的批量审查记录，请先不带 --resume 运行。")
            args = last[0]
            if not inputs:
                inputs = args["inputs"]
                previous = previous if previous is not None else args.get("previous")
                rubric = rubric if rubric is not None else args.get("rubric")
        if not inputs:
            raise BatchError("请指定要审查的报告文件、文件夹或通配符（如 reports/*.pdf）。")
        try:
            rub = load_rubric(rubric)
        except RubricError as e:
            raise BatchError(str(e)) from None
        config = config if config is not None else load_config()
        jobs = max(1, jobs or os.cpu_count() or 1)
        limits = (float(timeout or 0), int(max_memory_mb or 0))
        # the workers start now, in the background, while this process finds and hashes the inputs
        executor = _executor(engine, jobs, (rubric, config, str(store.path), str(out / "audits"), limits), mp_context,
                             scheduler, store)
        files, missing = discover(inputs, exclude=out)
        if not files:
            raise BatchError("没有找到可审查的文件（支持 .pdf、.docx、.html、.htm、.txt）："
                             + "、".join(str(x) for x in inputs))
        prev_files: list[Path] = []
        if previous is not None:
            if not Path(previous).exists():
                raise BatchError(f"上一年度报告目录 {previous} 不存在。")
            prev_files, _ = discover([previous], exclude=out)
            current_set = {str(p) for p in files}
            prev_files = [p for p in prev_files if str(p) not in current_set]
        run = store.start_run({"inputs": [str(x) for x in inputs], "previous": str(previous) if previous else None,
                               "rubric": rubric, "jobs": jobs, "version": __version__})
        res = BatchResult(out=out, files=len(files), previous_files=len(prev_files), missing_inputs=missing)
        show = console.is_terminal if progress is None else progress
        res = _run(store, run, files, prev_files, jobs, rub, config, show, console, res, executor,
                   annotate=annotate)
        executor, done = None, executor  # closed once: here after the outputs, or below on an error
        done.close()  # (the idle workers exit after the outputs are written: their exit is no wait before them)
        store.finish_run(run)
        res.seconds = time.perf_counter() - t_start
        return res
    finally:
        if executor is not None:
            executor.close()
        store.close()
        lock.close()


def _executor(engine: str, jobs: int, initargs: tuple, mp_context: str | None, scheduler: str | None,
              store: Store) -> Any:
    """The engine that runs the parse and audit passes: the local process pool (its workers starting in the
    background) or Dask."""
    if engine == "dask":
        from nianbao.batch.dask_engine import DaskPool

        return DaskPool(jobs, initargs, scheduler, store, Path(initargs[3]))
    config, limits = initargs[1], initargs[4]
    pool = Pool(jobs, wk.init_worker, initargs, mp_context, in_process=jobs == 1, ping=wk.ping,
                failure_reason=wk.failure_reason, preload=["nianbao.batch.worker", "nianbao.batch._preload"],
                env={"NIANBAO_BATCH_BACKEND": str(getattr(config, "backend", "sklearn"))}, timeout=limits[0])
    pool.start()
    return pool


def _rate_column():
    """A progress column with the rate in reports per second."""
    from rich.progress import ProgressColumn
    from rich.text import Text

    class RateColumn(ProgressColumn):
        def render(self, task) -> Text:
            speed = task.finished_speed or task.speed
            return Text("— 份/秒" if speed is None else f"{speed:.1f} 份/秒", style="progress.data.speed")

    return RateColumn()


def _run(store: Store, run: int, files: list[Path], prev_files: list[Path], jobs: int, rub: Any, config: Any,
         show: bool, console: Any, res: BatchResult, executor: Any, annotate: bool = False) -> BatchResult:
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    t0, c0 = time.perf_counter(), time.process_time()
    # ---- 1. hash
    rows: list[tuple[str, str, str, int | None]] = []
    unreadable: dict[str, tuple[str, str]] = {}  # sha -> (name, reason)
    input_limits = getattr(config, "limits", None)
    # an engine whose workers cannot see the files (Dask) is handed the bytes read here, up to a budget
    kept: dict[str, bytes] | None = getattr(executor, "inputs", None)
    budget, known = KEEP_INPUT_BYTES, store.known()
    for role, group in (("current", files), ("previous", prev_files)):
        for p in group:
            try:  # the input checks come first: no FIFO, device or oversized file is opened; one read per file
                data = read_file_bounded(p, input_limits)
                sha, size = hashlib.sha256(data).hexdigest(), len(data)
                if kept is not None and sha not in known and sha not in kept and size <= budget:
                    kept[sha], budget = data, budget - size
            except InputError as exc:
                sha, size = "unreadable-" + hashlib.sha256(str(p).encode()).hexdigest()[:32], None
                unreadable[sha] = (p.name, exc.cause)
            rows.append((str(p), sha, role, size))
    store.add_paths(rows, run)
    paths_of: dict[str, list[str]] = {}
    role_of: dict[str, str] = {}
    for path, sha, role, _ in rows:
        paths_of.setdefault(sha, []).append(path)
        if role == "current" or sha not in role_of:
            role_of[sha] = role
    current = [s for s in paths_of if role_of[s] == "current"]
    res.contents = len(current)
    for sha, (name, reason) in unreadable.items():
        if sha not in known:
            store.save_parsed({"sha": sha, "status": "failed", "reason": reason, "name": name})
    known = store.known()
    todo = [(sha, paths_of[sha][0]) for sha in paths_of if sha not in known]
    res.stages["hash"] = time.perf_counter() - t0
    res.cpu["hash"] = time.process_time() - c0

    audits_dir = store.path.parent / "audits"
    progress = Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TextColumn("·"),
                        _rate_column(), TextColumn("·"),
                        TimeElapsedColumn(), TextColumn("剩余"), TimeRemainingColumn(), console=console,
                        disable=not show, transient=False)
    with progress:
        # ---- 2. parse
        t1, c1 = time.perf_counter(), time.process_time()
        task = progress.add_task("解析", total=len(todo))
        index = cp.Index()  # copy detection's pairing runs here, as each report's sentences arrive
        sentences_of: dict[str, list] = {}

        def parsed(r: dict) -> None:
            store.save_parsed(r)
            if r["status"] == "parsed":
                sentences_of[r["sha"]] = r["sentences"]
                index.add(r["sha"], r["sentences"], _sigs(r["sentences"], r["sigs"]))
            progress.advance(task)

        def parse_crash(item: tuple[str, str], reason: str) -> None:
            store.save_parsed({"sha": item[0], "status": "failed", "reason": reason, "name": Path(item[1]).name,
                               "format": wk.format_of(item[1])})
            progress.advance(task)

        executor.map(wk.parse_chunk, todo, _chunksize(len(todo), jobs), parsed, parse_crash)
        res.parsed_now = len(todo)
        res.stages["start"] = executor.startup  # workers ready (mostly while the inputs were hashed)
        res.stages["parse"] = time.perf_counter() - t1 - executor.waited  # (less the wait for them)
        waited = executor.waited
        res.cpu["parse"] = time.process_time() - c1

        # ---- 3. copy detection
        t2, c2 = time.perf_counter(), time.process_time()
        docs_meta = store.documents(paths_of)
        parsed_shas = [s for s, d in docs_meta.items() if d["status"] == "parsed"]
        # reports parsed by an earlier run (--resume, --previous seen before) come from the store
        earlier = {sha: (sents, _sigs(sents, sigs))
                   for sha, sents, sigs in store.sentences([s for s in parsed_shas if s not in sentences_of])}
        docs: list[cp.Doc] = []
        for sha in parsed_shas:
            d = docs_meta[sha]
            sents, sigs = earlier[sha] if sha in earlier else (sentences_of.pop(sha), None)
            docs.append(cp.Doc(sha=sha, role=role_of[sha], source=sorted(paths_of[sha])[0], agency=d["agency"],
                               year=d["year"], sentences=sents, sigs=sigs))
        docs.sort(key=lambda d: d.source)
        copying, stats = index.detect(docs)
        previous_of = cp.previous_map(docs)  # the body's report of an earlier year, for the Y-xx rules
        store.save_copying(copying)
        res.copy_stats = {"sentences": stats.sentences, "distinct": stats.distinct,
                          "candidates": stats.candidates, "verified": stats.verified, "common": stats.common,
                          "seconds": round(stats.seconds, 3), **stats.extra}
        res.stages["copying"] = time.perf_counter() - t2
        res.cpu["copying"] = time.process_time() - c2

        # ---- 4. audit
        t3, c3 = time.perf_counter(), time.process_time()
        base_fp = _fingerprint({"version": __version__, "rubric": [rub.name, rub.version, rub.data],
                                "config": [config.select, config.ignore, config.severity, config.backend,
                                           config.deadlines, config.options]})
        keys = store.audit_keys()
        items = []
        for sha in current:
            d = docs_meta.get(sha)
            if d is None or d["status"] != "parsed":
                continue
            html = safe_name(d["name"], sha)
            paths = sorted(paths_of[sha])
            prev = previous_of.get(sha)
            # the previous report is named by its path in this run (it may have been parsed under another)
            prev_source = sorted(paths_of[prev])[0] if prev is not None else None
            key = _fingerprint([base_fp, copying.get(sha), html, paths[0]] + (["annotate"] if annotate else [])
                               + ([prev, prev_source] if prev is not None else []))
            if keys.get(sha) == key and (audits_dir / html).is_file():
                continue
            items.append({"sha": sha, "key": key, "html": html, "paths": paths, "copying": copying.get(sha),
                          "annotate": annotate, "previous": prev, "previous_source": prev_source})
        task2 = progress.add_task("审查", total=len(items))
        if items and not getattr(executor, "in_process", False):  # this process waits for the workers now:
            threading.Thread(target=_import_outputs, daemon=True).start()  # load what the outputs need

        def audited(r: dict) -> None:
            store.save_audit(r)
            progress.advance(task2)

        def audit_crash(item: dict, reason: str) -> None:
            store.save_audit({"sha": item["sha"], "key": item["key"], "status": "failed",
                              "reason": reason.replace("解析出错", "审查出错").replace("解析超时", "审查超时")})
            progress.advance(task2)

        executor.map(wk.audit_chunk, items, _chunksize(len(items), jobs), audited, audit_crash)
        res.audited_now = len(items)
        res.stages["start"] = executor.startup  # (plus any restart after a crash)
        res.stages["audit"] = time.perf_counter() - t3 - (executor.waited - waited)
        res.cpu["audit"] = time.process_time() - c3
        res.waited = executor.waited

    # ---- 5. outputs (run_batch shuts the idle workers down after them)
    t4, c4 = time.perf_counter(), time.process_time()
    from nianbao.batch.outputs import collect, write_all

    data = collect(store, current, paths_of, docs_meta, copying, res)
    write_all(store.path.parent, data)
    res.audited = len(data.rows)
    res.failed = len(data.failures)
    res.stages["outputs"] = time.perf_counter() - t4
    res.cpu["outputs"] = time.process_time() - c4
    return res

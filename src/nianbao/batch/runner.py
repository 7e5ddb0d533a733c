"""``run_batch``: audit many reports in parallel into a resumable store, then write the batch outputs.

Stages (each resumable, results committed one by one by this parent process):
  1. discover the input files and hash their content (sha256); same content under two paths is one report;
  2. parse the new contents in worker processes (report + copy-detection sentences -> store);
  3. copy detection over the whole batch (and ``--previous``) in this process (MinHash LSH, sub-quadratic);
  4. audit every report whose audit key (rubric, config, copying result, version) changed -> store + HTML;
  5. write ranking.csv / ranking.xlsx / copying.csv / failures.csv / summary.html from the store.
"""

from __future__ import annotations

import glob
import hashlib
import json
import multiprocessing as mp
import os
import re
import time
from collections import deque
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from nianbao import __version__
from nianbao.batch import copying as cp
from nianbao.batch import worker as wk
from nianbao.batch.store import Store

SUFFIXES = (".pdf", ".docx", ".html", ".htm", ".txt")
LOCK_NAME = ".nianbao-batch.lock"
CRASH_REASON = "解析出错：工作进程意外退出（可能是解析库崩溃或内存不足），已跳过该文件"


class BatchError(Exception):
    """A batch that cannot start (bad arguments, nothing to do). ``str`` is the Chinese sentence to show."""


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
    stages: dict[str, float] = field(default_factory=dict)
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


_UNSAFE = re.compile(r"[^\w\-]+")


def safe_name(name: str, sha: str) -> str:
    stem = _UNSAFE.sub("_", Path(name).stem).strip("_")[:60] or "report"
    return f"{stem}-{sha[:10]}.html"


# --------------------------------------------------------------------------- executing chunks


class _Executor:
    """Runs ``fn(chunk) -> results`` over items, in-process (jobs == 1) or in a process pool.

    A worker that dies (segfault, out of memory, os._exit) breaks the whole pool: the chunks in flight are
    re-run one item per task in a fresh pool, and the items that break that one too are run alone in a
    one-worker pool, so the single file that kills its worker is identified and recorded as failed."""

    def __init__(self, jobs: int, initargs: tuple, mp_context: str | None, in_process: bool) -> None:
        self.jobs = jobs
        self.initargs = initargs
        self.in_process = in_process
        self.ctx = None
        self._pool: ProcessPoolExecutor | None = None
        self._pool_workers = 0
        self.startup = 0.0  # seconds spent starting worker processes
        if in_process:
            wk.init_worker(*initargs, in_process=True)
        else:
            method = mp_context or ("forkserver" if "forkserver" in mp.get_all_start_methods() else "spawn")
            self.ctx = mp.get_context(method)
            if method == "forkserver":
                # workers fork from a server that has already imported and warmed everything (see _preload)
                os.environ["NIANBAO_BATCH_BACKEND"] = str(getattr(initargs[1], "backend", "sklearn"))
                self.ctx.set_forkserver_preload(["nianbao.batch.worker", "nianbao.batch._preload"])

    def _get_pool(self, workers: int) -> ProcessPoolExecutor:
        if self._pool is None or self._pool_workers != workers:
            self.close()
            t0 = time.perf_counter()
            self._pool = ProcessPoolExecutor(max_workers=workers, mp_context=self.ctx, initializer=wk.init_worker,
                                             initargs=self.initargs)
            self._pool_workers = workers
            try:  # start every worker now, so that start-up time is not mistaken for work
                for f in [self._pool.submit(wk.ping) for _ in range(workers)]:
                    f.result()
            except BrokenProcessPool:
                pass  # surfaces again at the next submit and is handled there
            self.startup += time.perf_counter() - t0
        return self._pool

    def _discard_pool(self) -> None:
        pool, self._pool = self._pool, None
        if pool is not None:
            procs = list((getattr(pool, "_processes", None) or {}).values())
            pool.shutdown(wait=False, cancel_futures=True)
            for p in procs:
                if p.is_alive():
                    p.terminate()

    def close(self) -> None:
        pool, self._pool = self._pool, None
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)

    def map(self, fn: Callable[[list], list], items: Sequence, chunksize: int, on_result: Callable[[Any], None],
            on_crash: Callable[[Any, str], None]) -> None:
        if not items:
            return
        if self.in_process:
            for it in items:
                try:
                    results = fn([it])
                except Exception as exc:  # noqa: BLE001 - fn catches per item; this is a last resort
                    on_crash(it, wk.failure_reason(exc))
                    continue
                for r in results:
                    on_result(r)
            return
        chunks = deque(list(items[i:i + chunksize]) for i in range(0, len(items), chunksize))
        suspects: list = []
        isolate: list = []
        self._drain(fn, chunks, self.jobs, self.jobs * 3, on_result, on_crash, suspects)
        if suspects:
            self._drain(fn, deque([x] for x in suspects), self.jobs, self.jobs * 2, on_result, on_crash, isolate)
        if isolate:
            self._check_workers()
            self._drain(fn, deque([x] for x in isolate), 1, 1, on_result, on_crash, None)

    def _check_workers(self) -> None:
        """Before blaming single files: can a worker start and answer at all?"""
        pool = self._get_pool(1)
        try:
            pool.submit(wk.ping).result(timeout=600)
        except Exception as exc:  # noqa: BLE001
            self._discard_pool()
            raise BatchError(f"工作进程无法启动（{type(exc).__name__}），请改用 --jobs 1 运行以查看原因。") from None

    def _drain(self, fn: Callable, chunks: deque, workers: int, max_inflight: int, on_result: Callable,
               on_crash: Callable, broken_to: list | None) -> None:
        inflight: dict[Future, list] = {}
        try:
            while chunks or inflight:
                pool = self._get_pool(workers)
                broken = False
                while chunks and len(inflight) < max_inflight:
                    ch = chunks.popleft()
                    try:
                        inflight[pool.submit(fn, ch)] = ch
                    except BrokenProcessPool:  # broke since the last wait: nothing of `ch` ran
                        chunks.appendleft(ch)
                        broken = True
                        break
                done = wait(list(inflight), return_when=FIRST_COMPLETED)[0] if inflight else set()
                for f in done:
                    ch = inflight.pop(f)
                    try:
                        results = f.result()
                    except BrokenProcessPool:
                        broken = True
                        if broken_to is None:
                            for it in ch:
                                on_crash(it, CRASH_REASON)
                        else:
                            broken_to.extend(ch)
                        continue
                    except Exception as exc:  # noqa: BLE001 - e.g. a result that cannot be pickled
                        for it in ch:
                            on_crash(it, wk.failure_reason(exc))
                        continue
                    for r in results:
                        on_result(r)
                if broken:
                    # every other chunk in flight died with the pool: innocent until proven guilty
                    for ch in inflight.values():
                        if broken_to is None:
                            chunks.appendleft(ch)
                        else:
                            broken_to.extend(ch)
                    inflight.clear()
                    self._discard_pool()
        except BaseException:
            self._discard_pool()
            raise


# --------------------------------------------------------------------------- the batch


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


def _chunksize(n: int, jobs: int) -> int:
    return max(1, min(8, n // max(1, jobs * 6)))


def run_batch(inputs: Sequence[str | Path], out: str | Path, *, jobs: int | None = None,
              previous: str | Path | None = None, rubric: str | None = None, resume: bool = False,
              config: Any = None, progress: bool | None = None, console: Any = None,
              mp_context: str | None = None, annotate: bool = False) -> BatchResult:
    """Audit every report named by ``inputs`` into ``out``; see docs/batch.md.

    ``jobs=1`` runs everything in this process (no worker processes: for tests and debugging)."""
    from rich.console import Console

    from nianbao.config import load_config
    from nianbao.scoring import RubricError, load_rubric

    t_start = time.perf_counter()
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    (out / "audits").mkdir(exist_ok=True)
    lock = _lock(out)
    store = Store(out)
    console = console or Console(stderr=True)
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
        jobs = max(1, jobs or os.cpu_count() or 1)
        run = store.start_run({"inputs": [str(x) for x in inputs], "previous": str(previous) if previous else None,
                               "rubric": rubric, "jobs": jobs, "version": __version__})
        res = BatchResult(out=out, files=len(files), previous_files=len(prev_files), missing_inputs=missing)
        show = console.is_terminal if progress is None else progress
        res = _run(store, run, files, prev_files, jobs, rub, rubric, config, show, console, mp_context, res,
                   annotate=annotate)
        store.finish_run(run)
        res.seconds = time.perf_counter() - t_start
        return res
    finally:
        store.close()
        lock.close()


def _run(store: Store, run: int, files: list[Path], prev_files: list[Path], jobs: int, rub: Any,
         rubric_arg: str | None, config: Any, show: bool, console: Any, mp_context: str | None,
         res: BatchResult, annotate: bool = False) -> BatchResult:
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    t0 = time.perf_counter()
    # ---- 1. hash
    rows: list[tuple[str, str, str, int | None]] = []
    unreadable: dict[str, tuple[str, str]] = {}  # sha -> (name, reason)
    for role, group in (("current", files), ("previous", prev_files)):
        for p in group:
            try:
                sha, size = wk.file_sha256(p), p.stat().st_size
            except OSError:
                sha, size = "unreadable-" + hashlib.sha256(str(p).encode()).hexdigest()[:32], None
                unreadable[sha] = (p.name, f"{p.name}：文件不存在或无法打开。")
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
    known = store.known()
    for sha, (name, reason) in unreadable.items():
        if sha not in known:
            store.save_parsed({"sha": sha, "status": "failed", "reason": reason, "name": name})
    known = store.known()
    todo = [(sha, paths_of[sha][0]) for sha in paths_of if sha not in known]
    res.stages["hash"] = time.perf_counter() - t0

    audits_dir = store.path.parent / "audits"
    executor = _Executor(jobs, (rubric_arg, config, str(store.path), str(audits_dir)), mp_context,
                         in_process=jobs == 1)
    progress = Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TextColumn("·"),
                        TimeElapsedColumn(), TextColumn("剩余"), TimeRemainingColumn(), console=console,
                        disable=not show, transient=False)
    try:
        with progress:
            # ---- 2. parse
            t1 = time.perf_counter()
            task = progress.add_task("解析", total=len(todo))

            def parsed(r: dict) -> None:
                store.save_parsed(r)
                progress.advance(task)

            def parse_crash(item: tuple[str, str], reason: str) -> None:
                store.save_parsed({"sha": item[0], "status": "failed", "reason": reason, "name": Path(item[1]).name,
                                   "format": wk._fmt_of(item[1])})
                progress.advance(task)

            executor.map(wk.parse_chunk, todo, _chunksize(len(todo), jobs), parsed, parse_crash)
            res.parsed_now = len(todo)
            res.stages["start"] = executor.startup
            res.stages["parse"] = time.perf_counter() - t1 - executor.startup

            # ---- 3. copy detection
            t2 = time.perf_counter()
            docs_meta = store.documents(paths_of)
            docs: list[cp.Doc] = []
            for sha, sents, sigs in store.sentences([s for s, d in docs_meta.items() if d["status"] == "parsed"]):
                d = docs_meta[sha]
                arr = np.frombuffer(sigs, dtype=np.uint64).reshape(len(sents), -1) if sents else \
                    np.zeros((0, 1), dtype=np.uint64)
                docs.append(cp.Doc(sha=sha, role=role_of[sha], source=sorted(paths_of[sha])[0], agency=d["agency"],
                                   year=d["year"], sentences=sents, sigs=arr))
            docs.sort(key=lambda d: d.source)
            copying, stats = cp.detect(docs)
            store.save_copying(copying)
            res.copy_stats = {"sentences": stats.sentences, "distinct": stats.distinct,
                              "candidates": stats.candidates, "verified": stats.verified, "common": stats.common,
                              "seconds": round(stats.seconds, 3), **stats.extra}
            res.stages["copying"] = time.perf_counter() - t2

            # ---- 4. audit
            t3 = time.perf_counter()
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
                key = _fingerprint([base_fp, copying.get(sha), html, paths[0]] + (["annotate"] if annotate else []))
                if keys.get(sha) == key and (audits_dir / html).is_file():
                    continue
                items.append({"sha": sha, "key": key, "html": html, "paths": paths, "copying": copying.get(sha),
                              "annotate": annotate})
            task2 = progress.add_task("审查", total=len(items))

            def audited(r: dict) -> None:
                store.save_audit(r)
                progress.advance(task2)

            def audit_crash(item: dict, reason: str) -> None:
                store.save_audit({"sha": item["sha"], "key": item["key"], "status": "failed",
                                  "reason": reason.replace("解析出错", "审查出错")})
                progress.advance(task2)

            executor.map(wk.audit_chunk, items, _chunksize(len(items), jobs), audited, audit_crash)
            res.audited_now = len(items)
            started = executor.startup - res.stages["start"]
            res.stages["start"] += started
            res.stages["audit"] = time.perf_counter() - t3 - started
    finally:
        executor.close()

    # ---- 5. outputs
    t4 = time.perf_counter()
    from nianbao.batch.outputs import collect, write_all

    data = collect(store, current, paths_of, docs_meta, copying, res)
    write_all(store.path.parent, data)
    res.audited = len(data.rows)
    res.failed = len(data.failures)
    res.stages["outputs"] = time.perf_counter() - t4
    return res

"""The crash-safe process pool of ``nianbao batch`` (no knowledge of what the chunks do).

``Pool.map(fn, items, ...)`` runs ``fn(chunk) -> results`` over chunks of items, in-process (jobs == 1) or in
worker processes forked from a preloaded forkserver. A worker that dies (segfault, out of memory, killed)
breaks the whole pool: the chunks in flight are re-run one item per task in a fresh pool, and the items that
break that one too are run alone in a one-worker pool, so the single file that kills its worker is
identified and recorded as failed.

Workers die with their parent: the forkserver and every worker ask Linux for SIGKILL when their parent
exits (``PR_SET_PDEATHSIG``), so killing the batch (even with SIGKILL) leaves no process behind; the
resource tracker then sees its pipe close and exits too.
"""

from __future__ import annotations

import multiprocessing as mp
import os
import signal
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from typing import Any

CRASH_REASON = "解析出错：工作进程意外退出（可能是解析库崩溃或内存不足），已跳过该文件"
HUNG_REASON = "解析超时：处理时间远超每个文件 {seconds:g} 秒的上限且无法中断（--timeout），工作进程已被终止，已跳过该文件"
PR_SET_PDEATHSIG = 1


class BatchError(Exception):
    """A batch that cannot start (bad arguments, nothing to do). ``str`` is the Chinese sentence to show."""


def die_with_parent() -> None:
    """Ask the kernel to SIGKILL this process when its parent exits (Linux; elsewhere a no-op)."""
    if not sys.platform.startswith("linux"):
        return
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        parent = os.getppid()
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
        if parent == 1:  # the parent was already gone before the request took effect
            os._exit(1)
    except (OSError, AttributeError):  # pragma: no cover - no libc / no prctl
        pass


def chunked(items: Sequence, chunksize: int, workers: int) -> list[list]:
    """Chunks of ``chunksize`` items (fewer round trips), except the last few items, one per chunk, so that no
    worker sits idle at the end of a pass while another finishes a whole chunk."""
    tail = max(0, len(items) - 2 * workers * chunksize) if chunksize > 1 else len(items)
    return ([list(items[i:min(i + chunksize, tail)]) for i in range(0, tail, chunksize)]
            + [[x] for x in items[tail:]])


class Pool:
    """Runs ``fn(chunk) -> results`` over items; see the module docstring."""

    def __init__(self, jobs: int, init: Callable[..., None], initargs: tuple, mp_context: str | None,
                 in_process: bool, ping: Callable[[], int], failure_reason: Callable[[BaseException], str],
                 preload: Sequence[str] = (), env: dict[str, str] | None = None, timeout: float = 0.0) -> None:
        self.jobs = jobs
        self.init = init
        self.initargs = initargs
        self.in_process = in_process
        self.ping = ping
        self.failure_reason = failure_reason
        self.ctx = None
        self._pool: ProcessPoolExecutor | None = None
        self._pool_workers = 0
        self.startup = 0.0  # seconds spent starting worker processes
        self.waited = 0.0  # of them, seconds the caller spent waiting (not overlapped with its own work)
        self._starting: threading.Thread | None = None
        # The per-file limit is enforced inside the worker (SIGALRM); a call that never returns to Python (a hung
        # C library) is caught here: a chunk still running long after every file of it could have timed out gets
        # its worker killed, and is then isolated like a crash (reason: HUNG_REASON).
        self.timeout = float(timeout or 0)
        self._hung: set[int] = set()  # id() of items whose chunk was killed for running too long
        if in_process:
            init(*initargs, in_process=True)
        else:
            method = mp_context or ("forkserver" if "forkserver" in mp.get_all_start_methods() else "spawn")
            self.ctx = mp.get_context(method)
            if method == "forkserver":
                # workers fork from a server that has already imported and warmed everything
                os.environ.update(env or {})
                self.ctx.set_forkserver_preload(list(preload))

    def start(self) -> None:
        """Start the workers in the background; ``map`` waits for them if they are not ready yet.

        Only with the forkserver: the server is launched from this (main) thread, since a child asks to die with
        the *thread* that started it (PR_SET_PDEATHSIG); the workers are the server's children. The background
        thread merely waits for the server to import and warm everything and for the workers to answer."""
        if self.in_process or self.ctx is None or self.ctx.get_start_method() != "forkserver" or self._pool:
            return
        from multiprocessing import forkserver

        forkserver.ensure_running()
        self._starting = threading.Thread(target=self._open, args=(self.jobs,), name="nianbao-workers-start",
                                          daemon=True)
        self._starting.start()

    def _join_start(self) -> None:
        thread, self._starting = self._starting, None
        if thread is not None:
            t0 = time.perf_counter()
            thread.join()
            self.waited += time.perf_counter() - t0

    def _get_pool(self, workers: int) -> ProcessPoolExecutor:
        self._join_start()
        if self._pool is None or self._pool_workers != workers:
            self.close()
            t0 = time.perf_counter()
            self._open(workers)
            self.waited += time.perf_counter() - t0
        assert self._pool is not None
        return self._pool

    def _open(self, workers: int) -> None:
        """A pool of ``workers`` processes, every one started and answering."""
        t0 = time.perf_counter()
        self._pool = ProcessPoolExecutor(max_workers=workers, mp_context=self.ctx, initializer=self.init,
                                         initargs=self.initargs)
        self._pool_workers = workers
        try:  # start every worker now, so that start-up time is not mistaken for work
            for f in [self._pool.submit(self.ping) for _ in range(workers)]:
                f.result()
        except BrokenProcessPool:
            pass  # surfaces again at the next submit and is handled there
        self.startup += time.perf_counter() - t0

    def _discard_pool(self) -> None:
        self._join_start()
        pool, self._pool = self._pool, None
        if pool is not None:
            procs = list((getattr(pool, "_processes", None) or {}).values())
            pool.shutdown(wait=False, cancel_futures=True)
            for p in procs:
                if p.is_alive():
                    p.terminate()

    def close(self) -> None:
        self._join_start()
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
                    on_crash(it, self.failure_reason(exc))
                    continue
                for r in results:
                    on_result(r)
            return
        chunks = deque(chunked(items, chunksize, self.jobs))
        suspects: list = []
        isolate: list = []
        self._drain(fn, chunks, self.jobs, self.jobs * 3, on_result, on_crash, suspects)
        if suspects:
            self._drain(fn, deque([x] for x in suspects), self.jobs, self.jobs * 2, on_result, on_crash, isolate)
        if isolate:
            self._check_workers()
            self._drain(fn, deque([x] for x in isolate), 1, 1, on_result, on_crash, None)

    def _kill_hung(self, inflight: dict[Future, list], started: dict[Future, float]) -> bool:
        """Kill the pool when a chunk has been running for twice its files' time limits plus one more (a queued
        chunk's clock may start while the one ahead of it still runs); True when it did."""
        now = time.monotonic()
        hung = []
        for f, ch in inflight.items():
            if f.running() and f not in started:
                started[f] = now
            if f in started and not f.done() and now - started[f] > self.timeout * (2 * len(ch) + 1):
                hung.append(ch)
        if not hung:
            return False
        for ch in hung:
            self._hung.update(id(it) for it in ch)
        procs = list((getattr(self._pool, "_processes", None) or {}).values())
        for p in procs:
            if p.is_alive():
                p.kill()
        return True

    def _crash_reason(self, item: Any) -> str:
        return HUNG_REASON.format(seconds=self.timeout) if id(item) in self._hung else CRASH_REASON

    def _check_workers(self) -> None:
        """Before blaming single files: can a worker start and answer at all?"""
        pool = self._get_pool(1)
        try:
            pool.submit(self.ping).result(timeout=600)
        except Exception as exc:  # noqa: BLE001
            self._discard_pool()
            raise BatchError(f"工作进程无法启动（{type(exc).__name__}），请改用 --jobs 1 运行以查看原因。") from None

    def _drain(self, fn: Callable, chunks: deque, workers: int, max_inflight: int, on_result: Callable,
               on_crash: Callable, broken_to: list | None) -> None:
        inflight: dict[Future, list] = {}
        started: dict[Future, float] = {}
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
                done = wait(list(inflight), timeout=1.0 if self.timeout else None,
                                 return_when=FIRST_COMPLETED)[0] if inflight else set()
                if self.timeout and self._kill_hung(inflight, started):
                    done = wait(list(inflight), timeout=30)[0]  # every future of the killed pool fails now
                for f in done:
                    ch = inflight.pop(f)
                    started.pop(f, None)
                    try:
                        results = f.result()
                    except BrokenProcessPool:
                        broken = True
                        if broken_to is None:
                            for it in ch:
                                on_crash(it, self._crash_reason(it))
                        else:
                            broken_to.extend(ch)
                        continue
                    except Exception as exc:  # noqa: BLE001 - e.g. a result that cannot be pickled
                        for it in ch:
                            on_crash(it, self.failure_reason(exc))
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
                    started.clear()
                    self._discard_pool()
        except BaseException:
            self._discard_pool()
            raise

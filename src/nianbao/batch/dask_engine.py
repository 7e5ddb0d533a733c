"""``nianbao batch --engine dask``: the parse and audit passes on a dask.distributed cluster.

``DaskPool`` has the local ``Pool``'s interface (``map``, ``close``, ``startup``), so the batch runs the same
three passes (parse → copy detection in this process → audit) and writes the same store and outputs. The
workers need no access to the batch folder or the inputs: a parse task gets the file's bytes, an audit
task gets the parsed report from the store and returns its HTML page, which this process writes. A worker
that dies mid-task is replaced and its tasks re-run by the scheduler (up to ``distributed.scheduler.
allowed-failures`` times; after that the files are recorded as failed). The per-file time limit and memory
cap of the local pool do not apply: Dask's own worker memory limits do.

Without ``scheduler`` a LocalCluster with ``jobs`` worker processes is started (and stopped) here.
Needs the optional extra: ``pip install 'nianbao[dask]'``.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from nianbao.batch import worker as wk
from nianbao.batch.pool import CRASH_REASON, BatchError, chunked
from nianbao.errors import InputError
from nianbao.ingest.limits import read_file_bounded


def _run_chunk(kind: str, chunk: list, initargs: tuple) -> list:
    wk.ensure_init(initargs)
    if kind == "parse":
        return wk.parse_bytes_chunk(chunk)
    return wk.audit_chunk(chunk)


class DaskPool:
    def __init__(self, jobs: int, initargs: tuple, scheduler: str | None, store: Any, audits_dir: Path) -> None:
        try:
            from distributed import Client, LocalCluster
        except ImportError:
            raise BatchError("使用 --engine dask 需要安装 Dask：pip install 'nianbao[dask]'。") from None
        t0 = time.perf_counter()
        self._cluster = None
        try:
            if scheduler:
                self.client = Client(scheduler, timeout="10s")
            else:
                self._cluster = LocalCluster(n_workers=jobs, threads_per_worker=1, processes=True,
                                             dashboard_address=None, silence_logs=40)
                self.client = Client(self._cluster)
        except (OSError, TimeoutError) as e:
            self.close()
            raise BatchError(f"无法连接 Dask 调度器 {scheduler or '（本机）'}：{e}") from None
        self.initargs = initargs
        self.store = store
        self.audits_dir = Path(audits_dir)
        self.startup = time.perf_counter() - t0
        self.waited = 0.0  # the cluster is up before the parse starts (the local pool's start may overlap it)
        self.inputs: dict[str, bytes] = {}  # sha -> the file's bytes, as the batch read them to hash them

    def close(self) -> None:
        client, self.client = getattr(self, "client", None), None
        if client is not None:
            client.close()
        cluster, self._cluster = self._cluster, None
        if cluster is not None:
            cluster.close()

    def map(self, fn: Callable[[list], list], items: Sequence, chunksize: int, on_result: Callable[[Any], None],
            on_crash: Callable[[Any, str], None]) -> None:
        from distributed import as_completed

        if not items:
            return
        if fn is wk.parse_chunk:
            kind = "parse"
        elif fn is wk.audit_chunk:
            kind = "audit"
        else:  # pragma: no cover - the batch has two passes
            raise ValueError(f"no Dask task for {fn!r}")
        workers = max(1, len(self.client.scheduler_info().get("workers", {})))
        chunks = chunked(items, chunksize, workers)
        window = 4 * workers  # chunks in flight: flat memory
        futures: dict = {}
        pending = iter(chunks)

        def submit_next() -> Any:
            while (chunk := next(pending, None)) is not None:
                work = self._prepare(kind, chunk, on_result)
                if work:  # (a chunk whose files all failed the input checks has nothing to send)
                    fut = self.client.submit(_run_chunk, kind, work, self.initargs, pure=False)
                    futures[fut] = chunk
                    return fut
            return None

        started = [f for f in (submit_next() for _ in range(window)) if f is not None]
        done = as_completed(started)
        for fut in done:
            nxt = submit_next()
            if nxt is not None:
                done.add(nxt)
            chunk = futures.pop(fut)
            try:
                results = fut.result()
            except Exception as exc:  # noqa: BLE001 - KilledWorker after the retries, or a lost result
                reason = CRASH_REASON if type(exc).__name__ == "KilledWorker" else wk.failure_reason(exc)
                for it in chunk:
                    on_crash(it, reason)
                continue
            for r in results:
                files = r.pop("files", None)
                if files:
                    wk.write_files(self.audits_dir, files)
                on_result(r)

    def _prepare(self, kind: str, chunk: list, on_result: Callable[[Any], None]) -> list:
        if kind == "parse":  # the file's bytes travel with the task, read with the local engine's input checks
            out = []
            for sha, path in chunk:
                try:  # (the bytes the batch hashed; read again only past the memory budget of that)
                    data = self.inputs.pop(sha, None)
                    if data is None:
                        data = read_file_bounded(path, getattr(self.initargs[1], "limits", None))
                except InputError as exc:  # gone, replaced by a FIFO or grown past the limit since it was hashed
                    on_result({"sha": sha, "name": Path(path).name, "status": "failed", "reason": exc.cause})
                    continue
                out.append((sha, path, data))
            return out
        from nianbao.batch.store import load_report_blob

        con = self.store.con
        return [{**it, "blob": load_report_blob(con, it["sha"]), "return_files": True,
                 "previous_blob": load_report_blob(con, it["previous"]) if it.get("previous") else None}
                for it in chunk]

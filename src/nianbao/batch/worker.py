"""What runs in each worker process: parse one file, audit one parsed report.

Both functions take a chunk of items and return one result per item; every exception of one file is caught
and turned into a recorded failure, so a bad file never costs the others. The classifier, the rubric and the
rule data are loaded once per worker by ``init_worker`` (also called in-process when ``jobs == 1``).
"""

from __future__ import annotations

import os
import pickle
import signal
import sqlite3
import threading
import time
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from nianbao.audit import audit_report, load_report
from nianbao.batch import copying as cp
from nianbao.batch.store import connect, load_report_blob
from nianbao.crossyear import audit_key_numbers
from nianbao.datacache import write_atomic
from nianbao.errors import InputError
from nianbao.ingest import read_bytes, sniff_format
from nianbao.ingest.limits import read_file_bounded
from nianbao.limits import Limits
from nianbao.limits import configure as configure_limits
from nianbao.render import render
from nianbao.structure import parse_report
from nianbao.vocab import CATEGORIES, severity_rank

_STATE: dict[str, Any] = {}
DEFAULT_TIMEOUT = Limits().file_seconds  # seconds per file and stage (parse, audit): nianbao.limits
DEFAULT_MAX_MEMORY_MB = int(Limits().file_memory_mb)  # address space a worker may add while handling one file


class FileTimeout(Exception):
    """A file's parse or audit ran past the per-file time limit."""


def _set_memory_cap(mb: int) -> None:
    """Cap this worker's address space at what it holds now plus ``mb`` MiB: an allocation past it raises
    MemoryError in the file that asked for it (recorded as failed), and the worker lives on."""
    try:
        import resource

        with open("/proc/self/statm") as f:
            vsz = int(f.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
        cap = vsz + mb * 2**20
        _, hard = resource.getrlimit(resource.RLIMIT_AS)
        if hard != resource.RLIM_INFINITY:
            cap = min(cap, hard)
        resource.setrlimit(resource.RLIMIT_AS, (cap, hard))
    except (ImportError, OSError, ValueError):  # pragma: no cover - not Linux: no cap
        pass


def init_worker(rubric: str | None, config: Any, db_path: str, audits_dir: str,
                limits: tuple[float, int] = (0.0, 0), in_process: bool = False) -> None:
    """Load everything a worker needs once: rubric, config, classifier, rule and template data."""
    from nianbao.audit import _classifier
    from nianbao.rules.registry import all_rules
    from nianbao.scoring import load_rubric

    if not in_process:
        from nianbao.batch.pool import die_with_parent

        die_with_parent()
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent decides how to stop
    configure_limits(getattr(config, "limits", None))  # input limits of nianbao.limits in this worker
    _STATE.clear()
    _STATE.update(rubric=load_rubric(rubric), config=config, db_path=db_path, audits_dir=Path(audits_dir),
                  con=None, timeout=float(limits[0] or 0), max_memory_mb=int(limits[1] or 0))
    try:  # a cache hit when the worker was forked from the preloaded forkserver
        _classifier(getattr(config, "backend", "sklearn"))
    except Exception:  # noqa: BLE001 - the audit records "classifier unavailable" itself
        pass
    all_rules()
    cp.load_templates()
    if not in_process and _STATE["max_memory_mb"]:
        _set_memory_cap(_STATE["max_memory_mb"])


@contextmanager
def time_limit() -> Iterator[None]:
    """Raise FileTimeout in this (main) thread when the per-file time limit passes."""
    seconds = _STATE.get("timeout") or 0
    if not seconds or threading.current_thread() is not threading.main_thread() or not hasattr(signal, "SIGALRM"):
        yield
        return

    def expire(signum, frame):
        raise FileTimeout

    old = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)


def ping() -> int:
    return os.getpid()


def failure_reason(exc: BaseException, stage: str = "解析") -> str:
    if isinstance(exc, InputError):
        return exc.cause  # without the file name: files with the same content share this reason
    if isinstance(exc, FileTimeout):
        return f"{stage}超时：处理时间超过每个文件 {_STATE.get('timeout', 0):g} 秒的上限（--timeout），已跳过该文件"
    if isinstance(exc, MemoryError):
        cap = _STATE.get("max_memory_mb") or 0
        limit = f"每个文件 {cap} MB 的上限（--max-memory）" if cap else "可用内存"
        return f"{stage}出错：内存占用超过{limit}，已跳过该文件"
    msg = str(exc).strip().splitlines()[0][:120] if str(exc).strip() else ""
    return f"{stage}出错：{type(exc).__name__}" + (f"（{msg}）" if msg else "")


# --------------------------------------------------------------------------- parse stage


def parse_one(sha: str, path: str, data: bytes | None = None) -> dict[str, Any]:
    """Parse one file; ``data``: its bytes, already read (by a process that can see ``path``), for workers
    that cannot (Dask): read with the same checks, and messages and the report name ``path``."""
    t0 = time.perf_counter()
    name = Path(path).name
    base = {"sha": sha, "name": name}
    try:
        with time_limit():
            report = load_report(Path(path)) if data is None else parse_report(read_bytes(data, path))
            sentences, sigs = cp.extract(report)
            blob = zlib.compress(pickle.dumps(report, protocol=pickle.HIGHEST_PROTOCOL), 1)
    except Exception as exc:  # noqa: BLE001 - one bad file must never stop the batch
        return {**base, "status": "failed", "reason": failure_reason(exc), "format": format_of(path, data),
                "seconds": time.perf_counter() - t0}
    m = report.meta
    return {**base, "status": "parsed", "format": report.raw.format, "agency": m.agency, "level": m.level,
            "year": m.year, "chars": len(report.text), "blob": blob, "sentences": sentences, "sigs": sigs,
            "seconds": time.perf_counter() - t0}


def parse_chunk(items: list[tuple[str, str]]) -> list[dict[str, Any]]:
    return [parse_one(sha, path) for sha, path in items]


def parse_bytes_chunk(items: list[tuple[str, str, bytes]]) -> list[dict[str, Any]]:
    """parse_chunk for workers that cannot see the input files (Dask): each item carries the file's path
    and bytes."""
    return [parse_one(sha, path, data) for sha, path, data in items]


def ensure_init(initargs: tuple) -> None:
    """Initialise this process once for a batch (Dask workers: the first task of each batch does it)."""
    if _STATE.get("initargs") != initargs:
        init_worker(*initargs, in_process=True)
        _STATE["initargs"] = initargs


def format_of(path: str, data: bytes | None = None) -> str | None:
    """A failed file's format, sniffed from its content as the reader does (a PDF named .txt is a PDF);
    ``data``: its bytes when at hand, else read with the input checks. None: they cannot be read."""
    if data is None:
        try:
            data = read_file_bounded(path)
        except InputError:
            return None
    return sniff_format(data, str(path))


# --------------------------------------------------------------------------- audit stage


def _con() -> sqlite3.Connection:
    con = _STATE.get("con")
    if con is None:
        con = _STATE["con"] = connect(Path(_STATE["db_path"]), readonly=True)
    return con


def audit_one(item: dict[str, Any]) -> dict[str, Any]:
    """item: sha, key, html (file name), paths, copying (dict or None), previous (the sha of the same body's
    previous report, or None); on engines without the batch folder (Dask) also blob and previous_blob (the
    parsed reports) and return_files (the pages come back in the result's "files")."""
    t0 = time.perf_counter()
    base = {"sha": item["sha"], "key": item["key"]}
    try:
        with time_limit():
            blob = item["blob"] if "blob" in item else load_report_blob(_con(), item["sha"])
            if blob is None:
                raise LookupError("解析结果不在数据库中")
            report = pickle.loads(zlib.decompress(blob))
            report.raw.source = item["paths"][0]
            audit = audit_report(report, rubric=_STATE["rubric"], config=_STATE["config"],
                                 copying=item.get("copying"), previous=_previous_report(item))
            d = audit.to_dict()
            html = render(d, "html")  # the dict is built once and serves the row and the page
        files: dict[str, bytes] = {item["html"]: html.encode("utf-8")}
        if item.get("annotate"):
            files[str(Path(item["html"]).with_suffix(".docx"))] = _annotated(report, d, Path(item["paths"][0]))
        if not item.get("return_files"):
            write_files(_STATE["audits_dir"], files)
        row = summarise(d)
    except Exception as exc:  # noqa: BLE001
        return {**base, "status": "failed", "reason": failure_reason(exc, "审查"), "seconds": time.perf_counter() - t0}
    out = {**base, "status": "audited", "score": d["score"], "grade": d["grade"], "row": row,
           "seconds": time.perf_counter() - t0}
    if item.get("return_files"):
        out["files"] = files
    return out


def _previous_report(item: dict[str, Any]) -> Any:
    """The parsed previous-year report the runner matched to this one (None when there is none)."""
    sha = item.get("previous")
    blob = item.get("previous_blob") if "previous_blob" in item else (load_report_blob(_con(), sha) if sha else None)
    if blob is None:
        return None
    report = pickle.loads(zlib.decompress(blob))
    if item.get("previous_source"):  # where it is now (the blob keeps the path it was first parsed under)
        report.raw.source = item["previous_source"]
    return report


def write_files(folder: Path, files: dict[str, bytes]) -> None:
    """Write each page atomically (a reader never sees half a file), readable like any file the user writes."""
    for name, data in files.items():
        write_atomic(Path(folder) / name, data, mode=0o666)


def _annotated(report: Any, d: dict[str, Any], source: Path) -> bytes:
    """--annotate: the commented DOCX next to the audit page (the author's own file when it is a DOCX)."""
    from nianbao.render.docx import annotated_docx

    return annotated_docx(report, d["findings"], source.read_bytes() if report.raw.format == "docx" else None)


def audit_chunk(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [audit_one(it) for it in items]


def _short(s: str, n: int = 40) -> str:
    s = " ".join(s.split())
    return s if len(s) <= n else s[: n - 1] + "…"


def summarise(d: dict[str, Any]) -> dict[str, Any]:
    """The small per-report row the ranking, the charts and the summary need (not the whole audit)."""
    points: dict[int, float] = {}
    for p in d["parts"]:
        for ded in p["deductions"]:
            points[ded["finding"]] = points.get(ded["finding"], 0.0) + float(ded["points"])
    for ded in d["document_deductions"]:
        points[ded["finding"]] = points.get(ded["finding"], 0.0) + float(ded["points"])
    order = sorted(range(len(d["findings"])),
                   key=lambda i: (severity_rank(d["findings"][i]["severity"]), -points.get(i, 0.0), i))
    top = [{"rule": d["findings"][i]["rule"], "severity": d["findings"][i]["severity"],
            "message": _short(d["findings"][i]["message"])} for i in order[:3]]
    rules: dict[str, str] = {}
    for f in d["findings"]:
        rules.setdefault(f["rule"], f.get("title") or "")
    rep = d["report"]
    cpd = d.get("copying") or {}
    return {
        "title": rep["title"], "agency": rep["agency"], "level": rep["level"], "year": rep["year"],
        "format": d["source"]["format"], "format_version": rep["format_version"],
        "score": d["score"], "grade": d["grade"], "rubric": d["rubric"],
        "parts": {p["id"]: {"score": p["score"], "max": p["max"], "present": p["present"], "title": p["title"]}
                  for p in d["parts"]},
        "counts": {"error": d["counts"]["error"], "warning": d["counts"]["warning"], "info": d["counts"]["info"],
                   "by_category": {c: d["counts"]["by_category"].get(c, 0) for c in CATEGORIES}},
        "findings": len(d["findings"]), "top": top, "rules": rules,
        "other_units_share": cpd.get("other_units_share"), "previous_year_share": cpd.get("previous_year_share"),
        "key_numbers": audit_key_numbers(d),  # the per-body history in summary.html
        # what could not be read reliably (not charged), in a clerk's words; "" when reading was sure
        # a check that could not run (classifier missing or broken) comes first: the score is incomplete
        "reading": "；".join([*(f"审查不完整：{w}" for w in d.get("incomplete") or []),
                             *((d.get("reading") or {}).get("summary") or [] if (d.get("reading") or {}).get("low")
                               else [])]),
    }

"""The Starlette application behind `nianbao serve`.

Routes
  GET  /                      the upload page
  POST /api/audit?batch=ID    one file (multipart field ``file``) -> a short JSON row for the page
  GET  /r/{id}/audit.html     the HTML audit of an uploaded file
  GET  /r/{id}/audit.json     its JSON audit (download)
  GET  /r/{id}/annotated.docx the author's document with the findings as Word comments (download)
  GET  /batch/{ID}            the batch summary page of the files uploaded together
  POST /audit[?format=json|docx]  for scripts: multipart ``file`` -> the HTML audit (or JSON / DOCX)

Results are kept in memory (the newest ``MAX_RESULTS``) and vanish when the server stops.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import re
import secrets
import threading
from collections import OrderedDict
from dataclasses import dataclass, field
from pathlib import PurePath
from types import SimpleNamespace
from typing import Any
from urllib.parse import quote

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import Route

from nianbao.errors import InputError
from nianbao.limits import Limits, limit_message
from nianbao.serve.limits import AUDITS_AT_ONCE, MAX_FILES, MAX_RESULTS
from nianbao.serve.page import page_html

_ID = re.compile(r"^[A-Za-z0-9_-]{6,40}$")
CSP = ("default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:; "
       "connect-src 'self'; form-action 'self'; base-uri 'none'")


class UploadError(Exception):
    """A refused upload; the message is one Chinese sentence, status the HTTP status."""

    def __init__(self, message: str, status: int = 400) -> None:
        super().__init__(message)
        self.status = status


@dataclass
class Result:
    id: str
    name: str
    audit: dict[str, Any]
    html: str
    docx: bytes
    batch: str | None = None


@dataclass
class Store:
    results: OrderedDict[str, Result] = field(default_factory=OrderedDict)
    batches: dict[str, list[str]] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, r: Result) -> None:
        with self.lock:
            self.results[r.id] = r
            if r.batch:
                ids = self.batches.setdefault(r.batch, [])
                if len(ids) >= MAX_FILES:
                    raise UploadError(f"一批最多审查 {MAX_FILES} 个文件，请分批上传。", 413)
                ids.append(r.id)
            while len(self.results) > MAX_RESULTS:
                self.results.popitem(last=False)

    def get(self, rid: str) -> Result | None:
        with self.lock:
            return self.results.get(rid)

    def batch(self, bid: str) -> list[Result]:
        with self.lock:
            return [self.results[i] for i in self.batches.get(bid, []) if i in self.results]


def audit_bytes(data: bytes, name: str, batch: str | None = None) -> Result:
    """Read, audit and render one uploaded file (runs in a worker thread)."""
    from nianbao.audit import audit_report
    from nianbao.config import load_config
    from nianbao.ingest import read_bytes
    from nianbao.render import render
    from nianbao.render.docx import annotated_docx
    from nianbao.structure import parse_report

    report = parse_report(read_bytes(data, name))
    result = audit_report(report, config=load_config(None))
    d = result.to_dict()
    d["source"]["path"] = name
    docx = annotated_docx(report, d["findings"], data if report.raw.format == "docx" else None)
    return Result(secrets.token_urlsafe(9), name, d, render(d, "html"), docx, batch)


def row(r: Result) -> dict[str, Any]:
    """What the page shows for one file."""
    from nianbao.batch.worker import summarise
    from nianbao.render.common import grade_color

    s = summarise(r.audit)
    base = f"/r/{r.id}"
    return {"id": r.id, "name": r.name, "score": s["score"], "grade": s["grade"],
            "grade_color": grade_color(r.audit, s["grade"]), "agency": s["agency"],
            "year": s["year"], "findings": s["findings"], "counts": s["counts"], "top": s["top"],
            "links": {"html": f"{base}/audit.html", "json": f"{base}/audit.json", "docx": f"{base}/annotated.docx"}}


def _safe_name(name: str | None) -> str:
    base = PurePath((name or "").replace("\\", "/")).name.strip()
    base = "".join(ch for ch in base if ch.isprintable())[:120]
    return base or "上传文件"


async def _upload(request: Request, limits: Limits) -> tuple[bytes, str]:
    length = request.headers.get("content-length")
    if length and length.isdigit() and int(length) > limits.input_bytes + 64 * 1024:
        raise UploadError(f"上传的文件{limit_message('input_mb', limits)}。", 413)
    try:
        form = await request.form(max_files=1, max_fields=8)
    except Exception:  # malformed multipart, too many parts
        raise UploadError("上传格式不正确：请用表单字段 file 上传一个文件。") from None
    try:
        up = form.get("file")
        if up is None or isinstance(up, str):
            raise UploadError("没有收到文件：请用表单字段 file 上传一个文件。")
        name = _safe_name(up.filename)
        data = await up.read(limits.input_bytes + 1)
        if len(data) > limits.input_bytes:
            raise UploadError(f"{name}：{limit_message('input_mb', limits)}。", 413)
        if not data:
            raise UploadError(f"{name}：文件为空，没有可审查的内容。")
        return data, name
    finally:
        await form.close()  # removes the parser's spill-over temporary file, if any


def _child(send, data: bytes, name: str, batch: str | None, limits: Limits) -> None:
    """One audit in a forked process: capped in memory, killed by the parent when over time."""
    from nianbao.batch.worker import _set_memory_cap
    from nianbao.limits import configure

    configure(limits)
    if limits.file_memory_mb:
        _set_memory_cap(int(limits.file_memory_mb))
    try:
        send.send(("ok", audit_bytes(data, name, batch)))
    except InputError as e:
        send.send(("input", str(e)))
    except MemoryError:
        send.send(("limit", f"{name}：{limit_message('file_memory_mb', limits)}，已停止审查。"))
    except Exception as e:  # never a traceback to the user
        send.send(("error", f"{name}：审查失败（内部错误 {type(e).__name__}），请把文件反馈给维护者。"))
    finally:
        send.close()


def audit_isolated(data: bytes, name: str, batch: str | None, limits: Limits) -> Result:
    """audit_bytes in a forked child (POSIX) within the per-file time and memory limits of nianbao.limits;
    in this thread where there is no fork (Windows)."""
    if not hasattr(os, "fork"):
        try:
            return audit_bytes(data, name, batch)
        except InputError as e:
            raise UploadError(str(e), 422) from None
        except Exception as e:  # noqa: BLE001
            raise UploadError(f"{name}：审查失败（内部错误 {type(e).__name__}），请把文件反馈给维护者。", 500) from None
    ctx = multiprocessing.get_context("fork")
    recv, send = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=_child, args=(send, data, name, batch, limits), daemon=True)
    proc.start()
    send.close()
    try:
        if not recv.poll(limits.file_seconds or None):
            raise UploadError(f"{name}：{limit_message('file_seconds', limits)}，已停止审查。", 422)
        try:
            kind, payload = recv.recv()
        except (EOFError, OSError):  # the child died (killed for memory, crashed)
            raise UploadError(f"{name}：审查进程意外退出（可能{limit_message('file_memory_mb', limits)}）。", 422) from None
    finally:
        if proc.is_alive():
            proc.kill()
        proc.join(5)
        recv.close()
    if kind == "ok":
        return payload
    raise UploadError(payload, 500 if kind == "error" else 422)


def _headers(extra: dict[str, str] | None = None) -> dict[str, str]:
    h = {"Content-Security-Policy": CSP, "X-Content-Type-Options": "nosniff", "Referrer-Policy": "no-referrer",
         "Cache-Control": "no-store"}
    h.update(extra or {})
    return h


def _attachment(filename: str) -> dict[str, str]:
    ascii_name = re.sub(r"[^A-Za-z0-9._-]", "_", filename)
    return {"Content-Disposition": f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(filename)}"}


def _stem(name: str) -> str:
    return PurePath(name).stem or "报告"


DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def create_app(limits: Limits | None = None) -> Starlette:
    """The application; ``limits`` default to the ``[limits]`` of the configuration in the current folder."""
    if limits is None:
        from nianbao.config import load_config

        limits = load_config(None).limits
    _preload()
    store = Store()
    at_once = threading.BoundedSemaphore(AUDITS_AT_ONCE)

    def run_audit(data: bytes, name: str, batch: str | None, lim: Limits) -> Result:
        with at_once:
            return audit_isolated(data, name, batch, lim)

    async def _audit(request: Request, data: bytes, name: str, batch: str | None) -> Result:
        return await run_in_threadpool(run_audit, data, name, batch, request.app.state.limits)

    async def page(request: Request) -> Response:
        return HTMLResponse(page_html(request.app.state.limits.input_mb), headers=_headers())

    async def api_audit(request: Request) -> Response:
        batch = request.query_params.get("batch")
        if batch is not None and not _ID.match(batch):
            return JSONResponse({"error": "批次编号不正确。"}, status_code=400, headers=_headers())
        try:
            data, name = await _upload(request, request.app.state.limits)
            r = await _audit(request, data, name, batch)
            store.add(r)
        except UploadError as e:
            return JSONResponse({"error": str(e)}, status_code=e.status, headers=_headers())
        return JSONResponse(row(r), headers=_headers())

    async def audit(request: Request) -> Response:
        fmt = request.query_params.get("format", "html")
        if fmt not in ("html", "json", "docx"):
            return Response("不支持的格式：format 只能是 html、json 或 docx。\n", status_code=400,
                            media_type="text/plain; charset=utf-8")
        try:
            data, name = await _upload(request, request.app.state.limits)
            r = await _audit(request, data, name, None)
        except UploadError as e:
            if fmt == "json":
                return JSONResponse({"error": str(e)}, status_code=e.status)
            return Response(str(e) + "\n", status_code=e.status, media_type="text/plain; charset=utf-8")
        if fmt == "json":
            return JSONResponse(r.audit)
        if fmt == "docx":
            return Response(r.docx, media_type=DOCX_TYPE, headers=_attachment(f"{_stem(r.name)}.审查.docx"))
        return HTMLResponse(r.html, headers=_headers())

    def _result(request: Request) -> Result | None:
        return store.get(request.path_params["rid"])

    async def result_html(request: Request) -> Response:
        r = _result(request)
        if r is None:
            return _gone()
        return HTMLResponse(r.html, headers=_headers())

    async def result_json(request: Request) -> Response:
        r = _result(request)
        if r is None:
            return _gone()
        body = json.dumps(r.audit, ensure_ascii=False, indent=2).encode("utf-8")
        return Response(body, media_type="application/json",
                        headers=_headers(_attachment(f"{_stem(r.name)}.审查.json")))

    async def result_docx(request: Request) -> Response:
        r = _result(request)
        if r is None:
            return _gone()
        return Response(r.docx, media_type=DOCX_TYPE, headers=_headers(_attachment(f"{_stem(r.name)}.审查.docx")))

    async def batch_page(request: Request) -> Response:
        results = store.batch(request.path_params["bid"])
        if not results:
            return _gone()
        return HTMLResponse(summary_page(results), headers=_headers())

    routes = [
        Route("/", page),
        Route("/api/audit", api_audit, methods=["POST"]),
        Route("/audit", audit, methods=["POST"]),
        Route("/r/{rid}/audit.html", result_html),
        Route("/r/{rid}/audit.json", result_json),
        Route("/r/{rid}/annotated.docx", result_docx),
        Route("/batch/{bid}", batch_page),
    ]
    app = Starlette(routes=routes)
    app.state.store = store
    app.state.limits = limits
    return app


def _preload() -> None:
    """Import the whole audit path and load the paragraph model once, before any audit is forked:
    children start warm and never take the import lock another thread might hold."""
    from nianbao.audit import _classifier, audit_report  # noqa: F401
    from nianbao.config import load_config
    from nianbao.ingest import docx, html, pdf, text  # noqa: F401
    from nianbao.render import render  # noqa: F401
    from nianbao.render.docx import annotated_docx  # noqa: F401
    from nianbao.rules.registry import all_rules
    from nianbao.structure import parse_report  # noqa: F401

    all_rules()
    try:
        _classifier(getattr(load_config(None), "backend", "sklearn"))
    except Exception:  # noqa: BLE001 - the audit notes "classifier unavailable" itself
        pass


def _gone() -> Response:
    return HTMLResponse("<!DOCTYPE html><meta charset=utf-8><title>未找到</title>"
                        "<p>未找到该审查结果（服务重启后结果不再保留），请回到<a href='/'>首页</a>重新上传。</p>",
                        status_code=404, headers=_headers())


def summary_page(results: list[Result]) -> str:
    """The batch summary page (the same page `nianbao batch` writes) for the files of one upload."""
    from nianbao.batch.summary import render_summary
    from nianbao.batch.worker import summarise

    rows = []
    for r in results:
        s = summarise(r.audit)
        s.update(html=f"/r/{r.id}/audit.html", paths=[r.name])
        rows.append(s)
    rows.sort(key=lambda s: -float(s["score"]))
    for i, s in enumerate(rows, 1):
        s["rank"] = i
    meta = {"files": len(results), "previous_files": 0, "rubric": results[0].audit.get("rubric") or {}}
    html = render_summary(SimpleNamespace(rows=rows, failures=[], meta=meta))
    # the files named in the batch command's footer are not made by the web page
    return re.sub(r"<p class=\"note\">排名表：.*?</p>", "", html)

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
from nianbao.serve.limits import MAX_FILE_BYTES, MAX_FILE_MB, MAX_FILES, MAX_RESULTS
from nianbao.serve.page import PAGE

_AT_ONCE = threading.BoundedSemaphore(2)  # audits running together (memory stays bounded on a busy server)
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
    from nianbao.config import load_config
    from nianbao.ingest import read_bytes
    from nianbao.pipeline import audit_report
    from nianbao.render import render
    from nianbao.render.docx import annotated_docx
    from nianbao.structure import parse_report

    with _AT_ONCE:
        report = parse_report(read_bytes(data, name))
        result = audit_report(report, config=load_config(None))
    d = result.to_dict()
    d["source"]["path"] = name
    docx = annotated_docx(report, d["findings"], data if report.raw.format == "docx" else None)
    return Result(secrets.token_urlsafe(9), name, d, render(d, "html"), docx, batch)


def row(r: Result) -> dict[str, Any]:
    """What the page shows for one file."""
    from nianbao.batch.worker import summarise

    s = summarise(r.audit)
    base = f"/r/{r.id}"
    return {"id": r.id, "name": r.name, "score": s["score"], "grade": s["grade"], "agency": s["agency"],
            "year": s["year"], "findings": s["findings"], "counts": s["counts"], "top": s["top"],
            "links": {"html": f"{base}/audit.html", "json": f"{base}/audit.json", "docx": f"{base}/annotated.docx"}}


def _safe_name(name: str | None) -> str:
    base = PurePath((name or "").replace("\\", "/")).name.strip()
    base = "".join(ch for ch in base if ch.isprintable())[:120]
    return base or "上传文件"


async def _upload(request: Request) -> tuple[bytes, str]:
    length = request.headers.get("content-length")
    if length and length.isdigit() and int(length) > MAX_FILE_BYTES + 64 * 1024:
        raise UploadError(f"文件太大：单个文件不能超过 {MAX_FILE_MB} MB。", 413)
    try:
        form = await request.form(max_files=1, max_fields=8)
    except Exception:  # malformed multipart, too many parts
        raise UploadError("上传格式不正确：请用表单字段 file 上传一个文件。") from None
    try:
        up = form.get("file")
        if up is None or isinstance(up, str):
            raise UploadError("没有收到文件：请用表单字段 file 上传一个文件。")
        name = _safe_name(up.filename)
        data = await up.read(MAX_FILE_BYTES + 1)
        if len(data) > MAX_FILE_BYTES:
            raise UploadError(f"{name}：文件太大，单个文件不能超过 {MAX_FILE_MB} MB。", 413)
        if not data:
            raise UploadError(f"{name}：文件为空，没有可审查的内容。")
        return data, name
    finally:
        await form.close()  # removes the parser's spill-over temporary file, if any


async def _audit(data: bytes, name: str, batch: str | None) -> Result:
    try:
        return await run_in_threadpool(audit_bytes, data, name, batch)
    except InputError as e:
        raise UploadError(str(e), 422) from None
    except Exception as e:  # never a traceback to the user
        raise UploadError(f"{name}：审查失败（内部错误 {type(e).__name__}），请把文件反馈给维护者。", 500) from None


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


def create_app() -> Starlette:
    store = Store()

    async def page(request: Request) -> Response:
        return HTMLResponse(PAGE, headers=_headers())

    async def api_audit(request: Request) -> Response:
        batch = request.query_params.get("batch")
        if batch is not None and not _ID.match(batch):
            return JSONResponse({"error": "批次编号不正确。"}, status_code=400, headers=_headers())
        try:
            data, name = await _upload(request)
            r = await _audit(data, name, batch)
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
            data, name = await _upload(request)
            r = await _audit(data, name, None)
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
    return app


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

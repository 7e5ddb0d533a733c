"""`nianbao serve`: a real uvicorn server on 127.0.0.1, driven by scripts (urllib) and by the system's
headless Chromium through Playwright (never `playwright install`): upload two reports, wait for the
progress to finish, check the grade and a finding on the page, download the annotated DOCX."""

from __future__ import annotations

import importlib.util
import json
import re
import socket
import threading
import time
import urllib.error
import urllib.request
import uuid
from dataclasses import replace
from pathlib import Path

import pytest

from nianbao.render.docx import comment_anchors
from nianbao.render.pdf import CHROMIUM_FLAGS, find_browser
from tests.conftest import FIXTURES, require_tool

HAVE_SERVE = all(importlib.util.find_spec(m) for m in ("starlette", "uvicorn", "multipart"))
HAVE_PLAYWRIGHT = importlib.util.find_spec("playwright") is not None

FORMATS = FIXTURES / "formats"
YUNLING = FORMATS / "yunling_town_2023.docx"
TOWNSHIP = FORMATS / "township_2017.pdf"


@pytest.fixture(scope="module")
def expected() -> dict:
    """What the engine itself says about the uploaded report: the page must show exactly this."""
    from nianbao.audit import audit

    return audit(YUNLING).to_dict()


@pytest.fixture(scope="module")
def server():
    require_tool(HAVE_SERVE, "the serve extra (starlette, uvicorn, python-multipart)")
    import uvicorn

    from nianbao.serve import create_app

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    app = create_app()
    srv = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    th = threading.Thread(target=srv.run, daemon=True)
    th.start()
    for _ in range(200):
        if srv.started:
            break
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}", app
    srv.should_exit = True
    th.join(10)


def _post(url: str, name: str, data: bytes) -> tuple[int, dict[str, str], bytes]:
    boundary = uuid.uuid4().hex
    body = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{name}\"\r\n"
            "Content-Type: application/octet-stream\r\n\r\n").encode() + data + f"\r\n--{boundary}--\r\n".encode()
    req = urllib.request.Request(url, data=body, method="POST",
                                 headers={"Content-Type": f"multipart/form-data; boundary={boundary}"})
    try:
        with urllib.request.urlopen(req, timeout=120) as r:
            return r.status, dict(r.headers), r.read()
    except urllib.error.HTTPError as e:
        return e.code, dict(e.headers), e.read()


def test_post_audit_for_scripts(server, expected):
    base, _ = server
    status, headers, body = _post(f"{base}/audit?format=json", "云岭镇.docx", YUNLING.read_bytes())
    assert status == 200
    d = json.loads(body)
    assert d["grade"] == "合格" and len(d["findings"]) > 20
    assert (d["score"], d["grade"], d["findings"]) == (expected["score"], expected["grade"], expected["findings"])
    assert d["source"]["path"] == "云岭镇.docx"
    status, headers, body = _post(f"{base}/audit", "云岭镇.docx", YUNLING.read_bytes())
    assert status == 200 and headers["content-type"].startswith("text/html")
    assert f"{expected['score']:.1f}" in body.decode("utf-8") and "落实落实" in body.decode("utf-8")
    status, headers, body = _post(f"{base}/audit?format=docx", "云岭镇.docx", YUNLING.read_bytes())
    assert status == 200 and len(comment_anchors(body)) == len(expected["findings"])
    assert "filename*=UTF-8''%E4%BA%91" in headers["content-disposition"]


def test_clear_chinese_refusals(server, monkeypatch):
    base, _ = server
    status, _, body = _post(f"{base}/audit", "空.txt", b"")
    assert (status, body.decode()) == (400, "空.txt：文件为空，没有可审查的内容。\n")
    status, _, body = _post(f"{base}/audit?format=json", "照片.png", b"\x89PNG\r\n\x1a\n" + b"0" * 100)
    # an image is read by OCR (the ocr extra); one that cannot be decoded is refused as damaged
    assert status == 422 and json.loads(body)["error"] == "照片.png：文件已损坏或格式不正确，无法解析（图片无法解码）。"
    app = server[1]
    limits = app.state.limits
    try:
        app.state.limits = replace(limits, input_mb=0.001)  # 1,048 bytes
        status, _, body = _post(f"{base}/audit", "大.txt", "年度报告".encode() * 200)
        assert (status, body.decode()) == (413, "大.txt：文件大小超过上限（0.001 MB；可在配置的 [limits] input_mb 中调整）。\n")
    finally:
        app.state.limits = limits
    with urllib.request.urlopen(f"{base}/", timeout=30) as r:
        page = r.read().decode()
    from nianbao.serve import limits

    assert f"最多 {limits.MAX_FILES} 个" in page and "http://" not in page.replace("http://127.0.0.1", "")
    try:
        urllib.request.urlopen(f"{base}/r/nosuchresult/audit.html", timeout=30)
        raise AssertionError("expected 404")
    except urllib.error.HTTPError as e:
        assert e.code == 404 and "未找到该审查结果" in e.read().decode()


def test_time_and_memory_limits_per_file(server, monkeypatch):
    """Each audit runs in a forked child: over file_seconds it is killed, over file_memory_mb it stops,
    with one Chinese sentence naming the limit; the server goes on serving."""
    import nianbao.serve.app as srv

    base, app = server
    limits = app.state.limits

    def slow(data, name, batch=None):
        time.sleep(30)

    def greedy(data, name, batch=None):
        return bytearray(4 * 1024**3)

    try:
        app.state.limits = replace(limits, file_seconds=1)
        monkeypatch.setattr(srv, "audit_bytes", slow)
        t0 = time.monotonic()
        status, _, body = _post(f"{base}/audit", "慢.txt", "年度报告".encode())
        assert (status, body.decode()) == (422, "慢.txt：单个文件的处理时间超过上限（1 秒；可在配置的 [limits] "
                                                "file_seconds 中调整），已停止审查。\n")
        assert time.monotonic() - t0 < 20
        app.state.limits = replace(limits, file_memory_mb=200)
        monkeypatch.setattr(srv, "audit_bytes", greedy)
        status, _, body = _post(f"{base}/audit", "大内存.txt", "年度报告".encode())
        assert status == 422 and "单个文件的内存用量超过上限（200 MB" in body.decode()
    finally:
        app.state.limits = limits
        monkeypatch.undo()
    status, _, _ = _post(f"{base}/audit?format=json", "云岭镇.docx", YUNLING.read_bytes())
    assert status == 200


def test_browser_upload_progress_grade_finding_and_download(server, expected, tmp_path):
    browser_path = find_browser()
    require_tool(browser_path is not None, "chromium")
    require_tool(HAVE_PLAYWRIGHT, "playwright (Python package, dev extra)")
    from playwright import sync_api as playwright

    base, app = server
    with playwright.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=browser_path, args=list(CHROMIUM_FLAGS))
        try:
            ctx = browser.new_context(accept_downloads=True, locale="zh-CN")
            page = ctx.new_page()
            page.goto(base + "/")
            assert "政府信息公开工作年度报告审查" in page.title()
            page.set_input_files("#files", [str(YUNLING), str(TOWNSHIP)])
            page.wait_for_selector("#status.done", timeout=120_000)
            assert page.inner_text("#status") == "完成：共 2 个文件，成功审查 2 个。"
            assert page.get_attribute("#bar", "value") == "2"
            rows = page.locator("#results tbody tr.ok")
            assert rows.count() == 2
            first = rows.nth(0)
            assert first.locator("td.grade").inner_text() == "合格"
            assert first.locator("td.score").inner_text() == f"{expected['score']:.1f}"
            # the most serious finding (as the batch summary ranks them) is named with its message on the page
            from nianbao.batch.worker import summarise

            top = summarise(expected)["top"][0]
            assert top["severity"] == "error" and f"{top['rule']} {top['message']}" in first.inner_text()
            with page.expect_download() as dl:
                first.locator("a.docx").click()
            target = tmp_path / dl.value.suggested_filename
            dl.value.save_as(target)
            assert target.name == "yunling_town_2023.审查.docx"
            assert len(comment_anchors(target.read_bytes())) == len(expected["findings"])
            # the JSON download is the full audit of that file
            with page.expect_download() as dl_json:
                first.locator("a.json").click()
            audit = json.loads(Path(dl_json.value.path()).read_text(encoding="utf-8"))
            assert dl_json.value.suggested_filename == "yunling_town_2023.审查.json"
            assert (audit["score"], audit["findings"]) == (expected["score"], expected["findings"])
            # the HTML audit and the batch summary page open from the page's links
            with ctx.expect_page() as audit_page:
                first.locator("a.html").click()
            audit_page.value.wait_for_load_state()
            assert f"{expected['score']:.1f}" in audit_page.value.inner_text("body")
            with ctx.expect_page() as summary:
                page.click("#summarylink")
            summary.value.wait_for_load_state()
            text = summary.value.inner_text("body")
            assert "批量审查汇总" in text and "青溪市云岭镇人民政府" in text
        finally:
            browser.close()


def test_cli_serve_without_the_extra_says_how_to_install(monkeypatch):
    import builtins

    from typer.testing import CliRunner

    from nianbao.cli import app

    real_import = builtins.__import__

    def no_serve(name, *a, **k):
        if name == "nianbao.serve":
            raise ImportError(name)
        return real_import(name, *a, **k)

    monkeypatch.setattr(builtins, "__import__", no_serve)
    res = CliRunner().invoke(app, ["serve"])
    assert res.exit_code == 2 and "pip install 'nianbao[serve]'" in res.output


def test_pdf_format_prints_a4_or_says_why_not(tmp_path, monkeypatch):
    from typer.testing import CliRunner

    from nianbao.audit import audit
    from nianbao.cli import app

    assert "@page { size: A4;" in audit(YUNLING).render("html")  # the print CSS the browser honours
    monkeypatch.setenv("NIANBAO_BROWSER", str(tmp_path / "no-such-browser"))
    res = CliRunner().invoke(app, ["score", str(YUNLING), "--format", "pdf", "-o", str(tmp_path / "a.pdf")])
    assert res.exit_code == 2 and "没有找到 Chromium 浏览器，无法生成 PDF" in res.output
    monkeypatch.delenv("NIANBAO_BROWSER")
    require_tool(find_browser() is not None, "chromium")
    res = CliRunner().invoke(app, ["score", str(YUNLING), "--format", "pdf", "-o", str(tmp_path / "a.pdf")])
    assert res.exit_code == 0, res.output
    pdf = (tmp_path / "a.pdf").read_bytes()
    assert pdf[:5] == b"%PDF-"
    boxes = {(round(float(w)), round(float(h))) for w, h in re.findall(rb"/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]", pdf)}
    assert boxes == {(595, 842)}  # every page A4, in points

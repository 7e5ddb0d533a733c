#!/usr/bin/env python3
"""Make the README's two screenshots with the system's headless Chromium (Playwright, no download):

* docs/img/serve.png — the `nianbao serve` page after three fixture reports were dropped on it;
* docs/img/annotated-docx.png — the first commented paragraphs of the annotated copy of a fixture
  DOCX, drawn from the file's own XML (comment ranges highlighted, tracked change struck through and
  underlined, the comments in the right margin as Word and WPS show them).

Usage: python scripts/readme_screenshots.py [--out docs/img]
"""

from __future__ import annotations

import argparse
import html
import io
import socket
import sys
import threading
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
FORMATS = ROOT / "tests" / "fixtures" / "formats"


def _small_png(png: bytes, out: Path) -> None:
    from PIL import Image

    img = Image.open(io.BytesIO(png)).convert("RGB").quantize(colors=200)
    img.save(out, optimize=True)
    print(f"{out}  {out.stat().st_size // 1024} KiB")


def _server():
    import uvicorn

    from nianbao.serve import create_app

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    srv = uvicorn.Server(uvicorn.Config(create_app(), host="127.0.0.1", port=port, log_level="warning"))
    threading.Thread(target=srv.run, daemon=True).start()
    while not srv.started:
        time.sleep(0.05)
    return srv, f"http://127.0.0.1:{port}"


def preview_html(docx_bytes: bytes, max_paragraphs: int = 5) -> str:
    """The first commented body paragraphs of an annotated DOCX, with its comments beside them."""
    from lxml import etree

    from nianbao.render.docx import W, comment_anchors

    z = zipfile.ZipFile(io.BytesIO(docx_bytes))
    body = etree.fromstring(z.read("word/document.xml")).find(f"{W}body")
    notes = {cid: note for cid, (_, note) in comment_anchors(docx_bytes).items()}
    rows, open_ = [], set()
    for p in body.findall(f"{W}p"):
        parts, ids = [], []
        for el in p.iter(f"{W}commentRangeStart", f"{W}commentRangeEnd", f"{W}t", f"{W}delText"):
            if el.tag == f"{W}commentRangeStart":
                open_.add(el.get(f"{W}id"))
                ids.append(el.get(f"{W}id"))
            elif el.tag == f"{W}commentRangeEnd":
                open_.discard(el.get(f"{W}id"))
            else:
                t = html.escape(el.text or "")
                if el.tag == f"{W}delText":
                    t = f"<del>{t}</del>"
                elif any(a.tag == f"{W}ins" for a in el.iterancestors()):
                    t = f"<ins>{t}</ins>"
                parts.append(f"<mark class='d{min(len(open_), 2)}'>{t}</mark>" if open_ else t)
        text = "".join(parts)
        if not text.strip():
            continue
        style = p.find(f"{W}pPr/{W}pStyle")
        heading = style is not None and "eading" in (style.get(f"{W}val") or "") or len(text) < 40
        cards = "".join(f"<div class='c'><b>nianbao</b>{html.escape(notes[int(i)]).replace(chr(10), '<br>')}</div>"
                        for i in ids)
        if ids:
            rows.append((f"<div class='row'><div class='p{' h' if heading else ''}'>{text}</div>"
                         f"<div class='m'>{cards}</div></div>", "<del>" in text))
    # the first commented paragraphs, and the first tracked change wherever it is
    chosen = [r for r, _ in rows[:max_paragraphs]]
    change = next((r for r, has_del in rows if has_del), None)
    if change and change not in chosen:
        chosen[-1] = change
    css = """body{margin:0;background:#e9eaec;font-family:'Noto Serif CJK SC','Noto Sans CJK SC',serif;}
.page{width:1080px;margin:16px auto;background:#fff;box-shadow:0 1px 4px #0003;padding:28px 0 28px 56px;}
.row{display:flex;gap:24px;align-items:flex-start;margin:0 0 10px}.p{width:640px;font-size:15px;line-height:1.75;
text-indent:2em}.p.h{text-indent:0;font-weight:700;color:#1f3864}.m{width:330px;border-left:2px solid #d9d9d9;
padding-left:10px}.c{background:#fdf3d8;border:1px solid #e8c96b;border-radius:3px;font:12px/1.5 'Noto Sans CJK SC',
sans-serif;padding:4px 7px;margin:0 0 6px}.c b{display:block;color:#8b5e00}mark{background:#fdf0c4}mark.d2{background:#f7d774}
del{color:#d00000;text-decoration:line-through 2px}ins{color:#007a1f;text-decoration:underline 2px}"""
    return (f"<!DOCTYPE html><html lang='zh-CN'><meta charset='utf-8'><style>{css}</style>"
            f"<body><div class='page'>{''.join(chosen)}</div></body></html>")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=ROOT / "docs" / "img")
    args = ap.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    from playwright.sync_api import sync_playwright

    from nianbao.audit import audit_report, load_report
    from nianbao.render.docx import annotated_docx
    from nianbao.render.pdf import CHROMIUM_FLAGS, find_browser

    src = FORMATS / "yunling_town_2023.docx"
    rep = load_report(src)
    doc = annotated_docx(rep, audit_report(rep).to_dict()["findings"], src.read_bytes())
    srv, base = _server()
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=find_browser(), args=list(CHROMIUM_FLAGS))
        page = browser.new_page(viewport={"width": 1100, "height": 700}, locale="zh-CN")
        page.goto(base + "/")
        page.set_input_files("#files", [str(src), str(FORMATS / "township_2017.pdf"),
                                        str(FORMATS / "city_gov_2019.html")])
        page.wait_for_selector("#status.done", timeout=180_000)
        _small_png(page.screenshot(full_page=True), args.out / "serve.png")
        page.set_viewport_size({"width": 1120, "height": 600})
        page.set_content(preview_html(doc))
        _small_png(page.screenshot(full_page=True), args.out / "annotated-docx.png")
        browser.close()
    srv.should_exit = True


if __name__ == "__main__":
    main()

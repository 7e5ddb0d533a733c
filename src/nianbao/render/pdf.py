"""The HTML audit as an A4 PDF, printed by a headless Chromium from the system (never downloaded).

Looks for ``chromium``, ``chromium-browser``, ``google-chrome`` or ``$NIANBAO_BROWSER``. The page is
written to a temporary folder, printed with ``--print-to-pdf`` using the page's own print CSS, and
the folder (with the browser's fresh profile) is removed afterwards. No network is used.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
# flags that keep a headless browser local, quiet and reproducible
CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
)
NO_BROWSER = ("没有找到 Chromium 浏览器，无法生成 PDF。请安装 chromium（Debian/Ubuntu：sudo apt-get install chromium，"
              "或运行 scripts/setup_system.sh），或改用 --format html 后在浏览器中打印为 PDF。")


class PdfError(RuntimeError):
    """The PDF could not be made (no browser, or the browser failed); the message is Chinese."""


def find_browser() -> str | None:
    env = os.environ.get("NIANBAO_BROWSER")
    if env:
        return env if Path(env).exists() or shutil.which(env) else None
    for name in BROWSERS:
        path = shutil.which(name)
        if path:
            return path
    return None


def html_to_pdf(html: str, *, timeout: float = 120.0) -> bytes:
    """Print an HTML page to PDF (A4, backgrounds on, no browser header or footer)."""
    browser = find_browser()
    if browser is None:
        raise PdfError(NO_BROWSER)
    with tempfile.TemporaryDirectory(prefix="nianbao-pdf-") as tmp:
        page = Path(tmp) / "audit.html"
        page.write_text(html, encoding="utf-8")
        out = Path(tmp) / "audit.pdf"
        cmd = [browser, *CHROMIUM_FLAGS, f"--user-data-dir={tmp}/profile", "--no-pdf-header-footer",
               f"--print-to-pdf={out}", page.as_uri()]
        try:
            proc = subprocess.run(cmd, capture_output=True, timeout=timeout, check=False)
        except subprocess.TimeoutExpired:
            raise PdfError(f"Chromium 在 {int(timeout)} 秒内没有生成 PDF，已停止。") from None
        if not out.exists() or out.stat().st_size == 0:
            tail = proc.stderr.decode("utf-8", "replace").strip().splitlines()[-1:] or [""]
            raise PdfError(f"Chromium 未能生成 PDF（退出状态 {proc.returncode}）：{tail[0][:200]}")
        return out.read_bytes()

#!/usr/bin/env python3
"""Screenshot an audit HTML page with headless Chromium: scripts/screenshot_audit.py AUDIT.html OUT.png

Options: --width 1400 --height 2400. Needs the `chromium` (Debian) or `chromium-browser` / `google-chrome`
binary; runs fully offline (no network, fresh throw-away profile).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
from nianbao.render.pdf import CHROMIUM_FLAGS, find_browser  # noqa: E402  (one list of browsers and flags)


def screenshot(html: Path, out: Path, width: int = 1400, height: int = 2400, timeout: float = 120.0) -> None:
    browser = find_browser()
    if browser is None:
        raise RuntimeError("no Chromium found (apt-get install chromium fonts-noto-cjk)")
    out = out.resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="nianbao-chromium-") as profile:
        cmd = [browser, *CHROMIUM_FLAGS, "--hide-scrollbars", f"--user-data-dir={profile}", f"--screenshot={out}",
               f"--window-size={width},{height}", html.resolve().as_uri()]
        subprocess.run(cmd, check=True, timeout=timeout, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    if not out.exists() or out.stat().st_size == 0:
        raise RuntimeError(f"Chromium wrote no screenshot to {out}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("html", type=Path)
    ap.add_argument("out", type=Path)
    ap.add_argument("--width", type=int, default=1400)
    ap.add_argument("--height", type=int, default=2400)
    a = ap.parse_args(argv)
    if not a.html.exists():
        print(f"no such file: {a.html}", file=sys.stderr)
        return 2
    screenshot(a.html, a.out, a.width, a.height)
    print(a.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())

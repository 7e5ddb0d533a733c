"""Packaging check: the wheel works wherever it is installed, with its model.

1. build the sdist and the wheel (``python -m build``; the wheel is built from the sdist, as PyPI users
   get it), 2. ``twine check`` their metadata, 3. install the wheel into a fresh virtual environment
   outside the checkout, 4. run ``nianbao --version`` and ``nianbao score`` on the bundled demo report
   there, from a folder outside the checkout, and 5. compare score, grade, findings and versions with the
   checkout's own result. Exit 0 when they agree; otherwise print what differs and exit 1.

    python scripts/check_package.py [--work DIR] [--keep]

Run by tests/test_packaging.py in ``make test``.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEMO = ROOT / "src" / "nianbao" / "data" / "examples" / "demo_report.txt"


def _run(cmd: list[str], **kw) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "NIANBAO_MODEL_DIR")}
    env.update(kw.pop("env", {}))
    return subprocess.run(cmd, capture_output=True, text=True, env=env, **kw)


def _must(p: subprocess.CompletedProcess, what: str) -> subprocess.CompletedProcess:
    if p.returncode != 0:
        raise SystemExit(f"{what} failed (exit {p.returncode}):\n{p.stdout[-3000:]}\n{p.stderr[-3000:]}")
    return p


def build(dist: Path) -> tuple[Path, Path]:
    """sdist + wheel into ``dist`` with the current interpreter's setuptools (no download needed)."""
    _must(_run([sys.executable, "-m", "build", "--no-isolation", "--outdir", str(dist), str(ROOT)]),
          "python -m build")
    sdist = next(dist.glob("nianbao-*.tar.gz"))
    wheel = next(dist.glob("nianbao-*.whl"))
    return sdist, wheel


def essential(audit: dict) -> dict:
    """What must be identical between the checkout and the installed wheel."""
    return {
        "score": audit["score"],
        "grade": audit["grade"],
        "findings": [(f["rule"], f["severity"], f["location"]["start"], f["location"]["end"], f["message"])
                     for f in audit["findings"]],
        "versions": audit.get("versions"),
        "part_boilerplate": audit.get("part_boilerplate"),
    }


def score_json(nianbao: list[str], cwd: Path, report: Path, env: dict | None = None) -> dict:
    p = _run([*nianbao, "score", str(report), "--format", "json"], cwd=cwd, env=env or {})
    if p.returncode not in (0, 1):
        raise SystemExit(f"nianbao score failed (exit {p.returncode}):\n{p.stderr[-3000:]}")
    return json.loads(p.stdout)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--work", type=Path, help="working folder (default: a new temporary folder)")
    ap.add_argument("--keep", action="store_true", help="keep the working folder")
    args = ap.parse_args(argv)
    work = args.work or Path(tempfile.mkdtemp(prefix="nianbao-pkg-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        dist = work / "dist"
        sdist, wheel = build(dist)
        print(f"built {sdist.name} ({sdist.stat().st_size // 1024} KiB), {wheel.name} "
              f"({wheel.stat().st_size // 1024} KiB)")
        _must(_run([sys.executable, "-m", "twine", "check", "--strict", str(sdist), str(wheel)]), "twine check")
        print("twine check: PASSED")

        env_dir = work / "venv"
        venv.EnvBuilder(with_pip=True, clear=True).create(env_dir)
        bindir = env_dir / ("Scripts" if os.name == "nt" else "bin")
        py = bindir / ("python.exe" if os.name == "nt" else "python")
        _must(_run([str(py), "-m", "pip", "install", "-q", "--disable-pip-version-check", str(wheel)]),
              "pip install of the wheel")
        outside = work / "elsewhere"
        outside.mkdir(exist_ok=True)
        report = outside / "报告.txt"
        shutil.copyfile(DEMO, report)
        installed = [str(bindir / "nianbao")]

        where = _must(_run([str(py), "-c", "import nianbao, sys; sys.stdout.write(nianbao.__file__)"], cwd=outside),
                      "import nianbao in the fresh environment").stdout
        if str(ROOT) in where:
            raise SystemExit(f"the fresh environment imported the checkout ({where}), not the wheel")
        ver = _must(_run([*installed, "--version"], cwd=outside), "nianbao --version").stdout
        print(ver.strip())
        if "未找到" in ver:
            raise SystemExit("the installed wheel has no paragraph model")

        got = essential(score_json(installed, outside, report))
        want = essential(score_json([sys.executable, "-m", "nianbao.cli"], ROOT, DEMO,
                                    env={"PYTHONPATH": str(ROOT / "src")}))
        if got["versions"] is None or got["versions"].get("model") is None:
            raise SystemExit("the installed wheel audited without its paragraph model")
        if got != want:
            for k in want:
                if got[k] != want[k]:
                    print(f"differs: {k}\n  checkout: {want[k]}\n  wheel:    {got[k]}")
            return 1
        print(f"wheel outside the checkout: score {got['score']} {got['grade']}, {len(got['findings'])} findings, "
              "identical to the checkout")
        return 0
    finally:
        if not args.keep and args.work is None:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())

"""Portability (issue #17): no POSIX-only module on the default paths, a batch lock that works on every
platform, and console output that survives a GBK (Windows) console."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from filelock import FileLock

from nianbao.batch.runner import LOCK_NAME, BatchError, run_batch

ROOT = Path(__file__).resolve().parents[1]
DEMO = ROOT / "src" / "nianbao" / "data" / "examples" / "demo_report.txt"


def _env(**extra: str) -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(ROOT / "src") + os.pathsep + env.get("PYTHONPATH", "")
    env.update(extra)
    return env


def test_default_paths_run_without_posix_only_modules(tmp_path):
    """What Windows lacks (fcntl, resource, termios, pwd, grp) is made unimportable; score, inspect and an
    in-process batch must still work."""
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(DEMO.read_text(encoding="utf-8"), encoding="utf-8")
    code = textwrap.dedent(f"""
        import sys
        for name in ("fcntl", "resource", "termios", "pwd", "grp"):
            sys.modules[name] = None
        import nianbao
        from nianbao.batch.runner import run_batch
        a = nianbao.audit({str(DEMO)!r})
        assert a.score > 0
        res = run_batch([{str(tmp_path / "in")!r}], {str(tmp_path / "out")!r}, jobs=1, progress=False)
        assert res.audited == 1, res
        print("ok", a.score)
    """)
    p = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=_env(), timeout=300)
    assert p.returncode == 0, p.stderr[-3000:]
    assert p.stdout.startswith("ok ")


def test_batch_lock_refuses_a_second_batch_on_the_same_folder(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    with FileLock(str(out / LOCK_NAME), timeout=0):
        with pytest.raises(BatchError, match="另一个 nianbao batch 正在使用输出目录"):
            run_batch([str(DEMO)], out, jobs=1, progress=False)
    res = run_batch([str(DEMO)], out, jobs=1, progress=False)  # released: the next batch runs
    assert res.audited == 1


@pytest.mark.parametrize("args", [["score", "{report}"], ["inspect", "{report}"], ["inspect", "{report}", "--format", "json"]])
def test_gbk_console_survives_characters_it_cannot_show(tmp_path, args):
    report = tmp_path / "报告.txt"
    report.write_text("✓😀" + DEMO.read_text(encoding="utf-8"), encoding="utf-8")
    p = subprocess.run([sys.executable, "-m", "nianbao.cli", *[a.format(report=report) for a in args]],
                       capture_output=True, env=_env(PYTHONIOENCODING="gbk"), timeout=300)
    err = p.stderr.decode("gbk", "replace")
    assert p.returncode in (0, 1), err
    assert "Traceback" not in err and "UnicodeEncodeError" not in err
    assert "青溪县自然资源局".encode("gbk") in p.stdout

"""The packaging check of issue #17: the wheel, installed outside the checkout, audits like the checkout."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.slow
def test_wheel_installed_elsewhere_audits_like_the_checkout(tmp_path):
    for mod in ("build", "twine"):
        assert importlib.util.find_spec(mod), f"{mod} is a dev dependency (pip install -e '.[dev]')"
    p = subprocess.run([sys.executable, str(ROOT / "scripts" / "check_package.py"), "--work", str(tmp_path)],
                       capture_output=True, text=True, timeout=900)
    assert p.returncode == 0, p.stdout[-4000:] + p.stderr[-4000:]
    assert "twine check: PASSED" in p.stdout
    assert "段落模型 model: paragraph-sklearn" in p.stdout
    assert "identical to the checkout" in p.stdout

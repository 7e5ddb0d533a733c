"""The command line's compiled-regex cache builds the very patterns `re` builds (fresh processes)."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

CASES = [
    (r"(?P<year>\d{4})年(?P<month>\d{1,2})月", 0, "2023年12月31日，2022年1月"),
    (r"(政府信息|信息)公开\1?", 0, "政府信息公开政府信息，信息公开信息"),
    (r"(?<=第)[一二三四五六]部分", 0, "第三部分和第六部分"),
    (r"^\s*[（(]\s*[一二三]\s*[)）].*$", re.M, "（一）主动公开\n (二) 依申请\n三"),
    (r"abc.def", re.I | re.S, "ABC\nDEF abcxdef"),
    (r"""\d+  # figures
         \s*(?:件|条)""", re.X, "收到 46 件，12条"),
    (r"[\u4e00-\u9fff]{2,4}?(?:局|委)", 0, "县市场监督管理局和卫健委"),
]

PROBE = """
import json, re, sys
from nianbao import recache
recache.install()
cases = json.loads(sys.stdin.read())
out = []
for pat, flags, text in cases:
    p = re.compile(pat, flags)
    out.append([p.pattern, p.flags, dict(p.groupindex), p.groups,
                [[m.span(), m.groups()] for m in p.finditer(text)]])
b = re.compile(rb"(\\d+)-(\\d+)")
out.append([b.pattern.decode(), b.flags, [m.span() for m in b.finditer(b"10-20 3-4")]])
print(json.dumps({"out": out, "compiled_anew": recache._state["dirty"]}, ensure_ascii=False))
"""


def _expected() -> list:
    out = []
    for pat, flags, text in CASES:
        p = re.compile(pat, flags)
        out.append([p.pattern, p.flags, dict(p.groupindex), p.groups,
                    [[list(m.span()), list(m.groups())] for m in p.finditer(text)]])
    b = re.compile(rb"(\d+)-(\d+)")
    out.append([b.pattern.decode(), b.flags, [list(m.span()) for m in b.finditer(b"10-20 3-4")]])
    return out


def test_cached_patterns_are_the_patterns_re_builds(tmp_path):
    env = {**os.environ, "NIANBAO_CACHE_DIR": str(tmp_path),
           "PYTHONPATH": str(Path(__file__).resolve().parents[1] / "src") + os.pathsep + os.environ.get("PYTHONPATH", "")}
    cases = json.dumps([[p, int(f), t] for p, f, t in CASES], ensure_ascii=False)
    for run in range(2):  # the first run fills the cache, the second builds every pattern from it
        res = subprocess.run([sys.executable, "-c", PROBE], input=cases, capture_output=True, text=True, env=env,
                             timeout=120, check=True)
        got = json.loads(res.stdout)
        assert got["out"] == _expected(), f"run {run}"
        assert got["compiled_anew"] is (run == 0)  # the second run took every pattern from the cache
        assert len(list(tmp_path.glob("re-*.bin"))) == 1

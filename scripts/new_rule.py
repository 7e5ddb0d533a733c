"""Write the scaffold of a new rule: its declaration, a check stub and a test with its examples.

    python scripts/new_rule.py dates D-07 future-plan-as-done "把计划写成已完成" \\
        --category date --severity warning

appends a ``[[rule]]`` to ``src/nianbao/data/rules/dates.toml`` (the declaration: texts, the message
template, one failing and one passing example), a ``future_plan_as_done(report, ctx)`` stub to
``src/nianbao/rules/dates.py`` and ``tests/rules/test_d_07.py``, which asserts the exact finding on the
failing example. A new module name creates the module and its declaration file. Then fill in the
TODOs: the example texts, the message template's fields, and the check. The new test fails until the
check finds what the failing example shows — which is the point.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src" / "nianbao"
sys.path.insert(0, str(ROOT / "src"))

from nianbao.model import CATEGORIES, SEVERITIES  # noqa: E402

DECLARATION = '''
[[rule]]
code = "{code}"
name = "{name}"
title = "{title}"
category = "{category}"
severity = "{severity}"
check = "nianbao.rules.{module}:{func}"
summary = "TODO 检查什么：一句话说明这条规则找什么。"
why = "TODO 为什么：依据和后果。"
fix = "TODO 如何修改。"
basis = "TODO 依据（format-spec §… / 条例第…条）"
# the finding's text: a template whose {{fields}} the check passes to ctx.finding(start, end, found=…)
message = "TODO：“{{found}}”……"

[[rule.examples]]
fails = true
text = """云岭镇人民政府2023年政府信息公开工作年度报告
一、总体情况
TODO 一段会被报告的文字。"""

[[rule.examples]]
fails = false
text = """云岭镇人民政府2023年政府信息公开工作年度报告
一、总体情况
TODO 一段正确、不应报告的文字。"""
'''

MODULE_HEAD = '''"""TODO: what the checks of this module look at."""

from __future__ import annotations

from collections.abc import Iterator

from nianbao.model import Finding, Report
from nianbao.rules.base import RuleContext
'''

CHECK = '''

def {func}(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    """{code}: {title}. TODO: the check; read the report through ctx.views (sentences, spans, words)."""
    for s in ctx.views.sentences:
        if False:  # TODO: the condition
            yield ctx.finding(s.start, s.end, part=s.part, found=s.text)
'''

TEST = '''"""{code} {title}: exact findings on the declaration's examples."""

from __future__ import annotations

from nianbao.audit import audit_report, load_report
from nianbao.rules.registry import get_rule


def _found(text: str) -> list[tuple[str, str]]:
    report = load_report(text, require_report=False)
    return [(f.rule, f.evidence) for f in audit_report(report, only=["{code}"], use_classifier=False).findings]


def test_{slug}_reports_the_failing_example():
    spec = get_rule("{code}")
    failing = next(e for e in spec.examples if e.fails)
    assert _found(failing.text) == [("{code}", "TODO the exact evidence")]


def test_{slug}_leaves_the_passing_example_alone():
    spec = get_rule("{code}")
    assert all(_found(e.text) == [] for e in spec.examples if not e.fails)
'''


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="新规则脚手架：声明 + 检查函数 + 测试")
    ap.add_argument("module", help="rule module, e.g. dates (nianbao/rules/<module>.py)")
    ap.add_argument("code", help="stable rule code, e.g. D-07")
    ap.add_argument("name", help="kebab-case name, e.g. future-plan-as-done")
    ap.add_argument("title", help="Chinese title shown to users")
    ap.add_argument("--category", required=True, choices=CATEGORIES)
    ap.add_argument("--severity", default="warning", choices=SEVERITIES)
    ap.add_argument("--root", type=Path, default=ROOT, help=argparse.SUPPRESS)
    a = ap.parse_args(argv)
    if not re.fullmatch(r"[a-z_]+", a.module) or not re.fullmatch(r"[A-Z]\d?-\d{2}", a.code):
        ap.error("module is lower_case, code looks like D-07 or T3-02")
    src = a.root / "src" / "nianbao"
    toml, mod = src / "data" / "rules" / f"{a.module}.toml", src / "rules" / f"{a.module}.py"
    test = a.root / "tests" / "rules" / f"test_{a.code.lower().replace('-', '_')}.py"
    if test.exists() or any(f'code = "{a.code}"' in p.read_text(encoding="utf-8")
                            for p in (src / "data" / "rules").glob("*.toml")):
        print(f"规则 {a.code} 已存在。", file=sys.stderr)
        return 2
    func = a.name.replace("-", "_")
    fmt = {"code": a.code, "name": a.name, "title": a.title, "category": a.category, "severity": a.severity,
           "module": a.module, "func": func, "slug": func}
    if not toml.exists():
        toml.write_text(f"# Rules checked in nianbao/rules/{a.module}.py (see tables.toml for the fields).\n",
                        encoding="utf-8")
    with toml.open("a", encoding="utf-8") as f:
        f.write(DECLARATION.format(**fmt))
    if not mod.exists():
        mod.write_text(MODULE_HEAD, encoding="utf-8")
    with mod.open("a", encoding="utf-8") as f:
        f.write(CHECK.format(**fmt))
    test.write_text(TEST.format(**fmt), encoding="utf-8")
    for p in (toml, mod, test):
        print(f"wrote {p.relative_to(a.root)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

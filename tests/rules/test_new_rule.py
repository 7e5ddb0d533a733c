"""scripts/new_rule.py writes a declaration the registry accepts, a check stub and a test, in the module's files."""

from __future__ import annotations

import tomllib

from nianbao.rules.base import template_fields
from nianbao.rules.registry import KNOWN_KEYS
from tests.conftest import load_script


def _script():
    return load_script("new_rule")


def test_scaffold_of_a_rule_in_a_new_module(tmp_path):
    for d in ("src/nianbao/data/rules", "src/nianbao/rules", "tests/rules"):
        (tmp_path / d).mkdir(parents=True)
    assert _script().main(["plans", "D-98", "plan-as-done", "把计划写成已完成", "--category", "date",
                           "--root", str(tmp_path)]) == 0
    decl = tomllib.loads((tmp_path / "src/nianbao/data/rules/plans.toml").read_text(encoding="utf-8"))["rule"]
    assert len(decl) == 1 and set(decl[0]) <= KNOWN_KEYS
    r = decl[0]
    assert (r["code"], r["category"], r["check"]) == ("D-98", "date", "nianbao.rules.plans:plan_as_done")
    assert template_fields(r["message"]) == {"found"}
    assert sorted(e["fails"] for e in r["examples"]) == [False, True]
    check = (tmp_path / "src/nianbao/rules/plans.py").read_text(encoding="utf-8")
    assert "def plan_as_done(report: Report, ctx: RuleContext)" in check and "found=" in check
    test = (tmp_path / "tests/rules/test_d_98.py").read_text(encoding="utf-8")
    for source in (check, test):
        compile(source, "<scaffold>", "exec")
    # a second rule in the same module appends; an existing code is refused
    assert _script().main(["plans", "D-97", "other", "另一条", "--category", "date", "--root", str(tmp_path)]) == 0
    assert check.count("def ") + 1 == (tmp_path / "src/nianbao/rules/plans.py").read_text(encoding="utf-8").count("def ")
    assert _script().main(["plans", "D-98", "again", "重复", "--category", "date", "--root", str(tmp_path)]) == 2

"""The rule declaration is the truth: checks fill its templates and never write message text.

Read statically from the check modules' source, so that a branch no example reaches is held to the
same contract: every ``ctx.finding(...)`` call names a declared variant and passes exactly the fields
that variant's message and suggestion templates name; every declared variant is used by some call.
"""

from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path

import pytest

from nianbao.rules.base import RuleSpec, template_fields
from nianbao.rules.registry import all_rules, rule_files

RULES_DIR = Path(__import__("nianbao.rules", fromlist=["x"]).__file__).parent
RESERVED = {"variant", "evidence", "part", "severity", "cells", "cause"}
HELPERS = {"__init__", "base", "registry", "engine", "docs", "util", "counts"}


def _check_modules() -> list[str]:
    return sorted(p.stem for p in RULES_DIR.glob("*.py") if p.stem not in HELPERS)


def _finding_calls(tree: ast.Module):
    for fn in tree.body:
        if isinstance(fn, ast.FunctionDef):
            for n in ast.walk(fn):
                if isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute) and n.func.attr == "finding":
                    yield fn, n


def _variants(call: ast.Call) -> set[str | None]:
    for kw in call.keywords:
        if kw.arg == "variant":
            v = kw.value
            if isinstance(v, ast.Constant):
                return {v.value}
            if isinstance(v, ast.IfExp) and isinstance(v.body, ast.Constant) and isinstance(v.orelse, ast.Constant):
                return {v.body.value, v.orelse.value}
            raise AssertionError(f"line {call.lineno}: variant must be a literal (or a choice of two literals)")
    return {None}


def _uses(module: str) -> list[tuple[str, str | None, frozenset[str], int]]:
    """(rule code, variant, fields passed, line) for every finding call of a check module."""
    tree = ast.parse((RULES_DIR / f"{module}.py").read_text(encoding="utf-8"))
    checks = {s.check.partition(":")[2]: s.code for s in all_rules() if s.check.startswith(f"nianbao.rules.{module}:")}
    funcs = {fn.name: fn for fn in tree.body if isinstance(fn, ast.FunctionDef)}
    callers: dict[str, list[tuple[str, ast.Call]]] = defaultdict(list)  # helper -> (caller, call)
    for fn in funcs.values():
        for n in ast.walk(fn):
            if isinstance(n, ast.Call) and isinstance(n.func, ast.Name) and n.func.id in funcs:
                callers[n.func.id].append((fn.name, n))

    def rules_of(name: str, extra: frozenset[str], seen: frozenset[str] = frozenset()):
        """(rule, extra fields passed through **kwargs) for the checks that reach function `name`."""
        if name in checks:
            yield checks[name], extra
        for caller, call in callers.get(name, []):
            if caller not in seen:
                params = {a.arg for a in funcs[name].args.args + funcs[name].args.kwonlyargs}
                passed = frozenset(k.arg for k in call.keywords if k.arg and k.arg not in params)
                yield from rules_of(caller, extra | passed if funcs[name].args.kwarg else extra, seen | {name})

    out = []
    for fn, call in _finding_calls(tree):
        own = frozenset(k.arg for k in call.keywords if k.arg and k.arg not in RESERVED)
        reached = list(rules_of(fn.name, frozenset()))
        assert reached, f"{module}.py:{call.lineno}: no declared check reaches this finding"
        for code, extra in reached:
            for v in _variants(call):
                out.append((code, v, own | extra, call.lineno))
    return out


def test_every_check_module_has_its_declaration_file_and_back():
    assert _check_modules() == rule_files()
    for s in all_rules():
        module = s.check.partition(":")[0].rsplit(".", 1)[-1]
        assert s.source_file == f"nianbao/data/rules/{module}.toml", s.code


@pytest.mark.parametrize("module", _check_modules())
def test_checks_never_write_messages(module):
    tree = ast.parse((RULES_DIR / f"{module}.py").read_text(encoding="utf-8"))
    for _, call in _finding_calls(tree):
        bad = [k.arg for k in call.keywords if k.arg in ("message", "suggestion")]
        assert not bad, f"{module}.py:{call.lineno}: {bad} — put the text in the declaration's template"
    for n in ast.walk(tree):  # no finding's message patched afterwards either
        if isinstance(n, (ast.Assign, ast.AugAssign)):
            targets = n.targets if isinstance(n, ast.Assign) else [n.target]
            for t in targets:
                assert not (isinstance(t, ast.Attribute) and t.attr in ("message", "suggestion")), \
                    f"{module}.py:{n.lineno}: a finding's text is set outside its template"


@pytest.mark.parametrize("module", _check_modules())
def test_fields_passed_are_the_fields_declared(module):
    specs: dict[str, RuleSpec] = {s.code: s for s in all_rules()}
    for code, variant, passed, line in _uses(module):
        spec = specs[code]
        assert variant in spec.variants, f"{module}.py:{line}: {code} declares no variant {variant!r}"
        assert passed == spec.fields(variant), (
            f"{module}.py:{line}: {code}{'.' + variant if variant else ''} passes {sorted(passed)}, "
            f"its templates name {sorted(spec.fields(variant))}")


def test_every_declared_variant_is_used():
    used = {(code, v) for m in _check_modules() for code, v, _, _ in _uses(m)}
    for s in all_rules():
        for v in s.variants:
            assert (s.code, v) in used, f"{s.code}: variant {v!r} is declared but no check uses it"


def test_template_fields_parser():
    assert template_fields("第{num}部分“{title}”约 {share:.0%}") == {"num", "title", "share"}
    assert template_fields("没有字段，{{转义}}") == set()

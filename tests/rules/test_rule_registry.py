"""Conformance tests every rule gets for free from its one declaration (data/rules/*.toml)."""

from __future__ import annotations

import json
import os

import pytest

from nianbao.audit import audit_report, load_report
from nianbao.model import CATEGORIES
from nianbao.rules.docs import rule_to_markdown
from nianbao.rules.registry import all_rules, resolve_check
from tests.conftest import ROOT, assert_evidence_contract

PREFIX = {"format": "F", "structure": "S", "content": "C", "table": "T", "date": "D", "consistency": "K",
          "typo": "W", "punctuation": "P", "boilerplate": "B", "crossyear": "Y"}
RULES = all_rules()
SNAPSHOT = ROOT / "tests" / "rules" / "rules_registry.json"


def test_codes_are_unique_and_prefixed_by_category():
    codes = [r.code for r in RULES]
    assert len(codes) == len(set(codes))
    for r in RULES:
        assert r.category in CATEGORIES
        assert r.code.startswith(PREFIX[r.category]), r.code


@pytest.mark.parametrize("spec", RULES, ids=lambda s: s.code)
def test_declaration_is_complete(spec):
    assert spec.title and spec.summary and spec.fix and spec.basis
    assert any(e.fails for e in spec.examples), "needs a failing example"
    assert any(not e.fails for e in spec.examples), "needs a passing example"
    assert callable(resolve_check(spec))
    doc = rule_to_markdown(spec)
    for heading in ("## 检查什么", "## 为什么", "## 示例", "## 如何修改", "## 依据"):
        assert heading in doc


CASES = [(s, i, e) for s in RULES for i, e in enumerate(s.examples)]


@pytest.mark.parametrize("spec,i,example", CASES, ids=[f"{s.code}-{i}" for s, i, _ in CASES])
def test_examples_behave_as_declared(spec, i, example, monkeypatch):
    monkeypatch.setenv("NIANBAO_STRICT", "1")
    report = load_report(example.text, require_report=False)
    previous = load_report(example.previous, require_report=False) if example.previous is not None else None
    found = [f for f in audit_report(report, only=[spec.code], copying=example.copying, previous=previous).findings
             if f.rule == spec.code]
    assert bool(found) == example.fails, [f.message for f in found]
    assert_evidence_contract(report, found, previous)


def test_registry_snapshot_no_code_disappears():
    """Codes are stable and never reused: a rule may be added, but not silently removed or renamed."""
    current = {r.code: r.name for r in RULES}
    if os.environ.get("NIANBAO_UPDATE_SNAPSHOT"):
        SNAPSHOT.write_text(json.dumps(current, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    assert SNAPSHOT.exists(), f"{SNAPSHOT} is missing: restore it from git (NIANBAO_UPDATE_SNAPSHOT=1 rewrites it)"
    saved = json.loads(SNAPSHOT.read_text(encoding="utf-8"))
    missing = {c: n for c, n in saved.items() if current.get(c) != n}
    assert not missing, f"rules removed or renamed (codes are never reused): {missing}"


def test_rule_docs_are_generated_from_the_declarations():
    import subprocess
    import sys

    res = subprocess.run([sys.executable, str(ROOT / "scripts" / "gen_rule_docs.py"), "--check"],
                         capture_output=True, text=True)
    assert res.returncode == 0, "docs/rules is stale: run python scripts/gen_rule_docs.py\n" + res.stdout


def test_a_declared_variant_severity_applies_unless_the_user_configured_the_rule():
    from nianbao.rules.base import RuleContext
    from nianbao.rules.registry import get_rule

    spec = get_rule("K-06")
    assert spec.variant_severity == {"sum": "info", "rate": "info", "none_handled": "info", "share_decimal": "info",
                                     "cumulative": "info"}
    report = load_report("青溪县林业局2023年政府信息公开工作年度报告\n一、总体情况\n全年公开信息60条。", require_report=False)
    fields = {"total": 60, "unit": "条", "listed": "10＋30＋10", "got": 50, "relation": "少于"}
    assert RuleContext(spec, report).finding(0, 2, variant="sum", **fields).severity == "info"
    assert RuleContext(spec, report, severity="error").finding(0, 2, variant="sum", **fields).severity == "error"
    share = {"count": 50, "unit": "条", "written": "30", "total": 200, "real": 25.0}
    assert RuleContext(spec, report).finding(0, 2, variant="share", **share).severity == "warning"

"""Load every rule declaration from the package data and resolve its check function.

The declarations are every ``nianbao/data/rules/<module>.toml``; each declares the rules whose check
lives in ``nianbao/rules/<module>.py`` (the file is named after the module, and nothing lists the files).
"""

from __future__ import annotations

import importlib
from functools import cache
from importlib import resources

from nianbao.datacache import parse_toml
from nianbao.model import CATEGORIES
from nianbao.rules.base import Check, Example, RuleSpec

KNOWN_KEYS = {"code", "name", "title", "category", "severity", "summary", "why", "fix", "basis", "message",
              "suggestion", "check", "params", "examples", "status", "variant_severity"}


def rule_files() -> list[str]:
    """The module names that have a declaration file, sorted."""
    folder = resources.files("nianbao.data.rules")
    return sorted(p.name[:-5] for p in folder.iterdir() if p.name.endswith(".toml"))


def _load_file(module: str) -> list[RuleSpec]:
    path = resources.files("nianbao.data.rules").joinpath(f"{module}.toml")
    data = parse_toml(path.read_text(encoding="utf-8"))
    source = f"nianbao/data/rules/{module}.toml"
    specs = []
    for r in data.get("rule", []):
        unknown = set(r) - KNOWN_KEYS
        if unknown:
            raise ValueError(f"{source} {r.get('code')}: unknown keys {sorted(unknown)}")
        if r["check"].partition(":")[0] != f"nianbao.rules.{module}":
            raise ValueError(f"{source} {r['code']}: a rule declared here is checked in nianbao.rules.{module}")
        examples = tuple(Example(e["text"], bool(e["fails"]), e.get("note", ""), e.get("copying"), e.get("previous")) for e in r.get("examples", []))
        spec = RuleSpec(
            code=r["code"], name=r["name"], title=r["title"], category=r["category"], severity=r["severity"],
            summary=r["summary"], why=r.get("why", ""), fix=r["fix"], basis=r.get("basis", ""),
            message=r["message"], suggestion=r.get("suggestion"), check=r["check"], params=r.get("params", {}),
            examples=examples, status=r.get("status", "stable"), source_file=source,
            variant_severity=r.get("variant_severity", {}),
        )
        spec.validate()
        specs.append(spec)
    return specs


@cache
def all_rules() -> tuple[RuleSpec, ...]:
    """Every declared rule, by category (in CATEGORIES order), then in declaration order."""
    specs: list[RuleSpec] = []
    seen: set[str] = set()
    for name in rule_files():
        for s in _load_file(name):
            if s.code in seen:
                raise ValueError(f"rule code {s.code} declared twice")
            seen.add(s.code)
            specs.append(s)
    return tuple(sorted(specs, key=lambda s: CATEGORIES.index(s.category)))  # stable: keeps declaration order


def get_rule(code: str) -> RuleSpec | None:
    for s in all_rules():
        if s.code == code.upper():
            return s
    return None


_CHECKS: dict[str, Check] = {}


def resolve_check(spec: RuleSpec) -> Check:
    if spec.code not in _CHECKS:
        module, _, func = spec.check.partition(":")
        _CHECKS[spec.code] = getattr(importlib.import_module(module), func)
    return _CHECKS[spec.code]

"""Load every rule declaration from the package data and resolve its check function."""

from __future__ import annotations

import importlib
import tomllib
from functools import cache
from importlib import resources

from nianbao.rules.base import Check, Example, RuleSpec

RULE_FILES = ("format", "structure", "content", "table", "date", "consistency", "typo", "punctuation", "boilerplate")


def _load_file(name: str) -> list[RuleSpec]:
    path = resources.files("nianbao.data.rules").joinpath(f"{name}.toml")
    if not path.is_file():
        return []
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    specs = []
    for r in data.get("rule", []):
        examples = tuple(Example(e["text"], bool(e["fails"]), e.get("note", ""), e.get("copying")) for e in r.get("examples", []))
        spec = RuleSpec(
            code=r["code"], name=r["name"], title=r["title"], category=r["category"], severity=r["severity"],
            scope=r.get("scope", "document"), summary=r["summary"], why=r.get("why", ""), fix=r["fix"],
            basis=r.get("basis", ""), message=r.get("message", r["title"]), check=r.get("check", ""),
            kind=r.get("kind", ""), params=r.get("params", {}), examples=examples,
            status=r.get("status", "stable"), source_file=f"nianbao/data/rules/{name}.toml",
        )
        spec.validate()
        specs.append(spec)
    return specs


@cache
def all_rules() -> tuple[RuleSpec, ...]:
    specs: list[RuleSpec] = []
    seen: set[str] = set()
    for name in RULE_FILES:
        for s in _load_file(name):
            if s.code in seen:
                raise ValueError(f"rule code {s.code} declared twice")
            seen.add(s.code)
            specs.append(s)
    return tuple(specs)


def get_rule(code: str) -> RuleSpec | None:
    for s in all_rules():
        if s.code == code.upper():
            return s
    return None


_CHECKS: dict[str, Check] = {}


def resolve_check(spec: RuleSpec) -> Check:
    if spec.code not in _CHECKS:
        _CHECKS[spec.code] = _resolve(spec)
    return _CHECKS[spec.code]


def _resolve(spec: RuleSpec) -> Check:
    if spec.kind:
        from nianbao.rules import kinds

        engine = getattr(kinds, spec.kind)
        return lambda report, ctx: engine(report, ctx)
    module, _, func = spec.check.partition(":")
    return getattr(importlib.import_module(module), func)

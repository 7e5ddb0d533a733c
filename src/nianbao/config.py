"""User configuration: rule selection, severity overrides, deadlines, classifier backend.

Read from ``nianbao.toml`` (top level) or the ``[tool.nianbao]`` table of ``pyproject.toml`` in the
current folder or its parents, or from an explicit file. Example::

    [tool.nianbao]
    select = ["T", "D", "W-01"]      # codes or prefixes; default: all
    ignore = ["P-06"]
    severity = { "C-03" = "info" }
    backend = "sklearn"              # classifier backend
    [tool.nianbao.deadlines]         # overrides of data/deadlines.toml
    department = "01-28"
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any


@dataclass
class Config:
    select: list[str] = field(default_factory=list)
    ignore: list[str] = field(default_factory=list)
    severity: dict[str, str] = field(default_factory=dict)
    backend: str = "sklearn"
    deadlines: dict[str, str] = field(default_factory=dict)
    options: dict[str, Any] = field(default_factory=dict)
    source: str | None = None

    def enabled(self, code: str) -> bool:
        def match(sel: str) -> bool:
            return code == sel or code.startswith(sel)

        if self.select and not any(match(s) for s in self.select):
            return False
        return not any(match(s) for s in self.ignore)

    def with_overrides(self, select: list[str] | None = None, ignore: list[str] | None = None) -> Config:
        return replace(self, select=list(select) if select else list(self.select),
                       ignore=[*self.ignore, *(ignore or [])])


def _from_table(t: dict[str, Any], source: str) -> Config:
    known = {"select", "ignore", "severity", "backend", "deadlines"}
    return Config(
        select=[s.upper() for s in t.get("select", [])],
        ignore=[s.upper() for s in t.get("ignore", [])],
        severity={k.upper(): v for k, v in t.get("severity", {}).items()},
        backend=t.get("backend", "sklearn"),
        deadlines=dict(t.get("deadlines", {})),
        options={k: v for k, v in t.items() if k not in known},
        source=source,
    )


def load_config(path: str | Path | None = None, start: str | Path | None = None) -> Config:
    if path is not None:
        p = Path(path)
        data = tomllib.loads(p.read_text(encoding="utf-8"))
        table = data.get("tool", {}).get("nianbao", data) if p.name == "pyproject.toml" else data
        return _from_table(table, str(p))
    here = Path(start or Path.cwd()).resolve()
    for d in (here, *here.parents):
        n = d / "nianbao.toml"
        if n.is_file():
            return _from_table(tomllib.loads(n.read_text(encoding="utf-8")), str(n))
        pp = d / "pyproject.toml"
        if pp.is_file():
            try:
                t = tomllib.loads(pp.read_text(encoding="utf-8")).get("tool", {}).get("nianbao")
            except tomllib.TOMLDecodeError:
                t = None
            if t is not None:
                return _from_table(t, str(pp))
    return Config()

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
    [tool.nianbao.limits]            # resource limits, see nianbao.limits
    input_mb = 64
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from nianbao.limits import Limits, LimitsError, limits_from_table


class ConfigError(ValueError):
    """A configuration file that cannot be used; ``str(err)`` is one Chinese sentence naming it."""


def _read_toml(p: Path) -> dict[str, Any]:
    from nianbao.ingest.limits import read_file_bounded

    try:
        data = read_file_bounded(p)
    except Exception as exc:  # InputError: missing, directory, FIFO, device, too large
        raise ConfigError(f"配置文件 {exc}") from None
    try:
        return tomllib.loads(data.decode("utf-8"))
    except UnicodeDecodeError:
        raise ConfigError(f"配置文件 {p}：不是 UTF-8 编码的 TOML 文本（可能是二进制文件）。") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"配置文件 {p}：TOML 格式错误（{exc}）。") from None


@dataclass
class Config:
    select: list[str] = field(default_factory=list)
    ignore: list[str] = field(default_factory=list)
    severity: dict[str, str] = field(default_factory=dict)
    backend: str = "sklearn"
    deadlines: dict[str, str] = field(default_factory=dict)
    options: dict[str, Any] = field(default_factory=dict)
    limits: Limits = field(default_factory=Limits)
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
    try:
        limits = limits_from_table(t.get("limits"), source)
    except LimitsError as exc:
        raise ConfigError(str(exc)) from None
    known = {"select", "ignore", "severity", "backend", "deadlines", "limits"}
    return Config(
        select=[s.upper() for s in t.get("select", [])],
        ignore=[s.upper() for s in t.get("ignore", [])],
        severity={k.upper(): v for k, v in t.get("severity", {}).items()},
        backend=t.get("backend", "sklearn"),
        deadlines=dict(t.get("deadlines", {})),
        options={k: v for k, v in t.items() if k not in known},
        limits=limits,
        source=source,
    )


def load_config(path: str | Path | None = None, start: str | Path | None = None) -> Config:
    if path is not None:
        p = Path(path)
        data = _read_toml(p)
        table = data.get("tool", {}).get("nianbao", data) if p.name == "pyproject.toml" else data
        return _from_table(table, str(p))
    here = Path(start or Path.cwd()).resolve()
    for d in (here, *here.parents):
        n = d / "nianbao.toml"
        if n.is_file():
            return _from_table(_read_toml(n), str(n))
        pp = d / "pyproject.toml"
        if pp.is_file():
            try:
                t = _read_toml(pp).get("tool", {}).get("nianbao")
            except ConfigError:
                t = None  # someone else's broken pyproject.toml is not our configuration
            if t is not None:
                return _from_table(t, str(pp))
    return Config()

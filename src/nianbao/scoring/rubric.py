"""Rubrics: versioned TOML files (shipped in nianbao/data/rubrics/ or the user's own)."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

SHIPPED = ("default", "district-10")


@dataclass(frozen=True)
class Rubric:
    name: str
    version: str
    title: str
    kind: str  # "deduction" (per part) or "checklist" (items with fixed points)
    data: dict[str, Any] = field(hash=False, compare=False)
    source: str = ""

    @property
    def grades(self) -> list[tuple[str, float]]:
        return sorted(((k, float(v)) for k, v in self.data["grades"].items()), key=lambda kv: -kv[1])

    def grade(self, score: float) -> str:
        for name, floor in self.grades:
            if score >= floor:
                return name
        return self.grades[-1][0]


class RubricError(ValueError):
    pass


def _validate(d: dict, source: str) -> Rubric:
    for key in ("name", "version", "grades"):
        if key not in d:
            raise RubricError(f"评分细则 {source} 缺少“{key}”。")
    kind = d.get("kind", "deduction")
    if kind == "deduction":
        total = sum(float(v) for v in d["parts"].values())
        if abs(total - 100) > 1e-6:
            raise RubricError(f"评分细则 {source} 各部分满分合计为 {total}，应为 100。")
    elif kind == "checklist":
        if not d.get("item"):
            raise RubricError(f"评分细则 {source} 没有任何考评项目（[[item]]）。")
    else:
        raise RubricError(f"评分细则 {source} 的 kind 应为 deduction 或 checklist。")
    return Rubric(d["name"], str(d["version"]), d.get("title", d["name"]), kind, d, source)


def load_rubric(name_or_path: str | Path | None = None) -> Rubric:
    """A shipped rubric by name ('default', 'district-10') or a TOML file path."""
    if name_or_path is None:
        name_or_path = "default"
    if str(name_or_path) in SHIPPED:
        res = resources.files("nianbao.data.rubrics").joinpath(f"{name_or_path}.toml")
        return _validate(tomllib.loads(res.read_text(encoding="utf-8")), f"nianbao/data/rubrics/{name_or_path}.toml")
    p = Path(name_or_path)
    from nianbao.errors import InputError
    from nianbao.ingest.limits import read_file_bounded

    try:
        d = tomllib.loads(read_file_bounded(p).decode("utf-8"))
    except InputError as e:  # missing, a directory, a FIFO or device, too large
        raise RubricError(f"评分细则文件 {e}") from None
    except UnicodeDecodeError:
        raise RubricError(f"评分细则文件 {p}：不是 UTF-8 编码的 TOML 文本（可能是二进制文件）。") from None
    except tomllib.TOMLDecodeError as e:
        raise RubricError(f"评分细则文件 {p} 不是有效的 TOML：{e}") from None
    return _validate(d, str(p))

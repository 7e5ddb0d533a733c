"""What graded a report: the versions of nianbao, its rule set, the paragraph model and the rubric.

Read from files only (rule declarations, lexicons, the model card, the rubric), so ``nianbao --version``
stays instant: nothing here imports scikit-learn or loads the model itself.

The rule set has no hand-kept number: its version is nianbao's version plus a digest of every rule
declaration and lexicon file, so any change to what the rules find changes the identifier.
"""

from __future__ import annotations

import hashlib
import json
from functools import cache
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

from nianbao import __version__
from nianbao.datacache import parse_toml

_RULE_DATA = ("nianbao.data.rules", "nianbao.data.lexicon")


def _files(package: str) -> list[Traversable]:
    root = resources.files(package)
    out: list[Traversable] = []
    stack = [root]
    while stack:
        node = stack.pop()
        for child in node.iterdir():
            if child.is_dir():
                if child.name != "__pycache__":
                    stack.append(child)
            elif child.name.endswith((".toml", ".txt", ".json", ".tsv")):
                out.append(child)
    return out


@cache
def ruleset() -> dict[str, Any]:
    """{"version": "0.2.0+1a2b3c4d5e6f", "rules": 53, "sha256": …} for the rule declarations and lexicons."""
    digest = hashlib.sha256()
    count = 0
    for package in _RULE_DATA:
        files = sorted(_files(package), key=lambda f: str(f))
        root = str(resources.files(package))
        for f in files:
            data = f.read_bytes()
            digest.update(str(f)[len(root):].replace("\\", "/").encode())
            digest.update(b"\0" + data + b"\0")
            if package == "nianbao.data.rules" and f.name.endswith(".toml"):
                count += len(parse_toml(data.decode("utf-8")).get("rule", []))
    sha = digest.hexdigest()
    return {"version": f"{__version__}+{sha[:12]}", "rules": count, "sha256": sha}


def model_info(model_dir: Path | None = None, backend: str = "sklearn") -> dict[str, Any] | None:
    """Name, version and training-data hash of the model the audit would load (None when there is none)."""
    from nianbao.classify import ModelNotFoundError, find_model_dir

    try:
        path = find_model_dir(backend, model_dir)
    except ModelNotFoundError:
        return None
    card = _card(str(path))
    data = card.get("data") or {}
    return {"name": card.get("name", path.name), "backend": card.get("backend", backend),
            "version": card.get("version"), "data_sha256": data.get("sha256"), "path": str(path)}


@cache
def _card(model_dir: str) -> dict[str, Any]:
    """The model card, read once per process and model folder (every audit's JSON names the model)."""
    card_path = Path(model_dir) / "card.json"
    return json.loads(card_path.read_text(encoding="utf-8")) if card_path.is_file() else {}


def rubric_info(rubric: Any = None) -> dict[str, str]:
    from nianbao.scoring import load_rubric

    rub = rubric if rubric is not None and hasattr(rubric, "version") else load_rubric(rubric)
    return {"name": rub.name, "version": rub.version}


def versions(*, rubric: Any = None, model: dict[str, Any] | None | bool = True) -> dict[str, Any]:
    """All four, for the audit JSON and ``nianbao --version``. ``model=True`` looks the default model up."""
    rs = ruleset()
    info = model_info() if model is True else (model or None)
    if info is not None:
        info = {k: v for k, v in info.items() if k != "path"}
    return {"nianbao": __version__, "rules": {"version": rs["version"], "count": rs["rules"]},
            "model": info, "rubric": rubric_info(rubric)}


def version_text() -> str:
    """The lines ``nianbao --version`` prints (Chinese first)."""
    v = versions()
    m = v["model"]
    model = (f"{m['name']} {m['version']}（{m['backend']}，训练数据 sha256 {str(m['data_sha256'])[:12]}）"
             if m else "未找到（套话和主题检查不可用）")
    return "\n".join([
        f"nianbao {v['nianbao']}",
        f"规则集 rules: {v['rules']['version']}（{v['rules']['count']} 条规则）",
        f"段落模型 model: {model}",
        f"评分细则 rubric: {v['rubric']['name']} {v['rubric']['version']}",
    ])

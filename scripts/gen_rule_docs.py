"""Write docs/rules.md and docs/rules/<CODE>.md from the rule declarations (nianbao/data/rules/*.toml).

    python scripts/gen_rule_docs.py          # regenerate
    python scripts/gen_rule_docs.py --check  # exit 1 when the docs are stale (used by the tests)
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from nianbao.rules.docs import rule_to_markdown
from nianbao.rules.registry import all_rules
from nianbao.vocab import CATEGORY_LABELS, SEVERITY_LABELS

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"


def render_all() -> dict[Path, str]:
    specs = all_rules()
    files: dict[Path, str] = {}
    lines = [
        "# 审查规则一览 (rule index)",
        "",
        "本页由 `scripts/gen_rule_docs.py` 根据 `src/nianbao/data/rules/*.toml` 自动生成，请勿手工修改。",
        "Generated from the rule declarations; edit the TOML files, then rerun the script.",
        "",
        f"共 {len(specs)} 条规则。`nianbao rules CODE` 在终端显示同样的说明。",
        "",
        "| 代码 | 类别 | 默认级别 | 名称 | 检查什么 |",
        "|---|---|---|---|---|",
    ]
    for s in specs:
        summary = s.summary.replace("|", "｜")
        lines.append(f"| [{s.code}](rules/{s.code}.md) | {CATEGORY_LABELS[s.category]} | {SEVERITY_LABELS[s.severity]} | "
                     f"{s.title} | {summary} |")
        files[DOCS / "rules" / f"{s.code}.md"] = rule_to_markdown(s)
    files[DOCS / "rules.md"] = "\n".join(lines) + "\n"
    return files


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--check", action="store_true")
    args = ap.parse_args()
    files = render_all()
    stale = [p for p, text in files.items() if not p.exists() or p.read_text(encoding="utf-8") != text]
    existing = set((DOCS / "rules").glob("*.md")) if (DOCS / "rules").exists() else set()
    orphans = existing - set(files)
    if args.check:
        for p in stale:
            print(f"stale: {p.relative_to(ROOT)}")
        for p in orphans:
            print(f"orphan: {p.relative_to(ROOT)}")
        return 1 if stale or orphans else 0
    (DOCS / "rules").mkdir(parents=True, exist_ok=True)
    for p in orphans:
        p.unlink()
    for p, text in files.items():
        p.write_text(text, encoding="utf-8")
    print(f"wrote {len(files)} files")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Rule documentation generated from the one declaration (for `nianbao rules` and docs/rules/)."""

from __future__ import annotations

from nianbao.rules.base import RuleSpec
from nianbao.vocab import CATEGORY_LABELS, SEVERITY_LABELS


def rule_to_dict(s: RuleSpec) -> dict:
    return {
        "code": s.code, "name": s.name, "title": s.title, "category": s.category, "severity": s.severity,
        "variant_severity": dict(s.variant_severity),
        "status": s.status, "summary": s.summary, "why": s.why, "fix": s.fix, "basis": s.basis,
        "examples": [{"fails": e.fails, "text": e.text} for e in s.examples],
        "declared_in": s.source_file, "check": s.check,
    }


def rule_to_markdown(s: RuleSpec) -> str:
    lines = [
        f"# {s.code} {s.title}",
        "",
        f"- 类别：{CATEGORY_LABELS.get(s.category, s.category)}（`{s.category}`）",
        f"- 默认级别：{SEVERITY_LABELS.get(s.severity, s.severity)}（`{s.severity}`）"
        + "".join(f"；`{v}` 情形为{SEVERITY_LABELS.get(x, x)}（`{x}`）" for v, x in s.variant_severity.items()),
        f"- 名称：`{s.name}`；声明于 `{s.source_file}`；实现：`{s.check}`",
        "",
        "## 检查什么",
        s.summary,
        "",
        "## 为什么",
        s.why or "—",
        "",
        "## 示例",
    ]
    for e in s.examples:
        lines += ["", "问题示例（会报告）：" if e.fails else "正确示例（不报告）：", "", "```text",
                  e.text.replace("\t", " │ "), "```"]
        if e.previous is not None:
            lines += ["", "上一年度报告：", "", "```text", e.previous.replace("\t", " │ "), "```"]
    lines += ["", "## 如何修改", s.fix, "", "## 依据", s.basis or "—", ""]
    return "\n".join(lines)

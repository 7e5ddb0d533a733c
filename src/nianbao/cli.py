"""The `nianbao` command. Each command parses options and calls a library function."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table as RichTable
from rich.tree import Tree

from nianbao.errors import InputError

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="nianbao：政府信息公开工作年度报告审查与评分工具 (audit and grade information-disclosure annual reports).",
)
err = Console(stderr=True)


def _fail_input(e: InputError) -> None:
    err.print(f"[red]错误：[/red]{e}", highlight=False)
    raise typer.Exit(2)


@app.command()
def inspect(
    report: Annotated[Path, typer.Argument(help="报告文件（PDF、DOCX、HTML 或 TXT）")],
    fmt: Annotated[str, typer.Option("--format", "-f", help="text 或 json")] = "text",
) -> None:
    """显示 nianbao 对报告结构的理解：标题、机关、年度、落款日期、统计期间、格式版本、六个部分和法定表格。"""
    from nianbao.api import load_report
    from nianbao.structure.export import report_to_dict

    try:
        rep = load_report(report)
    except InputError as e:
        _fail_input(e)
        return
    data = report_to_dict(rep)
    if fmt == "json":
        sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
        return
    _print_inspect(data)


def _print_inspect(d: dict) -> None:
    con = Console()
    meta = RichTable(show_header=False, box=None)
    for k, label in [("title", "标题"), ("agency", "机关"), ("level", "层级"), ("year", "年度"),
                     ("published", "落款日期"), ("format_version", "格式版本")]:
        meta.add_row(label, str(d.get(k)))
    per = d["period"]
    meta.add_row("统计期间", f"{per['start']} 至 {per['end']}" if per["start"] else "未找到")
    con.print(meta)
    tree = Tree("报告结构")
    for p in d["parts"]:
        node = tree.add(f"[bold]{p['title']}[/bold]  ({p['id']}, {len(p['paragraphs'])} 段)")
        _add_headings(node, p["headings"])
    con.print(tree)
    for tid, t in d["tables"].items():
        rt = RichTable(title=f"表格 {tid}（{t['layout']} 版）", show_lines=False)
        rt.add_column("行")
        for c in t["columns"]:
            rt.add_column(t["col_labels"].get(c, c), justify="right")
        for r in t["rows"]:
            rt.add_row(t["row_labels"].get(r, r), *[
                "" if (cell := t["cells"][r].get(c)) is None else (cell["raw"] if cell["value"] is None else str(cell["value"]))
                for c in t["columns"]])
        con.print(rt)
        if t["missing_rows"]:
            con.print(f"  缺少的行：{', '.join(t['missing_rows'])}")
    for n in d["parse_notes"]:
        con.print(f"[yellow]解析说明[/yellow] {n['code']}: {n['message']}", highlight=False)


def _add_headings(node, headings) -> None:
    for h in headings:
        sub = node.add(f"{h['title'][:40]}  ({len(h['paragraphs'])} 段)")
        _add_headings(sub, h["children"])


def main() -> None:
    app()


if __name__ == "__main__":
    main()

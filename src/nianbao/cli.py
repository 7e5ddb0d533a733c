"""The `nianbao` command. Each command parses options and calls a library function."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.table import Table as RichTable
from rich.tree import Tree

from nianbao.errors import InputError
from nianbao.termsafe import markup_safe, visible

if TYPE_CHECKING:
    from nianbao.config import Config

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="nianbao：政府信息公开工作年度报告审查与评分工具 (audit and grade information-disclosure annual reports).",
)
err = Console(stderr=True)

# Why an audit is incomplete is said at its top; its score is marked and ``score --fail-under`` exits with
# EXIT_INCOMPLETE instead of passing: a gate must never pass because a check could not run (issue #14).
EXIT_INCOMPLETE = 3


def _print_version(value: bool) -> None:
    if value:
        from nianbao.versions import version_text

        sys.stdout.write(version_text() + "\n")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[bool, typer.Option("--version", "-V", callback=_print_version, is_eager=True,
                                          help="显示 nianbao、规则集、段落模型和评分细则的版本")] = False,
) -> None:
    """nianbao：政府信息公开工作年度报告审查与评分工具。"""


def _fail(message: str) -> None:
    """One unwrapped sentence on stderr, then exit status 2 (a file name's control characters made visible)."""
    sys.stderr.write(f"错误：{visible(message, keep_newlines=False)}\n")
    raise typer.Exit(2)


def _fail_input(e: InputError) -> None:
    _fail(str(e))


@app.command()
def inspect(
    report: Annotated[Path, typer.Argument(help="报告文件（PDF、DOCX、HTML 或 TXT）")],
    fmt: Annotated[str, typer.Option("--format", "-f", help="text 或 json")] = "text",
) -> None:
    """显示 nianbao 对报告结构的理解：标题、机关、年度、发布日期（落款或网页）、统计期间、格式版本、六个部分和法定表格。"""
    from nianbao.audit import load_report
    from nianbao.render.report_json import report_to_dict

    _load_config()  # for the [limits] of a nianbao.toml found from here
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


def _load_config(path: Path | None = None, select: list[str] | None = None,
                 ignore: list[str] | None = None) -> Config:
    """The configuration (``path``, else a nianbao.toml or pyproject.toml found from here) with the --select /
    --ignore codes, its [limits] put in force in this process; a bad file: one sentence, exit 2."""
    from nianbao.config import ConfigError, load_config
    from nianbao.limits import configure as configure_limits

    try:
        cfg = load_config(path).with_overrides(_split_codes(select), _split_codes(ignore))
    except ConfigError as e:
        _fail(str(e))
    configure_limits(cfg.limits)
    return cfg


def _print_inspect(d: dict) -> None:
    """The structure as tables; every string from the report is plain text (Text objects, controls made
    visible): a title like ``[link=…]`` or an ESC sequence is shown, never obeyed."""
    from rich.text import Text

    from nianbao.termsafe import visible_strings

    d = visible_strings(d)
    con = Console(highlight=False)
    meta = RichTable(show_header=False, box=None)
    for k, label in [("title", "标题"), ("agency", "机关"), ("level", "层级"), ("year", "年度"),
                     ("published", "发布日期"), ("format_version", "格式版本")]:
        value = str(d.get(k))
        if k == "published" and d.get(k):
            value += {"signature": "（落款）", "page": "（据网页）"}.get(d.get("published_source") or "", "")
        meta.add_row(label, Text(value))
    per = d["period"]
    meta.add_row("统计期间", Text(f"{per['start']} 至 {per['end']}" if per["start"] else "未找到"))
    con.print(meta)
    tree = Tree("报告结构")
    for p in d["parts"]:
        label = Text(p["title"], style="bold")
        label.append(f"  ({p['id']}, {len(p['paragraphs'])} 段)", style="")
        node = tree.add(label)
        _add_headings(node, p["headings"])
    con.print(tree)
    for tid, t in d["tables"].items():
        rt = RichTable(title=Text(f"表格 {tid}（{t['layout']} 版）"), show_lines=False)
        rt.add_column("行")
        for c in t["columns"]:
            rt.add_column(Text(t["col_labels"].get(c, c)), justify="right")
        for r in t["rows"]:
            rt.add_row(Text(t["row_labels"].get(r, r)), *[
                Text("" if (cell := t["cells"][r].get(c)) is None else (cell["raw"] if cell["value"] is None else str(cell["value"])))
                for c in t["columns"]])
        con.print(rt)
        if t["missing_rows"]:
            con.print(Text(f"  缺少的行：{', '.join(t['missing_rows'])}"))
    for n in d["parse_notes"]:
        line = Text("解析说明", style="yellow")
        line.append(f" {n['code']}: {n['message']}")
        con.print(line)


def _add_headings(node, headings) -> None:
    from rich.text import Text

    for h in headings:
        sub = node.add(Text(f"{h['title'][:40]}  ({len(h['paragraphs'])} 段)"))
        _add_headings(sub, h["children"])


def _split_codes(values: list[str] | None) -> list[str]:
    out: list[str] = []
    for v in values or []:
        out.extend(x.strip().upper() for x in v.split(",") if x.strip())
    return out


@app.command()
def score(
    report: Annotated[Path, typer.Argument(help="报告文件（PDF、DOCX、HTML 或 TXT）")],
    fmt: Annotated[str, typer.Option("--format", "-f", help="text、json、md、html 或 pdf")] = "text",
    output: Annotated[Path | None, typer.Option("--output", "-o", help="写入文件（默认输出到屏幕）")] = None,
    annotate: Annotated[bool, typer.Option("--annotate", help="写出带批注的 Word 文档：每条问题是其证据处的批注（-o 指定文件名，默认“报告名.审查.docx”）")] = False,
    rubric: Annotated[str | None, typer.Option("--rubric", help="评分细则：default、district-10 或 TOML 文件路径")] = None,
    select: Annotated[list[str] | None, typer.Option("--select", help="只运行这些规则（代码或前缀，可用逗号分隔）")] = None,
    ignore: Annotated[list[str] | None, typer.Option("--ignore", help="不运行这些规则（代码或前缀）")] = None,
    config: Annotated[Path | None, typer.Option("--config", help="配置文件（nianbao.toml 或 pyproject.toml）")] = None,
    fail_under: Annotated[float | None, typer.Option("--fail-under", help="得分低于此值时以状态 1 退出；审查不完整（如段落分类器不可用）时以状态 3 退出，不予通过")] = None,
    color: Annotated[bool | None, typer.Option("--color/--no-color", help="终端输出是否着色")] = None,
    previous: Annotated[Path | None, typer.Option(
        "--previous", help="同一机关上一年度的报告（任一格式）：加做跨年度核对（结转衔接、现行有效件数、上年问题整改、照搬上年文字）和主要数字的同比")] = None,
) -> None:
    """审查并评分一份年度报告：得分、等级、各部分得分和每一条问题（证据、位置、修改建议）。"""
    from nianbao.audit import audit_report, load_report
    from nianbao.render import FORMATS
    from nianbao.scoring import RubricError, load_rubric

    formats = (*FORMATS, "pdf")  # pdf: the HTML audit printed by the system's browser
    if fmt not in formats:
        _fail(f"不支持的输出格式 {fmt}（可选 {'、'.join(formats)}）。")
    try:
        rub = load_rubric(rubric)
    except RubricError as e:
        _fail(str(e))
    cfg = _load_config(config, select, ignore)
    binary = annotate or fmt == "pdf"  # written next to the report unless -o says where
    if binary and output is None:
        output = report.with_name(f"{report.stem}.审查.{'docx' if annotate else 'pdf'}")
    _check_output(output)  # before the audit: a wrong -o fails in a second, not after the work
    try:
        rep = load_report(report)
        prev = load_report(previous) if previous is not None else None
    except InputError as e:
        _fail_input(e)
        return
    result = audit_report(rep, rubric=rub, config=cfg, previous=prev)
    if binary:
        _write_binary(result, report, output, annotate)
    elif fmt == "text" and output is None:
        from nianbao.render.terminal import render_text

        sys.stdout.write(render_text(result.to_dict(), color=color))
    else:
        out = result.to_text(color=False) if fmt == "text" else result.render(fmt)
        if output is not None:
            _write_output(output, out)
            err.print(f"已写入 {markup_safe(str(output))}（得分 {result.score}，{result.grade}）", highlight=False)
        else:
            # Markdown/HTML on a terminal: the report's ESC and control characters are shown, never obeyed
            out = visible(out)
            sys.stdout.write(out if out.endswith("\n") else out + "\n")
    if fail_under is not None and result.incomplete:
        sys.stderr.write(f"审查不完整，--fail-under 不予通过（退出状态 {EXIT_INCOMPLETE}）："
                         f"{visible(result.incomplete[0], keep_newlines=False)}\n")
        raise typer.Exit(EXIT_INCOMPLETE)
    if fail_under is not None and result.score < fail_under:
        raise typer.Exit(1)


def _write_binary(result, report: Path, target: Path, annotate: bool) -> None:
    """--annotate (the author's document with comments) or --format pdf (the printed HTML audit) to ``target``
    (already checked by _check_output)."""
    if annotate:
        from nianbao.render.docx import annotated_docx

        source = report.read_bytes() if result.report.raw.format == "docx" else None
        findings = result.to_dict()["findings"]
        data = annotated_docx(result.report, findings, source)
        what = f"{len(findings)} 条批注"
    else:
        from nianbao.render.pdf import PdfError, html_to_pdf

        try:
            data = html_to_pdf(result.render("html"))
        except PdfError as e:
            _fail(str(e))
            return
        what = "PDF"
    _write_output(target, data)
    err.print(f"已写入 {markup_safe(str(target))}（{what}；得分 {result.score}，{result.grade}）", highlight=False)


def _check_output(path: Path | None) -> None:
    """-o must name a file whose folder exists or can be made: not a folder, not below a file."""
    if path is None:
        return
    if path.is_dir():
        _fail(f"{path}：这是一个目录，不能作为输出文件；请在 -o 后给出文件名，例如 {path / '审查报告.html'}。")
    for parent in path.parents:
        if parent.exists():
            if not parent.is_dir():
                _fail(f"{path}：上级路径 {parent} 是一个文件而不是目录，无法在其下写入输出文件。")
            break


def _write_output(path: Path, data: str | bytes) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(data, bytes):
            path.write_bytes(data)
        else:
            path.write_text(data, encoding="utf-8")
    except OSError as e:
        _fail(f"{path}：无法写入输出文件（{e.strerror or type(e).__name__}）。")


@app.command()
def rules(
    code: Annotated[str | None, typer.Argument(help="规则代码，如 T3-01；不填则列出全部规则")] = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="text 或 json")] = "text",
) -> None:
    """列出全部审查规则，或详细说明一条规则（检查什么、为什么、示例、如何修改、依据）。"""
    from nianbao.rules.docs import rule_to_dict, rule_to_markdown
    from nianbao.rules.registry import all_rules, get_rule

    con = Console()
    if code:
        spec = get_rule(code)
        if spec is None:
            _fail(f"没有代码为 {code} 的规则。运行 nianbao rules 查看全部规则。")
        if fmt == "json":
            sys.stdout.write(json.dumps(rule_to_dict(spec), ensure_ascii=False, indent=2) + "\n")
        else:
            from rich.markdown import Markdown

            con.print(Markdown(rule_to_markdown(spec)))
        return
    specs = all_rules()
    if fmt == "json":
        sys.stdout.write(json.dumps([rule_to_dict(s) for s in specs], ensure_ascii=False, indent=2) + "\n")
        return
    t = RichTable(title=f"nianbao 审查规则（共 {len(specs)} 条）")
    for col in ("代码", "类别", "级别", "名称", "检查内容"):
        t.add_column(col, overflow="fold")
    for s in specs:
        t.add_row(s.code, s.category, s.severity, s.title, s.summary[:60] + ("…" if len(s.summary) > 60 else ""))
    con.print(t)


@app.command()
def train(
    backend: Annotated[str, typer.Option(help="sklearn 或 transformers")] = "sklearn",
    corpus: Annotated[Path, typer.Option(help="标注段落语料（JSONL）")] = Path("corpora/paragraphs.jsonl"),
    out: Annotated[Path | None, typer.Option(help="模型输出目录")] = None,
    base_model: Annotated[Path | None, typer.Option("--base-model", help="本地 BERT 类预训练模型目录（transformers）")] = None,
    seed: Annotated[int, typer.Option(help="随机种子")] = 0,
    small: Annotated[bool, typer.Option("--small", help="小规模快速训练（测试用）")] = False,
) -> None:
    """训练段落分类器（套话判断和主题），保存模型和模型卡。"""
    from nianbao.classify import default_model_name
    from nianbao.classify import train as do_train

    out = out or Path("models") / default_model_name(backend)
    metrics = do_train(backend, corpus, out, base_model=base_model, seed=seed, small=small)
    Console().print_json(json.dumps(metrics, ensure_ascii=False, default=str))
    err.print(f"模型已保存到 {out}", highlight=False)


@app.command()
def evaluate(
    backend: Annotated[str, typer.Option(help="sklearn 或 transformers")] = "sklearn",
    corpus: Annotated[Path, typer.Option(help="标注段落语料（JSONL）")] = Path("corpora/paragraphs.jsonl"),
    model: Annotated[Path | None, typer.Option(help="模型目录（默认使用随附模型）")] = None,
    split: Annotated[str, typer.Option(help="train、validation 或 test")] = "test",
) -> None:
    """评估段落分类器：各标签的精确率、召回率、F1 和混淆矩阵。"""
    from nianbao.classify import evaluate as do_eval

    metrics = do_eval(backend, corpus, model, split=split)
    sys.stdout.write(json.dumps(metrics, ensure_ascii=False, indent=2, default=str) + "\n")


@app.command()
def serve(
    host: Annotated[str, typer.Option("--host", help="监听地址（默认只允许本机访问）")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", help="端口")] = 8765,
    config: Annotated[Path | None, typer.Option("--config", help="配置文件（其中 [limits] 限定每个文件的大小、时间和内存）")] = None,
) -> None:
    """启动本机网页：拖入一个或多个报告文件，下载审查报告（HTML）、批注文档（DOCX）和 JSON。"""
    from nianbao.config import load_config

    try:
        from nianbao.serve import run
    except ImportError:
        _fail("网页服务需要可选组件 serve：pip install 'nianbao[serve]'（starlette、uvicorn、python-multipart）。")
        return
    try:
        limits = load_config(config).limits
    except (OSError, ValueError) as e:
        _fail(str(e))
        return
    err.print(f"nianbao 网页服务已启动：http://{host}:{port}/ （按 Ctrl+C 停止）", highlight=False)
    run(host=host, port=port, limits=limits)


# batch evaluation lives in its own module; it only imports typer/rich at the top
from nianbao.batch.command import batch as _batch  # noqa: E402

app.command("batch")(_batch)


def _survivable_console() -> None:
    """A console that cannot encode a character (a GBK Windows console, a pipe in another code page)
    shows it as "?" instead of stopping the command with UnicodeEncodeError."""
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure") and (stream.encoding or "").lower().replace("-", "") != "utf8":
            stream.reconfigure(errors="replace")


def main() -> None:
    from nianbao import recache

    recache.install()  # compiled regexes from the per-user cache: start-up without re-parsing every pattern
    _survivable_console()
    app()


if __name__ == "__main__":
    main()

"""The ``nianbao batch`` command (registered in cli.py with ``app.command("batch")(batch)``)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

err = Console(stderr=True)


def batch(
    inputs: Annotated[list[Path] | None, typer.Argument(
        help="报告文件、文件夹（含子文件夹）或通配符，支持 PDF、DOCX、HTML、TXT")] = None,
    out: Annotated[Path, typer.Option("--out", "-o", help="输出目录（数据库、排名表、汇总页和每份报告的审查页）")] = Path(
        "nianbao-batch"),
    jobs: Annotated[int | None, typer.Option("--jobs", "-j", help="并行进程数（默认使用全部 CPU 核心）")] = None,
    previous: Annotated[Path | None, typer.Option(
        "--previous", help="上一年度报告所在文件夹：按机关名称匹配同一机关的上年报告，检测与上年报告雷同并做跨年度核对（结转衔接、现行有效件数、上年问题整改）")] = None,
    rubric: Annotated[str | None, typer.Option("--rubric", help="评分细则：default、district-10 或 TOML 文件路径")] = None,
    resume: Annotated[bool, typer.Option(
        "--resume", help="继续上次中断的批量审查（可省略输入，沿用上次的输入和参数）")] = False,
    config: Annotated[Path | None, typer.Option("--config", help="配置文件（nianbao.toml 或 pyproject.toml）")] = None,
    progress: Annotated[bool | None, typer.Option(
        "--progress/--no-progress", help="是否显示进度条（默认在终端中显示）")] = None,
    annotate: Annotated[bool, typer.Option(
        "--annotate", help="同时为每份报告写出带批注的 Word 文档（audits/ 下与审查页同名的 .docx）")] = False,
    engine: Annotated[str, typer.Option(
        "--engine", help="执行引擎：local（本机进程池，默认）或 dask（dask.distributed 集群，需安装 nianbao[dask]）")] = "local",
    scheduler: Annotated[str | None, typer.Option(
        "--scheduler", help="Dask 调度器地址（如 tcp://10.0.0.5:8786；省略则在本机启动 --jobs 个工作进程）")] = None,
    timeout: Annotated[float | None, typer.Option(
        "--timeout", help="每个文件解析或审查的时间上限（秒，0 表示不限；默认取配置 [limits] file_seconds，即 120），"
                          "超时的文件记为失败")] = None,
    max_memory: Annotated[int | None, typer.Option(
        "--max-memory", help="每个文件可占用的内存上限（MB，0 表示不限；默认取配置 [limits] file_memory_mb，即 2048），"
                             "超出的文件记为失败")] = None,
) -> None:
    """批量审查：并行审查成百上千份年度报告，结果存入可续跑的数据库，输出排名表、汇总图表、雷同检测和每份报告的审查页。"""
    from nianbao.batch.runner import BatchError, run_batch
    from nianbao.config import load_config
    from nianbao.termsafe import markup_safe, visible

    try:
        cfg = load_config(config)
    except (OSError, ValueError) as e:
        sys.stderr.write(f"错误：{visible(str(e), keep_newlines=False)}\n")  # one unwrapped sentence
        raise typer.Exit(2) from None
    timeout = cfg.limits.file_seconds if timeout is None else timeout
    max_memory = int(cfg.limits.file_memory_mb) if max_memory is None else max_memory
    try:
        res = run_batch(list(inputs or []), out, jobs=jobs, previous=previous, rubric=rubric, resume=resume,
                        config=cfg, progress=progress, console=err, annotate=annotate, timeout=timeout,
                        max_memory_mb=max_memory, engine=engine, scheduler=scheduler)
    except BatchError as e:
        sys.stderr.write(f"错误：{visible(str(e), keep_newlines=False)}\n")  # one unwrapped sentence
        raise typer.Exit(2) from None
    except KeyboardInterrupt:
        err.print(f"已中断。已完成的结果都已保存在 {markup_safe(str(out))}，"
                  f"运行 nianbao batch --out {markup_safe(str(out))} --resume 继续。",
                  highlight=False)
        raise typer.Exit(130) from None
    for m in res.missing_inputs:
        err.print(f"[yellow]注意：[/yellow]没有找到与 {markup_safe(str(m))} 对应的文件。", highlight=False)
    sys.stdout.write(res.summary_line() + "\n")

"""Batch outputs, all rebuilt from the store on every run: ranking.csv (UTF-8 with BOM, for Excel),
ranking.xlsx, copying.csv, failures.csv and summary.html."""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from nianbao.datacache import write_atomic
from nianbao.render.common import COPY_KIND_LABELS, grade_color, grade_names
from nianbao.vocab import (
    CATEGORIES,
    CATEGORY_LABELS,
    GRADE_FILLS,
    LEVEL_LABELS,
    PART_IDS,
    PART_NAMES,
    SEVERITIES,
    SEVERITY_LABELS,
    SOURCE_FORMAT_SHORT,
)


@dataclass
class BatchData:
    rows: list[dict[str, Any]] = field(default_factory=list)  # ranked, one per audited report
    failures: list[dict[str, Any]] = field(default_factory=list)  # one per failed file path
    copies: list[dict[str, Any]] = field(default_factory=list)  # one per copying match
    part_ids: list[str] = field(default_factory=list)
    part_titles: dict[str, str] = field(default_factory=dict)
    meta: dict[str, Any] = field(default_factory=dict)


def collect(store: Any, current: list[str], paths_of: dict[str, list[str]], docs: dict[str, dict],
            copying: dict[str, dict], res: Any) -> BatchData:
    audits = store.audits(current)
    data = BatchData()
    for sha in current:
        d = docs.get(sha) or {}
        a = audits.get(sha)
        paths = sorted(paths_of[sha])
        if d.get("status") != "parsed" or a is None or a["status"] != "audited":
            reason = d.get("reason") if d.get("status") != "parsed" else (a or {}).get("reason") or "未完成审查"
            stage = "解析" if d.get("status") != "parsed" else "审查"
            for p in paths:
                data.failures.append({"path": p, "name": Path(p).name, "stage": stage, "reason": reason, "sha": sha,
                                      "format": SOURCE_FORMAT_SHORT.get(d.get("format") or "", d.get("format") or "")})
            continue
        row = dict(a["row"])
        row.update(sha=sha, paths=paths, html=f"audits/{_html_name(d['name'], sha)}")
        data.rows.append(row)
        for pid, p in row["parts"].items():
            if pid not in data.part_ids:
                data.part_ids.append(pid)
                data.part_titles[pid] = PART_NAMES.get(pid, p.get("title") or pid)
        cpd = copying.get(sha) or {}
        for m in cpd.get("matches") or []:
            data.copies.append({"path": paths[0], "agency": row.get("agency") or "", "kind": m["kind"],
                                "share": cpd.get("other_units_share") if m["kind"] == "cross_unit"
                                else cpd.get("previous_year_share"),
                                "source": m.get("source"), "source_agency": m.get("agency"),
                                "similarity": m.get("similarity"), "sentence": m.get("sentence"),
                                "matched": m.get("matched"), "residue": m.get("residue") or ""})
    data.part_ids.sort(key=lambda p: PART_IDS.index(p) if p in PART_IDS else len(PART_IDS))
    data.rows.sort(key=lambda r: (-float(r["score"]), r.get("agency") or "", r["paths"][0]))
    rank, prev = 0, None
    for i, r in enumerate(data.rows, 1):
        if r["score"] != prev:
            rank, prev = i, r["score"]
        r["rank"] = rank
    data.failures.sort(key=lambda f: f["path"])
    data.meta = {"files": res.files, "contents": res.contents, "previous_files": res.previous_files,
                 "copy_stats": res.copy_stats, "stages": res.stages,
                 "rubric": (data.rows[0]["rubric"] if data.rows else None)}
    return data


_UNSAFE = re.compile(r"[^\w\-]+")


def safe_name(name: str, sha: str) -> str:
    """The per-report HTML page's file name: the input's stem, sanitised, and the content hash."""
    stem = _UNSAFE.sub("_", Path(name).stem).strip("_")[:60] or "report"
    return f"{stem}-{sha[:10]}.html"


_html_name = safe_name


def _pct(x: float | None) -> str:
    return "" if x is None else f"{x * 100:.1f}%"


def ranking_columns(data: BatchData) -> list[str]:
    return (["排名", "机关", "层级", "年度", "文件格式", "报告格式版本", "得分", "等级"]
            + [f"{data.part_titles[p]}（得分）" for p in data.part_ids]
            + [SEVERITY_LABELS[s] for s in SEVERITIES] + [f"{CATEGORY_LABELS.get(c, c)}问题" for c in CATEGORIES]
            + ["与其他单位雷同", "与上年报告雷同", "主要问题1", "主要问题2", "主要问题3", "读取提示", "审查报告", "文件路径"])


def ranking_values(data: BatchData, r: dict[str, Any]) -> list[Any]:
    top = [f"{t['rule']}（{SEVERITY_LABELS.get(t['severity'], t['severity'])}）{t['message']}" for t in r["top"]]
    top += [""] * (3 - len(top))
    parts = [r["parts"][p]["score"] if p in r["parts"] else None for p in data.part_ids]
    cats = [r["counts"]["by_category"].get(c, 0) for c in CATEGORIES]
    return ([r["rank"], r.get("agency") or "", LEVEL_LABELS.get(r.get("level") or "", r.get("level") or ""),
             r.get("year"), SOURCE_FORMAT_SHORT.get(r.get("format") or "", r.get("format") or ""),
             r.get("format_version") or "", r["score"], r["grade"]] + parts
            + [r["counts"]["error"], r["counts"]["warning"], r["counts"]["info"]] + cats
            + [_pct(r.get("other_units_share")), _pct(r.get("previous_year_share"))] + top[:3]
            + [r.get("reading") or "", r["html"], "；".join(r["paths"])])


# OWASP CSV injection: a cell whose text starts with one of these is a formula in Excel, WPS and LibreOffice
FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n")


def spreadsheet_safe(value: Any) -> Any:
    """Text that a spreadsheet would run as a formula gets a leading apostrophe; numbers pass unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def _append_strings(ws: Any, values: list[Any]) -> None:
    """Append a row whose text cells are neutralised and typed as strings (openpyxl would write a text
    starting with '=' as a live formula)."""
    from openpyxl.cell import Cell

    cells = []
    for v in values:
        cell = Cell(ws, value=spreadsheet_safe(v))
        if isinstance(cell.value, str):
            cell.data_type = "s"
        cells.append(cell)
    ws.append(cells)  # (not ws[ws.max_row] afterwards: max_row scans every cell, quadratic in the rows)


def _write(path: Path, data: bytes) -> None:
    """Each output is replaced whole (a reader never sees half a file), readable like any file the user writes."""
    write_atomic(path, data, mode=0o666)


def write_csv(path: Path, header: list[str], rows: list[list[Any]]) -> None:
    buf = io.StringIO(newline="")
    w = csv.writer(buf)
    w.writerow([spreadsheet_safe(v) for v in header])
    w.writerows(["" if v is None else spreadsheet_safe(v) for v in row] for row in rows)
    _write(path, buf.getvalue().encode("utf-8-sig"))  # BOM: Excel opens UTF-8 correctly


def write_xlsx(path: Path, data: BatchData) -> None:
    from openpyxl import Workbook
    from openpyxl.formatting.rule import CellIsRule, ColorScaleRule
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    wb = Workbook()
    ws = wb.active
    ws.title = "排名"
    header = ranking_columns(data)
    _append_strings(ws, header)
    for r in data.rows:
        _append_strings(ws, ranking_values(data, r))
    bold, head_fill = Font(bold=True), PatternFill("solid", fgColor="D9E1F2")
    for c in ws[1]:
        c.font, c.fill = bold, head_fill
        c.alignment = Alignment(wrap_text=True, vertical="center")
    ws.freeze_panes = "C2"  # header row and rank + agency stay visible
    widths = {"排名": 6, "机关": 30, "层级": 10, "年度": 7, "文件格式": 8, "报告格式版本": 10, "得分": 8, "等级": 8,
              "与其他单位雷同": 10, "与上年报告雷同": 10, "主要问题1": 40, "主要问题2": 40, "主要问题3": 40,
              "审查报告": 30, "文件路径": 50}
    for i, name in enumerate(header, 1):
        ws.column_dimensions[get_column_letter(i)].width = widths.get(name, 9)
    n = len(data.rows) + 1
    if data.rows:
        gcol = get_column_letter(header.index("等级") + 1)
        for grade in grade_names({}):
            colour = grade_color({}, grade, GRADE_FILLS)
            ws.conditional_formatting.add(f"{gcol}2:{gcol}{n}", CellIsRule(
                operator="equal", formula=[f'"{grade}"'], fill=PatternFill("solid", fgColor=colour, bgColor=colour)))
        scol = get_column_letter(header.index("得分") + 1)
        ws.conditional_formatting.add(f"{scol}2:{scol}{n}", ColorScaleRule(
            start_type="num", start_value=60, start_color="F8696B", mid_type="num", mid_value=80,
            mid_color="FFEB84", end_type="num", end_value=100, end_color="63BE7B"))
        hcol = header.index("审查报告") + 1
        for i, r in enumerate(data.rows, 2):
            cell = ws.cell(row=i, column=hcol)
            cell.hyperlink = r["html"]
            cell.font = Font(color="0563C1", underline="single")
    ws.auto_filter.ref = f"A1:{get_column_letter(len(header))}{n}"
    wf = wb.create_sheet("失败")
    _append_strings(wf, ["文件路径", "阶段", "原因"])
    for f in data.failures:
        _append_strings(wf, [f["path"], f["stage"], f["reason"]])
    for c in wf[1]:
        c.font, c.fill = bold, head_fill
    wf.freeze_panes = "A2"
    wf.column_dimensions["A"].width, wf.column_dimensions["B"].width, wf.column_dimensions["C"].width = 60, 8, 80
    buf = io.BytesIO()
    wb.save(buf)
    _write(path, buf.getvalue())


COPY_HEADER = ["报告文件", "机关", "类型", "雷同比例", "来源文件", "来源机关", "相似度", "本报告语句", "相似语句", "遗留问题"]
FAIL_HEADER = ["文件路径", "文件名", "文件格式", "阶段", "原因", "内容哈希"]


def write_all(out: Path, data: BatchData) -> None:
    from nianbao.batch.summary import render_summary

    write_csv(out / "ranking.csv", ranking_columns(data), [ranking_values(data, r) for r in data.rows])
    write_xlsx(out / "ranking.xlsx", data)
    write_csv(out / "copying.csv", COPY_HEADER,
              [[c["path"], c["agency"], COPY_KIND_LABELS.get(c["kind"], c["kind"]), _pct(c["share"]), c["source"],
                c["source_agency"], c["similarity"], c["sentence"], c["matched"], c["residue"]] for c in data.copies])
    write_csv(out / "failures.csv", FAIL_HEADER,
              [[f["path"], f["name"], f["format"], f["stage"], f["reason"], f["sha"]] for f in data.failures])
    _write(out / "summary.html", render_summary(data).encode("utf-8"))

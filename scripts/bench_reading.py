"""Measure nianbao's reading on the study set of real published reports and on our own fixtures.

    python scripts/bench_reading.py [--repeat 3] [--json out.json]

Compares what nianbao reads with the hand-checked facts of ``corpora/real/study_set.toml`` (files in
``.cache/study/``, gathered with ``scripts/real_study.py gather``) and of the #12 development set's copied page
texts (``.cache/devset/``):

* PDFs: all six parts found; "missing part" (S-01) findings charged on reports that have all six; tables 2–4
  right cell by cell; agency, year and publication date right; warm read time (read + structure, median of
  ``--repeat`` runs after one warm-up, one process, one core) and the two text engines' cost on the same file
  (pdfplumber characters vs pypdfium2 text + character boxes);
* copied page texts: agency and year right (the dev set's facts), publication date right (read from the page
  furniture by hand, study_set.toml), page furniture never taken for the title;
* our own fixtures (tests/fixtures/real_like, tests/fixtures/formats): the same figures, for comparison.

Prints a Markdown table for docs/benchmarks.md. Reports missing from the cache are skipped and counted.
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
import time
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from nianbao.audit import audit_report, load_report  # noqa: E402
from nianbao.textnorm import no_space  # noqa: E402

MANIFEST = ROOT / "corpora" / "real" / "study_set.toml"
CACHE = ROOT / ".cache"
SIX = ["overview", "proactive", "requests", "review_litigation", "problems", "other"]
_FURNITURE_IN_TITLE = re.compile(r"当前位置|您的位置|首页|>|＞|字号|字体|打印|关闭|发布时间|发布日期|来源[:：]|索引号")


def _norm_agency(s: str | None) -> str:
    """"X镇人民政府" and "X镇", "X区政府" and "X区人民政府" name the same body; full-width and ASCII brackets are one."""
    a = no_space(s or "").replace("人民政府", "政府").replace("街道办事处", "街道").replace("（", "(").replace("）", ")")
    return re.sub(r"(?<=[省市县区旗州盟镇乡木])政府$", "", a)


def agency_right(read: str | None, fact: str) -> bool:
    """Right when equal, or when one is the other with its higher-level prefix ("淮安市洪泽区人民政府")."""
    a, b = _norm_agency(read), _norm_agency(fact)
    if not a or not b or fact.startswith("（"):
        return False
    # the report's own short name ("盐店镇") for the full one the site gives ("剑阁县盐店镇人民政府")
    return a == b or a.endswith(b) or b.endswith(a) and (len(a) >= 4 or a.endswith(("镇", "乡", "街道", "苏木")))


def _timed(fn, repeat: int, clock=time.perf_counter) -> float:
    fn()
    runs = []
    for _ in range(repeat):
        t = clock()
        fn()
        runs.append(clock() - t)
    return statistics.median(runs)


def _engines(path: Path, repeat: int) -> tuple[float, float]:
    import pdfplumber
    import pypdfium2 as pdfium

    def plumber():
        with pdfplumber.open(path) as pdf:
            for p in pdf.pages:
                _ = p.chars

    def pdfium_text():
        doc = pdfium.PdfDocument(str(path))
        for page in doc:
            tp = page.get_textpage()
            n = tp.count_chars()
            tp.get_text_range()
            for i in range(n):
                tp.get_charbox(i)
        doc.close()

    return _timed(plumber, repeat), _timed(pdfium_text, repeat)


def table_cells(rep, r: dict) -> tuple[int, int, list[str]]:
    """(right, all, the wrong ones) over the cells of tables 2–4 the manifest records for report ``r``."""
    cells_total = cells_right = 0
    wrong: list[str] = []
    for tid, rows in (r.get("tables") or {}).items():
        t = rep.tables.get(tid)
        for rk, values in rows.items():
            cols = list(t.cells[rk].keys()) if t and rk in t.cells else []
            for k, v in enumerate(values):
                cells_total += 1
                got = t.value(rk, cols[k]) if t and rk in t.cells and k < len(cols) else None
                if got is not None and abs(float(got) - float(v)) < 1e-9:
                    cells_right += 1
                else:
                    wrong.append(f"{tid}.{rk}[{k}]={got}≠{v}")
    return cells_right, cells_total, wrong


def measure_pdf(r: dict, path: Path, repeat: int) -> dict:
    rep = load_report(path)
    audit = audit_report(rep, use_classifier=False)
    found = [p.id for p in rep.parts]
    cells_right, cells_total, wrong = table_cells(rep, r)
    m = rep.meta
    warm = _timed(lambda: load_report(path), repeat)
    cpu = _timed(lambda: load_report(path), repeat, time.process_time)  # CPU work: less sensitive to the load
    plumber, pdfium_t = _engines(path, repeat)
    return {
        "id": r["id"], "pages": rep.raw.page_count, "parts_found": found, "all_parts": found == SIX,
        "missing_part_charged": sum(1 for f in audit.findings if f.rule == "S-01" and f.cause != "parse"),
        "cells": cells_total, "cells_right": cells_right, "wrong": wrong[:8],
        "agency_right": agency_right(m.agency, r["agency"]), "year_right": m.year == r["year"],
        # a file without a 落款: its date is only on the web page (recorded as a fact), not readable from the file
        "published_right": None if not r.get("published") or r.get("file_has_date") is False
        else (m.published and m.published.isoformat()) == r["published"],
        "page_date": r.get("published") or None,
        "reading_low": audit.reading.low if audit.reading else None,
        "score": audit.score, "grade": audit.grade,
        "warm_s": round(warm, 3), "cpu_s": round(cpu, 3),
        "cpu_s_per_10_pages": round(cpu / max(1, rep.raw.page_count or 1) * 10, 3), "pdfplumber_chars_s": round(plumber, 3), "pdfium_text_boxes_s": round(pdfium_t, 3),
    }


def measure_page_text(r: dict, path: Path) -> dict:
    """A saved page's text: parts, agency, year, date; tables whose cells ran together must be flagged, not charged.
    A page with the title alone must be refused with one sentence (``title_only``), not graded."""
    from nianbao.errors import InputError

    if r.get("title_only"):
        try:
            load_report(path)
        except InputError as e:
            return {"id": r["id"], "format": r["format_version"], "refused": e.code}
        return {"id": r["id"], "format": r["format_version"], "refused": None}
    rep = load_report(path)
    audit = audit_report(rep, use_classifier=False)
    m = rep.meta
    charged = [f.rule for f in audit.findings if f.rule in ("S-01", "S-04") and f.cause != "parse"]
    got = m.published and m.published.isoformat()
    right, total, wrong = table_cells(rep, r)
    return {"cells_right": right, "cells": total, "wrong": wrong,
            "id": r["id"], "format": r["format_version"], "parts_found": [p.id for p in rep.parts],
            # the six parts are measured on reports of the current formats only (the old outline has others)
            "all_parts": [p.id for p in rep.parts] == SIX if r["parts"] == SIX else None,
            "agency_right": agency_right(m.agency, r["agency"]), "year_right": m.year == r["year"],
            "format_right": m.format_version == r["format_version"],
            # the page's date, or the 落款 where the report is signed with another date
            "published_right": got in (r["published"], r.get("signed")),
            "unread_tables_flagged": audit.reading.unread_tables if audit.reading else [],
            "structure_findings_charged": charged, "score": audit.score}


def measure_copied(manifest: dict) -> dict:
    pub = manifest["copied_text"]["published"]
    rows = []
    for mf in manifest["copied_text"]["manifests"]:
        p = ROOT / mf
        if not p.exists():
            continue
        rows += [json.loads(x) for x in p.read_text(encoding="utf-8").splitlines() if x.strip()]
    folder = CACHE / manifest["copied_text"]["cache"]
    out = {"excerpts": 0, "absent": 0, "agency_known": 0, "agency_right": 0, "agency_named": 0, "agency_named_right": 0, "year_right": 0, "year_known": 0,
           "published_checked": 0, "published_right": 0, "furniture_title": 0, "failed": 0, "wrong_agency": []}
    for row in rows:
        f = folder / f"{row['id']}.txt"
        if not f.exists():
            out["absent"] += 1
            continue
        out["excerpts"] += 1
        try:
            rep = load_report(f, require_report=False)
        except Exception:  # noqa: BLE001 - a reader failure is a measured failure
            out["failed"] += 1
            continue
        m = rep.meta
        if row.get("agency") and "（" not in str(row["agency"]):
            out["agency_known"] += 1
            ok = agency_right(m.agency, row["agency"])
            out["agency_right"] += int(ok)
            # the fair subset: the excerpt itself names the body (else only the URL or the site did)
            named = _norm_agency(row["agency"]) in _norm_agency(rep.text)
            out["agency_named"] += int(named)
            out["agency_named_right"] += int(named and ok)
            if named and not ok:
                out["wrong_agency"].append(f"{row['id']}: {m.agency} ≠ {row['agency']}")
        if row.get("year"):
            out["year_known"] += 1
            out["year_right"] += int(m.year == row["year"])
        if row["id"] in pub:
            out["published_checked"] += 1
            out["published_right"] += int(bool(m.published) and m.published.isoformat() == pub[row["id"]])
        if m.title and _FURNITURE_IN_TITLE.search(m.title):
            out["furniture_title"] += 1
    return out


def measure_fixtures() -> dict:
    exp = json.loads((ROOT / "tests/fixtures/reports/expected.json").read_text(encoding="utf-8"))
    files = sorted((ROOT / "tests/fixtures/real_like").glob("*.*")) + [
        p for p in sorted((ROOT / "tests/fixtures/formats").glob("*")) if p.suffix in (".pdf", ".html", ".docx")
        and not p.name.startswith(("encrypted", "scanned", "garbled", "table_over"))]
    out = {"files": 0, "all_parts": 0, "cells": 0, "cells_right": 0}
    for f in files:
        stem = f.name.split(".")[0]
        e = exp.get(f"{stem}.txt") or exp.get("county_bureau_2023.txt") if f.parent.name == "real_like" else \
            exp.get(f"{stem}.txt")
        if not e:
            continue
        rep = load_report(f)
        out["files"] += 1
        out["all_parts"] += int([p.id for p in rep.parts] == [p for p in e["parts"] if p])
        for key, value in e["table_cells"].items():
            tid, row, col = key.split(".")
            if f.name == "flowing.txt":
                continue  # its table cells ran together: not readable by design
            out["cells"] += 1
            t = rep.tables.get(tid)
            out["cells_right"] += int(t is not None and t.value(row, col) == value)
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--json", type=Path)
    a = ap.parse_args(argv)
    manifest = tomllib.loads(MANIFEST.read_text(encoding="utf-8"))
    pdfs = []
    absent = 0
    for r in manifest["report"]:
        if not r.get("held", True) or r["kind"] != "pdf":
            continue
        p = CACHE / "study" / r["cache"]
        if not p.exists():
            absent += 1
            continue
        pdfs.append(measure_pdf(r, p, a.repeat))
    pages = [measure_page_text(r, CACHE / "study" / r["text_cache"]) for r in manifest["report"]
             if r.get("text_cache") and (CACHE / "study" / r["text_cache"]).exists()]
    copied = measure_copied(manifest)
    fixtures = measure_fixtures()
    result = {"pdfs": pdfs, "pdfs_absent": absent, "page_texts": pages, "copied": copied, "fixtures": fixtures}
    if a.json:
        a.json.write_text(json.dumps(result, ensure_ascii=False, indent=2), encoding="utf-8")

    print("| PDF | 页 | 六部分 | 误报缺失部分 | 表格单元格 | 机关 | 年度 | 发布日期 | 得分 | 读取时间 s | CPU s | CPU s/10页 | pdfplumber 字符 s | pypdfium2 文字+字框 s |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|")
    for x in pdfs:
        pub = ("—" if not x["page_date"] else f"—（文件无落款，网页 {x['page_date']}）") if x["published_right"] is None \
            else ("对" if x["published_right"] else "错")
        print(f"| {x['id']} | {x['pages']} | {'是' if x['all_parts'] else '否'} | {x['missing_part_charged']} | "
              f"{x['cells_right']}/{x['cells']} | {'对' if x['agency_right'] else '错'} | "
              f"{'对' if x['year_right'] else '错'} | {pub} | {x['score']} {x['grade']} | {x['warm_s']} | {x['cpu_s']} | "
              f"{x['cpu_s_per_10_pages']} | "
              f"{x['pdfplumber_chars_s']} | {x['pdfium_text_boxes_s']} |")
        if x["wrong"]:
            print(f"|  | 错误单元格：{'；'.join(x['wrong'])} |")
    for x in pages:
        if "refused" in x:
            print(f"| {x['id']}（网页只有标题） | — | — | 0 | — | 拒绝审查：{x['refused'] or '否（被评分）'} |  |  |  |  |  |  |  |  |")
            continue
        six = "—（旧格式）" if x["all_parts"] is None else ("是" if x["all_parts"] else "否")
        print(f"| {x['id']}（网页文本，{x['format']}{'' if x['format_right'] else '，格式判断错'}） | — | {six} | "
              f"{x['structure_findings_charged'].count('S-01')} | "
              f"{x['cells_right']}/{x['cells']}，表格未读出并已提示：{len(x['unread_tables_flagged'])} 张 | "
              f"{'对' if x['agency_right'] else '错'} | {'对' if x['year_right'] else '错'} | "
              f"{'对' if x['published_right'] else '错'} | {x['score']} |  |  |  |  |  |")
        misread = [w for w in x["wrong"] if "=None≠" not in w]  # unread cells are flagged above; misreads are listed
        if misread:
            print(f"|  | 错误单元格：{'；'.join(misread)} |")
    c = copied
    print()
    print(f"网页复制文本 {c['excerpts']} 份（缺 {c['absent']}，读取失败 {c['failed']}）：机关 {c['agency_right']}/{c['agency_known']}，"
          f"（摘录中写明机关名称的 {c['agency_named_right']}/{c['agency_named']}），年度 {c['year_right']}/{c['year_known']}，发布日期 {c['published_right']}/{c['published_checked']}，"
          f"标题取自网页杂项 {c['furniture_title']}")
    for w in c["wrong_agency"]:
        print(f"  机关不符 {w}")
    fx = fixtures
    print(f"本项目样例 {fx['files']} 份：六部分齐全 {fx['all_parts']}/{fx['files']}，表格单元格 {fx['cells_right']}/{fx['cells']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

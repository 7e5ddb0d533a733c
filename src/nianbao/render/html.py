"""One self-contained HTML page for an audit dict: inline CSS, inline SVG, a little inline JS (the page
layout). Every piece of report text goes through ``html.escape``; findings are highlighted in place by
render/marks.py (mark ``m{i}``), and finding i's entry in the side list has id ``f{i}``. The page reads fine
without JavaScript (plain anchors).
"""

from __future__ import annotations

from functools import cache
from importlib import resources

from nianbao.vocab import CATEGORIES, SEVERITIES, TABLE_IDS, TABLE_TITLES

from .common import (
    CELL_STATUS_LABELS,
    COPY_KIND_LABELS,
    audit_notes,
    category_label,
    cell_findings,
    cell_label,
    checklist,
    deductions_by_finding,
    findings_by_part,
    fmt_change,
    fmt_num,
    fmt_percent,
    fmt_score,
    follow_up_label,
    grade_color,
    header_fields,
    incomplete_warnings,
    location_label,
    part_title,
    previous_page,
    reading_warnings,
    report_title,
    severity_label,
    snippet,
)
from .marks import MarkBuilder, e


@cache
def _asset(name: str) -> str:
    return resources.files("nianbao.render").joinpath("templates", name).read_text(encoding="utf-8")


# --------------------------------------------------------------------------- page pieces


def _ring(score: object, color: str) -> str:
    v = float(score) if isinstance(score, int | float) else 0.0
    r = 50
    circ = 2 * 3.14159265 * r
    dash = max(0.0, min(1.0, v / 100)) * circ
    return (
        f'<svg class="ring" viewBox="0 0 120 120" role="img" aria-label="得分 {e(fmt_score(score))}">'
        f'<circle cx="60" cy="60" r="{r}" fill="none" stroke="#eaeef2" stroke-width="11"/>'
        f'<circle cx="60" cy="60" r="{r}" fill="none" stroke="{color}" stroke-width="11" stroke-linecap="round" '
        f'stroke-dasharray="{dash:.1f} {circ:.1f}" transform="rotate(-90 60 60)"/>'
        f'<text x="60" y="64" text-anchor="middle" font-size="28" font-weight="800" fill="#1f2328">{e(fmt_score(score))}</text>'
        f'<text x="60" y="84" text-anchor="middle" font-size="11" fill="#59636e">满分 100</text></svg>'
    )


def _header(audit: dict) -> str:
    grade = audit.get("grade") or ""
    color = grade_color(audit, grade)
    meta = "".join(f"<div><dt>{e(k)}</dt><dd>{e(v)}</dd></div>" for k, v in header_fields(audit))
    rub = audit.get("rubric") or {}
    c = audit.get("counts") or {}
    sev = "".join(f'<span class="badge sev-{s}">{severity_label(s)} {int(c.get(s, 0))}</span>' for s in SEVERITIES)
    return (
        '<header class="top"><div class="wrap"><div class="title-block">'
        '<div class="kicker">政府信息公开工作年度报告 · 审核结果</div>'
        f"<h1>{e(report_title(audit))}</h1><dl class=\"meta\">{meta}</dl></div>"
        f'<div class="scorecard" style="--g:{color}">{_ring(audit.get("score"), color)}'
        f'<div><div class="small">等级</div><div class="grade">{e(grade)}</div>'
        f'<div class="small">评分规则：{e(rub.get("name", ""))} {e(rub.get("version", ""))}</div>'
        f'<div class="sevcounts">{sev}</div></div></div></div></header>'
    )


def _bar_color(ratio: float) -> str:
    if ratio >= 0.9:
        return "#1a7f37"
    if ratio >= 0.75:
        return "#0969da"
    if ratio >= 0.6:
        return "#bf8700"
    return "#cf222e"


def _overview(audit: dict) -> str:
    rows = []
    for p in audit.get("parts") or []:
        sc, mx = p.get("score"), p.get("max")
        ratio = (float(sc) / float(mx)) if isinstance(sc, int | float) and isinstance(mx, int | float) and mx else 0.0
        title = p.get("title") or part_title(audit, p.get("id"))
        miss = "" if p.get("present", True) else '<span class="missing">缺失</span>'
        nded = len(p.get("deductions") or [])
        tip = f"{title}：{fmt_num(sc)} / {fmt_num(mx)}，扣分 {nded} 项"
        rows.append(
            f'<div class="lbl" title="{e(tip)}"><a href="#part-{e(p.get("id"))}">{e(title)}</a>{miss}</div>'
            f'<div class="bar"><span style="width:{ratio * 100:.1f}%;--c:{_bar_color(ratio)}"></span></div>'
            f'<div class="num"><b>{e(fmt_num(sc))}</b> / {e(fmt_num(mx))}</div>'
        )
    dd = audit.get("document_deductions") or []
    ddtxt = ""
    if dd:
        pts = sum(float(d.get("points") or 0) for d in dd)
        ddtxt = f'<div class="docded">全文扣分（不属于某一部分）：−{e(fmt_num(pts))} 分，{len(dd)} 项</div>'
    c = audit.get("counts") or {}
    tiles = "".join(
        f'<div class="tile sev-{s}"><div class="n">{int(c.get(s, 0))}</div>{severity_label(s)}</div>' for s in SEVERITIES
    )
    by_cat = c.get("by_category") or {}
    cats = [k for k in CATEGORIES if by_cat.get(k)] + [k for k in by_cat if k not in CATEGORIES and by_cat[k]]
    top = max((int(by_cat[k]) for k in cats), default=1) or 1
    catrows = "".join(
        f'<div class="lbl">{e(category_label(k))}</div><div class="bar"><span style="width:{int(by_cat[k]) / top * 100:.0f}%"></span></div>'
        f'<div class="num">{int(by_cat[k])}</div>'
        for k in cats
    )
    if not cats:
        catrows = '<div class="empty">未发现问题</div>'
    return (
        '<section id="overview" class="overview">'
        f'<div class="card"><h2>各部分得分</h2><div class="bars">{"".join(rows)}</div>{ddtxt}</div>'
        f'<div class="card"><h2>问题分布</h2><div class="sevtiles">{tiles}</div>'
        f'<div class="bars catbars">{catrows}</div></div></section>'
    )


def _finding_item(audit: dict, i: int, f: dict, points: dict[int, float], located: set[int]) -> str:
    sev = f.get("severity") if f.get("severity") in SEVERITIES else "info"
    head = (
        f'<span class="num">{i + 1}</span><span class="badge sev-{sev}">{severity_label(sev)}</span>'
        f'<span class="rule">{e(f.get("rule"))}</span><span class="cat">{e(category_label(f.get("category", "")))}</span>'
    )
    if f.get("cause") == "parse":
        head += '<span class="badge parse" title="可能是本工具未能正确读取原文件，请人工核对">疑似解析问题</span>'
    if points.get(i):
        head += f'<span class="pts">−{e(fmt_num(points[i]))} 分</span>'
    body = [f'<div class="fhead">{head}</div>']
    if f.get("title"):
        body.append(f'<div class="ftitle">{e(f["title"])}</div>')
    if f.get("message"):
        body.append(f'<p class="msg">{e(f["message"])}</p>')
    sn = snippet(audit, f)
    if sn is not None:
        span = f"<mark>{e(sn.span)}</mark>" if sn.span else ""
        body.append(f'<div class="ev">{e(sn.before)}{span}{e(sn.after)}</div>')
    if f.get("cells"):
        body.append('<div class="cells">单元格：' + "；".join(e(cell_label(audit, c)) for c in f["cells"]) + "</div>")
    if f.get("suggestion"):
        body.append(f'<p class="fix"><b>建议</b>{e(f["suggestion"])}</p>')
    where = location_label(f.get("location"))
    links = []
    if i in located:
        links.append(f'<a class="goto" href="#m{i}">在原文中定位 ↑</a>')
    if where:
        links.append(f'<span class="where">{e(where)}</span>')
    if links:
        body.append("<div>" + "".join(links) + "</div>")
    return f'<li class="finding sev-{sev}" id="f{i}" data-f="{i + 1}">{"".join(body)}</li>'


def _document(audit: dict) -> str:
    mb = MarkBuilder(audit)
    text_html = mb.render()
    located = mb.opened
    points = deductions_by_finding(audit)
    groups = findings_by_part(audit)
    items = []
    for pid, fs in groups:
        items.append(f'<li class="fgroup">{e(part_title(audit, pid))}</li>')
        items.extend(_finding_item(audit, i, f, points, located) for i, f in fs)
    n = len(audit.get("findings") or [])
    side = f'<ul class="findings">{"".join(items)}</ul>' if items else '<p class="empty">未发现问题。</p>'
    legend = (
        '<div class="legend"><span><i style="background:rgba(255,129,130,.45)"></i>错误</span>'
        '<span><i style="background:rgba(255,212,59,.6)"></i>警告</span>'
        '<span><i style="background:rgba(84,174,255,.25)"></i>提示</span>'
    )
    if audit.get("paragraphs"):
        legend += '<span><i style="background:rgba(191,135,0,.8);width:5px"></i>左侧竖条：段落套话概率（越深越像套话）</span>'
    legend += "<span>上标数字链接到右侧问题</span></div>"
    return (
        '<section id="doc" class="doclayout">'
        f'<div class="card reporttext"><h2>报告原文<span class="sub">问题在原文中高亮显示</span></h2>{legend}{text_html}</div>'
        f'<aside class="card side"><h2>问题清单<span class="sub">共 {n} 条</span></h2>{side}</aside></section>'
    )


_PROACTIVE_BLOCKS = {
    "rules": "第二十条第（一）项",
    "normative_docs": "第二十条第（一）项",
    "licensing": "第二十条第（五）项",
    "other_services": "第二十条第（五）项",
    "penalty": "第二十条第（六）项",
    "enforcement": "第二十条第（六）项",
    "fees": "第二十条第（八）项",
    "procurement": "第二十条第（九）项",
}


def _requests_group(row: str) -> tuple[str | None, str | None, int]:
    """(top group, sub group, indent) of a table-3 row key: the official form's hierarchy."""
    top = "三、本年度办理结果"
    for prefix, label in (
        ("denied_", "（三）不予公开"),
        ("unable_", "（四）无法提供"),
        ("not_processed_", "（五）不予处理"),
        ("other_", "（六）其他处理"),
    ):
        if row.startswith(prefix):
            return top, label, 2
    if row in ("granted", "partial", "other", "total"):
        return top, None, 1
    return None, None, 0


def _table(audit: dict, tid: str, t: dict, flagged: dict[tuple[str, str, str], list[int]]) -> str:
    findings = audit.get("findings") or []
    rows: list[str] = list(t.get("rows") or [])
    cols_all: list[str] = list(t.get("columns") or [])
    cells: dict = t.get("cells") or {}
    rl: dict = t.get("row_labels") or {}
    cl: dict = t.get("col_labels") or {}
    missing = set(t.get("missing_rows") or [])

    def group_of(r: str) -> str | None:
        if tid == "proactive":
            return _PROACTIVE_BLOCKS.get(r)
        return None

    def cols_of(rs: list[str]) -> list[str]:
        present = [c for c in cols_all if any(c in (cells.get(r) or {}) for r in rs)]
        return present or cols_all

    # blocks: consecutive rows that share a column set (table 2) or all rows (tables 3, 4)
    blocks: list[list[str]] = []
    for r in rows:
        if tid == "proactive" and blocks and group_of(blocks[-1][-1]) != group_of(r):
            blocks.append([r])
        elif blocks:
            blocks[-1].append(r)
        else:
            blocks.append([r])
    width = max((len(cols_of(b)) for b in blocks), default=len(cols_all))
    body: list[str] = []
    for b in blocks:
        cols = cols_of(b)
        if tid == "proactive":
            body.append(f'<tr class="grp"><th colspan="{width + 1}">{e(group_of(b[0]) or "")}</th></tr>')
        head = "".join(f"<th>{e(cl.get(c, c))}</th>" for c in cols)
        pad = f'<th colspan="{width - len(cols)}"></th>' if width > len(cols) else ""
        body.append(f'<tr class="colhead"><th>信息内容</th>{head}{pad}</tr>' if tid == "proactive" else "")
        seen_top: set[str] = set()
        last_sub = None
        for r in b:
            indent = 0
            if tid == "requests":
                top, sub, indent = _requests_group(r)
                if top and top not in seen_top:
                    seen_top.add(top)
                    body.append(f'<tr class="grp"><th colspan="{width + 1}">{e(top)}</th></tr>')
                if sub and sub != last_sub:
                    body.append(f'<tr class="grp"><th class="rl ind1" colspan="{width + 1}">{e(sub)}</th></tr>')
                last_sub = sub
            label = rl.get(r, r)
            tds = []
            if r in missing and not cells.get(r):
                tds.append(f'<td class="miss" colspan="{width}">（本行缺失）</td>')
            else:
                for c in cols:
                    cell = (cells.get(r) or {}).get(c)
                    tds.append(_cell(tid, r, c, cell, flagged, findings, audit))
                if width > len(cols):
                    tds.append(f'<td class="na" colspan="{width - len(cols)}"></td>')
            body.append(f'<tr><th class="rl ind{indent}">{e(label)}</th>{"".join(tds)}</tr>')
    thead = ""
    if tid != "proactive":
        thead = "<thead><tr><th></th>" + "".join(f"<th>{e(cl.get(c, c))}</th>" for c in cols_all) + "</tr></thead>"
    layout = t.get("layout") or "unknown"
    sub = {"2021": "2021版表式", "2019": "2019试行版表式"}.get(layout, "表式未能识别")
    if missing:
        sub += f"，缺失 {len(missing)} 行"
    return (
        f'<div class="card" id="table-{e(tid)}"><h3>{e(TABLE_TITLES.get(tid, tid))}<span class="sub">{e(sub)}</span></h3>'
        f'<div class="tablewrap"><table class="mt t-{e(tid)}">{thead}<tbody>{"".join(x for x in body if x)}</tbody></table></div></div>'
    )


def _cell(
    tid: str, r: str, c: str, cell: dict | None, flagged: dict, findings: list[dict], audit: dict
) -> str:
    if cell is None:
        return '<td class="st-missing">缺失</td>'
    status = cell.get("status") or "number"
    val = cell.get("value")
    raw = cell.get("raw") or ""
    shown = fmt_num(val) if val is not None else (raw.strip() or "空")
    cls = [f"st-{status}"]
    tips = []
    if status != "number":
        tips.append(f"原文：{raw or '（空）'}（{CELL_STATUS_LABELS.get(status, status)}）")
    conf = cell.get("confidence")
    if isinstance(conf, int | float) and conf < 0.8:
        cls.append("lowconf")
        tips.append(f"识读置信度 {conf:.2f}")
    fids = flagged.get((tid, r, c)) or []
    content = e(shown)
    if fids:
        cls.append("bad")
        for i in fids:
            f = findings[i]
            tips.append(f"{i + 1}. [{f.get('rule', '')}] {f.get('title') or ''}：{f.get('message') or ''}")
        content = f'<a href="#f{fids[0]}">{content}</a>'
    title = f' title="{e(chr(10).join(tips))}"' if tips else ""
    return f'<td class="{" ".join(cls)}"{title}>{content}</td>'


def _tables(audit: dict) -> str:
    tables = audit.get("tables") or {}
    if not tables:
        return '<section id="tables" class="card"><h2>法定表格</h2><p class="note">未能从报告中识别出法定表格。</p></section>'
    flagged = cell_findings(audit)
    parts = [
        _table(audit, tid, tables[tid], flagged) for tid in TABLE_IDS + tuple(k for k in tables if k not in TABLE_IDS) if tid in tables
    ]
    return (
        '<section id="tables"><h2>法定表格<span class="sub">按报告识读结果重排；红框单元格为问题涉及的数据，悬停查看说明</span></h2>'
        f'<div class="tables">{"".join(parts)}</div></section>'
    )


def _checklist(audit: dict) -> str:
    items = checklist(audit)
    if not items:
        body = '<p class="empty">无需整改。</p>'
    else:
        lis = []
        for k, (i, f) in enumerate(items, 1):
            sev = f.get("severity") if f.get("severity") in SEVERITIES else "info"
            what = f.get("suggestion") or f.get("message") or f.get("title") or ""
            lis.append(
                f'<li class="todo-item"><label><input type="checkbox" id="todo-{k}">'
                f'<span class="body"><span class="badge sev-{sev}">{severity_label(sev)}</span> '
                f'<span class="part">{e(part_title(audit, f.get("part")))}</span>{e(what)}'
                f'<a class="ref" href="#f{i}">{e(f.get("rule"))} · 第{i + 1}条</a></span></label></li>'
            )
        body = f'<ol class="todo">{"".join(lis)}</ol>'
    n_parse = sum(1 for f in audit.get("findings") or [] if f.get("cause") == "parse")
    note = f'<p class="note">另有 {n_parse} 条疑似解析问题未列入清单，请对照原文件核对。</p>' if n_parse else ""
    return (
        '<section id="checklist" class="card"><h2>整改清单<span class="sub">按严重程度、所在部分排序；勾选记录整改进度</span></h2>'
        f"{body}{note}</section>"
    )


def _notes(notes: list[dict]) -> str:
    if not notes:
        return ""
    lis = "".join(
        f'<li><code>{e(n.get("code"))}</code> {e(n.get("message"))}'
        + (f' <span class="note">（{e(location_label(n.get("location")))}）</span>' if location_label(n.get("location")) else "")
        + "</li>"
        for n in notes
    )
    return f'<section id="notes" class="card"><h2>解析说明<span class="sub">读取原文件时的推断与疑点</span></h2><ul class="plain">{lis}</ul></section>'


def _copying(audit: dict) -> str:
    cp = audit.get("copying")
    if not cp:
        return ""
    share = f'<div><div class="n">{e(fmt_percent(cp.get("other_units_share")))}</div>与其他单位报告雷同的比例</div>'
    if cp.get("previous_year_share") is not None:
        share += f'<div><div class="n">{e(fmt_percent(cp.get("previous_year_share")))}</div>与本单位上年报告雷同的比例</div>'
    rows = "".join(
        f"<tr><td>{e(COPY_KIND_LABELS.get(m.get('kind'), m.get('kind')))}</td><td>{e(m.get('agency'))}"
        f'<div class="note">{e(m.get("source"))}</div></td><td>{e(m.get("sentence"))}</td><td>{e(m.get("matched"))}</td>'
        f'<td>{float(m.get("similarity") or 0):.2f}</td></tr>'
        for m in cp.get("matches") or []
    )
    table = (
        '<table class="copy"><thead><tr><th>类型</th><th>来源</th><th>本报告语句</th><th>相似语句</th><th>相似度</th></tr></thead>'
        f"<tbody>{rows}</tbody></table>"
        if rows
        else ""
    )
    return f'<section id="copying" class="card"><h2>雷同检测</h2><div class="share">{share}</div>{table}</section>'


def _previous(audit: dict) -> str:
    """与上年度对比: the key numbers year on year and how last year's problems were followed up."""
    pv = audit.get("previous")
    if not pv:
        return ""
    year = (audit.get("report") or {}).get("year")
    py = pv.get("year")
    head = (f'<p class="note">对比报告：{e(pv.get("agency") or "")} {e(f"{py}年度" if py else "")}'
            f'（{e(pv.get("source") or "")}）。{e(pv.get("note") or "")}</p>')

    def num(v: object) -> str:
        return "—" if v is None else e(fmt_num(v))

    def change(v: object) -> str:
        if v is None:
            return "—"
        return f'<span class="{"up" if v > 0 else "down" if v < 0 else ""}">{e(fmt_change(v))}</span>'  # type: ignore[operator,arg-type]

    rows = "".join(f"<tr><td>{e(k['label'])}</td><td>{num(k['previous'])}</td><td>{num(k['current'])}</td>"
                   f"<td>{change(k['change'])}</td></tr>" for k in pv.get("key_numbers") or [])
    nums = ('<table class="copy yoy"><thead><tr><th>主要数字</th>'
            f'<th>{e(f"{py}年度" if py else "上年")}</th><th>{e(f"{year}年度" if year else "本年")}</th>'
            f"<th>增减</th></tr></thead><tbody>{rows}</tbody></table>")
    probs = pv.get("problems") or []
    plist = ""
    if probs:
        prow = "".join(
            f"<tr><td>{e(p['problem'])}<div class=\"note\">{e(previous_page(p.get('location')))}</div></td>"
            f"<td>{e(follow_up_label(p['status']))}</td><td>{e(p.get('answer') or '—')}</td></tr>"
            for p in probs)
        plist = ('<h3>上年报告所列问题的整改</h3><table class="copy"><thead><tr><th>上年所列问题</th><th>判断</th>'
                 f"<th>本年对应的整改或改进内容</th></tr></thead><tbody>{prow}</tbody></table>")
    return f'<section id="previous" class="card"><h2>与上年度对比</h2>{head}{nums}{plist}</section>'


def _reading(audit: dict) -> str:
    out = ""
    inc = incomplete_warnings(audit)
    if inc:  # the audit failed closed: said before anything else, its score is marked incomplete
        lis = "".join(f"<li>{e(w)}</li>" for w in inc)
        out += (f'<div class="wrap"><section id="incomplete" class="card reading-warning" role="alert">'
                f"<h2>审查不完整，得分仅供参考</h2><ul class=\"plain\">{lis}</ul></section></div>\n")
    ws = reading_warnings(audit)
    if not ws:
        return out
    lis = "".join(f"<li>{e(w)}</li>" for w in ws)
    return out + (f'<div class="wrap"><section id="reading" class="card reading-warning" role="alert">'
                  f"<h2>读取提示</h2><ul class=\"plain\">{lis}</ul></section></div>\n")


def render_html(audit: dict) -> str:
    """The audit as one self-contained HTML document (no network access needed to view it)."""
    nav = [("overview", "概览"), ("doc", "原文与问题"), ("tables", "法定表格"), ("checklist", "整改清单")]
    notes = audit_notes(audit)  # (read once: the nav and the section both need it)
    if notes:
        nav.append(("notes", "解析说明"))
    if audit.get("copying"):
        nav.append(("copying", "雷同检测"))
    if audit.get("previous"):
        nav.append(("previous", "与上年度对比"))
    navhtml = "".join(f'<a href="#{k}">{v}</a>' for k, v in nav)
    src = audit.get("source") or {}
    key = src.get("sha256") or src.get("path") or ""
    return (
        '<!DOCTYPE html>\n<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f'<meta name="generator" content="nianbao {e(audit.get("nianbao_version"))}">\n'
        f"<title>{e(report_title(audit))} · 审核报告</title>\n<style>\n{_asset('audit.css')}</style>\n</head>\n"
        f'<body data-key="{e(key)}">\n{_header(audit)}\n{_reading(audit)}<nav class="toc"><div class="wrap">{navhtml}</div></nav>\n'
        f'<main class="wrap">\n{_overview(audit)}\n{_document(audit)}\n{_tables(audit)}\n{_checklist(audit)}\n'
        f"{_notes(notes)}\n{_copying(audit)}\n{_previous(audit)}</main>\n"
        f'<footer>由 nianbao {e(audit.get("nianbao_version"))} 生成 · 数据格式 {e(audit.get("schema"))} · '
        "评分与问题均为自动检查结果，供整改参考</footer>\n"
        f"<script>\n{_asset('audit.js')}</script>\n</body>\n</html>\n"
    )

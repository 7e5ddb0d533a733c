"""summary.html: one self-contained page for the whole batch. Charts are inline SVG drawn here (no CDN, no
JavaScript library): score histogram, grade counts, most frequent rules, scores by agency level (box plot
with mean), plus the copying overview, links to every report's audit and the failures."""

from __future__ import annotations

import statistics
from collections import Counter
from datetime import datetime
from html import escape
from typing import Any

from nianbao import __version__
from nianbao.batch.history import history_html
from nianbao.render.common import grade_color, grade_names
from nianbao.vocab import LEVEL_LABELS

BAR = "#4e79a7"


def e(x: Any) -> str:
    return escape("" if x is None else str(x), quote=True)


def _svg(width: int, height: int, body: str, title: str) -> str:
    return (f'<svg class="chart" viewBox="0 0 {width} {height}" width="{width}" height="{height}" role="img" '
            f'aria-label="{e(title)}" xmlns="http://www.w3.org/2000/svg" font-family="sans-serif" font-size="12">'
            f"<title>{e(title)}</title>{body}</svg>")


def histogram(scores: list[float], title: str = "得分分布") -> str:
    bins = [0] * 10
    for s in scores:
        bins[min(9, max(0, int(float(s) // 10)))] += 1
    w, h, left, bottom, top = 560, 240, 40, 30, 20
    peak = max(bins) or 1
    bw = (w - left - 10) / 10
    parts = [f'<line x1="{left}" y1="{h - bottom}" x2="{w - 10}" y2="{h - bottom}" stroke="#888"/>']
    for i, n in enumerate(bins):
        bh = (h - bottom - top) * n / peak
        x = left + i * bw
        parts.append(f'<rect x="{x + 2:.1f}" y="{h - bottom - bh:.1f}" width="{bw - 4:.1f}" height="{bh:.1f}" '
                     f'fill="{BAR}"><title>{i * 10}–{i * 10 + 10} 分：{n} 份</title></rect>')
        if n:
            parts.append(f'<text x="{x + bw / 2:.1f}" y="{h - bottom - bh - 4:.1f}" text-anchor="middle">{n}</text>')
        parts.append(f'<text x="{x + bw / 2:.1f}" y="{h - bottom + 16}" text-anchor="middle" fill="#555">'
                     f"{i * 10}</text>")
    parts.append(f'<text x="{w - 10}" y="{h - 2}" text-anchor="end" fill="#555">分</text>')
    parts.append(f'<text x="4" y="{top - 6}" fill="#555">份数</text>')
    return _svg(w, h, "".join(parts), title)


def hbars(items: list[tuple[str, int, str]], title: str, label_width: int = 140, unit: str = "份") -> str:
    """Horizontal bars: (label, value, colour)."""
    w, row = 560, 24
    h = max(1, len(items)) * row + 10
    peak = max((v for _, v, _ in items), default=1) or 1
    span = w - label_width - 60
    parts = []
    for i, (label, v, colour) in enumerate(items):
        y = 5 + i * row
        bw = span * v / peak
        short = label if len(label) <= 18 else label[:17] + "…"
        parts.append(f'<text x="{label_width - 6}" y="{y + 16}" text-anchor="end"><title>{e(label)}</title>'
                     f"{e(short)}</text>")
        parts.append(f'<rect x="{label_width}" y="{y + 3}" width="{bw:.1f}" height="{row - 8}" fill="{colour}">'
                     f"<title>{e(label)}：{v} {unit}</title></rect>")
        parts.append(f'<text x="{label_width + bw + 4:.1f}" y="{y + 16}">{v}</text>')
    return _svg(w, h, "".join(parts), title)


def _quartiles(xs: list[float]) -> tuple[float, float, float]:
    if len(xs) == 1:
        return xs[0], xs[0], xs[0]
    q = statistics.quantiles(xs, n=4, method="inclusive")
    return q[0], q[1], q[2]


def boxplot(groups: list[tuple[str, list[float]]], title: str = "各层级得分比较") -> str:
    """One box per group (min, quartiles, max) with the mean as a diamond; scale 0–100."""
    w, row, left, right = 560, 34, 110, 20
    h = len(groups) * row + 30
    span = w - left - right

    def x(v: float) -> float:
        return left + span * max(0.0, min(100.0, v)) / 100

    parts = []
    for t in range(0, 101, 20):
        parts.append(f'<line x1="{x(t):.1f}" y1="0" x2="{x(t):.1f}" y2="{h - 22}" stroke="#eee"/>'
                     f'<text x="{x(t):.1f}" y="{h - 8}" text-anchor="middle" fill="#555">{t}</text>')
    for i, (label, xs) in enumerate(groups):
        y = 6 + i * row
        lo, hi, mean = min(xs), max(xs), statistics.fmean(xs)
        q1, med, q3 = _quartiles(sorted(xs))
        tip = (f"{label}：{len(xs)} 份，平均 {mean:.1f}，中位数 {med:.1f}，最低 {lo:.1f}，最高 {hi:.1f}")
        parts.append(f'<g><title>{e(tip)}</title>'
                     f'<text x="{left - 8}" y="{y + 17}" text-anchor="end">{e(label)}（{len(xs)}）</text>'
                     f'<line x1="{x(lo):.1f}" y1="{y + 12}" x2="{x(hi):.1f}" y2="{y + 12}" stroke="#555"/>'
                     f'<line x1="{x(lo):.1f}" y1="{y + 5}" x2="{x(lo):.1f}" y2="{y + 19}" stroke="#555"/>'
                     f'<line x1="{x(hi):.1f}" y1="{y + 5}" x2="{x(hi):.1f}" y2="{y + 19}" stroke="#555"/>'
                     f'<rect x="{x(q1):.1f}" y="{y + 2}" width="{max(1.0, x(q3) - x(q1)):.1f}" height="20" '
                     f'fill="#a0cbe8" stroke="#4e79a7"/>'
                     f'<line x1="{x(med):.1f}" y1="{y + 2}" x2="{x(med):.1f}" y2="{y + 22}" stroke="#1f3b5a" '
                     f'stroke-width="2"/>'
                     f'<path d="M{x(mean):.1f},{y + 6} l6,6 l-6,6 l-6,-6 z" fill="#e15759"/></g>')
    return _svg(w, h, "".join(parts), title)


CSS = """
body{font-family:-apple-system,"PingFang SC","Microsoft YaHei","Noto Sans CJK SC",sans-serif;margin:0;color:#1f2328;
background:#f6f8fa}main{max-width:1100px;margin:0 auto;padding:24px}h1{font-size:22px}h2{font-size:17px;margin:0 0 12px}
.card{background:#fff;border:1px solid #d0d7de;border-radius:8px;padding:16px;margin:16px 0}
.kpis{display:flex;gap:24px;flex-wrap:wrap}.kpis div{min-width:90px}.kpis .n{font-size:24px;font-weight:600}
.grid{display:grid;grid-template-columns:repeat(auto-fit,minmax(480px,1fr));gap:16px}
table{border-collapse:collapse;width:100%;font-size:13px}th,td{border-bottom:1px solid #eaeef2;padding:4px 6px;
text-align:left;vertical-align:top}th{background:#f6f8fa;position:sticky;top:0}td.num{text-align:right}
.grade{font-weight:600}.note{color:#57606a;font-size:12px}svg.chart{max-width:100%;height:auto}
.legend{font-size:12px;color:#57606a}a{color:#0969da}
"""


def render_summary(data: Any) -> str:
    rows, failures, meta = data.rows, data.failures, data.meta
    scores = [float(r["score"]) for r in rows]
    grades = Counter(r["grade"] for r in rows)
    kpis = [("报告（份）", len(rows)), ("失败（个文件）", len(failures)),
            ("平均分", f"{statistics.fmean(scores):.1f}" if scores else "—"),
            ("中位数", f"{statistics.median(scores):.1f}" if scores else "—"),
            ("输入文件", meta.get("files", 0)), ("上年报告", meta.get("previous_files", 0))]
    kpi_html = "".join(f'<div><div class="n">{e(v)}</div>{e(k)}</div>' for k, v in kpis)
    rub = meta.get("rubric") or {}
    charts = []
    if rows:
        charts.append(f'<section class="card"><h2>得分分布</h2>{histogram(scores)}</section>')
        charts.append('<section class="card"><h2>等级</h2>'
                      + hbars([(g, grades.get(g, 0), grade_color({"rubric": rub}, g, default=BAR)) for g in grade_names({"rubric": rub})], "等级分布", 80)
                      + "</section>")
        rule_n: Counter = Counter()
        titles: dict[str, str] = {}
        for r in rows:
            for code, title in r["rules"].items():
                rule_n[code] += 1
                titles.setdefault(code, title)
        top = rule_n.most_common(15)
        if top:
            charts.append('<section class="card"><h2>最常见的问题（出现该问题的报告数）</h2>'
                          + hbars([(f"{c} {titles.get(c, '')}", n, "#f28e2b") for c, n in top], "最常见的问题", 220)
                          + "</section>")
        by_level: dict[str, list[float]] = {}
        for r in rows:
            by_level.setdefault(LEVEL_LABELS.get(r.get("level") or "", r.get("level") or "未识别"), []).append(
                float(r["score"]))
        groups = sorted(by_level.items(), key=lambda kv: -statistics.fmean(kv[1]))
        mean_rows = "".join(
            f"<tr><td>{e(k)}</td><td class='num'>{len(v)}</td><td class='num'>{statistics.fmean(v):.1f}</td>"
            f"<td class='num'>{statistics.median(v):.1f}</td><td class='num'>{min(v):.1f}</td>"
            f"<td class='num'>{max(v):.1f}</td></tr>" for k, v in groups)
        charts.append('<section class="card"><h2>各层级得分比较</h2>' + boxplot(groups)
                      + '<p class="legend">箱体为四分位区间，竖线为中位数，红色菱形为平均分，两端为最低和最高分。</p>'
                      + "<table><thead><tr><th>层级</th><th>份数</th><th>平均分</th><th>中位数</th><th>最低</th>"
                      + f"<th>最高</th></tr></thead><tbody>{mean_rows}</tbody></table></section>")
    copy_rows = sorted((r for r in rows if (r.get("other_units_share") or 0) > 0 or (r.get("previous_year_share") or 0) > 0),
                       key=lambda r: -max(r.get("other_units_share") or 0, r.get("previous_year_share") or 0))[:20]
    copy_html = ""
    if copy_rows:
        copy_html = ('<section class="card"><h2>雷同最多的报告</h2><table><thead><tr><th>机关</th><th>与其他单位雷同</th>'
                     "<th>与上年报告雷同</th><th>审查报告</th></tr></thead><tbody>"
                     + "".join(f"<tr><td>{e(r.get('agency'))}</td><td class='num'>{_pct(r.get('other_units_share'))}</td>"
                               f"<td class='num'>{_pct(r.get('previous_year_share'))}</td>"
                               f"<td><a href='{e(r['html'])}'>查看</a></td></tr>" for r in copy_rows)
                     + '</tbody></table><p class="legend">逐句证据见 copying.csv 和各报告审查页的“雷同检测”部分；'
                       "模板规定的固定表述和大量单位共用的套话不计入。</p></section>")
    report_rows = "".join(
        f"<tr><td class='num'>{r['rank']}</td><td>{e(r.get('agency'))}</td>"
        f"<td>{e(LEVEL_LABELS.get(r.get('level') or '', r.get('level') or ''))}</td><td>{e(r.get('year'))}</td>"
        f"<td class='num'>{r['score']:.1f}</td>"
        f"<td class='grade' style='color:{grade_color({}, r['grade'], default='#000')}'>{e(r['grade'])}</td>"
        f"<td class='num'>{r['findings']}</td><td><a href='{e(r['html'])}'>审查报告</a>"
        f"<div class='note'>{e('；'.join(r['paths']))}</div></td></tr>" for r in rows)
    reports_html = ('<section class="card" id="reports"><h2>全部报告（按得分排名）</h2><table><thead><tr><th>排名</th>'
                    "<th>机关</th><th>层级</th><th>年度</th><th>得分</th><th>等级</th><th>问题数</th><th>审查报告</th>"
                    f"</tr></thead><tbody>{report_rows}</tbody></table></section>")
    fail_rows = "".join(f"<tr><td>{e(f['path'])}</td><td>{e(f['stage'])}</td><td>{e(f['reason'])}</td></tr>"
                        for f in failures)
    fail_html = ('<section class="card" id="failures"><h2>未能审查的文件</h2>'
                 + (f"<table><thead><tr><th>文件</th><th>阶段</th><th>原因</th></tr></thead><tbody>{fail_rows}"
                    "</tbody></table>" if failures else "<p>无。</p>") + "</section>")
    stats = meta.get("copy_stats") or {}
    stages = meta.get("stages") or {}
    foot = (f"nianbao {e(__version__)} · 评分细则 {e(rub.get('name'))} {e(rub.get('version'))} · "
            f"生成于 {datetime.now().strftime('%Y-%m-%d %H:%M')} · 雷同检测：{stats.get('sentences', 0)} 句，"
            f"{stats.get('distinct', 0)} 个不同句子，用时 {stats.get('seconds', 0)} 秒 · 各阶段用时（秒）："
            + "、".join(f"{k} {v:.1f}" for k, v in stages.items()))
    return ("<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\">"
            "<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">"
            f"<title>批量审查汇总</title><style>{CSS}</style></head><body><main>"
            f"<h1>政府信息公开工作年度报告批量审查汇总</h1><section class=\"card kpis\">{kpi_html}</section>"
            f"<div class=\"grid\">{''.join(charts)}</div>{copy_html}{history_html(rows)}{reports_html}{fail_html}"
            f"<p class=\"note\">{foot}</p><p class=\"note\">排名表：ranking.xlsx、ranking.csv；雷同明细：copying.csv；"
            "失败清单：failures.csv。</p></main></body></html>\n")


def _pct(x: float | None) -> str:
    return "—" if x is None else f"{x * 100:.0f}%"

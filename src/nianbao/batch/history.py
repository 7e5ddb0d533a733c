"""Per-body history for summary.html: when a batch holds several years of the same bodies (matched by
normalised agency name), each body's scores and key numbers over the years."""

from __future__ import annotations

from html import escape
from typing import Any

from nianbao.crossyear import KEY_LABELS, agency_key, body_keys

# the key numbers shown per year (crossyear.KEY_NUMBERS has more)
SHOWN = ("received", "granted", "partial", "denied", "reviews", "suits")


def bodies_over_years(rows: list[dict[str, Any]]) -> list[tuple[str, list[dict[str, Any]]]]:
    """(agency, its report rows by year) for every body with reports of two or more years."""
    by: dict[str, list[dict[str, Any]]] = {}
    canon = body_keys(r.get("agency") for r in rows)
    for r in rows:
        k = canon.get(agency_key(r.get("agency")) or "")
        if k and r.get("year") is not None:
            by.setdefault(k, []).append(r)
    out = []
    for rs in by.values():
        if len({r["year"] for r in rs}) >= 2:
            rs = sorted(rs, key=lambda r: (r["year"], r["paths"][0]))
            out.append((rs[-1].get("agency") or "", rs))
    return sorted(out, key=lambda x: x[0])


def _num(v: Any) -> str:
    if v is None:
        return "—"
    return str(int(v)) if float(v).is_integer() else f"{v:g}"


def history_html(rows: list[dict[str, Any]]) -> str:
    """The 各单位历年情况 section ('' when no body has two years in the batch)."""
    bodies = bodies_over_years(rows)
    if not bodies:
        return ""
    head = "".join(f"<th>{escape(KEY_LABELS[k])}</th>" for k in SHOWN)
    parts = []
    for agency, rs in bodies:
        trs = []
        prev_score = None
        for r in rs:
            kn = r.get("key_numbers") or {}
            delta = "" if prev_score is None else f" ({float(r['score']) - prev_score:+.1f})"
            prev_score = float(r["score"])
            trs.append(f"<tr><td>{escape(str(r['year']))}</td><td class='num'>{float(r['score']):.1f}{delta}</td>"
                       f"<td>{escape(r['grade'])}</td>"
                       + "".join(f"<td class='num'>{_num(kn.get(k))}</td>" for k in SHOWN)
                       + f"<td><a href='{escape(r['html'])}'>审查报告</a></td></tr>")
        parts.append(f"<h3>{escape(agency)}</h3><table><thead><tr><th>年度</th><th>得分</th><th>等级</th>{head}"
                     f"<th>审查报告</th></tr></thead><tbody>{''.join(trs)}</tbody></table>")
    return ('<section class="card" id="history"><h2>各单位历年情况</h2>'
            '<p class="legend">同一机关（按规范化后的机关名称匹配）在本批中有两个及以上年度的报告时，按年度列出得分'
            '（括号内为较上一份的变化）和主要数字；跨年度核对（Y 类规则）的结果见各年的审查报告。</p>'
            + "".join(parts) + "</section>")

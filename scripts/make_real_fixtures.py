"""Fixtures that reproduce how real reports are published, written from our own report text.

    python scripts/make_real_fixtures.py [--src tests/fixtures/reports/county_bureau_2023.txt]
                                         [--out tests/fixtures/real_like]

Each file reproduces phenomena seen on real published reports (corpora/real/study_set.toml,
shared/spec/real-world.md) with the team-written text of ``--src``:

* ``word_export.pdf`` – a Word/WPS-style export: an unstroked white rectangle behind every paragraph
  (what a table finder takes for cells), a visible page frame and a ruled box around a narrative
  paragraph, the title on two lines (agency / "2023年政府信息公开工作年度报告"), a running header,
  "- 1 -" page numbers, no 落款 date, a line-final "、" set off its line, table labels wrapping onto two
  or three lines in narrow cells, and table 3 cut by a page break with no rule under its last row there.
* ``flowing.txt`` – a page archive's text: "标题: / 发布时间: / 发布机构:" header lines, then the whole
  report in one line with the part headings inline and table cells run together without separators.
* ``spaced.txt`` – the same archive layout where the copy kept each table cell apart with one space, still in one
  line ("行政规范性文件 3 1 12", "一、本年新收政府信息公开申请数量 23 4 0 0 1 0 28"), as pingtan_czj2020 and
  pingtan_jtj2022 show; the header words of table 4 split ("结果 纠正") as on pingtan_jtj2022.
* ``copied.txt`` – text copied from a portal page: breadcrumb, a "发布日期：… 来源：… 字体：大 中 小"
  line, ASCII brackets "(一)", ASCII colons, "【打印】【关闭】" at the end, no 落款.
* ``portal.html`` – a saved TRS-style portal page: ArticleTitle/PubDate/ContentSource meta, header
  menus and a search box, breadcrumb, title, "来源/发布时间/字体：大 中 小/打印/关闭" bar, the body in a
  ``TRS_Editor`` div with real tables (rowspan/colspan), footer.
* ``portal_dept.html`` – the same page as a department's page of that portal shows it (pingtan_gaj2024's
  page.html): an index box of ``<li>``s with 索引号/主题分类/发文机关/成文日期/标题/发文字号/发布日期/有效性 above the
  title, and the 来源 line left for the page's script to fill (empty as saved).
* ``portal_runin.html`` – the same page where parts one, five and six have their heading run into the
  paragraph that follows, in one ``<p>`` (a styled span, then the text: "一、总体情况2023年，……"): what the study
  set's saved pages give when their archived one-line text is set back into paragraphs and some breaks stay lost
  (scripts/bench_html_extract.py); no real page was seen publishing it so.

Output is deterministic (fixed dates and ids).
"""

from __future__ import annotations

import argparse
import html
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))
sys.path.insert(0, str(ROOT / "src"))

from make_fixtures import layout_table  # noqa: E402

PUBLISHED = "2024-01-22"
AGENCY = "青溪县市场监督管理局"
_SIGNATURE = re.compile(r"^\d{4}年\d{1,2}月\d{1,2}日$")


def read_source(path: Path) -> tuple[str, list[tuple[str, object]]]:
    """(title, blocks): blocks are ("h", text), ("p", text) or ("t", rows) in order, 落款 dropped."""
    lines = path.read_text(encoding="utf-8").splitlines()
    title = lines[0].strip()
    blocks: list[tuple[str, object]] = []
    table: list[list[str]] | None = None
    for ln in lines[1:]:
        if "\t" in ln:
            if table is None:
                table = []
                blocks.append(("t", table))
            table.append(ln.split("\t"))
            continue
        table = None
        t = ln.strip()
        if not t:
            continue
        if _SIGNATURE.match(t) or t == AGENCY:
            continue  # these publications carry no 落款: the page carries the date
        head = re.match(r"^[一二三四五六]、", t) or (re.match(r"^（[一二三四五六七八九十]）", t) and len(t) <= 20)
        blocks.append(("h" if head else "p", t))
    return title, blocks


# --------------------------------------------------------------------------- text copies


def make_flowing(title: str, blocks) -> str:
    head = [f"标题: {title}", "发布时间: 2024-01-22 10:30", "文号: ", f"发布机构: {AGENCY}", "栏目: 政府信息公开年报",
            "=" * 20 + " 正文 " + "=" * 20]
    body = []
    for kind, x in blocks:
        if kind == "t":
            body.append("".join("".join(r) for r in x))  # cells run together, no separators
        elif kind == "h" and re.match(r"^[一二三四五六]、", x):
            body.append(x + " ")
        elif kind == "h":
            body.append(x.rstrip("。：:") + "。")  # a run-in heading, as such pages write them
        else:
            body.append(x)
    return "\n".join(head) + "\n" + "".join(body) + "\n"


def make_spaced(title: str, blocks) -> str:
    head = [f"标题: {title}", "发布时间: 2024-01-22 10:30", f"发布机构: {AGENCY}", "=" * 20 + " 正文 " + "=" * 20]
    body = []
    for kind, x in blocks:
        if kind == "t":
            words = [c if len(c) != 4 or not c.startswith(("结果", "尚未")) else f"{c[:2]} {c[2:]}" for r in x for c in r if c]
            body.append(" ".join(words) + " ")
        elif kind == "h" and re.match(r"^[一二三四五六]、", x):
            body.append(x + " ")
        else:
            body.append(x + " ")
    return "\n".join(head) + "\n" + "".join(body).rstrip() + "\n"


def _ascii(s: str) -> str:
    return s.replace("（", "(").replace("）", ")").replace("：", ":")


def make_copied(title: str, blocks) -> str:
    out = ["当前位置：首页 > 政府信息公开 > 政府信息公开年报 >", title,
           f"发布日期：2024-01-22   来源：{AGENCY}   字体：[ 大 中 小 ]", ""]
    for kind, x in blocks:
        if kind == "t":
            out.extend("\t".join(r) for r in x)
        else:
            out.append(_ascii(x) if kind == "h" or x.startswith("（") else x)
        out.append("")
    out += ["【打印】【关闭】"]
    return "\n".join(out) + "\n"


# --------------------------------------------------------------------------- saved portal page


def _html_table(rows: list[list[str]]) -> str:
    grid, spans = layout_table(rows)
    origin = {(r0, c0): (r1 - r0 + 1, c1 - c0 + 1) for r0, c0, r1, c1 in spans}
    covered = {(r, c) for r0, c0, r1, c1 in spans for r in range(r0, r1 + 1) for c in range(c0, c1 + 1)}
    out = ['<table border="1" cellspacing="0" cellpadding="0" style="width:100%">']
    for r, row in enumerate(grid):
        out.append("<tr>")
        for c, text in enumerate(row):
            if (r, c) in covered and (r, c) not in origin:
                continue
            rs, cs = origin.get((r, c), (1, 1))
            attrs = (f' rowspan="{rs}"' if rs > 1 else "") + (f' colspan="{cs}"' if cs > 1 else "")
            out.append(f'<td{attrs}><p style="text-align:center">{html.escape(text)}</p></td>')
        out.append("</tr>")
    out.append("</table>")
    return "\n".join(out)


_INDEX_BOX = """<div class="index_box shadow_base pad_base"><ul class="trt-row">
<li class="trt-col-12 trt-col-sm-24">索&ensp;引&ensp;号：<font>QX00106-2500-2024-00012</font></li>
<li class="trt-col-12 trt-col-sm-24">主题分类：<font>无</font></li>
<li class="trt-col-12 trt-col-sm-24">发文机关：<font>县市场监管局</font></li>
<li class="trt-col-12 trt-col-sm-24">成文日期：2024-01-19</li>
<li class="trt-col-24 trt-col-sm-24">标&ensp;&ensp;&ensp;&ensp;题：<font>{title}</font></li>
<li class="trt-col-12 trt-col-sm-24">发文字号：<font>无</font></li>
<li class="trt-col-12 trt-col-sm-24">发布日期：2024-01-22</li>
<li class="trt-col-12 trt-col-sm-24">有&ensp;效&ensp;性：<em class="red_base">有效</em></li>
</ul></div>
"""


def make_portal(title: str, blocks, run_in: tuple[str, ...] = (), department: bool = False) -> str:
    """``run_in``: the numbers of the part headings written in one <p> with the paragraph after them.
    ``department``: a department's page of the portal — an index box of <li>s (索引号/发文机关/成文日期/标题/发布日期/
    有效性) above the title, and a 来源 line the page's script fills (empty as saved)."""
    body = []
    held = ""
    for kind, x in blocks:
        if kind == "t":
            body.append(_html_table(x))  # type: ignore[arg-type]
        elif kind == "h" and str(x)[:1] in run_in and str(x)[1:2] == "、":
            held = f'<span style="font-family: 黑体, SimHei;">{html.escape(str(x))}</span>'
            continue
        elif kind == "h":
            body.append(f'<p style="text-indent:2em"><strong>{html.escape(x)}</strong></p>')
        else:
            body.append(f'<p style="text-indent:2em">{held}{html.escape(x)}</p>')
        held = ""
    source = "<font ms-text=\"ext3['orgname']\"></font>" if department else AGENCY
    menu = "".join(f'<li><a href="/{k}/">{k2}</a></li>' for k, k2 in
                   (("", "首页"), ("zwgk", "政务公开"), ("jdhy", "解读回应"), ("bsfw", "办事服务"), ("hdjl", "互动交流")))
    sub = "".join(f'<a href="/zwgk/{i}/" title="{t}">{t}</a>' for i, t in
                  enumerate(("政府信息公开", "领导之窗", "政府机构", "最新文件", "政策文件库", "政府工作报告", "公示公告",
                             "规划信息", "人事信息", "统计信息", "重点领域信息公开", "专题专栏")))
    return f"""<!DOCTYPE html>
<html>
<head>
<meta charset="utf-8" />
<meta name="SiteName" content="青溪县人民政府"/>
<meta name="SiteDomain" content="www.qingxi.gov.cn"/>
<meta name="SiteIDCode" content="3399000000"/>
<meta name="ColumnName" content="政府信息公开年报"/>
<meta name="ArticleTitle" content="{title}"/>
<meta name="PubDate" content="2024-01-22 15:34"/>
<meta name="ContentSource" content="{AGENCY}"/>
<title>{title}_政府信息公开年报_青溪县人民政府</title>
<link rel="stylesheet" href="/images/style.css">
<script>var siteId = 4; function setFont(s) {{ document.body.style.fontSize = s; }}</script>
</head>
<body>
<div class="header"><div class="logo"><img src="/images/logo.png" /></div>
<div class="header_link"><a href="https://www.gov.cn/">国务院</a><a href="#">省政府</a><a href="#">繁体版</a><a href="#">移动版</a>
<span>网站支持IPV6</span></div>
<ul class="menu" role="navigation">{menu}</ul>
<div class="search_area"><form action="/search"><input type="text" placeholder="请输入您要搜索的内容" name="key" />
<button>搜索</button></form><div class="search_top"><span>热门搜索：</span><a>营商环境</a><a>政务公开</a></div></div>
<div class="submenu">{sub}</div></div>
<div class="main"><div class="content">
<div class="breadcrumb"><span>当前位置：</span><ul><li><a href="../../../../">首页</a></li><li><a href="../../../">政务公开</a></li>
<li><a href="../../">政府信息公开</a></li><li><a href="../">政府信息公开年报</a></li></ul></div>
{_INDEX_BOX.format(title=title) if department else ""}<div class="article_component">
<div class="article_title">{title}</div>
<div class="article_extend"><span class="article_source">来源：{source}</span>
<span class="article_time">发布时间：2024-01-22 15:34</span>
<span class="article_font">字体：<a href="javascript:setFont('16px')">大</a> <a href="javascript:setFont('14px')">中</a>
<a href="javascript:setFont('12px')">小</a></span>
<span class="article_print"><a href="javascript:window.print()">打印</a></span>
<span class="article_close"><a href="javascript:window.close()">关闭</a></span></div>
<div class="article_content"><div class="TRS_Editor">
{chr(10).join(body)}
</div></div>
<div class="article_share">分享到：<a>微信</a><a>微博</a></div>
</div></div></div>
<div class="footer"><p>主办：青溪县人民政府办公室　承办：青溪县大数据发展中心</p><p>网站标识码：3399000000　浙ICP备00000000号</p>
<p>联系电话：0578-6120000　建议使用1280×768分辨率浏览</p></div>
</body>
</html>
"""


# --------------------------------------------------------------------------- Word/WPS-style PDF


def make_pdf(title: str, blocks, path: Path) -> None:
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import Flowable, PageBreak, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    if "STSong-Light" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    font = "STSong-Light"
    body = ParagraphStyle("b", fontName=font, fontSize=12, leading=21, firstLineIndent=24, wordWrap="CJK")
    head = ParagraphStyle("h", fontName=font, fontSize=14, leading=24, firstLineIndent=24)
    tstyle = ParagraphStyle("t", fontName=font, fontSize=18, leading=28, alignment=1)
    cell = ParagraphStyle("c", fontName=font, fontSize=9, leading=11, wordWrap="CJK")

    class WhiteBox(Flowable):
        """A paragraph over an unstroked white rectangle, as Word/WPS exports draw them."""

        def __init__(self, inner, framed: bool = False):
            super().__init__()
            self.inner, self.framed = inner, framed

        def wrap(self, aw, ah):
            self.w, self.h = self.inner.wrap(aw - 8, ah)
            return aw, self.h + 6

        def split(self, aw, ah):
            parts = self.inner.split(aw - 8, ah - 6)
            return [WhiteBox(p, self.framed) for p in parts] if len(parts) > 1 else []

        def draw(self):
            c = self.canv
            c.saveState()
            c.setFillColor(colors.white)
            c.setStrokeColor(colors.black)
            c.rect(0, 0, self.w + 8, self.h + 6, stroke=1 if self.framed else 0, fill=1)
            c.restoreState()
            self.inner.drawOn(c, 4, 3)

    class HangingLines(Flowable):
        """Lines drawn one by one; a line-final "、" sits a little below its line (justified export)."""

        def __init__(self, lines: list[str]):
            super().__init__()
            self.lines = lines

        def wrap(self, aw, ah):
            return aw, 21 * len(self.lines) + 4

        def draw(self):
            c = self.canv
            c.setFont(font, 12)
            y = 21 * len(self.lines) - 12
            for k, ln in enumerate(self.lines):
                x = 4 + (24 if k == 0 else 0)
                if ln.endswith("、"):
                    c.drawString(x, y, ln[:-1])
                    c.drawString(x + 12 * len(ln[:-1]), y - 5, "、")
                else:
                    c.drawString(x, y, ln)
                y -= 21

    def on_page(canv, doc):
        canv.saveState()
        w, h = A4
        canv.setFont(font, 9)
        canv.drawCentredString(w / 2, h - 42, title)
        canv.setLineWidth(0.5)
        canv.line(60, h - 48, w - 60, h - 48)
        canv.rect(54, 54, w - 108, h - 112, stroke=1, fill=0)  # a page frame around the text
        canv.setFont(font, 10.5)
        canv.drawCentredString(w / 2, 34, f"- {doc.page} -")
        canv.restoreState()

    story: list = [Paragraph(AGENCY, tstyle), Paragraph(title.replace(AGENCY, ""), tstyle), Spacer(1, 14)]
    hung = False
    framed = False
    for kind, x in blocks:
        if kind == "t":
            for k, part in enumerate(_pdf_tables(x, cell, font, Table, TableStyle, Paragraph, colors)):
                if k:
                    story.append(PageBreak())  # table 3 goes on over the page, its cut row left open
                story.append(part)
            story.append(Spacer(1, 6))
            continue
        text = str(x)
        if kind == "h":
            story.append(WhiteBox(Paragraph(html.escape(text), head)))
            continue
        if not hung and "、" in text[20:60] and len(text) > 80:
            # the first long paragraph with an enumeration: its first line ends on "、"
            k = text.index("、", 20) + 1
            rest = text[k:]
            lines = [text[:k]] + [rest[i:i + 36] for i in range(0, len(rest), 36)]
            story.append(HangingLines(lines))
            hung = True
            continue
        if not framed and text.startswith("（三）") and len(text) > 60:
            story.append(WhiteBox(Paragraph(html.escape(text), body), framed=True))  # a ruled box around prose
            framed = True
            continue
        story.append(WhiteBox(Paragraph(html.escape(text), body)))
    doc = SimpleDocTemplate(str(path), pagesize=A4, leftMargin=66, rightMargin=66, topMargin=64, bottomMargin=64,
                            title=title, author="", creator="WPS Writer", producer="nianbao fixtures",
                            invariant=1)
    doc.build(story, onFirstPage=on_page, onLaterPages=on_page)


def _pdf_tables(rows, cell, font, Table, TableStyle, Paragraph, colors) -> list:
    """The table as reportlab Tables; table 3 cut in two after "1.本机关不掌握…" (a page break goes between),
    with a rule above every row and under the table's very last row only, so the cut row is left open."""
    grid, spans = layout_table(rows)
    ncols = len(grid[0])
    if ncols == 10:  # table 3: narrow label columns, so long labels wrap onto two or three lines
        widths = [30, 52, 88] + [33] * 7
    elif ncols == 15:
        widths = [30.8] * 15
    else:
        widths = [462 / ncols] * ncols
    cut = next((r + 1 for r, row in enumerate(grid) if any(t.startswith("1.本机关不掌握") for t in row)), len(grid))
    out = []
    for lo, hi in ((0, cut), (cut, len(grid))):
        if lo >= hi:
            continue
        data = [[Paragraph(html.escape(t), cell) if t else "" for t in row] for row in grid[lo:hi]]
        style = [("FONT", (0, 0), (-1, -1), font, 9), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                 ("LINEBEFORE", (0, 0), (-1, -1), 0.5, colors.black),
                 ("LINEAFTER", (-1, 0), (-1, -1), 0.5, colors.black),
                 ("LINEABOVE", (0, 0), (-1, -1), 0.5, colors.black)]
        if hi == len(grid):
            style.append(("LINEBELOW", (0, hi - lo - 1), (-1, hi - lo - 1), 0.5, colors.black))
        for r0, c0, r1, c1 in spans:
            a, b = max(r0, lo), min(r1, hi - 1)
            if a <= b and (a, c0) != (b, c1):
                style.append(("SPAN", (c0, a - lo), (c1, b - lo)))
        out.append(Table(data, colWidths=widths, style=TableStyle(style)))
    return out


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--src", type=Path, default=ROOT / "tests/fixtures/reports/county_bureau_2023.txt")
    ap.add_argument("--out", type=Path, default=ROOT / "tests/fixtures/real_like")
    a = ap.parse_args(argv)
    a.out.mkdir(parents=True, exist_ok=True)
    title, blocks = read_source(a.src)
    (a.out / "flowing.txt").write_text(make_flowing(title, blocks), encoding="utf-8")
    (a.out / "spaced.txt").write_text(make_spaced(title, blocks), encoding="utf-8")
    (a.out / "copied.txt").write_text(make_copied(title, blocks), encoding="utf-8")
    (a.out / "portal.html").write_text(make_portal(title, blocks), encoding="utf-8")
    (a.out / "portal_dept.html").write_text(make_portal(title, blocks, department=True), encoding="utf-8")
    (a.out / "portal_runin.html").write_text(make_portal(title, blocks, run_in=("一", "五", "六")), encoding="utf-8")
    make_pdf(title, blocks, a.out / "word_export.pdf")
    print(f"写入 {a.out}")


if __name__ == "__main__":
    main()

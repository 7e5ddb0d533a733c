"""Compare body extraction from saved report pages: nianbao's own HTML reader, trafilatura and readability-lxml.

    python scripts/bench_html_extract.py [--json out.json]

The pages are the study set's saved pages of a real portal (``corpora/real/study_set.toml``, kind "html", each
with a ``text_cache``). Their raw ``page.html`` files can only be read here through the code index, 16,000
characters at a time, so they are not held whole. What is held (in ``.cache/study/``, never in git):

* ``html/pingtan_template.html``: the portal's real page chrome — head meta, header, navigation, search box,
  breadcrumb, article title, 来源/时间 line, share and print bar, 全真版/文字版 tabs, 附件下载, QR code, close
  button, related-links column, footer link lists, site information — transcribed by hand from one archived
  page.html (pingtan2024, commit 12f00b42; long scripts abridged), with ``@@…@@`` slots for each page's own meta;
* ``text/<id>_page.txt``: each page's archived text (header lines, then the page text in one line).

Each page is REBUILT as the nearest real thing: the real chrome with that page's own 标题/发布时间/发布机构/URL
in its meta tags and visible lines, and its own body text (chrome words the archive ran into the text cut off)
as paragraphs, split where the one-line text had spaces or a heading follows a full stop. Tables are not
rebuilt: their cells ran together in the archive, so they stay text as in page.txt. The figures therefore
measure chrome removal and metadata on the real template, not table markup.

A page whose whole page.html was read (``html_rebuilt`` in the manifest: pingtan2024) is also measured as rebuilt
with its body markup and real tables (chrome and text as above, the page's own <p>/<span> styles and table
structure, every value as read on the page), adding the chain's table 2–4 cells right.

Per page and extractor: title right, publication date right, the page's 来源 (agency) right, all six part
headings present in the extracted body, chrome left in the body (visible template words absent from the
report), share of the report's sentences kept, and then the whole chain: the extracted body read by nianbao's
structure (parts, agency, year) — for the libraries, their body text with nothing else. Prints Markdown for
docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import html
import json
import re
import statistics
import sys
import time
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "scripts"))

from bench_reading import SIX, agency_right, table_cells  # noqa: E402

from nianbao.textnorm import no_space  # noqa: E402

MANIFEST = ROOT / "corpora" / "real" / "study_set.toml"
CACHE = ROOT / ".cache" / "study"
TEMPLATE = CACHE / "html" / "pingtan_template.html"
SEP = "==================== 正文 ===================="
_CJK = re.compile(r"[\u3400-\u9fff]")
# the six part headings as the pages word them (numeral + keyword; "（二）" sub-headings never count)
_HEADS = [r"一、\s*总体情况", r"二、\s*主动公开", r"三、\s*收到和处理", r"四、\s*\S{0,14}?复议",
          r"五、\s*\S{0,8}?存在的?主要问题", r"六、\s*其他需要报告"]


def page_facts(txt: str) -> tuple[dict[str, str], str]:
    head, _, body = txt.partition(SEP)
    meta = {}
    for line in head.splitlines():
        k, sep, v = line.partition(": ")
        if sep:
            meta[k.strip()] = v.strip()
    return meta, body.strip()


def report_text(body: str) -> str:
    """The report as published, without the chrome words the archive ran into its text."""
    i = body.find("相关链接：", 0, 600)
    if i >= 0:
        body = body[i + len("相关链接："):]
    body = re.sub(r"^\s*-->\s*", "", body)
    return re.sub(r"\s*附件下载\s*$", "", body).strip()


def paragraphs(text: str) -> list[str]:
    parts = re.split(r"\s+|(?<=[。：])(?=[一二三四五六七八九十]、|（[一二三四五六七八九十]+）)", text)
    return [p for p in parts if p]


def build_page(tpl: str, meta: dict[str, str], text: str) -> str:
    body = "".join(f'<p style="text-indent: 2em;">{html.escape(p)}</p>' for p in paragraphs(text))
    url = meta.get("原文链接", "")
    docid = re.search(r"_(\d+)\.htm", url)
    column = "政府信息公开年报"
    slots = {"@@TITLE@@": html.escape(meta.get("标题", "")), "@@PUBDATE@@": meta.get("发布时间", ""),
             "@@SOURCE@@": html.escape(meta.get("发布机构", "")), "@@URL@@": url,
             "@@DOCID@@": docid.group(1) if docid else "", "@@COLUMN@@": column}
    out = tpl
    for k, v in slots.items():
        out = out.replace(k, v)
    return out.replace("@@BODY@@", body)


def chrome_words(tpl: str, text: str, meta: dict[str, str]) -> list[str]:
    """Visible words of the template (navigation, footer, buttons, labels) that the report itself never uses."""
    from lxml import html as lhtml

    root = lhtml.document_fromstring(tpl.replace("@@BODY@@", ""))
    for el in root.iter("script", "style", "head"):
        el.drop_tree() if el.getparent() is not None else None
    words = set()
    for t in root.itertext():
        for w in re.split(r"[\s|｜：:]+", t):
            if len(_CJK.findall(w)) >= 2 and "@@" not in w:
                words.add(w)
    sq = no_space(text) + no_space(meta.get("标题", ""))
    return sorted(w for w in words if w not in sq)


def sentences(text: str) -> list[str]:
    """The report's prose sentences; the archive's table text (cells run together: "…0000000…") is left out."""
    return [s for s in (no_space(x) for x in re.split(r"[。；！？\s]", text))
            if len(_CJK.findall(s)) >= 6 and not re.search(r"\d{5}|第二十条|勾稽", s)]


# --------------------------------------------------------------------------- extractors


def ours(page: str) -> dict:
    from nianbao.ingest.html import read_html

    raw = read_html(page.encode("utf-8"), "page.html")
    return {"body": raw.text, "title": None, "date": raw.published_hint and raw.published_hint.isoformat(),
            "agency": raw.agency_hint}


def trafilatura_(page: str) -> dict:
    import trafilatura

    doc = trafilatura.bare_extraction(page, include_tables=True, include_comments=False, with_metadata=True)
    if doc is None:
        return {"body": "", "title": None, "date": None, "agency": None}
    d = doc.as_dict() if hasattr(doc, "as_dict") else doc
    return {"body": d.get("text") or "", "title": d.get("title"), "date": d.get("date"),
            "agency": d.get("author") or None}


def readability_(page: str) -> dict:
    from lxml import html as lhtml
    from readability import Document

    doc = Document(page)
    summary = doc.summary(html_partial=True)
    root = lhtml.fragment_fromstring(summary, create_parent="div")
    for br in root.iter("br"):
        br.tail = "\n" + (br.tail or "")
    for el in root.iter("p", "div", "tr", "li", "h1", "h2", "h3", "h4"):
        el.tail = "\n" + (el.tail or "")
    return {"body": root.text_content(), "title": doc.short_title() or doc.title(), "date": None, "agency": None}


EXTRACTORS = {"nianbao": ours, "trafilatura": trafilatura_, "readability-lxml": readability_}


def measure(name: str, fn, page: str, r: dict, meta: dict, text: str, chrome: list[str],
            tables: bool = False) -> dict:
    from nianbao.audit import load_report
    from nianbao.errors import InputError

    t0 = time.perf_counter()
    got = fn(page)
    secs = time.perf_counter() - t0
    body = got["body"] or ""
    sq = no_space(body)
    sents = sentences(text)
    kept = sum(1 for s in sents if s in sq)
    left = [w for w in chrome if w in sq]
    heads = [bool(re.search(h, sq)) for h in _HEADS] if r["parts"] == SIX else None
    pub = meta.get("发布时间", "")[:10]
    src = meta.get("发布机构", "")
    # the whole chain: this body read by nianbao's structure (the libraries give their text alone)
    chain = {"parts": None, "agency": None, "year": None}
    try:
        rep = load_report(page.encode("utf-8")) if name == "nianbao" else load_report(body)
        if name == "nianbao":
            got["title"] = rep.meta.title  # the title nianbao reports (page meta, then the body's own)
        chain = {"parts": [p.id for p in rep.parts] == SIX if r["parts"] == SIX else None,
                 "agency": agency_right(rep.meta.agency, r["agency"]), "year": rep.meta.year == r["year"],
                 "cells": table_cells(rep, r)[:2] if tables else None}
    except InputError as e:
        chain["refused"] = e.code
    return {"id": r["id"], "extractor": name, "seconds": secs,
            "title_right": no_space(got["title"] or "").startswith(no_space(meta.get("标题", ""))) if meta.get("标题") else None,
            "date_right": (got["date"] or "")[:10] == pub if pub else None,
            "agency_right": (no_space(got["agency"] or "") == no_space(src)) if src else None,
            "six_heads": None if heads is None else all(heads), "chrome_words": left,
            "sentences": len(sents), "kept": kept, "chain": chain}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--json", type=Path)
    a = ap.parse_args(argv)
    if not TEMPLATE.exists():
        print(f"缺少 {TEMPLATE}：请先按 study_set.toml 的说明准备页面模板", file=sys.stderr)
        return 2
    tpl = TEMPLATE.read_text(encoding="utf-8")
    manifest = tomllib.loads(MANIFEST.read_text(encoding="utf-8"))
    rows = []
    for r in manifest["report"]:
        p = CACHE / r.get("text_cache", "-")
        if r.get("kind") != "html" or not p.exists() or r.get("title_only"):
            continue
        meta, body = page_facts(p.read_text(encoding="utf-8"))
        text = report_text(body)
        page = build_page(tpl, meta, text)
        (CACHE / "html" / f"{r['id']}_rebuilt.html").write_text(page, encoding="utf-8")
        chrome = chrome_words(tpl, text, meta)
        for name, fn in EXTRACTORS.items():
            fn(page)  # warm-up (imports, lazy tables)
            rows.append(measure(name, fn, page, r, meta, text, chrome))
    # a page whose body markup was rebuilt with its real tables (study_set.toml: html_rebuilt)
    full = []
    for r in manifest["report"]:
        p = CACHE / r.get("html_rebuilt", "-")
        if not p.exists():
            continue
        meta, body = page_facts((CACHE / r["text_cache"]).read_text(encoding="utf-8"))
        text = report_text(body)
        page = p.read_text(encoding="utf-8")
        chrome = chrome_words(tpl, text, meta)
        for name, fn in EXTRACTORS.items():
            fn(page)
            full.append(measure(name, fn, page, r, meta, text, chrome, tables=True))
    if a.json:
        a.json.write_text(json.dumps({"rebuilt": rows, "with_tables": full}, ensure_ascii=False, indent=2),
                          encoding="utf-8")
    pages = len({x["id"] for x in rows})
    print(f"{pages} rebuilt pages (real chrome, each page's own meta and body text)\n")
    print("| extractor | title right | date right | 来源 right | six headings in body | pages with chrome in body "
          "| chrome words left (mean) | report sentences kept | chain: six parts | chain: agency | chain: year "
          "| ms/page (median) |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|")

    def frac(xs: list) -> str:
        xs = [x for x in xs if x is not None]
        return f"{sum(map(bool, xs))}/{len(xs)}" if xs else "—"

    for name in EXTRACTORS:
        xs = [x for x in rows if x["extractor"] == name]
        kept = sum(x["kept"] for x in xs) / max(1, sum(x["sentences"] for x in xs))
        print(f"| {name} | {frac([x['title_right'] for x in xs])} | {frac([x['date_right'] for x in xs])} | "
              f"{frac([x['agency_right'] for x in xs])} | {frac([x['six_heads'] for x in xs])} | "
              f"{sum(1 for x in xs if x['chrome_words'])}/{len(xs)} | "
              f"{statistics.mean(len(x['chrome_words']) for x in xs):.1f} | {kept:.1%} | "
              f"{frac([x['chain']['parts'] for x in xs])} | {frac([x['chain']['agency'] for x in xs])} | "
              f"{frac([x['chain']['year'] for x in xs])} | "
              f"{statistics.median(x['seconds'] for x in xs) * 1000:.0f} |")
    if full:
        print("\n| page with its tables | extractor | chrome words left | report sentences kept | chain: six parts "
              "| chain: table 2–4 cells right | ms |")
        print("|---|---|---|---|---|---|---|")
        for x in full:
            c = x["chain"].get("cells") or (0, 0)
            print(f"| {x['id']} | {x['extractor']} | {'/'.join(x['chrome_words']) or 0} | {x['kept']}/{x['sentences']} | "
                  f"{'yes' if x['chain']['parts'] else 'no'} | {c[0]}/{c[1]} | {x['seconds'] * 1000:.0f} |")
    for x in rows + full:
        bad = []
        if x["six_heads"] is False:
            bad.append("heads")
        if x["chrome_words"]:
            bad.append("chrome:" + "/".join(x["chrome_words"][:6]))
        if x["kept"] < x["sentences"]:
            bad.append(f"kept {x['kept']}/{x['sentences']}")
        if x["chain"].get("refused"):
            bad.append("refused:" + x["chain"]["refused"])
        if bad:
            print(f"  {x['extractor']:16} {x['id']:20} {'; '.join(bad)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Web-page furniture around a report: read it as evidence, never as the report.

A report copied from a government site, or saved from it, carries the page's furniture: a breadcrumb
("当前位置：首页 > 政府信息公开 > 政府信息公开年报 >"), a metadata line or table ("发布日期：2025-01-20
来源：区机关事务管理局 索引号：… 字体：大 中 小"), "打印 / 关闭 / 分享到", an archive's own header
("标题: … 发布时间: … 发布机构: …"). None of it is the report's text; 发布日期/发布时间/成文日期 and
发布机构/来源/ContentSource are the page's evidence for the publication date and the agency.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

DATE = r"(\d{4})\s*[-年/.]\s*(\d{1,2})\s*[-月/.]\s*(\d{1,2})"
_LABELS = ("发布日期", "发布时间", "成文日期", "生成日期", "发文日期", "日期", "时间")
_AGENCY_LABELS = ("发布机构", "发文机关", "信息来源", "文章来源", "来源", "发布单位")
# labels of a portal's metadata box ("索 引 号：… 分类：信息公开年度报告 发布机构：…"): never words of a report, and often
# run together with other text on one line
_BOX_LABEL = r"索\s*引\s*号|分\s*类\s*[:：]|发布机构\s*[:：]"
# what a line holding it anywhere is not the report's own text for: the box, or a portal's hot-search bar ("热搜词：…").
# The bar's line is not dropped from the text (it is not in _FURNITURE): the site's menu lines after it join onto it
# instead of pushing the report's title out of the first blocks where find_title looks for it.
_HOLDS_FURNITURE = re.compile(_BOX_LABEL + r"|热搜")
# the fields of a portal's metadata box, one list for its header lines ("发布日期：2025-01-20", "来源：区政府办") and for
# its rows copied as a table ("文 号 | 〔〕号 | 有 效 性 | |", "名 称 | |||", "主 题 词 | |"): a label, its characters
# spaced out or not, then ":", "：" or a cell's "|" — the box's empty fields are the site's, never the report's
# placeholders
_BOX_FIELDS = ("索引号", "分类", "发布机构", "发布单位", "文号", "发文字号", "名称", "标题", "有效性", "主题词", "主题分类", "公文种类",
               "文种", "时效", "内容概述", "发文日期", "发文机关", "成文日期", "生成日期", "发布日期", "发布时间", "来源", "信息来源",
               "文章来源", "投稿", "时间", "位置", "栏目")
_BOX_FIELD = r"(?:" + "|".join(r"\s*".join(w) for w in sorted(_BOX_FIELDS, key=len, reverse=True)) + r")\s*[:：|｜]"
# a line that is page furniture: it starts with one of these (after optional brackets) — a box field with its
# separator, or a label that is furniture even without one
_FURNITURE = re.compile(
    r"^[\[【〔•·\-|｜]?\s*(?:" + _BOX_LABEL + "|" + _BOX_FIELD + r"|当前位置|您的位置|您现在的位置|您当前的位置|打开适老化|设为首页|加入收藏"
    r"|发布者|发布单位|所在位置|首页\s*[>＞»/]|发布时间|发布日期|发布机构|信息来源"
    r"|文章来源|发文字号|成文日期|生成日期|主题分类|公文种类|有效性|浏览次数|访问量|阅读次数|点击数"
    r"|字号|【?字体|字体[:：]|选择阅读字号|分享到|打印|关闭|【打印】|【关闭】|上一篇|下一篇|扫一扫|原文链接|本地目录"
    r"|页面链接|无障碍|长者模式|适老化|简体\s*[|｜]|繁体|English|网站支持|登录|注册|={4,})")
_DAY_HEADER = re.compile(r"\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*(?:星期|周)[一二三四五六日天]")
# whole-line chrome that is short: "打印 关闭", "[ 大 中 小 ]", "=== 正文 ==="
_SHORT_CHROME = re.compile(r"^(?:[\[【]?\s*(?:打印|关闭|收藏|分享|返回顶部|大|中|小|默认|\||｜|/|\s)+\s*[\]】]?|[=\-]{3,}.*[=\-]{3,})$")

# a portal's links to its other channels, each with its QR code: "• 微信 微信二维码", "• 手机版 手机版二维码", "微博"
_CHANNEL = r"(?:微信|手机版|移动版|微博|客户端|APP|app)"
_SHARE_CHROME = re.compile(r"^(?:[•·]\s*(?:" + _CHANNEL + r"\s*)+(?:" + _CHANNEL + r"?\s*二维码)?|[•·]?\s*(?:" + _CHANNEL
                           + r"\s*)+二维码)$")

# the page's time stamp on a line of its own, bulleted or with a clock time ("• 2021-01-14 17:32:55"): never a 落款
_STAMP = re.compile(r"^(?:[•·]\s*\d{4}-\d{1,2}-\d{1,2}(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?|\d{4}-\d{1,2}-\d{1,2}\s+\d{1,2}:\d{2}(?::\d{2})?)$")


@dataclass
class PageEvidence:
    published: date | None = None
    agency: str | None = None
    title: str | None = None


def is_furniture(line: str, *, anywhere: bool = False) -> bool:
    """The line is page furniture. ``anywhere``: it also counts when it only holds a metadata-box label somewhere
    (the box run together with other text on one line, e.g. a block of a PDF or a flowing page): for a caller
    asking whether the line may be the report's own text, such as its title."""
    t = line.strip()
    if not t:
        return False
    if anywhere and _HOLDS_FURNITURE.search(t):
        return True
    if len(t) <= 160 and _FURNITURE.match(t):
        return True
    if len(t) <= 120 and len(re.findall(r"[>＞»]", t)) >= 2 and not re.search(r"[。；]", t):
        return True  # a breadcrumb without its label: "> 政务公开 > 乡镇街道 > 政府信息公开年报"
    if len(t) <= 40 and _DAY_HEADER.search(t):
        return True  # "云州市东湖区人民政府 2021年11月8日星期一": the site's header with today's date
    return len(t) <= 30 and bool(_SHORT_CHROME.match(t) or _SHARE_CHROME.match(t) or _STAMP.match(t))


def _date(s: str) -> date | None:
    m = re.search(DATE, s)
    if not m:
        return None
    try:
        return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


def evidence_from_lines(lines: list[str]) -> PageEvidence:
    """发布日期 and 发布机构 from furniture lines (labels may share one line)."""
    ev = PageEvidence()
    joined = "\n".join(lines)
    for label in _LABELS:
        m = re.search(label + r"\s*[:：|｜]?\s*[|｜\[【]?\s*" + DATE, joined)
        if m:
            ev.published = _date(m.group(0))
            if ev.published:
                break
    for label in _AGENCY_LABELS:
        # the value on the label's own line: an empty "信息来源:" does not take the next line's "分享到:"
        m = re.search(r"(?<![\u4e00-\u9fff])" + label + r"[ \t\u3000]*[:：][ \t\u3000]*([^\s【】\[\]|｜:：]{2,40})", joined)
        # "来源：本网" names the site, not a body
        if m and re.search(r"[\u4e00-\u9fff]", m.group(1)) and not _date(m.group(1)) \
                and not re.fullmatch(r"本网站?|本站|网站|原创|本机关|本单位", m.group(1)):
            ev.agency = m.group(1)
            break
    # the box's title field, spaced or not, as a line or a table row ("标题：…", "名  称: …", "标 题: | … |")
    m = re.search(r"^[\[【〔•·\-|｜]?\s*(?:标\s*题|名\s*称)\s*[:：|｜][ \t|｜]*([^\s|｜][^|｜\n]*?)[ \t|｜]*$", joined, re.M)
    if m:
        ev.title = m.group(1).strip()
    return ev


def evidence_from_meta(metas: dict[str, str]) -> PageEvidence:
    """The shared metadata convention of government sites: ArticleTitle, PubDate, ContentSource."""
    ev = PageEvidence()
    for key in ("PubDate", "pubdate", "publishdate", "firstpublishedtime"):
        if metas.get(key.lower()):
            ev.published = _date(metas[key.lower()])
            if ev.published:
                break
    src = (metas.get("contentsource") or "").strip()
    if src and re.search(r"[\u4e00-\u9fff]", src):
        ev.agency = src
    title = (metas.get("articletitle") or "").strip()
    ev.title = title or None
    return ev


_TITLE_AFTER_CRUMB = re.compile(r"[>＞»]\s*(?:年度报告|年报|政府信息公开年报)?\s*([^>＞»]{4,80}?信息公开[^>＞»]{0,20}(?:年度报告|年报))\s*$")


_CHROME_WORD = re.compile(r"(?:当前位置|您的位置|相关链接|文件下载|文字版|全真版|QQ空间|微博|微信|-->|分享到|打印|关闭|【打印】|【关闭】"
                          r"|收藏|字号|大|中|小|来源[:：]\S*|时间[:：]\S*|\d{1,2}:\d{2}(?::\d{2})?|浏览次数[:：]?\d*)[:：]?")


def _chrome_end(line: str) -> int:
    """Where the chrome at the head of a line ends: after its last chrome word before the first long run of text
    (the report's own sentences); 0 when fewer than three chrome words are seen."""
    end, words = 0, 0
    for m in re.finditer(r"\S+", line):
        if len(m.group(0)) > 40:
            break
        if _CHROME_WORD.fullmatch(m.group(0)):
            end, words = m.end(), words + 1
    return end if words >= 3 else 0


def split_furniture(lines: list[str], head: int = 15, tail: int = 8) -> tuple[list[str], list[str]]:
    """(body lines, furniture lines): furniture is looked for among the first and last lines only. A
    breadcrumb run together with the title ("…>年度报告青溪县2016年政府信息公开工作年度报告") keeps the title."""
    idx = [i for i, ln in enumerate(lines) if ln.strip()]
    drop: set[int] = set()
    keep: dict[int, str] = {}
    chrome: list[str] = []
    for i in idx[:head]:
        if is_furniture(lines[i]):
            drop.add(i)
            m = _TITLE_AFTER_CRUMB.search(lines[i].strip())
            if m:
                keep[i] = m.group(1)
        elif _FURNITURE.match(t := lines[i].strip()) or len(t) > 160:
            # the chrome run together with the report ("当前位置：首页… 来源：… 时间：… 文字版 相关链接： --> X2013年
            # 信息公开年度报告 根据…", or the breadcrumb's title first): the report starts after the last chrome word
            # before its first long run of text (three chrome words at least)
            end = _chrome_end(t)
            if end:
                chrome.append(t[:end])
                lines[i] = t[end:].lstrip()
    for i in idx[-tail:]:
        if is_furniture(lines[i]):
            drop.add(i)
    body = [keep.get(i, ln) for i, ln in enumerate(lines) if i not in drop or i in keep]
    return body, [lines[i] for i in sorted(drop)] + chrome

"""Counts written in prose, shared by K-02 (numbers.py) and K-06 (prose_numbers.py): the units a count takes, the
words that introduce a total, the regular expressions built from them, and the tests both rules apply to a list of
counts (its shares, its remainder, where it adds up) — declared once so that the two rules read the same numbers the
same way."""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal

from nianbao.lexicon import lexicon
from nianbao.rules.util import CJK
from nianbao.structure.dates import cn_number
from nianbao.vocab import alternation

# the units of a counted thing ("人次" before "人": the longer reading wins), the units a count of requests takes, and
# those a count of review or litigation cases takes (data/lexicon/count_words.toml)
UNITS = alternation(lexicon("count_words")["units"])
REQUEST_UNITS = alternation(lexicon("count_words")["request_units"])
CASE_UNITS = alternation(lexicon("count_words")["case_units"])
# units that count pieces of information alike: a breakdown of 信息N条 may count its documents in 件 or its articles in 篇
# ("52条，其中部门文件18件，通知公告21条……" adds up in nine of the sixteen mixed lists of the real evidence)
INFO_UNITS = frozenset({"条", "件", "篇", "份"})


def same_unit(a: str, b: str) -> bool:
    """Two units that count the same kind of thing: equal, or both units of pieces of information."""
    return a == b or (a in INFO_UNITS and b in INFO_UNITS)


def other_units_after_the_total(values: list[int], units: list[str], total: int, unit: str) -> bool:
    """The items of the total's own unit reach it, and every item after them is counted in another unit ("4210条，其中
    重点领域信息2650条，其他信息1560条，主动公开文件385份，发布政策解读12篇"): what follows is another quantity, and a
    list of two mixes two quantities ("162条，其中乡镇文件41条，通过微信公众号发布信息293篇")."""
    if len(values) == 2 and units[0] != units[1]:
        return True
    acc = 0
    for k, v in enumerate(values):
        acc += v
        if acc == total and k + 1 < len(values):
            return all(x != unit for x in units[k + 1:])
    return False


# a number as reports write a count: digits, or Chinese numerals (十二件, 两件, 一百零三条). 一 alone only as a count
# that ends its clause (收到申请一件。, not 一件事一次办 / 一次性告知), 百/千 alone never (千家万户), and no ordinal (第五十条)
_CN_DIGITS = "零〇一二两三四五六七八九"
_CN = f"{_CN_DIGITS}十百千"
NUM = (rf"(?<![\d.第{_CN}万])(?:\d+|[二两三四五六七八九十][{_CN}]*|一[{_CN}]+|[零〇][{_CN}]+"
       rf"|一(?=\s*(?:{UNITS})(?:[，,。；;、）)]|$)))")
# a total: 共/共计 (not 公共/一共/总共 inside another word), 总计, 合计 or 累计, with up to 16 characters of what is
# counted before the number ("累计主动公开政府信息65条")
TOTAL_LEAD = r"(?:(?<![公一总])共(?:计)?|总计|合计|累计)[^，。；：\d]{0,16}?"
TOTAL_RE = re.compile(rf"{TOTAL_LEAD}\s*(?P<n>{NUM})\s*(?P<u>{UNITS})")
# a total's words just before a count: the count is that total
TOTAL_BEFORE = re.compile(rf"{TOTAL_LEAD}\s*$")
# one count: not part of a longer number, not a percentage
COUNT_RE = re.compile(rf"(?P<n>{NUM})\s*(?P<u>{UNITS})(?![\d%％])")
# one count that may be a lower bound ("1600余条")
COUNT_APPROX_RE = re.compile(rf"(?P<n>{NUM})\s*(?P<approx>余|多)?\s*(?P<u>{UNITS})(?![\d%％])")


def value(n: str) -> int:
    """The value of a count's number, written in digits or in Chinese numerals (十二 12, 一百零三 103, 两千 2000; a
    run of digit characters alone, 二〇二三, reads digit by digit): ``structure.dates.cn_number``, which the date rules
    read with; ``NUM`` only matches what it reads."""
    v = cn_number(n)
    if v is None:
        raise ValueError(f"not a count: {n!r}")
    return v


# what after a count makes it approximate
APPROX_AFTER = re.compile(r"^(?:余|多|以上|左右|万|千|百)")
# the year's whole proactive total, with or without 共 ("全年主动公开政府信息200条", "2019年我局主动公开政府信息共18条"),
# not one channel's (通过……, 在……)
YEAR_TOTAL = re.compile(rf"(?<![通过在])(?:全年|本年度?|(?P<y>(?:19|20)\d{{2}})\s*年度?)[，,]?(?:[我本][{CJK}]{{1,2}})?"
                        rf"主动公开(?:各类)?(?:政府)?信息(?:共|共计|总计)?\s*(?P<n>{NUM})\s*(?P<u>{UNITS})(?![\d%％余多])")


_PAREN = re.compile(r"[(（][^()（）]*[)）]")


def without_nested(lst: str) -> str:
    """The list without its bracketed breakdowns ("预决算公开197条（政府预决算32条、部门预决算165条）"), and ending at a
    bracket it did not open (the list itself stood in brackets: "(其中……856条)对于……")."""
    prev = None
    while prev != lst:  # blanked, not cut, so that offsets into the list stay offsets into the text
        prev, lst = lst, _PAREN.sub(lambda m: "＿" * len(m.group(0)), lst)
    close = re.search(r"[)）]", lst)
    return lst[:close.start()] if close else lst


def share_matches(count: int, base: int, percent: float) -> bool:
    """count / base is the written percentage, allowing for rounding either way."""
    real = 100 * count / base
    return abs(real - percent) <= 1.5 or abs(round(real) - percent) <= 1


def half_up(x: float, places: int = 1) -> str:
    """x written to `places` decimals, halves rounded up as a reader does (1.25 → 1.3; Python's round gives 1.2)."""
    return str(Decimal(str(x)).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP))


def share_exact(count: int, base: int, percent: float) -> bool:
    """The same for a percentage written to a decimal place (0.9%): rounded or cut there, it is off by 0.1 at most. A
    whole percentage is held to ``share_matches`` only."""
    return percent == int(percent) or abs(100 * count / base - percent) <= 0.1 + 1e-9


# an item that is the rest of its list: it starts with 其他/其它/其余/剩余/另有, or with 通过/在 before one
# ("通过其他渠道公开3条"); 法人及其他组织 is a kind of applicant, not the rest
# (……内容等其他信息20条: the rest too); 其他线下方式 is the rest of the offline channels only — the list named one of them
# (政务公开专区15条，其他线下方式119条) and leaves the online ones out, so it does not name every part (a fresh dev page)
_REST = re.compile(r"\s*(?:通过|在)?(?:[^、，,；;\d]{1,12}等)?(?:其[他它余](?!线下|线上|网上|网下)|剩余|另有)")


def is_rest(item: str) -> bool:
    return bool(_REST.match(item))


def last_item(lst: str) -> str:
    """The list's last item: after its last 、，,；; (closing punctuation left off)."""
    lst = lst.rstrip("。；;，, \t\n")
    return lst[max(lst.rfind(c) for c in "、，,；;") + 1:]


def adds_up_before_the_end(values: list[int], total: int, lst: str = "", ends: list[int] | None = None) -> bool:
    """The first two items or more already add up to the total: what follows counts something else (one item equal to
    the total proves nothing: "1条，包括机构概况1条，预决算信息2条"; nor do items that reach it with 其他 — a list going
    on after the rest is over-listed: "……其他类信息7条，县长信箱2条")."""
    acc = values[0] if values else 0
    for k, v in enumerate(values[1:-1], start=1):
        acc += v
        if acc == total:
            if ends is not None:
                start = max([lst.rfind(c, 0, ends[k]) + 1 for c in "、，,；;"] + [0])
                if is_rest(lst[start:ends[k]]):
                    return False  # the rest named as an item (其他类信息7条), not 法人及其他组织
            over = sum(values[k + 1:])
            if len(values) - k - 1 >= 2 and over <= max(1, total // 50):
                return False  # two items or more going on by a count or two: the same list, one over ("60条。其中，
                # ……工作动态52条，人事信息6条，通知公告2条，图片新闻1条": 61), not another quantity
            return True
    return False


# the closed sets of kinds a request is counted by (the format's table three): a list whose every item is one kind of a
# set names every part — writers leave out the kinds with none, not the kinds with some
_KIND_SETS = (
    # how requests were answered
    r"(?:予以|同意|全部)?公开|部分公开|区分处理后?(?:予以)?公开|不予公开|无法提供|不予处理|其他处理|不予受理|"
    r"正在办理|尚未办结|(?:结转)?下一?年度(?:继续)?办理|结转",
    # how requests came in
    r"(?:通过)?(?:网上|网络|在线|互联网|政府网站|当面|现场|信函|邮寄|传真|电子邮件|邮件)(?:提出|提交)?(?:申请|方式)?",
    # who asked
    r"自然人|法人(?:或|和|及)?其他组织|法人|其他组织|商业企业|科研机构|社会公益组织|法律服务机构",
)
_KIND_ITEM = tuple(re.compile(rf"\s*(?:其中)?[：:，,]?\s*(?:{k})(?:(?:及|和|与|、)(?:{k}))*(?:的|类|申请|提出)?(?:共|为|有)?\s*$")
                   for k in _KIND_SETS)
_ITEM_COUNT = re.compile(rf"(?P<n>{NUM})\s*(?P<u>{UNITS})")


def closed_breakdown(lst: str) -> bool:
    """Two items or more, each named by one kind of the same closed set (予以公开5件，部分公开2件，无法提供1件 / 网上申请3件、
    信函申请2件 / 自然人6件、法人1件)."""
    labels, at = [], 0
    for m in _ITEM_COUNT.finditer(lst):
        lo = max([lst.rfind(c, at, m.start()) + 1 for c in "、，,；;：:"] + [at])
        labels.append(lst[lo:m.start()])
        at = m.end()
        if not re.fullmatch(REQUEST_UNITS, m.group("u")):
            return False  # requests are counted in 件 (or 次, 份, 个)
    return len(labels) >= 2 and any(all(rx.match(x) for x in labels) for rx in _KIND_ITEM)


# the rest named without its count ("……无法提供1件，其余正在办理", "……惠民惠农108条，其他栏目信息均按时更新"): the counted
# items may fall short of the total, the rest being the difference
_UNCOUNTED_REST = re.compile(rf"(?:^|[、，,；;])\s*(?:其余|剩余|其他|其它)(?:(?!(?:{NUM})\s*(?:{UNITS}))[^、，,；;。])*(?:[、，,；;。]|$)")


def rest_uncounted(lst: str) -> bool:
    return bool(_UNCOUNTED_REST.search(lst))


def names_every_part(lst: str) -> bool:
    """K-02's test that a 其中 list is exhaustive: it names a remainder (其余/剩余/另有, or a last item that is the rest —
    "其他重点信息5条" amid the list is one more kind, not the rest), both kinds of applicant (自然人 and 法人), or kinds
    of one closed set only (``closed_breakdown``). K-02 and K-06's sums share it, so a sum K-02 reports is never
    reported twice."""
    if rest_uncounted(lst):
        return False
    return bool(re.search("其余|剩余|另有", lst)) or is_rest(last_item(lst)) or ("自然人" in lst and "法人" in lst) or \
        closed_breakdown(lst)


# a share written right after a count ("42件，占51.85%", "3件（占比37.5%）"): a note on that item, not another item
_SHARE_AFTER_COUNT = re.compile(rf"(?<=[{UNITS.replace('|', '')}])\s*[，,]?\s*[（(]?\s*(?:所?占(?:比|比例|比重)?(?:为|达|约)?|比例为)\s*"
                                r"\d+(?:\.\d+)?\s*[%％]\s*[)）]?")


def without_shares(lst: str) -> str:
    """The list with the shares written after its items blanked (offsets kept): 予以公开42件，占51.85%；不予公开5件."""
    return _SHARE_AFTER_COUNT.sub(lambda m: "＿" * len(m.group(0)), lst)


# the longest list read after a count (real lists of a dozen kinds run to about 300 characters): a paragraph with no 。
# is not re-read to its end from every count, so the list checks stay linear in the paragraph
LIST_MAX = 600

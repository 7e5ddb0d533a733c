"""Dates as Chinese reports write them: 2024年1月19日, 二〇二四年一月十九日, 2024-01-19, 2024.1.19."""

from __future__ import annotations

import re
from datetime import date

# the digits a report writes in Chinese numerals (〇 also as ○, Ｏ or the letter O in a typed year; 两 for 二)
_CN_DIGIT = {"〇": 0, "○": 0, "零": 0, "Ｏ": 0, "O": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6,
             "七": 7, "八": 8, "九": 9}
_CN_UNIT = {"十": 10, "百": 100, "千": 1000}
CN = "〇○零Ｏ一二三四五六七八九十"
DATE_RE = re.compile(
    rf"(?P<y>\d{{4}}|[{CN}]{{4}})\s*年\s*(?P<m>\d{{1,2}}|[{CN}]{{1,3}})\s*月\s*(?P<d>\d{{1,2}}|[{CN}]{{1,3}})\s*日"
    r"|(?P<y2>\d{4})\s*[-./]\s*(?P<m2>\d{1,2})\s*[-./]\s*(?P<d2>\d{1,2})(?!\d)"
)


def cn_number(s: str) -> int | None:
    """The value of a number written in digits or Chinese numerals — the one reader of both for dates and counts:
    '12' 12, '十九' 19, '二十三' 23, '一百零五' 105, '两千' 2000; a run of digits alone reads digit by digit ('二〇二四'
    2024, '二〇2四' 2024); None for anything else."""
    s = s.strip()
    if s.isdecimal():
        return int(s)
    if not s or any(ch not in _CN_DIGIT and ch not in _CN_UNIT and not ch.isdecimal() for ch in s):
        return None
    digit = [_CN_DIGIT[ch] if ch in _CN_DIGIT else (int(ch) if ch.isdecimal() else None) for ch in s]
    if not any(ch in _CN_UNIT for ch in s):
        return int("".join(str(d) for d in digit))
    total, cur = 0, 0
    for ch, d in zip(s, digit, strict=True):
        if d is None:
            total += (cur or 1) * _CN_UNIT[ch]
            cur = 0
        else:
            cur = d
    return total + cur


def parse_date_match(m: re.Match) -> date | None:
    if m.group("y"):
        y, mo, d = cn_number(m.group("y")), cn_number(m.group("m")), cn_number(m.group("d"))
    else:
        y, mo, d = int(m.group("y2")), int(m.group("m2")), int(m.group("d2"))
    if y is None or mo is None or d is None:
        return None
    try:
        return date(y, mo, d)
    except ValueError:
        return None


def find_dates(text: str) -> list[tuple[re.Match, date | None]]:
    return [(m, parse_date_match(m)) for m in DATE_RE.finditer(text)]


_M = r"(\d{1,2})\s*月\s*(\d{1,2})\s*日"
# a year glued to its month, 年 lost in the page's rendering ("自20231月1日起至202312月31日止", 42 times on the real dev
# pages, the writers mark none of them): read as written, never as a missing period
_Y = r"(?<!\d)(\d{4})\s*(?:年\s*|(?=(?:1[0-2]|[1-9])\s*月))"
_TO = r"\s*(?:起|始)?\s*[，,]?\s*(?:至|到|—|－|-|~|～|―)+\s*"  # "自2016年1月1日起，至2016年12月31日止"
PERIOD_RE = re.compile(rf"(?:自|从)?\s*{_Y}{_M}{_TO}(?:{_Y})?{_M}\s*(?:止)?")
# 年 and 月 lost, both or either and at either end ("自202111日起至20211231日止", "202311日至1231日", "从20211月1日至
# 20211231日止"): only a start on 1 January and an end in December read without doubt (the digits of 2021年11月1日 would run the same way)
# one date with its year run into the month or the day ("20231月1日", "202311日", "20231231日"): a page that writes
# one has lost 年 (and 月) in rendering (structure.reading: a year without 年 on such a page is not the author's slip)
GLUED_DATE_RE = re.compile(r"(?<![\d.\-/〔\[（(])(?:19|20)\d{2}(?:(?:1[0-2]|0?[1-9])月(?:[0-3]?\d日)?|(?:1[0-2]|0?[1-9])[0-3]?\d日)")
GLUED_PERIOD_RE = re.compile(
    rf"(?:自|从)?\s*(?<!\d)(\d{{4}})\s*年?\s*(0?1)\s*月?\s*(0?1)\s*日{_TO}(?:(?<!\d)(\d{{4}})\s*年?\s*)?(12)\s*月?\s*([0-3]?\d)\s*日"
    r"\s*(?:止)?")


def find_period(text: str) -> tuple[date, date, re.Match] | None:
    """The statistical period, e.g. 2023年1月1日至12月31日 / 自2023年1月1日起至2023年12月31日止 (also with 年 and 月
    lost in the page's rendering, 自202311日起至20231231日止)."""
    matches = sorted((*PERIOD_RE.finditer(text), *GLUED_PERIOD_RE.finditer(text)), key=lambda m: m.start())
    for m in matches:
        y1, m1, d1, y2, m2, d2 = m.groups()
        try:
            start = date(int(y1), int(m1), int(d1))
            end = date(int(y2 or y1), int(m2), int(d2))
        except ValueError:
            continue
        if end >= start:
            return start, end, m
    return None


# the period stated by its end alone: 数据截止日期为 / 数据截止为 / 统计期限截止至 + YYYY年12月31日 (止) (年/月 may be lost in
# the page's rendering: YYYY1231日)
PERIOD_END_ONLY_RE = re.compile(r"数据(?:的)?(?:统计)?(?:期限|时限|时间)?\s*(?:截止日期|截止时间|截止至|截止到|截止|截至)(?:日期)?\s*"
                                r"(?:为|是|到|至|[:：])?\s*(?P<dates>(?<!\d)(?P<y>\d{4})\s*年?\s*(?P<m>1[0-2]|0?[1-9])\s*月?\s*"
                                r"(?P<d>3[01]|[12]\d|0?[1-9])\s*日)")


def find_period_end(text: str) -> tuple[date, re.Match] | None:
    """The statistical period by its end alone ("数据截止日期为2023年12月31日"): the end date and the match, whose group
    "dates" is the date as written. None where no such sentence holds a date that exists."""
    m = PERIOD_END_ONLY_RE.search(text)
    if m is None:
        return None
    try:
        return date(int(m.group("y")), int(m.group("m")), int(m.group("d"))), m
    except ValueError:
        return None  # (S-07 reads the sentence as a period it cannot read)

"""Counts written in prose, shared by K-02 (numbers.py) and K-06 (prose_numbers.py): the units a count takes, the
words that introduce a total, and the regular expressions built from them — declared once so that the two rules read
the same numbers the same way."""

from __future__ import annotations

import re

# the units of a counted thing ("人次" before "人": the longer reading wins)
UNITS = "条|件|个|次|篇|期|场|人次|份|项|批次|户|家|名|人"
# a total: 共/共计 (not 公共/一共/总共 inside another word), 总计, 合计 or 累计, with up to 16 characters of what is
# counted before the number ("累计主动公开政府信息65条")
TOTAL_LEAD = r"(?:(?<![公一总])共(?:计)?|总计|合计|累计)[^，。；：\d]{0,16}?"
TOTAL_RE = re.compile(rf"{TOTAL_LEAD}\s*(?P<n>\d+)\s*(?P<u>{UNITS})")
# a total's words just before a count: the count is that total
TOTAL_BEFORE = re.compile(rf"{TOTAL_LEAD}\s*$")
# one count: not part of a longer number, not a percentage
COUNT_RE = re.compile(rf"(?<![\d.])(?P<n>\d+)\s*(?P<u>{UNITS})(?![\d%％])")
# one count that may be a lower bound ("1600余条")
COUNT_APPROX_RE = re.compile(rf"(?<![\d.])(?P<n>\d+)\s*(?P<approx>余|多)?\s*(?P<u>{UNITS})(?![\d%％])")
# what after a count makes it approximate
APPROX_AFTER = re.compile(r"^(?:余|多|以上|左右|万|千|百)")

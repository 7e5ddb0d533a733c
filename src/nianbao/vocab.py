"""The project's vocabulary, defined once: severities, categories, government levels, source formats,
format versions, the mandated parts and tables (from the format spec data) and the grade palette
(grade names come from the rubric, colours by rank).

Every module that needs one of these names or labels imports it from here; nothing else defines them.
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources
from typing import Literal, get_args

from nianbao.datacache import parse_toml
from nianbao.lexicon import lexicon

# --------------------------------------------------------------------------------------------- severities

Severity = Literal["error", "warning", "info"]
SEVERITIES: tuple[str, ...] = get_args(Severity)  # most severe first
SEVERITY_ORDER: dict[str, int] = {s: i for i, s in enumerate(SEVERITIES)}
SEVERITY_LABELS: dict[str, str] = {"error": "错误", "warning": "警告", "info": "提示"}


def severity_rank(severity: str | None) -> int:
    """0 for the most severe; unknown severities sort last."""
    return SEVERITY_ORDER.get(severity or "", len(SEVERITIES))


# --------------------------------------------------------------------------------------------- categories

Category = Literal[
    "format", "structure", "content", "table", "date", "consistency", "typo", "punctuation", "boilerplate",
    "crossyear",  # against the same body's report of the year before (only when one is given)
]
CATEGORIES: tuple[str, ...] = get_args(Category)
CATEGORY_LABELS: dict[str, str] = {
    "format": "格式",
    "structure": "结构",
    "content": "内容",
    "table": "表格",
    "date": "日期",
    "consistency": "一致性",
    "typo": "错别字",
    "punctuation": "标点",
    "boilerplate": "套话与雷同",  # B-01/B-02 套话 and B-03 雷同 (copy detection)
    "crossyear": "跨年度",  # Y-xx: 结转/现行有效件数 chains, last year's problems, text copied from last year
}

# --------------------------------------------------------------------------------------------- agencies

LEVELS: tuple[str, ...] = ("township", "street", "county_gov", "city_gov", "province_gov", "department")
LEVEL_LABELS: dict[str, str] = {
    "township": "乡镇",
    "street": "街道",
    "county_gov": "县级政府",
    "city_gov": "市级政府",
    "province_gov": "省级政府",
    "department": "政府部门",
}
GOVERNMENT_LEVELS: tuple[str, ...] = ("township", "street", "county_gov", "city_gov", "province_gov")
GOVERNMENTS_WITH_DEPARTMENTS: tuple[str, ...] = ("county_gov", "city_gov", "province_gov")


# the characters that end a place name, by the level of government (data/lexicon/bodies.toml), and the kinds of body a
# report calls itself by: every rule that reads 省/市/县/区/镇/乡/街道 or 我局/我镇 takes them from here
_bodies = lexicon("bodies")
PLACE_KINDS: dict[str, tuple[str, ...]] = {lvl: tuple(ws) for lvl, ws in _bodies["levels"].items()}
assert set(PLACE_KINDS) == set(GOVERNMENT_LEVELS), "data/lexicon/bodies.toml levels differ from vocab.GOVERNMENT_LEVELS"
# every level word, longest first (自治区 before 区), and its rank: 1 province … 4 township or street
PLACE_SUFFIXES: tuple[str, ...] = tuple(sorted((w for ws in PLACE_KINDS.values() for w in ws), key=len, reverse=True))
PLACE_RANK: dict[str, int] = {w: {"province_gov": 1, "city_gov": 2, "county_gov": 3}.get(lvl, 4)
                              for lvl, ws in PLACE_KINDS.items() for w in ws}
# the kinds of government a self-reference names (自治区 speaks as 区)
GOVERNMENT_KINDS: frozenset[str] = frozenset(PLACE_SUFFIXES) - {"自治区"}
ORGAN_KINDS: tuple[str, ...] = tuple(_bodies["organs"])
# what a report calls itself after 我/本: its government's kind, its organ's, or 部门/署/院
SELF_BODIES: tuple[str, ...] = tuple(sorted(GOVERNMENT_KINDS | set(ORGAN_KINDS) | set(_bodies["self_other"]),
                                            key=lambda w: (-len(w), w)))
# what else a report may call itself by, naming no kind (我单位, 我社区, 我司)
SELF_NEUTRAL: tuple[str, ...] = tuple(_bodies["self_neutral"])
del _bodies


def alternation(words) -> str:
    """A regex alternation of literal words, longest first (自治区 before 区, 人次 before 人)."""
    return "|".join(re.escape(w) for w in sorted(words, key=lambda w: (-len(w), w)))


def is_government(level: str | None) -> bool:
    """A people's government (乡镇 … 省), not one of its departments."""
    return level in GOVERNMENT_LEVELS


# --------------------------------------------------------------------------------------------- documents

SourceFormat = Literal["text", "pdf", "docx", "html", "image"]
SOURCE_FORMATS: tuple[str, ...] = get_args(SourceFormat)
SOURCE_FORMAT_LABELS: dict[str, str] = {"text": "纯文本", "pdf": "PDF", "docx": "Word", "html": "网页", "image": "图片"}
SOURCE_FORMAT_SHORT: dict[str, str] = {"text": "TXT", "pdf": "PDF", "docx": "DOCX", "html": "HTML", "image": "IMG"}

FormatVersion = Literal["2021", "2019", "pre2019", "unknown"]
FORMAT_VERSIONS: tuple[str, ...] = get_args(FormatVersion)
FORMAT_LABELS: dict[str, str] = {
    "2021": "2021版（国办公开办函〔2021〕30号）",
    "2019": "2019试行版（国办公开办函〔2019〕60号）",
    "pre2019": "2019年以前格式",
    "unknown": "未能识别",
}


# --------------------------------------------------------------------------------------------- the mandated format


@cache
def format_spec() -> dict:
    """data/spec/format.toml: the mandated parts, tables and format fingerprints."""
    data = resources.files("nianbao.data.spec").joinpath("format.toml").read_bytes()
    return parse_toml(data.decode("utf-8"))


@cache
def pre2019_words(*without: str) -> re.Pattern[str]:
    """The words that mark the pre-2019 outline (概述, 收费, 咨询 …; data/spec/format.toml's pre2019_outline), less
    `without` (概述 is also a current part one's word in 基本情况概述)."""
    return re.compile("|".join(re.escape(w) for w in format_spec()["pre2019_outline"]["words"] if w not in without))


_spec = format_spec()
PartId = Literal["overview", "proactive", "requests", "review_litigation", "problems", "other"]
PART_IDS: tuple[str, ...] = tuple(_spec["parts"])  # in the mandated order (the format spec's)
assert PART_IDS == get_args(PartId), "data/spec/format.toml parts differ from vocab.PartId"
PART_NAMES: dict[str, str] = {pid: p["canonical"] for pid, p in _spec["parts"].items()}
PART_NUMBERS: dict[str, str] = {pid: p["number"] for pid, p in _spec["parts"].items()}  # 一 … 六

TABLE_IDS: tuple[str, ...] = ("proactive", "requests", "review_litigation")
TABLE_NUMBERS: dict[str, str] = {"proactive": "表二", "requests": "表三", "review_litigation": "表四"}
TABLE_NAMES: dict[str, str] = {tid: _spec["tables"][tid]["title"] for tid in TABLE_IDS}  # 主动公开政府信息情况 …
TABLE_TITLES: dict[str, str] = {tid: f"{TABLE_NUMBERS[tid]} {TABLE_NAMES[tid]}" for tid in TABLE_IDS}
del _spec

# --------------------------------------------------------------------------------------------- grades

# Grade names are the rubric's ([grades], best first); a grade's colour is its rank's.
GRADE_COLORS: tuple[str, ...] = ("#1a7f37", "#0969da", "#b26b00", "#cf222e")  # HTML, best first
GRADE_RICH: tuple[str, ...] = ("bold green", "bold blue", "bold yellow", "bold red")  # terminal
GRADE_FILLS: tuple[str, ...] = ("C6EFCE", "DDEBF7", "FFEB9C", "FFC7CE")  # spreadsheet cells


def grade_style(grades: list[str] | tuple[str, ...], grade: str | None, palette: tuple[str, ...],
                default: str = "") -> str:
    """The palette entry for `grade` by its rank among `grades` (best first); the worst colour for
    the lowest grade of a rubric with more grades than colours."""
    if not grades or grade not in grades:
        return default
    i = list(grades).index(grade)
    return palette[len(palette) - 1] if i == len(grades) - 1 else palette[min(i, len(palette) - 2)]

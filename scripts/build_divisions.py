"""Rebuild ``src/nianbao/data/lexicon/divisions.tsv`` (China's administrative divisions, county level and above)
from a re-gathered copy of the public dataset.

    python scripts/build_divisions.py [--src .cache/gazetteer] [--check]

Source: github.com/modood/Administrative-divisions-of-China (licence WTFPL), commit
57a0aa9cef47169a2eb74cf057b0245052a34e8c (2024-11-28), files ``dist/provinces.csv``, ``dist/cities.csv`` and
``dist/areas.csv`` (names and codes of the 国家统计局 统计用区划代码). Re-gather them with
``git show <commit>:dist/<name>.csv > .cache/gazetteer/<name>.csv``. Only names and codes (facts) are kept.

Output: one line per division, ``code<TAB>name<TAB>short forms`` (comma-separated). The parent is the code's
prefix (2 digits province, 4 prefecture, 6 county); the placeholders 市辖区 / 省直辖县级行政区划 are left out, so
a county under one of them hangs directly from its province. ``--check`` rebuilds in memory and exits 1 when the
committed file differs.
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src" / "nianbao" / "data" / "lexicon" / "divisions.tsv"
SOURCE = ("modood/Administrative-divisions-of-China", "57a0aa9cef47169a2eb74cf057b0245052a34e8c", "WTFPL")
HEADER = (
    "# China's administrative divisions, county level and above: code, name, short forms.\n"
    f"# Source: github.com/{SOURCE[0]} commit {SOURCE[1]} (licence {SOURCE[2]}),\n"
    "# dist/provinces.csv, dist/cities.csv, dist/areas.csv (国家统计局统计用区划代码). Facts only (names and codes).\n"
    "# Rebuilt by scripts/build_divisions.py from a re-gathered copy in .cache/gazetteer/; do not edit by hand.\n"
)
PLACEHOLDER = re.compile(r"^(?:市辖区|县|(?:省|自治区)直辖县级行政区划)$")
# 民族 names inside autonomous units: 长阳土家族自治县 -> 长阳, 恩施土家族苗族自治州 -> 恩施, 广西壮族自治区 -> 广西
_PEOPLES = ("蒙古 回 藏 维吾尔 苗 彝 壮 布依 朝鲜 满 侗 瑶 白 土家 哈尼 哈萨克 傣 黎 傈僳 佤 畲 高山 拉祜 水 东乡 纳西 景颇 "
            "柯尔克孜 土 达斡尔 仫佬 羌 布朗 撒拉 毛南 仡佬 锡伯 阿昌 普米 塔吉克 怒 乌孜别克 俄罗斯 鄂温克 德昂 保安 裕固 京 "
            "塔塔尔 独龙 鄂伦春 赫哲 门巴 珞巴 基诺 各").split()
_PEOPLE_ALT = "|".join(sorted(_PEOPLES, key=len, reverse=True))
_ETHNIC = re.compile(rf"^(.{{2,}}?)(?:(?:{_PEOPLE_ALT})族?)*自治(?:区|州|县|旗)$")
_SUFFIX = re.compile(r"(?:特别行政区|自治区|自治州|自治县|自治旗|地区|林区|新区|矿区|省|市|州|盟|县|旗|区)$")


def short_forms(name: str) -> list[str]:
    """The common short forms of a division's name: 洪泽区 -> 洪泽, 淮安市 -> 淮安 (two characters or more)."""
    out: list[str] = []
    m = _ETHNIC.match(name)
    short = m.group(1) if m else _SUFFIX.sub("", name)
    if short != name and len(short) >= 2:
        out.append(short)
    return out


def read(src: Path) -> list[tuple[str, str]]:
    rows: list[tuple[str, str]] = []
    for fname in ("provinces.csv", "cities.csv", "areas.csv"):
        with open(src / fname, encoding="utf-8", newline="") as fh:
            for rec in csv.DictReader(fh):
                if not PLACEHOLDER.match(rec["name"]):
                    rows.append((rec["code"], rec["name"]))
    return sorted(rows)


def render(rows: list[tuple[str, str]]) -> str:
    return HEADER + "".join(f"{code}\t{name}\t{','.join(short_forms(name))}\n" for code, name in rows)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--src", type=Path, default=ROOT / ".cache" / "gazetteer")
    ap.add_argument("--check", action="store_true")
    args = ap.parse_args()
    missing = [f for f in ("provinces.csv", "cities.csv", "areas.csv") if not (args.src / f).exists()]
    if missing:
        print(f"缺少源文件：{args.src}/{missing[0]}（请先按说明重新获取）", file=sys.stderr)
        return 2
    text = render(read(args.src))
    if args.check:
        same = OUT.exists() and OUT.read_text(encoding="utf-8") == text
        print("divisions.tsv " + ("matches the source" if same else "DIFFERS from the source"))
        return 0 if same else 1
    OUT.write_text(text, encoding="utf-8")
    print(f"wrote {OUT.relative_to(ROOT)}: {text.count(chr(10)) - HEADER.count(chr(10))} divisions")
    return 0


if __name__ == "__main__":
    sys.exit(main())

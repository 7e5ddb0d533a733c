"""China's administrative divisions, county level and above (``data/lexicon/divisions.tsv``, rebuilt by
``scripts/build_divisions.py``): look a place name up and tell whether two places lie inside one another.

Loaded on first use only, so importing this module costs nothing at start-up.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from importlib import resources

from nianbao.vocab import PLACE_KINDS

# the characters a division's name ends with (保山市, 东坪县, 和平区, 阿拉善盟): 省 市 县 区 旗 州 盟 — the one-character
# level words of county level and above (vocab.PLACE_KINDS)
LEVEL_CHARS = "".join(w for lvl in ("province_gov", "city_gov", "county_gov") for w in PLACE_KINDS[lvl] if len(w) == 1)
# Names that are also ordinary words (城区, 郊区, 矿区 …): never read as a place on their own.
_GENERIC = frozenset({"城区", "郊区", "矿区", "市中区", "城中区", "城关区", "新城区", "老城区", "开发区", "高新区", "新区"})


@dataclass(frozen=True, slots=True, order=True)
class Division:
    code: str  # 2 digits: province, 4: prefecture, 6: county
    name: str  # 淮安市
    short: str  # 淮安 ("" when the short form would be one character)


@dataclass(frozen=True, slots=True)
class _Table:
    rows: dict[str, tuple[str, str]]  # code -> (name, short form)
    by_name: dict[str, tuple[str, ...]]  # full name -> codes
    by_short: dict[str, tuple[str, ...]]  # short form -> codes
    longest: int

    def divisions(self, codes: tuple[str, ...]) -> tuple[Division, ...]:
        return tuple(Division(c, *self.rows[c]) for c in codes)


@cache
def _table() -> _Table:
    text = resources.files("nianbao.data").joinpath("lexicon", "divisions.tsv").read_text(encoding="utf-8")
    rows: dict[str, tuple[str, str]] = {}
    by_name: dict[str, tuple[str, ...]] = {}
    by_short: dict[str, tuple[str, ...]] = {}
    for line in text.splitlines():
        if line and line[0] != "#":
            code, name, short = line.split("\t")
            rows[code] = (name, short)
            by_name[name] = by_name.get(name, ()) + (code,)
            if short:
                by_short[short] = by_short.get(short, ()) + (code,)
    return _Table(rows, by_name, by_short, max(map(len, by_name)))


def lookup(name: str, short: bool = False) -> tuple[Division, ...]:
    """The divisions called ``name`` (several when the name repeats: 鼓楼区); with ``short`` also by short form."""
    t = _table()
    codes = t.by_name.get(name, ())
    return t.divisions(codes + t.by_short.get(name, ()) if short else codes)


def is_name(name: str, short: bool = False) -> bool:
    """``name`` is a division's full name (or, with ``short``, its short form): lookup without building Divisions."""
    t = _table()
    return name in t.by_name or (short and name in t.by_short)


def all_divisions() -> tuple[Division, ...]:
    """Every division in the table, in table order."""
    t = _table()
    return t.divisions(tuple(t.rows))


def parent(d: Division) -> Division | None:
    """The division one level up (a county under a 市辖区 placeholder hangs from its province)."""
    t = _table()
    for n in (4, 2):
        if len(d.code) > n and d.code[:n] in t.rows:
            return Division(d.code[:n], *t.rows[d.code[:n]])
    return None


def ancestors(d: Division) -> Iterator[Division]:
    """The divisions above ``d``, nearest first (a county's prefecture, then its province)."""
    up = parent(d)
    while up is not None:
        yield up
        up = parent(up)


@cache
def children() -> dict[str, tuple[Division, ...]]:
    """Each division's code -> the divisions one level down (those whose :func:`parent` it is), in table order;
    built once."""
    out: dict[str, list[Division]] = {}
    for code, (name, short) in _table().rows.items():
        d = Division(code, name, short)
        up = parent(d)
        if up is not None:
            out.setdefault(up.code, []).append(d)
    return {k: tuple(v) for k, v in out.items()}


def related(a: Division, b: Division) -> bool:
    """One of the two lies inside the other (or they are the same)."""
    return a.code.startswith(b.code) or b.code.startswith(a.code)


def resolve(places: list[str]) -> tuple[Division, ...]:
    """The most specific divisions a chain of place names (淮安市, 洪泽区, 高良涧街道) names, narrowed by one
    another: 鼓楼区 after 福州市 is Fuzhou's. Names that are not divisions (townships, streets) are skipped; several
    divisions come back only when the name stays ambiguous (鼓楼区 alone)."""
    chain: tuple[Division, ...] = ()
    for p in places:
        cands = lookup(p) or lookup(p, short=True) or _zone_host(p)
        if not cands:
            continue
        if chain:
            inside = tuple(c for c in cands if any(related(c, o) for o in chain))
            cands = inside or cands
        chain = cands if not chain else tuple({*chain, *cands})
    # only the most specific: 洪泽区, not 淮安市 (a sibling county lies inside 淮安市 but is not ours)
    return tuple(sorted(d for d in chain if not any(o.code != d.code and o.code.startswith(d.code) for o in chain)))


def _zone_host(place: str) -> tuple[Division, ...]:
    """A special zone named after the county that hosts it (平潭综合实验区 -> 平潭县): judged as that county."""
    if not place.endswith(("实验区", "试验区", "开发区", "新区", "经济区", "示范区")):
        return ()
    return next((found for n in (4, 3, 2) if (found := lookup(place[:n], short=True))), ())


def place_ending_at(text: str, end: int, lo: int = 0) -> tuple[int, tuple[Division, ...]] | None:
    """The longest division name (three characters or more, or two as a whole word) that ends at
    ``end`` in ``text`` and starts at or after ``lo``: (start, its divisions) or None."""
    t = _table()
    for n in range(min(t.longest, end - lo), 1, -1):
        name = text[end - n:end]
        if name in t.by_name and name not in _GENERIC:
            cands = t.divisions(t.by_name[name])
            if n >= 3 or _whole(text, end - n, cands):
                return end - n, cands
    return None


def short_ending_at(text: str, end: int, lo: int = 0) -> tuple[int, tuple[Division, ...]] | None:
    """The longest short form (洪泽, 广东, two characters or more) that ends at ``end``: (start, divisions) or None."""
    t = _table()
    for n in range(min(t.longest, end - lo), 1, -1):
        if codes := t.by_short.get(text[end - n:end]):
            return end - n, t.divisions(codes)
    return None


def _whole(text: str, start: int, cands: tuple[Division, ...]) -> bool:
    """A two-character name (和县, 新县) is read as a place only after the name of its own prefecture or province
    (安徽省和县): elsewhere it is as likely the end of a word or a conjunction (《条例》和县政府)."""
    return any(x and text[max(0, start - len(x)):start] == x
               for c in cands for up in ancestors(c) for x in (up.name, up.short))


@cache
def names_ending_with() -> frozenset[str]:
    """The last characters of division names (省 市 区 县 州 盟 旗); built once (K-07 asks per passage)."""
    return frozenset(n[-1] for n in _table().by_name)

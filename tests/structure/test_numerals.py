"""The one reader of Chinese numerals (``structure.dates.cn_number``), used by the date rules and, through
``rules.counts.value``, by the count rules."""

import pytest

from nianbao.rules.counts import value
from nianbao.structure.dates import DATE_RE, cn_number, parse_date_match

CASES = [
    ("二十三", 23), ("一百零五", 105), ("两", 2), ("〇", 0), ("十", 10), ("十九", 19), ("两千", 2000),
    ("一百零三", 103), ("二〇二四", 2024), ("二〇2四", 2024), ("12", 12), ("１２", 12), ("二Ｏ二三", 2023),
]


@pytest.mark.parametrize(("text", "n"), CASES)
def test_both_readers_agree(text, n):
    assert cn_number(text) == n
    assert value(text) == n


@pytest.mark.parametrize("text", ["", "abc", "二十三条", "第五"])
def test_not_a_number(text):
    assert cn_number(text) is None
    with pytest.raises(ValueError):
        value(text)


def test_dates_in_chinese_numerals():
    m = DATE_RE.search("二〇二四年一月十九日")
    assert parse_date_match(m).isoformat() == "2024-01-19"
    m = DATE_RE.search("二〇二三年十二月三十一日")
    assert parse_date_match(m).isoformat() == "2023-12-31"

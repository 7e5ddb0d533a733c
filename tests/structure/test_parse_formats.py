"""The same report read from PDF, DOCX, HTML and GBK text parses to the same exact values as its text version."""

from __future__ import annotations

import pytest

from nianbao.audit import load_report
from nianbao.errors import InputError
from tests.conftest import FIXTURES

FORMATS = FIXTURES / "formats"
STEMS = ["county_bureau_2023", "city_gov_2019", "township_2017", "messy_street_2022"]
CASES = [(s, ext) for s in STEMS for ext in ("pdf", "docx", "html")] + [("city_gov_2019", "gbk.txt"),
                                                                         ("city_gov_2019", "gbk.html")]


@pytest.mark.parametrize("stem,ext", CASES, ids=[f"{s}.{e}" for s, e in CASES])
def test_same_values_in_every_format(stem, ext, expected_reports):
    exp = expected_reports[f"{stem}.txt"]
    rep = load_report(FORMATS / f"{stem}.{ext}")
    m = rep.meta
    assert (m.agency, m.year, m.format_version) == (exp["agency"], exp["year"], exp["format_version"])
    assert m.published.isoformat() == exp["published"]
    assert [p.id for p in rep.parts] == [p for p in exp["parts"] if p]
    for key, value in exp["table_cells"].items():
        table, row, col = key.split(".")
        assert rep.tables[table].value(row, col) == value, key
    assert len(rep.part("overview").paragraphs) == exp["paragraph_count_overview"]


def test_pdf_cells_know_their_page():
    rep = load_report(FORMATS / "county_bureau_2023.pdf")
    assert rep.raw.page_count and rep.raw.page_count > 1
    cell = rep.tables["requests"].cell("new", "natural")
    assert cell.page is not None and cell.page >= 2
    assert rep.text[cell.start:cell.end] == "23"


@pytest.mark.parametrize("name,code", [("encrypted.pdf", "encrypted"), ("scanned.pdf", "scanned_empty"),
                                       ("garbled.pdf", "garbled"), ("empty.txt", "empty")])
def test_bad_files_get_one_clear_sentence(name, code):
    with pytest.raises(InputError) as ei:
        load_report(FORMATS / name)
    assert ei.value.code == code
    assert name in str(ei.value) and str(ei.value).endswith("。")


def test_table_continued_over_three_pages():
    """Regression: a table-3 continued on a second and a third page crashed the PDF reader (IndexError)."""
    pdf = load_report(FORMATS / "table_over_three_pages.pdf")
    txt = load_report(FORMATS / "table_over_three_pages.txt")
    assert pdf.tables["requests"].missing_rows == []
    for tid in ("proactive", "requests", "review_litigation"):
        a = {r: {c: x.value for c, x in cols.items()} for r, cols in pdf.tables[tid].cells.items()}
        b = {r: {c: x.value for c, x in cols.items()} for r, cols in txt.tables[tid].cells.items()}
        assert a == b, tid

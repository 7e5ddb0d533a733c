"""Limits: configuration, and each limit refusing the original attack with one sentence (issue #14 items 2, 7)."""

from __future__ import annotations

import os
import tracemalloc
from contextlib import contextmanager

import pytest

from nianbao import limits as L
from nianbao.config import load_config
from nianbao.errors import InputError
from nianbao.ingest import read_bytes, read_document
from tests.hostile.make_files import MiB, docx_bomb, pdf_bomb, pdf_pages


def test_defaults_and_config_table(tmp_path):
    assert L.Limits().input_mb == 64 and L.Limits().pages == 300
    (tmp_path / "nianbao.toml").write_text("[limits]\ninput_mb = 8\npages = 50\nfile_seconds = 30\n", encoding="utf-8")
    cfg = load_config(start=tmp_path)
    assert cfg.limits == L.Limits(input_mb=8.0, pages=50, file_seconds=30.0)
    assert cfg.limits.input_bytes == 8 * MiB


@pytest.mark.parametrize("table, word", [({"pagez": 3}, "未知的键 pagez"), ({"pages": -1}, "应为正数"),
                                          ({"pages": "many"}, "应为正数")])
def test_bad_limits_table_is_one_sentence(table, word):
    with pytest.raises(L.LimitsError, match=word):
        L.limits_from_table(table, "nianbao.toml")


def _refused(data: bytes, name: str) -> str:
    with pytest.raises(InputError) as e:
        read_bytes(data, name)
    assert e.value.code == "limit", str(e.value)
    return str(e.value)


@contextmanager
def _limits(**changes):
    """Run the block under Limits(**changes), restoring the previous limits after."""
    previous = L.configure(L.Limits(**changes))
    try:
        yield
    finally:
        L.configure(previous)


def _refused_under(data: bytes, name: str, **changes) -> str:
    with _limits(**changes):
        return _refused(data, name)


def _refused_small(bomb: bytes, name: str) -> tuple[str, int]:
    """(message, peak traced memory) of refusing a small-but-expanding bomb."""
    assert len(bomb) < 200_000
    tracemalloc.start()
    try:
        return _refused(bomb, name), tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_docx_bomb_refused_while_inflating():
    bomb = docx_bomb(L.Limits().member_mb * MiB + 2 * MiB)  # 66 MiB of XML in a ~70 KB file
    msg, peak = _refused_small(bomb, "bomb.docx")
    assert msg == ("bomb.docx：压缩包内单个部件解压后的大小超过上限（64 MB；word/document.xml 为 66.0 MB；"
                   "可在配置的 [limits] member_mb 中调整），已拒绝读取。")
    assert peak < 16 * MiB  # counted in chunks: the inflated 66 MiB never exist at once


def test_pdf_flate_bomb_refused_while_inflating():
    msg, peak = _refused_small(pdf_bomb(L.Limits().stream_mb * MiB + 2 * MiB), "bomb.pdf")
    assert msg.startswith("bomb.pdf：PDF 单个数据流解压后的大小超过上限（64 MB")
    assert peak < 16 * MiB


def test_zip_total_counted_while_inflating():
    import io
    import zipfile

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("word/document.xml", b"<w:document/>")
        for i in range(3):
            z.writestr(f"word/media/image{i}.bin", b"\0" * (2 * MiB))
    msg = _refused_under(buf.getvalue(), "many.docx", zip_total_mb=5)
    assert "压缩包解压后的总大小超过上限（5 MB；" in msg


def test_small_streams_pass_the_check():
    # the same shapes under the limits are not refused by the limits (the reader then decides)
    for data, name in ((docx_bomb(MiB), "ok.docx"), (pdf_bomb(MiB), "ok.pdf")):
        try:
            read_bytes(data, name)
        except InputError as e:
            assert e.code != "limit", str(e)


def test_pages_limit():
    msg = _refused(pdf_pages(L.Limits().pages + 1), "long.pdf")
    assert "页数超过上限（300 页；实际 301 页" in msg


def test_paragraph_limit_and_configure():
    text = ("某某局2023年政府信息公开工作年度报告\n" + "一、总体情况\n" * 60).encode("utf-8")
    previous = L.configure(L.Limits(paragraphs=50))
    try:
        msg = _refused(text, "many.txt")
    finally:
        L.configure(previous)
    assert "段落和表格行数超过上限（50 个；实际 61 个" in msg
    assert L.current() == previous


def test_input_size_limit(tmp_path):
    f = tmp_path / "big.txt"
    f.write_bytes(b"a" * (2 * MiB))
    with _limits(input_mb=1), pytest.raises(InputError) as e:
        read_document(f)
    assert str(e.value) == f"{f}：文件大小超过上限（1 MB；实际 2.0 MB；可在配置的 [limits] input_mb 中调整），已拒绝读取。"


@pytest.mark.skipif(not hasattr(os, "mkfifo") or not os.path.exists("/dev/zero"), reason="POSIX special files")
def test_fifo_and_devices_refused_before_reading(tmp_path):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)  # no writer: opening it for reading would block forever
    with pytest.raises(InputError) as e:
        read_document(fifo)
    assert e.value.code == "special" and "命名管道（FIFO）" in str(e.value)
    with pytest.raises(InputError) as e:
        read_document("/dev/zero")
    assert str(e.value).startswith("/dev/zero：不是普通文件（字符设备）")


def test_directory_is_a_directory(tmp_path):
    with pytest.raises(InputError) as e:
        read_document(tmp_path)
    assert e.value.code == "is_dir" and "这是一个目录" in str(e.value)
    with pytest.raises(InputError) as e:
        read_document(tmp_path / "nope.txt")
    assert e.value.code == "not_found"


def test_docx_paragraph_marks_counted_before_parsing():
    # 0.25 MB of DOCX holding 476,000 paragraphs took 15 s and 750 MB to parse before the paragraph limit
    # refused it; the marks are now counted while inflating, before python-docx builds anything
    import io
    import zipfile

    from tests.hostile.make_files import _DOCX_RELS, _DOCX_TYPES, _W

    body = b"<w:p><w:r><w:t>\xe6\x9c\xac</w:t></w:r></w:p>" * 101
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", _DOCX_TYPES)
        z.writestr("_rels/.rels", _DOCX_RELS)
        z.writestr("word/document.xml", b"<w:document " + _W + b"><w:body>" + body + b"</w:body></w:document>")
    msg = _refused_under(buf.getvalue(), "many.docx", paragraphs=20)
    assert "段落和表格行数超过上限（20 个；word/document.xml 含 101 个以上的段落标记；" in msg


def test_html_tags_counted_before_parsing():
    html = b"<html><body>" + b"<p>\xe6\x9c\xac</p>" * 60 + b"</body></html>"
    msg = _refused_under(html, "many.html", paragraphs=2)
    assert "段落和表格行数超过上限（2 个；文件含 124 个 HTML 标签；" in msg

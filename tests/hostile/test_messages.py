"""Every failure path of issue #14 items 7 and 9: exit 2 and one accurate Chinese sentence, never a traceback;
and terminal-safe output (item 6): report text is shown, never obeyed."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from nianbao.audit import load_report
from nianbao.cli import app

ROOT = Path(__file__).resolve().parents[2]
REPORT = ROOT / "tests" / "fixtures" / "reports" / "county_bureau_2023.txt"
runner = CliRunner()


def _fails(args: list[str]) -> str:
    res = runner.invoke(app, args)
    assert res.exit_code == 2, (res.exit_code, res.output, res.exception)
    assert "Traceback" not in res.output
    lines = [ln for ln in res.output.splitlines() if ln.strip()]
    assert len(lines) == 1 and lines[0].startswith("错误："), res.output
    return lines[0]


@pytest.fixture()
def files(tmp_path):
    (tmp_path / "afile").write_text("x", encoding="utf-8")
    (tmp_path / "binary.toml").write_bytes(Path("/bin/ls").read_bytes()[:4096])
    (tmp_path / "report.txt").write_bytes(Path("/bin/ls").read_bytes()[:65536])  # a renamed executable
    (tmp_path / "deep.html").write_text("<html><body>" + "<div>" * 300 + "<p>某某局2023年政府信息公开工作年度报告</p>"
                                        + "</div>" * 300 + "</body></html>", encoding="utf-8")
    return tmp_path


def test_output_is_a_directory(files):
    msg = _fails(["score", str(REPORT), "-o", str(files)])
    assert msg == f"错误：{files}：这是一个目录，不能作为输出文件；请在 -o 后给出文件名，例如 {files / '审查报告.html'}。"


def test_output_below_a_file(files):
    msg = _fails(["score", str(REPORT), "-o", str(files / "afile" / "x.html")])
    assert msg == f"错误：{files / 'afile' / 'x.html'}：上级路径 {files / 'afile'} 是一个文件而不是目录，无法在其下写入输出文件。"


def test_batch_out_is_a_file(files):
    res = runner.invoke(app, ["batch", str(REPORT), "--out", str(files / "afile"), "--no-progress", "-j", "1"])
    assert res.exit_code == 2 and "Traceback" not in res.output
    assert f"输出路径 {files / 'afile'} 是一个文件，不是目录" in res.output


@pytest.mark.parametrize("option, start", [("--config", "配置文件"), ("--rubric", "评分细则文件")])
def test_binary_config_and_rubric(files, option, start):
    msg = _fails(["score", str(REPORT), option, str(files / "binary.toml")])
    assert msg == f"错误：{start} {files / 'binary.toml'}：不是 UTF-8 编码的 TOML 文本（可能是二进制文件）。"


def test_directory_is_not_missing(files):
    msg = _fails(["score", str(files)])
    assert "这是一个目录，不是文件" in msg and "不存在" not in msg


def test_renamed_executable(files):
    msg = _fails(["score", str(files / "report.txt")])
    assert msg == f"错误：{files / 'report.txt'}：这是可执行程序或二进制文件（ELF 可执行文件），不是报告文件；请确认选择的文件是否正确。"


def test_html_deeper_than_libxml2(files):
    msg = _fails(["inspect", str(files / "deep.html")])
    assert "HTML 标签嵌套层数超过解析器上限" in msg and "文件为空" not in msg


@pytest.mark.skipif(not hasattr(os, "mkfifo") or not os.path.exists("/dev/zero"), reason="POSIX special files")
def test_fifo_and_dev_zero_refused(files):
    os.mkfifo(files / "pipe.txt")
    assert "命名管道（FIFO）" in _fails(["score", str(files / "pipe.txt")])
    assert "/dev/zero：不是普通文件（字符设备）" in _fails(["score", "/dev/zero"])


TEXT = REPORT.read_text(encoding="utf-8")


@pytest.mark.parametrize("data, enc", [
    (TEXT.encode("utf-16") + b"\x00", "UTF-16"),  # odd trailing byte
    ("\ufeff".encode("utf-16-le") + TEXT.encode("utf-16-le") + b"\x00\xd8" + "。".encode("utf-16-le"), "UTF-16"),
    (TEXT.encode("utf-8") + "政".encode()[:2], "UTF-8"),  # valid UTF-8, one character cut short
])
def test_one_byte_fault_is_read_with_a_note(tmp_path, data, enc):
    f = tmp_path / "report.txt"
    f.write_bytes(data)
    rep = load_report(f)
    assert rep.meta.agency == "青溪县市场监督管理局"
    notes = [n for n in rep.raw.notes if n.code == "encoding_fault"]
    assert [n.message for n in notes] == [
        f"文件中有 1 处字节不符合 {enc} 编码（如文件末尾被截断），已用“\ufffd”代替后继续读取，请核对原文件。"]


# --------------------------------------------------------------------------- terminal safety (item 6)

EVIL_TITLE = "[link=http://evil.example/]青溪县市场监督管理局[/link]2023年政府信息公开工作年度报告"
ESC = "\x1b]0;pwned\x07\x1b[2J\x1b[31m"


@pytest.fixture()
def evil(tmp_path):
    lines = TEXT.split("\n")
    lines[0] = EVIL_TITLE
    i = next(k for k, ln in enumerate(lines) if ln.startswith("一、"))
    lines[i + 1] = "[bold]粗体[/bold]" + lines[i + 1] + ESC  # its end is quoted in a parse note
    f = tmp_path / "evil.txt"
    f.write_text("\n".join(lines), encoding="utf-8")
    return f


def test_inspect_prints_markup_and_escapes_as_text(evil):
    res = runner.invoke(app, ["inspect", str(evil)])
    assert res.exit_code == 0, res.output
    assert "\x1b" not in res.output and "\x07" not in res.output
    assert "[link=http://evil.example/]" in res.output  # shown, not turned into a hyperlink
    assert "[2J␛[31m" in res.output


@pytest.mark.parametrize("fmt", ["text", "md"])
def test_score_shows_escapes_visibly(evil, fmt):
    res = runner.invoke(app, ["score", str(evil), "--format", fmt, "--color" if fmt == "text" else "--no-color"])
    assert res.exit_code == 0, res.output
    for seq in ("\x1b]0;", "\x1b[2J", "\x07", "\x1b[31m"):
        assert seq not in res.output
    assert "[2J␛[31m" in res.output.replace("\\[", "[")  # Markdown escapes the bracket


def test_visible_keeps_offsets():
    from nianbao.termsafe import visible

    s = "a\x1bb\x9bc\u202ed\te\nf\x7f"
    assert visible(s) == "a␛b\ufffdc\ufffdd\te\nf␡" and len(visible(s)) == len(s)
    assert visible(s, keep_newlines=False).endswith("e␊f␡")

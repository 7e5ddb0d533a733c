"""Input errors: one clear Chinese sentence naming the file and the cause, never a traceback."""

from __future__ import annotations

# code -> message template; {name} is the file name
MESSAGES: dict[str, str] = {
    "not_found": "{name}：文件不存在或无法打开。",
    "empty": "{name}：文件为空，没有可审查的内容。",
    "encoding": "{name}：无法识别文本编码（已尝试 UTF-8、GBK、GB18030），请另存为 UTF-8 后再试。",
    "encrypted": "{name}：PDF 文件已加密，无法读取文字，请提供未加密的版本。",
    "scanned": "{name}：PDF 没有文字层（扫描件或图片）；安装文字识别扩展后即可审查：pip install 'nianbao[ocr]'，或提供可复制文字的版本。",
    "scanned_image": "{name}：这是一张图片（扫描件或照片），需要文字识别才能审查：pip install 'nianbao[ocr]'，或提供可复制文字的版本。",
    "scanned_empty": "{name}：扫描件经文字识别（OCR）后没有读出任何文字，请提供更清晰的扫描件或可复制文字的版本。",
    "garbled": "{name}：PDF 的文字提取为乱码（字体缺少编码映射），请从原始文档重新导出 PDF 或提供 Word 版本。",
    "corrupt": "{name}：文件已损坏或格式不正确，无法解析（{detail}）。",
    "unsupported": "{name}：不支持的文件格式（支持 PDF、DOCX、HTML 和 TXT）。",
    "is_dir": "{name}：这是一个目录，不是文件；请指定一份报告文件（审查整个目录请用 nianbao batch）。",
    "permission": "{name}：没有读取该文件的权限。",
    "unreadable": "{name}：无法读取该文件（{detail}）。",
    "special": "{name}：不是普通文件（{detail}），为避免读取无尽数据或长时间等待，已拒绝读取。",
    "limit": "{name}：{detail}，已拒绝读取。",
    "executable": "{name}：这是可执行程序或二进制文件（{detail}），不是报告文件；请确认选择的文件是否正确。",
    "unsupported_kind": "{name}：这是{detail}，不是可审查的报告格式（支持 PDF、DOCX、HTML 和 TXT）。",
    "too_deep": "{name}：HTML 标签嵌套层数超过解析器上限（{detail}），无法完整读取正文；请另存为 DOCX、PDF 或纯文本后再试。",
    "not_report": "{name}：看起来不是政府信息公开工作年度报告（未找到报告标题或任何法定部分）。",
    "title_only": "{name}：只有报告标题，没有正文（网页上的报告可能放在附件里），无法审查；请取得报告全文或附件后再审查。",
}


class InputError(Exception):
    """A report that cannot be read. ``str(err)`` is the one sentence shown to the user."""

    def __init__(self, code: str, name: str, detail: str = "") -> None:
        self.code = code
        self.name = name
        self.detail = detail
        template = MESSAGES.get(code, "{name}：无法读取（{detail}）。")
        super().__init__(template.format(name=name, detail=detail or code))
        # the sentence without the file name, for tables that name the file in a column of their own
        # (a batch records one reason per content; it must not name another file with the same bytes)
        self.cause = template.removeprefix("{name}：").format(name=name, detail=detail or code)

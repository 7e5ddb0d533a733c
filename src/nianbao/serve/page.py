"""The upload page of `nianbao serve`: one self-contained HTML file (no external script, font or style)."""

from __future__ import annotations

from nianbao.serve.limits import MAX_FILES

_PAGE = """<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<title>nianbao · 政府信息公开工作年度报告审查</title>
<style>
:root { --ink:#1f2328; --muted:#656d76; --line:#d0d7de; --accent:#8b1a1a; --ok:#1a7f37; }
* { box-sizing: border-box; }
body { margin:0; font-family: "Noto Sans CJK SC","Source Han Sans SC","Microsoft YaHei","PingFang SC",sans-serif;
       color:var(--ink); background:#f6f7f9; }
header { background:var(--accent); color:#fff; padding:22px 0; }
.wrap { max-width:1100px; margin:0 auto; padding:0 24px; }
h1 { margin:0; font-size:24px; } header p { margin:6px 0 0; opacity:.85; font-size:14px; }
#drop { margin:24px 0 12px; border:2px dashed #b9c0c8; border-radius:10px; background:#fff; padding:42px 20px;
        text-align:center; cursor:pointer; }
#drop.over { border-color:var(--accent); background:#fff6f6; }
#drop strong { font-size:18px; } #drop p { color:var(--muted); margin:8px 0 0; font-size:14px; }
#files { display:none; }
#status { margin:10px 0; font-size:15px; min-height:1.4em; }
progress { width:100%; height:14px; }
#progressbox { display:none; }
table { width:100%; border-collapse:collapse; background:#fff; margin-top:12px; font-size:14px; }
th, td { border:1px solid var(--line); padding:7px 9px; text-align:left; vertical-align:top; }
th { background:#f0f2f4; }
td.num { text-align:right; white-space:nowrap; }
.grade { font-weight:700; }
.err { color:#cf222e; }
.top { color:var(--muted); font-size:13px; margin-top:3px; }
a.dl { margin-right:10px; white-space:nowrap; }
#summary { display:none; margin:14px 0; font-size:15px; }
footer { color:var(--muted); font-size:12.5px; margin:30px 0; }
</style></head>
<body>
<header><div class="wrap"><h1>政府信息公开工作年度报告审查</h1>
<p>nianbao 在本机审查和评分年度报告：文件只在这台电脑上处理，不会上传到任何其他地方。</p></div></header>
<main class="wrap">
<div id="drop" tabindex="0" role="button" aria-label="选择或拖入报告文件">
<strong>把报告文件拖到这里，或点击选择文件</strong>
<p>支持 PDF、Word（DOCX）、网页（HTML）和文本（TXT）；可一次选择多个文件
（最多 __MAX_FILES__ 个，单个不超过 __MAX_MB__ MB）。</p>
<input type="file" id="files" multiple accept=".pdf,.docx,.html,.htm,.txt">
</div>
<div id="progressbox"><progress id="bar" value="0" max="1"></progress></div>
<div id="status" aria-live="polite"></div>
<div id="summary"><a id="summarylink" href="#" target="_blank">查看本批汇总页（得分分布、等级、最常见的问题和排名）</a></div>
<table id="results" hidden><thead><tr><th>文件</th><th>机关</th><th>得分</th><th>等级</th><th>问题</th>
<th>下载</th></tr></thead><tbody></tbody></table>
<footer>“审查报告”是网页版审查结果（可打印为 PDF）；“批注文档”是在原文证据处加了 Word 批注的文档
（PDF、网页和文本报告会先转成 Word 文档）；“JSON”供程序使用。结果保存在内存中，关闭服务后即清除。</footer>
</main>
<script>
(function () {
  var MAX_FILES = __MAX_FILES__, MAX_BYTES = __MAX_MB__ * 1024 * 1024;
  var drop = document.getElementById('drop'), input = document.getElementById('files');
  var statusEl = document.getElementById('status'), bar = document.getElementById('bar');
  var table = document.getElementById('results'), tbody = table.querySelector('tbody');
  var busy = false;
  function esc(s) { var d = document.createElement('div'); d.textContent = s == null ? '' : String(s); return d.innerHTML; }
  function batchId() { var a = new Uint8Array(12); crypto.getRandomValues(a);
    return Array.from(a, function (b) { return ('0' + b.toString(16)).slice(-2); }).join(''); }
  drop.addEventListener('click', function () { if (!busy) input.click(); });
  drop.addEventListener('keydown', function (e) { if (e.key === 'Enter' || e.key === ' ') input.click(); });
  drop.addEventListener('dragover', function (e) { e.preventDefault(); drop.classList.add('over'); });
  drop.addEventListener('dragleave', function () { drop.classList.remove('over'); });
  drop.addEventListener('drop', function (e) { e.preventDefault(); drop.classList.remove('over');
    start(e.dataTransfer.files); });
  input.addEventListener('change', function () { start(input.files); input.value = ''; });
  function addRow(name, r, error) {
    table.hidden = false;
    var tr = document.createElement('tr');
    if (error) {
      tr.innerHTML = '<td>' + esc(name) + '</td><td colspan="5" class="err">' + esc(error) + '</td>';
    } else {
      var top = (r.top || []).map(function (t) { return esc(t.rule + ' ' + t.message); }).join('；');
      tr.className = 'ok';
      tr.innerHTML = '<td>' + esc(name) + '</td><td>' + esc(r.agency || '') + ' ' + esc(r.year || '') + '</td>' +
        '<td class="num score">' + esc(Number(r.score).toFixed(1)) + '</td>' +
        '<td class="grade" style="color:' + esc(r.grade_color) + '">' + esc(r.grade) + '</td>' +
        '<td>' + esc(r.findings) + ' 条（错误 ' + esc(r.counts.error) + '，警告 ' + esc(r.counts.warning) +
        '，提示 ' + esc(r.counts.info) + '）<div class="top">' + top + '</div></td>' +
        '<td><a class="dl html" href="' + r.links.html + '" target="_blank">审查报告</a>' +
        '<a class="dl docx" href="' + r.links.docx + '" download>批注文档</a>' +
        '<a class="dl json" href="' + r.links.json + '" download>JSON</a></td>';
    }
    tbody.appendChild(tr);
  }
  async function start(fileList) {
    if (busy) return;
    var files = Array.from(fileList || []);
    if (!files.length) return;
    if (files.length > MAX_FILES) {
      statusEl.innerHTML = '<span class="err">一次最多审查 ' + MAX_FILES + ' 个文件，请分批上传。</span>'; return;
    }
    busy = true;
    var bid = batchId(), done = 0, okCount = 0;
    document.getElementById('progressbox').style.display = 'block';
    bar.max = files.length; bar.value = 0;
    for (var i = 0; i < files.length; i++) {
      var f = files[i];
      statusEl.textContent = '正在审查第 ' + (i + 1) + ' / ' + files.length + ' 个文件：' + f.name + ' …';
      if (f.size > MAX_BYTES) {
        addRow(f.name, null, f.name + '：文件太大，单个文件不能超过 ' + (MAX_BYTES / 1048576) + ' MB。');
      } else {
        var fd = new FormData(); fd.append('file', f, f.name);
        try {
          var resp = await fetch('/api/audit?batch=' + bid, { method: 'POST', body: fd });
          var data = await resp.json();
          if (resp.ok) { addRow(f.name, data); okCount++; } else { addRow(f.name, null, data.error || '审查失败'); }
        } catch (err) { addRow(f.name, null, f.name + '：无法连接本机的 nianbao 服务，请确认它仍在运行。'); }
      }
      done++; bar.value = done;
    }
    statusEl.textContent = '完成：共 ' + files.length + ' 个文件，成功审查 ' + okCount + ' 个。';
    statusEl.className = 'done';
    if (okCount > 1) {
      document.getElementById('summarylink').href = '/batch/' + bid;
      document.getElementById('summary').style.display = 'block';
    }
    busy = false;
  }
})();
</script>
</body></html>
"""


def page_html(max_mb: float) -> str:
    """The page, showing the size limit in force (nianbao.limits input_mb) and the page's count limit."""
    return _PAGE.replace("__MAX_FILES__", str(MAX_FILES)).replace("__MAX_MB__", f"{max_mb:g}")

"""W-10, W-13, W-16, W-17: a character the genre's grammar requires is missing, a word of the report cut short, a
misplaced 共 (issue #12, general forms, not a list of instances).

Three places where a report's own grammar demands one more character, whatever the words around it:

* ``self``: the report speaks of itself as 我 without its body's character — 我 followed by anything but a
  level or body (局, 镇, 县, 委, 街道, 单位 …), 们, 国, 党 or 要 ("我政务公开", "我共接到", "我规范性文件").
  The suggestion is the report's own usual self-reference (the commonest 我X of its text), else none.
* ``year``: a year written without 年 before a word ("2021以来", "2023我镇"); numbers followed by a measure
  word (2070人次, 2000多次) and years inside document numbers, dates with dashes or ranges are not years here.
* ``unit``: a count of published items (信息, 文件, 动态, 解读) followed directly by punctuation or the end of its
  paragraph, without its measure word ("发布信息3403，", "动态信息47，", "其他信息3⏎" — 条), or by a word
  ("目录1基层政务目录").

W-13 is the same kind of slip one level up: an adverbial of the 在……下 / 在……的基础上 frame ("在县委的领导下，",
"在总结上年工作的基础上，") whose clause has no 在 ("县政府办公室的悉心指导下，"); a paragraph's first clause is only
checked when the line before ended its sentence (a page may break a sentence over two lines).

W-16 reads the report's own vocabulary: a two-character word the report writes at least three times, of which only
the first character stands before a number or a punctuation mark ("政务信40余条", "各项工。", "公开信611条"), where the
report elsewhere writes the same characters followed by the whole word ("政务信息"). W-17: the adverb 共 before a
noun phrase that a verb and a count follow ("专栏共文件收录86件" for 文件共收录).

Why a rule of patterns and not a statistical detector: ``scripts/bench_typo_lm.py`` measured a character n-gram
model trained on corpora/ (alone and with jieba's dictionary) and one-deletion variants of frequent corpus phrases
on the real dev set: at every threshold their precision stayed below 0.25 (docs/benchmarks.md, "Statistical typo
detector"), and ``scripts/bench_lost_chars.py`` a jieba-dictionary detector of an orphan character one edit
away from a word (precision ≤ 0.12, "Dictionary lost-character detector"). Slips that W-07's list names
("2023我镇", "我政务公开") are that rule's findings, not this one's.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter, defaultdict
from collections.abc import Iterator
from functools import lru_cache

from nianbao.lexicon import lexicon
from nianbao.model import Finding, Report
from nianbao.rules.base import RuleContext
from nianbao.rules.util import CJK, continues_line_before, domain_terms, find_all, span_matches, word_freq
from nianbao.rules.wording import pos_tagged, slip_lexicon
from nianbao.views import segment
from nianbao.vocab import SELF_BODIES, SELF_NEUTRAL, alternation

# what may follow 我 in a report: a level or body (我局, 我镇, 我街道, 我单位, 我中心, 我场, 我苏木, 我嘎查, 我分局,
# 我管委会), 我们, 我国, 我党, and 我要 (a page's own "我要咨询" button)
# (the character sets and word lists of this module are data/lexicon/lost_chars.toml's)
_BODY = lexicon("lost_chars")["after_wo"]
_SELF = re.compile(f"(?<![自本你敌])我(?=[{CJK}]|(?:19|20)\\d{{2}}\\s*年)(?![{_BODY}们国党要])")  # also 现将我2021年度……
_SELF_USED = re.compile(f"我(?:{alternation(SELF_BODIES + SELF_NEUTRAL)})")
# after a year: 年 itself; measure words and quantity words (a number, not a year); range and list words
_AFTER_NUMBER = lexicon("lost_chars")["after_number"]
_YEAR = re.compile(f"(?<![\\d〔\\[［（(【.\\-/—–~～第])((?:19|20)\\d{{2}})(?=[{CJK}])"
                   f"(?![{_AFTER_NUMBER}至到和与及或])")
# a year without 年 opening a sentence before a comma ("2023，东山镇严格按照……"), also after an item's numeral
# ("1.2021，在县委……") or a heading run into its paragraph ("……情况2019，大钟庄镇……"): a list of years has a digit after
# the comma
_YEAR_COMMA = re.compile(f"(?:(?<=[。；;：:\\n])|(?<=情况)|^)[ \\t　]*(?:\\d{{1,2}}[.．、]|[（(][一二三四五六七八九十]{{1,3}}[)）])?"
                         f"[ \\t　]*((?:19|20)\\d{{2}})(?=\\s*[，,]\\s*[{CJK}])", re.M)
# a count (no leading zero: flattened table rows read "…信息0000000（六）") before punctuation or an opening bracket
# that does not begin the next ordinal
_UNIT = re.compile("(?<=信息|文件|目录|动态|解读)(?:([1-9]\\d{0,5})(?!\\d)(?:余|多)?(?=[，,；;、。]|[（(](?![一二三四五六七八九十\\d]+[）)])|\\s*$)"
                   f"|([1-9]\\d{{0,3}})(?!\\d)(?=[{CJK}])(?![{_AFTER_NUMBER}至到和与及或第]))"  # …目录1基层政务…
                   # after a verb of publishing or a listed kind (信息发布11386。, 民生事项11。, 公开制度15，): not a year
                   "|(?<=发布|公开|更新|转载|事项|制度)(?!(?:19|20)\\d{2}(?!\\d))([1-9]\\d{0,5})(?!\\d)(?=[，,；;、。])")


# the other way round: the measure word with its number lost ("政策解读信息条，", "发布信息条。")
_COUNT_LOST = re.compile("(?<=信息|文件|动态|解读)条(?=[，,；;、。])")


def _usual_self(text: str) -> str:
    used = Counter(m.group(0) for m in _SELF_USED.finditer(text))
    return used.most_common(1)[0][0] if used else ""


def _last_before(positions: list[int], a: int) -> int:
    """The last of the sorted `positions` before `a`, or -1 (``text.rfind(c, 0, a)`` without rescanning the text)."""
    k = bisect_left(positions, a)
    return positions[k - 1] if k else -1


def lost_required_char(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    """W-10: 我 without the body's character, a year without 年, a count of items without its measure word."""
    text = report.text
    listed = [(a, b) for _, a, b, _ in span_matches(report, w07)] if (w07 := slip_lexicon()[0]) is not None else []

    def free(a: int, b: int) -> bool:
        return not any(x < b + 2 and a - 2 < y for x, y in listed)  # W-07's list names this slip

    found: list[tuple[int, Finding]] = []
    usual = _usual_self(text)
    opens, closes = (list(find_all(text, q)) for q in "“”")
    for _, a, b, _m in span_matches(report, _SELF):
        if _last_before(opens, a) > _last_before(closes, a):
            continue  # inside quotation marks: a slogan or a column's name (“民呼我为”“社保有事我帮您”)
        if free(a, b):
            nxt = text[b:b + (5 if text[b:b + 1].isdigit() else 3)]  # 我2023年 is quoted to its 年
            fix = f"“{usual}{nxt}”" if usual else "“我”加机关简称（如“我局”“我镇”）"
            found.append((a, ctx.finding(a, b, variant="self", found=text[a:b] + nxt, fix=fix)))
    years = range(report.meta.year - 15, report.meta.year + 3) if report.meta.year else range(1990, 2036)
    for _, a, b, m in (*span_matches(report, _YEAR), *span_matches(report, _YEAR_COMMA)):
        a = b - len(m.group(1))  # (a leading space of _YEAR_COMMA is not the slip)
        if int(m.group(1)) in years and free(a, b):
            found.append((a, ctx.finding(a, b, variant="year", found=text[a:b + 2],
                                         fix=f"“{m.group(1)}年{text[b:b + 2]}”")))
    # a text that stops at the count (a page cut short) is the reading layer's doubt: structure.reading marks the
    # finding as a parse note (text_cut), never charged
    for sp, a, b, m in span_matches(report, _UNIT):
        if free(a, b):
            found.append((a, ctx.finding(a, b, variant="unit", found=text[a - 2:min(b + 1, sp.end)],
                                         fix=f"“{m.group(1) or m.group(2) or m.group(3)}条”（或相应量词）")))
    for sp, a, b, _m in span_matches(report, _COUNT_LOST):
        if free(a, b):
            before = text[max(sp.start, a - 4):a]
            found.append((a, ctx.finding(a, b, variant="count", found=before + text[a:b], fix=f"“{before}N条”（N为实际数量）")))
    yield from (f for _, f in sorted(found, key=lambda x: x[0]))


# --------------------------------------------------------------------------------------------- W-13
# the end of a 在……下 / 在……的基础上 frame: a leading, guiding or supporting word + 下, or 的基础上 / 的前提下, before a comma
_FRAME_END = re.compile("(?:(?:指导|领导|支持|帮助|关心|关怀|推动|带领|督促|协调|引领|监督|部署|帮扶|努力)下|的基础上|的前提下)"
                        "(?=\\s*[，,])")
_PREPOSITION = re.compile("[在于]")


_QUOTES = {"”": "“", "」": "「", "’": "‘"}


def _clause_start(text: str, lo: int, end: int) -> int:
    """Where the clause that ends at `end` begins: after the last comma, stop or colon before it in text[lo:end]; a
    quotation is read whole (在坚持“统一领导，分级负责”的前提下: the comma inside the quotation ends no clause)."""
    q = end - 1
    while q >= lo:
        if text[q] in _QUOTES and (o := text.rfind(_QUOTES[text[q]], lo, q)) >= 0:
            q = o - 1
            continue
        if text[q] in "，,。；;：:！？!?":
            return q + 1
        q -= 1
    return lo


def lost_zai(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    """W-13: a 在……下 / 在……的基础上 frame without its 在 ("县政府办公室的悉心指导下，", "总结工作的基础上，")."""
    text = report.text
    spans = report.views.spans()
    for k, sp in enumerate(spans):
        for m in _FRAME_END.finditer(text, sp.start, sp.end):
            c = _clause_start(text, sp.start, m.start())
            while c < m.start() and text[c].isspace():
                c += 1
            clause = text[c:m.end()]
            if m.start() - c < 4 or _PREPOSITION.search(clause):
                continue
            if c == sp.start and continues_line_before(text, spans, k):
                continue  # a paragraph broken mid-sentence by the page: 在 may stand on the line before
            if c > sp.start and text[c - 1] in "，," and _shares_zai(text, sp.start, c - 1):
                continue  # 在区委的领导下，市局的指导下，: the second frame shares the first one's 在
            yield ctx.finding(c, m.end(), found=clause)


def _shares_zai(text: str, lo: int, comma: int) -> bool:
    """The clause ending at the comma text[comma] is itself a whole 在……下 frame (its 在 governs the next one too)."""
    before = _clause_start(text, lo, comma)
    return bool(_PREPOSITION.search(text, before, comma)) and any(
        m.end() == comma for m in _FRAME_END.finditer(text, before, comma + 1))



# --------------------------------------------------------------------------------------------- W-16
# A word of this very report cut short before a number or a punctuation mark ("发布各类政务信40余条", "各项工。"): the
# segmenter leaves its first character standing alone there (or glued to the word before: 公开|信 read as 公开信), the
# report writes the whole two-character word at least three times, and somewhere else writes the same few characters
# followed by the whole word ("政务信息") — the report's own text, not a dictionary of the world, says what was meant.
_NUMERAL = frozenset("0123456789〇零一二三四五六七八九十百千万两第")
_ADDRESS = re.compile("\\d+(?:号|层|室|楼|栋|幢|弄|巷)")  # 北安街27号, 大厦西10层
_PAPER = re.compile("\\d+\\s*(?:余|多)?\\s*[份封张]")  # a letter is counted in copies: 发放公开信2000份
# a character the tagger calls a function word (自2021年, 各委、办) is a word of its own there
_FUNCTION_TAGS = frozenset(("p", "c", "u", "d", "r", "m", "q", "f", "y", "e", "o", "uj", "ul", "ud", "ug", "uz",
                            "uv", "zg"))
_MIN_USES = 3  # how often the report writes the whole word
_AFTER_CUT = re.compile(f"\\d+(?:\\.\\d+)?(?:余|多)?[{CJK}]?")  # shown with the finding: 政务信40余条


_HAN_RUN = re.compile(f"[{CJK}]{{2,}}")
_CUT_SITE = re.compile(f"[{CJK}](?=[\\d、，。；：,;:！？!?])")
_BLOCK = re.compile(f"[{CJK}A-Za-z0-9+#&._%\\-]")  # what jieba cuts as one block: the clause's words are the span's
_WINDOW = 24
_ONE_CHAR_ITEMS = re.compile(f"、[{CJK}](?:[、，,]|[和及与][{CJK}](?![{CJK}]))")


def _usual_words(text: str) -> dict[str, tuple[str, int]]:
    """For each character: the report's commonest two-character word (a jieba word) that starts with it, and how
    often the report writes it (one pass over the text)."""
    freq = word_freq()
    pairs: defaultdict[str, Counter] = defaultdict(Counter)
    for run in _HAN_RUN.finditer(text):
        r = run.group(0)
        for i in range(len(r) - 1):
            pairs[r[i]][r[i:i + 2]] += 1
    out = {}
    for first, seen in pairs.items():
        w, n = next(((w, n) for w, n in seen.most_common() if n >= _MIN_USES and freq.get(w, 0) >= 100), ("", 0))
        if w:
            out[first] = (w, n)
    return out


def _written(text: str, wanted: set[str]) -> set[str]:
    """Which of the three-character strings `wanted` the text writes (one pass over the text)."""
    found: set[str] = set()
    for run in _HAN_RUN.finditer(text):
        r = run.group(0)
        found.update(r[i:i + 3] for i in range(len(r) - 2) if r[i:i + 3] in wanted)
    return found


def cut_short_word(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    """W-16: a two-character word of the report cut to its first character before a number or punctuation."""
    text = report.text
    freq = word_freq()
    spans = report.views.spans()
    sites = [(sp, m) for sp in spans for m in _CUT_SITE.finditer(text, sp.start, sp.end)
             if m.group(0) not in _NUMERAL and not _ADDRESS.match(text, m.end())
             and text[m.end() - 2:m.end()] not in freq]  # 公开。: the site's last two characters are a word
    if not sites:
        return
    usual = _usual_words(text)
    sites = [(sp, m) for sp, m in sites if m.group(0) in usual]
    # the report writes the whole word after the same character somewhere (政务信 → 政务信息)
    written = _written(text, {text[m.start() - 1] + usual[m.group(0)][0] for _, m in sites if m.start()})
    counts: list[Counter] = []  # the report's words, cut only once a site passes the checks on its text (rarely)

    def words() -> Counter:
        if not counts:
            counts.append(Counter(w for sp in spans for w in segment(text[sp.start:sp.end])))
        return counts[0]

    for sp, m in sites:
        x, b = m.group(0), m.end()
        word = usual[x][0]
        if text[m.start() - 1:m.start()] + word not in written:
            continue
        c = m.start()
        while c > max(sp.start, b - _WINDOW) and _BLOCK.match(text, c - 1):
            c -= 1
        ws = segment(text[c:b])
        w, a = ws[-1], b - len(ws[-1])
        if len(w) == 1:
            prev = text[a - 1:a]
            if (prev in _NUMERAL or (prev == "、" and text[b] == "、")
                    or _ONE_CHAR_ITEMS.match(text, b)  # 省、市、县: a list of one-character items
                    or prev + x in freq or prev + x in domain_terms()  # 微信 (a word the dictionary cuts)
                    or any(t == x and tag in _FUNCTION_TAGS for t, tag in pos_tagged(text[max(sp.start, a - 2):b + 1]))
                    or words()[x] > 1):  # the report uses the character as a word of its own
                continue
            shown = (ws[-2] if len(ws) > 1 else "") + x  # 政务信, not 务信
        else:
            head = w[:-1]  # 公开|信: a word of the dictionary (公开信) that is a frequent word + the cut one
            if len(head) < 2 or freq.get(head, 0) < 100 or freq.get(w, 0) >= 200 or _PAPER.match(text, b) \
                    or words()[w] > 1 or head + word not in text:
                continue
            shown = w
        after = _AFTER_CUT.match(text, b, sp.end)
        rest = after.group(0) if after else text[b]
        yield ctx.finding(b - len(shown), b, found=shown + rest, whole=shown[:-1] + word,
                          fixed=shown[:-1] + word + (rest if rest[0].isdigit() else ""))


# --------------------------------------------------------------------------------------------- W-17
# 共 is an adverb: it stands before the verb ("政策文件库共收录547件"), not before the noun phrase that is the
# subject or object of that verb ("专栏共文件收录86件", "共政务微博账号发布林业资讯210余条").
_COUNT = re.compile("\\d+(?:\\.\\d+)?\\s*(?:余|多)?\\s*[件条个项次篇份人家批期场户名类万]")
_CLAUSE_END = re.compile("[，。；：,;:！？!?、（(\\s]")
_GONG_WINDOW = 40  # the clause after 共 that is read
_GONG = re.compile("共(?![计同享建青产性识赢有])")  # 共计, 共同, 共享, 共建, 共青团 …: another word
_MANNER = tuple(lexicon("lost_chars")["manner"])  # 依法 (tagged a noun), 按期: a manner before the verb, not its object ("共依法公开")


def _nounish(tag: str) -> bool:
    return tag.startswith("n") or tag in ("j", "l")


def _tag(word: str) -> str:
    tags = pos_tagged(word)
    return tags[0][1] if len(tags) == 1 else "n" if all(_nounish(t) for _, t in tags) else tags[-1][1]


@lru_cache(maxsize=1 << 12)
def _misplaced(window: str, at: int, verbs: frozenset[str]) -> tuple[str, str] | None:
    """(noun phrase, verb with its adverb) when the 共 at window[at] stands before a noun phrase that a verb and a
    count follow; else None."""
    ws = segment(window)
    k = next((i for i in range(len(ws)) if sum(map(len, ws[:i])) == at), None)
    if k is None or ws[k] != "共":
        return None  # 公共, 总共: part of a word
    rest = [(w, _tag(w)) for w in ws[k + 1:k + 12]]
    q = 1 if rest and rest[0][1] == "a" and len(rest[0][0]) == 1 else 0  # 新媒体 = 新|媒体
    if len(rest) < q + 2 or not _nounish(rest[q][1]) or len(rest[q][0]) < 2 or rest[q][0].startswith(_MANNER) \
            or rest[q][0] in verbs:
        return None
    while q < len(rest) and _nounish(rest[q][1]):
        q += 1
    verb = q + 1 if q + 1 < len(rest) and rest[q][1] in ("d", "ad", "b") else q  # 主动推送
    if verb >= len(rest) or not rest[verb][1].startswith("v") or not _COUNT.search("".join(t for t, _ in rest[verb:])):
        return None
    return "".join(t for t, _ in rest[:q]), "".join(t for t, _ in rest[q:verb + 1])


def misplaced_gong(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    """W-17: 共 before a noun phrase that a verb and a count follow ("共文件收录86件")."""
    text = report.text
    verbs = frozenset(ctx.params.get("verbs", ()))
    for sp in report.views.spans():
        for m in _GONG.finditer(text, sp.start, sp.end):
            c = m.start()  # the words around 共: from a few characters before it (公共, 总共) to the clause's end
            while c > max(sp.start, m.start() - 4) and _BLOCK.match(text, c - 1):
                c -= 1
            stop = min(sp.end, m.end() + _GONG_WINDOW)
            end = _CLAUSE_END.search(text, m.end(), stop)
            slip = _misplaced(text[c:end.start() if end else stop], m.start() - c, verbs)
            if slip:
                noun, moved = slip
                a = m.start()
                yield ctx.finding(a, a + 1 + len(noun) + len(moved), found=f"共{noun}{moved}", fixed=f"{noun}共{moved}")

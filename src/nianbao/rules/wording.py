"""Misused words that only a context reveals (issue #12): 截止 before a date, 做为, 二种, 反应 for 反映, 申述 in a
complaint, misremembered institutional terms (W-04); 的 where 地 is required before a verb (W-05); stacked words
(W-06); phrases that lost a character (W-07); set phrases, or the report's own name, one character off (W-08:
主功公开, 国办公开函); "（以下简称…）" placed after the words that follow the title it shortens (W-11); a mandated
part title with its words reordered (W-14: 主动政府信息公开情况).

The pairs and their context conditions live in ``data/lexicon/context_confusions.toml``; the adverbial modifiers
for 的/地 in ``data/lexicon/de_di.toml``; the set phrases in ``domain_dict.txt`` and ``set_phrases.toml``; the stacks
and W-14's extra titles in ``stacked_words.toml``. Only narrative paragraphs, headings and the title are read (never
table cells): the word lists are matched through ``rules.util.span_matches``, the one span matching W-02 shares.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache, lru_cache

from nianbao import divisions
from nianbao.divisions import LEVEL_CHARS
from nianbao.lexicon import lexicon
from nianbao.model import Finding, Report
from nianbao.rules.base import RuleContext
from nianbao.rules.typos import confusion_lexicon
from nianbao.rules.util import (
    BOUND_FREQ,
    CJK,
    DOCNO_AHEAD,
    HAN,
    NUMERAL_CHARS,
    domain_terms,
    homophones,
    one_edit,
    span_matches,
    trie_pattern,
    word_freq,
)
from nianbao.views import SENTENCE_END, segment, sentence_bounds, split_sentences
from nianbao.vocab import pre2019_words


@dataclass(frozen=True)
class ContextPair:
    kind: str
    wrong: str
    right: str
    why: str
    after: re.Pattern | None
    before: re.Pattern | None
    near: tuple[str, ...]
    not_after: re.Pattern | None
    not_before: re.Pattern | None
    not_near: tuple[str, ...]
    note: bool = False  # a pair the writers of the real dev split mark only in part: a note, never a warning


def _rx(v) -> re.Pattern | None:
    return re.compile(v) if v else None


@cache
def context_pairs() -> tuple[re.Pattern | None, dict[str, tuple[ContextPair, ...]]]:
    by_wrong: dict[str, list[ContextPair]] = {}
    for p in lexicon("context_confusions").get("pair", []):
        cp = ContextPair(p.get("kind", ""), p["wrong"], p["right"], p.get("why", ""), _rx(p.get("after")),
                         _rx(p.get("before")), tuple(p.get("near", ())), _rx(p.get("not_after")),
                         _rx(p.get("not_before")), tuple(p.get("not_near", ())), bool(p.get("note", False)))
        by_wrong.setdefault(cp.wrong, []).append(cp)
    if not by_wrong:
        return None, {}
    return re.compile(trie_pattern(by_wrong)), {k: tuple(v) for k, v in by_wrong.items()}


def _holds(p: ContextPair, text: str, a: int, b: int, lo: int, hi: int) -> bool:
    # 48 characters after: a body's full name may stand between 请于 and 联系 (every `after` is anchored and bounded)
    after, before = text[b:min(hi, b + 48)], text[max(lo, a - 12):a]
    if p.after is not None and not p.after.search(after):
        return False
    if p.before is not None and not p.before.search(before):
        return False
    if p.not_after is not None and p.not_after.search(after):
        return False
    if p.not_before is not None and p.not_before.search(before):
        return False
    if p.near or p.not_near:
        s0, s1 = sentence_bounds(text, a, b)
        sent = text[max(s0, lo):min(s1, hi)].replace(p.wrong, "", 1)
        if p.near and not any(w in sent for w in p.near):
            return False
        if any(w in sent for w in p.not_near):
            return False
    return True


def context_confusions(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    """W-04: a word that is wrong in this context (截止2023年底, 做为, 二种, 群众反应问题, 投诉申述)."""
    rx, pairs = context_pairs()
    if rx is None:
        return
    text = report.text
    for sp, a, b, m in span_matches(report, rx):
        for p in pairs[m.group(0)]:
            if _holds(p, text, a, b, sp.start, sp.end):
                # (a pair the lexicon marks note = true is a note whatever the rule's severity: 申请6条)
                yield ctx.finding(a, b, severity="info" if p.note else None, wrong=p.wrong, right=p.right,
                                  why=p.why.rstrip("。"))
                break


# --------------------------------------------------------------------------------------------- W-05

_OBJECT_FLAGS = ("n", "nr", "ns", "nt", "nz", "r", "m", "ul", "uz", "ug", "vn", "x")  # x: domain-dictionary terms
_STOP = re.compile(r"[，。；：、！？,.;:!?\s（）()《》“”]")


@cache
def _de_di() -> tuple[re.Pattern | None, frozenset[str], frozenset[str], tuple[str, ...], frozenset[str]]:
    d = lexicon("de_di")
    mods = d.get("modifiers", [])
    # the listed modifiers, or any reduplicated AABB form (认认真真, 扎扎实实, 明明白白), ending the text before 的
    rx = re.compile(f"(?:{trie_pattern(mods)}|((?!的)[{CJK}])\\1((?!的)[{CJK}])\\2)$") if mods else None
    return (rx, frozenset(d.get("light_verbs", ())), frozenset(d.get("head_nouns", ())), tuple(d.get("verbs", ())),
            frozenset(d.get("final_verbs", ())))


@cache
def _de_di_tags() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """(words that the tagger calls adverbs or adjectives but that never modify a verb with 地 (相关, 一定, 共同),
    words before the modifier that make "<modifier>的<verb>" a relative clause (可以, 应当: "可以公开的信息"),
    verbs after 的 that the tagger calls verbs but that are nouns there (通知, 要求, 作用))."""
    d = lexicon("de_di")
    return (frozenset(d.get("not_modifiers", ())), frozenset(d.get("relative_markers", ())),
            frozenset(d.get("nominal_verbs", ())))


def _pos_tokenizer():
    from nianbao.classify.segment import get_pos_tokenizer  # domain tags included, tag table loaded lazily

    return get_pos_tokenizer()


_HARD_STOP = re.compile(r"[，。；：！？,.;:!?\s（）()《》“”]")
_SKIP_BACK = frozenset({"、", "和", "与", "及", "并", "而", "了", "过", "着", "又", "更", "最", "很", "较", "更加", "比较"})


@lru_cache(maxsize=1 << 14)  # short phrases recur within and across reports (的工作, 的政府信息)
def pos_tagged(s: str) -> tuple[tuple[str, str], ...]:
    """(word, part-of-speech tag) of each word of `s` (jieba.posseg with the domain dictionary), cached: the one
    tagger of the rules (W-05 and the other wording checks, W-01, W-16/W-17, W-18)."""
    return tuple((w.word, w.flag) for w in _pos_tokenizer().cut(s))


def _light_verb_before(before: str, light: frozenset[str]) -> bool:
    """A light verb (进行, 开展 …) ends the text before the modifier, possibly followed by other modifiers joined by
    、 or 和 ("进行全面、系统的梳理", "进行了有效的推进"): then "<modifier>的<verb>" is the light verb's object."""
    clause = _HARD_STOP.split(before)[-1]
    if not clause:
        return False
    toks = list(pos_tagged(clause))
    for w, f in reversed(toks[-5:]):
        if w in light:
            return True
        if not (w in _SKIP_BACK or f in _ADVERBIAL_FLAGS or f in ("n", "b", "vn", "c")):
            return False
    return False


_JOINERS = frozenset({"与", "和", "及", "或", "或者", "以及"})


def _coordinated_with_noun_or_verb(before: str) -> bool:
    """The modifier is joined by 与/和/及/或 to a noun or a verb before it ("教育政策与动态", "变更或失效"): then it is
    a noun, or a verb of a relative clause, like its partner — an adverbial's partner is an adverb or an adjective
    ("认真和细致的")."""
    toks = list(pos_tagged(_HARD_STOP.split(before)[-1]))
    return len(toks) >= 2 and toks[-1][0] in _JOINERS and toks[-2][1] in ("n", "nz", "nr", "ns", "nt", "vn", "v")


def _last_word(clause: str) -> str:
    words = [w for w, _ in pos_tagged(clause)]
    return words[-1] if words else ""


def _verb_done_before(before: str) -> bool:
    """A verb with 了 earlier in the clause ("确保了", "推进了")."""
    toks = list(pos_tagged(_HARD_STOP.split(before)[-1]))
    return any(f == "v" and nxt == "了" for (_, f), (nxt, _) in zip(toks, toks[1:], strict=False))


# Tags of a word that can modify a verb through 地: adverbs (ad, d), adjectives (a), state words (z: 扎扎实实),
# four-character idioms (i, l: 有条不紊, 实事求是).
_ADVERBIAL_FLAGS = frozenset({"ad", "a", "d", "z"})
_IDIOM_FLAGS = frozenset({"i"})  # not l: 切身利益, 公共服务 are nouns


def _tagged_modifier(clause: str) -> str | None:
    """The adverbial that ends `clause` by its part of speech, else None: an adverb or adjective of two characters
    or more (稳妥, 尽可能), an "X化" word (常态化), a four-character idiom. The words before it must not make the
    phrase a relative clause ("可以公开的信息")."""
    toks = list(pos_tagged(clause))
    if not toks:
        return None
    w, f = toks[-1]
    not_mods, relative, _ = _de_di_tags()
    if len(w) < 2 or w in not_mods or w in _de_di()[3] or not all(HAN.match(c) for c in w):
        return None
    if not (f in _ADVERBIAL_FLAGS or (f in _IDIOM_FLAGS and len(w) == 4) or (len(w) >= 3 and w.endswith("化"))):
        return None
    if len(toks) > 1 and toks[-2][0] in relative:
        return None
    return w


_ASPECT = frozenset({"了", "着", "过"})
_RESULT = frozenset({"到", "好", "完", "清"})  # resultative complements a verb may take before its object
_NOUNISH = frozenset({*_OBJECT_FLAGS, "l", "i", "j", "b", "nrt", "ng"})
# prepositions that open the adverbial phrase of a verb ("更好的为群众提供服务")
_PREPOSITIONS = frozenset({"为", "向", "对", "把", "将", "从", "按照", "依照", "按", "给", "与", "同", "跟", "在"})


# whom 服务 serves when it is the verb ("更好的服务群众", "服务全市……"): 更好的服务 alone is a noun
_SERVED = frozenset({"群众", "企业", "公众", "百姓", "人民", "社会", "基层", "市民", "村民", "居民", "民众",
                     "全市", "全县", "全区", "全镇", "全乡", "全省"})


@cache
def _object_verbs() -> frozenset[str]:
    return frozenset(lexicon("de_di").get("object_verbs", ()))


def _verb_after(after: str, strong: bool) -> str | None:
    """The verb phrase that starts `after` (the text after 的 up to the clause end) when it is a verb with an object
    or 了/着/过 ("满足群众需求", "推进了", "规范了"), a verb reached through a preposition after a listed modifier
    ("为群众提供"), or (after a listed modifier only) a verb that ends the clause as its predicate ("工作……扎实有效的
    开展，"); else None. A verb followed by a head noun (监督机制) is a noun phrase; so may be one followed by another
    verb ("监督检查工作", "为信息及时的公开奠定基础"), which is left alone — except after a verb that takes its noun as an
    object and makes no compound with it (de_di.toml's object_verbs: "认真的开展自查工作")."""
    _, _, heads, verbs, final_verbs = _de_di()
    nominal = _de_di_tags()[2]
    toks = list(pos_tagged(after))
    if not toks:
        return None
    w, f = toks[0]
    known = next((v for v in verbs if w.startswith(v)), None)
    if known and w != known:  # the tagger swallowed the object: 回应社会关切
        toks[0:1] = [(known, "v"), (w[len(known):], "n")]
    elif known:
        toks[0] = (w, "v")
    if len(toks) == 1 and toks[0][0] in final_verbs and strong:
        return toks[0][0]  # the verb ends the clause as its predicate
    if len(toks) < 2:
        return None
    if toks[0][1] in ("d", "ad") and len(toks[0][0]) == 2 and len(toks) > 2 and toks[1][1] == "v":
        # a second adverbial between 的 and the verb ("精准的直接查阅到信息"): the verb after it is what counts
        verb = _verb_after("".join(w for w, _ in toks[1:]), strong)
        return toks[0][0] + verb if verb else None
    (w1, f1), (w2, f2) = toks[0], toks[1]
    if w2 == "相关":
        f2 = "a"  # the tagger calls 相关 a verb; before a noun it is its attribute ("了解相关政策")
    if len(w1) < 2 and not (strong and w1 in _PREPOSITIONS):
        return None
    if w1 == "服务" and strong and w2 in _SERVED:
        return w1  # 更好的服务群众: 服务 with the people it serves is the verb (更好的服务, 有效的服务机制 are nouns)
    if w1 in heads or w1 in nominal:
        return None
    # a head noun right after the verb makes a noun phrase (有效的监督机制), unless it only modifies the noun after it
    # (结合工作实际: 工作 is not the head there) or the verb is one that takes its noun as an object (开展自查工作)
    if w1 in _object_verbs() and f1 in ("v", "vn") and not f2.startswith("u") and f2 not in ("x", "c", "p", "v"):
        # (whatever the tagger calls the object's first word — 开展互动工作, 互动 tagged an adverb — but not a verb: in
        # "为工作长期有效的开展提供保障" 开展 is the noun the next verb's phrase is built on)
        return w1
    if w2 in heads and not (len(toks) > 2 and toks[2][1] in ("n", "nz") and toks[2][0] not in heads):
        return None
    if w2 in _RESULT and f1 == "v" and len(toks) > 2 and toks[2][1] in _NOUNISH and toks[2][1] != "vn":
        return w1 + w2  # a verb with its result and an object: 查阅到信息, 落实好政策
    if w2 in _ASPECT:
        return w1 if f1 in ("v", "vn", "n", "a", "ad") else None  # 规范了 (tagged n), 推进了
    if f1 == "p" and strong and w1 in _PREPOSITIONS:
        for k in range(2, min(len(toks), 5)):
            # (a listed verb the tagger mistakes, 向群众公开 — 公开 tagged ad; a verbal noun that ends the clause, 为群众服务)
            if toks[k][1] == "v" or toks[k][0] in verbs or (toks[k][1] == "vn" and k == len(toks) - 1):
                return "".join(t for t, _ in toks[:k + 1])
        return None
    if f1 == "vn" and strong and f2 in _NOUNISH and f2 != "vn":
        return w1  # 更好的服务群众: a verbal noun with an object after a listed modifier
    if f1 != "v":
        return None
    if f2 in _NOUNISH and f2 != "vn":
        return w1
    if f2 in ("a", "ad") and len(toks) > 2:
        return w1  # 完善公开制度, 推进公开标准化建设: an object that starts with an adjective
    if f2 == "vn" and len(toks) > 2 and toks[2][1] in _NOUNISH and toks[2][1] != "vn" and toks[2][0] not in heads:
        return w1  # 结合工作实际: an object that starts with a verbal noun (not 监督检查工作, whose head is 工作)
    return None


_DE = re.compile("(?<!的)的(?!的)")
# 把/将 X 作为/列为/视为 Y: a "<modifier>的" phrase between them is the object of 把, not an adverbial
_BA = re.compile("[把将]")
_BA_FRAME = re.compile("作为|列为|列入|视为|当作|当成|纳入")


def _coordinated_verbs(text: str, end: int, after: str, hi: int) -> str | None:
    """`after` is one verb and 、 joins another to it ("准确的获取、知悉……信息"): two verbs sharing their object, so the
    phrase before them is their adverbial (the real dev q8417)."""
    if not text.startswith("、", end):
        return None
    first = list(pos_tagged(after))
    second = list(pos_tagged(_STOP.split(text[end + 1:min(hi, end + 12)])[0]))
    if len(first) == 1 and first[0][1] == "v" and len(after) == 2 and second and second[0][1] == "v" and len(second[0][0]) == 2:
        return after
    return None


def _resultative(verb: str) -> bool:
    """A verb of two characters that ends in its result (做好, 抓好, 办到, 讲清)."""
    return len(verb) == 2 and verb[1] in _RESULT and verb not in ("得到", "受到", "达到", "看到", "收到", "做到")


def de_before_verb(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    """W-05: 的 between an adverbial and a verb that takes an object ("更好的满足群众需求" → 更好地满足): the
    adverbial is a listed modifier, an AABB reduplication or a word the tagger calls an adverb, adjective or idiom."""
    rx, light, _, _, _ = _de_di()
    if rx is None:
        return
    text = report.text
    for sp in report.views.spans():
        for m in _DE.finditer(text, sp.start, sp.end):
            de = m.start()
            clause = _STOP.split(text[max(sp.start, de - 10):de])[-1]
            after = _STOP.split(text[de + 1:min(sp.end, de + 14)])[0]
            if len(clause) < 2 or len(after) < 2:
                continue
            listed = rx.search(clause)
            verb = _verb_after(after, listed is not None)
            if verb is None and listed is not None:
                verb = _coordinated_verbs(text, de + 1 + len(after), after, sp.end)
            if verb is None:
                continue
            mod = listed.group(0) if listed else _tagged_modifier(clause)
            if mod is None:
                continue
            if listed:  # the listed word may end a longer one (强有力): the light verb is looked for before that
                last = _last_word(clause)
                if len(last) > len(mod) and last.endswith(mod):
                    mod = last
            before = text[max(sp.start, de - len(mod) - 20):de - len(mod)]
            # (a verb with its result, 做好/抓好/办到, never heads a noun phrase: "为更好的做好……" is 为 "in order to",
            # not 为 "to be" before a noun — the real dev q6010)
            if _light_verb_before(before, light) and not _resultative(verb):
                continue
            if _coordinated_with_noun_or_verb(before):
                continue  # "教育政策与动态的传播", "变更或失效的公开信息": a noun or a relative clause, not an adverbial
            if before.rstrip().endswith("》"):
                continue  # a document is the subject: "《条例》明确的公开重点" is a relative clause, a noun phrase
            if text.rfind("《", sp.start, de) > text.rfind("》", sp.start, de):
                continue  # inside a document's title (《……标准化规范化的实施意见》): quoted as issued, not the author's
            if _BA_FRAME.match(after) and _BA.search(_HARD_STOP.split(before)[-1]):
                continue  # "把……息息相关的作为重点": the 的-phrase is the object of 把, 作为 its verb
            if after == verb and _verb_done_before(before):
                continue  # "推进了……工作有序有效的开展。": the clause is the object of 推进了, a noun phrase
            yield ctx.finding(de, de + 1, variant="adverbial", modifier=mod, verb=verb)
        yield from _de_before_complement(text, sp.start, sp.end, ctx)
        yield from _di_before_a_nominal_verb(text, sp.start, sp.end, ctx)


# 得到……地推进: after 得到/受到 the verb that ends the clause is a noun, its modifier takes 的 (the reverse of the
# adverbial slip; the real dev q3503, and a fresh dev page — the only two in 1,850 dev pages and pools); so after the
# light verbs that take a noun (进行了认真地审查, 起到了积极地推动作用: the real dev q5111), the modifier a listed one
_DI_NOUN = re.compile(f"(?:得到|受到|进行|起到|发挥|取得|形成|营造|作出|做出|给予)(?:了)?(?P<mod>[{CJK}、]{{2,10}}?)地"
                      f"(?P<verb>[{CJK}]{{2}})(?:作用|效果|效应|氛围)?(?=[，,。；;、！!？?]|\\s|$)")


def _di_before_a_nominal_verb(text: str, lo: int, hi: int, ctx: RuleContext) -> Iterator[Finding]:
    """地 between a modifier and the verb that 得到/受到 or a light verb makes a noun ("得到及时、规范地回应" → 规范的回应,
    "起到了积极地推动作用" → 积极的推动作用)."""
    rx = _de_di()[0]
    for m in _DI_NOUN.finditer(text, lo, hi):
        mod = m.group("mod").split("、")[-1]
        if rx is not None and rx.fullmatch(mod):
            k = m.start("verb") - 1
            yield ctx.finding(k, k + 1, variant="nominal", modifier=mod, verb=m.group("verb"))


# 很多/很少 after 的 begin a noun phrase ("开展的很多活动"); 不够/不到位 after a verb are always its complement
_COMPLEMENT = re.compile(r"的(?P<adv>很(?![多少])|非常|十分|比较|较为|特别|更加|越来越|相当|尤为|格外|极为|(?P<neg>还不够|不够|不到位|不太))"
                         f"(?=[{CJK}]|[，。；、])")


_NOUN_AHEAD = re.compile(f"[{CJK}]{{1,4}}的")


def _de_before_complement(text: str, lo: int, hi: int, ctx: RuleContext) -> Iterator[Finding]:
    """的 between a verb and its complement of degree ("落实的很到位" → 落实得很到位, "做的不够深入" → 做得不够)."""
    short = frozenset(lexicon("de_di").get("short_verbs", ()))
    for m in _COMPLEMENT.finditer(text, lo, hi):
        before = _STOP.split(text[max(lo, m.start() - 8):m.start()])[-1]
        if len(before) < 2 or _NOUN_AHEAD.match(text, m.end(), hi):
            continue  # "取得的更加显著的成效": the degree phrase modifies a noun after another 的
        toks = list(pos_tagged(before))
        verb, flag = toks[-1]
        if m.group("neg") and verb in short:
            pass  # 做的不够, 抓的不到位: a one-character verb, only before a negative complement
        elif (flag != "v" and verb not in _de_di()[3] and verb not in _de_di()[4]) or len(verb) < 2:
            continue
        yield ctx.finding(m.start(), m.start() + 1, variant="complement", verb=verb, adverb=m.group("adv"))


# --------------------------------------------------------------------------------------------- W-06

# A word written again across a separator: "干事、干事等", "公开载体建设：公开载体建设。",
# "网站和网站，". After the second copy the clause must end (or the list go on, after 、): "领导小组，领导小组下设办公室",
# "联系，联系电话", "公开：公开市场监管信息" repeat a word on purpose (anadiplosis), and so do slogans after 不 or 谁
# ("涉密不上网、上网不涉密", "谁审查，谁审查、谁负责").
_DOUBLED = re.compile(f"(?P<w>[{CJK}]{{2,12}})(?P<sep>[、，,：:]|和|及|与)\\s*(?P=w)")
_DOUBLED_END = {"、": re.compile(r"[、，,。；;：:！？!?）)等和及与]"), "，": re.compile(r"[，,。；;！？!?]"),
                "：": re.compile(r"[，,。；;！？!?]"), "和": re.compile(r"[、，,。；;！？!?等]")}
# An edit that added quotation marks and kept the preposition before them: "以“以公开为原则". Only a one-character
# function word: a verb before a quoted name that starts with it is right ("学习“学习强国”").
_DOUBLED_QUOTE = re.compile("(?P<w>[以在对将把为按从向与和及于由被])(?P<sep>[“《「])(?P=w)")
_QUOTE_NAMES = {"“": "引号", "「": "引号", "《": "书名号"}
_DOUBLED_END.update({",": _DOUBLED_END["，"], ":": _DOUBLED_END["："], "及": _DOUBLED_END["和"], "与": _DOUBLED_END["和"]})


_CLAUSE_OPEN = re.compile(r"[，,。；;：:！？!?、]|\s")


def _opening_connective(text: str, a: int, w: str, sep: str, lo: int) -> bool:
    """A connective, pronoun or adverb that opens its clause, written again after the comma ("其中，其中人事信息3件",
    "同时，同时加强…"): no anadiplosis repeats these, so the clause need not end after the second copy."""
    if sep not in "，,、" or not (a == lo or _CLAUSE_OPEN.match(text, a - 1)):
        return False
    tags = pos_tagged(w)
    return len(tags) == 1 and tags[0][1] in ("c", "r", "d")


@cache
def _stacks() -> tuple[tuple[re.Pattern, str], ...]:
    return tuple((re.compile(s["pattern"]), s.get("why", "")) for s in lexicon("stacked_words").get("stack", []))


def _whole_words(text: str, a: int, b: int, lo: int, hi: int) -> bool:
    """text[a:b] starts and ends at jieba word boundaries of its clause."""
    from nianbao.classify.segment import get_tokenizer

    c0, c1 = max(lo, a - 8), min(hi, b + 8)
    cuts, pos = {c0}, c0
    for w in get_tokenizer().lcut(text[c0:c1], HMM=True):
        pos += len(w)
        cuts.add(pos)
    return a in cuts and b in cuts


_ITEM_SEP = re.compile(r"[、，,：:]")


def _repeated_items(text: str, lo: int, hi: int, ctx: RuleContext,
                    doubled: list[tuple[int, int]]) -> Iterator[Finding]:
    """The same item (at least four characters) listed twice in one sentence: "办公地址、…、办公地址"; not when the two
    copies stand side by side ("办公地址、办公地址"), which is one defect, already found as ``doubled``."""
    for a0, b0 in split_sentences(text, lo, hi):  # the one sentence-end definition (views.SENTENCE_END)
        sent = text[a0:b0].rstrip(SENTENCE_END)
        seen: set[str] = set()
        k = a0
        for item in _ITEM_SEP.split(sent):
            j = k - a0 + len(item)  # the separator after the item
            label = sent[j:j + 1] in ("：", ":")
            core = re.sub(r"^(?:包括|其中|以及|及|和|与|等)", "", item.strip())
            key = core.replace("的", "")
            # (a clause stating a figure is a statement, not an item: "累计公开……，全文电子化率达100%，新增……，全文电子化率达
            # 100%"; an item with its count, "行政处罚信息0条", is one)
            if len(HAN.findall(core)) >= 4 and not re.search(r"^(?:一是|二是|三是|四是|五是)|(?:达|为|占|超过?)\s*\d", core):
                if key in seen:
                    a = text.find(core, k, hi)
                    if a >= 0 and not any(x < a + len(core) and a < y for x, y in doubled):
                        yield ctx.finding(a, a + len(core), variant="repeated_item", item=core)
                if not label:  # "机构设置：单位职责、……、机构设置": a label before its colon names the list, no item of it
                    seen.add(key)
            k += len(item) + 1


def stacked_words(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    """W-06: a word doubled across 、 or ，("干事、干事") and redundant stacks ("可通过可以通过", "和以及")."""
    text = report.text
    stacks = _stacks()
    for sp in report.views.spans():
        doubled: list[tuple[int, int]] = []
        for m in _DOUBLED.finditer(text, sp.start, sp.end):
            w, sep = m.group("w"), m.group("sep")
            b = m.end()
            if set(w) <= NUMERAL_CHARS or text[m.start() - 1:m.start()] in ("不", "谁"):
                continue
            # a label written twice, each with its colon ("地址：地址：东山镇……": the real dev q3210)
            label = sep in "：:" and text[b:b + 1] in ("：", ":")
            if not (_DOUBLED_END[sep].match(text, b) or label or _opening_connective(text, m.start(), w, sep, sp.start)):
                continue
            a2 = b - len(w)
            if not (_whole_words(text, m.start(), m.start("sep"), sp.start, sp.end)
                    and _whole_words(text, a2, b, sp.start, sp.end)):
                continue
            doubled.append((m.start(), b))
            yield ctx.finding(m.start(), b, variant="doubled", word=w, sep=sep)
        for m in _DOUBLED_QUOTE.finditer(text, sp.start, sp.end):
            w, b = m.group("w"), m.end()
            if not (_whole_words(text, m.start(), m.start("sep"), sp.start, sp.end)
                    and _whole_words(text, b - len(w), b, sp.start, sp.end)):
                continue
            yield ctx.finding(m.start(), b, variant="doubled", word=w, sep=_QUOTE_NAMES[m.group("sep")])
        yield from _repeated_items(text, sp.start, sp.end, ctx, doubled)
        listed: list[tuple[int, int]] = []
        for rx, why in stacks:
            for m in rx.finditer(text, sp.start, sp.end):
                # a group named ``at`` is what to point at (the end of a long frame); else the whole match; with a group
                # named ``lead`` too, the span runs from the lead to ``at`` and the message names the two ends
                a, b = m.span("at") if "at" in rx.groupindex else m.span()
                found = text[a:b]
                if "lead" in rx.groupindex:
                    a, found = m.start("lead"), f"{m.group('lead')}……{m.group('at')}"
                listed.append((a, b))
                yield ctx.finding(a, b, variant="stacked", found=found, why=why.rstrip("。"))
        for a, b in _near_duplicates(text, sp.start, sp.end):
            if not any(x < b and a < y for x, y in listed):
                yield ctx.finding(a, b, variant="stacked", found=text[a:b], why=_NEAR_DUPLICATE_WHY)


_HAN_RUN = re.compile(f"[{CJK}]{{6,}}")
_MAX_NEAR_CANDIDATES = 20
_NEAR_DUPLICATE_WHY = "同一个说法紧挨着写了两遍，两遍只差一个字（如“可通过可以通过”），应删去一处"


def _near_duplicates(text: str, lo: int, hi: int) -> Iterator[tuple[int, int]]:
    """A phrase of 3–6 characters written again at once with one character more or less ("可通过可以通过",
    "应当按照应按照"): both copies start and end with the same character and are whole words of their clause
    (not "政府网站及政府网站政府信息"). Exact doubles are W-01's. At most _MAX_NEAR_CANDIDATES candidates of a span
    are segmented (a run like 认认真真认认真真… would make each position one)."""
    budget = _MAX_NEAR_CANDIDATES
    for run in _HAN_RUN.finditer(text, lo, hi):
        r = run.group(0)
        i = 0
        while i < len(r):
            hit = None
            if r.find(r[i], i + 3, i + 8) == -1:  # the second copy starts with the first's first character
                i += 1
                continue
            for k in range(6, 2, -1):
                for a_len, b_len in ((k, k + 1), (k + 1, k)):
                    first, second = r[i:i + a_len], r[i + a_len:i + a_len + b_len]
                    if len(second) < b_len or first[0] != second[0] or first[-1] != second[-1]:
                        continue
                    short, long_ = (first, second) if a_len < b_len else (second, first)
                    a, mid = run.start() + i, run.start() + i + a_len
                    if not any(long_[:j] + long_[j + 1:] == short for j in range(1, k)):
                        continue
                    budget -= 1
                    if budget < 0:
                        return
                    if _whole_words(text, a, mid, lo, hi) and _whole_words(text, mid, mid + b_len, lo, hi):
                        hit = (a, mid + b_len)
                        break
                if hit:
                    break
            if hit:
                yield hit
                i = hit[1] - run.start()
            else:
                i += 1


# --------------------------------------------------------------------------------------------- W-07


@cache
def slip_lexicon() -> tuple[re.Pattern | None, tuple[tuple[str, str, bool, str], ...]]:
    """W-07's list (slips.toml): one regex for all slips (a named group per slip: one pass over the text instead of one
    per slip); each slip's fix, why, whether it is only a note (``note = true``: writers mark it most times, not
    every time), and its kind."""
    entries = lexicon("slips").get("slip", [])
    if not entries:
        return None, ()
    rx = re.compile("|".join(f"(?P<g{i}>{s['pattern']})" for i, s in enumerate(entries)))
    return rx, tuple((s.get("fix", ""), s.get("why", ""), bool(s.get("note", False)), s.get("kind", "")) for s in entries)


# what a slip is, by its kind, in the message's words (W-07 is titled 漏字或多字; a wrong character is neither)
_SLIP_WHAT = {"missing_char": "漏字", "missing_word": "漏字", "stray_char": "多字", "wrong_char": "错字",
              "wrong_word": "用词有误", "institutional_term": "用词有误", "doc_number": "有误",
              "malformed_url": "有误", "malformed_email": "有误", "malformed_postcode": "有误"}


def slips(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    """W-07: a fixed phrase that lost or gained a character ("党国务院", "2023我镇", "0条占;")."""
    rx, rules = slip_lexicon()
    if rx is None:
        return
    for _, start, end, m in span_matches(report, rx):
        fix, why, note, kind = rules[int(m.lastgroup[1:])]
        yield ctx.finding(start, end, why=why.rstrip("。"), fix=fix or ctx.spec.fix, what=_SLIP_WHAT.get(kind, "漏字或多字"),
                          severity="info" if note else None)


# --------------------------------------------------------------------------------------------- W-08



_Index = dict[str, tuple[str, ...]]


@cache
def _set_phrases() -> tuple[re.Pattern | None, dict[str, tuple[str, ...]], dict[str, tuple[_Index, _Index]],
                            dict[str, tuple[_Index, _Index]], frozenset[str], re.Pattern | None]:
    """(a regex finding the halves of the set phrases, longest half -> the halves found with it (itself and the
    shorter ones it starts with), first halves -> their phrases by the character after the half and the one after
    that, second halves -> their phrases by the character before the half and the one before that, all phrases,
    extra words).

    A phrase with one character wrong, lost or swapped still holds one of its halves intact (its first n//2
    characters or the rest), so the halves found in the text are where a slip can be; the other half keeps the
    character next to the intact one, or the one after it, which the indexes look up."""
    d = lexicon("set_phrases")
    terms = {t for t in (*domain_terms(), *d.get("terms", ()), *d.get("doc_codes", ()))
             if len(t) >= 4 and all(HAN.match(c) for c in t)}
    first: dict[str, tuple[dict[str, set[str]], dict[str, set[str]]]] = {}
    second: dict[str, tuple[dict[str, set[str]], dict[str, set[str]]]] = {}
    for t in terms:
        h = len(t) // 2
        near, far = first.setdefault(t[:h], ({}, {}))
        near.setdefault(t[h], set()).add(t)
        far.setdefault(t[h + 1], set()).add(t)
        near, far = second.setdefault(t[h:], ({}, {}))
        near.setdefault(t[h - 1], set()).add(t)
        far.setdefault(t[h - 2], set()).add(t)

    def frozen(idx):
        return {k: ({c: tuple(sorted(v)) for c, v in a.items()}, {c: tuple(sorted(v)) for c, v in b.items()})
                for k, (a, b) in idx.items()}

    halves = set(first) | set(second)
    # the regex finds the longest half at a position; the shorter halves it starts with are there too
    at = {k: tuple(sorted(h for h in halves if k.startswith(h))) for k in halves}
    words = d.get("words", ())
    return (re.compile(f"(?=({trie_pattern(halves)}))") if halves else None, at, frozen(first), frozen(second),
            frozenset(terms), re.compile(trie_pattern(words)) if words else None)


@cache
def _short_phrases() -> tuple[re.Pattern | None, dict[tuple[str, str], tuple[str, ...]]]:
    """Three-character phrases (透明度, 受众面), checked for a wrong middle character only: a regex for "first
    character, another middle one, last character" and (first, last) -> the phrases."""
    short = sorted({t for t in lexicon("set_phrases").get("short_terms", ())
                    if len(t) == 3 and all(HAN.match(c) for c in t)})
    by_ends: dict[tuple[str, str], list[str]] = {}
    for t in short:
        by_ends.setdefault((t[0], t[2]), []).append(t)
    if not short:
        return None, {}
    # any middle character here, a Han one checked where it matches: a Han class written once per phrase made this
    # regex cost 30 ms to compile, a tenth of `nianbao score`'s start-up
    alts = "|".join(f"{re.escape(t[0])}(?!{re.escape(t[1])}).{re.escape(t[2])}" for t in short)
    return re.compile(f"(?=({alts}))"), {k: tuple(v) for k, v in by_ends.items()}


@cache
def _doc_codes() -> frozenset[str]:
    return frozenset(lexicon("set_phrases").get("doc_codes", ()))


def _one_edit(w: str, t: str) -> tuple[str, int] | None:
    """How `w` differs from the phrase `t` by one character wrong, swapped or lost (util.one_edit without an added
    character, which W-08 does not read)."""
    edit = one_edit(w, t)
    return None if edit is None or edit[0] == "added" else edit


def _orphans(text: str, lo: int, hi: int) -> tuple[set[int], set[int]]:
    """(positions of bound characters that the segmenter leaves standing alone in text[lo:hi], positions inside
    a word of two characters or more, not its first: 政 of 财政)."""
    freq = word_freq()
    out, inner, pos = set(), set(), lo
    for w in segment(text[lo:hi]):
        if len(w) == 1 and HAN.match(w) and freq.get(w, 0) < BOUND_FREQ:
            out.add(pos)
        inner.update(range(pos + 1, pos + len(w)))
        pos += len(w)
    return out, inner


def _near_miss(text: str, a: int, b: int, t: str, lo: int, hi: int, terms: frozenset[str],
               words: re.Pattern | None) -> tuple[str, set[int], bool] | None:
    """(the kind of slip, the positions where it shows, whether the wrong character is the right one's homophone)
    when text[a:b] may be the set phrase `t` with one character wrong, lost or swapped, else None. The caller still
    checks that a bound character stands alone there, unless a homophone was typed (pinyin input's slip)."""
    w = text[a:b]
    edit = _one_edit(w, t)
    if edit is None or not all(HAN.match(c) for c in w):
        return None
    kind, i = edit
    n = len(t)
    if text.find(t, max(lo, a - n + 1), min(hi, b + n - 1)) != -1:
        return None  # the phrase itself is written here: 主动公开 holds 动公开
    freq = word_freq()
    if freq.get(w):
        return None  # a word of its own
    if (a > lo and text[a - 1].isspace()) or (b < hi and text[b].isspace()):
        return None  # a phrase broken by a line or page break, not a slip
    if DOCNO_AHEAD.match(text, b) and t not in _doc_codes():
        return None  # a document number's issuer code is an abbreviation (无政公开〔2019〕1号)
    if kind == "lost":
        site = {q for q in (a + i - 1, a + i) if a <= q < b}
    else:
        site = {a + i, a + i + 1} if kind == "swap" else {a + i}
        if kind == "sub" and w[i] in NUMERAL_CHARS:
            return None
    typed = kind == "sub" and homophones(w[i], t[i])
    if kind == "sub" and i in (0, n - 1) and n < 7 and not (n >= 5 and typed):
        return None  # 惠企政策 / 涉企政策, 需公开尽公开: a short phrase with another first or last character is often
        # another phrase; a five-character one is not, where the character is a homophone typed by pinyin (已申请公开)
    if kind == "lost" and ((i == 0 and a > lo and HAN.match(text[a - 1]))
                           or (i == n - 1 and b < hi and HAN.match(text[b]))):
        return None  # 惠企政策 is not 涉企政策 without 涉: a lost first (last) character must start (end) a clause
    if kind == "lost" and i in (0, n - 1) and pos_tagged(t[i]) == ((t[i], "d"),):
        return None  # 尚未审结 written 未审结: an adverb left out at an edge leaves a phrase of its own
    if kind != "swap" and i in (0, n - 1):
        rest = t[1:] if i == 0 else t[:-1]
        if freq.get(rest) or rest in terms:
            return None  # 政务公开 + 办: another word glued to a phrase
    if words is not None:
        for m in words.finditer(text, max(lo, a - 6), min(hi, b + 6)):
            if any(m.start() <= q < m.end() for q in site):
                return None  # 政务微信, 三务公开: correct words jieba does not know
    if all(freq.get(text[q], 0) >= BOUND_FREQ for q in site) and not _title_type_slip(text, b, hi, site) \
            and not typed:
        return None  # no bound character where the slip would be: nothing can stand alone there (but a homophone is a
        # slip even where it makes words: 决策与公开 for 决策预公开)
    return kind, site, typed


def _title_type_slip(text: str, b: int, hi: int, site: set[int]) -> bool:
    """Whether the slip is in the last two characters of a book title's name, right before 》 (《……政府信息公开条理》):
    a title's type word (条例, 目录, 格式) is quoted exactly, so it is a slip even where the segmenter finds an
    ordinary word (条理). 《政务信息公开目录》 is another title, not a slip: its difference is not in the type word."""
    return b < hi and text[b] == "》" and min(site) >= b - 2


def _listed_slips(report: Report) -> list[tuple[int, int]]:
    """Spans that the word lists of W-02, W-04 and W-07 match (whatever their context conditions say): a slip a
    list names is that rule's finding, never W-08's as well."""
    out = []
    for rx in (confusion_lexicon()[0], context_pairs()[0], slip_lexicon()[0]):
        if rx is not None:
            # (a one-character form — W-04's 条 of 申请6条 — names no word: it never shadows W-08's 条理 for 条例)
            out += [(a, b) for _, a, b, _ in span_matches(report, rx) if b - a >= 2]
    return out


# the report's own name: a level or body character, or a joining word, may be left out or changed in a short form
# (蓬溪鸣凤镇, 交通建设局 for 交通与建设局, another county's 县): only a name's own inner character is a slip
_NAME_LEVEL = frozenset("省市县区旗州盟镇乡街道村局委办厅司处所站室院部分")  # (分: 人社局 is the parent of 人社分局)
_NAME_JOIN = frozenset("与和及暨之的")
_DIVISION_END = frozenset(LEVEL_CHARS)
_OWN_NAME_ENDS = ("人民政府办公室", "人民政府", "办事处")


def own_names(agency: str) -> tuple[str, ...]:
    """The report's own name and its shorter forms, four Han characters or more: without the divisions before it
    (兴庆区玉皇阁北街街道办事处 → 玉皇阁北街街道办事处) and without 人民政府 / 办事处 after it (玉皇阁北街街道)."""
    if not agency or not all(HAN.match(c) for c in agency):
        return ()
    out: set[str] = set()
    for c in [0] + [i + 1 for i, ch in enumerate(agency[:-1]) if ch in _DIVISION_END]:
        name = agency[c:]
        out.add(name)
        out.update(name[:-len(e)] for e in _OWN_NAME_ENDS if name.endswith(e))
    return tuple(sorted(t for t in out if len(t) >= 4))


def _in_division(t: str, k: int) -> bool:
    """Whether t[k] belongs to a division's name inside t (小店 of 太原市小店区): W-12 checks those."""
    j = k
    while j < len(t) and t[j] not in _DIVISION_END:
        j += 1
    return j < len(t) and not any(t[q] in "镇乡街道办局委" for q in range(k, j))


def _own_name_misses(text: str, lo: int, hi: int, names: tuple[str, ...]) -> list[tuple[int, int, str, str]]:
    """(start, end, name, kind) where text[lo:hi] writes the report's own name with one inner character lost or two
    swapped (玉皇北街街道 for 玉皇阁北街街道). A one-edit variant keeps one half of the name intact: find the halves."""
    out: set[tuple[int, int, str, str]] = set()
    for t in names:
        n, h = len(t), len(t) // 2
        starts: set[int] = set()
        for half, shift in ((t[:h], 0), (t[h:], h)):
            p = text.find(half, lo, hi)
            while p != -1:
                end = p + len(half)
                starts.update((p - shift, p - shift + 1) if shift else (p,))
                starts.update((end - n, end - n + 1))
                p = text.find(half, p + 1, hi)
        for a in starts:
            for b in (a + n - 1, a + n):
                if a < lo or b > hi:
                    continue
                w = text[a:b]
                edit = _one_edit(w, t)
                if edit is None or not all(HAN.match(c) for c in w):
                    continue
                kind, k = edit
                if text.find(t, max(lo, a - n), min(hi, b + n)) != -1 or (kind != "swap" and k in (0, n - 1)):
                    continue
                if kind == "lost" and (t[k] in _NAME_LEVEL or t[k] in _NAME_JOIN):
                    continue
                if kind == "sub":
                    continue  # another character in a name is often another name (明月古镇 beside 明月店镇)
                if _in_division(t, k):
                    continue
                out.add((a, b, t, kind))
    return sorted(out)


def term_near_miss(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    """W-08: a set phrase, or the report's own name, with one character wrong, lost or swapped ("主功公开",
    "国办公开函", "（一）动公开情况", 玉皇北街街道 in the report of 玉皇阁北街街道办事处)."""
    text = report.text
    for a, b, t, kind in term_near_misses(report):
        if kind == "sub":
            yield ctx.finding(a, b, variant="sub", found=text[a:b], term=t)
        elif kind == "lost":
            yield ctx.finding(a, b, variant="lost", found=text[a:b], term=t)
        else:
            yield ctx.finding(a, b, variant="swap", found=text[a:b], term=t)
    for m in _REGULATION_DECREE.finditer(text):
        if m.group("n") not in _DECREES:
            yield ctx.finding(m.start("n"), m.end("n"), variant="decree", found=m.group("n"))
        elif not m.group("di"):
            a = m.start("ling")
            yield ctx.finding(a, m.end(), variant="decree_di", found=text[a:m.end()], n=m.group("n"))
    yield from _city_office_ting(report, ctx)


# a city government's general office called 办公厅 (湖州市人民政府办公厅): only the municipalities, the provincial capitals
# and the cities with separate planning status have one (data/lexicon/bodies.toml); every other city has an 办公室
_CITY_OFFICE = re.compile(r"(?P<city>[\u4e00-\u9fff]{2,5}?市)(?:人民)?政府办公厅")


@cache
def _office_ting_cities() -> frozenset[str]:
    return frozenset(lexicon("bodies").get("office_ting_cities", ()))


def _city_office_ting(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    text = report.text
    for m in _CITY_OFFICE.finditer(text):
        city = m.group("city")
        # the longest name ending the match's city part that a prefecture-level city has (青溪县湖州市… → 湖州市)
        suffixes = ((city[k:], divisions.lookup(city[k:])) for k in range(len(city) - 2))
        name, found = next(((n, f) for n, f in suffixes if any(len(d.code) == 4 for d in f)), ("", ()))
        if not name or name in _office_ting_cities() or any(len(d.code) != 4 for d in found):
            continue  # not a prefecture-level city (a county-level city's office is an 办公室 too, but that is W-12's
            # ground: the name may be misread), a city with an 办公厅, or a name a county-level city shares
        a = m.start("city") + len(city) - len(name)
        yield ctx.finding(a, m.end(), variant="office", found=text[a:m.end()], city=name)


# the regulation cited with its decree: 《中华人民共和国政府信息公开条例》（国务院令第711号）; the 2007 text was 第492号,
# the 2019 revision 第711号, and no other number is the regulation's
_REGULATION_DECREE = re.compile(
    r"政府信息公开条例》?\s*[(（]?\s*(?:中华人民共和国)?国务院(?P<ling>令)\s*(?P<di>第)?\s*(?P<n>\d{3,4})\s*号")
_DECREES = frozenset({"492", "711"})


def term_near_misses(report: Report) -> Iterator[tuple[int, int, str, str]]:
    """W-08's slips as (start, end, set phrase, "sub" | "lost" | "swap"), for W-08 and for W-15, which leaves them
    to W-08."""
    rx, at, first, second, terms, words = _set_phrases()
    short_rx, by_ends = _short_phrases()
    if rx is None:
        return
    text = report.text
    names = own_names(report.meta.agency or "")
    listed: list[tuple[int, int]] | None = None
    for sp in report.views.spans():
        lo, hi = sp.start, sp.end
        windows: set[tuple[int, int, str]] = set()
        for m in rx.finditer(text, lo, hi):
            p = m.start()
            for half in at[m.group(1)]:
                k = len(half)
                if half in first:  # the phrase starts here: the character after the half is its own or the next one
                    near, far = first[half]
                    c1, c2 = text[p + k:p + k + 1], text[p + k + 1:p + k + 2]
                    for t in {*near.get(c1, ()), *far.get(c1, ()), *far.get(c2, ())}:
                        if not text.startswith(t, p):
                            windows.add((p, p + len(t), t))
                            windows.add((p, p + len(t) - 1, t))
                if half in second:  # the phrase ends here: the character before the half is its own or the previous
                    near, far = second[half]
                    c1, c2 = text[p - 1:p] if p else "", text[p - 2:p - 1] if p > 1 else ""
                    for t in {*near.get(c1, ()), *far.get(c1, ()), *far.get(c2, ())}:
                        a0 = p + k - len(t)
                        if not text.startswith(t, a0):
                            windows.add((a0, a0 + len(t), t))
                            windows.add((a0 + 1, a0 + len(t), t))
        if short_rx is not None:
            for m in short_rx.finditer(text, lo, hi):
                w = m.group(1)
                if not HAN.match(w[1]):
                    continue
                windows.update((m.start(), m.start() + 3, t) for t in by_ends[(w[0], w[2])])
        found = [(a, b, t, near) for a, b, t in windows
                 if lo <= a and b <= hi and (near := _near_miss(text, a, b, t, lo, hi, terms, words))]
        own = _own_name_misses(text, lo, hi, names)
        if not found and not own:
            continue
        orphans, inner = _orphans(text, lo, hi)  # segmenting is the costly part: only where a near miss is left
        # a near miss must start a word: 政类信息 in 财政类信息 is not 政府信息 (政 ends the word 财政); and end one:
        # 联乡人 in 罗联乡人民政府 is not 联系人 (人 starts the word 人民政府)
        hits = [(a, b, t, kind) for a, b, t, (kind, site, typed) in found
                if (site & orphans or _title_type_slip(text, b, hi, site) or typed) and a not in inner and b not in inner]
        hits += [(a, b, t, kind) for a, b, t, kind in own if a not in inner]
        if hits and listed is None:
            listed = _listed_slips(report)
        end = -1
        for a, b, t, kind in sorted(hits, key=lambda h: (h[0], h[0] - h[1], h[2])):
            if a < end or any(x < b and a < y for x, y in listed or ()):
                continue
            if kind == "sub" and text.find(t, max(lo, a - len(t) - 3), a) != -1:
                continue  # "应公开尽公开，……应公开早公开": the phrase written right before, varied on purpose
            end = b
            yield a, b, t, kind


# --------------------------------------------------------------------------------------------- W-11

# 《title》 + a few words + （以下简称…）: the parenthesis belongs right after the title it shortens
_LATE_ABBREVIATION = re.compile(
    f"《(?P<title>[^《》\\n]{{2,60}})》(?P<between>[{CJK}]{{1,8}})"
    f"(?P<paren>[（(]\\s*(?:以下|下文)?简称[：:]?\\s*[“《\"]?(?P<short>[^”》\"）)\\n]{{1,20}})[”》\"]?\\s*[）)])")


def _shortens(short: str, title: str) -> bool:
    """`short` is an abbreviation of `title`: its characters appear in the title in order (条例 in 中华人民共和国
    政府信息公开条例)."""
    k = 0
    for c in title:
        if k < len(short) and c == short[k]:
            k += 1
    return k == len(short)


def misplaced_abbreviation(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    """W-11: "（以下简称《条例》）" written after the words that follow the title ("《…条例》要求（以下简称《条例》）")
    instead of right after the title it shortens."""
    text = report.text
    for sp in report.views.spans():
        for m in _LATE_ABBREVIATION.finditer(text, sp.start, sp.end):
            short, title = m.group("short").strip(), m.group("title")
            if not _shortens(short, title):
                continue
            yield ctx.finding(m.start("between"), m.end("paren"), title=title,
                              between=m.group("between"), paren=m.group("paren"))


# --------------------------------------------------------------------------------------------- W-14


@cache
def _titles() -> tuple[tuple[str, ...], frozenset[str]]:
    """(the mandated part titles and their known variants, of Chinese characters only and six or more; every
    wording known to be right, which a reordering is never reported as)."""
    from nianbao.vocab import format_spec

    d = lexicon("stacked_words").get("title_order", {})
    names = {d2 for p in format_spec()["parts"].values() for d2 in (p["canonical"], *p.get("variants", ()))}
    names |= set(d.get("titles", ()))
    titles = tuple(sorted(t for t in names if len(t) >= 6 and all(HAN.match(c) for c in t)))
    return titles, frozenset(names | set(d.get("also_right", ())))


def title_word_order(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    """W-14: a mandated part title with its words in another order ("主动政府信息公开情况" for 主动公开政府信息情况):
    the same characters, the same first and last character, not a known wording, not only a 的 moved."""
    text = report.text
    # a part list in the pre-2019 outline (概述, 收费, 咨询 …) names its parts in that outline's words: a reordered
    # title there may be the old title as much as a slip (real dev: 2 of 4 marked as word order, 2 as the old outline),
    # a note
    old = [(d.list_start, d.list_end) for d in report.views.part_lists
           if _OLD_OUTLINE_WORDS.search(text, d.list_start, d.list_end)]
    for a, b, t in title_word_orders(report):
        yield ctx.finding(a, b, variant="old_list" if any(x <= a and b <= y for x, y in old) else "order",
                          found=text[a:b], title=t)


_OLD_OUTLINE_WORDS = pre2019_words()


def title_word_orders(report: Report) -> Iterator[tuple[int, int, str]]:
    """W-14's slips as (start, end, title), for W-14 and for W-15, which leaves them to W-14."""
    titles, right = _titles()
    text = report.text
    for sp in report.views.spans():
        for t in titles:
            n, key = len(t), sorted(t)
            start = text.find(t[0], sp.start, sp.end)
            while start != -1 and start + n <= sp.end:
                w = text[start:start + n]
                if (w[-1] == t[-1] and w != t and w not in right and sorted(w) == key
                        and all(HAN.match(c) for c in w) and w.replace("的", "") != t.replace("的", "")):
                    yield start, start + n, t
                start = text.find(t[0], start + 1, sp.end)

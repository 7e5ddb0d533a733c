"""Build the team-written corpus of annual reports and labelled paragraphs.

Deterministic (fixed seed). Run ``python scripts/build_corpus.py`` from the repository root; it rewrites
``corpora/reports/*.txt``, ``corpora/reports/manifest.jsonl``, ``corpora/paragraphs.jsonl`` and the counts
in ``corpora/README.md`` (between the COUNTS markers).

Every sentence comes from the fragment banks in ``scripts/corpus_fragments/`` (written by the team); the
generator composes paragraphs from them, fills slots (names, numbers, dates) and knows for every
paragraph whether it was assembled only from generic fragments (boilerplate = 1) or carries facts of its
own (boilerplate = 0). Tables are generated from consistent numbers, so every clean report satisfies the
arithmetic identities of the 2021 / 2019 formats.
"""

from __future__ import annotations

import json
import random
import re
import sys
import tomllib
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FRAG_DIR = Path(__file__).resolve().parent / "corpus_fragments"
OUT_DIR = ROOT / "corpora"
REPORT_DIR = OUT_DIR / "reports"
SEED = 20240118
N_DEFECTIVE = 10

sys.path.insert(0, str(Path(__file__).resolve().parent))
import inject_defects  # noqa: E402

FRAG = tomllib.loads((FRAG_DIR / "fragments.toml").read_text(encoding="utf-8"))
REAL_STYLE = tomllib.loads((FRAG_DIR / "real_style.toml").read_text(encoding="utf-8"))
N_REAL_STYLE = 540  # stand-alone paragraphs in the shapes of real reports (ids r0001…)
NAMES = tomllib.loads((FRAG_DIR / "names.toml").read_text(encoding="utf-8"))

LEVELS = ("province_gov", "city_gov", "county_gov", "township", "street", "department")
QUALITIES = ("excellent", "good", "fair", "poor")
CN_NUM = "一二三四五六七八九十"

# --------------------------------------------------------------------------- table labels

T3_HEADER_2021 = [
    "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）\t申请人情况",
    "\t\t自然人\t法人或其他组织\t\t\t\t\t总计",
    "\t\t\t商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他",
]
T3_COLS = ["natural", "commercial", "research", "social", "legal", "other"]
DENIED = [
    "1.属于国家秘密", "2.其他法律行政法规禁止公开", "3.危及“三安全一稳定”", "4.保护第三方合法权益",
    "5.属于三类内部事务信息", "6.属于四类过程性信息", "7.属于行政执法案卷", "8.属于行政查询事项",
]
UNABLE = ["1.本机关不掌握相关政府信息", "2.没有现成信息需要另行制作", "3.补正后申请内容仍不明确"]
NOT_PROCESSED = [
    "1.信访举报投诉类申请", "2.重复申请", "3.要求提供公开出版物", "4.无正当理由大量反复申请",
    "5.要求行政机关确认或重新出具已获取信息",
]
OTHER_2021 = [
    "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
    "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
    "3.其他",
]
RESULT_WEIGHTS_2021 = {
    "granted": 45, "partial": 8,
    "denied_1": 0.3, "denied_2": 1, "denied_3": 0.5, "denied_4": 2, "denied_5": 2, "denied_6": 2, "denied_7": 1,
    "denied_8": 1,
    "unable_1": 20, "unable_2": 3, "unable_3": 2,
    "not_processed_1": 3, "not_processed_2": 3, "not_processed_3": 1, "not_processed_4": 0.5, "not_processed_5": 1,
    "other_1": 2, "other_2": 0.2, "other_3": 3,
}
T4_HEAD = [
    "行政复议\t\t\t\t\t行政诉讼",
    "\t\t\t\t\t未经复议直接起诉\t\t\t\t\t复议后起诉",
    "结果维持\t结果纠正\t其他结果\t尚未审结\t总计\t结果维持\t结果纠正\t其他结果\t尚未审结\t总计\t结果维持\t结果纠正\t其他结果\t尚未审结\t总计",
]

HEADINGS = {
    "overview": ["一、总体情况"] * 5 + ["一、政府信息公开总体情况"],
    "proactive": ["二、主动公开政府信息情况"],
    "requests": ["三、收到和处理政府信息公开申请情况"],
    "review_litigation": ["四、政府信息公开行政复议、行政诉讼情况"] * 6
    + ["四、因政府信息公开工作被申请行政复议、提起行政诉讼情况", "四、政府信息公开行政复议和行政诉讼情况"],
    "problems": ["五、存在的主要问题及改进情况"] * 6 + ["五、政府信息公开工作存在的主要问题及改进情况", "五、存在的主要问题及改进措施"],
    "other": ["六、其他需要报告的事项"],
}
SUBHEADINGS = {
    "proactive": ["主动公开", "主动公开情况", "主动公开政府信息情况", "主动公开方面"],
    "requests": ["依申请公开", "依申请公开情况", "依申请公开办理情况"],
    "management": ["政府信息管理", "政府信息管理情况", "加强政府信息管理"],
    "platform": ["政府信息公开平台建设", "平台建设", "政府信息公开平台建设情况", "公开平台建设"],
    "supervision": ["监督保障", "监督保障情况", "强化监督保障"],
}
TOPIC_OF = {
    "overview": "其他", "proactive": "主动公开", "requests": "依申请公开", "management": "政府信息管理",
    "platform": "平台建设", "supervision": "监督保障", "problems": "问题", "measures": "改进措施",
    "fee": "信息处理费", "other6": "其他", "preamble": "其他",
}


# --------------------------------------------------------------------------- agencies


@dataclass
class Agency:
    name: str
    level: str
    self_ref: str
    place: str  # locality the organ belongs to, e.g. 青溪县 or 云岭镇
    site: str
    url: str
    wechat: str
    office: str
    fields: list[str]
    address: str
    postcode: str
    phone: str
    doc_prefix: str
    gov: bool  # a people's government at county level or above (deadline 31 March, accountability item)
    series: dict = field(default_factory=dict)  # carry-over state between years


def _stem(place: str) -> str:
    for suf in ("街道", "省", "市", "县", "区", "镇", "乡"):
        if place.endswith(suf) and len(place) > len(suf) + 1:
            return place[: -len(suf)]
    return place


def make_agency(rng: random.Random, level: str, used: set[str]) -> Agency:
    for _ in range(200):
        a = _make_agency(rng, level)
        if a.name not in used:
            used.add(a.name)
            return a
    raise RuntimeError("name space exhausted")


def _make_agency(rng: random.Random, level: str) -> Agency:
    pi = rng.randrange(len(NAMES["provinces"]))
    prov, prov_py = NAMES["provinces"][pi], NAMES["province_pinyin"][pi]
    city, city_py = rng.choice(NAMES["cities"])
    county, county_py = rng.choice(NAMES["counties"])
    if county.endswith("区"):
        county_full = city + county
    else:
        county_full = county
    road = rng.choice(["人民路", "解放路", "中山路", "建设路", "文化路", "滨河路", "府前街", "政通路"])
    address = f"{{loc}}{road}{rng.randint(1, 188)}号"
    postcode = f"{rng.randint(41, 68)}{rng.randint(1000, 9999)}"
    phone = f"0{rng.randint(510, 939)}-{rng.randint(2000000, 8999999)}"
    office = rng.choice(["办公室", "政务公开办公室", "综合科"])
    gov = False
    if level == "province_gov":
        name, self_ref, loc, py = prov + "人民政府", "我省", prov, prov_py
        office, gov = "省人民政府办公厅政务公开办公室", True
        fields = NAMES["fields"]["gov"]
        doc_prefix = _stem(prov)[0] + "政办发"
    elif level == "city_gov":
        name, self_ref, loc, py = city + "人民政府", "我市", city, city_py
        office, gov = "市人民政府办公室", True
        fields = NAMES["fields"]["gov"]
        doc_prefix = _stem(city)[0] + "政办发"
    elif level == "county_gov":
        name = county_full + "人民政府"
        self_ref = {"县": "我县", "区": "我区", "市": "我市"}[county[-1]]
        loc, py, gov = county, county_py, True
        office = county[-1] + "人民政府办公室"
        fields = NAMES["fields"]["gov"]
        doc_prefix = _stem(county)[0] + "政办发"
    elif level == "township":
        town = rng.choice(NAMES["townships"])
        name = county_full + town + "人民政府"
        self_ref = "我乡" if town.endswith("乡") else "我镇"
        loc, py = town, county_py
        office = rng.choice(["党政综合办公室", "党政办", "党政办公室"])
        fields = NAMES["fields"]["township"]
        doc_prefix = _stem(town)[0] + town[-1] + "发"
    elif level == "street":
        st = rng.choice(NAMES["streets"])
        name = county_full + st + "办事处"
        self_ref = rng.choice(["我街道", "本街道"])
        loc, py = st, county_py
        office = rng.choice(["党政办公室", "综合办公室"])
        fields = NAMES["fields"]["street"]
        doc_prefix = _stem(st)[0] + "街发"
    else:
        tier = rng.choices(["province", "city", "county"], weights=[1, 4, 6])[0]
        if tier == "province":
            dep, self_ref, short = rng.choice(NAMES["province_departments"])
            base, py = prov, prov_py
        elif tier == "city":
            dep, self_ref, short = rng.choice(NAMES["departments"])
            base, py = city, city_py
        else:
            dep, self_ref, short = rng.choice(NAMES["departments"])
            base, py = county_full, county_py
        name = base + dep
        loc = county if tier == "county" else base
        fields = NAMES["fields"].get(dep, NAMES["fields"]["gov"])
        doc_prefix = _stem(loc)[0] + short + "发"
        level = "department"
        if dep == "人民政府办公室":
            office = "政务公开办公室"
    stem = _stem(loc)
    portal = county if level in ("township", "street") else loc
    site = rng.choice([f"{portal}人民政府门户网站", f"“{portal}人民政府”门户网站", f"{portal}人民政府网"])
    if level == "department" and rng.random() < 0.3:
        site = f"{name}网站"
    wechat = rng.choice([f"“{stem}发布”微信公众号", f"“今日{stem}”微信公众号", f"“{stem}政务”微信公众号"])
    return Agency(
        name=name, level=level, self_ref=self_ref, place=loc, site=site, url=f"http://www.{py}.gov.cn",
        wechat=wechat, office=office, fields=list(fields), address=address.format(loc=loc), postcode=postcode,
        phone=phone, doc_prefix=doc_prefix, gov=gov,
    )


# --------------------------------------------------------------------------- text filling

ALT_RE = re.compile(r"\[([^\[\]]*)\]")
SLOT_RE = re.compile(r"\{(\w+)(?::(\w+))?\}")  # {slot} or {slot:role}, see Filler.fill


class Filler:
    """Fills [a|b] alternatives and {slot}s for one agency and year."""

    def __init__(self, rng: random.Random, ag: Agency, year: int, name_for_org: bool = False):
        self.rng, self.ag, self.year = rng, ag, year
        self.name_for_org = name_for_org
        self.used: set[str] = set()  # fragments already used in this report
        self.pub_fixed = False  # this report already stated its count of proactively published items

    def pick(self, items: list[str], k: int) -> list[str]:
        fresh = [x for x in items if x not in self.used]
        pool = fresh if len(fresh) >= k else items
        out = self.rng.sample(pool, max(0, min(k, len(pool))))
        self.used.update(out)
        return out

    def value(self, slot: str, cache: dict) -> str:
        if slot in cache:
            return cache[slot]
        r, ag, y = self.rng, self.ag, self.year
        fields = ag.fields
        if slot == "org":
            v = ag.name if self.name_for_org else ag.self_ref
        elif slot == "agency":
            v = ag.name
        elif slot == "place":
            v = ag.place
        elif slot in ("site", "wechat", "office", "url", "address", "postcode", "phone"):
            v = getattr(ag, slot)
        elif slot == "field":
            v = r.choice(fields)
        elif slot == "field2":
            others = [f for f in fields if f != cache.get("field")]
            v = r.choice(others)
        elif slot == "Y":
            v = str(y)
        elif slot == "Yn":
            v = str(y + 1)
        elif slot == "Yp":
            v = str(y - 1)
        elif slot == "m":
            v = str(r.randint(2, 11))
        elif slot == "d":
            v = str(r.randint(1, 28))
        elif slot == "n":
            v = str(r.randint(3, 28))
        elif slot == "n2":
            v = str(r.randint(2, 9))
        elif slot == "N":
            v = str(r.randint(40, 1800) if ag.level not in ("township", "street") else r.randint(30, 600))
        elif slot == "N2":
            v = str(r.randint(20, 400))
        elif slot == "N3":
            v = str(r.randint(1200, 98000))
        elif slot == "pct":
            v = str(r.randint(92, 100))
        elif slot == "pctlow":
            v = str(r.randint(5, 35))
        elif slot == "units":
            v = str(r.randint(8, 46))
        elif slot == "fee":
            v = str(r.choice([100, 200, 300, 500, 600]))
        elif slot == "hotline":
            v = r.choice(["12345政务服务便民热线", "政务服务便民热线", f"{ag.place}12345热线"])
        elif slot == "docname":
            v = r.choice([
                f"《{ag.name}{y}年政务公开工作要点》", f"《{ag.name}政府信息公开保密审查办法》",
                f"《{ag.place}政务公开工作实施方案》", f"《{ag.name}政府信息公开工作制度》",
            ])
        elif slot == "doccode":
            v = f"《关于印发{ag.place}{y}年政务公开工作要点的通知》（{ag.doc_prefix}〔{y}〕{r.randint(2, 60)}号）"
        elif slot == "format_doc":
            v = cache["format_doc"]
        else:
            raise KeyError(slot)
        cache[slot] = v
        return v

    def fill(self, template: str, cache: dict | None = None) -> str:
        """Alternatives first, then every slot drawn in text order (so a role never changes the random stream),
        then the roles reconcile the figures of one sentence, then the text is written."""
        cache = {} if cache is None else cache
        s = ALT_RE.sub(lambda m: self.rng.choice(m.group(1).split("|")), template)
        roles: dict[str, list[str]] = {}
        for m in SLOT_RE.finditer(s):
            self.value(m.group(1), cache)
            if m.group(2):
                roles.setdefault(m.group(2), []).append(m.group(1))
        if roles:
            self.reconcile(roles, cache)
        return SLOT_RE.sub(lambda m: cache[m.group(1)], s)

    def reconcile(self, roles: dict[str, list[str]], cache: dict) -> None:
        """Make the figures of one sentence agree (roles in corpus_fragments/*.toml):

        * ``pub``: the count of information published proactively — one figure per report (the first sentence
          that states it fixes it, later ones repeat it), and ``rise`` = this year's figure − last year's
          where the agency's previous report stated one;
        * ``total`` (or ``pub``) / ``part`` (a slot named twice counts twice): a partial list — when the draw made
          the parts reach the total, or a list of two or more fall just short of it (within 2 %, which reads as a
          slip of arithmetic), they shrink in proportion to three quarters of it ("233条，其中…工作动态295条");
        * ``count`` / ``share``: the share is rounded from the count and a whole total the pair implies.
        """
        if "pub" in roles:
            (slot,) = roles["pub"]
            seen = self.ag.series.setdefault("pub", {})
            prev = seen.get(self.year - 1)
            if self.pub_fixed:
                assert "rise" not in roles, "a rise must come in the report's first published-count sentence"
                cache[slot] = str(seen[self.year])
            else:
                if "rise" in roles and prev is not None:
                    cache[slot] = str(prev + int(cache[roles["rise"][0]]))
                seen[self.year] = int(cache[slot])
                self.pub_fixed = True
        if "part" in roles:
            (slot,) = roles.get("total") or roles["pub"]
            total, parts = int(cache[slot]), roles["part"]
            got = sum(int(cache[p]) for p in parts)
            slip = max(1, total // 50) if len(parts) > 1 else 0  # a list just short of its total reads as a slip
            if total - got <= slip:  # over the total (or at it, or in a list just below it)
                if total < len(parts) + 2:  # (a total of 3 with two parts of at least 1 each)
                    assert "pub" not in roles
                    total += len(parts) + 2
                    cache[slot] = str(total)
                room = total * 3 // 4 - len(parts)  # the parts keep at most three quarters: a rest is plainly left
                shrunk = {p: str(max(1, int(cache[p]) * room // got)) for p in parts}
                cache.update(shrunk)
        if "share" in roles:
            (c,), (p,) = roles["count"], roles["share"]
            count, pct = int(cache[c]), int(cache[p])
            whole = max(count + 1, int(count * 100 / pct + 0.5))
            cache[p] = str(int(count * 100 / whole + 0.5))


# --------------------------------------------------------------------------- paragraphs


@dataclass
class Para:
    text: str
    part: str | None
    heading: str | None
    boilerplate: int
    topic: str
    hard_case: str | None = None


def _pick(rng: random.Random, items: list[str], k: int) -> list[str]:
    k = max(0, min(k, len(items)))
    return rng.sample(items, k)


def generic_para(rng: random.Random, fl: Filler, key: str, part: str | None, heading: str | None,
                 lead: bool = False) -> Para:
    bank = FRAG[key]
    sents: list[str] = []
    if lead and "generic_lead" in bank:
        sents.append(rng.choice(bank["generic_lead"]))
    sents += fl.pick(bank["generic"], rng.randint(1, 3) if lead else rng.randint(2, 3))
    hard = None
    if "generic_one_number" in bank and rng.random() < 0.25:
        one = rng.choice(bank["generic_one_number"])
        sents.insert(rng.randint(1 if lead else 0, len(sents)), one)
        if re.search(r"\{n2?\}", one):
            hard = "generic_with_one_number"
    near_copy = rng.random() < 0.2 and any("{org}" in s for s in sents)
    if near_copy:
        hard = "near_copy_changed_name"
    fl.name_for_org = near_copy
    text = "".join(fl.fill(s) for s in sents)
    fl.name_for_org = False
    if hard is None and key not in ("problems", "measures") and rng.random() < 0.15 \
            and not text.startswith(fl.ag.self_ref):
        text = f"{fl.year}年，" + text
        hard = "generic_with_year"
    if len(sents) == 1 and hard is None:
        hard = "short_boilerplate"
    return Para(text, part, heading, 1, TOPIC_OF[key], hard)


def specific_para(rng: random.Random, fl: Filler, key: str, part: str | None, heading: str | None,
                  n_generic: int | None = None, extra: list[str] | None = None, n_spec: int | None = None) -> Para:
    bank = FRAG[key]
    if n_generic is None:
        n_generic = rng.choice([0, 0, 1, 1, 2])
    if n_spec is None:
        n_spec = rng.randint(1, 2)
    spec = list(extra or []) + [fl.fill(s) for s in fl.pick(bank["specific"], n_spec)]
    gen = [fl.fill(s) for s in fl.pick(bank["generic"], n_generic)]
    hard = None
    if len(spec) == 1 and len(gen) >= 2:
        hard = "official_phrasing_substantive"
    elif len(spec) == 1 and not gen and len(spec[0]) < 45:
        hard = "short_substantive"
    sents = gen[:1] + spec + gen[1:]
    text = "".join(sents)
    if rng.random() < 0.25 and text.startswith(fl.ag.self_ref):
        text = f"{fl.year}年，" + text
    return Para(text, part, heading, 0, TOPIC_OF[key], hard)


def enumerated(rng: random.Random, sentences: list[str]) -> str:
    out = []
    for i, s in enumerate(sentences):
        s = s.rstrip("。")
        out.append(f"{CN_NUM[i]}是{s}")
    return "；".join(out) + "。"


# --------------------------------------------------------------------------- numbers


def multinomial(rng: random.Random, n: int, weights: dict[str, float]) -> dict[str, int]:
    keys = list(weights)
    w = [weights[k] for k in keys]
    out = dict.fromkeys(keys, 0)
    for k in rng.choices(keys, weights=w, k=n):
        out[k] += 1
    return out


def gen_requests(rng: random.Random, ag: Agency, quality: str, year: int) -> dict:
    ranges = {
        "township": (0, 4), "street": (0, 7), "county_gov": (6, 140), "city_gov": (40, 700),
        "province_gov": (150, 1600),
    }
    if ag.level == "department":
        lo, hi = (0, 18) if ag.place.endswith(("县", "区")) else (3, 90)
        if ag.name.endswith("厅"):
            lo, hi = 15, 220
    else:
        lo, hi = ranges[ag.level]
    total_new = int(rng.triangular(lo, hi, lo + (hi - lo) * 0.25))
    colw = {"natural": 76, "commercial": 12, "research": 1, "social": 1, "legal": 4, "other": 6}
    new = multinomial(rng, total_new, colw)
    prev_fwd = ag.series.get("fwd")
    if prev_fwd is not None:
        carried = dict(prev_fwd)
    else:
        carried = multinomial(rng, int(total_new * rng.choice([0, 0, 0.03, 0.06])), colw)
    rows: dict[str, dict[str, int]] = {}
    rows["new"], rows["carried_over"] = new, carried
    fwd = {}
    results = {k: dict.fromkeys(T3_COLS, 0) for k in RESULT_WEIGHTS_2021}
    for c in T3_COLS:
        avail = new[c] + carried[c]
        f = sum(1 for _ in range(avail) if rng.random() < 0.05)
        if year == 2025 and rng.random() < 0.5:
            f = 0
        fwd[c] = f
        dist = multinomial(rng, avail - f, RESULT_WEIGHTS_2021)
        for k, v in dist.items():
            results[k][c] = v
    rows.update(results)
    rows["total"] = {c: sum(results[k][c] for k in results) for c in T3_COLS}
    rows["carried_forward"] = fwd
    for r in rows.values():
        r["total"] = sum(r[c] for c in T3_COLS)
    ag.series["fwd"] = {c: fwd[c] for c in T3_COLS}
    return rows


def gen_table2(rng: random.Random, ag: Agency) -> dict:
    lv = ag.level
    st = ag.series.setdefault("t2", {})
    t: dict[str, dict] = {}
    may_rules = lv in ("province_gov", "city_gov")
    if may_rules:
        issued = rng.randint(0, 6 if lv == "province_gov" else 3)
        repealed = rng.randint(0, 2)
        prev = st.get("rules_in_force", rng.randint(40, 220) if lv == "province_gov" else rng.randint(15, 80))
        t["rules"] = {"issued": issued, "repealed": min(repealed, prev), "in_force": 0}
        t["rules"]["in_force"] = prev + issued - t["rules"]["repealed"]
    else:
        t["rules"] = {"issued": 0, "repealed": 0, "in_force": 0}
    nd_hi = {"province_gov": 40, "city_gov": 25, "county_gov": 15, "department": 6, "township": 2, "street": 1}[lv]
    issued = rng.randint(0, nd_hi)
    if lv in ("township", "street") and rng.random() < 0.7:
        issued = 0
    prev = st.get("nd_in_force", rng.randint(0, nd_hi * 6))
    repealed = min(prev, rng.randint(0, max(1, nd_hi // 3)))
    t["normative_docs"] = {"issued": issued, "repealed": repealed, "in_force": prev + issued - repealed}
    st["rules_in_force"] = t["rules"]["in_force"]
    st["nd_in_force"] = t["normative_docs"]["in_force"]
    scale = {"province_gov": 3000, "city_gov": 2500, "county_gov": 1500, "department": 900, "township": 40,
             "street": 25}[lv]
    t["licensing"] = {"decisions": int(rng.triangular(0, scale, scale * 0.2))}
    t["penalty"] = {"decisions": int(rng.triangular(0, scale * 0.4, scale * 0.05))}
    t["enforcement"] = {"decisions": int(rng.triangular(0, scale * 0.05, 0))}
    if lv in ("township", "street") and rng.random() < 0.5:
        t["licensing"]["decisions"] = 0
        t["enforcement"]["decisions"] = 0
    fee_hi = {"province_gov": 900, "city_gov": 600, "county_gov": 300, "department": 200, "township": 0,
              "street": 0}[lv]
    amount = round(rng.uniform(0, fee_hi), 2) if rng.random() < 0.7 else 0
    t["fees"] = {"amount": amount}
    return t


def gen_table4(rng: random.Random, ag: Agency, n_requests: int) -> dict:
    out = {}
    for block, share in (("review", 0.04), ("direct_suit", 0.02), ("suit_after_review", 0.01)):
        n = sum(1 for _ in range(n_requests) if rng.random() < share)
        d = multinomial(rng, n, {"upheld": 6, "corrected": 1.5, "other": 1, "pending": 1.5})
        d["total"] = n
        out[block] = d
    return out


def fmt_num(v: float | int) -> str:
    if isinstance(v, float):
        if v == int(v):
            return str(int(v))
        return f"{v:.2f}".rstrip("0").rstrip(".")
    return str(v)


def render_table2(t: dict, fmt: str, rng: random.Random) -> list[str]:
    if fmt == "2021":
        return [
            "第二十条第（一）项",
            "信息内容\t本年制发件数\t本年废止件数\t现行有效件数",
            "规章\t{issued}\t{repealed}\t{in_force}".format(**t["rules"]),
            "行政规范性文件\t{issued}\t{repealed}\t{in_force}".format(**t["normative_docs"]),
            "第二十条第（五）项",
            "信息内容\t本年处理决定数量",
            f"行政许可\t{t['licensing']['decisions']}",
            "第二十条第（六）项",
            "信息内容\t本年处理决定数量",
            f"行政处罚\t{t['penalty']['decisions']}",
            f"行政强制\t{t['enforcement']['decisions']}",
            "第二十条第（八）项",
            "信息内容\t本年收费金额（单位：万元）",
            f"行政事业性收费\t{fmt_num(t['fees']['amount'])}",
        ]
    return inject_defects.table2_2019_lines(t, rng)


def _cells(row: dict) -> str:
    return "\t".join(str(row[c]) for c in [*T3_COLS, "total"])


def render_table3(rows: dict, fmt: str) -> list[str]:
    lines = list(T3_HEADER_2021)
    lines.append(f"一、本年新收政府信息公开申请数量\t\t{_cells(rows['new'])}")
    lines.append(f"二、上年结转政府信息公开申请数量\t\t{_cells(rows['carried_over'])}")
    lines.append(f"三、本年度办理结果\t（一）予以公开\t{_cells(rows['granted'])}")
    lines.append(f"\t（二）部分公开（区分处理的，只计这一情形，不计其他情形）\t{_cells(rows['partial'])}")
    for i, lab in enumerate(DENIED):
        pre = "\t（三）不予公开" if i == 0 else "\t"
        lines.append(f"{pre}\t{lab}\t{_cells(rows[f'denied_{i + 1}'])}")
    for i, lab in enumerate(UNABLE):
        pre = "\t（四）无法提供" if i == 0 else "\t"
        lines.append(f"{pre}\t{lab}\t{_cells(rows[f'unable_{i + 1}'])}")
    for i, lab in enumerate(NOT_PROCESSED):
        pre = "\t（五）不予处理" if i == 0 else "\t"
        lines.append(f"{pre}\t{lab}\t{_cells(rows[f'not_processed_{i + 1}'])}")
    if fmt == "2021":
        for i, lab in enumerate(OTHER_2021):
            pre = "\t（六）其他处理" if i == 0 else "\t"
            lines.append(f"{pre}\t{lab}\t{_cells(rows[f'other_{i + 1}'])}")
    else:
        other = {c: sum(rows[f"other_{i}"][c] for i in (1, 2, 3)) for c in [*T3_COLS, "total"]}
        lines.append(f"\t（六）其他处理\t{_cells(other)}")
    lines.append(f"\t（七）总计\t{_cells(rows['total'])}")
    lines.append(f"四、结转下年度继续办理\t\t{_cells(rows['carried_forward'])}")
    return lines


def render_table4(t4: dict) -> list[str]:
    vals = []
    for b in ("review", "direct_suit", "suit_after_review"):
        vals += [t4[b][k] for k in ("upheld", "corrected", "other", "pending", "total")]
    return [*T4_HEAD, "\t".join(str(v) for v in vals)]


# --------------------------------------------------------------------------- report assembly

QUALITY_CFG = {
    # paragraphs per part-one section, share of generic paragraphs
    "excellent": {"paras": (2, 3), "p_generic": 0.15},
    "good": {"paras": (1, 3), "p_generic": 0.35},
    "fair": {"paras": (1, 2), "p_generic": 0.6},
    "poor": {"paras": (1, 1), "p_generic": 0.9},
}


def requests_sentence(rng: random.Random, ag: Agency, year: int, rows: dict, t4: dict, quality: str) -> str:
    new, car, tot, fwd = (rows[k]["total"] for k in ("new", "carried_over", "total", "carried_forward"))
    org = ag.self_ref
    if new == 0 and car == 0:
        s = rng.choice([f"本年度{org}未收到政府信息公开申请。", f"{year}年，{org}未收到政府信息公开申请，无上年结转申请。"])
    else:
        legal = new - rows["new"]["natural"]
        s = rng.choice([
            f"全年共收到政府信息公开申请{new}件，上年结转{car}件，办结{tot}件，结转下年度{fwd}件。",
            f"本年度新收政府信息公开申请{new}件，其中自然人申请{rows['new']['natural']}件、法人或其他组织申请{legal}件；"
            f"上年结转{car}件；已办结{tot}件，结转下年度继续办理{fwd}件。",
            f"{year}年，{org}共受理政府信息公开申请{new}件，加上上年结转{car}件，全年办结{tot}件，结转下年度{fwd}件。",
        ])
        if quality in ("excellent", "good") and tot > 0:
            d = sum(rows[f"denied_{i}"]["total"] for i in range(1, 9))
            u = sum(rows[f"unable_{i}"]["total"] for i in range(1, 4))
            npr = sum(rows[f"not_processed_{i}"]["total"] for i in range(1, 6))
            o = sum(rows[f"other_{i}"]["total"] for i in range(1, 4))
            s += (f"办结的申请中，予以公开{rows['granted']['total']}件，部分公开{rows['partial']['total']}件，"
                  f"不予公开{d}件，无法提供{u}件，不予处理{npr}件，其他处理{o}件。")
    rv = t4["review"]["total"]
    lit = t4["direct_suit"]["total"] + t4["suit_after_review"]["total"]
    if rv == 0 and lit == 0:
        if rng.random() < 0.6:
            s += rng.choice(["全年未发生因政府信息公开工作被申请行政复议或提起行政诉讼的情况。",
                             "本年度未发生政府信息公开行政复议、行政诉讼案件。"])
    else:
        s += f"全年因政府信息公开工作被申请行政复议{rv}件，被提起行政诉讼{lit}件。"
    return s


def build_report(rng: random.Random, ag: Agency, year: int, quality: str, req: dict, t2: dict, t4: dict
                 ) -> tuple[str, list[Para], dict]:
    fmt = "2021" if year >= 2021 else "2019"
    cfg = QUALITY_CFG[quality]
    fl = Filler(rng, ag, year)
    paras: list[Para] = []
    lines: list[str] = []

    def add_para(p: Para) -> None:
        paras.append(p)
        lines.append(p.text)

    title = f"{ag.name}{year}年政府信息公开工作年度报告"
    lines.append(title)
    if rng.random() < 0.5:
        lines.append("引言" if rng.random() < 0.7 else "前言")
    format_doc = (
        "《中华人民共和国政府信息公开工作年度报告格式》（国办公开办函〔2021〕30号）"
        if fmt == "2021"
        else "《中华人民共和国政府信息公开工作年度报告格式（试行）》（国办公开办函〔2019〕60号）"
    )
    cache = {"format_doc": format_doc}
    pb = FRAG["preamble"]
    sents = [fl.fill(rng.choice(pb["basis"]), cache)]
    if rng.random() < 0.6:
        sents.append(fl.fill(rng.choice(pb["parts"]), cache))
    sents.append(fl.fill(rng.choice(pb["period"]), cache))
    contact = quality != "poor" or rng.random() < 0.4
    if contact:
        sents.append(fl.fill(rng.choice(pb["contact"]), cache))
    add_para(Para("".join(sents), None, None, 0 if contact else 1, "其他",
                  None if contact else "template_preamble"))

    # ---- part one
    lines.append(rng.choice(HEADINGS["overview"]))
    if quality in ("excellent", "good") and rng.random() < 0.5:
        lead = fl.fill(rng.choice(FRAG["overview"]["generic_lead"]))
        lead += "".join(fl.fill(s) for s in _pick(rng, FRAG["overview"]["specific"], rng.randint(1, 2)))
        add_para(Para(lead, "overview", None, 0, "其他", "official_phrasing_substantive"))
    else:
        add_para(generic_para(rng, fl, "overview", "overview", None, lead=True))
    req_text = requests_sentence(rng, ag, year, req, t4, quality)
    n_req = req["new"]["total"] + req["carried_over"]["total"]
    for i, key in enumerate(("proactive", "requests", "management", "platform", "supervision")):
        name = rng.choice(SUBHEADINGS[key])
        heading = f"（{CN_NUM[i]}）{name}"
        lines.append(heading)
        n = rng.randint(*cfg["paras"])
        section: list[Para] = []
        for j in range(n):
            if key == "requests" and j == 0:
                n_sp = 0 if n_req == 0 else rng.choice([0, 1])
                section.append(specific_para(rng, fl, key, "overview", heading, n_generic=rng.choice([0, 1]),
                                             extra=[req_text], n_spec=n_sp))
                continue
            if rng.random() < cfg["p_generic"] or (key == "requests" and n_req == 0):
                section.append(generic_para(rng, fl, key, "overview", heading))
            else:
                section.append(specific_para(rng, fl, key, "overview", heading))
        if key == "supervision" and ag.gov and quality != "poor":
            section.append(Para(fl.fill(rng.choice(FRAG["supervision"]["gov_accountability"])), "overview", heading,
                                0, "监督保障", None))
        for p in section:
            add_para(p)

    # ---- tables
    lines.append(rng.choice(HEADINGS["proactive"]))
    lines.append("\n".join(render_table2(t2, fmt, rng)))
    lines.append(rng.choice(HEADINGS["requests"]))
    lines.append("\n".join(render_table3(req, fmt)))
    if fmt == "2019":
        lines.append("四、因政府信息公开工作被申请行政复议、提起行政诉讼情况")
    else:
        lines.append(rng.choice(HEADINGS["review_litigation"]))
    lines.append("\n".join(render_table4(t4)))

    # ---- part five
    lines.append(rng.choice(HEADINGS["problems"]))
    subheads = quality == "excellent" or (quality == "good" and rng.random() < 0.5)
    h_prob = h_meas = None
    if subheads:
        h_prob = rng.choice(["（一）存在的主要问题", "（一）存在的问题", "（一）主要问题"])
        lines.append(h_prob)
    if quality in ("poor", "fair") and rng.random() < (0.9 if quality == "poor" else 0.5):
        add_para(generic_para(rng, fl, "problems", "problems", h_prob))
    else:
        k = 3 if quality == "excellent" else rng.randint(1, 3)
        specs = [fl.fill(s) for s in fl.pick(FRAG["problems"]["specific"], k)]
        lead = fl.fill(FRAG["problems"]["generic"][0])
        body = enumerated(rng, specs) if len(specs) > 1 else specs[0]
        add_para(Para(lead.rstrip("。") + "，主要表现在：" + body if rng.random() < 0.5 else lead + body,
                      "problems", h_prob, 0, "问题", "official_phrasing_substantive" if len(specs) == 1 else None))
        if quality == "excellent" and year > 2019:
            add_para(Para(fl.fill(rng.choice(FRAG["problems"]["rectification"])), "problems", h_prob, 0, "问题",
                          None))
    if subheads:
        h_meas = rng.choice(["（二）改进措施", "（二）改进情况", "（二）下一步工作打算"])
        lines.append(h_meas)
    if quality in ("poor", "fair") and rng.random() < (0.9 if quality == "poor" else 0.5):
        p = generic_para(rng, fl, "measures", "problems", h_meas)
        if rng.random() < 0.5:
            p = Para(fl.fill(rng.choice(FRAG["measures"]["generic_plan"])) + p.text, "problems", h_meas, 1,
                     "改进措施", "generic_with_year")
        add_para(p)
    else:
        k = 3 if quality == "excellent" else rng.randint(1, 3)
        specs = [fl.fill(s) for s in _pick(rng, FRAG["measures"]["specific"][:3], k)]
        plan = fl.fill(rng.choice(FRAG["measures"]["generic_plan"]))
        body = enumerated(rng, specs) if len(specs) > 1 else specs[0]
        add_para(Para(plan + body, "problems", h_meas, 0, "改进措施",
                      "official_phrasing_substantive" if len(specs) == 1 else None))
        if quality == "excellent":
            add_para(Para(fl.fill(rng.choice(FRAG["measures"]["specific"][3:])), "problems", h_meas, 0,
                          "改进措施", None))

    # ---- part six
    lines.append(HEADINGS["other"][0])
    fb = FRAG["fee"]
    if fmt == "2019":
        fee = Para(fl.fill(rng.choice(fb["old_generic"])), "other", None, 1, "信息处理费", "required_statement")
    elif req["new"]["total"] > 20 and rng.random() < 0.3:
        fee = Para(fl.fill(fb["specific"][0]), "other", None, 0, "信息处理费", None)
    else:
        fee = Para(fl.fill(rng.choice(fb["generic"])), "other", None, 1, "信息处理费", "required_statement")
    add_para(fee)
    if quality in ("excellent", "good"):
        for s in fl.pick(FRAG["other6"]["specific"], rng.randint(1, 2) if quality == "excellent" else 1):
            add_para(Para(fl.fill(s), "other", None, 0, "其他", None))
    elif rng.random() < 0.5:
        add_para(Para(fl.fill(rng.choice(FRAG["other6"]["generic"])), "other", None, 1, "其他", None))

    # ---- signature
    pub = publication_date(rng, ag, year)
    lines.append(ag.name)
    lines.append(f"{pub.year}年{pub.month}月{pub.day}日")
    text = "\n\n".join(lines) + "\n"
    meta = {"title": title, "format": fmt, "published": pub.isoformat()}
    return text, paras, meta


def publication_date(rng: random.Random, ag: Agency, year: int) -> date:
    if ag.gov and rng.random() < 0.6:
        start, end = date(year + 1, 1, 15), date(year + 1, 3, 31)
    else:
        start, end = date(year + 1, 1, 8), date(year + 1, 1, 31)
    return start + timedelta(days=rng.randint(0, (end - start).days))


# --------------------------------------------------------------------------- corpus


def plan_agencies(rng: random.Random) -> list[tuple[Agency, list[int], str]]:
    """(agency, years, quality bias) — some agencies get a series of consecutive years."""
    level_counts = {"province_gov": 4, "city_gov": 10, "county_gov": 14, "township": 18, "street": 12,
                    "department": 30}
    used: set[str] = set()
    plan = []
    for level, n in level_counts.items():
        for _ in range(n):
            ag = make_agency(rng, level, used)
            span = rng.choices([1, 2, 3], weights=[5, 3, 2])[0]
            first = rng.randint(2019, 2026 - span)
            years = list(range(first, first + span))
            quality = rng.choices(QUALITIES, weights=[2, 4, 3, 2])[0]
            plan.append((ag, years, quality))
    return plan


def build(seed: int = SEED, out_dir: Path = OUT_DIR) -> dict:
    report_dir = out_dir / "reports"
    rng = random.Random(seed)
    plan = plan_agencies(rng)
    report_dir.mkdir(parents=True, exist_ok=True)
    for old in report_dir.glob("*.txt"):
        old.unlink()
    manifest: list[dict] = []
    para_rows: list[dict] = []
    # split by agency, so that the years of one organ never sit on two sides; greedy towards 70/15/15
    target = {"train": 0.70, "validation": 0.15, "test": 0.15}
    have = dict.fromkeys(target, 0)
    order = list(range(len(plan)))
    rng.shuffle(order)
    split_of: dict[int, str] = {}
    for i in order:
        total = sum(have.values()) + len(plan[i][1])
        sp = max(target, key=lambda k: target[k] * total - have[k])
        split_of[i] = sp
        have[sp] += len(plan[i][1])
    idx = 0
    reports: list[tuple[dict, str, list[Para]]] = []
    for ai, (ag, years, quality) in enumerate(plan):
        split = split_of[ai]
        for year in years:
            q = quality if rng.random() < 0.7 else rng.choice(QUALITIES)
            idx += 1
            rid = f"nb{idx:03d}"
            req = gen_requests(rng, ag, q, year)
            n_req = req["new"]["total"] + req["carried_over"]["total"]
            t2 = gen_table2(rng, ag)
            t4 = gen_table4(rng, ag, n_req)
            text, paras, meta = build_report(rng, ag, year, q, req, t2, t4)
            entry = {
                "id": rid, "file": f"reports/{rid}.txt", "title": meta["title"], "agency": ag.name,
                "level": ag.level, "year": year, "format": meta["format"], "quality": q,
                "published": meta["published"], "split": split, "clean": True, "defects": [],
            }
            reports.append((entry, text, paras))
    # deliberately defective poor reports
    drng = random.Random(seed + 1)
    kinds_cycle = ["period_slip", "duplicated_word", "table_identity", "halfwidth_punct", "missing_fee",
                   "placeholder", "self_reference", "late_publication", "obsolete_table", "text_table_mismatch",
                   "mixed_brackets", "wrong_year", "total_row", "confusion_typo"]
    poor = [r for r in reports if r[0]["quality"] == "poor"]
    drng.shuffle(poor)
    chosen = poor[:N_DEFECTIVE]
    chosen_ids = {r[0]["id"] for r in chosen}
    ki = 0
    for n, (entry, text, paras) in enumerate(reports):
        if entry["id"] in chosen_ids:
            defects: list[dict] = []
            for _ in range(2 if n % 2 == 0 else 1):
                res = None
                while res is None:  # the next kind in the cycle that finds a place in this report
                    res = inject_defects.inject(text, kinds_cycle[ki % len(kinds_cycle)], drng)
                    ki += 1
                new_text, injs = res
                # shift earlier defects' offsets when this edit happened before them
                for inj in injs:
                    delta = len(new_text) - len(text)
                    for d in defects:
                        if d["start"] >= inj.start and delta:
                            d["start"] += delta
                            d["end"] += delta
                    defects.append(inj.to_dict())
                text = new_text
            for d in defects:
                assert text[d["start"]:d["end"]] == d["evidence"], d
            entry["clean"] = False
            entry["defects"] = defects
            reports[n] = (entry, text, paras)
    for entry, text, paras in reports:
        (report_dir / f"{entry['id']}.txt").write_text(text, encoding="utf-8")
        manifest.append(entry)
        lines_in_text = set(text.split("\n"))
        k = 0
        for p in paras:
            if p.text not in lines_in_text:
                continue  # changed by an injected defect
            k += 1
            para_rows.append({
                "id": f"{entry['id']}-p{k:02d}", "report_id": entry["id"], "split": entry["split"], "part": p.part,
                "heading": p.heading, "text": p.text, "boilerplate": p.boilerplate, "topic": p.topic,
                "hard_case": p.hard_case,
            })
    para_rows += extra_paragraphs(random.Random(seed + 2), target=2300 - len(para_rows))
    para_rows += real_style_paragraphs(random.Random(seed + 3), N_REAL_STYLE)
    for row in para_rows:  # generic paragraphs that still show a digit are hard cases
        if row["boilerplate"] == 1 and row["hard_case"] is None and re.search(r"\d", row["text"]):
            row["hard_case"] = "generic_with_year" if re.match(r"\d{4}年", row["text"]) else "generic_with_one_number"
    with (report_dir / "manifest.jsonl").open("w", encoding="utf-8") as f:
        for e in manifest:
            f.write(json.dumps(e, ensure_ascii=False) + "\n")
    with (out_dir / "paragraphs.jsonl").open("w", encoding="utf-8") as f:
        for p in para_rows:
            f.write(json.dumps(p, ensure_ascii=False) + "\n")
    stats = summarise(manifest, para_rows)
    update_readme(stats, out_dir)
    return stats


def extra_paragraphs(rng: random.Random, target: int) -> list[dict]:
    """Stand-alone paragraphs (no report) that are mostly hard cases, to balance topics and reach 2,000+."""
    out: list[dict] = []
    keys = ["proactive", "requests", "management", "platform", "supervision", "problems", "measures", "fee",
            "other6"]
    part_of = {"problems": "problems", "measures": "problems", "fee": "other", "other6": "other"}
    n = max(target, 300)
    for i in range(n):
        ag = _make_agency(rng, rng.choice(LEVELS))
        year = rng.randint(2019, 2025)
        fl = Filler(rng, ag, year)
        key = keys[i % len(keys)]
        part = part_of.get(key, "overview")
        heading = None
        if part == "overview":
            heading = f"（{CN_NUM[['proactive', 'requests', 'management', 'platform', 'supervision'].index(key)]}）" \
                      + rng.choice(SUBHEADINGS[key])
        bank = FRAG[key]
        mode = rng.random()
        if key == "fee":
            if mode < 0.5:
                p = Para(fl.fill(rng.choice(bank["generic"] + bank["old_generic"])), part, None, 1, "信息处理费",
                         "required_statement")
            else:
                p = Para(fl.fill(bank["specific"][0]), part, None, 0, "信息处理费", "short_substantive")
        elif key == "other6" and mode < 0.4:
            p = Para(fl.fill(rng.choice(bank["generic"])), part, None, 1, "其他", "short_boilerplate")
        elif "generic" in bank and mode < 0.5:
            p = generic_para(rng, fl, key, part, heading)
            if p.hard_case is None:
                p.hard_case = "long_boilerplate" if len(p.text) > 90 else None
        else:
            p = specific_para(rng, fl, key, part, heading, n_generic=rng.choice([0, 2, 2, 3]))
        split = rng.choice(["train"] * 70 + ["validation"] * 15 + ["test"] * 15)
        out.append({"id": f"x{i + 1:04d}", "report_id": None, "split": split, "part": p.part, "heading": p.heading,
                    "text": p.text, "boilerplate": p.boilerplate, "topic": p.topic, "hard_case": p.hard_case})
    return out


def inline_heading(rng: random.Random, heading: str) -> str:
    """A sub-heading written at the start of its paragraph, numbered as real reports number them."""
    i = rng.randrange(5)
    style = rng.choice(["（{c}）", "（{c}）", "{c}是", "{a}.", "{a}、", ""])
    return style.format(c=CN_NUM[i], a=i + 1) + heading + "。"


def real_style_paragraphs(rng: random.Random, n: int) -> list[dict]:
    """Stand-alone paragraphs from ``corpus_fragments/real_style.toml`` (the shapes the labelled real DEV paragraphs
    showed the corpus lacked: inline sub-headings, count-only paragraphs, concrete actions without figures, …).
    A substantive paragraph is one substantive template, sometimes with a generic one after it (label 0); a generic
    paragraph is one or two generic templates (label 1). Own random stream: the reports do not change."""
    groups = list(REAL_STYLE.values())
    weights = {"主动公开": 5, "政府信息管理": 5, "监督保障": 4, "依申请公开": 4, "平台建设": 3, "其他": 2.5, "信息处理费": 0.5,
               "问题": 1.5, "改进措施": 1.5}
    out: list[dict] = []
    for i in range(n):
        g = rng.choices(groups, weights=[weights[x["topic"]] for x in groups])[0]
        ag = _make_agency(rng, rng.choice(LEVELS))
        fl = Filler(rng, ag, rng.randint(2019, 2025), name_for_org=rng.random() < 0.3)
        part = rng.choices([p for p, _ in g["parts"]], weights=[w for _, w in g["parts"]])[0] or None
        substantive = rng.random() < 0.55
        if substantive:
            sents = [rng.choice(g["substantive"])] + ([rng.choice(g["generic"])] if rng.random() < 0.35 else [])
        else:
            sents = rng.sample(g["generic"], min(len(g["generic"]), rng.choice([1, 1, 2])))
        text = "".join(fl.fill(t) for t in sents)
        hard = None
        if g["headings"] and rng.random() < (0.5 if substantive else 0.8):  # a generic one needs its heading more
            text = inline_heading(rng, rng.choice(g["headings"])) + text
            hard = "inline_heading"
        split = rng.choice(["train"] * 70 + ["validation"] * 15 + ["test"] * 15)
        out.append({"id": f"r{i + 1:04d}", "report_id": None, "split": split, "part": part, "heading": None,
                    "text": text, "boilerplate": 0 if substantive else 1, "topic": g["topic"], "hard_case": hard})
    return out


def summarise(manifest: list[dict], paras: list[dict]) -> dict:
    def c(key: str, rows: list[dict]) -> dict:
        return dict(sorted(Counter(str(r[key]) for r in rows).items()))

    return {
        "reports": len(manifest), "clean": sum(e["clean"] for e in manifest),
        "by_split": c("split", manifest), "by_level": c("level", manifest), "by_year": c("year", manifest),
        "by_format": c("format", manifest), "by_quality": c("quality", manifest),
        "paragraphs": len(paras), "para_by_split": c("split", paras), "para_by_topic": c("topic", paras),
        "para_by_boilerplate": c("boilerplate", paras), "para_by_hard_case": c("hard_case", paras),
        "defect_kinds": dict(Counter(d["kind"] for e in manifest for d in e["defects"])),
    }


def update_readme(stats: dict, out_dir: Path = OUT_DIR) -> None:
    path = out_dir / "README.md"
    block = "<!-- COUNTS:BEGIN -->\n```json\n" + json.dumps(stats, ensure_ascii=False, indent=1) + "\n```\n" \
            "<!-- COUNTS:END -->"
    if not path.exists():
        path.write_text("# corpora\n\n" + block + "\n", encoding="utf-8")
        return
    s = path.read_text(encoding="utf-8")
    if "<!-- COUNTS:BEGIN -->" in s:
        s = re.sub(r"<!-- COUNTS:BEGIN -->.*?<!-- COUNTS:END -->", lambda _m: block, s, flags=re.S)
    else:
        s += "\n" + block + "\n"
    path.write_text(s, encoding="utf-8")


if __name__ == "__main__":
    st = build()
    print(json.dumps({k: st[k] for k in ("reports", "clean", "paragraphs", "by_split", "para_by_boilerplate")},
                     ensure_ascii=False))

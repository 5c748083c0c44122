"""Body measurements in messages: age, height, weight, resting heart rate, blood pressure, body fat.

Each extractor claims the text it reads so later ones skip it; `discard` first claims numbers that are not
profile values at all (past weights, lifted loads, race times, weekly totals).
"""
from __future__ import annotations

import re

from coach.domain.profile import INT_FIELDS, RANGES
from coach.intake.context import Ctx, groups_free
from coach.intake.lexicon_en import MONTHS
from coach.intake.numbers import APPROX, DNUM, FILLER, NUM, WORD_NUM, F, number, round_half_up
from coach.intake.units import (
    CMUNIT, IN_CM, LB_KG, MUNIT, OTHER_UNIT_AFTER, WEIGHT_UNITS, WUNIT, feet_inches_to_cm, stone_to_kg,
)

# numeric fields and their Python type (target_delta_kg is an intake-only key: a change, not a profile field)
NUMERIC_FIELDS: dict[str, type] = {
    **{name: int if name in INT_FIELDS else float for name in RANGES}, "target_delta_kg": float,
}

_RX_BP_KW = re.compile(rf"(?:(?<![a-z])(?:bp|b\.p\.|blood\s*pressure|pressure)(?![a-z])|血压){FILLER}"
                       r"(?P<s>\d{2,3})\s*(?:/|over|\\|-|:)\s*(?P<d>\d{2,3})(?![\d])(?:\s*mm\s*hg)?", F)
_RX_BP_FREE = re.compile(r"(?<![\d/.:$])(?P<s>\d{2,3})\s*(?:/|over)\s*(?P<d>\d{2,3})(?![\d/.])"
                         r"(?P<mm>\s*mm\s*hg)?(?!\s*(?:dollars|usd|eur|euros|rmb|yuan|pounds|元|块|%))", F)
_RX_BP_CN = re.compile(r"(?:高压|收缩压|上压)\s*(?:是|为|:|有)?\s*(?P<s>\d{2,3})[^\d]{0,8}?"
                       r"(?:低压|舒张压|下压)\s*(?:是|为|:|有)?\s*(?P<d>\d{2,3})")
_RX_BP_CN_REV = re.compile(r"(?:低压|舒张压|下压)\s*(?:是|为|:|有)?\s*(?P<d>\d{2,3})[^\d]{0,8}?"
                           r"(?:高压|收缩压|上压)\s*(?:是|为|:|有)?\s*(?P<s>\d{2,3})")


def blood_pressure(ctx: Ctx) -> None:
    """"BP 135/85", "142 over 91", "高压135低压85"."""
    for rx in (_RX_BP_KW, _RX_BP_CN, _RX_BP_CN_REV, _RX_BP_FREE):
        for m in rx.finditer(ctx.text):
            if not groups_free(ctx, m, "s", "d"):
                continue
            s, d = int(m["s"]), int(m["d"])
            if rx is _RX_BP_FREE and not m["mm"] and not (s >= 70 and d >= 40 and s > d):
                continue  # "12/25" is a date, not a reading
            ctx.claim(*m.span())
            ctx.put("bp_systolic", s, m.start())
            ctx.put("bp_diastolic", d, m.start())


_DISCARDS = [re.compile(p, F) for p in (
    # past changes and earlier weights are history, not the current state or a goal
    rf"(?<![a-z])(?:lost|gained|dropped|(?<!to\s)(?<!wanna\s)(?:shed|put\s+on))\s+(?:{APPROX}\s+)?{NUM}\s*"
    rf"(?:{WUNIT})?",
    rf"(?:减了|瘦了|胖了|长了|掉了|增了|重了|涨了)\s*{DNUM}\s*(?:多|来)?\s*(?:{WUNIT})?",
    # lifts and equipment loads are not body weight
    rf"(?<![a-z])(?:bench|benches|benched|squat|squats|squatted|deadlift|deadlifts|deadlifted|press|"
    rf"presses|pressed|curl|curls|row|rows|lift|lifts|lifted|carry|carries|snatch|clean|ohp|pull)\s+"
    rf"(?:{APPROX}\s+)?{NUM}\s*(?:x\s*\d+\s*)?{WUNIT}",
    rf"(?:卧推|深蹲|硬拉|推举|举|拉)\s*(?:了)?\s*{DNUM}\s*{WUNIT}",
    rf"{DNUM}\s*(?:x|-)\s*{DNUM}\s*{WUNIT}",
    rf"{NUM}\s*{WUNIT}\s*(?:-\s*)?(?:dumb-?bells?|kettle\s*-?bells?|bar-?bells?|bars?|plates?|weights?|"
    rf"db|kb|vest|bag|sandbag|backpack|哑铃|壶铃|杠铃|杠铃片)",
    rf"(?:哑铃|壶铃|杠铃)\s*(?:是|有)?\s*{DNUM}\s*{WUNIT}",
    # "adjustable dumbbells up to 50lb", "kettlebells of 12 and 16 kg", "plates to 100 kg": what the equipment weighs
    rf"(?<![a-z])(?:dumb-?bells?|kettle\s*-?bells?|bar-?bells?|bars?|plates?|weights|db|kb)\s*[(,:]?\s*"
    rf"(?:(?:that\s+)?(?:go(?:es)?\s+)?(?:up\s+)?to|of|from|at|max(?:imum)?|between)?\s*(?:{APPROX}\s+)?{NUM}\s*"
    rf"(?:{WUNIT})?\s*(?:(?:-|to|and|or)\s*{NUM}\s*)?{WUNIT}",
    rf"{NUM}\s*{WUNIT}\s+(?:over\s*weight|too\s+heavy|too\s+much|(?:heavier|lighter|more|less)\s+than|over|"
    rf"under(?:weight)?)(?![a-z])",
    rf"(?:胖了|超重|重了|多了)\s*{DNUM}\s*{WUNIT}|{DNUM}\s*{WUNIT}\s*(?:超重|的赘肉)",
    # race results, weekly totals, BMI, step counts
    rf"(?:5k|10k|marathon|half[- ]marathon|mile|(?<![\d.])\d+\s*km)\s+(?:in|under|below|sub|within)"
    rf"(?:\s+(?:under|less\s+than|about|around))?\s+{NUM}\s*"
    rf"(?:minutes|mins?|hours?|h)?",
    rf"{NUM}\s*(?:minutes|mins?|min|hours?|hrs?|h)\s*(?:a|per|each|every|/)\s*week(?![a-z])",
    rf"{NUM}\s*(?:minutes|mins?|min|hours?|hrs?)\s+(?:of\s+\w+\s+)?weekly",
    r"(?:每周|一周|1周)\s*(?:总共|一共|累计)?\s*(?<![\d.])\d+(?:\.\d+)?\s*(?:个)?(?:小时|分钟)",
    rf"(?<![a-z])bmi\s*(?:is|of|:)?\s*{NUM}", rf"{NUM}\s*k?\s*steps", r"(?<![\d.])\d+\s*步",
)]
_PAST_WEIGHTS = [re.compile(p, F) for p in (
    rf"(?<![a-z])(?:used\s+to\s+(?:weigh|be)|i\s+was(?:\s+once)?|at\s+my\s+heaviest(?:\s+i\s+was)?)\s+"
    rf"(?:{APPROX}\s+)?(?P<n>{NUM})\s*(?P<u>{WUNIT})",
    rf"(?:以前|之前|曾经|原来|过去|最重的时候)\s*(?:体重)?\s*(?:是|有)?\s*(?P<n>{DNUM})\s*(?:多|来)?\s*(?P<u>{WUNIT})",
)]


def discard(ctx: Ctx) -> None:
    """Claim numbers that must not become profile values (past weights, lifts, weekly totals)."""
    for rx in _DISCARDS:
        for m in rx.finditer(ctx.text):
            if ctx.free(*m.span()):
                ctx.claim(*m.span())
    for rx in _PAST_WEIGHTS:  # remembered so that "..., now 82" knows its unit
        for m in rx.finditer(ctx.text):
            if ctx.free(*m.span()):
                ctx.claim(*m.span())
                ctx.past_log.append((m.start(), "weight_kg", WEIGHT_UNITS[m["u"]]))


_RX_FT_IN = re.compile(
    rf"(?<![\d.])(?P<ft>[3-8]|(?<![a-z])(?:four|five|six|seven)(?![a-z]))\s*(?:'|ft\.?|feet|foot)\s*"
    rf"(?:,?\s*(?:and\s+)?"
    rf"(?P<inch>\d{{1,2}}(?:\.\d+)?|{WORD_NUM})\s*(?:\"|''|in\.?(?![a-z])|inch(?:es)?)?)?(?!\s*\d)", F)
_RX_PLURAL_S = re.compile(r"\s*s(?![a-z])", F)
_RX_INCHES = re.compile(rf"(?:(?:height|tall)\s*(?:is|:)?\s*(?P<n>{NUM})\s*(?:inches|inch|in)(?![a-z])|"
                        rf"(?P<n2>{NUM})\s*(?:inches|inch|in)\s+tall)", F)
_RX_CM = re.compile(rf"(?P<n>{NUM})\s*(?:多|左右)?\s*{CMUNIT}", F)
_RX_M_CM = re.compile(r"(?<![\d.])(?P<m>[12])\s*(?:米|m)\s*(?P<c>\d{1,2})(?!\d)", F)
_RX_M = re.compile(rf"(?P<n>{DNUM})\s*(?:多|左右)?\s*{MUNIT}", F)
_RX_TALL = re.compile(rf"(?P<n>{DNUM})\s*(?:cm\s*)?tall(?![a-z])", F)


def _imperial_heights(ctx: Ctx) -> None:
    """"5'11\"", "six foot two", "71 inches tall" -> height_cm."""
    t = ctx.text
    for m in _RX_FT_IN.finditer(t):
        if not groups_free(ctx, m, "ft", "inch"):
            continue
        ft, inch = number(m["ft"]), number(m["inch"]) if m["inch"] else 0.0
        if ft is None or inch is None or (not m["inch"] and m.group().rstrip()[-1:] == "'" and
                                          _RX_PLURAL_S.match(t, m.end())):
            continue  # "the 5's" is not five feet
        ctx.claim(*m.span())
        ctx.put("height_cm", feet_inches_to_cm(ft, inch), m.start(), factor=IN_CM)
    for m in _RX_INCHES.finditer(t):
        g = "n" if m["n"] else "n2"
        n = number(m[g])
        if n is not None and groups_free(ctx, m, g):
            ctx.claim(*m.span())
            ctx.put("height_cm", round(n * IN_CM, 1), m.start())


def heights(ctx: Ctx) -> None:
    """cm, m, "1米72", feet and inches -> height_cm."""
    _imperial_heights(ctx)
    t = ctx.text
    for m in _RX_M_CM.finditer(t):
        if groups_free(ctx, m, "m", "c"):
            c = m["c"]
            ctx.claim(*m.span())
            ctx.put("height_cm", float(int(m["m"]) * 100 + (int(c) if len(c) == 2 else int(c) * 10)), m.start())
    for m in _RX_CM.finditer(t):
        n = number(m["n"])
        if n is not None and groups_free(ctx, m, "n"):
            ctx.claim(*m.span())
            ctx.put("height_cm", round(n, 1), m.start(), factor=1.0)
    for m in _RX_M.finditer(t):
        n = number(m["n"])
        if n is not None and n < 3 and groups_free(ctx, m, "n"):  # "5000米" is a run, not a height
            ctx.claim(*m.span())
            ctx.put("height_cm", round(n * 100, 1), m.start(), factor=100.0)
    for m in _RX_TALL.finditer(t):
        n = number(m["n"])
        if n is not None and groups_free(ctx, m, "n"):
            ctx.claim(*m.span())
            ctx.put("height_cm", round(n * 100 if n < 3 else n, 1), m.start(), factor=100.0 if n < 3 else 1.0)


_RX_STONE = re.compile(rf"(?P<st>{NUM})\s*(?P<unit>stones?|st)\.?(?![a-z])(?:\s*(?:and\s+)?(?P<lb>\d{{1,2}}"
                       rf"(?:\.\d+)?)\s*(?:lbs?|pounds?)?(?![a-z\d]))?", F)
_RX_WEIGHT = re.compile(rf"(?P<n>{NUM})\s*(?:多|来|左右)?\s*(?P<u>{WUNIT})", F)
_RX_NOT_BEFORE_WEIGHT = re.compile(r"(?<![a-z])(?:not|isn'?t|never)\s*$|不是\s*$|没有\s*$", F)


def weights(ctx: Ctx) -> None:
    """kg, lb, 斤, stone ("11 st 4 lb") -> weight_kg."""
    t = ctx.text
    for m in _RX_STONE.finditer(t):
        if not groups_free(ctx, m, "st", "lb"):
            continue
        st = number(m["st"])
        if st is None:
            continue
        # "21st" is an ordinal, "11st" is a weight
        if m["unit"] == "st" and not m["lb"] and t[m.end("st") - 1:m.start("unit")].isdigit() and \
                st % 10 == 1 and st % 100 != 11:
            continue
        ctx.claim(*m.span())
        ctx.put("weight_kg", stone_to_kg(st, float(m["lb"]) if m["lb"] else 0.0), m.start(), factor=LB_KG)
    for m in _RX_WEIGHT.finditer(t):
        if not groups_free(ctx, m, "n"):
            continue
        n = number(m["n"])
        if n is None:
            continue
        ctx.claim(*m.span())
        factor = WEIGHT_UNITS[m["u"]]
        if _RX_NOT_BEFORE_WEIGHT.search(t[max(0, m.start() - 10):m.start()]):
            continue  # "78 kg, not 80 kg"
        ctx.put("weight_kg", round(n * factor, 1), m.start(), factor=factor)


_RX_BF = [re.compile(p, F) for p in (
    rf"(?P<n>{DNUM})\s*%\s*(?:body\s*fat|bf|fat|体脂(?:率)?)(?![a-z])",
    rf"(?:(?<![a-z])(?:body\s*-?\s*fat|bf)(?:\s+(?:percentage|percent|pct|level|%))?|体脂(?:肪)?(?:率)?)"
    rf"{FILLER}(?P<n>{DNUM})\s*%?",
)]
_RX_BF_GOAL = re.compile(r"(?<![a-z])(?:lose|losing|drop|reduce|cut|burn|get|reach|down|to|under|below|"
                         r"target|goal|aim|want)(?![a-z])\s*(?:my\s+)?(?:body\s*fat\s+)?(?:about|around|~)?\s*$|"
                         r"(?:减|降|到|目标|减少)\s*$", F)
_RX_BPM = re.compile(rf"(?P<n>{DNUM})\s*(?:bpm|beats?\s*(?:per|a|/)\s*min(?:ute)?|次/分(?:钟)?|次每分钟)", F)
_RX_HR_KW = re.compile(rf"(?:(?<![a-z])(?:resting\s+(?:heart\s*rate|hr|pulse)|rhr|heart\s*rate|pulse|hr|"
                       rf"resting)(?![a-z])|静息心率|安静心率|静息脉搏|晨脉|心率|脉搏){FILLER}(?P<n>{DNUM})", F)
_RX_BPM_AFTER = re.compile(r"\s*(?:bpm|次)", F)
_RX_HR_NOT = re.compile(r"(?<![a-z])(?:max|maximum|peak|target|during|zone|training|running|exercise|"
                        r"workouts?)(?![a-z])|"
                        r"最大|最高|运动时|跑步时|训练时", F)


def body_fat_and_pulse(ctx: Ctx) -> None:
    """Body-fat percentage and resting heart rate."""
    t = ctx.text
    for rx in _RX_BF:
        for m in rx.finditer(t):
            n = number(m["n"])
            if n is not None and groups_free(ctx, m, "n") and not OTHER_UNIT_AFTER.match(t, m.end()):
                ctx.claim(*m.span())
                if _RX_BF_GOAL.search(t, max(0, m.start() - 25), m.start()):
                    continue  # "lose 5% body fat" is a goal, not a reading
                ctx.put("body_fat_pct", round(n, 1), m.start(), factor=1.0)
    for rx in (_RX_BPM, _RX_HR_KW):
        for m in rx.finditer(t):
            n = number(m["n"])
            if n is None or not groups_free(ctx, m, "n"):
                continue
            lo, _ = ctx.segment(m.start())
            if _RX_HR_NOT.search(t[lo:m.end()]):
                ctx.claim(*m.span("n"))
                continue
            if rx is _RX_HR_KW and OTHER_UNIT_AFTER.match(t, m.end()) and not _RX_BPM_AFTER.match(t, m.end()):
                continue
            ctx.claim(*m.span())
            ctx.put("resting_hr", round_half_up(n), m.start(), factor=1.0)


_RX_AGES = [re.compile(p, F) for p in (
    rf"(?P<n>{NUM})\s*-?\s*(?:years?|yrs?|y)\s*-?\s*(?:old|of\s+age)(?![a-z])",
    rf"(?P<n>{NUM})\s*(?:yo|y/o|y\.o\.?)(?![a-z])",
    rf"(?<![a-z])(?:age[ds]?|aged)(?![a-z])\s*(?::|is|of|=|-)?\s*(?P<n>{NUM})(?!\s*(?:%|kg|lb|cm))",
    r"(?P<n>(?<![\d.])\d+)\s*(?:周岁|岁|歲)",
    r"(?:今年|年龄|年纪|年齡)\s*(?:是|有|:)?\s*(?P<n>(?<![\d.])\d+)(?!\s*(?:年|月|公斤|斤|kg|%))",
    # "female, 26" / "26/M" / "女，32": a sex word next to a two-digit number is an age
    r"(?:(?<![a-z])(?:male|female|man|woman|guy|girl|m|f)(?![a-z])|男|女)\s*[,/]\s*(?P<n>(?<![\d.])\d{2})"
    r"(?![\d.]|\s*(?:%|kg|kgs|lbs?|cm|岁|公斤|斤|千克|厘米|公分|kilos?|pounds?|bpm))",
    r"(?P<n>(?<![\d.])\d{2})\s*[,/]\s*(?:(?:male|female|m|f)(?![a-z])|男|女)",
)]
_RX_BORN = re.compile(r"(?<![a-z])born\s+(?:in\s+)?(?:(?:" + "|".join(MONTHS) + r")\s+)?(?P<y>(?:19|20)\d\d)(?!\d)"
                      r"|(?P<y2>(?:19|20)\d\d)\s*年?\s*(?:出生|生)|出生(?:于|在|年份)?\s*(?:是)?\s*(?P<y3>(?:19|20)\d\d)", F)
_RX_AGE_SEX_RAW = re.compile(r"(?<![A-Za-z\d.])(?P<n>\d{2})\s?/?\s?(?P<s>[MF])(?![A-Za-z])|"
                             r"(?<![A-Za-z\d])(?P<s2>[MF])\s?/?\s?(?P<n2>\d{2})(?![\d.]|\s*(?:kg|lb|cm))")


def ages(ctx: Ctx) -> None:
    """"34 years old", "age 34", "34岁", "born in 1990", "34M"."""
    t = ctx.text
    for rx in _RX_AGES:
        for m in rx.finditer(t):
            n = number(m["n"])
            if n is not None and groups_free(ctx, m, "n"):
                ctx.claim(*m.span())
                ctx.put("age", round_half_up(n), m.start(), factor=1.0)
    for m in _RX_BORN.finditer(t):
        g = "y" if m["y"] else "y2" if m["y2"] else "y3"
        if groups_free(ctx, m, g):
            ctx.claim(*m.span())
            ctx.put("age", ctx.today.year - int(m[g]), m.start())
    for m in _RX_AGE_SEX_RAW.finditer(ctx.raw):
        n, s = (m["n"], m["s"]) if m["n"] else (m["n2"], m["s2"])
        span = m.span("n") if m["n"] else m.span("n2")
        if ctx.free(*span):
            ctx.claim(*m.span())
            ctx.put("age", int(n), m.start(), factor=1.0)
            ctx.put("sex", "male" if s == "M" else "female", m.start())


_KEYWORD_BARE: list[tuple[str, re.Pattern[str]]] = [
    ("weight_kg", re.compile(rf"(?:(?<![a-z])(?:weight|weigh|weighing|body\s*weight|bw|wt)"
                             rf"(?!\s*(?:training|lifting|loss|gain|bench|vest|s\b|goal|target))(?![a-z])|体重)"
                             rf"{FILLER}(?P<n>{DNUM})", F)),
    ("height_cm", re.compile(rf"(?:(?<![a-z])(?:height|ht)(?![a-z])|身高|个子|个头){FILLER}(?P<n>{DNUM})", F)),
    ("bp_systolic", re.compile(rf"(?:(?<![a-z])systolic(?![a-z])|收缩压|高压){FILLER}(?P<n>{DNUM})", F)),
    ("bp_diastolic", re.compile(rf"(?:(?<![a-z])diastolic(?![a-z])|舒张压|低压){FILLER}(?P<n>{DNUM})", F)),
]
_BARE_OK_AFTER = re.compile(r"\s*(?:多|左右|上下|来)", F)
_RX_IM_AGE = re.compile(rf"(?<![a-z])(?:i'?m|i\s+am|im)\s+(?:only\s+|just\s+|now\s+|about\s+|almost\s+|"
                        rf"nearly\s+|turning\s+|currently\s+|actually\s+|really\s+)?(?P<n>{NUM})"
                        rf"(?=\s*(?:$|[,.;!?()&+/-]|(?:and|but|with|now|so|male|female|man|woman|guy|girl|lady|"
                        rf"years?|[mf]|btw|lol|haha|tho|though|too|old|next|soon|also|already|yet)(?![a-z])|"
                        rf"this\s+year))", F)
CORRECTION = re.compile(
    rf"(?:(?<![a-z])(?:actually|sorry|i\s+meant|i\s+mean|meant|make\s+that|correction|no\s+wait|"
    rf"wait|oops|rather|typo)(?![a-z])|不对|应该是|其实是|我是说|更正|说错了|打错了|"
    rf"(?P<now>(?<![a-z])(?:now|currently|these\s+days|today)(?![a-z])|现在|目前))[\s,:;.!-]*"
    rf"(?:(?:it'?s|i'?m|i\s+am|is|was|是|我是|实际是)\s*)?(?:{APPROX}\s*)?(?P<n>{DNUM})", F)


def bare_numbers(ctx: Ctx) -> None:
    """Numbers made clear by a keyword ("体重75", "height 180")."""
    t = ctx.text
    for name, rx in _KEYWORD_BARE:
        for m in rx.finditer(t):
            n = number(m["n"])
            if n is None or not groups_free(ctx, m, "n"):
                continue
            if OTHER_UNIT_AFTER.match(t, m.end()) and not _BARE_OK_AFTER.match(t, m.end()):
                continue
            ctx.claim(*m.span("n"))
            if name == "height_cm":
                ctx.put(name, round(n * 100 if n < 3 else n, 1), m.start(), factor=100.0 if n < 3 else 1.0)
            elif name == "weight_kg":
                factor = ctx.bare_weight_factor(m.start("n"))
                if factor is not None:
                    ctx.put(name, round(n * factor, 1), m.start(), factor=factor)
            else:
                ctx.put(name, round_half_up(n), m.start(), factor=1.0)


def im_age(ctx: Ctx) -> None:
    """"I'm 34" is an age when nothing else claimed the number."""
    for m in _RX_IM_AGE.finditer(ctx.text):
        n = number(m["n"])
        if n is not None and n == int(n) and 0 < n < 120 and groups_free(ctx, m, "n"):
            ctx.claim(*m.span("n"))
            ctx.put("age", int(n), m.start(), personal=False, factor=1.0)  # "I'm" is first person


def corrections(ctx: Ctx) -> None:
    """"80 kg... actually 78": a bare number after a correction word updates the last unit-bearing value."""
    for m in CORRECTION.finditer(ctx.text):
        if not groups_free(ctx, m, "n") or OTHER_UNIT_AFTER.match(ctx.text, m.end()):
            continue
        log = ctx.past_log if m["now"] else ctx.unit_log
        before = [entry for entry in log if entry[0] < m.start()]
        n = number(m["n"])
        if not before or n is None:
            continue
        _, name, factor = before[-1]
        ctx.claim(*m.span("n"))
        value = n * factor
        ctx.put(name, round_half_up(value) if NUMERIC_FIELDS.get(name) is int else round(value, 1), m.start())

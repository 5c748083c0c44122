"""Messages that tell a change without giving the new value, or that sound like a fact and are not one yet.

- A weight change relative to before: "I'm 2 kg lighter than last month", "lost another kilo this week!", "gained
  about 3 kg over the holidays", "瘦了2公斤", "胖了三斤" → the change in kg (+ heavier, - lighter). A change someone
  wants ("I want to lose 5 kg") is a target and is not read here.
- A condition only suspected: "I think I might have high blood pressure", "maybe I'm diabetic", "我可能有高血压" →
  nothing is a diagnosis until a doctor says so.
- Time away: "I'm going on holiday for 2 weeks", "away on a trip next week", "下周去旅游两周" → an offer to pause,
  never a target date.
- The usual session length changed for good: "can you make the sessions shorter, like 30 min?", "以后每次练30分钟"
  → minutes per session (None when no number was given); "only 20 minutes today" is short on time today instead.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date, timedelta

from coach.intake.effort_request import effort_request
from coach.intake.intent_exercises import find_exercise
from coach.intake.lexicon_health import ILL_CAUGHT_EN, ILL_STATE_EN, ILLNESS_EN, ILLNESS_ZH
from coach.intake.numbers import NUM, convert_cn_numerals, normalize, number
from coach.intake.others import told_past
from coach.intake.pause_dates import resume_day
from coach.intake.units import WEIGHT_UNITS

F = re.I
_W_UNIT = "|".join(re.escape(u) for u in sorted(WEIGHT_UNITS, key=len, reverse=True))
_AMOUNT = rf"(?:about\s+|around\s+|roughly\s+|maybe\s+|like\s+|nearly\s+|almost\s+|over\s+|another\s+|an?\s+extra\s+)?" \
          rf"(?P<n>{NUM}|an?|half\s+a|another)\s*(?P<u>{_W_UNIT}|kilos?)(?![a-z])"
# "2 kg lighter", "lost 2 kg", "down 1.5 kg", "put on 3 kilos", "gained weight ... maybe 3 kg"
_EN_AFTER = re.compile(rf"{_AMOUNT}\s+(?P<dir>lighter|heavier|less|more|down|up|off)(?![a-z])", F)
_EN_BEFORE = re.compile(
    rf"(?<![a-z])(?P<dir>lost|dropped|shed|gained|put\s+on|added|down|up)(?!\s+to(?![a-z]))\s+"
    rf"(?:(?:some\s+)?weight\s*[,:]?\s*)?(?:[a-z]+,?\s+){{0,4}}?{_AMOUNT}", F)
_ZH = re.compile(rf"(?P<dir>瘦了|轻了|掉了|减了|少了|降了|胖了|重了|长了|增了|多了|涨了)\s*(?:大概|大约|差不多|约)?\s*"
                 rf"(?P<n>\d+(?:\.\d+)?|半)\s*(?P<u>公斤|千克|斤|kg)")
# a load on the bar, not the body: "5 kg more on squats", "dropped 10 kg on the deadlift"
_LIFTING = re.compile(r"(?<![a-z])(?:dumbbells?|barbells?|kettlebells?|plates?|bar|load|lift(?:ed|ing)?|squats?|bench|"
                      r"press|deadlifts?|rows?|curls?|reps?|sets?|pack|bag|luggage)(?![a-z])|杠铃|哑铃|壶铃|深蹲|卧推|硬拉|重量", F)
_DOWN = ("lighter", "less", "down", "off", "lost", "dropped", "shed", "瘦了", "轻了", "掉了", "减了", "少了", "降了")
# wanting, planning or asking: a target ("I want to lose 5 kg", "can I lose 2 kg a week?", "想瘦5公斤")
_WANT = re.compile(r"(?<![a-z])(?:want|wanna|would\s+like|'d\s+like|need|plan|planning|hope|hoping|trying\s+to|try\s+to|"
                   r"goal|target|aim|aiming|can\s+i|could\s+i|should\s+i|how\s+(?:do|can|long|much)|will\s+i|"
                   r"to\s+(?:lose|gain|drop)|if\s+i)(?![a-z])|想|要|希望|目标|打算|计划|能不能|可以|怎么|如何|多久|\?|？", F)


def _says(rx: re.Pattern[str], text: str, limit: int | None = 300) -> bool:
    """Whether `rx` finds its words in the normalised, lower-cased message (none in one over `limit` characters)."""
    return isinstance(text, str) and (limit is None or len(text) <= limit) and bool(rx.search(normalize(text)[1]))


def weight_change_kg(text: str) -> float | None:
    """The change in body weight a message reports (kg; negative = lighter), or None."""
    if not isinstance(text, str) or not text.strip() or len(text) > 300:
        return None
    cased, low = normalize(text)
    if _WANT.search(low) or _LIFTING.search(low) or find_exercise(text, fuzzy=False):
        return None
    if told_past(re.sub(r"(?:than|since|from|compared\s+(?:to|with))\s+last\s+\w+|比上个?(?:月|周|星期|次)", " ", low)):
        return None  # "I lost 10 kg last year", "I used to be 5 kg lighter": history, not today's weight
    low = convert_cn_numerals(low)
    m = _EN_AFTER.search(low) or _EN_BEFORE.search(low) or _ZH.search(low)
    if m is None:
        return None
    raw = m["n"].strip()
    n = 1.0 if raw in ("a", "an", "another") else 0.5 if raw in ("half a", "半") else number(raw)
    unit = m["u"].lower()
    factor = WEIGHT_UNITS.get(unit) or (1.0 if unit.startswith("kilo") else None)
    if n is None or factor is None or not 0 < n * factor <= 30:
        return None
    kg = round(n * factor, 1)
    return -kg if re.sub(r"\s+", " ", m["dir"]) in _DOWN else kg


_HEDGE = re.compile(
    r"(?<![a-z])(?:might|may|could)\s+(?:have|be|get)|(?:think|guess|suspect|wonder\s+if|worried|afraid|not\s+sure\s+if|"
    r"feel\s+like)\s+(?:that\s+)?i\s+(?:might\s+|may\s+|could\s+)?(?:have|am|'m|be)|i\s+suspect|maybe\s+i|"
    r"possibly|probably\s+have|perhaps|(?:do|could|can)\s+i\s+have|am\s+i|is\s+it\s+possible|undiagnosed|"
    r"not\s+(?:been\s+)?diagnosed|never\s+(?:been\s+)?(?:diagnosed|checked|tested)(?![a-z])|可能|也许|好像|怀疑|担心|"
    r"会不会|是不是|不确定|没(?:去)?(?:确诊|检查)", F)


def hedged(text: str) -> bool:
    """The message only suspects what it names ("I think I might have high blood pressure", "我可能有糖尿病")."""
    return _says(_HEDGE, text, None)


_AWAY = re.compile(r"(?<![a-z])(?:holiday|holidays|vacation|trip|travell?ing|away|abroad|out\s+of\s+town|hotel|"
                   r"business\s+trip|camping|honeymoon)(?![a-z])|旅游|旅行|度假|出差|出国|出门|回老家|不在家|放假", F)
_PAUSE_WORD = re.compile(r"(?<![a-z])(?:pause|stop|hold|mute|don'?t\s+send|no\s+(?:more\s+)?reminders)(?![a-z])|"
                         r"暂停|别发|不要发|别提醒|不要提醒", F)


def away(text: str) -> bool:
    """Time away is told ("going on holiday for 2 weeks", "下周出差"), with no pause asked for in so many words."""
    if not isinstance(text, str) or len(text) > 300:
        return False
    low = normalize(text)[1]
    low = re.sub(r"(?<![a-z])(?:gave|give|giving|given|threw|throw|thrown|put|far|right|straight|passed|fade[ds]?)\s+away"
                 r"(?![a-z])", " ", low)  # "gave away my dumbbells": no time away
    if re.search(r"(?<![a-z])(?:back\s+from|got\s+back|i'?m\s+back|came\s+back|returned|what\s+if|if\s+i)(?![a-z])|回来|"
                 r"如果|万一|要是", low):
        return False  # "back from holiday", "what if I get injured on holiday"
    return bool(_AWAY.search(low)) and not _PAUSE_WORD.search(low)


@dataclass(frozen=True)
class SessionLength:
    """The usual session length asked to change: minutes when named, else which way (-1 shorter, +1 longer)."""

    minutes: int | None
    direction: int


_SESSIONS = r"(?:sessions|workouts|trainings|training\s+sessions|each\s+session|every\s+session|my\s+session|the\s+session)"
_CHANGE_EN = re.compile(
    rf"(?<![a-z])(?:make|keep|can|could|would|want|prefer|let'?s|set|change|cut|shorten|lengthen|have)\b[^.?!]{{0,30}}"
    rf"{_SESSIONS}[^.?!]{{0,20}}?(?P<dir>shorter|longer|quicker|less\s+long|to|at|of|be|last)?(?![a-z])"
    r"|(?:shorter|longer|quicker)\s+" + _SESSIONS, F)
_MIN = re.compile(rf"(?P<n>{NUM}|half\s+an)\s*-?\s*(?P<u>minutes?|mins?|hours?|hrs?|h)(?![a-z])", F)
_ZH_CHANGE = re.compile(r"(?:以后|今后|从现在起|每次|每节|每堂)[^。！？]{0,8}?(?:练|训练|锻炼)?[^。！？]{0,4}?"
                        r"(?P<n>\d+(?:\.\d+)?|半)\s*(?:个)?\s*(?P<u>分钟|小时)|(?:训练|课)(?:时间)?(?P<dir>短|长)(?:一|1)?(?:点|些)")


def session_length_change(text: str) -> SessionLength | None:
    """The usual length of every session asked to change, or None (today's time is short_time's)."""
    if not isinstance(text, str) or len(text) > 300:
        return None
    cased, low = normalize(text)
    if re.search(r"(?<![a-z])(?:today|tonight|right\s+now)(?![a-z])|今天|今晚", low):
        return None
    m = _CHANGE_EN.search(low)
    zh = _ZH_CHANGE.search(convert_cn_numerals(cased)) if m is None else None
    if m is None and zh is None:
        return None
    if zh is not None and zh["n"]:
        n = 0.5 if zh["n"] == "半" else number(zh["n"])
        minutes = round(n * 60) if zh["u"] == "小时" else round(n)
        return SessionLength(minutes, 0) if 5 <= minutes <= 240 else None
    if zh is not None:
        return SessionLength(None, -1 if zh["dir"] == "短" else 1)
    amount = _MIN.search(low)
    if amount is not None:
        raw = amount["n"]
        n = 0.5 if raw.startswith("half") else number(raw)
        minutes = round(n * 60) if n is not None and amount["u"].startswith("h") else n
        return SessionLength(int(round(minutes)), 0) if minutes and 5 <= minutes <= 240 else None
    if re.search(r"shorter|quicker|less\s+long|shorten|(?<![a-z])cut", low):
        return SessionLength(None, -1)
    if re.search(r"longer|lengthen", low):
        return SessionLength(None, 1)
    return None


_ASK_SESSION = re.compile(
    r"(?<![a-z])(?:what(?:'s|\s+is|\s+are|\s+am|\s+do|\s+should)?|whats|wuts|wat|show(?:\s+me)?|which|any|is\s+there|do\s+i\s+have|"
    r"have\s+i\s+got|tell\s+me)(?![a-z])[^.!]{0,40}?(?<![a-z])(?:plan|planned|workout|session|training|train|doing|do|"
    r"on\s+the\s+menu|lifting|running|exercise)(?![a-z])|"
    r"(?:练什么|练啥|训练什么|做什么|干什么|的训练|的计划|有训练|要练|练不练|安排|有课)", F)
_ASK_DAY = re.compile(r"^\W*(?:(?:so|ok|hey|yo)\W+)?(?:coach\W+)?(?:what'?s|whats|what\s+is|wuts|wats?)\s+(?:on\s+)?(?:for\s+)?"
                      r"(?:today|tonight|tomorrow|tmrw|tmr|(?:this\s+|next\s+)?(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*)\W*$", F)
_REL_DAY = re.compile(r"(?<![a-z])(?P<rel>today|tonight|tomorrow|tmrw|tmr|2day|2nite|2morrow|day\s+after\s+tomorrow)(?![a-z])|"
                      r"(?P<zh>后天|明天|今天|今晚)", F)
_ASKED_BEFORE = re.compile(r"(?<![a-z])(?:did|was|were|yesterday|last)(?![a-z])|昨天|上周", F)


def asked_day(text: str, today: date) -> date | None:
    """The day a question about the coming sessions names ("what's my plan for tomorrow?", "周五练什么"), or None;
    a weekday is read as pauses read it (coach.intake.pause_dates: "next Monday" in next week, a bare one next)."""
    if not isinstance(text, str) or len(text) > 200:
        return None
    low = normalize(text)[1]
    if not (_ASK_SESSION.search(low) or _ASK_DAY.search(low)) or _ASKED_BEFORE.search(low):
        return None
    if effort_request(text) is not None or asks_move(text):  # "今天的训练太长了", "把今天的训练改到周五": no question
        return None
    m = _REL_DAY.search(low)
    if m is None:
        return resume_day(unicodedata.normalize("NFKC", text).lower(), today)
    rel = m.group("rel") or m.group("zh")
    if rel in ("today", "tonight", "2day", "2nite", "今天", "今晚"):
        return today
    return today + timedelta(days=2 if rel.startswith("day") or rel == "后天" else 1)


_BP_EMERGENCY = re.compile(r"(?<![a-z])(?:headaches?|head\s+(?:hurts|is\s+pounding|pounding)|migraine|vision|blurr?y|"
                           r"blurred|seeing\s+spots|confus(?:ed|ion)|numb(?:ness)?|weak(?:ness)?|can'?t\s+(?:see|speak|talk)|"
                           r"slurred|nosebleed|nose\s+bleed|chest|breathless|short\s+of\s+breath|vomit(?:ing)?|"
                           r"nause(?:a|ous))(?![a-z])|头疼|头痛|头晕|视力|看不清|眼花|模糊|意识不清|麻木|无力|流鼻血|胸痛|胸闷|"
                           r"喘不上气|呕吐|恶心", F)


def bp_emergency_words(text: str) -> bool:
    """A symptom that, with a blood pressure in the crisis band, can mean a hypertensive emergency."""
    return _says(_BP_EMERGENCY, text, None)


_UNWELL = re.compile(rf"(?<![a-z])(?:{ILL_CAUGHT_EN}|(?:i'?m|i\s+am|feeling|feel)\s+(?:a\s+bit\s+|really\s+|so\s+)?"
                     rf"{ILL_STATE_EN}|{ILLNESS_EN})(?![a-z])|{ILLNESS_ZH}", F)


def unwell(text: str) -> bool:
    """The person says they are ill ("I'm sick with a cold", "我感冒了，还能练吗"): the illness advice, not "go ahead"."""
    return _says(_UNWELL, text)


_TARGET_Q = re.compile(
    r"(?<![a-z])(?:realistic|achievable|attainable|possible|doable|reasonable|healthy|safe|too\s+(?:ambitious|much|low|"
    r"fast)|feasible)(?![a-z])[^.!]{0,40}(?:target|goal|kg|kilos?|lbs?|pounds?|weight)|(?<![a-z])(?:target|goal|weight)"
    r"[^.!]{0,30}(?:realistic|achievable|attainable|possible|doable|reasonable|feasible)(?![a-z])|"
    r"(?<![a-z])(?:can|could|will)\s+i\s+(?:really\s+)?(?:reach|hit|get\s+(?:down\s+|up\s+)?to|make\s+it\s+to|"
    r"be)\s+[^.!?]{0,20}?\d|how\s+long\s+(?:will\s+it\s+take|would\s+it\s+take|until\s+(?:i\s+(?:reach|hit|get\s+(?:down\s+)?to|"
    r"weigh|am\s+\d|lose|drop)|my\s+(?:target|goal))|to\s+(?:reach|get\s+to|hit|lose|gain))|when\s+will\s+i\s+(?:reach|hit|get\s+to|be\s+at)|"
    r"(?:目标|减到|瘦到|增到|练到)[^。！]{0,12}(?:现实|合理|可能|实际|靠谱|能不能|行不行|多久|要多长时间|吗)|"
    r"(?:多久|多长时间|什么时候)[^。！]{0,8}(?:减到|瘦到|增到|(?:达到|到)\s*\d|减|瘦|增|长(?:到|胖|肉))", F)
_KG = re.compile(rf"(?P<n>\d+(?:\.\d+)?)\s*(?P<u>{_W_UNIT}|kilos?)?(?![\d.])", F)


@dataclass(frozen=True)
class TargetQuestion:
    """A question about a weight target: the target named (kg), or a change named (kg, - to lose), or neither."""

    target_kg: float | None = None
    change_kg: float | None = None


_CHANGE_ASKED = re.compile(rf"(?P<dir>lose|losing|drop|gain|gaining|put\s+on|减|瘦|增|长)\s*(?:another\s+)?(?P<n>\d+(?:\.\d+)?)\s*"
                           rf"(?P<u>{_W_UNIT}|kilos?)?", F)


def asks_target(text: str) -> TargetQuestion | None:
    """A question whether a weight target is realistic or how long it takes ("is 72 kg a realistic target?",
    "how long will it take to lose 10 kg?", "多久能减到65公斤"), or None when the message asks no such thing."""
    if not isinstance(text, str) or len(text) > 300:
        return None
    cased, low = normalize(text)
    low = convert_cn_numerals(low)
    if not _TARGET_Q.search(low) or re.search(r"(?<![a-z])(?:bench|squat|deadlift|press|lift|dumbbell|barbell)|卧推|深蹲", low):
        return None
    if re.search(r"(?<![a-z])(?:blood\s+pressure|bp|heart\s+rate|pulse|steps|minutes?|km|miles?)(?![a-z])|血压|心率|步|公里", low):
        return None
    change = _CHANGE_ASKED.search(low)
    if change and not re.match(r"\s*(?:到|to)", low[change.end("dir"):]):
        kg = float(change["n"]) * (WEIGHT_UNITS.get((change["u"] or "kg").lower()) or 1.0)
        if 0 < kg <= 60:
            return TargetQuestion(change_kg=round(-kg if change["dir"][0] in "ld减瘦" else kg, 1))
    for m in _KG.finditer(low):
        kg = float(m["n"]) * (WEIGHT_UNITS.get((m["u"] or "kg").lower()) or 1.0)
        if 25 <= kg <= 300:
            return TargetQuestion(target_kg=round(kg, 1))
    return TargetQuestion()


_WHY_PLAN = re.compile(
    r"(?<![a-z])why\s+(?:is|are|does|do)\s+(?:my|the|this)\s+(?:plan|sessions?|workouts?|training|program(?:me)?)[^.!]{0,30}?"
    r"(?:so\s+|too\s+|this\s+)?(?:easy|hard|light|short|long|little|much|slow|boring|gentle|few|many)|"
    r"(?<![a-z])why\s+(?:so\s+)?(?:few|little|easy|light)\s+(?:sessions?|workouts?|sets|exercises|minutes)|"
    r"为什么[^。！]{0,8}(?:计划|训练|课)[^。！]{0,6}(?:这么|那么|太)?(?:简单|轻松|少|短|难|累|多|长)", F)


def asks_why_plan(text: str) -> bool:
    """"Why is my plan so easy?", "为什么训练这么少": the plan's reasons (/why), not a passage."""
    return _says(_WHY_PLAN, text)


_CHANGE_REQ = re.compile(
    r"(?<![a-z])(?:(?:can|could|would|will)\s+(?:you|we|i)\s+(?:please\s+)?(?:change|make|set|switch|move|update|put|"
    r"increase|decrease|reduce|bump|drop|go\s+(?:to|down\s+to|up\s+to)|train)|please\s+(?:change|make|set|switch|"
    r"update)|i(?:'d|\s+would)\s+like\s+(?:to\s+)?(?:change|switch|train|have|do))(?![a-z])|"
    r"(?:能不能|可不可以|能否|可以|请|帮我|麻烦)[^。？?]{0,16}?(?:改成|改为|调成|调到|换成|变成|设成|设为|增加到|减少到|减到|加到)", F)
_NO_GEAR = re.compile(r"(?<![a-z])(?:(?:have|got)\s+no\s+(?:equipment|gear|weights)|no\s+(?:equipment|gear|weights)\s+at\s+"
                      r"home|(?:don'?t|do\s+not)\s+have\s+any\s+(?:equipment|gear|weights)|(?:only|just)\s+(?:my\s+)?"
                      r"body\s*weight|body\s*weight\s+only|nothing\s+at\s+home)(?![a-z])|(?:没有|没)(?:任何)?(?:器械|器材|"
                      r"设备|哑铃|健身器材)|(?:器械|器材|设备)都没有|只有自重|只能徒手|徒手练", F)


def change_request(text: str) -> bool:
    """A request to change something ("can you change my training to 4 days a week?", "能不能把训练改成每周4天"): read
    for the profile values it names, which are proposed for Yes, not answered as a question."""
    return _says(_CHANGE_REQ, text)


def no_equipment(text: str) -> bool:
    """"I have no equipment at home", "我家里没有器械": bodyweight only (proposed for Yes)."""
    return _says(_NO_GEAR, text)


_PREG_WARN: tuple[tuple[str, re.Pattern[str]], ...] = tuple((code, re.compile(rx, F)) for code, rx in (
    ("vaginal_bleeding", r"(?<![a-z])(?:bleed(?:ing)?|bled|spotting|blood\s+(?:loss|down\s+there))(?![a-z])|流血|出血|见红|流了?[一1]?(?:点|些)血|出了?[一1]?(?:点|些)血"),
    ("fluid_leakage", r"(?<![a-z])(?:waters?\s+(?:(?:are|is|have|has|just)\s+)?(?:broke|broken|breaking|leaking|leak)|leaking\s+(?:fluid|water)|fluid\s+(?:leak\w*|"
                      r"coming\s+out)|gush\s+of\s+(?:fluid|water))(?![a-z])|破水|流液|羊水"),
    ("painful_contractions", r"(?<![a-z])(?:contractions?|regular\s+(?:cramps|tightenings?))(?![a-z])|宫缩"),
    ("vision_change", r"(?<![a-z])(?:blurr?y|blurred|seeing\s+(?:spots|stars|flashes)|vision)(?![a-z])|看东西模糊|视物模糊|"
                      r"眼睛(?:看东西)?模糊|眼前(?:有)?(?:闪光|黑点|冒金星)"),
    ("headache", r"(?<![a-z])(?:headaches?|migraine)(?![a-z])|头痛|头疼"),
    ("calf_pain", r"(?<![a-z])(?:calf|calves)\s+(?:\w+\s+)?(?:pain|hurts?|swollen|swelling|sore|tender)|(?:pain|swelling)\s+"
                  r"in\s+(?:my\s+)?(?:calf|calves)(?![a-z])|小腿(?:又)?(?:疼|痛|肿)"),
))


def pregnancy_warnings(text: str) -> list[str]:
    """ACOG warning signs a pregnant person reports ("had some bleeding this morning", "早上流了点血", "headache and
    blurry vision since yesterday"): symptom codes, none for a question about them or a past pregnancy."""
    if not isinstance(text, str) or len(text) > 400:
        return []
    low = normalize(text)[1]
    if re.search(r"(?<![a-z])(?:what\s+if|if\s+i|should\s+i\s+ever|last\s+pregnancy|my\s+(?:first|last)\s+(?:baby|"
                 r"pregnancy)|nosebleed|nose\s+bleed|gums?\s+bleed\w*)(?![a-z])|如果|万一|要是|鼻子|牙龈|上一胎|上次怀孕", low):
        return []
    return [code for code, rx in _PREG_WARN if rx.search(low)]


_GLUCOSE = re.compile(r"(?<![a-z])(?:blood\s+(?:sugar|glucose)|glucose|bg|sugar(?:s)?)\D{0,12}?(\d{1,3}(?:\.\d)?)\s*"
                      r"(mmol(?:/l)?|mg/?dl)?|血糖\D{0,6}?(\d{1,3}(?:\.\d)?)\s*(mmol(?:/l)?|mg/?dl)?", F)


def glucose_mmol(text: str) -> float | None:
    """A blood glucose in the message, in mmol/L (mg/dL when it says so or the number is over 35), or None."""
    if not isinstance(text, str) or len(text) > 300:
        return None
    m = _GLUCOSE.search(normalize(text)[1])
    if m is None:
        return None
    raw, unit = (m.group(1), m.group(2)) if m.group(1) else (m.group(3), m.group(4))
    value = float(raw)
    if (unit or "").startswith("mg") or value > 35:
        value = value / 18.0
    return round(value, 1) if 1.0 <= value <= 35 else None


_AT_REST = re.compile(r"(?<![a-z])(?:sitting|sat|at\s+rest|resting|lying|in\s+bed|not\s+moving|doing\s+nothing|on\s+the\s+"
                      r"(?:sofa|couch))(?![a-z])|坐着|静坐|休息(?:时|的时候)?|不动|躺着|安静", F)
_PULSE = re.compile(r"(?<![a-z])(?:heart\s*rate|pulse|hr|heart\s+(?:is\s+)?(?:at|beating))\D{0,15}?(\d{2,3})(?!\d)|"
                    r"(?:心跳|心率|脉搏)\D{0,6}?(\d{2,3})(?!\d)", F)


def racing_at_rest(text: str) -> bool:
    """A heart rate over 100 told at rest ("坐着不动心跳150", "sitting on the couch and my pulse is 125"): a warning sign,
    however the number compares with the resting heart rate's stored range."""
    if not isinstance(text, str) or len(text) > 300:
        return False
    low = normalize(text)[1]
    m = _PULSE.search(low)
    return bool(m and _AT_REST.search(low) and int(m.group(1) or m.group(2)) > 100)


_DELETE = re.compile(r"(?<![a-z])(?:delete|erase|remove|wipe)\s+(?:all\s+)?(?:of\s+)?(?:my\s+)?(?:data|account|profile|"
                     r"everything|information|info|history)(?![a-z])|删除(?:我的)?(?:所有)?(?:数据|账号|账户|资料|信息|记录)|注销", F)


def asks_delete(text: str) -> bool:
    """"delete my data", "删除我的数据": pointed to /delete (which asks to confirm); never done from free text."""
    return _says(_DELETE, text, 200)


_DATA = r"(?:my\s+|the\s+|our\s+)?(?:health\s+|personal\s+)?(?:data|info|information|details|records|profile)"
_ACCESS = re.compile(
    rf"(?<![a-z])(?:who|anyone|anybody|someone|people|others?|coach(?:es)?|you)\s+(?:else\s+)?(?:can|could|will|does|do|"
    rf"is\s+able\s+to|gets?\s+to)\s+(?:see|read|access|view|look\s+at|get)\s+{_DATA}(?![a-z])|(?<![a-z])(?:is|are)\s+"
    rf"{_DATA}\s+(?:shared|sold|private|safe|secure|encrypted|stored|kept)|(?:share|sell|store|keep|protect|use)\s+{_DATA}"
    r"(?![a-z])[^.!]{0,30}\?|(?<![a-z])(?:privacy|data\s+protection|gdpr)(?![a-z])|谁(?:能|可以|会)(?:看|查看|看到|访问)|"
    r"隐私|(?:数据|信息|资料)(?:安全|共享|分享|卖|泄露|加密|存在哪|保存在哪|会被)|(?:看到|看见|访问|分享|共享|卖)(?:我的)?(?:数据|信息|资料)", F)


def asks_data_access(text: str) -> bool:
    """"who can see my data?", "is my data shared with anyone?", "谁能看到我的数据": what is stored and who sees it."""
    return _says(_ACCESS, text, 200)


_DAYS = (r"(?:today|tomorrow|tonight|tmrw|(?:next\s+|this\s+)?(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?|"
         r"the\s+weekend|another\s+day|later(?:\s+in\s+the\s+week)?)")
_MOVE = re.compile(
    rf"(?<![a-z])(?:move|moving|reschedule|shift|swap|push|postpone|change)\s+(?:my\s+|the\s+|today'?s\s+|this\s+)?"
    rf"(?:session|workout|training|run|it|today|today'?s\s+(?:session|workout|training))?\s*(?:to|until|till|for|back\s+to)\s+"
    rf"{_DAYS}(?![a-z])|(?<![a-z])(?:do|train|work\s*out)\s+(?:(?:the|my|today'?s)\s+(?:session|workout|training)\s+|it\s+)?"
    rf"{_DAYS}\s+instead(?![a-z])|(?:改到|挪到|换到|推到|移到|调到)(?:明天|后天|周[一二三四五六日天1-7]|星期[一二三四五六日天1-7]|下周|周末)", F)


def asks_move(text: str) -> bool:
    """"move today's session to friday", "can I do the workout tomorrow instead", "把今天的训练改到周五": a session
    moved to another day (which the coach cannot do), never a log of today's."""
    return _says(_MOVE, text, 200)


"""Messages that amend what was just said, or say how far to go from where one is now.

- The unit meant for the number just given: "oops I meant pounds", "sorry, that was in lbs", "我说的是斤" → "lb" /
  "jin" / "kg" (the value is converted where it is stored or proposed; a message with a number of its own is a new
  value instead, read elsewhere).
- A further change of body weight wanted: "lose 5 more kg", "another 3 kg to go", "再减5公斤", "还想再瘦4斤" → the
  change in kg (negative to lose), a target counted from the current weight.
- Breathlessness on exertion ("a bit out of breath on hills", "爬坡有点喘"): expected in pregnancy; the warning sign
  is breathlessness before exertion or at rest (ACOG, kb-pregnancy-007), or with chest pain or dizziness.
"""
from __future__ import annotations

import re

from coach.intake.numbers import NUM, normalize, number
from coach.intake.units import WEIGHT_UNITS

F = re.I
_UNIT_WORDS = (("lb", r"pounds?|lbs?|磅"), ("jin", r"斤|市斤|(?<![a-z])jin(?![a-z])"), ("kg", r"kilos?|kilograms?|kgs?|公斤|千克"))
_UNIT = re.compile("|".join(rf"(?P<{u}>{w})" for u, w in _UNIT_WORDS), F)
# the words that say a unit was meant for what was just sent, not a new value
_MEANT = re.compile(
    r"(?<![a-z])(?:meant|mean|was\s+(?:in|using)|(?:that|it|this)(?:\s+(?:number|value|one|weight))?\s+(?:was|is|'s)|those\s+were|were\s+in|it'?s\s+in|that'?s\s+in|is\s+in|in\s+(?:pounds|lbs?|kilos?|"
    r"kg)\s*(?:not|,|!|\.|$)|not\s+(?:in\s+)?(?:kg|kilos?|pounds|lbs?)|wrong\s+unit|w?h?oops|sorry|my\s+bad|typo|"
    r"(?:pounds|lbs?|kilos?|kg)\s+(?:not|actually|obviously|i\s+mean))(?![a-z])|说的是|指的是|是说|单位|不是公斤|"
    r"不是斤|不是磅|写的是|打的是|用的是|是斤|是磅|是公斤|按斤|按磅", F)


def unit_meant(text: str) -> str | None:
    """The weight unit the person says the number they just sent was in ("lb", "jin", "kg"), or None."""
    if not isinstance(text, str) or len(text) > 120:
        return None
    low = normalize(text)[1]
    if re.search(r"\d", low) or not _MEANT.search(low):
        return None
    if re.search(r"(?<![a-z])(?:from\s+now\s+on|going\s+forward|in\s+(?:the\s+)?future|always|prefer)(?![a-z])|以后|今后|"
                 r"习惯|喜欢", low):
        return None  # "sorry, I'm using pounds from now on": a unit for the future, not a fix of the last value
    low = re.sub(r"不是(?:公斤|斤|磅|千克)|not\s+(?:in\s+)?(?:kg|kilos?|kilograms?|pounds?|lbs?)(?![a-z])", " ", low)
    units = {k for m in _UNIT.finditer(low) for k, v in m.groupdict().items() if v}
    return units.pop() if len(units) == 1 else None


_MORE_EN = re.compile(
    rf"(?<![a-z])(?P<dir>lose|losing|drop|dropping|shed|gain|gaining|put\s+on|take\s+off)\s+(?:(?:an?|some)\s+)?"
    rf"(?:extra\s+|further\s+|another\s+|additional\s+)?(?P<n>{NUM})\s*(?:more\s+|extra\s+|further\s+)?"
    rf"(?P<u>{'|'.join(re.escape(u) for u in sorted(WEIGHT_UNITS, key=len, reverse=True))}|kilos?)(?![a-z])"
    rf"(?P<more>\s+more|\s+extra)?|(?<![a-z])(?:another|(?P<n2>{NUM})\s+more)\s+(?P<n3>{NUM})?\s*"
    rf"(?P<u2>kg|kgs|kilos?|lbs?|pounds?)\s+(?P<tail>to\s+(?:go|lose|gain)|off|down|up)(?![a-z])", F)
_MORE_CUE = re.compile(r"(?<![a-z])(?:more|another|extra|further|additional|still)(?![a-z])", F)
_MORE_ZH = re.compile(r"(?:再|还想再|还要再|还得再|再多)\s*(?P<dir>减|瘦|掉|增|长|胖|重)(?:掉|个|上)?\s*(?P<n>\d+(?:\.\d+)?|半)\s*"
                      r"(?P<u>公斤|千克|斤|kg|磅)|(?:还要|还想|还得|还差)\s*(?P<dir2>减|瘦|增|长)\s*(?P<n2>\d+(?:\.\d+)?)\s*"
                      r"(?P<u2>公斤|千克|斤|kg|磅)")
_NOT_BODY = re.compile(r"(?<![a-z])(?:bar|barbell|dumbbells?|kettlebells?|plates?|squats?|bench|deadlifts?|press|lift|"
                       r"load|on\s+the)(?![a-z])|杠铃|哑铃|壶铃|深蹲|卧推|硬拉|重量", F)
_ASKS = re.compile(r"(?<![a-z])(?:how\s+long|realistic|possible|can\s+i|could\s+i|is\s+it|should\s+i|lost|dropped|"
                   r"gained)(?![a-z])|多久|能不能|可以吗|吗|了\d|已经", F)


def further_change_kg(text: str) -> float | None:
    """The further change in body weight wanted, in kg (negative to lose), or None ("lose 5 more kg" → -5.0)."""
    if not isinstance(text, str) or len(text) > 200:
        return None
    low = normalize(text)[1]
    if _NOT_BODY.search(low) or _ASKS.search(low):
        return None
    m = _MORE_ZH.search(low)
    if m is not None:
        raw, unit, way = m["n"] or m["n2"], m["u"] or m["u2"], m["dir"] or m["dir2"]
        n = 0.5 if raw == "半" else number(raw)
        loss = way in "减瘦掉"
    else:
        m = _MORE_EN.search(low)
        if m is None or not (_MORE_CUE.search(low) or m["more"]):
            return None
        raw, unit = m["n"] or m["n3"] or m["n2"], m["u"] or m["u2"]
        n = number(raw) if raw else None
        loss = not (m["dir"] or "lose").startswith(("gain", "put")) and (m["tail"] or "") not in ("up", "to gain")
    factor = WEIGHT_UNITS.get(unit.lower()) or (1.0 if unit.lower().startswith("kilo") else None)
    if n is None or factor is None or not 0 < n * factor <= 40:
        return None
    kg = round(n * factor, 1)
    return -kg if loss else kg


_BREATH = re.compile(r"(?<![a-z])(?:out\s+of\s+breath|breathless|short\s+of\s+breath|shortness\s+of\s+breath|winded|puff(?:ed|ing)"
                     r"|huff(?:ing)?\s+and\s+puff(?:ing)?|breathing\s+(?:hard|heavy|heavily)|gasping)(?![a-z])|(?<!哮)喘|气短|气急|"
                     r"上气不接下气|呼吸急促", F)
_EXERTION = re.compile(
    r"(?<![a-z])(?:hills?|uphill|inclines?|stairs|steps|climb(?:ing)?|walk(?:s|ing)?|running|run|jog(?:ging)?|swim(?:ming)?"
    r"|cycling|bike|workouts?|training|exercis(?:e|ing)|sessions?|squats|sets|lifting|cardio|class|effort|"
    r"(?:when|while|after)\s+(?:i\s+)?(?:train|work\s+out|exercise|go\s+up|walk))(?![a-z])|爬坡|上坡|爬山|爬楼|"
    r"上楼|楼梯|跑步|快走|走路|走快|游泳|骑车|运动(?:时|的时候|中|后)|训练(?:时|的时候|中|后)|练(?:的时候|完)|锻炼(?:时|的时候)", F)
_AT_REST = re.compile(
    r"(?<![a-z])(?:at\s+rest|resting|before\s+(?:i|starting|start|exercise|exercising|the|my|even|any)|sitting|lying|in\s+bed|"
    r"doing\s+nothing|while\s+talking|when\s+talking|wake\s+up|at\s+night|all\s+the\s+time|even\s+without|"
    r"without\s+(?:doing|moving|exercise)|not\s+moving)(?![a-z])|静息|休息(?:时|的时候)?|坐着|躺着|还没(?:开始|动)|"
    r"开始前|运动前|练之前|不动|说话|一直|随时", F)
_SEVERE = re.compile(r"(?<![a-z])(?:can'?t|cannot|couldn'?t|unable\s+to)\s+(?:catch\s+my\s+breath|breathe|get\s+(?:enough\s+)?"
                     r"air)|severe(?:ly)?|very\s+(?:short|breathless)|really\s+(?:bad|short|struggling)|struggling\s+to\s+"
                     r"breathe|gasping|chest|dizz[a-z]*|faint[a-z]*|light-?headed|heart\s+(?:racing|pounding)|palpitations?|"
                     r"calf|blue\s+lips|cough(?:ing)?\s+blood|喘不上气|喘不过气|呼吸困难|透不过气|上不来气|胸|头晕|晕|心慌|"
                     r"心跳(?:很|好|特别)?快|小腿|厉害|严重", F)


def breath_on_exertion(text: str) -> bool:
    """Breathlessness told with exertion and nothing that makes it a warning sign ("a bit out of breath on hills",
    "爬坡有点喘"): not "at rest", "before I start", severe, or with chest pain, dizziness or a racing heart."""
    if not isinstance(text, str) or len(text) > 300:
        return False
    low = normalize(text)[1]
    return bool(_BREATH.search(low) and _EXERTION.search(low) and not _AT_REST.search(low)
                and not _SEVERE.search(low))

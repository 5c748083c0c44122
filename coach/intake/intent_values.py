"""The values a message carries, read by rules once its intent is known.

`values_for(intent, text)` returns, per intent:
- howto: exercise · feedback: status, body_part, exercise, days_ago · reading / correction: the metric fields
  (weight_kg, resting_hr, bp_systolic + bp_diastolic, sleep_hours, body_fat_pct; correction adds replaces_last)
- settings: reminder_time, timezone, pause_days (or pause), resume, language, checkin_days
- fact: profile fields (weight_kg, days_per_week, goal, ...) and list edits (equipment_add, injury_remove, ...)
- safety: symptoms · question, smalltalk, set_log: nothing (set logs are parsed where they are stored)
"""
from __future__ import annotations

import re
import unicodedata
from datetime import date
from typing import Any

from coach.intake.answers import parse_answer
from coach.intake.effort_request import NOT_EASY
from coach.intake.extract import extract
from coach.intake.intent_exercises import find_exercise
from coach.intake.intent_features import correction_cue
from coach.intake.mentions import CONDITION_RX, EQUIPMENT_RX, INJURY_RX, MEDICATION_RX, Table, mentions_red_flag
from coach.intake.numbers import F, convert_cn_numerals
from coach.intake.others import mentions_session, normal_soreness
from coach.intake.intent_settings import settings_values

READING_FIELDS = ("weight_kg", "resting_hr", "bp_systolic", "bp_diastolic", "sleep_hours", "body_fat_pct")
FACT_FIELDS = ("age", "sex", "height_cm", "weight_kg", "resting_hr", "bp_systolic", "bp_diastolic", "body_fat_pct",
               "sleep_hours", "experience", "currently_active", "goal", "target_weight_kg", "target_weeks",
               "days_per_week", "minutes_per_session", "preferences")
LIST_TABLES: dict[str, tuple[str, Table]] = {"equipment": ("equipment", EQUIPMENT_RX),
                                             "injuries": ("injury", INJURY_RX),
                                             "conditions": ("condition", CONDITION_RX),
                                             "medications": ("medication", MEDICATION_RX)}
_METRIC_CUES: dict[str, re.Pattern[str]] = {
    "weight_kg": re.compile(r"weigh|scale|kg|kilo|lbs?\b|pounds?|体重|公斤|斤|千克", F),
    "sleep_hours": re.compile(r"slept|sleep|睡", F),
    "resting_hr": re.compile(r"(?<![a-z])(?:hr|rhr|heart\s*rate|pulse|bpm)(?![a-z])|心率|脉搏", F),
    "bp": re.compile(r"(?<![a-z])(?:bp|blood\s+pressure)(?![a-z])|血压|\d{2,3}\s*/\s*\d{2,3}|\d{2,3}\s+over\s+\d{2,3}", F),
    "body_fat_pct": re.compile(r"body\s*fat|%|体脂", F),
}
_NOT_VALUE = re.compile(r"(?<![a-z])not\s+[\d.]+|不是\s*[\d.]+|instead\s+of\s+[\d.]+|而不是\s*[\d.]+|"
                        r"[\d.]+\s*(?:kg|lbs?)?\s+(?:was|is)\s+(?:a\s+)?(?:typo|wrong|mistake)|[\d.]+\s*(?:是)?(?:打错|写错|输错)", F)
_STEPS = re.compile(r"(\d[\d,]*)\s*(?:steps|步)(?![a-z])|(?:steps|步数)\s*[:：]?\s*(\d[\d,]*)", F)
_TARGET_CUE = re.compile(r"(?<![a-z])(?:target|goal|aim|aiming)(?![a-z])|目标", F)
_BARE_NUM = re.compile(r"(?<![\d.])\d+(?:\.\d+)?(?![\d.])")
_REMOVED = re.compile(
    r"(?<![a-z])(?:fine|(?:all|fully|completely|totally|100\s*%)\s+better|healed|recovered|ok|okay|good|gone|no\s+longer|not\s+any\s*more|anymore|any\s+more|"
    r"sold|gave\s+away|(?:gave|given|lent|passed)\s+(?:[a-z'-]+\s+){1,3}?(?:to|away)|got\s+rid|lost\s+(?:my\s+)?(?:access|membership)|cancel+ed|quit|don'?t\s+have|"
    r"doesn'?t\s+hurt|no\s+more|cleared|expired|ran\s+out|ended)(?![a-z])|到期|过期|退卡|好了|没事了|不疼了|不痛了|康复|痊愈|恢复了|卖了|送人|退了|不再|没有了|"
    r"没了|去不了|没有[^，。,.!！?？\s]{1,8}了|不再|已经不[^，。,.!！?？\s]{1,6}了|卖掉|扔了|扔掉|送掉|不要了|处理掉|转手", F)
# "not fine", "a bit better", "getting ok", "still hurts", "还有点疼": not healed, nothing to remove
_NOT_REMOVED_BEFORE = re.compile(r"(?:not|n't|never|hardly|a\s+bit|a\s+little|slightly|somewhat|getting|kind\s+of|"
                                 r"kinda|sort\s+of|almost|nearly|mostly|not\s+yet)\s+(?:\w+\s+)?$|(?:不太|还没|没有完全|快|差不多)$",
                                 F)
_STILL_HURTS = re.compile(r"(?<![a-z])still\s+(?:\w+\s+)?(?:hurts?|sore|painful|aches?|aching|bad|bothers?|"
                          r"stiff|swollen)(?![a-z])|还(?:有点|有些|是|在)?(?:疼|痛|酸|肿)|仍然|依然|还没好", F)


_IMPROVING = re.compile(r"(?<![a-z])(?:better|improving|improved|easing|eased|less\s+(?:pain|sore|stiff)|healing|"
                        r"recovering|settling)(?![a-z])|好点|好一点|好一些|好多了|好些了|快好了|轻了|减轻|缓解|在恢复", F)


def _removing(low: str) -> bool:
    """The message says something is gone or healed, not merely improving or still there."""
    if _STILL_HURTS.search(low):
        return False
    return any(not _NOT_REMOVED_BEFORE.search(low[max(0, m.start() - 24):m.start()]) for m in _REMOVED.finditer(low))


_DAY_WORDS = (("day_before_yesterday", re.compile(r"day\s+before\s+yesterday|前天", F)),
              ("yesterday", re.compile(r"(?<![a-z])yesterday(?![a-z])|昨天|昨晚", F)))
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_WEEKDAY = re.compile(r"(?<![a-z])(mon|tue|wed|thu|fri|sat|sun)(?:day|nesday|sday|rsday|urday|s|nes|rs|r|urs)?s?(?![a-z])|(?:周|星期|礼拜)"
                      r"([一二三四五六日天])", F)
_ZH_WEEKDAY = {"一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6}
_EN_WEEKDAY = {"mon": 0, "tue": 1, "wed": 2, "thu": 3, "fri": 4, "sat": 5, "sun": 6}
# feedback: the first family that matches decides (pain before skipped before too hard before too easy)
STATUS_RULES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("too_easy", re.compile(r"left\s+in\s+the\s+tank|could\s+have\s+done\s+(?:more|double)|(?:跟|和|像)没练一样|"
                            r"强度太低|太轻", F)),
    ("pain", re.compile(r"(?<![a-z])(?:hurt|hurts|hurting|pain|painful|twinge[ds]?|tweak(?:ed)?|strain(?:ed)?|"
                        r"pulled|sore\s+(?:knee|back|shoulder)|ache[ds]?|aching)(?![a-z])|疼|痛|伤到|拉伤|扭到", F)),
    ("skipped", re.compile(r"(?<![a-z])(?:skip(?:ped|ping)?(?!\s+(?:my\s+|the\s+|a\s+)?(?:breakfast|lunch|dinner|meals?|"
                           r"snacks?|coffee|work|school|class(?:es)?|lectures?|a\s+meal))|missed(?!\s+(?:my\s+|the\s+)?"
                           r"(?:breakfast|lunch|dinner|meals?|bus|train|flight))|(?:don'?t|dont|dun|do\s+not)\s+(?:wanna|want\s+to|feel\s+"
                           r"like)\s+(?:train|training|work\s*out|working\s+out|exercise|go|do\s+it)|didn'?t\s+(?:train|work\s*out|do\s+it|go|make\s+it|"
                           r"exercise|have\s+time)|no\s+time|couldn'?t\s+(?:train|make\s+it|go)|rest\s+day|"
                           r"not\s+today|bailed|took\s+(?:the\s+day|a\s+day)\s+off|no\s+(?:workout|training|session|gym))"
                           r"(?![a-z])|没练|没去|跳过|没做(?!完)|"
                           r"没时间|没空|休息了|偷懒", F)),
    ("too_hard", re.compile(r"(?<![a-z])(?:too\s+(?:hard|heavy|much|intense|difficult)|way\s+too\s+hard|brutal|"
                            r"exhausting|couldn'?t\s+(?:finish|complete|do\s+the\s+last)|struggled|killed\s+me|"
                            r"barely|failed)(?![a-z])|太难|太累|太重|吃力|强度.{0,3}大|没做完|做不完|做不动|受不了|"
                            r"太辛苦|扛不住", F)),
    ("too_easy", re.compile(r"(?<![a-z])(?:too\s+easy|way\s+too\s+easy|easy|not\s+(?:hard|challenging)\s+enough|"
                            r"could\s+have\s+done\s+more|boring|light)(?![a-z])|太轻松|太简单|轻松|简单|不够累|"
                            r"没感觉|强度.{0,3}小", F)),
    ("done", re.compile(r"(?<![a-z])(?:done|finished|completed|complete|did\s+it|nailed|crushed|did\s+(?:the|my|today'?s)\s+"
                        r"(?:workout|session|training|run|walk|plan)|went\s+for\s+a\s+(?:run|walk|swim|ride|jog))(?![a-z])|完成|练完|"
                        r"做完|搞定|打卡|都做了|做了", F)),
)


# "no pain today", "knee didn't hurt at all", "没有疼", "the shoulder is fine, it was just a bump": a denied pain is
# no pain (other words still count)
PAIN_DENIED = re.compile(r"(?<![a-z])(?:no|zero|without|not\s+any|never\s+any)\s+(?:[a-z]+\s+){0,2}?"
                         r"(?:pain|pains|hurt|aches?|soreness)(?![a-z])|(?<![a-z])(?:didn'?t|doesn'?t|did\s+not|"
                         r"does\s+not|don'?t|do\s+not|wasn'?t|isn'?t|not|never|no\s+longer)\s+(?:[a-z]+\s+)?"
                         r"(?:hurt|hurting|painful|ache|aching)(?![a-z])|(?:没有|没|不|无|不再)(?:再|怎么|什么|一点)?"
                         r"(?:疼|痛)|(?<![a-z])(?:is|'s|feels?|felt|was|are|were)\s+(?:totally\s+|completely\s+|all\s+|"
                         r"actually\s+|really\s+|perfectly\s+)?(?:fine|ok|okay|good|all\s+right|alright|great)"
                         r"(?![a-z])|(?<![a-z])(?:just\s+a\s+(?:bump|knock|scratch)|nothing\s+serious)(?![a-z])|"
                         r"没事|没问题|没什么事", F)


def _norm(text: str) -> str:
    return unicodedata.normalize("NFKC", text).lower().replace("’", "'")


def codes(table: Table, text: str) -> list[str]:
    """Every code of `table` mentioned in `text`, in order, without negation handling."""
    out: list[tuple[int, str]] = []
    for rx in (table.en, table.zh):
        if rx is None:
            continue
        for m in rx.finditer(text):
            name = next((k for k, v in m.groupdict().items() if v), None)
            code = table.codes.get(name or "")
            if code and not code.startswith("_"):
                out.append((m.start(), code))
    return list(dict.fromkeys(c for _, c in sorted(out)))


# part of a session left out ("skipped the last exercise", "missed one set", "最后一个动作没做"): the session was done
_PARTIAL_SKIP = re.compile(r"(?<![a-z])(?:skip(?:ped)?|missed|left\s+out|dropped|didn'?t\s+do|cut)\s+(?:the\s+)?"
                           r"(?:last|final|first|one|a|an|two|some|a\s+couple\s+of|few|a\s+few|\d+)\s+(?:\w+\s+)?"
                           r"(?:exercises?|sets?|moves?|rounds?|reps?|intervals?|stretch(?:es)?|minutes?|mins?)(?![a-z])|"
                           r"(?:最后|其中)?(?:一|两|几|1|2)(?:个|组)(?:动作)?(?:没做|跳过了?|没练)|(?:跳过|少做)了?(?:一|两|几|1|2)"
                           r"(?:个|组)", F)


# another activity in place of the session ("a 5k run instead of the plan", "没按计划，去游泳了"): a session done
_INSTEAD = re.compile(r"(?<![a-z])instead\s+of\s+(?:the|my|today'?s)?\s*(?:plan(?:ned)?|session|workout|training)(?:\s+(?:session|"
                      r"workout))?(?![a-z])|(?:没|没有)按计划", F)


def feedback_values(text: str) -> dict[str, Any]:
    norm = _norm(text)
    low = PAIN_DENIED.sub(" ", norm)
    out: dict[str, Any] = {"pain_denied": True} if low != norm else {}
    easy_denied = NOT_EASY.search(low) is not None  # "the session was not too easy": no "too easy" to log
    low = NOT_EASY.sub(" ", low)
    partial = _PARTIAL_SKIP.search(low) or _INSTEAD.search(low)
    low = _INSTEAD.sub(" ", _PARTIAL_SKIP.sub(" ", low))
    for status, rx in STATUS_RULES:
        if rx.search(low):
            out["status"] = status
            break
    if "status" not in out and easy_denied and mentions_session(norm):
        out["status"] = "done"
    if partial and "status" not in out:
        out["status"] = "done"  # "did the workout but skipped the last exercise"
    if out.get("status") == "pain" and normal_soreness(text):
        del out["status"]  # "legs sore from yesterday", "肌肉酸痛": the usual soreness, no pain to log
    parts = codes(INJURY_RX, low)
    if parts and out.get("status") is None and extract(text).get("injuries") == []:
        parts = []  # "no knee issues", "my shoulder is fine": no pain to log
    if parts and (out.get("status") == "pain" or (out.get("status") is None and "pain_denied" not in out)):
        out["status"] = "pain"
        out["body_part"] = _hurting(norm) or parts[0]
    exercise = find_exercise(text)
    if exercise:
        out["exercise"] = exercise
    for name, rx in _DAY_WORDS:
        if rx.search(low):
            out["day"] = name
            break
    else:
        m = _WEEKDAY.search(low)
        if m:
            out["day"] = WEEKDAYS[_EN_WEEKDAY[m.group(1)] if m.group(1) else _ZH_WEEKDAY[m.group(2)]]
    return out


def _hurting(norm: str) -> str | None:
    """The area of the clause that tells the pain ("knee is fine but I hurt my shoulder" → shoulder), when the
    message has clauses that say other things of other areas; None to keep the first area named."""
    pain = dict(STATUS_RULES)["pain"]
    for part in clauses(norm):
        named = codes(INJURY_RX, part)
        if named and (pain.search(PAIN_DENIED.sub(" ", part)) or _STILL_HURTS.search(part)) and not _removing(part):
            return named[0]
    return None


def reading_values(text: str) -> dict[str, Any]:
    """Metric readings stated in the message, each only where its word (or unit) is there."""
    low = _NOT_VALUE.sub(" ", _norm(text))
    found = {k: v for k, v in extract(low).items() if k in READING_FIELDS}
    for field, cue in _METRIC_CUES.items():
        if not cue.search(low) or field in found or (field == "bp" and "bp_systolic" in found):
            continue
        val = parse_answer(field, low)
        if field == "bp" and isinstance(val, (tuple, list)):
            found.update(bp_systolic=val[0], bp_diastolic=val[1])
        elif val is not None and field != "bp":
            found[field] = val
    steps = _STEPS.search(low)
    if steps:
        found.pop("weight_kg", None)
        found["steps"] = int((steps.group(1) or steps.group(2)).replace(",", ""))
    if not found:
        guess = _bare_metric(low)
        if guess:
            found.update(guess)
    return found


def _bare_metric(low: str) -> dict[str, Any]:
    """A lone number with no word: a body weight when it looks like one (the usual typo to fix)."""
    nums = [float(m.group()) for m in _BARE_NUM.finditer(convert_cn_numerals(low))]
    if not nums:
        return {}
    n = nums[0]
    return {"weight_kg": n, "unnamed": True} if 25 <= n <= 300 else {}


# a correction that names a field other than a reading (height, age): its number is never read as a weight
_OTHER_FIELD_CUE = re.compile(r"(?<![a-z])(?:height|tall|age|years?\s+old)(?![a-z])|身高|个子|年龄|岁|厘米|公分|cm")


# on the way to or at the gym ("I'm going to the gym now", "我去健身房了"): a session, not new equipment, unless joining
_AT_GYM = re.compile(r"(?<![a-z])(?:go|going|goin|heading|headed|head|off|went|on\s+my\s+way|walking|driving)\s+to\s+"
                     r"(?:the\s+)?gym|(?<![a-z])(?:at|in|from|leaving)\s+the\s+gym|(?:去|到|在|从)(?:了)?健身房", F)
_JOINED = re.compile(r"(?<![a-z])(?:join(?:ed)?|member(?:ship)?|signed\s+up|access|pass)(?![a-z])|办卡|会员|报了|办了", F)


def _as_items(v: Any) -> list[str]:
    return [] if v is None else list(v) if isinstance(v, list) else [v]


def fact_values(text: str, *, today: date | None = None) -> dict[str, Any]:
    """Profile facts: scalar fields as extract reads them, list fields as additions or removals."""
    low = _norm(text)
    found = extract(text, today=today)
    out: dict[str, Any] = {k: v for k, v in found.items() if k in FACT_FIELDS}
    delta = found.get("target_delta_kg")
    if delta is not None and "target_weight_kg" not in out:
        out["target_loss_kg" if delta < 0 else "target_gain_kg"] = abs(delta)
    parts = clauses(low)
    for field, (stem, table) in LIST_TABLES.items():
        edits: dict[str, list[str]] = {}
        for part in parts:  # "knee is fine now but shoulder still hurts": each clause its own edit
            for key, items in _list_edit(part, stem, table, found if len(parts) == 1 else None, today).items():
                edits.setdefault(key, []).extend(x for x in items if x not in edits.get(key, []))
        for key, items in edits.items():
            out[key] = items if key == "injury_improving" or key.endswith("_only") else _one_or_list(items)
    if found.get("symptoms"):
        out["symptoms"] = found["symptoms"]
    if "gym" in _as_items(out.get("equipment_add")) and _AT_GYM.search(low) and not _JOINED.search(low):
        left = [x for x in _as_items(out.pop("equipment_add")) if x != "gym"]  # "going to the gym now"
        if left:
            out["equipment_add"] = _one_or_list(left)
    if out.get("equipment_add") and out.get("weight_kg", 99) < 25:
        out.pop("weight_kg")  # "bought a pair of 12 kg kettlebells": the load of the new kit, not the body weight
    if "weight_kg" in out and "target_weight_kg" not in out and _TARGET_CUE.search(low):
        out["target_weight_kg"] = out.pop("weight_kg")  # "my goal is now 80 kg": a target, not a weight
    elif "weight_kg" not in out and _METRIC_CUES["weight_kg"].search(low) and not _TARGET_CUE.search(low):
        later = [float(m.group()) for m in _BARE_NUM.finditer(low) if 25 <= float(m.group()) <= 300  # not the
                 and float(m.group()) != out.get("target_weight_kg")]  # target's number: "want to get to 75 kg"
        if later:
            out["weight_kg"] = later[-1]
    return out


_CLAUSE_CUT = re.compile(r"\s*(?:[,;，；。!！&]|\.(?!\d)|(?<![a-z])(?:but|though|although|however|whereas|while|yet|and)(?![a-z])|"
                        r"但是|但|可是|不过|而且|而)\s*", F)
# a clause that says something of its own (else it continues the one before: "sold my dumbbells, bands and bench")
_OWN_WORD = re.compile(r"(?<![a-z])(?:is|are|was|were|'s|have|has|got|had|bought|use|using|just|only|now|still|hurts?|"
                       r"hurting|pain|painful|injured|sore)(?![a-z])|现在|只有|只剩|还有|有|买了|疼|痛|伤", F)
_ONLY = re.compile(r"(?<![a-z])(?:(?:only|nothing\s+but)\s+(?:have\s+|has\s+|got\s+|use\s+|using\s+)?|just\s+(?:have\s+|use\s+"
                   r"|using\s+)?)(?:my\s+|an?\s+|some\s+|the\s+|(?:a\s+)?(?:pair|set|couple)\s+of\s+|resistance\s+)?|"
                   r"(?:只有|只剩下?|就剩下?|就只有|只用|只能用)(?:一|两|几|1|2)?(?:些|副|对|根|条|个|套|把)?", F)


def clauses(low: str) -> list[str]:
    """The message cut at commas and "but" / "但是" into clauses that each say something of their own."""
    out: list[str] = []
    for part in (p for p in _CLAUSE_CUT.split(low) if p and p.strip()):
        if out and not _says_own(part):
            out[-1] += " " + part
        else:
            out.append(part)
    if out and len(out) > 1 and not _says_own(out[0]):
        out[1] = out[0] + " " + out[1]
        out.pop(0)
    return out or [low]


def _says_own(part: str) -> bool:
    return bool(_OWN_WORD.search(part) or _REMOVED.search(part) or _ONLY.search(part) or _ELLIPSIS.search(part))


# "knee no longer hurts but my wrist does": the verb of the clause before, so the area still hurts
_ELLIPSIS = re.compile(r"(?<![a-z])(?:does|do|did|is|still)\s*$|(?:也|还)(?:是|在)?$", F)


def _only(part: str, table: Table) -> bool:
    """"just bands now", "I only have a kettlebell", "现在只有弹力带": the list is that and nothing else."""
    return any(rx is not None and rx.match(part, m.end()) for m in _ONLY.finditer(part) for rx in (table.en, table.zh))


def _list_edit(part: str, stem: str, table: Table, found: dict | None, today: date | None) -> dict[str, list[str]]:
    """The edit one clause makes to a list: removed, improving, the only items left, or added."""
    named = codes(table, part)
    if not named:
        return {}
    if _removing(part):
        return {stem + "_remove": named}
    if stem == "injury" and _IMPROVING.search(part):
        return {"injury_improving": named}  # "my knee is a bit better": good news, nothing to remove yet
    field = next(f for f, (st, _t) in LIST_TABLES.items() if st == stem)
    added = list((found if found is not None else extract(part, today=today)).get(field) or [])
    if not added and stem == "injury" and found is None and (_ELLIPSIS.search(part) or _STILL_HURTS.search(part)):
        added = named
    if not added:
        return {}
    return {stem + "_only": added} if stem == "equipment" and _only(part, table) else {stem + "_add": added}


def target_cue(text: str) -> bool:
    """The message speaks of a target ("aiming for 68 kg", "目标70公斤"), not of today's weight."""
    return bool(_TARGET_CUE.search(_norm(text)))


def _one_or_list(items: list[str]) -> str | list[str]:
    return items[0] if len(items) == 1 else list(items)


def values_for(intent: str, text: str, *, today: date | None = None) -> dict[str, Any]:
    """The values of `text` read as `intent` (empty for questions and small talk)."""
    if intent == "howto":
        exercise = find_exercise(text)
        return {"exercise": exercise} if exercise else {}
    if intent == "feedback":
        return feedback_values(text)
    if intent == "reading":
        return reading_values(text)
    if intent == "correction":
        if not correction_cue(text):
            return {}  # a bare "36" is no correction: nothing says which value was wrong
        vals = reading_values(text)
        unnamed = vals.pop("unnamed", None)  # "typo, it's 62.8": the last reading says what it is
        if unnamed and _OTHER_FIELD_CUE.search(_norm(text)):
            vals = {}  # "my height is really 165": an unnamed number that is not a weight is never stored as one
        if not vals:
            vals = {k: v for k, v in fact_values(text, today=today).items() if k in FACT_FIELDS}
        if not vals:
            return {}
        return {**vals, "replaces_last": True}
    if intent == "settings":
        return settings_values(text, today=today)
    if intent == "fact":
        return fact_values(text, today=today)
    if intent == "safety":
        flags = mentions_red_flag(text) or extract(text).get("symptoms") or []
        return {"symptoms": list(flags)} if flags else {}
    return {}


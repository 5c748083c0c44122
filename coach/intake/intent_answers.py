"""Answers read in the context of the question asked: to "Do you have a target?", "70 kg in 12 weeks" is a target
weight and "lose 5 kg" a change from the current weight; "no", "none", "不知道", "没测过" skip an optional question;
other facts in the same answer only fill fields that have no answer yet. A message that does not answer the
question but gives another field ("I sleep about 7 hours" to "how many minutes per session?") is offered back for
confirmation, never stored as it stands; a remark about what someone does now ("I walk the dog half an hour") does
not answer how much they can train.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from coach.intake.answers import LIST_FIELDS, answer_for, is_skip, yes_no
from coach.intake.extract import extract
from coach.intake.intent_settings import settings_values
from coach.intake.intent_values import fact_values
from coach.intake.numbers import F, NUM, normalize
from coach.intake.units import ANY_WEIGHT_UNIT, WEIGHT_UNITS

# a value the rules read as one field means the asked one in the context of that question
CONTEXT_FIELDS: dict[str, dict[str, str]] = {"target": {"weight_kg": "target_weight_kg"}}
# the profile fields a step answers (pseudo-steps answer several)
ASKED_FIELDS: dict[str, tuple[str, ...]] = {"target": ("target_weight_kg", "target_delta_kg", "target_weeks",
                                                       "target_amount_kg"),
                                            "reminder": ("reminder_time", "timezone"),
                                            "pregnancy_trimester": ("pregnancy_trimester", "weeks_pregnant"),
                                            "bp": ("bp_systolic", "bp_diastolic")}
_SKIP_CORE = (r"no|nope|none|nah|n/?a|no\s+idea|no\s+clue|not\s+a\s+clue|not\s+sure|dunno|idk|don'?t\s+know|never\s+measured|"
              r"(?:have\s+)?never\s+(?:checked|measured|tested)(?:\s+it)?|haven'?t\s+(?:measured|checked)(?:\s+it)?|not\s+measured|"
              r"unknown|no\s+(?:specific\s+|particular\s+|real\s+)?target|不(?:太|很|大|是很)?(?:知道|清楚|确定|记得)|"
              r"说不(?:准|好|清)|记不(?:清|得)|忘(?:记)?了|没测过?|没量过?|没有测过?|没有量过?|"
              r"从来?没(?:有)?(?:测|量)过|没有|没|无|不晓得|没有目标")
# a whole answer that says "I don't know / no": a no-word may lead ("nah, never measured"), Chinese particles may end a
# phrase ("没有了", "不清楚啊") and words that add nothing may follow ("no clue mate", "not sure, sorry")
SKIPPISH = re.compile(r"^\s*(?:(?:no|nope|nah|um+|hmm+|嗯|呃)[,，\s]+)?(?:" + _SKIP_CORE + r")[了啊呀吧呢哦啦哈诶耶]*"
                      r"(?:\s*[,，]?\s*(?:sorry|抱歉|哈哈|mate|tbh|honestly|really|lol|haha|i'?m\s+afraid|sadly))*"
                      r"\s*[.!。！~]*\s*$", re.I)
_NONE_LEAD = re.compile(r"^\s*(?:none|no|nope|nothing|没有|无|都没有)(?![a-z])", re.I)
_PRIVATE = re.compile(r"prefer\s+not|rather\s+not|not\s+say|private|不想说|保密|不方便说", re.I)
# a remark about what someone does now, not how long or how often they can train with the plan
_ACTIVITY_REMARK = re.compile(
    r"(?<![a-z])(?:walk(?:s|ing)?\s+(?:the|my|our)\s+dogs?|dog\s+walk|commut\w*|(?:walk|bike|cycle|ride|run|jog|"
    r"drive)(?:s|ing)?\s+to\s+(?:work|school|the\s+(?:office|station|shops?))|(?:on|by)\s+(?:bike|foot)|i\s+(?:usually\s+|"
    r"normally\s+|already\s+|also\s+|still\s+)?(?:walk|run|jog|cycle|bike|swim|hike|ride|garden|dance|play)s?(?![a-z])|"
    r"my\s+(?:daily\s+|morning\s+|evening\s+)?(?:walk|run|ride|jog|swim|hike|stroll)s?(?![a-z])|"
    r"i\s+(?:usually\s+|normally\s+|already\s+|also\s+)?(?:do|go)\s+(?:[a-z]+\s+){0,3}?(?:yoga|pilates|tai\s*chi|"
    r"gardening|housework|swimming|running|walking|cycling|hiking|dancing)(?![a-z]))"
    r"|遛狗|遛弯|通勤|上下班|上班路上|骑车上班|走路上班|散步|练瑜伽|打太极|广场舞|做家务|"
    r"(?:每天|平时|天天|经常|一般)(?:都)?(?:走路|快走|骑车|跑步|慢跑|游泳|爬山)",
    re.I)
_SESSION_CUE = re.compile(
    r"(?<![a-z])(?:sessions?|workouts?|work\s*out|train(?:ing)?|exercis\w*|can|could|have|got|available|spare|free|"
    r"max(?:imum)?|at\s+most|up\s+to|plan)(?![a-z])|每次|一次|训练|锻炼|可以|能|有空|有时间|最多|健身", re.I)
_NUMBER = re.compile(NUM, F)
_CLAUSE = re.compile(r"[,，;；.。!！?？]|(?<![a-z])(?:but|and|so)(?![a-z])|但是|不过|所以|可是", re.I)
REMARK_STEPS = ("minutes_per_session", "days_per_week")
NOT_PROFILE = ("reminder_time", "timezone", "target_delta_kg")
ASKED_ONLY = ("currently_active",)  # never stored beside the answer to another question


@dataclass
class Reading:
    """What an onboarding answer gives: facts to store now, facts to offer back first, or a passing remark."""

    kept: dict[str, Any] = field(default_factory=dict)
    offered: dict[str, Any] = field(default_factory=dict)
    remark: bool = False


def _numeric(v: Any) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool)


def activity_remark(key: str, text: str) -> bool:
    """True when an answer to "how long / how often can you train" describes what the person does now."""
    return key in REMARK_STEPS and bool(_ACTIVITY_REMARK.search(text)) and not _SESSION_CUE.search(text)


def _without_remarks(key: str, text: str) -> str:
    """The clauses of an answer to `key` that are not remarks about current activity."""
    if key not in REMARK_STEPS or not _ACTIVITY_REMARK.search(text):
        return text
    parts = [p for p in _CLAUSE.split(text) if p and p.strip()]
    kept = [p for p in parts if not _ACTIVITY_REMARK.search(p)]
    return " ".join(kept) if kept and len(kept) < len(parts) else text


def read_answer(key: str, text: str, found: dict[str, Any], profile: dict[str, Any]) -> Reading:
    """Read an onboarding answer in the context of the question `key` (found: everything the rules read)."""
    if activity_remark(key, text):
        return Reading(remark=True)
    answer_part = _without_remarks(key, text)
    if answer_part != text:  # "I walk the dog half an hour, but I have 40 minutes": the answer is the 40
        text, found = answer_part, extract(answer_part)
    found = dict(found)
    _only_removed(text, profile, {}, found)
    kept = in_context(key, text, found, profile)
    mine = owned(key)
    taken = {v for k, v in found.items() if k not in mine and k not in CONTEXT_FIELDS.get(key, {}) and _numeric(v)}
    for k in [k for k in mine if k in kept and k not in found and _numeric(kept[k]) and kept[k] in taken]:
        del kept[k]  # "130 over 85" to the weight question: the number is the blood pressure's, not a weight
    direct = {k: v for k, v in kept.items() if k in mine}
    if direct:
        numbers = len(_NUMBER.findall(normalize(text)[1]))
        used = sum(_numeric(v) for v in direct.values())
        if 0 < numbers <= used:  # one number answers one question: "about 7 hours" to the sleep question is no session
            kept = {k: v for k, v in kept.items() if k in mine or not _numeric(v)}
        # the screening question is answered only when asked: "been lifting 2 years on and off" says nothing of
        # the last 3 months (it is asked next, not noted as a yes)
        return Reading(kept={k: v for k, v in kept.items() if k in mine or k not in ASKED_ONLY},
                       offered=_new_items(found, kept, mine, profile))
    safety = {k: v for k, v in kept.items() if k == "symptoms" and v}  # symptoms are always recorded
    # a change ("lose 5 kg") is offered as the target weight it gives against the known weight (onboarding._offer);
    # "no symptoms" is offered as none, never over symptoms recorded (symptoms named are kept above)
    offered = {k: v for k, v in {**found, **kept}.items() if (k not in NOT_PROFILE or k == "target_delta_kg")
               and not (k == "symptoms" and (v or profile.get("symptoms")))}
    return Reading(kept=safety, offered=offered)


def _new_items(found: dict[str, Any], kept: dict[str, Any], mine: tuple[str, ...],
               profile: dict[str, Any]) -> dict[str, Any]:
    """List items named beside an answer that an earlier answer left out ("my blood pressure is a bit high" to the
    medications question after 'none' to the conditions question): offered back, never dropped unsaid."""
    return {k: v for k, v in found.items() if k in LIST_FIELDS and k != "symptoms" and k not in mine
            and k not in kept and k in profile and isinstance(v, list) and set(v) - set(profile[k] or [])}


_LAPSED = re.compile(r"(?<![a-z])(?:years|a\s+long\s+time|long|ages|decades|a\s+while|a\s+few\s+years)\s+ago(?![a-z])|"
                     r"(?<![a-z])used\s+to(?![a-z])|back\s+in\s+(?:college|school|uni|university|the\s+day)|"
                     r"以前|几年前|很久以前|好多年前|多年前|年轻的时候|上学的时候|大学的时候", re.I)
_NO_LEAD = re.compile(r"^\s*(?:no|not|nope|nah|never)(?![a-z])|^\s*(?:没有|不|基本不)", re.I)


# what an optional question is about, and words around it: "血压不知道", "I don't know my resting heart rate"
_TOPIC = re.compile(r"blood\s+pressure|\bbp\b|resting\s+(?:heart\s+rate|hr|pulse)|heart\s+rate|\bpulse\b|"
                    r"body\s*fat(?:\s+(?:percentage|%))?|血压|静息心率|心率|脉搏|体脂率?", re.I)
_TOPIC_FILLER = re.compile(r"\b(?:i|my|about|of|the|it|its|that|for|really|honestly|what|is|was)\b|我的|我也|我|这个|的", re.I)


_NO_TARGET = re.compile(r"^\s*(?:no|not\s+really\s+a|don'?t\s+have\s+a|no\s+particular|no\s+specific|没有|没)\s*"
                        r"(?:target|goal|目标)(?![a-z])", re.I)


# medicines by name that none of the classes asked about covers, kept as typed when named to the question
_NAMED_MEDICINE = re.compile(r"(?<![a-z])(metformin|glucophage|empagliflozin|jardiance|dapagliflozin|forxiga|farxiga|"
                             r"canagliflozin|semaglutide|ozempic|wegovy|liraglutide|victoza|saxenda|tirzepatide|mounjaro|"
                             r"sitagliptin|januvia|levothyroxine|thyroxine|sertraline|fluoxetine|citalopram|escitalopram|"
                             r"furosemide|lasix|spironolactone|prednisolone|prednisone|salbutamol|albuterol|ventolin|"
                             r"omeprazole|digoxin|allopurinol|gabapentin|pregabalin)(?![a-z])|(二甲双胍|达格列净|恩格列净|"
                             r"司美格鲁肽|利拉鲁肽|左甲状腺素|优甲乐|呋塞米|速尿|泼尼松)", re.I)
_OTHER_MEDICINE = re.compile(r"(?<![a-z])(?:vitamins?|supplements?|inhalers?|puffers?|pills?|tablets?|the\s+pill|"
                             r"contraceptive|metformin|statins?|thyroxine|levothyroxine|antihistamines?|painkillers?|"
                             r"ibuprofen|paracetamol|omeprazole|amlodipine|lisinopril|ramipril|losartan|antidepressants?|"
                             r"sertraline|only\s+(?:the\s+)?(?:usual|regular))(?![a-z])|维生素|钙片|叶酸|二甲双胍|他汀|喷雾|吸入剂|"
                             r"降压药|止痛药|避孕药|甲状腺", re.I)


def skips(key: str, text: str) -> bool:
    """True when `text` skips the question `key` ("no", "none", "no idea", "不知道", "没测过", "血压不知道")."""
    if is_skip(text) or SKIPPISH.match(text) or wants_skip(text):
        return True
    if key == "target" and _NO_TARGET.match(text):  # "no target, I'm pregnant lol", "没有目标，就想健康点"
        return True
    bare = " ".join(_TOPIC_FILLER.sub(" ", _TOPIC.sub(" ", text)).split())
    if bare != text.strip() and bare and (is_skip(bare) or SKIPPISH.match(bare) or wants_skip(bare)):
        return True
    return key not in LIST_FIELDS and key != "currently_active" and yes_no(text) is False


_SKIP_TAIL = re.compile(r"[\s,，、;；.。!！~-]*(?:(?:so|just|please|请)\s*)?(?:skip(?:\s+it)?|pass|跳过|略过|下一个|next)"
                        r"[\s.!。！~吧呀啊]*$", re.I)
_PARTS = re.compile(r"\s*[,，、;；.。!！~]+\s*")


def wants_skip(text: str) -> bool:
    """"no idea, skip", "不知道，跳过", "skip, not sure": every part of the message is a skip word."""
    rest = _SKIP_TAIL.sub("", text)
    if rest != text and (not rest.strip() or is_skip(rest) or SKIPPISH.match(rest)):
        return True
    parts = [p for p in _PARTS.split(text.strip()) if p]
    return len(parts) > 1 and all(is_skip(p) or SKIPPISH.match(p) for p in parts)


_QUESTION = re.compile(
    r"[?？]\s*$|^\s*(?:what|how|why|when|where|which|who|whose|is|are|should|does|shall|isn'?t|aren'?t)(?![a-z'])|"
    r"(?:(?<!没有)(?<!没)什么|(?<!没)(?<!不)怎么|为什么|为啥|如何|多少(?:才|正常|合适|算|比较|好)|是不是|是否|能不能|可不可以|要不要|该不该|正常吗|好吗|对吗|行吗)|[吗呢嘛][\s.。]*$", re.I)


_ASKING = re.compile(
    r"^\s*(?:what|how|why|when|where|which|who|is|are|should|does|shall|isn'?t|aren'?t)(?![a-z'])(?!\s+about)|"
    r"(?:(?<!没有)(?<!没)什么|(?<!没)(?<!不)怎么|为什么|为啥|如何|多少(?:才|正常|合适|算|比较|好)|是不是|是否|能不能|可不可以|要不要|"
    r"该不该|正常吗|好吗|对吗|行吗)|[吗呢嘛][\s.。?？]*$", re.I)


def looks_like_question(text: str) -> bool:
    """A message shaped as a question ("what is a good resting heart rate?", "静息心率多少正常", "80 kg?")."""
    return bool(_QUESTION.search(text))


def asks(text: str) -> bool:
    """A question by its words, not only its mark ("is 80 too high for resting heart rate?"; not "80 kg?", nor
    "how about 7 hours"): it is answered and never read as a value, even one that fits the question asked."""
    return bool(_ASKING.search(text))


def answers_step(key: str, text: str, profile: dict[str, Any]) -> bool:
    """Whether the message gives a value for the question `key` (a question that does is an answer)."""
    if key == "reminder":
        return bool({k for k in settings_values(text) if k in ("reminder_time", "timezone")}) or bool(
            in_context("reminder", text, {}, {}).get("reminder_time"))
    kept = read_answer(key, text, extract(text), profile).kept
    return any(k in kept for k in owned(key))


# "no symptoms", "no pain", "没有症状": a "no" about something else, not about the yes/no question asked
_NO_OTHER = re.compile(r"^\s*(?:no|not\s+any)\s+(?:symptoms?|pain|aches?|injur(?:y|ies)|conditions?|illness(?:es)?|"
                       r"diseases?|meds?|medications?|medicines?|pills|problems?\s+with|allerg)|"
                       r"^\s*(?:没有|没)(?:什么)?(?:症状|疼|痛|伤|病|不舒服|吃药|药)", re.I)
YES_NO_STEPS = ("currently_active",)


def no_about_other(text: str) -> bool:
    """A "no" about a named thing ("no symptoms", "没有症状"): no plain no to a yes/no question."""
    return bool(_NO_OTHER.search(text))


def not_about(key: str, text: str) -> bool:
    """True when a yes/no question is answered with a "no" about something else ("no symptoms 没有")."""
    return key in YES_NO_STEPS and no_about_other(text)


def owned(key: str) -> tuple[str, ...]:
    return ASKED_FIELDS.get(key, (key,))


def in_context(key: str, text: str, found: dict[str, Any], profile: dict[str, Any]) -> dict[str, Any]:
    """The answer to `key` plus the other facts of the message that do not overwrite an earlier answer."""
    direct = answer_for(key, text)
    found = dict(found)
    for other, asked in CONTEXT_FIELDS.get(key, {}).items():
        if key == "target" and other in found and found[other] < 25 and "target_amount_kg" in direct:
            found.pop(other)  # "10 pounds" to the target question: the amount to lose or gain (answer_for)
        elif other in found and asked not in found and asked not in direct:
            direct[asked] = found.pop(other)
    if key in LIST_FIELDS and key not in direct and key not in found and _NONE_LEAD.match(text):
        direct[key] = []  # "none, all good"
    if key == "medications" and (named := [m[0].lower() for m in _NAMED_MEDICINE.finditer(text)]):
        # "metformin and atorvastatin": a medicine named is kept as typed beside the classes read (statin)
        direct[key] = list(dict.fromkeys([*(direct.get(key) or []), *(found.pop(key, None) or []), *named]))
    if key == "medications" and key not in direct and key not in found and _OTHER_MEDICINE.search(text):
        direct[key] = []  # "just my blue inhaler", "prenatal vitamins only": none of the four kinds asked about
    if key == "sex" and key not in direct and _PRIVATE.search(text):
        direct[key] = "other"  # the button says "Other / prefer not to say"
    if key == "reminder" and not direct:
        direct = {k: v for k, v in settings_values(text).items() if k in ("reminder_time", "timezone")}
    if key in ("experience", "currently_active"):
        # "every evening I dance for an hour": how long and how often the habit is, not what the plan may take
        # (its own questions ask that)
        for habit in ("minutes_per_session", "days_per_week"):
            found.pop(habit, None)
    if key == "experience":
        found.pop("equipment", None)  # "some gym years ago" tells experience; equipment has its own question
        if key not in direct and _LAPSED.search(text):
            direct[key] = "beginner"  # training that stopped long ago: start as a beginner
    if not_about(key, text):  # "no symptoms 没有" says nothing about being active
        direct.pop(key, None)
        found.pop(key, None)
    elif key == "currently_active" and key not in direct and _NO_LEAD.match(text):
        direct[key] = False  # "not at all, desk job"
    _target_in_pounds(key, text, direct, found, profile)
    _only_removed(text, profile, direct, found)
    mine = owned(key)
    if "target_weight_kg" in profile and "target_delta_kg" not in mine:
        found.pop("target_delta_kg", None)  # "lose 3 kg" would rewrite the target weight already given
    kept = {k: v for k, v in found.items() if k in mine or k not in profile}
    # a field the answer implies but another question owns ("lose 5 kg" implies fat loss) never replaces its answer
    kept.update({k: v for k, v in direct.items() if k in mine or k not in profile})
    return kept


def _plausible(target: float, weight: float) -> bool:
    return 0.6 * weight <= target <= 1.5 * weight


def _target_in_pounds(key: str, text: str, direct: dict[str, Any], found: dict[str, Any],
                      profile: dict[str, Any]) -> None:
    """"get down to 190" with no unit, from someone weighing 95 kg: 190 kg is no target for them, 190 lb (86 kg) is;
    read in pounds when only pounds make sense (a number with its unit is taken as written)."""
    weight = profile.get("weight_kg")
    if key != "target" or not isinstance(weight, (int, float)) or ANY_WEIGHT_UNIT.search(normalize(text)[1]):
        return
    for values in (direct, found):
        v = values.get("target_weight_kg")
        if isinstance(v, (int, float)) and not _plausible(v, weight) and _plausible(v * WEIGHT_UNITS["lb"], weight):
            values["target_weight_kg"] = round(v * WEIGHT_UNITS["lb"], 1)


_LIST_STEMS = {"injury": "injuries", "condition": "conditions", "medication": "medications", "equipment": "equipment"}


def removed_items(text: str) -> dict[str, list[str]]:
    """List items the message says are gone ("my knee is fine now", "我没有高血压了"): {"injuries": ["knee"]}."""
    out: dict[str, list[str]] = {}
    for stem, removed in fact_values(text).items():
        field = _LIST_STEMS.get(stem.removesuffix("_remove")) if stem.endswith("_remove") else None
        if field:
            out[field] = removed if isinstance(removed, list) else [removed]
    return out


def _only_removed(text: str, profile: dict[str, Any], direct: dict[str, Any], found: dict[str, Any]) -> None:
    """"my knee is fine now" with knee and back given: the list loses the knee only, never every item."""
    for field, gone in removed_items(text).items():
        if not profile.get(field):
            continue
        for out in (direct, found):
            if out.get(field) == [] or field in out and set(out[field]) & set(gone):
                out[field] = [x for x in profile[field] if x not in gone]


def answer_values(key: str, text: str, *, optional: bool = True) -> dict[str, Any]:
    """The answer in the evaluation's terms: {"skip": True}, {"target_weight_kg": 68}, {"target_loss_kg": 4, ...};
    {"not_an_answer": True} for a remark or a value for another field ("I sleep 7 hours" to the session question)."""
    if optional and skips(key, text):
        return {"skip": True}
    found = extract(text)
    reading = read_answer(key, text, found, {})
    if reading.remark or (reading.offered and not reading.kept):
        return {"not_an_answer": True}
    vals = in_context(key, text, found, {})
    vals = {k: v for k, v in vals.items() if k in owned(key)}
    delta = vals.pop("target_delta_kg", None)
    if delta is not None and "target_weight_kg" not in vals:
        vals["target_loss_kg" if delta < 0 else "target_gain_kg"] = abs(delta)
    return vals

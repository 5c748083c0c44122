"""The last check on model text before a person reads it (English and Chinese), sentence by sentence.

Refused: training numbers (days, minutes, hours, sets, reps, RPE, heart-rate zones and %, bpm, loads) that the
validated plan or the user's profile does not hold (frequencies and durations may also come from the passages the
model was given); any medication advice beyond "don't change medication without your doctor"; intensity above the
plan's cap, exercise for someone under a hard stop, dismissing symptoms or warm-ups; claims that the plan changed
when no change was applied. One refused sentence refuses the whole answer: the deterministic coach answers instead.
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

SENTENCE = re.compile(r"(?<=[.!?;:])\s+|[。！？；：\n]+|(?<=[.!?])$")
NUM = r"(\d+(?:\.\d+)?)"
RANGE = NUM + r"(?:\s*(?:-|–|~|to|or|至|到|或)\s*" + NUM + r")?"
_CN = {"零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
CN_NUM = re.compile(r"[零一二两三四五六七八九十百]+")
UNITS: dict[str, tuple[str, float]] = {  # unit pattern -> (kind, factor)
    r"min(?:ute)?s?\b|分钟|分(?![之享析别开数])": ("minutes", 1), r"h\b|hrs?\b|hours?\b|个?小时|钟头": ("minutes", 60),
    r"days?\b|天|日": ("days", 1), r"(?:times?|sessions?|x)\s*(?:a|per|/|each)\s*week|次\s*/\s*周": ("days", 1),
    r"sets?\b|组": ("sets", 1), r"reps?\b|repetitions?\b": ("reps", 1),
    r"bpm\b|beats?\b|次\s*/\s*分|次每分钟": ("bpm", 1),
    r"kgs?\b|kilos?\b|kilograms?\b|lbs?\b|pounds?\b|公斤|千克|斤": ("load", 1),
}
PREFIXED = {r"rpe\s*(?:of\s*|at\s*|为\s*)?": "rpe", r"zone\s*": "zone", r"每周[^\d,，。]{0,4}?": "days"}
PLAN_ONLY = {"rpe", "zone", "pct", "bpm", "load"}  # intensities and loads: only the plan's own numbers
NEG = re.compile(r"\b(?:don'?t|do not|never|not|no|without|avoid|shouldn'?t|must not|can'?t|cannot|won'?t)\b|不要|别|切勿|不可|不能|勿|不得|"
                 r"不应|避免|无需|不必")
MED = re.compile(r"medic|\bmeds?\b|\bpills?\b|\bdrugs?\b|\bdos(?:e|es|age)\b|insulin|metformin|statin|blocker|"
                 r"aspirin|ibuprofen|painkiller|steroid|supplement|creatine|prescription|药|胰岛素|剂量|补剂|补充剂|"
                 r"类固醇|止痛|阿司匹林|布洛芬|肌酸")
DOCTOR = re.compile(r"doctor|physician|\bgp\b|pharmacist|cardiologist|医生|药师|大夫|医师")
MED_DANGER = re.compile(r"\b(?:stop|stopping|skip|skipping|quit|halve|double|reduce|increase|lower|raise|cut|drop|"
                        r"come off|take|taking|swap|replace|switch)\b|停|减|加倍|加量|少吃|多吃|服用|换")
VIGOROUS = re.compile(r"vigorous|high[- ]intensity|\bhiit\b|sprint|max(?:imum|imal)?[- ](?:effort|intensity|heart)|"
                      r"maximi[sz]e (?:the |your )?(?:intensity|effort)|"
                      r"all[- ]out|as hard as|to failure|剧烈|高强度|冲刺|全力|极限|力竭|最大强度")
EXERCISE = re.compile(r"\b(?:train|training|work ?out|exercise|run|running|jog|lift|lifting|sprint|hiit|cardio|"
                      r"session|sessions|push|squat|go for)\b|训练|锻炼|运动|跑|练|举|健身")
LIGHT = re.compile(r"\blight\b|gentle|easy|rest|轻|休息|散步")
RECOVERY = re.compile(LIGHT.pattern + r"|recover|恢复|\bapart\b")
NO_NEED = re.compile(r"no need|needn'?t|skip|不用|不需要|不需|省")
# hard sessions named as what recovery goes between or after ("an easy day between two high-intensity sessions",
# "两次高强度训练之间至少安排一天轻松日"): spacing advice about them, not a call to do them
SPACED_BEFORE = re.compile(r"\b(?:between|after|following|recover(?:y|ing)? from)\s+(?:(?:two|2|any|your|the|a|an|"
                           r"each|every|consecutive|back-to-back|of|and)\s+)*$")
SPACED_AFTER_EN = re.compile(r"\s*(?:interval\s*)?(?:training|sessions?|workouts?|days?|exercise)\b")
SPACED_AFTER_ZH = re.compile(r"^\s*(?:的)?(?:间歇)?(?:训练日?|运动|锻炼|课|日)\s*(?:之间|之后|以后|后|间)")
ALWAYS = re.compile(r"push (?:through|past) (?:the |any |your )?(?:pain|chest|dizz|symptom)|ignore (?:the |any |your )?"
                    r"(?:pain|chest|dizz|symptom|warning|doctor)|(?:no|don'?t) need (?:to see |for )?(?:a |the |your )?"
                    r"doctor|skip (?:the |your )?warm|no warm[- ]?up|without (?:a |any )?warm|忍一忍|忍着|不用看医生|"
                    r"无需就医|不需要看医生|不用热身|不需要热身|跳过热身|不必热身|忽略疼痛|不用管疼|别管疼|忽略(?:胸|头晕|症状)")
CHANGE_CLAIM = re.compile(r"\bi(?:'ve| have)? (?:changed|updated|modified|adjusted|set|increased|doubled)\b|"
                          r"your (?:new|updated|revised) plan|plan (?:is|has been) (?:now )?(?:changed|updated)|"
                          r"(?:已|已经)(?:为你|帮你|给你)?(?:更新|修改|调整|更改|改)|新的?计划")
JUDGED_UNSAFE = re.compile(r"\b(?:is|are)(?:n'?t| not) (?:safe|recommended|advised|allowed|for you)|not (?:safe|"
                           r"recommended|advised) for you|不安全|不适合|不建议|不推荐")
EVERY_DAY = re.compile(r"every (?:single )?day|daily|7 days a week|seven days|每天|天天|每日")


def _cn_to_int(s: str) -> str:
    if s in _CN:
        return str(_CN[s])
    if "十" in s and "百" not in s:
        tens, _sep, ones = s.partition("十")
        return str((_CN.get(tens, 1) if tens else 1) * 10 + (_CN.get(ones, 0) if ones else 0))
    return s


def _plain(text: str) -> str:
    return unicodedata.normalize("NFKC", text or "").lower()


def normalise(text: str) -> str:
    """NFKC, lower case, Chinese numerals as digits (for reading numbers only: 忍一忍 is not a number)."""
    text = re.sub(r"十分(?!钟)", "很", _plain(text))  # 十分 = "very", not 10 min
    return CN_NUM.sub(lambda m: _cn_to_int(m.group(0)), text)


def numbers(text: str) -> set[tuple[str, float]]:
    """(kind, value) pairs of the training numbers in normalised text."""
    found: set[tuple[str, float]] = set()
    for unit, (kind, factor) in UNITS.items():
        for m in re.finditer(RANGE + r"\s*-?\s*(?:" + unit + ")", text):  # "3 hours", "3-hour", "45-minute"
            found.update((kind, float(v) * factor) for v in m.groups() if v)
    for prefix, kind in PREFIXED.items():
        for m in re.finditer("(?:" + prefix + ")" + RANGE, text):
            found.update((kind, float(v)) for v in m.groups() if v)
    for m in re.finditer(r"(\d+)\s*[x×*]\s*(\d+)(?!\d)", text):
        found.update({("sets", float(m.group(1))), ("reps", float(m.group(2)))})
    if re.search(r"heart|hrr|max|心率|储备", text):
        found.update(("pct", float(v)) for m in re.finditer(RANGE + r"\s*%", text) for v in m.groups() if v)
    for m in re.finditer(r"(\d+)\s*区|(\d+)\s*/\s*10\b", text):
        found.update(("zone" if m.group(1) else "rpe", float(m.group(1) or m.group(2))) for _ in [0])
    return found


@dataclass
class Allowed:
    """The numbers a model may state, by kind; and the safety facts its text must respect."""

    values: dict[str, set[float]] = field(default_factory=dict)
    intensity_cap: str = "vigorous"
    hard_stop: bool = False
    applied: bool = False

    def add(self, kind: str, *values: Any) -> None:
        for v in values:
            try:
                self.values.setdefault(kind, set()).add(float(v))
            except (TypeError, ValueError):
                continue

    def add_range(self, kind: str, pair: Any) -> None:
        if isinstance(pair, (list, tuple)) and len(pair) == 2 and all(isinstance(v, (int, float)) for v in pair):
            self.add(kind, *range(int(pair[0]), int(pair[1]) + 1), *pair)


def _plan_numbers(allowed: Allowed, plan: dict) -> None:
    for week in plan.get("weeks") or []:
        sessions = week.get("sessions") or []
        allowed.add("days", len(sessions), *(s.get("day") for s in sessions))
        for s in sessions:
            allowed.add("minutes", s.get("minutes"))
            it = s.get("intensity") or {}
            allowed.add_range("rpe", it.get("rpe"))
            allowed.add_range("pct", it.get("pct_hrr"))
            allowed.add_range("bpm", it.get("hr_bpm"))
            for e in s.get("exercises") or []:
                allowed.add("minutes", e.get("minutes"))
                allowed.add("sets", e.get("sets"))
                allowed.add("reps", *re.findall(r"\d+", str(e.get("reps") or "")))
    allowed.add("days", len(plan.get("weeks") or []) * 7)  # "N weeks" written as days is rare; harmless


def allowed_numbers(plan: dict | None, profile: dict | None, passages: Iterable[str], *, intensity_cap: str,
                    hard_stop: bool, applied: bool) -> Allowed:
    """What the model may say for this user: the plan's and profile's numbers, the passages' durations."""
    allowed = Allowed(intensity_cap=intensity_cap or "vigorous", hard_stop=hard_stop, applied=applied)
    if plan:
        _plan_numbers(allowed, plan)
    prof = profile or {}
    allowed.add("days", prof.get("days_per_week"))
    allowed.add("minutes", prof.get("minutes_per_session"))
    allowed.add("load", prof.get("weight_kg"), prof.get("target_weight_kg"))
    allowed.add("bpm", prof.get("resting_hr"))
    for text in passages:
        for kind, value in numbers(normalise(text)):
            if kind not in PLAN_ONLY:
                allowed.add(kind, value)
    return allowed


def _unnegated(pattern: re.Pattern, sentence: str) -> bool:
    """True when `pattern` occurs in the sentence with no negation within the 24 characters before it."""
    for m in pattern.finditer(sentence):
        if not NEG.search(sentence[max(0, m.start() - 24): m.start()]):
            return True
    return False


def _spaced(sentence: str, m: re.Match) -> bool:
    """True when the hard-session mention is what rest goes between or after, in a sentence about recovery."""
    if not any(not (NEG.search(w) or NO_NEED.search(w))
               for w in (sentence[max(0, r.start() - 12): r.start()] for r in RECOVERY.finditer(sentence))):
        return False  # "no rest needed between hard sessions" is no recovery advice
    before, after = sentence[: m.start()], sentence[m.end():]
    return bool((SPACED_BEFORE.search(before) and SPACED_AFTER_EN.match(after)) or SPACED_AFTER_ZH.match(after))


def _urged(sentence: str) -> bool:
    """True when the sentence names vigorous effort other than to negate it or to space recovery around it."""
    for m in VIGOROUS.finditer(sentence):
        if not NEG.search(sentence[max(0, m.start() - 24): m.start()]) and not _spaced(sentence, m):
            return True
    return False


def sentence_problems(sentence: str, allowed: Allowed) -> list[str]:
    """Why one (NFKC, lower-case) sentence may not be shown; empty when it may."""
    problems = []
    for kind, value in numbers(normalise(sentence)):
        if value not in allowed.values.get(kind, set()):
            problems.append(f"number:{kind}")
    if EVERY_DAY.search(sentence) and EXERCISE.search(sentence) and not NEG.search(sentence) \
            and 7.0 not in allowed.values.get("days", set()):
        problems.append("number:days")
    if MED.search(sentence) and not (DOCTOR.search(sentence) and NEG.search(sentence)
                                     and not _unnegated(MED_DANGER, sentence)):
        problems.append("medication")
    if ALWAYS.search(sentence):
        problems.append("unsafe_advice")
    refuses = bool(JUDGED_UNSAFE.search(sentence))  # "maximum sprints are not safe for you" warns, not urges
    if allowed.intensity_cap != "vigorous" and _urged(sentence) and not refuses:
        problems.append("above_cap")
    if allowed.hard_stop and _unnegated(EXERCISE, sentence) and not (LIGHT.search(sentence) or refuses
                                                                     or DOCTOR.search(sentence)):
        problems.append("hard_stop")
    if not allowed.applied and CHANGE_CLAIM.search(sentence) and not NEG.search(sentence):
        problems.append("change_claim")
    return problems


def check(text: str, allowed: Allowed) -> list[str]:
    """Problem codes for the whole text (no user text in them); empty when it may be shown."""
    out: list[str] = []
    text = re.sub(r"kb-[a-z0-9]+(?:-[a-z0-9]+)*", "", _plain(text))  # ids name topics (kb-hiit-001), not advice
    for sentence in SENTENCE.split(text):
        if sentence and sentence.strip():
            out += [p for p in sentence_problems(sentence, allowed) if p not in out]
    return out


__all__ = ["Allowed", "allowed_numbers", "check", "numbers", "normalise", "sentence_problems"]

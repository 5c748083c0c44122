"""Passages about a condition the person does not have come after the others in a deterministic answer.

A passage written for one group of people (pregnancy, after a birth, a joint replacement, a stroke, COPD, heart
failure, a pacemaker, ...) answers a question well only for someone in that group, or when the question names it:
"is the bike ok if my knee hurts a bit?" from someone with a sore knee should be answered from the knee passages, not
from the one written for a new knee, although both speak of knees and stationary bikes. The search ranks by words and
meaning only; this orders its hits by who they are for, and a passage for another group is never the answer.
"""
from __future__ import annotations

import re
from typing import Any, Iterable

# topic → (words that name it in a question or in the profile's conditions and medications, codes that mean it)
_FOR: dict[str, tuple[str, frozenset[str]]] = {
    "pregnancy": (r"pregnan|expecting|trimester|antenatal|prenatal|孕|妊娠|怀了", frozenset({"pregnancy"})),
    "postpartum": (r"post-?partum|post-?natal|after\s+(?:the\s+|my\s+)?(?:birth|baby|delivery)|gave\s+birth|c-?section|"
                   r"caesarean|cesarean|diastasis|产后|剖腹|剖宫|生完|腹直肌分离",
                   frozenset({"postpartum", "caesarean", "diastasis_recti"})),
    "joint_replacement": (r"replace(?:d|ment)|arthroplast|prosthe|new\s+(?:knee|hip|shoulder)|置换|人工关节",
                          frozenset({"joint_replacement", "knee_replacement", "hip_replacement"})),
    "stroke": (r"stroke|(?<![a-z])tia(?![a-z])|中风|卒中|脑梗", frozenset({"stroke"})),
    "copd": (r"copd|emphysema|bronchitis|慢阻肺|肺气肿|支气管炎", frozenset({"copd"})),
    "neurological": (r"parkinson|multiple\s+sclerosis|(?<![a-z])ms(?![a-z])|帕金森|多发性硬化",
                     frozenset({"parkinsons", "multiple_sclerosis"})),
    "heart-failure": (r"heart\s+failure|心衰|心力衰竭", frozenset({"heart_failure"})),
    "pacemaker": (r"pacemaker|defibrillator|(?<![a-z])icd(?![a-z])|起搏器|除颤器", frozenset({"pacemaker"})),
    "afib": (r"a-?fib|atrial|房颤", frozenset({"atrial_fibrillation"})),
    "cardiac-rehab": (r"heart\s+attack|cardiac|stent|bypass|angina|心梗|支架|搭桥|心脏康复",
                      frozenset({"heart_disease"})),
    "cancer": (r"cancer|chemo|tumou?r|oncolog|癌|化疗|肿瘤", frozenset({"cancer"})),
    "kidney": (r"kidney|renal|dialysis|肾", frozenset({"kidney_disease"})),
    "concussion": (r"concuss|head\s+injur|脑震荡", frozenset({"concussion"})),
    "orthostatic_hypotension": (r"orthostatic|(?:dizz|faint|light-?head)\w*[^.?!]{0,20}stand|stand\w*\s+up[^.?!]{0,20}"
                                r"(?:dizz|faint|light-?head|black)|head\s*rush|体位性低血压|直立性低血压|站起来?.{0,4}晕|起身.{0,4}晕",
                                frozenset({"orthostatic_hypotension"})),
    "anticoagulants": (r"anticoagul|blood\s+thinner|warfarin|apixaban|rivaroxaban|抗凝|华法林",
                       frozenset({"anticoagulant"})),
    "antiplatelets": (r"antiplatelet|aspirin|clopidogrel|抗血小板|阿司匹林|氯吡格雷", frozenset({"antiplatelet"})),
    "beta-blockers": (r"beta[\s-]*blocker|β|[a-z]+olol|受体阻滞剂|洛尔", frozenset({"beta_blocker"})),
}
_RX = {topic: re.compile(words, re.I) for topic, (words, _codes) in _FOR.items()}
# passages for children and teenagers: for an adult only when the question is about a young person
_YOUTH_TOPICS = frozenset({"youth", "who-youth", "youth-strength", "youth-weight", "teen-supplements", "teen-steroids"})
_YOUNG = re.compile(r"teen|growth\s+plate|kid|child|son(?![a-z])|daughter|boy|girl|youth|young\s+athlete|school|(?<![0-9])1[0-7]\s*"
                    r"(?:-?\s*years?|y/?o)|孩子|儿童|青少年|少年|儿子|女儿|学生|初中|高中", re.I)
ADULT_AGE = 18


def _profile_words(profile: Any) -> tuple[set[str], str]:
    if profile is None:
        return set(), ""
    items = [str(x) for x in [*(getattr(profile, "conditions", None) or []),
                              *(getattr(profile, "medications", None) or [])]]
    return set(items), " ".join(x.replace("_", " ") for x in items)


def for_someone_else(passage: Any, profile: Any, question: str) -> bool:
    """True when the passage is written for a group the person is not in and the question does not name it."""
    topic = str(getattr(passage, "topic", "") or "")
    if topic in _YOUTH_TOPICS:
        age = getattr(profile, "age", None)
        return age is not None and age >= ADULT_AGE and not _YOUNG.search(question or "")
    if topic not in _FOR:
        return False
    codes, text = _profile_words(profile)
    rx = _RX[topic]
    return not (codes & _FOR[topic][1] or rx.search(text) or rx.search(question or ""))


def ordered(hits: Iterable[Any], profile: Any, question: str, min_score: float) -> list[Any]:
    """The hits for this person, those good enough (score >= min_score) first, then those for other groups of
    people. When none for this person is good enough, only theirs are returned (the caller then says it is not sure
    rather than answer from a passage written for someone else)."""
    hits = list(hits)
    mine = [h for h in hits if not for_someone_else(h.passage, profile, question)]
    if not any(h.score >= min_score for h in mine):
        return mine
    return mine + [h for h in hits if h not in mine]

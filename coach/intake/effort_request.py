"""A request to change how hard the plan is ("can we make the sessions a bit easier?", "step it up", "能不能轻松一点",
"加大强度"): {"wants": "lighter"} or {"wants": "harder"}, never a log of today's session.

A request needs a request word in English ("make", "can", "please", "let's", "tone it down") so a report ("today was
easier than last week", "it's not too easy") stays feedback; in Chinese the "一点 / 一些" of a wish, not a degree
after 感觉 / 觉得 / 得 or a comparison with 比. Pain wins (pain is its own path), and so do negations ("don't make it
easier", "不要降低强度") and hypotheticals ("if I lost weight would you give me harder workouts?").
"""
from __future__ import annotations

import re
import unicodedata

from coach.intake.numbers import F

_LIGHT_EN = (r"easier|lighter|gentler|less\s+(?:intense|intensity|hard|demanding|strenuous|tough|tiring|heavy)|"
             r"not\s+(?:so|as)\s+(?:hard|intense|tough|heavy)|lower\s+intensity|(?:a\s+)?(?:lighter|easier|gentler)\s+"
             r"(?:week|plan|sessions?|workouts?)")
_HARD_EN = (r"harder|tougher|more\s+(?:challenging|intense|intensity|difficult|demanding|of\s+a\s+challenge)|"
            r"higher\s+intensity|a\s+(?:bigger\s+)?challenge")
_ASK_EN = re.compile(r"(?<![a-z])(?:make|making|can|could|would|will|want|wanna|need|like|prefer|please|pls|plz|"
                     r"let'?s|should|how\s+about|switch|go|give|i'?d)(?![a-z])", F)
# phrases that are a request by themselves
_LIGHT_VERB = re.compile(r"(?<![a-z])(?:tone|dial|scale|wind|turn)\s+(?:it|things|this|that|the\s+(?:sessions|workouts|"
                         r"plan|training|intensity))?\s*(?:down|back)|ease\s+(?:off|up|back)|take\s+it\s+easier|"
                         r"(?:reduce|lower|decrease|drop|cut)\s+(?:the\s+|my\s+)?(?:intensity|effort|difficulty|load)|"
                         r"go\s+easier|back\s+off\s+(?:a\s+bit|a\s+little|the\s+intensity)", F)
_HARD_VERB = re.compile(r"(?<![a-z])(?:step|kick|ramp|crank|turn|dial|notch|level)\s+(?:it|things|this|that|the\s+"
                        r"(?:sessions|workouts|plan|training|intensity))?\s*up|up\s+the\s+(?:intensity|difficulty|ante)|"
                        r"(?:increase|raise|boost)\s+(?:the\s+|my\s+)?(?:intensity|effort|difficulty|load)|"
                        r"push\s+me\s+(?:more|harder)|challenge\s+me(?:\s+more)?", F)
_NEG_EN = re.compile(r"(?<![a-z])(?:don'?t|do\s+not|doesn'?t|no\s+need\s+to|never|not|no)\s+(?:[a-z']+\s+){0,3}$", F)
_IF_EN = re.compile(r"(?<![a-z])(?:if|unless|when\s+i|once\s+i)(?![a-z])|如果|要是|万一|等我", F)

_LIGHT_ZH = re.compile(r"(?:轻松|简单|容易|轻|缓和)(?:一点|一些|点|些)|降低(?:一下|一点|一些)?(?:训练)?(?:强度|难度)|"
                       r"(?:减轻|减小|减少|降)(?:一下|一点|点)?(?:训练)?(?:强度|难度)|(?:强度|难度)(?:降|低|小|减)(?:一点|一些|点|些|下来|一下)|"
                       r"(?:别|不要)(?:那么|这么|太)(?:累|难|辛苦|狠)")
_HARD_ZH = re.compile(r"(?:加大|增加|提高|提升|加)(?:一点|一下|点)?(?:训练)?(?:强度|难度)|(?:强度|难度)(?:大|高|加)(?:一点|一些|点|些)|"
                      r"(?:难|狠|有挑战性?)(?:一点|一些|点|些)|更(?:难|有挑战|狠)|再(?:难|狠)(?:一点|点)?")
# a degree or a comparison ("感觉轻松一点", "练得难一点", "比昨天难一点"): a report, not a wish
_REPORT_ZH = re.compile(r"(?:感觉|觉得|得|比[^，。！？,.!?]{0,8}|还是|已经)$")
_WISH_ZH = re.compile(r"想|希望|能不能|能否|可不可以|可以|请|让|帮我|给我")
_NEG_ZH = re.compile(r"(?:不要|别|不用|不想|不需要|没必要|不必)[^，。！？,.!?]{0,4}$")
_PAIN = re.compile(r"(?<![a-z])(?:hurt|hurts|hurting|pain|painful|injur(?:y|ed)|ache[ds]?|aching|sore\s+(?:knee|back|"
                   r"shoulder|hip|ankle|wrist|neck))(?![a-z])|疼|痛|伤", F)
_NO_PAIN = re.compile(r"(?<![a-z])(?:no|without|not\s+any)\s+(?:[a-z]+\s+)?(?:pain|hurt|aches?)(?![a-z])|(?:没有|没|不|无)(?:疼|痛)",
                      F)

# "it's not too easy", "不太轻松", "没那么简单": easy denied, so no "too easy" to log (coach.intake.intent_values)
NOT_EASY = re.compile(r"(?<![a-z])(?:not|isn'?t|wasn'?t|never|hardly)\s+(?:too\s+|that\s+|so\s+|very\s+|exactly\s+|"
                      r"really\s+)?easy(?![a-z])|(?:不|没)(?:太|够|是很|怎么|那么|有那么|算)?(?:轻松|简单)", F)

# "the sessions are too long", "can we shorten them", "每次练的时间短一些": shorter sessions, not lighter ones (the
# length asked for, coach.dialogue.changes.session_length)
_SHORTER = re.compile(r"(?<![a-z])(?:sessions|workouts|trainings?|they)\s+(?:are|feel|seem)\s+(?:a\s+bit\s+|way\s+|far\s+|"
                      r"much\s+)?too\s+long(?![a-z])|(?<![a-z])shorten\s+(?:them|the\s+(?:sessions|workouts)|my\s+"
                      r"(?:sessions|workouts))(?![a-z])|(?:训练|每次|练)的?时间(?:太长|(?:短|少)(?:一点|一些|点|些))", F)
# a complaint about a session's length ("today's session was too long", "took way too long", "ran out of time",
# "太长了", "练太久了"): no effort rating to log, the length to ask about (the same reply as "shorter")
_TOO_LONG = re.compile(
    r"(?<![a-z])(?:(?:session|workout|training|class|it|that|this|today|today'?s\s+(?:one|session|workout|training)|"
    r"cardio|run|walk)\s+(?:(?:was|is|felt|feels|seemed|went\s+on|lasted|ran)\s+)?(?:a\s+bit\s+|a\s+little\s+|way\s+|"
    r"far\s+|much\s+|really\s+|just\s+|kind\s+of\s+|kinda\s+)?(?:too|to|2)\s+long|took\s+(?:me\s+)?(?:a\s+bit\s+|way\s+|far\s+|much\s+|"
    r"really\s+)?(?:too\s+long|forever|ages)(?!\s+to\s)|ran\s+out\s+of\s+time|(?:didn'?t|did\s+not|never)\s+have\s+"
    r"(?:enough\s+)?time\s+to\s+finish|couldn'?t\s+finish\s+(?:it\s+)?in\s+time)(?![a-z])|^\W*(?:way\s+|far\s+)?too\s+"
    r"long\W*$|(?:训练|课|今天|这次|练得?)(?:的|得)?(?:时间)?(?:太长|太久|好长|好久)|^\W*(?:太长|太久)了?\W*$|练太久|"
    r"(?:没时间|来不及|时间不够)练完", F)
# the session skipped for want of time ("ran out of time so I skipped it"): a skip to log, not a length complaint
_SKIPPED = re.compile(r"(?<![a-z])(?:skip(?:ped)?|missed|didn'?t\s+(?:train|do\s+it|work\s*out|go))(?![a-z])|没练|没去|跳过",
                      F)


_LENGTH_WORD = re.compile(r"(?<![a-z])(?:too\s+long|took\s+(?:forever|ages)|out\s+of\s+time)(?![a-z])|太长|太久|好长|练完", F)


_LONG = re.compile(r"(?<![a-z])long(?![a-z])|很长|好长|挺长|有点长", F)


def speaks_of_length(text: str) -> str | None:
    """"too long" when the message speaks of a session being too long ("I don't think it was too long": no effort
    rating to guess), "long" when it only says it was long ("long but fine": done, not "too easy"), else None."""
    low = _norm(text)
    return "too long" if _LENGTH_WORD.search(low) else "long" if _LONG.search(low) else None


def _norm(text: str) -> str:
    return unicodedata.normalize("NFKC", text).lower().replace("’", "'")


def _en(low: str, words: str, verbs: re.Pattern[str]) -> bool:
    for m in verbs.finditer(low):
        if not _NEG_EN.search(low[:m.start()]):
            return True
    for m in re.finditer(rf"(?<![a-z])(?:{words})(?![a-z])", low):
        before = low[:m.start()]
        if _NEG_EN.search(before) and not m.group().startswith("not"):
            continue  # "don't make it easier", "I don't want it any harder"
        if _ASK_EN.search(before) or re.search(r"(?<![a-z])(?:please|pls|plz)(?![a-z])", low[m.end():]):
            return True
    return False


def _zh(text: str, rx: re.Pattern[str]) -> bool:
    for m in rx.finditer(text):
        before = text[:m.start()]
        if _REPORT_ZH.search(before) and not _WISH_ZH.search(before):
            continue
        if _NEG_ZH.search(before) and not m.group().startswith(("别", "不要")):
            continue
        return True
    return False


def effort_request(text: str) -> str | None:
    """"lighter" or "harder" when the message asks for the plan to change its effort, "shorter" when it asks for
    shorter sessions in words the length rules do not read ("the sessions are too long"), "pain" when it asks any of
    that beside a pain ("my knee hurts, can we make it easier?": the pain is what to read); None otherwise."""
    if not isinstance(text, str) or len(text) > 300:
        return None
    low = _norm(text)
    if _IF_EN.search(low):
        return None
    lighter = _en(low, _LIGHT_EN, _LIGHT_VERB) or _zh(low, _LIGHT_ZH)
    harder = _en(low, _HARD_EN, _HARD_VERB) or _zh(low, _HARD_ZH)
    short = _SHORTER.search(low) or (_TOO_LONG.search(low) if not _SKIPPED.search(low) else None)
    if short is not None and _NEG_EN.search(low[:short.start()]):
        short = None  # "I don't think the sessions are too long"
    wants = None if lighter == harder else "lighter" if lighter else "harder"  # both: not a request to read
    wants = wants or ("shorter" if short is not None else None)
    if wants is not None and _PAIN.search(_NO_PAIN.sub(" ", low)):
        return "pain"
    return wants

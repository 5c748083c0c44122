"""Set logs in messages: "squat 3x10 @ 40 kg", "深蹲 3组×10个 40公斤", "bench 60kg 8,8,7", "俯卧撑做了4组，每组15个".

`parse_sets(text)` reads each exercise's sets (reps per set, load per set in kg, lb and 斤 converted) from one
message; `match_exercise` says which plan or catalog exercise a typed name means. Pure: no database.

A message counts as a set log only when it has a set/rep structure: "3x10", "3 sets", "3组", "10 reps", "15个",
or, for an exercise the catalog knows, a per-set list ("8,8,7") or a bare count ("20 push-ups"). Weights,
durations and distances alone ("62.8 kg", "30 min", "5 km") are not set logs.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from coach.intake.context import UNDERSTOOD_CHARS
from coach.intake.numbers import WORD_NUM, normalize, number
from coach.intake.units import WEIGHT_UNITS
from knowledge.catalog import load_catalog

F = re.A | re.I
MAX_REPS = 100  # a "rep" count above this is some other number (a weight, a pressure, a year)
MAX_SETS = 20
MAX_LOAD_KG = 500.0  # above any lift a person logs (the deadlift world record is ~500 kg): a typo, not a load
_UNIT = r"(?:kilogrammes?|kilograms?|kilos?|kgs?|pounds?|lbs?|公斤|千克|磅|斤)(?![a-z])"
_LOAD = re.compile(rf"(?:(?:@|at|with|using|用|负重|加)\s*)?\+?(\d+(?:\.\d+)?)\s*({_UNIT})", F)
_AT_BARE = re.compile(r"@\s*(\d+(?:\.\d+)?)(?!\s*(?:x|×|\*|reps?|个|次|下))", F)
_BODYWEIGHT = re.compile(r"\b(?:body\s*weight|bodyweight|bw)\b|自重|徒手", F)
_NOT_REPS = r"(?!\s*(?:个?(?:小时|钟头|月|星期)|min|mins|minutes?|secs?|seconds?|s\b|km|m\b|miles?|hours?|hrs?|h\b|分钟|分|秒|公里|米|小时|天|周|kg|lb))"
_RANGE = r"(\d{1,3})(?:\s*(?:-|to|~|到|至)\s*(\d{1,3}))?"
_REP_WORD = r"(?:reps?|repetitions?|times|个|次|下)"
_SET_WORD = r"(?:sets?|rounds?|组|轮)"
_GLUE = r"(?:\s|x|×|\*|of|,|:|with|each|都|做了|做|了|每组|各|是|一组)*"
# strongest first: each pattern yields (sets, reps low, reps high)
_SETS_THEN_REPS = re.compile(rf"(?<![\d.])(\d{{1,2}})\s*{_SET_WORD}{_GLUE}{_RANGE}(?![\d.])\s*{_REP_WORD}?{_NOT_REPS}", F)
_REPS_THEN_SETS = re.compile(rf"(?<![\d.])(\d{{1,3}})\s*{_REP_WORD}\s*(?:x|×|\*|,|for|of|\s)*\s*(\d{{1,2}})\s*{_SET_WORD}", F)
_N_BY_M = re.compile(rf"(?<![\d.])(\d{{1,2}})\s*(?:x|×|\*|by)\s*{_RANGE}(?![\d.]){_NOT_REPS}", F)
_SETS_ONLY = re.compile(rf"(?<![\d.])(\d{{1,2}})\s*{_SET_WORD}", F)
_REPS_ONLY = re.compile(rf"(?<![\d.])(?:x|×|for)?\s*{_RANGE}\s*{_REP_WORD}|(?:^|\s)(?:x|×|for)\s*(\d{{1,3}})(?![\d.])", F)
_LIST = re.compile(r"(?<![\d.])(\d{1,3})((?:\s*(?:,|/|、|\s)\s*\d{1,3}(?![\d.])){1,11})", F)
_BARE = re.compile(r"(?<![\d.])(\d{1,3})(?![\d.])" + _NOT_REPS, F)
_TIME_OR_DISTANCE = re.compile(r"\d\s*(?:min|mins|minutes?|hours?|hrs?|km|miles?|s\b|secs?|seconds?|分钟|小时|公里|秒)", F)
# an effort score with the sets: "rpe 8", "@ rpe 7.5", "RPE9", "effort 8/10", "感觉8分", "2 rir" (RPE = 10 - RIR)
_RPE = re.compile(r"(?<![a-z])(?:rpe|effort)\s*(?:of|was|at|:|=)?\s*(?P<rpe>\d{1,2}(?:\.5)?)(?:\s*/\s*10)?|"
                  r"(?:@|(?<![a-z])at)\s*(?P<rpe2>\d{1,2}(?:\.5)?)\s*rpe(?![a-z])|(?<![a-z])rir\s*(?P<rir>\d)(?!\d)|"
                  r"(?<![\d.])(?P<rir2>\d)\s*rir(?![a-z])|(?:感觉|强度|吃力程度|费力程度)\s*(?P<zh>\d{1,2})\s*分", F)
_HARD = re.compile(r"too (?:hard|heavy)|struggled|failed|couldn'?t finish|太难|太重|很吃力|做不动|没做完", F)
_SPLIT = re.compile(r"[;\n。；!！?？]|,\s*(?=[^\d\s,])|\s+(?:and then|then|plus|also|and|after that)\s+|然后|接着|还有|另外|再做了|再",
                    F)
_EN_FILLER = frozenset("""i i've ive im i'm did do done today tonight this morning evening yesterday just finished
    finish completed complete my sets set reps rep of at with and the a an for x each all got had was were then also
    total workout session some did it in on to me we managed felt feel it's its was got went plus using used by
    per about around like on the weight weights load
    easy easier hard harder heavy heavier light lighter tough tiring brutal""".split())
# (how it felt is not part of the exercise's name: "rdl 3x10 60kg felt easy" is the rdl; "too hard" is read apart)
_ZH_FILLER = ("今天", "昨天", "早上", "晚上", "刚才", "刚刚", "一共", "总共", "每组", "做了", "练了", "完成了", "完成",
              "都是", "负重", "我", "做", "练", "了", "组", "个", "次", "下", "都", "各", "用", "的", "和", "共", "是",
              "在", "把", "只", "轮", "每", "加", "公斤", "千克", "斤", "磅")
_GENERIC = frozenset({"dumbbell", "barbell", "kettlebell", "band", "cable", "machine", "db", "kb", "bb", "bench",
                      "weighted", "seated", "standing", "single", "one", "arm", "leg"})
# typed short names → the words of the exercise they mean
ALIASES = {"bench": "bench press", "ohp": "overhead press", "rdl": "romanian deadlift", "dl": "deadlift",
           "deads": "deadlift", "pullup": "pullup", "chinup": "chinup", "pushup": "pushup", "press": "overhead press",
           "row": "bent over row", "curl": "biceps curl", "lunge": "reverse lunge", "plank": "forearm plank",
           "squat": "squat", "hip thrust": "hip thrust"}
_COMPOUND = re.compile(r"\b(push|pull|chin|sit|step)[\s-]?ups?\b", F)


@dataclass(frozen=True)
class SetEntry:
    """One exercise's sets from a message: reps and load (kg, None for bodyweight or unsaid) per set."""

    name: str  # the exercise as typed, normalised ("squat", "深蹲"); "" when none was named
    reps: tuple[int | None, ...]  # per set (None: the count was not said)
    loads_kg: tuple[float | None, ...]  # per set
    unit: str = ""  # the unit the load was typed in: kg | lb | jin ("" when none was given)
    bodyweight: bool = False
    rep_range: tuple[int, int] | None = None  # "3x8-10": the range typed (reps hold its low end)
    hard: bool = False  # the message says it was too hard ("too heavy", "太重")
    rpe: float | None = None  # the effort typed with the sets ("rpe 8"), 1-10

    @property
    def sets(self) -> int:
        return len(self.reps)


@dataclass(frozen=True)
class Candidate:
    """An exercise a typed name may mean; `tier` ranks where it comes from (today's session > plan > catalog)."""

    id: str
    names: tuple[str, ...]  # English and Chinese names
    tier: int = 0
    loaded: bool = False  # needs equipment (a load typed makes these likelier)


@dataclass
class _Found:
    sets: int | None = None
    reps: list[int | None] = field(default_factory=list)
    rep_range: tuple[int, int] | None = None
    strong: bool = False


# "one" as a pronoun, not a count: "a good one", "the last one", "that one", "another one"
_PRONOUN_ONE = re.compile(r"\b(?:(?:a|an|the|this|that|another|each|every|no|which|any)(?:\s+[a-z]+)?|last|next)\s+one\b",
                          re.I)


def _words_to_digits(text: str) -> str:
    kept = _PRONOUN_ONE.sub(lambda m: m.group()[:-3] + "\x00", text)  # held out of the conversion, then put back
    return re.sub(WORD_NUM, lambda m: f"{number(m.group()):g}", kept, flags=re.I).replace("\x00", "one")


def _units_to_kg(value: float, unit: str) -> tuple[float, str]:
    key = unit.lower()
    factor = WEIGHT_UNITS.get(key, 1.0)
    kind = "lb" if key.startswith(("lb", "pound", "磅")) else "jin" if key == "斤" else "kg"
    return round(value * factor, 2), kind


def _loads(seg: str) -> tuple[str, list[float], str]:
    """Loads typed in a segment (kg), the unit used, and the segment with them blanked out."""
    loads: list[float] = []
    unit = ""
    for m in list(_LOAD.finditer(seg)):
        kg, unit = _units_to_kg(float(m.group(1)), m.group(2))
        loads.append(kg)
    seg = _LOAD.sub(" ", seg)
    if not loads:
        m = _AT_BARE.search(seg)
        if m:
            loads.append(float(m.group(1)))
            seg = seg[:m.start()] + " " + seg[m.end():]
    return seg, loads, unit


def _rng(lo: str, hi: str | None) -> tuple[int, tuple[int, int] | None]:
    a = int(lo)
    b = int(hi) if hi else None
    return (a, (a, b)) if b and b > a else (a, None)


def _structure(seg: str) -> tuple[_Found, str]:
    """Sets and reps in a segment (its strongest pattern) and the segment with them blanked out."""
    f = _Found()
    for rx in (_SETS_THEN_REPS, _N_BY_M):
        m = rx.search(seg)
        if m and 1 <= int(m.group(1)) <= MAX_SETS:
            reps, f.rep_range = _rng(m.group(2), m.group(3))
            if 1 <= reps <= MAX_REPS:
                f.sets, f.reps, f.strong = int(m.group(1)), [reps] * int(m.group(1)), True
                return f, seg[:m.start()] + " " + seg[m.end():]
    m = _REPS_THEN_SETS.search(seg)
    if m and 1 <= int(m.group(2)) <= MAX_SETS and 1 <= int(m.group(1)) <= MAX_REPS:
        f.sets, f.reps, f.strong = int(m.group(2)), [int(m.group(1))] * int(m.group(2)), True
        return f, seg[:m.start()] + " " + seg[m.end():]
    m = _LIST.search(seg)
    if m:
        values = [int(x) for x in re.findall(r"\d+", m.group())]
        if all(1 <= v <= MAX_REPS for v in values):
            f.reps, f.sets = list(values), len(values)
            return f, seg[:m.start()] + " " + seg[m.end():]
    m = _SETS_ONLY.search(seg)
    if m and 1 <= int(m.group(1)) <= MAX_SETS:
        f.sets, f.strong = int(m.group(1)), True
        rest = seg[:m.start()] + " " + seg[m.end():]
        r = _REPS_ONLY.search(rest) or _BARE.search(rest)
        if r and r.group(1) and 1 <= int(r.group(1)) <= MAX_REPS:
            reps, f.rep_range = _rng(r.group(1), r.group(2) if r.re is _REPS_ONLY else None)
            return _with_reps(f, reps), rest[:r.start()] + " " + rest[r.end():]
        f.reps = [None] * f.sets
        return f, rest
    m = _REPS_ONLY.search(seg)
    if m:
        value = m.group(1) or m.group(3)
        if value and 1 <= int(value) <= MAX_REPS:
            reps, f.rep_range = _rng(value, m.group(2) if m.group(1) else None)
            return _with_reps(f, reps, sets=1), seg[:m.start()] + " " + seg[m.end():]
    m = _BARE.search(seg)
    if m and 1 <= int(m.group(1)) <= MAX_REPS:
        f.sets, f.reps = 1, [int(m.group(1))]
        return f, seg[:m.start()] + " " + seg[m.end():]
    return f, seg


def _with_reps(f: _Found, reps: int, sets: int | None = None) -> _Found:
    f.sets = f.sets or sets or 1
    f.reps = [reps] * f.sets
    return f


def _name_of(rest: str) -> str:
    """What is left of a segment once numbers, units and filler words are gone: the exercise as typed."""
    rest = _COMPOUND.sub(lambda m: m.group(1).lower() + "up", rest)
    cjk = re.sub(r"[^\u4e00-\u9fff]", " ", rest)
    for word in _ZH_FILLER:
        cjk = cjk.replace(word, " ")
    zh = "".join(cjk.split())
    words = [w for w in re.findall(r"[a-z][a-z'-]*", rest.lower()) if w not in _EN_FILLER
             and w.strip("'-") not in _EN_FILLER and not re.fullmatch(_UNIT, w, F)]
    en = " ".join(w.strip("'-") for w in words if w.strip("'-"))
    return " ".join(x for x in (en, zh) if x)


def _rpe(low: str) -> tuple[str, float | None]:
    """The effort score typed with the sets (1-10), and the text without it (its number is no rep count)."""
    m = _RPE.search(low)
    if m is None:
        return low, None
    rir = m["rir"] or m["rir2"]
    value = 10 - float(rir) if rir else float(m["rpe"] or m["rpe2"] or m["zh"])
    rest = low[:m.start()] + " " + low[m.end():]
    return rest, value if 1 <= value <= 10 else None


def _parse_segment(seg: str, hard: bool, rpe: float | None = None) -> SetEntry | None:
    seg, loads, unit = _loads(seg)
    bodyweight = bool(_BODYWEIGHT.search(seg))
    seg = _BODYWEIGHT.sub(" ", seg)
    found, rest = _structure(seg)
    if not found.sets:
        return None
    name = _name_of(rest)
    if not found.strong and not knows(name):
        return None  # "bp 90/60", "I'm 34": a list of numbers means sets only next to an exercise's name
    if _TIME_OR_DISTANCE.search(seg) and (not found.strong or not found.reps or found.reps[0] is None):
        return None  # "plank 3x60 s", "3 sets of 30 seconds": timed work is not a set log
    n = found.sets
    reps = tuple(found.reps) if found.reps else (None,) * n
    per_set = loads if len(loads) == n else ([max(loads)] * n if loads else [None] * n)
    return SetEntry(name=name, reps=reps, loads_kg=tuple(per_set), unit=unit or ("kg" if loads else ""),
                    bodyweight=bodyweight and not loads, rep_range=found.rep_range, hard=hard, rpe=rpe)


def _segments(text: str) -> list[str]:
    """Clauses that each name one exercise: a clause with no name of its own continues the one before."""
    chunks: list[str] = []
    for part in (p for p in _SPLIT.split(text) if p and p.strip()):
        has_name = bool(_name_of(re.sub(r"\d+", " ", _LOAD.sub(" ", part))))
        has_numbers = bool(re.search(r"\d", part))
        if chunks and not (has_name and re.search(r"\d", chunks[-1])
                           and _name_of(re.sub(r"\d+", " ", _LOAD.sub(" ", chunks[-1])))):
            chunks[-1] += " " + part  # "4组, 每组15个": the second clause belongs to the first
        elif chunks and not has_numbers and not has_name:
            chunks[-1] += " " + part
        else:
            chunks.append(part)
    return chunks


def parse_sets(text: str) -> list[SetEntry]:
    """Every exercise's sets in a message (empty when it holds no set log)."""
    _cased, low = normalize(text[:UNDERSTOOD_CHARS])
    low = _COMPOUND.sub(lambda m: m.group(1) + "up", _words_to_digits(low))
    out = []
    hard = bool(_HARD.search(low))
    low, rpe = _rpe(low)
    for seg in _segments(low):
        entry = _parse_segment(seg, hard, rpe)
        if entry is not None:
            out.append(entry)
    return out


# --------------------------------------------------------------------------- which exercise a name means
def _singular(word: str) -> str:
    if word.endswith(("ches", "shes", "sses", "xes")):
        return word[:-2]
    if word.endswith("s") and not word.endswith("ss") and len(word) > 3:
        return word[:-1]
    return word


@lru_cache(maxsize=4096)
def _tokens(text: str) -> frozenset[str]:
    text = _COMPOUND.sub(lambda m: m.group(1).lower() + "up", text.lower())
    text = re.sub(r"\(.*?\)|（.*?）", " ", text)
    return frozenset(_singular(w) for w in re.findall(r"[a-z]+", text))


@lru_cache(maxsize=4096)
def _zh(text: str) -> str:
    return "".join(re.findall(r"[\u4e00-\u9fff]", re.sub(r"（.*?）|\(.*?\)", "", text)))


def _score(phrase_en: frozenset[str], phrase_zh: str, cand: Candidate) -> tuple[float, int] | None:
    """(how much of the name matched, how many extra words the candidate has), None for no match."""
    best: tuple[float, int] | None = None
    named = phrase_en - _GENERIC  # "squat 哑铃": an English word no name of the candidate has rules the Chinese out
    en_apart = bool(named) and not any(named & _tokens(name) for name in cand.names)
    for name in cand.names:
        zh = _zh(name)
        if phrase_zh and zh and (phrase_zh in zh or zh in phrase_zh) and not en_apart:
            got = (len(min(phrase_zh, zh, key=len)) + (5 if phrase_zh == zh else 0), abs(len(zh) - len(phrase_zh)))
        else:
            toks = _tokens(name)
            hit = phrase_en & toks
            if not hit or hit <= _GENERIC:
                continue
            got = (len(hit) - 0.5 * len(phrase_en - toks), len(toks - hit))
        if best is None or got > best:
            best = got
    return best


def _phrase(name: str) -> tuple[frozenset[str], str]:
    low = name.lower().strip()
    low = re.sub(r"([a-z])'([a-z])", r"\1\2", low)  # "don't" is one word, not "don" and "t"
    en_words = " ".join(re.findall(r"[a-z]+", _COMPOUND.sub(lambda m: m.group(1) + "up", low)))
    en_words = ALIASES.get(en_words, en_words)
    return frozenset(_singular(w) for w in en_words.split()) - {"my"}, _zh(low)


def _ranked(name: str, candidates: Iterable[Candidate], loaded: bool) -> list[tuple[tuple, str]]:
    phrase_en, phrase_zh = _phrase(name)
    if not phrase_en and not phrase_zh:
        return []
    out = []
    for cand in candidates:
        got = _score(phrase_en, phrase_zh, cand)
        if got is not None:
            out.append(((got[0], cand.tier, 1 if cand.loaded == loaded else 0, -got[1]), cand.id))
    return sorted(out, key=lambda x: x[0], reverse=True)


def knows(name: str) -> bool:
    """Whether `name` means some catalog exercise done in sets: more of its words match a name than not ("don't
    have time days anymore" shares only the "t" of "Prone T raise": no exercise)."""
    ranked = _ranked(name, catalog_candidates(), False) if name else []
    return bool(ranked) and ranked[0][0][0] > 0


def match_exercise(name: str, candidates: Iterable[Candidate], *, loaded: bool = False) -> str | None:
    """The id of the candidate `name` means (today's session first, then the plan, then the catalog).

    None when nothing matches, or when only catalog exercises match and several equally well ("squat" could be
    a goblet, a back or a band squat): the log then keeps the name as typed rather than guess.
    """
    ranked = _ranked(name, candidates, loaded)
    if not ranked:
        return None
    (top, best_id), rest = ranked[0], ranked[1:]
    if top[1] == 0 and top[3] != 0 and rest and rest[0][0][:3] == top[:3]:
        return None
    return best_id


@lru_cache(maxsize=1)
def _catalog() -> tuple[Candidate, ...]:
    return tuple(Candidate(e.id, (e.name.en, e.name.zh, e.id.replace("_", " ")), 0, bool(e.equipment))
                 for e in load_catalog().values() if e.measure == "reps" or e.kind == "strength")


def catalog_candidates() -> Sequence[Candidate]:
    """Every catalog exercise done in sets, as a candidate of the lowest tier."""
    return _catalog()


def exercise_key(name: str) -> str:
    """A stable key for an exercise the catalog does not know ("leg day machine" → "leg_day_machine")."""
    words = re.findall(r"[a-z0-9]+|[\u4e00-\u9fff]+", name.lower())
    return "_".join(words)[:64] or "exercise"

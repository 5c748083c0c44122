"""Answers to one question: yes/no, skips, choices, a value for a named field, and checking answered values.

`parse_answer` reads the answer to a single question (the question says what the text is about, so a bare
"75" is a weight when weight was asked); `check_value` and `merge_fields` range-check what was read.
"""
from __future__ import annotations

import re
import unicodedata
from datetime import date
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from coach.domain.profile import LIST_FIELDS, LIST_VOCAB, RANGES, ProfileError, check_range, range_text
from coach.domain.vocab import EXPERIENCE, GOALS, SEXES
from coach.i18n import N_, t
from coach.intake import lexicon_en as en
from coach.intake import lexicon_zh as zh
from coach.intake.answer_values import answer_number
from coach.intake.context import Ctx
from coach.intake.extract import extract, run
from coach.intake.numbers import lower_keep_length
from coach.intake.scalars import NUMERIC_FIELDS
from coach.intake.times import fmt_time

YES_WORDS = en.YES_WORDS | zh.YES_WORDS
NO_WORDS = en.NO_WORDS | zh.NO_WORDS
SKIP_WORDS = en.SKIP_WORDS | zh.SKIP_WORDS
BOOL_FIELDS = ("consent", "currently_active")
ENUMS: dict[str, tuple[str, ...]] = {"goal": GOALS, "experience": EXPERIENCE, "sex": SEXES}
ENUM_ANSWERS: dict[str, dict[str, str]] = {f: {**en.ENUM_ANSWERS[f], **zh.ENUM_ANSWERS[f]} for f in ENUMS}
NONE_ANSWER = re.compile(r"^\s*(?:" + "|".join(en.NONE_ANSWERS + zh.NONE_ANSWERS) + r")\s*[.!。！]*\s*$", re.A)
_RX_FIRST_WORD = re.compile(r"[\s,，.!。！]+")
_RX_PARTICLES = re.compile(r"[的呀吧啊呢哦嘛了哈嗯滴]*(?:$|[\s,，.!。！~])")
_CJK_YES_NO = sorted((w for w in YES_WORDS | NO_WORDS if not w.isascii()), key=len, reverse=True)
_RX_ANSWER_BP = re.compile(r"(?<![\d.])(\d{2,3})\s*(?:/|over|\\|-|\s)\s*(\d{2,3})(?!\d)", re.A)
_RX_ANSWER_HOUR = re.compile(r"\s*(?:at\s+)?(\d{1,2})\s*(?:o'?clock|点|时)?\s*", re.A)
_TIME = re.compile(r"\b([01]?\d|2[0-3])[:.h]([0-5]\d)\b")
_RX_IANA_WORD = re.compile(r"[A-Za-z_]+/[A-Za-z_]+(?:/[A-Za-z_]+)?")
_CHOICE_FIELDS = ("goal", "experience", "sex", "currently_active", "preferences")


def yes_no(text: str, *, loose: bool = False) -> bool | None:
    """True/False when the whole answer is a yes/no word in English or Chinese ("yeah", "nope", "同意", "不是").

    `loose` also reads the first word ("yes please") and a Chinese answer's start ("好的呀", "不是的").
    """
    s = lower_keep_length(unicodedata.normalize("NFKC", text)).strip(" \t\n.!。！,，~")
    first = _RX_FIRST_WORD.split(s, maxsplit=1)[0] if s else ""
    for candidate in (s, first) if loose else (s,):
        if candidate in NO_WORDS:
            return False
        if candidate in YES_WORDS:
            return True
    if loose:
        for word in _CJK_YES_NO:  # Chinese answers run on without spaces: "不是的", "好的呀"
            if s.startswith(word):
                if word == "有" and not _RX_PARTICLES.match(s, len(word)):
                    return None  # "有高血压": a fact (have X), not a yes
                return word in YES_WORDS
    return None


# words that may follow the yes/no of a reply to "Keep …?" / "Save?" without saying anything else
_REPLY_TAIL_EN = frozenset({
    "please", "thanks", "thank", "you", "thx", "ty", "that's", "thats", "that", "this", "it", "it's", "its", "is",
    "right", "correct", "wrong", "fine", "good", "great", "perfect", "cool", "save", "keep", "store", "go", "ahead",
    "do", "don't", "dont", "not", "i", "want", "all", "of", "course", "sure", "ok", "okay", "absolutely",
    "definitely", "exactly", "yes", "yeah", "yep", "no", "nope", "nah", "agree", "them", "those", "these", "they",
    "are", "way", "me", "thank-you", "mean", "meant", "did", "didn't", "didnt", "need", "to", "just", "leave", "skip",
})
_REPLY_TAIL_ZH = sorted(("保存", "存", "记下", "记住", "记", "吧", "了", "谢谢", "对", "没错", "就这样", "可以", "好",
                         "是", "的", "呀", "啊", "嗯", "哦", "不用", "不要", "算了", "别", "存了", "行", "确定"),
                        key=len, reverse=True)
_NONE_WORDS = re.compile(r"没有|没|没有了|都没有|无|none|nothing|none at all|nothing at all")
_RX_REPLY_PUNCT = re.compile(r"[\s,，.!。！~?？、]+")


def reply_yes_no(text: str) -> bool | None:
    """Yes/no to "Keep …?" or "Save?": the whole answer, or a yes/no word followed only by words that add nothing
    ("yes please save it", "no, that's wrong", "不用了谢谢"). "no chest pain or anything", "never really trained" and
    "没有胸痛" carry facts of their own: they answer nothing here (None), so they are read as what they say."""
    if _NONE_WORDS.fullmatch(unicodedata.normalize("NFKC", text or "").strip(" \t\n.!。！,，~").lower()):
        return None  # "没有" / "none" say there is none (an answer to another question), not "don't save"
    yn = yes_no(text, loose=True)
    if yn is None or yes_no(text) is not None:
        return yn
    s = lower_keep_length(unicodedata.normalize("NFKC", text)).strip(" \t\n.!。！,，~")
    words = [w.strip("'\"") for w in _RX_REPLY_PUNCT.split(s) if w]
    if words and words[0].isascii():
        return yn if all(w in _REPLY_TAIL_EN for w in words[1:]) else None
    rest = _RX_REPLY_PUNCT.sub("", s)
    for word in _CJK_YES_NO:
        if rest.startswith(word):
            rest = rest[len(word):]
            break
    while rest:
        tail = next((w for w in _REPLY_TAIL_ZH if rest.startswith(w)), None)
        if tail is None:
            return None
        rest = rest[len(tail):]
    return yn


_YES_FILLER = frozenset({"i", "do", "that's", "thats", "fine", "please", "all", "good", "好", "好的", "嗯", "行", "可以",
                         "没问题", "是的", "就", "我"})


def all_yes(text: str) -> bool:
    """Every word of the answer says yes ("ok yes i agree", "好的 同意", "sure 同意"); one no-word or any other word
    and it is not (used where only a clear yes may count, like consent)."""
    s = lower_keep_length(unicodedata.normalize("NFKC", text)).strip(" \t\n.!。！,，~")
    words = [w for w in _RX_FIRST_WORD.split(s) if w]
    if not words or any(w in NO_WORDS or w.startswith("不") for w in words):
        return False
    return any(w in YES_WORDS for w in words) and all(w in YES_WORDS or w in _YES_FILLER for w in words)


def is_skip(text: str) -> bool:
    """True for "skip", "don't know", "跳过" and the like."""
    return text.strip().lower() in SKIP_WORDS


def choice(field: str, text: str) -> str | None:
    """A code of `field`'s vocabulary written as the whole answer ("fat loss", "M", "新手"), else None."""
    s = lower_keep_length(unicodedata.normalize("NFKC", text)).strip(" .!。！")
    if s in ENUMS[field]:
        return s
    if s.replace(" ", "_") in ENUMS[field]:
        return s.replace(" ", "_")
    return ENUM_ANSWERS.get(field, {}).get(s)


def _parse_text_field(field: str, ctx: Ctx, found: dict[str, Any]) -> Any | None:
    """Answers to the bp, list, choice, reminder and timezone questions."""
    if field == "bp":
        if "bp_systolic" in found and "bp_diastolic" in found:
            return found["bp_systolic"], found["bp_diastolic"]
        m = _RX_ANSWER_BP.search(ctx.text)
        return (int(m[1]), int(m[2])) if m else None
    if field in LIST_FIELDS:
        return [] if NONE_ANSWER.match(ctx.text) else found.get(field)
    if field in ENUMS:
        picked = choice(field, ctx.text)
        return picked if picked is not None else found.get(field)
    if field in ("reminder_time", "timezone", "preferences"):
        if field in found:
            return found[field]
        if field == "reminder_time":
            m = _RX_ANSWER_HOUR.fullmatch(ctx.text)
            return fmt_time(int(m[1]), 0) if m else None
        return None
    return found.get(field)


def parse_answer(field: str, text: str) -> Any | None:
    """Canonical value for `field` from an answer to that one question, or None if it does not answer it."""
    if not isinstance(text, str) or not isinstance(field, str) or not text.strip():
        return None
    if field in BOOL_FIELDS:
        yn = yes_no(text, loose=True)
        if yn is not None or field == "consent":
            return yn
        return extract(text).get("currently_active")
    ctx = Ctx.build(text, date.today(), answer=True)
    found = run(ctx)
    if field in NUMERIC_FIELDS:
        value = answer_number(field, ctx, found)
        return NUMERIC_FIELDS[field](value) if value is not None else None
    return _parse_text_field(field, ctx, found)


# --------------------------------------------------------------------------- checking answered values

def check_value(field: str, value: Any) -> Any:
    """Validate one answered value; ProfileError names the field, unit and range."""
    if field in RANGES:
        return check_range(field, value)
    vocab = ENUMS.get(field)
    if vocab is not None:
        if value not in vocab:
            raise ProfileError(field, f"expected one of {', '.join(vocab)}")
        return value
    if field in LIST_FIELDS:
        allowed = LIST_VOCAB.get(field)
        items = [str(x) for x in (value or [])]
        if allowed:
            bad = [x for x in items if x not in allowed]
            if bad:
                raise ProfileError(field, f"unknown value {bad[0]!r}")
        return [x for x in dict.fromkeys(items) if x != "none"]
    if field == "currently_active":
        return bool(value)
    if field == "preferences":
        return value if isinstance(value, dict) else {}
    return value


def _with_target_weight(found: dict, profile: dict, weight_hint: float | None) -> dict:
    """Turn a target change ("lose 5 kg") into a target weight; drop the keys that are not profile fields."""
    found = dict(found)
    amount = found.pop("target_amount_kg", None)  # "10 pounds" to the target question: the goal says which way
    if amount is not None and "target_delta_kg" not in found:
        gains = found.get("goal", profile.get("goal")) == "muscle_gain"
        found["target_delta_kg"] = float(amount) if gains else -float(amount)
    delta = found.pop("target_delta_kg", None)
    if delta is not None and "target_weight_kg" not in found:
        base = found.get("weight_kg", profile.get("weight_kg", weight_hint))
        if base is not None:
            found["target_weight_kg"] = round(float(base) + float(delta), 1)
        if delta < 0 and "goal" not in found and "goal" not in profile:
            found["goal"] = "fat_loss"
    found.pop("reminder_time", None)
    found.pop("timezone", None)
    return found


def merge_fields(found: dict, profile: dict, *, weight_hint: float | None = None) -> tuple[dict, list[ProfileError]]:
    """Check extracted fields one by one: good ones come back to store, bad ones as errors (nothing stored)."""
    good: dict[str, Any] = {}
    errors: list[ProfileError] = []
    for key, value in _with_target_weight(found, profile, weight_hint).items():
        if key not in RANGES and key not in _CHOICE_FIELDS and key not in LIST_FIELDS:
            continue
        try:
            good[key] = check_value(key, value)
        except ProfileError as exc:
            errors.append(exc)
    sys_, dia = good.get("bp_systolic", profile.get("bp_systolic")), good.get("bp_diastolic", profile.get("bp_diastolic"))
    if ("bp_systolic" in good or "bp_diastolic" in good) and sys_ is not None and dia is not None and sys_ <= dia:
        errors.append(ProfileError("bp_diastolic", f"diastolic ({dia} mmHg) must be below systolic ({sys_} mmHg)"))
        good.pop("bp_systolic", None)
        good.pop("bp_diastolic", None)
    return good, errors


def answer_for(key: str, text: str) -> dict:
    """Parse a direct answer to the step `key` into profile fields ({} when it is not an answer)."""
    if key == "bp":
        val = parse_answer("bp", text)
        if isinstance(val, (tuple, list)) and len(val) == 2:
            return {"bp_systolic": val[0], "bp_diastolic": val[1]}
        return {}
    if key == "target":
        found = extract(text)
        out = {k: found[k] for k in ("target_weight_kg", "target_delta_kg", "target_weeks", "goal") if k in found}
        small = found.get("weight_kg")
        if small is not None and "target_weight_kg" not in out and "target_delta_kg" not in out and 0 < small < 25:
            out["target_amount_kg"] = small  # "10 pounds" to "do you have a target?": an amount, no body weight
        return out
    if key == "reminder":
        return {}
    if key == "pregnancy_trimester":
        return _pregnancy_stage(text)
    val = parse_answer(key, text)
    if val is None:
        return {}
    return {key: val}


_WEEKS_PREGNANT = re.compile(r"(?<![\d.])(\d{1,2})\s*(?:\+\s*\d\s*)?(?:weeks?|wks?|w(?![a-z])|周)|(?:怀孕|孕)(\d{1,2})\s*周", re.I)
_TRIMESTER_WORD = re.compile(r"(?<![a-z])(first|1st|second|2nd|third|3rd)(?![a-z])|(?:孕)?(早|中|晚)期|第?([一二三123])(?:个)?孕期",
                             re.I)
_TRIMESTER_OF = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "早": 1, "中": 2, "晚": 3,
                 "一": 1, "二": 2, "三": 3, "1": 1, "2": 2, "3": 3}


def _pregnancy_stage(text: str) -> dict:
    """"24 weeks", "怀孕24周" → weeks_pregnant and its trimester; "second", "3rd trimester", "孕中期", "2" → trimester."""
    m = _WEEKS_PREGNANT.search(text)
    if m:
        weeks = int(m.group(1) or m.group(2))
        if 1 <= weeks <= 42:
            return {"weeks_pregnant": weeks, "pregnancy_trimester": 1 if weeks <= 13 else 2 if weeks <= 27 else 3}
        return {"weeks_pregnant": weeks}  # out of range: named in the error
    m = _TRIMESTER_WORD.search(text)
    if m:
        return {"pregnancy_trimester": _TRIMESTER_OF[(m.group(1) or m.group(2) or m.group(3)).lower()]}
    val = parse_answer("pregnancy_trimester", text)
    return {} if val is None else {"pregnancy_trimester": val}


def parse_reminder(text: str) -> tuple[str | None, str | None]:
    """('HH:MM' or None, IANA timezone or None) from a reminder answer."""
    found = extract(text)
    time_val = found.get("reminder_time")
    if time_val is None:
        m = _TIME.search(text)
        if m:
            time_val = f"{int(m.group(1)):02d}:{m.group(2)}"
    tz = found.get("timezone")
    if tz is None:
        for word in _RX_IANA_WORD.findall(text):
            try:
                ZoneInfo(word)
                tz = word
                break
            except (ZoneInfoNotFoundError, ValueError):
                continue
    return time_val, tz


# --------------------------------------------------------------------------- telling people what was wrong

FIELD_NAMES = {
    "age": N_("age"), "height_cm": N_("height"), "weight_kg": N_("weight"), "resting_hr": N_("resting heart rate"),
    "bp_systolic": N_("blood pressure"), "bp_diastolic": N_("blood pressure"), "bp": N_("blood pressure"),
    "currently_active": N_("active in the last 3 months"), "body_fat_pct": N_("body fat"),
    "sleep_hours": N_("sleep"), "days_per_week": N_("days per week"), "minutes_per_session": N_("minutes per session"),
    "target_weight_kg": N_("target weight"), "target_weeks": N_("target weeks"), "goal": N_("goal"),
    "experience": N_("experience"), "sex": N_("sex"), "equipment": N_("equipment"), "injuries": N_("injuries"),
    "conditions": N_("conditions"), "symptoms": N_("symptoms"), "medications": N_("medications"),
}
UNITS = (N_("years"), N_("cm"), N_("kg"), N_("bpm"), N_("mmHg"), N_("%"), N_("hours"), N_("days"), N_("minutes"),
         N_("weeks"))


def _states_range(err: ProfileError) -> bool:
    """Whether the error is about the field's range or a number (else it says something else: "diastolic must be
    below systolic", shown as it is)."""
    lo, hi, _unit = RANGES[err.field]
    return "out of range" in err.message or "expected" in err.message or (
        f"{lo:g}" in err.message and f"{hi:g}" in err.message)


def error_text(lang: str, err: ProfileError) -> str:
    """A person-friendly error that names the field, unit and accepted range."""
    label = t(lang, FIELD_NAMES.get(err.field, err.field))
    if err.field in RANGES and _states_range(err):
        return t(lang, "That {label} doesn't look right: it must be {range}. Nothing was saved; please try again.",
                 label=label, range=range_hint(err.field, lang))  # in words: never the field's code
    return t(lang, "That {label} doesn't look right ({msg}). Nothing was saved; please try again.",
             label=label, msg=err.message)


def range_hint(key: str, lang: str) -> str:
    """'13–100 years' in the user's language."""
    lo, hi, unit = RANGES[key]
    return f"{lo:g}–{hi:g} {t(lang, unit)}"

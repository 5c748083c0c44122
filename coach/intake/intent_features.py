"""Rule features the intent classifier sees next to the embedding, and the language a message is written in.

Each feature is a cue the small embedding model blurs: a question mark or a question word, a hypothetical
("if I weighed 90 kg"), a sets-by-reps pattern, a clock time, a number with a body-metric unit, a "typo" word.
"""
from __future__ import annotations

import re
import unicodedata

from coach.intake.numbers import F

HAN = re.compile(r"[\u4e00-\u9fff]")
LATIN_WORD = re.compile(r"[A-Za-z]{2,}")

_QUESTION = re.compile(
    r"[?？]|^\s*(?:how|what|why|when|where|which|who|is|are|can|could|should|would|will|do|does|did|may|shall)"
    r"(?![a-z])|(?<![a-z])(?:what'?s|how\s+(?:much|many|long|often))(?![a-z])|吗\s*$|呢|怎么|为什么|什么|多少|多久|"
    r"哪个|哪些|是否|能不能|可不可以|要不要|会不会|好不好|有没有|如何|几", F)
_HYPOTHETICAL = re.compile(r"(?<![a-z])(?:if|suppose|what\s+if|imagine|would|were\s+i|had\s+i|in\s+case)(?![a-z])|"
                           r"如果|假如|假设|要是|万一|的话", F)
_HOWTO = re.compile(r"(?<![a-z])(?:how\s+(?:do|to|should|can)\s+(?:i|you)?|form|technique|cues?|video|show\s+me|"
                    r"tips?\s+for|explain)(?![a-z])|怎么做|怎么练|要领|动作|姿势|视频|教我|示范", F)
_SETS = re.compile(r"\d\s*[x×*]\s*\d|\d+\s*(?:sets?|组)|(?:\d+\s*[,，]\s*){2}\d+|每组|个\s*$", F)
_TIME = re.compile(r"\d{1,2}[:.]\d{2}|\d\s*(?:am|pm)|点半?|o'?clock|(?<![a-z])(?:remind|reminders?|timezone|"
                   r"pause|resume|language|english|chinese|check-?ins?)(?![a-z])|提醒|时区|暂停|恢复|中文|英文|签到", F)
_METRIC = re.compile(r"\d\s*(?:kg|kgs|kilos?|lbs?|pounds?|公斤|斤|千克|bpm|%|mm\s*hg|hours?|hrs?|小时)|\d{2,3}\s*/\s*\d{2,3}|"
                     r"(?<![a-z])(?:weigh(?:t|ed|s)?|scale|bp|blood\s+pressure|heart\s*rate|hr|pulse|slept|sleep|"
                     r"body\s*fat)(?![a-z])|体重|血压|心率|睡了|体脂", F)
_TYPO = re.compile(r"(?<![a-z])(?:typo|typed|oops|whoops|meant|mistake|wrong|correction|correct|actually|not\s+\d|"
                   r"scratch\s+that|sorry|i\s+mean|should\s+(?:be|have\s+been)|make\s+that|fix|instead|fat[\s-]?finger"
                   r"(?:ed)?|misread|off\s+by|ignore\s+that|is\s+(?:the\s+)?right(?:\s+one)?)(?![a-z])|打错|输错|写错|错了|应该是|更正|不对|搞错|改成|改一下|看错|多打|少打|是", F)


def correction_cue(text: str) -> bool:
    """Whether the message says a value was wrong ("typo", "I meant", "打错了")."""
    return bool(_TYPO.search(unicodedata.normalize("NFKC", text).lower()))
_FEEDBACK = re.compile(r"(?<![a-z])(?:done|finished|completed|skipped|missed|too\s+(?:easy|hard|heavy)|workout|session|"
                       r"today)(?![a-z])|完成|练完|做完|没练|跳过|太轻松|太简单|太难|太累|今天", F)
_SELF = re.compile(r"(?<![a-z])(?:i|i'm|i've|my|me)(?![a-z])|我", F)
_DIGIT = re.compile(r"\d|[一二三四五六七八九十两半]")

# traditional characters people type in otherwise simplified messages (the rule tables are written in simplified)
_TRAD = str.maketrans("練頭暈發悶點週裡麼時們這個後東車來對說話還過運動體重壓脈腫氣會問題聽邊開關設醫藥訓習鐘從覺當讓幾無歲隻達", "练头晕发闷点周里么时们这个后东车来对说话还过运动体重压脉肿气会问题听边开关设医药训习钟从觉当让几无岁只达")


def to_simplified(text: str) -> str:
    """Common traditional characters mapped to simplified, so the Chinese rule tables read both."""
    return text.translate(_TRAD)


FEATURE_NAMES = ("question", "hypothetical", "howto", "sets", "settings_words", "metric", "typo", "feedback_words",
                 "first_person", "digit", "short", "han")


def features(text: str) -> list[float]:
    """One 0/1 (or 0..1) value per FEATURE_NAMES entry."""
    s = unicodedata.normalize("NFKC", text).lower().strip()
    return [float(bool(rx.search(s))) for rx in (_QUESTION, _HYPOTHETICAL, _HOWTO, _SETS, _TIME, _METRIC, _TYPO,
                                                  _FEEDBACK, _SELF, _DIGIT)] + [
        float(len(s) <= 8), float(bool(HAN.search(s)))]


def message_lang(text: str) -> str:
    """'zh' when the message is mostly Chinese, 'en' when mostly Latin words, '' when neither says."""
    han = len(HAN.findall(text))
    latin = len(LATIN_WORD.findall(text))
    if han >= 2 and han >= latin:
        return "zh"
    if latin >= 1 and latin > han:
        return "en"
    return "zh" if han else ""

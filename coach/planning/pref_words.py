"""Liked and disliked activities as the planner searches for them (physician review 14: a Chinese user's 广场舞,
square dancing, was not recognised and her sessions' cardio went to other activities). A like is read as the
activities it names: its English key ("running"), an English phrase holding one ("square dancing": dancing), or a
Chinese name (广场舞, 太极, 快走, 游泳, 骑车, 跳绳...: coach.intake.lexicon_zh.ACTIVITIES, the words the intake reads)."""
from __future__ import annotations

import re

from coach.intake.lexicon_zh import ACTIVITIES

_ZH = {key: re.compile("|".join(pats)) for key, pats in ACTIVITIES.items()}
_CJK = re.compile(r"[\u4e00-\u9fff]")


def activity_keys(item: str, known: dict[str, tuple[str, ...]]) -> list[str]:
    """The English activity keys one written like names ("广场舞" -> dancing; "square dancing" -> dancing), in the
    order found; the text itself when it names none of them."""
    key = item.strip().lower()
    if not key or key in known:
        return [key] if key else []
    if _CJK.search(key):
        at = {k: m.start() for k, rx in _ZH.items() if (m := rx.search(key))}
        found = sorted(at, key=at.__getitem__)
        return [k.replace("_", " ") if k.replace("_", " ") in known else k for k in found] or [key]
    at = {k: m.start() for k in known if " " not in k and (m := re.search(rf"\b{re.escape(k)}\b", key))}
    return sorted(at, key=at.__getitem__) or [key]


def search_words(items: list[str], known: dict[str, tuple[str, ...]]) -> tuple[str, ...]:
    """Search words for liked or disliked activities, through `known` (key -> words), else the key without a
    plural s; Chinese keys the table lacks (tai_chi, jump_rope) search for themselves."""
    out: list[str] = []
    for item in items:
        for key in activity_keys(item, known):
            out.extend(known.get(key, (key.rstrip("s"),)))
    return tuple(dict.fromkeys(w for w in out if w))

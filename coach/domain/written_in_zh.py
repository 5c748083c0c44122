"""A condition written in Chinese with a time or side around it (review 13): "膝关节置换术后6个月", "右髋关节置换（2024年）"
are the condition their known name gives, as "knee_replacement_6_months" is in English (coach.domain.vocab's
condition_code takes the longest known run of words; Chinese has no spaces to split on). Only when nothing but a time,
a side or the words of an operation is left over: "膝关节置换术后感染" stays as written, so screening reports it as a
condition without specific rules (moderate at most) instead of absorbing the infection into the replacement."""
from __future__ import annotations

import re

_CJK = re.compile(r"[\u4e00-\u9fff]")
# what may surround a known name: digits and numerals, time words (年 月 周 天 半 前 后 已 约 余 多 去年 今年 上个月),
# sides (左 右 双 侧), the operation (手术 术后 做了 行), punctuation and spaces
_LEFT_OVER = re.compile(r"[\d一二两三四五六七八九十去今上\s_.,，。、:：;；()（）\-~至到年个月周星期天日半前后已经约余多近左右双侧单边术手做了行过的于在是]*")


def zh_condition(code: str, aliases: dict[str, str]) -> str | None:
    """The code a Chinese condition names by the longest known Chinese name inside it, when only a time, a side or
    the operation's words are left over; None otherwise (and for text without Chinese)."""
    if not _CJK.search(code) or code in aliases:
        return None
    names = sorted((a for a in aliases if _CJK.search(a) and a in code), key=len, reverse=True)
    for name in names:
        rest = code.replace(name, "", 1)
        if _LEFT_OVER.fullmatch(rest) and "术前" not in code:  # before the operation: not had yet
            return aliases[name]
    return None

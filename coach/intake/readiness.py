"""Questions about training today: "is it ok to train today?", "should I rest or train?", "今天可以练吗".

They are answered from the person's state (coach.dialogue.readiness), never with a passage, and change nothing.
"""
from __future__ import annotations

import re

_TRAIN_EN = (r"(?:train|training|work\s*out|workout|exercise|lift|lifting|run|running|go\s+to\s+the\s+gym|hit\s+the\s+"
             r"gym|do\s+(?:my|the|today'?s)\s+(?:workout|session|training)|go\s+for\s+(?:a\s+)?run)")
_WHEN_EN = r"(?:today|tonight|now|this\s+(?:morning|afternoon|evening))"
_EN = re.compile(
    rf"(?<![a-z])(?:(?:is\s+it|it'?s|would\s+it\s+be)\s+(?:ok(?:ay)?|safe|fine|alright|all\s+right|a\s+good\s+idea|wise)"
    rf"\s+(?:for\s+me\s+)?to\s+{_TRAIN_EN}|(?:should|can|could|may|shall)\s+i\s+(?:still\s+|really\s+)?"
    rf"(?:{_TRAIN_EN}|skip|rest|take\s+(?:a|the)\s+(?:day|rest\s+day)\s+off)(?:[^.?!]{{0,40}}?{_WHEN_EN})|"
    rf"(?:am\s+i|i'?m)\s+(?:ok|okay|good|fit|ready|fine)\s+to\s+{_TRAIN_EN}|"
    rf"(?:train|workout|work\s+out|exercise)\s+or\s+rest|rest\s+or\s+(?:train|work\s*out|exercise)|"
    rf"ready\s+(?:for|to)\s+(?:train|today'?s\s+(?:session|workout))|"
    rf"(?<![a-z])(?:{_TRAIN_EN})\s+{_WHEN_EN}\s*\?)(?![a-z])", re.I)
_TRAIN_ZH = r"(?:练|训练|运动|锻炼|健身|跑步|跑|去健身房|上课)"
_ZH = re.compile(
    rf"(?:今天|今晚|现在|今早|早上|晚上)[^。！？?]{{0,8}}?(?:可以|能不能|可不可以|能|适合|适不适合|要不要|该不该|还能|还可以|"
    rf"应该|需要)(?:去)?{_TRAIN_ZH}|(?:可以|能|适合)(?:去)?{_TRAIN_ZH}吗|"
    rf"(?:今天|今晚)(?:还)?{_TRAIN_ZH}(?:吗|不{_TRAIN_ZH}|还是休息)|休息还是{_TRAIN_ZH}|(?:要不要|该不该)休息")
_ZH_ASKING = re.compile(r"[吗呢么嘛？?]|不|还是|要不要|该不该")  # "我现在可以去健身房了" tells, it does not ask
_DRINK = re.compile(r"hang\s*over|hungover|hung\s+over|(?<![a-z])drunk|after\s+(?:drinking|a\s+night\s+out|beers?)|"
                    r"宿醉|喝(?:了)?(?:酒|多)|酒后|喝完酒", re.I)
_HOWTO = re.compile(r"(?<![a-z])how\s+(?:do|should|to)\b|怎么做|怎么练|动作", re.I)
# "my knee hurts, can I train today?", "我膝盖疼，今天还能练吗": a question about training with that pain (the passage
# and the injury note), never "yes, go ahead" from the day's state
_PAIN = re.compile(r"(?<![a-z])(?:hurts?|hurting|pain(?:ful)?|injur(?:y|ed)|sprain(?:ed)?|strain(?:ed)?|pulled)(?![a-z])|"
                   r"疼|痛|受伤|拉伤|扭伤", re.I)
_NO_PAIN = re.compile(r"(?<![a-z])(?:no|without|not\s+any)\s+(?:[a-z]+\s+)?(?:pain|hurt|aches?)(?![a-z])|(?:没有|没|不|无)(?:疼|痛)",
                      re.I)  # "is it ok to train with no back pain today?" still asks about today


def asks_readiness(text: str) -> bool:
    """True when the message asks whether to train (today) rather than how to."""
    if not isinstance(text, str) or not text.strip() or len(text) > 300:
        return False
    low = text.lower()
    # a hangover is the alcohol passage's question (kb-alcohol-002); a pain is training with that pain
    if _HOWTO.search(low) or _DRINK.search(low) or _PAIN.search(_NO_PAIN.sub(" ", low)):
        return False
    return bool(_EN.search(low) or (_ZH.search(text) and _ZH_ASKING.search(text)))

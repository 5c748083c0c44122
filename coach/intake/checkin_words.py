"""Check-in answers in words: "didn't measure", "haven't weighed myself", "没量" skip the question; "a bit sore",
"not very sore", "pretty low", "great", "有点酸", "精力还行" answer the 1-5 soreness and energy scales (the coach says
which number it noted). A message naming the other scale ("energy is ok" at the soreness question) answers neither."""
from __future__ import annotations

import re
import unicodedata

from coach.intake.numbers import F

_NOT_MEASURED = re.compile(
    r"^\W*(?:i\s+)?(?:didn'?t|did\s+not|haven'?t|have\s+not|never|couldn'?t|forgot\s+to)\s+(?:measure|check|weigh|take|"
    r"track|test)(?:ed)?(?:\s+(?:it|myself|that|today|yet|this\s+morning))*\W*$|^\W*(?:not\s+measured|no\s+idea|dunno|"
    r"don'?t\s+know|not\s+sure|idk|no\s+scale|n/?a|no\s+reading)\W*$|^\W*(?:没|没有|还没|忘了|忘记)(?:量|测|称|测量|记)(?:过|了)?"
    r"\W*$|^\W*(?:不知道|不清楚|没数)\W*$", F)
_NAMES = {"soreness": re.compile(r"(?<![a-z])(?:sore(?:ness)?|doms|aching|achy|stiff)(?![a-z])|酸", F),
          "energy": re.compile(r"(?<![a-z])(?:energy|energetic|tired|exhausted|drained)(?![a-z])|精力|精神|能量|累", F)}
_PAIN = re.compile(r"(?<![a-z])(?:hurts?|hurting|pain(?:ful)?|injur(?:y|ed)|knee|back|shoulder|hip|ankle|wrist|neck|"
                   r"elbow)(?![a-z])|疼|痛|伤|膝|腰|肩|踝|腕|颈", F)
_SCALES = {  # most specific first; a negated word ("not very sore", "not great") before the word itself
    "soreness": (
        (1, r"(?<![a-z])(?:not\s+(?:sore|at\s+all)|no(?:\s+soreness)?|none|nope|fine|zero)(?![a-z])|不酸|没有?酸|一点也不|完全不"),
        (5, r"(?<![a-z])(?:extremely|super|insanely|can'?t\s+move)(?![a-z])|特别酸|非常酸|酸死|动不了|超级酸"),
        (2, r"(?<![a-z])(?:not\s+(?:very|too|that|so)\s+sore|a\s+(?:little|bit)\s+sore|slightly|mild(?:ly)?|"
            r"barely)(?![a-z])|^\W*(?:a\s+(?:little|bit)|kinda|sort\s+of)\W*$|有点酸|^有一点$|稍微|轻微|^一点点$"),
        (4, r"(?<![a-z])(?:very|really|pretty|quite)\s+sore(?![a-z])|很酸|挺酸|比较酸"),
        (3, r"(?<![a-z])(?:moderately|somewhat|medium|sore)(?![a-z])|有些酸|中等|酸"),
    ),
    "energy": (
        (1, r"(?<![a-z])(?:exhausted|drained|dead|wiped(?:\s+out)?|no\s+energy|empty)(?![a-z])|精疲力尽|累死|没精神|没劲|很累"),
        (2, r"(?<![a-z])(?:not\s+(?:great|good|so\s+good|too\s+good)|low|tired|meh|sluggish|so\s*-?\s*so)(?![a-z])|"
            r"有点累|不太好|不怎么样|偏低|低"),
        (5, r"(?<![a-z])(?:great|excellent|amazing|fantastic|awesome|full\s+of\s+energy)(?![a-z])|很好|非常好|特别好|棒|"
            r"精力充沛|满血"),
        (4, r"(?<![a-z])(?:good|energetic|strong)(?![a-z])|不错|挺好|好"),
        (3, r"(?<![a-z])(?:ok(?:ay)?|fine|average|normal|alright|all\s+right|decent)(?![a-z])|还行|一般|还可以|正常|凑合"),
    ),
}


def _norm(text: str) -> str:
    return unicodedata.normalize("NFKC", text or "").lower().replace("’", "'").strip()


def not_measured(text: str) -> bool:
    """"didn't measure", "haven't weighed myself", "dunno", "没量": no value for this question (a skip)."""
    return isinstance(text, str) and len(text) <= 80 and bool(_NOT_MEASURED.search(_norm(text)))


def scale_word(step: str, text: str) -> int | None:
    """1-5 for a soreness or energy answer in words ("a bit sore" → 2, "great" → 5); None when the words give no
    number, the message is long, or it names the other scale."""
    low = _norm(text)
    if step not in _SCALES or not low or len(low) > 40 or re.search(r"\d", low):
        return None
    if _PAIN.search(low):  # "my knee hurts a bit": a pain, read as one, never a soreness score
        return None
    other = next(k for k in _NAMES if k != step)
    if _NAMES[other].search(low) and not _NAMES[step].search(low):
        return None
    for value, rx in _SCALES[step]:
        if re.search(rx, low, F):
            return value
    return None

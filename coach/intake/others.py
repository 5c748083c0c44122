"""Two readings of a symptom word that are not a pain to log: normal muscle soreness and someone else's illness.

"legs sore from yesterday", "a bit stiff after leg day", "肌肉酸痛", "腿还酸着": the usual soreness after training
(DOMS), not an injury. Sharp, stabbing or joint pain, a named joint, a strain or swelling still counts as pain.

"my son has a fever", "my wife hurt her knee", "孩子发烧了", "我妈膝盖疼": a symptom of another person; nothing about
the person's own body, profile or training follows from it.
"""
from __future__ import annotations

import re
import unicodedata

F = re.I
# soreness words; 酸痛 / 酸疼 are soreness although they hold 痛 / 疼
_SORE = re.compile(r"(?<![a-z])(?:sore(?:ness)?|achy|aching|stiff(?:ness)?|doms)(?![a-z])|酸痛|酸疼|酸胀|发酸|"
                   r"还酸|很酸|好酸|有点酸|酸着|酸了|僵硬|发紧", F)
# what makes it a pain to look at: its kind, a joint, an injury word, a pain word that is not part of a soreness word
_REAL_PAIN = re.compile(
    r"(?<![a-z])(?:sharp|stabbing|shooting|sudden(?:ly)?|joint|swell(?:ing|ed)?|swollen|popp?(?:ed)?|twinge[ds]?|"
    r"tweak(?:ed)?|pulled|strain(?:ed)?|sprain(?:ed)?|injur[a-z]*|hurts?|hurting|pain[a-z]*|numb|tingl[a-z]*|"
    r"knees?|elbows?|wrists?|ankles?|shoulders?|hips?|neck|back|spine|chest|bruis[a-z]*|can'?t\s+(?:walk|move|bend))"
    r"(?![a-z])|刺痛|剧痛|锐痛|关节|肿|扭|拉伤|受伤|伤到|麻|膝|腕|踝|肘|肩|髋|腰|背|颈|脖|胸", F)
_PAIN_ZH = re.compile(r"疼|痛")


def _norm(text: str) -> str:
    return unicodedata.normalize("NFKC", text or "").lower().replace("’", "'")


# muscles said to be spent in everyday words: "my legs are killing me", "quads are wrecked", "腿废了"
_SPENT = re.compile(
    r"(?<![a-z])(?:legs?|quads?|hamstrings?|glutes?|calf|calves|arms?|biceps|triceps|abs|core|muscles|thighs?|"
    r"everything|whole\s+body|body)\s+(?:are|is|'re|'s|feel|feels)?\s*(?:so\s+|totally\s+|absolutely\s+|completely\s+)?"
    r"(?:killing\s+me|wrecked|destroyed|dead|toast|jelly|shot|on\s+fire|screaming|trashed|fried)(?![a-z])|"
    r"(?:腿|胳膊|手臂|全身|浑身)(?:都|已经)?(?:废了|快废了|散架了?|软了)", F)


def normal_soreness(text: str) -> bool:
    """Soreness words and nothing that makes it a pain to look at (kind, joint, injury, a plain 疼 / 痛)."""
    low = _norm(text)
    if not (_SORE.search(low) or _SPENT.search(low)) or _REAL_PAIN.search(low):
        return False
    return not _PAIN_ZH.search(_SORE.sub(" ", low))


_REL_EN = (r"(?:son|daughter|kids?|child|children|baby|wife|husband|partner|spouse|mom|mum|mother|dad|father|"
           r"parents?|brother|sister|friend|boyfriend|girlfriend|grand(?:ma|pa|mother|father)|colleague|boss|"
           r"(?:room|flat|house)mate|dog|cat|mate|buddy|pal|coworker|co-worker|neighbou?r|teammate|cousin|"
           r"gym\s+buddy|training\s+partner)")
_REL_ZH = (r"(?:孩子|儿子|女儿|宝宝|小孩|老婆|老公|妻子|丈夫|爱人|妈妈|妈|爸爸|爸|母亲|父亲|父母|哥哥|姐姐|弟弟|妹妹|"
           r"朋友|男朋友|女朋友|对象|爷爷|奶奶|外公|外婆|同事|老板|室友)")
_NAMED_ZH = _REL_ZH.replace("妈妈|妈|爸爸|爸|", "妈妈|爸爸|")
# a bare 妈 / 爸 is often an exclamation (妈呀); 他汀 is a statin
_OTHER = re.compile(rf"(?<![a-z])(?:my|our|his|her|their)\s+(?:little\s+|eldest\s+|youngest\s+)?{_REL_EN}(?![a-z])|"
                    rf"(?<![a-z])(?:he|she)(?:'s)?(?![a-z])|{_NAMED_ZH}|我妈|我爸|(?<!其)他(?!汀)|她", F)
# the person themself: I, me, my + a word that is no relative; 我 not followed by a relative, 自己
_SELF = re.compile(rf"(?<![a-z])(?:i|i'm|i've|me|myself)(?![a-z'])|(?<![a-z])my\s+(?!(?:little\s+|eldest\s+|"
                   rf"youngest\s+)?{_REL_EN}(?![a-z]))|我(?!的?{_REL_ZH})|自己", F)
_ILL = re.compile(r"(?<![a-z])(?:fever|sick|ill|flu|cold|covid|hurts?|hurt|pain[a-z]*|injur[a-z]*|broke|broken|"
                  r"faint(?:ed|s)?|passed\s+out|collapsed|heart\s+attack|stroke|"
                  r"sprain(?:ed)?|aches?|sore|hospital|surgery|cough(?:ing)?|fell|vomit[a-z]*|temperature)(?![a-z])|"
                  r"发烧|发热|生病|病了|感冒|疼|痛|伤|骨折|住院|咳嗽|扭|摔|吐|不舒服", F)


def someone_else_unwell(text: str) -> bool:
    """Another person's illness or injury told, with nothing said about the person's own body."""
    low = _norm(text)
    return bool(_OTHER.search(low) and _ILL.search(low) and not _SELF.search(low))


def about_someone_else(text: str) -> bool:
    """The message is about another person ("my friend weighs 90 kg", "我老婆血压140/90"), not about the sender."""
    low = _norm(text)
    return bool(_OTHER.search(low) and not _SELF.search(low))


# another person as the subject of what was done ("my son did 3x10 squats", "我儿子今天做了3组深蹲"; not "my wife and I
# did...", not "did the workout with my friend")
_OTHER_DID = re.compile(rf"^\W*(?:(?:today|yesterday|so|and)\s+)?(?:my|our)\s+(?:little\s+|eldest\s+|youngest\s+)?"
                        rf"{_REL_EN}(?![a-z])(?!\s+and\s+(?:i|me)(?![a-z]))|^\W*(?:今天|昨天)?\W*(?:我?的?{_NAMED_ZH}|我妈|我爸)"
                        rf"(?!和我|跟我)", F)


def someone_else_did(text: str) -> bool:
    """Another person is who did what the message tells ("my son did 3x10 squats"): nothing of it is the sender's log."""
    return isinstance(text, str) and bool(_OTHER_DID.search(_norm(text)))


_PAST = re.compile(r"(?<![a-z])(?:used\s+to|last\s+(?:year|month|summer|winter|spring|autumn|fall|time)|"
                   r"(?:a\s+few|\d+|two|three|four|five|ten|several|many)\s+(?:years?|months?)\s+ago|a\s+(?:year|month)"
                   r"\s+ago|years\s+ago|back\s+(?:then|in)|when\s+i\s+was|in\s+(?:19|20)\d\d|before\s+(?:my|the|i))"
                   r"(?![a-z])|以前|之前|去年|原来|曾经|年前|个月前|那时|过去|上个?月|上(?:个)?(?:周|星期|礼拜)|上次|前年|"
                   r"当时", F)


def told_past(text: str) -> bool:
    """A value from the past ("I used to weigh 95 kg", "我以前90公斤"): history, not today's reading."""
    return bool(_PAST.search(_norm(text)))


_SESSION = re.compile(r"(?<![a-z])(?:work\s*out|workouts?|sessions?|training|trained|train|lift(?:ed|ing)?|run|ran|"
                      r"running|class|gym|exercises?|sets?|reps?|squats?|did\s+it|done|finished|that\s+was|it\s+was|"
                      r"after)(?![a-z])|练|训练|课|跑|做完|动作|组", F)


def mentions_session(text: str) -> bool:
    """The message refers to a session or an exercise ("that was tough", "练完好累"), not only to how one feels
    ("feeling tired today", "我有点累")."""
    return bool(_SESSION.search(_norm(text)))

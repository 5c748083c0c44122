"""Choices stated in messages: goal, experience, activity status, sex, and liked or disliked activities."""
from __future__ import annotations

import bisect
import re
from typing import Any

from coach.intake import lexicon_en as en
from coach.intake import lexicon_zh as zh
from coach.intake.context import Ctx
from coach.intake.mentions import Mention, compile_table, find, masked
from coach.intake.numbers import F

GOAL_RX = compile_table(en.GOALS, zh.GOALS)
EXPERIENCE_RX = compile_table(en.EXPERIENCE, zh.EXPERIENCE)
ACTIVE_RX = compile_table(en.ACTIVE, zh.ACTIVE)
SEX_RX = compile_table(en.SEX, zh.SEX)
ACTIVITY_RX = compile_table(en.ACTIVITIES, zh.ACTIVITIES)
SENTIMENT_RX = compile_table(en.SENTIMENT, zh.SENTIMENT)
DESIRE = re.compile(en.DESIRE + "|" + "|".join(zh.DESIRE), re.A)

_PREF_GAP = re.compile(
    r"(?:\s++|\x00++|[,/&+、]|(?<![a-z])(?:and|or|to|go|going|doing|do|a|an|the|some|for|long|short|"
    r"outdoor|indoor|slow|easy|gentle|light|really|also|too|especially|mostly|mainly|classes|class|"
    r"sessions|out|more|on|with|my|friends|such|as|e\.g\.|both|either|things|stuff|sports?|"
    r"activities|like|it|that|this|kind|of|any|much|at\s+all|when|i|can|playing|play|trying|try|"
    r"things\s+like|about)(?![a-z])|和|或者|或|还有|以及|跟|去|做|练|打|玩|一些|点|也|还|比较|特别|很|非常|"
    r"的|上|一下|都|那种)*", F)
_PREF_POST = re.compile(r"\s*(?:is|are|'s|gets?|feels?)?\s*(?:so\s+|too\s+|really\s+|pretty\s+|very\s+|"
                        r"kind\s+of\s+|kinda\s+)?(?:(?P<bad>boring|dull|the\s+worst|not\s+for\s+me|"
                        r"not\s+my\s+thing|awful|terrible|tedious)|(?P<good>fun|great|my\s+fav(?:ou)?rite|"
                        r"the\s+best|enjoyable))(?![a-z])|\s*(?:太|很|好|特别|真|有点)?(?:(?P<bad2>无聊|没意思|"
                        r"枯燥|累人|没兴趣|不感兴趣|没有兴趣)|(?P<good2>有意思|好玩|有趣))", F)
_RX_LOCAL_NEG = re.compile(r"(?<![a-z])(?:not|no|never|without|nor|dont|isnt|arent)(?![a-z])|n't|"
                           r"不是|不想|不要|没|别|并非|无需", F)
_RX_GOAL_OVERRIDE = re.compile(r"(?<![a-z])(?:actually|mainly|mostly|primarily|main\s+goal|most\s+importantly|"
                               r"above\s+all|rather|instead|i\s+mean|sorry)(?![a-z])|主要|其实|最重要|更想|还是|不对", F)


def _sentiment(ctx: Ctx, verbs: list[tuple[int, int, str]], verb_ends: list[int], act_mask: str,
               a: int, b: int) -> str | None:
    """'like', 'dislike' or None for the activity at [a, b): the nearest sentiment verb before it, or after it."""
    lo, _ = ctx.sentence(a)
    sentiment = None
    i = bisect.bisect_right(verb_ends, a) - 1
    if i >= 0:  # only the nearest sentiment word before the activity can govern it
        va, vb, vcode = verbs[i]
        if va >= max(lo, a - 100) and _PREF_GAP.fullmatch(act_mask, vb, a):
            sentiment = vcode
    post = _PREF_POST.match(ctx.text, b)
    if post:
        sentiment = "dislike" if post["bad"] or post["bad2"] else "like"
    if ctx.answer and sentiment is None:
        sentiment = "like"
    return sentiment


def preferences(ctx: Ctx) -> dict[str, list[str]]:
    """Likes and dislikes: each activity takes the nearest sentiment verb before it in its sentence."""
    acts = find(ACTIVITY_RX, ctx)
    if not acts:
        return {}
    verbs = find(SENTIMENT_RX, ctx)
    verb_ends = [vb for _, vb, _ in verbs]
    act_mask = masked(ctx.text, [Mention(a, b, "act", c) for a, b, c in acts])
    likes: list[str] = []
    dislikes: list[str] = []
    for a, b, code in acts:
        sentiment = _sentiment(ctx, verbs, verb_ends, act_mask, a, b)
        target = likes if sentiment == "like" else dislikes if sentiment == "dislike" else None
        if target is not None and code not in target:
            target.append(code)
    if not likes and not dislikes:
        return {}
    return {"likes": [c for c in likes if c not in dislikes], "dislikes": dislikes}


def _local_negation(ctx: Ctx, start: int) -> bool:
    """A negation word earlier in the same clause ("I don't want to bulk", "不想增肌")."""
    lo, _ = ctx.segment(start)
    return bool(_RX_LOCAL_NEG.search(ctx.text[max(lo, start - 30):start]))


def categories(ctx: Ctx, out: dict[str, Any]) -> None:
    """Goal (into `out`), experience, activity status and sex (into the context's findings)."""
    t = ctx.text
    goals = [(a, code) for a, _, code in find(GOAL_RX, ctx) if not _local_negation(ctx, a)]
    if goals:
        goal = goals[0][1]
        for a, code in goals[1:]:
            lo, _ = ctx.sentence(a)
            if _RX_GOAL_OVERRIDE.search(t[max(lo, a - 30):a]):
                goal = code
        out["goal"] = goal
    for table, name in ((EXPERIENCE_RX, "experience"), (SEX_RX, "sex")):
        for a, _, code in find(table, ctx):
            if name == "sex" or not _local_negation(ctx, a):
                ctx.put(name, code, a)
    for a, b, code in find(ACTIVE_RX, ctx):
        if code == "yes" and (_local_negation(ctx, a) or DESIRE.search(t[ctx.segment(a)[0]:a])):
            continue
        ctx.put("currently_active", code == "yes", a)
        if code == "no" and "never" in t[a:b]:
            ctx.put("experience", "beginner", a, weak=True)

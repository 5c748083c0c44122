"""A liked tai chi becomes a real session block (review 13).

kb-neuromotor-002 (Garber et al., ACSM 2011): tai chi is a multifaceted neuromotor activity (balance, coordination,
controlled movement) that can meet the neuromotor recommendation of 2-3 sessions of 20-30 minutes a week;
kb-falls-001 (Sherrington et al. 2019): tai chi may also help prevent falls; kb-osteoarthritis-001: the ACR strongly
recommends it for knee and hip OA. So someone who says they like tai chi (in any language) gets, in their mobility
and balance sessions, a block of a simple form (catalog `tai_chi_form`, light, low impact) when it fits their limits:
the exercise is allowed for them (pregnancy, injuries, dislikes, equipment).

The block's minutes come from the session's own timed drills: each keeps one round of its written dose
(timed.drill_minutes), balance drills first, so the session's length and its balance minutes stay the same (the
balance drills' minutes go to a balance block). At most TAI_CHI_MAX minutes (the passage's 30); no block shorter
than TAI_CHI_MIN, so it is a real practice, not a 2-minute add-on.
"""
from __future__ import annotations

import re

from coach.i18n import N_
from coach.planning.context import Context, matches
from coach.planning.timed import drill_minutes
from knowledge.catalog import load_catalog, safe_for

TAI_CHI_ID = "tai_chi_form"
TAI_CHI_MIN, TAI_CHI_MAX = 10, 30  # kb-neuromotor-002: sessions of 20-30 minutes; 10 the least that is a practice
LIKES_TAI_CHI = re.compile(r"tai[\s_-]?chi|taiji|tai[\s_-]?ji|qigong|太极|太極|气功|氣功", re.I)
HOW = N_("a short beginner's form, slowly and without stopping; knees soft, within a pain-free range, a sturdy "
         "support within reach")


def liked_tai_chi(ctx: Context):
    """The catalog's tai chi block when the person says they like tai chi and it fits their limits, else None."""
    if not any(LIKES_TAI_CHI.search(str(x)) for x in ctx.p.preferences.likes):
        return None
    e = load_catalog().get(TAI_CHI_ID)
    if e is None or not safe_for(e, ctx.injuries) or not ctx.allowed(e) or matches(e, ctx.dislikes):
        return None
    return e


def _donors(exercises: list[dict]) -> list[tuple[dict, int]]:
    """The session's timed drills with the minutes each gives up (all but one round), balance drills first."""
    cat = load_catalog()
    out = []
    for e in exercises:
        x = cat.get(str(e.get("id")))
        one = drill_minutes(x) if x is not None and not e.get("sets") and e.get("minutes") else None
        if one is not None and e["minutes"] > one:
            out.append((e, int(e["minutes"]) - one))
    return sorted(out, key=lambda d: (d[0].get("kind") != "balance", -d[1]))


def add_tai_chi(ctx: Context, kind: str, exercises: list[dict], make) -> list[dict]:
    """A mobility or balance session's tai chi block for someone who likes it (see the module doc); `make` builds the
    plan entry (sessions.exercise_json). The exercises unchanged when no block fits."""
    e = liked_tai_chi(ctx) if kind in ("mobility", "balance") else None
    if e is None:
        return exercises
    donors = _donors(exercises)
    if sum(give for _, give in donors) < TAI_CHI_MIN:
        return exercises
    block = 0
    for entry, give in donors:
        take = min(give, TAI_CHI_MAX - block)
        entry["minutes"] -= take
        block += take
    return exercises + [make(e, ctx, minutes=block, holds=ctx._(HOW))]

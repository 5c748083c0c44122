"""A cleared heart patient's progression (review 11; rule 78): once a cardiologist has cleared someone with heart
disease and their limits allow a moderate effort (an effort limit such as Borg 11-13 and/or a heart-rate ceiling),
the plan starts light for two weeks, then rises to that effort and, later, from two to three sets a lift, one change
at a time (kb-cardiac-rehab-001 / kb-cvd-001: build up gradually, train mostly at a moderate effort within the rehab
team's limits; kb-beginner-001: start light, add a little every 1-2 weeks, then raise intensity; kb-overload-001).

Before: a man with heart failure and a stent, cleared at Borg 11-13, under 105 bpm and 10 kg, had 12 weeks of RPE
3-4 and the same four lifts at 2 sets (the heart-rate ceiling was compared with age-formula bands that do not hold on
a beta-blocker, and the third set never found a week whose minutes held)."""
from __future__ import annotations

import copy

from coach.i18n import N_
from coach.planning.checks import Bounds, Violation
from coach.planning.context import Context
from coach.planning.measure import label_of, session_seconds, sets_of

LIGHT_WEEKS = 2  # weeks at a light effort before the cleared effort (kb-beginner-001: start light)
LIGHT = {"label": "light", "rpe": [3, 4]}
THIRD_SET = 3
STEPS_NOTE = N_("Cleared with limits: the first {light} weeks stay light (RPE 3-4) while you settle in; from week "
              "{effort} the sessions rise to the moderate effort your doctor allowed, one change at a time, and from "
              "week {sets} each lift gets a third set, within any weight limit they gave.")
STEPS_LIGHT_NOTE = N_("Cleared with limits: the first {light} weeks stay light (RPE 3-4) while you settle in; from week "
                    "{effort} the sessions rise to the moderate effort your doctor allowed, one change at a time, "
                    "within any weight limit they gave.")


def applies(ctx_or_bounds: Context | Bounds) -> bool:
    """Heart disease, cleared, no hard stop, and a plan whose effort may be moderate."""
    p, s = ctx_or_bounds.profile if isinstance(ctx_or_bounds, Bounds) else ctx_or_bounds.p, \
        ctx_or_bounds.screening if isinstance(ctx_or_bounds, Bounds) else ctx_or_bounds.s
    return "heart_disease" in p.conditions and p.cleared and "hard_stop" not in s.flags \
        and s.intensity_cap in ("moderate", "vigorous") and not s.clearance_required


def _sets(w: dict) -> dict:
    return {(s.get("day"), e.get("id")): e["sets"] for s in w["sessions"] for e in s["exercises"]
            if isinstance(e.get("sets"), int)}


def _lighten(w: dict) -> None:
    for s in w["sessions"]:
        s["intensity"] = {**s["intensity"], **LIGHT, "pct_hrr": None, "hr_bpm": None}
        for e in s["exercises"]:
            if isinstance(e.get("rpe"), list) and e.get("kind") != "balance":
                e["rpe"] = [min(e["rpe"][0], LIGHT["rpe"][0]), min(e["rpe"][1], LIGHT["rpe"][1])]


def _hold(weeks: list[dict], k: int) -> None:
    """Week k repeats week k-1 whole (a change of its own comes in it); the weeks after move on by one and the last
    drops, so every other week-to-week step stays one the engine built (rules 39, 51, 61, 62)."""
    weeks[k - 1:] = [copy.deepcopy(weeks[k - 2])] + weeks[k - 1:-1]
    for i, w in enumerate(weeks, 1):
        w["week"] = i


def _quiet(weeks: list[dict], k: int) -> bool:
    """Week k changes nothing the week before had: no session longer, no set more, no walk longer."""
    a, w = weeks[k - 2], weeks[k - 1]
    before = {s.get("day"): s for s in a["sessions"]}
    walk = (w.get("daily_activity") or {}).get("total_minutes", 0) <= (a.get("daily_activity") or {}).get(
        "total_minutes", 0)
    return walk and all(s.get("day") in before and (s.get("minutes") or 0) <= (before[s.get("day")].get("minutes") or 0)
                        for s in w["sessions"]) and all(n <= _sets(a).get(key, n) for key, n in _sets(w).items())


def _with_sets(s: dict, n: int) -> dict:
    out = copy.deepcopy(s)
    for e in out["exercises"]:
        if isinstance(e.get("sets"), int) and 0 < e["sets"] < n:
            e["sets"] = n
    return out


def _fits(s: dict) -> bool:
    return session_seconds(s) / 60 <= float(s.get("minutes") or 0) + 1e-6


def _lifting(w: dict) -> list[dict]:
    return [s for s in w["sessions"] if any(sets_of(e) for e in s["exercises"])]


def _sets_week(weeks: list[dict], after: int) -> int:
    """The first week after `after` from which a third set fits every lifting session once that week repeats the
    week before's minutes (so from week k on, each week has the week before's length); 0 when none, or none to add."""
    if not any(n < THIRD_SET for w in weeks[after:] for n in _sets(w).values()):
        return 0
    for k in range(after + 1, len(weeks) + 1):
        if _quiet(weeks, k) and all(_fits(_with_sets(s, THIRD_SET)) for w in weeks[k - 1:] for s in _lifting(w)):
            return k  # a week whose length already holds
        if all(_fits(_with_sets(s, THIRD_SET)) for w in weeks[k - 2:-1] for s in _lifting(w)):
            return -k  # a week that repeats the week before's length (_hold)
    return 0


def cleared_heart_steps(ctx: Context, weeks: list[dict]) -> list[tuple[str, str]]:
    """Two light weeks, a week that repeats the second at the cleared effort, later a week that repeats the week
    before with a third set a lift (each change in a week of its own); the reason to add."""
    if not applies(ctx) or len(weeks) <= LIGHT_WEEKS + 2 or any(w.get("deload") for w in weeks) \
            or ctx.s.flags & {"pregnancy", "postpartum"} or ctx.frail:
        return []  # (frail people's chair programme grows its balance and sets by its own weeks, rule 44)
    effort = LIGHT_WEEKS + 1
    if not _quiet(weeks, effort):
        _hold(weeks, effort)
    for w in weeks[:LIGHT_WEEKS]:
        _lighten(w)
    sets_at = _sets_week(weeks, effort)
    if sets_at < 0:
        sets_at = -sets_at
        _hold(weeks, sets_at)
    if sets_at:
        for w in weeks[sets_at - 1:]:
            w["sessions"] = [_with_sets(s, THIRD_SET) if s in _lifting(w) else s for s in w["sessions"]]
    text = ctx._(STEPS_NOTE, light=LIGHT_WEEKS, effort=effort, sets=sets_at) if sets_at else \
        ctx._(STEPS_LIGHT_NOTE, light=LIGHT_WEEKS, effort=effort)
    return [(text, "plan:clearance")]


def check_cleared_steps(weeks: list[dict], b: Bounds) -> list[Violation]:
    """78: a cleared heart patient whose limits allow a moderate effort reaches it within the first 5 weeks."""
    if not applies(b) or len(weeks) < 5 or any(w.get("deload") for w in weeks):
        return []
    return [Violation(78, f"week {w.get('week')}: every session light although the clearance allows moderate")
            for w in weeks[4:5] if w.get("sessions") and all(label_of(s) == "light" for s in w["sessions"])]


def add_reasons(safety: dict, pairs: list[tuple[str, str]], lang: str) -> None:
    """Reasons from the passes after the screening, each cited to its tag's passage (PLAN_RULES 30)."""
    from knowledge.corpus import by_tag

    for text, tag in pairs:
        if text in safety["reasons"]:
            continue
        safety["reasons"] = safety["reasons"] + [text]
        passage = by_tag(tag, lang)
        if passage is not None:
            safety.setdefault("reason_citations", []).append(
                {"reason": len(safety["reasons"]) - 1, "id": passage.id, "for": tag.removeprefix("plan:")})

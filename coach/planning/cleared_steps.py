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


def applies(ctx_or_bounds: Context | Bounds) -> bool:
    """Heart disease, cleared, no hard stop, and a plan whose effort may be moderate."""
    p, s = ctx_or_bounds.profile if isinstance(ctx_or_bounds, Bounds) else ctx_or_bounds.p, \
        ctx_or_bounds.screening if isinstance(ctx_or_bounds, Bounds) else ctx_or_bounds.s
    return "heart_disease" in p.conditions and p.cleared and "hard_stop" not in s.flags \
        and s.intensity_cap in ("moderate", "vigorous") and not s.clearance_required


def _total(w: dict) -> float:
    walk = w.get("daily_activity") or {}
    return sum(float(s.get("minutes") or 0) for s in w["sessions"]) + float(walk.get("total_minutes") or 0)


def _effort_week(weeks: list[dict]) -> int:
    """The first full week after the light ones whose week minutes do not rise (rule 62: effort rises alone)."""
    for i in range(LIGHT_WEEKS, len(weeks)):
        if not weeks[i].get("deload") and _total(weeks[i]) <= _total(weeks[i - 1]):
            return i + 1
    return 0


def _lighten(w: dict) -> None:
    for s in w["sessions"]:
        s["intensity"] = {**s["intensity"], **LIGHT, "pct_hrr": None, "hr_bpm": None}
        for e in s["exercises"]:
            if isinstance(e.get("rpe"), list) and e.get("kind") != "balance":
                e["rpe"] = [min(e["rpe"][0], LIGHT["rpe"][0]), min(e["rpe"][1], LIGHT["rpe"][1])]


def _with_sets(s: dict, n: int, minutes: dict | None = None) -> dict:
    out = copy.deepcopy(s)
    if minutes is not None:  # the week before's length and cardio minutes (held while the set comes in)
        out["minutes"] = minutes["minutes"]
        for e, m in zip(out["exercises"], minutes["exercises"]):
            if e.get("id") == m.get("id") and "minutes" in m:
                e["minutes"] = m["minutes"]
    for e in out["exercises"]:
        if isinstance(e.get("sets"), int) and 0 < e["sets"] < n:
            e["sets"] = n
    return out


def _fits(s: dict) -> bool:
    return session_seconds(s) / 60 <= float(s.get("minutes") or 0) + 1e-6


def _sets_week(weeks: list[dict], after: int) -> int:
    """The first week after `after` from which every lifting session fits a third set: in that week at the week
    before's minutes (the length holds while the set comes in), in every later week at its own."""
    for k in range(after + 1, len(weeks) + 1):
        prev, w = weeks[k - 2], weeks[k - 1]
        days = {s.get("day"): s for s in prev["sessions"]}
        lifting = [s for s in w["sessions"] if any(sets_of(e) for e in s["exercises"])]
        if w.get("deload") or prev.get("deload") or not lifting or any(s.get("day") not in days for s in lifting):
            continue
        held = all(_fits(_with_sets(s, THIRD_SET, days[s.get("day")])) for s in lifting)
        later = all(_fits(_with_sets(s, THIRD_SET)) for x in weeks[k:] for s in x["sessions"]
                    if any(sets_of(e) for e in s["exercises"]))
        if held and later:
            return k
    return 0


def cleared_heart_steps(ctx: Context, weeks: list[dict]) -> list[tuple[str, str]]:
    """Light weeks, then the cleared effort, then a third set (each in a week of its own); the reason to add."""
    if not applies(ctx) or len(weeks) <= LIGHT_WEEKS or any(w.get("deload") for w in weeks):
        return []
    effort = _effort_week(weeks)
    if not effort:
        return []
    for w in weeks[:effort - 1]:
        _lighten(w)
    sets_at = _sets_week(weeks, effort)
    if sets_at:
        for k in range(sets_at, len(weeks) + 1):
            w, prev = weeks[k - 1], weeks[k - 2]
            days = {s.get("day"): s for s in prev["sessions"]}
            w["sessions"] = [_with_sets(s, THIRD_SET, days[s.get("day")] if k == sets_at else None)
                             if any(sets_of(e) for e in s["exercises"]) else s for s in w["sessions"]]
    text = ctx._(STEPS_NOTE, light=effort - 1, effort=effort, sets=sets_at) if sets_at else ""
    return [(text, "plan:clearance")] if text else []


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

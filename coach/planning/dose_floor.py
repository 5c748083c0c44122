"""Rule 6 while clearance is pending, and rule 88: the rationale says only the dose the plan holds (physician
review 13).

Rule 6 while clearance is pending: every session stays light (a light minute counts half) and rule 33 lets the
sessions grow only BRIDGE_STEP_MIN minutes every BRIDGE_EVERY weeks (heart patients ~10 % of the time), so the dose
of the last full week is at least what that ramp allows with walking in every session: each session as long as the
ramp from the gradual start (or the plan's own longer week-1 length) allows by then within rule 13's weekly ramp
(heart patients: week 1's length, as their ~10 % a week is a ceiling, not a step owed), an aerobic session counted
whole and a lifting session (a strength block with its walk, `mixed`) half, light (a mobility or balance session:
nothing); capped at rule 6's usual minimum. Before: pending plans were not checked at all (review 13 found 45
moderate-equivalent minutes in a 4 x 50-minute week).

Rule 88 (the text): the rationale's "By week k the cardio in your sessions adds up to about N moderate-intensity
minutes" is the plan's own count of that week; "within / already above the 150-300 minutes that WHO recommends" only
when the plan's sessions themselves reach 150 (walks it does not prescribe as sessions are extra, not the dose); and
no "stays light to moderate" in the reasons or rationale while clearance is pending (every session is light then).
"""
from __future__ import annotations

import re

from coach.domain.limits import MODERATE_EQUIVALENT, ramp_ceiling
from coach.planning.checks import Bounds, Violation
from coach.planning.dose_claims import WHO_RANGE, moderate_equivalent
from coach.planning.measure import aerobic_minutes
from coach.planning.schedule import CARDIAC, bridge_minutes
from coach.planning.schedule import _start_for as start_minutes
from coach.planning.template import aerobic_requirement

RULE_DOSE, RULE_CLAIMS = 6, 88
# rule 6 counts aerobic sessions whole and a lifting session with its walk block (`mixed`) half; a mobility or
# balance session's own work is the point of it and carries no walk
SHARE = {"aerobic": 1.0, "hiit": 1.0, "mixed": 0.5, "strength": 0.5}
_SESSIONS_DOSE = re.compile(r"By week (\d+) the cardio in your sessions adds up to about (\d+) moderate-intensity")
_WHO_MET = re.compile(r"(within|already above) the \d+-\d+ minutes a week that WHO recommends")
_LIGHT_TO_MODERATE = re.compile(r"stays light to moderate|保持在低到中等强度")


def pending_floor(weeks: list[dict], b: Bounds) -> float | None:
    """Rule 6's minimum for the last full week while clearance is pending (None when it does not apply)."""
    full = [w for w in weeks if not w.get("deload") and w.get("sessions")]
    if not (b.pending and not b.restricted and full and weeks[0].get("sessions")):
        return None
    p, last = b.profile, full[-1]
    index = weeks.index(last) + 1
    start = int(max(float(s.get("minutes") or 0) for s in weeks[0]["sessions"]))
    # heart patients: rule 33's ~10 % a week is a ceiling, not a step the plan owes, so their floor keeps week 1's length
    # the ramp grows from the gradual start (kb-beginner-001's 10-20 minutes); week 1 may sit a little above it to
    # hold the session's own work, which does not make the later steps larger
    steps = bridge_minutes(start_minutes(p.minutes_per_session), p.minutes_per_session, index)
    allowed = start if CARDIAC & set(p.conditions) else _ramped(start, steps, len(last["sessions"]))
    light = MODERATE_EQUIVALENT["light"]
    floor = sum(allowed * light * SHARE.get(s.get("kind"), 0.0) for s in last["sessions"])
    return min(aerobic_requirement(p), floor)


def _ramped(start: int, steps: list[int], n: int) -> int:
    """The session length the ramp reaches by the last of `steps` with `n` sessions a week, never above what rule 13
    lets a week total after the week before (125 % + 10 minutes, shared by the sessions: a step of 5 minutes on
    7 x 10-minute sessions is more than that)."""
    cur = max(start, steps[0])
    for step in steps[1:]:
        cur = max(cur, min(max(start, step), int(ramp_ceiling(cur * n) // max(1, n))))
    return cur


def check_pending_dose(weeks: list[dict], b: Bounds) -> list[Violation]:
    """Rule 6 while clearance is pending: at least what rule 33's ramp allows with walking in every session."""
    need = pending_floor(weeks, b)
    if need is None:
        return []
    last = [w for w in weeks if not w.get("deload") and w.get("sessions")][-1]
    got = aerobic_minutes(last)
    if got + 1e-9 < need:
        return [Violation(RULE_DOSE, f"week {last.get('week')}: {got:g} moderate-equivalent aerobic minutes while "
                                     f"clearance is pending < {need:g} (rule 33's ramp with walking in every session)")]
    return []


def restate_dose(plan: dict) -> None:
    """After an adjustment changed the sessions: the rationale's "By week k ... adds up to about N" says the week's
    own count again (rule 88), in place."""
    text = plan.get("rationale")
    if not isinstance(text, str):
        return
    by_number = {w.get("week"): w for w in plan.get("weeks") or []}

    def now(m: re.Match[str]) -> str:
        week = by_number.get(int(m.group(1)))
        if week is None or not week.get("sessions"):
            return m.group(0)
        return m.group(0).replace(f"about {m.group(2)} ", f"about {moderate_equivalent(week)} ")
    plan["rationale"] = _SESSIONS_DOSE.sub(now, text)


def check_dose_text(plan: dict, weeks: list[dict], b: Bounds) -> list[Violation]:
    """Rule 88: the rationale's dose figures and WHO claims match the plan's own sessions; no "light to moderate"
    while clearance is pending."""
    text = plan.get("rationale") or ""
    v: list[Violation] = []
    by_number = {w.get("week"): w for w in weeks}
    for k, n in _SESSIONS_DOSE.findall(text):
        week = by_number.get(int(k))
        if week is not None and week.get("sessions") and abs(moderate_equivalent(week) - int(n)) > 1:
            v.append(Violation(RULE_CLAIMS, f"rationale says week {k}'s sessions hold {n} moderate-intensity minutes; "
                                            f"the plan holds {moderate_equivalent(week)}"))
    full = [w for w in weeks if not w.get("deload") and w.get("sessions")]
    own = max(aerobic_minutes(full[-1]), moderate_equivalent(full[-1])) if full else 0.0
    if _WHO_MET.search(text) and own < WHO_RANGE[0]:
        v.append(Violation(RULE_CLAIMS, f"rationale says the week meets WHO's range; the plan's sessions hold {own:g} "
                                        f"moderate-equivalent minutes"))
    safety = plan.get("safety") or {}
    said = " ".join([text, *map(str, safety.get("reasons") or [])])
    if safety.get("clearance_required") and full and _LIGHT_TO_MODERATE.search(said):  # (a hard stop: rule 64)
        v.append(Violation(RULE_CLAIMS, "says the plan stays light to moderate while clearance keeps every session "
                                        "light"))
    return v


def check_dose_floor(plan: dict, weeks: list[dict], b: Bounds) -> list[Violation]:
    """Rules 6 (clearance pending) and 88."""
    return check_pending_dose(weeks, b) + check_dose_text(plan, weeks, b)

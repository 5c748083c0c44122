"""An ankle injury brings balance on the injured leg into every week (physician review 15; rule 103).

kb-ankle-001 (Vuurberg et al. 2018; Doherty et al. 2017): "Add balance training: standing on the injured leg, then with
eyes closed, on a cushion, while reaching or catching. Balance and neuromuscular training reduce the risk of spraining
it again"; kb-ankle-003: the same progression "several times a week for some months after a sprain". A returning
runner gets it with the ankle rehab (return_run.py); everyone else with an ankle injury got none: an endurance
athlete on the bike for 12 weeks had no balance work at all.

Engine: on up to DAYS sessions a week, the same weekdays all plan long, BALANCE_MIN minutes of single-leg stance at
kb-ankle-003's step for the week (return_run._balance_text: holding a wall first), as extra minutes where the day has
room under the person's minutes in every week, else paid for with the day's steady cardio, else (short sessions) with
one day's longest timed block; a week none of these fits turns a balance block into it, adds it where there is room,
or swaps a stretch or drill block for it. Not for people whose own balance programme decides one-leg work (frailty,
stroke/Parkinson's/MS, pregnancy), while clearance is pending (light until cleared; its aerobic floor keeps the
minutes, rule 6) or while a hard stop holds. A returning runner gets it late, after return_run.py's guarded pass, in
the weeks still without one-leg work.
Check (rule 103): every week of a plan for an ankle injury (the same exemptions) holds single-leg balance work, where a
session has a place for it (steady cardio to pay for it, room under the person's minutes, or a balance, stretch or
drill block to give way).
"""
from __future__ import annotations

import re
from typing import Any

from coach.domain.vocab import FRAILTY_CONDITIONS
from coach.planning import return_run
from coach.planning.checks import Violation
from coach.planning.context import FRAIL_AGE, Context, matches
from coach.planning.sessions import exercise_json
from coach.planning.template import adjacent
from coach.planning.supported import NEURO_CONDITIONS
from knowledge.catalog import load_catalog

DAYS = 2  # kb-ankle-003: "several times a week"
BALANCE_MIN = return_run.BALANCE_MIN
MIN_CARDIO_LEFT = 15
ONE_LEG = re.compile(r"single[- ]leg (stand|stance|reach|balance)|one[- ]leg|单腿站", re.I)
DRILL = "single_leg_stand"


def _one_leg(s: dict) -> bool:
    return any(e.get("kind") == "balance" and ONE_LEG.search(f"{e.get('id', '')} {e.get('name', '')}".replace("_", " "))
               for e in s.get("exercises") or [])


def _cardio(s: dict) -> dict | None:
    """The session's longest steady cardio block (not a warm-up walk, not an interval block)."""
    blocks = [e for e in s.get("exercises") or [] if e.get("kind") == "aerobic" and isinstance(e.get("minutes"), int)
              and not e.get("sets") and not e.get("structure") and not e.get("intervals")]
    return max(blocks, key=lambda e: e["minutes"], default=None)


def applies(ctx: Context, late: bool = False) -> bool:
    """Early (in the week passes) for everyone but a returning runner; late (after return_run's guarded pass, which
    may or may not have placed its rehab) for a returning runner, in the weeks still without one-leg work."""
    p = ctx.p
    if "ankle" not in p.injuries or return_run.applies(ctx) != late or ctx.has("hard_stop") or ctx.has("pregnancy") \
            or ctx.s.clearance_required:  # (light until cleared: its aerobic floor keeps the minutes, rule 6)
        return False
    if ctx.frail or NEURO_CONDITIONS & set(p.conditions):
        return False
    drill = load_catalog()[DRILL]
    return ctx.allowed(drill) and not matches(drill, ctx.dislikes)


def _add(ctx: Context, s: dict, week: int) -> None:
    s["exercises"].append(exercise_json(load_catalog()[DRILL], ctx, minutes=BALANCE_MIN,
                                        holds=return_run._balance_text(ctx, week), rpe=[2, 3]))


def _fits(s: dict) -> bool:
    return s.get("kind") != "hiit" and (_cardio(s) or {}).get("minutes", 0) - BALANCE_MIN >= MIN_CARDIO_LEFT


def _room(ctx: Context, s: dict) -> bool:
    return int(s.get("minutes") or 0) + BALANCE_MIN <= ctx.p.minutes_per_session


def _days(ctx: Context, weeks: list[dict]) -> dict[int, str]:
    """Up to DAYS weekdays, not back to back, with how each pays for the drill in every week it has a session: "add"
    (room under the person's minutes) first, then "cardio" (steady cardio minutes; not while clearance is pending,
    whose aerobic floor needs them, rule 6). Fixed for the plan, so a day's cardio never falls (rule 36)."""
    by_day: dict[int, list[dict]] = {}
    for w in weeks:
        for s in w.get("sessions") or []:
            by_day.setdefault(s["day"], []).append((w, s))
    modes: dict[int, str] = {}
    for day, pairs in sorted(by_day.items()):
        if all(_room(ctx, s) for _, s in pairs):
            modes[day] = "add"
        elif all(_fits(s) for w, s in pairs if not w.get("deload")):
            modes[day] = "cardio"
        elif all(_timed(s) for w, s in pairs if not w.get("deload")):
            modes[day] = "timed"  # (short sessions: the longest timed block gives the minutes, this day only)
    out: dict[int, str] = {}
    order = {"add": 0, "cardio": 1, "timed": 2}
    for day in sorted(modes, key=lambda d: (order[modes[d]], d)):
        if len(out) < (DAYS if modes[day] != "timed" else 1) and not any(adjacent(d, day) for d in out):
            out[day] = modes[day]
    return out


def _timed(s: dict) -> list[dict]:
    return [e for e in s.get("exercises") or [] if isinstance(e.get("minutes"), int) and not e.get("sets")
            and not e.get("structure") and not e.get("intervals") and e["minutes"] >= BALANCE_MIN + 2]


def _fallback(ctx: Context, sessions: list[dict], week: int) -> None:
    """No chosen day could take it this week: a balance block becomes the one-leg stand, or the session with the most
    steady cardio pays for it, or a session with room under the person's minutes takes it, or a stretch or drill
    block of at least BALANCE_MIN minutes becomes it."""
    for s in sessions:
        block = next((e for e in s["exercises"] if e.get("kind") == "balance" and isinstance(e.get("minutes"), int)
                      and not e.get("sets") and e.get("id") != DRILL), None)
        if block is not None:
            i = s["exercises"].index(block)
            s["exercises"][i] = exercise_json(load_catalog()[DRILL], ctx, minutes=block["minutes"],
                                              holds=return_run._balance_text(ctx, week), rpe=[2, 3])
            return
    steady = [s for s in sessions if _fits(s)]
    if steady:
        s = max(steady, key=lambda x: (_cardio(x)["minutes"], -x["day"]))
        _cardio(s)["minutes"] -= BALANCE_MIN
        _add(ctx, s, week)
        return
    room = [s for s in sessions if _room(ctx, s)]
    if room:
        s = min(room, key=lambda x: (int(x.get("minutes") or 0), x["day"]))
        s["minutes"] = int(s.get("minutes") or 0) + BALANCE_MIN
        _add(ctx, s, week)
        return
    for s in sorted(sessions, key=lambda x: x["day"]):  # a stretch or drill block gives way to it, same minutes
        block = next((e for e in s["exercises"] if e.get("kind") == "mobility" and not e.get("sets")
                      and isinstance(e.get("minutes"), int) and e["minutes"] >= BALANCE_MIN), None)
        if block is not None:
            s["exercises"][s["exercises"].index(block)] = exercise_json(
                load_catalog()[DRILL], ctx, minutes=block["minutes"], holds=return_run._balance_text(ctx, week),
                rpe=[2, 3])
            return


def ankle_balance(ctx: Context, weeks: list[dict], late: bool = False) -> None:
    """Single-leg balance for the ankle on up to DAYS sessions of every week, in place."""
    if not applies(ctx, late):
        return
    days = _days(ctx, weeks)
    for w in weeks:
        sessions = w.get("sessions") or []
        if not sessions or any(_one_leg(s) for s in sessions):
            continue
        done = False
        for s in (x for x in sessions if x["day"] in days):
            if days[s["day"]] == "cardio" and _fits(s):
                _cardio(s)["minutes"] -= BALANCE_MIN
            elif days[s["day"]] == "timed" and _timed(s):
                max(_timed(s), key=lambda e: e["minutes"])["minutes"] -= BALANCE_MIN
            elif _room(ctx, s):
                s["minutes"] = int(s.get("minutes") or 0) + BALANCE_MIN
            else:
                continue
            _add(ctx, s, w["week"])
            done = True
        if not done:
            _fallback(ctx, sessions, w["week"])


def check_ankle_balance(weeks: list[dict], b: Any) -> list[Violation]:
    """Rule 103: with an ankle injury, every week holds single-leg balance work."""
    p = b.profile
    if "ankle" not in (p.injuries or ()) or b.screening.flags & {"hard_stop", "pregnancy"} or b.restricted or b.pending \
            or p.age >= FRAIL_AGE or set(p.conditions) & (set(FRAILTY_CONDITIONS) | NEURO_CONDITIONS):
        return []
    return [Violation(103, f"week {w.get('week')}: an ankle injury and no balance on one leg this week "
                           "(kb-ankle-001/-003: balance training against spraining it again)")
            for w in weeks if w.get("sessions") and not any(_one_leg(s) for s in w["sessions"])
            and any(_has_place(s, p.minutes_per_session) for s in w["sessions"])]


def _has_place(s: dict, minutes: int) -> bool:
    """A session with a place for the drill: steady cardio to pay for it, room under the person's minutes, or a
    balance, stretch or drill block to give way (a session already at the person's full minutes, filled with lifting
    and a few minutes of cardio, has none)."""
    blocks = [e for e in s.get("exercises") or [] if e.get("kind") in ("balance", "mobility") and not e.get("sets")
              and isinstance(e.get("minutes"), int) and e["minutes"] >= BALANCE_MIN]
    return _fits(s) or int(s.get("minutes") or 0) + BALANCE_MIN <= minutes or bool(blocks)

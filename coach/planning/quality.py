"""A second quality session for advanced endurance athletes, and rule 50 (issue 12, physician review 5).

kb-endurance-001 (Seiler 2010; Stöggl & Sperlich 2014): most sessions easy, "one or two hard sessions a week once a
base is built". An advanced endurance athlete training 5 or more days a week gets a tempo run (2-4 blocks of 6-8
minutes comfortably hard, kb-endurance-003's middle zone: short phrases only) beside the interval session, from week 2,
in the full weeks where the week's vigorous share (counted as PLAN_RULES 25 counts it: aerobic and interval sessions
whole, mixed sessions half) stays within TWO_QUALITY_SHARE, also when the whole tempo run is counted against all the
week's running minutes (cardio_room). The tempo day is never next to the interval day, never the day before or
after the long run (rule 87), and never the day after lower-body lifting; on a lifting day the run comes first and the
lifting after it (kb-concurrent-003: hard run and lifting on the same day keep the easy days easy). Intermediates
keep one quality session.

50 (endurance goal, adults, full weeks): at most two vigorous sessions, two only for advanced athletes training 5+
   days; no vigorous session the day after another one or the day after the long run; with two, vigorous minutes at
   most TWO_QUALITY_SHARE of aerobic minutes.
"""
from __future__ import annotations

import math
import re
from typing import Any

from coach.domain.limits import BLOCK_WEEKS, YOUTH_BELOW_AGE
from coach.i18n import N_
from coach.planning.checks import Bounds, Violation
from coach.planning.context import Context
from coach.planning.intervals import describe
from coach.planning.measure import AEROBIC_SHARE, label_of, loaded_groups
from coach.planning.names import LOWER, moderate_at_most, named_for
from coach.planning.zones import karvonen

TWO_QUALITY_SHARE = 0.25  # kb-endurance-001: about 80/20 (rule 25 allows 30 %)
QUALITY_MIN_DAYS = 5
TEMPO_FROM_WEEK = 2  # week 1 of a new plan keeps one hard session: one change at a time
TEMPO_PCT_HRR = (75, 85)  # comfortably hard, below the interval bouts' 80-89 % (kb-hrr-001 vigorous: 60-89 %)
TEMPO_RPE = (7, 8)
TEMPO_EASY_BETWEEN, TEMPO_COOL = 2, 5
# (blocks, minutes) by week of the block, as Daniels' cruise intervals (threshold blocks with short easy breaks): one
# more block each week, 16 -> 21 -> 24 hard minutes; a run too short for the step takes the first shorter form that fits
TEMPO_STEPS = ((2, 8), (3, 7), (4, 6))
TEMPO_SHORTER = ((3, 6), (2, 8), (2, 7), (2, 6))
RUNNING = re.compile(r"run|jog")
TEMPO_RUN = N_("Tempo run: the hard blocks are comfortably hard (RPE 7-8 of 10, short phrases but not full sentences), "
               "the rest easy.")
TEMPO_OTHER = N_("Tempo session: the hard blocks are comfortably hard (RPE 7-8 of 10, short phrases but not full "
                 "sentences), the rest easy.")
TWO_HARD = N_("It is one of your two hard sessions this week; the others stay easy.")
ONE_HARD = N_("It is the only hard session this week; the others stay easy.")
CARDIO_FIRST = N_("Do the cardio first while you are fresh, then lift at the lifts' own effort (RPE shown); if you can, "
                  "lift a few hours after the cardio.")
LONG_LEAD = 1.15  # without the engine's marker, a long run is at least this much longer than any other aerobic session


def two_quality(ctx: Context) -> bool:
    """An advanced adult endurance athlete on 5+ days who may go vigorous and has heart-rate or RPE guidance."""
    p = ctx.p
    return (ctx.endurance_athlete and ctx.level == "advanced" and p.days_per_week >= QUALITY_MIN_DAYS
            and not ctx.youth and not ctx.ramps and not ctx.bridge and ctx.cap == "vigorous"
            and not ctx.s.clearance_required and not ctx.s.restricted
            and not ctx.s.flags & {"pregnancy", "rpe_only", "cleared", "hard_stop"})


def vigorous_share(week: dict) -> float:
    """Vigorous over aerobic minutes as PLAN_RULES 25 counts them."""
    total = vig = 0.0
    for s in week.get("sessions") or []:
        mins = AEROBIC_SHARE.get(s.get("kind"), 0.0) * float(s.get("minutes") or 0)
        total += mins
        vig += mins if _vigorous(s) else 0.0
    return vig / total if total else 0.0


def cardio_room(week: dict, share: float = TWO_QUALITY_SHARE) -> int:
    """Minutes of hard running the week may still add within `share`, counting the cardio itself (a tempo run on a
    lifting day counts its whole run, not half the session as rule 25 does); negative when already above."""
    total = vig = 0.0
    for s in week.get("sessions") or []:
        mins = sum(float(e.get("minutes") or 0) for e in s.get("exercises") or []
                   if e.get("kind") in ("aerobic", "hiit") and not e.get("sets"))
        total += mins
        vig += mins if _vigorous(s) else 0.0
    return math.floor((share * total - vig) / (1 - share))


def _vigorous(s: dict) -> bool:
    return s.get("kind") in AEROBIC_SHARE and (label_of(s) == "vigorous" or
                                               any(e.get("kind") == "hiit" for e in s.get("exercises") or []))


def _apart(a: int, b: int) -> int:
    """Days between two weekdays on the weekly cycle (day 7 and day 1 are neighbours)."""
    return min((a - b) % 7, (b - a) % 7)


def long_run(sessions: list[dict]) -> dict | None:
    """The week's long run: the engine marks it; otherwise a light or moderate aerobic session clearly the longest."""
    marked = next((s for s in sessions if s.get("long_run") or s.get("long_session")), None)
    if marked is not None:
        return marked
    easy = [s for s in sessions if s.get("kind") == "aerobic" and not _vigorous(s)]
    if len(easy) < 2:
        return None
    top = max(easy, key=lambda s: float(s.get("minutes") or 0))
    rest = [float(s.get("minutes") or 0) for s in sessions if s is not top and s.get("kind") in AEROBIC_SHARE]
    return top if all(float(top.get("minutes") or 0) >= LONG_LEAD * r for r in rest) else None


def _steady_cardio(s: dict) -> dict | None:
    run = [e for e in s["exercises"] if e.get("kind") == "aerobic" and isinstance(e.get("minutes"), int)
           and not e.get("sets") and not e.get("intervals") and not moderate_at_most(str(e.get("id", "")))]
    return run[0] if run else None


def _tempo_day(sessions: list[dict]) -> int | None:
    """The day for the tempo run: a steady run (or a lifting day's run) away from the other hard day, not the day
    after the long run nor after lower-body lifting; steady days first, then the one farthest from the hard day."""
    hard = [s["day"] for s in sessions if _vigorous(s)]
    lr = long_run(sessions)
    lifted = {s["day"] for s in sessions if loaded_groups(s) & LOWER}
    options = []
    for s in sessions:
        if s is lr or _vigorous(s) or s["kind"] not in ("aerobic", "mixed") or _steady_cardio(s) is None:
            continue
        d = s["day"]
        if any(_apart(d, h) <= 1 for h in hard) or (lr and _apart(d, lr["day"]) == 1) or (d - 2) % 7 + 1 in lifted:
            continue
        options.append((s["kind"] != "aerobic", -min((_apart(d, h) for h in hard), default=7), d))
    return min(options)[2] if options else None


def add_tempo(ctx: Context, weeks: list[dict]) -> None:
    """The tempo run in every full week from TEMPO_FROM_WEEK where it keeps the week within 80/20 (in place)."""
    if not two_quality(ctx):
        return
    day = None
    for w in weeks:
        if w["deload"] or w["week"] < TEMPO_FROM_WEEK:
            continue
        day = day or _tempo_day(w["sessions"])
        s = next((x for x in w["sessions"] if x["day"] == day), None)
        if s is None or _vigorous(s):
            continue
        old = s["intensity"]
        s["intensity"] = {**old, "label": "vigorous"}
        if vigorous_share(w) > TWO_QUALITY_SHARE + 1e-9 or cardio_room(w) < 0 or not _tempo(ctx, s, (w["week"] - 1) % BLOCK_WEEKS, old):
            s["intensity"] = old


def _tempo(ctx: Context, s: dict, k: int, old: dict) -> bool:
    """Turns a steady session's run into a tempo run (False when the run is too short for it)."""
    run = _steady_cardio(s)
    if run is None:
        return False
    c = run["minutes"]
    fits = [(n, b, w) for n, b in (TEMPO_STEPS[min(k, len(TEMPO_STEPS) - 1)],) + TEMPO_SHORTER for w in (15, 10)
            if w + n * b + (n - 1) * TEMPO_EASY_BETWEEN + TEMPO_COOL <= c]
    if not fits:
        return False
    n, bout, warm = fits[0]
    warm = max(warm, (c - n * bout - (n - 1) * TEMPO_EASY_BETWEEN) // 2)  # the easy running split around the blocks
    st = {"warm_up_min": warm, "bouts": n, "bout_min": bout, "recovery_min": TEMPO_EASY_BETWEEN,
          "cool_down_min": c - warm - n * bout - (n - 1) * TEMPO_EASY_BETWEEN}  # the blocks as intervals (rule 87)
    run["structure"], run["intervals"] = {**st, "effort": "comfortably_hard"}, describe(ctx, st, tempo=True)
    run.update(named_for(run, "vigorous"))  # the session is now vigorous: hiking says uphill (rule 46)
    inten = s["intensity"]
    inten["rpe"] = list(TEMPO_RPE)
    notes = s.get("notes", "")
    if old.get("hr_bpm"):
        notes = notes.replace(_zone_note(ctx, old), "")
    if inten.get("pct_hrr"):
        inten["pct_hrr"] = list(TEMPO_PCT_HRR)
        if ctx.p.resting_hr is not None:
            inten["hr_bpm"] = [karvonen(ctx.p.age, ctx.p.resting_hr, pct) for pct in TEMPO_PCT_HRR]
            notes += " " + ctx._("Tempo blocks: heart-rate zone {lo}-{hi} bpm ({plo}-{phi}% of heart-rate reserve).",
                                 lo=inten["hr_bpm"][0], hi=inten["hr_bpm"][1], plo=TEMPO_PCT_HRR[0],
                                 phi=TEMPO_PCT_HRR[1])
    runs = bool(RUNNING.search(str(run.get("id", ""))))  # a bike or a swim is no "run" (review 15)
    notes += " " + ctx._(TEMPO_RUN if runs else TEMPO_OTHER) + " " + ctx._(TWO_HARD)
    if s["kind"] == "mixed":
        notes += " " + (ctx._("Run first while you are fresh, then lift at the lifts' own effort (RPE shown); if you "
                              "can, lift a few hours after the run.") if runs else ctx._(CARDIO_FIRST))
    s["notes"] = " ".join(notes.split())
    return True


def honest_hard_count(ctx: Context, weeks: list[dict]) -> None:
    """A tempo session's "one of your two hard sessions" becomes "the only hard session" in a week whose other hard
    session a later pass eased or never placed (review 15: one hard session programmed, the note said two)."""
    two, one = ctx._(TWO_HARD), ctx._(ONE_HARD)
    for w in weeks:
        if sum(_vigorous(s) for s in w.get("sessions") or []) >= 2:
            continue
        for s in w.get("sessions") or []:
            if two in str(s.get("notes") or ""):
                s["notes"] = s["notes"].replace(two, one)


def _zone_note(ctx: Context, inten: dict) -> str:
    return ctx._("Heart-rate zone {lo}-{hi} bpm ({plo}-{phi}% of heart-rate reserve).", lo=inten["hr_bpm"][0],
                 hi=inten["hr_bpm"][1], plo=inten["pct_hrr"][0], phi=inten["pct_hrr"][1])


def check_quality(weeks: list[dict], b: Bounds) -> list[Violation]:
    """Rule 50 (see the module docstring)."""
    p = b.profile
    if p.goal != "endurance" or p.age < YOUTH_BELOW_AGE:
        return []
    most = 2 if p.experience == "advanced" and p.days_per_week >= QUALITY_MIN_DAYS else 1
    v: list[Violation] = []
    timeline: dict[int, tuple[Any, dict, bool]] = {}
    for wi, w in enumerate(weeks):
        sessions = w.get("sessions") or []
        lr = long_run(sessions)
        for s in sessions:
            if isinstance(s.get("day"), int):
                timeline[wi * 7 + s["day"]] = (w.get("week"), s, s is lr)
        if w.get("deload"):
            continue
        hard = [s for s in sessions if _vigorous(s)]
        where = f"week {w.get('week')}"
        if len(hard) > most:
            v.append(Violation(50, f"{where}: {len(hard)} vigorous sessions > {most} for this endurance athlete"))
        if len(hard) == 2 and vigorous_share(w) > TWO_QUALITY_SHARE + 1e-9:
            v.append(Violation(50, f"{where}: two hard sessions at {vigorous_share(w):.0%} vigorous > "
                                   f"{TWO_QUALITY_SHARE:.0%}"))
    for t, (wn, s, _) in sorted(timeline.items()):
        before = timeline.get(t - 1)
        if before and _vigorous(s) and (_vigorous(before[1]) or before[2]):
            what = "another vigorous session" if _vigorous(before[1]) else "the long run"
            v.append(Violation(50, f"week {wn} day {s.get('day')}: vigorous the day after {what}"))
    return v

"""Rule 90: pregnancy keeps fitness rather than building it, trains the pelvic floor in the sessions, and lets a
trained runner her provider cleared keep one harder run (physician review 13).

- Pelvic floor: kb-pregnancy-006 (Woodley et al. 2020, Cochrane) advises pelvic floor muscle training every day, some
  squeezes held for a few seconds and some quick; the plan's notes give the dose (10 slow squeezes held up to 5 s,
  then 10 quick ones). Every session now holds it as an exercise, a 2-minute block at its end (10 x ~5 s holds with
  ~5 s to let go, then 10 quick squeezes): the session grows by it where its length allows, else its free minutes,
  longer mobility holds or cardio give the time (rules 6, 36 and 39 kept). The check: at least min(2, the week's
  sessions of 40 minutes or more) sessions a week hold it (a shorter session full of work keeps the notes' squeezes).
- Minutes: kb-pregnancy-001/-005/-006 (WHO 2020, ACOG CO 804 2020): active women continue what they did before,
  letting comfort guide pace and load, slowing down as pregnancy goes on; only inactive women build up. So for a
  woman already active and trained (not a gradual build: Context.ramps), each session's cardio is at its full length
  from week 2 (week 1 stays lighter), and no later week has more minutes (sessions and walks) than the more of weeks
  1 and 2 (the lighter weeks stay lighter). From week 28 rule 56 eases the effort (kb-pregnancy-008: light to
  moderate, shorter sessions fine).
- Effort: with coach.safety.pregnancy_effort's agreement (trained, active, the provider's clearance recorded), one
  run a week from week 3 (after the two-week ramp, one change at a time) is vigorous, RPE 7-8 by feel and the talk
  test, never heart-rate zones (rule 21); not in lighter weeks or from week 28 (rule 56).
"""
from __future__ import annotations

import copy
import math
from collections.abc import Callable
from typing import Any

from coach.domain.limits import BALANCE_BUDGET_SHARE, BALANCE_WEEKLY_MIN, OLDER_ADULT_AGE
from coach.i18n import N_
from coach.planning.advice import walk_text
from coach.planning.checks import Bounds, Violation
from coach.planning.context import Context
from coach.planning.measure import aerobic_minutes, balance_minutes, built_share, session_seconds
from coach.planning.ramp import builds_up
from coach.planning.rest_floor import CIRCUIT_REST_S, HEAVY_REST_S, floor_for
from coach.planning.sessions import INTENSITY, exercise_json
from coach.planning.template import aerobic_requirement
from knowledge.catalog import load_catalog

PF_ID = "pelvic_floor_squeezes"
PF_MIN = 2  # 10 slow squeezes (~5 s held, ~5 s let go) + 10 quick ones
PF_WEEKLY = 2  # the check: at least min(2, sessions of PF_ROOM_MIN or more) sessions a week hold the block
PF_ROOM_MIN = 40  # shorter sessions full of work may keep the notes' daily squeezes instead
HOLD_FROM = 3  # weeks 1-2 may ramp; from week 3 no week has more minutes
VIGOROUS_FROM = 3
THIRD = 28  # late_pregnancy.THIRD: from week 28 rule 56 eases every session
MOBILITY_KEEP = 3  # a mobility hold block giving time keeps at least this many minutes
CARDIO_KEEP = 10  # a cardio block keeps at least this many minutes when it gives time to the pelvic floor
RUNS = ("run", "jog")
PF_DOSE = N_("10 slow squeezes held for up to 5 seconds, then 10 quick ones; let go fully after each")
HARD_RUN = N_("Your harder run of the week: the first and last 5 minutes easy, the middle at RPE 7-8, where you can "
              "say only a few words at a time. No harder than you ran before pregnancy; slow down at once if you feel "
              "dizzy, faint, short of breath or unwell.")
HOLD_REASON = N_("You are already active, so after one lighter first week your weekly minutes hold steady rather than "
                 "grow: in pregnancy you continue what you did before and slow down as comfort requires.")
EASY_NOTES = (N_("Easy means you can still speak in full sentences (the talk test); slow down if you cannot."),
              N_("Start the first 5 minutes easy and finish with 5 easy minutes; you should be able to talk but not "
                 "sing."))


def _timed_cardio(s: dict) -> list[dict]:
    return [e for e in s["exercises"] if e.get("kind") in ("aerobic", "hiit") and isinstance(e.get("minutes"), int)
            and not e.get("sets")]


def _cardio_minutes(s: dict) -> int:
    return sum(e["minutes"] for e in _timed_cardio(s))


def _take(s: dict, minutes: int, floor: int = 0) -> int:
    """Up to `minutes` taken from the session's cardio blocks (longest first, each keeping CARDIO_KEEP), leaving at
    least `floor` cardio minutes in all (rule 36: a session's cardio does not fall while its length holds)."""
    want = min(minutes, max(0, _cardio_minutes(s) - floor))
    left = want
    for e in sorted(_timed_cardio(s), key=lambda e: -e["minutes"]):
        cut = min(left, max(0, e["minutes"] - CARDIO_KEEP))
        e["minutes"] -= cut
        left -= cut
    return want - left


def holds_pelvic_floor(s: dict) -> bool:
    return any(e.get("id") == PF_ID for e in s.get("exercises") or [])


def _balance_short(ctx: Context, w: dict, minutes: int) -> bool:
    """Rule 26 prorates an older adult's weekly balance minutes by the week's longest session (built_share): whether
    a session grown to `minutes` would leave the week's balance work short of it (then the block finds other room)."""
    p = ctx.p
    if p.age < OLDER_ADULT_AGE:
        return False
    longest = max([minutes] + [x["minutes"] for x in w["sessions"]])
    need = min(BALANCE_WEEKLY_MIN, BALANCE_BUDGET_SHARE * p.days_per_week * p.minutes_per_session) \
        * min(1.0, longest / p.minutes_per_session)
    return balance_minutes(w) + 1e-9 < need


def _room(ctx: Context, s: dict, floor: int, w: dict) -> bool:
    """Make room for the pelvic-floor block: the session grows by it wherever its length allows (the same in every
    week, rules 39 and 90); else a hold's or light circuit's rest of 120 s or more comes down to 30 s (rests.fit's
    first step), its longer mobility holds, then its cardio (keeping `floor`, rule 36) give the time; else, with two or
    more short stretches, the last becomes the pelvic floor (the cool-down, as from week 28); False when none can."""
    if s["minutes"] + PF_MIN <= ctx.p.minutes_per_session and not _balance_short(ctx, w, s["minutes"] + PF_MIN):
        s["minutes"] += PF_MIN
        return True
    for e in s["exercises"]:  # a hold or light circuit kept at a heavy day's rest rests at its floor first (rests.fit;
        if session_seconds(s) + 60 * PF_MIN > 60 * s["minutes"] and e.get("sets") and floor_for(e) <= CIRCUIT_REST_S \
                and int(e.get("rest_s") or 0) >= HEAVY_REST_S:  # rule 63 leaves rests of 120 s or more aside)
            e["rest_s"] = CIRCUIT_REST_S
    left = -(-int(session_seconds(s) + 60 * PF_MIN - 60 * s["minutes"]) // 60)
    holds = [e for e in s["exercises"] if e.get("kind") == "mobility" and isinstance(e.get("minutes"), int)]
    cardio = min(sum(max(0, e["minutes"] - CARDIO_KEEP) for e in _timed_cardio(s)), _cardio_minutes(s) - floor)
    if left <= max(0, cardio) + sum(max(0, e["minutes"] - MOBILITY_KEEP) for e in holds):
        for e in sorted(holds, key=lambda e: -e["minutes"]):
            cut = min(max(0, left), max(0, e["minutes"] - MOBILITY_KEEP))
            e["minutes"] -= cut
            left -= cut
        _take(s, max(0, left), floor)
        return True
    if len(holds) >= 2 and holds[-1]["minutes"] >= PF_MIN and left <= holds[-1]["minutes"]:
        s["exercises"].remove(holds[-1])
        return True
    return False


def pelvic_floor(ctx: Context, weeks: list[dict]) -> None:
    """Every session ends with the pelvic-floor block (_room); a session that cannot make room keeps the notes'
    daily squeezes."""
    pf = load_catalog().get(PF_ID)
    if pf is None:
        return
    before: dict[int, tuple[int, int]] = {}  # each day's session and cardio minutes in the last full week
    grew: dict[int, int] = {}  # each day's session minutes in the last full week, where it held the block
    for w in weeks:
        for s in w["sessions"]:
            g = grew.get(s["day"], 0)  # a session grown by the block last week keeps that length (rule 33) where
            if not w["deload"] and g - PF_MIN <= s["minutes"] < g < s["minutes"] + PF_MIN \
                    and s["minutes"] + PF_MIN > ctx.p.minutes_per_session:  # it cannot grow by all of it again
                s["minutes"] = g
            length, cardio = before.get(s["day"], (0, 0))
            floor = cardio if not w["deload"] and s["minutes"] >= length else 0
            was, dose = copy.deepcopy(s), aerobic_minutes(w)
            if not holds_pelvic_floor(s) and _room(ctx, s, floor, w):
                if aerobic_minutes(w) < dose and _dose_short(ctx, w):  # rule 6's dose kept, or the session as it was
                    s.clear()
                    s.update(was)
                else:
                    s["exercises"].append(exercise_json(pf, ctx, minutes=PF_MIN, holds=ctx._(PF_DOSE)))
            if not w["deload"]:
                before[s["day"]] = (s["minutes"], _cardio_minutes(s))
                grew[s["day"]] = s["minutes"] if holds_pelvic_floor(s) else 0


def _dose_short(ctx: Context, w: dict) -> bool:
    """The week's moderate-equivalent aerobic minutes below rule 6's dose (validator._check_dose)."""
    return aerobic_minutes(w) + 1e-9 < aerobic_requirement(ctx.p) * built_share(w, ctx.p)


def _total(w: dict) -> int:
    walk = w.get("daily_activity") or {}
    return sum(int(s.get("minutes") or 0) for s in w.get("sessions") or []) + \
        (0 if walk.get("optional") else int(walk.get("total_minutes") or 0))


def _shorten_holds(s: dict, minutes: int) -> int:
    """Up to `minutes` taken from the session's longer mobility holds (each keeping MOBILITY_KEEP)."""
    left = max(0, minutes)
    for e in sorted((e for e in s["exercises"] if e.get("kind") == "mobility" and e.get("id") != PF_ID
                     and isinstance(e.get("minutes"), int)), key=lambda e: -e["minutes"]):
        cut = min(left, max(0, e["minutes"] - MOBILITY_KEEP))
        e["minutes"] -= cut
        left -= cut
    return max(0, minutes) - left


def _trim_week(ctx: Context, w: dict, top: int) -> None:
    """What a week still has above `top` (lifts whose rests grew hold their session's length) comes off its shorter
    cardio-only sessions, the long one last (session and cardio shorten together, rule 36), then the walks."""
    excess = _total(w) - top
    plain = sorted((s for s in w["sessions"] if s["kind"] in ("aerobic", "hiit") and _timed_cardio(s)
                    and len(_timed_cardio(s)) == len([e for e in s["exercises"] if e.get("id") != PF_ID])),
                   key=lambda s: s["minutes"])
    spare = int(aerobic_minutes(w) - aerobic_requirement(ctx.p) * built_share(w, ctx.p))  # rule 6's dose stays
    for s in plain[:-1] + plain[-1:] if excess > 0 and not w["deload"] else []:
        cut = _take(s, min(excess, max(0, spare)))
        s["minutes"] -= cut
        excess -= cut
        spare -= cut
    for s in w["sessions"] if excess > 0 and not w["deload"] else []:  # then any session's unused minutes
        cut = min(excess, s["minutes"] - math.ceil(session_seconds(s) / 60))
        s["minutes"] -= max(0, cut)
        if cut > 0 and _dose_short(ctx, w):
            s["minutes"] += cut
        elif cut > 0:
            excess -= cut
    walk = w.get("daily_activity") or {}
    if excess > 0 and walk.get("days") and not walk.get("optional"):  # (a lighter week's walks too: rule 90 holds
        each = max(0, walk["minutes"] - -(-excess // walk["days"]))  # every week) the walks on the other days last
        text = walk_text(ctx, walk["days"], each, walk.get("label") or "moderate") if each else ""
        if walk.get("add_on"):
            text = (text + " " + walk["add_on"]["text"]).strip()
        w["daily_activity"] = {**walk, "minutes": each, "total_minutes": each * walk["days"], "text": text}


def keeps_fitness(p: Any, ramps: bool) -> bool:
    """Active and trained, her plan not a gradual build (Context.ramps / ramp.builds_up: new to exercise, inactive,
    older, clearance pending or cleared): she continues, her minutes held after the first two weeks."""
    return "pregnancy" in p.conditions and p.currently_active is True and not ramps


def _lift(weeks: list[dict]) -> None:
    """From week 2 each session's cardio is at its full length (the most that day's cardio reaches in a full week):
    she continues what she did, after one lighter week (rule 13 allows the step: week 1 is at least 80 %)."""
    top: dict[int, int] = {}
    for w in weeks:
        for s in w["sessions"] if not w["deload"] else []:
            top[s["day"]] = max(top.get(s["day"], 0), _cardio_minutes(s))
    for w in weeks[1:]:
        for s in w["sessions"] if not w["deload"] else []:
            first = next((e for e in s["exercises"] if e.get("kind") != "mobility"), None)  # cardio before lifting
            add = top.get(s["day"], 0) - _cardio_minutes(s)  # (post-lift cardio stays short, rule 66)
            if first is not None and first in _timed_cardio(s) and add > 0:
                first["minutes"] += add
                s["minutes"] += add


def hold_minutes(ctx: Context, weeks: list[dict]) -> None:
    """An active woman's sessions from week 3 are no longer than the same day's session in week 2."""
    if not keeps_fitness(ctx.p, ctx.ramps) or len(weeks) < HOLD_FROM:
        return
    ref = {s["day"]: s["minutes"] for s in weeks[HOLD_FROM - 2]["sessions"]}
    before = {s["day"]: _cardio_minutes(s) for s in weeks[HOLD_FROM - 2]["sessions"]}
    for w in weeks[HOLD_FROM - 1:]:
        for s in w["sessions"] if not w["deload"] else []:
            over = s["minutes"] - ref.get(s["day"], s["minutes"])
            # a lifting session's unused minutes go first (a session with cardio counts them toward rule 6)
            slack = 0 if _timed_cardio(s) else min(max(0, over), s["minutes"] - math.ceil(session_seconds(s) / 60))
            s["minutes"] -= max(0, slack)
            if over - max(0, slack) > 0:
                s["minutes"] -= _take(s, over - max(0, slack), before.get(s["day"], 0))
            s["minutes"] -= _shorten_holds(s, s["minutes"] - ref.get(s["day"], s["minutes"]))
            before[s["day"]] = _cardio_minutes(s)
        _trim_week(ctx, w, max(_total(weeks[0]), _total(weeks[1])))


def vigorous_runs(ctx: Context, weeks: list[dict], gestation: Callable[[Any, int], int | None]) -> None:
    """A cleared trained runner: one run a week (not the long one) at RPE 7-8 from week 3, before week 28."""
    if "pregnancy_vigorous" not in ctx.s.flags or ctx.cap != "vigorous" or not ctx.keeps_running:
        return
    for w in weeks[VIGOROUS_FROM - 1:]:
        g = gestation(ctx.p, w["week"])
        if w["deload"] or (g is not None and g >= THIRD):
            continue
        runs = [s for s in w["sessions"] if s["kind"] == "aerobic" and len(s["exercises"]) >= 1
                and all(any(r in str(e.get("id")) for r in RUNS) for e in _timed_cardio(s)) and _timed_cardio(s)]
        if len(runs) < 2:
            continue
        longest = max(runs, key=lambda s: s["minutes"])
        s = next(x for x in runs if x is not longest)
        s["intensity"] = {**s["intensity"], "label": "vigorous", "rpe": list(INTENSITY["vigorous"]["rpe"]),
                          "pct_hrr": None, "hr_bpm": None}
        notes = str(s.get("notes") or "")
        for msg in EASY_NOTES:
            notes = notes.replace(ctx._(msg), "")
        s["notes"] = " ".join((ctx._(HARD_RUN) + " " + notes).split())


def antenatal_passes(ctx: Context, weeks: list[dict], gestation: Callable[[Any, int], int | None]) -> None:
    """Rule 90's passes, in order: full cardio from week 2, the pelvic-floor block, minutes held, the harder run
    (`gestation`: the week of pregnancy a plan week is, late_pregnancy.gestation); the engine's last pass, once rests
    and sets are final."""
    if "pregnancy" not in ctx.s.flags or "hard_stop" in ctx.s.flags:
        return
    if keeps_fitness(ctx.p, ctx.ramps) and len(weeks) >= HOLD_FROM:
        _lift(weeks)
    pelvic_floor(ctx, weeks)
    hold_minutes(ctx, weeks)
    vigorous_runs(ctx, weeks, gestation)


def hold_reasons(ctx: Context) -> list[tuple[str, str]]:
    """The reason for the held minutes (active women only)."""
    return [(ctx._(HOLD_REASON), "plan:pregnancy")] if keeps_fitness(ctx.p, ctx.ramps) else []


def check_antenatal_plan(weeks: list[dict], b: Bounds) -> list[Violation]:
    """Rule 90: the pelvic-floor block in at least min(2, sessions of 40+ minutes) sessions a week; an active,
    trained woman's weekly minutes from week 3 not above the more of weeks 1-2."""
    p, v = b.profile, []
    if "pregnancy" not in p.conditions or "hard_stop" in b.screening.flags:
        return v
    for w in weeks:
        sessions = w.get("sessions") or []
        need = min(PF_WEEKLY, sum(int(s.get("minutes") or 0) >= PF_ROOM_MIN for s in sessions))
        have = sum(holds_pelvic_floor(s) for s in sessions)
        if have < need:
            v.append(Violation(90, f"week {w.get('week')}: pelvic-floor exercise in {have} sessions (at least {need})"))
    if keeps_fitness(p, builds_up(p, b.screening)) and len(weeks) >= HOLD_FROM:
        top = max(_total(weeks[0]), _total(weeks[1]))
        v += [Violation(90, f"week {w.get('week')}: {_total(w)} minutes, more than weeks 1-2 ({top}) for an active "
                            "pregnant woman")
              for w in weeks[HOLD_FROM - 1:] if _total(w) > top]
    return v

"""Sessions: one week's sessions from the template (exercises, sets, minutes), intensity and heart-rate zones."""
from __future__ import annotations

import math
from typing import Any

from coach.domain.limits import BLOCK_WEEKS, ramp_ceiling
from coach.domain.profile import Profile
from coach.i18n import N_
from coach.planning.concurrent import athlete_lift_rpe
from coach.planning.context import Context, Slot, youth_eccentric
from coach.planning.falls import balance_step, challenge_notes, keep_cardio
from coach.planning.exercises import block_exercise, block_reps, cardio_for, walking_cap
from coach.planning.lifters import is_lifter, session_order
from coach.planning.lifting_notes import cool_down, strength_notes
from coach.planning.measure import session_seconds
from coach.planning.names import named_for
from coach.planning.template import bp_walks_only
from coach.planning.frail_fit import fit_lifts, note_days
from coach.planning.rests import MIN_SETS, at_floor, rest_cap, room_for_rests, total, without_rest
from coach.planning.zones import athlete_zone, cap_zone, interval_note, karvonen
from coach.planning.advice import (back_notes, balance_note,
                                   exercise_notes, pregnancy_notes, stance_notes, support_notes)
from coach.planning.drills import set_rounds
from coach.planning.holds import hold_text
from coach.planning.hr_policy import ceiling_session_note
from coach.planning.intervals import fit
from coach.planning.hr_policy import ceiling_session_note
from coach.planning.taichi import add_tai_chi
from coach.planning.timed import capped
from coach.planning.schedule import (balance_minutes, heavier_block, one_change, sets_for, session_minutes,
                                     strength_scheme)
from coach.planning.template import RESISTANCE, hiit_minutes, shortened, strength_minutes
from coach.safety.screening import lower
from knowledge.catalog import Exercise

# targets inside the ACSM bands (Guidelines 11th ed.: light 30-39, moderate 40-59, vigorous 60-89 % HRR) no wider than
# 15 points, and RPE on the 0-10 scale (WHO 2020: moderate 5-6, vigorous 7-8): what a label means when set alone
INTENSITY: dict[str, dict[str, list[int]]] = {
    "light": {"rpe": [3, 4], "pct_hrr": [30, 39]},
    "moderate": {"rpe": [5, 6], "pct_hrr": [45, 59]},
    "vigorous": {"rpe": [7, 8], "pct_hrr": [60, 74]},
}
# graded steps between the labels (kb-beginner-001: raise intensity gradually), one step per 4-week block, never past
# the cap; each label's RPE and %HRR lie inside that label's band (kb-rpe-001, kb-hrr-001: vigorous is RPE 7-8 and
# 60-89 % HRR) and no target range is wider than 15 points of HRR, so it can be followed
STEPS: tuple[tuple[str, list[int], list[int]], ...] = (
    ("light", [3, 4], [30, 39]), ("moderate", [4, 5], [40, 49]), ("moderate", [5, 6], [45, 59]),
    ("vigorous", [7, 8], [60, 69]), ("vigorous", [7, 8], [65, 79]))
STEP_OF = {"light": 0, "moderate": 2, "vigorous": 4}
LIFTING_TOP_RPE = (8, 9)  # trained lifters' hardest step (resistance RPE: 1-2 repetitions left in reserve)


def week_step(ctx: Context, slot: Slot, week: int, deload: bool) -> int:
    """The slot's intensity step in `week`: from the first block's label up one step per block to the plan's cap."""
    start = STEP_OF[lower(slot.label, ctx.first_cap)]
    top = STEP_OF[lower(slot.label, ctx.cap)]
    if start == STEP_OF["moderate"] and week < ctx.late_week("effort"):
        start = top = start - 1  # people new to exercise: RPE 4-5 until their late effort step (schedule.late_steps)
    late = (ctx.lift_week - 1) // BLOCK_WEEKS - 1  # blocks people new to exercise wait before the first step up
    step = min(top, start + max(0, (week - 1) // BLOCK_WEEKS - late)) if top > start else top
    if ctx.has("pregnancy") and ctx.p.pregnancy_trimester == 3:
        return min(step, STEP_OF["moderate"] - 1)  # third trimester: eased to RPE 4-5 (kb-pregnancy-006)
    if deload or walking_cap(slot) or ctx.youth and slot.kind in RESISTANCE and week <= BLOCK_WEEKS:
        return min(step, STEP_OF["moderate"])  # (a teenager's technique block: light loads, kb-youth-strength-003)
    if (ctx.level in ("intermediate", "advanced") and slot.kind == "strength" and step == STEP_OF["vigorous"]
            and (week - 1) % BLOCK_WEEKS == 0 and not ctx.bridge):
        return step - 1  # trained lifters open each block one step easier (RPE 6-7), then 7-8: a wave, not a plateau
    return step


def intensity(label: str, p: Profile, *, aerobic: bool, step: int | None = None) -> dict:
    """The contract's intensity object; heart-rate targets only for aerobic work with a known resting HR.

    No heart-rate zones at all where age formulas do not apply (heart disease, beta-blockers, pregnancy...):
    effort is judged by RPE and the talk test (PLAN_RULES 21).
    """
    band = INTENSITY[label] if step is None else {"rpe": STEPS[step][1], "pct_hrr": STEPS[step][2]}
    out: dict[str, Any] = {"label": label, "rpe": list(band["rpe"]), "pct_hrr": None, "hr_bpm": None}
    if aerobic and not p.rpe_only:
        out["pct_hrr"] = list(band["pct_hrr"])
        if p.resting_hr is not None:
            out["hr_bpm"] = [karvonen(p.age, p.resting_hr, band["pct_hrr"][0]),
                             karvonen(p.age, p.resting_hr, band["pct_hrr"][1])]
            cap_zone(out, p)
    return out


def exercise_json(e: Exercise, ctx: Context, **fields: Any) -> dict:
    """A plan entry for catalog exercise `e` with the given dose fields (sets/reps/minutes/holds...)."""
    name = e.name.en
    if e.kind == "balance" and "balance" not in name.lower():
        name += " (balance)"  # say what it is for: the person (and any reader of the plan) sees balance work
    out: dict[str, Any] = {"id": e.id, "name": name}
    if ctx.lang == "zh":
        out["name_zh"] = e.name.zh
    out.update(fields)
    out["muscle_groups"] = list(e.muscle_groups)
    out["equipment"] = list(e.equipment)
    out["kind"] = e.kind
    set_rounds([out])  # a timed drill's minutes beyond one round of its holds are rounds of it (rule 89, drills.py)
    # a block given a vigorous effort of its own (a teenager's hard intervals) is named for it (rule 46: uphill hiking)
    return named_for(out, "vigorous") if max(fields.get("rpe") or [0]) >= INTENSITY["vigorous"]["rpe"][0] else out


def _top_rpe(ctx: Context, slot: Slot, step: int, week: int = 1, deload: bool = False) -> int:
    if slot.kind == "strength" and ctx.level in ("intermediate", "advanced") and step == len(STEPS) - 1:
        return LIFTING_TOP_RPE[1]
    athlete = athlete_lift_rpe(ctx, week, deload)  # an endurance athlete's lifts progress by block (concurrent.py)
    return athlete[1] if athlete and slot.kind in RESISTANCE else STEPS[step][1][1]


def _split(total: int, n: int) -> list[int]:
    """`total` minutes over n items, whole minutes adding up exactly."""
    n = max(1, n)
    return [total // n + (1 if i < total % n else 0) for i in range(n)]


def _timed(ctx: Context, items: list[Exercise], total: int, week: int, cap: bool = True) -> list[dict]:
    """Timed items sharing `total` minutes; a mobility item no longer than its work when `cap` (timed.py)."""
    items = [balance_step(ctx, e, week) if e.kind == "balance" else e for e in items]  # harder by block (falls.py)
    shares = _split(total, len(items))
    return [exercise_json(e, ctx, minutes=mins, holds=hold_text(ctx, e, week))
            for e, mins in zip(items, capped(items, shares) if cap else shares) if mins > 0]


BRIDGE_NOTE = N_("The minutes grow a little every two weeks, with the same exercises and sets, all at a light effort; "
                 "do not make it harder until you are cleared. Once cleared, send /cleared: the plan is rebuilt at a "
                 "light-to-moderate effort, within your doctor's limits.")
BP_WALKS_NOTE = N_("The walks grow a little every two weeks, all at an easy pace; strength training starts once a "
                   "doctor has checked your blood pressure and cleared you. Then send /cleared: the plan is rebuilt at "
                   "a light-to-moderate effort, within your doctor's limits.")
HEAVIER_REPS = "6-10"  # trained people's third block: more load, fewer reps
CARDIO_FLOOR_MIN = 2  # a mixed session's cardio warm-up never below this, to make room for rests


def _entry(ctx: Context, e: Exercise, sets: int, rest_s: int, week: int = 1) -> dict:
    e = youth_eccentric(ctx, e, week) or e
    if ctx.youth and "nordic" in e.id:  # low volume, slow and well short of failure
        return exercise_json(e, ctx, sets=min(sets, MIN_SETS), reps=ctx._("3-5 slow lowerings, stop well short of "
                                                                          "failure"), rest_s=rest_s)
    reps = block_reps(ctx, e, week) or (strength_scheme(ctx)["reps"] if e.measure == "reps" else "20-40 s")
    if e.measure == "reps" and heavier_block(ctx, week):
        reps = HEAVIER_REPS
    if e.per_side:
        reps += ctx._(" each side")
    return exercise_json(e, ctx, sets=sets, reps=reps, rest_s=rest_s)


def _trim(exercises: list[dict], minutes: int) -> list[dict]:
    """The last resort of PLAN_RULES 37: drop mobility add-ons, then shorten the longest balance block (never
    below 2 minutes) until the session's work fits its minutes."""
    def over() -> bool:
        return session_seconds({"exercises": exercises}) > 60 * minutes + 1e-9
    while over() and any(e.get("kind") == "mobility" for e in exercises[1:]):
        idx = max(i for i, e in enumerate(exercises) if e.get("kind") == "mobility")
        exercises.pop(idx)
    while over():
        timed = [e for e in exercises if e.get("kind") == "balance" and (e.get("minutes") or 0) > 2]
        if not timed:
            break
        max(timed, key=lambda e: e["minutes"])["minutes"] -= 1
    return exercises


def _mixed_cardio(slot: Slot, minutes: int) -> int:
    """A mixed session's cardio minutes: a share that depends on the session length only (monotone, rule 36)."""
    if slot.kind != "mixed" or slot.cardio is None:
        return 0
    return max(5, math.floor((minutes - 5) * (1 - slot.strength_share)))


def _cardio_first(ctx: Context, slot: Slot, minutes: int) -> bool:
    """A mixed session's cardio comes first, starting easy, as its warm-up, unless muscle is the priority
    (kb-concurrent-001: lift first for strength or muscle; endurance first for endurance; either for health)."""
    return slot.kind == "mixed" and slot.cardio is not None and (ctx.p.goal != "muscle_gain" or minutes < 20 or ctx.frail)


ASTHMA_WARM, ASTHMA_WARM_FROM = 10, 20  # minutes; shorter sessions keep 2 (the work would not fit)


def _warm_up(ctx: Context, slot: Slot, minutes: int) -> int:
    """Warm-up minutes outside the exercises: 5, or 2 in a short session; none when the cardio comes first; with
    asthma 10 where the session has room (kb-asthma-005: about 10-15 minutes, from easy to moderate)."""
    if _cardio_first(ctx, slot, minutes):
        return 0
    if "asthma" in ctx.p.conditions and minutes >= ASTHMA_WARM_FROM:
        return ASTHMA_WARM
    return 5 if minutes >= 20 else 2


def _mobility_add_on(ctx: Context, slot: Slot, minutes: int, bal: int) -> int:
    """Minutes of mobility add-ons (2 per item) that fit beside the main work (PLAN_RULES 37)."""
    if not slot.mobility or slot.kind == "mobility":
        return 0
    if slot.kind in RESISTANCE:
        reserved = _warm_up(ctx, slot, minutes) + _mixed_cardio(slot, minutes) + 4
    else:
        reserved = 5
    return max(0, min(2 * len(slot.mobility), minutes - bal - reserved))


def _main_need(ctx: Context, main: list[dict]) -> float:
    """Seconds the main movements (each block's ladder step, e.g. a weighted chair stand) take at 2 sets and their rest
    floors, the most of any block; the same every week and session length, so computed once per plan (Context.memo)."""
    key = ("main_need", tuple(id(it["_ex"]) for it in main), tuple(id(x) for it in main for x in it.get("steps") or ()))
    if key not in ctx.memo:  # (the items are kept with the value, so their ids stay theirs)
        need = max(total(at_floor([_entry(ctx, block_exercise(ctx, it, w), MIN_SETS, 0, w) for it in main]))
                   for w in range(1, 3 * BLOCK_WEEKS, BLOCK_WEEKS))
        ctx.memo[key] = (need, main)
    return ctx.memo[key][0]


def _strength_block(ctx: Context, slot: Slot, minutes: int, sets: int, extra_min: int, deload: bool,
                    week: int = 1, label: str = "moderate") -> list[dict]:
    """Resistance exercises that fit the session; in a mixed session the cardio keeps its share first, so added
    sets never eat aerobic minutes (extra exercises beyond the time left are dropped; the main movements get
    shorter rests and fewer sets first, PLAN_RULES 37)."""
    scheme = strength_scheme(ctx)
    mixed = slot.kind == "mixed" and slot.cardio is not None
    warm = _warm_up(ctx, slot, minutes)
    # the cardio share depends on the session length only, so it grows with it; balance/mobility add-ons and sets
    # come out of the strength part
    cardio_min = _mixed_cardio(slot, minutes)
    left = minutes - warm - extra_min - cardio_min
    keep = ctx.main_count  # the main movements (and the back-extensor/posture work)
    out: list[dict] = []
    for i, item in enumerate(slot.exercises):
        e: Exercise = block_exercise(ctx, item, week)
        n_sets = sets if deload or ctx.bridge else sets + item.get("extra", 0)
        need = strength_minutes(n_sets, scheme["rest_s"])
        if i >= keep and (need > left or ctx.bridge):  # pending clearance: the main movements only
            break
        left -= need
        out.append(_entry(ctx, e, n_sets, scheme["rest_s"], 1 if deload else week))
    # rests before cardio: a mixed session's cardio gives up to all but CARDIO_FLOOR_MIN of its minutes so the main
    # movements (2 sets at the longest floor of any block's repetitions, a need that never grows) keep their rests;
    # so the cardio still grows with the session's length (rule 36)
    need = _main_need(ctx, slot.exercises[:keep])  # the most any block's floors ask (rule 52)
    short = math.ceil((need - 60 * (minutes - warm - extra_min - cardio_min)) / 60 - 1e-9)
    if short > 0 and _cardio_first(ctx, slot, minutes):  # (the warm-up: no jump when a separate one starts)
        cardio_min -= min(short, max(0, cardio_min - CARDIO_FLOOR_MIN))
    out = fit_lifts(ctx, slot, out, 60 * (minutes - warm - extra_min - cardio_min), keep, extra_min)  # frail_fit
    out = session_order(out, is_lifter(ctx.p))  # jumps first; a lifter's multi-joint lifts before isolation
    if mixed:  # the cardio first when it is the warm-up (see _cardio_first), otherwise lift first
        run = exercise_json(cardio_for(slot, label), ctx, minutes=cardio_min)
        out = [run] + out if _cardio_first(ctx, slot, minutes) else out + [run]
    return out


# kb-hiit-001: 10 x 1 min hard / 1 min easy (Gibala 2012), then 4 x 4 min hard / 3 min easy (Helgerud 2007), written
INTERVALS = (N_("after a 10-min warm-up: 6-10 x 1 min hard / 1 min easy"),  # by intervals.py; too short: steady
             N_("after a 10-min warm-up: 3-4 x 4 min hard / 3 min easy"),
             N_("after a 10-min warm-up: 3-4 x 4 min hard / 3 min easy"))


def _cardio_block(ctx: Context, slot: Slot, minutes: int, extra_min: int,
                  label: str, week: int) -> tuple[list[dict], list[str], int]:
    """The cardio of an aerobic or interval session: (exercises, notes, session minutes); intervals lengthen by
    block (kb-hiit: progress the bouts), an endurance plan's other steady sessions are shorter (Slot.share)."""
    assert slot.cardio is not None
    if slot.kind == "hiit":
        minutes = min(minutes, hiit_minutes(ctx.p.minutes_per_session))
    if slot.kind == "hiit" and label == "vigorous" and fit(max(5, minutes - extra_min), 2, 1, 1):  # (else steady)
        fields: dict[str, Any] = {"minutes": max(5, minutes - extra_min)}
        fields["intervals"] = ctx._(INTERVALS[min(2, (week - 1) // BLOCK_WEEKS)])
        return ([exercise_json(slot.cardio, ctx, **fields)],
                [interval_note(ctx._, ctx.endurance_athlete)], minutes)
    notes = [ctx._("Start with 2 easy minutes and finish with 2 easy minutes; in between you should be able to "
                   "talk but not sing.") if label != "light" and not ctx.has("copd") and minutes < 20 else
             ctx._("Start the first 5 minutes easy and finish with 5 easy minutes; you should be able to "
                   "talk but not sing.") if label != "light" and not ctx.has("copd") else
             ctx._("Start and finish with a few easy minutes; keep a pace at which you can talk comfortably.")]
    if slot.long_easy:
        notes.append(ctx._("This is the week's long easy session: an easy, conversational pace the whole way."))
    if slot.share < 1.0:
        minutes = max(extra_min + 5, shortened(minutes, slot.share))
    keep = slot.kind == "hiit" and slot.easy is not None and not (label == "vigorous" and slot.hard)  # (too short)
    steady = slot.easy if keep else cardio_for(slot, label)
    return [exercise_json(steady, ctx, minutes=max(5, minutes - extra_min))], notes, minutes


def _main_block(ctx: Context, slot: Slot, minutes: int, sets: int, extra_min: int, deload: bool,
                week: int, step: int) -> tuple[list[dict], list[str], int]:
    """The session's main work by kind: (exercises, notes, session minutes)."""
    if slot.kind in RESISTANCE:
        return (_strength_block(ctx, slot, minutes, sets, extra_min, deload, week, STEPS[step][0]),
                strength_notes(ctx, slot, _warm_up(ctx, slot, minutes), _top_rpe(ctx, slot, step, week, deload),
                               week), minutes)
    if slot.kind in ("aerobic", "hiit") and slot.cardio is not None:
        return _cardio_block(ctx, slot, minutes, extra_min, STEPS[step][0], week)
    if slot.kind == "mobility":  # minutes its items' work does not use are left over (timed.py, build_session)
        items = _timed(ctx, slot.mobility, minutes - extra_min, week, cap=extra_min > 0)  # (balance takes the rest)
        return (items, [ctx._("Move slowly into each position until you feel mild tension, never pain.")],
                extra_min + sum(e["minutes"] for e in items))
    if slot.kind == "balance":
        return (_timed(ctx, slot.balance, minutes, week),
                [balance_note(ctx)], minutes)
    return [], [], minutes


def _add_ons(ctx: Context, slot: Slot, balance_min: int, mob: int, week: int) -> tuple[list[dict], list[str]]:
    """Balance blocks for older adults and mobility blocks for that goal, added to sessions of another kind."""
    exercises: list[dict] = []
    notes: list[str] = []
    if slot.balance and slot.kind != "balance" and balance_min:
        exercises += _timed(ctx, slot.balance, balance_min, week)
        notes.append(balance_note(ctx))
    if slot.mobility and slot.kind != "mobility" and mob:
        exercises += _timed(ctx, slot.mobility[:max(1, mob // 2)], mob, week)
    return exercises, notes


def _safety_notes(ctx: Context, label: str, aerobic: bool) -> list[str]:
    notes = []
    if ctx.s.clearance_required:
        notes.append(ctx._("Until a doctor clears you, keep every session light."))
        notes.append(ctx._(BP_WALKS_NOTE if bp_walks_only(ctx) else BRIDGE_NOTE))
    if ctx.has("copd") and ctx.s.clearance_required:  # light until cleared: the Borg target agrees with RPE 3-4
        notes.append(ctx._("Judge effort by breathlessness, not heart rate: until you are cleared, slight breathlessness "
                           "(about 2-3 of 10) that eases within a minute or two of stopping; rest if needed."))
    elif ctx.has("copd"):
        notes.append(ctx._("Judge effort by breathlessness, not heart rate: moderate to somewhat severe (3-4 of 10) "
                           "and easing within a few minutes of stopping; slow down or rest in intervals if needed."))
    elif ctx.p.rpe_only and not ctx.s.hr_ceiling:  # (with a ceiling its note pairs it with RPE: hr_policy)
        notes.append(ctx._("Judge effort by how it feels (RPE) and the talk test, not by heart rate."))
    if "glucose" in ctx.s.flags:
        notes.append(ctx._("Check your blood glucose before you start and carry fast-acting carbohydrate."))
    if "no_supine" in ctx.s.flags:
        notes.append(ctx._("No exercises lying flat on your back or front: do them standing, seated or inclined."))
    if ctx.s.hr_ceiling:
        notes.append(ceiling_session_note(ctx))  # (review 15, rule 105: RPE leads where zones do not apply)
    return notes


def build_session(ctx: Context, slot: Slot, week: int, minutes: int, deload: bool, n_bal: int, full: int) -> dict:
    """One session of one week: exercises with sets/minutes, intensity and notes."""
    # where walking keeps the effort moderate, the sets rise instead (one change at a time, kb-overload-001)
    sets = sets_for(ctx, week, deload, effort_rises=ctx.intensity_rises and not walking_cap(slot))
    step = week_step(ctx, slot, week, deload)
    label = STEPS[step][0]
    bal = balance_minutes(ctx, n_bal, minutes, full) if slot.balance and slot.kind != "balance" else 0
    mob = _mobility_add_on(ctx, slot, minutes, bal)
    exercises, notes, used = _main_block(ctx, slot, minutes, sets, bal + mob, deload, week, step)
    if slot.kind == "mobility" and bal and used < minutes:  # a mobility day's spare minutes: balance practice
        bal, used = bal + minutes - used, minutes
    minutes = used
    more, more_notes = _add_ons(ctx, slot, bal, mob, week)
    exercises = [named_for(e, label) for e in _trim(exercises + more, minutes)]
    exercises = add_tai_chi(ctx, slot.kind, exercises, exercise_json)  # a liked tai chi's block (taichi.py)
    notes = notes + more_notes + stance_notes(ctx, exercises, week) + challenge_notes(ctx, exercises, week) + \
        exercise_notes(ctx, exercises, week) + support_notes(ctx, exercises)
    aerobic = slot.kind in ("aerobic", "hiit", "mixed")
    inten = intensity(label, ctx.p, aerobic=aerobic, step=step)
    if ctx.endurance_athlete:
        athlete_zone(inten, ctx.p, slot.kind)
    if slot.kind == "strength" and ctx.level in ("intermediate", "advanced") and step == len(STEPS) - 1:
        inten["rpe"] = list(LIFTING_TOP_RPE)  # after the block's opening week at 7-8: 1-2 repetitions in reserve
    if inten["hr_bpm"]:
        notes.append(ctx._("Heart-rate zone {lo}-{hi} bpm ({plo}-{phi}% of heart-rate reserve).",
                           lo=inten["hr_bpm"][0], hi=inten["hr_bpm"][1], plo=inten["pct_hrr"][0],
                           phi=inten["pct_hrr"][1]))
    if deload:
        notes.append(ctx._("Lighter week: fewer sets and easier effort so your body can adapt."))
    notes += _safety_notes(ctx, label, aerobic) + back_notes(ctx) + cool_down(ctx) + pregnancy_notes(ctx, week)
    return {"day": slot.day, "kind": slot.kind, "minutes": int(minutes), "intensity": inten,
            "exercises": exercises, "notes": " ".join(notes)}


def build_weeks(ctx: Context, slots: list[Slot], weeks: int) -> list[dict]:
    """Every week of the plan: minutes build up, sets progress, trained people deload every fourth week."""
    if ctx.has("hard_stop"):  # PLAN_RULES 19: nothing until a doctor has cleared the person
        return [{"week": w, "deload": False, "sessions": []} for w in range(1, weeks + 1)]
    schedule = session_minutes(ctx, slots, weeks)
    full = max((mins for mins, deload in schedule if not deload), default=ctx.p.minutes_per_session)
    n_bal = sum(1 for s in slots if s.balance and s.kind != "balance")
    note_days(ctx, slots, RESISTANCE)  # each resistance session's turn (a frail person's short sessions rotate lifts)
    out = []
    prev_total: int | None = None
    prev_nominal: int | None = None  # the schedule's minutes x sessions (shortened steady sessions scale with it)
    for w, (minutes, deload) in enumerate(schedule, start=1):
        if prev_nominal is not None and not deload and minutes * len(slots) > ramp_ceiling(prev_nominal):
            minutes = max(10, min(minutes, int(ramp_ceiling(prev_nominal) // len(slots))))
        sessions = [build_session(ctx, slot, w, minutes, deload, n_bal, full) for slot in slots]
        while prev_total is not None and not deload and minutes > 10 and \
                sum(s["minutes"] for s in sessions) > ramp_ceiling(prev_total):  # rounding of shortened sessions
            minutes -= 1
            sessions = [build_session(ctx, slot, w, minutes, deload, n_bal, full) for slot in slots]
        if not deload and without_rest(sessions):  # a short first week: the minutes its rests need (rests.py)
            minutes, sessions = room_for_rests(
                lambda m: [build_session(ctx, slot, w, m, deload, n_bal, full) for slot in slots], minutes, sessions,
                rest_cap(ctx.p.minutes_per_session, minutes, prev_total, len(slots)))
        if out and ctx.p.is_beginner_or_inactive and not deload:
            one_change(out[-1]["sessions"], sessions)
        prev_total, prev_nominal = sum(s["minutes"] for s in sessions), minutes * len(slots)
        out.append({"week": w, "deload": deload, "sessions": sessions})
    keep_cardio(out)  # balance blocks grown with the nominal minutes never take a kept session's cardio (rule 36)
    return out


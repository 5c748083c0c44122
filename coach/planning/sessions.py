"""Sessions: one week's sessions from the template (exercises, sets, minutes), intensity and heart-rate zones."""
from __future__ import annotations

from typing import Any

from coach.domain.limits import ramp_ceiling
from coach.planning.context import Context, Slot
from coach.planning.template import (RESISTANCE, hiit_minutes, session_minutes, strength_minutes, strength_scheme,
                                     week_factors)
from coach.domain.profile import Profile
from coach.safety.screening import lower
from knowledge.catalog import Exercise

# ACSM intensity bands (Guidelines 11th ed.): %HRR and RPE on the 0-10 scale (WHO 2020: moderate 5-6, vigorous 7-8)
INTENSITY: dict[str, dict[str, list[int]]] = {
    "light": {"rpe": [3, 4], "pct_hrr": [30, 39]},
    "moderate": {"rpe": [5, 6], "pct_hrr": [40, 59]},
    "vigorous": {"rpe": [7, 8], "pct_hrr": [60, 80]},
}


def hr_max(age: int) -> float:
    """Tanaka et al. 2001: HRmax = 208 - 0.7 x age."""
    return 208 - 0.7 * age


def karvonen(age: int, resting: int, pct: float) -> int:
    """Target heart rate by the Karvonen formula for a % of heart-rate reserve."""
    return round(resting + pct / 100 * (hr_max(age) - resting))


def intensity(label: str, p: Profile, *, aerobic: bool) -> dict:
    """The contract's intensity object; heart-rate targets only for aerobic work with a known resting HR."""
    band = INTENSITY[label]
    out: dict[str, Any] = {"label": label, "rpe": list(band["rpe"]), "pct_hrr": None, "hr_bpm": None}
    if aerobic:
        out["pct_hrr"] = list(band["pct_hrr"])
        if p.resting_hr is not None:
            out["hr_bpm"] = [karvonen(p.age, p.resting_hr, band["pct_hrr"][0]),
                             karvonen(p.age, p.resting_hr, band["pct_hrr"][1])]
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
    return out


def _hold_text(ctx: Context, e: Exercise) -> str:
    side = ctx._(" each side") if e.per_side else ""
    if e.measure == "reps":
        return ctx._("2 rounds of 8-10 slow reps{side}", side=side)
    return ctx._("2-4 holds of 20-30 s{side}", side=side)


def _strength_block(ctx: Context, slot: Slot, minutes: int, sets: int, extra_blocks: int) -> list[dict]:
    scheme = strength_scheme(ctx)
    warm = 5 if minutes >= 20 else 2
    out: list[dict] = []
    for item in slot.exercises:
        e: Exercise = item["_ex"]
        reps = scheme["reps"] if e.measure == "reps" else "20-40 s"
        if e.per_side:
            reps += ctx._(" each side")
        out.append(exercise_json(e, ctx, sets=sets, reps=reps, rest_s=scheme["rest_s"]))
    if slot.kind == "mixed" and slot.cardio is not None:
        strength_min = sum(strength_minutes(sets, scheme["rest_s"]) for _ in slot.exercises)
        cardio_min = max(5, int(minutes - warm - strength_min - extra_blocks))
        out.append(exercise_json(slot.cardio, ctx, minutes=cardio_min))
    return out


def _strength_notes(ctx: Context, minutes: int) -> list[str]:
    notes = [ctx._("Warm up {warm} min with easy cardio and dynamic moves; cool down and stretch at the end.",
                   warm=5 if minutes >= 20 else 2),
             ctx._("Double progression: when every set reaches the top of the rep range at RPE 8 or less, "
                   "add a little load next time and go back to the bottom of the range.")]
    if "hypertension" in ctx.s.flags or "known_disease" in ctx.s.flags:
        notes.append(ctx._("Breathe out as you lift and never hold your breath."))
    return notes


def _cardio_block(ctx: Context, slot: Slot, minutes: int, extra_blocks: int) -> tuple[list[dict], list[str], int]:
    """The cardio of an aerobic or interval session: (exercises, notes, session minutes)."""
    assert slot.cardio is not None
    if slot.kind == "hiit":
        minutes = min(minutes, hiit_minutes(ctx.p.minutes_per_session))
        fields: dict[str, Any] = {"minutes": minutes - extra_blocks}
        if slot.cardio.kind != "hiit":
            fields["intervals"] = ctx._("after a 10-min warm-up: 6-8 x 1 min hard / 2 min easy")
        return ([exercise_json(slot.cardio, ctx, **fields)],
                [ctx._("Intervals: hard bouts feel 7-8 out of 10; recover fully between them.")], minutes)
    return ([exercise_json(slot.cardio, ctx, minutes=max(5, minutes - extra_blocks))],
            [ctx._("Start the first 5 minutes easy and finish with 5 easy minutes; you should be able to "
                   "talk but not sing.")], minutes)


def _main_block(ctx: Context, slot: Slot, minutes: int, sets: int) -> tuple[list[dict], list[str], int]:
    """The session's main work by kind: (exercises, notes, session minutes)."""
    # minutes taken by the 2-minute balance and mobility add-ons of this session
    extra_blocks = 2 * len(slot.balance) + (2 * len(slot.mobility) if slot.kind != "mobility" else 0)
    if slot.kind in RESISTANCE:
        return _strength_block(ctx, slot, minutes, sets, extra_blocks), _strength_notes(ctx, minutes), minutes
    if slot.kind in ("aerobic", "hiit") and slot.cardio is not None:
        return _cardio_block(ctx, slot, minutes, extra_blocks)
    if slot.kind == "mobility":
        each = max(2, (minutes - extra_blocks) // max(1, len(slot.mobility)))
        return ([exercise_json(e, ctx, minutes=each, holds=_hold_text(ctx, e)) for e in slot.mobility],
                [ctx._("Move slowly into each position until you feel mild tension, never pain.")], minutes)
    if slot.kind == "balance":
        each = max(2, minutes // max(1, len(slot.balance)))
        return ([exercise_json(e, ctx, minutes=each, holds=_hold_text(ctx, e)) for e in slot.balance],
                [ctx._("Practise near a wall or sturdy chair for support.")], minutes)
    return [], [], minutes


def _add_ons(ctx: Context, slot: Slot) -> tuple[list[dict], list[str]]:
    """Two-minute balance and mobility blocks added to sessions of another kind."""
    exercises: list[dict] = []
    notes: list[str] = []
    if slot.balance and slot.kind != "balance":
        exercises += [exercise_json(e, ctx, minutes=2, holds=_hold_text(ctx, e)) for e in slot.balance]
        notes.append(ctx._("Balance work helps prevent falls: stand near support."))
    if slot.mobility and slot.kind != "mobility":
        exercises += [exercise_json(e, ctx, minutes=2, holds=_hold_text(ctx, e)) for e in slot.mobility]
    return exercises, notes


def build_session(ctx: Context, slot: Slot, week: int, minutes: int, deload: bool, ramp_index: int) -> dict:
    """One session of one week: exercises with sets/minutes, intensity and notes."""
    scheme = strength_scheme(ctx)
    sets = scheme["deload_sets"] if deload else scheme["sets"][min(ramp_index, 2)]
    label = slot.label
    if deload or (week == 1 and ctx.beginner):
        label = lower(label, "moderate")
    if week == 1 and slot.kind == "hiit":
        label = "vigorous"
    exercises, notes, minutes = _main_block(ctx, slot, minutes, sets)
    more, more_notes = _add_ons(ctx, slot)
    exercises, notes = exercises + more, notes + more_notes
    inten = intensity(label, ctx.p, aerobic=slot.kind in ("aerobic", "hiit", "mixed"))
    if inten["hr_bpm"]:
        notes.append(ctx._("Heart-rate zone {lo}-{hi} bpm ({plo}-{phi}% of heart-rate reserve).",
                           lo=inten["hr_bpm"][0], hi=inten["hr_bpm"][1], plo=inten["pct_hrr"][0],
                           phi=inten["pct_hrr"][1]))
    if deload:
        notes.append(ctx._("Lighter week: fewer sets and easier effort so your body can adapt."))
    if ctx.s.clearance_required:
        notes.append(ctx._("Until a doctor clears you, keep every session light."))
    return {"day": slot.day, "kind": slot.kind, "minutes": int(minutes), "intensity": inten,
            "exercises": exercises, "notes": " ".join(notes)}


def build_weeks(ctx: Context, slots: list[Slot], weeks: int) -> list[dict]:
    """Every week of the plan: minutes ramp up, sets progress, every fourth week is a deload."""
    m = ctx.p.minutes_per_session
    out = []
    prev_total: int | None = None
    ramp_index = 0
    for w, (factor, deload) in enumerate(week_factors(weeks, ctx.beginner), start=1):
        minutes = session_minutes(m, factor)
        total = minutes * len(slots)
        if prev_total is not None and not deload and total > ramp_ceiling(prev_total):
            minutes = max(10, min(m, int(ramp_ceiling(prev_total) // len(slots))))
        sessions = [build_session(ctx, slot, w, minutes, deload, ramp_index) for slot in slots]
        prev_total = sum(s["minutes"] for s in sessions)
        ramp_index = ramp_index if deload else ramp_index + 1
        out.append({"week": w, "deload": deload, "sessions": sessions})
    return out

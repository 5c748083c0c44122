"""COPD plans as pulmonary rehabilitation runs them (kb-copd-001; Spruit et al. 2013 ATS/ERS; GOLD 2024).

- Endurance work is walking and cycling: with a bike (or a gym) the cardio days alternate a walk and a stationary
  bike; without one, walking (no dancing or other cardio picked for variety).
- Strength for the legs and arms, upright: lying face-down work gives way to an upright exercise of the same kind
  (a scapular squeeze or a band row for a prone raise) where one fits; a band or light weights where the person has
  them (the picker's loaded choices), and the notes say how to add them (once cleared, while clearance is pending).
- Every session says how to breathe and pace: pursed-lip breathing and intervals (1-2 minutes on, an easy minute)
  when breathlessness builds; the breathlessness target (Borg 3-4, moderate to somewhat severe; 2-3 while clearance
  is pending) is the session note of coach.planning.sessions and the reason of coach.safety.copd.
Rule 35 (coach.planning.clinical) checks the modes and the notes.
"""
from __future__ import annotations

from coach.domain.profile import Profile
from coach.i18n import N_
from coach.planning.context import Context, Slot, matches, preference_words
from coach.planning.template import adjacent
from knowledge.catalog import Exercise, available, load_catalog, options

BIKE = "stationary_bike_ride"
WALK = "walking"
BRISK = "brisk_walking"
UPRIGHT_PULLS = ("horizontal_pull", "rear_delt", "scapular")  # for a face-down raise (scapular squeezes need nothing)
PURSED_LIP = N_("COPD: breathe in through your nose and out slowly through pursed lips (as if blowing out a candle), "
                "about twice as long out as in.")
INTERVALS = N_("If you get too breathless to speak in short sentences, switch to intervals: 1-2 minutes of work, then "
               "an easy minute or a rest until your breathing settles, and repeat.")
LIMBS = (N_("Strength for your arms and legs, as pulmonary rehabilitation does: once you are cleared, a resistance "
            "band or light weights (1-2 kg, or filled water bottles) come in."),
         N_("Strength for your arms and legs, as pulmonary rehabilitation does: use a resistance band or light weights "
            "(1-2 kg, or filled water bottles) where you have them, lifting as you breathe out."))


def has_copd(p: Profile) -> bool:
    return "copd" in p.conditions


def bike_ok(p: Profile) -> bool:
    """A stationary bike the person has (their own or a gym's) and does not dislike."""
    bike = load_catalog().get(BIKE)
    return bike is not None and available(bike, p.equipment) and not matches(bike, preference_words(
        p.preferences.dislikes))


def _walk(ctx: Context, slots: list[Slot]) -> Exercise:
    """The plan's own walk, or walking (brisk once moderate effort is allowed)."""
    own = next((s.cardio for s in slots if s.cardio is not None and "walk" in s.cardio.id), None)
    easy = ctx.s.clearance_required or ctx.frail or ctx.cap == "light"
    return own or load_catalog()[WALK if easy else BRISK]


def copd_template(ctx: Context, slots: list[Slot]) -> None:
    """COPD: the cardio days walk and cycle (alternating, when there is a bike) and lying face-down strength work
    gives way to an upright exercise of the same kind."""
    if not has_copd(ctx.p) or ctx.has("hard_stop"):
        return
    cardio = [s for s in slots if s.cardio is not None and s.kind in ("aerobic", "mixed", "hiit")]
    bike = load_catalog()[BIKE] if bike_ok(ctx.p) and ctx.allowed(load_catalog()[BIKE]) else None
    walk = _walk(ctx, slots)
    for i, s in enumerate(cardio):
        s.cardio = bike if bike is not None and i % 2 == 1 else walk
    for s in slots:
        _upright(ctx, s, slots)


def _upright(ctx: Context, slot: Slot, slots: list[Slot]) -> None:
    near = {g for other in slots if other is not slot and adjacent(other.day, slot.day)
            for it in other.exercises for g in it["_ex"].muscle_groups}
    taken = {it["_ex"].id for it in slot.exercises}
    for it in list(slot.exercises):
        e = it["_ex"]
        if e.lying != "prone" or it.get("steps"):
            continue
        upright = [x for x in options(ctx.equipment, ctx.injuries, region=e.region, kind="strength",
                                      max_level=ctx.level)
                   if x.lying is None and x.measure == e.measure and ctx.allowed(x) and not matches(x, ctx.dislikes)
                   and (x.pattern == e.pattern or e.region == "pull" and x.pattern in UPRIGHT_PULLS)
                   and not (set(x.muscle_groups) - set(e.muscle_groups)) & near]
        free = [x for x in upright if x.id not in taken]
        if free:
            it["_ex"] = free[0]
            taken.add(free[0].id)
        elif any(x.id in taken for x in upright):  # the upright version is already in the session
            slot.exercises.remove(it)


def copd_notes(ctx: Context, weeks: list[dict]) -> None:
    """Every COPD session: pursed-lip breathing, the breathlessness target, intervals when breathless; resistance
    sessions: the arm and leg work with a band or light weights."""
    if not has_copd(ctx.p) or ctx.has("hard_stop"):
        return
    pending = ctx.s.clearance_required
    for w in weeks:
        for s in w["sessions"]:
            extra = [ctx._(PURSED_LIP), ctx._(INTERVALS)]
            if any(isinstance(e.get("sets"), int) for e in s["exercises"]):
                extra.append(ctx._(LIMBS[0 if pending else 1]))
            s["notes"] = " ".join([s["notes"], *extra]).strip()

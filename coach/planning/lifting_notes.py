"""The notes of a resistance session (moved out of sessions.py): the warm-up, how load progresses (double
progression; for teenagers, technique milestones, NSCA youth position 2009 / Lloyd et al. 2014, kb-youth-strength),
a doctor's limits, breathing, supervision and the knee's squat depth."""
from __future__ import annotations

from coach.domain.limits import BLOCK_WEEKS
from coach.i18n import N_
from coach.planning.advice import CHAIR_SQUATS, bp_notes, frail_notes
from coach.planning.context import Context, Slot
from coach.planning.hints import (CAREFUL_BODYWEIGHT, CAREFUL_KNEE_LOADED, FRAIL_BODYWEIGHT, YOUTH_KNEE_LOADED,
                                  loading_text)
from coach.planning.ladders import KNEE_LOADED, block_exercise

# teenagers: load rises by technique milestones, not by the calendar (NSCA 2009 youth position: 5-10 % when the reps
# are done with good form; Lloyd et al. 2014: technique competency before load, qualified supervision)
YOUTH_MILESTONES = (
    N_("Technique first: light loads you could lift 15 or more times. Add load only when a qualified coach sees every "
       "repetition of every set done the same way: full range, back straight, knees in line with the toes, and a "
       "slow, controlled lowering."),
    N_("Add about 5-10 % load only when all sets reach the top of the rep range with good form and 2-3 repetitions "
       "left in reserve, checked by your coach; if form slips, go back to the last load."))

# gear that can be made heavier a little at a time; without any, double progression cannot "add a little load"
LOAD_GEAR = {"dumbbells", "kettlebell", "barbell", "machines", "gym", "bands"}
BODYWEIGHT_PROGRESSION = N_(
    "No weights needed to progress: when every set reaches the top of the rep range at RPE {rpe} or less, make the "
    "movement harder next time instead (push-ups against a lower surface, wall then kitchen counter then a sturdy "
    "chair or bench; a slow 3-second lowering; a 2-second pause at the hardest point; or a filled backpack for squats "
    "and step-ups) and go back to the bottom of the range.")
# the knee's loaded block (ladders.KNEE; ACR 2019 / kb-knee-005: quadriceps loading that progresses)
KNEE_LOADED_NOTE = N_(
    "Knee: the sit-to-stands now hold a weight at your chest (a dumbbell, a full water bottle or a filled backpack), "
    "and from week 9 you step up onto the bottom stair or a low step holding the rail, a higher step once 12 feel "
    "easy. Add load or height only while knee pain stays mild and settles within a day.")

# pregnancy from the second trimester (or unknown): a 12-week plan runs into the third, where kb-pregnancy-006 asks to
# reduce intensity, so loads stop rising from week 8 (the RPE stays at its moderate cap)
PREGNANCY_HOLD_WEEK = 8
PREGNANCY_HOLD = N_("Pregnancy: from now on keep the loads you have and do not add more, as the third trimester comes "
                    "closer; keep the effort at RPE 5-6 at most, and use fewer repetitions or a lighter load whenever "
                    "you need to.")


def strength_notes(ctx: Context, slot: Slot, warm: int, top: int, week: int) -> list[str]:
    """The notes of a resistance session: warm-up, how load progresses, limits, breathing, supervision, knee."""
    notes = [ctx._("Warm up {warm} min with easy cardio and dynamic moves; cool down and stretch at the end.",
                   warm=warm) if warm else
             ctx._("Do the cardio first, starting at an easy pace: it is your warm-up. Cool down and stretch at the "
                   "end."),
             ctx._("Double progression: when every set reaches the top of the rep range at RPE {rpe} or less, "
                   "add a little load next time and go back to the bottom of the range.", rpe=top)]
    if not ctx.equipment & LOAD_GEAR:  # nothing to add load with: harder variations instead
        notes[1] = ctx._(FRAIL_BODYWEIGHT, rpe=top) if ctx.frail else \
            loading_text(ctx, BODYWEIGHT_PROGRESSION, CAREFUL_BODYWEIGHT, rpe=top)  # no backpack for the careful
    if ctx.has("pregnancy") and ctx.p.pregnancy_trimester != 1 and week >= PREGNANCY_HOLD_WEEK:
        notes[1] = ctx._(PREGNANCY_HOLD)
    if ctx.youth and not ctx.bridge:  # technique milestones instead of the calendar
        notes[1] = ctx._(YOUTH_MILESTONES[0 if week <= BLOCK_WEEKS else 1])
    if ctx.bridge:  # waiting for clearance: nothing to add (kb-clearance-001, rule 41)
        notes = notes[:1]
    if ctx.s.load_ceiling_kg:
        notes.append(ctx._("Your doctor's limit: nothing heavier than {kg} kg. Use body weight, bands or light "
                           "dumbbells within it; no heavy loads.", kg=f"{ctx.s.load_ceiling_kg:g}"))
    elif ctx.has("doctor_no_heavy"):
        notes.append(ctx._("Your doctor's limit: no heavy lifting. Light loads only (body weight, bands, light "
                           "dumbbells)."))
    elif ctx.has("no_heavy_lifting"):  # the passages' advice (cardiac rehabilitation), not a limit a doctor gave
        notes.append(ctx._("No heavy lifting for now: light loads only (body weight, bands, light dumbbells)."))
    if ctx.s.flags & {"hypertension", "known_disease", "pregnancy", "stage2", "cleared"}:
        notes.append(ctx._("Breathe out as you lift and never hold your breath."))
    if ctx.youth:
        notes.append(ctx._("Learn each movement with light weights under a qualified coach's or adult's "
                           "supervision; good technique before more load."))
    if "knee" in ctx.injuries and (ctx.frail or not any(i["_ex"].id in CHAIR_SQUATS for i in slot.exercises)):
        notes.append(ctx._("Knee: squat only to a pain-free depth (to a chair or box); mild discomfort that settles "
                           "within a day is fine."))
    if "knee" in ctx.injuries and not ctx.frail and any(block_exercise(ctx, i, week).id in KNEE_LOADED
                                                         for i in slot.exercises):
        notes.append(loading_text(ctx, KNEE_LOADED_NOTE, CAREFUL_KNEE_LOADED, YOUTH_KNEE_LOADED))
    return notes + frail_notes(ctx, week)


def cool_down(ctx: Context) -> list[str]:
    """High blood pressure or a beta-blocker: an explicit 5-10 min cool-down in every session, however short
    (kb-hypertension-001: extend the cool-down; a beta-blocker blunts the heart's response to stopping)."""
    if "beta_blocker" in set(ctx.p.medications) | set(ctx.p.conditions) and not bp_notes(ctx):
        return [ctx._("Cool down for 5-10 minutes at an easy pace rather than stopping suddenly.")]
    return bp_notes(ctx)

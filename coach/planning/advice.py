"""Advice that rides along with the sessions: ability-led balance steps, walking on the other days, and the notes
some conditions need in every session (back pain's pain rule, pregnancy's re-check at each block).

Balance steps follow ability, not the calendar (kb-balance-001: "move to the next level when the current one feels
steady"; eyes closed only with support): each block offers the next step only if the current one felt steady, and
people at risk from a fall (older adults, osteoporosis, anticoagulants, stroke) keep a support within reach and do
no eyes-closed work at all (kb-falls-001, kb-anticoagulants-001).
"""
from __future__ import annotations

import math

from coach.domain.limits import BLOCK_WEEKS, FAT_LOSS_AEROBIC_AIM_MIN, WEEKLY_AEROBIC_TARGET_MIN
from coach.i18n import N_
from coach.planning.context import BALANCE_LADDER, Context
from coach.planning.falls import frail_home_minutes, home_text
from coach.planning.hints import (CAREFUL_SQUAT_STEP, YOUTH_SQUAT_STEP, home_balance_text, light_start_weeks,
                                  loading_text)
from coach.planning.measure import balance_minutes as session_balance
from coach.planning.postnatal import postnatal_notes
from coach.planning.schedule import FRAIL_BALANCE_STEPS
from knowledge.catalog import load_catalog

FALL_RISK_FLAGS = {"osteoporosis", "anticoagulant", "stroke"}
FALL_RISK_CONDITIONS = {"osteoporosis", "stroke", "parkinsons", "parkinson", "multiple_sclerosis", "ms"}
# what each block offers, for people without and with a fall risk; the step is taken only when the last one felt
# steady in every hold (the person tells the coach at the check-in)
STAGES = (N_("holding a sturdy support"),
          N_("holding a sturdy support; once that feels steady in every hold, one hand or fingertips only"),
          N_("fingertip support if the last step felt steady, otherwise keep holding; eyes closed only briefly, with "
             "support, once steady with eyes open"))
FALL_RISK_STAGES = (N_("holding a sturdy support"),
                    N_("holding a sturdy support; once that feels steady in every hold, one hand only"),
                    N_("one hand or fingertips on the support if the last step felt steady, otherwise keep holding; "
                       "keep the support within reach and your eyes open"))
# walking on the days without a session (kb-hypertension-001: aerobic activity on most, preferably all, days)
WALK_MIN_EACH = 10
WALK_MAX_EACH = 30
SHORT_ON_TIME_MIN = 90  # a weekly time budget below this: the walks are optional and short
DAILY_BALANCE_MIN = 5  # the home balance and back-extensor add-on on the other days
# frail people: the home add-on brings the week's balance work toward ~3 h a week by week 12 (coach.planning.falls),
# above rule 44's floor (schedule.FRAIL_BALANCE_STEPS); it keeps a minute of back-extensor work
# other older adults (65+): the home balance add-on on the days without a session grows every two weeks (5 to 15
# minutes a day), so the week's balance work passes ACSM's neuromotor >= 60 minutes and keeps building (kb-falls-001)
OLDER_HOME_BALANCE = (5, 15)


def fall_risk(ctx: Context) -> bool:
    """Older adults and anyone a fall would hurt more (fragile bones, anticoagulants, stroke, neurological disease)."""
    return ctx.older or bool(ctx.s.flags & FALL_RISK_FLAGS) or bool(FALL_RISK_CONDITIONS & set(ctx.p.conditions))


def balance_stage(ctx: Context, week: int) -> str:
    """The balance step on offer in `week`: one more per block, taken only when the last one felt steady."""
    stage = 0 if ctx.bridge else min(2, (week - 1) // BLOCK_WEEKS)
    return ctx._((FALL_RISK_STAGES if fall_risk(ctx) else STAGES)[stage])


def balance_note(ctx: Context) -> str:
    """The ability rule behind the balance steps, said once per session that has balance work; while clearance is
    pending the first step is kept (rule 41)."""
    if ctx.bridge:
        return ctx._("Balance work helps prevent falls: practise next to a sturdy support you can grab at once, and "
                     "keep to this first step until a doctor has cleared you.")
    return ctx._("Balance work helps prevent falls: practise next to a sturdy support you can grab at once. Move to "
                 "the next step only when the current one feels steady; if it felt wobbly, stay where you are and "
                 "say so in your check-in.")


def walk_days(ctx: Context, n_sessions: int) -> int:
    """Days of the week without a session, when a walk is suggested (none under a hard stop)."""
    if ctx.has("hard_stop") or not n_sessions:
        return 0
    return max(0, 7 - n_sessions)


def walk_target(ctx: Context) -> float:
    """The weekly moderate-equivalent minutes the walks top the sessions up to: WHO's 150, or toward 200-300 for an
    adult losing fat (Donnelly 2009, kb-weight-loss-002), never while clearance is pending or for the frail."""
    fat_loss = ctx.p.goal == "fat_loss" and not (ctx.youth or ctx.frail or ctx.s.clearance_required)
    return FAT_LOSS_AEROBIC_AIM_MIN if fat_loss else WEEKLY_AEROBIC_TARGET_MIN


BRISK_PACE = N_("a brisk pace you can talk at")  # brisk walking is moderate (kb-mets-001); light walks are easy


def walk_pace(ctx: Context, label: str) -> str:
    """The pace a walk of this effort label is described at (rule 73: a light walk is never brisk)."""
    return ctx._("an easy pace") if label == "light" else ctx._(BRISK_PACE)


def light_start_walks(ctx: Context, weeks: list[dict]) -> None:
    """The walks of a light start (hints.light_start_weeks) are light, at an easy pace, like its sessions (rule 73;
    in place, minutes unchanged)."""
    for w in weeks[:light_start_weeks(weeks)]:
        walk = w.get("daily_activity")
        if walk and walk.get("label") != "light":
            w["daily_activity"] = walk = dict(walk)  # a kept walk can be the same object as another week's
            walk["label"] = "light"
            walk["text"] = str(walk.get("text") or "").replace(walk_pace(ctx, "moderate"), walk_pace(ctx, "light"))


def walk_text(ctx: Context, days: int, minutes: int, label: str) -> str:
    """The daily walk's sentence, at the pace its label allows."""
    return ctx._("On the {n} days without a session: a {m}-minute walk at {pace}.", n=days, m=minutes,
                 pace=walk_pace(ctx, label))


def daily_walk(ctx: Context, week: dict, structured: float, share: float,
               ceiling: float | None = None) -> dict | None:
    """Walking on the days without a session, so the week's aerobic minutes reach the recommended dose
    (150 moderate-equivalent, WHO / ACSM-AHA) where the sessions alone do not: `structured` is the week's
    moderate-equivalent cardio, `share` how far the sessions have built toward their full length (the walks build
    with them, and for beginners by 5 minutes every two weeks), `ceiling` the most walking minutes the week may add
    (heart patients: the whole week grows by at most 10 %). Light while clearance is pending or the cap is light;
    None when the sessions already reach it."""
    days = walk_days(ctx, len(week["sessions"]))
    if not days:
        return None
    light = ctx.s.clearance_required or ctx.cap == "light" or ctx.frail  # frail: an easy pace, with any walking aid
    factor = 0.5 if light else 1.0
    missing = max(0.0, walk_target(ctx) * share - structured) / factor
    if ctx.bridge:
        # waiting for clearance: a short easy walk that grows like the sessions, 5 minutes every two weeks, never
        # longer than this week's sessions (no dose is quoted, kb-clearance-001)
        longest = max((s["minutes"] for s in week["sessions"]), default=WALK_MIN_EACH)
        each = max(WALK_MIN_EACH, min(WALK_MIN_EACH + 5 * ((week["week"] - 1) // 2), longest, WALK_MAX_EACH))
        if ceiling is not None:  # heart patients: the whole week grows by at most ~10 %
            each = min(each, max(WALK_MIN_EACH, 5 * math.floor(ceiling / days / 5)))
    else:
        each = min(WALK_MAX_EACH, 5 * math.ceil(missing / days / 5)) if missing else 0
        if each and ctx.ramps:  # new to exercise: the walks start at 10 minutes, 5 more every two weeks
            each = min(each, WALK_MIN_EACH + 5 * ((week["week"] - 1) // 2))
        if each and ceiling is not None:
            each = min(each, max(WALK_MIN_EACH, 5 * math.floor(ceiling / days / 5)))
        if each and each < WALK_MIN_EACH:
            each = WALK_MIN_EACH
        each = min(each, max(WALK_MIN_EACH, ctx.p.minutes_per_session))  # no walk longer than their sessions
    short = short_on_time(ctx)
    if each and short:  # the time they said they have comes first: an optional short walk, not a hidden dose
        each = WALK_MIN_EACH
    if ctx.frail and not ctx.bridge:  # review 9 (rule 72): the walk builds toward 150 minutes a week as tolerated
        each = frail_walk(ctx, week, days, ceiling)
    daily = daily_balance(ctx)
    if daily and not each:
        each = WALK_MIN_EACH  # fragile bones or frailty: the daily balance and posture work rides on a short walk
    if not each:
        return None
    label = "light" if light else "moderate"
    pace = walk_pace(ctx, label)
    out = {"days": days, "minutes": each, "label": label, "activity": "walking", "total_minutes": days * each,
           "text": walk_text(ctx, days, each, label)}
    if short:
        out["optional"] = True
        out["text"] = ctx._("If you have time on the {n} days without a session: an optional {m}-minute walk at "
                            "{pace} (or a few short walks in your day).", n=days, m=each, pace=pace)
    if daily:
        out["add_on"] = _home_add_on(ctx, week, days)
        out["text"] += " " + out["add_on"]["text"]
    return out


def _home_add_on(ctx: Context, week: dict, days: int) -> dict:
    """The home balance (and posture) add-on of `week` on each of the `days` without a session."""
    home = home_balance(ctx, week, days)
    if ctx.has("osteoporosis") or ctx.frail:
        text = home_text(ctx, home)  # longer practice in 2-3 short bouts (coach.planning.falls)
        return {"minutes": home, "balance_minutes": home - 1, "kind": "balance_and_posture", "text": text}
    # an older adult without fragile bones or frailty: balance practice only (kb-falls-001), no posture block
    text = home_balance_text(ctx, week, home)  # the stance the week's sessions hold (kb-balance-001)
    return {"minutes": home, "balance_minutes": home, "kind": "balance", "text": text}


def _home_day(ctx: Context, week: dict) -> dict | None:
    """The days without a session of `week` carrying the home add-on alone (`minutes` 0, no walking activity)."""
    days = walk_days(ctx, len(week["sessions"]))
    if not days:
        return None
    add_on = _home_add_on(ctx, week, days)
    text = ctx._("On the {n} days without a session: no walk, as you would rather not walk.", n=days)
    return {"days": days, "minutes": 0, "label": "light", "activity": None, "total_minutes": 0, "add_on": add_on,
            "text": text + " " + add_on["text"]}


def home_only(ctx: Context, weeks: list[dict]) -> None:
    """Someone who dislikes walking (no walk is ever scheduled for them) but needs the daily home balance add-on
    (frailty, fragile bones, older adults; kb-falls-001, kb-osteoporosis-001): each week's `daily_activity` is the
    add-on alone, which never shrinks from one full week to the next (in place)."""
    if not daily_balance(ctx):
        return
    last: dict | None = None
    for w in weeks:
        home = _home_day(ctx, w)
        if home and last and not w["deload"] and last["add_on"]["minutes"] > home["add_on"]["minutes"]:
            home = {**home, "add_on": last["add_on"], "text": home["text"].replace(home["add_on"]["text"],
                                                                                   last["add_on"]["text"])}
        if home:
            w["daily_activity"] = home
            last = home if not w["deload"] else last


FRAIL_WALK_STEP_WEEKS = 2  # kb-frail-001 (ICFSR 2021, Vivifrail): about 5 minutes more every week or two


def session_walking(week: dict) -> int:
    """The week's minutes of cardio inside the sessions (walking, cycling...)."""
    return sum(int(e.get("minutes") or 0) for s in week["sessions"] for e in s["exercises"]
               if e.get("kind") == "aerobic" or s.get("kind") in ("aerobic", "hiit") and e.get("minutes"))


def frail_walk(ctx: Context, week: dict, days: int, ceiling: float | None = None) -> int:
    """A frail person's walk on each day without a session (kb-frail-001: ICFSR 2021, Vivifrail; WHO 2020's 150
    minutes for older adults): from 10 minutes, 5 more every two weeks as tolerated, until the week's walking with
    the sessions' cardio reaches 150 minutes; at most 30 a day (in two short walks where that suits). Balance and
    strength stay the core of the plan (kb-falls-001). A heart patient's ~10 % weekly ceiling still applies."""
    step = WALK_MIN_EACH + 5 * ((week["week"] - 1) // FRAIL_WALK_STEP_WEEKS)
    need = max(0, WEEKLY_AEROBIC_TARGET_MIN - session_walking(week))
    each = min(step, WALK_MAX_EACH, max(WALK_MIN_EACH, 5 * math.ceil(need / max(1, days) / 5)))
    if ceiling is not None:
        each = min(each, max(WALK_MIN_EACH, 5 * math.floor(ceiling / max(1, days) / 5)))
    return each


def keep_add_on(kept: dict, new: dict | None) -> dict:
    """Last week's walk, kept (walks are not cut), with this week's home add-on where it grew."""
    old_add, new_add = kept.get("add_on"), (new or {}).get("add_on")
    if not old_add or not new_add or new_add["minutes"] <= old_add["minutes"]:
        return kept
    return {**kept, "add_on": new_add, "text": kept["text"].replace(old_add["text"], new_add["text"])}


def home_balance(ctx: Context, week: dict, days: int) -> int:
    """Minutes of the home add-on a day: 5; for older adults one step more per block (OLDER_HOME_BALANCE); for frail
    people what brings the week's balance work to this block's aim (falls.frail_home_minutes, never below rule 44's
    FRAIL_BALANCE_STEPS); not stepped up while clearance is pending."""
    block, pair = min(2, (week["week"] - 1) // BLOCK_WEEKS), min(5, (week["week"] - 1) // 2)
    if ctx.bridge or not days or not (ctx.frail or ctx.older):
        return DAILY_BALANCE_MIN
    if not ctx.frail:
        lo, hi = OLDER_HOME_BALANCE
        return lo + round((hi - lo) * pair / 5)
    return frail_home_minutes(ctx, week["week"], days, session_balance(week), FRAIL_BALANCE_STEPS[block])


def daily_balance(ctx: Context) -> bool:
    """Osteoporosis (kb-osteoporosis-001: balance ideally daily, back-extensor work daily), frailty and older adults
    (kb-falls-001: balance work most days, building up): a short home add-on on the days without a session."""
    return not ctx.has("hard_stop") and (ctx.has("osteoporosis") or ctx.frail or ctx.older)


def short_on_time(ctx: Context) -> bool:
    """Under 90 minutes a week to give (e.g. 3 x 20 min): extra walking is offered as optional and short."""
    return ctx.p.days_per_week * ctx.p.minutes_per_session < SHORT_ON_TIME_MIN


def back_notes(ctx: Context) -> list[str]:
    """Low-back pain: the pain-monitoring rule and the red flags that stop training (kb-lower-back-001/-002,
    kb-pain-002)."""
    if "lower_back" not in ctx.injuries:
        return []
    return [ctx._("Back pain: mild pain (up to about 3 out of 10) that settles by the next morning is fine; if it "
                  "is worse the next day, do less next time.")]


def bp_notes(ctx: Context, minutes: int = 60) -> list[str]:
    """High blood pressure: a longer cool-down, as some blood-pressure medicines let pressure fall too far when
    exercise stops abruptly (kb-hypertension-001); a few minutes of it in a short session."""
    if not ctx.s.flags & {"hypertension", "stage2"}:
        return []
    if minutes < 30:
        return [ctx._("End with a few minutes at an easy pace rather than stopping suddenly.")]
    return [ctx._("Cool down for 5-10 minutes at an easy pace rather than stopping suddenly.")]


# frailty: progressive loading by block (Vivifrail, ICFSR 2019): body weight with hands on the armrests, then arms
# crossed and slower, then a light weight or band
FRAIL_LOADS = (N_("Strength: stand up from a sturdy chair with armrests, using your hands as much as you need."),
               N_("Strength: the chair stands now hold a light weight at your chest (1-2 kg or a full water bottle), "
                  "once 12 easy repetitions without your hands felt steady; if not yet, keep to body weight. Add a "
                  "light band for the push and the row if you have one."),
               N_("Strength: once the weighted chair stands feel easy, step up onto the bottom stair or a low step "
                  "holding the rail where the plan shows it, and use a slightly heavier weight (2-3 kg) or a firmer "
                  "band for the rest; if the last step still felt hard, stay with it."))


# knee pain or osteoarthritis (kb-knee-005: sit-to-stands from a chair, arms helping at first; increase depth or load
# gradually over weeks): one step per block, each taken once the last felt easy and pain-free
SIT_TO_STAND_STEPS = (
    N_("Squats: sit down to a chair or box and stand up again, lowering slowly, at a height you can manage without "
       "pain (use your hands on your thighs at first); mild discomfort that settles within a day is fine."),
    N_("Squats: once 12-15 repetitions feel easy and pain-free, use a slightly lower chair or box, or take 3 seconds "
       "to sit down and pause before you stand."),
    N_("Squats: once that feels easy and pain-free, hold a weight at your chest (a dumbbell, a kettlebell or a filled "
       "backpack) at the same pain-free depth."))
CHAIR_SQUATS = ("sit_to_stand", "box_squat", "bodyweight_squat", "chair_squat")  # unloaded: a weight comes later


def knee_notes(ctx: Context, exercises: list[dict], week: int) -> list[str]:
    """A painful knee: the sit-to-stand ladder of this block (frail people have their own, FRAIL_LOADS)."""
    if ctx.frail or "knee" not in ctx.injuries or not any(e.get("id") in CHAIR_SQUATS for e in exercises):
        return []
    step = 0 if ctx.bridge else min(2, (week - 1) // BLOCK_WEEKS)
    if step == 2:  # the loaded step: no backpack for the careful (hints.careful_loading)
        return [loading_text(ctx, SIT_TO_STAND_STEPS[2], CAREFUL_SQUAT_STEP, YOUTH_SQUAT_STEP)]
    return [ctx._(SIT_TO_STAND_STEPS[step])]


# low-back pain (kb-lower-back-001/-003): the hip hinge comes back gradually (coach/planning/ladders.py BACK), each step
# only if the last was pain-free
HINGE_STEPS = (
    N_("Back: the hip hinge comes back step by step. For now, bridges; from week 5 a hip hinge with a broomstick along "
       "your back, if the bridges have been pain-free (up to 3 out of 10, settled by the next morning)."),
    N_("Back: hip hinge with a broomstick: hips back, back long, only as deep as stays pain-free. If it hurts more "
       "than 3 out of 10 or is worse the next morning, go back to bridges."),
    N_("Back: if the broomstick hinge has been pain-free, hold a light dumbbell or kettlebell for the same hinge (a "
       "light Romanian deadlift), only as deep as stays pain-free; without one, keep the broomstick a little deeper. "
       "Heavy deadlifts are not in this plan: take them up later with your clinician or physiotherapist. Same rule: "
       "up to 3 out of 10, settled by the next morning, else go back a step."))
HINGE_LADDER = ("glute_bridge", "band_glute_bridge", "glute_bridge_hold", "dowel_hip_hinge", "dumbbell_hip_hinge",
                "kettlebell_hip_hinge")


def hinge_notes(ctx: Context, exercises: list[dict], week: int) -> list[str]:
    """Low-back pain: the hinge step of this block and its pain rule (none while clearance is pending, rule 41)."""
    if "lower_back" not in ctx.injuries or ctx.bridge or ctx.frail or \
            not any(e.get("id") in HINGE_LADDER for e in exercises):
        return []
    return [ctx._(HINGE_STEPS[min(2, (week - 1) // BLOCK_WEEKS)])]


def exercise_notes(ctx: Context, exercises: list[dict], week: int) -> list[str]:
    """The notes a session's exercises call for: a painful knee's sit-to-stand step, a painful back's hinge step."""
    return knee_notes(ctx, exercises, week) + hinge_notes(ctx, exercises, week)


def frail_notes(ctx: Context, week: int) -> list[str]:
    """Frail people's resistance sessions: the loading step of this block, taken when the last one felt easy."""
    if not ctx.frail:
        return []
    return [ctx._(FRAIL_LOADS[0 if ctx.bridge else min(2, (week - 1) // BLOCK_WEEKS)])]


def pregnancy_notes(ctx: Context, week: int) -> list[str]:
    """Pregnancy (kb-pregnancy-006): heat and drinks, the daily pelvic-floor squeezes, and each block starts with a
    re-check."""
    if "pregnancy" not in ctx.s.flags:
        return postnatal_notes(ctx, week)  # after birth: the pelvic floor and breathing (kb-postpartum-001)
    notes = [ctx._("Pregnancy: avoid heat and high humidity, and drink water before, during and after."),
             ctx._("Pelvic floor, every day: 10 slow squeezes held for up to 5 seconds, then 10 quick ones, sitting "
                   "or standing.")]
    if not (week - 1) % BLOCK_WEEKS:
        notes.append(ctx._("New block: check this plan with your provider at your next antenatal visit; when your "
                           "trimester changes, update it and the plan is rebuilt for that trimester."))
    return notes


def stance_notes(ctx: Context, exercises: list[dict], week: int) -> list[str]:
    """Later blocks offer the next stance of the ladder (kb-balance-001), taken only once this one feels steady."""
    if week <= BLOCK_WEEKS or ctx.bridge:
        return []
    cat, out = load_catalog(), []
    for e in exercises:
        if e["id"] in BALANCE_LADDER[:-1]:
            now, nxt = cat[e["id"]], cat.get(BALANCE_LADDER[BALANCE_LADDER.index(e["id"]) + 1])
            if nxt is not None:
                out.append(ctx._("Once the {now} feels steady in every hold, move on to the {next}.",
                                 now=now.name[ctx.lang].lower(), next=nxt.name[ctx.lang].lower()))
    return out


SUPPORT_CONDITIONS = {"falls", "walking_aid"}


def support_notes(ctx: Context, exercises: list[dict]) -> list[str]:
    """A fall or a walking aid: something sturdy to hold for every standing exercise (not seated or lying work, not
    the walk), and the walking aid for the walk."""
    conds = set(ctx.p.conditions) & SUPPORT_CONDITIONS
    if not conds:
        return []
    cat, notes = load_catalog(), []
    items = [x for x in (cat.get(str(e.get("id"))) for e in exercises) if x is not None]
    if any(x.kind != "aerobic" and x.lying is None and not x.id.startswith("seated_") for x in items):
        notes.append(ctx._("Standing exercises: hold a chair or counter for support."))
    if "walking_aid" in conds and any("walk" in x.id for x in items):
        notes.append(ctx._("Use your walking aid for the walk."))
    return notes

"""The third trimester comes in the week it starts, and the plan says when the due date comes (rule 56; review 7).

Week k of a pregnancy plan is week `gestation(p, k)` of the pregnancy: `weeks_pregnant + k - 1`, or, with only the
trimester known, that trimester's first week + k - 1 (ACOG: the second trimester starts at 14 weeks, the third at 28).
From week 28 (kb-pregnancy-008: ACOG CO 804 2020, SOGC/CSEP 2019, RCOG):

- every session at most RPE 4-5 (light to moderate) with the talk test, shorter sessions allowed;
- no exercise lying on the back, testing balance on one leg without support, loaded hinges or bent-over / swing-type
  pulls, loaded carries (straining), jumps or runs: swapped for a supported exercise of the same muscles, runs for
  brisk walking;
- pelvic-floor and mobility work after every session and on the days without one (the walks' home add-on);
- the warning signs in every session.

From week 40 every session says the due date has come and what to do once the baby is born (the plan cannot know the
birth date, so it does not run on as if nothing happens).
"""
from __future__ import annotations

import re
from typing import Any

from coach.i18n import N_
from coach.planning.antenatal_choice import SUPPORTED, pregnancy_tags
from coach.planning.antenatal_plan import check_antenatal_plan, hold_reasons
from coach.planning.checks import Bounds, Violation
from coach.planning.context import BALANCE_FIRST, Context, late_pregnancy_avoid
from coach.planning.longrun import running
from coach.planning.lifting_notes import BODYWEIGHT_PROGRESSION, PREGNANCY_HOLD
from coach.planning.measure import top_rpe
from coach.planning.postnatal_phase import DOUBLE_PROGRESSION, cap_effort, entry_for, fit_sets, swap_exercises
from coach.planning.sessions import STEPS, exercise_json
from knowledge.catalog import Exercise, load_catalog, per_exercise

TRIMESTER_START = {1: 1, 2: 14, 3: 28}  # weeks of pregnancy (ACOG: 1st to 13 6/7, 2nd to 27 6/7)
THIRD, DUE = 28, 40
LATE_STEP = 1  # sessions.STEPS: moderate, RPE 4-5 (the low end of moderate)
LATE_TOP_RPE = STEPS[LATE_STEP][1][1]
ONE_LEG = ("lunge", "squat", "hinge", "balance")
BRISK = "brisk_walking"
ADD_ON_MIN = 10

T3_NOTE = N_("Third trimester (week {g} of pregnancy): light to moderate effort, RPE 4-5 at most; you should pass the "
             "talk test (full sentences) all the way through. Shorter sessions are fine: stop early or split the time "
             "into two short bouts when you tire. No balancing on one leg without support, no straining or holding "
             "your breath.")
T3_FINISH = N_("Cool down with pelvic-floor and mobility work instead of the stretch: slow squeezes with full "
               "relaxation of the pelvic floor, cat-cow on hands and knees, and standing hip circles.")
T3_WARN = N_("Stop and call your midwife or doctor for bleeding, fluid leaking, regular painful contractions, "
             "dizziness, headache, chest pain, calf pain or swelling, muscle weakness affecting your balance, or "
             "breathlessness before exertion.")
T3_HOLD = N_("Third trimester: keep the loads you have or lighten them; RPE 5 at most, fewer repetitions whenever you "
             "need to.")
DUE_NOTE = N_("Week {g} of pregnancy, around your due date (week 40): only what feels comfortable, and stop at the first "
              "signs of labour. Once your baby is born this plan ends: walks and pelvic-floor work only until your "
              "postnatal check, then ask for an after-birth plan (tell the coach the weeks since the birth).")
ADD_ON = N_("At home on those days too: {m} minutes of pelvic-floor and mobility work (slow squeezes with full "
            "relaxation, cat-cow on hands and knees, standing hip circles, a side-lying stretch).")
CROSS_REASON = N_("The third trimester starts in week {k} of this plan (week 28 of pregnancy): from then on every "
                  "session eases to RPE 4-5 with the talk test, leaves out exercises that test balance or strain, and "
                  "ends with pelvic-floor and mobility work.")
RUNS_END = N_("Your runs become brisk walking from week {k} of this plan, when the third trimester begins (sooner "
              "if running stops feeling comfortable).")
BIRTH_REASON = N_("Third trimester: this plan runs until the birth; stop at the first signs of labour. After the birth, "
                  "start again with short walks and pelvic-floor exercises, and return to training gradually once your "
                  "postnatal check says it is safe (after a caesarean, plan the return with your health "
                  "professional).")
DUE_REASON = N_("Your due date (week 40 of pregnancy) falls in week {k} of this plan: the weeks after it are only for "
                "while you are still pregnant; once your baby is born, stop this plan and start again with walks and "
                "pelvic-floor work.")
ASK_WEEKS = N_("Tell the coach how many weeks pregnant you are: with the trimester only, the plan assumes you are at its "
               "start, and it eases in the week the third trimester (week 28) begins.")

TALK = re.compile(r"talk test|谈话测试", re.I)
WARN = re.compile(r"bleeding|出血", re.I)
MOBILITY = re.compile(r"pelvic.floor and mobility|盆底.{0,6}灵活", re.I)
DUE_WORDS = re.compile(r"due date|预产期", re.I)


def gestation(p: Any, week: int) -> int | None:
    """The week of pregnancy plan week `week` is (None: not pregnant, or neither weeks nor trimester known)."""
    if "pregnancy" not in p.conditions:
        return None
    start = p.weeks_pregnant or TRIMESTER_START.get(p.pregnancy_trimester or 0)
    return None if start is None else start + week - 1


@per_exercise  # (a pure function of the exercise, asked ~1,000 times a pregnancy plan)
def late_ok(e: Exercise) -> bool:
    """Allowed from week 28: nothing supine, no unsupported one-leg work, loaded hinges, bent-over or swing pulls,
    carries, jumps or high impact."""
    if e.lying == "supine" or e.impact == "high" or e.pattern in ("jump", "olympic", "interval"):
        return False
    if e.kind != "strength" and e.kind != "balance":
        return True
    one_leg = e.per_side and e.lying is None and e.pattern in ONE_LEG and not SUPPORTED.search(f"{e.id} {e.name.en}")
    return not (one_leg or late_pregnancy_avoid(e) or pregnancy_tags(e) & {"bracing", "stepping", "hanging"})


def _cardio_and_balance(ctx: Context, s: dict) -> None:
    """Runs and other impact become brisk walking (same minutes); one-leg balance work a stance with both feet down
    next to a support (kb-balance-001's first steps)."""
    cat, walk = load_catalog(), load_catalog().get(BRISK)
    used = {str(e.get("id")) for e in s["exercises"]}
    stances = [cat[i] for i in BALANCE_FIRST if i in cat and late_ok(cat[i]) and cat[i].measure == "seconds"]
    out = []
    for e in s["exercises"]:
        x = cat.get(str(e.get("id")))
        if walk is not None and x is not None and x.kind in ("aerobic", "hiit") and not late_ok(x) \
                and isinstance(e.get("minutes"), (int, float)):
            e = exercise_json(walk, ctx, minutes=e["minutes"])
        elif x is not None and x.kind == "balance" and not late_ok(x):
            new = next((c for c in stances if c.id not in used), stances[0] if stances else None)
            if new is not None:
                e = entry_for(ctx, e, new, x) if "reps" in e else exercise_json(new, ctx, **{
                    k: v for k, v in e.items() if k in ("minutes", "sets", "rest_s", "rpe", "notes")})
                used.add(new.id)
        out.append(e)
    s["exercises"] = out


def _notes(ctx: Context, s: dict, g: int) -> None:
    _ = ctx._
    text = str(s.get("notes") or "")
    for top in range(4, 10):  # loads stop rising; the effort tops out at RPE 5
        for msg in (DOUBLE_PROGRESSION, BODYWEIGHT_PROGRESSION):
            text = text.replace(_(msg, rpe=top), _(T3_HOLD))
    text = text.replace(_(PREGNANCY_HOLD), _(T3_HOLD))
    extra = [_(T3_NOTE, g=g), _(T3_FINISH), _(T3_WARN)] + ([_(DUE_NOTE, g=g)] if g >= DUE else [])
    s["notes"] = " ".join([text] + [x for x in extra if x not in text]).strip()


def _add_on(ctx: Context, w: dict) -> None:
    """The pelvic-floor and mobility add-on on the days without a session (not where a balance add-on rides)."""
    walk = w.get("daily_activity")
    if not walk or walk.get("add_on"):
        return
    text = ctx._(ADD_ON, m=ADD_ON_MIN)
    w["daily_activity"] = {**walk, "add_on": {"minutes": ADD_ON_MIN, "balance_minutes": 0,
                                              "kind": "pelvic_floor_and_mobility", "text": text},
                           "text": walk["text"] + " " + text}


def late_pregnancy(ctx: Context, weeks: list[dict]) -> None:
    """Each week from week 28 of pregnancy as the module's docstring says, in place."""
    if "pregnancy" not in ctx.s.flags or "hard_stop" in ctx.s.flags:
        return
    for w in weeks:
        g = gestation(ctx.p, w["week"])
        if g is None or g < THIRD:
            continue
        for s in w["sessions"]:
            swap_exercises(ctx, s, lambda e: e.kind not in ("strength", "balance") or late_ok(e), STEPS[LATE_STEP][1])
            _cardio_and_balance(ctx, s)
            if s.get("long_run") and not running(s):  # the long run became a walk: the week's long session (rule 79)
                s["long_session"] = s.pop("long_run")
            cap_effort(ctx, s, LATE_STEP)
            fit_sets(s)
            _notes(ctx, s, g)
        _add_on(ctx, w)


def pregnancy_reasons(ctx: Context, horizon: int) -> list[tuple[str, str]]:
    """The plan-level reasons: when the third trimester starts, the birth, the due date, or a request for the weeks."""
    p, _ = ctx.p, ctx._
    if "pregnancy" not in ctx.s.flags or "hard_stop" in ctx.s.flags:
        return []
    out = hold_reasons(ctx)  # rule 90: an active, trained woman's minutes hold after one lighter week
    first, last = gestation(p, 1), gestation(p, horizon)
    if first is None or last is None:
        return out
    if first < THIRD <= last:
        out.append((_(CROSS_REASON, k=THIRD - first + 1), "plan:pregnancy-late"))
        if ctx.keeps_running:
            out.append((_(RUNS_END, k=THIRD - first + 1), "plan:pregnancy-late"))
    if last >= THIRD:
        out.append((_(BIRTH_REASON), "plan:pregnancy"))
    if last >= DUE:
        out.append((_(DUE_REASON, k=max(1, DUE - first + 1)), "plan:pregnancy-late"))
    if p.weeks_pregnant is None and p.pregnancy_trimester in (1, 2):
        out.append((_(ASK_WEEKS), "plan:pregnancy-late"))
    return out


def check_late_pregnancy(weeks: list[dict], b: Bounds) -> list[Violation]:
    """Rule 56: every week from week 28 of pregnancy eased, without late-pregnancy exercises, with the talk test, the
    pelvic-floor and mobility work and the warning signs; from week 40 the due date."""
    p, cat, v = b.profile, load_catalog(), []
    if "pregnancy" not in p.conditions or b.restricted:
        return []
    v = check_antenatal_plan(weeks, b)  # rule 90
    for w in weeks:
        g = gestation(p, int(w.get("week") or 0))
        if g is None or g < THIRD:
            continue
        for s in w.get("sessions") or []:
            where, notes = f"week {w.get('week')} day {s.get('day')} (week {g} of pregnancy)", str(s.get("notes") or "")
            if top_rpe(s) > LATE_TOP_RPE:
                v.append(Violation(56, f"{where}: RPE {top_rpe(s):g} in the third trimester (4-5 at most)"))
            v += [Violation(56, f"{where}: {e.get('name')} is not for the third trimester")
                  for e in s.get("exercises") or [] if e.get("id") in cat and not late_ok(cat[e["id"]])]
            for pat, what in ((TALK, "the talk test"), (WARN, "the warning signs"),
                              (MOBILITY, "pelvic-floor and mobility work")):
                if not pat.search(notes):
                    v.append(Violation(56, f"{where}: no {what} in the notes"))
            if g >= DUE and not DUE_WORDS.search(notes):
                v.append(Violation(56, f"{where}: past week 40 with no word of the due date or the birth"))
    return v


def late_tags(ctx: Context, weeks: list[dict]) -> list[str]:
    """kb-pregnancy-008 where the plan reaches week 28 of pregnancy."""
    g = gestation(ctx.p, len(weeks)) if "pregnancy" in ctx.s.flags and "hard_stop" not in ctx.s.flags else None
    return ["plan:pregnancy-late"] if g is not None and g >= THIRD else []

"""Plan-level notes the passages ask for beyond the screening: a teenager's vigorous days and growth-area pain
(kb-youth-dose-001, kb-youth-strength-003), and the energy deficit and safe rate behind an adult's fat-loss goal
(kb-weight-loss-001). Each note carries the tag of the passage that supports it (PLAN_RULES 30)."""
from __future__ import annotations

import re

from coach.domain.limits import FAT_LOSS_DEFICIT_KCAL, safe_rate_kg_week
from coach.planning.context import Context
from coach.planning.feasibility import feasibility_notes
from coach.planning.hr_policy import rpe_only_ceiling_notes
from coach.planning.injury_notes import injury_notes
from coach.planning.ladders import loading_notes
from coach.planning.template import bp_walks_only
from coach.planning.nutrition import nutrition_notes

DIABETES = {"type1_diabetes", "type2_diabetes"}
FRAIL_WALK_DAYS_MAX = 4


def youth_notes(ctx: Context) -> list[tuple[str, str]]:
    """WHO's youth dose beyond the sessions, and the growth-area pain check."""
    _ = ctx._
    return [(_("WHO asks teenagers for an average of 60 minutes of activity a day, with something vigorous (hard "
               "enough that talking is difficult: running games, sport, fast cycling or swimming) on at least 3 days "
               "a week; the sessions here are part of that hour, school sport and active travel add the rest."),
             "plan:youth-dose")] + youth_exception(ctx) + [
            (_("Growing bones: pain at a growth area such as the heel or just below the kneecap, joint pain that "
               "keeps coming back, or a limp should be checked by a doctor or physiotherapist before you train "
               "through it."), "plan:youth-strength")]


def youth_exception(ctx: Context) -> list[tuple[str, str]]:
    """A teenager new to training whose plan carries the vigorous blocks (youth.vigorous_days): the moderate start
    the beginner reason states has one exception, said next to it (WHO's vigorous days, kb-youth-dose-001)."""
    from coach.planning import youth  # (youth builds sessions; imported here, where it is needed)
    if not (youth.applies(ctx) and ctx.beginner and ctx.first_cap != ctx.s.intensity_cap):
        return []
    return [(ctx._("For a teenager the moderate start has one exception: from week {w}, up to {n} sessions a week "
                   "end with a short block of fast intervals or an active game (RPE 7-8), the vigorous activity WHO "
                   "asks teenagers for on at least 3 days a week. The lifting and the rest of each session follow the "
                   "moderate start.", w=youth.FIRST_BLOCK_WEEK, n=youth.YOUTH_VIGOROUS_DAYS), "plan:youth-dose")]


def fat_loss_notes(ctx: Context) -> list[tuple[str, str]]:
    """An adult's fat-loss goal: the deficit that produces a safe rate, and no crash diet."""
    safe = safe_rate_kg_week(ctx.p.weight_kg)
    return [(ctx._("Fat loss comes mostly from eating a little less alongside the training: a moderate deficit of "
                   "about {kcal} kcal a day, not a crash diet (under 800 kcal a day only with medical supervision). "
                   "Aim for at most {safe} kg a week, judged over several weeks; the first week often drops faster "
                   "from water.", kcal=FAT_LOSS_DEFICIT_KCAL, safe=f"{safe:g}"), "plan:weight-loss-rate")] \
        + postpartum_diet(ctx)


def postpartum_diet(ctx: Context) -> list[tuple[str, str]]:
    """After birth (kb-postpartum-001): if breastfeeding, a modest deficit, slow loss and enough fluid."""
    if "postpartum" not in ctx.s.flags:
        return []
    return [(ctx._("If you are breastfeeding: keep the deficit modest (no aggressive dieting), lose at most about "
                   "0.5 kg a week, eat enough protein and drink enough fluid to keep your milk supply up."),
             "plan:postpartum")]


def plan_notes(ctx: Context) -> list[tuple[str, str]]:
    """The notes for this plan (none while a hard stop holds)."""
    if ctx.has("hard_stop"):
        return []
    out: list[tuple[str, str]] = []
    if ctx.youth:
        out += youth_notes(ctx)
    elif ctx.p.goal == "fat_loss":
        out += fat_loss_notes(ctx)
    return out + cited_notes(ctx) + clearance_notes(ctx) + condition_notes(ctx) + injury_notes(ctx) + \
        ceiling_notes(ctx) + feasibility_notes(ctx)


def clearance_notes(ctx: Context) -> list[tuple[str, str]]:
    """Waiting for clearance (kb-clearance-001): the light phase's path, and what the plan becomes after /cleared;
    with diabetes, ADA 2022's weekly aim (kb-diabetes-008)."""
    if not ctx.s.clearance_required:
        return []
    _ = ctx._
    if bp_walks_only(ctx):
        return [(_("Until you are cleared the plan is easy walking only, growing a little every two weeks: with "
                   "resting blood pressure at 160/100 or above, have it evaluated and brought under control before "
                   "starting an exercise programme. Once a doctor clears you, send /cleared: the plan is rebuilt "
                   "with strength training, at a light-to-moderate effort and within their limits."),
                 "plan:hypertension")]
    # rule 33: week 1's exercises and sets until cleared; only the minutes grow
    text = _("Until you are cleared the plan stays light: the minutes grow a little every two weeks.")
    out = [(text + " " + _("Once a doctor clears you, send /cleared: the plan is rebuilt to start at a "
                           "light-to-moderate effort and build up gradually, within their limits."), "plan:clearance")]
    if DIABETES & set(ctx.p.conditions):
        out.append((_("After clearance, the aim with diabetes (ADA 2022) is at least 150 minutes a week of moderate "
                      "aerobic activity over 3 or more days, and strength work on 2-3 non-consecutive days, building "
                      "to 2-3 sets of 8-12 at a moderate effort."), "plan:diabetes-daily"))
    return out


def condition_notes(ctx: Context) -> list[tuple[str, str]]:
    """Everyday advice the condition passages give: diabetic feet and post-meal walks (kb-diabetes-008), the kidney
    team's fluid advice and a fistula arm (kb-kidney-001)."""
    _, conds, out = ctx._, set(ctx.p.conditions), []
    if DIABETES & conds:
        out.append((_("Diabetes: check both feet every day (between the toes too) for blisters, cuts or redness, and "
                      "walk in well-fitting, cushioned shoes with socks; have any sore checked before walking on it. "
                      "A 10-15 minute walk after your main meals lowers the rise in blood glucose."),
                    "plan:diabetes-daily"))
    if "kidney_disease" in conds:
        out.append((_("Kidney disease: follow your kidney team's advice on how much to drink rather than general "
                      "'drink plenty' tips, and if you have a dialysis fistula, ask them how to protect that arm "
                      "during exercise."), "plan:kidney"))
    return out


def cited_notes(ctx: Context) -> list[tuple[str, str]]:
    """The notes whose passages the plan's citations must carry too (the rationale adds their tags)."""
    return nutrition_notes(ctx) + asthma_notes(ctx) + frail_walk_notes(ctx) + [
        (bone_reason(ctx) if tag == "plan:osteoporosis-loading" else text, tag) for text, tag in loading_notes(ctx)]


def bone_reason(ctx: Context) -> str:
    """The fragile-bones loading reason: 8-12 by default, 6-10 only with a qualified coach (kb-osteoporosis-004)."""
    return ctx._("Fragile bones: bone responds to load, so the strength work gets heavier block by block: from week 5 "
                 "the squats hold a weight and the main lifts go to 8-12 repetitions. Heavier lifting (6-10 "
                 "repetitions) helps bone more but should not be self-taught: take that step only if a "
                 "physiotherapist, exercise physiologist or qualified coach teaches and supervises it; otherwise stay "
                 "at 8-12 with good form. Hinge at the hips and never round your back under load; after a spine "
                 "fracture, ask before lifting heavier.")


ASTHMA_LIKE = re.compile(r"asthma|\beib\b|bronchoconstriction|哮喘|支气管")


def asthma_notes(ctx: Context) -> list[tuple[str, str]]:
    """Asthma or exercise-induced bronchoconstriction (review 9, rule 71; kb-asthma-005: GINA 2023, ATS 2013, Asthma +
    Lung UK): the reliever (before exercise only as prescribed), a longer warm-up, cold air and pollen, and what to
    do when symptoms start."""
    if not any(ASTHMA_LIKE.search(c.replace("_", " ")) for c in ctx.p.conditions):
        return []
    _ = ctx._
    return [(_("Asthma, every session: carry your reliever inhaler. If your doctor prescribed it before exercise, "
               "take it about 15 minutes before you start. Warm up for longer: about 10-15 minutes, building from "
               "easy to moderate with a few short, slightly faster bursts, and cool down gradually."),
             "plan:asthma-routine"),
            (_("Asthma triggers: cold, dry air and high-pollen or polluted days. On those days train indoors (a gym, "
               "an indoor walk, a bike or a treadmill) or, in the cold, breathe through a scarf or mask."),
             "plan:asthma-routine"),
            (_("If you wheeze, cough, feel your chest tighten or get unusually breathless: stop, sit upright, use "
               "your reliever and rest; carry on gently only once it has fully gone, otherwise stop for the day. Get "
               "urgent help (your emergency number) if the reliever does not help, breathing keeps getting harder "
               "or you cannot speak in full sentences."), "plan:asthma-routine")]


def ceiling_notes(ctx: Context) -> list[tuple[str, str]]:
    """A doctor's heart-rate ceiling below where vigorous effort starts (review 9, rule 70): no vigorous or interval
    work, said once (kb-clearance-001: the doctor's limits come first)."""
    from coach.safety.doctor_limits import band_floor_bpm  # (the same floor the screening capped at)
    if "hr_ceiling_cap" not in ctx.s.flags or not ctx.s.hr_ceiling:
        return []
    if ctx.p.rpe_only:  # no age-formula figure where age formulas do not apply (review 15, rule 105)
        return rpe_only_ceiling_notes(ctx)
    return [(ctx._("Your doctor's ceiling of {bpm} bpm sits below where vigorous effort starts for you (about {floor} "
                   "bpm): the plan has no vigorous or interval work, and every session stays under {bpm} bpm.",
                   bpm=ctx.s.hr_ceiling, floor=band_floor_bpm(ctx.p, "vigorous")), "plan:clearance")]


def frail_walk_notes(ctx: Context) -> list[tuple[str, str]]:
    """Frail people (review 9, rule 72; kb-frail-001: ICFSR 2021, Vivifrail, WHO 2020): the walks build 5 minutes at
    a time toward 150 minutes a week while strength and balance stay the core (none while clearance is pending)."""
    if not ctx.frail or ctx.bridge or not 1 <= 7 - ctx.p.days_per_week <= FRAIL_WALK_DAYS_MAX:
        return []  # (five walking days: ramp.stagger_walks' whole 5-minute steps hold the walks; see review 9)
    return [(ctx._("Walking builds too: the walks on the other days start at 10 minutes at a comfortable pace and "
                   "grow by 5 minutes every two weeks when the last step felt manageable, toward 150 minutes a week "
                   "(up to about 30 minutes a walk; two shorter walks count). Strength and balance stay the core "
                   "of your plan."), "plan:frail-walking")]

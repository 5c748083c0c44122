"""Nutrition advice where the goal or the condition needs it (advice only, no diets; never under a hard stop, which
`notes.plan_notes` checks): protein and a modest energy surplus for muscle gain (Morton 2018,
kb-muscle-gain-energy-001), protein for older adults (PROT-AGE 2013, kb-protein-003), protein, calcium and vitamin D
for fragile bones (kb-bone-nutrition-001), and the warning signs of low energy availability for trained endurance
athletes and lean teenagers (IOC RED-S consensus 2018, kb-energy-003). Each note carries the tag of its passage
(PLAN_RULES 30). Kidney disease: protein advice is left to the doctor."""
from __future__ import annotations

from coach.domain.limits import UNDERWEIGHT_BMI
from coach.planning.context import Context

MUSCLE_PROTEIN_G_KG = 1.6  # Morton et al. 2018: gains level off at about 1.6 g/kg/day
OLDER_PROTEIN_G_KG = (1.0, 1.2)  # PROT-AGE 2013 (65+); ESCEO 2018 for osteoporosis
NO_PROTEIN_ADVICE = {"kidney_disease", "ckd", "chronic_kidney_disease"}


def _grams(ctx: Context, per_kg: float) -> int:
    return int(round(per_kg * ctx.p.weight_kg / 5) * 5)


def _muscle_gain(ctx: Context) -> list[tuple[str, str]]:
    text = ctx._("Eating for muscle: about {g} g of protein a day (1.6 g per kg of body weight, where the extra gains "
                 "level off), spread over 3-4 meals or snacks, and a small energy surplus of a few hundred kcal a day; "
                 "a gain of about 0.25-0.5 % of body weight a week is enough, faster is mostly fat.",
                 g=_grams(ctx, MUSCLE_PROTEIN_G_KG))
    if ctx.youth:
        text += " " + ctx._("While you are growing: regular meals and snacks from ordinary food, no restrictive "
                            "diets, no supplements needed.")
    return [(text, "plan:muscle-gain-nutrition")]


def _older(ctx: Context) -> list[tuple[str, str]]:
    lo, hi = (_grams(ctx, x) for x in OLDER_PROTEIN_G_KG)
    if ctx.has("osteoporosis") or "osteoporosis" in ctx.p.conditions:
        return [(ctx._("For your bones and muscles: about {lo}-{hi} g of protein a day (1.0-1.2 g per kg), spread "
                       "over your meals, and calcium (about 1,000-1,200 mg a day, mostly from food) and vitamin D as "
                       "your doctor advises; ask before adding supplements.", lo=lo, hi=hi), "plan:bone-nutrition")]
    return [(ctx._("To keep muscle as you train: at least {lo}-{hi} g of protein a day (1.0-1.2 g per kg), about "
                   "25-30 g at each main meal.", lo=lo, hi=hi), "plan:protein-older")]


def _low_energy(ctx: Context) -> list[tuple[str, str]]:
    return [(ctx._("Fuel your training: eating too little for the work you do (low energy availability, RED-S) "
                   "harms bones, hormones and performance. Warning signs: missed or irregular periods, stress "
                   "fractures or repeated injuries, frequent illness, lasting tiredness, falling performance, feeling "
                   "cold, or worry about food and weight. If you notice them, eat more around training, ease the "
                   "training, and see a doctor or a sports dietitian."), "plan:fuelling")]


def lean_teen(ctx: Context) -> bool:
    """A teenager training for endurance, or one whose BMI is below the adult underweight line."""
    return ctx.youth and (ctx.p.goal == "endurance" or ctx.p.bmi < UNDERWEIGHT_BMI)


def nutrition_notes(ctx: Context) -> list[tuple[str, str]]:
    """The nutrition notes this plan needs (pregnancy is left to the antenatal team)."""
    if ctx.has("pregnancy"):
        return []
    out: list[tuple[str, str]] = []
    protein_ok = not NO_PROTEIN_ADVICE & set(ctx.p.conditions)
    bones = ctx.has("osteoporosis") or "osteoporosis" in ctx.p.conditions
    if protein_ok and ctx.p.goal == "muscle_gain" and not (ctx.older or bones):
        out += _muscle_gain(ctx)
    elif protein_ok and (ctx.older or bones) and not ctx.youth:
        out += _older(ctx)
    if ctx.endurance_athlete or lean_teen(ctx):
        out += _low_energy(ctx)
    return out

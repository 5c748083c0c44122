"""Nutrition advice where the goal or the condition needs it (advice only, no diets; never under a hard stop, which
`notes.plan_notes` checks): protein and a modest energy surplus for muscle gain (Morton 2018,
kb-muscle-gain-energy-001), protein for older adults (PROT-AGE 2013, kb-protein-003), protein, calcium and vitamin D
for fragile bones (kb-bone-nutrition-001), and the warning signs of low energy availability for trained endurance
athletes and lean teenagers (IOC RED-S consensus 2018, kb-energy-003). Each note carries the tag of its passage
(PLAN_RULES 30). Kidney disease: protein advice is left to the doctor."""
from __future__ import annotations

from coach.domain.limits import OVERWEIGHT_BMI, UNDERWEIGHT_BMI
from coach.planning.context import Context

MUSCLE_PROTEIN_G_KG = 1.6  # Morton et al. 2018: gains level off at about 1.6 g/kg/day
OLDER_PROTEIN_G_KG = (1.0, 1.2)  # PROT-AGE 2013 (65+); ESCEO 2018 for osteoporosis
OBESITY_BMI = 30  # kb-obesity-001 (WHO; Jensen et al. 2013): obesity from a BMI of 30
NO_PROTEIN_ADVICE = {"kidney_disease", "ckd", "chronic_kidney_disease"}


def reference_weight(ctx: Context) -> float | None:
    """At a BMI of 30 or more (kb-obesity-001), the weight at a BMI of 25 for the person's height, which protein is
    counted on instead of the total weight (no passage gives an adjusted-weight method; this is the plan's reference,
    said in the note); None below 30 or for teenagers (adult cut-offs)."""
    if ctx.youth or ctx.p.bmi < OBESITY_BMI:
        return None
    return OVERWEIGHT_BMI * (ctx.p.height_cm / 100) ** 2


def _grams(ctx: Context, per_kg: float) -> int:
    return int(round(per_kg * (reference_weight(ctx) or ctx.p.weight_kg) / 5) * 5)


def no_surplus(ctx: Context) -> bool:
    """Obesity, high blood pressure with overweight, or a target weight below today's: build muscle without an energy
    surplus (kb-energy-004: at maintenance or a modest deficit, most readily with more body fat to lose;
    kb-hypertension-002: losing weight lowers systolic pressure by about 1 mmHg a kilogram)."""
    if ctx.youth:
        return False
    target = ctx.p.target_weight_kg
    if target is not None and target < ctx.p.weight_kg:
        return True  # "get stronger and lose 4 kg": a surplus would work against the target they set
    bp = bool(ctx.s.flags & {"hypertension", "stage2"}) or "hypertension" in ctx.p.conditions
    return ctx.p.bmi >= OBESITY_BMI or (bp and ctx.p.bmi >= OVERWEIGHT_BMI)


def _muscle_gain(ctx: Context) -> list[tuple[str, str]]:
    if no_surplus(ctx):
        return _recomposition(ctx)
    text = ctx._("Eating for muscle: about {g} g of protein a day (1.6 g per kg of body weight, where the extra gains "
                 "level off), spread over 3-4 meals or snacks, and a small energy surplus of a few hundred kcal a day; "
                 "a gain of about 0.25-0.5 % of body weight a week is enough, faster is mostly fat.",
                 g=_grams(ctx, MUSCLE_PROTEIN_G_KG))
    if ctx.youth:
        text += " " + ctx._("While you are growing: regular meals and snacks from ordinary food, no restrictive "
                            "diets, no supplements needed.")
    return [(text, "plan:muscle-gain-nutrition")]


def _recomposition(ctx: Context) -> list[tuple[str, str]]:
    """Muscle gain without a surplus: protein (kb-muscle-gain-energy-001), energy at maintenance or a small deficit
    (kb-energy-004), and with high blood pressure what weight loss does for it (kb-hypertension-002)."""
    out = [(ctx._("Eating for muscle: about {g} g of protein a day (1.6 g per kg, where the extra gains level off), "
                  "spread over 3-4 meals or snacks.", g=_grams(ctx, MUSCLE_PROTEIN_G_KG)) + _reference_said(ctx),
            "plan:muscle-gain-nutrition"),
           (ctx._("No energy surplus for you: eat around maintenance or with a modest deficit. Muscle can still grow "
                  "while fat is lost, most readily with more body fat to lose, given regular strength training and "
                  "enough protein; judge progress by strength, waist size and how clothes fit rather than the "
                  "scale."), "plan:recomposition")]
    if ctx.s.flags & {"hypertension", "stage2"} or "hypertension" in ctx.p.conditions:
        out.append((ctx._("Your blood pressure gains too: losing weight lowers systolic pressure by about 1 mmHg for "
                          "each kilogram lost."), "plan:bp-weight"))
    return out


def _older(ctx: Context) -> list[tuple[str, str]]:
    lo, hi = (_grams(ctx, x) for x in OLDER_PROTEIN_G_KG)
    if ctx.has("osteoporosis") or "osteoporosis" in ctx.p.conditions:
        return [(ctx._("For your bones and muscles: about {lo}-{hi} g of protein a day (1.0-1.2 g per kg), spread "
                       "over your meals, and calcium (about 1,000-1,200 mg a day, mostly from food) and vitamin D as "
                       "your doctor advises; ask before adding supplements.", lo=lo, hi=hi) + _reference_said(ctx),
                 "plan:bone-nutrition")]
    return [(ctx._("To keep muscle as you train: at least {lo}-{hi} g of protein a day (1.0-1.2 g per kg), about "
                   "25-30 g at each main meal.", lo=lo, hi=hi) + _reference_said(ctx), "plan:protein-older")]


def _reference_said(ctx: Context) -> str:
    """The sentence naming the reference weight the grams were counted on, where one was used."""
    ref = reference_weight(ctx)
    return "" if ref is None else " " + ctx._("The grams are counted on {ref} kg, the weight at a BMI of 25 for your "
                                              "height, not on your total weight.", ref=int(round(ref)))


def _low_energy(ctx: Context) -> list[tuple[str, str]]:
    """RED-S warning signs; periods are named only where they can apply (sex female, other or not given)."""
    if ctx.p.sex == "male":
        return [(ctx._("Fuel your training: eating too little for the work you do (low energy availability, RED-S) "
                       "harms bones, hormones and performance. Warning signs: stress fractures or repeated injuries, "
                       "frequent illness, lasting tiredness, falling performance, feeling cold, low sex drive, or "
                       "worry about food and weight. If you notice them, eat more around training, ease the training, "
                       "and see a doctor or a sports dietitian."), "plan:fuelling")]
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

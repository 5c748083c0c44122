"""Unsafe weight goals change the plan, not only the alerts (PLAN_RULES 27, 28; kb-youth-weight-001,
kb-underweight-001): a teenager wanting to lose weight whose BMI-for-age does not warrant it, or a target below BMI
18.5, gets a plan built for general health; the asked goal is kept in `safety.requested_goal` with a referral."""
from __future__ import annotations

from typing import NamedTuple

from coach.domain.limits import unsafe_weight_goal
from coach.domain.profile import Profile
from coach.i18n import N_, t

SAFE_GOAL = "general_health"
# goals kept as asked: neither aims at weight or a training load that an unsafe weight wish would feed
KEPT_GOALS = ("general_health", "mobility")
GOAL_WORDS = {"fat_loss": N_("fat loss"), "muscle_gain": N_("muscle gain"), "endurance": N_("endurance"),
              "general_health": N_("general health"), "mobility": N_("mobility")}


# an unsafe weight wish with training on top risks low energy availability (RED-S, kb-energy-003): the volume is
# capped, and an underweight adult trains at moderate effort at most
CAPPED_DAYS = 4
CAPPED_MINUTES = 45


class GoalSwitch(NamedTuple):
    profile: Profile  # the profile the plan is built for
    requested: str | None = None  # the goal asked for, when it was switched
    reason: tuple[str, str] | None = None  # (reason text, citation tag)
    why: str | None = None  # "youth" or "underweight" when the weight goal is unsafe
    volume_cap: dict | None = None  # the days and minutes the plan was capped to, when it was


def _capped(p: Profile) -> tuple[Profile, dict | None]:
    """The profile with its weekly volume capped (days and minutes), and the cap when it changed anything."""
    days, mins = min(p.days_per_week, CAPPED_DAYS), min(p.minutes_per_session, CAPPED_MINUTES)
    if (days, mins) == (p.days_per_week, p.minutes_per_session):
        return p, None
    return (p.model_copy(update={"days_per_week": days, "minutes_per_session": mins}),
            {"days_per_week": days, "minutes_per_session": mins})


def fuelling_reason(lang: str) -> tuple[str, str]:
    """Eat enough for the training: the RED-S warning signs and what to do (kb-energy-003)."""
    text = t(lang, "Training on too little food is risky: the plan keeps the weekly volume moderate. Eat regular "
                   "meals and a snack with carbohydrate and protein around sessions. Missed periods, repeated "
                   "injuries, constant tiredness or feeling cold are signs of under-fuelling: see a doctor.")
    return text, "plan:fuelling"


def _reason(why: str, code: str, lang: str) -> tuple[str, str]:
    goal = t(lang, GOAL_WORDS.get(code, code))
    if why == "youth":
        return (t(lang, "You asked for a {goal} plan, but at your age and BMI-for-age losing weight is not recommended: "
                        "the plan is built for general health (fitness, strength, sport and enjoyment) instead. "
                        "Please talk with a parent and your paediatrician or a dietitian about your weight. Skipping "
                        "meals, rapid weight loss, missed periods or a lot of exercise to control weight are signs of "
                        "an eating disorder: see a doctor if any of them apply.", goal=goal), "plan:youth-weight")
    return (t(lang, "You asked for a {goal} plan, but your weight goal would take you below a BMI of 18.5 "
                    "(underweight): the plan is built for general health instead and does not aim at weight loss. A "
                    "strong wish to keep losing weight while thin needs a doctor's assessment, because it can reflect "
                    "illness or an eating disorder: please see your doctor or a dietitian. Training hard on too little "
                    "food (low energy availability, RED-S) weakens bones and can stop periods.", goal=goal),
            "plan:underweight")


def safe_goal(p: Profile, lang: str) -> GoalSwitch:
    """The profile to plan for: the goal switched to general health when the weight goal is unsafe."""
    why = unsafe_weight_goal(p.age, p.sex, p.height_cm, p.weight_kg, p.goal, p.target_weight_kg)
    if why is None:
        return GoalSwitch(p)
    capped, cap = _capped(p)
    if p.goal in KEPT_GOALS:
        return GoalSwitch(capped, None, _reason(why, p.goal, lang), why, cap)
    return GoalSwitch(capped.model_copy(update={"goal": SAFE_GOAL}), p.goal, _reason(why, p.goal, lang), why, cap)


def planned_for(plan: dict, p: Profile) -> Profile:
    """The profile a plan is judged against: with the goal switched when the asked weight goal is unsafe and the plan
    says so (the validator then checks the general-health plan, e.g. no 80/20 for a switched endurance goal)."""
    why = unsafe_weight_goal(p.age, p.sex, p.height_cm, p.weight_kg, p.goal, p.target_weight_kg)
    cap = (plan.get("safety") or {}).get("volume_cap") if why else None
    if isinstance(cap, dict):
        p = p.model_copy(update={k: v for k, v in cap.items() if k in ("days_per_week", "minutes_per_session")})
    if why and p.goal not in KEPT_GOALS and plan.get("goal") == SAFE_GOAL:
        return p.model_copy(update={"goal": SAFE_GOAL})
    return p

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


class GoalSwitch(NamedTuple):
    profile: Profile  # the profile the plan is built for
    requested: str | None = None  # the goal asked for, when it was switched
    reason: tuple[str, str] | None = None  # (reason text, citation tag)


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
    if why is None or p.goal in KEPT_GOALS:
        return GoalSwitch(p, None, _reason(why, p.goal, lang) if why else None)
    return GoalSwitch(p.model_copy(update={"goal": SAFE_GOAL}), p.goal, _reason(why, p.goal, lang))


def planned_for(plan: dict, p: Profile) -> Profile:
    """The profile a plan is judged against: with the goal switched when the asked weight goal is unsafe and the plan
    says so (the validator then checks the general-health plan, e.g. no 80/20 for a switched endurance goal)."""
    why = unsafe_weight_goal(p.age, p.sex, p.height_cm, p.weight_kg, p.goal, p.target_weight_kg)
    if why and p.goal not in KEPT_GOALS and plan.get("goal") == SAFE_GOAL:
        return p.model_copy(update={"goal": SAFE_GOAL})
    return p

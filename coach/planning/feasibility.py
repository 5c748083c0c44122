"""When the days or minutes asked for cannot meet the guideline, the plan says so plainly and proposes the minimum
that would (physician review 15, rule 109). kb-frequency-001 (ACSM, Garber et al. 2011; WHO 2020): every major
muscle group on 2 or more days a week, 48 hours apart; each session can be short, one multi-joint exercise per
region (a squat, a hinge, a push, a pull); twice a week per muscle is the minimum. kb-who-adults-001 (WHO 2020):
150-300 minutes of moderate aerobic activity a week, or 75-150 vigorous. Adults only: a teenager's dose is the daily
hour of kb-youth-dose-001, said by the youth notes."""
from __future__ import annotations

from coach.planning.context import Context

STRENGTH_DAYS_MIN = 2  # kb-frequency-001 / kb-who-adults-001
WHO_MODERATE_MIN = 150  # kb-who-adults-001
ADULT_AGE = 18


def short_of_strength_days(ctx: Context) -> bool:
    """Fewer training days a week than strength work needs (an adult, no hard stop)."""
    return ctx.p.age >= ADULT_AGE and ctx.p.days_per_week < STRENGTH_DAYS_MIN and not ctx.has("hard_stop")


def sessions_cannot_reach_who(ctx: Context) -> bool:
    """Even every minute asked for, as moderate cardio, stays under WHO's 150 a week (an adult)."""
    return ctx.p.age >= ADULT_AGE and ctx.p.days_per_week * ctx.p.minutes_per_session < WHO_MODERATE_MIN


def feasibility_notes(ctx: Context) -> list[tuple[str, str]]:
    """The plain statement and the minimum that would work, for strength days and for WHO's weekly minutes."""
    p, _ = ctx.p, ctx._
    if p.age < ADULT_AGE or ctx.has("hard_stop"):
        return []
    out = []
    if short_of_strength_days(ctx):
        out.append((_("With one session a week your muscles are trained on only 1 day, so this plan cannot reach the "
                      "minimum: strength work for every major muscle group on at least 2 days a week, 48 hours "
                      "apart. The minimum that would work is 2 non-consecutive days a week; each can be a short "
                      "full-body session (a squat, a hinge, a push and a pull). If you can find a second day, tell me "
                      "and I will rebuild the plan."), "plan:frequency"))
    total = p.days_per_week * p.minutes_per_session
    if sessions_cannot_reach_who(ctx):
        out.append((_("Your sessions ({d} a week, up to {m} minutes each) make at most {t} minutes a week, so they cannot "
                      "reach the 150 minutes of moderate activity a week that WHO recommends. The minimum that would "
                      "work is about 150 minutes a week (for example 30 minutes on 5 days, or 75 minutes of vigorous "
                      "activity); brisk walking on the other days counts toward it.", d=p.days_per_week,
                      m=p.minutes_per_session, t=total), "plan:older-adults" if ctx.older else "plan:aerobic-dose"))
    return out

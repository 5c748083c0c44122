"""A finished check-in: stored with its readings, then the recovery, weight-trend and alert rules applied."""
from __future__ import annotations

import copy
from datetime import date, timedelta
from typing import Any


from coach.domain.metrics import KINDS, unit_of
from coach.domain.trends import is_flagged
from coach.events import Reply
from coach.progression import rules
from coach.safety.alerts import stop_and_seek_care
from coach.services.adjustments import cite, commit_change
from coach.services.alerts import apply_symptoms, reading_alerts
from coach.services.context import Ctx
from coach.services.lighter import lighten_next_days
from coach.services.trends import current_trends, readings_by_kind
from storage import repos
from coach.services.clock import local_today
from coach.services.plans import day_of_plan, ensure_current_block, session_on
from coach.services.profiles import profile_dict, profile_of, save_profile
from coach.intake import mentions_red_flag


def finish_checkin(ctx: Ctx, answers: dict[str, Any], *, text: str | None = None) -> list[Reply]:
    """Store the check-in and its readings, then apply recovery, weight-trend and alert rules."""
    s, user = ctx.s, ctx.user
    now = ctx.clock()
    today = local_today(user, now)
    flags = mentions_red_flag(text) if text else []
    repos.checkins.add_checkin(s, user.id, today, {**answers, "symptoms": flags, "text": text})
    for kind in KINDS:  # check-in answers are keyed by metric kind
        if answers.get(kind) is not None:
            repos.readings.add_metric(s, user.id, kind, answers[kind], unit_of(kind), source="checkin", measured_at=now)
    replies = [Reply(ctx._("Thanks, check-in saved."))]
    if flags:
        return replies + [Reply(stop_and_seek_care(ctx.lang, profile=profile_dict(s, user) or {}, symptoms=flags))] \
            + apply_symptoms(ctx, flags, source="checkin")
    alert_fields: dict[str, Any] = {}
    if answers.get("resting_hr") is not None:
        alert_fields["resting_hr"] = answers["resting_hr"]
    if answers.get("bp") is not None:
        alert_fields["bp_systolic"], alert_fields["bp_diastolic"] = answers["bp"]
    alerts = reading_alerts(ctx, alert_fields)
    if alerts:
        return replies + alerts
    if answers.get("weight") is not None:
        current = profile_dict(s, user)
        if current and current.get("weight_kg") != answers["weight"]:
            save_profile(s, user, {**current, "weight_kg": answers["weight"]}, "check-in weight")
    return replies + recovery_rules(ctx, today) + weight_trend_rule(ctx, today)


def recovery_rules(ctx: Ctx, today: date) -> list[Reply]:
    """A rising resting-HR trend with poor sleep → a lighter week; otherwise < 6 h sleep two nights running, or
    resting HR ≥ baseline + 10 → the next session gets lighter. Flagged readings (outliers, duplicates) never count."""
    s, user = ctx.s, ctx.user
    rows = readings_by_kind(s, user)
    strain = rules.trend_strain(current_trends(s, user, today, rows))
    if strain is not None:
        return lighter_week(ctx, today, strain)
    sleep = [float(r.value) for r in rows["sleep"] if not is_flagged(r)]
    rhr = [float(r.value) for r in rows["resting_hr"] if not is_flagged(r)]
    trigger = rules.recovery_trigger(sleep, rhr)
    if trigger is None:
        return []
    if trigger[0] == "sleep":
        reason = ctx._("Less than 6 hours of sleep two nights running: your next session is lighter so you can "
                       "recover.")
        tags: tuple[str, ...] = ("plan:recovery-sleep",)
    else:
        reason = ctx._("Your resting heart rate is {d} bpm above your usual {b} bpm, a sign of fatigue or illness: "
                       "your next session is lighter.", **trigger[1])
        tags = ("plan:rhr-trend", "plan:overtraining")
    plan = ensure_current_block(s, user, today)
    if plan is None:
        return []
    for offset in range(0, 7):
        info = session_on(plan, today + timedelta(days=offset))
        if info.session is not None:
            break
    else:
        return []
    data = copy.deepcopy(plan.data)
    sess = next(x for x in data["weeks"][info.week - 1]["sessions"] if x["day"] == info.day)
    rules.lighten(sess, profile_of(s, user))
    row = commit_change(ctx.s, ctx.user, plan, data, rule="lighter_day", change={"week": info.week, "day": info.day},
                        reason=reason, tags=tags)
    return [Reply(reason)] if row else []


def lighter_week(ctx: Ctx, today: date, strain: dict) -> list[Reply]:
    """Every session of the next seven days lighter, once a week at most, with the reason and its passages."""
    s, user = ctx.s, ctx.user
    if any(a.rule == "lighter_week" and a.created_at.date() > today - timedelta(days=7)
           for a in repos.adjustments.adjustments(s, user.id)):
        return []
    plan = ensure_current_block(s, user, today)
    if plan is None:
        return []
    data, before = lighten_next_days(plan, profile_of(s, user), today)
    if not before:
        return []
    days = [list(k) for k in before]
    reason = ctx._("Your resting heart rate has averaged {rise} bpm above your usual {base} bpm this week and you "
                   "have slept {sleep} h a night on average: signs that recovery is falling behind. The next seven "
                   "days are lighter.", **strain)
    row = commit_change(s, user, plan, data, rule="lighter_week", change={"sessions": days, **strain}, reason=reason,
                        tags=("plan:rhr-trend", "plan:overtraining"))
    return [Reply(reason)] if row else []


def weight_trend_rule(ctx: Ctx, today: date) -> list[Reply]:
    """Weight trend off the target rate for 2 weeks → more cardio time, or a later target date, with a message."""
    s, user = ctx.s, ctx.user
    prof = profile_of(s, user)
    if prof is None or prof.target_weight_kg is None or not prof.target_weeks:
        return []
    readings = [r for r in repos.readings.metrics(s, user.id, "weight")
                if r.measured_at.date() >= today - timedelta(days=15) and not is_flagged(r)]  # no typos or duplicates
    if not rules.enough_weight_data([r.measured_at for r in readings]):
        return []
    if any(a.rule == "weight_trend" and a.created_at.date() > today - timedelta(days=14)
           for a in repos.adjustments.adjustments(s, user.id)):
        return []
    slope_week = rules.weekly_slope([(r.measured_at, float(r.value)) for r in readings])
    first_profile = repos.profiles.profile_history(s, user.id)[0].data.get("profile", {})
    start_weight = float(first_profile.get("weight_kg", prof.weight_kg))
    ratio = rules.trend_ratio(slope_week, start_weight, prof.target_weight_kg, prof.target_weeks)
    if ratio is None or 0.5 <= ratio[0] <= 1.5:
        return []
    plan = repos.plans.active_plan(s, user.id)
    if plan is None:
        return []
    want_week = ratio[1]
    if ratio[0] < 0.5 and want_week < 0:
        week_now, _d = day_of_plan(plan, today)
        data, bumped = rules.add_cardio_minutes(plan.data, week_now, prof.minutes_per_session, first_only=True)
        if bumped:
            reason = ctx._("Over two weeks your weight changed {a} kg a week against the {w} kg a week your target "
                           "needs: cardio time goes up a little.", a=f"{slope_week:+.2f}", w=f"{want_week:+.2f}")
            row = commit_change(ctx.s, ctx.user, plan, data, rule="weight_trend", change={"aerobic_minutes_pct": 10},
                                reason=reason, tags=("plan:energy-balance", "plan:weight-loss-rate"))
            if row:
                return [Reply(reason)]
    return [Reply(_retime_target(ctx, prof, plan, slope_week, want_week))]


def _retime_target(ctx: Ctx, prof: Any, plan: Any, slope_week: float, want_week: float) -> str:
    """Move the target date to what the trend supports (never faster than 1 %/week); the reason."""
    s, user = ctx.s, ctx.user
    new_weeks = rules.retimed_weeks(prof.weight_kg, prof.target_weight_kg, slope_week, prof.target_weeks)
    current = profile_dict(s, user)
    save_profile(s, user, {**current, "target_weeks": int(new_weeks)}, "target re-timed from weight trend")
    reason = ctx._("Over two weeks your weight changed {a} kg a week against the {w} kg a week your target needs: the "
                   "target date moves to about {n} weeks from now so the pace stays safe.", a=f"{slope_week:+.2f}",
                   w=f"{want_week:+.2f}", n=int(new_weeks))
    repos.adjustments.add_adjustment(s, user.id, rule="weight_trend", change={"target_weeks": int(new_weeks)}, reason=reason,
                        citations=cite(user.language, "plan:weight-loss-rate"), from_plan_id=plan.id,
                        to_plan_id=plan.id)
    return reason

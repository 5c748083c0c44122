"""Answers to messages that tell a change or ask about a coming day (coach.intake.changes reads them).

Nothing here changes stored data by itself: a weight change becomes a reading only after Yes, a suspected condition
is never saved as one, a holiday offers a pause behind a button, a new session length is proposed for Yes.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, ClassVar

from coach.dialogue import confirm, readings
from coach.dialogue.callbacks import CallbackData
from coach.dialogue.router import router
from coach.dialogue.settings import pause_for
from coach.dialogue.turn import Turn
from coach.events import Button, Reply
from coach.domain.limits import (BP_RED_FLAG, GLUCOSE_DELAY_BELOW, GLUCOSE_KETONE_CHECK_ABOVE, GLUCOSE_NO_START_BELOW,
                                 GLUCOSE_SMALL_CARB_BELOW, bp_reaches, unsafe_weight_goal)
from coach.intake import changes as told
from coach.intake.changes import SessionLength, TargetQuestion
from coach.intake.intent_settings import pause_days
from coach.intake.intent_values import fact_values
from coach.intake.others import about_someone_else, told_past
from coach.intake.pause_dates import pause_window
from coach.render import KIND_NAMES, hard_stop_text, session_text
from coach.safety.alerts import what_now
from coach.services import readings as readings_svc
from coach.services.alerts import apply_symptoms
from coach.services.plans import ensure_current_block, session_on
from coach.services.profiles import profile_dict


@dataclass(frozen=True)
class PauseFor(CallbackData):
    """"Pause for N days from START?" after a holiday was told (days 0 = no; start "" = today)."""

    prefix: ClassVar[str] = "away"
    days: int
    start: str

    @classmethod
    def parse(cls, parts: list[str]) -> PauseFor | None:
        if len(parts) != 2:
            return None
        days = int(parts[0]) if parts[0].isascii() and parts[0].isdigit() and len(parts[0]) <= 2 else None
        days = days if days is not None and days <= 92 else None
        start = parts[1]
        if days is None or (start and not _iso_day(start)):
            return None
        return cls(days, start)


def _iso_day(text: str) -> bool:
    try:
        return text.isascii() and len(text) == 10 and bool(date.fromisoformat(text))
    except ValueError:
        return False


_LATER = re.compile(r"(?<![a-z])(?:next\s+month|later\s+(?:this|next)\s+(?:month|year)|in\s+(?:a\s+few|\d+|two|three|"
                    r"four)\s+(?:weeks|months)|(?:this|next)\s+(?:summer|winter|spring|autumn|fall|year)|soon)(?![a-z])|"
                    r"下个?月|下下(?:周|星期)|月底|月初|年底|过几天|过段时间|暑假|寒假|过年|春节")
WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def day_session(turn: Turn, day: date) -> list[Reply]:
    """"What's my plan for tomorrow?": that day's session (or that it is a rest day), read from the plan."""
    today = turn.today()
    plan = ensure_current_block(turn.s, turn.user, today)
    if plan is None:
        return [Reply(turn._("You have no plan yet."))]
    stop = (plan.data.get("safety") or {}).get("hard_stop")
    if stop:
        return [Reply(hard_stop_text(stop, turn.lang))]
    when = turn._("tomorrow") if day == today + timedelta(days=1) else \
        f"{turn._(WEEKDAY_NAMES[day.weekday()])} {day.isoformat()}"
    info = session_on(plan, day)
    if info.beyond:
        return [Reply(turn._("Your current block ends before {when}; the next block is made from your check-ins when "
                             "it starts. /plan shows this block.", when=when))]
    if info.session is None:
        return [Reply(turn._("No session {when}: a rest day (an easy walk is fine). /plan shows the week.", when=when))]
    header = turn._("{when} (week {w}, day {d}): {kind}, {m} min", when=when[:1].upper() + when[1:], w=info.week,
                    d=info.day, kind=turn._(KIND_NAMES.get(info.session["kind"], "Session")),
                    m=info.session["minutes"])
    return [Reply(session_text(info.session, turn.lang, header=header))]


def weight_change(turn: Turn, delta_kg: float) -> list[Reply]:
    """"I'm 2 kg lighter than last month": the new weight worked out from the last one, saved only on Yes."""
    last_row = readings_svc.latest_reading(turn.s, turn.user, "weight")
    last = float(last_row) if last_row is not None else profile_dict(turn.s, turn.user).get("weight_kg")
    if not last:
        return [Reply(turn._("Well done for keeping track! Send your weight today, like \"weight 78 kg\", and I'll "
                             "record it."))]
    new = round(float(last) + delta_kg, 1)
    change = turn._("{kg} kg less", kg=f"{abs(delta_kg):g}") if delta_kg < 0 else \
        turn._("{kg} kg more", kg=f"{delta_kg:g}")
    text = turn._("Your last recorded weight is {old} kg; {change} makes {new} kg. Save {new} kg as today's weight? "
                  "(If you weighed yourself today, send the exact number instead.)", old=f"{float(last):g}",
                  change=change, new=f"{new:g}")
    return readings.ask_to_store(turn, {"weight": new}, text)


def suspected(turn: Turn, values: dict) -> list[Reply]:
    """"I think I might have high blood pressure": no diagnosis is saved on a guess; what to do instead."""
    named = values.get("condition_add")
    names = [named] if isinstance(named, str) else list(named or [])
    out = turn._("I won't record a condition on a guess: only a doctor can tell. Please get it checked; if they "
                 "confirm it, tell me (\"I have ...\") and I'll plan around it.")
    if "hypertension" in names:
        out += "\n" + turn._("For blood pressure you can start now: measure it after 5 minutes sitting quietly, on two "
                             "different days, and send it like \"blood pressure 135/85\". I'll tell you which band it "
                             "falls in and adjust the plan; 180/110 or more means no training until a doctor has seen "
                             "you.")
    return [Reply(out)]


def away(turn: Turn, text: str) -> list[Reply]:
    """"I'm going on holiday for 2 weeks": an offer to pause reminders for that time (a button), nothing else."""
    low = text.lower()
    today = turn.today()
    window = pause_window(low, today)
    later = _LATER.search(low)  # "next month", "下个月": a start it doesn't date, so no pause from today
    days = pause_days(_LATER.sub(" ", re.sub(r"下个?(?:周|星期|礼拜)|(?<![a-z])next\s+week", " ", low)))
    start = window[0] if window else today
    span = (window[1] if window and window[1] else None) or days
    if later and not window:
        when = turn._("for {days} days", days=span) if span else ""
        return [Reply(turn._("Have a good trip! When you leave, tell me \"pause {when}\" (or send /pause) and I'll "
                             "hold the reminders until you're back.", when=when).replace("  ", " ")
                      .replace("\"pause \"", "\"pause\""))]
    if span:
        back = start + timedelta(days=span)
        ask = turn._("Have a good time away! Shall I pause your workouts and check-ins for {days} days, from {start}, "
                     "and start again on {back}?", days=span, start=start.isoformat(), back=back.isoformat())
        cb = PauseFor(span, start.isoformat() if start != today else "")
        return [Reply(ask, buttons=[[Button(turn._("Yes, pause"), cb.encode()),
                                     Button(turn._("No, keep them"), PauseFor(0, "").encode())]])]
    return [Reply(turn._("Have a good time away! If you'd like no reminders meanwhile, tell me for how long (\"pause "
                         "for two weeks\") or send /pause, and /resume when you're back."))]


@router.callback(PauseFor, needs="profile")
def pause_button(turn: Turn, cb: PauseFor) -> list[Reply]:
    if cb.days == 0:
        return [Reply(turn._("OK, reminders stay on."))]
    start = date.fromisoformat(cb.start) if cb.start else None
    if start is not None and start < turn.today():
        start = None
    return pause_for(turn, cb.days, start=start)


def session_length(turn: Turn, req: SessionLength) -> list[Reply]:
    """"Make the sessions 30 minutes": proposed for Yes; without a number, asks for one."""
    if req.minutes is not None:
        return confirm.propose(turn, {"minutes_per_session": req.minutes}) or []
    now = profile_dict(turn.s, turn.user).get("minutes_per_session")
    way = turn._("shorter") if req.direction < 0 else turn._("longer")
    return [Reply(turn._("Your sessions are {m} minutes now. How long should they be? Say it like \"make the sessions "
                         "{example} minutes\" and I'll make them {way}.", m=now, way=way,
                         example=max(10, (now or 45) - 15) if req.direction < 0 else (now or 45) + 15))]


def bp_reading(turn: Turn, text: str, values: dict) -> list[Reply]:
    """A blood pressure typed with or without symptoms ("BP 190/115 and a headache"): stored at once (a reading in
    the crisis band stops the plan), with the emergency advice first when a crisis reading comes with symptoms."""
    first: list[Reply] = []
    if bp_reaches(values.get("bp_systolic"), values.get("bp_diastolic"), BP_RED_FLAG) and told.bp_emergency_words(text):
        first = [Reply("🚨 " + what_now(turn.lang, "emergency"))]
    return first + readings.typed_reading(turn, values, confirmed=True)


def target_check(turn: Turn, q: TargetQuestion) -> list[Reply]:
    """"Is 72 kg a realistic target?": the time it takes at the pace the passages advise, or why it is not planned."""
    p = profile_dict(turn.s, turn.user) or {}
    last = readings_svc.latest_reading(turn.s, turn.user, "weight")
    now = float(last) if last is not None else p.get("weight_kg")
    target = q.target_kg if q.target_kg is not None else \
        round(now + q.change_kg, 1) if (now and q.change_kg is not None) else p.get("target_weight_kg")
    if not now or not target:
        return [Reply(turn._("You have no target weight yet. Tell me one (\"my target is 70 kg\") and I'll tell you "
                             "how long it takes at a safe pace."))]
    why = unsafe_weight_goal(p.get("age") or 30, p.get("sex"), p.get("height_cm") or 170, now,
                             "fat_loss" if target < now else "muscle_gain", target)
    if why == "underweight":
        bmi = target / ((p.get("height_cm") or 170) / 100) ** 2
        return [Reply(turn._("{t} kg would put your BMI at {bmi:.1f}, below 18.5 (underweight), so I won't plan toward "
                             "it. A doctor or dietitian can help you find a healthy weight. [kb-underweight-001]",
                             t=f"{target:g}", bmi=bmi))]
    if why == "youth":
        return [Reply(turn._("At your age weight loss is not a target I plan toward unless a doctor advises it: "
                             "growing bodies need the energy. Being active every day is what counts. "
                             "[kb-youth-weight-001]"))]
    diff = target - now
    if abs(diff) < 0.5:
        return [Reply(turn._("You're already there: {now} kg against a target of {t} kg. Now it's about keeping it.",
                             now=f"{now:g}", t=f"{target:g}"))]
    if diff < 0:  # 0.5-1 % of body weight a week (kb-weight-loss-001)
        fast, slow = math.ceil(-diff / (0.01 * now)), math.ceil(-diff / (0.005 * now))
        text = turn._("From {now} kg to {t} kg is {kg} kg to lose. At the pace that keeps muscle, about 0.5-1 % of "
                      "body weight a week ({lo}-{hi} kg), that takes about {fast}-{slow} weeks; the first week often "
                      "drops faster from water, so judge it over several weeks. [kb-weight-loss-001]",
                      now=f"{now:g}", t=f"{target:g}", kg=f"{-diff:g}", lo=f"{0.005 * now:.1f}",
                      hi=f"{0.01 * now:.1f}", fast=fast, slow=slow)
    else:  # 0.25-0.5 % a week, mostly muscle (kb-muscle-gain-energy-001)
        fast, slow = math.ceil(diff / (0.005 * now)), math.ceil(diff / (0.0025 * now))
        text = turn._("From {now} kg to {t} kg is {kg} kg to gain. Gained as mostly muscle, about 0.25-0.5 % of body "
                      "weight a week, that takes about {fast}-{slow} weeks; much faster gain is mostly fat. "
                      "[kb-muscle-gain-energy-001]", now=f"{now:g}", t=f"{target:g}", kg=f"{diff:g}", fast=fast,
                      slow=slow)
    weeks = p.get("target_weeks")
    if weeks and weeks < fast and target == p.get("target_weight_kg"):
        text += "\n" + turn._("Your plan's {w} weeks are shorter than that: a longer time frame keeps it safe (tell me, "
                              "e.g. \"target in {fast} weeks\").", w=weeks, fast=fast)
    return [Reply(text)]


def further_target(turn: Turn, delta_kg: float) -> list[Reply]:
    """"Lose 5 more kg", "再减5公斤": a target counted from the current weight (the latest reading, else the profile's),
    with the safe pace it takes; proposed for Yes, never planned toward when it is not a safe target."""
    p = profile_dict(turn.s, turn.user) or {}
    last = readings_svc.latest_reading(turn.s, turn.user, "weight")
    now = float(last) if last is not None else p.get("weight_kg")
    if not now:
        return [Reply(turn._("Send your weight today first, like \"weight 78 kg\", and I'll count the target from it."))]
    target = round(float(now) + delta_kg, 1)
    pace = target_check(turn, TargetQuestion(target_kg=target))
    if unsafe_weight_goal(p.get("age") or 30, p.get("sex"), p.get("height_cm") or 170, float(now),
                          "fat_loss" if delta_kg < 0 else "muscle_gain", target):
        return pace  # underweight or too young: why it is not planned toward, nothing proposed
    goal = {"goal": "fat_loss"} if delta_kg < 0 and p.get("goal") == "muscle_gain" else \
        {"goal": "muscle_gain"} if delta_kg > 0 and p.get("goal") == "fat_loss" else {}
    return pace + (confirm.propose(turn, {"target_weight_kg": target, **goal}) or [])


def healed_too(turn: Turn, text: str, values: dict) -> list[Reply]:
    """"Knee is fine now but I hurt my shoulder": the pain is logged, and the area told healed is proposed for
    removal (its own clause), saved only on Yes."""
    if values.get("status") != "pain" or not values.get("body_part"):
        return []
    healed = [a for a in _as_list(fact_values(text, today=turn.today()).get("injury_remove")) if a != values["body_part"]]
    return (confirm.propose(turn, {"injury_remove": healed}) or []) if healed else []


def _as_list(value: Any) -> list[str]:
    return [] if value is None else list(value) if isinstance(value, (list, tuple)) else [str(value)]


def pregnancy_warning(turn: Turn, codes: list[str]) -> list[Reply]:
    """A warning sign in pregnancy ("had some bleeding this morning"): stop, contact the maternity team today, when it
    is an emergency; recorded so the plan stops until the provider has seen them (kb-pregnancy-007)."""
    head = Reply("🚨 " + what_now(turn.lang, "provider") + " " + turn._(
        "Call emergency services for heavy bleeding, chest pain, a sudden severe headache or vision change, fainting, or a "
        "painful swollen calf with breathlessness."))
    return [head] + apply_symptoms(turn, codes, source="message")


def glucose(turn: Turn, mmol: float) -> list[Reply]:
    """A blood glucose typed with a question about training: what the glucose rules say for that value."""
    if mmol < GLUCOSE_NO_START_BELOW:
        text = turn._("{v} mmol/L is low: do not start. Take about 15 g of fast-acting carbohydrate (glucose tablets, "
                      "juice), check again after 15 minutes and repeat if still low; exercise only once it is above 5.0 "
                      "and you feel well. [kb-diabetes-002]", v=f"{mmol:g}")
    elif mmol < GLUCOSE_DELAY_BELOW:
        text = turn._("{v} mmol/L is below 5.0: take 10-20 g of fast-acting carbohydrate and wait until it is above 5.0 "
                      "before you start. [kb-diabetes-002]", v=f"{mmol:g}")
    elif mmol < GLUCOSE_SMALL_CARB_BELOW:
        text = turn._("{v} mmol/L: take about 10 g of carbohydrate before aerobic exercise; strength or interval work "
                      "can start as it is. [kb-diabetes-002]", v=f"{mmol:g}")
    elif mmol <= GLUCOSE_KETONE_CHECK_ABOVE:
        text = turn._("{v} mmol/L: fine to start; check again afterwards, as glucose can fall for up to 24 hours after "
                      "exercise. [kb-diabetes-002]", v=f"{mmol:g}")
    else:
        text = turn._("{v} mmol/L is above 15.0: unless a recent meal explains it, check blood ketones first and do not "
                      "exercise if they are raised (1.5 mmol/L or more) or you feel unwell. [kb-diabetes-002]",
                      v=f"{mmol:g}")
    return [Reply(text)]


def improving(turn: Turn, areas: list[str]) -> Reply:
    """"My knee is a bit better": good news, and the injury stays until they say it has healed (nothing changes)."""
    names = ", ".join(turn._(a.replace("_", " ")) for a in areas)
    return Reply(turn._("Good to hear your {area} is getting better. I'll keep planning around it until it has healed: "
                        "tell me then (\"my {area} has healed\") and what was left out for it comes back.", area=names))


def not_theirs(turn: Turn, text: str, intent: str, metrics: bool) -> list[Reply] | None:
    """Someone else's value ("my friend weighs 90 kg") or one from the past ("I used to weigh 95 kg"): not stored."""
    if about_someone_else(text):
        return [Reply(turn._("That sounds like someone else's, so I kept it out of your profile: I only track your "
                             "own values."))]
    if intent != "correction" and metrics and told_past(text):
        return [Reply(turn._("That sounds like a value from the past, so I didn't record it as today's. Send today's "
                             "like \"weight 78 kg\" or \"blood pressure 125/80\"."))]
    return None


def move_asked(turn: Turn) -> list[Reply]:
    """"move today's session to friday", "把今天的训练改到周五": no session is moved or logged."""
    return [Reply(turn._("I can't move a session to another day, so nothing was logged or changed. If you can't train "
                         "today, say \"skip today\"; /plan shows the week."))]

"""Onboarding: the profile questions one at a time (several facts per message welcome), then the first plan."""
from __future__ import annotations

from typing import Any

from coach.dialogue import steps

from coach.events import Reply
from coach.intake.answers import yes_no
from coach.domain.profile import ProfileError
from coach.safety.alerts import stop_and_seek_care
from coach.domain.vocab import RED_FLAG_SYMPTOMS
from coach.dialogue import plan as plan_feature
from coach.dialogue.callbacks import Onboard
from coach.dialogue.router import router
from coach.dialogue.turn import Turn
from storage import repos
from coach.services.plans import create_plan
from coach.services.profiles import profile_of, save_profile
from coach.intake import extract
from coach.intake.answers import LIST_FIELDS, error_text, is_skip, merge_fields, parse_reminder, range_hint
from coach.intake.intent_answers import in_context, skips
def _state(turn: Turn) -> tuple[dict, dict, Any]:
    state = repos.users.get_dialogue(turn.s, turn.user.id)
    data = dict(state.data or {})
    data.setdefault("skipped", [])
    return data, data.setdefault("profile", {}), state


def _save(turn: Turn, step: str, data: dict) -> None:
    repos.users.set_dialogue(turn.s, turn.user.id, flow="onboarding", step=step, data=data)


def _ask(turn: Turn, key: str, data: dict, prefix: str = "") -> Reply:
    step = steps.STEP_BY_KEY[key]
    q = steps.question(step, turn.lang, tz=turn.user.timezone, time=turn.user.reminder_time)
    return Reply(prefix + q, buttons=steps.buttons_for(key, turn.lang, data))


def resume(turn: Turn) -> list[Reply]:
    """After consent: continue (or begin) onboarding, or welcome back someone who has a profile."""
    state = repos.users.get_dialogue(turn.s, turn.user.id)
    resuming = state.flow in ("onboarding", "paused_onboarding")
    if not resuming and profile_of(turn.s, turn.user) is not None:
        return [Reply(turn._("Welcome back! Use /today for today's session, /plan for the week, /checkin to tell "
                             "me how it's going, or /help for everything."))]
    if resuming:
        intro = turn._("Welcome back! Let's continue where we stopped.")
        repos.users.set_dialogue(turn.s, turn.user.id, flow="onboarding", step=state.step, data=state.data)
    else:
        intro = turn._("Let's set up your profile. You can answer several things at once, e.g. \"I'm 34, "
                       "180 cm, 75 kg, want to lose 5 kg, 4 days a week, dumbbells at home\".")
        repos.users.set_dialogue(turn.s, turn.user.id, flow="onboarding", data={"profile": {}, "skipped": []})
    return [Reply(intro)] + ask_next(turn)


def ask_next(turn: Turn, prefix: list[Reply] | None = None) -> list[Reply]:
    """The next unanswered question, or the first plan when everything is known."""
    data, profile, _state_ = _state(turn)
    step = steps.next_step(profile, data)
    if step is None:
        return (prefix or []) + finish(turn, data)
    _save(turn, step.key, data)
    q = steps.question(step, turn.lang, tz=turn.user.timezone, time=turn.user.reminder_time)
    if step.key in steps.RANGES_HINT:
        q += " " + turn._("(accepted: {range})", range=range_hint(step.key, turn.lang))
    return (prefix or []) + [Reply(q, buttons=steps.buttons_for(step.key, turn.lang, data))]


@router.flow("onboarding")
def answer(turn: Turn, text: str, _data: dict | None = None, _step: str = "") -> list[Reply]:
    """A typed answer: the question asked first, then any other facts the message gives."""
    data, profile, state = _state(turn)
    step = steps.STEP_BY_KEY.get(state.step) or steps.next_step(profile, data)
    if step is None:
        return ask_next(turn)
    if is_skip(text) or (step.optional and skips(step.key, text)):
        if step.optional:
            data["skipped"].append(step.key)
            _save(turn, step.key, data)
            return ask_next(turn)
        return [_ask(turn, step.key, data, turn._("I need this one to plan safely.") + " ")]
    if step.key == "reminder":
        return _reminder(turn, text, data)
    found = _facts(turn, step.key, text, profile)
    good, errors = merge_fields(found, profile)
    replies = [Reply(error_text(turn.lang, e)) for e in errors]
    if good:
        profile.update(good)
        if set(good.get("symptoms", [])) & set(RED_FLAG_SYMPTOMS):
            replies.append(Reply(stop_and_seek_care(turn.lang)))
        _save(turn, step.key, data)
    tz = found.get("timezone")
    if tz and tz != turn.user.timezone:
        repos.users.update_user(turn.s, turn.user, timezone=tz)
    if not good and not errors:
        return [_ask(turn, step.key, data, turn._("Sorry, I didn't catch that.") + " ")]
    if errors and not steps.answered(step.key, profile, data):
        return replies + [_ask(turn, step.key, data)]
    return ask_next(turn, replies)


def _facts(turn: Turn, key: str, text: str, profile: dict | None = None) -> dict[str, Any]:
    """The answer to the question asked (it wins, read in that question's context), plus the other facts the
    rules — and the model, if any — find, which only fill fields not answered yet (coach.intake.intent_answers)."""
    found = extract(text)
    if turn.agent is not None and len(text) > 24:  # the model may catch what rules missed
        for k, v in (turn.agent.extract_fields(turn.user, text) or {}).items():
            found.setdefault(k, v)
    found = in_context(key, text, found, profile or {})
    if key in LIST_FIELDS and key not in found and yes_no(text) is False:
        found[key] = []
    return found


def _reminder(turn: Turn, text: str, data: dict) -> list[Reply]:
    time_val, tz = parse_reminder(text)
    if time_val is None:
        time_val = in_context("reminder", text, {}, {}).get("reminder_time")  # "7am", "morning at 8"
    if time_val is None and tz is None:
        return [Reply(turn._("Please send a time like 7:30 and a timezone like Europe/London, or 'skip'."),
                      buttons=steps.buttons_for("reminder", turn.lang))]
    updates: dict[str, Any] = {}
    if time_val:
        updates["reminder_time"] = time_val
    if tz:
        updates["timezone"] = tz
    repos.users.update_user(turn.s, turn.user, **updates)
    data["reminder_set"] = True
    _save(turn, "reminder", data)
    return ask_next(turn)


@router.callback(Onboard, needs="consent")
def button(turn: Turn, cb: Onboard) -> list[Reply]:
    """A pressed choice: skip, an equipment toggle, or a field's value."""
    data, profile, state = _state(turn)
    if state.flow != "onboarding":
        return resume(turn)
    if cb.key == "skip":
        step = steps.STEP_BY_KEY.get(state.step)
        if step and step.optional:
            data["skipped"].append(step.key)
            _save(turn, step.key, data)
        return ask_next(turn)
    if cb.key == "eq":
        return _equipment(turn, cb.value, data, profile)
    value: Any = cb.value
    if cb.key in LIST_FIELDS and value == "none":
        value = []
    elif cb.key == "currently_active":
        value = value == "yes"
    elif cb.key in ("days_per_week", "minutes_per_session", "pregnancy_trimester"):
        value = int(value)  # Onboard.decode let only ASCII whole numbers in range through
    good, errors = merge_fields({cb.key: value}, profile)
    if errors:
        return [Reply(error_text(turn.lang, e)) for e in errors] + ask_next(turn)
    profile.update(good)
    _save(turn, cb.key, data)
    return ask_next(turn)


def _equipment(turn: Turn, choice: str, data: dict, profile: dict) -> list[Reply]:
    pick = list(data.get("equipment_pick", []))
    if choice in ("done", "none"):
        profile["equipment"] = [] if choice == "none" else [x for x in pick if x != "none"]
        data.pop("equipment_pick", None)
        _save(turn, "equipment", data)
        return ask_next(turn)
    if choice not in steps.EQUIPMENT_LABELS:
        return []
    data["equipment_pick"] = [x for x in pick if x != choice] if choice in pick else pick + [choice]
    _save(turn, "equipment", data)
    step = steps.STEP_BY_KEY["equipment"]
    return [Reply(steps.question(step, turn.lang), buttons=steps.buttons_for("equipment", turn.lang, data), edit=True)]


def finish(turn: Turn, data: dict) -> list[Reply]:
    """Save the profile and its first readings, build the first plan, and show it."""
    profile = dict(data.get("profile", {}))
    profile["language"] = turn.lang
    profile["timezone"] = turn.user.timezone
    try:
        prof = save_profile(turn.s, turn.user, profile, "onboarding")
    except ProfileError as exc:  # a combination the single checks could not see (e.g. bp order)
        data["profile"].pop(exc.field, None)
        _save(turn, exc.field, data)
        return [Reply(error_text(turn.lang, exc))] + ask_next(turn)
    now = turn.clock()
    for kind, field, unit in (("weight", "weight_kg", "kg"), ("resting_hr", "resting_hr", "bpm"),
                              ("sleep", "sleep_hours", "h"), ("body_fat", "body_fat_pct", "%")):
        if getattr(prof, field) is not None:
            repos.readings.add_metric(turn.s, turn.user.id, kind, getattr(prof, field), unit, source="onboarding",
                            measured_at=now)
    if prof.bp_systolic is not None:
        repos.readings.add_metric(turn.s, turn.user.id, "bp", [prof.bp_systolic, prof.bp_diastolic], "mmHg",
                        source="onboarding", measured_at=now)
    plan_row = create_plan(turn.s, turn.user, prof, turn._("Your first plan, from your onboarding answers."),
                                   start=turn.today())
    repos.users.set_dialogue(turn.s, turn.user.id, flow="idle")
    return plan_feature.plan_summary(turn, plan_row.data, first=True)

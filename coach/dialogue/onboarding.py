"""Onboarding: the profile questions one at a time (several facts per message welcome), then the first plan."""
from __future__ import annotations

from typing import Any

from coach.dialogue import steps

from coach.events import Reply
from coach.intake.answers import all_yes, yes_no
from coach.dialogue.onboarding_facts import added, facts_text, offer_reply, why_asked
from coach.domain.profile import ProfileError
from coach.safety.alerts import if_it_happens, stop_and_seek_care
from coach.domain.vocab import RED_FLAG_SYMPTOMS
from coach.dialogue import plan as plan_feature
from coach.dialogue.callbacks import Onboard
from coach.dialogue.router import router
from coach.dialogue.turn import Turn
from storage import repos
from coach.services.plans import create_plan
from coach.services.profiles import profile_of, save_profile
from coach.intake import extract
from coach.intake.mentions import asks_about_red_flag
from coach.intake.short_time import short_today
from coach.intake.answers import (FIELD_NAMES, LIST_FIELDS, error_text, is_skip, merge_fields, parse_reminder,
                                  range_hint)
from coach.intake.intent_answers import (Reading, answers_step, asks, in_context, looks_like_question,
                                         not_about, owned,
                                         read_answer, removed_items, skips, wants_skip)
from coach.domain.profile import RANGES
from coach.events import Button

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


def resume(turn: Turn, *, greet: bool = True) -> list[Reply]:
    """After consent: continue (or begin) onboarding, or welcome back someone who has a profile.

    greet=False (after "Let's finish your profile first."): the open question again, with no "welcome back"."""
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
    return ([Reply(intro)] if greet or not resuming else []) + reask(turn)


def reask(turn: Turn) -> list[Reply]:
    """The question still open: the pending offer if it was the last thing asked, else the step's question."""
    data, profile, state = _state(turn)
    step = steps.STEP_BY_KEY.get(state.step) or steps.next_step(profile, data)
    if data.get("offered") and data.get("offer_open"):  # the offer alone was the last thing asked
        return _show_offer(turn, step, data, profile, again=True)
    return ask_next(turn)


def ask_next(turn: Turn, prefix: list[Reply] | None = None) -> list[Reply]:
    """The next unanswered question, or the first plan when everything is known."""
    data, profile, _state_ = _state(turn)
    step = steps.next_step(profile, data)
    offered = data.get("offered") or {}
    if offered and (step is None or set(owned(step.key)) & set(offered) or (step.key == "bp" and "bp_systolic" in offered)):
        return (prefix or []) + _show_offer(turn, step, data, profile, again=True)  # asked before it is stored
    if step is None:
        return (prefix or []) + finish(turn, data)
    data["offer_open"] = False
    _save(turn, step.key, data)
    q = steps.question(step, turn.lang, tz=turn.user.timezone, time=turn.user.reminder_time)
    if step.key == "target" and profile.get("target_weeks") and "target_weight_kg" not in profile:  # "by summer"
        q = turn._("Noted: in about {weeks} weeks. And how much would you like to lose or gain, or what weight are you "
                   "aiming for? (e.g. 'lose 5 kg', '70 kg'; 'skip' if you have no weight target)",
                   weeks=profile["target_weeks"])
    if step.key in steps.RANGES_HINT:
        q += " " + turn._("(accepted: {range})", range=range_hint(step.key, turn.lang))
    return (prefix or []) + [Reply(q, buttons=steps.buttons_for(step.key, turn.lang, data))]


@router.flow("onboarding")
def answer(turn: Turn, text: str, _data: dict | None = None, _step: str = "") -> list[Reply] | None:
    """A typed answer: the question asked first, then any other facts the message gives."""
    data, profile, state = _state(turn)
    step = steps.STEP_BY_KEY.get(state.step) or steps.next_step(profile, data)
    if step is None:
        return ask_next(turn)
    if data.get("offered"):
        keep = offer_reply(step, text, bool(data.get("offer_open")))
        if keep is not None:  # the answer to "Keep sleep 7 h?"
            return _keep(turn, data, profile, data.pop("offered"), keep)
        if steps.next_step(profile, data) is None:  # all answered, the offer asked before the plan: yes or no
            return ask_next(turn)
    why = why_asked(turn, step, text)
    if why is not None:  # "why do you need my age?": why it is asked, then the question again
        _save(turn, step.key, data)
        return [why, _ask(turn, step.key, data)]
    if (is_skip(text) or wants_skip(text)) and not step.optional:
        return [_ask(turn, step.key, data, turn._("I need this one to plan safely.") + " ")]
    if step.optional and skips(step.key, text):
        data["skipped"].append(step.key)
        _save(turn, step.key, data)
        return ask_next(turn)
    question = asks(text) or looks_like_question(text) and not answers_step(step.key, text, profile) or \
        step.key != "minutes_per_session" and short_today(text)  # "only 20 minutes today": a question, not a fact
    if step.key == "reminder" and not question:
        return _reminder(turn, text, data)
    if step.key != "symptoms" and asks_about_red_flag(text):  # a question about a symptom records nothing
        _save(turn, step.key, data)
        return [Reply(if_it_happens(turn.lang)), _ask(turn, step.key, data)]
    if question:
        return None  # answered as any question is (coach.dialogue.ask), then this question again
    if not_about(step.key, text):  # "no symptoms 没有" to "have you been active?" says nothing about activity
        return [_ask(turn, step.key, data, turn._("That doesn't answer this question; please answer yes or no.") + " ")]
    reading = read_answer(step.key, text, _facts(turn, step.key, text), profile)
    if reading.remark:
        _save(turn, step.key, data)
        return [_ask(turn, step.key, data, turn._("That sounds like what you do now, which is good to know, but I "
                                                  "asked how much time you can give the plan.") + " ")]
    return _store(turn, step, text, data, profile, reading)


def _store(turn: Turn, step: steps.Step, text: str, data: dict, profile: dict, reading: Reading) -> list[Reply]:
    """Store what answers the question (and the other facts with it), offer back a value for another field."""
    found = reading.kept
    if step.key in LIST_FIELDS and step.key not in found and yes_no(text) is False:
        found[step.key] = []
    good, errors = merge_fields(found, profile)
    replies = [Reply(_not_saved(turn, e, bool(good))) for e in errors]
    if good:
        profile.update(added(good, profile, owned(step.key)))
        for k in good:  # the newest word on a field wins: an answer replaces an offered value
            (data.get("offered") or {}).pop(k, None)
        if set(good.get("symptoms", [])) & set(RED_FLAG_SYMPTOMS):
            replies.append(Reply(stop_and_seek_care(turn.lang, profile=profile, symptoms=good["symptoms"])))
        extra = {k: v for k, v in good.items() if k not in owned(step.key) and k != "symptoms"}
        if extra:
            replies.append(Reply(turn._("Also noted: {facts}.", facts=facts_text(turn, extra))))
    _save(turn, step.key, data)
    if reading.offered and not good:
        return replies + _offer(turn, step, data, profile, reading.offered, text)
    if reading.offered:  # an item beside the answer that an earlier answer left out: offered with the next question
        return replies + _offer(turn, steps.next_step(profile, data), data, profile, reading.offered, text,
                                answered=True)
    if not good and not errors:
        if step.key in LIST_FIELDS and all_yes(text):  # "yes (I do)" to "do you take any of these?": which?
            return [_ask(turn, step.key, data, turn._("Which ones? Name them, or tap them below.") + " ")]
        return [_ask(turn, step.key, data, _not_caught(turn, step.key))]
    if errors and not steps.answered(step.key, profile, data):
        return replies + [_ask(turn, step.key, data)]
    return ask_next(turn, replies)


CHOICES = {"experience": steps.EXPERIENCE_LABELS, "goal": steps.GOAL_LABELS, "sex": steps.SEX_LABELS}


def _not_caught(turn: Turn, key: str) -> str:
    """"Sorry, I didn't catch that." - with the choices named when the question has a few (not the same words again)."""
    if key in CHOICES:
        return turn._("Sorry, I didn't catch that. Please pick one: {choices}.",
                      choices=", ".join(turn._(v) for v in CHOICES[key].values())) + " "
    return turn._("Sorry, I didn't catch that.") + " "


def _not_saved(turn: Turn, err: ProfileError, saved_other: bool) -> str:
    """The error, honest about the rest of the message: other values of it may have been saved."""
    if not saved_other:
        return error_text(turn.lang, err)
    label = turn._(FIELD_NAMES.get(err.field, err.field))
    if err.field in RANGES:
        return turn._("I did not save the {label}: {field} must be {range}.", label=label, field=err.field,
                      range=range_hint(err.field, turn.lang))
    return turn._("I did not save the {label} ({field}: {msg}).", label=label, field=err.field, msg=err.message)


def _offer(turn: Turn, step: steps.Step | None, data: dict, profile: dict, offered: dict, text: str,
           answered: bool = False) -> list[Reply]:
    """"Did you mean you sleep 7 h? I asked: ..." with Yes / No; nothing is stored until Yes. Values said out of turn
    gather in one pending offer (the newest value of a field wins) that later answers keep open."""
    good, errors = merge_fields(offered, profile)
    refused = [Reply(error_text(turn.lang, e)) for e in errors]  # nothing is saved from this message: true
    if not good:
        if step is None or answered:
            return refused + ask_next(turn)
        return refused + [_ask(turn, step.key, data, "" if refused else _not_caught(turn, step.key))]
    # lists are offered whole: an item named beside another answer adds to the list, one said to be gone leaves it
    removed, prev = tuple(removed_items(text)), data.get("offered") or {}
    good = added(good, profile, removed)
    for k in set(good) & set(prev) & set(LIST_FIELDS) - set(removed):  # "asthma", later "diabetes": both offered
        good[k] = prev[k] + [x for x in good[k] if x not in prev[k]]
    data["offered"] = {**prev, **good}
    grown = {k: v for k, v in good.items() if prev.get(k) != v} if prev else None
    return refused + _show_offer(turn, step, data, profile, grown=grown, also=answered and not prev)


def _show_offer(turn: Turn, step: steps.Step | None, data: dict, profile: dict, *, again: bool = False,
                grown: dict | None = None, also: bool = False) -> list[Reply]:
    """The one pending offer with its own Keep / Don't keep buttons. Shown beside a question it interrupted, the
    question is asked again after it (the last question, which a typed answer answers); `again` (its field's turn
    has come) or no step left: the offer alone, answered by a typed yes or no too. An offer that grows (`grown`:
    the new facts) names what was added."""
    offered = data["offered"]
    alone = again or step is None
    data["offer_open"] = alone
    _save(turn, step.key if step else repos.users.get_dialogue(turn.s, turn.user.id).step, data)
    facts = facts_text(turn, offered, profile)
    if grown:
        text = turn._("Noted too: {new}. Nothing is saved yet. Keep all of it ({facts})?",
                      new=facts_text(turn, grown, profile), facts=facts)
    elif also:  # beside an answer that was saved
        text = turn._("You also mentioned {facts}, which your earlier answer left out. Nothing is saved yet. Keep "
                      "{facts}?", facts=facts)
    elif again or step is None:
        text = turn._("Earlier you mentioned {facts}. Nothing is saved yet. Keep {facts}?", facts=facts)
    else:
        text = turn._("I noted {facts}, but that doesn't answer what I asked, so nothing is saved yet. Keep {facts}?",
                      facts=facts)
    offer = Reply(text, buttons=[[Button(turn._("Keep them"), Onboard("keep", "yes").encode()),
                                  Button(turn._("Don't keep"), Onboard("keep", "no").encode())]])
    return [offer] if alone or step is None else [offer, _ask(turn, step.key, data)]


def _keep(turn: Turn, data: dict, profile: dict, offered: dict, keep: bool) -> list[Reply]:
    """Yes: store the offered facts (checked again), then the question still open; No: drop them."""
    data.pop("offered", None)
    data["offer_open"] = False
    if not keep:
        _save(turn, repos.users.get_dialogue(turn.s, turn.user.id).step, data)
        return ask_next(turn, [Reply(turn._("OK, I did not save it."))])
    good, errors = merge_fields(offered, profile)
    profile.update(good)  # offered lists are whole (see _offer)
    _save(turn, repos.users.get_dialogue(turn.s, turn.user.id).step, data)
    replies = [Reply(_not_saved(turn, e, bool(good))) for e in errors]
    if good:
        replies.append(Reply(turn._("Saved: {facts}.", facts=facts_text(turn, good))))
    return ask_next(turn, replies)


def _facts(turn: Turn, key: str, text: str) -> dict[str, Any]:
    """Everything the rules — and the model, if any — read in the message (read_answer puts it in context)."""
    found = extract(text)
    if turn.agent is not None and len(text) > 24:  # the model may catch what rules missed
        for k, v in (turn.agent.extract_fields(turn.user, text) or {}).items():
            found.setdefault(k, v)
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
    if cb.key == "keep":
        if not data.get("offered"):
            return [Reply(turn._("That button has expired."))]
        return _keep(turn, data, profile, data["offered"], cb.value == "yes")
    data["offer_open"] = False  # a button answers the question; the offer stays open for its own Yes / No
    for k in owned(cb.key) if cb.key not in ("skip", "eq") else ():
        (data.get("offered") or {}).pop(k, None)
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

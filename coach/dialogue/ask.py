"""Free text outside a question: what the message is (coach.intake.intent), then the feature that owns it.

Questions, hypotheticals and small talk never change stored data. A fact about oneself is shown and saved only on
Yes (coach.dialogue.confirm). Feedback, readings and set logs go to the log and readings features, settings asked
for in words to settings, how-to questions to the catalog, everything else to the model (if configured) or the
best knowledge passage. A message in the other language is answered in that language, with an offer to switch.
"""
from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from coach.agent.fallback import injury_note
from coach.dialogue import checkin, clearance, confirm, howto, log, onboarding, readiness, readings, safety, settings
from coach.dialogue import changes, effort, privacy, short_session, swap, unclear, weight_meant
from coach.dialogue import plan as plan_feature
from coach.dialogue.today import today_cmd
from coach.dialogue.callbacks import Lang
from coach.dialogue.router import router
from coach.dialogue.turn import Turn
from coach.domain.limits import BP_RED_FLAG, bp_reaches
from coach.events import Button, Reply
from coach.i18n import N_, t
from coach.intake import changes as told
from coach.intake.amend import further_change_kg, unit_meant
from coach.intake.complaints import body_complaint
from coach.intake.intent import Understanding, classify
from coach.intake.intent_exercises import find_exercise
from coach.intake.intent_values import fact_values, reading_values
from coach.intake.mentions import asks_about_red_flag
from coach.intake.others import about_someone_else, told_past, normal_soreness, someone_else_unwell
from coach.intake.readiness import asks_readiness
from coach.intake.short_time import short_on_time
from coach.intake.swap_request import swap_request
from coach.services.knowledge_query import search_text
from coach.services.passage_fit import ordered
from coach.services.profiles import profile_of
from storage import repos

log_ = logging.getLogger(__name__)

# hybrid scores (cosine + language bonus) of off-topic messages stay below this on the evaluation set
ANSWER_MIN_SCORE = 0.945
MIN_CONFIDENCE = 0.4  # below this the message is answered as a question (which changes nothing)
_HELLO = N_("Hi! Ask me anything about your training, or try /today or /help.")
_THANKS = N_("You're welcome! Keep it up.")
_OK = N_("👍")
SMALL_TALK = {"hi": _HELLO, "hello": _HELLO, "hey": _HELLO, "你好": _HELLO, "thanks": _THANKS, "thank you": _THANKS,
              "ok thanks": _THANKS, "谢谢": _THANKS, "ok": _OK, "好的": _OK}
_THANKS_RX = re.compile(r"thank|thx|ty\b|cheers|appreciate|谢|感谢", re.I)
_HELLO_RX = re.compile(r"^\s*(?:hi|hello|hey|yo|good\s+(?:morning|evening|afternoon)|你好|早|嗨|哈喽|晚上好)", re.I)
_ACK_RX = re.compile(r"^(?:ok(?:ay)?|k|cool|nice|great|lol|haha|got\s+it|sure|yes|yep|alright|awesome|good|bye|"
                     r"see\s+you|night|you'?re\s+the\s+best|love\s+it)\b|哈|嗯|好|哦|噢|喔|收到|晚安|再见|棒|厉害|了解|知道了", re.I)
_GOOD_RX = re.compile(r"(?<![a-z])(?:feel(?:ing)?|i'?m|i\s+am)\s+(?:so\s+|really\s+|very\s+)?(?:great|good|awesome|amazing|"
                      r"strong|energi[sz]ed|energetic|fantastic|fresh|motivated|pumped)(?![a-z])|感觉(?:很|非常|特别)?(?:好|棒|不错)|"
                      r"状态(?:很|非常)?(?:好|不错)|精神(?:很)?好", re.I)
_WORDS = re.compile(r"[A-Za-z]{3,}|[\u4e00-\u9fff]{2,}")
_ASKED = re.compile(r"[?？]|吗|什么|怎么|能不能|可不可以|哪些|(?<![a-z])(?:can|could|should|is|are|do|does|what|how|which)(?![a-z])", re.I)
SWITCH_OFFER = {"zh": N_("Shall I switch to Chinese?"), "en": N_("Shall I switch to English?")}
SWITCH_LABEL = {"zh": "切换到中文", "en": "Switch to English"}


@dataclass
class LangTurn(Turn):
    """The same turn, replying in the language the message was written in."""

    reply_lang: str = ""

    @property
    def lang(self) -> str:
        return self.reply_lang or self.user.language

    def _(self, msgid: str, **kw: Any) -> str:
        return t(self.lang, msgid, **kw)


def in_language(turn: Turn, lang: str) -> Turn:
    if not lang or lang == turn.lang:
        return turn
    return LangTurn(turn.s, turn.user, turn.clock, turn.agent, turn.notifier, turn.container, misses=turn.misses,
                    reply_lang=lang)


def free_text(turn: Turn, text: str) -> list[Reply]:
    """Typed text with no question open."""
    if profile_of(turn.s, turn.user) is None:
        state = repos.users.get_dialogue(turn.s, turn.user.id)
        if state.flow == "paused_onboarding":
            repos.users.set_dialogue(turn.s, turn.user.id, flow="onboarding", step=state.step, data=state.data)
            return onboarding.answer(turn, text) or answer(turn, text) + onboarding.reask(turn)
        if state.flow == "onboarding":  # a question typed mid-onboarding: answered, then the open question again
            return answer(turn, text) + onboarding.reask(turn)
        return onboarding.resume(turn)
    cleared = clearance.in_words(turn, text)
    if cleared is not None:
        return cleared
    state = repos.users.get_dialogue(turn.s, turn.user.id)
    if state.flow == "checkin":  # a message typed mid-check-in: read as any, then the open question again
        step, data = state.step, dict(state.data or {})  # (copies: the row may change under the turn)
        replies = _understood(turn, text)
        after = repos.users.get_dialogue(turn.s, turn.user.id)
        if after.flow == "idle" and step in checkin.QUESTIONS:  # "my knee hurts" logged: the check-in goes on
            repos.users.set_dialogue(turn.s, turn.user.id, flow="checkin", step=step, data=data)
            after = repos.users.get_dialogue(turn.s, turn.user.id)
        if after.flow == "checkin" and after.step == step and step in checkin.QUESTIONS:
            replies.append(checkin.question(turn, step))
        return replies
    return unclear.first(turn, text) or _understood(turn, text)


def _understood(turn: Turn, text: str) -> list[Reply]:
    understood = classify(text, today=turn.today())
    speaking = in_language(turn, understood.lang)
    replies = dispatch(speaking, text, understood)
    if speaking is not turn and understood.intent != "settings":
        lang = speaking.lang
        replies.append(Reply(t(lang, SWITCH_OFFER[lang]), buttons=[[Button(SWITCH_LABEL[lang], Lang(lang).encode())]]))
    return replies


def dispatch(turn: Turn, text: str, u: Understanding) -> list[Reply]:
    """The feature that owns this intent; a question (which changes nothing) when unsure or nothing was read."""
    log_.debug("intent %s %.2f %s", u.intent, u.confidence, u.scores)
    intent, values = u.intent, u.values
    sure = max(u.scores.values(), default=u.confidence)  # a runner-up chosen for its values keeps the top's certainty
    if sure < MIN_CONFIDENCE and intent not in ("smalltalk", "safety", "howto"):
        intent = "question"
    out = _by_rule(turn, text, intent)
    if out is None and values.get("wants"):  # "can we make it easier?": the plan's effort (coach.dialogue.effort)
        out = effort.answer(turn, values)
    elif out is not None:
        pass
    elif (bp := _bp(text, values)) and (intent == "safety" or told.bp_emergency_words(text) or _crisis(bp)) \
            and not about_someone_else(text) and not told_past(text):
        out = changes.bp_reading(turn, text, {**_metrics(values), **bp})  # "BP 190/115 and a headache"
    elif intent == "safety" and values.get("symptoms"):
        out = safety.red_flag(turn, values["symptoms"])
    elif normal_soreness(text) and u.intent in SORENESS_INTENTS and values.get("status") in (None, "pain"):
        out = soreness(turn)
    elif intent == "smalltalk":
        reply = small_talk(turn, text)
        out = [reply] if reply else None
    elif intent == "howto":  # "how do I breathe when lifting" names no exercise: a passage, if one fits
        named = values.get("exercise") or howto.VIDEO.search(text)
        out = howto.answer(turn, text, values.get("exercise")) if named else \
            _passage(turn, text) or howto.answer(turn, text, None)
    elif intent == "feedback" and values.get("state_only"):  # how they feel, not how a session went
        out = [Reply(turn._("Thanks for telling me; nothing was logged."))] + readiness.answer(turn)
    elif intent == "feedback" and values.get("pain_denied") and not values.get("status"):
        out = [Reply(turn._("Good to hear there is no pain. Nothing was logged; write \"done\" when you have trained."))]
    elif intent == "feedback":
        day = turn.today() - timedelta(days=int(values["days_ago"])) if values.get("days_ago") else None
        out = log.typed_feedback(turn, values.get("status", "done"), body_part=values.get("body_part"),
                                 exercise=values.get("exercise"), day=day,
                                 rpe=log.rpe_in(text)) + changes.healed_too(turn, text, values)
    elif intent in ("fact", "reading", "correction") and (other := changes.not_theirs(turn, text, intent, bool(_metrics(values)))):
        out = other
    elif intent == "reading" and set(values) == {"weight_kg"} and weight_meant.by_words(text):
        out = weight_meant.bare(turn, text, float(values["weight_kg"]))  # "75 kg": now or a target? asked first
    elif intent == "reading" and values.get("unnamed"):
        out = [Reply(turn._("I see a number but not what it measures. Send it like \"weight 72.5 kg\" or "
                            "\"resting heart rate 60\"."))]
    elif intent == "reading" and _metrics(values):
        out = readings.typed_reading(turn, _metrics(values))
    elif intent == "correction" and "weight_kg" in values and find_exercise(text, fuzzy=False):
        out = [Reply(turn._("That sounds like a correction to a lifted weight, not your body weight, so I left your "
                            "body weight as it was. Log the set again with the right weight, e.g. \"bench 3x8 72.5 kg\"."))]
    elif intent == "correction":
        out = readings.correct_last(turn, _metrics(values), text) if _metrics(values) else confirm.propose(turn, values)
    elif intent == "set_log":
        out = log.set_log_text(turn, text)
    elif intent == "settings":
        out = settings.in_words(turn, values)
    elif intent == "fact" and values.get("injury_improving") and set(values) == {"injury_improving"}:
        out = [changes.improving(turn, values["injury_improving"])]
    elif intent == "fact" and values.get("condition_add") and told.hedged(text):  # "I might have high BP"
        out = changes.suspected(turn, values)
    elif intent == "fact":
        out = confirm.propose(turn, values)
    return out if out else answer(turn, text)


def _by_rule(turn: Turn, text: str, intent: str) -> list[Reply] | None:
    """What rules recognise before the intent: someone else's illness, a question about a symptom, a swap, short on
    time today, "is it ok to train today?"."""
    if someone_else_unwell(text):  # "my son has a fever", "我妈膝盖疼": not their body, nothing to log or stop
        return [Reply(turn._("Sorry to hear that, I hope they feel better soon. I only track your own training, so "
                             "nothing was changed; if it is serious, they should see a doctor."))]
    if asks_about_red_flag(text):  # "what if the chest pain comes back?": advice, no stop on the profile
        return safety.symptom_question(turn)
    prof = profile_of(turn.s, turn.user)
    health = _health_by_rule(turn, text, prof)
    if health is not None or intent == "safety":
        return health
    if told.asks_delete(text) or told.asks_data_access(text):  # "delete my data", "who can see my data?"
        return privacy.in_words(turn, told.asks_delete(text))
    unit = unit_meant(text)  # "oops I meant pounds" after a weight was stored: converted, proposed for Yes
    if unit is not None:
        return readings.unit_fix(turn, unit)
    day = told.asked_day(text, turn.today())  # "what's my plan for tomorrow?", "今天练什么" (never a log)
    if day is not None:
        return today_cmd(turn, "") if day == turn.today() else changes.day_session(turn, day)
    further = further_change_kg(text)  # "lose 5 more kg", "再减5公斤": a target from today's weight, for Yes
    if further is not None and not about_someone_else(text):
        return changes.further_target(turn, further)
    target_q = told.asks_target(text)  # "is 72 kg a realistic target?": the time it takes at a safe pace
    if target_q is not None:
        return changes.target_check(turn, target_q)
    if told.asks_why_plan(text):  # "why is my plan so easy?": the plan's own reasons
        return plan_feature.why(turn, "")
    delta = told.weight_change_kg(text)  # "I'm 2 kg lighter than last month": the new weight, saved on Yes
    if delta is not None and not about_someone_else(text):
        return changes.weight_change(turn, delta)
    if told.asks_move(text):  # "move today's session to friday": nothing logged (never "done")
        return changes.move_asked(turn)
    if told.away(text) and intent != "set_log":  # "going on holiday for 2 weeks": a pause offered, not a target
        return changes.away(turn, text)
    if intent in ("set_log", "reading"):
        return None
    if told.no_equipment(text):  # "我家里没有器械": bodyweight only, proposed for Yes
        have = (prof.equipment if prof is not None else None) or []
        return confirm.propose(turn, {"equipment_remove": list(have)}) if have else \
            [Reply(turn._("Your plan already uses no equipment: bodyweight only."))]
    only = fact_values(text, today=turn.today()).get("equipment_only") if intent != "fact" and not _ASKED.search(text) \
        else None
    if only:  # "只剩下弹力带了" read as how they feel: the equipment replaced, proposed for Yes
        return confirm.propose(turn, {"equipment_only": only})
    if told.change_request(text) and (asked := _profile_values(fact_values(text, today=turn.today()))):
        return confirm.propose(turn, asked)  # "能不能把训练改成每周4天": proposed for Yes
    length = told.session_length_change(text)  # "make the sessions 30 minutes": proposed for Yes
    if length is not None:
        return changes.session_length(turn, length)
    req = swap_request(text)  # "can I swap squats for leg press?": checked against the plan, stored only on Yes
    swapped = swap.answer(turn, req) if req is not None else None
    if swapped is not None:
        return swapped
    short = short_on_time(text)  # "I only have 20 minutes today": today's session in that time
    if short is not None:
        return short_session.answer(turn, short)
    if asks_readiness(text) and intent != "settings":  # "is it ok to train today?": from their state
        return readiness.answer(turn)
    return None


def _health_by_rule(turn: Turn, text: str, prof: Any) -> list[Reply] | None:
    """Health told in words that needs its own answer whatever the intent: a pregnancy warning sign, a racing pulse
    at rest, a glucose before exercise, being ill."""
    if sore := body_complaint(text):  # "left shoulder is a bit cranky": an injury to plan around, for Yes
        return confirm.propose(turn, {"injury_add": sore})
    warn = told.pregnancy_warnings(text) if prof is not None and "pregnancy" in (prof.conditions or []) else []
    if warn:  # "had some bleeding this morning" at 24 weeks: the maternity team today
        return changes.pregnancy_warning(turn, warn)
    breath = safety.exertion_breath(turn, text, [])  # "爬坡有点喘" (no red-flag word): the same advice
    if breath is not None:
        return breath
    if told.racing_at_rest(text) and not about_someone_else(text):  # "坐着不动心跳150": stop and seek care
        return safety.red_flag(turn, ["palpitations"])
    sugar = told.glucose_mmol(text)  # "运动前血糖3.5可以练吗": what the glucose rules say for that value
    if sugar is not None:
        return changes.glucose(turn, sugar)
    if told.unwell(text):  # "I'm sick with a cold", "我感冒了，还能练吗": the illness advice (never "go ahead")
        return _passage(turn, search_text(text)) or [Reply(turn._(_UNWELL))]
    return None


_UNWELL = N_("Sorry you're unwell. With a fever, body aches or feeling generally unwell, rest until you have recovered; "
             "with mild symptoms above the neck only, keep any activity light. Then come back below your usual level "
             "and build up over a few sessions.")
SORENESS_INTENTS = ("feedback", "fact", "safety", "smalltalk")
SORENESS_SEARCH = {"en": "sore muscles after training (DOMS)", "zh": "训练后肌肉酸痛 DOMS"}


def soreness(turn: Turn) -> list[Reply]:
    """Normal muscle soreness ("legs sore from yesterday", "腿还酸着"): nothing logged, the soreness passage."""
    head = Reply(turn._("That sounds like normal muscle soreness after training, not an injury: nothing was logged as "
                        "pain. If a pain is sharp, in a joint or swollen, tell me where it hurts."))
    return [head] + (_passage(turn, SORENESS_SEARCH.get(turn.lang, SORENESS_SEARCH["en"])) or [])


METRICS = ("weight_kg", "resting_hr", "bp_systolic", "bp_diastolic", "sleep_hours", "body_fat_pct", "steps")


def _metrics(values: dict) -> dict:
    return {k: v for k, v in values.items() if k in METRICS}


PROPOSABLE = ("days_per_week", "minutes_per_session", "goal", "target_weight_kg", "target_weeks", "experience")


def _profile_values(values: dict) -> dict:
    """The plan settings a change request names (never a reading: "change my weight to 70" is a target or a typo)."""
    return {k: v for k, v in values.items() if k in PROPOSABLE}


def _crisis(bp: dict) -> bool:
    return bp_reaches(bp.get("bp_systolic"), bp.get("bp_diastolic"), BP_RED_FLAG)


def _bp(text: str, values: dict) -> dict:
    """The blood pressure a reading or a safety report carries ({} when none)."""
    found = values if "bp_systolic" in values else reading_values(text)
    return {k: found[k] for k in ("bp_systolic", "bp_diastolic") if found.get(k) is not None} \
        if found.get("bp_systolic") and found.get("bp_diastolic") else {}


def small_talk(turn: Turn, text: str) -> Reply | None:
    low = text.lower().strip(" !.?。！？")
    if low in SMALL_TALK:
        return Reply(turn._(SMALL_TALK[low]))
    if _GOOD_RX.search(low):
        return Reply(turn._("Great to hear! A good day for your session: /today shows it."))
    if _THANKS_RX.search(low):
        return Reply(turn._(_THANKS))
    if _HELLO_RX.search(low):
        return Reply(turn._(_HELLO))
    if _ACK_RX.search(low) or not _WORDS.search(low):
        return Reply(turn._(_OK))
    return None


def answer(turn: Turn, text: str) -> list[Reply]:
    """A question: the model's answer when configured, else the best knowledge passage. Never changes data.
    Short on time today is answered from the plan (mid-onboarding: how to shorten a session), before any model."""
    short = short_on_time(text)
    if short is not None:
        return short_session.answer(turn, short)
    if turn.agent is not None:
        reply = turn.agent.answer(turn.s, turn.user, text)
        if reply is not None:
            return reply
    return [unclear.checked(turn, kb_answer(turn, text))]


def kb_answer(turn: Turn, text: str) -> Reply:
    """The deterministic answer: the best knowledge passage, quoted with its source."""
    low = text.lower().strip(" !.?。！？")
    if low in SMALL_TALK:
        return Reply(turn._(SMALL_TALK[low]))
    found = _passage(turn, text)
    if found is None:
        return Reply(turn._(unclear.NOT_SURE))
    return found[0]


def _passage(turn: Turn, text: str) -> list[Reply] | None:
    """The best passage for a question (searched with the passages' words for its everyday ones), or None."""
    try:
        hits = turn.container.retriever().search(search_text(text), k=6, language=turn.lang)
    except Exception:  # noqa: BLE001 - the index may be unavailable; people still get an answer
        log_.exception("knowledge search failed")
        hits = []
    prof = profile_of(turn.s, turn.user) if turn.s is not None else None  # the injuries, as the model is told them
    hits = ordered(hits, prof, text, ANSWER_MIN_SCORE)[:3]  # a passage for another group of people comes last
    if not hits or hits[0].score < ANSWER_MIN_SCORE or not _WORDS.search(text):
        return None
    top = hits[0].passage
    body = top.text if len(top.text) <= 900 else top.text[:900].rsplit(" ", 1)[0] + "…"
    more = ", ".join(h.passage.id for h in hits[1:])
    note = injury_note(prof.injuries if prof is not None else None, text, turn.lang)
    out = f"{top.title}\n\n{body}\n\n" + (f"{note}\n\n" if note else "") + turn._("Source: {source} [{id}]",
                                                                                   source=top.source, id=top.id)
    if more:
        out += "\n" + turn._("Related: {ids}", ids=more)
    return [Reply(out)]


@router.flow("confirm")
def confirm_typed(turn: Turn, text: str, data: dict, step: str) -> list[Reply]:
    """A typed answer to "Save?": yes or no decides; anything else, or any answer after half an hour, drops the
    proposal and is read afresh."""
    if data.get("lighter"):  # "Make the next 7 days lighter?": a typed yes acts like the button
        return effort.typed(turn, text, data, free_text)
    if "weight_meant" in data and (chosen := weight_meant.answered(turn, text, data)) is not None:
        return chosen  # "now" / "target" / "neither" to "Is 75 kg your weight now, or a target?"
    unit = unit_meant(text)  # "sorry, that was in lbs": the proposal again, its weights in that unit
    if unit is not None and not confirm.stale(turn, data):
        fixed = confirm.in_unit(turn, data, unit)
        if fixed is not None:
            return fixed
    yes = confirm.typed_answer(text)
    if yes is not None and confirm.stale(turn, data):
        repos.users.set_dialogue(turn.s, turn.user.id, flow="idle")
        return [Reply(turn._("That change was proposed a while ago, so I left your profile as it was. Tell me again "
                             "if you still want it."))]
    if yes is not None:
        return confirm.decide(turn, yes, data)
    repos.users.set_dialogue(turn.s, turn.user.id, flow="idle")
    return free_text(turn, text)

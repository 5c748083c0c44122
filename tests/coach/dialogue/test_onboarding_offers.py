"""Onboarding typed like a person (issue #13, an outside tester's open items): values said out of turn gather in one
pending offer that later answers keep open; "/plan" re-asks the open question; skips in words; questions typed
mid-onboarding are answered; a blood pressure at the heart-rate question; experience in words."""
from __future__ import annotations

from datetime import date, datetime, timezone

import pytest

from coach.dialogue import Coach
from coach.dialogue.steps import STEPS
from coach.events import Incoming
from coach.intake.answers import reply_yes_no
from coach.intake.intent_answers import owned
from coach.services.clock import utcnow
from storage import repos
from tests.coach.dialogue.support import buttons_of, text_of
from tests.coach.dialogue.test_understanding_eval import ONBOARDING_SO_FAR
from tests.factories import make_user

NOW = datetime(2026, 3, 2, 18, 0, tzinfo=timezone.utc)


@pytest.fixture
def coach(container):
    return Coach(container, clock=lambda: NOW)


def _fields(step: str) -> tuple[str, ...]:
    return ("bp_systolic", "bp_diastolic") if step == "bp" else owned(step)


def at_step(container, key: str, step: str, *, lang: str = "en") -> None:
    """A person in onboarding, asked `step`, every earlier question answered."""
    before = [s.key for s in STEPS[:[s.key for s in STEPS].index(step)]]
    so_far = {k: v for k, v in ONBOARDING_SO_FAR.items() if any(k in _fields(b) for b in before)}
    with container.session() as s:
        user, _ = repos.users.get_or_create_user(s, key, channel="telegram", chat_id=int(key[3:]), language=lang)
        repos.users.update_user(s, user, consent_version="test", consent_at=utcnow())
        repos.users.set_dialogue(s, user.id, flow="onboarding", step=step, data={"profile": so_far, "skipped": []})


def typed(coach, key: str, text: str | None = None, callback: str | None = None) -> list:
    return coach.handle(Incoming(user_key=key, chat_id=int(key[3:]), text=text, callback=callback))


def stored(container, key: str) -> dict:
    with container.session() as s:
        return dict(repos.profiles.current_profile(s, repos.users.find_user(s, key).id).data["profile"])


def state(container, key: str) -> tuple[str, dict, dict]:
    with container.session() as s:
        st = repos.users.get_dialogue(s, repos.users.find_user(s, key).id)
        data = dict(st.data or {})
        return st.step, dict(data.get("profile", {})), data


# --------------------------------------------------------------------------- 1. one pending offer, kept open

@pytest.mark.parametrize("first, second, no, lang", [
    ("3 days, 40 minutes", "130/85", "don't keep", "en"),
    ("3天，每次40分钟", "130/85", "不要保存", "zh"),
])
def test_out_of_turn_values_gather_in_one_offer_and_no_keeps_none(coach, container, first, second, no, lang):
    at_step(container, "tg:201", "resting_hr", lang=lang)
    out = typed(coach, "tg:201", first)
    assert "ob:keep:yes" in buttons_of(out) and "3" in text_of(out) and "40" in text_of(out)
    out = typed(coach, "tg:201", second)
    assert len([r for r in out if "ob:keep:yes" in buttons_of([r])]) == 1  # one offer, holding all three values
    assert all(w in text_of(out) for w in ("130/85", "40", "3"))
    step, prof, data = state(container, "tg:201")
    assert data["offered"] == {"days_per_week": 3, "minutes_per_session": 40, "bp_systolic": 130, "bp_diastolic": 85}
    assert step == "resting_hr" and not {"days_per_week", "minutes_per_session", "resting_hr", "bp_systolic"} & set(prof)
    out = typed(coach, "tg:201", no)
    step, prof, data = state(container, "tg:201")
    assert not data.get("offered") and "days_per_week" not in prof and "bp_systolic" not in prof
    assert step == "resting_hr" and ("did not save" in text_of(out) or "没有保存" in text_of(out))


def test_the_newest_value_of_a_field_wins_in_the_offer(coach, container):
    at_step(container, "tg:202", "resting_hr")
    typed(coach, "tg:202", "130/85")
    out = typed(coach, "tg:202", "sorry, my blood pressure is 135/88")
    assert "135/88" in text_of(out) and "130/85" not in text_of(out)
    assert state(container, "tg:202")[2]["offered"] == {"bp_systolic": 135, "bp_diastolic": 88}


def test_an_answer_keeps_the_offer_open_and_a_later_yes_saves_it(coach, container):
    at_step(container, "tg:203", "weight_kg")
    typed(coach, "tg:203", "I sleep about 7 hours")
    out = typed(coach, "tg:203", "80 kg")  # answers the question asked; the sleep offer stays open
    step, prof, data = state(container, "tg:203")
    assert prof["weight_kg"] == 80 and data["offered"] == {"sleep_hours": 7} and "sleep_hours" not in prof
    assert step == "resting_hr" and "resting heart rate" in text_of(out)
    typed(coach, "tg:203", "yes")  # "yes" cannot answer the heart-rate question: it keeps the offer
    step, prof, data = state(container, "tg:203")
    assert prof["sleep_hours"] == 7 and "resting_hr" not in prof and step == "resting_hr"


def test_a_button_answer_keeps_the_offer_and_its_own_yes_button_works(coach, container):
    at_step(container, "tg:204", "minutes_per_session")
    typed(coach, "tg:204", "I sleep about 6 hours")
    typed(coach, "tg:204", callback="ob:minutes_per_session:45")
    out = typed(coach, "tg:204", callback="ob:keep:yes")
    step, prof, _ = state(container, "tg:204")
    assert prof["minutes_per_session"] == 45 and prof["sleep_hours"] == 6 and "expired" not in text_of(out)


def test_an_open_offer_is_asked_again_before_its_own_question_and_before_the_plan(coach, container):
    at_step(container, "tg:205", "resting_hr")
    typed(coach, "tg:205", "I sleep 6 hours")
    typed(coach, "tg:205", "60")  # answered; bp, body fat next (no offer of theirs)
    typed(coach, "tg:205", "skip")
    out = typed(coach, "tg:205", "skip")  # the sleep question comes: the pending offer is asked instead
    assert "ob:keep:yes" in buttons_of(out) and "6" in text_of(out)
    step, prof, _ = state(container, "tg:205")
    assert "sleep_hours" not in prof
    typed(coach, "tg:205", callback="ob:keep:yes")
    assert state(container, "tg:205")[1]["sleep_hours"] == 6


# --------------------------------------------------------------------------- 2. /plan mid-onboarding

@pytest.mark.parametrize("lang, first, welcome", [("en", "Let's finish your profile first.", "Welcome back"),
                                                  ("zh", "我们先把你的资料填完吧。", "欢迎回来")])
def test_plan_mid_onboarding_re_asks_the_open_question_without_welcome_back(coach, container, lang, first, welcome):
    at_step(container, "tg:206", "height_cm", lang=lang)
    out = text_of(typed(coach, "tg:206", "/plan"))
    assert out.startswith(first) and welcome not in out
    assert ("How tall are you?" if lang == "en" else "身高") in out
    assert state(container, "tg:206")[0] == "height_cm"


# --------------------------------------------------------------------------- 4. skips in words; "no symptoms"

@pytest.mark.parametrize("step, text, lang", [("bp", "no idea, skip", "en"), ("bp", "不知道，跳过", "zh"),
                                              ("body_fat_pct", "no idea skip", "en"), ("sleep_hours", "不清楚，跳过吧", "zh")])
def test_a_skip_in_words_skips_an_optional_question(coach, container, step, text, lang):
    at_step(container, "tg:207", step, lang=lang)
    typed(coach, "tg:207", text)
    now, prof, data = state(container, "tg:207")
    assert step in data["skipped"] and now != step


@pytest.mark.parametrize("text, lang", [("no symptoms 没有", "en"), ("no pain", "en"), ("没有症状", "zh")])
def test_no_about_something_else_does_not_answer_the_activity_question(coach, container, text, lang):
    at_step(container, "tg:208", "currently_active", lang=lang)
    out = typed(coach, "tg:208", text)
    step, prof, _ = state(container, "tg:208")
    assert "currently_active" not in prof and step == "currently_active"
    assert "yes or no" in text_of(out) or "是”或“否" in text_of(out)  # (Chinese in the message: a Chinese reply)


# --------------------------------------------------------------------------- 5. questions mid-onboarding

@pytest.mark.parametrize("step, text, lang, asked", [
    ("resting_hr", "what is a good resting heart rate?", "en", "resting heart rate"),
    ("resting_hr", "静息心率多少正常？", "zh", "静息心率"),
    ("reminder", "what time is best to train?", "en", "When should I send"),
    ("goal", "how many days a week should I lift?", "en", "main goal"),
])
def test_a_question_mid_onboarding_is_answered_then_the_question_asked_again(coach, container, step, text, lang, asked):
    at_step(container, "tg:209", step, lang=lang)
    before = state(container, "tg:209")[1]
    out = typed(coach, "tg:209", text)
    now, prof, data = state(container, "tg:209")
    assert len(out) >= 2 and asked in out[-1].text and prof == before and now == step and not data.get("offered")
    assert "Welcome back" not in text_of(out) and "didn't catch" not in text_of(out)


# --------------------------------------------------------------------------- 6. a blood pressure at the heart-rate question

@pytest.mark.parametrize("text, lang", [("130/85", "en"), ("130/85 I think", "en"), ("血压130/85", "zh")])
def test_a_blood_pressure_at_the_heart_rate_question_is_offered_as_blood_pressure(coach, container, text, lang):
    at_step(container, "tg:210", "resting_hr", lang=lang)
    out = typed(coach, "tg:210", text)
    assert "130/85" in text_of(out) and "ob:keep:yes" in buttons_of(out)
    step, prof, _ = state(container, "tg:210")
    assert "resting_hr" not in prof and "bp_systolic" not in prof and step == "resting_hr"
    typed(coach, "tg:210", callback="ob:keep:yes")
    prof = state(container, "tg:210")[1]
    assert (prof["bp_systolic"], prof["bp_diastolic"]) == (130, 85) and "resting_hr" not in prof


# --------------------------------------------------------------------------- 7. experience in words

@pytest.mark.parametrize("text, level", [("some gym years ago", "beginner"), ("以前练过一点", "beginner"),
                                         ("lifting 4-5x a week for 3 years", "advanced")])
def test_experience_in_words_answers_the_experience_question(coach, container, text, level):
    at_step(container, "tg:211", "experience")
    typed(coach, "tg:211", text)
    step, prof, data = state(container, "tg:211")
    assert prof["experience"] == level and "equipment" not in prof and step != "experience"


def test_training_history_at_the_target_question_is_no_target(coach, container):
    at_step(container, "tg:212", "target")
    out = typed(coach, "tg:212", "lifting 4-5x a week for 3 years")
    step, prof, data = state(container, "tg:212")
    assert "target_weeks" not in prof and "target_weeks" not in (data.get("offered") or {})
    assert "target weeks" not in text_of(out) and step == "target"


# --------------------------------------------------------------------------- 3. removing list items by typing

@pytest.mark.parametrize("text, lang, field, left", [
    ("I no longer have knee pain", "en", "injuries", ["lower_back"]),
    ("my back is fine now", "en", "injuries", ["knee"]),
    ("我膝盖不疼了", "zh", "injuries", ["lower_back"]),
    ("我没有高血压了", "zh", "conditions", []),
])
def test_an_item_said_to_be_gone_is_offered_for_removal_and_removed_only_on_yes(coach, container, text, lang, field,
                                                                                left):
    make_user(container, "tg:213", chat_id=213, start=date(2026, 3, 2), language=lang,
              profile={"injuries": ["knee", "lower_back"], "conditions": ["hypertension"]})
    before = stored(container, "tg:213")
    out = typed(coach, "tg:213", text)
    assert any(b.startswith("cf:yes") for b in buttons_of(out)) and stored(container, "tg:213") == before
    typed(coach, "tg:213", "no")
    assert stored(container, "tg:213") == before
    typed(coach, "tg:213", text)
    out = typed(coach, "tg:213", "是" if lang == "zh" else "yes")
    assert "_" not in text_of(out[:1])  # "Updated: injuries → lower back", words, not codes
    after = stored(container, "tg:213")
    assert after[field] == left and {k: v for k, v in after.items() if k != field} == \
        {k: v for k, v in before.items() if k != field}


@pytest.mark.parametrize("text", ["is it ok to train if my knee no longer hurts?", "膝盖不疼了还要注意什么？",
                                  "what if my back is fine now, can I deadlift?"])
def test_a_question_about_an_item_being_gone_removes_nothing(coach, container, text):
    make_user(container, "tg:214", chat_id=214, start=date(2026, 3, 2),
              profile={"injuries": ["knee", "lower_back"]})
    before = stored(container, "tg:214")
    out = typed(coach, "tg:214", text)
    assert stored(container, "tg:214") == before and not any(b.startswith("cf:") for b in buttons_of(out))


def test_an_item_said_to_be_gone_mid_onboarding_leaves_only_that_item(coach, container):
    at_step(container, "tg:215", "currently_active")
    with container.session() as s:  # knee and lower back given earlier
        st = repos.users.get_dialogue(s, repos.users.find_user(s, "tg:215").id)
        data = dict(st.data)
        data["profile"] = {**data["profile"], "injuries": ["knee", "lower_back"]}
        repos.users.set_dialogue(s, st.user_id, flow="onboarding", step="currently_active", data=data)
    out = typed(coach, "tg:215", "my knee is fine now")
    assert "ob:keep:yes" in buttons_of(out) and state(container, "tg:215")[1]["injuries"] == ["knee", "lower_back"]
    typed(coach, "tg:215", "keep it")  # a plain "yes" now answers the active question asked again after the offer
    step, prof, _ = state(container, "tg:215")
    assert prof["injuries"] == ["lower_back"] and "currently_active" not in prof and step == "currently_active"


def test_an_answer_not_understood_at_a_choice_question_names_the_choices(coach, container):
    at_step(container, "tg:216", "experience")
    out = text_of(typed(coach, "tg:216", "hmm, hard to say really"))
    assert "Beginner, Intermediate, Advanced" in out and state(container, "tg:216")[0] == "experience"


def test_an_offer_open_when_all_is_answered_is_asked_before_the_plan_and_nothing_else_is_read(coach, container):
    at_step(container, "tg:217", "injuries")
    typed(coach, "tg:217", "I sleep 6 hours")  # sleep was answered (7): offered, not stored
    with container.session() as s:  # the reminder is set already: injuries is the last question
        st = repos.users.get_dialogue(s, repos.users.find_user(s, "tg:217").id)
        repos.users.set_dialogue(s, st.user_id, flow="onboarding", step="injuries",
                                 data={**st.data, "reminder_set": True})
    out = typed(coach, "tg:217", "none")
    assert "ob:keep:yes" in buttons_of(out) and "6" in text_of(out)
    out = typed(coach, "tg:217", "hmm")
    assert "ob:keep:yes" in buttons_of(out) and state(container, "tg:217")[1]["sleep_hours"] == 7
    out = typed(coach, "tg:217", "no")
    with container.session() as s:
        prof = repos.profiles.current_profile(s, repos.users.find_user(s, "tg:217").id).data["profile"]
    assert prof["sleep_hours"] == 7 and prof["injuries"] == []


@pytest.mark.parametrize("text, lang", [("is 80 too high for resting heart rate?", "en"), ("静息心率80正常吗？", "zh")])
def test_a_question_with_a_number_mid_onboarding_stores_nothing(coach, container, text, lang):
    at_step(container, "tg:218", "weight_kg", lang=lang)
    before = state(container, "tg:218")[1]
    out = typed(coach, "tg:218", text)
    step, prof, data = state(container, "tg:218")
    assert prof == before and step == "weight_kg" and not data.get("offered") and len(out) >= 2


@pytest.mark.parametrize("text, lang", [("amlodipine", "en"), ("I take lisinopril 10 mg", "en"), ("我在吃氨氯地平", "zh")])
def test_a_named_blood_pressure_medicine_answers_the_medications_question(coach, container, text, lang):
    at_step(container, "tg:219", "medications", lang=lang)
    typed(coach, "tg:219", text)
    step, prof, _ = state(container, "tg:219")
    assert prof["medications"] == ["antihypertensive"] and step != "medications"


# --------------------------------------------------------------------------- 8. out-of-turn target change, activity, no symptoms

@pytest.mark.parametrize("text, lang, target", [
    ("want to lose 5 kg in 12 weeks", "en", 70), ("想减肥，12周减5公斤", "zh", 70), ("12周减10斤", "zh", 70),
    ("I'd like to gain 3 kg", "en", 78), ("lose 11 lb", "en", 70),
])
def test_a_weight_change_said_out_of_turn_is_offered_as_a_target_weight(coach, container, text, lang, target):
    at_step(container, "tg:231", "bp", lang=lang)  # the weight (75 kg) is stored
    out = typed(coach, "tg:231", text)
    offered = state(container, "tg:231")[2]["offered"]
    assert "ob:keep:yes" in buttons_of(out) and offered["target_weight_kg"] == pytest.approx(target, abs=0.1)
    assert "target_delta_kg" not in offered
    typed(coach, "tg:231", callback="ob:keep:yes")
    assert state(container, "tg:231")[1]["target_weight_kg"] == pytest.approx(target, abs=0.1)


@pytest.mark.parametrize("text", ["want to lose 5 kg in 12 weeks", "想减肥，12周减5公斤"])
def test_a_weight_change_at_the_target_question_is_a_target_weight(coach, container, text):
    at_step(container, "tg:232", "target")
    typed(coach, "tg:232", text)
    prof = state(container, "tg:232")[1]
    assert prof["target_weight_kg"] == 70 and prof["target_weeks"] == 12


@pytest.mark.parametrize("text, lang", [("I walk a bit, so I guess I'm active", "en"), ("平时走走路，算是活动的吧", "zh")])
def test_being_active_said_out_of_turn_is_offered(coach, container, text, lang):
    at_step(container, "tg:233", "bp", lang=lang)
    out = typed(coach, "tg:233", text)
    assert "ob:keep:yes" in buttons_of(out) and state(container, "tg:233")[2]["offered"] == {"currently_active": True}


@pytest.mark.parametrize("text, lang, active", [("I walk a bit, so I guess I'm active", "en", True),
                                                ("平时走走路，算是活动的吧", "zh", True), ("不算活跃", "zh", False)])
def test_being_active_in_words_answers_the_activity_question(coach, container, text, lang, active):
    at_step(container, "tg:234", "currently_active", lang=lang)
    typed(coach, "tg:234", text)
    step, prof, _ = state(container, "tg:234")
    assert prof["currently_active"] is active and step != "currently_active"


@pytest.mark.parametrize("text, lang", [("no symptoms really", "en"), ("没有什么症状", "zh")])
def test_no_symptoms_said_out_of_turn_is_offered_as_none(coach, container, text, lang):
    at_step(container, "tg:235", "bp", lang=lang)
    out = typed(coach, "tg:235", text)
    step, prof, data = state(container, "tg:235")
    assert "ob:keep:yes" in buttons_of(out) and data["offered"] == {"symptoms": []}
    assert step == "bp" and "bp" not in data["skipped"] and "bp_systolic" not in prof
    typed(coach, "tg:235", callback="ob:keep:yes")
    assert state(container, "tg:235")[1]["symptoms"] == []


def test_no_symptoms_out_of_turn_never_offers_to_clear_a_recorded_red_flag(coach, container):
    at_step(container, "tg:236", "bp")
    with container.session() as s:
        user = repos.users.find_user(s, "tg:236")
        data = dict(repos.users.get_dialogue(s, user.id).data)
        data["profile"] = {**data["profile"], "symptoms": ["chest_pain"]}
        repos.users.set_dialogue(s, user.id, flow="onboarding", step="bp", data=data)
    typed(coach, "tg:236", "no symptoms really")
    typed(coach, "tg:236", "yes")
    assert state(container, "tg:236")[1]["symptoms"] == ["chest_pain"]


def test_a_fact_starting_with_have_while_an_offer_is_open_is_no_yes(coach, container):
    at_step(container, "tg:237", "bp", lang="zh")
    typed(coach, "tg:237", "没有什么症状")
    typed(coach, "tg:237", "有高血压，吃氨氯地平")  # "有" (have) opens a fact, it does not say yes to the offer
    step, prof, data = state(container, "tg:237")
    assert "symptoms" not in prof and data["offered"]["symptoms"] == []
    assert "hypertension" in data["offered"]["conditions"] and data["offered"]["medications"]


def test_likes_and_dislikes_said_out_of_turn_are_shown_in_words():
    """Preferences are a dict (likes / dislikes, from a model's extraction or the rules): the offer's text formatted
    them as a number and the turn crashed (TypeError)."""
    from coach.dialogue.onboarding import facts_text

    class _Turn:
        @staticmethod
        def _(msgid: str, **kw) -> str:  # noqa: ANN003
            return msgid.format(**kw) if kw else msgid

    text = facts_text(_Turn(), {"preferences": {"likes": ["swimming"], "dislikes": ["running"]}, "weight_kg": 80})
    assert "likes swimming; dislikes running" in text and "80 kg" in text


# --------------------------------------------------------------------------- 3. a sentence that starts with "no" is not a No

@pytest.mark.parametrize("lang, facts, said, kept", [
    ("en", "I have a bad knee, on amlodipine", "no chest pain or anything", "symptoms"),
    ("en", "dumbbells at home", "never really trained", "experience"),
    ("zh", "我膝盖不好，有高血压", "没有胸痛", None),
])
def test_a_no_that_carries_facts_does_not_drop_the_offer(coach, container, lang, facts, said, kept):
    """Found by typing: "no chest pain or anything" read as No to "Keep injuries knee, …?" and everything the person had
    said was dropped. It is read as what it says; the offer stays open and a later yes keeps all of it."""
    at_step(container, "tg:231", "resting_hr", lang=lang)
    typed(coach, "tg:231", facts)
    offered = dict(state(container, "tg:231")[2]["offered"])
    out = typed(coach, "tg:231", said)
    _step, prof, data = state(container, "tg:231")
    assert "I did not save it" not in text_of(out) and "好的，没有保存" not in text_of(out)  # the offer's No
    assert data.get("offered") and set(offered) <= set(data["offered"])
    if kept:
        assert kept in data["offered"]
    typed(coach, "tg:231", "yes" if lang == "en" else "好的")
    prof = state(container, "tg:231")[1]
    assert set(offered) <= set(prof)


def test_a_growing_offer_names_what_was_added_not_the_question_again(coach, container):
    at_step(container, "tg:232", "resting_hr")
    first = text_of(typed(coach, "tg:232", "3 days a week"))
    assert "I asked" in first
    out = text_of(typed(coach, "tg:232", "40 minutes each"))
    assert "I asked" not in out and out.startswith("Noted too: minutes per session 40")
    assert "days per week 3" in out  # the whole offer is still named


@pytest.mark.parametrize("text, expected", [
    ("yes", True), ("yes please save it", True), ("no, that's wrong", False), ("nope, not me", False),
    ("不用了，谢谢", False), ("好的，保存吧", True), ("no chest pain or anything", None), ("never really trained", None),
    ("yes I did my workout", None), ("no I meant 72", None), ("没有胸痛", None), ("有高血压", None),
])
def test_reply_yes_no_reads_only_replies(text, expected):
    assert reply_yes_no(text) is expected


@pytest.mark.parametrize("step, text, lang", [
    ("bp", "血压不知道", "zh"), ("bp", "I don't know my blood pressure", "en"), ("bp", "我没量过血压", "zh"),
    ("resting_hr", "no idea what my resting heart rate is", "en"), ("body_fat_pct", "体脂率不清楚", "zh"),
])
def test_a_skip_that_names_the_questions_topic_skips_it(coach, container, step, text, lang):
    """Found by typing: "血压不知道" at the blood-pressure question got "Sorry, I didn't catch that"."""
    at_step(container, "tg:233", step, lang=lang)
    typed(coach, "tg:233", text)
    st, prof, data = state(container, "tg:233")
    assert st != step and step in data["skipped"] and not set(_fields(step)) & set(prof)


@pytest.mark.parametrize("step, text, lang, asks", [
    ("medications", "yes", "en", "Which ones?"), ("conditions", "yes I do", "en", "Which ones?"),
    ("symptoms", "有", "zh", "哪些"),
])
def test_a_bare_yes_to_a_list_question_asks_which(coach, container, step, text, lang, asks):
    """Found by typing: "yes" to "Do you take any of these: …?" got "Sorry, I didn't catch that"."""
    at_step(container, "tg:234", step, lang=lang)
    out = text_of(typed(coach, "tg:234", text))
    st, prof, _data = state(container, "tg:234")
    assert asks in out and st == step and step not in prof

"""Free text typed after onboarding that told a change or asked about a coming day, and was misread before: a
holiday "for 2 weeks" proposed as a 2-week target, "what's my plan for tomorrow?" not understood, "I think I might
have high blood pressure" proposed as a diagnosis, "I'm 2 kg lighter than last month" not understood and "gained
... maybe 3 kg" refused as a 3 kg body weight, "aiming for 78 kg instead" taken as today's weight, "make the
sessions shorter, like 30 min" answered with a passage. Typed through the real Dialogue; storage compared."""
from __future__ import annotations

from datetime import date, timedelta

import pytest

from coach.dialogue import Coach
from coach.dialogue.changes import PauseFor
from coach.intake.changes import asked_day, away, hedged, session_length_change, weight_change_kg
from storage import repos
from tests.coach.dialogue.support import Clock, buttons_of, text_of
from tests.coach.dialogue.test_context_and_safety_questions import stored_profile, typed
from tests.factories import make_user

START = date(2026, 3, 2)  # a Monday


@pytest.fixture
def clock():
    c = Clock()
    c.day(3)  # Wednesday 4 March
    return c


@pytest.fixture
def coach(container, clock):
    return Coach(container, clock=clock)


def _user(container, key: str, **profile) -> None:
    make_user(container, key, start=START, chat_id=int(key[3:]), profile={"weight_kg": 80, "goal": "fat_loss",
                                                                          "target_weight_kg": 72, **profile})


def _weights(container, key: str) -> list[float]:
    with container.session() as s:
        return [r.value for r in repos.readings.metrics(s, repos.users.find_user(s, key).id, "weight")]


def _paused_days(container, key: str) -> list[date]:
    with container.session() as s:
        uid = repos.users.find_user(s, key).id
        return sorted({d.local_date for d in repos.deliveries.deliveries(s, user_id=uid) if d.status == "skipped"})


@pytest.mark.parametrize("text, delta", [
    ("I'm 2 kg lighter than last month", -2.0), ("lost another kilo this week!", -1.0),
    ("I gained weight over the holidays, maybe 3 kg", 3.0), ("down 1.5 kg since I started", -1.5),
    ("put on 4 lbs", 1.8), ("我比上个月轻了2公斤", -2.0), ("瘦了一斤", -0.5), ("最近重了2kg", 2.0)])
def test_a_weight_change_is_read_as_a_change(text, delta):
    assert weight_change_kg(text) == delta


@pytest.mark.parametrize("text", [
    "I want to lose 5 kg", "can I lose 2 kg a week?", "I did 5 kg more on squats", "I can do up to 5 kg dumbbells",
    "dropped 10 kg on the deadlift", "想瘦5公斤", "I'm 80 kg", "I lost 10 kg last year", "I used to be 5 kg lighter",
    "the bag was 2 kg heavier"])
def test_targets_loads_and_history_are_no_weight_change(text):
    assert weight_change_kg(text) is None


@pytest.mark.parametrize("text, new", [("I'm 2 kg lighter than last month", "78 kg"),
                                       ("I gained weight over the holidays, maybe 3 kg", "83 kg")])
def test_a_weight_change_becomes_todays_weight_only_on_yes(coach, container, text, new):
    _user(container, "tg:301")
    before = _weights(container, "tg:301")
    out = typed(coach, "tg:301", text)
    assert new in text_of(out) and "rdg:yes" in buttons_of(out)
    assert _weights(container, "tg:301") == before  # nothing stored yet
    typed(coach, "tg:301", callback="rdg:yes")
    assert _weights(container, "tg:301")[-1] == float(new.split()[0])


def test_someone_elses_weight_change_changes_nothing(coach, container):
    _user(container, "tg:302")
    out = text_of(typed(coach, "tg:302", "my friend lost 5 kg"))
    assert "someone else's" in out and _weights(container, "tg:302") == []


@pytest.mark.parametrize("text", ["I think I might have high blood pressure", "我可能有高血压",
                                  "maybe I have diabetes", "not sure if I have asthma"])
def test_a_suspected_condition_is_never_proposed(coach, container, text):
    _user(container, "tg:303")
    before = stored_profile(container, "tg:303")
    out = typed(coach, "tg:303", text)
    assert "Save?" not in text_of(out) and not [b for b in buttons_of(out) if b.startswith("cf:")]
    assert stored_profile(container, "tg:303") == before
    assert hedged(text)


def test_a_diagnosis_told_plainly_is_still_proposed(coach, container):
    _user(container, "tg:304")
    out = text_of(typed(coach, "tg:304", "I have high blood pressure"))
    assert "hypertension" in out and "Save?" in out


def test_a_holiday_offers_a_pause_and_never_a_target(coach, container, clock):
    _user(container, "tg:305")
    before = stored_profile(container, "tg:305")
    out = typed(coach, "tg:305", "I'm going on holiday for 2 weeks")
    assert "14 days" in text_of(out) and stored_profile(container, "tg:305") == before
    assert _paused_days(container, "tg:305") == []
    typed(coach, "tg:305", callback=PauseFor(14, "").encode())
    today = clock().date()
    assert _paused_days(container, "tg:305") == [today + timedelta(days=i) for i in range(14)]


def test_no_to_the_pause_offer_changes_nothing(coach, container):
    _user(container, "tg:306")
    typed(coach, "tg:306", "下周去旅游两周")
    assert "stay on" in text_of(typed(coach, "tg:306", callback=PauseFor(0, "").encode()))
    assert _paused_days(container, "tg:306") == []


@pytest.mark.parametrize("text, days", [("I'm going on holiday for 2 weeks", 14), ("下周去旅游两周", 14),
                                        ("away on a business trip for 5 days", 5)])
def test_the_offer_names_the_time_away(coach, container, text, days):
    _user(container, "tg:307")
    out = typed(coach, "tg:307", text)
    assert any(b.startswith(f"away:{days}:") for b in buttons_of(out)), text_of(out)
    assert away(text)


@pytest.mark.parametrize("raw", ["away:93:", "away:-1:", "away:7:2026-13-01", "away:7", "away:⑦:", "away:7:x" * 5])
def test_a_forged_pause_button_is_refused(raw):
    assert PauseFor.decode(raw) is None


def test_tomorrows_session_is_shown_from_the_plan(coach, container, clock):
    _user(container, "tg:308", days_per_week=6)
    day = clock().date() + timedelta(days=1)
    with container.session() as s:
        plan = repos.plans.active_plan(s, repos.users.find_user(s, "tg:308").id)
        from coach.services.plans import session_on
        expected = session_on(plan, day).session
    out = text_of(typed(coach, "tg:308", "what's my plan for tomorrow?"))
    assert expected is not None and f"{expected['minutes']} min" in out and out.startswith("Tomorrow")


@pytest.mark.parametrize("text, offset", [("what's my plan for tomorrow?", 1), ("明天练什么", 1), ("后天练啥", 2),
                                          ("what am I doing on Saturday?", 3), ("周五有训练吗", 2)])
def test_the_day_asked_about(text, offset):
    assert asked_day(text, date(2026, 3, 4)) == date(2026, 3, 4) + timedelta(days=offset)


@pytest.mark.parametrize("text", ["what did I do yesterday?", "tomorrow I will train", "what should I eat tomorrow?"])
def test_no_day_asked(text):
    assert asked_day(text, date(2026, 3, 4)) is None


def test_a_target_said_with_aiming_is_a_target_not_a_weight(coach, container):
    _user(container, "tg:309")
    out = text_of(typed(coach, "tg:309", "I'm thinking of aiming for 78 kg instead"))
    assert "target weight" in out and _weights(container, "tg:309") == []


def test_a_new_session_length_is_proposed_and_saved_on_yes(coach, container):
    _user(container, "tg:310", minutes_per_session=45)
    out = typed(coach, "tg:310", "can you make the sessions shorter, like 30 min?")
    assert "30" in text_of(out) and "Save?" in text_of(out)
    assert stored_profile(container, "tg:310")["minutes_per_session"] == 45
    typed(coach, "tg:310", "yes")
    assert stored_profile(container, "tg:310")["minutes_per_session"] == 30


@pytest.mark.parametrize("text, minutes, way", [("make my workouts longer", None, 1), ("以后每次练30分钟就好", 30, 0),
                                                ("I want shorter sessions", None, -1),
                                                ("I only have 20 minutes today", None, None)])
def test_session_length_requests(text, minutes, way):
    got = session_length_change(text)
    if way is None:
        assert got is None
    else:
        assert (got.minutes, got.direction if minutes is None else 0) == (minutes, way)


@pytest.mark.parametrize("text", ["BP 190/115 and a headache", "blood pressure 200/120, blurry vision",
                                  "血压190/115，头疼", "my blood pressure is 185/112 and I have a headache"])
def test_a_crisis_reading_with_symptoms_is_an_emergency_and_stops_the_plan(coach, container, text):
    _user(container, "tg:311")
    out = text_of(typed(coach, "tg:311", text))
    assert out.startswith("🚨") and ("emergency" in out or "急救" in out)
    assert "measure again" in out  # the plan's hard stop: re-measure after 5 minutes, how to resume
    profile = stored_profile(container, "tg:311")
    assert profile["bp_systolic"] >= 180 and profile["bp_diastolic"] >= 110
    from tests.coach.dialogue.test_context_and_safety_questions import hard_stop
    assert hard_stop(container, "tg:311")


def test_a_high_reading_with_a_headache_below_the_crisis_band_is_stored_without_alarm(coach, container):
    _user(container, "tg:312")
    out = text_of(typed(coach, "tg:312", "my bp is 150/95 and I have a headache"))
    assert "🚨" not in out and "150/95" in out
    assert stored_profile(container, "tg:312")["bp_systolic"] == 150


@pytest.mark.parametrize("text, title", [
    ("I'm sick with a cold", "cold"), ("我感冒了，还能练吗", "感冒"), ("I have the flu, can I train today?", "cold"),
    ("I think I pulled my hamstring", "strain"), ("我好像拉伤了大腿后侧", "拉伤"),
    ("my mum has diabetes, am I at risk?", "prevent type 2 diabetes")])
def test_illness_strains_and_family_history_get_their_passage(coach, container, text, title):
    _user(container, "tg:313")
    out = text_of(typed(coach, "tg:313", text))
    assert title in out.split("\n")[0], out[:200]
    assert "go ahead" not in out and "去练吧" not in out  # never "yes, train" to someone who is ill


def test_feeling_great_is_answered(coach, container):
    _user(container, "tg:314")
    assert "Great to hear" in text_of(typed(coach, "tg:314", "I feel great today!"))


@pytest.mark.parametrize("text", ["did the workout but skipped the last exercise", "最后一个动作没做",
                                  "missed one set of squats but otherwise fine"])
def test_part_of_a_session_left_out_is_a_session_done(text):
    from coach.intake.intent_values import feedback_values
    assert feedback_values(text)["status"] == "done"


@pytest.mark.parametrize("text, weeks", [("is 72 kg a realistic target?", "10-20 weeks"),
                                         ("how long will it take to lose 10 kg?", "13-25 weeks"),
                                         ("多久能减到65公斤", "19-38 周")])
def test_a_target_question_is_answered_with_the_safe_pace(coach, container, text, weeks):
    _user(container, "tg:315")
    before = stored_profile(container, "tg:315")
    out = text_of(typed(coach, "tg:315", text))
    assert weeks in out and "kb-weight-loss-001" in out
    assert stored_profile(container, "tg:315") == before


def test_an_underweight_target_is_not_planned_toward(coach, container):
    _user(container, "tg:316")
    out = text_of(typed(coach, "tg:316", "is 50 kg a realistic target?"))
    assert "underweight" in out and "kb-underweight-001" in out


def test_why_is_my_plan_so_easy_gives_the_plans_reasons(coach, container):
    _user(container, "tg:317")
    assert text_of(typed(coach, "tg:317", "why is my plan so easy?")).startswith("Why your plan looks like this")


def test_steps_typed_in_words_are_recorded(coach, container):
    _user(container, "tg:318")
    typed(coach, "tg:318", "I walked 12000 steps today")
    with container.session() as s:
        rows = repos.readings.metrics(s, repos.users.find_user(s, "tg:318").id, "steps")
    assert [r.value for r in rows] == [12000]


@pytest.mark.parametrize("text", ["能不能把训练改成每周4天", "can you change my training to 4 days a week?"])
def test_a_change_asked_as_a_question_is_proposed(coach, container, text):
    _user(container, "tg:319")
    out = typed(coach, "tg:319", text)
    assert any(b.startswith("cf:yes") for b in buttons_of(out)) and "4" in text_of(out)
    assert stored_profile(container, "tg:319")["days_per_week"] == 3


@pytest.mark.parametrize("text", ["我家里没有器械", "I have no equipment at home"])
def test_no_equipment_is_proposed_as_bodyweight_only(coach, container, text):
    _user(container, "tg:320", equipment=["dumbbells", "bands"])
    out = typed(coach, "tg:320", text)
    assert any(b.startswith("cf:yes") for b in buttons_of(out))
    typed(coach, "tg:320", "yes")
    assert stored_profile(container, "tg:320")["equipment"] == []


@pytest.mark.parametrize("text, says", [("我下个月要去出差一周", "7 天"),
                                        ("I am going on vacation next month for two weeks", "14 days")])
def test_time_away_that_starts_later_is_not_paused_from_today(coach, container, text, says):
    _user(container, "tg:321")
    out = typed(coach, "tg:321", text)
    assert says in text_of(out) and not buttons_of(out)
    assert _paused_days(container, "tg:321") == []


@pytest.mark.parametrize("text", ["going on vacation next month", "money is tight", "monthly check-in"])
def test_month_and_money_are_no_monday(text):
    from coach.intake.pause_dates import pause_window
    assert pause_window(text, date(2026, 3, 4)) is None

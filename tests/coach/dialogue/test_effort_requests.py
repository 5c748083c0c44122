"""Requests to change the plan's effort ("can we make the sessions a bit easier?", "step it up", "能不能轻松一点",
"加大强度") are read as {"wants": "lighter" | "harder"}, never as a log of today's session. Lighter is offered behind
Yes / No and on Yes the next seven days are lightened (an "asked_lighter" adjustment); harder changes nothing and
says how the plan steps up; pain still goes to pain; negations and reports stay what they were. Typed through the
real Dialogue (en and zh)."""
from __future__ import annotations

from datetime import date

import pytest

from coach.intake.intent import classify
from storage import repos
from tests.coach.dialogue.support import buttons_of, text_of
from tests.coach.dialogue.test_context_and_safety_questions import coach, typed  # noqa: F401
from tests.factories import make_user

LIGHTER = ["can we make the sessions a bit easier?", "make it easier", "less intense please", "can we tone it down",
           "lighter sessions please", "could you make my workouts lighter", "I'd like an easier week",
           "please ease off a bit", "dial it back please", "reduce the intensity", "can the plan be gentler?",
           "能不能轻松一点", "轻松一点", "降低强度", "简单一些", "训练能不能简单点", "强度降一点吧", "能不能降低一下难度",
           "我想练得轻松一点"]
HARDER = ["can you make my plan harder", "make it harder", "step it up", "more challenging please", "I want harder workouts",
          "push me harder", "let's kick it up a notch", "increase the intensity please", "can we up the intensity",
          "give me more of a challenge", "加大强度", "难一点", "提高强度吧", "能不能难一点", "强度大一点", "我想更有挑战",
          "训练再狠一点", "可以增加难度吗"]
NOT_REQUESTS = ["it's not too easy", "today was easier than last week", "too easy", "don't make it easier",
                "I don't want it any harder", "太轻松了", "感觉轻松一点了", "比昨天难一点", "不要降低强度",
                "if i was 10 kg lighter would you give me harder workouts", "I'm 2 kg lighter than last month",
                "it was a lot harder than I expected", "今天的强度太大了", "getting easier every week"]
PAIN = ["my knee hurts, can we make it easier?", "膝盖疼，能不能轻松一点", "my shoulder is painful, tone it down please"]
NOW_PROFILE = {"minutes_per_session": 45, "days_per_week": 3, "goal": "muscle_gain", "equipment": ["dumbbells", "bench"],
               "experience": "intermediate", "currently_active": True}


@pytest.mark.parametrize("text", LIGHTER)
def test_a_request_for_lighter_sessions_is_read_as_one(text):
    assert classify(text).values == {"wants": "lighter"}


@pytest.mark.parametrize("text", HARDER)
def test_a_request_for_harder_sessions_is_read_as_one(text):
    assert classify(text).values == {"wants": "harder"}


@pytest.mark.parametrize("text", NOT_REQUESTS + PAIN)
def test_reports_negations_hypotheticals_and_pain_are_no_request(text):
    assert "wants" not in classify(text).values


@pytest.mark.parametrize("text", ["it's not too easy", "the session was not too easy", "今天练得不轻松"])
def test_easy_denied_is_never_logged_as_too_easy(text):
    assert classify(text).values.get("status") != "too_easy"


@pytest.mark.parametrize("text", PAIN)
def test_pain_with_a_request_still_goes_to_pain(text):
    u = classify(text)
    assert u.intent == "feedback" and u.values.get("status") == "pain" and "wants" not in u.values


def _user(container, key: str, lang: str = "en", **profile) -> None:
    make_user(container, key, start=date(2026, 3, 2), chat_id=int(key[3:]), language=lang,
              profile={**NOW_PROFILE, **profile})


def _plan(container, key: str):
    with container.session() as s:
        user = repos.users.find_user(s, key)
        plan = repos.plans.active_plan(s, user.id)
        return plan.id, plan.data, [a.rule for a in repos.adjustments.adjustments(s, user.id)]


def _first_week(data: dict) -> list[dict]:
    return data["weeks"][0]["sessions"]


@pytest.mark.parametrize("text, lang", [("can we make the sessions a bit easier?", "en"), ("能不能轻松一点", "zh"),
                                        ("less intense please", "en"), ("降低强度", "zh")])
def test_lighter_is_offered_and_yes_lightens_the_next_seven_days(coach, container, text, lang):  # noqa: F811
    _user(container, "tg:7301", lang)
    plan_id, before, rules = _plan(container, "tg:7301")
    out = typed(coach, "tg:7301", text)
    assert _plan(container, "tg:7301")[0] == plan_id  # nothing changes before Yes
    yes = [b for b in buttons_of(out) if b.endswith(":yes")]
    assert yes and any(b.endswith(":no") for b in buttons_of(out))
    if lang == "en":
        assert "Make the next 7 days lighter?" in text_of(out) and "pain" in text_of(out)
        assert "Logged" not in text_of(out) and "nothing was logged" not in text_of(out)
    typed(coach, "tg:7301", callback=yes[0])
    new_id, after, rules_after = _plan(container, "tg:7301")
    assert new_id != plan_id and "asked_lighter" in rules_after and "asked_lighter" not in rules
    old, new = _first_week(before), _first_week(after)
    assert sum(x["minutes"] for x in new) < sum(x["minutes"] for x in old)
    sets = lambda ss: sum(e.get("sets") or 0 for x in ss for e in x.get("exercises", []))  # noqa: E731
    assert sets(new) < sets(old)
    rpe = lambda ss: sum((x.get("intensity") or {}).get("rpe", [0, 0])[-1] for x in ss)  # noqa: E731
    assert rpe(new) < rpe(old) and all(x.get("lighter") for x in new)
    with container.session() as s:
        row = next(a for a in repos.adjustments.adjustments(s, repos.users.find_user(s, "tg:7301").id)
                   if a.rule == "asked_lighter")
        assert row.reason and (("lighter" in row.reason) if lang == "en" else row.reason)


def test_no_keeps_the_plan_and_a_second_yes_in_the_week_changes_nothing(coach, container):  # noqa: F811
    _user(container, "tg:7302")
    plan_id, _data, _rules = _plan(container, "tg:7302")
    out = typed(coach, "tg:7302", "make it easier")
    no = next(b for b in buttons_of(out) if b.endswith(":no"))
    yes = next(b for b in buttons_of(out) if b.endswith(":yes"))
    typed(coach, "tg:7302", callback=no)
    assert _plan(container, "tg:7302")[0] == plan_id
    typed(coach, "tg:7302", callback=yes)
    lighter_id = _plan(container, "tg:7302")[0]
    assert lighter_id != plan_id
    typed(coach, "tg:7302", callback=yes)  # once a week at most: the week is not lightened twice
    assert _plan(container, "tg:7302")[0] == lighter_id


@pytest.mark.parametrize("text", ["can you make my plan harder", "step it up", "加大强度", "难一点"])
def test_harder_changes_nothing_and_says_how_the_plan_steps_up(coach, container, text):  # noqa: F811
    _user(container, "tg:7303", "zh" if not text.isascii() else "en")
    plan_id, _data, rules = _plan(container, "tg:7303")
    out = typed(coach, "tg:7303", text)
    assert _plan(container, "tg:7303") == (plan_id, _data, rules)
    body = text_of(out)
    assert not buttons_of(out) or not any(b.startswith("easier") for b in buttons_of(out))
    if text.isascii():
        assert "too easy" in body and "Logged" not in body and "not sure" not in body


def test_harder_with_a_capped_plan_says_why(coach, container):  # noqa: F811
    _user(container, "tg:7304", conditions=["hypertension"], bp_systolic=150, bp_diastolic=95)
    with container.session() as s:
        cap = repos.plans.active_plan(s, repos.users.find_user(s, "tg:7304").id).data["safety"]["intensity_cap"]
    body = text_of(typed(coach, "tg:7304", "make it harder"))
    assert "capped at" in body and cap in body


@pytest.mark.parametrize("text", ["I want shorter sessions", "the sessions are too long",
                                  "my workouts are too long, can we shorten them", "每次练的时间短一些", "训练时间太长了"])
def test_shorter_sessions_asks_how_long(coach, container, text):  # noqa: F811
    _user(container, "tg:7305", "en" if text.isascii() else "zh")
    plan_id = _plan(container, "tg:7305")[0]
    out = typed(coach, "tg:7305", text)
    body = text_of(out)
    if text.isascii():
        assert "Your sessions are 45 minutes now. How long should they be?" in body
    else:
        assert "你现在每次训练 45 分钟。想改成多长？" in body
    assert "Make the next 7 days lighter?" not in body and not buttons_of(out)
    assert _plan(container, "tg:7305")[0] == plan_id


def test_pain_with_a_request_is_no_offer(coach, container):  # noqa: F811
    _user(container, "tg:7306")
    out = typed(coach, "tg:7306", "my knee hurts, can we make it easier?")
    assert not any(b.startswith("easier") for b in buttons_of(out))
    assert "Make the next 7 days lighter?" not in text_of(out)

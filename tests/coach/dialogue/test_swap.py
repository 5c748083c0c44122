"""Swapping an exercise by asking ("can I swap squats for leg press?", "把深蹲换成腿举", "what can I do instead of
burpees?"): before, every such message got "I'm not sure I understood". Now the swap is checked against the person's
plan and the planner's own filters, the resulting plan is validated before it is offered, and only Yes stores it
(profile preferences.swaps) and re-plans. Typed through the real Dialogue on a real plan."""
from __future__ import annotations

from datetime import date

import pytest

from coach.domain.profile import validate_profile
from coach.intake.swap_request import swap_request
from coach.planning import make_context, make_plan, validate_plan
from coach.planning.swaps import alternatives, apply_swaps, why_not
from coach.safety.screening import screen
from knowledge.catalog import load_catalog
from knowledge.corpus import get_passage
from storage import repos
from tests.coach.dialogue.support import buttons_of, text_of
from tests.coach.dialogue.test_context_and_safety_questions import coach, stored_profile, typed  # noqa: F401
from tests.factories import make_user

LIFTER = {"goal": "muscle_gain", "equipment": ["gym"], "experience": "intermediate", "currently_active": True,
          "minutes_per_session": 60, "days_per_week": 3}
KNEE_HOME = {"goal": "general_health", "equipment": ["dumbbells"], "injuries": ["knee"], "minutes_per_session": 45,
             "days_per_week": 3}


@pytest.mark.parametrize("text, old, new", [
    ("Can I swap squats for leg press?", "squat", "leg_press"), ("can I do leg press instead of squats", "squat",
                                                                 "leg_press"),
    ("replace lunges with step ups", "lunge", "step_up"), ("can I switch bench press to push ups?", "bench_press",
                                                           "push_up"),
    ("把深蹲换成腿举", "squat", "leg_press_machine"), ("用腿举代替深蹲", "squat", "leg_press_machine"),
    ("what can I do instead of burpees?", "burpee", None), ("弓步蹲有什么替代", "lunge", None)])
def test_swap_requests_are_read_with_both_exercises(text, old, new):
    req = swap_request(text)
    assert req is not None and (req.old, req.new) == (old, new)


@pytest.mark.parametrize("text", ["I did push-ups instead of bench press yesterday", "squat 3x8 60kg",
                                  "swap my rest day for tuesday", "change my goal to fat loss", "I ran instead of walking"])
def test_what_was_done_and_other_changes_are_not_swaps(text):
    assert swap_request(text) is None


def _ctx(profile: dict):
    p = validate_profile({"age": 35, "height_cm": 175, "weight_kg": 75, **profile})
    return p, make_context(p, screen(p, "en"), "en", 12)


def test_a_swap_must_do_the_same_job_and_be_one_the_planner_could_choose():
    _, lifter = _ctx(LIFTER)
    assert why_not(lifter, "goblet_squat", "leg_press_machine") is None
    assert why_not(lifter, "push_up", "leg_press_machine") == "muscles"
    assert why_not(lifter, "goblet_squat", "brisk_walking") == "kind"
    _, knee = _ctx(KNEE_HOME)
    assert why_not(knee, "goblet_squat", "leg_press_machine") == "equipment"  # dumbbells at home: no machine
    assert why_not(knee, "box_squat", "walking_lunge") == "injury"
    for e in alternatives(knee, "goblet_squat"):
        assert why_not(knee, "goblet_squat", e.id) is None and "knee" not in e.contraindicated


def test_stored_swaps_are_applied_with_the_same_dose_and_the_plan_still_validates():
    p, ctx = _ctx(LIFTER)
    plan = make_plan(p, 12)
    first = next(e for s in plan["weeks"][0]["sessions"] for e in s["exercises"] if e.get("sets"))
    alt = alternatives(ctx, first["id"])[0]
    swapped = validate_profile({**p.model_dump(mode="json"), "preferences": {"swaps": {first["id"]: alt.id}}})
    again = make_plan(swapped, 12)
    ids = [e["id"] for w in again["weeks"] for s in w["sessions"] for e in s["exercises"]]
    assert first["id"] not in ids and alt.id in ids
    assert not any(first["name"] in (s.get("notes") or "") for w in again["weeks"] for s in w["sessions"])
    assert validate_plan(again, swapped, kb_lookup=get_passage) == []
    entry = next(e for s in again["weeks"][0]["sessions"] for e in s["exercises"] if e["id"] == alt.id)
    assert (entry["sets"], entry["reps"], entry.get("rest_s")) == (first["sets"], first["reps"], first.get("rest_s"))
    weeks = [dict(w, sessions=[dict(s) for s in w["sessions"]]) for w in plan["weeks"]]
    apply_swaps(_ctx({**LIFTER, "injuries": []})[1], weeks)  # no swaps stored: nothing changes
    assert weeks == plan["weeks"]


def _planned(container, key: str) -> list[str]:
    with container.session() as s:
        plan = repos.plans.active_plan(s, repos.users.find_user(s, key).id)
        return [e["id"] for w in plan.data["weeks"] for x in w["sessions"] for e in x["exercises"]]


def _names(container, key: str) -> tuple[str, str, str]:
    ids = _planned(container, key)
    p, ctx = _ctx(LIFTER)
    cat = load_catalog()
    old = next(i for i in ids if cat[i].kind == "strength" and alternatives(ctx, i))
    alt = next(e for e in alternatives(ctx, old) if e.id not in ids)
    return old, cat[old].name.en, alt.name.en


def test_yes_stores_the_swap_and_replans_no_changes_nothing(coach, container):  # noqa: F811
    make_user(container, "tg:61", start=date(2026, 3, 2), chat_id=61, profile=LIFTER)
    old, old_name, alt_name = _names(container, "tg:61")
    before = stored_profile(container, "tg:61")
    out = typed(coach, "tg:61", f"can I swap {old_name.lower()} for {alt_name.lower()}?")
    assert "in your plan from now on?" in text_of(out) and stored_profile(container, "tg:61") == before
    yes_button, no_button = buttons_of(out)[:2]
    no = text_of(typed(coach, "tg:61", callback=no_button))
    assert "keeps" in no and stored_profile(container, "tg:61") == before
    out = typed(coach, "tg:61", f"can I swap {old_name.lower()} for {alt_name.lower()}?")
    done = text_of(typed(coach, "tg:61", "yes"))
    assert "replaces" in done
    swaps = stored_profile(container, "tg:61")["preferences"]["swaps"]
    assert old in swaps and old not in _planned(container, "tg:61")


def test_a_swap_that_does_not_fit_says_why_and_offers_what_does(coach, container):  # noqa: F811
    make_user(container, "tg:62", start=date(2026, 3, 2), chat_id=62, profile=LIFTER)
    old, old_name, _ = _names(container, "tg:62")
    before = stored_profile(container, "tg:62")
    out = text_of(typed(coach, "tg:62", f"can I swap {old_name.lower()} for running?"))
    assert "Options that do the same job for you" in out and stored_profile(container, "tg:62") == before
    out = text_of(typed(coach, "tg:62", f"what can I do instead of {old_name.lower()}?"))
    assert "Options that do the same job for you" in out
    assert "isn't in your plan" in text_of(typed(coach, "tg:62", "can I swap pistol squats for lunges?"))

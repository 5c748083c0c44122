"""What the answer prompt carries for small models: focused passages, the message's language, a citation example,
and the user's injuries and conditions (nothing else personal) — checked on the request the fake server receives."""
from __future__ import annotations

import dataclasses
import re

from coach.agent import CoachAgent, prompts
from coach.dialogue import Coach
from coach.services.agent_ports import agent_ports
from tests.coach.test_agent import _content, ask, given_passages, onboard, reply_text, text_of
from tests.coach.test_agent import coach, fake, llm_container, plain  # noqa: F401  (fixtures)


def _with_injury(injuries: list[str]):
    base = agent_ports()

    def profile_of(s, user):
        prof = base.profile_of(s, user)
        return prof.model_copy(update={"injuries": injuries}) if prof is not None else None

    return dataclasses.replace(base, profile_of=profile_of)


def test_focus_keeps_the_sentences_about_the_question_within_the_limit():
    text = ("Rest days let muscles recover. Squats train the legs. Sleep matters for recovery too. "
            "Protein helps muscles repair.")
    out = prompts.focus(text, "how many rest days do I need for recovery?", 200)
    assert out == "Rest days let muscles recover. Sleep matters for recovery too."
    assert len(prompts.focus(text * 20, "rest recovery", 120)) <= 120
    assert prompts.focus("一周至少休息一天。深蹲练腿。", "我需要休息吗？", 100) == "一周至少休息一天。"


def test_an_injured_users_question_carries_the_injury_and_nothing_else_personal(fake, plain, llm_container):
    onboard(plain, "tg:1")
    coach = Coach(llm_container, agent=CoachAgent(llm_container, ports=_with_injury(["lower_back"])))
    fake.push(lambda body: reply_text(f"Go carefully and check with your physio first [{given_passages(body)[0]}]."))
    out = text_of(ask(coach, "is it ok to lift weights with a bad back?", user="tg:1"))
    # the question's own request (onboarding may have sent the intake sentence to the model for extraction first)
    request = next(r for r in fake.requests if "bad back" in _content(r["messages"][-1]))
    system = _content(request["messages"][0])
    assert "lower back" in system and "injuries" in system
    facts = re.sub(r"\bu_[0-9a-f]+\b", "", system)  # the pseudonym is random hex ("u_…e758…" holds a 75)
    assert "75" not in facts and "180" not in facts and "34" not in facts, ("no other profile facts", system)
    assert out.startswith("Go carefully")


def test_a_user_without_injuries_gets_no_health_line(coach, fake, plain):
    onboard(plain, "tg:1")
    fake.push(lambda body: reply_text(f"Keep one easy day between hard sessions [{given_passages(body)[0]}]."))
    ask(coach, "do I need rest days?", user="tg:1")
    assert "The user has" not in _content(fake.requests[0]["messages"][0])


def test_a_chinese_question_asks_for_chinese_and_names_a_real_passage_as_the_citation_example(coach, fake, plain):
    onboard(plain, "tg:1")
    fake.push(lambda body: reply_text(f"需要，训练之间要安排休息，让身体恢复[{given_passages(body)[0]}]。"))
    out = text_of(ask(coach, "我需要休息日吗？", user="tg:1"))
    question = _content(fake.requests[0]["messages"][-1])
    ids = given_passages(fake.requests[0])
    assert "用中文回答" in question and "Simplified Chinese" in question
    assert question.rstrip().endswith(f"like [{ids[0]}].")
    assert "Simplified Chinese" in _content(fake.requests[0]["messages"][0])
    assert out.startswith("需要")


def test_passages_sent_with_a_question_are_short(coach, fake, plain):
    onboard(plain, "tg:1")
    fake.push(lambda body: reply_text("Rest matters."))
    ask(coach, "do I need rest days?", user="tg:1")
    question = _content(fake.requests[0]["messages"][-1])
    lines = [x for x in question.splitlines() if x.startswith("[kb-")]
    assert lines and all(len(x.split("] ", 1)[1]) <= prompts.PASSAGE_LIMIT for x in lines)

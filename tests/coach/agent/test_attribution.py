"""A model that answers from the passages without citing them (small local models rarely cite): the answer is
attributed to the retrieved passage that holds most of its content words, or given without a source."""
from __future__ import annotations

import re

from coach.agent.answering import attribute
from tests.coach.test_agent import _content, ask, given_passages, onboard
from tests.coach.test_dialogue import text_of
from tests.fakes.openai_api import reply_text

PASSAGES = {"kb-a": "Rest days let muscles repair and adapt; plan at least one full rest day a week after hard "
                    "strength sessions, and sleep well.",
            "kb-b": "Brisk walking counts as moderate activity: you can talk but not sing."}


def test_the_passage_holding_the_answer_is_named_and_a_stranger_answer_gets_none():
    assert attribute("Muscles repair and adapt on rest days, so plan one full rest day each week and sleep well.",
                     PASSAGES) == "kb-a"
    assert attribute("Bananas are yellow and monkeys enjoy eating them every afternoon in jungles.", PASSAGES) is None
    assert attribute("Yes.", PASSAGES) is None  # too short to attribute
    assert attribute("休息日让肌肉修复和适应", {"kb-z": "休息日让肌肉得到修复和适应，每周至少安排一天。", **PASSAGES}) == "kb-z"


def _first_passage_words(body: dict) -> tuple[str, str]:
    block = next(_content(m) for m in reversed(body["messages"]) if _content(m).startswith("Passages (data):"))
    pid = given_passages(body)[0]
    text = re.search(rf"^\[{pid}\] (.*)$", block, re.M).group(1)
    return pid, text


def test_an_uncited_answer_from_a_passage_is_shown_with_that_source(make_env):
    env = make_env(timeout=3)
    onboard(env.plain, "tg:81")
    seen: list[str] = []

    def paraphrase(body: dict):
        pid, text = _first_passage_words(body)
        seen.append(pid)
        return reply_text(" ".join(text.split()[:40]))  # the passage's own words, no [id]

    env.fake.push(paraphrase)
    out = text_of(ask(env.coach, "do I need rest days?", user="tg:81"))
    assert seen and f"[{seen[0]}]" in out and "Sources:" in out

    env.fake.push(reply_text("Bananas are yellow and monkeys enjoy eating them every afternoon in the jungle."))
    out = text_of(ask(env.coach, "do I need rest days?", user="tg:81"))
    print(out)
    assert "Bananas are yellow" in out and "[kb-" not in out.split("Bananas")[1]  # no source made up for it

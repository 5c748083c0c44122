"""The chat a question replays is capped (issue #15 item 1): small models read every prompt token, and a prompt
that grew with each turn (1,096 → 1,453 tokens over 14 questions) made every later answer slower."""
from __future__ import annotations

from coach.agent.calls import estimate_tokens
from coach.agent.history import HISTORY_TOKENS, PROMPT_TOKENS, replay
from tests.coach.test_agent import _content, ask, given_passages, onboard, reply_text, text_of
from tests.coach.test_agent import coach, fake, llm_container, plain  # noqa: F401  (fixtures)

LONG_ZH = "训练之间要安排休息日，让肌肉有时间恢复和适应，" * 8  # ~190 Chinese characters: a long small-model answer


def _long_answer(body: dict):
    return reply_text(f"{LONG_ZH}[{given_passages(body)[0]}]。")


def _history_of(body: dict) -> list[dict]:
    """The messages between the system prompt and the question."""
    return body["messages"][1:-1]


def test_replayed_chat_stays_within_its_budget_newest_first(coach, fake, plain):
    onboard(plain, "tg:1")
    questions = [f"第{i}个问题：我每周需要几个休息日？" for i in range(1, 6)]
    for q in questions:
        fake.push(_long_answer)
        assert text_of(ask(coach, q, user="tg:1")).startswith("训练之间")
    sizes = [sum(estimate_tokens(_content(m)) for m in r["messages"]) for r in fake.requests]
    last = fake.requests[-1]
    history = _history_of(last)
    assert history, "the newest exchange still travels with the question"
    assert sum(estimate_tokens(_content(m)) for m in history) <= HISTORY_TOKENS
    assert "第4个问题" in _content(history[0]), "the newest exchange is the one kept, starting with its question"
    assert _content(history[1]).startswith("训练之间"), "with its reply, shortened to the room"
    assert all("第3个问题" not in _content(m) for m in history), "older exchanges give way"
    assert _content(last["messages"][0]).startswith("You are FitCoach"), "the system prompt always goes"
    assert "第5个问题" in _content(last["messages"][-1]) and given_passages(last), "passages and question always go"
    assert max(sizes[2:]) - sizes[1] <= HISTORY_TOKENS // 4, f"the prompt stops growing after two turns: {sizes}"


def test_replay_orders_summary_after_the_newest_exchange_and_respects_the_room():
    class Row:
        def __init__(self, role: str, content: str) -> None:
            self.role, self.content = role, content

    rows = [Row("summary", "the user asked about rest days")] + [
        Row(role, f"{role} turn {i}") for i in range(1, 4) for role in ("user", "assistant")]
    out = [str(m.content) for m in replay(rows, PROMPT_TOKENS)]
    assert out[0].endswith("the user asked about rest days") and out[-2:] == ["user turn 3", "assistant turn 3"]
    assert [str(m.content) for m in replay(rows, 20)] == ["user turn 3", "assistant turn 3"], "no room: newest only"
    long = rows[:-1] + [Row("assistant", "a long answer about rest days and recovery " * 5)]
    cut = replay(long, 60)
    assert [str(m.content) for m in cut][0] == "user turn 3" and str(cut[1].content).endswith("…")
    assert sum(estimate_tokens(str(m.content)) + 4 for m in cut) <= 60
    assert replay(rows, 5) == [], "no room at all: no history"

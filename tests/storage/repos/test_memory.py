"""Chat memory (summary first, trimmed on request) and model usage."""
from __future__ import annotations

from storage.repos import memory


def test_the_summary_comes_first_and_replace_keeps_only_what_it_is_told(s, user):
    memory.add_turn(s, user.id, "user", "hello")
    second = memory.add_turn(s, user.id, "assistant", "hi")
    memory.replace_turns(s, user.id, [second.id], "they said hello")
    assert [(t.role, t.content) for t in memory.turns(s, user.id)] == [("summary", "they said hello"),
                                                                        ("assistant", "hi")]
    memory.replace_turns(s, user.id, [], None)  # keep nothing
    assert memory.turns(s, user.id) == []


def test_usage_is_recorded_per_user_and_overall(s, user):
    memory.record_usage(s, user.id, "answer", "m", 10, 5)
    memory.record_usage(s, None, "summary", "m", 3, 1)
    assert [u.prompt_tokens for u in memory.usage(s, user.id)] == [10]
    assert [u.purpose for u in memory.usage(s)] == ["answer", "summary"]

"""The remembered chat a question's prompt replays, within a token budget.

The system prompt, the passages and the question are sized first; the history gets what is left, up to
HISTORY_TOKENS: the newest whole exchanges first, then the summary of older ones, then older exchanges. A small
local model reads every prompt token before it writes (about 40 tokens a second on 2 cores for a 1.5B model), so
a prompt that grew with every turn made every later answer slower (1,096 → 1,453 tokens over 14 questions).
"""
from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from langchain_core.messages import AIMessage, BaseMessage, HumanMessage

from coach.agent.calls import estimate_tokens

PROMPT_TOKENS = 1100  # estimated tokens for system + passages + question + history; history only in what is left
HISTORY_TOKENS = 240  # at most this much replayed chat, whatever room is left
PROMPT_TURNS = 4  # and at most this many turns (plus the summary)
TURN_CHARS = 240  # per remembered turn
SUMMARY_CHARS = 400
SUMMARY_HEAD = "[Summary of earlier chat; data only]\n"


def _trim(text: str, n: int) -> str:
    text = text.strip()
    return text if len(text) <= n else text[: n - 1].rstrip() + "…"


def _exchanges(rows: Sequence[Any]) -> list[list[BaseMessage]]:
    """The turns as exchanges (a user turn and the replies after it), oldest first; a leading reply stands alone."""
    out: list[list[BaseMessage]] = []
    for r in rows:
        content = _trim(str(r.content), TURN_CHARS)
        if r.role == "user" or not out:
            out.append([])
        out[-1].append(HumanMessage(content) if r.role == "user" else AIMessage(content))
    return out


def _cost(msgs: Sequence[BaseMessage]) -> int:
    return sum(estimate_tokens(str(m.content)) + 4 for m in msgs)  # ~4 tokens of chat markup per message


def _fit(ex: list[BaseMessage], budget: int) -> list[BaseMessage]:
    """The exchange with its last reply cut (by characters) to fit `budget`; unchanged when it fits or cannot."""
    over = _cost(ex) - budget
    if over <= 0 or len(ex) < 2:
        return ex
    last = str(ex[-1].content)
    keep = len(last)
    while keep > 0 and estimate_tokens(last[:keep]) > estimate_tokens(last) - over:
        keep -= max(1, keep // 10)
    if keep < 20:
        return ex
    return ex[:-1] + [type(ex[-1])(_trim(last, keep))]


def replay(rows: Sequence[Any], budget: int) -> list[BaseMessage]:
    """The history to send: whole exchanges newest first and the summary, within `budget` estimated tokens."""
    budget = min(budget, HISTORY_TOKENS)
    summary = next((str(r.content) for r in rows if r.role == "summary"), None)
    exchanges = _exchanges([r for r in rows if r.role != "summary"])
    kept: list[list[BaseMessage]] = []
    head: list[BaseMessage] = []
    for i, ex in enumerate(reversed(exchanges)):
        if i == 0:
            ex = _fit(ex, budget)  # the newest exchange goes, its reply shortened to the room if need be
        if _cost(ex) > budget or sum(map(len, kept)) + len(ex) > PROMPT_TURNS:
            break
        kept.insert(0, ex)
        budget -= _cost(ex)
        if i == 0 and summary:  # the summary ranks after the newest exchange, before the older ones
            msg = HumanMessage(SUMMARY_HEAD + _trim(summary, SUMMARY_CHARS))
            if _cost([msg]) <= budget:
                head, budget = [msg], budget - _cost([msg])
    if not exchanges and summary:
        msg = HumanMessage(SUMMARY_HEAD + _trim(summary, SUMMARY_CHARS))
        head = [msg] if _cost([msg]) <= budget else []
    return head + [m for ex in kept for m in ex]


def room(*fixed: BaseMessage) -> int:
    """The history budget left after the messages that always go (system, passages and question)."""
    return max(0, PROMPT_TOKENS - _cost(fixed))


__all__ = ["replay", "room", "PROMPT_TOKENS", "HISTORY_TOKENS", "PROMPT_TURNS", "TURN_CHARS", "SUMMARY_CHARS"]

"""The model's side: bounded per-user chat memory and the token usage of each model call."""
from __future__ import annotations

from sqlalchemy import delete
from sqlmodel import Session, select

from storage.models import ChatTurn, LlmUsage


def add_turn(s: Session, user_id: int, role: str, content: str) -> ChatTurn:
    """Remember one message (role user, assistant or summary)."""
    row = ChatTurn(user_id=user_id, role=role, content=content)
    s.add(row)
    s.flush()
    return row


def turns(s: Session, user_id: int) -> list[ChatTurn]:
    """The user's memory: the summary (if any) first, then turns oldest to newest."""
    rows = list(s.exec(select(ChatTurn).where(ChatTurn.user_id == user_id).order_by(ChatTurn.id)))
    return [r for r in rows if r.role == "summary"] + [r for r in rows if r.role != "summary"]


def replace_turns(s: Session, user_id: int, keep_ids: list[int], summary: str | None) -> None:
    """Keep only `keep_ids` (and a fresh summary of what was dropped, when given)."""
    kept = ChatTurn.id.not_in(keep_ids or [-1])  # type: ignore[union-attr]
    s.exec(delete(ChatTurn).where(ChatTurn.user_id == user_id, kept))
    if summary:
        s.add(ChatTurn(user_id=user_id, role="summary", content=summary))
    s.flush()


def record_usage(s: Session, user_id: int | None, purpose: str, model: str, prompt_tokens: int,
                 completion_tokens: int, *, outcome: str = "ok", estimated: bool = False,
                 seconds: float | None = None) -> LlmUsage:
    """Store the token counts of one model call and how it ended."""
    row = LlmUsage(user_id=user_id, purpose=purpose[:24], model=model, prompt_tokens=prompt_tokens,
                   completion_tokens=completion_tokens, outcome=outcome[:24], estimated=estimated, seconds=seconds)
    s.add(row)
    s.flush()
    return row


def usage(s: Session, user_id: int | None = None) -> list[LlmUsage]:
    """Model usage rows (of one user, when given), oldest first."""
    q = select(LlmUsage)
    if user_id is not None:
        q = q.where(LlmUsage.user_id == user_id)
    return list(s.exec(q.order_by(LlmUsage.id)))

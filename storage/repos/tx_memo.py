"""The per-transaction memo: answers a turn asks for several times (active plan, dialogue state), remembered.

The answers are remembered in the session for the current (innermost) transaction only: a commit, a rollback or a
savepoint starting or ending starts afresh, so nothing outlives the transaction that read it and other processes'
writes are seen by the next transaction as before. The writers (save_plan, set_dialogue, delete_user, add_set_log)
keep it in step.
"""
from __future__ import annotations

import weakref
from typing import Any

from sqlmodel import Session

_KEY = "repo_memo"


def memo_of(s: Session) -> dict[str, dict[int, Any]] | None:
    """The memo tables ("plan", "plan_token", "dialogue", "has_sets", each keyed by user id), or None outside a
    transaction."""
    tx, nested = s.get_transaction(), s.get_nested_transaction()
    if tx is None:
        return None
    memo = s.info.get(_KEY)
    # weak references: the memo must not keep a finished transaction (and through it the session) alive;
    # a dead reference never matches (a savepoint that ended is not "no savepoint")
    if memo is None or memo[0]() is not tx or (nested is None) != (memo[1] is None) or \
            (nested is not None and memo[1]() is not nested):
        memo = (weakref.ref(tx), weakref.ref(nested) if nested is not None else None,
                {"plan": {}, "plan_token": {}, "dialogue": {}, "has_sets": {}})
        s.info[_KEY] = memo
    return memo[2]


def forget_user(s: Session, user_id: int) -> None:
    """Drop everything remembered about one user (called before writing their plan, dialogue or erasure)."""
    memo = s.info.get(_KEY)
    if memo is not None:
        for table in memo[2].values():
            table.pop(user_id, None)

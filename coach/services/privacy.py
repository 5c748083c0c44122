"""A person's data as a whole: everything stored about them for /export, and erasure for /delete, including what
this process keeps in memory about them (decrypted values, the query-embedding cache holding their messages)."""
from __future__ import annotations

from sqlmodel import Session

from coach.services.clock import utcnow
from knowledge.embeddings import forget_queries
from storage import repos


def export_data(s: Session, user_id: int) -> dict:
    """Everything stored about the user (decrypted), with the time of the export."""
    data = repos.export.export_user(s, user_id)
    data["exported_at"] = utcnow().isoformat()
    return data


def export_json(s: Session, user_id: int) -> bytes:
    """export_data as the compact UTF-8 JSON file /export sends (the same text as json.dumps(export_data(...),
    ensure_ascii=False, separators=(",", ":"), default=str), written without building the data first)."""
    return repos.export.export_user_json(s, user_id, {"exported_at": utcnow().isoformat()})


def erase(s: Session, user_id: int) -> None:
    """Erase every row of the user, then every in-memory trace of their messages (erasure is rare; the shared
    query cache is cleared whole, since its keys are what people typed and belong to no user id)."""
    user = repos.users.get_user(s, user_id)
    if user is not None:  # the messages behind their processed updates, kept a while for redeliveries (the inbox)
        repos.inbox.scrub_sender(s, user.external_id)
    repos.export.delete_user(s, user_id)
    forget_queries()

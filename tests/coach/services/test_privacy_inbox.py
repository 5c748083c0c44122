"""/delete also empties the stored text of the person's processed updates in the inbox (kept a while, without
content, so a late redelivery is still recognised); other people's rows are untouched."""
from __future__ import annotations

from datetime import date

from sqlalchemy import text

from coach.services import privacy
from storage import crypto, repos
from tests.factories import make_user


def test_delete_scrubs_the_persons_processed_updates_only(container):
    uid = make_user(container, "tg:777", start=date(2026, 3, 2))
    with container.session() as s:
        for n, (person, words) in enumerate([("user:777", "my knee hurts"), ("user:778", "hello there")]):
            repos.inbox.store(s, 9000 + n, person, {"update_id": 9000 + n, "message": {"text": words}})
            repos.inbox.mark_done(s, 9000 + n)
    with container.session() as s:
        privacy.erase(s, uid)
    with container.engine.connect() as conn:
        rows = dict(conn.execute(text("SELECT update_id, payload FROM inbox")).all())
    assert set(rows) == {9000, 9001}  # both kept: a redelivery of either is still ignored
    assert crypto.decrypt_value(rows[9000]) == {}
    assert crypto.decrypt_value(rows[9001])["message"]["text"] == "hello there"

"""Migration 0009: a model call's outcome moves from `purpose` ("answer:timeout~") into columns of its own."""
from __future__ import annotations

from alembic import command
from sqlalchemy import text

from storage.db import alembic_config, make_engine, migrate, session_scope
from storage.repos import memory


def test_old_purposes_are_split_into_outcome_and_estimated_and_back(db_url, key):
    engine = make_engine(db_url)
    command.upgrade(alembic_config(engine), "0008")
    with engine.begin() as conn:
        for purpose in ("answer", "answer:timeout~", "extract:length", "reword:http_503~"):
            conn.execute(text("INSERT INTO llm_usage (purpose, model, prompt_tokens, completion_tokens, created_at) "
                              "VALUES (:p, 'm', 10, 2, CURRENT_TIMESTAMP)"), {"p": purpose})
    migrate(engine)
    with session_scope(engine) as s:
        rows = [(r.purpose, r.outcome, r.estimated) for r in memory.usage(s)]
        assert rows == [("answer", "ok", False), ("answer", "timeout", True), ("extract", "length", False),
                        ("reword", "http_503", True)]
        new = memory.record_usage(s, None, "answer", "m", 5, 1, outcome="timeout", estimated=True, seconds=20.2)
        assert (new.outcome, new.estimated, new.seconds) == ("timeout", True, 20.2)
    command.downgrade(alembic_config(engine), "0008")
    with engine.connect() as conn:
        purposes = [p for (p,) in conn.execute(text("SELECT purpose FROM llm_usage ORDER BY id"))]
    assert purposes == ["answer", "answer:timeout~", "extract:length", "reword:http_503~", "answer:timeout~"]
    engine.dispose()

"""A session on a fresh migrated database and one stored user, for the repository tests."""
from __future__ import annotations

import pytest
from sqlmodel import Session

from storage.models import User
from storage.repos import users


@pytest.fixture
def s(engine):
    with Session(engine, expire_on_commit=False) as session:
        yield session


@pytest.fixture
def user(s) -> User:
    row, _ = users.get_or_create_user(s, "tg:1", channel="telegram", chat_id=1)
    s.commit()
    return row

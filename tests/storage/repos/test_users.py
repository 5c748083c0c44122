"""Users and dialogue state: created once, chat id refreshed, unknown fields refused, state stored as a copy."""
from __future__ import annotations

import pytest

from storage.repos import users


def test_a_user_is_created_once_and_the_chat_id_follows_the_latest_message(s):
    user, created = users.get_or_create_user(s, "tg:5", channel="telegram", chat_id=5)
    again, created_again = users.get_or_create_user(s, "tg:5", channel="telegram", chat_id=55)
    assert created and not created_again and again.id == user.id
    assert users.get_user(s, user.id).chat_id == 55
    assert user.pseudonym.startswith("u_")  # the key a model sees, never the external id


def test_update_user_refuses_an_unknown_field(s, user):
    users.update_user(s, user, language="zh", reminders_paused=True)
    assert (users.get_user(s, user.id).language, users.get_user(s, user.id).reminders_paused) == ("zh", True)
    with pytest.raises(AttributeError):
        users.update_user(s, user, nickname="x")


def test_dialogue_state_is_idle_until_set_and_stored_as_a_copy(s, user):
    assert isinstance(users.get_dialogue(s, user.id), users.Idle)
    answers = {"answers": {"weight": 70}}
    users.set_dialogue(s, user.id, flow="checkin", step="sleep", data=answers)
    answers["answers"]["weight"] = 99  # the caller keeps mutating its dict
    s.commit()
    state = users.get_dialogue(s, user.id)
    assert (state.flow, state.step, state.data) == ("checkin", "sleep", {"answers": {"weight": 70}})

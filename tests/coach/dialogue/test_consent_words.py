"""Consent typed in words: only an answer whose every word says yes counts ("ok yes i agree", "好的 同意"); anything
else is asked again and nothing is stored."""
from __future__ import annotations

import pytest

from coach.dialogue import Coach
from coach.events import Incoming
from storage import repos


@pytest.mark.parametrize("text, agreed", [("ok yes i agree", True), ("好的 同意", True), ("sure 同意", True),
                                          ("sure, fine", True), ("i do not agree", False), ("不同意", False),
                                          ("ok but who sees my data?", False), ("yes no", False)])
def test_consent_in_words(container, text, agreed):
    coach = Coach(container)
    coach.handle(Incoming(user_key="tg:501", text="/start"))
    out = "\n".join(r.text for r in coach.handle(Incoming(user_key="tg:501", text=text)))
    with container.session() as s:
        user = repos.users.find_user(s, "tg:501")
        assert (user.consent_at is not None) is agreed, out

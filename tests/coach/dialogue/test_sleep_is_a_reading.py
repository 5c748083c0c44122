"""Issue #13: one night's sleep is a reading of that night; the profile's usual sleep is not changed by it."""
from __future__ import annotations

import pytest

from coach.dialogue import Coach
from storage import repos
from tests.coach.dialogue.support import START, Clock, say
from tests.factories import make_user


@pytest.mark.parametrize(("who", "text"), [("tg:1321", "slept like 5 hrs, grandkids were over"),
                                           ("tg:1322", "昨晚只睡了5小时，孙子们来了")])
def test_a_remark_about_last_night_keeps_the_profile_sleep(container, who, text):
    uid = make_user(container, who, start=START, chat_id=int(who.split(":")[1]), profile={"sleep_hours": 8})
    clock = Clock()
    clock.day(1, hour=7)
    coach = Coach(container, clock=clock)
    say(coach, who, "/checkin")
    for answer in ("skip", "skip", "2"):  # weight, sleep, soreness; energy is asked next
        say(coach, who, answer)
    out = say(coach, who, text)
    with container.session() as s:
        assert repos.profiles.current_profile(s, uid).data["profile"]["sleep_hours"] == 8, out
        assert [r.value for r in repos.readings.metrics(s, uid, "sleep")] == [5], out  # that night's reading

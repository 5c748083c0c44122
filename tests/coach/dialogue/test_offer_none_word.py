"""A pending "Save …?" offer in onboarding is not answered by "没有" / "none": they say there is none (to some other
question), not "don't save". Before, one "没有" threw away eight facts typed ahead of their questions (goal, days,
minutes, equipment, injuries, conditions, medications)."""
from __future__ import annotations

import pytest

from coach.dialogue import Coach
from coach.events import Incoming
from coach.intake.answers import reply_yes_no
from storage import repos
from tests.coach.dialogue.support import Clock, text_of


@pytest.mark.parametrize("text", ["没有", "没有。", "none", "Nothing", "无"])
def test_none_words_do_not_answer_a_save_offer(text):
    assert reply_yes_no(text) is None


@pytest.mark.parametrize("text,yes", [("no", False), ("不用了", False), ("不要", False), ("yes please", True), ("好的，保存", True)])
def test_real_answers_still_do(text, yes):
    assert reply_yes_no(text) is yes


def test_facts_typed_ahead_survive_a_none_word(container):
    coach = Coach(container, clock=Clock())

    def say(text: str) -> str:
        return text_of(coach.handle(Incoming(user_key="tg:95001", chat_id=95001, text=text)))

    for line in ("/start", "yes", "58岁", "男", "172厘米", "78公斤", "不知道", "血压135/85"):
        say(line)
    say("想减肥，一周三次，每次40分钟")  # asked about body fat: offered for Save?
    say("家里有弹力带")
    say("没有")  # "none": not "don't save"
    out = ""
    for answer in ("7个小时", "初级", "否", "无", "无", "无"):  # the remaining questions; the offer comes back before the plan
        out = say(answer)
        if "目标 减脂" in out:
            break
    assert "目标 减脂" in out and "弹力带" in out, out
    say("是")
    with container.session() as s:
        state = repos.users.get_dialogue(s, repos.users.find_user(s, "tg:95001").id)
        prof = (state.data or {}).get("profile", {})
    assert prof.get("goal") == "fat_loss" and prof.get("days_per_week") == 3 and "bands" in prof.get("equipment", [])

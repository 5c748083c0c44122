"""The answer given when the model gives none takes the person's injuries into account, as the model is told to
(issue #15 item 3): the model fails on the fake server and the whole coach answers from the knowledge base."""
from __future__ import annotations

from coach.agent.fallback import injury_note
from storage import repos
from tests.coach.test_dialogue import finish_optional, say, text_of
from tests.coach.test_agent import coach, fake, llm_container, plain  # noqa: F401  (fixtures)
from tests.fakes.openai_api import fail

EN = ("I'm 34, 180 cm, 75 kg, male, resting heart rate 62, no symptoms, no conditions, beginner, not active lately, "
      "want to lose 5 kg in 12 weeks, 4 days a week, 45 minutes, dumbbells and a bench at home, {injuries}")
ZH = "我34岁，身高180厘米，体重75公斤，静息心率62，没有症状，没有疾病，初学者，想在三个月内减重5公斤，每周练4天，每次45分钟，家里有哑铃，{injuries}"


def _onboard(plain, user: str, sentence: str, lang: str = "en") -> None:
    say(plain, "/start", user=user, lang=lang)
    say(plain, callback="consent:yes", user=user)
    say(plain, sentence, user=user)
    finish_optional(plain, user=user)


def _injuries(plain, user: str) -> list[str]:
    with plain.c.session() as s:
        u = repos.users.find_user(s, user)
        return repos.profiles.current_profile(s, u.id).data["profile"]["injuries"]


def test_the_fallback_answer_names_the_injuries_for_a_training_question(coach, fake, plain):
    _onboard(plain, "tg:1", EN.format(injuries="bad knee"))
    _onboard(plain, "tg:2", EN.format(injuries="no injuries"))
    _onboard(plain, "tg:3", ZH.format(injuries="膝盖受过伤"), lang="zh-hans")
    assert _injuries(plain, "tg:1") == ["knee"] and _injuries(plain, "tg:3") == ["knee"]
    fake.fallback = lambda body: fail(500)  # every model call fails: the knowledge answer is given
    injured = text_of(say(coach, "Is it better to stretch before or after lifting?", user="tg:1"))
    assert "Mind your knee" in injured and "physiotherapist" in injured
    assert injured.index("Mind your knee") < injured.index("Source:"), "the note follows the passage it qualifies"
    assert "Mind your" not in text_of(say(coach, "Is it better to stretch before or after lifting?", user="tg:2"))
    assert "Mind your" not in text_of(say(coach, "How much protein should I eat?", user="tg:1")), "not about moving"
    zh = text_of(say(coach, "训练前还是训练后拉伸比较好？", user="tg:3"))
    assert "膝盖" in zh.split("来源")[0] and fake.requests, "the model was asked and failed"


def test_injury_note_rules():
    assert injury_note(["knee", "lower_back"], "can I go running?", "en").startswith("Mind your knee, lower back")
    assert injury_note(["knee"], "my knee clicks, is that bad?", "en") is not None, "names the injured area"
    assert injury_note(["knee"], "膝盖有点响正常吗？", "zh") is not None
    assert injury_note(["knee"], "how much protein should I eat?", "en") is None
    assert injury_note([], "can I go running?", "en") is None

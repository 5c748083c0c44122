"""The agent end to end through Telegram: real PTB Application → fake Bot API, real ChatOpenAI → FakeOpenAI."""
from __future__ import annotations

import json

import pytest

from bot.settings import load_settings
from coach.agent import CoachAgent
from storage import repos
from tests.bot.conftest import Harness, last_with_buttons, texts
from tests.bot.test_telegram_e2e import SENTENCE
from tests.coach.test_agent import given_passages, search_results, smart_model
from tests.fakes import FakeOpenAI, FakeTelegram

CHAT = 909090
WHO = {"first_name": "Zebediah", "username": "zeb_secret_handle"}


@pytest.mark.slow
async def test_agent_answers_over_telegram_and_never_sees_names_or_ids(tmp_path, db_url, key, shared_chroma):
    tg, llm = FakeTelegram(), FakeOpenAI(fallback=smart_model)
    await tg.start()
    await llm.start()
    settings = load_settings(fitcoach_data_dir=tmp_path / "data", database_url=db_url, fitcoach_encryption_key=key,
                             telegram_bot_token=tg.token, telegram_api_base_url=tg.root_url,
                             chroma_path=shared_chroma, openai_api_key="test", openai_base_url=llm.base_url,
                             openai_model="fake-model", openai_timeout_s=2)
    h = Harness(tg, settings)
    await h.start()
    try:
        assert isinstance(h.coach.agent, CoachAgent)
        out = await h.say(CHAT, "/start", **WHO)
        await h.press(CHAT, last_with_buttons(out), "consent:yes")
        out = await h.say(CHAT, SENTENCE, **WHO)
        for _ in range(10):
            if "plan is ready" in texts(out):
                break
            if "regularly" in texts(out):
                out = await h.press(CHAT, last_with_buttons(out), "ob:currently_active:no")
            else:
                out = await h.say(CHAT, "skip", **WHO)
        assert "plan is ready" in texts(out)
        # structured output, as a forced tool or a JSON-schema response format, whichever the server supports
        assert any("IntakeFields" in json.dumps(r.get("tools") or r.get("response_format") or "")
                   for r in llm.requests), "onboarding answers went through the model's extraction too"

        n = len(llm.requests)
        out = await h.say(CHAT, "should I stretch before or after lifting?", **WHO)
        reply = texts(out)
        returned = [i for r in llm.requests[n:] for i in given_passages(r) or [h["id"] for h in search_results(r)]]
        assert returned and f"[{returned[0]}]" in reply and "Sources:" in reply
        assert "Good question." in reply

        bodies = json.dumps(llm.requests, ensure_ascii=False)
        for secret in ("Zebediah", "zeb_secret_handle", str(CHAT), "tg:"):
            assert secret not in bodies, f"{secret!r} reached the model"
        with h.container.session() as s:
            u = repos.users.find_user(s, f"tg:{CHAT}")
            assert u.pseudonym in bodies
            assert [t.role for t in repos.memory.turns(s, u.id)] == ["user", "assistant"]
            assert {r.purpose for r in repos.memory.usage(s, u.id)} >= {"extract", "reword", "answer"}
    finally:
        await h.stop()
        if h.container is not None:
            h.container.engine.dispose()
        await llm.stop()
        await tg.stop()

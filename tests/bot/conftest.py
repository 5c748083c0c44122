"""A harness that runs the real python-telegram-bot Application against the fake Bot API over HTTP."""
from __future__ import annotations

import asyncio

import pytest

from bot.settings import load_settings
from bot.telegram.application import build_application
from bot.wiring import build, make_coach
from tests.conftest import start_migrated
from tests.fakes.telegram_api import FakeTelegram


class Harness:
    def __init__(self, fake: FakeTelegram, settings) -> None:
        self.fake = fake
        self.settings = settings
        self.app = None
        self.container = None

    async def start(self) -> None:
        self.container = await asyncio.to_thread(build, self.settings)
        coach = make_coach(self.container)
        self.app = build_application(self.settings, coach, start_scheduler=False)
        await self.app.initialize()
        await self.app.post_init(self.app)  # run_polling() would call it; manual start must too
        await self.app.start()
        await self.app.updater.start_polling(poll_interval=0, timeout=1)
        self.coach = coach

    async def stop(self) -> None:
        if self.app is not None:
            await self.app.updater.stop()
            await self.app.stop()
            await self.app.shutdown()
            await self.app.post_shutdown(self.app)
            self.app = None

    async def _collect(self, mark: int, chat_id: int, quiet: float = 0.4, timeout: float = 30.0) -> list[dict]:
        def mine(item: dict) -> bool:
            return item.get("chat", {}).get("id") == chat_id and "message_id" in item

        await self.fake.wait_for(mine, timeout=timeout, since=mark)
        seen = mark
        while True:
            try:
                await self.fake.wait_for(mine, timeout=quiet, since=seen)
                seen = self.fake.mark()
            except TimeoutError:
                break
        return [x for x in self.fake._observed[mark:] if mine(x)]

    async def say(self, chat_id: int, text: str, **kw) -> list[dict]:
        mark = self.fake.mark()
        self.fake.user_message(chat_id, text, **kw)
        return await self._collect(mark, chat_id)

    async def press(self, chat_id: int, message: dict, label_or_data: str) -> list[dict]:
        """Press a button of a sent message by its label or callback data."""
        rows = (message.get("reply_markup") or {}).get("inline_keyboard", [])
        data = next((b["callback_data"] for row in rows for b in row
                     if label_or_data in (b["text"], b["callback_data"])), None)
        assert data is not None, f"no button {label_or_data!r} in {rows}"
        mark = self.fake.mark()
        self.fake.callback(chat_id, data, message_id=message["message_id"])
        return await self._collect(mark, chat_id)


def texts(messages: list[dict]) -> str:
    return "\n".join(m.get("text") or m.get("caption") or "" for m in messages)


def last_with_buttons(messages: list[dict]) -> dict:
    return [m for m in messages if (m.get("reply_markup") or {}).get("inline_keyboard")][-1]


@pytest.fixture
async def harness(tmp_path, db_url, key, shared_chroma, migrated_sqlite):
    start_migrated(db_url, migrated_sqlite)
    fake = FakeTelegram()
    await fake.start()
    settings = load_settings(fitcoach_data_dir=tmp_path / "data", database_url=db_url, fitcoach_encryption_key=key,
                             telegram_bot_token=fake.token, telegram_api_base_url=fake.root_url,
                             chroma_path=shared_chroma)
    h = Harness(fake, settings)
    await h.start()
    yield h
    await h.stop()
    h.container.engine.dispose()
    await fake.stop()

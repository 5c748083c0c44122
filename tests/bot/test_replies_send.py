"""bot.telegram.replies sends a text reply without parsing Telegram's answer into a Message: the request that
arrives is the one Bot.send_message makes, through the rate limiter, and Telegram's errors raise as before."""
from __future__ import annotations

import pytest
from telegram import Bot
from telegram.error import BadRequest, Forbidden, RetryAfter
from telegram.ext import AIORateLimiter, ExtBot

from bot.telegram.replies import deliver, markup
from bot.telegram.request import AiohttpRequest
from coach.events import Button, Reply
from tests.fakes.telegram_api import FakeTelegram

CHAT = 5151


@pytest.fixture
async def fake():
    async with FakeTelegram() as server:
        server.user_message(CHAT, "hi")  # the chat exists
        yield server


@pytest.mark.parametrize("ext", [False, True])
async def test_a_reply_arrives_as_send_message_sends_it(fake, ext):
    reply = Reply("<b>Today</b> 训练 & more\n↳ Next time: 60 kg", buttons=[[Button("Done ✅", "log:done"),
                                                                           Button("Pain", "log:pain")]])
    kwargs = {"base_url": fake.base_url, "base_file_url": fake.base_file_url, "request": AiohttpRequest(8)}
    bot = ExtBot(fake.token, rate_limiter=AIORateLimiter(), **kwargs) if ext else Bot(fake.token, **kwargs)
    async with bot:
        if ext:
            await bot.rate_limiter.initialize()
        await bot.send_message(CHAT, "&lt;b&gt;Today&lt;/b&gt; 训练 &amp; more\n↳ Next time: 60 kg",
                               parse_mode="HTML", reply_markup=markup(reply))
        await deliver(bot, CHAT, reply)
        if ext:
            await bot.rate_limiter.shutdown()
    by_ptb, ours = fake.calls_of("sendMessage")[-2:]
    assert ours == by_ptb
    first, second = fake.sent(CHAT)[-2:]
    assert second["text"] == first["text"] == reply.text  # escaped, then shown as typed
    assert second["reply_markup"] == first["reply_markup"]


async def test_telegram_errors_still_raise(fake):
    async with Bot(fake.token, base_url=fake.base_url, base_file_url=fake.base_file_url,
                   request=AiohttpRequest(4)) as bot:
        fake.fail_next("sendMessage", status=403)
        with pytest.raises(Forbidden):
            await deliver(bot, CHAT, Reply("x"))
        fake.fail_next("sendMessage", status=400)
        with pytest.raises(BadRequest):
            await deliver(bot, CHAT, Reply("x"))
        fake.fail_next("sendMessage", status=429, retry_after=3)
        with pytest.raises(RetryAfter):
            await deliver(bot, CHAT, Reply("x"))
        await deliver(bot, CHAT, Reply("after the errors"))
    assert fake.sent(CHAT)[-1]["text"] == "after the errors"

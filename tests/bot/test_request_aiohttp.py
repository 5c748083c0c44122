"""bot.telegram.request.AiohttpRequest, PTB's network layer of the bot process, against the fake Bot API over HTTP:
what it sends arrives as PTB's HTTPXRequest sends it (form fields, multipart files), Telegram's errors become the
same telegram.error exceptions, and a failure tells whether the request may have been carried out
(bot.telegram.sender.maybe_sent: read timeout yes; refused connection, pool timeout no)."""
from __future__ import annotations

import asyncio
import io
import socket

import pytest
from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup, InputFile
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TimedOut
from telegram.request import HTTPXRequest

from bot.telegram.request import AiohttpRequest
from bot.telegram.sender import maybe_sent
from tests.fakes.telegram_api import FakeTelegram

CHAT = 4242


@pytest.fixture
async def fake():
    async with FakeTelegram() as server:
        yield server


def bot_of(fake: FakeTelegram, request: object) -> Bot:
    return Bot(fake.token, base_url=fake.base_url, base_file_url=fake.base_file_url, request=request)


@pytest.mark.parametrize("request_class", [AiohttpRequest, HTTPXRequest])
async def test_messages_and_files_arrive_as_with_httpx(fake, request_class):
    """The same calls through either network layer leave the same messages at the Bot API."""
    fake.user_message(CHAT, "hi")  # the chat exists
    keyboard = InlineKeyboardMarkup([[InlineKeyboardButton("Done ✓", callback_data="log:done")]])
    async with bot_of(fake, request_class(8)) as bot:
        sent = await bot.send_message(CHAT, "<b>Today</b> 训练 & more", parse_mode="HTML", reply_markup=keyboard)
        doc = await bot.send_document(CHAT, InputFile(io.BytesIO(b"a,b\n1,2\n"), filename="export.csv"),
                                      caption="your data")
        me = await bot.get_me()
    assert sent.text == "Today 训练 & more" and sent.reply_markup == keyboard
    assert fake.sent(CHAT)[-2]["reply_markup"]["inline_keyboard"][0][0]["callback_data"] == "log:done"
    assert doc.document.file_name == "export.csv" and doc.document.file_size == 8 and doc.caption == "your data"
    assert me.username == "fitcoach_test_bot"


async def test_telegram_errors_map_to_ptb_exceptions(fake):
    fake.user_message(CHAT, "hi")
    async with bot_of(fake, AiohttpRequest(4)) as bot:
        fake.fail_next("sendMessage", status=403)
        with pytest.raises(Forbidden, match="blocked"):
            await bot.send_message(CHAT, "x")
        fake.fail_next("sendMessage", status=400)
        with pytest.raises(BadRequest, match="(?i)chat not found"):
            await bot.send_message(CHAT, "x")
        fake.fail_next("sendMessage", status=429, retry_after=7)
        with pytest.raises(RetryAfter) as retry:
            await bot.send_message(CHAT, "x")
        waited = retry.value.retry_after  # seconds (an int, or a timedelta with PTB's timedelta option)
        assert getattr(waited, "total_seconds", lambda: waited)() == 7
        fake.fail_next("sendMessage", status=502)
        with pytest.raises(NetworkError) as bad_gateway:
            await bot.send_message(CHAT, "x")
        assert not maybe_sent(bad_gateway.value)  # Telegram answered: refused, not maybe delivered
        assert (await bot.send_message(CHAT, "after the errors")).text == "after the errors"


async def test_read_timeout_after_the_request_went_out_is_maybe_sent(fake):
    fake.user_message(CHAT, "hi")
    async with bot_of(fake, AiohttpRequest(4, read_timeout=0.3)) as bot:
        fake.answer_late("sendMessage", 2.0)
        with pytest.raises(TimedOut) as late:
            await bot.send_message(CHAT, "delivered, answer lost")
    assert maybe_sent(late.value)
    assert [m["text"] for m in fake.sent(CHAT)] == ["delivered, answer lost"]


async def test_refused_connection_was_not_sent():
    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    request = AiohttpRequest(2)
    await request.initialize()  # not `async with Bot`: that asks getMe first
    try:
        with pytest.raises(NetworkError) as refused:
            await Bot("1:X", base_url=f"http://127.0.0.1:{port}/bot", request=request).send_message(CHAT, "x")
    finally:
        await request.shutdown()
    assert not isinstance(refused.value, TimedOut) and not maybe_sent(refused.value)


async def test_pool_timeout_was_not_sent(fake):
    """One pooled connection, held by a call the server parks: the next call times out waiting for it, unsent."""
    fake.user_message(CHAT, "hi")
    async with bot_of(fake, AiohttpRequest(1, pool_timeout=0.2, connect_timeout=0.2, read_timeout=5)) as bot:
        fake.hold("sendMessage")
        first = asyncio.create_task(bot.send_message(CHAT, "parked"))
        await asyncio.sleep(0.2)
        with pytest.raises(TimedOut) as waited:
            await bot.send_message(CHAT, "no connection for me")
        assert not maybe_sent(waited.value)
        fake.release()
        assert (await first).text == "parked"
    assert [m["text"] for m in fake.sent(CHAT)] == ["parked"]


async def test_requests_need_initialize_and_shutdown_closes():
    request = AiohttpRequest(2)
    with pytest.raises(RuntimeError, match="not initialized"):
        await request.do_request("http://127.0.0.1:1/", "POST")
    await request.initialize()
    assert request.read_timeout == 5.0
    await request.shutdown()
    with pytest.raises(RuntimeError, match="not initialized"):
        await request.do_request("http://127.0.0.1:1/", "POST")

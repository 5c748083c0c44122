"""Tests of the fake Telegram and OpenAI servers, driven by the real PTB and langchain clients."""

from __future__ import annotations

import asyncio
import base64
import contextlib
import struct
import time
import warnings
import zlib
from collections.abc import AsyncIterator

import openai
import pytest
import pytest_asyncio
from langchain_core.messages import HumanMessage, ToolMessage
from langchain_core.tools import tool
from langchain_openai import ChatOpenAI
from pydantic import BaseModel
from telegram import (
    Bot,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    ReplyKeyboardMarkup,
    Update,
)
from telegram.error import (
    BadRequest,
    EndPointNotFound,
    Forbidden,
    InvalidToken,
    RetryAfter,
    TimedOut,
)
from telegram.ext import (
    Application,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    MessageHandler,
    filters,
)

from tests.fakes.openai_api import (
    FakeOpenAI,
    fail,
    garbage,
    hang,
    malformed_tool_call,
    reply_json,
    reply_text,
    reply_tool_calls,
)
from tests.fakes.telegram_api import FakeTelegram


def _png(width: int, height: int) -> bytes:
    """A valid tiny grayscale PNG of the given size."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))

    raw = b"".join(b"\x00" + b"\x80" * width for _ in range(height))
    return (b"\x89PNG\r\n\x1a\n"
            + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


# ---------------------------------------------------------------------------- fixtures


@pytest_asyncio.fixture
async def tg() -> AsyncIterator[FakeTelegram]:
    """A running fake Telegram server."""
    fake = FakeTelegram()
    await fake.start()
    yield fake
    await fake.stop()


@pytest_asyncio.fixture
async def bot(tg: FakeTelegram) -> AsyncIterator[Bot]:
    """An initialized PTB Bot pointed at the fake."""
    b = Bot(tg.token, base_url=tg.base_url, base_file_url=tg.base_file_url)
    async with b:
        yield b


@pytest_asyncio.fixture
async def oai() -> AsyncIterator[FakeOpenAI]:
    """A running fake OpenAI server with an empty script."""
    fake = FakeOpenAI()
    await fake.start()
    yield fake
    await fake.stop()


def _llm(fake: FakeOpenAI, **kwargs: object) -> ChatOpenAI:
    """ChatOpenAI pointed at the fake, as the project configures it."""
    params: dict[str, object] = {"base_url": fake.base_url, "api_key": "test", "model": "fake",
                                 "max_retries": 0, "timeout": 2}
    params.update(kwargs)
    return ChatOpenAI(**params)  # type: ignore[arg-type]


@contextlib.asynccontextmanager
async def _polling_app(tg: FakeTelegram, app: Application) -> AsyncIterator[Application]:
    """Run an Application with long polling against the fake for the block's duration."""
    await app.initialize()
    await app.start()
    assert app.updater is not None
    await app.updater.start_polling(poll_interval=0, timeout=1)
    try:
        yield app
    finally:
        await app.updater.stop()
        await app.stop()
        await app.shutdown()


def _app(tg: FakeTelegram) -> Application:
    """A PTB Application built the way the project builds it, against the fake."""
    return (Application.builder().token(tg.token).base_url(tg.base_url)
            .base_file_url(tg.base_file_url).build())


# ---------------------------------------------------------------------------- Telegram


@pytest.mark.asyncio
async def test_application_echo_and_command_roundtrip(tg: FakeTelegram) -> None:
    app = _app(tg)

    async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        assert update.effective_message is not None
        await update.effective_message.reply_text(f"welcome {context.args}")

    async def echo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        assert update.effective_message is not None
        await update.effective_message.reply_text(f"echo: {update.effective_message.text}")

    app.add_handler(CommandHandler("start", start))
    app.add_handler(MessageHandler(filters.TEXT & ~filters.COMMAND, echo))
    async with _polling_app(tg, app):
        update = tg.user_message(42, "hello coach", username="alice")
        reply = await tg.wait_for(lambda m: m["chat"]["id"] == 42 and m["text"].startswith("echo"))
        assert reply["text"] == "echo: hello coach"
        assert reply["from"]["username"] == "fitcoach_test_bot"
        assert reply["message_id"] == update["message"]["message_id"] + 1
        assert isinstance(reply["date"], int)

        tg.user_message(42, "/start abc")
        await tg.wait_for(lambda m: m.get("text") == "welcome ['abc']")

    assert [m["text"] for m in tg.sent(42)] == ["echo: hello coach", "welcome ['abc']"]
    assert tg.sent(7) == []
    assert tg.pending_updates == 0
    methods = {name for name, _ in tg.calls}
    assert {"getMe", "deleteWebhook", "getUpdates", "sendMessage"} <= methods


@pytest.mark.asyncio
async def test_callback_query_reaches_handler_and_is_answered(tg: FakeTelegram) -> None:
    app = _app(tg)
    seen: list[str] = []

    async def on_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        query = update.callback_query
        assert query is not None and query.data is not None
        seen.append(query.data)
        await query.answer("saved")
        await query.edit_message_text(f"chose {query.data}")

    app.add_handler(CallbackQueryHandler(on_button))
    async with _polling_app(tg, app):
        keyboard = InlineKeyboardMarkup([[InlineKeyboardButton("Day 1", callback_data="plan:1")]])
        sent = await app.bot.send_message(42, "Pick a day", reply_markup=keyboard)
        assert tg.sent(42)[-1]["reply_markup"]["inline_keyboard"][0][0]["callback_data"] == "plan:1"

        update = tg.callback(42, "plan:1", message_id=sent.message_id)
        edited = await tg.wait_for(lambda m: m.get("text") == "chose plan:1")

    assert seen == ["plan:1"]
    answers = tg.calls_of("answerCallbackQuery")
    assert answers[0]["callback_query_id"] == update["callback_query"]["id"]
    assert answers[0]["text"] == "saved"
    assert edited["message_id"] == sent.message_id and "edit_date" in edited
    assert "reply_markup" not in edited  # editing without reply_markup drops the keyboard
    current = tg.message(42, sent.message_id)
    assert current is not None and current["text"] == "chose plan:1"


@pytest.mark.asyncio
async def test_send_photo_and_document_carry_bytes(tg: FakeTelegram, bot: Bot) -> None:
    png = _png(40, 20)
    msg = await bot.send_photo(42, photo=png, caption="Your progress chart")
    params = tg.calls_of("sendPhoto")[-1]
    assert params["photo"]["bytes"] == png
    assert isinstance(params["photo"]["filename"], str)
    assert params["caption"] == "Your progress chart"
    assert msg.photo[-1].width == 40 and msg.photo[-1].height == 20
    assert msg.caption == "Your progress chart"

    pdf = b"%PDF-1.4 fake plan"
    doc_msg = await bot.send_document(42, document=pdf, filename="plan.pdf")
    params = tg.calls_of("sendDocument")[-1]
    assert params["document"] == {"filename": "plan.pdf", "bytes": pdf}
    assert doc_msg.document is not None
    assert doc_msg.document.file_name == "plan.pdf"
    assert doc_msg.document.mime_type == "application/pdf"

    tg_file = await bot.get_file(doc_msg.document.file_id)
    assert bytes(await tg_file.download_as_bytearray()) == pdf
    assert [("photo" in m, "document" in m) for m in tg.sent(42)] == [(True, False), (False, True)]


@pytest.mark.asyncio
async def test_fail_next_429_surfaces_as_retry_after(tg: FakeTelegram, bot: Bot) -> None:
    tg.fail_next("sendMessage", status=429, retry_after=3)
    with pytest.raises(RetryAfter) as excinfo:
        await bot.send_message(42, "hi")
    with warnings.catch_warnings():  # PTB 22 warns about int vs timedelta on .retry_after
        warnings.simplefilter("ignore")
        assert excinfo.value.retry_after == 3
    ok = await bot.send_message(42, "hi again")  # only the next call failed
    assert ok.text == "hi again"
    assert [name for name, _ in tg.calls if name == "sendMessage"] == ["sendMessage"] * 2
    assert [m["text"] for m in tg.sent(42)] == ["hi again"]


@pytest.mark.asyncio
async def test_fail_next_403_surfaces_as_forbidden_for_one_chat(tg: FakeTelegram, bot: Bot) -> None:
    tg.fail_next("sendMessage", status=403, chat_id=7)
    await bot.send_message(8, "other chat is fine")
    with pytest.raises(Forbidden, match="bot was blocked by the user"):
        await bot.send_message(7, "blocked")
    tg.fail_next("sendMessage", status=500, count=2)
    for _ in range(2):
        with pytest.raises(Exception, match="Internal Server Error"):
            await bot.send_message(8, "x")
    await bot.send_message(8, "recovered")


@pytest.mark.asyncio
async def test_delay_next_provokes_client_timeout(tg: FakeTelegram, bot: Bot) -> None:
    tg.delay_next("sendMessage", 2.0)
    started = time.monotonic()
    with pytest.raises(TimedOut):
        await bot.send_message(42, "slow", read_timeout=0.3)
    assert time.monotonic() - started < 1.5


@pytest.mark.asyncio
async def test_rate_limit_mode_answers_429_beyond_30_per_second() -> None:
    fake = FakeTelegram(rate_limit_per_s=30)
    await fake.start()
    try:
        async with Bot(fake.token, base_url=fake.base_url) as bot:
            results = await asyncio.gather(
                *(bot.send_message(1 + i % 4, f"msg {i}") for i in range(40)),
                return_exceptions=True,
            )
            rejected = [r for r in results if isinstance(r, RetryAfter)]
            assert len(rejected) == 10
            assert fake.rejected_429 == 10
            assert sum(fake.per_chat_counts.values()) == 30
            assert len(fake.sent()) == 30
            await asyncio.sleep(1.05)  # the window slides: sending works again
            await bot.send_message(1, "after the window")
            assert fake.per_chat_counts[1] >= 1
    finally:
        await fake.stop()


@pytest.mark.asyncio
async def test_get_updates_long_polls_instead_of_answering_at_once(
    tg: FakeTelegram, bot: Bot
) -> None:
    started = time.monotonic()
    assert await bot.get_updates(timeout=1) == ()
    assert time.monotonic() - started >= 0.9

    task = asyncio.create_task(bot.get_updates(timeout=5))
    await asyncio.sleep(0.2)
    tg.user_message(5, "wake up")
    updates = await asyncio.wait_for(task, 2)
    assert len(updates) == 1 and updates[0].message is not None
    assert updates[0].message.text == "wake up"
    # confirming with offset removes it; limit is honoured
    tg.user_message(5, "a")
    tg.user_message(5, "b")
    rest = await bot.get_updates(offset=updates[0].update_id + 1, limit=1, timeout=0)
    assert [u.message.text for u in rest if u.message] == ["a"]


@pytest.mark.asyncio
async def test_protocol_errors_map_to_ptb_exceptions(tg: FakeTelegram, bot: Bot) -> None:
    with pytest.raises(BadRequest, match="(?i)can't parse entities"):
        await bot.send_message(42, "Rest 60s <br> then repeat", parse_mode="HTML")
    with pytest.raises(BadRequest, match="(?i)unsupported html entity"):
        await bot.send_message(42, "3&times;5", parse_mode="HTML")
    ok = await bot.send_message(42, "<b>Squat</b> 3x5 &lt;RPE 8&gt; & rest", parse_mode="HTML")
    assert ok.text == "Squat 3x5 <RPE 8> & rest"  # tags stripped, entities decoded like Telegram
    with pytest.raises(BadRequest, match="(?i)message is too long"):
        await bot.send_message(42, "x" * 4097)
    with pytest.raises(BadRequest, match="(?i)message is not modified"):
        await bot.edit_message_text("<b>Squat</b> 3x5 &lt;RPE 8&gt; & rest", 42, ok.message_id,
                                    parse_mode="HTML")
    with pytest.raises(BadRequest, match="(?i)message to edit not found"):
        await bot.edit_message_text("nope", 42, 9999)
    with pytest.raises(EndPointNotFound):
        await bot.do_api_request("definitelyNotAMethod")
    assert tg.calls[-1][0] == "definitelyNotAMethod"

    keyboard = ReplyKeyboardMarkup([["Yes", "No"]], one_time_keyboard=True)
    asked = await bot.send_message(42, "Ready?", reply_markup=keyboard)
    assert asked.reply_markup is None  # only inline keyboards come back on a Message
    assert tg.calls_of("sendMessage")[-1]["reply_markup"]["keyboard"][0][0]["text"] == "Yes"
    with pytest.raises(BadRequest, match="(?i)button_data_invalid"):
        await bot.send_message(42, "x", reply_markup=InlineKeyboardMarkup(
            [[InlineKeyboardButton("b", callback_data="x" * 65)]]))

    await bot.set_my_commands([("start", "Start"), ("plan", "Show plan")])
    assert [c.command for c in await bot.get_my_commands()] == ["start", "plan"]
    assert await bot.send_chat_action(42, "typing") is True
    assert await bot.delete_message(42, ok.message_id) is True
    assert tg.message(42, ok.message_id) is None


@pytest.mark.asyncio
async def test_wrong_token_is_unauthorized(tg: FakeTelegram) -> None:
    with pytest.raises(InvalidToken):
        async with Bot("999:WRONG", base_url=tg.base_url):
            pass


@pytest.mark.asyncio
async def test_wait_for_times_out_with_summary(tg: FakeTelegram, bot: Bot) -> None:
    await bot.send_message(3, "only message")
    with pytest.raises(TimeoutError, match="only message"):
        await tg.wait_for(lambda m: m["text"] == "never", timeout=0.2)
    call = await tg.wait_for(lambda c: c["method"] == "sendMessage", timeout=0.2)
    assert call["params"] == {"chat_id": 3, "text": "only message"}


# ---------------------------------------------------------------------------- OpenAI


@pytest.mark.asyncio
async def test_chat_openai_returns_scripted_text_and_usage(oai: FakeOpenAI) -> None:
    oai.push(reply_text("Do 3x5 squats.", prompt_tokens=11, completion_tokens=7))
    oai.push(reply_text("Rest today."))
    llm = _llm(oai)
    ai = await llm.ainvoke([HumanMessage("Plan my Monday")])
    assert ai.content == "Do 3x5 squats."
    assert ai.usage_metadata is not None
    assert (ai.usage_metadata["input_tokens"], ai.usage_metadata["output_tokens"],
            ai.usage_metadata["total_tokens"]) == (11, 7, 18)

    ai2 = await llm.ainvoke("x" * 400)
    assert ai2.content == "Rest today."
    assert ai2.usage_metadata is not None and ai2.usage_metadata["input_tokens"] == 100

    assert [r["messages"][0]["content"] for r in oai.requests] == ["Plan my Monday", "x" * 400]
    assert oai.requests[0]["model"] == "fake"
    assert oai.remaining == 0


@tool
def search_knowledge(query: str) -> str:
    """Search the exercise knowledge base."""
    return f"results for {query}"


@pytest.mark.asyncio
async def test_bound_tool_receives_scripted_tool_call_then_callable_reply(oai: FakeOpenAI) -> None:
    oai.push(reply_tool_calls([("search_knowledge", {"query": "squat depth"})]))

    def answer_from_tool_result(body: dict) -> object:
        tool_msgs = [m for m in body["messages"] if m["role"] == "tool"]
        return reply_text(f"Based on: {tool_msgs[-1]['content']}")

    oai.push(answer_from_tool_result)
    llm = _llm(oai).bind_tools([search_knowledge])
    first = await llm.ainvoke([HumanMessage("How deep should I squat?")])
    assert first.tool_calls[0]["name"] == "search_knowledge"
    assert first.tool_calls[0]["args"] == {"query": "squat depth"}
    assert first.tool_calls[0]["id"].startswith("call_")
    assert oai.requests[0]["tools"][0]["function"]["name"] == "search_knowledge"

    result = search_knowledge.invoke(first.tool_calls[0]["args"])
    second = await llm.ainvoke([
        HumanMessage("How deep should I squat?"),
        first,
        ToolMessage(result, tool_call_id=first.tool_calls[0]["id"]),
    ])
    assert second.content == "Based on: results for squat depth"


@pytest.mark.asyncio
async def test_malformed_tool_call_becomes_invalid_tool_call(oai: FakeOpenAI) -> None:
    oai.push(malformed_tool_call())
    ai = await _llm(oai).bind_tools([search_knowledge]).ainvoke("hi")
    assert ai.tool_calls == []
    assert ai.invalid_tool_calls[0]["name"] == "search_knowledge"


@pytest.mark.asyncio
async def test_structured_output_from_reply_json(oai: FakeOpenAI) -> None:
    class Workout(BaseModel):
        name: str
        sets: int

    oai.push(reply_json({"name": "Squat", "sets": 3}))
    oai.push(reply_json({"name": "Deadlift", "sets": 1}))
    llm = _llm(oai)
    assert await llm.with_structured_output(Workout, method="json_mode").ainvoke(
        "plan as JSON") == Workout(name="Squat", sets=3)
    assert await llm.with_structured_output(Workout, method="json_schema").ainvoke(
        "plan") == Workout(name="Deadlift", sets=1)
    assert oai.requests[0]["response_format"] == {"type": "json_object"}
    assert oai.requests[1]["response_format"]["type"] == "json_schema"


@pytest.mark.asyncio
async def test_errors_timeouts_and_empty_script(oai: FakeOpenAI) -> None:
    oai.push(fail(500))
    with pytest.raises(openai.InternalServerError):
        await _llm(oai).ainvoke("hi")

    oai.push(fail(429, retry_after=1))
    with pytest.raises(openai.RateLimitError):
        await _llm(oai).ainvoke("hi")

    oai.push(hang(5))
    started = time.monotonic()
    with pytest.raises(openai.APITimeoutError):
        await _llm(oai, timeout=1).ainvoke("hi")
    assert time.monotonic() - started < 3

    # quirk: a non-JSON 200 is NOT an openai.APIError - the SDK/langchain raise ValueError
    oai.push(garbage())  # claims application/json -> json.JSONDecodeError
    with pytest.raises(ValueError):
        await _llm(oai).ainvoke("hi")
    oai.push(garbage(content_type="text/html"))  # SDK returns str -> langchain ValueError
    with pytest.raises(ValueError):
        await _llm(oai).ainvoke("hi")

    with pytest.raises(openai.InternalServerError, match="script is empty"):
        await _llm(oai).ainvoke("unscripted")
    assert len(oai.requests) == 6


@pytest.mark.asyncio
async def test_streaming_text_and_tool_calls(oai: FakeOpenAI) -> None:
    oai.push(reply_text("Warm up for ten minutes", prompt_tokens=5, completion_tokens=6))
    llm = _llm(oai, stream_usage=True)
    chunks = [c async for c in llm.astream("warmup?")]
    full = chunks[0]
    for c in chunks[1:]:
        full = full + c
    assert full.content == "Warm up for ten minutes"
    assert full.usage_metadata is not None and full.usage_metadata["total_tokens"] == 11
    assert oai.requests[0]["stream"] is True

    oai.push(reply_tool_calls([("search_knowledge", {"query": "hip hinge"})]))
    chunks = [c async for c in _llm(oai).bind_tools([search_knowledge]).astream("hinge?")]
    full = chunks[0]
    for c in chunks[1:]:
        full = full + c
    assert full.tool_calls[0]["args"] == {"query": "hip hinge"}


@pytest.mark.asyncio
async def test_models_and_embeddings(oai: FakeOpenAI) -> None:
    client = openai.AsyncOpenAI(base_url=oai.base_url, api_key="test", max_retries=0)
    models = await client.models.list()
    assert [m.id for m in models.data] == ["fake"]

    default = await client.embeddings.create(model="fake-embed", input=["squat", "bench"])
    as_float = await client.embeddings.create(model="fake-embed", input="squat",
                                              encoding_format="float")
    assert oai.requests[0]["encoding_format"] == "base64"  # the SDK's default on the wire
    assert len(default.data) == 2 and len(default.data[0].embedding) == 64
    assert default.data[0].embedding == pytest.approx(as_float.data[0].embedding, rel=1e-6)
    assert default.data[0].embedding != default.data[1].embedding
    assert sum(v * v for v in as_float.data[0].embedding) == pytest.approx(1.0, rel=1e-6)
    raw = base64.b64decode((await client.with_raw_response.embeddings.create(
        model="m", input="squat")).http_response.json()["data"][0]["embedding"])
    assert len(raw) == 64 * 4
    await client.close()


@pytest.mark.asyncio
async def test_openai_fake_rejects_odd_input(oai: FakeOpenAI) -> None:
    import aiohttp

    async with aiohttp.ClientSession() as session:
        async with session.post(f"{oai.base_url}/chat/completions", data=b"{nope",
                                headers={"Authorization": "Bearer t"}) as resp:
            assert resp.status == 400
            assert "error" in await resp.json()
        async with session.post(f"{oai.base_url}/chat/completions",
                                json={"model": "m", "messages": [{"role": "user",
                                                                  "content": "hi"}]}) as resp:
            assert resp.status == 401
        async with session.get(f"{oai.root_url}/nowhere") as resp:
            assert resp.status == 404
    assert oai.remaining == 0


@pytest.mark.asyncio
async def test_telegram_fake_survives_odd_input(tg: FakeTelegram) -> None:
    import aiohttp

    async with aiohttp.ClientSession() as session:
        url = f"{tg.base_url}{tg.token}"
        async with session.post(f"{url}/sendMessage", data=b"{bad",
                                headers={"Content-Type": "application/json"}) as resp:
            assert resp.status == 400 and (await resp.json())["ok"] is False
        async with session.post(f"{url}/sendMessage", json={"chat_id": "@nobody",
                                                            "text": "x"}) as resp:
            assert resp.status == 400
        async with session.post(f"{url}/SENDMESSAGE", json={"chat_id": 5, "text": "hi"}) as resp:
            body = await resp.json()
            assert body["ok"] is True and body["result"]["text"] == "hi"
        async with session.get(f"{url}/getUpdates?timeout=abc") as resp:
            assert resp.status == 400
        async with session.post(f"{url}/unknownThing") as resp:
            assert resp.status == 404 and (await resp.json())["error_code"] == 404
        async with session.get(f"{tg.root_url}/bot123:WRONG/getMe") as resp:
            assert resp.status == 401


@pytest.mark.asyncio
async def test_stop_releases_hanging_and_long_polling_requests() -> None:
    import aiohttp

    tg_fake, oai_fake = FakeTelegram(), FakeOpenAI([hang(30)])
    await tg_fake.start()
    await oai_fake.start()
    tg_fake.delay_next("sendMessage", 30)
    async with aiohttp.ClientSession() as session:
        pending = [
            asyncio.create_task(session.post(f"{tg_fake.base_url}{tg_fake.token}/getUpdates",
                                             json={"timeout": 30})),
            asyncio.create_task(session.post(f"{tg_fake.base_url}{tg_fake.token}/sendMessage",
                                             json={"chat_id": 1, "text": "x"})),
            asyncio.create_task(session.post(
                f"{oai_fake.base_url}/chat/completions", headers={"Authorization": "Bearer t"},
                json={"model": "m", "messages": [{"role": "user", "content": "hi"}]})),
        ]
        await asyncio.sleep(0.3)
        started = time.monotonic()
        await asyncio.gather(tg_fake.stop(), oai_fake.stop())
        assert time.monotonic() - started < 3
        for task in pending:
            with contextlib.suppress(aiohttp.ClientError):
                (await task).close()


@pytest.mark.asyncio
async def test_wait_for_since_mark_ignores_older_messages(tg: FakeTelegram, bot: Bot) -> None:
    await bot.send_message(9, "same text")
    mark = tg.mark()
    with pytest.raises(TimeoutError):
        await tg.wait_for(lambda m: m["text"] == "same text", timeout=0.1, since=mark)
    asyncio.get_running_loop().call_later(0.05, lambda: asyncio.ensure_future(
        bot.send_message(9, "same text")))
    msg = await tg.wait_for(lambda m: m["text"] == "same text", timeout=2, since=mark)
    assert msg["message_id"] == 2


@pytest.mark.asyncio
async def test_fallback_answers_after_script_with_fresh_tool_call_ids() -> None:
    fake = FakeOpenAI([reply_text("first")],
                      fallback=reply_tool_calls([("search_knowledge", {"query": "q"})]))
    async with fake:
        llm = _llm(fake).bind_tools([search_knowledge])
        assert (await llm.ainvoke("a")).content == "first"
        ids = {(await llm.ainvoke("b")).tool_calls[0]["id"] for _ in range(3)}
        assert len(ids) == 3

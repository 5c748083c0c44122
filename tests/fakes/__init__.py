"""Local HTTP test doubles for the Telegram Bot API and the OpenAI API."""

from tests.fakes.openai_api import (
    FakeOpenAI,
    Reply,
    fail,
    garbage,
    hang,
    malformed_tool_call,
    reply_json,
    reply_text,
    reply_tool_calls,
)
from tests.fakes.telegram_api import FakeTelegram, TelegramApiError

__all__ = [
    "FakeOpenAI",
    "FakeTelegram",
    "Reply",
    "TelegramApiError",
    "fail",
    "garbage",
    "hang",
    "malformed_tool_call",
    "reply_json",
    "reply_text",
    "reply_tool_calls",
]

"""Before `fitcoach run` or `dispatch` builds anything, one getMe: a token the Bot API rejects, or a Bot API that
cannot be reached, ends start-up with one line naming the setting (PTB's own error quotes the whole token)."""
from __future__ import annotations

import asyncio
from urllib.parse import urlsplit

from telegram import Bot
from telegram.error import BadRequest, InvalidToken, NetworkError
from telegram.request import HTTPXRequest

from bot.settings import Settings, SettingsError

TELEGRAM = "https://api.telegram.org"
TIMEOUT_S = 10.0


def _where(settings: Settings) -> str:
    """The Bot API's address without a password or path (TELEGRAM_API_BASE_URL may carry either)."""
    if not settings.telegram_api_base_url:
        return TELEGRAM
    parts = urlsplit(settings.telegram_api_base_url)
    port = f":{parts.port}" if parts.port else ""
    return f"{parts.scheme}://{parts.hostname or ''}{port}"


async def _get_me(settings: Settings) -> None:
    urls = {}
    if settings.telegram_api_base_url:
        base = settings.telegram_api_base_url.rstrip("/")
        urls = {"base_url": f"{base}/bot", "base_file_url": f"{base}/file/bot"}
    request = HTTPXRequest(connect_timeout=TIMEOUT_S, read_timeout=TIMEOUT_S, write_timeout=TIMEOUT_S)
    async with Bot(settings.telegram_bot_token or "", request=request, **urls):  # initialize() asks getMe
        pass


def check_bot_api(settings: Settings) -> None:
    """SettingsError (one line, no token) unless the Bot API answers getMe for TELEGRAM_BOT_TOKEN."""
    try:
        asyncio.run(_get_me(settings))
    except InvalidToken:
        raise SettingsError("invalid setting TELEGRAM_BOT_TOKEN: the Bot API rejected it (copy the token "
                            "@BotFather gave you)") from None
    except BadRequest as exc:  # a NetworkError subclass, but the server answered
        raise SettingsError(f"the Bot API at {_where(settings)} refused getMe ({type(exc).__name__}): check "
                            "TELEGRAM_BOT_TOKEN and TELEGRAM_API_BASE_URL") from None
    except NetworkError as exc:
        cause = type(exc.__cause__ or exc).__name__
        raise SettingsError(f"cannot reach the Telegram Bot API at {_where(settings)} ({cause}): check the network "
                            "or TELEGRAM_API_BASE_URL") from None

"""A fake Telegram Bot API server (aiohttp) that the real python-telegram-bot client talks to.

Usage::

    fake = FakeTelegram()
    await fake.start()
    app = (Application.builder().token(fake.token)
           .base_url(fake.base_url).base_file_url(fake.base_file_url).build())
    fake.user_message(42, "/start")
    ...
    msg = await fake.wait_for(lambda m: m.get("chat", {}).get("id") == 42)
    await fake.stop()

Behaviour follows https://core.telegram.org/bots/api closely enough for PTB: the
{"ok", "result"} / {"ok": false, "error_code", "description", "parameters"} envelope,
case-insensitive method names, form / multipart / JSON bodies, getUpdates long polling,
HTML parse_mode validation (400 "can't parse entities" like the real server), 4096-char
text limit, 64-byte callback_data limit, "message is not modified" on identical edits.
"""

from __future__ import annotations

import asyncio
import collections
import html
import inspect
import itertools
import json
import logging
import mimetypes
import re
import socket
import time
from collections.abc import Callable
from typing import Any

from aiohttp import web

__all__ = ["FakeTelegram", "TelegramApiError"]

_LOGGER = logging.getLogger(__name__)

JSONDict = dict[str, Any]

BOT_USERNAME = "fitcoach_test_bot"
BOT_FIRST_NAME = "FitCoach Test"
MAX_TEXT_LENGTH = 4096
MAX_CAPTION_LENGTH = 1024
MAX_CALLBACK_DATA_BYTES = 64
MAX_LONG_POLL_SECONDS = 50.0

# Parameters whose form value must stay a string (everything else is JSON-decoded when it can be).
_STRING_PARAMS = frozenset(
    {
        "text", "caption", "parse_mode", "callback_query_id", "url", "action", "file_id",
        "secret_token", "inline_message_id", "business_connection_id", "message_effect_id",
        "language_code", "ip_address", "name", "description", "short_description", "emoji",
        "title", "query", "photo", "document", "video", "audio", "voice", "animation",
        "sticker", "thumbnail", "video_note", "certificate", "username",
    }
)

# Canonical spelling of every method the fake implements (Bot API methods are case-insensitive).
_METHODS = (
    "getMe", "getUpdates", "deleteWebhook", "setWebhook", "getWebhookInfo", "setMyCommands",
    "getMyCommands", "deleteMyCommands", "setMyDescription", "setMyShortDescription",
    "setMyName", "setChatMenuButton", "sendMessage", "editMessageText",
    "editMessageReplyMarkup", "answerCallbackQuery", "sendChatAction", "sendPhoto",
    "sendDocument", "getFile", "deleteMessage", "close", "logOut",
)
_CANONICAL = {m.lower(): m for m in _METHODS}

# Methods whose results are recorded by FakeTelegram.sent().
_SENT_METHODS = frozenset({"sendmessage", "sendphoto", "senddocument", "editmessagetext"})

_ALLOWED_HTML_TAGS = frozenset(
    {
        "b", "strong", "i", "em", "u", "ins", "s", "strike", "del", "span", "tg-spoiler",
        "a", "code", "pre", "blockquote", "tg-emoji",
    }
)
_TAG_RE = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9-]*)(\s[^<>]*)?>")
_HTML_ENTITY_RE = re.compile(r"&(#[0-9]{1,7}|#x[0-9a-fA-F]{1,6}|[a-zA-Z]+);")
_NAMED_ENTITIES = frozenset({"lt", "gt", "amp", "quot"})


class TelegramApiError(Exception):
    """An error answered to the client in the Bot API error envelope."""

    def __init__(self, status: int, description: str, retry_after: int | None = None) -> None:
        """Store HTTP status, description and optional retry_after."""
        super().__init__(description)
        self.status = status
        self.description = description
        self.retry_after = retry_after


def _utf16_len(text: str) -> int:
    """Length of text in UTF-16 code units, as Telegram counts it."""
    return len(text.encode("utf-16-le")) // 2


def _html_to_plain(text: str) -> str:
    """Validate Telegram-flavoured HTML and return the plain text, raising 400 like Telegram."""

    def offset(i: int) -> int:
        """UTF-8 byte offset of character index i."""
        return len(text[:i].encode("utf-8"))

    def bad(msg: str) -> TelegramApiError:
        """A 400 "can't parse entities" error."""
        return TelegramApiError(400, f"Bad Request: can't parse entities: {msg}")

    out: list[str] = []
    stack: list[str] = []
    i = 0
    n = len(text)
    while i < n:
        ch = text[i]
        if ch == "<":
            m = _TAG_RE.match(text, i)
            if m is None:
                raw = text[i + 1 : i + 2].strip("<>/ ")
                raise bad(f'Unsupported start tag "{raw}" at byte offset {offset(i)}')
            closing, name = m.group(1) == "/", m.group(2).lower()
            if name not in _ALLOWED_HTML_TAGS:
                kind = "end" if closing else "start"
                raise bad(f'Unsupported {kind} tag "{name}" at byte offset {offset(i)}')
            if closing:
                if not stack:
                    raise bad(f"Unexpected end tag at byte offset {offset(i)}")
                if stack[-1] != name:
                    raise bad(
                        f'Unmatched end tag at byte offset {offset(i)}, expected "</{stack[-1]}>", '
                        f'found "</{name}>"'
                    )
                stack.pop()
            else:
                stack.append(name)
            i = m.end()
        elif ch == "&":
            m = _HTML_ENTITY_RE.match(text, i)
            if m is not None and (m.group(1).startswith("#") or m.group(1) in _NAMED_ENTITIES):
                out.append(html.unescape(m.group(0)))
                i = m.end()
            elif m is not None:
                raise bad(f'Unsupported HTML entity "&{m.group(1)};" at byte offset {offset(i)}')
            else:
                out.append(ch)
                i += 1
        else:
            j = i + 1
            while j < n and text[j] not in "<&":
                j += 1
            out.append(text[i:j])
            i = j
    if stack:
        raise bad(f'Can\'t find end tag corresponding to start tag "{stack[-1]}"')
    return "".join(out)


def _image_size(data: bytes) -> tuple[int, int]:
    """Best-effort (width, height) of PNG/GIF/JPEG bytes; (512, 512) when unknown."""
    try:
        if data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) >= 24:
            return int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
        if data[:6] in (b"GIF87a", b"GIF89a"):
            return int.from_bytes(data[6:8], "little"), int.from_bytes(data[8:10], "little")
        if data[:2] == b"\xff\xd8":
            i = 2
            while i + 9 < len(data):
                if data[i] != 0xFF:
                    i += 1
                    continue
                marker = data[i + 1]
                if marker in (0xD8, 0x01) or 0xD0 <= marker <= 0xD7:
                    i += 2
                    continue
                seg_len = int.from_bytes(data[i + 2 : i + 4], "big")
                if 0xC0 <= marker <= 0xCF and marker not in (0xC4, 0xC8, 0xCC):
                    h = int.from_bytes(data[i + 5 : i + 7], "big")
                    w = int.from_bytes(data[i + 7 : i + 9], "big")
                    return w, h
                i += 2 + seg_len
    except Exception:  # noqa: BLE001 - odd bytes must never break the server
        pass
    return 512, 512


def _scaled(w: int, h: int, box: int) -> tuple[int, int]:
    """Scale (w, h) to fit in a box x box square, like Telegram's photo sizes."""
    if w <= 0 or h <= 0:
        return box, box
    factor = min(1.0, box / max(w, h))
    return max(1, round(w * factor)), max(1, round(h * factor))


class FakeTelegram:
    """In-process fake of the Telegram Bot API, served over real HTTP on 127.0.0.1."""

    def __init__(self, *, token: str = "123:TEST", rate_limit_per_s: float | None = None) -> None:
        """Configure the token the fake accepts and an optional global send* rate limit."""
        self.token = token
        self.rate_limit_per_s = rate_limit_per_s
        try:
            self.bot_id = int(token.split(":", 1)[0])
        except ValueError:
            self.bot_id = 123
        self.bot_user: JSONDict = {
            "id": self.bot_id,
            "is_bot": True,
            "first_name": BOT_FIRST_NAME,
            "username": BOT_USERNAME,
        }
        self.port: int = 0
        self.root_url = ""
        self.base_url = ""
        self.base_file_url = ""

        # observation
        self.calls: list[tuple[str, JSONDict]] = []
        self.rejected_429 = 0
        self.per_chat_counts: collections.Counter[int] = collections.Counter()
        self._sent: list[JSONDict] = []
        self._sent_by_chat: dict[int, list[JSONDict]] = collections.defaultdict(list)
        self._observed: list[JSONDict] = []  # sent Message dicts and {"method","params"} records
        self._observed_event = asyncio.Event()

        # state
        self._update_ids = itertools.count(1000)
        self._pending: collections.deque[JSONDict] = collections.deque()
        self._update_event = asyncio.Event()
        self._msg_counters: dict[int, int] = collections.defaultdict(int)
        self._messages: dict[tuple[int, int], JSONDict] = {}
        self._chats: dict[int, JSONDict] = {}
        self._users: dict[int, JSONDict] = {}
        self._callback_ids: set[str] = set()
        self._callback_counter = itertools.count(1)
        self._files: dict[str, JSONDict] = {}
        self._file_counter = itertools.count(1)
        self._webhook: JSONDict = {"url": ""}
        self._commands: dict[str, list[JSONDict]] = {}
        self._admins: dict[int, dict[int, str]] = {}  # group chat id -> {user id: creator | administrator}
        self._failures: dict[str, list[JSONDict]] = collections.defaultdict(list)
        self._delays: dict[str, list[list[float]]] = collections.defaultdict(list)
        self._late: dict[str, list[list[float]]] = collections.defaultdict(list)
        self._window: collections.deque[float] = collections.deque()

        self._stopping = asyncio.Event()
        self._holds: set[str] = set()
        self._release = asyncio.Event()
        self.held = 0
        self.dropped = 0
        self._drop_held = False
        self._runner: web.AppRunner | None = None
        self._handlers: dict[str, Callable[[JSONDict], Any]] = {
            "getme": self._get_me,
            "getupdates": self._get_updates,
            "deletewebhook": self._delete_webhook,
            "setwebhook": self._set_webhook,
            "getwebhookinfo": self._get_webhook_info,
            "setmycommands": self._set_my_commands,
            "getmycommands": self._get_my_commands,
            "deletemycommands": self._delete_my_commands,
            "setmydescription": self._true,
            "setmyshortdescription": self._true,
            "setmyname": self._true,
            "setchatmenubutton": self._true,
            "sendmessage": self._send_message,
            "editmessagetext": self._edit_message_text,
            "editmessagereplymarkup": self._edit_message_reply_markup,
            "answercallbackquery": self._answer_callback_query,
            "sendchataction": self._send_chat_action,
            "sendphoto": self._send_photo,
            "senddocument": self._send_document,
            "getfile": self._get_file,
            "deletemessage": self._delete_message,
            "getchatmember": self._get_chat_member,
            "close": self._true,
            "logout": self._true,
        }

    # ------------------------------------------------------------------ lifecycle

    async def start(self) -> None:
        """Bind 127.0.0.1 on a free port and start serving."""
        app = web.Application(client_max_size=64 * 1024 * 1024)
        app.router.add_route("*", "/bot{token}/{method}", self._handle_api)
        app.router.add_route("GET", "/file/bot{token}/{path:.+}", self._handle_file)
        self._runner = web.AppRunner(
            app, access_log=None, handler_cancellation=True, shutdown_timeout=1.0
        )
        await self._runner.setup()
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(("127.0.0.1", 0))
        self.port = sock.getsockname()[1]
        await web.SockSite(self._runner, sock).start()
        self._stopping = asyncio.Event()
        self.root_url = f"http://127.0.0.1:{self.port}"
        self.base_url = f"{self.root_url}/bot"
        self.base_file_url = f"{self.root_url}/file/bot"

    async def stop(self) -> None:
        """Wake all long polls and delays, then shut the server down."""
        self._stopping.set()
        self._release.set()
        self._wake_updates()
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def __aenter__(self) -> FakeTelegram:
        """Start the server when used as an async context manager."""
        await self.start()
        return self

    async def __aexit__(self, *exc: object) -> None:
        """Stop the server on leaving the context."""
        await self.stop()

    # ------------------------------------------------------------------ injection

    def _user(self, user_id: int, first_name: str, username: str | None) -> JSONDict:
        """Build (and remember) a human User dict."""
        user: JSONDict = {"id": user_id, "is_bot": False, "first_name": first_name,
                          "language_code": "en"}
        if username:
            user["username"] = username
        self._users[user_id] = user
        return user

    def _chat(self, chat_id: int) -> JSONDict:
        """Return the remembered Chat dict for chat_id (a private chat if never seen)."""
        chat = self._chats.get(chat_id)
        if chat is None:
            if chat_id > 0:
                chat = {"id": chat_id, "type": "private", "first_name": "Test"}
            else:
                chat = {"id": chat_id, "type": "supergroup", "title": "Test Group"}
            self._chats[chat_id] = chat
        return chat

    def _enqueue(self, update: JSONDict) -> None:
        """Add an update to the getUpdates queue and wake long polls."""
        self._pending.append(update)
        self._wake_updates()

    def _wake_updates(self) -> None:
        """Release every getUpdates call currently long polling."""
        self._update_event.set()
        self._update_event = asyncio.Event()

    def user_message(
        self,
        chat_id: int,
        text: str,
        *,
        user_id: int | None = None,
        first_name: str = "Test",
        username: str | None = None,
        chat_type: str = "private",
    ) -> JSONDict:
        """Enqueue a text message update from a user (commands get a bot_command entity)."""
        if user_id is None:
            user_id = chat_id if chat_type == "private" else 1000 + abs(chat_id) % 1_000_000
        user = self._user(user_id, first_name, username)
        if chat_type == "private":
            chat: JSONDict = {"id": chat_id, "type": "private", "first_name": first_name}
            if username:
                chat["username"] = username
        else:
            chat = {"id": chat_id, "type": chat_type, "title": "Test Group"}
        self._chats[chat_id] = chat
        self._msg_counters[chat_id] += 1
        message: JSONDict = {
            "message_id": self._msg_counters[chat_id],
            "from": user,
            "chat": chat,
            "date": int(time.time()),
            "text": text,
        }
        if text.startswith("/") and len(text) > 1:
            command = text.split(maxsplit=1)[0]
            message["entities"] = [
                {"type": "bot_command", "offset": 0, "length": _utf16_len(command)}
            ]
        self._messages[(chat_id, message["message_id"])] = message
        update = {"update_id": next(self._update_ids), "message": message}
        self._enqueue(update)
        return update

    def member_left(self, chat_id: int, user_id: int, *, removed_by: int | None = None,
                    first_name: str = "Test") -> JSONDict:
        """Enqueue the service message of a group chat member leaving (or removed by `removed_by`, an admin)."""
        chat = self._chats.setdefault(chat_id, {"id": chat_id, "type": "supergroup", "title": "Test Group"})
        self._msg_counters[chat_id] += 1
        left = self._user(user_id, first_name, None)
        message: JSONDict = {"message_id": self._msg_counters[chat_id], "chat": chat, "date": int(time.time()),
                             "from": self._user(removed_by, "Admin", None) if removed_by else left,
                             "left_chat_member": left}
        update = {"update_id": next(self._update_ids), "message": message}
        self._enqueue(update)
        return update

    def user_document(
        self, chat_id: int, data: bytes, filename: str, *, user_id: int | None = None,
        first_name: str = "Test", caption: str | None = None,
    ) -> JSONDict:
        """Enqueue a private message carrying a document; getFile and the file URL then serve its bytes."""
        user_id = chat_id if user_id is None else user_id
        user = self._user(user_id, first_name, None)
        chat: JSONDict = {"id": chat_id, "type": "private", "first_name": first_name}
        self._chats[chat_id] = chat
        record = self._store_file("document", {"bytes": data, "filename": filename}, filename)
        self._msg_counters[chat_id] += 1
        message: JSONDict = {
            "message_id": self._msg_counters[chat_id], "from": user, "chat": chat, "date": int(time.time()),
            "document": {k: record[k] for k in ("file_id", "file_unique_id", "file_size", "file_name")},
        }
        if caption:
            message["caption"] = caption
        self._messages[(chat_id, message["message_id"])] = message
        update = {"update_id": next(self._update_ids), "message": message}
        self._enqueue(update)
        return update

    def callback(
        self, chat_id: int, data: str, *, message_id: int, user_id: int | None = None
    ) -> JSONDict:
        """Enqueue a callback_query update for a button press on message_id in chat_id."""
        if user_id is None:
            user_id = chat_id if chat_id > 0 else 1000 + abs(chat_id) % 1_000_000
        user = self._users.get(user_id) or self._user(user_id, "Test", None)
        chat = self._chat(chat_id)
        message = self._messages.get((chat_id, message_id))
        if message is None:
            # The button belongs to a bot message the fake never saw: synthesize it so that
            # edits of that message work as they would on Telegram.
            message = {
                "message_id": message_id,
                "from": self.bot_user,
                "chat": chat,
                "date": int(time.time()),
                "text": f"[fake] message {message_id}",
            }
            self._messages[(chat_id, message_id)] = message
            self._msg_counters[chat_id] = max(self._msg_counters[chat_id], message_id)
        query_id = f"{self.bot_id}{next(self._callback_counter):08d}"
        self._callback_ids.add(query_id)
        update = {
            "update_id": next(self._update_ids),
            "callback_query": {
                "id": query_id,
                "from": user,
                "message": dict(message),
                "chat_instance": f"ci{abs(chat_id)}",
                "data": data,
            },
        }
        self._enqueue(update)
        return update

    # ------------------------------------------------------------------ observation

    def sent(self, chat_id: int | None = None) -> list[JSONDict]:
        """Messages returned by sendMessage/sendPhoto/sendDocument/editMessageText, in order."""
        if chat_id is None:
            return list(self._sent)
        return list(self._sent_by_chat.get(chat_id, ()))

    def calls_of(self, method: str) -> list[JSONDict]:
        """Params of every call of one method (case-insensitive), in order."""
        key = method.lower()
        return [params for name, params in self.calls if name.lower() == key]

    def message(self, chat_id: int, message_id: int) -> JSONDict | None:
        """Current state of a stored message (after edits), or None if unknown/deleted."""
        msg = self._messages.get((chat_id, message_id))
        return dict(msg) if msg is not None else None

    def mark(self) -> int:
        """Position in the observation log; pass as wait_for(since=...) to ignore older events."""
        return len(self._observed)

    @property
    def pending_updates(self) -> int:
        """Number of injected updates not yet confirmed by getUpdates."""
        return len(self._pending)

    def _observe(self, item: JSONDict) -> None:
        """Append to the observation log and wake wait_for()."""
        self._observed.append(item)
        self._observed_event.set()
        self._observed_event = asyncio.Event()

    async def wait_for(
        self, predicate: Callable[[JSONDict], Any], timeout: float = 5.0, *, since: int = 0
    ) -> JSONDict:
        """Return the first sent Message or {"method", "params"} call record matching predicate."""
        # The predicate sees both kinds (a Message has "message_id", a call record has "method");
        # KeyError/TypeError/AttributeError/IndexError/ValueError raised by it count as no match.
        # Raises TimeoutError with a summary of what was sent after `timeout` seconds.
        deadline = asyncio.get_running_loop().time() + timeout
        pos = since
        while True:
            while pos < len(self._observed):
                item = self._observed[pos]
                pos += 1
                try:
                    if predicate(item):
                        return item
                except (KeyError, TypeError, AttributeError, IndexError, ValueError):
                    pass
            remaining = deadline - asyncio.get_running_loop().time()
            if remaining <= 0:
                raise TimeoutError(self._summary(timeout))
            event = self._observed_event
            try:
                await asyncio.wait_for(event.wait(), remaining)
            except TimeoutError:
                pass

    def _summary(self, timeout: float) -> str:
        """Human-readable summary of recent traffic for timeout errors."""
        counts = collections.Counter(name for name, _ in self.calls)
        lines = [f"no matching call/message within {timeout}s", f"calls: {dict(counts)}"]
        recent = self._sent[-10:]
        lines.append(f"last {len(recent)} of {len(self._sent)} sent message(s):")
        for m in recent:
            body = m.get("text") or m.get("caption") or ("<photo>" if "photo" in m else "<doc>")
            lines.append(f"  chat {m['chat']['id']} #{m['message_id']}: {body[:200]!r}")
        return "\n".join(lines)

    # ------------------------------------------------------------------ failure injection

    def fail_next(
        self,
        method: str,
        *,
        status: int,
        retry_after: int | None = None,
        description: str | None = None,
        count: int = 1,
        chat_id: int | None = None,
    ) -> None:
        """Make the next `count` calls of method (optionally only for chat_id) fail with status."""
        if description is None:
            description = {
                400: "Bad Request: chat not found",
                401: "Unauthorized",
                403: "Forbidden: bot was blocked by the user",
                404: "Not Found",
                409: "Conflict: terminated by other getUpdates request",
                429: f"Too Many Requests: retry after {retry_after or 1}",
                500: "Internal Server Error",
                502: "Bad Gateway",
            }.get(status, f"Error {status}")
        self._failures[method.lower()].append(
            {
                "status": status,
                "retry_after": retry_after,
                "description": description,
                "count": count,
                "chat_id": chat_id,
            }
        )

    def delay_next(self, method: str, seconds: float, count: int = 1) -> None:
        """Delay the answer to the next `count` calls of method by seconds (to provoke timeouts)."""
        self._delays[method.lower()].append([seconds, count])

    def answer_late(self, method: str, seconds: float, count: int = 1) -> None:
        """Process the next `count` calls of method at once but answer only after `seconds` (delivered, then a
        read timeout on the client's side: the "maybe delivered" case)."""
        self._late[method.lower()].append([seconds, count])

    def hold(self, method: str) -> None:
        """From now on, park calls of `method` unprocessed until release()."""
        self._release.clear()
        self._holds.add(method.lower())

    def release(self, *, drop: bool = False) -> None:
        """Stop holding; parked calls are processed, or with drop=True lost unprocessed (a crash in flight)."""
        self._drop_held = drop
        self._holds.clear()
        self._release.set()

    def _take_failure(self, key: str, params: JSONDict) -> JSONDict | None:
        """Consume and return the first failure rule matching this call, if any."""
        rules = self._failures.get(key)
        if not rules:
            return None
        chat = params.get("chat_id")
        for idx, rule in enumerate(rules):
            if rule["chat_id"] is None or rule["chat_id"] == chat:
                rule["count"] -= 1
                if rule["count"] <= 0:
                    del rules[idx]
                return rule
        return None

    def _take_delay(self, key: str, table: dict | None = None) -> float:
        """Consume and return the pending delay for this method (0 if none)."""
        rules = (self._delays if table is None else table).get(key)
        if not rules:
            return 0.0
        seconds = rules[0][0]
        rules[0][1] -= 1
        if rules[0][1] <= 0:
            rules.pop(0)
        return seconds

    async def _sleep(self, seconds: float) -> None:
        """Sleep, but return early when the server is stopping."""
        try:
            await asyncio.wait_for(self._stopping.wait(), seconds)
        except TimeoutError:
            pass

    # ------------------------------------------------------------------ HTTP plumbing

    @staticmethod
    def _ok(result: Any) -> web.Response:
        """A successful Bot API envelope."""
        return web.Response(
            text=json.dumps({"ok": True, "result": result}), content_type="application/json"
        )

    @staticmethod
    def _error(status: int, description: str, retry_after: int | None = None) -> web.Response:
        """A failed Bot API envelope."""
        body: JSONDict = {"ok": False, "error_code": status, "description": description}
        if retry_after is not None:
            body["parameters"] = {"retry_after": retry_after}
        return web.Response(text=json.dumps(body), status=status, content_type="application/json")

    @staticmethod
    def _coerce(key: str, value: str) -> Any:
        """Decode a form value: JSON for non-string params, raw text otherwise."""
        if key in _STRING_PARAMS:
            return value
        try:
            return json.loads(value)
        except ValueError:
            return value

    async def _parse_params(self, request: web.Request) -> JSONDict:
        """Parse query string plus a JSON, urlencoded or multipart body into params."""
        params: JSONDict = {k: self._coerce(k, v) for k, v in request.query.items()}
        if request.method not in ("POST", "PUT") or not request.body_exists:
            return params
        ctype = request.content_type
        if ctype == "application/json":
            raw = await request.read()
            if raw.strip():
                body = json.loads(raw)
                if not isinstance(body, dict):
                    raise ValueError("JSON body must be an object")
                params.update(body)
            return params
        if ctype in ("application/x-www-form-urlencoded", "multipart/form-data"):
            form = await request.post()
            files: dict[str, JSONDict] = {}
            for key, value in form.items():
                if isinstance(value, web.FileField):
                    files[key] = {"filename": value.filename, "bytes": value.file.read()}
                elif isinstance(value, (bytes, bytearray)):
                    params[key] = self._coerce(key, bytes(value).decode("utf-8", "replace"))
                else:
                    params[key] = self._coerce(key, value)
            for key, value in list(params.items()):
                if isinstance(value, str) and value.startswith("attach://"):
                    ref = value[len("attach://") :]
                    if ref in files:
                        params[key] = files.pop(ref)
            params.update(files)
        return params

    async def _handle_api(self, request: web.Request) -> web.StreamResponse:
        """Route one Bot API call: auth, record, delay, injected failure, rate limit, method."""
        if request.match_info.get("token") != self.token:
            return self._error(401, "Unauthorized")
        method = request.match_info.get("method", "")
        key = method.lower()
        name = _CANONICAL.get(key, method)
        try:
            params = await self._parse_params(request)
        except Exception as exc:  # noqa: BLE001 - odd input must become a 400, not a crash
            self.calls.append((name, {}))
            return self._error(400, f"Bad Request: can't parse request body: {exc}")
        self.calls.append((name, params))
        self._observe({"method": name, "params": params})

        delay = self._take_delay(key)
        if delay > 0:
            await self._sleep(delay)
        held = key in self._holds
        if held:
            self.held += 1
            await self._release.wait()
        if (held and self._drop_held) or (
                (delay > 0 or held) and (request.transport is None or request.transport.is_closing())):
            # the client went away while the request waited: it is never processed (and never delivered)
            self.dropped += 1
            return web.Response(status=499)
        rule = self._take_failure(key, params)
        if rule is not None:
            return self._error(rule["status"], rule["description"], rule["retry_after"])

        handler = self._handlers.get(key)
        if handler is None:
            return self._error(404, "Not Found")

        is_send = key.startswith("send")
        if is_send and self.rate_limit_per_s:
            now = time.monotonic()
            window = self._window
            while window and window[0] <= now - 1.0:
                window.popleft()
            if len(window) >= self.rate_limit_per_s:
                self.rejected_429 += 1
                return self._error(429, "Too Many Requests: retry after 1", 1)
            window.append(now)

        try:
            result = handler(params)
            if inspect.isawaitable(result):
                result = await result
        except TelegramApiError as exc:
            return self._error(exc.status, exc.description, exc.retry_after)
        except asyncio.CancelledError:
            raise
        except Exception as exc:  # noqa: BLE001 - a fake bug must not kill the server
            _LOGGER.exception("FakeTelegram handler for %s failed", name)
            return self._error(500, f"Internal Server Error: fake failed: {exc!r}")

        if is_send and isinstance(result, dict) and "chat" in result:
            self.per_chat_counts[result["chat"]["id"]] += 1
        if key in _SENT_METHODS and isinstance(result, dict):
            snapshot = dict(result)
            self._sent.append(snapshot)
            self._sent_by_chat[snapshot["chat"]["id"]].append(snapshot)
            self._observe(snapshot)
        late = self._take_delay(key, self._late)
        if late > 0:
            await self._sleep(late)
        return self._ok(result)

    async def _handle_file(self, request: web.Request) -> web.StreamResponse:
        """Serve file bytes for File.download_* (GET /file/bot<token>/<file_path>)."""
        if request.match_info.get("token") != self.token:
            return self._error(401, "Unauthorized")
        path = request.match_info.get("path", "")
        for info in self._files.values():
            if info["file_path"] == path:
                return web.Response(body=info["bytes"], content_type="application/octet-stream")
        return self._error(404, "Not Found")

    # ------------------------------------------------------------------ param helpers

    @staticmethod
    def _require(params: JSONDict, key: str) -> Any:
        """Return a required param or raise 400 like Telegram."""
        value = params.get(key)
        if value is None or value == "":
            raise TelegramApiError(400, f"Bad Request: {key} is empty")
        return value

    def _chat_id(self, params: JSONDict) -> int:
        """The chat_id param as int (400 for missing or @usernames the fake doesn't know)."""
        raw = self._require(params, "chat_id")
        try:
            return int(raw)
        except (TypeError, ValueError):
            raise TelegramApiError(400, "Bad Request: chat not found") from None

    def _message_ref(self, params: JSONDict) -> tuple[int, int]:
        """The (chat_id, message_id) params as ints."""
        chat_id = self._chat_id(params)
        try:
            message_id = int(self._require(params, "message_id"))
        except (TypeError, ValueError):
            raise TelegramApiError(
                400, "Bad Request: message identifier is not specified"
            ) from None
        return chat_id, message_id

    @staticmethod
    def _check_reply_markup(markup: Any) -> JSONDict | None:
        """Validate reply_markup; return it if it is an inline keyboard (the part echoed)."""
        if markup is None:
            return None
        if not isinstance(markup, dict):
            raise TelegramApiError(
                400, "Bad Request: can't parse reply keyboard markup JSON object"
            )
        rows = markup.get("inline_keyboard")
        if rows is not None:
            if not isinstance(rows, list):
                raise TelegramApiError(
                    400, 'Bad Request: field "inline_keyboard" must be an Array'
                )
            for row in rows:
                for button in row if isinstance(row, list) else ():
                    data = button.get("callback_data") if isinstance(button, dict) else None
                    too_long = len(str(data).encode("utf-8")) > MAX_CALLBACK_DATA_BYTES
                    if isinstance(data, str) and too_long:
                        raise TelegramApiError(400, "Bad Request: BUTTON_DATA_INVALID")
            return markup
        # Reply keyboards / ReplyKeyboardRemove / ForceReply are accepted (and visible in
        # `calls`) but, as on Telegram, never attached to the returned Message: PTB parses
        # Message.reply_markup as InlineKeyboardMarkup and would crash on anything else.
        return None

    @staticmethod
    def _render_text(text: Any, parse_mode: Any, *, limit: int, what: str) -> str:
        """Apply parse_mode (HTML is validated and stripped) and enforce the length limit."""
        if not isinstance(text, str):
            text = json.dumps(text) if not isinstance(text, (int, float)) else str(text)
        plain = _html_to_plain(text) if str(parse_mode or "").upper() == "HTML" else text
        if what == "text" and not plain.strip():
            raise TelegramApiError(400, "Bad Request: message text is empty")
        if _utf16_len(plain) > limit:
            raise TelegramApiError(
                400,
                "Bad Request: message is too long"
                if what == "text"
                else "Bad Request: message caption is too long",
            )
        return plain

    def _new_message(self, chat_id: int, params: JSONDict) -> JSONDict:
        """Allocate a bot Message dict in chat_id with the common echoed fields."""
        self._msg_counters[chat_id] += 1
        msg: JSONDict = {
            "message_id": self._msg_counters[chat_id],
            "from": self.bot_user,
            "chat": self._chat(chat_id),
            "date": int(time.time()),
        }
        reply_to = params.get("reply_to_message_id")
        reply_params = params.get("reply_parameters")
        if isinstance(reply_params, dict):
            reply_to = reply_params.get("message_id", reply_to)
        if reply_to is not None:
            try:
                original = self._messages.get((chat_id, int(reply_to)))
            except (TypeError, ValueError):
                original = None
            if original is not None:
                msg["reply_to_message"] = {
                    k: v for k, v in original.items() if k != "reply_to_message"
                }
        return msg

    def _store_file(self, kind: str, upload: Any, default_name: str) -> JSONDict:
        """Register an uploaded file (or reuse a known file_id/URL) and return its record."""
        if isinstance(upload, str):
            known = self._files.get(upload)
            if known is not None:
                return known
            data, filename = b"", upload.rsplit("/", 1)[-1] or default_name
        elif isinstance(upload, dict) and isinstance(upload.get("bytes"), bytes):
            data, filename = upload["bytes"], upload.get("filename") or default_name
        else:
            raise TelegramApiError(400, f"Bad Request: there is no {kind} in the request")
        n = next(self._file_counter)
        prefix = {"photo": "AgACAgIAAxkBAAI", "document": "BQACAgIAAxkBAAI"}.get(kind, "CAACAgIAAx")
        file_id = f"{prefix}{n:06d}fake"
        default_ext = "jpg" if kind == "photo" else "bin"
        ext = filename.rsplit(".", 1)[-1] if "." in filename else default_ext
        record: JSONDict = {
            "file_id": file_id,
            "file_unique_id": f"AQAD{n:06d}",
            "bytes": data,
            "file_size": len(data),
            "file_name": filename,
            "file_path": f"{kind}s/file_{n}.{ext}",
        }
        self._files[file_id] = record
        return record

    def _apply_caption(self, msg: JSONDict, params: JSONDict) -> None:
        """Copy caption and reply_markup params into a media message."""
        if params.get("caption") not in (None, ""):
            msg["caption"] = self._render_text(
                params["caption"], params.get("parse_mode"), limit=MAX_CAPTION_LENGTH,
                what="caption",
            )
        markup = self._check_reply_markup(params.get("reply_markup"))
        if markup is not None:
            msg["reply_markup"] = markup

    # ------------------------------------------------------------------ methods

    @staticmethod
    def _true(params: JSONDict) -> bool:
        """Methods that just answer True."""
        return True

    def _get_me(self, params: JSONDict) -> JSONDict:
        """getMe: the bot user with the getMe-only capability fields."""
        return {
            **self.bot_user,
            "can_join_groups": True,
            "can_read_all_group_messages": False,
            "supports_inline_queries": False,
            "can_connect_to_business": False,
            "has_main_web_app": False,
        }

    async def _get_updates(self, params: JSONDict) -> list[JSONDict]:
        """getUpdates with offset confirmation, limit and long polling up to `timeout` seconds."""
        if self._webhook.get("url"):
            raise TelegramApiError(
                409,
                "Conflict: can't use getUpdates method while webhook is active; "
                "use deleteWebhook to delete the webhook first",
            )
        try:
            offset = int(params.get("offset") or 0)
            limit = min(100, max(1, int(params.get("limit") or 100)))
            timeout = min(MAX_LONG_POLL_SECONDS, max(0.0, float(params.get("timeout") or 0)))
        except (TypeError, ValueError):
            raise TelegramApiError(400, "Bad Request: wrong parameter value") from None
        pending = self._pending
        if offset > 0:
            while pending and pending[0]["update_id"] < offset:
                pending.popleft()
        elif offset < 0:
            while len(pending) > -offset:
                pending.popleft()
        if not pending and timeout > 0 and not self._stopping.is_set():
            event = self._update_event
            try:
                await asyncio.wait_for(event.wait(), timeout)
            except TimeoutError:
                pass
        return list(itertools.islice(pending, limit))

    def _delete_webhook(self, params: JSONDict) -> bool:
        """deleteWebhook (drop_pending_updates clears the queue)."""
        self._webhook = {"url": ""}
        if params.get("drop_pending_updates"):
            self._pending.clear()
        return True

    def _set_webhook(self, params: JSONDict) -> bool:
        """setWebhook: remembers the URL (getUpdates then answers 409 like Telegram)."""
        url = params.get("url") or ""
        if url and not str(url).startswith("https://"):
            raise TelegramApiError(
                400, "Bad Request: bad webhook: An HTTPS URL must be provided for webhook"
            )
        self._webhook = {k: v for k, v in params.items() if k != "certificate"}
        self._webhook["url"] = url
        if params.get("drop_pending_updates"):
            self._pending.clear()
        return True

    def _get_webhook_info(self, params: JSONDict) -> JSONDict:
        """getWebhookInfo for the remembered webhook."""
        info: JSONDict = {
            "url": self._webhook.get("url", ""),
            "has_custom_certificate": False,
            "pending_update_count": len(self._pending),
        }
        if self._webhook.get("max_connections"):
            info["max_connections"] = self._webhook["max_connections"]
        if self._webhook.get("allowed_updates"):
            info["allowed_updates"] = self._webhook["allowed_updates"]
        return info

    @staticmethod
    def _commands_key(params: JSONDict) -> str:
        """Key commands by scope and language_code, as Telegram does."""
        scope = params.get("scope") or {"type": "default"}
        return json.dumps([scope, params.get("language_code") or ""], sort_keys=True)

    def _set_my_commands(self, params: JSONDict) -> bool:
        """setMyCommands: store the command list."""
        commands = params.get("commands")
        if not isinstance(commands, list) or not all(
            isinstance(c, dict) and "command" in c and "description" in c for c in commands
        ):
            raise TelegramApiError(400, "Bad Request: can't parse commands JSON object")
        self._commands[self._commands_key(params)] = commands
        return True

    def _get_my_commands(self, params: JSONDict) -> list[JSONDict]:
        """getMyCommands: the stored command list for scope/language."""
        return self._commands.get(self._commands_key(params), [])

    def _delete_my_commands(self, params: JSONDict) -> bool:
        """deleteMyCommands: forget the command list for scope/language."""
        self._commands.pop(self._commands_key(params), None)
        return True

    def _send_message(self, params: JSONDict) -> JSONDict:
        """sendMessage: returns the new Message (text, reply_markup echoed)."""
        chat_id = self._chat_id(params)
        if params.get("text") in (None, ""):
            raise TelegramApiError(400, "Bad Request: message text is empty")
        text = self._render_text(
            params["text"], params.get("parse_mode"), limit=MAX_TEXT_LENGTH, what="text"
        )
        markup = self._check_reply_markup(params.get("reply_markup"))
        msg = self._new_message(chat_id, params)
        msg["text"] = text
        if isinstance(params.get("entities"), list):
            msg["entities"] = params["entities"]
        if markup is not None:
            msg["reply_markup"] = markup
        self._messages[(chat_id, msg["message_id"])] = msg
        return msg

    def _edited_target(self, params: JSONDict) -> tuple[int, int, JSONDict] | None:
        """Find the message an edit refers to (None for inline messages)."""
        if params.get("inline_message_id") and params.get("chat_id") is None:
            return None
        chat_id, message_id = self._message_ref(params)
        msg = self._messages.get((chat_id, message_id))
        if msg is None:
            raise TelegramApiError(400, "Bad Request: message to edit not found")
        return chat_id, message_id, msg

    def _edit_message_text(self, params: JSONDict) -> JSONDict | bool:
        """editMessageText: updates text (and drops reply_markup unless given, like Telegram)."""
        target = self._edited_target(params)
        if params.get("text") in (None, ""):
            raise TelegramApiError(400, "Bad Request: message text is empty")
        text = self._render_text(
            params["text"], params.get("parse_mode"), limit=MAX_TEXT_LENGTH, what="text"
        )
        markup = self._check_reply_markup(params.get("reply_markup"))
        if target is None:
            return True
        chat_id, message_id, msg = target
        if "text" not in msg:
            raise TelegramApiError(400, "Bad Request: there is no text in the message to edit")
        if msg.get("text") == text and msg.get("reply_markup") == markup:
            raise TelegramApiError(
                400,
                "Bad Request: message is not modified: specified new message content and reply "
                "markup are exactly the same as a current content and reply markup of the message",
            )
        new = {k: v for k, v in msg.items() if k not in ("reply_markup", "entities")}
        new["text"] = text
        new["edit_date"] = int(time.time())
        if markup is not None:
            new["reply_markup"] = markup
        if isinstance(params.get("entities"), list):
            new["entities"] = params["entities"]
        self._messages[(chat_id, message_id)] = new
        return new

    def _edit_message_reply_markup(self, params: JSONDict) -> JSONDict | bool:
        """editMessageReplyMarkup: replaces or removes the inline keyboard."""
        target = self._edited_target(params)
        markup = self._check_reply_markup(params.get("reply_markup"))
        if target is None:
            return True
        chat_id, message_id, msg = target
        if msg.get("reply_markup") == markup:
            raise TelegramApiError(
                400,
                "Bad Request: message is not modified: specified new message content and reply "
                "markup are exactly the same as a current content and reply markup of the message",
            )
        new = {k: v for k, v in msg.items() if k != "reply_markup"}
        new["edit_date"] = int(time.time())
        if markup is not None:
            new["reply_markup"] = markup
        self._messages[(chat_id, message_id)] = new
        return new

    def _answer_callback_query(self, params: JSONDict) -> bool:
        """answerCallbackQuery: True for query ids this fake issued."""
        query_id = str(self._require(params, "callback_query_id"))
        if query_id not in self._callback_ids:
            raise TelegramApiError(
                400,
                "Bad Request: query is too old and response timeout expired or query ID is invalid",
            )
        text = params.get("text")
        if isinstance(text, str) and len(text) > 200:
            raise TelegramApiError(400, "Bad Request: MESSAGE_TOO_LONG")
        return True

    def _send_chat_action(self, params: JSONDict) -> bool:
        """sendChatAction: True."""
        self._chat_id(params)
        self._require(params, "action")
        return True

    def _send_photo(self, params: JSONDict) -> JSONDict:
        """sendPhoto: stores the upload and returns a Message with photo sizes."""
        chat_id = self._chat_id(params)
        record = self._store_file("photo", params.get("photo"), "photo.jpg")
        width, height = _image_size(record["bytes"])
        small_w, small_h = _scaled(width, height, 90)
        big_w, big_h = _scaled(width, height, 1280)
        thumb_id = f"{record['file_id']}s"
        if thumb_id not in self._files:
            self._files[thumb_id] = {**record, "file_id": thumb_id,
                                     "file_unique_id": f"{record['file_unique_id']}s",
                                     "file_path": f"{record['file_path']}.thumb.jpg"}
        msg = self._new_message(chat_id, params)
        msg["photo"] = [
            {"file_id": thumb_id, "file_unique_id": f"{record['file_unique_id']}s",
             "file_size": record["file_size"], "width": small_w, "height": small_h},
            {"file_id": record["file_id"], "file_unique_id": record["file_unique_id"],
             "file_size": record["file_size"], "width": big_w, "height": big_h},
        ]
        self._apply_caption(msg, params)
        self._messages[(chat_id, msg["message_id"])] = msg
        return msg

    def _send_document(self, params: JSONDict) -> JSONDict:
        """sendDocument: stores the upload and returns a Message with a Document."""
        chat_id = self._chat_id(params)
        record = self._store_file("document", params.get("document"), "document.bin")
        msg = self._new_message(chat_id, params)
        msg["document"] = {
            "file_id": record["file_id"],
            "file_unique_id": record["file_unique_id"],
            "file_name": record["file_name"],
            "mime_type": mimetypes.guess_type(record["file_name"])[0] or "application/octet-stream",
            "file_size": record["file_size"],
        }
        self._apply_caption(msg, params)
        self._messages[(chat_id, msg["message_id"])] = msg
        return msg

    def _get_file(self, params: JSONDict) -> JSONDict:
        """getFile: file_path usable with base_file_url for known file_ids."""
        record = self._files.get(str(self._require(params, "file_id")))
        if record is None:
            raise TelegramApiError(400, "Bad Request: invalid file_id")
        return {
            "file_id": record["file_id"],
            "file_unique_id": record["file_unique_id"],
            "file_size": record["file_size"],
            "file_path": record["file_path"],
        }

    def _delete_message(self, params: JSONDict) -> bool:
        """deleteMessage: forgets a stored message."""
        chat_id, message_id = self._message_ref(params)
        if self._messages.pop((chat_id, message_id), None) is None:
            raise TelegramApiError(400, "Bad Request: message to delete not found")
        return True

    def set_admins(self, chat_id: int, user_ids: list[int], *, creator: int | None = None) -> None:
        """Make these users the administrators (and `creator` the creator) of a group chat, for getChatMember."""
        self._admins[chat_id] = {uid: "administrator" for uid in user_ids}
        if creator is not None:
            self._admins[chat_id][creator] = "creator"

    def _get_chat_member(self, params: JSONDict) -> JSONDict:
        """getChatMember: creator / administrator as set with set_admins, else member."""
        chat_id = self._chat_id(params)
        user_id = int(self._require(params, "user_id"))
        user = self._users.get(user_id) or {"id": user_id, "is_bot": False, "first_name": "Test"}
        if chat_id > 0:
            raise TelegramApiError(400, "Bad Request: chat member status can't be checked in private chats")
        status = self._admins.get(chat_id, {}).get(user_id)
        if status == "creator":
            return {"status": "creator", "user": user, "is_anonymous": False}
        if status == "administrator":
            return {"status": "administrator", "user": user, "can_be_edited": False, "is_anonymous": False,
                    "can_manage_chat": True, "can_delete_messages": True, "can_manage_video_chats": True,
                    "can_restrict_members": True, "can_promote_members": False, "can_change_info": True,
                    "can_invite_users": True, "can_post_stories": False, "can_edit_stories": False,
                    "can_delete_stories": False}
        return {"status": "member", "user": user}

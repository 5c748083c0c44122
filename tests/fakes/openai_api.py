"""A scripted fake of the OpenAI HTTP API (chat completions, models, embeddings) on aiohttp.

Usage::

    fake = FakeOpenAI([reply_text("Hi!")])
    await fake.start()
    llm = ChatOpenAI(base_url=fake.base_url, api_key="test", model="fake", max_retries=0)
    assert (await llm.ainvoke("hello")).content == "Hi!"
    assert fake.requests[0]["messages"][0]["content"] == "hello"
    await fake.stop()

Each POST /v1/chat/completions consumes the next script item, in order. Items are the
values returned by reply_text / reply_tool_calls / reply_json / fail / hang / garbage /
malformed_tool_call / text_tool_call / looping / slow, a plain str (shorthand for reply_text), or a
callable ``(request_body) -> item`` (sync or async) that decides from the request. An empty script
answers 500 (with ``x-should-retry: false``) so unscripted calls fail loudly.

Like a real server, the fake honours ``max_tokens`` (about 4 characters a token: longer content is cut,
finish_reason "length") and ``stop`` strings, and has a capability profile: ``tools_param=False`` answers
400 to any request carrying ``tools``, ``native_tools=False`` turns scripted tool calls into Hermes text
(``<tool_call>{...}</tool_call>``) as small local models write them, ``json_schema=False`` /
``json_mode=False`` answer 400 to those response formats. Capability probes (a tool or schema named
``capability_probe``) are answered from that profile without consuming the script; they are kept in
``probes``, not ``requests``. Streams that the client closes early are counted in ``cancelled``.
"""

from __future__ import annotations

import asyncio
import base64
import collections
import dataclasses
import hashlib
import inspect
import itertools
import json
import logging
import math
import socket
import struct
import time
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from aiohttp import web

__all__ = [
    "FakeOpenAI",
    "Reply",
    "fail",
    "garbage",
    "hang",
    "malformed_tool_call",
    "reply_json",
    "reply_text",
    "reply_tool_calls",
    "text_tool_call",
    "looping",
    "slow",
]

_LOGGER = logging.getLogger(__name__)

JSONDict = dict[str, Any]
EMBEDDING_DIM = 64

_ERROR_TYPES: dict[int, tuple[str, str | None, str]] = {
    400: ("invalid_request_error", None, "Invalid request."),
    401: ("invalid_request_error", "invalid_api_key", "Incorrect API key provided."),
    403: ("permission_error", None, "You are not allowed to perform this request."),
    404: ("invalid_request_error", "model_not_found", "The model does not exist."),
    429: ("requests", "rate_limit_exceeded", "Rate limit reached. Please try again later."),
    500: ("server_error", None, "The server had an error while processing your request."),
    502: ("server_error", None, "Bad gateway."),
    503: ("server_error", None, "The engine is currently overloaded, please try again later."),
}


@dataclass(frozen=True)
class Reply:
    """One scripted answer to a chat completion request."""

    kind: Literal["message", "fail", "hang", "garbage"]
    content: str | None = None
    tool_calls: tuple[JSONDict, ...] = ()
    finish_reason: str = "stop"
    prompt_tokens: int | None = None
    completion_tokens: int | None = None
    status: int = 200
    message: str | None = None
    retry_after: float | None = None
    seconds: float = 0.0
    then: Reply | None = None
    body: str = ""
    content_type: str = "application/json"
    loop: bool = False  # repeat content until max_tokens (a model stuck in a loop)
    chunk_delay: float = 0.0  # seconds between streamed chunks (a slow model)


ScriptItem = Reply | str | Callable[[JSONDict], Any]


def reply_text(
    text: str, *, prompt_tokens: int | None = None, completion_tokens: int | None = None
) -> Reply:
    """An assistant message with text content (finish_reason "stop")."""
    return Reply("message", content=text, prompt_tokens=prompt_tokens,
                 completion_tokens=completion_tokens)


def reply_json(
    obj: Any, *, prompt_tokens: int | None = None, completion_tokens: int | None = None
) -> Reply:
    """An assistant message whose content is json.dumps(obj) (structured output / json mode)."""
    return reply_text(json.dumps(obj, ensure_ascii=False), prompt_tokens=prompt_tokens,
                      completion_tokens=completion_tokens)


def _tool_call(name: str, arguments: Any, call_id: str | None = None) -> JSONDict:
    """One OpenAI tool_call entry (dict args JSON-encoded, str verbatim; id filled when served)."""
    args = arguments if isinstance(arguments, str) else json.dumps(arguments, ensure_ascii=False)
    return {
        "id": call_id,
        "type": "function",
        "function": {"name": name, "arguments": args},
    }


def reply_tool_calls(
    calls: Sequence[tuple[str, Any] | tuple[str, Any, str]],
    *,
    content: str | None = None,
    prompt_tokens: int | None = None,
    completion_tokens: int | None = None,
) -> Reply:
    """An assistant message with tool_calls [(name, args) or (name, args, id)], ids generated."""
    tool_calls = tuple(_tool_call(*c) for c in calls)
    return Reply("message", content=content, tool_calls=tool_calls, finish_reason="tool_calls",
                 prompt_tokens=prompt_tokens, completion_tokens=completion_tokens)


def malformed_tool_call(
    name: str = "search_knowledge", arguments: str = '{"query": "unterminated'
) -> Reply:
    """An assistant message with a tool call whose arguments are not valid JSON."""
    return Reply("message", tool_calls=(_tool_call(name, arguments),), finish_reason="tool_calls")


TEXT_FORMS = ("hermes", "tools", "bare", "doubled", "fenced", "list", "unclosed")


def text_tool_call(name: str, arguments: Any, form: str = "hermes", *, prefix: str = "",
                   suffix: str = "") -> Reply:
    """A tool call written in the message text, in one of the forms small models use (TEXT_FORMS)."""
    call = json.dumps({"name": name, "arguments": arguments}, ensure_ascii=False)
    body = {
        "hermes": f"<tool_call>\n{call}\n</tool_call>",
        "tools": f"<tools>{call}</tools>",
        "bare": call,
        "doubled": call.replace("{", "{{").replace("}", "}}"),
        "fenced": f"```json\n{call}\n```",
        "list": f"[{call}]",
        "unclosed": f"<tool_call>\n{call[:-2]}",  # cut before its last braces, as at max_tokens
    }[form]
    return reply_text(prefix + body + suffix)


def looping(text: str = "I will keep talking about training. ", *, chunk_delay: float = 0.0) -> Reply:
    """A model that never stops: `text` repeated until max_tokens (or 4096 tokens without a limit)."""
    return Reply("message", content=text, loop=True, finish_reason="length", chunk_delay=chunk_delay)


def slow(text: str, chunk_delay: float) -> Reply:
    """A text answer streamed one word every `chunk_delay` seconds (non-streamed: sent after the whole delay)."""
    return Reply("message", content=text, chunk_delay=chunk_delay)


def fail(
    status: int = 500, *, message: str | None = None, retry_after: float | None = None
) -> Reply:
    """An HTTP error with an OpenAI error body (retry_after sets the retry-after header)."""
    return Reply("fail", status=status, message=message, retry_after=retry_after)


def hang(seconds: float, *, then: Reply | None = None) -> Reply:
    """Stall seconds before answering `then` (default: a 504 error) — to provoke timeouts."""
    return Reply("hang", seconds=seconds, then=then)


def garbage(
    body: str = "<html><body>502 upstream garbage</body></html>",
    *,
    content_type: str = "application/json",
) -> Reply:
    """HTTP 200 whose body is not JSON (by default while claiming application/json)."""
    return Reply("garbage", body=body, content_type=content_type)


def _text_of(content: Any) -> str:
    """Concatenated text of a message content (str or list of parts)."""
    if isinstance(content, str):
        return content
    if isinstance(content, list):
        parts = []
        for part in content:
            if isinstance(part, dict):
                text = part.get("text")
                if isinstance(text, str):
                    parts.append(text)
            elif isinstance(part, str):
                parts.append(part)
        return "".join(parts)
    return ""


def rough_prompt_tokens(body: JSONDict) -> int:
    """Rough prompt size: total characters of the request messages // 4 (at least 1)."""
    total = 0
    messages = body.get("messages")
    if isinstance(messages, list):
        for msg in messages:
            if not isinstance(msg, dict):
                continue
            total += len(_text_of(msg.get("content")))
            if msg.get("tool_calls"):
                total += len(json.dumps(msg["tool_calls"]))
    return max(1, total // 4)


def _embedding(text: str, dim: int) -> list[float]:
    """Deterministic unit vector of dimension dim derived from sha256 of text."""
    values: list[float] = []
    for block in itertools.count():
        digest = hashlib.sha256(f"{block}:{text}".encode()).digest()
        for i in range(0, 32, 4):
            values.append(int.from_bytes(digest[i : i + 4], "little") / 2**31 - 1.0)
        if len(values) >= dim:
            break
    values = values[:dim]
    norm = math.sqrt(sum(v * v for v in values)) or 1.0
    return [v / norm for v in values]


class FakeOpenAI:
    """Scripted OpenAI-compatible server, served over real HTTP on 127.0.0.1."""

    def __init__(
        self,
        script: list[ScriptItem] | None = None,
        *,
        fallback: ScriptItem | None = None,
        models: Sequence[str] = ("fake",),
        tools_param: bool = True,
        native_tools: bool = True,
        json_schema: bool = True,
        json_mode: bool = True,
    ) -> None:
        """Create with an initial script; `fallback` (if given) answers once the script is empty."""
        self.tools_param = tools_param
        self.native_tools = native_tools
        self.json_schema = json_schema
        self.json_mode = json_mode
        self.probes: list[JSONDict] = []
        self.cancelled = 0
        self._script: collections.deque[ScriptItem] = collections.deque(script or ())
        self.fallback = fallback
        self.models = list(models)
        self.requests: list[JSONDict] = []
        self.served = 0
        self.port = 0
        self.root_url = ""
        self.base_url = ""
        self._ids = itertools.count(1)
        self._stopping = asyncio.Event()
        self._runner: web.AppRunner | None = None

    # ------------------------------------------------------------------ lifecycle

    async def start(self) -> None:
        """Bind 127.0.0.1 on a free port and start serving."""
        app = web.Application(client_max_size=32 * 1024 * 1024)
        app.router.add_post("/v1/chat/completions", self._chat_completions)
        app.router.add_get("/v1/models", self._list_models)
        app.router.add_get("/v1/models/{model}", self._get_model)
        app.router.add_post("/v1/embeddings", self._embeddings)
        app.router.add_route("*", "/{tail:.*}", self._not_found)
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
        self.base_url = f"{self.root_url}/v1"

    async def stop(self) -> None:
        """Release hanging requests and shut the server down."""
        self._stopping.set()
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def __aenter__(self) -> FakeOpenAI:
        """Start the server when used as an async context manager."""
        await self.start()
        return self

    async def __aexit__(self, *exc: object) -> None:
        """Stop the server on leaving the context."""
        await self.stop()

    # ------------------------------------------------------------------ script

    def push(self, item: ScriptItem) -> None:
        """Append a scripted reply (Reply, str shorthand, or callable(request_body) -> item)."""
        self._script.append(item)

    @property
    def remaining(self) -> int:
        """Number of scripted items not yet consumed."""
        return len(self._script)

    # ------------------------------------------------------------------ helpers

    @staticmethod
    def _error(
        status: int,
        message: str | None = None,
        *,
        headers: dict[str, str] | None = None,
        param: str | None = None,
    ) -> web.Response:
        """An OpenAI-style error response {"error": {message, type, param, code}}."""
        etype, code, default = _ERROR_TYPES.get(
            status, ("server_error" if status >= 500 else "invalid_request_error", None,
                     f"Error {status}")
        )
        body = {"error": {"message": message or default, "type": etype, "param": param,
                          "code": code}}
        return web.json_response(body, status=status, headers=headers)

    def _request_headers(self) -> dict[str, str]:
        """Headers sent with every answer."""
        return {"x-request-id": f"req_fake_{next(self._ids)}"}

    @staticmethod
    def _authorized(request: web.Request) -> bool:
        """True when a non-empty Bearer API key is present."""
        auth = request.headers.get("Authorization", "")
        return auth.startswith("Bearer ") and bool(auth[len("Bearer ") :].strip())

    async def _read_json(self, request: web.Request) -> JSONDict | web.Response:
        """Parse and record a JSON object body, or return a 400 error response."""
        try:
            raw = await request.read()
            body = json.loads(raw) if raw else None
        except (ValueError, UnicodeDecodeError):
            return self._error(400, "We could not parse the JSON body of your request.")
        if not isinstance(body, dict):
            return self._error(400, "The request body must be a JSON object.")
        self.requests.append(body)
        if not self._authorized(request):
            return self._error(
                401, "You didn't provide an API key. Provide it as a Bearer token."
            )
        return body

    async def _sleep(self, seconds: float) -> bool:
        """Sleep seconds; return False if the server started stopping meanwhile."""
        try:
            await asyncio.wait_for(self._stopping.wait(), max(0.0, seconds))
        except TimeoutError:
            return True
        return False

    async def _resolve(self, body: JSONDict) -> Reply | web.Response:
        """Pop the next script item (calling callables) and normalise it to a Reply."""
        if self._script:
            item: Any = self._script.popleft()
        elif self.fallback is not None:
            item = self.fallback
        else:
            return self._error(
                500,
                f"FakeOpenAI: script is empty - push() a reply for every expected chat "
                f"completion (this was request #{len(self.requests)})",
                headers={"x-should-retry": "false"},
            )
        try:
            for _ in range(5):  # a callable may return another callable or an awaitable
                if isinstance(item, (Reply, str)):
                    break
                if callable(item):
                    item = item(body)
                if inspect.isawaitable(item):
                    item = await item
        except asyncio.CancelledError:
            raise
        except Exception as exc:  # noqa: BLE001 - a broken script must not kill the server
            _LOGGER.exception("FakeOpenAI script callable failed")
            return self._error(500, f"FakeOpenAI: script callable raised {exc!r}",
                               headers={"x-should-retry": "false"})
        if isinstance(item, str):
            item = reply_text(item)
        if not isinstance(item, Reply):
            return self._error(
                500, f"FakeOpenAI: script item must be a Reply, str or callable, got {item!r}",
                headers={"x-should-retry": "false"},
            )
        return item

    # ------------------------------------------------------------------ capabilities

    @staticmethod
    def _is_probe(body: JSONDict) -> bool:
        """A capability probe: its messages name capability_probe."""
        return any("capability_probe" in _text_of(m.get("content")) for m in body.get("messages") or []
                   if isinstance(m, dict))

    def _refuse(self, body: JSONDict) -> web.Response | None:
        """400 for what this server's capability profile does not support."""
        if body.get("tools") and not self.tools_param:
            return self._error(400, "tools are not supported by this server", param="tools")
        fmt = body.get("response_format")
        kind = fmt.get("type") if isinstance(fmt, dict) else None
        if (kind == "json_schema" and not self.json_schema) or (kind == "json_object" and not self.json_mode):
            return self._error(400, f"response_format {kind} is not supported", param="response_format")
        return None

    def _probe_reply(self, body: JSONDict) -> Reply:
        if body.get("tools"):
            return reply_tool_calls([("capability_probe", {"status": "ok"})])
        return reply_json({"ok": True})

    def _shape(self, body: JSONDict, reply: Reply) -> Reply:
        """Apply the server's side: text tool calls when not native, loops, stop strings, max_tokens."""
        content, calls, finish = reply.content, reply.tool_calls, reply.finish_reason
        if calls and not self.native_tools:
            written = [json.dumps({"name": c["function"]["name"],
                                   "arguments": json.loads(c["function"]["arguments"] or "{}")})
                       for c in calls]
            content = (content or "") + "".join(f"<tool_call>\n{w}\n</tool_call>" for w in written)
            calls, finish = (), "stop"
        limit = body.get("max_tokens") or body.get("max_completion_tokens")
        if reply.loop:
            budget = 4 * int(limit or 4096)
            content = ((reply.content or "x") * (budget // max(1, len(reply.content or "x")) + 1))[:budget]
        for stop in body.get("stop") or []:
            if content and isinstance(stop, str) and stop in content:
                content, finish = content.split(stop, 1)[0], "stop"
        if limit and content and len(content) > 4 * int(limit):
            content, finish = content[: 4 * int(limit)], "length"
        return dataclasses.replace(reply, content=content, tool_calls=calls, finish_reason=finish)

    # ------------------------------------------------------------------ endpoints

    async def _not_found(self, request: web.Request) -> web.StreamResponse:
        """Any other path: OpenAI-style 404."""
        return self._error(404, f"Invalid URL ({request.method} {request.path})")

    async def _list_models(self, request: web.Request) -> web.StreamResponse:
        """GET /v1/models."""
        now = int(time.time())
        data = [{"id": m, "object": "model", "created": now, "owned_by": "fitcoach-tests"}
                for m in self.models]
        return web.json_response({"object": "list", "data": data})

    async def _get_model(self, request: web.Request) -> web.StreamResponse:
        """GET /v1/models/{model} (any id is reported as existing)."""
        return web.json_response({"id": request.match_info["model"], "object": "model",
                                  "created": int(time.time()), "owned_by": "fitcoach-tests"})

    async def _embeddings(self, request: web.Request) -> web.StreamResponse:
        """POST /v1/embeddings: deterministic hash-based vectors (float or base64)."""
        body = await self._read_json(request)
        if isinstance(body, web.Response):
            return body
        inputs = body.get("input")
        if isinstance(inputs, str) or (
            isinstance(inputs, list) and inputs and all(isinstance(t, int) for t in inputs)
        ):
            inputs = [inputs]
        if not isinstance(inputs, list) or not inputs:
            return self._error(400, "'input' must be a non-empty string or array", param="input")
        try:
            dim = int(body.get("dimensions") or EMBEDDING_DIM)
        except (TypeError, ValueError):
            return self._error(400, "'dimensions' must be an integer", param="dimensions")
        dim = max(1, min(dim, 4096))
        b64 = body.get("encoding_format") == "base64"
        data = []
        tokens = 0
        for index, item in enumerate(inputs):
            text = item if isinstance(item, str) else json.dumps(item)
            tokens += max(1, len(text) // 4)
            vector = _embedding(text, dim)
            embedding: Any = (
                base64.b64encode(struct.pack(f"<{dim}f", *vector)).decode() if b64 else vector
            )
            data.append({"object": "embedding", "index": index, "embedding": embedding})
        return web.json_response(
            {"object": "list", "data": data, "model": body.get("model") or "fake-embedding",
             "usage": {"prompt_tokens": tokens, "total_tokens": tokens}},
            headers=self._request_headers(),
        )

    async def _chat_completions(self, request: web.Request) -> web.StreamResponse:
        """POST /v1/chat/completions: serve the next script item (JSON or SSE when stream)."""
        body = await self._read_json(request)
        if isinstance(body, web.Response):
            return body
        if not isinstance(body.get("messages"), list) or not body["messages"]:
            return self._error(400, "Missing required parameter: 'messages'.", param="messages")
        probe = self._is_probe(body)
        if probe:
            self.requests.pop()
            self.probes.append(body)
        refused = self._refuse(body)
        if refused is not None:
            return refused
        if probe:
            reply: Reply | web.Response = self._probe_reply(body)
        else:
            reply = await self._resolve(body)
        if isinstance(reply, web.Response):
            return reply
        self.served += 1

        if reply.kind == "hang":
            if not await self._sleep(reply.seconds):
                return self._error(503, "FakeOpenAI is shutting down")
            if reply.then is None:
                return self._error(504, "FakeOpenAI: hang() elapsed without a follow-up reply")
            reply = reply.then
        if reply.kind == "fail":
            headers = {"x-request-id": f"req_fake_{next(self._ids)}"}
            if reply.retry_after is not None:
                headers["retry-after"] = str(reply.retry_after)
            return self._error(reply.status, reply.message, headers=headers)
        if reply.kind == "garbage":
            return web.Response(text=reply.body, status=200,
                                headers={"Content-Type": reply.content_type})
        if reply.kind != "message":
            return self._error(500, f"FakeOpenAI: cannot serve {reply.kind!r} here")

        reply = self._shape(body, reply)
        message: JSONDict = {"role": "assistant", "content": reply.content, "refusal": None}
        if reply.tool_calls:
            message["tool_calls"] = [
                {**tc, "id": tc.get("id") or f"call_{uuid.uuid4().hex[:24]}",
                 "function": dict(tc["function"])}
                for tc in reply.tool_calls
            ]
        prompt_tokens = (
            reply.prompt_tokens if reply.prompt_tokens is not None else rough_prompt_tokens(body)
        )
        if reply.completion_tokens is not None:
            completion_tokens = reply.completion_tokens
        else:
            produced = (reply.content or "") + json.dumps(message.get("tool_calls") or [])
            completion_tokens = max(1, len(produced) // 4)
        usage = {
            "prompt_tokens": prompt_tokens,
            "completion_tokens": completion_tokens,
            "total_tokens": prompt_tokens + completion_tokens,
        }
        completion_id = f"chatcmpl-fake{next(self._ids)}"
        model = body.get("model") if isinstance(body.get("model"), str) else "fake"
        created = int(time.time())
        if body.get("stream") is True:
            return await self._stream(request, body, completion_id, model, created, message,
                                      reply.finish_reason, usage, reply.chunk_delay)
        if reply.chunk_delay:
            words = len((reply.content or "").split(" "))
            if not await self._sleep(reply.chunk_delay * words):
                return self._error(503, "FakeOpenAI is shutting down")
        return web.json_response(
            {
                "id": completion_id,
                "object": "chat.completion",
                "created": created,
                "model": model,
                "system_fingerprint": "fp_fake",
                "choices": [{"index": 0, "message": message, "logprobs": None,
                             "finish_reason": reply.finish_reason}],
                "usage": usage,
            },
            headers=self._request_headers(),
        )

    async def _stream(
        self,
        request: web.Request,
        body: JSONDict,
        completion_id: str,
        model: str,
        created: int,
        message: JSONDict,
        finish_reason: str,
        usage: JSONDict,
        chunk_delay: float = 0.0,
    ) -> web.StreamResponse:
        """Answer as server-sent events in OpenAI's chat.completion.chunk format."""
        options = body.get("stream_options")
        include_usage = isinstance(options, dict) and bool(options.get("include_usage"))
        response = web.StreamResponse(
            status=200,
            headers={"Content-Type": "text/event-stream", "Cache-Control": "no-cache",
                     **self._request_headers()},
        )
        await response.prepare(request)

        async def emit(delta: JSONDict | None, finish: str | None = None,
                       chunk_usage: JSONDict | None = None) -> None:
            """Write one chat.completion.chunk event."""
            chunk: JSONDict = {
                "id": completion_id,
                "object": "chat.completion.chunk",
                "created": created,
                "model": model,
                "system_fingerprint": "fp_fake",
                "choices": [] if delta is None else [
                    {"index": 0, "delta": delta, "logprobs": None, "finish_reason": finish}
                ],
            }
            if include_usage:
                chunk["usage"] = chunk_usage
            await response.write(f"data: {json.dumps(chunk)}\n\n".encode())

        try:
            await emit({"role": "assistant", "content": "", "refusal": None})
            content = message.get("content") or ""
            if content:
                words = content.split(" ")
                for i, word in enumerate(words):
                    if chunk_delay and not await self._sleep(chunk_delay):
                        break
                    await emit({"content": word if i == len(words) - 1 else word + " "})
        except (ConnectionResetError, asyncio.CancelledError):
            self.cancelled += 1  # the client closed the stream: a real server stops generating here
            raise
        for index, call in enumerate(message.get("tool_calls") or []):
            args = call["function"]["arguments"]
            half = len(args) // 2
            await emit({"tool_calls": [{"index": index, "id": call["id"], "type": "function",
                                        "function": {"name": call["function"]["name"],
                                                     "arguments": args[:half]}}]})
            await emit({"tool_calls": [{"index": index,
                                        "function": {"arguments": args[half:]}}]})
        await emit({}, finish_reason)
        if include_usage:
            await emit(None, chunk_usage=usage)
        await response.write(b"data: [DONE]\n\n")
        await response.write_eof()
        return response

"""PTB's network layer on aiohttp: the Bot API requests of the bot process (replies, the scheduler's sends).

PTB's default, HTTPXRequest, cost about 1.5 ms of CPU per request in the webhook benchmark (httpx and httpcore's
layers: 15 % of the process's CPU per update); aiohttp's client, already here for the webhook server, does the same
round trip for a fraction of that. PTB's BaseRequest keeps what it does for every network layer (building the
parameters, mapping HTTP status codes and Telegram's error envelope to telegram.error exceptions, 429's
retry_after): `do_request` only sends and returns (status, body), like HTTPXRequest.do_request, and raises
TimedOut or NetworkError the same way. Requests go as form fields (multipart with files), as HTTPXRequest sends them.

Timeouts (seconds, None = no limit): `pool_timeout` + `connect_timeout` to have a connection (aiohttp counts the
wait for a free pooled connection in its connect timeout), `connect_timeout` for a new TCP connection,
`read_timeout` between the bytes of the answer; aiohttp has no write timeout, so all four together bound the whole
request. A failure after the request may have reached Telegram (read timeout, the connection lost mid-answer, the
overall bound) has an `AnswerLost` as its cause: bot.telegram.sender.maybe_sent then never sends it again.
"""
from __future__ import annotations

import asyncio
from typing import Any

import aiohttp
from telegram._utils.defaultvalue import DefaultValue
from telegram.error import NetworkError, TimedOut
from telegram.request import BaseRequest, RequestData


class AnswerLost(Exception):
    """The request went out (or may have) and its answer never came: it may have been carried out."""


# failures after the request was (or may have been) written: the answer is what is missing
_AFTER_SENDING = (aiohttp.SocketTimeoutError, aiohttp.ServerDisconnectedError, aiohttp.ClientPayloadError,
                  aiohttp.ClientResponseError)


class AiohttpRequest(BaseRequest):
    """A telegram.request.BaseRequest on one aiohttp ClientSession (created by initialize(), closed by shutdown())."""

    __slots__ = ("_defaults", "_media_write_timeout", "_pool_size", "_proxy", "_session")

    def __init__(self, connection_pool_size: int = 256, read_timeout: float | None = 5.0,
                 write_timeout: float | None = 5.0, connect_timeout: float | None = 5.0,
                 pool_timeout: float | None = 1.0, media_write_timeout: float | None = 20.0,
                 proxy: str | None = None) -> None:
        self._pool_size = connection_pool_size
        self._defaults = {"read": read_timeout, "write": write_timeout, "connect": connect_timeout,
                          "pool": pool_timeout}
        self._media_write_timeout = media_write_timeout
        self._proxy = proxy
        self._session: aiohttp.ClientSession | None = None

    @property
    def read_timeout(self) -> float | None:
        return self._defaults["read"]

    async def initialize(self) -> None:
        if self._session is None or self._session.closed:
            connector = aiohttp.TCPConnector(limit=self._pool_size, limit_per_host=0, ttl_dns_cache=300)
            self._session = aiohttp.ClientSession(connector=connector, headers={"User-Agent": self.USER_AGENT},
                                                  proxy=self._proxy, auto_decompress=False)

    async def shutdown(self) -> None:
        if self._session is not None and not self._session.closed:
            await self._session.close()
        self._session = None

    def _timeout(self, files: bool, read: Any, write: Any, connect: Any, pool: Any) -> aiohttp.ClientTimeout:
        read = self._defaults["read"] if isinstance(read, DefaultValue) else read
        connect = self._defaults["connect"] if isinstance(connect, DefaultValue) else connect
        pool = self._defaults["pool"] if isinstance(pool, DefaultValue) else pool
        if isinstance(write, DefaultValue):
            write = self._media_write_timeout if files else self._defaults["write"]
        parts = (read, write, connect, pool)
        return aiohttp.ClientTimeout(
            total=None if None in parts else sum(parts),
            connect=None if connect is None or pool is None else connect + pool,
            sock_connect=connect, sock_read=read)

    async def do_request(self, url: str, method: str, request_data: RequestData | None = None,
                         read_timeout: Any = BaseRequest.DEFAULT_NONE, write_timeout: Any = BaseRequest.DEFAULT_NONE,
                         connect_timeout: Any = BaseRequest.DEFAULT_NONE,
                         pool_timeout: Any = BaseRequest.DEFAULT_NONE) -> tuple[int, bytes]:
        """See telegram.request.BaseRequest.do_request: (HTTP status, body); TimedOut or NetworkError on failure."""
        if self._session is None or self._session.closed:
            raise RuntimeError("This AiohttpRequest is not initialized!")
        files = request_data.multipart_data if request_data is not None else None
        timeout = self._timeout(bool(files), read_timeout, write_timeout, connect_timeout, pool_timeout)
        data: Any = None
        if request_data is not None:
            data = _form(request_data.json_parameters, files) if files else request_data.json_parameters
        try:
            async with self._session.request(method, url, data=data, timeout=timeout) as resp:
                return resp.status, await resp.read()
        except (asyncio.TimeoutError, aiohttp.ServerTimeoutError) as err:
            if isinstance(err, aiohttp.ConnectionTimeoutError):  # no connection (pool or TCP): nothing was sent
                raise TimedOut("Timed out getting a connection; the request was not sent") from err
            raise TimedOut from _lost(err)
        except aiohttp.ClientError as err:
            cause = _lost(err) if _after_sending(err) else err
            raise NetworkError(f"aiohttp.{type(err).__name__}: {err}") from cause


def _after_sending(err: aiohttp.ClientError) -> bool:
    """Whether the failure came after the request was (or may have been) written; a refused or unreachable
    connection (ClientConnectorError) means nothing went out."""
    if isinstance(err, _AFTER_SENDING):
        return True
    return isinstance(err, aiohttp.ClientOSError) and not isinstance(err, aiohttp.ClientConnectorError)


def _lost(err: BaseException) -> AnswerLost:
    lost = AnswerLost(f"{type(err).__name__}: {err}")
    lost.__cause__ = err
    return lost


def _form(fields: dict[str, str], files: dict[str, Any]) -> aiohttp.FormData:
    """Parameters and files as multipart/form-data (PTB's field tuples: file name, content, MIME type)."""
    form = aiohttp.FormData(quote_fields=False)
    for name, value in fields.items():
        form.add_field(name, value)
    for name, (filename, content, mime) in files.items():
        form.add_field(name, content, filename=filename, content_type=mime)
    return form

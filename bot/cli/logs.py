"""Process logging: LOG_LEVEL for every command, and lines that never carry what people typed or a secret.

An exception's message may quote user input (a timezone name, an unparsable number, a SQL parameter), so logged
tracebacks keep the frames and the exception types but drop their messages. Bot tokens are masked wherever they
appear (httpx logs request URLs, which hold the token after `/bot`).
"""
from __future__ import annotations

import logging
import re
import sys
import traceback

LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
# chatty libraries; PTB's DEBUG lines hold update bodies (what people typed), HTTP clients' lines request URLs
QUIET_LOGGERS = ("httpx", "httpcore", "httpx2", "httpcore2", "openai", "telegram", "apscheduler", "alembic", "chromadb",
                 "matplotlib", "urllib3")
_TOKEN = re.compile(r"\b\d{5,}:[A-Za-z0-9_-]{20,}")  # a Telegram bot token: <bot id>:<secret>
_KEYISH = re.compile(r"\b(sk-[A-Za-z0-9_-]{8,}|[A-Za-z0-9_-]{43}=)")  # an OpenAI key, a Fernet key


def mask_secrets(text: str) -> str:
    """The text with bot tokens, OpenAI keys and Fernet keys replaced by a mark."""
    return _KEYISH.sub("***", _TOKEN.sub("<bot-token>", text))


def _exception_lines(exc_type: type[BaseException], exc: BaseException | None, tb: object) -> list[str]:
    out: list[str] = []
    te = traceback.TracebackException(exc_type, exc, tb, capture_locals=False)  # type: ignore[arg-type]
    chain: list[traceback.TracebackException] = []
    while te is not None and len(chain) < 8:
        chain.append(te)
        te = te.__cause__ or (None if te.__suppress_context__ else te.__context__)
    for i, part in enumerate(reversed(chain)):
        if i:
            out.append("During handling of the above exception, another exception occurred:\n")
        out.append("Traceback (most recent call last):\n")
        out.extend(part.stack.format())
        name = part.exc_type.__qualname__ if part.exc_type is not None else "Exception"
        out.append(f"{name} (message withheld: it may quote user input)\n")
    return out


class SafeFormatter(logging.Formatter):
    """Masks secrets in every line; tracebacks without exception messages."""

    def formatException(self, ei) -> str:  # noqa: N802, ANN001 - logging's name
        exc_type, exc, tb = ei
        if exc_type is None:
            return ""
        return "".join(_exception_lines(exc_type, exc, tb)).rstrip("\n")

    def format(self, record: logging.LogRecord) -> str:
        return mask_secrets(super().format(record))


class StderrHandler(logging.StreamHandler):
    """Writes to sys.stderr as it is when a record is logged, not as it was at set-up: whatever swaps stderr later
    (a redirect, a test's capture that is closed afterwards) never leaves the handler writing to a closed file."""

    @property  # type: ignore[override]
    def stream(self):  # noqa: ANN201
        return sys.stderr

    @stream.setter
    def stream(self, _value) -> None:  # noqa: ANN001 - StreamHandler.__init__ assigns it
        pass


def configure_logging(level: str) -> None:
    """Configure logging for the process (replacing any earlier setup): LOG_LEVEL, timestamps, stderr, no secrets."""
    handler = StderrHandler()
    handler.setFormatter(SafeFormatter(LOG_FORMAT))
    logging.basicConfig(level=level, handlers=[handler], force=True)
    quiet_libraries(level)


def quiet_libraries(level: str) -> None:
    """Libraries log at WARNING at most: at INFO and DEBUG they write a line per request, update, job run or
    migration step, with request URLs (the bot token) and update bodies (what people typed)."""
    for name in QUIET_LOGGERS:
        logging.getLogger(name).setLevel(max(logging.getLevelName(level), logging.WARNING))

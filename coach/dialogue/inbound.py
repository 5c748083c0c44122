"""Every event is cleaned here before the dialogue sees it, whichever mouth it came through.

A message over MAX_TEXT_CHARS is refused whole (a polite reply, nothing parsed or stored), so no input can make a
turn slow for its sender or for anyone else. Text is NFKC-normalised, so full-width and compatibility digits
("８０", "²", "⑦") become the ASCII digits the parsers expect; NUL, other control characters and lone surrogates
(an invalid UTF-8 byte decoded with surrogateescape) are removed, since no database or file name accepts them.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import replace

from coach.events import Incoming, Reply
from coach.i18n import N_, t

MAX_TEXT_CHARS = 4096  # Telegram's own limit for one message; the terminal and forged updates are held to it too
MAX_CALLBACK_BYTES = 64  # Telegram's limit for callback data
MAX_KEY_CHARS = 64
# C0 controls except tab and newline, DEL, C1 controls, lone surrogates, and non-characters
_STRIP = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff]")
_HAN = re.compile(r"[\u4e00-\u9fff]")
TOO_LONG = N_("That message is too long for me ({limit} characters at most). Please send it in shorter parts.")


def clean_text(text: str) -> str:
    """NFKC-normalised text without control characters or lone surrogates (newlines and tabs kept)."""
    text = _STRIP.sub("", text)  # first: normalize() refuses nothing, but surrogates would survive it
    # a few characters expand many-fold under NFKC ("﷽" → 18): the result is held to twice the limit
    return _STRIP.sub("", unicodedata.normalize("NFKC", text))[:2 * MAX_TEXT_CHARS]


def too_long(inc: Incoming) -> bool:
    """Whether the event's text is over the limit (checked before any other work on it)."""
    return inc.text is not None and len(inc.text) > MAX_TEXT_CHARS


def clean(inc: Incoming) -> Incoming:
    """The event with every string field cleaned and bounded (call too_long() first for the text)."""
    cb = inc.callback
    if cb is not None:
        cb = clean_text(cb[:MAX_CALLBACK_BYTES])
    return replace(inc, text=None if inc.text is None else clean_text(inc.text), callback=cb,
                   user_key=clean_text(inc.user_key[:MAX_KEY_CHARS]),
                   language_hint=None if inc.language_hint is None else clean_text(inc.language_hint[:16]))


def too_long_reply(inc: Incoming) -> Reply:
    """The polite refusal of an over-long message, in the sender's language as far as the event tells."""
    hint = (inc.language_hint or "").lower()
    lang = "zh" if hint.startswith("zh") or _HAN.search((inc.text or "")[:200]) else "en"
    return Reply(t(lang, TOO_LONG, limit=MAX_TEXT_CHARS))

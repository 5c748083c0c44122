"""Reply → Telegram: escaped text in chunks, inline keyboards, photos and documents."""
from __future__ import annotations

import functools
import html

from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup, InputFile
from telegram.error import BadRequest

from coach.events import Button, Reply


def markup(reply: Reply) -> InlineKeyboardMarkup | None:
    """Inline keyboard for a reply's buttons."""
    if not reply.buttons:
        return None
    return _keyboard(tuple(tuple(row) for row in reply.buttons))


@functools.lru_cache(maxsize=512)
def _keyboard(rows: tuple[tuple[Button, ...], ...]) -> InlineKeyboardMarkup:
    """The same buttons come back turn after turn (log, week paging); PTB objects are frozen, so one can be reused."""
    return InlineKeyboardMarkup([[InlineKeyboardButton(b.label, callback_data=b.data) for b in row] for row in rows])


def as_html(text: str) -> str:
    """Everything we send is escaped: user text can never inject markup."""
    return html.escape(text, quote=False)


def chunks(text: str, size: int = 4000) -> list[str]:
    """Split long text on line breaks to stay under Telegram's 4096 characters."""
    if len(text) <= size:
        return [text]
    out, cur = [], ""
    for line in text.split("\n"):
        while len(line) > size:
            out.append(line[:size])
            line = line[size:]
        if len(cur) + len(line) + 1 > size:
            out.append(cur)
            cur = line
        else:
            cur = f"{cur}\n{line}" if cur else line
    if cur:
        out.append(cur)
    return out


async def deliver(bot: Bot, chat_id: int, reply: Reply, *, edit_message_id: int | None = None) -> None:
    """Send one Reply (text, photo or document) through the Bot API; raises telegram errors."""
    if reply.photo is not None:
        await bot.send_photo(chat_id, InputFile(reply.photo, filename=reply.photo_name),
                             caption=as_html(reply.text[:1000]) or None, parse_mode="HTML",
                             reply_markup=markup(reply))
        return
    if reply.document is not None:
        await bot.send_document(chat_id, InputFile(reply.document, filename=reply.document_name),
                                caption=as_html(reply.text[:1000]) or None, parse_mode="HTML")
        return
    if edit_message_id is not None and reply.edit:
        try:
            await bot.edit_message_text(as_html(reply.text[:4000]), chat_id=chat_id, message_id=edit_message_id,
                                        parse_mode="HTML", reply_markup=markup(reply))
            return
        except BadRequest as exc:  # "message is not modified", or too old to edit: send anew
            if "not modified" in str(exc).lower():
                return
    parts = chunks(reply.text or "…")
    for i, part in enumerate(parts):
        await send_text(bot, chat_id, as_html(part), markup(reply) if i == len(parts) - 1 else None)


async def send_text(bot: Bot, chat_id: int, html_text: str, keyboard: InlineKeyboardMarkup | None) -> None:
    """bot.send_message(chat_id, html_text, parse_mode="HTML", reply_markup=keyboard), without turning Telegram's
    answer into a telegram.Message nobody reads (that parse was ~7 % of a webhook process's CPU per update).

    The same request on the same path: Bot._post fills in the bot's defaults, drops unset parameters and goes
    through the bot's _do_post (ExtBot's rate limiter, then the network layer that maps Telegram's errors to
    telegram.error exceptions), as Bot.send_message does (python-telegram-bot 22.x, pinned in pyproject.toml);
    a Bot without it falls back to send_message.
    """
    data: dict = {"chat_id": chat_id, "text": html_text, "parse_mode": "HTML"}
    if keyboard is not None:
        data["reply_markup"] = keyboard
    post = getattr(bot, "_post", None)
    if post is None:
        await bot.send_message(**data)
    else:
        await post("sendMessage", data)

"""Thin PTB handlers: an update becomes an Incoming for the coach; its replies go back through bot.telegram.replies."""
from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from typing import Any

from telegram import Update
from telegram.constants import ChatAction, ChatMemberStatus, ChatType
from telegram.error import Forbidden, TelegramError
from telegram.ext import ContextTypes

from bot import ops
from bot.telegram.replies import deliver
from coach.dialogue import Coach, group_chat
from coach.dialogue.inbound import MAX_TEXT_CHARS, clean_text
from coach.i18n import t
from coach.events import Incoming, Reply
from coach.services.admin import WriteRefused

log = logging.getLogger(__name__)
TYPING_AFTER_S = 0.3


def _coach(context: ContextTypes.DEFAULT_TYPE) -> Coach:
    return context.application.bot_data["coach"]


async def _send_typing(bot: Any, chat_id: int) -> None:
    with contextlib.suppress(Exception):
        await bot.send_chat_action(chat_id, ChatAction.TYPING)


async def _run_turn(context: ContextTypes.DEFAULT_TYPE, inc: Incoming) -> list[Reply]:
    """Run the coach off the event loop; show 'typing…' when a turn is slow.

    A quick turn (a few reads and some text, Coach.is_quick) is answered right here in a read-only session: a
    hop to a worker thread and back costs more than the turn. If it needs to write after all, it is refused
    before anything is written (so it never waits for a database lock on the loop) and runs again in a thread.
    The indicator waits on a timer rather than a sleeping task, so a fast turn costs the loop one timer handle.
    """
    coach = _coach(context)
    if coach.is_quick(inc):
        try:
            return coach.handle(inc, read_only=True)
        except WriteRefused:
            pass
    typing: list[asyncio.Task] = []
    timer = None
    if inc.chat_id is not None:
        loop = asyncio.get_running_loop()
        bot, chat_id = context.bot, inc.chat_id
        timer = loop.call_later(TYPING_AFTER_S, lambda: typing.append(loop.create_task(_send_typing(bot, chat_id))))
    try:
        return await asyncio.to_thread(coach.handle, inc)
    finally:
        if timer is not None:
            timer.cancel()
        for task in typing:
            task.cancel()


async def on_message(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A private text message or command: one coach turn."""
    msg, user = update.effective_message, update.effective_user
    if msg is None or user is None or msg.text is None:
        return
    inc = Incoming(user_key=f"tg:{user.id}", channel="telegram", chat_id=msg.chat_id, text=msg.text,
                   language_hint=user.language_code, sender_name=user.first_name)
    with ops.observe_update("message", update.update_id):  # latency, outcome and one log line, never content
        for reply in await _run_turn(context, inc):
            await deliver(context.bot, msg.chat_id, reply)


async def on_callback(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A button press in a private chat: one coach turn; the reply may edit the pressed message."""
    query, user = update.callback_query, update.effective_user
    if query is None or user is None:
        return
    with contextlib.suppress(Exception):
        await query.answer()
    chat_id = query.message.chat.id if query.message else user.id
    if query.message is not None and query.message.chat.type != ChatType.PRIVATE:
        return
    inc = Incoming(user_key=f"tg:{user.id}", channel="telegram", chat_id=chat_id, callback=(query.data or "")[:64],
                   language_hint=user.language_code, sender_name=user.first_name)
    message_id = query.message.message_id if query.message else None
    with ops.observe_update("callback", update.update_id):
        for reply in await _run_turn(context, inc):
            await deliver(context.bot, chat_id, reply, edit_message_id=message_id)


ADMIN_TTL_S = 60.0  # how long a getChatMember answer is trusted


async def _is_admin(context: ContextTypes.DEFAULT_TYPE, chat_id: int, user_id: int) -> bool | None:
    """The chat's own answer (getChatMember, cached briefly): its admins are the group's coaches; None if unknown."""
    cache = context.application.bot_data.setdefault("chat_admins", {})
    hit = cache.get((chat_id, user_id))
    if hit is not None and time.monotonic() - hit[1] < ADMIN_TTL_S:
        return hit[0]
    try:
        member = await context.bot.get_chat_member(chat_id, user_id)
    except TelegramError:
        return None
    verdict = member.status in (ChatMemberStatus.ADMINISTRATOR, ChatMemberStatus.OWNER)
    cache[(chat_id, user_id)] = (verdict, time.monotonic())
    return verdict


def _addressed(msg: Any, bot: Any) -> bool:
    """A reply to one of the bot's messages, or a mention of it."""
    replied = msg.reply_to_message
    if replied is not None and replied.from_user is not None and replied.from_user.id == bot.id:
        return True
    return bool(bot.username) and f"@{bot.username}".lower() in (msg.text or "").lower()


async def on_group_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A message in a group: only coach commands and what is addressed to the bot get an answer there, never with
    personal data; a member's "done" or /today is answered in their private chat."""
    msg, user = update.effective_message, update.effective_user
    if msg is None or user is None or not msg.text or user.is_bot:
        return
    text = clean_text(msg.text[:MAX_TEXT_CHARS])
    cmd = group_chat.split_command(text)[0] if text.startswith("/") else ""  # "/broadcast\nmessage" too
    is_admin = await _is_admin(context, msg.chat_id, user.id) if cmd in group_chat.COACH_COMMANDS else None
    event = group_chat.GroupEvent(f"tg:{user.id}", msg.chat_id, clean_text((msg.chat.title or "")[:256]), text,
                                  is_admin=is_admin, name=clean_text(user.first_name or "")[:64],
                                  addressed=_addressed(msg, context.bot), language_hint=user.language_code)
    with ops.observe_update("group", update.update_id):
        await _answer_group(context, msg, user, event)


async def on_member_left(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Someone left the group's Telegram chat or an admin removed them: their membership ends (as /leave)."""
    msg = update.effective_message
    left = msg.left_chat_member if msg is not None else None
    if left is None or left.is_bot:
        return
    by = msg.from_user
    removed_by = f"tg:{by.id}" if by is not None and by.id != left.id else None
    with ops.observe_update("group", update.update_id):
        await asyncio.to_thread(group_chat.member_left, _coach(context), f"tg:{left.id}", msg.chat_id,
                                removed_by=removed_by)


async def _answer_group(context: ContextTypes.DEFAULT_TYPE, msg: Any, user: Any, event: group_chat.GroupEvent) -> None:
    answer = await asyncio.to_thread(group_chat.handle, _coach(context), event)
    for reply in answer.group:
        await deliver(context.bot, msg.chat_id, reply)
    for reply in answer.private:
        try:
            await deliver(context.bot, user.id, reply)
        except Forbidden:  # they never opened a private chat with the bot: say so in the group, without details
            lang = "zh" if (user.language_code or "").startswith("zh") else "en"
            await deliver(context.bot, msg.chat_id, Reply(t(lang, "Please open a private chat with me and send "
                                                                  "/start first; I only answer you there.")))
            return


async def on_error(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Log the failure by its type and place only (its message may quote what the person typed); answer politely."""
    err = context.error
    tb = err.__traceback__ if err is not None else None
    while tb is not None and tb.tb_next is not None:
        tb = tb.tb_next
    where = f"{tb.tb_frame.f_code.co_filename.rsplit('/', 1)[-1]}:{tb.tb_lineno}" if tb is not None else "?"
    log.error("handler error: %s at %s", type(err).__name__, where)
    if isinstance(update, Update) and update.effective_chat is not None:
        lang = "zh" if (update.effective_user and (update.effective_user.language_code or "").startswith("zh")) else "en"
        with contextlib.suppress(Exception):
            await context.bot.send_message(update.effective_chat.id,
                                           t(lang, "Sorry, something went wrong on my side. Please try again in a "
                                                   "moment."))

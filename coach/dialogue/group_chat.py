"""The group chat: the bot answers only coach commands and messages addressed to it, and never writes anyone's
personal data there. A member's "done" or /today in the group is answered privately."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any
from zoneinfo import ZoneInfo

from coach.dialogue import groups as member_side
from coach.dialogue import today
from coach.dialogue.settings import valid_timezone
from coach.dialogue.turn import Turn
from coach.events import Reply
from coach.i18n import t
from coach.intake.answers import parse_reminder
from coach.services import group_delivery
from coach.services import group_programme as programme
from coach.services import groups as svc
from storage import repos

COACH_COMMANDS = ("groupsetup", "session", "sessions", "unschedule", "broadcast", "clients", "members", "client",
                  "remove", "groupworkout", "timezone")
MEMBER_COMMANDS = ("join", "done", "today", "leave", "share")
_RX_DONE = re.compile(r"^\W*(?:done|did\s+it|finished|completed|完成了?|做完了?|练完了?|打卡)\W*$", re.I)


@dataclass(frozen=True)
class GroupEvent:
    """Something a person did in a group chat, with the chat's own answer on whether they are its admin."""

    user_key: str
    chat_id: int
    title: str
    text: str
    is_admin: bool | None = None  # Bot API getChatMember; None when the mouth cannot ask
    name: str = ""  # the person's first name as the chat shows it (a coach's name; a joining member's default)
    addressed: bool = False  # a reply to the bot or a mention of it
    language_hint: str | None = None


@dataclass
class GroupAnswer:
    """Replies for the group chat (never personal data) and for the person's private chat."""

    group: list[Reply] = field(default_factory=list)
    private: list[Reply] = field(default_factory=list)


def handle(dialogue: Any, ev: GroupEvent) -> GroupAnswer:
    """One group-chat event."""
    text = ev.text.strip()
    is_command = text.startswith("/")
    cmd, arg = split_command(text) if is_command else ("", "")
    if not is_command and not _RX_DONE.match(text) and not ev.addressed:
        return GroupAnswer()  # group talk is not for the bot
    with dialogue.c.session() as s:
        lang = "zh" if (ev.language_hint or "").startswith("zh") else "en"
        group = repos.groups.find_group(s, chat_id=ev.chat_id)
        user = repos.users.find_user(s, ev.user_key)
        if is_command and cmd in ("help", "start"):
            return GroupAnswer([Reply(t(_group_lang(s, group, user) or lang, "I coach people one-to-one in a private "
                                        "chat. The group's admins are its coaches: /groupsetup, /session, /broadcast "
                                        "here; members join with /join here or in private."))])
        if user is None:  # nobody unknown gets a row from the group chat, except by joining or coaching it
            operator = ev.user_key in {f"tg:{i}" for i in dialogue.c.settings.coach_admin_ids}
            if not (is_command and (cmd == "join" or (cmd in COACH_COMMANDS and (ev.is_admin or operator)))):
                refused = is_command and cmd in COACH_COMMANDS
                return GroupAnswer([Reply(t(lang, "Only the group's admins (its coaches) can do that."))] if refused
                                   else [])
            user, _ = repos.users.get_or_create_user(s, ev.user_key, channel="telegram", language=lang,
                                                     chat_id=_private_chat(ev.user_key),
                                                     timezone=dialogue.c.settings.default_timezone)
        elif user.chat_id is None:  # created here before: their private chat is known from their Telegram id
            repos.users.update_user(s, user, chat_id=_private_chat(ev.user_key))
        turn = dialogue.turn(s, user)
        turn.sender_name = ev.name or None
        if not is_command:
            return _text(turn, group, text)
        if cmd in MEMBER_COMMANDS:
            return _member_command(turn, group, cmd)
        if cmd not in COACH_COMMANDS:
            return GroupAnswer()
        if not svc.may_coach(s, dialogue.c.settings, user, group, is_admin=ev.is_admin, name=ev.name):
            return GroupAnswer([Reply(turn._("Only the group's admins (its coaches) can do that."))])
        return _coach_command(turn, group, ev, cmd, arg.strip())


def member_left(dialogue: Any, user_key: str, chat_id: int, *, removed_by: str | None = None) -> bool:
    """Someone left the group's Telegram chat, or an admin removed them (`removed_by` their key): their membership
    ends, as with /leave or /remove; a removed member is told privately. Whether a membership ended."""
    with dialogue.c.session() as s:
        group = repos.groups.find_group(s, chat_id=chat_id)
        user = repos.users.find_user(s, user_key)
        if group is None or user is None or not repos.groups.leave_group(s, group.id, user.id):
            return False
        if removed_by is not None and removed_by != user_key:
            group_delivery.enqueue_notice(s, user, f"rm:{group.id}:{user.id}:chat", t(
                user.language, "You were removed from {group} by its coach; they no longer see anything about you.",
                group=svc.group_name(group)))
        return True


def split_command(text: str) -> tuple[str, str]:
    """('broadcast', 'See you\nat 9') from '/broadcast@FitCoachBot\nSee you\nat 9': the command ends at any white
    space (a coach often puts the message on the next line), its @bot suffix dropped."""
    head, *rest = text[1:].split(None, 1) or [""]
    return head.split("@", 1)[0].lower(), (rest[0] if rest else "").strip()


def _private_chat(user_key: str) -> int | None:
    """A Telegram user's private chat with the bot has their user id (so broadcasts and sessions reach a member who
    joined in the group); None for other channels."""
    return int(user_key[3:]) if user_key.startswith("tg:") and user_key[3:].isdigit() else None


def _group_lang(s: Any, group: Any, user: Any) -> str | None:
    coaches = repos.groups.coaches_of(s, group.id) if group is not None else []
    return coaches[0][1].language if coaches else (user.language if user is not None else None)


def _text(turn: Turn, group: Any, text: str) -> GroupAnswer:
    if group is None:
        return GroupAnswer()
    if _RX_DONE.match(text):
        ack = member_side.done_in_group(turn, group)
        return GroupAnswer(private=[ack] if ack else [])
    return GroupAnswer([Reply(turn._("Let's talk in private: open a chat with me. In the group I only take "
                                     "coaches' commands."))])


def _member_command(turn: Turn, group: Any, cmd: str) -> GroupAnswer:
    """Member commands in the group are answered privately (the group sees nothing about anyone)."""
    if group is None:
        return GroupAnswer()
    if cmd == "join":
        return GroupAnswer(private=member_side.join(turn, group.join_code))
    if cmd == "done":
        ack = member_side.done_in_group(turn, group)
        return GroupAnswer(private=[ack or Reply(turn._("There is no group session to count yet."))])
    if cmd == "today" and turn.user.consent_at is not None:
        reply = today.today_reply(turn)
        return GroupAnswer(private=[reply] if reply else [])
    if cmd == "leave":
        return GroupAnswer(private=member_side.leave_group(turn, group.id))
    if cmd == "share":
        return GroupAnswer(private=member_side.share(turn, ""))
    return GroupAnswer()


def _coach_command(turn: Turn, group: Any, ev: GroupEvent, cmd: str, arg: str) -> GroupAnswer:
    s = turn.s
    if cmd == "groupsetup":
        group = svc.setup_group(s, turn.user, chat_id=ev.chat_id, title=ev.title, name=ev.name)
        ready = Reply(turn._("Group ready; its admins are its coaches. Members: send /join here, or "
                             "send me /join {code} in a private chat.", code=group.join_code))
        return GroupAnswer([ready] + (_timezone(turn, group, arg).group if arg else []))
    if group is None:
        return GroupAnswer([Reply(turn._("Set the group up first with /groupsetup."))])
    if cmd == "timezone":
        return _timezone(turn, group, arg)
    if cmd in ("clients", "members", "client", "remove"):
        return GroupAnswer([Reply(turn._("Member details stay private: send me /{cmd} in our private chat.",
                                         cmd=cmd))])
    if cmd == "broadcast":
        if not arg:
            return GroupAnswer([Reply(turn._("Usage: /broadcast your message"))])
        _batch, n = group_delivery.enqueue_broadcast(s, group, turn.user, arg[:3000])
        return GroupAnswer([Reply(turn._("Queued for {n} members; I'll send you a delivery report privately.",
                                         n=n))])
    if cmd in ("session", "groupworkout"):
        return _schedule(turn, group, arg)
    if cmd == "sessions":
        items = [f"#{x.id} {x.title} — {programme.when_text(turn.lang, x)}" for x in repos.groups.sessions_of(s, group.id)]
        return GroupAnswer([Reply("\n".join(items) or turn._("No sessions scheduled."))])
    if cmd == "unschedule":
        x = repos.groups.get_session(s, int(arg.lstrip("#"))) if arg.lstrip("#").isdigit() else None
        if x is None or x.group_id != group.id:
            return GroupAnswer([Reply(turn._("No such session in this group. See /sessions."))])
        repos.groups.end_session(s, x)
        return GroupAnswer([Reply(turn._("Session #{id} cancelled.", id=x.id))])
    return GroupAnswer()


def _timezone(turn: Turn, group: Any, arg: str) -> GroupAnswer:
    """/timezone Europe/Berlin (or a city the parser knows): the group's session times are read in it. A coach who
    gave no health data has no other way to set a timezone, so theirs (for the digest) follows while unset."""
    tz = parse_reminder(arg[:80])[1] or arg.strip()
    if not valid_timezone(tz):
        return GroupAnswer([Reply(turn._("Unknown timezone {tz}. Use a name like Europe/London or Asia/Shanghai.",
                                         tz=tz[:40] or "?"))])
    group.timezone = tz
    turn.s.add(group)
    if turn.user.timezone == turn.settings.default_timezone:
        repos.users.update_user(turn.s, turn.user, timezone=tz)
    return GroupAnswer([Reply(turn._("This group's session times are now in {tz}.", tz=tz))])


def _schedule(turn: Turn, group: Any, arg: str) -> GroupAnswer:
    if group.timezone == "UTC" and turn.user.timezone != "UTC":
        group.timezone = turn.user.timezone  # a group's times are its coach's local times
    local = turn.now().astimezone(ZoneInfo(group.timezone or "UTC"))  # the group's own clock
    spec = programme.parse(arg, local.date(), local.strftime("%H:%M"))
    if spec is None:
        return GroupAnswer([Reply(turn._("Send /session DAY HH:MM and what to do, e.g. /session Tuesday 18:00 "
                                         "intervals 30 min (add \"weekly\" to repeat it).") + "\n"
                                  + turn._(programme.TEMPLATE_HELP))])
    x = repos.groups.add_session(turn.s, group.id, turn.user.id, title=spec.title, kind=spec.kind,
                                 minutes=spec.minutes, time=spec.time, weekday=spec.weekday, on_date=spec.on_date)
    when = f"{programme.when_text(turn.lang, x)} ({group.timezone})"
    out = [Reply(turn._("Scheduled #{id}: {title}, {when}. Each member gets their own version privately before it "
                        "starts; \"done\" here counts.", id=x.id, title=x.title, when=when))]
    if group.timezone == "UTC":
        out.append(Reply(turn._("Times are read in UTC. To use your own time zone, send here e.g. /timezone "
                                "Europe/Berlin (it applies to every session of this group).")))
    return GroupAnswer(out)

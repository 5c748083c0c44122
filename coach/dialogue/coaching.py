"""A coach's private commands: /clients (the roster), /client NAME (one client, with a weight chart), /remove NAME,
/digest DAY HH:MM. None needs the coach's own health-data consent or profile: coaching and being a client are
separate. Only members who chose to share appear by name, with exactly the fields they chose."""
from __future__ import annotations

import re

from coach.dialogue.callbacks import GroupRemove
from coach.dialogue.router import router
from coach.dialogue.turn import Turn
from coach.events import Button, Reply
from coach.i18n import N_, t
from coach.services import group_delivery, roster
from coach.services import groups as svc
from coach.services.group_programme import TEMPLATE_HELP
from storage import repos

_DAYS = {"mon": 0, "tue": 1, "wed": 2, "thu": 3, "fri": 4, "sat": 5, "sun": 6, "一": 0, "二": 1, "三": 2, "四": 3,
         "五": 4, "六": 5, "日": 6, "天": 6}
_RX_DIGEST = re.compile(r"^\s*(?:周|星期)?(mon|tue|wed|thu|fri|sat|sun|[一二三四五六日天])[a-z]*\s+(\d{1,2}):(\d{2})\s*$",
                        re.I)


_RX_TRAINER = re.compile(r"\b(?:i'?m|i am|work as|as)\s+(?:a\s+|an\s+)?(?:personal\s+|fitness\s+|group\s+)?"
                         r"(?:trainer|coach|instructor|pt)\b|\bi\s+(?:coach|train)\s+(?:my\s+|a\s+)?(?:clients|people|"
                         r"groups?|students)\b|我是(?:一[名个位])?(?:私人|健身|团课)?(?:教练|私教)|我(?:带|有)(?:学员|客户|会员)",
                         re.I)


def trainer_answer(turn: Turn, text: str) -> Reply | None:
    """'I'm a personal trainer' said to the health-data notice: coaching needs no health data, so say how to coach
    (None when the text says no such thing). The consent step asks this first and keeps its own question open."""
    if not _RX_TRAINER.search(text[:300]):
        return None
    return Reply(turn._("Coaching clients needs none of your health data: add me to your Telegram group, make sure "
                        "you are an admin there, and send /groupsetup in the group. Then /clients, /client NAME and "
                        "/digest work here, and /session and /broadcast in the group. Only if you want a plan for "
                        "yourself, agree to the notice below."))


def coaches_a_group(turn: Turn) -> bool:
    return bool(_coached(turn))


def _coached(turn: Turn) -> list:
    return svc.coached_groups(turn.s, turn.user, getattr(turn.container, "chat_admin", None))


def _no_groups(turn: Turn) -> list[Reply]:
    return [Reply(turn._("You don't coach a group yet. Add me to your Telegram group, make sure you are an admin "
                         "there, and send /groupsetup in the group."))]


@router.command("clients", "members", help=N_("coaches: your clients at a glance"), needs="nothing", order=40)
def clients(turn: Turn, arg: str) -> list[Reply]:
    groups = _coached(turn)
    if not groups:
        return _no_groups(turn)
    views = [roster.group_view(turn.s, g, turn.today()) for g in groups]
    lines = roster.roster_lines(turn.lang, views)
    lines.append(turn._("Details: /client NAME. Only members who chose to share are listed by name."))
    return [Reply("\n".join(lines).strip())]


@router.command("client", help=N_("coaches: one client's progress: /client NAME"), needs="nothing", order=41)
def client(turn: Turn, arg: str) -> list[Reply]:
    groups = _coached(turn)
    if not groups:
        return _no_groups(turn)
    if not arg.strip():  # which client? the roster names them
        return clients(turn, arg)
    found = [(g, m, u) for g, m, u in svc.find_member(turn.s, groups, arg)
             if m.level != "none" and u.consent_at is not None]
    if not found:
        return [Reply(turn._("No client named \"{name}\" shares progress with you. See /clients.", name=arg[:32]))]
    out = []
    for group, m, u in found[:3]:
        view = roster.member_view(turn.s, group, m, u, turn.today())
        text = roster.client_text(turn.lang, group, view)
        png = roster.weight_png(view) if m.level == "full" else None
        out.append(Reply(text, photo=png, photo_name="weight.png", slow=True) if png else Reply(text))
    return out


@router.command("remove", help=N_("coaches: remove a member: /remove NAME"), needs="nothing", order=42)
def remove(turn: Turn, arg: str) -> list[Reply]:
    groups = _coached(turn)
    if not groups:
        return _no_groups(turn)
    found = svc.find_member(turn.s, groups, arg)
    if not arg.strip() or not found:
        return [Reply(turn._("Send /remove and the member's name as /clients shows it."))]
    return [Reply(turn._("Remove {name} from {group}?", name=m.display_name or "?", group=svc.group_name(g)),
                  buttons=[[Button(turn._("Remove"), GroupRemove(g.id, m.id or 0).encode())]]) for g, m, _u in found[:5]]


@router.callback(GroupRemove, needs="nothing")
def remove_button(turn: Turn, cb: GroupRemove) -> list[Reply]:
    done = svc.remove_member(turn.s, turn.user, cb.group_id, cb.membership_id, turn.settings,
                             getattr(turn.container, "chat_admin", None))
    if done is None:  # not a group this person coaches, or not a member of it: a forged or stale button
        return [Reply(turn._("That button has expired."))]
    group, m = done
    member = repos.users.get_user(turn.s, m.user_id)
    if member is not None:
        group_delivery.enqueue_notice(turn.s, member, f"rm:{group.id}:{m.id}",
                                      t(member.language, "You were removed from {group} by its coach; they no "
                                                         "longer see anything about you.", group=svc.group_name(group)))
    return [Reply(turn._("{name} was removed from {group}.", name=m.display_name or "?", group=svc.group_name(group)))]


@router.command("digest", help=N_("coaches: when your weekly digest comes: /digest DAY HH:MM"), needs="nothing",
                order=43)
def digest(turn: Turn, arg: str) -> list[Reply]:
    found = _RX_DIGEST.match(arg)
    if not found or int(found.group(2)) > 23 or int(found.group(3)) > 59:
        return [Reply(turn._("Send /digest DAY HH:MM, e.g. /digest mon 08:00 (your timezone: {tz}).",
                             tz=turn.user.timezone))]
    weekday = _DAYS[found.group(1).lower()[:3] if found.group(1).isascii() else found.group(1)]
    hhmm = f"{int(found.group(2)):02d}:{found.group(3)}"
    if not repos.groups.set_digest(turn.s, turn.user.id, weekday, hhmm):
        return _no_groups(turn)
    return [Reply(turn._("Your weekly digest will come on {day} at {time}.", day=found.group(1), time=hhmm))]


@router.command("groupsetup", help=N_("coaches, in your group chat: /groupsetup, /session, /broadcast"),
                needs="nothing", order=44)
def in_group_only(turn: Turn, arg: str) -> list[Reply]:
    return [Reply(turn._("Send this in your Telegram group, where you are an admin: /groupsetup creates the group "
                         "and its join code; /session Tuesday 18:00 intervals 30 min (add \"weekly\" to repeat) "
                         "schedules a session that each member gets in their own version; /broadcast TEXT sends "
                         "a message to every member privately.") + "\n" + turn._(TEMPLATE_HELP))]


router.command("session", "broadcast", "sessions", "unschedule", "groupworkout", needs="nothing")(in_group_only)


# commands that, sent with a name by someone who coaches a group, mean that client ("/progress Ana")
FOR_COACHES = {"progress": client}

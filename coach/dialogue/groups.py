"""Being a member of a coach's group, in private: /join (remembered before health-data consent), what the coach
may see (/share, changeable any time, withdrawal at once), the name the coach sees (/name), /leave, and the
"Done" button under a group session. Coaches' commands are in coaching.py, the group chat in group_chat.py."""
from __future__ import annotations

from datetime import date

from coach.dialogue import consent
from coach.dialogue.callbacks import GroupDone, GroupLeave, GroupLevel, Share
from coach.dialogue.router import router
from coach.dialogue.turn import Turn
from coach.events import Button, Reply
from coach.i18n import N_
from coach.services import groups as svc
from storage import repos
from storage.models import Group
from storage.repos import group_queue

LEVEL_LABELS = {"none": N_("Nothing"), "adherence": N_("Sessions done only"),
                "full": N_("Sessions, weight trend and safety alerts")}


def level_buttons(turn: Turn, group_id: int) -> list[list[Button]]:
    return [[Button(turn._(LEVEL_LABELS[lv]), GroupLevel(group_id, lv).encode())] for lv in svc.LEVELS]


def level_question(turn: Turn, group: Group) -> Reply:
    """Ask what the group's coach may see, naming the coach."""
    return Reply(turn._("What may your coach {coach} see in {group}? Nothing; sessions done only; or sessions, "
                        "weight trend and safety alerts. You can change this any time with /share.",
                        coach=svc.coach_names(turn.s, group), group=svc.group_name(group)),
                 buttons=level_buttons(turn, group.id))


@router.command("join", help=N_("join a coach's group: /join CODE [your name]"), needs="nothing", order=22)
def join(turn: Turn, arg: str) -> list[Reply]:
    code, _, name = arg.strip().partition(" ")
    if not code:
        return [Reply(turn._("Send /join CODE (your coach has the code)."))]
    joined = svc.join(turn.s, turn.user, code, name or turn.sender_name)
    if joined is None:
        return [Reply(turn._("No group has the code {code}.", code=code[:20]))]
    m = joined.membership
    out = [Reply(turn._("You joined {group}. Your coach sees you as \"{name}\" (change it with /name NEW NAME).",
                        group=svc.group_name(joined.group), name=m.display_name)),
           level_question(turn, joined.group)]
    if turn.user.consent_at is None:  # the join is kept; it takes effect once the health-data notice is agreed
        out.append(Reply(turn._("Your coach will see your sessions only after you agree to the health-data notice "
                                "and set up your profile.")))
        out += consent.start(turn)
    return out


@router.command("share", help=N_("what your group's coach may see"), needs="nothing", order=23)
def share(turn: Turn, arg: str) -> list[Reply]:
    mems = repos.groups.groups_of(turn.s, turn.user.id)
    if not mems:
        return [Reply(turn._("You are not in any group."))]
    return [Reply(turn._("{group}: your coach now sees: {level}.", group=svc.group_name(g),
                         level=turn._(LEVEL_LABELS[m.level])), buttons=level_buttons(turn, g.id)) for m, g in mems]


@router.callback(GroupLevel, needs="nothing")
def level_button(turn: Turn, cb: GroupLevel) -> list[Reply]:
    return _set_level(turn, cb.group_id, cb.level)


@router.callback(Share, needs="nothing")
def share_button(turn: Turn, cb: Share) -> list[Reply]:
    """Buttons sent before consent levels existed: yes meant sessions, weight and alerts."""
    return _set_level(turn, cb.group_id, "full" if cb.share else "none")


def _set_level(turn: Turn, group_id: int, level: str) -> list[Reply]:
    m = svc.set_level(turn.s, turn.user, group_id, level)
    group = repos.groups.find_group(turn.s, group_id=group_id)
    if m is None or group is None:  # not a member of that group (a stale or forged button)
        return [Reply(turn._("That button has expired."))]
    if level == "none":
        return [Reply(turn._("Done: your coach in {group} sees nothing about you from now on, only that a member "
                             "chose not to share.", group=svc.group_name(group)))]
    return [Reply(turn._("Done: your coach in {group} now sees: {level}. Change it any time with /share.",
                         group=svc.group_name(group), level=turn._(LEVEL_LABELS[level])))]


@router.command("name", help=N_("the name your group's coach sees: /name NEW NAME"), needs="nothing", order=24)
def name(turn: Turn, arg: str) -> list[Reply]:
    groups = svc.rename(turn.s, turn.user, arg)
    if not arg.strip():
        return [Reply(turn._("Send /name and the name your coach should see, e.g. /name Ana."))]
    if not groups:
        return [Reply(turn._("You are not in any group."))]
    return [Reply(turn._("Your coach now sees you as \"{name}\".", name=svc.clean_name(arg)))]


@router.command("leave", help=N_("leave a coach's group"), needs="nothing", order=25)
def leave(turn: Turn, arg: str) -> list[Reply]:
    mems = repos.groups.groups_of(turn.s, turn.user.id)
    if not mems:
        return [Reply(turn._("You are not in any group."))]
    if len(mems) == 1:
        return leave_group(turn, mems[0][1].id)
    return [Reply(turn._("Which group do you want to leave?"),
                  buttons=[[Button(svc.group_name(g), GroupLeave(g.id).encode())] for _m, g in mems])]


@router.callback(GroupLeave, needs="nothing")
def leave_button(turn: Turn, cb: GroupLeave) -> list[Reply]:
    return leave_group(turn, cb.group_id)


def leave_group(turn: Turn, group_id: int) -> list[Reply]:
    group = repos.groups.find_group(turn.s, group_id=group_id)
    if group is None or not repos.groups.leave_group(turn.s, group_id, turn.user.id):
        return [Reply(turn._("You are not in that group."))]
    return [Reply(turn._("You left {group}. Your coach no longer sees anything about you.",
                         group=svc.group_name(group)))]


@router.callback(GroupDone, needs="consent")
def done_button(turn: Turn, cb: GroupDone) -> list[Reply]:
    """Attendance at a group session, from the button under the member's own version (only theirs counts)."""
    day = date(cb.day // 10000, cb.day // 100 % 100, cb.day % 100)
    session = repos.groups.get_session(turn.s, cb.session_id)
    if session is None or repos.groups.membership(turn.s, session.group_id, turn.user.id) is None \
            or not group_queue.has_message(turn.s, f"gs:{session.id}:{day.isoformat()}:{turn.user.id}"):
        return [Reply(turn._("That button has expired."))]
    new = repos.groups.mark_attendance(turn.s, session.id, day, turn.user.id, source="private")
    return [Reply(turn._("Counted: well done! ✅") if new else turn._("Already counted. ✅"))]


def done_in_group(turn: Turn, group: Group) -> Reply | None:
    """A member wrote "done" in the group chat: count their latest group session (the ack goes privately)."""
    row = group_queue.last_session_message(turn.s, turn.user.id, group.id)
    if row is None or not (row.payload or {}).get("session_id"):
        return None
    day = date.fromisoformat(row.payload["on_date"])
    new = repos.groups.mark_attendance(turn.s, row.payload["session_id"], day, turn.user.id, source="group")
    return Reply(turn._("Counted your session in {group}: well done! ✅", group=svc.group_name(group)) if new
                 else turn._("Already counted. ✅"))

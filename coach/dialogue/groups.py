"""Coach groups: /join, /share and /members in private; /groupsetup, /broadcast, /groupworkout in the group."""
from __future__ import annotations

from datetime import timedelta
from typing import Any


from coach.events import Button, Reply
from coach.i18n import N_, t
from coach.planning import make_plan
from coach.domain.profile import validate_profile
from coach.render import session_text
from coach.dialogue.callbacks import Share
from coach.dialogue.router import router
from coach.dialogue.turn import Turn
from storage import repos
from storage.models import User


def is_coach(settings: Any, user: User) -> bool:
    admin_ids = {f"tg:{i}" for i in settings.coach_admin_ids}
    return user.role in ("coach", "admin") or user.external_id in admin_ids


def _share_buttons(turn: Turn, group_id: int) -> list[list[Button]]:
    return [[Button(turn._("Yes, share"), Share(group_id, True).encode()),
             Button(turn._("No"), Share(group_id, False).encode())]]


@router.command("join", help=N_("join a coach's group: /join CODE"), needs="consent", order=22)
def join(turn: Turn, arg: str) -> list[Reply]:
    code = arg.replace("\x00", "").strip().lower()
    if not code:
        return [Reply(turn._("Send /join CODE."))]
    group = repos.groups.find_group(turn.s, join_code=code[:32])
    if group is None:
        return [Reply(turn._("No group has the code {code}.", code=code[:20]))]
    repos.groups.join_group(turn.s, group.id, turn.user.id, share_progress=False)
    return [Reply(turn._("You joined {group}. May your coach see your progress (sessions done, weight "
                         "trend and safety alerts)? You can change this any time with /share.",
                         group=group.title or group.join_code), buttons=_share_buttons(turn, group.id))]


@router.command("share", help=N_("what your group's coach may see"), needs="consent", order=23)
def share(turn: Turn, arg: str) -> list[Reply]:
    mems = repos.groups.groups_of(turn.s, turn.user.id)
    if not mems:
        return [Reply(turn._("You are not in any group."))]
    return [Reply(turn._("Share your progress with {group}?", group=g.title or g.join_code),
                  buttons=_share_buttons(turn, g.id)) for _m, g in mems]


@router.callback(Share, needs="consent")
def share_button(turn: Turn, cb: Share) -> list[Reply]:
    if not any(g.id == cb.group_id for _m, g in repos.groups.groups_of(turn.s, turn.user.id)):
        return [Reply(turn._("That button has expired."))]
    repos.groups.join_group(turn.s, cb.group_id, turn.user.id, share_progress=cb.share)
    return [Reply(turn._("Your coach can see your progress.") if cb.share else turn._("Your progress stays private."))]


@router.command("members", help=N_("coaches: your members' progress"), needs="consent", order=24)
def members(turn: Turn, arg: str) -> list[Reply]:
    """Progress of the consenting members of the coach's groups (pseudonymous ids, no health details)."""
    if not is_coach(turn.settings, turn.user):
        return [Reply(turn._("Only coaches can see member progress."))]
    lines = []
    today = turn.today()
    for group in repos.groups.groups_coached_by(turn.s, turn.user.id):
        lines.append(f"{group.title or group.join_code}:")
        shown = 0
        for membership, member in repos.groups.members(turn.s, group.id):
            if not membership.share_progress:
                continue
            lines.append(_member_line(turn, member, today))
            shown += 1
        if not shown:
            lines.append(turn._("• no member shares progress yet"))
    return [Reply("\n".join(lines) or turn._("You have no groups yet."))]


def _member_line(turn: Turn, member: User, today: Any) -> str:
    logs = repos.workouts.workout_logs(turn.s, member.id, since=today - timedelta(days=6))
    done = sum(1 for lg in logs if lg.status in ("done", "too_easy", "too_hard"))
    weights = repos.readings.metrics(turn.s, member.id, "weight")
    trend = f"{float(weights[-1].value) - float(weights[0].value):+.1f} kg" if len(weights) >= 2 else "—"
    return turn._("• {m}: {done} sessions this week, weight {trend}, alerts {a}", m=member.pseudonym, done=done,
                  trend=trend, a=len(repos.alerts.alerts(turn.s, member.id)))


def group_command(dialogue: Any, user_key: str, chat_id: int, title: str, cmd: str, arg: str) -> list[Reply]:
    """Commands typed in a group chat; never answers with anyone's personal data."""
    with dialogue.c.session() as s:
        user, _ = repos.users.get_or_create_user(s, user_key, channel="telegram", timezone=dialogue.c.settings.default_timezone)
        lang = user.language
        group = repos.groups.find_group(s, chat_id=chat_id)
        if cmd in ("help", "start"):
            return [Reply(t(lang, "I coach people one-to-one in a private chat. Group coaches can use /groupsetup, "
                                  "/groupworkout and /broadcast here; members join by sending me /join CODE in "
                                  "private."))]
        if not is_coach(dialogue.c.settings, user):
            return [Reply(t(lang, "Only the group's coach can do that."))]
        if cmd == "groupsetup":
            if group is None:
                group = repos.groups.create_group(s, user.id, title=title.replace("\x00", "")[:200], chat_id=chat_id)
            return [Reply(t(lang, "Group ready. Members: send me /join {code} in a private chat.", code=group.join_code))]
        if group is None:
            return [Reply(t(lang, "Set the group up first with /groupsetup."))]
        if group.coach_user_id != user.id and user.role != "admin":
            return [Reply(t(lang, "Only the group's coach can do that."))]
        return _coach_command(dialogue, s, group, lang, cmd, arg)


def _coach_command(dialogue: Any, s: Any, group: Any, lang: str, cmd: str, arg: str) -> list[Reply]:
    if cmd == "broadcast":
        if not arg:
            return [Reply(t(lang, "Usage: /broadcast your message"))]
        sent = 0
        for _m, member in repos.groups.members(s, group.id):
            if dialogue.notifier is not None and member.active:
                dialogue.notifier(member.id, t(member.language, "Message from your coach ({group}): {text}",
                                               group=group.title or group.join_code, text=arg[:3000]))
                sent += 1
        return [Reply(t(lang, "Sent to {n} members.", n=sent))]
    if cmd == "groupworkout":
        return [Reply(group_workout_text(lang))]
    if cmd == "members":
        return [Reply(t(lang, "I'll send member progress to you privately: send me /members in our private chat."))]
    return []


def group_workout_text(lang: str) -> str:
    """A short, low-impact bodyweight circuit everyone can do (moderate, within any screening but red flags)."""
    prof = validate_profile({"age": 40, "height_cm": 170, "weight_kg": 70, "goal": "general_health",
                             "days_per_week": 1, "minutes_per_session": 30, "experience": "beginner",
                             "currently_active": False, "language": lang})
    session = make_plan(prof, 1, lang=lang)["weeks"][0]["sessions"][0]
    return session_text(session, lang, header=t(lang, "Group workout (about 30 min, everyone at their own pace; stop "
                                                      "if anything hurts):"))

"""Coach groups: a coach sets up a group chat, members join privately and choose whether to share progress."""
from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

from sqlmodel import Session

from coach import service
from coach.i18n import t
from coach.messages import Button, Reply
from coach.render import session_text
from storage import repo
from storage.models import User

if TYPE_CHECKING:
    from coach.dialogue import Coach


def is_coach(coach: "Coach", user: User) -> bool:
    admin_ids = {f"tg:{i}" for i in coach.c.settings.coach_admin_ids}
    return user.role in ("coach", "admin") or user.external_id in admin_ids


def group_command(coach: "Coach", user_key: str, chat_id: int, title: str, cmd: str, arg: str) -> list[Reply]:
    """Commands typed in a group chat; never answers with anyone's personal data."""
    with coach.c.session() as s:
        user, _ = repo.get_or_create_user(s, user_key, channel="telegram", timezone=coach.c.settings.default_timezone)
        lang = user.language
        group = repo.find_group(s, chat_id=chat_id)
        if cmd in ("help", "start"):
            return [Reply(t(lang, "I coach people one-to-one in a private chat. Group coaches can use /groupsetup, "
                                  "/groupworkout and /broadcast here; members join by sending me /join CODE in "
                                  "private."))]
        if not is_coach(coach, user):
            return [Reply(t(lang, "Only the group's coach can do that."))]
        if cmd == "groupsetup":
            if group is None:
                group = repo.create_group(s, user.id, title=title, chat_id=chat_id)
            return [Reply(t(lang, "Group ready. Members: send me /join {code} in a private chat.", code=group.join_code))]
        if group is None:
            return [Reply(t(lang, "Set the group up first with /groupsetup."))]
        if group.coach_user_id != user.id and user.role != "admin":
            return [Reply(t(lang, "Only the group's coach can do that."))]
        if cmd == "broadcast":
            if not arg:
                return [Reply(t(lang, "Usage: /broadcast your message"))]
            sent = 0
            for _m, member in repo.members(s, group.id):
                if coach.notifier is not None and member.active:
                    coach.notifier(member.id, t(member.language, "Message from your coach ({group}): {text}",
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
    from coach.planner import make_plan
    from coach.profile import validate_profile

    prof = validate_profile({"age": 40, "height_cm": 170, "weight_kg": 70, "goal": "general_health",
                             "days_per_week": 1, "minutes_per_session": 30, "experience": "beginner",
                             "currently_active": False, "language": lang})
    session = make_plan(prof, 1, lang=lang)["weeks"][0]["sessions"][0]
    return session_text(session, lang, header=t(lang, "Group workout (about 30 min, everyone at their own pace; stop "
                                                      "if anything hurts):"))


def join(coach: "Coach", s: Session, user: User, code: str) -> list[Reply]:
    group = repo.find_group(s, join_code=code.strip().lower())
    if group is None:
        return [Reply(t(user.language, "No group has the code {code}.", code=code[:20]))]
    repo.join_group(s, group.id, user.id, share_progress=False)
    return [Reply(t(user.language, "You joined {group}. May your coach see your progress (sessions done, weight "
                                   "trend and safety alerts)? You can change this any time with /share.",
                    group=group.title or group.join_code),
                  buttons=[[Button(t(user.language, "Yes, share"), f"share:{group.id}:yes"),
                            Button(t(user.language, "No"), f"share:{group.id}:no")]])]


def set_share(coach: "Coach", s: Session, user: User, group_id: int, share: bool) -> list[Reply]:
    repo.join_group(s, group_id, user.id, share_progress=share)
    return [Reply(t(user.language, "Your coach can see your progress.") if share
                  else t(user.language, "Your progress stays private."))]


def members_report(coach: "Coach", s: Session, user: User) -> list[Reply]:
    """Progress of the consenting members of the coach's groups (pseudonymous ids, no health details)."""
    if not is_coach(coach, user):
        return [Reply(t(user.language, "Only coaches can see member progress."))]
    lines = []
    today = service.local_today(user, coach.clock())
    for group in _coach_groups(s, user):
        lines.append(f"{group.title or group.join_code}:")
        shown = 0
        for membership, member in repo.members(s, group.id):
            if not membership.share_progress:
                continue
            logs = repo.workout_logs(s, member.id, since=today - timedelta(days=6))
            done = sum(1 for lg in logs if lg.status in ("done", "too_easy", "too_hard"))
            weights = repo.metrics(s, member.id, "weight")
            trend = f"{float(weights[-1].value) - float(weights[0].value):+.1f} kg" if len(weights) >= 2 else "—"
            alerts = len(repo.alerts(s, member.id))
            lines.append(t(user.language, "• {m}: {done} sessions this week, weight {trend}, alerts {a}",
                           m=member.pseudonym, done=done, trend=trend, a=alerts))
            shown += 1
        if not shown:
            lines.append(t(user.language, "• no member shares progress yet"))
    return [Reply("\n".join(lines) or t(user.language, "You have no groups yet."))]


def _coach_groups(s: Session, user: User) -> list:
    from sqlmodel import select

    from storage.models import Group

    return list(s.exec(select(Group).where(Group.coach_user_id == user.id)))

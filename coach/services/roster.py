"""What a coach may see of their members, by each member's own consent level, read fresh on every request (so a
withdrawal takes effect at once): the roster, one client's view with a weight chart, and the weekly digest."""
from __future__ import annotations

import io
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone

from sqlmodel import Session

from coach.i18n import t
from coach.services.clock import local_today
from storage import repos
from storage.models import Group, Membership, User
from storage.repos import group_queue

DONE = ("done", "too_easy", "too_hard")
ALERT_DAYS = 14  # an alert counts as open this long
FEEDBACK_DAYS = 28


@dataclass
class MemberView:
    """One consenting member as the coach may see them: adherence always, health details only at level full."""

    name: str
    level: str
    user_id: int
    membership_id: int
    done: int = 0  # personal-plan sessions done in the last 7 days
    planned: int = 0  # sessions per week in their plan
    attended: int = 0  # group sessions attended in the last 7 days
    offered: int = 0  # group sessions sent to them in the last 7 days
    last_checkin: date | None = None
    alerts: list[str] = field(default_factory=list)  # full only
    weight: list[tuple[date, float]] = field(default_factory=list)  # full only
    feedback: list[str] = field(default_factory=list)  # full only: too hard, pain (area)
    plan: str = ""


@dataclass
class GroupView:
    group: Group
    members: list[MemberView]
    not_sharing: int  # members who chose "nothing" (counted, never named)


def _planned(s: Session, user_id: int) -> tuple[int, str]:
    plan = repos.plans.active_plan(s, user_id)
    if plan is None or not plan.data.get("weeks"):
        return 0, ""
    sessions = plan.data["weeks"][0]["sessions"]
    minutes = max((x.get("minutes", 0) for x in sessions), default=0)
    return len(sessions), f"{plan.data.get('goal', '')}:{len(sessions)}:{minutes}"


def member_view(s: Session, group: Group, m: Membership, u: User, today: date) -> MemberView:
    """The member's figures, limited to what their level allows."""
    week_ago = today - timedelta(days=6)
    view = MemberView(m.display_name or "?", m.level, u.id, m.id or 0)
    logs = repos.workouts.workout_logs(s, u.id, since=week_ago)
    view.done = sum(1 for lg in logs if lg.status in DONE)
    view.planned, view.plan = _planned(s, u.id)
    view.attended = len(repos.groups.attendance(s, u.id, group.id, since=week_ago))
    since = datetime.combine(week_ago, datetime.min.time(), tzinfo=timezone.utc)
    view.offered = sum(1 for r in group_queue.messages(s, kind="session", user_id=u.id, group_id=group.id, status="sent")
                       if r.sent_at is not None and _aware(r.sent_at) >= since)
    checkins = repos.checkins.checkins(s, u.id)
    view.last_checkin = checkins[-1].local_date if checkins else None
    if m.level == "full":
        cutoff = datetime.now(timezone.utc) - timedelta(days=ALERT_DAYS)
        view.alerts = [_alert_text(a.detail) for a in repos.alerts.alerts(s, u.id) if _aware(a.created_at) >= cutoff]
        view.weight = [(r.measured_at.date(), float(r.value)) for r in repos.readings.metrics(s, u.id, "weight")]
        view.feedback = [f"{lg.session_date:%m-%d} {lg.status}" + (f" ({lg.notes})" if lg.status == "pain" and lg.notes
                                                                   else "")
                         for lg in repos.workouts.workout_logs(s, u.id, since=today - timedelta(days=FEEDBACK_DAYS))
                         if lg.status in ("too_hard", "pain")]
    return view


def _aware(dt: datetime) -> datetime:
    return dt if dt.tzinfo is not None else dt.replace(tzinfo=timezone.utc)  # SQLite gives naive UTC back


def _alert_text(detail: object) -> str:
    if isinstance(detail, dict):
        if detail.get("symptoms"):
            return ", ".join(str(x).replace("_", " ") for x in detail["symptoms"])
        return str(detail.get("detail", ""))
    return str(detail)


def group_view(s: Session, group: Group, today: date) -> GroupView:
    """The roster of one group: consenting members by name, the others only counted."""
    shown, hidden = [], 0
    for m, u in repos.groups.members(s, group.id):
        if m.level == "none" or u.consent_at is None:
            hidden += 1
            continue
        shown.append(member_view(s, group, m, u, today))
    return GroupView(group, shown, hidden)


def weight_trend(view: MemberView) -> str | None:
    if len(view.weight) < 2:
        return None
    return f"{view.weight[-1][1] - view.weight[0][1]:+.1f} kg"


def roster_lines(lang: str, views: list[GroupView]) -> list[str]:
    """The /clients text: one block per group, one line per consenting member."""
    lines: list[str] = []
    for gv in views:
        lines.append(t(lang, "{group}: {n} sharing, {k} not sharing", group=gv.group.title or gv.group.join_code,
                       n=len(gv.members), k=gv.not_sharing))
        for v in gv.members:
            lines.append("• " + member_line(lang, v))
        lines.append("")
    return lines


def member_line(lang: str, v: MemberView) -> str:
    parts = [t(lang, "{name}: {done}/{planned} sessions this week", name=v.name, done=v.done, planned=v.planned)]
    if v.offered:
        parts.append(t(lang, "group sessions {a}/{b}", a=v.attended, b=v.offered))
    parts.append(t(lang, "last check-in {d}", d=v.last_checkin.isoformat() if v.last_checkin else "—"))
    if v.level == "full":
        parts.append(t(lang, "open alerts {n}", n=len(v.alerts)))
        trend = weight_trend(v)
        if trend:
            parts.append(t(lang, "weight {trend}", trend=trend))
    return ", ".join(parts)


def client_text(lang: str, group: Group, v: MemberView) -> str:
    """The /client text: exactly the fields the member's level allows."""
    lines = [t(lang, "{name} ({group})", name=v.name, group=group.title or group.join_code), member_line(lang, v)]
    if v.plan:
        goal, days, minutes = v.plan.split(":")
        lines.append(t(lang, "Plan: {goal}, {days} sessions a week, up to {minutes} min",
                       goal=t(lang, goal.replace("_", " ")), days=days, minutes=minutes))
    if v.level == "full":
        lines.append(t(lang, "Recent feedback: {items}", items="; ".join(v.feedback[-5:]) or "—"))
        lines.append(t(lang, "Open alerts: {items}", items="; ".join(v.alerts) or "—"))
    else:
        lines.append(t(lang, "{name} shares adherence only (no weight, feedback or alerts).", name=v.name))
    return "\n".join(lines)


def weight_png(v: MemberView) -> bytes | None:
    """The member's weight trend as a PNG (None without two readings)."""
    if len(v.weight) < 2:
        return None
    # imported here: matplotlib costs ~0.5 s and only /client draws (turns stay fast for everything else); the
    # object API, not pyplot (no process-wide figure state between threads), and a fixed layout (tight_layout
    # measured every label first, most of the drawing time)
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    fig = Figure(figsize=(6, 3), dpi=100)
    ax = fig.add_subplot()
    ax.plot([d for d, _w in v.weight], [w for _d, w in v.weight], marker="o", color="#2b7bb9")
    ax.set_ylabel("kg")
    ax.set_title("Weight")
    ax.grid(alpha=0.3)
    fig.autofmt_xdate()
    fig.subplots_adjust(left=0.13, right=0.97, top=0.9, bottom=0.2)
    buf = io.BytesIO()
    FigureCanvasAgg(fig).print_png(buf, pil_kwargs={"compress_level": 3})
    return buf.getvalue()


def attention(lang: str, v: MemberView) -> list[str]:
    """Why a member needs the coach's attention this week (missed 3+ sessions; at level full: pain, alerts)."""
    out = []
    if v.planned and v.planned - v.done >= 3 or v.offered - v.attended >= 3:
        out.append(t(lang, "missed {n} sessions", n=max(v.planned - v.done, v.offered - v.attended)))
    if v.level == "full":
        pains = [f for f in v.feedback if "pain" in f]
        if pains:
            out.append(t(lang, "pain reported: {items}", items="; ".join(pains[-3:])))
        if v.alerts:
            out.append(t(lang, "alerts: {items}", items="; ".join(v.alerts)))
    return out


def digest_text(s: Session, coach: User, groups: list[Group], now: datetime) -> str:
    """The weekly digest: adherence per consenting member and who needs attention, per group."""
    lang, today = coach.language, local_today(coach, now)
    lines = [t(lang, "Your weekly digest")]
    for group in groups:
        gv = group_view(s, group, today)
        lines += ["", t(lang, "{group}: {n} sharing, {k} not sharing", group=group.title or group.join_code,
                        n=len(gv.members), k=gv.not_sharing)]
        lines += ["• " + member_line(lang, v) for v in gv.members]
        needs = [(v.name, attention(lang, v)) for v in gv.members]
        needs = [(n, a) for n, a in needs if a]
        if needs:
            lines.append(t(lang, "Needs attention:"))
            lines += [f"⚠️ {n}: {'; '.join(a)}" for n, a in needs]
    return "\n".join(lines)

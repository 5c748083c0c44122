"""SQLModel tables: one home for the schema. Health values use EncryptedJSON columns."""
from __future__ import annotations

from datetime import date, datetime, timezone
from typing import Any

from sqlalchemy import JSON, BigInteger, Column, Index, Text, UniqueConstraint, text
from sqlalchemy import false as sa_false
from sqlmodel import Field, SQLModel

from storage.crypto import EncryptedJSON


def utcnow() -> datetime:
    """Aware UTC now (stored datetimes are UTC)."""
    return datetime.now(timezone.utc)


def _enc(nullable: bool = True) -> Any:
    return Field(default=None, sa_column=Column(EncryptedJSON(), nullable=nullable))


class User(SQLModel, table=True):
    __tablename__ = "users"
    __table_args__ = (Index("ix_users_tz_time", "timezone", "reminder_time"),)  # the dispatcher's due query
    id: int | None = Field(default=None, primary_key=True)
    external_id: str = Field(index=True, unique=True, max_length=64)  # "tg:<user id>" or "cli:<name>"
    channel: str = Field(default="telegram", max_length=16)
    chat_id: int | None = Field(default=None, sa_column=Column(BigInteger, nullable=True))
    pseudonym: str = Field(max_length=32, unique=True)  # the only user key a model ever sees
    language: str = Field(default="en", max_length=5)
    timezone: str = Field(default="UTC", max_length=64)
    role: str = Field(default="user", max_length=16)  # user | coach | admin
    consent_version: str | None = Field(default=None, max_length=16)
    consent_at: datetime | None = None
    reminder_time: str = Field(default="07:30", max_length=5)  # local HH:MM
    checkin_days: list[int] = Field(default_factory=lambda: [0, 3], sa_column=Column(JSON, nullable=False))  # weekdays, Mon=0
    reminders_paused: bool = False
    active: bool = True  # false after the user blocked the bot (403)
    created_at: datetime = Field(default_factory=utcnow)


class ProfileVersion(SQLModel, table=True):
    """One stored version of a user's profile: every change inserts a row; the highest version is current."""

    __tablename__ = "profiles"
    __table_args__ = (UniqueConstraint("user_id", "version", name="uq_profile_version"),)
    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="users.id", index=True, ondelete="CASCADE")
    version: int
    data: dict | None = _enc(nullable=False)
    reason: Any = _enc()  # why this version ("symptom reported: …" reveals health): encrypted
    created_at: datetime = Field(default_factory=utcnow)



class MetricReading(SQLModel, table=True):
    __tablename__ = "metric_readings"
    __table_args__ = (Index("ix_metric_user_kind_time", "user_id", "kind", "measured_at"),
                      UniqueConstraint("user_id", "import_key", name="uq_metric_import_key"))
    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="users.id", ondelete="CASCADE")
    kind: str = Field(max_length=24)  # weight | resting_hr | bp | sleep | body_fat | soreness | energy | steps
    value: Any = _enc(nullable=False)  # number, or [sys, dia] for bp, in the kind's unit (coach.domain.metrics)
    unit: str = Field(default="", max_length=12)
    measured_at: datetime = Field(default_factory=utcnow)
    # manual | onboarding | checkin | agent | corrected | apple_health | health_connect | fitbit | garmin | csv
    source: str = Field(default="manual", max_length=24)
    original_value: Any = _enc()  # an imported reading as the file had it (before unit conversion or a fix)
    original_unit: str | None = Field(default=None, max_length=16)
    import_key: str | None = Field(default=None, max_length=64)  # hash of source+kind+time: re-imports add nothing
    flag: str | None = Field(default=None, max_length=12)  # outlier | duplicate | unit_fixed: kept, not trended


class Plan(SQLModel, table=True):
    __tablename__ = "plans"
    __table_args__ = (UniqueConstraint("user_id", "version", name="uq_plan_version"),)
    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="users.id", index=True, ondelete="CASCADE")
    version: int
    data: dict | None = _enc(nullable=False)  # the plan JSON of CONTRACTS.md
    reason: Any = _enc()
    active: bool = True
    start_date: date
    created_at: datetime = Field(default_factory=utcnow)


class WorkoutLog(SQLModel, table=True):
    __tablename__ = "workout_logs"
    __table_args__ = (Index("ix_workout_user_date", "user_id", "session_date"),)
    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="users.id", ondelete="CASCADE")
    plan_id: int | None = Field(default=None, foreign_key="plans.id", ondelete="SET NULL")
    week: int | None = None
    day: int | None = None
    session_date: date
    status: Any = _enc(nullable=False)  # done | skipped | too_easy | too_hard | pain: encrypted ("pain" is health)
    rpe: Any = _enc()
    notes: Any = _enc()
    created_at: datetime = Field(default_factory=utcnow)


class SetLog(SQLModel, table=True):
    """One exercise's sets in one session ("squat 3x10 @ 40 kg"): reps per set and load, per exercise and day."""

    __tablename__ = "set_logs"
    __table_args__ = (Index("ix_set_user_exercise_date", "user_id", "exercise", "session_date"),
                      Index("ix_set_user_date", "user_id", "session_date"))
    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="users.id", ondelete="CASCADE")
    session_date: date
    exercise: str = Field(max_length=64)  # catalog id when known, else the normalised name typed
    data: Any = _enc(nullable=False)  # {"reps": [10, 10, 8], "load_kg": 40.0 | None, "unit": "kg" | "lb"}
    text: Any = _enc()  # the message it was read from
    source: str = Field(default="typed", max_length=16)  # typed | button | import
    created_at: datetime = Field(default_factory=utcnow)


class CheckIn(SQLModel, table=True):
    __tablename__ = "checkins"
    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="users.id", index=True, ondelete="CASCADE")
    local_date: date
    data: Any = _enc(nullable=False)  # weight, sleep, soreness, energy, resting_hr, bp, symptoms, text
    created_at: datetime = Field(default_factory=utcnow)


class Adjustment(SQLModel, table=True):
    __tablename__ = "adjustments"
    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="users.id", index=True, ondelete="CASCADE")
    from_plan_id: int | None = Field(default=None, foreign_key="plans.id", ondelete="SET NULL")
    to_plan_id: int | None = Field(default=None, foreign_key="plans.id", ondelete="SET NULL")
    rule: Any = _enc(nullable=False)  # which rule (red_flag, pain_swap, …): encrypted, it reveals symptoms
    change: Any = _enc(nullable=False)
    reason: Any = _enc(nullable=False)
    citations: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    created_at: datetime = Field(default_factory=utcnow)


class Alert(SQLModel, table=True):
    __tablename__ = "alerts"
    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="users.id", index=True, ondelete="CASCADE")
    kind: Any = _enc(nullable=False)  # symptom | bp | …: encrypted, it reveals health
    detail: Any = _enc(nullable=False)
    coach_notified: bool = False
    created_at: datetime = Field(default_factory=utcnow)


class DialogueState(SQLModel, table=True):
    """Where each conversation stands; kept here so restarts and other processes continue it."""

    __tablename__ = "dialogue_states"
    user_id: int = Field(primary_key=True, foreign_key="users.id", ondelete="CASCADE")
    # encrypted too: "log"/"pain_area" or "clearance"/"limits" would say what the partial answers hold (0008)
    flow: Any = Field(default="idle", sa_column=Column(EncryptedJSON(), nullable=False))
    step: Any = Field(default="", sa_column=Column(EncryptedJSON(), nullable=False))
    data: Any = _enc()  # partial answers (may hold health values)
    updated_at: datetime = Field(default_factory=utcnow)


class ChatTurn(SQLModel, table=True):
    """Bounded per-user conversation memory for the LLM coach."""

    __tablename__ = "chat_turns"
    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="users.id", index=True, ondelete="CASCADE")
    role: str = Field(max_length=12)  # user | assistant | summary
    content: Any = _enc(nullable=False)
    created_at: datetime = Field(default_factory=utcnow)


class LlmUsage(SQLModel, table=True):
    __tablename__ = "llm_usage"
    id: int | None = Field(default=None, primary_key=True)
    user_id: int | None = Field(default=None, foreign_key="users.id", index=True, ondelete="CASCADE")
    purpose: str = Field(max_length=24)  # answer | extract | reword | summary | probe ...
    model: str = Field(default="", max_length=64)
    prompt_tokens: int = 0
    completion_tokens: int = 0
    outcome: str = Field(default="ok", max_length=24, sa_column_kwargs={"server_default": "ok"})  # timeout, length...
    estimated: bool = Field(default=False, sa_column_kwargs={"server_default": sa_false()})  # counts estimated
    seconds: float | None = None
    created_at: datetime = Field(default_factory=utcnow)


OPEN_DELIVERY = "status IN ('queued', 'claimed', 'retry')"  # rows a sender may still take


class Delivery(SQLModel, table=True):
    """One scheduled message; the unique key makes sending at most once per user, kind and local day."""

    __tablename__ = "deliveries"
    __table_args__ = (
        UniqueConstraint("user_id", "kind", "local_date", name="uq_delivery_key"),
        Index("ix_delivery_status", "status", "claimed_at"),
        Index("ix_delivery_open", "id", postgresql_where=text(OPEN_DELIVERY),
              sqlite_where=text(OPEN_DELIVERY)),  # the senders' queue (migration 0010)
    )
    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="users.id", ondelete="CASCADE")
    kind: str = Field(max_length=32)  # workout | checkin | broadcast:<id>
    local_date: date
    status: str = Field(default="claimed", max_length=12)  # queued | claimed | retry | sent | skipped | failed | maybe
    claimed_by: str = Field(default="", max_length=64)
    claimed_at: datetime = Field(default_factory=utcnow)
    sent_at: datetime | None = None
    attempts: int = 0


class Group(SQLModel, table=True):
    """A coach's group, usually a Telegram group chat; its admins are its coaches (GroupCoach)."""

    __tablename__ = "groups"
    id: int | None = Field(default=None, primary_key=True)
    chat_id: int | None = Field(default=None, sa_column=Column(BigInteger, nullable=True, unique=True))
    title: str = Field(default="", max_length=128)
    coach_user_id: int = Field(foreign_key="users.id", ondelete="CASCADE")  # who set it up
    join_code: str = Field(max_length=16, unique=True)
    timezone: str = Field(default="UTC", max_length=64)  # group sessions' times are in this zone
    created_at: datetime = Field(default_factory=utcnow)


class Meta(SQLModel, table=True):
    """Facts about the database itself, e.g. the key check value that tells at start whether a key fits."""

    __tablename__ = "meta"
    name: str = Field(primary_key=True, max_length=32)
    value: str = Field(default="", sa_column=Column(Text, nullable=False))


class Membership(SQLModel, table=True):
    __tablename__ = "memberships"
    __table_args__ = (UniqueConstraint("group_id", "user_id", name="uq_membership"),)
    id: int | None = Field(default=None, primary_key=True)
    group_id: int = Field(foreign_key="groups.id", ondelete="CASCADE")
    user_id: int = Field(foreign_key="users.id", index=True, ondelete="CASCADE")
    share_progress: bool = False  # level != "none" (kept for readers of the old column)
    level: str = Field(default="none", max_length=12)  # what the coach sees: none | adherence | full
    display_name: Any = _enc()  # the name the coach sees (the member's choice)
    joined_at: datetime = Field(default_factory=utcnow)


class GroupCoach(SQLModel, table=True):
    """A coach of a group: an admin of its chat (checked with the Bot API) or an operator; digest settings."""

    __tablename__ = "group_coaches"
    __table_args__ = (UniqueConstraint("group_id", "user_id", name="uq_group_coach"),)
    id: int | None = Field(default=None, primary_key=True)
    group_id: int = Field(foreign_key="groups.id", ondelete="CASCADE")
    user_id: int = Field(foreign_key="users.id", index=True, ondelete="CASCADE")
    name: Any = _enc()  # the coach's first name as the chat shows it (shown to members)
    digest_weekday: int = 0  # Mon=0, in the coach's timezone
    digest_time: str = Field(default="08:00", max_length=5)
    verified_at: datetime = Field(default_factory=utcnow)


class GroupSession(SQLModel, table=True):
    """A group programme entry: one-off (on_date) or weekly (weekday), at a local time, adapted per member."""

    __tablename__ = "group_sessions"
    id: int | None = Field(default=None, primary_key=True)
    group_id: int = Field(foreign_key="groups.id", index=True, ondelete="CASCADE")
    user_id: int | None = Field(default=None, foreign_key="users.id", ondelete="SET NULL")  # the coach who wrote it
    title: str = Field(default="", max_length=200)
    kind: str = Field(max_length=16)  # strength | aerobic | hiit | mobility | mixed
    minutes: int = 30
    weekday: int | None = None  # weekly sessions, Mon=0
    on_date: date | None = None  # one-off sessions
    time: str = Field(default="18:00", max_length=5)
    active: bool = True
    created_at: datetime = Field(default_factory=utcnow)


class GroupAttendance(SQLModel, table=True):
    """A member's "done" for one occurrence of a group session (typed in the group, or a private button)."""

    __tablename__ = "group_attendance"
    __table_args__ = (UniqueConstraint("session_id", "on_date", "user_id", name="uq_attendance"),)
    id: int | None = Field(default=None, primary_key=True)
    session_id: int = Field(foreign_key="group_sessions.id", ondelete="CASCADE")
    on_date: date
    user_id: int = Field(foreign_key="users.id", index=True, ondelete="CASCADE")
    source: str = Field(default="private", max_length=12)  # group | private
    created_at: datetime = Field(default_factory=utcnow)


class GroupBatch(SQLModel, table=True):
    """One broadcast or session delivery to many: the coach gets one report when all its messages are done."""

    __tablename__ = "group_batches"
    id: int | None = Field(default=None, primary_key=True)
    group_id: int = Field(foreign_key="groups.id", index=True, ondelete="CASCADE")
    user_id: int | None = Field(default=None, foreign_key="users.id", ondelete="SET NULL")  # the coach to report to
    kind: str = Field(max_length=16)  # broadcast | session
    reported: bool = False
    created_at: datetime = Field(default_factory=utcnow)


class GroupMessage(SQLModel, table=True):
    """The group delivery queue: one row per message and recipient; the unique key makes sending at most once."""

    __tablename__ = "group_messages"
    __table_args__ = (Index("ix_group_message_status", "status", "claimed_at"),)
    id: int | None = Field(default=None, primary_key=True)
    key: str = Field(max_length=96, unique=True)  # e.g. bc:<batch>:<user>, gs:<session>:<date>:<user>
    kind: str = Field(max_length=16)  # broadcast | session | announce | alert | digest | report | notice
    group_id: int | None = Field(default=None, foreign_key="groups.id", ondelete="CASCADE")
    batch_id: int | None = Field(default=None, foreign_key="group_batches.id", index=True, ondelete="CASCADE")
    user_id: int | None = Field(default=None, foreign_key="users.id", index=True, ondelete="CASCADE")  # None: the group chat
    chat_id: int = Field(sa_column=Column(BigInteger, nullable=False))
    payload: Any = _enc(nullable=False)  # {"text", "buttons"} or what to build at send time (alerts, digests)
    status: str = Field(default="queued", max_length=12)  # queued | claimed | sent | blocked | failed | skipped
    claimed_by: str = Field(default="", max_length=64)
    claimed_at: datetime | None = None
    sent_at: datetime | None = None
    attempts: int = 0
    created_at: datetime = Field(default_factory=utcnow)


ALL_TABLES = [
    User, ProfileVersion, MetricReading, Plan, WorkoutLog, SetLog, CheckIn, Adjustment, Alert,
    DialogueState, ChatTurn, LlmUsage, Delivery, Group, Membership, GroupCoach, GroupSession, GroupAttendance,
    GroupBatch, GroupMessage,
]


class InboxUpdate(SQLModel, table=True):
    """A Telegram update as received (webhook or getUpdates), stored before it is acknowledged; the primary key makes
    a redelivery a no-op. `person` serialises one person's turns; the raw update quotes their words: encrypted."""

    __tablename__ = "inbox"
    __table_args__ = (Index("ix_inbox_pending", "status", "person", "update_id"),)
    update_id: int = Field(sa_column=Column(BigInteger, primary_key=True, autoincrement=False))
    person: str | None = Field(default=None, max_length=40)  # "user:<id>" / "chat:<id>" / "update:<id>": whose turn
    payload: Any = _enc(nullable=False)
    status: str = Field(default="pending", max_length=8)  # pending | done
    attempts: int = 0
    received_at: datetime = Field(default_factory=utcnow)
    done_at: datetime | None = Field(default=None, index=True)


class InboxAttempt(SQLModel, table=True):
    """How many times an inbox update's turn was started (migration 0011: why it is not a column of the inbox)."""

    __tablename__ = "inbox_attempts"
    update_id: int = Field(sa_column=Column(BigInteger, primary_key=True, autoincrement=False))
    attempts: int = 0

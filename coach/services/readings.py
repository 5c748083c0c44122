"""Metric readings as the coach uses them: record one, read the latest, check it is plausible, correct a typo.

A reading is checked against the one before it with the plausible change per elapsed day that
coach.domain.metrics declares for its kind; a doubtful value is not stored until the person confirms it.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import Any

from sqlmodel import Session

from coach.domain.metrics import by_field, by_kind
from coach.events import Reply
from coach.services.context import Ctx
from coach.services.corrections import apply_profile_change
from coach.services.clock import local_today
from coach.services.profiles import profile_dict, save_profile
from storage.models import MetricReading, User
from storage.repos import profiles, readings

CORRECTION_WINDOW = timedelta(hours=24)  # "typo, it's 62.8" replaces a reading this recent without asking
STATED = ("onboarding",)  # readings given as answers while setting up: a later "actually 78" adds to them


@dataclass(frozen=True)
class Doubt:
    """A reading that changed more than is plausible since the last one of its kind."""

    kind: str
    value: Any
    previous: Any
    previous_at: datetime
    days: float


def record_reading(s: Session, user: User, kind: str, value: Any, unit: str, source: str = "manual",
                   at: datetime | None = None) -> None:
    """Store one reading (measured now unless told when)."""
    readings.add_metric(s, user.id, kind, value, unit, source=source, measured_at=at)


def latest_reading(s: Session, user: User, kind: str) -> Any:
    """The value of the user's latest reading of a kind, or None."""
    row = readings.latest_metric(s, user.id, kind)
    return row.value if row else None


def by_kinds(values: dict[str, Any]) -> dict[str, Any]:
    """{"weight_kg": 62.8, "bp_systolic": 125, "bp_diastolic": 78} → {"weight": 62.8, "bp": [125, 78]}."""
    out: dict[str, Any] = {}
    for key, value in values.items():
        if value is None:
            continue
        metric = by_field(key)
        if metric is None:
            try:
                metric = by_kind(key)
            except KeyError:
                continue
        if len(metric.fields) > 1:
            parts = [values.get(f) for f in metric.fields]
            if isinstance(value, (list, tuple)):
                parts = list(value)
            if all(p is not None for p in parts):
                out[metric.kind] = list(parts)
        else:
            out[metric.kind] = value
    return out


def as_fields(kinds: dict[str, Any]) -> dict[str, Any]:
    """The inverse of by_kinds for kinds that are profile fields (soreness, energy are left out)."""
    out: dict[str, Any] = {}
    for kind, value in kinds.items():
        metric = by_kind(kind)
        if len(metric.fields) == 1:
            out[metric.fields[0]] = value
        elif metric.fields:
            out.update(dict(zip(metric.fields, value)))
    return out


def _aware(at: datetime) -> datetime:
    return at if at.tzinfo else at.replace(tzinfo=timezone.utc)


def doubts(s: Session, user: User, kinds: dict[str, Any], now: datetime, *, profile_value: bool = False) -> list[Doubt]:
    """Readings that change more than their kind plausibly can since the last reading of that kind (with
    `profile_value`, the profile's value when there is no reading yet)."""
    out = []
    for kind, value in kinds.items():
        last = readings.latest_metric(s, user.id, kind)
        previous, at = (last.value, last.measured_at) if last is not None else \
            _from_profile(s, user, kind) if profile_value else (None, None)
        if previous is None:
            continue
        days = max(0.0, (_aware(now) - _aware(at)).total_seconds() / 86400)
        if last is None:
            days = max(days, PROFILE_VALUE_AGE_DAYS)  # a value given at sign-up is approximate: only a change no
            # week could make is doubted ("I'm not 35, I'm 36" read as 36 kg), not 75 -> 77 kg
        if not by_kind(kind).is_plausible(previous, value, days):
            out.append(Doubt(kind, value, previous, at, days))
    return out


PROFILE_VALUE_AGE_DAYS = 7


def _from_profile(s: Session, user: User, kind: str) -> tuple[Any, datetime | None]:
    """Without a reading of the kind yet, the profile's value (a weight given at sign-up) and when it was stored."""
    fields = by_kind(kind).fields
    row = profiles.current_profile(s, user.id)
    if row is None or len(fields) != 1 or (row.data or {}).get("profile", {}).get(fields[0]) is None:
        return None, None
    return row.data["profile"][fields[0]], row.created_at


# One night's sleep is that night's reading; the profile's usual sleep changes only through a confirmed change.
NIGHTLY = frozenset({"sleep"})


def store_readings(ctx: Ctx, kinds: dict[str, Any], *, source: str = "manual") -> list[Reply]:
    """Store checked readings: profile fields through the profile (shown, never silent), the rest as readings."""
    fields = as_fields({k: v for k, v in kinds.items() if k not in NIGHTLY})
    replies: list[Reply] = []
    if fields:
        replies = apply_profile_change(ctx, fields, source=source)
    now = ctx.clock()
    for kind, value in kinds.items():
        if not by_kind(kind).fields or kind in NIGHTLY:
            readings.add_metric(ctx.s, ctx.user.id, kind, value, by_kind(kind).unit, source=source, measured_at=now)
    if not fields:
        replies.append(Reply(ctx._("Recorded.")))
    return replies


def is_stated(s: Session, user: User, kind: str) -> bool:
    """Whether the last reading of a kind is a fact stated at setup rather than a measurement typed later."""
    row = readings.latest_metric(s, user.id, kind)
    return row is not None and row.source in STATED


def recent_to_correct(s: Session, user: User, kind: str, now: datetime) -> MetricReading | None:
    """The last reading of a kind when it is recent enough to be replaced without asking."""
    row = readings.latest_metric(s, user.id, kind)
    if row is None or row.source in STATED or _aware(now) - _aware(row.measured_at) > CORRECTION_WINDOW:
        return None
    return row


def replace_reading(ctx: Ctx, row: MetricReading, value: Any) -> None:
    """A typo corrected: the reading takes the new value, and the profile follows when it held the old one."""
    old = row.value
    readings.replace_metric(ctx.s, row, value, source="corrected")
    fields = as_fields({row.kind: value})
    current = profile_dict(ctx.s, ctx.user)
    olds = as_fields({row.kind: old})
    if current and fields and all(current.get(f) in (olds.get(f), None) for f in fields):
        latest = readings.latest_metric(ctx.s, ctx.user.id, row.kind)
        if latest is not None and latest.id == row.id:
            save_profile(ctx.s, ctx.user, {**current, **fields}, f"typo corrected: {row.kind}")


def kinds_logged_today(s: Session, user: User, now: datetime) -> set[str]:
    """Kinds with a reading on the user's local today (a check-in does not ask for them again)."""
    today = local_today(user, now)
    since = _aware(now) - timedelta(days=2)
    return {r.kind for r in readings.metrics(s, user.id, since=since) if local_today(user, _aware(r.measured_at)) == today}

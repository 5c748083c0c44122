"""Import a file of readings from a device or app: parse it (streamed), clean each kind's series against what is
stored, store the new readings in batches, and sum up what happened.

Idempotent: each imported reading carries an import key (a hash of source, kind and time); a key the user already
has is skipped, so importing the same file again adds nothing. Stored readings are never changed by an import.
"""
from __future__ import annotations

import csv
import hashlib
import zipfile
import zlib
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlmodel import Session

from coach.domain import cleaning
from coach.domain.metrics import unit_of
from coach.i18n import N_, t
from coach.imports import Raw, Tally, UnknownFormat, detect, open_readings  # noqa: F401 - UnknownFormat re-exported
from coach.imports.common import Progress
from storage.models import User
from storage.repos import readings, users

KIND_NAMES = {"weight": N_("weight"), "resting_hr": N_("resting heart rate"), "bp": N_("blood pressure"),
              "sleep": N_("sleep"), "body_fat": N_("body fat"), "steps": N_("steps"), "?": N_("unreadable rows")}
REASONS = {"out_of_range": N_("outside the accepted range"), "unreadable": N_("unreadable"),
           "unknown_unit": N_("unknown unit"), "unknown_kind": N_("unknown kind"),
           "unpaired": N_("systolic without diastolic (or the reverse)"), "broken_xml": N_("the file is cut short")}
FLAG_NAMES = {cleaning.OUTLIER: N_("outliers"), cleaning.DUPLICATE: N_("duplicates of another source"),
              cleaning.UNIT_FIXED: N_("unit slips fixed")}
UNREADABLE = (UnicodeDecodeError, csv.Error, zipfile.BadZipFile, zlib.error, EOFError, OSError)
CONTEXT = timedelta(days=1)  # stored readings this far around an import's span are checked against it


@dataclass
class KindSummary:
    first: date | None = None
    last: date | None = None
    added: int = 0
    already: int = 0  # in the file and already stored (an earlier import)
    flags: Counter = field(default_factory=Counter)
    rejected: Counter = field(default_factory=Counter)  # reason → count


@dataclass
class ImportSummary:
    format: str
    kinds: dict[str, KindSummary] = field(default_factory=lambda: defaultdict(KindSummary))

    @property
    def added(self) -> int:
        return sum(k.added for k in self.kinds.values())

    @property
    def rejected(self) -> int:
        return sum(sum(k.rejected.values()) for k in self.kinds.values())


def import_key(source: str, kind: str, at: datetime) -> str:
    """The reading's identity across imports: the same file, or an overlapping later export, maps to the same key."""
    stamp = at.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S")
    return hashlib.blake2b(f"{source}|{kind}|{stamp}".encode(), digest_size=16).hexdigest()


def _zone(user: User) -> ZoneInfo:
    try:
        return ZoneInfo(user.timezone or "UTC")
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("UTC")


def _aware(at: datetime) -> datetime:
    return at if at.tzinfo else at.replace(tzinfo=timezone.utc)


def _collect(raws: Any, source: str, known: set[str], summary: ImportSummary) -> dict[str, list[cleaning.Point]]:
    """New readings by kind (those already stored are counted and dropped); one per key."""
    by_kind: dict[str, list[cleaning.Point]] = defaultdict(list)
    seen: set[str] = set()
    for raw in raws:
        key = import_key(source, raw.kind, raw.at)
        if key in known:
            summary.kinds[raw.kind].already += 1
            continue
        if key in seen:
            continue
        seen.add(key)
        by_kind[raw.kind].append(cleaning.Point(raw.at, raw.value, source, ref=(key, raw)))
    return by_kind


def _clean_kind(s: Session, user: User, kind: str, points: list[cleaning.Point],
                ks: KindSummary) -> list[dict[str, Any]]:
    """Clean one kind's new points against the stored ones around them; the rows to insert."""
    start, end = min(p.at for p in points) - CONTEXT, max(p.at for p in points) + CONTEXT
    stored = [cleaning.Point(_aware(r.measured_at), r.value, r.source, stored=True)
              for r in readings.readings_between(s, user.id, [kind], start, end)
              if r.flag in (None, cleaning.UNIT_FIXED)]
    series = points + stored
    for p in cleaning.clean(kind, series):
        ks.rejected[cleaning.OUT_OF_RANGE] += 1
    rows = []
    tz = _zone(user)
    for p in series:
        if p.stored:
            continue
        key, raw = p.ref
        rows.append({"kind": kind, "value": p.value, "unit": unit_of(kind), "measured_at": p.at, "source": p.source,
                     "original_value": raw.original_value, "original_unit": raw.original_unit[:16],
                     "import_key": key, "flag": p.flag})
        day = p.at.astimezone(tz).date()
        ks.first = day if ks.first is None or day < ks.first else ks.first
        ks.last = day if ks.last is None or day > ks.last else ks.last
        if p.flag:
            ks.flags[p.flag] += 1
    return rows


def import_file(s: Session, user: User, path: Path, *, progress: Progress | None = None) -> ImportSummary:
    """Import every reading in the file at `path` for `user`; UnknownFormat when it is no format we read."""
    tally = Tally()
    known = readings.import_keys(s, user.id)
    try:
        with open_readings(path, tally, _zone(user), progress) as (fmt, raws):
            summary = ImportSummary(fmt.name)
            by_kind = _collect(raws, fmt.source, known, summary)
    except UNREADABLE as exc:  # a damaged zip, a binary file behind a CSV-looking start...: nothing is stored
        raise UnknownFormat(f"the file could not be read ({type(exc).__name__})") from None
    for (kind, reason), n in tally.items():
        summary.kinds[kind].rejected[reason] += n
    for kind, points in by_kind.items():
        ks = summary.kinds[kind]
        ks.added += readings.add_imported(s, user.id, _clean_kind(s, user, kind, points, ks))
    if progress is not None:
        progress(1.0)
    return summary


def _kind_line(lang: str, kind: str, ks: KindSummary) -> str:
    name = t(lang, KIND_NAMES.get(kind, kind))
    if ks.first is not None:
        line = t(lang, "{kind}: {added} added ({first} to {last})", kind=name, added=ks.added,
                 first=ks.first.isoformat(), last=ks.last.isoformat())
    else:
        line = t(lang, "{kind}: {added} added", kind=name, added=ks.added)
    if ks.already:
        line += "; " + t(lang, "{n} already imported", n=ks.already)
    for flag, n in sorted(ks.flags.items()):
        line += f"; {t(lang, FLAG_NAMES[flag])}: {n}"
    for reason, n in sorted(ks.rejected.items()):
        line += "; " + t(lang, "{n} rejected ({why})", n=n, why=t(lang, REASONS.get(reason, reason)))
    return line


def summary_text(lang: str, summary: ImportSummary) -> str:
    """What an import did, per kind: rows added with their date range, flagged, rejected and why."""
    head = t(lang, "Imported from {format}: {added} readings added.", format=summary.format, added=summary.added)
    lines = [_kind_line(lang, kind, ks) for kind, ks in sorted(summary.kinds.items())]
    if not lines:
        lines = [t(lang, "The file held none of the readings I import (weight, resting heart rate, blood pressure, "
                         "sleep, body fat, steps).")]
    if any(ks.flags for ks in summary.kinds.values()):
        lines.append(t(lang, "Flagged readings are kept but left out of your trends."))
    return "\n".join([head, *lines])


class ImportRefused(ValueError):
    """The import cannot start for this person (unknown, or no consent to store health data); one line."""


def import_for(s: Session, user_key: str, path: Path, *, progress: Progress | None = None) -> tuple[User, ImportSummary]:
    """Import a file for the person with this key ("cli:<name>", "tg:<id>"), who must have consented to health
    data; ImportRefused or UnknownFormat otherwise (nothing is stored then)."""
    user = readings_owner(s, user_key)
    return user, import_file(s, user, path, progress=progress)


def readings_owner(s: Session, user_key: str) -> User:
    """The person an import is for; ImportRefused when unknown or without consent to health data."""
    user = users.find_user(s, user_key)
    if user is None:
        raise ImportRefused(f"unknown user {user_key.split(':', 1)[-1]!r} (start `fitcoach chat --user NAME` first)")
    if user.consent_at is None:
        raise ImportRefused("this user has not agreed to store health data (answer the consent question first)")
    return user

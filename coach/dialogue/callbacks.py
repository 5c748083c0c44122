"""Typed button data: one small class per kind, encoded as `prefix[.vN]:field:field` within Telegram's 64 bytes.

Decoding checks every field's type and range, so a forged or stale button can never reach a handler with a value
it does not expect (an RPE of 999, a field name that is not a pain area, a superscript "digit"). Version 1 has no
version tag, which keeps keyboards already sitting in people's chats working.
"""
from __future__ import annotations

from dataclasses import dataclass, fields
from typing import ClassVar, TypeVar

from coach.domain.vocab import INJURIES

C = TypeVar("C", bound="CallbackData")
MAX_BYTES = 64
_TRUE, _FALSE = "yes", "no"


def _int(text: str, lo: int, hi: int) -> int | None:
    """An ASCII whole number within [lo, hi] (str.isdigit() also accepts '²' and '⑦', which int() refuses)."""
    if not (text.isascii() and text.isdigit()) or len(text) > 4:
        return None
    value = int(text)
    return value if lo <= value <= hi else None


def _bool(text: str) -> bool | None:
    return {_TRUE: True, _FALSE: False}.get(text)


def _word(text: str, limit: int = 32) -> str | None:
    """A short ASCII token (letters, digits, underscore), e.g. a field or choice name."""
    ok = text.isascii() and 0 < len(text) <= limit and text.replace("_", "").isalnum()
    return text if ok else None


class CallbackData:
    """Base class: subclasses set `prefix` (and `version` when their layout changes) and implement parse/parts."""

    prefix: ClassVar[str] = ""
    version: ClassVar[int] = 1

    @staticmethod
    def prefix_of(raw: str) -> str:
        return raw.split(":", 1)[0].split(".", 1)[0]

    def encode(self) -> str:
        head = self.prefix if self.version == 1 else f"{self.prefix}.v{self.version}"
        out = ":".join([head, *self.parts()])
        if len(out.encode()) > MAX_BYTES:
            raise ValueError(f"callback data over {MAX_BYTES} bytes: {out[:20]}…")
        return out

    @classmethod
    def decode(cls: type[C], raw: str) -> C | None:
        """The typed value, or None when `raw` is not a well-formed button of this kind and version."""
        if not isinstance(raw, str) or len(raw.encode("utf-8", "replace")) > MAX_BYTES:
            return None
        head, *parts = raw.split(":")
        expected = cls.prefix if cls.version == 1 else f"{cls.prefix}.v{cls.version}"
        if head != expected:
            return None
        return cls.parse(parts)

    @classmethod
    def parse(cls: type[C], parts: list[str]) -> C | None:  # pragma: no cover - every subclass overrides it
        raise NotImplementedError

    def parts(self) -> list[str]:
        return [str(getattr(self, f.name)) for f in fields(self)]  # type: ignore[arg-type]


def _yes_no_parts(value: bool) -> list[str]:
    return [_TRUE if value else _FALSE]


@dataclass(frozen=True)
class Consent(CallbackData):
    prefix: ClassVar[str] = "consent"
    agree: bool

    @classmethod
    def parse(cls, parts: list[str]) -> Consent | None:
        # anything but an explicit yes is a no, as before (a person pressed the button; it must not be ignored)
        return cls(parts == [_TRUE])

    def parts(self) -> list[str]:
        return _yes_no_parts(self.agree)


ONBOARDING_KEYS = frozenset({"skip", "eq", "goal", "experience", "sex", "currently_active", "days_per_week",
                             "minutes_per_session", "symptoms", "conditions", "injuries", "medications",
                             "pregnancy_trimester", "keep"})
_NUMERIC_STEPS = {"days_per_week": (1, 7), "minutes_per_session": (10, 180), "pregnancy_trimester": (1, 3)}


@dataclass(frozen=True)
class Onboard(CallbackData):
    """An onboarding choice: `ob:skip`, `ob:eq:dumbbells`, `ob:goal:fat_loss`, `ob:days_per_week:4`."""

    prefix: ClassVar[str] = "ob"
    key: str
    value: str = ""

    @classmethod
    def parse(cls, parts: list[str]) -> Onboard | None:
        if not parts or parts[0] not in ONBOARDING_KEYS or len(parts) > 2:
            return None
        key, value = parts[0], parts[1] if len(parts) > 1 else ""
        if key == "skip":
            return cls(key) if not value else None
        if _word(value) is None:
            return None
        if key in _NUMERIC_STEPS and _int(value, *_NUMERIC_STEPS[key]) is None:
            return None
        return cls(key, value)

    def parts(self) -> list[str]:
        return [self.key] + ([self.value] if self.value else [])


@dataclass(frozen=True)
class Lang(CallbackData):
    prefix: ClassVar[str] = "lang"
    lang: str

    @classmethod
    def parse(cls, parts: list[str]) -> Lang | None:
        return cls(parts[0]) if len(parts) == 1 and parts[0] in ("en", "zh") else None


@dataclass(frozen=True)
class Delete(CallbackData):
    prefix: ClassVar[str] = "delete"
    confirm: bool

    @classmethod
    def parse(cls, parts: list[str]) -> Delete | None:
        return cls(parts == [_TRUE])  # only an explicit yes erases anything

    def parts(self) -> list[str]:
        return _yes_no_parts(self.confirm)


@dataclass(frozen=True)
class Share(CallbackData):
    prefix: ClassVar[str] = "share"
    group_id: int
    share: bool

    @classmethod
    def parse(cls, parts: list[str]) -> Share | None:
        if len(parts) != 2:
            return None
        gid, yes = _int(parts[0], 1, 10**12), _bool(parts[1])
        return cls(gid, yes) if gid is not None and yes is not None else None

    def parts(self) -> list[str]:
        return [str(self.group_id)] + _yes_no_parts(self.share)


@dataclass(frozen=True)
class Reminders(CallbackData):
    prefix: ClassVar[str] = "rem"
    action: str

    @classmethod
    def parse(cls, parts: list[str]) -> Reminders | None:
        return cls(parts[0]) if len(parts) == 1 and parts[0] in ("pause", "resume") else None


@dataclass(frozen=True)
class PlanWeek(CallbackData):
    prefix: ClassVar[str] = "plan"
    week: int

    @classmethod
    def parse(cls, parts: list[str]) -> PlanWeek | None:
        if len(parts) != 2 or parts[0] != "week":
            return None
        week = _int(parts[1], 1, 104)
        return cls(week) if week is not None else None

    def parts(self) -> list[str]:
        return ["week", str(self.week)]


LOG_STATUSES = ("done", "too_easy", "too_hard", "pain", "skipped")


@dataclass(frozen=True)
class LogStatus(CallbackData):
    prefix: ClassVar[str] = "log"
    status: str

    @classmethod
    def parse(cls, parts: list[str]) -> LogStatus | None:
        return cls(parts[0]) if len(parts) == 1 and parts[0] in LOG_STATUSES else None


@dataclass(frozen=True)
class Rpe(CallbackData):
    """Effort 1–10, or None for the Skip button."""

    prefix: ClassVar[str] = "rpe"
    value: int | None

    @classmethod
    def parse(cls, parts: list[str]) -> Rpe | None:
        if parts == ["skip"]:
            return cls(None)
        value = _int(parts[0], 1, 10) if len(parts) == 1 else None
        return cls(value) if value is not None else None

    def parts(self) -> list[str]:
        return ["skip" if self.value is None else str(self.value)]


@dataclass(frozen=True)
class TopOfRange(CallbackData):
    prefix: ClassVar[str] = "top"
    reached: bool

    @classmethod
    def parse(cls, parts: list[str]) -> TopOfRange | None:
        yes = _bool(parts[0]) if len(parts) == 1 else None
        return cls(yes) if yes is not None else None

    def parts(self) -> list[str]:
        return _yes_no_parts(self.reached)


@dataclass(frozen=True)
class Pain(CallbackData):
    prefix: ClassVar[str] = "pain"
    area: str

    @classmethod
    def parse(cls, parts: list[str]) -> Pain | None:
        return cls(parts[0]) if len(parts) == 1 and parts[0] in INJURIES else None


@dataclass(frozen=True)
class ReadingConfirm(CallbackData):
    """Yes/No under "52.8 kg is a big change from 62.8 kg: save it?" (the value waits in the dialogue state)."""

    prefix: ClassVar[str] = "rdg"
    save: bool

    @classmethod
    def parse(cls, parts: list[str]) -> ReadingConfirm | None:
        yes = _bool(parts[0]) if len(parts) == 1 else None
        return cls(yes) if yes is not None else None

    def parts(self) -> list[str]:
        return _yes_no_parts(self.save)


@dataclass(frozen=True)
class CheckinAnswer(CallbackData):
    """`ci:sleep:7`, `ci:energy:4`, `ci:weight:skip`."""

    prefix: ClassVar[str] = "ci"
    step: str
    value: str

    @classmethod
    def parse(cls, parts: list[str]) -> CheckinAnswer | None:
        if len(parts) != 2 or _word(parts[0], 16) is None:
            return None
        value = parts[1]
        if value != "skip" and _int(value, 0, 24) is None:
            return None
        return cls(parts[0], value)


@dataclass(frozen=True)
class Clearance(CallbackData):
    """Confirm (or not) the doctor's clearance just described."""

    prefix: ClassVar[str] = "clr"
    confirm: bool

    @classmethod
    def parse(cls, parts: list[str]) -> Clearance | None:
        yes = _bool(parts[0]) if len(parts) == 1 else None
        return cls(yes) if yes is not None else None

    def parts(self) -> list[str]:
        return _yes_no_parts(self.confirm)


@dataclass(frozen=True)
class Confirm(CallbackData):
    """Yes/No under "I understood: weight 75 → 78 kg. Save?"; `token` ties the button to that one proposal."""

    prefix: ClassVar[str] = "cf"
    yes: bool
    token: str

    @classmethod
    def parse(cls, parts: list[str]) -> Confirm | None:
        if len(parts) != 2 or _word(parts[1], 12) is None:
            return None
        yes = _bool(parts[0])
        return cls(yes, parts[1]) if yes is not None else None

    def parts(self) -> list[str]:
        return _yes_no_parts(self.yes) + [self.token]


@dataclass(frozen=True)
class HowTo(CallbackData):
    """`howto:goblet_squat`: the cues of one catalog exercise."""

    prefix: ClassVar[str] = "howto"
    exercise: str

    @classmethod
    def parse(cls, parts: list[str]) -> HowTo | None:
        return cls(parts[0]) if len(parts) == 1 and _word(parts[0], 56) is not None else None


def _id(text: str, lo: int, hi: int) -> int | None:
    """An ASCII whole number of up to 12 digits within [lo, hi] (row ids, yyyymmdd dates)."""
    if not (text.isascii() and text.isdigit()) or len(text) > 12:
        return None
    value = int(text)
    return value if lo <= value <= hi else None


_LEVEL_CODES = {"n": "none", "a": "adherence", "f": "full"}


@dataclass(frozen=True)
class GroupLevel(CallbackData):
    """What a member lets the group's coach see: `gl:<group>:n|a|f` (nothing / adherence / + weight and alerts)."""

    prefix: ClassVar[str] = "gl"
    group_id: int
    level: str

    @classmethod
    def parse(cls, parts: list[str]) -> GroupLevel | None:
        if len(parts) != 2 or parts[1] not in _LEVEL_CODES:
            return None
        gid = _id(parts[0], 1, 10**12)
        return cls(gid, _LEVEL_CODES[parts[1]]) if gid is not None else None

    def parts(self) -> list[str]:
        return [str(self.group_id), self.level[0]]


@dataclass(frozen=True)
class GroupDone(CallbackData):
    """A member's attendance at one occurrence of a group session: `gd:<session>:<yyyymmdd>`."""

    prefix: ClassVar[str] = "gd"
    session_id: int
    day: int  # yyyymmdd

    @classmethod
    def parse(cls, parts: list[str]) -> GroupDone | None:
        if len(parts) != 2:
            return None
        sid, day = _id(parts[0], 1, 10**12), _id(parts[1], 20000101, 29991231) if len(parts[1]) == 8 else None
        if sid is None or day is None or not (1 <= day // 100 % 100 <= 12 and 1 <= day % 100 <= 31):
            return None
        return cls(sid, day)


@dataclass(frozen=True)
class GroupRemove(CallbackData):
    """A coach removes a member: `gr:<group>:<membership>` (checked against the presser's own groups)."""

    prefix: ClassVar[str] = "gr"
    group_id: int
    membership_id: int

    @classmethod
    def parse(cls, parts: list[str]) -> GroupRemove | None:
        if len(parts) != 2:
            return None
        gid, mid = _id(parts[0], 1, 10**12), _id(parts[1], 1, 10**12)
        return cls(gid, mid) if gid is not None and mid is not None else None


@dataclass(frozen=True)
class GroupLeave(CallbackData):
    """A member leaves a group: `glv:<group>`."""

    prefix: ClassVar[str] = "glv"
    group_id: int

    @classmethod
    def parse(cls, parts: list[str]) -> GroupLeave | None:
        gid = _id(parts[0], 1, 10**12) if len(parts) == 1 else None
        return cls(gid) if gid is not None else None

"""What the planner knows about one person: the profile, its screening, and the choices they imply."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from coach.domain.limits import OLDER_ADULT_AGE
from coach.i18n import t
from coach.domain.profile import Profile
from coach.safety.screening import Screening, lower
from knowledge.catalog import Exercise

# words that find a liked or disliked activity in exercise ids and names
WORDS_FOR_PREF = {
    "running": ("run", "jog"), "jogging": ("run", "jog"), "cycling": ("bike", "cycl"), "biking": ("bike", "cycl"),
    "swimming": ("swim", "pool", "water"), "walking": ("walk",), "hiking": ("hike", "hiking"),
    "dancing": ("danc",), "rowing": ("row",), "yoga": ("yoga",), "boxing": ("box",), "stairs": ("stair",),
    "jumping": ("jump",), "burpees": ("burpee",), "elliptical": ("elliptical",),
}
LOW_IMPACT_INJURIES = {"knee", "ankle", "hip", "lower_back"}
LOW_IMPACT_CONDITIONS = {"osteoporosis", "osteoarthritis", "pregnancy"}


@dataclass
class Slot:
    """One training day of the weekly template."""

    day: int
    kind: str  # strength | aerobic | hiit | mobility | balance | mixed
    focus: str = "full_a"  # full_a | full_b | lower | upper (resistance sessions)
    label: str = "moderate"
    exercises: list[dict] = field(default_factory=list)
    cardio: Exercise | None = None
    strength_share: float = 1.0  # part of a mixed session given to resistance work
    balance: list[Exercise] = field(default_factory=list)
    mobility: list[Exercise] = field(default_factory=list)


@dataclass
class Context:
    """The profile, its screening and what they imply (cap, level, impact, equipment, likes)."""

    p: Profile
    s: Screening
    lang: str
    cap: str
    level: str
    beginner: bool
    older: bool
    low_impact: bool
    equipment: set[str]
    injuries: set[str]
    dislikes: tuple[str, ...]
    likes: tuple[str, ...]
    reasons: list[str] = field(default_factory=list)

    def _(self, msgid: str, **kw: Any) -> str:
        return t(self.lang, msgid, **kw)


def preference_words(items: list[str]) -> tuple[str, ...]:
    """Search words for liked or disliked activities ("running" → run, jog)."""
    out: list[str] = []
    for item in items:
        key = item.strip().lower()
        out.extend(WORDS_FOR_PREF.get(key, (key.rstrip("s"),)) if key else ())
    return tuple(w for w in out if w)


def matches(ex: Exercise, words: tuple[str, ...]) -> bool:
    """Whether any of `words` occurs in the exercise's id or English name."""
    text = (ex.id + " " + ex.name.en).lower()
    return any(w in text for w in words)


def make_context(p: Profile, s: Screening, lang: str) -> Context:
    """The planning context: beginners and people needing clearance are capped at moderate."""
    beginner = p.is_beginner_or_inactive or s.restricted or "clearance" in s.flags
    older = p.age >= OLDER_ADULT_AGE
    cap = s.intensity_cap
    if beginner or s.clearance_required:
        cap = lower(cap, "moderate")
    level = "beginner" if (beginner or older or s.restricted) else (p.experience or "beginner")
    low_impact = bool(p.injuries and LOW_IMPACT_INJURIES & set(p.injuries)) or beginner \
        or older or bool(LOW_IMPACT_CONDITIONS & set(p.conditions)) \
        or "high_bmi" in s.flags or s.restricted
    return Context(p=p, s=s, lang=lang, cap=cap, level=level, beginner=beginner, older=older,
                   low_impact=low_impact, equipment=set(p.equipment), injuries=set(p.injuries),
                   dislikes=preference_words(p.preferences.dislikes), likes=preference_words(p.preferences.likes))

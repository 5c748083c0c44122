"""A full rest day a week for people new to exercise (physician review 12, hard error 1).

kb-rest-days-001 (Garber et al. 2011, ACSM; Meeusen et al. 2013): "Beginners and people coming back after a break
usually do best with full rest days between sessions while their body adapts." A beginner or an inactive person who
asks for 7 sessions a week gets at most 6; the seventh day is a full rest day, and the rationale says so.

82 rest day: a beginner or inactive person has at most 6 sessions in every week (one full rest day), and a plan
   that trained fewer days than asked for this reason says so in its rationale.
"""
from __future__ import annotations

from coach.domain.profile import Profile
from coach.planning.asked import ASKED_DAYS
from coach.planning.checks import Bounds, Violation

RULE_REST_DAY = 82
BEGINNER_MAX_DAYS = 6  # 7 days a week leaves no full rest day (kb-rest-days-001)


def needs_rest_day(p: Profile) -> bool:
    """A beginner or inactive person who asked for more sessions than leave one full rest day a week."""
    return p.is_beginner_or_inactive and p.days_per_week > BEGINNER_MAX_DAYS


def with_rest_day(p: Profile) -> Profile:
    """The profile planned for: at most 6 sessions a week for beginners and inactive people (the asked days are kept
    beside it, so rule 6's dose is still half the budget the person gave, reached with mixed sessions)."""
    if not needs_rest_day(p):
        return p
    return p.model_copy(update={"days_per_week": BEGINNER_MAX_DAYS, ASKED_DAYS: p.days_per_week})


def rest_note(asked: Profile, _) -> str:
    """The rationale's rest-day sentence (with a leading space), when the asked days were cut to 6; else "".
    (kb-rest-days-001 has no `plan:` tag or zh translation yet, so the sentence names its source.)"""
    if not needs_rest_day(asked):
        return ""
    return " " + _(
        "You asked for {n} sessions a week: the plan gives you {m}, and the seventh day is a full rest day, "
        "because people new to regular exercise adapt best with full rest days between sessions (ACSM position "
        "stand, Garber et al. 2011).", n=asked.days_per_week, m=BEGINNER_MAX_DAYS)


def check_rest_day(plan: dict, weeks: list[dict], b: Bounds) -> list[Violation]:
    """82: a beginner or inactive person keeps one full rest day a week (at most 6 sessions)."""
    if not b.profile.is_beginner_or_inactive:
        return []
    return [Violation(RULE_REST_DAY, f"week {w.get('week')}: {len(w.get('sessions') or [])} sessions for a beginner "
                                     f"or inactive person (no full rest day)")
            for w in weeks if len(w.get("sessions") or []) > BEGINNER_MAX_DAYS]

"""The sessions a week a person asked for, kept beside the profile the plan is built for (rule 82's rest day can take
one away: rule 6's aerobic dose is still half the budget the person gave, so the other sessions carry it)."""
from __future__ import annotations

from coach.domain.profile import Profile

ASKED_DAYS = "asked_days_per_week"  # set by rest_day.with_rest_day on the planned profile's copy


def asked_days(p: Profile) -> int:
    """The sessions a week the person asked for (before the rest day took one away)."""
    return int(p.__dict__.get(ASKED_DAYS) or p.days_per_week)

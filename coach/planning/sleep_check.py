"""Short sleep is always addressed (physician review 15; rule 104).

kb-sleep-001 (Watson et al. 2015; Hirshkowitz et al. 2015; Fullagar et al. 2015): adults who train should sleep at
least 7 hours; after short or broken nights take a lighter day and save the hard session for a better-rested day.
The screening warned only below 6 h, so a 6-hour sleeper's plan cited the passage and said nothing about it.
Screening (coach.safety.screening) now alerts below 7 h with the lighter-day advice; the check: a profile sleeping
under 7 h has that advice in the plan's alerts.
"""
from __future__ import annotations

from typing import Any

from coach.domain.limits import RECOMMENDED_SLEEP_H
from coach.i18n import t
from coach.planning.checks import Violation
from coach.safety.screening import SLEEP_ADVICE


def check_sleep(plan: dict, b: Any) -> list[Violation]:
    """Rule 104 on any plan."""
    p = b.profile
    if p.sleep_hours is None or p.sleep_hours >= RECOMMENDED_SLEEP_H:
        return []
    advice = t(str(plan.get("language") or p.language or "en"), SLEEP_ADVICE)
    alerts = (plan.get("safety") or {}).get("alerts") or []
    if any(advice in str(a) for a in alerts):
        return []
    return [Violation(104, f"sleep of {p.sleep_hours:g} h a night (under 7 h) and no sleep alert with the lighter-day "
                           "advice (kb-sleep-001)")]

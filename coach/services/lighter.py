"""The next days of the plan lighter: every session about 30 % shorter, one intensity step down and one set fewer
(coach.progression.rules.lighten), with minutes given back where the week after would otherwise be a jump
(rules.keep_ramp). Shared by the check-in strain rule (coach.services.checkins.lighter_week) and a person asking
for lighter sessions (coach.dialogue.effort)."""
from __future__ import annotations

import copy
from datetime import date, timedelta
from typing import Any

from coach.progression import rules
from coach.services.plans import session_on
from storage.models import Plan


def lighten_next_days(plan: Plan, prof: Any, today: date, days: int = 7) -> tuple[dict, dict[tuple[int, int], int]]:
    """A copy of the plan data with the sessions of `days` days from `today` lighter, and their minutes before by
    (week, day) (empty when there is no session in those days: nothing to lighten)."""
    data = copy.deepcopy(plan.data)
    before: dict[tuple[int, int], int] = {}
    for offset in range(days):
        info = session_on(plan, today + timedelta(days=offset))
        if info.session is None:
            continue
        sess = next(x for x in data["weeks"][info.week - 1]["sessions"] if x["day"] == info.day)
        before[(info.week, info.day)] = sess["minutes"]
        rules.lighten(sess, prof)
    if before:
        rules.keep_ramp(data, before)
    return data, before

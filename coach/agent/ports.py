"""The use cases the agent's tools call, handed in by the composition root.

The agent sits below the services (the dialogue calls both), so it never imports them: reading the profile, storing
a validated plan change and the calendar arithmetic arrive as plain functions (coach.services.agent_ports builds
the real set; bot/wiring.py and the tests pass it in).
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class AgentPorts:
    profile_of: Callable[[Any, Any], Any]  # (session, user) -> the validated profile, or None
    commit_change: Callable[..., Any]  # (session, user, old plan row, new plan, rule=, change=, reason=, ...) -> row
    local_today: Callable[[Any, Any], Any]  # (user, now) -> the person's local date
    day_of_plan: Callable[[Any, Any], tuple[int, int]]  # (plan row, date) -> (week, day)

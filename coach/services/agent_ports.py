"""The services the LLM agent may use, as the ports it is built with (see coach.agent.ports)."""
from __future__ import annotations

from coach.agent.ports import AgentPorts
from coach.services.adjustments import commit_change
from coach.services.clock import local_today
from coach.services.plans import day_of_plan
from coach.services.profiles import profile_of


def agent_ports() -> AgentPorts:
    """The real use cases: profile reads, validated plan changes, the person's calendar."""
    return AgentPorts(profile_of=profile_of, commit_change=commit_change, local_today=local_today,
                      day_of_plan=day_of_plan)

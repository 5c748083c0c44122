"""Wiring shared by both mouths: the container, the coach and (when configured) the LLM agent."""
from __future__ import annotations

import logging
from typing import Any

from coach.config import Settings
from coach.container import Container, build
from coach.dialogue import Coach

log = logging.getLogger(__name__)


def make_coach(container: Container, **kwargs: Any) -> Coach:
    """A Coach; with OPENAI_API_KEY set it gets the LangChain agent, otherwise it stays deterministic."""
    agent = None
    if container.settings.llm_enabled:
        from coach.agent import CoachAgent

        agent = CoachAgent(container, clock=kwargs.get("clock"))
    return Coach(container, agent=agent, **kwargs)


def make_app(settings: Settings) -> tuple[Container, Coach]:
    container = build(settings)
    return container, make_coach(container)

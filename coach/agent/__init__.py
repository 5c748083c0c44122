"""The LLM side of FitCoach: a LangChain tool-calling agent whose numbers all come from, or are checked by, the engine.

Telegram-free: nothing here imports `telegram` or `bot`. See core.CoachAgent for the three hooks Coach calls,
tools.py for the tools (bound to one user by closures) and changes.py for the plan-change JSON format.
"""
from typing import Any

__all__ = ["CoachAgent"]


def __getattr__(name: str) -> Any:
    """`from coach.agent import CoachAgent`, imported on first use: the agent pulls in LangChain (~1 s of CPU), and
    coach.dialogue imports coach.agent.fallback, so every process (a dispatcher too) would pay it at start."""
    if name == "CoachAgent":
        from coach.agent.core import CoachAgent
        return CoachAgent
    raise AttributeError(name)

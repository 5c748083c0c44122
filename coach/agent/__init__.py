"""The LLM side of FitCoach: a LangChain tool-calling agent whose numbers all come from, or are checked by, the engine.

Telegram-free: nothing here imports `telegram` or `bot`. See core.CoachAgent for the three hooks Coach calls,
tools.py for the tools (bound to one user by closures) and changes.py for the plan-change JSON format.
"""
from coach.agent.core import CoachAgent

__all__ = ["CoachAgent"]

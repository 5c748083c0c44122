"""Intake extraction: structured output in the mode the server supports, then clean-up to coach.intake keys.

Modes, best first: `json_schema` (the server constrains the output to the schema), `function_calling` (a forced
tool call; llama.cpp ignores a named tool_choice, so only where tool calls are native), JSON mode (the keys are
listed in the prompt). A mode that fails falls back to the next; when all fail the rule parser stands alone.
"""
from __future__ import annotations

import logging
import time
from typing import Any

from langchain_core.messages import HumanMessage, SystemMessage
from pydantic import BaseModel, Field, ValidationError

from coach.agent import prompts
from coach.agent.calls import CallFailed, Caller, Meter
from coach.agent.protocol import Capabilities

log = logging.getLogger("coach.agent")

from coach.domain.vocab import EQUIPMENT, EXPERIENCE, GOALS, INJURIES, KNOWN_CONDITIONS, SEXES, SYMPTOMS

NUMBERS = {"age": int, "height_cm": float, "weight_kg": float, "resting_hr": int, "bp_systolic": int,
           "bp_diastolic": int, "body_fat_pct": float, "sleep_hours": float, "days_per_week": int,
           "minutes_per_session": int, "target_weight_kg": float, "target_delta_kg": float, "target_weeks": int}
ENUMS = {"goal": GOALS, "experience": EXPERIENCE, "sex": SEXES}
LISTS = {"equipment": EQUIPMENT, "injuries": INJURIES, "conditions": KNOWN_CONDITIONS, "symptoms": SYMPTOMS}


class IntakeFields(BaseModel):
    """Profile facts stated in the message (omit what is not stated)."""

    age: int | None = Field(None, description="years")
    sex: str | None = Field(None, description="|".join(SEXES))
    height_cm: float | None = None
    weight_kg: float | None = None
    resting_hr: int | None = Field(None, description="bpm")
    bp_systolic: int | None = None
    bp_diastolic: int | None = None
    body_fat_pct: float | None = None
    sleep_hours: float | None = Field(None, description="per night")
    experience: str | None = Field(None, description="|".join(EXPERIENCE))
    currently_active: bool | None = Field(None, description="exercised regularly for the last 3 months")
    goal: str | None = Field(None, description="|".join(GOALS))
    target_weight_kg: float | None = None
    target_delta_kg: float | None = Field(None, description="wanted change, negative to lose")
    target_weeks: int | None = None
    days_per_week: int | None = None
    minutes_per_session: int | None = None
    equipment: list[str] | None = Field(None, description="|".join(EQUIPMENT))
    injuries: list[str] | None = Field(None, description="|".join(INJURIES))
    conditions: list[str] | None = Field(None, description="|".join(KNOWN_CONDITIONS))
    symptoms: list[str] | None = Field(None, description="|".join(SYMPTOMS))
    likes: list[str] | None = Field(None, description="activities enjoyed")
    dislikes: list[str] | None = Field(None, description="activities disliked")


def _code(value: Any) -> str:
    return str(value).strip().lower().replace(" ", "_").replace("-", "_")


def clean(fields: Any) -> dict:
    """Keys and value types as coach.parsing.extract returns them; unknown vocabulary is dropped.

    Ranges are not checked here: the engine (onboarding.merge_fields) validates every value afterwards.
    """
    if isinstance(fields, BaseModel):
        data = fields.model_dump(exclude_none=True)
    elif isinstance(fields, dict):
        data = {k: v for k, v in fields.items() if v is not None}
    else:
        return {}
    out: dict[str, Any] = {}
    for key, kind in NUMBERS.items():
        value = data.get(key)
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            continue
        out[key] = int(round(value)) if kind is int else round(float(value), 1)
    for key, vocab in ENUMS.items():
        value = data.get(key)
        if value is not None and _code(value) in vocab:
            out[key] = _code(value)
    if isinstance(data.get("currently_active"), bool):
        out["currently_active"] = data["currently_active"]
    for key, vocab in LISTS.items():  # only positive findings: an empty list from a model would skip a
        value = data.get(key)          # screening question ("no symptoms") the user never answered
        if isinstance(value, list):
            kept = [x for x in dict.fromkeys(_code(v) for v in value if isinstance(v, str)) if x in vocab]
            if kept:
                out[key] = kept
    prefs = {k: [str(v).strip().lower()[:30] for v in data.get(k) or [] if isinstance(v, str) and v.strip()][:5]
             for k in ("likes", "dislikes")}
    if prefs["likes"] or prefs["dislikes"]:
        out["preferences"] = prefs
    return out


def modes(caps: Capabilities) -> list[str]:
    """The structured-output methods to try, in order: the server's best, then JSON mode."""
    out = []
    if caps.structured == "json_schema":
        out.append("json_schema")
    elif caps.native_tools:
        out.append("function_calling")
    if caps.structured in ("json_schema", "json_mode"):
        out.append("json_mode")
    return out


def _schema() -> dict:
    schema = IntakeFields.model_json_schema()
    schema["title"] = "IntakeFields"
    return schema


def _once(caller: Caller, mode: str, text: str, meter: Meter, deadline: float) -> dict:
    """One attempt: LangChain's with_structured_output builds the request and the parser; our caller bounds it."""
    structured = caller.llm.with_structured_output(_schema(), method=mode)
    binding, parser = structured.first, structured.last
    system = prompts.EXTRACT
    if mode == "json_mode":
        system += " Keys (omit unknown): " + ", ".join(IntakeFields.model_fields) + "."
    msg = caller.call("extract", [SystemMessage(system), HumanMessage(text[:1500])], meter, deadline=deadline,
                      **dict(binding.kwargs))
    data = parser.invoke(msg)
    if data is None:
        raise ValueError("no structured output")
    return clean(IntakeFields.model_validate(data))


def extract(caller: Caller, caps: Capabilities, text: str, meter: Meter, *, deadline: float) -> dict:
    """Profile fields the model reads in `text` ({} when every supported mode fails; failures are logged)."""
    for mode in modes(caps):
        try:
            return _once(caller, mode, text, meter, deadline)
        except CallFailed as exc:
            log.warning("intake extraction (%s) failed: %s", mode, exc.outcome)
            if exc.outcome == "timeout":
                break  # no time left for another mode
        except (ValidationError, ValueError, TypeError, KeyError, IndexError) as exc:
            log.warning("intake extraction (%s) unusable: %s", mode, type(exc).__name__)
        if deadline - time.monotonic() < 1.0:
            break
    return {}


__all__ = ["IntakeFields", "clean", "extract", "modes"]

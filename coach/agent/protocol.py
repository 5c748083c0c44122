"""What the model server can do, probed once: native tool calls, JSON-schema output, JSON mode.

Two tiny requests (a few dozen tokens each). The answers choose the protocol the agent speaks: tools sent as the
API's `tools` parameter (read back from `tool_calls`, or from the text when the model writes them there), or
described in the prompt when the server refuses the parameter; extraction by `json_schema`, `function_calling`
or JSON mode. The probe's tool and schema are named PROBE_NAME so test servers can recognise them.
"""
from __future__ import annotations

import json
import logging
import time
from dataclasses import dataclass

from langchain_core.messages import HumanMessage, SystemMessage
from pydantic import BaseModel, Field

from coach.agent.calls import CallFailed, Caller, Meter

log = logging.getLogger("coach.agent")

PROBE_NAME = "capability_probe"
PROBE_S = 30.0  # the probe's own deadline (per request)


class _ProbeArgs(BaseModel):
    status: str = Field(description="always 'ok'")


@dataclass(frozen=True)
class Capabilities:
    """tools_param: the server takes `tools`; native_tools: it answered with `tool_calls`;
    structured: json_schema | json_mode | none."""

    tools_param: bool = True
    native_tools: bool = True
    structured: str = "json_schema"

    @property
    def protocol(self) -> str:
        if not self.tools_param:
            return "prompt-tools"
        return "native-tools" if self.native_tools else "text-tools"


def _probe_tool() -> dict:
    return {"type": "function", "function": {"name": PROBE_NAME, "description": "Report status.",
                                             "parameters": _ProbeArgs.model_json_schema()}}


def _tools(caller: Caller, meter: Meter) -> tuple[bool, bool]:
    msgs = [SystemMessage("You can call tools."), HumanMessage(f"Call the {PROBE_NAME} tool with status ok.")]
    try:
        msg = caller.call("probe", msgs, meter, deadline=time.monotonic() + PROBE_S, tools=[_probe_tool()])
    except CallFailed as exc:
        return (not exc.outcome.startswith("http_4")), False
    return True, bool(msg.tool_calls)  # a call written as text: the text protocol reads those


def _structured(caller: Caller, meter: Meter) -> str:
    msgs = [SystemMessage(f"{PROBE_NAME}: answer with JSON only."), HumanMessage('Reply with {"ok": true}.')]
    schema = {"type": "json_schema", "json_schema": {"name": PROBE_NAME, "schema": {
        "type": "object", "properties": {"ok": {"type": "boolean"}}, "required": ["ok"]}}}
    for mode, fmt in (("json_schema", schema), ("json_mode", {"type": "json_object"})):
        try:
            msg = caller.call("probe", msgs, meter, deadline=time.monotonic() + PROBE_S, response_format=fmt)
        except CallFailed:
            continue
        try:
            if isinstance(json.loads(str(msg.content)), dict):
                return mode
        except ValueError:
            continue
    return "none"


def probe(caller: Caller, meter: Meter) -> Capabilities:
    """Ask the server twice what it supports; log the protocol chosen."""
    tools_param, native = _tools(caller, meter)
    structured = _structured(caller, meter)
    caps = Capabilities(tools_param=tools_param, native_tools=native, structured=structured)
    log.info("model server capabilities: protocol=%s structured_output=%s", caps.protocol, caps.structured)
    return caps


__all__ = ["Capabilities", "probe", "PROBE_NAME"]

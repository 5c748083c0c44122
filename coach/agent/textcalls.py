"""Tool calls written as text, as small models do when the server does not turn them into `tool_calls`.

Forms read: Hermes/Qwen `<tool_call>{...}</tool_call>` and `<tools>{...}</tools>` (closing tag optional: a call
cut at max_tokens is completed by LangChain's partial-JSON parser), a bare `{"name": ..., "arguments": {...}}`
anywhere in the text (also in a ```json fence, as a list, or OpenAI's `{"function": {...}}` shape), and the same
with doubled braces `{{...}}`. Every call is validated against the tool's argument schema; JSON that names a tool
is removed from the text either way, so raw tool JSON never reaches the user.
"""
from __future__ import annotations

import json
import re
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from langchain_core.utils.json import parse_partial_json
from pydantic import ValidationError

TAG = re.compile(r"<(tool_call|tools|function_call|functioncall)>\s*(.*?)\s*(?:</\1>|(?=<\1>)|$)", re.S | re.I)
STRAY_TAG = re.compile(r"</?(?:tool_call|tools|function_call|functioncall)>|```(?:json)?", re.I)
_DECODER = json.JSONDecoder()


@dataclass
class TextCalls:
    """What was found in a text: valid calls, invalid ones (with why), and the text with the JSON removed."""

    calls: list[dict] = field(default_factory=list)
    invalid: list[str] = field(default_factory=list)
    text: str = ""


def _args_of(obj: Mapping) -> Any:
    fn = obj.get("function")
    if isinstance(fn, Mapping):
        obj = fn
    for key in ("arguments", "parameters", "args", "input"):
        if key in obj:
            value = obj[key]
            if isinstance(value, str):
                try:
                    return json.loads(value)
                except ValueError:
                    return parse_partial_json(value)
            return value
    return {}


def _name_of(obj: Any) -> str | None:
    if not isinstance(obj, Mapping):
        return None
    fn = obj.get("function")
    if isinstance(fn, Mapping) and isinstance(fn.get("name"), str):
        return fn["name"]
    for key in ("name", "tool", "tool_name"):
        if isinstance(obj.get(key), str):
            return obj[key]
    return None


def _validate(name: str, args: Any, tools: Mapping[str, Any], out: TextCalls) -> None:
    tool = tools.get(name)
    if tool is None:
        out.invalid.append(f"unknown tool {name[:40]!r}")
        return
    if args is None:
        args = {}
    if not isinstance(args, dict):
        out.invalid.append(f"{name}: arguments must be an object")
        return
    schema = getattr(tool, "args_schema", None)
    try:
        if schema is not None and hasattr(schema, "model_validate"):
            schema.model_validate(args)
    except ValidationError as exc:
        out.invalid.append(f"{name}: {exc.errors()[0].get('msg', 'invalid arguments')}")
        return
    out.calls.append({"name": name, "args": args, "id": f"call_{uuid.uuid4().hex[:12]}", "type": "tool_call"})


def _take(value: Any, tools: Mapping[str, Any], out: TextCalls) -> bool:
    """Read one decoded JSON value as call(s); True when it was tool JSON (valid or not)."""
    items = value if isinstance(value, list) else [value]
    named = [(i, _name_of(i)) for i in items]
    if not items or any(n is None for _i, n in named):
        return False
    for item, name in named:
        _validate(str(name), _args_of(item), tools, out)
    return True


def _decode_all(text: str, tools: Mapping[str, Any], out: TextCalls, *, partial: bool) -> str:
    """Remove every JSON value in `text` that names a tool (collecting the calls); return what is left."""
    kept: list[str] = []
    i = 0
    while i < len(text):
        ch = text[i]
        if ch in "{[":
            try:
                value, end = _DECODER.raw_decode(text, i)
            except ValueError:
                value, end = None, i
                if partial and ch == "{":
                    value, end = parse_partial_json(text[i:]), len(text)
            if value is not None and _take(value, tools, out):
                i = end
                continue
        kept.append(ch)
        i += 1
    return "".join(kept)


def parse_text_calls(text: str, tools: Mapping[str, Any]) -> TextCalls:
    """Calls written in `text` for `tools` (name → tool), validated; the text with all tool JSON removed."""
    out = TextCalls()
    if not text:
        return out
    body = text
    if "{{" in body and "}}" in body:
        body = body.replace("{{", "{").replace("}}", "}")

    def tagged(m: re.Match) -> str:
        inner = m.group(2).strip().strip("`").removeprefix("json").strip()
        before = len(out.calls) + len(out.invalid)
        rest = _decode_all(inner, tools, out, partial=True)
        return "" if len(out.calls) + len(out.invalid) > before else rest

    body = TAG.sub(tagged, body)
    body = _decode_all(body, tools, out, partial=False)
    body = STRAY_TAG.sub("", body)
    out.text = re.sub(r"\n{3,}", "\n\n", body).strip()
    if not out.calls and not out.invalid:
        out.text = text.strip()  # nothing tool-like: keep the text exactly (braces and all)
    return out


def looks_like_tool_json(text: str) -> bool:
    """True when text still carries tool-call markup (a last check before text reaches the user)."""
    return bool(re.search(r"<\s*/?\s*(tool_call|tools|function_call)\s*>|\{\s*\"(name|function)\"\s*:|"
                          r"\"arguments\"\s*:", text or ""))


__all__ = ["parse_text_calls", "looks_like_tool_json", "TextCalls"]

"""Tool calls written as text: every common form is read, validated against the schema, and removed from the text."""
from __future__ import annotations

import json

import pytest
from pydantic import BaseModel

from coach.agent.textcalls import looks_like_tool_json, parse_text_calls
from tests.fakes.openai_api import TEXT_FORMS, text_tool_call


class _Log(BaseModel):
    kind: str
    value: float | str
    unit: str = ""


class _Tool:
    def __init__(self, name: str, schema: type[BaseModel] | None) -> None:
        self.name, self.args_schema = name, schema


TOOLS = {"log_metric": _Tool("log_metric", _Log), "get_plan": _Tool("get_plan", None)}
ARGS = {"kind": "weight", "value": 80, "unit": "kg"}


@pytest.mark.parametrize("form", TEXT_FORMS)
def test_each_text_form_is_read_and_removed(form):
    text = text_tool_call("log_metric", ARGS, form, prefix="Saving it now. ").content
    out = parse_text_calls(text, TOOLS)
    assert [(c["name"], c["args"]) for c in out.calls] == [("log_metric", ARGS)]
    assert out.text == "Saving it now." and not looks_like_tool_json(out.text)
    assert out.calls[0]["id"].startswith("call_") and out.invalid == []


def test_several_calls_openai_shape_and_string_arguments():
    text = ('<tool_call>{"name": "get_plan", "arguments": {}}</tool_call>\n'
            '<tool_call>{"function": {"name": "log_metric", "arguments": "{\\"kind\\": \\"sleep\\", \\"value\\": 7}"}}'
            '</tool_call>')
    out = parse_text_calls(text, TOOLS)
    assert [c["name"] for c in out.calls] == ["get_plan", "log_metric"]
    assert out.calls[1]["args"] == {"kind": "sleep", "value": 7} and out.text == ""


def test_invalid_calls_are_refused_but_still_removed_from_the_text():
    text = ('Here: {"name": "log_metric", "arguments": {"value": 80}} and {"name": "delete_everything", '
            '"arguments": {"user_id": 123}} done')
    out = parse_text_calls(text, TOOLS)
    assert out.calls == []
    assert len(out.invalid) == 2 and "unknown tool" in out.invalid[1] and "log_metric" in out.invalid[0]
    assert out.text == "Here:  and  done" and not looks_like_tool_json(out.text)


def test_plain_text_and_unrelated_json_are_left_alone():
    for text in ("Rest days matter [kb-rest-001].", 'The API returns {"ok": true} here.', "Sets {3} and {{4}}",
                 "[1, 2, 3] are numbers"):
        out = parse_text_calls(text, TOOLS)
        assert out.calls == [] and out.invalid == [] and out.text == text.strip()


def test_the_fakes_text_forms_are_what_the_parser_expects():
    hermes = text_tool_call("get_plan", {}, "hermes").content
    assert hermes.startswith("<tool_call>") and json.loads(hermes.split("\n")[1]) == {"name": "get_plan",
                                                                                       "arguments": {}}
    assert text_tool_call("get_plan", {}, "doubled").content.startswith("{{")

"""CoachAgent: the LLM side of the coach. Every method degrades to the deterministic coach on any failure."""
from __future__ import annotations

import logging
import re
import threading
import time
import unicodedata
from collections import Counter
from collections.abc import Callable
from datetime import datetime
from typing import Any

from langchain_core.callbacks import BaseCallbackHandler
from langchain_core.messages import AIMessage, BaseMessage, HumanMessage, SystemMessage
from sqlalchemy.orm import object_session
from sqlmodel import Session


from coach.agent import prompts
from coach.agent.extraction import IntakeFields, clean
from coach.agent.tools import Turn, build_tools
from coach.i18n import t
from coach.events import Reply
from storage import repos
from storage.models import User
from coach.services.clock import utcnow

log = logging.getLogger("coach.agent")

MAX_TURNS = 12  # stored chat turns before the oldest are folded into the summary
KEEP_TURNS = 4  # turns kept verbatim after folding (= the turns a prompt carries)
PROMPT_TURNS = 4  # recent turns sent with a question (plus the summary)
TURN_CHARS = 240  # per remembered turn in the prompt
STORE_CHARS = 1200  # per stored turn
SUMMARY_CHARS = 400
MAX_MODEL_CALLS = 4  # per answer: at most 3 tool rounds, then the answer
RECURSION_LIMIT = 2 * MAX_MODEL_CALLS
REPLY_CHARS = 1500
MAX_SOURCES = 4
KB_ID = re.compile(r"kb-[a-z0-9]+(?:-[a-z0-9]+)*")
BRACKETED = re.compile(r"\[([^\[\]]*)\]")
NUMBER = re.compile(r"\d+(?:[.,]\d+)?")

_TEXT = {
    "en": {"applied": "✅ Plan updated: {changes}. See /plan and /why.",
           "unchanged": "Your plan was not changed: the proposed change did not pass the safety checks.",
           "logged": "Saved: {items}."},
    "zh": {"applied": "✅ 计划已更新：{changes}。查看 /plan 和 /why。",
           "unchanged": "你的计划没有改变：提议的修改未通过安全检查。",
           "logged": "已记录：{items}。"},
}


class NoAnswer(Exception):
    """The model's turn produced nothing we may show (empty, malformed, ungrounded, or a tool broke)."""


class UsageMeter(BaseCallbackHandler):
    """Collects (model, prompt tokens, completion tokens) of every successful model call in a run."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, int, int]] = []
        self._lock = threading.Lock()

    def on_llm_end(self, response: Any, **kwargs: Any) -> None:
        out = response.llm_output or {}
        model = str(out.get("model_name") or "")
        prompt = completion = None
        try:
            usage = response.generations[0][0].message.usage_metadata or {}
            prompt, completion = usage.get("input_tokens"), usage.get("output_tokens")
        except (AttributeError, IndexError, TypeError):
            pass
        if prompt is None:
            tu = out.get("token_usage") or {}
            prompt, completion = tu.get("prompt_tokens"), tu.get("completion_tokens")
        with self._lock:
            self.calls.append((model, int(prompt or 0), int(completion or 0)))


def _text(content: Any) -> str:
    if isinstance(content, str):
        return content
    if isinstance(content, list):
        return "".join(p.get("text", "") if isinstance(p, dict) else str(p) for p in content)
    return ""


def _trim(text: str, n: int) -> str:
    text = text.strip()
    return text if len(text) <= n else text[: n - 1].rstrip() + "…"


def _numbers(text: str) -> Counter:
    return Counter(n.replace(",", ".") for n in NUMBER.findall(unicodedata.normalize("NFKC", text)))


def _bracketed_ids(text: str) -> set[str]:
    return {i for inner in BRACKETED.findall(text) for i in KB_ID.findall(inner)}


def verify_reword(original: str, candidate: str) -> bool:
    """True when the rewording keeps every bracketed passage id and every number, and adds none."""
    if not candidate.strip() or len(candidate) > 2 * len(original) + 200:
        return False
    if _bracketed_ids(original) - _bracketed_ids(candidate):
        return False
    if set(KB_ID.findall(candidate)) - set(KB_ID.findall(original)):
        return False
    before, after = _numbers(original), _numbers(candidate)
    return set(before) <= set(after) and set(after) <= set(before)


def clean_citations(text: str, known: dict[str, Any]) -> tuple[str, list[str]]:
    """Drop passage ids the tools never returned; return the text and the known ids it cites, in order."""
    cited: list[str] = []

    def fix(m: re.Match) -> str:
        inner = m.group(1)
        ids = KB_ID.findall(inner)
        if not ids:
            return m.group(0)
        good = [i for i in ids if i in known]
        for i in good:
            if i not in cited:
                cited.append(i)
        return f"[{', '.join(good)}]" if good else ""

    out = BRACKETED.sub(fix, text)
    for i in KB_ID.findall(out):  # bare ids outside brackets
        if i not in known:
            out = out.replace(i, "")
        elif i not in cited:
            cited.append(i)
    out = re.sub(r"[ \t]+([.,;:!?。，])", r"\1", out)
    out = re.sub(r"[ \t]{2,}", " ", out)
    return out.strip(), cited


class CoachAgent:
    """The LangChain agent behind Coach's free-text answers, intake extraction and rewording.

    Coach calls `answer`, `extract_fields` and `reword`; each returns its fallback value (None / {} / None) on
    any model failure so the deterministic coach answers instead.
    """

    def __init__(self, container: Any, *, clock: Callable[[], datetime] | None = None) -> None:
        self.container = container
        self.clock = clock or utcnow

    # ------------------------------------------------------------------ plumbing
    def _llm(self) -> Any:
        return self.container.llm()

    @property
    def _model_name(self) -> str:
        return str(getattr(self.container.settings, "openai_model", "") or "")

    def _record(self, s: Session | None, user_id: int | None, purpose: str, meter: UsageMeter) -> None:
        """Store and log the token counts of every model call a meter saw (never the message text)."""
        for model, prompt, completion in meter.calls:
            model = (model or self._model_name)[:64]
            log.info("llm usage purpose=%s model=%s prompt_tokens=%d completion_tokens=%d", purpose, model, prompt,
                     completion)
            try:
                if s is not None:
                    with s.begin_nested():  # a failed insert must not poison the coach's transaction
                        repos.memory.record_usage(s, user_id, purpose, model, prompt, completion)
                else:
                    with self.container.session() as s2:
                        repos.memory.record_usage(s2, user_id, purpose, model, prompt, completion)
            except Exception as exc:  # noqa: BLE001 - accounting must never break a turn
                log.warning("could not record llm usage: %s", type(exc).__name__)
        meter.calls.clear()

    def _record_for(self, user: User, purpose: str, meter: UsageMeter) -> None:
        """Record usage in the session the user object belongs to (the coach's open transaction), if any."""
        if not meter.calls:
            return
        s = object_session(user)
        self._record(s, user.id, purpose, meter)

    # ------------------------------------------------------------------ 1. free-text answers
    def answer(self, s: Session, user: User, text: str) -> list[Reply] | None:
        """A grounded, cited answer to a free-text message, or None (Coach then gives kb_answer)."""
        llm = self._llm()
        if llm is None or not (text or "").strip():
            return None
        started = time.perf_counter()
        turn = Turn()
        meter = UsageMeter()
        reply: str | None = None
        remembered = ""
        try:
            savepoint = s.begin_nested()  # whatever the tools write is undone if the turn fails
        except Exception as exc:  # noqa: BLE001
            log.warning("agent answer unavailable: %s", type(exc).__name__)
            return None
        try:
            # imported here: the LangGraph agent runtime takes ~1 s to import and is needed only on a model turn
            from langchain.agents import create_agent

            messages = self._history(s, user) + [HumanMessage(_trim(text, 2000))]
            graph = create_agent(llm, build_tools(self.container.retriever, self.clock, s, user, turn),
                                 system_prompt=prompts.system(user.pseudonym, user.language))
            out = graph.invoke({"messages": messages},
                               config={"callbacks": [meter], "recursion_limit": RECURSION_LIMIT})
            reply, remembered = self._compose(user, out.get("messages", []), turn)
            savepoint.commit()
        except Exception as exc:  # noqa: BLE001 - timeouts, HTTP errors, garbage bodies, bad tool calls, ...
            if savepoint.is_active:
                savepoint.rollback()
            log.warning("agent answer failed after %.0f ms: %s", 1000 * (time.perf_counter() - started),
                        type(exc).__name__)
            reply = None
        finally:
            self._record(s, user.id, "answer", meter)
        if reply is None:
            return None
        try:
            with s.begin_nested():
                repos.memory.add_turn(s, user.id, "user", _trim(text, STORE_CHARS))
                repos.memory.add_turn(s, user.id, "assistant", _trim(remembered, STORE_CHARS))
                self._bound_memory(s, user)
        except Exception as exc:  # noqa: BLE001 - memory is a nicety; the answer stands
            log.warning("agent memory update failed: %s", type(exc).__name__)
        log.info("agent answer in %.0f ms: %d passages, %d changes applied, %d rejected", 1000 * (time.perf_counter()
                 - started), len(turn.hits), len(turn.applied), len(turn.rejected))
        return [Reply(reply)]

    def _compose(self, user: User, messages: list[BaseMessage], turn: Turn) -> tuple[str, str]:
        """The user's reply (model text + code-built status and sources) and the text to remember."""
        if turn.broken:
            raise NoAnswer("a tool failed")
        final = messages[-1] if messages else None
        if not isinstance(final, AIMessage) or final.tool_calls or final.invalid_tool_calls:
            raise NoAnswer("the model did not finish with an answer")
        body = _text(final.content).strip()
        if not body:
            raise NoAnswer("empty answer")
        if not (turn.hits or turn.applied or turn.logged):
            raise NoAnswer("ungrounded answer")  # no passage and no action behind it: the engine answers instead
        body, cited = clean_citations(_trim(body, REPLY_CHARS), turn.hits)
        lang = "zh" if user.language == "zh" else "en"
        status: list[str] = []
        if turn.applied:
            status.append(_TEXT[lang]["applied"].format(changes="; ".join(turn.applied)))
        elif turn.rejected:
            status.append(_TEXT[lang]["unchanged"])
        if turn.logged:
            status.append(_TEXT[lang]["logged"].format(items=", ".join(turn.logged)))
        if not cited and turn.hits:
            cited = [next(iter(turn.hits))]
        parts = [body] + (["\n".join(status)] if status else [])
        remembered = "\n\n".join(parts)
        if cited:
            lines = [f"[{pid}] {turn.hits[pid].title} — {_trim(turn.hits[pid].source, 160)}"
                     for pid in cited[:MAX_SOURCES]]
            parts.append(t(user.language, "Sources:") + "\n" + "\n".join(lines))
        return "\n\n".join(parts), remembered

    # ------------------------------------------------------------------ memory
    def _history(self, s: Session, user: User) -> list[BaseMessage]:
        rows = repos.memory.turns(s, user.id)
        summary = next((r.content for r in rows if r.role == "summary"), None)
        recent = [r for r in rows if r.role != "summary"][-PROMPT_TURNS:]
        out: list[BaseMessage] = []
        if summary:
            out.append(HumanMessage("[Summary of earlier chat; data only]\n" + _trim(str(summary), SUMMARY_CHARS)))
        for r in recent:
            content = _trim(str(r.content), TURN_CHARS)
            out.append(HumanMessage(content) if r.role == "user" else AIMessage(content))
        return out

    def _bound_memory(self, s: Session, user: User) -> None:
        """Past MAX_TURNS turns, fold the oldest into one summary turn (model-written, else truncated)."""
        rows = repos.memory.turns(s, user.id)
        old = next((str(r.content) for r in rows if r.role == "summary"), "")
        convo = [r for r in rows if r.role != "summary"]
        if len(convo) <= MAX_TURNS:
            return
        drop, keep = convo[:-KEEP_TURNS], convo[-KEEP_TURNS:]
        repos.memory.replace_turns(s, user.id, [r.id for r in keep], self._summarise(s, user, old, drop))

    def _summarise(self, s: Session, user: User, old: str, drop: list[Any]) -> str:
        transcript = "\n".join(f"{r.role}: {_trim(str(r.content), 200)}" for r in drop)
        source = (f"Earlier summary: {old}\n" if old else "") + transcript
        llm = self._llm()
        meter = UsageMeter()
        try:
            out = llm.invoke([SystemMessage(prompts.SUMMARY), HumanMessage(_trim(source, 5000))],
                             config={"callbacks": [meter]})
            summary = _text(out.content).strip()
            if summary:
                return _trim(summary, SUMMARY_CHARS)
        except Exception as exc:  # noqa: BLE001
            log.warning("memory summary failed, truncating instead: %s", type(exc).__name__)
        finally:
            self._record(s, user.id, "memory", meter)
        plain = " ".join(source.split())
        return plain if len(plain) <= SUMMARY_CHARS else "…" + plain[-(SUMMARY_CHARS - 1):]

    # ------------------------------------------------------------------ 2. intake extraction
    def extract_fields(self, user: User, text: str) -> dict:
        """Profile fields (keys of coach.parsing.extract, canonical units) the model read in `text`; {} on failure."""
        llm = self._llm()
        text = (text or "").strip()
        if llm is None or len(text) < 6 or not re.search(r"[A-Za-z\u4e00-\u9fff]{2,}", text):
            return {}  # numbers, "none", "no", "跑步": the rule parser has these; a model call would only cost
        meter = UsageMeter()
        try:
            runnable = llm.with_structured_output(IntakeFields, method="function_calling")
            out = runnable.invoke([SystemMessage(prompts.EXTRACT), HumanMessage(_trim(text, 1500))],
                                  config={"callbacks": [meter]})
            return clean(out)
        except Exception as exc:  # noqa: BLE001
            log.warning("intake extraction failed: %s", type(exc).__name__)
            return {}
        finally:
            self._record_for(user, "extract", meter)

    # ------------------------------------------------------------------ 3. rewording
    def reword(self, user: User, text: str, *, purpose: str) -> str | None:
        """`text` reworded in the user's language with every [kb-…] id and number kept; None otherwise."""
        llm = self._llm()
        if llm is None or not (text or "").strip():
            return None
        meter = UsageMeter()
        try:
            out = llm.invoke([SystemMessage(prompts.reword(user.language, purpose)), HumanMessage(text)],
                             config={"callbacks": [meter]})
            candidate = _text(out.content).strip()
        except Exception as exc:  # noqa: BLE001
            log.warning("reword failed: %s", type(exc).__name__)
            return None
        finally:
            self._record_for(user, "reword", meter)
        if not verify_reword(text, candidate):
            log.info("reword rejected: ids or numbers changed (purpose=%s)", purpose)
            return None
        return candidate


__all__ = ["CoachAgent", "UsageMeter", "verify_reword", "clean_citations", "MAX_TURNS", "KEEP_TURNS"]

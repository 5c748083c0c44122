"""CoachAgent: the LLM side of the coach. Every method degrades to the deterministic coach on any failure."""
from __future__ import annotations

import logging
import re
import threading
import time
import unicodedata
from collections import Counter
from collections.abc import Callable
from datetime import datetime, timezone
from typing import Any

from langchain_core.messages import HumanMessage, SystemMessage
from sqlalchemy.orm import object_session
from sqlmodel import Session

from coach.agent import guard, prompts
from coach.agent.answering import (NoAnswer, attribute, check_language, converse, guard_text, message_language,
                                   message_text, on_topic, retrieve, unecho, wants_action)
from coach.agent.calls import Caller, CallFailed, CallRecord, Meter
from coach.agent.extraction import extract
from coach.agent.history import PROMPT_TURNS, SUMMARY_CHARS, replay, room
from coach.agent.protocol import Capabilities, probe
from coach.agent.ports import AgentPorts
from coach.agent.tools import Turn, build_tools
from coach.events import Reply
from coach.i18n import t
from coach.safety.screening import lower, screen
from storage import repos
from storage.models import User

log = logging.getLogger("coach.agent")

MAX_TURNS = 12  # stored chat turns before the oldest are folded into the summary
KEEP_TURNS = 4  # turns kept verbatim after folding (= the turns a prompt carries)
STORE_CHARS = 1200  # per stored turn
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
    """The LLM behind Coach's free-text answers, intake extraction and rewording.

    Coach calls `answer`, `extract_fields` and `reword`; each returns its fallback value (None / {} / None) on
    any model failure so the deterministic coach answers instead. Every model call is bounded (calls.py) and
    recorded in the usage table, whatever its outcome.
    """

    def __init__(self, container: Any, *, ports: AgentPorts, clock: Callable[[], datetime] | None = None) -> None:
        self.container = container
        self.ports = ports  # the use cases its tools call (coach.services.agent_ports in production)
        self.clock = clock or (lambda: datetime.now(timezone.utc))
        self._caps: Capabilities | None = None
        self._caps_lock = threading.Lock()

    # ------------------------------------------------------------------ plumbing
    def _llm(self) -> Any:
        return self.container.llm()

    @property
    def _model_name(self) -> str:
        return str(getattr(self.container.settings, "openai_model", "") or "")

    @property
    def timeout_s(self) -> float:
        return float(getattr(self.container.settings, "openai_timeout_s", 20.0) or 20.0)

    def _caller(self) -> Caller | None:
        llm = self._llm()
        return None if llm is None else Caller(llm, timeout_s=self.timeout_s, model_name=self._model_name)

    def capabilities(self, s: Session | None = None) -> Capabilities | None:
        """What the server supports, probed on first use (once per process); None without a model. The probe's
        usage is recorded in `s`, the caller's open transaction, when given: a second session would wait for the
        write lock that transaction holds on SQLite (30 s, then the record was lost)."""
        with self._caps_lock:
            if self._caps is None:
                caller = self._caller()
                if caller is None:
                    return None
                meter = Meter()
                try:
                    self._caps = probe(caller, meter)
                finally:
                    self._record(s, None, meter)
            return self._caps

    def start_probe(self) -> threading.Thread:
        """Probe the server in the background now, so the first question does not wait for it."""
        thread = threading.Thread(target=self.capabilities, name="llm-probe", daemon=True)
        thread.start()
        return thread

    def _record(self, s: Session | None, user_id: int | None, meter: Meter) -> None:
        """Store and log every call a meter saw, with its outcome (never the message text)."""
        for r in meter.records:
            model = (r.model or self._model_name)[:64]
            log.info("llm usage purpose=%s outcome=%s model=%s prompt_tokens=%d completion_tokens=%d estimated=%s "
                     "seconds=%.2f", r.purpose, r.outcome, model, r.prompt_tokens, r.completion_tokens,
                     r.estimated, r.seconds)
            try:
                if s is not None:
                    with s.begin_nested():  # a failed insert must not poison the coach's transaction
                        _store_usage(s, user_id, model, r)
                else:
                    with self.container.session() as s2:
                        _store_usage(s2, user_id, model, r)
            except Exception as exc:  # noqa: BLE001 - accounting must never break a turn
                log.warning("could not record llm usage: %s", type(exc).__name__)
        meter.records.clear()

    def _record_for(self, user: User, meter: Meter) -> None:
        """Record usage in the session the user object belongs to (the coach's open transaction), if any."""
        if meter.records:
            self._record(object_session(user), user.id, meter)

    # ------------------------------------------------------------------ 1. free-text answers
    def answer(self, s: Session, user: User, text: str) -> list[Reply] | None:
        """A grounded, cited answer to a free-text message, or None (Coach then gives kb_answer)."""
        caller = self._caller()
        if caller is None or not (text or "").strip():
            return None
        caps = self.capabilities(s)  # probed once; the turn's own time starts after it
        started = time.monotonic()
        lang = message_language(text, user.language)
        turn, meter = Turn(), Meter()
        try:
            savepoint = s.begin_nested()  # whatever the tools write is undone if the turn fails
        except Exception as exc:  # noqa: BLE001
            log.warning("agent answer unavailable: %s", type(exc).__name__)
            return None
        try:
            reply, remembered = self._answer(caller, caps or Capabilities(), s, user, text, lang, turn, meter)
            savepoint.commit()
        except Exception as exc:  # noqa: BLE001 - timeouts, HTTP errors, garbage, bad tool calls, guard, ...
            if savepoint.is_active:
                savepoint.rollback()
            log.warning("agent answer failed after %.0f ms: %s%s", 1000 * (time.monotonic() - started),
                        type(exc).__name__, f" ({exc})" if isinstance(exc, (NoAnswer, CallFailed)) else "")
            return None
        finally:
            self._record(s, user.id, meter)
        self._remember(s, user, text, remembered, deadline=started + self.timeout_s)
        log.info("agent answer in %.0f ms: %d passages, %d changes applied, %d rejected", 1000 * (time.monotonic()
                 - started), len(turn.hits), len(turn.applied), len(turn.rejected))
        return [Reply(reply)]

    def _answer(self, caller: Caller, caps: Capabilities, s: Session, user: User, text: str, lang: str, turn: Turn,
                meter: Meter) -> tuple[str, str]:
        views = retrieve(self.container.retriever, text, lang, turn)
        turn.retrieved = list(turn.hits)
        deadline = time.monotonic() + self.timeout_s  # the model's time: every round of this turn shares it
        tools = build_tools(self.container.retriever, self.clock, s, user, turn, self.ports)
        acting = wants_action(text)  # a plain question is answered from the passages: no tool schemas to read
        listed = "" if caps.tools_param or not acting else prompts.tools_prompt(tools)
        prof = self.ports.profile_of(s, user)
        health = prompts.health_facts(prof.to_json() if prof is not None else None)
        system = SystemMessage(prompts.system(user.pseudonym, lang, tools_in_prompt=listed, health=health))
        question = HumanMessage(prompts.question_block(views, _trim(text, 2000), lang))
        # the system prompt, passages and question first; the remembered chat only in the room left
        messages = [system, *replay(repos.memory.turns(s, user.id), room(system, question)), question]
        body = converse(caller, caps, messages, tools, meter, deadline=deadline, offer=acting)
        if turn.broken:
            raise NoAnswer("a tool failed")
        return self._compose(s, user, body, turn, lang, text)

    def _allowed(self, s: Session, user: User, turn: Turn) -> guard.Allowed:
        """The numbers and safety facts the model's text must agree with."""
        row = repos.plans.active_plan(s, user.id)
        prof = self.ports.profile_of(s, user)
        plan = (row.data or {}) if row is not None else None
        cap = ((plan or {}).get("safety") or {}).get("intensity_cap") or "vigorous"
        labels = [(x.get("intensity") or {}).get("label") for w in (plan or {}).get("weeks") or []
                  for x in w.get("sessions") or []]
        if plan is not None:  # the text may not ask for more than the plan itself does
            cap = lower(cap, "vigorous" if "vigorous" in labels else "moderate" if "moderate" in labels else "light")
        hard_stop = False
        if prof is not None:
            sc = screen(prof)
            hard_stop = "red_flag" in sc.flags
            cap = lower(cap, sc.intensity_cap)
        return guard.allowed_numbers(plan, prof.to_json() if prof is not None else None,
                                     [p.text for p in turn.hits.values()], intensity_cap=cap, hard_stop=hard_stop,
                                     applied=bool(turn.applied))

    def _compose(self, s: Session, user: User, body: str, turn: Turn, lang: str, question: str) -> tuple[str, str]:
        """The user's reply (checked model text + code-built status and sources) and the text to remember."""
        body, cited = clean_citations(_trim(body, REPLY_CHARS), turn.hits)
        body = unecho(body, {i: p.title for i, p in turn.hits.items()})
        if not body and not (turn.applied or turn.rejected):  # a change's status line can stand alone
            raise NoAnswer("empty answer")
        if body:
            check_language(body, lang)
            guard_text(body, self._allowed(s, user, turn))
        status: list[str] = []
        if turn.applied:
            status.append(_TEXT[lang]["applied"].format(changes="; ".join(turn.applied)))
        elif turn.rejected:
            status.append(_TEXT[lang]["unchanged"])
        if turn.logged:
            status.append(_TEXT[lang]["logged"].format(items=", ".join(turn.logged)))
        if not cited:  # passages a tool looked up for this answer (e.g. a change's own sources) back it
            cited = [i for i in turn.hits if i not in turn.retrieved][:1]
        if not cited:  # a model that did not cite (small ones rarely do): the passage the answer was written from
            retrieved = {i: turn.hits[i].text for i in turn.retrieved if i in turn.hits}
            source = attribute(body, retrieved)
            if source:
                body, cited = f"{body} [{source}]", [source]
                log.info("agent answer gave no citation: attributed to a retrieved passage by word overlap")
            elif body and not turn.applied and not on_topic(body, question, retrieved):
                raise NoAnswer("uncited answer off the topic")
        parts = ([body] if body else []) + (["\n".join(status)] if status else [])
        remembered = "\n\n".join(parts)
        if cited:
            lines = [f"[{pid}] {turn.hits[pid].title} — {_trim(turn.hits[pid].source, 160)}"
                     for pid in cited[:MAX_SOURCES]]
            parts.append(t(lang, "Sources:") + "\n" + "\n".join(lines))
        return "\n\n".join(parts), remembered

    # ------------------------------------------------------------------ memory
    def _remember(self, s: Session, user: User, text: str, remembered: str, *, deadline: float) -> None:
        try:
            with s.begin_nested():
                repos.memory.add_turn(s, user.id, "user", _trim(text, STORE_CHARS))
                repos.memory.add_turn(s, user.id, "assistant", _trim(remembered, STORE_CHARS))
                self._bound_memory(s, user, deadline)
        except Exception as exc:  # noqa: BLE001 - memory is a nicety; the answer stands
            log.warning("agent memory update failed: %s", type(exc).__name__)

    def _bound_memory(self, s: Session, user: User, deadline: float) -> None:
        """Past MAX_TURNS turns, fold the oldest into one summary turn (model-written, else truncated)."""
        rows = repos.memory.turns(s, user.id)
        old = next((str(r.content) for r in rows if r.role == "summary"), "")
        convo = [r for r in rows if r.role != "summary"]
        if len(convo) <= MAX_TURNS:
            return
        drop, keep = convo[:-KEEP_TURNS], convo[-KEEP_TURNS:]
        repos.memory.replace_turns(s, user.id, [r.id for r in keep], self._summarise(s, user, old, drop, deadline))

    def _summarise(self, s: Session, user: User, old: str, drop: list[Any], deadline: float) -> str:
        """The model's summary of the dropped turns within what is left of the turn's time, else a truncation."""
        transcript = "\n".join(f"{r.role}: {_trim(str(r.content), 200)}" for r in drop)
        source = (f"Earlier summary: {old}\n" if old else "") + transcript
        caller, meter = self._caller(), Meter()
        try:
            if caller is not None:
                out = caller.call("memory", [SystemMessage(prompts.SUMMARY), HumanMessage(_trim(source, 5000))],
                                  meter, deadline=deadline)  # the turn's own time: folding adds none
                summary = message_text(out.content).strip()
                if summary:
                    return _trim(summary, SUMMARY_CHARS)
        except CallFailed as exc:
            log.warning("memory summary failed, truncating instead: %s", exc.outcome)
        finally:
            self._record(s, user.id, meter)
        plain = " ".join(source.split())
        return plain if len(plain) <= SUMMARY_CHARS else "…" + plain[-(SUMMARY_CHARS - 1):]

    # ------------------------------------------------------------------ 2. intake extraction
    def extract_fields(self, user: User, text: str) -> dict:
        """Profile fields (keys of coach.intake.extract, canonical units) the model read in `text`; {} on failure."""
        caller = self._caller()
        text = (text or "").strip()
        if caller is None or len(text) < 6 or not re.search(r"[A-Za-z\u4e00-\u9fff]{2,}", text):
            return {}  # numbers, "none", "no", "跑步": the rule parser has these; a model call would only cost
        caps = self.capabilities(object_session(user)) or Capabilities()
        meter = Meter()
        try:
            return extract(caller, caps, text, meter, deadline=time.monotonic() + self.timeout_s)
        finally:
            self._record_for(user, meter)

    # ------------------------------------------------------------------ 3. rewording
    def reword(self, user: User, text: str, *, purpose: str) -> str | None:
        """`text` reworded in the user's language with every [kb-…] id and number kept; None otherwise."""
        caller = self._caller()
        if caller is None or not (text or "").strip():
            return None
        meter = Meter()
        try:
            out = caller.call("reword", [SystemMessage(prompts.reword(user.language, purpose)), HumanMessage(text)],
                              meter, deadline=time.monotonic() + self.timeout_s)
            candidate = message_text(out.content).strip()
        except CallFailed as exc:
            log.warning("reword failed: %s", exc.outcome)
            return None
        finally:
            self._record_for(user, meter)
        if not verify_reword(text, candidate):
            log.info("reword rejected: ids or numbers changed (purpose=%s)", purpose)
            return None
        return candidate


__all__ = ["CoachAgent", "verify_reword", "clean_citations", "MAX_TURNS", "KEEP_TURNS", "PROMPT_TURNS",
           "SUMMARY_CHARS"]


def _store_usage(s: Session, user_id: int | None, model: str, r: CallRecord) -> None:
    repos.memory.record_usage(s, user_id, r.purpose, model, r.prompt_tokens, r.completion_tokens, outcome=r.outcome,
                              estimated=r.estimated, seconds=round(r.seconds, 3))

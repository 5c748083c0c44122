"""The agent's tools, built per turn and bound to one user through a ToolContext.

No tool takes a user id: the model cannot name another user, and any extra argument it sends (user_id, chat_id,
...) is dropped by the tools' argument schemas. Outputs are compact JSON to keep the context lean. Tools may run
on LangGraph's worker threads; a per-turn lock keeps the (sequential, single-session) database use serial.
"""
from __future__ import annotations

import json
import logging
import functools
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from langchain_core.tools import BaseTool, StructuredTool
from pydantic import BaseModel, Field
from sqlmodel import Session


from coach.agent.ports import AgentPorts
from coach.agent.changes import ChangeError, apply_change
from coach.domain.profile import ProfileError
from coach.domain.limits import BP_RED_FLAG, RHR_ALERT, bp_reaches, rhr_alarming
from coach.planning.validator import validate_plan
from knowledge.corpus import Passage, get_passage
from storage import repos
from storage.models import User
from coach.intake.answers import check_value

log = logging.getLogger("coach.agent")

PASSAGE_CHARS = 600  # the top passage; the others are shorter
OTHER_PASSAGE_CHARS = 400
PROPOSE_DOC = ('Change the plan; a safety validator checks it. change is one of {"op":"swap_exercise","from":ID,'
               '"to":CATALOG_ID} {"op":"set_minutes","day":D,"minutes":M} {"op":"set_intensity","day":D,'
               '"label":"light|moderate|vigorous"}, each with optional "week" (default: all remaining weeks). '
               'Returns applied, or rejected with reasons.')
SEARCH_K = 3
MAX_READINGS = 14
PROFILE_KEYS = ("age", "height_cm", "weight_kg", "resting_hr", "bp_systolic", "bp_diastolic", "body_fat_pct",
                "sleep_hours", "experience", "currently_active", "goal", "target_weight_kg", "target_weeks",
                "days_per_week", "minutes_per_session", "equipment", "injuries", "conditions", "symptoms",
                "preferences")
# kind -> (profile field used for the range check, canonical unit, accepted units -> factor)
METRICS: dict[str, tuple[str | None, str, dict[str, float]]] = {
    "weight": ("weight_kg", "kg", {"kg": 1.0, "kgs": 1.0, "kilograms": 1.0, "lb": 0.45359237, "lbs": 0.45359237,
                                   "pounds": 0.45359237, "公斤": 1.0, "斤": 0.5}),
    "resting_hr": ("resting_hr", "bpm", {"bpm": 1.0, "": 1.0}),
    "sleep": ("sleep_hours", "h", {"h": 1.0, "hours": 1.0, "hour": 1.0, "hrs": 1.0, "": 1.0, "小时": 1.0}),
    "body_fat": ("body_fat_pct", "%", {"%": 1.0, "percent": 1.0, "": 1.0}),
    "bp": (None, "mmHg", {"mmhg": 1.0, "": 1.0}),
    "soreness": (None, "1-5", {"": 1.0, "1-5": 1.0}),
    "energy": (None, "1-5", {"": 1.0, "1-5": 1.0}),
}


@dataclass
class Turn:
    """What the tools did during one answer: the code builds citations and status lines from it."""

    hits: dict[str, Passage] = field(default_factory=dict)  # passage ids search_knowledge returned, in order
    applied: list[str] = field(default_factory=list)  # summaries of plan changes stored
    rejected: list[str] = field(default_factory=list)  # why proposed changes were refused
    logged: list[str] = field(default_factory=list)  # readings stored
    broken: bool = False  # a tool hit an unexpected error: the turn must not be committed
    retrieved: list[str] = field(default_factory=list)  # ids the coach searched itself before the model ran
    lock: threading.Lock = field(default_factory=threading.Lock)


def _j(obj: Any) -> str:
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":"), default=str)


def _trim(text: str, n: int) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= n else text[: n - 1].rsplit(" ", 1)[0] + "…"


def plan_summary(plan_row: Any, week_now: int) -> dict:
    """A compact view of the active plan: this week (`week_now`) in detail, later weeks one line each."""
    data = plan_row.data or {}
    weeks = data.get("weeks", [])
    week_now = max(1, min(week_now, len(weeks) or 1))

    def ex_short(e: dict) -> str:
        if e.get("sets"):
            return f"{e.get('id')} {e['sets']}x{e.get('reps', '')}".strip()
        if e.get("minutes"):
            return f"{e.get('id')} {e['minutes']}min"
        return str(e.get("id"))

    def sess_line(s: dict) -> str:
        lab = (s.get("intensity") or {}).get("label", "")
        return f"d{s.get('day')} {s.get('kind')} {s.get('minutes')}min {lab}"

    safety = data.get("safety") or {}
    out: dict[str, Any] = {"goal": data.get("goal"), "weeks": len(weeks), "current_week": week_now,
                           "intensity_cap": safety.get("intensity_cap"),
                           "clearance_required": bool(safety.get("clearance_required"))}
    if weeks:
        cur = weeks[week_now - 1]
        out["this_week"] = [{"s": sess_line(s), "ex": [ex_short(e) for e in s.get("exercises", [])]}
                            for s in cur.get("sessions", [])]
        out["later"] = [f"w{w.get('week')}{' deload' if w.get('deload') else ''}: "
                        + "; ".join(sess_line(s) for s in w.get("sessions", []))
                        for w in weeks[week_now:]]
    return out


@dataclass
class ToolContext:
    """What every tool of one turn works with: the retriever, the clock, the session, the user and the turn."""

    retriever: Callable[[], Any]
    clock: Callable[[], datetime]
    s: Session
    user: User
    turn: Turn
    ports: AgentPorts

    @property
    def lang(self) -> str:
        return self.user.language or "en"

    def today(self) -> Any:
        return self.ports.local_today(self.user, self.clock())


def passage_view(p: Passage, rank: int) -> dict:
    """A passage as the model sees it (the source is added to the reply by code, not by the model)."""
    return {"id": p.id, "title": p.title, "text": _trim(p.text, PASSAGE_CHARS if rank == 0 else OTHER_PASSAGE_CHARS)}


def search_knowledge(ctx: ToolContext, query: str) -> str:
    query = _trim(query or "", 300)
    if not query:
        return "error: empty query"
    hits = ctx.retriever().search(query, k=SEARCH_K, language=ctx.lang)
    out = []
    for rank, h in enumerate(hits):
        ctx.turn.hits.setdefault(h.passage.id, h.passage)
        out.append(passage_view(h.passage, rank))
    return _j(out) if out else "no passages found"


def get_profile(ctx: ToolContext) -> str:
    prof = ctx.ports.profile_of(ctx.s, ctx.user)
    if prof is None:
        return "no profile yet"
    d = prof.to_json()
    return _j({k: d[k] for k in PROFILE_KEYS if k in d and d[k] not in (None, [], {})})


def get_recent_metrics(ctx: ToolContext, kind: str, days: int = 30) -> str:
    if kind not in METRICS:
        return f"error: kind must be one of {', '.join(METRICS)}"
    try:
        days = max(1, min(int(days), 180))
    except (TypeError, ValueError):
        days = 30
    rows = repos.readings.metrics(ctx.s, ctx.user.id, kind, since=ctx.clock() - timedelta(days=days))[-MAX_READINGS:]
    return _j({"kind": kind, "unit": METRICS[kind][1],
               "readings": [[r.measured_at.date().isoformat(), r.value] for r in rows]})


def get_plan(ctx: ToolContext) -> str:
    row = repos.plans.active_plan(ctx.s, ctx.user.id)
    return "no plan yet" if row is None else _j(plan_summary(row, ctx.ports.day_of_plan(row, ctx.today())[0]))


def explain_last_change(ctx: ToolContext) -> str:
    adjs = repos.adjustments.adjustments(ctx.s, ctx.user.id)
    if not adjs:
        return "the plan has not been changed since it was made"
    a = adjs[-1]
    sources = []
    for cid in a.citations or []:
        p = get_passage(cid)
        if p is not None:
            ctx.turn.hits.setdefault(p.id, p)
            sources.append({"id": p.id, "title": p.title})
    return _j({"date": a.created_at.date().isoformat(), "rule": a.rule, "reason": _trim(str(a.reason), 400),
               "change": a.change, "sources": sources})


def _bp_value(value: Any) -> list[int] | str:
    parts = value if isinstance(value, (list, tuple)) else str(value).replace(" ", "").split("/")
    if len(parts) != 2:
        return "error: blood pressure must be like 120/80"
    sys_, dia = check_value("bp_systolic", parts[0]), check_value("bp_diastolic", parts[1])
    if sys_ <= dia:
        return "error: diastolic must be below systolic"
    if bp_reaches(sys_, dia, BP_RED_FLAG):  # alert levels go through the coach's safety path
        return ("not stored: this reading is at a warning level. Tell the user to send it as a plain message (e.g. "
                "'my blood pressure is 185/112') so the safety check runs, to stop exercising and to see a doctor.")
    return [sys_, dia]


def _reading(kind: str, value: Any, unit: str) -> Any:
    """The canonical value to store, or an "error: ..." / "not stored: ..." string for the model."""
    field_name, canonical, units = METRICS[kind]
    if unit not in units:
        return f"error: unit for {kind} must be one of {', '.join(x for x in units if x) or canonical}"
    if kind == "bp":
        return _bp_value(value)
    if field_name is None:  # soreness / energy scales
        number = float(value)
        return int(number) if number == int(number) and 1 <= number <= 5 else "error: use a whole number 1-5"
    stored = check_value(field_name, round(float(value) * units[unit], 1))
    if kind == "resting_hr" and rhr_alarming(stored):
        return (f"not stored: a resting heart rate over {RHR_ALERT} bpm is a warning sign. Tell the user to send it "
                "as a plain message (e.g. 'my resting heart rate is 105') so the safety check runs, and to see a "
                "doctor.")
    return stored


def log_metric(ctx: ToolContext, kind: str, value: Any, unit: str = "") -> str:
    if kind not in METRICS:
        return f"error: kind must be one of {', '.join(METRICS)}"
    try:
        stored = _reading(kind, value, str(unit or "").strip().lower())
    except ProfileError as exc:
        return f"error: {exc}"
    except (TypeError, ValueError):
        return f"error: {kind} value must be a number"
    if isinstance(stored, str):
        return stored
    canonical = METRICS[kind][1]
    repos.readings.add_metric(ctx.s, ctx.user.id, kind, stored, canonical, source="agent", measured_at=ctx.clock())
    shown = f"{stored[0]}/{stored[1]}" if kind == "bp" else f"{stored:g}"
    ctx.turn.logged.append(f"{kind} {shown} {canonical}")
    return f"stored: {kind} {shown} {canonical}"


def _refuse(ctx: ToolContext, msg: str, tail: str = "") -> str:
    ctx.turn.rejected.append(msg)
    return msg + tail


def propose_plan_change(ctx: ToolContext, change: Any, reason: str = "") -> str:
    row = repos.plans.active_plan(ctx.s, ctx.user.id)
    prof = ctx.ports.profile_of(ctx.s, ctx.user)
    if row is None or prof is None:
        return "rejected: the user has no plan yet"
    week_now, _d = ctx.ports.day_of_plan(row, ctx.today())
    try:
        applied = apply_change(row.data or {}, change, prof, lang=ctx.lang, current_week=week_now)
    except ChangeError as exc:
        return _refuse(ctx, f"rejected: {exc}")
    violations = validate_plan(applied.plan, prof, kb_lookup=get_passage)
    if violations:
        return _refuse(ctx, "rejected by the safety validator: " + "; ".join(str(v) for v in violations[:6]),
                       ". The plan is unchanged.")  # no instruction a small model would copy as its answer
    why = _trim(reason or "", 200)
    named = [i for i in ctx.turn.hits if i in (reason or "")]  # ids the model gave as its grounds, else the top two
    new_row = ctx.ports.commit_change(ctx.s, ctx.user, row, applied.plan, rule="agent_change",
                            change={**applied.record, "by": "agent"}, reason=applied.summary + (f": {why}" if why else ""),
                            tags=("plan:progression",), citations=named or list(ctx.turn.hits)[:2])
    if new_row is None:
        return _refuse(ctx, "rejected by the safety validator", ". The plan is unchanged.")
    ctx.turn.applied.append(applied.summary)
    return f"applied: {applied.summary}"


class _Query(BaseModel):
    query: str = Field(description="what to look up")


class _NoArgs(BaseModel):
    pass


class _Metrics(BaseModel):
    kind: str = Field(description="weight|resting_hr|bp|sleep|body_fat|soreness|energy")
    days: int = 30


class _Log(BaseModel):
    kind: str = Field(description="weight|resting_hr|bp|sleep|body_fat|soreness|energy")
    value: float | str = Field(description="number, or 120/80 for bp")
    unit: str = ""


class _Propose(BaseModel):
    change: dict | str = Field(description="one change object, see the tool description")
    reason: str = ""


# name -> (function, argument schema, description)
TOOLS: dict[str, tuple[Callable[..., str], type[BaseModel], str]] = {
    "search_knowledge": (search_knowledge, _Query, "Search the training knowledge base. Cite returned ids like "
                                                   "[kb-...]."),
    "get_profile": (get_profile, _NoArgs, "The user's training profile."),
    "get_recent_metrics": (get_recent_metrics, _Metrics, "The user's recent readings of one kind."),
    "get_plan": (get_plan, _NoArgs, "Summary of the user's active plan, with exercise ids."),
    "explain_last_change": (explain_last_change, _NoArgs, "Why the plan last changed, with sources."),
    "log_metric": (log_metric, _Log, "Save a reading the user reports (kinds as in get_recent_metrics)."),
    "propose_plan_change": (propose_plan_change, _Propose, PROPOSE_DOC),
}


def _guarded(ctx: ToolContext, name: str, fn: Callable[..., str]) -> Callable[..., str]:
    """Run one tool serially; an unexpected error marks the turn broken and tells the model, never raises."""

    def run(**kwargs: Any) -> str:
        with ctx.turn.lock:
            try:
                return fn(ctx, **kwargs)
            except Exception as exc:  # noqa: BLE001 - tell the model, keep the user's turn safe
                ctx.turn.broken = True
                log.warning("agent tool %s failed: %s", name, type(exc).__name__)
                return f"error: the {name} tool is unavailable right now"

    return functools.update_wrapper(run, fn)


def build_tools(retriever: Callable[[], Any], clock: Callable[[], datetime], s: Session, user: User,
                turn: Turn, ports: AgentPorts) -> list[BaseTool]:
    """The seven tools of one turn, bound to the retriever, the clock, this session, user and turn."""
    ctx = ToolContext(retriever, clock, s, user, turn, ports)
    return [StructuredTool.from_function(func=_guarded(ctx, name, fn), name=name, description=doc, args_schema=args)
            for name, (fn, args, doc) in TOOLS.items()]


__all__ = ["build_tools", "plan_summary", "passage_view", "Turn", "ToolContext", "TOOLS", "PASSAGE_CHARS",
           "OTHER_PASSAGE_CHARS", "SEARCH_K", "METRICS"]

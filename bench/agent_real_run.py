"""The turns of bench/agent_real.py against any OpenAI-compatible server: onboarding, then coaching questions.

`run()` returns whether the goals hold; `turns()` gives the per-turn rows (the slow test uses them).
"""
from __future__ import annotations

import re
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cryptography.fernet import Fernet

ONBOARDING = [
    "/start", ("callback", "consent:yes"),
    "I'm 34, 180 cm, 75 kg, male, resting heart rate 62, no symptoms, no conditions, beginner, not active lately, "
    "want to lose 5 kg in 12 weeks, 4 days a week, 45 minutes, dumbbells and a bench at home, no injuries",
]
KB_ID = re.compile(r"kb-[a-z0-9]+(?:-[a-z0-9]+)*")


@dataclass
class Row:
    """One turn's figures."""

    text: str
    seconds: float
    by: str  # model | fallback | rules
    cited: int  # passage ids the model cited that exist
    bad_cites: int
    tool_json: bool
    plan: str  # "-" | applied | refused
    unsafe_plan: bool
    prompt_tokens: int
    calls: str
    reply: str


def _setup(base_url: str, model: str, timeout: float, tmp: Path) -> tuple[Any, Any]:
    from bot.settings import load_settings
    from bot.wiring import build, make_coach

    settings = load_settings(fitcoach_data_dir=tmp / "data", fitcoach_encryption_key=Fernet.generate_key().decode(),
                             chroma_path=tmp / "chroma", openai_api_key="local", openai_base_url=base_url,
                             openai_model=model, openai_timeout_s=timeout)
    container = build(settings)
    container.retriever()  # the index is built before anything is timed
    coach = make_coach(container)
    coach.agent.capabilities()  # the probe, once, before the first turn
    return container, coach


def _say(coach: Any, key: str, item: Any) -> str:
    from coach.events import Incoming

    text, callback = (None, item[1]) if isinstance(item, tuple) else (item, None)
    return "\n".join(r.text for r in coach.handle(Incoming(user_key=key, channel="cli", text=text, callback=callback)))


def _state(container: Any, key: str) -> tuple[Any, int, list]:
    from storage import repos

    with container.session() as s:
        u = repos.users.find_user(s, key)
        plan = repos.plans.active_plan(s, u.id)
        usage = [(r.purpose, r.prompt_tokens) for r in repos.memory.usage(s, u.id)]
        return (plan.id if plan else None), len(usage), usage


def _plan_safe(container: Any, key: str) -> bool:
    from coach.planning.validator import validate_plan
    from coach.services.profiles import profile_of
    from knowledge.corpus import get_passage
    from storage import repos

    with container.session() as s:
        u = repos.users.find_user(s, key)
        return not validate_plan(repos.plans.active_plan(s, u.id).data, profile_of(s, u), kb_lookup=get_passage)


def onboard(container: Any, coach: Any, key: str) -> list[Row]:
    """Consent and the one-sentence profile, then 'skip' until the plan exists."""
    from storage import repos

    rows = []
    items = list(ONBOARDING)
    for _ in range(16):
        item = items.pop(0) if items else None
        if item is None:
            with container.session() as s:
                u = repos.users.find_user(s, key)
                if repos.plans.active_plan(s, u.id) is not None:
                    break
                item = "no" if repos.users.get_dialogue(s, u.id).step == "currently_active" else "skip"
        t0 = time.monotonic()
        reply = _say(coach, key, item)
        rows.append(Row(str(item)[:40], time.monotonic() - t0, "rules", 0, 0, False, "-", False, 0, "", reply))
    return rows


def ask(container: Any, coach: Any, key: str, question: str) -> Row:
    """One coaching question through the whole coach, with what the agent did."""
    from coach.agent.textcalls import looks_like_tool_json
    from knowledge.corpus import get_passage

    plan0, n0, _u = _state(container, key)
    seen: list[Any] = []
    original = coach.agent.answer

    def spy(s: Any, user: Any, text: str) -> Any:
        out = original(s, user, text)
        seen.append(out)
        return out

    coach.agent.answer = spy
    t0 = time.monotonic()
    try:
        reply = _say(coach, key, question)
    finally:
        coach.agent.answer = original
    seconds = time.monotonic() - t0
    plan1, _n1, usage = _state(container, key)
    new = usage[n0:]
    by = "model" if seen and seen[0] is not None else ("fallback" if seen else "rules")
    body = reply.split("Sources:")[0].split("来源：")[0]
    ids = KB_ID.findall(body) if by == "model" else []
    plan = "-"
    if plan1 != plan0:
        plan = "applied"
    elif "not changed" in reply or "没有改变" in reply:
        plan = "refused"
    return Row(question, seconds, by, sum(1 for i in ids if get_passage(i)), sum(1 for i in ids if not get_passage(i)),
               looks_like_tool_json(reply), plan, plan == "applied" and not _plan_safe(container, key),
               sum(p for _k, p in new), ",".join(k for k, _p in new), reply)


def print_rows(rows: list[Row]) -> None:
    print(f"{'turn':<46} {'s':>6} {'by':<8} {'cites':>5} {'json':>4} {'plan':<8} {'prompt_tok':>10}  calls")
    for r in rows:
        print(f"{r.text[:46]:<46} {r.seconds:6.1f} {r.by:<8} {r.cited:>5} {'yes' if r.tool_json else '-':>4} "
              f"{r.plan:<8} {r.prompt_tokens:>10}  {r.calls}")


def run(base_url: str, model: str, timeout: float, tmp: Path, questions: list[str], *, strict: bool) -> bool:
    """Onboard, ask, print the table and the goals; True when they hold."""
    container, coach = _setup(base_url, model, timeout, tmp)
    caps = coach.agent.capabilities()
    print(f"model {model}: protocol={caps.protocol} structured={caps.structured} timeout={timeout:.0f}s")
    key = "cli:bench"
    rows = onboard(container, coach, key)
    asked = [ask(container, coach, key, q) for q in questions]
    print_rows(rows + asked)
    for r in asked:  # every reply, to read: what the model said, or the fallback
        print(f"\n--- {r.text} [{r.by}, {r.seconds:.1f} s]\n{r.reply}")
    print()
    grounded = sum(1 for r in asked if r.by == "model" and r.cited >= 1)
    slow = [r for r in rows + asked if r.seconds > timeout + 5]
    bad = sum(r.tool_json for r in asked) + sum(r.unsafe_plan for r in asked) + sum(r.bad_cites for r in asked)
    applied = sum(r.plan == "applied" for r in asked)
    print(f"answered by the model with >= 1 valid citation: {grounded}/{len(asked)}; fallback "
          f"{sum(r.by == 'fallback' for r in asked)}; rules {sum(r.by == 'rules' for r in asked)}")
    print(f"raw tool JSON in replies: {sum(r.tool_json for r in asked)}; plan changes applied {applied}, unsafe "
          f"{sum(r.unsafe_plan for r in asked)}; turns over timeout+5 s: {len(slow)}")
    prompt = [r.prompt_tokens for r in asked]
    print(f"prompt tokens per question (server-reported where given): min {min(prompt)} max {max(prompt)} mean "
          f"{sum(prompt) / len(prompt):.0f}")
    container.engine.dispose()
    ok = not slow and bad == 0
    return ok and (grounded >= 9 * len(asked) / 12 if strict else True)


__all__ = ["run", "ask", "onboard", "Row", "print_rows"]

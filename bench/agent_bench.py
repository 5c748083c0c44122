"""Agent benchmark: prompt tokens per coaching turn and the agent's own overhead, against FakeOpenAI.

Run from the repository root:  .venv/bin/python bench/agent_bench.py [--turns 60]

Each coaching turn is what a real model typically does: one search_knowledge tool call, then a cited answer of a
few sentences. The real CoachAgent runs over real HTTP (ChatOpenAI → FakeOpenAI on a local port) with real
SQLite and the real Chroma index, so the request bodies measured are exactly those the agent sends.

Prompt tokens are ESTIMATED as characters / 4 over what a chat model reads: every message's text, the JSON of
assistant tool calls, and the JSON schema of the tools (tiktoken is not used: its encodings would have to be
downloaded). The fake's own `usage` numbers (characters of message text / 4, without tool schemas) are printed
too. Overhead = wall time of CoachAgent.answer() minus the time the fake server spent handling its requests
(so it includes LangGraph, the tools, the retriever, the database and the HTTP client).
"""
from __future__ import annotations

import argparse
import asyncio
import json
import logging
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from cryptography.fernet import Fernet  # noqa: E402

from tests.fakes.openai_api import FakeOpenAI, reply_text, reply_tool_calls  # noqa: E402

GOAL_TOKENS = 2500
QUESTIONS = [
    "how many days a week should I do strength training?",
    "my knee hurts a bit on squats, what should I do?",
    "is it better to stretch before or after lifting?",
    "how hard should my cardio feel?",
    "can I do my workouts in the evening instead of the morning?",
    "what should I eat before training?",
    "I feel sore two days after leg day, is that normal?",
    "how do I know when to add more weight?",
    "what is a deload week for?",
    "how much sleep do I need to recover?",
    "is walking enough cardio for fat loss?",
    "should I train if I have a cold?",
]


class TimedFake(FakeOpenAI):
    """FakeOpenAI that adds up the time its handler spends on each chat completion."""

    def __init__(self, *a, **kw) -> None:
        super().__init__(*a, **kw)
        self.server_s = 0.0

    async def _chat_completions(self, request):  # noqa: ANN001, ANN201
        t0 = time.perf_counter()
        try:
            return await super()._chat_completions(request)
        finally:
            self.server_s += time.perf_counter() - t0


def _content(msg: dict) -> str:
    c = msg.get("content")
    if isinstance(c, list):
        return "".join(p.get("text", "") for p in c if isinstance(p, dict))
    return c or ""


def estimate_tokens(body: dict) -> int:
    chars = sum(len(_content(m)) + (len(json.dumps(m["tool_calls"])) if m.get("tool_calls") else 0)
                for m in body.get("messages", []))
    chars += len(json.dumps(body.get("tools") or []))
    return chars // 4


def canned_model(body: dict):
    """Realistic replies: search first, then a cited answer of a few sentences; short memory summaries."""
    msgs = body["messages"]
    system = _content(msgs[0]) if msgs and msgs[0].get("role") == "system" else ""
    if system.startswith("Summarise"):
        return reply_text("The user is working on fat loss with 4 sessions a week. They asked about strength days, "
                          "knee discomfort on squats (advised pain-free range and to see a physio if it persists), "
                          "stretching, cardio effort, meal timing, soreness and progression. No plan changes yet.")
    last = msgs[-1]
    if last.get("role") == "user":
        return reply_tool_calls([("search_knowledge", {"query": _content(last)[:120]})])
    hits = []
    for m in reversed(msgs):
        if m.get("role") == "tool":
            try:
                hits = json.loads(_content(m))
            except ValueError:
                hits = []
            break
    ids = [h["id"] for h in hits if isinstance(h, dict)][:2] or ["kb-none"]
    return reply_text(
        f"Good question. The guidelines recommend building up gradually and keeping most sessions at a moderate "
        f"effort, where you can talk but not sing [{ids[0]}]. Your current plan already follows this, so keep going "
        f"and log how each session feels. If something hurts sharply or keeps hurting, pause that exercise and see a "
        f"physiotherapist [{ids[-1]}].")


def pct(values: list[float], p: float) -> float:
    vals = sorted(values)
    if not vals:
        return float("nan")
    k = (len(vals) - 1) * p
    lo, hi = int(k), min(int(k) + 1, len(vals) - 1)
    return vals[lo] + (vals[hi] - vals[lo]) * (k - lo)


def onboard(coach, key: str) -> None:
    from coach.events import Incoming
    from storage import repos

    def say(text=None, callback=None):
        return coach.handle(Incoming(user_key=key, channel="cli", text=text, callback=callback))

    say("/start")
    say(callback="consent:yes")
    say("I'm 34, 180 cm, 75 kg, male, resting heart rate 62, no symptoms, no conditions, beginner, not active lately, "
        "want to lose 5 kg in 12 weeks, 4 days a week, 45 minutes, dumbbells and a bench at home, no injuries")
    for _ in range(12):
        with coach.c.session() as s:
            u = repos.users.find_user(s, key)
            if repos.plans.active_plan(s, u.id) is not None:
                return
            step = repos.users.get_dialogue(s, u.id).step
        say("no" if step == "currently_active" else "skip")
    raise SystemExit("onboarding did not finish")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--turns", type=int, default=60)
    ap.add_argument("--warmup", type=int, default=3)
    args = ap.parse_args()
    logging.basicConfig(level=logging.WARNING)

    loop = asyncio.new_event_loop()
    threading.Thread(target=loop.run_forever, daemon=True).start()
    fake = TimedFake(fallback=canned_model)
    asyncio.run_coroutine_threadsafe(fake.start(), loop).result(10)

    from coach.agent import CoachAgent
    from coach.services.agent_ports import agent_ports
    from coach.agent.core import KEEP_TURNS, MAX_TURNS, PROMPT_TURNS
    from coach.agent.tools import OTHER_PASSAGE_CHARS, PASSAGE_CHARS, SEARCH_K
    from bot.settings import load_settings
    from bot.wiring import build
    from coach.dialogue import Coach
    from storage import repos

    with tempfile.TemporaryDirectory() as tmp:
        settings = load_settings(fitcoach_data_dir=Path(tmp) / "data", fitcoach_encryption_key=Fernet.generate_key()
                                 .decode(), chroma_path=Path(tmp) / "chroma", openai_api_key="bench",
                                 openai_base_url=fake.base_url, openai_model="fake-model", openai_timeout_s=10)
        container = build(settings)
        onboard(Coach(container), "cli:bench")
        agent = CoachAgent(container, ports=agent_ports())
        container.retriever()  # build the index before timing

        per_turn_tokens: list[int] = []
        per_request_tokens: list[int] = []
        fake_usage: list[int] = []
        summary_tokens: list[int] = []
        overhead_ms: list[float] = []
        wall_ms: list[float] = []
        answered = 0
        for i in range(args.warmup + args.turns):
            q = QUESTIONS[i % len(QUESTIONS)]
            n0, server0 = len(fake.requests), fake.server_s
            with container.session() as s:
                user = repos.users.find_user(s, "cli:bench")
                t0 = time.perf_counter()
                out = agent.answer(s, user, q)
                wall = time.perf_counter() - t0
            if i < args.warmup:
                continue
            answered += out is not None
            bodies = fake.requests[n0:]
            answer_bodies = [b for b in bodies if not _content(b["messages"][0]).startswith("Summarise")]
            tokens = [estimate_tokens(b) for b in answer_bodies]
            per_turn_tokens.append(sum(tokens))
            per_request_tokens.extend(tokens)
            fake_usage.append(sum(max(1, sum(len(_content(m)) for m in b["messages"]) // 4) for b in answer_bodies))
            summary_tokens.extend(estimate_tokens(b) for b in bodies if b not in answer_bodies)
            wall_ms.append(1000 * wall)
            overhead_ms.append(1000 * (wall - (fake.server_s - server0)))
        container.engine.dispose()
    asyncio.run_coroutine_threadsafe(fake.stop(), loop).result(10)
    loop.call_soon_threadsafe(loop.stop)

    n = len(per_turn_tokens)
    print(f"FitCoach agent benchmark: {n} coaching turns (after {args.warmup} warm-up), {answered} answered by the agent")
    print(f"  context: search k={SEARCH_K}, passages trimmed to {PASSAGE_CHARS}/{OTHER_PASSAGE_CHARS} chars (top/others), "
          f"last {PROMPT_TURNS} turns + "
          f"summary in the prompt, memory folded past {MAX_TURNS} turns (keeps {KEEP_TURNS})")
    print("  prompt tokens (estimate: chars/4 of message text + tool-call JSON + tool schemas):")
    print(f"    per coaching turn (2 model calls): p50 {pct(per_turn_tokens, .5):.0f}  p95 {pct(per_turn_tokens, .95):.0f}"
          f"  max {max(per_turn_tokens)}   goal <= {GOAL_TOKENS}: "
          f"{'met' if pct(per_turn_tokens, .95) <= GOAL_TOKENS else 'NOT met'} at p95")
    print(f"    per model request:              p50 {pct(per_request_tokens, .5):.0f}  "
          f"p95 {pct(per_request_tokens, .95):.0f}  max {max(per_request_tokens)}")
    print(f"    fake server's usage.prompt_tokens per turn (message text only): p50 {pct(fake_usage, .5):.0f}  "
          f"p95 {pct(fake_usage, .95):.0f}")
    if summary_tokens:
        amortised = sum(summary_tokens) / n
        print(f"    memory summary calls: {len(summary_tokens)} in {n} turns, p50 {pct(summary_tokens, .5):.0f} tokens "
              f"each, {amortised:.0f} per turn on average; coaching turn + amortised summaries: mean "
              f"{statistics.fmean(per_turn_tokens) + amortised:.0f}")
    print("  agent overhead per turn, excluding model (fake server) time:")
    print(f"    p50 {pct(overhead_ms, .5):.1f} ms  p95 {pct(overhead_ms, .95):.1f} ms  "
          f"(wall time of answer(): p50 {pct(wall_ms, .5):.1f} ms, p95 {pct(wall_ms, .95):.1f} ms)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Bounded model calls: a token budget per call kind, stop sequences, streaming cut at a deadline, one retry on 5xx.

Every attempt, whatever its end (ok, cut at max_tokens, timeout, HTTP error, garbage), leaves a `CallRecord` with
token counts: the server's when it reported them, an estimate otherwise. The agent stores them after the turn.
"""
from __future__ import annotations

import logging
import queue
import re
import threading
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from langchain_core.messages import AIMessage, AIMessageChunk, BaseMessage

log = logging.getLogger("coach.agent")

# completion budgets per call kind: enough for the job, short enough that a looping model stops early
MAX_TOKENS = {"answer": 300, "extract": 256, "reword": 1200, "memory": 120, "probe": 48}
# a model that starts writing the next chat turn has finished its own
STOP = ["<|im_end|>", "<|endoftext|>", "<|im_start|>", "\nUser:", "\nuser:", "\n用户："]
RETRY_BACKOFF_S = 0.5
MIN_CALL_S = 0.25  # no call is started with less time left than this
_CJK = re.compile(r"[\u3000-\u9fff\uff00-\uffef]")


@dataclass
class CallRecord:
    """One model request and how it ended; tokens are the server's unless `estimated`."""

    purpose: str
    outcome: str  # ok | length | timeout | http_5xx | http_4xx | error
    model: str = ""
    prompt_tokens: int = 0
    completion_tokens: int = 0
    estimated: bool = False
    seconds: float = 0.0


@dataclass
class Meter:
    """The records of the calls made for one job (a turn's answer, one extraction, ...)."""

    records: list[CallRecord] = field(default_factory=list)


class CallFailed(Exception):
    """The call produced nothing usable; `outcome` says why (timeout, http_500, error, ...)."""

    def __init__(self, outcome: str) -> None:
        super().__init__(outcome)
        self.outcome = outcome


def estimate_tokens(text: str) -> int:
    """A rough token count: CJK characters count one each, other text one per four characters."""
    cjk = len(_CJK.findall(text))
    return max(1, cjk + (len(text) - cjk) // 4) if text else 0


def _message_text(messages: Sequence[BaseMessage]) -> str:
    return "\n".join(str(m.content) + str(getattr(m, "tool_calls", "") or "") for m in messages)


def _status_of(exc: Exception) -> int | None:
    status = getattr(exc, "status_code", None)
    if status is None:
        status = getattr(getattr(exc, "response", None), "status_code", None)
    return status if isinstance(status, int) else None


def _outcome_of(exc: Exception) -> str:
    name = type(exc).__name__
    if "Timeout" in name or isinstance(exc, TimeoutError):
        return "timeout"
    status = _status_of(exc)
    if status is not None:
        return f"http_{status}"
    return "error"


class Caller:
    """Makes the agent's model calls against one chat model, within deadlines, recording each attempt."""

    def __init__(self, llm: Any, *, timeout_s: float, model_name: str = "") -> None:
        self.llm = llm
        self.timeout_s = float(timeout_s)
        self.model_name = model_name

    def call(self, purpose: str, messages: Sequence[BaseMessage], meter: Meter, *, deadline: float,
             tools: Sequence[Any] | None = None, **bind: Any) -> AIMessage:
        """The model's message, streamed and cut at `deadline` (time.monotonic()); CallFailed when unusable.

        A 5xx answer is retried once after a short backoff if time remains.
        """
        for attempt in range(2):
            try:
                return self._attempt(purpose, messages, meter, deadline=deadline, tools=tools, **bind)
            except CallFailed as exc:
                retry = exc.outcome.startswith("http_5") and attempt == 0
                if not retry or deadline - time.monotonic() < RETRY_BACKOFF_S + MIN_CALL_S:
                    raise
                time.sleep(RETRY_BACKOFF_S)
        raise CallFailed("error")  # pragma: no cover - the loop always returns or raises

    def _runnable(self, purpose: str, tools: Sequence[Any] | None, bind: dict, remaining: float) -> Any:
        # the request timeout bounds each read: a server that sends nothing fails by the deadline
        kwargs = {"max_tokens": MAX_TOKENS.get(purpose, 256), "stop": STOP, "timeout": max(0.5, remaining), **bind}
        if tools:
            return self.llm.bind_tools(list(tools), **kwargs)
        return self.llm.bind(**kwargs)

    def _attempt(self, purpose: str, messages: Sequence[BaseMessage], meter: Meter, *, deadline: float,
                 tools: Sequence[Any] | None, **bind: Any) -> AIMessage:
        started = time.monotonic()
        if deadline - started < MIN_CALL_S:
            raise CallFailed("timeout")  # not sent: nothing to record
        record = CallRecord(purpose=purpose, outcome="ok", model=self.model_name)
        meter.records.append(record)
        acc, finish = None, ""
        try:
            runnable = self._runnable(purpose, tools, bind, deadline - started)
            for chunk in _stream_until(runnable, list(messages), deadline):
                acc = chunk if acc is None else acc + chunk
                finish = (chunk.response_metadata or {}).get("finish_reason") or finish
        except TimeoutError:
            record.outcome = "timeout"
        except Exception as exc:  # noqa: BLE001 - every failure becomes an outcome
            record.outcome = _outcome_of(exc)
        finally:
            record.seconds = time.monotonic() - started
            self._count(record, messages, acc)
        if record.outcome != "ok":
            raise CallFailed(record.outcome)
        if finish == "length":
            record.outcome = "length"
        if acc is None:
            record.outcome = "error"
            raise CallFailed("error")
        return AIMessage(content=acc.content, tool_calls=acc.tool_calls, invalid_tool_calls=acc.invalid_tool_calls,
                         response_metadata={**(acc.response_metadata or {}), "finish_reason": finish})

    def _count(self, record: CallRecord, messages: Sequence[BaseMessage], acc: AIMessageChunk | None) -> None:
        usage = getattr(acc, "usage_metadata", None) or {}
        model = (getattr(acc, "response_metadata", None) or {}).get("model_name")
        if model:
            record.model = str(model)
        if usage.get("input_tokens"):
            record.prompt_tokens = int(usage["input_tokens"])
            record.completion_tokens = int(usage.get("output_tokens") or 0)
            return
        record.estimated = True
        record.prompt_tokens = estimate_tokens(_message_text(messages))
        produced = "" if acc is None else str(acc.content) + str(acc.tool_call_chunks or "")
        record.completion_tokens = estimate_tokens(produced)


def _stream_until(runnable: Any, messages: list[BaseMessage], deadline: float) -> Iterator[AIMessageChunk]:
    """The streamed chunks; TimeoutError at the deadline even while the server sends nothing we can see.

    The HTTP stream is read on a worker thread: at the deadline the caller stops waiting, and the worker closes
    the stream at its next chunk, which makes the server stop generating for us.
    """
    chunks: queue.Queue = queue.Queue()
    cancel = threading.Event()

    def work() -> None:
        stream = None
        try:
            stream = iter(runnable.stream(messages, stream_usage=True))
            for chunk in stream:
                chunks.put(("chunk", chunk))
                if cancel.is_set():
                    break
            chunks.put(("end", None))
        except Exception as exc:  # noqa: BLE001 - handed to the caller
            chunks.put(("error", exc))
        finally:
            if stream is not None and hasattr(stream, "close"):
                stream.close()

    threading.Thread(target=work, name="llm-stream", daemon=True).start()
    while True:
        try:
            kind, item = chunks.get(timeout=max(0.0, deadline - time.monotonic()))
        except queue.Empty:
            cancel.set()
            raise TimeoutError("model call deadline") from None
        if kind == "end":
            return
        if kind == "error":
            raise item
        yield item
        if time.monotonic() > deadline:
            cancel.set()
            raise TimeoutError("model call deadline")


__all__ = ["Caller", "CallFailed", "CallRecord", "Meter", "MAX_TOKENS", "STOP", "estimate_tokens"]

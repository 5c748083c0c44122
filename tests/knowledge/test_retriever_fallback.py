"""Degraded retrieval: Chroma unreachable (a real server, stopped) or embeddings misconfigured → a knowledge question
still gets a passage-based answer through the dialogue (BM25 over the packaged passages), with one warning line
(no traceback, no question text)."""
from __future__ import annotations

import logging
import shutil
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import pytest

from bot.settings import load_settings
from bot.wiring import build
from coach.dialogue import Coach
from knowledge import retriever as retriever_module
from knowledge.index import IndexConfig, ingest
from storage import repos
from tests.conftest import free_port
from tests.factories import make_user

QUESTION = "how many minutes of moderate exercise do adults need each week"
SECOND = "what is the karvonen heart rate reserve formula"
NOT_SURE = "not sure I understood"


def _container(tmp_path: Path, db_url: str, key: str, **knowledge):
    settings = load_settings(fitcoach_data_dir=tmp_path / "data", database_url=db_url, fitcoach_encryption_key=key,
                             chroma_path=tmp_path / "chroma", **knowledge)
    return build(settings)


def _ask(container, question: str) -> str:
    coach = Coach(container)
    with container.session() as s:
        user = repos.users.find_user(s, "tg:5501")
    return coach.kb_answer(user, question).text or ""


def _warnings(caplog) -> list[logging.LogRecord]:
    return [r for r in caplog.records if r.name == "knowledge.retriever" and r.levelno >= logging.WARNING]


def _assert_one_clean_warning(caplog, *questions: str) -> None:
    lines = _warnings(caplog)
    assert len(lines) == 1, [r.getMessage() for r in lines]
    rec = lines[0]
    assert rec.exc_info is None and rec.exc_text is None  # one line, no traceback
    assert "BM25" in rec.getMessage()
    for q in questions:
        assert q not in rec.getMessage() and "karvonen" not in rec.getMessage().lower()


def _passage_answer(text: str) -> None:
    assert NOT_SURE not in text
    assert "Source:" in text and "[kb-" in text


class ChromaServer:
    """A real `chroma run` on a fixed port and data dir, which the test can stop and start again."""

    def __init__(self, path: Path) -> None:
        self.path, self.port = path, free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.proc: subprocess.Popen | None = None

    def start(self) -> None:
        chroma = shutil.which("chroma", path=str(Path(sys.executable).parent))
        self.proc = subprocess.Popen([chroma, "run", "--path", str(self.path / "server"), "--host", "127.0.0.1",
                                      "--port", str(self.port)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.time() + 60
        while True:  # up once an ingest goes through (the embeddings come from the packaged vectors)
            try:
                ingest(IndexConfig(chroma_url=self.url, chroma_path=self.path / "unused"))
                return
            except Exception:
                if time.time() > deadline or self.proc.poll() is not None:
                    self.stop()
                    raise
                time.sleep(0.5)

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            self.proc.wait(timeout=20)


@pytest.fixture
def chroma_server(tmp_path):
    server = ChromaServer(tmp_path)
    server.start()
    yield server
    server.stop()


@pytest.mark.slow
def test_a_stopped_chroma_server_still_answers_from_bm25(tmp_path, db_url, key, chroma_server, caplog, monkeypatch):
    container = _container(tmp_path, db_url, key, chroma_url=chroma_server.url)
    make_user(container, "tg:5501", start=date(2026, 3, 2))
    caplog.set_level(logging.DEBUG)
    _passage_answer(_ask(container, QUESTION))  # vector search while the server runs
    assert container.retriever().degraded is False and _warnings(caplog) == []

    monkeypatch.setattr(retriever_module, "RETRY_S", 1.0)
    chroma_server.stop()
    t0 = time.perf_counter()
    after = _ask(container, QUESTION)
    took = time.perf_counter() - t0
    _passage_answer(after)
    answer = _ask(container, SECOND)
    _passage_answer(answer)
    assert "kb-hrr" in answer
    print(f"\n[fallback] stopped server: first answer after the stop in {took * 1000:.0f} ms")
    assert container.retriever().degraded is True
    _assert_one_clean_warning(caplog, QUESTION, SECOND)

    chroma_server.start()  # the server is back: after RETRY_S the next question uses the vectors again
    time.sleep(1.1)
    _passage_answer(_ask(container, QUESTION))
    assert container.retriever().degraded is False
    assert len(_warnings(caplog)) == 1
    assert any("is back" in r.getMessage() for r in caplog.records if r.name == "knowledge.retriever")


def test_an_unreachable_chroma_url_at_start_answers_from_bm25(tmp_path, db_url, key, caplog):
    caplog.set_level(logging.DEBUG)
    container = _container(tmp_path, db_url, key, chroma_url=f"http://127.0.0.1:{free_port()}")
    make_user(container, "tg:5501", start=date(2026, 3, 2))
    _passage_answer(_ask(container, QUESTION))
    answer = _ask(container, SECOND)
    _passage_answer(answer)
    assert "kb-hrr" in answer
    assert container.retriever().degraded is True
    _assert_one_clean_warning(caplog, QUESTION, SECOND)


@pytest.mark.slow  # the OpenAI client retries the refused connection with backoff (~4 s)
def test_misconfigured_embeddings_answer_from_bm25(tmp_path, db_url, key, caplog, monkeypatch):
    """EMBEDDINGS=openai towards an endpoint that is not there: no vector can be made, the passages still answer."""
    monkeypatch.setenv("OPENAI_API_KEY", "sk-test-not-a-real-key")
    monkeypatch.setenv("OPENAI_BASE_URL", f"http://127.0.0.1:{free_port()}/v1")
    caplog.set_level(logging.DEBUG)
    container = _container(tmp_path, db_url, key, embeddings="openai")
    make_user(container, "tg:5501", start=date(2026, 3, 2))
    _passage_answer(_ask(container, QUESTION))
    _passage_answer(_ask(container, SECOND))
    assert container.retriever().degraded is True
    _assert_one_clean_warning(caplog, QUESTION, SECOND)
    assert "sk-test-not-a-real-key" not in caplog.text


def test_an_unknown_embedder_degrades_instead_of_failing(tmp_path, caplog):
    caplog.set_level(logging.DEBUG)
    r = retriever_module.Retriever(IndexConfig(chroma_path=tmp_path / "chroma", embeddings="no-such-model"))
    hits = r.search(QUESTION, k=3)
    assert r.degraded and hits and hits[0].score >= 0.945  # clear keyword matches pass the answer gate
    assert r.search("lorem ipsum dolor sit amet", k=1) == [] or r.search("lorem ipsum dolor sit amet", k=1)[0].score < 0.945
    _assert_one_clean_warning(caplog, QUESTION)

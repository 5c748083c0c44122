"""The Chroma index: idempotent ingestion, edits and deletions, embedded and server modes, CLI."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from knowledge import corpus
from knowledge.corpus import PASSAGES_DIR, load_passages
from knowledge.index import IndexConfig, ingest, open_collection
from knowledge.retriever import Retriever, detect_language, tokenize
from tests.conftest import free_port

FITCOACH = str(Path(sys.executable).parent / "fitcoach")
SAMPLE = ["kb-who-adults-001", "kb-hrr-001", "kb-knee-001", "kb-who-adults-001-zh"]


@pytest.fixture
def small_corpus(tmp_path) -> Path:
    root = tmp_path / "passages"
    for pid in SAMPLE:
        lang = "zh" if pid.endswith("-zh") else "en"
        (root / lang).mkdir(parents=True, exist_ok=True)
        shutil.copy(PASSAGES_DIR / lang / f"{pid}.md", root / lang / f"{pid}.md")
    return root


def test_ingest_is_idempotent_and_tracks_edits_and_deletions(tmp_path, small_corpus, monkeypatch):
    monkeypatch.setenv("FITCOACH_EMBEDDING_CACHE", str(tmp_path / "cache"))  # a cold cache of its own
    cfg = IndexConfig(chroma_path=tmp_path / "chroma", passages_dir=small_corpus)
    first = ingest(cfg)
    assert sorted(first.added) == sorted(SAMPLE) and not first.updated and not first.removed
    second = ingest(cfg)
    assert second.added == second.updated == second.removed == [] and second.unchanged == 4
    assert second.computed == 0
    # edit one passage: only it is re-embedded
    path = small_corpus / "en" / "kb-hrr-001.md"
    path.write_text(path.read_text(encoding="utf-8").replace("Karvonen", "Karvonen (heart-rate reserve)", 1),
                    encoding="utf-8")
    corpus._load.cache_clear()
    corpus._by_id.cache_clear()
    before = open_collection(cfg).get(ids=["kb-hrr-001"], include=["embeddings"])["embeddings"][0]
    third = ingest(cfg)
    assert third.updated == ["kb-hrr-001"] and third.computed == 1 and not third.added
    after = open_collection(cfg).get(ids=["kb-hrr-001"], include=["embeddings"])["embeddings"][0]
    assert list(before) != list(after)
    # delete one: it disappears from the collection
    (small_corpus / "en" / "kb-knee-001.md").unlink()
    corpus._load.cache_clear()
    fourth = ingest(cfg)
    assert fourth.removed == ["kb-knee-001"]
    ids = open_collection(cfg).get()["ids"]
    assert "kb-knee-001" not in ids and len(ids) == 3


def test_every_passage_is_well_formed():
    passages = load_passages()
    ids = {p.id for p in passages}
    en = [p for p in passages if p.language == "en"]
    zh = [p for p in passages if p.language == "zh"]
    assert len(en) >= 220 and len(zh) >= 70
    for p in en:
        assert 60 <= len(p.text.split()) <= 250, p.id
        assert p.id.startswith("kb-") and p.source
    for p in zh:
        assert p.translation_of in ids, p.id
    plan_tags = [t for p in en for t in p.tags if t.startswith("plan:")]
    assert len(plan_tags) == len(set(plan_tags))  # each decision cites one passage


def test_language_helpers():
    assert detect_language("每周应该运动多少分钟") == "zh"
    assert detect_language("how many minutes") == "en"
    assert "心率" in tokenize("静息心率")


def test_chinese_query_prefers_chinese_passages(tmp_path, small_corpus):
    r = Retriever(IndexConfig(chroma_path=tmp_path / "chroma", passages_dir=small_corpus))
    hits = r.search("成年人每周应该运动多少分钟？", k=2)
    assert hits[0].passage.id == "kb-who-adults-001-zh"
    hits = r.search("how many minutes of exercise a week do adults need", k=2)
    assert hits[0].passage.id == "kb-who-adults-001"
    assert r.search("heart rate", k=5, tags=["plan:injury-knee"])[0].passage.id == "kb-knee-001"


@pytest.mark.slow
def test_works_against_a_real_chroma_server(tmp_path, small_corpus):
    port = free_port()
    chroma = shutil.which("chroma", path=str(Path(sys.executable).parent))
    proc = subprocess.Popen([chroma, "run", "--path", str(tmp_path / "server"), "--host", "127.0.0.1", "--port",
                             str(port)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        cfg = IndexConfig(chroma_url=f"http://127.0.0.1:{port}", passages_dir=small_corpus,
                          chroma_path=tmp_path / "unused")
        deadline = time.time() + 60
        while True:
            try:
                report = ingest(cfg)
                break
            except Exception:
                if time.time() > deadline:
                    raise
                time.sleep(0.5)
        assert len(report.added) == 4
        assert ingest(cfg).added == []
        hits = Retriever(cfg, build=False).search("target heart rate zone karvonen", k=1)
        assert hits[0].passage.id == "kb-hrr-001"
        assert not (tmp_path / "unused").exists() or not any((tmp_path / "unused").iterdir())
    finally:
        proc.terminate()
        proc.wait(timeout=20)


def _cli(*args, cwd):
    return subprocess.run([FITCOACH, *args], capture_output=True, text=True, timeout=300, cwd=cwd,
                          env={**os.environ, "FITCOACH_DATA_DIR": str(cwd)})


@pytest.mark.slow
def test_cli_kb_show_and_search(tmp_path):
    proc = _cli("kb", "show", "kb-nope-999", cwd=tmp_path)
    assert proc.returncode == 1 and "kb-nope-999" in proc.stderr
    proc = _cli("kb", "show", "kb-hrr-001", "--json", cwd=tmp_path)
    assert proc.returncode == 0
    assert json.loads(proc.stdout)["id"] == "kb-hrr-001"
    proc = _cli("kb", "search", "is", "it", "safe", "to", "lift", "with", "high", "blood", "pressure", "-k", "3",
                "--json", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    hits = json.loads(proc.stdout)
    assert len(hits) == 3 and set(hits[0]) >= {"id", "title", "text", "source", "score"}
    assert any("hypertension" in h["id"] or "blood pressure" in h["text"].lower() for h in hits)
    proc = _cli("ingest", cwd=tmp_path)
    assert proc.returncode == 0 and "added 0, updated 0, removed 0" in proc.stdout

"""The Chroma index of the passages: embedded PersistentClient by default, HttpClient with CHROMA_URL."""
from __future__ import annotations

import json
import logging
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import numpy as np

from knowledge.corpus import Passage, load_passages
from knowledge.embeddings import get_embedder

log = logging.getLogger(__name__)


@dataclass
class IndexConfig:
    """Where the index lives and which embedder builds it."""

    chroma_path: Path = Path("./data/chroma")
    chroma_url: str | None = None
    embeddings: str = "local"
    passages_dir: Path | None = None


@dataclass
class IngestReport:
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    unchanged: int = 0
    computed: int = 0  # passages the model embedded (the rest came from the content-hash cache)

    @property
    def embedded(self) -> int:
        return len(self.added) + len(self.updated)

    def summary(self) -> str:
        return (f"added {len(self.added)}, updated {len(self.updated)}, removed {len(self.removed)}, "
                f"unchanged {self.unchanged} (embedded {self.computed})")


def make_client(cfg: IndexConfig) -> Any:
    """A Chroma client for the config (anonymous telemetry off)."""
    # imported here: chromadb takes ~1 s to import and the packaged-vector helpers below never need it
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    chroma_settings = ChromaSettings(anonymized_telemetry=False)
    if cfg.chroma_url:
        u = urlparse(cfg.chroma_url)
        return chromadb.HttpClient(host=u.hostname or "127.0.0.1", port=u.port or (443 if u.scheme == "https" else 8000),
                                   ssl=u.scheme == "https", settings=chroma_settings)
    cfg.chroma_path.mkdir(parents=True, exist_ok=True)
    return chromadb.PersistentClient(path=str(cfg.chroma_path), settings=chroma_settings)


def collection_name(embeddings: str) -> str:
    """One collection per embedding model (their vectors are not comparable)."""
    return "fitcoach-" + get_embedder(embeddings).name


def open_collection(cfg: IndexConfig, client: Any | None = None) -> Any:
    client = client or make_client(cfg)
    # imported here, with chromadb (make_client): importing the index module must not import chromadb
    from knowledge.chroma_function import FitcoachEmbeddingFunction

    return client.get_or_create_collection(
        name=collection_name(cfg.embeddings),
        embedding_function=FitcoachEmbeddingFunction(cfg.embeddings),
        metadata={"hnsw:space": "cosine"},
    )


def _meta(p: Passage) -> dict:
    return {"id": p.id, "title": p.title, "tags": ",".join(p.tags), "source": p.source, "language": p.language,
            "hash": p.content_hash, "base_id": p.base_id}


def ingest(cfg: IndexConfig, collection: Any | None = None, passages: list[Passage] | None = None) -> IngestReport:
    """Bring the collection in line with the passages: embed new/changed ones, drop removed ones."""
    collection = collection if collection is not None else open_collection(cfg)
    passages = passages if passages is not None else load_passages(cfg.passages_dir)
    existing = collection.get(include=["metadatas"])
    have = {i: (m or {}).get("hash") for i, m in zip(existing["ids"], existing["metadatas"] or [])}
    want = {p.id: p for p in passages}
    report = IngestReport()
    todo: list[Passage] = []
    for pid, p in want.items():
        if pid not in have:
            report.added.append(pid)
            todo.append(p)
        elif have[pid] != p.content_hash:
            report.updated.append(pid)
            todo.append(p)
        else:
            report.unchanged += 1
    report.removed = sorted(set(have) - set(want))
    if report.removed:
        collection.delete(ids=report.removed)
    if todo:
        vectors, report.computed = embed_with_cache(cfg, todo)
        for i in range(0, len(todo), 64):
            chunk = todo[i:i + 64]
            collection.upsert(ids=[p.id for p in chunk], embeddings=[vectors[p.content_hash] for p in chunk],
                              documents=[p.text for p in chunk], metadatas=[_meta(p) for p in chunk])
    log.info("knowledge index: %s", report.summary())
    return report


def cache_file(cfg: IndexConfig) -> Path:
    """Embeddings cache keyed by content hash (FITCOACH_EMBEDDING_CACHE dir, else beside the Chroma dir)."""
    root = Path(os.environ.get("FITCOACH_EMBEDDING_CACHE") or cfg.chroma_path.parent / "embedding-cache")
    return root / f"{get_embedder(cfg.embeddings).name}.json"


PACKAGED_CACHE_DIR = Path(__file__).parent / "cache"


def packaged_vectors(name: str) -> dict[str, list[float]]:
    """Vectors shipped with the package for the packaged passages (keyed by content hash)."""
    path = PACKAGED_CACHE_DIR / f"{name}.npz"
    if not path.exists():
        return {}

    with np.load(path) as data:
        return {str(h): v.astype("float32").tolist() for h, v in zip(data["hashes"], data["vectors"])}


def write_packaged_cache(embeddings: str = "local") -> Path:
    """Embed the packaged passages and write knowledge/cache/<model>.npz (run after editing passages)."""

    cfg = IndexConfig(embeddings=embeddings)
    passages = load_passages()
    vectors, _n = embed_with_cache(cfg, passages)
    PACKAGED_CACHE_DIR.mkdir(exist_ok=True)
    path = PACKAGED_CACHE_DIR / f"{get_embedder(embeddings).name}.npz"
    hashes = sorted(vectors)
    np.savez_compressed(path, hashes=np.array(hashes), vectors=np.array([vectors[h] for h in hashes], dtype="float32"))
    return path


def embed_with_cache(cfg: IndexConfig, passages: list[Passage]) -> tuple[dict[str, list[float]], int]:
    """Vectors for the passages; unchanged texts are never embedded twice, even after the index is wiped."""
    path = cache_file(cfg)
    cache: dict[str, list[float]] = {}
    if path.exists():
        try:
            cache = json.loads(path.read_text())
        except (OSError, ValueError):
            cache = {}
    if os.environ.get("FITCOACH_NO_PACKAGED_VECTORS") != "1":
        for h, v in packaged_vectors(get_embedder(cfg.embeddings).name).items():
            cache.setdefault(h, v)
    missing = [p for p in passages if p.content_hash not in cache]
    if missing:
        emb = get_embedder(cfg.embeddings)
        for i in range(0, len(missing), 32):
            chunk = missing[i:i + 32]
            for p, v in zip(chunk, emb.embed_passages([f"{p.title}. {p.text}" for p in chunk])):
                cache[p.content_hash] = [round(float(x), 7) for x in v]
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_text(json.dumps(cache))
        os.replace(tmp, path)
    return {p.content_hash: cache[p.content_hash] for p in passages}, len(missing)


if __name__ == "__main__":  # python -m knowledge.index → refresh the packaged vectors
    print(write_packaged_cache())

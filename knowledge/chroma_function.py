"""The Chroma-side embedding function; its own module so that importing the embedders does not import chromadb."""
from __future__ import annotations

from typing import Any

from chromadb import Documents, EmbeddingFunction, Embeddings
from chromadb.utils.embedding_functions import register_embedding_function

from knowledge.embeddings import get_embedder


@register_embedding_function
class FitcoachEmbeddingFunction(EmbeddingFunction[Documents]):
    """Chroma-side wrapper so a collection records (and can rebuild) the embedder it was built with."""

    def __init__(self, kind: str = "local") -> None:
        self.kind = kind

    def __call__(self, input: Documents) -> Embeddings:
        return list(get_embedder(self.kind).embed_passages(list(input)))

    def embed_query(self, input: Documents) -> Embeddings:
        emb = get_embedder(self.kind)
        return [emb.embed_query(t) for t in input]

    @staticmethod
    def name() -> str:
        return "fitcoach"

    def default_space(self) -> Any:
        return "cosine"

    def get_config(self) -> dict[str, Any]:
        return {"kind": self.kind}

    @staticmethod
    def build_from_config(config: dict[str, Any]) -> "FitcoachEmbeddingFunction":
        return FitcoachEmbeddingFunction(config.get("kind", "local"))

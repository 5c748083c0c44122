"""Knowledge: exercise-science passages, the exercise catalog, the Chroma index and retrieval."""
from __future__ import annotations

from typing import Any


def search(query: str, k: int = 5, language: str | None = None, tags: list[str] | None = None) -> list[Any]:
    """Top-k passages for a query from the default retriever (see knowledge.retriever)."""
    # imported here: the retriever loads the embedding stack and Chroma (~1 s); `import knowledge` stays cheap
    from knowledge.retriever import default_retriever

    return default_retriever().search(query, k=k, language=language, tags=tags)

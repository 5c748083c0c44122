"""A deep copy of plan data (dicts, lists and tuples of plain values): the passes that try a change on a copy of the
weeks and keep it only if the rules still hold (third_set, careful.hold_rests) copied with copy.deepcopy, whose memo
and dispatch made it 60 % of the engine's time (bench/plan_bench.py: p95 138 ms, the goal is 20 ms). marshal copies
such data in C; anything it cannot write (never in a plan) falls back to copy.deepcopy."""
from __future__ import annotations

import copy
import marshal
from typing import Any


def copy_tree(x: Any) -> Any:
    """A copy sharing no dict or list with `x` (strings, numbers, None and bools are immutable)."""
    try:
        return marshal.loads(marshal.dumps(x))
    except ValueError:  # an object marshal does not know
        return copy.deepcopy(x)

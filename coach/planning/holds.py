"""The written dose of a timed drill (`holds`): stretches and mobility drills as holds of 20-30 s or slow rounds
(kb-flexibility-001), balance as stance holds at the block's support stage (kb-balance-001); timed.drill_minutes is
the time one round of it takes (rule 89)."""
from __future__ import annotations

from coach.planning.advice import balance_stage
from coach.planning.context import Context
from knowledge.catalog import Exercise


def hold_text(ctx: Context, e: Exercise, week: int = 1) -> str:
    side = ctx._(" each side") if e.per_side else ""
    if e.kind == "balance":
        stage = balance_stage(ctx, week)
        if e.measure == "reps":
            return ctx._("2-3 rounds of 8-10 slow reps{side}, {stage}", side=side, stage=stage)
        return ctx._("3-4 holds of 20-30 s{side}, {stage}", side=side, stage=stage)
    if e.measure == "reps":
        return ctx._("2 rounds of 8-10 slow reps{side}", side=side)
    return ctx._("2-4 holds of 20-30 s{side}", side=side)

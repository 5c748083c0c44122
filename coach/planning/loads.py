"""Which screening flags ask for moderate loads on every lift (rule 85; the check is coach.planning.bp_loads)."""
from __future__ import annotations

BP_FLAGS = frozenset({"hypertension", "stage2"})


def moderate_loads(flags: set[str] | frozenset[str]) -> bool:
    """Whether the screening asks for moderate loads on every lift (known or measured high blood pressure)."""
    return bool(BP_FLAGS & set(flags))

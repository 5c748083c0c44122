"""The warm-up loads the intent model and freezes the start-up heap: full garbage collections no longer walk the
model, the index and the libraries (~280k objects, 0.2-0.4 s a collection, a pause in whichever turn was running)."""
from __future__ import annotations

import gc

from bot import ops
from coach.intake import intent


def test_the_warm_up_takes_the_start_up_heap_out_of_full_collections(container):
    gc.unfreeze()
    try:
        ops.Warmth(container).start().join(60)
        frozen = gc.get_freeze_count()
        assert frozen > 50_000  # the embedding model, the index and every library loaded so far
        assert len(gc.get_objects()) < frozen / 10  # what a full collection still walks
    finally:
        gc.unfreeze()  # the rest of the test session collects as before


def test_the_warm_up_loads_the_intent_model(container):
    intent.model.cache_clear()
    try:
        ops.Warmth(container).start().join(60)
        assert intent.model.cache_info().currsize == 1  # the first free text does not wait ~300 ms for it
    finally:
        gc.unfreeze()

"""The warm-up freezes the start-up heap: the garbage collector's full collections no longer walk the model, the
index and the libraries (~280k objects, 0.2-0.4 s a collection, a pause in whichever turn was running)."""
from __future__ import annotations

import gc

from bot import ops


def test_the_warm_up_takes_the_start_up_heap_out_of_full_collections(container):
    gc.unfreeze()
    try:
        ops.Warmth(container).start().join(60)
        frozen = gc.get_freeze_count()
        assert frozen > 50_000  # the embedding model, the index and every library loaded so far
        assert len(gc.get_objects()) < frozen / 10  # what a full collection still walks
    finally:
        gc.unfreeze()  # the rest of the test session collects as before

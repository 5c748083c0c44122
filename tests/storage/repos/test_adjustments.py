"""Adjustments keep their rule, change, reason and citations."""
from __future__ import annotations

from storage.repos import adjustments


def test_an_adjustment_reads_back_with_its_reason_and_citations(s, user):
    cites = ["acsm-progression"]
    adjustments.add_adjustment(s, user.id, rule="too_easy", change={"sets": 1}, reason={"en": "easy"},
                               citations=cites, from_plan_id=None, to_plan_id=None)
    cites.append("mutated later")  # the row keeps its own list
    s.commit()
    (row,) = adjustments.adjustments(s, user.id)
    assert (row.rule, row.change, row.reason, row.citations) == ("too_easy", {"sets": 1}, {"en": "easy"},
                                                                 ["acsm-progression"])

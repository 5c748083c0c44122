"""Alerts: stored in order with whether the coach was told."""
from __future__ import annotations

from storage.repos import alerts


def test_alerts_come_in_order(s, user):
    alerts.add_alert(s, user.id, "bp_high", {"bp": [182, 112]}, coach_notified=True)
    alerts.add_alert(s, user.id, "rhr_rise", {"rise": 12})
    assert [(a.kind, a.coach_notified) for a in alerts.alerts(s, user.id)] == [("bp_high", True), ("rhr_rise", False)]

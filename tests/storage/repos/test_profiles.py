"""Profile versions: an update inserts a version, history keeps every one."""
from __future__ import annotations

from storage.repos import profiles


def test_profile_update_keeps_history(s, user):
    assert profiles.current_profile(s, user.id) is None
    profiles.save_profile(s, user.id, {"weight_kg": 75.0}, "onboarding")
    profiles.save_profile(s, user.id, {"weight_kg": 78.0}, "correction: weight_kg")
    s.commit()
    hist = profiles.profile_history(s, user.id)
    assert [p.version for p in hist] == [1, 2]
    assert [p.data["weight_kg"] for p in hist] == [75.0, 78.0]
    assert profiles.current_profile(s, user.id).data["weight_kg"] == 78.0


def test_a_long_reason_is_cut_to_the_column(s, user):
    assert len(profiles.save_profile(s, user.id, {}, "x" * 500).reason) == 200

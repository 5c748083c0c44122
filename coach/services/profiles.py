"""The user's profile: read the current version as a validated profile, store a new version."""
from __future__ import annotations

from sqlmodel import Session

from coach.domain.profile import Profile, ProfileError, validate_profile
from storage.models import User
from storage.repos import profiles

# The profile fields the plan is computed from: a change to one of them re-plans.
PLAN_FIELDS = ("age", "height_cm", "resting_hr", "bp_systolic", "bp_diastolic", "experience", "currently_active",
               "goal", "target_weight_kg", "target_weeks", "days_per_week", "minutes_per_session", "equipment",
               "injuries", "conditions", "symptoms", "preferences")
PLAN_RELEVANT = frozenset(PLAN_FIELDS)


def profile_of(s: Session, user: User) -> Profile | None:
    """The user's current validated profile, or None before onboarding finished."""
    row = profiles.current_profile(s, user.id)
    if row is None or not row.data or not row.data.get("complete"):
        return None
    try:
        return validate_profile(row.data["profile"])
    except ProfileError:
        return None


def profile_dict(s: Session, user: User) -> dict:
    """The current profile's raw fields (also while onboarding is unfinished), or {}."""
    row = profiles.current_profile(s, user.id)
    return dict((row.data or {}).get("profile", {})) if row else {}


def save_profile(s: Session, user: User, data: dict, reason: str) -> Profile:
    """Validate and store a new complete profile version (old versions stay)."""
    prof = validate_profile(data)
    profiles.save_profile(s, user.id, {"complete": True, "profile": prof.to_json()}, reason)
    return prof

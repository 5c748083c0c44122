"""Trained lifters building muscle (goal muscle_gain, intermediate or advanced): weekly volume per muscle group from
kb-hypertrophy-001, compound lifts before isolation work, a loaded carry once a week (rule 45, numbered after
round4's 44).

45 lifters: in each full week with at least 3 resistance sessions of 45 minutes or more, the chest, the back, the
   quadriceps and the hips (glutes, hamstrings) each get >= 10 sets (kb-hypertrophy-001: at least 10 hard sets per
   muscle group a week; compound lifts count for every group they train; not checked with an injury, whose
   exclusions come first); within a session no multi-joint lift comes after single-joint (isolation) work.
"""
from __future__ import annotations

from functools import lru_cache

from coach.domain.limits import HYPERTROPHY_WEEKLY_SETS, OLDER_ADULT_AGE, YOUTH_BELOW_AGE
from coach.domain.profile import Profile
from coach.planning.checks import Bounds, Violation
from coach.planning.context import Context, Slot
from coach.planning.measure import is_resistance, sets_of
from coach.planning.schedule import strength_scheme
from coach.planning.template import RESISTANCE
from coach.safety.screening import Screening
from knowledge.catalog import load_catalog

# single-joint patterns (NSCA / ACSM: multi-joint lifts first, while fresh)
ISOLATION = {"biceps", "triceps", "chest_fly", "rear_delt", "scapular", "calf", "knee_extension", "knee_flexion",
             "hip_abduction", "hip_adduction"}
COMPOUND = {"squat", "lunge", "hinge", "bridge", "horizontal_push", "vertical_push", "horizontal_pull",
            "vertical_pull", "olympic"}
VOLUME_GROUPS = {"chest": {"chest"}, "back": {"back", "lats", "upper_back"}, "quadriceps": {"quads"},
                 "hips": {"glutes", "hamstrings"}}
VOLUME_MIN_SESSIONS, VOLUME_MIN_MINUTES = 3, 45


def is_lifter(p: Profile) -> bool:
    """Trained, active adults under 65 training for muscle."""
    return (p.goal == "muscle_gain" and p.experience in ("intermediate", "advanced") and p.currently_active is not False
            and YOUTH_BELOW_AGE <= p.age < OLDER_ADULT_AGE and "pregnancy" not in p.conditions)


# screening flags that still allow heavy (3-6 repetition) sets: none but a high BMI, which a trained lifter's muscle
# often explains (conditions, medications, injuries and pending clearance keep the hypertrophy ranges)
HEAVY_OK_FLAGS = {"high_bmi"}


def heavy_lifter(p: Profile, s: Screening) -> bool:
    """A lifter whose main lift rotates through heavy days (coach.planning.heavy): trained, 18-64, active, with no
    condition, injury, medication, pregnancy or clearance pending (ACSM 2009 progression models, kb-periodisation-004)."""
    return (is_lifter(p) and not p.conditions and not p.injuries and not p.medications and not p.symptoms
            and not s.clearance_required and not (s.flags - HEAVY_OK_FLAGS))


@lru_cache(maxsize=1)
def ISOLATION_IDS() -> frozenset[str]:  # noqa: N802 - a constant, read once from the catalog
    """Catalog ids of single-joint exercises (sessions put a lifter's kept lifts multi-joint first)."""
    return frozenset(e.id for e in load_catalog().values() if e.pattern in ISOLATION)


@lru_cache(maxsize=1)
def JUMP_IDS() -> frozenset[str]:  # noqa: N802 - a constant, read once from the catalog
    """Catalog ids of plyometric (jump and landing) exercises: done first after the warm-up, while fresh."""
    return frozenset(e.id for e in load_catalog().values() if e.pattern == "jump")


def session_order(entries: list[dict], lifter: bool) -> list[dict]:
    """A session's resistance exercises in doing order: jumps and landings first (plyometrics while fresh, before
    other strength work), then for lifters multi-joint lifts before isolation work (rule 45); otherwise as picked."""
    return sorted(entries, key=lambda x: (x["id"] not in JUMP_IDS(), lifter and x["id"] in ISOLATION_IDS()))


def _order(s: dict, wn: object) -> list[Violation]:
    cat = load_catalog()
    seen_isolation = None
    for e in s.get("exercises") or []:
        x = cat.get(str(e.get("id")))
        if x is None or not sets_of(e):
            continue
        if x.pattern in ISOLATION and seen_isolation is None:
            seen_isolation = e.get("name")
        elif x.pattern in COMPOUND and seen_isolation:
            return [Violation(45, f"week {wn} day {s.get('day')}: {e.get('name')} (multi-joint) after "
                                  f"{seen_isolation} (isolation)")]
    return []


def check_lifters(weeks: list[dict], b: Bounds) -> list[Violation]:
    """Rule 45."""
    if not is_lifter(b.profile) or b.pending or b.restricted:
        return []
    v: list[Violation] = []
    for w in weeks:
        sessions = [s for s in w.get("sessions") or [] if is_resistance(s)]
        for s in sessions:
            v += _order(s, w.get("week"))
        long = [s for s in sessions if int(s.get("minutes") or 0) >= VOLUME_MIN_MINUTES]
        if w.get("deload") or len(long) < VOLUME_MIN_SESSIONS or b.profile.injuries:
            continue
        for name, groups in VOLUME_GROUPS.items():
            n = sum(sets_of(e) for s in sessions for e in s.get("exercises") or []
                    if set(e.get("muscle_groups") or []) & groups)
            if n < HYPERTROPHY_WEEKLY_SETS:
                v.append(Violation(45, f"week {w.get('week')}: {n} sets for the {name} < {HYPERTROPHY_WEEKLY_SETS} "
                                       f"(kb-hypertrophy-001)"))
    return v


MAJOR_GROUPS = {"chest": {"chest"}, "back": {"back", "lats", "upper_back"}, "shoulders": {"shoulders"},
                "quads": {"quads"}, "hips": {"glutes", "hamstrings"}}


def hypertrophy_volume(ctx: Context, slots: list[Slot]) -> None:
    """Muscle gain: add sets (up to 5 an exercise) until each major group gets >= 10 a week (kb-hypertrophy-001)."""
    if ctx.p.goal != "muscle_gain":
        return
    base = max(strength_scheme(ctx)["sets"])
    # the main movements only: a session short of time drops the others first (sessions._strength_block)
    items = [it for s in slots if s.kind in RESISTANCE for it in s.exercises[:ctx.main_count]]
    for groups in MAJOR_GROUPS.values():
        hitting = [it for it in items if set(it["_ex"].muscle_groups) & groups]
        while hitting and sum(base + it["extra"] for it in hitting) < HYPERTROPHY_WEEKLY_SETS:
            it = min(hitting, key=lambda x: x["extra"])
            if base + it["extra"] >= (3 if ctx.youth else 5):  # teenagers stay at 1-3 sets (NSCA / Lloyd 2014)
                break
            it["extra"] += 1

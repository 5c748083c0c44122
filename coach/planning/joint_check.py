"""Rule 86 (review 13; kb-joint-replacement-001): a plan whose profile has a joint replacement has intensity at most
moderate, no running, jumping or other high-impact exercise, cites the passage, and has range-of-motion work for the
replaced joint every week and on every mobility day (coach.planning.joint_replacement builds it so)."""
from __future__ import annotations

from coach.domain.profile import Profile
from coach.planning.checks import Violation
from coach.planning.joint_replacement import PASSAGE, RULE, impact, joints, rom_for


def check_joint_replacement(plan: dict, weeks: list[dict], p: Profile) -> list[Violation]:
    """Rule 86: with a joint replacement, intensity at most moderate, no running or jumping, the passage cited, and
    the replaced joint's range-of-motion work in every week (on every mobility day)."""
    if not joints(p) or (plan.get("safety") or {}).get("hard_stop"):
        return []
    v = []
    if (plan.get("safety") or {}).get("intensity_cap") == "vigorous":
        v.append(Violation(RULE, "a joint replacement with a vigorous intensity cap"))
    if not any(str(c.get("id", "")).startswith(PASSAGE) for c in plan.get("citations") or []):
        v.append(Violation(RULE, f"a joint replacement without {PASSAGE} cited"))
    rom = set(rom_for(p))
    for w in weeks:
        sessions = w.get("sessions") or []
        for s in sessions:
            where = f"week {w.get('week')} day {s.get('day')}"
            if (s.get("intensity") or {}).get("label") == "vigorous":
                v.append(Violation(RULE, f"{where}: vigorous with a joint replacement"))
            v += [Violation(RULE, f"{where}: {e.get('id')} (running or jumping) with a joint replacement")
                  for e in s.get("exercises") or [] if impact(e)]
            if rom and s.get("kind") == "mobility" and not rom & _ids(s):
                v.append(Violation(RULE, f"{where}: a mobility day without the replaced joint's range-of-motion work"))
        if rom and sessions and not any(rom & _ids(s) for s in sessions):
            v.append(Violation(RULE, f"week {w.get('week')}: no range-of-motion work for the replaced joint"))
    return v


def _ids(s: dict) -> set[str]:
    return {str(e.get("id")) for e in s.get("exercises") or []}

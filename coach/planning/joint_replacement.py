"""A joint replacement in the plan (review 13; rule 86; kb-joint-replacement-001: AAOS OrthoInfo, NHS, Healy et al.
2008): low-impact activity only, so no running, jogging, jumping, hopping, bounding or other high-impact exercise
(Context.allowed through stance.written_in_ok), range-of-motion work for the replaced joint first on the mobility days
(Picker.mobility); the check (intensity at most moderate, none of those exercises, the passage cited) is
coach.planning.joint_check.

The range-of-motion drills are the ones the passage names for a knee (bending and straightening it: heel slides,
holding the leg straight) and the usual early ones for a hip (heel slides, sliding the leg out) and a shoulder
(pendulum swings, table slides); they are kept for these profiles so other plans' mobility days do not change."""
from __future__ import annotations

import re
from typing import Any

from coach.domain.profile import Profile
from coach.domain.written_in_more import JOINT_REPLACEMENTS
from knowledge.catalog import Exercise

PASSAGE = "kb-joint-replacement-001"
RULE = 86
ROM = {"knee_replacement": ("heel_slide", "seated_knee_straightening_hold"),
       "hip_replacement": ("heel_slide", "lying_leg_slide_out"),
       "shoulder_replacement": ("arm_pendulum", "seated_table_slide")}
ROM_ONLY = frozenset(x for ids in ROM.values() for x in ids)
# what the passage advises against with a new joint: running, jogging, jumping and high-impact sport
IMPACT = re.compile(r"\brun|_run|jog|sprint|jump|(?<![a-z])hop|skip|bound|plyo|burpee|skater|high.knees|butt.kicks",
                    re.I)


def joints(p: Profile) -> list[str]:
    return [c for c in p.conditions if c in JOINT_REPLACEMENTS]


def rom_for(p: Profile) -> tuple[str, ...]:
    """The range-of-motion drills for the profile's replaced joints, in order, once each."""
    return tuple(dict.fromkeys(x for c in joints(p) for x in ROM.get(c, ())))


def impact(e: Any) -> bool:
    """Running, jumping or other high-impact work (a catalog exercise or a plan's exercise dict)."""
    if isinstance(e, Exercise):
        return e.impact == "high" or e.pattern == "jump" or bool(IMPACT.search(f"{e.id} {e.name.en}"))
    return bool(IMPACT.search(f"{e.get('id') or ''} {e.get('name') or ''}"))


def joint_ok(e: Exercise, p: Profile) -> bool:
    """No impact work with a joint replacement; its range-of-motion drills only for the joints replaced."""
    if e.id in ROM_ONLY:
        return e.id in rom_for(p)
    return not (joints(p) and impact(e))


def rom_first(e: Exercise, p: Profile) -> int:
    """0 for the replaced joint's range-of-motion drills (picked first on a mobility day), else 1."""
    return 0 if e.id in ROM_ONLY and e.id in rom_for(p) else 1

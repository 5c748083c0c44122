"""Exercises the written-in conditions leave out (review 11; the planner's Context.allowed and rule 77 read these):
pelvic girdle pain keeps a two-footed, narrow stance (kb-pregnancy-009); Osgood-Schlatter spares the tendon below the
kneecap (kb-osgood-001)."""
from __future__ import annotations

import re
from typing import Any

from coach.domain.profile import Profile
from coach.planning.joint_replacement import joint_ok
from knowledge.catalog import Exercise

# one leg, split stance or legs apart: the pelvic girdle's aggravators (kb-pregnancy-009)
PGP_AVOID = re.compile(r"lunge|split|step.?up|single.?leg|one.?leg|bulgarian|pistol|lateral.squat|cossack|curtsy|"
                       r"sumo|wide.(stance|squat|leg)|skater|straddle", re.I)
# what pulls on the tibial tubercle: step-ups, lunges, deep split stances, kneeling and jumping (kb-osgood-001)
OSGOOD_AVOID = re.compile(r"step.?up|lunge|split|bulgarian|pistol|kneel|jump|(?<![a-z])hop|bound|skip|plyo|burpee", re.I)


def exercise_text(e: Any) -> str:
    name = e.name.en if isinstance(e, Exercise) else str(e.get("name") or "")
    ident = e.id if isinstance(e, Exercise) else str(e.get("id") or "")
    return f"{ident} {name}"


def written_in_ok(e: Exercise, p: Profile) -> bool:
    """Whether an exercise suits the written-in conditions (the planner's exclusion, Context.allowed)."""
    conditions = set(p.conditions)
    if "pelvic_girdle_pain" in conditions and (e.region == "lower" and (e.per_side or e.pattern == "lunge")
                                               or PGP_AVOID.search(exercise_text(e))):
        return False
    if "osgood_schlatter" in conditions and (e.pattern == "jump" or e.impact == "high"
                                             or OSGOOD_AVOID.search(exercise_text(e))):
        return False
    return joint_ok(e, p)  # a joint replacement: no running or jumping (kb-joint-replacement-001, rule 86)

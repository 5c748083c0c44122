"""Who rides a stationary bike only (PLAN_RULES 42, review 11): a fall or a knock on the road costs these people
more, or a road ride cannot keep to their limits.

- pregnancy (kb-pregnancy-006: a stationary bike rather than cycling outdoors);
  (an anticoagulant alone is not a reason: kb-anticoagulants-001, NHS: non-contact activities such as running and
  cycling can be done, wearing a cycle helmet; atrial fibrillation alone neither, kb-afib-001)
- frailty, a fall in the last year, a walking aid, or 80 and over (kb-falls-001; the chair-based template's people);
- two antiplatelet medicines together (dual antiplatelet therapy after a stent or a heart attack; kb-antiplatelets-001:
  knocks and falls cost more);
- a doctor's heart-rate ceiling (kb-clearance-001: the doctor's limits come first; hills and traffic on a road make a
  ceiling hard to hold, a stationary bike keeps the effort steady).

Every text of such a plan (reasons, walk options, notes) says a stationary bike, never the road (the validator reads
the same predicate).
"""
from __future__ import annotations

import re

from coach.domain.profile import Profile
from coach.domain.vocab import FRAILTY_CONDITIONS, drug_class
from coach.safety.doctor_limits import hr_ceiling

FRAIL_AGE = 80  # as coach.planning.context.FRAIL_AGE: the chair-based template from this age
DAPT_WORDS = re.compile(r"\bdapt\b|dual.?antiplatelet|双联抗血小板", re.I)


def antiplatelet_drugs(p: Profile) -> set[str]:
    """The antiplatelet medicines named in the profile (the class code itself not counted)."""
    return {m.lower() for m in p.medications if m != "antiplatelet" and drug_class(m) == "antiplatelet"}


def dual_antiplatelet(p: Profile) -> bool:
    """Two antiplatelet medicines together (e.g. ticagrelor with low-dose aspirin), or dual therapy named as such."""
    named = " ".join(p.medications + p.conditions)
    return len(antiplatelet_drugs(p)) >= 2 or bool(DAPT_WORDS.search(named.replace("_", " ")))


def doctor_hr_ceiling(p: Profile) -> int | None:
    """A heart-rate ceiling in the doctor's clearance limits, if any."""
    return hr_ceiling(p.clearance.limits) if p.clearance is not None else None


def indoor_cycling_only(p: Profile) -> bool:
    """Whether this person's cycling is a stationary bike only (no road or outdoor rides, in sessions or text)."""
    conds = set(p.conditions)
    return ("pregnancy" in conds or p.age >= FRAIL_AGE or bool(conds & set(FRAILTY_CONDITIONS)) or dual_antiplatelet(p)
            or doctor_hr_ceiling(p) is not None)


# a ride on the road or outdoors, as an exercise id or name reads (the stationary bike is not one)
OUTDOOR_RIDE = re.compile(r"outdoor.bike|road.(bike|cycl)|mountain.bik|bmx|outdoor.cycl", re.I)

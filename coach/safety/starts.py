"""Who starts carefully, and for how long (independent physician review 7, hard errors 1 and 2).

- Known heart disease (a heart attack, a stent, bypass, angina, heart failure...) without a recorded clearance keeps
  to light activity with a cardiac-rehabilitation referral, active or not: kb-cardiac-rehab-001 says "until you start
  [rehab], keep to light activity ... as your doctor allows"; a cardiologist's clearance (the profile's `clearance`,
  /cleared, or "cleared by cardiologist" in the condition) moves the plan to moderate within their limits, built up
  gradually (coach.safety.screening._needs_clearance, the "cleared" flag).
- People who start inactive with a higher-risk marker (60 or older, a BMI of 35 or more, a chronic condition, or a
  finding that needs a doctor's clearance) stay light-to-moderate for the whole 12-week plan: ACSM (kb-beginner-001)
  moves previously inactive people to vigorous effort only after months of regular moderate exercise.
"""
from __future__ import annotations

from typing import Any

from coach.domain.limits import HIGH_BMI, YOUTH_BELOW_AGE
from coach.domain.profile import Profile
from coach.domain.vocab import POSTPARTUM_CONDITIONS
from coach.i18n import N_

CAREFUL_AGE = 60  # from this age an inactive start stays light-to-moderate for the plan's 12 weeks
NOT_CHRONIC = ("pregnancy",) + POSTPARTUM_CONDITIONS  # their own rules cap them; not a chronic condition
HEART_ACTIVE = N_("Known heart disease: until your cardiologist has cleared you to exercise (or you have started "
                  "cardiac rehabilitation), keep to light activity such as easy walking; once cleared, the plan moves "
                  "to moderate effort within their limits and builds up gradually.")


def risk_markers(p: Profile, s: Any) -> list[str]:
    """The higher-risk markers of an inactive adult (empty for an active person, a teenager or under a hard stop)."""
    if p.currently_active is True or p.age < YOUTH_BELOW_AGE or "hard_stop" in s.flags:
        return []
    out = []
    if p.age >= CAREFUL_AGE:
        out.append("age")
    if p.bmi >= HIGH_BMI:
        out.append("bmi")
    if [c for c in p.conditions if c not in NOT_CHRONIC]:
        out.append("condition")
    if s.clearance_required or s.cleared_after:
        out.append("clearance")
    return out


def careful_start(p: Profile, s: Any, _: Any) -> None:
    """Inactive with a higher-risk marker: nothing above moderate for the whole plan (kb-beginner-001)."""
    if not risk_markers(p, s):
        return
    s.cap("moderate", _("You are starting from little regular exercise and {why}: this 12-week plan stays light to "
                        "moderate. Vigorous effort comes, if at all, only after several months of regular moderate "
                        "exercise, one step at a time.", why=_why(p, s, _)), flag="careful_start",
          tag="plan:beginner-start")


def _why(p: Profile, s: Any, _: Any) -> str:
    parts = []
    marks = risk_markers(p, s)
    if "age" in marks:
        parts.append(_("are {age}", age=p.age))
    if "bmi" in marks:
        parts.append(_("have a BMI of {bmi}", bmi=f"{p.bmi:.0f}"))
    if "condition" in marks:
        parts.append(_("have a long-term condition"))
    if "clearance" in marks:
        parts.append(_("need a doctor's clearance"))
    return _(" and ").join(parts) if len(parts) < 3 else ", ".join(parts[:-1]) + _(" and ") + parts[-1]

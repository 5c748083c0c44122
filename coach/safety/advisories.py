"""Screening advice that needs no cap of its own: a treated blood pressure still above goal, atrial fibrillation's
cardiologist check, back pain's red flags, and what a restricted weight goal means for fuelling (run by
coach.safety.screening.screen after the rules that set caps)."""
from __future__ import annotations

from typing import Any

from coach.domain.limits import BP_STAGE2, bp_reaches
from coach.domain.profile import Profile
from coach.i18n import N_

# conditions that add a reason and a citation but no intensity cap
ADVISORY_CONDITIONS = (
    ("asthma", "plan:asthma", N_("With asthma: warm up gradually and keep your reliever inhaler with you.")),
    ("osteoporosis", "plan:osteoporosis", N_("With osteoporosis: no high-impact jumps or loaded spinal twisting "
     "and bending; strength and balance work are encouraged.")),
    ("osteoarthritis", "plan:osteoarthritis", N_("With osteoarthritis: low-impact activity; some discomfort is "
     "acceptable if it settles within a day.")),
)


def _bp(p: Profile) -> str:
    return f"{p.bp_systolic}/{p.bp_diastolic} mmHg"


def blood_pressure_above_goal(p: Profile, s: Any, _: Any) -> None:
    """Diagnosed hypertension with a reading still at or above 140/90 (below the clearance level): say so, and what
    to do before each session (kb-hypertension-001, kb-bp-001)."""
    if "hypertension" not in p.conditions or not bp_reaches(p.bp_systolic, p.bp_diastolic, BP_STAGE2):
        return
    if s.flags & {"red_flag", "stage2", "hard_stop"}:
        return
    s.alert(_("Your blood pressure {bp} is above the treatment goal: tell your doctor at your next "
              "visit. Measure it before sessions; skip training and call your doctor if it is 160/100 or higher.",
              bp=_bp(p)), "plan:hypertension")


def heart_rhythm(p: Profile, s: Any, _: Any) -> None:
    """Atrial fibrillation and pacemakers/ICDs: the cardiologist agrees the start and every step-up (kb-afib-001,
    kb-pacemaker-001)."""
    if "atrial_fibrillation" in p.conditions:
        s.reason(_("With atrial fibrillation: check with your cardiologist before starting or stepping up training, "
                   "especially if your rhythm or rate is not yet controlled or your medicines change."), "plan:afib")
    if "pacemaker" in p.conditions:
        s.reason(_("With a pacemaker or ICD: check with your cardiologist or device clinic before starting, and ask "
                   "for any heart-rate limit set on your device."), "plan:pacemaker")


def back_red_flags(p: Profile, s: Any, _: Any) -> None:
    """Low-back pain: the red flags that mean no training and a doctor first (kb-lower-back-002)."""
    if "lower_back" not in p.injuries or "hard_stop" in s.flags:
        return
    s.alert(_("Back pain red flags: new trouble passing urine or controlling bladder or bowel, numbness around the "
              "genitals or buttocks, or leg weakness getting worse: go to an emergency department now. Back pain with "
              "fever, after a fall or injury, with unexplained weight loss or a history of cancer, or constant pain "
              "worse at night: do not start this plan, see a doctor first."), "plan:back-red-flags")


def run_all(p: Profile, s: Any, _: Any) -> None:
    for rule in (blood_pressure_above_goal, heart_rhythm, back_red_flags):
        rule(p, s, _)

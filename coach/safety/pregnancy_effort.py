"""How hard an active pregnant woman may train (rule 90; physician review 13).

kb-pregnancy-001 (WHO 2020, ACOG CO 804 2020): "Women who were regularly active or doing vigorous exercise before
pregnancy can generally continue"; kb-pregnancy-006: "Women who exercised vigorously before can usually continue after
discussing it with their provider"; kb-pregnancy-005: running and strength training stay for women who did them
before, comfort guiding pace and load.

The profile cannot say how hard she trained before pregnancy; a trained person (intermediate or advanced experience)
who is active now is read as having trained vigorously. The provider's agreement is the recorded clearance
(`profile.clearance`, the /cleared flow). So:

- active, trained, cleared by her provider, no pregnancy warning sign or contraindication: no moderate cap from the
  pregnancy (the plan's one harder run a week is judged by RPE and the talk test, coach.planning.antenatal_plan);
- active and trained but not (yet) cleared: moderate, and the plan says how vigorous work comes back (/cleared);
- everyone else active: moderate, as before; inactive: build up gradually at moderate at most.
"""
from __future__ import annotations

from typing import Any

from coach.domain.profile import Profile
from coach.domain.vocab import PREGNANCY_CONTRAINDICATIONS, PREGNANCY_WARNING_SYMPTOMS

TRAINED = ("intermediate", "advanced")


def trained_active(p: Profile) -> bool:
    """Active now with training experience: read as exercising vigorously before pregnancy (kb-pregnancy-001)."""
    return p.currently_active is True and p.experience in TRAINED


def vigorous_agreed(p: Profile) -> bool:
    """Pregnant, trained and active, with the provider's agreement recorded and nothing that argues against it."""
    return ("pregnancy" in p.conditions and trained_active(p) and p.cleared
            and not set(p.symptoms) & set(PREGNANCY_WARNING_SYMPTOMS)
            and not set(p.conditions) & set(PREGNANCY_CONTRAINDICATIONS))


def pregnancy_effort(p: Profile, s: Any, _: Any) -> None:
    """The pregnancy's effort cap and its reason in the screening `s` (coach.safety.screening.Screening)."""
    if p.currently_active is not True:
        s.cap("moderate", _("Pregnant and not currently active: build up gradually at moderate intensity at most."),
              flag="pregnancy", tag="plan:pregnancy")
    elif vigorous_agreed(p) and "red_flag" not in s.flags and not s.clearance_required:
        s.flags.add("pregnancy")
        s.flags.add("pregnancy_vigorous")
        s.reason(_("Your obstetric provider has agreed: if you were doing vigorous exercise before pregnancy, "
                   "vigorous effort may continue, judged by feel (RPE 7-8, where you can say only a few words at a "
                   "time). A runner's plan has one harder run a week, the rest at a moderate effort you can talk "
                   "through. If you were not, keep that run moderate too. No harder than before pregnancy; ease off "
                   "whenever it feels uncomfortable."), "plan:pregnancy")
    elif trained_active(p):
        s.cap("moderate", _("Pregnant and already active: continue at a moderate effort (you can still talk). If "
                            "you were doing vigorous exercise before pregnancy, it can generally continue with your "
                            "obstetric provider's agreement. When they agree, send /cleared (with any limits they "
                            "give) and the plan is rebuilt with harder efforts allowed, judged by feel."),
              flag="pregnancy", tag="plan:pregnancy")
    else:  # ACOG 2020: regularly active women can continue, at an effort they can talk through
        s.cap("moderate", _("Pregnant and already active: continue at a moderate effort (you can still talk) with "
                            "your obstetric provider's agreement."), flag="pregnancy", tag="plan:pregnancy")

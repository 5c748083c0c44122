"""After giving birth (kb-postpartum-001: ACOG CO 804 2020, Goom/Donnelly/Brockwell 2019, UK CMO 2019).

Postpartum, a caesarean or diastasis recti: moderate at most; the postnatal check (6-8 weeks) before more than
walking and pelvic-floor work; daily pelvic-floor training; no running or impact before about 12 weeks and a
pelvic-floor check; after a caesarean, loads agreed with a health professional; with diastasis, breathing and deep
tummy work instead of crunches, sit-ups, full or side planks and Pallof presses.
"""
from __future__ import annotations

from typing import Any

from coach.domain.profile import Profile
from coach.domain.vocab import POSTPARTUM_CONDITIONS

TAG = "plan:postpartum"
DIASTASIS_TAG = "plan:diastasis"  # kb-diastasis-001 (review 12: diastasis advice cites its own passage)
WEEKS_TAG = "plan:postpartum-weeks"  # kb-postpartum-002: the phases by weeks since the birth, the load tests


def postpartum(p: Profile, s: Any, _: Any) -> None:
    """The postpartum rules: sets flags postpartum (and caesarean, diastasis) for the planner."""
    conditions = set(p.conditions)
    if not conditions & set(POSTPARTUM_CONDITIONS) or "pregnancy" in conditions:
        return
    s.flags.add("postpartum")
    if "hard_stop" in s.flags:
        return
    s.cap("moderate", _("After giving birth: moderate effort at most, building up gradually. Have your postnatal "
                        "check (usually 6-8 weeks after birth) before doing more than walking and pelvic floor "
                        "exercises."), flag="postpartum", tag=TAG)
    if p.weeks_since_birth is not None:
        s.reason(_("About {n} weeks after the birth, the plan follows the weeks since the birth: walks, the pelvic "
                   "floor and gentle moves until week 6, light-to-moderate strength (RPE 4-5) from the postnatal check "
                   "to week 12, then moderate.", n=p.weeks_since_birth), WEEKS_TAG)
    else:
        s.reason(_("Tell us how many weeks ago you gave birth, and the plan will follow the weeks since the "
                   "birth."), TAG)
    s.reason(_("Pelvic floor exercises every day, and no running, jumping or other impact until about 12 weeks after "
               "birth and a pelvic floor check (ideally by a women's health physiotherapist)."), TAG)
    if "caesarean" in conditions:
        s.flags.add("caesarean")
        s.reason(_("After a caesarean: agree the loads you lift with your doctor, midwife or physiotherapist, and "
                   "build up only as the wound and your tummy allow."), TAG)
    if "diastasis_recti" in conditions:
        s.flags.add("diastasis")
        s.reason(_("Tummy muscle separation (diastasis recti): start with breathing and deep tummy work (gentle "
                   "bracing, heel slides, dead-bug steps); no crunches, sit-ups, full planks or Pallof presses, and "
                   "side planks only on your knees, when the plan's tummy steps bring them and your midline stays "
                   "flat. Stop anything that makes your tummy dome or bulge."), DIASTASIS_TAG)
    s.alert(_("After giving birth, stop and seek advice for heavy bleeding, redness or discharge from a wound, leaking "
              "or heaviness in the pelvis that gets worse, calf pain or swelling, or chest pain."), TAG)

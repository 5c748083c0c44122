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
    s.reason(_("Pelvic floor exercises every day, and no running, jumping or other impact until about 12 weeks after "
               "birth and a pelvic floor check (ideally by a women's health physiotherapist)."), TAG)
    if "caesarean" in conditions:
        s.flags.add("caesarean")
        s.reason(_("After a caesarean: agree the loads you lift with your doctor, midwife or physiotherapist, and "
                   "build up only as the wound and your tummy allow."), TAG)
    if "diastasis_recti" in conditions:
        s.flags.add("diastasis")
        s.reason(_("Tummy muscle separation (diastasis recti): start with breathing and deep tummy work (gentle "
                   "bracing, heel slides, dead-bug steps); no crunches, sit-ups, full or side planks or Pallof "
                   "presses for now. Stop anything that makes your tummy dome or bulge."), TAG)
    s.alert(_("After giving birth, stop and seek advice for heavy bleeding, redness or discharge from a wound, leaking "
              "or heaviness in the pelvis that gets worse, calf pain or swelling, or chest pain."), TAG)

"""Rules 47-48: pregnancy plans carry what kb-pregnancy-006 says changes through the trimesters (numbered after 46).

47 pregnancy (not under a hard stop or while clearance is pending): every session says to avoid heat and to drink,
   and gives the daily pelvic-floor squeezes; after the first trimester (or with the trimester unknown) nothing
   lying on the back; in the third trimester every session's effort tops out at RPE 5 (below the moderate 5-6 of the
   second: "reduce intensity as comfort requires"), and no loaded hinges or bent-over / swing-type pulls.
48 after birth (coach/planning/postnatal.py): no impact; with diastasis no planks, crunches or Pallof presses (save the
   core ladder's own steps in their weeks, coach/planning/postnatal_core.py); the pelvic floor in every session; RPE 6
   at most.
"""
from __future__ import annotations

import re

from coach.planning.checks import Bounds, Violation
from coach.planning.context import late_pregnancy_avoid
from coach.planning.measure import top_rpe
from coach.planning.postnatal import TOP_RPE as POSTNATAL_TOP_RPE, postnatal_ok
from coach.planning.postnatal_core import ladder_step_ok
from knowledge.catalog import load_catalog

HEAT = re.compile(r"\bheat\b|炎热|高温", re.I)
PELVIC = re.compile(r"pelvic floor|盆底", re.I)
THIRD_TRIMESTER_TOP_RPE = 5


def check_antenatal(weeks: list[dict], b: Bounds) -> list[Violation]:
    """Rule 47."""
    p = b.profile
    if "pregnancy" not in p.conditions or b.pending or b.restricted:
        return check_postnatal(weeks, b)  # rule 48, after birth
    cat = load_catalog()
    v = []
    for w in weeks:
        for s in w.get("sessions") or []:
            where = f"week {w.get('week')} day {s.get('day')}"
            notes = str(s.get("notes") or "")
            if not HEAT.search(notes) or not PELVIC.search(notes):
                v.append(Violation(47, f"{where}: no heat/drinks or pelvic-floor note in pregnancy"))
            if p.pregnancy_trimester == 3 and top_rpe(s) > THIRD_TRIMESTER_TOP_RPE:
                v.append(Violation(47, f"{where}: RPE {top_rpe(s):g} in the third trimester (eased to 4-5)"))
            if p.pregnancy_trimester == 3:
                v += [Violation(47, f"{where}: {e.get('name')}, a loaded hinge or bent-over pull, in the third trimester")
                      for e in s.get("exercises") or [] if e.get("id") in cat and late_pregnancy_avoid(cat[e["id"]])]
            if p.pregnancy_trimester != 1:
                v += [Violation(47, f"{where}: {e.get('name')} lies on the back after the first trimester")
                      for e in s.get("exercises") or [] if getattr(cat.get(str(e.get("id"))), "lying", None) == "supine"]
    return v


def check_postnatal(weeks: list[dict], b: Bounds) -> list[Violation]:
    """Rule 48 (kb-postpartum-001): no impact, no diastasis-unsafe trunk work, the pelvic floor in every session,
    moderate at most."""
    flags = b.screening.flags
    if "postpartum" not in flags or "hard_stop" in flags:
        return []
    cat, v = load_catalog(), []
    for w in weeks:
        for s in w.get("sessions") or []:
            where = f"week {w.get('week')} day {s.get('day')}"
            if not PELVIC.search(str(s.get("notes") or "")):
                v.append(Violation(48, f"{where}: no pelvic-floor note after birth"))
            if top_rpe(s) > POSTNATAL_TOP_RPE:
                v.append(Violation(48, f"{where}: RPE {top_rpe(s):g} after birth (moderate at most)"))
            v += [Violation(48, f"{where}: {e.get('name')} is not for the months after birth")
                  for e in s.get("exercises") or [] if e.get("id") in cat and not postnatal_ok(cat[e["id"]], flags)
                  and not ladder_step_ok(str(e["id"]), b.profile, int(w.get("week") or 0))]
    return v

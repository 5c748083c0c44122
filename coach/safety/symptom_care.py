"""What to do about the red-flag symptoms a person named (physician review 15): a hard stop's emergency signs and
its alert built from the symptoms present, not from chest pain alone.

Sources: kb-warning-signs-001 (Riebe et al. 2015; Thompson et al. 2007 AHA/ACSM: stop, and call the emergency number
if symptoms are severe or do not settle within a few minutes of rest: fainting, sudden dizziness, severe
breathlessness or breathlessness that does not ease with rest, a racing or irregular heartbeat, sudden weakness or
numbness, confusion, slurred speech); kb-orthostatic-001 (NHS; Figueroa et al. 2010: if you feel light-headed sit or
lie down at once and wait until it passes; more common after dehydration and with some blood-pressure medicines; the
cause and the medicines can be looked at); kb-heart-failure-001 (ESC 2021; BHF: swelling of the ankles or legs,
breathlessness worse than usual, lying flat or waking at night: tell the doctor the same day).
"""
from __future__ import annotations

import re
from typing import Any

from coach.domain.profile import Profile

DIZZY = {"dizziness", "fainting"}
# blood-pressure medicines and water tablets, as a code or by name (ACE inhibitors, ARBs, calcium-channel blockers,
# diuretics); zh: 降压药, 利尿剂, 呋塞米...
BP_MEDICINE = re.compile(
    r"beta.?blocker|antihypertensive|diuretic|water.?(?:tablet|pill)|[a-z]{2,}pril\b|[a-z]+sartan\b|[a-z]+dipine\b|"
    r"furosemide|frusemide|bumetanide|torasemide|torsemide|thiazide|chlort[h]?alidone|indapamide|spironolactone|"
    r"eplerenone|amiloride|降压|利尿|呋塞米|速尿|氢氯噻嗪|吲达帕胺|螺内酯|地平|沙坦|普利", re.IGNORECASE)


def on_bp_medicine(p: Profile) -> bool:
    """Blood-pressure medicine or a diuretic among the medicines named."""
    return any(BP_MEDICINE.search(m.replace("_", " ")) for m in p.medications)


def emergency_signs(p: Profile, _: Any) -> str:
    """When to sit down and when to call emergency services, for the symptoms named (chest pain's own words kept)."""
    sym = set(p.symptoms)
    parts = []
    if "chest_pain" in sym:
        parts.append(_("Call emergency services now if chest pain lasts more than a few minutes or comes with "
                       "sweating, nausea, breathlessness or pain spreading to the arm, jaw or back, or if you faint."))
    if sym & DIZZY:
        parts.append(_("If you feel dizzy or light-headed, sit or lie down at once and wait until it passes. Call "
                       "emergency services if you faint, or if the dizziness does not settle within a few minutes of "
                       "rest or comes with chest pain, a racing or irregular heartbeat, severe breathlessness, sudden "
                       "weakness or numbness, slurred speech or confusion."))
    if "ankle_swelling" in sym:
        parts.append(_("Swollen ankles: see the doctor the same day if the swelling quickly gets worse or comes with "
                       "breathlessness that is worse than usual, comes on lying flat or wakes you at night; call "
                       "emergency services if the breathlessness is severe or does not ease with rest."))
    elif "shortness_of_breath" in sym:
        parts.append(_("Call emergency services if breathlessness is severe or does not ease within a few minutes of "
                       "rest."))
    if "palpitations" in sym:
        parts.append(_("Call emergency services if a racing, pounding or irregular heartbeat does not settle within a "
                       "few minutes of rest, or comes with chest pain, fainting or severe breathlessness."))
    if "chest_pain" not in sym:
        parts.append(_("Chest pain or pressure that lasts more than a few minutes: call emergency services."))
    return " ".join(parts)


def symptom_care(p: Profile, s: Any, _: Any) -> None:
    """A symptom hard stop (not chest pain's, which advisories.chest_pain_same_day words): emergency signs for the
    symptoms named, the visit alert naming them, and, for dizziness on blood-pressure medicines or diuretics, why
    the doctor should look at the medicines (kb-orthostatic-001)."""
    stop = s.hard_stop
    if not stop or stop.get("urgency") != "prompt" or p.symptoms_cleared or not set(p.symptoms) & (
            DIZZY | {"shortness_of_breath", "palpitations"}):
        return
    stop["emergency_if"] = emergency_signs(p, _)
    if "chest_pain" not in p.symptoms:
        routine = [text for text, tag in s.reason_tags if tag == "plan:red-flags" and text in s.alerts]
        visit = _("See a doctor today or tomorrow about these symptoms ({names}); what to do if they come on is in "
                  "the emergency advice above.", names=_.names(sorted(p.symptoms)))
        if routine:
            s.alerts[s.alerts.index(routine[0])] = visit
            s.reason_tags = [(visit if text == routine[0] else text, tag) for text, tag in s.reason_tags]
    if set(p.symptoms) & DIZZY and on_bp_medicine(p):
        s.alert(_("Dizziness on blood-pressure medicine or a water tablet (diuretic) can mean your blood pressure "
                  "drops too low, or that you are short of fluid: tell the doctor about it, and do not change the "
                  "medicines on your own; the doctor can look at the cause and the doses."), "plan:orthostatic")

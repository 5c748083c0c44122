"""What counts as a warning sign in a reading or a message, and what the person is told to do about it."""
from __future__ import annotations

from typing import Any

from coach.i18n import t
from coach.domain.limits import (BP_RED_FLAG, GLUCOSE_DELAY_BELOW, GLUCOSE_KETONE_CHECK_ABOVE, GLUCOSE_NO_START_BELOW,
                                 bp_reaches, rhr_alarming)


def stop_and_seek_care(lang: str, *, hard_stop: bool = True) -> str:
    """Stop now and see a doctor; `hard_stop`: the plan holds no sessions until /cleared (else: light only)."""
    if not hard_stop:
        return t(lang, "⚠️ Please stop exercising now. Chest pain, fainting, severe breathlessness or a racing or "
                       "irregular heartbeat can be signs of a serious problem. If it is severe or does not go "
                       "away within a few minutes, call emergency services (e.g. 911 / 112 / 120). Please see a "
                       "doctor before you train again; until then your plan is limited to light activity.")
    return t(lang, "⚠️ Please stop exercising now. Chest pain, fainting, severe breathlessness or a racing or "
                   "irregular heartbeat can be signs of a serious problem. If it is severe or does not go "
                   "away within a few minutes, call emergency services (e.g. 911 / 112 / 120). Please see a "
                   "doctor before you train again: until then your plan has no sessions. When a doctor has cleared you, "
                   "send /cleared and I will rebuild it.")


def alarming_readings(values: dict[str, Any]) -> list[str]:
    """Readings among `values` that call for stop-and-seek-care (resting HR over the alert, BP in the crisis band)."""
    bad = []
    if rhr_alarming(values.get("resting_hr")):
        bad.append(f"resting HR {values['resting_hr']} bpm")
    sys_, dia = values.get("bp_systolic"), values.get("bp_diastolic")
    if bp_reaches(sys_, dia, BP_RED_FLAG):
        bad.append(f"BP {sys_}/{dia} mmHg")
    return bad


def hard_stop(lang: str, reason: str, *, bp: bool) -> dict:
    """PLAN_RULES 19: why training stops, what to do now, when it is an emergency, and how to resume."""
    if bp:
        emergency = t(lang, "Call emergency services now if the high reading comes with a severe headache, chest "
                            "pain, shortness of breath, confusion, vision changes, weakness or numbness.")
    else:
        emergency = t(lang, "Call emergency services now if chest pain lasts more than a few minutes or comes with "
                            "sweating, nausea, breathlessness or pain spreading to the arm, jaw or back, or if you "
                            "faint.")
    return {"reason": reason,
            "what_now": t(lang, "Do not start the exercise plan yet. See a doctor in the next few days and tell them "
                                "what you told me; normal daily activity is fine unless it brings the symptoms on."),
            "emergency_if": emergency,
            "how_to_resume": t(lang, "When a doctor has seen you and says you may exercise, tell me (for example "
                                     "\"my doctor cleared me\" or /cleared) with any limits they gave; I will then "
                                     "build a light-to-moderate plan that keeps to them.")}


def glucose_rules(lang: str) -> str:
    """Pre-exercise blood-glucose rules for insulin or sulfonylurea users (Riddell 2017, Turner 2019)."""
    return t(lang, "Insulin or sulfonylureas: check your glucose before exercise. Below {stop} mmol/L (72 mg/dL): "
                   "treat the low and do not exercise now. {stop}-{delay} mmol/L (72-90 mg/dL): take 10-20 g of "
                   "carbohydrate and wait until it rises. Above {high} mmol/L (250 mg/dL): check ketones and do not "
                   "exercise if they are moderate or high. Carry fast-acting carbohydrate and check again afterwards; "
                   "lows can come hours later.", stop=f"{GLUCOSE_NO_START_BELOW:g}", delay=f"{GLUCOSE_DELAY_BELOW:g}",
             high=f"{GLUCOSE_KETONE_CHECK_ABOVE:g}")

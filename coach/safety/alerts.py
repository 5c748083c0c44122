"""What counts as a warning sign in a reading or a message, and what the person is told to do about it."""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from coach.i18n import t
from coach.domain.limits import (BP_RED_FLAG, GLUCOSE_DELAY_BELOW, GLUCOSE_KETONE_CHECK_ABOVE,
                                 bp_reaches, rhr_alarming)


# chest pain with these conditions or from this age may be cardiac (diabetes can blunt the pain): a same-day
# assessment, not a routine appointment (kb-cvd-001)
CHEST_PAIN_RISK = ("type1_diabetes", "type2_diabetes", "heart_disease", "atrial_fibrillation", "pacemaker", "stroke")
CHEST_PAIN_RISK_AGE = 45


def chest_pain_needs_same_day(profile: Any) -> bool:
    """Whether chest pain in this person (a Profile or a profile dict, possibly partial) needs a same-day check."""
    get = profile.get if isinstance(profile, Mapping) else lambda k, d=None: getattr(profile, k, d)
    age = get("age")
    return bool(set(get("conditions") or ()) & set(CHEST_PAIN_RISK)) or (isinstance(age, (int, float))
                                                                          and age >= CHEST_PAIN_RISK_AGE)


def same_day_chest_pain(lang: str) -> tuple[str, str]:
    """(what to do now, when it is an emergency) for chest pain that needs a same-day assessment."""
    return (t(lang, "Do not exercise. Get a medical assessment today (your doctor, an urgent care clinic or an "
                    "emergency department), not at a routine appointment: chest pain with your health history needs "
                    "to be checked the same day."),
            t(lang, "Call emergency services now (e.g. 911 / 112 / 120) if the chest pain comes with "
                    "breathlessness, sweating, nausea or fainting, spreads to your arm, jaw or back, or lasts "
                    "more than a few minutes."))


def stop_and_seek_care(lang: str, *, hard_stop: bool = True, profile: Any = None,
                       symptoms: Iterable[str] = ()) -> str:
    """Stop now and see a doctor; `hard_stop`: the plan holds no sessions until /cleared (else: light only).

    With the person's `profile` (a Profile or a profile dict) and chest pain among `symptoms` (or the profile's), the
    same-day wording the plan's hard stop uses when chest pain comes with diabetes, heart disease, AF, a pacemaker,
    a stroke or age 45+ (coach.safety.advisories.chest_pain_same_day)."""
    if profile is not None:
        get = profile.get if isinstance(profile, Mapping) else lambda k, d=None: getattr(profile, k, d)
        if "chest_pain" in {*symptoms, *(get("symptoms") or ())} and chest_pain_needs_same_day(profile):
            now, emergency = same_day_chest_pain(lang)
            resume = (t(lang, "When a doctor has seen you and says you may exercise, tell me (for example "
                              "\"my doctor cleared me\" or /cleared) with any limits they gave; I will then "
                              "build a light-to-moderate plan that keeps to them.") if hard_stop else
                      t(lang, "Until a doctor clears you, keep every session light."))
            return f"⚠️ {now} {emergency} {resume}"
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


def if_it_happens(lang: str) -> str:
    """The answer to a question about a warning symptom ("what if the chest pain comes back?"): no stop."""
    return t(lang, "⚠️ If that happens while you exercise: stop at once and rest. Chest pain or tightness, fainting, "
                   "severe breathlessness or a racing or irregular heartbeat can be signs of a serious problem. If it "
                   "is severe or does not go away within a few minutes, call emergency services (e.g. 911 / 112 / "
                   "120), and see a doctor before you train again. Your plan is unchanged; if it is happening now or "
                   "happened recently, tell me (e.g. \"I have chest pain now\") and I will pause it.")


def alarming_readings(values: dict[str, Any]) -> list[str]:
    """Readings among `values` that call for stop-and-seek-care (resting HR over the alert, BP in the crisis band)."""
    bad = []
    if rhr_alarming(values.get("resting_hr")):
        bad.append(f"resting HR {values['resting_hr']} bpm")
    sys_, dia = values.get("bp_systolic"), values.get("bp_diastolic")
    if bp_reaches(sys_, dia, BP_RED_FLAG):
        bad.append(f"BP {sys_}/{dia} mmHg")
    return bad


URGENCIES = ("emergency", "today", "prompt", "provider")


def what_now(lang: str, urgency: str) -> str:
    """One instruction per urgency; the alert that goes with a hard stop uses the same one."""
    if urgency == "emergency":
        return t(lang, "Do not exercise. If you have chest pain, breathlessness, a severe headache or vision changes "
                       "right now, call emergency services now (e.g. 911 / 112 / 120): with blood pressure this high "
                       "it can be a hypertensive emergency. If not, see a doctor today, before any exercise.")
    if urgency == "today":
        return t(lang, "Do not exercise. Sit quietly for 5 minutes and measure again; if it is still this high, "
                       "have your blood pressure checked by a doctor today. Quiet daily activity at home is fine.")
    if urgency == "provider":
        return t(lang, "Stop exercising and contact your obstetric provider or maternity unit today.")
    return t(lang, "Do not start the exercise plan. See a doctor today or tomorrow (do not wait for a routine "
                   "appointment) and tell them what you told me; quiet daily activity is fine unless it brings the "
                   "symptoms on.")


def hard_stop(lang: str, reason: str, *, bp: bool, urgency: str | None = None) -> dict:
    """PLAN_RULES 19: why training stops, what to do now, when it is an emergency, and how to resume.

    `urgency` (URGENCIES) sets what to do now; by default "today" for blood pressure, "prompt" for symptoms.
    """
    urgency = urgency or ("today" if bp else "prompt")
    if urgency == "provider":
        emergency = t(lang, "Call emergency services for heavy bleeding, chest pain, a sudden severe headache or "
                            "vision change, fainting, or a painful swollen calf with breathlessness.")
        resume = t(lang, "Exercise waits until your obstetric provider has checked you and says you may; tell me "
                         "(/cleared) with the date and any limits and I will build a light plan within them.")
    elif bp:
        emergency = t(lang, "Call emergency services now if the high reading comes with a severe headache, chest "
                            "pain, shortness of breath, confusion, vision changes, weakness or numbness.")
        resume = t(lang, "When a doctor has evaluated your blood pressure and it is under control (below 160/100, "
                         "where the guidance no longer asks for an evaluation before training), send the new "
                         "reading and tell me you were cleared (/cleared) with any limits; I will then build a "
                         "light-to-moderate plan that keeps to them.")
    else:
        emergency = t(lang, "Call emergency services now if chest pain lasts more than a few minutes or comes with "
                            "sweating, nausea, breathlessness or pain spreading to the arm, jaw or back, or if you "
                            "faint.")
        resume = t(lang, "When a doctor has seen you and says you may exercise, tell me (for example "
                         "\"my doctor cleared me\" or /cleared) with any limits they gave; I will then "
                         "build a light-to-moderate plan that keeps to them.")
    return {"reason": reason, "urgency": urgency, "what_now": what_now(lang, urgency), "emergency_if": emergency,
            "how_to_resume": resume}


def resume_after_chest_pain(lang: str, *, bp: bool) -> str:
    """How to resume after exertional chest pain: a medical evaluation of the heart (with the BP reading if it was
    in the crisis band), not only a lower reading (kb-hard-stop-001, kb-warning-signs-001)."""
    if bp:
        return t(lang, "Chest pain needs a medical evaluation of your heart (for example an ECG or an exercise test) "
                       "before training, and your blood pressure must be under control (below 160/100). When a "
                       "doctor has done both and says you may exercise, send the new reading and tell me you were "
                       "cleared (/cleared) with any limits; I will then build a light-to-moderate plan that keeps to them.")
    return t(lang, "Chest pain needs a medical evaluation of your heart (for example an ECG or an exercise test) "
                   "before training. When a doctor has done it and says you may exercise, tell me (for example "
                   "\"my doctor cleared me\" or /cleared) with any limits they gave; I will then build a "
                   "light-to-moderate plan that keeps to them.")


def glucose_rules(lang: str, *, ketones: bool = True) -> str:
    """Pre-exercise blood-glucose rules for insulin or sulfonylurea users, as kb-insulin-001 states them; the ketone
    check for high glucose is type 1's rule (kb-diabetes-001), so `ketones=False` (type 2) leaves it out."""
    low, high = f"{GLUCOSE_DELAY_BELOW:.1f}", f"{GLUCOSE_KETONE_CHECK_ABOVE:.1f}"
    if not ketones:
        return t(lang, "Insulin or sulfonylureas: check your glucose before every session. Below {low} mmol/L (90 "
                       "mg/dL): take 10-20 g of carbohydrate and do not start until it is above {low}. {low}-6.9 "
                       "mmol/L: about 10 g of carbohydrate before aerobic exercise. Carry fast-acting carbohydrate and "
                       "check again during longer sessions and afterwards; lows can come hours later, even overnight.", low=low)
    return t(lang, "Insulin or sulfonylureas: check your glucose before every session. Below {low} mmol/L (90 mg/dL): "
                   "take 10-20 g of carbohydrate and do not start until it is above {low}. {low}-6.9 mmol/L: about "
                   "10 g of carbohydrate before aerobic exercise. Above {high} mmol/L (270 mg/dL): check ketones and "
                   "do not exercise if they are raised. Carry fast-acting carbohydrate and check again during longer "
                   "sessions and afterwards; lows can come hours later, even overnight.", low=low, high=high)

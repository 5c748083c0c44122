"""Screening advice that needs no cap of its own: a treated blood pressure still above goal, atrial fibrillation's
cardiologist check, back pain's red flags, and what a restricted weight goal means for fuelling (run by
coach.safety.screening.screen after the rules that set caps)."""
from __future__ import annotations

from typing import Any

from coach.domain.limits import AF_RATE_CHECK_HR, BP_RED_FLAG, BP_STAGE2, OVERWEIGHT_BMI, bp_reaches
from coach.domain.profile import Profile
from coach.domain.vocab import BP_EMERGENCY_SYMPTOMS, FRAILTY_CONDITIONS, GLUCOSE_LOWERING_MEDICATIONS
from coach.i18n import N_
from coach.safety.indoor import indoor_cycling_only
from coach.safety.symptom_care import symptom_care
from coach.safety.alerts import chest_pain_needs_same_day, resume_after_chest_pain, same_day_chest_pain

# back-pain red flags, as condition codes (conditions are an open list): emergency (cauda equina signs) and see a
# doctor before training (kb-lower-back-002, Finucane et al. 2020)
BACK_EMERGENCY = ("cauda_equina", "saddle_numbness", "bladder_bowel_change", "bladder_dysfunction",
                  "bowel_dysfunction", "progressive_leg_weakness")
BACK_SEE_DOCTOR = ("fever", "unexplained_weight_loss", "night_pain", "back_trauma", "recent_trauma", "cancer_history")
BACK_RED_FLAGS = BACK_EMERGENCY + BACK_SEE_DOCTOR
_NAMES = (N_("cauda equina"), N_("saddle numbness"), N_("bladder bowel change"), N_("bladder dysfunction"),
          N_("bowel dysfunction"), N_("progressive leg weakness"), N_("fever"), N_("unexplained weight loss"),
          N_("night pain"), N_("back trauma"), N_("recent trauma"), N_("cancer history"))  # for the catalog

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


def heart_warning_signs(p: Profile, s: Any, _: Any) -> None:
    """Heart disease, AF or a pacemaker: the symptoms that stop a session at once (kb-cvd-001, kb-cardiac-rehab-001)."""
    if not {"heart_disease", "atrial_fibrillation", "pacemaker"} & set(p.conditions) or "hard_stop" in s.flags:
        return
    s.alert(_("Stop exercising at once and get help for chest pain or pressure, unusual breathlessness, dizziness or "
              "fainting, or palpitations that do not settle with rest; call emergency services if chest pain lasts "
              "more than a few minutes."), "plan:heart-disease")


def cardiac_rehab(p: Profile, s: Any, _: Any) -> None:
    """Heart disease: supervised cardiac rehabilitation first (kb-cvd-001, kb-cardiac-rehab-001), no heavy lifting."""
    s.reason(_("After a heart attack, a stent, bypass surgery, or with heart failure or angina, a supervised "
               "cardiac rehabilitation programme is still the recommended way to train, especially within the "
               "first year: if you have not been referred, ask your cardiologist; no heavy lifting or hard "
               "efforts.") if p.cleared else
             _("After a heart attack, a stent, bypass surgery, or with heart failure or angina, a supervised "
               "cardiac rehabilitation programme is the recommended way to train, especially within the first "
               "year: ask your cardiologist for a referral; until you start it or they clear you, keep to light "
               "activity such as easy walking, with no heavy lifting or hard efforts."),
             "plan:cardiac-rehab")
    s.flags.add("no_heavy_lifting")


def heart_rhythm(p: Profile, s: Any, _: Any) -> None:
    """Atrial fibrillation and pacemakers/ICDs: the cardiologist agrees the start and every step-up (kb-afib-001,
    kb-pacemaker-001)."""
    if "atrial_fibrillation" in p.conditions:
        s.reason(_("With atrial fibrillation: check with your cardiologist before starting or stepping up training, "
                   "especially if your rhythm or rate is not yet controlled or your medicines change."), "plan:afib")
        if "anticoagulant" not in p.medications:  # (the anticoagulant reason says it for those who named one)
            s.reason(_("Atrial fibrillation is usually treated with a blood thinner: ride a stationary bike rather "
                       "than on the road, avoid contact sports and activities with a high risk of falls, and report "
                       "unusual bruising or bleeding to your doctor."), "plan:anticoagulants")
    if "pacemaker" in p.conditions:
        s.reason(_("With a pacemaker or ICD: check with your cardiologist or device clinic before starting, and ask "
                   "for any heart-rate limit set on your device."), "plan:pacemaker")


def falls_assessment(p: Profile, s: Any, _: Any) -> None:
    """A fall, a walking aid or frailty: a falls assessment and a physiotherapist's programme (kb-falls-001)."""
    if not set(p.conditions) & set(FRAILTY_CONDITIONS):
        return
    s.reason(_("A fall, a walking aid or frailty: ask your doctor for a falls assessment or a referral to a "
               "physiotherapist, who can check your balance, strength and walking and tailor this programme."),
             "plan:falls")


def bp_crisis(p: Profile) -> bool:
    """A resting reading at or above 180/110 that a doctor has not yet cleared."""
    return not p.bp_cleared and bp_reaches(p.bp_systolic, p.bp_diastolic, BP_RED_FLAG)


def bp_emergency(p: Profile) -> bool:
    """A crisis reading (not yet cleared) with symptoms that can make it a hypertensive emergency."""
    return bool(bp_crisis(p) and set(p.symptoms) & set(BP_EMERGENCY_SYMPTOMS))


def chest_pain_same_day(p: Profile, s: Any, _: Any) -> None:
    """Chest pain with diabetes, known heart disease or from 45: a same-day assessment, not a routine appointment
    (the pain may be cardiac; diabetes can blunt it), emergency services for the heart-attack signs (kb-cvd-001)."""
    if "chest_pain" not in p.symptoms or p.symptoms_cleared or not s.hard_stop:
        return
    s.hard_stop["how_to_resume"] = resume_after_chest_pain(_.lang, bp=bp_crisis(p))
    if not chest_pain_needs_same_day(p) or s.hard_stop["urgency"] == "emergency":
        return
    what_now, emergency_if = same_day_chest_pain(_.lang)  # the same words as mid-chat (alerts.stop_and_seek_care)
    s.hard_stop.update(urgency="today", what_now=what_now, emergency_if=emergency_if)
    same_day = _("Chest pain: get a medical assessment today; call emergency services (e.g. 911 / 112 / 120) if it "
                 "comes with breathlessness, sweating or fainting or spreads to your arm or jaw.")
    # the red-flag alert's "today or tomorrow" gives way to the same-day advice, in its place
    routine = [text for text, tag in s.reason_tags if tag == "plan:red-flags" and text in s.alerts]
    if not routine:
        s.alert(same_day, "plan:red-flags")
        return
    s.alerts[s.alerts.index(routine[0])] = same_day
    s.reason_tags = [(same_day if text == routine[0] else text, tag) for text, tag in s.reason_tags]


def _back_stop(reason: str, urgent: bool, _: Any) -> dict:
    """The hard stop for back-pain red flags: what to do now, the emergency signs, and how to resume."""
    return {"reason": reason, "urgency": "emergency" if urgent else "today",
            "what_now": _("Go to an emergency department now: these signs can mean pressure on the nerves at the "
                          "bottom of the spine, which needs treatment within hours. Do not exercise.") if urgent else
            _("Do not start training. See a doctor within a day or two about your back pain; everyday walking "
              "around the house is fine."),
            "emergency_if": _("Go to an emergency department at once with new trouble passing urine or controlling "
                              "bladder or bowel, numbness around the genitals or buttocks, or leg weakness getting "
                              "worse."),
            "how_to_resume": _("When a doctor has seen you and says you may exercise, tell me (for example \"my doctor "
                               "cleared me\" or /cleared) with any limits they gave; I will then build a light plan "
                               "that keeps to them.")}


def back_red_flags(p: Profile, s: Any, _: Any) -> None:
    """Low-back pain: the red flags that mean no training and a doctor first (kb-lower-back-002); any reported
    (as a condition code) is a hard stop until a doctor's clearance is recorded."""
    found = sorted(set(p.conditions) & set(BACK_RED_FLAGS))
    if found and p.clearance is None:
        urgent = bool(set(found) & set(BACK_EMERGENCY))
        text = _("Back pain with {names}: no exercise plan until a doctor has seen you.", names=_.names(found))
        if not s.hard_stop:
            s.hard_stop = _back_stop(text, urgent, _)
        s.flags |= {"hard_stop", "red_flag"}
        s.clearance_required, s.intensity_cap = True, "light"
        s.reason(text, "plan:back-red-flags")
    if ("lower_back" not in p.injuries and not found) or "hard_stop" in s.flags and not found:
        return
    if "low_back_pain" in p.conditions and "hard_stop" not in s.flags:  # NICE NG59 through kb-lower-back-003
        s.reason(_("Chronic low-back pain: exercise is one of the best-supported treatments (NICE), and it needs no "
                   "doctor's clearance to start unless a red flag below appears or the pain keeps getting worse. "
                   "Start where it causes no more than mild, short-lived discomfort; in a flare-up ease the load for "
                   "a few days, then carry on."), "plan:back-pain")
    s.alert(_("Back pain red flags: new trouble passing urine or controlling bladder or bowel, numbness around the "
              "genitals or buttocks, or leg weakness getting worse: go to an emergency department now. Back pain with "
              "fever, after a fall or injury, with unexplained weight loss or a history of cancer, or constant pain "
              "worse at night: do not start this plan, see a doctor first."), "plan:back-red-flags")


def osteoarthritis_weight(p: Profile, s: Any, _: Any) -> None:
    """Knee or hip osteoarthritis in an overweight adult: weight loss alongside the exercise, which the ACR strongly
    recommends (kb-osteoarthritis-001)."""
    if "osteoarthritis" not in p.conditions or p.bmi < OVERWEIGHT_BMI or p.age < 18 or "hard_stop" in s.flags:
        return
    s.reason(_("With osteoarthritis and a BMI of {bmi}: losing some weight, alongside this exercise, eases the load "
               "on your knees and hips; the American College of Rheumatology strongly recommends it.",
               bmi=f"{p.bmi:.0f}"), "plan:osteoarthritis")


def pregnancy_later(p: Profile, s: Any, _: Any) -> None:
    """Pregnancy (kb-pregnancy-006): daily pelvic-floor training, heat and drinks, and a gentler third trimester."""
    if "pregnancy" not in p.conditions or "hard_stop" in s.flags:
        return
    if p.pregnancy_trimester == 3:
        s.reason(_("Third trimester: every session eases to an easy-to-moderate effort (RPE 4-5) with low impact, "
                   "as comfort requires."), "plan:pregnancy-trimester")
    s.reason(_("In pregnancy: pelvic floor squeezes every day (they lower the risk of leaking urine late in "
               "pregnancy and after birth), no exercise in heat or high humidity, and plenty to drink."),
             "plan:pregnancy-trimester")


def medicines(p: Profile, s: Any, _: Any) -> None:
    """What each medicine's passage adds: beta-blockers and heat (kb-beta-blockers-001), treating a hypo and dose
    changes (kb-insulin-001), fall-prone sports and head knocks on a blood thinner (kb-anticoagulants-001), bleeding on antiplatelets
    (kb-antiplatelets-001), and a
    resting rate in AF that may not be controlled (kb-afib-001)."""
    if "hard_stop" in s.flags:
        return
    meds = set(p.medications)
    if "beta_blocker" in meds:
        s.reason(_("Beta-blockers make heat harder to handle: in hot weather train in the cooler part of the day, "
                   "drink enough and ease off sooner; never stop or change the dose to train harder."),
                 "plan:beta-blockers")
        s.reason(_("Beta-blockers can make you light-headed when you stand up quickly, especially just after "
                   "exercise: cool down for 5-10 minutes instead of stopping suddenly, get up slowly from the floor or "
                   "a chair, and sit down if you feel dizzy (tell your doctor if it keeps happening)."),
                 "plan:beta-blockers")
    if meds & set(GLUCOSE_LOWERING_MEDICATIONS):
        s.alert(_("Stop at once and treat a low if you feel shaky, sweaty, confused or unusually weak (fast-acting "
                  "carbohydrate, then check your glucose). Agree any change to your insulin or sulfonylurea doses, "
                  "or extra carbohydrate for exercise, with your diabetes team rather than guessing."), "plan:insulin")
    if "anticoagulant" in meds:
        s.reason(_("On a blood thinner a knock bleeds more, and a blow to the head can bleed inside the skull, so "
                   "fall-prone activities (mountain biking, skiing, climbing), contact sports and cycling on the road "
                   "are left out of this plan: ride a stationary bike instead. After any hard blow to the head, get "
                   "checked urgently even if you feel fine.") if indoor_cycling_only(p) else
                 _("On a blood thinner a knock bleeds more, and a blow to the head can bleed inside the skull, so "
                   "fall-prone activities (mountain biking, skiing, climbing, icy or uneven ground) and contact sports "
                   "are left out of this plan. Running is fine, and so is cycling on the road with a helmet. After any "
                   "hard blow to the head, get checked urgently even if you feel fine."), "plan:anticoagulants")
    if "antiplatelet" in meds and "anticoagulant" not in meds:  # (an anticoagulant's reasons cover bleeding)
        s.flags.add("antiplatelet")
        s.reason(_("Antiplatelet medicines (such as clopidogrel, ticagrelor or low-dose aspirin, more so two "
                   "together) make you bleed and bruise more easily: ride a stationary bike rather than on the road, "
                   "take care with activities where you could fall or be knocked, and see a doctor urgently for a "
                   "nosebleed that will not stop within 10-15 minutes or for coughing or vomiting blood. Do not stop "
                   "them without your doctor.") if indoor_cycling_only(p) else
                 _("Antiplatelet medicines (such as clopidogrel, ticagrelor or low-dose aspirin, more so two "
                   "together) make you bleed and bruise more easily: wear a helmet on an outdoor bike, take care with "
                   "activities where you could fall or be knocked, and see a doctor urgently for a nosebleed that "
                   "will not stop within 10-15 minutes or for coughing or vomiting blood. Do not stop them without "
                   "your doctor."), "plan:antiplatelets")
    if "atrial_fibrillation" in p.conditions and (p.resting_hr or 0) >= AF_RATE_CHECK_HR:
        s.alert(_("A resting heart rate of {hr} bpm with atrial fibrillation may mean the rate is not yet "
                  "controlled: tell your doctor or cardiologist before you step training up.", hr=p.resting_hr),
                "plan:afib")


def run_all(p: Profile, s: Any, _: Any) -> None:
    for rule in (blood_pressure_above_goal, heart_warning_signs, heart_rhythm, falls_assessment, symptom_care,
                 chest_pain_same_day, back_red_flags, osteoarthritis_weight, pregnancy_later, medicines):
        rule(p, s, _)

"""Vocabularies: the codes a profile, a reading or a message may use (goals, equipment, injuries, symptoms...).

Each code list has one home here; the `Literal` aliases type the pydantic profile, the tuples serve lookups.
"""
from __future__ import annotations

from typing import Literal, get_args

from coach.domain.written_in import (WRITTEN_ALIASES, WRITTEN_DRUG_CLASSES, WRITTEN_IN_CONDITIONS, WRITTEN_INJURIES,
                                     WRITTEN_MEDICATION_ALIASES, WRITTEN_MEDICATIONS)
from coach.domain.written_in_more import UNSETTLED
from coach.domain.written_in_zh import zh_condition

Goal = Literal["fat_loss", "muscle_gain", "endurance", "general_health", "mobility"]
Experience = Literal["beginner", "intermediate", "advanced"]
Sex = Literal["male", "female", "other"]
Language = Literal["en", "zh"]

GOALS: tuple[str, ...] = get_args(Goal)
EXPERIENCE: tuple[str, ...] = get_args(Experience)
SEXES: tuple[str, ...] = get_args(Sex)
LANGUAGES: tuple[str, ...] = get_args(Language)

EQUIPMENT = ("none", "dumbbells", "kettlebell", "barbell", "bands", "pullup_bar", "bench", "machines", "gym",
             "bike", "treadmill", "pool")
INJURIES = ("knee", "lower_back", "shoulder", "wrist", "ankle", "hip", "neck", "elbow")
KNOWN_CONDITIONS = ("hypertension", "type2_diabetes", "type1_diabetes", "heart_disease", "asthma", "pregnancy",
                    "osteoporosis", "osteoarthritis", "kidney_disease", "stroke", "copd", "atrial_fibrillation",
                    "pacemaker", "frailty", "falls", "walking_aid", "postpartum", "caesarean", "diastasis_recti")
# other spellings of the condition codes, mapped when a profile is read ("afib" is atrial_fibrillation, so no
# heart-rate zones; "frail" is frailty, so the chair-based older-adult template)
CONDITION_ALIASES = {
    "afib": "atrial_fibrillation", "a_fib": "atrial_fibrillation", "af": "atrial_fibrillation",
    "atrial_fib": "atrial_fibrillation", "atrial_fibrilation": "atrial_fibrillation",
    "atrialfibrillation": "atrial_fibrillation", "auricular_fibrillation": "atrial_fibrillation",
    "paroxysmal_af": "atrial_fibrillation", "permanent_af": "atrial_fibrillation",
    "persistent_af": "atrial_fibrillation",
    "frail": "frailty", "frailty_syndrome": "frailty", "fall": "falls", "fall_history": "falls",
    "recent_fall": "falls", "history_of_falls": "falls", "fallen": "falls", "fell": "falls",
    "walking_stick": "walking_aid", "stick": "walking_aid", "cane": "walking_aid", "walker": "walking_aid",
    "walking_frame": "walking_aid", "zimmer_frame": "walking_aid", "rollator": "walking_aid",
    "uses_a_stick": "walking_aid", "walks_with_a_stick": "walking_aid", "walks_with_stick": "walking_aid",
    "heart_attack": "heart_disease", "myocardial_infarction": "heart_disease", "mi": "heart_disease",
    "post_mi": "heart_disease", "stemi": "heart_disease", "nstemi": "heart_disease",
    "coronary_artery_disease": "heart_disease", "coronary_heart_disease": "heart_disease", "cad": "heart_disease",
    "chd": "heart_disease", "angina": "heart_disease",
    "cardiac_stent": "heart_disease",
    "stent": "heart_disease", "cabg": "heart_disease", "bypass_surgery": "heart_disease",
    "high_blood_pressure": "hypertension", "htn": "hypertension", "t2d": "type2_diabetes",
    "type_2_diabetes": "type2_diabetes", "t1d": "type1_diabetes", "type_1_diabetes": "type1_diabetes",
    "pregnant": "pregnancy", "ckd": "kidney_disease", "chronic_kidney_disease": "kidney_disease",
    "postnatal": "postpartum", "post_partum": "postpartum", "post_natal": "postpartum", "after_birth": "postpartum",
    "after_childbirth": "postpartum", "new_mother": "postpartum", "new_mum": "postpartum", "new_mom": "postpartum",
    "cesarean": "caesarean", "c_section": "caesarean", "csection": "caesarean", "caesarean_section": "caesarean",
    "cesarean_section": "caesarean", "c_sect": "caesarean", "diastasis": "diastasis_recti",
    "rectus_diastasis": "diastasis_recti", "abdominal_separation": "diastasis_recti",
    "产后": "postpartum", "产后恢复": "postpartum", "剖腹产": "caesarean", "剖宫产": "caesarean",
    "腹直肌分离": "diastasis_recti",
}
# conditions that are the same thing as an injury area the planner already has rules for: chronic (non-specific)
# low-back pain is the lower_back injury's rules plus the chronic-pain advice (NICE NG59, kb-lower-back-003); a
# profile with the condition gets the injury too, and screening no longer calls it a condition without rules
CONDITION_INJURIES = {"low_back_pain": "lower_back", **WRITTEN_INJURIES}
# cardiometabolic risk factors, not diagnosed disease (ACSM 2015 screening, kb-screening-002): no clearance and no
# cap of their own; the plan carries their passage's dose (prediabetes: kb-diabetes-006; raised lipids: kb-lipids-001;
# obesity as written: the rules the BMI computed from height and weight brings, kb-obesity-003)
# obstructive sleep apnoea (review 12): a risk factor with its passage's reason (kb-sleep-apnoea-001, NHS), no cap
RISK_FACTOR_CONDITIONS = ("prediabetes", "hyperlipidaemia", "obesity", "sleep_apnoea")
RECOGNISED_CONDITIONS = KNOWN_CONDITIONS + tuple(CONDITION_INJURIES) + RISK_FACTOR_CONDITIONS
CONDITION_ALIASES.update({
    "lbp": "low_back_pain", "clbp": "low_back_pain", "chronic_lbp": "low_back_pain", "lower_back_pain": "low_back_pain",
    "lowback_pain": "low_back_pain", "back_pain": "low_back_pain", "backache": "low_back_pain",
    "back_ache": "low_back_pain", "low_backache": "low_back_pain", "lower_backache": "low_back_pain",
    "lumbago": "low_back_pain", "lumbar_pain": "low_back_pain", "non_specific_low_back_pain": "low_back_pain",
    "nonspecific_low_back_pain": "low_back_pain", "腰痛": "low_back_pain", "慢性腰痛": "low_back_pain",
    "下背痛": "low_back_pain", "慢性下背痛": "low_back_pain", "腰背痛": "low_back_pain", "腰肌劳损": "low_back_pain",
})
CONDITION_ALIASES.update({  # exercise-induced bronchoconstriction: the asthma screening and notes apply
    "eib": "asthma", "exercise_induced_bronchoconstriction": "asthma", "exercise_induced_asthma": "asthma",
    "运动性哮喘": "asthma", "哮喘": "asthma"})
CONDITION_ALIASES.update({
    # low bone mass: the passages give osteopenia the same loading rules as osteoporosis (kb-osteoporosis-001, -002,
    # -004 each apply to "osteoporosis or osteopenia (low bone mass)"), as the intake lexicon already reads it
    "osteopenia": "osteoporosis", "osteopaenia": "osteoporosis", "low_bone_density": "osteoporosis",
    "low_bone_mass": "osteoporosis", "low_bmd": "osteoporosis",
    "骨量减少": "osteoporosis", "骨量低下": "osteoporosis", "骨量低": "osteoporosis", "骨密度低": "osteoporosis",
    "骨质疏松": "osteoporosis", "骨质疏松症": "osteoporosis", "骨质减少": "osteoporosis",
    # raised glucose below the diabetes range (kb-diabetes-006): not diabetes, no glucose rules
    "pre_diabetes": "prediabetes", "prediabetic": "prediabetes", "pre_diabetic": "prediabetes",
    "borderline_diabetes": "prediabetes", "impaired_glucose_tolerance": "prediabetes", "igt": "prediabetes",
    "impaired_fasting_glucose": "prediabetes", "ifg": "prediabetes", "non_diabetic_hyperglycaemia": "prediabetes",
    "non_diabetic_hyperglycemia": "prediabetes", "糖尿病前期": "prediabetes", "糖耐量异常": "prediabetes",
    "糖耐量受损": "prediabetes", "空腹血糖受损": "prediabetes", "空腹血糖异常": "prediabetes",
    # raised blood lipids (kb-lipids-001)
    "hyperlipidemia": "hyperlipidaemia", "high_cholesterol": "hyperlipidaemia", "raised_cholesterol": "hyperlipidaemia",
    "elevated_cholesterol": "hyperlipidaemia", "cholesterol": "hyperlipidaemia", "high_ldl": "hyperlipidaemia",
    "high_lipids": "hyperlipidaemia", "high_blood_lipids": "hyperlipidaemia", "hypercholesterolaemia": "hyperlipidaemia",
    "hypercholesterolemia": "hyperlipidaemia", "dyslipidaemia": "hyperlipidaemia", "dyslipidemia": "hyperlipidaemia",
    "high_triglycerides": "hyperlipidaemia", "hypertriglyceridaemia": "hyperlipidaemia",
    "hypertriglyceridemia": "hyperlipidaemia", "高血脂": "hyperlipidaemia", "高脂血症": "hyperlipidaemia",
    "血脂高": "hyperlipidaemia", "血脂异常": "hyperlipidaemia", "高胆固醇": "hyperlipidaemia",
    "胆固醇高": "hyperlipidaemia", "高胆固醇血症": "hyperlipidaemia", "高甘油三酯": "hyperlipidaemia",
    "obese": "obesity", "morbid_obesity": "obesity", "severe_obesity": "obesity", "class_2_obesity": "obesity",
    "class_3_obesity": "obesity", "肥胖": "obesity", "肥胖症": "obesity",
})
# review 11's written-in conditions: gestational diabetes, vertebral fracture, heart failure, pelvic girdle pain,
# Osgood-Schlatter (coach.domain.written_in; heart failure brings heart_disease with it, no longer only its alias)
CONDITION_ALIASES.update(WRITTEN_ALIASES)
RECOGNISED_CONDITIONS += tuple(c for c in WRITTEN_IN_CONDITIONS if c not in RECOGNISED_CONDITIONS)
# after giving birth (ACOG 2020 CO 804, Goom 2019): a caesarean or diastasis recti is screened as postpartum too
POSTPARTUM_CONDITIONS = ("postpartum", "caesarean", "diastasis_recti")
# frailty and what signals it (ICFSR 2019, Vivifrail): with age 80+ the chair-based template
FRAILTY_CONDITIONS = ("frailty", "falls", "walking_aid")
# Medications that change how exercise is prescribed; other free-text medications are kept as given.
MEDICATIONS = ("beta_blocker", "insulin", "sulfonylurea", "anticoagulant", "antiplatelet", "statin")
# other spellings of the medication codes (a profile's "beta-blockers" is stored as beta_blocker)
MEDICATION_ALIASES = {"beta_blockers": "beta_blocker", "betablocker": "beta_blocker", "betablockers": "beta_blocker",
                      "sulfonylureas": "sulfonylurea", "sulphonylurea": "sulfonylurea",
                      "sulphonylureas": "sulfonylurea", "anticoagulants": "anticoagulant",
                      "blood_thinner": "anticoagulant", "blood_thinners": "anticoagulant", "insulins": "insulin",
                      "antiplatelets": "antiplatelet", "anti_platelet": "antiplatelet", "statins": "statin"}
# drug names (generic and common brands) → the class that changes the prescription; the name is kept beside it
DRUG_CLASSES = {
    **dict.fromkeys(("metoprolol", "bisoprolol", "atenolol", "propranolol", "carvedilol", "nebivolol", "nadolol",
                     "labetalol", "sotalol", "betaloc", "concor", "tenormin", "inderal", "倍他乐克", "美托洛尔",
                     "比索洛尔", "阿替洛尔"), "beta_blocker"),
    **dict.fromkeys(("warfarin", "coumadin", "apixaban", "eliquis", "rivaroxaban", "xarelto", "dabigatran",
                     "pradaxa", "edoxaban", "lixiana", "enoxaparin", "heparin", "华法林", "阿哌沙班", "利伐沙班"),
                    "anticoagulant"),
    # antiplatelets (NHS: clopidogrel, low-dose aspirin, ticagrelor, prasugrel, dipyridamole), often two at once
    # after a stent or a heart attack: they bleed more easily too
    **dict.fromkeys(("clopidogrel", "plavix", "grepid", "ticagrelor", "brilinta", "brilique", "prasugrel", "efient",
                     "dipyridamole", "aspirin", "氯吡格雷", "波立维", "替格瑞洛", "倍林达", "阿司匹林"), "antiplatelet"),
    **dict.fromkeys(("glargine", "lantus", "toujeo", "lispro", "humalog", "aspart", "novorapid", "detemir",
                     "levemir", "degludec", "tresiba", "胰岛素"), "insulin"),
    **dict.fromkeys(("glimepiride", "gliclazide", "glipizide", "glyburide", "glibenclamide", "amaryl", "diamicron",
                     "格列美脲", "格列齐特", "格列吡嗪"), "sulfonylurea"),
    # statins by name (never the bare "statin": nystatin is an antifungal): muscle symptoms to report (kb-statins-001)
    **dict.fromkeys(("atorvastatin", "simvastatin", "rosuvastatin", "pravastatin", "lovastatin", "fluvastatin",
                     "pitavastatin", "lipitor", "crestor", "zocor", "他汀"), "statin"),
}

# review 11: steroid tablets (coach.domain.written_in, kb-steroids-001)
MEDICATIONS += WRITTEN_MEDICATIONS
MEDICATION_ALIASES.update(WRITTEN_MEDICATION_ALIASES)
DRUG_CLASSES.update(WRITTEN_DRUG_CLASSES)


_NEGATIONS = {"no", "not", "never", "without", "denies", "denied", "free", "negative"}


def condition_code(code: str) -> str:
    """A condition as given, mapped to the known code it names: an alias ("afib"), or a known code or alias with a
    qualifier before or after it ("fall_last_year" → falls, "pregnancy_trimester_3" → pregnancy,
    "knee_osteoarthritis" → osteoarthritis, "total_knee_replacement_2_years_ago" → knee_replacement: the longest
    known run of words); a negated one ("no_falls"), or one whose other words change its meaning
    ("awaiting_knee_replacement", "knee_replacement_infection": written_in_more.UNSETTLED), is kept as given."""
    code = CONDITION_ALIASES.get(code, code)
    code = zh_condition(code, CONDITION_ALIASES) or code  # "膝关节置换术后6个月" (coach.domain.written_in_zh)
    tokens = code.split("_")
    if code in RECOGNISED_CONDITIONS or len(tokens) < 2 or (_NEGATIONS | UNSETTLED) & set(tokens):
        return code
    for n in range(len(tokens) - 1, 0, -1):  # the longest known run of words, from the left
        for i in range(len(tokens) - n + 1):
            part = "_".join(tokens[i:i + n])
            known = CONDITION_ALIASES.get(part, part)
            if known in RECOGNISED_CONDITIONS:
                return known
    return code


def drug_class(name: str) -> str | None:
    """The class of a medication as typed ("metoprolol", "insulin_glargine", "Lantus"), None when not one that
    changes the prescription."""
    low = name.lower()
    if "insulin" in low:
        return "insulin"
    return next((cls for drug, cls in DRUG_CLASSES.items() if drug in low), None)


# Heart-rate zones from an age formula do not apply: RPE and the talk test instead (PLAN_RULES 21)
RPE_ONLY_CONDITIONS = ("heart_disease", "pregnancy", "atrial_fibrillation", "pacemaker", "copd")
RPE_ONLY_MEDICATIONS = ("beta_blocker",)
# Medications that can cause hypoglycaemia during exercise: pre-exercise glucose rules
GLUCOSE_LOWERING_MEDICATIONS = ("insulin", "sulfonylurea")
SYMPTOMS = ("chest_pain", "dizziness", "fainting", "shortness_of_breath", "palpitations", "ankle_swelling",
            "leg_pain_walking", "headache", "vision_change", "vaginal_bleeding", "fluid_leakage", "painful_contractions",
            "calf_pain")
# Symptoms that stop training at once and send the person to medical care (a subset of SYMPTOMS).
RED_FLAG_SYMPTOMS = ("chest_pain", "fainting", "dizziness", "palpitations", "shortness_of_breath")
# With resting BP at or above 180/110 these make it a hypertensive emergency (ACC/AHA 2017, kb-hard-stop-001)
BP_EMERGENCY_SYMPTOMS = ("headache", "vision_change", "chest_pain", "shortness_of_breath")
# ACOG 2020 warning signs: in pregnancy, stop and contact the obstetric provider (kb-pregnancy-007)
PREGNANCY_WARNING_SYMPTOMS = ("vaginal_bleeding", "fluid_leakage", "painful_contractions", "calf_pain", "headache",
                              "vision_change", "dizziness", "chest_pain", "shortness_of_breath", "fainting")
# ACOG 2020 absolute contraindications recorded as conditions (kb-pregnancy-002)
PREGNANCY_CONTRAINDICATIONS = ("preeclampsia", "pre_eclampsia", "gestational_hypertension", "placenta_previa",
                               "cervical_cerclage", "incompetent_cervix", "preterm_labour", "preterm_labor",
                               "ruptured_membranes", "severe_anaemia", "severe_anemia")


def insulin_user(p: object) -> bool:
    """Whether a profile's person uses insulin: listed, type 1 diabetes (always treated with insulin: ADA Standards
    of Care), or a condition naming insulin ("insulin_pump")."""
    conditions = [str(c) for c in getattr(p, "conditions", None) or []]
    return "insulin" in (getattr(p, "medications", None) or []) or "type1_diabetes" in conditions or any(
        "insulin" in c for c in conditions)

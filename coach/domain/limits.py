"""Health and training limits: the one home of every threshold the screening, planner and checks act on.

Blood pressure in mmHg, heart rate in bpm, weights in kg. Pure data and arithmetic, no other coach imports.
"""
from __future__ import annotations

import math
import re
from typing import NamedTuple

# --- blood pressure, ACC/AHA 2017 categories: how a reading is described to the person
BP_ELEVATED_SYSTOLIC = 120  # systolic at or above: "elevated"
BP_STAGE1 = (130, 80)  # systolic or diastolic at or above: stage 1
BP_STAGE2 = (140, 90)  # at or above: stage 2 (also "hypertensive" for the screening's moderate cap)
BP_CRISIS = (180, 120)  # strictly above either number: hypertensive crisis

# --- blood pressure, the engine's rules (at or above either number)
BP_CLEARANCE = (160, 100)  # the engine's stage-2 rule: doctor's clearance, moderate at most, restricted plan
BP_RED_FLAG = (180, 110)  # a hard stop until evaluated and controlled; see a doctor today
BP_PREGNANCY_STOP = (140, 90)  # in pregnancy: possible pre-eclampsia / gestational hypertension, a hard stop (ACOG)

# --- resting heart rate
RHR_ALERT = 100  # a resting heart rate strictly above this is a warning sign: clearance, see a doctor
# in atrial fibrillation, a resting rate at or above this (ESC 2020 strict rate-control target < 80 bpm) goes to the
# cardiologist before training steps up (kb-afib-001: "if the rhythm or rate is not yet controlled")
AF_RATE_CHECK_HR = 80
RHR_RISE_BPM = 10  # this far above the person's usual resting HR: fatigue or illness, the next session is lighter

# --- body weight change
SAFE_WEEKLY_CHANGE = 0.01  # at most about 1 % of body weight per week
SLOWEST_RETIMED_CHANGE = 0.0025  # a target re-timed to the observed pace assumes at least 0.25 % a week

# --- people
YOUTH_BELOW_AGE = 18  # under this age the youth guidance applies
OLDER_ADULT_AGE = 65  # from this age: older-adult guidance (balance work, beginner level, low impact)
HIGH_BMI = 35  # at or above: low-impact choices
OVERWEIGHT_BMI = 25  # adults at or above: overweight (WHO); with osteoarthritis, weight loss is advised (ACR 2019)
UNDERWEIGHT_BMI = 18.5  # a target weight below this BMI is flagged and not planned toward (PLAN_RULES 28)
# IOTF (Cole et al. 2000) BMI-for-age cut-offs equivalent to an adult BMI of 25, at whole ages 13-17:
# below them a teenager's weight-loss target is not warranted (PLAN_RULES 27)
YOUTH_OVERWEIGHT_BMI: dict[str, dict[int, float]] = {
    "male": {13: 21.91, 14: 22.62, 15: 23.29, 16: 23.90, 17: 24.46},
    "female": {13: 22.58, 14: 23.34, 15: 23.94, 16: 24.37, 17: 24.70},
}
YOUTH_DAILY_MVPA_MIN = 60  # WHO 2020: an average of 60 min a day of moderate-to-vigorous activity (5-17 years)
YOUTH_STRENGTH_DAYS = 3  # WHO 2020: vigorous and muscle/bone-strengthening activity on 3 days a week
SHORT_SLEEP_H = 6  # below: the screening warns about recovery (two nights running: a lighter next session)
RECOMMENDED_SLEEP_H = 7  # below: the plan cites the recovery-and-sleep passage

# --- training dose
# moderate-equivalent weight of a minute at each intensity (WHO 2020: a vigorous minute counts double)
MODERATE_EQUIVALENT: dict[str, float] = {"light": 0.5, "moderate": 1.0, "vigorous": 2.0}
WEEKLY_AEROBIC_TARGET_MIN = 150  # WHO 2020 minimum of moderate-equivalent minutes a week
FAT_LOSS_AEROBIC_AIM_MIN = 250  # Donnelly 2009 ACSM: > 250 min/week for clinically significant loss (200-300)
FAT_LOSS_DEFICIT_KCAL = 500  # NHLBI / Jensen 2013: about 500 kcal a day less for about 0.5 kg a week
OTHER_GOAL_AEROBIC_MIN = 60  # what goals without an aerobic focus still reach
HIIT_MAX_MIN = 30  # an interval session never lasts longer
WEEKLY_RAMP = 1.25  # a week's total minutes may grow at most 25 % ...
WEEKLY_RAMP_SLACK_MIN = 10  # ... plus 10 minutes, so short plans can still grow
MAX_PLAN_WEEKS = 12
ENDURANCE_VIGOROUS_SHARE = 0.30  # endurance goals: at most this share of aerobic minutes vigorous (80/20 polarised)
HYPERTROPHY_WEEKLY_SETS = 10  # muscle gain: at least this many sets a week per major muscle group (Schoenfeld 2017)
BALANCE_WEEKLY_MIN = 60  # older adults: balance/neuromotor minutes a week (ACSM) ...
BALANCE_BUDGET_SHARE = 0.20  # ... or this share of the weekly time budget when that is smaller (PLAN_RULES 26)
START_SESSION_MIN = 20  # beginners and inactive people start at 10-20 min a session ...
START_STEP_MIN = 10  # ... and add at most this many minutes a session from one week to the next
BLOCK_WEEKS = 4  # a training block; trained people deload in its 4th week, beginners do not

# --- blood glucose before exercise for insulin or sulfonylurea users, mmol/L: exactly the thresholds of
# kb-insulin-001 and kb-diabetes-002 (Riddell 2017)
GLUCOSE_DELAY_BELOW = 5.0  # below: take 10-20 g carbohydrate and do not start until it is above this
GLUCOSE_SMALL_CARB_BELOW = 7.0  # 5.0-6.9: about 10 g of carbohydrate before aerobic exercise
GLUCOSE_NO_START_BELOW = 4.0  # Turner 2019: below this, do not start at all (treat the low)
GLUCOSE_KETONE_CHECK_ABOVE = 15.0  # above: check ketones; do not exercise if they are raised


def bp_reaches(systolic: int | None, diastolic: int | None, limit: tuple[int, int]) -> bool:
    """True when both readings are known and either is at or above its number in `limit`."""
    return systolic is not None and diastolic is not None and (systolic >= limit[0] or diastolic >= limit[1])


def bp_band(systolic: int | None, diastolic: int | None) -> str | None:
    """ACC/AHA 2017 category: normal, elevated, stage1, stage2, crisis (None when unknown)."""
    if systolic is None or diastolic is None:
        return None
    if systolic > BP_CRISIS[0] or diastolic > BP_CRISIS[1]:
        return "crisis"
    if bp_reaches(systolic, diastolic, BP_STAGE2):
        return "stage2"
    if bp_reaches(systolic, diastolic, BP_STAGE1):
        return "stage1"
    if systolic >= BP_ELEVATED_SYSTOLIC:
        return "elevated"
    return "normal"


def rhr_alarming(resting_hr: int | None) -> bool:
    """A resting heart rate above RHR_ALERT."""
    return resting_hr is not None and resting_hr > RHR_ALERT


def max_weekly_change_kg(weight_kg: float) -> float:
    """The unrounded safe weekly change (1 % of body weight); faster targets are flagged."""
    return SAFE_WEEKLY_CHANGE * weight_kg


def safe_rate_kg_week(weight_kg: float) -> float:
    """The safe weekly change: about 1 % of body weight, rounded down to 0.1 kg."""
    return math.floor(SAFE_WEEKLY_CHANGE * weight_kg * 10) / 10


def underweight_target(height_cm: float, target_kg: float | None) -> bool:
    """Whether a target weight would put the person below a BMI of UNDERWEIGHT_BMI."""
    return target_kg is not None and target_kg / (height_cm / 100) ** 2 < UNDERWEIGHT_BMI


def youth_weight_loss_warranted(age: int, sex: str | None, bmi: float) -> bool:
    """Whether a teenager's BMI is at or above the IOTF overweight cut-off for age (the lower one when sex is unknown)."""
    table = YOUTH_OVERWEIGHT_BMI.get(sex or "", None)
    cut = table[age] if table and age in table else min(t.get(age, 25.0) for t in YOUTH_OVERWEIGHT_BMI.values())
    return bmi >= cut


def unsafe_weight_goal(age: int, sex: str | None, height_cm: float, weight_kg: float, goal: str,
                       target_kg: float | None) -> str | None:
    """Why a weight goal must not be planned toward, or None: "youth" for an under-18 wanting to lose weight whose
    BMI-for-age does not warrant it (kb-youth-weight-001), "underweight" for a target below BMI 18.5 or weight loss
    while already underweight (kb-underweight-001)."""
    loses = goal == "fat_loss" or (target_kg is not None and target_kg < weight_kg)
    bmi = weight_kg / (height_cm / 100) ** 2
    if age < YOUTH_BELOW_AGE:
        return "youth" if loses and not youth_weight_loss_warranted(age, sex, bmi) else None
    if underweight_target(height_cm, target_kg) or (loses and bmi < UNDERWEIGHT_BMI):
        return "underweight"
    return None


def ramp_ceiling(previous_total_min: float) -> float:
    """The most minutes a (non-deload) week may total after a week of `previous_total_min`."""
    return WEEKLY_RAMP * previous_total_min + WEEKLY_RAMP_SLACK_MIN


# --- a doctor's limits, as free text recorded with a clearance ("light only", "keep HR under 120", "no lifting over
# 10 kg"): what they mean for the numbers
LIMIT_LIGHT = re.compile(r"\blight\b|walking only|only walk|gentle|轻", re.I)
LIMIT_NO_LIFTING = re.compile(r"no (heavy )?(lifting|weights|strength)|avoid (heavy )?lifting|不.*举重|不.*负重", re.I)
LIMIT_HR = re.compile(r"(\d{2,3})\s*(bpm|beats|次)|(?:heart rate|\bhr\b|pulse|心率)\D{0,20}?(\d{2,3})", re.I)
LIMIT_KG = re.compile(r"(\d+(?:\.\d+)?)\s*(?:kg|公斤|千克)", re.I)


class DoctorLimits(NamedTuple):
    light: bool = False
    no_heavy_lifting: bool = False
    load_kg: float | None = None
    hr_bpm: int | None = None


def doctor_limits(text: str | None) -> DoctorLimits:
    """Read a doctor's limits text: light only, no heavy lifting (and a kg ceiling), a heart-rate ceiling (bpm)."""
    if not text:
        return DoctorLimits()
    kg, hr = LIMIT_KG.search(text), LIMIT_HR.search(text)
    return DoctorLimits(light=bool(LIMIT_LIGHT.search(text)), no_heavy_lifting=bool(LIMIT_NO_LIFTING.search(text) or kg),
                        load_kg=float(kg.group(1)) if kg else None,
                        hr_bpm=int(hr.group(1) or hr.group(3)) if hr else None)

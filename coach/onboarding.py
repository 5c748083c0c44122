"""Onboarding: which profile answers are still missing, how to ask for them, how to take an answer."""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from coach import parsing
from coach.i18n import N_, t
from coach.messages import Button, rows
from coach.profile import (
    EQUIPMENT, EXPERIENCE, GOALS, INJURIES, RANGES, SEXES, SYMPTOMS, ProfileError, check_range, range_text,
)


@dataclass(frozen=True)
class Step:
    key: str  # the profile field (or a pseudo-field: bp, target, reminder)
    question: str
    optional: bool = False


STEPS: tuple[Step, ...] = (
    Step("age", N_("How old are you?")),
    Step("sex", N_("What is your sex? (used only for context, never to change your plan's volume)"), optional=True),
    Step("height_cm", N_("How tall are you? (e.g. 175 cm or 5'9\")")),
    Step("weight_kg", N_("What do you weigh? (e.g. 72 kg or 160 lb)")),
    Step("resting_hr", N_("What is your resting heart rate, in beats per minute? (measure it sitting quietly; "
                          "'skip' if you don't know)"), optional=True),
    Step("bp", N_("Do you know your blood pressure? (e.g. 125/80; 'skip' if not)"), optional=True),
    Step("body_fat_pct", N_("Body fat percentage, if you know it? ('skip' if not)"), optional=True),
    Step("sleep_hours", N_("About how many hours do you sleep a night?"), optional=True),
    Step("experience", N_("How much training experience do you have?")),
    Step("currently_active", N_("Have you exercised regularly (at least 30 minutes of moderate activity on 3 days a "
                                "week) for the last 3 months?")),
    Step("symptoms", N_("Health check: do you ever get chest pain or pressure, fainting, dizziness, a racing or "
                        "irregular heartbeat, unusual shortness of breath, swollen ankles, or calf pain when "
                        "walking? Tell me which, or say 'none'.")),
    Step("conditions", N_("Do you have any of these: high blood pressure, diabetes (type 1 or 2), heart disease, "
                          "kidney disease, asthma, pregnancy, osteoporosis, osteoarthritis? Tell me which, or "
                          "'none'.")),
    Step("goal", N_("What is your main goal?")),
    Step("target", N_("Do you have a target? (e.g. 'lose 5 kg in 12 weeks', 'reach 70 kg by June'; 'skip' if not)"),
         optional=True),
    Step("days_per_week", N_("How many days a week can you train?")),
    Step("minutes_per_session", N_("How many minutes per session? (10-180)")),
    Step("equipment", N_("What equipment do you have? Tap all that apply, then Done (or type e.g. 'dumbbells and "
                         "a bench', 'gym', 'none').")),
    Step("injuries", N_("Any injuries or sore areas I should work around (knee, lower back, shoulder, wrist, ankle, "
                        "hip, neck, elbow)? Or 'none'.")),
    Step("reminder", N_("When should I send your daily workout, and in which timezone? (e.g. '7:30 Europe/London' "
                        "or '19:00 Shanghai'; 'skip' keeps {time} {tz})"), optional=True),
)
STEP_BY_KEY = {s.key: s for s in STEPS}

GOAL_LABELS = {"fat_loss": N_("Lose fat"), "muscle_gain": N_("Build muscle"), "endurance": N_("Endurance"),
               "general_health": N_("General health"), "mobility": N_("Mobility")}
EXPERIENCE_LABELS = {"beginner": N_("Beginner"), "intermediate": N_("Intermediate"), "advanced": N_("Advanced")}
SEX_LABELS = {"male": N_("Male"), "female": N_("Female"), "other": N_("Other / prefer not to say")}
EQUIPMENT_LABELS = {"none": N_("None"), "dumbbells": N_("Dumbbells"), "kettlebell": N_("Kettlebell"),
                    "barbell": N_("Barbell"), "bands": N_("Bands"), "pullup_bar": N_("Pull-up bar"),
                    "bench": N_("Bench"), "machines": N_("Machines"), "gym": N_("Gym"), "bike": N_("Bike"),
                    "treadmill": N_("Treadmill"), "pool": N_("Pool")}
SKIP_WORDS = {"skip", "/skip", "pass", "don't know", "dont know", "not sure", "unknown", "no idea", "跳过", "不知道",
              "不清楚", "略过"}
LIST_FIELDS = ("symptoms", "conditions", "equipment", "injuries")
_TIME = re.compile(r"\b([01]?\d|2[0-3])[:.h]([0-5]\d)\b")


def is_skip(text: str) -> bool:
    return text.strip().lower() in SKIP_WORDS


def answered(key: str, profile: dict, data: dict) -> bool:
    """Has the onboarding got an answer (or a skip) for this step?"""
    if key in data.get("skipped", []):
        return True
    if key == "bp":
        return "bp_systolic" in profile
    if key == "target":
        return "target_weight_kg" in profile
    if key == "reminder":
        return bool(data.get("reminder_set"))
    return key in profile


def next_step(profile: dict, data: dict) -> Step | None:
    return next((s for s in STEPS if not answered(s.key, profile, data)), None)


def buttons_for(key: str, lang: str, data: dict | None = None) -> list[list[Button]]:
    """Inline choices for a step (empty when free text is expected)."""
    skip = [Button(t(lang, "Skip"), "ob:skip")]
    if key == "goal":
        return rows([Button(t(lang, v), f"ob:goal:{k}") for k, v in GOAL_LABELS.items()], 2)
    if key == "experience":
        return rows([Button(t(lang, v), f"ob:experience:{k}") for k, v in EXPERIENCE_LABELS.items()], 3)
    if key == "sex":
        return rows([Button(t(lang, v), f"ob:sex:{k}") for k, v in SEX_LABELS.items()], 3) + [skip]
    if key == "currently_active":
        return [[Button(t(lang, "Yes"), "ob:currently_active:yes"), Button(t(lang, "No"), "ob:currently_active:no")]]
    if key == "days_per_week":
        return rows([Button(str(i), f"ob:days_per_week:{i}") for i in range(1, 8)], 7)
    if key == "minutes_per_session":
        return rows([Button(str(i), f"ob:minutes_per_session:{i}") for i in (20, 30, 45, 60, 90)], 5)
    if key == "equipment":
        chosen = set((data or {}).get("equipment_pick", []))
        btns = [Button(("✅ " if k in chosen else "") + t(lang, v), f"ob:eq:{k}") for k, v in EQUIPMENT_LABELS.items()]
        return rows(btns, 3) + [[Button(t(lang, "Done"), "ob:eq:done")]]
    if key in ("symptoms", "conditions", "injuries"):
        return [[Button(t(lang, "None"), f"ob:{key}:none")]]
    if key in STEP_BY_KEY and STEP_BY_KEY[key].optional:
        return [skip]
    return []


def question(step: Step, lang: str, *, tz: str = "UTC", time: str = "07:30") -> str:
    return t(lang, step.question, tz=tz, time=time)


def check_value(field: str, value: Any) -> Any:
    """Validate one answered value; ProfileError names the field, unit and range."""
    if field in RANGES:
        return check_range(field, value)
    vocab = {"goal": GOALS, "experience": EXPERIENCE, "sex": SEXES}.get(field)
    if vocab is not None:
        if value not in vocab:
            raise ProfileError(field, f"expected one of {', '.join(vocab)}")
        return value
    if field in LIST_FIELDS:
        allowed = {"equipment": EQUIPMENT, "injuries": INJURIES, "symptoms": SYMPTOMS}.get(field)
        items = [str(x) for x in (value or [])]
        if allowed:
            bad = [x for x in items if x not in allowed]
            if bad:
                raise ProfileError(field, f"unknown value {bad[0]!r}")
        return [x for x in dict.fromkeys(items) if x != "none"]
    if field == "currently_active":
        return bool(value)
    if field == "preferences":
        return value if isinstance(value, dict) else {}
    return value


def merge_fields(found: dict, profile: dict, *, weight_hint: float | None = None) -> tuple[dict, list[ProfileError]]:
    """Check extracted fields one by one: good ones come back to store, bad ones as errors (nothing stored)."""
    good: dict[str, Any] = {}
    errors: list[ProfileError] = []
    found = dict(found)
    delta = found.pop("target_delta_kg", None)
    if delta is not None and "target_weight_kg" not in found:
        base = found.get("weight_kg", profile.get("weight_kg", weight_hint))
        if base is not None:
            found["target_weight_kg"] = round(float(base) + float(delta), 1)
        if delta < 0 and "goal" not in found and "goal" not in profile:
            found["goal"] = "fat_loss"
    found.pop("reminder_time", None)
    found.pop("timezone", None)
    for key, value in found.items():
        if key not in RANGES and key not in ("goal", "experience", "sex", "currently_active", "preferences") \
                and key not in LIST_FIELDS:
            continue
        try:
            good[key] = check_value(key, value)
        except ProfileError as exc:
            errors.append(exc)
    sys_, dia = good.get("bp_systolic", profile.get("bp_systolic")), good.get("bp_diastolic", profile.get("bp_diastolic"))
    if ("bp_systolic" in good or "bp_diastolic" in good) and sys_ is not None and dia is not None and sys_ <= dia:
        errors.append(ProfileError("bp_diastolic", f"diastolic ({dia} mmHg) must be below systolic ({sys_} mmHg)"))
        good.pop("bp_systolic", None)
        good.pop("bp_diastolic", None)
    return good, errors


def answer_for(key: str, text: str) -> dict:
    """Parse a direct answer to the step `key` into profile fields ({} when it is not an answer)."""
    if key == "bp":
        val = parsing.parse_answer("bp", text)
        if isinstance(val, (tuple, list)) and len(val) == 2:
            return {"bp_systolic": val[0], "bp_diastolic": val[1]}
        return {}
    if key == "target":
        found = parsing.extract(text)
        return {k: found[k] for k in ("target_weight_kg", "target_delta_kg", "target_weeks", "goal") if k in found}
    if key == "reminder":
        return {}
    val = parsing.parse_answer(key, text)
    if val is None:
        return {}
    return {key: val}


def parse_reminder(text: str) -> tuple[str | None, str | None]:
    """('HH:MM' or None, IANA timezone or None) from a reminder answer."""
    found = parsing.extract(text)
    time_val = found.get("reminder_time")
    if time_val is None:
        m = _TIME.search(text)
        if m:
            time_val = f"{int(m.group(1)):02d}:{m.group(2)}"
    tz = found.get("timezone")
    if tz is None:
        for word in re.findall(r"[A-Za-z_]+/[A-Za-z_]+(?:/[A-Za-z_]+)?", text):
            try:
                ZoneInfo(word)
                tz = word
                break
            except (ZoneInfoNotFoundError, ValueError):
                continue
    return time_val, tz


def error_text(lang: str, err: ProfileError) -> str:
    """A person-friendly error that names the field, unit and accepted range."""
    label = t(lang, FIELD_NAMES.get(err.field, err.field))
    if err.field in RANGES:
        lo, hi, unit = RANGES[err.field]
        return t(lang, "That {label} doesn't look right: {field} must be {range}. Nothing was saved; please try again.",
                 label=label, field=err.field, range=range_text(err.field))
    return t(lang, "That {label} doesn't look right ({field}: {msg}). Nothing was saved; please try again.",
             label=label, field=err.field, msg=err.message)


FIELD_NAMES = {
    "age": N_("age"), "height_cm": N_("height"), "weight_kg": N_("weight"), "resting_hr": N_("resting heart rate"),
    "bp_systolic": N_("blood pressure"), "bp_diastolic": N_("blood pressure"), "bp": N_("blood pressure"),
    "currently_active": N_("active in the last 3 months"), "body_fat_pct": N_("body fat"),
    "sleep_hours": N_("sleep"), "days_per_week": N_("days per week"), "minutes_per_session": N_("minutes per session"),
    "target_weight_kg": N_("target weight"), "target_weeks": N_("target weeks"), "goal": N_("goal"),
    "experience": N_("experience"), "sex": N_("sex"), "equipment": N_("equipment"), "injuries": N_("injuries"),
    "conditions": N_("conditions"), "symptoms": N_("symptoms"),
}

RANGES_HINT = {k: range_text(k) for k in RANGES if k in STEP_BY_KEY}
UNITS = (N_("years"), N_("cm"), N_("kg"), N_("bpm"), N_("mmHg"), N_("%"), N_("hours"), N_("days"), N_("minutes"),
         N_("weeks"))


def range_hint(key: str, lang: str) -> str:
    """'13–100 years' in the user's language."""
    lo, hi, unit = RANGES[key]
    return f"{lo:g}–{hi:g} {t(lang, unit)}"

# words shown through t() after replacing "_" with " " (kept here so the catalog extractor sees them)
VOCAB = (
    N_("knee"), N_("lower back"), N_("shoulder"), N_("wrist"), N_("ankle"), N_("hip"), N_("neck"), N_("elbow"),
    N_("chest pain"), N_("dizziness"), N_("fainting"), N_("shortness of breath"), N_("palpitations"),
    N_("ankle swelling"), N_("leg pain walking"), N_("hypertension"), N_("type2 diabetes"), N_("type1 diabetes"),
    N_("heart disease"), N_("asthma"), N_("pregnancy"), N_("osteoporosis"), N_("osteoarthritis"),
    N_("kidney disease"), N_("fat loss"), N_("muscle gain"), N_("endurance"), N_("general health"), N_("mobility"),
    N_("beginner"), N_("intermediate"), N_("advanced"), N_("male"), N_("female"), N_("other"), N_("yes"), N_("no"),
    N_("none"), N_("dumbbells"), N_("kettlebell"), N_("barbell"), N_("bands"), N_("pullup bar"), N_("bench"),
    N_("machines"), N_("gym"), N_("bike"), N_("treadmill"), N_("pool"), N_("weight"), N_("resting hr"), N_("bp"),
    N_("sleep"), N_("body fat"), N_("Session"),
)

"""Onboarding: which profile answers are still missing and how to ask for them (answers: coach.intake.answers)."""
from __future__ import annotations

from dataclasses import dataclass

from coach.domain.profile import RANGES, range_text
from coach.i18n import N_, t
from coach.intake.answers import LIST_FIELDS
from coach.events import Button, rows


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
    Step("medications", N_("Do you take any of these: beta-blockers (e.g. bisoprolol), insulin, sulfonylureas (e.g. "
                           "gliclazide), blood thinners (e.g. warfarin, apixaban)? Tell me which, or 'none'."),
         optional=True),
    Step("pregnancy_trimester", N_("How many weeks pregnant are you? (or which trimester: 1, 2 or 3)"),
         optional=True),
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
    if key == "pregnancy_trimester":  # asked only of someone who said they are pregnant
        return "pregnancy" not in profile.get("conditions", []) or key in profile
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
        btns = [Button(("✅ " if k in chosen else "") + t(lang, v), f"ob:eq:{k}", toggle=True)
                for k, v in EQUIPMENT_LABELS.items()]
        return rows(btns, 3) + [[Button(t(lang, "Done"), "ob:eq:done")]]
    if key == "pregnancy_trimester":
        return [[Button(str(i), f"ob:pregnancy_trimester:{i}") for i in (1, 2, 3)], skip]
    if key in ("symptoms", "conditions", "injuries", "medications"):
        return [[Button(t(lang, "None"), f"ob:{key}:none")]]
    if key in STEP_BY_KEY and STEP_BY_KEY[key].optional:
        return [skip]
    return []


def question(step: Step, lang: str, *, tz: str = "UTC", time: str = "07:30") -> str:
    return t(lang, step.question, tz=tz, time=time)


RANGES_HINT = {k: range_text(k) for k in RANGES if k in STEP_BY_KEY}

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
    N_("sleep"), N_("body fat"), N_("Session"), N_("antihypertensive"), N_("beta blocker"), N_("insulin"),
    N_("sulfonylurea"), N_("anticoagulant"), N_("antiplatelet"), N_("medications"),
    # condition, symptom and medicine codes a plan names through Screening's names() (review 15: zh plans said
    # "已知患有atrial fibrillation, stroke")
    N_("atrial fibrillation"), N_("stroke"), N_("copd"), N_("pacemaker"), N_("frailty"), N_("falls"),
    N_("walking aid"), N_("postpartum"), N_("caesarean"), N_("diastasis recti"), N_("headache"), N_("vision change"),
    N_("vaginal bleeding"), N_("fluid leakage"), N_("painful contractions"), N_("calf pain"), N_("statin"),
    N_("oral steroid"),
)

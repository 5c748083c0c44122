"""The profile: pydantic model, ranges with units, and field-naming errors."""
from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from coach.domain.birth import with_birth_weeks
from coach.domain.clearance_text import with_clearance_text
from coach.domain.vocab import CONDITION_INJURIES
from coach.domain.written_in import implied
from knowledge.catalog import load_catalog
from coach.domain.vocab import (EQUIPMENT, condition_code, drug_class, GOALS, INJURIES, MEDICATION_ALIASES, MEDICATIONS,
                                POSTPARTUM_CONDITIONS, RPE_ONLY_CONDITIONS, RPE_ONLY_MEDICATIONS, SYMPTOMS, Experience,
                                Goal, Language, Sex)

# field -> (low, high, unit); the one table behind validation, error messages, the chat's range hints and the
# physiological range of every metric kind (coach.domain.metrics)
RANGES: dict[str, tuple[float, float, str]] = {
    "age": (13, 100, "years"),
    "height_cm": (100, 250, "cm"),
    "weight_kg": (25, 350, "kg"),
    "resting_hr": (30, 130, "bpm"),
    "bp_systolic": (70, 260, "mmHg"),
    "bp_diastolic": (40, 160, "mmHg"),
    "body_fat_pct": (2, 70, "%"),
    "sleep_hours": (0, 16, "hours"),
    "days_per_week": (1, 7, "days"),
    "minutes_per_session": (10, 180, "minutes"),
    "target_weight_kg": (25, 350, "kg"),
    "target_weeks": (1, 104, "weeks"),
    "pregnancy_trimester": (1, 3, "trimester"),
    "weeks_since_birth": (0, 104, "weeks"),
    "weeks_pregnant": (1, 42, "weeks"),
}
REQUIRED = ("age", "height_cm", "weight_kg", "goal", "days_per_week", "minutes_per_session")
INT_FIELDS = {"pregnancy_trimester", "weeks_since_birth", "weeks_pregnant", "age", "resting_hr", "bp_systolic", "bp_diastolic", "days_per_week", "minutes_per_session", "target_weeks"}
LIST_FIELDS = ("symptoms", "conditions", "equipment", "injuries", "medications")
# list fields checked against a closed vocabulary (conditions stay open: unknown ones are kept)
LIST_VOCAB: dict[str, tuple[str, ...]] = {"equipment": EQUIPMENT, "injuries": INJURIES, "symptoms": SYMPTOMS}


class ProfileError(ValueError):
    """A bad profile value; `field` names it and str() is one line for people."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


def range_text(field: str) -> str:
    """'13–100 years': the accepted range of a numeric field with its unit."""
    lo, hi, unit = RANGES[field]
    return f"{lo:g}–{hi:g} {unit}"


def check_range(field: str, value: Any) -> float | int:
    """Coerce a number for `field` and check its range; ProfileError names field, unit and range."""
    lo, hi, unit = RANGES[field]
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        try:
            value = float(str(value).strip())
        except (TypeError, ValueError):
            raise ProfileError(field, f"expected a number in {unit} ({range_text(field)}), got {value!r}") from None
    if value != value or not (lo <= value <= hi):  # NaN fails too
        raise ProfileError(field, f"{value:g} {unit} is out of range (accepted {range_text(field)})")
    if field in INT_FIELDS:
        if float(value) != int(value) and field in {"days_per_week"}:
            raise ProfileError(field, f"expected a whole number of {unit} ({range_text(field)})")
        return int(round(value))
    return round(float(value), 1)


class Preferences(BaseModel):
    """Activities the person likes and dislikes (free codes such as running, yoga)."""

    model_config = ConfigDict(extra="ignore")
    likes: list[str] = Field(default_factory=list)
    dislikes: list[str] = Field(default_factory=list)
    swaps: dict[str, str] = Field(default_factory=dict)  # exercise id in the plan -> catalog id asked for instead

    @field_validator("swaps")
    @classmethod
    def _swaps(cls, v: dict[str, str]) -> dict[str, str]:
        """At most 20 swaps, each between two catalog exercises (coach.planning.swaps checks that it fits)."""
        catalog = load_catalog()
        bad = [f"{k} -> {x}" for k, x in v.items() if k not in catalog or x not in catalog or k == x]
        if bad or len(v) > 20:
            raise ValueError("swaps must map catalog exercise ids to other catalog ids (at most 20): " + ", ".join(bad))
        return v


class Clearance(BaseModel):
    """A doctor's clearance to exercise: who gave it, when, and any limits they set (free text)."""

    model_config = ConfigDict(extra="ignore")
    by: str | None = None
    date: dt.date | None = None
    limits: str | None = None

    @field_validator("by", "limits", mode="before")
    @classmethod
    def _text(cls, v: Any) -> Any:
        return v.strip() or None if isinstance(v, str) else v


class Profile(BaseModel):
    """A validated profile; unknown extra keys are ignored, unknown conditions kept."""

    model_config = ConfigDict(extra="ignore")

    age: int
    sex: Sex | None = None
    height_cm: float
    weight_kg: float
    resting_hr: int | None = None
    bp_date: dt.date | None = None  # when the blood-pressure reading was taken (None: unknown, treated as current)
    bp_systolic: int | None = None
    bp_diastolic: int | None = None
    body_fat_pct: float | None = None
    sleep_hours: float | None = None
    experience: Experience | None = None
    currently_active: bool | None = None
    goal: Goal
    target_weight_kg: float | None = None
    target_weeks: int | None = None
    days_per_week: int
    minutes_per_session: int
    equipment: list[str] = Field(default_factory=list)
    injuries: list[str] = Field(default_factory=list)
    conditions: list[str] = Field(default_factory=list)
    symptoms: list[str] = Field(default_factory=list)
    symptoms_since: dt.date | None = None  # when the current symptoms started (None: unknown)
    medications: list[str] = Field(default_factory=list)  # MEDICATIONS codes; other medications kept as given
    pregnancy_trimester: int | None = None  # 1-3, meaningful only with the pregnancy condition
    weeks_since_birth: int | None = None  # 0-104, with a postpartum condition (coach.domain.birth reads "8 weeks pp")
    weeks_pregnant: int | None = None  # 1-42 completed weeks of pregnancy; fills or must match pregnancy_trimester
    clearance: Clearance | None = None  # None = not (yet) cleared by a doctor
    preferences: Preferences = Field(default_factory=Preferences)
    timezone: str | None = None
    language: Language | None = None

    @field_validator(*RANGES.keys(), mode="before")
    @classmethod
    def _ranges(cls, v: Any, info: Any) -> Any:
        return None if v is None else check_range(info.field_name, v)

    @field_validator(*LIST_FIELDS, mode="before")
    @classmethod
    def _lists(cls, v: Any, info: Any) -> Any:
        if v is None:
            return []
        if isinstance(v, str):
            v = [v]
        if not isinstance(v, list) or not all(isinstance(x, str) for x in v):
            raise ValueError("expected a list of strings")
        vocab = LIST_VOCAB.get(info.field_name)
        items = [x.strip().lower().replace(" ", "_").replace("-", "_") for x in v if x.strip()]
        if vocab:
            bad = [x for x in items if x not in vocab]
            if bad:
                raise ValueError(f"unknown value {bad[0]!r} (accepted: {', '.join(vocab)})")
        if info.field_name == "medications":  # a drug's name brings its class ("metoprolol" → beta_blocker)
            items = [MEDICATION_ALIASES.get(x, x) for x in items]
            items += [c for x in items if x not in MEDICATIONS and (c := drug_class(x))]
        if info.field_name == "conditions":
            items = implied([condition_code(x) for x in items])  # + what written-in ones bring (written_in)
        out = list(dict.fromkeys(items))
        if info.field_name == "equipment":
            out = [x for x in out if x != "none"]
        return out

    @field_validator("timezone")
    @classmethod
    def _tz(cls, v: str | None) -> str | None:
        if v is None:
            return v
        try:
            ZoneInfo(v)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(f"unknown IANA timezone {v!r} (e.g. Europe/London, Asia/Shanghai)") from None
        return v

    @model_validator(mode="before")
    @classmethod
    def _birth_weeks(cls, data: Any) -> Any:
        """Weeks since birth written into a condition ("8 weeks postpartum") fill weeks_since_birth if not given; a
        clearance written into one ("cleared by cardiologist") fills clearance (coach.domain.clearance_text)."""
        return with_clearance_text(with_birth_weeks(data)) if isinstance(data, dict) else data

    @model_validator(mode="after")
    def _medications_and_pregnancy(self) -> "Profile":
        # medication codes given as conditions ("insulin", "beta_blocker") belong in medications
        meds = [c for c in self.conditions if MEDICATION_ALIASES.get(c, c) in MEDICATIONS]
        if meds:
            self.conditions = [c for c in self.conditions if c not in meds]
            self.medications = list(dict.fromkeys(self.medications + [MEDICATION_ALIASES.get(c, c) for c in meds]))
        if "pregnancy" in self.conditions and self.sex == "male":
            raise ProfileError("conditions", "pregnancy does not fit sex 'male'; correct sex or remove pregnancy")
        if self.pregnancy_trimester is not None and self.sex == "male":
            raise ProfileError("pregnancy_trimester", "does not fit sex 'male'; correct sex or remove the trimester")
        if self.weeks_since_birth is not None and (self.sex == "male" or not set(self.conditions)
                                                   & set(POSTPARTUM_CONDITIONS)):
            raise ProfileError("weeks_since_birth", "needs a postpartum condition (postpartum, caesarean or "
                                                    "diastasis_recti) and a sex other than 'male'")
        if self.weeks_pregnant is not None:
            self._trimester_from_weeks()
        if self.pregnancy_trimester is not None and "pregnancy" not in self.conditions:
            raise ProfileError("pregnancy_trimester", "needs the pregnancy condition; add pregnancy to conditions "
                                                      "or remove the trimester")
        return self

    def _trimester_from_weeks(self) -> None:
        """weeks_pregnant (completed weeks) gives the trimester (ACOG: 1st to 13, 2nd 14-27, 3rd from 28)."""
        if "pregnancy" not in self.conditions:
            raise ProfileError("weeks_pregnant", "needs the pregnancy condition; add pregnancy to conditions "
                                                 "or remove weeks_pregnant")
        n = self.weeks_pregnant or 0
        trimester = 1 if n <= 13 else 2 if n <= 27 else 3
        if self.pregnancy_trimester is None:
            self.pregnancy_trimester = trimester
        elif self.pregnancy_trimester != trimester:
            raise ProfileError("weeks_pregnant", f"week {n} is in trimester {trimester}, not "
                                                 f"{self.pregnancy_trimester}; correct one of them")

    @model_validator(mode="after")
    def _condition_injuries(self) -> "Profile":
        """A condition whose rules are an injury area's (chronic low-back pain: lower_back) brings that injury."""
        extra = [CONDITION_INJURIES[c] for c in self.conditions if c in CONDITION_INJURIES]
        if extra:
            self.injuries = list(dict.fromkeys(self.injuries + extra))
        return self

    @model_validator(mode="after")
    def _bp(self) -> "Profile":
        if (self.bp_systolic is None) != (self.bp_diastolic is None):
            missing = "bp_diastolic" if self.bp_diastolic is None else "bp_systolic"
            raise ProfileError(missing, "blood pressure needs both systolic and diastolic (mmHg)")
        if self.bp_systolic is not None and self.bp_diastolic is not None and self.bp_systolic <= self.bp_diastolic:
            raise ProfileError("bp_diastolic", f"diastolic ({self.bp_diastolic} mmHg) must be below systolic "
                                                 f"({self.bp_systolic} mmHg)")
        return self

    # --- derived facts used by screening and the planner
    @property
    def bmi(self) -> float:
        """Body-mass index, kg/m²."""
        return self.weight_kg / (self.height_cm / 100) ** 2

    @property
    def is_beginner_or_inactive(self) -> bool:
        """True for beginners, unknown experience, or people not active lately."""
        return self.experience in (None, "beginner") or self.currently_active is False

    @property
    def rpe_only(self) -> bool:
        """Heart-rate zones from age formulas do not apply (heart disease, beta-blockers, pregnancy...): RPE instead."""
        return bool(set(self.conditions) & set(RPE_ONLY_CONDITIONS) or set(self.medications) & set(RPE_ONLY_MEDICATIONS))

    @property
    def cleared(self) -> bool:
        """A doctor's clearance is recorded."""
        return self.clearance is not None

    @property
    def symptoms_cleared(self) -> bool:
        """A recorded clearance covers the symptoms unless they are known to have started after it."""
        c = self.clearance
        return c is not None and not (self.symptoms_since and c.date and self.symptoms_since > c.date)

    @property
    def bp_cleared(self) -> bool:
        """A clearance covers a crisis-level reading only when the reading is known to predate it: a current reading
        at or above 180/110 has not been 'evaluated and controlled' (kb-hypertension-001, kb-hard-stop-001)."""
        c = self.clearance
        return c is not None and bool(self.bp_date and c.date and self.bp_date <= c.date)

    def to_json(self) -> dict:
        """The profile as stored: JSON types, unset fields left out."""
        return self.model_dump(mode="json", exclude_none=True)


def _first_error(exc: ValidationError) -> ProfileError:
    """The first pydantic error as a ProfileError naming the field, its unit and range."""
    err = exc.errors()[0]
    loc = [str(x) for x in err.get("loc", ())]
    field = loc[0] if loc else "profile"
    ctx_err = (err.get("ctx") or {}).get("error")
    if isinstance(ctx_err, ProfileError):
        return ctx_err
    msg = str(err.get("msg", "invalid value")).removeprefix("Value error, ")
    if err.get("type") == "missing":
        hint = f" ({range_text(field)})" if field in RANGES else ""
        if field == "goal":
            hint = f" (one of: {', '.join(GOALS)})"
        return ProfileError(field, f"required field is missing{hint}")
    if err.get("type") == "literal_error":
        return ProfileError(field, f"{msg.lower()}, got {err.get('input')!r}")
    if field in RANGES and "range" not in msg:
        msg = f"{msg} (accepted {range_text(field)})"
    if len(loc) > 1 and loc[1].isdigit() is False:
        field = ".".join(loc)
    return ProfileError(field, msg)


# the profile's numbers are metric (CONTRACTS.md: weight_kg, height_cm). In the bot's stored profile, weight_unit
# "lb" is a display preference (the numbers stay kg); a profile FILE given to `fitcoach plan` with a non-metric unit
# key is refused (units_strict), since its numbers would silently be read as kg and cm
METRIC_UNITS = {"kg", "kgs", "kilogram", "kilograms", "cm", "centimetre", "centimetres", "centimeter",
                "centimeters", "metric", "si", "mmhg", "bpm"}


def check_units(data: dict) -> None:
    """ProfileError naming a unit key (weight_unit, units ...) whose value is not metric."""
    for key, value in data.items():
        if not isinstance(key, str) or not (key in ("unit", "units") or key.endswith(("_unit", "_units"))):
            continue
        if isinstance(value, str) and value.strip().lower() in METRIC_UNITS:
            continue
        raise ProfileError(key, f"{value!r} is not accepted: profile values are metric only (weight_kg in kg, "
                                f"height_cm in cm); convert them (1 lb = 0.4536 kg, 1 in = 2.54 cm) and remove {key}")


def validate_profile(data: Any, *, units_strict: bool = False) -> Profile:
    """Validate a profile dict; raises ProfileError naming the first bad field (with `units_strict`, a non-metric
    unit key too: for profile files, whose numbers must be metric)."""
    if not isinstance(data, dict):
        raise ProfileError("profile", "expected a JSON object")
    if units_strict:
        check_units(data)
    try:
        return Profile.model_validate(data)
    except ProfileError:
        raise
    except ValidationError as exc:
        raise _first_error(exc) from None

"""Pre-participation screening: ACSM 2015 algorithm, PAR-Q+-style red flags, ACC/AHA 2017 BP bands."""
from __future__ import annotations

from dataclasses import dataclass, field

from coach.i18n import N_, t
from coach.profile import Profile

LEVELS = ("light", "moderate", "vigorous")
RED_FLAG_SYMPTOMS = ("chest_pain", "fainting", "dizziness", "palpitations", "shortness_of_breath")
OTHER_SYMPTOMS = ("ankle_swelling", "leg_pain_walking")  # ACSM signs/symptoms that are not emergencies
KNOWN_DISEASE = ("heart_disease", "type1_diabetes", "type2_diabetes", "kidney_disease")
CONDITIONS_HANDLED = KNOWN_DISEASE + ("hypertension", "asthma", "pregnancy", "osteoporosis", "osteoarthritis")


def rank(label: str | None) -> int:
    """light < moderate < vigorous; a missing label counts as moderate."""
    return LEVELS.index(label) if label in LEVELS else 1


def lower(a: str, b: str) -> str:
    return a if rank(a) <= rank(b) else b


def bp_band(sys: int | None, dia: int | None) -> str | None:
    """ACC/AHA 2017 category: normal, elevated, stage1, stage2, crisis (None when unknown)."""
    if sys is None or dia is None:
        return None
    if sys > 180 or dia > 120:
        return "crisis"
    if sys >= 140 or dia >= 90:
        return "stage2"
    if sys >= 130 or dia >= 80:
        return "stage1"
    if sys >= 120:
        return "elevated"
    return "normal"


@dataclass
class Screening:
    """What the screening allows: the highest intensity, whether a doctor must clear first, and why."""

    clearance_required: bool = False
    intensity_cap: str = "vigorous"
    reasons: list[str] = field(default_factory=list)
    alerts: list[str] = field(default_factory=list)
    flags: set[str] = field(default_factory=set)  # machine-readable: red_flag, stage2, known_disease, ...
    cite_tags: list[str] = field(default_factory=list)

    def cap(self, label: str, reason: str, *, flag: str, clearance: bool = False, tag: str | None = None) -> None:
        self.intensity_cap = lower(self.intensity_cap, label)
        self.clearance_required = self.clearance_required or clearance
        if reason not in self.reasons:
            self.reasons.append(reason)
        self.flags.add(flag)
        if tag and tag not in self.cite_tags:
            self.cite_tags.append(tag)

    @property
    def restricted(self) -> bool:
        """A red flag or stage-2 BP restricts the plan (dose and strength rules relax)."""
        return bool(self.flags & {"red_flag", "stage2"})

    def to_json(self) -> dict:
        return {"clearance_required": self.clearance_required, "intensity_cap": self.intensity_cap,
                "reasons": list(self.reasons), "alerts": list(self.alerts)}


def screen(p: Profile, lang: str | None = None) -> Screening:
    """Run the screening on a validated profile; texts in `lang` (default: the profile's)."""
    lang = lang or p.language or "en"
    s = Screening()

    def _(msgid: str, **kw: object) -> str:
        return t(lang, msgid, **kw)

    def names(items: list[str]) -> str:
        return ", ".join(_(x.replace("_", " ")) for x in items)

    inactive = p.currently_active is not True  # unknown counts as inactive (the conservative branch)
    symptoms = set(p.symptoms)
    conditions = set(p.conditions)
    band = bp_band(p.bp_systolic, p.bp_diastolic)
    bp_text = f"{p.bp_systolic}/{p.bp_diastolic} mmHg" if band else ""

    red = sorted(symptoms & set(RED_FLAG_SYMPTOMS))
    if red:
        s.cap("light", _("Symptoms that can signal heart or lung disease ({names}): see a doctor before any "
                         "exercise harder than light activity.", names=names(red)),
              flag="red_flag", clearance=True, tag="plan:red-flags")
        s.alerts.append(_("Stop and seek medical care at once if chest pain, fainting, severe breathlessness or a "
                          "racing or irregular heartbeat occur."))
    if p.bp_systolic is not None and p.bp_diastolic is not None and (p.bp_systolic >= 180 or p.bp_diastolic >= 110):
        s.cap("light", _("Blood pressure {bp} is at or above 180/110: it must be treated before exercise beyond "
                         "light activity.", bp=bp_text), flag="red_flag", clearance=True, tag="plan:bp-bands")
        s.alerts.append(_("Blood pressure {bp} is a hypertensive crisis: seek medical care today.", bp=bp_text)
                        if band == "crisis" else _("Blood pressure {bp} is very high: contact a doctor promptly.",
                                                   bp=bp_text))
    elif p.bp_systolic is not None and p.bp_diastolic is not None and (p.bp_systolic >= 160 or p.bp_diastolic >= 100):
        s.cap("moderate", _("Blood pressure {bp} is 160/100 or higher: get medical clearance; keep to moderate "
                            "intensity at most.", bp=bp_text), flag="stage2", clearance=True, tag="plan:hypertension")
        s.alerts.append(_("Blood pressure {bp} needs a doctor's review before training.", bp=bp_text))
    other = sorted(symptoms & set(OTHER_SYMPTOMS))
    if other:
        s.cap("moderate", _("Signs that need a doctor's review ({names}): get medical clearance; keep to moderate "
                            "intensity at most.", names=names(other)), flag="symptom", clearance=True,
              tag="plan:screening")

    disease = sorted(conditions & set(KNOWN_DISEASE))
    if disease:
        if inactive:
            s.cap("moderate", _("Known {names} and not currently active: ACSM screening recommends medical clearance "
                                "first, then light-to-moderate exercise, progressing gradually.",
                                names=names(disease)), flag="known_disease", clearance=True, tag="plan:screening")
        else:
            s.cap("moderate", _("Known {names}: continue at moderate intensity; get medical clearance before "
                                "vigorous exercise.", names=names(disease)), flag="known_disease", tag="plan:screening")
        if "heart_disease" in disease:
            s.cite_tags.append("plan:heart-disease")
        if {"type1_diabetes", "type2_diabetes"} & set(disease):
            s.cite_tags.append("plan:diabetes")
            s.alerts.append(_("With diabetes: check blood glucose before and after exercise and carry "
                              "fast-acting carbohydrate."))
        if "kidney_disease" in disease:
            s.cite_tags.append("plan:kidney")

    hypertensive = "hypertension" in conditions or (p.bp_systolic is not None and p.bp_diastolic is not None
                                                    and (p.bp_systolic >= 140 or p.bp_diastolic >= 90))
    if hypertensive and "red_flag" not in s.flags and "stage2" not in s.flags:
        s.cap("moderate", _("With high blood pressure: moderate intensity, no breath-holding when lifting."),
              flag="hypertension", tag="plan:hypertension")
    elif band == "stage1" and "hypertension" not in conditions:
        s.alerts.append(_("Blood pressure {bp} is in the stage 1 range: recheck it and mention it to your doctor.",
                          bp=bp_text))

    if "pregnancy" in conditions:
        if inactive:
            s.cap("moderate", _("Pregnant and not currently active: build up gradually at moderate intensity at "
                                "most."), flag="pregnancy", tag="plan:pregnancy")
        else:
            s.cap("vigorous", _("Pregnant and already active: continue with your obstetric provider's agreement."),
                  flag="pregnancy", tag="plan:pregnancy")
        s.alerts.append(_("In pregnancy, stop and call your provider for bleeding, fluid leakage, regular painful "
                          "contractions, chest pain, dizziness or calf pain or swelling."))
    for cond, tag, text in (
        ("asthma", "plan:asthma", N_("With asthma: warm up gradually and keep your reliever inhaler with you.")),
        ("osteoporosis", "plan:osteoporosis", N_("With osteoporosis: no high-impact jumps or loaded spinal twisting "
         "and bending; strength and balance work are encouraged.")),
        ("osteoarthritis", "plan:osteoarthritis", N_("With osteoarthritis: low-impact activity; some discomfort is "
         "acceptable if it settles within a day.")),
    ):
        if cond in conditions:
            s.reasons.append(_(text))
            s.cite_tags.append(tag)
            s.flags.add(cond)
    unknown = sorted(c for c in conditions if c not in CONDITIONS_HANDLED)
    if unknown:
        s.cap("moderate", _("Condition(s) FitCoach has no specific rules for ({names}): moderate intensity at most; "
                            "ask your doctor what is safe.", names=", ".join(unknown)), flag="unknown_condition",
              tag="plan:screening")

    if p.resting_hr is not None and p.resting_hr > 100:
        s.cap("moderate", _("Resting heart rate {bpm} bpm is above 100: have it checked by a doctor first.",
                            bpm=p.resting_hr), flag="tachycardia", clearance=True, tag="plan:rhr-trend")
        s.alerts.append(_("Resting heart rate {bpm} bpm is high for rest: see a doctor.", bpm=p.resting_hr))
    if p.is_beginner_or_inactive and not s.restricted:
        s.flags.add("beginner")
        s.cite_tags.append("plan:beginner-start")
    if p.age >= 65:
        s.flags.add("older")
    if p.sleep_hours is not None and p.sleep_hours < 6:
        s.alerts.append(_("Sleep of {hours} h a night is short for recovery; most adults need at least 7 h.",
                          hours=f"{p.sleep_hours:g}"))
    if p.bmi >= 35:
        s.flags.add("high_bmi")
    return s

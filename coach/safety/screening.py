"""Pre-participation screening: ACSM 2015 algorithm, PAR-Q+-style red flags, ACC/AHA 2017 BP bands."""
from __future__ import annotations

from dataclasses import dataclass, field

from coach.domain.limits import (BP_CLEARANCE, BP_RED_FLAG, BP_STAGE2, HIGH_BMI, OLDER_ADULT_AGE, SHORT_SLEEP_H,
                                 bp_band, bp_reaches, rhr_alarming)
from coach.domain.profile import Profile
from coach.domain.vocab import RED_FLAG_SYMPTOMS
from coach.i18n import N_, t

LEVELS = ("light", "moderate", "vigorous")
OTHER_SYMPTOMS = ("ankle_swelling", "leg_pain_walking")  # ACSM signs/symptoms that are not emergencies
KNOWN_DISEASE = ("heart_disease", "type1_diabetes", "type2_diabetes", "kidney_disease")
CONDITIONS_HANDLED = KNOWN_DISEASE + ("hypertension", "asthma", "pregnancy", "osteoporosis", "osteoarthritis")
# conditions that add a reason and a citation but no intensity cap
ADVISORY_CONDITIONS = (
    ("asthma", "plan:asthma", N_("With asthma: warm up gradually and keep your reliever inhaler with you.")),
    ("osteoporosis", "plan:osteoporosis", N_("With osteoporosis: no high-impact jumps or loaded spinal twisting "
     "and bending; strength and balance work are encouraged.")),
    ("osteoarthritis", "plan:osteoarthritis", N_("With osteoarthritis: low-impact activity; some discomfort is "
     "acceptable if it settles within a day.")),
)


def rank(label: str | None) -> int:
    """light < moderate < vigorous; a missing label counts as moderate."""
    return LEVELS.index(label) if label in LEVELS else 1


def lower(a: str, b: str) -> str:
    """The gentler of two intensity labels."""
    return a if rank(a) <= rank(b) else b


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
        """Lower the cap to `label`, recording why (reason, flag, citation tag)."""
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
        """The plan contract's safety object."""
        return {"clearance_required": self.clearance_required, "intensity_cap": self.intensity_cap,
                "reasons": list(self.reasons), "alerts": list(self.alerts)}


@dataclass(frozen=True)
class _Texts:
    """Translation into the screening's language (named `_` at call sites so msgids are extracted)."""

    lang: str

    def __call__(self, msgid: str, **kw: object) -> str:
        return t(self.lang, msgid, **kw)

    def names(self, items: list[str]) -> str:
        return ", ".join(self(x.replace("_", " ")) for x in items)


def _bp_text(p: Profile) -> str:
    return f"{p.bp_systolic}/{p.bp_diastolic} mmHg" if bp_band(p.bp_systolic, p.bp_diastolic) else ""


def _red_flags(p: Profile, s: Screening, _: _Texts) -> None:
    """Red-flag symptoms, then blood pressure at the red-flag or clearance level."""
    red = sorted(set(p.symptoms) & set(RED_FLAG_SYMPTOMS))
    if red:
        s.cap("light", _("Symptoms that can signal heart or lung disease ({names}): see a doctor before any "
                         "exercise harder than light activity.", names=_.names(red)),
              flag="red_flag", clearance=True, tag="plan:red-flags")
        s.alerts.append(_("Stop and seek medical care at once if chest pain, fainting, severe breathlessness or a "
                          "racing or irregular heartbeat occur."))
    bp_text = _bp_text(p)
    if bp_reaches(p.bp_systolic, p.bp_diastolic, BP_RED_FLAG):
        s.cap("light", _("Blood pressure {bp} is at or above 180/110: it must be treated before exercise beyond "
                         "light activity.", bp=bp_text), flag="red_flag", clearance=True, tag="plan:bp-bands")
        crisis = bp_band(p.bp_systolic, p.bp_diastolic) == "crisis"
        s.alerts.append(_("Blood pressure {bp} is a hypertensive crisis: seek medical care today.", bp=bp_text)
                        if crisis else _("Blood pressure {bp} is very high: contact a doctor promptly.", bp=bp_text))
    elif bp_reaches(p.bp_systolic, p.bp_diastolic, BP_CLEARANCE):
        s.cap("moderate", _("Blood pressure {bp} is 160/100 or higher: get medical clearance; keep to moderate "
                            "intensity at most.", bp=bp_text), flag="stage2", clearance=True, tag="plan:hypertension")
        s.alerts.append(_("Blood pressure {bp} needs a doctor's review before training.", bp=bp_text))
    other = sorted(set(p.symptoms) & set(OTHER_SYMPTOMS))
    if other:
        s.cap("moderate", _("Signs that need a doctor's review ({names}): get medical clearance; keep to moderate "
                            "intensity at most.", names=_.names(other)), flag="symptom", clearance=True,
              tag="plan:screening")


def _known_disease(p: Profile, s: Screening, _: _Texts) -> None:
    """ACSM 2015: known cardiovascular, metabolic or renal disease."""
    disease = sorted(set(p.conditions) & set(KNOWN_DISEASE))
    if not disease:
        return
    if p.currently_active is not True:  # unknown counts as inactive (the conservative branch)
        s.cap("moderate", _("Known {names} and not currently active: ACSM screening recommends medical clearance "
                            "first, then light-to-moderate exercise, progressing gradually.",
                            names=_.names(disease)), flag="known_disease", clearance=True, tag="plan:screening")
    else:
        s.cap("moderate", _("Known {names}: continue at moderate intensity; get medical clearance before "
                            "vigorous exercise.", names=_.names(disease)), flag="known_disease", tag="plan:screening")
    if "heart_disease" in disease:
        s.cite_tags.append("plan:heart-disease")
    if {"type1_diabetes", "type2_diabetes"} & set(disease):
        s.cite_tags.append("plan:diabetes")
        s.alerts.append(_("With diabetes: check blood glucose before and after exercise and carry "
                          "fast-acting carbohydrate."))
    if "kidney_disease" in disease:
        s.cite_tags.append("plan:kidney")


def _hypertension(p: Profile, s: Screening, _: _Texts) -> None:
    """Known or measured high blood pressure below the clearance level: moderate at most."""
    conditions = set(p.conditions)
    hypertensive = "hypertension" in conditions or bp_reaches(p.bp_systolic, p.bp_diastolic, BP_STAGE2)
    if hypertensive and "red_flag" not in s.flags and "stage2" not in s.flags:
        s.cap("moderate", _("With high blood pressure: moderate intensity, no breath-holding when lifting."),
              flag="hypertension", tag="plan:hypertension")
    elif bp_band(p.bp_systolic, p.bp_diastolic) == "stage1" and "hypertension" not in conditions:
        s.alerts.append(_("Blood pressure {bp} is in the stage 1 range: recheck it and mention it to your doctor.",
                          bp=_bp_text(p)))


def _other_conditions(p: Profile, s: Screening, _: _Texts) -> None:
    """Pregnancy, the advisory conditions, and conditions without specific rules."""
    conditions = set(p.conditions)
    if "pregnancy" in conditions:
        if p.currently_active is not True:
            s.cap("moderate", _("Pregnant and not currently active: build up gradually at moderate intensity at "
                                "most."), flag="pregnancy", tag="plan:pregnancy")
        else:
            s.cap("vigorous", _("Pregnant and already active: continue with your obstetric provider's agreement."),
                  flag="pregnancy", tag="plan:pregnancy")
        s.alerts.append(_("In pregnancy, stop and call your provider for bleeding, fluid leakage, regular painful "
                          "contractions, chest pain, dizziness or calf pain or swelling."))
    for cond, tag, text in ADVISORY_CONDITIONS:
        if cond in conditions:
            s.reasons.append(_(text))
            s.cite_tags.append(tag)
            s.flags.add(cond)
    unknown = sorted(c for c in conditions if c not in CONDITIONS_HANDLED)
    if unknown:
        s.cap("moderate", _("Condition(s) FitCoach has no specific rules for ({names}): moderate intensity at most; "
                            "ask your doctor what is safe.", names=", ".join(unknown)), flag="unknown_condition",
              tag="plan:screening")


def _vitals_and_status(p: Profile, s: Screening, _: _Texts) -> None:
    """Resting heart rate, training status, age, sleep and BMI."""
    if rhr_alarming(p.resting_hr):
        s.cap("moderate", _("Resting heart rate {bpm} bpm is above 100: have it checked by a doctor first.",
                            bpm=p.resting_hr), flag="tachycardia", clearance=True, tag="plan:rhr-trend")
        s.alerts.append(_("Resting heart rate {bpm} bpm is high for rest: see a doctor.", bpm=p.resting_hr))
    if p.is_beginner_or_inactive and not s.restricted:
        s.flags.add("beginner")
        s.cite_tags.append("plan:beginner-start")
    if p.age >= OLDER_ADULT_AGE:
        s.flags.add("older")
    if p.sleep_hours is not None and p.sleep_hours < SHORT_SLEEP_H:
        s.alerts.append(_("Sleep of {hours} h a night is short for recovery; most adults need at least 7 h.",
                          hours=f"{p.sleep_hours:g}"))
    if p.bmi >= HIGH_BMI:
        s.flags.add("high_bmi")


def screen(p: Profile, lang: str | None = None) -> Screening:
    """Run the screening on a validated profile; texts in `lang` (default: the profile's)."""
    texts = _Texts(lang or p.language or "en")
    s = Screening()
    # the order matters: reasons, alerts and citation tags come out in this order
    for rule in (_red_flags, _known_disease, _hypertension, _other_conditions, _vitals_and_status):
        rule(p, s, texts)
    return s


__all__ = ["LEVELS", "RED_FLAG_SYMPTOMS", "OTHER_SYMPTOMS", "KNOWN_DISEASE", "CONDITIONS_HANDLED", "Screening",
           "bp_band", "lower", "rank", "screen"]

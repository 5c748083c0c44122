"""Pre-participation screening: ACSM 2015 algorithm, PAR-Q+-style red flags, ACC/AHA 2017 BP bands. A red flag
(symptoms, or resting BP at or above 180/110) is a hard stop: no plan until a doctor's clearance is recorded (rule 19).
Whatever needs clearance keeps every session light until then (rule 20); with clearance recorded, the plan is light to
moderate and honours the doctor's limits (heart disease and careful starts: coach.safety.starts)."""
from __future__ import annotations

from dataclasses import dataclass, field

from coach.domain.limits import (BP_CLEARANCE, BP_PREGNANCY_STOP, BP_RED_FLAG, BP_STAGE2, HIGH_BMI, OLDER_ADULT_AGE,
                                 RECOMMENDED_SLEEP_H, YOUTH_BELOW_AGE, bp_band, bp_reaches, rhr_alarming)
from coach.domain.profile import Profile
from coach.domain.vocab import (insulin_user, BP_EMERGENCY_SYMPTOMS, CONDITION_INJURIES, FRAILTY_CONDITIONS, GLUCOSE_LOWERING_MEDICATIONS,
                                POSTPARTUM_CONDITIONS, PREGNANCY_CONTRAINDICATIONS, PREGNANCY_WARNING_SYMPTOMS,
                                RED_FLAG_SYMPTOMS, RISK_FACTOR_CONDITIONS, RPE_ONLY_CONDITIONS, WRITTEN_IN_CONDITIONS)
from coach.i18n import N_, t
from coach.safety import advisories, parkinsons as pd, risk_factors, written_in
from coach.safety.advisories import ADVISORY_CONDITIONS, BACK_RED_FLAGS, bp_emergency
from coach.safety.alerts import glucose_rules, hard_stop
from coach.safety.doctor_limits import borg_on_cr10, apply_limits
from coach.safety.copd import copd
from coach.safety.postpartum import postpartum
from coach.safety.pregnancy_effort import pregnancy_effort
from coach.safety.starts import HEART_ACTIVE, careful_start

LEVELS = ("light", "moderate", "vigorous")
OTHER_SYMPTOMS = ("ankle_swelling", "leg_pain_walking")  # ACSM signs/symptoms that are not emergencies
# kb-sleep-001 (Watson et al. 2015; Fullagar et al. 2015): a lighter day after short nights
SLEEP_ADVICE = N_("After a short or broken night, make that day lighter (easy cardio, technique or mobility) instead of "
                  "a hard session, and keep the hard session for a better-rested day.")
KNOWN_DISEASE = ("heart_disease", "type1_diabetes", "type2_diabetes", "kidney_disease")
# cardiovascular conditions screened like known disease (ACSM 2015: cardiovascular includes cerebrovascular)
CARDIOVASCULAR_MORE = ("stroke", "atrial_fibrillation", "pacemaker")
CONDITIONS_HANDLED = KNOWN_DISEASE + CARDIOVASCULAR_MORE + BACK_RED_FLAGS + PREGNANCY_CONTRAINDICATIONS \
    + ("hypertension", "asthma", "pregnancy", "osteoporosis", "osteoarthritis", "copd") + FRAILTY_CONDITIONS \
    + POSTPARTUM_CONDITIONS + tuple(CONDITION_INJURIES) + RISK_FACTOR_CONDITIONS + WRITTEN_IN_CONDITIONS + pd.PD_CONDITIONS
DISEASE_TAGS = {"heart_disease": "plan:heart-disease", "type1_diabetes": "plan:diabetes",
                "type2_diabetes": "plan:diabetes", "kidney_disease": "plan:kidney", "stroke": "plan:stroke",
                "atrial_fibrillation": "plan:afib", "pacemaker": "plan:pacemaker"}


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
    reason_tags: list[tuple[str, str]] = field(default_factory=list)  # (reason or alert, the tag that supports it)
    hard_stop: dict | None = None  # PLAN_RULES 19: why, what now, emergency signs, how to resume
    cleared_after: list[str] = field(default_factory=list)  # findings a recorded clearance covers
    hr_ceiling: int | None = None  # a doctor's heart-rate limit (bpm), from the clearance's limits text
    load_ceiling_kg: float | None = None  # a doctor's lifting limit (kg), from the clearance's limits text

    def cite(self, text: str, tag: str | None) -> None:
        """Record that `tag`'s passage supports `text` (a reason or alert)."""
        if tag:
            if tag not in self.cite_tags:
                self.cite_tags.append(tag)
            self.reason_tags.append((text, tag))

    def reason(self, text: str, tag: str | None = None) -> None:
        """Add a reason (once) and the citation tag behind it."""
        if text not in self.reasons:
            self.reasons.append(text)
            self.cite(text, tag)

    def alert(self, text: str, tag: str | None = None) -> None:
        """Add an alert (once) and the citation tag behind it."""
        if text not in self.alerts:
            self.alerts.append(text)
            self.cite(text, tag)

    def cap(self, label: str, reason: str, *, flag: str, clearance: bool = False, tag: str | None = None) -> None:
        """Lower the cap to `label`, recording why (reason, flag, citation tag); clearance pending means light."""
        self.intensity_cap = lower(self.intensity_cap, label)
        if clearance:
            self.clearance_required = True
            self.intensity_cap = "light"  # PLAN_RULES 20: every session light until cleared
        self.reason(reason, tag)
        self.flags.add(flag)

    @property
    def restricted(self) -> bool:
        """A red flag or stage-2 BP restricts the plan (dose and strength rules relax)."""
        return bool(self.flags & {"red_flag", "stage2"})

    def to_json(self) -> dict:
        """The plan contract's safety object (plus the hard stop and the medical notes when there are any)."""
        out: dict = {"clearance_required": self.clearance_required, "intensity_cap": self.intensity_cap,
                     "reasons": list(self.reasons), "alerts": list(self.alerts)}
        if self.hard_stop:
            out["hard_stop"] = dict(self.hard_stop)
        if "pregnancy" in self.flags:
            out["provider_consult"] = True
        if "rpe_only" in self.flags:
            out["heart_rate_zones"] = False
        if self.hr_ceiling:
            out["hr_ceiling_bpm"] = self.hr_ceiling  # a doctor's limit: zones are capped, every session says it
        return out


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


def _bp_which(p: Profile, limit: tuple[int, int], _: _Texts) -> str:
    """Which number reached the limit: 'systolic at or above 180', 'diastolic at or above 110', or both."""
    parts = []
    if p.bp_systolic is not None and p.bp_systolic >= limit[0]:
        parts.append(_("systolic at or above {n}", n=limit[0]))
    if p.bp_diastolic is not None and p.bp_diastolic >= limit[1]:
        parts.append(_("diastolic at or above {n}", n=limit[1]))
    return _(" and ").join(parts)


def _needs_clearance(p: Profile, s: Screening, finding: str, reason: str, *, flag: str, tag: str,
                     cleared_cap: str = "moderate", covered: bool | None = None) -> None:
    """A finding that needs a doctor: light until cleared, then at most `cleared_cap` (light-to-moderate);
    `covered`: whether the recorded clearance covers this finding (default: any recorded clearance does)."""
    if p.cleared if covered is None else covered:
        s.cleared_after.append(finding)
        s.intensity_cap = lower(s.intensity_cap, cleared_cap)
        s.flags.add(flag)
        if tag not in s.cite_tags:
            s.cite_tags.append(tag)
    else:
        s.cap("light", reason, flag=flag, clearance=True, tag=tag)


def _stop(s: Screening, lang: str, reason: str, tag: str, *, bp: bool, urgency: str) -> None:
    """Record a hard stop (the most urgent one wins) and its reason's citation."""
    order = ("emergency", "today", "provider", "prompt")
    if s.hard_stop and order.index(s.hard_stop["urgency"]) <= order.index(urgency):
        s.hard_stop["reason"] = f"{s.hard_stop['reason']} {reason}"
    else:
        old = s.hard_stop["reason"] + " " if s.hard_stop else ""
        s.hard_stop = hard_stop(lang, old + reason if old else reason, bp=bp, urgency=urgency)
    s.flags.add("hard_stop")
    s.cite(reason, tag)


def _red_flags(p: Profile, s: Screening, _: _Texts) -> None:
    """Red-flag symptoms and BP at or above 180/110: a hard stop until cleared; a current crisis reading stays one."""
    red = sorted(set(p.symptoms) & set(RED_FLAG_SYMPTOMS))
    if red:
        text = _("Symptoms that can signal heart or lung disease ({names}): no exercise plan until a doctor has "
                 "seen you.", names=_.names(red))
        covered = p.symptoms_cleared
        _needs_clearance(p, s, _.names(red), text, flag="red_flag", tag="plan:red-flags", covered=covered)
        if not covered:
            if not bp_emergency(p):  # else the BP alert below is the one instruction
                s.alert(_("See a doctor today or tomorrow about these symptoms; call emergency services at once if "
                          "chest pain lasts more than a few minutes, or with fainting or severe breathlessness."), "plan:red-flags")
            _stop(s, _.lang, text, "plan:hard-stop", bp=False, urgency="prompt")
    bp_text = _bp_text(p)
    if bp_reaches(p.bp_systolic, p.bp_diastolic, BP_RED_FLAG):
        text = _("Blood pressure {bp}: {which}. It must be evaluated and controlled before you exercise.",
                 bp=bp_text, which=_bp_which(p, BP_RED_FLAG, _))
        covered = p.bp_cleared
        _needs_clearance(p, s, bp_text, text, flag="red_flag", tag="plan:bp-bands", covered=covered)
        if not covered:
            urgent = sorted(set(p.symptoms) & set(BP_EMERGENCY_SYMPTOMS))
            if urgent:
                s.alert(_("Blood pressure {bp} with {names}: if you have them right now, call emergency services "
                          "now, as it can be a hypertensive emergency; if not, see a doctor today and do not "
                          "exercise.", bp=bp_text, names=_.names(urgent)), "plan:bp-bands")
            else:
                s.alert(_("Blood pressure {bp} is dangerously high: have it checked by a doctor today.", bp=bp_text),
                        "plan:bp-bands")
            _stop(s, _.lang, text, "plan:hard-stop", bp=True, urgency="emergency" if urgent else "today")
    elif bp_reaches(p.bp_systolic, p.bp_diastolic, BP_CLEARANCE):
        _needs_clearance(p, s, bp_text, _("Blood pressure {bp} ({which}): get medical clearance first; until then "
                                          "keep to light activity.", bp=bp_text, which=_bp_which(p, BP_CLEARANCE, _)),
                         flag="stage2", tag="plan:hypertension")
        s.alert(_("Blood pressure {bp} needs a doctor's review before training.", bp=bp_text), "plan:hypertension")
    other = sorted(set(p.symptoms) & set(OTHER_SYMPTOMS))
    if other:
        _needs_clearance(p, s, _.names(other), _("Signs that need a doctor's review ({names}): get medical clearance; "
                                                 "until then keep to light activity.", names=_.names(other)),
                         flag="symptom", tag="plan:screening")


def _known_disease(p: Profile, s: Screening, _: _Texts) -> None:
    """ACSM 2015: known cardiovascular, metabolic or renal disease."""
    disease = sorted(set(p.conditions) & set(KNOWN_DISEASE + CARDIOVASCULAR_MORE))
    if not disease:
        return
    tag = DISEASE_TAGS[disease[0]]
    if "hard_stop" in s.flags:  # no sessions at all: "continue at moderate intensity" would contradict it
        s.reason(_("Tell the doctor about {names} too.", names=_.names(disease)), tag)
        s.flags.add("known_disease")
    elif p.currently_active is not True:  # unknown counts as inactive (the conservative branch)
        _needs_clearance(p, s, _.names(disease), _("Known {names} and not currently active: ACSM screening recommends "
                                                   "medical clearance first; until then keep to light activity.",
                                                   names=_.names(disease)), flag="known_disease",
                         tag="plan:screening")  # the claim is ACSM's screening algorithm's (kb-screening-001)
    elif "heart_disease" in disease:  # light until a cardiologist clears or rehab starts (kb-cardiac-rehab-001)
        _needs_clearance(p, s, _.names(disease), _(HEART_ACTIVE), flag="known_disease", tag="plan:cardiac-rehab")
    elif p.cleared:
        s.cap("moderate", _("Known {names}, cleared by your doctor: moderate intensity at most, within the limits "
                            "they gave.", names=_.names(disease)), flag="known_disease", tag=tag)
    else:
        s.cap("moderate", _("Known {names}: continue at moderate intensity; get medical clearance before "
                            "vigorous exercise.", names=_.names(disease)), flag="known_disease",
              tag="plan:screening")  # ACSM 2015's rule for active people with known disease (kb-screening-001)
    s.cite_tags.extend(DISEASE_TAGS[d] for d in disease if DISEASE_TAGS[d] not in s.cite_tags)
    if "heart_disease" in disease:  # cleared or not, rehab is the recommended first step (kb-cvd-001, AHA/AACVPR)
        advisories.cardiac_rehab(p, s, _)
    if {"type1_diabetes", "type2_diabetes"} & set(disease):
        s.alert(_("With diabetes: check blood glucose before and after exercise and carry fast-acting "
                  "carbohydrate."), "plan:diabetes")
    if "stroke" in disease:
        s.reason(_("After a stroke: balance work near support and gradual progression, agreed with your care "
                   "team."), "plan:stroke")


def _hypertension(p: Profile, s: Screening, _: _Texts) -> None:
    """Known or measured high blood pressure below the clearance level: moderate at most."""
    conditions = set(p.conditions)
    hypertensive = "hypertension" in conditions or bp_reaches(p.bp_systolic, p.bp_diastolic, BP_STAGE2)
    if hypertensive and "red_flag" not in s.flags and "stage2" not in s.flags:
        s.cap("moderate", _("With high blood pressure: moderate intensity, no breath-holding when lifting."),
              flag="hypertension", tag="plan:hypertension")
        if "hypertension" not in conditions:  # a stage 2 reading with no diagnosis: re-measure, see the doctor
            s.alert(_("Blood pressure {bp} is in the stage 2 range: re-measure after 5 minutes of seated rest on two "
                      "different days, and see your doctor about it.", bp=_bp_text(p)), "plan:bp-bands")
    elif bp_band(p.bp_systolic, p.bp_diastolic) == "stage1" and "hypertension" not in conditions:
        s.alert(_("Blood pressure {bp} is in the stage 1 range: recheck it and mention it to your doctor.",
                  bp=_bp_text(p)), "plan:bp-bands")


def _pregnancy_stop(p: Profile, s: Screening, _: _Texts) -> None:
    """ACOG 2020 absolute contraindications and warning signs: no exercise until the obstetric provider says so."""
    found = []
    bp_high = bp_reaches(p.bp_systolic, p.bp_diastolic, BP_PREGNANCY_STOP)
    if bp_high:
        found.append(_("blood pressure {bp} (possible pre-eclampsia or pregnancy high blood pressure)", bp=_bp_text(p)))
    signs = sorted(set(p.symptoms) & set(PREGNANCY_WARNING_SYMPTOMS))
    if signs:
        found.append(_.names(signs))
    contra = sorted(set(p.conditions) & set(PREGNANCY_CONTRAINDICATIONS))
    if contra:
        found.append(_.names(contra))
    if not found:
        return
    text = _("In pregnancy, {findings}: no exercise until your obstetric provider has checked you.",
             findings="; ".join(found))
    covered = (p.bp_cleared or not bp_high) and p.symptoms_cleared
    _needs_clearance(p, s, "; ".join(found), text, flag="red_flag", tag="plan:pregnancy-warning-signs",
                     cleared_cap="light", covered=covered)
    if not covered:
        s.alert(_("Pregnancy warning sign: stop exercising and contact your obstetric provider or maternity unit "
                  "today."), "plan:pregnancy-warning-signs")
        _stop(s, _.lang, text, "plan:pregnancy-warning-signs", bp=bp_high, urgency="provider")


def _pregnancy(p: Profile, s: Screening, _: _Texts) -> None:
    """ACOG 2020: provider consult, no heavy lifting or breath-holding, no lying flat after the first trimester."""
    if "pregnancy" not in p.conditions:
        return
    _pregnancy_stop(p, s, _)
    pregnancy_effort(p, s, _)  # moderate, or vigorous for a trained woman her provider cleared (rule 90)
    s.reason(_("Talk to your obstetric provider before starting or changing exercise in pregnancy. No heavy barbell "
               "lifts, no breath-holding, no contact sports or activities with a risk of falling; a stationary bike "
               "rather than cycling outdoors."), "plan:pregnancy")
    # a 12-week plan started in the first trimester runs into the second: nothing on the back even then
    s.flags.add("no_supine" if p.pregnancy_trimester != 1 else "no_lying_on_back")
    s.reason(_(N_("After the first trimester: no exercises lying flat on your back.") if p.pregnancy_trimester != 1
               else N_("No exercises lying flat on your back: this plan runs into the second trimester.")),
             "plan:pregnancy-trimester")
    s.reason(_("Pregnancy changes month by month: re-check the plan with your provider every four weeks and update "
               "your trimester when it changes, so the plan is rebuilt with that trimester's rules."),
             "plan:pregnancy-trimester")
    s.alert(_("In pregnancy, stop and call your provider for bleeding, fluid leakage, regular painful contractions, "
              "chest pain, dizziness, headache, muscle weakness affecting your balance, calf pain or swelling, or "
              "breathlessness before exertion."), "plan:pregnancy-warning-signs")


def _other_conditions(p: Profile, s: Screening, _: _Texts) -> None:
    """COPD, the advisory conditions, and conditions without specific rules."""
    conditions = set(p.conditions)
    if "copd" in conditions:
        copd(s, _)
    for cond, tag, text in ADVISORY_CONDITIONS:
        if cond in conditions:
            s.reason(_(text), tag)
            s.flags.add(cond)
    unknown = sorted(c for c in conditions if c not in CONDITIONS_HANDLED and "insulin" not in c)  # (an insulin pump: insulin)
    if unknown and "hard_stop" in s.flags:  # no sessions at all: a "moderate at most" reason would contradict it
        s.reason(_("Tell the doctor about {names} too.", names=", ".join(unknown)))
    elif unknown:
        s.cap("moderate", _("Condition(s) FitCoach has no specific rules for ({names}): moderate intensity at most; "
                            "ask your doctor what is safe.", names=", ".join(unknown)), flag="unknown_condition",
              tag="plan:screening")


def _medications(p: Profile, s: Screening, _: _Texts) -> None:
    """Beta-blockers and the RPE-only conditions, glucose-lowering drugs, anticoagulants."""
    meds = set(p.medications) | ({"insulin"} if insulin_user(p) else set())  # type 1 diabetes is treated with insulin
    if p.rpe_only:
        s.flags.add("rpe_only")
        if set(p.conditions) & set(RPE_ONLY_CONDITIONS) == {"copd"} and "beta_blocker" not in meds:
            pass  # the COPD reason already says: effort by breathlessness, not heart rate
        elif "beta_blocker" in meds:
            s.reason(_("Beta-blockers lower your heart rate, so heart-rate zones do not apply: judge effort by RPE "
                       "and the talk test."), "plan:beta-blockers")
        else:
            tag = "plan:pregnancy" if "pregnancy" in p.conditions else (
                "plan:heart-disease" if "heart_disease" in p.conditions else "plan:rpe")
            s.reason(_("Heart-rate zones from an age formula do not fit your situation: judge effort by RPE and the "
                       "talk test, or use a target your doctor gives you."), tag)
    if meds & set(GLUCOSE_LOWERING_MEDICATIONS):
        s.flags.add("glucose")
        type2_only = "type2_diabetes" in p.conditions and "type1_diabetes" not in p.conditions
        s.alert(glucose_rules(_.lang, ketones=not type2_only), "plan:insulin")  # kb-diabetes-001: ketones are type 1's
    if "anticoagulant" in meds:
        s.flags.add("anticoagulant")
        s.reason(_("Anticoagulants: avoid contact sports and activities with a high risk of falls; report unusual "
                   "bruising or bleeding to your doctor."), "plan:anticoagulants")


def _vitals_and_status(p: Profile, s: Screening, _: _Texts) -> None:
    """Resting heart rate, training status, age, sleep and BMI."""
    if rhr_alarming(p.resting_hr):
        _needs_clearance(p, s, f"{p.resting_hr} bpm", _("Resting heart rate {bpm} bpm is above 100: have it checked "
                                                        "by a doctor first.", bpm=p.resting_hr),
                         flag="tachycardia", tag="plan:rhr-trend")
        s.alert(_("Resting heart rate {bpm} bpm is high for rest: see a doctor.", bpm=p.resting_hr), "plan:rhr-trend")
    if p.is_beginner_or_inactive and not s.restricted:
        s.flags.add("beginner")
        s.cite_tags.append("plan:beginner-start")
    s.flags |= ({"older"} if p.age >= OLDER_ADULT_AGE else set()) | ({"youth"} if p.age < YOUTH_BELOW_AGE else set())
    if p.sleep_hours is not None and p.sleep_hours < RECOMMENDED_SLEEP_H:  # kb-sleep-001: at least 7 h (review 15: 6 h)
        s.alert(_("Sleep of {hours} h a night is short for recovery; most adults need at least 7 h.",
                  hours=f"{p.sleep_hours:g}") + " " + _(SLEEP_ADVICE), "plan:recovery-sleep")
    if p.bmi >= HIGH_BMI:
        s.flags.add("high_bmi")


def _clearance(p: Profile, s: Screening, _: _Texts) -> None:
    """A recorded clearance: light to moderate, honouring the doctor's limits conservatively."""
    apply_limits(p, s)
    if p.clearance is not None and p.clearance.limits and not s.cleared_after and "hard_stop" not in s.flags:
        s.reason(_("Your doctor's limits come first: {limits}", limits=p.clearance.limits), "plan:clearance")
    if p.clearance is None or not s.cleared_after:
        return
    c = p.clearance
    limits = c.limits or ""
    s.flags.add("cleared")
    who = c.by or _("your doctor")
    when = c.date.isoformat() if c.date else _("recently")
    text = _("Cleared by {who} ({when}) after: {findings}. The plan stays light to moderate and builds up slowly.",
             who=who, when=when, findings="; ".join(s.cleared_after))
    if limits:
        text += " " + _("Their limits come first: {limits}", limits=limits)
        scales = borg_on_cr10(limits)
        if scales:  # the plan speaks 0-10: say where the doctor's 6-20 ceiling sits on it (kb-rpe-001)
            text += " " + _("(RPE {borg} on the 6-20 scale is about {cr10} on this plan's 0-10 scale.)",
                            borg=scales[0], cr10=scales[1])
    s.reason(text, "plan:clearance")


def screen(p: Profile, lang: str | None = None) -> Screening:
    """Run the screening on a validated profile; texts in `lang` (default: the profile's)."""
    texts = _Texts(lang or p.language or "en")
    s = Screening()
    # the order matters: reasons, alerts and citation tags come out in this order
    for rule in (_red_flags, _known_disease, _hypertension, _pregnancy, postpartum, _other_conditions, risk_factors.run_all,
                 _medications, _vitals_and_status, written_in.run_all, pd.parkinsons, _clearance, careful_start, advisories.run_all):
        rule(p, s, texts)
    return s


__all__ = ["LEVELS", "RED_FLAG_SYMPTOMS", "OTHER_SYMPTOMS", "KNOWN_DISEASE", "CONDITIONS_HANDLED", "Screening", "bp_band", "lower", "rank", "screen"]

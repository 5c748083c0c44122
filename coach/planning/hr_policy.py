"""One heart-rate policy (physician review 15, rule 105): where age-formula heart rates do not apply - atrial
fibrillation, a beta-blocker, heart disease, pregnancy (Profile.rpe_only) - the plan never computes or states an
age-formula or heart-rate-reserve figure. A doctor's heart-rate ceiling stands, always paired with effort (RPE) and
the talk test as the guide and, with atrial fibrillation, the warning that watches and chest straps often misread the
pulse (kb-afib-001: ESC 2020/2024 AF guidelines, ESC 2020 sports cardiology; kb-beta-blockers-001: ACSM 2021)."""
from __future__ import annotations

import re

from coach.domain.profile import Profile
from coach.planning.context import Context

AF = "atrial_fibrillation"
# a heart-rate figure in the plan's text: "126 bpm", "126次/分", "126 次/分钟", "每分钟126次"
BPM = re.compile(r"(\d{2,3})\s*(?:bpm|beats? (?:a|per) minute|次\s*/\s*分|次每分)|每分钟\s*(\d{2,3})\s*次",
                 re.IGNORECASE)


def ceiling_session_note(ctx: Context) -> str:
    """The session note for a doctor's heart-rate ceiling: with a watch or strap where zones apply; where they do not,
    the ceiling beside RPE and the talk test (and, with AF, the device warning)."""
    _ = ctx._
    bpm = ctx.s.hr_ceiling
    if not ctx.p.rpe_only:
        return _("Keep your heart rate under {bpm} bpm, as your doctor said (check it with a chest strap or watch).",
                 bpm=bpm)
    if AF in ctx.p.conditions:
        return _("Keep your heart rate under {bpm} bpm, as your doctor said, but let how it feels (RPE) and the talk "
                 "test guide your effort: with atrial fibrillation watches and chest straps often misread the pulse, "
                 "so if a reading looks wrong, trust how you feel and slow down.", bpm=bpm)
    return _("Keep your heart rate under {bpm} bpm, as your doctor said, but let how it feels (RPE) and the talk test "
             "guide your effort.", bpm=bpm)


def rpe_only_ceiling_notes(ctx: Context) -> list[tuple[str, str]]:
    """The plan-level reason for a doctor's ceiling where age formulas do not apply: no age-formula figure, the
    ceiling stands, effort leads; with AF the device warning, cited to kb-afib-001."""
    _ = ctx._
    bpm = ctx.s.hr_ceiling
    out = [(_("Your doctor's ceiling of {bpm} bpm stands: the plan has no vigorous or interval work and every session "
              "stays under {bpm} bpm. Heart-rate formulas based on age do not apply to you, so how it feels (RPE) "
              "and the talk test guide your effort within that ceiling.", bpm=bpm),
            "plan:beta-blockers" if "beta_blocker" in ctx.p.medications else "plan:clearance")]
    if AF in ctx.p.conditions:
        out.append((_("With atrial fibrillation heart rate is a poor guide: the pulse is irregular and watches and "
                      "chest straps often misread it, so use a reading only as a rough check against your doctor's "
                      "ceiling and go by how it feels."), "plan:afib"))
    return out


def allowed_bpm(p: Profile) -> set[int]:
    """The heart-rate figures an RPE-only plan may state: the doctor's own (the limits text) and the resting rate."""
    limits = p.clearance.limits if p.clearance else ""
    return {int(n) for n in re.findall(r"\d{2,3}", limits or "")} | ({p.resting_hr} if p.resting_hr else set())


def stated_bpm(text: str) -> set[int]:
    """Every heart-rate figure a text states."""
    return {int(a or b) for a, b in BPM.findall(text or "")}

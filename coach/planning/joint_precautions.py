"""A new joint's movement precautions beside its range-of-motion drills and stretches (rule 95; physician review 14;
kb-joint-replacement-001: after a hip replacement, keep the movement precautions the surgeon gave - usually for at
least six weeks, no bending the hip past 90 degrees, no crossing the legs, no twisting the leg or turning the foot
inward (Leeds Teaching Hospitals NHS Trust; London Health Sciences Centre); after a shoulder replacement, move the arm
only as far as the surgeon or physiotherapist allows (MedlinePlus)).

Engine: every session of someone with a joint replacement that lists a range-of-motion drill or a stretch (a
catalog mobility exercise) carries the replaced joint's note (the hip's applies to every exercise of the session).
Check (rule 95): every such session carries the note."""
from __future__ import annotations

from typing import Any

from coach.i18n import N_, t
from coach.planning.checks import Violation
from coach.planning.joint_replacement import joints
from knowledge.catalog import load_catalog

RULE = 95
NOTES = {
    "hip_replacement": N_("New hip: keep the movement precautions your surgeon gave you, for as long as they set "
                          "(often at least 6 weeks), in these drills and stretches and in every exercise. They usually "
                          "are: do not bend the hip past 90 degrees (knee no higher than the hip), do not cross your "
                          "legs, and do not twist the leg or turn the foot inward."),
    "knee_replacement": N_("New knee: do the range-of-motion drills and stretches within the limits your surgeon or "
                           "physiotherapist gave you."),
    "shoulder_replacement": N_("New shoulder: do the range-of-motion drills and stretches within the movement limits "
                               "your surgeon or physiotherapist gave you; move the arm only as far as they allow."),
    "joint_replacement": N_("New joint: do the range-of-motion drills and stretches within the movement precautions "
                            "your surgeon gave you, for as long as they set."),
}


def _mobility(s: dict) -> bool:
    cat = load_catalog()
    return any(e.get("kind") == "mobility" or (e.get("id") in cat and cat[e["id"]].kind == "mobility")
               for e in s.get("exercises") or [])


def _notes(p: Any, lang: str) -> list[str]:
    return [t(lang, NOTES[j]) for j in joints(p) if j in NOTES]


def joint_precautions(ctx: Any, weeks: list[dict]) -> None:
    """The replaced joints' precaution notes on every session with a drill or stretch, in place."""
    if ctx.has("hard_stop"):
        return
    notes = _notes(ctx.p, ctx.lang)
    for w in weeks:
        for s in w.get("sessions") or []:
            if not _mobility(s):
                continue
            for note in notes:
                if note not in str(s.get("notes") or ""):
                    s["notes"] = (str(s.get("notes") or "") + " " + note).strip()


def check_joint_precautions(plan: dict, weeks: list[dict], b: Any) -> list[Violation]:
    """Rule 95: with a joint replacement, every session listing a range-of-motion drill or stretch carries the
    replaced joint's precautions note."""
    if (plan.get("safety") or {}).get("hard_stop"):
        return []
    notes = _notes(b.profile, str(plan.get("language") or b.profile.language or "en"))
    return [Violation(RULE, f"week {w.get('week')} day {s.get('day')}: a drill or stretch with a joint replacement "
                            "without the surgeon's movement precautions (kb-joint-replacement-001)")
            for w in weeks for s in w.get("sessions") or [] if _mobility(s)
            and not all(n in str(s.get("notes") or "") for n in notes)]

"""What an injury's cited passage asks of the person, in the plan's safety reasons (physician review 8, hard error 3;
PLAN_RULES 69): the pain rule (mild, settled by the next day) and the signs that need a doctor, in our own words from
each area's passage (kb-<area>-001, tagged plan:injury-<area>). Without them the plan cited kb-shoulder-001 while the
person saw only a nutrition line.
"""
from __future__ import annotations

from coach.i18n import N_
from coach.planning.context import Context

INJURY_RULES = {
    "shoulder": N_("Shoulder: keep training, but leave out what provokes the pain. Pain during an exercise should stay "
                   "mild and settle by the next day; stop an exercise that hurts more than that. See a doctor promptly "
                   "if you cannot lift the arm after an injury, the shoulder looks deformed or out of place, it is "
                   "red, hot and swollen or you feel feverish, there is an unexplained lump, or the arm goes numb or "
                   "weak. Shoulder or arm pain with chest pain or breathlessness is an emergency."),
    "knee": N_("Knee: keep pain during exercise mild and settled by the next day, then build depth and load "
               "gradually; stop an exercise that hurts more than that. See a doctor or physiotherapist promptly if the "
               "knee locks or gives way, swells quickly after an injury, cannot take your weight for four steps, "
               "cannot bend to a right angle after a fall or twist, looks deformed, or is hot, red and swollen."),
    "lower_back": N_("Lower back: mild pain that is no worse the next day is fine; bring bending back gradually. Get "
                     "emergency care the same day for new trouble passing urine, loss of bladder or bowel control, "
                     "numbness around the genitals, anus or inner thighs, or leg weakness that is getting worse. See "
                     "a doctor promptly for back pain with fever, unexplained weight loss, a history of cancer, after "
                     "a significant fall, or constant pain that is worse at night."),
    "ankle": N_("Ankle: no jumping, sprinting, cutting or running on uneven ground until you walk and jog without a "
                "limp, hop on the injured leg without pain and balance on it about as well as on the other. Get an "
                "X-ray or a medical check if you could not take four steps right after the injury or the ankle bones "
                "are tender to touch."),
    "hip": N_("Hip: keep pain mild and settled by the next day, and build range and load gradually. Get a prompt "
              "medical check if you cannot take weight after a fall, have deep groin pain when standing or running "
              "that keeps getting worse, or pain at night or with fever."),
    "elbow": N_("Elbow: keep pain mild and settled by the next day. See a doctor promptly after a sudden pop at the "
                "front of the elbow while lifting with bruising, a changed biceps shape or weakness turning the palm "
                "up; if the elbow looks deformed after a fall or locks; or if the ring and little fingers go numb."),
    "neck": N_("Neck: keep pain mild and settling. Get urgent care for neck pain after a fall or collision, or with "
               "dizziness, double vision, trouble speaking or swallowing, a sudden severe headache, clumsy hands or "
               "unsteady walking, or weakness or numbness in both arms or legs. See a doctor for neck pain with fever "
               "or weight loss, or numbness or weakness in one arm."),
    "wrist": N_("Wrist: keep pain mild and settled by the next day, and bring positions back gradually. See a doctor "
                "if the pain followed a fall onto an outstretched hand (especially if the base of the thumb is "
                "tender: a scaphoid fracture is easily missed), if the wrist looks deformed or very swollen, or if the "
                "thumb and fingers go numb or tingle, often worse at night."),
}
# screening's own reasons that already carry an area's red flags (chronic low-back pain: kb-lower-back-002)
COVERED_BY = {"lower_back": ("plan:back-red-flags",)}


def injury_tag(area: str) -> str:
    return "plan:injury-" + area.replace("_", "-")


def injury_notes(ctx: Context) -> list[tuple[str, str]]:
    """One reason per injury area with rules, tagged with its passage's tag (cited by reason_citations)."""
    have = {tag for _, tag in ctx.s.reason_tags}
    return [(ctx._(INJURY_RULES[a]), injury_tag(a)) for a in ctx.p.injuries
            if a in INJURY_RULES and not have & set(COVERED_BY.get(a, ()))]

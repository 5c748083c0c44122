"""A trained lifter's press with a painful shoulder (rule 96; physician review 14; kb-shoulder-001: avoid overhead and
wide-grip pressing while it hurts; substitute neutral-grip (palms facing) dumbbell or floor presses in a pain-free
range, keep pain mild and settled by the next day).

Before: an advanced powerlifter with a barbell and a shoulder injury had wall push-ups at RPE 8-9 - the easiest
push-up regression dosed as near-maximal. Now:
- the shoulder-friendly loaded presses (SHOULDER_PRESSES: a neutral-grip dumbbell floor press, a barbell floor
  press) are offered to someone past the beginner stage with a shoulder injury, so the picker's loaded-press rule
  (exercises.Picker._press_regression) chooses one over a push-up variant;
- those presses, and any wall push-up, are held at RPE 6-7 at most (3-4 repetitions in reserve, kb-powerlifting-001's
  RIR scale) whatever the session's effort, the pain rule in the notes of a painful shoulder's session that has one
  (in place, late in the engine).
Check (rule 96): no wall push-up at RPE 8 or more; with a shoulder injury, no shoulder-friendly press above RPE 7."""
from __future__ import annotations

from typing import Any

from coach.i18n import N_
from coach.planning.checks import Violation
from coach.planning.shoulder_offer import SHOULDER_PRESSES

RULE = 96
EASIEST = ("wall_push_up", "wall_push_up_on_fists", "pool_wall_push_up")  # the first rungs of the push-up ladder
CAP = [6, 7]
NOTE = N_("Shoulder: press in a pain-free range and stop each set 3-4 repetitions short of failure (RPE 6-7); pain "
          "should stay mild and settle by the next day. Add load only while it does.")


def _rpe(e: dict, s: dict) -> list:
    return list(e.get("rpe") or (s.get("intensity") or {}).get("rpe") or [])


def _held(e: dict, injuries: set[str]) -> bool:
    eid = str(e.get("id"))
    return isinstance(e.get("sets"), int) and (eid in EASIEST or (eid in SHOULDER_PRESSES and "shoulder" in injuries))


def hold_presses(ctx: Any, weeks: list[dict]) -> None:
    """Wall push-ups and a painful shoulder's presses at RPE 6-7 at most, with the pain rule, in place."""
    injuries = set(ctx.p.injuries)
    for w in weeks:
        for s in w.get("sessions") or []:
            held = False
            for e in s.get("exercises") or []:
                rpe = _rpe(e, s)
                if _held(e, injuries) and rpe and rpe[-1] > CAP[-1]:
                    e["rpe"] = list(CAP)
                held = held or _held(e, injuries) and (e["id"] in SHOULDER_PRESSES or e.get("rpe") == CAP)
            if held and "shoulder" in injuries and ctx._(NOTE) not in str(s.get("notes") or ""):
                s["notes"] = (str(s.get("notes") or "") + " " + ctx._(NOTE)).strip()


def check_presses(weeks: list[dict], b: Any) -> list[Violation]:
    """Rule 96: no wall push-up at RPE 8 or more; with a shoulder injury, no shoulder-friendly press above RPE 7."""
    injuries = set(b.profile.injuries)
    return [Violation(RULE, f"week {w.get('week')} day {s.get('day')}: {e.get('id')} at RPE {_rpe(e, s)} (the easiest "
                            "push-up or a painful shoulder's press dosed near-maximal; kb-shoulder-001)")
            for w in weeks for s in w.get("sessions") or [] for e in s.get("exercises") or []
            if _held(e, injuries) and _rpe(e, s) and _rpe(e, s)[-1] > CAP[-1]]

"""Plans after giving birth (kb-postpartum-001; numbered after 47).

48 postpartum, caesarean or diastasis recti (not under a hard stop): no running, jumping or high-impact work (about 12
   weeks and a pelvic-floor check come first: the plan cannot know both); every session gives the daily pelvic-floor
   squeezes; with diastasis, no crunches, sit-ups, twists, full or side planks, rollouts or Pallof presses (breathing,
   heel slides and dead-bug steps instead); effort moderate at most (RPE 6).
"""
from __future__ import annotations

import re
from typing import Any

from coach.domain.limits import BLOCK_WEEKS
from knowledge.catalog import Exercise

# a separated tummy: no spinal flexion or twisting, no full or side planks, rollouts or anti-rotation presses
DIASTASIS_AVOID = re.compile(r"plank|pallof|hollow|rollout|bear_crawl|crunch|sit_up|leg_raise|knee_raise|twist|"
                             r"woodchop", re.I)
RUNNING = re.compile(r"\brun|jog|skip|jump|hop|burpee|sprint", re.I)
TOP_RPE = 6  # moderate at most after birth (rule 48)


def postnatal_ok(e: Exercise, flags: set[str]) -> bool:
    """After birth: no impact or running; with diastasis, nothing that flexes, twists or planks the trunk."""
    if "postpartum" not in flags:
        return True
    if e.impact == "high" or e.pattern in ("jump", "olympic", "interval") or RUNNING.search(e.id):
        return False
    return not ("diastasis" in flags and (e.pattern in ("trunk_flexion", "trunk_rotation")
                                          or DIASTASIS_AVOID.search(e.id)))


def postnatal_notes(ctx: Any, week: int) -> list[str]:
    """Every session: the daily pelvic-floor squeezes and the breathing / deep tummy work; a block's first week: the
    check before doing more."""
    if "postpartum" not in ctx.s.flags or "hard_stop" in ctx.s.flags:
        return []
    _ = ctx._
    notes = [_("Pelvic floor, every day: 10 slow squeezes held for up to 5 seconds, then 10 quick ones, sitting or "
               "standing. Breathe out as you lift or push, gently drawing in your lower tummy.")]
    if week == 1:
        notes.append(_("Start this plan after your postnatal check (usually 6-8 weeks after birth); until then, walk "
                       "and do the pelvic floor and breathing work only."))
    elif not (week - 1) % BLOCK_WEEKS and "caesarean" in ctx.s.flags:
        notes.append(_("New block: after your caesarean, agree heavier loads with your doctor or physiotherapist "
                       "before adding them."))
    return notes

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


def runs(ctx: Any) -> bool:
    """Someone the return to running is offered to from 12 weeks after the birth (coach.planning.postnatal_core): the
    goal is fat loss or endurance or running is liked; not disliked, no knee or ankle injury, no clearance pending."""
    wants = ctx.p.goal in ("fat_loss", "endurance") or any(w in ("run", "jog") for w in ctx.likes)
    return wants and not any(w in ("run", "jog") for w in ctx.dislikes) and not {"knee", "ankle"} & ctx.injuries \
        and not ctx.s.clearance_required


def postnatal_notes(ctx: Any, week: int) -> list[str]:
    """Every session: the daily pelvic-floor squeezes and the breathing / deep tummy work; a block's first week: the
    check before doing more."""
    if "postpartum" not in ctx.s.flags or "hard_stop" in ctx.s.flags:
        return []
    _ = ctx._
    notes = [_("Pelvic floor, every day: 10 slow squeezes held for up to 5 seconds, then 10 quick ones, sitting or "
               "standing. Breathe out as you lift or push, gently drawing in your lower tummy.")]
    w0 = ctx.p.weeks_since_birth
    if w0 is not None:
        return notes + _birth_week_notes(ctx, week, w0 + week)
    if week == 1:
        notes.append(_("Start this plan after your postnatal check (usually 6-8 weeks after birth); until then, walk "
                       "and do the pelvic floor and breathing work only."))
    elif not (week - 1) % BLOCK_WEEKS and "caesarean" in ctx.s.flags:
        notes.append(_("New block: after your caesarean, agree heavier loads with your doctor or physiotherapist "
                       "before adding them."))
    return notes


def _birth_week_notes(ctx: Any, week: int, n: int) -> list[str]:
    """What week `n` after the birth (plan week `week`) allows (coach.planning.postnatal_phase): said in each week
    before the check, in the first week of the return and of the rebuild, and at each block after a caesarean."""
    _ = ctx._
    first = week == 1
    if n <= 6:
        return [_("Week {n} after the birth, before your postnatal check (usually 6-8 weeks): walks, the pelvic floor "
                  "and gentle body-weight or band moves only, at an easy effort; no weights yet.", n=n)]
    out = []
    if n <= 12 and (first or n == 7):
        out.append(_("Week {n} after the birth: once your postnatal check says all is well, build back gradually: "
                     "light-to-moderate effort (RPE 4-5), no running or jumping before about 12 weeks. Not had the "
                     "check yet? Keep to walks and the pelvic floor until you have.", n=n))
    if n <= 12 and "caesarean" in ctx.s.flags and (first or n == 7 or not (week - 1) % BLOCK_WEEKS):
        out.append(_("After your caesarean: no planks, sit-ups or heavy lifting that strains your tummy until about "
                     "12 weeks and your doctor or physiotherapist agrees."))
    if n > 12 and (first or n == 13) and not runs(ctx):  # runners: the check itself (postnatal_core.py)
        out.append(_("Week {n} after the birth: running and jumping come back only after a pelvic-floor check and the "
                     "return-to-running load tests (walk 30 minutes, stand on one leg 10 s, 10 single-leg squats, jog "
                     "on the spot 1 minute, 10 hops on each leg, all without leaking, heaviness or pain); this plan "
                     "stays low-impact, so ask a women's health physiotherapist to guide that return.", n=n))
    elif not (week - 1) % BLOCK_WEEKS and "caesarean" in ctx.s.flags and n > 12:
        out.append(_("New block: after your caesarean, agree heavier loads with your doctor or physiotherapist "
                     "before adding them."))
    return out

"""A joint replacement written in (review 13; kb-joint-replacement-001: AAOS OrthoInfo, NHS, Healy et al. 2008): the
injury area's rules come from coach.domain (knee, hip or shoulder), and this adds the passage's own: a named reason,
moderate intensity at most (a condition is never absorbed into its injury area), low-impact activity with no running
or jumping (coach.planning.joint_replacement leaves them out), the physiotherapy programme first and the surgeon asked,
and range-of-motion work for the joint in the sessions. Its warning signs come with the citation (rule 76)."""
from __future__ import annotations

from typing import Any

from coach.domain.profile import Profile
from coach.domain.written_in_more import JOINT_REPLACEMENTS
from coach.i18n import N_

TAG = "plan:joint-replacement"
WHAT = {"knee_replacement": N_("knee replacement"), "hip_replacement": N_("hip replacement"),
        "shoulder_replacement": N_("shoulder replacement"), "joint_replacement": N_("joint replacement")}


def replaced(p: Profile) -> list[str]:
    """The profile's joint replacements, in the order written."""
    return [c for c in p.conditions if c in JOINT_REPLACEMENTS]


def joint_replacement(p: Profile, s: Any, _: Any) -> None:
    """The reason, the moderate cap, and the knee's own advice (kneeling, the bike for range)."""
    joints = replaced(p)
    if not joints or "hard_stop" in s.flags:
        return
    what = ", ".join(_(WHAT[c]) for c in joints)
    s.cap("moderate", _("After a {what}: moderate effort at most, and low-impact activity such as walking, cycling and "
                        "swimming. This plan leaves out running, jumping and other high-impact exercise, which are "
                        "generally not recommended with a new joint; ask your surgeon before taking any of them up. "
                        "In the first months your physiotherapy programme comes first: check this plan with your "
                        "surgeon or physiotherapist.", what=what), flag="joint_replacement", tag=TAG)
    if set(joints) - {"joint_replacement"}:  # a named joint: its range-of-motion drills are in the sessions
        s.reason(_("Range-of-motion exercises for the new joint are part of the sessions; keep doing the ones your "
                   "physiotherapist gave you too."), TAG)
    else:
        s.reason(_("Tell FitCoach which joint was replaced (knee, hip or shoulder) so the plan can add range-of-motion "
                   "work for it."), TAG)
    if "knee_replacement" in joints:
        s.reason(_("After a knee replacement, a stationary bike with little resistance helps the knee regain its bend "
                   "and strength: set the saddle so the leg is nearly straight at the bottom of the stroke and add "
                   "resistance gradually. Kneeling may feel uncomfortable, but it does not harm the new knee."), TAG)

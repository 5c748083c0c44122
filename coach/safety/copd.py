"""COPD (kb-copd-001, kb-beginner-001): effort by breathlessness, pursed-lip breathing, a doctor's review and pulmonary
rehabilitation, no training in a flare-up. ACSM's 2015 screening no longer asks for clearance for lung disease, but
GOLD and ATS/ERS advise a doctor's (or respiratory nurse's) review and pulmonary rehabilitation: the plan starts light
(slight breathlessness, about 2-3 on the 0-10 Borg scale) and builds by breathlessness to moderate (3-4)
(coach.planning.careful). While clearance is pending every session is light (PLAN_RULES 20); under a hard stop there
are no sessions, so the reason gives no breathlessness target at all (review 7: "no sessions" beside "keep to Borg
2-3" contradicted itself)."""
from __future__ import annotations

from typing import Any

from coach.i18n import N_

COPD_STOP = N_("With COPD: tell the doctor about your COPD and ask them or your respiratory nurse about pulmonary "
               "rehabilitation; exercise targets come once they have seen you.")
COPD_START = N_("With COPD: see your doctor or respiratory nurse for a review before you start and ask for a "
                "pulmonary rehabilitation referral. Judge effort by breathlessness, not heart rate: the first weeks "
                "stay light (slight breathlessness, about 2-3 on the 0-10 Borg scale), then moderate to somewhat "
                "severe (3-4) that eases within a few minutes of stopping. Use pursed-lip breathing.")
COPD_PENDING = N_("With COPD: judge effort by breathlessness, not heart rate: until you are cleared, keep to slight "
                  "breathlessness (about 2-3 on the 0-10 Borg scale); once cleared, moderate to somewhat severe (3-4) "
                  "that eases within a few minutes of stopping. Use pursed-lip breathing, and ask your doctor or "
                  "respiratory nurse for a pulmonary rehabilitation referral.")


def copd(s: Any, _: Any) -> None:
    """The COPD cap, target and flare-up alert (no target under a hard stop)."""
    if "hard_stop" in s.flags:
        s.reason(_(COPD_STOP), "plan:copd")
        s.flags.add("copd")
        return
    s.cap("moderate", _(COPD_PENDING if s.clearance_required else COPD_START), flag="copd", tag="plan:copd")
    s.alert(_("With COPD: do not train during a flare-up (more breathless than usual, change in sputum, fever); "
              "use your inhalers as prescribed (your reliever before exercise if advised)."), "plan:copd")

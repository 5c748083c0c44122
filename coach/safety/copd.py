"""COPD (kb-copd-001): effort by breathlessness, pursed-lip breathing, pulmonary rehabilitation, no training in a
flare-up. While clearance is pending every session is light (PLAN_RULES 20), so the breathlessness target is the
light one (about 2-3 on the Borg scale), not the 3-4 of the cleared plan: the two targets agree."""
from __future__ import annotations

from typing import Any

from coach.i18n import N_


def copd(s: Any, _: Any) -> None:
    """The COPD cap, target and flare-up alert."""
    s.cap("moderate", _(N_("With COPD: judge effort by breathlessness, not heart rate: aim for moderate to somewhat "
                           "severe breathlessness (3-4 on the 0-10 Borg scale) that eases within a few minutes of "
                           "stopping; use pursed-lip breathing, and ask your doctor or respiratory nurse for a "
                           "pulmonary rehabilitation referral.") if not s.clearance_required else N_(
        "With COPD: judge effort by breathlessness, not heart rate: until you are cleared, keep to slight "
        "breathlessness (about 2-3 on the 0-10 Borg scale); once cleared, moderate to somewhat severe (3-4) that "
        "eases within a few minutes of stopping. Use pursed-lip breathing, and ask your doctor or respiratory "
        "nurse for a pulmonary rehabilitation referral.")), flag="copd", tag="plan:copd")
    s.alert(_("With COPD: do not train during a flare-up (more breathless than usual, change in sputum, fever); "
              "use your inhalers as prescribed (your reliever before exercise if advised)."), "plan:copd")

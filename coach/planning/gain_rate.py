"""A weight-gain target is judged by the gain rate (physician review 15, rule 107): kb-muscle-gain-energy-001 (Slater
et al. 2019; Iraki et al. 2019): "a gain of about 0.25-0.5 % of body weight a week; much faster gain is mostly fat" -
not the weight-loss passage's 1 % a week (kb-weight-loss-001), which a 15-year-old's +10 kg target was judged by."""
from __future__ import annotations

import math

from coach.domain.profile import Profile
from coach.i18n import t

GAIN_PCT = (0.25, 0.5)  # % of body weight a week (kb-muscle-gain-energy-001)
GAIN_TAG = "plan:muscle-gain-nutrition"


def gains(p: Profile) -> bool:
    """The target is above the present weight."""
    return p.target_weight_kg is not None and p.target_weight_kg > p.weight_kg


def gain_range_kg(weight_kg: float) -> tuple[float, float]:
    """0.25-0.5 % of body weight a week, in kg (two decimals, the top rounded down)."""
    lo, hi = (pct / 100 * weight_kg for pct in GAIN_PCT)
    return round(lo + 1e-9, 2), math.floor(hi * 100 + 1e-6) / 100


def gain_too_fast(p: Profile, rate: float | None) -> bool:
    """A gain faster than 0.5 % of body weight a week."""
    return gains(p) and rate is not None and rate > GAIN_PCT[1] / 100 * p.weight_kg + 1e-9


def gain_alerts(p: Profile, lang: str, rate: float | None) -> list[tuple[str, str]]:
    """The alert for a gain target faster than the gain rate, cited to kb-muscle-gain-energy-001."""
    if not gain_too_fast(p, rate):
        return []
    lo, hi = gain_range_kg(p.weight_kg)
    need = math.ceil(((p.target_weight_kg or p.weight_kg) - p.weight_kg) / hi) if hi else "?"
    return [(t(lang, "Your target of {target} kg in {weeks} weeks means gaining {rate} kg a week. Muscle is built at "
                     "a gain of about 0.25-0.5 % of body weight a week, about {lo}-{hi} kg for you; much faster gain "
                     "is mostly fat. At that rate it takes about {need} weeks.", target=f"{p.target_weight_kg:g}",
               weeks=p.target_weeks, rate=f"{rate:.1f}", lo=f"{lo:.2f}", hi=f"{hi:.2f}", need=need), GAIN_TAG)]

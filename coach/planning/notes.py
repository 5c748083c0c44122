"""Plan-level notes the passages ask for beyond the screening: a teenager's vigorous days and growth-area pain
(kb-youth-dose-001, kb-youth-strength-003), and the energy deficit and safe rate behind an adult's fat-loss goal
(kb-weight-loss-001). Each note carries the tag of the passage that supports it (PLAN_RULES 30)."""
from __future__ import annotations

from coach.domain.limits import FAT_LOSS_DEFICIT_KCAL, safe_rate_kg_week
from coach.planning.context import Context
from coach.planning.ladders import loading_notes
from coach.planning.nutrition import nutrition_notes


def youth_notes(ctx: Context) -> list[tuple[str, str]]:
    """WHO's youth dose beyond the sessions, and the growth-area pain check."""
    _ = ctx._
    return [(_("WHO asks teenagers for an average of 60 minutes of activity a day, with something vigorous (hard "
               "enough that talking is difficult: running games, sport, fast cycling or swimming) on at least 3 days "
               "a week; the sessions here are part of that hour, school sport and active travel add the rest."),
             "plan:youth-dose"),
            (_("Growing bones: pain at a growth area such as the heel or just below the kneecap, joint pain that "
               "keeps coming back, or a limp should be checked by a doctor or physiotherapist before you train "
               "through it."), "plan:youth-strength")]


def fat_loss_notes(ctx: Context) -> list[tuple[str, str]]:
    """An adult's fat-loss goal: the deficit that produces a safe rate, and no crash diet."""
    safe = safe_rate_kg_week(ctx.p.weight_kg)
    return [(ctx._("Fat loss comes mostly from eating a little less alongside the training: a moderate deficit of "
                   "about {kcal} kcal a day, not a crash diet (under 800 kcal a day only with medical supervision). "
                   "Aim for at most {safe} kg a week, judged over several weeks; the first week often drops faster "
                   "from water.", kcal=FAT_LOSS_DEFICIT_KCAL, safe=f"{safe:g}"), "plan:weight-loss-rate")] \
        + postpartum_diet(ctx)


def postpartum_diet(ctx: Context) -> list[tuple[str, str]]:
    """After birth (kb-postpartum-001): if breastfeeding, a modest deficit, slow loss and enough fluid."""
    if "postpartum" not in ctx.s.flags:
        return []
    return [(ctx._("If you are breastfeeding: keep the deficit modest (no aggressive dieting), lose at most about "
                   "0.5 kg a week, eat enough protein and drink enough fluid to keep your milk supply up."),
             "plan:postpartum")]


def plan_notes(ctx: Context) -> list[tuple[str, str]]:
    """The notes for this plan (none while a hard stop holds)."""
    if ctx.has("hard_stop"):
        return []
    out: list[tuple[str, str]] = []
    if ctx.youth:
        out += youth_notes(ctx)
    elif ctx.p.goal == "fat_loss":
        out += fat_loss_notes(ctx)
    return out + cited_notes(ctx)


def cited_notes(ctx: Context) -> list[tuple[str, str]]:
    """The notes whose passages the plan's citations must carry too (the rationale adds their tags)."""
    return nutrition_notes(ctx) + loading_notes(ctx)

"""Why the plan looks as it does: the weight-target alert, the citations, and the plain-words rationale."""
from __future__ import annotations

import math

from coach.domain.limits import RECOMMENDED_SLEEP_H, YOUTH_BELOW_AGE, max_weekly_change_kg, safe_rate_kg_week
from coach.i18n import t
from coach.planning.context import Context, Slot
from coach.planning.template import FACTOR, RESISTANCE
from coach.domain.profile import Profile
from knowledge.corpus import by_tag


def target_alert(p: Profile, lang: str) -> tuple[str | None, float | None]:
    """PLAN_RULES 16: flag targets faster than 1 % of body weight a week, with the safe rate."""
    if p.target_weight_kg is None or not p.target_weeks:
        return None, None
    delta = p.target_weight_kg - p.weight_kg
    rate = abs(delta) / p.target_weeks
    if rate <= max_weekly_change_kg(p.weight_kg) + 1e-9 or abs(delta) < 0.1:
        return None, rate
    safe = safe_rate_kg_week(p.weight_kg)
    weeks_needed = math.ceil(abs(delta) / safe)
    return t(lang, "Your target of {target} kg in {weeks} weeks means {rate} kg a week, faster than the safe rate of "
             "about 1% of body weight: at most {safe} kg per week. At that rate it takes about {need} weeks.",
             target=f"{p.target_weight_kg:g}", weeks=p.target_weeks, rate=f"{rate:.1f}", safe=f"{safe:g}",
             need=weeks_needed), rate


def _session_tags(slots: list[Slot]) -> list[str]:
    tags: list[str] = []
    if any(s.kind in RESISTANCE for s in slots):
        tags += ["plan:strength-fitt", "plan:double-progression"]
    if any(s.kind == "mixed" for s in slots):
        tags.append("plan:mixed-sessions")
    if any(s.kind == "hiit" for s in slots):
        tags.append("plan:hiit")
    return tags


def citation_tags(ctx: Context, slots: list[Slot], has_target_alert: bool) -> list[str]:
    """The knowledge tags the plan rests on, most specific first (screening findings before general dose)."""
    p = ctx.p
    tags: list[str] = []
    if ctx.s.restricted:
        tags += ["plan:red-flags", "plan:screening"]
    tags += list(ctx.s.cite_tags)
    if p.age < YOUTH_BELOW_AGE:
        tags.append("plan:youth")
    tags.append("plan:older-adults" if ctx.older else "plan:aerobic-dose")
    if ctx.older:
        tags.append("plan:falls")
    tags += _session_tags(slots)
    if p.resting_hr is not None:
        tags.append("plan:intensity-hrr")
    tags += ["plan:rpe", "plan:progression", "plan:deload"]
    if p.goal == "endurance":
        tags.append("plan:endurance-distribution")
    if p.goal == "mobility":
        tags.append("plan:flexibility")
    tags += ["plan:injury-" + inj.replace("_", "-") for inj in p.injuries]
    if has_target_alert or p.target_weight_kg is not None:
        tags.append("plan:weight-loss-rate")
    if p.sleep_hours is not None and p.sleep_hours < RECOMMENDED_SLEEP_H:
        tags.append("plan:recovery-sleep")
    return tags


def citations_for(ctx: Context, slots: list[Slot], has_target_alert: bool) -> list[dict]:
    """One citation per distinct passage behind the plan, each with the tag ("for") it supports."""
    out: list[dict] = []
    seen: set[str] = set()
    for tag in citation_tags(ctx, slots, has_target_alert):
        passage = by_tag(tag, ctx.lang)
        if passage is None or passage.id in seen:
            continue
        seen.add(passage.id)
        out.append({"id": passage.id, "title": passage.title, "source": passage.source, "for": tag.removeprefix("plan:")})
    return out


class _Cite:
    """Formats the ids of the citations supporting any of the given tags as " [id, id]" (empty when none)."""

    def __init__(self, cites: list[dict]) -> None:
        self.cites = cites

    def __call__(self, *keys: str) -> str:
        ids = [c["id"] for c in self.cites if c["for"] in keys]
        return f" [{', '.join(ids)}]" if ids else ""


def _dose_parts(ctx: Context, last: dict, cite: _Cite) -> list[str]:
    """What the last full week adds up to (or why the plan stays light)."""
    _ = ctx._
    if ctx.s.restricted:
        return [_("Because of what the health screening found, it stays light until a doctor clears you.")
                + cite("red-flags", "screening", "bp-bands", "hypertension")]
    aer = sum(s["minutes"] * FACTOR[s["intensity"]["label"]] * (0.5 if s["kind"] == "mixed" else 1)
              for s in last["sessions"] if s["kind"] in ("aerobic", "hiit", "mixed"))
    res = sum(1 for s in last["sessions"] if s["kind"] in RESISTANCE)
    parts = [_("By the last full week your cardio adds up to about {a} moderate-intensity minutes, working "
               "toward the 150-300 minutes a week that WHO recommends.", a=int(round(aer)))
             + cite("aerobic-dose", "older-adults")]
    if res:
        parts.append(_("{r} sessions a week train your muscles, covering legs, pushing, pulling and core, because "
                       "strength work on at least two days a week is recommended.", r=res) + cite("strength-fitt"))
    return parts


def rationale(ctx: Context, weeks: list[dict], cites: list[dict]) -> str:
    """Plain-words explanation that points at the citations."""
    _, p, cite = ctx._, ctx.p, _Cite(cites)
    last = [w for w in weeks if not w["deload"]][-1]
    parts = [_("This plan gives you {n} sessions a week of up to {m} minutes, as you asked.",
               n=len(last["sessions"]), m=p.minutes_per_session)]
    parts += _dose_parts(ctx, last, cite)
    if ctx.s.reasons:
        parts.append(_("Safety first: {reasons}", reasons=" ".join(ctx.s.reasons))
                     + cite("screening", "hypertension", "diabetes", "heart-disease", "pregnancy", "asthma",
                            "osteoporosis", "osteoarthritis"))
    if ctx.beginner and not ctx.s.restricted:
        parts.append(_("You start at a moderate effort and build up gradually, with no high-intensity intervals at "
                       "first.") + cite("beginner-start"))
    if ctx.older:
        parts.append(_("Balance exercises are part of most sessions to help prevent falls.") + cite("falls", "older-adults"))
    if p.injuries:
        parts.append(_("Exercises that load your {areas} in risky ways are left out and replaced by safer ones.",
                       areas=", ".join(_(i.replace("_", " ")) for i in p.injuries))
                     + cite(*["injury-" + i.replace("_", "-") for i in p.injuries]))
    if any(w["deload"] for w in weeks):
        parts.append(_("Weekly time rises gradually and every fourth week is lighter so you recover and adapt.")
                     + cite("progression", "deload"))
    else:
        parts.append(_("Weekly time rises gradually so your body can adapt.") + cite("progression"))
    if p.resting_hr is not None and not ctx.s.restricted:
        parts.append(_("Heart-rate zones use the Karvonen formula with your resting heart rate.") + cite("intensity-hrr"))
    return " ".join(parts)

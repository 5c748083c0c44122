"""A confirmed change to the profile: readings recorded, a new profile version, a new plan when inputs changed."""
from __future__ import annotations

from typing import Any


from coach.domain.metrics import METRICS
from coach.events import Reply
from coach.render import safety_text
from coach.domain.profile import ProfileError
from coach.services.adjustments import replan
from coach.services.alerts import reading_alerts
from coach.services.context import Ctx
from storage import repos
from coach.services.profiles import PLAN_RELEVANT, profile_dict, save_profile
from coach.intake.answers import FIELD_NAMES, error_text


def record_readings(ctx: Ctx, good: dict[str, Any], *, source: str) -> None:
    """Every metric among the changed fields becomes a reading."""
    now = ctx.clock()
    for metric in METRICS:
        if metric.fields and all(f in good for f in metric.fields):
            values = [good[f] for f in metric.fields]
            repos.readings.add_metric(ctx.s, ctx.user.id, metric.kind, values[0] if len(values) == 1 else values,
                                      metric.unit, source=source, measured_at=now)


def apply_profile_change(ctx: Ctx, good: dict[str, Any], *, source: str) -> list[Reply]:
    """Record readings, store a new profile version, re-plan when plan inputs changed, raise alerts."""
    _ = ctx._
    s, user = ctx.s, ctx.user
    current = profile_dict(s, user)
    record_readings(ctx, good, source=source)
    merged = {**current, **good}
    if good.get("symptoms"):  # a new symptom adds to the known ones; "no symptoms" clears them
        merged["symptoms"] = sorted(set(current.get("symptoms", [])) | set(good["symptoms"]))
    changed = {k: v for k, v in good.items() if current.get(k) != merged.get(k)}
    if not changed:
        return [Reply(_("Noted, nothing changed."))]
    try:
        save_profile(s, user, merged, "correction: " + ", ".join(sorted(changed))[:150])
    except ProfileError as exc:
        return [Reply(error_text(user.language, exc))]
    words = {k: (", ".join(_(str(x).replace("_", " ")) for x in v) or "—") if isinstance(v, list) else  # not codes
             _(v.replace("_", " ")) if isinstance(v, str) else fmt(v) for k, v in changed.items()}
    if "bp_systolic" in changed or "bp_diastolic" in changed:  # one blood pressure, shown as 142/91
        bp = f"{fmt(merged.get('bp_systolic'))}/{fmt(merged.get('bp_diastolic'))}"
        words = {k: v for k, v in words.items() if k not in ("bp_systolic", "bp_diastolic")} | {"bp": bp}
    shown = ", ".join(f"{_(FIELD_NAMES.get(k, k))} → {words[k]}" for k in words)
    replies = [Reply(_("Updated: {changes}.", changes=shown))]
    alert = reading_alerts(ctx, good)
    replies += alert
    if set(changed) & PLAN_RELEVANT and not alert:
        reason = _("Your profile changed ({fields}), so the plan was recomputed.",
                   fields=", ".join(dict.fromkeys(_(FIELD_NAMES.get(k, k)) for k in changed)))
        new = replan(ctx, rule="profile_change", reason=reason, tags=("plan:screening", "plan:progression"),
                     change={"fields": sorted(changed)})
        if new is not None:
            replies.append(Reply(reason + " " + _("See /plan and /why.")))
            safety = safety_text(new.data or {}, ctx.lang)
            if safety:  # every safety note of the new plan, whenever the plan changes
                replies.append(Reply(safety))
    elif "weight_kg" in changed:
        replies.append(Reply(trend_text(ctx)))
    return replies


def fmt(v: Any) -> str:
    if isinstance(v, list):
        return ", ".join(str(x) for x in v) or "—"
    if isinstance(v, float):
        return f"{v:g}"
    return str(v)


def trend_text(ctx: Ctx) -> str:
    rows = repos.readings.metrics(ctx.s, ctx.user.id, "weight")
    if len(rows) < 2:
        return ctx._("Weight recorded.")
    first, last = rows[0].value, rows[-1].value
    return ctx._("Weight recorded. Change since you started: {d} kg.", d=f"{last - first:+.1f}")

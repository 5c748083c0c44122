"""Warning signs at any time: stored, the plan capped through a re-plan, consenting groups' coaches told."""
from __future__ import annotations

from typing import Any


from coach.events import Reply
from coach.domain.profile import ProfileError
from coach.safety.alerts import alarming_readings, stop_and_seek_care
from coach.services.adjustments import replan
from coach.services import group_delivery
from coach.services.context import Ctx
from storage import repos
from coach.services.profiles import profile_dict, save_profile
def reading_alerts(ctx: Ctx, good: dict[str, Any]) -> list[Reply]:
    """Resting HR > 100 or BP ≥ 180/110 → stop-and-seek-care, capped plan, coach told."""
    bad = alarming_readings(good)
    if not bad:
        return []
    s, user = ctx.s, ctx.user
    current = profile_dict(s, user)
    alarming = {k: good[k] for k in ("resting_hr", "bp_systolic", "bp_diastolic") if good.get(k) is not None}
    if current and any(current.get(k) != v for k, v in alarming.items()):
        try:  # the screening must see the alarming reading so the re-plan is capped
            save_profile(s, user, {**current, **alarming}, "alert reading")
        except ProfileError:
            pass
    return raise_alert(ctx, kind="reading", detail=", ".join(bad))


def raise_alert(ctx: Ctx, *, kind: str, detail: str) -> list[Reply]:
    """Store the alert, cap the plan through a re-plan, notify consenting groups' coaches."""
    alert = repos.alerts.add_alert(ctx.s, ctx.user.id, kind, {"detail": detail})
    notify_coaches(ctx, alert.id, detail)
    reason = ctx._("A warning sign was reported ({detail}): the plan is limited until a doctor has checked you.",
                   detail=detail)
    new = replan(ctx, rule="alert", reason=reason, tags=("plan:red-flags", "plan:screening"), change={"alert": kind})
    held = new is not None and not any(w.get("sessions") for w in (new.data or {}).get("weeks", []))
    stop = ((new.data or {}).get("safety") or {}).get("hard_stop") if new is not None else None
    if held and kind == "reading" and stop:  # a reading: re-measure, when it is an emergency, how to resume
        return [Reply("⚠️ " + " ".join(str(stop[k]) for k in ("reason", "what_now", "emergency_if", "how_to_resume")
                                       if stop.get(k)))]
    return [Reply(stop_and_seek_care(ctx.lang, hard_stop=held, profile=profile_dict(ctx.s, ctx.user) or {}))]


def notify_coaches(ctx: Ctx, alert_id: int, detail: str) -> int:
    """Queue the alert, with the member's display name, to the coaches of each group where they share alerts.

    The group queue sends it within seconds and only then marks the alert notified; how many were queued.
    """
    return group_delivery.enqueue_alert(ctx.s, ctx.user, alert_id, detail)


def apply_symptoms(ctx: Ctx, flags: list[str], *, source: str) -> list[Reply]:
    """A red-flag symptom at any time: profile updated, screening re-run (plan capped), alert stored."""
    s, user = ctx.s, ctx.user
    current = profile_dict(s, user)
    if not current:
        return []
    merged = dict(current)
    merged["symptoms"] = sorted(set(current.get("symptoms", [])) | set(flags))
    if merged["symptoms"] != current.get("symptoms"):
        save_profile(s, user, merged, "symptom reported: " + ", ".join(flags))
    alert = repos.alerts.add_alert(s, user.id, "symptom", {"symptoms": flags, "source": source})
    notify_coaches(ctx, alert.id, ", ".join(f.replace("_", " ") for f in flags))
    reason = ctx._("You reported {symptoms}: until a doctor has seen you, your plan has no sessions. Send /cleared "
                   "once a doctor has cleared you.",
                   symptoms=", ".join(ctx._(f.replace("_", " ")) for f in flags))
    replan(ctx, rule="red_flag", reason=reason, tags=("plan:red-flags", "plan:screening"), change={"symptoms": flags})
    return [Reply(reason)]

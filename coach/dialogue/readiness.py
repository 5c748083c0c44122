""""Is it ok to train today?" / "今天可以练吗": advice from the person's own state, never a passage.

Reads, in order of weight: a hard stop on the plan, pain logged in the last days, the last check-in (soreness,
energy, sleep), today's planned session (or a rest day) and whether it is already logged. Changes nothing.
"""
from __future__ import annotations

from datetime import timedelta
from typing import Any

from coach.dialogue.turn import Turn
from coach.events import Reply
from coach.render import KIND_NAMES, hard_stop_text
from coach.services.plans import ensure_current_block, session_on
from storage import repos

RECENT_DAYS = 3  # pain or a check-in older than this no longer says much about today
SORE, TIRED, SHORT_SLEEP = 4, 2, 6.0  # soreness >= 4/5, energy <= 2/5, sleep < 6 h: go lighter
DONE = ("done", "too_easy", "too_hard")


def _last_checkin(turn: Turn) -> Any:
    rows = repos.checkins.checkins(turn.s, turn.user.id, since=turn.today() - timedelta(days=RECENT_DAYS))
    return max(rows, key=lambda r: (r.local_date, r.id or 0)) if rows else None


def _recent_pain(turn: Turn) -> Any:
    logs = repos.workouts.workout_logs(turn.s, turn.user.id, since=turn.today() - timedelta(days=RECENT_DAYS))
    pain = [w for w in logs if w.status == "pain"]
    return max(pain, key=lambda w: (w.session_date, w.id or 0)) if pain else None


def _checkin_notes(turn: Turn, data: dict) -> list[str]:
    notes = []
    if (data.get("soreness") or 0) >= SORE:
        notes.append(turn._("soreness {n}/5", n=data["soreness"]))
    if data.get("energy") is not None and data["energy"] <= TIRED:
        notes.append(turn._("energy {n}/5", n=data["energy"]))
    if data.get("sleep") is not None and float(data["sleep"]) < SHORT_SLEEP:
        notes.append(turn._("{h:g} h of sleep", h=float(data["sleep"])))
    return notes


def answer(turn: Turn) -> list[Reply]:
    """Train, go lighter, or rest today, with the reasons from the person's state."""
    _ = turn._
    today = turn.today()
    plan = ensure_current_block(turn.s, turn.user, today)
    if plan is None:
        return [Reply(_("You have no plan yet."))]
    stop = (plan.data.get("safety") or {}).get("hard_stop")
    if stop:
        return [Reply(_("Not yet: your plan is on hold until a doctor has seen you.") + "\n" +
                      hard_stop_text(stop, turn.lang))]
    info = session_on(plan, today)
    lines: list[str] = []
    if info.session is None:
        lines.append(_("Today is a rest day in your plan: rest, or an easy walk is fine."))
    else:
        lines.append(_("Today's plan: {kind}, {m} min (see /today).",
                       kind=_(KIND_NAMES.get(info.session["kind"], "Session")), m=info.session["minutes"]))
    lighter = False
    pain = _recent_pain(turn)
    if pain is not None:
        lighter = True
        lines.append(_("You reported pain on {date}. Train only if it has settled: leave out what hurts, keep it "
                       "easy, and stop if the pain comes back.", date=pain.session_date.isoformat()))
    checkin = _last_checkin(turn)
    notes = _checkin_notes(turn, checkin.data or {}) if checkin is not None else []
    if notes:
        lighter = True
        lines.append(_("Your last check-in ({date}): {notes}. Go lighter today: fewer sets and an effort of about "
                       "RPE 5-6 (you could talk in full sentences).", date=checkin.local_date.isoformat(),
                       notes=", ".join(notes)))
    elif checkin is not None:
        lines.append(_("Your last check-in ({date}) looked fine.", date=checkin.local_date.isoformat()))
    logged = repos.workouts.latest_log_on(turn.s, turn.user.id, today)
    if logged is not None and logged.status in DONE:
        lines.append(_("You have already logged today's session: rest, or an easy walk is plenty."))
    elif info.session is not None:
        lines.insert(0, _("Yes, with care.") if lighter else _("Yes, go ahead."))
    lines.append(_("Stop at once and seek care if you get chest pain, faintness, unusual breathlessness or a "
                   "racing heartbeat."))
    return [Reply("\n".join(lines))]

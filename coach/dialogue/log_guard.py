"""Which session a log lands on, checked before it is stored.

A skip on a day without a session relabels nothing (an earlier session is not "skipped today"): the person is told
there is no session that day and when the next one is. A log that contradicts the one a session already has (skipped
after done, done after skipped) is not stored over it silently: "already logged as done. Change it to skipped?",
and only Yes stores it (coach.dialogue.log.relogged; the Yes/No buttons go through coach.dialogue.confirm).
"""
from __future__ import annotations

import secrets
from datetime import date, datetime, timedelta

from coach.dialogue.callbacks import Confirm
from coach.dialogue.turn import Turn
from coach.events import Button, Reply
from coach.i18n import N_
from coach.services import training
from coach.services.plans import ensure_current_block, session_on
from storage import repos

# the names week_summary shows for each status (same msgids)
STATUS_NAMES = {"done": N_("done"), "too_easy": N_("too easy"), "too_hard": N_("too hard"), "pain": N_("pain"),
                "skipped": N_("skipped")}
GUARDED = ("done", "too_easy", "too_hard", "skipped")  # pain is always logged: its swaps must not wait on a question
ASK_TTL = timedelta(minutes=30)  # a Yes typed later is about something else


def check(turn: Turn, status: str, day: date | None) -> list[Reply] | None:
    """The reply instead of logging `status` (no session to skip, or a question before replacing a contradicting
    log); None when the log may go ahead."""
    if status not in GUARDED:
        return None
    on = day or turn.today()
    plan = ensure_current_block(turn.s, turn.user, on)
    if plan is None:
        return None
    if status == "skipped" and session_on(plan, on).session is None:
        return [Reply(_no_session(turn, plan, on, day is None))]
    target = training.session_day(plan, on)
    prior = repos.workouts.latest_log_on(turn.s, turn.user.id, target) if target else None
    if prior is None or (prior.status == "skipped") == (status == "skipped"):
        return None  # nothing logged yet, or the same outcome rated again (done, then "too easy")
    token = secrets.token_hex(3)
    repos.users.set_dialogue(turn.s, turn.user.id, flow="confirm", step="relog",
                             data={"relog": {"status": status, "day": target.isoformat()}, "token": token,
                                   "asked": turn.now().isoformat(), "was": prior.status})
    text = turn._("Your session on {date} is already logged as {old}. Change it to {new}?", date=target.isoformat(),
                  old=turn._(STATUS_NAMES.get(prior.status, prior.status)), new=turn._(STATUS_NAMES[status]))
    return [Reply(text, buttons=[[Button(turn._("Yes"), Confirm(True, token).encode()),
                                  Button(turn._("No"), Confirm(False, token).encode())]])]


def _no_session(turn: Turn, plan, on: date, today: bool) -> str:  # noqa: ANN001 - a Plan
    text = turn._("No session today, so there is nothing to skip.") if today else \
        turn._("No session was planned on {date}, so there is nothing to skip.", date=on.isoformat())
    nxt = next((on + timedelta(days=i) for i in range(1, 8) if session_on(plan, on + timedelta(days=i)).session),
               None)
    if nxt is not None and nxt > turn.today():
        text += "\n" + turn._("Next session: {date}.", date=nxt.isoformat())
    return text


def kept(turn: Turn, data: dict) -> str:
    """Why the log stays as it was: No, or a Yes typed long after the question."""
    r = data.get("relog") or {}
    names = {"date": r.get("day", ""), "old": turn._(STATUS_NAMES.get(data.get("was", ""), data.get("was", "")))}
    return turn._("OK, your session on {date} stays logged as {old}.", **names)


def stale(turn: Turn, data: dict) -> bool:
    try:
        return turn.now() - datetime.fromisoformat(data["asked"]) > ASK_TTL
    except (KeyError, TypeError, ValueError):
        return False

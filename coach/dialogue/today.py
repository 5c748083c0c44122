"""/today: today's session with the buttons to log it (also what the scheduler sends each morning)."""
from __future__ import annotations

from datetime import date, timedelta
from typing import Any


from coach.events import Button, Reply
from coach.i18n import N_
from coach.render import hard_stop_text, KIND_NAMES, exercise_line, session_text
from coach.dialogue.log import log_buttons
from coach.dialogue.router import router
from coach.dialogue.turn import Turn
from coach.services.plans import ensure_current_block, session_on
from coach.services.training_log import session_suggestions


@router.command("today", help=N_("today's session"), quick=True, order=11)
def today_cmd(turn: Turn, arg: str) -> list[Reply]:
    rep = today_reply(turn)
    return [rep] if rep else []


def today_reply(turn: Turn, *, scheduled: bool = False) -> Reply | None:
    """Today's session with the log buttons (None on a rest day when scheduled)."""
    today = turn.today()
    plan = ensure_current_block(turn.s, turn.user, today)
    if plan is None:
        return None if scheduled else Reply(turn._("You have no plan yet."))
    stop = (plan.data.get("safety") or {}).get("hard_stop")
    if stop:  # held back until a doctor has seen them: say why, what to do now and how to resume
        return None if scheduled else Reply(hard_stop_text(stop, turn.lang))
    info = session_on(plan, today)
    if info.session is None:
        if scheduled:
            return None
        nxt = next_session(plan, today)
        weeks = plan.data.get("weeks") or []
        walk = (weeks[info.week - 1].get("daily_activity") or {}) if 1 <= info.week <= len(weeks) else {}
        msg = turn._("No session today.") + " " + walk["text"] if walk.get("text") else \
            turn._("Today is a rest day. Recovery is part of training: an easy walk is fine.")
        if nxt:
            msg += "\n" + turn._("Next session: {date}.", date=nxt.isoformat())
        return Reply(msg)
    header = turn._("Today (week {w}, day {d}): {kind}, {m} min", w=info.week, d=info.day,
                    kind=turn._(KIND_NAMES.get(info.session["kind"], "Session")), m=info.session["minutes"])
    text = with_suggestions(session_text(info.session, turn.lang, header=header), info.session,
                            session_suggestions(turn, plan, info.session), turn.lang)
    return Reply(text + "\n\n" + turn._("How did it go?"), buttons=_log_buttons(turn))


_BUTTONS: dict[str, list[list[Button]]] = {}


def _log_buttons(turn: Turn) -> list[list[Button]]:
    """log_buttons once per language (its labels are all that differ; encoding each button's data on every /today
    cost more than rendering the session); the rows are copied, the buttons themselves are frozen."""
    cached = _BUTTONS.get(turn.lang)
    if cached is None:
        cached = _BUTTONS[turn.lang] = log_buttons(turn)
    return [list(row) for row in cached]


def with_suggestions(text: str, session: dict, tips: dict[str, str], lang: str) -> str:
    """The session text with each logged exercise's next load under its line."""
    if not tips:
        return text
    lines = text.split("\n")
    for ex in session.get("exercises", []):
        tip = tips.get(ex.get("id", ""))
        line = exercise_line(ex, lang, (session.get("intensity") or {}).get("rpe"))
        if tip and line in lines:
            lines.insert(lines.index(line) + 1, "   ↳ " + tip)
    return "\n".join(lines)


def next_session(plan: Any, today: date) -> date | None:
    for i in range(1, 8):
        d = today + timedelta(days=i)
        if session_on(plan, d).session is not None:
            return d
    return None

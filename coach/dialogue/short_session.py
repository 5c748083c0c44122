"""Short on time today ("what if I only have 20 minutes today?", "今天只有半小时"): today's session fitted into that
time (coach.planning.shorten), with the log buttons; nothing stored, the plan unchanged.

Without a plan yet (mid-onboarding) or without a number, how to shorten a session in general (kb-short-session-001);
on a rest day, an easy walk; with the plan on hold, the hold.
"""
from __future__ import annotations

from coach.dialogue.log import log_buttons
from coach.dialogue.today import next_session
from coach.dialogue.turn import Turn
from coach.events import Reply
from coach.intake.short_time import ShortTime
from coach.planning.shorten import MIN_SESSION, shorten
from coach.render import KIND_NAMES, hard_stop_text, session_text
from coach.services.plans import ensure_current_block, session_on
from knowledge.corpus import get_passage

PASSAGE = "kb-short-session-001"


def _general(turn: Turn, minutes: int | None) -> Reply:
    _ = turn._
    head = _("Short on time: keep the warm-up short but do it, then every exercise with fewer sets (one or two sets "
             "each keep most of the benefit for a while), drop the last exercises only if that still does not fit, "
             "shorten the cardio, and keep the effort where the plan puts it: don't go harder to make up for it.")
    if minutes is not None and minutes < MIN_SESSION:
        head = _("{m} minutes still count: a brisk walk or a few sets of the first exercises is better than nothing.",
                 m=minutes) + "\n" + head
    passage = get_passage(PASSAGE + ("-zh" if turn.lang == "zh" else "")) or get_passage(PASSAGE)
    if passage is None:
        return Reply(head)
    return Reply(head + "\n\n" + _("Source: {source} [{id}]", source=passage.source, id=passage.id))


def answer(turn: Turn, short: ShortTime) -> list[Reply]:
    """Today's session in the time there is, or the general advice when there is no session to shorten."""
    _ = turn._
    plan = ensure_current_block(turn.s, turn.user, turn.today()) if turn.user is not None else None
    if plan is None or turn.s is None:
        return [_general(turn, short.minutes)]
    stop = (plan.data.get("safety") or {}).get("hard_stop")
    if stop:
        return [Reply(hard_stop_text(stop, turn.lang))]
    info = session_on(plan, turn.today())
    if info.session is None:
        msg = _("Today is a rest day in your plan, so there is nothing to shorten: an easy walk is fine.")
        nxt = next_session(plan, turn.today())
        return [Reply(msg + ("\n" + _("Next session: {date}.", date=nxt.isoformat()) if nxt else ""))]
    if short.minutes is None:
        return [_general(turn, None), Reply(_("How many minutes do you have? Tell me, e.g. \"I have 20 minutes\", "
                                              "and I'll fit today's session into them."))]
    full = int(info.session.get("minutes") or 0)
    if short.minutes >= full:
        return [Reply(_("Today's session takes {m} min, so it fits: see /today.", m=full))]
    if short.minutes < MIN_SESSION:
        return [_general(turn, short.minutes)]
    return [_fitted(turn, info, short.minutes, full)]


def _fitted(turn: Turn, info, minutes: int, full: int) -> Reply:  # noqa: ANN001 - services.plans.Today
    _ = turn._
    cut = shorten(info.session, minutes)
    header = _("Today in {m} min instead of {full} (week {w}, day {d}): {kind}", m=minutes, full=full, w=info.week,
               d=info.day, kind=_(KIND_NAMES.get(info.session["kind"], "Session")))
    lines = [session_text(cut.session, turn.lang, header=header)]
    changes = [_("{name}: {a} → {b} sets", name=n, a=a, b=b) if b > 1 else _("{name}: {a} sets → 1", name=n, a=a)
               for n, a, b in cut.fewer_sets]
    if cut.dropped:
        changes.append(_("left out today: {names}", names=", ".join(cut.dropped)))
    if changes:
        lines.append(_("What changed: {list}.", list="; ".join(changes)))
    lines.append(_("Same effort as planned: don't go harder or heavier to make up for the time. Your plan is "
                   "unchanged; if this is your usual time now, say \"my sessions are {m} minutes\" and I'll re-plan.",
                   m=minutes))
    return Reply("\n\n".join(lines) + "\n\n" + _("How did it go?"), buttons=log_buttons(turn))

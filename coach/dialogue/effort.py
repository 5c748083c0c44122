"""A request to change the plan's effort (coach.intake.effort_request): "can we make the sessions a bit easier?",
"step it up", "能不能轻松一点", "加大强度".

Lighter: offered behind Yes / No, nothing changes before Yes; on Yes the next seven days get the same lightening as
the check-in strain rule (coach.services.lighter), stored as an adjustment ("asked_lighter") with its reason, only
when the validator passes. Harder: nothing changes by itself (safety); the plan steps up on its own from logs that say
sessions feel easy, and a plan capped for a reason (a clearance pending, a condition) says why.
"""
from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import timedelta
from collections.abc import Callable
from typing import Any, ClassVar

from coach.dialogue import changes, confirm
from coach.dialogue.callbacks import CallbackData
from coach.dialogue.router import router
from coach.dialogue.turn import Turn
from coach.events import Button, Reply
from coach.intake.changes import SessionLength
from coach.render import LABEL_NAMES, hard_stop_text
from coach.services.adjustments import commit_change
from coach.services.lighter import lighten_next_days
from coach.services.plans import day_of_plan, ensure_current_block
from coach.services.profiles import profile_dict, profile_of
from storage import repos

RULE = "asked_lighter"
LIGHTER_RULES = (RULE, "lighter_week")  # a lighter week already under way is not lightened again
TAGS = ("plan:progression",)


@dataclass(frozen=True)
class Lighter(CallbackData):
    """"Make the next 7 days lighter?" (yes / no)."""

    prefix: ClassVar[str] = "easier"
    yes: bool

    @classmethod
    def parse(cls, parts: list[str]) -> Lighter | None:
        if len(parts) != 1 or parts[0] not in ("yes", "no"):
            return None
        return cls(parts[0] == "yes")

    def parts(self) -> list[str]:
        return ["yes" if self.yes else "no"]


def answer(turn: Turn, values: dict) -> list[Reply] | None:
    """The reply to a request for lighter or harder sessions; None when the message asks for neither."""
    wants = values.get("wants")
    if wants == "shorter":  # "the sessions are too long": how long they should be
        return changes.session_length(turn, SessionLength(None, -1))
    if wants not in ("lighter", "harder"):
        return None
    plan = ensure_current_block(turn.s, turn.user, turn.today())
    if plan is None:
        return [Reply(turn._("You have no plan yet."))]
    stop = (plan.data.get("safety") or {}).get("hard_stop")
    if stop:
        return [Reply(hard_stop_text(stop, turn.lang))]
    return offer_lighter(turn) if wants == "lighter" else harder(turn, plan)


def offer_lighter(turn: Turn) -> list[Reply]:
    minutes = (profile_dict(turn.s, turn.user) or {}).get("minutes_per_session") or 45
    text = turn._("Make the next 7 days lighter? Each session up to about 30% shorter, one step easier and with a "
                  "set fewer where it has more than two; nothing changes unless you tap Yes.") + "\n\n" + \
        turn._("To make every session shorter for good instead, say \"make the sessions {m} minutes\". If something "
               "hurts, tell me where (\"my knee hurts\"): pain is handled on its own, not by a lighter week.",
               m=max(10, int(minutes) - 15))
    # a typed "yes" / "ok" / "好" / "可以" answers the offer like the button (coach.dialogue.ask.confirm_typed)
    repos.users.set_dialogue(turn.s, turn.user.id, flow="confirm", step="lighter",
                             data={"lighter": True, "token": secrets.token_hex(3), "at": turn.now().isoformat()})
    return [Reply(text, buttons=[[Button(turn._("Yes, lighter"), Lighter(True).encode()),
                                  Button(turn._("No, keep it"), Lighter(False).encode())]])]


@router.callback(Lighter)
def lighter_button(turn: Turn, cb: Lighter) -> list[Reply]:
    state = repos.users.get_dialogue(turn.s, turn.user.id)
    if state.flow == "confirm" and (state.data or {}).get("lighter"):  # answered: no typed yes waits any more
        repos.users.set_dialogue(turn.s, turn.user.id, flow="idle")
    if not cb.yes:
        return [Reply(turn._("OK, your plan stays as it is."))]
    return make_lighter(turn)


def typed(turn: Turn, text: str, data: dict, read_afresh: Callable[[Turn, str], list[Reply]]) -> list[Reply]:
    """A typed answer to "Make the next 7 days lighter?": a yes acts like the button, a no keeps the plan; anything
    else leaves the offer unconfirmed, is read afresh (`read_afresh`) and says how to confirm."""
    yes = confirm.typed_answer(text)
    repos.users.set_dialogue(turn.s, turn.user.id, flow="idle")
    if yes is None:
        return read_afresh(turn, text) + [Reply(turn._("The lighter week is not set up yet: to confirm it, tap "
                                                       "\"Yes, lighter\" above."))]
    if yes and confirm.stale(turn, data):
        return [Reply(turn._("I offered the lighter week a while ago, so I left your plan as it was. Ask again "
                             "(\"make it easier\") if you still want it."))]
    return make_lighter(turn) if yes else [Reply(turn._("OK, your plan stays as it is."))]


def make_lighter(turn: Turn) -> list[Reply]:
    """The next seven days lighter, once a week at most, stored with the reason in the person's language."""
    today = turn.today()
    if any(a.rule in LIGHTER_RULES and a.created_at.date() > today - timedelta(days=7)
           for a in repos.adjustments.adjustments(turn.s, turn.user.id)):
        return [Reply(turn._("Your sessions were already made lighter this week, so I left them as they are. If they "
                             "still feel too hard, log them as \"too hard\" and the loads come down."))]
    plan = ensure_current_block(turn.s, turn.user, today)
    if plan is None:
        return [Reply(turn._("You have no plan yet."))]
    data, before = lighten_next_days(plan, profile_of(turn.s, turn.user), today)
    if not before:
        return [Reply(turn._("There are no sessions in the next seven days, so there is nothing to make lighter."))]
    reason = turn._("You asked for lighter sessions: the next seven days are lighter (shorter, one step easier, "
                    "fewer sets). After that the plan carries on as before.")
    row = commit_change(turn.s, turn.user, plan, data, rule=RULE, change={"sessions": [list(k) for k in before]},
                        reason=reason, tags=TAGS)
    if row is None:
        return [Reply(turn._("I couldn't make those sessions lighter without breaking one of the plan's safety "
                             "rules, so nothing changed."))]
    return [Reply(reason + "\n" + turn._("/plan shows the week."))]


def harder(turn: Turn, plan: Any) -> list[Reply]:
    """Nothing changes: how the plan steps up by itself, or why it is capped."""
    safety = plan.data.get("safety") or {}
    prof = profile_of(turn.s, turn.user)
    conditions = set((prof.conditions if prof is not None else None) or [])
    cap = safety.get("intensity_cap") or "vigorous"
    out = [turn._("I won't make the plan harder by itself: it steps up on its own when your logs say the sessions "
                  "feel easy. After a session, log it as \"too easy\": strength loads then go up about 5% (2 more "
                  "reps where there is no load), and when a week's cardio is all done as planned, the next weeks' "
                  "cardio grows about 10%.")]
    step = _next_step_up(plan, turn.today())
    if step is not None:
        out.append(turn._("Your plan already builds up: week {w} (from {date}) has {m} minutes against {now} this "
                          "week.", **step))
    if safety.get("clearance_required") or cap != "vigorous" or conditions & {"hypertension", "pregnancy"}:
        why = [r for r in safety.get("reasons") or [] if isinstance(r, str)][:3]
        out.append(turn._("Your plan's effort is capped at {cap} for now, for a reason:", cap=turn._(LABEL_NAMES.get(
            cap, cap))) + ("\n" + "\n".join(f"• {r}" for r in why) if why else ""))
        if safety.get("clearance_required"):
            out.append(turn._("When a doctor has cleared you for more, send /cleared and the plan is rebuilt."))
    return [Reply("\n\n".join(out))]


def _next_step_up(plan: Any, today: Any) -> dict | None:
    """The first later week of the block with more minutes than this one (None when there is none)."""
    weeks = (plan.data or {}).get("weeks", [])
    week_now, _day = day_of_plan(plan, today)
    if not 1 <= week_now <= len(weeks):
        return None
    now = sum(x.get("minutes", 0) for x in weeks[week_now - 1].get("sessions", []))
    for w in weeks[week_now:]:
        total = sum(x.get("minutes", 0) for x in w.get("sessions", []))
        if total > now and not w.get("deload"):
            start = plan.start_date + timedelta(days=7 * (w["week"] - 1))
            return {"w": w["week"], "date": start.isoformat(), "m": total, "now": now}
    return None

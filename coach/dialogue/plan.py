"""/plan a week at a time, the plan summary shown when a plan is new, and /why."""
from __future__ import annotations


from coach.events import Button, Reply
from coach.i18n import N_
from coach.render import citations_text, safety_text, week_text
from coach.dialogue.callbacks import PlanWeek
from coach.dialogue.router import router
from coach.dialogue.turn import Turn
from knowledge.corpus import get_passage
from storage import repos
from coach.services.plans import ensure_current_block, session_on
def week_buttons(turn: Turn, plan: dict, week: int) -> list[list[Button]]:
    n = len(plan.get("weeks", []))
    btns = []
    if week > 1:
        btns.append(Button(turn._("◀ Week {w}", w=week - 1), PlanWeek(week - 1).encode()))
    if week < n:
        btns.append(Button(turn._("Week {w} ▶", w=week + 1), PlanWeek(week + 1).encode()))
    return [btns] if btns else []


@router.command("plan", help=N_("your plan, a week at a time"), quick=True, order=10)
def plan_cmd(turn: Turn, arg: str) -> list[Reply]:
    today = turn.today()
    plan = ensure_current_block(turn.s, turn.user, today)
    if plan is None:
        return [Reply(turn._("You have no plan yet."))]
    week = session_on(plan, today).week
    arg = arg.strip()
    if arg.isascii() and arg.isdigit() and len(arg) <= 4:
        week = int(arg)
    week = max(1, min(week, len(plan.data.get("weeks", []))))
    return [Reply(week_text(plan.data, week, turn.lang), buttons=week_buttons(turn, plan.data, week))]


@router.callback(PlanWeek, needs="profile", quick=True)
def page(turn: Turn, cb: PlanWeek) -> list[Reply]:
    plan = repos.plans.active_plan(turn.s, turn.user.id)
    if plan is None:
        return []
    week = max(1, min(cb.week, len(plan.data.get("weeks", []))))
    return [Reply(week_text(plan.data, week, turn.lang), buttons=week_buttons(turn, plan.data, week), edit=True)]


def plan_summary(turn: Turn, plan: dict, *, first: bool = False) -> list[Reply]:
    """A new plan: its safety notes and rationale, week 1, and when workouts arrive."""
    head = turn._("Your plan is ready! 🎉") if first else turn._("Your updated plan:")
    parts = [head]
    safety = safety_text(plan, turn.lang)
    if safety:
        parts.append(safety)
    rationale = plan.get("rationale", "")
    if turn.agent is not None:
        rationale = turn.agent.reword(turn.user, rationale, purpose="rationale") or rationale
    parts.append(rationale)
    return [Reply("\n\n".join(parts), slow=True),
            Reply(week_text(plan, 1, turn.lang), buttons=week_buttons(turn, plan, 1)),
            Reply(turn._("I'll send your workout at {time} ({tz}) on training days. Try /today, /why or /help.",
                         time=turn.user.reminder_time, tz=turn.user.timezone))]


@router.command("why", help=N_("why the plan is as it is"), order=17)
def why(turn: Turn, arg: str) -> list[Reply]:
    plan = repos.plans.active_plan(turn.s, turn.user.id)
    if plan is None:
        return [Reply(turn._("You have no plan yet."))]
    parts = [turn._("Why your plan looks like this:"), safety_text(plan.data, turn.lang), plan.data.get("rationale", "")]
    adjs = repos.adjustments.adjustments(turn.s, turn.user.id)
    if adjs:
        last = adjs[-1]
        parts.append(turn._("Last change ({date}): {reason}", date=last.created_at.date().isoformat(),
                            reason=last.reason))
        for cid in last.citations or []:
            p = get_passage(cid)
            if p:
                parts.append(f"[{p.id}] {p.title} — {p.source}")
    parts.append(turn._("Sources:") + "\n" + citations_text(plan.data, turn.lang))
    text = "\n\n".join(x for x in parts if x)
    if turn.agent is not None:
        text = turn.agent.reword(turn.user, text, purpose="why") or text
    return [Reply(text)]

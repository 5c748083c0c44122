"""/log and the buttons under a workout: done, too easy, too hard, pain, skipped; then effort and reps."""
from __future__ import annotations

import re


from coach.events import Button, Reply, rows
from coach.i18n import N_
from coach.intake.answers import yes_no
from coach.domain.vocab import INJURIES
from coach.services import training
from coach.dialogue import ask
from coach.dialogue.callbacks import LOG_STATUSES, LogStatus, Pain, Rpe, TopOfRange
from coach.dialogue.router import router
from coach.dialogue.turn import Turn
from storage import repos
from coach.services.plans import session_on
from coach.intake import extract
from coach.intake.answers import is_skip
STATUS_LABELS = {"done": N_("Done ✅"), "too_easy": N_("Too easy"), "too_hard": N_("Too hard"), "pain": N_("Pain"),
                 "skipped": N_("Skipped")}
TYPED_STATUS = {"done": "done", "easy": "too_easy", "too easy": "too_easy", "hard": "too_hard", "too hard": "too_hard",
                "pain": "pain", "skip": "skipped", "skipped": "skipped", "完成": "done", "太简单": "too_easy",
                "太难": "too_hard", "疼": "pain", "跳过": "skipped"}


def log_buttons(turn: Turn) -> list[list[Button]]:
    return rows([Button(turn._(label), LogStatus(key).encode()) for key, label in STATUS_LABELS.items()], 3)


@router.command("log", help=N_("record a session"), order=12)
def log_cmd(turn: Turn, arg: str) -> list[Reply]:
    words = arg.lower().replace("-", "_").split()
    status = next((w for w in words if w in LOG_STATUSES or w in ("easy", "hard", "skip")), None)
    status = {"easy": "too_easy", "hard": "too_hard", "skip": "skipped"}.get(status or "", status)
    rpe = next((int(w) for w in words if w.isascii() and w.isdigit() and 1 <= int(w) <= 10), None)
    if status is None:
        repos.users.set_dialogue(turn.s, turn.user.id, flow="log", step="status")
        return [Reply(turn._("How did today's session go?"), buttons=log_buttons(turn))]
    return record(turn, status, rpe)


def record(turn: Turn, status: str, rpe: int | None, *, ask_rpe: bool = True, ask_top: bool = True,
           top: bool = False) -> list[Reply]:
    """Ask what is still missing (pain area, effort, top of range), then store the log and apply the rules."""
    s, uid = turn.s, turn.user.id
    if status == "pain":
        repos.users.set_dialogue(s, uid, flow="log", step="pain_area", data={"status": status})
        return [Reply(turn._("Sorry it hurt. Stop any exercise that causes sharp pain. Where does it hurt?"),
                      buttons=rows([Button(turn._(a.replace("_", " ")), Pain(a).encode()) for a in INJURIES], 4))]
    if rpe is None and ask_rpe and status in ("done", "too_easy", "too_hard"):
        repos.users.set_dialogue(s, uid, flow="log", step="rpe", data={"status": status})
        return [Reply(turn._("How hard was it overall, from 1 (very easy) to 10 (maximal)?"),
                      buttons=rows([Button(str(i), Rpe(i).encode()) for i in range(1, 11)], 5)
                      + [[Button(turn._("Skip"), Rpe(None).encode())]])]
    if status == "done" and rpe is not None and rpe <= 8 and ask_top and _todays_kind(turn) in ("strength", "mixed"):
        repos.users.set_dialogue(s, uid, flow="log", step="top", data={"status": status, "rpe": rpe})
        return [Reply(turn._("Did you reach the top of the rep range on every set?"),
                      buttons=[[Button(turn._("Yes"), TopOfRange(True).encode()),
                                Button(turn._("No"), TopOfRange(False).encode())]])]
    repos.users.set_dialogue(s, uid, flow="idle")
    return training.log_session(turn, status, rpe, top=top)


def _todays_kind(turn: Turn) -> str | None:
    plan = repos.plans.active_plan(turn.s, turn.user.id)
    if plan is None:
        return None
    info = session_on(plan, turn.today())
    return info.session["kind"] if info.session else None


@router.callback(LogStatus, needs="profile")
def status_button(turn: Turn, cb: LogStatus) -> list[Reply]:
    return record(turn, cb.status, None)


@router.callback(Rpe, needs="profile")
def rpe_button(turn: Turn, cb: Rpe) -> list[Reply]:
    status = (repos.users.get_dialogue(turn.s, turn.user.id).data or {}).get("status", "done")
    return record(turn, status, cb.value, ask_rpe=False)


@router.callback(TopOfRange, needs="profile")
def top_button(turn: Turn, cb: TopOfRange) -> list[Reply]:
    data = repos.users.get_dialogue(turn.s, turn.user.id).data or {}
    return record(turn, data.get("status", "done"), data.get("rpe"), ask_rpe=False, ask_top=False, top=cb.reached)


@router.callback(Pain, needs="profile")
def pain_button(turn: Turn, cb: Pain) -> list[Reply]:
    repos.users.set_dialogue(turn.s, turn.user.id, flow="idle")
    return training.pain(turn, cb.area)


@router.flow("log")
def typed(turn: Turn, text: str, data: dict, step: str) -> list[Reply]:
    """Typed answers to the log questions."""
    low = text.lower().strip()
    if step == "status":
        status = TYPED_STATUS.get(low)
        if status is None:
            return [Reply(turn._("Please choose one:"), buttons=log_buttons(turn))]
        return record(turn, status, None)
    if step == "rpe":
        if is_skip(low):
            return record(turn, data.get("status", "done"), None, ask_rpe=False)
        m = re.search(r"[0-9]+", low)
        if not m or len(m.group()) > 2 or not 1 <= int(m.group()) <= 10:
            return [Reply(turn._("RPE must be a whole number from 1 to 10."))]
        return record(turn, data.get("status", "done"), int(m.group()))
    if step == "top":
        yn = yes_no(low)
        if yn is None:
            return [Reply(turn._("Please answer yes or no."))]
        return record(turn, data.get("status", "done"), data.get("rpe"), ask_rpe=False, ask_top=False, top=yn)
    if step == "pain_area":
        found = extract(text).get("injuries") or []
        if not found:
            return [Reply(turn._("Which area? (knee, lower back, shoulder, wrist, ankle, hip, neck, elbow)"))]
        repos.users.set_dialogue(turn.s, turn.user.id, flow="idle")
        return training.pain(turn, found[0])
    repos.users.set_dialogue(turn.s, turn.user.id, flow="idle")
    return ask.free_text(turn, text)

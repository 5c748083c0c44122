"""/log and the buttons under a workout: done, too easy, too hard, pain, skipped; then effort and reps.

The same steps run for feedback typed in words (`typed_feedback`, called by the free-text router) and for
sets typed as text (`set_log_text`: "squat 3x10 @ 40 kg", "深蹲 3组×10个 40公斤").
"""
from __future__ import annotations

import re
import unicodedata
from datetime import date, timedelta

from coach.dialogue import log_guard
from coach.dialogue.callbacks import LOG_STATUSES, LogStatus, Pain, Rpe, TopOfRange
from coach.dialogue.router import router
from coach.dialogue.turn import Turn
from coach.domain.vocab import INJURIES
from coach.events import Button, Reply, rows
from coach.i18n import N_, t
from coach.intake import extract
from coach.intake.mentions import INJURY_RX
from coach.intake.answers import is_skip, yes_no
from coach.intake.intent_values import feedback_values
from coach.intake.others import about_someone_else, someone_else_did
from coach.intake.sets import parse_sets
from coach.services import groups as group_services
from coach.services import training, training_log
from coach.services.plans import session_on
from storage import repos

STATUS_LABELS = {"done": N_("Done ✅"), "too_easy": N_("Too easy"), "too_hard": N_("Too hard"), "pain": N_("Pain"),
                 "skipped": N_("Skipped")}
TYPED_STATUS = {"done": "done", "easy": "too_easy", "too easy": "too_easy", "hard": "too_hard", "too hard": "too_hard",
                "pain": "pain", "skip": "skipped", "skipped": "skipped", "完成": "done", "太简单": "too_easy",
                "太难": "too_hard", "疼": "pain", "跳过": "skipped"}
STATUS_ALIASES = {"easy": "too_easy", "hard": "too_hard", "skip": "skipped"}
_YESTERDAY = re.compile(r"\byesterday\b|昨天", re.I)


def log_buttons(turn: Turn) -> list[list[Button]]:
    return rows([Button(turn._(label), LogStatus(key).encode()) for key, label in STATUS_LABELS.items()], 3)


def status_of(text: str) -> str | None:
    """A status typed as a word or as a button's label in either language ("完成 ✅", "too easy!")."""
    low = "".join(ch for ch in unicodedata.normalize("NFKC", text) if unicodedata.category(ch)[0] in "LNZ")
    low = " ".join(low.lower().replace("_", " ").split())
    if low in TYPED_STATUS:
        return TYPED_STATUS[low]
    for key, label in STATUS_LABELS.items():
        for lang in ("en", "zh"):
            shown = "".join(ch for ch in t(lang, label) if unicodedata.category(ch)[0] in "LNZ")
            if low == " ".join(shown.lower().split()):
                return key
    return None


@router.command("log", help=N_("record a session"), order=12)
def log_cmd(turn: Turn, arg: str) -> list[Reply]:
    if not arg.strip():
        repos.users.set_dialogue(turn.s, turn.user.id, flow="log", step="status")
        return [Reply(training_log.week_summary(turn)),
                Reply(turn._("How did today's session go?"), buttons=log_buttons(turn))]
    sets = set_log_text(turn, arg)
    if sets is not None:
        return sets
    words = arg.lower().replace("-", "_").split()
    status = next((w for w in words if w in LOG_STATUSES or w in STATUS_ALIASES), None) or status_of(arg)
    status = STATUS_ALIASES.get(status or "", status)
    rpe = next((int(w) for w in words if w.isascii() and w.isdigit() and 1 <= int(w) <= 10), None)
    if status is None:
        repos.users.set_dialogue(turn.s, turn.user.id, flow="log", step="status")
        return [Reply(turn._("How did today's session go?"), buttons=log_buttons(turn))]
    return log_guard.check(turn, status, None) or record(turn, status, rpe)


# an effort score said with the feedback: "done, felt like a 6", "rpe 8", "7/10", "打7分"
RPE_IN_TEXT = re.compile(r"(?<![a-z])(?:rpe|effort)\s*(?:of|was|is|:|=|at)?\s*(\d{1,2})(?!\d)|(?<![\d.])(\d{1,2})\s*"
                         r"(?:/\s*10|out\s+of\s+10)|felt\s+like\s+an?\s+(\d{1,2})(?![\d.x])|打\s*(\d{1,2})\s*分|"
                         r"(?<![\d.])(\d{1,2})\s*分(?!钟)", re.I)


def rpe_in(text: str) -> int | None:
    """The effort score a feedback message gives (1-10), or None."""
    m = RPE_IN_TEXT.search(text)
    value = int(next(g for g in m.groups() if g)) if m else None
    return value if value is not None and 1 <= value <= 10 else None


def typed_feedback(turn: Turn, status: str, *, body_part: str | None = None, exercise: str | None = None,
                   day: date | None = None, rpe: int | None = None) -> list[Reply]:
    """Feedback typed in words, logged exactly as the buttons log it (same follow-up questions; an effort score said
    with it answers the effort question)."""
    status = STATUS_ALIASES.get(status, status)
    if status not in LOG_STATUSES:
        return [Reply(turn._("Please choose one:"), buttons=log_buttons(turn))]
    if status == "pain":
        if body_part in INJURIES:
            repos.users.set_dialogue(turn.s, turn.user.id, flow="idle")
            return training.pain(turn, body_part, exercise=exercise, on=day)
        return _ask_area(turn, exercise, day)
    guarded = log_guard.check(turn, status, day)  # no session to skip, or one already logged otherwise
    if guarded is not None:
        return guarded
    return _group_attendance(turn, status, day) + record(turn, status, rpe, day=day)


def _group_attendance(turn: Turn, status: str, day: date | None) -> list[Reply]:
    """"done" typed privately also counts the group session the coach sent for that day, like its button."""
    if status not in ("done", "too_easy", "too_hard"):
        return []
    groups = group_services.attend_sessions_sent_for(turn.s, turn.user.id, day or turn.today())
    return [Reply(turn._("Counted your session in {group}: well done! ✅", group=group_services.group_name(g)))
            for g in groups]


def set_log_text(turn: Turn, text: str) -> list[Reply] | None:
    """Store the sets typed in a message ("bench 60kg 8,8,7"); None when the message holds no set log."""
    entries = parse_sets(text)
    if not entries:
        return None
    if someone_else_did(text):  # "my son did 3x10 squats", "我儿子做了3组深蹲": not the sender's sets
        return [Reply(turn._("That sounds like someone else's, so I kept it out of your profile: I only track your "
                             "own values."))]
    day = turn.today() - timedelta(days=1) if _YESTERDAY.search(text) else None
    return training_log.log_sets(turn, entries, text, day=day)


_NOT_AN_ANSWER = re.compile(r"\b(didn'?t|did not|never) (do|did|train|work)|\bno workout\b|\bcleared me\b|"
                            r"\bclearance\b|没(有)?(做|练|运动|训练)|医生.{0,12}(同意|批准|允许)")
_NOT_PAIN = re.compile(r"\b(cancel|never ?mind|not (a )?pain|just (normal )?(doms|sore)|only sore)\b|取消|算了|不是疼|只是酸")


def area_named(text: str) -> list[str]:
    """Body areas named in an answer to "Where does it hurt?" ("my lower back", "膝盖"), in order."""
    low = text.lower()
    found: list[tuple[int, str]] = []
    for rx in (INJURY_RX.en, INJURY_RX.zh):
        for m in rx.finditer(low) if rx is not None else ():
            code = INJURY_RX.codes.get(next((k for k, v in m.groupdict().items() if v), ""), "")
            if code in INJURIES:
                found.append((m.start(), code))
    return [code for _pos, code in sorted(found)]


def _ask_area(turn: Turn, exercise: str | None, day: date | None) -> list[Reply]:
    data = {"status": "pain", "exercise": exercise, "day": day.isoformat() if day else None}
    repos.users.set_dialogue(turn.s, turn.user.id, flow="log", step="pain_area", data=data)
    return [Reply(turn._("Sorry it hurt. Stop any exercise that causes sharp pain. Where does it hurt?"),
                  buttons=rows([Button(turn._(a.replace("_", " ")), Pain(a).encode()) for a in INJURIES], 4))]


def _day(data: dict) -> date | None:
    raw = data.get("day")
    try:
        return date.fromisoformat(raw) if raw else None
    except (TypeError, ValueError):
        return None


def record(turn: Turn, status: str, rpe: int | None, *, ask_rpe: bool = True, ask_top: bool = True,
           top: bool = False, day: date | None = None) -> list[Reply]:
    """Ask what is still missing (pain area, effort, top of range), then store the log and apply the rules."""
    s, uid = turn.s, turn.user.id
    when = (day or turn.today()).isoformat()  # a rating answered days later still rates the session asked about
    if status == "pain":
        return _ask_area(turn, None, day)
    if rpe is None and ask_rpe and status in ("done", "too_easy", "too_hard"):
        repos.users.set_dialogue(s, uid, flow="log", step="rpe", data={"status": status, "day": when})
        return [Reply(turn._("How hard was it overall, from 1 (very easy) to 10 (maximal)?"),
                      buttons=rows([Button(str(i), Rpe(i).encode()) for i in range(1, 11)], 5)
                      + [[Button(turn._("Skip"), Rpe(None).encode())]])]
    if status == "done" and rpe is not None and rpe <= 8 and ask_top and _kind_on(turn, day) in ("strength", "mixed"):
        repos.users.set_dialogue(s, uid, flow="log", step="top", data={"status": status, "rpe": rpe, "day": when})
        return [Reply(turn._("Did you reach the top of the rep range on every set?"),
                      buttons=[[Button(turn._("Yes"), TopOfRange(True).encode()),
                                Button(turn._("No"), TopOfRange(False).encode())]])]
    repos.users.set_dialogue(s, uid, flow="idle")
    return training.log_session(turn, status, rpe, top=top, on=day)


def settle(turn: Turn) -> list[Reply]:
    """A session whose effort or top-of-range question is still open is logged with what is known (a command came
    instead of the answer, as a message about something else does); nothing when no such question is open."""
    state = repos.users.get_dialogue(turn.s, turn.user.id)
    if state.flow != "log" or state.step not in ("rpe", "top"):
        return []
    data = state.data or {}
    return record(turn, data.get("status", "done"), data.get("rpe"), ask_rpe=False, ask_top=False, day=_day(data))


def _kind_on(turn: Turn, day: date | None) -> str | None:
    plan = repos.plans.active_plan(turn.s, turn.user.id)
    if plan is None:
        return None
    info = session_on(plan, day or turn.today())
    return info.session["kind"] if info.session else None


def _state(turn: Turn) -> dict:
    return repos.users.get_dialogue(turn.s, turn.user.id).data or {}


@router.callback(LogStatus, needs="profile")
def status_button(turn: Turn, cb: LogStatus) -> list[Reply]:
    return log_guard.check(turn, cb.status, None) or record(turn, cb.status, None)


def relogged(turn: Turn, yes: bool, data: dict) -> list[Reply]:
    """The answer to "already logged as done. Change it to skipped?": Yes logs it (with its usual questions)."""
    repos.users.set_dialogue(turn.s, turn.user.id, flow="idle")
    if not yes or log_guard.stale(turn, data):
        return [Reply(log_guard.kept(turn, data))]
    asked = data.get("relog") or {}
    return record(turn, asked.get("status", "done"), None, day=_day(asked))


@router.callback(Rpe, needs="profile")
def rpe_button(turn: Turn, cb: Rpe) -> list[Reply]:
    data = _state(turn)
    return record(turn, data.get("status", "done"), cb.value, ask_rpe=False, day=_day(data))


@router.callback(TopOfRange, needs="profile")
def top_button(turn: Turn, cb: TopOfRange) -> list[Reply]:
    data = _state(turn)
    return record(turn, data.get("status", "done"), data.get("rpe"), ask_rpe=False, ask_top=False, top=cb.reached,
                  day=_day(data))


@router.callback(Pain, needs="profile")
def pain_button(turn: Turn, cb: Pain) -> list[Reply]:
    data = _state(turn)
    repos.users.set_dialogue(turn.s, turn.user.id, flow="idle")
    return training.pain(turn, cb.area, exercise=data.get("exercise"), on=_day(data))


def pain_told(text: str) -> dict | None:
    """Pain of one's own told under a log question ("my knee hurt during the squats", "膝盖有点疼"): the feedback
    values (body part, exercise), or None (no pain, a denied one, normal soreness, someone else's)."""
    found = feedback_values(text)
    if found.get("status") != "pain" or about_someone_else(text):
        return None
    return found


def _with_pain(turn: Turn, found: dict, data: dict, day: date | None) -> list[Reply]:
    """The session is logged as one with pain (the log notes the area), not as an ordinary one."""
    head = [Reply(turn._("Noted: I logged this session as one with pain, not as an ordinary session."))] \
        if found.get("body_part") else []  # else "Where does it hurt?" first; the log follows the answer
    return head + typed_feedback(turn, "pain", body_part=found.get("body_part"),
                                   exercise=found.get("exercise") or data.get("exercise"), day=day)


def effort_in_words(text: str) -> str | None:
    """A short answer to "how hard was it?" in words: too easy or too hard ("太简单了", "way too hard"), else None."""
    if len(text.strip()) > 40 or "?" in text or "？" in text:
        return None
    status = STATUS_ALIASES.get(status_of(text) or "", status_of(text)) or feedback_values(text).get("status")
    return status if status in ("too_easy", "too_hard") else None


# an answer to "how hard, 1-10?": a number, perhaps with a few words around it ("about 7", "7/10", "rpe 8", "7分")
RPE_ANSWER = re.compile(r"\s*(?:rpe|effort|about|around|maybe|like|i'?d say|probably|大概|差不多|应该是|打)?\s*"
                        r"([0-9]{1,3})\s*(?:/\s*10|out of 10|of 10|分|左右|吧|ish)?\s*[.!。！~]*\s*")


def _status_typed(turn: Turn, text: str, day: date | None) -> list[Reply] | None:
    """A typed answer to "How did today's session go?" (sets typed instead are logged)."""
    status = status_of(text)
    if status is not None:
        return typed_feedback(turn, status, day=day)
    sets = set_log_text(turn, text)
    if sets is not None:
        return sets
    repos.users.set_dialogue(turn.s, turn.user.id, flow="idle")
    return None  # not about the session: the question is dropped and the message read as usual


@router.flow("log")
def typed(turn: Turn, text: str, data: dict, step: str) -> list[Reply] | None:
    """Typed answers to the log questions; sets typed meanwhile are logged and the question stays open."""
    low = text.lower().strip()
    day = _day(data)
    if step == "status":
        return _status_typed(turn, text, day)
    if step in ("rpe", "top") and _NOT_AN_ANSWER.search(low):  # "i didnt do a workout", "she cleared me"
        repos.users.set_dialogue(turn.s, turn.user.id, flow="idle")
        return None  # nothing logged; the message is read as any other (a clearance goes to its flow)
    if step in ("rpe", "top") and (hurt := pain_told(text)) is not None:  # "my knee hurt during the squats"
        return _with_pain(turn, hurt, data, day)
    if step == "rpe":
        if is_skip(low):
            return record(turn, data.get("status", "done"), None, ask_rpe=False, day=day)
        m = RPE_ANSWER.fullmatch(low)
        if m and 1 <= int(m.group(1)) <= 10:
            return record(turn, data.get("status", "done"), int(m.group(1)), day=day)
        sets = set_log_text(turn, text)
        if sets is not None:
            return sets + [Reply(turn._("How hard was it overall, from 1 (very easy) to 10 (maximal)?"))]
        if m:  # an effort score out of range: ask again
            return [Reply(turn._("RPE must be a whole number from 1 to 10."))]
        effort = effort_in_words(text)
        if effort is not None:  # "太简单了", "way too easy": the effort answer, logged as its button logs it
            return record(turn, effort, None, ask_rpe=False, day=day)
        # something else entirely: keep the session without an effort score, then read the message as usual
        turn.before.extend(record(turn, data.get("status", "done"), None, ask_rpe=False, ask_top=False, day=day))
        return None
    if step == "top":
        yn = yes_no(low)
        if yn is None:
            sets = set_log_text(turn, text)
            if sets is not None:
                return sets + [Reply(turn._("Did you reach the top of the rep range on every set?"),
                                     buttons=[[Button(turn._("Yes"), TopOfRange(True).encode()),
                                               Button(turn._("No"), TopOfRange(False).encode())]])]
            # not a yes or no: keep the session as logged (top of range not claimed), then read the message
            turn.before.extend(record(turn, data.get("status", "done"), data.get("rpe"), ask_rpe=False,
                                      ask_top=False, top=False, day=day))
            return None
        return record(turn, data.get("status", "done"), data.get("rpe"), ask_rpe=False, ask_top=False, top=yn,
                      day=day)
    if step == "pain_area" and _NOT_PAIN.search(low):
        repos.users.set_dialogue(turn.s, turn.user.id, flow="idle")
        return [Reply(turn._("OK, nothing was logged as pain."))]
    if step == "pain_area":
        found = extract(text).get("injuries") or area_named(text)
        if not found or "chest" in found:  # "cancel", "just sore", a question, chest (a red flag): not an area
            repos.users.set_dialogue(turn.s, turn.user.id, flow="idle")
            return None  # nothing logged as pain; the message is read as any other (safety path included)
        repos.users.set_dialogue(turn.s, turn.user.id, flow="idle")
        return training.pain(turn, found[0], exercise=data.get("exercise"), on=day)
    repos.users.set_dialogue(turn.s, turn.user.id, flow="idle")
    return None  # not an answer to a log question: read as any other message

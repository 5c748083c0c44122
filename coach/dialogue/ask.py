"""Free text outside a question: corrections, then the model's answer (if configured) or the best passage."""
from __future__ import annotations

import logging
import re


from coach.events import Reply
from coach.i18n import N_
from coach.services.corrections import apply_profile_change
from coach.dialogue import onboarding
from coach.dialogue.turn import Turn
from storage import repos
from coach.services.profiles import profile_dict, profile_of
from coach.intake import extract
from coach.intake.answers import error_text, merge_fields
log = logging.getLogger(__name__)

# hybrid scores (cosine + language bonus) of off-topic messages stay below this on the evaluation set
ANSWER_MIN_SCORE = 0.945
_HELLO = N_("Hi! Ask me anything about your training, or try /today or /help.")
_THANKS = N_("You're welcome! Keep it up.")
SMALL_TALK = {"hi": _HELLO, "hello": _HELLO, "hey": _HELLO, "你好": _HELLO, "thanks": _THANKS, "thank you": _THANKS,
              "ok thanks": _THANKS, "谢谢": _THANKS, "ok": N_("👍"), "好的": N_("👍")}
_WORDS = re.compile(r"[A-Za-z]{3,}|[\u4e00-\u9fff]{2,}")
NOT_FIELDS = ("reminder_time", "timezone", "preferences")


def free_text(turn: Turn, text: str) -> list[Reply]:
    """Typed text with no question open."""
    found = extract(text)
    prof_fields = {k: v for k, v in found.items() if k not in NOT_FIELDS}
    onboarded = profile_of(turn.s, turn.user) is not None
    if prof_fields and onboarded:
        good, errors = merge_fields(prof_fields, profile_dict(turn.s, turn.user))
        if errors:
            return [Reply(error_text(turn.lang, e)) for e in errors]
        if good:
            return apply_profile_change(turn, good, source="manual")
    if not onboarded:
        state = repos.users.get_dialogue(turn.s, turn.user.id)
        if state.flow == "paused_onboarding":
            repos.users.set_dialogue(turn.s, turn.user.id, flow="onboarding", step=state.step, data=state.data)
            return onboarding.answer(turn, text)
        return onboarding.resume(turn)
    if turn.agent is not None:
        answer = turn.agent.answer(turn.s, turn.user, text)
        if answer is not None:
            return answer
    return [kb_answer(turn, text)]


def kb_answer(turn: Turn, text: str) -> Reply:
    """The deterministic answer: the best knowledge passage, quoted with its source."""
    low = text.lower().strip(" !.?。！？")
    if low in SMALL_TALK:
        return Reply(turn._(SMALL_TALK[low]))
    try:
        hits = turn.container.retriever().search(text, k=3, language=turn.lang)
    except Exception:  # noqa: BLE001 - the index may be unavailable; people still get an answer
        log.exception("knowledge search failed")
        hits = []
    if not hits or hits[0].score < ANSWER_MIN_SCORE or not _WORDS.search(text):
        return Reply(turn._("I'm not sure I understood. You can ask me about training, or use /help to see "
                            "what I can do."))
    top = hits[0].passage
    body = top.text if len(top.text) <= 900 else top.text[:900].rsplit(" ", 1)[0] + "…"
    more = ", ".join(h.passage.id for h in hits[1:])
    out = f"{top.title}\n\n{body}\n\n" + turn._("Source: {source} [{id}]", source=top.source, id=top.id)
    if more:
        out += "\n" + turn._("Related: {ids}", ids=more)
    return Reply(out)

"""/export and /delete: everything stored about a person, downloaded or erased."""
from __future__ import annotations

import logging

from coach.dialogue.callbacks import Delete
from coach.dialogue.router import router
from coach.dialogue.turn import Turn
from coach.events import Button, Reply
from coach.i18n import N_, t
from coach.intake.answers import yes_no
from coach.services import privacy
from coach.services.report import report_pdf
from storage import repos

log = logging.getLogger(__name__)


def in_words(turn: Turn, delete: bool) -> list[Reply]:
    """"delete my data" (only /delete erases, after a confirmation) or "who can see my data?" (what is stored, who
    sees it, how to get or erase it); nothing changes."""
    if delete:
        return [Reply(turn._("To erase everything I hold about you, send /delete: it asks you to confirm first. If you "
                             "want a copy, send /export before."))]
    text = turn._("What I store about you (your profile, readings, workouts and check-ins) is kept encrypted and used "
                  "only to plan and adjust your training. A coach sees something only if you joined their group, and "
                  "then only what you chose with /share. /export gives you a copy of everything; /delete erases it.")
    if turn.agent is not None:  # the README's promise about the model
        text += " " + turn._("The language model that helps me answer gets your training details, never your name or "
                             "chat id.")
    return [Reply(text)]


@router.command("export", help=N_("download your data"), needs="nothing", order=30)
def export(turn: Turn, arg: str) -> list[Reply]:
    # compact JSON (indented output needs json's pure-Python encoder, several times slower on a long history), written
    # from the stored cells without parsing them (privacy.export_json)
    blob = privacy.export_json(turn.s, turn.user.id)
    replies = [Reply(turn._("Here is everything I store about you."), document=blob,
                     document_name="fitcoach-export.json")]
    try:
        pdf = report_pdf(turn.s, turn.user, turn.today())
    except Exception:  # noqa: BLE001 - the JSON above is the export; a report that fails to draw must not lose it
        log.exception("readable report failed")
        return replies
    return replies + [Reply(turn._("And the same as a report you can read: profile, plan history with reasons, "
                                   "readings and charts."), document=pdf, document_name="fitcoach-report.pdf",
                            slow=True)]


@router.command("delete", help=N_("erase everything"), needs="nothing", order=31)
def delete(turn: Turn, arg: str) -> list[Reply]:
    repos.users.set_dialogue(turn.s, turn.user.id, flow="delete")
    return [Reply(turn._("This erases everything I store about you: profile, plans, workouts, check-ins, "
                         "readings and messages. It cannot be undone. Erase everything?"),
                  buttons=[[Button(turn._("Yes, erase everything"), Delete(True).encode()),
                            Button(turn._("No, keep it"), Delete(False).encode())]])]


@router.flow("delete")
def typed(turn: Turn, text: str, data: dict, step: str) -> list[Reply]:
    return confirm(turn, bool(yes_no(text)))


@router.callback(Delete, needs="nothing")
def button(turn: Turn, cb: Delete) -> list[Reply]:
    if repos.users.get_dialogue(turn.s, turn.user.id).flow != "delete":
        return [Reply(turn._("That button has expired. Send /delete again."))]
    return confirm(turn, cb.confirm)


def confirm(turn: Turn, yes: bool) -> list[Reply]:
    if not yes:
        repos.users.set_dialogue(turn.s, turn.user.id, flow="idle")
        return [Reply(turn._("Nothing was deleted."))]
    lang = turn.lang
    privacy.erase(turn.s, turn.user.id)
    return [Reply(t(lang, "Done: everything about you has been erased. Send /start if you ever want to begin "
                          "again."))]

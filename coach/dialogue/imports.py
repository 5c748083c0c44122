"""A file of readings sent in the chat (an Apple Health export, a Fitbit CSV...): check, import, progress, summary.

The mouth (bot.telegram.documents) downloads the file and calls these in turn, off its event loop:
`check` before downloading (consent, size), `import_document` with a progress callback, `progress_text` for the
one message it keeps editing. /import explains what to send.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from coach.events import Reply
from coach.i18n import N_, norm_lang, t
from coach.dialogue.router import router
from coach.dialogue.turn import Turn
from coach.services import imports as svc
from storage import repos

# the Bot API's download limit (getFile) for bots on Telegram's servers; a local Bot API server has none
MAX_DOWNLOAD_BYTES = 20 * 2**20
HOW = N_("Send me the file as a document: the export.zip (or export.xml) from Apple Health (Health app → your "
         "picture → Export All Health Data), the Google Fit daily metrics CSV from Google Takeout, a Fitbit or "
         "Garmin CSV export, or a CSV with the columns date,kind,value,unit. I import weight, resting heart rate, "
         "blood pressure, sleep, body fat and steps; sending the same file again adds nothing.")
HOW_ANDROID = N_("On Android, Health Connect → Export data gives a zip: send it as it is.")


@dataclass(frozen=True)
class Check:
    """Whether an upload may be imported, and in which language to talk about it."""

    lang: str
    refusal: Reply | None = None


@router.command("import", help=N_("import readings from a watch or health app"), needs="consent", quick=True,
                order=17)
def import_cmd(turn: Turn, arg: str) -> list[Reply]:
    return [Reply(how(turn.user.language))]


def how(lang: str) -> str:
    """What files to send, and how to get them."""
    return t(lang, HOW) + "\n" + t(lang, HOW_ANDROID)


def check(coach: Any, user_key: str, size: int | None, language_hint: str | None = None,
          *, local_api: bool = False) -> Check:
    """Before downloading: only a person who agreed to store health data may import, and the file must be one the
    bot can fetch."""
    with coach.c.session(read_only=True) as s:
        user = repos.users.find_user(s, user_key)
        lang = user.language if user is not None else norm_lang(language_hint)
        if user is None or user.consent_at is None:
            return Check(lang, Reply(t(lang, "Before I can store health data from a file, please agree to it: "
                                             "send /start.")))
    if size is not None and size > MAX_DOWNLOAD_BYTES and not local_api:
        return Check(lang, Reply(t(lang, "That file is {mb} MB; I can fetch files up to 20 MB from Telegram. "
                                         "Send the export.zip rather than the unzipped export.xml, or use "
                                         "`fitcoach import FILE` on the computer that runs me.",
                                   mb=round(size / 2**20))))
    return Check(lang)


def progress_text(lang: str, fraction: float, *, failed: bool = False) -> str:
    """The progress message's text."""
    if failed:
        return t(lang, "Import stopped.")
    if fraction >= 1.0:
        return t(lang, "Import finished: 100%")
    return t(lang, "Importing your data… {pct}%", pct=int(fraction * 100))


def import_document(coach: Any, user_key: str, path: Path, lang: str,
                    progress: Callable[[float], None] | None = None) -> tuple[bool, Reply]:
    """Import the downloaded file for the person: (whether it was read, the summary or why nothing was imported)."""
    try:
        with coach.c.session() as s:
            user, summary = svc.import_for(s, user_key, path, progress=progress)
            return True, Reply(svc.summary_text(user.language, summary))
    except svc.UnknownFormat:
        return False, Reply(t(lang, "I couldn't read this file, so nothing was imported.") + "\n\n" + how(lang))
    except svc.ImportRefused:
        return False, Reply(t(lang, "Before I can store health data from a file, please agree to it: send /start."))

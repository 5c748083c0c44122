"""/progress: the chart of sessions and weight, with a one-line summary."""
from __future__ import annotations

from coach.charts import progress_png
from coach.events import Reply
from coach.i18n import N_
from coach.dialogue.router import router
from coach.dialogue.turn import Turn


@router.command("progress", help=N_("your progress chart"), order=16)
def progress(turn: Turn, arg: str) -> list[Reply]:
    png, summary = progress_png(turn.s, turn.user, today=turn.today())
    return [Reply(summary, photo=png, slow=True)]

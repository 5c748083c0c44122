"""/progress: the chart of weight, sessions and whatever else is logged, with the one-sentence takeaway."""
from __future__ import annotations

from coach.events import Reply
from coach.i18n import N_
from coach.dialogue.router import router
from coach.dialogue.turn import Turn
from coach.services.progress import progress_chart


@router.command("progress", help=N_("your progress chart"), order=16)
def progress(turn: Turn, arg: str) -> list[Reply]:
    png, summary = progress_chart(turn.s, turn.user, turn.today())
    return [Reply(summary, photo=png, slow=True)]

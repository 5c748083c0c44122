"""Channel-neutral events and replies exchanged between a mouth (Telegram, terminal) and the coach."""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Button:
    label: str
    data: str  # callback data, <= 64 bytes
    toggle: bool = False  # one item of a pick-several list (ticks on and off; "Done" ends the list)


@dataclass
class Incoming:
    """One thing a person did: typed text, or pressed a button."""

    user_key: str  # "tg:<id>" or "cli:<name>": never shown to a model
    channel: str = "telegram"
    chat_id: int | None = None
    text: str | None = None
    callback: str | None = None
    language_hint: str | None = None
    sender_name: str | None = None  # the name the person shows on Telegram (a group's default display name)


@dataclass
class Reply:
    """What to send back; mouths render buttons as inline keyboards or numbered options."""

    text: str = ""
    buttons: list[list[Button]] = field(default_factory=list)
    photo: bytes | None = None
    photo_name: str = "progress.png"
    document: bytes | None = None
    document_name: str = "fitcoach-export.json"
    edit: bool = False  # replace the message whose button was pressed (Telegram), print anew elsewhere
    slow: bool = False  # a typing indicator is worth showing before it

    def flat_buttons(self) -> list[Button]:
        return [b for row in self.buttons for b in row]


def rows(buttons: list[Button], per_row: int = 3) -> list[list[Button]]:
    """Lay buttons out in rows."""
    return [buttons[i:i + per_row] for i in range(0, len(buttons), per_row)]

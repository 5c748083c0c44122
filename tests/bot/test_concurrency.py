"""Per-person update processing: different people at once, one person's updates one at a time in arrival order."""
from __future__ import annotations

import asyncio

from telegram import Chat, Message, Update, User

from bot.telegram.concurrency import PerPersonUpdates, person_of


def _update(update_id: int, user_id: int) -> Update:
    user = User(user_id, "T", is_bot=False)
    msg = Message(update_id, None, Chat(user_id, "private"), from_user=user, text="x")  # type: ignore[arg-type]
    return Update(update_id, message=msg)


async def test_one_person_in_order_and_people_in_parallel():
    proc = PerPersonUpdates()
    log: list[tuple[str, int, int]] = []
    running: dict[int, int] = {}
    overlap = {"same": 0, "other": 0}

    async def work(update_id: int, user_id: int) -> None:
        running[user_id] = running.get(user_id, 0) + 1
        overlap["same"] = max(overlap["same"], running[user_id])
        overlap["other"] = max(overlap["other"], sum(1 for v in running.values() if v))
        log.append(("start", user_id, update_id))
        await asyncio.sleep(0.02)
        log.append(("end", user_id, update_id))
        running[user_id] -= 1

    updates = [(i, 1 if i % 3 else 2) for i in range(1, 13)]
    await asyncio.gather(*(proc.process_update(_update(i, u), work(i, u)) for i, u in updates))
    assert overlap["same"] == 1 and overlap["other"] == 2  # never two of one person's turns; two people at once
    for user in (1, 2):
        started = [i for kind, u, i in log if kind == "start" and u == user]
        assert started == [i for i, u in updates if u == user]  # arrival order kept
    assert proc._locks == {} and proc._pending == {}  # nothing kept once everyone is answered


def test_person_of():
    assert person_of(_update(1, 42)) == ("user", 42)
    assert person_of("not an update") is None

"""The load generator of turn_bench.py --webhook, run as processes of their own (so that neither it nor the fake Bot
API, which stays in the bench's process, is what limits the updates/s measured).

    python bench/_webhook_load.py JOB.json GO_AT

JOB.json: {"url", "secret", "users": [[update, ...], ...]}. At the wall-clock time GO_AT every user starts posting
their updates, each after the previous one's 200 (Telegram's order within a chat); prints {"posted", "bad"}.
"""
from __future__ import annotations

import asyncio
import json
import sys
import time

import aiohttp

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"  # bot.telegram.webhook's (not imported: this process stays light)


async def run(job: dict, go_at: float) -> dict[str, int]:
    headers = {SECRET_HEADER: job["secret"], "Content-Type": "application/json"}
    bodies = [[json.dumps(u).encode() for u in updates] for updates in job["users"]]
    counts = {"posted": 0, "bad": 0}
    connector = aiohttp.TCPConnector(limit=len(bodies) or 1)
    async with aiohttp.ClientSession(connector=connector, timeout=aiohttp.ClientTimeout(total=60)) as session:

        async def user(mine: list[bytes]) -> None:
            for body in mine:
                async with session.post(job["url"], data=body, headers=headers) as resp:
                    await resp.read()
                    counts["posted" if resp.status == 200 else "bad"] += 1

        await asyncio.sleep(max(0.0, go_at - time.time()))
        await asyncio.gather(*(user(mine) for mine in bodies))
    return counts


if __name__ == "__main__":
    with open(sys.argv[1], encoding="utf-8") as f:
        job_ = json.load(f)
    print(json.dumps(asyncio.run(run(job_, float(sys.argv[2])))), flush=True)

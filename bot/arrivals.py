"""How many of the bot's requests can reach Telegram within one second, counted so that no jitter can break it.

Telegram (and the fake Bot API in the tests) counts requests when they *arrive*; a limiter that counts when a sender
*stamps* a request is only as good as the delay between the two is steady. On a loaded host it is not: a sender that
took its slot and was then held up 60 ms lands in the next second together with that second's own sends, and
Telegram answers 429. This guard bounds arrivals instead. A request arrives somewhere between its stamp and its
answer, so a request counts from its stamp until one second after its answer (while it is in flight, until a
deadline past any Bot API timeout). A new request may go only while fewer than `cap` requests count: then any one
second of arrivals holds at most `cap` requests, whatever the delays were (the latest-stamped request of such a
second saw every other one of them still counting when it was stamped).

The cost is the round trip: with answers in ~10 ms the guard allows ~cap / 1.01 requests a second.
Shared by every process through one Redis sorted set (member: a request's id, score: when it stops counting),
checked and added to by one Lua script together with the tick that spreads sends through the second; in process
memory without Redis.
"""
from __future__ import annotations

import time
import uuid
from typing import Any

WINDOW_S = 1.0  # Telegram's window
IN_FLIGHT_S = 30.0  # a request not yet answered counts this long at most (beyond every Bot API timeout)

# KEYS[1] the set of counted requests, KEYS[2] the tick's key. ARGV: now, window, cap, member, in-flight deadline,
# tick lifetime (ms). Returns 0 (taken), -1 (someone sent in this tick) or the seconds until the oldest count ends.
TAKE = """
if redis.call('EXISTS', KEYS[2]) == 1 then return '-1' end
local now = tonumber(ARGV[1])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - tonumber(ARGV[2]))
if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[3]) then
  local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
  return tostring(tonumber(oldest[2]) + tonumber(ARGV[2]) - now)
end
redis.call('SET', KEYS[2], '1', 'PX', tonumber(ARGV[6]))
redis.call('ZADD', KEYS[1], tonumber(ARGV[5]), ARGV[4])
redis.call('PEXPIRE', KEYS[1], math.ceil((tonumber(ARGV[5]) - now + tonumber(ARGV[2])) * 1000))
return '0'
"""
# KEYS[1] the set; ARGV: member, answered at. Only a request still counted is updated (XX).
LAND = "redis.call('ZADD', KEYS[1], 'XX', tonumber(ARGV[2]), ARGV[1]) return 0"


def new_ticket() -> str:
    return uuid.uuid4().hex[:16]


class RedisArrivals:
    """The guard over one Redis (every process of the deployment)."""

    def __init__(self, prefix: str, cap: int) -> None:
        self.key, self.cap = f"{prefix}:arrivals", cap

    async def take(self, conn: Any, tick_key: str, tick_ttl_ms: int, ticket: str) -> float:
        now = time.time()
        out = await conn.eval(TAKE, keys=[self.key, tick_key],
                              args=[repr(now), repr(WINDOW_S), self.cap, ticket, repr(now + IN_FLIGHT_S), tick_ttl_ms])
        return float(out.decode() if isinstance(out, bytes) else out)

    async def land(self, conn: Any, ticket: str) -> None:
        await conn.eval(LAND, keys=[self.key], args=[ticket, repr(time.time())])


class LocalArrivals:
    """The same guard in this process's memory (no REDIS_URL, or Redis unreachable)."""

    def __init__(self, cap: int) -> None:
        self.cap = cap
        self._until: dict[str, float] = {}
        self._ticks: set[int] = set()

    def take(self, tick: int, ticket: str) -> float:
        now = time.time()
        if tick in self._ticks:
            return -1.0
        self._until = {k: v for k, v in self._until.items() if v > now - WINDOW_S}
        if len(self._until) >= self.cap:
            return min(self._until.values()) + WINDOW_S - now
        self._ticks = {t for t in self._ticks if t >= tick - 2} | {tick}
        self._until[ticket] = now + IN_FLIGHT_S
        return 0.0

    def land(self, ticket: str) -> None:
        if ticket in self._until:
            self._until[ticket] = time.time()

"""Deliveries: the unique key, claims (first wins, stale ones taken over, sent is final) and the due query."""
from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest
from sqlalchemy.exc import IntegrityError

from storage.models import Delivery, utcnow
from storage.repos import deliveries, users

DAY = date(2026, 3, 2)


def test_unique_delivery_key_rejects_a_second_insert(s, user):
    s.add(Delivery(user_id=user.id, kind="workout", local_date=DAY))
    s.commit()
    s.add(Delivery(user_id=user.id, kind="workout", local_date=DAY))
    with pytest.raises(IntegrityError):
        s.commit()
    s.rollback()
    # the claim API: first claim wins, second is refused, another day is fine
    assert deliveries.claim_delivery(s, user.id, "checkin", DAY, worker="a") is not None
    assert deliveries.claim_delivery(s, user.id, "checkin", DAY, worker="b") is None
    assert deliveries.claim_delivery(s, user.id, "checkin", DAY + timedelta(days=1), worker="b") is not None


def test_stale_claim_is_taken_over_but_sent_is_final(s, user):
    d = deliveries.claim_delivery(s, user.id, "workout", DAY, worker="dead")
    taken = deliveries.claim_delivery(s, user.id, "workout", DAY, worker="w2", lease=timedelta(seconds=-1))
    assert taken is not None and (taken.claimed_by, taken.attempts) == ("w2", 2)  # the dead worker's claim expired
    deliveries.finish_delivery(s, d.id, "sent")
    assert deliveries.claim_delivery(s, user.id, "workout", DAY, worker="w3", lease=timedelta(seconds=-1)) is None
    (row,) = deliveries.deliveries(s, user_id=user.id, kind="workout")
    assert row.status == "sent" and row.sent_at is not None


def test_a_retry_is_claimed_again_at_once(s, user):
    d = deliveries.claim_delivery(s, user.id, "workout", DAY, worker="a")
    deliveries.finish_delivery(s, d.id, "retry")
    assert deliveries.claim_delivery(s, user.id, "workout", DAY, worker="b") is not None


def _due(s, *, tz="UTC", at="07:30", cutoff=None, **kw) -> list[int]:
    cutoff = cutoff or utcnow() - timedelta(minutes=2)
    return deliveries.due_user_ids(s, timezone=tz, kind="workout", local_date=DAY, local_time=at, claim_cutoff=cutoff,
                                   **kw)


def _consented(s, key: str, **fields) -> int:
    user, _ = users.get_or_create_user(s, key, channel="telegram")
    users.update_user(s, user, consent_at=utcnow(), **{"reminder_time": "07:30", **fields})
    return user.id


def test_due_users_are_consented_active_unpaused_and_past_their_reminder_time(s):
    due = _consented(s, "tg:1")
    _consented(s, "tg:2", reminder_time="07:31")  # later today
    _consented(s, "tg:3", reminders_paused=True)
    _consented(s, "tg:4", active=False)  # blocked the bot
    _consented(s, "tg:5", timezone="Asia/Shanghai")  # another zone is asked separately
    users.get_or_create_user(s, "tg:6", channel="telegram")  # no consent
    s.commit()
    assert _due(s) == [due]
    assert sorted(deliveries.timezones_in_use(s)) == ["Asia/Shanghai", "UTC"]


def test_a_final_delivery_or_a_live_claim_blocks_and_a_stale_claim_does_not(s):
    ids = [_consented(s, f"tg:{i}") for i in range(1, 5)]
    s.commit()
    for uid, status in zip(ids[:3], ("sent", "skipped", "failed")):
        deliveries.finish_delivery(s, deliveries.claim_delivery(s, uid, "workout", DAY, worker="w").id, status)
    deliveries.claim_delivery(s, ids[3], "workout", DAY, worker="w")  # claimed just now
    assert _due(s) == []
    assert _due(s, cutoff=utcnow() + timedelta(seconds=1)) == [ids[3]]  # a claim older than the cutoff: dead worker
    other_kind = deliveries.due_user_ids(s, timezone="UTC", kind="checkin", local_date=DAY, local_time="08:00",
                                         claim_cutoff=utcnow())
    assert other_kind == ids  # per kind
    assert _due(s, cutoff=datetime(2000, 1, 1, tzinfo=timezone.utc)) == []


def test_due_users_can_be_limited_and_restricted(s):
    ids = [_consented(s, f"tg:{i}") for i in range(1, 4)]
    s.commit()
    assert _due(s, limit=2) == ids[:2]
    assert _due(s, user_ids=[ids[2]]) == [ids[2]]


def test_enqueue_inserts_each_key_once_and_a_queued_row_is_no_longer_due(s):
    ids = [_consented(s, f"tg:{i}") for i in range(1, 4)]
    s.commit()
    assert deliveries.enqueue(s, [(u, "workout", DAY) for u in ids[:2]]) == 2
    assert deliveries.enqueue(s, [(u, "workout", DAY) for u in ids]) == 1  # the first two are there already
    assert _due(s) == []
    assert sorted(deliveries.queued(s)) == [(u, "workout", DAY) for u in ids]
    assert deliveries.count_by_status(s) == {"queued": 3}


def test_take_claims_the_oldest_open_row_once_then_dead_claims_and_due_retries(s):
    a, b, c = (_consented(s, f"tg:{i}") for i in range(1, 4))
    s.commit()
    deliveries.enqueue(s, [(a, "workout", DAY), (b, "workout", DAY)])
    first = deliveries.take(s, worker="w1")
    second = deliveries.take(s, worker="w2")
    assert (first.user_id, first.status, first.claimed_by, first.attempts) == (a, "claimed", "w1", 1)
    assert second.user_id == b and deliveries.take(s, worker="w3") is None  # live claims are not taken
    deliveries.finish_delivery(s, first.id, "retry", retry_at=utcnow() + timedelta(minutes=5))
    assert deliveries.take(s, worker="w3") is None  # a retry waits for its time
    taken = deliveries.take(s, worker="w3", lease=timedelta(seconds=-1))  # w2's claim is older than the lease
    assert (taken.id, taken.claimed_by, taken.attempts) == (second.id, "w3", 2)
    deliveries.finish_delivery(s, taken.id, "sent")
    deliveries.finish_delivery(s, first.id, "retry", retry_at=utcnow() - timedelta(seconds=1))
    assert deliveries.take(s, worker="w4").id == first.id
    deliveries.enqueue(s, [(c, "checkin", DAY)])
    assert deliveries.take(s, worker="w5", user_ids=[a, b]) is None  # restricted to other users
    assert deliveries.take(s, worker="w5", user_ids=[c]).user_id == c


def test_concurrent_takers_never_take_one_row_twice(engine):
    """Eight threads take from one queue of 200 rows at once (SKIP LOCKED on PostgreSQL, the guarded UPDATE on
    SQLite): every row is taken exactly once."""
    from concurrent.futures import ThreadPoolExecutor

    from sqlmodel import Session

    with Session(engine) as s:
        ids = [_consented(s, f"tg:{i}") for i in range(200)]
        s.commit()
        deliveries.enqueue(s, [(u, "workout", DAY) for u in ids])

    def taker(n: int) -> list[int]:
        got = []
        with Session(engine) as s:
            while (row := deliveries.take(s, worker=f"w{n}")) is not None:
                got.append(row.id)
        return got

    with ThreadPoolExecutor(8) as pool:
        taken = [i for part in pool.map(taker, range(8)) for i in part]
    assert len(taken) == len(set(taken)) == 200

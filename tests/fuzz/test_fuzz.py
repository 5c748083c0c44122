"""The fuzz suite: random events (hypothesis) and a deterministic sweep over every command, every button kind and
every flow, in English, Chinese and hostile Unicode, through the whole Dialogue on the test database (SQLite, or
PostgreSQL with TEST_DATABASE_URL). 0 crashes, 0 stored values out of range, every turn within 1 s.

The fast versions run about 1,000 events; the `slow` ones at least 20,000 random and 10,000 sweep events.
"""
from __future__ import annotations

import itertools

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coach.dialogue.callbacks import CallbackData
from coach.dialogue.inbound import MAX_TEXT_CHARS
from coach.dialogue.router import router
from coach.events import Incoming
from tests.fuzz.corpus import ARGS, EN, HOSTILE, ZH, callback_prefixes, callback_values, commands
from storage import repos
from tests.fuzz.driver import START, Driver

USERS = ("tg:71001", "tg:71002", "tg:71003")  # onboarded; fresh (consent, onboarding); onboarded, always in a flow
FLOW_OPENERS = ("/checkin", "/log", "/settings", "/profile", "/start", "/cleared", "/weight", "/delete")  # every flow

hostile_text = st.text(alphabet=st.characters(blacklist_categories=()), max_size=60)
any_text = st.one_of(st.sampled_from(EN + ZH + HOSTILE), hostile_text,
                     st.builds(lambda a, b: f"{a} {b}", st.sampled_from(EN + ZH), st.sampled_from(HOSTILE)))
event = st.one_of(
    st.tuples(st.just("text"), any_text),
    st.tuples(st.just("command"), st.builds(lambda c, a: f"/{c} {a}".strip(), st.sampled_from(commands()),
                                            st.one_of(st.sampled_from(ARGS), hostile_text))),
    st.tuples(st.just("callback"), st.builds(lambda p, vs: ":".join([p, *vs]), st.sampled_from(callback_prefixes()),
                                             st.lists(st.one_of(st.sampled_from(callback_values()), hostile_text),
                                                      max_size=3))),
)
batch = st.tuples(st.sampled_from(USERS), st.sampled_from(["en", "zh", None]), st.lists(event, min_size=10, max_size=30))


@pytest.fixture
def driver(container):
    d = Driver(container)
    for key in USERS[::2]:
        d.ensure(key)
    return d


def play(d: Driver, user: str, lang: str | None, events) -> None:
    d.ensure(USERS[0])
    d.ensure(USERS[2])
    for kind, value in events:
        if user == USERS[2] and kind == "text":
            d.send(user, text=FLOW_OPENERS[len(value) % len(FLOW_OPENERS)], lang=lang, kind="command")
        if kind == "callback":
            d.send(user, callback=value, lang=lang, kind=kind)
        else:
            d.send(user, text=value, lang=lang, kind=kind)


def finish(d: Driver, label: str, at_least: int) -> None:
    bad = d.out_of_range()
    print(d.tally.line(label) + f" out_of_range={len(bad)}")
    assert d.tally.events >= at_least
    assert d.tally.crashes == [], d.tally.crashes[:20]
    assert bad == [], bad[:20]
    assert d.tally.slow == [], sorted(d.tally.slow, reverse=True)[:10]


def _random(driver: Driver, examples: int) -> None:
    @settings(max_examples=examples, deadline=None, database=None, derandomize=True,
              suppress_health_check=list(HealthCheck))
    @given(batch)
    def run(b) -> None:
        play(driver, *b)

    run()


def sweep_events() -> list[tuple[str, str, str]]:
    """(user, kind, value) over every command x argument, button kind x value and text, for each kind of user."""
    out = []
    texts = EN + ZH + HOSTILE
    cmds = [f"/{c} {a}".strip() for c in commands() for a in ARGS]
    cbs = [f"{p}:{v}" for p in callback_prefixes() for v in callback_values()]
    cbs += [f"{p}:{v}:{w}" for p in callback_prefixes() for v, w in itertools.product(["1", "knee", "yes"],
                                                                                      ["999", "⑦", "\x00"])]
    texts += [f"{a} {b}" for a in EN + ZH for b in HOSTILE[::4]]  # typed text with hostile Unicode mixed in
    for user in USERS:
        out += [(user, "command", c) for c in cmds] + [(user, "callback", c) for c in cbs]
        out += [(user, "text", t) for t in texts]
    return out


def _sweep(driver: Driver, every: int) -> None:
    for i, (user, kind, value) in enumerate(sweep_events()):
        if i % every:
            continue
        play(driver, user, "zh" if i % 3 == 0 else None, [(kind, value)])


def test_random_events_fast(driver):
    _random(driver, 25)
    finish(driver, "random (fast)", 400)


def test_sweep_fast(driver):
    _sweep(driver, 23)
    finish(driver, "sweep (fast)", 250)


@pytest.mark.slow
def test_random_events_20000(driver):
    _random(driver, 1000)
    finish(driver, "random", 20_000)


def test_a_1mb_message_is_answered_politely_within_a_second(driver):
    for text in ("8" * 2**20, "胸痛" * 2**19, "\x00\ud800" * 2**19, "a" * (MAX_TEXT_CHARS + 1)):
        driver.send(USERS[0], text=text)
    assert driver.tally.crashes == [] and driver.tally.slow == [], driver.tally.line("1 MB")
    replies = driver.coach.handle(Incoming(user_key=USERS[0], chat_id=71001, text="x" * 2**20))
    assert len(replies) == 1 and str(MAX_TEXT_CHARS) in replies[0].text


def test_every_button_kind_decodes_through_its_typed_class():
    assert router.callbacks
    for prefix, route in router.callbacks.items():
        assert issubclass(route.kind, CallbackData) and route.kind.prefix == prefix
        for value in callback_values():
            decoded = route.kind.decode(f"{prefix}:{value}")  # never raises; a value or None
            assert decoded is None or isinstance(decoded, route.kind)


def test_the_range_check_sees_every_kind_of_bad_value(driver):
    """The audit behind '0 out of range' can fail: a planted bad value of each kind is reported."""
    with driver.c.session() as s:
        user = repos.users.find_user(s, USERS[0])
        repos.workouts.add_workout_log(s, user.id, session_date=START, status="done", rpe=11)
        repos.workouts.add_set_log(s, user.id, session_date=START, exercise="squat", sets=[[999, 40.0]] * 21, rpe=0)
        repos.workouts.add_set_log(s, user.id, session_date=START, exercise="deadlift", sets=[[5, 99999.0]])
        repos.checkins.add_checkin(s, user.id, START, {"sleep": 30, "bp": [300, 20], "soreness": 9})
        repos.readings.add_metric(s, user.id, "resting_hr", 500, "bpm")
        repos.users.update_user(s, user, timezone="A" * 64, reminder_time="25:61", checkin_days=[7, 7])
    bad = "\n".join(driver.out_of_range())
    for finding in ("RPE 11", "21 sets", "reps 999", "RPE 0", "load 99999.0 kg", "sleep: 30", "bp: [300, 20]", "soreness: 9",
                    "resting_hr: 500", "timezone 'AAA", "reminder time '25:61'", "check-in days [7, 7]"):
        assert finding in bad, (finding, bad)

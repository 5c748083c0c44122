"""Log scan: the end-to-end flows (Telegram through the fake Bot API - one-to-one, coach groups, typed-only logging,
a file import -, the terminal, the agent against the fake OpenAI server) run in this process with every log record captured at DEBUG, under the production logger levels; no record
(message, arguments, exception text) holds a test user's name, what they typed, a health value they typed, or a token
or key."""
from __future__ import annotations

import io
import logging
import re
import traceback
from collections import Counter
from pathlib import Path

import pytest

from bot.cli.logs import quiet_libraries
from bot.settings import load_settings
from bot.terminal import Terminal
from bot.wiring import build, make_coach
from storage import repos
from tests.bot import test_groups_e2e, test_import_e2e, test_typing_e2e
from tests.bot import test_telegram_e2e as e2e
from tests.bot.conftest import Harness, last_with_buttons, texts
from tests.coach.test_agent import smart_model
from tests.conftest import _reset_pg
from tests.fakes import FakeOpenAI, FakeTelegram

NAMES = ("Quintessa", "quin_secret_77", "Zebediah", "zeb_secret_handle")
OPENAI_KEY = "sk-logscan-0123456789abcdef"
COMMON = {"skip", "yes", "no", "否", "同意", "跳过", "hi", "1", "2"}  # words too common to prove a leak
HEALTH = re.compile(r"\d+(?:[.,]\d+)?\s*(?:kg|cm|lb|pounds|ft|in|公斤|厘米|岁)|\d{2,3}/\d{2,3}")


class RecordingTelegram(FakeTelegram):
    """The fake Bot API, remembering everything the test users typed; users carry distinctive names."""

    def __init__(self) -> None:
        super().__init__()
        self.typed: list[str] = []

    def user_message(self, chat_id, text, **kw):  # noqa: ANN001, ANN201 - the fake's own signature
        self.typed.append(text)
        kw.setdefault("first_name", NAMES[0])
        kw.setdefault("username", NAMES[1])
        return super().user_message(chat_id, text, **kw)


def _record_text(rec: logging.LogRecord) -> str:
    parts = [str(rec.msg)]
    try:
        parts.append(rec.getMessage())
    except Exception:  # noqa: BLE001 - a record whose args do not fit its message: scan the raw args
        pass
    parts.append(repr(rec.args))
    if rec.exc_info and rec.exc_info[1] is not None:
        parts.append("".join(traceback.format_exception(*rec.exc_info)))
    if rec.exc_text:
        parts.append(rec.exc_text)
    return "\n".join(parts)


def _secrets(typed: list[str], extra: list[str]) -> list[str]:
    out = set(NAMES) | set(extra)
    for text in typed:
        t = text.strip()
        if t.startswith("/"):  # a command's argument is typed text too (a timezone, a name, a value)
            t = t.partition(" ")[2].strip()
            out.add(t.rpartition(" ")[2] if len(t.rpartition(" ")[2]) >= 6 else "")
        if t.lower() in COMMON or len(t) < 4:
            continue
        out.add(t)
        out.update(m.group(0) for m in HEALTH.finditer(t))
    return sorted(x for x in out if x)


def _fresh_db(tmp_path: Path, db_url: str, name: str) -> str:
    """A database of its own for one flow (some flows count rows in whole tables)."""
    if db_url.startswith("sqlite"):
        return f"sqlite:///{tmp_path / (name + '.db')}"
    _reset_pg(db_url)
    return db_url


async def _in_harness(tmp_path: Path, db_url: str, key: str, shared_chroma: Path, name: str, flow) -> RecordingTelegram:
    fake = RecordingTelegram()
    await fake.start()
    settings = load_settings(fitcoach_data_dir=tmp_path / name, database_url=_fresh_db(tmp_path, db_url, name),
                             fitcoach_encryption_key=key, telegram_bot_token=fake.token,
                             telegram_api_base_url=fake.root_url, chroma_path=shared_chroma)
    h = Harness(fake, settings)
    await h.start()
    try:
        await flow(h)
    finally:
        await h.stop()
        h.container.engine.dispose()
        await fake.stop()
    return fake


async def _daily_talk(h: Harness) -> None:
    """An onboarded user's free text: readings, a pain report and a question."""
    await e2e.consent(h, 301)
    await e2e.skip_to_plan(h, 301, await h.say(301, e2e.SENTENCE))
    for text in ("my weight today is 77.4 kg", "my blood pressure is 142/91", "my left knee hurts when I squat",
                 "how long should I rest between sets?", "/today"):
        assert await h.say(301, text)


async def _telegram_flows(tmp_path: Path, db_url: str, key: str, shared_chroma: Path) -> tuple[list[str], list[str]]:
    typed: list[str] = []
    tokens: list[str] = []
    flows = (e2e.test_onboarding_one_field_at_a_time_with_buttons, e2e.test_onboarding_from_one_english_sentence,
             e2e.test_onboarding_in_chinese, e2e.test_bad_values_are_refused_and_nothing_stored,
             e2e.test_restart_mid_onboarding_continues, e2e.test_daily_commands_progress_export_delete,
             e2e.test_user_text_is_html_escaped, e2e.test_two_users_at_once_never_see_each_others_data, _daily_talk,
             test_groups_e2e.test_coach_and_group_end_to_end, test_typing_e2e.test_typed_only_through_telegram,
             test_import_e2e.test_an_export_sent_as_a_file_is_imported_with_progress_and_a_summary)
    for i, flow in enumerate(flows):
        fake = await _in_harness(tmp_path, db_url, key, shared_chroma, f"tg{i}", flow)
        typed += fake.typed
        tokens.append(fake.token)
    return typed, tokens


async def _agent_flow(tmp_path: Path, db_url: str, key: str, shared_chroma: Path) -> tuple[list[str], list[str]]:
    tg, llm = RecordingTelegram(), FakeOpenAI(fallback=smart_model)
    await tg.start()
    await llm.start()
    settings = load_settings(fitcoach_data_dir=tmp_path / "agent", database_url=_fresh_db(tmp_path, db_url, "agent"),
                             fitcoach_encryption_key=key,
                             telegram_bot_token=tg.token, telegram_api_base_url=tg.root_url, chroma_path=shared_chroma,
                             openai_api_key=OPENAI_KEY, openai_base_url=llm.base_url, openai_model="fake-model",
                             openai_timeout_s=2)
    h = Harness(tg, settings)
    await h.start()
    chat, who = 909091, {"first_name": NAMES[2], "username": NAMES[3]}
    try:
        out = await h.say(chat, "/start", **who)
        await h.press(chat, last_with_buttons(out), "consent:yes")
        out = await h.say(chat, e2e.SENTENCE, **who)
        for _ in range(10):
            if "plan is ready" in texts(out):
                break
            if "regularly" in texts(out):
                out = await h.press(chat, last_with_buttons(out), "ob:currently_active:no")
            else:
                out = await h.say(chat, "skip", **who)
        out = await h.say(chat, "should I stretch before or after lifting with my sore shoulder?", **who)
        assert "Sources:" in texts(out)
    finally:
        await h.stop()
        h.container.engine.dispose()
        await llm.stop()
        await tg.stop()
    return tg.typed, [tg.token, OPENAI_KEY]


def _terminal_flow(tmp_path: Path, db_url: str, key: str, shared_chroma: Path) -> list[str]:
    lines = ["/start", "1", "I'm 41, 6 ft 2 in, 210 pounds, resting pulse 70, no symptoms, no conditions, "
             "intermediate, I exercise regularly, build muscle, 3 days a week, 60 minutes, I go to a gym, bad left knee"]
    settings = load_settings(fitcoach_data_dir=tmp_path / "term", database_url=_fresh_db(tmp_path, db_url, "term"),
                             fitcoach_encryption_key=key,
                             chroma_path=shared_chroma)
    container = build(settings)
    out = io.StringIO()
    term = Terminal(make_coach(container), "cli:quintessa", tmp_path / "term", out=out)
    try:
        for line in lines:
            term.turn(line)
        for _ in range(12):
            with container.session() as s:
                u = repos.users.find_user(s, "cli:quintessa")
                if repos.plans.active_plan(s, u.id) is not None:
                    break
                step = repos.users.get_dialogue(s, u.id).step
            line = "no" if step == "currently_active" else "skip"
            lines.append(line)
            term.turn(line)
        for line in ("/today", "/progress", "/export", "I slept 5.5 hours and feel dizzy", "/settings tz Mars/Olympus"):
            lines.append(line)
            term.turn(line)
        assert "plan is ready" in out.getvalue()
    finally:
        container.engine.dispose()
    return lines


@pytest.mark.slow
async def test_no_log_record_holds_names_typed_text_health_values_or_secrets(tmp_path, db_url, key, shared_chroma,
                                                                           caplog):
    quiet_libraries("DEBUG")  # the production logger levels for LOG_LEVEL=DEBUG (chatty libraries at WARNING)
    caplog.set_level(logging.DEBUG)
    typed, secrets = await _telegram_flows(tmp_path, db_url, key, shared_chroma)
    more, agent_secrets = await _agent_flow(tmp_path, db_url, key, shared_chroma)
    typed += more + _terminal_flow(tmp_path, db_url, key, shared_chroma)
    watch = _secrets(typed, secrets + agent_secrets + [key])
    records = list(caplog.records)
    leaks = _leaks(records, watch)
    by_logger = Counter(r.name.split(".")[0] for r in records)
    print(f"\n[log-scan] {len(records)} records ({dict(by_logger)}) scanned for {len(watch)} strings "
          f"({len(typed)} typed messages): {len(leaks)} leaks")
    assert len(records) > 0 and "Mars/Olympus" in watch and NAMES[0] in watch
    planted = logging.LogRecord("coach", logging.ERROR, __file__, 1, "bad zone %s", ("Mars/Olympus",), None)
    assert _leaks([planted], watch)  # the scan would see a leak
    typed_number = next(w for w in watch if NUMBER.fullmatch(w))
    assert _leaks([logging.LogRecord("coach", logging.INFO, __file__, 1, "weight %s", (typed_number,), None)], watch)
    assert leaks == []


TIMING = re.compile(r"\b\w+_(?:ms|s)=[\d.]+")  # durations the operational logs print (latency_ms=83.4)
NUMBER = re.compile(r"[\d.,/]+")


def _seen(watched: str, text: str) -> bool:
    """A typed number counts only as a whole number (83.4 is not in 1083.45) outside a duration field; a number that
    equals a request's latency by chance is not a leak (CI once logged latency_ms=83.4 beside a typed 83.4 kg)."""
    if not NUMBER.fullmatch(watched):
        return watched in text
    return re.search(rf"(?<![\d.]){re.escape(watched)}(?![\d])", TIMING.sub("", text)) is not None


def _leaks(records: list[logging.LogRecord], watch: list[str]) -> list[str]:
    out = []
    for rec in records:
        text = _record_text(rec)
        found = [w for w in watch if _seen(w, text)]
        if found:
            out.append(f"{rec.name} {rec.levelname}: {found[:3]} in {text[:300]!r}")
    return out

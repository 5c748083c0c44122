"""The router is the one source of commands: adding one is a module that registers it; /help and the menu follow."""
from __future__ import annotations

import re
from datetime import datetime, timezone
from pathlib import Path

import pytest

from bot.telegram.application import command_menu
from coach.dialogue.group_chat import COACH_COMMANDS as GROUP_COMMANDS
from coach.dialogue import Coach
from coach.dialogue.callbacks import CallbackData, CheckinAnswer, LogStatus, Onboard, PlanWeek, Rpe, Share
from coach.dialogue.router import router
from coach.events import Incoming, Reply

README = Path(__file__).resolve().parents[3] / "README.md"
NOW = datetime(2026, 3, 2, 8, 0, tzinfo=timezone.utc)


@pytest.fixture
def ping_command():
    """A command registered from outside coach/, exactly as a new feature module would do it."""
    @router.command("ping", help="check that I am awake", needs="nothing", order=95)
    def ping(turn, arg: str) -> list[Reply]:
        return [Reply(turn._("pong") + (f" {arg}" if arg else ""))]

    yield ping
    router.remove_command("ping")


def test_a_registered_command_is_routed_listed_in_help_and_in_the_menu(container, ping_command):
    coach = Coach(container, clock=lambda: NOW)
    out = coach.handle(Incoming(user_key="tg:70", text="/ping hello"))
    assert [r.text for r in out] == ["pong hello"]
    help_text = coach.handle(Incoming(user_key="tg:70", text="/help"))[0].text
    assert "/ping — check that I am awake" in help_text
    assert ("ping", "check that I am awake") in [(c.command, c.description) for c in command_menu("en")]
    assert "ping" in [c.command for c in command_menu("zh")]


def test_removing_it_takes_it_out_everywhere(container, ping_command):
    router.remove_command("ping")
    coach = Coach(container, clock=lambda: NOW)
    assert "/ping" not in coach.handle(Incoming(user_key="tg:71", text="/help"))[0].text
    assert "ping" not in [c.command for c in command_menu("en")]


def test_help_and_menu_list_every_chat_command_the_readme_lists(container):
    http_endpoints = {"healthz", "readyz", "metrics"}  # the operations endpoints in "Deploying", not chat commands
    listed = set(re.findall(r"`/([a-z]+)", README.read_text(encoding="utf-8"))) - set(GROUP_COMMANDS) - http_endpoints
    assert {"start", "today", "plan", "checkin", "pause", "resume", "join", "share"} <= listed
    menu = {c.command for c in command_menu("en")}
    assert listed - menu == set(), f"README commands missing from the menu: {sorted(listed - menu)}"
    coach = Coach(container, clock=lambda: NOW)
    help_text = coach.handle(Incoming(user_key="tg:72", text="/help"))[0].text
    missing = [c for c in listed if f"/{c} —" not in help_text]
    assert missing == []


def test_menu_descriptions_are_translated(container):
    en = dict((c.command, c.description) for c in command_menu("en"))
    zh = dict((c.command, c.description) for c in command_menu("zh"))
    assert en.keys() == zh.keys()
    untranslated = [k for k in en if en[k] == zh[k]]
    assert untranslated == [], f"no Chinese description for {untranslated}"


@pytest.mark.parametrize("raw", ["rpe:999", "rpe:0", "rpe:²", "rpe:⑦", "pain:age", "plan:week:x", "plan:week:0",
                                 "ob:days_per_week:²", "ob:days_per_week:9", "ob:weight_kg:80", "share:1:maybe",
                                 "share:x:yes", "ci:sleep:" + "9" * 30, "log:great", "lang:fr", "nope:1",
                                 "consent" + ":x" * 40])
def test_malformed_or_forged_button_data_never_reaches_a_handler(raw):
    assert router.route_callback(raw) is None


@pytest.mark.parametrize("data", [LogStatus("too_hard"), Rpe(7), Rpe(None), PlanWeek(3), Share(12, True),
                                  Onboard("skip"), Onboard("goal", "fat_loss"), CheckinAnswer("sleep", "7")])
def test_every_button_kind_round_trips(data: CallbackData):
    raw = data.encode()
    assert len(raw.encode()) <= 64
    route, back = router.route_callback(raw)
    assert back == data and route.kind is type(data)


def test_legacy_button_data_in_old_chats_still_decodes():
    assert router.route_callback("log:done")[1] == LogStatus("done")
    assert router.route_callback("rpe:skip")[1] == Rpe(None)

"""Tests for coach.intake.times: deadlines, reminder times and time zones."""

from __future__ import annotations

import pytest

from coach.intake.extract import extract
from tests.coach.intake.support import TODAY


@pytest.mark.parametrize("text, expected", [
    ("lose 5 kg by March", 15),            # 2026-11-15 -> 2027-03-01: 106 days
    ("by 2027-03-01", 15),
    ("by the end of March", 19),           # 2027-03-31: 136 days
    ("by 1 February 2027", 11),
    ("3月前减掉5公斤", 15),
    ("年底前", 7),                          # 2026-12-31: 46 days
])
def test_target_weeks_from_dates(text: str, expected: int) -> None:
    assert extract(text, today=TODAY)["target_weeks"] == expected

@pytest.mark.parametrize("text, expected", [
    ("remind me at 7am", "07:00"),
    ("7:30 pm", "19:30"),
    ("reminders at 21:15 please", "21:15"),
    ("早上7点", "07:00"),
    ("晚上八点半", "20:30"),
    ("下午三点一刻提醒我", "15:15"),
    ("中午12点", "12:00"),
    ("remind me at 12am", "00:00"),
    ("remind me at 7:30 in the evening", "19:30"),
])
def test_reminder_times(text: str, expected: str) -> None:
    assert extract(text)["reminder_time"] == expected


@pytest.mark.parametrize("text, expected", [
    ("I live in Shanghai", "Asia/Shanghai"), ("China", "Asia/Shanghai"), ("我在北京", "Asia/Shanghai"),
    ("中国", "Asia/Shanghai"), ("London", "Europe/London"), ("New York", "America/New_York"),
    ("I'm on EST", "America/New_York"), ("Los Angeles", "America/Los_Angeles"),
    ("PST", "America/Los_Angeles"), ("Berlin", "Europe/Berlin"), ("Tokyo", "Asia/Tokyo"),
    ("Singapore", "Asia/Singapore"), ("Sydney", "Australia/Sydney"), ("Europe/Paris", "Europe/Paris"),
    ("tz is america/chicago", "America/Chicago"), ("UTC+8", "Etc/GMT-8"), ("UTC-5", "Etc/GMT+5"),
])
def test_timezones(text: str, expected: str) -> None:
    assert extract(text)["timezone"] == expected

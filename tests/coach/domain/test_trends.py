"""Trends without a database: the weight EWMA with gaps, the weekly rate, 7-day means against the baseline, the
strain rule that calls for a lighter week, flagged readings left out, local days."""
from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from types import SimpleNamespace

import pytest

from coach.domain import trends as tr
from coach.progression.rules import trend_strain

D0 = date(2026, 3, 2)


def days(values, start=D0, step=1):
    return [(start + timedelta(days=i * step), v) for i, v in enumerate(values)]


def test_ewma_moves_ten_percent_a_day():
    line = tr.ewma(days([80.0, 70.0, 70.0]))
    assert [v for _d, v in line] == pytest.approx([80.0, 79.0, 78.1])


def test_a_gap_counts_its_elapsed_days():
    daily = tr.ewma(days([80.0] + [70.0] * 7))[-1][1]  # seven days of 70
    gap = tr.ewma([(D0, 80.0), (D0 + timedelta(days=7), 70.0)])[-1][1]  # one weigh-in after seven days
    assert gap == pytest.approx(80 - 10 * (1 - 0.9 ** 7))
    assert gap == pytest.approx(daily, abs=0.01)  # the same smoothing, not one day's 10 %


def test_weekly_rate_of_a_steady_loss():
    series = days([80 - 0.1 * i for i in range(60)])
    rate = tr.weekly_rate(tr.ewma(series))
    assert rate == pytest.approx(-0.7, abs=0.05)  # the trend's slope catches up with 0.1 kg a day
    assert tr.weekly_rate(tr.ewma(days([80, 79.8]))) is None  # two days: too short to say


def test_flagged_readings_do_not_enter_the_trend():
    at = datetime(2026, 3, 2, 7, tzinfo=timezone.utc)
    rows = [SimpleNamespace(value=62.8, measured_at=at, flag=None),
            SimpleNamespace(value=52.8, measured_at=at + timedelta(days=1), flag="outlier"),
            SimpleNamespace(value=62.6, measured_at=at + timedelta(days=2), flag=None),
            SimpleNamespace(value=62.6, measured_at=at + timedelta(days=2, minutes=5), flag="duplicate"),
            SimpleNamespace(value=62.4, measured_at=at + timedelta(days=3))]  # rows from before the flag column
    pts = tr.daily_points(rows, "UTC")
    assert [v for _d, v in pts] == [62.8, 62.6, 62.4]
    assert min(v for _d, v in tr.ewma(pts)) > 62


def test_local_day_of_a_shanghai_morning():
    at = datetime(2026, 3, 9, 23, 45, tzinfo=timezone.utc)  # 07:45 on the 10th in Shanghai
    assert tr.local_day(at, "Asia/Shanghai") == date(2026, 3, 10)
    assert tr.local_day(at.replace(tzinfo=None), "Asia/Shanghai") == date(2026, 3, 10)  # SQLite's naive UTC
    assert tr.local_day(at, "America/New_York") == date(2026, 3, 9)


def strained_person(rhr_recent=66.0, sleep_recent=5.5, today=D0 + timedelta(days=34)):
    rhr = [(today - timedelta(days=i), 58.0 if i >= 7 else rhr_recent) for i in range(35)]
    sleep = [(today - timedelta(days=i), 7.5 if i >= 7 else sleep_recent) for i in range(35)]
    return tr.trends([], rhr, sleep, today)


def test_rising_resting_hr_with_poor_sleep_calls_for_a_lighter_week():
    t = strained_person()
    assert t.rhr_7d == pytest.approx(66) and t.rhr_baseline == pytest.approx(58) and t.sleep_7d == 5.5
    assert tr.strained(t)
    assert trend_strain(t) == {"rise": 8, "base": 58, "sleep": 5.5}


@pytest.mark.parametrize("rhr, sleep", [(62.0, 5.5), (66.0, 6.5)])  # only 4 bpm up; or sleep is fine
def test_one_sign_alone_is_not_strain(rhr, sleep):
    assert trend_strain(strained_person(rhr, sleep)) is None


def test_one_high_reading_is_not_a_trend():
    today = D0 + timedelta(days=34)
    rhr = [(today - timedelta(days=i), 58.0) for i in range(1, 35)] + [(today, 90.0)]
    sleep = [(today - timedelta(days=i), 5.0) for i in range(35)]
    t = tr.trends([], sorted(rhr), sleep, today)
    assert t.rhr_rise == pytest.approx(32 / 7) and not tr.strained(t)  # one 90 in seven days: +4.6 bpm


def test_too_few_readings_give_no_mean():
    assert tr.window_mean(days([60, 70]), D0 + timedelta(days=1), 7) is None


def test_eta_and_epley():
    assert tr.eta(80.0, -0.5, 78.0, D0) == D0 + timedelta(days=28)
    assert tr.eta(80.0, +0.5, 78.0, D0) is None  # heading away from the target
    assert tr.epley_1rm(10, 60) == pytest.approx(80)
    assert tr.epley_1rm(1, 100) == 100


"""The /progress chart for an English user in New York (lb) and a Chinese user in Shanghai (kg): the data it is
built from, and the rendered figure's titles, ticks and bars. Figures are drawn once per module, from a real
database (PostgreSQL when TEST_DATABASE_URL is set: see conftest.py's `history`)."""
from __future__ import annotations

import re
from datetime import date, timedelta
from pathlib import Path

import pytest
from matplotlib import dates as mdates
from sqlmodel import Session

from coach import charts
from coach.services import progress
from storage import repos
from tests.coach.charts.conftest import PAUSE, PLAN_DAY, TODAY, TYPO_DAY

SAMPLES = Path("/tmp/charts")
CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture(scope="module")
def drawn(history):
    """{lang: (ChartData, Figure, png bytes, summary)}; the PNGs are also saved to /tmp/charts for people to look at."""
    engine, ids = history
    out = {}
    SAMPLES.mkdir(parents=True, exist_ok=True)
    with Session(engine) as s:
        for lang, uid in ids.items():
            user = repos.users.get_user(s, uid)
            data = progress.chart_data(s, user, TODAY)
            fig = charts.build_figure(data)
            png = charts.png(fig)
            (SAMPLES / f"progress-{lang}.png").write_bytes(png)
            out[lang] = (data, fig, png, charts.summary(data))
    return out


def axis(fig, title_part: str):
    return next(ax for ax in fig.axes if title_part in ax.get_title())


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_weeks_start_at_the_first_plan_and_skip_the_pause(drawn, lang):
    data = drawn[lang][0]
    assert data.weeks[0].start == PLAN_DAY - timedelta(days=PLAN_DAY.weekday())  # no week before the plan's
    by_start = {w.start: w for w in data.weeks}
    assert by_start[PAUSE[0]].planned is None  # the paused week has no planned bar
    assert by_start[PAUSE[0]].done == 0
    assert by_start[date(2026, 2, 2)].planned == 3  # Wed, Fri, Sun from the plan's first day
    assert by_start[date(2026, 3, 9)].planned == 2  # Wed and Fri so far (today is Friday)
    assert all(isinstance(w.planned, int) for w in data.weeks if w.start != PAUSE[0])


def test_weight_in_the_persons_unit_and_local_day(drawn):
    en, zh = drawn["en"][0], drawn["zh"][0]
    assert en.unit == "lb" and zh.unit == "kg"
    assert 170 < en.weight[0].value < 182  # 82 kg ≈ 180.8 lb
    assert en.target == pytest.approx(76 / 0.45359237, abs=0.1)
    # 07:45 in Shanghai is 23:45 UTC the day before: the point stays on the Shanghai day
    assert [p.day for p in zh.weight][-1] == TODAY
    assert {p.day for p in zh.weight} == {p.day for p in en.weight}


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_typo_is_hollow_and_out_of_the_trend(drawn, lang):
    data, fig = drawn[lang][0], drawn[lang][1]
    outliers = [p for p in data.weight if p.outlier]
    assert [p.day for p in outliers] == [TYPO_DAY]
    trend_on = dict(data.trend)
    assert TYPO_DAY not in trend_on  # no trend point from the typo ...
    one_day = 0.5 if lang == "en" else 0.25  # ... and the next day's trend moves as little as any other day's
    assert trend_on[TYPO_DAY + timedelta(days=1)] == pytest.approx(trend_on[TYPO_DAY - timedelta(days=1)], abs=one_day)
    ax = fig.axes[0]
    hollow = [ln for ln in ax.lines if ln.get_markerfacecolor() == "none"]
    assert len(hollow) == 1 and list(hollow[0].get_xdata()) == [TYPO_DAY]


def test_labels_in_the_persons_language(drawn):
    en_titles = [ax.get_title() for ax in drawn["en"][1].axes]
    zh_titles = [ax.get_title() for ax in drawn["zh"][1].axes]
    assert en_titles[:2] == ["Weight (lb)", "Sessions per week"]
    assert all(CJK.search(title) for title in zh_titles), zh_titles
    assert not any(CJK.search(title) for title in en_titles)
    zh_ticks = [lb.get_text() for lb in drawn["zh"][1].axes[0].get_xticklabels()]
    assert zh_ticks and all(re.fullmatch(r"\d{1,2}月\d{1,2}日", x) for x in zh_ticks), zh_ticks
    en_ticks = [lb.get_text() for lb in drawn["en"][1].axes[0].get_xticklabels()]
    assert all(re.fullmatch(r"\d{1,2} [A-Z][a-z]{2}", x) for x in en_ticks), en_ticks
    assert CJK.search(drawn["zh"][3]) and not CJK.search(drawn["en"][3])


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_integer_session_ticks_and_no_bars_outside_the_plan(drawn, lang):
    data, fig = drawn[lang][0], drawn[lang][1]
    ax = fig.axes[1]
    fig.canvas.draw()
    ticks = ax.get_yticks()
    assert all(float(v).is_integer() for v in ticks), ticks
    labels = [lb.get_text() for lb in ax.get_yticklabels() if lb.get_text()]
    assert labels and all(re.fullmatch(r"[0-9−-]+", x) for x in labels), labels
    grey = [p for p in ax.patches if p.get_facecolor()[:3] == pytest.approx((0xd5 / 255,) * 3, abs=0.01)]
    planned_weeks = [i for i, w in enumerate(data.weeks) if w.planned is not None]
    assert sorted(round(p.get_x() + p.get_width() / 2) for p in grey) == planned_weeks
    pause_index = [w.start for w in data.weeks].index(PAUSE[0])
    assert pause_index not in planned_weeks


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_date_ticks_are_whole_days(drawn, lang):
    fig = drawn[lang][1]
    fig.canvas.draw()
    for ax in fig.axes:
        if ax.get_title().startswith(("Sessions", "每周")):
            continue
        locs = ax.get_xticks()
        assert 2 <= len(locs) <= 9
        assert all(float(x).is_integer() for x in locs)  # midnight: no hourly ticks
        days = [mdates.num2date(x).date() for x in locs]
        assert days == sorted(set(days))


def test_panels_follow_the_data(drawn):
    assert charts.panels(drawn["en"][0]) == ["weight", "sessions", "rhr", "sleep", "strength"]
    assert charts.panels(drawn["zh"][0]) == ["weight", "sessions", "bp"]
    squat = drawn["en"][0].strength["Dumbbell goblet squat"]  # the catalog's name, in the person's language
    assert drawn["en"][0].strength_kind == "1rm"
    assert squat[-1][1] > squat[0][1]  # loads went up: so does the estimated 1RM (lb, Epley)
    assert squat[0][1] == pytest.approx(60 * (1 + 5 / 30) / 0.45359237, rel=1e-3)


def test_caption_is_the_takeaway(drawn):
    en = drawn["en"][0].caption
    assert re.match(r"−\d+\.\d lb in 4 weeks, \d\.\d\d lb/week", en), en
    zh = drawn["zh"][0].caption
    assert "公斤" in zh or "kg" in zh
    assert CJK.search(zh)


def test_pngs_are_written(drawn):
    for lang in ("en", "zh"):
        png = drawn[lang][2]
        assert png[:8] == b"\x89PNG\r\n\x1a\n" and len(png) > 20_000
        assert (SAMPLES / f"progress-{lang}.png").exists()


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_far_off_typo_sits_at_the_edge_with_its_value_and_does_not_squash_the_readings(drawn, lang):
    data, fig = drawn[lang][0], drawn[lang][1]
    ax = fig.axes[0]
    typo = next(p for p in data.weight if p.outlier)
    good = [p.value for p in data.weight if not p.outlier] + [data.target]
    low, high = ax.get_ylim()
    assert typo.value < low <= min(good) and max(good) <= high  # the axis is the readings' (and target's) range
    assert high - low < (max(good) - min(good)) * 1.5
    hollow = next(ln for ln in ax.lines if ln.get_markerfacecolor() == "none")
    assert list(hollow.get_ydata()) == [pytest.approx(low, abs=(high - low) * 0.05)]  # drawn at the bottom edge
    assert [x.get_text() for x in ax.texts] == [f"{typo.value:.1f}"]  # with the value it had


@pytest.mark.parametrize("lang, word", [("en", "paused"), ("zh", "已暂停")])
def test_the_paused_week_says_paused(drawn, lang, word):
    data, fig = drawn[lang][0], drawn[lang][1]
    ax = fig.axes[1]
    pause_index = [w.start for w in data.weeks].index(PAUSE[0])
    assert [(round(x.get_position()[0]), x.get_text()) for x in ax.texts] == [(pause_index, word)]


def test_axis_labels_at_fixed_spots_draw_the_same_pixels(drawn):
    """The panels' (empty) axis labels sit at fixed spots, so matplotlib skips measuring the tick labels to place
    them: the PNG is byte for byte the one drawn with matplotlib placing them itself."""
    data, _fig, png, _summary = drawn["zh"]
    fig = charts.build_figure(data)
    assert all(not ax.xaxis._autolabelpos and not ax.yaxis._autolabelpos for ax in fig.axes)
    for ax in fig.axes:
        ax.xaxis._autolabelpos = ax.yaxis._autolabelpos = True
    assert charts.png(fig) == png

"""ChartData → a matplotlib Figure → PNG bytes: one panel per thing there is data for.

matplotlib is imported inside the functions (it costs ~0.5 s and only charts need it); figures are built with the
object API (Figure + the Agg canvas), never pyplot, so threads drawing at once share no global state.
"""
from __future__ import annotations

import gc
import io
import math
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, timedelta
from typing import Any

from coach.charts import fonts
from coach.charts.caption import fmt_day
from coach.charts.data import ChartData, rolling
from coach.i18n import t

BLUE, GREEN, GREY, RED, ORANGE, PURPLE = "#2b7bb9", "#3a9d5d", "#d5d5d5", "#c0392b", "#e67e22", "#8e44ad"
PANEL_H = 2.5
MAX_DATE_TICKS = 7
WIDTH_IN, DPI = 7.5, 100  # 750 px wide: sharp on a phone, a few hundred KB at most
# a fixed layout, in inches (tight_layout measured every label's extent first: ~0.5 s of a 0.6 s chart): room for
# the takeaway (up to two lines) above, the y tick labels left, the date ticks below and between the panels
TOP_IN, BOTTOM_IN, LEFT_IN, RIGHT_IN, GAP_IN = 0.8, 0.4, 0.7, 0.3, 0.6
# panel titles at a fixed height above their panel (the date ticks are below it): left to matplotlib, each title's
# position is worked out at every draw from the extents of the panel's tick labels (~15% of a chart's CPU)
TITLE = {"fontsize": 10, "y": 1.0}
PNG_COMPRESSION = 3  # zlib level: PNGs of flat colours barely shrink past it, and level 6 (default) costs more

_gc_lock = threading.Lock()
_gc_users = 0  # threads drawing now (the collector is paused while any is)
_gc_was_on = False


@contextmanager
def objects_die_young() -> Iterator[None]:
    """Pause the cyclic collector while a figure is built or drawn (~50,000 objects that live a fraction of a second).

    A collection in the middle promotes them to older generations, and enough promoted objects trigger a full
    collection, which walks the whole heap: 0.15-0.3 s of CPU every few charts, in whichever turn came next. Paused,
    they are still young when the figure is dropped and the next young collection frees them (a few ms). Process-wide,
    so counted across threads; a collector that was off stays off."""
    global _gc_users, _gc_was_on
    with _gc_lock:
        if _gc_users == 0:
            _gc_was_on = gc.isenabled()
            gc.disable()
        _gc_users += 1
    try:
        yield
    finally:
        with _gc_lock:
            _gc_users -= 1
            if _gc_users == 0 and _gc_was_on:
                gc.enable()


def panels(data: ChartData) -> list[str]:
    """The panels this person's chart has: weight always, the rest when there is something to draw."""
    out = ["weight"]
    if data.weeks:
        out.append("sessions")
    for name, present in (("rhr", data.rhr), ("bp", data.bp), ("sleep", data.sleep), ("strength", data.strength)):
        if present:
            out.append(name)
    return out


def build_figure(data: ChartData) -> Any:
    """The figure (kept for tests to read its labels and ticks); `png` turns it into bytes."""
    # imported here (heavy, optional): see the module docstring
    from matplotlib.figure import Figure

    fonts.register()
    names = panels(data)
    n = len(names)
    height = 1.0 + PANEL_H * n
    axes_h = (height - TOP_IN - BOTTOM_IN - GAP_IN * (n - 1)) / n
    with objects_die_young():
        fig = Figure(figsize=(WIDTH_IN, height), dpi=DPI)
        axes = fig.subplots(n, 1, squeeze=False)[:, 0]
        fig.subplots_adjust(left=LEFT_IN / WIDTH_IN, right=1 - RIGHT_IN / WIDTH_IN, top=1 - TOP_IN / height,
                            bottom=BOTTOM_IN / height, hspace=GAP_IN / axes_h)
        for name, ax in zip(names, axes):
            DRAW[name](ax, data)
            ax.grid(alpha=0.3)
            _fixed_axis_labels(ax)
        fig.suptitle(data.caption, fontsize=10, wrap=True, y=1 - 0.08 / height, va="top")
    return fig


def _fixed_axis_labels(ax: Any) -> None:
    """The panels have no axis labels (titles say what is drawn): placed at fixed spots, matplotlib stops measuring
    every tick label of every panel at each draw to move them clear of the ticks (~12% of a chart's CPU; the same
    pixels)."""
    if not ax.get_xlabel() and not ax.get_ylabel():
        ax.xaxis.set_label_coords(0.5, 0)
        ax.yaxis.set_label_coords(0, 0.5)


def chart_png(data: ChartData) -> bytes:
    """`png(build_figure(data))` with the collector paused from the first object to the last (paused only inside
    each, a young collection between the two would promote the whole figure: see objects_die_young)."""
    with objects_die_young():
        return png(build_figure(data))


def png(fig: Any) -> bytes:
    """The figure as PNG bytes."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg  # imported here (heavy, optional)

    buf = io.BytesIO()
    with objects_die_young():
        FigureCanvasAgg(fig).print_png(buf, pil_kwargs={"compress_level": PNG_COMPRESSION})
    return buf.getvalue()


def _date_axis(ax: Any, days: list[date], lang: str) -> None:
    """Day ticks at whole days (never hours), at most ~7 of them, labelled '12 Mar' / '3月12日'."""
    from matplotlib import dates as mdates, ticker  # imported here (heavy, optional)

    first, last = min(days), max(days)
    span = max((last - first).days, 6)  # a short series gets the week up to its last day, each day labelled
    lo, hi = last - timedelta(days=span + 1), last + timedelta(days=1)
    ax.set_xlim(mdates.date2num(lo), mdates.date2num(hi))
    step = 1 if span <= 7 else max(1, math.ceil((span + 2) / MAX_DATE_TICKS))
    if step <= 10:
        ax.xaxis.set_major_locator(mdates.DayLocator(interval=step))
    else:
        ax.xaxis.set_major_locator(mdates.AutoDateLocator(minticks=3, maxticks=MAX_DATE_TICKS))
    crosses = lo.year != hi.year  # a chart over New Year: the first tick and January's say which year

    def label(x: float, pos: int | None) -> str:
        d = mdates.num2date(x).date()
        return fmt_day(d, lang, year=crosses and (pos == 0 or (d.month == 1 and d.day <= step)))

    ax.xaxis.set_major_formatter(ticker.FuncFormatter(label))


def _weight(ax: Any, data: ChartData) -> None:
    lang = data.lang
    ax.set_title(t(lang, "Weight ({unit})", unit=data.unit), **TITLE)
    if not data.weight:
        ax.text(0.5, 0.5, t(lang, "No weight readings yet."), ha="center", va="center", transform=ax.transAxes)
        ax.set_xticks([])
        ax.set_yticks([])
        return
    good = [p for p in data.weight if not p.outlier]
    bad = [p for p in data.weight if p.outlier]
    ax.plot([p.day for p in good], [p.value for p in good], "o", color=BLUE, ms=4, alpha=0.6,
            label=t(lang, "readings"))
    if bad:
        _outliers(ax, data, good, bad)
    if data.trend:
        ax.plot([d for d, _v in data.trend], [v for _d, v in data.trend], "-", color=BLUE, lw=2,
                label=t(lang, "trend"))
    if data.target is not None:
        ax.axhline(data.target, color=GREEN, ls="--", lw=1, label=t(lang, "target {v} {unit}", v=f"{data.target:g}",
                                                                      unit=data.unit))
    _date_axis(ax, [p.day for p in data.weight], lang)
    ax.legend(loc="best", fontsize=8)


def _outliers(ax: Any, data: ChartData, good: list[Any], bad: list[Any]) -> None:
    """Outliers hollow; one far off the rest (a typo) sits at the panel's edge with its value written beside it,
    so that it does not squash the readings and the trend into a thin band."""
    values = [p.value for p in good] + [v for _d, v in data.trend]
    values += [data.target] if data.target is not None else []
    lo, hi = (min(values), max(values)) if values else (min(p.value for p in bad), max(p.value for p in bad))
    pad = max((hi - lo) * 0.12, 0.5)
    lo, hi = lo - pad, hi + pad
    ys = [min(max(p.value, lo), hi) for p in bad]
    ax.plot([p.day for p in bad], ys, "o", mfc="none", mec=RED, ms=6, clip_on=False,
            label=t(data.lang, "outliers (not in the trend)"))
    for p, y in zip(bad, ys):
        if y != p.value:
            ax.annotate(f"{p.value:.1f}", (p.day, y), xytext=(5, 4 if y == lo else -10), textcoords="offset points",
                        fontsize=7, color=RED)
    if good or data.trend:
        ax.set_ylim(lo - pad * 0.25, hi + pad * 0.25)


def _sessions(ax: Any, data: ChartData) -> None:
    from matplotlib import ticker  # imported here (heavy, optional)

    lang = data.lang
    ax.set_title(t(lang, "Sessions per week"), **TITLE)
    xs = list(range(len(data.weeks)))
    planned = [(x, w.planned) for x, w in zip(xs, data.weeks) if w.planned is not None]
    if planned:
        ax.bar([x for x, _p in planned], [p for _x, p in planned], color=GREY, width=0.7, label=t(lang, "planned"))
    ax.bar(xs, [w.done for w in data.weeks], color=GREEN, width=0.45, label=t(lang, "done"))
    for x, w in zip(xs, data.weeks):
        if w.planned is None:  # the whole week paused: say so, rather than leave a gap to puzzle over
            ax.text(x, 0.15, t(lang, "paused"), ha="center", va="bottom", fontsize=8, color="#777777")
    ax.set_xticks(xs, [fmt_day(w.start, lang) for w in data.weeks], fontsize=8)
    top = max([w.done for w in data.weeks] + [p for _x, p in planned] + [1])
    ax.set_ylim(0, top + 0.5)
    ax.yaxis.set_major_locator(ticker.MaxNLocator(integer=True))
    ax.legend(loc="upper left", fontsize=8)


def _series(ax: Any, data: ChartData, points: list[tuple[date, float]], title: str, color: str) -> None:
    ax.set_title(title, **TITLE)
    ax.plot([d for d, _v in points], [v for _d, v in points], "o", color=color, ms=3, alpha=0.6)
    line = rolling(points)
    ax.plot([d for d, _v in line], [v for _d, v in line], "-", color=color, lw=2, label=t(data.lang, "7-day average"))
    _date_axis(ax, [d for d, _v in points], data.lang)
    ax.legend(loc="best", fontsize=8)


def _rhr(ax: Any, data: ChartData) -> None:
    _series(ax, data, data.rhr, t(data.lang, "Resting heart rate (bpm)"), RED)


def _sleep(ax: Any, data: ChartData) -> None:
    _series(ax, data, data.sleep, t(data.lang, "Sleep (hours)"), PURPLE)


def _bp(ax: Any, data: ChartData) -> None:
    lang = data.lang
    ax.set_title(t(lang, "Blood pressure (mmHg)"), **TITLE)
    days = [d for d, _s, _d in data.bp]
    ax.plot(days, [s for _d, s, _x in data.bp], "o-", color=RED, ms=3, label=t(lang, "systolic"))
    ax.plot(days, [x for _d, _s, x in data.bp], "o-", color=ORANGE, ms=3, label=t(lang, "diastolic"))
    _date_axis(ax, days, lang)
    ax.legend(loc="best", fontsize=8)


def _strength(ax: Any, data: ChartData) -> None:
    lang = data.lang
    if data.strength_kind == "1rm":
        ax.set_title(t(lang, "Estimated one-rep max ({unit})", unit=data.unit), **TITLE)
    else:
        ax.set_title(t(lang, "Reps per week"), **TITLE)
    days: list[date] = []
    for exercise, pts in data.strength.items():
        ax.plot([d for d, _v in pts], [v for _d, v in pts], "o-", ms=3, label=exercise)
        days += [d for d, _v in pts]
    _date_axis(ax, days, lang)
    ax.legend(loc="best", fontsize=8)


DRAW = {"weight": _weight, "sessions": _sessions, "rhr": _rhr, "bp": _bp, "sleep": _sleep, "strength": _strength}

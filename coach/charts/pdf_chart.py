"""The progress chart drawn into the PDF report as vector graphics (fpdf lines, dots, bars and text).

The same panels as the /progress PNG (render.panels: weight with its trend, outliers and target, sessions per week,
resting heart rate, blood pressure, sleep, strength), the same titles and legends in the person's language, but no
matplotlib: the PNG cost ~0.25-0.45 s of CPU per report (tick and text layout), most of an /export turn, and a
CI fuzz run saw an /export over the 1 s turn bound. Vectors also print sharp at any size and weigh a few KB.
"""
from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

from coach.charts.caption import fmt_day
from coach.charts.data import ChartData, rolling
from coach.charts.render import BLUE, GREEN, GREY, ORANGE, PURPLE, RED, panels
from coach.i18n import t

PANEL_MM = 40.0  # plot height of a panel at most; less when six panels share a page
HEAD_MM, FOOT_MM = 9.0, 6.0  # title + legend above a plot; date labels below it
LEFT_MM = 12.0  # y labels
STRENGTH_COLOURS = (BLUE, ORANGE, PURPLE)


def _rgb(hex_colour: str) -> tuple[int, int, int]:
    return int(hex_colour[1:3], 16), int(hex_colour[3:5], 16), int(hex_colour[5:7], 16)


def nice_ticks(lo: float, hi: float, most: int = 5) -> list[float]:
    """Round values (1, 2, 2.5 or 5 times a power of ten) spanning lo..hi, at most `most` of them."""
    if hi <= lo:
        lo, hi = lo - 1, hi + 1
    raw = (hi - lo) / max(most - 1, 1)
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw)
    first = math.floor(lo / step) * step
    out, v = [], first
    while v <= hi + step * 1e-9:
        out.append(round(v, 6))
        v += step
    return out if len(out) >= 2 else [lo, hi]


class _Panel:
    """One plot box on the page: maps dates (or bar indexes) and values to millimetres."""

    def __init__(self, pdf: Any, font: str, x: float, y: float, w: float, h: float) -> None:
        self.pdf, self.font, self.x, self.y, self.w, self.h = pdf, font, x, y, w, h
        self.x0 = self.x1 = 0.0
        self.lo, self.hi = 0.0, 1.0
        self.ticks: list[float] = []

    def scale(self, x0: float, x1: float, lo: float, hi: float) -> None:
        self.x0, self.x1 = x0, (x1 if x1 > x0 else x0 + 1)
        ticks = nice_ticks(lo, hi)
        self.lo, self.hi = min(ticks[0], lo), max(ticks[-1], hi)
        self.ticks = ticks

    def px(self, x: float) -> float:
        return self.x + self.w * (x - self.x0) / (self.x1 - self.x0)

    def py(self, v: float) -> float:
        v = min(max(v, self.lo), self.hi)
        return self.y + self.h - self.h * (v - self.lo) / (self.hi - self.lo)

    def text(self, x: float, y: float, s: str, size: float = 6.5, colour: str = "#444444", align: str = "L") -> None:
        pdf = self.pdf
        pdf.set_font(self.font, size=size)
        pdf.set_text_color(*_rgb(colour))
        width = pdf.get_string_width(s)
        pdf.text(x - (width if align == "R" else width / 2 if align == "C" else 0), y, s)

    def frame(self, title: str, legend: Sequence[tuple[str, str]]) -> None:
        pdf = self.pdf
        self.text(self.x, self.y - HEAD_MM + 3.5, title, size=9, colour="#222222")
        lx = self.x
        for label, colour in legend:  # a coloured square, then the label, in one line under the title
            pdf.set_fill_color(*_rgb(colour))
            pdf.rect(lx, self.y - 4.2, 2.2, 2.2, style="F")
            self.text(lx + 3, self.y - 2.3, label)
            lx += 6 + pdf.get_string_width(label)
        pdf.set_draw_color(200, 200, 200)
        pdf.set_line_width(0.15)
        for v in self.ticks:
            if self.lo <= v <= self.hi:
                pdf.line(self.x, self.py(v), self.x + self.w, self.py(v))
                self.text(self.x - 1.2, self.py(v) + 1.1, f"{v:g}", align="R")
        pdf.set_draw_color(120, 120, 120)
        pdf.rect(self.x, self.y, self.w, self.h, style="D")

    def dates(self, first: date, last: date, lang: str) -> None:
        """Up to six day labels under the box, the first and last always."""
        span = max((last - first).days, 1)
        step = max(1, math.ceil(span / 5))
        days = list(range(0, span + 1, step))
        if days[-1] != span and span - days[-1] < step / 2:
            days[-1] = span
        elif days[-1] != span:
            days.append(span)
        crosses = first.year != last.year
        for i in days:
            d = date.fromordinal(first.toordinal() + i)
            self.text(self.px(d.toordinal()), self.y + self.h + 3.2, fmt_day(d, lang, year=crosses and i == 0),
                      align="C")

    def dots(self, pts: Sequence[tuple[float, float]], colour: str, r: float = 0.55, hollow: bool = False) -> None:
        pdf = self.pdf
        pdf.set_fill_color(*_rgb(colour))
        pdf.set_draw_color(*_rgb(colour))
        pdf.set_line_width(0.2)
        for x, v in pts:
            pdf.circle(self.px(x), self.py(v), r, style="D" if hollow else "F")

    def line(self, pts: Sequence[tuple[float, float]], colour: str, width: float = 0.5, dash: bool = False) -> None:
        if len(pts) < 2:
            return
        pdf = self.pdf
        pdf.set_draw_color(*_rgb(colour))
        pdf.set_line_width(width)
        if dash:
            pdf.set_dash_pattern(dash=1.2, gap=1.0)
        pdf.polyline([(self.px(x), self.py(v)) for x, v in pts], style="D")
        if dash:
            pdf.set_dash_pattern()


def _days(points: Sequence[tuple[date, float]]) -> list[tuple[float, float]]:
    return [(d.toordinal(), v) for d, v in points]


def _dated(p: _Panel, data: ChartData, title: str, legend: list[tuple[str, str]], series: list[list[tuple[date, float]]],
           draw: Callable[[], None], extra: Sequence[float] = ()) -> None:
    days = [d for s in series for d, _v in s]
    values = [v for s in series for _d, v in s] + list(extra)
    if not days:
        p.frame(title, [])
        return
    first, last = min(days), max(days)
    pad = max((max(values) - min(values)) * 0.08, 0.5)
    p.scale(first.toordinal() - 0.5, last.toordinal() + 0.5, min(values) - pad, max(values) + pad)
    p.frame(title, legend)
    draw()
    p.dates(first, last, data.lang)


def _weight(p: _Panel, data: ChartData) -> None:
    lang = data.lang
    title = t(lang, "Weight ({unit})", unit=data.unit)
    if not data.weight:
        p.frame(title, [])
        p.text(p.x + p.w / 2, p.y + p.h / 2, t(lang, "No weight readings yet."), size=8, align="C")
        return
    good = [(w.day, w.value) for w in data.weight if not w.outlier]
    bad = [(w.day, w.value) for w in data.weight if w.outlier]
    legend = [(t(lang, "readings"), BLUE)] + ([(t(lang, "trend"), BLUE)] if data.trend else [])
    legend += [(t(lang, "outliers (not in the trend)"), RED)] if bad else []
    if data.target is not None:
        legend.append((t(lang, "target {v} {unit}", v=f"{data.target:g}", unit=data.unit), GREEN))
    target = [data.target] if data.target is not None else []

    def draw() -> None:
        p.dots(_days(good), BLUE)
        p.line(_days(data.trend), BLUE, 0.6)
        if data.target is not None:
            p.line([(p.x0, data.target), (p.x1, data.target)], GREEN, 0.3, dash=True)
        p.dots(_days(bad), RED, r=0.8, hollow=True)  # a typo far off sits at the box's edge (py clamps it)
        for (d, v) in bad:
            if not p.lo <= v <= p.hi:
                p.text(p.px(d.toordinal()) + 1.2, p.py(v) + (-1.0 if v < p.lo else 2.5), f"{v:.1f}", colour=RED)

    # the scale from the good readings, the trend and the target: an outlier far off does not squash them
    _dated(p, data, title, legend, [good or bad, data.trend], draw, target)


def _sessions(p: _Panel, data: ChartData) -> None:
    lang = data.lang
    weeks = data.weeks
    top = max([w.done for w in weeks] + [w.planned or 0 for w in weeks] + [1])
    p.scale(-0.6, len(weeks) - 0.4, 0, top + 0.5)
    p.ticks = list(range(0, top + 1, max(1, math.ceil(top / 4))))
    p.frame(t(lang, "Sessions per week"), [(t(lang, "planned"), GREY), (t(lang, "done"), GREEN)])
    pdf, slot = p.pdf, p.w / max(len(weeks), 1)
    for i, w in enumerate(weeks):
        for value, colour, frac in ((w.planned, GREY, 0.7), (w.done, GREEN, 0.45)):
            if value:
                pdf.set_fill_color(*_rgb(colour))
                pdf.rect(p.px(i) - slot * frac / 2, p.py(value), slot * frac, p.py(0) - p.py(value), style="F")
        if w.planned is None:
            p.text(p.px(i), p.py(0) - 1.5, t(lang, "paused"), size=6, colour="#777777", align="C")
        p.text(p.px(i), p.y + p.h + 3.2, fmt_day(w.start, lang), align="C")


def _series(p: _Panel, data: ChartData, points: list[tuple[date, float]], title: str, colour: str) -> None:
    avg = rolling(points)
    _dated(p, data, title, [(t(data.lang, "7-day average"), colour)], [points, avg],
           lambda: (p.dots(_days(points), colour, r=0.45), p.line(_days(avg), colour, 0.6)))


def _bp(p: _Panel, data: ChartData) -> None:
    sys_ = [(d, s) for d, s, _x in data.bp]
    dia = [(d, x) for d, _s, x in data.bp]

    def draw() -> None:
        for pts, colour in ((sys_, RED), (dia, ORANGE)):
            p.line(_days(pts), colour, 0.4)
            p.dots(_days(pts), colour, r=0.5)

    _dated(p, data, t(data.lang, "Blood pressure (mmHg)"), [(t(data.lang, "systolic"), RED),
                                                            (t(data.lang, "diastolic"), ORANGE)], [sys_, dia], draw)


def _strength(p: _Panel, data: ChartData) -> None:
    lang = data.lang
    title = (t(lang, "Estimated one-rep max ({unit})", unit=data.unit) if data.strength_kind == "1rm"
             else t(lang, "Reps per week"))
    items = list(data.strength.items())
    colours = {name: STRENGTH_COLOURS[i % len(STRENGTH_COLOURS)] for i, (name, _pts) in enumerate(items)}

    def draw() -> None:
        for name, pts in items:
            p.line(_days(pts), colours[name], 0.4)
            p.dots(_days(pts), colours[name], r=0.5)

    _dated(p, data, title, [(name, colours[name]) for name, _pts in items], [pts for _n, pts in items], draw)


DRAW = {"weight": _weight, "sessions": _sessions, "bp": _bp, "strength": _strength,
        "rhr": lambda p, d: _series(p, d, d.rhr, t(d.lang, "Resting heart rate (bpm)"), RED),
        "sleep": lambda p, d: _series(p, d, d.sleep, t(d.lang, "Sleep (hours)"), PURPLE)}


def draw_chart(pdf: Any, data: ChartData, font: str) -> None:
    """Every panel of `data` from the current position down, sized to fit what is left of the page."""
    names = panels(data)
    x, w = pdf.l_margin + LEFT_MM, pdf.epw - LEFT_MM
    top = pdf.get_y() + 2
    room = pdf.h - pdf.b_margin - top
    h = min(PANEL_MM, room / len(names) - HEAD_MM - FOOT_MM)
    y = top
    for name in names:
        panel = _Panel(pdf, font, x, y + HEAD_MM, w, h)
        DRAW[name](panel, data)
        y += HEAD_MM + h + FOOT_MM
    pdf.set_text_color(0, 0, 0)
    pdf.set_draw_color(0, 0, 0)
    pdf.set_line_width(0.2)
    pdf.set_xy(pdf.l_margin, y)

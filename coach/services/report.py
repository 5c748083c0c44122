"""The readable export: a PDF a person can open (profile, plan history with reasons, recent readings, the chart).

Library: fpdf2. It is pure Python (no system libraries, unlike WeasyPrint or cairo), maintained with frequent
releases, embeds and subsets TrueType/OpenType fonts (so the Noto Sans SC face from coach.charts.fonts renders
Chinese), and has tables and images built in. ReportLab would also do, but needs more code for the same tables and
its CJK support leans on Adobe's CID fonts the reader must have; matplotlib's PdfPages draws text as figure
elements, with no text flow or tables. The chart is drawn with fpdf's own lines and text (coach.charts.pdf_chart),
the panels /progress sends as a PNG.
"""
from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from typing import Any

from sqlmodel import Session

from coach import charts
from coach.charts import fonts, pdf_face
from coach.charts.caption import fmt_day, join
from coach.charts.pdf_chart import draw_chart
from coach.charts.data import LB_PER_KG, display_unit
from coach.charts.render import objects_die_young
from coach.domain.trends import local_day
from coach.i18n import N_, t
from coach.services.profiles import profile_dict
from coach.services.progress import chart_data
from storage import repos
from storage.models import User

FONT = "noto"
READINGS_DAYS = 90  # the readings table covers the last three months; the JSON export has everything
MAX_READING_ROWS = 120  # newest first; each row costs fpdf ~5 ms of layout; the rest are in the JSON file
MAX_PLAN_ROWS = 20  # the most recent plan versions and changes (months of a normal history; each row costs fpdf
# ~25 ms of line breaking, so 60 rows made /export take seconds); a long history stays whole in the JSON file
PROFILE_FIELDS = (  # field, label
    ("age", N_("Age")), ("sex", N_("Sex")), ("height_cm", N_("Height (cm)")), ("weight_kg", N_("Weight (kg)")),
    ("goal", N_("Goal")), ("target_weight_kg", N_("Target weight (kg)")), ("target_weeks", N_("Target in weeks")),
    ("days_per_week", N_("Days a week")), ("minutes_per_session", N_("Minutes a session")),
    ("experience", N_("Experience")), ("equipment", N_("Equipment")), ("injuries", N_("Injuries")),
    ("conditions", N_("Conditions")), ("medications", N_("Medications")),
)
KIND_LABELS = {"weight": N_("weight"), "resting_hr": N_("resting heart rate"), "bp": N_("blood pressure"),
               "sleep": N_("sleep"), "body_fat": N_("body fat"), "soreness": N_("soreness"), "energy": N_("energy"),
               "steps": N_("steps")}
FLAG_LABELS = {"outlier": N_("outlier, not in trends"), "duplicate": N_("duplicate, not in trends"),
               "unit_fixed": N_("unit corrected")}


def _text(value: Any) -> str:
    if value is None or value == []:
        return "–"
    if isinstance(value, (list, tuple)):
        return ", ".join(str(v).replace("_", " ") for v in value)
    if isinstance(value, dict):
        return ", ".join(f"{k}: {v}" for k, v in value.items())
    return str(value).replace("_", " ") if isinstance(value, str) else f"{value:g}" if isinstance(value, float) \
        else str(value)


def _heading(pdf: Any, text: str) -> None:
    pdf.ln(3)
    pdf.set_font(FONT, size=14)
    pdf.cell(0, 9, text, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FONT, size=9)


def _table(pdf: Any, header: list[str], rows: list[list[str]], widths: tuple[int, ...]) -> None:
    from fpdf.fonts import FontFace  # with FPDF below: only /export builds a PDF
    # headings shaded, not bold: a bold face would be a second parse of the whole CJK font on every export (~1 s)
    heads = FontFace(emphasis=None, fill_color=(225, 225, 225))
    with pdf.table(col_widths=widths, text_align="LEFT", line_height=5, first_row_as_headings=True,
                   headings_style=heads) as table:
        for cells in [header, *rows]:
            row = table.row()
            for cell in cells:
                row.cell(cell)


def _grid(pdf: Any, header: list[str], rows: list[list[str]], widths: tuple[int, ...]) -> None:
    """A table drawn cell by cell, a long cell wrapped onto more lines of its row (at a space, else between two
    characters, as fpdf does): it looks like _table's and costs ~0.3 ms a row, where fpdf's table layout, which
    measures every cell character by character again for each character added, cost ~25 ms a row of long reasons
    (two tables of twenty made /export take ~0.5 s). A row taller than half a page goes to fpdf's table."""
    cols = [pdf.epw * w / sum(widths) for w in widths]
    room = [width - 2 * pdf.c_margin for width in cols]
    glyphs: dict[str, float] = {}
    laid = [[_wrap(pdf, cell, width, glyphs) for cell, width in zip(cells, room)] for cells in [header, *rows]]
    if any(5 * max(map(len, cells)) > pdf.eph / 2 for cells in laid):
        _table(pdf, header, rows, widths)
        return
    pdf.set_fill_color(225, 225, 225)
    for i, cells in enumerate(laid):
        if pdf.will_page_break(5 * max(map(len, cells))):
            pdf.add_page()
            if i:  # the headings again at the top of the next page, as fpdf's table does
                _grid_row(pdf, cols, laid[0], fill=True)
        _grid_row(pdf, cols, cells, fill=i == 0)


def _wrap(pdf: Any, text: str, room: float, glyphs: dict[str, float]) -> list[str]:
    """The lines a cell's text takes in `room` mm at the current font (each character measured once a table)."""
    lines: list[str] = []
    for para in text.split("\n"):
        line, width = "", 0.0
        for ch in para:
            w = glyphs.get(ch)
            if w is None:
                w = glyphs[ch] = pdf.get_string_width(ch)
            if width + w > room and line:
                cut = line.rfind(" ") + 1  # after the last space; 0: none, so between two characters
                lines.append(line[:cut].rstrip(" ") if cut else line)
                line = line[cut:] if cut else ""
                width = sum(glyphs[c] for c in line)
            line += ch
            width += w
        lines.append(line)
    return lines


def _grid_row(pdf: Any, cols: list[float], cells: list[list[str]], *, fill: bool) -> None:
    x, y = pdf.l_margin, pdf.get_y()
    height = 5 * max(map(len, cells))
    for width, lines in zip(cols, cells):
        pdf.rect(x, y, width, height, style="DF" if fill else "D")
        for i, line in enumerate(lines):
            pdf.set_xy(x, y + 5 * i)
            pdf.cell(width, 5, line)
        x += width
    pdf.set_xy(pdf.l_margin, y + height)


def _profile(pdf: Any, lang: str, prof: dict) -> None:
    _heading(pdf, t(lang, "Profile"))
    # vocabulary values ("fat loss", "dumbbells") read in the person's language where the catalog has them
    rows = [[t(lang, label), t(lang, _text(prof.get(field)))] for field, label in PROFILE_FIELDS if field in prof]
    _grid(pdf, [t(lang, "Field"), t(lang, "Value")], rows, (1, 3))


def _plans(pdf: Any, s: Session, user: User, lang: str) -> None:
    _heading(pdf, t(lang, "Plan history"))
    tz = user.timezone or "UTC"
    rows = [[str(p.version), fmt_day(p.start_date, lang, year=True),
             fmt_day(local_day(p.created_at, tz), lang), _text(p.reason)]
            for p in repos.plans.plan_reasons(s, user.id, last=MAX_PLAN_ROWS)]  # the plans stay encrypted
    _grid(pdf, [t(lang, "Version"), t(lang, "Starts"), t(lang, "Made"), t(lang, "Why")], rows or [["–"] * 4],
          (1, 2, 2, 8))
    older = repos.plans.plan_count(s, user.id) - len(rows)
    if older > 0:
        pdf.cell(0, 6, t(lang, "{n} earlier plan versions are in the JSON file.", n=older), new_x="LMARGIN",
                 new_y="NEXT")
    changes = repos.adjustments.adjustments(s, user.id, last=MAX_PLAN_ROWS)
    if changes:
        _heading(pdf, t(lang, "Changes and their reasons"))
        rows = [[fmt_day(local_day(a.created_at, tz), lang), _text(a.reason), ", ".join(a.citations or [])]
                for a in changes]
        _grid(pdf, [t(lang, "Date"), t(lang, "Why"), t(lang, "Sources")], rows, (2, 8, 3))
        if len(changes) == MAX_PLAN_ROWS:
            pdf.cell(0, 6, t(lang, "Earlier changes are in the JSON file."), new_x="LMARGIN", new_y="NEXT")


def _readings(pdf: Any, s: Session, user: User, lang: str, today: date) -> None:
    _heading(pdf, t(lang, "Readings of the last {n} days", n=READINGS_DAYS))
    tz = user.timezone or "UTC"
    since = today - timedelta(days=READINGS_DAYS)
    # from a day before in UTC (no timezone is further off), then the person's own days: years of imported readings
    # are not all loaded to keep three months of them
    after = datetime.combine(since - timedelta(days=1), datetime.min.time(), tzinfo=timezone.utc)
    readings = repos.readings.metric_rows(s, user.id, since=after)
    recent = [r for r in readings if local_day(r.measured_at, tz) >= since]
    shown = recent[-MAX_READING_ROWS:]
    lb = display_unit(profile_dict(s, user), [r for r in recent if r.kind == "weight"],
                      [(x.data or {}).get("unit", "kg") for x in repos.workouts.set_logs(s, user.id, since=since)]) == "lb"
    rows = []
    for r in reversed(shown):
        flag = getattr(r, "flag", None)
        value, unit = r.value, r.unit
        if lb and r.kind == "weight" and isinstance(value, (int, float)):
            value, unit = round(value * LB_PER_KG, 1), "lb"  # in the unit the person weighs in
        rows.append([fmt_day(local_day(r.measured_at, tz), lang), t(lang, KIND_LABELS.get(r.kind, r.kind)),
                     f"{_text(value)} {unit}".strip(), t(lang, FLAG_LABELS.get(flag, flag)) if flag else ""])
    _grid(pdf, [t(lang, "Date"), t(lang, "Reading"), t(lang, "Value"), t(lang, "Note")], rows or [["–"] * 4],
          (2, 3, 2, 3))
    if len(recent) > len(shown):
        pdf.cell(0, 6, t(lang, "{n} older readings are in the JSON file.", n=len(recent) - len(shown)),
                 new_x="LMARGIN", new_y="NEXT")


def report_pdf(s: Session, user: User, today: date) -> bytes:
    """The person's report as PDF bytes, in their language, dates on their local days."""
    with objects_die_young():  # fpdf's and fontTools' ~100,000 objects are gone when it returns: see render's
        return _report_pdf(s, user, today)


def _report_pdf(s: Session, user: User, today: date) -> bytes:
    from fpdf import FPDF  # imported here (heavy, optional): only /export builds a PDF

    lang = user.language
    data = chart_data(s, user, today)
    pdf = FPDF(format="A4")
    pdf.set_title("FitCoach")
    fonts.add_pdf_font(pdf, FONT)
    pdf.add_page()
    pdf.set_font(FONT, size=18)
    pdf.cell(0, 12, t(lang, "Your FitCoach report"), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FONT, size=10)
    pdf.multi_cell(0, 6, join(lang, t(lang, "Made on {date}.", date=fmt_day(today, lang, year=True)),
                              charts.summary(data)), new_x="LMARGIN", new_y="NEXT")
    _profile(pdf, lang, profile_dict(s, user))
    pdf.add_page()
    _heading(pdf, t(lang, "Progress"))
    pdf.set_font(FONT, size=10)
    pdf.multi_cell(0, 5, data.caption, new_x="LMARGIN", new_y="NEXT")
    draw_chart(pdf, data, FONT)  # vectors, not the /progress PNG: see coach.charts.pdf_chart
    pdf.add_page()
    _plans(pdf, s, user, lang)
    _readings(pdf, s, user, lang, today)
    return pdf_face.pdf_bytes(pdf, FONT)

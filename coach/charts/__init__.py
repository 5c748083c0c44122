"""Progress charts: what they show (data), the takeaway sentence (caption), the CJK font (fonts), the drawing
(render). Nothing here reads the database; coach.services.progress gathers the rows and calls these."""
from coach.charts.caption import caption, fmt_day, summary
from coach.charts.data import ChartData, Week, WeightPoint
from coach.charts.render import build_figure, chart_png, panels, png

__all__ = ["ChartData", "Week", "WeightPoint", "build_figure", "caption", "chart_png", "fmt_day", "panels", "png",
           "summary"]

"""The /progress chart: weight trend and weekly adherence, as a PNG (matplotlib, no display)."""
from __future__ import annotations

import io
from datetime import date, timedelta

from sqlmodel import Session

from coach.i18n import t
from storage import repos
from storage.models import User


def _weekly_adherence(s: Session, user: User, today: date, weeks: int = 6) -> list[tuple[str, int, int]]:
    """(label, done, planned) per week, oldest first."""
    plans = repos.plans.plan_history(s, user.id)
    logs = repos.workouts.workout_logs(s, user.id, since=today - timedelta(days=7 * weeks))
    active = repos.plans.active_plan(s, user.id)
    per_week = len(active.data["weeks"][0]["sessions"]) if active and active.data.get("weeks") else 0
    out = []
    for i in range(weeks - 1, -1, -1):
        end = today - timedelta(days=7 * i)
        start = end - timedelta(days=6)
        done = sum(1 for lg in logs if start <= lg.session_date <= end and lg.status in ("done", "too_easy", "too_hard"))
        out.append((start.strftime("%m-%d"), done, per_week if plans else 0))
    return out


def progress_png(s: Session, user: User, *, today: date) -> tuple[bytes, str]:
    """Render the chart; returns (png bytes, a one-paragraph text summary)."""
    # imported here: matplotlib costs ~0.5 s and only /progress draws (turns stay fast for everything else)
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    lang = user.language
    weights = repos.readings.metrics(s, user.id, "weight")
    adherence = _weekly_adherence(s, user, today)
    fig, (ax1, ax2) = plt.subplots(2, 1, figsize=(7, 6), dpi=100)
    if weights:
        xs = [r.measured_at.date() for r in weights]
        ys = [float(r.value) for r in weights]
        ax1.plot(xs, ys, marker="o", color="#2b7bb9")
        ax1.set_ylabel("kg")
    else:
        ax1.text(0.5, 0.5, "no weight readings yet", ha="center", va="center", transform=ax1.transAxes)
    ax1.set_title("Weight")
    ax1.grid(alpha=0.3)
    labels = [a[0] for a in adherence]
    ax2.bar(labels, [a[2] for a in adherence], color="#dddddd", label="planned")
    ax2.bar(labels, [a[1] for a in adherence], color="#3a9d5d", label="done")
    ax2.set_title("Sessions per week")
    ax2.legend(loc="upper left")
    fig.tight_layout()
    buf = io.BytesIO()
    fig.savefig(buf, format="png")
    plt.close(fig)
    done = sum(a[1] for a in adherence)
    planned = sum(a[2] for a in adherence) or 0
    summary = t(lang, "Sessions done in the last 6 weeks: {done} of {planned} planned.", done=done, planned=planned)
    if len(weights) >= 2:
        summary += " " + t(lang, "Weight: {a} kg → {b} kg.", a=f"{float(weights[0].value):g}",
                           b=f"{float(weights[-1].value):g}")
    return buf.getvalue(), summary

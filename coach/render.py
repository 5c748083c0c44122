"""Plain-text rendering of plans and sessions, in the user's language."""
from __future__ import annotations

from coach.i18n import N_, t

KIND_NAMES = {"strength": N_("Strength"), "aerobic": N_("Cardio"), "hiit": N_("Intervals"), "mobility": N_("Mobility"),
              "balance": N_("Balance"), "mixed": N_("Strength + cardio")}
LABEL_NAMES = {"light": N_("light"), "moderate": N_("moderate"), "vigorous": N_("vigorous")}


def exercise_line(ex: dict, lang: str, session_rpe: list | None = None) -> str:
    """One exercise; its own effort when it differs from the session's (trunk, balance and mobility work is lighter)."""
    name = ex.get("name_zh") if lang == "zh" and ex.get("name_zh") else ex.get("name", ex.get("id", "?"))
    if ex.get("sets") == 1:  # a session shortened for the time there is can leave one set
        line = t(lang, "{name}: 1 set x {reps}", name=name, reps=ex.get("reps", ""))
    elif ex.get("sets") and ex.get("rest_s") == 0:
        line = t(lang, "{name}: {sets} rounds x {reps}", name=name, sets=ex["sets"], reps=ex.get("reps", ""))
    elif ex.get("sets"):
        line = t(lang, "{name}: {sets} sets x {reps}, rest {rest} s", name=name, sets=ex["sets"], reps=ex.get("reps", ""),
                 rest=ex.get("rest_s", 60))
    elif ex.get("minutes") and ex.get("holds") and isinstance(ex.get("rounds"), int) and ex["rounds"] > 1:
        # a timed drill in rounds of its holds (rule 89): never one long continuous bout
        line = t(lang, "{name}: {rounds} x ({holds}), {minutes} min in all", name=name, rounds=ex["rounds"],
                 holds=ex["holds"], minutes=ex["minutes"])
    elif ex.get("minutes"):
        line = t(lang, "{name}: {minutes} min", name=name, minutes=ex["minutes"])
        if ex.get("holds"):
            line += f" ({ex['holds']})"
        if ex.get("intervals"):
            line += f" ({ex['intervals']})"
    else:
        line = str(name)
    rpe = ex.get("rpe")
    if isinstance(rpe, list) and len(rpe) == 2 and session_rpe is not None and list(rpe) != list(session_rpe):
        line += t(lang, " (RPE {lo}-{hi})", lo=rpe[0], hi=rpe[1])
    return "• " + line


def session_text(session: dict, lang: str, *, header: str | None = None) -> str:
    """A session with exercises, effort and heart-rate zone."""
    inten = session.get("intensity") or {}
    kind = t(lang, KIND_NAMES.get(session.get("kind", ""), session.get("kind", "")))
    label = t(lang, LABEL_NAMES.get(inten.get("label", "moderate"), "moderate"))
    lines = [header or t(lang, "Day {day}: {kind}, {minutes} min", day=session.get("day"), kind=kind,
                         minutes=session.get("minutes"))]
    effort = t(lang, "Effort: {label}, RPE {lo}-{hi} of 10", label=label, lo=(inten.get("rpe") or [0, 0])[0],
               hi=(inten.get("rpe") or [0, 0])[1])
    if inten.get("hr_bpm"):
        effort += t(lang, ", heart rate {lo}-{hi} bpm", lo=inten["hr_bpm"][0], hi=inten["hr_bpm"][1])
    peak = inten.get("peak_rpe")
    if peak and peak != inten.get("rpe"):  # a harder block inside an easier session (rule 67): said in the effort line
        effort += t(lang, ", with a harder part at RPE {lo}-{hi}", lo=peak[0], hi=peak[1])
    lines.append(effort)
    lines.extend(exercise_line(e, lang, inten.get("rpe")) for e in session.get("exercises", []))
    sets = [e for e in session.get("exercises", []) if e.get("sets")]
    if sets and all(e.get("rest_s") == 0 for e in sets):  # a circuit: "rest 0 s" alone reads like a mistake
        lines.append(t(lang, "As a circuit: one set of each exercise in turn, then the next round; the other exercises "
                             "are the rest. Pause as long as you need to breathe calmly."))
    if session.get("notes"):
        lines.append(session["notes"])
    return "\n".join(lines)


def week_text(plan: dict, week_no: int, lang: str) -> str:
    weeks = plan.get("weeks", [])
    if not 1 <= week_no <= len(weeks):
        return t(lang, "This plan has weeks 1-{n}.", n=len(weeks))
    week = weeks[week_no - 1]
    title = t(lang, "Week {w} of {n}", w=week_no, n=len(weeks))
    if week.get("deload"):
        title += t(lang, " (lighter week)")
    if not week.get("sessions") and (plan.get("safety") or {}).get("hard_stop"):
        return title + "\n\n" + t(lang, "No sessions until a doctor has cleared you (see the safety notes).")
    body = [title, ""]
    for s in week.get("sessions", []):
        body.append(session_text(s, lang))
        body.append("")
    if (week.get("daily_activity") or {}).get("text"):
        walk = week["daily_activity"]
        body.append(("🚶 " if walk.get("minutes") else "🧘 ") + walk["text"])  # (no walk: only the balance add-on)
    return "\n".join(body).strip()


def hard_stop_text(stop: dict, lang: str) -> str:
    """Why there is no plan yet, what to do now, when it is an emergency, and how to resume."""
    return "\n".join(["🛑 " + t(lang, "No exercise plan yet.") + " " + str(stop.get("reason", "")),
                      t(lang, "What to do now: {text}", text=stop.get("what_now", "")),
                      "🚑 " + str(stop.get("emergency_if", "")),
                      t(lang, "How to resume: {text}", text=stop.get("how_to_resume", ""))])


def safety_text(plan: dict, lang: str) -> str:
    """Every reason and alert of the plan's safety object (the hard stop first when there is one)."""
    s = plan.get("safety") or {}
    lines = []
    if s.get("hard_stop"):
        lines.append(hard_stop_text(s["hard_stop"], lang))
    elif s.get("clearance_required"):
        lines.append("⚠️ " + t(lang, "Please see a doctor before exercising harder than light activity; until then "
                                     "every session stays light."))
    if s.get("provider_consult"):
        lines.append("🤰 " + t(lang, "Please agree this plan with your obstetric provider."))
    lines.extend("• " + r for r in s.get("reasons", []) if not s.get("hard_stop") or r != s["hard_stop"].get("reason"))
    lines.extend("⚠️ " + a for a in s.get("alerts", []))
    return "\n".join(lines)


def citations_text(plan: dict, lang: str) -> str:
    return "\n".join(f"[{c['id']}] {c['title']} — {c['source']}" for c in plan.get("citations", []))


def render_plan(plan: dict, lang: str = "en") -> str:
    """The whole plan as text (used by `fitcoach plan` without --json)."""
    parts = [t(lang, "Your {n}-week plan", n=plan.get("horizon_weeks")), ""]
    safety = safety_text(plan, lang)
    if safety:
        parts += [safety, ""]
    for w in range(1, len(plan.get("weeks", [])) + 1):
        parts += [week_text(plan, w, lang), ""]
    parts += [plan.get("rationale", ""), "", t(lang, "Sources:"), citations_text(plan, lang)]
    return "\n".join(parts).strip()

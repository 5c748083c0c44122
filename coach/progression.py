"""Adjustments: check-ins and logged sessions change the plan by rules, each with a reason and a citation.

Every adjusted plan is checked by the validator before it replaces the old one; a change that would break a
rule is not applied.
"""
from __future__ import annotations

import copy
import logging
import statistics
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from sqlmodel import Session

from coach import onboarding as ob
from coach import parsing, service
from coach.i18n import N_, t
from coach.messages import Button, Reply
from coach.profile import ProfileError
from coach.screening import RED_FLAG_SYMPTOMS
from coach.validate import validate_plan
from knowledge.corpus import by_tag, get_passage
from storage import repo
from storage.models import Plan, User

if TYPE_CHECKING:
    from coach.dialogue import Coach

log = logging.getLogger(__name__)

CHECKIN_STEPS = ("weight", "sleep", "soreness", "energy", "resting_hr", "bp")
RHR_ALERT = 100
LOAD_UP_PCT = 5
BACK_OFF_PCT = 10


def _tr(user: User):  # noqa: ANN202
    """t() bound to the user's language."""
    return lambda msgid, **kw: t(user.language, msgid, **kw)


def _cite(lang: str, *tags: str) -> list[str]:
    out = []
    for tag in tags:
        p = by_tag(tag, lang)
        if p and p.id not in out:
            out.append(p.id)
    return out


# ------------------------------------------------------------------ applying a plan change

def commit_change(s: Session, user: User, old: Plan, new_data: dict, *, rule: str, change: dict, reason: str,
                  tags: tuple[str, ...] = (), start: date | None = None,
                  citations: list[str] | None = None) -> Plan | None:
    """Validate and store a new plan version with its adjustment record; None when it would break a rule."""
    prof = service.profile_of(s, user)
    if prof is None:
        return None
    violations = validate_plan(new_data, prof, kb_lookup=get_passage)
    if violations:
        log.warning("adjustment %s rejected by the validator: %s", rule, violations[:3])
        return None
    row = repo.save_plan(s, user.id, new_data, reason, start or old.start_date)
    cites = [c for c in (citations or []) if get_passage(c)] or _cite(user.language, *tags)
    repo.add_adjustment(s, user.id, rule=rule, change=change, reason=reason, citations=cites,
                        from_plan_id=old.id, to_plan_id=row.id)
    return row


def replan(coach: "Coach", s: Session, user: User, *, rule: str, reason: str, tags: tuple[str, ...],
           change: dict, start: date | None = None) -> Plan | None:
    """A fresh engine plan from the current profile (same start and horizon unless given)."""
    prof = service.profile_of(s, user)
    old = repo.active_plan(s, user.id)
    if prof is None:
        return None
    today = service.local_today(user, coach.clock())
    weeks = (old.data or {}).get("horizon_weeks", 4) if old else 4
    new = service.create_plan(s, user, prof, reason, start=start or (old.start_date if old else today), weeks=weeks)
    repo.add_adjustment(s, user.id, rule=rule, change=change, reason=reason, citations=_cite(user.language, *tags),
                        from_plan_id=old.id if old else None, to_plan_id=new.id)
    return new


def _exercise_ids(plan: dict) -> set[str]:
    return {e["id"] for w in plan.get("weeks", []) for s in w.get("sessions", []) for e in s.get("exercises", [])}


# ------------------------------------------------------------------ profile changes and symptoms

METRIC_OF = {"weight_kg": ("weight", "kg"), "resting_hr": ("resting_hr", "bpm"), "sleep_hours": ("sleep", "h"),
             "body_fat_pct": ("body_fat", "%")}


def apply_profile_change(coach: "Coach", s: Session, user: User, good: dict, *, source: str) -> list[Reply]:
    """Record readings, store a new profile version, re-plan when plan inputs changed, raise alerts."""
    _ = _tr(user)
    current = service.profile_dict(s, user)
    now = coach.clock()
    for field, (kind, unit) in METRIC_OF.items():
        if field in good:
            repo.add_metric(s, user.id, kind, good[field], unit, source=source, measured_at=now)
    if "bp_systolic" in good and "bp_diastolic" in good:
        repo.add_metric(s, user.id, "bp", [good["bp_systolic"], good["bp_diastolic"]], "mmHg", source=source,
                        measured_at=now)
    merged = {**current, **good}
    if good.get("symptoms"):  # a new symptom adds to the known ones; "no symptoms" clears them
        merged["symptoms"] = sorted(set(current.get("symptoms", [])) | set(good["symptoms"]))
    changed = {k: v for k, v in good.items() if current.get(k) != merged.get(k)}
    if not changed:
        return [Reply(_("Noted, nothing changed."))]
    try:
        service.save_profile(s, user, merged, "correction: " + ", ".join(sorted(changed))[:150])
    except ProfileError as exc:
        return [Reply(ob.error_text(user.language, exc))]
    shown = ", ".join(f"{_(ob.FIELD_NAMES.get(k, k))} → {_fmt(v)}" for k, v in changed.items())
    replies = [Reply(_("Updated: {changes}.", changes=shown))]
    alert = _reading_alerts(coach, s, user, good)
    replies += alert
    if set(changed) & service.PLAN_RELEVANT and not alert:
        reason = _("Your profile changed ({fields}), so the plan was recomputed.",
                   fields=", ".join(_(ob.FIELD_NAMES.get(k, k)) for k in changed))
        new = replan(coach, s, user, rule="profile_change", reason=reason, tags=("plan:screening", "plan:progression"),
                     change={"fields": sorted(changed)})
        if new is not None:
            replies.append(Reply(reason + " " + _("See /plan and /why.")))
    elif "weight_kg" in changed:
        replies.append(Reply(_trend_text(s, user)))
    return replies


def _fmt(v: Any) -> str:
    if isinstance(v, list):
        return ", ".join(str(x) for x in v) or "—"
    if isinstance(v, float):
        return f"{v:g}"
    return str(v)


def _trend_text(s: Session, user: User) -> str:
    rows_ = repo.metrics(s, user.id, "weight")
    if len(rows_) < 2:
        return t(user.language, "Weight recorded.")
    first, last = rows_[0].value, rows_[-1].value
    return t(user.language, "Weight recorded. Change since you started: {d} kg.", d=f"{last - first:+.1f}")


def _reading_alerts(coach: "Coach", s: Session, user: User, good: dict) -> list[Reply]:
    """Resting HR > 100 or BP >= 180/110 → stop-and-seek-care, capped plan, coach told."""
    bad = []
    if good.get("resting_hr") is not None and good["resting_hr"] > RHR_ALERT:
        bad.append(f"resting HR {good['resting_hr']} bpm")
    sys_, dia = good.get("bp_systolic"), good.get("bp_diastolic")
    if sys_ is not None and dia is not None and (sys_ >= 180 or dia >= 110):
        bad.append(f"BP {sys_}/{dia} mmHg")
    if not bad:
        return []
    current = service.profile_dict(s, user)
    alarming = {k: good[k] for k in ("resting_hr", "bp_systolic", "bp_diastolic") if good.get(k) is not None}
    if current and any(current.get(k) != v for k, v in alarming.items()):
        try:  # the screening must see the alarming reading so the re-plan is capped
            service.save_profile(s, user, {**current, **alarming}, "alert reading")
        except ProfileError:
            pass
    return raise_alert(coach, s, user, kind="reading", detail=", ".join(bad))


def raise_alert(coach: "Coach", s: Session, user: User, *, kind: str, detail: str) -> list[Reply]:
    """Store the alert, cap the plan through a re-plan, notify consenting groups' coaches."""
    notified = notify_coaches(coach, s, user, detail)
    repo.add_alert(s, user.id, kind, {"detail": detail}, coach_notified=notified)
    reason = t(user.language, "A warning sign was reported ({detail}): the plan is limited until a doctor has "
                              "checked you.", detail=detail)
    replan(coach, s, user, rule="alert", reason=reason, tags=("plan:red-flags", "plan:screening"),
           change={"alert": kind})
    return [Reply(coach._stop_and_seek_care(user))]


def notify_coaches(coach: "Coach", s: Session, user: User, detail: str) -> bool:
    """Tell the coach of each group where the user shares progress; True if anyone was told."""
    told = False
    for membership, group in repo.groups_of(s, user.id):
        if not membership.share_progress or coach.notifier is None:
            continue
        coach_user = repo.get_user(s, group.coach_user_id)
        if coach_user is None:
            continue
        coach.notifier(coach_user.id, t(coach_user.language, "Alert for a member of {group} ({member}): {detail}. They "
                                                               "were told to stop and seek care.",
                                         group=group.title or group.join_code, member=user.pseudonym, detail=detail))
        told = True
    return told


def apply_symptoms(coach: "Coach", s: Session, user: User, flags: list[str], *, source: str) -> list[Reply]:
    """A red-flag symptom at any time: profile updated, screening re-run (plan capped), alert stored."""
    current = service.profile_dict(s, user)
    if not current:
        return []
    merged = dict(current)
    merged["symptoms"] = sorted(set(current.get("symptoms", [])) | set(flags))
    if merged["symptoms"] != current.get("symptoms"):
        service.save_profile(s, user, merged, "symptom reported: " + ", ".join(flags))
    notified = notify_coaches(coach, s, user, ", ".join(flags))
    repo.add_alert(s, user.id, "symptom", {"symptoms": flags, "source": source}, coach_notified=notified)
    reason = t(user.language, "You reported {symptoms}: until a doctor clears you, the plan is light activity only.",
               symptoms=", ".join(t(user.language, f.replace("_", " ")) for f in flags))
    replan(coach, s, user, rule="red_flag", reason=reason, tags=("plan:red-flags", "plan:screening"),
           change={"symptoms": flags})
    return [Reply(reason)]


# ------------------------------------------------------------------ logging sessions

def log_session(coach: "Coach", s: Session, user: User, status: str, rpe: int | None,
                *, on: date | None = None, top: bool = False) -> list[Reply]:
    """Record a session outcome for today (or `on`) and apply the rules it triggers."""
    _ = _tr(user)
    today = on or service.local_today(user, coach.clock())
    plan = service.ensure_current_block(s, user, today)
    if plan is None:
        return [Reply(_("You have no plan yet."))]
    info = service.session_on(plan, today)
    if info.session is None:  # a rest day: attribute the log to the most recent planned session this week
        for back in range(1, 7):
            alt = service.session_on(plan, today - timedelta(days=back))
            if alt.session is not None:
                info = alt
                today = today - timedelta(days=back)
                break
    repo.add_workout_log(s, user.id, session_date=today, status=status, plan_id=plan.id, week=info.week,
                         day=info.day, rpe=rpe, notes="top" if top else None)
    replies = [Reply({"done": _("Great work, logged! ✅"), "too_easy": _("Logged as too easy."),
                      "too_hard": _("Logged as too hard."), "skipped": _("Logged as skipped. No problem, the "
                                                                             "next one counts."),
                      "pain": _("Logged.")}.get(status, _("Logged.")))]
    replies += evaluate_logs(coach, s, user, plan, today)
    return replies


def evaluate_logs(coach: "Coach", s: Session, user: User, plan: Plan, today: date) -> list[Reply]:
    """Double progression / back-off on strength, aerobic progression, and missed-session re-spread."""
    _ = _tr(user)
    logs = repo.workout_logs(s, user.id, since=today - timedelta(days=28))
    if not logs:
        return []
    last = logs[-1]
    replies: list[Reply] = []
    # two missed sessions in a row → re-spread, not piled up
    if len(logs) >= 2 and logs[-1].status == logs[-2].status == "skipped":
        already = [a for a in repo.adjustments(s, user.id) if a.rule == "respread" and a.to_plan_id == plan.id]
        if not already:
            week = last.week or 1
            new_start = today - timedelta(days=7 * (week - 1))
            reason = _("Two sessions missed in a row: rather than piling them up, week {w} starts again today, "
                       "spread out as planned.", w=week)
            row = commit_change(s, user, plan, copy.deepcopy(plan.data), rule="respread",
                                change={"week": week, "new_start": new_start.isoformat()}, reason=reason,
                                tags=("plan:adherence", "plan:progression"), start=new_start)
            if row is not None:
                return [Reply(reason)]
    session = _planned(plan, last)
    if session is None:
        return replies
    kind = session.get("kind")
    if kind in ("strength", "mixed"):
        hard = [lg for lg in logs[-2:] if lg.status == "too_hard" or (lg.rpe is not None and lg.rpe >= 9)]
        if last.status == "too_hard" and len(hard) == 2 or (last.rpe is not None and last.rpe >= 9):
            replies += _strength_change(coach, s, user, plan, -BACK_OFF_PCT, "back_off",
                                        _("Two hard sessions (or an RPE of 9+): strength loads back off by about "
                                          "10% so you can recover and keep good form."))
        elif last.status == "too_easy" or (last.status == "done" and last.rpe is not None and last.rpe <= 8
                                           and (last.notes or "") == "top"):
            replies += _strength_change(coach, s, user, plan, LOAD_UP_PCT, "double_progression",
                                        _("You reached the top of the rep range at RPE 8 or less: next time add a "
                                          "little load (about 5%), or 2 more reps where there is no load."))
    if kind in ("aerobic", "mixed", "hiit"):
        replies += _aerobic_progression(coach, s, user, plan, today, logs)
    return replies


def _planned(plan: Plan, lg: Any) -> dict | None:
    weeks = (plan.data or {}).get("weeks", [])
    if not lg.week or not 1 <= lg.week <= len(weeks):
        return None
    return next((x for x in weeks[lg.week - 1].get("sessions", []) if x.get("day") == lg.day), None)


def _shift_reps(reps: str, delta: int) -> str:
    head, _, tail = reps.partition(" ")
    try:
        lo, hi = (int(x) for x in head.split("-"))
    except ValueError:
        return reps
    lo, hi = max(3, lo + delta), max(4, hi + delta)
    return f"{lo}-{hi}" + (f" {tail}" if tail else "")


def _strength_change(coach: "Coach", s: Session, user: User, plan: Plan, pct: int, rule: str,
                     reason: str) -> list[Reply]:
    """Adjust every strength exercise of the remaining weeks: load ± pct, or reps ± 2 for bodyweight."""
    data = copy.deepcopy(plan.data)
    today = service.local_today(user, coach.clock())
    week_now, _d = service.day_of_plan(plan, today)
    changed: list[str] = []
    for w in data.get("weeks", []):
        if w["week"] < week_now:
            continue
        for sess in w.get("sessions", []):
            for ex in sess.get("exercises", []):
                if not ex.get("sets"):
                    continue
                if ex.get("equipment"):
                    ex["load_change_pct"] = int(ex.get("load_change_pct", 0)) + pct
                else:
                    ex["reps"] = _shift_reps(str(ex.get("reps", "10-15")), 2 if pct > 0 else -2)
                changed.append(ex["id"])
    if not changed:
        return []
    row = commit_change(s, user, plan, data, rule=rule, change={"load_change_pct": pct, "exercises": sorted(set(changed))},
                        reason=reason, tags=("plan:double-progression", "plan:progression"))
    return [Reply(reason)] if row else []


def _aerobic_progression(coach: "Coach", s: Session, user: User, plan: Plan, today: date, logs: list) -> list[Reply]:
    """All cardio sessions of the past 7 days done as prescribed → next weeks' cardio minutes +10% (≤ budget)."""
    week_logs = [lg for lg in logs if lg.session_date > today - timedelta(days=7)]
    cardio = [lg for lg in week_logs if (_planned(plan, lg) or {}).get("kind") in ("aerobic", "mixed")]
    planned_cardio = sum(1 for sess in _week_sessions(plan, today) if sess.get("kind") in ("aerobic", "mixed"))
    if planned_cardio == 0 or len(cardio) < planned_cardio or any(lg.status != "done" for lg in cardio):
        return []
    if any(a.rule == "aerobic_up" and a.created_at.date() > today - timedelta(days=7) for a in repo.adjustments(s, user.id)):
        return []  # at most once a week
    prof = service.profile_of(s, user)
    if prof is None:
        return []
    data = copy.deepcopy(plan.data)
    week_now, _d = service.day_of_plan(plan, today)
    budget = prof.minutes_per_session
    changed = False
    for w in data.get("weeks", []):
        if w["week"] > week_now and not w.get("deload"):
            for sess in w["sessions"]:
                if sess["kind"] == "aerobic":
                    new = min(budget, int(sess["minutes"] * 1.10))
                    if new > sess["minutes"]:
                        for ex in sess["exercises"]:
                            if ex.get("minutes") and ex.get("kind") == "aerobic":
                                ex["minutes"] += new - sess["minutes"]
                        sess["minutes"] = new
                        changed = True
    if not changed:
        return []
    reason = t(user.language, "Every cardio session last week was done as planned: cardio time goes up by about 10% "
                              "(never past your time per session).")
    row = commit_change(s, user, plan, data, rule="aerobic_up", change={"aerobic_minutes_pct": 10}, reason=reason,
                        tags=("plan:aerobic-fitt", "plan:progression"))
    return [Reply(reason)] if row else []


def _week_sessions(plan: Plan, today: date) -> list[dict]:
    week, _d = service.day_of_plan(plan, today)
    weeks = (plan.data or {}).get("weeks", [])
    return weeks[week - 1]["sessions"] if 1 <= week <= len(weeks) else []


def pain(coach: "Coach", s: Session, user: User, area: str) -> list[Reply]:
    """Pain in an area: log it, add the area to the profile's injuries, swap exercises that load it."""
    _ = _tr(user)
    if area not in ob.FIELD_NAMES and area not in ("knee", "lower_back", "shoulder", "wrist", "ankle", "hip", "neck",
                                                   "elbow"):
        return [Reply(_("Which area? (knee, lower back, shoulder, wrist, ankle, hip, neck, elbow)"))]
    today = service.local_today(user, coach.clock())
    plan = service.ensure_current_block(s, user, today)
    info = service.session_on(plan, today) if plan else None
    repo.add_workout_log(s, user.id, session_date=today, status="pain", plan_id=plan.id if plan else None,
                         week=info.week if info else None, day=info.day if info else None, notes=area)
    current = service.profile_dict(s, user)
    injuries = sorted(set(current.get("injuries", [])) | {area})
    old_ids = _exercise_ids(plan.data) if plan else set()
    if injuries != current.get("injuries"):
        service.save_profile(s, user, {**current, "injuries": injuries}, f"pain reported: {area}")
    reason = _("Pain reported in your {area}: exercises that load it in risky ways were swapped for safer ones. If "
               "pain is sharp, swells, or lasts more than a few days, see a physiotherapist or doctor.",
               area=_(area.replace("_", " ")))
    new = replan(coach, s, user, rule="pain_swap", reason=reason,
                 tags=("plan:pain-rules", "plan:injury-" + area.replace("_", "-")), change={"area": area})
    if new is not None:
        removed = sorted(old_ids - _exercise_ids(new.data))
        if removed:
            reason += "\n" + _("Swapped out: {ids}", ids=", ".join(removed))
    return [Reply(reason)]


# ------------------------------------------------------------------ check-ins

def checkin_buttons(user: User, step: str) -> list[list[Button]]:
    skip = [Button(t(user.language, "Skip"), f"ci:{step}:skip")]
    if step in ("soreness", "energy"):
        return [[Button(str(i), f"ci:{step}:{i}") for i in range(1, 6)], skip]
    if step == "sleep":
        return [[Button(str(h), f"ci:sleep:{h}") for h in (5, 6, 7, 8, 9)], skip]
    return [skip]


CHECKIN_Q = {
    "weight": N_("Check-in! What do you weigh today? (e.g. 72.4 kg; 'skip' to skip)"),
    "sleep": N_("How many hours did you sleep last night?"),
    "soreness": N_("Muscle soreness, 1 (none) to 5 (very sore)?"),
    "energy": N_("Energy, 1 (exhausted) to 5 (great)?"),
    "resting_hr": N_("Resting heart rate this morning, if you measured it? ('skip' if not)"),
    "bp": N_("Blood pressure, if you measured it? (e.g. 124/80; 'skip' if not)"),
}


def checkin_start(coach: "Coach", s: Session, user: User) -> list[Reply]:
    repo.set_dialogue(s, user.id, flow="checkin", step="weight", data={"answers": {}})
    return [Reply(t(user.language, CHECKIN_Q["weight"]), buttons=checkin_buttons(user, "weight"))]


def _checkin_value(step: str, text: str) -> tuple[Any, str | None]:
    """(value, error message msgid) for one check-in answer."""
    if step == "weight":
        v = parsing.parse_answer("weight_kg", text)
        return (ob.check_value("weight_kg", v), None) if v is not None else (None, "weight")
    if step == "sleep":
        v = parsing.parse_answer("sleep_hours", text)
        return (ob.check_value("sleep_hours", v), None) if v is not None else (None, "sleep")
    if step in ("soreness", "energy"):
        digits = [c for c in text if c.isdigit()]
        if len(digits) == 1 and 1 <= int(digits[0]) <= 5:
            return int(digits[0]), None
        return None, step
    if step == "resting_hr":
        v = parsing.parse_answer("resting_hr", text)
        return (ob.check_value("resting_hr", v), None) if v is not None else (None, "resting_hr")
    if step == "bp":
        v = parsing.parse_answer("bp", text)
        if isinstance(v, (tuple, list)) and len(v) == 2:
            sys_, dia = ob.check_value("bp_systolic", v[0]), ob.check_value("bp_diastolic", v[1])
            if sys_ <= dia:
                raise ProfileError("bp_diastolic", "diastolic must be below systolic")
            return [sys_, dia], None
        return None, "bp"
    return None, step


_SCALE = {"soreness": r"(?:sore(?:ness)?|酸痛)\D{0,6}([1-5])\b", "energy": r"(?:energy|精力|能量)\D{0,6}([1-5])\b"}
_SLEPT = r"(?:slept|sleep|睡了?)\D{0,8}?(\d{1,2}(?:\.\d)?)\s*(?:h\b|hrs?\b|hours?|个?小时)"


def _checkin_free_text(text: str) -> dict:
    """Several check-in answers from one message (only values that pass the range checks)."""
    import re

    found = parsing.extract(text)
    out: dict[str, Any] = {}
    for key, field in (("weight", "weight_kg"), ("sleep", "sleep_hours"), ("resting_hr", "resting_hr")):
        if field in found:
            try:
                out[key] = ob.check_value(field, found[field])
            except ProfileError:
                pass
    m = re.search(_SLEPT, text, re.I)
    if "sleep" not in out and m and 0 <= float(m.group(1)) <= 16:
        out["sleep"] = float(m.group(1))
    if "bp_systolic" in found and "bp_diastolic" in found and found["bp_systolic"] > found["bp_diastolic"]:
        out["bp"] = [found["bp_systolic"], found["bp_diastolic"]]
    for key, pattern in _SCALE.items():
        m = re.search(pattern, text, re.I)
        if m:
            out[key] = int(m.group(1))
    return out


CHECKIN_ERRORS = {
    "weight": N_("Please send a weight like 72.4 kg or 160 lb (25-350 kg), or 'skip'."),
    "sleep": N_("Please send hours of sleep, 0-16, or 'skip'."),
    "soreness": N_("Please answer 1-5, or 'skip'."),
    "energy": N_("Please answer 1-5, or 'skip'."),
    "resting_hr": N_("Please send beats per minute, 30-130, or 'skip'."),
    "bp": N_("Please send blood pressure like 124/80 (mmHg), or 'skip'."),
}


def checkin_answer(coach: "Coach", s: Session, user: User, text: str, data: dict, step: str) -> list[Reply]:
    _ = _tr(user)
    answers = dict((data or {}).get("answers", {}))
    step = step if step in CHECKIN_STEPS else "weight"
    many = _checkin_free_text(text)
    if len(many) >= 2 or (many and step not in many):  # "77.5 kg, slept 6 h, soreness 2": several answers at once
        answers.update({k: v for k, v in many.items() if k not in answers})
        remaining = [x for x in CHECKIN_STEPS[CHECKIN_STEPS.index(step):] if x not in answers]
        if not remaining:
            repo.set_dialogue(s, user.id, flow="idle")
            return finish_checkin(coach, s, user, answers, text=text)
        nxt = remaining[0]
        repo.set_dialogue(s, user.id, flow="checkin", step=nxt, data={"answers": answers})
        return [Reply(_(CHECKIN_Q[nxt]), buttons=checkin_buttons(user, nxt))]
    if not ob.is_skip(text):
        try:
            value, err = _checkin_value(step, text)
        except ProfileError as exc:
            return [Reply(ob.error_text(user.language, exc), buttons=checkin_buttons(user, step))]
        if err is not None:
            return [Reply(_(CHECKIN_ERRORS[err]), buttons=checkin_buttons(user, step))]
        answers[step] = value
    idx = CHECKIN_STEPS.index(step)
    if idx + 1 < len(CHECKIN_STEPS):
        nxt = CHECKIN_STEPS[idx + 1]
        repo.set_dialogue(s, user.id, flow="checkin", step=nxt, data={"answers": answers})
        return [Reply(_(CHECKIN_Q[nxt]), buttons=checkin_buttons(user, nxt))]
    repo.set_dialogue(s, user.id, flow="idle")
    return finish_checkin(coach, s, user, answers)


def finish_checkin(coach: "Coach", s: Session, user: User, answers: dict, *, text: str | None = None) -> list[Reply]:
    """Store the check-in and its readings, then apply recovery, weight-trend and alert rules."""
    _ = _tr(user)
    now = coach.clock()
    today = service.local_today(user, now)
    flags = parsing.mentions_red_flag(text) if text else []
    repo.add_checkin(s, user.id, today, {**answers, "symptoms": flags, "text": text})
    for key, kind, unit in (("weight", "weight", "kg"), ("sleep", "sleep", "h"), ("resting_hr", "resting_hr", "bpm"),
                            ("bp", "bp", "mmHg"), ("soreness", "soreness", "1-5"), ("energy", "energy", "1-5")):
        if answers.get(key) is not None:
            repo.add_metric(s, user.id, kind, answers[key], unit, source="checkin", measured_at=now)
    replies = [Reply(_("Thanks, check-in saved."))]
    if flags:
        return replies + [Reply(coach._stop_and_seek_care(user))] + apply_symptoms(coach, s, user, flags,
                                                                                    source="checkin")
    alert_fields: dict[str, Any] = {}
    if answers.get("resting_hr") is not None:
        alert_fields["resting_hr"] = answers["resting_hr"]
    if answers.get("bp") is not None:
        alert_fields["bp_systolic"], alert_fields["bp_diastolic"] = answers["bp"]
    alerts = _reading_alerts(coach, s, user, alert_fields)
    if alerts:
        return replies + alerts
    if answers.get("weight") is not None:
        current = service.profile_dict(s, user)
        if current and current.get("weight_kg") != answers["weight"]:
            service.save_profile(s, user, {**current, "weight_kg": answers["weight"]}, "check-in weight")
    replies += recovery_rules(coach, s, user, today)
    replies += weight_trend_rule(coach, s, user, today)
    return replies


def recovery_rules(coach: "Coach", s: Session, user: User, today: date) -> list[Reply]:
    """< 6 h sleep two nights running, or resting HR ≥ baseline + 10 → the next session gets lighter."""
    _ = _tr(user)
    sleep = repo.metrics(s, user.id, "sleep")
    rhr = repo.metrics(s, user.id, "resting_hr")
    reason = None
    tags: tuple[str, ...] = ()
    if len(sleep) >= 2 and sleep[-1].value < 6 and sleep[-2].value < 6:
        reason = _("Less than 6 hours of sleep two nights running: your next session is lighter so you can recover.")
        tags = ("plan:recovery-sleep",)
    elif len(rhr) >= 2:
        base = statistics.median(r.value for r in rhr[:-1][-14:])
        if rhr[-1].value >= base + 10:
            reason = _("Your resting heart rate is {d} bpm above your usual {b} bpm, a sign of fatigue or illness: "
                       "your next session is lighter.", d=int(rhr[-1].value - base), b=int(base))
            tags = ("plan:rhr-trend", "plan:overtraining")
    if reason is None:
        return []
    plan = service.ensure_current_block(s, user, today)
    if plan is None:
        return []
    for offset in range(0, 7):
        day = today + timedelta(days=offset)
        info = service.session_on(plan, day)
        if info.session is not None:
            break
    else:
        return []
    data = copy.deepcopy(plan.data)
    sess = next(x for x in data["weeks"][info.week - 1]["sessions"] if x["day"] == info.day)
    prof = service.profile_of(s, user)
    lighten(sess, prof)
    row = commit_change(s, user, plan, data, rule="lighter_day", change={"week": info.week, "day": info.day},
                        reason=reason, tags=tags)
    return [Reply(reason)] if row else []


def lighten(sess: dict, prof: Any) -> None:
    """Make one session easier: about 30% shorter, one intensity step down, one set fewer (≥ 2)."""
    from coach.planner import intensity

    sess["minutes"] = max(10, int(sess["minutes"] * 0.7))
    label = (sess.get("intensity") or {}).get("label", "moderate")
    new_label = {"vigorous": "moderate", "moderate": "light", "light": "light"}.get(label, "light")
    sess["intensity"] = intensity(new_label, prof, aerobic=bool((sess.get("intensity") or {}).get("pct_hrr")))
    for ex in sess.get("exercises", []):
        if ex.get("sets") and ex["sets"] > 2:
            ex["sets"] -= 1
        if ex.get("minutes"):
            ex["minutes"] = max(2, int(ex["minutes"] * 0.7))
    sess["notes"] = (sess.get("notes", "") + " Lighter day.").strip()
    sess["lighter"] = True


def weight_trend_rule(coach: "Coach", s: Session, user: User, today: date) -> list[Reply]:
    """Weight trend off the target rate for 2 weeks → more cardio time, or a later target date, with a message."""
    prof = service.profile_of(s, user)
    if prof is None or prof.target_weight_kg is None or not prof.target_weeks:
        return []
    readings = [r for r in repo.metrics(s, user.id, "weight")
                if r.measured_at.date() >= today - timedelta(days=15)]
    if len(readings) < 3 or (readings[-1].measured_at - readings[0].measured_at).days < 13:
        return []
    if any(a.rule == "weight_trend" and a.created_at.date() > today - timedelta(days=14)
           for a in repo.adjustments(s, user.id)):
        return []
    days = [(r.measured_at - readings[0].measured_at).total_seconds() / 86400 for r in readings]
    vals = [float(r.value) for r in readings]
    mean_d, mean_v = statistics.fmean(days), statistics.fmean(vals)
    denom = sum((d - mean_d) ** 2 for d in days) or 1.0
    slope_week = 7 * sum((d - mean_d) * (v - mean_v) for d, v in zip(days, vals)) / denom
    first_profile = repo.profile_history(s, user.id)[0].data.get("profile", {})
    start_weight = float(first_profile.get("weight_kg", prof.weight_kg))
    want_week = (prof.target_weight_kg - start_weight) / prof.target_weeks
    if want_week == 0:
        return []
    ratio = slope_week / want_week
    _ = _tr(user)
    if 0.5 <= ratio <= 1.5:
        return []
    plan = repo.active_plan(s, user.id)
    if plan is None:
        return []
    if ratio < 0.5 and want_week < 0:
        data = copy.deepcopy(plan.data)
        week_now, _d = service.day_of_plan(plan, today)
        bumped = False
        for w in data["weeks"]:
            if w["week"] <= week_now or w.get("deload"):
                continue
            for sess in w["sessions"]:
                if sess["kind"] == "aerobic" and sess["minutes"] < prof.minutes_per_session:
                    add = min(prof.minutes_per_session, int(sess["minutes"] * 1.1)) - sess["minutes"]
                    if add > 0:
                        sess["minutes"] += add
                        for ex in sess["exercises"]:
                            if ex.get("kind") == "aerobic" and ex.get("minutes"):
                                ex["minutes"] += add
                                break
                        bumped = True
        if bumped:
            reason = _("Over two weeks your weight changed {a} kg a week against the {w} kg a week your target needs: "
                       "cardio time goes up a little.", a=f"{slope_week:+.2f}", w=f"{want_week:+.2f}")
            row = commit_change(s, user, plan, data, rule="weight_trend", change={"aerobic_minutes_pct": 10},
                                reason=reason, tags=("plan:energy-balance", "plan:weight-loss-rate"))
            if row:
                return [Reply(reason)]
    # otherwise move the target date to what the trend supports (never faster than 1 %/week)
    remaining = prof.target_weight_kg - prof.weight_kg
    rate = max(abs(slope_week), 0.25 * 0.01 * prof.weight_kg)
    rate = min(rate, 0.01 * prof.weight_kg)
    new_weeks = max(1, min(104, round(abs(remaining) / rate))) if abs(remaining) > 0.1 else prof.target_weeks
    current = service.profile_dict(s, user)
    service.save_profile(s, user, {**current, "target_weeks": int(new_weeks)}, "target re-timed from weight trend")
    reason = _("Over two weeks your weight changed {a} kg a week against the {w} kg a week your target needs: the "
               "target date moves to about {n} weeks from now so the pace stays safe.", a=f"{slope_week:+.2f}",
               w=f"{want_week:+.2f}", n=int(new_weeks))
    repo.add_adjustment(s, user.id, rule="weight_trend", change={"target_weeks": int(new_weeks)}, reason=reason,
                        citations=_cite(user.language, "plan:weight-loss-rate"), from_plan_id=plan.id, to_plan_id=plan.id)
    return [Reply(reason)]


__all__ = ["apply_profile_change", "apply_symptoms", "log_session", "pain", "checkin_start", "checkin_answer",
           "finish_checkin", "recovery_rules", "weight_trend_rule", "lighten", "raise_alert", "RED_FLAG_SYMPTOMS"]

"""Plan changes a model may propose: a small JSON format, applied to a copy, checked before anything is stored.

The format (one object per call; `week` omitted = every remaining week, i.e. the current week and later;
`day` is the plan day 1-7 within a week)::

    {"op": "swap_exercise", "from": "<exercise id in the plan>", "to": "<catalog exercise id>", "week": 2, "day": 1}
    {"op": "set_minutes",   "day": 3, "minutes": 30, "week": 2}
    {"op": "set_intensity", "day": 3, "label": "light" | "moderate" | "vigorous", "week": 2}

`swap_exercise` keeps the slot's sets/reps/rest (or minutes); the new entry's name, muscle groups, equipment and
kind come from the catalog. `set_intensity` rebuilds the session's RPE and heart-rate targets with the engine's
own formula (Karvonen), so the model never writes those numbers. Whatever the op, the changed plan then goes
through `validate_plan` against the user's profile; only a clean plan is stored (by `progression.commit_change`).
"""
from __future__ import annotations

import copy
import json
from dataclasses import dataclass, field
from typing import Any

from coach.i18n import t
from coach.domain.profile import Profile
from coach.planning import exercise_json, intensity, make_context, strength_scheme
from coach.planning.doses import set_rpes
from coach.planning.validator import LABELS, name_implies
from coach.safety.screening import screen
from knowledge.catalog import Exercise, available, load_catalog, options, safe_for

OPS = ("swap_exercise", "set_minutes", "set_intensity")
MAX_SUGGESTIONS = 5


class ChangeError(ValueError):
    """The change cannot even be applied (bad format, unknown ids, equipment, injuries): says why."""


@dataclass
class Applied:
    """The changed plan (a copy) and what changed, for the adjustment record and the user."""

    plan: dict
    record: dict
    summary: str
    weeks: list[int] = field(default_factory=list)


def parse_change(change: Any) -> dict:
    """The change as a dict (models sometimes send it as a JSON string); ChangeError when it is not one."""
    if isinstance(change, str):
        try:
            change = json.loads(change)
        except ValueError:
            raise ChangeError("change must be a JSON object like {\"op\": \"set_minutes\", \"day\": 3, "
                              "\"minutes\": 30}") from None
    if isinstance(change, dict) and "op" not in change and isinstance(change.get("change"), dict):
        change = change["change"]
    if not isinstance(change, dict):
        raise ChangeError("change must be a JSON object")
    op = change.get("op")
    if op not in OPS:
        raise ChangeError(f"unknown op {op!r}; use one of {', '.join(OPS)}")
    return change


def _int(change: dict, key: str, lo: int, hi: int, *, required: bool) -> int | None:
    value = change.get(key)
    if value is None:
        if required:
            raise ChangeError(f"{key} is required")
        return None
    if isinstance(value, bool):
        raise ChangeError(f"{key} must be a whole number {lo}-{hi}")
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise ChangeError(f"{key} must be a whole number {lo}-{hi}") from None
    if number != int(number) or not lo <= number <= hi:
        raise ChangeError(f"{key} must be a whole number {lo}-{hi}, got {value!r}")
    return int(number)


def _target_weeks(plan: dict, change: dict, current_week: int) -> list[dict]:
    weeks = plan.get("weeks") or []
    n = len(weeks)
    week = _int(change, "week", 1, max(1, n), required=False)
    current = max(1, current_week)
    if week is not None:
        if week < current:
            raise ChangeError(f"week {week} is already over (this is week {current})")
        return [weeks[week - 1]]
    chosen = [w for w in weeks if int(w.get("week", 0)) >= current]
    if not chosen:
        raise ChangeError("the plan has no weeks left to change")
    return chosen


def _sessions(weeks: list[dict], day: int | None) -> list[tuple[dict, dict]]:
    out = [(w, s) for w in weeks for s in w.get("sessions", []) if day is None or s.get("day") == day]
    if not out:
        where = f"day {day}" if day is not None else "those weeks"
        raise ChangeError(f"there is no session on {where} (see get_plan)")
    return out


def _suggest(old: dict, prof: Profile, catalog: dict[str, Exercise]) -> list[str]:
    """Catalog exercises the user could do in place of `old` (substitutes first, then same pattern)."""
    have, hurt = prof.equipment, prof.injuries
    base = catalog.get(str(old.get("id")))
    picks: list[str] = []
    if base is not None:
        for sid in base.substitutes:
            ex = catalog.get(sid)
            if ex and available(ex, have) and safe_for(ex, hurt):
                picks.append(sid)
        for ex in options(have, hurt, region=base.region, kind=base.kind):
            if ex.pattern == base.pattern and ex.id != base.id and ex.id not in picks:
                picks.append(ex.id)
    else:
        kind = old.get("kind") if old.get("kind") in ("strength", "aerobic", "hiit", "mobility", "balance") else None
        picks = [ex.id for ex in options(have, hurt, kind=kind)]
    return picks[:MAX_SUGGESTIONS]


def check_exercise(ex_id: Any, prof: Profile) -> Exercise:
    """A catalog exercise the user can do: known id, equipment they have, not contraindicated for their injuries."""
    catalog = load_catalog()
    ex = catalog.get(str(ex_id)) if isinstance(ex_id, str) else None
    if ex is None:
        raise ChangeError(f"unknown exercise id {ex_id!r}: only catalog exercise ids can be used")
    have = set(prof.equipment)
    if not available(ex, have):
        missing = sorted(set(ex.equipment) - have)
        raise ChangeError(f"{ex.id} needs {', '.join(missing)}, which the user does not have")
    usable = None if "gym" in have else have
    if usable is not None and name_implies(ex.name.en) - usable:
        raise ChangeError(f"{ex.id} needs {', '.join(sorted(name_implies(ex.name.en) - usable))}, which the user "
                          "does not have")
    bad = sorted(set(ex.contraindicated) & set(prof.injuries))
    if bad:
        raise ChangeError(f"{ex.id} is unsafe with the user's {', '.join(b.replace('_', ' ') for b in bad)} injury")
    if ex.level == "advanced" and prof.is_beginner_or_inactive:
        raise ChangeError(f"{ex.id} is an advanced exercise; the user is a beginner or not currently active")
    return ex


def _strip_side(reps: str, lang: str) -> str:
    for suffix in (t(lang, " each side"), " each side"):
        if suffix and reps.endswith(suffix):
            return reps[: -len(suffix)]
    return reps


def _swap(plan: dict, change: dict, prof: Profile, lang: str, current_week: int) -> tuple[dict, str, list[int]]:
    src, dst = change.get("from"), change.get("to")
    if not isinstance(src, str) or not src:
        raise ChangeError("swap_exercise needs \"from\": the id of an exercise in the plan")
    day = _int(change, "day", 1, 7, required=False)
    targets = [(w, s) for w, s in _sessions(_target_weeks(plan, change, current_week), day)
               if any(e.get("id") == src for e in s.get("exercises", []))]
    if not targets:
        raise ChangeError(f"{src} is not in the plan{f' on day {day}' if day else ''} for those weeks (see get_plan)")
    old_entry = next(e for e in targets[0][1]["exercises"] if e.get("id") == src)
    try:
        new = check_exercise(dst, prof)
    except ChangeError as exc:
        hint = _suggest(old_entry, prof, load_catalog())
        raise ChangeError(f"{exc}" + (f". Options the user can do instead: {', '.join(hint)}" if hint else "")) \
            from None
    if new.id == src:
        raise ChangeError("from and to are the same exercise")
    old_kind = old_entry.get("kind")
    same_family = new.kind == old_kind or {new.kind, old_kind} <= {"aerobic", "hiit"}
    if not same_family:
        raise ChangeError(f"{new.id} is a {new.kind} exercise and cannot replace {src} ({old_kind})")
    timed_slot = not old_entry.get("sets")
    if not timed_slot and new.measure == "minutes":
        raise ChangeError(f"{new.id} is timed in minutes and cannot replace a set-based exercise")
    ctx = make_context(prof, screen(prof, lang), lang)
    scheme = strength_scheme(ctx)
    weeks_changed: list[int] = []
    for week, sess in targets:
        if any(e.get("id") == new.id for e in sess.get("exercises", [])):
            raise ChangeError(f"{new.id} is already in week {week.get('week')} day {sess.get('day')}")
        exercises = sess["exercises"]
        for i, e in enumerate(exercises):
            if e.get("id") != src:
                continue
            fields: dict[str, Any] = {}
            if e.get("sets"):
                old_ex = load_catalog().get(src)
                reps = _strip_side(str(e.get("reps", "")), lang)
                if old_ex is None or old_ex.measure != new.measure or not reps:
                    reps = scheme["reps"] if new.measure == "reps" else "20-40 s"
                if new.per_side:
                    reps += t(lang, " each side")
                fields = {"sets": e["sets"], "reps": reps, "rest_s": e.get("rest_s", scheme["rest_s"])}
            else:
                for key in ("minutes", "holds", "intervals"):
                    if key in e:
                        fields[key] = e[key]
            exercises[i] = exercise_json(new, ctx, **fields)
        set_rpes(sess)
        weeks_changed.append(int(week.get("week", 0)))
    name_old = old_entry.get("name_zh") if lang == "zh" and old_entry.get("name_zh") else old_entry.get("name", src)
    name_new = new.name.zh if lang == "zh" else new.name.en
    summary = _msg(lang, "swap", old=name_old, new=name_new, where=_where(lang, weeks_changed, day))
    return {"op": "swap_exercise", "from": src, "to": new.id, "weeks": sorted(set(weeks_changed)), "day": day}, \
        summary, weeks_changed


def _set_minutes(plan: dict, change: dict, prof: Profile, lang: str, current_week: int) -> tuple[dict, str, list[int]]:
    day = _int(change, "day", 1, 7, required=False)
    minutes = _int(change, "minutes", 5, 180, required=True)
    assert minutes is not None
    weeks_changed = []
    for week, sess in _sessions(_target_weeks(plan, change, current_week), day):
        delta = minutes - int(sess.get("minutes") or 0)
        sess["minutes"] = minutes
        if sess.get("kind") in ("aerobic", "hiit", "mixed"):  # the cardio block absorbs the difference
            for ex in sess.get("exercises", []):
                if ex.get("kind") in ("aerobic", "hiit") and ex.get("minutes"):
                    ex["minutes"] = max(5, int(ex["minutes"]) + delta)
                    break
        weeks_changed.append(int(week.get("week", 0)))
    summary = _msg(lang, "minutes", minutes=minutes, where=_where(lang, weeks_changed, day))
    return {"op": "set_minutes", "minutes": minutes, "weeks": sorted(set(weeks_changed)), "day": day}, summary, \
        weeks_changed


def _set_intensity(plan: dict, change: dict, prof: Profile, lang: str, current_week: int) -> tuple[dict, str, list[int]]:
    day = _int(change, "day", 1, 7, required=False)
    label = change.get("label")
    if label not in LABELS:
        raise ChangeError(f"label must be one of {', '.join(LABELS)}")
    weeks_changed = []
    for week, sess in _sessions(_target_weeks(plan, change, current_week), day):
        sess["intensity"] = intensity(label, prof, aerobic=sess.get("kind") in ("aerobic", "hiit", "mixed"))
        set_rpes(sess)  # trunk, balance and mobility work stays lighter than the session's main work
        weeks_changed.append(int(week.get("week", 0)))
    summary = _msg(lang, "intensity", label=t(lang, label), where=_where(lang, weeks_changed, day))
    return {"op": "set_intensity", "label": label, "weeks": sorted(set(weeks_changed)), "day": day}, summary, \
        weeks_changed


def apply_change(plan: dict, change: Any, prof: Profile, *, lang: str, current_week: int) -> Applied:
    """Apply one change to a deep copy of `plan`; ChangeError says why it cannot be applied.

    The result still has to pass `validate_plan` before it is stored.
    """
    change = parse_change(change)
    new = copy.deepcopy(plan)
    fn = {"swap_exercise": _swap, "set_minutes": _set_minutes, "set_intensity": _set_intensity}[change["op"]]
    record, summary, weeks = fn(new, change, prof, lang, current_week)
    if new == plan:
        raise ChangeError("that change leaves the plan as it is")
    return Applied(plan=new, record=record, summary=summary, weeks=sorted(set(weeks)))


# ------------------------------------------------------------------ user-facing wording (built by code)

_TEXT = {
    "en": {
        "swap": "{old} → {new} ({where})",
        "minutes": "{minutes} min ({where})",
        "intensity": "{label} effort ({where})",
        "weeks": "weeks {a}-{b}",
        "week": "week {a}",
        "day": ", day {d}",
    },
    "zh": {
        "swap": "{old} → {new}（{where}）",
        "minutes": "{minutes} 分钟（{where}）",
        "intensity": "强度：{label}（{where}）",
        "weeks": "第 {a}-{b} 周",
        "week": "第 {a} 周",
        "day": "，第 {d} 天",
    },
}


def _msg(lang: str, key: str, **kw: Any) -> str:
    return _TEXT["zh" if lang == "zh" else "en"][key].format(**kw)


def _where(lang: str, weeks: list[int], day: int | None) -> str:
    ws = sorted(set(weeks))
    text = _msg(lang, "week", a=ws[0]) if len(ws) == 1 else _msg(lang, "weeks", a=ws[0], b=ws[-1])
    return text + (_msg(lang, "day", d=day) if day else "")


__all__ = ["apply_change", "check_exercise", "parse_change", "Applied", "ChangeError", "OPS"]

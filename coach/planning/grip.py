"""Wrist and elbow injuries: what their passages ask to avoid, and the sentence saying it is left out (physician
review 15; rules 100-102).

kb-elbow-001 (Coombes et al. 2015): avoid heavy gripping (especially with the elbow straight), heavy palms-down work
such as barbell rows, heavy deadlifts without straps, and long dead hangs; substitute neutral-grip rows and pulldowns,
lifting straps and machines that reduce grip demand. kb-wrist-001 (NICE NG38; Padua et al. 2016): wrist pain comes
from loading the bent-back wrist or from heavy gripping; lifting straps reduce grip demand; kb-wrist-002: avoid long
periods of heavy gripping. The catalog marks dead hangs, hanging knee raises, scapular pull-ups and loaded carries
contraindicated for both areas (and barbell rows for the elbow), so the planner never picks them.

Engine: a session of someone with a wrist or elbow injury that lists a deadlift or a loaded pull carries the straps /
neutral-grip note. Checks: rule 100, no exercise the passages say to avoid (catalog contraindication, or a hang or
loaded carry by name); rule 101, every session with a deadlift carries the note; rule 102, the rationale's "left out"
sentence names only areas for which the plan holds no exercise the catalog contraindicates for that area.
"""
from __future__ import annotations

import re
from typing import Any

from coach.i18n import N_, t
from coach.planning.checks import Violation
from knowledge.catalog import load_catalog

GRIP_AREAS = ("wrist", "elbow")
NOTE = N_("To spare your {areas}: use lifting straps on deadlifts, and straps or a neutral (palms-facing) grip on rows "
          "and pulldowns, so your grip does not carry the heavy load.")
LEFT_OUT = N_("Exercises that load your {areas} in risky ways are left out and replaced by safer ones.")
# a hang from a bar or a loaded carry, named in any plan (a model's too): kb-elbow-001 "long dead hangs", heavy gripping
GRIP_WORDS = re.compile(r"dead[- ]hang|\bhang(ing)?\b|farmer|suitcase carry|\bcarry\b|悬垂|农夫|提箱行走", re.I)
DEADLIFT = re.compile(r"deadlift|\brdl\b|硬拉", re.I)
_AND = {"zh": "和"}


def grip_areas(injuries: Any) -> list[str]:
    return [a for a in GRIP_AREAS if a in (injuries or ())]


def note_text(lang: str, injuries: Any) -> str:
    areas = grip_areas(injuries)
    return t(lang, NOTE, areas=_AND.get(lang, " and ").join(t(lang, a) for a in areas))


def _text(e: dict) -> str:
    return f"{e.get('id', '')} {e.get('name', '')} {e.get('name_zh', '')}"


def _deadlift(e: dict) -> bool:
    cat = load_catalog().get(str(e.get("id")))
    if cat is not None:
        return cat.pattern == "hinge" and "deadlift" in cat.id and cat.kind == "strength"
    return bool(DEADLIFT.search(_text(e))) and "single" not in _text(e).lower()


def _loaded_pull(e: dict) -> bool:
    cat = load_catalog().get(str(e.get("id")))
    return cat is not None and cat.pattern in ("horizontal_pull", "vertical_pull") and \
        bool(set(cat.equipment) - {"bands", "pullup_bar", "bench"})


def _needs_note(s: dict) -> bool:
    return any(isinstance(e.get("sets"), int) and (_deadlift(e) or _loaded_pull(e)) for e in s.get("exercises") or [])


def grip_care(ctx: Any, weeks: list[dict]) -> None:
    """The straps / neutral-grip note on every session with a deadlift or a loaded pull, in place."""
    if not grip_areas(ctx.p.injuries):
        return
    note = note_text(ctx.lang, ctx.p.injuries)
    for w in weeks:
        for s in w.get("sessions") or []:
            if _needs_note(s) and note not in str(s.get("notes") or ""):
                s["notes"] = (str(s.get("notes") or "") + " " + note).strip()


def avoided(e: dict, area: str) -> bool:
    """Whether the passage for `area` says to avoid this plan entry (its catalog contraindications; for the wrist and
    the elbow also a hang or a loaded carry by name)."""
    cat = load_catalog().get(str(e.get("id")))
    if cat is not None and area in cat.contraindicated:
        return True
    return area in GRIP_AREAS and bool(GRIP_WORDS.search(_text(e)))


def clean_areas(injuries: Any, weeks: list[dict]) -> list[str]:
    """The injury areas for which the plan holds nothing their passage says to avoid."""
    entries = [e for w in weeks for s in w.get("sessions") or [] for e in s.get("exercises") or []]
    return [a for a in injuries or () if not any(avoided(e, a) for e in entries)]


def check_grip(plan: dict, weeks: list[dict], b: Any) -> list[Violation]:
    """Rules 100-102 on any plan."""
    lang = str(plan.get("language") or b.profile.language or "en")
    injuries = list(b.profile.injuries or ())
    out = []
    for area in grip_areas(injuries):
        out += [Violation(100, f"week {w.get('week')} day {s.get('day')}: {e.get('name')} with a {area} injury "
                               f"(kb-{area}-001 says to avoid it)")
                for w in weeks for s in w.get("sessions") or [] for e in s.get("exercises") or [] if avoided(e, area)]
    if grip_areas(injuries):
        note = note_text(lang, injuries)
        out += [Violation(101, f"week {w.get('week')} day {s.get('day')}: a deadlift with a wrist or elbow injury "
                               "without the straps note (kb-elbow-001: no heavy deadlifts without straps)")
                for w in weeks for s in w.get("sessions") or []
                if any(isinstance(e.get("sets"), int) and _deadlift(e) for e in s.get("exercises") or [])
                and note not in str(s.get("notes") or "")]
    return out + _check_left_out(str(plan.get("rationale") or ""), injuries, weeks, lang)


def _check_left_out(rationale: str, injuries: list[str], weeks: list[dict], lang: str) -> list[Violation]:
    """Rule 102: the "left out" sentence names no area whose avoided exercises the plan still holds."""
    head, _, tail = t(lang, LEFT_OUT).partition("{areas}")
    m = re.search(re.escape(head) + r"(.+?)" + re.escape(tail), rationale)
    if not m:
        return []
    clean = set(clean_areas(injuries, weeks))
    named = [a for a in injuries if t(lang, a.replace("_", " ")) in m.group(1)]
    return [Violation(102, f"the rationale says exercises risky for the {a.replace('_', ' ')} are left out, but the "
                           "plan holds one its passage says to avoid") for a in named if a not in clean]

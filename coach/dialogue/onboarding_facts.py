"""Onboarding's pending offer, in words: what a typed reply says to it, and the facts as the person reads them."""
from __future__ import annotations

from typing import Any

from coach.dialogue import steps
from coach.dialogue.turn import Turn
from coach.events import Reply
from coach.i18n import N_
from coach.intake.answers import FIELD_NAMES, LIST_FIELDS, is_skip, reply_yes_no
from coach.intake.intent_answers import no_about_other, wants_skip
from coach.intake.offer_words import offer_answer
from coach.intake.why_asked import asks_level_meaning, asks_why_asked

UNIT_WORDS = {"weight_kg": "kg", "target_weight_kg": "kg", "height_cm": "cm", "resting_hr": "bpm", "age": "years",
              "body_fat_pct": "%", "sleep_hours": "hours", "minutes_per_session": "minutes", "bp_systolic": "mmHg",
              "bp_diastolic": "mmHg", "days_per_week": "days", "target_weeks": "weeks"}


def offer_reply(step: steps.Step, text: str, offer_last: bool) -> bool | None:
    """A typed answer to the pending offer, or None when the message answers the step question (or neither).
    "keep them" / "don't save" always answer the offer; a plain yes or no ("no", "nope", "不是", "是") answers the
    question asked last: the offer when it was shown alone, else the step question re-asked after it, unless that
    question cannot take it (a "no" to "How old are you?" is about the offer)."""
    said = offer_answer(text)
    if said is not None or wants_skip(text) or is_skip(text) or no_about_other(text):
        return said
    keep = reply_yes_no(text)
    return keep if keep is not None and (offer_last or _answers_offer(step, keep)) else None


def _answers_offer(step: steps.Step, keep: bool) -> bool:
    """Whether a typed yes/no can only be about the pending offer: "no" may skip an optional step or say "none",
    "yes" may answer "have you been active?" or "any of these?"; to other questions they mean nothing."""
    if step.key in LIST_FIELDS or step.key == "currently_active":
        return False
    return keep or not step.optional


def added(good: dict[str, Any], profile: dict, answered: tuple[str, ...]) -> dict[str, Any]:
    """A list (conditions, injuries, ...) named beside another answer adds to the stored one; only the answer to
    its own question, or an explicit "none", replaces it ("high blood pressure" then "knee arthritis" keeps both)."""
    out = dict(good)
    for key in LIST_FIELDS:
        if key in out and out[key] and key not in answered:
            have = list(profile.get(key) or [])
            out[key] = have + [x for x in out[key] if x not in have]
    return out


# what a like or dislike is called in the person's language (the codes coach.intake's activity vocabularies give)
ACTIVITY_NAMES = {
    "badminton": N_("badminton"), "basketball": N_("basketball"), "boxing": N_("boxing"), "climbing": N_("climbing"),
    "cycling": N_("cycling"), "dancing": N_("dancing"), "football": N_("football"), "hiit": N_("interval training"),
    "hiking": N_("hiking"), "jump_rope": N_("jumping rope"), "pilates": N_("pilates"), "rowing": N_("rowing"),
    "running": N_("running"), "swimming": N_("swimming"), "table_tennis": N_("table tennis"), "tai_chi": N_("tai chi"),
    "tennis": N_("tennis"), "walking": N_("walking"), "weightlifting": N_("weightlifting"), "yoga": N_("yoga"),
}
PREFERENCE_LABELS = {"likes": N_("likes"), "dislikes": N_("dislikes")}


def _preferences_text(turn: Turn, prefs: dict[str, Any]) -> str:
    """"likes dancing; dislikes running" in the person's language (an activity without a name shown as its code)."""
    parts = []
    for key, items in prefs.items():
        if key not in PREFERENCE_LABELS or not items:
            continue
        names = [turn._(ACTIVITY_NAMES[x]) if x in ACTIVITY_NAMES else str(x).replace("_", " ")
                 for x in (items if isinstance(items, list) else [items])]
        parts.append(f"{turn._(PREFERENCE_LABELS[key])} {', '.join(names)}")
    return "; ".join(parts)


def facts_text(turn: Turn, facts: dict[str, Any], before: dict[str, Any] | None = None) -> str:
    """"sleep 7 h, weight 75 kg" in the person's language; a list that had items: "injuries knee, hip → hip"."""
    parts = []
    if "bp_systolic" in facts and "bp_diastolic" in facts:  # one reading: "blood pressure 130/85 mmHg"
        facts = dict(facts)
        parts.append(f"{turn._('blood pressure')} {facts.pop('bp_systolic'):g}/{facts.pop('bp_diastolic'):g} "
                     f"{turn._('mmHg')}")
    for k, v in facts.items():
        label = turn._(FIELD_NAMES.get(k, k.replace("_", " ")))
        if isinstance(v, list):
            shown = ", ".join(turn._(str(x).replace("_", " ")) for x in v) or turn._("none")
            if (before or {}).get(k) and before[k] != v:
                shown = ", ".join(turn._(str(x).replace("_", " ")) for x in before[k]) + " → " + shown
        elif isinstance(v, bool):
            shown = turn._("yes") if v else turn._("no")
        elif isinstance(v, str):
            shown = turn._(v.replace("_", " "))
        elif isinstance(v, dict):  # preferences: "likes swimming; dislikes running", no label of their own
            parts.append(_preferences_text(turn, v))
            continue
        elif isinstance(v, (int, float)):
            shown = f"{v:g} {turn._(UNIT_WORDS[k])}" if k in UNIT_WORDS else f"{v:g}"
        else:
            shown = str(v)
        parts.append(f"{label} {shown}")
    return ", ".join(parts)


def why_asked(turn: Turn, step: steps.Step, text: str) -> Reply | None:
    """"Why do you need my age?": why the coach asks; "what does intermediate mean?" at the experience question: the
    levels in words (the question follows); None for any other message."""
    if step.key == "experience" and asks_level_meaning(text):
        return Reply(turn._("Beginner: new to regular training, or starting again after a long break. Intermediate: "
                            "you have trained regularly for a while and know the main exercises. Advanced: years of "
                            "consistent, structured training. If unsure, pick the lower one: the plan adapts as you "
                            "log your sessions."))
    if not asks_why_asked(text):
        return None
    why = turn._("I ask this only to make your plan safe and right for you. What you tell me is stored encrypted and "
                 "used only for your training; /export gives you a copy and /delete erases it.")
    if step.optional:
        why += " " + turn._("This one is optional: say 'skip' if you'd rather not answer.")
    return Reply(why)

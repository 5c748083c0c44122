"""What became of an exercise a plan change took out ("can I swap deadlifts?" after pain swapped them already)."""
from __future__ import annotations

from collections import Counter
from collections.abc import Callable

from sqlmodel import Session

from coach.services.adjustments import exercise_ids
from knowledge.catalog import load_catalog
from storage import repos

RECENT_CHANGES = 20  # how many plan changes back an exercise taken out is looked for


def replaced(s: Session, user_id: int, means: Callable[[list[str]], str | None]) -> tuple[str, str | None] | None:
    """The exercise a recent plan change took out that `means` picks from those taken out (newest change first), with
    the one that took its place in the same sessions (None when nothing did); None when no change took one out."""
    changes = [a for a in repos.adjustments.adjustments(s, user_id, last=RECENT_CHANGES)
               if a.from_plan_id and a.to_plan_id][::-1]
    plans = repos.plans.plans_by_id(s, sorted({i for a in changes for i in (a.from_plan_id, a.to_plan_id)}))
    for a in changes:
        old, new = plans.get(a.from_plan_id), plans.get(a.to_plan_id)
        if old is None or new is None:
            continue
        gone = sorted(exercise_ids(old.data or {}) - exercise_ids(new.data or {}))
        hit = means(gone) if gone else None
        if hit is not None:
            return hit, successor(old.data or {}, new.data or {}, hit)
    return None


def successor(old: dict, new: dict, exercise: str) -> str | None:
    """The exercise that most often takes `exercise`'s place in the new plan's same sessions: one new to the session
    of the same movement pattern, else the one now at its position."""
    catalog = load_catalog()
    base = catalog.get(exercise)
    votes: Counter[str] = Counter()
    after = {(w.get("week"), x.get("day")): x for w in new.get("weeks", []) for x in w.get("sessions", [])}
    for w in old.get("weeks", []):
        for sess in w.get("sessions", []):
            ids = [e.get("id") for e in sess.get("exercises", [])]
            now = after.get((w.get("week"), sess.get("day")))
            if exercise not in ids or now is None:
                continue
            new_ids = [e.get("id") for e in now.get("exercises", [])]
            fresh = [x for x in new_ids if x not in ids]
            same = [x for x in fresh if base is not None and catalog.get(x) is not None
                    and catalog[x].pattern == base.pattern]
            at = ids.index(exercise)
            pick = same[0] if same else (new_ids[at] if at < len(new_ids) and new_ids[at] in fresh else None)
            if pick:
                votes[pick] += 1
    return votes.most_common(1)[0][0] if votes else None

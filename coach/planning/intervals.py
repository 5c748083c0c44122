"""Interval and tempo sessions written as intervals; no hard day right before the long run; a session's kind matches
its content (PLAN_RULES 87, physician review 13).

kb-hiit-001 defines HIIT as bouts of hard effort with easier recoveries, warmed up and cooled down; its examples are
10 x 1 minute hard with 1 minute easy between (Gibala et al. 2012) and 4 x 4 minutes hard with 3-minute active
recoveries (Helgerud et al. 2007). The interval session's first block uses the 1-minute bouts (6 the first week, one
more each week, at most 10), later blocks the 4-minute bouts (3, then 4: the 4 x 4 of the passage; a block after
the second goes on from the bouts the one before reached, never back to 3), so the plan progresses by the number and
length of the bouts, never by continuous hard minutes. kb-endurance-004: the tempo run is
Daniels' comfortably hard effort, in blocks with short easy breaks (quality.py). Every such exercise carries a
`structure` (an addition to the contract's exercise): warm-up minutes, bouts x bout minutes, recovery minutes between
bouts and cool-down minutes, summing to the exercise's minutes, and its `intervals` text says the same.
kb-endurance-001 (hard/easy): the day before the week's long run is never a hard one; an interval day there trades
places with a steady day or moves to a free day, or else the long session does (`easy_before_long`). A session kept
steady in a lighter week (no hard bouts) is an aerobic session, not an interval one (`write_intervals`).

87. (a) A session of kind "hiit" is vigorous and holds an exercise with a structure, and a steady session is not
    called "hiit"; (b) every structure has at least 2 bouts, a warm-up and a cool-down of at least COOL_MIN minutes,
    and sums to its exercise's minutes; (c) no vigorous session the day before the week's marked long session.
"""
from __future__ import annotations

import itertools
from typing import Any

from coach.domain.limits import BLOCK_WEEKS
from coach.planning.checks import Bounds, Violation
from coach.planning.context import Context, Slot
from coach.planning.measure import label_of

# (first bouts, most bouts, bout minutes, recovery minutes) by block (kb-hiit-001)
PROTOCOLS = ((6, 10, 1, 1), (3, 4, 4, 3))
WARM_MIN, COOL_MIN = 10, 5  # kb-hiit-001: always warm up and cool down
SHORT_WARM_MIN = 5  # a short session's warm-up
HARD = ("hiit",)
MAX_SHUFFLED = 7  # sessions a week (at most 7! orders are tried)
KEYS = ("warm_up_min", "bouts", "bout_min", "recovery_min", "cool_down_min")


def total(st: dict) -> int:
    """The minutes a structure fills: warm-up, bouts, the recoveries between them, cool-down."""
    return (st["warm_up_min"] + st["bouts"] * st["bout_min"] + (st["bouts"] - 1) * st["recovery_min"]
            + st["cool_down_min"])


def fit(minutes: int, bouts: int, bout: int, rec: int, warm: int = WARM_MIN, least: int = 2) -> dict | None:
    """A structure of at most `bouts` bouts that fills `minutes` exactly (the cool-down takes what is left)."""
    for n in range(bouts, least - 1, -1):  # the bouts first: a short session shortens its warm-up before its bouts
        for w in (warm, SHORT_WARM_MIN) if warm > SHORT_WARM_MIN else (warm,):
            cool = minutes - w - n * bout - (n - 1) * rec
            if cool >= COOL_MIN:
                return {"warm_up_min": w, "bouts": n, "bout_min": bout, "recovery_min": rec, "cool_down_min": cool}
    return None


def interval_structure(minutes: int, week: int) -> dict | None:
    """The interval session's structure in `week` for `minutes` (kb-hiit-001), shorter bouts when time is short."""
    block, k = (week - 1) // BLOCK_WEEKS, (week - 1) % BLOCK_WEEKS
    used = min(block, len(PROTOCOLS) - 1)
    first, most, bout, rec = PROTOCOLS[used]
    # a block past the last protocol goes on from where the one before ended (one more bout each full week of it,
    # up to the passage's most), never back to the protocol's first bouts: the bouts keep growing across the blocks
    grown = first + k + (block - used) * (BLOCK_WEEKS - 1)
    st = fit(minutes, min(most, grown), bout, rec)
    if st is None and block:
        first, most, bout, rec = PROTOCOLS[0]
        st = fit(minutes, most, bout, rec)
    return st


def describe(ctx: Context, st: dict, tempo: bool) -> str:
    """The structure in words (the exercise's `intervals` text)."""
    f = dict(w=st["warm_up_min"], n=st["bouts"], b=st["bout_min"], r=st["recovery_min"], c=st["cool_down_min"])
    if tempo:
        return ctx._("tempo: {w} min easy warm-up, {n} x {b} min comfortably hard with {r} min easy between, "
                     "{c} min easy cool-down", **f)
    return ctx._("{w} min easy warm-up, {n} x {b} min hard with {r} min easy between, {c} min easy cool-down", **f)


def _hard(s: dict) -> bool:
    return label_of(s) == "vigorous"


def write_intervals(ctx: Context, weeks: list[dict]) -> None:
    """Every interval session's bouts and every tempo run's blocks as a structure that fills the exercise's minutes;
    an interval session kept steady (a lighter week, or too short for 2 bouts with a warm-up and cool-down:
    sessions._cardio_block) becomes an aerobic one (in place), with the easy aerobic sessions' talk test."""
    for w in weeks:
        for s in w["sessions"]:
            if s["kind"] == "hiit" and (not _hard(s) or not any(e.get("intervals") or e.get("kind") == "hiit"
                                                                for e in s["exercises"])):  # (too short: steady)
                s["kind"] = "aerobic"
                for e in s["exercises"]:
                    e.pop("intervals", None)
                    e.pop("structure", None)
                continue
            cardio = [e for e in s["exercises"] if e.get("kind") in ("aerobic", "hiit") and not e.get("sets")
                      and isinstance(e.get("minutes"), int)]
            bouts = [e for e in cardio if e.get("intervals")] or sorted(cardio, key=lambda e: -e["minutes"])[:1]
            for e in cardio:
                tempo = (e.get("structure") or {}).get("effort") == "comfortably_hard"
                if e.get("structure"):
                    old = e["structure"]
                    st = fit(e["minutes"], old["bouts"], old["bout_min"], old["recovery_min"], old["warm_up_min"])
                elif s["kind"] == "hiit" and e is bouts[0]:
                    st = interval_structure(e["minutes"], w["week"])
                else:
                    continue
                if st is not None:
                    e["structure"] = {**st, "effort": "comfortably_hard" if tempo else "hard"}
                    e["intervals"] = describe(ctx, st, tempo)
    # (a session steadied here is easy aerobic work now: the engine runs aerobic.talk_test again after this pass)


def _apart(a: int, b: int) -> int:
    return min((a - b) % 7, (b - a) % 7)


def _is_hard(s: Slot) -> bool:
    return s.kind == "hiit" or (s.kind in ("aerobic", "mixed") and s.label == "vigorous" and not s.long_easy)


def _clash(days: list[int], slots: list[Slot]) -> bool:
    """A hard day the day before or after the long one, next to another hard day, or after heavy lifting."""
    long_day = next(d for d, s in zip(days, slots) if s.long_easy)
    hard = [d for d, s in zip(days, slots) if _is_hard(s)]
    heavy = {d for d, s in zip(days, slots) if s.kind in ("strength", "mixed") and s.label == "vigorous"}
    return any(_apart(d, long_day) == 1 or any(h != d and _apart(d, h) <= 1 for h in hard)
               or (d - 2) % 7 + 1 in heavy for d in hard)


def easy_before_long(slots: list[Slot], weeks: list[dict]) -> None:
    """kb-endurance-001 hard/easy: with a hard day right before the long one, the sessions take the days where no
    hard day touches the long one, another hard day or heavy lifting, and lifting days stay apart as they were; of
    those, the fewest hard or long days after a lifting day (whose leg lifts would be eased), the same weekdays, the
    long session on its day (kb-endurance-004: a day with more time), the fewest sessions moved (in place, in the
    template and in every built week)."""
    long_i = next((i for i, s in enumerate(slots) if s.long_easy), None)
    if long_i is None or len(slots) > MAX_SHUFFLED:
        return
    days = [s.day for s in slots]
    if not any(_is_hard(s) and (days[long_i] - s.day) % 7 == 1 for s in slots):
        return
    lifting = [i for i, s in enumerate(slots) if s.kind in ("strength", "mixed")]
    best: tuple | None = None
    for perm in itertools.permutations(range(1, 8), len(slots)):
        new = list(perm)
        if _clash(new, slots) or _touching(new, lifting) > _touching(days, lifting):
            continue
        cost = (_after_lifting(new, slots), set(new) != set(days), new[long_i] != days[long_i],
                sum(a != b for a, b in zip(new, days)),
                sum(_apart(a, b) for a, b in zip(new, days)), new)
        best = cost if best is None or cost < best else best
    if best is not None:
        _move(slots, weeks, best[-1])


def _touching(days: list[int], lifting: list[int]) -> int:
    """Pairs of lifting days next to each other."""
    return sum(_apart(days[i], days[j]) == 1 for i, j in itertools.combinations(lifting, 2))


def _after_lifting(days: list[int], slots: list[Slot]) -> int:
    """Hard or long days that follow a lifting day (whose leg lifts would then be eased, concurrent.py)."""
    lifting = {d for d, s in zip(days, slots) if s.kind in ("strength", "mixed")}
    return sum((d - 2) % 7 + 1 in lifting for d, s in zip(days, slots) if _is_hard(s) or s.long_easy)


def _move(slots: list[Slot], weeks: list[dict], new: list[int]) -> None:
    """Gives slot i (and session i of every week) day new[i], then orders both by day."""
    order = sorted(range(len(slots)), key=lambda i: new[i])
    for i, s in enumerate(slots):
        s.day = new[i]
    slots[:] = [slots[i] for i in order]
    for w in weeks:
        sessions = w["sessions"]
        if len(sessions) != len(new):
            continue
        for i, s in enumerate(sessions):
            s["day"] = new[i]
        w["sessions"] = [sessions[i] for i in order]


def check_intervals(weeks: list[dict], b: Bounds) -> list[Violation]:
    """Rule 87 (see the module docstring)."""
    v: list[Violation] = []
    timeline: dict[int, tuple[Any, dict]] = {}
    for wi, w in enumerate(weeks):
        for s in w.get("sessions") or []:
            where = f"week {w.get('week')} day {s.get('day')}"
            if isinstance(s.get("day"), int):
                timeline[wi * 7 + s["day"]] = (w.get("week"), s)
            shaped = [e for e in s.get("exercises") or [] if e.get("structure")]
            if s.get("kind") == "hiit" and not _hard(s):
                v.append(Violation(87, f"{where}: an interval session at {label_of(s)} effort (a steady session)"))
            elif s.get("kind") == "hiit" and not shaped:
                v.append(Violation(87, f"{where}: interval session without bouts, their length and recoveries"))
            for e in shaped:
                st = e["structure"]
                if not all(isinstance(st.get(k), int) for k in KEYS) or st["bouts"] < 2 or st["bout_min"] < 1 \
                        or st["warm_up_min"] < SHORT_WARM_MIN or st["cool_down_min"] < COOL_MIN:
                    v.append(Violation(87, f"{where}: {e.get('id')} structure incomplete: {st}"))
                elif total(st) != e.get("minutes"):
                    v.append(Violation(87, f"{where}: {e.get('id')} structure sums to {total(st)} min, not "
                                           f"{e.get('minutes')}"))
    for t, (wn, s) in sorted(timeline.items()):
        nxt = timeline.get(t + 1)
        if nxt and (nxt[1].get("long_run") or nxt[1].get("long_session")) and _hard(s) \
                and s.get("kind") in ("aerobic", "hiit", "mixed"):
            v.append(Violation(87, f"week {wn} day {s.get('day')}: a hard session the day before the long run"))
    return v

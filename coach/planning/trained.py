"""Review 7 (trained people): how much, how many sets at a time, and where heavy leg work goes (rules 53-55).

kb-hypertrophy-001 (Schoenfeld, Ogborn & Krieger 2017) gives the floor rule 45 checks, at least 10 hard sets per
muscle group a week, and an upper side: the evidence supports about 10-20 weekly sets, more adds little and costs
recovery. ACSM (2009 progression models, kb-resistance-fitt-001) prescribes 2-4 sets an exercise for most adults and
up to about 5 for the main lift of a trained one; more sets of the same lift in one session is junk volume. A heavy
squat and a heavy deadlift load the same hips, thighs and back: one of them heavy a day, the other lighter
(kb-periodisation-004's heavy day: "the session's first big lift", the rest in the moderate range); an endurance
athlete runs first on a day with a hard run and lifting, and keeps heavy leg work off the day before a hard run or
the long run (kb-concurrent-003).

53 weekly volume: in every week, the chest, the back, the quadriceps and the hips each get at most WEEKLY_SET_CAP hard
   sets (RPE 7 or more at the top of the range, or no effort given), counted as rule 45 counts them.
54 sets per exercise: at most EXERCISE_SET_CAP working sets of one exercise in one session.
55 heavy lower-body lifts: no session with both a heavy squat and a heavy hip hinge (barbell or machine; heavy = RPE 8
   or more at the top of its range, or 6 repetitions or fewer); endurance goal: a session with a vigorous run and
   lower-body lifting runs first, and no heavy lower-body lift the day before a vigorous session or the long run.
"""
from __future__ import annotations

from functools import lru_cache
from typing import Any

from coach.domain.limits import HYPERTROPHY_WEEKLY_SETS
from coach.planning.checks import Bounds, Violation
from coach.planning.heavy import HEAVY_RESTS_S, top_reps
from coach.planning.lifters import VOLUME_GROUPS
from coach.planning.measure import AEROBIC_SHARE, label_of, session_seconds, sets_of
from coach.planning.owned import CORE_FAMILIES, family
from coach.planning.quality import long_run
from knowledge.catalog import load_catalog

WEEKLY_SET_CAP = 20  # kb-hypertrophy-001: about 10-20 hard sets per muscle group a week
EXERCISE_SET_CAP = 5
MIN_SETS = 2  # rule 7: resistance work at 2 sets or more
HARD_RPE = 7  # RPE 7: about 3 repetitions in reserve (kb-rir-001)
HEAVY_RPE, HEAVY_REPS = 8, 6  # heavy: the range tops out at RPE 8+ or at 6 repetitions or fewer
LIGHTER_RPE = (6, 7)  # the second big leg lift of a day, or heavy legs before a hard run: 3-4 repetitions in reserve
BIG_GEAR = {"barbell", "machines"}
LEG_PATTERNS = {"squat", "hinge", "lunge"}


def _pattern(e: dict) -> str | None:
    x = load_catalog().get(str(e.get("id")))
    return x.pattern if x is not None else None


def is_heavy(e: dict) -> bool:
    """A set at RPE 8 or more at the top of its range, or at 6 repetitions or fewer."""
    if not isinstance(e.get("sets"), int):
        return False
    rpe = e.get("rpe") if isinstance(e.get("rpe"), list) and e.get("rpe") else [0]
    return max(rpe) >= HEAVY_RPE or (top_reps(e) or 99) <= HEAVY_REPS


def big_lower(e: dict) -> str | None:
    """"squat" or "hinge" for a barbell or machine squat-pattern or hinge-pattern lift, else None."""
    x = load_catalog().get(str(e.get("id")))
    if x is None or x.pattern not in ("squat", "hinge") or not set(x.equipment) & BIG_GEAR:
        return None
    return x.pattern


def heavy_legs(e: dict) -> bool:
    """A heavy squat-, hinge- or lunge-pattern lift."""
    return _pattern(e) in LEG_PATTERNS and is_heavy(e)


def is_hard(e: dict) -> bool:
    """A hard set (kb-hypertrophy-001 counts working sets taken reasonably close to failure): RPE 7 or more at the top
    of its range (3 repetitions or fewer in reserve), or no effort given."""
    rpe = e.get("rpe")
    return not (isinstance(rpe, list) and rpe and max(rpe) < HARD_RPE)


def group_sets(sessions: list[dict]) -> dict[str, int]:
    """Weekly hard sets for rule 45's groups: a compound lift counts for every group it trains (one pass over the
    entries: cap_volume asks after every set it takes off)."""
    counts = dict.fromkeys(VOLUME_GROUPS, 0)
    for s in sessions:
        for e in s.get("exercises") or []:
            names = _counted(e)
            if names and is_hard(e):
                n = sets_of(e)
                for name in names:
                    counts[name] += n
    return counts


def _counted(e: dict) -> frozenset[str]:
    return _counted_of(tuple(e.get("muscle_groups") or []))


@lru_cache(maxsize=1024)
def _counted_of(muscles: tuple) -> frozenset[str]:
    """The counted groups (VOLUME_GROUPS) an entry with these muscle groups trains."""
    mine = set(muscles)
    return frozenset(name for name, groups in VOLUME_GROUPS.items() if mine & groups)


def _trim_one(sessions: list[dict], name: str, counts: dict[str, int], floor: int) -> bool:
    """Takes a set off the entry that trains `name` with the most sets (one that trains no other counted group, or
    whose other groups stay above `floor`, first; heavy main lifts last); False when none can give one."""
    options = [(e, i) for s in sessions for i, e in enumerate(s.get("exercises") or [])
               if name in _counted(e) and isinstance(e.get("sets"), int) and e["sets"] > MIN_SETS and is_hard(e)
               and all(counts[g] > floor for g in _counted(e) - {name})]
    if not options:
        return False
    e, _ = max(options, key=lambda o: (o[0]["sets"], len(_counted(o[0])) == 1, not is_heavy(o[0]), o[1]))
    e["sets"] -= 1
    return True


KEEP_GROUPS = {"core", "obliques", "lower_back"}  # trunk and back-extensor work stays


def _drop_one(sessions: list[dict], name: str, counts: dict[str, int], floor: int) -> bool:
    """Drops one hard entry at MIN_SETS that trains `name` where another entry of its session (2+ sets) trains every
    muscle group it does (a second squat on a squat day), leaving 3 or more, one whose movement family the week keeps
    first; never the week's only push, pull, knee-dominant or hinge movement (rule 60's patterns): an accessory
    movement of another family (a clamshell, a hamstring curl) goes before it; False when there is none."""
    return (_drop(sessions, name, counts, floor, True) or _drop(sessions, name, counts, floor, False)
            or _drop(sessions, name, counts, floor, False, accessory=True))


def _drop(sessions: list[dict], name: str, counts: dict[str, int], floor: int, keep: bool,
          accessory: bool = False) -> bool:
    cat = load_catalog()
    for s in reversed(sessions):
        lifts = [e for e in s.get("exercises") or [] if sets_of(e) >= MIN_SETS]
        for e in reversed(lifts[1:]):
            groups = set(e.get("muscle_groups") or [])
            others = set().union(*(set(o.get("muscle_groups") or []) for o in lifts if o is not e))
            extra = accessory and e.get("id") in cat and family(cat[e["id"]]) not in (None, *CORE_FAMILIES)
            if (name in _counted(e) and is_hard(e) and len(lifts) > 3 and (groups <= others or extra)
                    and not groups & KEEP_GROUPS and all(counts[g] > floor for g in _counted(e) - {name})
                    and _family_kept(sessions, e, None if keep else CORE_FAMILIES)):
                s["exercises"].remove(e)
                return True
    return False


def _family_kept(sessions: list[dict], e: dict, only: tuple | None = None) -> bool:
    """Whether the week keeps `e`'s movement family (owned.FAMILY: a hinge, a push...) without it, asked only for the
    families in `only` when given: the week's only hip hinge or row is never the dropped "second exercise"."""
    cat = load_catalog()
    f = family(cat[e["id"]]) if e.get("id") in cat else None
    return f is None or (only is not None and f not in only) or any(o is not e and sets_of(o) >= MIN_SETS and o.get("id") in cat and family(cat[o["id"]]) == f
                            for s in sessions for o in s.get("exercises") or [])


def cap_volume(weeks: list[dict], floor: int = HYPERTROPHY_WEEKLY_SETS) -> None:
    """Rules 53 and 54 in the engine, in place: at most EXERCISE_SET_CAP sets an exercise, then sets taken off the
    best-covered exercises (then a second exercise for the same muscles dropped) until every counted group is at most
    WEEKLY_SET_CAP a week, the other groups kept above `floor` (rule 45's 10 where it applies)."""
    prev: tuple[int, int] | None = None  # the last full week's sets (before, after the caps)
    for w in weeks:
        before, start = _total(w), group_sets(w["sessions"])
        for s in w["sessions"]:
            for e in s["exercises"]:
                if isinstance(e.get("sets"), int) and e["sets"] > EXERCISE_SET_CAP:
                    e["sets"] = EXERCISE_SET_CAP
        for name, n in group_sets(w["sessions"]).items():  # a 6th set cut: another exercise keeps the group's sets
            while n < min(floor, start[name]) and _add_elsewhere(w["sessions"], name, floor):
                n += 1
        counts = group_sets(w["sessions"])
        for name in counts:
            while counts[name] > WEEKLY_SET_CAP and (_trim_one(w["sessions"], name, counts, floor)
                                                     or _drop_one(w["sessions"], name, counts, floor)):
                counts = group_sets(w["sessions"])
        if prev and not w["deload"] and before > prev[0] and _total(w) <= prev[1]:
            _add_elsewhere(w["sessions"])  # the week's added set went to a group under the cap
        prev = (before, _total(w)) if not w["deload"] else None


def _total(w: dict) -> int:
    return sum(sets_of(e) for s in w["sessions"] for e in s["exercises"])


def _add_elsewhere(sessions: list[dict], name: str | None = None, floor: int = 0) -> bool:
    """One more set on the first hard lift whose session still fits: for `name` when given (the cap is applied after
    it), else one whose counted groups all stay within the cap; False when none can take it."""
    counts = group_sets(sessions)
    for s in sessions:
        for e in s.get("exercises") or []:
            groups = _counted(e)
            if (groups and (name is None or name in groups) and isinstance(e.get("sets"), int) and is_hard(e)
                    and MIN_SETS <= e["sets"] < EXERCISE_SET_CAP and (name or all(counts[g] < WEEKLY_SET_CAP for g in groups))):
                e["sets"] += 1
                if _fits(s, e) or name and _swap_in(s, e, name, counts, floor):
                    return True
                e["sets"] -= 1
    return False


def _swap_in(s: dict, e: dict, name: str, counts: dict[str, int], floor: int) -> bool:
    """Room for `e`'s added set: a set off another lift of the session whose groups all stay above `floor`."""
    for o in s.get("exercises") or []:
        if (o is not e and isinstance(o.get("sets"), int) and o["sets"] > MIN_SETS and is_hard(o)
                and name not in _counted(o) and all(counts[g] > floor for g in _counted(o))):
            o["sets"] -= 1
            if _fits(s, e):
                return True
            o["sets"] += 1
    return False


def _fits(s: dict, e: dict) -> bool:
    """Whether the session fits its minutes (rule 37), a heavy set's rest shortened toward 2 minutes if need be."""
    rest = e.get("rest_s")
    for r in [rest] + [x for x in HEAVY_RESTS_S if isinstance(rest, int) and x < rest]:
        e["rest_s"] = r
        if session_seconds(s) <= 60 * float(s.get("minutes") or 0):
            return True
    e["rest_s"] = rest
    return False


def lighter(e: dict) -> None:
    """A lift held at RPE 6-7 (3-4 repetitions in reserve)."""
    lo, hi = e.get("rpe") if isinstance(e.get("rpe"), list) and len(e["rpe"]) == 2 else LIGHTER_RPE
    e["rpe"] = [min(lo, LIGHTER_RPE[0]), min(hi, LIGHTER_RPE[1])]


def spread_session(s: dict, k: int = 0) -> None:
    """One heavy big leg lift a session (rule 55): with a heavy squat and a heavy hinge, the one at heavy repetitions
    stays heavy (otherwise the first in even full weeks `k`, the second in odd ones, so both get their hard weeks) and
    the others go to RPE 6-7."""
    big = [e for e in s.get("exercises") or [] if big_lower(e) and is_heavy(e)]
    if len({big_lower(e) for e in big}) < 2:
        return
    by_reps = [e for e in big if (top_reps(e) or 99) <= HEAVY_REPS]
    first = by_reps[0] if by_reps else big[k % 2 if k % 2 < len(big) else 0]
    for e in big:
        if big_lower(e) != big_lower(first):
            lighter(e)


def spread_heavy_legs(weeks: list[dict]) -> None:
    """Rule 55's first part in the engine, in place, for every session of every week."""
    k = 0
    for w in weeks:
        for s in w["sessions"]:
            spread_session(s, k)
        k += not w["deload"]


def vigorous(s: dict) -> bool:
    """A vigorous aerobic, interval or mixed session (as rules 25 and 50 count them)."""
    return s.get("kind") in AEROBIC_SHARE and (label_of(s) == "vigorous" or
                                               any(e.get("kind") == "hiit" for e in s.get("exercises") or []))


def _same_day(s: dict, where: str) -> list[Violation]:
    """Rule 55: a big leg pair heavy together; an endurance athlete's lifting before the hard run."""
    v = []
    big = {big_lower(e) for e in s.get("exercises") or [] if big_lower(e) and is_heavy(e)}
    if big == {"squat", "hinge"}:
        v.append(Violation(55, f"{where}: a heavy squat and a heavy hip hinge on the same day"))
    return v


def _run_first(s: dict, where: str) -> list[Violation]:
    entries = s.get("exercises") or []
    runs = [i for i, e in enumerate(entries) if e.get("kind") in ("aerobic", "hiit")]
    legs = [i for i, e in enumerate(entries) if isinstance(e.get("sets"), int) and _pattern(e) in LEG_PATTERNS]
    if vigorous(s) and runs and legs and min(legs) < min(runs):
        return [Violation(55, f"{where}: lower-body lifting before the hard run (endurance: the run first)")]
    return []


def _before_hard(weeks: list[dict]) -> list[Violation]:
    """Rule 55: heavy leg lifting the day before a vigorous session or the long run (endurance goal)."""
    timeline: dict[int, tuple[Any, dict, bool]] = {}
    for wi, w in enumerate(weeks):
        lr = long_run(w.get("sessions") or [])
        for s in w.get("sessions") or []:
            if isinstance(s.get("day"), int):
                timeline[wi * 7 + s["day"]] = (w.get("week"), s, s is lr)
    v = []
    for t, (wn, s, _) in sorted(timeline.items()):
        nxt = timeline.get(t + 1)
        if nxt and (vigorous(nxt[1]) or nxt[2]) and any(heavy_legs(e) for e in s.get("exercises") or []):
            what = "the long run" if nxt[2] and not vigorous(nxt[1]) else "a vigorous session"
            v.append(Violation(55, f"week {wn} day {s.get('day')}: heavy leg lifting the day before {what}"))
    return v


def check_trained(weeks: list[dict], b: Bounds) -> list[Violation]:
    """Rules 53-55 (see the module docstring)."""
    v: list[Violation] = []
    for w in weeks:
        sessions = w.get("sessions") or []
        for name, n in group_sets(sessions).items():
            if n > WEEKLY_SET_CAP:
                v.append(Violation(53, f"week {w.get('week')}: {n} sets for the {name} > {WEEKLY_SET_CAP} "
                                       "(kb-hypertrophy-001: about 10-20 a week)"))
        for s in sessions:
            where = f"week {w.get('week')} day {s.get('day')}"
            v += [Violation(54, f"{where}: {e.get('name')} {e['sets']} sets > {EXERCISE_SET_CAP}")
                  for e in s.get("exercises") or [] if sets_of(e) > EXERCISE_SET_CAP]
            v += _same_day(s, where)
            if b.profile.goal == "endurance":
                v += _run_first(s, where)
    if b.profile.goal == "endurance":
        v += _before_hard(weeks)
    return v

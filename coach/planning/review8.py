"""Physician review 8's hard errors, each a general rule (docs/plan-rules.md, "Review 8"): the engine passes and
checks 67-69.

67 Hard sessions and honest labels (kb-endurance-001: "one or two hard sessions a week"; kb-youth-dose-001: vigorous
   activity on 3 days): an endurance plan has at most 2 hard sessions a week (a vigorous label, an interval exercise,
   or a timed block at RPE 7+ that is not strides) and vigorous work of any kind on at most 3 days; and for everyone, a
   session with a timed block at RPE 7 or more states it: its RPE range, or its `peak_rpe`, reaches the block's (the
   label stays its main part's, rule 38).
68 Heavy barbell work (kb-strength-reps-001: spotters or safety bars; kb-rir-003: never to failure on heavy squats or bench presses without a spotter or safety pins;
   kb-periodisation-004: 2-3 minutes between heavy multi-joint sets): a barbell squat or bench press that is heavy
   (RPE 8+ at the top, or 6 repetitions or fewer) is in a session whose notes give the rack / spotter rule; a barbell
   multi-joint set at RPE 8+ rests at least 120 s whatever its repetitions.
69 Injuries (kb-<area>-001): every injury area with a passage puts that passage's pain rule and red flags in the
   plan's safety reasons (cited to it); exercises rule 10 names unsafe for the area (now also a bar across an injured
   shoulder) are left out by the engine (coach.planning.context.Context.allowed).
"""
from __future__ import annotations

from typing import Any

from coach.planning.checks import Bounds, Violation
from coach.planning.context import Context
from coach.planning.injury_notes import COVERED_BY, INJURY_RULES, injury_tag
from coach.planning.measure import exercise_seconds, label_of, session_seconds
from coach.planning.lifters import HYPERTROPHY_WEEKLY_SETS, VOLUME_GROUPS
from coach.planning.rests import MIN_SETS
from coach.planning.rest_floor import HEAVY_REST_S, MULTI_JOINT, rep_range
from coach.i18n import N_
from knowledge.catalog import load_catalog

MAX_HARD = 2  # hard sessions a week for an endurance goal (kb-endurance-001)
MAX_VIGOROUS_DAYS = 3  # days with any vigorous work, strides included (kb-youth-dose-001's 3 days)
VIGOROUS_RPE = 7
CARDIO_KINDS = ("aerobic", "hiit", "mixed")
MODERATE_RPE = (6, 7)  # a barbell lift kept out of heavy sets (its session has no room for 2-minute rests)
HEAVY_RPE = 8  # a barbell set taken to RPE 8+ at the top of its range is heavy, whatever its repetitions
RACK_GEAR = ("gym", "machines")  # equipment that comes with a rack (safety arms or pins)
SAFETY_WORDS = ("safety arm", "safety pin", "spotter", "保护杆", "保护销", "保护者")
RACK_NOTE = N_("Heavy barbell squats and bench presses: set up in a rack with the safety arms or pins just below the "
               "bottom of the lift, or have a spotter; never take them to failure alone.")
NO_RACK_NOTE = N_("Heavy barbell squats and bench presses: you listed no rack. Do them heavy only in a rack with "
                  "safety arms or pins set just below the bottom of the lift, or with a spotter; without one, keep "
                  "2-3 repetitions in reserve, never go to failure, and bench with collars off so a stuck bar can "
                  "be tipped off.")


def _top(rpe: object) -> float:
    return float(rpe[-1]) if isinstance(rpe, list) and rpe and isinstance(rpe[-1], (int, float)) else 0.0


def effort(e: dict, s: dict) -> float:
    """The top of an entry's RPE range, the session's when the entry gives none."""
    return _top(e.get("rpe")) or _top((s.get("intensity") or {}).get("rpe"))


def timed_blocks(s: dict) -> list[dict]:
    """A session's timed cardio blocks at RPE 7+ (intervals, games, strides)."""
    return [e for e in s.get("exercises") or [] if e.get("minutes") and not isinstance(e.get("sets"), int)
            and _top(e.get("rpe")) >= VIGOROUS_RPE]


def is_hard(s: dict) -> bool:
    """An interval or tempo session: an interval exercise, a timed RPE 7+ block that is not strides, or a vigorous
    label on a cardio session without blocks (strides alone inside an easy run are not a hard session)."""
    ex = s.get("exercises") or []
    if s.get("kind") == "hiit" or any(e.get("kind") == "hiit" and not e.get("strides") for e in ex):
        return True
    blocks = timed_blocks(s)
    if blocks:
        return not all(e.get("strides") for e in blocks)
    return label_of(s) == "vigorous" and s.get("kind") in CARDIO_KINDS  # (a heavy lifting day is not one)


def any_vigorous(s: dict) -> bool:
    return label_of(s) == "vigorous" or bool(timed_blocks(s)) or any(
        e.get("kind") == "hiit" for e in s.get("exercises") or [])


def _heavy_multi(e: dict, s: dict) -> bool:
    x = load_catalog().get(str(e.get("id")))
    return (x is not None and x.pattern in MULTI_JOINT and "barbell" in x.equipment
            and isinstance(e.get("sets"), int) and rep_range(e.get("reps")) is not None and effort(e, s) >= HEAVY_RPE)


def needs_rack(e: dict, s: dict) -> bool:
    """A heavy barbell squat or bench press (RPE 8+ at the top, or 6 repetitions or fewer)."""
    x = load_catalog().get(str(e.get("id")))
    if x is None or "barbell" not in x.equipment or not isinstance(e.get("sets"), int):
        return False
    if not (x.pattern == "squat" or x.pattern == "horizontal_push" and "bench" in x.id):
        return False
    r = rep_range(e.get("reps"))
    return effort(e, s) >= HEAVY_RPE or (r is not None and r[1] <= 6)


def barbell_safety(ctx: Context, weeks: list[dict], after: Any = None) -> None:
    """Rule 68 in the engine: heavy multi-joint barbell sets rest >= 120 s, and a session with a heavy
    barbell squat or bench press carries the rack / spotter rule (in place). A lift whose 2-minute rests do not fit
    its session even with every lift at 2 sets, the extras left out and the person's full minutes (rule 37) stays
    at RPE 6-7 in every week (`_cap_unfitting`): moderate sets need no 2-minute rest."""
    rack = bool(set(ctx.p.equipment) & set(RACK_GEAR))
    note = ctx._(RACK_NOTE if rack else NO_RACK_NOTE)
    # the same lift at the same repetitions rests the same in every full week (rule 52): 2 minutes in all of them
    # once it is heavy in one
    heavy = {(e.get("id"), str(e.get("reps"))) for w in weeks if not w["deload"] for s in w["sessions"]
             for e in s["exercises"] if _heavy_multi(e, s)}
    if heavy:
        heavy -= _cap_unfitting(ctx, weeks, heavy)
    for w in weeks:
        for s in w["sessions"]:
            for e in s["exercises"]:
                key = (e.get("id"), str(e.get("reps")))
                if 0 < int(e.get("rest_s") or 0) < HEAVY_REST_S and (
                        _heavy_multi(e, s) or not w["deload"] and key in heavy):
                    _longer(ctx, w, s, e, HEAVY_REST_S)
            if any(needs_rack(e, s) for e in s["exercises"]) and note not in s.get("notes", ""):
                s["notes"] = (s.get("notes", "") + " " + note).strip()
    if heavy and after is not None:  # the 2-minute rests took sets off one week and maybe not the next: rule 63
        after(ctx, weeks)  # (careful.hold_rests, passed in by the engine: careful imports modules importing this one)


def _needs_long_rest(e: dict, s: dict, full: bool, heavy: set) -> bool:
    return 0 < int(e.get("rest_s") or 0) < HEAVY_REST_S and (
        _heavy_multi(e, s) or full and (e.get("id"), str(e.get("reps"))) in heavy)


def _least_seconds(ctx: Context, s: dict, long_rest: list[dict]) -> float:
    """The least time session `s` can take with `long_rest` at 120 s: every lift at 2 sets (or fewer if it has
    fewer), the extras after the main movements (`Context.main_count`) left out unless they rest long."""
    total, lifts = 0.0, 0
    for e in s["exercises"]:
        if not isinstance(e.get("sets"), int):
            total += exercise_seconds(e)
            continue
        lifts += 1
        slow = any(e is x for x in long_rest)
        if lifts > ctx.main_count and not slow:
            continue
        total += exercise_seconds({**e, "sets": min(e["sets"], MIN_SETS), "rest_s": HEAVY_REST_S if slow
                                   else e.get("rest_s")})
    return total


def _cap_unfitting(ctx: Context, weeks: list[dict], heavy: set) -> set:
    """The heavy lifts (id, reps) whose 2-minute rests cannot fit a session of theirs (the last such lift of the
    session first): their sets stay at RPE 6-7 in every week (kb-rir-003: 3-4 in reserve), so rule 68 asks no
    2-minute rest of them."""
    capped: set = set()
    for w in weeks:
        for s in w["sessions"]:
            room = 60.0 * max(float(s.get("minutes") or 0), ctx.p.minutes_per_session)
            slow = [e for e in s["exercises"] if (e.get("id"), str(e.get("reps"))) not in capped
                    and _needs_long_rest(e, s, not w["deload"], heavy)]
            while slow and _least_seconds(ctx, s, slow) > room:
                e = slow.pop()
                capped.add((e.get("id"), str(e.get("reps"))))
    if capped:
        for w in weeks:
            for s in w["sessions"]:
                for e in s["exercises"]:
                    if (e.get("id"), str(e.get("reps"))) in capped and effort(e, s) >= HEAVY_RPE:
                        e["rpe"] = list(MODERATE_RPE)
    return capped


def barbell_tags(weeks: list[dict]) -> list[str]:
    """The passage behind the rack / spotter rule (kb-strength-reps-001: spotters or safety bars), when a session has
    a heavy barbell squat or bench press."""
    return ["plan:barbell-safety"] if any(needs_rack(e, s) for w in weeks for s in w["sessions"]
                                          for e in s["exercises"]) else []


def _group_sets(week: dict) -> dict[str, int]:
    """Sets a week gives each muscle group (an exercise counts for every group it trains, as rule 45 counts)."""
    out: dict[str, int] = {}
    for s in week["sessions"]:
        for x in s["exercises"]:
            for g in x.get("muscle_groups") or []:
                out[g] = out.get(g, 0) + (x["sets"] if isinstance(x.get("sets"), int) else 0)
    return out


def _volume(week: dict, groups: set[str]) -> int:
    """A week's sets for a rule-45 muscle group (an exercise counted once)."""
    return sum(x["sets"] for s in week["sessions"] for x in s["exercises"]
               if isinstance(x.get("sets"), int) and groups & set(x.get("muscle_groups") or []))


def _longer(ctx: Context, week: dict, s: dict, e: dict, rest: int) -> None:
    """e rests `rest` s; the session grows toward the person's session length, then a set of its other lifts (never
    under 2; from the lift whose groups have the most sets that week, rule 45), then of its own, then the extras
    after its main movements (the last first), make the room in its minutes (PLAN_RULES 37)."""
    e["rest_s"] = rest
    while session_seconds(s) > 60 * float(s["minutes"]) and s["minutes"] < ctx.p.minutes_per_session:
        s["minutes"] += 1
    lifts = [x for x in s["exercises"] if isinstance(x.get("sets"), int)]
    for pool in ([x for x in lifts if x is not e], [e]):
        while session_seconds(s) > 60 * float(s.get("minutes") or 0) and any(x["sets"] > MIN_SETS for x in pool):
            have = _group_sets(week)
            spare = [x for x in pool if x["sets"] > MIN_SETS]
            keeps = [x for x in spare if all(_volume(week, groups) > HYPERTROPHY_WEEKLY_SETS
                                             for groups in VOLUME_GROUPS.values()
                                             if groups & set(x.get("muscle_groups") or []))]
            max(keeps or spare, key=lambda x: min((have.get(g, 0) for g in x.get("muscle_groups") or []),
                                                  default=0))["sets"] -= 1
    extras = lifts[ctx.main_count:]  # then the extras after the main movements, the last first (never e)
    while session_seconds(s) > 60 * float(s.get("minutes") or 0) and any(x is not e for x in extras):
        gone = [x for x in extras if x is not e][-1]
        extras.remove(gone)
        s["exercises"] = [x for x in s["exercises"] if x is not gone]


def _hard_and_labels(weeks: list[dict], b: Bounds) -> list[Violation]:
    v = []
    for w in weeks:
        sessions = w.get("sessions") or []
        for s in sessions:
            top = max((_top(e.get("rpe")) for e in timed_blocks(s)), default=0)
            inten = s.get("intensity") or {}
            if top and max(_top(inten.get("rpe")), _top(inten.get("peak_rpe"))) < top:
                v.append(Violation(67, f"week {w.get('week')} day {s.get('day')}: a block at RPE {top:g} in a "
                                       f"session stated as {label_of(s)} RPE {inten.get('rpe')} (no peak_rpe)"))
        if b.profile.goal != "endurance":
            continue
        hard = sum(map(is_hard, sessions))
        if hard > MAX_HARD:
            v.append(Violation(67, f"week {w.get('week')}: {hard} hard sessions (at most {MAX_HARD} for endurance)"))
        days = sum(map(any_vigorous, sessions))
        if days > MAX_VIGOROUS_DAYS:
            v.append(Violation(67, f"week {w.get('week')}: vigorous work on {days} days (at most "
                                   f"{MAX_VIGOROUS_DAYS}, strides included)"))
    return v


def _barbell(weeks: list[dict]) -> list[Violation]:
    v = []
    for w in weeks:
        for s in w.get("sessions") or []:
            where = f"week {w.get('week')} day {s.get('day')}"
            notes = str(s.get("notes") or "").lower()
            for e in s.get("exercises") or []:
                if _heavy_multi(e, s) and 0 < int(e.get("rest_s") or 0) < HEAVY_REST_S:  # (a circuit: rule 52)
                    v.append(Violation(68, f"{where}: {e.get('name')} at RPE {effort(e, s):g} rests "
                                           f"{e.get('rest_s')} s < {HEAVY_REST_S} s"))
            if any(needs_rack(e, s) for e in s.get("exercises") or []) and not any(
                    word in notes for word in SAFETY_WORDS):
                v.append(Violation(68, f"{where}: a heavy barbell squat or bench press without the rack or "
                                       f"spotter rule"))
    return v


def _injuries(plan: dict, b: Bounds) -> list[Violation]:
    if "hard_stop" in b.screening.flags:
        return []
    safety = plan.get("safety") or {}
    cited = {"plan:" + str(c.get("for")) for c in safety.get("reason_citations") or [] if "reason" in c}
    have = {tag for _, tag in b.screening.reason_tags}
    return [Violation(69, f"a {a.replace('_', ' ')} injury: no safety reason gives its passage's pain rule and red "
                          f"flags")
            for a in b.profile.injuries if a in INJURY_RULES and injury_tag(a) not in cited
            and not have & set(COVERED_BY.get(a, ()))]


def check_review8(plan: dict, weeks: list[dict], b: Bounds) -> list[Violation]:
    """Rules 67-69."""
    return _hard_and_labels(weeks, b) + _barbell(weeks) + _injuries(plan, b)

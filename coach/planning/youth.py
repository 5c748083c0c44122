"""Teenagers' vigorous aerobic days (issue 12, physician review 3; WHO 2020, kb-youth-dose-001: an average of 60
minutes a day of moderate-to-vigorous activity, with vigorous aerobic activity on at least 3 days a week).

A healthy teenager (13-17, no condition, symptom or restriction, nothing pending) gets vigorous aerobic work - fast
intervals or an active game - in at least 3 sessions a week (every session with fewer days) from week 2; week 1
stays moderate (PLAN_RULES 5, and a sensible ramp for beginners). The block starts at YOUTH_BLOCK_START minutes and
grows by one minute a full week up to YOUTH_BLOCK_MAX: in a steady cardio session it is carved out of the cardio
(the session's minutes and cardio stay the same), in a resistance session it follows the lifting in the time the
lifting leaves (PLAN_RULES 37). Lighter weeks keep 3 vigorous days with the shortest blocks (review 14); a teenager
already active and trained has the blocks from week 1 (first_week).
"""
from __future__ import annotations

from coach.domain.limits import YOUTH_DAILY_MVPA_MIN
from coach.planning.context import Context, matches
from coach.planning.exercises import Picker
from coach.planning.falls import keep_cardio
from coach.planning.measure import session_seconds
from coach.planning.measure import label_of
from coach.planning.names import moderate_at_most
from coach.planning.sessions import exercise_json
from coach.safety.screening import rank
from coach.planning.review8 import MAX_HARD, MAX_VIGOROUS_DAYS, any_vigorous, is_hard, timed_blocks
from knowledge.catalog import load_catalog

YOUTH_VIGOROUS_DAYS = 3
FIRST_BLOCK_WEEK = 2  # week 1 stays moderate (PLAN_RULES 5)
YOUTH_BLOCK_START, YOUTH_BLOCK_MAX, YOUTH_BLOCK_MIN = 8, 16, 6
HARD_RPE = [7, 8]
STRIDES, STRIDES_MIN = 6, 5  # 6 x 20 s with an easy jog back: about 5 minutes


def applies(ctx: Context) -> bool:
    """A healthy teenager whose plan may reach vigorous effort."""
    p, s = ctx.p, ctx.s
    return (ctx.youth and ctx.cap == "vigorous" and not (p.conditions or p.symptoms or p.injuries)
            and not (s.restricted or s.clearance_required or ctx.bridge or ctx.has("hard_stop")
                     or ctx.has("pregnancy")))


def first_week(ctx: Context) -> int:
    """The first week with vigorous blocks: week 1 for a teenager already active and trained (PLAN_RULES 5 holds
    week 1 moderate only for beginners and inactive people; review 14: an active 15-year-old swimmer had one hard
    day in week 1), else FIRST_BLOCK_WEEK."""
    return 1 if not ctx.p.is_beginner_or_inactive else FIRST_BLOCK_WEEK


def _steady(s: dict) -> list[dict]:
    return [e for e in s["exercises"] if e.get("kind") == "aerobic" and e.get("minutes") and not e.get("sets")]


def _room(s: dict) -> int:
    """Whole minutes a session has for the block: its steady cardio's minutes beyond 10 easy ones to warm up and cool
    down (5 in a mixed session; the block replaces them, so the session's cardio stays), or else what its work
    leaves."""
    steady = _steady(s)
    if steady:  # a mixed session's cardio is the warm-up before the lifting: 5 easy minutes there
        return max(0, int(steady[0]["minutes"]) - (10 if s["kind"] == "aerobic" else 5))
    return max(0, int((60 * s["minutes"] - session_seconds(s)) // 60))


EASED_WEEKS = 2  # full weeks a teenager's step up to vigorous waits, the lifts going up one RPE point meanwhile


def ease_step(ctx: Context, weeks: list[dict]) -> None:
    """Teenagers (kb-youth-strength-003: small, gradual steps): the full week whose sessions would step up to vigorous,
    and the next, keep the last week's effort with the lifts one RPE point higher (5-6 -> 6-7); the step to vigorous
    (RPE 7-8, harder cardio) comes EASED_WEEKS later (in place)."""
    if not ctx.youth or ctx.bridge:
        return
    full = [w for w in weeks if not w["deload"]]
    at = next((i for i in range(1, len(full)) if max(map(_rank, full[i]["sessions"]), default=0)
               > max(map(_rank, full[i - 1]["sessions"]), default=0) and
               any(label_of(s) == "vigorous" for s in full[i]["sessions"])), None)
    if at is None:
        return
    # the delayed step must not land on a week whose minutes or sets rise too (PLAN_RULES 39: one change at a time)
    n = next((k for k in range(EASED_WEEKS, 0, -1) if at + k >= len(full) or not _grows(full[at + k - 1],
                                                                                       full[at + k])), 0)
    base = {s["day"]: s for s in full[at - 1]["sessions"]}
    for w in full[at:at + n]:
        for s in w["sessions"]:
            b = base.get(s["day"])
            if b is not None and _rank(s) > _rank(b):
                _ease(ctx, s, b)


def cardio_day_cap(ctx: Context) -> int | None:
    """The longest a teenager's cardio-only day may be, None when there is no such ceiling: for muscle gain, WHO's
    average of 60 minutes of activity a day (kb-youth-dose-001), with the muscle-strengthening days (3 a week,
    kb-youth-dose-001; 2-3 non-consecutive, kb-youth-strength-003) carrying the goal. Longer cardio adds nothing the
    youth passages ask for and eats recovery (kb-concurrent-001: cardio beside lifting kept moderate and fairly
    short); the time asked for beyond it is left free."""
    return YOUTH_DAILY_MVPA_MIN if ctx.youth and ctx.p.goal == "muscle_gain" else None


def cap_cardio_days(ctx: Context, weeks: list[dict]) -> None:
    """Cardio-only sessions longer than cardio_day_cap end there, their steady cardio shortened by the difference (in
    place). Every week is held to the same ceiling, so a day's cardio never falls from one full week to the next
    (PLAN_RULES 36); the lifting days, which carry a muscle-gain plan's load (rule 29), are left as they are. Runs
    before the vigorous blocks, which are then carved out of the capped cardio."""
    cap = cardio_day_cap(ctx)
    if cap is None:
        return
    for w in weeks:
        for s in w["sessions"]:
            over = int(s["minutes"]) - cap
            steady = _steady(s)
            if s["kind"] != "aerobic" or over <= 0 or sum(int(e["minutes"]) for e in steady) - over < cap // 2:
                continue
            for e in steady:
                cut = min(over, int(e["minutes"]) - 1)
                e["minutes"], over = int(e["minutes"]) - cut, over - cut
            s["minutes"] = cap
    keep_cardio(weeks)  # the capped days' balance blocks kept growing with the uncapped minutes: not from the cardio


def _grows(prev: dict, w: dict) -> bool:
    """Whether any session of `w` is longer or has more sets an exercise than the same day of `prev`."""
    before = {s["day"]: s for s in prev["sessions"]}
    return any(s["day"] in before and (s["minutes"] > before[s["day"]]["minutes"] or _sets(s) > _sets(before[s["day"]]))
               for s in w["sessions"])


def _sets(s: dict) -> int:
    return max((e["sets"] for e in s["exercises"] if isinstance(e.get("sets"), int)), default=0)


def _rank(s: dict) -> int:
    return rank(label_of(s))


def _ease(ctx: Context, s: dict, before: dict) -> None:
    old, new = s["intensity"], {k: list(v) if isinstance(v, list) else v for k, v in before["intensity"].items()}
    hi = int(new["rpe"][1])
    eased = False
    for e in s["exercises"]:
        if isinstance(e.get("sets"), int) and e.get("rpe") == old["rpe"]:
            e["rpe"], eased = [hi, hi + 1], True
    if eased:  # the session's stated effort is its lifts' (RPE 6-7: still moderate by kb-rpe-001), not last week's
        new["rpe"] = [hi, hi + 1]
    if old.get("hr_bpm"):
        zone = "Heart-rate zone {lo}-{hi} bpm ({plo}-{phi}% of heart-rate reserve)."
        was = ctx._(zone, lo=old["hr_bpm"][0], hi=old["hr_bpm"][1], plo=old["pct_hrr"][0], phi=old["pct_hrr"][1])
        now = ctx._(zone, lo=new["hr_bpm"][0], hi=new["hr_bpm"][1], plo=new["pct_hrr"][0],
                    phi=new["pct_hrr"][1]) if new.get("hr_bpm") else ""
        s["notes"] = " ".join(s["notes"].replace(was, now).split())
    s["intensity"] = new


def vigorous_days(ctx: Context, weeks: list[dict]) -> None:
    """Adds a vigorous interval or game block to 3 sessions of every full week from week 2 (in place); first eases a
    teenager's step up to vigorous (ease_step); last, an endurance plan keeps vigorous work to 3 days a week
    (cap_vigorous_days). A teenager's muscle-gain cardio days are first held to the daily hour (cap_cardio_days)."""
    cap_cardio_days(ctx, weeks)
    ease_step(ctx, weeks)
    if applies(ctx):
        _blocks(ctx, weeks)
    cap_vigorous_days(ctx, weeks)


def _blocks(ctx: Context, weeks: list[dict]) -> None:
    picker = Picker(ctx)
    pick = _running(ctx) or picker.cardio(vigorous=True)  # cardio that can reach vigorous, done as intervals
    if pick is None or moderate_at_most(pick.id):
        pick = picker.intervals()
    if pick is None:
        return
    same = {e.id.split("_")[0]: e for e in picker._candidates(kind="hiit", low_impact=ctx.low_impact)
            if e.measure == "minutes" and not e.muscle_groups}
    full = [w for w in weeks if w["week"] >= first_week(ctx) and not w["deload"]]
    room = [{s["day"]: _room(s) for s in w["sessions"]} for w in full]
    # the least room a day has from each week on: blocks sized by it never shrink (PLAN_RULES 36)
    ahead: list[dict[int, int]] = [{} for _ in full]
    for i in range(len(full) - 1, -1, -1):
        nxt = ahead[i + 1] if i + 1 < len(full) else {}
        ahead[i] = {d: min(r, nxt.get(d, r)) for d, r in room[i].items()}
    kinds = {s["day"]: s["kind"] for w in full for s in w["sessions"]}
    days = sorted(kinds, key=lambda d: (kinds[d] != "aerobic", -min(r.get(d, 0) for r in room), d))
    for i, w in enumerate(full):
        want = min(YOUTH_BLOCK_MAX, YOUTH_BLOCK_START + i)
        fits = [d for d in days if ahead[i].get(d, 0) >= YOUTH_BLOCK_MIN]
        hard = YOUTH_VIGOROUS_DAYS
        if ctx.p.goal == "endurance":  # kb-endurance-001: one or two hard sessions; WHO's third day as strides
            vigorous = {s["day"] for s in w["sessions"] if any_vigorous(s)}
            fits = [d for d in fits if d not in vigorous][:max(0, YOUTH_VIGOROUS_DAYS - len(vigorous))]
            hard = max(0, MAX_HARD - sum(map(is_hard, w["sessions"])))
        for s in w["sessions"]:
            ex = _block_exercise(s, same, pick) if s["day"] in fits[:YOUTH_VIGOROUS_DAYS] else None
            if ex is not None and fits.index(s["day"]) >= hard:
                _add_strides(ctx, s, ex)
            elif ex is not None:
                _add_block(ctx, s, ex, min(want, ahead[i][s["day"]]))
    for w in weeks:
        if w["deload"] and w["week"] >= first_week(ctx):
            _light_week_blocks(ctx, w, days, same, pick)


def _light_week_blocks(ctx: Context, w: dict, days: list[int], same: dict, pick) -> None:
    """A lighter week keeps WHO's vigorous activity on 3 days a week (kb-youth-dose-001; review 14), each block at
    its shortest (YOUTH_BLOCK_MIN minutes), carved from the session's cardio or in the time its work leaves."""
    need = YOUTH_VIGOROUS_DAYS - sum(map(any_vigorous, w["sessions"]))
    # an endurance week's hard sessions stay at MAX_HARD (kb-endurance-001): the other days get strides
    hard = MAX_HARD - sum(map(is_hard, w["sessions"])) if ctx.p.goal == "endurance" else need
    by_day = {s["day"]: s for s in w["sessions"]}
    for d in [d for d in days if d in by_day] + sorted(set(by_day) - set(days)):
        s = by_day[d]
        if need <= 0:
            return
        ex = _block_exercise(s, same, pick) if not any_vigorous(s) and _room(s) >= YOUTH_BLOCK_MIN else None
        if ex is not None and hard > 0:
            _add_block(ctx, s, ex, YOUTH_BLOCK_MIN)
            need, hard = need - 1, hard - 1
        elif ex is not None and _steady(s):
            _add_strides(ctx, s, ex)
            need -= 1


LIFTING_EASED_RPE = [6, 7]  # still moderate by kb-rpe-001, like ease_step's eased lifts


def cap_vigorous_days(ctx: Context, weeks: list[dict]) -> None:
    """PLAN_RULES 67 (kb-endurance-001, kb-youth-dose-001): an endurance plan has vigorous work on at most 3 days a
    week; where lifting days labelled vigorous (RPE 7-8) make a fourth, the surplus ones, from the last back, ease to
    RPE 6-7 (the interval and strides days keep their work), in place."""
    if ctx.p.goal != "endurance":
        return
    for w in weeks:
        extra = sum(map(any_vigorous, w["sessions"])) - MAX_VIGOROUS_DAYS
        for s in reversed(w["sessions"]):
            if extra <= 0:
                break
            if s["kind"] == "strength" and label_of(s) == "vigorous" and not is_hard(s) and not timed_blocks(s) \
                    and all(e.get("kind") != "hiit" for e in s["exercises"]):
                old = s["intensity"]["rpe"]
                for e in s["exercises"]:
                    if isinstance(e.get("sets"), int) and e.get("rpe") == old:
                        e["rpe"] = list(LIFTING_EASED_RPE)
                s["intensity"] = {**s["intensity"], "label": "moderate", "rpe": list(LIFTING_EASED_RPE)}
                extra -= 1


def _running(ctx: Context):
    """Running (shuttles, sprints, tag: what teenagers' games are made of) unless excluded or disliked."""
    run = load_catalog().get("running")
    return run if run is not None and ctx.allowed(run) and not matches(run, ctx.dislikes) else None


def _block_exercise(s: dict, same: dict, pick):
    """The interval exercise on the session's own machine or activity (hard bouts on the bike of a bike ride, not
    walking, which stays moderate), else the plan's interval pick."""
    steady = _steady(s)
    if not steady:
        return pick
    first = str(steady[0]["id"])
    if moderate_at_most(first):  # walking-class cardio (shadow boxing too) stays moderate beside its own intervals
        return pick if pick.kind == "aerobic" else None
    if first.split("_")[0] in same:
        return same[first.split("_")[0]]
    own = load_catalog().get(first)
    if own is not None:
        return own
    # intervals of another kind beside walking would label a walk vigorous (PLAN_RULES 38): none there
    return pick if pick.kind == "aerobic" else None


def _add_block(ctx: Context, s: dict, pick, block: int) -> None:
    steady = _steady(s)
    if steady:
        steady[0]["minutes"] -= block
    rounds = max(3, block // 2)
    s["exercises"].append(exercise_json(
        pick, ctx, minutes=block, rpe=list(HARD_RPE),
        intervals=ctx._("{n} x 30 s fast / 90 s easy", n=rounds)))
    says_vigorous(s)
    s["notes"] = (s.get("notes", "") + " " + ctx._(
        "Vigorous part: {m} minutes of fast intervals (or an active game such as football or tag), hard enough that "
        "you can only say a few words (RPE 7-8).", m=block)).strip()


def says_vigorous(s: dict) -> None:
    """The session's stated effort covers its vigorous block (PLAN_RULES 67): the session keeps the label of its main
    part (rule 38) and states the block's effort as its peak."""
    s["intensity"]["peak_rpe"] = list(HARD_RPE)


def _add_strides(ctx: Context, s: dict, pick) -> None:
    """WHO's third vigorous day in an endurance week that already has its hard sessions: a few short strides near the
    end of the easy cardio (the cardio's minutes stay the same), not a third interval session."""
    steady = _steady(s)
    if not steady:
        return
    steady[0]["minutes"] -= STRIDES_MIN
    s["exercises"].append(exercise_json(
        pick, ctx, minutes=STRIDES_MIN, rpe=list(HARD_RPE), strides=True,
        intervals=ctx._("{n} x 20 s strides (quick bursts), easy in between", n=STRIDES)))
    s["notes"] = (s.get("notes", "") + " " + ctx._(
        "Strides: near the end of the easy part, {n} quick, relaxed bursts of about 20 seconds (fast but not "
        "all-out), easy in between; the rest of the session stays easy.", n=STRIDES)).strip()
    says_vigorous(s)


def first_block_week(weeks: list[dict]) -> int | None:
    """The first week whose sessions carry a vigorous interval or game block, None when none does."""
    return next((w["week"] for w in weeks for s in w["sessions"] for e in s["exercises"]
                 if e.get("rpe") == HARD_RPE and e.get("intervals")), None)


def _capped_sentence(ctx: Context, weeks: list[dict]) -> str:
    """Why a teenager's cardio days stop at the daily hour (cap_cardio_days), when the plan's weeks reach it."""
    cap = cardio_day_cap(ctx)
    if not cap or ctx.p.minutes_per_session <= cap or not any(
            s["kind"] == "aerobic" and s["minutes"] == cap for w in weeks for s in w["sessions"]):
        return ""
    return ctx._("Cardio days stop at {m} minutes: WHO asks teenagers for an average of an hour of activity a day, and "
                 "for building muscle the strength days matter more, so the rest of the time is for recovery, sport "
                 "or play rather than more cardio.", m=cap)


def rationale_sentence(ctx: Context, weeks: list[dict]) -> str:
    """How many days of the last full week carry vigorous work, and how many minutes (counted as they are); before
    it, why the cardio days stop at the daily hour, when they do."""
    capped = _capped_sentence(ctx, weeks)
    last = next((w for w in reversed(weeks) if not w["deload"]), None)
    blocks = [e["minutes"] for s in last["sessions"] for e in s["exercises"]
              if e.get("rpe") == HARD_RPE and e.get("intervals")] if last is not None and applies(ctx) else []
    if not blocks:
        return capped
    if first_week(ctx) == 1:  # an active, trained teenager: every week, the lighter ones with short blocks
        days = sum(1 for s in last["sessions"] if any_vigorous(s) or (s["intensity"].get("peak_rpe") == HARD_RPE))
        vigorous = ctx._("Every week, {d} sessions include vigorous intervals or games (or strides; shorter blocks in "
                         "the lighter weeks), as WHO asks teenagers for vigorous activity on at least 3 days a week.",
                         d=days)
        return f"{capped} {vigorous}".strip()
    vigorous = ctx._("From week 2, {d} sessions a week include vigorous intervals or games (about {m} minutes in week "
                     "{k}), as WHO asks teenagers for vigorous activity on at least 3 days a week.",
                     d=len(blocks), m=sum(blocks), k=last["week"])
    return f"{capped} {vigorous}".strip()

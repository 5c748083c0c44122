"""A frail person's short resistance session keeps its rests (physician review 11).

Frailty (80 or older, frailty, a fall in the last year or a walking aid; Vivifrail, ICFSR 2019, kb-falls-001): the
chair-based programme rests between sets (30 s for chair stands and light pushes and pulls, 60 s once a chair stand
carries a weight, coach.planning.rest_floor). A reviewer found a 78-year-old with a walking aid and orthostatic
hypotension on 20-minute sessions doing weighted sit-to-stands as a circuit with no rests: getting up and down again
and again without a pause is what orthostatic hypotension and a fall risk forbid (kb-beta-blockers-001: get up slowly
from a chair, sit down if light-headed). Instead of the circuit (everyone else's last resort, coach.planning.rests):

1. the session's easy walk is its warm-up and gives its minutes first (sessions._cardio_first, down to 2 minutes);
2. the main lifts beyond a chair stand, a push and a pull (hip work, back extensors) rotate: each session keeps the
   ones its turn in the week puts first, as many as fit; one that trains an area the session's core lifts leave
   out (a hip lift beside a leg extension, as a lower back injury may choose) is kept first and may take the balance
   blocks' minutes above 2, so that area is still trained on >= 2 days (rule 23; the home add-on keeps rule 44's
   balance floor);
3. with 3 or more resistance sessions a week, the chair stand, push and pull rotate too (one of them rests on a
   session's turn, so each is still trained on >= 2 days, rule 23);
4. back-extensor work comes first among the rotating lifts on a week's first session (fragile bones: every week,
   rule 32), in place of that session's pull when both do not fit (it trains the upper back too, rule 23); the
   balance blocks give their minutes above 2 (sessions._trim) before any of the core three goes;
5. still the circuit: a session too short for a chair stand, a push and a pull with their rests (about 10 minutes
   with a walk and two balance blocks) on fewer than 3 resistance days a week (rules 7 and 23 need all three), and
   while clearance is pending (week 1's exercises every week, rule 33).
"""
from __future__ import annotations

from coach.planning.context import Context, Slot
from coach.planning.falls import BALANCE_BLOCK_MIN
from coach.planning.names import FREQUENCY_AREAS
from coach.planning.rests import circuit, fit, total
from knowledge.catalog import load_catalog

CORE_REGIONS = ("lower", "push", "pull")  # a chair stand (or step-up), a push and a pull: rule 23's groups
DAYS_KEY = "resistance_days"


def note_days(ctx: Context, slots: list[Slot], kinds: tuple[str, ...]) -> None:
    """Remember the week's resistance days (their order gives each session its turn)."""
    ctx.memo[DAYS_KEY] = [s.day for s in slots if s.kind in kinds]


def fit_lifts(ctx: Context, slot: Slot, out: list[dict], seconds: float, keep: int, extra_min: int = 0) -> list[dict]:
    """The resistance entries fitted to `seconds`: rests.fit, then for frail people fewer main lifts by turn (see the
    module's docstring), for everyone else a circuit as the last resort. `extra_min` are the session's balance and
    mobility add-on minutes: what lies above 2 minutes a balance block may go to the lifts (sessions._trim)."""
    out = fit(out, seconds, keep)
    if not ctx.frail or ctx.bridge or total(out) <= seconds:  # (pending clearance: week 1's exercises, rule 33)
        return circuit(out, seconds)
    spare = seconds + 60 * max(0, extra_min - BALANCE_BLOCK_MIN * len(slot.balance))
    days = ctx.memo.get(DAYS_KEY) or [slot.day]
    turn = days.index(slot.day) if slot.day in days else 0
    core = _core(out)
    extras = sorted((i for i in range(len(out)) if i not in core), key=lambda i: not _back(out[i]))
    k = turn % max(1, len(extras))
    extras = extras[k:] + extras[:k]  # this session's turn first
    needed = _needed(out, core, extras)
    extras = needed + [i for i in extras if i not in needed]  # the last to go
    kept = list(range(len(out)))
    while extras and (_over(out, kept, spare) or _over(out, kept, seconds) and extras[-1] not in needed):
        kept.remove(extras.pop())  # (an area only an extra trains here may take the balance minutes above 2)
    if _over(out, kept, spare) and len(days) >= 3 and len(core) == len(CORE_REGIONS):
        kept.remove(core[(len(core) - 1 - turn) % len(core)])  # each of the three rests on one session in three
    if turn == 0 and ctx.has("osteoporosis") and not any(_back(out[i]) for i in kept):
        back = [i for i in range(len(out)) if _back(out[i])]  # back-extensor work every week (rule 32)
        pull = [i for i in core if _region(out[i]) == "pull"]
        for instead in ([], pull) if back else ():  # beside the pull, or in its place (it trains the upper back)
            trial = sorted(set(kept + back[:1]) - set(instead))
            if not _over(out, trial, spare):
                kept = trial
                break
    if _over(out, kept, spare) or (turn == 0 and ctx.has("osteoporosis") and not any(_back(out[i]) for i in kept)
                                   and any(_back(e) for e in out)):
        return circuit(out, seconds)  # too short for a chair stand, a push and a pull with rests (~10 minutes)
    return [out[i] for i in kept]


def _over(out: list[dict], kept: list[int], seconds: float) -> bool:
    return total([out[i] for i in kept]) > seconds


def _areas(e: dict) -> set[str]:
    """Rule 23's areas (quadriceps, hips/hamstrings, push, pull) the entry trains."""
    groups = set(e.get("muscle_groups") or ())
    return {a for a, members in FREQUENCY_AREAS.items() if groups & members}


def _needed(out: list[dict], core: list[int], extras: list[int]) -> list[int]:
    """The extras (in their turn's order) that train an area the core lifts leave out, one for each such area (a hip
    lift beside a leg extension: hips on >= 2 days, rule 23)."""
    covered = set().union(*(_areas(out[i]) for i in core))
    first = []
    for i in extras:
        if _areas(out[i]) - covered:
            first.append(i)
            covered |= _areas(out[i])
    return first


def _region(e: dict) -> str | None:
    c = load_catalog().get(str(e.get("id")))
    return c.region if c is not None else None


def _core(out: list[dict]) -> list[int]:
    """Indexes of the first chair stand (lower body), push and pull among the entries."""
    found: dict[str, int] = {}
    for i, e in enumerate(out):
        region = _region(e)
        if region in CORE_REGIONS and region not in found:
            found[region] = i
    return sorted(found.values())


def _back(e: dict) -> bool:
    c = load_catalog().get(str(e.get("id")))
    return c is not None and c.pattern == "trunk_extension"

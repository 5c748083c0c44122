"""Exercise choice over the catalog: safe, available, level-appropriate and varied exercises for each slot."""
from __future__ import annotations

import itertools
import math

from coach.planning.antenatal_choice import pregnancy_excluded, pregnancy_score
from coach.planning.context import BALANCE_FIRST, Context, Slot, matches
from coach.planning.ladders import (LADDER_ONLY, block_exercise, block_reps, ladder_for,  # noqa: F401 (sessions)
                                    pregnancy_avoid)
from coach.planning.lifters import hypertrophy_volume, is_lifter
from coach.planning.owned import face_down_copd, use_owned
from coach.planning.joint_replacement import rom_first, rom_for
from coach.planning.names import FREQUENCY_AREAS, moderate_at_most, name_implies
from coach.planning.cardio_place import dry_slot, liked_above, place_items, place_rank
from coach.safety.screening import rank
from coach.planning.schedule import strength_scheme
from coach.planning.template import RESISTANCE, adjacent, strength_minutes
from knowledge.catalog import EQUIPMENT as EQUIPMENT_ALL
from knowledge.catalog import Exercise, options

EXEMPT_GROUPS = {"core", "calves"}  # may be trained on consecutive days
CARDIO_GEAR = {"bike", "treadmill", "pool"}
# activities that need trails or hills: the profile does not say where the person lives or trains, so they are
# offered only to people who name them (or the outdoors) among their likes
OUTDOOR_ONLY = ("hiking",)
OUTDOOR_LIKES = ("hike", "hiking", "outdoor", "trail", "mountain", "hill")
PRESS_GEAR = {"dumbbells", "barbell"}  # a loaded horizontal press (bench press, dumbbell bench press)
# heavy hip hinges (deadlifts and their variants) at most twice a week with 48 h between (NSCA: the slowest-recovering
# lifts); the other lower-body days train the hips and hamstrings by bridges, hip thrusts and leg curls
HINGE_DAYS = 2

# Slot recipes: (region, preferred patterns in order). Full-body A/B alternate; splits when days are adjacent.
RECIPES: dict[str, list[tuple[str, tuple[str, ...]]]] = {
    "full_a": [("lower", ("squat", "lunge", "knee_extension")), ("push", ("horizontal_push", "vertical_push")),
               ("pull", ("horizontal_pull", "vertical_pull", "rear_delt")), ("lower", ("hinge", "bridge", "knee_flexion")),
               ("core", ("anti_extension", "anti_rotation", "anti_lateral_flexion")),
               ("push", ("vertical_push", "chest_fly", "triceps")), ("pull", ("vertical_pull", "rear_delt", "biceps")),
               ("lower", ("calf", "lunge", "hip_abduction"))],
    "full_b": [("lower", ("hinge", "bridge", "knee_flexion")), ("pull", ("vertical_pull", "horizontal_pull", "rear_delt")),
               ("push", ("vertical_push", "horizontal_push")), ("lower", ("lunge", "squat", "knee_extension")),
               ("core", ("anti_rotation", "anti_lateral_flexion", "anti_extension")),
               ("pull", ("horizontal_pull", "biceps", "scapular")), ("push", ("horizontal_push", "triceps")),
               ("lower", ("hip_abduction", "calf", "knee_flexion"))],
    "lower": [("lower", ("squat", "lunge", "knee_extension")), ("lower", ("hinge", "bridge", "knee_flexion")),
              ("lower", ("lunge", "squat", "bridge")), ("core", ("anti_extension", "anti_rotation")),
              ("lower", ("calf", "hip_abduction", "knee_extension")), ("lower", ("knee_flexion", "hip_adduction", "bridge")),
              ("core", ("anti_lateral_flexion", "anti_rotation", "trunk_extension"))],
    "upper": [("push", ("horizontal_push", "vertical_push")), ("pull", ("horizontal_pull", "vertical_pull")),
              ("push", ("vertical_push", "chest_fly", "horizontal_push")), ("pull", ("vertical_pull", "rear_delt", "horizontal_pull")),
              ("core", ("anti_rotation", "anti_extension", "anti_lateral_flexion")),
              ("pull", ("biceps", "rear_delt", "scapular")), ("push", ("triceps", "chest_fly"))],
}
# frailty (Vivifrail, ICFSR 2019): standing up from a chair on every resistance day, a push and a pull, then calves
# or hips; nothing on the floor (Context.allowed)
FRAIL_RECIPE: list[tuple[str, tuple[str, ...]]] = [
    ("lower", ("squat", "knee_extension")), ("push", ("horizontal_push", "vertical_push")),
    ("pull", ("horizontal_pull", "vertical_pull", "rear_delt")), ("lower", ("hip_abduction", "calf", "knee_extension"))]
# steady cardio, most broadly useful first (indoor fallbacks such as marching last)
CARDIO_ORDER = ("brisk_walking", "outdoor_bike", "stationary_bike", "elliptical", "rowing_machine", "breaststroke",
                "freestyle", "treadmill_incline", "treadmill_walk", "jogging", "running", "power_walk", "walking",
                "water_walking", "recumbent_bike", "dancing", "hiking", "stair_climb", "water_aerobics",
                "shadow_boxing")


class Picker:
    """Chooses catalog exercises for the user: safe, available, level-appropriate, varied."""

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self.used: dict[str, int] = {}
        self.has_gear = bool(ctx.equipment - CARDIO_GEAR)
        self.usable = set(EQUIPMENT_ALL) if "gym" in ctx.equipment else set(ctx.equipment)
        self._memo: dict[tuple, list[Exercise]] = {}

    def _candidates(self, *, region: str | None = None, kind: str | None = None, low_impact: bool = False) -> list[Exercise]:
        c = self.ctx
        key = (region, kind, low_impact)
        if key not in self._memo:  # the same filters are asked for again and again while filling a week
            items = options(c.equipment, c.injuries, region=region, kind=kind, max_level=c.level,
                            low_impact_only=low_impact)
            self._memo[key] = [e for e in items if not matches(e, c.dislikes)
                               and not (name_implies(e.name.en) - self.usable) and c.allowed(e)
                               and self._reachable(e) and not face_down_copd(c, e)]
        return self._memo[key]

    def _reachable(self, e: Exercise) -> bool:
        """Hiking only for people who like it or the outdoors (OUTDOOR_ONLY); pregnancy's exclusions (ladders)."""
        c = self.ctx
        outdoor = not e.id.startswith(OUTDOOR_ONLY) or matches(e, c.likes) or any(w in OUTDOOR_LIKES for w in c.likes)
        return outdoor and not pregnancy_avoid(c, e) and not pregnancy_excluded(c, e)

    def _use(self, e: Exercise) -> None:
        self.used[e.id] = self.used.get(e.id, 0) + 1

    def _strength_score(self, e: Exercise, patterns: tuple[str, ...]) -> float:
        score = (patterns.index(e.pattern) * 10) if e.pattern in patterns else 40
        if self.has_gear and not e.equipment:
            score += 7  # loadable work first when the user owns equipment (outweighs two repeats of the loaded pick)
        if self.has_gear and e.equipment == ["bands"] and self.ctx.equipment - {"bands"} - CARDIO_GEAR:
            score += 2  # free weights and machines before bands when both are there
        if self.ctx.level == "advanced" and e.level == "beginner":
            score += 2
        if self.ctx.level == "intermediate" and e.level == "beginner":
            score += 1
        if self._press_regression(e):
            score += 20  # trained lifters (and teenagers in a gym) press a load, not a push-up variant
        if self.ctx.has("high_bmi"):  # BMI >= 35 (kb-obesity-003): machines, seated or supported standing work;
            score += 25 if self._floor_or_one_leg(e) else 0  # no floor, no one leg
            score -= 3 if "machines" in e.equipment and e.region != "core" else 0
        if ("knee" in self.ctx.injuries or self.ctx.has("high_bmi")) and e.id in ("box_squat", "sit_to_stand"):
            score -= 0.5  # a painful knee squats to a chair or box (kb-knee-005), then lower and loaded (advice.py)
        if self.ctx.low_impact and e.impact == "high" and not self._landing_drill(e):
            score += 50
        return score + pregnancy_score(self.ctx, e) + 3 * self.used.get(e.id, 0)  # pregnancy: antenatal_choice

    def _press_regression(self, e: Exercise) -> bool:
        """A body-weight horizontal push (push-up and its regressions) for someone who should press a load: not a
        beginner, or a teenager with a gym, with dumbbells or a barbell at hand and a loaded press allowed."""
        c = self.ctx
        if e.pattern != "horizontal_push" or set(e.equipment) - {"bench"}:
            return False
        if not (self.usable & PRESS_GEAR) or not (c.level != "beginner" or (c.youth and "gym" in c.equipment)):
            return False
        return any(x.pattern == "horizontal_push" and set(x.equipment) & PRESS_GEAR and not self._floor_or_one_leg(x)
                   for x in self._candidates(region=e.region, kind="strength"))

    def _floor_or_one_leg(self, e: Exercise) -> bool:
        """BMI >= 35 (kb-obesity-003): work lying down or on one leg comes last (a floor press is not the loaded
        press such a lifter gets, so a wall push-up is no regression from it)."""
        return self.ctx.has("high_bmi") and (e.lying is not None or (e.region == "lower" and e.per_side))

    def _landing_drill(self, e: Exercise) -> bool:
        """Teenagers learn to land (small hops, kb-youth-strength-003) unless weight or an injury rules impact out."""
        c = self.ctx
        return c.youth and e.pattern == "jump" and not c.s.flags & {"high_bmi"} and not c.injuries

    def strength(self, region: str, patterns: tuple[str, ...], taken: set[str], forbidden: set[str]) -> Exercise | None:
        """The best-scoring resistance exercise for a region, avoiding muscles loaded the day before or after."""
        best, best_score = None, math.inf
        for e in self._candidates(region=region, kind="strength"):
            if e.id in taken or e.id in LADDER_ONLY or (set(e.muscle_groups) - EXEMPT_GROUPS) & forbidden:
                continue
            if e.measure == "minutes":
                continue
            score = self._strength_score(e, patterns)
            if score < best_score:
                best, best_score = e, score
        if best is not None:
            self._use(best)
        return best

    def cardio(self, *, vigorous: bool = False, nth: int = 0, label: str = "moderate", dry: bool = False) -> Exercise | None:
        """Steady cardio: liked, then using the user's gear, then low impact; alternates the top two.

        Brisk walking is moderate (about 4.3 METs, kb-mets-001): light sessions walk at an easy pace instead.
        """
        c = self.ctx
        items = self._candidates(kind="aerobic", low_impact=c.low_impact)
        if not items:
            items = self._candidates(kind="aerobic", low_impact=True)
        items = place_items(c, items, self._reachable, dry)  # a session in one place; liked swims (cardio_place)
        if vigorous:  # walking of any kind stays moderate (names.moderate_at_most)
            items = [e for e in items if not moderate_at_most(e.id)] or items
        if not items:
            return None
        gear = c.equipment | ((CARDIO_GEAR | {"machines"}) if "gym" in c.equipment else set())

        def score(e: Exercise) -> tuple:
            liked = matches(e, c.likes) or (c.keeps_running and matches(e, ("run", "jog")))
            uses_gear = bool(set(e.equipment) & gear)
            order = next((i for i, key in enumerate(CARDIO_ORDER) if e.id.startswith(key)), len(CARDIO_ORDER))
            too_hard = (label == "light" or c.frail) and e.id.startswith(("brisk", "power", "jog", "run", "stair",
                                                                             "treadmill_inc"))
            return (too_hard, *place_rank(c, e.id), 0 if liked else 1, 0 if uses_gear else 1,
                    0 if e.impact == "low" else 1, order)  # place_rank: seated bike, drills, easy walking

        ranked = sorted(items, key=score)
        pick = ranked[0 if c.frail else nth % min(len(ranked), 2)]
        self._use(pick)
        return pick

    def intervals(self) -> Exercise | None:
        """A cyclic interval exercise (timed, no sets) for a HIIT session, else None."""
        c = self.ctx
        items = [e for e in self._candidates(kind="hiit", low_impact=c.low_impact)
                 + liked_above(c, [], self._reachable, kind="hiit")  # a liked sport's intervals (swimming, review 14)
                 if e.measure == "minutes" and not e.muscle_groups]
        runs = not (c.low_impact or c.has("pregnancy")) and (c.ran_before or any(w in ("run", "jog") for w in c.likes))
        run = next((e for e in self._candidates(kind="aerobic", low_impact=False) if e.id == "running"), None)
        if runs and run is not None:
            return run  # someone who runs does the intervals as runs (kb-endurance-001), not power walking
        if not items:
            return None
        items.sort(key=lambda e: (0 if matches(e, c.likes) else 1, 0 if e.equipment else 1, e.impact != "low"))
        return items[0]

    def balance(self, n: int) -> list[Exercise]:
        """n balance exercises from the bottom of the ladder (kb-balance-001: feet apart, then together, then
        semi-tandem; weight shifts and supported reaches), least used first; later blocks offer the next stance."""
        pool = self._candidates(kind="balance", low_impact=True) or self._candidates(kind="balance")
        pool = [e for e in pool if e.id in BALANCE_FIRST] or pool
        items = sorted(pool, key=lambda e: (self.used.get(e.id, 0), BALANCE_FIRST.index(e.id)
                                            if e.id in BALANCE_FIRST else len(BALANCE_FIRST)))
        out = items[:n]
        for e in out:
            self._use(e)
        return out

    def mobility(self, n: int) -> list[Exercise]:
        """n mobility exercises, least used first."""
        items = sorted(self._candidates(kind="mobility", low_impact=True) or self._candidates(kind="mobility"),
                       key=lambda e: (rom_first(e, self.ctx.p), self.used.get(e.id, 0)))  # a replaced joint's range
        out = items[:n]
        for e in out:
            self._use(e)
        return out


def _strength_count(ctx: Context, slot: Slot, scheme: dict) -> int:
    """How many resistance exercises fit the session: 4-8 (4-5 short or mixed), never fewer than 4 (rule 23)."""
    m = ctx.p.minutes_per_session
    warm = 5 if m >= 20 else 2
    cool = 5 if m >= 30 else 2
    avail: float = m - warm - cool
    if slot.kind == "mixed":
        avail = avail * slot.strength_share
    per = strength_minutes(max(scheme["sets"]), scheme["rest_s"])
    n = max(4, min(8, int(avail // per)))
    if slot.kind == "mixed" or m < 30:
        n = max(4, min(n, 5))
    if ctx.frail and not (ctx.has("osteoporosis") or ctx.trunk_focus):
        return ctx.main_count if m < 30 else min(n, ctx.main_count + 1)
    return max(n, ctx.main_count if ctx.trunk_focus else 5) if ctx.has("osteoporosis") or ctx.trunk_focus else n


def _recipe(ctx: Context, slot: Slot) -> list[tuple[str, tuple[str, ...]]]:
    """The slot's recipe; osteoporosis adds back-extensor and posture work early (kb-osteoporosis)."""
    recipe = list(FRAIL_RECIPE if ctx.frail else RECIPES[slot.focus])
    if ctx.frail and slot.focus == "full_b":  # hip extension standing at a chair, hip abduction on the other day
        recipe[3] = ("lower", ("bridge", "hip_abduction", "calf"))
    if ctx.trunk_focus and not ctx.has("osteoporosis"):  # kb-lower-back-001: bird dogs, dead bugs, side planks
        recipe.insert(4, ("core", ("anti_rotation", "anti_extension")))
        recipe.insert(5, ("core", ("anti_lateral_flexion", "anti_extension")))
    if ctx.endurance_athlete and slot.focus == "full_a":  # kb-concurrent-001: after the run, one heavy lower-body
        recipe = [(r, ("bridge", "knee_flexion", "hinge") if pats[0] == "hinge" else pats) for r, pats in recipe]
    if ctx.endurance_athlete:  # lift (squat or hinge, not both) a day; rows before high pulls
        recipe = [(r, ("horizontal_pull", "vertical_pull", "rear_delt") if r == "pull" else pats) for r, pats in recipe]
    if ctx.p.goal == "muscle_gain" and slot.focus == "full_b" and not ctx.frail:
        # kb-hypertrophy-001: >= 10 chest sets a week over two or more sessions; the second full-body day presses
        # horizontally (an incline or floor press) among its main movements, the overhead press comes later
        recipe[2], recipe[6] = ("push", ("horizontal_push", "vertical_push")), ("push", ("vertical_push", "triceps"))
    # kb-youth-strength-003 (Lloyd 2014): jumping and landing skill; hamstring injury prevention
    if ctx.youth and not ctx.frail:
        recipe[3 if slot.focus == "full_a" else 0] = ("lower", ("knee_flexion", "hinge", "bridge"))
        recipe.insert(4, ("lower", ("jump", "lunge", "squat")))
    if "knee" in ctx.p.injuries and slot.focus != "upper" and not ctx.frail:
        # knee pain or osteoarthritis (kb-knee-005, kb-osteoarthritis): hip abductor work among the main movements
        # on every lower or full-body day (side-lying or banded), with the squat a sit-to-stand to a pain-free depth
        quads = next((i for i, (_, pats) in enumerate(recipe) if pats[0] in ("squat", "lunge")), 0)
        recipe.insert(max(3, quads + 1), ("lower", ("hip_abduction", "knee_extension", "bridge")))
    if ctx.has("osteoporosis"):  # after the four main movements, before the rest: back-extensor work (rule 32),
        recipe.insert(4, ("core", ("trunk_extension",)))  # never outranked by a supported or loaded anti-rotation
        if slot.focus != "lower":
            recipe.insert(5, ("pull", ("rear_delt", "scapular", "horizontal_pull")))
    return recipe


def _next_day_needs(slot: Slot, slots: list[Slot]) -> set[str]:
    """The muscles the next day's split session trains in its main movements: trunk work today must leave them be
    (a lower day's superman hold loads the upper back an upper day's rows need, rules 8 and 23)."""
    nxt = next((o for o in slots if o.day == slot.day + 1 and o.kind in RESISTANCE), None)
    if nxt is None or nxt.focus not in ("upper", "lower"):
        return set()
    areas = ("push", "pull") if nxt.focus == "upper" else ("quadriceps", "hips/hamstrings")
    return set().union(*(FREQUENCY_AREAS[a] for a in areas))


def _fill_strength(ctx: Context, picker: Picker, slot: Slot, scheme: dict, loaded: dict[int, set[str]],
                   ahead: set[str] = frozenset(), hinges: list[int] | None = None) -> None:  # type: ignore[assignment]
    """Pick the slot's resistance exercises by its recipe, keeping apart from adjacent days' muscles; hinges
    (deadlift patterns) on at most HINGE_DAYS days a week, never on consecutive days (48 h between)."""
    forbidden: set[str] = set()
    for other_day, groups in loaded.items():
        if adjacent(other_day, slot.day):
            forbidden |= groups
    if slot.kind == "mixed":
        # frail: a short easy walk as the warm-up, most of the time for chair stands, pushes, pulls and rests
        # endurance athletes: the run first and most of the session, about 25 minutes of lifting (kb-concurrent-001)
        slot.strength_share = 0.7 if ctx.frail else 0.3 if ctx.endurance_athlete else \
            0.5 if ctx.p.goal not in ("muscle_gain",) else 0.6
    n = _strength_count(ctx, slot, scheme)
    recipe = _recipe(ctx, slot)
    hinges = [] if hinges is None else hinges
    if len(hinges) >= HINGE_DAYS or any(adjacent(d, slot.day) for d in hinges):
        recipe = [(region, tuple(x for x in patterns if x != "hinge")) for region, patterns in recipe]
    taken: set[str] = set()
    chosen: list[Exercise] = []
    for region, patterns in itertools.islice(itertools.cycle(recipe), len(recipe) * 2):
        if len(chosen) >= n:
            break
        e = picker.strength(region, patterns, taken, forbidden | ahead if region == "core" else forbidden)
        if e is None:
            continue
        taken.add(e.id)
        chosen.append(e)
    hinge_ok = len(hinges) < HINGE_DAYS and not any(adjacent(d, slot.day) for d in hinges)
    slot.exercises = [{"_ex": e, "extra": 0, "steps": ladder_for(ctx, e, picker.usable, hinge_ok)} for e in chosen]
    if any(x.pattern == "hinge" for it in slot.exercises for x in [it["_ex"], *(it["steps"] or ())]):
        hinges.append(slot.day)
    loaded[slot.day] = set().union(*[set(e.muscle_groups) for e in chosen]) - EXEMPT_GROUPS


def _fill_extras(ctx: Context, picker: Picker, slot: Slot) -> None:
    """Mobility and balance blocks: whole sessions of them, balance for older adults, mobility for that goal."""
    m = ctx.p.minutes_per_session
    if slot.kind == "mobility":
        slot.mobility = picker.mobility(5 if m >= 30 else 3)
    if slot.kind == "balance":
        slot.balance = picker.balance(4 if m >= 30 else 3)
    if (ctx.older or ctx.frail or ctx.neuro_balance) and slot.kind != "balance":
        slot.balance = picker.balance(3 if m >= 45 else 2)
    if slot.kind in ("strength", "mixed", "aerobic") and (ctx.p.goal == "mobility" or rom_for(ctx.p)) \
            and (not ctx.frail or ctx.neuro):  # a replaced joint's range work in every session (rule 86)
        slot.mobility = picker.mobility(2)


def walking_cap(slot: Slot) -> bool:
    """A steady or mixed session whose cardio is walking stays moderate (names.moderate_at_most): its label says
    what its content is (kb-rpe-001, kb-hrr-001)."""
    return (slot.kind in ("aerobic", "mixed") and slot.cardio is not None and moderate_at_most(slot.cardio.id)
            and slot.hard is None)


def cardio_for(slot: Slot, label: str) -> Exercise | None:
    """The slot's cardio at this label: a walking session's vigorous weeks use its harder cardio (Slot.hard)."""
    return slot.hard if label == "vigorous" and slot.hard is not None else slot.cardio


def _harder_cardio(ctx: Context, picker: Picker, slot: Slot) -> None:
    """A walking session that steps up to vigorous needs cardio that can be vigorous (kb-rpe-001, kb-hrr-001:
    running, hills, fast cycling or swimming); it walks in its moderate weeks. None allowed: it stays moderate."""
    if (slot.kind in ("aerobic", "mixed") and slot.cardio is not None and moderate_at_most(slot.cardio.id)
            and slot.label == "vigorous" and rank(ctx.cap) >= rank("vigorous")):
        hard = picker.cardio(vigorous=True, label="vigorous")
        slot.hard = hard if hard is not None and not moderate_at_most(hard.id) else None


def _add_carry(ctx: Context, picker: Picker, slots: list[Slot], loaded: dict[int, set[str]]) -> bool:
    """Lifters with dumbbells or a kettlebell: a loaded carry (grip, trunk, gait under load) on one resistance day a
    week, the last whose neighbours leave its muscles free (rule 8), after the main lifts; whether one was added."""
    if not is_lifter(ctx.p):
        return False
    carries = [e for e in picker._candidates(kind="strength") if e.pattern == "carry" and e.equipment
               and "get_up" not in e.id]
    for slot in reversed([s for s in slots if s.kind in RESISTANCE]):
        busy = set().union(*[g for d, g in loaded.items() if adjacent(d, slot.day)] or [set()])
        fits = [e for e in carries if not (set(e.muscle_groups) - EXEMPT_GROUPS) & busy]
        if fits:
            slot.exercises.insert(ctx.main_count, {"_ex": fits[0], "extra": 0})
            return True
    return False


def fill_template(ctx: Context, slots: list[Slot]) -> None:
    """Pick exercises for every slot, keeping muscle groups apart on consecutive days."""
    picker = Picker(ctx)
    scheme = strength_scheme(ctx)
    loaded: dict[int, set[str]] = {}
    hinges: list[int] = []  # days with a hinge (deadlift pattern) so far
    cardio_n = 0  # alternates the two best cardio choices across sessions
    for slot in slots:
        if slot.kind in RESISTANCE:
            _fill_strength(ctx, picker, slot, scheme, loaded, _next_day_needs(slot, slots), hinges)
            if slot.kind == "mixed":
                slot.cardio = picker.cardio(nth=cardio_n, label=slot.label, dry=dry_slot(slot))
                cardio_n += 1
        elif slot.kind == "hiit":
            slot.cardio = picker.intervals() or picker.cardio(vigorous=True, nth=cardio_n)
            slot.easy = picker.cardio(nth=0)  # run steady in a lighter week
            hard = picker.cardio(vigorous=True, label="vigorous")  # steady when too short for bouts (rule 87)
            slot.hard = hard if hard is not None and not moderate_at_most(hard.id) else None
        elif slot.kind == "aerobic":
            slot.cardio = picker.cardio(nth=cardio_n, label=slot.label)
            cardio_n += 1
        _harder_cardio(ctx, picker, slot)
        _fill_extras(ctx, picker, slot)
    use_owned(ctx, picker, slots, loaded, hinges)  # what the person owns, the patterns (rules 59-60)
    if _add_carry(ctx, picker, slots, loaded):  # the carry's item is a second use: a movement holding it may give way
        use_owned(ctx, picker, slots, loaded, hinges)
    hypertrophy_volume(ctx, slots)

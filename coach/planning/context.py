"""What the planner knows about one person: the profile, its screening, and the choices they imply."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from coach.domain.limits import BLOCK_WEEKS, OLDER_ADULT_AGE, YOUTH_BELOW_AGE
from coach.domain.profile import Profile
from coach.domain.vocab import FRAILTY_CONDITIONS, POSTPARTUM_CONDITIONS
from coach.i18n import t
from coach.safety.indoor import OUTDOOR_RIDE, indoor_cycling_only
from coach.safety.screening import Screening, lower, rank
from coach.planning.postnatal import postnatal_ok
from coach.planning.pref_words import search_words
from coach.planning.shoulder_offer import offered
from coach.planning.names import INJURY_WORDS
from coach.planning.stance import written_in_ok
from coach.planning.supported import NEURO_CONDITIONS, unsupported_one_leg
from knowledge.catalog import Exercise, available, load_catalog, per_exercise, safe_for

# words that find a liked or disliked activity in exercise ids and names
WORDS_FOR_PREF = {
    "running": ("run", "jog"), "jogging": ("run", "jog"), "cycling": ("bike", "cycl"), "biking": ("bike", "cycl"),
    "swimming": ("swim", "pool", "water"), "walking": ("walk",), "hiking": ("hike", "hiking"),
    "dancing": ("danc",), "rowing": ("row",), "yoga": ("yoga",), "boxing": ("box",), "stairs": ("stair",),
    "jumping": ("jump",), "burpees": ("burpee",), "elliptical": ("elliptical",),
    # work done lying or kneeling on the floor (review 10: a floor press for someone who dislikes floor exercises)
    **dict.fromkeys(("floor exercises", "floor exercise", "floor work", "lying on the floor", "getting on the floor",
                     "getting down on the floor", "exercises on the floor"),
                    ("floor", "bridge", "plank", "dead_bug", "dead bug", "bird_dog", "bird dog", "crunch", "sit_up")),
}
LOW_IMPACT_INJURIES = {"knee", "ankle", "hip", "lower_back"}
LOW_IMPACT_CONDITIONS = {"osteoporosis", "osteoarthritis", "pregnancy", "stroke", "copd", *POSTPARTUM_CONDITIONS}
# exercises nobody gets by default: upright rows impinge the shoulder (kb-shoulder); outdoor riding and the pool
# need the person's own bike or pool, which "gym" does not imply
# door-frame and towel rows hang the body on a door frame or a towel wedged in a door, which can give way: pulls come
# from prone raises and the person's own equipment instead (rule 46)
NEVER_BY_DEFAULT = ("upright_row", "door_frame_row", "towel_row", "band_ankle_eversion", "team_sport_session")
# kb-osteoporosis-001 "Avoid": loaded or repeated forward bending, twisting under load or to end range, rounded-back
# hinges (crunches, sit-ups, toe touches, cat-cow, open-book and thoracic rotations, good mornings, windmills)
# (forward flexion and twisting of the spine, kb-osteoporosis-001: seated hamstring, knee-to-chest, a butterfly's
# forward lean, downward dog; thread-the-needle and the world's greatest stretch twist)
OSTEOPOROSIS_AVOID = re.compile(r"cat.cow|open.book|rotation|twist|crunch|sit.?up|toe.touch|good.morning|windmill|"
                                r"v.up|roll.up|jefferson|knees?.to.chest|child|seated.hamstring|butterfly|"
                                r"downward.dog|thread.the.needle|worlds?.greatest", re.I)
OWN_GEAR = {"outdoor_bike": "bike", "pool": "pool"}
# atrial fibrillation or a blood thinner: a fall or a blow bleeds more (kb-anticoagulants-001): no contact sports or
# high fall-risk activities; running and road cycling (with a helmet) stay (the passage: they can be done)
BLEEDING_RISK_AVOID = re.compile(r"mountain.bik|bmx|(?<!shadow.)boxing|sparring|"
                                 r"martial|judo|karate|wrestl|soccer|football|rugby|basketball|hockey|\bski(ing)?\b|"
                                 r"skating|skateboard|(rock|wall).?climb|boulder|horse|equestrian|trail.run", re.I)


# orthostatic hypotension (kb-beta-blockers-001: get up slowly): no quick up-and-down repetitions
UP_AND_DOWN = re.compile(r"burpee|squat.thrust|sprawl|get.up|jump|skater|bounding", re.I)


def bleeding_risk(p: Profile) -> bool:
    """Atrial fibrillation (most take a blood thinner) or an anticoagulant."""
    return "atrial_fibrillation" in p.conditions or "anticoagulant" in p.medications
FRAIL_AGE = 80  # from this age (or with frailty, a fall in the last year or a walking aid): the chair-based template
# frailty (Vivifrail; ICFSR 2019): nothing on the floor, no free or split squats, lunges, jumps or single-leg work;
# legs are trained by standing up from a chair (sit-to-stand) or sitting back to a box
FLOOR_WORK = re.compile(r"cat.cow|open.book|side.lying|kneeling|quadruped|bird.dog|plank|child|thread.the|downward|"
                        r"cobra|90.90|butterfly|dead.bug|bridge|clamshell|floor|push.up|crunch|leg.raise|superman|"
                        r"supine|prone|lying|mountain|crawl", re.I)
UPRIGHT = ("seated_", "standing_", "wall_", "chair_")
FRAIL_SQUATS = ("sit_to_stand", "box_squat")
FRAIL_SUPPORTED = ("standing_hip_abduction", "standing_hip_extension", "supported_step_up")
# balance exercises a first block may hold (kb-balance-001: feet apart, then together, then semi-tandem; weight
# shifts and reaches with support), and the static stance ladder later blocks offer one step at a time
BALANCE_LADDER = ("feet_apart_stance", "feet_together_stance", "semi_tandem_stance", "tandem_stance",
                  "single_leg_stand")
BALANCE_FIRST = BALANCE_LADDER[:3] + ("tai_chi_weight_shifts", "seated_lean_and_reach", "sit_to_stand_with_pause",
                                      "sideways_walking")


@dataclass
class Slot:
    """One training day of the weekly template."""

    day: int
    kind: str  # strength | aerobic | hiit | mobility | balance | mixed
    focus: str = "full_a"  # full_a | full_b | lower | upper (resistance sessions)
    label: str = "moderate"
    exercises: list[dict] = field(default_factory=list)
    cardio: Exercise | None = None
    strength_share: float = 1.0  # part of a mixed session given to resistance work
    balance: list[Exercise] = field(default_factory=list)
    mobility: list[Exercise] = field(default_factory=list)
    long_easy: bool = False  # the endurance plan's long easy session
    share: float = 1.0  # part of the session length a steady aerobic session uses (endurance: shorter than the long one)
    easy: Exercise | None = None  # an interval day's steady cardio for a lighter week
    hard: Exercise | None = None  # a walking session's cardio for its vigorous weeks (walking stays moderate)


@dataclass
class Context:
    """The profile, its screening and what they imply (caps, level, impact, equipment, likes, exclusions)."""

    p: Profile
    s: Screening
    lang: str
    cap: str  # the plan's cap (what later blocks may reach)
    first_cap: str  # the cap of the first block (new or returning exercisers: moderate)
    level: str
    beginner: bool
    older: bool
    youth: bool
    low_impact: bool
    equipment: set[str]
    injuries: set[str]
    dislikes: tuple[str, ...]
    likes: tuple[str, ...]
    weeks: int = 4
    reasons: list[str] = field(default_factory=list)
    # people new to exercise, once sessions are full length: the week of each change left ("effort": RPE 4-5 → 5-6,
    # "sets": a fourth set), coach.planning.schedule.late_steps; None where the calendar rules apply
    late: dict[str, int] | None = None
    # values the planner derives from this context alone and asks again and again (one plan's lifetime; never copied)
    memo: dict[Any, Any] = field(default_factory=dict, init=False, repr=False, compare=False)

    def late_week(self, change: str) -> int:
        """The week a late change (`late`) happens; 0 when none is planned."""
        return (self.late or {}).get(change, 0)

    def _(self, msgid: str, **kw: Any) -> str:
        return t(self.lang, msgid, **kw)

    def week_cap(self, week: int) -> str:
        """The highest label week `week` may use: the first block (two blocks for people new to exercise or
        inactive) stays at the first-block cap."""
        return self.first_cap if week < self.lift_week else self.cap

    @property
    def lift_week(self) -> int:
        """The first week past the first-block cap: week 5, or week 9 for people new to exercise or inactive (8
        weeks at moderate while minutes and sets build, one change at a time, kb-overload-001)."""
        return 2 * BLOCK_WEEKS + 1 if self.p.is_beginner_or_inactive else BLOCK_WEEKS + 1

    @property
    def intensity_rises(self) -> bool:
        """Whether the plan's intensity rises past the first-block cap within the 12 weeks."""
        return rank(self.cap) > rank(self.first_cap)

    @property
    def bridge(self) -> bool:
        """Clearance pending: a short light week repeated until cleared, not a progressive programme
        (kb-clearance-001: "Do not start a new training programme"; kb-cardiac-rehab-001)."""
        return self.s.clearance_required and "hard_stop" not in self.s.flags

    @property
    def ramps(self) -> bool:
        """Starts short and builds minutes week by week (beginners, inactive, pending clearance, older adults)."""
        return self.beginner or self.older or self.s.clearance_required or "cleared" in self.s.flags

    def has(self, flag: str) -> bool:
        return flag in self.s.flags

    @cached_property
    def neuro(self) -> bool:
        """After a stroke, or with Parkinson's or MS: balance in every session and supported one-leg work
        (kb-stroke-001: supported options, someone nearby; review 10: a post-stroke plan had no balance work)."""
        return bool(NEURO_CONDITIONS & set(self.p.conditions))

    @property
    def neuro_balance(self) -> bool:
        """Balance blocks in the sessions for a neurological condition; not yet for muscle gain, whose sessions
        need their minutes for kb-hypertrophy-001's 10 sets a muscle (rule 45)."""
        return self.neuro and self.p.goal != "muscle_gain"

    @cached_property  # (asked ~700 times a plan; the profile does not change once planning starts)
    def frail(self) -> bool:
        """80 or older, or frailty, a fall in the last year or a walking aid: the chair-based template."""
        return self.p.age >= FRAIL_AGE or bool(set(self.p.conditions) & set(FRAILTY_CONDITIONS))

    @cached_property
    def upright(self) -> bool:
        """65 or older with osteoporosis, knee osteoarthritis or a stroke, Parkinson's or MS: standing, seated or
        wall-supported versions instead of floor work (review 15: getting down to the floor and up again is where
        these people fall; kb-falls-001 practises getting up and down from a chair)."""
        p = self.p
        return p.age >= OLDER_ADULT_AGE and ("osteoporosis" in p.conditions or self.neuro or
                                             ("osteoarthritis" in p.conditions and "knee" in p.injuries))

    @property
    def endurance_athlete(self) -> bool:
        """Trained and training for endurance: endurance first, short lifting twice a week (kb-concurrent-001)."""
        return self.p.goal == "endurance" and self.level in ("intermediate", "advanced")

    @property
    def trunk_focus(self) -> bool:
        """Low-back pain: bird-dog, side plank and dead bug in every resistance session (kb-lower-back-001)."""
        return "lower_back" in self.injuries

    @property
    def main_count(self) -> int:
        """The movements a session keeps whatever its length: 4, or 6 with osteoporosis's back-extensor/posture work
        or back pain's trunk work."""
        if self.frail and not (self.has("osteoporosis") or self.trunk_focus):
            return 3  # sit-to-stand (legs and hips), a push and a pull: time left for rests and balance
        return 6 if self.has("osteoporosis") or self.trunk_focus else 4

    @property
    def keeps_running(self) -> bool:
        """A pregnant runner already running before pregnancy may keep running at moderate effort (ACOG 2020,
        kb-pregnancy-001: regularly active women can generally continue), not in the third trimester."""
        return "pregnancy" in self.s.flags and self.p.pregnancy_trimester != 3 and self.ran_before

    @property
    def ran_before(self) -> bool:
        """Trained and active, and a runner: likes running, or trains for endurance without naming another sport."""
        p = self.p
        trained = p.currently_active is True and p.experience in ("intermediate", "advanced")
        runs = any(w in ("run", "jog") for w in self.likes) or (p.goal == "endurance" and not self.likes)
        return trained and runs

    def allowed(self, e: Exercise) -> bool:
        """Exercise-level exclusions beyond equipment and injuries (pregnancy, youth, osteoporosis, defaults); once per
        exercise a plan (the profile and screening do not change once planning starts)."""
        hit = self.memo.get(("allowed", id(e)))
        if hit is None or hit[1] is not e:  # (the exercise is kept with the answer, so its id stays its own)
            hit = self.memo[("allowed", id(e))] = (self._allowed(e), e)
        return hit[0]

    def _allowed(self, e: Exercise) -> bool:
        p, flags = self.p, self.s.flags
        if any(w in e.id for w in NEVER_BY_DEFAULT):
            return False
        if not offered(e.id, self.injuries, self.beginner):  # a painful shoulder's presses (shoulder_offer.py)
            return False
        if any(e.id.startswith(prefix) and gear not in p.equipment for prefix, gear in OWN_GEAR.items()) or \
                ("pool" in e.equipment and "pool" not in p.equipment):
            return False
        no_barbell = self.youth or flags & {"pregnancy", "no_heavy_lifting"}
        if no_barbell and ("barbell" in e.equipment or e.pattern == "olympic"):
            return False
        if "pregnancy" in flags and p.pregnancy_trimester == 3 and late_pregnancy_avoid(e):
            return False
        if "pregnancy" in flags and (e.pattern in ("trunk_flexion", "jump") or e.impact == "high"):
            return self.keeps_running and e.kind == "aerobic" and e.pattern == "cyclic" and matches(e, ("run", "jog"))
        if not postnatal_ok(e, flags):  # after birth: no impact; diastasis: no planks, crunches (kb-postpartum-001)
            return False
        if "no_supine" in flags and e.lying is not None or "no_lying_on_back" in flags and e.lying == "supine":
            return False
        if (bleeding_risk(p) or "pregnancy" in flags) and BLEEDING_RISK_AVOID.search(f"{e.id} {e.name.en}"):
            return False  # falls and contact: a blood thinner, or pregnancy (kb-pregnancy-006: a stationary bike)
        if OUTDOOR_RIDE.search(e.id) and indoor_cycling_only(p):
            return False  # frailty, dual antiplatelets, a doctor's heart-rate ceiling: a stationary bike (rule 42)
        if injury_word(e, p.injuries):  # the names rule 10 reads (a bar across an injured shoulder, review 8)
            return False
        if self.frail and not frail_ok(e):
            return False
        if self.upright and floor_work(e):
            return False
        if not written_in_ok(e, p):  # pelvic girdle pain, Osgood-Schlatter (stance.py, rule 77)
            return False
        if "orthostatic_hypotension" in p.conditions and (e.pattern == "jump" or UP_AND_DOWN.search(e.id)):
            return False  # blood pressure that drops on standing: slow transitions, no quick up-and-down moves
        if self.neuro and unsupported_one_leg(e):
            return False  # kb-stroke-001: one-leg work in a supported form only, someone nearby (reviews 10, 11)
        if self.bridge and e.kind == "strength" and e.equipment:
            return False  # clearance pending: everyday body-weight moves, no new loaded programme (kb-clearance-001)
        if "osteoporosis" in flags and (e.pattern in ("trunk_flexion", "trunk_rotation", "jump")
                                        or e.impact == "high" or OSTEOPOROSIS_AVOID.search(e.id + " " + e.name.en)):
            return False
        return True


# the third trimester: no loaded hip hinges or bent-over and swing-type pulls (with any equipment but bands) (the growing bump loads the lower back
# and pelvic floor, and balance shifts: kb-pregnancy-006, reduce as comfort requires); body-weight or band hinges stay
# hanging from a bar, rows under a bar (half lying on the back) and rear-foot-elevated split squats go too (balance)
LATE_PREGNANCY_AVOID = re.compile(r"bent.over|high.pull|swing|pull.through|deadlift|pull.up|chin.up|inverted|hang|"
                                  r"bulgarian", re.I)


@per_exercise
def late_pregnancy_avoid(e: Exercise) -> bool:
    """A loaded hinge or a bent-over / swing-type pull, dropped in the third trimester."""
    loaded = bool(set(e.equipment) - {"bands"})
    return (e.pattern == "hinge" and loaded) or bool(LATE_PREGNANCY_AVOID.search(e.id) and loaded)


@per_exercise
def floor_work(e: Exercise) -> bool:
    """Done lying, kneeling or on hands and knees on the floor (pelvic-floor squeezes are done sitting or standing)."""
    text = e.id + " " + e.name.en
    return (e.lying is not None or bool(FLOOR_WORK.search(text))) and not e.id.startswith(UPRIGHT) \
        and "pelvic_floor" not in e.id


@per_exercise
def frail_ok(e: Exercise) -> bool:
    """Chair-based and standing work only for frail people (no floor work, free or split squats, single-leg work)."""
    text = e.id + " " + e.name.en
    if e.lying is not None or (FLOOR_WORK.search(text) and not e.id.startswith(UPRIGHT)):
        return False
    if e.id in FRAIL_SUPPORTED:  # one leg at a time, both hands on a chair or rail (Vivifrail)
        return True
    if e.kind == "balance":
        return e.id in BALANCE_FIRST or e.id in BALANCE_LADDER
    if e.pattern in ("lunge", "jump", "olympic") or e.impact == "high" or (e.region == "lower" and e.per_side) \
            or "nordic" in e.id:  # a near-maximal eccentric from kneeling
        return False
    return e.pattern != "squat" or e.id.startswith(FRAIL_SQUATS)


def preference_words(items: list[str]) -> tuple[str, ...]:
    """Search words for liked or disliked activities ("running" → run, jog)."""
    return search_words(items, WORDS_FOR_PREF)  # Chinese names and English phrases too (pref_words.py)


def matches(ex: Exercise, words: tuple[str, ...]) -> bool:
    """Whether any of `words` occurs in the exercise's id or English name."""
    text = (ex.id + " " + ex.name.en).lower()
    return any(w in text for w in words)


def make_context(p: Profile, s: Screening, lang: str, weeks: int = 4) -> Context:
    """The planning context: beginners start at moderate at most; the cap may lift after the first block."""
    beginner = p.is_beginner_or_inactive or s.restricted or s.clearance_required or "cleared" in s.flags
    older = p.age >= OLDER_ADULT_AGE
    youth = p.age < YOUTH_BELOW_AGE
    first_cap = lower(s.intensity_cap, "moderate") if beginner else s.intensity_cap
    # the first-block cap lifts for people whose only reason for it was being new to exercise
    lifts = weeks > 4 and not (older or s.restricted or s.clearance_required or "cleared" in s.flags)
    cap = s.intensity_cap if lifts else first_cap
    level = "beginner" if (beginner or older or youth) else (p.experience or "beginner")
    low_impact = bool(p.injuries and LOW_IMPACT_INJURIES & set(p.injuries)) or beginner \
        or older or bool(LOW_IMPACT_CONDITIONS & set(p.conditions)) \
        or "high_bmi" in s.flags or s.restricted
    ctx = Context(p=p, s=s, lang=lang, cap=cap, first_cap=first_cap, level=level, beginner=beginner, older=older,
                  youth=youth, low_impact=low_impact, equipment=set(p.equipment), injuries=set(p.injuries),
                  dislikes=preference_words(p.preferences.dislikes), likes=preference_words(p.preferences.likes),
                  weeks=weeks)
    if ctx.keeps_running and set(p.conditions) <= {"pregnancy"} and not (LOW_IMPACT_INJURIES & set(p.injuries)) \
            and "high_bmi" not in s.flags:
        ctx.low_impact = False  # jumping and high-impact strength work stay out (Context.allowed); running stays in
    return ctx


def youth_eccentric(ctx: Context, e: Exercise, week: int) -> Exercise | None:
    """Nordic hamstring lowering is a near-maximal eccentric: an untrained teenager does an easier hamstring
    exercise in the first block and meets it later, low volume and controlled (kb-youth-strength-003); None when it
    stays as it is."""
    early = week <= BLOCK_WEEKS or ctx.bridge
    if not (ctx.youth and "nordic" in e.id and ctx.p.is_beginner_or_inactive and early):
        return None
    cat = load_catalog()
    subs = [cat[x] for x in e.substitutes if x in cat and "nordic" not in x]
    for x in sorted(subs, key=lambda x: x.per_side):  # both legs at once first: shorter
        if available(x, ctx.equipment) and safe_for(x, ctx.injuries) and ctx.allowed(x):
            return x
    return None


def injury_word(e: Exercise, injuries: list[str] | tuple[str, ...]) -> bool:
    """The exercise's name or id is one rule 10 calls unsafe for one of the injuries (PLAN_RULES 10, 69)."""
    text = e.id.replace("_", " ") + " " + e.name.en
    return any(INJURY_WORDS[i].search(text) for i in injuries if i in INJURY_WORDS)

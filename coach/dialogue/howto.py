"""How to do an exercise, from the catalog: cues, a common mistake, an easier and a harder variant, the muscles,
in the person's language. There are no videos: asked for one, the bot says so and gives the cues.
"""
from __future__ import annotations

import re

from coach.dialogue.callbacks import HowTo
from coach.dialogue.router import router
from coach.dialogue.turn import Turn
from coach.events import Button, Reply, rows
from coach.i18n import N_
from coach.intake.intent_exercises import resolve
from coach.services.plans import session_on
from coach.services.profiles import profile_dict
from knowledge.catalog import LEVELS, Exercise, load_catalog
from storage import repos

VIDEO = re.compile(r"video|clip|youtube|demo|视频|录像|演示", re.I)
MUSCLES = {
    "quads": N_("quads"), "hamstrings": N_("hamstrings"), "glutes": N_("glutes"), "calves": N_("calves"),
    "adductors": N_("adductors"), "hips": N_("hips"), "chest": N_("chest"), "shoulders": N_("shoulders"),
    "triceps": N_("triceps"), "back": N_("back"), "lats": N_("lats"), "upper_back": N_("upper back"),
    "biceps": N_("biceps"), "forearms": N_("forearms"), "core": N_("core"), "obliques": N_("obliques"),
    "lower_back": N_("lower back"), "full_body": N_("full body"),
}
_KNEES = N_("Knees caving in or heels lifting; keep the knees over the toes and the weight through the whole foot.")
_HINGE = N_("Rounding the lower back; hinge at the hips with a long, neutral spine and stop where it starts to round.")
_PUSH = N_("Letting the hips sag or the elbows flare wide; keep a straight line and the elbows about 45° from the body.")
_PULL = N_("Shrugging and swinging; lead with the elbows, squeeze the shoulder blades and control the way back.")
_CORE = N_("Holding the breath or letting the lower back arch; brace gently and keep breathing.")
_BALANCE = N_("Staring at your feet; look at a point ahead and keep a wall or chair within reach.")
_CARDIO = N_("Starting too fast; begin at an easy pace you could talk at and build up.")
_STRETCH = N_("Bouncing or forcing the range; ease into a mild stretch and breathe slowly.")
_JUMP = N_("Landing stiff-legged; land softly on the balls of the feet with bent knees.")
_ARMS = N_("Swinging the body to move the weight; keep the upper arm still and lower slowly.")
_GENERIC = N_("Rushing the reps; move slowly and under control, and stop if it hurts.")
MISTAKES = {
    **dict.fromkeys(("squat", "lunge", "calf", "knee_extension"), _KNEES),
    **dict.fromkeys(("hinge", "bridge", "olympic", "trunk_extension"), _HINGE),
    **dict.fromkeys(("horizontal_push", "vertical_push", "chest_fly"), _PUSH),
    **dict.fromkeys(("horizontal_pull", "vertical_pull", "rear_delt", "scapular"), _PULL),
    **dict.fromkeys(("anti_extension", "anti_rotation", "anti_lateral_flexion", "trunk_flexion", "trunk_rotation",
                     "carry"), _CORE),
    "balance": _BALANCE, "cyclic": _CARDIO, "interval": _CARDIO, "mobility": _STRETCH, "stretch": _STRETCH,
    "jump": _JUMP, "biceps": _ARMS, "triceps": _ARMS,
}


def variant(ex: Exercise, step: int, equipment: list[str] | None) -> Exercise | None:
    """The nearest easier (step -1) or harder (+1) exercise of the same movement, substitutes first."""
    catalog = load_catalog()
    have = set(equipment or [])
    level = LEVELS.index(ex.level)

    def fits(other: Exercise) -> bool:
        usable = not other.equipment or "gym" in have or set(other.equipment) <= have
        return other.id != ex.id and other.pattern == ex.pattern and usable and \
            (LEVELS.index(other.level) - level) * step > 0
    subs = [catalog[s] for s in ex.substitutes if s in catalog and fits(catalog[s])]
    same = [o for o in catalog.values() if fits(o)]
    pool = subs or same
    return min(pool, key=lambda o: abs(LEVELS.index(o.level) - level)) if pool else None


def describe(turn: Turn, ex: Exercise, *, video: bool = False) -> Reply:
    """The how-to card of one exercise."""
    lang = turn.lang if turn.lang in ("en", "zh") else "en"
    equipment = profile_dict(turn.s, turn.user).get("equipment") if turn.s is not None else None
    lines = []
    if video:
        lines.append(turn._("I don't have videos, but here is how to do it step by step."))
    lines.append(f"{ex.name[lang]}")
    lines.append(turn._("Works: {muscles}", muscles=", ".join(turn._(MUSCLES.get(m, m)) for m in ex.muscle_groups)))
    lines += [f"{i}. {cue}" for i, cue in enumerate(ex.cues[lang], 1)]
    lines.append(turn._("Common mistake: {text}", text=turn._(MISTAKES.get(ex.pattern, _GENERIC))))
    easier, harder = variant(ex, -1, equipment), variant(ex, 1, equipment)
    if easier:
        lines.append(turn._("Easier: {name}", name=easier.name[lang]))
    if harder:
        lines.append(turn._("Harder: {name}", name=harder.name[lang]))
    return Reply("\n".join(lines))


def todays_exercises(turn: Turn) -> list[Exercise]:
    plan = repos.plans.active_plan(turn.s, turn.user.id)
    info = session_on(plan, turn.today()) if plan is not None else None
    catalog = load_catalog()
    items = (info.session or {}).get("exercises", []) if info is not None else []
    return [catalog[e["id"]] for e in items if e.get("id") in catalog]


def answer(turn: Turn, text: str, name: str | None) -> list[Reply]:
    """A how-to question: the named exercise's card, or a choice of today's exercises when none is named."""
    video = bool(VIDEO.search(text))
    equipment = profile_dict(turn.s, turn.user).get("equipment")
    ex = resolve(name, equipment) if name else None
    if ex is not None:
        return [describe(turn, ex, video=video)]
    lead = turn._("I don't have videos, but I can describe any exercise step by step.") if video else \
        turn._("Which exercise do you mean?")
    today = todays_exercises(turn)
    lang = turn.lang if turn.lang in ("en", "zh") else "en"
    buttons = rows([Button(e.name[lang][:40], HowTo(e.id).encode()) for e in today[:6]], 2)
    hint = turn._("Tap one of today's exercises, or ask e.g. \"how do I do a goblet squat?\"")
    return [Reply(lead + " " + hint, buttons=buttons)]


@router.callback(HowTo, needs="consent", quick=True)
def button(turn: Turn, cb: HowTo) -> list[Reply]:
    ex = load_catalog().get(cb.exercise)
    if ex is None:
        return [Reply(turn._("That button has expired."))]
    return [describe(turn, ex)]

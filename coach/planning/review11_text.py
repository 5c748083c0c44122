"""Review 11's text rules (docs/plan-rules.md): the words of a plan keep the rules its sessions keep.

42 (text) whoever rides a stationary bike only (coach.safety.indoor: atrial fibrillation, an anticoagulant, pregnancy,
   frailty or falls, dual antiplatelet therapy, a doctor's heart-rate ceiling) is never told to cycle on the road or
   outdoors, in any text of the plan; outdoor rides are not in their sessions either.
73 (light start) the walks of the weeks before the first session above light are light and never brisk (kb-copd-001:
   start gently; kb-mets-001: brisk walking is moderate).
80 frail people, fragile bones, 65 and over and teenagers are never told to load squats, step-ups or sit-to-stands
   with a backpack (kb-falls-001: 1-2 kg at the chest; kb-osteoporosis-004: heavier loading supervised), and a home
   balance add-on never names a stance harder than the week's sessions hold (kb-balance-001).
81 at a BMI of 30 or more, or with high blood pressure and a BMI of 25 or more (adults): no energy surplus is
   advised (kb-energy-004, kb-hypertension-002), and the protein grams stay within 2.0 g per kg (kb-protein-001's top)
   of the weight at a BMI of 25 for the person's height.
"""
from __future__ import annotations

import re
from typing import Iterator

from coach.domain.limits import OLDER_ADULT_AGE, OVERWEIGHT_BMI
from coach.domain.vocab import FRAILTY_CONDITIONS
from coach.planning.checks import Bounds, Violation
from coach.planning.hints import light_start_weeks, session_stances
from coach.planning.context import BALANCE_LADDER
from coach.planning.review9_lead import RULE_WALK_PACE, brisk_texts
from coach.safety.indoor import OUTDOOR_RIDE, indoor_cycling_only

RULE_ROAD, RULE_LADDER_TEXT, RULE_NUTRITION = 42, 80, 81
CLAUSE = re.compile(r"[.!?;:,。！？；：]")  # (a zh sentence keeps its commas: 不包括…和公路骑行 is one clause)
ROAD = re.compile(r"\bon the road\b|\broad (cycling|ride|riding|bike)|\boutdoor (ride|riding|bike|cycling)|"
                  r"\bcycl\w* outdoors|\bride (your|a) bike\b|公路|户外骑|骑自行车", re.I)
NOT_ROAD = re.compile(r"\b(not|no|never|rather than|instead|left out|avoid)\b|不|避免|代替|而非", re.I)
BACKPACK = re.compile(r"backpack|rucksack|背包|双肩包", re.I)
LOADED_MOVE = re.compile(r"squat|step.up|sit.to.stand|chair stand|chest|深蹲|台阶|踏|坐站|站起|胸前", re.I)
# the stances of the balance ladder (kb-balance-001), as free text may name them; index = rank in BALANCE_LADDER
STANCE_WORDS = (re.compile(r"feet.apart|双脚分开", re.I), re.compile(r"feet.together|双脚并拢", re.I),
                re.compile(r"semi.tandem|半前后脚", re.I),
                re.compile(r"(?<!semi.)tandem|heel.to.toe|脚跟贴脚尖|前后脚一字|一字站", re.I),
                re.compile(r"one leg|single.leg|单腿|单脚", re.I))
SURPLUS = re.compile(r"(energy|calorie|kcal) surplus|surplus of|多吃几百千卡|热量盈余|能量盈余", re.I)
NO_SURPLUS = re.compile(r"\bno (energy |calorie )?surplus|without (an? )?(energy |calorie )?surplus|"
                        r"不.{0,6}盈余|无需.{0,6}盈余|不.{0,4}多吃", re.I)
PROTEIN_G = re.compile(r"(\d+)(?:\s*-\s*(\d+))?\s*(?:g of protein|克蛋白质)")
PROTEIN_TOP_G_KG = 2.0  # kb-protein-001 (ISSN, Jäger et al. 2017): 1.4-2.0 g/kg/day


def plan_texts(plan: dict, weeks: list[dict]) -> Iterator[tuple[str, str]]:
    """(where, text) for every text the person reads: safety reasons and alerts, the rationale, the weeks."""
    safety = plan.get("safety") or {}
    for field in ("reasons", "alerts"):
        for text in safety.get(field) or []:
            yield field, str(text)
    yield "rationale", str(plan.get("rationale") or "")
    for w in weeks:
        for text in _texts(w):
            yield f"week {w.get('week')}", text


def _texts(node: object) -> Iterator[str]:
    """The free text under `node` (notes, advice), not its ids, labels or exercise names (the session check's)."""
    if isinstance(node, str):
        yield node
    elif isinstance(node, dict):
        for key, value in node.items():
            if key not in ("id", "kind", "label", "activity", "name", "or", "week", "day"):
                yield from _texts(value)
    elif isinstance(node, list):
        for item in node:
            yield from _texts(item)


def _clauses(text: str) -> list[str]:
    return [c for c in CLAUSE.split(text) if c.strip()]


def _road(plan: dict, weeks: list[dict], b: Bounds) -> list[Violation]:
    """42: a stationary bike only, in every text and session."""
    if not indoor_cycling_only(b.profile):
        return []
    v = [Violation(RULE_ROAD, f"{where}: {c.strip()!r} for someone who rides a stationary bike only")
         for where, text in plan_texts(plan, weeks) for c in _clauses(text)
         if ROAD.search(c) and not NOT_ROAD.search(c)]
    for w in weeks:
        for s in w.get("sessions") or []:
            v += [Violation(RULE_ROAD, f"week {w.get('week')} day {s.get('day')}: {e.get('name')} outdoors")
                  for e in s.get("exercises") or []
                  if OUTDOOR_RIDE.search(f"{e.get('id', '')} {e.get('name', '')}".replace("_", " "))]
    return v


def _light_start(plan: dict, weeks: list[dict]) -> list[Violation]:
    """73: the walks of a light start are light, at an easy pace."""
    brisk, v = brisk_texts(plan), []
    for w in weeks[:light_start_weeks(weeks)]:
        walk = w.get("daily_activity") or {}
        if walk and (walk.get("label") not in (None, "light") or any(x in str(walk.get("text", "")) for x in brisk)):
            v.append(Violation(RULE_WALK_PACE, f"week {w.get('week')}: a {walk.get('label')} or brisk walk while every "
                                               f"session is still light (a light start)"))
    return v


def careful(b: Bounds) -> bool:
    """Frail, fragile bones, 65 and over, or under 18."""
    p = b.profile
    return p.age >= OLDER_ADULT_AGE or p.age < 18 or bool(set(p.conditions) & set(FRAILTY_CONDITIONS)) or \
        "osteoporosis" in p.conditions or "osteoporosis" in b.screening.flags


def _ladders(plan: dict, weeks: list[dict], b: Bounds) -> list[Violation]:
    """80: no backpack loading for the careful; the home balance add-on at the sessions' stances."""
    v = []
    if careful(b):
        v += [Violation(RULE_LADDER_TEXT, f"{where}: {c.strip()!r}: a backpack load for a frail, older, osteoporotic "
                                          f"or young person") for where, text in plan_texts(plan, weeks)
              for c in re.split(r"[.;。；]", text) if BACKPACK.search(c) and LOADED_MOVE.search(c)]
    for w in weeks:
        add_on = (w.get("daily_activity") or {}).get("add_on") or {}
        if add_on.get("kind") not in ("balance", "balance_and_posture"):
            continue
        held = max((BALANCE_LADDER.index(x) for x in session_stances(w)), default=1)
        named = [i for i, word in enumerate(STANCE_WORDS) if word.search(str(add_on.get("text") or ""))]
        if named and max(named) > held:
            v.append(Violation(RULE_LADDER_TEXT, f"week {w.get('week')}: the home balance add-on names "
                                                 f"{BALANCE_LADDER[max(named)]}, harder than the sessions hold"))
    return v


def _nutrition(plan: dict, b: Bounds) -> list[Violation]:
    """81: no surplus with obesity (or high blood pressure and overweight); protein on the BMI-25 weight."""
    p = b.profile
    bp = "hypertension" in p.conditions or bool(b.screening.flags & {"hypertension", "stage2"})
    if p.age < 18 or not (p.bmi >= 30 or (bp and p.bmi >= OVERWEIGHT_BMI)):
        return []
    v = []
    top = PROTEIN_TOP_G_KG * OVERWEIGHT_BMI * (p.height_cm / 100) ** 2
    for text in (plan.get("safety") or {}).get("reasons") or []:
        if SURPLUS.search(text) and not NO_SURPLUS.search(text):
            v.append(Violation(RULE_NUTRITION, f"an energy surplus advised at BMI {p.bmi:.0f}: {text[:80]!r}"))
        for m in PROTEIN_G.finditer(text):
            grams = int(m.group(2) or m.group(1))
            if p.bmi >= 30 and grams > top + 5:
                v.append(Violation(RULE_NUTRITION, f"{grams} g of protein > {PROTEIN_TOP_G_KG} g/kg of the BMI-25 "
                                                   f"weight ({top:.0f} g) at BMI {p.bmi:.0f}"))
    return v


def check_review11_text(plan: dict, weeks: list[dict], b: Bounds) -> list[Violation]:
    """Rules 42 (text), 73 (light start), 80, 81."""
    return _road(plan, weeks, b) + _light_start(plan, weeks) + _ladders(plan, weeks, b) + _nutrition(plan, b)

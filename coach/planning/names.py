"""What exercise names and muscle groups say: implied equipment, injury-unsafe moves, balance work, body regions."""
from __future__ import annotations

import re
from functools import lru_cache

LOWER = {"quads", "glutes", "hamstrings", "calves", "adductors", "hips"}
PUSH = {"chest", "shoulders", "triceps"}
PULL = {"back", "lats", "upper_back", "biceps", "forearms"}
CORE = {"core", "obliques", "lower_back"}
EXEMPT = {"core", "calves"}
# PLAN_RULES 23's four areas, each trained on two days a week
FREQUENCY_AREAS = {"quadriceps": {"quads"}, "hips/hamstrings": {"hamstrings", "glutes", "hips"},
                   "push": {"chest", "shoulders", "triceps"}, "pull": {"back", "lats", "upper_back", "biceps"}}

# cardio that can reach a vigorous effort (RPE 7-8, 60 % HRR or more; kb-rpe-001, kb-hrr-001, kb-mets-001: about
# 6 METs or more): running and jogging, uphill walking or hiking, stairs, cycling, rowing, the elliptical and lap
# swimming. Everything else (walking of any kind, marching, step touches, water walking or aerobics, recumbent
# cycling, dancing, shadow boxing) is moderate at most for the people who get it, so it can't carry a vigorous label
VIGOROUS_CAPABLE = re.compile(r"^(running|jogging|run_walk|treadmill_jog|treadmill_incline|hiking|stair_climb|team_sport|"
                              r"outdoor_bike|stationary_bike|rowing|elliptical|(freestyle|breaststroke|backstroke)_swim)")


# cardio whose plain name undersells the effort it is given at: hiking is vigorous only uphill (kb-mets-001: walking
# uphill or hiking with a load reaches 6+ METs); the name says so whenever a session labels it vigorous (rule 46)
VIGOROUS_NAMES = {"hiking": ("Uphill hiking", "上坡徒步")}


def named_for(entry: dict, label: str) -> dict:
    """The plan entry, renamed for a vigorous session where its plain name would undersell the effort."""
    names = VIGOROUS_NAMES.get(str(entry.get("id"))) if label == "vigorous" else None
    if not names:
        return entry
    return {**entry, "name": names[0], **({"name_zh": names[1]} if "name_zh" in entry else {})}


def moderate_at_most(exercise_id: str) -> bool:
    """Whether this cardio exercise stays moderate however it is done (not in VIGOROUS_CAPABLE)."""
    return not VIGOROUS_CAPABLE.match(exercise_id)


# names that imply equipment (PLAN_RULES 9); "bicycle crunch" is bodyweight
EQUIPMENT_WORDS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"\bbarbell|\bbb\b|\bsmith\b|\bez[- ]bar\b", re.I), "barbell"),
    (re.compile(r"\bdumbbells?\b|\bdb\b", re.I), "dumbbells"),
    (re.compile(r"\bkettlebells?\b|\bkb\b", re.I), "kettlebell"),
    (re.compile(r"\b(resistance )?bands?\b|\bmini[- ]band\b", re.I), "bands"),
    (re.compile(r"\bcable|\bmachine\b|\bleg press\b|(?<!band )\blat pull-?down\b|\bpec deck\b|\belliptical\b|\brower\b|"
                r"\browing machine\b|\bstair ?(climber|master|mill)\b|\bleg (extension|curl) machine", re.I), "machines"),
    (re.compile(r"\bpull-?ups?\b|\bchin-?ups?\b|\bhanging\b|\bpull-?up bar\b", re.I), "pullup_bar"),
    (re.compile(r"(?<!bi)(?<!re)\bbike\b|\bcycling\b|\bstationary cycle\b|(?<!\w)cycle\b(?! crunch)", re.I), "bike"),
    (re.compile(r"\btreadmill\b", re.I), "treadmill"),
    (re.compile(r"\bswim|\bpool\b|\baqua|\bwater (walking|jogging|aerobics)\b", re.I), "pool"),
    (re.compile(r"\bbench (press|dip)|\bon a bench\b|\bincline bench\b|\bbench-supported\b", re.I), "bench"),
]

# PLAN_RULES 10: names that injuries rule out
INJURY_WORDS: dict[str, re.Pattern[str]] = {
    "knee": re.compile(r"jump|plyo|pistol|sprint|skater|tuck jump|bound|burpee|box jump|jumping", re.I),
    "lower_back": re.compile(r"deadlift|\brdl\b|good ?morning|bent[- ]over|\bswings?\b|sit-?ups?|\bclean\b|snatch|"
                             r"\bjerk\b|olympic", re.I),
    # a bar across the shoulders (back squat, barbell good morning) holds the arms turned out and back (review 8)
    "shoulder": re.compile(r"overhead|push press|military|arnold|upright row|\bdips?\b|behind[- ]the[- ]neck|"
                           r"handstand|snatch|\bjerk\b|overhead press|back squat|barbell good ?morning", re.I),
    "ankle": re.compile(r"jump|sprint|box jump|skipping|skip\b|bound|burpee|skater|jump rope", re.I),
    "wrist": re.compile(r"handstand|\bclean\b|snatch|\bjerk\b|olympic|front squat", re.I),
}
BALANCE_WORDS = re.compile(r"balance|single[- ]leg stand|tandem|heel[- ]to[- ]toe|tai chi|one[- ]leg|stork|"
                           r"clock reach|weight shift", re.I)


def name_implies(name: str) -> set[str]:
    """Equipment an exercise name suggests (PLAN_RULES 9)."""
    return set(_implied(name))


@lru_cache(maxsize=4096)  # catalog names repeat on every plan
def _implied(name: str) -> frozenset[str]:
    return frozenset(item for pattern, item in EQUIPMENT_WORDS if pattern.search(name))



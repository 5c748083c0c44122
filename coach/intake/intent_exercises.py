"""Exercise names in messages, English and Chinese, typos forgiven: "rows" → row, "romanain deadlift" →
romanian_deadlift, "高脚杯深蹲" → goblet_squat.

A message names an exercise the way people say it, often without the equipment: the value is that name as a slug
(English words, singular, joined by "_"), and `resolve` finds the catalog exercise it most plausibly means. The
phrases come from the catalog's names in both languages (with and without the equipment word) plus the common
generic names below.
"""
from __future__ import annotations

import difflib
import re
import unicodedata
from functools import lru_cache

from knowledge.catalog import LEVELS, Exercise, load_catalog

EQUIPMENT_WORDS = ("dumbbell", "barbell", "kettlebell", "band", "cable", "bodyweight", "machine", "bench", "pool")
ZH_EQUIPMENT_WORDS = ("哑铃", "杠铃", "壶铃", "弹力带", "绳索", "自重", "器械", "凳上", "水中")
# generic names people use that no catalog name spells out (slug -> phrases)
GENERIC_EN = {
    "squat": ("squat", "squats", "squatting"), "lunge": ("lunge", "lunges"), "row": ("row", "rows", "rowing"),
    "dumbbell_row": ("dumbbell row", "db row", "dumbbell rows"), "deadlift": ("deadlift", "deadlifts", "dl"),
    "romanian_deadlift": ("romanian deadlift", "rdl", "rdls"), "bench_press": ("bench press", "bench", "benching"),
    "push_up": ("push up", "pushup", "press up", "press-up"), "pull_up": ("pull up", "pullup", "chin up"),
    "plank": ("plank", "planks"), "overhead_press": ("overhead press", "ohp", "shoulder press", "military press"),
    "curl": ("curl", "curls", "bicep curl", "biceps curl"), "calf_raise": ("calf raise", "calf raises"),
    "hip_thrust": ("hip thrust", "hip thrusts"), "good_morning": ("good morning", "good mornings"),
    "step_up": ("step up", "step ups", "step-up"), "dip": ("dip", "dips"), "press": ("presses", "press"),
    "split_squat": ("split squat",), "bulgarian_split_squat": ("bulgarian split squat", "bulgarians"),
    "swing": ("swings", "swing"), "farmer_carry": ("farmers carry", "farmer's carry", "farmers walk", "farmer walk"),
}
GENERIC_ZH = {
    "squat": ("深蹲",), "lunge": ("弓步蹲", "弓步", "箭步蹲"), "row": ("划船",), "dumbbell_row": ("哑铃划船",),
    "deadlift": ("硬拉",), "romanian_deadlift": ("罗马尼亚硬拉",), "bench_press": ("卧推",), "push_up": ("俯卧撑",),
    "pull_up": ("引体向上", "引体"), "plank": ("平板支撑", "平板"), "overhead_press": ("推举", "肩推"),
    "curl": ("弯举",), "calf_raise": ("提踵",), "hip_thrust": ("臀推",), "glute_bridge": ("臀桥",),
    "good_morning": ("早安式",), "goblet_squat": ("高脚杯深蹲", "杯式深蹲"), "kettlebell_swing": ("壶铃摇摆", "壶铃摆荡"),
    "dead_bug": ("死虫", "死虫式"), "bird_dog": ("鸟狗", "鸟狗式"), "side_plank": ("侧平板", "侧平板支撑"),
    "split_squat": ("分腿蹲",), "step_up": ("登阶", "踏步上凳"), "running": ("跑步",),
    "burpee": ("波比跳", "波比"), "crunch": ("卷腹",), "sit_up": ("仰卧起坐",), "mountain_climber": ("登山跑",),
    "jumping_jacks": ("开合跳",), "farmer_carry": ("农夫行走", "农夫走"), "bulgarian_split_squat": ("保加利亚分腿蹲",), "tandem_stance": ("一字站立", "前后脚站立"), "dip": ("臂屈伸",),
}
_PAREN = re.compile(r"\s*[(（][^)）]*[)）]")
_SEP = re.compile(r"[\s\-_]+")
_WORD = re.compile(r"[a-z]+")
FUZZY_MIN = 0.86


def slug(phrase: str) -> str:
    """'Bent-over rows' → 'bent_over_row' (singular last word)."""
    words = _SEP.split(_PAREN.sub("", phrase.lower()).replace("'", "").strip())
    if words and len(words[-1]) > 3 and words[-1].endswith("s") and not words[-1].endswith("ss"):
        words[-1] = words[-1][:-1]
    return "_".join(w for w in words if w)


def _strip_equipment(words: list[str]) -> list[str]:
    return [w for w in words if w not in EQUIPMENT_WORDS]


@lru_cache(maxsize=1)
def phrases() -> tuple[dict[str, str], dict[str, str]]:
    """(English phrase → slug, Chinese phrase → slug), phrases lower-cased with single spaces."""
    en: dict[str, str] = {}
    zh: dict[str, str] = {}
    for ex in load_catalog().values():
        name = _PAREN.sub("", ex.name.en.lower()).replace("-", " ").replace("'", "")
        words = name.split()
        en.setdefault(" ".join(words), slug(name))
        bare = _strip_equipment(words)
        if bare and bare != words:
            en.setdefault(" ".join(bare), slug(" ".join(bare)))
        zh_name = _PAREN.sub("", ex.name.zh)
        zh.setdefault(zh_name, ex.id)
        for word in ZH_EQUIPMENT_WORDS:
            if zh_name.startswith(word) and len(zh_name) > len(word) + 1:
                zh.setdefault(zh_name[len(word):], slug(" ".join(bare or words)))
    for key, forms in GENERIC_EN.items():
        for form in forms:
            en[form.replace("-", " ")] = key
    for key, forms in GENERIC_ZH.items():
        for form in forms:
            zh[form] = key
    return en, zh


@lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    en, zh = phrases()
    en_alts = sorted(en, key=len, reverse=True)
    en_rx = re.compile(r"(?<![a-z])(" + "|".join(re.escape(p).replace(r"\ ", r"[\s\-]*") + r"(?:e?s)?"
                                                 for p in en_alts) + r")(?![a-z])")
    zh_rx = re.compile("|".join(re.escape(p) for p in sorted(zh, key=len, reverse=True)))
    return en_rx, zh_rx


def _norm(text: str) -> str:
    return unicodedata.normalize("NFKC", text).lower().replace("’", "'")


def find_exercise(text: str, *, fuzzy: bool = True) -> str | None:
    """The slug of the longest exercise name in `text` (Chinese and English), else a close misspelling."""
    low = _norm(text)
    en, zh = phrases()
    en_rx, zh_rx = _patterns()
    found: list[tuple[int, int, str]] = []
    for m in zh_rx.finditer(low):
        found.append((m.end() - m.start(), -m.start(), zh[m.group(0)]))
    for m in en_rx.finditer(low):
        key = re.sub(r"[\s\-]+", " ", m.group(1))
        value = en.get(key) or en.get(key[:-1]) or en.get(key[:-2]) or slug(key)
        found.append((len(key.split()) * 10 + len(key), -m.start(), value))
    if found:
        best = max(found)
        if fuzzy and best[0] < 20:  # one word found: "romanain deadlift" may be a longer name misspelt
            longer = _fuzzy(low, en, min_words=2)
            if longer and longer.endswith(best[2]):
                return longer
        return best[2]
    return _fuzzy(low, en) if fuzzy else None


def _fuzzy(low: str, en: dict[str, str], min_words: int = 1) -> str | None:
    """A close match of 1–4 consecutive words to a known English name ("romanain deadlift", "goblit squat")."""
    words = _WORD.findall(low)
    best: tuple[float, int, str] | None = None
    names = list(en)
    for n in range(4, min_words - 1, -1):
        for i in range(len(words) - n + 1):
            gram = " ".join(words[i:i + n])
            if len(gram) < 5:
                continue
            for hit in difflib.get_close_matches(gram, names, n=1, cutoff=FUZZY_MIN):
                score = difflib.SequenceMatcher(None, gram, hit).ratio()
                cand = (score, n, en[hit])
                if best is None or cand[:2] > best[:2]:
                    best = cand
    return best[2] if best else None


def resolve(name: str, equipment: list[str] | None = None) -> Exercise | None:
    """The catalog exercise a slug most plausibly means: the exact id, else the easiest one whose name holds it,
    preferring what the person's equipment allows."""
    catalog = load_catalog()
    if name in catalog:
        return catalog[name]
    have = set(equipment) if equipment is not None else {"gym"}
    words = set(name.split("_"))
    cands = [ex for ex in catalog.values() if words <= set(ex.id.split("_")) or ex.id.endswith("_" + name)]
    if not cands:
        return None
    patterns = [ex.pattern for ex in cands]
    usual = max(set(patterns), key=patterns.count)  # "row" is a horizontal pull, not an upright row

    def rank(ex: Exercise) -> tuple:
        usable = not ex.equipment or "gym" in have or set(ex.equipment) <= have
        extra = len(set(ex.id.split("_")) - words)
        return (ex.pattern != usual, not usable, extra, LEVELS.index(ex.level), len(ex.id))
    return min(cands, key=rank)

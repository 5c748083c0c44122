"""Targets in messages: weight to lose or gain, a goal weight, and the time to reach it ("in 3 months")."""
from __future__ import annotations

import re
from typing import Any

from coach.intake.context import Ctx, groups_free
from coach.intake.numbers import APPROX, DNUM, NUM, F, number, round_half_up
from coach.intake.units import DURUNIT, WEIGHT_UNITS, WUNIT, weeks_per

_RX_DURATION = [re.compile(p, F) for p in (
    rf"(?<![a-z])(?:in|within|over|during|for)\s+(?:the\s+)?(?:next\s+|coming\s+)?(?:{APPROX}\s+)?"
    rf"(?P<n>{NUM}|an?|one)\s*-?\s*(?P<u>{DURUNIT})(?:'?s?\s+time)?",
    rf"(?P<n>{NUM})\s*-?\s*(?P<u>{DURUNIT})\s+(?:from\s+now|(?:plan|program|programme|challenge|goal|"
    rf"block|cycle|deadline|timeline|timeframe)(?![a-z]))",
    r"(?:在|用|花)\s*(?P<n>(?<![\d.])\d+(?:\.\d+)?)\s*(?:个)?\s*(?:多)?\s*(?P<u>月|星期|礼拜|周|年|天)"
    r"(?:\s*(?:内|之内|以内|里|时间|左右))?",
    r"(?P<n>(?<![\d.])\d+(?:\.\d+)?)\s*(?:个)?\s*(?:多)?\s*(?P<u>月|星期|礼拜|周|年|天)\s*(?:内|之内|以内)",
    r"(?<![了过每])(?P<n>(?<![\d.])\d+(?:\.\d+)?)\s*个?\s*(?P<u>月|星期|礼拜|周|年)\s*(?:时间|里)?\s*(?=(?:内|就|能|要|想|"
    r"把|我)?\s*(?:减|瘦|增|达到|练到|降|长|变|甩))",
)]
_RX_BARRED = re.compile(r"(?<![a-z])(?:avoid|avoiding|stop|rest|without|can'?t|cannot|mustn'?t|shouldn'?t|banned|"
                        r"barred)(?![a-z])|不要|不能|别|禁止|避免", F)
_RX_HISTORY = re.compile(r"(?<![a-z])(?:been|ago|since|past|last|have|has|had|nothing|not|never|no|haven'?t|hasn'?t|"
                         r"didn'?t|used\s+to|stopped|quit|off|anything)(?![a-z])|'ve", F)  # "nothing for 5 years": a break


def durations(ctx: Ctx) -> None:
    """"in 3 months", "within 10 weeks", "半年内", "三个月减5公斤" -> target_weeks."""
    t = ctx.text
    for i, rx in enumerate(_RX_DURATION):
        for m in rx.finditer(t):
            if not groups_free(ctx, m, "n"):
                continue
            if _RX_BARRED.search(t, max(0, m.start() - 40), m.start()):
                continue  # "avoid lifting for 3 weeks", "两周不要跑步": how long something is barred, no timeline
            if i == 0 and m.group().startswith("for") and _RX_HISTORY.search(t, max(0, m.start() - 25), m.start()):
                continue  # "been training for 3 months" is history
            raw_n = m["n"]
            n = 1.0 if raw_n in ("a", "an", "one") else number(raw_n)
            per = weeks_per(m["u"])
            if n is None or per is None:
                continue
            ctx.claim(*m.span())
            ctx.put("target_weeks", round_half_up(n * per), m.start(), personal=False)


_TARGET_NOT_AFTER = re.compile(r"\s*(?:%|percent|inch|inches|in(?![a-z])|cm|sizes?|dress|days?|weeks?|"
                               r"months?|years?|minutes?|mins?|times|reps|from|off\s+my|of\s+(?:body\s*)?fat\s*%)"
                               r"|\s*(?:个|天|周|月|年|次|厘米|公分|%|点|些)", F)
_LOSE_VERB = (r"(?<![a-z])(?:lose|losing|drop|dropping|shed|shedding|take\s+off|taking\s+off|get\s+rid\s+of|"
              r"trim|cut|burn\s+off|lose\s+(?:some\s+)?weight[,\s]+(?:about|around|like|maybe|~)?)(?![a-z])")
_GAIN_VERB = (r"(?<![a-z])(?:gain|gaining|put\s+on|putting\s+on|add|adding|pack\s+on|build|bulk\s+up\s+by|"
              r"bulk\s+by)(?![a-z])")
_ABS_BARE = (r"(?<![a-z])(?:get\s+(?:back\s+)?down\s+to|go\s+down\s+to|come\s+down\s+to|drop\s+to|"
             r"slim\s+down\s+to|lose\s+weight\s+to|"
             r"(?:goal|target|ideal|dream)\s+weight(?:\s+(?:is|of|would\s+be))?|"
             r"weight\s+(?:goal|target)(?:\s+(?:is|of))?|bulk\s+(?:up\s+)?to|gain\s+(?:weight\s+)?to|"
             r"get\s+(?:back\s+)?up\s+to)(?![a-z])")
_ABS_UNIT = (r"(?<![a-z])(?:get\s+(?:back\s+)?to|reach|hit|be\s+at|be|weigh|goal(?:\s+(?:is|of))?|"
             r"target(?:\s+(?:is|of))?|aim(?:ing)?\s+for|under|below|down\s+to|up\s+to)(?![a-z])")
_RX_TARGETS = [  # (regex, kind) kind: -1 loss, +1 gain, 0 absolute
    (re.compile(rf"{_LOSE_VERB}\s*(?:{APPROX}\s+)?(?:another\s+)?(?P<n>{NUM})\s*(?:(?:-|to)\s*{NUM}\s*)?"
                rf"(?P<u>{WUNIT})?", F), -1),
    (re.compile(rf"{_GAIN_VERB}\s*(?:{APPROX}\s+)?(?:another\s+)?(?P<n>{NUM})\s*(?:(?:-|to)\s*{NUM}\s*)?"
                rf"(?P<u>{WUNIT})?", F), 1),
    (re.compile(rf"(?P<n>{NUM})\s*(?P<u>{WUNIT})\s+(?:lighter|less|down|to\s+(?:lose|drop|shed))(?![a-z])",
                F), -1),
    (re.compile(rf"(?P<n>{NUM})\s*(?P<u>{WUNIT})\s+to\s+(?:gain|put\s+on)(?![a-z])", F), 1),
    (re.compile(rf"(?P<n>{NUM})\s*(?P<u>{WUNIT})\s+(?:heavier|more|up)(?![a-z])", F), 1),
    (re.compile(rf"{_ABS_BARE}\s*(?::|=)?\s*(?:{APPROX}\s+)?(?:around\s+)?(?P<n>{NUM})\s*(?P<u>{WUNIT})?", F), 0),
    (re.compile(rf"(?:(?:to|wanna|want\s+to|'d\s+like\s+to|would\s+like\s+to|hope\s+to|goal\s+is\s+to)\s+)"
                rf"{_ABS_UNIT}\s*(?::)?\s*(?:{APPROX}\s+)?(?P<n>{NUM})\s*(?P<u>{WUNIT})", F), 0),
    # "I'm 75kg now and want to get to 70": no unit, nothing after the number but the end of a clause
    (re.compile(rf"(?:want\s+to|wanna|'d\s+like\s+to|would\s+like\s+to|hope\s+to|goal\s+is\s+to|trying\s+to)\s+"
                rf"(?:get\s+(?:back\s+)?(?:down\s+|up\s+)?to|reach|hit|be(?:\s+at)?)\s*(?:{APPROX}\s+)?(?P<n>{NUM})"
                rf"(?:\s*(?P<u>{WUNIT})|(?=\s*(?:$|[,.!?;]|(?:by|in|within|before|and|soon|eventually)(?![a-z]))))", F), 0),
    (re.compile(rf"(?<![a-z])(?:goal|target|aim)\s*(?:weight)?\s*(?::|is|of|=)?\s*(?:{APPROX}\s+)?"
                rf"(?P<n>{NUM})\s*(?P<u>{WUNIT})", F), 0),
    (re.compile(rf"(?:减到|瘦到|降到|减至|瘦至|降至|减重到|增到|增重到|增加到|长到|练到)\s*(?:{APPROX})?\s*"
                rf"(?P<n>{DNUM})\s*(?:多|来|左右)?\s*(?P<u>{WUNIT})?", F), 0),
    (re.compile(rf"(?:目标体重|理想体重|目标)\s*(?:是|为|:|定在|在)?\s*(?P<n>{DNUM})\s*(?:多|来|左右)?\s*"
                rf"(?P<u>{WUNIT})?(?![个天周月年次%])", F), 0),
    (re.compile(rf"(?:达到|到|变成)\s*(?P<n>{DNUM})\s*(?:多|来|左右)?\s*(?P<u>{WUNIT})", F), 0),
    (re.compile(rf"(?:减重|减肥|减脂|减掉|瘦掉|甩掉|刷掉|减|瘦|掉|甩|降)(?!了)\s*(?:个)?\s*(?:{APPROX})?\s*"
                rf"(?P<n>{DNUM})\s*(?:多|来|左右)?\s*(?P<u>{WUNIT})?", F), -1),
    (re.compile(rf"(?:增重|增肌|增加|长胖|增|长|涨)(?!了)\s*(?:{APPROX})?\s*(?P<n>{DNUM})\s*(?:多|来|左右)?\s*"
                rf"(?P<u>{WUNIT})?", F), 1),
]
_RX_LIFT_AFTER = re.compile(r"\s*(?:to|on)\s+(?:my\s+)?(?:squat|bench|deadlift|lifts?|press|total|max)", F)


def targets(ctx: Ctx) -> None:
    """"lose 5 kg", "gain 3 kg", "get down to 70 kg", "减重5公斤", "瘦到60kg"."""
    t = ctx.text
    for rx, kind in _RX_TARGETS:
        for m in rx.finditer(t):
            if not groups_free(ctx, m, "n"):
                continue
            if (not m["u"] and _TARGET_NOT_AFTER.match(t, m.end())) or _RX_LIFT_AFTER.match(t, m.end()):
                continue
            n = number(m["n"])
            if n is None:
                continue
            factor = WEIGHT_UNITS[m["u"]] if m["u"] else ctx.weight_factor(m.start("n"))
            kg = round(n * factor, 1)
            ctx.claim(*m.span())
            if kind == 0:
                ctx.put("target_weight_kg", kg, m.start())
            else:
                ctx.put("target_delta_kg", kind * kg, m.start())


def infer_goal(out: dict[str, Any]) -> None:
    """A weight change or target implies the goal when no goal words were used."""
    if "goal" in out:
        return
    delta = out.get("target_delta_kg")
    if delta is None and "target_weight_kg" in out and "weight_kg" in out:
        delta = out["target_weight_kg"] - out["weight_kg"]
    if delta:
        out["goal"] = "fat_loss" if delta < 0 else "muscle_gain"

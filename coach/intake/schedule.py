"""Training habits in messages: days per week, minutes per session, sleep, and how long someone has trained."""
from __future__ import annotations

import re

from coach.intake.context import Ctx, groups_free
from coach.intake.lexicon_en import TIMES_WORDS
from coach.intake.numbers import APPROX, NUM, WEEKDAY_MARK_BASE, F, number, round_half_up
from coach.intake.units import HOURS

_RX_EXP_DURATION = [re.compile(p, F) for p in (
    rf"(?:(?<![a-z])(?:been|have|has|had)|'ve|'d)\s+(?:been\s+)?(?:training|trained|lifting|lifted|working\s+out|"
    rf"worked\s+out|exercising|exercised|running|doing\s+(?:crossfit|yoga|pilates|weights|strength\s+training)|"
    rf"going\s+to\s+(?:the|a)\s+gym|at\s+it)(?:\s+weights)?\s+(?:for\s+|since\s+)?(?:{APPROX}\s+)?"
    rf"(?:the\s+(?:past|last)\s+)?(?P<n>{NUM}|an?)\s*\+?\s*(?P<u>years?|yrs?|months?)(?![a-z])",
    rf"(?<![a-z])(?:training|lifting|working\s+out|exercising)\s+for\s+the\s+(?:past|last)\s+"
    rf"(?P<n>{NUM}|an?)\s*(?P<u>years?|yrs?|months?)(?![a-z])",
    rf"(?P<n>{NUM}|an?)\s*\+?\s*(?P<u>years?|yrs?|months?)\s+(?:of\s+)?(?:experience|training|lifting|"
    rf"working\s+out|exercise|exercising|gym|running)(?![a-z])",
    r"(?:练|健身|锻炼|运动|跑步|撸铁|训练|举铁)(?:了|过)\s*(?:大概|差不多|有|快|将近|大约)?\s*"
    r"(?P<n>(?<![\d.])\d+(?:\.\d+)?)\s*(?:多)?\s*(?:个)?\s*(?P<u>年|月)",
    r"(?:健身|训练|运动|锻炼|撸铁)\s*(?:已经)?(?:有)?\s*(?P<n>(?<![\d.])\d+(?:\.\d+)?)\s*(?:多)?\s*(?:个)?\s*(?P<u>年|月)(?:了)?",
    r"(?P<n>(?<![\d.])\d+(?:\.\d+)?)\s*(?:多)?\s*(?P<u>年)(?:的)?(?:健身|训练|运动|锻炼)?(?:经验|经历)",
    # "lifting 4-5x a week for 3 years": a habit and how long it has lasted (not a target)
    rf"(?<![a-z])(?:lifting|training|working\s+out|exercising|running|going\s+to\s+the\s+gym)(?![a-z])[^.;!?]{{0,30}}?"
    rf"(?<![a-z])for\s+(?:{APPROX}\s+)?(?:the\s+(?:past|last)\s+)?(?P<n>{NUM}|an?)\s*\+?\s*(?P<u>years?|yrs?)(?![a-z])",
)]
_FUTURE = re.compile(r"(?<![a-z])(?:want|wanna|will|plan|planning|going\s+to|hope|goal|aim|next|would)(?![a-z])|'ll", F)


def experience_from_duration(ctx: Ctx) -> None:
    """"been lifting for 2 years", "练了半年" -> experience (and currently active for "been ...")."""
    for rx in _RX_EXP_DURATION:
        for m in rx.finditer(ctx.text):
            if not groups_free(ctx, m, "n"):
                continue
            n = 1.0 if m["n"] in ("a", "an") else number(m["n"])
            if n is None or _FUTURE.search(ctx.text, max(0, m.start() - 30), m.start()):
                continue  # "I want to keep training for 2 years" is a plan, not experience
            years = n if m["u"][0] in "y年" else n / 12
            level = "beginner" if years < 0.5 else "intermediate" if years < 3 else "advanced"
            ctx.claim(m.start("n") if rx is _RX_EXP_DURATION[-1] else m.start(), m.end())  # the habit is free
            ctx.put("experience", level, m.start(), weak=True)
            if m.group().startswith(("been", "have been", "'ve been", "has been")):
                ctx.put("currently_active", True, m.start(), weak=True)


_RX_SLEEP = [re.compile(p, F) for p in (
    rf"(?<![a-z])sleep(?:ing|s)?(?![a-z])(?:\s+(?:only|about|around|like|roughly|maybe|usually|for|"
    rf"normally|typically|is|~|avg|average|of)(?![a-z]))*\s*~?\s*(?P<n>{NUM})\s*(?:(?:-|to|or)\s*"
    rf"(?P<n2>{NUM})\s*)?(?:{HOURS})?(?!\s*(?:%|kg|lb|min|days?|times))",
    rf"(?P<n>{NUM})\s*(?:(?:-|to|or)\s*(?P<n2>{NUM})\s*)?{HOURS}\s+(?:of\s+)?(?:sleep|a\s+night|"
    rf"per\s+night|each\s+night|every\s+night|nightly|at\s+night|of\s+shut-?eye)",
    r"(?:睡|睡眠|睡觉)\s*(?:时间)?\s*(?:大概|大约|一般|通常|平均|只有|才|差不多|每天|每晚|是|有|约|能|只能|就)*"
    r"\s*(?P<n>(?<![\d.])\d+(?:\.\d+)?)\s*(?:(?:-|到|至)\s*(?P<n2>\d+(?:\.\d+)?))?\s*(?:个)?\s*(?:多)?\s*"
    r"(?:小时|钟头|h)?(?![\d.%公斤])",
    r"(?:每晚|每天晚上)\s*(?:睡)?\s*(?P<n>(?<![\d.])\d+(?:\.\d+)?)\s*(?:个)?\s*(?:小时|钟头)",
)]


def sleep(ctx: Ctx) -> None:
    """"sleep 7 hours", "6-7 hours a night", "每天睡7个小时" (a range gives its middle)."""
    for rx in _RX_SLEEP:
        for m in rx.finditer(ctx.text):
            if not groups_free(ctx, m, "n", "n2"):
                continue
            a, b = number(m["n"]), number(m["n2"]) if m["n2"] else None
            if a is None:
                continue
            ctx.claim(*m.span())
            ctx.put("sleep_hours", round((a + b) / 2 if b is not None else a, 2), m.start())


_RX_MINUTES = [re.compile(p, F) for p in (
    rf"(?P<h>{NUM})\s*-?\s*{HOURS}\s*(?:and\s+)?(?P<m>\d{{1,2}})\s*(?:minutes?|mins?|min|m)(?![a-z])",
    r"(?<![\d.])(?P<h>\d{1,2})\s*h\s*(?P<m>\d{2})(?![\d])",
    rf"(?P<m>{NUM})\s*(?:(?:-|to|or)\s*{NUM}\s*)?-?\s*(?:minutes?|mins?|min)(?![a-z])",
    rf"(?P<h>{NUM})\s*(?:(?:-|to|or)\s*{NUM}\s*)?-?\s*{HOURS}",
    r"(?P<h>(?<![\d.])\d+(?:\.\d+)?)\s*(?:-\s*\d+(?:\.\d+)?\s*)?(?:个)?\s*(?:小时|钟头|个钟)"
    r"(?:\s*(?P<m>\d{1,2})\s*分(?:钟)?)?",
    r"(?P<m>(?<![\d.])\d+)\s*(?:-\s*\d+\s*)?(?:分钟|分鐘)",
)]
_RX_NOT_SESSION = re.compile(r"\s*(?:ago|away|later|from|drive|driving|commute|walk(?:ing)?\s+(?:from|to|away)|"
                             r"by\s+car|"
                             r"of\s+(?:sleep|commut\w*|driving|sitting|screen)|a\s+night|"
                             r"per\s+night|at\s+(?:my\s+)?desk|sitting)(?![a-z])", F)
_RX_NOT_TRAINING = re.compile(r"(?<![a-z])(?:(?:work|works|working)(?!\s*-?\s*outs?)|job|shifts?|commute|"
                              r"commuting|sit|sitting|desk|sleep|sleeping|slept|drive|driving|study|studying|"
                              r"screen|meeting|ago|nap)(?![a-z])|"
                              r"上班|工作|通勤|坐|开车|学习|睡", F)


SLEEP_LIKE_HOURS = (4, 12)  # a bare "N hours" in this range, with no word about training, is a night's sleep
_RX_TRAINING = re.compile(r"(?<![a-z])(?:train\w*|work\s*-?\s*outs?|exercis\w*|sessions?|gym|run\w*|rid\w+|cycl\w+|"
                          r"swim\w*|hik\w+|walk\w*|lift\w*|practi[cs]e|each|per\s+day|a\s+day)(?![a-z])|"
                          r"练|训练|锻炼|运动|健身|跑|骑|游|走|每次|一次", F)


def session_minutes(ctx: Ctx) -> None:
    """"45 minutes", "an hour", "1.5 hours", "1h30", "半小时" -> minutes_per_session."""
    for rx in _RX_MINUTES:
        for m in rx.finditer(ctx.text):
            names = [g for g in ("h", "m") if g in rx.groupindex]
            if not groups_free(ctx, m, *names) or _RX_NOT_SESSION.match(ctx.text, m.end()):
                continue
            lo, hi = ctx.segment(m.start())
            if _RX_NOT_TRAINING.search(ctx.text, lo, m.start()):
                ctx.claim(*m.span())
                continue  # "I work 12 hours a day", "my commute is 45 minutes"
            hours = number(m["h"]) if "h" in rx.groupindex and m["h"] else 0.0
            minutes = number(m["m"]) if "m" in rx.groupindex and m["m"] else 0.0
            if hours is None or minutes is None:
                continue
            ctx.claim(*m.span())
            if not minutes and SLEEP_LIKE_HOURS[0] <= hours <= SLEEP_LIKE_HOURS[1] \
                    and not _RX_TRAINING.search(ctx.text, lo, hi):
                nums = [float(x) for x in re.findall(r"\d+(?:\.\d+)?", m[0])]  # "7-8 hours": its middle
                ctx.put("sleep_hours", round(sum(nums) / len(nums), 2) if len(nums) == 2 else hours, m.start())
                continue
            ctx.put("minutes_per_session", round_half_up(hours * 60 + minutes), m.start(), personal=False)


_FREQ_UNIT = (r"(?:x|times?|days?|sessions?|workouts?|trainings?|training\s+(?:sessions?|days?)|classes|"
              r"runs|rides|swims|workout\s+days|gym\s+days|gym\s+sessions)")
_FREQ_FILLER = (r"(?:(?:\d+\s*-?\s*min(?:ute)?s?|\d+-[a-z]+|(?!(?:kg|kgs|kilos?|lbs?|pounds?|cm|minutes?|mins?|"
                r"hours?|in|a|per)(?![a-z]))[a-z][a-z'-]*)\s+)")
_PER_WEEK = r"(?:(?:a|per|each|every|/|in\s+a|in\s+the)\s*(?:week|wk)(?![a-z])|weekly|a-week)"
_RX_DAYS = [re.compile(p, F) for p in (
    rf"(?P<n>{NUM})\s*(?:(?:-|to|or)\s*{NUM}\s*)?{_FREQ_FILLER}{{0,3}}?{_FREQ_UNIT}(?![a-z])\s*"
    rf"(?:of\s+\w+\s+)?{_PER_WEEK}",
    rf"(?P<w>once|twice|thrice)\s*(?:{_PER_WEEK}|(?:a|per)\s+wk)",
    rf"(?<![a-z])(?:train|work\s*out|workout|exercise|lift|run|go\s+to\s+the\s+gym|free|available|do)"
    rf"\s+(?:for\s+)?(?:{APPROX}\s+)?(?P<n>{NUM})\s+days?(?!\s*(?:ago|in\s+a\s+row|straight|off|later|"
    rf"before|after|until|per\s+month|a\s+month))(?![a-z])",
    rf"(?<![a-z])days?\s*(?:per|a|/)\s*week\s*(?::|=|is|are)?\s*(?P<n>{NUM})",
    rf"(?<![a-z])(?:days|training\s+days|frequency)\s*:\s*(?P<n>{NUM})(?!\s*(?:min|h|kg|lb|%|/|:))",
    r"(?:每|(?<![\d.])1|一|每个)\s*(?:周|星期|礼拜|个星期|个礼拜)\s*(?:大概|差不多|大约|可以|能|会|打算|计划|想|准备|只能|"
    r"最多|至少|基本|一般|都)*\s*(?:练|训练|运动|锻炼|健身|去健身房|去|跑步|跑|上课|练习|游泳)?\s*(?:个)?\s*"
    r"(?P<n>(?<![\d.])\d+)\s*(?:(?:-|到|至|~)\s*\d+\s*)?(?:天|次|练|回|趟)",
    r"(?P<n>(?<![\d.])\d+)\s*(?:天|次)\s*(?:/|每)\s*(?:周|星期)",
    # "3 days, 40 minutes", "3天，每次40分钟": a schedule given as days beside a session length
    rf"(?<![\d.])(?P<n>[1-7])\s*(?:days?|x|times?|sessions?)\s*(?:,|;|and|&|x|×|of|at|@|with)?\s*"
    rf"(?:{APPROX}\s+)?{NUM}\s*-?\s*(?:minutes?|mins?)(?![a-z])",
    r"(?<![\d.])(?P<n>[1-7])\s*(?:天|次)\s*[,，、]?\s*(?:每次|一次)?\s*(?:大概|大约)?\d+\s*分钟",
)]
_RX_DAILY = re.compile(
    r"(?<![a-z])(?:train|training|work\s*out|working\s+out|workouts?|exercise|exercising|sessions?|"
    r"practice|move)\s+(?:every\s*day|daily|each\s+day|7\s+days)(?![a-z])|(?<![a-z])(?:every\s*day|daily)"
    r"\s+(?:workouts?|sessions?|training|exercise)(?![a-z])|(?:每天|天天)(?:都)?(?:可以|能|会|想)?"
    r"(?:练|运动|锻炼|训练|健身)", F)
_RX_WEEKEND = re.compile(r"(?<![a-z])(?:only\s+)?(?:on|at)\s+(?:the\s+)?weekends?(?![a-z])|"
                         r"(?<![a-z])weekends?\s+only(?![a-z])|(?:只有|只能|仅)?周末(?:练|运动|锻炼|有空|才)", F)
_RX_WEEKDAYS = re.compile(r"(?<![a-z])(?:on\s+)?weekdays(?![a-z])|工作日", F)
_RX_DAY_NAMES = re.compile(r"(?<![a-z])(monday|tuesday|wednesday|thursday|friday|saturday|sunday)s?(?![a-z])"
                           r"|(?<![a-z])(mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?=\s*[/,&]\s*"
                           r"(?:mon|tue|wed|thu|fri|sat|sun))|(?<=[/,&])\s*(mon|tue|tues|wed|thu|thur|"
                           r"thurs|fri|sat|sun)(?![a-z])", F)
_DAY_INDEX = {d: i for i, d in enumerate(("mo", "tu", "we", "th", "fr", "sa", "su"))}
_DAY = r"(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|nesday|sday|urday|rsday)?"
_RX_DAY_RANGE = re.compile(rf"(?<![a-z])(?:from\s+)?(?P<a>{_DAY})s?(?![a-z])\s*(?:to|through|thru|till|until|-)\s*"
                           rf"(?P<b>{_DAY})s?(?![a-z])", F)
_RX_WEEKDAY_MARK = re.compile("[\ue101-\ue107]")


# "20 minutes on weekdays", "6 on school nights, 10 on weekends": weekdays qualify another number, no day count
_QUALIFIES = re.compile(r"(?:\d|minutes?|mins?|hours?|hrs?|分钟|小时)\s*(?:[a-z]+\s+){0,2}?(?:on\s+|at\s+)?$|\d\s*(?:个)?(?:小时|"
                        r"分钟)?\s*$", F)


def _named_days(ctx: Ctx) -> None:
    """"weekends", "weekdays", "Mon to Fri", "Mon/Wed/Fri", "周一三五" -> days_per_week."""
    t = ctx.text
    for m in _RX_WEEKDAY_MARK.finditer(t):
        ctx.put("days_per_week", ord(m.group()) - WEEKDAY_MARK_BASE, m.start(), personal=False)
    for m in _RX_DAILY.finditer(t):
        ctx.put("days_per_week", 7, m.start(), personal=False)
    for rx, days in ((_RX_WEEKEND, 2), (_RX_WEEKDAYS, 5)):
        for m in rx.finditer(t):
            if not _QUALIFIES.search(t, max(0, m.start() - 24), m.start()):
                ctx.put("days_per_week", days, m.start(), weak=True, personal=False)
    span = _RX_DAY_RANGE.search(t)
    if span:
        a, b = _DAY_INDEX[span["a"][:2]], _DAY_INDEX[span["b"][:2]]
        ctx.put("days_per_week", (b - a) % 7 + 1, span.start(), weak=True, personal=False)
    elif "remind" not in t:
        names = {(g[0] or g[1] or g[2])[:2] for g in _RX_DAY_NAMES.findall(t)}
        first = _RX_DAY_NAMES.search(t)
        if len(names) >= 2 and first is not None:
            ctx.put("days_per_week", len(names), first.start(), weak=True, personal=False)


def frequency(ctx: Ctx) -> None:
    """"4 days a week", "twice a week", "每周练4天", "周一三五" -> days_per_week."""
    for rx in _RX_DAYS:
        for m in rx.finditer(ctx.text):
            if not groups_free(ctx, m, *[g for g in ("n", "w") if g in rx.groupindex]):
                continue
            n = TIMES_WORDS[m["w"]] if "w" in rx.groupindex and m["w"] else number(m["n"])
            if n is None:
                continue
            ctx.claim(*m.span())
            ctx.put("days_per_week", round_half_up(n), m.start(), personal=False)
    _named_days(ctx)

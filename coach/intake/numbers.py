"""Numbers in messages: English number words, Chinese numerals, full-width digits, and text normalisation.

`normalize` rewrites a message once (NFKC, ASCII quotes, Arabic numerals, "half" phrases) so every extractor
reads the same text; `number` reads digits or English number words.
"""
from __future__ import annotations

import math
import re
import unicodedata

from coach.intake.lexicon_en import WORD_NUMBERS
from coach.intake.lexicon_zh import CN_DIGITS, CN_ONE_KEEP_NEXT, CN_ONE_KEEP_PREV, CN_UNITS, CN_WEEKDAYS

F = re.A  # every pattern here is compiled ASCII-mode: \b, \w, \d only see ASCII
CJK = re.compile(r"[\u3000-\u9fff\uf900-\ufaff]")
LATIN = re.compile(r"[a-z]")

_ONES = "one|two|three|four|five|six|seven|eight|nine"
_TEENS = "ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen"
_TENS = "twenty|thirty|forty|fourty|fifty|sixty|seventy|eighty|ninety"
WORD_NUM = rf"(?<![a-z])(?:(?:{_TENS})(?:[- ](?:{_ONES}))?|{_TEENS}|{_ONES}|zero)(?![a-z])"
NUM = rf"(?:(?<![\d.])\d+(?:\.\d+)?(?![\d])|{WORD_NUM})"
DNUM = r"(?<![\d.])\d+(?:\.\d+)?(?![\d])"  # digits only
APPROX = (r"(?:about|around|approximately|approx\.?|roughly|maybe|like|~|nearly|almost|over|under|some|"
          r"another|an\s+extra|at\s+least|up\s+to|just|only|at\s+most|大概|大约|约|差不多|左右)")
# words that may stand between a keyword and its number ("weight is about 75", "体重大概75")
FILLER = (r"(?:\s*(?:is|was|are|am|'s|of|at|about|around|approximately|approx\.?|roughly|currently|"
          r"now|right\s+now|usually|normally|typically|generally|maybe|probably|like|just|only|exactly|"
          r"almost|nearly|reading|reads|measured|at\s+rest|in\s+the\s+morning|when\s+resting|~|:|=|-|"
          r"是|大概|大约|约|差不多|在|为|有|现在|目前|"
          r"只有|才|一般|平时|通常|大致|都)){0,4}\s*")
WEEKDAY_MARK_BASE = 0xE100  # private-use characters standing for "trains on n named weekdays" (n = 1..7)

_RX_WORD_SPLIT = re.compile(r"[-\s]+")
_PUNCT_MAP = str.maketrans({"’": "'", "‘": "'", "′": "'", "´": "'", "`": "'", "”": '"', "“": '"',
                            "″": '"', "–": "-", "—": "-", "−": "-", "〜": "~", "～": "~", "×": "x",
                            "﹐": ",", "､": "、", "｡": "。"})
_CN_RUN = re.compile(r"[零〇一二两三四五六七八九十百千万]+")
_CN_WEEKDAY_LIST = re.compile(r"(?:每)?(?:周|星期|礼拜)([一二三四五六日天])"
                              r"((?:(?:、|,|和|及|跟)?(?:周|星期|礼拜)?[一二三四五六日天])++)(?![次天回个])")
_CN_WEEKDAY_RANGE = re.compile(r"(?:周|星期|礼拜)([一二三四五六日天])\s*(?:到|至|-|~)\s*"
                               r"(?:周|星期|礼拜)?([一二三四五六日天])")
_SPACES = re.compile(r"[^\S\n]+")
_NEWLINES = re.compile(r"\s*\n\s*")
_CN_FIXES = [
    (re.compile(r"(?<![\d.])(\d+)\s*个半\s*(小时|钟头|月)"), r"\1.5个\2"),
    (re.compile(r"半\s*个?\s*(小时|钟头|月)(?!板)"), r"0.5个\1"),
    (re.compile(r"(?<![\d.])半年"), "0.5年"),
    (re.compile(r"(?<![\d.])(\d+)\s*年半"), r"\1.5年"),
    (re.compile(r"(?<![\d.])(\d+)\s*斤半"), r"\1.5斤"),
    (re.compile(r"百分之\s*(\d+(?:\.\d+)?)"), r"\1%"),
    (re.compile(r"(?<![\d.])(\d+)点(\d+)(?=\s*(?:米|公斤|千克|斤|个?小时|磅|%))"), r"\1.\2"),
    # "体重七十点五", "72点5", "一百七十五点五": a decimal point; a clock time ("7点30", "早上7点5分") is left alone
    (re.compile(r"(?<![\d.])([2-9]\d|\d{3})\s*点\s*(\d{1,2})(?![\d分刻钟])"), r"\1.\2"),
    (re.compile(r"(?<![\d.])(?<!早上|上午|下午|晚上|凌晨|中午|傍晚|每天|明天|今天|早晨|今晚|明早|每晚)(\d{1,2})点(\d)"
                r"(?![\d分刻钟半])(?!\s*(?:提醒|叫|起床|开始|出发|前|以前|之前|后|以后|之后|到|的时候|见|睡|吃))"), r"\1.\2"),
]


def number(s: str | None) -> float | None:
    """Parse digits or English number words ("thirty-four"); None when not a finite number."""
    if not s:
        return None
    s = s.strip().lower()
    try:
        value = float(s)
    except ValueError:
        parts = [p for p in _RX_WORD_SPLIT.split(s) if p]
        if not parts or any(p not in WORD_NUMBERS for p in parts):
            return None
        value = float(sum(WORD_NUMBERS[p] for p in parts))
    return value if math.isfinite(value) else None


def round_half_up(x: float) -> int:
    """Conventional rounding (2.5 -> 3), unlike Python's banker's round."""
    return int(math.floor(x + 0.5))


def _half(m: re.Match[str]) -> str:
    """"two and a half hours" -> "2.5 hours"."""
    return f"{(number(m['n']) or 0 if m['n'].lower() not in ('a', 'an') else 1) + 0.5:g} {m['u']}"


_EN_HALVES = [
    (re.compile(rf"(?<![a-z])(?P<n>{NUM}|an?)\s+and\s+a\s+half\s+(?P<u>hours?|months?|years?|weeks?)", re.I | F),
     _half),
    (re.compile(r"(?<![a-z])(?:an?|one)\s+(?P<u>hour|year|month|week|day)\s+and\s+a\s+half(?![a-z])", re.I | F),
     lambda m: f"1.5 {m['u']}s"),
    (re.compile(r"(?<![a-z])half\s+(?:an?\s+)?(?P<u>hour|year|month|week)(?![a-z])", re.I | F),
     lambda m: f"0.5 {m['u']}"),
    (re.compile(r"(?<![a-z])an?\s+(?P<u>hour|month|year)(?![a-z])", re.I | F), lambda m: f"1 {m['u']}"),
    (re.compile(r"(?<![a-z])a\s+fortnight(?![a-z])", re.I | F), lambda m: "2 weeks"),
    (re.compile(r"(?<![a-z])a\s+couple\s+(?:of\s+)?(?P<u>days|weeks|months|years|hours|times)(?![a-z])",
                re.I | F), lambda m: f"2 {m['u']}"),
    # "7ish hours", "80-ish kg": the number, approximately (the unit after it then tells what it is)
    (re.compile(r"(?<=\d)\s*-?\s*ish(?![a-z])", re.I | F), lambda m: ""),
]


def cn_int(run: str) -> int | None:
    """Value of a Chinese numeral written with 十/百/千/万 (一百五 is 150, 两万三 is 23000)."""
    total = section = 0
    num: int | None = None
    last_unit = 0
    after_zero = False
    for ch in run:
        if ch in CN_DIGITS:
            d = CN_DIGITS[ch]
            if d == 0:
                after_zero, num = True, None
                continue
            if num is not None:
                return None
            num = d
        elif ch in CN_UNITS:
            section += (1 if num is None else num) * CN_UNITS[ch]
            num, last_unit, after_zero = None, CN_UNITS[ch], False
        else:  # 万
            total += (section + (num or 0)) * 10000
            section, num, last_unit, after_zero = 0, None, 10000, False
    if num is not None:
        section += num * (last_unit // 10) if last_unit >= 100 and not after_zero else num
    return total + section


def _cn_value(run: str, after_mi: bool) -> str | None:
    """Arabic form of a Chinese numeral run; "三四" (3 or 4) becomes the range "3-4"."""
    if any(ch in CN_UNITS or ch == "万" for ch in run):
        value = cn_int(run)
        return None if value is None or value > 10**9 else str(value)
    digits = [CN_DIGITS[ch] for ch in run]
    if len(digits) == 1:
        return str(digits[0])
    if after_mi or len(digits) >= 3 or 0 in digits:
        return "".join(map(str, digits[:12]))
    a, b = digits
    return f"{a}-{b}" if b == a + 1 or (a, b) == (1, 2) else f"{a}{b}"


def convert_cn_numerals(s: str) -> str:
    """Replace Chinese numeral runs with Arabic digits, leaving words like 一般 and 千克 alone."""
    if not _CN_RUN.search(s):
        return s
    out: list[str] = []
    last = 0
    for m in _CN_RUN.finditer(s):
        a, b = m.span()
        run = m.group()
        if run.endswith("千") and s[b:b + 1] in ("克", "米", "卡", "瓦", "焦"):
            run, b = run[:-1], b - 1
        if not run or run[0] in "百千万":
            continue
        prev, nxt = s[a - 1:a], s[b:b + 1]
        if run == "一" and (nxt in CN_ONE_KEEP_NEXT or prev in CN_ONE_KEEP_PREV):
            continue
        value = _cn_value(run, after_mi=prev == "米")
        if value is None:
            continue
        out += [s[last:a], value]
        last = b
    out.append(s[last:])
    return "".join(out)


def _weekday_marker(count: int) -> str:
    """A private-use character standing for "trains on `count` named weekdays"."""
    return chr(WEEKDAY_MARK_BASE + max(1, min(count, 7)))


def _weekday_range(m: re.Match[str]) -> str:
    """"周一到周五" -> marker for 5 days."""
    a, b = CN_WEEKDAYS[m[1]], CN_WEEKDAYS[m[2]]
    return _weekday_marker(b - a + 1) if b > a else m.group()


def _weekday_list(m: re.Match[str]) -> str:
    """"周一三五" -> marker for 3 days."""
    days = {CN_WEEKDAYS[m[1]]} | {CN_WEEKDAYS[c] for c in m[2] if c in CN_WEEKDAYS}
    return _weekday_marker(len(days)) if len(days) >= 2 else m.group()


def mark_cn_weekdays(s: str) -> str:
    """Turn "周一三五" / "周一到周五" into day-count markers before numerals are converted."""
    if "周" not in s and "星期" not in s and "礼拜" not in s:
        return s
    return _CN_WEEKDAY_LIST.sub(_weekday_list, _CN_WEEKDAY_RANGE.sub(_weekday_range, s))


def lower_keep_length(s: str) -> str:
    """Lower-case without changing the string's length (so positions stay aligned)."""
    low = s.lower()
    if len(low) == len(s):
        return low
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in s)


# a decimal comma: before a unit of weight, height or percent ("72,5 kg", "1,75 m", "23,5%"), or a whole answer
# like "72,5" (two digits or more before it: "3,4" may be "3 or 4", "1,200" is a thousand separator)
_DECIMAL_COMMA = re.compile(r"(?<![\d.,])(\d{1,3}),(\d{1,2})(?![\d,])(?=\s*(?:kgs?|kilos?|kilograms?|lbs?|pounds?|cm|m|"
                            r"%|公斤|千克|斤|厘米|米)(?![a-z]))|^(\d{2,3}),(\d)\s*$", re.I)


def normalize(text: str) -> tuple[str, str]:
    """Return (cased, lower-cased) normalised text of equal length: NFKC, ASCII quotes, Arabic numerals."""
    s = unicodedata.normalize("NFKC", text).translate(_PUNCT_MAP)
    s = _NEWLINES.sub("\n", _SPACES.sub(" ", s)).strip()
    s = _DECIMAL_COMMA.sub(lambda m: f"{m[1] or m[3]}.{m[2] or m[4]}", s)  # "72,5 kg": a decimal comma, never 5 kg
    s = mark_cn_weekdays(s)
    s = convert_cn_numerals(s)
    for rx, rep in _CN_FIXES:
        s = rx.sub(rep, s)
    for rx, fn in _EN_HALVES:
        s = rx.sub(fn, s)
    return s, lower_keep_length(s)

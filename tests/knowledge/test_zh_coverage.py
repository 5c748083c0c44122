"""Chinese coverage of the passages a plan cites: every English passage with a `plan:` tag has a zh translation
(a zh passage whose translation_of names it) with the same tags and the same numbers.

Numbers are compared as a multiset of the digits in the title and text after these normalisations (`numbers`):
- notation: thousands separators ("1,000" = "1000"), sub/superscript and full-width digits ("VO₂", "kg/m²");
  the "2" of VO2max/VO2peak and the "1" of 1RM / one-repetition maximum are part of a term's name, not numbers
  (VO2max = VO₂max = 最大摄氧量, 1RM = one-rep max).
- English number words two..twenty count as digits, "twice" as 2, "half" as 0.5 where it is a quantity
  ("half a kilogram", "half the range", "two and a half"). "one" and "a" are left out: they double as the article,
  so the word one counts only in a range ("one to two", "one or two", "a day or two" = 1-2 days).
- Chinese numerals (一二两三…十, 十五, 二十, 一百五十) count where a quantity word follows them (次, 组, 分钟, 周,
  倍, 公斤, 个…), also in ranges (两到三次, 一两天); 半 before such a word and 一半 count as 0.5. A lone 一 is left
  out for the same reason as "one" (一次, 一周 also mean "once", "a week"), and so are ordinals (第二天).
A remaining difference is allowed only where one language writes out a unit conversion (UNIT_CONVERSIONS) or where
the zh deliberately localises (LOCALISED_EXTRAS: numbers only the zh may carry); each entry gives the exact
difference and a one-line reason. Anything else is a translation to correct.
"""
from __future__ import annotations

import re
from collections import Counter
from types import SimpleNamespace

import pytest

from knowledge.corpus import load_passages

_DIGITS = str.maketrans("₀₁₂₃₄₅₆₇₈₉⁰¹²³⁴⁵⁶⁷⁸⁹０１２３４５６７８９", "012345678901234567890123456789")
_THOUSANDS = re.compile(r"(?<=\d),(?=\d{3}(?!\d))")
_NUMBER = re.compile(r"\d+(?:\.\d+)?")
_TERMS = re.compile(r"(?i)\bVO2(?=\s*(?:max|peak))|(?<![\d–-])1\s?RM\b|\bone[- ]rep(?:etition)?[- ]max(?:imum)?\b")
_EN = dict(zip("two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
               "seventeen eighteen nineteen twenty".split(), map(str, range(2, 21))), twice="2")
_EN_WORD = re.compile(r"(?i)\b(" + "|".join(_EN) + r")\b")
_EN_ONE = re.compile(r"(?i)\bone(?=\s+(?:to|or)\s+(?:\d+|" + "|".join(_EN) + r")\b)|(?<=\bor\s)one\b"
                     r"|\b(?:a|an|every|the)(?=\s+[a-z]+\s+or\s+two\b)")
_EN_HALF = re.compile(r"(?i)\bhalf(?=\s+(?:a|an|the|of)\b)|(?<=\ba\s)half\b")
_ZH_DIGIT = dict(zip("零一二两三四五六七八九", "01223456789"))
_ZH_NUM = "[零一二两三四五六七八九十百千]+"
_ZH_UNIT = ("个|次|组|分钟|小时|秒|天|日|周|星期|月|年|岁|倍|公斤|千克|克|毫克|升|毫升|杯|餐|顿|步|项|种|条|段|轮|节|件"
            "|部分|类|区间|份|公里|千米|米|厘米|磅|级|块|遍|套|侧|只")
_ZH_QUANTITY = re.compile(rf"(?<!第){_ZH_NUM}(?:\s*(?:到|至|或|、|~|～|–|-)\s*{_ZH_NUM})*(?=多?余?(?:{_ZH_UNIT}))"
                          rf"|半(?=(?:{_ZH_UNIT}))|一半")


def _zh_value(numeral: str) -> list[str]:
    """十五 -> 15, 一百五十 -> 150, 两 -> 2; 一两 / 两三 (a rough range) -> one digit each; 半 / 一半 -> 0.5."""
    if numeral in ("半", "一半"):
        return ["0.5"]
    if not re.search("[十百千]", numeral):
        if len(numeral) > 1 and len(set(numeral)) == len(numeral):
            return [_ZH_DIGIT[c] for c in numeral]
        return [str(int("".join(_ZH_DIGIT[c] for c in numeral)))]
    total, digit = 0, 0
    for c in numeral:
        if c in _ZH_DIGIT:
            digit = int(_ZH_DIGIT[c])
        else:
            total += (digit or 1) * {"十": 10, "百": 100, "千": 1000}[c]
            digit = 0
    return [str(total + digit)]


def _zh_quantity(m: re.Match) -> str:
    parts = re.findall("一半|" + _ZH_NUM + "|半", m.group(0))
    if parts == ["一"]:
        return m.group(0)
    return " " + " ".join(v for part in parts for v in _zh_value(part)) + " "


def numbers(passage) -> Counter:
    """The numbers in a passage's title and text, normalised as the module docstring describes."""
    text = _THOUSANDS.sub("", f"{passage.title}\n{passage.text}".translate(_DIGITS))
    text = _TERMS.sub(lambda m: "VO" if m.group(0).upper() == "VO2" else "RM", text)
    text = _EN_ONE.sub(" 1 ", text)
    text = _EN_HALF.sub(" 0.5 ", text)
    text = _EN_WORD.sub(lambda m: f" {_EN[m.group(1).lower()]} ", text)
    text = _ZH_QUANTITY.sub(_zh_quantity, text)
    return Counter(_NUMBER.findall(text))


_PASSAGES = load_passages()
PLAN_EN = sorted(p.id for p in _PASSAGES if p.language == "en" and any(t.startswith("plan:") for t in p.tags))
_BY_ID = {p.id: p for p in _PASSAGES}
_ZH = {p.translation_of: p for p in _PASSAGES if p.language == "zh" and p.translation_of}
TRANSLATED = [pid for pid in PLAN_EN if pid in _ZH]

# english id -> (numbers only in the English, numbers only in the Chinese, why)
UNIT_CONVERSIONS: dict[str, tuple[dict[str, int], dict[str, int], str]] = {
    "kb-weight-loss-001": ({"1": 1, "2": 1}, {}, "the English adds pounds to '0.5-1 kg (1-2 lb)'; the zh gives kg only"),
}

_CN_120 = "the zh names China's emergency number 120 where the English says 'emergency services'"
# english id -> (numbers only the zh carries, why): deliberate localisation, not translation drift
LOCALISED_EXTRAS: dict[str, tuple[dict[str, int], str]] = {
    "kb-bp-001": ({"2017": 1, "2018": 1, "1": 6, "2": 5, "3": 2, "80": 1, "89": 1, "90": 2, "99": 1, "100": 1,
                   "109": 1, "110": 1, "130": 1, "139": 1, "140": 2, "159": 1, "160": 1, "179": 1, "180": 1},
                  "the zh labels the ACC/AHA stages and adds the Chinese 2018 guideline grades (see "
                  "test_chinese_bp_passage_does_not_call_acc_aha_stages_grades)"),
    "kb-hard-stop-001": ({"120": 1}, _CN_120),
    "kb-stroke-001": ({"120": 1}, _CN_120),
    "kb-warning-signs-001": ({"120": 1}, _CN_120),
}


def _difference(pid: str) -> tuple[dict[str, int], dict[str, int]]:
    en, zh = numbers(_BY_ID[pid]), numbers(_ZH[pid])
    return dict(en - zh), dict(zh - en)


def test_every_plan_passage_has_a_zh_translation():
    missing = [pid for pid in PLAN_EN if pid not in _ZH]
    assert missing == [], f"English plan passages without a zh translation: {missing}"


@pytest.mark.parametrize("pid", TRANSLATED)
def test_translation_is_well_formed_and_keeps_the_tags(pid):
    zh = _ZH[pid]
    assert zh.id == f"{pid}-zh" and zh.language == "zh"
    assert list(zh.tags) == list(_BY_ID[pid].tags)
    assert zh.topic == _BY_ID[pid].topic
    # the source line stays in English; a zh that adds a localised paragraph may append that paragraph's source
    assert zh.source.startswith(_BY_ID[pid].source)


@pytest.mark.parametrize("pid", TRANSLATED)
def test_translation_keeps_every_number(pid):
    en_only, zh_only, _why = UNIT_CONVERSIONS.get(pid, ({}, {}, ""))
    zh_only = {**zh_only, **LOCALISED_EXTRAS.get(pid, ({}, ""))[0]}
    assert _difference(pid) == (en_only, zh_only)


def test_exceptions_name_translated_plan_passages_once():
    listed = [*UNIT_CONVERSIONS, *LOCALISED_EXTRAS]
    assert len(listed) == len(set(listed))
    assert [pid for pid in listed if pid not in TRANSLATED] == []
    assert all(why for *_diff, why in (*UNIT_CONVERSIONS.values(), *LOCALISED_EXTRAS.values()))


@pytest.mark.parametrize(("text", "expected"), [
    ("1,000 steps; VO2max and VO₂peak; 60 % of one-repetition maximum (1RM); 1–6RM", {"1000": 1, "60": 1, "1": 1, "6": 1}),
    ("one set, twice a week, three to four sets, one or two reps, a day or two", {"2": 3, "3": 1, "4": 1, "1": 2}),
    ("about half a kilogram; two and a half hours; one foot half in front", {"0.5": 2, "2": 1}),
    ("一组，每周两次，三到四组，一两天，十五分钟，一百五十分钟，第二天，半公斤，两个半小时，一半",
     {"2": 3, "3": 1, "4": 1, "1": 1, "15": 1, "150": 1, "0.5": 3}),
])
def test_number_normalisation(text, expected):
    assert dict(numbers(SimpleNamespace(title="", text=text))) == expected

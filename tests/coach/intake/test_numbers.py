"""Tests for coach.intake.numbers: number words, Chinese numerals, full-width digits, normalisation."""

from __future__ import annotations

import pytest

from coach.intake.numbers import cn_int, convert_cn_numerals, lower_keep_length, normalize, number, round_half_up


@pytest.mark.parametrize("text, value", [
    ("34", 34.0), ("75.5", 75.5), ("thirty-four", 34.0), ("Twenty one", 21.0), ("zero", 0.0),
])
def test_number(text: str, value: float) -> None:
    assert number(text) == value


@pytest.mark.parametrize("text", ["", None, "many", "inf", "nan", "thirty-lots"])
def test_number_rejects_non_numbers(text: str | None) -> None:
    assert number(text) is None


@pytest.mark.parametrize("run, value", [
    ("一百五", 150), ("一百五十", 150), ("两万三", 23000), ("十二", 12), ("三十四", 34), ("一百零五", 105),
])
def test_chinese_numerals(run: str, value: int) -> None:
    assert cn_int(run) == value


def test_chinese_numerals_in_text() -> None:
    assert convert_cn_numerals("三十四岁") == "34岁"
    assert convert_cn_numerals("一米七二") == "1米72"
    assert convert_cn_numerals("七十五千克") == "75千克"  # 千 before 克 is part of the unit
    assert convert_cn_numerals("一般一直") == "一般一直"  # words, not numbers
    assert convert_cn_numerals("三四天") == "3-4天"  # "three or four"


def test_normalize_keeps_positions_aligned() -> None:
    cased, low = normalize("１８０ｃｍ, 5’11”, 周一三五")
    assert cased.startswith("180cm, 5'11\"") and low == low.lower() and len(cased) == len(low)
    assert normalize("an hour and a half")[1] == "1.5 hours"
    assert lower_keep_length("İstanbul") != "" and len(lower_keep_length("İstanbul")) == len("İstanbul")


def test_round_half_up() -> None:
    assert [round_half_up(x) for x in (2.5, 3.5, 2.4, -0.5)] == [3, 4, 2, 0]

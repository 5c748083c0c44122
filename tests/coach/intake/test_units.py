"""Tests for coach.intake.units: exact unit conversions and rounding."""

from __future__ import annotations

import pytest

from coach.intake import units
from coach.intake.extract import extract


# --------------------------------------------------------------------------- unit conversions

@pytest.mark.parametrize("text, field, value", [
    ("170 lb", "weight_kg", 77.1),
    ("170 lbs", "weight_kg", 77.1),
    ("170 pounds", "weight_kg", 77.1),
    ("150斤", "weight_kg", 75.0),
    ("一百五十斤", "weight_kg", 75.0),
    ("11 st 4 lb", "weight_kg", 71.7),
    ("11st 4lb", "weight_kg", 71.7),
    ("11 stone 4", "weight_kg", 71.7),
    ("75公斤", "weight_kg", 75.0),
    ("75千克", "weight_kg", 75.0),
    ("七十五千克", "weight_kg", 75.0),
    ("82.5 kilos", "weight_kg", 82.5),
    ("140磅", "weight_kg", 63.5),
    ("5'11\"", "height_cm", 180.3),
    ("5’11”", "height_cm", 180.3),
    ("5′11″", "height_cm", 180.3),
    ("5 ft 11", "height_cm", 180.3),
    ("5ft11in", "height_cm", 180.3),
    ("6 feet 2 inches", "height_cm", 188.0),
    ("six foot two", "height_cm", 188.0),
    ("6 ft", "height_cm", 182.9),
    ("1.72 m", "height_cm", 172.0),
    ("1米72", "height_cm", 172.0),
    ("一米七二", "height_cm", 172.0),
    ("一米七", "height_cm", 170.0),
    ("172公分", "height_cm", 172.0),
    ("180厘米", "height_cm", 180.0),
    ("１８０ｃｍ", "height_cm", 180.0),
    ("３４岁", "age", 34),
    ("三十四岁", "age", 34),
    ("thirty-four years old", "age", 34),
])
def test_exact_conversions(text: str, field: str, value: float) -> None:
    got = extract(text)
    assert got[field] == value, got
    assert type(got[field]) is type(value)


def test_conversion_factors_are_exact() -> None:
    # large values expose a factor that is only approximately right
    assert extract("10000 lb")["weight_kg"] == 4535.9  # 0.45359237 kg per lb
    assert extract("10000 st")["weight_kg"] == 63502.9  # 14 lb per stone
    assert extract("10000斤")["weight_kg"] == 5000.0
    assert extract("7 ft 11 in")["height_cm"] == 241.3  # 2.54 cm per inch


def test_rounding_is_one_decimal() -> None:
    assert extract("171 lbs")["weight_kg"] == 77.6  # 77.5643...
    assert extract("5'7\"")["height_cm"] == 170.2  # 170.18


def test_conversion_helpers() -> None:
    assert units.to_kg(170, "lbs") == 77.1
    assert units.to_kg(150, "斤") == 75.0
    assert units.to_kg(82.5, None) == 82.5
    assert units.feet_inches_to_cm(5, 11) == 180.3
    assert units.stone_to_kg(11, 4) == 71.7
    assert units.weeks_per("months") == units.weeks_per("月") == 52 / 12
    assert units.weeks_per("wks") == 1 and units.weeks_per("fortnights") is None

"""Free-text intake (English or Chinese) to profile fields in canonical units.

`extract` reads every fact it can find in a message, `parse_answer` reads the answer to one question,
`mentions_red_flag` spots warning symptoms in any message, `yes_no` reads a yes or no. Nothing here
range-checks extracted values (coach.intake.answers.check_value and the profile model do); the parser only
decides which field a number belongs to and converts its unit. Word tables live in lexicon_en and lexicon_zh.
"""
from __future__ import annotations

from coach.intake.answers import is_skip, parse_answer, yes_no
from coach.intake.extract import extract
from coach.intake.mentions import RED_FLAGS, mentions_red_flag

__all__ = ["extract", "parse_answer", "mentions_red_flag", "yes_no", "is_skip", "RED_FLAGS"]

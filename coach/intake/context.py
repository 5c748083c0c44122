"""The parsing context shared by every extractor: normalised text, findings, and which characters are used."""
from __future__ import annotations

import bisect
import math
import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from coach.intake import lexicon_en as en
from coach.intake import lexicon_zh as zh
from coach.intake.numbers import CJK, F, LATIN, normalize
from coach.intake.units import ANY_WEIGHT_UNIT, IMPERIAL_HEIGHT, WEIGHT_UNITS

# Only the first characters of a message are read for meaning (intent, values, set logs): what people type to a
# coach fits easily, and a long paste must not cost seconds of matching (the whole text is still checked for red
# flags, which is a few cheap regexes).
UNDERSTOOD_CHARS = 600
FAMILY = re.compile(en.FAMILY + "|" + "|".join(zh.FAMILY), re.A)
FIRST_PERSON = re.compile(en.FIRST_PERSON + "|" + zh.FIRST_PERSON, re.A)
SENTENCE_SPLIT = re.compile(
    r"(?<![0-9])\.(?![0-9])|[;!?\n。；！？…]|(?<![a-z])(?:but|however|although|though|except|"
    r"whereas)(?![a-z])|但是|但|可是|不过|然而|除了", F)
SEGMENT_SPLIT = re.compile(SENTENCE_SPLIT.pattern + r"|[,，、:()]|(?<![a-z])(?:and|plus|also|while)"
                           r"(?![a-z])|和|还有|而且|并且|另外|同时", F)

_Bounds = tuple[list[int], list[tuple[int, int]]]


@dataclass
class Ctx:
    """Normalised text plus what has been found and which characters are already used."""

    raw: str
    text: str
    today: date
    answer: bool = False  # parse_answer context: the question tells what the text is about
    claimed: bytearray = field(default_factory=bytearray)
    scalars: dict[str, tuple[int, Any, bool]] = field(default_factory=dict)
    unit_log: list[tuple[int, str, float]] = field(default_factory=list)  # (pos, field, factor)
    past_log: list[tuple[int, str, float]] = field(default_factory=list)  # earlier values ("I was 90 kg")
    _sent: _Bounds | None = None
    _seg: _Bounds | None = None
    _weight_units: list[tuple[int, float]] | None = None
    has_cjk: bool = False
    has_latin: bool = False

    @classmethod
    def build(cls, text: str, today: date, answer: bool = False) -> "Ctx":
        """Normalise `text` and start an empty context."""
        raw, low = normalize(text)
        return cls(raw=raw, text=low, today=today, answer=answer, claimed=bytearray(len(low)),
                   has_cjk=bool(CJK.search(low)), has_latin=bool(LATIN.search(low)))

    def free(self, a: int, b: int) -> bool:
        """True when no character in [a, b) is claimed yet."""
        return not any(self.claimed[a:b])

    def claim(self, a: int, b: int) -> None:
        """Mark [a, b) as used by a finding."""
        self.claimed[a:b] = b"\x01" * (b - a)

    def put(self, name: str, value: Any, pos: int, weak: bool = False, personal: bool = True,
            factor: float | None = None) -> None:
        """Record a scalar finding; later mentions win, weak ones never replace strong ones.

        `factor` (canonical units per unit the user wrote) lets a later bare correction reuse the unit.
        """
        if value is None or (isinstance(value, float) and not math.isfinite(value)):
            return
        if personal and self.third_party(pos):
            return
        if factor is not None:
            self.unit_log.append((pos, name, factor))
        old = self.scalars.get(name)
        if old is not None and ((weak and not old[2]) or (weak == old[2] and pos < old[0])):
            return
        self.scalars[name] = (pos, value, weak)

    def _bounds(self, rx: re.Pattern[str]) -> _Bounds:
        """Start positions and spans of every separator `rx` finds."""
        seps = [m.span() for m in rx.finditer(self.text)]
        return [s for s, _ in seps], seps

    def _unit(self, bounds: _Bounds, pos: int) -> tuple[int, int]:
        """The stretch between the separators around pos."""
        starts, seps = bounds
        i = bisect.bisect_right(starts, pos) - 1
        lo = seps[i][1] if i >= 0 else 0
        hi = seps[i + 1][0] if i + 1 < len(seps) else len(self.text)
        return min(lo, pos), max(hi, pos)

    def sentence(self, pos: int) -> tuple[int, int]:
        """Span of the sentence (split at .!?; and at "but"/"但是") around pos."""
        if self._sent is None:
            self._sent = self._bounds(SENTENCE_SPLIT)
        return self._unit(self._sent, pos)

    def segment(self, pos: int) -> tuple[int, int]:
        """Span of the clause (sentence further split at commas and "and") around pos."""
        if self._seg is None:
            self._seg = self._bounds(SEGMENT_SPLIT)
        return self._unit(self._seg, pos)

    def third_party(self, pos: int) -> bool:
        """True when the clause before pos is about someone else ("my dad has ...")."""
        lo, _ = self.sentence(pos)
        prefix = self.text[max(lo, pos - 60):pos]
        last = None
        for last in FAMILY.finditer(prefix):
            pass
        return last is not None and not FIRST_PERSON.search(prefix, last.end())

    def _weight_marks(self) -> list[tuple[int, float]]:
        """(position, kg per unit) of every weight unit written in the message, found once."""
        if self._weight_units is None:
            self._weight_units = [(m.start(), WEIGHT_UNITS[m.group(1)]) for m in ANY_WEIGHT_UNIT.finditer(self.text)]
        return self._weight_units

    def weight_factor(self, pos: int) -> float:
        """kg per unit of the weight unit the user wrote nearest before pos (else the first one, else kg)."""
        marks = self._weight_marks()
        before = [f for p, f in marks if p < pos]
        return before[-1] if before else marks[0][1] if marks else 1.0

    def bare_weight_factor(self, pos: int) -> float | None:
        """Like weight_factor, but None when an imperial height leaves "weigh 180" ambiguous."""
        if not self._weight_marks() and IMPERIAL_HEIGHT.search(self.text):
            return None  # pounds or kilograms? better a follow-up question than a wrong guess
        return self.weight_factor(pos)


def groups_free(ctx: Ctx, m: re.Match[str], *names: str) -> bool:
    """True when all named groups that matched lie on unclaimed text."""
    for name in names:
        if m.group(name) is not None and not ctx.free(*m.span(name)):
            return False
    return True

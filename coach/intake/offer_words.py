"""Typed answers that can only be about a pending "Keep these?" offer, whatever question is open beside it.

A plain "yes" / "no" / "没有" answers the question asked last (onboarding re-asks its step question after an
offer); words that name keeping or saving ("keep them", "don't save", "保存", "不要保存") answer the offer itself.
"""
from __future__ import annotations

import re
import unicodedata

_KEEP_EN = r"(?:keep|save|store)(?:\s+(?:them|it|those|these|all|all\s+of\s+(?:it|them|that)|that|everything))?"
_YES_LEAD = r"(?:(?:yes|yeah|yep|ok|okay|sure|please)[\s,]+)*"
_NO_LEAD = r"(?:(?:no|nope|nah)[\s,]+)?"
_KEEP = re.compile(
    rf"^{_YES_LEAD}(?:please\s+)?{_KEEP_EN}(?:[\s,]+(?:please|thanks|thank\s+you))?$|"
    r"^(?:都|全部|请|就)?(?:保存|保留|存下|存着|记下|留着)(?:吧|了|下来|一下|这些|它们)*$", re.I)
_DROP = re.compile(
    rf"^{_NO_LEAD}(?:don'?t|do\s+not|dont|never\s+mind,?)\s+{_KEEP_EN}$|"
    rf"^{_NO_LEAD}(?:discard|drop|delete|forget|bin|throw\s+away)(?:\s+(?:them|it|those|these|that|all\s+of\s+it))?$|"
    r"^(?:不要|不用|别|不|先别|都不)(?:保存|保留|存|记)(?:了|吧|这些)*$|^(?:删掉|丢掉|扔掉)(?:吧|了)?$", re.I)


def offer_answer(text: str) -> bool | None:
    """True for "keep them" / "保存", False for "don't keep" / "不要保存", None for anything else."""
    s = unicodedata.normalize("NFKC", text or "").strip(" \t\n.!。！,，~").lower()
    s = " ".join(s.replace("’", "'").split())
    if _DROP.match(s):
        return False
    if _KEEP.match(s):
        return True
    return None

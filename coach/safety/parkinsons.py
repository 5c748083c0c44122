"""Parkinson's disease (kb-parkinsons-001: Parkinson's Foundation / ACSM 2021 recommendations, Osborne et al. 2022
APTA guideline, Schenkman et al. 2018 SPARX trial).

The passage's advice as reasons: build towards at least 150 minutes a week of moderate-to-vigorous exercise across
aerobic work, strength 2-3 days a week, balance / agility / multitasking (dance, tai chi, stepping in different
directions) and daily stretching; exercise in "on" time, when the medicines work well; after a fall or when unsteady,
balance work next to a counter or with someone nearby and seated or recumbent cardio; rise slowly and drink enough
(light-headedness on standing). The condition brings no intensity cap of its own (the passage supports
moderate-to-vigorous work); age, inactivity, falls and clearance keep theirs.
"""
from __future__ import annotations

from typing import Any

from coach.domain.profile import Profile
from coach.domain.vocab import FRAILTY_CONDITIONS

PD_CONDITIONS = ("parkinsons", "parkinson")
TAG = "plan:parkinsons"


def has_pd(conditions: Any) -> bool:
    return bool(set(conditions or ()) & set(PD_CONDITIONS))


def unsteady(p: Profile) -> bool:
    """A fall, frailty or a walking aid (the passage: "if you have fallen or feel unsteady")."""
    return bool(set(p.conditions) & (set(FRAILTY_CONDITIONS) | {"falls"}))


def parkinsons(p: Profile, s: Any, _: Any) -> None:
    """The Parkinson's reasons (flag `parkinsons` for the planner)."""
    if not has_pd(p.conditions) or "hard_stop" in s.flags:
        return
    s.flags.add("parkinsons")
    s.reason(_("With Parkinson's disease, exercise is one of the most useful things you can do. Build towards at "
               "least 150 minutes a week of moderate-to-vigorous exercise: aerobic work (brisk walking, cycling, "
               "dance), strength 2-3 days a week, balance, agility and multitasking practice (dance, tai chi, "
               "stepping in different directions) and stretching every day. Exercise in your \"on\" time, when "
               "your medicines are working well."), TAG)
    if unsteady(p):
        s.reason(_("Because you have fallen or feel unsteady: do balance work next to a counter or with someone "
                   "nearby, choose seated or recumbent cardio on unsteady days, rise slowly and drink enough, as "
                   "Parkinson's and its medicines can cause light-headedness on standing."), TAG)
    else:
        s.reason(_("Parkinson's and its medicines can cause light-headedness on standing: rise slowly and drink "
                   "enough."), TAG)

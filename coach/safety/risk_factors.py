"""Screening for cardiometabolic risk factors people write in as conditions (physician review 10), and the statin
many of them take. Prediabetes and raised blood lipids are risk factors, not diagnosed disease (ACSM 2015 screening,
kb-screening-002): no clearance and no cap of their own (coach.safety.screening counts them as handled), only the
weekly dose their passage gives: prediabetes (kb-diabetes-006: at least 150 minutes a week, two strength sessions,
less sitting, modest weight loss), raised lipids (kb-lipids-001, NICE NG238: 150 minutes moderate or 75 vigorous and
strength on 2 or more days), obstructive sleep apnoea (kb-sleep-apnoea-001, NHS: treatment first; sleepy in the
day, off the roads). A statin: build up gradually and report unexplained muscle symptoms (kb-statins-001)."""
from __future__ import annotations

from typing import Any

from coach.domain.profile import Profile


def run_all(p: Profile, s: Any, _: Any) -> None:
    """The reasons (with their passages' tags) for prediabetes, raised lipids and a statin; none when a hard stop
    withholds the plan."""
    if "hard_stop" in s.flags:
        return
    conditions = set(p.conditions)
    if "prediabetes" in conditions:
        s.flags.add("prediabetes")
        s.reason(_("With prediabetes: at least 150 minutes a week of moderate activity such as brisk walking, two "
                   "strength sessions and less sitting, with a modest weight loss if you carry extra weight, lower "
                   "the risk of type 2 diabetes. Ask your doctor for regular blood tests to see whether it is "
                   "working."), "plan:prediabetes")
    if "hyperlipidaemia" in conditions:
        s.flags.add("hyperlipidaemia")
        s.reason(_("With high cholesterol or blood fats: aim for at least 150 minutes a week of moderate aerobic "
                   "activity (or 75 minutes of vigorous) and strength work on 2 or more days. Exercise adds to a "
                   "heart-healthy diet and any medicine your doctor prescribes; it does not replace them."),
                 "plan:lipids")
    if "sleep_apnoea" in conditions:  # kb-sleep-apnoea-001 (NHS): treatment first, sleepiness and road safety
        s.flags.add("sleep_apnoea")
        s.reason(_("With sleep apnoea: exercise and losing weight help, but they add to treatment and do not replace "
                   "it; if you have a CPAP machine, use it every night. If you feel very sleepy in the day, train "
                   "indoors or away from traffic rather than riding or driving on roads, and see your doctor."),
                 "plan:sleep-apnoea")
    if "statin" in p.medications:
        s.reason(_("On a statin: build training up gradually rather than jumping into very long or hard sessions. "
                   "Soreness after a new or hard workout is normal and fades within a few days; tell your doctor "
                   "about new muscle aches, cramps or weakness that training does not explain and that persist, and "
                   "get urgent care for severe muscle pain or weakness with dark urine. Do not stop the statin on "
                   "your own."), "plan:statins")

"""Screening for the conditions people write in (review 11, coach.domain.written_in): the reasons their passages
support. Gestational diabetes (kb-gdm-001), a vertebral fracture (kb-osteoporosis-003, -001: a physiotherapist
before starting, as a clearance), heart failure (kb-heart-failure-001; its self-monitoring alert comes from the
passage, coach.planning.written_in), pelvic girdle pain (kb-pregnancy-009), Osgood-Schlatter (kb-osgood-001), steroid
tablets (kb-steroids-001), orthostatic hypotension (kb-orthostatic-001: get up slowly), peripheral neuropathy
(kb-diabetes-004: footwear, daily foot checks, no weight on a foot sore), and yoga or Pilates liked with weak bones
(kb-osteoporosis-001)."""
from __future__ import annotations

from typing import Any

from coach.domain.profile import Profile
from coach.safety.joint_replacement import joint_replacement

YOGA_WORDS = ("yoga", "pilates", "瑜伽", "普拉提")


def _vertebral_fracture(p: Profile, s: Any, _: Any) -> None:
    """A physiotherapist first (Too Fit To Fracture): light until cleared, like a doctor's clearance."""
    text = _("After a vertebral (spinal compression) fracture, see a physiotherapist before starting this programme, "
             "so they can check it is safe for your spine. Keep your back straight: hinge at the hips and bend your "
             "knees to lift; no sit-ups, crunches, toe touches or forceful twisting; roll onto your side to get out "
             "of bed. New, sudden back pain or loss of height: see a doctor, as it can be a new fracture.")
    if p.cleared:
        s.reason(text, "plan:vertebral-fracture")
        s.cleared_after.append(_("vertebral fracture"))
    else:
        s.cap("light", text, flag="vertebral_fracture", clearance=True, tag="plan:vertebral-fracture")


def _yoga(p: Profile, s: Any, _: Any) -> None:
    likes = " ".join(p.preferences.likes).lower()
    if "osteoporosis" in p.conditions and any(w in likes for w in YOGA_WORDS):
        s.reason(_("Yoga and Pilates with weak bones: leave out the moves that round the spine, above all under load "
                   "or again and again (forward folds, toe touches, roll-ups, curl-ups), and twists to the end of "
                   "your range; keep the spine long, and choose a teacher who knows about osteoporosis."),
                 "plan:osteoporosis")


def run_all(p: Profile, s: Any, _: Any) -> None:
    """The written-in conditions' reasons (after the other screening rules)."""
    if "hard_stop" in s.flags:
        return
    conditions = set(p.conditions)
    if "gestational_diabetes" in conditions:
        s.reason(_("Gestational diabetes: activity is part of its treatment. Aim for at least 150 minutes a week at a "
                   "moderate effort (for example 30 minutes on most days); a walk after meals helps keep your glucose "
                   "down. Agree the plan with your obstetric or diabetes team; if you take insulin, check your glucose "
                   "as they advise and carry fast-acting carbohydrate."), "plan:gdm")
    if "vertebral_fracture" in conditions:
        _vertebral_fracture(p, s, _)
    _yoga(p, s, _)
    if "heart_failure" in conditions:
        s.reason(_("With heart failure: train only while your symptoms are stable, at an effort at which you can "
                   "still talk, within the limits your heart team gives; supervised cardiac rehabilitation is the "
                   "recommended start."), "plan:heart-failure")
    if "pelvic_girdle_pain" in conditions:
        s.reason(_("Pelvic girdle pain: keep your weight even on both feet. This plan leaves out lunges, split "
                   "squats, step-ups and other one-leg or wide-legged exercises; stay within what the pain allows, "
                   "and ask your midwife or doctor for a referral to a pelvic-health physiotherapist."), "plan:pgp")
    if "oral_steroid" in p.medications:
        s.reason(_("Steroid tablets such as prednisolone, taken for 3 months or more, can thin the bones and weaken "
                   "the thigh and upper-arm muscles: the strength, balance and weight-bearing work in this plan help "
                   "protect both. Ask your doctor whether you need a bone-density scan or bone protection, and never "
                   "stop or lower the steroid dose on your own."), "plan:steroids")
    if "orthostatic_hypotension" in conditions:  # kb-orthostatic-001 (NHS; Figueroa, Basford & Low 2010)
        s.reason(_("Orthostatic hypotension (blood pressure that drops when you stand up): get up slowly and in "
                   "stages (sit on the edge first, then stand and wait a moment with a hand on a support; tensing "
                   "your thighs or rising onto your toes first helps), rest between sets, do not hold your breath, "
                   "warm up and cool down gradually instead of stopping suddenly, drink enough, and sit or lie down "
                   "at once if you feel light-headed. This plan leaves out quick up-and-down moves such as burpees, "
                   "squat thrusts and jumps."), "plan:orthostatic")
    if "peripheral_neuropathy" in conditions:  # kb-diabetes-004 (ADA, Colberg et al. 2016)
        s.reason(_("With peripheral neuropathy (less feeling in the feet): moderate walking is fine. Wear proper, "
                   "well-fitting shoes and check your feet every day for blisters, cuts or redness. With a foot sore "
                   "or injury, switch to exercise that takes no weight on the feet, such as cycling, swimming or "
                   "seated exercise, until it heals, and have it checked."), "plan:neuropathy")
    joint_replacement(p, s, _)  # knee, hip or shoulder replacement (kb-joint-replacement-001)
    if "osgood_schlatter" in conditions:
        s.reason(_("Osgood-Schlatter knee pain: keep training, but keep the knee pain at 2 out of 10 or less during "
                   "and after exercise, and cut down the running, jumping, deep squatting and kneeling that flare it; "
                   "this plan leaves out step-ups, lunges and jumps. See a doctor if the pain is severe, comes at "
                   "night or at rest, or the knee is hot and swollen."), "plan:osgood")

"""Why the plan looks as it does: weight-target alerts, the citations (each with what it supports), the rationale."""
from __future__ import annotations

import math

from coach.domain.limits import (BLOCK_WEEKS, RECOMMENDED_SLEEP_H, UNDERWEIGHT_BMI, max_weekly_change_kg, safe_rate_kg_week,
                                 underweight_target, youth_weight_loss_warranted)
from coach.domain.profile import Profile
from coach.i18n import t
from coach.planning.advice import CHAIR_SQUATS
from coach.planning import dose_claims as claims
from coach.planning.context import Context, Slot
from coach.planning.grip import clean_areas
from coach.planning.gain_rate import gain_alerts, gains
from coach.planning.hints import CAREFUL_KNEE_RATIONALE, loading_text
from coach.planning.ladders import KNEE_LOADED, KNEE_LOADED_RATIONALE
from coach.planning.notes import cited_notes
from coach.planning.template import FACTOR, RESISTANCE
from coach.planning.youth import first_block_week
from knowledge.corpus import by_tag


def _rate_alert(p: Profile, lang: str, rate: float) -> str:
    safe = safe_rate_kg_week(p.weight_kg)
    delta = abs((p.target_weight_kg or p.weight_kg) - p.weight_kg)
    return t(lang, "Your target of {target} kg in {weeks} weeks means {rate} kg a week, faster than the safe rate of "
             "about 1% of body weight: at most {safe} kg per week. At that rate it takes about {need} weeks.",
             target=f"{p.target_weight_kg:g}", weeks=p.target_weeks, rate=f"{rate:.1f}", safe=f"{safe:g}",
             need=math.ceil(delta / safe) if safe else "?")


def _youth_alert(p: Profile, lang: str, per_week: str) -> str:
    """A teenager's weight-loss target: only with a doctor when BMI-for-age warrants it, otherwise not at all."""
    if youth_weight_loss_warranted(p.age, p.sex, p.bmi):
        return t(lang, "For teenagers, weight is judged by BMI-for-age, and yours is above the healthy range: see a "
                       "paediatrician, and tackle it as a family (meals, activity, sleep and screen time together) "
                       "rather than dieting alone. The plan builds activity and healthy habits with no adult "
                       "weight-loss rate ({rate} kg per week requested).", rate=per_week)
    return t(lang, "At your age and BMI, losing weight is not recommended: you are still growing. The plan aims at "
                   "fitness and strength instead and keeps your weight steady (0 kg per week, not the {rate} kg per "
                   "week requested); talk to a doctor if your weight worries you.", rate=per_week)


def target_alerts(p: Profile, lang: str) -> tuple[list[tuple[str, str]], float | None, bool]:
    """PLAN_RULES 16, 27, 28: (alerts with their citation tags, requested kg/week, whether the plan aims at it)."""
    if p.target_weight_kg is None:
        return [], None, False
    rate = abs(p.target_weight_kg - p.weight_kg) / p.target_weeks if p.target_weeks else None
    too_fast = rate is not None and rate > max_weekly_change_kg(p.weight_kg) + 1e-9 and rate >= 0.1 / p.target_weeks
    safe = safe_rate_kg_week(p.weight_kg)
    per_week = f"{rate:.1f}" if rate is not None else "?"
    alerts: list[tuple[str, str]] = []
    if p.age < 18 and p.target_weight_kg < p.weight_kg:
        alerts.append((_youth_alert(p, lang, per_week), "plan:youth-weight"))
    if underweight_target(p.height_cm, p.target_weight_kg) and p.age < 18:  # no adult pace quoted to a teenager
        bmi = p.target_weight_kg / (p.height_cm / 100) ** 2
        alerts.append((t(lang, "A target of {target} kg means a BMI of {bmi}, below {limit} (underweight): the plan "
                               "does not aim for it ({rate} kg per week requested). Please talk to a doctor about a "
                               "healthy weight for your age.", target=f"{p.target_weight_kg:g}", bmi=f"{bmi:.1f}",
                         limit=f"{UNDERWEIGHT_BMI:g}", rate=per_week),
                       "plan:underweight"))
    elif underweight_target(p.height_cm, p.target_weight_kg):
        bmi = p.target_weight_kg / (p.height_cm / 100) ** 2
        alerts.append((t(lang, "A target of {target} kg means a BMI of {bmi}, below {limit} (underweight): the plan "
                               "does not aim for it. Please talk to a doctor or dietitian about a healthy weight ({rate} "
                               "kg per week requested; even the safe pace of at most {safe} kg per week would not make "
                               "this target safe).", target=f"{p.target_weight_kg:g}", bmi=f"{bmi:.1f}",
                         limit=f"{UNDERWEIGHT_BMI:g}", rate=per_week, safe=f"{safe:g}"), "plan:underweight"))
    if alerts:
        return alerts, rate, False
    if gains(p):  # a gain is judged by the gain rate, not the weight-loss one (review 15, rule 107)
        return gain_alerts(p, lang, rate), rate, True
    if too_fast and rate is not None:
        return [(_rate_alert(p, lang, rate), "plan:weight-loss-rate")], rate, True
    return [], rate, True


def _session_tags(ctx: Context, slots: list[Slot]) -> list[str]:
    tags: list[str] = []
    n_res = sum(s.kind in RESISTANCE for s in slots)
    if n_res:
        tags += ["plan:strength-fitt", "plan:double-progression"]
    if n_res >= 2:
        tags.append("plan:frequency")
    if ctx.youth and n_res:
        tags.append("plan:youth-strength")
    if ctx.p.goal == "muscle_gain" and n_res:
        tags.append("plan:hypertrophy-volume")
    if any(s.kind == "mixed" for s in slots):
        tags.append("plan:mixed-sessions")
    if any(s.kind == "hiit" for s in slots):
        tags.append("plan:hiit")
    return tags


def citation_tags(ctx: Context, slots: list[Slot], target_tags: list[str]) -> list[str]:
    """The knowledge tags the plan rests on, most specific first (screening findings before general dose)."""
    p = ctx.p
    tags: list[str] = []
    if ctx.s.restricted:
        tags += ["plan:red-flags", "plan:screening"]
    tags += list(ctx.s.cite_tags)
    if ctx.has("hard_stop"):  # no sessions: cite what stops the plan and how to resume, no dose passages
        youth = ["plan:youth"] if ctx.youth else []
        return list(dict.fromkeys(tags + ["plan:hard-stop", "plan:clearance"] + youth + target_tags))
    if ctx.bridge:
        tags.append("plan:clearance")
    if ctx.youth:
        tags += ["plan:youth", "plan:youth-dose"]
    else:
        tags.append("plan:older-adults" if ctx.older else "plan:aerobic-dose")
        if p.goal == "fat_loss" and not ctx.s.clearance_required:
            tags.append("plan:fat-loss-dose")
    if ctx.older:
        tags += ["plan:falls", "plan:neuromotor"]
    tags += _session_tags(ctx, slots)
    if p.resting_hr is not None and not p.rpe_only:
        tags.append("plan:intensity-hrr")
    tags += ["plan:rpe", "plan:progression", "plan:deload"]
    if p.goal == "endurance":
        tags.append("plan:endurance-distribution")
    if p.goal == "mobility":
        tags.append("plan:flexibility")
    if "knee" in p.injuries:
        tags.append("plan:knee-quadriceps")
    tags += ["plan:injury-" + inj.replace("_", "-") for inj in p.injuries]
    tags += target_tags + [tag for _, tag in cited_notes(ctx)]  # (none under a hard stop: returned above)
    loses = p.target_weight_kg is not None and p.target_weight_kg < p.weight_kg  # (no weight-loss passage for a gain)
    if loses and p.age >= 18 and not {"plan:weight-loss-rate", "plan:underweight"} & set(tags):
        tags.append("plan:weight-loss-rate")
    if p.sleep_hours is not None and p.sleep_hours < RECOMMENDED_SLEEP_H:
        tags.append("plan:recovery-sleep")
    return list(dict.fromkeys(tags))


def citations_for(ctx: Context, tags: list[str]) -> list[dict]:
    """One citation per distinct passage behind the plan, with every topic ("for") it is cited for.

    A tag without a passage (yet) is skipped: the plan then cites nothing for it rather than something unrelated.
    """
    out: dict[str, dict] = {}
    for tag in tags:
        passage = by_tag(tag, ctx.lang)
        if passage is None:
            continue
        topic = tag.removeprefix("plan:")
        if passage.id in out:
            out[passage.id]["for"].append(topic)
        else:
            out[passage.id] = {"id": passage.id, "title": passage.title, "source": passage.source, "for": [topic]}
    return list(out.values())


class _Cite:
    """Formats the ids of the citations supporting any of the given topics as " [id, id]" (empty when none)."""

    def __init__(self, cites: list[dict]) -> None:
        self.cites = cites

    def __call__(self, *keys: str) -> str:
        ids = [c["id"] for c in self.cites if set(c["for"]) & set(keys)]
        return f" [{', '.join(ids)}]" if ids else ""


def honest_aerobic(week: dict) -> float:
    """Moderate-equivalent minutes of the cardio exercises themselves (not whole sessions)."""
    total = 0.0
    for s in week["sessions"]:
        for e in s["exercises"]:
            if e.get("kind") in ("aerobic", "hiit") and e.get("minutes") and not e.get("sets"):
                total += e["minutes"] * FACTOR[s["intensity"]["label"]]
    return total


def _dose_parts(ctx: Context, last: dict, cite: _Cite) -> list[str]:
    """What the last full week adds up to (or why there is no plan yet)."""
    _ = ctx._
    if ctx.has("hard_stop"):
        return [_("There are no sessions yet: what the health screening found needs a doctor first. Once you are "
                  "cleared, the plan starts light and builds up.") + cite("hard-stop", "red-flags", "bp-bands")]
    walk = last.get("daily_activity")
    if ctx.bridge:  # no dose is quoted while the person waits for clearance
        return [_("Until you are cleared, the sessions and the short walks on other days are easy movement to keep "
                  "you going, not a dose to build toward.") + cite("clearance")]
    parts = [claims.sessions_sentence(ctx, last, youth=ctx.youth)]
    if ctx.youth:
        parts[0] += cite("youth-dose", "youth")
    elif ctx.p.goal == "fat_loss" and not ctx.s.clearance_required:
        parts.append(_("For weight loss, ACSM advises building toward 200-300 minutes a week, so the walks on other "
                       "days add to it.") + cite("fat-loss-dose"))
    if walk and not walk.get("minutes"):  # no walk (walking disliked): only a home balance add-on rides on the days
        walk = None
    if walk and walk.get("optional"):
        parts.append(_("You have less time than the 150 minutes a week WHO recommends, and that is fine: every bit "
                       "counts. If you find time, an optional {m}-minute walk on the other days adds more.",
                       m=walk["minutes"]) + cite("daily-activity"))
    elif walk and ctx.youth:
        parts.append(_("By week {k}, a {m}-minute walk on each of the {n} days without a session adds about {w} "
                       "minutes; the rest of the daily hour (about 420 minutes a week) comes from sport, play and "
                       "active travel.", k=last["week"], m=walk["minutes"], n=walk["days"], w=walk["total_minutes"])
                     + cite("youth-dose"))
    # WHO's range is judged on the sessions' own dose (review 13: "within WHO" counted walks the plan does not hold
    # as sessions); the walks on the other days then say what they would add, cited to the dose passage (rule 88)
    if not ctx.youth and not (ctx.p.goal == "fat_loss" and not ctx.s.clearance_required) \
            and not (walk and walk.get("optional")):
        parts.append(claims.who_sentence(ctx, last) + cite("aerobic-dose", "older-adults"))
    if walk and not walk.get("optional") and not ctx.youth:
        parts.append(claims.walk_sentence(ctx, last) + cite("aerobic-dose", "older-adults", "hypertension"))
    res = sum(1 for s in last["sessions"] if s["kind"] in RESISTANCE)
    trunk = any(set(e.get("muscle_groups") or []) & {"core", "obliques", "abs"} and e.get("sets")
                 for s in last["sessions"] for e in s["exercises"])
    if res:  # say only what the plan has (a reviewer found "and core" in 13 plans without trunk work)
        text = _("{r} sessions a week train your muscles, covering legs, pushing, pulling and core, because "
                 "strength work on at least two days a week is recommended.", r=res) if trunk else \
            _("{r} sessions a week train your muscles, covering legs, pushing and pulling, because strength work on "
              "at least two days a week is recommended.", r=res)
        parts.append(text + cite("strength-fitt", "frequency", "youth-strength"))
    return parts


def _bridge_sentence(ctx: Context, weeks: list[dict]) -> str:
    """What stays the same until clearance: the exercises and sets only when the sessions list any (review 13: walks
    only were called "the same exercises and sets")."""
    _ = ctx._
    if any(e.get("sets") for w in weeks for s in w["sessions"] for e in s["exercises"]):
        return _("Until a doctor has cleared you, every session stays light: easy walking and gentle movement with the "
                 "same exercises and sets, only a little longer every two weeks, and no loads. Once you are cleared "
                 "(send /cleared), the plan is rebuilt at a light-to-moderate effort that builds gradually, within any "
                 "limits your doctor gives.")
    return _("Until a doctor has cleared you, every session stays light: easy walking, only a little longer every two "
             "weeks. Once you are cleared (send /cleared), the plan is rebuilt at a light-to-moderate effort that "
             "builds gradually, within any limits your doctor gives.")


def _longest(week: dict) -> int:
    return max((int(s.get("minutes") or 0) for s in week.get("sessions", [])), default=0)


def _first_at(weeks: list[dict], minutes: int) -> int:
    """The first week whose longest session is `minutes` long."""
    return next((w["week"] for w in weeks if _longest(w) >= minutes), weeks[-1]["week"])


def has_long_session(week: dict) -> bool:
    """Whether the week has one aerobic session clearly longer than every other (the long easy session)."""
    lengths = sorted((cardio_minutes(s) for s in week.get("sessions") or []), reverse=True)
    return len(lengths) >= 2 and lengths[0] > 0 and lengths[0] >= 1.15 * lengths[1]


def cardio_minutes(s: dict) -> float:
    return sum(float(e.get("minutes") or 0) for e in s.get("exercises") or []
               if e.get("kind") in ("aerobic", "hiit") and not e.get("sets"))


def _condition_parts(ctx: Context, weeks: list[dict], cite: _Cite) -> list[str]:
    _, p = ctx._, ctx.p
    parts = []
    if ctx.older and not ctx.has("hard_stop"):
        harder = len(weeks) > BLOCK_WEEKS and not ctx.bridge  # the stage changes after the first block, once cleared
        last = ([w for w in weeks if not w["deload"]] or weeks)[-1]
        parts.append(claims.balance_sentence(ctx, last, harder) + cite("falls", "neuromotor", "older-adults"))
    clean = clean_areas(p.injuries, weeks)  # only areas whose avoided exercises the plan does not hold (rule 102)
    if clean:
        parts.append(_("Exercises that load your {areas} in risky ways are left out and replaced by safer ones.",
                       areas=", ".join(_(i.replace("_", " ")) for i in clean))
                     + cite(*["injury-" + i.replace("_", "-") for i in clean]))
    if ctx.keeps_running and not ctx.has("hard_stop"):
        parts.append(_("If you were running regularly before pregnancy, running stays in at an effort you can talk "
                       "through, as long as it feels comfortable; switch to walking, the stationary bike or swimming "
                       "when it no longer does.") + cite("pregnancy"))
    if "knee" in p.injuries and not ctx.has("hard_stop"):
        ladder = not ctx.frail and not ctx.bridge and len(weeks) > BLOCK_WEEKS and any(
            e.get("id") in CHAIR_SQUATS for s in weeks[0]["sessions"] for e in s["exercises"])
        ladder += ladder and any(e.get("id") in KNEE_LOADED for w in weeks for s in w["sessions"] for e in s["exercises"])
        knee_loaded = loading_text(ctx, KNEE_LOADED_RATIONALE, CAREFUL_KNEE_RATIONALE)  # no backpack for the careful
        parts.append(_("Your knee still gets quadriceps work every week, to a pain-free depth, because strong "
                       "thighs protect the knee.") + (" " + _("The squats to a chair or box get harder block by "
                                                             "block (a lower seat or a slower lowering, then a "
                                                             "weight held at your chest), each step only once the "
                                                             "last felt easy and pain-free.") if ladder == 1 else
                                                      " " + knee_loaded if ladder else "")
                     + cite("knee-quadriceps"))
    if p.goal == "endurance" and not ctx.has("hard_stop"):
        parts.append((_("Most of your cardio is easy, with one long easy session and hard work kept to a small share "
                        "of the week.") if has_long_session(weeks[-1]) else
                      _("Most of your cardio is easy, with hard work kept to a small share of the week."))
                     + cite("endurance-distribution"))
    return parts


def _last_rise(full: list[dict], value) -> tuple[int, float, float] | None:
    """(week, before, after) of the last week whose value rose over the previous full week, else None."""
    rise = None
    for a, b in zip(full, full[1:]):
        if value(b) > value(a):
            rise = (b["week"], value(a), value(b))
    return rise


def _usual_sets(week: dict) -> int:
    """The week's most common sets per exercise (the most on a tie)."""
    sets = [e["sets"] for s in week["sessions"] for e in s["exercises"] if isinstance(e.get("sets"), int)]
    return max(sets, key=lambda n: (sets.count(n), n), default=0)


def _most(week: dict, n: float) -> bool:
    """More than half the week's exercises with sets have `n` sets ("most exercises")."""
    sets = [e["sets"] for s in week["sessions"] for e in s["exercises"] if isinstance(e.get("sets"), int)]
    return sets.count(int(n)) * 2 > len(sets)


def _progression_parts(ctx: Context, weeks: list[dict], cite: _Cite) -> list[str]:
    """What rises across the plan, read from the plan itself (PLAN_RULES 29's load: minutes, then sets and effort);
    nothing is claimed that the weeks do not show."""
    _ = ctx._
    full = [w for w in weeks if not w["deload"]]
    parts = []
    first, time = full[0], _last_rise(full, lambda w: sum(s["minutes"] for s in w["sessions"]))
    if time:
        parts.append(_("Weekly training time rises from {a} minutes in week {w0} to {b} by week {w}.",
                       a=int(sum(s["minutes"] for s in first["sessions"])), w0=first["week"], b=int(time[2]),
                       w=time[0]))
    sets = _last_rise(full, _usual_sets)
    if sets and (not time or sets[0] > time[0]) and _most(next(w for w in full if w["week"] == sets[0]), sets[2]):
        parts.append(_("From week {w} most exercises get {n} sets.", w=sets[0], n=int(sets[2])))
    effort = _last_rise(full, lambda w: max(FACTOR.get(s["intensity"]["label"], 0) for s in w["sessions"]))
    if effort:
        parts.append(_("From week {w} some sessions step up to a harder effort.", w=effort[0]))
    if parts:
        parts[-1] += cite("progression")
    if any(w["deload"] for w in weeks):
        parts.append(_("Every fourth week is lighter so you recover and adapt.") + cite("deload"))
    return parts


def rationale(ctx: Context, weeks: list[dict], cites: list[dict], capped: bool = False) -> str:
    """Plain-words explanation that points at the citations."""
    _, p, cite = ctx._, ctx.p, _Cite(cites)
    full = [w for w in weeks if not w["deload"]] or weeks
    last = full[-1]
    parts = []
    if not ctx.has("hard_stop") and capped:
        parts = [_("This plan gives you {n} sessions a week of up to {m} minutes: less than you asked, to keep "
                   "training safe while your weight goal is not.", n=len(last["sessions"]), m=p.minutes_per_session)]
    elif not ctx.has("hard_stop"):
        first_m, last_m = _longest(weeks[0]), _longest(last)
        parts = [_("This plan gives you {n} sessions a week of up to {m} minutes, as you asked.",
                   n=len(last["sessions"]), m=p.minutes_per_session) if first_m >= p.minutes_per_session else
                 _("You said up to {m} minutes a session: until you are cleared, the sessions start at {a} minutes "
                   "and only get longer, by a few minutes every two weeks, to {b} by week {w}; the effort stays light.",
                   m=p.minutes_per_session, a=first_m, b=last_m, w=_first_at(weeks, last_m)) if ctx.bridge else
                 _("You said up to {m} minutes a session: the sessions take up to {a} minutes, the time their "
                   "exercises, warm-up and cool-down need.", m=p.minutes_per_session,
                   a=first_m) if first_m == last_m else
                 _("You said up to {m} minutes a session: the sessions start at {a} minutes and build to {b} by week "
                   "{w}, so your body gets used to the work first.", m=p.minutes_per_session, a=first_m, b=last_m,
                   w=_first_at(weeks, last_m))]  # the week it is first reached (review 9: "by week 12" for week 6)
    parts += _dose_parts(ctx, last, cite)
    if ctx.s.reasons:  # each reason cites only the passages recorded as supporting it (PLAN_RULES 30)
        topics = [tag.removeprefix("plan:") for text, tag in ctx.s.reason_tags if text in ctx.s.reasons]
        parts.append(_("Safety first: {reasons}", reasons=" ".join(ctx.s.reasons)) + cite(*topics))
    if ctx.bridge:
        parts.append(_bridge_sentence(ctx, weeks) + cite("clearance", "beginner-start"))
    elif ctx.beginner and not ctx.has("hard_stop") and ctx.youth and first_block_week(weeks):
        parts.append(_("You start with short sessions at a moderate effort and add a few minutes each week; from week "
                       "{w} the one hard part is a short block of fast intervals or games.", w=first_block_week(weeks))
                     + cite("beginner-start"))
    elif ctx.beginner and not ctx.has("hard_stop"):
        parts.append((_("You start with short, light sessions and add a few minutes each week.")
                      if ctx.cap == "light" else
                      _("You start with short sessions at a moderate effort at most and add a few minutes each week, "
                        "with no high-intensity intervals at first.")) + cite("beginner-start"))
    parts += _condition_parts(ctx, weeks, cite)
    if not ctx.has("hard_stop") and not ctx.bridge:
        parts += _progression_parts(ctx, weeks, cite)
    if p.resting_hr is not None and not ctx.s.restricted and not p.rpe_only:
        parts.append(_("Heart-rate zones use the Karvonen formula with your resting heart rate.") + cite("intensity-hrr"))
    return " ".join(parts)

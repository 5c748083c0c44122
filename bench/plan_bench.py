"""Plan engine speed: in-process p50/p95 over random profiles, and whole-process `fitcoach plan --json`.

Goals: in-process p95 <= 20 ms; whole process median <= 1.5 s.
    .venv/bin/python bench/plan_bench.py [--profiles 300] [--runs 7]
"""
from __future__ import annotations

import argparse
import json
import random
import subprocess
import tempfile
import time

from _common import fitcoach_bin, median, ms, pct

from coach.planning import make_plan, validate_plan
from coach.domain.profile import validate_profile
from coach.domain.vocab import EQUIPMENT, GOALS, INJURIES, KNOWN_CONDITIONS, MEDICATIONS


def random_profile(rng: random.Random) -> dict:
    d = {"age": rng.randint(13, 95), "height_cm": rng.randint(145, 200), "weight_kg": rng.randint(45, 150),
         "goal": rng.choice(GOALS), "days_per_week": rng.randint(1, 7),
         "minutes_per_session": rng.choice([15, 20, 30, 45, 60, 75, 90]),
         "experience": rng.choice(["beginner", "intermediate", "advanced"]), "currently_active": rng.random() < 0.6,
         "equipment": rng.sample(EQUIPMENT, rng.randint(0, 3)), "injuries": rng.sample(INJURIES, rng.choice([0, 0, 1, 2])),
         "conditions": rng.sample(KNOWN_CONDITIONS, rng.choice([0, 0, 0, 1]))}
    if rng.random() < 0.7:
        d["resting_hr"] = rng.randint(45, 95)
    if "pregnancy" in d["conditions"]:
        d["sex"], d["pregnancy_trimester"] = "female", rng.randint(1, 3)
    if rng.random() < 0.15:
        d["medications"] = rng.sample(MEDICATIONS, 1)
    if rng.random() < 0.3:
        d["target_weight_kg"], d["target_weeks"] = max(25, d["weight_kg"] - rng.randint(0, 20)), rng.randint(4, 30)
    if rng.random() < 0.1:
        d["clearance"] = {"by": "Dr A", "date": "2026-01-01", "limits": rng.choice([None, "no heavy lifting"])}
    return d


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--profiles", type=int, default=300)
    ap.add_argument("--runs", type=int, default=7)
    args = ap.parse_args()
    rng = random.Random(42)
    profiles = [validate_profile(random_profile(rng)) for _ in range(args.profiles)]
    make_plan(profiles[0])  # warm caches (catalog, passages)
    times, violations = [], 0
    for p in profiles:
        t = time.perf_counter()
        plan = make_plan(p, rng.choice([4, 4, 8, 12]))
        times.append(time.perf_counter() - t)
        violations += len(validate_plan(plan, p))
    print(f"in-process plan time over {len(times)} random profiles: p50 {ms(pct(times, 50))}, "
          f"p95 {ms(pct(times, 95))}, max {ms(max(times))} (goal p95 <= 20 ms); validator violations: {violations}")
    profile = {"age": 34, "height_cm": 180, "weight_kg": 75, "goal": "fat_loss", "days_per_week": 4,
               "minutes_per_session": 45, "resting_hr": 62, "equipment": ["dumbbells"]}
    with tempfile.TemporaryDirectory() as d:
        wall = []
        for _ in range(args.runs):
            t = time.perf_counter()
            out = subprocess.run([fitcoach_bin(), "plan", "--profile", "-", "--json"], input=json.dumps(profile),
                                 capture_output=True, text=True, cwd=d, check=True)
            wall.append(time.perf_counter() - t)
            json.loads(out.stdout)
    print(f"whole-process `fitcoach plan --json`: median {median(wall):.2f} s over {args.runs} runs "
          f"(min {min(wall):.2f} s, goal <= 1.5 s)")


if __name__ == "__main__":
    main()

"""`fitcoach plan --profile FILE [--weeks N] [--json]`."""
from __future__ import annotations

import json
import sys
from argparse import Namespace

from coach.domain.profile import ProfileError, validate_profile
from coach.planning import PlanError, make_plan
from coach.render import render_plan


def _read(path: str) -> str:
    if path == "-":
        return sys.stdin.read()
    with open(path, encoding="utf-8") as fh:
        return fh.read()


def run_plan(args: Namespace) -> int:
    try:
        raw = _read(args.profile)
    except OSError as exc:
        print(f"profile: cannot read {args.profile}: {exc.strerror}", file=sys.stderr)
        return 2
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as exc:
        print(f"profile: not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})", file=sys.stderr)
        return 2
    try:
        profile = validate_profile(data, units_strict=True)
        plan = make_plan(profile, args.weeks)
    except (ProfileError, PlanError) as exc:
        print(str(exc).splitlines()[0], file=sys.stderr)
        return 2
    if args.json:
        sys.stdout.write(json.dumps(plan, ensure_ascii=False) + "\n")
    else:
        print(render_plan(plan, lang=plan.get("language", "en")))
    return 0

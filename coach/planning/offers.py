"""Rule 46: what a plan offers fits the person's kit and says what the effort needs (numbered after lifters' 45).

46 a session labelled vigorous names its hiking as uphill hiking (plain hiking is moderate, kb-mets-001); no
   door-frame or towel rows (a door frame or a towel in a door can give way); pool work only when `pool` is in the
   person's own equipment (a gym membership does not imply a pool).
"""
from __future__ import annotations

import re

from coach.planning.checks import Bounds, Violation
from coach.planning.measure import label_of

UNSAFE_ROWS = re.compile(r"door.?frame.row|towel.row", re.I)
POOL = re.compile(r"\bpool\b|swim|aqua|water.(walking|jogging|aerobics)", re.I)
HILL = re.compile(r"uphill|hill|incline|上坡|爬坡", re.I)


def check_offers(weeks: list[dict], b: Bounds) -> list[Violation]:
    """Rule 46."""
    pool = "pool" in b.profile.equipment
    v = []
    for w in weeks:
        for s in w.get("sessions") or []:
            where = f"week {w.get('week')} day {s.get('day')}"
            for e in s.get("exercises") or []:
                text = f"{e.get('id', '')} {e.get('name', '')}".replace("_", " ")
                if UNSAFE_ROWS.search(text):
                    v.append(Violation(46, f"{where}: {e.get('name')} (a door frame or towel can give way)"))
                if not pool and (POOL.search(text) or "pool" in (e.get("equipment") or [])):
                    v.append(Violation(46, f"{where}: {e.get('name')} without a pool in the equipment"))
                if label_of(s) == "vigorous" and "hiking" in str(e.get("id")) and not HILL.search(
                        f"{e.get('name', '')} {e.get('name_zh', '')}"):
                    v.append(Violation(46, f"{where}: vigorous hiking not named uphill hiking"))
    return v

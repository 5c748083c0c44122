"""Workout logging."""
from __future__ import annotations

# The statuses a workout log may have; the log buttons and typed log words map onto these.
LOG_STATUSES = ("done", "too_easy", "too_hard", "pain", "skipped")

"""Repositories, one module per aggregate: the only place that writes SQL. Each function takes an open Session."""

from storage.repos import (  # noqa: F401 - callers write repos.<aggregate>.<question>(...)
    adjustments, alerts, checkins, deliveries, export, groups, inbox, memory, plans, profiles, readings, users,
    workouts,
)

"""Planning: the FITT-VP engine (template, schedule, exercise choice, sessions, rationale) and the plan validator."""
from coach.planning.context import Context, Slot, make_context
from coach.planning.engine import MAX_WEEKS, PlanError, make_plan
from coach.planning.names import name_implies
from coach.planning.schedule import strength_scheme, week_load
from coach.planning.sessions import INTENSITY, exercise_json, intensity
from coach.planning.zones import hr_max, karvonen
from coach.planning.template import FACTOR, aerobic_requirement
from coach.planning.validator import LABELS, Violation, validate_plan

__all__ = ["Context", "FACTOR", "INTENSITY", "LABELS", "MAX_WEEKS", "PlanError", "Slot", "Violation",
           "aerobic_requirement", "exercise_json", "hr_max", "intensity", "karvonen", "make_context", "make_plan",
           "name_implies", "strength_scheme", "validate_plan", "week_load"]

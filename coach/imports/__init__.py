"""Reading health data exported by devices and apps: one module per file format, and format detection.

Every parser streams its file and yields `Raw` readings already in the kind's canonical unit (coach.domain.metrics),
each keeping the value and unit the file had; what it cannot read is counted in a `Tally`, never raised.
Storing, cleaning and the summary are coach.services.imports'.
"""
from coach.imports.common import Raw, Tally  # noqa: F401
from coach.imports.detect import FORMATS, Format, UnknownFormat, detect, open_readings  # noqa: F401
